"""Building and serving the site with mkdocs: for the command line, the tests and the benchmarks."""
from __future__ import annotations

import contextlib
import logging
import os
from pathlib import Path

from mkdocs.exceptions import Abort, PluginError


class DataError(PluginError):
    """The data is invalid: the message is the validator's text (the same as `annuaire validate`)."""


def load_config(path: str, **overrides):
    # mkdocs-material prints a large end-of-life banner on every build; the decision is recorded in docs/.
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    from mkdocs.config import load_config as mkdocs_load_config

    return mkdocs_load_config(path, **overrides)


class _Errors(logging.Handler):
    def __init__(self):
        super().__init__(logging.ERROR)
        self.messages: list[str] = []

    def emit(self, record):
        self.messages.append(record.getMessage())


@contextlib.contextmanager
def _quiet(quiet: bool):
    logger = logging.getLogger("mkdocs")
    level = logger.level
    if quiet:
        logger.setLevel(logging.WARNING)
    try:
        yield
    finally:
        logger.setLevel(level)


def build_with_config(cfg, quiet: bool = False) -> None:
    """mkdocs logs a plugin's error, then raises a bare Abort: raise DataError with the logged text instead."""
    from mkdocs.commands.build import build as mkdocs_build

    errors = _Errors()
    logger = logging.getLogger("mkdocs.commands.build")
    logger.addHandler(errors)
    try:
        with _quiet(quiet):
            mkdocs_build(cfg)
    except Abort:
        if errors.messages:
            raise DataError(errors.messages[-1]) from None
        raise
    finally:
        logger.removeHandler(errors)


def build_site(offers_dir, site_dir, config="mkdocs.yml", quiet=True, **overrides):
    """Build the site of another offers tree with the project's configuration (tests, benchmarks);
    `overrides` replace top-level settings of mkdocs.yml (repo_url, extra…).

    Raises DataError (a PluginError) with the validator's text when the data is invalid."""
    cfg = load_config(str(config), site_dir=str(Path(site_dir).resolve()),
                      plugins=[{"annuaire": {"offers": str(Path(offers_dir).resolve())}}], **overrides)
    build_with_config(cfg, quiet)
    return cfg
