"""When the offer is there: weekly heat-maps (day × hour) of the hours without appointment (accès
libre, permanences) and of the séances, the share of hours after 18 h and on Saturdays, and the
weekly hours month by month (the report's « 106 h in summer, 93 h the rest of the year »).

Hours without appointment are read on a usual week (the first full week after the reference day
without a public holiday); an offer with hours per venue counts at each of its venues, one with
common hours once. Séances are those of the next twelve months: dated séances (pauses taken out)
and the weekly occurrences of a recurrence."""
from __future__ import annotations

import datetime as dt
from collections import Counter
from functools import cache

import opening_hours

from .. import schedule
from ..model import Offre, venue_uid
from .facts import Facts
from .scopes import Scope
from .table import Column, Figure, Table

DAYS = ("Lundi", "Mardi", "Mercredi", "Jeudi", "Vendredi", "Samedi", "Dimanche")
SHORT_DAYS = ("Lun", "Mar", "Mer", "Jeu", "Ven", "Sam", "Dim")
MONTHS = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre")
EVENING = 18  # the report's « hors temps de travail »: after 18 h
SATURDAY, SUNDAY = 5, 6
WINDOW_DAYS = 365
DEFAULT_HOURS = range(8, 20)  # rows shown even when empty, so that maps of two territories compare


def _add(slots: list[float], start: dt.datetime, end: dt.datetime, weekday_of=None) -> None:
    """Add the minutes of [start, end) to the (weekday × hour) slots, cut at each hour."""
    while start < end:
        nxt = min(end, (start + dt.timedelta(hours=1)).replace(minute=0, second=0, microsecond=0))
        slots[start.weekday() * 24 + start.hour] += (nxt - start).total_seconds() / 60
        start = nxt


def open_intervals(value: str, start: dt.datetime, end: dt.datetime):
    """Open intervals of an OSM value between two naive local times, as naive local times."""
    for a, b, state, _ in schedule.parse(value).intervals(start, end):
        if state == opening_hours.State.OPEN:
            yield a.replace(tzinfo=None), b.replace(tzinfo=None)


@cache
def week_total(value: str, monday: dt.date) -> float:
    return sum(week_slots(value, monday))


@cache
def week_slots(value: str, monday: dt.date) -> tuple[float, ...]:
    """Open minutes of each (weekday × hour) slot of the week starting `monday`."""
    slots = [0.0] * (7 * 24)
    start = dt.datetime.combine(monday, dt.time(0))
    for a, b in open_intervals(value, start, start + dt.timedelta(days=7)):
        _add(slots, a, b)
    return tuple(slots)


def spontaneous_units(facts: Facts, scope: Scope):
    """(offer, venue or None, hours) of each running offer without appointment in the scope."""
    for o in facts.offers_in(scope):
        if o["configuration"] != "spontanee":
            continue
        if o.per_venue_hours:
            for venue, hours in o.hours_by_venue.items():
                if facts.venue_in(venue, scope):
                    yield o, venue, hours
        elif o.weekly_hours:
            yield o, None, o.weekly_hours


def seance_slots(facts: Facts, offre: Offre, scope: Scope) -> list[float]:
    """Minutes of séances of the next twelve months in each (weekday × hour) slot, for the scope."""
    cache = facts.memo.setdefault("seance_slots", {})  # per offer, for every territory it is in
    if offre.uid not in cache:
        cache[offre.uid] = _seance_slots_by_commune(facts, offre)
    parts = [part for commune, part in cache[offre.uid].items() if commune is None or commune in scope.communes]
    return [sum(values) for values in zip(*parts)] if len(parts) > 1 else list(parts[0]) if parts else [0.0] * (7 * 24)


def _seance_slots_by_commune(facts: Facts, offre: Offre) -> dict:
    """Commune of the séance's venue (None: the offer's places as a whole) → slots."""
    today = facts.directory.today
    end = today + dt.timedelta(days=WINDOW_DAYS)
    out: dict = {}
    first = offre.lieux[0] if offre.lieux else None
    for session in offre.get("sessions", ()):
        for s in session.get("seances", ()):
            day = dt.date.fromisoformat(s["date"])
            if not today <= day < end:
                continue
            ref = s.get("lieu") or session.get("lieu")
            venue = venue_uid(offre.structure_id, ref) if ref else first
            lieu = facts.directory.lieux.get(venue) if venue else None
            slots = out.setdefault(lieu["code_insee"] if lieu else None, [0.0] * (7 * 24))
            cuts = sorted((schedule.minutes(p["debut"]), schedule.minutes(p["fin"])) for p in s.get("pauses", ()))
            position = schedule.minutes(s["debut"])
            for a, b in [*cuts, (schedule.minutes(s["fin"]), schedule.minutes(s["fin"]))]:
                midnight = dt.datetime.combine(day, dt.time(0))
                _add(slots, midnight + dt.timedelta(minutes=position), midnight + dt.timedelta(minutes=a))
                position = b
    rec = offre.get("recurrence")
    if rec:
        since = max(today, dt.date.fromisoformat(rec["du"])) if rec.get("du") else today
        until = min(end, dt.date.fromisoformat(rec["au"]) + dt.timedelta(days=1)) if rec.get("au") else end
        if since < until:
            slots = out.setdefault(None, [0.0] * (7 * 24))
            for a, b in open_intervals(rec["horaires"], dt.datetime.combine(since, dt.time(0)), dt.datetime.combine(until, dt.time(0))):
                _add(slots, a, b)
    return out


@cache
def first_week_of(month_start: dt.date) -> dt.date:
    """Monday of the first full week of the month without a public holiday."""
    return schedule.reference_week(month_start - dt.timedelta(days=1))[0].date()


