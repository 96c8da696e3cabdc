#!/bin/sh
# How long building a million-order demo store takes, and how large it is.
. "$(dirname "$0")/lib.sh"
for n in 10000 100000 1000000; do
	db="$BENCH_DIR/demo-$n.db"
	rm -f "$db" "$db-wal" "$db-shm"
	t0=$(bench_clock)
	"$ORDESK" --db "$db" demo --orders "$n" --seed 1 >/dev/null || { echo "demo $n failed"; continue; }
	t1=$(bench_clock)
	size=$(du -k "$db" | awk '{ printf "%.1f", $1 / 1024 }')
	echo "demo --orders $n: $(bench_secs "$t0" "$t1") s, store $size MiB"
done
t0=$(bench_clock)
"$ORDESK" --db "$BENCH_DIR/demo-1000000.db" check >/dev/null
t1=$(bench_clock)
echo "check on 1,000,000 orders: $(bench_secs "$t0" "$t1") s"
