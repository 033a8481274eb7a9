"""What an offer page shows of the finer model: hours per venue, a time limit per person, programmes,
members-only access, the planned status and the yearly activity figures."""
from __future__ import annotations

from ... import referentials
from ...model import Offre, venue_uid
from .. import timetable
from ..context import Site, labels
from ..french import date_short


def minutes_fr(value: int) -> str:
    """90 → « 1 h 30 », 45 → « 45 minutes »."""
    h, m = divmod(int(value), 60)
    if not h:
        return f"{m} minutes"
    return f"{h} h" if not m else f"{h} h {m:02d}"


def number_fr(value) -> str:
    """Thousands separated by a narrow no-break space, decimals by a comma, as French readers expect."""
    if isinstance(value, float) and not value.is_integer():
        whole, _, frac = f"{value:.1f}".partition(".")
        return f"{int(whole):,}".replace(",", "\u202f") + "," + frac
    return f"{int(value):,}".replace(",", "\u202f")


def hours_per_venue(site: Site, offre: Offre) -> list[dict]:
    """One weekly table per venue that has its own hours, in the order of `lieux`."""
    own = {venue_uid(offre.structure_id, e["lieu"]): e for e in offre.get("horaires_par_lieu", ())}
    out = []
    for uid in offre.lieux:
        entry = own.get(uid)
        if entry is None:
            continue
        lieu = site.directory.lieux[uid]
        table = timetable.weekly_table(entry["horaires"], site.today)
        out.append({"lieu": {"nom": lieu["nom"], "commune": lieu["commune"], "uid": uid,
                             "url": site.venue_ref(offre.structure_id, entry["lieu"])["url"]},
                    "note": entry.get("note"),
                    "table": table,
                    # One line for the printed sheet: « mercredi 14 h – 18 h ; samedi 10 h – 12 h ».
                    "resume": " ; ".join(f"{r['jour'].lower()} {', '.join(r['plages'])}" for r in table["lignes"] if r["plages"]),
                    "creneaux": timetable.open_slots(entry["horaires"], site.today) if offre.active else ""})
    return out


def activity(offre: Offre) -> list[dict]:
    """Yearly figures, latest year first, with the labels of publics and partners."""
    rows = []
    for entry in sorted(offre.get("activite", ()), key=lambda e: -e["annee"]):
        rows.append({
            "annee": entry["annee"],
            "personnes": number_fr(entry["personnes"]) if "personnes" in entry else None,
            "passages": number_fr(entry["passages"]) if "passages" in entry else None,
            "sessions": entry.get("sessions"), "seances": entry.get("seances"),
            "heures": number_fr(entry["heures"]) if "heures" in entry else None,
            "publics": [{"label": referentials.label("publics", p["public"]), "personnes": number_fr(p["personnes"])}
                        for p in entry.get("personnes_par_public", ())],
            "orientations": [{"partenaire": p["partenaire"], "personnes": number_fr(p["personnes"])}
                             for p in entry.get("orientations", ())],
            "source": entry.get("source"),
        })
    return rows


def context(site: Site, offre: Offre) -> dict:
    structure = site.directory.structure_of(offre)
    limit = offre.get("duree_limite")
    statut = offre.get("statut") or {}
    rows = activity(offre)
    for row in rows:
        for item in row["orientations"]:
            item["partenaire"] = site.partner(structure, item["partenaire"])["nom"]
    return {
        "horaires_par_lieu": hours_per_venue(site, offre),
        "duree_limite": {"duree": minutes_fr(limit["minutes"]), "quand": limit.get("quand")} if limit else None,
        "programmes": labels("programmes", offre.get("programmes")),
        "reserve_adherents": bool(offre.get("reserve_adherents")),
        "ouverture": date_short(statut["du"]) if offre.etat == "prevue" and statut.get("du") else None,
        "activite": rows,
    }
