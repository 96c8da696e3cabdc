#!/bin/sh
# Order lines from the command line: SKUs and phones as shops write them, a
# line's SKU, quantity and price edited, and a needs_info on a line that
# closes only when the line is right.
. "$(dirname "$0")/lib.sh"

T0=1794819600                      # Monday 2026-11-16 09:00 UTC
sql() { sqlite3 -batch "$DB" "$@"; }
at() { ORDESK_NOW=$(($T0 + $1 * 60)); export ORDESK_NOW; }   # minutes after T0

# order NO STAGE SKU QTY [SKU2 QTY2]: an order received at T0 with one or two lines.
order() {
	sql "INSERT INTO orders (order_no, channel, channel_ref, stage, ordered_at, received_at, stage_at,
	                         due_at, customer, phone, address, warehouse)
	     VALUES ('$1', 'EC', '$1', '$2', $T0, $T0, $T0, $T0 + 3600, 'Ana Souza', '+44 7309 085092',
	             '1 Test Road, Leeds', 'MAIN');
	     INSERT INTO order_lines (order_id, line_no, sku, name, qty, unit_price_cents)
	     SELECT id, 1, '$3', 'sandal', $4, 1000 FROM orders WHERE order_no = '$1'"
	if [ $# -gt 4 ]; then
		sql "INSERT INTO order_lines (order_id, line_no, sku, name, qty, unit_price_cents)
		     SELECT id, 2, '$5', 'strap', $6, 500 FROM orders WHERE order_no = '$1'"
	fi
	sql "UPDATE orders SET lines = (SELECT count(*) FROM order_lines WHERE order_id = orders.id),
	       items = (SELECT sum(qty) FROM order_lines WHERE order_id = orders.id),
	       total_cents = (SELECT sum(qty * unit_price_cents) FROM order_lines WHERE order_id = orders.id)
	     WHERE order_no = '$1'"
	recount
}

at 0
expect_status 0 "init" od init

# ---- values as people write them ----
SP='29823433-Preto-UK 6'
expect_status 0 "a SKU with a space is received" od stock receive "$SP" 1
order 20261116-EC-0001 review "$SP" 2
expect_status 0 "a phone with the country code in brackets" od edit 20261116-EC-0001 'phone=(+44)7309085092'
expect_status 0 "a phone with an extension" od edit 20261116-EC-0001 'phone=+44 20 7946 0958 ext. 45'
expect_status 64 "a SKU with a control character is not one" od stock receive "$(printf 'A\tB')" 1
contains "$T/err" "control" "the refusal says why"
expect_status 1 "short of the spaced SKU" od lock 20261116-EC-0001
contains "$T/err" "$SP needs 2, 1 available" "the shortage names the whole SKU"
at $((7 * 24 * 60))
expect_status 0 "weekly review" od report weekly
# the line under the heading: the SKU whole, then its count
awk -v s="$SP" 'on { f = index($0, "  " s " ") == 1 && $NF ~ /#/; exit } index($0, "SKUs most often short") { on = 1 }
	END { exit !f }' "$T/out" &&
	ok "the repeat offenders name the whole SKU" || { not_ok "the repeat offenders name the whole SKU"; sed -n '/offenders/,$p' "$T/out" | head; }
expect_status 0 "weekly review in markdown" od report weekly --format md
contains "$T/out" "| $SP |" "md names the whole SKU"

# ---- a line without a SKU: edited, never a shortage, its needs_info held until right ----
at $((7 * 24 * 60 + 10))
O2=20261116-EC-0002 O3=20261116-EC-0003
order $O2 review SKU-A 1 '' 2
expect_status 0 "stock of the other line" od stock receive SKU-A 5
expect_status 1 "lock of an order with a line without a SKU" od lock $O2
contains "$T/err" "line 2 sku missing" "the refusal is the needs_info's reason"
lacks "$T/err" "available" "not a shortage of an empty SKU"
[ "$(sql "SELECT count(*) FROM exceptions e JOIN orders o ON o.id = e.order_id
          WHERE o.order_no = '$O2' AND e.kind = 'needs_info' AND e.status = 'open'")" -eq 1 ] &&
	ok "the needs_info is raised" || not_ok "the needs_info is raised"
NI=$(sql "SELECT e.id FROM exceptions e JOIN orders o ON o.id = e.order_id WHERE o.order_no = '$O2'
          AND e.kind = 'needs_info'")
expect_status 1 "resolve while the line has no SKU" od exception resolve $NI --cause channel_data --action looked
contains "$T/err" "line 2 sku" "the refusal names the line"
expect_status 64 "a line field on an order of two lines says which line" od edit $O2 sku=X
contains "$T/err" "line=N" "the usage names line=N"
expect_status 1 "no line 3" od edit $O2 line=3 qty=1
expect_status 0 "resolve with the line's SKU" od exception resolve $NI --cause channel_data --set line=2 "sku=$SP"
contains "$T/out" "corrected line 2 sku" "the action names the line"
[ "$(sql "SELECT sku FROM order_lines l JOIN orders o ON o.id = l.order_id
          WHERE o.order_no = '$O2' AND line_no = 2")" = "$SP" ] && ok "the SKU is set" || not_ok "the SKU is set"

# ---- editing lines from the command line ----
order $O3 review SKU-A 1 SKU-B 2
expect_status 0 "edit a line's SKU, quantity and price" od edit $O3 line=2 sku=SKU-A qty=3 price=9.90
[ "$(sql "SELECT sku || '|' || qty || '|' || unit_price_cents FROM order_lines l JOIN orders o
          ON o.id = l.order_id WHERE o.order_no = '$O3' AND line_no = 2")" = "SKU-A|3|990" ] &&
	ok "the line holds them" || not_ok "the line holds them"
[ "$(sql "SELECT items || '|' || total_cents FROM orders WHERE order_no = '$O3'")" = "4|3970" ] &&
	ok "items and total follow" || not_ok "items and total follow"
expect_status 0 "show" od show $O3
contains "$T/out" "line 2 qty" "the history shows the line's edit"
expect_status 0 "lock after the edit" od lock $O3
expect_status 1 "a locked line does not change" od edit $O3 line=1 qty=2
contains "$T/err" "release the locks to change it" "the refusal says to release the locks"
expect_status 0 "release" od release $O3
expect_status 0 "released, it changes" od edit $O3 line=1 qty=2
expect_status 0 "check" od check

finish
