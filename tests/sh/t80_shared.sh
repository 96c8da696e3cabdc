#!/bin/sh
# The shared installation (issue 8): `make install-shared` into a private
# PREFIX, then three throwaway OS users -- a clerk, a supervisor and one the
# store does not know -- work the one store at once through the installed
# setgid binary.  Needs root (CI runs as root); otherwise it only skips.
# It adds users and a group of its own: all removed on exit, even on failure.  Numbered t80 so it runs after the other shell tests.
. "$(dirname "$0")/lib.sh"
ROOT=$(cd "$(dirname "$0")/../.." && pwd)

if [ "$(id -u)" != 0 ]; then
	ok "# skip not root"
	finish
fi
for tool in useradd userdel groupadd groupdel runuser getent sqlite3 stat; do
	if ! command -v "$tool" >/dev/null 2>&1; then
		ok "# skip no $tool"
		finish
	fi
done
case $(findmnt -no OPTIONS -T "$T" 2>/dev/null) in
*nosuid*) ok "# skip $T is on a nosuid mount"; finish ;;
esac

# A throwaway group in place of the default "ordesk": the test never touches
# a real installation's group, and runs of it side by side do not collide.
N=$$
GROUP=odgrp$N
CLERK=odclerk$N SUPER=odsuper$N STRAY=odstray$N
MADE_USERS=
MADE_GROUP=
getent group "$GROUP" >/dev/null || MADE_GROUP=yes
cleanup() {
	wait 2>/dev/null
	for u in $MADE_USERS; do userdel "$u" 2>/dev/null; done
	if [ -n "$MADE_GROUP" ] && getent group "$GROUP" >/dev/null; then groupdel "$GROUP"; fi
	rm -rf "$T"
}
trap cleanup EXIT
trap 'exit 1' INT TERM HUP
cd "$T" || exit 1
chmod 0755 "$T"

PREFIX=$T/prefix
SHARED=$T/var/lib/ordesk
STORE=$SHARED/ordesk.db
OD=$PREFIX/bin/ordesk
# The installed binary is an ordinary build even under `make check-san`: a
# setgid process is not dumpable, and LeakSanitizer aborts in one at exit.
mk() {
	env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL -u SAN -u OPT \
		make -C "$ROOT" -s -j2 B="$T/build" BIN="$T/build/ordesk" SAN= OPT="-O2 -g" \
		PREFIX="$PREFIX" LOCALSTATEDIR="$T/var/lib" ORDESK_GROUP="$GROUP" "$@"
}

# as USER CMD...: runs CMD as USER with a clean environment (UMASK, default 022).
as() {
	u=$1; shift
	runuser -u "$u" -- env -i PATH=/usr/bin:/bin HOME="$T/home/$u" LC_ALL=C.UTF-8 TZ=UTC \
		${EXTRA_ENV:-} sh -c 'umask "$0"; exec "$@"' "${UMASK:-022}" "$@"
}
mode_of() { stat -c '%a %U:%G' "$1"; }

# --- install ---------------------------------------------------------------
if mk install-shared >"$T/make.log" 2>&1; then ok "make install-shared"; else
	not_ok "make install-shared"; sed 's/^/#   /' "$T/make.log" | tail -20; finish; fi
check "binary setgid $GROUP, 2755" [ "$(mode_of "$OD")" = "2755 root:$GROUP" ]
check "data directory root:$GROUP 2770" [ "$(mode_of "$SHARED")" = "2770 root:$GROUP" ]
check "man page installed" [ -f "$PREFIX/share/man/man1/ordesk.1" ]
contains "$PREFIX/etc/ordesk/ordesk.conf" "db = $STORE" "system configuration names the shared store"
for f in "$STORE" "$STORE-wal" "$STORE-shm"; do
	check "${f##*/} is 0660 root:$GROUP" [ "$(mode_of "$f")" = "660 root:$GROUP" ]
done

