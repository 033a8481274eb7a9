"""Field-by-field comparison of one record (offer, venue, structure) in plain French lines.

Each line names the field by its schema title and shows values as `values` renders them; lists
say what was added and removed, dated sessions say which séance appeared or went away."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field as dc_field

from .fields import ITEM, fields, field
from .values import code, commune_name, day_long, epci_name, hours_pair, is_long, label, md_text, quoted, scalar
from ..site.french import hhmm


@dataclass(frozen=True)
class Change:
    field: str  # French title (with its parents: « Contact › Téléphone »)
    text: str  # the whole line, Markdown
    before: str | None = None
    after: str | None = None
    detail: str | None = None  # long text shown folded under the line (Markdown-safe block)


@dataclass
class Context:
    """What the values of a record refer to: its venues and partners, by id, on each side."""

    kind: str  # schema kind: "offre", "lieux" (one venue), "structure"
    today: dt.date
    venue_names: dict = dc_field(default_factory=dict)  # ref -> name, both sides merged
    partner_names: dict = dc_field(default_factory=dict)
    base: tuple = ()  # path prefix inside the schema (("lieux", ITEM) for one venue)
    special: dict = dc_field(default_factory=dict)  # path -> comparison of its own (dated sessions)


def _ref_name(ctx: Context, path: tuple, value) -> str | None:
    leaf = [p for p in path if p != ITEM and not isinstance(p, int)]
    name = leaf[-1] if leaf else ""
    if ctx.kind == "offre" and name in ("lieux", "lieu"):
        return quoted(ctx.venue_names.get(value, value))
    if ctx.kind == "offre" and name in ("partenaires", "financeurs", "partenaire"):
        return quoted(ctx.partner_names.get(value, value))
    if ctx.kind == "structure" and name == "communes":
        return md_text(commune_name(value))
    if ctx.kind == "structure" and name == "epci":
        return md_text(epci_name(value))
    return None


def show(ctx: Context, path: tuple, value) -> str:
    f = field(ctx.kind, ctx.base + path)
    ref = _ref_name(ctx, path, value)
    if ref is not None:
        return ref
    if f.referential and isinstance(value, str):
        return quoted(label(f.referential, value))
    return scalar(f.kind, value)


def title(ctx: Context, path: tuple, skip: int = 0) -> str:
    """« Inscription › Comment s'inscrire ou venir » (indexes skipped; the first `skip` steps too,
    when the caller has already named the item they lead to)."""
    names, seen = [], ()
    for i, step in enumerate(path):
        seen += (step,)
        if i < skip or isinstance(step, int) or step == ITEM:
            continue
        names.append(field(ctx.kind, ctx.base + seen).title)
    return " › ".join(names) or "Fiche"


def _order(ctx: Context, path: tuple, keys) -> list:
    generic = tuple(ITEM if isinstance(p, int) else p for p in ctx.base + path)
    known = [k[-1] for k in fields(ctx.kind) if len(k) == len(generic) + 1 and k[:-1] == generic]
    return [k for k in known if k in keys] + sorted(k for k in keys if k not in known)


def _text_change(ctx: Context, path: tuple, before, after, skip: int) -> Change:
    name = title(ctx, path, skip)
    if is_long(before) or is_long(after):
        if before is None:
            return Change(name, f"{name} : texte ajouté", None, None, after)
        if after is None:
            return Change(name, f"{name} : texte supprimé", None, None, None)
        return Change(name, f"{name} : texte modifié ({len(before)} → {len(after)} caractères)", None, None, after)
    return _scalar_change(ctx, path, before, after, skip)


def _scalar_change(ctx: Context, path: tuple, before, after, skip: int) -> Change:
    name = title(ctx, path, skip)
    f = field(ctx.kind, ctx.base + path)
    if f.kind == "horaires":
        a, b = hours_pair(before, after, ctx.today)
    else:
        a = show(ctx, path, before) if before is not None else None
        b = show(ctx, path, after) if after is not None else None
        if a == b:  # two codes with the same label: the codes tell them apart
            a, b = code(str(before)), code(str(after))
    if before is None:
        return Change(name, f"{name} : {b} (ajouté)", None, b)
    if after is None:
        return Change(name, f"{name} : supprimé (était {a})", a, None)
    return Change(name, f"{name} : {a} → {b}", a, b)


def _list_change(ctx: Context, path: tuple, before: list, after: list, skip: int) -> list[Change]:
    name = title(ctx, path, skip)
    before, after = list(before or ()), list(after or ())
    if all(not isinstance(v, (dict, list)) for v in before + after):
        added = [v for v in after if v not in before]
        removed = [v for v in before if v not in after]
        parts = []
        if added:
            parts.append("ajouté " + ", ".join(show(ctx, path + (ITEM,), v) for v in added))
        if removed:
            parts.append("retiré " + ", ".join(show(ctx, path + (ITEM,), v) for v in removed))
        if not parts:
            parts.append("ordre modifié")
        return [Change(name, f"{name} : {' ; '.join(parts)}")]
    key = next((k for k in ("id", "partenaire") if all(isinstance(v, dict) and k in v for v in before + after)), None)
    if key is None:
        return [Change(name, f"{name} : modifié ({len(before)} → {len(after)} élément(s))")]
    old = {v[key]: v for v in before}
    new = {v[key]: v for v in after}
    out = []
    for k, v in new.items():
        who = show(ctx, path + (ITEM, key), k)
        if k not in old:
            out.append(Change(name, f"{name} : ajouté {who}"))
        elif old[k] != v:
            out += [Change(c.field, f"{name} ({who}) › {c.text}", c.before, c.after, c.detail)
                    for c in compare(ctx, old[k], v, path + (ITEM,), skip=len(path) + 1)]
    for k in old:
        if k not in new:
            out.append(Change(name, f"{name} : retiré {show(ctx, path + (ITEM, key), k)}"))
    return out


def compare(ctx: Context, before, after, path: tuple = (), skip: int = 0) -> list[Change]:
    """Changes from `before` to `after`, two JSON-shaped values at `path`; titles leave out the
    first `skip` steps of the path."""
    if before == after:
        return []
    if path in ctx.special:
        return ctx.special[path](ctx, before or [], after or [])
    if isinstance(before, dict) and isinstance(after, dict):
        out = []
        for key in _order(ctx, path, set(before) | set(after)):
            if key != "$schema":
                out += compare(ctx, before.get(key), after.get(key), path + (key,), skip)
        return out
    if (before is None or isinstance(before, list)) and (after is None or isinstance(after, list)):
        return _list_change(ctx, path, before, after, skip)
    if isinstance(before, (dict, list)) or isinstance(after, (dict, list)):
        name = title(ctx, path, skip)
        return [Change(name, f"{name} : {'ajouté' if before is None else 'supprimé' if after is None else 'modifié'}")]
    return [_text_change(ctx, path, before, after, skip)]


def seance_text(seance: dict) -> str:
    try:
        return f"{day_long(seance.get('date'))} ({hhmm(seance['debut'])}–{hhmm(seance['fin'])})"
    except (KeyError, ValueError):
        return md_text(seance.get("date"))
