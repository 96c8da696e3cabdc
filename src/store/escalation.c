/* Escalations in the store: raised once by dedupe key, acknowledged once. */
#include "ordesk/store_escalation.h"

#include <string.h>

#define ESC_COLUMNS \
	"x.id, x.kind, coalesce(x.exception_id, 0), coalesce(x.order_id, 0), " \
	"coalesce(o.order_no, ''), coalesce(x.sku, ''), coalesce(x.warehouse, ''), x.created_at, " \
	"x.message, x.dedupe_key, coalesce(x.acked_at, 0), coalesce(x.acked_by, '')"

static void escalation_read(sqlite3_stmt *st, struct escalation_rec *e)
{
	int c = 0;

	memset(e, 0, sizeof *e);
	e->id = sqlite3_column_int64(st, c++);
	store_col_text(st, c++, e->kind, sizeof e->kind);
	e->exception_id = sqlite3_column_int64(st, c++);
	e->order_id = sqlite3_column_int64(st, c++);
	store_col_text(st, c++, e->order_no, sizeof e->order_no);
	store_col_text(st, c++, e->sku, sizeof e->sku);
	store_col_text(st, c++, e->warehouse, sizeof e->warehouse);
	e->created_at = (time_t)sqlite3_column_int64(st, c++);
	store_col_text(st, c++, e->message, sizeof e->message);
	store_col_text(st, c++, e->dedupe_key, sizeof e->dedupe_key);
	e->acked_at = (time_t)sqlite3_column_int64(st, c++);
	store_col_text(st, c++, e->acked_by, sizeof e->acked_by);
}

enum status store_escalation_raise(struct store *s, struct escalation_rec *e, int *created)
{
	static const char sql[] =
		"INSERT INTO escalations (kind, exception_id, order_id, sku, warehouse, created_at, "
		"message, dedupe_key) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) "
		"ON CONFLICT (dedupe_key) DO NOTHING";
	sqlite3_stmt *st = store_prep(s, sql);
	enum status r;

	*created = 0;
	if (!st)
		return store_prep_failed(s);
	sqlite3_bind_text(st, 1, e->kind, -1, SQLITE_STATIC);
	if (e->exception_id)
		sqlite3_bind_int64(st, 2, e->exception_id);
	else
		sqlite3_bind_null(st, 2);
	if (e->order_id)
		sqlite3_bind_int64(st, 3, e->order_id);
	else
		sqlite3_bind_null(st, 3);
	store_bind_text(st, 4, *e->sku ? e->sku : NULL);
	store_bind_text(st, 5, *e->warehouse ? e->warehouse : NULL);
	sqlite3_bind_int64(st, 6, e->created_at);
	sqlite3_bind_text(st, 7, e->message, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 8, e->dedupe_key, -1, SQLITE_STATIC);
	if ((r = store_exec_stmt(s, st, sql)) != ST_OK)
		return r;
	if (store_changes(s) == 1) {
		*created = 1;
		e->id = sqlite3_last_insert_rowid(store_db(s));
	}
	return ST_OK;
}

enum status store_escalation_each(struct store *s, int all,
                                  int (*fn)(const struct escalation_rec *e, void *arg), void *arg)
{
	static const char sql_open[] =
		"SELECT " ESC_COLUMNS " FROM escalations x LEFT JOIN orders o ON o.id = x.order_id "
		"WHERE x.acked_at IS NULL ORDER BY x.created_at DESC, x.id DESC";
	static const char sql_all[] =
		"SELECT " ESC_COLUMNS " FROM escalations x LEFT JOIN orders o ON o.id = x.order_id "
		"ORDER BY x.created_at DESC, x.id DESC";
	const char *sql = all ? sql_all : sql_open;
	sqlite3_stmt *st = store_prep(s, sql);
	struct escalation_rec e;
	int rc;

	if (!st)
		return store_prep_failed(s);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		escalation_read(st, &e);
		if (fn(&e, arg)) {
			rc = SQLITE_DONE;
			break;
		}
	}
	store_done(st);
	return rc == SQLITE_DONE ? ST_OK : store_fail(s, rc, sql);
}

enum status store_escalation_get(struct store *s, long long id, struct escalation_rec *e)
{
	static const char sql[] =
		"SELECT " ESC_COLUMNS " FROM escalations x LEFT JOIN orders o ON o.id = x.order_id "
		"WHERE x.id = ?1";
	sqlite3_stmt *st = store_prep(s, sql);
	int rc;

	if (!st)
		return store_prep_failed(s);
	sqlite3_bind_int64(st, 1, id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		escalation_read(st, e);
	store_done(st);
	if (rc == SQLITE_ROW)
		return ST_OK;
	return rc == SQLITE_DONE ? ST_REFUSED : store_fail(s, rc, sql);
}

enum status store_escalation_ack(struct store *s, long long id, time_t at, const char *by)
{
	static const char sql[] =
		"UPDATE escalations SET acked_at = ?2, acked_by = ?3 WHERE id = ?1 AND acked_at IS NULL";
	sqlite3_stmt *st = store_prep(s, sql);
	enum status r;

	if (!st)
		return store_prep_failed(s);
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, at);
	sqlite3_bind_text(st, 3, by, -1, SQLITE_STATIC);
	if ((r = store_exec_stmt(s, st, sql)) != ST_OK)
		return r;
	return store_changes(s) == 1 ? ST_OK : ST_REFUSED;
}

enum status store_escalation_count_open(struct store *s, int *n)
{
	static const char sql[] =
		"SELECT count(*) FROM (SELECT 1 FROM escalations WHERE acked_at IS NULL LIMIT ?1)";
	sqlite3_stmt *st = store_prep(s, sql);
	int rc;

	*n = 0;
	if (!st)
		return store_prep_failed(s);
	sqlite3_bind_int(st, 1, STORE_ALERTS_COUNTED);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*n = sqlite3_column_int(st, 0);
	store_done(st);
	return rc == SQLITE_ROW ? ST_OK : store_fail(s, rc, sql);
}
