"""Size of the client-side search index on a synthetic tree (raw and gzip, bytes per offer; the search
vocabulary, URL language and venue table are inside it), and of the communes file (all of France).

Usage: python benchmarks/bench_search.py [N=20000] [index.json]   (target: ≤ 150 bytes gzip per offer;
the optional path receives the index, for benchmarks/bench_search_engines.mjs)
"""
from __future__ import annotations

import gzip
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from generator.directory import load_directory  # noqa: E402
from generator.orientation.communes_file import communes_file  # noqa: E402
from generator.orientation.search_index import build_index, dumps  # noqa: E402
from synthetic import write_tree  # noqa: E402


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 20000
    with tempfile.TemporaryDirectory() as tmp:
        write_tree(n, Path(tmp) / "offers")
        directory, report = load_directory(Path(tmp) / "offers")
    index = build_index(directory)
    raw = dumps(index)
    vocab = dumps({k: index[k] for k in ("vocabulaire", "mots_vides", "url", "organismes", "theme_organisme")})
    packed = gzip.compress(raw, compresslevel=9, mtime=0)
    if len(sys.argv) > 2:
        Path(sys.argv[2]).write_bytes(raw)
    print(f"offres : {n} ; erreurs de validation : {report.errors}")
    print(f"index brut : {len(raw):,} octets ({len(raw) / n:.0f} o/offre)")
    print(f"index gzip : {len(packed):,} octets ({len(packed) / n:.0f} o/offre, objectif ≤ 150)")
    print(f"dont vocabulaire et langage des adresses : {len(vocab):,} octets bruts, "
          f"{len(gzip.compress(vocab, compresslevel=9, mtime=0)):,} en gzip")
    communes = dumps(communes_file())
    print(f"communes de France (chargées à la demande) : {len(communes):,} octets, "
          f"{len(gzip.compress(communes, compresslevel=9, mtime=0)):,} en gzip")


if __name__ == "__main__":
    main()
