#!/bin/sh
# The board's line editor (E) at 80x24 from scripted keys: which line, which
# field, the current value offered, the desk's refusal for a locked order.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/board_fixture.sh"

board_store orders
# 王芳's order (new, needs_info) gets a second line that came without a SKU.
sqlite3 "$DB" "INSERT INTO order_lines (order_id, line_no, sku, name, qty, unit_price_cents)
               VALUES (3, 2, '', 'sandal UK 6', 2, 990);
               UPDATE orders SET lines = 2, items = 5, total_cents = 5730 WHERE id = 3;"
S=80x24
OPEN="j Enter"                        # the new column's second card: 20261122-ST-0001
board_dump lines_menu $S "$OPEN E"
screen_is lines_menu
board_dump lines_field $S "$OPEN E 2"
screen_is lines_field
board_dump lines_sku_prompt $S "$OPEN E 2 1"
screen_is lines_sku_prompt
contains "$T/lines_sku_prompt.txt" "line 2 sku (missing;" "the prompt says why the line is flagged"
board_dump lines_sku_empty $S "$OPEN E 2 1 Enter"
contains "$T/lines_sku_empty.txt" "sku: missing" "an empty SKU is refused at its prompt"
board_dump lines_sku_done $S "$OPEN E 2 1 2 9 8 2 3 4 3 3 - P r e t o - U K Space 6 Enter"
# (not compared whole: the history's new line names the operator, whose login varies)
contains "$T/lines_sku_done.txt" "    2  29823433-Preto-UK 6     2         9.90  sandal UK 6" "the line shows its SKU"
contains "$T/lines_sku_done.txt" "line 2 sku of 20261122-ST-0001 changed" "the status line says what changed"
od show 20261122-ST-0001 > "$T/show" 2>&1
contains "$T/show" "29823433-Preto-UK 6" "the SKU is in the store"
contains "$T/show" "(line 2 sku)" "as an edit event"
# The current value is offered: C-u clears it, then the new quantity.
board_dump lines_qty $S "$OPEN E 1 2 C-u 3 Enter"
[ "$(sqlite3 "$DB" "SELECT qty FROM order_lines WHERE order_id = 3 AND line_no = 1")" = 3 ] &&
	ok "the quantity is changed" || not_ok "the quantity is changed"
board_dump lines_cancel $S "$OPEN E 1 3 Esc"
contains "$T/lines_cancel.txt" "cancelled; nothing changed" "Esc changes nothing"
# A locked order's line does not change: the desk's sentence, nothing written.
board_dump lines_locked $S "l l Enter E 2 C-u 9 Enter"
screen_is lines_locked
[ "$(sqlite3 "$DB" "SELECT qty FROM order_lines WHERE order_id = 7")" = 2 ] &&
	ok "the locked line is unchanged" || not_ok "the locked line is unchanged"
# In tmux at 80x24: r on a needs_info that flags a line's SKU asks that line's SKU.
. "$(dirname "$0")/tmux.sh"
sqlite3 "$DB" "INSERT INTO order_lines (order_id, line_no, sku, name, qty, unit_price_cents)
               VALUES (2, 2, '', 'strap', 1, 500);
               UPDATE orders SET lines = 2, items = 2, total_cents = 1750 WHERE id = 2;
               INSERT INTO exceptions (order_id, kind, stage, opened_at, opened_by, description, detail)
               VALUES (2, 'needs_info', 'new', $((NOW - 600)), 'import', 'sku missing (line 3)',
                       'fields=sku; lines=3');"
recount
tm_start t1 80x24 env ORDESK_NOW=$NOW "$ORDESK" --db "$DB" board
tm_wait t1 "NEW " || not_ok "board opens"
tm_keys t1 j j Enter
tm_wait t1 "20261122-EC-0002" && ok "the order opens" || not_ok "the order opens"
tm_keys t1 r
tm_wait t1 "line 2 sku (missing;" && ok "r asks the flagged line's SKU" || not_ok "r asks the flagged line's SKU"
tm_cap t1 "$T/form"
lacks "$T/form" "line 1 sku" "not the line that is right"
tm_type t1 "STRAP 20 cm"
tm_keys t1 Enter
tm_wait t1 "root cause:" && ok "then the cause" || not_ok "then the cause"
tm_keys t1 Enter
tm_wait t1 "note (optional):" || not_ok "then a note"
tm_keys t1 Enter
tm_wait t1 "resolved: corrected line 2 sku" && ok "r resolves it with the line's SKU" ||
	{ not_ok "r resolves it with the line's SKU"; tm_cap t1 "$T/res"; sed 's/^/#   /' "$T/res" | tail -4; }
[ "$(sqlite3 "$DB" "SELECT sku FROM order_lines WHERE order_id = 2 AND line_no = 2")" = "STRAP 20 cm" ] &&
	ok "the SKU is in the store" || not_ok "the SKU is in the store"
tm_keys t1 q q y
tm_dead t1 || not_ok "board quits"

# A viewer may not edit.
sqlite3 "$DB" "UPDATE users SET role = 'viewer' WHERE login = '$ME'"
board_dump lines_viewer $S "$OPEN E"
contains "$T/lines_viewer.txt" "edit an order" "a viewer is told the role it lacks"
finish
