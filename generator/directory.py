"""Load + validate + build the model, once per build: the single entry point for every output."""
from __future__ import annotations

import datetime as dt
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from . import validation
from .diagnostics import Report
from .load import Document, load_file
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


@dataclass
class Part:
    """One structure folder, read and checked on its own (the preview reloads only the folders that change)."""

    structure: Document | None = None  # schema-valid structure.yml
    lieux: Document | None = None  # schema-valid lieux.yml
    venues_ok: bool = True
    offers: list = field(default_factory=list)  # (offer id, schema-valid Document)
    offer_ids: list = field(default_factory=list)  # every offer file's id, readable or not
    report: Report = field(default_factory=Report)  # what reading and checking these files found


def load_part(sid: str, item: dict, today: dt.date) -> Part:
    """Read, schema-check and check the structure and venues of one folder; offers are only schema-checked
    here (their rules need every venue of the tree: `check_offers`)."""
    part = Part()
    report = part.report
    if item["structure"] is not None:
        doc = load_file(str(item["structure"]), report)
        if doc.ok and validation.check_schema(doc, "structure", report):
            validation.check(doc, "structure", validation.Context(today, sid), report)
            part.structure = doc
    if item["lieux"] is not None:
        doc = load_file(str(item["lieux"]), report)
        if doc.ok and validation.check_schema(doc, "lieux", report):
            validation.check(doc, "lieux", validation.Context(today, sid), report)
            part.lieux = doc
        else:
            part.venues_ok = False
    part.offer_ids = [path.stem for path in item["offres"]]
    for path in item["offres"]:
        doc = load_file(str(path), report)
        if doc.ok and validation.check_schema(doc, "offre", report):
            part.offers.append((path.stem, doc))
    return part


def all_venues(parts: dict[str, Part]) -> tuple[dict[str, dict], set[str]]:
    """Every venue of the tree by uid (the first one wins on a duplicate), and the structures whose
    lieux.yml could not be read."""
    venues: dict[str, dict] = {}
    broken = set()
    for sid, part in parts.items():
        if part.lieux is not None:
            for lieu in part.lieux.data["lieux"]:
                venues.setdefault(f"{sid}/{lieu['id']}", lieu)
        elif not part.venues_ok:
            broken.add(sid)
    return venues, broken


def all_offers(parts: dict[str, Part]) -> dict[str, dict | None]:
    """Every offer uid of the tree → its data, None when its file is broken: an offer whose file is broken
    still exists for `suites`, so that one broken file does not cascade into errors in others."""
    offers: dict[str, dict | None] = {f"{sid}/{oid}": None for sid, p in parts.items() for oid in p.offer_ids}
    offers.update({f"{sid}/{oid}": doc.data for sid, p in parts.items() for oid, doc in p.offers})
    return offers


def check_offers(sid: str, part: Part, today: dt.date, venues: dict, broken: set, offers: dict, report: Report) -> None:
    sdoc = part.structure
    for oid, doc in part.offers:
        refs = [venue_uid(sid, r) for r in doc.data.get("lieux", [])]
        known = None if sid in broken or any(r.split("/")[0] in broken for r in refs) else venues
        context = validation.Context(today, sid, sdoc.data if sdoc else None, known, oid, offers)
        validation.check(doc, "offre", context, report)


def assemble(today: dt.date, parts: dict[str, Part], venues: dict, memo: dict | None = None) -> Directory:
    """The Directory of loaded parts; `memo` (kept by the caller between calls) spares freezing again
    the data of documents that were not read again."""
    structures = {sid: p.structure for sid, p in parts.items() if p.structure is not None}
    lieux_files = {sid: p.lieux.path for sid, p in parts.items() if p.lieux is not None}
    offer_docs = [(sid, oid, doc) for sid, p in parts.items() for oid, doc in p.offers]
    return _build(today, structures, venues, lieux_files, offer_docs, memo)


def load_directory(root: str | Path = "offers", today: dt.date | None = None) -> tuple[Directory, Report]:
    today = today or reference_date()
    report = Report()
    found = _discover(Path(root), report)
    parts = {sid: load_part(sid, item, today) for sid, item in found.items()}
    venues, broken = all_venues(parts)
    offers = all_offers(parts)
    for sid, part in parts.items():
        report.diagnostics += part.report.diagnostics
        check_offers(sid, part, today, venues, broken, offers, report)
    return assemble(today, parts, venues), report


def _build(today, structure_docs, venues, lieux_files, offer_docs, memo: dict | None = None) -> Directory:
    used: dict[int, tuple] = {}

    def frozen(data):
        hit = memo.get(id(data)) if memo is not None else None
        value = hit[1] if hit is not None and hit[0] is data else freeze(data)
        used[id(data)] = (data, value)  # the object is kept with its id, so the id cannot be reused
        return value

    lieux = {uid: Lieu(uid.split("/")[0], uid.split("/")[1], frozen(data), lieux_files[uid.split("/")[0]]) for uid, data in sorted(venues.items())}
    offres: dict[str, Offre] = {}
    par_lieu: dict[str, list[str]] = {}
    for sid, oid, doc in sorted(offer_docs, key=lambda t: (t[0], t[1])):
        refs = tuple(venue_uid(sid, r) for r in doc.data.get("lieux", []))
        offre = Offre(sid, oid, frozen(doc.data), doc.path, tuple(r for r in refs if r in lieux))
        offres[offre.uid] = offre
        for uid in offre.lieux:
            par_lieu.setdefault(uid, []).append(offre.uid)
    by_structure: dict[str, tuple[list, list]] = {sid: ([], []) for sid in structure_docs}
    for uid in lieux:
        by_structure.get(uid.split("/")[0], ([], []))[0].append(uid)
    for uid in offres:
        by_structure.get(uid.split("/")[0], ([], []))[1].append(uid)
    structures = {sid: Structure(sid, frozen(doc.data), doc.path, tuple(by_structure[sid][0]), tuple(by_structure[sid][1]))
                  for sid, doc in sorted(structure_docs.items())}
    if memo is not None:
        memo.clear()
        memo.update(used)
    return Directory(today, freeze(structures), freeze(lieux), freeze(offres), freeze({k: v for k, v in par_lieu.items()}))
