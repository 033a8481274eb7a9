#!/bin/sh
# Installe, vérifie les données, construit le site puis le sert sur http://127.0.0.1:8000 .
set -eu
cd "$(dirname "$0")/.."
sh scripts/setup.sh
.venv/bin/annuaire validate offers
.venv/bin/annuaire build
exec .venv/bin/annuaire serve "$@"
