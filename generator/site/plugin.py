"""The mkdocs plugin: it only wires build events. Loading and validating the directory, the pages
(`pages/`), the exports and the files for the browser are built elsewhere; generated pages stay
out of the navigation so build time stays linear."""
from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from markupsafe import Markup, escape
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel

from ..diagnostics.reporters import render_text
from ..directory import load_directory
from ..exports import write_all
from ..orientation.assistant import RulesError
from ..orientation.vocabulary import VocabularyError
from ..referentials import SCHEMA_DIR
from .compact import compact_html
from .config import AnnuaireConfig
from .context import Site
from .pages import PageSpec, generated_files, handwritten_contexts, page_kinds
from .progress import counts_text

log = get_plugin_logger("annuaire")


def _front_matter(spec: PageSpec) -> str:
    # Only fixed ASCII reaches the Markdown source: titles and data travel through page context.
    return f"---\ntemplate: {spec.template}\nhide:\n  - toc\n---\n"


def _nav_uris(nav) -> list[str]:
    found = []
    for item in nav or ():
        value = next(iter(item.values())) if isinstance(item, dict) else item
        if isinstance(value, list):
            found += _nav_uris(value)
        elif isinstance(value, str):
            found.append(value)
    return found


class AnnuairePlugin(BasePlugin[AnnuaireConfig]):
    exports_dir: Path | None = None
    progress = None  # a `progress.Progress` when someone watches the build (set by the command line)
    loader = None  # () -> (Directory, Report); the preview's keeps unchanged files parsed between updates
    keep_exports = False  # the preview rewrites the same export folder at each update

    def on_config(self, config):
        if not self.config.enabled:
            return config
        self.prepare(config)
        self.nav_uris = set(_nav_uris(config.nav))
        return config

    def prepare(self, config) -> None:
        """Load, check and describe the whole site (pages, files, exports) from the data."""
        if self.progress:
            self.progress.phase("Lecture et vérification des fichiers")
        directory, report = self.loader() if self.loader else load_directory(self.config.offers)
        if report.errors:
            raise PluginError(render_text(report.sorted()))
        if report.warnings:
            log.info("Avertissements sur les données :\n%s", render_text(report.sorted()))
        self.directory = directory
        self.today = directory.today
        # The open-data files are written once per build into a scratch folder, then handed to
        # mkdocs as ordinary files under donnees/, next to the page that describes them.
        if self.progress:
            self.progress.phase(f"Données ouvertes ({counts_text(directory.summary)})")
        if not (self.keep_exports and self.exports_dir):
            self._drop_exports()
            self.exports_dir = Path(tempfile.mkdtemp(prefix="annuaire-donnees-"))
        site = Site(directory, config.site_url or None, write_all(directory, self.exports_dir, config.site_url or None),
                    config=config, offers_dir=self.config.offers)
        if self.progress:
            self.progress.phase("Préparation des pages")
        self.specs, self.kinds = {}, {}
        try:
            for kind, spec in page_kinds(site):
                self.specs[spec.src_uri] = spec
                self.kinds[spec.src_uri] = kind  # which kind made it: the preview recomputes kinds, not pages
            self.extra_files = generated_files(site)
        except VocabularyError as exc:
            raise PluginError(f"Vocabulaire de la recherche (schema/vocabulaire/) :\n{exc}") from None
        except RulesError as exc:
            raise PluginError(f"Règles de l'assistant (generator/orientation/regles.yml) :\n{exc}") from None
        self.site = site  # the preview starts its updates from its summaries
        self.handwritten = handwritten_contexts(site)
        self.export_counts = site.export_counts

    def on_files(self, files: Files, config) -> Files:
        if not self.config.enabled:
            return files
        for uri, spec in self.specs.items():
            if files.get_file_from_path(uri) is not None:
                raise PluginError(f"la page « {uri} » existe à la fois dans docs/ et parmi les pages générées")
            inclusion = InclusionLevel.INCLUDED if uri in self.nav_uris else InclusionLevel.NOT_IN_NAV
            files.append(File.generated(config, uri, content=_front_matter(spec), inclusion=inclusion))
        for rel in self.export_counts:
            files.append(File.generated(config, f"donnees/{rel}", abs_src_path=str(self.exports_dir / rel)))
        for rel, content in self.extra_files.items():
            files.append(File.generated(config, rel, content=content))
        if self.progress:
            self.progress.phase("Lecture des pages", sum(1 for f in files if f.is_documentation_page()))
        return files

    def on_nav(self, nav, config, files):
        self.nav = nav  # kept for the preview, which renders single pages again
        return nav

    def on_env(self, env, config, files):
        self.env, self.files = env, files
        if self.progress:
            self.progress.phase("Écriture des pages", len(files.documentation_pages()))
        return env

    def on_page_markdown(self, markdown, page, config, files):
        if not self.config.enabled:
            return markdown
        if self.progress:
            self.progress.step()
        # Pages are dated by the data's reference day, not the clock: the sitemap and its gzip
        # header then stay the same for the same data.
        page.update_date = self.today.isoformat()
        spec = self.specs.get(page.file.src_uri)
        if spec is not None and page.file.src_uri not in self.nav_uris:
            # Escaped once here; the theme prints page.title without escaping it.
            page.title = Markup(escape(spec.title))
        if spec is not None and spec.description:
            page.meta["description"] = Markup(escape(spec.description))
        return markdown

    def on_page_context(self, context, page, config, nav):
        if not self.config.enabled:
            return context
        context["annuaire_carte"] = {"tuiles": self.config.carte_tuiles, "attribution": self.config.carte_attribution,
                                     "attribution_lien": self.config.carte_attribution_lien}
        context["annuaire_nav_courte"] = page.file.src_uri not in self.nav_uris
        spec = self.specs.get(page.file.src_uri)
        if spec is not None:
            context["annuaire"] = spec.context
            # The theme's edit button opens the fiche's own YAML file (mkdocs sets none for generated pages).
            page.edit_url = (spec.context.get("contribuer") or {}).get("modifier")
        elif page.file.src_uri in self.handwritten:
            context["annuaire"] = self.handwritten[page.file.src_uri]
        return context

    def on_post_page(self, output, page, config):
        if not self.config.enabled:
            return output
        if self.progress:
            self.progress.step()
        return compact_html(output)

    def on_post_build(self, config):
        if self.progress:
            self.progress.finish(f"Site construit : {counts_text(self.directory.summary)}")
        if not self.keep_exports:
            self._drop_exports()

    def on_build_error(self, error):
        if not self.keep_exports:
            self._drop_exports()

    def _drop_exports(self):
        if self.exports_dir:
            shutil.rmtree(self.exports_dir, ignore_errors=True)
            self.exports_dir = None

    def on_serve(self, server, config, builder):
        if self.config.enabled:
            server.watch(self.config.offers)
            server.watch(str(SCHEMA_DIR))
        return server
