#!/bin/sh
# The sweep on demo stores of 100k and 1M orders: the first run raises the
# backlog of breaches (and their escalations), the next runs find nothing
# new; both read overdue orders through the orders_due index.  Runs on a
# copy, so the other benches keep their stores.  Prints, never asserts.
. "$(dirname "$0")/lib.sh"

for n in 100000 1000000; do
	db=$(bench_store $n) || { echo "no demo store of $n orders"; continue; }
	copy="$BENCH_DIR/sweep-$n.db"
	rm -f "$copy" "$copy-wal" "$copy-shm"
	sqlite3 "$db" ".backup '$copy'" || { echo "cannot copy the $n-order store"; continue; }
	t0=$(bench_clock)
	first=$("$ORDESK" --db "$copy" sweep 2>&1)
	t1=$(bench_clock)
	"$ORDESK" --db "$copy" sweep >/dev/null 2>&1
	t2=$(bench_clock)
	again=$("$ORDESK" --db "$copy" sweep 2>&1)
	t3=$(bench_clock)
	echo "$n orders: first sweep $(bench_secs "$t0" "$t1") s ($first)"
	echo "$n orders: sweeps with nothing new $(bench_secs "$t1" "$t2") s, $(bench_secs "$t2" "$t3") s ($again)"
	rm -f "$copy" "$copy-wal" "$copy-shm"
done
