"""The small Markdown subset allowed in descriptions: rendered to HTML for pages, flattened to
plain text for the exports, with one grammar for both.

Paragraphs, bulleted and numbered lists, **bold**, *italic* and [links](https://…). Every
character of the source is HTML-escaped before any markup is added, so raw HTML in the YAML
shows as text; a link is kept only when its target is http(s), mailto or tel, otherwise the
source text stays visible as written.
"""
from __future__ import annotations

import html
import json
import re
from functools import cache

from markupsafe import Markup

from . import schemas
from .referentials import SCHEMA_DIR
from .text import one_line

SAFE_SCHEMES = re.compile(r"^(https?://|mailto:|tel:)", re.IGNORECASE)
_ITEM = re.compile(r"^\s{0,3}(?:([-*+])|(\d{1,3})[.)])\s+(.*)$")
# After escaping there is no "<" left in the text, so "<n>" can stand for an already built link.
_LINK = re.compile(r"\[([^\[\]\n]+)\]\(([^()\s]+)\)")
_BOLD = re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*")
_ITALIC = re.compile(r"(?<![*\w])\*(?=[^\s*])(.+?)(?<=[^\s*])\*(?![*\w])")
_PLACEHOLDER = re.compile(r"<(\d+)>")
_ITEM_MARK = re.compile(r"^\s{0,3}(?:[-*+]|\d{1,3}[.)])\s+", re.M)


_TEL = re.compile(r"\+?[0-9][0-9 .-]{2,20}")


@cache
def _email():
    """The e-mail rule of the schema (`communs.json`), so that links and fields agree."""
    return schemas.ecma(json.loads((SCHEMA_DIR / "communs.json").read_text(encoding="utf-8"))["$defs"]["courriel"]["pattern"])


def safe_url(url: str | None) -> str | None:
    """The URL if it may become an href, else None (no javascript:, data:, relative tricks; a mailto:
    is one plain address — `?bcc=` would add a hidden recipient — and a tel: a plain number)."""
    if not url:
        return None
    url = url.strip()
    if not SAFE_SCHEMES.match(url) or any(c.isspace() or ord(c) < 32 for c in url):
        return None
    scheme, _, rest = url.partition(":")
    if scheme.lower() == "mailto" and not _email().search(rest):
        return None
    if scheme.lower() == "tel" and not _TEL.fullmatch(rest):
        return None
    return url


def inline(text: str) -> Markup:
    escaped = html.escape(text, quote=True)
    links: list[str] = []

    def link(m: re.Match) -> str:
        target = safe_url(html.unescape(m.group(2)))
        if target is None:
            return m.group(0)
        links.append(f'<a href="{html.escape(target, quote=True)}">{m.group(1)}</a>')
        return f"<{len(links) - 1}>"

    out = _LINK.sub(link, escaped)
    out = _BOLD.sub(r"<strong>\1</strong>", out)
    out = _ITALIC.sub(r"<em>\1</em>", out)
    out = _PLACEHOLDER.sub(lambda m: links[int(m.group(1))], out)
    return Markup(out)


def render(text: str | None) -> Markup:
    if not text:
        return Markup("")
    blocks: list[str] = []
    paragraph: list[str] = []
    items: list[str] = []
    ordered = False

    def flush_paragraph():
        if paragraph:
            blocks.append(f"<p>{inline(' '.join(paragraph))}</p>")
            paragraph.clear()

    def flush_list():
        if items:
            tag = "ol" if ordered else "ul"
            blocks.append(f"<{tag}>" + "".join(f"<li>{inline(i)}</li>" for i in items) + f"</{tag}>")
            items.clear()

    for raw in str(text).replace("\r\n", "\n").split("\n"):
        line = raw.strip()
        m = _ITEM.match(raw)
        if not line:
            flush_paragraph()
            flush_list()
        elif m:
            flush_paragraph()
            is_ordered = m.group(2) is not None
            if items and is_ordered != ordered:
                flush_list()
            ordered = is_ordered
            items.append(m.group(3).strip())
        elif items and raw[:1].isspace():
            items[-1] += " " + line
        else:
            flush_list()
            paragraph.append(line)
    flush_paragraph()
    flush_list()
    return Markup("\n".join(blocks))


def plain_text(markdown: str | None) -> str:
    """One line of plain text, for formats that have no markup: a link becomes « text (target) »
    (just the text when it already shows the target), list items « • », emphasis disappears."""
    text = _LINK.sub(lambda m: m.group(1) if m.group(2) in m.group(1) else f"{m.group(1)} ({m.group(2)})", markdown or "")
    text = _ITEM_MARK.sub("• ", text)
    for pattern in (_BOLD, _ITALIC):
        text = pattern.sub(r"\1", text)
    return one_line(text)
