"""The assistant's rules encode the report's findings on segments."""
import pytest

from generator.orientation.assistant import recommend, rules


def test_rules_are_consistent_with_referentials():
    data = rules()
    assert data["regles"][-1]["si"] == {}, "la dernière règle doit s'appliquer à tous les cas"


def test_far_from_digital_tools_gets_training_not_free_access():
    rule = recommend({"besoin": "demarche", "aisance": "non", "urgence": "non"})
    assert rule["segments"][0] in ("atelier", "formation")
    assert "acces-libre" not in rule["segments"]


def test_urgent_procedure_accompaniment_first_then_training():
    rule = recommend({"besoin": "demarche", "aisance": "non", "urgence": "oui"})
    assert rule["segments"][0] in ("permanence", "acces-libre")
    assert set(rule["puis"]) & {"atelier", "formation"}


def test_skilled_person_gets_free_access():
    assert recommend({"besoin": "demarche", "aisance": "oui", "urgence": "non"})["segments"][0] == "acces-libre"


@pytest.mark.parametrize("besoin", ["demarche", "apprendre", "materiel", "autre"])
def test_every_answer_gets_a_reason(besoin):
    assert recommend({"besoin": besoin})["raison"].strip()


def test_unquoted_comma_in_an_answer_is_refused(tmp_path, monkeypatch):
    from generator.orientation import assistant

    bad = assistant.RULES_FILE.read_text(encoding="utf-8").replace('texte: "Non, ou très peu"', "texte: Non, ou très peu")
    path = tmp_path / "regles.yml"
    path.write_text(bad, encoding="utf-8")
    monkeypatch.setattr(assistant, "RULES_FILE", path)
    assistant.rules.cache_clear()
    try:
        with pytest.raises(ValueError, match="guillemets"):
            assistant.rules()
    finally:
        assistant.rules.cache_clear()
