#!/bin/sh
# One limit per kind of text and one check per field, whichever path a value
# takes: free text (reasons, actions, notes) at most 4096 bytes everywhere;
# dates within the years every reader accepts; settings as their message says.
. "$(dirname "$0")/lib.sh"
D=$(cd "$(dirname "$0")/../data/import" && pwd)
export ORDESK_NOW="2026-11-16 09:00"
q() { sqlite3 "$DB" "$1"; }

od init >/dev/null
od stock import "$D/catalog.csv" >/dev/null
od import "$D/generic-multiline.csv" >/dev/null
n1=$(q "SELECT order_no FROM orders ORDER BY id LIMIT 1")
n2=$(q "SELECT order_no FROM orders ORDER BY id LIMIT 1 OFFSET 1")
n3=$(q "SELECT order_no FROM orders ORDER BY id LIMIT 1 OFFSET 2")
max=$(head -c 4096 /dev/zero | tr '\0' 'x')
over=$(head -c 4097 /dev/zero | tr '\0' 'x')
huge=$(head -c 122880 /dev/zero | tr '\0' 'y')

# --- free text: the same limit on every path --------------------------------
expect_status 64 "exception raise: a 4097-byte note refused" od exception raise "$n1" customer_change --note "$over"
contains "$T/err" "at most 4096 bytes" "the refusal names the limit"
expect_status 0 "exception raise: a 4096-byte note taken" od exception raise "$n1" customer_change --note "$max"
id=$(q "SELECT max(id) FROM exceptions")
expect_status 64 "exception resolve: a 4097-byte action refused" od exception resolve "$id" --cause customer --action "$over"
expect_status 0 "exception resolve: a 4096-byte action taken" od exception resolve "$id" --cause customer --action "$max"
expect_status 64 "stock adjust: a 120 KB reason refused" od stock adjust MUG-01 +1 --reason "$huge"
expect_status 64 "stock receive: a 120 KB note refused" od stock receive MUG-01 1 --note "$huge"
expect_status 64 "back: a 120 KB reason refused" od back "$n2" --reason "$huge"
expect_status 64 "cancel: a 120 KB reason refused" od cancel "$n2" --reason "$huge"
expect_status 64 "review add: a 120 KB action refused" od review add --week 2026-W46 --cause carrier --action "$huge" --owner "$(id -un)" --due 2026-11-20
expect_status 1 "edit: a 4097-byte note refused" od edit "$n3" note="$over"
contains "$T/err" "longer than 4096 bytes" "edit names the same limit"
expect_status 0 "edit: a 4096-byte note taken" od edit "$n3" note="$max"
longest=$(q "SELECT max(length(why)) FROM events")
check "no event holds more than 4096 bytes of text ($longest)" [ "$longest" -le 4096 ]

# --- dates: edit takes what import takes ------------------------------------
expect_status 1 "edit ordered_at=9999-12-31 refused, as the import refuses it" od edit "$n3" ordered_at="9999-12-31 10:00"
expect_status 1 "edit ordered_at=1899-12-31 refused" od edit "$n3" ordered_at="1899-12-31 10:00"
expect_status 0 "edit ordered_at=2026-11-15 taken" od edit "$n3" ordered_at="2026-11-15 10:00"
printf 'channel,order_ref,ordered_at,customer,tier,phone,address,sku,qty,unit_price,type,flags,note\r\nEC,Y-1,9999-12-31 10:00,Jo Bright,,+44 20 7946 0000,"1 Test Road, Leeds",MUG-01,1,8.50,,,\r\n' >"$T/y.csv"
od import "$T/y.csv" >/dev/null
check "the import flags 9999-12-31 too" [ "$(q "SELECT exc_kinds FROM orders WHERE channel_ref = 'Y-1'")" = needs_info ]
expect_status 64 "review add: a due date in year 9999 refused" od review add --week 2026-W46 --cause carrier --action x --owner "$(id -un)" --due 9999-12-31

# --- settings: the rule the message states ----------------------------------
expect_status 64 "config set score.w_tier 0 refused (a positive number)" od config set score.w_tier 0
contains "$T/err" "positive number" "the refusal says a positive number"
expect_status 64 "config set surge.factor 0 refused" od config set surge.factor 0
expect_status 64 "config set score.w_value -1 refused" od config set score.w_value -1
expect_status 0 "config set score.w_tier 0.5 taken" od config set score.w_tier 0.5

# --- screen sizes: clamped before ncurses sees them ---------------------------
ORDESK_KEYS="resize:32768x10 resize:100x30 q" od board >/dev/null 2>"$T/err"
rc=$?
check "a scripted resize to 32768 columns does not crash (exit $rc)" [ "$rc" -eq 0 ]
if [ -x /usr/bin/time ]; then
	ORDESK_KEYS=q ORDESK_SIZE=5000x5000 /usr/bin/time -f "%M" -o "$T/rss" "$ORDESK" --db "$DB" board >/dev/null 2>&1
	rss=$(tail -1 "$T/rss")
	check "a 5000x5000 board stays under 200 MB (${rss} KB)" [ "$rss" -lt 204800 ]
else
	echo "# skipped: /usr/bin/time is missing, the memory of a 5000x5000 board is not measured"
fi
finish
