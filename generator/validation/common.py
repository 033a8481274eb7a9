"""Checks shared by several document kinds: dates, periods, opening hours, freshness."""
from __future__ import annotations

import datetime as dt

from .. import schedule
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
        report.emit(doc.path, doc.pos(path), "horaires", valeur=value, probleme=problem)


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
