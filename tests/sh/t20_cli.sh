#!/bin/sh
# The command line contract: exit statuses, one-line errors, the CSV listing, show, config,
# users, check after tampering, and hostile text never printed raw.
. "$(dirname "$0")/lib.sh"

export ORDESK_NOW="2026-11-16 09:30"   # Monday, half an hour after the seeded receipts (TZ=UTC)
ME=$(id -un)

# ---- seeding: the only SQL this file writes into the schema ----
# seed NO CHANNEL REF STAGE CUSTOMER_SQL DUE_AT: an order with two lines (SKU-A x2, SKU-B x1),
# received Monday 2026-11-16 09:00 UTC.  CUSTOMER_SQL is an SQL expression.  In locked or
# picking it holds stock locks for its lines, as the store's invariants want.
seed() {
	sqlite3 "$DB" <<EOF
INSERT INTO orders (order_no, channel, channel_ref, source, stage, priority, prio_rank, ordered_at,
  received_at, stage_at, due_at, customer, phone, address, warehouse, lines, items, total_cents)
VALUES ('$1', '$2', '$3', 'test', '$4', 'normal', 2, 1794819000, 1794819600, 1794819600, $6,
  $5, '+86 138 0013 8000', '1 Test Road, Shanghai', 'MAIN', 2, 3, 3000);
INSERT INTO order_lines (order_id, line_no, sku, name, qty, unit_price_cents)
  SELECT id, 1, 'SKU-A', 'green tea', 2, 1000 FROM orders WHERE order_no = '$1';
INSERT INTO order_lines (order_id, line_no, sku, name, qty, unit_price_cents)
  SELECT id, 2, 'SKU-B', 'teapot', 1, 1000 FROM orders WHERE order_no = '$1';
-- an order in locked or picking holds its stock (seed_stock first)
INSERT INTO stock_locks (order_id, line_id, sku, warehouse, qty, locked_at, locked_by)
  SELECT o.id, l.id, l.sku, 'MAIN', l.qty, 1794819600, 'test' FROM orders o
  JOIN order_lines l ON l.order_id = o.id WHERE o.order_no = '$1' AND o.stage IN ('locked', 'picking');
UPDATE stock SET locked = locked + coalesce((SELECT sum(k.qty) FROM stock_locks k JOIN orders o
  ON o.id = k.order_id WHERE o.order_no = '$1' AND k.state = 'active' AND k.sku = stock.sku
  AND k.warehouse = stock.warehouse), 0);
EOF
	recount
}
# seed_exc NO KIND: an open exception on an order.
seed_exc() {
	sqlite3 "$DB" "INSERT INTO exceptions (order_id, kind, stage, opened_at, opened_by, description)
	  SELECT id, '$2', stage, 1794819600, 'test', 'seeded' FROM orders WHERE order_no = '$1';"
}
# seed_stock: plenty of both SKUs in MAIN.
seed_stock() {
	sqlite3 "$DB" "INSERT INTO products (sku, name) VALUES ('SKU-A', 'green tea'), ('SKU-B', 'teapot');
	  INSERT INTO stock (sku, warehouse, on_hand) VALUES ('SKU-A', 'MAIN', 100), ('SKU-B', 'MAIN', 100);"
}

# one_line NAME: ok when the last command's stderr ($T/err) is exactly one line starting "ordesk: ".
one_line() {
	n=$(wc -l < "$T/err")
	if [ "$n" -eq 1 ] && grep -q '^ordesk: ' "$T/err"; then ok "$1"; else
		not_ok "$1 ($n lines on stderr)"; sed 's/^/#   /' "$T/err" | head -5; fi
}

# csv_fields FILE: real CSV (quotes, doubled quotes, separators and line ends inside quotes)
# parsed in awk; prints each record's fields joined by the unit separator (octal 037).
csv_fields() {
	awk 'BEGIN { RS = "\001"; US = sprintf("%c", 31) }
	{
		s = $0; n = length(s); f = ""; rec = ""; nf = 0; q = 0
		for (i = 1; i <= n; i++) {
			c = substr(s, i, 1)
			if (q) {
				if (c == "\"") {
					if (substr(s, i + 1, 1) == "\"") { f = f "\""; i++ } else q = 0
				} else f = f c
			} else if (c == "\"") q = 1
			else if (c == ",") { rec = rec (nf++ ? US : "") f; f = "" }
			else if (c == "\r" && substr(s, i + 1, 1) == "\n") { }
			else if (c == "\n") { print rec (nf ? US : "") f; rec = ""; f = ""; nf = 0 }
			else f = f c
		}
		if (f != "" || nf) print rec (nf ? US : "") f
	}' "$1"
}

