#!/bin/sh
# I/O faults injected into the write commands (issue 22): a small LD_PRELOAD
# shim (tests/fault/faultshim.c) fails the Nth write, fsync or open and every
# one after it (a disk that fills up, a device that fails) while import,
# lock, stock receive, backup and restore run.  After each run the store
# passes `ordesk check` and PRAGMA integrity_check, is either as before or as
# after a clean run, never between, and the exit status is 0 or 74 (an I/O
# error, said so), never another.  A sample of N per kind (FAULT_ALL=1: every
# N, as make bench runs it).
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/stock_orders.sh"
SHIM=${FAULTSHIM:-}
if [ -z "$SHIM" ] || [ ! -f "$SHIM" ]; then ok "# skip no fault shim built (FAULTSHIM)"; finish; fi
command -v sqlite3 >/dev/null 2>&1 || { ok "# skip no sqlite3"; finish; }
D=$(cd "$(dirname "$0")/../data/import" && pwd)
export ORDESK_NOW="2026-11-16 09:00" ASAN_OPTIONS=${ASAN_OPTIONS:-}:verify_asan_link_order=0

od init >/dev/null
make_orders "$DB" 5001 20 SKU 1
od stock receive SKU 10 >/dev/null
od backup "$T/other.db" >/dev/null
"$ORDESK" --db "$T/other.db" config set store.name "restored" >/dev/null
cp "$DB" "$T/base.db"

state() {
	sqlite3 "$1" "SELECT count(*), group_concat(stage) FROM (SELECT stage FROM orders ORDER BY id);
		SELECT count(*), coalesce(sum(on_hand), 0), coalesce(sum(locked), 0) FROM stock;
		SELECT count(*) FROM events; SELECT value FROM settings WHERE key = 'store.name';"
}
fresh() { cp "$T/base.db" "$DB"; rm -f "$DB-wal" "$DB-shm" "$T/bk.db"; }
# run NAME CMD...: the command clean once, then under each fault.
faults=0; bad=0
run() {
	name=$1; shift
	fresh
	"$ORDESK" --db "$DB" "$@" >/dev/null 2>"$T/err" || { not_ok "$name runs cleanly"; sed "s/^/#   /" "$T/err"; return; }
	after=$(state "$DB")
	for op in write fsync open; do
		fresh
		seen=$(FAULT_REPORT=1 FAULT_OP=$op FAULT_N=999999999 LD_PRELOAD=$SHIM \
			"$ORDESK" --db "$DB" "$@" 2>&1 >/dev/null | sed -n 's/^faultshim: \([0-9]*\) seen.*/\1/p')
		step=1; [ "${FAULT_ALL:-0}" = 1 ] || step=$(( ${seen:-0} / 4 + 1 ))
		n=1
		while [ "$n" -le "${seen:-0}" ]; do
			fresh
			before=$(state "$DB")
			FAULT_ERRNO=$( [ $op = write ] && echo ENOSPC || echo EIO ) FAULT_OP=$op FAULT_N=$n \
				LD_PRELOAD=$SHIM "$ORDESK" --db "$DB" "$@" >"$T/out" 2>"$T/err"
			rc=$?
			faults=$((faults + 1))
			now=$(state "$DB")
			why=
			case $rc in 0|74) ;; *) why="exit $rc" ;; esac
			[ $rc -eq 0 ] && [ "$now" != "$after" ] && why="$why, exit 0 but not done"
			[ "$now" = "$before" ] || [ "$now" = "$after" ] || why="$why, half done"
			od check >/dev/null 2>&1 || why="$why, check fails"
			[ "$(sqlite3 "$DB" 'PRAGMA integrity_check')" = ok ] || why="$why, integrity_check fails"
			if [ -e "$T/bk.db" ] && ! "$ORDESK" --db "$T/bk.db" check >/dev/null 2>&1; then
				why="$why, a broken backup under its name"
			fi
			if [ -n "$why" ]; then
				bad=$((bad + 1)); echo "#   $name, $op fails from call $n: ${why#, }"; sed 's/^/#     /' "$T/err" | head -3
			fi
			n=$((n + step))
		done
	done
	ok "$name under injected faults"
}
run "import" import "$D/generic-multiline.csv"
run "lock" lock "$(order_no 5003)"
run "stock receive" stock receive SKU 5
run "backup" backup "$T/bk.db"
run "restore" restore "$T/other.db"
[ $bad -eq 0 ] && ok "$faults runs with a fault: each left the store whole, before or after, with an honest status" ||
	not_ok "$bad of $faults runs with a fault left the store between, broken, or with a dishonest status"
finish
