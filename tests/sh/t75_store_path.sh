#!/bin/sh
# Which store a run works on (--db, $ORDESK_DB, the user's ordesk.conf, the
# XDG default), where a store may live, and backup/restore from the command line.
. "$(dirname "$0")/lib.sh"

mkdir -p "$T/a" "$T/b" "$T/c" "$T/cfg/ordesk"
export XDG_CONFIG_HOME=$T/cfg

# Each store gets an order-free schema and a setting naming it, to tell them apart.
for s in a b c; do
	"$ORDESK" --db "$T/$s/s.db" init >/dev/null
	"$ORDESK" --db "$T/$s/s.db" config set store.name "store $s" >/dev/null
done
name() { "$ORDESK" "$@" config get store.name 2>&1; }

echo "db = $T/c/s.db" >"$T/cfg/ordesk/ordesk.conf"
check "the user's configuration names the store" [ "$(name)" = "store c" ]
export ORDESK_DB=$T/b/s.db
check "ORDESK_DB wins over the configuration" [ "$(name)" = "store b" ]
check "--db wins over ORDESK_DB" [ "$(name --db "$T/a/s.db")" = "store a" ]
unset ORDESK_DB

printf '# mine\n\n  db = ~/c/s.db\n' >"$T/cfg/ordesk/ordesk.conf"
check "~/ in the user's configuration is the home directory" [ "$(name)" = "store c" ]

printf 'db = /x.db\ncolour = red\n' >"$T/cfg/ordesk/ordesk.conf"
expect_status 65 "a bad configuration line is an error" "$ORDESK" orders
contains "$T/err" "ordesk.conf:2:" "the error names the file and line"

rm "$T/cfg/ordesk/ordesk.conf"
expect_status 0 "no configuration: the XDG default store is made" "$ORDESK" init
check "it is under XDG_DATA_HOME" [ -f "$XDG_DATA_HOME/ordesk/ordesk.db" ]
check "it is not readable by others" [ "$(stat -c %a "$XDG_DATA_HOME/ordesk/ordesk.db" | cut -c3)" = 0 ]

# --db after the command is the same option; nothing else is opened or made first.
rm -rf "$XDG_DATA_HOME"
expect_status 0 "--db after the command names the store" "$ORDESK" config get store.name --db "$T/a/s.db"
contains "$T/out" "store a" "the store after the command is the one used"
expect_status 0 "--db=PATH after the command too" "$ORDESK" check --db="$T/b/s.db"
check "the default store's directory was not made" [ ! -e "$XDG_DATA_HOME" ]

# Where a store may live.
mkdir "$T/open" "$T/sticky" "$T/sticky/own"
chmod 0777 "$T/open"
chmod 1777 "$T/sticky"
expect_status 74 "a directory every user may write is refused" "$ORDESK" --db "$T/open/s.db" init
contains "$T/err" "writable by every user" "the refusal says why"
check "nothing was created there" [ ! -e "$T/open/s.db" ]
expect_status 74 "so is a sticky one like /tmp" "$ORDESK" --db "$T/sticky/s.db" init
expect_status 0 "a private directory inside a sticky one is fine" "$ORDESK" --db "$T/sticky/own/s.db" init
mkdir "$T/open/own"
expect_status 74 "a private directory inside an open non-sticky one is not" \
	"$ORDESK" --db "$T/open/own/s.db" init
contains "$T/err" "above the store" "the refusal names the directory above"
chmod 0700 "$T/open" "$T/sticky"

( umask 0; "$ORDESK" --db "$T/a/new.db" init >/dev/null )
check "a new store is 0660 under umask 0, never world-readable" [ "$(stat -c %a "$T/a/new.db")" = 660 ]

# Backup and restore.
od init >/dev/null
expect_status 0 "backup" od backup "$T/a/copy.db"
check "the backup is private" [ "$(stat -c %a "$T/a/copy.db")" = 600 ]
expect_status 1 "backup never overwrites" od backup "$T/a/copy.db"
expect_status 0 "the backup passes check" "$ORDESK" --db "$T/a/copy.db" check
od config set store.name "changed" >/dev/null
expect_status 0 "restore" od restore "$T/a/copy.db"
check "the restored store is the backup's" [ "$(name --db "$DB")" = "main store" ]
expect_status 0 "the restored store passes check" od check
printf 'not a store\n' >"$T/a/junk.db"
expect_status 65 "restore refuses what is not an ordesk store" od restore "$T/a/junk.db"
expect_status 64 "backup needs a file" od backup
finish
