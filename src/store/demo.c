/* Bulk writes for the demo generator. */
#include "ordesk/store_demo.h"

enum status store_demo_product(struct store *s, const char *sku, const char *name,
                               long long price_cents)
{
	static const char sql[] =
		"INSERT INTO products (sku, name, unit_price_cents) VALUES (?1, ?2, ?3) "
		"ON CONFLICT (sku) DO UPDATE SET name = excluded.name, unit_price_cents = excluded.unit_price_cents";
	sqlite3_stmt *st = store_prep(s, sql);

	if (!st)
		return ST_INTERNAL;
	sqlite3_bind_text(st, 1, sku, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, name, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 3, price_cents);
	return store_exec_stmt(s, st, sql);
}

enum status store_demo_stock(struct store *s, const char *sku, const char *warehouse,
                             long on_hand, long safety_stock)
{
	static const char sql[] =
		"INSERT INTO stock (sku, warehouse, on_hand, safety_stock) VALUES (?1, ?2, ?3, ?4)";
	sqlite3_stmt *st = store_prep(s, sql);

	if (!st)
		return ST_INTERNAL;
	sqlite3_bind_text(st, 1, sku, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, warehouse, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 3, on_hand);
	sqlite3_bind_int64(st, 4, safety_stock);
	return store_exec_stmt(s, st, sql);
}

enum status store_demo_lock(struct store *s, long long order_id, long long line_id,
                            const char *sku, const char *warehouse, long qty, time_t at,
                            const char *by)
{
	static const char take[] =
		"UPDATE stock SET locked = locked + ?3 WHERE sku = ?1 AND warehouse = ?2 "
		"AND on_hand - locked >= ?3";
	static const char ledger[] =
		"INSERT INTO stock_locks (order_id, line_id, sku, warehouse, qty, locked_at, locked_by) "
		"VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";
	sqlite3_stmt *st = store_prep(s, take);
	sqlite3_stmt *lt = store_prep(s, ledger);
	enum status r;

	if (!st || !lt)
		return ST_INTERNAL;
	sqlite3_bind_text(st, 1, sku, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, warehouse, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 3, qty);
	if ((r = store_exec_stmt(s, st, take)) != ST_OK)
		return r;
	if (sqlite3_changes(store_db(s)) != 1)
		return ST_REFUSED;
	sqlite3_bind_int64(lt, 1, order_id);
	sqlite3_bind_int64(lt, 2, line_id);
	sqlite3_bind_text(lt, 3, sku, -1, SQLITE_STATIC);
	sqlite3_bind_text(lt, 4, warehouse, -1, SQLITE_STATIC);
	sqlite3_bind_int64(lt, 5, qty);
	sqlite3_bind_int64(lt, 6, at);
	sqlite3_bind_text(lt, 7, by, -1, SQLITE_STATIC);
	return store_exec_stmt(s, lt, ledger);
}

enum status store_demo_review_action(struct store *s, const char *week, const char *cause,
                                     const char *action, const char *owner, const char *due,
                                     int done, time_t at, const char *by)
{
	static const char sql[] =
		"INSERT INTO review_actions (week, cause, action, owner, due, status, created_at, created_by, "
		"done_at, done_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)";
	sqlite3_stmt *st = store_prep(s, sql);

	if (!st)
		return ST_INTERNAL;
	sqlite3_bind_text(st, 1, week, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, cause, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, action, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, owner, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 5, due, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 6, done ? "done" : "open", -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 7, at);
	sqlite3_bind_text(st, 8, by, -1, SQLITE_STATIC);
	if (done) {
		sqlite3_bind_int64(st, 9, at + 4 * 86400);
		sqlite3_bind_text(st, 10, owner, -1, SQLITE_STATIC);
	}
	return store_exec_stmt(s, st, sql);
}

enum status store_demo_line_ids(struct store *s, long long order_id, long long *ids, int max,
                                int *n)
{
	static const char sql[] = "SELECT id FROM order_lines WHERE order_id = ?1 ORDER BY line_no";
	sqlite3_stmt *st = store_prep(s, sql);
	int rc;

	*n = 0;
	if (!st)
		return ST_INTERNAL;
	sqlite3_bind_int64(st, 1, order_id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		if (*n < max)
			ids[(*n)++] = sqlite3_column_int64(st, 0);
	store_done(st);
	return rc == SQLITE_DONE ? ST_OK : store_fail(s, rc, sql);
}

enum status store_demo_marked(struct store *s, int *yes)
{
	static const char sql[] =
		"SELECT EXISTS (SELECT 1 FROM events WHERE entity = 'store' AND what = 'demo')";
	sqlite3_stmt *st = store_prep(s, sql);
	int rc;

	*yes = 0;
	if (!st)
		return ST_INTERNAL;
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*yes = sqlite3_column_int(st, 0);
	store_done(st);
	return rc == SQLITE_ROW ? ST_OK : store_fail(s, rc, sql);
}