# no_raw_controls FILE NAME: no C0 control but tab, newline and CR; no DEL; no C1 or bidi
# controls in their UTF-8 form.
no_raw_controls() {
	bad=$(LC_ALL=C tr -d '\t\n\r\040-\176\200-\377' < "$1" | wc -c)
	c1=$(LC_ALL=C grep -c "$(printf '\302[\200-\237]')" "$1")
	bidi=$(LC_ALL=C grep -c "$(printf '\342\200[\252-\256]')" "$1")
	if [ "$bad" -eq 0 ] && [ "$c1" -eq 0 ] && [ "$bidi" -eq 0 ]; then ok "$2"; else
		not_ok "$2 ($bad C0/DEL bytes, $c1 C1 lines, $bidi bidi lines)"; LC_ALL=C cat -v "$1" | sed "s/^/#   /" | head -10; fi
}

# ---- help, version, usage errors (64) ----
expect_status 0 "--help" "$ORDESK" --help
contains "$T/out" "usage: ordesk" "--help prints the usage"
for cmd in init orders show advance back cancel edit users config check; do
	contains "$T/out" "  $cmd " "--help lists $cmd"
done
contains "$T/out" "Exit status" "--help lists the exit statuses"
expect_status 0 "-h" "$ORDESK" -h
expect_status 0 "--version" "$ORDESK" --version
if grep -Eq '^ordesk [0-9]+\.[0-9]+\.[0-9]+$' "$T/out"; then ok "--version prints ordesk X.Y.Z"; else not_ok "--version: $(cat "$T/out")"; fi

expect_status 64 "unknown global option" "$ORDESK" --bogus
one_line "unknown global option: one line"
contains "$T/err" "--bogus" "unknown global option is named"
expect_status 64 "--db without a path" "$ORDESK" --db
contains "$T/err" "--db needs" "--db without a path: says so"
expect_status 64 "--db= empty" "$ORDESK" --db= orders
expect_status 64 "unknown command" od frobnicate
one_line "unknown command: one line"
contains "$T/err" "frobnicate" "unknown command is named"
expect_status 64 "no command off a terminal" od
ORDESK_NOW=yesterday expect_status 64 "bad ORDESK_NOW" od orders

# a store that does not exist (74), then init
expect_status 74 "no store yet" od orders
contains "$T/err" "no store" "missing store: says so"
one_line "missing store: one line"
expect_status 0 "init" od init
contains "$T/out" "you are $ME (admin)" "the creator is admin"
expect_status 0 "init again" od init

for args in "orders --bogus" "orders --format xml" "orders --stage nowhere" "orders --health blue" \
            "orders extra" "show" "show A B" "advance" "advance A B" "advance A --to nowhere" \
            "back A" "cancel" "cancel A" "edit A" "edit A novalue" "edit A =x" "users frob" "users add x" \
            "config" "config frob" "config set clock.review" "check extra"; do
	# shellcheck disable=SC2086
	expect_status 64 "usage: $args" od $args
	one_line "usage: $args: one line"
done

# ---- seeded orders ----
seed_stock
seed 20261116-EC-0001 EC R-1 new "'Wang Wei'" 1794823200
seed 20261116-EC-0002 EC R-2 review "'张伟'" 1794823200
seed 20261116-ST-0001 ST S-1 picking "'Li, \"Na\"'" 1794820000
seed 20261116-DS-0001 DS D-1 done "'Done Co'" 0
seed_exc 20261116-EC-0002 needs_info
seed_exc 20261116-EC-0002 stock_short
seed_exc 20261116-EC-0002 needs_info
expect_status 0 "check on seeded store" od check

