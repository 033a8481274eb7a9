"""Build generator/data/geographie.json.gz from the official French administrative geography.

Usage: python scripts/build_geography.py

Sources:
- the npm package @etalab/decoupage-administratif (INSEE COG, DGCL EPCI list, La Poste postcodes,
  INSEE legal populations, delegated and associated communes);
- scripts/sources/communes-centres-cog2024.csv: one point per commune of the COG 2024, compiled from
  INSEE's COG and La Poste's « base officielle des codes postaux » (provenance in
  scripts/sources/README-centres.md).

A commune created since 2024 has no row in the centres file: it takes the point of the city's
arrondissements (Paris, Lyon, Marseille: their mean) or of the first former commune it absorbed
that has one, and is marked `centre_approche` with the code the point comes from.
"""

from __future__ import annotations

import base64
import csv
import gzip
import hashlib
import io
import json
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

PACKAGE = "@etalab/decoupage-administratif"
VERSION = "6.0.0"  # millésime 2026 of the COG
# Pinned so that a rebuild can never silently pick up different data.
INTEGRITY = "sha512-XavYsFlbcM/prKr8hNHPKER94IHw/dsxNM4nxjWMYk6PLFACpEedvn/7wK8Baozm0dCYhWWcf+7bcWpA5pmCaQ=="

OUTPUT = Path(__file__).resolve().parent.parent / "generator" / "data" / "geographie.json.gz"
CENTRES = Path(__file__).resolve().parent / "sources" / "communes-centres-cog2024.csv"
CENTRES_SOURCE = ("COG 2024 (INSEE) et base officielle des codes postaux (La Poste), "
                  "compilés par rcarlier/datas.fun (commit b987408)")

# People write the codes of Paris, Lyon and Marseille arrondissements on their forms.
KEPT_TYPES = ("commune-actuelle", "arrondissement-municipal")


def fetch_package(workdir: Path) -> Path:
    """Download and unpack the pinned tarball; return the unpacked package directory."""
    out = subprocess.run(
        ["npm", "pack", "--json", "--pack-destination", str(workdir), f"{PACKAGE}@{VERSION}"],
        check=True,
        capture_output=True,
        text=True,
        cwd=workdir,
    ).stdout
    tarball = workdir / json.loads(out)[0]["filename"]
    digest = base64.b64encode(hashlib.sha512(tarball.read_bytes()).digest()).decode()
    if f"sha512-{digest}" != INTEGRITY:
        raise SystemExit(f"Empreinte inattendue pour {tarball.name} : sha512-{digest}")
    with tarfile.open(tarball) as tar:
        tar.extractall(workdir, filter="data")
    return workdir / "package"


def build(package_dir: Path) -> dict:
    data = package_dir / "data"

    def load(name: str) -> list[dict]:
        return json.loads((data / f"{name}.json").read_text(encoding="utf-8"))

    every_commune = load("communes")
    raw_communes = [c for c in every_commune if c["type"] in KEPT_TYPES]
    raw_epcis = load("epci")

    epci_of = {m["code"]: e["code"] for e in raw_epcis for m in e["membres"]}
    # Arrondissements are not EPCI members themselves; they belong to their city's EPCI.
    for c in raw_communes:
        if c["type"] == "arrondissement-municipal" and c["commune"] in epci_of:
            epci_of[c["code"]] = epci_of[c["commune"]]

    communes = {}
    for c in raw_communes:
        entry = {
            "nom": c["nom"],
            "departement": c["departement"],
            "region": c["region"],
            "codes_postaux": sorted(set(c.get("codesPostaux", []))),
        }
        if c["code"] in epci_of:
            entry["epci"] = epci_of[c["code"]]
        if "population" in c:
            entry["population"] = c["population"]
        communes[c["code"]] = entry

    centres = read_centres()
    for code, entry in communes.items():
        point, origin = centre_of(code, communes, every_commune, centres)
        if point:
            entry["latitude"], entry["longitude"] = point
            if origin != code:
                entry["centre_approche"] = origin
    # Former names (delegated and associated communes, communes merged since 2024) lead to
    # today's commune: people still write « Lamballe » for Lamballe-Armor.
    former: dict[str, set] = {}
    for c in every_commune:
        if c["type"] in ("commune-deleguee", "commune-associee") and c.get("chefLieu") in communes:
            former.setdefault(c["nom"], set()).add(c["chefLieu"])
    absorbed = {old: c["code"] for c in raw_communes for old in c.get("anciensCodes", ())}
    for code, rows in centres.items():
        for row in rows:
            if row["type"] == "COM" and code not in communes and code in absorbed:
                former.setdefault(row["nom"], set()).add(absorbed[code])
    anciens = sorted([nom, code] for nom, codes in former.items() for code in codes if communes[code]["nom"] != nom)

    epcis = {
        e["code"]: {
            "nom": e["nom"],
            "nature": e["type"],
            "membres": sorted(m["code"] for m in e["membres"]),
        }
        for e in raw_epcis
    }
    departements = {d["code"]: {"nom": d["nom"], "region": d["region"]} for d in load("departements")}

    return {
        "source": {"package": PACKAGE, "version": VERSION, "integrity": INTEGRITY, "centres": CENTRES_SOURCE},
        "communes": communes,
        "anciens_noms": anciens,
        "epci": epcis,
        "departements": departements,
    }


def read_centres() -> dict[str, list[dict]]:
    rows: dict[str, list[dict]] = {}
    with CENTRES.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            rows.setdefault(row["code_insee"], []).append(row)
    return rows


def _point(rows) -> tuple[float, float] | None:
    for row in rows or ():
        if row["type"] in ("COM", "ARM"):
            return round(float(row["latitude"]), 5), round(float(row["longitude"]), 5)
    return None


def centre_of(code: str, communes: dict, every_commune: list, centres: dict):
    """(point, code the point comes from), or (None, None)."""
    own = _point(centres.get(code))
    if own:
        return own, code
    arrondissements = [_point(centres.get(c["code"])) for c in every_commune
                       if c["type"] == "arrondissement-municipal" and c.get("commune") == code]
    arrondissements = [p for p in arrondissements if p]
    if arrondissements:
        return (round(sum(p[0] for p in arrondissements) / len(arrondissements), 5),
                round(sum(p[1] for p in arrondissements) / len(arrondissements), 5)), code
    current = next((c for c in every_commune if c["code"] == code and c["type"] == "commune-actuelle"), {})
    for old in current.get("anciensCodes", ()):
        for row in centres.get(old, ()):
            if row["type"] in ("COM", "COMD"):
                return (round(float(row["latitude"]), 5), round(float(row["longitude"]), 5)), old
    return None, None


def serialize(geography: dict) -> bytes:
    text = json.dumps(geography, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    buffer = io.BytesIO()
    # mtime=0 and no file name in the header keep the archive byte-reproducible.
    with gzip.GzipFile(filename="", mode="wb", fileobj=buffer, compresslevel=9, mtime=0) as gz:
        gz.write(text.encode("utf-8"))
    return buffer.getvalue()


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        geography = build(fetch_package(Path(tmp)))
    payload = serialize(geography)
    OUTPUT.parent.mkdir(parents=True, exist_ok=True)
    OUTPUT.write_bytes(payload)
    print(
        f"{OUTPUT} : {len(geography['communes'])} communes, {len(geography['epci'])} EPCI, "
        f"{len(geography['departements'])} départements, "
        f"{sum('latitude' in c for c in geography['communes'].values())} centres "
        f"({sum('centre_approche' in c for c in geography['communes'].values())} approchés), "
        f"{len(geography['anciens_noms'])} anciens noms, {len(payload)} octets"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
