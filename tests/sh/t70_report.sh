#!/bin/sh
# ordesk report and ordesk review from the command line: periods, formats,
# usage errors, -o files, the HTML checked by a parser, review actions.
# (The figures themselves are checked by hand in tests/unit/test_report.c.)
. "$(dirname "$0")/lib.sh"

M=1794787200                       # Monday 2026-11-16 00:00 UTC, 2026-W47
ME=$(id -un)
sql() { sqlite3 -batch "$DB" "$@"; }
at() { ORDESK_NOW=$(($M + $1)); export ORDESK_NOW; }   # seconds after M
H=3600 D=86400

at $((7 * D + 9 * H))               # Monday 2026-11-23 09:00
expect_status 0 "init" od init
# Orders and exceptions straight into the store: the CLI test needs data, not flows.
sql "INSERT INTO orders (order_no, channel, channel_ref, ordered_at, received_at, stage_at,
                         promise_at, stage, t_review, t_locked, t_picking, t_shipped, t_transit,
                         carrier, customer)
     VALUES ('20261116-EC-0001', 'EC', 'R1', $M + 9*$H, $M + 9*$H, $M + 11*$H, $M + 57*$H,
             'transit', $M + 9*$H + 600, $M + 9*$H + 1200, $M + 9*$H + 1800, $M + 11*$H,
             $M + 11*$H + 600, 'SF', 'Wang Wei'),
            ('20261117-ST-0001', 'ST', 'R2', $M + $D, $M + $D, $M + $D, $M + 3*$D, 'new',
             0, 0, 0, 0, 0, '', 'Li Na');
     INSERT INTO exceptions (order_id, kind, stage, opened_at, opened_by, description)
     VALUES (1, 'logistics_delay', 'transit', $M + 2*$D, 'li',
             '<script>alert(1)</script> url(http://evil.example/x) <a href=\"http://x\">'),
            (2, 'needs_info', 'new', $M + $D + 600, 'li', 'phone missing');
     UPDATE exceptions SET status = 'resolved', resolved_at = $M + $D + 4200, resolved_by = 'wang',
            cause = 'channel_data', action = 'called, \"fixed\"' WHERE id = 2;"
recount

expect_status 0 "weekly report, default week" od report weekly
contains "$T/out" "WEEKLY EXCEPTION REVIEW 2026-W47 (2026-11-16 to 2026-11-22)" "default is the last complete week"
contains "$T/out" "orders received                                   2" "received counted"
# (display columns, as wc -L counts them in a UTF-8 locale: a cut line ends in a 3-byte "…")
[ "$(wc -L <"$T/out")" -le 80 ] && ok "txt fits 80 columns" || not_ok "txt fits 80 columns ($(wc -L <"$T/out"))"
expect_status 0 "weekly report of an earlier week" od report weekly --week 2026-W46
contains "$T/out" "2026-W46 (2026-11-09 to 2026-11-15)" "named week"
expect_status 0 "2020-W53 exists" od report weekly --week 2020-W53
contains "$T/out" "2020-W53 (2020-12-28 to 2021-01-03)" "W53 runs over the year end"
expect_status 64 "2027-W53 does not" od report weekly --week 2027-W53
contains "$T/err" "2027-W53" "the error names the week"
expect_status 64 "week 0" od report weekly --week 2026-W00
expect_status 64 "no such date" od report daily --date 2026-02-29
contains "$T/err" "2026-02-29" "the error names the date"
expect_status 64 "unknown format" od report weekly --format pdf
expect_status 64 "daily takes no week" od report daily --week 2026-W47
expect_status 64 "no report kind" od report
expect_status 64 "unknown report kind" od report monthly

