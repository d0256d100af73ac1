#!/bin/bash
# Publish workflow: is this run's commit (GITHUB_SHA) main's latest? Run in a checkout of main as it is now;
# writes current=true or current=false to GITHUB_OUTPUT, and says why nothing is published in the job summary.
#
# A run publishes its own commit, and the concurrency group only orders runs: « Re-run » on an older run (a
# merge whose publication failed, after later merges were published), a night run that started after a merge,
# or a manual run from another branch published an older site over the newer one. Such a run publishes
# nothing: the latest commit is published by its own run, or tonight's. The plan runs this, and the
# deployment again (« Re-run failed jobs » after a failed deployment runs that job alone, with the plan's
# answer of the first attempt).
set -eo pipefail
tip=$(git rev-parse HEAD)
if [ "$tip" = "$GITHUB_SHA" ]; then
  echo "current=true" >> "$GITHUB_OUTPUT"
else
  message="cette exécution porte sur la version ${GITHUB_SHA:0:7}, et main est maintenant à la version ${tip:0:7} : rien n'est publié, pour ne jamais remplacer le site par une version plus ancienne. La plus récente est publiée par sa propre exécution, ou par celle de cette nuit"
  echo "::notice title=Rien à publier::$message"
  {
    echo "## Rien à publier"
    echo ""
    echo "ℹ️ ${message^}."
  } >> "${GITHUB_STEP_SUMMARY:-/dev/null}"
  echo "current=false" >> "$GITHUB_OUTPUT"
fi
