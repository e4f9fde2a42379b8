#!/usr/bin/env bash
# Restores a backup made by scripts/backup.sh (both databases, one snapshot) into two databases.
#
#   scripts/restore.sh FILE       FILE: .sql or .sql.gz; "-" reads stdin
#
# Environment: DB_HOST (127.0.0.1), DB_PORT (3306), DB_USER (root), DB_PASSWORD (default:
# MARIADB_ROOT_PASSWORD); APP_DB / ENGINE_DB (petition / camunda): the names in the backup;
# RESTORE_APP_DB / RESTORE_ENGINE_DB: where to restore them (default: the same names);
# RESTORE_GRANT_TO: an account to grant both restored databases to, e.g. "'petition'@'%'";
# RESTORE_REPLACE=1: drop the target databases first if they exist (without it a target that
# exists and holds tables is refused, so a restore never mixes into live data).
#
# Restoring into other names first (RESTORE_APP_DB=petition_restored …), checking them (below), then
# pointing DATABASE_URL and ENGINE_DB_URL at them keeps the damaged databases for inspection.
# With docker-compose.yml: stop the API, the workers and both engines (`docker compose stop api
# worker engine-lb engine-1 engine-2`), then
#
#   gunzip -c backups/FILE.sql.gz | docker compose exec -T -e RESTORE_REPLACE=1 \
#     -e "RESTORE_GRANT_TO='petition'@'%'" mariadb bash -c "$(cat scripts/restore.sh)" restore -
#
# and start them again (`docker compose up -d`). Afterwards: `npm run audit:verify` (or
# GET /api/audit/verify as the auditor) must report the audit log intact.
set -euo pipefail

DB_HOST=${DB_HOST:-127.0.0.1}
DB_PORT=${DB_PORT:-3306}
DB_USER=${DB_USER:-root}
DB_PASSWORD=${DB_PASSWORD:-${MARIADB_ROOT_PASSWORD:-}}
APP_DB=${APP_DB:-petition}
ENGINE_DB=${ENGINE_DB:-camunda}
RESTORE_APP_DB=${RESTORE_APP_DB:-$APP_DB}
RESTORE_ENGINE_DB=${RESTORE_ENGINE_DB:-$ENGINE_DB}
IN=${1:?usage: scripts/restore.sh FILE (.sql, .sql.gz or - for stdin)}

fail() { echo "restore: $*" >&2; exit 1; }
valid_name() { [[ "$1" =~ ^[A-Za-z0-9_]+$ ]] || fail "database name \"$1\" may hold only letters, digits and _"; }
for name in "$APP_DB" "$ENGINE_DB" "$RESTORE_APP_DB" "$RESTORE_ENGINE_DB"; do valid_name "$name"; done
[[ "$RESTORE_APP_DB" != "$RESTORE_ENGINE_DB" ]] || fail "RESTORE_APP_DB and RESTORE_ENGINE_DB must differ"
[[ "$IN" == "-" || -r "$IN" ]] || fail "cannot read $IN"

CNF=$(mktemp)
trap 'rm -f "$CNF"' EXIT
chmod 600 "$CNF"
password=${DB_PASSWORD//\\/\\\\}
password=${password//\"/\\\"}
printf '[client]\nhost=%s\nport=%s\nuser=%s\npassword="%s"\n' "$DB_HOST" "$DB_PORT" "$DB_USER" "$password" >"$CNF"
client=$(command -v mariadb || command -v mysql) || fail "the mariadb client is not installed"
sql() { "$client" --defaults-extra-file="$CNF" -N -B -e "$1"; }

for db in "$RESTORE_APP_DB" "$RESTORE_ENGINE_DB"; do
  tables=$(sql "SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = '$db'")
  if [[ "$tables" != 0 ]]; then
    [[ "${RESTORE_REPLACE:-}" == 1 ]] || fail "database $db exists and holds $tables tables: restore into fresh names, or set RESTORE_REPLACE=1 to drop it first"
  fi
done
for db in "$RESTORE_APP_DB" "$RESTORE_ENGINE_DB"; do
  if [[ "${RESTORE_REPLACE:-}" == 1 ]]; then sql "DROP DATABASE IF EXISTS \`$db\`"; fi
  sql "CREATE DATABASE IF NOT EXISTS \`$db\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci"
  if [[ -n "${RESTORE_GRANT_TO:-}" ]]; then sql "GRANT ALL PRIVILEGES ON \`$db\`.* TO $RESTORE_GRANT_TO"; fi
done

# The dump (--databases) creates and selects each database by name; the targets exist already, so
# its CREATE DATABASE lines are dropped and its USE lines point at the targets. Only whole lines
# are matched: data is on INSERT lines, never on a line of its own.
if [[ "$IN" == "-" ]]; then reader=(cat); elif [[ "$IN" == *.gz ]]; then reader=(gzip -dc "$IN"); else reader=(cat "$IN"); fi
# mariadb-dump writes "-- Dump completed" last: a file without it was cut short. A file is checked
# before anything is loaded; stdin only at its end (below), after the rest was loaded.
if [[ "$IN" != "-" ]] && ! "${reader[@]}" | tail -n 1 | grep -q '^-- Dump completed'; then
  fail "$IN is incomplete (its last line is not \"-- Dump completed\"): nothing restored"
fi
"${reader[@]}" | awk -v app="$APP_DB" -v engine="$ENGINE_DB" -v toApp="$RESTORE_APP_DB" -v toEngine="$RESTORE_ENGINE_DB" '
  BEGIN { complete = 0 }
  /^CREATE DATABASE / { next }
  $0 == "USE `" app "`;" { print "USE `" toApp "`;"; used[app] = 1; current = app; next }
  $0 == "USE `" engine "`;" { print "USE `" toEngine "`;"; used[engine] = 1; current = engine; next }
  /^USE `/ { print "restore: the backup holds a database other than " app " and " engine ": " $0 > "/dev/stderr"; failed = 1; exit 3 }
  # A trigger or routine created with a qualified name (`CREATE TRIGGER petition.x … ON petition.t`)
  # keeps it in the dump: it would land in, or clash with, the original database.
  /^\/\*!50003 CREATE\*\// {
    if (current == app) { gsub(" `" app "`\\.", " `" toApp "`."); gsub(" " app "\\.", " " toApp ".") }
    if (current == engine) { gsub(" `" engine "`\\.", " `" toEngine "`."); gsub(" " engine "\\.", " " toEngine ".") }
  }
  /^-- Dump completed/ { complete = 1 }
  { print }
  END {
    if (failed) exit 3
    if (!(app in used) || !(engine in used)) { print "restore: the backup does not hold both " app " and " engine " (set APP_DB / ENGINE_DB)" > "/dev/stderr"; exit 3 }
    if (!complete) { print "restore: the backup is incomplete (no \"-- Dump completed\" line at its end)" > "/dev/stderr"; exit 3 }
  }' | "$client" --defaults-extra-file="$CNF" --default-character-set=utf8mb4 \
  || fail "the restore failed; $RESTORE_APP_DB and $RESTORE_ENGINE_DB may hold part of the backup (drop them before trying again)"

echo "restore: $APP_DB → $RESTORE_APP_DB, $ENGINE_DB → $RESTORE_ENGINE_DB on $DB_HOST:$DB_PORT" >&2
