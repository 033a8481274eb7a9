"""The printable orientation sheet of an offer (`offres/<structure>/<offre>/fiche/`), with a QR code
to the offer's page. Built by the offer kind, right after the offer's own page."""
from __future__ import annotations

from urllib.parse import quote

from ...model import Offre
from ...urls import absolute, offre_url
from ..qr import qr_image
from .spec import PageSpec


def fiche_url(uid: str) -> str:
    return f"offres/{uid}/fiche/"


def absolute_url(site_url: str | None, path: str) -> str:
    """Without a site_url the QR code can only carry the path: say so on the sheet."""
    return absolute(site_url, path) or "/" + path


def page(offre: Offre, offre_context: dict, site_url: str | None) -> PageSpec:
    online = absolute_url(site_url, offre_url(offre.uid))
    subject = quote(f"Offre conseillée : {offre['nom']}")
    body = quote(f"{offre['nom']} — {offre['resume']}\n\nToutes les informations (dates, adresse, contact) : {online}")
    ctx = {**offre_context, "offre_url": offre_url(offre.uid), "en_ligne": online,
           "absolu": bool(site_url), "partage": f"mailto:?subject={subject}&body={body}",
           "qr": dict(zip(("src", "taille"), qr_image(online)))}
    return PageSpec(f"{fiche_url(offre.uid)}index.md", "annuaire/fiche.html", f"Fiche d'orientation : {offre['nom']}", ctx,
                    f"Fiche à imprimer ou à envoyer : {offre['resume']}")
