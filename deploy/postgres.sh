#!/usr/bin/env bash
# deploy/postgres.sh: a local PostgreSQL for development and tests (Debian 12, root or not).
#
#   deploy/postgres.sh start    DATA_DIR PORT   install binaries if missing, initdb if empty,
#                                               start (no-op if running), print conn string
#   deploy/postgres.sh stop     DATA_DIR        fast shutdown if running
#   deploy/postgres.sh createdb PORT NAME       create database NAME if it does not exist
#
# The server listens on 127.0.0.1:PORT only, with its Unix socket in DATA_DIR/socket (never
# /var/run/postgresql). Superuser "postgres", password "postgres": a loopback-only dev
# database. pg_hba: TCP from 127.0.0.1/32 needs the password (method md5; with PostgreSQL's
# default scram-sha-256 password storage the handshake is SCRAM), the Unix socket (only
# reachable by the server's OS user) is trusted. Durability is kept: fsync, full_page_writes
# and synchronous_commit stay on. The server log is DATA_DIR/postgres.log.
#
# Connection string printed by start: Host=127.0.0.1;Port=PORT;Username=postgres;Password=postgres
#
# As root, initdb/pg_ctl run as the OS user "postgres" (created as a system user if needed)
# through runuser, and DATA_DIR is owned by it; every directory above DATA_DIR must be
# searchable by that user. Not root: everything runs as the current user.
# Environment: PG_MAJOR (preferred major version, default 15).
set -euo pipefail

readonly PREFERRED_MAJOR="${PG_MAJOR:-15}"
readonly SUPERUSER=postgres
readonly SUPERPASS=postgres
readonly OS_USER=postgres
readonly CONF_NAME=postgresql.dev.conf

die() { echo "postgres.sh: error: $*" >&2; exit 1; }
note() { echo "postgres.sh: $*" >&2; }

usage() {
    sed -n '2,8p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2
    exit 2
}

is_root() { [ "$(id -u)" -eq 0 ]; }

# Run a command as the server's OS user (postgres when we are root, else ourselves).
as_server_user() {
    if is_root; then
        runuser -u "$OS_USER" -- "$@"
    else
        "$@"
    fi
}

check_port() {
    [[ "$1" =~ ^[0-9]+$ ]] && [ "$1" -ge 1 ] && [ "$1" -le 65535 ] || die "invalid port: '$1'"
}

check_dbname() {
    [[ "$1" =~ ^[A-Za-z_][A-Za-z0-9_-]{0,62}$ ]] || die "invalid database name: '$1' (use letters, digits, _ and -)"
}

# Bin dir of an installed PostgreSQL: the requested major if given and present, else the
# preferred major, else the newest installed. Empty if none has the server binaries.
find_bindir() {
    local want="${1:-}" d m best="" best_major=0
    for m in "$want" "$PREFERRED_MAJOR"; do
        [ -n "$m" ] || continue
        d="/usr/lib/postgresql/$m/bin"
        if [ -x "$d/postgres" ] && [ -x "$d/initdb" ] && [ -x "$d/pg_ctl" ]; then
            echo "$d"; return 0
        fi
    done
    for d in /usr/lib/postgresql/*/bin; do
        [ -x "$d/postgres" ] && [ -x "$d/initdb" ] && [ -x "$d/pg_ctl" ] || continue
        m="$(basename "$(dirname "$d")")"
        [[ "$m" =~ ^[0-9]+$ ]] || continue
        if [ "$m" -gt "$best_major" ]; then best_major="$m"; best="$d"; fi
    done
    echo "$best"
}

# Install PostgreSQL from Debian's archive. The package's postinst may create and start a
# default cluster on port 5432; any cluster that did not exist before is stopped and set to
# manual start so it never interferes with ours.
install_postgres() {
    local -a sudo=()
    if ! is_root; then
        if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
            sudo=(sudo -n)
        else
            die "PostgreSQL server binaries not found in /usr/lib/postgresql/*/bin and not root: install them with 'apt-get install postgresql' (as root) first"
        fi
    fi
    local before=""
    [ -d /etc/postgresql ] && before="$(cd /etc/postgresql && ls -d */*/ 2>/dev/null || true)"
    note "PostgreSQL server binaries not found; installing with apt-get (this takes a minute)"
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -q >&2
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q \
        -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold postgresql >&2
    local c ver name
    for c in $(cd /etc/postgresql 2>/dev/null && ls -d */*/ 2>/dev/null || true); do
        case $'\n'"$before"$'\n' in *$'\n'"$c"$'\n'*) continue ;; esac
        ver="${c%%/*}"; name="${c#*/}"; name="${name%/}"
        note "stopping and disabling the default cluster $ver/$name created by the package"
        "${sudo[@]}" pg_ctlcluster "$ver" "$name" stop >/dev/null 2>&1 || true
        if [ -f "/etc/postgresql/$ver/$name/start.conf" ]; then
            echo manual | "${sudo[@]}" tee "/etc/postgresql/$ver/$name/start.conf" >/dev/null || true
        fi
    done
}

