#!/usr/bin/env bash
# For drills: simulates the loss of a site of the two-site deployment up.sh started, as a power cut
# would: SIGKILL, all at once, to its Vigie node and to its PostgreSQL keeper (pg_autoctl, its
# postgres and every child). Nothing is told first; nothing on the site gets to clean up.
#   deploy/two-sites/cut-site.sh a|b
# To bring the site back: $VIGIE_TWO_SITES_DIR/bin/start-pg-a then start-vigie-a (or -b); its
# PostgreSQL rejoins as the standby of whichever node is primary by then.
set -euo pipefail

site=${1:-}
case "$site" in a | b) ;; *)
  echo "usage : $0 a|b   (a : site A, b : site B)" >&2
  exit 2
  ;;
esac
STATE=${VIGIE_TWO_SITES_DIR:-/tmp/vigie-two-sites}
[ -f "$STATE/two-sites.env" ] || {
  echo "cut-site.sh : aucune démonstration en cours dans $STATE (lancez up.sh)" >&2
  exit 1
}
# shellcheck source=/dev/null
source "$STATE/two-sites.env"

# shellcheck source=parts.sh
source "$(dirname "$0")/parts.sh"

pids=$( (part_pids "vigie-$site" "vigie-$site"; part_pids "site-$site" "pg-$site") | sort -un)
if [ -z "$pids" ]; then
  echo "Site ${site^^} : plus rien ne tourne (déjà coupé ?)."
  exit 0
fi
# shellcheck disable=SC2086
kill -KILL $pids 2>/dev/null || true
cut_at=$(date +%T.%3N)
# Gone once only zombies (dead, waiting to be reaped) are left.
for _ in $(seq 20); do
  # shellcheck disable=SC2086
  alive=$(ps -o pid=,stat= -p "$(tr '\n' ',' <<<"$pids" | sed 's/,$//')" 2>/dev/null | awk '$2 !~ /^Z/ { print $1 }' | tr '\n' ' ' || true)
  [ -z "$alive" ] && break
  sleep 0.1
done
echo "Site ${site^^} coupé à $cut_at : SIGKILL à $(wc -w <<<"$pids") processus (nœud Vigie, pg_autoctl, PostgreSQL)${alive:+ ; encore là : $alive}"
addr_var=SITE_${site^^}_ADDR
port_var=VIGIE_PORT_${site^^}
other=$([ "$site" = a ] && echo B || echo A)
other_addr_var=SITE_${other}_ADDR
other_port_var=VIGIE_PORT_${other}
cat <<EOF
Suivre :
  la formation : $STATE/bin/pg_autoctl show state
  l'écriture :   curl -s http://${!other_addr_var}:${!other_port_var}/readyz   (le site ${other}, champ "writable" : ne passe à false qu'au premier changement refusé)
  par nginx :    curl -s http://$FRONT_ADDR:$NGINX_PORT/readyz
Ramener le site : $STATE/bin/start-pg-$site && $STATE/bin/start-vigie-$site   (Vigie : http://${!addr_var}:${!port_var})
EOF
