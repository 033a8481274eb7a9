"""The search vocabulary (`schema/vocabulaire/*.yml`): everyday words, synonyms and acronyms
attached to the codes of the referentials, so that `allocations`, `RSA` or `pole emploi` find
the offers whose theme, public, segment or public body they name.

Reviewed by non-developers in pull requests; checked at build against the referentials (a bad
code is a diagnostic with file and line); shipped in the search index as plain lists of words."""
from __future__ import annotations

from functools import cache
from pathlib import Path

from .. import referentials
from ..diagnostics import Report
from ..load import load_file
from ..referentials import SCHEMA_DIR

VOCABULARY_DIR = SCHEMA_DIR / "vocabulaire"
# File -> (key in the search index, referential, which of its codes may be used).
FILES = {
    "thematiques.yml": ("theme", "thematiques", None),
    "publics.yml": ("public", "publics", None),
    "segments.yml": ("segment", "segments", None),
    "organismes.yml": ("organisme", "types-partenaires", lambda item: bool(item.get("x-organisme"))),
}


class VocabularyError(ValueError):
    """The vocabulary has errors; `report` holds them with file and line."""

    def __init__(self, report: Report):
        from ..diagnostics.reporters import render_text

        super().__init__(render_text(report.sorted()))
        self.report = report


def organisms() -> list:
    """The public bodies (types-partenaires with x-organisme), in referential order."""
    return [i for i in referentials.get("types-partenaires").items if i.get("x-organisme")]


def check(folder: Path, report: Report) -> dict[str, dict[str, list[str]]]:
    """Every vocabulary file read and checked: {index key: {code: [words]}}; problems go to `report`."""
    out: dict[str, dict[str, list[str]]] = {}
    for name, (key, ref_name, allowed) in FILES.items():
        path = folder / name
        out[key] = {}
        if not path.is_file():
            report.emit(str(path), (1, 1), "vocabulaire-absent", nom=name, referentiel=ref_name)
            continue
        doc = load_file(str(path), report)
        if not doc.ok:
            continue
        if not isinstance(doc.data, dict):
            report.emit(doc.path, doc.pos(()), "vocabulaire-forme", quoi="le fichier doit associer des codes à des listes de mots")
            continue
        ref = referentials.get(ref_name)
        usable = {i.code for i in ref.items if allowed is None or allowed(i)}
        for code, words in doc.data.items():
            if code not in usable:
                near = sorted(usable, key=lambda c: _distance(c, str(code)))[:1]
                hint = f"Codes possibles : voir schema/referentiels/{ref_name}.json" + (f" (vouliez-vous « {near[0]} » ?)" if near else "")
                report.emit(doc.path, doc.pos((code,), key=True), "vocabulaire-code", hint=hint, code=code, referentiel=ref_name)
                continue
            if not isinstance(words, list) or not words:
                report.emit(doc.path, doc.pos((code,)), "vocabulaire-forme", quoi=f"« {code} » : une liste de mots est attendue")
                continue
            seen: set[str] = set()
            kept = []
            for i, word in enumerate(words):
                if not isinstance(word, str) or not word.strip():
                    report.emit(doc.path, doc.pos((code, i)), "vocabulaire-mot", code=code)
                    continue
                if word.strip().casefold() in seen:
                    report.emit(doc.path, doc.pos((code, i)), "vocabulaire-doublon", mot=word, code=code)
                    continue
                seen.add(word.strip().casefold())
                kept.append(word.strip())
            out[key][code] = kept
    return out


def _distance(a: str, b: str) -> int:
    """Levenshtein distance, to suggest the code a typo meant."""
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


@cache
def vocabulary() -> dict[str, dict[str, list[str]]]:
    """The checked vocabulary of the repository; raises VocabularyError when it has errors."""
    report = Report()
    data = check(VOCABULARY_DIR, report)
    if report.errors:
        raise VocabularyError(report)
    return data


def for_index(positions: dict[str, list[str]]) -> dict[str, list[list[str]]]:
    """Words per code position, for each kind: {kind: [[words of code 0], [words of code 1], …]}.
    `positions[kind]` is the list of codes in the order the index numbers them."""
    data = vocabulary()
    return {kind: [data[kind].get(code, []) for code in codes] for kind, codes in positions.items()}
