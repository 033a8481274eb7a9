"""Rules for the time of an offer that the schema cannot express: hours per venue, pauses inside a
séance, a time limit per person, the planned status, and the total duration against the séances."""
from __future__ import annotations

from .. import schedule
from ..diagnostics import Report
from ..load import Document
from ..model import venue_uid
from . import common

# A declared total and the séances may differ by rounding (1 h 30 written 1.5): under a minute is equal.
DURATION_TOLERANCE_MIN = 1


def check_hours_per_venue(doc: Document, ctx, report: Report) -> None:
    """Each entry names a venue of the offer, once, with readable hours; a spontaneous offer without
    common hours gives the hours of every one of its venues."""
    data = doc.data
    entries = data.get("horaires_par_lieu", ())
    venues = [venue_uid(ctx.structure_id, r) for r in data.get("lieux", ())]
    listing = ", ".join(data.get("lieux", ())) or "aucun"
    seen: dict[str, int] = {}
    for i, entry in enumerate(entries):
        path = ("horaires_par_lieu", i)
        uid = venue_uid(ctx.structure_id, entry["lieu"])
        if uid not in venues:
            report.emit(doc.path, doc.pos(path + ("lieu",)), "horaires-lieu-inconnu", lieu=entry["lieu"], lieux=listing)
        elif uid in seen:
            report.emit(doc.path, doc.pos(path + ("lieu",)), "horaires-lieu-double", lieu=entry["lieu"], numero=seen[uid] + 1)
        seen.setdefault(uid, i)
        common.hours(doc, path + ("horaires",), entry["horaires"], report)
    if entries and data["configuration"] == "spontanee" and not data.get("horaires"):
        for i, ref in enumerate(data.get("lieux", ())):
            if venue_uid(ctx.structure_id, ref) not in seen:
                report.emit(doc.path, doc.pos(("lieux", i)), "horaires-lieu-manquant", lieu=ref)


def check_time_limit(doc: Document, ctx, report: Report) -> None:
    if doc.data.get("duree_limite") and doc.data["configuration"] != "spontanee":
        report.emit(doc.path, doc.pos(("duree_limite",)), "duree-limite-programmee")


def _pauses_fit(doc: Document, path: tuple, seance: dict, report: Report) -> bool:
    """Each pause lies inside its séance and after the previous one; False after reporting one that does not."""
    start, end = schedule.minutes(seance["debut"]), schedule.minutes(seance["fin"])
    previous = None
    for k, pause in sorted(enumerate(seance.get("pauses", ())), key=lambda kp: kp[1]["debut"]):
        a, b = schedule.minutes(pause["debut"]), schedule.minutes(pause["fin"])
        where = doc.pos(path + ("pauses", k, "debut"))
        if b <= a or a <= start or b >= end:
            report.emit(doc.path, where, "pause", date=seance["date"], debut=pause["debut"], fin=pause["fin"],
                        sdebut=seance["debut"], sfin=seance["fin"])
            return False
        if previous is not None and a < previous:
            report.emit(doc.path, where, "pauses-chevauchement", date=seance["date"], debut=pause["debut"])
            return False
        previous = b
    return True


def check_pauses_and_duration(doc: Document, ctx, report: Report) -> None:
    """Pauses fit inside their séance; a complete session lasts the declared total duration."""
    data = doc.data
    declared = data.get("duree_totale_heures")
    expected_count = data.get("nombre_seances")
    for i, session in enumerate(data.get("sessions", ())):
        seances = session.get("seances", ())
        ok = True
        for j, seance in enumerate(seances):
            if schedule.minutes(seance["fin"]) <= schedule.minutes(seance["debut"]):
                ok = False  # reported by check_sessions
                continue
            if seance.get("pauses") and not _pauses_fit(doc, ("sessions", i, "seances", j), seance, report):
                ok = False
        # Only a session that lists all its séances can be held to the declared total.
        complete = seances and (expected_count is None or len(seances) == expected_count)
        if ok and declared and complete:
            total = sum(schedule.seance_minutes(s) for s in seances)
            if abs(total - declared * 60) >= DURATION_TOLERANCE_MIN:
                report.emit(doc.path, doc.pos(("sessions", i)), "duree-seances", numero=i + 1,
                            somme=_hours_fr(total / 60), duree=_hours_fr(declared))


def _hours_fr(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".").replace(".", ",")


def check_planned(doc: Document, ctx, report: Report) -> None:
    statut = doc.data.get("statut") or {}
    if statut.get("etat") != "prevue":
        return
    start = common.as_date(statut.get("du"))
    if start is None:
        report.emit(doc.path, doc.pos(("statut", "etat")), "prevue-sans-date")
    elif start < ctx.today:
        report.emit(doc.path, doc.pos(("statut", "du")), "prevue-passee", date=statut["du"])


RULES = (check_hours_per_venue, check_time_limit, check_pauses_and_duration, check_planned)
