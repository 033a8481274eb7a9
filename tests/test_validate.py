"""Each class of bad input gives a French diagnostic at the exact file and line, exit 1, no traceback."""
import re

import pytest

from helpers import ROOT, run_cli, validate_json


def _replace(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _line_of(path, needle):
    for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if needle in line:
            return i
    raise AssertionError(needle)


def _find(diags, code, file_end):
    found = [d for d in diags if d["code"] == code and d["file"].endswith(file_end)]
    assert found, f"no {code} in {file_end}: {diags}"
    return found[0]


def test_completed_scaffold_is_valid(tree):
    code, out = validate_json(tree)
    assert code == 0 and out["summary"] == {"structures": 1, "lieux": 1, "offres": 1, "errors": 0, "warnings": 0}
    for f in tree.rglob("*.yml"):
        assert f.read_text(encoding="utf-8").startswith("# yaml-language-server: $schema="), f


def test_untouched_scaffold_refuses_every_placeholder(tmp_path):
    from helpers import COMPLETED, cli

    assert cli("new", "essai", cwd=tmp_path).returncode == 0
    code, out = validate_json(tmp_path / "offers", cwd=tmp_path)
    assert code == 1 and out["summary"]["structures"] == out["summary"]["offres"] == 0
    placeholders = [d for d in out["diagnostics"] if d["code"] == "valeur-a-completer"]
    # One diagnostic per placeholder line (the coordinates line holds two), each at its own line.
    expected = sum(len(r) for r in COMPLETED.values()) + 1
    assert len(placeholders) == expected and len(out["diagnostics"]) == expected, out["diagnostics"]
    for d in placeholders:
        lines = (tmp_path / d["file"]).read_text(encoding="utf-8").splitlines()
        # A folded text (« description: >- ») starts on the line after its indicator.
        assert "À compléter" in lines[d["line"] - 1] or lines[d["line"] - 1].endswith(">-") and "À compléter" in lines[d["line"]], d


def expect(tree, code_name, file_end, line, contains=None):
    code, out = validate_json(tree, cwd=tree.parent)
    assert code == 1
    d = _find(out["diagnostics"], code_name, file_end)
    assert d["severity"] == "error"
    assert d["line"] == line, d
    assert not d["file"].startswith("/"), "file must be relative to the current directory"
    if contains:
        assert contains in d["message"] + " " + d["hint"], d
    return d


OFFRE = "essai/offres/acces-libre.yml"


def test_yaml_syntax_error(tree):
    f = tree / OFFRE
    _replace(f, "nom: Accès libre accompagné", "nom: Accès libre: accompagné")
    expect(tree, "yaml-syntaxe", OFFRE, _line_of(f, "nom: Accès"), "guillemets")


def test_tab_indentation(tree):
    f = tree / OFFRE
    _replace(f, "  obligatoire: false", "\tobligatoire: false")
    expect(tree, "yaml-syntaxe", OFFRE, _line_of(f, "obligatoire"), "espaces")


def test_duplicate_key(tree):
    f = tree / OFFRE
    _replace(f, "langues: [fr]", "langues: [fr]\nlangues: [en]")
    expect(tree, "cle-dupliquee", OFFRE, _line_of(f, "langues: [en]"), "deux fois")


def test_wrong_type_unquoted_postcode(tree):
    f = tree / "essai/lieux.yml"
    _replace(f, 'code_postal: "29600"', "code_postal: 29600")
    d = expect(tree, "type", "essai/lieux.yml", _line_of(f, "code_postal"), "guillemets")
    assert "texte" in d["message"]


def test_wrong_type_boolean_oui(tree):
    f = tree / OFFRE
    _replace(f, "obligatoire: false", "obligatoire: non")
    expect(tree, "type", OFFRE, _line_of(f, "obligatoire"), "true")


def test_unknown_field_suggests(tree):
    f = tree / OFFRE
    _replace(f, "horaires:", "horraires:")
    expect(tree, "champ-inconnu", OFFRE, _line_of(f, "horraires"), "Vouliez-vous dire « horaires »")


def test_missing_required_field(tree):
    f = tree / OFFRE
    text = f.read_text(encoding="utf-8")
    f.write_text(re.sub(r"^resume:.*\n", "", text, flags=re.M), encoding="utf-8")
    expect(tree, "champ-manquant", OFFRE, _line_of(f, "nom:"), "resume")


def test_bad_enum_did_you_mean(tree):
    f = tree / OFFRE
    _replace(f, "segment: acces-libre", "segment: acces-libres")
    expect(tree, "valeur-inconnue", OFFRE, _line_of(f, "segment:"), "Vouliez-vous dire « acces-libre »")


def test_dangling_venue_reference(tree):
    f = tree / OFFRE
    _replace(f, "lieux: [siege]", "lieux: [mediatheque]")
    expect(tree, "lieu-inconnu", OFFRE, _line_of(f, "lieux:"), "siege")


def test_duplicate_venue_id(tree):
    f = tree / "essai/lieux.yml"
    text = f.read_text(encoding="utf-8")
    block = text[text.index("  - id: siege"):]
    f.write_text(text + block.replace("Locaux de la structure", "Annexe"), encoding="utf-8")
    lines = [i for i, l in enumerate(f.read_text(encoding="utf-8").splitlines(), 1) if "- id: siege" in l]
    expect(tree, "id-duplique", "essai/lieux.yml", lines[1], "siege")


def test_bad_opening_hours(tree):
    f = tree / OFFRE
    _replace(f, 'horaires: "Tu,Th 14:00-17:00; PH off"', 'horaires: "Lu-Ve 9h-12h"')
    expect(tree, "horaires", OFFRE, _line_of(f, "horaires:"), "OpenStreetMap")


def test_incoherent_dates(tree):
    f = tree / OFFRE
    _replace(f, "segment: acces-libre", "segment: atelier")
    _replace(f, "configuration: spontanee", "configuration: programmee")
    f.write_text(f.read_text(encoding="utf-8") + (
        "sessions:\n"
        "  - debut: \"2027-03-01\"\n"
        "    fin: \"2027-02-01\"\n"
        "  - debut: \"2027-01-10\"\n"
        "    fin: \"2027-01-20\"\n"
        "    seances:\n"
        "      - {date: \"2027-01-25\", debut: \"14:00\", fin: \"16:00\"}\n"
        "      - {date: \"2027-01-12\", debut: \"16:00\", fin: \"14:00\"}\n"), encoding="utf-8")
    code, out = validate_json(tree, cwd=tree.parent)
    assert code == 1
    dates = sorted(d["line"] for d in out["diagnostics"] if d["code"] == "dates")
    assert dates == [_line_of(f, 'fin: "2027-02-01"'), _line_of(f, "2027-01-25")]
    assert _find(out["diagnostics"], "heures", OFFRE)["line"] == _line_of(f, "2027-01-12")


def test_postcode_not_matching_commune(tree):
    f = tree / "essai/lieux.yml"
    _replace(f, 'code_postal: "29600"', 'code_postal: "29200"')
    expect(tree, "code-postal", "essai/lieux.yml", _line_of(f, "code_postal"), "29600")


def test_commune_name_not_matching_insee(tree):
    f = tree / "essai/lieux.yml"
    _replace(f, "commune: Morlaix", "commune: Brest")
    expect(tree, "commune", "essai/lieux.yml", _line_of(f, "commune: Brest"), "Morlaix")


def test_non_utf8_file(tree):
    f = tree / OFFRE
    raw = f.read_bytes().replace("Accès libre accompagné".encode(), "Accès libre accompagné".encode("latin-1"))
    f.write_bytes(raw)
    d = expect(tree, "encodage", OFFRE, _line_of_bytes(raw, b"nom:"), "UTF-8")
    assert d["column"] == len("nom: Acc") + 1


def _line_of_bytes(raw, needle):
    return raw[: raw.index(needle)].count(b"\n") + 1


def test_alias_bomb(tree):
    f = tree / OFFRE
    bomb = "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n"
    bomb += "".join(f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)}]\n" for i in range(8))
    f.write_text(bomb, encoding="utf-8")
    expect(tree, "yaml-ancre", OFFRE, 1, "interdit")


