#!/usr/bin/env bash
# The docker-compose.yml set-up on one machine without Docker, loopback only: a throwaway PostgreSQL cluster, N API
# replicas (the published service, as ./radanon serve runs it) sharing one signing key, one pseudonym key and the
# PostgreSQL ledger, and Debian nginx in front running deploy/nginx/nginx.conf itself with only the upstream list,
# the listen address, the body limit and the pid/log/temp paths substituted.
#
#   deploy/local-cluster.sh start  [--state DIR] [--replicas N] [--port PORT] [--max-body SIZE] [--api-max-bytes BYTES] [--no-fsync]
#   deploy/local-cluster.sh status [--state DIR]
#   deploy/local-cluster.sh stop   [--state DIR]
#
#   --state DIR          where everything lives (keys, PostgreSQL data, logs, nginx config); default .radanon/cluster
#   --replicas N         API replicas (default 2)
#   --port PORT          nginx's loopback port (default 8080; 0 picks a free one)
#   --max-body SIZE      nginx client_max_body_size, e.g. 4m (default 512m, the shipped value); the API's
#                        RadAnon__Limits__MaxRequestBytes gets the same number of bytes unless --api-max-bytes is given
#   --api-max-bytes N    the API's own body limit alone (to see the API's 413 behind a larger proxy limit)
#   --no-fsync           PostgreSQL with fsync=off (tests; the load test keeps fsync on)
#
# Other RadAnon__* variables in the environment reach every replica (e.g. RadAnon__Security__RequestsPerMinute=0).
# start writes DIR/cluster.env (PROXY_URL, REPLICA_URLS, REPLICA_PIDS, NGINX_PID, POSTGRES, SIGNING_KEY, PSEUDONYM_KEY)
# and prints the URLs; stop ends every process it started and deletes DIR.
set -Eeuo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

usage() { sed -n '2,21p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2; exit 2; }

command="${1:-}"
[[ -n "$command" ]] || usage
shift
state="$root/.radanon/cluster"
replicas=2
proxy_port=8080
max_body=512m
api_max_bytes=
fsync=on
while (( $# > 0 )); do
  case "$1" in
    --state) state="$2"; shift 2 ;;
    --replicas) replicas="$2"; shift 2 ;;
    --port) proxy_port="$2"; shift 2 ;;
    --max-body) max_body="$2"; shift 2 ;;
    --api-max-bytes) api_max_bytes="$2"; shift 2 ;;
    --no-fsync) fsync=off; shift ;;
    *) usage ;;
  esac
done
mkdir -p "$(dirname "$state")"
state="$(cd "$(dirname "$state")" && pwd)/$(basename "$state")"

pg_bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"

# initdb and postgres refuse to run as root: as root they run as the postgres user.
as_postgres() {
  if [[ $(id -u) -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi
}

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# Sets $picked to a free loopback port. Drawn below the kernel's ephemeral range (32768+), so an outgoing connection
# cannot take it between this check and the bind, and never one this run already handed out (two replicas drawing the
# same port before either binds).
used_ports=" "
free_port() {
  local p
  for _ in $(seq 1 200); do
    p=$(( 20000 + RANDOM % 12000 ))
    if [[ "$used_ports" != *" $p "* ]] && ! port_in_use "$p"; then
      used_ports+="$p "
      picked="$p"
      return
    fi
  done
  echo "local-cluster: no free port found" >&2
  exit 1
}

wait_ready() { # $1 URL, $2 seconds, $3 log file shown on failure
  local deadline=$(( SECONDS + $2 ))
  until [[ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 "$1/health/ready" || true)" == 200 ]]; do
    if (( SECONDS > deadline )); then
      echo "local-cluster: $1/health/ready did not answer 200 within $2 s; last lines of $3:" >&2
      tail -n 30 "$3" >&2 || true
      return 1
    fi
    sleep 0.5
  done
}

to_bytes() { # nginx size (512m, 4m, 100k, 1048576) in bytes
  local n="${1%[kKmMgG]}"
  case "${1: -1}" in
    k|K) echo $(( n << 10 )) ;; m|M) echo $(( n << 20 )) ;; g|G) echo $(( n << 30 )) ;; *) echo "$n" ;;
  esac
}

