"""The assistant's rules (`regles.yml`): loaded, checked against the referentials, evaluated."""
from __future__ import annotations

from functools import cache
from pathlib import Path

import yaml

from .. import referentials

RULES_FILE = Path(__file__).with_name("regles.yml")


@cache
def rules() -> dict:
    data = yaml.safe_load(RULES_FILE.read_text(encoding="utf-8"))
    segments = referentials.get("segments")
    answers = {q["id"]: {r["code"] for r in q["reponses"]} for q in data["questions"]}
    for rule in data["regles"]:
        for question, answer in rule["si"].items():
            if answer not in answers.get(question, ()):
                raise ValueError(f"regles.yml : réponse inconnue {question}={answer}")
        for code in rule["segments"] + rule.get("puis", []):
            if code not in segments:
                raise ValueError(f"regles.yml : segment inconnu {code}")
    return data


def recommend(answers: dict[str, str]) -> dict:
    """First rule whose conditions all hold for `answers`."""
    for rule in rules()["regles"]:
        if all(answers.get(k) == v for k, v in rule["si"].items()):
            return rule
    raise LookupError("aucune règle ne s'applique : la dernière règle de regles.yml doit être sans condition")
