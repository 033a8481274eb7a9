"""The assistant's rules (`regles.yml`), checked (`rules_file`), and what they give: the rule that applies
to answers, the rules for the browser as JSON (the page's script reads them and holds no rule of its own),
and the rules in plain words for the page without JavaScript."""
from __future__ import annotations

from functools import cache
from pathlib import Path

from .. import referentials
from ..diagnostics import Report
from . import rules_file

RULES_FILE = Path(__file__).with_name("regles.yml")


class RulesError(ValueError):
    """The rules file has errors; `report` holds them with file and line."""

    def __init__(self, report: Report):
        from ..diagnostics.reporters import render_text

        super().__init__(render_text(report.sorted()))
        self.report = report


@cache
def rules() -> dict:
    """The checked rules of the repository; raises RulesError when the file has errors."""
    report = Report()
    data = rules_file.check(RULES_FILE, report)
    if report.errors:
        raise RulesError(report)
    return data


def _given(answers: dict, qid: str) -> list[str]:
    value = answers.get(qid)
    if value is None or value == "":
        return []
    return [value] if isinstance(value, str) else list(value)


def applies(rule: dict, answers: dict) -> bool:
    """All conditions hold: the answer (or one of several) is among the values the condition accepts."""
    return all(set(_given(answers, q)) & set(values) for q, values in rule["si"].items())


def recommend(answers: dict) -> dict:
    """First rule whose conditions all hold for `answers` ({question: code or [codes]})."""
    return next(r for r in rules()["regles"] if applies(r, answers))


def question(qid: str) -> dict:
    return next(q for q in rules()["questions"] if q["id"] == qid)


def answer(qid: str, code: str) -> dict:
    return next(a for a in question(qid)["reponses"] if a["code"] == code)


def for_browser() -> dict:
    """What /orienter/ and the printable sheets need: questions, rules in order, labels."""
    data = rules()
    return {"questions": data["questions"], "regles": data["regles"],
            "segments": {i.code: i.label for i in referentials.get("segments").items},
            "niveaux": [i.label for i in sorted(referentials.get("niveaux").items, key=lambda i: i.get("x-rang"))]}


def _condition_text(qid: str, codes: list[str]) -> str:
    return f"{question(qid)['texte']} → {' ou '.join(answer(qid, c)['texte'] for c in codes)}"


def rule_table() -> list[dict]:
    """The rules in plain words, grouped by need, for the page without JavaScript and for reading them."""
    segments = referentials.get("segments")
    groups: list[dict] = []
    for r in rules()["regles"]:
        need = r["si"].get("besoin")
        title = " ou ".join(answer("besoin", c)["texte"] for c in need) if need else "Sans besoin précisé"
        if not groups or groups[-1]["titre"] != title:
            groups.append({"titre": title, "regles": []})
        groups[-1]["regles"].append({
            "id": r["id"],
            "conditions": [_condition_text(q, v) for q, v in r["si"].items() if q != "besoin"],
            "segments": [segments.label(c) for c in r["segments"]],
            "puis": [segments.label(c) for c in r["puis"]],
            "raison": r["raison"],
        })
    return groups
