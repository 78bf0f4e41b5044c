#!/usr/bin/env bash
# A highly available PostgreSQL cluster on one machine, from Debian's packages: one etcd,
# three PostgreSQL 15 servers managed by Patroni (synchronous replication, pg_rewind) and
# HAProxy routing to the primary and the replicas by Patroni's REST health checks, plus an
# HTTP frontend balancing two Probity nodes by /readyz. Everything listens on 127.0.0.1
# only and lives in one folder, removed by `down`.
#
#   cluster/cluster.sh up DIR       bring it up in DIR (created; must not exist or be empty)
#   cluster/cluster.sh down DIR     stop every process and remove DIR
#   cluster/cluster.sh status DIR   patronictl list
#   cluster/cluster.sh primary DIR  the primary's member name (pg1, pg2 or pg3)
#   cluster/cluster.sh kill-primary DIR      kill -9 the primary's postmaster; prints the member name
#   cluster/cluster.sh restart-etcd DIR [S]  stop etcd (SIGTERM), wait S seconds (default 0), start it again on its data
#   cluster/cluster.sh wait-role DIR NAME ROLE SECONDS   wait until NAME runs as ROLE (primary|replica)
#
# Ports (CLUSTER_PORT_BASE, default 26000): etcd base+0/+1, PostgreSQL base+10..12,
# Patroni REST base+20..22, HAProxy primary base+30, replicas base+31, Probity frontend
# base+40 balancing the Probity nodes expected on base+41 and base+42.
# Needs: apt-get install patroni etcd-server haproxy postgresql-15. Run as root (Patroni and
# PostgreSQL then run as the postgres user) or as any other user (they run as that user).
set -euo pipefail

BASE=${CLUSTER_PORT_BASE:-26000}
PG_BIN=/usr/lib/postgresql/15/bin
ETCD_CLIENT=$((BASE)) ETCD_PEER=$((BASE + 1))
HAPROXY_PRIMARY=$((BASE + 30)) HAPROXY_REPLICAS=$((BASE + 31)) PROBITY_FRONTEND=$((BASE + 40))
NODES=(pg1 pg2 pg3)
SUPERUSER_PASSWORD=cluster-superuser REPLICATION_PASSWORD=cluster-replication
# The role and database Probity uses (docs/deployment.md: PROBITY_DB).
PROBITY_USER=probity PROBITY_PASSWORD=probity

