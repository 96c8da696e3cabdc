#!/bin/sh
# The weekly report over a store of 1,000,000 orders and 100,000 exceptions
# spread over five weeks (2026-W43 .. W47): prints how long each format
# takes (target: under a second).  The store is built with sqlite3 SQL so
# the bench measures the report, not the generator.
set -u
: "${ORDESK:?}" "${BENCH_DIR:?}"
N=${REPORT_ORDERS:-1000000}
NE=${REPORT_EXCEPTIONS:-100000}
DB=$BENCH_DIR/report.db
M0=1792368000                      # Monday 2026-10-19 00:00 UTC, 2026-W43
SPAN=3024000                       # five weeks in seconds
export TZ=UTC ORDESK_NOW=$((M0 + SPAN + 9 * 3600))

now() { date +%s.%N; }
since() { echo "$(now) $1" | awk '{ printf "%.3f", $1 - $2 }'; }

rm -f "$DB" "$DB-wal" "$DB-shm"
"$ORDESK" --db "$DB" init >/dev/null || { echo "init failed"; exit 1; }
t0=$(now)
sqlite3 -batch "$DB" <<SQL || { echo "building the store failed"; exit 1; }
PRAGMA synchronous = OFF;
BEGIN;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $N),
o(i, r, s) AS (SELECT i, $M0 + (i * ($SPAN / 1000)) / ($N / 1000), i % 20 FROM n)
INSERT INTO orders (order_no, channel, channel_ref, ordered_at, received_at, stage_at, stage,
                    promise_at, prev_on_time, carrier, customer,
                    t_review, t_locked, t_picking, t_shipped, t_transit, t_done, t_cancelled)
SELECT printf('B%07d-%s', i, CASE i % 3 WHEN 0 THEN 'EC' WHEN 1 THEN 'ST' ELSE 'DS' END),
       CASE i % 3 WHEN 0 THEN 'EC' WHEN 1 THEN 'ST' ELSE 'DS' END, 'R' || i, r, r, r,
       CASE WHEN s < 12 THEN 'done' WHEN s < 14 THEN 'transit' WHEN s = 14 THEN 'shipped'
            WHEN s = 15 THEN 'picking' WHEN s = 16 THEN 'locked' WHEN s = 17 THEN 'review'
            WHEN s = 18 THEN 'new' ELSE 'cancelled' END,
       r + 172800, (i % 5) < 3, CASE i % 4 WHEN 0 THEN 'SF' WHEN 1 THEN 'YTO' WHEN 2 THEN 'ZTO' ELSE 'EMS' END,
       'Customer ' || (i % 5000),
       CASE WHEN s <= 17 THEN r + 600 ELSE 0 END,
       CASE WHEN s <= 16 THEN r + 1200 ELSE 0 END,
       CASE WHEN s <= 15 THEN r + 1800 ELSE 0 END,
       CASE WHEN s <= 14 THEN r + 10800 + (i % 7) * 3600 + (i % 53 = 0) * 172800 ELSE 0 END,
       CASE WHEN s <= 13 THEN r + 12600 + (i % 7) * 3600 + (i % 53 = 0) * 172800 ELSE 0 END,
       CASE WHEN s < 12 THEN r + 99000 + (i % 7) * 3600 + (i % 5) * 28800 + (i % 53 = 0) * 172800 ELSE 0 END,
       CASE WHEN s = 19 THEN r + 7200 ELSE 0 END
  FROM o;
WITH RECURSIVE n(j) AS (SELECT 1 UNION ALL SELECT j + 1 FROM n WHERE j < $NE),
e(j, oid, t) AS (SELECT j, j * ($N / $NE) - (j % 7),
                 $M0 + ((j * ($N / $NE) - (j % 7)) * ($SPAN / 1000)) / ($N / 1000) + 1800 FROM n)
INSERT INTO exceptions (order_id, kind, stage, opened_at, opened_by, description, detail, status,
                        resolved_at, resolved_by, cause, action)