stop() {
  [[ -d "$state" ]] || { echo "local-cluster: nothing at $state"; return 0; }
  local pid
  # Replicas: TERM, then KILL after 10 s.
  for pidfile in "$state"/replica-*/pid; do
    [[ -f "$pidfile" ]] || continue
    pid="$(cat "$pidfile")"
    kill "$pid" 2>/dev/null || true
  done
  for pidfile in "$state"/replica-*/pid; do
    [[ -f "$pidfile" ]] || continue
    pid="$(cat "$pidfile")"
    for _ in $(seq 1 40); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
    kill -KILL "$pid" 2>/dev/null || true
  done
  if [[ -f "$state/nginx/nginx.pid" ]]; then
    nginx -p "$state/nginx" -c "$state/nginx/nginx.conf" -e "$state/nginx/error.log" -s stop 2>/dev/null || kill "$(cat "$state/nginx/nginx.pid")" 2>/dev/null || true
    for _ in $(seq 1 40); do [[ -f "$state/nginx/nginx.pid" ]] || break; sleep 0.25; done
  fi
  if [[ -f "$state/postgres/data/postmaster.pid" ]]; then
    as_postgres "$pg_bin/pg_ctl" -D "$state/postgres/data" -m fast -w -t 30 stop >/dev/null || true
  fi
  rm -rf "$state"
  echo "local-cluster: stopped, $state removed"
}

status() {
  [[ -f "$state/cluster.env" ]] || { echo "local-cluster: not running ($state/cluster.env absent)"; return 3; }
  # shellcheck disable=SC1091
  source "$state/cluster.env"
  local code all=0
  for url in $PROXY_URL $REPLICA_URLS; do
    code="$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 "$url/health/ready" || true)"
    echo "$url/health/ready -> $code"
    [[ "$code" == 200 ]] || all=1
  done
  if as_postgres "$pg_bin/pg_ctl" -D "$state/postgres/data" status >/dev/null; then echo "postgres 127.0.0.1:$POSTGRES_PORT running"; else echo "postgres stopped"; all=1; fi
  return "$all"
}