def test_oversized_file(tree):
    f = tree / OFFRE
    f.write_text(f.read_text(encoding="utf-8") + "# " + "x" * 600_000 + "\n", encoding="utf-8")
    expect(tree, "fichier-trop-gros", OFFRE, 1, "Kio")


def test_all_errors_in_one_run(tree):
    _replace(tree / OFFRE, "segment: acces-libre", "segment: acces-libres")
    _replace(tree / "essai/lieux.yml", 'code_postal: "29600"', 'code_postal: "29200"')
    _replace(tree / "essai/structure.yml", "type: association", "type: asso")
    code, out = validate_json(tree, cwd=tree.parent)
    assert code == 1 and out["summary"]["errors"] == 3


def test_text_and_github_formats(tree):
    _replace(tree / OFFRE, "segment: acces-libre", "segment: acces-libres")
    proc = run_cli("validate", "offers", cwd=tree.parent)
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    assert re.search(r"^offers/essai/offres/acces-libre\.yml:\d+:\d+: erreur: ", proc.stdout, re.M), proc.stdout
    proc = run_cli("validate", "offers", "--format", "github", cwd=tree.parent)
    assert proc.returncode == 1
    assert re.search(r"^::error file=offers/essai/offres/acces-libre\.yml,line=\d+,col=\d+,title=valeur-inconnue::", proc.stdout, re.M)


