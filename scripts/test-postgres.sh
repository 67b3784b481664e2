#!/usr/bin/env bash
# Runs the diary and account tests once more against a real PostgreSQL server: a throwaway
# cluster in a temporary folder on a free local port, stopped and removed afterwards. The sync
# relies on PostgreSQL's row locks (select_for_update), which SQLite does not have.
set -euo pipefail
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
[ -x "$bin/postgres" ] || { echo "PostgreSQL server not installed (Debian package postgresql)"; exit 1; }
work=$(mktemp -d)
chmod 755 "$work"
as_owner=()
if [ "$(id -u)" = 0 ]; then
  chown postgres "$work"  # the server refuses to run as root
  as_owner=(runuser -u postgres --)
fi
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
"${as_owner[@]}" "$bin/initdb" -D "$work/data" -A trust -U krampfhilfe -E UTF8 >/dev/null
"${as_owner[@]}" "$bin/pg_ctl" -D "$work/data" -l "$work/log" -w \
  -o "-p $port -k $work -c listen_addresses=127.0.0.1 -c fsync=off" start >/dev/null
trap '"${as_owner[@]}" "$bin/pg_ctl" -D "$work/data" -m immediate stop >/dev/null; rm -rf "$work"' EXIT
export DATABASE_URL="postgres://krampfhilfe@127.0.0.1:$port/krampfhilfe"
.venv/bin/pytest -p no:cacheprovider tests/diary tests/accounts "$@"
