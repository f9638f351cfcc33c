#!/bin/sh
# A backup of casemap's PostgreSQL database: pg_dump's custom format (compressed, for
# pg_restore), its SHA-256 beside it, the access log's newest hash in a separate file,
# and backups older than CASEMAP_BACKUP_KEEP_DAYS removed. Run by casemap-backup.timer
# (daily) with the environment of /etc/casemap/casemap.env; by hand:
#   CASEMAP_DB=postgresql://casemap@db.example.org/casemap ./casemap-backup.sh /var/backups/casemap
#
# Restore into an empty database (check the checksum first):
#   sha256sum -c casemap-2026-12-05.dump.sha256
#   createdb -h db.example.org -U casemap casemap_restored
#   pg_restore --no-owner -d postgresql://casemap@db.example.org/casemap_restored casemap-2026-12-05.dump
# then point CASEMAP_DB at it (or rename the databases) and run `casemap audit verify`.
#
# A SQLite deployment uses `casemap backup -o FILE` instead (README, "Backups").
set -eu

target="${1:-${CASEMAP_BACKUP_DIR:-/var/backups/casemap}}"
keep="${CASEMAP_BACKUP_KEEP_DAYS:-30}"
casemap="${CASEMAP_BIN:-/opt/casemap/.venv/bin/casemap}"

case "${CASEMAP_DB:-}" in
    postgresql://*|postgres://*) ;;
    *) echo "CASEMAP_DB is not a postgresql:// URL: use 'casemap backup -o FILE' for SQLite" >&2
       exit 2 ;;
esac

umask 077  # client data: readable by the backup's owner only
mkdir -p "$target"
stamp="$(date -u +%Y-%m-%dT%H%M%SZ)"
file="$target/casemap-$stamp.dump"

# One consistent snapshot of the whole database (pg_dump reads in one transaction,
# while the app keeps running). Written under a temporary name, renamed when complete.
pg_dump --format=custom --compress=6 --no-owner --file="$file.part" --dbname="$CASEMAP_DB"
mv "$file.part" "$file"
(cd "$target" && sha256sum "$(basename "$file")" > "$(basename "$file").sha256")

# The access log's newest hash, kept apart from the dump: a cut-off end is noticed
# by comparing it with `casemap audit head` later (README, "The access log").
if [ -x "$casemap" ]; then
    "$casemap" audit head > "$file.audit-head" || true
fi

find "$target" -maxdepth 1 -name 'casemap-*.dump*' -mtime +"$keep" -delete
echo "$file"
