#!/usr/bin/env bash
# The wall's layout property on its own: `pnpm test:wall [--seed N] [--runs N]` replays a failure
# the check reported (its seed is in the test's name) or tries more random situations.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/pnpm.sh
while [ $# -gt 0 ]; do
  case "$1" in
    --seed) export VIGIE_WALL_SEED="$2"; shift 2 ;;
    --runs) export VIGIE_WALL_RUNS="$2"; shift 2 ;;
    *) echo "usage: pnpm test:wall [--seed N] [--runs N]" >&2; exit 2 ;;
  esac
done
pnpm --filter @vigie/client build
exec pnpm exec vitest run --project browser test/browser/wallFit.test.ts
