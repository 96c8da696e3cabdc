#!/bin/sh
# Import: 1,000,000 line-item rows in the generic format (about 500,000
# orders) through `ordesk import`, next to sqlite3's own .import of the same
# file into a bare table (on disk and in memory), in the same run.  Prints
# wall and CPU times, the ratio to sqlite3's on-disk import, and ordesk's
# peak memory, and the store's floor: the same rows copied by SQL alone into
# an empty store with ordesk's schema and indexes.  Then the flagged export:
# the same file into a store without the product catalogue, where every SKU
# is unknown and every order gets a needs_info, in the same run.  Targets: at
# most 2x sqlite3's time, the flagged import at most 1.5x the clean one,
# under 64 MiB.  Asserts nothing.  IMPORT_ROWS changes the size.
set -u
: "${ORDESK:?}" "${BENCH_DIR:?}"
ROWS=${IMPORT_ROWS:-1000000}
D=$BENCH_DIR/b30
rm -rf "$D" && mkdir -p "$D"
export ORDESK_NOW="2026-11-16 09:00" TZ=UTC

# One to three lines per order, 1,000 SKUs, a phone and address per order.
awk -v rows="$ROWS" 'BEGIN {
	srand(7)
	print "channel,order_ref,ordered_at,customer,tier,phone,address,sku,qty,unit_price,type,flags,note"
	n = 0; o = 0
	while (n < rows) {
		o++; k = 1 + int(rand() * 3); if (n + k > rows) k = rows - n
		ch = (o % 10 == 0) ? "DS" : (o % 7 == 0 ? "ST" : "EC")
		ts = sprintf("2026-11-%02d %02d:%02d", 1 + o % 15, o % 24, o % 60)
		for (i = 0; i < k; i++) {
			printf "%s,B-%07d,%s,Customer %d,%s,+86 138 %04d %04d,\"%d Bench Road, District %d, Shanghai\",SKU-%04d,%d,%d.%02d,sale,,\n",
			       ch, o, ts, o, (o % 50 == 0 ? "gold" : ""), o % 10000, int(o / 10000), o % 900, o % 30,
			       int(rand() * 1000), 1 + int(rand() * 5), int(rand() * 200), int(rand() * 100)
			n++
		}
	}
}' >"$D/orders.csv"
awk 'BEGIN { print "sku,name,warehouse,on_hand,safety_stock"
             for (i = 0; i < 1000; i++) printf "SKU-%04d,Bench item %d,MAIN,100000,10\n", i, i }' >"$D/catalog.csv"
echo "file: $ROWS rows, $(wc -c <"$D/orders.csv" | awk '{ printf "%.1f MB", $1 / 1e6 }')"

# run LABEL CMD...: runs CMD, prints "LABEL wall user+sys peakKiB" into $D/times.
HAVE_TIME=0
[ -x /usr/bin/time ] && /usr/bin/time -f x true 2>/dev/null && HAVE_TIME=1
run() {
	label=$1; shift
	# the kernel writes out what the run before left behind first: it would
	# otherwise slow whichever run comes next
	sync
	if [ $HAVE_TIME -eq 1 ]; then
		/usr/bin/time -f "$label %e %U %S %M" -o "$D/t.$label" "$@" >"$D/out.$label" 2>&1
		# (the last line: GNU time puts a line about a failed command first)
		tail -n 1 "$D/t.$label" | awk '{ printf "%s %s %.2f %s\n", $1, $2, $3 + $4, $5 }' >>"$D/times"
	else
		# No GNU time: wall clock from date, peak memory from /proc VmHWM while it runs.
		t0=$(date +%s.%N)
		"$@" >"$D/out.$label" 2>&1 &
		pid=$!; peak=0
		while kill -0 $pid 2>/dev/null; do
			v=$(awk '/^VmHWM/ { print $2 }' /proc/$pid/status 2>/dev/null)
			[ -n "$v" ] && [ "$v" -gt "$peak" ] && peak=$v
			sleep 0.05
		done
		wait $pid
		t1=$(date +%s.%N)
		echo "$label $(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.2f", b - a }') - $peak" >>"$D/times"
	fi
}

