"""Screenshots of each page type, desktop (1280 px) and mobile (375 px), into docs/captures/.

    ANNUAIRE_DATE=2026-11-30 python benchmarks/captures.py [--site site] [--out docs/captures]

Builds the site first unless --no-build; pages are picked from the data (the richest offer,
venue and structure), not hard-coded.
"""
from __future__ import annotations

import argparse
import functools
import subprocess
import sys
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator import geography  # noqa: E402
from generator.directory import load_directory  # noqa: E402

CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run"]
WIDTHS = {"bureau": (1280, 900), "mobile": (375, 812)}


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def serve(site: Path) -> tuple[ThreadingHTTPServer, str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


def representative_pages(offers_dir: Path) -> dict[str, str]:
    directory, _ = load_directory(offers_dir)
    offre = max(directory.offres.values(), key=lambda o: (len(o.get("sessions", ())) > 0, len(o.get("orientation", ())), o.uid))
    lieu = max(directory.lieux.values(), key=lambda v: (len(directory.offres_at(v.uid)), v.uid))
    structure = max(directory.structures.values(), key=lambda s: (len(s.offres), s.id))
    return {"accueil": "", "offre": f"offres/{offre.uid}/", "lieu": f"lieux/{lieu.uid}/",
            "structure": f"structures/{structure.id}/", "territoires": "territoires/", "segments": "segments/",
            "recherche": "recherche/?q=impots&commune=29151", "orienter": "orienter/", "fiche": f"offres/{offre.uid}/fiche/",
            "partenaires": "partenaires/caf/", "donnees": "donnees/", "observatoire": "observatoire/",
            "observatoire-epci": f"observatoire/epci/{geography.commune(lieu['code_insee']).epci}/"}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", default=str(ROOT / "site"))
    parser.add_argument("--offers", default=str(ROOT / "offers"))
    parser.add_argument("--out", default=str(ROOT / "docs" / "captures"))
    parser.add_argument("--no-build", action="store_true")
    args = parser.parse_args(argv)
    if not args.no_build:
        subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(ROOT / "mkdocs.yml"), "-d", args.site],
                       check=True, cwd=ROOT)
    from playwright.sync_api import sync_playwright

    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    server, base = serve(Path(args.site))
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
            for kind, path in representative_pages(Path(args.offers)).items():
                for label, (width, height) in WIDTHS.items():
                    page = browser.new_page(viewport={"width": width, "height": height})
                    page.goto(base + path)
                    page.wait_for_load_state("networkidle")
                    target = out / f"{kind}-{label}.png"
                    # Desktop fiches in full (hours table, portfolio, an observatory page); phones show the first screen.
                    page.screenshot(path=str(target), full_page=label == "bureau" and kind in ("offre", "structure", "observatoire-epci"))
                    page.close()
                    print(target.relative_to(ROOT) if target.is_relative_to(ROOT) else target)
            browser.close()
    finally:
        server.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main())
