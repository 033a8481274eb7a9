"""Write a synthetic, valid `offers/` tree of N offers, for benchmarks (national scale: 20,000).

Usage: python benchmarks/synthetic.py --offres 20000 --out /tmp/synth/offers
Ten offers per structure, two venues per structure, real communes from the official geography.
"""
from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from generator import geography, referentials  # noqa: E402

OFFERS_PER_STRUCTURE = 10
# Varied wording, so that size measurements (gzip) are not flattered by identical texts.
WORDS = ("ordinateur téléphone tablette courriel internet démarche impôts santé retraite emploi famille "
         "photo vidéo sécurité mot de passe compte espace personnel déclaration formulaire imprimer scanner "
         "document dossier logiciel application réseau social découverte initiation perfectionnement "
         "accompagnement atelier séance pratique débutant confirmé senior jeune parent quartier bibliothèque "
         "mairie association médiateur conseil aide rendez-vous matin après-midi semaine mois groupe petit "
         "individuel collectif gratuit inscription clavier souris écran fichier classer sauvegarder partager "
         "visio appel message achat vente arnaque protéger données identité carte vitale caf ameli france travail").split()


def _words(rng: random.Random, n: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(n))
DATE_MAJ = "2026-10-15"


def _communes(rng: random.Random, n: int):
    pool = [c for c in geography.all_communes() if c.codes_postaux and c.latitude is not None and c.departement[:2] not in ("97", "98")]
    return [pool[i % len(pool)] for i in rng.sample(range(len(pool)), min(n, len(pool)))] + pool[: max(0, n - len(pool))]


def write_tree(n_offers: int, out: Path, seed: int = 42) -> None:
    rng = random.Random(seed)
    segments = referentials.get("segments").items
    themes = referentials.get("thematiques").codes
    publics = referentials.get("publics").codes
    n_structures = max(1, -(-n_offers // OFFERS_PER_STRUCTURE))
    communes = _communes(rng, n_structures * 2)
    written = 0
    for s in range(n_structures):
        sid = f"structure-{s:05d}"
        folder = out / sid
        (folder / "offres").mkdir(parents=True, exist_ok=True)
        c1, c2 = communes[2 * s], communes[2 * s + 1]
        (folder / "structure.yml").write_text(f"""\
nom: Structure synthétique {s}
type: association
description: Structure générée pour mesurer les performances de l'annuaire.
territoire:
  communes: ["{c1.code}", "{c2.code}"]
partenaires:
  - {{id: caf, nom: CAF, type: caf}}
  - {{id: france-travail, nom: France Travail, type: france-travail}}
contact:
  courriel: contact@{sid}.example.org
  telephone: "+33199000001"
mainteneurs: [{sid}]
exemple: true
date_maj: "{DATE_MAJ}"
""", encoding="utf-8")
        venues = []
        for i, c in enumerate((c1, c2)):
            venues.append(f"""\
  - id: lieu-{i}
    nom: Espace numérique {c.nom}
    type: locaux-propres
    adresse: {i + 1} place de la Mairie
    code_postal: "{c.codes_postaux[0]}"
    commune: "{c.nom}"
    code_insee: "{c.code}"
    coordonnees: {{latitude: {c.latitude + rng.uniform(-0.02, 0.02):.4f}, longitude: {c.longitude + rng.uniform(-0.02, 0.02):.4f}}}
    accessibilite: {{pmr: true}}
    horaires: "Mo-Fr 09:00-12:00,14:00-17:30; PH off"
""")
        (folder / "lieux.yml").write_text("lieux:\n" + "".join(venues), encoding="utf-8")
        for o in range(OFFERS_PER_STRUCTURE):
            if written == n_offers:
                break
            seg = segments[rng.randrange(len(segments))]
            spontaneous = seg.get("x-configuration", "spontanee") == "spontanee"
            day = rng.randint(1, 20)
            when = (f'horaires: "Tu,Th {rng.randint(9, 14)}:00-17:00; Sa 09:00-12:00; PH off"\n' if spontaneous else
                    f"""sessions:
  - debut: "2027-01-{day:02d}"
    fin: "2027-03-{day:02d}"
    places: 8
    seances:
      - {{date: "2027-01-{day:02d}", debut: "14:00", fin: "16:00"}}
      - {{date: "2027-02-{day:02d}", debut: "14:00", fin: "16:00"}}
""")
            (folder / "offres" / f"offre-{o:02d}.yml").write_text(f"""\
nom: "{seg.label} {_words(rng, 3)} à {c1.nom}"
resume: "{_words(rng, 12).capitalize()}."
description: |
  Une description de **quelques lignes** pour ressembler à une vraie offre.
  - premier point
  - second point
segment: {seg.code}
configuration: {"spontanee" if spontaneous else "programmee"}
thematiques: [{", ".join(rng.sample(themes, 2))}]
publics: [{", ".join(rng.sample(publics, 2))}]
orientation:
  - partenaire: france-travail
    modes: [fiche-prescription]
prerequis: ["Savoir utiliser la souris et le clavier"]
a_apporter: ["Identifiants de connexion"]
lieux: [lieu-{o % 2}]
{when}inscription:
  obligatoire: {"false" if spontaneous else "true"}
  modalites: [{"se-presenter" if spontaneous else "telephoner"}]
frais:
  type: gratuit
langues: [fr]
partenaires: [caf]
date_maj: "{DATE_MAJ}"
""", encoding="utf-8")
            written += 1


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--offres", type=int, required=True)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    write_tree(args.offres, args.out)


if __name__ == "__main__":
    main()
