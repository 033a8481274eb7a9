"""The assistant's rules (`regles.yml`): loaded, checked against the referentials, evaluated,
and handed to the browser as JSON (the page's script reads them; it holds no rule of its own)."""
from __future__ import annotations

from functools import cache
from pathlib import Path

import yaml

from .. import referentials
from . import url_state

RULES_FILE = Path(__file__).with_name("regles.yml")


def _check_parameter(name: str, value: str) -> None:
    """`filtre` and `classe` speak the /recherche/ URL language: refuse what the page would ignore."""
    problem = url_state.check(name, value, lambda ref: referentials.get(ref).codes)
    if problem:
        raise ValueError(f"regles.yml : {problem}")


def _expand(precision: dict) -> dict:
    """A precision's answers, those taken from a referential written out with its labels."""
    out = {k: precision[k] for k in ("id", "texte", "aide", "vide") if k in precision}
    answers = [dict(r) for r in precision.get("reponses", ())]
    if "reponses_du_referentiel" in precision:
        ref = referentials.get(precision["reponses_du_referentiel"])
        key = "classe" if "classe" in precision else "filtre"
        param = precision[key]
        for code in precision.get("codes") or ref.codes:
            if code not in ref:
                raise ValueError(f"regles.yml : {precision['id']} : code inconnu {code}")
            answers.append({"code": code, "texte": ref.label(code), key: {param: code}})
    for answer in answers:
        for key in ("filtre", "classe"):
            for name, value in (answer.get(key) or {}).items():
                # The page ranks by one preferred theme only; any other ranking would be silently ignored.
                if key == "classe" and name != "theme":
                    raise ValueError(f"regles.yml : {precision['id']} : « classe » ne peut porter que sur theme")
                _check_parameter(name, str(value))
    out["reponses"] = answers
    return out


@cache
def rules() -> dict:
    data = yaml.safe_load(RULES_FILE.read_text(encoding="utf-8"))
    segments = referentials.get("segments")
    for group in (*data["questions"], *data.get("precisions", ())):
        for r in group.get("reponses", ()):
            # An unquoted comma inside {…} silently splits a text into extra keys: refuse them.
            unknown = set(r) - {"code", "texte", "filtre", "classe"}
            if unknown or not isinstance(r.get("texte"), str):
                raise ValueError(f"regles.yml : réponse mal écrite dans « {group['id']} » : {r} (mettez le texte entre guillemets)")
    answers = {q["id"]: {r["code"] for r in q["reponses"]} for q in data["questions"]}
    for rule in data["regles"]:
        for question, answer in rule["si"].items():
            if answer not in answers.get(question, ()):
                raise ValueError(f"regles.yml : réponse inconnue {question}={answer}")
        for code in rule["segments"] + rule.get("puis", []):
            if code not in segments:
                raise ValueError(f"regles.yml : segment inconnu {code}")
    data["precisions"] = [_expand(p) for p in data.get("precisions", ())]
    return data


def recommend(answers: dict[str, str]) -> dict:
    """First rule whose conditions all hold for `answers`."""
    for rule in rules()["regles"]:
        if all(answers.get(k) == v for k, v in rule["si"].items()):
            return rule
    raise LookupError("aucune règle ne s'applique : la dernière règle de regles.yml doit être sans condition")


def search_parameters(answers: dict[str, str]) -> tuple[dict[str, str], dict[str, str]]:
    """(filters, ranking preferences) in /recherche/ parameters for the precisions answered."""
    filters, ranking = {}, {}
    for precision in rules()["precisions"]:
        chosen = next((r for r in precision["reponses"] if r["code"] == answers.get(precision["id"])), None)
        if chosen:
            filters.update(chosen.get("filtre") or {})
            ranking.update(chosen.get("classe") or {})
    return filters, ranking


def _answer_text(question_id: str, code: str) -> str:
    question = next(q for q in rules()["questions"] if q["id"] == question_id)
    return next(r["texte"] for r in question["reponses"] if r["code"] == code)


def for_browser() -> dict:
    """What /orienter/ needs, labels resolved: questions, rules in order, precisions, segment names."""
    data = rules()
    segments = referentials.get("segments")
    return {
        "questions": data["questions"],
        "regles": [{"si": r["si"], "segments": r["segments"], "puis": r.get("puis", []), "raison": r["raison"].strip()}
                   for r in data["regles"]],
        "precisions": data["precisions"],
        "segments": {i.code: i.label for i in segments.items},
    }


def rule_table() -> list[dict]:
    """The rules in plain words, for the page without JavaScript and for reading them."""
    segments = referentials.get("segments")
    table = []
    for r in rules()["regles"]:
        table.append({
            "conditions": [f"{next(q['texte'] for q in rules()['questions'] if q['id'] == k)} → {_answer_text(k, v)}"
                           for k, v in r["si"].items()],
            "segments": [segments.label(c) for c in r["segments"]],
            "puis": [segments.label(c) for c in r.get("puis", [])],
            "raison": r["raison"].strip(),
        })
    return table
