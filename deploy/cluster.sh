#!/usr/bin/env bash
# A local cluster on loopback: PostgreSQL, three platform nodes on one database and an nginx reverse proxy in front of
# them (WebSockets included), as a multi-node deployment looks. State survives restarts; Ctrl+C stops everything.
#   deploy/cluster.sh
# Prints the proxy URL, each node's URL, the operator key and the demo tenant's keys (node 0 seeds the demo tenant).
#
# Through the proxy, API requests go round-robin to the nodes (a node that refuses connections is passed over for 5 s);
# console hub connections stick to one node per console token (negotiate and WebSocket must reach the same node), and
# a console whose node dies reconnects through the proxy to another. A node that exits is started again after 2 s
# (compose's restart policy): stop one with kill -TERM $(cat .data/cluster/node-1.pid) to watch fail-over under load.
#
# Environment (defaults in brackets):
#   PDG_CLUSTER_NODES [3]              nodes to start
#   PDG_CLUSTER_PROXY_PORT [5090]      nginx
#   PDG_CLUSTER_HTTP_PORT [5091]       node i serves HTTP on this + i
#   PDG_CLUSTER_SILO_PORT [11121]      node i's silo port is this + i
#   PDG_CLUSTER_GATEWAY_PORT [30021]   node i's gateway port is this + i
#   PDG_CLUSTER_PG_PORT [55442]        PostgreSQL (data in .data/cluster-pg)
#   PDG_OPERATOR_KEY [local-operator-key-0123456789]
# nginx and PostgreSQL come from Debian's packages, installed when missing (as root); logs are in .data/cluster/.
# The topology is deploy/compose.yaml's on loopback: the same proxy configuration (deploy/nginx/platform.conf.template),
# the same node settings; PostgreSQL and the nodes run as local processes instead of containers.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
nodes="${PDG_CLUSTER_NODES:-3}"
proxy_port="${PDG_CLUSTER_PROXY_PORT:-5090}"
http_base="${PDG_CLUSTER_HTTP_PORT:-5091}"
silo_base="${PDG_CLUSTER_SILO_PORT:-11121}"
gateway_base="${PDG_CLUSTER_GATEWAY_PORT:-30021}"
pg_port="${PDG_CLUSTER_PG_PORT:-55442}"
operator_key="${PDG_OPERATOR_KEY:-local-operator-key-0123456789}"
state="$root/.data/cluster"
host_dll="$root/src/PrivateDomainGrains.Host/bin/Release/net10.0/PrivateDomainGrains.Host.dll"

die() { echo "cluster.sh: error: $*" >&2; exit 1; }
note() { echo "cluster.sh: $*" >&2; }

[[ "$nodes" =~ ^[1-9][0-9]?$ ]] || die "PDG_CLUSTER_NODES must be 1-99"

