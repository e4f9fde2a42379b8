#!/usr/bin/env bash
# Backup of both databases — the product's (`petition`) and the engine's (`camunda`) — in ONE
# consistent snapshot, while the product keeps running.
#
#   scripts/backup.sh [FILE]      FILE ending in .gz is gzipped; no FILE or "-" writes to stdout
#
# Connection (environment): DB_HOST (127.0.0.1), DB_PORT (3306), DB_USER (root), DB_PASSWORD
# (default: MARIADB_ROOT_PASSWORD, so that inside the compose file's mariadb container it needs
# nothing), APP_DB (petition), ENGINE_DB (camunda). With docker-compose.yml, whose database port is
# not published, run it inside the database container:
#
#   docker compose exec -T mariadb bash -s < scripts/backup.sh | gzip > backups/petition-$(date +%F-%H%M).sql.gz
#
# Why one invocation: the two databases reference each other (a petition names its process
# instance, the engine's instances carry the petition's number). mariadb-dump --single-transaction
# starts one transaction (START TRANSACTION WITH CONSISTENT SNAPSHOT) on one connection and reads
# every table it dumps inside it: "Creates a consistent snapshot by dumping all tables in a single
# transaction. Works ONLY for tables stored in storage engines which support multiversioning
# (currently only InnoDB does)" — https://mariadb.com/docs/server/ref/mdb/cli/mariadb-dump/single-transaction
# (and `mariadb-dump --help`). With `--databases a b` both are in that one transaction, hence one
# point in time across both; two separate dumps would be two points in time. So this script refuses
# to run if a table in either database is not InnoDB. While it runs, no DDL (ALTER/DROP/RENAME/
# TRUNCATE TABLE — i.e. no upgrade with migrations) may run: the snapshot is not isolated from DDL.
#
# The dump holds personal data (ID numbers, phones and addresses encrypted with DATA_ENCRYPTION_KEYS,
# names in the clear): keep it as you keep the database. The keys are NOT in it: keep .env apart,
# without them the restored personal data cannot be read. Attachments live in MinIO: mirror the
# bucket AFTER the dump (an attachment's object is stored before its row), e.g.
# `mc mirror store/petition-attachments <dir>`.
set -euo pipefail

DB_HOST=${DB_HOST:-127.0.0.1}
DB_PORT=${DB_PORT:-3306}
DB_USER=${DB_USER:-root}
DB_PASSWORD=${DB_PASSWORD:-${MARIADB_ROOT_PASSWORD:-}}
APP_DB=${APP_DB:-petition}
ENGINE_DB=${ENGINE_DB:-camunda}
OUT=${1:--}

fail() { echo "backup: $*" >&2; exit 1; }

# The password goes to the clients in a file only we can read, never on a command line (`ps`).
CNF=$(mktemp)
PARTIAL=""
cleanup() { rm -f "$CNF"; [[ -n "$PARTIAL" ]] && rm -f "$PARTIAL"; return 0; }
trap cleanup EXIT
chmod 600 "$CNF"
# (option files unescape \\ and \" inside double quotes)
password=${DB_PASSWORD//\\/\\\\}
password=${password//\"/\\\"}
printf '[client]\nhost=%s\nport=%s\nuser=%s\npassword="%s"\n' "$DB_HOST" "$DB_PORT" "$DB_USER" "$password" >"$CNF"

client=$(command -v mariadb || command -v mysql) || fail "the mariadb client is not installed"
dump=$(command -v mariadb-dump || command -v mysqldump) || fail "mariadb-dump is not installed"

# Both databases must exist and hold only InnoDB tables (the consistency above holds for InnoDB only).
for db in "$APP_DB" "$ENGINE_DB"; do
  exists=$("$client" --defaults-extra-file="$CNF" -N -B -e "SELECT COUNT(*) FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = '$db'")
  [[ "$exists" == 1 ]] || fail "database $db does not exist on $DB_HOST:$DB_PORT (set APP_DB / ENGINE_DB)"
done
others=$("$client" --defaults-extra-file="$CNF" -N -B -e "SELECT CONCAT(TABLE_SCHEMA, '.', TABLE_NAME, ' (', ENGINE, ')') FROM information_schema.TABLES
  WHERE TABLE_SCHEMA IN ('$APP_DB', '$ENGINE_DB') AND TABLE_TYPE = 'BASE TABLE' AND ENGINE <> 'InnoDB'")
[[ -z "$others" ]] || fail "not InnoDB, so not covered by one consistent snapshot: $others"

args=(
  --defaults-extra-file="$CNF"
  --single-transaction   # one consistent snapshot of every table dumped (see above)
  --quick                # row by row, not whole tables in memory
  --triggers             # the audit log's append-only triggers
  --routines --events
  --hex-blob             # the engine's byte arrays (process models, variables) byte for byte
  --default-character-set=utf8mb4
  --databases "$APP_DB" "$ENGINE_DB"
)

if [[ "$OUT" == "-" ]]; then
  "$dump" "${args[@]}"
  exit 0
fi
# Written beside the target and renamed when complete, so that FILE is never a partial dump.
PARTIAL="$OUT.partial"
if [[ "$OUT" == *.gz ]]; then
  "$dump" "${args[@]}" | gzip >"$PARTIAL"
else
  "$dump" "${args[@]}" >"$PARTIAL"
fi
mv "$PARTIAL" "$OUT"
PARTIAL=""
echo "backup: $APP_DB and $ENGINE_DB from $DB_HOST:$DB_PORT written to $OUT ($(wc -c <"$OUT") bytes)" >&2
