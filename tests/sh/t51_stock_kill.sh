#!/bin/sh
# Stock operations killed with SIGKILL at random moments: lock, release and
# receive processes run against one store and are killed mid-work; after every
# round `ordesk check` finds the invariants whole (locked = sum of active locks,
# 0 <= locked <= on hand, locks only on locked orders, counts).
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/stock_orders.sh"
export ORDESK_NOW="2026-11-16 09:00"
ROUNDS=${STOCK_KILL_ROUNDS:-8}

od init >/dev/null
make_orders "$DB" 1 300 KILL 1
make_orders "$DB" 301 100 BULK 2
od stock receive KILL 40 >/dev/null
od stock receive BULK 1 >/dev/null
# Many orders waiting on BULK make each of its receipts a long transaction.
i=301; while [ $i -le 400 ]; do od lock "$(order_no $i)" >/dev/null 2>&1; i=$((i + 1)); done

# Each worker runs one ordesk at a time in the background and notes its pid,
# so the round can kill that very process with SIGKILL mid-work; a stop file
# (and an iteration cap, so nothing can run away) ends the workers.
run_one() {
	"$ORDESK" --db "$DB" "$@" >/dev/null 2>&1 &
	echo $! >"$T/pid.$w"
	{ wait $!; } 2>/dev/null
}
worker() {
	w=$1; n=$2; k=0
	while [ ! -e "$T/stop" ] && [ $k -lt 500 ]; do
		k=$((k + 1))
		n=$(( (n * 1103515245 + 12345) % 2147483648 ))
		o=$(order_no $(( n % 300 + 1 )))
		case $w in
		lock*) run_one lock "$o" ;;
		release) run_one release "$o" ;;
		receive) run_one stock receive KILL 1; run_one stock receive BULK 3 ;;
		esac
	done
}

r=1; fails=0
while [ $r -le "$ROUNDS" ]; do
	rm -f "$T/stop" "$T"/pid.*
	for w in lock1 lock2 release receive; do
		worker $w $((r * 7919 + ${#w})) &
	done
	# a random moment: 0.2 .. 0.9 s
	sleep "0.$(( (r * 37) % 8 + 2 ))"
	touch "$T/stop"
	for f in "$T"/pid.*; do [ -e "$f" ] && kill -9 "$(cat "$f")" 2>/dev/null; done
	wait
	if ! od check >"$T/check" 2>&1; then
		fails=$((fails + 1)); sed 's/^/#   /' "$T/check"
	fi
	r=$((r + 1))
done
[ $fails -eq 0 ] && ok "check passes after each of $ROUNDS killed rounds" ||
	not_ok "check failed after $fails of $ROUNDS rounds"
# Work happened: some orders are locked, some receipts landed.
[ "$(q "$DB" "SELECT count(*) FROM events WHERE what IN ('lock', 'release')")" -gt 0 ] &&
	ok "the workers did work" || not_ok "the workers did work"
# Every event of a lock belongs to a committed whole: locked orders hold their locks.
[ "$(q "$DB" "SELECT count(*) FROM orders WHERE stage = 'locked' AND id NOT IN (SELECT order_id FROM stock_locks WHERE state = 'active')")" -eq 0 ] &&
	ok "every locked order holds its locks" || not_ok "a locked order holds no locks"
[ "$(q "$DB" "SELECT count(*) FROM orders WHERE stage = 'review' AND id IN (SELECT order_id FROM stock_locks WHERE state = 'active')")" -eq 0 ] &&
	ok "no order in review holds a lock" || not_ok "an order in review holds a lock"
finish
