#!/usr/bin/env bash
# Installs what the platform and its tests need on a fresh Debian machine, and nothing when it is already there.
set -euo pipefail
need=()
command -v dotnet >/dev/null || { echo "prerequisites.sh: the .NET 10 SDK (dotnet) is required on PATH" >&2; exit 1; }
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need+=(postgresql)
# The console page is tested in the system's Chromium (Playwright drives it; no browser is downloaded).
[ -x /usr/bin/chromium ] || need+=(chromium)
# The console is Chinese first: without a CJK font its pages and screenshots show boxes (WenQuanYi Micro Hei: 1.6 MB,
# against 56 MB for Noto CJK).
{ [ -e /usr/share/fonts/truetype/wqy/wqy-microhei.ttc ] || fc-list :lang=zh 2>/dev/null | grep -q .; } || need+=(fonts-wqy-microhei)
# The console is built with Node (Vite 8 needs Node 20.19+ or 22.12+) and npm.
command -v node >/dev/null && command -v npm >/dev/null || need+=(nodejs npm)
# The deploy tests lint deploy/'s YAML and check the proxy configuration with nginx -t (deploy/cluster.sh runs nginx);
# envsubst renders that configuration.
command -v yamllint >/dev/null || need+=(yamllint)
command -v nginx >/dev/null || need+=(nginx)
command -v envsubst >/dev/null || need+=(gettext-base)
if [ ${#need[@]} -gt 0 ]; then
    [ "$(id -u)" -eq 0 ] || { echo "prerequisites.sh: please install: ${need[*]} (apt-get install -y ${need[*]})" >&2; exit 1; }
    echo "prerequisites.sh: installing ${need[*]}" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    # No service may start while installing (the nginx package would start a server on port 80): policy-rc.d says no.
    policy=/usr/sbin/policy-rc.d
    [ -e "$policy" ] || { printf '#!/bin/sh\nexit 101\n' >"$policy"; chmod +x "$policy"; trap 'rm -f "$policy"' EXIT; }
    apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
node -e 'const [a, b] = process.versions.node.split(".").map(Number); process.exit(a > 22 || a === 22 && b >= 12 || a === 20 && b >= 19 ? 0 : 1)' ||
    { echo "prerequisites.sh: the console needs Node.js 20.19+ or 22.12+ (found $(node --version)); install a newer nodejs" >&2; exit 1; }
