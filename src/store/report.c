/* What the reports read, and the improvement actions of the weekly review. */
#include "ordesk/store_report.h"

#include <string.h>

static const char *col(sqlite3_stmt *st, int i)
{
	const unsigned char *t = sqlite3_column_text(st, i);
	return t ? (const char *)t : "";
}

static enum status id_walk(struct store *s, sqlite3_stmt *st, const char *sql, rep_id_fn fn,
                           void *arg)
{
	int rc;

	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		if (fn(sqlite3_column_int64(st, 0), arg)) {
			rc = SQLITE_DONE;
			break;
		}
	store_done(st);
	return rc == SQLITE_DONE ? ST_OK : store_fail(s, rc, sql);
}

enum status store_report_received(struct store *s, time_t start, time_t end, rep_id_fn fn,
                                  void *arg)
{
	static const char sql[] =
		"SELECT id FROM orders WHERE received_at >= ?1 AND received_at < ?2";
	sqlite3_stmt *st = store_prep(s, sql);

	if (!st)
		return store_prep_failed(s);
	sqlite3_bind_int64(st, 1, start);
	sqlite3_bind_int64(st, 2, end);
	return id_walk(s, st, sql, fn, arg);
}

enum status store_report_exception_orders(struct store *s, rep_id_fn fn, void *arg)
{
	static const char sql[] = "SELECT DISTINCT order_id FROM exceptions ORDER BY order_id";
	sqlite3_stmt *st = store_prep(s, sql);

	return st ? id_walk(s, st, sql, fn, arg) : ST_INTERNAL;
}

enum status store_report_split_orders(struct store *s, rep_id_fn fn, void *arg)
{
	static const char sql[] =
		"SELECT DISTINCT parent_id FROM orders WHERE parent_id IS NOT NULL ORDER BY parent_id";
	sqlite3_stmt *st = store_prep(s, sql);

	return st ? id_walk(s, st, sql, fn, arg) : ST_INTERNAL;
}

/* Both walks read only what their index (orders_shipped, orders_done) holds. */
static enum status order_walk(struct store *s, sqlite3_stmt *st, const char *sql, time_t start,
                              time_t end, int delivered, rep_order_fn fn, void *arg)
{
	struct rep_order_row r;
	int rc;

	if (!st)
		return store_prep_failed(s);
	sqlite3_bind_int64(st, 1, start);
	sqlite3_bind_int64(st, 2, end);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int c = 0;
		memset(&r, 0, sizeof r);
		r.id = sqlite3_column_int64(st, c++);
		r.promise_at = (time_t)sqlite3_column_int64(st, c++);
		if (delivered) {
			for (int k = STAGE_SHIPPED; k <= STAGE_DONE; k++)
				r.t_stage[k] = (time_t)sqlite3_column_int64(st, c++);
			r.prev_on_time = sqlite3_column_int(st, c++);
			r.transit_due = (time_t)sqlite3_column_int64(st, c++);
		} else {
			r.received_at = r.t_stage[STAGE_NEW] = (time_t)sqlite3_column_int64(st, c++);
			for (int k = STAGE_REVIEW; k <= STAGE_SHIPPED; k++)
				r.t_stage[k] = (time_t)sqlite3_column_int64(st, c++);
		}
		if (fn(&r, arg)) {
			rc = SQLITE_DONE;
			break;
		}
	}
	store_done(st);
	return rc == SQLITE_DONE ? ST_OK : store_fail(s, rc, sql);
}

enum status store_report_shipped(struct store *s, time_t start, time_t end, rep_order_fn fn,
                                 void *arg)
{
	static const char sql[] =
		"SELECT id, promise_at, received_at, t_review, t_locked, t_picking, t_shipped "
		"FROM orders WHERE t_shipped > 0 AND t_shipped >= ?1 AND t_shipped < ?2";

	return order_walk(s, store_prep(s, sql), sql, start, end, 0, fn, arg);
}

enum status store_report_shipped_carriers(struct store *s, time_t start, time_t end,
                                          rep_count_fn fn, void *arg)
{
	static const char sql[] =
		"SELECT carrier, count(*) FROM orders "
		"WHERE t_shipped > 0 AND t_shipped >= ?1 AND t_shipped < ?2 GROUP BY carrier";
	sqlite3_stmt *st = store_prep(s, sql);
	int rc;

	if (!st)
		return store_prep_failed(s);
	sqlite3_bind_int64(st, 1, start);
	sqlite3_bind_int64(st, 2, end);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		if (fn(col(st, 0), (long)sqlite3_column_int64(st, 1), arg)) {
			rc = SQLITE_DONE;
			break;
		}
	store_done(st);
	return rc == SQLITE_DONE ? ST_OK : store_fail(s, rc, sql);
}

