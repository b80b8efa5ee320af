#!/usr/bin/env bash
# Runs every test of MetaAiTracker on a fresh machine and ends with one line: "N passed, N failed, N skipped".
# Finds (or installs, as root from Debian's packages) the Chromium that the browser tests drive.
set -uo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
results="$root/tests/TestResults"
rm -rf "$results"
mkdir -p "$results"

# Chromium for the Playwright browser tests (Playwright's own browser download is never used).
if [ -z "${CHROMIUM_PATH:-}" ]; then
  for c in /usr/bin/chromium /usr/bin/chromium-browser; do
    if [ -x "$c" ]; then export CHROMIUM_PATH="$c"; break; fi
  done
fi
if [ -z "${CHROMIUM_PATH:-}" ]; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "== installing Chromium and CJK fonts from Debian's packages"
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk >/dev/null) \
      || echo "!! could not install chromium; the browser tests will fail"
    [ -x /usr/bin/chromium ] && export CHROMIUM_PATH=/usr/bin/chromium
  else
    echo "!! Chromium not found and cannot be installed (not root); the browser tests will fail"
  fi
fi

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

echo "== building"
if ! dotnet build MetaAiTracker.sln -c Release -nologo -v q; then
  echo "build failed"
  echo "0 passed, 1 failed"
  exit 1
fi

status=0
for project in tests/*/*.Tests.csproj tests/*/*Tests.csproj; do
  [ -f "$project" ] || continue
  name=$(basename "$project" .csproj)
  case " ${seen:-} " in *" $name "*) continue ;; esac
  seen="${seen:-} $name"
  echo "== $name"
  dotnet test "$project" -c Release --no-build --nologo \
    --logger "trx;LogFileName=$name.trx" --logger "console;verbosity=normal" \
    --results-directory "$results" || status=1
done

passed=0; failed=0; skipped=0
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  get() { echo "$counters" | sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p"; }
  p=$(get passed); f=$(get failed); e=$(get error); t=$(get timeout); a=$(get aborted); total=$(get total); run=$(get executed)
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0} + ${e:-0} + ${t:-0} + ${a:-0}))
  # VSTest's TRX counts a skipped test in total but not in executed (its notExecuted counter stays 0).
  skipped=$((skipped + ${total:-0} - ${run:-0}))
done

if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  failed=1 # a test host crashed or a project failed to run: never report that as green
fi
echo "$passed passed, $failed failed, $skipped skipped"
[ "$status" -eq 0 ] && [ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
