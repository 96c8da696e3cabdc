#!/bin/sh
# Import: re-imports, overlapping exports, refused files, hostile text,
# rejects, dry runs, standard input and exit statuses.
. "$(dirname "$0")/lib.sh"
D=$(cd "$(dirname "$0")/../data/import" && pwd)
export ORDESK_NOW="2026-11-16 09:00"
q() { sqlite3 "$DB" "$1"; }

od init >/dev/null 2>&1
od stock import "$D/catalog.csv" >/dev/null

# Re-importing the same file changes nothing.
expect_status 0 "first import" od import "$D/generic-multiline.csv"
contains "$T/out" "3 new, 0 updated, 0 unchanged" "first import: 3 new"
sqlite3 "$DB" .dump >"$T/dump1"
expect_status 0 "same file again" od import "$D/generic-multiline.csv"
contains "$T/out" "0 new, 0 updated, 3 unchanged, 0 flagged" "same file again: 3 unchanged"
sqlite3 "$DB" .dump >"$T/dump2"
cmp -s "$T/dump1" "$T/dump2" && ok "re-import leaves the store as it was" || not_ok "re-import changed the store"

# An overlapping export with changed status and content.
expect_status 0 "export 1" od import "$D/reexport-1.csv"
w1=$(q "SELECT order_no FROM orders WHERE channel_ref = 'W-1'")
w2=$(q "SELECT order_no FROM orders WHERE channel_ref = 'W-2'")
# W-3 moves past review before the second export changes its address.
od advance "$(q "SELECT order_no FROM orders WHERE channel_ref = 'W-3'")" >/dev/null
od advance "$(q "SELECT order_no FROM orders WHERE channel_ref = 'W-3'")" >/dev/null
[ "$(q "SELECT stage FROM orders WHERE channel_ref = 'W-3'")" = locked ] && ok "W-3 locked" || not_ok "W-3 not locked: $(q "SELECT stage FROM orders WHERE channel_ref = 'W-3'")"
expect_status 0 "export 2 (overlapping)" od import "$D/reexport-2.csv"
contains "$T/out" "1 new, 3 updated, 0 unchanged, 3 flagged" "export 2: 1 new, 3 updated, 3 flagged"
[ "$(q "SELECT count(*) FROM orders WHERE channel_ref LIKE 'W-%'")" = 5 ] && ok "no duplicate orders" || not_ok "orders duplicated"
[ "$(q "SELECT order_no FROM orders WHERE channel_ref = 'W-1'")" = "$w1" ] && ok "W-1 kept its number" || not_ok "W-1 renumbered"
[ "$(q "SELECT channel_state FROM orders WHERE order_no = '$w2'")" = "shipped by channel" ] && ok "W-2 state updated" || not_ok "W-2 state"
# W-2 is still new on the desk: the channel shipped it, a supervisor must know before it is picked.
[ "$(q "SELECT exc_kinds FROM orders WHERE order_no = '$w2'")" = customer_change ] && ok "W-2 shipped by the channel: customer_change" || not_ok "W-2 no customer_change"
q "SELECT description FROM exceptions e JOIN orders o ON o.id = e.order_id WHERE o.order_no = '$w2'" | grep -q "shipped twice" \
	&& ok "the channel's shipment: the description warns of shipping twice" || not_ok "W-2 description"
[ "$(q "SELECT address FROM orders WHERE channel_ref = 'W-3'")" = "12 Mill Lane, York YO1 7AA" ] && ok "W-3 (locked) not altered" || not_ok "W-3 altered"
[ "$(q "SELECT exc_kinds FROM orders WHERE channel_ref = 'W-3'")" = customer_change ] && ok "W-3 raises customer_change" || not_ok "W-3 no customer_change"
q "SELECT description FROM exceptions e JOIN orders o ON o.id = e.order_id WHERE o.channel_ref = 'W-3'" | grep -q address \
	&& ok "customer_change names the address" || not_ok "customer_change description"
[ "$(q "SELECT exc_kinds FROM orders WHERE channel_ref = 'W-4'")" = customer_change ] && ok "W-4 cancelled by the channel: customer_change" || not_ok "W-4 cancellation"
q "SELECT description FROM exceptions e JOIN orders o ON o.id = e.order_id WHERE o.channel_ref = 'W-4'" | grep -q supervisor \
	&& ok "cancellation is for a supervisor" || not_ok "cancellation description"
