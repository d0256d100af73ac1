#!/bin/bash
# Publish and pull-request workflows: refuse a built site/ larger than GitHub Pages publishes
# (PAGES_LIMIT_BYTES), saying so in an annotation and the job summary; REFUSED says what that means here.
#
# What counts is the archive upload-pages-artifact makes of the site: it is measured by making it with the
# action's own tar command. Each file there takes a 512-byte header and is padded to 512 bytes, and each
# folder takes a header: ~20 % more than the files' bytes for our many small files. `du` measured neither (it
# counts a folder as a 4 KB block, a file hard-linked twice once, where tar copies it). A refused size is
# rounded up to the tenth of a Mo and the limit down: cut to the whole Mo, 1,000.5 MB was « 1000 Mo, plus que
# les 1000 Mo ». Run before a pull request's merge too: a pull request taking the site over the limit was told
# only after its merge, by a failed publication that nobody watches, and the site then stayed as it was,
# nightly runs included, until the pull request was undone.
set -eo pipefail
size=$(tar --dereference --hard-dereference --directory site -cf - --exclude=.git --exclude=.github . | wc -c)
if [ "$size" -gt "$PAGES_LIMIT_BYTES" ]; then
  tenths=$(( (size + 99999) / 100000 )) limit=$(( PAGES_LIMIT_BYTES / 100000 ))
  over="$((tenths / 10))" under="$((limit / 10))"
  if [ $((tenths % 10)) -ne 0 ]; then over="$over,$((tenths % 10))"; fi
  if [ $((limit % 10)) -ne 0 ]; then under="$under,$((limit % 10))"; fi
  message="l'archive du site fait $over Mo, plus que les $under Mo que GitHub Pages publie : $REFUSED"
  echo "::error title=Site trop volumineux::$message"
  {
    echo "## Site trop volumineux"
    echo ""
    echo "❌ ${message^}. Réduisez le nombre de langues ou de résidences par site, ou publiez sur un autre hébergeur (README, « Larger than GitHub Pages allows »)."
  } >> "${GITHUB_STEP_SUMMARY:-/dev/null}"
  exit 1
fi
echo "Taille de l'archive du site : $((size / 1000000)) Mo (limite : $((PAGES_LIMIT_BYTES / 1000000)) Mo)."
