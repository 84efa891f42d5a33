# shellcheck shell=bash
# Sourced by down.sh and cut-site.sh (after two-sites.env): which processes belong to the drill.

# The pids of a part (site-a, vigie-b, nginx, monitor…; `all` for every part) and of all their
# descendants. PostgreSQL's children overwrite their environment with their process title, so they
# are found as descendants of their postmaster.
part_pids() { # part (`all`: every part), its pid file's name in run/
  local files roots leader
  files=$(grep -lzxF "$MARK=$STATE" /proc/[0-9]*/environ 2>/dev/null || true)
  if [ "$1" != all ] && [ -n "$files" ]; then
    # shellcheck disable=SC2086
    files=$(grep -lzxF "VIGIE_TWO_SITES_PART=$1" $files 2>/dev/null || true)
  fi
  roots=$(sed -n 's|^/proc/\([0-9]*\)/environ$|\1|p' <<<"$files" | grep -vx -e "$$" -e "$BASHPID" || true)
  # The part's own process, from its pid file, if it is still ours (nginx rewrites its environment
  # with its process title, as PostgreSQL does: it is known by its working folder, $STATE).
  leader=$(cat "$STATE/run/${2:-none}.pid" 2>/dev/null || true)
  if [ -n "$leader" ] && { grep -qzxF "$MARK=$STATE" "/proc/$leader/environ" 2>/dev/null ||
    [[ "$(readlink "/proc/$leader/cwd" 2>/dev/null)/" == "$STATE"/* ]]; }; then
    roots=$(printf '%s\n%s' "$roots" "$leader")
  fi
  [ -n "$roots" ] || return 0
  # Zombies are left out: they are dead already, and their parent (or init) reaps them.
  ps -e -o pid=,ppid=,stat= | awk -v roots="$roots" '
    BEGIN { n = split(roots, r, "\n"); for (i = 1; i <= n; i++) if (r[i] != "") keep[r[i]] = 1 }
    $3 !~ /^Z/ { parent[$1] = $2 }
    END {
      do { added = 0; for (p in parent) if (!(p in keep) && (parent[p] in keep)) { keep[p] = 1; added = 1 } } while (added)
      for (p in keep) if (p in parent) print p
    }'
}
