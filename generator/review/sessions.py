"""Dated sessions of an offer compared as people read a calendar: which session or séance appeared,
went away or moved, rather than which list index changed."""
from __future__ import annotations

from ..site.french import date_short, hhmm
from .fieldwise import Change, Context, compare, seance_text
from .fields import ITEM
from .values import md_text


def _dates(session: dict) -> set:
    return {s.get("date") for s in session.get("seances", ()) if isinstance(s, dict)}


def _name(session: dict) -> str:
    a, b = session.get("debut"), session.get("fin")
    if a == b or not b:
        return f"session du {date_short(a)}"
    return f"session du {date_short(a)} au {date_short(b)}"


def _pair(before: list, after: list) -> tuple[list, list, list]:
    """Sessions matched across versions by shared séance dates, else by first day."""
    pairs, left, right = [], list(range(len(before))), list(range(len(after)))
    for key in (lambda i, j: len(_dates(before[i]) & _dates(after[j])) > 0,
                lambda i, j: before[i].get("debut") == after[j].get("debut")):
        for i in list(left):
            j = next((j for j in right if key(i, j)), None)
            if j is not None:
                pairs.append((i, j))
                left.remove(i)
                right.remove(j)
    return sorted(pairs), left, right


def _summary(session: dict) -> str:
    n = len(session.get("seances", ()))
    parts = [f"{n} séance{'s' if n > 1 else ''}"]
    if session.get("places"):
        parts.append(f"{session['places']} places")
    return ", ".join(parts)


def _seances(ctx: Context, before: list, after: list) -> list[Change]:
    out = []
    old = {}
    for s in before:
        old.setdefault(s.get("date"), []).append(s)
    new = {}
    for s in after:
        new.setdefault(s.get("date"), []).append(s)
    for day in sorted(set(old) | set(new), key=str):
        a, b = old.get(day, []), new.get(day, [])
        if a == b:
            continue
        if not a:
            out += [Change("Séances", f"Séance du {seance_text(s)} ajoutée", None, seance_text(s)) for s in b]
        elif not b:
            out += [Change("Séances", f"Séance du {seance_text(s)} supprimée", seance_text(s), None) for s in a]
        elif len(a) == len(b) == 1:
            x, y = a[0], b[0]
            if (x.get("debut"), x.get("fin")) != (y.get("debut"), y.get("fin")):
                try:
                    hours = f"{hhmm(x['debut'])}–{hhmm(x['fin'])} → {hhmm(y['debut'])}–{hhmm(y['fin'])}"
                except (KeyError, ValueError):
                    hours = "horaires modifiés"
                out.append(Change("Séances", f"Séance du {seance_text(x).split(' (')[0]} : {hours}"))
            rest_x = {k: v for k, v in x.items() if k not in ("debut", "fin")}
            rest_y = {k: v for k, v in y.items() if k not in ("debut", "fin")}
            path = ("sessions", ITEM, "seances", ITEM)
            out += [Change(c.field, f"Séance du {seance_text(y)} › {c.text}", c.before, c.after, c.detail)
                    for c in compare(ctx, rest_x, rest_y, path, skip=len(path))]
        else:
            out.append(Change("Séances", f"Séances du {seance_text(b[0]).split(' (')[0]} modifiées"))
    return out


def compare_sessions(ctx: Context, before: list, after: list) -> list[Change]:
    pairs, removed, added = _pair(before, after)
    out = []
    for i in removed:
        s = before[i]
        out.append(Change("Sessions", f"{_name(s).capitalize()} supprimée ({_summary(s)})", md_text(_name(s)), None))
    for j in added:
        s = after[j]
        out.append(Change("Sessions", f"{_name(s).capitalize()} ajoutée ({_summary(s)})", None, md_text(_name(s))))
    several = len(after) > 1 or len(before) > 1
    for i, j in pairs:
        a, b = before[i], after[j]
        if a == b:
            continue
        label = _name(b).capitalize() if several else ""
        rest_a = {k: v for k, v in a.items() if k != "seances"}
        rest_b = {k: v for k, v in b.items() if k != "seances"}
        path = ("sessions", ITEM)
        out += [Change(c.field, f"{label} › {c.text}" if label else c.text, c.before, c.after, c.detail)
                for c in compare(ctx, rest_a, rest_b, path, skip=len(path))]
        out += _seances(ctx, list(a.get("seances", ())), list(b.get("seances", ())))
    return out
