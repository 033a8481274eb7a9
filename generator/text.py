"""Plain-text helpers shared by the exports and the pages."""
from __future__ import annotations

import re

# C0 controls (but tab and newlines) are forbidden in XML 1.0 and in iCalendar text, yet a YAML
# escape sequence ("\x0b") can put them in a value.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def printable(text: str) -> str:
    return _CONTROL.sub("", text)


def one_line(text: str | None) -> str:
    return " ".join((text or "").split())


def shorten(text: str | None, limit: int) -> str:
    text = one_line(text)
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:.") + "…"