for u in "$CLERK" "$SUPER" "$STRAY"; do
	if useradd -M -d "$T/home/$u" -s /bin/sh "$u"; then MADE_USERS="$MADE_USERS $u"; fi
	mkdir -p "$T/home/$u" && chown "$u" "$T/home/$u" && chmod 0700 "$T/home/$u"
done
check "three throwaway users" [ "$(echo $MADE_USERS | wc -w)" -eq 3 ]

# --- orders, brought in by a restore as root (root ran init: the first admin) ---
mkdir "$T/seed"
"$OD" --db "$T/seed/seed.db" init >/dev/null
sqlite3 "$T/seed/seed.db" "
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 40)
INSERT INTO orders (order_no, channel, channel_ref, ordered_at, received_at, stage_at, due_at,
                    customer, phone, address, warehouse, lines, items, total_cents)
SELECT printf('20200102-EC-%04d', i), 'EC', 'T' || i, 1794819600, 1794819600, 1794819600, 1794823200,
       'Customer ' || i, '+86 138 0013 8000', '1 Test Road', 'MAIN', 1, 1, 1000 FROM n;
INSERT INTO order_lines (order_id, line_no, sku, qty, unit_price_cents)
SELECT id, 1, 'SKU-1', 1, 1000 FROM orders;"
recount "$T/seed/seed.db"
expect_status 0 "root restores a seeded store into the shared one" "$OD" restore "$T/seed/seed.db"
expect_status 0 "root adds the clerk" "$OD" users add "$CLERK" --role clerk
expect_status 0 "root adds the supervisor" "$OD" users add "$SUPER" --role supervisor
"$OD" orders --format csv >"$T/orders.csv" 2>&1
contains "$T/orders.csv" "20200102-EC-0040" "the restored orders are in the shared store"

# --- identity and roles ----------------------------------------------------------
expect_status 0 "unknown user reads the board's orders" as "$STRAY" "$OD" orders --format csv
contains "$T/out" "20200102-EC-0001" "unknown user sees the orders"
expect_status 77 "unknown user cannot advance" as "$STRAY" "$OD" advance 20200102-EC-0001
expect_status 77 "unknown user cannot make itself admin" as "$STRAY" "$OD" users add "$STRAY" --role admin
expect_status 77 "a viewer cannot fill the shared store with demo orders (77, not 74)" as "$STRAY" "$OD" demo
expect_status 77 "nor rebuild it" as "$STRAY" "$OD" demo --refresh
expect_status 0 "clerk advances an order" as "$CLERK" "$OD" advance 20200102-EC-0001
"$OD" show 20200102-EC-0001 >"$T/show" 2>&1
contains "$T/show" "$CLERK" "the event names the clerk's real login"
expect_status 77 "clerk cannot cancel" as "$CLERK" "$OD" cancel 20200102-EC-0002 --reason test
expect_status 77 "clerk cannot add users" as "$CLERK" "$OD" users add "$STRAY" --role clerk
EXTRA_ENV="USER=root LOGNAME=root"
expect_status 77 "USER=root gains nothing" as "$CLERK" "$OD" users add "$STRAY" --role admin
expect_status 77 "USER=root init --admin gains nothing" as "$CLERK" "$OD" init --admin "$CLERK"
EXTRA_ENV=
expect_status 0 "supervisor cancels" as "$SUPER" "$OD" cancel 20200102-EC-0002 --reason "customer asked"
EXTRA_ENV="ORDESK_NOW=978307200"
expect_status 0 "ORDESK_NOW on the shared store: works" as "$CLERK" "$OD" advance 20200102-EC-0003
EXTRA_ENV=
contains "$T/err" "ORDESK_NOW is ignored" "ORDESK_NOW is ignored on the shared store"
"$OD" show 20200102-EC-0003 >"$T/show" 2>&1
lacks "$T/show" "2001-01-01" "the event is not back-dated"

