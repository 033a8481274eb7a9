#!/bin/sh
# Décrit une pull request pour son commentaire : écrit DOSSIER/diff.md (annuaire diff BASE HEAD) et
# DOSSIER/numero, que le workflow « Commentaire de pull request » publiera. Le résumé de l'étape le montre aussi.
# Usage : sh scripts/ci/decrire-pr.sh BASE NUMERO DOSSIER
set -eu
base="$1"; numero="$2"; dossier="$3"
case "$numero" in ''|*[!0-9]*) echo "erreur : numéro de pull request invalide : « $numero »" >&2; exit 2 ;; esac
mkdir -p "$dossier"
annuaire diff "$base" HEAD > "$dossier/diff.md"
printf '%s\n' "$numero" > "$dossier/numero"
if [ -n "${GITHUB_STEP_SUMMARY:-}" ]; then
  cat "$dossier/diff.md" >> "$GITHUB_STEP_SUMMARY"
fi
echo "Description écrite dans $dossier/diff.md ($(wc -l < "$dossier/diff.md") lignes)." >&2
