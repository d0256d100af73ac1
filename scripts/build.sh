#!/usr/bin/env bash
# Install residence-hub in .venv, then validate and build the sample residences into site/.
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -m venv .venv
.venv/bin/pip install --quiet --upgrade pip
.venv/bin/pip install --quiet -e .
.venv/bin/residence-hub build "$@"
