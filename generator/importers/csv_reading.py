"""CSV files as real exports make them: UTF-8 with or without BOM, or Windows-1252; `,` or `;`;
RFC 4180 quoting (doubled quotes, commas and line breaks inside quoted fields).

Read with the csv module on a file object, never line by line (a quoted field may span lines),
and with the quoting rules set explicitly: csv.Sniffer may guess `doublequote=False` and turn
the doubled quotes of « Agence ""La Grange"" » into garbage, so only its delimiter guess is used.
"""
from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path

DELIMITERS = ",;\t"
MAX_BYTES = 200 * 1024 * 1024


class SourceError(Exception):
    """A file that cannot be read at all; the message is French and says what to do."""


@dataclass(frozen=True)
class SourceRow:
    number: int  # record number as a spreadsheet shows it (the header is row 1)
    line: int  # first line of the record in the text file (differs after embedded line breaks)
    values: dict = field(default_factory=dict)

    def get(self, key: str) -> str:
        return self.values.get(key, "")

    def where(self) -> str:
        return f"ligne {self.number}" + (f" (ligne {self.line} du fichier texte)" if self.line != self.number else "")


@dataclass(frozen=True)
class Table:
    header: tuple[str, ...]
    rows: tuple[SourceRow, ...]
    encoding: str
    delimiter: str
    # Header cells that were blank, repeated or not stripped: reported, never silently merged.
    header_notes: tuple[str, ...] = ()


def decode(data: bytes) -> tuple[str, str]:
    """(text, encoding name): UTF-8 (BOM or not), else Windows-1252 (Excel's « CSV » on Windows)."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8"), "UTF-8 (avec BOM)"
    try:
        return data.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError as exc:
        raise SourceError("encodage illisible : ni UTF-8 ni Windows-1252 (réenregistrez le fichier en « CSV UTF-8 »)") from exc
    return text, "Windows-1252"


def _delimiter(text: str) -> str:
    """The delimiter of the header line: the most frequent of `,` `;` tab outside quotes."""
    header = []
    quoted = False
    for ch in text:
        if ch == '"':
            quoted = not quoted
        elif ch in "\r\n" and not quoted:
            break
        elif not quoted:
            header.append(ch)
    counts = {d: header.count(d) for d in DELIMITERS}
    best = max(DELIMITERS, key=lambda d: counts[d])
    return best if counts[best] else ","


def parse(text: str) -> Table:
    delimiter = _delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, quotechar='"', doublequote=True,
                        skipinitialspace=False, strict=False)
    try:
        raw_header = next(reader)
    except StopIteration:
        raise SourceError("fichier vide") from None
    except csv.Error as exc:
        raise SourceError(f"en-tête illisible ({exc})") from exc
    notes = []
    header = []
    for i, name in enumerate(raw_header):
        clean = name.strip().lstrip("\ufeff").strip()
        if not clean:
            notes.append(f"colonne n° {i + 1} sans nom : ignorée")
        elif clean in header:
            notes.append(f"colonne « {clean} » en double (n° {i + 1}) : seule la première est lue")
            clean = ""
        header.append(clean)
    rows = []
    number = 1
    line = reader.line_num + 1
    try:
        for cells in reader:
            number += 1
            if not any(c.strip() for c in cells):
                line = reader.line_num + 1
                continue
            values = {}
            for name, cell in zip(header, cells):
                if name:
                    values[name] = cell.strip()
            if len(cells) > len(header):
                extra = [c for c in cells[len(header):] if c.strip()]
                if extra:
                    values["__en_trop__"] = " | ".join(extra)
            rows.append(SourceRow(number, line, values))
            line = reader.line_num + 1
    except csv.Error as exc:
        raise SourceError(f"ligne {number + 1} : CSV illisible ({exc})") from exc
    return Table(tuple(header), tuple(rows), "", delimiter, tuple(notes))


def read(path: Path) -> Table:
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise SourceError(f"fichier trop gros ({size // (1024 * 1024)} Mio) : découpez-le")
        data = path.read_bytes()
    except OSError as exc:
        raise SourceError(f"lecture impossible ({exc.strerror or exc})") from exc
    text, encoding = decode(data)
    table = parse(text)
    return Table(table.header, table.rows, encoding, table.delimiter, table.header_notes)
