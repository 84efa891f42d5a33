#!/usr/bin/env bash
# Installs what Vigie needs, builds the dashboard and serves it with the server on one port
# (PORT, default 8080). Demo by default; VIGIE_MODE=live for a real incident on the real store.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/pnpm.sh
pnpm install --frozen-lockfile
ensure_sqlite
pnpm --filter @vigie/client build
cd server
# node itself (not a wrapper) gets the signals, so stopping it stops the server.
exec node --import tsx src/main.ts
