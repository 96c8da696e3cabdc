/* Stock rows, the lock ledger and the queries of the stock view. */
#include "ordesk/store_stock.h"
#include "ordesk/text.h"

#include <stdlib.h>
#include <string.h>

static int need_cmp(const void *a, const void *b)
{
	return strcmp(((const struct stock_need *)a)->sku, ((const struct stock_need *)b)->sku);
}

void store_stock_sum(const struct order_line *lines, int nlines, struct stock_need *needs,
                     int max, int *n)
{
	int k = 0;

	for (int i = 0; i < nlines; i++) {
		int j;
		for (j = 0; j < k; j++)
			if (strcmp(needs[j].sku, lines[i].sku) == 0)
				break;
		if (j == k) {
			if (k == max)
				continue;
			text_copy(needs[k].sku, lines[i].sku, sizeof needs[k].sku);
			needs[k].qty = 0;
			k++;
		}
		needs[j].qty += lines[i].qty;
	}
	qsort(needs, (size_t)k, sizeof needs[0], need_cmp);
	*n = k;
}

enum status store_stock_warehouses(struct store *s, char (*codes)[16], int max, int *n)
{
	static const char sql[] = "SELECT code FROM warehouses ORDER BY code";
	sqlite3_stmt *st = store_prep(s, sql);
	int rc;

	*n = 0;
	if (!st)
		return store_prep_failed(s);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		if (*n < max)
			store_col_text(st, 0, codes[(*n)++], 16);
	store_done(st);
	return rc == SQLITE_DONE ? ST_OK : store_fail(s, rc, sql);
}

enum status store_stock_warehouse_exists(struct store *s, const char *code, int *exists)
{
	static const char sql[] = "SELECT 1 FROM warehouses WHERE code = ?1";
	sqlite3_stmt *st = store_prep(s, sql);
	int rc;

