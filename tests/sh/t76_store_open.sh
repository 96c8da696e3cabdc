#!/bin/sh
# Opening a store in hostile surroundings (issue 22): symlinks, files that are
# not ordesk stores, devices and FIFOs, locks held by others, too few file
# descriptors, a file size limit, a read-only directory.  Every refusal leaves
# the file as it was and exits with the status that says what happened.
. "$(dirname "$0")/lib.sh"
command -v sqlite3 >/dev/null 2>&1 || { ok "# skip no sqlite3"; finish; }
mkdir -p "$T/safe" "$T/open" "$T/d"
chmod 0777 "$T/open"
sum() { cksum "$@" 2>/dev/null; }

# A symlink is followed to where the store really is, and that place is checked.
ln -s "$T/open/x.db" "$T/safe/link.db"
expect_status 74 "a store linked into a directory every user may write is refused" \
	"$ORDESK" --db "$T/safe/link.db" init
contains "$T/err" "writable by every user" "the refusal names the resolved directory"
check "nothing was made behind the link" [ ! -e "$T/open/x.db" ]
chmod 0700 "$T/open"
( umask 022; "$ORDESK" --db "$T/safe/link.db" init >/dev/null 2>&1 )
check "a store made through a link is not readable by others" \
	[ "$(stat -c %a "$T/open/x.db" | cut -c3)" = 0 ]
check "the link still names it" [ "$(readlink "$T/safe/link.db")" = "$T/open/x.db" ]
expect_status 0 "the store works through the link" "$ORDESK" --db "$T/safe/link.db" check

# Another application's SQLite file is refused and left as it was.
sqlite3 "$T/d/other.db" "CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT); INSERT INTO notes (body) VALUES ('x');"
before=$(sum "$T/d/other.db")
expect_status 65 "orders refuses another application's database" "$ORDESK" --db "$T/d/other.db" orders
contains "$T/err" "not an ordesk store" "it says so"
expect_status 65 "check refuses it" "$ORDESK" --db "$T/d/other.db" check
expect_status 65 "init refuses it" "$ORDESK" --db "$T/d/other.db" init
check "its journal mode is still its own" [ "$(sqlite3 "$T/d/other.db" 'PRAGMA journal_mode')" = delete ]
check "its bytes are unchanged" [ "$(sum "$T/d/other.db")" = "$before" ]
check "no -wal or -shm was left beside it" sh -c '[ ! -e "$1-wal" ] && [ ! -e "$1-shm" ]' - "$T/d/other.db"
sqlite3 "$T/d/tagged.db" "PRAGMA application_id = 1234; CREATE TABLE orders (id INTEGER); CREATE TABLE events (id INTEGER);
	CREATE TABLE users (login TEXT); CREATE TABLE settings (key TEXT, value TEXT); PRAGMA user_version = 1;"
expect_status 65 "a file stamped by another application is refused even with tables of ours" \
	"$ORDESK" --db "$T/d/tagged.db" orders

: >"$T/d/empty.db"
expect_status 65 "orders refuses an empty file" "$ORDESK" --db "$T/d/empty.db" orders
check "the empty file stays empty" [ ! -s "$T/d/empty.db" ]
check "and nothing was left beside it" sh -c '[ ! -e "$1-wal" ] && [ ! -e "$1-journal" ]' - "$T/d/empty.db"
expect_status 0 "init makes a store of an empty file" "$ORDESK" --db "$T/d/empty.db" init

# New stores are stamped; stores from before the stamp are recognised and stamped on their next write.
check "init stamps the store" [ "$(sqlite3 "$T/d/empty.db" 'PRAGMA application_id')" -ne 0 ]
stamp=$(sqlite3 "$T/d/empty.db" 'PRAGMA application_id')
"$ORDESK" --db "$T/d/old.db" init >/dev/null
sqlite3 "$T/d/old.db" "PRAGMA application_id = 0"
expect_status 0 "a store with no stamp is recognised by its schema" "$ORDESK" --db "$T/d/old.db" orders
check "reading leaves it unstamped" [ "$(sqlite3 "$T/d/old.db" 'PRAGMA application_id')" -eq 0 ]
"$ORDESK" --db "$T/d/old.db" backup "$T/d/old-copy.db" >/dev/null
check "a backup of it is stamped" [ "$(sqlite3 "$T/d/old-copy.db" 'PRAGMA application_id')" = "$stamp" ]
check "backing up leaves it unstamped" [ "$(sqlite3 "$T/d/old.db" 'PRAGMA application_id')" -eq 0 ]
"$ORDESK" --db "$T/d/old.db" config set store.name old >/dev/null
check "its next write stamps it" [ "$(sqlite3 "$T/d/old.db" 'PRAGMA application_id')" = "$stamp" ]