rm -f "$D/times"
run sqlite3-file sqlite3 "$D/bare.db" ".mode csv" ".import $D/orders.csv bare"
run sqlite3-memory sqlite3 :memory: ".mode csv" ".import $D/orders.csv bare"
"$ORDESK" --db "$D/store.db" init >/dev/null
"$ORDESK" --db "$D/store.db" stock import "$D/catalog.csv" >/dev/null
run ordesk "$ORDESK" --db "$D/store.db" import "$D/orders.csv"
sed 's/^/  /' "$D/out.ordesk"
"$ORDESK" --db "$D/store.db" check >/dev/null && echo "  check: the store's invariants hold" || echo "  check FAILED"

# The flagged export: no catalogue, so every order is flagged (unknown SKUs).
"$ORDESK" --db "$D/flagged.db" init >/dev/null
run ordesk-flagged "$ORDESK" --db "$D/flagged.db" import "$D/orders.csv"
sed 's/^/  /' "$D/out.ordesk-flagged"
"$ORDESK" --db "$D/flagged.db" check >/dev/null && echo "  check: the flagged store's invariants hold" ||
	echo "  check of the flagged store FAILED"

# The store's floor: the rows the import stored (orders, lines, events),
# copied by SQL alone into an empty store with ordesk's schema, the indexes
# built after the copy, in one transaction, with the import's cache and
# sorting settings.  No parsing, cleaning, lookup or rule: what any import
# into this schema costs at least, next to what sqlite3 pays for a bare table.
"$ORDESK" --db "$D/floor.db" init >/dev/null
tables="'orders', 'order_lines', 'events'"
{
	echo "PRAGMA synchronous = NORMAL; PRAGMA cache_size = -6144; PRAGMA threads = 1;"
	echo "ATTACH '$D/store.db' AS imported;"
	sqlite3 "$D/floor.db" "SELECT 'DROP INDEX ' || name || ';' FROM sqlite_schema
	                       WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN ($tables)"
	echo "BEGIN IMMEDIATE;"
	# (a new store's first events are already in both)
	for t in orders order_lines events; do
		echo "INSERT INTO main.$t SELECT * FROM imported.$t WHERE id > (SELECT coalesce(max(id), 0) FROM main.$t);"
	done
	sqlite3 "$D/floor.db" "SELECT sql || ';' FROM sqlite_schema
	                       WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN ($tables)"
	echo "COMMIT;"
} >"$D/floor.sql"
run store-floor sqlite3 "$D/floor.db" ".read $D/floor.sql"
[ "$(sqlite3 "$D/floor.db" "SELECT count(*) FROM orders")" = "$(sqlite3 "$D/store.db" "SELECT count(*) FROM orders")" ] ||
	echo "  store floor: the copy FAILED ($(cat "$D/out.store-floor"))"

awk '{ wall[$1] = $2; cpu[$1] = $3; rss[$1] = $4 }
END {
	printf "%-16s %10s %10s %12s\n", "", "wall s", "cpu s", "peak MiB"
	for (k in wall) if (k != "ordesk" && k != "ordesk-flagged") printf "%-16s %10s %10s %12.1f\n", k, wall[k], cpu[k], rss[k] / 1024
	printf "%-16s %10s %10s %12.1f\n", "ordesk import", wall["ordesk"], cpu["ordesk"], rss["ordesk"] / 1024
	printf "%-16s %10s %10s %12.1f\n", "  flagged", wall["ordesk-flagged"], cpu["ordesk-flagged"],
	       rss["ordesk-flagged"] / 1024
	printf "ratio to sqlite3 .import on disk: %.1fx wall", wall["ordesk"] / wall["sqlite3-file"]
	if (cpu["sqlite3-file"] != "-" && cpu["sqlite3-file"] > 0)
		printf ", %.1fx cpu", cpu["ordesk"] / cpu["sqlite3-file"]
	printf " (target: at most 2x)\n"
	printf "store floor (SQL copy of the stored rows into an empty store, indexes after): %.1fx sqlite3 .import; ordesk import %.1fx the floor\n",
	       wall["store-floor"] / wall["sqlite3-file"], wall["ordesk"] / wall["store-floor"]
	printf "flagged export (no catalogue, every order needs_info): %.2fx the clean import wall (target: at most 1.5x)\n",
	       wall["ordesk-flagged"] / wall["ordesk"]
	printf "ordesk peak memory: %.1f MiB, flagged %.1f MiB (target: under 64 MiB)\n", rss["ordesk"] / 1024,
	       rss["ordesk-flagged"] / 1024
}' "$D/times"
[ -n "${BENCH_KEEP:-}" ] || rm -f "$D/orders.csv" "$D/bare.db" "$D"/store.db* "$D"/floor.db* "$D"/flagged.db*
