#!/usr/bin/env bash
# A throwaway PostgreSQL 15 for the tests (Debian's postgresql package).
#   bash scripts/pg-test-server.sh start   # prints DATABASE_URL=...; idempotent
#   bash scripts/pg-test-server.sh stop    # stops it and deletes its data
#   bash scripts/pg-test-server.sh status
# Listens on 127.0.0.1 only, trust auth (test data only), data under /tmp.
# As root, the server runs as the `postgres` user (PostgreSQL refuses root).
# PG_TEST_DURABLE=1 keeps fsync and synchronous_commit on (as in production),
# for benchmarks whose figures must include the disk; use another PG_TEST_PORT.
set -euo pipefail

PORT="${PG_TEST_PORT:-54329}"
BIN="${PG_BIN:-/usr/lib/postgresql/15/bin}"
DIR="${PG_TEST_DIR:-/tmp/thidua-pg-${PORT}}"
URL="postgres://postgres@127.0.0.1:${PORT}/postgres"
if [ "${PG_TEST_DURABLE:-0}" = "1" ]; then
  INITDB_FLAGS=""
  SPEED_FLAGS=""
else
  # Throwaway test data: speed matters more than durability here.
  INITDB_FLAGS="-N"
  SPEED_FLAGS="-c fsync=off -c full_page_writes=off -c synchronous_commit=off"
fi

if [ ! -x "${BIN}/pg_ctl" ]; then
  echo "PostgreSQL 15 not found in ${BIN} (apt-get install postgresql)." >&2
  exit 2
fi

as_owner() {
  if [ "$(id -u)" = "0" ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

running() {
  [ -f "${DIR}/PG_VERSION" ] && as_owner "${BIN}/pg_ctl" -D "${DIR}" status >/dev/null 2>&1
}

case "${1:-}" in
  start)
    # Test files may start it at once from parallel workers: one initdb at a time.
    # The server must not inherit fd 9 (9>&- below), or it would hold the lock for its
    # whole life and every later start would wait forever.
    exec 9>"${DIR}.lock"
    flock 9
    if running; then
      echo "DATABASE_URL=${URL}"
      exit 0
    fi
    if [ ! -f "${DIR}/PG_VERSION" ]; then
      rm -rf "${DIR}"
      mkdir -p "${DIR}"
      chmod 700 "${DIR}"
      if [ "$(id -u)" = "0" ]; then chown postgres: "${DIR}"; fi
      # shellcheck disable=SC2086 # INITDB_FLAGS is empty or one flag
      as_owner "${BIN}/initdb" ${INITDB_FLAGS} -D "${DIR}" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"${DIR}.initdb.log" 2>&1 || {
        cat "${DIR}.initdb.log" >&2
        exit 1
      }
    fi
    as_owner "${BIN}/pg_ctl" -D "${DIR}" -l "${DIR}/server.log" -w -t 30 \
      -o "-p ${PORT} -c listen_addresses=127.0.0.1 -c unix_socket_directories=${DIR} ${SPEED_FLAGS} -c max_connections=200" \
      start >/dev/null 9>&- || {
      tail -n 30 "${DIR}/server.log" >&2 || true
      exit 1
    }
    echo "DATABASE_URL=${URL}"
    ;;
  stop)
    if running; then as_owner "${BIN}/pg_ctl" -D "${DIR}" -m fast -w stop >/dev/null; fi
    rm -rf "${DIR}" "${DIR}.initdb.log" "${DIR}.lock"
    echo "stopped"
    ;;
  status)
    if running; then echo "running DATABASE_URL=${URL}"; else echo "stopped"; exit 1; fi
    ;;
  *)
    echo "usage: $0 start|stop|status" >&2
    exit 2
    ;;
esac
