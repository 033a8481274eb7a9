"""Which pages an edit can change, from the records that differ between two versions of the directory.

An offer shows on its own page and sheet, on the pages of its venues (the offers held there) and of
its structure; a venue on its page, the pages of the offers held there and of its structure, and —
when its name, place or commune changes — in the neighbour lists of the venues around it. Lists
(segments, themes, publics, partners, territories, search) are cheap and always recomputed. A change
of structure.yml (name, partners, contact shown everywhere) recomputes everything."""
from __future__ import annotations

from dataclasses import dataclass, field

from ..model import Directory
from ..site.context import Site
from ..site.pages import KINDS, fiche, lieu, offre, page_kinds, structure
from ..site.pages.spec import PageSpec

PER_RECORD = (structure, lieu, offre)  # kinds with one page per record: the others are recomputed whole
_IDENTITY = ("nom", "commune", "code_insee", "coordonnees", "adresse")  # what neighbour lists show of a venue


@dataclass
class Affected:
    everything: bool = False
    offres: set[str] = field(default_factory=set)
    lieux: set[str] = field(default_factory=set)
    structures: set[str] = field(default_factory=set)


def _diff(old, new, uids) -> set[str]:
    return {u for u in uids if (old.get(u).data if old.get(u) is not None else None) != (new.get(u).data if new.get(u) is not None else None)}


def affected(old: Directory, new: Directory, structures: set[str]) -> Affected:
    """Records of the folders `structures` (those read again) that differ, and what shows them."""
    out = Affected()
    in_changed = lambda uid: uid.split("/")[0] in structures  # noqa: E731
    if _diff(old.structures, new.structures, structures):
        return Affected(everything=True)
    offres = _diff(old.offres, new.offres, {u for d in (old, new) for u in d.offres if in_changed(u)})
    lieux = _diff(old.lieux, new.lieux, {u for d in (old, new) for u in d.lieux if in_changed(u)})
    out.offres |= offres
    out.lieux |= lieux
    for d in (old, new):
        for uid in offres:
            if uid in d.offres:
                out.lieux.update(d.offres[uid].lieux)
                out.offres.update(u for u in d.offres[uid].suites if u in d.offres)  # « Cette offre vient après »
        # Offers whose « Et après ? » names a changed one show its name and type.
        out.offres.update(o.uid for o in d.offres.values() if offres.intersection(o.suites))
        for uid in lieux:
            out.offres.update(d.par_lieu.get(uid, ()))
            v = d.lieux.get(uid)
            w = (new if d is old else old).lieux.get(uid)
            if v is not None and (w is None or any(v.get(k) != w.get(k) for k in _IDENTITY)):
                # Its neighbours list it: every venue of its commune and intercommunality.
                site = Site(d)
                neighbours = site.venues_by_commune.get(v["code_insee"], []) + site.venues_by_epci.get(site.epci_of(v), [])
                out.lieux.update(n.uid for n in neighbours)
    out.structures |= {u.split("/")[0] for u in out.offres | out.lieux} | set(structures)
    return out


def record_specs(site: Site, what: Affected) -> list[tuple[object, PageSpec]]:
    """The pages of the affected records (offer and sheet, venue, structure), with their kind."""
    d = site.directory
    out = [(structure, structure.page(site, d.structures[s])) for s in sorted(what.structures) if s in d.structures]
    out += [(lieu, lieu.page(site, d.lieux[u])) for u in sorted(what.lieux) if u in d.lieux]
    for u in sorted(what.offres):
        if u in d.offres:
            spec = offre.page(site, d.offres[u])
            out += [(offre, spec), (offre, fiche.page(d.offres[u], spec.context, site.site_url))]
    return out


def list_specs(site: Site) -> list[tuple[object, PageSpec]]:
    """Every page of the kinds that are not one page per record (lists, partners, territories, home…)."""
    return [(kind, spec) for kind in KINDS if kind not in PER_RECORD and hasattr(kind, "pages") for spec in kind.pages(site)]


def specs_for(site: Site, what: Affected) -> list[tuple[object, PageSpec]]:
    """The pages of the affected records, and every page of the other kinds, with their kind."""
    if what.everything:
        return page_kinds(site)
    return record_specs(site, what) + list_specs(site)


def removed(old: Directory, new: Directory, what: Affected) -> set[tuple[str, str]]:
    """(kind of record, uid) of the affected records that no longer exist."""
    return ({("structure", s) for s in what.structures if s in old.structures and s not in new.structures}
            | {("lieu", u) for u in what.lieux if u in old.lieux and u not in new.lieux}
            | {("offre", u) for u in what.offres if u in old.offres and u not in new.offres})
