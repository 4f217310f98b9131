#!/usr/bin/env bash
# Installs what the external checks need: Chromium, nginx and Java from Debian, and the
# validators in package.json from npm. Safe to run again; does nothing when all is present.
# Without root or apt-get it says what is missing, and those checks are skipped (never in CI).
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || missing+=(nginx-light)
command -v java >/dev/null 2>&1 || missing+=(default-jre-headless)
command -v npm >/dev/null 2>&1 || missing+=(nodejs npm)

if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "installing from Debian: ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -q >/dev/null
    apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null
  else
    echo "warning: missing ${missing[*]}; install them to run the browser, nginx and validator checks" >&2
  fi
fi

stamp=node_modules/.clinicsite-installed
if command -v npm >/dev/null 2>&1 && { [ ! -f "$stamp" ] || [ package.json -nt "$stamp" ]; }; then
  echo "installing validators from npm (package.json)"
  npm install --no-audit --no-fund --no-package-lock --loglevel=error >/dev/null
  touch "$stamp"
fi
