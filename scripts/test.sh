#!/usr/bin/env bash
# Install everything the tests need, then run the whole test suite:
#   - Debian's Chromium (browser tests), poppler-utils (PDF → image) and fonts-dejavu-core (the font
#     embedded in the posters), through apt when missing;
#   - residence-hub and its test dependencies in .venv.
# Extra arguments go to pytest, e.g. `bash scripts/test.sh -k loader`.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v chromium >/dev/null || ! command -v pdftoppm >/dev/null \
   || [ ! -f /usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf ]; then
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium poppler-utils fonts-dejavu-core
fi

python3 -m venv .venv
.venv/bin/pip install --quiet --upgrade pip
.venv/bin/pip install --quiet -e '.[test]'
.venv/bin/python -m pytest "$@"
