"""The mkdocs plugin: load and validate the directory once, add one page per item, hand each
page its context. Generated pages stay out of the navigation so build time stays linear."""
from __future__ import annotations

import datetime as dt
import logging
import os
import shutil
import tempfile
from pathlib import Path

from markupsafe import Markup, escape
from mkdocs.config import config_options
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files, InclusionLevel

from ..diagnostics import render_text
from ..directory import load_directory
from ..referentials import SCHEMA_DIR
from ..exports import write_all
from . import orientation
from .pages import PageSpec, build_pages, handwritten_contexts, open_data_page

log = logging.getLogger("mkdocs.plugins.annuaire")


class AnnuaireConfig(Config):
    offers = config_options.Type(str, default="offers")


def _front_matter(spec: PageSpec) -> str:
    # Only fixed ASCII reaches the Markdown source: titles and data travel through page context.
    return f"---\ntemplate: {spec.template}\nhide:\n  - toc\n---\n"


class AnnuairePlugin(BasePlugin[AnnuaireConfig]):
    def on_config(self, config):
        base = Path(config.config_file_path or ".").resolve().parent
        self.offers_dir = (base / self.config.offers).resolve()
        self.error = None
        directory, report = load_directory(self.offers_dir)
        if report.errors:
            self.error = PluginError(render_text(report.sorted()))
            raise self.error
        if report.warnings:
            log.info("Avertissements sur les données :\n%s", render_text(report.sorted()))
        # mkdocs dates the sitemap (and its gzip header) with SOURCE_DATE_EPOCH: pin it to the
        # reference date so that the same data always gives the same bytes.
        self.pinned_epoch = "SOURCE_DATE_EPOCH" not in os.environ
        if self.pinned_epoch:
            midnight = dt.datetime.combine(directory.today, dt.time(), dt.timezone.utc)
            os.environ["SOURCE_DATE_EPOCH"] = str(int(midnight.timestamp()))
        self.directory = directory
        # The open-data files are written once per build into a scratch folder, then handed to
        # mkdocs as ordinary files under donnees/, next to the page that describes them.
        self._drop_exports()
        self.exports_dir = Path(tempfile.mkdtemp(prefix="annuaire-donnees-"))
        self.export_counts = write_all(directory, self.exports_dir, config.site_url or None)
        self.specs = {spec.src_uri: spec for spec in [*build_pages(directory, config.site_url),
                                                      open_data_page(directory, self.export_counts)]}
        self.orientation_files = orientation.generated_files(directory, config.site_url)
        self.handwritten = handwritten_contexts(directory)
        self.nav_uris = set(_nav_uris(config.nav))
        return config

    def on_files(self, files: Files, config) -> Files:
        for uri, spec in self.specs.items():
            if files.get_file_from_path(uri) is not None:
                raise PluginError(f"la page « {uri} » existe à la fois dans docs/ et parmi les pages générées")
            inclusion = InclusionLevel.INCLUDED if uri in self.nav_uris else InclusionLevel.NOT_IN_NAV
            files.append(File.generated(config, uri, content=_front_matter(spec), inclusion=inclusion))
        for rel in self.export_counts:
            files.append(File.generated(config, f"donnees/{rel}", abs_src_path=str(self.exports_dir / rel)))
        for rel, content in self.orientation_files.items():
            files.append(File.generated(config, rel, content=content))
        return files

    def on_page_markdown(self, markdown, page, config, files):
        spec = self.specs.get(page.file.src_uri)
        if spec is not None and page.file.src_uri not in self.nav_uris:
            # Escaped once here; the theme prints page.title without escaping it.
            page.title = Markup(escape(spec.title))
        if spec is not None and spec.description:
            page.meta["description"] = Markup(escape(spec.description))
        return markdown

    def on_page_context(self, context, page, config, nav):
        spec = self.specs.get(page.file.src_uri)
        if spec is not None:
            context["annuaire"] = spec.context
        elif page.file.src_uri in self.handwritten:
            context["annuaire"] = self.handwritten[page.file.src_uri]
        return context

    def on_post_build(self, config):
        self._unpin()
        self._drop_exports()

    def on_build_error(self, error):
        self._unpin()
        self._drop_exports()

    def _drop_exports(self):
        if getattr(self, "exports_dir", None):
            shutil.rmtree(self.exports_dir, ignore_errors=True)
            self.exports_dir = None

    def _unpin(self):
        # Leave the environment as found: tests and `serve` build several times in one process.
        if getattr(self, "pinned_epoch", False):
            os.environ.pop("SOURCE_DATE_EPOCH", None)
            self.pinned_epoch = False

    def on_serve(self, server, config, builder):
        server.watch(str(self.offers_dir))
        server.watch(str(SCHEMA_DIR))
        return server


def _nav_uris(nav) -> list[str]:
    found = []
    for item in nav or ():
        value = next(iter(item.values())) if isinstance(item, dict) else item
        if isinstance(value, list):
            found += _nav_uris(value)
        elif isinstance(value, str):
            found.append(value)
    return found
