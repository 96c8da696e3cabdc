#!/bin/sh
# --from STAGE (issue 15): the stage the operator saw.  Two processes act on the
# same order at once, each naming the stage it saw: one wins, the other exits 1
# saying who moved it, and changes nothing.  Then lock, release, split, back and
# cancel refuse an order that is no longer where their --from says.
. "$(dirname "$0")/lib.sh"

export ORDESK_NOW="2026-11-16 09:30"
PAIRS=${ORDESK_RACE_PAIRS:-15}
ME=$(id -un)

od init >/dev/null || { not_ok "init"; finish; }
seed() {
	i=1
	{
		echo "BEGIN;"
		while [ "$i" -le "$1" ]; do
			no=$(printf '20261116-EC-%04d' "$i")
			echo "INSERT INTO orders (order_no, channel, channel_ref, source, stage, ordered_at, received_at,
			  stage_at, due_at, customer, phone, address, warehouse, lines, items)
			  VALUES ('$no', 'EC', 'race-$i', 'test', 'new', 1794819000, 1794819600, 1794819600,
			  1794823200, 'Racer $i', '+86 138 0013 8000', '1 Test Road', 'MAIN', 1, 2);
			  INSERT INTO order_lines (order_id, line_no, sku, qty) SELECT id, 1, 'SKU-A', 2
			  FROM orders WHERE order_no = '$no';"
			i=$((i + 1))
		done
		echo "COMMIT;"
	} | sqlite3 "$DB" && recount
}
seed $((PAIRS + 2))
events() { sqlite3 "$DB" "SELECT count(*) FROM events e JOIN orders o ON o.id = e.order_id WHERE o.order_no = '$1'"; }
stage() { sqlite3 "$DB" "SELECT stage FROM orders WHERE order_no = '$1'"; }

# advance --from new against cancel --from new, at once.
one=0; bad=0
i=1
while [ "$i" -le "$PAIRS" ]; do
	no=$(printf '20261116-EC-%04d' "$i")
	od advance "$no" --from new >"$T/a.out" 2>"$T/a.err" &
	pa=$!
	od cancel "$no" --reason "duplicate" --from new >"$T/b.out" 2>"$T/b.err" &
	pb=$!
	wait "$pa"; ra=$?
	wait "$pb"; rb=$?
	if [ $((ra + rb)) -eq 1 ]; then
		one=$((one + 1))
		if [ "$ra" -eq 0 ]; then loser=b; want=review; else loser=a; want=cancelled; fi
		if ! grep -q "already moved by $ME" "$T/$loser.err" || [ "$(stage "$no")" != $want ] \
			|| [ "$(events "$no")" != 1 ]; then
			bad=$((bad + 1)); echo "#   $no: $(stage "$no"), $(events "$no") events:"; sed 's/^/#   /' "$T/$loser.err"
		fi
	else
		echo "#   $no: exits $ra and $rb"; sed 's/^/#   /' "$T/a.err" "$T/b.err"
	fi
	i=$((i + 1))
done
[ "$one" -eq "$PAIRS" ] && ok "one of advance and cancel won each pair ($PAIRS pairs)" \
	|| not_ok "one winner per pair: $one of $PAIRS"
[ "$bad" -eq 0 ] && ok "the loser said who moved it and changed nothing" || not_ok "$bad losers wrong"

# Each command's --from, one after the other.
od stock receive SKU-A 50 >/dev/null
no=$(printf '20261116-EC-%04d' $((PAIRS + 1)))
od advance "$no" >/dev/null
expect_status 1 "lock --from new of an order in review" od lock "$no" --from new
contains "$T/err" "already moved by $ME" "lock says who moved it"
[ "$(stage "$no")" = review ] && ok "and changed nothing" || not_ok "lock moved it ($(stage "$no"))"
expect_status 0 "lock --from review" od lock "$no" --from review
expect_status 1 "release --from review of a locked order" od release "$no" --from review
[ "$(stage "$no")" = locked ] && ok "release changed nothing" || not_ok "release moved it"
[ "$(sqlite3 "$DB" "SELECT locked FROM stock WHERE sku = 'SKU-A'")" = 2 ] && ok "the lock is still held" \
	|| not_ok "locks changed"
expect_status 1 "back --from review of a locked order" od back "$no" --reason "recheck" --from review
expect_status 1 "cancel --from review of a locked order" od cancel "$no" --reason "x" --from review
expect_status 1 "split --from review of a locked order" od split "$no" --from review
contains "$T/err" "already moved by $ME" "split says who moved it"
expect_status 1 "advance --from review of a locked order" od advance "$no" --from review
[ "$(stage "$no")" = locked ] && ok "still locked after five refusals" || not_ok "moved to $(stage "$no")"
expect_status 0 "release --from locked" od release "$no" --from locked
expect_status 64 "an unknown stage is a usage error" od lock "$no" --from nowhere
contains "$T/err" "unknown stage nowhere" "and says which"
finish