# ---- orders --format csv ----
expect_status 0 "orders --format csv" od orders --format csv
cp "$T/out" "$T/list.csv"
csv_fields "$T/list.csv" > "$T/list.fields"
US=$(printf '\037')
want_header="order_no${US}channel${US}channel_ref${US}stage${US}priority${US}health${US}customer${US}lines${US}items${US}due_at${US}exceptions${US}display_ref"
if [ "$(head -n 1 "$T/list.fields")" = "$want_header" ]; then ok "csv header"; else
	not_ok "csv header: $(head -n 1 "$T/list.fields" | tr '\037' '|')"; fi
if [ "$(awk -F"$US" '{ print NF }' "$T/list.fields" | sort -u)" = "12" ]; then ok "csv: 12 fields in every row"; else
	not_ok "csv: field counts $(awk -F"$US" '{ print NF }' "$T/list.fields" | sort -u | tr '\n' ' ')"; fi
if [ "$(wc -l < "$T/list.fields")" -eq 4 ]; then ok "csv: header and the three open orders"; else
	not_ok "csv: $(wc -l < "$T/list.fields") records"; fi
if head -n 1 "$T/list.csv" | grep -q "$(printf '\r')\$"; then ok "csv: CRLF line ends"; else not_ok "csv: CRLF line ends"; fi
row=$(grep "^20261116-EC-0002$US" "$T/list.fields")
want="20261116-EC-0002${US}EC${US}R-2${US}review${US}normal${US}red${US}张伟${US}2${US}3${US}2026-11-16 10:00${US}needs_info;stock_short${US}"
if [ "$row" = "$want" ]; then ok "csv: row with exceptions joined by ;"; else not_ok "csv row: $(printf '%s' "$row" | tr '\037' '|')"; fi
row=$(grep "^20261116-ST-0001$US" "$T/list.fields")
want="20261116-ST-0001${US}ST${US}S-1${US}picking${US}normal${US}red${US}Li, \"Na\"${US}2${US}3${US}2026-11-16 09:06${US}${US}"
if [ "$row" = "$want" ]; then ok "csv: quoted comma and quotes, overdue is red"; else not_ok "csv row: $(printf '%s' "$row" | tr '\037' '|')"; fi
row=$(grep "^20261116-EC-0001$US" "$T/list.fields" | cut -d"$US" -f6)
if [ "$row" = "yellow" ]; then ok "csv: in time is yellow"; else not_ok "csv health: $row"; fi
if command -v python3 >/dev/null 2>&1; then
	python3 - "$T/list.csv" "$T/list.fields" <<'EOF' && ok "csv: python's csv module reads the same" || not_ok "csv: python's csv module disagrees"
import csv, sys
rows = list(csv.reader(open(sys.argv[1], newline='', encoding='utf-8')))
mine = [l.rstrip('\n').split('\x1f') for l in open(sys.argv[2], encoding='utf-8')]
sys.exit(0 if rows == mine else 1)
EOF
fi

expect_status 0 "orders --all" od orders --all --format csv
if [ "$(csv_fields "$T/out" | wc -l)" -eq 5 ]; then ok "orders --all includes done"; else not_ok "orders --all"; fi
expect_status 0 "orders --stage review" od orders --stage review --format csv
if [ "$(csv_fields "$T/out" | cut -d"$US" -f1 | tail -n +2)" = "20261116-EC-0002" ]; then ok "--stage filters"; else not_ok "--stage filters"; fi
expect_status 0 "orders --channel ST" od orders --channel ST --format csv
if [ "$(csv_fields "$T/out" | cut -d"$US" -f1 | tail -n +2)" = "20261116-ST-0001" ]; then ok "--channel filters"; else not_ok "--channel filters"; fi
expect_status 0 "orders --health red" od orders --health red --format csv
if [ "$(csv_fields "$T/out" | tail -n +2 | wc -l)" -eq 2 ]; then ok "--health red filters"; else not_ok "--health red filters"; fi
expect_status 0 "orders --format tsv" od orders --format tsv
if [ "$(awk -F'\t' '{ print NF }' "$T/out" | sort -u)" = "12" ]; then ok "tsv: 12 fields"; else not_ok "tsv fields"; fi
expect_status 0 "orders as a table" od orders
contains "$T/out" "20261116-EC-0001" "table lists orders"
contains "$T/out" "张伟" "table shows CJK names"

