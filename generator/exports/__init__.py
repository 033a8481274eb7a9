"""Open-data exports: the same files for `annuaire export` and for the site's `/donnees/` folder.

Every writer is a pure function of the `Directory`; `write_all` returns how many rows (venues,
offers, séances, entries) each file holds, for the « Données ouvertes » page.
"""
from __future__ import annotations

import sys
import time
from pathlib import Path

from ..model import Directory
from . import annuaire, atom, data_inclusion, geojson, ical, mednum, offres_csv

# Described for the « Données ouvertes » page. Keys with <…> stand for a family of files.
FILES = {
    mednum.FILE: {
        "titre": "Lieux de médiation numérique (standard national)",
        "format": "CSV",
        "description": "Un lieu par ligne (ou un lieu et une structure, quand plusieurs structures y proposent des offres), "
                       "au format du standard « Lieux de médiation numérique » v1.0.2 lu par la Cartographie nationale "
                       "des lieux d'inclusion numérique. Valeurs multiples séparées par « | », horaires au format OpenStreetMap.",
        "unite": "lieux",
    },
    data_inclusion.STRUCTURES: {
        "titre": "Structures (schéma data·inclusion v1)",
        "format": "JSON",
        "description": "Les structures au format du schéma data·inclusion v1, agrégé par l'API nationale des services "
                       "d'insertion consultée par les prescripteurs.",
        "unite": "structures",
    },
    data_inclusion.SERVICES: {
        "titre": "Services (schéma data·inclusion v1)",
        "format": "JSON",
        "description": "Une offre par service, au format data·inclusion v1 : qui peut mobiliser l'offre (professionnels, "
                       "usagers) et comment, publics, thématiques, frais, horaires, zone d'éligibilité.",
        "unite": "offres",
    },
    geojson.FILE: {
        "titre": "Carte des lieux",
        "format": "GeoJSON",
        "description": "Chaque lieu en point (WGS 84), avec les identifiants, noms et segments des offres qui s'y déroulent.",
        "unite": "lieux",
    },
    annuaire.FILE: {
        "titre": "Annuaire complet",
        "format": "JSON",
        "description": "Toutes les structures, tous les lieux et toutes les offres, avec les champs des fichiers YAML "
                       "sous « donnees » ; décrit par le schéma schema/annuaire.schema.json.",
        "unite": "offres",
    },
    offres_csv.FILE: {
        "titre": "Offres (tableur)",
        "format": "CSV",
        "description": "Une offre par ligne, avec les libellés en français, pour un tableur. Encodage UTF-8 avec marque "
                       "d'ordre des octets ; valeurs multiples séparées par « | ».",
        "unite": "offres",
    },
    ical.ALL: {
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
    atom.ALL: {
        "titre": "Flux des offres nouvelles ou mises à jour",
        "format": "Atom",
        "description": f"Les {atom.LIMIT} offres vérifiées le plus récemment, à suivre dans un lecteur de flux.",
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
LICENCE = "Licence Ouverte / Open Licence 2.0 (Etalab)"
WRITERS = (mednum, data_inclusion, geojson, annuaire, offres_csv, ical, atom)
# Folders holding one file per offer, structure, département or segment: files left there by an
# earlier run for something that no longer exists are removed, so the folder matches the data.
GENERATED_DIRS = ("ical", "flux")


def write_all(directory: Directory, out_dir: Path, site_url: str | None = None) -> dict:
    """Write every export under `out_dir`; returns {relative path: number of rows/items}.

    `site_url`, the public address of the site, lets records and feed entries link to their page."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    counts: dict[str, int] = {}
    for writer in WRITERS:
        counts.update(writer.write(directory, out_dir, site_url))
    for folder in GENERATED_DIRS:
        for path in sorted((out_dir / folder).rglob("*")):
            rel = path.relative_to(out_dir).as_posix()
            if path.is_file() and path.suffix in (".ics", ".xml") and rel not in counts:
                path.unlink()
    return dict(sorted(counts.items()))


def export_all(args) -> int:
    from ..diagnostics import render_text
    from ..directory import load_directory

    started = time.perf_counter()
    directory, report = load_directory(args.dossier)
    if report.errors:
        print(render_text(report.sorted()), file=sys.stderr)
        print(f"Export annulé : {report.errors} erreur(s) dans les données. Corrigez-les (annuaire validate) puis relancez.",
              file=sys.stderr)
        return 1
    out = Path(args.out)
    if out.exists() and not out.is_dir():
        print(f"erreur : {out} existe et n'est pas un dossier", file=sys.stderr)
        return 2
    try:
        counts = write_all(directory, out, args.site_url)
    except OSError as exc:
        print(f"erreur : écriture impossible dans {out} ({exc.strerror or exc})", file=sys.stderr)
        return 2
    for name in FILES:
        if name in counts:
            print(f"{out / name} : {counts[name]} {FILES[name]['unite']}")
    families = len(counts) - sum(name in counts for name in FILES)
    print(f"{len(counts)} fichier(s) écrit(s) dans {out}/ ({families} agendas et flux par offre, structure, "
          f"département ou segment) en {time.perf_counter() - started:.1f} s.", file=sys.stderr)
    return 0
