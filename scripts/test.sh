#!/bin/sh
# Installe (Chromium de Debian compris, pour les tests navigateur) puis lance toute la suite de tests.
set -eu
cd "$(dirname "$0")/.."
sh scripts/setup.sh
if ! command -v chromium >/dev/null 2>&1; then
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null
fi
exec .venv/bin/python -m pytest -q "$@"
