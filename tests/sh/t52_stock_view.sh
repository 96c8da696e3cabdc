#!/bin/sh
# The stock view and the board's stock keys, driven by scripted keys
# (ORDESK_KEYS) with the screen dumped as text: rows and marks, filter, sort,
# the orders behind a SKU, L with its shortage choices, U, and R receiving.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/stock_orders.sh"
export ORDESK_NOW="2026-11-16 09:00" ORDESK_SIZE=110x16

screen() { ORDESK_KEYS="$1" ORDESK_DUMP="$T/screen" od board >/dev/null 2>"$T/board.err"; }

od init >/dev/null
make_orders "$DB" 1 4 WIDGET 2
make_orders "$DB" 5 3 GADGET 1
od stock receive WIDGET 5 >/dev/null
od stock receive GADGET 1 >/dev/null
od stock safety WIDGET 3 >/dev/null
for i in 1 2 5 6; do od lock "$(order_no $i)" >/dev/null 2>&1; done

screen '3'
contains "$T/screen" "2 rows, 1 low" "the view counts rows and low ones"
grep -q "WIDGET .* MAIN .* 5 .* 4 .* 1 .* 3 .* 0 .* 2 low" "$T/screen" &&
	ok "WIDGET: on hand 5, locked 4, available 1, safety 3, reorder 2, marked low" ||
	{ not_ok "WIDGET row"; sed 's/^/#   /' "$T/screen"; }
grep -q "GADGET .* 1 short" "$T/screen" && ok "GADGET: 1 waiting, marked short" ||
	{ not_ok "GADGET row"; sed 's/^/#   /' "$T/screen"; }

screen '3 f'
contains "$T/screen" "show: low" "f shows low rows"
lacks "$T/screen" "GADGET" "the low filter hides GADGET"
screen '3 f f'
contains "$T/screen" "show: short" "f again shows short rows"
screen '3 s'
contains "$T/screen" "sort: available" "s sorts by available"

# Enter: the orders behind GADGET, one locked and one waiting.
screen '3 Enter'
contains "$T/screen" "orders holding or waiting for GADGET: 2" "Enter lists the SKU's orders"
contains "$T/screen" "$(order_no 6)       review    MAIN           1  waiting" "the waiting order"
contains "$T/screen" "$(order_no 5)       locked    MAIN           1  locked" "the holding order"

# L on the waiting order: short; the choices come up; split is refused (nothing there), wait is taken.
screen '3 Enter Down L'
contains "$T/screen" "GADGET needs 1, 0 available at MAIN; then:" "L shows the shortage and the choices"
contains "$T/screen" "wait" "wait is offered"
screen '3 Enter Down L Enter'
contains "$T/screen" "waits for stock: the next receipt locks it" "wait is recorded"
[ "$(q "$DB" "SELECT count(*) FROM events WHERE what = 'wait'")" -eq 1 ] && ok "a wait event" || not_ok "a wait event"

# U on the holding order releases it after a confirmation.
screen '3 Enter U y'
contains "$T/screen" "released: back in review" "U releases"
[ "$(q "$DB" "SELECT stage FROM orders WHERE order_no = '$(order_no 5)'")" = review ] &&
	ok "the released order is in review" || not_ok "the released order is in review"

# R receives for the row in focus; waiting orders are locked by it.
screen '3 R 2 Enter'
contains "$T/screen" "received 2 GADGET at MAIN, on hand 3; 1 waiting orders locked" "R receives and locks"
[ "$(q "$DB" "SELECT stage FROM orders WHERE order_no = '$(order_no 6)'")" = locked ] &&
	ok "the waiting order is locked" || not_ok "the waiting order is locked"

# On the board, L on the first card of review (the column right of new) locks it.
od release "$(order_no 1)" >/dev/null
od stock receive WIDGET 10 >/dev/null
before=$(q "$DB" "SELECT count(*) FROM orders WHERE stage = 'locked'")
screen 'l L'
contains "$T/screen" "locked at MAIN" "L on the board locks the card in focus"
[ "$(q "$DB" "SELECT count(*) FROM orders WHERE stage = 'locked'")" -eq $((before + 1)) ] &&
	ok "one more order is locked" || not_ok "one more order is locked"
expect_status 0 "check at the end" od check
finish
