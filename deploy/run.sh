#!/usr/bin/env bash
# Runs the platform locally: a PostgreSQL under .data/ (installed if missing), the schema, and one host with the
# demo tenant. State survives restarts: stop with Ctrl+C and run again.
#   deploy/run.sh                 (HTTP on 127.0.0.1:5080, PostgreSQL on 127.0.0.1:55432)
# Environment: PDG_HTTP_PORT, PDG_PG_PORT.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
http_port="${PDG_HTTP_PORT:-5080}"
pg_port="${PDG_PG_PORT:-55432}"

"$root/deploy/prerequisites.sh"
"$root/deploy/console.sh" build
mkdir -p "$root/.data"
"$root/deploy/postgres.sh" start "$root/.data/pg" "$pg_port" >/dev/null
"$root/deploy/postgres.sh" createdb "$pg_port" pdg >/dev/null

# The console-token signing key is made once per checkout and kept with the data, so tokens survive restarts.
key_file="$root/.data/token-signing-key"
[ -s "$key_file" ] || head -c 32 /dev/urandom | base64 > "$key_file"

export ConnectionStrings__Platform="Host=127.0.0.1;Port=$pg_port;Database=pdg;Username=postgres;Password=postgres"
export Platform__TokenSigningKey="$(cat "$key_file")"
export Platform__OperatorKey="${PDG_OPERATOR_KEY:-local-operator-key-0123456789}"
export Demo__Enabled=true
# Plain-text logs for a person at a terminal (Production, .NET's default environment, logs JSON lines).
export Logging__Console__FormatterName=simple
echo "Operator key: $Platform__OperatorKey"
exec dotnet run --project "$root/src/PrivateDomainGrains.Host" -c Release --no-launch-profile -- --urls "http://127.0.0.1:$http_port"
