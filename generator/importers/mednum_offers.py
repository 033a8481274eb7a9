"""The offers of one row of the national standard: one per `modalites_accompagnement` value, with
the row's services, publics, prices and access modes; what the row does not say is listed in
`a_completer`, what is deduced in `a_verifier` (see `mednum.py` for the places and structures)."""
from __future__ import annotations

from .. import referentials
from ..exports import mednum as standard
from . import mapping
from .bundle import marks
from .csv_reading import SourceRow

# The segment for each `modalites_accompagnement` value. Several segments share a value in the
# referential (x-mednum-accompagnement: atelier, formation, animation… are all « Dans un atelier
# collectif »); a place's collective workshops are taken as ateliers (the test checks each pick).
_PREFERRED = {"Dans un atelier collectif": "atelier", "Accompagnement individuel": "permanence", "En autonomie": "acces-libre"}


def _segments(row: SourceRow) -> tuple[list[str], bool, bool]:
    """(segments, remote, guessed) from `modalites_accompagnement`, else guessed from the services and name."""
    values = mapping.split(row.get("modalites_accompagnement"))
    remote = any(v.startswith(standard.REMOTE) for v in values)
    segments = [_PREFERRED[v] for v in values if v in _PREFERRED]
    if segments:
        return list(dict.fromkeys(segments)), remote, False
    services = set(mapping.split(row.get("services")))
    name = row.get("nom").casefold()
    if services == {"Acquisition de matériel informatique à prix solidaire"}:
        return ["materiel"], remote, True
    if "atelier" in name:
        return ["atelier"], remote, True
    return (["permanence"] if remote else ["acces-libre"]), remote, True


def offers(row, lieu, today, report, where) -> list[tuple[str, dict]]:
    segments, remote, guessed = _segments(row)
    themes, unknown_services = mapping.reverse("thematiques", "x-mednum-service", mapping.split(row.get("services")))
    publics, unknown_publics = mapping.reverse("publics", "x-mednum-public", mapping.split(row.get("publics_specifiquement_adresses")), every=True)
    prises, unknown_prises = mapping.reverse("prises-en-charge", "x-mednum", mapping.split(row.get("prise_en_charge_specifique")))
    frais, unknown_frais = mapping.reverse("frais", "x-mednum", mapping.split(row.get("frais_a_charge")))
    modalites, unknown_modalites = mapping.reverse("modalites-acces", "x-mednum", mapping.split(row.get("modalites_acces")))
    for label, values in (("services", unknown_services), ("publics", unknown_publics), ("prise en charge", unknown_prises),
                          ("frais", unknown_frais), ("modalités d'accès", unknown_modalites)):
        if values:
            report.note(where, f"{label} hors liste du standard : non repris", ", ".join(values))
    if len(frais) > 1:
        report.note(where, "frais : plusieurs valeurs pour le lieu, à répartir entre ses offres", row.get("frais_a_charge"))
    rdv = row.get("prise_rdv") if mapping.URL.fullmatch(row.get("prise_rdv")) else None
    itinerance = mapping.split(row.get("itinerance"))
    out = []
    for segment in segments:
        item = referentials.get("segments")[segment]
        todo, guess = [], ["segment"] if guessed else []
        offre = {"nom": f"{item.label} – {row.get('nom')}"[:150]}
        resume = row.get("presentation_resume")
        offre["resume"] = resume[:280] if len(resume) >= 10 else f"{item.label} à {lieu['nom']} ({lieu['commune']})."[:280]
        offre["segment"] = segment
        offre["configuration"] = item.get("x-configuration") or "spontanee"
        if themes:
            offre["thematiques"] = themes
        else:
            todo.append("thematiques")
        # The standard's own rule: a place with no public named is open to everyone.
        offre["publics"] = publics or ["tous-publics"]
        if prises:
            offre["prises_en_charge"] = prises
        offre["lieux"] = [lieu["id"]]
        if remote:
            offre["a_distance"] = True
        if standard.ITINERANT in itinerance:
            offre["itinerant"] = True
        elif standard.FIXED in itinerance:
            offre["itinerant"] = False
        if offre["configuration"] == "spontanee":
            if lieu.get("horaires"):
                offre["horaires"] = lieu["horaires"]
                guess.append("horaires")
            else:
                todo.append("horaires")
            if lieu.get("horaires_texte"):
                offre["horaires_texte"] = lieu["horaires_texte"]
        if modalites:
            offre["inscription"] = {"obligatoire": "se-presenter" not in modalites, "modalites": modalites}
            if rdv:
                offre["inscription"]["lien"] = rdv
            guess.append("inscription.obligatoire")
        elif rdv:
            # A booking link but no access mode: booking online is the deduction, to check; the
            # link itself is the source's fact and is published.
            offre["inscription"] = {"obligatoire": True, "modalites": ["inscription-en-ligne"], "lien": rdv}
            guess.append("inscription")
        else:
            todo.append("inscription")
        if len(frais) == 1:
            offre["frais"] = {"type": frais[0]}
        else:
            todo.append("frais")
        offre["date_maj"] = mapping.date(row.get("date_maj"), today)[0]
        offre["source"] = {"nom": lieu["source"]["nom"], "id": f"{row.get('id')}#{segment}"}
        marks(offre, todo, guess)
        report.missing(where, [f"offre.{t}" for t in todo])
        report.guessed(where, [f"offre.{g}" for g in guess])
        out.append((segment, offre))
    return out
