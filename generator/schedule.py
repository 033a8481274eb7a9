"""Opening hours (OSM `opening_hours` syntax) and dated séances."""
from __future__ import annotations

import datetime as dt
import re
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


def seance_minutes(seance) -> int:
    """Minutes of activity in a dated séance: from start to end, its pauses taken out."""
    span = minutes(seance["fin"]) - minutes(seance["debut"])
    return span - sum(minutes(p["fin"]) - minutes(p["debut"]) for p in seance.get("pauses", ()))


_WHERE = re.compile(r"-->\s*(\d+):(\d+)")


def syntax_error(value: str) -> str | None:
    """None when `value` parses, else where it stops being readable, in French (the parser speaks English)."""
    if opening_hours.validate(value):
        return None
    try:
        parse(value)
    except Exception as exc:  # the library raises ParserError, and other errors on odd input
        where = _WHERE.search(str(exc))
        if where:
            column = int(where.group(2))
            rest = value[column - 1:column + 19].strip()
            if column <= 1:
                return "illisible dès le début"
            return f"illisible à partir du caractère {column}" + (f" : « {rest} »" if rest else " : la fin est incomplète")
    return "syntaxe non reconnue"


def reference_week(today: dt.date) -> tuple[dt.datetime, dt.datetime]:
    """The first full week (Monday to Monday) after `today` without a public holiday, so that
    weekly hours read from it are the usual ones."""
    holidays = parse("PH")
    monday = today + dt.timedelta(days=7 - today.weekday())
    for _ in range(10):
        start = dt.datetime.combine(monday, dt.time(0, 0))
        if not any(holidays.is_open(start + dt.timedelta(days=i, hours=12)) for i in range(7)):
            return start, start + dt.timedelta(days=7)
        monday += dt.timedelta(days=7)
    return start, start + dt.timedelta(days=7)


_DAYS = ("Mo", "Tu", "We", "Th", "Fr", "Sa", "Su")
_PH_OFF = re.compile(r"(^|;)\s*PH\s+off\s*($|;)")


def union_hours(values, today: dt.date) -> str | None:
    """One OSM `opening_hours` value open whenever any of `values` is.

    Joining the strings with ";" would be wrong (a later rule overrides earlier ones on the same
    days), so the union is computed on a usual week and written back as weekly ranges; "PH off"
    is kept when every value closes on public holidays."""
    values = sorted(set(v for v in values if v))
    if len(values) <= 1:
        return values[0] if values else None
    start, end = reference_week(today)
    per_day: dict[int, list[tuple[int, int]]] = {}
    for value in values:
        for a, b, state, _ in parse(value).intervals(start, end):
            if state == type(state).OPEN:
                a, b = a.replace(tzinfo=None), b.replace(tzinfo=None)
                while a < b:
                    day_end = min(b, dt.datetime.combine(a.date() + dt.timedelta(days=1), dt.time(0)))
                    m0 = a.hour * 60 + a.minute
                    m1 = (day_end - dt.datetime.combine(a.date(), dt.time(0))).seconds // 60 or 24 * 60
                    per_day.setdefault(a.weekday(), []).append((m0, m1))
                    a = day_end
    rules = []
    for day in range(7):
        merged: list[list[int]] = []
        for a, b in sorted(per_day.get(day, [])):
            if merged and a <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], b)
            else:
                merged.append([a, b])
        if merged:
            rules.append((_DAYS[day], ",".join(f"{a // 60:02d}:{a % 60:02d}-{b // 60:02d}:{b % 60:02d}" for a, b in merged)))
    # Consecutive days with the same ranges are grouped, as people write them.
    grouped: list[list] = []
    for day, ranges in rules:
        idx = _DAYS.index(day)
        if grouped and grouped[-1][2] == ranges and _DAYS.index(grouped[-1][1]) == idx - 1:
            grouped[-1][1] = day
        else:
            grouped.append([day, day, ranges])
    text = "; ".join(f"{a if a == b else a + ('-' if _DAYS.index(b) - _DAYS.index(a) > 1 else ',') + b} {r}" for a, b, r in grouped)
    if not text:
        text = "off"
    if all(_PH_OFF.search(v) for v in values):
        text += "; PH off"
    return text


def day_runs(days: list[int], names, dash: str, sep: str) -> str:
    """Sorted day numbers (0 = Monday) as text, three days or more in a row as a range:
    [0, 1, 2, 4] → « Mo-We,Fr » (OSM) or « lun.–mer., ven. » (French), depending on `names`, `dash`, `sep`."""
    runs: list[list[int]] = []
    for d in days:
        if runs and runs[-1][-1] == d - 1:
            runs[-1].append(d)
        else:
            runs.append([d])
    parts = []
    for run in runs:
        parts += [f"{names[run[0]]}{dash}{names[run[-1]]}"] if len(run) >= 3 else [names[d] for d in run]
    return sep.join(parts)
