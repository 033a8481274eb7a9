"""`annuaire serve`: the site served locally, rebuilt after each save — only what the edit changes.

The first build is an ordinary mkdocs build whose state (files, navigation, template environment)
the plugin keeps. After an edit of offers/, the changed structure folders are read again
(`loader`), the pages that can show the changed records are described again (`affected`), and only
those whose content differs are rendered with mkdocs' own page functions. The open data (exports)
follows in the background, a few seconds later. Any other change (docs/, theme, mkdocs.yml,
schemas) rebuilds everything, as `mkdocs serve` does."""
from __future__ import annotations

import logging
import os
import shutil
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit

from mkdocs.commands.build import _build_page, _populate_page
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.livereload import LiveReloadServer, _serve_url, _timestamp
from mkdocs.structure.files import File, InclusionLevel
from mkdocs.structure.pages import Page
from watchdog.observers import Observer

from ..diagnostics.reporters import render_text
from ..exports import write_all
from ..referentials import SCHEMA_DIR
from ..site.build import load_config
from ..site.context import Site
from ..site.pages import KINDS, donnees, generated_files, handwritten_contexts
from ..site.plugin import _front_matter
from ..urls import lieu_url, offre_url, structure_url
from .affected import PER_RECORD, affected, list_specs, record_specs, removed, specs_for
from .loader import IncrementalLoader

log = logging.getLogger("mkdocs.annuaire.apercu")


def _snapshot(paths) -> dict:
    out = {}
    for root in paths:
        root = Path(root)
        items = [root] if root.is_file() else (p for p in root.rglob("*") if p.is_file())
        for p in items:
            try:
                st = p.stat()
                out[str(p)] = (st.st_mtime_ns, st.st_size)
            except OSError:
                pass
    return out


