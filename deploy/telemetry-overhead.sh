#!/usr/bin/env bash
# What telemetry costs: the load tool's steady run (default: the README's 10,000 events/s command) against one host in
# each mode, N rounds, on this machine; prints every run, the median and range per mode, the host's CPU per event, and
# how long each host took to stop (SIGTERM to exit) with the run's customers resident.
#   deploy/telemetry-overhead.sh [rounds, default 3]
#
# Modes (PDG_MEASURE_MODES, default "on off"):
#   off        Telemetry:Enabled=false: no meter or trace listener at all
#   metrics    the production default without a collector: metrics for the Prometheus scrape (scraped every 10 s)
#   on         metrics scraped, plus an OTLP collector: metrics pushed over OTLP/HTTP to a sink (an nginx answering 200 to
#              every export: the exporters' cost without a collector's)
#   traces     on, plus traces at 10 % sampling exported to the sink, and trace context across grain calls
#   dashboard  on, plus the Orleans dashboard (Dashboard:Enabled=true; nobody looking at it)
# Each round runs every mode, in reverse order every other round, so that a drift in the machine's load falls on all.
# A fresh database per run. The CPU figure (host core-microseconds per acknowledged event) holds even when other work
# shares the machine; throughput and latency only when the host has the cores to itself.
#
# Environment (defaults): PDG_MEASURE_PG_PORT (55493), PDG_MEASURE_HTTP_PORT (5580), PDG_MEASURE_SILO_PORT (11580),
# PDG_MEASURE_GATEWAY_PORT (30580), PDG_MEASURE_SINK_PORT (5601), PDG_MEASURE_ARGS (load-tool arguments, default the
# README's 10,000 events/s command). Reports in .data/telemetry-overhead/<mode>-<run>/.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${1:-3}"
pg_port="${PDG_MEASURE_PG_PORT:-55493}"
http_port="${PDG_MEASURE_HTTP_PORT:-5580}"
silo_port="${PDG_MEASURE_SILO_PORT:-11580}"
gateway_port="${PDG_MEASURE_GATEWAY_PORT:-30580}"
sink_port="${PDG_MEASURE_SINK_PORT:-5601}"
operator_key="measure-operator-key-0123456789"
load_args="${PDG_MEASURE_ARGS:---customers 20000 --staff 20 --rate 10000 --duration 60s --warmup 30s --batch-size 200}"
out="$root/.data/telemetry-overhead"
host_dll="$root/src/PrivateDomainGrains.Host/bin/Release/net10.0/PrivateDomainGrains.Host.dll"
load_dll="$root/src/PrivateDomainGrains.LoadTest/bin/Release/net10.0/PrivateDomainGrains.LoadTest.dll"

note() { echo "telemetry-overhead.sh: $*" >&2; }

"$root/deploy/prerequisites.sh"
"$root/deploy/console.sh" build >/dev/null
dotnet build "$root/src/PrivateDomainGrains.Host" -c Release -nologo -v q >/dev/null
dotnet build "$root/src/PrivateDomainGrains.LoadTest" -c Release -nologo -v q >/dev/null
mkdir -p "$out/sink"
"$root/deploy/postgres.sh" start "$root/.data/measure-pg" "$pg_port" >/dev/null

# The OTLP sink: accepts every export and keeps only its access log (which signals arrived, how often).
cat >"$out/sink/nginx.conf" <<CONF
worker_processes 1; daemon off; pid $out/sink/nginx.pid; error_log $out/sink/error.log warn;
events {}
http { access_log $out/sink/access.log; client_body_temp_path $out/sink/body; client_max_body_size 64m;
       server { listen 127.0.0.1:$sink_port; location / { client_body_buffer_size 1m; return 200; } } }
CONF
nginx -c "$out/sink/nginx.conf" -p "$out/sink" &
sink=$!
host=""
scraper=""
cleanup() {
    [ -n "$scraper" ] && kill "$scraper" 2>/dev/null || true
    [ -n "$host" ] && kill -TERM "$host" 2>/dev/null || true
    kill -QUIT "$sink" 2>/dev/null || true
    "$root/deploy/postgres.sh" stop "$root/.data/measure-pg" >/dev/null 2>&1 || true
}
trap cleanup EXIT

export ConnectionStrings__Platform="Host=127.0.0.1;Port=$pg_port;Database=pdg_measure;Username=postgres;Password=postgres"
export Platform__TokenSigningKey="$(head -c 32 /dev/urandom | base64)"
export Platform__OperatorKey="$operator_key"
export PGPASSWORD=postgres

