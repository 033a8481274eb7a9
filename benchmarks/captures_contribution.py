"""Screenshots of the contribution form, filled as a volunteer would: into docs/captures/ (desktop and
phone, for the issue tracker) and docs/images/contribuer/ (the contributor guide's illustrations).

    ANNUAIRE_DATE=2026-11-30 python benchmarks/captures_contribution.py [--site site] [--no-build]

Only our own pages are captured: the forge (GitHub) cannot be reached from here, the guide describes
its screens in words. Chromium draws its date and time fields in French only with its French
resources (Debian: `apt-get install chromium-l10n`); without them the captures show 02:00 PM.
"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.captures import CHROMIUM_ARGS, serve  # noqa: E402
from generator.directory import load_directory  # noqa: E402

CAPTURES = ROOT / "docs" / "captures"
GUIDE = ROOT / "docs" / "images" / "contribuer"
# French UI for the browser's own widgets (24-hour time fields, date format).
ARGS = [*CHROMIUM_ARGS, "--lang=fr"]


def field(*path) -> str:
    css = ".contrib-racine"
    for part in path:
        css += f" > .contrib-elements > fieldset:nth-child({part})" if isinstance(part, int) else f" > [data-cle={part}]"
    return css


def add_range(page, bloc, day, start, end):
    page.locator(f"{bloc} [data-jour={day}] button", has_text="Ajouter une plage").click()
    plage = page.locator(f"{bloc} [data-jour={day}] .contrib-plage").last
    plage.locator("input[type=time]").nth(0).fill(start)
    plage.locator("input[type=time]").nth(1).fill(end)


def fill(page, structure):
    """A weekly permanence with its hours, then a two-séance session: what the guide walks through."""
    page.locator(field("nom") + " input").fill("Permanence numérique du lundi et du jeudi")
    page.locator(field("resume") + " input").fill("Venez avec vos démarches en ligne : un médiateur vous aide, sans rendez-vous.")
    page.locator(field("segment") + " input[value=permanence]").check()
    page.locator(field("thematiques") + " input").first.check()
    page.locator(field("publics") + " input").first.check()
    page.locator(field("lieux") + " input[type=checkbox]").first.check()
    bloc = field("horaires")
    add_range(page, bloc, "Mo", "14:00", "17:00")
    add_range(page, bloc, "Th", "14:00", "17:00")
    page.locator(f"{bloc} button", has_text="Ajouter une fermeture").click()
    dates = page.locator(f"{bloc} .contrib-fermetures input")
    dates.nth(0).fill("2026-12-24")
    dates.nth(1).fill("2027-01-02")
    dates.nth(1).dispatch_event("change")
    page.locator(field("sessions") + " > button", has_text="Ajouter").click()
    session = field("sessions", 1)
    page.locator(f"{session} > [data-cle=debut] input").fill("2027-03-01")
    page.locator(f"{session} > [data-cle=fin] input").fill("2027-03-31")
    page.locator(f"{session} > [data-cle=seances] > button", has_text="Ajouter").click()
    seance = f"{session} > [data-cle=seances] > .contrib-elements > fieldset:nth-child(1)"
    page.locator(f"{seance} > [data-cle=date] input").fill("2027-03-04")
    page.locator(f"{seance} > [data-cle=debut] input").fill("14:00")
    page.locator(f"{seance} > [data-cle=fin] input").fill("16:00")
    page.locator(f"{session} > [data-cle=seances] > button", has_text="Répéter").click()
    page.locator(field("inscription", "obligatoire") + " input[value=non]").check()
    page.locator(field("inscription", "modalites") + " input[value=se-presenter]").check()
    page.locator(field("frais", "type") + " input[value=gratuit]").check()


def shoot(page, locator, target: Path):
    target.parent.mkdir(parents=True, exist_ok=True)
    # The sticky header would cover the top of an element scrolled into view.
    page.add_style_tag(content=".md-header { position: absolute; }")
    page.locator(locator).first.scroll_into_view_if_needed()
    page.locator(locator).first.screenshot(path=str(target))
    print(target.relative_to(ROOT))


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", default=str(ROOT / "site"))
    parser.add_argument("--no-build", action="store_true")
    args = parser.parse_args(argv)
    if not args.no_build:
        subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(ROOT / "mkdocs.yml"), "-d", args.site],
                       check=True, cwd=ROOT)
    directory, _ = load_directory(ROOT / "offers")
    structure = max(directory.structures.values(), key=lambda s: (len(s.lieux), s.id))
    offre = max(directory.offres.values(), key=lambda o: (len(o.get("orientation", ())), o.uid))
    from playwright.sync_api import sync_playwright

    server, base = serve(Path(args.site))
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS, env={**os.environ, "LANGUAGE": "fr_FR:fr"})
            for label, (width, height) in {"bureau": (1280, 900), "mobile": (375, 812)}.items():
                page = browser.new_page(viewport={"width": width, "height": height}, locale="fr-FR")
                page.goto(base + f"contribuer/offre/?structure={structure.id}")
                page.wait_for_function(f"document.getElementById('contrib-structure').value === '{structure.id}'")
                fill(page, structure)
                page.evaluate("window.scrollTo(0, 0)")
                page.screenshot(path=str(CAPTURES / f"formulaire-bureau.png" if label == "bureau" else CAPTURES / "formulaire-mobile.png"))
                print((CAPTURES / f"formulaire-{label}.png").relative_to(ROOT))
                shoot(page, field("horaires"), CAPTURES / f"formulaire-horaires-{label}.png")
                page.locator("#contrib-verifier").click()
                shoot(page, "#contrib-resultat", CAPTURES / f"formulaire-resultat-{label}.png")
                if label == "bureau":
                    # The guide's illustrations, desktop only.
                    shoot(page, "fieldset.contrib-fichier", GUIDE / "1-emplacement.png")
                    shoot(page, field("horaires"), GUIDE / "2-horaires.png")
                    shoot(page, field("sessions"), GUIDE / "3-seances.png")
                    shoot(page, "#contrib-resultat", GUIDE / "5-fichier-pret.png")
                    page.locator(field("resume") + " input").fill("")
                    page.locator("#contrib-verifier").click()
                    shoot(page, "#contrib-bilan", GUIDE / "4-erreurs.png")
                    page.goto(base + f"offres/{offre.uid}/")
                    shoot(page, ".annuaire-contribuer", GUIDE / "0-fiche-liens.png")
                page.close()
            browser.close()
    finally:
        server.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main())
