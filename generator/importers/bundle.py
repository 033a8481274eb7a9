"""What a converter produces: per structure, its documents as plain data, keyed by the source's
identity so that the writer can find them again in an existing tree."""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field


@dataclass
class Bundle:
    source: dict  # {"nom": …, "id": …} of the structure
    slug: str  # preferred folder name when the structure is new
    structure: dict
    lieux: list[dict] = field(default_factory=list)
    offres: list[tuple[str, dict]] = field(default_factory=list)  # (preferred file name, data)
    rows: list[str] = field(default_factory=list)


def slug(text: str, limit: int = 50) -> str:
    ascii_text = unicodedata.normalize("NFKD", text.casefold()).encode("ascii", "ignore").decode()
    out = "-".join(re.findall(r"[a-z0-9]+", ascii_text))[:limit].strip("-")
    return out if len(out) >= 2 else ""


def marks(data: dict, to_complete=(), to_check=()) -> dict:
    """`data` with its a_completer / a_verifier lists (only when not empty), in a stable order."""
    if to_complete:
        data["a_completer"] = list(dict.fromkeys(to_complete))
    if to_check:
        data["a_verifier"] = list(dict.fromkeys(to_check))
    return data
