#!/bin/sh
# Two processes advancing the same order at once: exactly one succeeds, the other exits 1
# saying the order already moved; the store's invariants hold afterwards.
. "$(dirname "$0")/lib.sh"

export ORDESK_NOW="2026-11-16 09:30"
PAIRS=${ORDESK_RACE_PAIRS:-25}

od init >/dev/null || { not_ok "init"; finish; }

# seed N: N orders in new, the only SQL this file writes into the schema.
seed() {
	i=1
	{
		echo "BEGIN;"
		while [ "$i" -le "$1" ]; do
			no=$(printf '20261116-EC-%04d' "$i")
			echo "INSERT INTO orders (order_no, channel, channel_ref, source, stage, ordered_at, received_at,
			  stage_at, due_at, customer, phone, address, warehouse, lines, items)
			  VALUES ('$no', 'EC', 'race-$i', 'test', 'new', 1794819000, 1794819600, 1794819600,
			  1794823200, 'Racer $i', '+86 138 0013 8000', '1 Test Road', 'MAIN', 1, 1);
			  INSERT INTO order_lines (order_id, line_no, sku, qty) SELECT id, 1, 'SKU-A', 1
			  FROM orders WHERE order_no = '$no';"
			i=$((i + 1))
		done
		echo "COMMIT;"
	} | sqlite3 "$DB" && recount
}
seed "$PAIRS"

both_ok=0; both_failed=0; wrong_msg=0; one=0
i=1
while [ "$i" -le "$PAIRS" ]; do
	no=$(printf '20261116-EC-%04d' "$i")
	od advance "$no" --to review >"$T/a.out" 2>"$T/a.err" &
	pa=$!
	od advance "$no" --to review >"$T/b.out" 2>"$T/b.err" &
	pb=$!
	wait "$pa"; ra=$?
	wait "$pb"; rb=$?
	if [ "$ra" -eq 0 ] && [ "$rb" -eq 0 ]; then
		both_ok=$((both_ok + 1))
	elif [ "$ra" -ne 0 ] && [ "$rb" -ne 0 ]; then
		both_failed=$((both_failed + 1))
		sed 's/^/#   /' "$T/a.err" "$T/b.err"
	else
		one=$((one + 1))
		if [ "$ra" -eq 0 ]; then loser=b; lrc=$rb; else loser=a; lrc=$ra; fi
		if [ "$lrc" -ne 1 ] || ! grep -q "already moved" "$T/$loser.err" || [ "$(wc -l < "$T/$loser.err")" -ne 1 ]; then
			wrong_msg=$((wrong_msg + 1))
			echo "#   loser exit $lrc:"; sed 's/^/#   /' "$T/$loser.err"
		fi
	fi
	i=$((i + 1))
done

if [ "$one" -eq "$PAIRS" ]; then ok "exactly one of each pair succeeded ($PAIRS pairs)"; else
	not_ok "one winner per pair: $one of $PAIRS (both won $both_ok, both failed $both_failed)"; fi
if [ "$wrong_msg" -eq 0 ]; then ok "the loser exits 1 saying the order already moved"; else
	not_ok "the loser's exit or message was wrong $wrong_msg times"; fi

# Every order moved once: one advance event each, all in review.
n=$(sqlite3 "$DB" "SELECT count(*) FROM orders WHERE stage = 'review'")
if [ "$n" -eq "$PAIRS" ]; then ok "every order is in review"; else not_ok "$n of $PAIRS orders in review"; fi
n=$(sqlite3 "$DB" "SELECT count(*) FROM events WHERE what = 'advance'")
if [ "$n" -eq "$PAIRS" ]; then ok "one advance event per order"; else not_ok "$n advance events for $PAIRS orders"; fi

# A crowd: four processes on one order, the next stage each time.
seed_one() {
	sqlite3 "$DB" "INSERT INTO orders (order_no, channel, channel_ref, stage, ordered_at, received_at, stage_at,
	  due_at, customer, warehouse, lines, items) VALUES ('20261116-ST-0001', 'ST', 'crowd', 'new',
	  1794819000, 1794819600, 1794819600, 1794823200, 'Crowd', 'MAIN', 0, 0)" && recount
}
seed_one
pids=""
for k in 1 2 3 4; do
	od advance 20261116-ST-0001 --to review >/dev/null 2>"$T/c$k.err" &
	pids="$pids $!"
done
wins=0; losses=0
for pid in $pids; do
	if wait "$pid"; then wins=$((wins + 1)); else losses=$((losses + 1)); fi
done
if [ "$wins" -eq 1 ] && [ "$losses" -eq 3 ]; then ok "four at once: one wins, three lose"; else
	not_ok "four at once: $wins won, $losses lost"; cat "$T"/c*.err | sed 's/^/#   /'; fi

# Two processes creating one new store at once: the schema is made once, and its creator is
# made admin once (one user, one "created the store" event).
bad_init=0
for k in $(seq 1 30); do
	NEW=$T/new$k.db
	"$ORDESK" --db "$NEW" init >/dev/null 2>"$T/i1.err" &
	p1=$!
	"$ORDESK" --db "$NEW" init >/dev/null 2>"$T/i2.err" &
	p2=$!
	wait "$p1"; r1=$?
	wait "$p2"; r2=$?
	users=$(sqlite3 "$NEW" "SELECT count(*) FROM users")
	made=$(sqlite3 "$NEW" "SELECT count(*) FROM events WHERE why = 'created the store'")
	if [ "$r1" -ne 0 ] || [ "$r2" -ne 0 ] || [ "$users" -ne 1 ] || [ "$made" -ne 1 ]; then
		bad_init=$((bad_init + 1))
		echo "#   init exits $r1 $r2, $users users, $made creation events"; cat "$T/i1.err" "$T/i2.err" | sed 's/^/#   /'
	fi
	"$ORDESK" --db "$NEW" check >/dev/null 2>&1 || { bad_init=$((bad_init + 1)); echo "#   check failed on $NEW"; }
done
if [ "$bad_init" -eq 0 ]; then ok "two inits at once: one schema, one admin, one creation event"; else
	not_ok "two inits at once went wrong $bad_init times"; fi

expect_status 0 "check after the races" od check
contains "$T/out" "invariants hold" "the invariants hold"

finish