run_once() {
    local mode="$1" run="$2" dir="$out/$1-$2" started stopped
    rm -rf "$dir"
    psql -h 127.0.0.1 -p "$pg_port" -U postgres -qc "DROP DATABASE IF EXISTS pdg_measure WITH (FORCE)" -c "CREATE DATABASE pdg_measure" postgres
    local telemetry
    case "$mode" in
        off) telemetry=(--Telemetry:Enabled false) ;;
        metrics) telemetry=() ;;
        on) telemetry=(--Telemetry:OtlpEndpoint "http://127.0.0.1:$sink_port" --Telemetry:OtlpProtocol HttpProtobuf) ;;
        traces) telemetry=(--Telemetry:OtlpEndpoint "http://127.0.0.1:$sink_port" --Telemetry:OtlpProtocol HttpProtobuf --Telemetry:TraceSampleRatio 0.1) ;;
        dashboard) telemetry=(--Telemetry:OtlpEndpoint "http://127.0.0.1:$sink_port" --Telemetry:OtlpProtocol HttpProtobuf --Dashboard:Enabled true) ;;
        *) echo "telemetry-overhead.sh: unknown mode $mode" >&2; exit 2 ;;
    esac
    dotnet "$host_dll" --contentRoot "$root/src/PrivateDomainGrains.Host" --urls "http://127.0.0.1:$http_port" \
        --Orleans:SiloPort "$silo_port" --Orleans:GatewayPort "$gateway_port" --Logging:Console:FormatterName simple \
        "${telemetry[@]}" >"$out/host-$mode-$run.log" 2>&1 &
    host=$!
    for _ in $(seq 1 300); do curl -fsS -o /dev/null "http://127.0.0.1:$http_port/health" 2>/dev/null && break; sleep 0.2; done
    if [ "$mode" != off ]; then
        (while sleep 10; do curl -fsS -o /dev/null -H "Authorization: Bearer $operator_key" "http://127.0.0.1:$http_port/metrics" || true; done) &
        scraper=$!
    fi
    # shellcheck disable=SC2086
    dotnet "$load_dll" --targets "http://127.0.0.1:$http_port" --operator-key "$operator_key" $load_args --out "$dir" >"$dir.log" 2>&1
    [ -n "$scraper" ] && { kill "$scraper" 2>/dev/null || true; scraper=""; }
    started=$(date +%s%N)
    kill -TERM "$host"
    wait "$host" || true
    stopped=$(date +%s%N)
    host=""
    echo "$(( (stopped - started) / 1000000 ))" >"$dir/stop-ms"
}

read -r -a modes <<<"${PDG_MEASURE_MODES:-on off}"
for ((i = 1; i <= runs; i++)); do
    order=("${modes[@]}")
    if ! ((i % 2)); then order=(); for ((m = ${#modes[@]} - 1; m >= 0; m--)); do order+=("${modes[$m]}"); done; fi
    for mode in "${order[@]}"; do
        note "run $i, telemetry $mode"
        run_once "$mode" "$i"
    done
done

python3 - "$out" "$runs" "${modes[@]}" <<'PY'
import json, statistics, sys, os
out, runs, modes = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
rows = {mode: [] for mode in modes}
for mode in rows:
    for i in range(1, runs + 1):
        d = os.path.join(out, f"{mode}-{i}")
        r = json.load(open(os.path.join(d, "report.json")))
        node = r["host"]["nodes"][0]
        rows[mode].append({
            "run": i, "acked/s": r["throughput"]["sustainedAcknowledgedPerSecond"],
            "ack p50": r["ackLatency"]["p50Ms"], "ack p99": r["ackLatency"]["p99Ms"],
            "nudge p50": r["nudgeLatency"]["p50Ms"], "nudge p99": r["nudgeLatency"]["p99Ms"],
            "host cpu %": node["cpuAveragePercent"],
            "cpu µs/event": node["cpuAveragePercent"] / 100 * os.cpu_count() / r["throughput"]["sustainedAcknowledgedPerSecond"] * 1e6,
            "ws MiB": node["workingSetMaxBytes"] / 2**20,
            "lost": r["nudges"]["lost"], "stop s": int(open(os.path.join(d, "stop-ms")).read()) / 1000,
        })
keys = list(rows[modes[0]][0].keys())[1:]
print("mode run " + " ".join(f"{k:>11}" for k in keys))
for mode in rows:
    for row in rows[mode]:
        print(f"{mode:>4} {row['run']:>3} " + " ".join(f"{row[k]:>11.1f}" for k in keys))
print()
print("median [min-max] per mode")
for k in keys:
    cells = []
    for mode in rows:
        v = [row[k] for row in rows[mode]]
        cells.append(f"{mode} {statistics.median(v):.1f} [{min(v):.1f}-{max(v):.1f}]")
    print(f"{k:>11}: " + "   ".join(cells))
if "off" in rows:
    base = {k: statistics.median(r[k] for r in rows["off"]) for k in ("acked/s", "cpu µs/event")}
    print()
    for mode in modes:
        if mode == "off": continue
        acked = statistics.median(r["acked/s"] for r in rows[mode]); cpu = statistics.median(r["cpu µs/event"] for r in rows[mode])
        print(f"{mode} against off: throughput {(acked - base['acked/s']) / base['acked/s'] * 100:+.1f} %, host CPU per event {(cpu - base['cpu µs/event']) / base['cpu µs/event'] * 100:+.1f} % (medians)")
PY
