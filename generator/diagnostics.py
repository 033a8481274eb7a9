"""One list of findings, rendered as text, JSON or GitHub annotations."""
from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, field

ERROR = "error"
WARNING = "warning"
_FR = {ERROR: "erreur", WARNING: "avertissement"}


@dataclass(frozen=True, order=True)
class Diagnostic:
    file: str
    line: int
    column: int
    severity: str
    code: str
    message: str
    hint: str = ""


@dataclass
class Report:
    diagnostics: list[Diagnostic] = field(default_factory=list)

    def add(self, file, line, column, severity, code, message, hint=""):
        self.diagnostics.append(Diagnostic(str(file), int(line), int(column), severity, code, message, hint))

    def error(self, file, pos, code, message, hint=""):
        self.add(file, pos[0], pos[1], ERROR, code, message, hint)

    def warning(self, file, pos, code, message, hint=""):
        self.add(file, pos[0], pos[1], WARNING, code, message, hint)

    @property
    def errors(self) -> int:
        return sum(d.severity == ERROR for d in self.diagnostics)

    @property
    def warnings(self) -> int:
        return sum(d.severity == WARNING for d in self.diagnostics)

    def sorted(self) -> list[Diagnostic]:
        return sorted(set(self.diagnostics))


def _rel(path: str) -> str:
    try:
        rel = os.path.relpath(path)
    except ValueError:
        return path
    return path if rel.startswith("..") and os.path.isabs(path) else rel


def render_text(diags: list[Diagnostic]) -> str:
    out = []
    for d in diags:
        out.append(f"{_rel(d.file)}:{d.line}:{d.column}: {_FR[d.severity]}: {d.message}")
        if d.hint:
            out.append(f"    → {d.hint}")
    return "\n".join(out)


def render_github(diags: list[Diagnostic]) -> str:
    def esc(s: str) -> str:
        return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")

    lines = []
    for d in diags:
        kind = "error" if d.severity == ERROR else "warning"
        text = d.message + (f" — {d.hint}" if d.hint else "")
        lines.append(f"::{kind} file={esc(_rel(d.file))},line={d.line},col={d.column},title={esc(d.code)}::{esc(text)}")
    return "\n".join(lines)


def render_json(diags: list[Diagnostic], summary: dict) -> str:
    items = [dict(asdict(d), file=_rel(d.file)) for d in diags]
    return json.dumps({"diagnostics": items, "summary": summary}, ensure_ascii=False, indent=2)
