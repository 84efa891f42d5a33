#!/usr/bin/env bash
# Vigie on two sites, on one machine, for a demonstration or a drill (see README.md here):
#   site A, 127.0.0.2: PostgreSQL primary (pg_auto_failover keeper) and a Vigie node
#   site B, 127.0.0.3: PostgreSQL synchronous standby (keeper) and a Vigie node
#   127.0.0.1:         the pg_auto_failover monitor, and nginx in front (deploy/nginx/vigie.conf)
# Everything lives under one folder ($VIGIE_TWO_SITES_DIR, default /tmp/vigie-two-sites): data,
# logs, pid files, the settings used (two-sites.env) and a start script per part (bin/), which
# down.sh and cut-site.sh read. down.sh stops everything and removes the folder.
#
# Ports (environment, defaults): NGINX_PORT 8090, MONITOR_PORT 5500, PG_PORT_A 5501, PG_PORT_B 5502,
# VIGIE_PORT_A 8091, VIGIE_PORT_B 8092. FAILOVER_TIMINGS=default keeps pg_auto_failover's own
# failure detection (a failover then takes about 50 s) instead of the drill's (below).
# VIGIE_TWO_SITES_DB_URL replaces the database URL given to the Vigie nodes (default: the
# formation's multi-host URI).
#
# Run as root (it installs what is missing: postgresql-15-auto-failover pg-auto-failover-cli nginx;
# PostgreSQL runs as the `postgres` user, its binaries refuse root), or as a user who has them.
set -euo pipefail

started_at=$(date +%s)
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
STATE=${VIGIE_TWO_SITES_DIR:-/tmp/vigie-two-sites}
FRONT_ADDR=127.0.0.1
SITE_A_ADDR=127.0.0.2
SITE_B_ADDR=127.0.0.3
NGINX_PORT=${NGINX_PORT:-8090}
MONITOR_PORT=${MONITOR_PORT:-5500}
PG_PORT_A=${PG_PORT_A:-5501}
PG_PORT_B=${PG_PORT_B:-5502}
VIGIE_PORT_A=${VIGIE_PORT_A:-8091}
VIGIE_PORT_B=${VIGIE_PORT_B:-8092}
FAILOVER_TIMINGS=${FAILOVER_TIMINGS:-fast}
DB_NAME=vigie
PGBIN=/usr/lib/postgresql/15/bin

say() { printf '[up %s] %s\n' "$(date +%T)" "$*"; }
die() {
  printf 'up.sh : %s\n' "$*" >&2
  exit 1
}
on_exit() {
  local rc=$?
  [ $rc -eq 0 ] || printf 'up.sh : échec (%s). Journaux : %s/logs ; tout arrêter et effacer : %s/down.sh\n' "$rc" "$STATE" "$(dirname "$0")" >&2
}
trap on_exit EXIT

