"""Schema validation plus the rules that span several values or files; reports everything.

Each document kind has its list of rules (`RULES`), small functions `check_*(doc, ctx, report)`
run in order on every document whose schema check passed; each reports through the catalogue of
`generator.diagnostics.catalogue`. Adding a rule means writing one function and listing it here.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .. import schemas
from ..diagnostics import Report
from ..load import Document
from ..schema_errors import report_errors
from . import lieux, offre, structure

RULES = {"structure": structure.RULES, "lieux": lieux.RULES, "offre": offre.RULES}


@dataclass(frozen=True)
class Context:
    """What a rule may know beyond its own document."""

    today: dt.date
    structure_id: str = ""
    structure: dict | None = None  # the structure's data, None when structure.yml could not be read
    # Every venue uid ("structure/lieu") of the tree → its data; None when a lieux.yml involved could
    # not be read, so that one broken file does not cascade into many errors.
    venues: dict | None = None


def check_schema(doc: Document, kind: str, report: Report) -> bool:
    """Fast check first; detailed messages only for the (rare) invalid documents."""
    if schemas.fast(kind).is_valid(doc.data):
        return True
    report_errors(doc, kind, report)
    return False


def check(doc: Document, kind: str, ctx: Context, report: Report) -> None:
    for rule in RULES[kind]:
        rule(doc, ctx, report)
