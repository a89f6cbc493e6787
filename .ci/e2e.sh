#!/usr/bin/env bash
# The dashboard end to end in real headless Chromium (issue 4): installs Debian's chromium when
# missing and the test's node packages (playwright-core, pinned by e2e/package-lock.json), builds
# dyad, and runs e2e/dashboard.test.mjs against `dyad serve` on loopback. Screenshots go to
# $E2E_OUT (default: a new temporary folder, printed at the end).
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TERM_COLOR=never

if [ ! -x /usr/bin/chromium ]; then
  echo "== installing chromium"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  $sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi
/usr/bin/chromium --version

echo "== node packages (e2e/package-lock.json)"
(cd e2e && npm ci --no-audit --no-fund --loglevel=error)

echo "== build dyad"
cargo build -q -p dyad

echo "== dashboard in headless Chromium"
DYAD_BIN="${CARGO_TARGET_DIR:-target}/debug/dyad" node e2e/dashboard.test.mjs
