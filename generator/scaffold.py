"""`annuaire new`: a commented structure folder to complete.

Every value the volunteer must provide is written as a placeholder starting with « À compléter » (the
comment beside it gives an example): `annuaire validate` reports each one, with its line, until it is
replaced, so an untouched scaffold can never be published as if it were real.
"""
from __future__ import annotations

from pathlib import Path

from .directory import ID_RE, reference_date
from .placeholders import MARKER

STRUCTURE = """\
# yaml-language-server: $schema=../../schema/structure.schema.json
# Fiche d'identité de la structure. Remplacez chaque « À compléter », puis lancez « annuaire validate ».
# Dates et heures entre guillemets : "2027-01-12", "14:00".
nom: "{m} : nom de la structure"
type: "{m} : type de structure"                # ex. association, epn, service-intercommunal (schema/referentiels/types-structures.json)
description: >-
  {m} : présentez la structure en quelques phrases simples (ses missions, son équipe, son histoire).
territoire:                                      # où la structure intervient
  communes: ["{m} : code INSEE"]                 # codes INSEE, pas les codes postaux (ex. "29151" pour Morlaix)
labels: []                                       # ex. [visa-internet-bretagne, conseillers-numeriques]
partenaires: []                                  # ex. - {{id: caf-29, nom: CAF du Finistère, type: caf}}
contact:
  courriel: "{m} : adresse électronique"         # ex. contact@ma-structure.fr
  telephone: "{m} : numéro de téléphone"         # ex. "+33299000000" (format international, sans espace)
mainteneurs: ["{m} : identifiant sur la forge"]  # ex. [marie-dupont] : les personnes qui tiennent la fiche à jour
date_maj: "{today}"                              # date de la dernière vérification
"""

LIEUX = """\
# yaml-language-server: $schema=../../schema/lieux.schema.json
# Les lieux où vous accueillez du public. Les offres les citent par leur identifiant.
lieux:
  - id: siege                                    # minuscules, chiffres, tirets
    nom: "{m} : nom du lieu"                      # ex. Espace numérique de la mairie
    type: "{m} : type de lieu"                    # ex. locaux-propres, bibliotheque (schema/referentiels/types-lieux.json)
    adresse: "{m} : numéro et rue"                # ex. 1 place de la Mairie
    code_postal: "{m} : code postal"              # ex. "29600"
    commune: "{m} : commune"                      # ex. Morlaix
    code_insee: "{m} : code INSEE"                # code officiel de la commune, différent du code postal (ex. "29151")
    coordonnees: {{latitude: "{m}", longitude: "{m}"}}   # relevées sur openstreetmap.org, ex. 48.5777 et -3.8279
    accessibilite: {{pmr: "{m} : true ou false"}}        # accessible en fauteuil roulant ?
    horaires: "{m} : horaires d'ouverture"        # format OpenStreetMap, ex. "Mo-Fr 09:00-12:00,14:00-17:00; PH off"
"""

OFFRE = """\
# yaml-language-server: $schema=../../../schema/offre.schema.json
# Une offre par fichier ; le nom du fichier est l'identifiant de l'offre.
nom: "{m} : nom de l'offre"                       # ex. Accès libre accompagné
resume: "{m} : une phrase qui dit à quoi sert l'offre"
segment: "{m} : segment d'offre"                  # ex. acces-libre, atelier, formation (schema/referentiels/segments.json)
configuration: "{m} : programmee ou spontanee"    # programmee (séances, inscription) ou spontanee (horaires)
thematiques: ["{m} : thématique"]                 # ex. [acces-internet, demarches-administratives]
publics: ["{m} : public"]                         # ex. [tous-publics]
prerequis: []                                     # ex. ["Savoir utiliser la souris et le clavier"]
lieux: [siege]
horaires: "{m} : horaires de l'offre"             # format OpenStreetMap, ex. "Tu,Th 14:00-17:00; PH off"
inscription:
  obligatoire: "{m} : true ou false"
  modalites: ["{m} : modalité d'accès"]           # ex. [se-presenter] (schema/referentiels/modalites-acces.json)
frais:
  type: "{m} : gratuit ou payant"                 # ex. gratuit (schema/referentiels/frais.json)
langues: [fr]
date_maj: "{today}"
"""


class ScaffoldError(Exception):
    """Why the folder could not be created (French, for the command line)."""


def scaffold(identifier: str, root: Path) -> tuple[Path, list[str]]:
    """Create the folder of structure `identifier` under `root`; returns it and the files written."""
    if not ID_RE.fullmatch(identifier):
        raise ScaffoldError(f"identifiant invalide « {identifier} » (minuscules sans accent, chiffres et tirets)")
    folder = root / identifier
    if folder.exists():
        raise ScaffoldError(f"{folder} existe déjà")
    (folder / "offres").mkdir(parents=True)
    values = {"id": identifier, "today": reference_date().isoformat(), "m": MARKER}
    files = {"structure.yml": STRUCTURE, "lieux.yml": LIEUX, "offres/acces-libre.yml": OFFRE}
    for name, template in files.items():
        (folder / name).write_text(template.format(**values), encoding="utf-8")
    return folder, list(files)
