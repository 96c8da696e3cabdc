#!/bin/sh
# ordesk demo: a store a newcomer can learn from, the same for the same seed.
. "$(dirname "$0")/lib.sh"
export ORDESK_NOW="2026-11-20 10:00"
q() { sqlite3 "$DB" "$1"; }

expect_status 0 "demo builds the default store" od demo --seed 3
contains "$T/out" "1500 orders" "demo says how many orders it made"
expect_status 0 "the demo store passes check" od check

check "at least 300 orders" [ "$(q 'SELECT count(*) FROM orders')" -ge 300 ]
for s in new review locked picking shipped transit done cancelled; do
	check "orders in stage $s" [ "$(q "SELECT count(*) FROM orders WHERE stage = '$s'")" -gt 0 ]
done
for c in EC ST DS; do
	check "orders from channel $c" [ "$(q "SELECT count(*) FROM orders WHERE channel = '$c'")" -gt 0 ]
done
check "Chinese names" [ "$(q "SELECT count(*) FROM orders WHERE customer GLOB '*[王李张刘陈杨]*'")" -gt 0 ]
check "Latin names" [ "$(q "SELECT count(*) FROM orders WHERE customer GLOB '[A-Z][a-z]* [A-Z]*'")" -gt 0 ]
check "VIP (diamond) customers" [ "$(q "SELECT count(*) FROM orders WHERE tier = 'diamond'")" -gt 0 ]
check "urgent orders" [ "$(q "SELECT count(*) FROM orders WHERE priority = 'urgent'")" -gt 0 ]
check "custom orders" [ "$(q "SELECT count(*) FROM orders WHERE type = 'custom'")" -gt 0 ]
check "return orders" [ "$(q "SELECT count(*) FROM orders WHERE type = 'return'")" -gt 0 ]
check "overdue open orders" [ "$(q "SELECT count(*) FROM orders WHERE stage NOT IN ('done','cancelled') AND due_at < strftime('%s','2026-11-20 10:00')")" -gt 0 ]
for k in needs_info stock_short logistics_delay sla_breach customer_change duplicate_suspect; do
	check "an open $k exception" [ "$(q "SELECT count(*) FROM exceptions WHERE kind = '$k' AND status = 'open'")" -gt 0 ]
done
check "about 100 SKUs in stock" [ "$(q 'SELECT count(DISTINCT sku) FROM stock')" -eq 100 ]
check "a few SKUs short" [ "$(q 'SELECT count(*) FROM stock WHERE on_hand - locked < safety_stock')" -ge 3 ]
check "stock locked by orders in locked and picking" [ "$(q "SELECT count(*) FROM stock_locks WHERE state = 'active'")" -gt 0 ]
check "five weeks of history" [ "$(q "SELECT count(*) FROM orders WHERE received_at < strftime('%s','2026-11-20 10:00') - 28*86400")" -gt 0 ]
check "resolved exceptions with causes" [ "$(q "SELECT count(DISTINCT cause) FROM exceptions WHERE status = 'resolved'")" -ge 5 ]
check "improvement actions" [ "$(q "SELECT count(*) FROM review_actions")" -gt 0 ]
check "a surging channel" [ "$(q "SELECT count(*) FROM orders WHERE priority = 'urgent' AND flags NOT LIKE '%urgent%'")" -gt 0 ]

check "history has shipments after their promise" [ "$(q "SELECT count(*) FROM orders WHERE t_shipped > promise_at AND promise_at > 0")" -gt 0 ]
check "history has deliveries after the transit clock" [ "$(q "SELECT count(*) FROM orders WHERE stage = 'done' AND prev_on_time = 0")" -gt 0 ]
check "needs_info names its fields as the resolve flow reads them" \
	[ "$(q "SELECT count(*) FROM exceptions WHERE kind = 'needs_info' AND detail NOT LIKE 'fields=%'")" -eq 0 ]
# The demo's breaches carry the sweep's keys: a sweep never raises one twice.
expect_status 0 "a sweep over the demo store" od sweep
check "no breach recorded twice" [ "$(q "SELECT count(*) FROM (SELECT order_id, kind FROM exceptions WHERE status = 'open' AND kind IN ('sla_breach', 'logistics_delay') GROUP BY order_id, kind HAVING count(*) > 1)")" -eq 0 ]
expect_status 0 "the swept demo store passes check" od check

# Deterministic: the same seed and clock give the same store.
q "SELECT order_no, customer, stage, priority, due_at FROM orders ORDER BY id" > "$T/a.txt"
DB=$T/second.db
expect_status 0 "demo again with the same seed" od demo --seed 3
q "SELECT order_no, customer, stage, priority, due_at FROM orders ORDER BY id" > "$T/b.txt"
check "same seed, same orders" cmp -s "$T/a.txt" "$T/b.txt"
DB=$T/third.db
expect_status 0 "demo with another seed" od demo --seed 4
q "SELECT order_no, customer, stage, priority, due_at FROM orders ORDER BY id" > "$T/c.txt"
check "another seed, other orders" sh -c "! cmp -s '$T/a.txt' '$T/c.txt'"

# It never overwrites a store by accident.
expect_status 1 "demo refuses a store that has orders" od demo --seed 3
contains "$T/err" "already has" "the refusal says why"
expect_status 0 "--refresh rebuilds a demo store" od demo --seed 5 --refresh
DB=$T/real.db
expect_status 0 "init a real store" od init
expect_status 0 "a real store can take demo orders when empty" od demo --orders 300
DB=$T/real2.db
od init >/dev/null
sqlite3 "$DB" "INSERT INTO orders (order_no, channel, channel_ref, ordered_at, received_at, stage_at) VALUES ('20261120-EC-0001', 'EC', 'X1', 1, 1, 1)"
expect_status 1 "--refresh refuses a store the demo did not make" od demo --refresh
contains "$T/err" "not a demo store" "the refusal names the reason"
expect_status 64 "--orders below 300 is a usage error" od demo --orders 10
finish
