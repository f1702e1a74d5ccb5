#!/usr/bin/env bash
# The test command: installs what is missing, builds the console, starts a throw-away PostgreSQL under .data/pg-test,
# runs every test (the console's unit tests, then the .NET ones, whose functional tests drive the built console).
# Each test class creates its own database in it, so tests never share state.
#   deploy/test.sh [extra dotnet test arguments]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
pg_port="${PDG_TEST_PG_PORT:-55433}"

"$root/deploy/prerequisites.sh"
"$root/deploy/console.sh" build
"$root/deploy/console.sh" test
mkdir -p "$root/.data"
"$root/deploy/postgres.sh" start "$root/.data/pg-test" "$pg_port" >/dev/null
trap '"$root/deploy/postgres.sh" stop "$root/.data/pg-test" >/dev/null 2>&1 || true' EXIT

export PDG_TEST_PG_ADMIN="Host=127.0.0.1;Port=$pg_port;Username=postgres;Password=postgres;Database=postgres"
# The projects' outputs interleave and a failure can scroll far up: the failed tests are listed again at the end.
log="$root/.data/test-output.log"
status=0
dotnet test "$root/PrivateDomainGrains.sln" -c Release --logger "console;verbosity=normal" "$@" 2>&1 | tee "$log" || status=$?
if [ "$status" -ne 0 ]; then
  echo "== the tests that failed (the whole output is in $log):"
  grep -E -A6 '^  Failed [A-Za-z]' "$log" | grep -v '"LogLevel"' | cut -c1-400 || echo "(none: the run itself failed; see above)"
fi
exit "$status"
