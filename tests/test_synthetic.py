"""The benchmark generator must keep producing valid trees, or the benchmarks measure nothing."""
import sys

from helpers import ROOT, validate_json

sys.path.insert(0, str(ROOT / "benchmarks"))
from synthetic import write_tree  # noqa: E402


def test_synthetic_tree_validates(tmp_path):
    write_tree(120, tmp_path / "offers")
    code, out = validate_json(tmp_path / "offers")
    assert code == 0, out["diagnostics"][:3]
    assert out["summary"]["offres"] == 120 and out["summary"]["structures"] == 12
