"""Copy the browser libraries (contribution form, search and maps) into site_overrides/assets/vendor/.

Usage: python scripts/vendor_browser_libs.py

The site loads nothing from another server: each library is fetched once from the npm registry
(`npm pack`, version and integrity pinned), and its browser build and licence are committed.
The `sourceMappingURL` comment is dropped (the maps are not shipped, browsers would ask for them).
"""
from __future__ import annotations

import base64
import hashlib
import re
import subprocess
import tarfile
import tempfile
from pathlib import Path

VENDOR = Path(__file__).resolve().parent.parent / "site_overrides" / "assets" / "vendor"
# (package, version, integrity, {file in package: name in vendor/<folder>/}, folder)
PACKAGES = [
    ("js-yaml", "5.5.0",
     "sha512-paNr4LFIFPjeeSmwNYdrb8FafLLG/Cr2Af3GjbsHJ5CxIjH4r0c2emlmRdAtpPAieP1gRVzk6buBbVP5gBMGAg==",
     {"dist/browser/js-yaml.umd.min.js": "js-yaml.min.js", "LICENSE": "LICENSE"}, "js-yaml"),
    # ajv-dist is the ajv team's browser bundle; it ships no licence file, ajv's own package does.
    ("ajv-dist", "8.17.1",
     "sha512-KzJwANMzTTR/RERGnkx+bHzmxIfMTPMMv7+cH1d6Lx9UQ7BZyhiieq4hnO5lRuBWOtYTUL8hyWs7RJYI/45Rtg==",
     {"dist/ajv2020.min.js": "ajv2020.min.js"}, "ajv"),
    ("ajv", "8.17.1",
     "sha512-B/gBuNg5SiMTrPkC+A2+cW0RszwxYmn6VYxB/inlBStS5nx6xHIt/ehKRhIMhqusl7a8LjQoZnjCs5vhwxOQ1g==",
     {"LICENSE": "LICENSE"}, "ajv"),
    # Maps of the search results and of venue, structure and commune pages.
    ("leaflet", "1.9.4",
     "sha512-nxS1ynzJOmOlHp+iL3FyWqK89GtNL8U8rvlMOsQdTTssxZwCXh8N2NB3GDQOL+YR3XnWyZAxwQixURb+FA74PA==",
     {"dist/leaflet.js": "leaflet.js", "dist/leaflet.css": "leaflet.css", "LICENSE": "LICENSE.txt",
      **{f"dist/images/{n}": f"images/{n}" for n in ("layers.png", "layers-2x.png", "marker-icon.png",
                                                     "marker-icon-2x.png", "marker-shadow.png")}}, "leaflet"),
    ("leaflet.markercluster", "1.5.3",
     "sha512-vPTw/Bndq7eQHjLBVlWpnGeLa3t+3zGiuM7fJwCkiMFq+nmRuG3RI3f7f4N4TDX7T4NpbAXpR2+NTRSEGfCSeA==",
     {"dist/leaflet.markercluster.js": "leaflet.markercluster.js", "dist/MarkerCluster.css": "MarkerCluster.css",
      "dist/MarkerCluster.Default.css": "MarkerCluster.Default.css", "MIT-LICENCE.txt": "LICENSE.txt"},
     "leaflet.markercluster"),
    # French Snowball stemmer of the word search (an ES module).
    ("@orama/stemmers", "3.1.18",
     "sha512-xXs5fpiUvBs4jJZtnayJmUSomdxxiwwwvTbAzPHSyI6geLM7bxXHgpVlYz4JeMBycHX8bHF7j9m7F35BxhuZ8g==",
     {"dist/fr.js": "fr.js", "LICENSE.md": "LICENSE.txt"}, "stemmer-fr"),
]


def fetch(name: str, version: str, integrity: str, workdir: Path) -> Path:
    out = subprocess.run(["npm", "pack", "--pack-destination", str(workdir), f"{name}@{version}"],
                         check=True, capture_output=True, text=True).stdout.strip().splitlines()[-1]
    tgz = workdir / out
    digest = "sha512-" + base64.b64encode(hashlib.sha512(tgz.read_bytes()).digest()).decode()
    if digest != integrity:
        raise SystemExit(f"empreinte inattendue pour {name}@{version} : {digest}")
    return tgz


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        for name, version, integrity, files, folder in PACKAGES:
            tgz = fetch(name, version, integrity, Path(tmp))
            with tarfile.open(tgz) as archive:
                for member, target in files.items():
                    data = archive.extractfile(f"package/{member}").read()
                    if target.endswith(".js"):
                        data = re.sub(rb"\n?//# sourceMappingURL=\S+\s*$", b"\n", data)
                    dest = VENDOR / folder / target
                    dest.parent.mkdir(parents=True, exist_ok=True)
                    dest.write_bytes(data)
                    print(f"{dest.relative_to(VENDOR.parent.parent.parent)} ← {name}@{version}/{member}")


if __name__ == "__main__":
    main()
