"""The search vocabulary (schema/vocabulaire/) and the URL vocabulary, checked and shipped once in the index."""
import datetime as dt
import shutil

import pytest

from generator import referentials
from generator.diagnostics import Report
from generator.diagnostics.reporters import render_text
from generator.directory import load_directory
from generator.orientation import url_state, vocabulary
from generator.orientation.search_index import build_index
from generator.orientation.search_text import description_words
from helpers import ROOT


def test_repository_vocabulary_is_valid_and_covers_the_referentials():
    report = Report()
    data = vocabulary.check(vocabulary.VOCABULARY_DIR, report)
    assert report.errors == 0, render_text(report.sorted())
    assert set(data["theme"]) == set(referentials.get("thematiques").codes)
    assert set(data["organisme"]) == {o.code for o in vocabulary.organisms()}
    assert "RSA" in data["theme"]["demarches-caf"] and "pôle emploi" in data["theme"]["demarches-france-travail"]


def test_a_bad_code_is_a_french_diagnostic_with_file_and_line(tmp_path):
    folder = tmp_path / "vocabulaire"
    shutil.copytree(vocabulary.VOCABULARY_DIR, folder)
    path = folder / "thematiques.yml"
    text = path.read_text(encoding="utf-8").replace("demarches-caf:", "demarche-caf:")
    path.write_text(text, encoding="utf-8")
    line = text.splitlines().index("demarche-caf:") + 1
    report = Report()
    vocabulary.check(folder, report)
    [d] = [d for d in report.diagnostics if d.code == "vocabulaire-code"]
    assert d.file == str(path) and d.line == line and d.column == 1
    assert "code inconnu « demarche-caf »" in d.message and "demarches-caf" in d.hint
    rendered = render_text(report.sorted())
    assert f"thematiques.yml:{line}:1: erreur" in rendered


def test_a_public_body_that_is_not_one_is_refused(tmp_path):
    folder = tmp_path / "vocabulaire"
    shutil.copytree(vocabulary.VOCABULARY_DIR, folder)
    with open(folder / "organismes.yml", "a", encoding="utf-8") as fh:
        fh.write("association:\n  - asso\n")
    report = Report()
    vocabulary.check(folder, report)
    assert any(d.code == "vocabulaire-code" and "association" in d.message for d in report.diagnostics)


def test_index_ships_vocabulary_url_language_and_stopwords_once():
    directory, report = load_directory(ROOT / "offers", today=dt.date(2026, 11, 30))
    index = build_index(directory)
    themes = referentials.get("thematiques").codes
    assert index["vocabulaire"]["theme"][themes.index("demarches-caf")] == vocabulary.vocabulary()["theme"]["demarches-caf"]
    assert index["url"]["ordre"] == list(url_state.ORDER)
    assert index["url"]["valeurs"]["proximite"] == list(url_state.PROXIMITIES)
    assert "de" in index["mots_vides"]
    caf = referentials.get("types-partenaires").codes
    assert [index["organismes"][i][0] for i in index["theme_organisme"] if i >= 0]
    assert index["organismes"][index["theme_organisme"][themes.index("demarches-caf")]][0] == "caf" and "caf" in caf


def test_url_check_speaks_french():
    codes = lambda ref: referentials.get(ref).codes  # noqa: E731
    assert url_state.check("proximite", "10km", codes) is None
    assert url_state.check("moment", "nuit", codes) == "valeur inconnue moment=nuit"
    assert "inconnu" in url_state.check("couleur", "bleu", codes)


def test_description_words_leave_out_what_name_and_summary_say():
    words = description_words("Venez **sans rendez-vous** pour vos démarches CAF et [ameli](https://ameli.fr).", "Démarches CAF")
    assert words.split() == ["venez", "rendez", "ameli"]
    assert "caf" not in words and "https" not in words
