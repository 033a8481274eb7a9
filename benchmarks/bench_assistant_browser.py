"""The advisor of /orienter/ (site_overrides/assets/recherche/orientation.js) in Chromium over a national-scale
index: time of one advice (rule, filters, ranking, why, widening when nothing fits, next step) for a systematic
sample of answers, as the agent waits for it after « Voir l'offre conseillée ».

Builds the sample site once (real template, real JS), swaps in the index of a synthetic tree of N offers, then
times `Advisor.advise` in the page for COUNT combinations spread evenly over the consistency test's sample.

Usage: python benchmarks/bench_assistant_browser.py [N=20000] [COUNT=600]
Target: one advice ≤ 50 ms median, ≤ 100 ms at the 90th percentile (it is computed once per submission).
"""
from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "benchmarks"), str(ROOT / "tests" / "browser")]

from generator.directory import load_directory  # noqa: E402
from generator.orientation.search_index import build_index, dumps  # noqa: E402
from site_browser import CHROMIUM, CHROMIUM_ARGS, build, data_day, http_server  # noqa: E402
from synthetic import write_tree  # noqa: E402
from test_assistant_consistency import combinations  # noqa: E402

TIME = """async (combos) => {
  const { Engine } = await import('/assets/recherche/engine.js');
  const { Advisor } = await import('/assets/recherche/orientation.js');
  const root = document.getElementById('annuaire-orienter');
  const engine = await Engine.load(root.getAttribute('data-index'));
  const rules = await (await fetch(root.getAttribute('data-regles'))).json();
  const advisor = new Advisor(engine, rules), now = { day: 0, minute: 600 };
  const times = [], widened = [];
  combos.forEach(([answers, place]) => {
    const t0 = performance.now();
    const r = advisor.advise(answers, place, now);
    times.push(performance.now() - t0);
    widened.push(!r.offers.length);
  });
  return [times, widened];
}"""


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 20000
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 600
    from playwright.sync_api import sync_playwright

    every = list(combinations())
    combos = every[::max(1, len(every) // count)][:count]
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        t = time.perf_counter()
        write_tree(n, tmp / "offers")
        directory, report = load_directory(tmp / "offers")
        raw = dumps(build_index(directory))
        print(f"offres : {n} ; erreurs de validation : {report.errors} ; arbre et index en {time.perf_counter() - t:.0f} s")
        site = build(ROOT / "offers", tmp / "site", data_day(ROOT / "offers"))
        (site / "recherche" / "index.json").write_bytes(raw)
        with http_server(site) as url, sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            page = browser.new_page(locale="fr-FR", timezone_id="Europe/Paris")
            page.goto(url + "orienter/")
            page.wait_for_selector("[data-assistant-pret]", timeout=60000)
            page.evaluate(TIME, combos[:20])  # warm-up: the JIT, not the agent, pays for the first calls
            times, widened = page.evaluate(TIME, combos)
            plain = [x for x, w in zip(times, widened) if not w]
            wide = [x for x, w in zip(times, widened) if w]
            print(f"un conseil : médiane {statistics.median(times):.1f} ms, 90e centile "
                  f"{statistics.quantiles(times, n=10)[-1]:.1f} ms, max {max(times):.1f} ms sur {len(times)} combinaisons "
                  f"(objectif ≤ 50 ms, ≤ 100 ms)")
            for label, part in (("avec offres", plain), ("en élargissant (rien ne convient)", wide)):
                if len(part) >= 2:
                    print(f"  {label} : {len(part)} combinaisons, médiane {statistics.median(part):.1f} ms, "
                          f"max {max(part):.1f} ms")
            browser.close()


if __name__ == "__main__":
    main()
