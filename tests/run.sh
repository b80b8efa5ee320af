#!/usr/bin/env bash
# Runs every test of MetaAiTracker on a fresh machine and ends with one line: "N passed, N failed, N skipped".
# Finds (or installs, as root from Debian's packages) the Chromium that the browser tests drive, PostgreSQL and nginx.
# Every test project runs on SQLite; the data, service and API suites then run a second time on a throw-away
# PostgreSQL cluster (tests/postgres.sh), which the scale-out tests (two app instances behind nginx) use as well.
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

# nginx for the scale-out browser test (the app behind the proxy); never started as a service here.
if ! command -v nginx >/dev/null 2>&1 && [ ! -x /usr/sbin/nginx ]; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "== installing nginx from Debian's packages"
    (apt-get update -qq && RUNLEVEL=1 DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx >/dev/null) \
      || echo "!! could not install nginx; the scale-out browser test will fail"
  else
    echo "!! nginx not found and cannot be installed (not root); the scale-out browser test will fail"
  fi
fi

# A throw-away PostgreSQL cluster, removed on exit whatever happens.
source "$root/tests/postgres.sh"
trap pg_stop EXIT
pg_ok=1
pg_start || pg_ok=0

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

# The suites that touch the store, again on PostgreSQL (distinct TRX names, so both runs are counted).
for name in MetaAiTracker.Data.Tests MetaAiTracker.Core.Tests MetaAiTracker.Web.Tests; do
  echo "== $name on PostgreSQL"
  if [ "$pg_ok" -ne 1 ]; then
    echo "!! no PostgreSQL cluster: $name not run on PostgreSQL"; status=1; continue
  fi
  TRACKER_TEST_PROVIDER=Postgres dotnet test "tests/$name/$name.csproj" -c Release --no-build --nologo \
    --logger "trx;LogFileName=$name.Postgres.trx" --logger "console;verbosity=normal" \
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