# ---- show ----
expect_status 0 "show" od show 20261116-EC-0002
contains "$T/out" "20261116-EC-0002" "show: the order"
contains "$T/out" "SKU-A" "show: its lines"
contains "$T/out" "teapot" "show: line names"
contains "$T/out" "needs_info" "show: its exceptions"
contains "$T/out" "stock_short" "show: every open kind"
expect_status 1 "show an unknown order" od show 20991231-EC-9999
contains "$T/err" "no order 20991231-EC-9999" "show unknown: says which"
one_line "show unknown: one line"

# ---- advance ----
expect_status 1 "advance an unknown order" od advance 20991231-EC-9999
contains "$T/err" "no order" "advance unknown: says so"
expect_status 1 "advance past a stage (illegal)" od advance 20261116-EC-0001 --to locked
contains "$T/err" "only move to review" "illegal: names the next stage"
one_line "illegal: one line"
expect_status 1 "advance a done order" od advance 20261116-DS-0001
expect_status 1 "advance an order held by an exception" od advance 20261116-EC-0002
expect_status 0 "advance" od advance 20261116-EC-0001
contains "$T/out" "review" "advance: says where it went"
expect_status 1 "advance --to a stage it is in" od advance 20261116-EC-0001 --to review
contains "$T/err" "already moved" "already moved"
expect_status 0 "advance review -> locked" od advance 20261116-EC-0001 --to locked
expect_status 0 "advance locked -> picking" od advance 20261116-EC-0001
expect_status 64 "shipping needs carrier and tracking" od advance 20261116-EC-0001
contains "$T/err" "carrier" "shipping: names what is missing"
expect_status 0 "ship with carrier and tracking" od advance 20261116-EC-0001 --carrier "SF Express" --tracking SF100200
expect_status 0 "show the shipped order" od show 20261116-EC-0001
contains "$T/out" "SF100200" "show: tracking"
contains "$T/out" "history:" "show: history"
contains "$T/out" "$ME" "show: the actor"
contains "$T/out" "new -> review" "show: the first move"
contains "$T/out" "picking -> shipped" "show: the last move"
expect_status 1 "cancel after shipping" od cancel 20261116-EC-0001 --reason late
contains "$T/err" "before it is shipped" "cancel after shipping: the rule"

# ---- edit ----
expect_status 0 "edit" od edit 20261116-ST-0001 "customer=Li Na" "note=ring twice"
expect_status 1 "edit a bad phone" od edit 20261116-ST-0001 phone=abc
contains "$T/err" "phone" "edit: names the field"
expect_status 64 "edit an unknown field" od edit 20261116-ST-0001 colour=red
expect_status 1 "edit is all or nothing" od edit 20261116-ST-0001 "note=changed" phone=abc
expect_status 0 "show after a refused edit" od show 20261116-ST-0001
contains "$T/out" "ring twice" "a refused edit changes no field"

# ---- back and cancel ----
expect_status 64 "back without --reason" od back 20261116-ST-0001
expect_status 1 "back with a blank reason" od back 20261116-ST-0001 --reason " "
contains "$T/err" "reason" "back: needs a reason"
expect_status 0 "back with a reason" od back 20261116-ST-0001 --reason "wrong box"
expect_status 0 "cancel with a reason" od cancel 20261116-ST-0001 --reason "customer cancelled"
expect_status 1 "cancel twice" od cancel 20261116-ST-0001 --reason again

# ---- config and users ----
expect_status 0 "config get" od config get
contains "$T/out" "clock.review" "config get lists clocks"
contains "$T/out" "promise.dispatch.urgent" "config get lists promises"
expect_status 0 "config get KEY" od config get clock.review
if [ "$(cat "$T/out")" = "60m" ]; then ok "config get KEY prints the value"; else not_ok "config get: $(cat "$T/out")"; fi
expect_status 0 "config set" od config set clock.review 45m
expect_status 0 "config get after set" od config get clock.review
if [ "$(cat "$T/out")" = "45m" ]; then ok "config set took"; else not_ok "config after set: $(cat "$T/out")"; fi
expect_status 64 "config set a bad value" od config set clock.review soon
one_line "config bad value: one line"
expect_status 64 "config get an unknown key" od config get no.such
expect_status 0 "users list" od users
contains "$T/out" "$ME" "users lists the creator"
expect_status 0 "users add" od users add wang --role clerk
expect_status 1 "users add twice" od users add wang --role clerk
expect_status 64 "users add a bad role" od users add li --role boss
expect_status 0 "users role" od users role wang supervisor
expect_status 0 "users list again" od users list
contains "$T/out" "supervisor" "users shows the new role"

