#!/bin/sh
# Ouvre ou met à jour LE ticket « Fiches à vérifier » (étiquette a-verifier) avec la liste de
# « annuaire stale --format markdown » ; le ferme quand il n'y a plus rien à vérifier.
# Usage : sh scripts/ci/ticket-a-verifier.sh FICHIER   Variables : GH_TOKEN, GITHUB_REPOSITORY.
set -eu
fichier="$1"
etiquette="a-verifier"
titre="Fiches à vérifier"
numero="$(gh issue list --repo "$GITHUB_REPOSITORY" --label "$etiquette" --state open --json number --jq '.[0].number // empty')"
if grep -q '^- \[ \]' "$fichier"; then
  if [ -n "$numero" ]; then
    gh issue edit "$numero" --repo "$GITHUB_REPOSITORY" --body-file "$fichier" > /dev/null
    echo "Ticket #$numero mis à jour." >&2
  else
    gh label create "$etiquette" --repo "$GITHUB_REPOSITORY" --force --color FBCA04 \
      --description "Fiches dont la dernière vérification est ancienne" > /dev/null
    gh issue create --repo "$GITHUB_REPOSITORY" --title "$titre" --label "$etiquette" --body-file "$fichier" > /dev/null
    echo "Ticket « $titre » ouvert." >&2
  fi
elif [ -n "$numero" ]; then
  gh issue edit "$numero" --repo "$GITHUB_REPOSITORY" --body-file "$fichier" > /dev/null
  gh issue close "$numero" --repo "$GITHUB_REPOSITORY" --comment "Plus rien à vérifier : ticket fermé." > /dev/null
  echo "Ticket #$numero fermé : plus rien à vérifier." >&2
else
  echo "Rien à vérifier, aucun ticket ouvert." >&2
fi