def test_unquoted_time_and_date_stay_text(tree):
    f = tree / OFFRE
    _replace(f, "segment: acces-libre", "segment: atelier")
    _replace(f, "configuration: spontanee", "configuration: programmee")
    f.write_text(f.read_text(encoding="utf-8") + (
        "sessions:\n  - debut: 2027-01-12\n    fin: 2027-01-12\n    seances:\n      - {date: 2027-01-12, debut: 14:00, fin: 16:00}\n"),
        encoding="utf-8")
    code, out = validate_json(tree, cwd=tree.parent)
    assert code == 0, out


def test_stale_date_warns(tree):
    f = tree / OFFRE
    text = f.read_text(encoding="utf-8")
    f.write_text(re.sub(r'date_maj: "[^"]+"', 'date_maj: "2020-01-01"', text), encoding="utf-8")
    code, out = validate_json(tree, cwd=tree.parent)
    assert code == 0
    d = _find(out["diagnostics"], "perime", OFFRE)
    assert d["severity"] == "warning" and d["line"] == _line_of(f, "date_maj")


def test_bad_siret(tree):
    f = tree / "essai/structure.yml"
    _replace(f, "type: association", 'type: association\nsiret: "12345678901234"')
    expect(tree, "siret", "essai/structure.yml", _line_of(f, "siret"), "SIRET")


def test_missing_directory_is_reported_not_raised(tmp_path):
    code, out = validate_json(tmp_path / "absent", cwd=tmp_path)
    assert code == 1 and out["diagnostics"][0]["code"] == "dossier-absent"


def test_sample_data_is_valid():
    code, out = validate_json(ROOT / "offers")
    errors = [d for d in out["diagnostics"] if d["severity"] == "error"]
    assert code == 0 and not errors, errors
    assert out["summary"]["structures"] == 3
    assert out["summary"]["offres"] >= 40


def test_internal_error_is_reported_in_french_without_traceback(monkeypatch, capsys):
    from generator import cli

    def broken(args):
        raise KeyError("champ")

    monkeypatch.setattr(cli.validate, "run", broken)
    assert cli.main(["validate", "offers"]) == 3
    err = capsys.readouterr().err
    assert "erreur interne inattendue" in err and "Traceback" not in err
