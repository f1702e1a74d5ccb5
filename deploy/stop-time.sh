#!/usr/bin/env bash
# How long one node takes to stop (SIGTERM to exit) with N resident customers that each hold an event not yet in a
# snapshot, what it logged meanwhile, and what its customers left behind: the load tool's activate preset (one
# page.viewed per customer) against one host, then SIGTERM. Prints the stop time, warnings and errors by category,
# the customers whose last change got a snapshot and those left to the journal, and whether every acknowledged event
# is in the journal. (That a customer left to its journal comes back whole is Operations/ShutdownSnapshotTests' proof.)
#   deploy/stop-time.sh [customers, default 100000] [host setting...]
# e.g. deploy/stop-time.sh 1000000 --Customers:ShutdownSnapshotBudget 00:00:20 --Health:StopTimeout 00:00:40
#
# Environment (defaults): PDG_STOP_PG_PORT (55751), PDG_STOP_HTTP_PORT (5751), PDG_STOP_SILO_PORT (11751),
# PDG_STOP_GATEWAY_PORT (30751), PDG_STOP_RATE (5000 events/s offered; refused batches are retried), PDG_STOP_BUILD (1: build the host and the load tool first), PDG_STOP_HOST_DLL and
# PDG_STOP_LOAD_DLL (another build, e.g. a copy of main's, to compare). Output in .data/stop-time/.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
customers="${1:-100000}"
shift || true
pg_port="${PDG_STOP_PG_PORT:-55751}"
http_port="${PDG_STOP_HTTP_PORT:-5751}"
silo_port="${PDG_STOP_SILO_PORT:-11751}"
gateway_port="${PDG_STOP_GATEWAY_PORT:-30751}"
operator_key="stop-operator-key-0123456789"
out="$root/.data/stop-time/$customers-$(date -u +%Y%m%dT%H%M%S)"
host_dll="${PDG_STOP_HOST_DLL:-$root/src/PrivateDomainGrains.Host/bin/Release/net10.0/PrivateDomainGrains.Host.dll}"
load_dll="${PDG_STOP_LOAD_DLL:-$root/src/PrivateDomainGrains.LoadTest/bin/Release/net10.0/PrivateDomainGrains.LoadTest.dll}"

if [ "${PDG_STOP_BUILD:-1}" = 1 ]; then
    dotnet build "$root/src/PrivateDomainGrains.Host" -c Release -nologo -v q >/dev/null
    dotnet build "$root/src/PrivateDomainGrains.LoadTest" -c Release -nologo -v q >/dev/null
fi
mkdir -p "$out"
"$root/deploy/postgres.sh" start "$root/.data/stop-pg" "$pg_port" >/dev/null
export PGPASSWORD=postgres
psql -h 127.0.0.1 -p "$pg_port" -U postgres -qc "DROP DATABASE IF EXISTS pdg_stop WITH (FORCE)" -c "CREATE DATABASE pdg_stop" postgres
sql() { psql -h 127.0.0.1 -p "$pg_port" -U postgres -d pdg_stop -tAc "$1"; }

host=""
cleanup() {
    [ -n "$host" ] && kill -TERM "$host" 2>/dev/null || true
    "$root/deploy/postgres.sh" stop "$root/.data/stop-pg" >/dev/null 2>&1 || true
}
trap cleanup EXIT

export ConnectionStrings__Platform="Host=127.0.0.1;Port=$pg_port;Database=pdg_stop;Username=postgres;Password=postgres"
export Platform__TokenSigningKey="$(head -c 32 /dev/urandom | base64)"
export Platform__OperatorKey="$operator_key"
dotnet "$host_dll" --contentRoot "$root/src/PrivateDomainGrains.Host" --urls "http://127.0.0.1:$http_port" \
    --Orleans:SiloPort "$silo_port" --Orleans:GatewayPort "$gateway_port" --Logging:Console:FormatterName simple "$@" \
    >"$out/host.log" 2>&1 &
host=$!
for _ in $(seq 1 600); do curl -fsS -o /dev/null "http://127.0.0.1:$http_port/health" 2>/dev/null && break; sleep 0.2; done

dotnet "$load_dll" --targets "http://127.0.0.1:$http_port" --operator-key "$operator_key" --preset activate \
    --customers "$customers" --rate "${PDG_STOP_RATE:-5000}" --retry-for 600s --out "$out/load" >"$out/load.log" 2>&1
resident=$(curl -fsS -H "Authorization: Bearer $operator_key" "http://127.0.0.1:$http_port/api/v1/system/stats" || true)
marker=$(wc -l <"$out/host.log")
load_average=$(cut -d' ' -f1-3 /proc/loadavg)
started=$(date +%s%N)
kill -TERM "$host"
wait "$host" || true
stopped=$(date +%s%N)
host=""

tail -n +"$((marker + 1))" "$out/host.log" >"$out/stop.log"
acknowledged=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["activation"]["acknowledged"])' "$out/load/report.json")
journal=$(sql "SELECT count(*) FROM pdg_event_journal")
snapshotted=$(sql "SELECT count(*) FROM pdg_event_journal j JOIN pdg_customer_snapshots s USING (tenant, customer_id) WHERE s.seq >= j.seq")
echo "customers $customers; node stats before the stop: $resident"
echo "load average at SIGTERM: $load_average"
echo "stop (SIGTERM to exit): $(( (stopped - started) / 1000000 )) ms"
echo "acknowledged $acknowledged, in the journal $journal; customers whose event is in a snapshot $snapshotted, left to the journal $((journal - snapshotted))"
echo "warnings and errors logged while stopping, by category:"
grep -oE '(warn|fail|crit): [^[ ]+\[[0-9]+\]' "$out/stop.log" | sort | uniq -c | sort -rn || echo "      0"
grep -E 'Stopping: ' "$out/stop.log" || true
echo "logs: $out"
