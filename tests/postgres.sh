#!/usr/bin/env bash
# A throw-away PostgreSQL cluster for the tests: `source tests/postgres.sh; pg_start; ...; pg_stop`.
# pg_start installs Debian's postgresql package when missing (as root), initialises a cluster in a temporary folder
# on a free loopback port (locale C, so text sorts by code point as in SQLite; trust authentication on loopback and
# the socket only), starts it and exports TRACKER_TEST_PG, an administrator connection string the tests use to create
# and drop their own databases. postgres refuses to run as root, so as root the cluster runs as the postgres user.

pg_bin() {
  local d
  for d in "${PG_BIN:-}" $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
    [ -n "$d" ] && [ -x "$d/initdb" ] && { echo "$d"; return 0; }
  done
  return 1
}

pg_start() {
  local bin
  if ! bin=$(pg_bin); then
    if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
      echo "== installing PostgreSQL from Debian's packages"
      # RUNLEVEL=1: do not start the packaged cluster as a service; the tests run their own.
      (apt-get update -qq && RUNLEVEL=1 DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null) \
        || { echo "!! could not install postgresql"; return 1; }
      bin=$(pg_bin) || return 1
    else
      echo "!! PostgreSQL not found and cannot be installed (not root)"; return 1
    fi
  fi

  PG_DIR=$(mktemp -d /tmp/metaaitracker-pg.XXXXXX)
  PG_PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])' 2>/dev/null || echo $((20000 + RANDOM % 20000)))
  local as=()
  if [ "$(id -u)" = "0" ]; then
    id postgres >/dev/null 2>&1 || useradd --system --home-dir "$PG_DIR" postgres
    chown postgres "$PG_DIR"; chmod 700 "$PG_DIR"
    as=(runuser -u postgres --)
  fi
  PG_AS=("${as[@]}")
  "${as[@]}" "$bin/initdb" -D "$PG_DIR/data" -U postgres --auth=trust --encoding=UTF8 --locale=C --lc-ctype=C.UTF-8 >"$PG_DIR/initdb.log" 2>&1 \
    || "${as[@]}" "$bin/initdb" -D "$PG_DIR/data" -U postgres --auth=trust --encoding=UTF8 --locale=C >"$PG_DIR/initdb.log" 2>&1 \
    || { echo "!! initdb failed:"; cat "$PG_DIR/initdb.log"; return 1; }
  "${as[@]}" "$bin/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -p $PG_PORT -k $PG_DIR -c max_connections=300 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" start >/dev/null \
    || { echo "!! PostgreSQL did not start:"; cat "$PG_DIR/server.log"; return 1; }
  PG_BIN_DIR="$bin"
  export TRACKER_TEST_PG="Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Database=postgres"
  echo "== PostgreSQL $("$bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$PG_PORT ($PG_DIR)"
}

pg_stop() {
  [ -n "${PG_DIR:-}" ] || return 0
  "${PG_AS[@]}" "$PG_BIN_DIR/pg_ctl" -D "$PG_DIR/data" -m immediate -w stop >/dev/null 2>&1 || true
  rm -rf "$PG_DIR"
  PG_DIR=
}
