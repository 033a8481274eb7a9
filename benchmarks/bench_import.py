"""Import speed: a national-shaped CSV of N rows (the test fixture's usable rows repeated with new ids)
read, converted and written, then imported again (nothing to change). Medians of 3 runs.

    .venv/bin/python benchmarks/bench_import.py 2000
"""
from __future__ import annotations

import csv
import datetime as dt
import io
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.importers import mednum, writer  # noqa: E402

FIXTURE = ROOT / "tests" / "fixtures" / "import" / "lieux-mednum.csv"
REFUSED = {"cd22-009", "cd22-010", "cd22-011"}


def make_csv(n: int, path: Path) -> None:
    rows = [r for r in csv.DictReader(io.StringIO(FIXTURE.read_text(encoding="utf-8-sig"), newline="")) if r["id"] not in REFUSED]
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=list(rows[0]), quoting=csv.QUOTE_ALL, lineterminator="\r\n")
    w.writeheader()
    for i in range(n):
        r = dict(rows[i % len(rows)])
        r["id"], r["nom"] = f"{r['id']}-{i}", f"{r['nom']} {i}"
        r["structure_parente"] = ""
        w.writerow(r)
    path.write_text(buf.getvalue(), encoding="utf-8")


def run(src: Path, out: Path) -> tuple[float, int]:
    start = time.perf_counter()
    bundles, report = mednum.convert_files([src], None, dt.date(2026, 6, 1))
    changes = writer.plan(bundles, out)
    writer.apply(changes)
    return time.perf_counter() - start, sum(c.action != "inchanges" for c in changes)


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
    first, again = [], []
    for _ in range(3):
        with tempfile.TemporaryDirectory() as tmp:
            src = Path(tmp) / "lieux.csv"
            make_csv(n, src)
            t1, written = run(src, Path(tmp) / "offers")
            t2, rewritten = run(src, Path(tmp) / "offers")
            assert rewritten == 0, rewritten
            first.append(t1)
            again.append(t2)
    print(f"{n} lignes : import {statistics.median(first):.2f} s ({written} fichiers écrits, "
          f"{statistics.median(first) / n * 1000:.2f} ms/ligne) ; réimport sans changement {statistics.median(again):.2f} s")


if __name__ == "__main__":
    main()
