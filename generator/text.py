"""Plain-text helpers shared by the exports and the pages."""
from __future__ import annotations

import re

# C0 controls (but tab and newlines) are forbidden in XML 1.0 and in iCalendar text, yet a YAML
# escape sequence ("\x0b") can put them in a value.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def printable(text: str) -> str:
    return _CONTROL.sub("", text)


# What XML 1.0 allows (§ 2.2): tab, newlines, and the planes without surrogates and U+FFFE/U+FFFF.
_NOT_XML = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_text(text: str) -> str:
    """`text` without the characters XML 1.0 cannot carry (a feed with one of them does not parse)."""
    return _NOT_XML.sub("", text)


# A cell starting with one of these is run as a formula by spreadsheet programs (OWASP « CSV
# injection »); a plain number (-3.38, +33199001234) is data and stays as it is.
_FORMULA = re.compile("[=+\\-@\t\r\n]")
_NUMBER = re.compile(r"[+-]?([0-9]+([.,][0-9]*)?|[.,][0-9]+)([eE][+-]?[0-9]+)?")


def spreadsheet_cell(value):
    """A CSV cell that a spreadsheet shows as text: a leading apostrophe before a formula sign."""
    if isinstance(value, str) and value and _FORMULA.match(value) and not _NUMBER.fullmatch(value):
        return "'" + value
    return value


def one_line(text: str | None) -> str:
    return " ".join((text or "").split())


def shorten(text: str | None, limit: int) -> str:
    text = one_line(text)
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:.") + "…"
