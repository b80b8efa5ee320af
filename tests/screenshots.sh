#!/usr/bin/env bash
# Refreshes the screenshots of docs/images (the user guide's pictures) from the app as it is now. The normal test run
# (tests/run.sh) takes the same screenshots into the ignored tests/TestResults/screenshots and never touches docs/.
# Needs Chromium (tests/run.sh installs it); review the changed images with `git diff --stat docs/images` before committing.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -z "${CHROMIUM_PATH:-}" ]; then
  for c in /usr/bin/chromium /usr/bin/chromium-browser; do
    if [ -x "$c" ]; then export CHROMIUM_PATH="$c"; break; fi
  done
fi
[ -n "${CHROMIUM_PATH:-}" ] || { echo "Chromium not found: run bash tests/run.sh once (it installs it) or set CHROMIUM_PATH" >&2; exit 1; }
dotnet build tests/MetaAiTracker.BrowserTests -c Release -nologo -v q
METAAITRACKER_SCREENSHOTS=docs/images dotnet test tests/MetaAiTracker.BrowserTests -c Release --no-build --nologo \
  --filter "FullyQualifiedName~ShellTests|FullyQualifiedName~AttritionAtScaleTests|FullyQualifiedName~EntityEditingTests|FullyQualifiedName~SourcePageTests"
git status --short docs/images
