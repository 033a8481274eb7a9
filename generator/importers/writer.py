"""Writing converted bundles into an `offers/` tree, idempotently.

Records are found again by their source identity (`source: {nom, id}`): the same source id
updates the same file in place, never a « -2 » duplicate. On update, what the source gives
replaces the file's value; what the volunteer completed since (a field the source lacks) or
checked (a deduction no longer listed in `a_verifier`) is kept. A file whose data would not
change is not rewritten, so a second import of the same file changes nothing.
"""
from __future__ import annotations

import copy
from dataclasses import dataclass, field
from pathlib import Path

from ..diagnostics import Report
from ..directory import ID_RE
from ..load import load_file
from .bundle import Bundle
from .yaml_writer import dump

TO_COMPLETE, CHECK = "a_completer", "a_verifier"


@dataclass
class Existing:
    structures: dict = field(default_factory=dict)  # sid -> data
    lieux: dict = field(default_factory=dict)  # sid -> list of venue data
    offres: dict = field(default_factory=dict)  # (sid, oid) -> data
    by_source: dict = field(default_factory=dict)  # ("structure"|"lieu"|"offre", nom, id) -> sid / (sid, id)
    unreadable: list = field(default_factory=list)


@dataclass
class Change:
    path: Path
    action: str  # "crees" | "modifies" | "inchanges"
    text: str = ""
    fields: tuple[str, ...] = ()  # what changes in an existing file (for the dry-run listing)


def _key(kind: str, data: dict):
    src = data.get("source")
    return (kind, src.get("nom"), src.get("id")) if isinstance(src, dict) else None


def read_tree(out: Path) -> Existing:
    found = Existing()
    if not out.is_dir():
        return found
    for folder in sorted(p for p in out.iterdir() if p.is_dir() and not p.is_symlink() and ID_RE.fullmatch(p.name)):
        sid = folder.name
        report = Report()
        docs = {}
        for name in ("structure", "lieux"):
            path = folder / f"{name}.yml"
            if path.is_file():
                doc = load_file(str(path), report)
                docs[name] = doc.data if doc.ok and isinstance(doc.data, dict) else None
        if any(v is None for v in docs.values()):
            found.unreadable.append(sid)
        if isinstance(docs.get("structure"), dict):
            found.structures[sid] = docs["structure"]
            if (k := _key("structure", docs["structure"])):
                found.by_source[k] = sid
        lieux = (docs.get("lieux") or {}).get("lieux")
        if isinstance(lieux, list):
            found.lieux[sid] = lieux
            for lieu in lieux:
                if isinstance(lieu, dict) and (k := _key("lieu", lieu)):
                    found.by_source[k] = (sid, lieu.get("id"))
        for path in sorted((folder / "offres").glob("*.yml")) if (folder / "offres").is_dir() else ():
            doc = load_file(str(path), report)
            if doc.ok and isinstance(doc.data, dict):
                found.offres[(sid, path.stem)] = doc.data
                if (k := _key("offre", doc.data)):
                    found.by_source[k] = (sid, path.stem)
    return found


def _get(data, path: str):
    for part in path.split("."):
        if not isinstance(data, dict) or part not in data:
            return None
        data = data[part]
    return data


def _set(data: dict, path: str, value) -> None:
    parts = path.split(".")
    for part in parts[:-1]:
        data = data.setdefault(part, {})
    data[parts[-1]] = value


def merge(existing: dict | None, new: dict) -> dict:
    """`new` (from the source) applied over `existing` (the file as the volunteer left it)."""
    if existing is None:
        return new
    out = copy.deepcopy(existing)
    for key, value in new.items():
        if key not in (TO_COMPLETE, CHECK):
            out[key] = copy.deepcopy(value)
    checked_before = set(existing.get(CHECK, ()))
    still_to_check = []
    for path in new.get(CHECK, ()):
        before = _get(existing, path)
        if before is not None and path not in checked_before:
            _set(out, path, copy.deepcopy(before))  # reviewed by a person since the last import: theirs wins
        else:
            still_to_check.append(path)
    todo = [p for p in new.get(TO_COMPLETE, ()) if _get(out, p) is None]
    out.pop(TO_COMPLETE, None)
    out.pop(CHECK, None)
    if todo:
        out[TO_COMPLETE] = todo
    if still_to_check:
        out[CHECK] = still_to_check
    return out


def _new_id(base: str, taken) -> str:
    base = base if ID_RE.fullmatch(base or "") else "structure-importee"
    candidate, n = base, 1
    while candidate in taken:
        n += 1
        candidate = f"{base[:55]}-{n}"
    return candidate


