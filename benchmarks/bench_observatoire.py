"""Observatory cost at national scale: figures, pages' contexts (SVG included) and CSV files.

    python benchmarks/bench_observatoire.py [--petit 2000] [--grand 20000] [--repetitions 3]

Synthetic trees spread their venues over the whole country, so every region, département and
intercommunality gets its page: the worst case for the number of territories. Times are medians.
"""
from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.synthetic import write_tree  # noqa: E402
from generator.directory import load_directory  # noqa: E402
from generator.observatory.build import build  # noqa: E402
from generator.site.context import Site  # noqa: E402
from generator.site.pages import observatoire  # noqa: E402

TODAY = "2026-11-30"


def measure(n: int, workdir: Path, repetitions: int) -> dict:
    import datetime as dt

    offers = workdir / f"offers-{n}"
    write_tree(n, offers)
    directory, report = load_directory(offers, today=dt.date.fromisoformat(TODAY))
    if report.errors:
        sys.exit(f"données synthétiques invalides ({report.errors} erreurs)")
    figures, pages = [], []
    for _ in range(repetitions):
        start = time.perf_counter()
        territories = build(directory)
        figures.append(time.perf_counter() - start)
        site = Site(directory)
        start = time.perf_counter()
        specs = observatoire.pages(site)
        files = observatoire.files(site)
        pages.append(time.perf_counter() - start)
    return {"offres": n, "territoires": len(territories), "pages": len(specs), "csv": len(files),
            "csv_mo": sum(len(b) for b in files.values()) / 1e6,
            "chiffres_s": statistics.median(figures), "pages_s": statistics.median(pages)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--petit", type=int, default=2000)
    parser.add_argument("--grand", type=int, default=20000)
    parser.add_argument("--repetitions", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        rows = [measure(n, Path(tmp), args.repetitions) for n in (args.petit, args.grand)]
    for r in rows:
        print(f"{r['offres']:>6} offres : {r['territoires']} territoires, {r['csv']} fichiers CSV ({r['csv_mo']:.1f} Mo) ; "
              f"chiffres {r['chiffres_s']:.1f} s, pages et CSV {r['pages_s']:.1f} s (médianes)")
    small, large = rows
    print(f"rapport {large['offres'] // small['offres']}× plus d'offres : chiffres × {large['chiffres_s'] / small['chiffres_s']:.1f}, "
          f"pages × {large['pages_s'] / small['pages_s']:.1f}")


if __name__ == "__main__":
    main()