# Devices and FIFOs are never opened as stores, and nothing appears beside them.
had_journal=no; [ -e /dev/null-journal ] && had_journal=yes
expect_status 65 "a device is not a store" env ORDESK_DB=/dev/null "$ORDESK" orders
expect_status 65 "init refuses a device" env ORDESK_DB=/dev/null "$ORDESK" init
no_dev_files() { [ $had_journal = yes ] || { [ ! -e /dev/null-journal ] && [ ! -e /dev/null-wal ]; }; }
check "no /dev/null-journal or -wal" no_dev_files
[ $had_journal = no ] && rm -f /dev/null-journal /dev/null-wal 2>/dev/null
mkfifo "$T/d/fifo.db"
expect_status 65 "a FIFO is not a store, and does not hang" timeout 10 "$ORDESK" --db "$T/d/fifo.db" orders

# FIFOs where a configuration, a profile or a backup is read: refused, never waited on.
mkdir -p "$T/cfg/ordesk"
mkfifo "$T/cfg/ordesk/ordesk.conf"
expect_status 74 "a user configuration that is a FIFO is refused at once" \
	env XDG_CONFIG_HOME="$T/cfg" timeout 10 "$ORDESK" orders
contains "$T/err" "not a regular file" "it says why"
rm "$T/cfg/ordesk/ordesk.conf"
od init >/dev/null
mkfifo "$T/d/backup.fifo" "$T/d/profile.fifo"
expect_status 65 "restore from a FIFO is refused at once" timeout 10 "$ORDESK" --db "$DB" restore "$T/d/backup.fifo"
contains "$T/err" "not a regular file" "it says why"
printf 'order_no,sku,qty\n' >"$T/d/orders.csv"
expect_status 74 "a profile that is a FIFO is refused at once" \
	timeout 10 "$ORDESK" --db "$DB" import --profile "$T/d/profile.fifo" "$T/d/orders.csv"
contains "$T/err" "not a regular file" "it says why"

# The order import still reads a pipe, as from <(zcat file).
mkfifo "$T/d/orders.fifo"
cat "$(dirname "$0")/../data/import/generic-multiline.csv" >"$T/d/orders.fifo" &
expect_status 0 "an order file that is a pipe is still imported" timeout 10 "$ORDESK" --db "$DB" import "$T/d/orders.fifo"
contains "$T/out" "3 new" "all its orders"
wait

# Honest statuses when the first read fails.
(echo "PRAGMA locking_mode = EXCLUSIVE; BEGIN EXCLUSIVE; SELECT count(*) FROM orders;"; sleep 9) |
	sqlite3 "$DB" >/dev/null 2>&1 &
holder=$!
sleep 1
expect_status 69 "a store another process holds exclusively is busy (69), not bad data" od orders
contains "$T/err" "locked" "it says the store is locked"
kill "$holder" 2>/dev/null; wait "$holder" 2>/dev/null
rm -f "$DB-wal" "$DB-shm"
expect_status 74 "too few file descriptors is an I/O error (74)" sh -c 'ulimit -n 5; exec "$0" --db "$1" orders' "$ORDESK" "$DB"
lacks "$T/err" "not an ordesk store" "and is not called a foreign file"
rm -f "$DB-wal" "$DB-shm"
expect_status 74 "a file size limit (SIGXFSZ ignored) is an I/O error (74)" \
	sh -c 'trap "" XFSZ; ulimit -f 1; exec "$0" --db "$1" orders' "$ORDESK" "$DB"
lacks "$T/err" "not an ordesk store" "and is not called a foreign file"
od orders >/dev/null

# A read-only directory without the -wal: nobody may create it, so reading fails and says where.
if command -v setpriv >/dev/null 2>&1; then
	mkdir "$T/ro"
	"$ORDESK" --db "$T/ro/s.db" init >/dev/null
	chown -R 65534:65534 "$T/ro" 2>/dev/null && chmod 0755 "$T" && chmod 0500 "$T/ro" && chmod 0600 "$T/ro/s.db"
	rm -f "$T/ro/s.db-wal" "$T/ro/s.db-shm"
	if [ "$(id -u)" = 0 ] && [ "$(stat -c %u "$T/ro")" = 65534 ]; then
		expect_status 74 "a read-only directory without the -wal is an I/O error (74)" \
			setpriv --reuid=65534 --regid=65534 --clear-groups env HOME="$T/ro" "$ORDESK" --db "$T/ro/s.db" orders
		contains "$T/err" "$T/ro" "it names the directory"
	else
		ok "# skip read-only directory: needs root to act as another user"
	fi
	chmod 0700 "$T/ro" "$T"
fi
finish