	*exists = 0;
	if (!st)
		return store_prep_failed(s);
	sqlite3_bind_text(st, 1, code, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	*exists = rc == SQLITE_ROW;
	store_done(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? ST_OK : store_fail(s, rc, sql);
}

/* The columns of a stock_row, in the order read_row expects. */
#define ROW_SELECT \
	"SELECT r.sku, coalesce(p.name, ''), r.warehouse, r.on_hand, r.locked, " \
	"r.on_hand - r.locked, r.safety_stock, coalesce(w.q, 0), r.low_alerted "

/* Orders waiting on stock: in review with an open stock_short exception. */
#define WAITING_CTE \
	"WITH w AS (SELECT l.sku AS sku, " \
	"coalesce(nullif(o.warehouse, ''), '" STOCK_DEFAULT_WAREHOUSE "') AS wh, sum(l.qty) AS q " \
	"FROM orders o JOIN order_lines l ON l.order_id = o.id " \
	"WHERE o.stage = 'review' AND o.id IN (SELECT order_id FROM exceptions " \
	"WHERE kind = 'stock_short' AND status = 'open') GROUP BY 1, 2) "

static void read_row(sqlite3_stmt *st, struct stock_row *r)
{
	memset(r, 0, sizeof *r);
	store_col_text(st, 0, r->sku, sizeof r->sku);
	store_col_text(st, 1, r->name, sizeof r->name);
	store_col_text(st, 2, r->warehouse, sizeof r->warehouse);
	r->on_hand = (long)sqlite3_column_int64(st, 3);
	r->locked = (long)sqlite3_column_int64(st, 4);
	r->available = (long)sqlite3_column_int64(st, 5);
	r->safety_stock = (long)sqlite3_column_int64(st, 6);
	r->waiting = (long)sqlite3_column_int64(st, 7);
	r->low_alerted = sqlite3_column_int(st, 8);
}

enum status store_stock_get(struct store *s, const char *sku, const char *warehouse,
                            struct stock_row *r, int *found)
{
	static const char sql[] =
		"SELECT r.sku, coalesce(p.name, ''), r.warehouse, r.on_hand, r.locked, "
		"r.on_hand - r.locked, r.safety_stock, 0, r.low_alerted "
		"FROM stock r LEFT JOIN products p ON p.sku = r.sku "
		"WHERE r.sku = ?1 AND r.warehouse = ?2";
	sqlite3_stmt *st = store_prep(s, sql);
	int rc;

	memset(r, 0, sizeof *r);
	*found = 0;
	if (!st)
		return store_prep_failed(s);
	sqlite3_bind_text(st, 1, sku, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, warehouse, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		read_row(st, r);
		*found = 1;
	}
	store_done(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_fail(s, rc, sql);
	if (!*found) {
		text_copy(r->sku, sku, sizeof r->sku);
		text_copy(r->warehouse, warehouse, sizeof r->warehouse);
	}
	return store_stock_waiting(s, sku, warehouse, &r->waiting);
}

/* A one-number query as a long. */
static enum status one_long(struct store *s, sqlite3_stmt *st, const char *sql, long *v)
{
	long long n;
	enum status r = store_step_int(s, st, sql, &n);

	*v = (long)n;
	return r;
}

enum status store_stock_available(struct store *s, const char *sku, const char *warehouse,
                                  long *available)
{
	static const char sql[] =
		"SELECT on_hand - locked FROM stock WHERE sku = ?1 AND warehouse = ?2";
	sqlite3_stmt *st = store_prep(s, sql);

	*available = 0;
	if (!st)
		return store_prep_failed(s);
	sqlite3_bind_text(st, 1, sku, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, warehouse, -1, SQLITE_STATIC);
	return one_long(s, st, sql, available);
}

enum status store_stock_available_all(struct store *s, const char *sku, long *available)
{
	static const char sql[] = "SELECT coalesce(sum(on_hand - locked), 0) FROM stock WHERE sku = ?1";
	sqlite3_stmt *st = store_prep(s, sql);

	*available = 0;
	if (!st)
		return store_prep_failed(s);
	sqlite3_bind_text(st, 1, sku, -1, SQLITE_STATIC);
	return one_long(s, st, sql, available);
}

static const char sp_begin[] = "SAVEPOINT stock_reserve";
static const char sp_undo[] = "ROLLBACK TO stock_reserve";
static const char sp_end[] = "RELEASE stock_reserve";

enum status store_stock_reserve(struct store *s, long long order_id, const char *warehouse,
                                const struct stock_need *needs, int nneeds,
                                const struct order_line *lines, int nlines,
                                time_t at, const char *by, int *short_index)
{
	/* The reservation itself: it changes the row only when enough is free. */
	static const char upd[] =
		"UPDATE stock SET locked = locked + ?3 "
		"WHERE sku = ?1 AND warehouse = ?2 AND on_hand - locked >= ?3";
	static const char ins[] =
		"INSERT INTO stock_locks (order_id, line_id, sku, warehouse, qty, locked_at, locked_by) "
		"VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";
	sqlite3_stmt *us = store_prep(s, upd);
	sqlite3_stmt *is = store_prep(s, ins);
	enum status r;

	*short_index = -1;
	if (!us || !is)
		return store_prep_failed(s);
	if ((r = store_exec_sql(s, sp_begin)) != ST_OK)
		return r;
	for (int i = 0; i < nneeds; i++) {
		sqlite3_bind_text(us, 1, needs[i].sku, -1, SQLITE_STATIC);
		sqlite3_bind_text(us, 2, warehouse, -1, SQLITE_STATIC);
		sqlite3_bind_int64(us, 3, needs[i].qty);
		if ((r = store_exec_stmt(s, us, upd)) != ST_OK)
			goto undo;
		if (store_changes(s) != 1) {
			*short_index = i;
			goto undo;
		}
	}
	for (int i = 0; i < nlines; i++) {
		sqlite3_bind_int64(is, 1, order_id);
		sqlite3_bind_int64(is, 2, lines[i].id);
		sqlite3_bind_text(is, 3, lines[i].sku, -1, SQLITE_STATIC);
		sqlite3_bind_text(is, 4, warehouse, -1, SQLITE_STATIC);
		sqlite3_bind_int64(is, 5, lines[i].qty);
		sqlite3_bind_int64(is, 6, at);
		sqlite3_bind_text(is, 7, by, -1, SQLITE_STATIC);
		if ((r = store_exec_stmt(s, is, ins)) != ST_OK)
			goto undo;
	}
	return store_exec_sql(s, sp_end);
undo:
	{
		enum status u = store_exec_sql(s, sp_undo);
		enum status e = store_exec_sql(s, sp_end);
		if (r == ST_OK && (u != ST_OK || e != ST_OK))
			r = u != ST_OK ? u : e;
	}
	return r;
}

enum status store_stock_locks_of(struct store *s, long long order_id, struct stock_lock_sum *out,
                                 int max, int *n)
{
	static const char sql[] =
		"SELECT sku, warehouse, sum(qty) FROM stock_locks WHERE order_id = ?1 AND state = 'active' "
		"GROUP BY sku, warehouse ORDER BY sku, warehouse";
	sqlite3_stmt *st = store_prep(s, sql);
	int rc;

	*n = 0;
	if (!st)
		return store_prep_failed(s);
	sqlite3_bind_int64(st, 1, order_id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (*n >= max)
			continue;
		struct stock_lock_sum *l = &out[(*n)++];
		store_col_text(st, 0, l->sku, sizeof l->sku);
		store_col_text(st, 1, l->warehouse, sizeof l->warehouse);
		l->qty = (long)sqlite3_column_int64(st, 2);
	}
	store_done(st);
	return rc == SQLITE_DONE ? ST_OK : store_fail(s, rc, sql);
}

enum status store_stock_end_locks(struct store *s, long long order_id, int shipped, time_t at,
                                  const char *by)
{
	/* Both stock updates touch exactly the rows the order's active locks name. */
	static const char release_sql[] =
		"UPDATE stock SET locked = locked - (SELECT sum(l.qty) FROM stock_locks l "
		"WHERE l.order_id = ?1 AND l.state = 'active' AND l.sku = stock.sku "
		"AND l.warehouse = stock.warehouse) "
		"WHERE (sku, warehouse) IN (SELECT sku, warehouse FROM stock_locks "
		"WHERE order_id = ?1 AND state = 'active')";
	static const char ship_sql[] =
		"UPDATE stock SET locked = locked - q, on_hand = on_hand - q FROM "
		"(SELECT l.sku AS k, l.warehouse AS h, sum(l.qty) AS q FROM stock_locks l "
		"WHERE l.order_id = ?1 AND l.state = 'active' GROUP BY 1, 2) "
		"WHERE stock.sku = k AND stock.warehouse = h";
	static const char count_sql[] =
		"SELECT count(*) FROM (SELECT DISTINCT sku, warehouse FROM stock_locks "
		"WHERE order_id = ?1 AND state = 'active')";
	static const char ledger_sql[] =
		"UPDATE stock_locks SET state = ?2, ended_at = ?3, ended_by = ?4 "
		"WHERE order_id = ?1 AND state = 'active'";
	const char *sql = shipped ? ship_sql : release_sql;
	sqlite3_stmt *cs = store_prep(s, count_sql);
	sqlite3_stmt *us = store_prep(s, sql);
	sqlite3_stmt *ls = store_prep(s, ledger_sql);
	enum status r;
	long rows;

	if (!cs || !us || !ls)
		return store_prep_failed(s);
	sqlite3_bind_int64(cs, 1, order_id);
	if ((r = one_long(s, cs, count_sql, &rows)) != ST_OK)
		return r;
	if (rows == 0)
		return ST_OK;
	sqlite3_bind_int64(us, 1, order_id);
	if ((r = store_exec_stmt(s, us, sql)) != ST_OK)
		return r;
	if (store_changes(s) != (int)rows)
		return ST_INTERNAL;   /* a lock without its stock row: check names it */
	sqlite3_bind_int64(ls, 1, order_id);
	sqlite3_bind_text(ls, 2, shipped ? "shipped" : "released", -1, SQLITE_STATIC);
	sqlite3_bind_int64(ls, 3, at);
	sqlite3_bind_text(ls, 4, by, -1, SQLITE_STATIC);
	return store_exec_stmt(s, ls, ledger_sql);
}

enum status store_stock_ensure(struct store *s, const char *sku, const char *warehouse,
                               int *new_sku, int *new_warehouse)
{
	static const char psql[] = "INSERT INTO products (sku) VALUES (?1) ON CONFLICT DO NOTHING";
	static const char wsql[] = "INSERT INTO warehouses (code) VALUES (?1) ON CONFLICT DO NOTHING";
	sqlite3_stmt *ps = store_prep(s, psql);
	sqlite3_stmt *ws = store_prep(s, wsql);
	enum status r;

	if (!ps || !ws)
		return store_prep_failed(s);
	sqlite3_bind_text(ps, 1, sku, -1, SQLITE_STATIC);
	if ((r = store_exec_stmt(s, ps, psql)) != ST_OK)
		return r;
	if (new_sku)
		*new_sku = store_changes(s) == 1;
	sqlite3_bind_text(ws, 1, warehouse, -1, SQLITE_STATIC);
	if ((r = store_exec_stmt(s, ws, wsql)) != ST_OK)
		return r;
	if (new_warehouse)
		*new_warehouse = store_changes(s) == 1;
	return ST_OK;
}

enum status store_stock_add(struct store *s, const char *sku, const char *warehouse, long qty)
{
	static const char sql[] =
		"INSERT INTO stock (sku, warehouse, on_hand) VALUES (?1, ?2, ?3) "
		"ON CONFLICT (sku, warehouse) DO UPDATE SET on_hand = on_hand + excluded.on_hand";
	sqlite3_stmt *st = store_prep(s, sql);

	if (!st)
		return store_prep_failed(s);
	sqlite3_bind_text(st, 1, sku, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, warehouse, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 3, qty);
	return store_exec_stmt(s, st, sql);
}

enum status store_stock_adjust(struct store *s, const char *sku, const char *warehouse,
                               long delta, int *applied)
{
	static const char sql[] =
		"UPDATE stock SET on_hand = on_hand + ?3 "
		"WHERE sku = ?1 AND warehouse = ?2 AND on_hand + ?3 >= locked AND on_hand + ?3 >= 0";
	sqlite3_stmt *st = store_prep(s, sql);
	enum status r;

	*applied = 0;
	if (!st)
		return store_prep_failed(s);
	sqlite3_bind_text(st, 1, sku, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, warehouse, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 3, delta);
	if ((r = store_exec_stmt(s, st, sql)) != ST_OK)
		return r;
	*applied = store_changes(s) == 1;
	return ST_OK;
}

enum status store_stock_set_safety(struct store *s, const char *sku, const char *warehouse,
                                   long qty)
{
	static const char sql[] =
		"INSERT INTO stock (sku, warehouse, safety_stock) VALUES (?1, ?2, ?3) "
		"ON CONFLICT (sku, warehouse) DO UPDATE SET safety_stock = excluded.safety_stock";
	sqlite3_stmt *st = store_prep(s, sql);

	if (!st)
		return store_prep_failed(s);
	sqlite3_bind_text(st, 1, sku, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, warehouse, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 3, qty);
	return store_exec_stmt(s, st, sql);
}

enum status store_stock_waiting(struct store *s, const char *sku, const char *warehouse,
                                long *waiting)
{
	static const char sql[] =
		"SELECT coalesce(sum(l.qty), 0) FROM order_lines l JOIN orders o ON o.id = l.order_id "
		"WHERE l.sku = ?1 AND coalesce(nullif(o.warehouse, ''), '" STOCK_DEFAULT_WAREHOUSE "') = ?2 "
		"AND o.stage = 'review' AND EXISTS (SELECT 1 FROM exceptions e WHERE e.order_id = o.id "
		"AND e.kind = 'stock_short' AND e.status = 'open')";
	sqlite3_stmt *st = store_prep(s, sql);

	*waiting = 0;
	if (!st)
		return store_prep_failed(s);
	sqlite3_bind_text(st, 1, sku, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, warehouse, -1, SQLITE_STATIC);
	return one_long(s, st, sql, waiting);
}

enum status store_stock_low_eval(struct store *s, const char *sku, const char *warehouse,
                                 int *raised, int *rearmed)
{
	static const char mark_sql[] =
		"UPDATE stock SET low_alerted = 1 WHERE sku = ?1 AND warehouse = ?2 "
		"AND low_alerted = 0 AND on_hand - locked < safety_stock";
	static const char rearm_sql[] =
		"UPDATE stock SET low_alerted = 0 WHERE sku = ?1 AND warehouse = ?2 "
		"AND low_alerted = 1 AND on_hand - locked >= safety_stock";
	sqlite3_stmt *ms = store_prep(s, mark_sql);
	sqlite3_stmt *rs = store_prep(s, rearm_sql);
	enum status r;

	*raised = *rearmed = 0;
	if (!ms || !rs)
		return store_prep_failed(s);
	sqlite3_bind_text(ms, 1, sku, -1, SQLITE_STATIC);
	sqlite3_bind_text(ms, 2, warehouse, -1, SQLITE_STATIC);
	if ((r = store_exec_stmt(s, ms, mark_sql)) != ST_OK)
		return r;
	if (store_changes(s) == 1) {
		*raised = 1;
		return ST_OK;
	}
	sqlite3_bind_text(rs, 1, sku, -1, SQLITE_STATIC);
	sqlite3_bind_text(rs, 2, warehouse, -1, SQLITE_STATIC);
	if ((r = store_exec_stmt(s, rs, rearm_sql)) != ST_OK)
		return r;
	*rearmed = store_changes(s) == 1;
	return ST_OK;
}

enum status store_stock_low_alert(struct store *s, const char *sku, const char *warehouse,
                                  time_t at, const char *message)
{
	/* One alert per episode: the key counts the row's earlier low-stock alerts. */
	static const char sql[] =
		"INSERT INTO escalations (kind, sku, warehouse, created_at, message, dedupe_key) "
		"VALUES ('low_stock', ?1, ?2, ?3, ?4, 'low_stock:' || ?1 || '@' || ?2 || '#' || "
		"(SELECT count(*) + 1 FROM escalations WHERE kind = 'low_stock' AND sku = ?1 "
		"AND warehouse = ?2)) ON CONFLICT (dedupe_key) DO NOTHING";
	sqlite3_stmt *st = store_prep(s, sql);

	if (!st)
		return store_prep_failed(s);
	sqlite3_bind_text(st, 1, sku, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, warehouse, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 3, at);
	sqlite3_bind_text(st, 4, message, -1, SQLITE_STATIC);
	return store_exec_stmt(s, st, sql);
}

enum status store_stock_low_refresh(struct store *s, const char *sku, const char *warehouse,
                                    const char *message)
{
	static const char sql[] =
		"UPDATE escalations SET message = ?3 WHERE id = (SELECT max(id) FROM escalations "
		"WHERE kind = 'low_stock' AND sku = ?1 AND warehouse = ?2) AND acked_at IS NULL "
		"AND message <> ?3";
	sqlite3_stmt *st = store_prep(s, sql);

	if (!st)
		return ST_INTERNAL;
	sqlite3_bind_text(st, 1, sku, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, warehouse, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, message, -1, SQLITE_STATIC);
	return store_exec_stmt(s, st, sql);
}

enum status store_stock_waiting_orders(struct store *s, const char *sku, long long **ids, int *n)
{
	static const char sql[] =
		"SELECT o.id FROM orders o WHERE o.stage = 'review' "
		"AND o.id IN (SELECT order_id FROM exceptions WHERE kind = 'stock_short' AND status = 'open') "
		"AND EXISTS (SELECT 1 FROM order_lines l WHERE l.order_id = o.id AND l.sku = ?1) "
		"ORDER BY o.prio_rank, o.score DESC, o.received_at, o.id";
	sqlite3_stmt *st = store_prep(s, sql);
	long long *v = NULL;
	int cap = 0, rc;

	*ids = NULL;
	*n = 0;
	if (!st)
		return store_prep_failed(s);
	sqlite3_bind_text(st, 1, sku, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (*n == cap) {
			int ncap = cap ? cap * 2 : 64;
			long long *nv = realloc(v, (size_t)ncap * sizeof *nv);
			if (!nv) {
				store_done(st);
				free(v);
				*n = 0;
				return ST_INTERNAL;
			}
			v = nv;
			cap = ncap;
		}
		v[(*n)++] = sqlite3_column_int64(st, 0);
	}
	store_done(st);
	if (rc != SQLITE_DONE) {
		free(v);
		*n = 0;
		return store_fail(s, rc, sql);
	}
	*ids = v;
	return ST_OK;
}

enum status store_stock_short_open(struct store *s, long long order_id, long long *ids, int max,
                                   int *n)
{
	static const char sql[] =
		"SELECT id FROM exceptions WHERE order_id = ?1 AND kind = 'stock_short' AND status = 'open' "
		"ORDER BY id";
	sqlite3_stmt *st = store_prep(s, sql);
	int rc;

	*n = 0;
	if (!st)
		return store_prep_failed(s);
	sqlite3_bind_int64(st, 1, order_id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		if (*n < max)
			ids[(*n)++] = sqlite3_column_int64(st, 0);
	store_done(st);
	return rc == SQLITE_DONE ? ST_OK : store_fail(s, rc, sql);
}

enum status store_stock_each(struct store *s, const struct stock_filter *f,
                             int (*fn)(const struct stock_row *r, void *arg), void *arg)
{
	/* Stock rows, plus SKUs orders wait for that have no stock row at all. */
	static const char sql[] =
		WAITING_CTE ", r AS (SELECT sku, warehouse, on_hand, locked, safety_stock, low_alerted "
		"FROM stock UNION ALL SELECT w.sku, w.wh, 0, 0, 0, 0 FROM w WHERE NOT EXISTS "
		"(SELECT 1 FROM stock x WHERE x.sku = w.sku AND x.warehouse = w.wh)) "
		ROW_SELECT "FROM r LEFT JOIN products p ON p.sku = r.sku "
		"LEFT JOIN w ON w.sku = r.sku AND w.wh = r.warehouse "
		"WHERE (?1 = 0 OR r.on_hand - r.locked < r.safety_stock) "
		"AND (?2 = 0 OR coalesce(w.q, 0) > 0) "
		"AND (?3 IS NULL OR instr(lower(r.sku), lower(?3)) > 0 "
		"OR instr(lower(coalesce(p.name, '')), lower(?3)) > 0) "
		"AND (?4 IS NULL OR r.sku = ?4) "
		"ORDER BY r.sku, r.warehouse";
	sqlite3_stmt *st = store_prep(s, sql);
	struct stock_row row;
	int rc;

	if (!st)
		return store_prep_failed(s);
	sqlite3_bind_int(st, 1, f && f->low);
	sqlite3_bind_int(st, 2, f && f->waiting);
	store_bind_text(st, 3, f && f->search && *f->search ? f->search : NULL);
	store_bind_text(st, 4, f ? f->sku : NULL);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		read_row(st, &row);
		if (fn(&row, arg)) {
			rc = SQLITE_DONE;
			break;
		}
	}
	store_done(st);
	return rc == SQLITE_DONE ? ST_OK : store_fail(s, rc, sql);
}

enum status store_stock_holders(struct store *s, const char *sku,
                                int (*fn)(const struct stock_holder *h, void *arg), void *arg)
{
	static const char sql[] =
		"SELECT o.order_no, o.stage, l.warehouse, sum(l.qty), 0 FROM stock_locks l "
		"JOIN orders o ON o.id = l.order_id WHERE l.sku = ?1 AND l.state = 'active' "
		"GROUP BY o.id, l.warehouse "
		"UNION ALL "
		"SELECT o.order_no, o.stage, coalesce(nullif(o.warehouse, ''), '" STOCK_DEFAULT_WAREHOUSE "'), "
		"sum(ol.qty), 1 FROM orders o JOIN order_lines ol ON ol.order_id = o.id "
		"WHERE ol.sku = ?1 AND o.stage = 'review' AND o.id IN (SELECT order_id FROM exceptions "
		"WHERE kind = 'stock_short' AND status = 'open') GROUP BY o.id "
		"ORDER BY 5, 1";
	sqlite3_stmt *st = store_prep(s, sql);
	struct stock_holder h;
	int rc;

	if (!st)
		return store_prep_failed(s);
	sqlite3_bind_text(st, 1, sku, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		memset(&h, 0, sizeof h);
		store_col_text(st, 0, h.order_no, sizeof h.order_no);
		store_col_text(st, 1, h.stage, sizeof h.stage);
		store_col_text(st, 2, h.warehouse, sizeof h.warehouse);
		h.qty = (long)sqlite3_column_int64(st, 3);
		h.waiting = sqlite3_column_int(st, 4);
		if (fn(&h, arg)) {
			rc = SQLITE_DONE;
			break;
		}
	}
	store_done(st);
	return rc == SQLITE_DONE ? ST_OK : store_fail(s, rc, sql);
}

enum status store_stock_set_promise(struct store *s, long long order_id, time_t promise_at)
{
	static const char sql[] =
		"UPDATE orders SET promise_at = ?2, version = version + 1 WHERE id = ?1";
	sqlite3_stmt *st = store_prep(s, sql);

	if (!st)
		return store_prep_failed(s);
	sqlite3_bind_int64(st, 1, order_id);
	sqlite3_bind_int64(st, 2, promise_at);
	return store_exec_stmt(s, st, sql);
}

enum status store_stock_line_set_qty(struct store *s, long long line_id, long qty)
{
	static const char sql[] = "UPDATE order_lines SET qty = ?2 WHERE id = ?1";
	sqlite3_stmt *st = store_prep(s, sql);

	if (!st)
		return store_prep_failed(s);
	sqlite3_bind_int64(st, 1, line_id);
	sqlite3_bind_int64(st, 2, qty);
	return store_exec_stmt(s, st, sql);
}

enum status store_stock_line_move(struct store *s, long long line_id, long long to_order,
                                  int line_no)
{
	static const char sql[] = "UPDATE order_lines SET order_id = ?2, line_no = ?3 WHERE id = ?1";
	sqlite3_stmt *st = store_prep(s, sql);

	if (!st)
		return store_prep_failed(s);
	sqlite3_bind_int64(st, 1, line_id);
	sqlite3_bind_int64(st, 2, to_order);
	sqlite3_bind_int(st, 3, line_no);
	return store_exec_stmt(s, st, sql);
}

enum status store_stock_order_recount(struct store *s, long long order_id, long long total_cents)
{
	static const char sql[] =
		"UPDATE orders SET lines = (SELECT count(*) FROM order_lines WHERE order_id = ?1), "
		"items = (SELECT coalesce(sum(qty), 0) FROM order_lines WHERE order_id = ?1), "
		"total_cents = ?2, version = version + 1 WHERE id = ?1";
	sqlite3_stmt *st = store_prep(s, sql);

	if (!st)
		return store_prep_failed(s);
	sqlite3_bind_int64(st, 1, order_id);
	sqlite3_bind_int64(st, 2, total_cents);
	return store_exec_stmt(s, st, sql);
}

enum status store_stock_bulk(struct store *s, int on)
{
	/* A receipt may touch thousands of orders in one transaction: a page cache
	 * that holds them all writes each page once to the log, not on every spill. */
	static const char big[] = "PRAGMA cache_size = -65536";
	static const char normal[] = "PRAGMA cache_size = -2000";
	int rc = sqlite3_exec(store_db(s), on ? big : normal, NULL, NULL, NULL);

	return rc == SQLITE_OK ? ST_OK : store_fail(s, rc, on ? big : normal);
}
