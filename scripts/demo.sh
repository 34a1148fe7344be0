#!/usr/bin/env bash
# `npm run demo`: try Lading without a Docker of your own. Starts a private
# sandbox engine with sample images (Debian-like machine, root), then serve
# mode against it. Ctrl+C stops both; nothing outside the sandbox is touched.
set -euo pipefail
cd "$(dirname "$0")/.."

export LADING_SANDBOX_DIR="${LADING_SANDBOX_DIR:-/tmp/lading-demo}"
bash scripts/sandbox.sh start
# shellcheck disable=SC1091
source "$LADING_SANDBOX_DIR/env"

cleanup() {
  trap - EXIT INT TERM
  bash scripts/sandbox.sh stop
}
trap cleanup EXIT INT TERM

[[ -f dist/serve/cli.cjs && -f dist/renderer/index.html ]] || npm run --silent build
mkdir -p "$LADING_SANDBOX_DIR/saves"
export LADING_SAVE_DIR="${LADING_SAVE_DIR:-$LADING_SANDBOX_DIR/saves}"
echo "demo: engine $DOCKER_HOST, registry $LADING_REGISTRY; Save and Export download to your browser, server-side files only in $LADING_SAVE_DIR"
node dist/serve/cli.cjs --engine "$DOCKER_HOST" "$@"
