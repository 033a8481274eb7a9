"""The contribution form in Chromium: time until the fields are ready, and time to check and write a
sample offer (load its YAML, Ajv + rules, js-yaml), as medians over repeated runs.

    ANNUAIRE_DATE=2026-11-30 python benchmarks/bench_form_browser.py [--site site] [--runs 15] [--no-build]
"""
from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.captures import CHROMIUM_ARGS, serve  # noqa: E402
from generator.directory import load_directory  # noqa: E402


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", default=str(ROOT / "site"))
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--no-build", action="store_true")
    args = parser.parse_args(argv)
    if not args.no_build:
        subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(ROOT / "mkdocs.yml"), "-d", args.site],
                       check=True, cwd=ROOT)
    directory, _ = load_directory(ROOT / "offers")
    biggest = max(directory.offres.values(), key=lambda o: (Path(o.file).stat().st_size, o.uid))
    text = Path(biggest.file).read_text(encoding="utf-8")
    from playwright.sync_api import sync_playwright

    server, base = serve(Path(args.site))
    ready, check = [], []
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
            for _ in range(args.runs):
                page = browser.new_page()
                page.goto(base + "contribuer/offre/")
                page.wait_for_function("window.AnnuaireFormulaire !== undefined")
                ready.append(page.evaluate("performance.now()"))
                check.append(page.evaluate("""t => { const s = performance.now(); window.AnnuaireFormulaire.charger(t, 'x.yml');
                    document.getElementById('contrib-verifier').click(); return performance.now() - s; }""", text))
                page.close()
            browser.close()
    finally:
        server.shutdown()
    print(f"formulaire d'offre prêt après le début du chargement : médiane {statistics.median(ready):.0f} ms ({args.runs} essais)")
    print(f"charger, vérifier et écrire {Path(biggest.file).name} ({len(text)} caractères) : médiane {statistics.median(check):.1f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
