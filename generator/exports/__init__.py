"""Open-data exports: the same files for `annuaire export` and for the site's `/donnees/` folder.

Each export module declares the files it writes (`FILES`, described for the « Données ouvertes »
page; a key with <…> stands for a family of files) and a `write(directory, out, site_url)` that
returns how many rows (venues, offers, séances, entries) each file holds. Adding a format means
adding a module to `EXPORTS`.
"""
from __future__ import annotations

from fnmatch import fnmatch
from pathlib import Path

from ..model import Directory
from . import annuaire, atom, data_inclusion, geojson, ical, mednum, offres_csv

EXPORTS = (mednum, data_inclusion, geojson, annuaire, offres_csv, ical, atom)
FILES = {name: info for module in EXPORTS for name, info in module.FILES.items()}


def family_pattern(name: str) -> str | None:
    """`ical/offres/<structure>--<offre>.ics` → `ical/offres/*--*.ics`; None for a single file."""
    if "<" not in name:
        return None
    out, rest = "", name
    while "<" in rest:
        before, _, after = rest.partition("<")
        out += before + "*"
        rest = after.partition(">")[2]
    return out + rest


def write_all(directory: Directory, out_dir: Path, site_url: str | None = None) -> dict:
    """Write every export under `out_dir`; returns {relative path: number of rows/items}.

    `site_url`, the public address of the site, lets records and feed entries link to their page.
    Files of a family left by an earlier run for something that no longer exists are removed, so
    the folder matches the data."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    counts: dict[str, int] = {}
    for module in EXPORTS:
        counts.update(module.write(directory, out_dir, site_url))
    patterns = [p for p in map(family_pattern, FILES) if p]
    for folder in sorted({p.split("/", 1)[0] for p in patterns}):
        for path in sorted((out_dir / folder).rglob("*")):
            rel = path.relative_to(out_dir).as_posix()
            if path.is_file() and rel not in counts and any(fnmatch(rel, p) for p in patterns):
                path.unlink()
    return dict(sorted(counts.items()))
