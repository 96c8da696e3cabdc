#!/bin/sh
# Exceptions, the sweep and alerts from the command line: flows, exit statuses,
# two sweeps at once raising each breach once.
. "$(dirname "$0")/lib.sh"

T0=1794819600                      # Monday 2026-11-16 09:00 UTC
ME=$(id -un)
sql() { sqlite3 -batch "$DB" "$@"; }
role() { sql "UPDATE users SET role = '$1' WHERE login = '$ME'"; }
at() { ORDESK_NOW=$(($T0 + $1 * 60)); export ORDESK_NOW; }   # minutes after T0

# Orders straight into the store: received at T0, in new, review clock 60 minutes.
add_orders() { # FIRST COUNT
	sql "WITH RECURSIVE n(i) AS (SELECT $1 UNION ALL SELECT i + 1 FROM n WHERE i < $1 + $2 - 1)
	     INSERT INTO orders (order_no, channel, channel_ref, ordered_at, received_at, stage_at,
	                         due_at, customer, phone, address)
	     SELECT printf('20261116-EC-%04d', i), 'EC', 'R' || i, $T0, $T0, $T0, $T0 + 3600,
	            'Wang Wei', '+86 138 0013 8000', '1 Test Road, Shanghai' FROM n;
	     INSERT INTO order_lines (order_id, line_no, sku, qty, unit_price_cents)
	     SELECT id, 1, 'SKU-1', 1, 1000 FROM orders WHERE lines = 0;
	     UPDATE orders SET lines = 1, items = 1, total_cents = 1000 WHERE lines = 0"
	recount
}

at 0
expect_status 0 "init" od init
expect_status 0 "stock to lock from" od stock receive SKU-1 1000
add_orders 1 3
O1=20261116-EC-0001 O2=20261116-EC-0002 O3=20261116-EC-0003

# Raising by hand.
expect_status 0 "raise customer_change" od exception raise $O1 customer_change --note "new address by phone"
contains "$T/out" "raised" "raise says so"
expect_status 1 "second open of one kind refused" od exception raise $O1 customer_change
expect_status 1 "sla_breach is the clocks' to raise" od exception raise $O1 sla_breach
expect_status 64 "unknown kind is a usage error" od exception raise $O1 weather
expect_status 1 "no such order" od exception raise 20990101-EC-0001 needs_info
expect_status 64 "raise without a kind" od exception raise $O1

od exception list --open --format csv >"$T/list.csv"
contains "$T/list.csv" '"id","order_no","kind","stage","opened_at","opened_by","age","status","cause","action","resolved_at","resolved_by"' "list columns"
contains "$T/list.csv" "\"$O1\",\"customer_change\",\"new\"," "open exception listed"

# Resolving: a cause is required, then the record holds action, cause, note, who, when.
expect_status 64 "resolve without a cause" od exception resolve 1 --action "called back"
expect_status 64 "resolve with an unknown cause" od exception resolve 1 --cause weather --action x
expect_status 64 "resolve without an action" od exception resolve 1 --cause customer
expect_status 1 "resolve an unknown id" od exception resolve 99 --cause customer --action x
at 5
expect_status 0 "resolve" od exception resolve 1 --cause customer --action "called back" --note "kept as is"
expect_status 1 "resolve twice" od exception resolve 1 --cause customer --action "again"
od exception list --format tsv >"$T/all.tsv"
contains "$T/all.tsv" "resolved	customer	called back	2026-11-16 09:05	$ME" "resolution recorded"
od exception list --open >"$T/open.txt"
lacks "$T/open.txt" "customer_change" "resolved one not in --open"
od show $O1 >"$T/show.txt"
contains "$T/show.txt" "exception history:" "show has the exception history"
contains "$T/show.txt" "#1 customer_change resolved" "show names the exception"
contains "$T/show.txt" "by $ME: called back [customer] - kept as is" "show has who, action, cause, note"

# needs_info through the fix flow: the flagged field, then back to review.
sql "UPDATE orders SET phone = '' WHERE order_no = '$O2'"
sql "INSERT INTO exceptions (order_id, kind, stage, opened_at, opened_by, description, detail, due_at)
     SELECT id, 'needs_info', 'new', $T0, 'import', 'phone missing', 'fields=phone', $T0 + 7200
     FROM orders WHERE order_no = '$O2'"
NI=$(sql "SELECT id FROM exceptions WHERE kind = 'needs_info'")
expect_status 1 "needs_info refused while the field is wrong" od exception resolve $NI --cause channel_data --action looked
expect_status 1 "an invalid value is refused" od exception resolve $NI --cause channel_data --set phone=abc
expect_status 0 "needs_info fixed" od exception resolve $NI --cause channel_data --set "phone=+86 138 0013 8009"
contains "$T/out" "resolved" "fix says resolved"
od show $O2 >"$T/show2.txt"
contains "$T/show2.txt" "review" "order back in review"
contains "$T/show2.txt" "+86 138 0013 8009" "phone corrected"

