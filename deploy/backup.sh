#!/bin/sh
# ledger-backup: `ledger backup` into BACKUP_DIR, and the personal-data keys (keys.db) apart into
# KEYS_BACKUP_DIR, each with its own retention; once, or every BACKUP_EVERY_SECONDS.
#
#   DATA_DIR              the ledger's data directory (default /data)
#   BACKUP_DIR            where ledger-<UTC time>.backup files go (default /backups/ledger)
#   BACKUP_KEEP_DAYS      backups older than this many days are deleted (default 30)
#   KEYS_BACKUP_DIR       where keys-<UTC time>.db copies of keys.db go; unset: keys are not copied
#   KEYS_KEEP_DAYS        keys copies older than this are deleted (default 7): the oldest one kept
#                         is how long an erased person's data stays recoverable (SECURITY.md)
#   BACKUP_EVERY_SECONDS  0 (default): once and exit, for cron; otherwise loop (a compose service)
#
# master.key is never copied: keep it (or LEDGER_MASTER_KEY) in your secrets store, apart from both.
set -eu

DATA_DIR="${DATA_DIR:-/data}"
BACKUP_DIR="${BACKUP_DIR:-/backups/ledger}"
BACKUP_KEEP_DAYS="${BACKUP_KEEP_DAYS:-30}"
KEYS_BACKUP_DIR="${KEYS_BACKUP_DIR:-}"
KEYS_KEEP_DAYS="${KEYS_KEEP_DAYS:-7}"
BACKUP_EVERY_SECONDS="${BACKUP_EVERY_SECONDS:-0}"
export DATA_DIR
umask 077

once() {
  stamp=$(date -u +%Y%m%dT%H%M%SZ)
  mkdir -p "$BACKUP_DIR"
  ledger backup "$BACKUP_DIR/ledger-$stamp.backup"
  find "$BACKUP_DIR" -type f -name 'ledger-*.backup' -mtime +"$BACKUP_KEEP_DAYS" -exec rm -f {} +
  if [ -n "$KEYS_BACKUP_DIR" ] && [ -f "$DATA_DIR/keys.db" ]; then
    mkdir -p "$KEYS_BACKUP_DIR"
    # SQLite's online backup: consistent while the server writes.
    sqlite3 "$DATA_DIR/keys.db" ".backup '$KEYS_BACKUP_DIR/keys-$stamp.db'"
    find "$KEYS_BACKUP_DIR" -type f -name 'keys-*.db' -mtime +"$KEYS_KEEP_DAYS" -exec rm -f {} +
  fi
}

if [ "$BACKUP_EVERY_SECONDS" -gt 0 ]; then
  while :; do
    once
    sleep "$BACKUP_EVERY_SECONDS"
  done
else
  once
fi
