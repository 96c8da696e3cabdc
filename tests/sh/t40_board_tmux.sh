#!/bin/sh
# The real binary in tmux, as a person uses it: open, move, search, open a
# card and come back, advance with the shipping prompt, filter, help, quit;
# colours and NO_COLOR; a resize to 40x10 and back inside a prompt; vt100 and
# dumb terminals; two boards on one store; SIGTERM and SIGHUP restore the
# terminal.  Every wait is for text on the screen, with a timeout.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/board_fixture.sh"
. "$(dirname "$0")/tmux.sh"

board_store orders
B="env ORDESK_NOW=$NOW $ORDESK --db $DB"

# wait_for NAME TEXT WHAT: ok when TEXT shows within 5 s, else the screen.
wait_for() {
	if tm_wait "$1" "$2" 5; then ok "$3"; else not_ok "$3 (no '$2')"; tm_cap "$1"; sed 's/^/#   /' "$T/cap"; fi
}

tm_start a 100x30 $B board
wait_for a "NEW 4" "board opens"
contains_screen() { tm_cap "$1"; contains "$T/cap" "$2" "$3"; }
tm_capc a "$T/colour"
if grep -qE '\[([0-9;]*;)?(3[0-7]|38;5;[0-9]+|4[0-7]|48;5;[0-9]+)(;[0-9;]*)?m' "$T/colour"; then
	ok "colours in capture-pane -e"; else not_ok "no colours in capture-pane -e"; fi

# Move: down and right; the focus mark follows.
tm_keys a j l j
wait_for a "▌Maria Rossi" "j l j moves the focus"
# Open the card and come back to the same place.
tm_keys a Enter
wait_for a "History" "Enter opens the order"
contains_screen a "20261122-EC-0003" "the order view shows the order"
tm_keys a q
wait_for a "▌Maria Rossi" "q returns to the same place"
# Help.
tm_keys a '?'
wait_for a "Keys (q goes back)" "? opens the help"
tm_keys a q
wait_for a "REVIEW 2" "q leaves the help"
# Search by customer and jump.
tm_keys a / ; tm_type a "Bob"; tm_keys a Enter
wait_for a "match 1 of 1 for Bob" "search finds the customer"
wait_for a "▌Bob Stone" "search moves the focus to the match"
# Advance with the shipping prompt: Bob Stone's order is in picking.
tm_keys a Space
wait_for a "carrier:" "Space on a picking order asks the carrier"
tm_type a "SF Express"; tm_keys a Enter
wait_for a "tracking number:" "then the tracking number"
tm_type a "SF0001"; tm_keys a Enter
wait_for a "20261122-EC-0005 moved from picking to shipped" "the order moved to shipped"
contains_screen a "PICKING 1" "and left the picking column"
od show 20261122-EC-0005 > "$T/show" 2>&1
contains "$T/show" "SF0001" "the tracking number is stored"
contains_screen a "▌Bob Stone" "the focus followed the order to shipped"
tm_keys a h h h h h h
# Filter by channel: the active filter shows on the status line.
tm_keys a f Enter; tm_type a "DS"; tm_keys a Enter
wait_for a "filter: channel DS" "f filters by channel and says so"
contains_screen a "NEW 1" "the filter narrows the columns"
tm_keys a F
wait_for a "NEW 4" "F clears the filter"
tm_gone a "filter: channel DS" 5 && ok "the filter mark goes" || not_ok "filter mark stays"

# Resize to 40x10 inside a prompt and back: the typed text survives.
tm_keys a / ; tm_type a "陈"
wait_for a "search (order" "search prompt open"
tm resize-window -t "odt$$-a" -x 40 -y 10
wait_for a "ordesk needs 60x12" "too small: the screen says what it needs"
tm resize-window -t "odt$$-a" -x 100 -y 30
wait_for a "SKU): 陈" "back to 100x30: the prompt and its text are still there"
tm_keys a Enter
wait_for a "match 1 of 1 for 陈" "the search typed before the resize runs"

# A second board on the same store sees changes by the first and by the command line.
tm_start b 100x30 $B board
wait_for b "NEW 4" "second board opens"
tm_keys a g h h h h g Space
wait_for a "NEW 3" "first board advances a new order"
wait_for b "NEW 3" "second board shows it within seconds"
od advance 20261122-EC-0002 > /dev/null 2>&1
wait_for a "NEW 2" "a command line change shows on the first board"
wait_for b "NEW 2" "and on the second"

# A busy store: another program holds the write lock; the board says so
# instead of freezing, and finishes the advance once the lock is gone.
if command -v sqlite3 >/dev/null 2>&1; then
	tm_start lock 100x10 sqlite3 "$DB"
	wait_for lock "sqlite>" "a second program opens the store"
	tm_type lock "BEGIN IMMEDIATE; "; tm_keys lock Enter
	# the first card of review: advancing it needs a write transaction
	tm_keys a 1 g h h h h l g Space
	wait_for a "the store is busy" "a busy store shows a message"
	tm_type lock "COMMIT; "; tm_keys lock Enter
	if tm_gone a "the store is busy" 5; then ok "the board goes on when the store is free"; else
		not_ok "the board stays busy"; fi
	tm_keys a Escape
