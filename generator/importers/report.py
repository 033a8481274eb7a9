"""One readable report at the end of an import: what was created or updated, what remains to
complete (by field, with the rows), what was refused (by reason, with the rows) and the
corrections made — grouped, never hundreds of near-identical lines."""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

SHOWN_ROWS = 12  # row numbers listed per group before « … »


@dataclass
class ImportReport:
    source: str = ""
    rows: int = 0
    imported: list[str] = field(default_factory=list)  # row labels, one per imported record
    rejected: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))  # reason -> rows
    to_complete: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))  # field -> rows
    to_check: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))  # field -> rows
    notes: dict[str, list[tuple[str, str]]] = field(default_factory=lambda: defaultdict(list))  # kind -> (row, detail)
    file_notes: list[str] = field(default_factory=list)

    def reject(self, row: str, reason: str) -> None:
        self.rejected[reason].append(row)

    def note(self, row: str, kind: str, detail: str = "") -> None:
        self.notes[kind].append((row, detail))

    def missing(self, row: str, names) -> None:
        for name in names:
            self.to_complete[name].append(row)

    def guessed(self, row: str, names) -> None:
        for name in names:
            self.to_check[name].append(row)


def _rows(rows: list[str], detailed: bool = False) -> str:
    """« ligne(s) 2, 5, 9 » (or « structure 1, service 4 » for JSON records), each row once; the
    text-file line of a record with embedded line breaks is worth showing only where a row is refused."""
    labels = list(dict.fromkeys(r if detailed else r.split(" (")[0] for r in rows))
    prefix = "ligne(s) " if all(r.startswith("ligne ") for r in labels) else ""
    if prefix:
        labels = [r[len("ligne "):] for r in labels]
    text = ", ".join(labels[:SHOWN_ROWS])
    return prefix + text + (f"… (+{len(labels) - SHOWN_ROWS})" if len(labels) > SHOWN_ROWS else "")


def render(report: ImportReport, changes: dict[str, list[str]] | None = None, dry_run: bool = False) -> str:
    """The French report; `changes` is the writer's plan ({"crees": [...], "modifies": [...], "inchanges": [...]})."""
    out = [f"Import de {report.source} : {report.rows} ligne(s) lue(s), {len(report.imported)} importée(s), "
           f"{sum(len(v) for v in report.rejected.values())} refusée(s)."]
    for note in report.file_notes:
        out.append(f"  ! {note}")
    if changes is not None:
        verb = "seraient" if dry_run else "ont été"
        for key, label in (("crees", "créés"), ("modifies", "modifiés"), ("inchanges", "inchangés")):
            files = changes.get(key, [])
            if key == "inchanges":
                if files:
                    out.append(f"{len(files)} fichier(s) inchangé(s).")
                continue
            out.append(f"{len(files)} fichier(s) {verb} {label}" + (" :" if files else "."))
            out += [f"  {'+' if key == 'crees' else '~'} {f}" for f in files]
    if report.rejected:
        out.append("Lignes refusées (par motif) :")
        for reason, rows in sorted(report.rejected.items()):
            out.append(f"  - {reason} : {_rows(rows, detailed=True)}")
    if report.to_complete:
        out.append("À compléter (absent de la source, listé dans « a_completer » de chaque fichier) :")
        for name, rows in sorted(report.to_complete.items(), key=lambda kv: (-len(kv[1]), kv[0])):
            out.append(f"  - {name} : {len(rows)} fiche(s) ({_rows(rows)})")
    if report.to_check:
        out.append("À vérifier (déduit à l'import, listé dans « a_verifier ») :")
        for name, rows in sorted(report.to_check.items(), key=lambda kv: (-len(kv[1]), kv[0])):
            out.append(f"  - {name} : {len(rows)} fiche(s) ({_rows(rows)})")
    if report.notes:
        out.append("Corrections et valeurs non reprises :")
        for kind, items in sorted(report.notes.items()):
            rows = [r for r, _ in items]
            details = sorted({d for _, d in items if d})
            line = f"  - {kind} : {_rows(rows)}"
            if details:
                shown = " ; ".join(details[:5]) + (" ; …" if len(details) > 5 else "")
                line += f" ({shown})"
            out.append(line)
    return "\n".join(out)
