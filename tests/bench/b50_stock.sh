#!/bin/sh
# Stock: a receipt that re-allocates 10,000 waiting orders (target: within 2 s),
# and lock throughput through the command line for one process and for 8
# processes contending for 10 SKUs.  Prints figures; asserts nothing.
set -u
: "${ORDESK:?}" "${BENCH_DIR:?}"
. "$(dirname "$0")/../sh/stock_orders.sh"
export ORDESK_NOW="2026-11-16 09:00"
D=$BENCH_DIR/b50
rm -rf "$D" && mkdir -p "$D"
now() { date +%s.%N; }
span() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", b - a }'; }

# 1. One receipt, 10,000 orders waiting on stock_short.
DB=$D/receipt.db
"$ORDESK" --db "$DB" init >/dev/null
make_orders "$DB" 1 10000 BENCH 1
sqlite3 "$DB" "INSERT INTO exceptions (order_id, kind, stage, opened_at, opened_by, description)
               SELECT id, 'stock_short', 'review', 1763283000, 'bench', 'BENCH needs 1, 0 available'
               FROM orders WHERE source = 'test'"
t0=$(now)
if [ -x /usr/bin/time ]; then
	out=$(/usr/bin/time -f 'cpu %U s user + %S s system' -o "$D/cpu" "$ORDESK" --db "$DB" stock receive BENCH 10000 2>&1)
else
	out=$("$ORDESK" --db "$DB" stock receive BENCH 10000 2>&1); echo "cpu not measured" >"$D/cpu"
fi
t1=$(now)
echo "receipt re-allocating 10000 waiting orders: $(span "$t0" "$t1") s wall, $(cat "$D/cpu") (target 2 s; load average $(cut -d' ' -f1 /proc/loadavg) on $(nproc) cores)"
echo "  $out"
"$ORDESK" --db "$DB" check >/dev/null && echo "  check: ok" || echo "  check: FAILED"

# 2. Lock throughput, one process after the other: 500 orders over 10 SKUs.
DB=$D/lock1.db
"$ORDESK" --db "$DB" init >/dev/null
k=0; while [ $k -lt 10 ]; do
	make_orders "$DB" $((k * 50 + 1)) 50 "S$k" 1
	"$ORDESK" --db "$DB" stock receive "S$k" 1000 >/dev/null
	k=$((k + 1))
done
t0=$(now)
i=1; while [ $i -le 500 ]; do "$ORDESK" --db "$DB" lock "$(order_no $i)" >/dev/null; i=$((i + 1)); done
t1=$(now)
echo "lock, 1 process: 500 locks in $(span "$t0" "$t1") s = $(awk -v s="$(span "$t0" "$t1")" 'BEGIN { printf "%.0f", 500 / s }') locks/s (each an ordesk process)"
echo "(every lock is a committed transaction with synchronous=FULL: one fsync each, plus a process start)"
t2=$(now)
i=1; while [ $i -le 100 ]; do "$ORDESK" --db "$DB" stock list --search S0 >/dev/null; i=$((i + 1)); done
t3=$(now)
echo "  for scale: a read-only ordesk process (stock list) takes $(awk -v s="$(span "$t2" "$t3")" 'BEGIN { printf "%.1f", s * 10 }') ms"

# 3. 8 processes contending for 10 SKUs: 1000 orders, stock for 750 of them.
DB=$D/lock8.db
"$ORDESK" --db "$DB" init >/dev/null
k=0; while [ $k -lt 10 ]; do
	make_orders "$DB" $((k * 100 + 1)) 100 "S$k" 1
	"$ORDESK" --db "$DB" stock receive "S$k" 75 >/dev/null
	k=$((k + 1))
done
t0=$(now)
for p in 0 1 2 3 4 5 6 7; do
	( i=$((p + 1)); while [ $i -le 1000 ]; do
		"$ORDESK" --db "$DB" lock "$(order_no $i)" >/dev/null 2>&1; echo $? >>"$D/rc.$p"; i=$((i + 8)); done ) &
done
wait
t1=$(now)
s=$(span "$t0" "$t1")
won=$(cat "$D"/rc.* | grep -c '^0$'); short=$(cat "$D"/rc.* | grep -c '^1$'); other=$(cat "$D"/rc.* | grep -vc '^[01]$')
echo "lock, 8 processes on 10 SKUs: 1000 attempts in $s s = $(awk -v s="$s" 'BEGIN { printf "%.0f", 1000 / s }') attempts/s; $won locked, $short short, $other other"
"$ORDESK" --db "$DB" check >/dev/null && echo "  check: ok" || echo "  check: FAILED"
