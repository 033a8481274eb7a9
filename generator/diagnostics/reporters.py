"""Output formats of a diagnostic list, by name (`annuaire validate --format NAME`)."""
from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass
from typing import Callable

from .catalogue import ERROR, WARNING

_FR = {ERROR: "erreur", WARNING: "avertissement"}


def _rel(path: str) -> str:
    try:
        rel = os.path.relpath(path)
    except ValueError:
        return path
    return path if rel.startswith("..") and os.path.isabs(path) else rel


def render_text(diags, summary=None) -> str:
    out = []
    for d in diags:
        out.append(f"{_rel(d.file)}:{d.line}:{d.column}: {_FR[d.severity]}: {d.message}")
        if d.hint:
            out.append(f"    → {d.hint}")
    return "\n".join(out)


def _github_data(s: str) -> str:
    """Escaping of a workflow command's message (GitHub Actions' own rules)."""
    return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _github_property(s: str) -> str:
    """Escaping of a workflow command's property: also « : » and « , », which end a property."""
    return _github_data(s).replace(":", "%3A").replace(",", "%2C")


def render_github(diags, summary=None) -> str:
    lines = []
    for d in diags:
        kind = "error" if d.severity == ERROR else "warning"
        text = d.message + (f" — {d.hint}" if d.hint else "")
        lines.append(f"::{kind} file={_github_property(_rel(d.file))},line={d.line},col={d.column},"
                     f"title={_github_property(d.code)}::{_github_data(text)}")
    return "\n".join(lines)


def render_json(diags, summary) -> str:
    items = [dict(asdict(d), file=_rel(d.file)) for d in diags]
    return json.dumps({"diagnostics": items, "summary": summary}, ensure_ascii=False, indent=2)


@dataclass(frozen=True)
class Reporter:
    render: Callable
    # People reading a terminal want the one-line verdict; machines reading stdout do not.
    verdict_on_stderr: bool = False


REPORTER_BY_NAME = {
    "text": Reporter(render_text, verdict_on_stderr=True),
    "json": Reporter(render_json),
    "github": Reporter(render_github),
}