fi

# 80x24, as a clerk: the shortage menu shows every way out with its digit;
# a bad phone is refused where it is typed and stays to be fixed; the
# release question takes y, and Enter is no.
sqlite3 "$DB" "UPDATE users SET role = 'clerk'"
tm_start p 80x24 $B board
wait_for p "NEW" "80x24 board opens"
tm_keys p 1 g h h h h l g L
wait_for p "4 cancel" "80x24: L short of stock shows the whole menu"
contains_screen p "1 wait" "80x24: the first option and its digit"
tm_keys p Escape
tm_keys p 1 g h h h h e 2 C-u; tm_type p "12x"; tm_keys p Enter
wait_for p "not a phone number" "80x24: a bad phone is refused at its prompt"
contains_screen p "> 12x" "80x24: the typed phone stays"
tm_keys p Escape
tm_keys p 1 g h h h h l l U
wait_for p "(y/N)" "80x24: U asks y/N"
tm_keys p Enter
wait_for p "cancelled; nothing changed" "80x24: Enter is no"
od show 20261122-EC-0004 > "$T/show" 2>&1
contains "$T/show" "locked" "80x24: the locks are kept"
tm_keys p q
sqlite3 "$DB" "UPDATE users SET role = 'admin'"

# Quit.
tm_keys a q y
if tm_dead a 5; then ok "q quits"; else not_ok "q did not quit"; fi

# SIGTERM and SIGHUP restore the terminal.  (A shell keeps the pane open after
# the board ends, so that its last words stay on the screen.)
for sig in TERM HUP; do
	tm_start s$sig 100x30 sh -c "$B board; echo status=\$?; sleep 30"
	wait_for s$sig "NEW" "board for SIG$sig opens"
	pid=$(pgrep -P "$(tm_pid s$sig)")
	[ -n "$pid" ] && kill -$sig "$pid"
	wait_for s$sig "status=0" "SIG$sig ends the board"
	# (after a real hangup there is no terminal left to tell)
	[ $sig = TERM ] && contains_screen s$sig "stopped by signal" "SIG$sig: message after the terminal is restored"
	tm_cap s$sig
	lacks "$T/cap" "REVIEW" "SIG$sig: the board's screen is gone (terminal restored)"
done

# NO_COLOR: monochrome, no colour codes, the same words and glyphs.
tm_start n 100x30 env NO_COLOR=1 $B board
wait_for n "NEW" "NO_COLOR board opens"
tm_capc n "$T/mono"
if grep -qE '\[([0-9;]*;)?(3[0-7]|38;5;[0-9]+|4[0-7]|48;5;[0-9]+)(;[0-9;]*)?m' "$T/mono"; then
	not_ok "colour codes under NO_COLOR"; else ok "no colours under NO_COLOR"; fi
contains "$T/mono" "needs info" "NO_COLOR keeps the words"
tm_keys n q y

# An 8-colour terminal gets the 8-colour scheme: colours, none of the 256.
TM_TERM=xterm tm_start e 100x30 $B board
wait_for e "NEW" "8-colour board opens"
tm_capc e "$T/eight"
if grep -qE '\[([0-9;]*;)?(3[0-7]|4[0-7])(;[0-9;]*)?m' "$T/eight"; then ok "8 colours used"; else
	not_ok "no colours on an 8-colour terminal"; fi
lacks "$T/eight" "38;5;" "no 256-colour codes on an 8-colour terminal"
tm_keys e q y

# TERM=vt100 works (no colours); TERM=dumb is refused with a clear message.
TM_TERM=vt100 tm_start v 100x30 $B board
wait_for v "NEW" "TERM=vt100 board opens"
tm_keys v j q y
if tm_dead v 5; then ok "vt100 board quits"; else not_ok "vt100 board did not quit"; fi
TM_TERM=dumb tm_start d 100x30 sh -c "$B board; echo status=\$?; sleep 30"
wait_for d "status=" "TERM=dumb: the board ends at once"
contains_screen d "TERM=dumb cannot show the full-screen board" "TERM=dumb is refused with a message"
contains_screen d "status=74" "TERM=dumb exits 74"
# A terminal this machine's terminfo does not know (xterm-kitty over SSH):
# refused, saying what to set.
if ! infocmp xterm-kitty >/dev/null 2>&1; then
	TM_TERM=xterm-kitty tm_start k 200x30 sh -c "$B board; echo status=\$?; sleep 30"
	wait_for k "status=" "TERM=xterm-kitty (unknown here): the board ends at once"
	contains_screen k "TERM=xterm-kitty is not known to this machine's terminal database" "TERM=xterm-kitty: says why"
	contains_screen k "start ordesk with TERM=xterm-256color" "TERM=xterm-kitty: says what to set"
fi

finish
