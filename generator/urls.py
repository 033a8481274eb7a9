"""The site's stable addresses, shared by the pages and the exports that point back to them."""
from __future__ import annotations


def offre_url(uid: str) -> str:
    return f"offres/{uid}/"


def lieu_url(uid: str) -> str:
    return f"lieux/{uid}/"


def structure_url(sid: str) -> str:
    return f"structures/{sid}/"


def absolute(site_url: str | None, path: str) -> str | None:
    """`path` on the published site, or None while the site has no public address."""
    return site_url.rstrip("/") + "/" + path if site_url else None
