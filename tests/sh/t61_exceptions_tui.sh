#!/bin/sh
# Exceptions on the board, in tmux: x raises, r walks the flow of the kind
# (the needs_info edit form on exactly the flagged fields, a stock_short
# split), the exceptions view, and the alerts view acknowledging an escalation.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/tmux.sh"

T0=1794819600                      # Monday 2026-11-16 09:00 UTC
ME=$(id -un)
sql() { sqlite3 -batch "$DB" "$@"; }
board() { # NAME MINUTES: the board with the clock pinned MINUTES after T0
	tm_start "$1" 120x30 env ORDESK_NOW=$(($T0 + $2 * 60)) "$ORDESK" --db "$DB" board
	tm_wait "$1" "NEW " || not_ok "board $1 opens"
}

export ORDESK_NOW=$T0
od init >/dev/null
od stock receive SKU-1 100 >/dev/null
od stock receive SKU-2 2 >/dev/null
sql "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 3)
     INSERT INTO orders (order_no, channel, channel_ref, ordered_at, received_at, stage_at, due_at,
                         customer, phone, address)
     SELECT printf('20261116-EC-%04d', i), 'EC', 'R' || i, $T0, $T0, $T0, $T0 + 3600,
            'Customer ' || i, '+86 138 0013 8000', '1 Test Road, Shanghai' FROM n;
     INSERT INTO order_lines (order_id, line_no, sku, qty, unit_price_cents)
     SELECT id, 1, CASE id WHEN 3 THEN 'SKU-2' ELSE 'SKU-1' END, CASE id WHEN 3 THEN 5 ELSE 1 END, 1000
     FROM orders;
     UPDATE orders SET lines = 1, items = CASE id WHEN 3 THEN 5 ELSE 1 END, total_cents = 1000;
     UPDATE orders SET phone = '', address = 'x' WHERE id = 2;
     INSERT INTO exceptions (order_id, kind, stage, opened_at, opened_by, description, detail, due_at)
     VALUES (2, 'needs_info', 'new', $T0, 'import', 'phone missing, address too short',
             'fields=phone,address', $T0 + 7200)"
recount
O1=20261116-EC-0001 O2=20261116-EC-0002 O3=20261116-EC-0003

# x on the first card: the kind menu, then a note.
board b1 10
tm_keys b1 x
tm_wait b1 "exception on $O1:" && ok "x asks the kind" || not_ok "x asks the kind"
tm_cap b1 "$T/menu"
lacks "$T/menu" "sla_breach" "sla_breach is not in the menu"
tm_keys b1 c Enter
tm_wait b1 "note (what is wrong):" && ok "x asks a note" || not_ok "x asks a note"
tm_type b1 "wants it delivered to the office"
tm_keys b1 Enter
tm_wait b1 "raised: customer_change on $O1" && ok "x raises" || not_ok "x raises"
[ "$(sql "SELECT kind || '|' || description || '|' || opened_by FROM exceptions WHERE order_id = 1")" = \
  "customer_change|wants it delivered to the office|$ME" ] && ok "raised as typed" || not_ok "raised as typed"

# r on the second card: the needs_info form asks exactly the flagged fields.
tm_keys b1 j r
tm_wait b1 "phone (missing;" && ok "form asks the flagged phone" || not_ok "form asks the flagged phone"
tm_type b1 "+86 138 0013 8009"
tm_keys b1 Enter
tm_wait b1 "address (too short to be an address;" && ok "form asks the flagged address" ||
	not_ok "form asks the flagged address"
tm_keys b1 BSpace
tm_type b1 "88 Nanjing Road, Shanghai"
tm_keys b1 Enter
tm_wait b1 "root cause:" && ok "then the cause" || not_ok "then the cause"
tm_cap b1 "$T/cause"
lacks "$T/cause" "customer:" "the form asks no other field"
tm_keys b1 Enter
tm_wait b1 "note (optional):" && ok "then a note" || not_ok "then a note"
tm_keys b1 Enter
tm_wait b1 "resolved: corrected phone, address [channel_data]" && ok "r resolves needs_info" ||
	not_ok "r resolves needs_info"
od show $O2 >"$T/show2"
contains "$T/show2" "review" "order back in review"
contains "$T/show2" "88 Nanjing Road, Shanghai" "address corrected"

# The exceptions view lists the open one with why it is red; r works from it.
tm_keys b1 2
tm_wait b1 "why red" && ok "exceptions view" || not_ok "exceptions view"
tm_cap b1 "$T/excview"
contains "$T/excview" "$O1  customer_change" "open exception listed"
lacks "$T/excview" "$O2  needs_info" "resolved one gone"
tm_keys b1 q q y
tm_dead b1 && ok "board quits" || not_ok "board quits"

# stock_short through r: split locks what is there and backorders the rest.
od advance $O3 >/dev/null
expect_status 1 "lock short of stock" od lock $O3
board b2 20
tm_keys b2 2
tm_wait b2 "stock_short" || not_ok "stock_short listed"
tm_keys b2 f
tm_wait b2 "show which kind:"
tm_keys b2 s Enter
tm_wait b2 "(1 open, stock_short)" && ok "filter by kind" || not_ok "filter by kind"
tm_keys b2 r
tm_wait b2 "stock short:" && ok "r offers the stock choices" || not_ok "r offers the stock choices"
tm_keys b2 Enter
tm_wait b2 "root cause:" || not_ok "split asks the cause"
tm_keys b2 Enter
tm_wait b2 "note (optional):" || not_ok "split asks a note"
tm_keys b2 Enter
sleep 0.3
od orders --format csv >"$T/orders.csv"
contains "$T/orders.csv" "$O3-B1" "split made a backorder"
tm_keys b2 q q y
tm_dead b2 || not_ok "board b2 quits"

# The board sweeps: breaches escalate; the alerts view acknowledges one.
board b3 180
tm_wait b3 "alerts  $ME (" 5 && ok "header counts alerts" || not_ok "header counts alerts"
tm_keys b3 4
tm_wait b3 "waiting" && ok "alerts view" || not_ok "alerts view"
tm_cap b3 "$T/alerts"
contains "$T/alerts" "sla_breach" "escalated breach listed"
tm_keys b3 a
tm_wait b3 "acknowledged" && ok "a acknowledges" || not_ok "a acknowledges"
n=$(sql "SELECT count(*) FROM escalations WHERE acked_by = '$ME' AND acked_at = $T0 + 10800")
[ "$n" = 1 ] && ok "acknowledgement recorded" || not_ok "acknowledgement recorded ($n)"
tm_keys b3 q q y
tm_dead b3 || not_ok "board b3 quits"

# A viewer's board changes nothing: x says so.
sql "UPDATE users SET role = 'viewer' WHERE login = '$ME'"
board b4 190
tm_keys b4 x
tm_wait b4 "may not raise exceptions" && ok "viewer is told" || not_ok "viewer is told"
tm_keys b4 4 a
tm_wait b4 "may not acknowledge" && ok "viewer cannot acknowledge" || not_ok "viewer cannot acknowledge"
tm_keys b4 q q y

finish
