"""What keeps the published site small and the build readable: compact HTML, QR codes inside the sheets
(and readable back), no site navigation beside each sheet, progress only when someone watches."""
import base64
import io
import json
import posixpath
import re
import shutil
import struct
import zlib

import zxingcpp

from generator.directory import load_directory
from generator.site.compact import compact_html
from generator.site.progress import Progress
from generator.site.qr import qr_image
from helpers import ROOT, cli


def test_compact_html_folds_spaces_but_keeps_what_spaces_mean():
    html = ("<div>\n    <p>Un  texte\n\t sur deux lignes</p>\n</div>\n<pre>  garde\n   ses espaces</pre>"
            "<textarea>\n a  b</textarea><script>// commentaire\nx()</script><style>a  { }</style><p>9\u00a0h\u202f30</p>")
    out = compact_html(html)
    assert out == ("<div> <p>Un texte sur deux lignes</p> </div> <pre>  garde\n   ses espaces</pre>"
                   "<textarea>\n a  b</textarea><script>// commentaire\nx()</script><style>a  { }</style><p>9\u00a0h\u202f30</p>\n")
    assert compact_html(out) == out


def _pixels(uri: str) -> tuple[bytes, int]:
    data = base64.b64decode(uri.removeprefix("data:image/png;base64,"))
    side = struct.unpack(">I", data[16:20])[0]
    pos, idat = 8, b""
    while pos < len(data):
        n = struct.unpack(">I", data[pos:pos + 4])[0]
        if data[pos + 4:pos + 8] == b"IDAT":
            idat += data[pos + 8:pos + 8 + n]
        pos += 12 + n
    raw, stride = zlib.decompress(idat), (side + 7) // 8
    out = bytearray()
    for y in range(side):
        row = raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)]
        out += bytes(255 if row[x // 8] >> (7 - x % 8) & 1 else 0 for x in range(side))
    return bytes(out), side


def test_qr_codes_read_back_as_the_offer_address():
    for url in ("https://annuaire-mediation.example.org/offres/defis/acces-libre/",
                "https://annuaire-mediation.example.org/offres/lamballe-terre-et-mer/ateliers-smartphones-tablettes-debutants/",
                "/offres/essai/acces-libre/"):
        uri, side = qr_image(url)
        assert len(uri) < 1200
        pixels, width = _pixels(uri)
        assert width == side
        [code] = zxingcpp.read_barcodes(memoryview(pixels).cast("B", (side, side)))
        assert code.text == url and code.format == zxingcpp.BarcodeFormat.QRCode


class Clock:
    def __init__(self):
        self.now = 0.0

    def __call__(self):
        return self.now


def test_progress_in_a_log_prints_a_line_per_tenth_with_time_left():
    out, clock = io.StringIO(), Clock()
    p = Progress(out, live=False, clock=clock)
    p.phase("Lecture et vérification des fichiers")
    p.phase("Écriture des pages", 200)
    for _ in range(200):
        clock.now += 0.5
        p.step()
    p.finish("Site construit : 3 structures")
    lines = out.getvalue().splitlines()
    assert lines[0] == "Lecture et vérification des fichiers"
    assert lines[2] == "Écriture des pages : 20 / 200 (10%), encore 1 min 30 s environ"
    assert lines[-2] == "Écriture des pages : 200 / 200 (100%)"
    assert lines[-1] == "Site construit : 3 structures en 1 min 40 s."
    assert len(lines) == 13  # phase, start of the pages, ten tenths, summary


def test_progress_on_a_terminal_rewrites_one_line():
    out, clock = io.StringIO(), Clock()
    p = Progress(out, live=True, clock=clock)
    p.phase("Écriture des pages", 10)
    for _ in range(10):
        clock.now += 1
        p.step()
    assert "\r\x1b[K" in out.getvalue() and out.getvalue().count("\n") == 0


def test_build_progress_is_quiet_in_ci_unless_asked(tmp_path, monkeypatch):
    """In a CI log, `annuaire build --progression oui` writes its phases and a line per tenth of the pages."""
    for name in ("offers", "docs", "site_overrides"):
        shutil.copytree(ROOT / name, tmp_path / name, ignore=shutil.ignore_patterns("captures"))
    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    monkeypatch.setenv("ANNUAIRE_DATE", "2026-11-30")
    monkeypatch.setenv("CI", "true")
    proc = cli("build", "--progression", "oui", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    lines = proc.stderr.splitlines()
    directory, _ = load_directory(tmp_path / "offers")
    counts = f"{len(directory.structures)} structures, {len(directory.lieux)} lieux, {len(directory.offres)} offres"
    assert lines[0] == "Lecture et vérification des fichiers"
    assert lines[1] == f"Données ouvertes ({counts})"
    writing = [line for line in lines if line.startswith("Écriture des pages : ")]
    total = len([p for p in (tmp_path / "site").rglob("*.html") if p.name != "404.html"])
    assert writing[0] == f"Écriture des pages : 0 / {total} (0%)" and writing[-1] == f"Écriture des pages : {total} / {total} (100%)"
    # A line per tenth; the time left appears once a second has passed (the fake clock above checks its text).
    assert len(writing) == 11
    assert all(re.fullmatch(rf"Écriture des pages : \d+ / {total} \(\d+%\)(, encore .+ environ)?", line) for line in writing)
    assert re.fullmatch(rf"Site construit : {counts} en \d+ s\.", lines[-2]), lines[-2]
    assert "\r" not in proc.stderr  # a log, not a terminal: whole lines
    # Without the option, a CI log gets no progress: see the build step of tests/test_workflows.py.


def _menu(html: str) -> str:
    return html.split('class="md-nav md-nav--primary"', 1)[1].split('class="md-content"', 1)[0]


def _outside_content(html: str) -> int:
    """Bytes of a page that are not its own content: head, header, menus, footer, scripts."""
    return len(html.encode()) - len(re.search(r"<article.*?</article>", html, re.S).group().encode())


def test_pages_outside_the_menu_carry_its_short_form(sample_site):
    """Offers, venues, communes, structures and territories (tens of thousands of pages at national scale)
    get the menu's top-level entries, each section opening on its first page; pages of the menu keep it whole."""
    from generator.site.build import load_config

    nav = load_config(str(ROOT / "mkdocs.yml"))["nav"]
    expected = []
    for entry in nav:
        (title, target), = entry.items()
        first = target if isinstance(target, str) else next(iter(target[0].values()))
        expected.append((title, posixpath.normpath(first.removesuffix("index.md").removesuffix(".md") or ".")))
    records = [next(sample_site.glob(pattern)) for pattern in
               ("offres/*/*/index.html", "lieux/*/*/index.html", "communes/*/index.html", "structures/*/index.html",
                "observatoire/epci/*/index.html")]
    for path in records:
        html = path.read_text()
        links = re.findall(r'<a href="([^"]*)" class="md-nav__link">([^<]*)</a>', _menu(html))
        here = path.parent.relative_to(sample_site).as_posix()
        found = [(title.replace("&#39;", "'"), posixpath.normpath(posixpath.join(here, href))) for href, title in links]
        assert found == expected, path
        assert "md-nav__toggle" not in html and "md-sidebar--secondary" not in html, path
        # Head, header, short menu and footer: under 7.5 KB (the whole menu alone weighed 7 KB).
        assert _outside_content(html) < 7500, (path, _outside_content(html))
    home = (sample_site / "index.html").read_text()
    assert "Par territoire" in _menu(home) and "md-nav__toggle" in home


def test_chart_cells_share_their_paint_and_stay_small():
    """A territory page draws thousands of cells: one path per shade, shared attributes on a group, and
    every value still drawn (the numbers are the table's)."""
    from generator.site import charts

    rows, columns = [f"Ligne {i}" for i in range(24)], ["lun.", "mar.", "mer.", "jeu.", "ven.", "sam.", "dim."]
    values = [[(i * 7 + j) % 5 for j in range(7)] for i in range(24)]
    svg = str(charts.heatmap("h", "Titre", "Description du graphique.", rows, columns, values, "heures"))
    assert "<rect" not in svg and svg.count("<path") == len({charts._shade(v, 4)[0] for row in values for v in row})
    assert len(re.findall(r"M[\d.]+ [\d.]+h[\d.]+v[\d.]+h-[\d.]+z", svg)) == 24 * 7  # a rectangle per cell in the paths
    assert svg.count('stroke="#bdbdbd"') == 1
    assert len([v for row in values for v in row if v]) == len(re.findall(r'<text x="[\d.]+" y="[\d.]+"(?: fill="#[0-9a-f]+")?>[1-4]</text>', svg))
    assert len(svg) < 75 * 24 * 7, len(svg)  # was 190 bytes a cell


def test_json_exports_are_not_indented(sample_site):
    for path in (sample_site / "donnees").rglob("*.json"):
        text = path.read_text()
        assert "\n " not in text and text.count("\n") == 1, path
        json.loads(text)


def test_no_script_for_content_tabs_the_site_does_not_have(sample_site):
    from generator.site.build import load_config

    extensions = load_config(str(ROOT / "mkdocs.yml"))["markdown_extensions"]
    assert not any("tabbed" in str(e) for e in extensions), "avec des onglets, rétablir le script du thème"
    assert not any("__tabbed_" in p.read_text() for p in sample_site.rglob("*.html"))
