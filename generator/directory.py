"""Load + validate + build the model, once per build: the single entry point for every output."""
from __future__ import annotations

import datetime as dt
import os
import re
from pathlib import Path

from . import validation
from .diagnostics import Report
from .load import load_file
from .model import Directory, Lieu, Offre, Structure, freeze, venue_uid

# Matched in full (fullmatch): "$" would let a name end with a newline.
ID_RE = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")


def reference_date() -> dt.date:
    """Today, unless ANNUAIRE_DATE (AAAA-MM-JJ) or SOURCE_DATE_EPOCH pins it for reproducible builds."""
    if os.environ.get("ANNUAIRE_DATE"):
        return dt.date.fromisoformat(os.environ["ANNUAIRE_DATE"])
    if os.environ.get("SOURCE_DATE_EPOCH"):
        return dt.datetime.fromtimestamp(int(os.environ["SOURCE_DATE_EPOCH"]), dt.timezone.utc).date()
    return dt.date.today()


def _entries(folder: Path, root: Path, report: Report):
    """Visible entries of `folder`, sorted; a symbolic link is reported and never followed: it could
    publish any file of the machine that builds the site."""
    for entry in sorted(folder.iterdir()):
        if entry.name.startswith("."):
            continue
        if entry.is_symlink() or not entry.resolve().is_relative_to(root):
            target = entry.readlink() if entry.is_symlink() else None
            report.emit(str(entry), (1, 1), "lien-symbolique", nom=entry.name, cible=f" (vers {target})" if target else "")
            continue
        yield entry


def _discover(root: Path, report: Report) -> dict[str, dict]:
    found: dict[str, dict] = {}
    if root.is_symlink():
        report.emit(str(root), (1, 1), "lien-symbolique", nom=root.name, cible=f" (vers {root.readlink()})")
        return found
    if not root.is_dir():
        report.emit(str(root), (1, 1), "dossier-absent", dossier=root)
        return found
    real = root.resolve()
    for entry in _entries(root, real, report):
        if entry.is_file():
            if entry.suffix in (".yml", ".yaml"):
                report.emit(str(entry), (1, 1), "fichier-mal-place", quoi="fichier YAML hors d'un dossier de structure",
                            conseil="Rangez-le dans offers/<structure>/ (structure.yml, lieux.yml ou offres/<offre>.yml).")
            continue
        if not ID_RE.fullmatch(entry.name):
            report.emit(str(entry), (1, 1), "id-invalide", quoi="dossier de structure", nom=entry.name)
            continue
        item = {"structure": None, "lieux": None, "offres": []}
        for f in _entries(entry, real, report):
            if f.name in ("structure.yml", "lieux.yml") and f.is_file():
                item[f.stem] = f
            elif f.name == "offres" and f.is_dir():
                for o in _entries(f, real, report):
                    if o.suffix == ".yml" and o.is_file():
                        if ID_RE.fullmatch(o.stem):
                            item["offres"].append(o)
                        else:
                            report.emit(str(o), (1, 1), "id-invalide", quoi="fichier d'offre", nom=o.name)
                    elif o.suffix == ".yaml":
                        report.emit(str(o), (1, 1), "extension", nom=o.stem)
            elif f.suffix in (".yml", ".yaml"):
                report.emit(str(f), (1, 1), "fichier-mal-place", quoi=f"fichier inattendu « {f.name} »",
                            conseil="Un dossier de structure contient structure.yml, lieux.yml et le dossier offres/ (une offre par fichier).")
        for name in ("structure", "lieux"):
            if item[name] is None:
                report.emit(str(entry / f"{name}.yml"), (1, 1), "fichier-manquant", nom=name, structure=entry.name)
        found[entry.name] = item
    return found


def load_directory(root: str | Path = "offers", today: dt.date | None = None) -> tuple[Directory, Report]:
    today = today or reference_date()
    report = Report()
    found = _discover(Path(root), report)
    structures: dict[str, dict] = {}
    venues: dict[str, dict] = {}
    broken_venues: set[str] = set()
    lieux_files: dict[str, str] = {}
    offer_docs = []
    for sid, item in found.items():
        if item["structure"] is not None:
            doc = load_file(str(item["structure"]), report)
            if doc.ok and validation.check_schema(doc, "structure", report):
                validation.check(doc, "structure", validation.Context(today, sid), report)
                structures[sid] = doc
        if item["lieux"] is not None:
            doc = load_file(str(item["lieux"]), report)
            if doc.ok and validation.check_schema(doc, "lieux", report):
                validation.check(doc, "lieux", validation.Context(today, sid), report)
                lieux_files[sid] = doc.path
                for lieu in doc.data["lieux"]:
                    venues.setdefault(f"{sid}/{lieu['id']}", lieu)
            else:
                broken_venues.add(sid)
        for path in item["offres"]:
            doc = load_file(str(path), report)
            if doc.ok and validation.check_schema(doc, "offre", report):
                offer_docs.append((sid, path.stem, doc))
    # An offer whose file is broken still exists for `suites`: one broken file must not cascade into others.
    offers = {f"{sid}/{path.stem}": None for sid, item in found.items() for path in item["offres"]}
    offers.update({f"{sid}/{oid}": doc.data for sid, oid, doc in offer_docs})
    for sid, oid, doc in offer_docs:
        sdoc = structures.get(sid)
        refs = [venue_uid(sid, r) for r in doc.data.get("lieux", [])]
        known = None if sid in broken_venues or any(r.split("/")[0] in broken_venues for r in refs) else venues
        validation.check(doc, "offre", validation.Context(today, sid, sdoc.data if sdoc else None, known, oid, offers), report)
    return _build(today, structures, venues, lieux_files, offer_docs), report


def _build(today, structure_docs, venues, lieux_files, offer_docs) -> Directory:
    lieux = {uid: Lieu(uid.split("/")[0], uid.split("/")[1], freeze(data), lieux_files[uid.split("/")[0]]) for uid, data in sorted(venues.items())}
    offres: dict[str, Offre] = {}
    par_lieu: dict[str, list[str]] = {}
    for sid, oid, doc in sorted(offer_docs, key=lambda t: (t[0], t[1])):
        refs = tuple(venue_uid(sid, r) for r in doc.data.get("lieux", []))
        offre = Offre(sid, oid, freeze(doc.data), doc.path, tuple(r for r in refs if r in lieux))
        offres[offre.uid] = offre
        for uid in offre.lieux:
            par_lieu.setdefault(uid, []).append(offre.uid)
    by_structure: dict[str, tuple[list, list]] = {sid: ([], []) for sid in structure_docs}
    for uid in lieux:
        by_structure.get(uid.split("/")[0], ([], []))[0].append(uid)
    for uid in offres:
        by_structure.get(uid.split("/")[0], ([], []))[1].append(uid)
    structures = {sid: Structure(sid, freeze(doc.data), doc.path, tuple(by_structure[sid][0]), tuple(by_structure[sid][1]))
                  for sid, doc in sorted(structure_docs.items())}
    return Directory(today, freeze(structures), freeze(lieux), freeze(offres), freeze({k: v for k, v in par_lieu.items()}))
