#!/bin/sh
# Whole-store commands killed with SIGKILL at random moments (issue 22): a
# backup is complete under its name or absent; a restore leaves the store
# as it was or the backup's with its restore event, never one without the
# other; a sweep killed midway and run again equals one clean sweep.
# KILL_ROUNDS sets the rounds of each (make bench runs more).
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/stock_orders.sh"
command -v sqlite3 >/dev/null 2>&1 || { ok "# skip no sqlite3"; finish; }
export ORDESK_NOW="2026-11-16 09:00"
ROUNDS=${KILL_ROUNDS:-10}

# Runs ordesk in the background and kills it with SIGKILL after a random
# pause of 0 .. $1 ms (a seeded generator; the seed is printed to replay).
seed=${KILL_SEED:-$$}
echo "# KILL_SEED=$seed"
kill_after() {
	seed=$(( (seed * 1103515245 + 12345) % 2147483648 ))
	ms=$(( seed / 65536 % $1 ))
	shift
	"$ORDESK" "$@" >/dev/null 2>&1 &
	pid=$!
	sleep "$((ms / 1000)).$(printf %03d $((ms % 1000)))"
	kill -9 "$pid" 2>/dev/null
	wait "$pid" 2>/dev/null
}

# A store of 3000 orders in review whose clocks all ran out.
od init >/dev/null
make_orders "$DB" 1 3000 SKU 1
q "$DB" "UPDATE orders SET due_at = received_at + 3600"
od config set store.name "before" >/dev/null
cp "$DB" "$T/base.db"

# backup: complete or absent.
torn=0; made=0; r=1
while [ $r -le "$ROUNDS" ]; do
	kill_after 700 --db "$DB" backup "$T/bk$r.db"
	if [ -e "$T/bk$r.db" ]; then
		made=$((made + 1))
		if ! "$ORDESK" --db "$T/bk$r.db" check >"$T/check" 2>&1 ||
		   [ "$(q "$T/bk$r.db" 'PRAGMA quick_check')" != ok ]; then
			torn=$((torn + 1)); sed 's/^/#   /' "$T/check"
		fi
	fi
	r=$((r + 1))
done
[ $torn -eq 0 ] && ok "no killed backup left a torn file under its name ($made of $ROUNDS complete)" ||
	not_ok "$torn of $ROUNDS killed backups left a torn file under the name"
od backup "$T/other.db" >/dev/null
"$ORDESK" --db "$T/other.db" config set store.name "restored" >/dev/null

# restore: the content and its event, or neither.
bad=0; done_=0; r=1
while [ $r -le "$ROUNDS" ]; do
	cp "$T/base.db" "$DB"; rm -f "$DB-wal" "$DB-shm"
	kill_after 600 --db "$DB" restore "$T/other.db"
	name=$(od config get store.name 2>/dev/null)
	last=$(q "$DB" "SELECT what || ' ' || to_val FROM events ORDER BY id DESC LIMIT 1")
	case "$name" in
	*restored*) done_=$((done_ + 1))
		[ "$last" = "restore $T/other.db" ] || { bad=$((bad + 1)); echo "#   restored without its event: $last"; } ;;
	*before*) [ "$last" != "restore $T/other.db" ] || { bad=$((bad + 1)); echo "#   an event without the restore"; } ;;
	*) bad=$((bad + 1)); echo "#   store.name is '$name'" ;;
	esac
	od check >"$T/check" 2>&1 || { bad=$((bad + 1)); sed 's/^/#   /' "$T/check"; }
	r=$((r + 1))
done
[ $bad -eq 0 ] && ok "every killed restore left the old store or the backup with its event ($done_ of $ROUNDS done)" ||
	not_ok "$bad of $ROUNDS killed restores left a store without its event, or broken"

# sweep: batches are safe to resume.
dump() {
	sqlite3 "$1" "SELECT order_id, kind, stage, status, breach_key, opened_at, due_at, description, detail FROM exceptions ORDER BY order_id, kind;
		SELECT x.kind, x.order_id, x.created_at, x.message FROM escalations x ORDER BY x.order_id, x.kind;
		SELECT at, actor, order_id, entity, what, from_val, to_val, why FROM events ORDER BY order_id, what, entity, to_val;
		SELECT * FROM orders ORDER BY id;"
}
cp "$T/base.db" "$T/clean.db"
t0=$(date +%s%N)
"$ORDESK" --db "$T/clean.db" sweep >/dev/null
took=$(( ($(date +%s%N) - t0) / 1000000 + 1 ))
cp "$T/base.db" "$DB"; rm -f "$DB-wal" "$DB-shm"
partial=0; r=1
while [ $r -le 3 ]; do
	kill_after "$took" --db "$DB" sweep
	n=$(q "$DB" "SELECT count(*) FROM exceptions")
	[ "$n" -gt 0 ] && [ "$n" -lt 3000 ] && partial=$((partial + 1))
	r=$((r + 1))
done
od sweep >/dev/null
check "killed sweeps followed by a sweep equal one clean sweep" [ "$(dump "$DB")" = "$(dump "$T/clean.db")" ]
expect_status 0 "the resumed store passes check" od check
echo "# $partial of 3 killed sweeps stopped between batches"
finish
