"""Built sites served over HTTP and one Chromium for the whole session (the sample site itself is built
once for the whole suite by tests/conftest.py)."""
from pathlib import Path

import pytest

from site_browser import CHROMIUM, CHROMIUM_ARGS, ROOT, http_server


@pytest.fixture(scope="session")
def sample_directory(sample_day):
    from generator.directory import load_directory

    directory, report = load_directory(ROOT / "offers", today=sample_day)
    assert report.errors == 0
    return directory


@pytest.fixture(scope="session")
def sample_url(sample_site):
    with http_server(sample_site) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium introuvable ({CHROMIUM}) : installez-le (scripts/test.sh le fait avec apt).")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="fr-FR", timezone_id="Europe/Paris")
    p = context.new_page()
    yield p
    context.close()