# The sweep: breaches at the clock, once, escalated once.
at 59
expect_status 0 "sweep before the clock" od sweep
contains "$T/out" "0 clock breaches" "nothing before the clock"
at 60
expect_status 0 "sweep at the clock" od sweep
contains "$T/out" "3 clock breaches" "three breaches at the clock"
contains "$T/out" "3 escalations" "three escalations"
at 61
expect_status 0 "sweep again" od sweep
contains "$T/out" "0 clock breaches, 0 late in transit, 0 escalations" "sweep is idempotent"
od exception list --open --kind sla_breach --format csv >"$T/sla.csv"
[ "$(grep -c sla_breach "$T/sla.csv")" -eq 3 ] && ok "three open sla_breach" || not_ok "three open sla_breach"
od alerts >"$T/alerts.txt"
contains "$T/alerts.txt" "waiting" "alerts list waiting ones"
contains "$T/alerts.txt" "$O3" "alert names the order"

# Roles.
role clerk
expect_status 77 "clerk cannot acknowledge" od alerts ack 1
expect_status 77 "clerk cannot resolve a breach by hand" od exception resolve 3 --cause capacity --action x
expect_status 0 "clerk advances: breach closes with its cause" od advance $O2 --cause stock_planning
[ "$(sql "SELECT status || ' ' || cause FROM exceptions e JOIN orders o ON o.id = e.order_id
        WHERE o.order_no = '$O2' AND e.kind = 'sla_breach'")" = "resolved stock_planning" ] &&
	ok "breach closed with the cause given" || not_ok "breach closed with the cause given"
role viewer
expect_status 77 "viewer cannot raise" od exception raise $O3 customer_change
expect_status 77 "viewer cannot resolve" od exception resolve 4 --cause capacity --action x
expect_status 77 "viewer cannot sweep" od sweep
expect_status 77 "viewer cannot acknowledge" od alerts ack 1
expect_status 0 "viewer reads the list" od exception list
role supervisor
expect_status 0 "supervisor acknowledges" od alerts ack 1
expect_status 1 "acknowledged once" od alerts ack 1
expect_status 1 "unknown alert" od alerts ack 999
expect_status 64 "bad alert id" od alerts ack x
od alerts --all --format csv >"$T/all_alerts.csv"
contains "$T/all_alerts.csv" "\"acked\",\"$ME\"," "acknowledgement recorded"
[ "$(sql "SELECT count(*) FROM events WHERE what = 'ack' AND actor = '$ME'")" = 1 ] && ok "ack event" || not_ok "ack event"
role admin

# Two sweeps at once raise each breach once.
add_orders 100 250
at 120
od sweep >"$T/s1" 2>&1 & p1=$!
od sweep >"$T/s2" 2>&1 & p2=$!
wait $p1; r1=$?
wait $p2; r2=$?
[ $r1 -eq 0 ] && [ $r2 -eq 0 ] && ok "both sweeps succeed" || not_ok "both sweeps succeed ($r1 $r2)"
n=$(sql "SELECT count(*) FROM exceptions WHERE kind = 'sla_breach' AND order_id IN
         (SELECT id FROM orders WHERE CAST(substr(order_no, 13) AS INTEGER) >= 100)")
[ "$n" = 250 ] && ok "250 breaches, once each" || not_ok "250 breaches, once each (got $n)"
d=$(sql "SELECT count(*) - count(DISTINCT breach_key) FROM exceptions WHERE breach_key IS NOT NULL")
[ "$d" = 0 ] && ok "no breach twice" || not_ok "no breach twice ($d)"
e=$(sql "SELECT count(*) FROM escalations WHERE kind = 'sla_breach'")
# 3 review breaches, the 250, and O2's lock clock (locked at 10:01, due 10:31).
[ "$e" = 254 ] && ok "one escalation per breach" || not_ok "one escalation per breach (got $e)"
expect_status 0 "store invariants hold" od check

# The man page's kinds and causes are the catalogue's.
SRC=$(cd "$(dirname "$0")/../.." && pwd)
words() { sed -n "/define $1/,/^\$/p" "$SRC/include/ordesk/catalog.h" | grep -o 'X([A-Z_]*, *"[a-z_]*"' | sed 's/.*"\(.*\)"/\1/'; }
section() { sed -n "/^\.\\\\\" $1: begin/,/^\.\\\\\" $1: end/p" "$SRC/man/ordesk.1"; }
section kinds >"$T/man_kinds"; section causes >"$T/man_causes"
for k in $(words EXKIND_LIST); do contains "$T/man_kinds" ".B $k" "man page names kind $k"; done
for c in $(words CAUSE_LIST); do contains "$T/man_causes" "$c" "man page names cause $c"; done
[ "$(grep -A1 '^\.TP' "$T/man_kinds" | grep -c '^\.B ')" -eq "$(words EXKIND_LIST | wc -l)" ] && ok "no extra kinds in the man page" ||
	not_ok "no extra kinds in the man page"

finish
