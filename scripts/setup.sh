#!/bin/sh
# Prépare l'environnement : .venv avec le projet et ses dépendances (réinstallé si pyproject.toml change).
set -eu
cd "$(dirname "$0")/.."
PYTHON="${PYTHON:-python3}"
if [ ! -x .venv/bin/python ] || [ ! -f .venv/.installe ] || [ pyproject.toml -nt .venv/.installe ]; then
  "$PYTHON" -m venv .venv
  .venv/bin/python -m pip install --quiet --upgrade pip
  .venv/bin/python -m pip install --quiet -e '.[test]'
  touch .venv/.installe
fi
