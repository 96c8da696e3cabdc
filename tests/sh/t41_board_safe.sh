#!/bin/sh
# A board that is safe for a whole shift (issue 15), in tmux at 80x24 and 120x40:
# stray keys in an order do nothing (/ searches, Esc goes back), Ctrl-S does not
# freeze the screen, Ctrl-C cancels a question and asks before quitting, q asks
# too.  Every wait is for text on the screen, with a timeout.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/board_fixture.sh"
. "$(dirname "$0")/tmux.sh"


wait_for() {
	if tm_wait "$1" "$2" 5; then ok "$3"; else not_ok "$3 (no '$2')"; tm_cap "$1"; sed 's/^/#   /' "$T/cap"; fi
}
stage_of() { sqlite3 "$DB" "SELECT stage FROM orders WHERE order_no = '$1'"; }

for size in 80x24 120x40; do
	n=s$size
	DB=$T/$size.db
	board_store orders
	B="env ORDESK_NOW=$NOW $ORDESK --db $DB"
	# (the shell ignores Ctrl-C to stay and tell the status; ordesk sets its own handler)
	tm_start $n $size sh -c "trap '' INT; $B board; echo status=\$?; sleep 30"
	wait_for $n "NEW 4" "$size: board opens"

	# Defect 3: typing "/Lena" in an order searches; it neither locks (L) nor edits (e).
	tm_keys $n g h h h h h h l g Enter
	wait_for $n "History" "$size: Enter opens the first review order"
	tm_cap $n; order=$(grep -o '20261122-[A-Z]*-[0-9]*' "$T/cap" | head -1)
	before=$(stage_of "$order")
	tm_type $n "/Lena"
	wait_for $n "search (" "$size: / in an order opens the search"
	tm_keys $n Escape
	tm_gone $n "search (" 5
	[ "$(stage_of "$order")" = "$before" ] && ok "$size: /Lena changed nothing ($order still $before)" \
		|| not_ok "$size: /Lena moved $order to $(stage_of "$order")"
	n_edit=$(sqlite3 "$DB" "SELECT count(*) FROM events WHERE what IN ('lock', 'edit')")
	[ "$n_edit" = 0 ] && ok "$size: no lock or edit recorded" || not_ok "$size: $n_edit lock/edit events"
	# Esc goes back from the order to the board.
	tm_keys $n Enter
	wait_for $n "History" "$size: the order again"
	tm_keys $n Escape
	tm_gone $n "History" 5 && ok "$size: Esc goes back to the board" || not_ok "$size: Esc stays in the order"
	wait_for $n "REVIEW 2" "$size: the board is back"
	# Keys that mean nothing in the order view do nothing: n, f, o, s, R, a.
	tm_keys $n Enter
	wait_for $n "History" "$size: the order once more"
	tm_type $n "nfosRaA"
	sleep 0.5
	tm_cap $n
	contains "$T/cap" "History" "$size: stray keys leave the order view open"
	lacks "$T/cap" "filter" "$size: stray keys open no prompt"
	tm_keys $n q

	# Defect 7: Ctrl-S does not freeze the board; the keys after it still act.
	tm_keys $n g
	sleep 0.5
	tm_cap $n "$T/top"
	tm_keys $n C-s j
	moved=no; i=0
	while [ $i -lt 30 ]; do
		tm_cap $n "$T/down"; cmp -s "$T/top" "$T/down" || { moved=yes; break; }
		sleep 0.1; i=$((i + 1))
	done
	[ $moved = yes ] && ok "$size: after Ctrl-S, j still moves the focus" \
		|| not_ok "$size: after Ctrl-S, j does nothing (frozen)"
	tm_keys $n C-q
	# Ctrl-C inside a prompt cancels the prompt; the board stays.
	tm_keys $n /
	wait_for $n "search (" "$size: search prompt"
	tm_keys $n C-c
	tm_gone $n "search (" 5 && ok "$size: Ctrl-C cancels the prompt" || not_ok "$size: Ctrl-C left the prompt"
	sleep 0.3
	tm_cap $n
	lacks "$T/cap" "status=" "$size: Ctrl-C in a prompt does not quit"
	# Ctrl-C at the board asks; n keeps the board.
	tm_keys $n C-c
	wait_for $n "quit ordesk?" "$size: Ctrl-C at the board asks before quitting"
	tm_keys $n n
	tm_gone $n "quit ordesk?" 5
	sleep 0.3
	tm_cap $n
	lacks "$T/cap" "status=" "$size: n keeps the board"
	# q asks too; y quits with status 0.
	tm_keys $n q
	wait_for $n "quit ordesk?" "$size: q at the board asks before quitting"
	tm_keys $n y
	wait_for $n "status=0" "$size: y quits, status 0"

	# Defect 1: a double tap acts on one order.  Space Space on the first new card
	# moves it to review and follows it there; the card that slid under stays new.
	m=d$size
	tm_start $m $size $B board
	wait_for $m "NEW 4" "$size: board for the double tap"
	tm_keys $m g h h h h h h g
	sleep 0.3
	tm_keys $m Space Space
	sleep 1.5
	[ "$(stage_of 20261122-EC-0001)" = review ] && ok "$size: the first Space advanced the card" \
		|| not_ok "$size: 20261122-EC-0001 is $(stage_of 20261122-EC-0001)"
	[ "$(stage_of 20261122-ST-0001)" = new ] && ok "$size: the card that slid under did not move" \
		|| not_ok "$size: the second Space moved 20261122-ST-0001 to $(stage_of 20261122-ST-0001)"
	n_new=$(sqlite3 "$DB" "SELECT count(*) FROM orders WHERE stage = 'new'")
	[ "$n_new" = 3 ] && ok "$size: three orders still new" || not_ok "$size: $n_new orders new"
	tm_keys $m Escape
	tm_cap $m
	contains "$T/cap" "▌张伟" "$size: the focus followed the order to review"
	# Space on a transit card asks before marking it done; n leaves it.
	tm_keys $m g h h h h h h h l l l l l g
	sleep 0.3
	tm_keys $m Space
	wait_for $m "delivered (done)?" "$size: Space on a transit card asks"
	tm_keys $m n
	tm_gone $m "delivered (done)?" 5
	[ "$(stage_of 20261121-ST-0003)" = transit ] && ok "$size: n leaves it in transit" \
		|| not_ok "$size: transit card moved to $(stage_of 20261121-ST-0003)"

	# Defect 2: another operator moves the order while the cancel asks its reason;
	# the board's cancel names the stage it showed, and changes nothing.
	tm_keys $m g h h h h h h h g j
	sleep 0.3
	tm_keys $m C
	wait_for $m "reason for cancelling:" "$size: C asks a reason"
	victim=20261122-EC-0002
	"$ORDESK" --db "$DB" advance $victim >/dev/null 2>&1
	tm_type $m "duplicate"; tm_keys $m Enter
	tm_wait $m "for good?" 5 && tm_keys $m y
	wait_for $m "already moved by $ME" "$size: the cancel says who moved the order"
	[ "$(stage_of $victim)" = review ] && ok "$size: the moved order is not cancelled" \
		|| not_ok "$size: the order is $(stage_of $victim)"
	tm_keys $m q y

	# Defect 9: the board's once-a-minute sweep raises the breach of DS-0001 as
	# "sweep", beside the operator's login; "mine" does not list it.
	w=w$size
	tm_start $w $size $B board
	wait_for $w "alerts" "$size: the board's sweep escalated the breaches"
	actor=$(sqlite3 "$DB" "SELECT actor || '/' || run_by FROM events e JOIN orders o ON o.id = e.order_id
		WHERE o.order_no = '20261122-DS-0001' AND e.what = 'raise'")
	[ "$actor" = "sweep/$ME" ] && ok "$size: the breach is recorded as sweep for $ME" \
		|| not_ok "$size: the breach is recorded as '$actor'"
	tm_keys $w f
	wait_for $w "filter by:" "$size: the filter menu"
	tm_keys $w m Enter
	wait_for $w "filter: mine" "$size: filtered to mine"
	tm_cap $w
	lacks "$T/cap" "DS-0001" "$size: mine leaves out the order only the sweep touched"
	contains "$T/cap" "Maria Rossi" "$size: mine keeps the order the operator advanced"
	tm_keys $w F
	wait_for $w "NEW 2" "$size: the filter cleared"
	tm_keys $w g h h h h h h g j j Enter
	wait_for $w "History" "$size: the breached order opens"
	wait_for $w "sweep ($ME)" "$size: its history names the sweep and whose board ran it"
	tm_keys $w q q y

	# Defect 11: a miss leaves nothing for Enter to open; done and cancelled
	# matches say so, and Enter opens the cancelled one.
	sr=sr$size
	tm_start $sr $size $B board
	wait_for $sr "REVIEW" "$size: board for the search"
	tm_keys $sr /
	wait_for $sr "search (" "$size: search prompt"
	tm_type $sr "nope"; tm_keys $sr Enter
	wait_for $sr "no match for nope" "$size: a miss says so"
	tm_keys $sr Enter
	wait_for $sr "nothing to open" "$size: Enter after a miss opens nothing"
	tm_cap $sr
	lacks "$T/cap" "History" "$size: no order opened after the miss"
	tm_keys $sr /
	wait_for $sr "search (" "$size: search again"
	tm_type $sr "Gone"; tm_keys $sr Enter
	wait_for $sr "20261120-DS-0003 is cancelled" "$size: a cancelled match is named"
	tm_keys $sr Enter
	wait_for $sr "History" "$size: Enter opens the cancelled match"
	tm_cap $sr
	contains "$T/cap" "20261120-DS-0003" "$size: the cancelled order, not the card in focus"
	tm_keys $sr Escape /
	wait_for $sr "search (" "$size: search a done order"
	tm_type $sr "赵"; tm_keys $sr Enter
	wait_for $sr "20261120-EC-0007 is done" "$size: a done match says so"
	tm_keys $sr q y
done
finish
