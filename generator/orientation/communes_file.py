"""Every commune of France for the place field of the search, in one compact file loaded on
demand (`recherche/communes.json`): a person from a département without offers must be
placeable, and see the nearest offers with their distance.

One text line per commune, in INSEE code order: `code;nom;codes postaux;Δlat;Δlon;epci[;dép.]`.
Coordinates are integers of 1/10,000 degree, each the difference from the previous commune
that has a point (neighbouring codes are neighbouring places: small numbers compress well)."""
from __future__ import annotations

from .. import geography
from .search_index import COORD_SCALE


def departement_of(code: str) -> str:
    """The département a commune code usually belongs to; lines name it only when it differs."""
    return code[:3] if code[:2] in ("97", "98") else code[:2]


def communes_file() -> dict:
    communes = geography.all_communes()
    epcis = sorted({c.epci for c in communes if c.epci})
    epci_pos = {code: i for i, code in enumerate(epcis)}
    lines, last_lat, last_lon = [], 0, 0
    for c in communes:
        lat = lon = ""
        if c.latitude is not None and c.longitude is not None:
            la, lo = round(c.latitude * COORD_SCALE), round(c.longitude * COORD_SCALE)
            lat, lon, last_lat, last_lon = str(la - last_lat), str(lo - last_lon), la, lo
        fields = [c.code, c.nom, " ".join(c.codes_postaux), lat, lon, str(epci_pos[c.epci]) if c.epci else ""]
        if c.departement != departement_of(c.code):
            fields.append(c.departement)
        lines.append(";".join(fields))
    departements = sorted({c.departement for c in communes})
    return {
        "echelle": COORD_SCALE,
        "epci": [[code, geography.epci(code).nom] for code in epcis],
        "departements": [[code, geography.departement(code).nom] for code in departements if geography.departement(code)],
        "communes": "\n".join(lines),
        # Former names of merged, delegated and associated communes → today's commune (« Lamballe » → Lamballe-Armor).
        "anciens": sorted([list(x) for x in geography.former_names() if geography.commune(x[1])], key=lambda x: (x[0], x[1])),
    }
