"""What a change does to the directory, for a reader: structures, venues and offers added, removed,
renamed (same content under a new id) or modified field by field.

Both sides are `Loaded` revisions (the project's own loader and validator ran on each); a file that
is invalid on one side is said to be so, never mistaken for a deletion."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from ..diagnostics import Diagnostic
from .fields import ITEM
from .fieldwise import Change, Context, compare
from .revision import Loaded
from .sessions import compare_sessions
from .values import label

KIND_WORDS = {  # kind: (singular, plural, feminine)
    "structure": ("structure", "structures", True),
    "lieu": ("lieu", "lieux", False),
    "offre": ("offre", "offres", True),
}
STATUSES = ("ajout", "suppression", "renommage", "modification", "invalide")


@dataclass
class Item:
    kind: str  # "structure", "lieu", "offre"
    uid: str
    name: str
    status: str  # one of STATUSES
    structure: str  # structure id (the new one for a rename)
    old_uid: str | None = None
    summary: str = ""  # what an added or removed item is, in a few words
    changes: list[Change] = field(default_factory=list)
    file: str = ""


@dataclass
class DirectoryDiff:
    base: str
    head: str
    base_errors: list[Diagnostic]
    head_errors: list[Diagnostic]
    items: list[Item]
    structure_names: dict

    def count(self, kind: str, status: str) -> int:
        return sum(1 for i in self.items if i.kind == kind and i.status == status)


def _files(prefix: str, kind: str, uid: str) -> str:
    sid, _, rest = uid.partition("/")
    return {"structure": f"{prefix}/{sid}/structure.yml", "lieu": f"{prefix}/{sid}/lieux.yml",
            "offre": f"{prefix}/{sid}/offres/{rest}.yml"}[kind]


def _plain(value):
    """Frozen model data back to plain dicts and lists, for comparison."""
    if hasattr(value, "items") and not isinstance(value, (str, bytes)):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, tuple):
        return [_plain(v) for v in value]
    return value


def _records(side: Loaded) -> dict[str, dict[str, dict]]:
    d = side.directory
    return {"structure": {sid: _plain(s.data) for sid, s in d.structures.items()},
            "lieu": {uid: {k: v for k, v in _plain(v.data).items() if k != "id"} for uid, v in d.lieux.items()},
            "offre": {uid: _plain(o.data) for uid, o in d.offres.items()}}


def _name(kind: str, data: dict) -> str:
    return str(data.get("nom") or "(sans nom)")


def _summary(kind: str, data: dict) -> str:
    if kind == "offre":
        seg = label("segments", data.get("segment")) if data.get("segment") else ""
        return seg
    if kind == "lieu":
        return ", ".join(str(x) for x in (data.get("adresse"), f"{data.get('code_postal', '')} {data.get('commune', '')}".strip()) if x)
    return label("types-structures", data.get("type")) if data.get("type") else ""


def _context(kind: str, today: dt.date, base: Loaded, head: Loaded, sid: str) -> Context:
    venues, partners = {}, {}
    for side in (base, head):
        for uid, v in side.directory.lieux.items():
            venues[uid] = v["nom"]
            if uid.startswith(sid + "/"):
                venues[uid.split("/", 1)[1]] = v["nom"]
        s = side.directory.structures.get(sid)
        for p in (s.get("partenaires", ()) if s else ()):
            partners[p["id"]] = p["nom"]
    schema_kind = {"structure": "structure", "lieu": "lieux", "offre": "offre"}[kind]
    return Context(schema_kind, today, venues, partners, ("lieux", ITEM) if kind == "lieu" else (),
                   {("sessions",): compare_sessions} if kind == "offre" else {})


def compare_revisions(base: Loaded, head: Loaded, prefix: str = "offers", today: dt.date | None = None) -> DirectoryDiff:
    today = today or head.directory.today
    old, new = _records(base), _records(head)
    broken_base, broken_head = base.broken(), head.broken()
    items: list[Item] = []
    renamed: dict[str, str] = {}  # venue uid before → after
    for kind in ("structure", "lieu", "offre"):
        a, b = old[kind], new[kind]
        if kind == "offre" and renamed:
            # Offers read with their venues' new ids: a renamed venue does not change the offers held there.
            a = {u: _follow_renames(o, u.split("/")[0], renamed) for u, o in a.items()}
        removed = [u for u in a if u not in b]
        added = [u for u in b if u not in a]
        # A record missing on one side because its file is invalid there is not a deletion.
        for u in list(removed):
            path = _files(prefix, kind, u)
            if path in head.files and path in broken_head:
                removed.remove(u)
                items.append(Item(kind, u, _name(kind, a[u]), "invalide", u.split("/")[0], file=path))
        for u in list(added):
            path = _files(prefix, kind, u)
            if path in base.files and path in broken_base:
                added.remove(u)  # it was invalid before: now it is valid, show it as it is
                items.append(Item(kind, u, _name(kind, b[u]), "ajout", u.split("/")[0], file=path,
                                  summary="son fichier était invalide dans la version de départ"))
        for u in list(removed):
            twin = next((v for v in added if b[v] == a[u]), None)
            if twin is not None:
                removed.remove(u)
                added.remove(twin)
                if kind == "lieu":
                    renamed[u] = twin
                items.append(Item(kind, twin, _name(kind, b[twin]), "renommage", twin.split("/")[0], old_uid=u,
                                  file=_files(prefix, kind, twin)))
        items += [Item(kind, u, _name(kind, a[u]), "suppression", u.split("/")[0], summary=_summary(kind, a[u]),
                       file=_files(prefix, kind, u)) for u in removed]
        items += [Item(kind, u, _name(kind, b[u]), "ajout", u.split("/")[0], summary=_summary(kind, b[u]),
                       file=_files(prefix, kind, u)) for u in added]
        for u in a:
            if u in b and a[u] != b[u]:
                sid = u.split("/")[0]
                changes = compare(_context(kind, today, base, head, sid), a[u], b[u])
                if changes:
                    items.append(Item(kind, u, _name(kind, b[u]), "modification", sid, changes=changes,
                                      file=_files(prefix, kind, u)))
    names = {sid: s["nom"] for side in (base, head) for sid, s in side.directory.structures.items()}
    order = {k: i for i, k in enumerate(("structure", "lieu", "offre"))}
    items.sort(key=lambda i: (str(names.get(i.structure, i.structure)).casefold(), i.structure, order[i.kind],
                              STATUSES.index(i.status), i.name.casefold(), i.uid))
    return DirectoryDiff(base.label, head.label, _errors(base), _errors(head), items, names)


def _follow_renames(offer: dict, sid: str, renamed: dict[str, str]) -> dict:
    """The offer with its references to renamed venues (`lieu` or `structure/lieu`) written with the new ids."""
    def ref(value):
        if not isinstance(value, str):
            return value
        new = renamed.get(value if "/" in value else f"{sid}/{value}")
        if new is None:
            return value
        return new.split("/", 1)[1] if "/" not in value and new.startswith(sid + "/") else new

    out = dict(offer)
    if isinstance(out.get("lieux"), list):
        out["lieux"] = [ref(r) for r in out["lieux"]]
    if isinstance(out.get("sessions"), list):
        sessions = []
        for s in out["sessions"]:
            if isinstance(s, dict):
                s = {**s, "lieu": ref(s["lieu"])} if "lieu" in s else dict(s)
                if isinstance(s.get("seances"), list):
                    s["seances"] = [{**x, "lieu": ref(x["lieu"])} if isinstance(x, dict) and "lieu" in x else x
                                    for x in s["seances"]]
            sessions.append(s)
        out["sessions"] = sessions
    return out


def _errors(side: Loaded) -> list[Diagnostic]:
    return [d for d in side.report.sorted() if d.severity == "error"]
