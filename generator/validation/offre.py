"""Rules for `offres/<offre>.yml`."""
from __future__ import annotations

from .. import referentials, schedule
from ..diagnostics import Report
from ..load import Document
from ..completeness import listed
from ..model import offer_uid, venue_uid
from . import activite, common, imported, offre_temps


def check_configuration(doc: Document, ctx, report: Report) -> None:
    """A segment implies its configuration (a formation is programmed, an accès libre spontaneous)."""
    seg = referentials.get("segments")[doc.data["segment"]]
    expected = seg.get("x-configuration")
    if expected and doc.data["configuration"] != expected:
        report.emit(doc.path, doc.pos(("configuration",)), "configuration", segment=seg.label,
                    attendue=referentials.label("configurations", expected).lower(), code=expected)


def check_where(doc: Document, ctx, report: Report) -> None:
    data = doc.data
    if not data.get("lieux") and not data.get("a_distance") and not data.get("itinerant") and not listed(data, "lieux"):
        report.emit(doc.path, doc.pos(), "lieu-manquant")


def _unknown_venue(doc: Document, ctx, path: tuple, ref: str, hint: str, report: Report) -> None:
    if ref and ctx.venues is not None and venue_uid(ctx.structure_id, ref) not in ctx.venues:
        report.emit(doc.path, doc.pos(path), "lieu-inconnu", lieu=ref, conseil=hint)


def check_venue_references(doc: Document, ctx, report: Report) -> None:
    if ctx.venues is None:
        return
    refs = [(i, ref) for i, ref in enumerate(doc.data.get("lieux", [])) if venue_uid(ctx.structure_id, ref) not in ctx.venues]
    if refs:
        # Listed only when needed: going through every venue for every offer grew with the square of the tree.
        local = sorted(u.split("/", 1)[1] for u in ctx.venues if u.startswith(ctx.structure_id + "/"))
        listing = (f"Lieux déclarés dans lieux.yml : {', '.join(local) or 'aucun'} ; "
                   "pour le lieu d'une autre structure, écrivez « structure/lieu ».")
        for i, ref in refs:
            _unknown_venue(doc, ctx, ("lieux", i), ref, listing, report)
    for i, session in enumerate(doc.data.get("sessions", [])):
        base = ("sessions", i)
        refs = [(base + ("lieu",), session.get("lieu"))]
        refs += [(base + ("seances", j, "lieu"), s.get("lieu")) for j, s in enumerate(session.get("seances", []))]
        for path, ref in refs:
            _unknown_venue(doc, ctx, path, ref, "Utilisez l'identifiant d'un lieu déclaré dans lieux.yml.", report)


def check_partner_references(doc: Document, ctx, report: Report) -> None:
    if ctx.structure is None:
        return
    data = doc.data
    declared = {p["id"] for p in ctx.structure.get("partenaires", [])}
    refs = [(("partenaires", i), p) for i, p in enumerate(data.get("partenaires", []))]
    refs += [(("financeurs", i), p) for i, p in enumerate(data.get("financeurs", []))]
    refs += [(("orientation", i, "partenaire"), o["partenaire"]) for i, o in enumerate(data.get("orientation", []))]
    for path, pid in refs:
        if pid not in declared:
            report.emit(doc.path, doc.pos(path), "partenaire-inconnu", partenaire=pid, declares=", ".join(sorted(declared)) or "aucun")


def check_next_offers(doc: Document, ctx, report: Report) -> None:
    """`suites` names offers of the tree other than this one; a finished one is only warned about."""
    if ctx.offers is None:
        return
    own = f"{ctx.structure_id}/{ctx.offer_id}"
    for i, ref in enumerate(doc.data.get("suites", [])):
        uid = offer_uid(ctx.structure_id, ref)
        if uid == own:
            report.emit(doc.path, doc.pos(("suites", i)), "suite-elle-meme")
        elif uid not in ctx.offers:
            local = sorted(u.split("/", 1)[1] for u in ctx.offers if u.startswith(ctx.structure_id + "/") and u != own)
            report.emit(doc.path, doc.pos(("suites", i)), "suite-inconnue", offre=ref,
                        hint=f"Offres de la structure : {', '.join(local) or 'aucune autre'} ; "
                             "pour l'offre d'une autre structure, écrivez « structure/offre ».")
        else:
            data = ctx.offers[uid]
            etat = ((data or {}).get("statut") or {}).get("etat", "active")
            if etat == "terminee":
                report.emit(doc.path, doc.pos(("suites", i)), "suite-terminee", offre=ref)


def check_when(doc: Document, ctx, report: Report) -> None:
    """A spontaneous offer gives its hours; a programmed one its dates or rhythm."""
    data = doc.data
    # An imported offer whose source gave no hours lists them in a_completer instead of inventing them.
    if data["configuration"] == "spontanee" and not data.get("horaires") and not data.get("horaires_par_lieu") \
            and not listed(data, "horaires"):
        report.emit(doc.path, doc.pos(), "horaires-manquants")
    if data["configuration"] == "programmee" and not data.get("sessions") and not data.get("recurrence"):
        report.emit(doc.path, doc.pos(), "sans-dates")


def check_hours(doc: Document, ctx, report: Report) -> None:
    common.hours(doc, ("horaires",), doc.data.get("horaires"), report)
    rec = doc.data.get("recurrence")
    if rec:
        common.hours(doc, ("recurrence", "horaires"), rec.get("horaires"), report)


def check_periods(doc: Document, ctx, report: Report) -> None:
    for key in ("recurrence", "statut"):
        block = doc.data.get(key)
        if block:
            common.period(doc, (key,), block.get("du"), block.get("au"), "au", report)


def check_sessions(doc: Document, ctx, report: Report) -> None:
    """Each session ends after it starts, holds its séances, and each séance ends after it starts."""
    for i, session in enumerate(doc.data.get("sessions", [])):
        base = ("sessions", i)
        coherent = common.period(doc, base, session["debut"], session["fin"], "fin", report)
        start, end = common.as_date(session["debut"]), common.as_date(session["fin"])
        for j, seance in enumerate(session.get("seances", [])):
            sp = base + ("seances", j)
            day = common.as_date(seance["date"])
            if coherent and day and start and end and not (start <= day <= end):
                report.emit(doc.path, doc.pos(sp + ("date",)), "dates",
                            quoi=f"la séance du {seance['date']} est en dehors de la session ({session['debut']} → {session['fin']})",
                            conseil="Corrigez la date de la séance ou les dates de début et de fin de la session.")
            if schedule.minutes(seance["fin"]) <= schedule.minutes(seance["debut"]):
                report.emit(doc.path, doc.pos(sp + ("fin",)), "heures", date=seance["date"], fin=seance["fin"], debut=seance["debut"])


RULES = (check_configuration, check_where, check_venue_references, check_partner_references, check_next_offers, check_when, check_hours,
         check_periods, check_sessions, common.check_freshness, common.check_characters,
         imported.check_offer_marks, *offre_temps.RULES, *activite.RULES)