expect_status 0 "export 2 again" od import "$D/reexport-2.csv"
contains "$T/out" "0 new, 0 updated, 4 unchanged, 0 flagged" "export 2 again: unchanged, no new exception"
[ "$(q "SELECT count(*) FROM exceptions")" = 3 ] && ok "no exception raised twice" || not_ok "exceptions: $(q "SELECT count(*) FROM exceptions")"
# An order in new whose content changed is updated in place.
sed 's/"10 Mill Lane, York YO1 7AA",MUG-01,1/"10 Mill Lane, York YO1 7AA",MUG-01,3/' "$D/reexport-1.csv" >"$T/re3.csv"
expect_status 0 "export 3 (W-1 quantity changed)" od import "$T/re3.csv"
[ "$(q "SELECT items FROM orders WHERE channel_ref = 'W-1'")" = 3 ] && ok "W-1 (new) updated in place" || not_ok "W-1 not updated"
q "SELECT what FROM events e JOIN orders o ON o.id = e.order_id WHERE o.channel_ref = 'W-1'" | grep -q import-update && ok "update logged" || not_ok "update not logged"
od check >/dev/null && ok "check holds after re-imports" || not_ok "check fails after re-imports"

# A refused file leaves the store byte for byte as it was.
sqlite3 "$DB" .dump >"$T/before"
for f in odd-unterminated-quote.csv odd-nul-bytes.csv odd-xlsx-renamed.csv odd-empty.csv odd-invalid-utf8.csv; do
	expect_status 65 "$f refused" od import "$D/$f"
done
# Good rows before damage are not committed either: a file that breaks late.
{ cat "$D/reexport-1.csv" | sed 's/W-/L-/'; printf 'EC,L-9,2026-11-16 08:00,"Broken\n'; } >"$T/late.csv"
expect_status 65 "damage after good rows" od import "$T/late.csv"
contains "$T/err" "late.csv:6:25:" "the error names line and column"
# A field over 64 KiB and a row over 1 MiB.
awk 'BEGIN { printf "channel,order_ref,sku,qty\nEC,B-1,"; for (i = 0; i < 70000; i++) printf "x"; printf ",1\n" }' >"$T/field.csv"
expect_status 65 "field over 64 KiB" od import "$T/field.csv"
contains "$T/err" "field.csv:2:8: a field of more than 64 KiB" "field cap named"
awk 'BEGIN { printf "channel,order_ref,sku,qty\nEC,B-1,"; for (i = 0; i < 40; i++) { for (k = 0; k < 30000; k++) printf "y"; printf "," } printf "1\n" }' >"$T/row.csv"
expect_status 65 "row over 1 MiB" od import "$T/row.csv"
contains "$T/err" "row.csv:2:1: a row of more than 1024 KiB" "row cap named"
awk 'BEGIN { printf "channel,order_ref,sku,qty\nEC,B-1,\"open"; for (i = 0; i < 20000; i++) printf "EC,B-%d,MUG-01,1\n", i }' >"$T/swallow.csv"
expect_status 65 "unterminated quote swallowing the file" od import "$T/swallow.csv"
contains "$T/err" "swallow.csv:2:8:" "swallowing quote: where it opens"
sqlite3 "$DB" .dump >"$T/after"
cmp -s "$T/before" "$T/after" && ok "refused files left the store unchanged" || not_ok "a refused file changed the store"

# Dry run: the same report, nothing written.
sqlite3 "$DB" .dump >"$T/before"
expect_status 0 "dry run" od import --dry-run "$D/shopify-orders.csv"
contains "$T/out" "dry run, nothing written" "dry run says so"
contains "$T/out" "3 new" "dry run counts"
sqlite3 "$DB" .dump >"$T/after"
cmp -s "$T/before" "$T/after" && ok "dry run wrote nothing" || not_ok "dry run changed the store"

# Rejects file: real CSV with the file's columns and a reason.
expect_status 0 "import with rejects" od import --rejects "$T/rejects.csv" "$D/odd-rejects.csv"
contains "$T/out" "5 rows rejected" "5 rows rejected"
[ "$(head -1 "$T/rejects.csv" | tail -c +4 | tr -d '\r')" = '"channel","order_ref","ordered_at","customer","tier","phone","address","sku","qty","unit_price","type","flags","note","reason"' ] \
	&& ok "rejects header" || not_ok "rejects header: $(head -1 "$T/rejects.csv")"
[ "$(wc -l <"$T/rejects.csv")" -eq 6 ] && ok "rejects: 5 rows" || not_ok "rejects: $(wc -l <"$T/rejects.csv") lines"
contains "$T/rejects.csv" "line 2: no order id" "reject reason names the line"
contains "$T/rejects.csv" "unknown channel ZZ" "unknown channel rejected"
contains "$T/rejects.csv" "rows of one order must follow each other" "scattered rows rejected"

