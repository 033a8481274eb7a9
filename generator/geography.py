"""Official French administrative geography (communes, EPCI, départements).

Data comes from generator/data/geographie.json.gz, built by scripts/build_geography.py.
"""

from __future__ import annotations

import functools
import gzip
import json
import math
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Commune:
    code: str
    nom: str
    departement: str
    region: str
    epci: str | None
    codes_postaux: tuple[str, ...]
    population: int | None
    latitude: float | None
    longitude: float | None
    # INSEE code of the former commune whose point stands in for a commune created since 2024.
    centre_approche: str | None = None


@dataclass(frozen=True)
class Epci:
    code: str
    nom: str
    membres: tuple[str, ...]


@dataclass(frozen=True)
class Departement:
    code: str
    nom: str
    region: str


# The 18 regions (COG codes). The npm package's data file we ship has no region names, and they
# change once in a generation: written here rather than regenerating the geography file.
REGIONS = {
    "01": "Guadeloupe", "02": "Martinique", "03": "Guyane", "04": "La Réunion", "06": "Mayotte",
    "11": "Île-de-France", "24": "Centre-Val de Loire", "27": "Bourgogne-Franche-Comté", "28": "Normandie",
    "32": "Hauts-de-France", "44": "Grand Est", "52": "Pays de la Loire", "53": "Bretagne", "75": "Nouvelle-Aquitaine",
    "76": "Occitanie", "84": "Auvergne-Rhône-Alpes", "93": "Provence-Alpes-Côte d'Azur", "94": "Corse",
    # Overseas collectivities, coded like their "département" in the package's data.
    "975": "Saint-Pierre-et-Miquelon", "977": "Saint-Barthélemy", "978": "Saint-Martin",
    "984": "Terres australes et antarctiques françaises", "986": "Wallis-et-Futuna", "987": "Polynésie française",
    "988": "Nouvelle-Calédonie", "989": "Île de Clipperton",
}


# Shipped as package data next to this module.
_DATA_FILE = Path(__file__).resolve().parent / "data" / "geographie.json.gz"


@functools.cache
def _raw() -> dict:
    return json.loads(gzip.decompress(_DATA_FILE.read_bytes()))


def source() -> dict:
    """Name, version and integrity of the package the data was built from, and the centres' source."""
    return dict(_raw()["source"])


def former_names() -> tuple[tuple[str, str], ...]:
    """(former name, INSEE code of today's commune): delegated, associated and merged communes."""
    return tuple((nom, code) for nom, code in _raw()["anciens_noms"])


@functools.cache
def _communes() -> dict[str, Commune]:
    return {
        code: Commune(
            code=code,
            nom=c["nom"],
            departement=c["departement"],
            region=c["region"],
            epci=c.get("epci"),
            codes_postaux=tuple(c["codes_postaux"]),
            population=c.get("population"),
            latitude=c.get("latitude"),
            longitude=c.get("longitude"),
            centre_approche=c.get("centre_approche"),
        )
        for code, c in _raw()["communes"].items()
    }


@functools.cache
def _by_postcode() -> dict[str, tuple[Commune, ...]]:
    index: dict[str, list[Commune]] = {}
    for c in sorted(_communes().values(), key=lambda c: c.code):
        for cp in c.codes_postaux:
            index.setdefault(cp, []).append(c)
    return {cp: tuple(cs) for cp, cs in index.items()}


def all_communes() -> tuple[Commune, ...]:
    return tuple(sorted(_communes().values(), key=lambda c: c.code))


def commune(code: str) -> Commune | None:
    return _communes().get(code.strip())


def communes_by_postcode(cp: str) -> tuple[Commune, ...]:
    """Communes served by a postcode, sorted by INSEE code.

    For Paris, Lyon and Marseille both the city and the matching arrondissement are returned.
    """
    return _by_postcode().get(cp.strip(), ())


def epci(code: str) -> Epci | None:
    e = _raw()["epci"].get(code.strip())
    if e is None:
        return None
    return Epci(code=code.strip(), nom=e["nom"], membres=tuple(e["membres"]))


def departement(code: str) -> Departement | None:
    d = _raw()["departements"].get(code.strip())
    if d is None:
        return None
    return Departement(code=code.strip(), nom=d["nom"], region=d["region"])


_ABBREVIATIONS = {"st": "saint", "ste": "sainte"}


@functools.lru_cache(maxsize=4096)
def _name_key(name: str) -> str:
    decomposed = unicodedata.normalize("NFKD", name.casefold().replace("œ", "oe").replace("æ", "ae"))
    ascii_only = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    words = re.findall(r"[a-z0-9]+", ascii_only)
    # Separators are dropped entirely so that "Lamballe Armor", "Lamballe-Armor" and
    # "L'Haÿ" / "L Haÿ" compare equal.
    return "".join(_ABBREVIATIONS.get(w, w) for w in words)


def same_name(a: str, b: str) -> bool:
    """Whether two spellings designate the same commune name."""
    key = _name_key(a)
    return bool(key) and key == _name_key(b)


@functools.cache
def departement_box(code: str) -> tuple[float, float, float, float] | None:
    """(min_lat, min_lon, max_lat, max_lon) of the commune centres of a département.

    None when the data has no centres for it.
    """
    points = [
        (c.latitude, c.longitude)
        for c in _communes().values()
        if c.departement == code and c.latitude is not None and c.longitude is not None
    ]
    if not points:
        return None
    lats, lons = zip(*points)
    return (min(lats), min(lons), max(lats), max(lons))


_EARTH_RADIUS_KM = 6371.0088


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle (haversine) distance."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi = phi2 - phi1
    dlambda = math.radians(lon2 - lon1)
    h = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlambda / 2) ** 2
    return 2 * _EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


# Metropolitan France and overseas territories, generous boxes (lat_min, lon_min, lat_max, lon_max).
FRANCE_BOXES = [(41.2, -5.5, 51.2, 9.8), (15.8, -61.9, 16.6, -60.9), (14.3, -61.3, 14.95, -60.75), (2.0, -54.7, 5.9, -51.5),
                (-21.5, 55.1, -20.8, 55.9), (-13.1, 44.9, -12.5, 45.4), (46.7, -56.5, 47.2, -56.0), (17.8, -63.2, 18.2, -62.7),
                (-23.0, 163.5, -19.5, 168.2), (-28.0, -155.0, -7.0, -134.0), (-14.5, -178.5, -13.1, -176.0)]


def in_france(lat: float, lon: float) -> bool:
    return any(a <= lat <= c and b <= lon <= d for a, b, c, d in FRANCE_BOXES)