# Bin dir to use, installing PostgreSQL if needed. $1: wanted major (optional).
require_bindir() {
    local bindir
    bindir="$(find_bindir "${1:-}")"
    if [ -z "$bindir" ]; then
        install_postgres
        bindir="$(find_bindir "${1:-}")"
        [ -n "$bindir" ] || die "PostgreSQL installation did not provide server binaries under /usr/lib/postgresql/*/bin"
    fi
    echo "$bindir"
}

# Client binaries (psql) for createdb: the bin dir, or any psql on PATH.
find_psql() {
    local bindir
    bindir="$(find_bindir "")"
    if [ -n "$bindir" ] && [ -x "$bindir/psql" ]; then echo "$bindir/psql"; return; fi
    if command -v psql >/dev/null 2>&1; then command -v psql; return; fi
    bindir="$(require_bindir "")"
    echo "$bindir/psql"
}

ensure_os_user() {
    is_root || return 0
    if ! id -u "$OS_USER" >/dev/null 2>&1; then
        note "creating system user '$OS_USER'"
        useradd --system --user-group --home-dir /var/lib/postgresql --no-create-home \
            --shell /bin/bash "$OS_USER"
    fi
}

# Fails unless the server's OS user can reach (search) directory $1.
check_traversable() {
    local dir="$1"
    if is_root; then
        runuser -u "$OS_USER" -- test -x "$dir" ||
            die "the '$OS_USER' user cannot traverse '$dir' (every directory on the path needs o+x or group access, e.g. /root is 0700): choose a data directory elsewhere (e.g. under /tmp or /var/lib) or fix the permissions"
    else
        test -x "$dir" || die "cannot traverse '$dir'"
    fi
}

write_dev_conf() {
    local data="$1" port="$2" bindir="$3" sockdir="$4"
    local preload=""
    if [ -f "$("$bindir/pg_config" --pkglibdir 2>/dev/null || echo /nonexistent)/pg_stat_statements.so" ]; then
        preload="pg_stat_statements"
    fi
    local tmp
    tmp="$(mktemp)"
    cat >"$tmp" <<EOF
# Written by deploy/postgres.sh on every start; edits are overwritten.
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = '$sockdir'
unix_socket_permissions = 0700
max_connections = 500
shared_buffers = 512MB
# Durability: never turn these off.
fsync = on
full_page_writes = on
synchronous_commit = on
# Throughput (crash safety unaffected; no replication or archiving on a dev database).
wal_level = minimal
max_wal_senders = 0
archive_mode = off
wal_buffers = 16MB
checkpoint_timeout = 15min
max_wal_size = 4GB
min_wal_size = 256MB
password_encryption = 'scram-sha-256'
shared_preload_libraries = '$preload'
log_timezone = 'UTC'
timezone = 'UTC'
EOF
    install -m 0600 "$tmp" "$data/$CONF_NAME"
    rm -f "$tmp"
    if is_root; then chown "$OS_USER:" "$data/$CONF_NAME"; fi
    if ! grep -qx "include_if_exists = '$CONF_NAME'" "$data/postgresql.conf"; then
        printf "\n# deploy/postgres.sh settings (kept last so they win)\ninclude_if_exists = '%s'\n" "$CONF_NAME" >>"$data/postgresql.conf"
    fi
}

write_hba() {
    local data="$1"
    cat >"$data/pg_hba.conf" <<'EOF'
# Written by deploy/postgres.sh. Loopback development database.
# TYPE  DATABASE  USER  ADDRESS        METHOD
local   all       all                  trust
host    all       all   127.0.0.1/32   md5
EOF
}

is_running() {
    local data="$1" bindir="$2"
    [ -f "$data/postmaster.pid" ] || return 1
    as_server_user "$bindir/pg_ctl" -D "$data" status >/dev/null 2>&1
}

