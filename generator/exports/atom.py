"""Atom feeds (RFC 4287) of new and changed offers: whole directory, per département, per segment.

Partners subscribe instead of re-checking the site. An entry's `updated` is the offer's
verification date, so a re-verified or edited offer comes back to the top of the feed; ids are
derived from names, never from the build, so a rebuild changes nothing."""
from __future__ import annotations

import uuid
import xml.etree.ElementTree as ET
from pathlib import Path

from .. import geography, referentials
from ..model import Directory, Offre
from ..urls import absolute, offre_url
from ..text import one_line, xml_text
from . import common

ATOM_NS = "http://www.w3.org/2005/Atom"
ALL = "flux/offres.xml"
# Feeds carry the latest changes, not the whole directory (that is annuaire.json's job).
LIMIT = 100
_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://annuaire-mediation-numerique/")

ET.register_namespace("", ATOM_NS)



# Described on the « Données ouvertes » page; a key with <…> stands for a family of files.
FILES = {
    ALL: {
        "titre": "Flux des offres nouvelles ou mises à jour",
        "format": "Atom",
        "description": f"Les {LIMIT} offres vérifiées le plus récemment, à suivre dans un lecteur de flux.",
        "unite": "entrées",
    },
    "flux/departements/<code>.xml": {
        "titre": "Flux par département",
        "format": "Atom",
        "description": "Les offres nouvelles ou mises à jour d'un département (code officiel, ex. 29).",
        "unite": "entrées",
    },
    "flux/segments/<segment>.xml": {
        "titre": "Flux par segment d'offre",
        "format": "Atom",
        "description": "Les offres nouvelles ou mises à jour d'un segment (formation, atelier, accès libre…).",
        "unite": "entrées",
    },
}

def departement_file(code: str) -> str:
    return f"flux/departements/{code}.xml"


def segment_file(code: str) -> str:
    return f"flux/segments/{code}.xml"


def _urn(name: str) -> str:
    return f"urn:uuid:{uuid.uuid5(_NAMESPACE, name)}"


def _when(day: str) -> str:
    return f"{day}T00:00:00Z"


def _sub(parent, tag, text=None, **attrs):
    el = ET.SubElement(parent, f"{{{ATOM_NS}}}{tag}", {k: xml_text(v) for k, v in attrs.items()})
    if text is not None:
        el.text = xml_text(text)
    return el


def _entry(feed, directory: Directory, o: Offre, site_url: str | None) -> None:
    structure = directory.structures.get(o.structure_id)
    lieux = [directory.lieux[u] for u in o.lieux]
    communes = ", ".join(dict.fromkeys(l["commune"] for l in lieux))
    entry = _sub(feed, "entry")
    _sub(entry, "id", _urn(f"offre/{o.uid}"))
    title = o["nom"] + (f" ({communes})" if communes else "")
    _sub(entry, "title", title, type="text")
    _sub(entry, "updated", _when(o["date_maj"]))
    page = absolute(site_url, offre_url(o.uid))
    if page:
        _sub(entry, "link", rel="alternate", type="text/html", href=page)
    author = _sub(entry, "author")
    _sub(author, "name", structure["nom"] if structure else o.structure_id)
    _sub(entry, "category", term=o["segment"], label=referentials.label("segments", o["segment"]))
    _sub(entry, "summary", one_line(o["resume"]), type="text")
    lines = [
        f"Segment : {referentials.label('segments', o['segment'])}",
        "Thématiques : " + (", ".join(referentials.label("thematiques", t) for t in o.get("thematiques", ())) or "non communiquées"),
        "Publics : " + (", ".join(referentials.label("publics", p) for p in o.get("publics", ())) or "non communiqués"),
        "Lieux : " + ("; ".join(f"{l['nom']}, {l['commune']}" for l in lieux) or "à distance ou itinérant"),
        f"Frais : {referentials.label('frais', o['frais']['type']) if o.get('frais') else 'non communiqués'}",
        "Inscription : " + ("non communiquée" if not o.get("inscription") else
                            "obligatoire" if o["inscription"]["obligatoire"] else "sans inscription"),
        f"Identifiant : {o.uid}",
    ]
    _sub(entry, "content", "\n".join(lines), type="text")


def render(directory: Directory, path: str, key: str, title: str, offres: list[Offre], site_url: str | None = None) -> tuple[bytes, int]:
    chosen = sorted(offres, key=lambda o: (o["date_maj"], o.uid), reverse=True)[:LIMIT]
    feed = ET.Element(f"{{{ATOM_NS}}}feed", {"{http://www.w3.org/XML/1998/namespace}lang": "fr"})
    _sub(feed, "id", _urn(f"flux/{key}"))
    _sub(feed, "title", title, type="text")
    # Relative to the feed's own address, so it holds wherever the site is published.
    _sub(feed, "link", rel="self", type="application/atom+xml", href=path.rsplit("/", 1)[-1])
    _sub(feed, "subtitle", "Offres de médiation numérique nouvelles ou mises à jour, les plus récentes d'abord.", type="text")
    _sub(feed, "updated", _when(chosen[0]["date_maj"] if chosen else directory.today.isoformat()))
    _sub(_sub(feed, "author"), "name", common.PUBLISHER)
    _sub(feed, "rights", common.LICENCE, type="text")
    for o in chosen:
        _entry(feed, directory, o, site_url)
    ET.indent(feed)
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True) + b"\n", len(chosen)


def write(directory: Directory, out: Path, site_url: str | None = None) -> dict:
    offres = list(directory.offres.values())
    feeds = [(ALL, "tout", f"{common.PUBLISHER} : offres nouvelles ou mises à jour", offres)]
    by_dep: dict[str, list] = {}
    for o in offres:
        for code in common.departements_of(directory, o):
            by_dep.setdefault(code, []).append(o)
    for code, items in sorted(by_dep.items()):
        dep = geography.departement(code)
        feeds.append((departement_file(code), f"departement/{code}", f"Médiation numérique : {dep.nom if dep else code} ({code})", items))
    # Every segment gets a feed, even an empty one, so a subscription made today keeps working.
    for item in referentials.get("segments").items:
        feeds.append((segment_file(item.code), f"segment/{item.code}", f"Médiation numérique : {item.label}",
                      [o for o in offres if o["segment"] == item.code]))
    counts = {}
    for path, key, title, items in feeds:
        data, n = render(directory, path, key, title, items, site_url)
        target = out / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        counts[path] = n
    return counts
