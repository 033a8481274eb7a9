"""What every export format shares: plain JSON values, venue resolution, hours, file writing."""
from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from types import MappingProxyType

from .. import geography, referentials, schedule
from ..model import Directory, Lieu, Offre, venue_uid

# The name under which our records are published in the national aggregations (data·inclusion
# `source`, MedNum `source`); it also prefixes every exported id so they never clash with
# records of other sources.
SOURCE = "annuaire-mediation-numerique"
PUBLISHER = "Annuaire de la médiation numérique"
LICENCE = "Licence Ouverte / Open Licence 2.0 (Etalab)"
LICENCE_URL = "https://www.etalab.gouv.fr/licence-ouverte-open-licence"


def thaw(value):
    """The read-only model as plain JSON values (dicts and lists)."""
    if isinstance(value, (dict, MappingProxyType)):
        return {k: thaw(v) for k, v in value.items() if k != "$schema"}
    if isinstance(value, (list, tuple)):
        return [thaw(v) for v in value]
    return value


def file_id(uid: str) -> str:
    """`structure/offre` as a file-name-safe id; ids never contain "--", so this stays unambiguous."""
    return uid.replace("/", "--")


def mapped(referential: str, codes, key: str) -> list:
    """The `key` mapping of `codes`, flattened, unique, in the referential's order (so output is stable)."""
    wanted = set(codes)
    out: list = []
    for item in referentials.get(referential).items:
        if item.code not in wanted:
            continue
        value = item.get(key)
        for v in value if isinstance(value, list) else [value]:
            if v is not None and v not in out:
                out.append(v)
    return out


def ordered(referential: str, codes) -> list[str]:
    wanted = set(codes)
    return [c for c in referentials.get(referential).codes if c in wanted]


def latest(*dates) -> str:
    return max(d for d in dates if d)


def departements_of(directory: Directory, offre: Offre) -> list[str]:
    """Départements where the offer takes place: its venues', else its structure's territory."""
    codes = {geography.commune(directory.lieux[u]["code_insee"]) for u in offre.lieux}
    if not codes:
        territoire = directory.structure_of(offre).get("territoire", {})
        insee = list(territoire.get("communes", ()))
        for code in territoire.get("epci", ()):
            e = geography.epci(code)
            insee += list(e.membres) if e else []
        codes = {geography.commune(c) for c in insee}
    return sorted({c.departement for c in codes if c is not None})


def contact_of(*sources) -> dict:
    """The first value of each contact field among `sources` (offer, venue, structure, in that order)."""
    out: dict = {}
    for src in sources:
        for key, value in (src or {}).get("contact", {}).items():
            out.setdefault(key, value)
    return out


def reference_week(today: dt.date) -> tuple[dt.datetime, dt.datetime]:
    """The first full week (Monday to Monday) after `today` without a public holiday, so that
    weekly hours read from it are the usual ones."""
    holidays = schedule.parse("PH")
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
        for a, b, state, _ in schedule.parse(value).intervals(start, end):
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


def venue_hours(directory: Directory, lieu: Lieu, offres) -> str | None:
    """The venue's own hours, else the union of the hours of its spontaneous offers."""
    if lieu.get("horaires"):
        return lieu["horaires"]
    return union_hours([o["horaires"] for o in offres if o["configuration"] == "spontanee" and o.get("horaires")], directory.today)


def seances(directory: Directory, offre: Offre):
    """Every dated séance of the offer as (date, start, end, venue uid or None, theme, session)."""
    out = []
    default = offre.lieux[0] if offre.lieux else None
    for session in offre.get("sessions", ()):
        for s in session.get("seances", ()):
            ref = s.get("lieu") or session.get("lieu")
            uid = venue_uid(offre.structure_id, ref) if ref else default
            out.append((s["date"], s["debut"], s["fin"], uid if uid in directory.lieux else default, s.get("theme"), session))
    return sorted(out, key=lambda t: (t[0], t[1], t[2], t[3] or "", t[4] or ""))


_LINK = re.compile(r"\[([^\]]+)\]\((\S+?)\)")
_EMPHASIS = re.compile(r"(?<!\w)(\*\*|__|\*|_)(\S(?:.*?\S)?)\1(?!\w)")
_LIST_ITEM = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+", re.M)


def plain_text(markdown: str | None) -> str:
    """Our small Markdown subset as one line of plain text, for formats that have no markup."""
    text = _LINK.sub(lambda m: m.group(1) if m.group(2) in m.group(1) else f"{m.group(1)} ({m.group(2)})", markdown or "")
    text = _LIST_ITEM.sub("• ", text)
    for _ in range(2):  # bold inside italics
        text = _EMPHASIS.sub(r"\2", text)
    return one_line(text)


# C0 controls (but tab and newlines) are forbidden in XML 1.0 and in iCalendar text, yet a YAML
# escape sequence ("\x0b") can put them in a value.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def printable(text: str) -> str:
    return _CONTROL.sub("", text)


def one_line(text: str | None) -> str:
    return " ".join((text or "").split())


def shorten(text: str | None, limit: int) -> str:
    text = one_line(text)
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:.") + "…"


def write_text(path: Path, text: str, encoding: str = "utf-8") -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode(encoding))


def write_json(path: Path, value) -> None:
    write_text(path, json.dumps(value, ensure_ascii=False, indent=2) + "\n")


def address_fields(lieu: Lieu | None) -> dict:
    if lieu is None:
        return {}
    return {
        "adresse": lieu["adresse"],
        "complement_adresse": lieu.get("complement_adresse"),
        "code_postal": lieu["code_postal"],
        "commune": lieu["commune"],
        "code_insee": lieu["code_insee"],
        "latitude": lieu["coordonnees"]["latitude"],
        "longitude": lieu["coordonnees"]["longitude"],
    }