SELECT oid,
       CASE j % 6 WHEN 0 THEN 'needs_info' WHEN 1 THEN 'stock_short' WHEN 2 THEN 'logistics_delay'
                  WHEN 3 THEN 'sla_breach' WHEN 4 THEN 'customer_change' ELSE 'duplicate_suspect' END,
       CASE j % 4 WHEN 0 THEN 'new' WHEN 1 THEN 'review' WHEN 2 THEN 'picking' ELSE 'transit' END,
       t, 'clerk' || (j % 8), 'bench exception ' || j,
       CASE j % 6 WHEN 1 THEN 'SKU-' || (j % 50) || ':2:0;SKU-' || (j % 13) || ':1:0' ELSE '' END,
       CASE WHEN j % 5 = 0 THEN 'open' ELSE 'resolved' END,
       CASE WHEN j % 5 = 0 THEN NULL ELSE t + (j % 97) * 600 END,
       CASE WHEN j % 5 = 0 THEN NULL ELSE 'clerk' || (j % 11) END,
       CASE WHEN j % 5 = 0 THEN NULL ELSE
         CASE j % 9 WHEN 0 THEN 'data_entry' WHEN 1 THEN 'channel_data' WHEN 2 THEN 'stock_planning'
                    WHEN 3 THEN 'supplier' WHEN 4 THEN 'carrier' WHEN 5 THEN 'capacity'
                    WHEN 6 THEN 'customer' WHEN 7 THEN 'system' ELSE 'other' END END,
       CASE WHEN j % 5 = 0 THEN NULL ELSE 'fixed' END
  FROM e;
COMMIT;
ANALYZE;
SQL
# the stage counts and orders per channel and day, as the store's inserts keep them
sqlite3 -batch "$DB" <"$(dirname "$0")/../sh/recount.sql" || { echo "recounting failed"; exit 1; }
echo "store: $N orders, $NE exceptions over 2026-W43..W47 built in $(since "$t0") s"
# CPU seconds (user + system) the shell's children have used so far, into CPU
# (times must run in this shell, not in a command substitution).
cpu() {
	times >"$BENCH_DIR/times"
	CPU=$(awk 'NR == 2 { split($1, u, "m"); split($2, s, "m"); printf "%.3f", u[1] * 60 + u[2] + s[1] * 60 + s[2] }' "$BENCH_DIR/times")
}
# Best of three runs of each format, wall clock and CPU: a busy machine
# stretches the wall clock, the CPU time says what the report costs.
for f in txt csv md html; do
	best= bestcpu=
	for run in 1 2 3; do
		cpu; t0=$(now) c0=$CPU
		"$ORDESK" --db "$DB" report weekly --week 2026-W47 --format $f -o "$BENCH_DIR/report.$f" ||
			{ echo "report weekly --format $f failed"; break; }
		t=$(since "$t0"); cpu; c=$(echo "$CPU $c0" | awk '{ printf "%.3f", $1 - $2 }')
		best=$(echo "$t ${best:-$t}" | awk '{ print ($1 < $2) ? $1 : $2 }')
		bestcpu=$(echo "$c ${bestcpu:-$c}" | awk '{ print ($1 < $2) ? $1 : $2 }')
	done
	echo "report weekly --format $f: $best s wall, $bestcpu s CPU, best of 3  ($(wc -c <"$BENCH_DIR/report.$f") bytes; target < 1 s)"
done
t0=$(now)
"$ORDESK" --db "$DB" report daily --date 2026-11-20 -o "$BENCH_DIR/daily.txt" &&
	echo "report daily: $(since "$t0") s"
t0=$(now)
sqlite3 -batch "$DB" "SELECT count(*), sum(t_shipped <= promise_at) FROM orders
                      WHERE t_shipped >= $((M0 + 4 * 604800)) AND t_shipped < $((M0 + 5 * 604800))" >/dev/null
echo "reference: sqlite3 counting one week's shipments: $(since "$t0") s"
rm -f "$DB" "$DB-wal" "$DB-shm"
