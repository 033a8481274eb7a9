"""Options of the `annuaire` plugin in mkdocs.yml."""
from __future__ import annotations

from mkdocs.config import base, config_options


class AnnuaireConfig(base.Config):
    enabled = config_options.Type(bool, default=True)
    # Relative to mkdocs.yml; a missing folder is reported by the validator, in French.
    offers = config_options.Dir(exists=False, default="offers")
