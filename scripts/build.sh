#!/usr/bin/env bash
# Install residence-hub in .venv, then validate and build the sample residences into site/.
# Installs, only when missing: DejaVu Sans (Debian's fonts-dejavu-core, the font the posters embed, through
# apt-get) and, in .venv, residence-hub with its libraries from PyPI. Arguments go to `residence-hub build`.
set -euo pipefail
root=${BASH_SOURCE[0]%/*}
[[ $root != "${BASH_SOURCE[0]}" ]] || root=.
cd "$root/.."
FONT_DIR=${FONT_DIR:-/usr/share/fonts/truetype/dejavu}
if [[ ! -f $FONT_DIR/DejaVuSans.ttf || ! -f $FONT_DIR/DejaVuSans-Bold.ttf ]]; then
  if ! command -v apt-get >/dev/null; then
    echo "scripts/build.sh: DejaVu Sans is missing and there is no apt-get: install the DejaVu fonts" >&2
    exit 1
  fi
  echo "scripts/build.sh: installing with apt-get: fonts-dejavu-core"
  sudo=()
  [[ $(id -u) -eq 0 ]] || sudo=(sudo)
  "${sudo[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq fonts-dejavu-core
fi
python3 -m venv .venv
.venv/bin/pip install --quiet --upgrade pip
# A regular install, as the workflows do (scripts/test.sh makes it editable for development).
.venv/bin/pip install --quiet .
.venv/bin/residence-hub build "$@"
