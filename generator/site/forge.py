"""Links to the repository on the forge (GitHub), read from mkdocs.yml the mkdocs way:
`repo_url` names the repository, `edit_uri` (edit/<branch>/docs/) gives the branch.

Three kinds of link let people contribute without Git: the web editor on a YAML file, an issue
form pre-filled with the page and the file it comes from, and the « new file » page pre-filled
with a YAML text (what the contribution form produces).
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, urlencode

from ..model import Structure
from ..urls import absolute

# The issue forms of .github/ISSUE_TEMPLATE/ and the ids of the fields the site fills in.
REPORT_TEMPLATE = "signaler-une-erreur.yml"
REPORT_FIELDS = ("page", "fichier")
STRUCTURE_TEMPLATE = "ajouter-ma-structure.yml"
DEFAULT_BRANCH = "main"
_BRANCH_RE = re.compile(r"(?:^|/)(?:edit|blob|tree|-/edit|-/blob|src)/([^/?#]+)/")


@dataclass(frozen=True)
class Forge:
    repo_url: str  # https://github.com/OWNER/REPO, without a trailing slash
    branch: str = DEFAULT_BRANCH

    def _path(self, path: str) -> str:
        return quote(path.lstrip("/"), safe="/")

    def edit(self, path: str) -> str:
        """The web editor on one file of the repository."""
        return f"{self.repo_url}/edit/{self.branch}/{self._path(path)}"

    def view(self, path: str) -> str:
        return f"{self.repo_url}/blob/{self.branch}/{self._path(path)}"

    def new_file(self, filename: str = "", value: str | None = None) -> str:
        """GitHub's « new file » page, name and content pre-filled (`new/<branch>?filename=…&value=…`)."""
        query = {"filename": filename} if filename else {}
        if value is not None:
            query["value"] = value
        suffix = "?" + urlencode(query, quote_via=quote) if query else ""
        return f"{self.repo_url}/new/{self.branch}{suffix}"

    def issue(self, template: str, title: str | None = None, **fields: str) -> str:
        """An issue form of .github/ISSUE_TEMPLATE/, its fields pre-filled by their ids."""
        query = {"template": template, **({"title": title} if title else {}), **{k: v for k, v in fields.items() if v}}
        return f"{self.repo_url}/issues/new?" + urlencode(query, quote_via=quote)

    def report(self, page_url: str, path: str, nom: str) -> str:
        return self.issue(REPORT_TEMPLATE, title=f"Erreur : {nom}", page=page_url, fichier=path)


def branch_of(edit_uri: str | None) -> str:
    """`edit/main/docs/` → main; an edit_uri without a branch falls back to main."""
    found = _BRANCH_RE.search(edit_uri or "")
    return found.group(1) if found else DEFAULT_BRANCH


def from_config(config) -> Forge | None:
    """None when mkdocs.yml has no repo_url (or no configuration): the site then shows no contribution link."""
    repo_url = ((config or {}).get("repo_url") or "").strip()
    if not repo_url.startswith(("https://", "http://")):
        return None
    return Forge(repo_url.rstrip("/").removesuffix(".git"), branch_of(config.get("edit_uri")))


def repository_path(file: str | os.PathLike, offers_dir: Path, config_dir: Path) -> str:
    """Where a data file lives in the repository: relative to the folder of mkdocs.yml when the
    offers are inside it (the normal case), else `offers/…` (a tree built from elsewhere, as in tests)."""
    path = Path(file).resolve()
    try:
        return path.relative_to(config_dir.resolve()).as_posix()
    except ValueError:
        return "offers/" + path.relative_to(offers_dir.resolve()).as_posix()


def page_links(forge: Forge | None, page_url: str | None, path: str, nom: str) -> dict | None:
    """What a fiche shows under « Une erreur sur cette fiche ? »."""
    if forge is None:
        return None
    return {"modifier": forge.edit(path), "signaler": forge.report(page_url or "", path, nom), "fichier": path,
            "voir": forge.view(path)}


def links_for(site, item, page_url: str, nom: str) -> dict | None:
    """The links of the fiche of `item` (an Offre, Lieu or Structure, which knows its file), page at `page_url`."""
    forge = from_config(site.config)
    if forge is None:
        return None
    config_dir = Path(site.config.config_file_path or ".").resolve().parent
    path = repository_path(item.file, Path(site.offers_dir or config_dir / "offers"), config_dir)
    links = page_links(forge, absolute(site.site_url, page_url) or "/" + page_url, path, nom)
    if isinstance(item, Structure):
        links["nouvelle_offre"] = f"contribuer/offre/?structure={item.id}"
    return links
