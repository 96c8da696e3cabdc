/* Exceptions in the store. */
#include "ordesk/store_exception.h"

#include <string.h>

#define EXC_COLUMNS \
	"id, order_id, kind, stage, opened_at, opened_by, description, detail, due_at, " \
	"coalesce(breach_key, ''), status, coalesce(resolved_at, 0), coalesce(resolved_by, ''), " \
	"coalesce(cause, ''), coalesce(action, ''), coalesce(result, ''), coalesce(note, ''), " \
	"coalesce(related_id, 0)"

static void exception_read(sqlite3_stmt *st, struct exception_rec *e)
{
	char word[32];
	int c = 0;

	memset(e, 0, sizeof *e);
	e->id = sqlite3_column_int64(st, c++);
	e->order_id = sqlite3_column_int64(st, c++);
	store_col_text(st, c++, word, sizeof word);
	e->kind = (enum exkind)exkind_parse(word);
	store_col_text(st, c++, word, sizeof word);
	e->stage = (enum stage)stage_parse(word);
	e->opened_at = (time_t)sqlite3_column_int64(st, c++);
	store_col_text(st, c++, e->opened_by, sizeof e->opened_by);
	store_col_text(st, c++, e->description, sizeof e->description);
	store_col_text(st, c++, e->detail, sizeof e->detail);
	e->due_at = (time_t)sqlite3_column_int64(st, c++);
	store_col_text(st, c++, e->breach_key, sizeof e->breach_key);
	store_col_text(st, c++, word, sizeof word);
	e->open = strcmp(word, "open") == 0;
	e->resolved_at = (time_t)sqlite3_column_int64(st, c++);
	store_col_text(st, c++, e->resolved_by, sizeof e->resolved_by);
	store_col_text(st, c++, word, sizeof word);
	e->cause = *word ? cause_parse(word) : -1;
	store_col_text(st, c++, e->action, sizeof e->action);
	store_col_text(st, c++, e->result, sizeof e->result);
	store_col_text(st, c++, e->note, sizeof e->note);
	e->related_id = sqlite3_column_int64(st, c++);
}

enum status store_exception_open(struct store *s, struct exception_rec *e, int *created)
{
	static const char sql[] =
		"INSERT INTO exceptions (order_id, kind, stage, opened_at, opened_by, description, detail, "
		"due_at, breach_key, related_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10) "
		"ON CONFLICT (breach_key) DO NOTHING";
	sqlite3_stmt *st = store_prep(s, sql);
	enum status r;

	*created = 0;
	if (!st)
		return store_prep_failed(s);
	sqlite3_bind_int64(st, 1, e->order_id);
	sqlite3_bind_text(st, 2, exkind_name(e->kind), -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, stage_name(e->stage), -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 4, e->opened_at);
	sqlite3_bind_text(st, 5, e->opened_by, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 6, e->description, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 7, e->detail, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 8, e->due_at);
	if (*e->breach_key)
		sqlite3_bind_text(st, 9, e->breach_key, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(st, 9);
	if (e->related_id)
		sqlite3_bind_int64(st, 10, e->related_id);
	else
		sqlite3_bind_null(st, 10);
	if ((r = store_exec_stmt(s, st, sql)) != ST_OK)
		return r;
	if (store_changes(s) == 1) {
		*created = 1;
		e->id = sqlite3_last_insert_rowid(store_db(s));
		e->open = 1;
	}
	return ST_OK;
}

enum status store_exception_resolve(struct store *s, long long id, time_t at, const char *by,
                                    enum cause cause, const char *action, const char *result,
                                    const char *note)
{
	static const char sql[] =
		"UPDATE exceptions SET status = 'resolved', resolved_at = ?2, resolved_by = ?3, cause = ?4, "
		"action = ?5, result = ?6, note = ?7 WHERE id = ?1 AND status = 'open'";
	sqlite3_stmt *st = store_prep(s, sql);
	enum status r;

	if (!st)
		return store_prep_failed(s);
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, at);
	sqlite3_bind_text(st, 3, by, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, cause_name(cause), -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 5, action, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 6, result ? result : "", -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 7, note ? note : "", -1, SQLITE_STATIC);
	if ((r = store_exec_stmt(s, st, sql)) != ST_OK)
		return r;
	return store_changes(s) == 1 ? ST_OK : ST_REFUSED;
}

