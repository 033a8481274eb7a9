"""The commune of an imported address, from the official geography: INSEE code when given, else
postcode + name (case, accents, hyphens and « St » ignored; CEDEX and BP codes resolved by name
within the département). Never a silent guess: every correction is a note, and a name that fits
several communes is refused with the candidates listed."""
from __future__ import annotations

import difflib
import functools
import re
from dataclasses import dataclass, field

from .. import geography
from ..geography import Commune

_CEDEX = re.compile(r"\b(cedex|bp|cs|tsa)\b.*$", re.I)
_NOISE = re.compile(r"\(\s*\d{2,3}\s*\)|\b\d{5}\b")


@dataclass
class Resolution:
    commune: Commune | None
    code_postal: str = ""
    notes: list[str] = field(default_factory=list)
    problem: str | None = None  # why no commune could be chosen (the row is then refused)


def clean_name(name: str) -> str:
    """« MORLAIX CEDEX 9 », « Morlaix (29) », « 29600 Morlaix » → « MORLAIX », « Morlaix »."""
    text = " ".join(name.split())
    text = _CEDEX.sub("", text)
    text = _NOISE.sub("", text)
    return text.strip(" ,-")


def departement_of_postcode(cp: str) -> str | None:
    if not re.fullmatch(r"[0-9]{5}", cp):
        return None
    if cp.startswith("97") or cp.startswith("98"):
        return cp[:3]
    if cp.startswith("20"):
        return "2A" if cp < "20200" else "2B"
    return cp[:2]


@functools.cache
def _by_departement() -> dict[str, tuple[Commune, ...]]:
    index: dict[str, list[Commune]] = {}
    for c in geography.all_communes():
        index.setdefault(c.departement, []).append(c)
    return {k: tuple(v) for k, v in index.items()}


@functools.cache
def _former() -> dict[str, tuple[str, ...]]:
    """INSEE code of today's commune → its former names (delegated, associated, merged)."""
    out: dict[str, list[str]] = {}
    for name, code in geography.former_names():
        out.setdefault(code, []).append(name)
    return {k: tuple(v) for k, v in out.items()}


def _matches(c: Commune, name: str) -> str | None:
    """'nom' when `name` is the commune's name, 'ancien' when it is one of its former names."""
    if geography.same_name(c.nom, name):
        return "nom"
    if any(geography.same_name(old, name) for old in _former().get(c.code, ())):
        return "ancien"
    return None


def _listing(communes, limit: int = 8) -> str:
    items = [f"{c.nom} ({c.code})" for c in communes]
    return ", ".join(items[:limit]) + (f"… ({len(items)} communes)" if len(items) > limit else "")


def _in_departement(name: str, dep: str | None) -> list[tuple[Commune, str]]:
    if not dep:
        return []
    if dep in ("2A", "2B"):
        pool = _by_departement().get("2A", ()) + _by_departement().get("2B", ())
    else:
        pool = _by_departement().get(dep, ())
    return [(c, how) for c in pool if (how := _matches(c, name))]


def resolve(insee: str, cp: str, name: str) -> Resolution:
    insee, cp, raw_name = insee.strip(), cp.strip().replace(" ", ""), name.strip()
    name = clean_name(raw_name)
    if re.fullmatch(r"[0-9]{4}", cp):  # a spreadsheet ate the leading zero of 01000-09999
        cp = "0" + cp
    commune = geography.commune(insee) if insee else None
    notes: list[str] = []
    if insee and commune is None:
        notes.append(f"code INSEE « {insee} » inconnu : commune cherchée par code postal et nom")
    if commune is None:
        if not name and not cp:
            return Resolution(None, problem="commune et code postal absents")
        by_cp = geography.communes_by_postcode(cp) if cp else ()
        found = [(c, how) for c in by_cp if (how := _matches(c, name))] if name else []
        if not found and name:
            found = _in_departement(name, departement_of_postcode(cp))
            if found and cp:
                kind = "CEDEX ou boîte postale" if not by_cp else "d'une autre commune"
                notes.append(f"code postal « {cp} » ({kind}) : commune trouvée par son nom dans le département")
        if not found and name and by_cp:
            close = difflib.get_close_matches(name.casefold(), [c.nom.casefold() for c in by_cp], n=2, cutoff=0.85)
            if len(close) == 1:
                found = [(next(c for c in by_cp if c.nom.casefold() == close[0]), "approche")]
        if not found and len(by_cp) == 1 and not name:
            found = [(by_cp[0], "code-postal")]
        unique = {c.code: (c, how) for c, how in found}
        if len(unique) > 1:
            return Resolution(None, problem=f"commune « {raw_name} » ambiguë (code postal « {cp} ») : "
                                            f"{_listing(c for c, _ in unique.values())}")
        if not unique:
            hint = f" ; communes de ce code postal : {_listing(by_cp)}" if by_cp else ""
            return Resolution(None, problem=f"commune introuvable : « {raw_name} », code postal « {cp} »"
                                            + (f", code INSEE « {insee} »" if insee else "") + hint)
        commune, how = next(iter(unique.values()))
        if how == "ancien":
            notes.append(f"« {raw_name} » est une ancienne commune, aujourd'hui {commune.nom} ({commune.code})")
        elif how == "approche":
            notes.append(f"commune « {raw_name} » lue comme {commune.nom} (nom approché, code postal {cp})")
        elif how == "code-postal":
            notes.append(f"commune absente : {commune.nom}, seule commune du code postal {cp}")
    elif name and not _matches(commune, name):
        notes.append(f"commune « {raw_name} » différente du code INSEE {commune.code} ({commune.nom}) : "
                     "le code INSEE fait foi")
    if raw_name and raw_name != commune.nom and _matches(commune, name) == "nom":
        notes.append(f"commune « {raw_name} » écrite « {commune.nom} » (nom officiel)")
    if cp in commune.codes_postaux:
        postcode = cp
    else:
        postcode = commune.codes_postaux[0] if commune.codes_postaux else cp
        if cp and not any("code postal" in n for n in notes):
            notes.append(f"code postal « {cp} » (CEDEX, boîte postale ou erreur) remplacé par celui de "
                         f"{commune.nom} : {postcode}")
    return Resolution(commune, postcode, notes)
