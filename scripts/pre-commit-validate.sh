#!/bin/sh
# The pre-commit hook of .pre-commit-config.yaml: `residence-hub validate` with the residence-hub on PATH,
# else the one of the project's .venv (CONTRIBUTING.md, « Sur votre ordinateur »). A commit made from an
# editor's Source Control runs the hook with the editor's PATH, where .venv is not activated: it was refused
# with « Executable `residence-hub` not found », whatever the files.
for tool in residence-hub .venv/bin/residence-hub .venv/Scripts/residence-hub.exe; do
  if command -v "$tool" >/dev/null 2>&1; then
    exec "$tool" validate
  fi
done
echo "residence-hub introuvable : installez-le dans .venv (CONTRIBUTING.md, « Sur votre ordinateur »)" >&2
exit 1
