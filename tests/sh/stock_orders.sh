# Helpers for the stock shell tests and benches (sourced; not a test itself).
# make_orders DB FIRST COUNT SKU QTY [WAREHOUSE]: inserts orders FIRST..FIRST+COUNT-1 in
# review, numbered 20261116-EC-NNNN, one line of QTY x SKU each.  Priority classes
# cycle low, normal, high, urgent by number; the score is the number modulo 7; a
# higher number was received later.  Straight into the schema with the sqlite3 shell.
# recount DB (lib.sh's in the tests): the benches that source this file do
# not source lib.sh, so it is defined here when missing.
if ! command -v recount >/dev/null 2>&1; then
	_STOCK_RECOUNT=$(cd "$(dirname "$0")/../sh" && pwd)/recount.sql
	recount() { sqlite3 -batch "${1:-$DB}" <"$_STOCK_RECOUNT"; }
fi

make_orders() {
	_db=$1; _first=$2; _count=$3; _sku=$4; _qty=$5; _wh=${6:-MAIN}
	sqlite3 "$_db" <<SQL
PRAGMA foreign_keys = ON;
BEGIN IMMEDIATE;
WITH RECURSIVE n(i) AS (SELECT $_first UNION ALL SELECT i + 1 FROM n WHERE i < $_first + $_count - 1)
INSERT INTO orders (order_no, channel, channel_ref, source, stage, priority, prio_rank, score,
                    ordered_at, received_at, stage_at, customer, phone, address, warehouse,
                    lines, items, total_cents, t_review)
SELECT printf('20261116-EC-%04d', i), 'EC', 'T' || i, 'test', 'review',
       CASE i % 4 WHEN 0 THEN 'low' WHEN 1 THEN 'normal' WHEN 2 THEN 'high' ELSE 'urgent' END,
       CASE i % 4 WHEN 0 THEN 3 WHEN 1 THEN 2 WHEN 2 THEN 1 ELSE 0 END,
       i % 7, 1763280000 + i, 1763280000 + i, 1763283000, 'Customer ' || i, '+86 138 0000 0000',
       'Road ' || i, '$_wh', 1, $_qty, 1000, 1763283000
FROM n;
INSERT INTO order_lines (order_id, line_no, sku, qty, unit_price_cents)
SELECT id, 1, '$_sku', $_qty, 1000 FROM orders
 WHERE source = 'test' AND NOT EXISTS (SELECT 1 FROM order_lines l WHERE l.order_id = orders.id);
COMMIT;
SQL
	recount "$_db"
}

# order_no N: the number make_orders gave order N.
order_no() { printf '20261116-EC-%04d' "$1"; }

# q DB SQL: one value from the store.
q() { sqlite3 "$1" "$2"; }
