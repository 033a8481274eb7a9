"""Pages and files for orienting a person: search (/recherche/), assistant (/orienter/),
printable sheet per offer (/offres/<sid>/<oid>/fiche/), partner pages (/partenaires/<type>/).

The search and the assistant run in the browser over files generated here (the index, the
communes of the covered départements, the assistant's rules), so the same data drives the
static pages (no JavaScript) and the interactive ones.
"""
from __future__ import annotations

import io
import json
from urllib.parse import quote
from collections import defaultdict

import segno

from .. import geography, referentials
from ..model import Directory, Offre
from ..orientation import assistant
from ..orientation.search_index import build_index, commune_list, dumps
from ..urls import absolute, offre_url
from .pages import Builder, PageSpec, _key

STATIC_LISTS = (("Par territoire", "territoires/"), ("Par segment d'offre", "segments/"),
                ("Par thématique", "thematiques/"), ("Par public", "publics/"))


def fiche_url(uid: str) -> str:
    return f"offres/{uid}/fiche/"


def _json(value) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode("utf-8")


def generated_files(directory: Directory, site_url: str | None) -> dict[str, bytes]:
    """Non-page files: search index, communes, assistant rules, one QR code per offer."""
    index = build_index(directory)
    files = {"recherche/index.json": dumps(index), "recherche/communes.json": _json(commune_list(index)),
             "orienter/regles.json": _json(assistant.for_browser())}
    for uid in sorted(directory.offres):
        files[f"{fiche_url(uid)}qr.svg"] = qr_svg(absolute_url(site_url, offre_url(uid)))
    return files


def absolute_url(site_url: str | None, path: str) -> str:
    """Without a site_url the QR code can only carry the path: say so on the sheet."""
    return absolute(site_url, path) or "/" + path


def qr_svg(url: str) -> bytes:
    out = io.BytesIO()
    # The title escapes nothing: segno writes it as XML text, and `url` is built from ids (a-z0-9-).
    segno.make(url, error="m", micro=False).save(out, kind="svg", scale=4, border=2, xmldecl=False, nl=False,
                                                 title="QR code de la fiche en ligne")
    return out.getvalue()


def search_page(directory: Directory) -> PageSpec:
    return PageSpec("recherche/index.md", "annuaire/recherche.html", "Rechercher une offre",
                    {"kind": "recherche", "listes": [{"nom": n, "url": u} for n, u in STATIC_LISTS],
                     "offres": len(directory.offres)},
                    "Chercher une offre de médiation numérique par mot, commune, démarche, public, jour et horaire.")


def orient_page(directory: Directory) -> PageSpec:
    data = assistant.rules()
    return PageSpec("orienter/index.md", "annuaire/orienter.html", "J'oriente une personne",
                    {"kind": "orienter", "questions": data["questions"], "precisions": data["precisions"],
                     "regles": assistant.rule_table(), "listes": [{"nom": n, "url": u} for n, u in STATIC_LISTS]},
                    "Trouver en quelques questions le bon type d'offre pour une personne, et les offres près de chez elle.")


def fiche_page(offre: Offre, offre_context: dict, site_url: str | None) -> PageSpec:
    online = absolute_url(site_url, offre_url(offre.uid))
    subject = quote(f"Offre conseillée : {offre['nom']}")
    body = quote(f"{offre['nom']} — {offre['resume']}\n\nToutes les informations (dates, adresse, contact) : {online}")
    ctx = {**offre_context, "kind": "fiche", "offre_url": offre_url(offre.uid), "en_ligne": online,
           "absolu": bool(site_url), "partage": f"mailto:?subject={subject}&body={body}"}
    return PageSpec(f"{fiche_url(offre.uid)}index.md", "annuaire/fiche.html", f"Fiche d'orientation : {offre['nom']}", ctx,
                    f"Fiche à imprimer ou à envoyer : {offre['resume']}")


def _by_territory(b: Builder, offres: list[Offre]) -> dict:
    """Département → commune → offers; an offer held in several communes is listed in each."""
    tree: dict[str, dict[str, dict]] = defaultdict(dict)
    remote = []
    for offre in offres:
        if not offre.lieux:
            remote.append(offre)
        for code in sorted({b.d.lieux[u]["code_insee"] for u in offre.lieux}):
            commune = geography.commune(code)
            entry = tree[commune.departement].setdefault(code, {"nom": commune.nom, "code": code, "url": f"communes/{code}/",
                                                                "offres": []})
            entry["offres"].append(offre)
    departements = []
    for dep_code in sorted(tree):
        dep = geography.departement(dep_code)
        communes = sorted(tree[dep_code].values(), key=lambda c: _key(c["nom"], c["code"]))
        departements.append({"nom": f"{dep.nom} ({dep_code})" if dep else dep_code, "code": dep_code,
                             "communes": [{**c, "offres": b.summaries(c["offres"])} for c in communes]})
    return {"departements": departements, "sans_lieu": b.summaries(remote), "nombre": len(offres)}


def partner_pages(b: Builder) -> list[PageSpec]:
    """One page per kind of public body (x-organisme): offers helping with its procedures (by
    theme) and offers it refers people to (orientation by a partner of that kind)."""
    kinds = [i for i in referentials.get("types-partenaires").items if i.get("x-organisme")]
    themes = referentials.get("thematiques")
    entries, pages = [], []
    for kind in kinds:
        own_themes = [t for t in themes.items if t.get("x-type-partenaire") == kind.code]
        codes = {t.code for t in own_themes}
        helping = [o for o in b.d.offres.values() if codes & set(o["thematiques"])]
        referred = []
        for o in b.d.offres.values():
            structure = b.d.structure_of(o)
            partners = [structure.partenaire(x["partenaire"]) for x in o.get("orientation", ())]
            if any(p is not None and p["type"] == kind.code for p in partners):
                referred.append(o)
        n = len({o.uid for o in helping + referred})
        url = f"partenaires/{kind.code}/"
        entries.append({"nom": kind.label, "description": kind.description, "nombre": n, "url": url})
        pages.append(PageSpec(f"{url}index.md", "annuaire/partenaire.html", kind.label, {
            "kind": "partenaire", "code": kind.code, "nom": kind.label, "description": kind.description,
            "thematiques": [{"label": t.label, "url": f"thematiques/{t.code}/",
                             "recherche": f"recherche/?theme={t.code}"} for t in own_themes],
            "demarches": _by_territory(b, helping), "orientation": _by_territory(b, referred),
            "parent": {"nom": "Partenaires", "url": "partenaires/"}},
            f"Offres de médiation numérique utiles aux usagers et aux agents : {kind.label}."))
    index = PageSpec("partenaires/index.md", "annuaire/partenaires.html", "Partenaires",
                     {"kind": "partenaires", "entrees": entries},
                     "Pour chaque organisme (CAF, CPAM, France Travail, préfecture…), les offres qui aident à ses démarches.")
    return [index, *pages]
