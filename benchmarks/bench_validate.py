"""Validation time of a synthetic tree, as a ratio to merely parsing its YAML with libyaml.

Usage: python benchmarks/bench_validate.py [N=20000] [--repeat 3]
Prints medians (machines are shared and noisy: compare ratios, not seconds).
"""
from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from generator.directory import load_directory  # noqa: E402
from synthetic import write_tree  # noqa: E402


def parse_only(root: Path) -> int:
    count = 0
    for path in sorted(root.rglob("*.yml")):
        with open(path, "rb") as fh:
            yaml.load(fh, Loader=yaml.CSafeLoader)
        count += 1
    return count


def median_time(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("n", nargs="?", type=int, default=20000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "offers"
        write_tree(args.n, root)
        files = parse_only(root)  # also warms the OS file cache for both measurements
        load_directory(root)  # warms the one-off caches (geography, schemas) like a real build does once
        t_parse = median_time(lambda: parse_only(root), args.repeat)
        holder = {}
        t_validate = median_time(lambda: holder.update(r=load_directory(root)[1]), args.repeat)
        report = holder["r"]
    print(f"offres : {args.n} ({files} fichiers YAML)")
    print(f"lecture seule libyaml (CSafeLoader) : médiane {t_parse:.2f} s ({files / t_parse:.0f} fichiers/s)")
    print(f"validation complète (annuaire)     : médiane {t_validate:.2f} s ({files / t_validate:.0f} fichiers/s)")
    print(f"rapport validation / lecture : {t_validate / t_parse:.2f}× (objectif ≤ 3×) ; erreurs : {report.errors}")


if __name__ == "__main__":
    main()