EXTRA_ENV="TZ=UTC"
as "$CLERK" "$OD" orders --format csv >"$T/tz-utc" 2>&1
EXTRA_ENV="TZ=Pacific/Kiritimati"
as "$CLERK" "$OD" orders --format csv >"$T/tz-far" 2>&1
EXTRA_ENV=
check "TZ changes nothing on the shared store" cmp -s "$T/tz-utc" "$T/tz-far"

# --- no way around ordesk -------------------------------------------------------
for u in "$CLERK" "$SUPER" "$STRAY"; do
	if as "$u" sqlite3 "$STORE" "SELECT count(*) FROM users" >/dev/null 2>&1; then
		not_ok "$u read the store with sqlite3"; else ok "$u cannot read the store with sqlite3"; fi
	if as "$u" sqlite3 "$STORE" "UPDATE users SET role = 'admin'" >/dev/null 2>&1; then
		not_ok "$u wrote the store with sqlite3"; else ok "$u cannot write the store with sqlite3"; fi
	if as "$u" cat "$STORE" >/dev/null 2>&1; then
		not_ok "$u read the store's file"; else ok "$u cannot read the store's file"; fi
done
check "no file of the store belongs to a user" [ -z "$(find "$SHARED" ! -user root)" ]

# The -wal and -shm are kept; a missing or user-owned one stops everyone but root.
mv "$STORE-wal" "$T/wal.keep"
expect_status 74 "a missing -wal is refused, not made by a user" as "$CLERK" "$OD" orders
contains "$T/err" "running 'ordesk init' as root" "the refusal says how to repair"
check "no -wal was made by the user" [ ! -e "$STORE-wal" ]
mv "$T/wal.keep" "$STORE-wal"
chown "$CLERK" "$STORE-shm"
expect_status 77 "a -shm owned by a user is refused" as "$CLERK" "$OD" orders
chown root "$STORE-shm"
expect_status 0 "repaired, the clerk works again" as "$CLERK" "$OD" orders
# Only root creates the shared store.
cp "$PREFIX/etc/ordesk/ordesk.conf" "$T/conf.keep"
echo "db = $SHARED/fresh.db" >"$PREFIX/etc/ordesk/ordesk.conf"
expect_status 77 "a user cannot create the shared store" as "$CLERK" "$OD" init
check "nothing was created" [ ! -e "$SHARED/fresh.db" ]
chmod 0666 "$PREFIX/etc/ordesk/ordesk.conf"
expect_status 77 "a system configuration others may write is not trusted" as "$CLERK" "$OD" orders
cp "$T/conf.keep" "$PREFIX/etc/ordesk/ordesk.conf" && chmod 0644 "$PREFIX/etc/ordesk/ordesk.conf"

# A store the group may write but the users may not: no name reaches it.
mkdir "$T/grp" && chgrp "$GROUP" "$T/grp" && chmod 2770 "$T/grp"
"$OD" --db "$T/grp/other.db" init >/dev/null && chmod 0660 "$T/grp/other.db"*
check "the other store is the group's" [ "$(mode_of "$T/grp/other.db")" = "660 root:$GROUP" ]
expect_status 74 "--db at the group's other store is refused" as "$CLERK" "$OD" --db "$T/grp/other.db" orders
contains "$T/err" "Permission denied" "the refusal is the system's own: the user may not reach it"
EXTRA_ENV="ORDESK_DB=$T/grp/other.db"
expect_status 74 "ORDESK_DB at it is refused" as "$CLERK" "$OD" orders
mkdir -p "$T/home/$CLERK/cfg/ordesk"
echo "db = $T/grp/other.db" >"$T/home/$CLERK/cfg/ordesk/ordesk.conf"
chown -R "$CLERK" "$T/home/$CLERK/cfg"
EXTRA_ENV="XDG_CONFIG_HOME=$T/home/$CLERK/cfg"
expect_status 74 "a user configuration naming it is refused" as "$CLERK" "$OD" orders
EXTRA_ENV="ORDESK_DB=$STORE"
expect_status 0 "ORDESK_DB naming the shared store itself works" as "$CLERK" "$OD" orders
EXTRA_ENV=
expect_status 0 "--db at a store of one's own works, as oneself" \
	as "$CLERK" "$OD" --db "$T/home/$CLERK/mine.db" init
