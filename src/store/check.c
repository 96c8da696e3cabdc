/* The store's invariants, verified by ordesk check. */
#include "ordesk/store_check.h"
#include "ordesk/i18n.h"
#include "ordesk/store_board.h"

/* One invariant: a query that returns a row (with a description) when broken. */
struct invariant {
	const char *name;
	const char *sql;
};

/* The span of fresh slots the sweep keeps, as SQL text. */
#define STR_(x) #x
#define STR(x) STR_(x)
#define KEPT STR(STORE_FRESH_KEPT_SECONDS)

static const struct invariant invariants[] = {
	{ N_("stock locked equals the sum of its active locks"),
	  "SELECT s.sku || '@' || s.warehouse || ': locked ' || s.locked || ', active locks ' || "
	  "coalesce(l.q, 0) FROM stock s LEFT JOIN (SELECT sku, warehouse, sum(qty) q FROM stock_locks "
	  "WHERE state = 'active' GROUP BY sku, warehouse) l ON l.sku = s.sku AND l.warehouse = s.warehouse "
	  "WHERE s.locked <> coalesce(l.q, 0) LIMIT 1" },
	{ N_("active locks belong to stock rows"),
	  "SELECT l.sku || '@' || l.warehouse FROM stock_locks l LEFT JOIN stock s "
	  "ON s.sku = l.sku AND s.warehouse = l.warehouse WHERE l.state = 'active' AND s.sku IS NULL LIMIT 1" },
	{ N_("0 <= locked <= on hand"),
	  "SELECT sku || '@' || warehouse || ': on hand ' || on_hand || ', locked ' || locked FROM stock "
	  "WHERE locked < 0 OR locked > on_hand OR on_hand < 0 LIMIT 1" },
	{ N_("only orders in locked or picking hold active locks"),
	  "SELECT o.order_no || ' is ' || o.stage FROM stock_locks l JOIN orders o ON o.id = l.order_id "
	  "WHERE l.state = 'active' AND o.stage NOT IN ('locked', 'picking') LIMIT 1" },
	{ N_("orders in locked or picking hold a lock for every line"),
	  "SELECT o.order_no || ' line ' || l.line_no || ' ' || l.sku || ': ' || l.qty || ' wanted, ' || "
	  "coalesce(k.q, 0) || ' locked' FROM orders o JOIN order_lines l ON l.order_id = o.id "
	  "LEFT JOIN (SELECT line_id, sum(qty) q FROM stock_locks WHERE state = 'active' GROUP BY line_id) k "
	  "ON k.line_id = l.id WHERE o.stage IN ('locked', 'picking') AND l.qty <> coalesce(k.q, 0) LIMIT 1" },
	{ N_("stage counts match the orders"),
	  "SELECT c.stage || ': counted ' || c.n || ', actual ' || coalesce(o.n, 0) FROM stage_counts c "
	  "LEFT JOIN (SELECT stage, count(*) n, sum(open_exc > 0) r FROM orders GROUP BY stage) o "
	  "ON o.stage = c.stage WHERE c.n <> coalesce(o.n, 0) OR c.red <> coalesce(o.r, 0) LIMIT 1" },
	{ N_("orders per channel and day match the orders"),
	  "SELECT coalesce(o.channel, c.channel) || ' on day ' || coalesce(o.day, c.day) || ': counted ' || "
	  "coalesce(c.n, 0) || ', actual ' || coalesce(o.n, 0) FROM (SELECT channel, "
	  "CAST(julianday(received_at, 'unixepoch', 'localtime') - 2440587.5 AS INTEGER) day, count(*) n "
	  "FROM orders GROUP BY 1, 2) o FULL JOIN channel_days c ON c.channel = o.channel AND c.day = o.day "
	  "WHERE coalesce(c.n, 0) <> coalesce(o.n, 0) LIMIT 1" },
	{ N_("fresh slots match the orders"),
	  "SELECT coalesce(o.stage, f.stage) || ' at ' || coalesce(o.slot, f.slot) * 10 || ': counted ' || "
	  "coalesce(f.n, 0) || ', actual ' || coalesce(o.n, 0) FROM (SELECT stage, stage_at / 10 slot, "
	  "count(*) n FROM orders WHERE open_exc = 0 AND prev_on_time = 1 AND stage <> 'done' "
	  "AND stage <> 'cancelled' AND stage_at >= ?1 - " KEPT " GROUP BY 1, 2) o FULL JOIN "
	  "(SELECT * FROM fresh_counts WHERE slot >= (?1 - " KEPT ") / 10) f ON f.stage = o.stage "
	  "AND f.slot = o.slot "
	  "WHERE coalesce(f.n, 0) <> coalesce(o.n, 0) LIMIT 1" },
	{ N_("open exception counts match the exceptions"),
	  "SELECT o.order_no || ': counted ' || o.open_exc || ', actual ' || coalesce(e.n, 0) FROM orders o "
	  "LEFT JOIN (SELECT order_id, count(*) n FROM exceptions WHERE status = 'open' GROUP BY order_id) e "
	  "ON e.order_id = o.id WHERE o.open_exc <> coalesce(e.n, 0) LIMIT 1" },
	{ N_("open exception kinds match the exceptions"),
	  "SELECT o.order_no || ': kinds ' || quote(o.exc_kinds) || ', open ' || quote(coalesce(e.k, '')) "
	  "FROM orders o LEFT JOIN (SELECT order_id, count(DISTINCT kind) n, group_concat(DISTINCT kind) k "
	  "FROM exceptions WHERE status = 'open' GROUP BY order_id) e ON e.order_id = o.id "
	  "WHERE coalesce(e.n, 0) <> CASE o.exc_kinds WHEN '' THEN 0 ELSE "
	  "length(o.exc_kinds) - length(replace(o.exc_kinds, ';', '')) + 1 END "
	  "OR EXISTS (SELECT 1 FROM exceptions x WHERE x.order_id = o.id AND x.status = 'open' "
	  "AND instr(';' || o.exc_kinds || ';', ';' || x.kind || ';') = 0) LIMIT 1" },
	{ N_("order line counts match the lines"),
	  "SELECT o.order_no || ': lines ' || o.lines || ', actual ' || count(l.id) FROM orders o "
	  "LEFT JOIN order_lines l ON l.order_id = o.id GROUP BY o.id "
	  "HAVING o.lines <> count(l.id) OR o.items <> coalesce(sum(l.qty), 0) LIMIT 1" },
	{ N_("order numbers have the form YYYYMMDD-CC-NNNN"),
	  "SELECT order_no FROM orders WHERE order_no NOT GLOB "
	  "'[0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9]-[A-Z][A-Z]*-[0-9][0-9][0-9][0-9]*' LIMIT 1" },
	{ N_("the event log is protected against changes"),
	  "SELECT 'missing trigger ' || t.name FROM (SELECT 'events_no_update' name UNION ALL "
	  "SELECT 'events_no_delete' UNION ALL "
	  "SELECT 'orders_no_delete' UNION ALL "
	  "SELECT 'exceptions_no_delete') t WHERE t.name NOT IN "
	  "(SELECT name FROM sqlite_schema WHERE type = 'trigger') LIMIT 1" },
	{ N_("foreign keys hold"),
	  "SELECT \"table\" || ' row ' || rowid FROM pragma_foreign_key_check LIMIT 1" },
	{ N_("the database file is sound"),
	  "SELECT quick_check FROM pragma_quick_check WHERE quick_check <> 'ok' LIMIT 1" },
};

#define NINVARIANTS (int)(sizeof invariants / sizeof invariants[0])

enum status store_check(struct store *s, time_t now, int *version, const char **broken_name,
                        char *what, size_t what_size, int *count)
{
	static const char version_sql[] = "PRAGMA user_version";
	sqlite3_stmt *st;
	long long v;
	int rc;
	enum status r;

	*broken_name = NULL;
	*count = NINVARIANTS;
	if ((r = store_scalar(s, version_sql, &v)) != ST_OK)
		return r;
	*version = (int)v;
	if (*version != store_schema_version())
		return ST_OK;
	for (int i = 0; i < NINVARIANTS; i++) {
		st = store_prep(s, invariants[i].sql);
		if (!st)
			return store_prep_failed(s);
		if (sqlite3_bind_parameter_count(st) > 0)
			sqlite3_bind_int64(st, 1, now);   /* ?1: the desk's clock */
		rc = sqlite3_step(st);
		if (rc == SQLITE_ROW) {
			store_col_text(st, 0, what, what_size);
			store_done(st);
			*broken_name = invariants[i].name;
			return ST_OK;
		}
		store_done(st);
		if (rc != SQLITE_DONE)
			return store_fail(s, rc, invariants[i].sql);
	}
	return ST_OK;
}
