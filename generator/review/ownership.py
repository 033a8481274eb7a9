"""Who may change what: each structure's folder belongs to the `mainteneurs` of its structure.yml,
everything else to the core team listed in `equipe.yml` at the repository root.

Pure functions over file contents; reading them from Git and printing is the command line's job.
Maintainers are always read from the *base* revision, so that a change cannot make its own author
a maintainer of somebody else's structure in passing."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

import yaml

TEAM_FILE = "equipe.yml"
CODEOWNERS_FILE = ".github/CODEOWNERS"
# A forge handle (the schema's pattern for `mainteneurs`), or an organisation's team: `org/equipe`.
HANDLE_RE = re.compile(r"[A-Za-z0-9][A-Za-z0-9-]{0,38}(/[A-Za-z0-9][A-Za-z0-9_.-]*)?")


class OwnershipError(Exception):
    """The team file is unusable: French message for the command line."""


def _yaml(raw: bytes | None):
    if raw is None:
        return None
    try:
        return yaml.safe_load(raw.decode("utf-8"))
    except (yaml.YAMLError, UnicodeDecodeError):
        return None


def handles(values) -> tuple[str, ...]:
    """Valid handles of a list read from YAML, without a leading « @ », in their order, once each."""
    out: list[str] = []
    for v in values if isinstance(values, list) else ():
        h = str(v).strip().removeprefix("@") if isinstance(v, (str, int)) else ""
        if HANDLE_RE.fullmatch(h) and h.casefold() not in {x.casefold() for x in out}:
            out.append(h)
    return tuple(out)


def team_from(raw: bytes | None) -> tuple[str, ...]:
    data = _yaml(raw)
    team = handles(data.get("equipe")) if isinstance(data, dict) else ()
    if not team:
        raise OwnershipError(f"{TEAM_FILE} doit lister l'équipe de l'annuaire (clé « equipe » : identifiants sur la forge) ; "
                             "elle relit tout ce qui est hors de offers/.")
    return team


def maintainers_from(raw: bytes | None) -> tuple[str, ...]:
    """`mainteneurs` of a structure.yml; nothing when the file is unreadable (the team then decides)."""
    data = _yaml(raw)
    return handles(data.get("mainteneurs")) if isinstance(data, dict) else ()


@dataclass(frozen=True)
class Owners:
    team: tuple[str, ...]
    structures: dict[str, tuple[str, ...]] = field(default_factory=dict)  # structure id -> maintainers

    def of(self, structure_id: str) -> tuple[str, ...]:
        return self.structures.get(structure_id, ())


def _at(handle: str) -> str:
    return f"@{handle}"


def codeowners(owners: Owners, offers_prefix: str = "offers") -> str:
    """The CODEOWNERS file: the core team by default, each structure's folder to its maintainers.

    The team is named on every line as well: GitHub does not count an author's own approval, so a
    structure with a single maintainer could otherwise never get the review it requires."""
    team = " ".join(map(_at, owners.team))
    lines = ["# Fichier produit par « annuaire codeowners » à partir des champs « mainteneurs » des structure.yml",
             f"# et de {TEAM_FILE} : ne le modifiez pas à la main, relancez la commande.",
             "# La dernière ligne qui correspond à un fichier désigne qui le relit.",
             f"* {team}"]
    for sid in sorted(owners.structures):
        names = " ".join(map(_at, owners.of(sid)))
        lines.append(f"/{offers_prefix}/{sid}/ {names} {team}".replace("  ", " "))
    return "\n".join(lines) + "\n"


@dataclass(frozen=True)
class Refusal:
    """Files of one owner's domain changed by someone who is not among its owners."""

    structure: str | None  # None: outside offers/
    paths: tuple[str, ...]
    owners: tuple[str, ...]
    new: bool = False  # a structure that does not exist yet on the base revision


def structure_of(path: str, offers_prefix: str = "offers") -> str | None:
    parts = path.split("/")
    prefix = offers_prefix.strip("/").split("/")
    if parts[:len(prefix)] == prefix and len(parts) > len(prefix) + 1:
        return parts[len(prefix)]
    return None


def _member(author: str, group) -> bool:
    return author.casefold() in {h.casefold() for h in group}


def judge(author: str, changed: list[str], base: Owners, head: Owners, regenerated: str | None = None,
          codeowners_at_head: str | None = None, offers_prefix: str = "offers") -> list[Refusal]:
    """What `author` may not change among `changed`.

    A new structure belongs to the maintainers it declares (whoever creates it declares themselves);
    CODEOWNERS is derived data: an update that is exactly what `annuaire codeowners` writes for the
    head revision is judged by the structure changes it follows from, anything else is the team's."""
    author = author.removeprefix("@")
    if _member(author, base.team):
        return []
    by_structure: dict[str, list[str]] = {}
    outside: list[str] = []
    for path in changed:
        sid = structure_of(path, offers_prefix)
        if sid is not None:
            by_structure.setdefault(sid, []).append(path)
        elif path == CODEOWNERS_FILE and regenerated is not None and codeowners_at_head == regenerated:
            continue
        else:
            outside.append(path)
    refusals = []
    for sid, paths in sorted(by_structure.items()):
        exists = sid in base.structures
        owners = base.of(sid) if exists else head.of(sid)
        if not _member(author, owners):
            refusals.append(Refusal(sid, tuple(paths), owners, new=not exists))
    if outside:
        refusals.append(Refusal(None, tuple(outside), base.team))
    return refusals


def explain(author: str, refusals: list[Refusal], team: tuple[str, ...]) -> list[str]:
    """One French paragraph per refusal, naming who may make the change."""
    author = author.removeprefix("@")
    team_text = ", ".join(map(_at, team))
    out = []
    for r in refusals:
        files = ", ".join(r.paths[:5]) + (f" et {len(r.paths) - 5} autre(s)" if len(r.paths) > 5 else "")
        if r.structure is None:
            out.append(f"@{author} modifie des fichiers hors des dossiers de structure ({files}) : seule l'équipe de "
                       f"l'annuaire ({team_text}) peut les modifier. Demandez-lui de relire et de reprendre ce changement.")
        elif r.new:
            out.append(f"@{author} crée la structure « {r.structure} » ({files}) sans figurer dans ses mainteneurs "
                       f"({', '.join(map(_at, r.owners)) or 'aucun'}) : ajoutez votre identifiant au champ « mainteneurs » "
                       f"de son structure.yml.")
        else:
            who = ", ".join(map(_at, r.owners)) if r.owners else "personne (structure.yml illisible sur la branche de base)"
            out.append(f"@{author} modifie la structure « {r.structure} » ({files}), qui est tenue par {who} : "
                       f"seuls ses mainteneurs, ou l'équipe de l'annuaire ({team_text}), peuvent la modifier. "
                       f"Demandez-leur de proposer ou d'approuver ce changement.")
    return out