# ---- not permitted (77): the operator is the OS login ----
expect_status 1 "the last admin cannot step down" od users role "$ME" viewer
expect_status 0 "another admin" od users add boss --role admin
expect_status 0 "step down to clerk" od users role "$ME" clerk
expect_status 77 "clerk: back" od back 20261116-EC-0002 --reason x
contains "$T/err" "supervisor" "denied: names the role needed"
one_line "denied: one line"
expect_status 77 "clerk: cancel" od cancel 20261116-EC-0002 --reason x
expect_status 77 "clerk: config set" od config set clock.review 30m
expect_status 77 "clerk: users add" od users add zed --role clerk
sqlite3 "$DB" "UPDATE users SET role = 'viewer' WHERE login = '$ME'"
expect_status 77 "viewer: advance" od advance 20261116-EC-0001
expect_status 77 "viewer: edit" od edit 20261116-EC-0002 note=x
expect_status 0 "viewer: orders" od orders
expect_status 0 "viewer: check" od check
sqlite3 "$DB" "UPDATE users SET role = 'admin' WHERE login = '$ME'"

# ---- hostile text never printed raw ----
seed 20261116-EC-0003 EC "ref$(printf '\342\200\256')txt.exe" new \
	"'Evil' || char(27) || ']0;pwned' || char(7) || char(27) || '[2J' || char(9) || 'x' || char(10) || 'y' || char(155) || 'z' || char(8238) || 'w' || char(127)" \
	1794823200
sqlite3 "$DB" "UPDATE orders SET note = 'n' || char(27) || '[31m', address = 'a' || char(13) || 'b' WHERE order_no = '20261116-EC-0003';
	UPDATE order_lines SET name = 'tea' || char(27) || '[1m', sku = 'S' || char(27) WHERE order_id = (SELECT id FROM orders WHERE order_no = '20261116-EC-0003');"
for fmt in table csv tsv; do
	expect_status 0 "hostile: orders --format $fmt" od orders --format "$fmt"
	no_raw_controls "$T/out" "hostile: orders --format $fmt prints no raw controls"
	contains "$T/out" '\x1B' "hostile: orders --format $fmt shows ESC as \\x1B"
done
expect_status 0 "hostile: show" od show 20261116-EC-0003
no_raw_controls "$T/out" "hostile: show prints no raw controls"
contains "$T/out" '\u{202E}' "hostile: show shows the bidi override"
expect_status 0 "hostile: edit logs" od edit 20261116-EC-0003 "note=$(printf 'x\033[5m')"
expect_status 0 "hostile: show history" od show 20261116-EC-0003
no_raw_controls "$T/out" "hostile: history prints no raw controls"
expect_status 1 "hostile: unknown order named" od show "$(printf 'X\033[2J')"
no_raw_controls "$T/err" "hostile: error prints no raw controls"
expect_status 64 "hostile: unknown command" od "$(printf 'x\033]0;t\007')"
no_raw_controls "$T/err" "hostile: unknown command prints no raw controls"

# ---- check after tampering ----
expect_status 0 "check before tampering" od check
contains "$T/out" "invariants hold" "check: says they hold"
sqlite3 "$DB" "UPDATE stage_counts SET n = n + 5 WHERE stage = 'new'"
expect_status 1 "check after tampering" od check
contains "$T/err" "stage counts" "check names the broken invariant"
one_line "check: one line"
sqlite3 "$DB" "UPDATE stage_counts SET n = n - 5 WHERE stage = 'new'"
expect_status 0 "check after repair" od check
sqlite3 "$DB" "DROP TRIGGER events_no_delete"
expect_status 1 "check without the log's protection" od check
contains "$T/err" "event log" "check names the event log"
if sqlite3 "$DB" "UPDATE events SET actor = 'x'" 2>/dev/null; then not_ok "events refuse updates"; else ok "events refuse updates"; fi

finish
