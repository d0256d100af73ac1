#!/usr/bin/env bash
# Install residence-hub in .venv, then validate and build the sample residences into site/.
set -euo pipefail
cd "$(dirname "$0")/.."
# The posters embed DejaVu Sans (Debian's fonts-dejavu-core), usually already installed.
if [ ! -f /usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf ] && command -v apt-get >/dev/null; then
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq fonts-dejavu-core
fi
python3 -m venv .venv
.venv/bin/pip install --quiet --upgrade pip
.venv/bin/pip install --quiet -e .
.venv/bin/residence-hub build "$@"