pg_port() { echo $((BASE + 10 + ${1#pg} - 1)); }
rest_port() { echo $((BASE + 20 + ${1#pg} - 1)); }

# PostgreSQL refuses to run as root: as root, run Patroni (and so postgres) as postgres.
# Replaces the calling (background) subshell, so that $! is Patroni's own pid.
exec_as_postgres() {
  if [ "$(id -u)" = 0 ]; then HOME=/var/lib/postgresql exec setpriv --reuid=postgres --regid=postgres --init-groups "$@"; else exec "$@"; fi
}

die() { echo "cluster: $*" >&2; exit 1; }

# Runs "$2..." every 0.2 s until it succeeds, for at most $1 seconds.
wait_for() {
  local seconds=$1; shift
  local deadline=$((SECONDS + seconds))
  until "$@" >/dev/null 2>&1; do
    [ $SECONDS -lt $deadline ] || return 1
    sleep 0.2
  done
}

http_ok() { curl -fsS --max-time 1 -o /dev/null "$1"; }

start_etcd() {
  local dir=$1
  etcd --name e1 --data-dir "$dir/etcd" \
    --listen-client-urls "http://127.0.0.1:$ETCD_CLIENT" --advertise-client-urls "http://127.0.0.1:$ETCD_CLIENT" \
    --listen-peer-urls "http://127.0.0.1:$ETCD_PEER" --initial-advertise-peer-urls "http://127.0.0.1:$ETCD_PEER" \
    --initial-cluster "e1=http://127.0.0.1:$ETCD_PEER" --initial-cluster-state new \
    >>"$dir/etcd.log" 2>&1 &
  echo $! >"$dir/etcd.pid"
  wait_for 20 http_ok "http://127.0.0.1:$ETCD_CLIENT/health" || die "etcd did not start (see $dir/etcd.log)"
}

patroni_config() {
  local dir=$1 name=$2
  local node="$dir/$name"
  cat <<YAML
scope: probity
name: $name
restapi:
  listen: 127.0.0.1:$(rest_port "$name")
  connect_address: 127.0.0.1:$(rest_port "$name")
etcd3:
  hosts: 127.0.0.1:$ETCD_CLIENT
log:
  level: INFO
bootstrap:
  dcs:
    # Failover within seconds: a leader key lives 10 s; the loop runs every 2 s.
    # loop_wait + 2 * retry_timeout must not exceed ttl.
    ttl: 10
    loop_wait: 2
    retry_timeout: 4
    maximum_lag_on_failover: 1048576
    # A crashed primary is failed over at once instead of being restarted in place.
    primary_start_timeout: 0
    # A commit returns only once a synchronous standby has it; strict: with no standby
    # left, writes wait rather than go on unreplicated (nothing acknowledged is lost).
    synchronous_mode: true
    synchronous_mode_strict: true
    # While etcd cannot be reached, the primary stays primary as long as every other member
    # confirms it over Patroni's REST API, instead of demoting itself after retry_timeout.
    failsafe_mode: true
    postgresql:
      use_pg_rewind: true
      use_slots: true
      parameters:
        wal_level: replica
        hot_standby: "on"
        wal_log_hints: "on"
        max_connections: 200
        max_wal_senders: 10
        max_replication_slots: 10
        wal_keep_size: 256MB
  initdb:
    - encoding: UTF8
    - locale: C.UTF-8
    - data-checksums
  pg_hba:
    - local all all trust
    - host replication replicator 127.0.0.1/32 scram-sha-256
    - host all all 127.0.0.1/32 scram-sha-256
postgresql:
  listen: 127.0.0.1:$(pg_port "$name")
  connect_address: 127.0.0.1:$(pg_port "$name")
  data_dir: $node/data
  bin_dir: $PG_BIN
  pgpass: $node/pgpass
  authentication:
    superuser:
      username: postgres
      password: $SUPERUSER_PASSWORD
    replication:
      username: replicator
      password: $REPLICATION_PASSWORD
  parameters:
    unix_socket_directories: $node
  # A rejoining old primary whose history cannot be rewound is cloned afresh.
  remove_data_directory_on_rewind_failure: true
  remove_data_directory_on_diverged_timelines: true
YAML
}

start_patroni() {
  local dir=$1 name=$2
  exec_as_postgres patroni "$dir/$name/patroni.yml" >>"$dir/$name/patroni.log" 2>&1 &
  echo $! >"$dir/$name/patroni.pid"
}

haproxy_config() {
  local dir=$1
  cat <<CFG
global
  maxconn 2000
  log stdout format raw local0 warning
defaults
  log global
  timeout connect 2s
  timeout client 30m
  timeout server 30m
  timeout check 1s
# PostgreSQL: the primary is whichever member answers 200 on Patroni's /primary;
# on a change, connections to the old one are closed so that clients reconnect.
listen postgres-primary
  mode tcp
  bind 127.0.0.1:$HAPROXY_PRIMARY
  option httpchk GET /primary
  http-check expect status 200
  default-server inter 1s fall 2 rise 1 on-marked-down shutdown-sessions
$(for name in "${NODES[@]}"; do echo "  server $name 127.0.0.1:$(pg_port "$name") maxconn 300 check port $(rest_port "$name")"; done)
listen postgres-replicas
  mode tcp
  bind 127.0.0.1:$HAPROXY_REPLICAS
  balance roundrobin
  option httpchk GET /replica
  http-check expect status 200
  default-server inter 1s fall 2 rise 1 on-marked-down shutdown-sessions
$(for name in "${NODES[@]}"; do echo "  server $name 127.0.0.1:$(pg_port "$name") maxconn 300 check port $(rest_port "$name")"; done)
# Probity: HTTP across the nodes that answer /readyz 200. A request that cannot connect
# to a node goes to another one; one in flight on a node that dies is not replayed.
listen probity
  mode http
  bind 127.0.0.1:$PROBITY_FRONTEND
  balance roundrobin
  timeout client 60s
  timeout server 60s
  option httpchk GET /readyz
  http-check expect status 200
  option redispatch
  retries 2
  # With no node ready (all lose the database during a failover), answer as a node would.
  errorfile 503 $dir/no-ready-node.http
  default-server inter 500ms fall 2 rise 2
  server probity1 127.0.0.1:$((BASE + 41)) check
  server probity2 127.0.0.1:$((BASE + 42)) check
CFG
}

# HAProxy's answer when no Probity node is ready: the problem a node gives when its store
# does not answer (docs/errors.md, not_ready), with the same Retry-After.
no_ready_node() {
  local body='{"type":"/problems/not_ready","title":"The service is not ready","status":503,"detail":"no Probity node is ready; retry after the seconds in Retry-After"}'
  printf 'HTTP/1.1 503 Service Unavailable\r\nContent-Type: application/problem+json\r\nRetry-After: 2\r\nCache-Control: no-store\r\nConnection: close\r\nContent-Length: %d\r\n\r\n%s' "${#body}" "$body"
}

primary_name() {
  local name
  for name in "${NODES[@]}"; do
    if http_ok "http://127.0.0.1:$(rest_port "$name")/primary"; then echo "$name"; return 0; fi
  done
  return 1
}

member_role_is() {
  local name=$1 role=$2
  http_ok "http://127.0.0.1:$(rest_port "$name")/$role"
}

up() {
  local dir=$1
  command -v patroni >/dev/null && command -v etcd >/dev/null && command -v haproxy >/dev/null && [ -x "$PG_BIN/postgres" ] \
    || die "needs Debian's patroni, etcd-server, haproxy and postgresql-15"
  mkdir -p "$dir"
  [ -z "$(ls -A "$dir")" ] || die "$dir is not empty"
  chmod 755 "$dir"
  start_etcd "$dir"
  for name in "${NODES[@]}"; do
    mkdir -p "$dir/$name"
    patroni_config "$dir" "$name" >"$dir/$name/patroni.yml"
    [ "$(id -u)" != 0 ] || chown -R postgres:postgres "$dir/$name"
  done
  haproxy_config "$dir" >"$dir/haproxy.cfg"
  no_ready_node >"$dir/no-ready-node.http"
  haproxy -f "$dir/haproxy.cfg" >>"$dir/haproxy.log" 2>&1 &
  echo $! >"$dir/haproxy.pid"
  # The first member bootstraps the cluster; the others clone it once it leads.
  start_patroni "$dir" pg1
  wait_for 60 member_role_is pg1 primary || die "pg1 did not become primary (see $dir/pg1/patroni.log)"
  start_patroni "$dir" pg2
  start_patroni "$dir" pg3
  wait_for 90 member_role_is pg2 replica || die "pg2 did not start as a replica (see $dir/pg2/patroni.log)"
  wait_for 90 member_role_is pg3 replica || die "pg3 did not start as a replica (see $dir/pg3/patroni.log)"
  wait_for 30 sync_standby_present || die "no synchronous standby"
  wait_for 10 psql_primary -c 'SELECT 1' || die "HAProxy does not reach the primary on $HAPROXY_PRIMARY"
  psql_primary -q -c "CREATE ROLE $PROBITY_USER LOGIN PASSWORD '$PROBITY_PASSWORD'" -c "CREATE DATABASE probity OWNER $PROBITY_USER"
  echo "PROBITY_DB=postgres://$PROBITY_USER:$PROBITY_PASSWORD@127.0.0.1:$HAPROXY_PRIMARY/probity"
  echo "PROBITY_DB_READ=postgres://$PROBITY_USER:$PROBITY_PASSWORD@127.0.0.1:$HAPROXY_REPLICAS/probity"
  echo "PROBITY_FRONTEND=http://127.0.0.1:$PROBITY_FRONTEND"
}

sync_standby_present() {
  curl -fsS --max-time 1 "http://127.0.0.1:$(rest_port pg1)/cluster" | grep -q '"role": *"sync_standby"'
}

psql_primary() {
  PGPASSWORD=$SUPERUSER_PASSWORD PGCONNECT_TIMEOUT=2 "$PG_BIN/psql" -X -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$HAPROXY_PRIMARY" -U postgres -d postgres "$@"
}

# Sends $2 to the process in pid file $1 and waits up to $3 seconds for it to end.
stop_pid_file() {
  local file=$1 signal=$2 seconds=$3 pid
  [ -f "$file" ] || return 0
  pid=$(cat "$file")
  kill "-$signal" "$pid" 2>/dev/null || return 0
  wait_for "$seconds" not_running "$pid" || { kill -KILL "$pid" 2>/dev/null || true; wait_for 5 not_running "$pid" || true; }
}

not_running() { ! kill -0 "$1" 2>/dev/null; }

down() {
  local dir=$1 name pid
  [ -d "$dir" ] || return 0
  # Patroni stops its PostgreSQL when it ends; then make sure no postmaster is left.
  for name in "${NODES[@]}"; do stop_pid_file "$dir/$name/patroni.pid" TERM 20 & done
  wait
  for name in "${NODES[@]}"; do
    if [ -f "$dir/$name/data/postmaster.pid" ]; then
      pid=$(head -1 "$dir/$name/data/postmaster.pid")
      if [ -n "$pid" ] && grep -q postgres "/proc/$pid/comm" 2>/dev/null; then
        kill -QUIT "$pid" 2>/dev/null || true
        wait_for 10 not_running "$pid" || kill -KILL "$pid" 2>/dev/null || true
      fi
    fi
  done
  stop_pid_file "$dir/haproxy.pid" TERM 5
  stop_pid_file "$dir/etcd.pid" TERM 10
  # Last resort, for processes whose pid file was lost: anything still naming this folder.
  for pid in $(grep -lsF "$dir/" /proc/[0-9]*/cmdline | cut -d/ -f3); do
    [ "$pid" != $$ ] && kill -KILL "$pid" 2>/dev/null || true
  done
  rm -rf "$dir"
}

kill_primary() {
  local dir=$1 name pid
  name=$(primary_name) || die "no primary"
  pid=$(head -1 "$dir/$name/data/postmaster.pid")
  kill -KILL "$pid"
  echo "$name"
}

restart_etcd() {
  local dir=$1 down_seconds=${2:-0}
  stop_pid_file "$dir/etcd.pid" TERM 10
  sleep "$down_seconds"
  start_etcd "$dir"
}

wait_role() {
  local name=$2 role=$3 seconds=$4
  wait_for "$seconds" member_role_is "$name" "$role" || die "$name is not $role after $seconds s"
}

command=${1:-}
dir=${2:-}
[ -n "$command" ] && [ -n "$dir" ] || die "usage: cluster.sh up|down|status|primary|kill-primary|restart-etcd|wait-role DIR [...]"
case $command in
  up) up "$dir" ;;
  down) down "$dir" ;;
  status) patronictl -c "$dir/pg1/patroni.yml" list ;;
  primary) primary_name ;;
  kill-primary) kill_primary "$dir" ;;
  restart-etcd) restart_etcd "$dir" "${3:-0}" ;;
  wait-role) wait_role "$dir" "${3:?name}" "${4:?role}" "${5:?seconds}" ;;
  *) die "unknown command $command" ;;
esac