check "that store belongs to the clerk, not the group" \
	[ "$(stat -c %U:%G "$T/home/$CLERK/mine.db")" = "$CLERK:$(id -gn "$CLERK")" ]

# --- files written for the user -------------------------------------------------
UMASK=077
expect_status 0 "supervisor backs up into their home" as "$SUPER" "$OD" backup "$T/home/$SUPER/b0.db"
UMASK=
check "the backup belongs to the supervisor" \
	[ "$(mode_of "$T/home/$SUPER/b0.db")" = "600 $SUPER:$(id -gn "$SUPER")" ]
expect_status 74 "a backup cannot be written where only the group may write" \
	as "$SUPER" "$OD" backup "$SHARED/copy.db"
check "and nothing was created there" [ ! -e "$SHARED/copy.db" ]
expect_status 77 "a clerk may not back up" as "$CLERK" "$OD" backup "$T/home/$CLERK/b.db"
expect_status 77 "a supervisor may not restore" as "$SUPER" "$OD" restore "$T/home/$SUPER/b0.db"
"$OD" users role "$SUPER" admin >/dev/null
expect_status 74 "restore cannot read a file only the group may read" as "$SUPER" "$OD" restore "$T/grp/other.db"
expect_status 0 "an admin restores from a backup of their own" as "$SUPER" "$OD" restore "$T/home/$SUPER/b0.db"
expect_status 0 "the restored shared store passes check" "$OD" check
"$OD" users list >"$T/users" 2>&1
check "the restore brought back the backup's roles" grep -Eq "^$SUPER +supervisor" "$T/users"
EXTRA_ENV="ORDESK_KEYS=q ORDESK_DUMP=$SHARED/dump.txt"
as "$CLERK" "$OD" board >/dev/null 2>&1
EXTRA_ENV=
check "the board's ORDESK_DUMP cannot write where only the group may" [ ! -e "$SHARED/dump.txt" ]
if "$OD" --help 2>/dev/null | grep -q '^  report '; then
	as "$CLERK" "$OD" report weekly -o "$T/home/$CLERK/r.txt" >/dev/null 2>&1
	check "report -o belongs to the clerk" \
		[ "$(stat -c %U:%G "$T/home/$CLERK/r.txt" 2>/dev/null)" = "$CLERK:$(id -gn "$CLERK")" ]
	as "$CLERK" "$OD" report weekly -o "$SHARED/r.txt" >/dev/null 2>&1
	check "report -o cannot write where only the group may" [ ! -e "$SHARED/r.txt" ]
fi
if "$OD" --help 2>/dev/null | grep -q '^  import .*--rejects'; then
	csv=$T/home/$CLERK/in.csv
	{
		echo "channel,order_ref,ordered_at,customer,tier,phone,address,sku,qty,unit_price,type,flags,note"
		echo "EC,IMP-1,2026-11-20 10:00,Zhang San,regular,+86 138 0013 8001,2 Test Road,SKU-1,1,10.00,sale,,"
		echo "EC,IMP-2,2026-11-20 10:05,Li Si,regular,+86 138 0013 8002,3 Test Road,SKU-1,0,10.00,sale,,"
		echo "EC,,not a date,,,,,,,,,,"
	} >"$csv"
	chown "$CLERK" "$csv"
	as "$CLERK" "$OD" import --rejects "$T/home/$CLERK/rej.csv" "$csv" >"$T/import.out" 2>&1
	imported=$("$OD" orders --format csv | grep IMP-1 | cut -d, -f1 | tr -d '"')
	check "the clerk imports into the shared store" [ -n "$imported" ]
	check "--rejects belongs to the clerk" \
		[ "$(stat -c %U:%G "$T/home/$CLERK/rej.csv" 2>/dev/null)" = "$CLERK:$(id -gn "$CLERK")" ]
	as "$CLERK" "$OD" import --dry-run --rejects "$SHARED/rej.csv" "$csv" >/dev/null 2>&1
	check "--rejects cannot write where only the group may" [ ! -e "$SHARED/rej.csv" ]
	expect_status 74 "import cannot read a file only the group may read" \
		as "$CLERK" "$OD" import --dry-run "$STORE"
