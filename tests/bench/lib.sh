# Shared by the benches.  bench_store N prints the path of a demo store of N
# orders in $BENCH_DIR, building it once per bench run (seed 1, clock pinned).
BENCH_NOW=${BENCH_NOW:-2026-11-20 10:00}
export ORDESK_NOW="$BENCH_NOW"

bench_store() {
	_db="$BENCH_DIR/demo-$1.db"
	if [ ! -f "$_db" ]; then
		"$ORDESK" --db "$_db" demo --orders "$1" --seed 1 >/dev/null || return 1
		# the kernel writes a new store out in the background for a while,
		# slowing what is measured next: let it finish first
		sync
	fi
	echo "$_db"
}

# Seconds since the epoch with nanoseconds, for timing.
bench_clock() { date +%s.%N; }
bench_secs() { echo "$1 $2" | awk '{ printf "%.3f", $2 - $1 }'; }
