"""National values → our codes, by reading the referentials' `x-…` keys backwards (so import and
export stay inverse of each other), and the small value checks both importers share."""
from __future__ import annotations

import datetime as dt
import json
import re

from .. import geography, referentials
from ..geography import in_france
from ..referentials import SCHEMA_DIR
from ..validation.structure import siret_ok


def _schema_pattern(name: str) -> re.Pattern:
    """The pattern the schema holds a value to, so that nothing imported fails validation for it."""
    return re.compile(json.loads((SCHEMA_DIR / "communs.json").read_text(encoding="utf-8"))["$defs"][name]["pattern"])


EMAIL = _schema_pattern("courriel")
URL = _schema_pattern("url")
RNA = re.compile(r"^W[0-9A-Z]{9}$")
UNKNOWN_PIVOT = "00000000000000"
# Farther than FAR_KM from the commune's centre, coordinates are taken as wrong and replaced by the
# centre (marked approximate); beyond NEAR_KM they are kept and reported (the validator's thresholds).
FAR_KM, NEAR_KM = 50, 20


def reverse(name: str, key: str, values, every: bool = False) -> tuple[list[str], list[str]]:
    """Our codes for national `values` and the values we cannot map. The first code of the
    referential carrying the value is taken, or all of them with `every` (« Familles et/ou
    enfants » is both enfants and familles)."""
    ref = referentials.get(name)
    codes, unknown = [], []
    for value in values:
        hits = [i.code for i in ref.items if value in _as_list(i.get(key))]
        if not hits:
            unknown.append(value)
        for code in hits if every else hits[:1]:
            if code not in codes:
                codes.append(code)
    return codes, unknown


def _as_list(value) -> list:
    return value if isinstance(value, list) else ([] if value is None else [value])


def pivot(value: str) -> tuple[str | None, str | None, str | None]:
    """(siret, rna, problem) of a MedNum `pivot`."""
    value = value.strip().replace(" ", "")
    if not value or value == UNKNOWN_PIVOT:
        return None, None, None
    if re.fullmatch(r"[0-9]{14}", value):
        return (value, None, None) if siret_ok(value) else (None, None, f"SIRET « {value} » invalide (clé de contrôle)")
    if RNA.fullmatch(value.upper()):
        return None, value.upper(), None
    return None, None, f"identifiant « {value} » ni SIRET ni RNA"


def number(text: str) -> float | None:
    try:
        value = float(text.strip().replace(",", "."))
    except ValueError:
        return None
    return value if value == value and abs(value) != float("inf") else None


def coordinates(lat_text: str, lon_text: str, commune) -> tuple[dict | None, str | None, str | None]:
    """(coordonnees, note kind, detail) from the source's columns, else the commune's centre
    marked approximate; None when neither is known."""
    lat, lon = number(lat_text), number(lon_text)
    centre = {"latitude": commune.latitude, "longitude": commune.longitude, "approchees": True} \
        if commune.latitude is not None and commune.longitude is not None else None
    if lat is None or lon is None:
        given = lat_text.strip() or lon_text.strip()
        return centre, ("coordonnées illisibles : centre de la commune retenu" if given else None), \
            (f"{lat_text} / {lon_text}" if given else None)
    note = None
    if not in_france(lat, lon) and in_france(lon, lat):
        lat, lon = lon, lat
        note = "latitude et longitude inversées : remises dans l'ordre"
    if not in_france(lat, lon):
        return centre, "coordonnées hors de France : centre de la commune retenu", f"{lat_text}, {lon_text}"
    if centre:
        km = geography.distance_km(lat, lon, centre["latitude"], centre["longitude"])
        if km > FAR_KM:
            return centre, f"coordonnées à plus de {FAR_KM} km de la commune : centre de la commune retenu", \
                f"{lat_text}, {lon_text} à {km:.0f} km de {commune.nom}"
        if km > NEAR_KM:
            return {"latitude": lat, "longitude": lon}, f"coordonnées à plus de {NEAR_KM} km du centre de la commune : gardées, à vérifier", \
                f"{lat_text}, {lon_text} à {km:.0f} km de {commune.nom}"
    return {"latitude": lat, "longitude": lon}, note, None


def date(text: str, today: dt.date) -> tuple[str | None, str | None]:
    """(ISO date, problem)."""
    text = text.strip()
    for fmt in ("%Y-%m-%d", "%d/%m/%Y", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M:%S"):
        try:
            day = dt.datetime.strptime(text[:19] if "T" in fmt or " %H" in fmt else text, fmt).date()
            break
        except ValueError:
            continue
    else:
        return None, "date de mise à jour absente ou illisible (obligatoire dans le standard)"
    if day > today + dt.timedelta(days=1):
        return None, "date de mise à jour dans le futur"
    return day.isoformat(), None


def split(value: str, separators: str = "|") -> list[str]:
    parts = [value]
    for sep in separators:
        parts = [p for part in parts for p in part.split(sep)]
    return list(dict.fromkeys(p.strip() for p in parts if p.strip()))
