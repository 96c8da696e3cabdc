#!/bin/sh
# Every view laid out for 80x24 first (and checked at 120x40): the header
# keeps the operator, the clock and the alert badge whole; the hint bar keeps
# the most used keys (search and filter among them); help wraps and ends with
# a legend of the glyphs; the stock view scrolls its columns sideways; the
# order detail wraps a long line instead of cutting it; cut text ends in "…".
# Goldens in tests/screens/layout_*.txt (make check GOLDEN=update rewrites them).
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/board_fixture.sh"

board_store orders
# Stock for the stock view: one SKU low, one short of what orders wait for.
od stock receive SKU-1 40 >/dev/null 2>&1
od stock receive SKU-9 3 >/dev/null 2>&1
od stock safety SKU-9 10 >/dev/null 2>&1
od stock receive LONG-NAME-SKU-0001 7 >/dev/null 2>&1

lay() { board_dump "layout_$1" "$2" "$3"; screen_is "layout_$1"; }

# Header: a quarter of an hour later the sweep has raised three alerts.
lay board_alerts_80x24 80x24 "wait:15m"
contains "$T/layout_board_alerts_80x24.txt" " 3 alerts  OPERATOR (admin) 10:57" "80x24: alert badge, operator and clock whole"
contains "$T/layout_board_alerts_80x24.txt" "11 open" "80x24: the counts stay"
lay board_alerts_120x40 120x40 "wait:15m"
contains "$T/layout_board_alerts_120x40.txt" "11 open · 4 red · 7 yellow" "120x40: the counts in words"
# Hint bar: the most used keys first, search and filter kept at 80 columns.
for w in "↵ open" "␣ advance" "L lock" "/ search" "f filter" "? help" "q quit"; do
	contains "$T/layout_board_alerts_80x24.hints" "$w" "80x24 hint bar: $w"
done
contains "$T/layout_board_alerts_120x40.hints" "r resolve" "120x40 hint bar: more keys"
# Help wraps at 80 columns, and ends with the glyphs' legend.
lay help_80x24 80x24 "?"
contains "$T/layout_help_80x24.txt" "customer, phone or SKU (from an order too)" "80x24 help: a long help line wraps, not cut"
lay help_end_80x24 80x24 "? G"
for w in "What the glyphs mean" "▲              priority urgent" "•              health: in time" \
         "◔              health: at risk" "▼              more below" "▶              more to the right"; do
	contains "$T/layout_help_end_80x24.txt" "$w" "help legend: $w"
done
lay help_120x40 120x40 "?"
# Stock: the columns past the screen's edge scroll sideways.
lay stock_80x24 80x24 "3"
lacks "$T/layout_stock_80x24.txt" "reorder" "80x24 stock: reorder is off to the right at first"
contains "$T/layout_stock_80x24.txt" "▶" "80x24 stock: marked as off the screen"
lay stock_right_80x24 80x24 "3 l l l"
contains "$T/layout_stock_right_80x24.txt" "waiting reorder mark" "80x24 stock: l scrolls to waiting and reorder"
contains "$T/layout_stock_right_80x24.txt" "◀" "80x24 stock: marked as scrolled"
lay stock_120x40 120x40 "3"
contains "$T/layout_stock_120x40.txt" "waiting reorder mark" "120x40 stock: every column fits"
# One form for spans: an exception open 37 h 17 min is 1d13h in the
# exceptions view and the command line, as the board's cards count days.
sqlite3 "$DB" "UPDATE exceptions SET opened_at = $NOW - (37 * 3600 + 17 * 60) WHERE order_id = 3"
board_dump exc_age 80x24 "2"
contains "$T/exc_age.txt" "needs_info          1d13h" "exceptions view: a day and more is days and hours"
board_dump card_span 120x40 "l l l l l l"
contains "$T/card_span.txt" "1d14h" "the board's card: the same form"
od exception list --open > "$T/exc_list" 2>&1
contains "$T/exc_list" "1d13h" "exception list: the same form"
lacks "$T/exc_list" "37:17" "exception list: no 37:17"
# Order detail: the shortage line wraps.
lay detail_short_80x24 80x24 "l L Esc Enter"
contains "$T/layout_detail_short_80x24.txt" "     MAIN" "80x24 detail: the shortage line continues on the next row"
# Plural forms: one item on one line is said so.
od stock receive SKU-2 5 >/dev/null 2>&1
od advance 20261122-EC-0002 >/dev/null 2>&1
od lock 20261122-EC-0002 > "$T/lock" 2>&1
contains "$T/lock" ": 1 item on 1 line" "the lock message: 1 item on 1 line"
od stock receive SKU-5 10 >/dev/null 2>&1
od lock 20261122-EC-0003 > "$T/lock" 2>&1
contains "$T/lock" ": 4 items on 1 line" "the lock message: 4 items on 1 line"
# Tables keep a backorder's whole number (a channel code of four letters too).
sqlite3 "$DB" "UPDATE orders SET order_no = '20261122-ABCD-0004-B1' WHERE id = 7"
od exception list > "$T/exc_list" 2>&1
contains "$T/exc_list" "20261122-ABCD-0004-B1 " "exception list: a backorder's number whole"
# The low-stock alert's reorder figure is the one stock list shows, after
# the row changes again (an order locks, another starts waiting).
rm -f "$DB"*; board_store orders
od stock receive SKU-5 2 >/dev/null 2>&1
od stock safety SKU-5 3 >/dev/null 2>&1
od lock 20261122-EC-0003 >/dev/null 2>&1    # needs 4: waits
od alerts list > "$T/alerts" 2>&1
od stock list --low > "$T/stock" 2>&1
awk '$1 == "SKU-5" { print "reorder " $NF }' "$T/stock" > "$T/reorder"
contains "$T/reorder" "reorder 5" "stock list: SKU-5 reorder 5 (3 safe + 4 waiting - 2)"
contains "$T/alerts" "4 waiting; reorder 5" "the waiting alert says the same reorder figure"
# Cut text says so.
rm -f "$DB"*; board_store cjk
lay cjk_cut_80x24 80x24 ""
contains "$T/layout_cjk_cut_80x24.txt" "欧阳娜娜娜娜娜… · 1 item" "a cut customer name ends in …"
LC_ALL=C board_dump cjk_cut_ascii 80x24 ""
contains "$T/cjk_cut_ascii.txt" "~ - 1 item" "without UTF-8 the cut mark is ~"
contains "$T/cjk_cut_ascii.txt" "no UTF-8 locale: letters beyond ASCII show as ?; set one, like LANG=C.UTF-8" \
	"without UTF-8 the board says how to set a UTF-8 locale"
board_dump utf8_quiet 80x24 ""
lacks "$T/utf8_quiet.txt" "no UTF-8 locale" "with UTF-8 it says nothing of it"

finish
