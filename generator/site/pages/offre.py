"""One page per offer (`offres/<structure>/<offre>/`), and its printable sheet (see `fiche`)."""
from __future__ import annotations

from ... import referentials
from ...markdown import render, safe_url
from ...model import Offre
from ...urls import offre_url, structure_url
from .. import forge, timetable
from ..context import Site, contact, freshness, labels
from ..french import date_short
from . import fiche, offre_details
from .spec import PageSpec


def pages(site: Site) -> list[PageSpec]:
    out = []
    for o in site.directory.offres.values():
        spec = page(site, o)
        out += [spec, fiche.page(o, spec.context, site.site_url)]
    return out


def _when(site: Site, offre: Offre) -> dict:
    data = offre.data
    rec = data.get("recurrence")
    sessions = data.get("sessions", ())
    seances = timetable.upcoming_seances(sessions, site.today)
    for item in seances:
        item["lieu"] = site.venue_ref(offre.structure_id, item["lieu"])
    summaries = timetable.session_summaries(sessions, site.today)
    for item in summaries:
        item["lieu"] = site.venue_ref(offre.structure_id, item["lieu"])
    # A suspended or finished offer must never look "open now", whatever its usual hours say.
    # An offer with hours per venue has a badge per venue instead (see offre_details).
    slots = "" if offre.per_venue_hours else " ".join(filter(None, [
        timetable.open_slots(data.get("horaires"), site.today),
        timetable.open_slots(rec["horaires"], site.today, rec.get("du"), rec.get("au")) if rec else ""])) if offre.active else ""
    return {
        "horaires": timetable.weekly_table(data.get("horaires"), site.today),
        "horaires_texte": data.get("horaires_texte"),
        "recurrence": {"table": timetable.weekly_table(rec["horaires"], site.today),
                       "du": date_short(rec["du"]) if rec.get("du") else None,
                       "au": date_short(rec["au"]) if rec.get("au") else None} if rec else None,
        "seances": seances, "sessions": summaries, "creneaux": slots,
    }


def page(site: Site, offre: Offre) -> PageSpec:
    s = site.directory.structure_of(offre)
    data = offre.data
    seg = referentials.get("segments")[data["segment"]]
    conf = referentials.get("configurations")[data["configuration"]]
    insc = data.get("inscription")  # absent when an import could not tell (a_completer)
    statut = data.get("statut") or {}
    frais = data.get("frais")
    ctx = {
        "contribuer": forge.links_for(site, offre, offre_url(offre.uid), data["nom"]),
        "uid": offre.uid, "url": offre_url(offre.uid), "nom": data["nom"], "resume": data["resume"],
        "description": render(data.get("description")),
        "structure": {"nom": s["nom"], "url": structure_url(s.id)},
        "exemple": bool(s.get("exemple")),
        "segment": {"label": seg.label, "description": seg.description, "famille": seg.get("x-famille-titre")},
        "configuration": {"label": conf.label, "description": conf.description},
        "thematiques": [{**t, "url": f"thematiques/{t['code']}/"} for t in labels("thematiques", data.get("thematiques"))],
        "publics": [{**p, "url": f"publics/{p['code']}/"} for p in labels("publics", data.get("publics"))],
        "publics_precisions": data.get("publics_precisions"),
        "prerequis": list(data.get("prerequis", ())),
        "niveau": labels("niveaux", [offre.niveau])[0],
        # « Et après ? »: in the order written (the first is what to propose first), then who leads here.
        "suites": [site.summary(site.directory.offres[u]) for u in offre.suites if u in site.directory.offres],
        "avant": site.summaries(site.preceding(offre)),
        "a_apporter": list(data.get("a_apporter", ())),
        "inscription": {"obligatoire": insc["obligatoire"], "modalites": labels("modalites-acces", insc["modalites"]),
                        "details": insc.get("details"), "lien": safe_url(insc.get("lien"))} if insc else
                       {"obligatoire": None, "modalites": [], "details": None, "lien": None},
        "orientation": [{"partenaire": site.partner(s, o["partenaire"]), "modes": labels("modes-orientation", o["modes"]),
                         "details": o.get("details")} for o in data.get("orientation", ())],
        **_when(site, offre),
        "duree": data.get("duree_totale_heures"), "nombre_seances": data.get("nombre_seances"),
        "lieux": [site.place(site.directory.lieux[u]) for u in offre.lieux],
        "a_distance": data.get("a_distance", False), "itinerant": data.get("itinerant", False),
        "frais": {"label": referentials.label("frais", frais["type"]), "details": frais.get("details")} if frais else
                 {"label": "Prix non communiqué", "details": "renseignez-vous auprès de la structure"},
        "prises_en_charge": labels("prises-en-charge", data.get("prises_en_charge")),
        "langues": labels("langues", data.get("langues")),
        "partenaires": [site.partner(s, p) for p in data.get("partenaires", ())],
        "financeurs": [site.partner(s, p) for p in data.get("financeurs", ())],
        "contact": contact(data.get("contact"), s.get("contact")),
        "statut": {"etat": offre.etat, "label": referentials.label("statuts", offre.etat),
                   "motif": statut.get("motif"),
                   "du": date_short(statut["du"]) if statut.get("du") else None,
                   "au": date_short(statut["au"]) if statut.get("au") else None},
        "verification": freshness(data["date_maj"], site.today),
        "today": date_short(site.today),
        **offre_details.context(site, offre),
    }
    return PageSpec(f"offres/{offre.uid}/index.md", "annuaire/offre.html", data["nom"], ctx, data["resume"])
