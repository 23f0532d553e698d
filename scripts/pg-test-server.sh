#!/usr/bin/env bash
# A throwaway PostgreSQL server for the tests (the PostgreSQL journal's proof): `start DIR` initialises a cluster in
# DIR, starts it on 127.0.0.1 on a free port (socket in DIR) as a non-root user, and prints its connection URL;
# `stop DIR` stops it. Exit 3 with a line starting "SKIP:" when no server binary exists here.
set -euo pipefail
command=${1:-}
dir=${2:-}
if [ -z "$command" ] || [ -z "$dir" ]; then echo "usage: $0 start|stop DIR" >&2; exit 2; fi

bin=${PG_BIN:-}
if [ -z "$bin" ]; then
  for candidate in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r) /usr/local/pgsql/bin; do
    if [ -x "$candidate/initdb" ] && [ -x "$candidate/pg_ctl" ]; then bin=$candidate; break; fi
  done
fi
if [ -z "$bin" ] && command -v initdb >/dev/null && command -v pg_ctl >/dev/null; then bin=$(dirname "$(command -v initdb)"); fi
if [ -z "$bin" ]; then
  echo "SKIP: no PostgreSQL server binaries (initdb, pg_ctl) in /usr/lib/postgresql/*/bin or on PATH; make tools installs Debian's postgresql"
  exit 3
fi

# The server refuses to run as root: run it as the postgres user (or $PG_USER) when we are root.
run_as=()
if [ "$(id -u)" = 0 ]; then
  user=${PG_USER:-postgres}
  if ! id "$user" >/dev/null 2>&1; then echo "SKIP: running as root and there is no '$user' user to run the PostgreSQL server as"; exit 3; fi
  if command -v runuser >/dev/null; then run_as=(runuser -u "$user" --); else run_as=(su "$user" -s /bin/sh -c); fi
fi
as_server() {
  if [ ${#run_as[@]} -eq 0 ]; then "$@";
  elif [ "${run_as[0]}" = runuser ]; then "${run_as[@]}" "$@";
  else "${run_as[@]}" "$(printf '%q ' "$@")"; fi
}

case "$command" in
  start)
    mkdir -p "$dir"
    chmod 700 "$dir"
    if [ ${#run_as[@]} -gt 0 ]; then chown "${PG_USER:-postgres}" "$dir"; fi
    as_server "$bin/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 --no-locale >"$dir/initdb.log" 2>&1 || { echo "SKIP: initdb failed (see $dir/initdb.log)"; exit 3; }
    port=$(node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")
    as_server "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
      -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c max_connections=50" start >/dev/null 2>&1 || { echo "SKIP: the server did not start (see $dir/server.log)"; exit 3; }
    echo "postgres://postgres@127.0.0.1:$port/postgres"
    ;;
  stop)
    as_server "$bin/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
    ;;
  *)
    echo "usage: $0 start|stop DIR" >&2
    exit 2
    ;;
esac
