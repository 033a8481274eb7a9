"""Schema validation plus the rules that span several values or files; reports everything.

Each document kind has its list of rules (`RULES`), small functions `check_*(doc, ctx, report)`
run in order on every document whose schema check passed; each reports through the catalogue of
`generator.diagnostics.catalogue`. Adding a rule means writing one function and listing it here.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .. import placeholders, schema_errors, schemas
from ..diagnostics import Report
from ..load import Document
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
    offer_id: str = ""
    # Every offer uid of the tree → its data (None when its file could not be read or validated):
    # what `suites` may name.
    offers: dict | None = None


def check_placeholders(doc: Document, kind: str, report: Report) -> set[tuple]:
    """Every « À compléter » left in the file, whatever type its field has; their paths."""
    found = set()
    for path, text in placeholders.find(doc.data):
        sub = schema_errors.describe_path(kind, path)
        report.emit(doc.path, doc.pos(path), "valeur-a-completer", ou=schema_errors.path_text(path), valeur=text,
                    conseil=sub or "Remplacez cette valeur d'exemple par la vraie.")
        found.add(path)
    return found


def check_schema(doc: Document, kind: str, report: Report) -> bool:
    """Placeholders first, then the fast check; detailed messages only for the (rare) invalid documents."""
    pending = check_placeholders(doc, kind, report)
    if schemas.fast(kind).is_valid(doc.data):
        return not pending
    before = len(report.diagnostics)
    schema_errors.report_errors(doc, kind, report, skip=pending)
    if len(report.diagnostics) == before and not pending:
        # The two validators disagree: the document is still refused, never dropped in silence.
        report.emit(doc.path, (1, 1), "schema-inexplique", schema=schemas.KINDS[kind])
    return False


def check(doc: Document, kind: str, ctx: Context, report: Report) -> None:
    for rule in RULES[kind]:
        rule(doc, ctx, report)