expect_status 0 "csv" od report weekly --format csv
contains "$T/out" '"id","order_no","kind","cause","stage","opened_at","opened_by","description","action","result","resolved_at","resolved_by","minutes_to_resolve","note"' "csv header"
contains "$T/out" '"2","20261117-ST-0001","needs_info","channel_data","new","2026-11-17 00:10","li","phone missing","called, ""fixed""","","2026-11-17 01:10","wang","60"' "csv row quoted by libcsv"
[ "$(grep -c . "$T/out")" -eq 3 ] && ok "csv: header and two records" || not_ok "csv: header and two records"

expect_status 0 "md" od report weekly --format md
contains "$T/out" "| orders received | 2 | 0 | +2 |" "md table row"
lacks "$T/out" "<script>" "md escapes markup"

expect_status 0 "daily, default today" od report daily
contains "$T/out" "DAILY EXCEPTION SUMMARY 2026-11-23" "daily is today by default"
expect_status 0 "daily of a date" od report daily --date 2026-11-17 --format md
contains "$T/out" "| exceptions opened | 1 | 0 | +1 |" "daily counts that day"

umask 027
expect_status 0 "html to a file" od report weekly --format html -o "$T/r.html"
[ -s "$T/r.html" ] && ok "html written" || not_ok "html written"
[ "$(stat -c %a "$T/r.html")" = 640 ] && ok "-o file made with the user's umask" || not_ok "-o file mode $(stat -c %a "$T/r.html")"
[ ! -s "$T/out" ] && ok "nothing on stdout with -o" || not_ok "nothing on stdout with -o"
if command -v python3 >/dev/null 2>&1; then
	if python3 "$(dirname "$0")/report_html_check.py" "$T/r.html" >"$T/check" 2>&1; then
		ok "html parses, has its charts, refers to nothing outside"
	else
		not_ok "html check"; sed 's/^/#   /' "$T/check"
	fi
	od report daily --date 2026-11-17 --format html -o "$T/d.html"
	python3 "$(dirname "$0")/report_html_check.py" "$T/d.html" daily >"$T/check" 2>&1 &&
		ok "daily html" || { not_ok "daily html"; sed 's/^/#   /' "$T/check"; }
else
	not_ok "python3 missing: cannot parse the HTML"
fi
contains "$T/r.html" "&lt;script&gt;alert(1)&lt;/script&gt;" "untrusted text escaped"
lacks "$T/r.html" "<script" "no script element"
expect_status 74 "unwritable -o" od report weekly -o "$T/no/such/dir/r.txt"
expect_status 64 "a week to come is refused" od report weekly --week 2026-W49
contains "$T/err" "2026-W49 has not begun" "the refusal names the week"
expect_status 64 "a day to come is refused" od report daily --date 2026-11-24
od report weekly --week 2026-W48 >"$T/partial.txt"
contains "$T/partial.txt" "2026-W48 (2026-11-23 to 2026-11-29), so far: to 2026-11-23 09:00" "a running week says so"
contains "$T/partial.txt" "counted over its first 9h00" "and how it is compared"

# The report view of the board (`5`): figures with sparklines, the week before
# with Left, export to a file with `o` (the prompt offers a name; Enter takes it).
ORDESK_KEYS='5' ORDESK_SIZE=100x40 ORDESK_DUMP="$T/view.txt" expect_status 0 "report view" od board
contains "$T/view.txt" "weekly exception review 2026-W47 (2026-11-16 to 2026-11-22)" "view shows the last week"
contains "$T/view.txt" "TREND, FOUR WEEKS (SPARKLINES)" "view has sparklines"
contains "$T/view.txt" "FIGURES" "view has the figures"
ORDESK_KEYS='5 Left' ORDESK_SIZE=100x40 ORDESK_DUMP="$T/view.txt" od board >/dev/null 2>&1
contains "$T/view.txt" "weekly exception review 2026-W46" "Left: the week before"
ORDESK_KEYS='5 Right Right' ORDESK_SIZE=100x40 ORDESK_DUMP="$T/view.txt" od board >/dev/null 2>&1
contains "$T/view.txt" "weekly exception review 2026-W48" "Right: the week in progress"
contains "$T/view.txt" "that week has not begun" "not past the current week"
ORDESK_KEYS='5 End' ORDESK_SIZE=100x30 ORDESK_DUMP="$T/view.txt" od board >/dev/null 2>&1
contains "$T/view.txt" "phone missing" "the record table scrolls into view"
(cd "$T" && ORDESK_KEYS='5 o Enter' ORDESK_SIZE=100x40 ORDESK_DUMP="$T/view.txt" "$ORDESK" --db "$DB" board >/dev/null 2>&1)
contains "$T/view.txt" "written to ordesk-report-2026-W47.txt" "export says where"
contains "$T/ordesk-report-2026-W47.txt" "WEEKLY EXCEPTION REVIEW 2026-W47" "export wrote the report"

