"""Site build cost: 200 vs 2,000 synthetic offers (target: ratio ≤ 12, average generated page < 60 KB).

    python benchmarks/bench_build.py [--petit 200] [--grand 2000]

Each build runs in a fresh process (as `annuaire build` would), timed from start to end.
"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.synthetic import DATE_MAJ, write_tree  # noqa: E402

BUILD = "import sys; from generator.site.build import build_site; build_site(sys.argv[1], sys.argv[2], sys.argv[3])"
TODAY = "2026-11-30"  # after the synthetic DATE_MAJ, before its séances


def measure(n: int, workdir: Path) -> dict:
    offers = workdir / f"offers-{n}"
    site = workdir / f"site-{n}"
    write_tree(n, offers)
    env = {**os.environ, "PYTHONPATH": str(ROOT), "ANNUAIRE_DATE": TODAY}
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, "-c", BUILD, str(offers), str(site), str(ROOT / "mkdocs.yml")],
                          cwd=ROOT, env=env, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if proc.returncode != 0:
        sys.exit(f"la construction de {n} offres a échoué :\n{proc.stderr[-3000:]}")
    pages = list(site.rglob("*.html"))
    generated = [p for p in pages if p.relative_to(site).parts[0] in ("offres", "lieux", "structures")]
    return {"offres": n, "secondes": seconds, "pages": len(pages),
            "moyenne_ko": sum(p.stat().st_size for p in pages) / len(pages) / 1024,
            "moyenne_generees_ko": sum(p.stat().st_size for p in generated) / len(generated) / 1024,
            "total_mo": sum(p.stat().st_size for p in pages) / 1024 / 1024}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--petit", type=int, default=200)
    parser.add_argument("--grand", type=int, default=2000)
    args = parser.parse_args(argv)
    assert DATE_MAJ <= TODAY
    with tempfile.TemporaryDirectory() as tmp:
        results = [measure(n, Path(tmp)) for n in (args.petit, args.grand)]
    for r in results:
        print(f"{r['offres']:>6} offres : {r['secondes']:6.1f} s, {r['pages']} pages HTML, "
              f"{r['moyenne_ko']:.1f} Ko en moyenne ({r['moyenne_generees_ko']:.1f} Ko pour offres/lieux/structures), "
              f"{r['total_mo']:.1f} Mo au total")
    ratio = results[1]["secondes"] / results[0]["secondes"]
    scale = args.grand / args.petit
    print(f"rapport de temps {args.grand}/{args.petit} : {ratio:.1f} × (pour {scale:.0f} × plus d'offres ; objectif ≤ 12 ×)")
    worst = max(r["moyenne_ko"] for r in results)
    print(f"page HTML moyenne : {worst:.1f} Ko (objectif < 60 Ko)")
    return 0 if ratio <= 12 and worst < 60 else 1


if __name__ == "__main__":
    sys.exit(main())