class Preview:
    def __init__(self, config_file: str, address: str, structure: str | None = None, say=print):
        self.config_file = config_file
        self.address = address
        self.structure = structure
        self.say = say  # where the French messages of each update go
        self.site_dir = tempfile.mkdtemp(prefix="annuaire-apercu-")
        self.lock = threading.Lock()
        self.exports_lock = threading.Lock()
        self.config = None
        self._doc_files = None
        self.site = None
        self.generation = 0  # updates started: a background job of an older one gives up
        self.background = None
        self.server = None

    # --- full builds ---------------------------------------------------------------------------
    def full_build(self, progress=None) -> None:
        if self.config is not None:  # a rebuild after a change of configuration or theme
            self.plugin.keep_exports = False
            self.plugin._drop_exports()
        cfg = load_config(self.config_file, site_dir=self.site_dir, dev_addr=self.address)
        host, port = cfg.dev_addr
        self.serve_url = _serve_url(host, port, urlsplit(cfg.site_url or "/").path)
        cfg.site_url = self.serve_url
        plugin = cfg.plugins["annuaire"]
        offers = Path(plugin.config.offers)
        self.loader = IncrementalLoader(offers, only={self.structure} if self.structure else None)
        plugin.loader, plugin.keep_exports, plugin.progress = self.loader, True, progress
        mkdocs_build(cfg, serve_url=self.serve_url)
        plugin.progress = None
        self.config, self.plugin = cfg, plugin
        self.owner = dict(plugin.kinds)
        self.site = plugin.site
        self.others = [Path(cfg.docs_dir), Path(cfg.config_file_path), SCHEMA_DIR, *map(Path, cfg.theme.dirs[:1])]
        self.seen = _snapshot(self.others)

    def _site(self, directory) -> Site:
        return Site(directory, self.config.site_url, self.plugin.export_counts, config=self.config,
                    offers_dir=self.plugin.config.offers)

    # --- updates ---------------------------------------------------------------------------------
    def update(self) -> None:
        with self.lock:
            started = time.perf_counter()
            now = _snapshot(self.others)
            if now != self.seen:
                self.say("Configuration, pages rédigées ou thème modifiés : reconstruction complète…")
                self.full_build()
                self.say(f"Site reconstruit en {time.perf_counter() - started:.1f} s.")
                return
            plugin = self.plugin
            old = plugin.directory
            directory, report = self.loader.load()
            if report.errors:
                self.say(render_text([d for d in report.sorted() if d.severity == "error"]))
                self.say("Les pages n'ont pas été mises à jour : corrigez les erreurs ci-dessus.")
                return
            changed = self.loader.last.structures
            if not changed:
                return
            what = affected(old, directory, changed)
            site = self._site(directory)
            if not what.everything and self.site is not None:
                # What lists show of the records that did not change is still right: keep it.
                site._summaries.update({u: v for u, v in self.site._summaries.items() if u not in what.offres})
                site._places.update({u: v for u, v in self.site._places.items() if u not in what.lieux})
            self.site = site
            plugin.directory, plugin.today = directory, directory.today
            self.generation += 1
            if what.everything:
                pairs = specs_for(site, what)
                written = self._apply(pairs, set(plugin.specs) - {spec.src_uri for _, spec in pairs}) + self._handwritten(site)
            else:
                # The pages of the changed records first: the browser reloads as soon as they are written.
                urls = {"structure": structure_url, "lieu": lieu_url, "offre": offre_url}
                gone = {u for kind, uid in removed(old, directory, what) for u in plugin.specs if u.startswith(urls[kind](uid))}
                written = self._apply(record_specs(site, what), gone)
            self.say(f"{written} page(s) mise(s) à jour en {time.perf_counter() - started:.1f} s "
                     f"({', '.join(sorted(changed))}) ; les listes suivent.")
            self.background = threading.Thread(target=self._background, args=(site, what, self.generation), daemon=True)
            self.background.start()

    def _handwritten(self, site) -> int:
        """Hand-written pages that show data (« À propos » counts the offers), rendered again if it changed."""
        plugin, written = self.plugin, 0
        contexts = handwritten_contexts(site)
        for uri, ctx in contexts.items():
            f = plugin.files.get_file_from_path(uri)
            if plugin.handwritten.get(uri) != ctx and f is not None and f.page is not None:
                plugin.handwritten[uri] = ctx
                self._render(f)
                written += 1
        plugin.handwritten = contexts
        return written

    def wait(self) -> None:
        """Until the lists, search index and open data of the last update are written."""
        if self.background is not None:
            self.background.join()

    def _apply(self, pairs, gone) -> int:
        """Render the pages whose description changed, add new ones, remove the others."""
        plugin, cfg, files = self.plugin, self.config, self.plugin.files
        for uri in gone:
            f = files.get_file_from_path(uri)
            if f is not None:
                Path(f.abs_dest_path).unlink(missing_ok=True)
                files.remove(f)
            plugin.specs.pop(uri, None)
            self.owner.pop(uri, None)
        todo = [(kind, s) for kind, s in pairs if plugin.specs.get(s.src_uri) != s or plugin.specs[s.src_uri].context != s.context]
        doc_files = None
        for kind, spec in todo:
            plugin.specs[spec.src_uri] = spec
            self.owner[spec.src_uri] = kind
            f = files.get_file_from_path(spec.src_uri)
            if f is None:
                f = File.generated(cfg, spec.src_uri, content=_front_matter(spec), inclusion=InclusionLevel.NOT_IN_NAV)
                files.append(f)
                Page(None, f, cfg)
                doc_files = None  # the list of pages changed
            elif f.content_string != _front_matter(spec):
                f.content_string = _front_matter(spec)
            self._render(f, fresh=doc_files is None)
            doc_files = True
        return len(todo) + len(gone)

    def _render(self, f, fresh: bool = True) -> None:
        """One page through mkdocs' own steps (read, then render with the theme)."""
        if fresh or self._doc_files is None:
            self._doc_files = self.plugin.files.documentation_pages()
        _populate_page(f.page, self.config, self.plugin.files)
        _build_page(f.page, self.config, self._doc_files, self.plugin.nav, self.plugin.env)

    def _background(self, site, what, generation) -> None:
        """Lists, partner and territory pages, the search index and the open data: they follow a few
        seconds after the pages of the changed records. Given up if a newer update has started."""
        started = time.perf_counter()
        with self.exports_lock:
            plugin = self.plugin
            if not what.everything:
                pairs = list_specs(site)
                with self.lock:
                    if generation != self.generation:
                        return
                    made = {spec.src_uri for _, spec in pairs}
                    gone = {u for u, kind in self.owner.items() if kind not in PER_RECORD and u not in made}
                    self._apply(pairs, gone)
                    self._handwritten(site)
            files = generated_files(site)
            if generation != self.generation:
                return
            for rel, content in files.items():
                if plugin.extra_files.get(rel) != content:
                    target = Path(self.site_dir) / rel
                    target.parent.mkdir(parents=True, exist_ok=True)
                    target.write_bytes(content)
            plugin.extra_files = files
            counts = write_all(site.directory, plugin.exports_dir, self.serve_url)
            if generation != self.generation:
                return
            target = Path(self.site_dir) / "donnees"
            for rel in counts:
                data = (plugin.exports_dir / rel).read_bytes()
                dst = target / rel
                if not dst.is_file() or dst.read_bytes() != data:
                    dst.parent.mkdir(parents=True, exist_ok=True)
                    dst.write_bytes(data)
            for rel in set(plugin.export_counts) - set(counts):
                (target / rel).unlink(missing_ok=True)
            if counts != plugin.export_counts:
                with self.lock:  # the « Données ouvertes » page shows how many rows each file has
                    plugin.export_counts = counts
                    site = self._site(plugin.directory)
                    self._apply([(kind, s) for kind in KINDS if kind is donnees for s in kind.pages(site)], set())
            self.say(f"Listes, index de recherche et données ouvertes à jour ({time.perf_counter() - started:.1f} s de plus).")
            self._reload_browsers()

    def _reload_browsers(self) -> None:
        """Tell open pages to reload once more (mkdocs' live-reload server only does it after its builder)."""
        server = self.server
        if server is None:
            return
        with server._epoch_cond:
            server._wanted_epoch = server._visible_epoch = _timestamp()
            server._epoch_cond.notify_all()

    # --- serving ---------------------------------------------------------------------------------
    def serve(self) -> None:
        host, port = self.config.dev_addr
        server = LiveReloadServer(builder=self._safe_update, host=host, port=port, root=self.site_dir,
                                  mount_path=urlsplit(self.serve_url).path)
        # mkdocs polls every watched file twice a second: with thousands of offers that alone takes a
        # good share of the processor. The system's notifications (inotify…) cost nothing between edits.
        server.observer = Observer()
        self.server = server
        server.watch(self.plugin.config.offers)
        for path in self.others:
            server.watch(str(path))
        try:
            server.serve()
        except KeyboardInterrupt:
            pass
        finally:
            server.shutdown()
            self.close()

    def _safe_update(self) -> None:
        try:
            self.update()
        except Exception as exc:  # a bug of ours must not stop the server nor print a traceback
            if os.environ.get("ANNUAIRE_DEBUG"):
                raise
            self.say(f"erreur interne pendant la mise à jour ({type(exc).__name__} : {exc}) ; enregistrez à nouveau "
                     "ou relancez « annuaire serve ».")

    def close(self) -> None:
        if self.config is not None:
            self.plugin.keep_exports = False
            self.plugin._drop_exports()
        shutil.rmtree(self.site_dir, ignore_errors=True)
