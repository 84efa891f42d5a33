#!/usr/bin/env bash
# Stops the two-site drill that up.sh started (nginx, the Vigie nodes, the PostgreSQL keepers, the
# monitor, in that order) and removes its folder ($VIGIE_TWO_SITES_DIR, default /tmp/vigie-two-sites).
# Only processes up.sh started for that folder are touched: they carry VIGIE_TWO_SITES_STATE=<folder>
# in their environment (their children are found through them), or work inside the folder.
set -euo pipefail

STATE=${VIGIE_TWO_SITES_DIR:-/tmp/vigie-two-sites}
MARK=VIGIE_TWO_SITES_STATE
case "$STATE" in /*) ;; *)
  echo "down.sh : VIGIE_TWO_SITES_DIR doit être un chemin absolu : $STATE" >&2
  exit 1
  ;;
esac
if [ ! -e "$STATE" ]; then
  echo "Rien à arrêter : $STATE n'existe pas."
  exit 0
fi
say() { printf '[down %s] %s\n' "$(date +%T)" "$*"; }

# shellcheck source=parts.sh
source "$(dirname "$0")/parts.sh"
# Processes whose working folder is inside the state folder (PostgreSQL's run in their data folder).
inside_pids() {
  # (find fails on processes that end while it looks: that is no error here)
  { find /proc/[0-9]*/cwd -maxdepth 0 \( -lname "$STATE" -o -lname "$STATE/*" -o -lname "$STATE (deleted)" \) 2>/dev/null || true; } |
    cut -d/ -f3
}

# TERM to the part's own process (its pid file: it stops its children itself), then KILL to whatever
# of the part is left after `patience` seconds.
stop_part() { # part, its pid file's name, patience in seconds
  local pids leader
  pids=$(part_pids "$1" "$2")
  [ -n "$pids" ] || return 0
  leader=$(cat "$STATE/run/$2.pid" 2>/dev/null || true)
  if [ -n "$leader" ] && grep -qx "$leader" <<<"$pids"; then
    kill -TERM "$leader" 2>/dev/null || true
  else
    # shellcheck disable=SC2086
    kill -TERM $pids 2>/dev/null || true
  fi
  for _ in $(seq $(($3 * 5))); do
    [ -n "$(part_pids "$1" "$2")" ] || { say "$1 arrêté"; return 0; }
    sleep 0.2
  done
  pids=$(part_pids "$1" "$2")
  # shellcheck disable=SC2086
  [ -z "$pids" ] || kill -KILL $pids 2>/dev/null || true
  say "$1 tué (ne s'arrêtait pas dans les $3 s)"
}

stop_part nginx nginx 10
# SIGTERM: a Vigie node tells its screens it restarts, commits what is queued, and exits.
stop_part vigie-a vigie-a 20
stop_part vigie-b vigie-b 20
# pg_autoctl stops its PostgreSQL (fast shutdown) and exits.
stop_part site-b pg-b 30
stop_part site-a pg-a 30
stop_part monitor monitor 30
# Anything left (a tool still running, an orphan): killed.
left=$( (part_pids all; inside_pids) | sort -u)
if [ -n "$left" ]; then
  say "processus restants, tués : $(tr '\n' ' ' <<<"$left")"
  # shellcheck disable=SC2086
  kill -KILL $left 2>/dev/null || true
  sleep 0.5
fi

rm -rf "$STATE"
left=$( (part_pids all; inside_pids) | sort -u)
if [ -n "$left" ] || [ -e "$STATE" ]; then
  echo "down.sh : il reste quelque chose (processus : ${left:-aucun} ; dossier : $( [ -e "$STATE" ] && echo présent || echo effacé))" >&2
  exit 1
fi
say "tout est arrêté, $STATE effacé"