enum status store_exception_get(struct store *s, long long id, struct exception_rec *e)
{
	static const char sql[] = "SELECT " EXC_COLUMNS " FROM exceptions WHERE id = ?1";
	sqlite3_stmt *st = store_prep(s, sql);
	int rc;

	if (!st)
		return store_prep_failed(s);
	sqlite3_bind_int64(st, 1, id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		exception_read(st, e);
	store_done(st);
	if (rc == SQLITE_ROW)
		return ST_OK;
	return rc == SQLITE_DONE ? ST_REFUSED : store_fail(s, rc, sql);
}

enum status store_exception_each_of_order(struct store *s, long long order_id,
                                          int (*fn)(const struct exception_rec *e, void *arg),
                                          void *arg)
{
	static const char sql[] =
		"SELECT " EXC_COLUMNS " FROM exceptions WHERE order_id = ?1 ORDER BY opened_at, id";
	sqlite3_stmt *st = store_prep(s, sql);
	struct exception_rec e;
	int rc;

	if (!st)
		return store_prep_failed(s);
	sqlite3_bind_int64(st, 1, order_id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		exception_read(st, &e);
		if (fn(&e, arg)) {
			rc = SQLITE_DONE;
			break;
		}
	}
	store_done(st);
	return rc == SQLITE_DONE ? ST_OK : store_fail(s, rc, sql);
}

#define ROW_COLUMNS \
	"e.id, e.order_id, e.kind, e.stage, e.opened_at, e.opened_by, e.description, e.detail, " \
	"e.due_at, coalesce(e.breach_key, ''), e.status, coalesce(e.resolved_at, 0), " \
	"coalesce(e.resolved_by, ''), coalesce(e.cause, ''), coalesce(e.action, ''), " \
	"coalesce(e.result, ''), coalesce(e.note, ''), coalesce(e.related_id, 0), " \
	"o.order_no, o.priority, o.stage, o.due_at, o.stage_at"

static void row_read(sqlite3_stmt *st, struct exception_row *r)
{
	char word[32];
	int c = 18;

	exception_read(st, &r->e);
	store_col_text(st, c++, r->order_no, sizeof r->order_no);
	store_col_text(st, c++, word, sizeof word);
	r->priority = (enum priority)priority_parse(word);
	store_col_text(st, c++, word, sizeof word);
	r->order_stage = (enum stage)stage_parse(word);
	r->order_due_at = (time_t)sqlite3_column_int64(st, c++);
	r->order_stage_at = (time_t)sqlite3_column_int64(st, c++);
}

enum status store_exception_each(struct store *s, const struct exception_filter *f,
                                 int (*fn)(const struct exception_row *r, void *arg), void *arg)
{
	/*
	 * Open ones come from the partial index and sort by the order's class,
	 * then age.  One order's come from an index keyed by the order: a
	 * parameter that may be "any" (?2 = 0) cannot pick an index, and the
	 * order's few would be looked for among every exception.
	 */
	static const char sql_open[] =
		"SELECT " ROW_COLUMNS " FROM exceptions e JOIN orders o ON o.id = e.order_id "
		"WHERE e.status = 'open' AND (?1 IS NULL OR e.kind = ?1) "
		"ORDER BY o.prio_rank, e.opened_at, e.id";
	static const char sql_all[] =
		"SELECT " ROW_COLUMNS " FROM exceptions e JOIN orders o ON o.id = e.order_id "
		"WHERE (?1 IS NULL OR e.kind = ?1) ORDER BY e.opened_at, e.id";
	static const char sql_order_open[] =
		"SELECT " ROW_COLUMNS " FROM exceptions e JOIN orders o ON o.id = e.order_id "
		"WHERE e.order_id = ?2 AND e.status = 'open' AND (?1 IS NULL OR e.kind = ?1) "
		"ORDER BY e.opened_at, e.id";
	static const char sql_order_all[] =
		"SELECT " ROW_COLUMNS " FROM exceptions e JOIN orders o ON o.id = e.order_id "
		"WHERE e.order_id = ?2 AND (?1 IS NULL OR e.kind = ?1) ORDER BY e.opened_at, e.id";
	const char *sql = f->order_id ? (f->open_only ? sql_order_open : sql_order_all)
	                              : (f->open_only ? sql_open : sql_all);
	sqlite3_stmt *st = store_prep(s, sql);
	struct exception_row r;
	int rc;

	if (!st)
		return store_prep_failed(s);
	store_bind_text(st, 1, f->kind >= 0 ? exkind_name((enum exkind)f->kind) : NULL);
	if (f->order_id)
		sqlite3_bind_int64(st, 2, f->order_id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		row_read(st, &r);
		if (fn(&r, arg)) {
			rc = SQLITE_DONE;
			break;
		}
	}
	store_done(st);
	return rc == SQLITE_DONE ? ST_OK : store_fail(s, rc, sql);
}

enum status store_exception_count_open(struct store *s, int counts[EXKIND_COUNT], int *total)
{
	static const char sql[] =
		"SELECT kind, count(*) FROM exceptions WHERE status = 'open' GROUP BY kind";
	sqlite3_stmt *st = store_prep(s, sql);
	char word[32];
	int rc;