enum status store_report_delivered(struct store *s, time_t start, time_t end, rep_order_fn fn,
                                   void *arg)
{
	static const char sql[] =
		"SELECT id, promise_at, t_shipped, t_transit, t_done, prev_on_time, transit_due_at "
		"FROM orders WHERE t_done > 0 AND t_done >= ?1 AND t_done < ?2";

	return order_walk(s, store_prep(s, sql), sql, start, end, 1, fn, arg);
}

#define EXC_COLS \
	"e.id, o.order_no, o.channel, o.carrier, e.kind, e.stage, coalesce(e.cause, ''), " \
	"e.opened_at, e.opened_by, e.description, e.detail, coalesce(e.action, ''), " \
	"coalesce(e.result, ''), coalesce(e.note, ''), coalesce(e.resolved_at, 0), " \
	"coalesce(e.resolved_by, '')"

static enum status exc_walk(struct store *s, sqlite3_stmt *st, const char *sql, rep_exc_fn fn,
                            void *arg)
{
	struct rep_exc_row r;
	int rc;

	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int c = 0;
		memset(&r, 0, sizeof r);
		r.id = sqlite3_column_int64(st, c++);
		r.order_no = col(st, c++);
		r.channel = col(st, c++);
		r.carrier = col(st, c++);
		int k = exkind_parse(col(st, c++));
		r.kind = k < 0 ? EXKIND_NEEDS_INFO : (enum exkind)k;
		int g = stage_parse(col(st, c++));
		r.stage = g < 0 ? STAGE_NEW : (enum stage)g;
		const char *cause = col(st, c++);
		r.cause = *cause ? cause_parse(cause) : -1;
		r.opened_at = (time_t)sqlite3_column_int64(st, c++);
		r.opened_by = col(st, c++);
		r.description = col(st, c++);
		r.detail = col(st, c++);
		r.action = col(st, c++);
		r.result = col(st, c++);
		r.note = col(st, c++);
		r.resolved_at = (time_t)sqlite3_column_int64(st, c++);
		r.resolved_by = col(st, c++);
		if (fn(&r, arg)) {
			rc = SQLITE_DONE;
			break;
		}
	}
	store_done(st);
	return rc == SQLITE_DONE ? ST_OK : store_fail(s, rc, sql);
}

enum status store_report_exceptions(struct store *s, time_t start, time_t end, rep_exc_fn fn,
                                    void *arg)
{
	static const char sql[] =
		"SELECT " EXC_COLS " FROM exceptions e JOIN orders o ON o.id = e.order_id "
		"WHERE e.opened_at >= ?1 AND e.opened_at < ?2 "
		"UNION ALL "
		"SELECT " EXC_COLS " FROM exceptions e JOIN orders o ON o.id = e.order_id "
		"WHERE e.resolved_at IS NOT NULL AND e.resolved_at >= ?1 AND e.resolved_at < ?2 "
		"AND e.opened_at < ?1 "
		"ORDER BY 8, 1";
	sqlite3_stmt *st = store_prep(s, sql);

	if (!st)
		return store_prep_failed(s);
	sqlite3_bind_int64(st, 1, start);
	sqlite3_bind_int64(st, 2, end);
	return exc_walk(s, st, sql, fn, arg);
}

static enum status brief_walk(struct store *s, sqlite3_stmt *st, const char *sql, rep_exc_fn fn,
                              void *arg)
{
	struct rep_exc_row r;
	int rc;

	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		memset(&r, 0, sizeof r);
		r.order_no = r.channel = r.carrier = r.opened_by = r.description = r.detail = "";
		r.action = r.result = r.resolved_by = "";
		r.id = sqlite3_column_int64(st, 0);
		int k = exkind_parse(col(st, 1));
		r.kind = k < 0 ? EXKIND_NEEDS_INFO : (enum exkind)k;
		int g = stage_parse(col(st, 2));
		r.stage = g < 0 ? STAGE_NEW : (enum stage)g;
		const char *cause = col(st, 3);
		r.cause = *cause ? cause_parse(cause) : -1;
		r.opened_at = (time_t)sqlite3_column_int64(st, 4);
		r.resolved_at = (time_t)sqlite3_column_int64(st, 5);
		if (fn(&r, arg)) {
			rc = SQLITE_DONE;
			break;
		}
	}
	store_done(st);
	return rc == SQLITE_DONE ? ST_OK : store_fail(s, rc, sql);
}

enum status store_report_exceptions_brief(struct store *s, time_t start, time_t end,
                                          rep_exc_fn fn, void *arg)
{
	static const char sql[] =
		"SELECT id, kind, stage, coalesce(cause, ''), opened_at, coalesce(resolved_at, 0) "
		"FROM exceptions WHERE opened_at >= ?1 AND opened_at < ?2 "
		"UNION ALL "
		"SELECT id, kind, stage, coalesce(cause, ''), opened_at, coalesce(resolved_at, 0) "
		"FROM exceptions WHERE resolved_at IS NOT NULL AND resolved_at >= ?1 AND resolved_at < ?2 "
		"AND opened_at < ?1";
	sqlite3_stmt *st = store_prep(s, sql);

	if (!st)
		return store_prep_failed(s);
	sqlite3_bind_int64(st, 1, start);
	sqlite3_bind_int64(st, 2, end);
	return brief_walk(s, st, sql, fn, arg);
}

