"""Build generator/data/geographie.json.gz from the official French administrative geography.

Usage: python scripts/build_geography.py

The source is the npm package @etalab/decoupage-administratif (INSEE COG, DGCL EPCI
list, La Poste postcodes, INSEE legal populations). It carries no commune centres and
no package on npm or PyPI ships them, so communes have no coordinates for now.
"""

from __future__ import annotations

import base64
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

    raw_communes = [c for c in load("communes") if c["type"] in KEPT_TYPES]
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
        "source": {"package": PACKAGE, "version": VERSION, "integrity": INTEGRITY},
        "communes": communes,
        "epci": epcis,
        "departements": departements,
    }


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
        f"{len(geography['departements'])} départements, {len(payload)} octets"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
