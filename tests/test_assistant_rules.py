"""The assistant's rules (generator/orientation/regles.yml): the report's findings on segments, checked at
build with French diagnostics (file, line), covering every segment and every need."""
import pytest

from generator import referentials
from generator.diagnostics import Report
from generator.orientation import assistant, rules_file


def test_repository_rules_have_no_finding():
    report = Report()
    rules_file.check(assistant.RULES_FILE, report)
    assert report.diagnostics == []


def test_far_from_digital_tools_gets_training_not_free_access():
    rule = assistant.recommend({"besoin": "demarche", "aisance": "non", "urgence": "non"})
    assert rule["segments"][0] == "formation"
    assert "acces-libre" not in rule["segments"]


def test_urgent_procedure_individual_help_first_then_training():
    rule = assistant.recommend({"besoin": "demarche", "aisance": "non", "urgence": "oui"})
    assert rule["segments"] == ["permanence"]
    assert set(rule["puis"]) & {"atelier", "formation"}


def test_skilled_person_gets_free_access():
    assert assistant.recommend({"besoin": "demarche", "aisance": "oui", "urgence": "non"})["segments"][0] == "acces-libre"


def test_skipped_skills_question_never_leads_to_a_rule_about_skills():
    rule = assistant.recommend({"besoin": "demarche"})
    assert "aisance" not in rule["si"]
    assert rule["segments"][0] != "acces-libre"


def test_every_segment_and_every_need_is_reached():
    rules = assistant.rules()["regles"]
    assert {s for r in rules for s in r["segments"]} == set(referentials.get("segments").codes)
    for need in assistant.question("besoin")["reponses"]:
        assert any(need["code"] in r["si"].get("besoin", ()) for r in rules), need["code"]
    # Training for professionals and volunteers, job search and urgency beyond procedures (the gaps).
    assert assistant.recommend({"besoin": "former"})["segments"] == ["formation-professionnels"]
    assert assistant.recommend({"besoin": "emploi", "urgence": "oui", "aisance": "non"})["segments"] == ["permanence"]


def test_several_moments_can_be_chosen_at_once():
    q = assistant.question("disponibilite")
    assert q["choix"] == "plusieurs"
    masks = {a["code"]: a["masque"] for a in q["reponses"]}
    assert masks["soir"] & masks["samedi"], "le samedi soir est dans les deux"
    assert masks["soir"] | masks["samedi"] != masks["soir"]


def test_rule_table_groups_the_rules_by_need():
    groups = assistant.rule_table()
    assert sum(len(g["regles"]) for g in groups) == len(assistant.rules()["regles"])
    assert groups[-1]["titre"] == "Sans besoin précisé" and groups[-1]["regles"][-1]["conditions"] == []
    assert all(r["segments"] and r["raison"] for g in groups for r in g["regles"])


def _check(tmp_path, text):
    path = tmp_path / "regles.yml"
    path.write_text(text, encoding="utf-8")
    report = Report()
    rules_file.check(path, report)
    return report.diagnostics


def _broken(tmp_path, old, new):
    text = assistant.RULES_FILE.read_text(encoding="utf-8")
    assert old in text
    return _check(tmp_path, text.replace(old, new, 1))


def _line_of(text, needle):
    return next(i for i, line in enumerate(text.splitlines(), 1) if needle in line)


