"""`annuaire new`: a commented structure folder that validates as is."""
from __future__ import annotations

from pathlib import Path

from .directory import ID_RE, reference_date

STRUCTURE = """\
# yaml-language-server: $schema=../../schema/structure.schema.json
# Fiche d'identité de la structure. Remplacez chaque valeur, puis lancez « annuaire validate ».
# Dates et heures entre guillemets : "2027-01-12", "14:00".
nom: Nouvelle structure à compléter
type: association            # voir schema/referentiels/types-structures.json
description: >-
  Présentez la structure en quelques phrases simples : ses missions, son équipe, son histoire.
territoire:                  # où la structure intervient
  communes: ["29151"]        # codes INSEE (pas les codes postaux)
labels: []                   # ex. [visa-internet-bretagne, conseillers-numeriques]
partenaires: []              # ex. - {{id: caf-29, nom: CAF du Finistère, type: caf}}
contact:
  courriel: contact@{id}.example.org
  telephone: "+33199000000"
mainteneurs: [{id}]          # identifiants sur la forge des personnes qui tiennent la fiche
exemple: true                # mettez false quand les coordonnées sont réelles
date_maj: "{today}"          # date de la dernière vérification
"""

LIEUX = """\
# yaml-language-server: $schema=../../schema/lieux.schema.json
# Les lieux où vous accueillez du public. Les offres les citent par leur identifiant.
lieux:
  - id: siege                # minuscules, chiffres, tirets
    nom: Locaux de la structure
    type: locaux-propres     # voir schema/referentiels/types-lieux.json
    adresse: 1 rue de l'Exemple
    code_postal: "29600"
    commune: Morlaix
    code_insee: "29151"      # code officiel de la commune (différent du code postal)
    coordonnees: {{latitude: 48.5777, longitude: -3.8279}}   # relevées sur openstreetmap.org
    accessibilite: {{pmr: true}}
    horaires: "Mo-Fr 09:00-12:00,14:00-17:00; PH off"      # format OpenStreetMap
"""

OFFRE = """\
# yaml-language-server: $schema=../../../schema/offre.schema.json
# Une offre par fichier ; le nom du fichier est l'identifiant de l'offre.
nom: Accès libre accompagné
resume: Venez utiliser un ordinateur connecté, avec un médiateur pour vous aider.
segment: acces-libre         # voir schema/referentiels/segments.json
configuration: spontanee     # programmee (séances, inscription) ou spontanee (horaires)
thematiques: [acces-internet, demarches-administratives]
publics: [tous-publics]
prerequis: ["Savoir utiliser la souris et le clavier"]
lieux: [siege]
horaires: "Tu,Th 14:00-17:00; PH off"
inscription:
  obligatoire: false
  modalites: [se-presenter]
frais:
  type: gratuit
langues: [fr]
date_maj: "{today}"
"""


class ScaffoldError(Exception):
    """Why the folder could not be created (French, for the command line)."""


def scaffold(identifier: str, root: Path) -> tuple[Path, list[str]]:
    """Create the folder of structure `identifier` under `root`; returns it and the files written."""
    if not ID_RE.match(identifier):
        raise ScaffoldError(f"identifiant invalide « {identifier} » (minuscules sans accent, chiffres et tirets)")
    folder = root / identifier
    if folder.exists():
        raise ScaffoldError(f"{folder} existe déjà")
    (folder / "offres").mkdir(parents=True)
    values = {"id": identifier, "today": reference_date().isoformat()}
    files = {"structure.yml": STRUCTURE, "lieux.yml": LIEUX, "offres/acces-libre.yml": OFFRE}
    for name, template in files.items():
        (folder / name).write_text(template.format(**values), encoding="utf-8")
    return folder, list(files)