	for (int k = 0; k < EXKIND_COUNT; k++)
		counts[k] = 0;
	*total = 0;
	if (!st)
		return store_prep_failed(s);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		store_col_text(st, 0, word, sizeof word);
		int k = exkind_parse(word);
		int n = sqlite3_column_int(st, 1);
		if (k >= 0)
			counts[k] = n;
		*total += n;
	}
	store_done(st);
	return rc == SQLITE_DONE ? ST_OK : store_fail(s, rc, sql);
}

enum status store_exception_find_open(struct store *s, long long order_id, enum exkind kind,
                                      struct exception_rec *e)
{
	static const char sql[] =
		"SELECT " EXC_COLUMNS " FROM exceptions WHERE order_id = ?1 AND kind = ?2 "
		"AND status = 'open' ORDER BY opened_at, id LIMIT 1";
	sqlite3_stmt *st = store_prep(s, sql);
	int rc;

	memset(e, 0, sizeof *e);
	if (!st)
		return store_prep_failed(s);
	sqlite3_bind_int64(st, 1, order_id);
	sqlite3_bind_text(st, 2, exkind_name(kind), -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		exception_read(st, e);
	store_done(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? ST_OK : store_fail(s, rc, sql);
}

enum status store_exception_overdue(struct store *s, enum stage stage, time_t now,
                                    struct overdue_order *out, int max, int *n)
{
	/*
	 * The breach key is defined here once: the kind, the order, the stage
	 * whose clock ran out and when that clock started.  new and review
	 * share one clock from receipt, so they share one key; transit's key
	 * also carries the due time, so a new ETA that runs out again is a new
	 * delay.  The range on (stage, due_at) is the orders_due index.
	 */
	static const char sql[] =
		"SELECT id, order_no, stage, priority, received_at, stage_at, due_at, k FROM ("
		" SELECT id, order_no, stage, priority, received_at, stage_at, due_at,"
		"  CASE WHEN stage IN ('new', 'review') THEN 'sla_breach:' || id || ':new:' || received_at"
		"       WHEN stage = 'transit' THEN 'logistics_delay:' || id || ':transit:' || stage_at || ':' || due_at"
		"       ELSE 'sla_breach:' || id || ':' || stage || ':' || stage_at END AS k"
		" FROM orders WHERE stage = ?1 AND due_at > 0 AND due_at <= ?2) AS c "
		"WHERE NOT EXISTS (SELECT 1 FROM exceptions x WHERE x.breach_key = c.k) "
		"ORDER BY due_at, id LIMIT ?3";
	sqlite3_stmt *st = store_prep(s, sql);
	char word[32];
	int rc;

	*n = 0;
	if (!st)
		return store_prep_failed(s);
	sqlite3_bind_text(st, 1, stage_name(stage), -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, now);
	sqlite3_bind_int(st, 3, max);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW && *n < max) {
		struct overdue_order *o = &out[(*n)++];
		o->order_id = sqlite3_column_int64(st, 0);
		store_col_text(st, 1, o->order_no, sizeof o->order_no);
		store_col_text(st, 2, word, sizeof word);
		o->stage = (enum stage)stage_parse(word);
		store_col_text(st, 3, word, sizeof word);
		o->priority = (enum priority)priority_parse(word);
		o->received_at = (time_t)sqlite3_column_int64(st, 4);
		o->stage_at = (time_t)sqlite3_column_int64(st, 5);
		o->due_at = (time_t)sqlite3_column_int64(st, 6);
		store_col_text(st, 7, o->breach_key, sizeof o->breach_key);
	}
	store_done(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? ST_OK : store_fail(s, rc, sql);
}

enum status store_exception_unescalated(struct store *s, enum exkind kind, const char *prefix,
                                        int (*fn)(const struct exception_rec *e, void *arg),
                                        void *arg)
{
	static const char sql[] =
		"SELECT " EXC_COLUMNS " FROM exceptions e WHERE e.status = 'open' AND e.kind = ?1 "
		"AND NOT EXISTS (SELECT 1 FROM escalations x WHERE x.dedupe_key = ?2 || ':' || e.id) "
		"ORDER BY e.opened_at, e.id";
	sqlite3_stmt *st = store_prep(s, sql);
	struct exception_rec e;
	int rc;

	if (!st)
		return store_prep_failed(s);
	sqlite3_bind_text(st, 1, exkind_name(kind), -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, prefix, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		exception_read(st, &e);
		if (fn(&e, arg)) {
			rc = SQLITE_DONE;
			break;
		}
	}
	store_done(st);
	return rc == SQLITE_DONE ? ST_OK : store_fail(s, rc, sql);
}

enum status store_exception_order_due(struct store *s, long long order_id, time_t due_at)
{
	static const char sql[] =
		"UPDATE orders SET due_at = ?2, version = version + 1 WHERE id = ?1";
	sqlite3_stmt *st = store_prep(s, sql);
	enum status r;

	if (!st)
		return store_prep_failed(s);
	sqlite3_bind_int64(st, 1, order_id);
	sqlite3_bind_int64(st, 2, due_at);
	if ((r = store_exec_stmt(s, st, sql)) != ST_OK)
		return r;
	return store_changes(s) == 1 ? ST_OK : ST_REFUSED;
}

enum status store_exception_merge_lines(struct store *s, long long from_id, long long into_id)
{
	static const char sql_copy[] =
		"INSERT INTO order_lines (order_id, line_no, sku, name, qty, unit_price_cents) "
		"SELECT ?2, (SELECT coalesce(max(line_no), 0) FROM order_lines WHERE order_id = ?2) "
		"+ row_number() OVER (ORDER BY line_no), sku, name, qty, unit_price_cents "
		"FROM order_lines WHERE order_id = ?1 ORDER BY line_no";
	static const char sql_count[] =
		"UPDATE orders SET lines = (SELECT count(*) FROM order_lines WHERE order_id = ?1), "
		"items = (SELECT coalesce(sum(qty), 0) FROM order_lines WHERE order_id = ?1), "
		"total_cents = (SELECT coalesce(sum(qty * unit_price_cents), 0) FROM order_lines "
		"WHERE order_id = ?1), version = version + 1 WHERE id = ?1";
	sqlite3_stmt *st = store_prep(s, sql_copy);
	enum status r;

	if (!st)
		return store_prep_failed(s);
	sqlite3_bind_int64(st, 1, from_id);
	sqlite3_bind_int64(st, 2, into_id);
	if ((r = store_exec_stmt(s, st, sql_copy)) != ST_OK)
		return r;
	if (!(st = store_prep(s, sql_count)))
		return store_prep_failed(s);
	sqlite3_bind_int64(st, 1, into_id);
	return store_exec_stmt(s, st, sql_count);
}
