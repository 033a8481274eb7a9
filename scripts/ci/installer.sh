#!/bin/sh
# Installe l'outil « annuaire » dans le Python de la machine d'intégration continue (sans les outils de test).
set -eu
cd "$(dirname "$0")/../.."
python -m pip install --quiet --upgrade pip
python -m pip install --quiet -e .
