"""Rules for `structure.yml`."""
from __future__ import annotations

from .. import geography
from ..diagnostics import Report
from ..load import Document
from . import imported
from .common import check_characters, check_freshness


def siret_ok(siret: str) -> bool:
    if siret.startswith("356000000"):  # La Poste: one SIREN, establishments checked by digit sum
        return sum(int(c) for c in siret) % 5 == 0
    total = 0
    for i, c in enumerate(reversed(siret)):
        n = int(c) * (2 if i % 2 else 1)
        total += n - 9 if n > 9 else n
    return total % 10 == 0


def check_siret(doc: Document, ctx, report: Report) -> None:
    siret = doc.data.get("siret")
    if isinstance(siret, str) and siret.isdigit() and len(siret) == 14 and not siret_ok(siret):
        report.emit(doc.path, doc.pos(("siret",)), "siret", siret=siret)


def check_territory(doc: Document, ctx, report: Report) -> None:
    territoire = doc.data.get("territoire", {})
    for i, code in enumerate(territoire.get("communes", [])):
        if geography.commune(code) is None:
            report.emit(doc.path, doc.pos(("territoire", "communes", i)), "insee-inconnu", code=code,
                        conseil="Le code INSEE (5 caractères) n'est pas le code postal ; cherchez-le sur le site de l'INSEE (code officiel géographique).")
    for i, code in enumerate(territoire.get("epci", [])):
        if geography.epci(code) is None:
            report.emit(doc.path, doc.pos(("territoire", "epci", i)), "epci-inconnu", code=code)


def check_partner_ids(doc: Document, ctx, report: Report) -> None:
    seen: dict[str, int] = {}
    for i, partner in enumerate(doc.data.get("partenaires", [])):
        pid = partner.get("id")
        if pid in seen:
            report.emit(doc.path, doc.pos(("partenaires", i, "id")), "id-duplique", quoi="partenaire", id=pid, numero=seen[pid] + 1,
                        conseil="Chaque partenaire a un identifiant unique dans la structure.")
        seen.setdefault(pid, i)


RULES = (check_siret, check_territory, check_partner_ids, check_freshness, check_characters,
         imported.check_structure_marks)
