"""Placeholder values (« À compléter … ») left in a file: written by `annuaire new`, refused by the validator."""
from __future__ import annotations

import unicodedata

MARKER = "À compléter"
_KEY = "acompleter"


def _key(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in folded if ch.isalnum() and not unicodedata.combining(ch))


def is_placeholder(value) -> bool:
    """A text that starts with the marker, whatever its case and accents (« a completer : … »)."""
    return isinstance(value, str) and _key(value[:40]).startswith(_KEY)


def find(value, path=()):
    """(path, text) of every placeholder in a document's data."""
    if is_placeholder(value):
        yield path, value
    elif isinstance(value, dict):
        for k, v in value.items():
            yield from find(v, path + (k,))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from find(v, path + (i,))
