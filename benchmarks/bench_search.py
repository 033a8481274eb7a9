"""Size of the client-side search index on a synthetic tree (raw and gzip, bytes per offer).

Usage: python benchmarks/bench_search.py [N=20000]   (target: ≤ 150 bytes gzip per offer)
"""
from __future__ import annotations

import gzip
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from generator.directory import load_directory  # noqa: E402
from generator.orientation.search_index import build_index, dumps  # noqa: E402
from synthetic import write_tree  # noqa: E402


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 20000
    with tempfile.TemporaryDirectory() as tmp:
        write_tree(n, Path(tmp) / "offers")
        directory, report = load_directory(Path(tmp) / "offers")
    raw = dumps(build_index(directory))
    packed = gzip.compress(raw, compresslevel=9, mtime=0)
    print(f"offres : {n} ; erreurs de validation : {report.errors}")
    print(f"index brut : {len(raw):,} octets ({len(raw) / n:.0f} o/offre)")
    print(f"index gzip : {len(packed):,} octets ({len(packed) / n:.0f} o/offre, objectif ≤ 150)")


if __name__ == "__main__":
    main()
