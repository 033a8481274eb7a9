"""Build a site for a test and serve it over HTTP (imported by name: `conftest` is ambiguous across folders)."""
import contextlib
import datetime as dt
import functools
import os
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run"]


def data_day(offers: Path) -> dt.date:
    """The latest verification date of the data: no date is in the future and the data stays fresh."""
    from generator.directory import load_directory

    directory, _ = load_directory(offers, today=dt.date(9999, 1, 1))
    dates = [dt.date.fromisoformat(x["date_maj"]) for x in (*directory.structures.values(), *directory.offres.values())]
    return max(dates)


@contextlib.contextmanager
def pinned_date(day: dt.date):
    old = os.environ.get("ANNUAIRE_DATE")
    os.environ["ANNUAIRE_DATE"] = day.isoformat()
    try:
        yield
    finally:
        if old is None:
            os.environ.pop("ANNUAIRE_DATE", None)
        else:
            os.environ["ANNUAIRE_DATE"] = old


def build(offers: Path, out: Path, day: dt.date) -> Path:
    from generator.site.build import build_site

    with pinned_date(day):
        build_site(offers, out, ROOT / "mkdocs.yml")
    return out


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@contextlib.contextmanager
def http_server(folder: Path):
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(folder)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def serious_violations(page) -> list:
    """axe-core findings of serious or critical impact on the page as it is now."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    return [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3]) for v in results.response["violations"]
            if v["impact"] in ("serious", "critical")]