enum status store_report_open_at(struct store *s, time_t t, rep_exc_fn fn, void *arg)
{
	/* The first part reads the partial index exceptions_open alone. */
	static const char sql[] =
		"SELECT 0, kind, 'new', '', opened_at, 0 FROM exceptions "
		"WHERE status = 'open' AND opened_at < ?1 "
		"UNION ALL "
		"SELECT id, kind, stage, '', opened_at, 0 FROM exceptions "
		"WHERE resolved_at IS NOT NULL AND resolved_at >= ?1 AND opened_at < ?1";
	sqlite3_stmt *st = store_prep(s, sql);

	if (!st)
		return store_prep_failed(s);
	sqlite3_bind_int64(st, 1, t);
	return brief_walk(s, st, sql, fn, arg);
}

#define ACTION_COLS \
	"id, week, cause, action, owner, due, status, created_at, created_by, " \
	"coalesce(done_at, 0), coalesce(done_by, ''), note"

static enum status action_walk(struct store *s, sqlite3_stmt *st, const char *sql,
                               rep_action_fn fn, void *arg, int *seen)
{
	struct rep_action_row r;
	int rc;

	*seen = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int c = 0;
		memset(&r, 0, sizeof r);
		r.id = sqlite3_column_int64(st, c++);
		r.week = col(st, c++);
		r.cause = col(st, c++);
		r.action = col(st, c++);
		r.owner = col(st, c++);
		r.due = col(st, c++);
		r.done = strcmp(col(st, c++), "done") == 0;
		r.created_at = (time_t)sqlite3_column_int64(st, c++);
		r.created_by = col(st, c++);
		r.done_at = (time_t)sqlite3_column_int64(st, c++);
		r.done_by = col(st, c++);
		r.note = col(st, c++);
		(*seen)++;
		if (fn(&r, arg)) {
			rc = SQLITE_DONE;
			break;
		}
	}
	store_done(st);
	return rc == SQLITE_DONE ? ST_OK : store_fail(s, rc, sql);
}

enum status store_review_each(struct store *s, const char *week, time_t since, int open_only,
                              rep_action_fn fn, void *arg)
{
	static const char sql[] =
		"SELECT " ACTION_COLS " FROM review_actions "
		"WHERE week <= ?1 AND (status = 'open' OR (?3 = 0 AND coalesce(done_at, 0) >= ?2)) "
		"ORDER BY id";
	sqlite3_stmt *st = store_prep(s, sql);
	int seen;

	if (!st)
		return store_prep_failed(s);
	sqlite3_bind_text(st, 1, week, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, since);
	sqlite3_bind_int(st, 3, open_only != 0);
	return action_walk(s, st, sql, fn, arg, &seen);
}

enum status store_review_get(struct store *s, long long id, rep_action_fn fn, void *arg)
{
	static const char sql[] = "SELECT " ACTION_COLS " FROM review_actions WHERE id = ?1";
	sqlite3_stmt *st = store_prep(s, sql);
	int seen;
	enum status r;

	if (!st)
		return store_prep_failed(s);
	sqlite3_bind_int64(st, 1, id);
	if ((r = action_walk(s, st, sql, fn, arg, &seen)) != ST_OK)
		return r;
	return seen ? ST_OK : ST_REFUSED;
}

enum status store_review_add(struct store *s, const char *week, const char *cause,
                             const char *action, const char *owner, const char *due,
                             time_t at, const char *by, long long *id)
{
	static const char sql[] =
		"INSERT INTO review_actions (week, cause, action, owner, due, created_at, created_by) "
		"VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";
	sqlite3_stmt *st = store_prep(s, sql);
	enum status r;

	if (!st)
		return store_prep_failed(s);
	sqlite3_bind_text(st, 1, week, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, cause, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, action, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, owner, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 5, due, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 6, at);
	sqlite3_bind_text(st, 7, by, -1, SQLITE_STATIC);
	if ((r = store_exec_stmt(s, st, sql)) != ST_OK)
		return r;
	*id = sqlite3_last_insert_rowid(store_db(s));
	return ST_OK;
}

enum status store_review_done(struct store *s, long long id, time_t at, const char *by,
                              const char *note)
{
	static const char sql[] =
		"UPDATE review_actions SET status = 'done', done_at = ?2, done_by = ?3, note = ?4 "
		"WHERE id = ?1 AND status = 'open'";
	sqlite3_stmt *st = store_prep(s, sql);
	enum status r;

	if (!st)
		return store_prep_failed(s);
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, at);
	sqlite3_bind_text(st, 3, by, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, note ? note : "", -1, SQLITE_STATIC);
	if ((r = store_exec_stmt(s, st, sql)) != ST_OK)
		return r;
	return store_changes(s) == 1 ? ST_OK : ST_REFUSED;
}
