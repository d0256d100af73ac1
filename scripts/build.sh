#!/usr/bin/env bash
# Install residence-hub in .venv, then validate and build the sample residences into site/.
# Installs, only when missing, through apt-get: DejaVu Sans (Debian's fonts-dejavu-core, the font the
# posters embed) and python3-venv (Debian and Ubuntu's python3 makes no virtual environment without it);
# then, in .venv, residence-hub with its libraries from PyPI. Arguments go to `residence-hub build`.
set -euo pipefail
root=${BASH_SOURCE[0]%/*}
[[ $root != "${BASH_SOURCE[0]}" ]] || root=.
cd "$root/.."
FONT_DIR=${FONT_DIR:-/usr/share/fonts/truetype/dejavu}
packages=()
[[ -f $FONT_DIR/DejaVuSans.ttf && -f $FONT_DIR/DejaVuSans-Bold.ttf ]] || packages+=(fonts-dejavu-core)
# `python3 -m venv` needs ensurepip, which Debian and Ubuntu ship apart, in python3-venv.
python3 -c 'import ensurepip' 2>/dev/null || packages+=(python3-venv)
if ((${#packages[@]})); then
  if ! command -v apt-get >/dev/null; then
    echo "scripts/build.sh: missing, and there is no apt-get to install them (Debian names): ${packages[*]}" >&2
    exit 1
  fi
  echo "scripts/build.sh: installing with apt-get: ${packages[*]}"
  sudo=()
  [[ $(id -u) -eq 0 ]] || sudo=(sudo)
  "${sudo[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq "${packages[@]}"
fi
python3 -m venv .venv
.venv/bin/pip install --quiet --upgrade pip
# A regular install, as the workflows do (scripts/test.sh makes it editable for development).
.venv/bin/pip install --quiet .
.venv/bin/residence-hub build "$@"
