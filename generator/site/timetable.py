"""When an offer happens: weekly table from OSM opening hours, open intervals for the browser
badge, upcoming dated séances. Everything is computed from `directory.today`, never the clock."""
from __future__ import annotations

import datetime as dt

import opening_hours

from ..schedule import PARIS, parse
from .french import DAYS, as_date, date_long, date_short, hhmm, time_fr

BADGE_DAYS = 28  # the browser badge works for four weeks after the build; past that it stays hidden


def week_start(today: dt.date) -> dt.date:
    return today - dt.timedelta(days=today.weekday())


def _at(day: dt.date) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, tzinfo=PARIS)


def _label(start: dt.datetime, end: dt.datetime) -> str:
    # An interval ending at midnight belongs to the day it started.
    end_text = "24 h" if end.date() > start.date() and end.hour == 0 and end.minute == 0 else time_fr(end.hour, end.minute)
    return f"{time_fr(start.hour, start.minute)} – {end_text}"


def weekly_table(value: str | None, today: dt.date) -> dict | None:
    """One row per day of the reference week (the week of `today`), holidays included."""
    if not value:
        return None
    oh = parse(value)
    monday = week_start(today)
    rows = []
    for offset in range(7):
        day = monday + dt.timedelta(days=offset)
        ranges = []
        for start, end, state, comment in oh.intervals(_at(day), _at(day + dt.timedelta(days=1))):
            # "unknown" with a comment is how OSM says "sur rendez-vous": worth showing.
            if state == opening_hours.State.OPEN or (state == opening_hours.State.UNKNOWN and comment):
                ranges.append(f"{_label(start, end)} ({comment})" if comment else _label(start, end))
        rows.append({"jour": DAYS[offset].capitalize(), "plages": ranges})
    return {"lignes": rows, "du": date_short(monday), "au": date_short(monday + dt.timedelta(days=6))}


def open_slots(value: str | None, today: dt.date, since=None, until=None) -> str:
    """Open intervals as "start-end" epoch seconds, for the small script that says "ouvert maintenant";
    `since`/`until` (dates, inclusive) bound a recurrence that has a first and a last day."""
    if not value:
        return ""
    oh = parse(value)
    start = _at(week_start(today))
    end = start + dt.timedelta(days=BADGE_DAYS)
    if since and as_date(since):
        start = max(start, _at(as_date(since)))
    if until and as_date(until):
        end = min(end, _at(as_date(until) + dt.timedelta(days=1)))
    if end <= start:
        return ""
    parts = [f"{int(a.timestamp())}-{int(b.timestamp())}"
             for a, b, state, _ in oh.intervals(start, end)
             if state == opening_hours.State.OPEN]
    return " ".join(parts)


def upcoming_seances(sessions, today: dt.date, limit: int | None = 5) -> list[dict]:
    found = []
    for index, session in enumerate(sessions or ()):
        for seance in session.get("seances", ()):
            day = as_date(seance["date"])
            if day and day >= today:
                found.append((day, seance["debut"], index, seance, session))
    found.sort(key=lambda t: (t[0], t[1], t[2]))
    if limit is not None:
        found = found[:limit]
    return [{"date": date_long(day), "iso": day.isoformat(), "debut": hhmm(seance["debut"]), "fin": hhmm(seance["fin"]),
             "theme": seance.get("theme"), "lieu": seance.get("lieu") or session.get("lieu"), "session": index,
             "pauses": [f"{hhmm(p['debut'])} – {hhmm(p['fin'])}" for p in seance.get("pauses", ())],
             # A one-séance session is listed only as its séance, so its places go with it.
             "places": session.get("places") if len(session.get("seances", ())) == 1 else None}
            for day, _, index, seance, session in found]


def session_summaries(sessions, today: dt.date) -> list[dict]:
    """Sessions still to come or running, in date order; a one-séance session is shown as its séance."""
    out = []
    for index, session in enumerate(sessions or ()):
        start, end = as_date(session["debut"]), as_date(session["fin"])
        if (end and end < today) or len(session.get("seances", ())) == 1:
            continue
        out.append({"debut": date_short(start), "fin": date_short(end), "iso": start.isoformat() if start else "",
                    "en_cours": bool(start and start <= today), "places": session.get("places"), "note": session.get("note"),
                    "lieu": session.get("lieu"), "seances": len(session.get("seances", ())), "index": index})
    out.sort(key=lambda s: (s["iso"], s["index"]))
    return out
