#!/usr/bin/env bash
# The README's performance rows, each measured N times on the machine at hand: median (min-max) per figure, then every
# run, headed with the date and the machine's cores and memory. Quote that output, never a best run.
#   deploy/perf.sh [rounds, default 3]
#
# Side by side: PDG_PERF_BASELINE=<another checkout of this repository> (e.g. `git worktree add ../before <commit>`)
# measures that build too, in the same rounds, alternating which goes first, so a change is judged against the
# previous build on the same machine the same day. Several checkouts, separated by spaces, are named baseline1,
# baseline2, ... and take turns going first. The load tool of this checkout drives every host.
#
# Rows (PDG_PERF_ROWS, default "decision ingest"; all: "decision ingest activate timers handover soak"):
#   decision   BenchmarkDotNet: one engine decision (200 rules, 5,000 keywords) and keyword tagging; median ns
#   ingest     the 10,000 events/s steady run, every nudge acted on by the consoles (PDG_PERF_INGEST_ARGS)
#   activate   1,000,000 customers activated (PDG_PERF_ACTIVATE_ARGS)
#   timers     1,000,000 timers due at the same instant (PDG_PERF_TIMERS_ARGS)
#   handover   5,000 customers handed over under 3,000 events/s (PDG_PERF_HANDOVER_ARGS)
#   soak       issue 19's soak: 5 tenants, 200,000 customers, 10,000 events/s for 10 minutes (PDG_PERF_SOAK_ARGS); per-second
#              p99, worst second, GC pauses, thread-pool queue, host and PostgreSQL CPU per 1,000 durable events (PostgreSQL's
#              from /proc: the tool is given this script's --pg-data), host bytes allocated per durable event (a count: it
#              holds on a busy machine, where CPU time does not). Off by default: about 13 minutes per run.
# Each load row starts a fresh host (Release, its own database) per run. Host CPU per acknowledged event
# (core-µs/event) holds even when other work shares the machine; throughput and latency only when it does not.
#
# Environment (defaults): PDG_PERF_PG_PORT (55494), PDG_PERF_HTTP_PORT (5590), PDG_PERF_SILO_PORT (11590),
# PDG_PERF_GATEWAY_PORT (30590). Reports in .data/perf/<build>-<row>-<run>/; the summary in .data/perf/summary.txt.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
rounds="${1:-3}"
read -r -a baselines <<<"${PDG_PERF_BASELINE:-}"
read -r -a rows <<<"${PDG_PERF_ROWS:-decision ingest}"
pg_port="${PDG_PERF_PG_PORT:-55494}"
http_port="${PDG_PERF_HTTP_PORT:-5590}"
silo_port="${PDG_PERF_SILO_PORT:-11590}"
gateway_port="${PDG_PERF_GATEWAY_PORT:-30590}"
operator_key="perf-operator-key-0123456789"
out="$root/.data/perf"
load_dll="$root/src/PrivateDomainGrains.LoadTest/bin/Release/net10.0/PrivateDomainGrains.LoadTest.dll"

declare -A load_args=(
    [ingest]="${PDG_PERF_INGEST_ARGS:---customers 20000 --staff 20 --rate 10000 --duration 60s --warmup 30s --batch-size 200}"
    [activate]="${PDG_PERF_ACTIVATE_ARGS:---preset activate --customers 1000000 --rate 20000}"
    [timers]="${PDG_PERF_TIMERS_ARGS:---preset timers --customers 1000000 --staff 20 --due-after 200s}"
    [handover]="${PDG_PERF_HANDOVER_ARGS:---preset handover --customers 100000 --staff 20 --rate 3000 --duration 40s --warmup 10s --handover-at 10s --batch-size 100}"
    [soak]="${PDG_PERF_SOAK_ARGS:---preset soak} --pg-data $root/.data/perf-pg"
)

note() { echo "perf.sh: $*" >&2; }