@pytest.mark.parametrize("old,new,code,hint", [
    ("{code: senior, texte: 60 ans ou plus, dit: a 60 ans ou plus,", "{code: senior, texte: 60 ans ou plus, dite: a 60 ans ou plus,",
     "regles-forme", "guillemets"),
    ("segments: [permanence]\n    puis: [formation, atelier]", "segments: [guichet]\n    puis: [formation, atelier]", "regles-code", "segments"),
    ("publics: [seniors]", "publics: [retraites]", "regles-code", "publics"),
    ("creneaux: [{moments: [soir]}]", "creneaux: [{moments: [nuit]}]", "regles-recherche", "url_state"),
    ("proximite: 20km", "proximite: 30km", "regles-recherche", "url_state"),
    ("si: {besoin: demarche, urgence: oui, aisance: non}", "si: {besoin: demarche, urgence: peut-etre, aisance: non}",
     "regles-reponse", "Réponses possibles"),
    ("  - id: defaut\n    si: {}", "  - id: defaut\n    si: {besoin: acces}", "regles-defaut", "si: {}"),
])
def test_a_mistake_is_a_french_diagnostic_at_its_line(tmp_path, old, new, code, hint):
    found = _broken(tmp_path, old, new)
    match = [d for d in found if d.code == code]
    assert match, found
    text = assistant.RULES_FILE.read_text(encoding="utf-8").replace(old, new, 1)
    assert match[0].line == _line_of(text, new.splitlines()[0].strip()) or code == "regles-defaut"
    assert hint in match[0].hint or hint in match[0].message


def test_a_rule_hidden_by_a_more_general_one_is_refused(tmp_path):
    text = assistant.RULES_FILE.read_text(encoding="utf-8")
    first = text.index("  - id: demarche-urgente-debutant")
    general = text.index("  - id: demarche\n")
    end = text.index("  # --- la recherche d'emploi")
    moved = text[:first] + text[general:end] + text[first:general] + text[end:]
    found = [d for d in _check(tmp_path, moved) if d.code == "regles-masquee"]
    assert found and "« demarche »" in found[0].message


def test_a_reason_may_not_state_an_answer_its_rule_does_not_ask(tmp_path):
    # The bug of the first version: a rule without a condition on skills said the person could use a computer.
    found = _broken(tmp_path, "La permanence accompagne chacun en individuel, sans prérequis.",
                    "La personne se sert seule d'un ordinateur.")
    assert [d.code for d in found] == ["regles-affirme"]
    assert "se sert seule d'un ordinateur" in found[0].message


def test_a_segment_no_rule_reaches_is_reported(tmp_path):
    text = assistant.RULES_FILE.read_text(encoding="utf-8")
    found = _check(tmp_path, text.replace("segments: [formation-professionnels]", "segments: [formation]")
                   .replace("segments: [formation-professionnels, atelier]", "segments: [atelier]"))
    assert any(d.code == "regles-couverture" and "Formation des professionnels" in d.message for d in found)


def test_broken_rules_stop_the_build_with_their_line(tmp_path, monkeypatch):
    path = tmp_path / "regles.yml"
    path.write_text(assistant.RULES_FILE.read_text(encoding="utf-8").replace("publics: [seniors]", "publics: [retraites]"),
                    encoding="utf-8")
    monkeypatch.setattr(assistant, "RULES_FILE", path)
    assistant.rules.cache_clear()
    try:
        with pytest.raises(assistant.RulesError, match=r"regles\.yml:\d+:\d+: erreur: code inconnu « retraites »"):
            assistant.rules()
    finally:
        monkeypatch.undo()
        assistant.rules.cache_clear()


@pytest.mark.parametrize("old,new,quoi,ident", [
    ("  - id: situation\n", "  - id: age\n", "question", "age"),
    ("{code: ado, texte: De 12 à 15 ans,", "{code: enfant, texte: De 12 à 15 ans,", "réponse de « age »", "enfant"),
    ("  - id: demarche-urgente-aide\n", "  - id: demarche-urgente-debutant\n", "règle", "demarche-urgente-debutant"),
])
def test_an_identifier_used_twice_names_its_first_line(tmp_path, old, new, quoi, ident):
    """A careless copy-paste: the second use is refused at its line, and the first one is named."""
    text = assistant.RULES_FILE.read_text(encoding="utf-8")
    first, second = _line_of(text, new.split(",")[0].strip()), _line_of(text, old.strip())
    found = [d for d in _broken(tmp_path, old, new) if d.code == "regles-doublon"]
    assert [(d.line, d.message) for d in found] == [(second, f"{quoi} « {ident} » déjà utilisé (ligne {first})")]
