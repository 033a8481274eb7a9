"""Annuaire de l'offre de médiation numérique : chargement, validation, site et exports."""
