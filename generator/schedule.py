"""Opening hours (OSM `opening_hours` syntax) and dated séances."""
from __future__ import annotations

from functools import cache
from zoneinfo import ZoneInfo

import opening_hours

PARIS = ZoneInfo("Europe/Paris")


@cache
def parse(value: str) -> opening_hours.OpeningHours:
    # Without country="FR", "PH off" (public holidays) would be silently ignored.
    return opening_hours.OpeningHours(value, country="FR", timezone=PARIS)


def minutes(hhmm: str) -> int:
    """Minutes since midnight of a validated "HH:MM"."""
    h, m = hhmm.split(":")
    return int(h) * 60 + int(m)


def syntax_error(value: str) -> str | None:
    """None when `value` parses, else the parser's explanation."""
    if opening_hours.validate(value):
        return None
    try:
        parse(value)
    except Exception as exc:  # the library raises ParserError, and other errors on odd input
        return str(exc).strip().splitlines()[0] if str(exc).strip() else "syntaxe non reconnue"
    return "syntaxe non reconnue"
