#!/bin/sh
# Stock race: 8 processes lock 200 one-unit orders against 50 units.  Exactly 50
# succeed, 150 are refused with stock_short, the invariants hold; a receipt then
# locks waiting orders in priority order; a busy store is refused with 69.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/stock_orders.sh"
export ORDESK_NOW="2026-11-16 09:00"

od init >/dev/null
make_orders "$DB" 1 200 RACE 1
expect_status 0 "receive 50" od stock receive RACE 50
contains "$T/out" "0 waiting orders locked" "nothing waits before the race"

for k in 0 1 2 3 4 5 6 7; do
	(
		i=$((k + 1))
		while [ $i -le 200 ]; do
			od lock "$(order_no $i)" >/dev/null 2>>"$T/err.$k"
			echo $? >>"$T/rc.$k"
			i=$((i + 8))
		done
	) &
done
wait
cat "$T"/rc.* >"$T/rc"
won=$(grep -c '^0$' "$T/rc"); short=$(grep -c '^1$' "$T/rc"); all=$(wc -l <"$T/rc")
[ "$won" -eq 50 ] && ok "exactly 50 locks succeed" || not_ok "exactly 50 locks succeed (got $won)"
[ "$short" -eq 150 ] && ok "150 refused" || not_ok "150 refused (got $short)"
[ "$all" -eq 200 ] && ok "no other outcome" || not_ok "no other outcome ($all answers)"
cat "$T"/err.* >"$T/errs"
[ "$(grep -c 'stock short for .*: RACE needs 1, 0 available at MAIN' "$T/errs")" -eq 150 ] &&
	ok "each refusal names SKU, needed and available" || not_ok "refusal messages"
[ "$(q "$DB" "SELECT count(*) FROM exceptions WHERE kind = 'stock_short' AND status = 'open'")" -eq 150 ] &&
	ok "150 stock_short exceptions" || not_ok "150 stock_short exceptions"
[ "$(q "$DB" "SELECT on_hand || '/' || locked FROM stock WHERE sku = 'RACE'")" = "50/50" ] &&
	ok "on hand 50, locked 50" || not_ok "on hand 50, locked 50"
expect_status 0 "check after the race" od check

od stock list --format csv >"$T/list"
contains "$T/list" '"RACE","","MAIN","50","50","0","0","150"' "stock list shows 150 units waiting"

# The 30 waiting orders a receipt of 30 should lock: class, score, then age.
q "$DB" "SELECT order_no FROM orders WHERE stage = 'review' ORDER BY prio_rank, score DESC, received_at, id LIMIT 30" |
	sort >"$T/expected"
expect_status 0 "receive 30" od stock receive RACE 30
contains "$T/out" "30 waiting orders locked, 120 still waiting" "receipt locks 30"
q "$DB" "SELECT o.order_no FROM orders o JOIN events e ON e.order_id = o.id WHERE e.what = 'lock' AND e.why = 'stock received'" |
	sort >"$T/got"
if cmp -s "$T/expected" "$T/got"; then ok "receipt follows priority order"; else
	not_ok "receipt follows priority order"; diff "$T/expected" "$T/got" | head | sed 's/^/#   /'; fi
[ "$(q "$DB" "SELECT count(*) FROM exceptions WHERE kind = 'stock_short' AND status = 'resolved' AND action LIKE 'locked on receipt%'")" -eq 30 ] &&
	ok "resolutions record the receipt" || not_ok "resolutions record the receipt"
expect_status 0 "check after the receipt" od check

# A store held by another writer past the busy timeout: 69, a message, nothing done.
before=$(q "$DB" "SELECT on_hand || '/' || locked FROM stock WHERE sku = 'RACE'")
(printf 'BEGIN IMMEDIATE;\nUPDATE settings SET value = value WHERE 0;\n'; sleep 7; printf 'COMMIT;\n') |
	sqlite3 "$DB" &
holder=$!
sleep 1
expect_status 69 "busy store exits 69" od stock receive RACE 5
contains "$T/err" "locked by another" "busy message"
wait $holder
[ "$(q "$DB" "SELECT on_hand || '/' || locked FROM stock WHERE sku = 'RACE'")" = "$before" ] &&
	ok "nothing half-done when busy" || not_ok "nothing half-done when busy"
expect_status 0 "check at the end" od check
finish