def plan(bundles: list[Bundle], out: Path, existing: Existing | None = None) -> list[Change]:
    existing = existing or read_tree(out)
    taken = set(existing.structures) | set(existing.lieux) | ({p.name for p in out.iterdir()} if out.is_dir() else set())
    changes: list[Change] = []
    for bundle in bundles:
        sid = existing.by_source.get(_key("structure", bundle.structure) or ())
        if sid is None:
            for lieu in bundle.lieux:
                hit = existing.by_source.get(_key("lieu", lieu) or ())
                if hit:
                    sid = hit[0]
                    break
        if sid in existing.unreadable:
            continue
        if sid is None:
            sid = _new_id(bundle.slug, taken)
            taken.add(sid)
        folder = out / sid
        structure = merge(existing.structures.get(sid), bundle.structure)
        old_territory = (existing.structures.get(sid) or {}).get("territoire")
        if isinstance(old_territory, dict):  # what the volunteer added to the territory stays
            structure["territoire"] = {**old_territory, "communes": sorted(
                set(old_territory.get("communes", [])) | set(bundle.structure.get("territoire", {}).get("communes", [])))}
        changes.append(_change(folder / "structure.yml", "structure", existing.structures.get(sid), structure))
        venues = [copy.deepcopy(v) for v in existing.lieux.get(sid, [])]
        renamed: dict[str, str] = {}
        for lieu in bundle.lieux:
            hit = existing.by_source.get(_key("lieu", lieu) or ())
            index = next((i for i, v in enumerate(venues) if isinstance(v, dict) and hit and hit[0] == sid and v.get("id") == hit[1]), None)
            if index is None:
                lieu_id = _new_id(lieu["id"], {v.get("id") for v in venues if isinstance(v, dict)})
                renamed[lieu["id"]] = lieu_id
                venues.append({**lieu, "id": lieu_id})
            else:
                renamed[lieu["id"]] = venues[index]["id"]
                venues[index] = merge(venues[index], {**lieu, "id": venues[index]["id"]})
        before = {"lieux": existing.lieux[sid]} if sid in existing.lieux else None
        changes.append(_change(folder / "lieux.yml", "lieux", before, {"lieux": venues}))
        offer_ids = {oid for (s, oid) in existing.offres if s == sid}
        for name, offre in bundle.offres:
            if "lieux" in offre:
                offre = {**offre, "lieux": [renamed.get(r, r) for r in offre["lieux"]]}
            hit = existing.by_source.get(_key("offre", offre) or ())
            if hit and hit[0] == sid:
                oid = hit[1]
            else:
                oid = _new_id(name, offer_ids)
                offer_ids.add(oid)
            before = existing.offres.get((sid, oid))
            changes.append(_change(folder / "offres" / f"{oid}.yml", "offre", before, merge(before, offre)))
    return changes


def _differences(before: dict, after: dict) -> tuple[str, ...]:
    if "lieux" in after and isinstance(before.get("lieux"), list):
        old = {v.get("id"): v for v in before["lieux"] if isinstance(v, dict)}
        out = []
        for venue in after["lieux"]:
            prior = old.get(venue["id"])
            if prior is None:
                out.append(f"nouveau lieu {venue['id']}")
            elif prior != venue:
                keys = sorted(k for k in set(prior) | set(venue) if prior.get(k) != venue.get(k))
                out.append(f"{venue['id']} : {', '.join(keys)}")
        return tuple(out)
    return tuple(sorted(k for k in set(before) | set(after) if before.get(k) != after.get(k)))


def _change(path: Path, kind: str, before, after) -> Change:
    if before is not None and before == after:
        return Change(path, "inchanges")
    if before is None:
        return Change(path, "crees", dump(kind, after))
    return Change(path, "modifies", dump(kind, after), _differences(before, after))


def apply(changes: list[Change]) -> None:
    for change in changes:
        if change.action == "inchanges":
            continue
        change.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = change.path.with_name(change.path.name + ".tmp")
        tmp.write_text(change.text, encoding="utf-8")
        tmp.replace(change.path)


def summary(changes: list[Change], root: Path) -> dict[str, list[str]]:
    """Paths by action, each modified one with what changes in it (« contact, horaires »); a later
    `annuaire diff` may replace this listing."""
    out: dict[str, list[str]] = {"crees": [], "modifies": [], "inchanges": []}
    for change in changes:
        try:
            shown = change.path.relative_to(root.parent).as_posix()
        except ValueError:
            shown = change.path.as_posix()
        out[change.action].append(shown + (f" ({' ; '.join(change.fields)})" if change.fields else ""))
    return out
