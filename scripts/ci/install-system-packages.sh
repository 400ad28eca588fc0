#!/usr/bin/env bash
# System packages the test suite needs on a fresh Debian machine (CI runs as root, no terminal):
# - postgresql: test/support/postgres.ts starts a throwaway cluster with initdb/pg_ctl from /usr/lib/postgresql/*/bin.
# - chromium: test/catalog/browser.test.ts drives Debian's /usr/bin/chromium with playwright-core.
# - openssl: test/runtime/https-transport.test.ts makes a loopback certificate with the openssl command.
set -euo pipefail
PACKAGES=(postgresql chromium openssl)

missing=()
for package in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed' || missing+=("$package")
done
if [ "${#missing[@]}" -eq 0 ]; then
  echo "system packages present: ${PACKAGES[*]}"
  exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
# The postgresql package starts a cluster of its own on install where systemd runs; the tests do not use it.
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
echo "installed: ${missing[*]}"