def months_ahead(today: dt.date, count: int = 12) -> list[dt.date]:
    year, month = today.year, today.month
    out = []
    for _ in range(count):
        month += 1
        if month > 12:
            year, month = year + 1, 1
        out.append(dt.date(year, month, 1))
    return out


def _heatmap_table(table_id: str, caption: str, slots: list[float], unit: str, description: str) -> Table:
    hours = sorted(set(DEFAULT_HOURS) | {i % 24 for i, v in enumerate(slots) if v})
    columns = [Column("heure", "Heure", numeric=False)] + [Column(d.lower(), d, unit=unit) for d in DAYS] + [Column("total", "Total", unit=unit)]
    rows = []
    for h in range(min(hours), max(hours) + 1):
        values = {DAYS[d].lower(): round(slots[d * 24 + h] / 60, 2) for d in range(7)}
        rows.append({"heure": f"{h} h – {h + 1} h", **values, "total": round(sum(values.values()), 2)})
    chart = {"kind": "heatmap", "rows": [r["heure"] for r in rows], "columns": list(SHORT_DAYS),
             "values": [[r[d.lower()] for d in DAYS] for r in rows], "unit": "heures"}
    return Table(table_id, caption, columns, rows, row_total="total", chart=chart, description=description)


def shares(slots: list[float]) -> dict:
    total = sum(slots)
    evening = sum(v for i, v in enumerate(slots) if i % 24 >= EVENING)
    saturday = sum(slots[SATURDAY * 24:(SATURDAY + 1) * 24])
    sunday = sum(slots[SUNDAY * 24:(SUNDAY + 1) * 24])
    pct = lambda part: round(100 * part / total) if total else 0
    return {"heures": round(total / 60, 2), "soir": pct(evening), "samedi": pct(saturday), "dimanche": pct(sunday)}


def _describe(what: str, s: dict) -> str:
    if not s["heures"]:
        return f"Aucune heure de {what} sur ce territoire."
    return (f"{what.capitalize()} : {_fr(s['heures'])} heures en tout ; {s['soir']} % après 18 h, {s['samedi']} % le samedi, "
            f"{s['dimanche']} % le dimanche. Les cases les plus foncées sont les heures les plus couvertes.")


def _fr(value) -> str:
    return f"{value:g}".replace(".", ",")


def figure(facts: Facts, scope: Scope) -> Figure:
    today = facts.directory.today
    monday = schedule.reference_week(today)[0].date()
    # Many offers share the same hours: each distinct value is read once and counted as many times.
    units = Counter(hours for _, _, hours in spontaneous_units(facts, scope))
    open_slots = [0.0] * (7 * 24)
    for hours, n in sorted(units.items()):
        open_slots = [a + b * n for a, b in zip(open_slots, week_slots(hours, monday))]
    programmed = [seance_slots(facts, o, scope) for o in facts.offers_in(scope) if o["configuration"] == "programmee"]
    seance = [sum(values) for values in zip(*programmed)] if programmed else [0.0] * (7 * 24)
    s_open, s_seance = shares(open_slots), shares(seance)
    week_label = f"semaine du {monday.day} {MONTHS[monday.month - 1]} {monday.year}"
    t_open = _heatmap_table("heures-sans-rendez-vous", f"Heures d'ouverture sans rendez-vous (accès libre, permanences), {week_label}",
                            open_slots, "h", _describe("ouverture sans rendez-vous", s_open))
    last = today + dt.timedelta(days=WINDOW_DAYS - 1)
    t_seance = _heatmap_table("heures-seances", f"Heures de séances programmées du {today.day} {MONTHS[today.month - 1]} {today.year} "
                              f"au {last.day} {MONTHS[last.month - 1]} {last.year}", seance, "h", _describe("séances", s_seance))
    monthly_rows = []
    for month in months_ahead(today):
        week = first_week_of(month)
        total = sum(week_total(h, week) * n for h, n in sorted(units.items())) / 60
        monthly_rows.append({"mois": f"{MONTHS[month.month - 1]} {month.year}", "semaine": week.isoformat(), "heures": round(total, 2)})
    t_month = Table("heures-par-mois", "Heures d'ouverture sans rendez-vous d'une semaine ordinaire de chaque mois",
                    [Column("mois", "Mois", numeric=False), Column("semaine", "Semaine du", numeric=False), Column("heures", "Heures", unit="h", summed=False)],
                    monthly_rows, total_label=None,
                    chart={"kind": "bars", "labels": [r["mois"] for r in monthly_rows], "series": [("Heures par semaine", [r["heures"] for r in monthly_rows])], "unit": "h"},
                    description="Heures d'ouverture sans rendez-vous par semaine, mois par mois : "
                                + ", ".join(f"{r['mois']} {_fr(r['heures'])} h" for r in monthly_rows) + ".")
    key = [(f"{_fr(s_open['heures'])} h", "d'ouverture sans rendez-vous par semaine"),
           (f"{s_open['soir']} %", "de ces heures après 18 h"), (f"{s_open['samedi']} %", "le samedi"),
           (f"{_fr(s_seance['heures'])} h", "de séances dans les 12 prochains mois"),
           (f"{s_seance['soir']} %", "des séances après 18 h"), (f"{s_seance['samedi']} %", "le samedi")]
    return Figure("horaires", "Heures de la semaine",
                  "À quelles heures on trouve de l'aide : les cases foncées sont les heures les plus couvertes. Le rapport "
                  "relève que les offres hors des heures de travail (soir, samedi) sont rares, ce qui écarte les actifs.",
                  [t_open, t_seance, t_month], key_figures=key,
                  notes=["Une offre dont les horaires changent d'un lieu à l'autre compte dans chacun de ses lieux ; "
                         "une offre aux horaires communs à plusieurs lieux compte une fois.",
                         "Les pauses des séances ne sont pas comptées."])
