"""The /recherche/ URL vocabulary, stated once: parameter names and order, which ones hold
several values, and the allowed values of the closed ones.

The search index ships it (`index["url"]`) so the browser modules read it instead of restating
it, and the assistant's rules (`regles.yml`) are checked against it."""
from __future__ import annotations

# Day names as they appear in URLs (?jour=samedi); Monday is day 0 of the slot mask.
DAYS = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")
# Name, first and last minute of each moment of a day (?moment=soir).
MOMENTS = (("matin", 0, 12 * 60), ("apres-midi", 12 * 60, 18 * 60), ("soir", 18 * 60, 24 * 60))
# How far from the person: distance rings in km, then membership rings, nearest first.
RADII_KM = (5, 10, 20, 50)
RINGS = ("commune", "epci", "departement")
PROXIMITIES = (*(f"{r}km" for r in RADII_KM), *RINGS)
FLAGS = ("pmr", "ouvert", "seances", "distance")
# Referential-backed facets: URL parameter -> referential name.
FACETS = {"segment": "segments", "theme": "thematiques", "public": "publics", "frais": "frais", "langue": "langues",
          "adaptation": "prises-en-charge"}
# Order of the parameters in a URL: the same state always gives the same address.
ORDER = ("q", "commune", "proximite", "departement", "epci", "segment", "theme", "public", "frais", "inscription",
         "langue", "adaptation", "jour", "moment", "pmr", "ouvert", "seances", "distance", "carte")
MULTI = ("segment", "theme", "public", "frais", "langue", "adaptation", "departement", "epci")
CLOSED = {"proximite": PROXIMITIES, "jour": DAYS, "moment": tuple(m[0] for m in MOMENTS), "inscription": ("oui", "non"),
          **{flag: ("1",) for flag in FLAGS}, "carte": ("1",)}


def for_browser() -> dict:
    return {"ordre": list(ORDER), "multi": list(MULTI), "valeurs": {k: list(v) for k, v in CLOSED.items()},
            "rayons": list(RADII_KM), "anneaux": list(RINGS), "drapeaux": list(FLAGS)}


def check(name: str, value: str, codes_of) -> str | None:
    """French reason why `name=value` is not a parameter the page understands, or None.
    `codes_of(referential)` gives the codes of a referential."""
    if name in FACETS:
        return None if value in codes_of(FACETS[name]) else f"valeur inconnue {name}={value}"
    if name not in CLOSED:
        return f"paramètre de recherche inconnu « {name} »"
    return None if value in CLOSED[name] else f"valeur inconnue {name}={value}"
