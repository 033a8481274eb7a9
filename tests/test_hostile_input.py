"""Whatever bytes a contributor pushes, validation reports diagnostics and never raises."""
import random

from helpers import validate_json
from generator.diagnostics import Report
from generator.directory import load_directory


def test_mutated_files_never_raise(tree):
    rng = random.Random(1234)
    files = sorted(tree.rglob("*.yml"))
    originals = {f: f.read_bytes() for f in files}
    alphabet = b":-[]{}&*!|>'\"#\t\n \x00\xff\xc3%@`,?0123456789abcdef"
    for _ in range(150):
        target = rng.choice(files)
        raw = bytearray(originals[target])
        for _ in range(rng.randint(1, 6)):
            pos = rng.randrange(len(raw))
            op = rng.randrange(3)
            if op == 0:
                raw[pos] = rng.choice(alphabet)
            elif op == 1:
                del raw[pos: pos + rng.randint(1, 20)]
            else:
                raw[pos:pos] = bytes(rng.choice(alphabet) for _ in range(rng.randint(1, 5)))
        target.write_bytes(bytes(raw))
        directory, report = load_directory(tree)  # must not raise
        assert isinstance(report, Report)
        for d in report.diagnostics:
            assert d.line >= 1 and d.column >= 1 and d.message and d.file
        target.write_bytes(originals[target])


def test_hostile_values_are_diagnosed(tree):
    f = tree / "essai/offres/acces-libre.yml"
    text = f.read_text(encoding="utf-8")
    cases = [
        ("nom: !!python/object/apply:os.system ['true']", "yaml-etiquette"),
        ("nom: !custom x", "yaml-etiquette"),
        ("<<: {nom: x}", "yaml-cle"),
        ("? [a, b]\n: c", "yaml-cle"),
        ("nom: " + "[" * 50 + "]" * 50, "yaml-profondeur"),
        ("nom: " + "[" * 5000 + "]" * 5000, "yaml-syntaxe"),
        ("nom: 1.0e+999999", "nombre-illisible"),
        ("nom: " + "9" * 5000, "nombre-illisible"),
    ]
    for case, expected in cases:
        f.write_text(text.replace("nom: Accès libre accompagné", case), encoding="utf-8")
        code, out = validate_json(tree, cwd=tree.parent)
        codes = [d["code"] for d in out["diagnostics"]]
        assert code == 1 and expected in codes, (case[:60], codes)
        assert all(d["line"] == 3 for d in out["diagnostics"] if d["code"] == expected), out
