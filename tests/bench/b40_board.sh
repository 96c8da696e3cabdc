#!/bin/sh
# The board at 10k, 100k and 1M orders: first paint, key latency over a
# scripted run of 3,000 keys (in-process, from key read to finished repaint),
# resident memory, and what an idle board costs.  Prints, never asserts.
# Targets (issue 4): first paint < 150 ms and within 1.5x the demo store's
# (1,500 orders); key p99 < 10 ms; RSS < 40 MiB.  Wall-clock latencies include
# waiting for the CPU on a busy machine; the CPU figures are what a key costs.
. "$(dirname "$0")/lib.sh"
export TZ=UTC LC_ALL=C.UTF-8

# 30 keys: down and up a column, across the board, pages, ends, an order opened and closed.
pattern="j j j j j k k l j j Enter q l PgDn PgDn PgUp End Home h h j Enter j q l l l End h Home"
keys=""
i=0
while [ $i -lt 100 ]; do keys="$keys $pattern"; i=$((i + 1)); done

timing() {  # DB KEYS: prints the timing line of a scripted run
	ORDESK_TIMING=1 ORDESK_KEYS="$2" ORDESK_SIZE=120x40 "$ORDESK" --db "$1" board 2>&1 >/dev/null |
		grep '^timing:'
}
field() { echo "$1" | tr ' ' '\n' | sed -n "s/^$2=//p"; }

# paint DB: first paint of DB and of the demo store, opened in turns
# (demo, DB, demo, DB, ...) PAINT_RUNS times each so that drift in the
# machine's speed (frequency, neighbours) falls on both alike; prints the
# medians: DB wall ms, DB CPU ms, demo wall ms, demo CPU ms.
PAINT_RUNS=${PAINT_RUNS:-31}
median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
paint() {
	: >"$BENCH_DIR/paint.db"; : >"$BENCH_DIR/paint.demo"
	_i=0
	while [ $_i -lt "$PAINT_RUNS" ]; do
		l=$(timing "$base_db" q); echo "$(field "$l" first_paint_ms) $(field "$l" first_paint_cpu_ms)" >>"$BENCH_DIR/paint.demo"
		l=$(timing "$1" q); echo "$(field "$l" first_paint_ms) $(field "$l" first_paint_cpu_ms)" >>"$BENCH_DIR/paint.db"
		_i=$((_i + 1))
	done
	echo "$(cut -d' ' -f1 "$BENCH_DIR/paint.db" | median)" "$(cut -d' ' -f2 "$BENCH_DIR/paint.db" | median)" \
	     "$(cut -d' ' -f1 "$BENCH_DIR/paint.demo" | median)" "$(cut -d' ' -f2 "$BENCH_DIR/paint.demo" | median)"
}
ratio() { echo "$1 $2" | awk '{ printf "%.2f", ($2 > 0 ? $1 / $2 : 0) }'; }

base_db=$(bench_store 1500)
echo "machine: $(nproc) cores, load $(cut -d' ' -f1 /proc/loadavg)"
echo "first paint at 120x40: medians of $PAINT_RUNS opens of each store, taken in turns with the demo store (1,500 orders)"
for n in 10000 100000 1000000; do
	db=$(bench_store $n) || { echo "no demo store of $n orders"; continue; }
	set -- $(paint "$db"); fp=$1; fp_cpu=$2; base=$3; base_cpu=$4
	t0=$(bench_clock)
	ORDESK_KEYS=q ORDESK_SIZE=120x40 "$ORDESK" --db "$db" board >/dev/null 2>&1
	t1=$(bench_clock)
	line=$(timing "$db" "$keys")
	rss=$(field "$line" rss_kib)
	printf '%8d orders: first paint %s ms (demo store %s ms: %sx), CPU %s ms (demo %s ms: %sx), open and quit %s s; ' \
		"$n" "$fp" "$base" "$(ratio "$fp" "$base")" "$fp_cpu" "$base_cpu" "$(ratio "$fp_cpu" "$base_cpu")" "$(bench_secs "$t0" "$t1")"
	printf 'keys %s: wall p50 %s ms p99 %s ms max %s ms, CPU p50 %s ms p99 %s ms max %s ms; RSS %s MiB\n' \
		"$(field "$line" keys)" \
		"$(field "$line" key_p50_ms)" "$(field "$line" key_p99_ms)" "$(field "$line" key_max_ms)" \
		"$(field "$line" key_cpu_p50_ms)" "$(field "$line" key_cpu_p99_ms)" "$(field "$line" key_cpu_max_ms)" \
		"$(echo "$rss" | awk '{ printf "%.1f", $1 / 1024 }')"
done

# Idle: the real board in tmux for 10 s on the largest store, the clock running.
if command -v tmux >/dev/null 2>&1; then
	db=$(bench_store 1000000)
	sock="odb$$"
	tmux -L "$sock" -f /dev/null new-session -d -s idle -x 120 -y 40 \
		env -u ORDESK_NOW TZ=UTC LC_ALL=C.UTF-8 TERM=xterm-256color "$ORDESK" --db "$db" board
	sleep 8   # past the first tick's sweep (the exceptions work runs it once a minute)
	pid=$(tmux -L "$sock" display-message -p -t idle '#{pane_pid}')
	tmux -L "$sock" pipe-pane -t idle "cat > $BENCH_DIR/idle.out"
	cpu0=$(awk '{ print $14 + $15 }' /proc/$pid/stat)
	sleep 10
	cpu1=$(awk '{ print $14 + $15 }' /proc/$pid/stat)
	tmux -L "$sock" kill-server
	hz=$(getconf CLK_TCK)
	echo "idle board on 1,000,000 orders for 10 s (a minute may turn in it: reload, sweep, clock): CPU $(echo "$cpu0 $cpu1 $hz" |
		awk '{ printf "%.0f", ($2 - $1) * 1000 / $3 }') ms, $(wc -c < "$BENCH_DIR/idle.out") bytes to the terminal" \
		"(polls data_version once a second; redraws when the minute turns)"
fi