# Hostile text is stored as given but never printed raw.
expect_status 0 "hostile import" od import --rejects "$T/hrej.csv" "$D/odd-hostile.csv"
esc=$(printf '\033')
rlo=$(printf '\342\200\256')
bad() { grep -q -e "$esc" -e "$rlo" -e "$(printf '\302\233')" "$1"; }
od orders >"$T/o1" 2>&1; od orders --format csv >"$T/o2" 2>&1
for f in "$T/out" "$T/err" "$T/o1" "$T/o2"; do
	bad "$f" && not_ok "raw control sequence in $(basename "$f")" || ok "no raw control sequence in $(basename "$f")"
done
tail -n +2 "$T/hrej.csv" | awk -F'","' '{ print $NF }' >"$T/hreason"
bad "$T/hreason" && not_ok "raw control sequence in a rejects reason" || ok "rejects reasons are clean"
for n in $(q "SELECT order_no FROM orders WHERE channel_ref LIKE 'H-%'"); do
	od show "$n" >"$T/show" 2>&1
	bad "$T/show" && not_ok "raw control sequence in show $n" || ok "show $n is clean"
done
q "SELECT customer FROM orders WHERE channel_ref LIKE 'H-1%'" | grep -q "$esc" && ok "stored as given" || not_ok "hostile text altered in the store"
q "SELECT description FROM exceptions e JOIN orders o ON o.id = e.order_id WHERE o.channel_ref = 'H-2'" >"$T/hdesc"
bad "$T/hdesc" && not_ok "raw control sequence in an exception description" || ok "exception description is clean"
printf 'channel,order_ref,sku,qty\nEC,"\033[2J\342\200\256X",MUG-01,1\nEC,Y,"\n' >"$T/hostile-err.csv"
expect_status 65 "hostile text in an error" od import "$T/hostile-err.csv"
bad "$T/err" && not_ok "raw control sequence on stderr" || ok "stderr is clean"

# A profile file named by path: adding a channel is adding a file.
cat >"$T/myshop.profile" <<'PROF'
profile   myshop
channel   ST
delimiter semicolon
dates     dmy
zone      +01:00
require   order_ref sku qty
field order_ref  = Bestellnummer
field ordered_at = Datum
field customer   = Kunde
field phone      = Telefon
field address    = Strasse + PLZ + Ort
field sku        = Artikel
field qty        = Menge
field unit_price = Preis
PROF
printf 'Bestellnummer;Datum;Kunde;Telefon;Strasse;PLZ;Ort;Artikel;Menge;Preis\nM-1;05.11.2026 14:30;Uta Berg;+49 30 555 0101;Lindenweg 3;10115;Berlin;MUG-01;2;8,50\n' >"$T/myshop.csv"
expect_status 0 "a profile file by path" od import --profile "$T/myshop.profile" "$T/myshop.csv"
contains "$T/out" "profile myshop" "the profile file is used"
[ "$(q "SELECT channel || ' ' || ordered_at || ' ' || address || ' ' || total_cents FROM orders WHERE channel_ref = 'M-1'")" = "ST 1793885400 Lindenweg 3, 10115, Berlin 1700" ] \
	&& ok "its channel, zone, day-first dates, joined address and decimal commas" || not_ok "profile file: $(q "SELECT channel, ordered_at, address, total_cents FROM orders WHERE channel_ref = 'M-1'")"
printf 'profile broken\nfield nope = x\n' >"$T/broken.profile"
expect_status 64 "a broken profile file" od import --profile "$T/broken.profile" "$T/myshop.csv"
contains "$T/err" "line 2: unknown field nope" "the broken line is named"

# Standard input, profiles, channels, roles and usage.
expect_status 0 "standard input" sh -c "'$ORDESK' --db '$DB' import - <'$D/woocommerce-export.csv'"
contains "$T/out" "<stdin>: 2 rows read" "stdin named"
expect_status 0 "--profile and --channel" od import --profile amazon --channel DS "$D/amazon-unshipped.txt"
[ "$(q "SELECT count(*) FROM orders WHERE channel = 'DS' AND channel_ref LIKE '114-%'")" = 2 ] && ok "--channel DS used" || not_ok "--channel ignored"
q "SELECT order_no FROM orders WHERE channel = 'DS'" | grep -q -- '-DS-0001$' && ok "order numbers carry the channel" || not_ok "order number channel"
expect_status 65 "wrong --profile for the header" od import --profile jd "$D/shopify-orders.csv"
contains "$T/err" "lacks columns the jd profile needs" "wrong profile named"
expect_status 64 "unknown profile" od import --profile nope "$D/shopify-orders.csv"
contains "$T/err" "unknown profile nope" "unknown profile named"
expect_status 64 "bad --channel" od import --channel e1 "$D/shopify-orders.csv"
expect_status 64 "no file" od import
expect_status 64 "stdin twice" od import - -
expect_status 74 "missing file" od import "$T/nope.csv"
expect_status 65 "one bad file among good ones" od import "$D/woocommerce-export.csv" "$D/odd-empty.csv"
contains "$T/out" "woocommerce-export.csv" "the good file is still imported"
# A big file: past 20,000 new orders the import builds its scattered indexes
# once at the end; the store then has the indexes of a fresh one, complete.
BIG=$T/big.db
"$ORDESK" --db "$BIG" init >/dev/null 2>&1
"$ORDESK" --db "$BIG" stock import "$D/catalog.csv" >/dev/null
sqlite3 "$BIG" "SELECT name, sql FROM sqlite_schema WHERE type = 'index' ORDER BY name" >"$T/big.indexes.before"
awk 'BEGIN { print "channel,order_ref,ordered_at,customer,tier,phone,address,sku,qty,unit_price,type,flags,note"
             for (i = 1; i <= 24000; i++)
                 printf "%s,BIG-%d,2026-11-16 08:00,Customer %d,,+44 20 7946 %04d,\"%d Road, Leeds\",MUG-01,%d,8.50,,,\n",
                        (i % 3 ? "EC" : "ST"), i, i % 997, i % 10000, i, 1 + i % 4 }' >"$T/big.csv"