# nginx from Debian. The package starts a default server on port 80 when it is installed; that one is stopped again,
# since everything here listens on 127.0.0.1 only.
ensure_nginx() {
    local need=()
    command -v nginx >/dev/null 2>&1 || need+=(nginx)
    command -v curl >/dev/null 2>&1 || need+=(curl)
    command -v envsubst >/dev/null 2>&1 || need+=(gettext-base)
    [ ${#need[@]} -gt 0 ] || return 0
    [ "$(id -u)" -eq 0 ] || die "${need[*]} missing and this is not root: install with 'apt-get install ${need[*]}' first"
    note "installing ${need[*]} from Debian's archive"
    DEBIAN_FRONTEND=noninteractive apt-get update -q >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${need[@]}" >&2
    if [ -s /run/nginx.pid ]; then
        note "stopping the default nginx server the package started"
        kill -QUIT "$(cat /run/nginx.pid)" 2>/dev/null || true
    fi
}

write_nginx_conf() {
    local conf="$state/nginx/nginx.conf" servers="" i
    for ((i = 0; i < nodes; i++)); do
        servers+="server 127.0.0.1:$((http_base + i)) max_fails=1 fail_timeout=5s; "
    done
    mkdir -p "$state/nginx/tmp"
    # Workers of a root master run as nobody: they need to write request bodies here.
    chmod 1777 "$state/nginx/tmp"
    # The proxy's own configuration is deploy/nginx/platform.conf.template, the same file deploy/compose.yaml's proxy
    # renders: only the listen address and the node addresses differ.
    PDG_PROXY_LISTEN="127.0.0.1:$proxy_port" PDG_UPSTREAM_SERVERS="$servers" \
        envsubst '${PDG_PROXY_LISTEN} ${PDG_UPSTREAM_SERVERS}' <"$root/deploy/nginx/platform.conf.template" >"$state/nginx/platform.conf"
    cat >"$conf" <<EOF
# Written by deploy/cluster.sh on every start.
worker_processes 1;
daemon off;
pid $state/nginx/nginx.pid;
error_log $state/nginx/error.log warn;
events { worker_connections 4096; }
http {
    client_body_temp_path $state/nginx/tmp/body;
    proxy_temp_path $state/nginx/tmp/proxy;
    fastcgi_temp_path $state/nginx/tmp/fastcgi;
    uwsgi_temp_path $state/nginx/tmp/uwsgi;
    scgi_temp_path $state/nginx/tmp/scgi;
    include $state/nginx/platform.conf;
}
EOF
    nginx -t -c "$conf" -p "$state/nginx" >/dev/null 2>&1 || { nginx -t -c "$conf" -p "$state/nginx"; die "nginx rejected $conf"; }
}

pids=()
stop_all() {
    trap - EXIT
    note "stopping"
    local pid
    for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
    for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
    "$root/deploy/postgres.sh" stop "$root/.data/cluster-pg" >/dev/null 2>&1 || true
    note "stopped"
}

# Node i, started again whenever it exits (a crash, or a stop to try fail-over), as compose's restart policy does; its
# current process id is in $state/node-i.pid. TERM or INT stops the node gracefully and ends the loop.
supervise_node() {
    local i="$1" child="" code
    trap 'kill -TERM "$child" 2>/dev/null; wait "$child" 2>/dev/null; exit 0' TERM INT
    while true; do
        # Node 0 seeds the demo tenant (once: a restart keeps it).
        Demo__Enabled=$([ "$i" -eq 0 ] && echo true || echo false) \
            dotnet "$host_dll" --contentRoot "$root/src/PrivateDomainGrains.Host" --urls "http://127.0.0.1:$((http_base + i))" \
            --Orleans:SiloPort "$((silo_base + i))" --Orleans:GatewayPort "$((gateway_base + i))" \
            >>"$state/node-$i.log" 2>&1 &
        child=$!
        echo "$child" >"$state/node-$i.pid"
        code=0
        wait "$child" || code=$?
        note "node $i exited (code $code); starting it again in 2 s"
        sleep 2
    done
}

wait_healthy() {
    local url="$1" i
    for i in $(seq 1 600); do
        curl -fsS -o /dev/null "$url/health" 2>/dev/null && return 0
        sleep 0.2
    done
    die "$url was not healthy within 120 s"
}

"$root/deploy/prerequisites.sh"
ensure_nginx
# The nodes serve the console from the host project's wwwroot (their content root, as /app is in the image).
"$root/deploy/console.sh" build
mkdir -p "$state"
"$root/deploy/postgres.sh" start "$root/.data/cluster-pg" "$pg_port" >/dev/null
"$root/deploy/postgres.sh" createdb "$pg_port" pdg >/dev/null
key_file="$state/token-signing-key"
[ -s "$key_file" ] || head -c 32 /dev/urandom | base64 >"$key_file"
note "building the host (Release)"
build_log="$state/build.log"
dotnet build "$root/src/PrivateDomainGrains.Host" -c Release -nologo >"$build_log" 2>&1 || { tail -n 30 "$build_log" >&2; die "the build failed (see $build_log)"; }

trap 'exit 130' INT TERM
trap stop_all EXIT
export ConnectionStrings__Platform="Host=127.0.0.1;Port=$pg_port;Database=pdg;Username=postgres;Password=postgres"
export Platform__TokenSigningKey="$(cat "$key_file")"
export Platform__OperatorKey="$operator_key"
export Orleans__ClusterId="pdg-cluster"
for ((i = 0; i < nodes; i++)); do
    supervise_node "$i" &
    pids+=("$!")
done
for ((i = 0; i < nodes; i++)); do wait_healthy "http://127.0.0.1:$((http_base + i))"; done
write_nginx_conf
nginx -c "$state/nginx/nginx.conf" -p "$state/nginx" &
pids+=("$!")

cat <<EOF

Cluster up: $nodes nodes on one database, behind nginx.
  proxy (API, console, hub):  http://127.0.0.1:$proxy_port/
$(for ((i = 0; i < nodes; i++)); do echo "  node $i:                     http://127.0.0.1:$((http_base + i))/   (silo $((silo_base + i)), gateway $((gateway_base + i)), log $state/node-$i.log)"; done)
  PostgreSQL:                 Host=127.0.0.1;Port=$pg_port;Database=pdg;Username=postgres;Password=postgres
  operator key:               $operator_key
  demo tenant:                demo (API key demo-api-key-0123456789, admin key demo-admin-key-0123456789, staff alice/bob/carol, password demo-password)
Load test against it:
  dotnet run -c Release --project src/PrivateDomainGrains.LoadTest -- --targets http://127.0.0.1:$proxy_port --operator-key $operator_key
A node that exits is started again (try: kill -TERM \$(cat $state/node-1.pid)). Ctrl+C stops everything.
EOF
wait -n "${pids[@]}" || true
note "the proxy exited (see $state/nginx/error.log); stopping the rest"
