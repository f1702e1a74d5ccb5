#!/usr/bin/env bash
# Builds the staff console (src/PrivateDomainGrains.Console) into the host's wwwroot, which the host serves and the
# functional tests copy. `npm ci` runs only when node_modules was not installed from this exact package-lock.json.
#   deploy/console.sh build     install if needed, type-check and build
#   deploy/console.sh test      install if needed, run the unit tests (vitest)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dir="$root/src/PrivateDomainGrains.Console"
stamp="$dir/node_modules/.installed-from-lock"

install() {
    local lock
    lock="$(sha256sum "$dir/package-lock.json" | cut -d' ' -f1)"
    if [ "$(cat "$stamp" 2>/dev/null)" != "$lock" ]; then
        echo "console.sh: npm ci (package-lock.json changed or node_modules missing)" >&2
        (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error)
        echo "$lock" > "$stamp"
    fi
}

case "${1:-}" in
    build) install; (cd "$dir" && npm run --silent build) ;;
    test) install; (cd "$dir" && npm test --silent) ;;
    *) echo "usage: deploy/console.sh build|test" >&2; exit 2 ;;
esac
