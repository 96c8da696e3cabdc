#!/bin/sh
# Every prompt of the board at 80x24, dumped from the scripted-keys mode and
# compared with tests/screens/prompt_*.txt (make check GOLDEN=update rewrites them; read the
# diff before committing).  And what the prompts promise:
#   - a menu shows every option, each with the digit that picks it;
#   - a field is checked by the desk's own validation when Enter is pressed:
#     a refused value stays on the line, with the reason and the format;
#   - a question about what cannot be undone takes an explicit y: Enter is no.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/board_fixture.sh"

S=80x24
board_store orders

# prompt NAME KEYS: the screen after KEYS compared with its golden.
prompt() { board_dump "prompt_$1" $S "$2"; screen_is "prompt_$1"; }

# The board's own prompts.
prompt search "/ 陈"
prompt filter "f"
prompt filter_priority "f 2"
prompt filter_health "f 3"
prompt filter_channel "f 1"
# Edit: a menu of fields, then the value with its format; a bad phone is
# refused where it is typed, and what was typed stays.
prompt edit "e"
prompt edit_phone "e 2"
prompt edit_phone_bad "e 2 C-u 1 2 x Enter"
contains "$T/prompt_edit_phone_bad.txt" "phone: not a phone number" "a bad phone is refused at its prompt"
contains "$T/prompt_edit_phone_bad.txt" "like +86 130 0505 7019" "with the format a phone takes"
contains "$T/prompt_edit_phone_bad.txt" "> 12x" "and the typed text stays to be fixed"
board_dump edit_phone_fixed $S "e 2 C-u 1 2 x Enter BS BS BS + 8 6 Space 1 3 0 0 5 0 5 7 0 1 9 Enter"
od show 20261122-EC-0001 > "$T/show" 2>&1
contains "$T/show" "+86 13005057019" "the fixed phone is stored (as the desk writes phones)"
# Shipping: carrier, then tracking number; an empty one is refused at once.
prompt ship_carrier "l l l j Space"
prompt ship_tracking_empty "l l l j Space S F Enter Enter"
contains "$T/prompt_ship_tracking_empty.txt" "a tracking number is needed" "an empty tracking number is refused at its prompt"
board_dump ship_fixed $S "l l l j Space S F Enter Enter S F 9 9 Enter"
contains "$T/ship_fixed.txt" "moved from picking to shipped" "typing it then ships the order"
rm -f "$DB"*; board_store orders
# Moving back and cancelling: a reason, checked as it is typed.
prompt back_reason "l b"
prompt back_reason_empty "l b Space Enter"
contains "$T/prompt_back_reason_empty.txt" "a reason is needed" "an empty reason is refused at its prompt"
prompt cancel_reason "l l l j C"
prompt cancel_confirm "l l l j C d u p Enter"
contains "$T/prompt_cancel_confirm.txt" "(y/N)" "cancelling asks y/N"
board_dump cancel_enter $S "l l l j C d u p Enter Enter"
contains "$T/cancel_enter.txt" "cancelled; nothing changed" "Enter at the cancel question is no"
od show 20261122-DS-0002 > "$T/show" 2>&1
lacks "$T/show" "cancelled" "and the order is not cancelled"
board_dump cancel_other $S "l l l j C d u p Enter Space j"
contains "$T/cancel_other.txt" "for good? (y/N)" "other keys leave the question open"
board_dump cancel_yes $S "l l l j C d u p Enter y"
od show 20261122-DS-0002 > "$T/show" 2>&1
contains "$T/show" "cancelled" "y cancels"
rm -f "$DB"*; board_store orders
# Releasing locks: y, not Enter.
prompt release "l l U"
board_dump release_enter $S "l l U Enter"
od show 20261122-EC-0004 > "$T/show" 2>&1
contains "$T/show" "locked" "Enter at the release question keeps the locks"
# Exceptions: the kind menu and the note; resolving: the flow, the cause menu.
prompt raise "x"
prompt raise_note "x 1"
prompt resolve "j r"
prompt resolve_cause "j r f i x e d Enter"
# The hint bar names a prompt's keys.
contains "$T/prompt_filter.hints" "1-5 pick" "a menu's keys are on the hint bar"
contains "$T/prompt_cancel_confirm.hints" "n no" "a question's keys are on the hint bar"
contains "$T/prompt_search.hints" "Esc cancel" "a line's keys are on the hint bar"
# Lock short of stock (no stock in this store): every way out shows.
prompt lock_short "l L"
for w in "1 wait" "2 split" "3 delay" "4 cancel"; do
	contains "$T/prompt_lock_short.txt" "$w" "the shortage menu shows $w"
done
prompt lock_delay "l L 3"
# A clerk may agree at most 3 business days: a later date is refused where it is typed.
sqlite3 "$DB" "UPDATE users SET role = 'clerk'"
prompt lock_delay_over "l L 3 C-u 2 0 2 7 - 0 1 - 3 0 Enter"
contains "$T/prompt_lock_delay_over.txt" "a clerk may agree (until 2026-11-25)" "an over-limit delay is refused at its prompt"
contains "$T/prompt_lock_delay_over.txt" "2027-01-30" "and the date typed stays"
prompt lock_delay_note "l L 3 C-u 2 0 2 6 - 1 1 - 2 4 Enter"
sqlite3 "$DB" "UPDATE users SET role = 'admin'"
# The views' prompts.
prompt exceptions_filter "2 f"
prompt stock_search "3 /"
# (the report names who made it: compared in part)
board_dump report_export $S "5 o"
contains "$T/report_export.txt" "write the report to (.txt .csv .md .html):" "o asks where to write the report"
contains "$T/report_export.txt" "> ordesk-report-2026-W46.txt" "proposing a name"
# A file already there is replaced only after y; Enter keeps it.
path=$(printf '%s' "$T/week.txt" | sed 's/./& /g')
echo "keep me" > "$T/week.txt"
board_dump export_exists $S "5 o C-u $path Enter"
contains "$T/export_exists.txt" "week.txt exists: replace it? (y/N)" "export asks before replacing a file"
board_dump export_keep $S "5 o C-u $path Enter Enter"
contains "$T/export_keep.txt" "not written" "Enter keeps the file"
contains "$T/week.txt" "keep me" "and the file is as it was"
board_dump export_replace $S "5 o C-u $path Enter y"
contains "$T/week.txt" "WEEKLY EXCEPTION REVIEW" "y replaces it"

finish
