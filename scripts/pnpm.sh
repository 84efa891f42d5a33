# Sourced by the other scripts: makes the pinned pnpm available as `pnpm`, and lets the native
# SQLite module build against the local Node headers (its prebuilt download cannot be reached).
PNPM_VERSION=12.4.2
if [ -f /usr/include/node/node.h ]; then export npm_config_nodedir=/usr; fi
if [ "$(pnpm --version 2>/dev/null)" != "$PNPM_VERSION" ]; then
  echo "Installing pnpm $PNPM_VERSION…"
  if ! npm install -g --allow-scripts=pnpm "pnpm@$PNPM_VERSION" >/dev/null 2>&1; then
    pnpm() { npx -y "pnpm@$PNPM_VERSION" "$@"; }
  fi
fi

# The native SQLite module must load: an install that restored it from a cache without its build
# (seen once on a CI machine) is rebuilt here rather than failing every test that opens a store.
ensure_sqlite() {
  (cd server && node -e 'new (require("better-sqlite3"))(":memory:").close()' 2>/dev/null) && return 0
  echo "The native SQLite module did not load: rebuilding it…"
  pnpm rebuild better-sqlite3 && (cd server && node -e 'new (require("better-sqlite3"))(":memory:").close()')
}
