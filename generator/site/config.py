"""Options of the `annuaire` plugin in mkdocs.yml."""
from __future__ import annotations

from mkdocs.config import base, config_options


class AnnuaireConfig(base.Config):
    enabled = config_options.Type(bool, default=True)
    # Relative to mkdocs.yml; a missing folder is reported by the validator, in French.
    offers = config_options.Dir(exists=False, default="offers")
    # Map tiles (search results, venue, structure and commune pages): OpenStreetMap unless configured.
    carte_tuiles = config_options.Type(str, default="https://tile.openstreetmap.org/{z}/{x}/{y}.png")
    carte_attribution = config_options.Type(str, default="© les contributeurs d'OpenStreetMap")
    carte_attribution_lien = config_options.Type(str, default="https://www.openstreetmap.org/copyright")