expect_status 0 "24,000 orders in one file" "$ORDESK" --db "$BIG" import "$T/big.csv"
contains "$T/out" "24000 new" "all of them new"
sqlite3 "$BIG" "SELECT name, sql FROM sqlite_schema WHERE type = 'index' ORDER BY name" >"$T/big.indexes.after"
cmp -s "$T/big.indexes.before" "$T/big.indexes.after" && ok "the same indexes as before the import" || not_ok "the indexes differ after a big import"
[ "$(sqlite3 "$BIG" "PRAGMA integrity_check")" = ok ] && ok "every index holds every row (integrity_check)" || not_ok "integrity_check after a big import"
expect_status 0 "the big store passes check" "$ORDESK" --db "$BIG" check
[ "$(sqlite3 "$BIG" "SELECT count(*) FROM orders INDEXED BY orders_customer WHERE customer = 'Customer 5'")" = 25 ] \
	&& ok "the rebuilt customer index answers" || not_ok "the rebuilt customer index"

# ASCII past the 64 KiB the encoding is guessed from, then a Windows-1252
# name (an Amazon report declared UTF-8): read as Windows-1252, not refused.
awk 'BEGIN { print "channel,order_ref,ordered_at,customer,tier,phone,address,sku,qty,unit_price,type,flags,note"
             for (i = 1; i <= 900; i++)
                 printf "EC,LATE-%d,2026-11-16 08:00,Customer %d,,+44 20 7946 %04d,\"%d Road, Leeds\",MUG-01,1,8.50,,,\n", i, i, i, i
             printf "EC,LATE-901,2026-11-16 08:00,Jos\351 Mart\355nez,,+44 20 7946 0901,\"1 Rue de Li\350ge, Paris\",MUG-01,1,8.50,,,\n" }' \
	>"$T/late1252.csv"
[ "$(wc -c <"$T/late1252.csv")" -gt 65536 ] && ok "the late byte is past the sniffed 64 KiB" || not_ok "late1252.csv too short"
expect_status 0 "a late Windows-1252 byte after ASCII" od import "$T/late1252.csv"
contains "$T/out" "901 new" "late Windows-1252: every order"
contains "$T/out" "(windows-1252)" "late Windows-1252: the summary names the encoding"
[ "$(q "SELECT customer || ' / ' || address FROM orders WHERE channel_ref = 'LATE-901'")" = "José Martínez / 1 Rue de Liège, Paris" ] \
	&& ok "late Windows-1252: decoded" || not_ok "late Windows-1252: $(q "SELECT customer FROM orders WHERE channel_ref = 'LATE-901'")"
{ printf 'channel,order_ref,ordered_at,customer,tier,phone,address,sku,qty,unit_price,type,flags,note\nEC,MIX-0,2026-11-16 08:00,Zo\303\253,,+44 20 7946 0001,"1 Road, Leeds",MUG-01,1,8.50,,,\n'
  tail -n +2 "$T/late1252.csv" | sed 's/LATE-/MIX-/'; } >"$T/mixed.csv"
sqlite3 "$DB" .dump >"$T/before"
expect_status 65 "UTF-8 first, Windows-1252 later" od import "$T/mixed.csv"
contains "$T/err" "mixed.csv:903:" "two encodings in one file: the line of the first bad byte"
sqlite3 "$DB" .dump >"$T/after"
cmp -s "$T/before" "$T/after" && ok "two encodings in one file: nothing written" || not_ok "a file of two encodings changed the store"

q "UPDATE users SET role = 'viewer'"
expect_status 77 "a viewer may not import" od import "$D/woocommerce-export.csv"
expect_status 77 "a viewer may not import stock" od stock import "$D/catalog.csv"
finish
