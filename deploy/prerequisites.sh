#!/usr/bin/env bash
# Installs what the platform and its tests need on a fresh Debian machine, and nothing when it is already there.
set -euo pipefail
need=()
command -v dotnet >/dev/null || { echo "prerequisites.sh: the .NET 10 SDK (dotnet) is required on PATH" >&2; exit 1; }
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need+=(postgresql)
# The console page is tested in the system's Chromium (Playwright drives it; no browser is downloaded).
[ -x /usr/bin/chromium ] || need+=(chromium)
if [ ${#need[@]} -gt 0 ]; then
    [ "$(id -u)" -eq 0 ] || { echo "prerequisites.sh: please install: ${need[*]} (apt-get install -y ${need[*]})" >&2; exit 1; }
    echo "prerequisites.sh: installing ${need[*]}" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
