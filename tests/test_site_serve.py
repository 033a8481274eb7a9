"""`annuaire serve` for real: the page changes after an offer file is edited, with no restart."""
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request

from helpers import ROOT


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as resp:
            return resp.read().decode("utf-8")
    except OSError:
        return None


def _wait_for(predicate, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.5)
    return False


def test_serve_rebuilds_when_an_offer_changes(tmp_path):
    for name in ("docs", "site_overrides", "offers"):
        shutil.copytree(ROOT / name, tmp_path / name)
    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    port = _free_port()
    env = {**os.environ, "PYTHONPATH": str(ROOT), "ANNUAIRE_DATE": "2026-11-30"}
    proc = subprocess.Popen([sys.executable, "-m", "generator.cli", "serve", "--adresse", f"127.0.0.1:{port}"],
                            cwd=tmp_path, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    url = f"http://127.0.0.1:{port}/offres/cyberbase-morlaix/atelier-impots-en-ligne/"
    try:
        assert _wait_for(lambda: (_get(url) or "").find("Impôts en ligne") >= 0, 120), "le site servi ne répond pas"
        offer = tmp_path / "offers/cyberbase-morlaix/offres/atelier-impots-en-ligne.yml"
        offer.write_text(offer.read_text(encoding="utf-8").replace("nom: Impôts en ligne", "nom: Impôts en ligne, nouvelle formule"),
                         encoding="utf-8")
        assert _wait_for(lambda: "nouvelle formule" in (_get(url) or ""), 120), "la page n'a pas été reconstruite"
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
