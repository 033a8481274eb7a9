"""French display of dates, times and phone numbers (the site speaks French, the data is ISO)."""
from __future__ import annotations

import datetime as dt

from .. import phones

DAYS = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")
MONTHS = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
          "novembre", "décembre")


def as_date(value) -> dt.date | None:
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        return None


def date_long(value) -> str:
    """« lundi 12 janvier 2027 »."""
    d = as_date(value)
    if d is None:
        return str(value)
    day = "1er" if d.day == 1 else str(d.day)
    return f"{DAYS[d.weekday()]} {day} {MONTHS[d.month - 1]} {d.year}"


def date_short(value) -> str:
    """« 12 janvier 2027 »."""
    d = as_date(value)
    if d is None:
        return str(value)
    day = "1er" if d.day == 1 else str(d.day)
    return f"{day} {MONTHS[d.month - 1]} {d.year}"


def time_fr(hours: int, minutes: int) -> str:
    """French typographic convention: « 9 h », « 12 h 30 »."""
    return f"{hours} h" if minutes == 0 else f"{hours} h {minutes:02d}"


def hhmm(value: str) -> str:
    h, m = str(value).split(":")
    return time_fr(int(h), int(m))


def phone_display(number: str) -> str:
    """+33199001234 → 01 99 00 12 34, +262262123456 → 0262 12 34 56 (how people dial it)."""
    return phones.display(number)


def plural(count: int, singular: str, plural_form: str | None = None) -> str:
    return f"{count} {singular if count <= 1 else (plural_form or singular + 's')}"
