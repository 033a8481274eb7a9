#!/bin/sh
# Publie la description d'une pull request dans UN commentaire, mis à jour à chaque nouvelle version.
# Usage : sh scripts/ci/commenter-pr.sh DOSSIER TETE   (DOSSIER : diff.md et numero ; TETE : commit vérifié)
# Le dossier vient d'un workflow qui a exécuté le code de la pull request : il n'est pas digne de confiance.
# Le numéro doit désigner une pull request dont la tête est bien TETE, et le texte est borné.
# Variables : GH_TOKEN, GITHUB_REPOSITORY.
set -eu
dossier="$1"; tete="$2"
marque='<!-- annuaire-diff -->'
numero="$(head -c 20 "$dossier/numero" | tr -d '[:space:]')"
case "$numero" in ''|*[!0-9]*) echo "erreur : numéro de pull request invalide : « $numero »" >&2; exit 2 ;; esac
tete_pr="$(gh api "repos/$GITHUB_REPOSITORY/pulls/$numero" --jq .head.sha)"
if [ "$tete_pr" != "$tete" ]; then
  echo "La pull request #$numero a changé depuis (tête $tete_pr, description faite pour $tete) : rien n'est publié." >&2
  exit 0
fi
corps="$(mktemp)"
trap 'rm -f "$corps"' EXIT
{ printf '%s\n' "$marque"; grep -v -F "$marque" "$dossier/diff.md" | head -c 60000; } > "$corps"
existant="$(gh api --paginate "repos/$GITHUB_REPOSITORY/issues/$numero/comments" \
  --jq '.[] | select(.user.login == "github-actions[bot]" and (.body | startswith("<!-- annuaire-diff -->"))) | .id' | head -n 1)"
if [ -n "$existant" ]; then
  gh api --method PATCH "repos/$GITHUB_REPOSITORY/issues/comments/$existant" -F "body=@$corps" > /dev/null
  echo "Commentaire $existant de la pull request #$numero mis à jour." >&2
else
  gh api --method POST "repos/$GITHUB_REPOSITORY/issues/$numero/comments" -F "body=@$corps" > /dev/null
  echo "Commentaire ajouté à la pull request #$numero." >&2
fi
