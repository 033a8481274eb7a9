"""iCalendar (RFC 5545) files of the dated séances: one per offer, one per structure, one for all.

UIDs are built from the offer and the séance's date and time, and DTSTAMP from the offer's
verification date, so that the same data always gives the same bytes and calendar apps update
an event instead of duplicating it when a file is re-imported.

The VTIMEZONE comes from the `icalendar` package; events are written here directly, because
building them through `icalendar` took 20 s for the 25,000 séances of a national-scale directory.
The tests parse every file back with `icalendar`.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import icalendar

from .. import referentials
from ..model import Directory, Offre
from ..schedule import PARIS
from ..text import one_line, printable
from . import common

ALL = "ical/annuaire.ics"
PRODID = "-//Annuaire de la médiation numérique//Séances//FR"
UID_DOMAIN = "annuaire-mediation"
TZID = "Europe/Paris"
# Offers in these states have their séances published as cancelled, so subscribers see it.
INACTIVE = ("suspendue", "terminee")
CRLF = "\r\n"



# Described on the « Données ouvertes » page; a key with <…> stands for a family of files.
FILES = {
    ALL: {
        "titre": "Agenda de toutes les séances",
        "format": "iCalendar",
        "description": "Toutes les séances datées, à importer ou à suivre dans un agenda (fuseau Europe/Paris).",
        "unite": "séances",
    },
    "ical/structures/<structure>.ics": {
        "titre": "Agenda d'une structure",
        "format": "iCalendar",
        "description": "Les séances datées des offres d'une structure.",
        "unite": "séances",
    },
    "ical/offres/<structure>--<offre>.ics": {
        "titre": "Agenda d'une offre",
        "format": "iCalendar",
        "description": "Les séances datées d'une offre programmée.",
        "unite": "séances",
    },
}

def offer_file(uid: str) -> str:
    return f"ical/offres/{common.file_id(uid)}.ics"


def structure_file(sid: str) -> str:
    return f"ical/structures/{sid}.ics"


# Every line break a reader may honour (CRLF, CR, LF, NEL, LS, PS): left raw, one of them would
# end the property and let the text forge new properties or events.
_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")


def escape(text: str) -> str:
    """TEXT value escaping (RFC 5545 § 3.3.11)."""
    text = printable(text).replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return _BREAK.sub("\\\\n", text)


def fold(line: str) -> str:
    """Lines longer than 75 octets are folded (RFC 5545 § 3.1), never inside a UTF-8 character."""
    if len(line.encode("utf-8")) <= 75:
        return line + CRLF
    parts, current, size, limit = [], [], 0, 75
    for ch in line:
        n = len(ch.encode("utf-8"))
        if size + n > limit:
            parts.append("".join(current))
            current, size, limit = [], 0, 74  # continuation lines start with a space
        current.append(ch)
        size += n
    parts.append("".join(current))
    return (CRLF + " ").join(parts) + CRLF


@dataclass(frozen=True)
class Seance:
    start: dt.datetime
    uid: str
    text: str  # the serialized VEVENT


def _stamp(day: str) -> str:
    return day.replace("-", "") + "T000000Z"


def _cancelled(o: Offre, day: str) -> bool:
    statut = o.get("statut")
    if not statut or statut["etat"] not in INACTIVE:
        return False
    return (statut.get("du") or day) <= day <= (statut.get("au") or day)


def events(directory: Directory, o: Offre) -> list[Seance]:
    structure = directory.structures.get(o.structure_id)
    segment = referentials.label("segments", o["segment"])
    stamp = _stamp(o["date_maj"])
    out, seen = [], {}
    for day, start, end, venue, theme, session in common.seances(directory, o):
        base = f"{common.file_id(o.uid)}--{day}-{start.replace(':', '')}"
        seen[base] = seen.get(base, 0) + 1
        uid = f"{base if seen[base] == 1 else f'{base}-{seen[base]}'}@{UID_DOMAIN}"
        compact = day.replace("-", "")
        lines = [one_line(o["resume"])]
        if structure:
            lines.append(f"Proposé par {structure['nom']}.")
        if session.get("places"):
            lines.append(f"{session['places']} places.")
        if (o.get("inscription") or {}).get("obligatoire"):
            how = ", ".join(referentials.label("modalites-acces", m).lower() for m in o["inscription"]["modalites"])
            lines.append(f"Inscription obligatoire ({how}).")
        if session.get("note"):
            lines.append(one_line(session["note"]))
        pauses = next((s.get("pauses", ()) for s in session.get("seances", ()) if (s["date"], s["debut"]) == (day, start)), ())
        if pauses:
            lines.append("Pause : " + ", ".join(f"{p['debut']}-{p['fin']}" for p in pauses) + ".")
        props = [
            "BEGIN:VEVENT",
            f"UID:{escape(uid)}",
            f"DTSTAMP:{stamp}",
            f"LAST-MODIFIED:{stamp}",
            f"DTSTART;TZID={TZID}:{compact}T{start.replace(':', '')}00",
            f"DTEND;TZID={TZID}:{compact}T{end.replace(':', '')}00",
            "SUMMARY:" + escape(f"{o['nom']} : {theme}" if theme else o["nom"]),
            "DESCRIPTION:" + escape("\n".join(lines)),
        ]
        if venue:
            lieu = directory.lieux[venue]
            props.append("LOCATION:" + escape(f"{lieu['nom']}, {lieu['adresse']}, {lieu['code_postal']} {lieu['commune']}"))
            coords = lieu.get("coordonnees") or {}
            if coords and not coords.get("approchees"):  # a commune's centre is not the place's position
                props.append(f"GEO:{float(coords['latitude'])};{float(coords['longitude'])}")
        props += [
            "CATEGORIES:" + escape(segment),
            "STATUS:" + ("CANCELLED" if _cancelled(o, day) else "CONFIRMED"),
            "TRANSP:OPAQUE",
            "END:VEVENT",
        ]
        when = dt.datetime.combine(dt.date.fromisoformat(day), dt.time.fromisoformat(start))
        out.append(Seance(when, uid, "".join(fold(p) for p in props)))
    return out


@cache
def _timezone(first_year: int, last_year: int) -> str:
    """Only the transitions of the years the file covers: the full 1970-2038 history would weigh
    on every file, and a range taken from the file alone keeps it unchanged when others change."""
    tz = icalendar.Timezone.from_tzinfo(PARIS, tzid=TZID, first_date=dt.date(first_year, 1, 1), last_date=dt.date(last_year, 12, 31))
    return tz.to_ical().decode("utf-8")


def calendar(name: str, seances: list[Seance], today: dt.date) -> bytes:
    years = [s.start.year for s in seances] or [today.year]
    head = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{escape(PRODID)}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"NAME:{escape(name)}",
        f"X-WR-CALNAME:{escape(name)}",
        f"X-WR-TIMEZONE:{TZID}",
    ]
    body = [s.text for s in sorted(seances, key=lambda s: (s.start, s.uid))]
    text = "".join(fold(line) for line in head) + _timezone(min(years) - 1, max(years) + 1) + "".join(body) + "END:VCALENDAR" + CRLF
    return text.encode("utf-8")


def _write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


def write(directory: Directory, out: Path, site_url: str | None = None) -> dict:
    per_offer = {uid: events(directory, o) for uid, o in directory.offres.items()}
    counts: dict[str, int] = {}
    per_structure: dict[str, list] = {}
    for uid, evs in per_offer.items():
        if not evs:
            continue
        o = directory.offres[uid]
        _write(out / offer_file(uid), calendar(o["nom"], evs, directory.today))
        counts[offer_file(uid)] = len(evs)
        per_structure.setdefault(o.structure_id, []).extend(evs)
    for sid, evs in sorted(per_structure.items()):
        name = directory.structures[sid]["nom"] if sid in directory.structures else sid
        _write(out / structure_file(sid), calendar(name, evs, directory.today))
        counts[structure_file(sid)] = len(evs)
    everything = [e for evs in per_offer.values() for e in evs]
    _write(out / ALL, calendar(common.PUBLISHER, everything, directory.today))
    counts[ALL] = len(everything)
    return counts