start() {
  if [[ -e "$state" ]]; then
    echo "local-cluster: $state exists; run '$0 stop${state:+ --state $state}' first" >&2
    exit 1
  fi
  [[ -n "$pg_bin" ]] || { echo "local-cluster: PostgreSQL server binaries missing (apt-get install postgresql)" >&2; exit 1; }
  command -v nginx >/dev/null || { echo "local-cluster: nginx missing (apt-get install nginx)" >&2; exit 1; }
  "$root/tools/install-prerequisites.sh"
  local api
  api="$("$root/radanon" publish-api | tail -n 1)"
  if [[ "$proxy_port" == 0 ]]; then free_port; proxy_port="$picked"; fi

  mkdir -p "$state"
  chmod 755 "$state"
  trap 'echo "local-cluster: start failed; cleaning up" >&2; stop >&2' ERR

  # One signing key and one pseudonym key for every replica (as the compose secrets).
  umask 077
  openssl ecparam -name prime256v1 -genkey -noout | openssl pkcs8 -topk8 -nocrypt -out "$state/signing-key.pem"
  openssl rand -base64 32 > "$state/pseudonym-key"
  umask 022

  # PostgreSQL: own data directory, own port, loopback TCP only, password authentication.
  local pg_port password
  free_port; pg_port="$picked"
  password="$(openssl rand -hex 16)"
  mkdir -p "$state/postgres"
  (umask 077; echo "$password" > "$state/postgres/password")
  [[ $(id -u) -ne 0 ]] || chown -R postgres "$state/postgres"
  as_postgres "$pg_bin/initdb" -D "$state/postgres/data" -U radanon --pwfile="$state/postgres/password" \
    --auth=scram-sha-256 -E UTF8 >"$state/postgres/initdb.log"
  as_postgres "$pg_bin/pg_ctl" -D "$state/postgres/data" -l "$state/postgres/log" -w -t 60 \
    -o "-p $pg_port -k $state/postgres -c listen_addresses=127.0.0.1 -c fsync=$fsync -c max_connections=100" start >/dev/null
  PGPASSWORD="$password" "$pg_bin/psql" -h 127.0.0.1 -p "$pg_port" -U radanon -d postgres -qc "CREATE DATABASE radanon" >/dev/null
  local connection="Host=127.0.0.1;Port=$pg_port;Database=radanon;Username=radanon;Password=$password"

  # Replicas on loopback ports; the proxy (127.0.0.1) is the one trusted forwarder.
  local api_bytes="${api_max_bytes:-$(to_bytes "$max_body")}" urls=() pids=() upstream="" port
  for i in $(seq 1 "$replicas"); do
    free_port; port="$picked"
    mkdir -p "$state/replica-$i"
    (
      cd "$state/replica-$i"
      export RadAnon__PostgresConnectionString="$connection" \
        RadAnon__SigningKeyPath="$state/signing-key.pem" \
        RadAnon__PseudonymKeyFile="$state/pseudonym-key" \
        RadAnon__DataDirectory="$state/replica-$i/data" \
        RadAnon__Limits__MaxRequestBytes="$api_bytes" \
        RadAnon__Security__TrustedProxies__0=127.0.0.1
      exec setsid dotnet "$api/RadAnon.Api.dll" --contentRoot "$api" --urls "http://127.0.0.1:$port" </dev/null >log 2>&1
    ) &
    echo $! > "$state/replica-$i/pid"
    urls+=("http://127.0.0.1:$port")
    pids+=("$!")
    upstream+="    server 127.0.0.1:$port max_fails=3 fail_timeout=10s;"$'\n'
  done
  for i in $(seq 1 "$replicas"); do
    wait_ready "${urls[$((i - 1))]}" 180 "$state/replica-$i/log"
  done

  # nginx: the shipped configuration with only addresses, limit and paths substituted; every substitution must apply.
  local conf n="$state/nginx"
  conf="$(cat "$root/deploy/nginx/nginx.conf")"
  substitute() {
    [[ "$conf" == *"$1"* ]] || { echo "local-cluster: deploy/nginx/nginx.conf no longer contains '$1'" >&2; return 1; }
    conf="${conf/"$1"/"$2"}"
  }
  mkdir -p "$n"
  substitute "pid /tmp/nginx.pid;" "pid $n/nginx.pid;"
  substitute "error_log /dev/stderr warn;" "error_log $n/error.log warn;"
  substitute "access_log /dev/stdout;" "access_log $n/access.log;
  client_body_temp_path $n/client_body;
  proxy_temp_path $n/proxy;
  fastcgi_temp_path $n/fastcgi;
  uwsgi_temp_path $n/uwsgi;
  scgi_temp_path $n/scgi;"
  substitute "client_max_body_size 512m;" "client_max_body_size $max_body;"
  substitute "    server api:8080 max_fails=3 fail_timeout=10s;"$'\n' "$upstream"
  substitute "listen 80;" "listen 127.0.0.1:$proxy_port;"
  printf '%s\n' "$conf" > "$n/nginx.conf"
  nginx -q -t -p "$n" -c "$n/nginx.conf" -e "$n/error.log"
  # The daemon keeps its inherited stderr: point it at the log so a caller reading our output is not held open.
  nginx -p "$n" -c "$n/nginx.conf" -e "$n/error.log" </dev/null >/dev/null 2>>"$n/error.log"
  wait_ready "http://127.0.0.1:$proxy_port" 30 "$n/error.log"

  cat > "$state/cluster.env" <<EOF
PROXY_URL=http://127.0.0.1:$proxy_port
REPLICA_URLS="${urls[*]}"
REPLICA_PIDS="${pids[*]}"
NGINX_PID=$(cat "$n/nginx.pid")
POSTGRES_PORT=$pg_port
POSTGRES="$connection"
SIGNING_KEY=$state/signing-key.pem
PSEUDONYM_KEY=$state/pseudonym-key
EOF
  trap - ERR
  echo "proxy     http://127.0.0.1:$proxy_port/  (nginx, client_max_body_size $max_body)"
  for i in $(seq 1 "$replicas"); do
    echo "replica $i ${urls[$((i - 1))]}/  (pid ${pids[$((i - 1))]}, log $state/replica-$i/log)"
  done
  echo "postgres  127.0.0.1:$pg_port database radanon (connection string in $state/cluster.env)"
  echo "stop with: $0 stop --state $state"
}

case "$command" in
  start) start ;;
  stop) stop ;;
  status) status ;;
  *) usage ;;
esac
