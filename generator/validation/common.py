"""Checks shared by several document kinds: dates, periods, opening hours, freshness."""
from __future__ import annotations

import datetime as dt
import re
import unicodedata

from .. import french_hours, schedule
from ..diagnostics import Report
from ..load import Document

STALE_WARNING_DAYS = 183
STALE_DAYS = 365


def as_date(value) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value)
    except (TypeError, ValueError):
        return None


def hours(doc: Document, path: tuple, value, report: Report) -> None:
    if not isinstance(value, str):
        return
    problem = schedule.syntax_error(value)
    if problem:
        # People write « lundi 9h-12h »: when the French reads unambiguously, give the value to write.
        suggestion = french_hours.to_osm(value)
        report.emit(doc.path, doc.pos(path), "horaires", valeur=value, probleme=problem,
                    hint=f"Écrivez « {suggestion} » (format OpenStreetMap)." if suggestion else None)


def period(doc: Document, base: tuple, start, end, end_key: str, report: Report) -> bool:
    """False (and an error at the end date) when the end comes before the start."""
    a, b = as_date(start), as_date(end)
    if a and b and b < a:
        report.emit(doc.path, doc.pos(base + (end_key,)), "dates", quoi=f"la date de fin ({end}) est avant la date de début ({start})",
                    conseil="Vérifiez l'année et l'ordre des dates (AAAA-MM-JJ).")
        return False
    return True


def check_freshness(doc: Document, ctx, report: Report) -> None:
    value = doc.data.get("date_maj")
    d = as_date(value)
    if d is None:
        return
    pos = doc.pos(("date_maj",))
    age = (ctx.today - d).days
    if age < -1:
        report.emit(doc.path, pos, "date-future", date=value)
    elif age > STALE_DAYS:
        report.emit(doc.path, pos, "perime", date=value)
    elif age > STALE_WARNING_DAYS:
        report.emit(doc.path, pos, "a-verifier", date=value)


# Invisible characters a YAML escape ("\x0b", "\u2028") can put in a text: they break the line
# structure of CSV, iCalendar and XML files, or are not allowed in XML at all.
_FORBIDDEN = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ufdd0-\ufdef\ufffe\uffff]")
# Characters that change the writing direction: text can then display unlike what it says.
_BIDI = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_WORD = re.compile(r"\w+")
_SCRIPTS = {"LATIN": "latines", "CYRILLIC": "cyrilliques", "GREEK": "grecques"}


def _strings(value, path=()):
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for k, v in value.items():
            yield from _strings(v, path + (k,))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from _strings(v, path + (i,))


def _where(path) -> str:
    return ".".join(f"[{p + 1}]" if isinstance(p, int) else p for p in path).replace(".[", "[") or "le fichier"


def _scripts(word: str) -> set[str]:
    found = set()
    for ch in word:
        if ch.isalpha():
            name = unicodedata.name(ch, "").split(" ", 1)[0]
            if name in _SCRIPTS:
                found.add(name)
    return found


def check_characters(doc: Document, ctx, report: Report) -> None:
    for path, text in _strings(doc.data):
        where = _where(path)
        bad = _FORBIDDEN.search(text)
        if bad:
            report.emit(doc.path, doc.pos(path), "caractere-interdit", point=f"U+{ord(bad.group()):04X}", ou=where)
        bidi = _BIDI.search(text)
        if bidi:
            report.emit(doc.path, doc.pos(path), "texte-bidi", point=f"U+{ord(bidi.group()):04X}", ou=where)
        if path and path[-1] == "nom":
            for word in _WORD.findall(text):
                scripts = _scripts(word)
                if len(scripts) > 1:
                    report.emit(doc.path, doc.pos(path), "nom-trompeur", mot=word, ou=where,
                                alphabets=" et ".join(_SCRIPTS[s] for s in sorted(scripts)))
                    break