# Review actions: an owner is a user of the store, a due date today or later.
expect_status 64 "review add: an owner who is no user" od review add --week 2026-W46 --cause carrier --action x --owner li --due 2026-12-01
contains "$T/err" "owner li is not a user" "the refusal names the owner"
expect_status 0 "users add li" od users add li --role clerk
expect_status 0 "users add wang" od users add wang --role supervisor
expect_status 64 "review add: a due date in the past" od review add --week 2026-W46 --cause carrier --action x --owner li --due 2026-11-22
contains "$T/err" "due date 2026-11-22 is in the past" "the refusal names the date"
at $((3 * D + 9 * H))               # added on Thursday 2026-11-19, due the next day
expect_status 0 "review add" od review add --week 2026-W46 --cause channel_data --action "ask EC to check phones" --owner li --due 2026-11-20
contains "$T/out" "review action 1 added" "add says the number"
at $((7 * D + 9 * H))               # Monday 2026-11-23 09:00 again
expect_status 0 "review add, week defaults" od review add --cause carrier --action "weekly call with SF" --owner wang --due 2026-12-04
expect_status 64 "review add: impossible week" od review add --week 2027-W53 --cause carrier --action x --owner li --due 2026-12-01
expect_status 64 "review add: unknown cause" od review add --cause weather --action x --owner li --due 2026-12-01
expect_status 64 "review add: bad due date" od review add --cause carrier --action x --owner li --due 2026-13-01
expect_status 64 "review add: missing action" od review add --cause carrier --owner li --due 2026-12-01
expect_status 0 "review list" od review list --format csv
contains "$T/out" '"1","2026-W46","channel_data","li","2026-11-20","overdue"' "overdue marked"
contains "$T/out" '"2","2026-W47","carrier","wang","2026-12-04","open"' "default week is the last complete one"
expect_status 0 "weekly report lists the actions" od report weekly
contains "$T/out" "OPEN, OVERDUE" "report marks overdue actions"
expect_status 64 "review done without a note" od review done 1
expect_status 0 "review done" od review done 1 --note "EC validates phones now"
expect_status 1 "review done twice" od review done 1 --note again
expect_status 1 "review done: no such action" od review done 9 --note x
expect_status 64 "review done: not a number" od review done x1 --note x
expect_status 0 "review list --open" od review list --open --format csv
lacks "$T/out" '"1","2026-W46"' "done action not open"
contains "$T/out" '"2","2026-W47"' "open action listed"
[ "$(sql "SELECT count(*) FROM events WHERE entity = 'review'")" = 3 ] && ok "an event per change" || not_ok "an event per change"
sql "UPDATE users SET role = 'clerk' WHERE login = '$ME'"
expect_status 77 "a clerk may not add actions" od review add --cause carrier --action x --owner li --due 2026-12-01
expect_status 77 "a clerk may not close actions" od review done 2 --note x
sql "UPDATE users SET role = 'viewer' WHERE login = '$ME'"
expect_status 0 "a viewer reads the report" od report weekly
expect_status 0 "a viewer lists actions" od review list
finish
