"""One list of findings (file, line, column, severity, code, French message, hint).

Every finding is reported under a code of the catalogue (`catalogue.py`), which fixes its severity,
its message template and its default hint; `reporters.py` renders the list (text, JSON, GitHub)."""
from __future__ import annotations

from dataclasses import dataclass, field

from .catalogue import CATALOGUE, ERROR, WARNING

__all__ = ["Diagnostic", "Report", "ERROR", "WARNING"]


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

    def emit(self, file, pos, code: str, /, hint: str | None = None, **params) -> None:
        """Report `code` at `pos` (line, column); `params` fill the catalogue's templates, and
        `hint` replaces the default hint when the finding knows better (a suggestion, a listing)."""
        entry = CATALOGUE[code]
        text = entry.message.format(**params)
        advice = entry.hint.format(**params) if hint is None else hint
        self.diagnostics.append(Diagnostic(str(file), int(pos[0]), int(pos[1]), entry.severity, code, text, advice))

    @property
    def errors(self) -> int:
        return sum(d.severity == ERROR for d in self.diagnostics)

    @property
    def warnings(self) -> int:
        return sum(d.severity == WARNING for d in self.diagnostics)

    def sorted(self) -> list[Diagnostic]:
        return sorted(set(self.diagnostics))