fi

# --- everyone at once -------------------------------------------------------------
: >"$T/started"
chmod 0666 "$T/started"
(
	UMASK=000
	i=10
	while [ $i -le 40 ]; do
		as "$CLERK" "$OD" advance "$(printf '20200102-EC-%04d' $i)" >/dev/null 2>>"$T/clerk.err" ||
			echo "advance $i failed" >>"$T/fail"
		[ $i -eq 10 ] && echo x >>"$T/started"
		i=$((i + 1))
	done
) &
(
	UMASK=077
	for i in 4 5 6 7 8 9; do
		as "$SUPER" "$OD" cancel "$(printf '20200102-EC-%04d' $i)" --reason busy >/dev/null \
			2>>"$T/super.err" || echo "cancel $i failed" >>"$T/fail"
	done
) &
(
	for i in 1 2 3 4 5 6 7 8; do
		as "$STRAY" "$OD" orders >/dev/null 2>>"$T/stray.err" || echo "read $i failed" >>"$T/fail"
		as "$STRAY" "$OD" advance 20200102-EC-0040 >/dev/null 2>&1
		[ $? -eq 77 ] || echo "stray advance $i not refused" >>"$T/fail"
	done
) &
while [ ! -s "$T/started" ]; do sleep 0.1; done
as "$SUPER" "$OD" backup "$T/home/$SUPER/during.db" >/dev/null 2>"$T/backup.err"
backup_rc=$?
wait
check "backup while the clerk writes" [ $backup_rc -eq 0 ]
if [ -s "$T/fail" ]; then not_ok "everyone at once"; sed 's/^/#   /' "$T/fail" "$T"/*.err | head -20
else ok "everyone at once: every command did what its role allows"; fi
expect_status 0 "the shared store's invariants hold" "$OD" check
expect_status 0 "the backup taken meanwhile passes check" \
	as "$SUPER" "$OD" --db "$T/home/$SUPER/during.db" check
"$OD" orders --format csv --stage review >"$T/review.csv" 2>&1
in_review=$(grep -c '20200102-EC-00' "$T/review.csv")
check "all the clerk's advances landed ($in_review of 33 in review)" [ "$in_review" -eq 33 ]
for f in "$STORE" "$STORE-wal" "$STORE-shm"; do
	check "${f##*/} still 0660 root:$GROUP whatever the umasks" [ "$(mode_of "$f")" = "660 root:$GROUP" ]
done
check "still no file of the store belongs to a user" [ -z "$(find "$SHARED" ! -user root)" ]

# --- never runs another program --------------------------------------------------
if command -v nm >/dev/null 2>&1; then
	nm -D --undefined-only "$OD" | awk '{print $NF}' | sed 's/@.*//' |
		grep -Ex 'system|popen|execl|execle|execlp|execv|execve|execvp|execvpe|fork|vfork|posix_spawnp?' \
		>"$T/exec" 2>&1
	check "the binary runs no shell and no other program" [ ! -s "$T/exec" ]
fi

# --- uninstall ------------------------------------------------------------------
if mk uninstall-shared >"$T/make.log" 2>&1; then ok "make uninstall-shared"; else
	not_ok "make uninstall-shared"; sed 's/^/#   /' "$T/make.log" | tail -20; fi
check "binary removed" [ ! -e "$OD" ]
check "configuration removed" [ ! -e "$PREFIX/etc/ordesk/ordesk.conf" ]
check "man page removed" [ ! -e "$PREFIX/share/man/man1/ordesk.1" ]
check "the data stays" [ -f "$STORE" ]
finish