cmd_start() {
    [ $# -eq 2 ] || usage
    local data port
    data="$(realpath -m -- "$1")"
    port="$2"
    check_port "$port"

    local major=""
    [ -f "$data/PG_VERSION" ] && major="$(cat "$data/PG_VERSION")"
    local bindir
    bindir="$(require_bindir "$major")"
    if [ -n "$major" ] && [ "$bindir" != "/usr/lib/postgresql/$major/bin" ]; then
        die "$data was initialised by PostgreSQL $major, whose binaries are not installed (found $bindir)"
    fi
    ensure_os_user

    local sockdir="$data/socket"
    # sun_path holds 107 bytes; the socket file is "$sockdir/.s.PGSQL.$port".
    [ "${#sockdir}" -le 90 ] || die "data directory path too long for a Unix socket path: $data"

    # Check the nearest existing ancestor before creating anything, then the parent itself.
    local parent ancestor
    parent="$(dirname "$data")"
    ancestor="$parent"
    while [ ! -e "$ancestor" ]; do ancestor="$(dirname "$ancestor")"; done
    [ -d "$ancestor" ] || die "$ancestor is not a directory"
    check_traversable "$ancestor"
    mkdir -p -- "$parent"
    check_traversable "$parent"

    if [ ! -f "$data/PG_VERSION" ]; then
        if [ -d "$data" ] && [ -n "$(ls -A -- "$data")" ]; then
            die "$data exists, is not empty and is not a PostgreSQL data directory"
        fi
        mkdir -p -- "$data"
        chmod 0700 "$data"
        if is_root; then chown "$OS_USER:" "$data"; fi
        local pwfile
        pwfile="$(mktemp -p "$parent" .postgres-sh-pw.XXXXXX)"
        printf '%s\n' "$SUPERPASS" >"$pwfile"
        if is_root; then chown "$OS_USER" "$pwfile"; fi
        chmod 0600 "$pwfile"
        note "initialising $data with $bindir/initdb"
        if ! as_server_user "$bindir/initdb" -D "$data" --username="$SUPERUSER" --pwfile="$pwfile" \
                --encoding=UTF8 --no-locale --auth-local=trust --auth-host=md5 >"$pwfile.log" 2>&1; then
            cat "$pwfile.log" >&2
            rm -f "$pwfile" "$pwfile.log"
            die "initdb failed"
        fi
        rm -f "$pwfile" "$pwfile.log"
    fi

    if is_root; then
        [ "$(stat -c %U "$data")" = "$OS_USER" ] || die "$data is not owned by '$OS_USER'"
    fi
    check_traversable "$data"

    if is_running "$data" "$bindir"; then
        note "already running ($data)"
    else
        install -d -m 0700 "$sockdir"
        if is_root; then chown "$OS_USER:" "$sockdir"; fi
        write_hba "$data"
        write_dev_conf "$data" "$port" "$bindir" "$sockdir"
        if is_root; then chown "$OS_USER:" "$data/pg_hba.conf" "$data/postgresql.conf"; fi
        note "starting PostgreSQL ($bindir) on 127.0.0.1:$port, log $data/postgres.log"
        if ! as_server_user "$bindir/pg_ctl" -D "$data" -l "$data/postgres.log" -w -t 120 start >/dev/null; then
            tail -n 30 "$data/postgres.log" >&2 || true
            die "pg_ctl start failed (see $data/postgres.log)"
        fi
    fi

    # The running server may have been started with another port: report what it listens on.
    local live_port
    live_port="$(sed -n '4p' "$data/postmaster.pid" 2>/dev/null || true)"
    if [ -n "$live_port" ] && [ "$live_port" != "$port" ]; then
        die "$data is already running on port $live_port, not $port (stop it first)"
    fi

    local i
    for i in $(seq 1 120); do
        if "$bindir/pg_isready" -q -h 127.0.0.1 -p "$port"; then
            echo "Host=127.0.0.1;Port=$port;Username=$SUPERUSER;Password=$SUPERPASS"
            return 0
        fi
        sleep 0.5
    done
    die "server did not become ready on 127.0.0.1:$port (see $data/postgres.log)"
}

cmd_stop() {
    [ $# -eq 1 ] || usage
    local data
    data="$(realpath -m -- "$1")"
    if [ ! -f "$data/PG_VERSION" ]; then
        note "$data is not a PostgreSQL data directory; nothing to stop"
        return 0
    fi
    local bindir
    bindir="$(find_bindir "$(cat "$data/PG_VERSION")")"
    [ -n "$bindir" ] || die "no PostgreSQL binaries installed to stop $data"
    if is_running "$data" "$bindir"; then
        as_server_user "$bindir/pg_ctl" -D "$data" -m fast -w -t 120 stop >/dev/null
        note "stopped ($data)"
    else
        note "not running ($data)"
    fi
}

run_psql() {
    local port="$1" db="$2"
    shift 2
    PGPASSWORD="$SUPERPASS" PGCONNECT_TIMEOUT=10 PGOPTIONS="-c client_min_messages=warning" "$PSQL" -X -q -h 127.0.0.1 -p "$port" \
        -U "$SUPERUSER" -d "$db" -v ON_ERROR_STOP=1 "$@"
}

cmd_createdb() {
    [ $# -eq 2 ] || usage
    local port="$1" name="$2"
    check_port "$port"
    check_dbname "$name"
    PSQL="$(find_psql)"
    local exists
    exists="$(run_psql "$port" postgres -tA -c "SELECT 1 FROM pg_database WHERE datname = '$name'")"
    if [ "$exists" = "1" ]; then
        note "database '$name' already exists"
        return 0
    fi
    local err
    if ! err="$(run_psql "$port" postgres -c "CREATE DATABASE \"$name\"" 2>&1)"; then
        # Lost a race with a concurrent createdb: fine if it exists now.
        exists="$(run_psql "$port" postgres -tA -c "SELECT 1 FROM pg_database WHERE datname = '$name'")"
        [ "$exists" = "1" ] || die "could not create database '$name': $err"
    fi
    note "database '$name' created"
}

main() {
    [ $# -ge 1 ] || usage
    local cmd="$1"
    shift
    case "$cmd" in
        start) cmd_start "$@" ;;
        stop) cmd_stop "$@" ;;
        createdb) cmd_createdb "$@" ;;
        -h|--help|help) usage ;;
        *) echo "postgres.sh: unknown command '$cmd'" >&2; usage ;;
    esac
}

main "$@"
