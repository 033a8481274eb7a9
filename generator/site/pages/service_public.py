"""The pages a French public service owes: mentions légales, déclaration d'accessibilité,
données personnelles, contact and plan du site, linked from every page's footer.

Their editable parts (publisher, host, contact, accessibility status) come from mkdocs.yml,
`extra: service_public:`, so that whoever publishes the directory fills them without touching
a template; what is not set keeps a visible « à compléter » default.
"""
from __future__ import annotations

from mkdocs.exceptions import PluginError

from ...markdown import safe_url
from ...urls import structure_url
from .. import forge as forge_links
from ..context import Site, by_name
from ..french import date_short
from .spec import PageSpec

# Every setting, with the default shown until the publisher fills it in.
TO_FILL = "à compléter dans mkdocs.yml (extra: service_public)"
DEFAULTS: dict[str, dict[str, str | None]] = {
    "editeur": {"nom": f"Éditeur du site ({TO_FILL})", "adresse": None, "telephone": None, "courriel": None,
                "directeur_publication": None, "siret": None},
    "hebergeur": {"nom": f"Hébergeur du site ({TO_FILL})", "adresse": None, "telephone": None, "site_web": None,
                  "journaux": None},
    "contact": {"courriel": None, "telephone": None, "adresse": None, "delai": None},
    "accessibilite": {"etat": "non-conforme", "date": None, "audit": None, "courriel": None, "schema_pluriannuel": None},
}
# RGAA: without an audit, a site must declare itself « non conforme ».
STATES = {"totalement-conforme": "totalement conforme", "partiellement-conforme": "partiellement conforme",
          "non-conforme": "non conforme"}

PAGES = (  # (path, template, title, description)
    ("mentions-legales/", "annuaire/mentions-legales.html", "Mentions légales",
     "Qui publie l'annuaire, qui l'héberge, sous quelle licence sont les données."),
    ("accessibilite/", "annuaire/accessibilite.html", "Déclaration d'accessibilité",
     "État de conformité de l'annuaire au RGAA, ce qui est vérifié et comment signaler un problème."),
    ("donnees-personnelles/", "annuaire/donnees-personnelles.html", "Données personnelles",
     "Aucun cookie, aucune mesure d'audience ; votre position reste dans votre navigateur."),
    ("contact/", "annuaire/contact.html", "Contact", "Écrire à l'équipe de l'annuaire."),
    ("plan-du-site/", "annuaire/plan-du-site.html", "Plan du site", "Toutes les rubriques de l'annuaire."),
)
FOOTER = [{"nom": title, "url": path} for path, _, title, _ in PAGES]


def settings(extra: dict | None) -> dict:
    """`extra.service_public` merged over the defaults; a French error for a misspelt key or a non-text value."""
    given = (extra or {}).get("service_public") or {}
    if not isinstance(given, dict):
        raise PluginError("mkdocs.yml : « extra: service_public » doit contenir des rubriques "
                          f"({', '.join(DEFAULTS)})")
    out = {}
    for section, values in given.items():
        if section not in DEFAULTS:
            raise PluginError(f"mkdocs.yml : rubrique inconnue « service_public.{section} » "
                              f"(rubriques possibles : {', '.join(DEFAULTS)})")
        if not isinstance(values, dict):
            raise PluginError(f"mkdocs.yml : « service_public.{section} » doit contenir des champs "
                              f"({', '.join(DEFAULTS[section])})")
    for section, defaults in DEFAULTS.items():
        values = given.get(section) or {}
        for key, value in values.items():
            if key not in defaults:
                raise PluginError(f"mkdocs.yml : champ inconnu « service_public.{section}.{key} » "
                                  f"(champs possibles : {', '.join(defaults)})")
            if value is not None and not isinstance(value, (str, int, float)):
                raise PluginError(f"mkdocs.yml : « service_public.{section}.{key} » doit être un texte")
        out[section] = {k: (str(values[k]).strip() if values.get(k) not in (None, "") else v) for k, v in defaults.items()}
    etat = out["accessibilite"]["etat"]
    if etat not in STATES:
        raise PluginError(f"mkdocs.yml : « service_public.accessibilite.etat » vaut « {etat} » ; "
                          f"valeurs possibles : {', '.join(STATES)}")
    # The contact page falls back on the publisher's address when no other is given.
    contact = out["contact"]
    contact["courriel"] = contact["courriel"] or out["editeur"]["courriel"]
    contact["telephone"] = contact["telephone"] or out["editeur"]["telephone"]
    for section in out.values():
        for key in ("site_web", "schema_pluriannuel"):
            if section.get(key):
                section[key] = safe_url(section[key])
    for who in (out["editeur"], contact, out["accessibilite"]):
        if who.get("courriel"):
            who["mail_href"] = safe_url("mailto:" + who["courriel"])
    return out


def _nav_entries(nav) -> list[dict]:
    """The hand-written navigation of mkdocs.yml as nested {nom, url, enfants}."""
    entries = []
    for item in nav or ():
        if isinstance(item, dict):
            (title, value), = item.items()
        else:
            title, value = None, item
        if isinstance(value, list):
            entries.append({"nom": title, "url": None, "enfants": _nav_entries(value)})
        elif isinstance(value, str) and not value.startswith(("http://", "https://")):
            url = value.removesuffix(".md").removesuffix("index").rstrip("/")
            entries.append({"nom": title or url, "url": f"{url}/" if url else "", "enfants": []})
    return entries


def pages(site: Site) -> list[PageSpec]:
    """The five pages; with a repository (repo_url), the contact page also points to its issue forms."""
    config, directory = site.config or {}, site.directory
    s = settings(config.get("extra"))
    today = directory.today
    acc = s["accessibilite"]
    forge = forge_links.from_config(config)
    repo = {"depot": forge.repo_url, "signaler": forge.issue(forge_links.REPORT_TEMPLATE)} if forge else None
    common = {"service": s, "site_nom": config.get("site_name"), "depot": repo, "aujourdhui": date_short(today)}
    contexts = {
        "mentions-legales/": {"kind": "mentions-legales"},
        "accessibilite/": {"kind": "accessibilite", "etat": STATES[acc["etat"]], "code_etat": acc["etat"],
                           "date": date_short(acc["date"]) if acc["date"] else date_short(today)},
        "donnees-personnelles/": {"kind": "donnees-personnelles"},
        "contact/": {"kind": "contact"},
        "plan-du-site/": {"kind": "plan-du-site", "rubriques": _nav_entries(config.get("nav")),
                          "legal": FOOTER,
                          "structures": [{"nom": st["nom"], "url": structure_url(st.id)}
                                         for st in sorted(directory.structures.values(), key=lambda x: by_name(x["nom"], x.id))]},
    }
    return [PageSpec(f"{path}index.md", template, title, {**common, **contexts[path], "titre": title}, description)
            for path, template, title, description in PAGES]
