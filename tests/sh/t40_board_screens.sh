#!/bin/sh
# The board's screens from the scripted-keys mode (ORDESK_KEYS, ORDESK_DUMP),
# compared as text with tests/screens/*.txt.  make check GOLDEN=update rewrites the
# screens (then read the diff before committing them).
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/board_fixture.sh"

# An empty store.
board_store empty
board_dump empty_100x30 100x30 ""
screen_is empty_100x30
rm -f "$DB"*

board_store orders
S=100x30
board_dump orders_100x30 $S ""
screen_is orders_100x30
# (what fits depends on the actions other views add; these come first and last)
for w in "open" "advance" "? help" "q quit"; do
	contains "$T/orders_100x30.hints" "$w" "hint bar: $w"
done
board_dump orders_move $S "j j l Down k Right"
screen_is orders_move
board_dump orders_end $S "End Home j PgDn"
screen_is orders_end
board_dump orders_sideways $S "l l l l l l"
screen_is orders_sideways
board_dump order_detail $S "j Enter"
screen_is order_detail
contains "$T/order_detail.hints" "q back" "order view's hint bar says q goes back"
board_dump order_back $S "l j Enter q"
screen_is order_back
board_dump help $S "?"
contains "$T/help.txt" "Keys (q goes back)" "help view open"
contains "$T/help.hints" "q back" "help view: q goes back"
board_dump search_prompt $S "/ 陈"
screen_is search_prompt
board_dump search_found $S "/ 陈 Enter"
screen_is search_found
board_dump search_phone $S "/ 1 3 8 0 0 Enter"
screen_is search_phone
board_dump search_sku $S "/ S K U - 1 0 Enter"
screen_is search_sku
board_dump search_next $S "/ 2 0 2 6 1 1 2 2 - E C Enter n n N n"
contains "$T/search_next.txt" "match 3 of 6 for 20261122-EC" "n and N step through the matches"
board_dump search_none $S "/ n o p e Enter"
screen_is search_none
board_dump filter_menu $S "f"
screen_is filter_menu
board_dump filter_urgent $S "f Right Enter Enter"
screen_is filter_urgent
board_dump filter_red $S "f h Enter r Enter"
screen_is filter_red
board_dump filter_mine $S "f m Enter"
screen_is filter_mine
board_dump filter_channel $S "f Enter d s Enter"
screen_is filter_channel
board_dump too_small 40x10 ""
screen_is too_small
LC_ALL=C board_dump ascii $S "j"
screen_is ascii
# A refusal shows the desk's sentence and changes nothing: a new order cannot go back.
board_dump refusal $S "b w h y Enter"
screen_is refusal
board_dump ship_prompt $S "l l l j Space"
screen_is ship_prompt
board_dump ship_tracking $S "l l l j Space S F Enter"
screen_is ship_tracking
# Time passes (the pinned clock moves on): cards re-colour at the next tick.
# (The exceptions work sweeps on that tick too: breaches open, so this comes late.)
board_dump clock_moves $S "wait:15m"
screen_is clock_moves
# Edit asks which field, then offers the current value.
board_dump edit_prompt $S "e Enter"
screen_is edit_prompt
board_dump edit_done $S "e Enter C-u N e w Space N a m e Enter"
contains "$T/edit_done.txt" "New Name · 2 items" "e edits the customer through desk/"
od show 20261122-EC-0001 > "$T/show" 2>&1
contains "$T/show" "New Name" "the edit is in the store"
# Move back and cancel ask for a reason; the order moves through desk/ with it.
board_dump back_done $S "l b t o o Space e a r l y Enter"
contains "$T/back_done.txt" "20261122-ST-0002 moved back from review" "b moves back with a reason"
od show 20261122-ST-0002 > "$T/show" 2>&1
contains "$T/show" "too early" "the reason is recorded"
board_dump cancel_confirm $S "l l l j C d u p Enter"
contains "$T/cancel_confirm.txt" "cancel 20261122-DS-0002 for good? (y/N)" "C asks to confirm"
board_dump cancel_no $S "l l l j C d u p Enter n"
contains "$T/cancel_no.txt" "cancelled; nothing changed" "n keeps the order"
# A viewer is refused on the status line, and nothing changes.
sqlite3 "$DB" "UPDATE users SET role = 'viewer'"
board_dump viewer $S "Space"
contains "$T/viewer.txt" "may not advance orders" "a viewer's advance is refused on the status line"
od show 20261122-EC-0001 > "$T/show" 2>&1
contains "$T/show" "new" "and the order stays where it was"
rm -f "$DB"*

board_store cjk
board_dump cjk_80x24 80x24 ""
screen_is cjk_80x24
board_dump cjk_120x40 120x40 ""
screen_is cjk_120x40
board_dump cjk_120x40_right 120x40 "l l l l l l j"
screen_is cjk_120x40_right

finish
