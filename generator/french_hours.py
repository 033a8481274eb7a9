"""French free-text opening hours → OSM `opening_hours`, only when the text is unambiguous.

« Mercredi de 14h à 15h30 » → `We 14:00-15:30`; « Du lundi au vendredi de 9h à 12h et de 14h à
17h » → `Mo-Fr 09:00-12:00,14:00-17:00`. Anything the small grammar below does not cover
entirely (« le matin », « sur rendez-vous », « sauf vacances », « 1er mardi du mois ») gives None:
the importer then keeps the text as it is and the page shows it as written.
"""
from __future__ import annotations

import re
import unicodedata

from . import schedule

DAYS = ("Mo", "Tu", "We", "Th", "Fr", "Sa", "Su")
_DAY_NAMES = {"lundi": 0, "mardi": 1, "mercredi": 2, "jeudi": 3, "vendredi": 4, "samedi": 5, "dimanche": 6,
              "lun": 0, "mar": 1, "mer": 2, "jeu": 3, "ven": 4, "sam": 5, "dim": 6}
_TOKEN = re.compile(r"""
    (?P<time>\d{1,2}\s*(?:h|:)\s*(?:\d{2})?(?!\d)) |
    (?P<day>(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)s?|(?:lun|mar|mer|jeu|ven|sam|dim)\b\.?) |
    (?P<every>tous\s+les\s+jours|7\s*j\s*/\s*7) |
    (?P<to>\bau\b|\ba\b|-|–|—|jusqu'?a) |
    (?P<sep>\bet\b|,|;|/|\n|\.|:|\bde\b|\bdu\b|\bdes\b|\ble\b|\bles\b|\bfermeture\s+a\b|\bouvert\b) |
    (?P<space>\s+) |
    (?P<other>\S+)
""", re.X)


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.casefold().replace("midi", "12h"))
    return "".join(ch for ch in text if not unicodedata.combining(ch)).replace("’", "'")


def _minutes(token: str) -> int | None:
    m = re.fullmatch(r"(\d{1,2})\s*(?:h|:)\s*(\d{2})?", token)
    if not m:
        return None
    h, mi = int(m.group(1)), int(m.group(2) or 0)
    if h > 24 or mi > 59 or (h == 24 and mi):
        return None
    return h * 60 + mi


def _tokens(text: str) -> list[tuple[str, str]] | None:
    out = []
    for m in _TOKEN.finditer(_fold(text)):
        kind = m.lastgroup
        if kind == "space":
            continue
        if kind == "other":
            return None
        out.append((kind, m.group(kind)))
    return out


def _day(token: str) -> int:
    word = token.rstrip(".")
    return _DAY_NAMES[word[:-1] if word.endswith("s") and word[:-1] in _DAY_NAMES else word]


def parse_groups(text: str) -> list[tuple[list[int], list[tuple[int, int]]]] | None:
    """[(days, [(start, end) minutes])] read from `text`, or None when anything is not understood."""
    tokens = _tokens(text)
    if not tokens:
        return None
    groups: list[tuple[list[int], list[tuple[int, int]]]] = []
    days: list[int] = []
    ranges: list[tuple[int, int]] = []
    i = 0
    while i < len(tokens):
        kind, value = tokens[i]
        if kind in ("day", "every"):
            if ranges:
                groups.append((days, ranges))
                days, ranges = [], []
            if kind == "every":
                days.extend(range(7))
                i += 1
                continue
            first = _day(value)
            if i + 2 < len(tokens) and tokens[i + 1][0] == "to" and tokens[i + 2][0] == "day":
                last = _day(tokens[i + 2][1])
                if last < first:
                    return None
                days.extend(range(first, last + 1))
                i += 3
            else:
                days.append(first)
                i += 1
        elif kind == "time":
            if not (i + 2 < len(tokens) and tokens[i + 1][0] == "to" and tokens[i + 2][0] == "time") or not days:
                return None
            start, end = _minutes(value), _minutes(tokens[i + 2][1])
            if start is None or end is None or end <= start:
                return None
            ranges.append((start, end))
            i += 3
        elif kind in ("sep",):
            i += 1
        else:
            return None
    if days or ranges:
        groups.append((days, ranges))
    if not groups or any(not d or not r for d, r in groups):
        return None
    return groups


def _days_text(days: list[int]) -> str:
    return schedule.day_runs(days, DAYS, "-", ",")


def _hhmm(m: int) -> str:
    return f"{m // 60:02d}:{m % 60:02d}"


def to_osm(text: str) -> str | None:
    """The OSM value for an unambiguous French description of weekly hours, else None."""
    groups = parse_groups(text or "")
    if groups is None:
        return None
    per_day: dict[int, list[tuple[int, int]]] = {}
    for days, ranges in groups:
        for d in days:
            per_day.setdefault(d, []).extend(ranges)
    rules: list[tuple[list[int], str]] = []
    for d in sorted(per_day):
        merged: list[list[int]] = []
        for a, b in sorted(set(per_day[d])):
            if merged and a < merged[-1][1]:
                return None  # overlapping ranges for one day: not what anyone meant
            merged.append([a, b])
        spans = ",".join(f"{_hhmm(a)}-{_hhmm(b)}" for a, b in merged)
        same = next((r for r in rules if r[1] == spans), None)
        if same:
            same[0].append(d)
        else:
            rules.append(([d], spans))
    value = "; ".join(f"{_days_text(days)} {spans}" for days, spans in rules)
    return value if schedule.syntax_error(value) is None else None
