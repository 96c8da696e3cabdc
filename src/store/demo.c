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
		return store_prep_failed(s);
	sqlite3_bind_text(st, 1, sku, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, name, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 3, price_cents);
	return store_exec_stmt(s, st, sql);
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
		return store_prep_failed(s);
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

enum status store_demo_marked(struct store *s, int *yes)
{
	static const char sql[] =
		"SELECT EXISTS (SELECT 1 FROM events WHERE entity = 'store' AND what = 'demo')";
	long long v;
	enum status st = store_scalar(s, sql, &v);

	*yes = v != 0;
	return st;
}