case "$STATE" in /*) ;; *) die "VIGIE_TWO_SITES_DIR doit être un chemin absolu : $STATE" ;; esac
[ -e "$STATE" ] && die "$STATE existe déjà (une démonstration en cours ?) : lancez d'abord deploy/two-sites/down.sh"
case "$FAILOVER_TIMINGS" in fast | default) ;; *) die "FAILOVER_TIMINGS : fast ou default, pas $FAILOVER_TIMINGS" ;; esac

# --- What is needed ----------------------------------------------------------------------------
missing=()
command -v pg_autoctl >/dev/null || missing+=(pg-auto-failover-cli)
[ -e /usr/share/postgresql/15/extension/pgautofailover.control ] || missing+=(postgresql-15-auto-failover)
[ -x /usr/sbin/nginx ] || command -v nginx >/dev/null || missing+=(nginx)
if [ ${#missing[@]} -gt 0 ]; then
  [ "$(id -u)" -eq 0 ] || die "il manque ${missing[*]} : apt-get install -y ${missing[*]} (en root)"
  say "installation de ${missing[*]}"
  apt-get install -y "${missing[@]}" >/dev/null || { apt-get update >/dev/null && apt-get install -y "${missing[@]}" >/dev/null; }
fi
NGINX_BIN=$(command -v nginx || echo /usr/sbin/nginx)
NODE_BIN=$(command -v node) || die "node introuvable"
for tool in curl setsid "$PGBIN/pg_ctl" "$PGBIN/psql"; do command -v "$tool" >/dev/null || die "introuvable : $tool"; done

# Every address:port must be free (a listener on 0.0.0.0 or on the address itself answers).
for endpoint in "$FRONT_ADDR:$NGINX_PORT" "$FRONT_ADDR:$MONITOR_PORT" "$SITE_A_ADDR:$PG_PORT_A" \
  "$SITE_B_ADDR:$PG_PORT_B" "$SITE_A_ADDR:$VIGIE_PORT_A" "$SITE_B_ADDR:$VIGIE_PORT_B"; do
  if (exec 3<>"/dev/tcp/${endpoint%:*}/${endpoint#*:}") 2>/dev/null; then die "$endpoint est déjà pris (changez le port : voir l'en-tête de up.sh)"; fi
done

# The dashboard is served by the Vigie nodes themselves.
if [ ! -f "$ROOT/client/dist/index.html" ]; then
  say "construction du client (client/dist absent)"
  (
    cd "$ROOT"
    # shellcheck source=/dev/null
    source scripts/pnpm.sh
    [ -d node_modules ] || pnpm install --frozen-lockfile
    pnpm --filter @vigie/client build
  ) >/dev/null || die "la construction du client a échoué (pnpm --filter @vigie/client build)"
fi

# --- The state folder --------------------------------------------------------------------------
PGROOT=$STATE/pg
SOCK=$PGROOT/sock
mkdir -p "$STATE"/{logs,run,bin,nginx/tmp,nginx/cache,vigie-a,vigie-b} \
  "$PGROOT"/{sock,xdg/config,xdg/data,xdg/run}
chmod 755 "$STATE"
chmod 700 "$PGROOT/xdg/run"
# Every process started here carries these two variables: down.sh and cut-site.sh find what is left
# of a part by them (its children included), and touch nothing else.
MARK=VIGIE_TWO_SITES_STATE
# PostgreSQL's processes run as `postgres` (as the invoking user when not root), with their
# configuration, state and pid files (pg_autoctl's XDG folders) and their sockets under $STATE.
pg_env=(env -i "PATH=$PGBIN:/usr/bin:/bin" "HOME=$PGROOT" "LANG=C.UTF-8" "PGHOST=$SOCK"
  "XDG_CONFIG_HOME=$PGROOT/xdg/config" "XDG_DATA_HOME=$PGROOT/xdg/data" "XDG_RUNTIME_DIR=$PGROOT/xdg/run"
  "$MARK=$STATE")
if [ "$(id -u)" -eq 0 ]; then
  chown -R postgres:postgres "$PGROOT"
  pg_as=(setpriv --reuid=postgres --regid=postgres --init-groups)
  nginx_user=www-data
  chown -R "$nginx_user" "$STATE/nginx/tmp" "$STATE/nginx/cache"
else
  pg_as=()
  nginx_user=
fi
pg() { (cd "$PGROOT" && "${pg_as[@]}" "${pg_env[@]}" VIGIE_TWO_SITES_PART=tool "$@"); }
monitor_sql() { pg psql -X -q -At -p "$MONITOR_PORT" -d pg_auto_failover -c "$1"; }

# The settings, for the start scripts, down.sh and cut-site.sh.
save_env() {
  declare -p ROOT STATE FRONT_ADDR SITE_A_ADDR SITE_B_ADDR NGINX_PORT MONITOR_PORT PG_PORT_A PG_PORT_B \
    VIGIE_PORT_A VIGIE_PORT_B DB_NAME PGBIN PGROOT SOCK MARK NGINX_BIN NODE_BIN FAILOVER_TIMINGS \
    pg_env pg_as "$@" >"$STATE/two-sites.env"
}
save_env

# One start script per part, in its own session (setsid: the part and its children form one process
# group), its pid in run/, its output in logs/. They start a part again after cut-site.sh, too.
write_start() { # name, command line (already quoted) [, first-run command line, file a first run leaves]
  local launch="setsid $2 >>\"$STATE/logs/$1.log\" 2>&1 </dev/null &"
  [ $# -gt 2 ] && launch="if [ -e '$4' ]; then
  $launch
else
  setsid $3 >>\"$STATE/logs/$1.log\" 2>&1 </dev/null &
fi"
  cat >"$STATE/bin/start-$1" <<EOF
#!/usr/bin/env bash
# Starts "$1" of the two-site drill in the background (written by deploy/two-sites/up.sh).
set -euo pipefail
source "$STATE/two-sites.env"
cd "$STATE"
$launch
echo \$! >"$STATE/run/$1.pid"
EOF
  chmod +x "$STATE/bin/start-$1"
}
pg_line() { # part name, pg_autoctl arguments
  # shellcheck disable=SC2016 # expanded by the start script, after it reads two-sites.env
  printf '"${pg_as[@]}" "${pg_env[@]}" VIGIE_TWO_SITES_PART=%s pg_autoctl %s' "$1" "$2"
}

# pg_autoctl as PostgreSQL's user with the drill's folders, on the monitor unless --pgdata says
# otherwise: `$STATE/bin/pg_autoctl show state` (run without them it would look elsewhere, and
# leave its pid folder in /tmp).
cat >"$STATE/bin/pg_autoctl" <<EOF
#!/usr/bin/env bash
source "$STATE/two-sites.env"
cd "\$PGROOT"
exec "\${pg_as[@]}" "\${pg_env[@]}" VIGIE_TWO_SITES_PART=tool PGDATA="\$PGROOT/monitor" pg_autoctl "\$@"
EOF
chmod +x "$STATE/bin/pg_autoctl"

# --- The monitor -------------------------------------------------------------------------------
# The data folders are made before pg_autoctl sees them, so that PostgreSQL's sockets go to $SOCK
# (instead of /var/run/postgresql); site B's is copied from site A's by pg_basebackup.
init_pgdata() {
  pg pg_ctl initdb -s -D "$1" -o --auth=trust >/dev/null
  echo "unix_socket_directories = '$SOCK'" >>"$1/postgresql.conf"
}
say "moniteur pg_auto_failover sur $FRONT_ADDR:$MONITOR_PORT"
init_pgdata "$PGROOT/monitor"
pg pg_autoctl create monitor --pgdata "$PGROOT/monitor" --pgport "$MONITOR_PORT" --hostname "$FRONT_ADDR" \
  --auth trust --no-ssl >>"$STATE/logs/monitor.log" 2>&1
pg pg_autoctl config set --pgdata "$PGROOT/monitor" postgresql.listen_addresses "$FRONT_ADDR" >/dev/null
write_start monitor "$(pg_line monitor "run --pgdata '$PGROOT/monitor'")"
"$STATE/bin/start-monitor"
for _ in $(seq 60); do if monitor_sql 'select 1' >/dev/null 2>&1; then break; fi; sleep 0.5; done
MONITOR_URI=$(pg pg_autoctl show uri --pgdata "$PGROOT/monitor" --formation monitor)

# Failure detection for the drill (pg_auto_failover's defaults in brackets). The monitor declares the
# primary unhealthy once it has not reported for node_considered_unhealthy_timeout and its health
# check fails (a connection every health_check_period, each health_check_timeout long, retried
# health_check_max_retries times health_check_retry_delay apart); it then has the standby stop
# replicating and waits primary_demote_timeout for the old primary to step down before promoting it.
# A primary that is alive but cut from the monitor and its standby steps down by itself after its
# keeper's network_partition_timeout, which must stay shorter than primary_demote_timeout.
# Measured on one machine (README.md): with these, the standby is writable 10 s after the primary's
# site is cut (16 s with primary_demote_timeout at 10 s; 51 s with the defaults, 20 s of detection
# and 30 of demote timeout). For real, leave more margin over network blips (a needless failover
# suspends changes too), but keep the detection well under Vigie's 15 s query timeout: while a lost
# standby is being detected, every commit waits for it.
FAST_MONITOR_SETTINGS=(health_check_period=1000 health_check_timeout=1000 health_check_max_retries=1
  health_check_retry_delay=500 node_considered_unhealthy_timeout=4000 primary_demote_timeout=5000)
# ([5000] [5000] [2] [2000] [20000] [30000] ms)
FAST_KEEPER_PARTITION_TIMEOUT=3 # s [20]
if [ "$FAILOVER_TIMINGS" = fast ]; then
  for setting in "${FAST_MONITOR_SETTINGS[@]}"; do
    monitor_sql "alter system set pgautofailover.${setting%=*} = ${setting#*=}" >/dev/null
  done
  monitor_sql 'select pg_reload_conf()' >/dev/null
fi
# Applied to a keeper once it exists (its configuration is written when it is created).
fast_keeper() { # site letter
  [ "$FAILOVER_TIMINGS" = fast ] || return 0
  pg pg_autoctl config set --pgdata "$PGROOT/site-$1" timeout.network_partition_timeout "$FAST_KEEPER_PARTITION_TIMEOUT" >/dev/null
}

# --- The PostgreSQL nodes ----------------------------------------------------------------------
keeper_args() { # site letter, address, port
  printf "create postgres --pgdata '%s' --pgport %s --hostname %s --listen %s --name site-%s --dbname %s --auth trust --no-ssl --monitor '%s' --run" \
    "$PGROOT/site-$1" "$3" "$2" "$2" "$1" "$DB_NAME" "$MONITOR_URI"
}
# A start script creates the node the first time, and runs it afterwards (after a cut).
write_keeper_start() { # site letter, address, port
  write_start "pg-$1" "$(pg_line "site-$1" "run --pgdata '$PGROOT/site-$1'")" \
    "$(pg_line "site-$1" "$(keeper_args "$@")")" "$PGROOT/xdg/config/pg_autoctl$PGROOT/site-$1/pg_autoctl.cfg"
}
write_keeper_start a "$SITE_A_ADDR" "$PG_PORT_A"
write_keeper_start b "$SITE_B_ADDR" "$PG_PORT_B"
node_states() { monitor_sql "select string_agg(nodename || '=' || reportedstate || '/' || goalstate, ' ' order by nodeid) from pgautofailover.node where formationid = 'default'"; }

say "site A : PostgreSQL (primaire) sur $SITE_A_ADDR:$PG_PORT_A"
init_pgdata "$PGROOT/site-a"
"$STATE/bin/start-pg-a"
for _ in $(seq 120); do if [[ "$(node_states 2>/dev/null)" == *site-a=single/single* ]]; then break; fi; sleep 0.5; done
[[ "$(node_states)" == *site-a=single/single* ]] || die "site A n'est pas devenu « single » : $(node_states)"
fast_keeper a

say "site B : PostgreSQL (secondaire synchrone) sur $SITE_B_ADDR:$PG_PORT_B"
"$STATE/bin/start-pg-b"
# Site B is made by pg_basebackup, which waits for the primary's next checkpoint (spread over
# minutes by default): a CHECKPOINT on the primary lets it go at once.
ready=
for i in $(seq 180); do
  states=$(node_states 2>/dev/null || true)
  if [[ "$states" == *site-a=primary/primary*site-b=secondary/secondary* ]]; then ready=1 && break; fi
  if [ $((i % 3)) -eq 1 ]; then pg psql -X -q -h "$SOCK" -p "$PG_PORT_A" -d postgres -c checkpoint >/dev/null 2>&1 || true; fi
  sleep 1
done
[ -n "$ready" ] || die "la formation n'a pas de primaire et de secondaire : $(node_states)"
fast_keeper b
sync_names=$(pg psql -X -At -p "$PG_PORT_A" -d postgres -c 'show synchronous_standby_names')

# The formation's multi-host URI (the primary is whichever host accepts writes), with the role the
# nodes connect as; sslmode is left out: the drill runs without TLS (--no-ssl).
FORMATION_URI=$(pg pg_autoctl show uri --pgdata "$PGROOT/monitor" --formation default)
hosts=${FORMATION_URI#postgres://}
hosts=${hosts%%/*}
DB_URL=${VIGIE_TWO_SITES_DB_URL:-"postgres://postgres@$hosts/$DB_NAME?target_session_attrs=read-write"}
ORIGINS="http://$FRONT_ADDR:$NGINX_PORT,http://localhost:$NGINX_PORT"
save_env MONITOR_URI FORMATION_URI DB_URL ORIGINS

# --- The Vigie nodes ---------------------------------------------------------------------------
vigie_line() { # site letter, address, port
  printf 'env -C %q %q VIGIE_TWO_SITES_PART=vigie-%s VIGIE_MODE=live HOST=%s PORT=%s VIGIE_DATA_DIR=%q VIGIE_DATABASE_URL=%q ALLOWED_ORIGINS=%q TRUST_PROXY=%s %q --import tsx src/main.ts' \
    "$ROOT/server" "$MARK=$STATE" "$1" "$2" "$3" "$STATE/vigie-$1" "$DB_URL" "$ORIGINS" "$FRONT_ADDR" "$NODE_BIN"
}
write_start vigie-a "$(vigie_line a "$SITE_A_ADDR" "$VIGIE_PORT_A")"
write_start vigie-b "$(vigie_line b "$SITE_B_ADDR" "$VIGIE_PORT_B")"
say "nœuds Vigie : site A sur $SITE_A_ADDR:$VIGIE_PORT_A, site B sur $SITE_B_ADDR:$VIGIE_PORT_B"
"$STATE/bin/start-vigie-a"
"$STATE/bin/start-vigie-b"
wait_ready() { # url, log name
  for _ in $(seq 240); do
    curl -fsS -m 2 "$1" >/dev/null 2>&1 && return 0
    kill -0 "$(cat "$STATE/run/$2.pid")" 2>/dev/null || { tail -n 20 "$STATE/logs/$2.log" >&2; die "$2 s'est arrêté"; }
    sleep 0.5
  done
  tail -n 20 "$STATE/logs/$2.log" >&2
  die "$1 ne répond pas 200"
}
wait_ready "http://$SITE_A_ADDR:$VIGIE_PORT_A/readyz" vigie-a
wait_ready "http://$SITE_B_ADDR:$VIGIE_PORT_B/readyz" vigie-b

# --- nginx -------------------------------------------------------------------------------------
# deploy/nginx/vigie.conf itself, with the drill's ports and folders.
conf_in=$ROOT/deploy/nginx/vigie.conf
conf=$STATE/nginx/vigie.conf
sed -e "s|127\.0\.0\.2:8091|$SITE_A_ADDR:$VIGIE_PORT_A|" \
  -e "s|127\.0\.0\.3:8092|$SITE_B_ADDR:$VIGIE_PORT_B|" \
  -e "s|listen 127\.0\.0\.1:8090;|listen $FRONT_ADDR:$NGINX_PORT;|" \
  -e "s|/var/log/nginx/vigie-access\.log|$STATE/logs/nginx-access.log|" \
  -e "s|/var/lib/nginx/vigie-cache|$STATE/nginx/cache|" "$conf_in" >"$conf"
for expected in "server $SITE_A_ADDR:$VIGIE_PORT_A " "server $SITE_B_ADDR:$VIGIE_PORT_B " \
  "listen $FRONT_ADDR:$NGINX_PORT;" "$STATE/logs/nginx-access.log" "$STATE/nginx/cache"; do
  grep -qF "$expected" "$conf" || die "deploy/nginx/vigie.conf a changé : « $expected » introuvable après substitution"
done
{
  [ -n "$nginx_user" ] && echo "user $nginx_user;"
  cat <<EOF
worker_processes 1;
pid $STATE/nginx/nginx.pid;
error_log $STATE/logs/nginx-error.log;
events { worker_connections 4096; }
http {
    client_body_temp_path $STATE/nginx/tmp/body;
    proxy_temp_path $STATE/nginx/tmp/proxy;
    fastcgi_temp_path $STATE/nginx/tmp/fastcgi;
    uwsgi_temp_path $STATE/nginx/tmp/uwsgi;
    scgi_temp_path $STATE/nginx/tmp/scgi;
    include $conf;
}
EOF
} >"$STATE/nginx/nginx.conf"
nginx_args="-p '$STATE/nginx' -c '$STATE/nginx/nginx.conf' -e '$STATE/logs/nginx-error.log'"
eval "'$NGINX_BIN' $nginx_args -t" >>"$STATE/logs/nginx-error.log" 2>&1 || { tail -n 5 "$STATE/logs/nginx-error.log" >&2; die "configuration nginx refusée"; }
# nginx runs in the foreground of its session (daemon off), like the other parts.
write_start nginx "env $MARK='$STATE' VIGIE_TWO_SITES_PART=nginx '$NGINX_BIN' $nginx_args -g 'daemon off;'"
say "nginx sur $FRONT_ADDR:$NGINX_PORT"
"$STATE/bin/start-nginx"
wait_ready "http://$FRONT_ADDR:$NGINX_PORT/readyz" nginx

# --- Where things run ------------------------------------------------------------------------
timings="réglages par défaut de pg_auto_failover (bascule en 50 s environ)"
[ "$FAILOVER_TIMINGS" = fast ] &&
  timings="détection raccourcie pour l'exercice : moniteur ${FAST_MONITOR_SETTINGS[*]} (ms), keepers network_partition_timeout=${FAST_KEEPER_PARTITION_TIMEOUT} s"
elapsed=$(($(date +%s) - started_at))
cat <<EOF

Vigie sur deux sites, prêt en ${elapsed} s. Dossier : $STATE (journaux : logs/, pid : run/)

  Ouvrir :        http://$FRONT_ADDR:$NGINX_PORT/   (nginx, $FRONT_ADDR:$NGINX_PORT)
  Site A :        Vigie http://$SITE_A_ADDR:$VIGIE_PORT_A   PostgreSQL $SITE_A_ADDR:$PG_PORT_A (primaire)
  Site B :        Vigie http://$SITE_B_ADDR:$VIGIE_PORT_B   PostgreSQL $SITE_B_ADDR:$PG_PORT_B (secondaire)
  Moniteur :      $MONITOR_URI
  Réplication :   synchronous_standby_names = '$sync_names' (synchronous_commit=on côté Vigie)
  Bascule :       $timings
  Base (Vigie) :  $DB_URL

Premier administrateur (lien de connexion à usage unique) :
  cd $ROOT && VIGIE_MODE=live VIGIE_DATABASE_URL='$DB_URL' VIGIE_DATA_DIR=$STATE/vigie-a ALLOWED_ORIGINS=http://$FRONT_ADDR:$NGINX_PORT pnpm admin <identifiant> "<Prénom Nom>"

État de la formation :  $STATE/bin/pg_autoctl show state
Écriture possible ? :   curl -s http://$SITE_A_ADDR:$VIGIE_PORT_A/readyz ; curl -s http://$SITE_B_ADDR:$VIGIE_PORT_B/readyz   (champ "writable")
Couper un site :        $ROOT/deploy/two-sites/cut-site.sh a|b
Relancer une partie :   $STATE/bin/start-pg-a, start-vigie-a (de même pour b, monitor, nginx)
Tout arrêter :          $ROOT/deploy/two-sites/down.sh
EOF
