#!/usr/bin/env bash
# The whole check: install, format, lint, typecheck, build, every test project. Ends with
# "N passed, N failed" and exits non-zero if any phase failed.
set -uo pipefail
cd "$(dirname "$0")/.."
source scripts/pnpm.sh
export TZ=UTC # times must show in Europe/Paris whatever the machine's zone
reports=$(mktemp -d)
failed_phases=()

phase() {
  local name=$1
  shift
  local start=$SECONDS
  echo "── $name"
  if "$@"; then
    echo "── $name: ok ($((SECONDS - start)) s)"
  else
    echo "── $name: FAILED ($((SECONDS - start)) s)"
    failed_phases+=("$name")
  fi
}

# Tools the tests run, from Debian's packages: Chromium (browser tests), strace (the store's sync test),
# wrk (the public benchmark's load), pg_auto_failover and nginx (the two-site drill). Installed when
# we can, else named (never skipped).
ensure_tools() {
  local missing=()
  [ -x /usr/bin/chromium ] || missing+=(chromium)
  for tool in strace wrk; do command -v "$tool" >/dev/null || missing+=("$tool"); done
  command -v pg_autoctl >/dev/null || missing+=(pg-auto-failover-cli)
  [ -e /usr/share/postgresql/15/extension/pgautofailover.control ] || missing+=(postgresql-15-auto-failover)
  [ -x /usr/sbin/nginx ] || missing+=(nginx)
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    apt-get update -q && apt-get install -y -q "${missing[@]}"
  else
    echo "The tests need ${missing[*]}: run 'sudo apt-get install -y ${missing[*]}' and run this again."
    return 1
  fi
}

phase tools ensure_tools
phase install pnpm install --frozen-lockfile
phase sqlite ensure_sqlite
phase format pnpm exec prettier --check .
phase lint pnpm exec eslint --max-warnings 0 .
phase typecheck pnpm exec tsc -b
phase build pnpm --filter @vigie/client build
phase unit pnpm exec vitest run --project shared --project server --project client --project lint \
  --reporter=default --reporter=json --outputFile.json="$reports/unit.json"
# Socket and timing-sensitive tests run one file at a time on small machines.
phase integration pnpm exec vitest run --project integration --no-file-parallelism \
  --reporter=default --reporter=json --outputFile.json="$reports/integration.json"
# What a person sees, in real Chromium, one file at a time.
phase browser pnpm exec vitest run --project browser --no-file-parallelism \
  --reporter=default --reporter=json --outputFile.json="$reports/browser.json"
# Crash drills: the real server in a child process, killed at random points.
phase durability pnpm exec vitest run --project durability --no-file-parallelism \
  --reporter=default --reporter=json --outputFile.json="$reports/durability.json"
# The benchmark harness at its smallest size: it works and its hard gates hold (figures: `pnpm bench`).
phase bench pnpm exec vitest run --project bench --no-file-parallelism \
  --reporter=default --reporter=json --outputFile.json="$reports/bench.json"

node -e '
  const fs = require("fs");
  let passed = 0, failed = 0, skipped = 0;
  for (const f of process.argv.slice(1)) {
    if (!fs.existsSync(f)) { failed += 1; continue; }
    const r = JSON.parse(fs.readFileSync(f, "utf8"));
    passed += r.numPassedTests;
    failed += r.numFailedTests;
    if (!r.success && r.numFailedTests === 0) failed += 1; // a file that did not even load
    skipped += r.numPendingTests + r.numTodoTests;
  }
  console.log(`${passed} passed, ${failed} failed` + (skipped ? `, ${skipped} skipped` : ""));
' "$reports/unit.json" "$reports/integration.json" "$reports/browser.json" "$reports/durability.json" "$reports/bench.json"
rm -rf "$reports"
if [ ${#failed_phases[@]} -gt 0 ]; then
  echo "Failed: ${failed_phases[*]}"
  exit 1
fi
