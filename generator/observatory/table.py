"""A figure's data as a table: columns, rows, an optional total row; rendered as CSV for download.

The page shows the same rows and total as the CSV holds, so a test can sum the CSV and compare."""
from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field

from ..text import spreadsheet_cell


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    numeric: bool = True
    summed: bool = True  # whether the total row (and a reader) may add this column up
    unit: str = ""


@dataclass
class Table:
    id: str
    caption: str
    columns: list[Column]
    rows: list[dict]
    total_label: str | None = "Total"  # None: no total row (values that do not add up)
    row_total: str | None = None  # key of a column that is the sum of the summed columns before it, row by row
    chart: dict | None = None  # kind and data of the SVG chart drawn from this table (generator.site.charts)
    description: str = ""  # what the chart shows, in words (the SVG's <desc>)

    @property
    def total(self) -> dict | None:
        if self.total_label is None or not self.rows:
            return None
        first = self.columns[0].key
        out = {c.key: "" for c in self.columns}
        out[first] = self.total_label
        for c in self.columns[1:]:
            if c.numeric and c.summed:
                out[c.key] = round_sum(r.get(c.key) for r in self.rows)
        return out

    def csv(self) -> bytes:
        """UTF-8 with a byte-order mark (spreadsheets guess the encoding otherwise), comma-separated,
        numbers with a dot; the total row is left out: the file holds the data, a reader adds it up."""
        buf = io.StringIO()
        writer = csv.writer(buf, lineterminator="\r\n")
        writer.writerow([c.label + (f" ({c.unit})" if c.unit else "") for c in self.columns])
        for row in self.rows:
            writer.writerow([plain(row.get(c.key)) if c.numeric else spreadsheet_cell(plain(row.get(c.key))) for c in self.columns])
        return ("\ufeff" + buf.getvalue()).encode("utf-8")


def round_sum(values) -> float | int:
    total = sum(v for v in values if isinstance(v, (int, float)))
    return round(total, 2) if isinstance(total, float) else total


def plain(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.2f}".rstrip("0").rstrip(".")
    return str(value)


@dataclass
class Figure:
    """One section of an observatory page: tables (each with its chart, if any) and words to read them with."""

    id: str
    title: str
    description: str
    tables: list[Table]
    legend: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    key_figures: list[tuple[str, str]] = field(default_factory=list)  # (value, what it is)
    downloads: list[Table] = field(default_factory=list)  # tables offered as CSV only (too long for the page)