declare -A trees=([current]="$root")
builds=(current)
for ((b = 0; b < ${#baselines[@]}; b++)); do
    name=baseline; [ ${#baselines[@]} -gt 1 ] && name="baseline$((b + 1))"
    trees[$name]="$(cd "${baselines[$b]}" && pwd)"
    builds+=("$name")
done

"$root/deploy/prerequisites.sh"
# Only the load rows need a host, the load tool and PostgreSQL (the decision row builds its benchmark as it runs).
load_rows=0
for row in "${rows[@]}"; do [ "$row" = decision ] || load_rows=1; done
if [ "$load_rows" = 1 ]; then
    for build in "${builds[@]}"; do
        note "building $build (${trees[$build]})"
        dotnet build "${trees[$build]}/src/PrivateDomainGrains.Host" -c Release -nologo -v q >/dev/null
    done
    dotnet build "$root/src/PrivateDomainGrains.LoadTest" -c Release -nologo -v q >/dev/null
fi
rm -rf "$out"
mkdir -p "$out"
[ "$load_rows" = 1 ] && "$root/deploy/postgres.sh" start "$root/.data/perf-pg" "$pg_port" >/dev/null

host=""
cleanup() {
    [ -n "$host" ] && kill -TERM "$host" 2>/dev/null || true
    "$root/deploy/postgres.sh" stop "$root/.data/perf-pg" >/dev/null 2>&1 || true
}
trap cleanup EXIT

export ConnectionStrings__Platform="Host=127.0.0.1;Port=$pg_port;Database=pdg_perf;Username=postgres;Password=postgres"
export Platform__TokenSigningKey="$(head -c 32 /dev/urandom | base64)"
export Platform__OperatorKey="$operator_key"
export PGPASSWORD=postgres

decision_once() {
    local build="$1" dir="$2"
    (cd "${trees[$build]}" && dotnet run -c Release --project src/PrivateDomainGrains.Benchmarks -- \
        --filter '*DecisionBenchmarks*' '*KeywordBenchmarks*' --exporters json --artifacts "$dir") >"$dir.log" 2>&1
}

load_once() {
    local build="$1" row="$2" dir="$3" tree="${trees[$1]}"
    psql -h 127.0.0.1 -p "$pg_port" -U postgres -qc "DROP DATABASE IF EXISTS pdg_perf WITH (FORCE)" -c "CREATE DATABASE pdg_perf" postgres
    dotnet "$tree/src/PrivateDomainGrains.Host/bin/Release/net10.0/PrivateDomainGrains.Host.dll" --contentRoot "$tree/src/PrivateDomainGrains.Host" \
        --urls "http://127.0.0.1:$http_port" --Orleans:SiloPort "$silo_port" --Orleans:GatewayPort "$gateway_port" \
        --Logging:Console:FormatterName simple >"$dir-host.log" 2>&1 &
    host=$!
    for _ in $(seq 1 300); do curl -fsS -o /dev/null "http://127.0.0.1:$http_port/health" 2>/dev/null && break; sleep 0.2; done
    # shellcheck disable=SC2086
    dotnet "$load_dll" --targets "http://127.0.0.1:$http_port" --operator-key "$operator_key" ${load_args[$row]} --out "$dir" >"$dir.log" 2>&1 || true
    kill -TERM "$host"
    wait "$host" || true
    host=""
}

for ((i = 1; i <= rounds; i++)); do
    # Round i starts with build (i-1) mod n, so each build goes first in turn.
    first=$(((i - 1) % ${#builds[@]}))
    order=("${builds[@]:first}" "${builds[@]:0:first}")
    for row in "${rows[@]}"; do
        for build in "${order[@]}"; do
            note "round $i, $row, $build"
            dir="$out/$build-$row-$i"
            if [ "$row" = decision ]; then decision_once "$build" "$dir"; else load_once "$build" "$row" "$dir"; fi
        done
    done
done

python3 - "$out" "$rounds" "${builds[*]}" "${rows[@]}" <<'PY' | tee "$out/summary.txt"
import datetime, glob, json, os, statistics, sys
out, rounds, builds, rows = sys.argv[1], int(sys.argv[2]), sys.argv[3].split(), sys.argv[4:]
mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
print(f"deploy/perf.sh, {datetime.date.today()}, {os.cpu_count()} cores, {mem:.0f} GiB, {rounds} runs per build; median (min-max) [every run]")

def get(o, *path):
    for p in path:
        if o is None: return None
        o = o[p] if isinstance(o, list) else o.get(p)
    return o

def decision(d):
    figures = {}
    for f in glob.glob(os.path.join(d, "results", "*-report-full-compressed.json")):
        for b in json.load(open(f))["Benchmarks"]:
            figures[b["Method"] + " ns"] = b["Statistics"]["Median"]
    return figures

def load(d):
    f = os.path.join(d, "report.json")
    if not os.path.exists(f): return {"failed": 1}
    r = json.load(open(f))
    node = get(r, "host", "nodes", 0) or {}
    acked = get(r, "throughput", "sustainedAcknowledgedPerSecond")
    cpu = node.get("cpuAveragePercent")
    figures = {
        "acked/s": acked, "ack p99 ms": get(r, "ackLatency", "p99Ms"),
        "nudge p50 ms": get(r, "nudgeLatency", "p50Ms"), "nudge p99 ms": get(r, "nudgeLatency", "p99Ms"),
        "nudges lost": get(r, "nudges", "lost"), "host cpu %": cpu,
        "host core-µs/event": cpu / 100 * os.cpu_count() / acked * 1e6 if cpu and acked else None,
        "working set MiB": (node.get("workingSetMaxBytes") or 0) / 2**20 or None,
        "activations/s": get(r, "activation", "perSecond"),
        "timers drained s": get(r, "timers", "drainSeconds"), "timer lag p99 ms": get(r, "timers", "lag", "p99Ms"),
        "timers lost": get(r, "timers", "lost"),
        "handover s": get(r, "handover", "seconds"), "moved/s": get(r, "handover", "movedPerSecond"),
        "nudges duplicated": get(r, "nudges", "duplicates") if get(r, "soak") else None,
        "worst second p99 ms": get(r, "soak", "worstSecond", "p99Ms"), "seconds over 1 s": get(r, "soak", "secondsOverOneSecond"),
        "gc pause total ms": get(r, "soak", "gcPauseTotalMs"), "gc pause longest ms": get(r, "soak", "gcPauseLongestMs"),
        "threadpool queue max": get(r, "soak", "threadPoolQueueMax"), "threadpool queue p99": get(r, "soak", "threadPoolQueueP99"),
        "host core-ms/1k events": get(r, "soak", "hostCoreMsPer1000Events"),
        "host alloc B/event": get(r, "soak", "hostAllocatedBytesPerEvent"),
        "pg core-ms/1k events": get(r, "soak", "postgresCoreMsPer1000Events"),
        "tool core-ms/1k events": get(r, "soak", "loadToolCoreMsPer1000Events"),
    }
    return {k: v for k, v in figures.items() if v is not None}

for row in rows:
    print(f"\n== {row}")
    runs = {b: [(decision if row == "decision" else load)(os.path.join(out, f"{b}-{row}-{i}")) for i in range(1, rounds + 1)] for b in builds}
    keys = sorted({k for b in builds for r in runs[b] for k in r}, key=lambda k: list(runs[builds[0]][0]).index(k) if k in runs[builds[0]][0] else 99)
    for k in keys:
        cells = []
        for b in builds:
            v = [r[k] for r in runs[b] if k in r]
            cells.append(f"{b} {statistics.median(v):,.1f} ({min(v):,.1f}-{max(v):,.1f}) [{', '.join(f'{x:,.1f}' for x in v)}]" if v else f"{b} -")
        print(f"  {k:>22}: " + "   ".join(cells))
PY
