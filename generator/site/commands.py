"""`annuaire build` and `annuaire serve`: mkdocs with our configuration, French messages on failure."""
from __future__ import annotations

import os
import sys
from pathlib import Path


def _config(path: str, **overrides):
    # mkdocs-material prints a large end-of-life banner on every build; the decision is recorded in docs/.
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    from mkdocs.config import load_config

    return load_config(path, **overrides)


def build_site(offers_dir, site_dir, config="mkdocs.yml", quiet=True):
    """Build the site of another offers tree with the project's configuration (tests, benchmarks).

    Raises mkdocs.exceptions.PluginError with the validator's text when the data is invalid."""
    import logging

    cfg = _config(str(config), site_dir=str(Path(site_dir).resolve()),
                  plugins=[{"annuaire": {"offers": str(Path(offers_dir).resolve())}}])
    logger = logging.getLogger("mkdocs")
    level = logger.level
    if quiet:
        logger.setLevel(logging.WARNING)
    try:
        _run(cfg)
    finally:
        logger.setLevel(level)
    return cfg


def _run(cfg) -> None:
    """mkdocs turns a plugin error into a bare Abort after logging it: give the caller the real error back."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.exceptions import Abort

    try:
        mkdocs_build(cfg)
    except Abort:
        plugin = cfg.plugins.get("annuaire")
        if plugin is not None and getattr(plugin, "error", None) is not None:
            raise plugin.error from None
        raise


def _fail(message: str) -> int:
    print(f"erreur : {message}", file=sys.stderr)
    return 1


def build(args) -> int:
    from mkdocs.exceptions import Abort, ConfigurationError, PluginError

    if not Path(args.config).is_file():
        return _fail(f"fichier de configuration introuvable : {args.config}")
    try:
        config = _config(args.config)
        _run(config)
    except PluginError:
        # mkdocs has already logged the diagnostics (the same text as `annuaire validate`).
        print("Le site n'a pas été construit : corrigez les erreurs ci-dessus (annuaire validate).", file=sys.stderr)
        return 1
    except (ConfigurationError, Abort) as exc:
        return _fail(f"construction impossible : {exc}")
    print(f"Site construit dans {config.site_dir}", file=sys.stderr)
    return 0


def serve(args) -> int:
    from mkdocs.commands.serve import serve as mkdocs_serve
    from mkdocs.exceptions import Abort, ConfigurationError, PluginError

    if not Path(args.config).is_file():
        return _fail(f"fichier de configuration introuvable : {args.config}")
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    try:
        mkdocs_serve(config_file=args.config, dev_addr=args.adresse)
    except (PluginError, Abort):
        # The first build failed; mkdocs has logged why (for invalid data: the validator's diagnostics).
        print("Le site n'a pas été servi : corrigez les erreurs ci-dessus (annuaire validate).", file=sys.stderr)
        return 1
    except ConfigurationError as exc:
        return _fail(f"service impossible : {exc}")
    return 0
