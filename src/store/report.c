/* What the reports read, and the improvement actions of the weekly review. */
#include "ordesk/store_report.h"

#include <string.h>

static const char *col(sqlite3_stmt *st, int i)
{
	const unsigned char *t = sqlite3_column_text(st, i);
	return t ? (const char *)t : "";
}

enum status store_report_received(struct store *s, time_t start, time_t end, long *received,
                                  long *with_exception)
{
	static const char sql_n[] =
		"SELECT count(*) FROM orders WHERE received_at >= ?1 AND received_at < ?2";
	/* An exception is opened after its order arrived: walk the exceptions
	 * opened since start and keep those whose order arrived in the period. */
	static const char sql_e[] =
		"SELECT count(DISTINCT e.order_id) FROM exceptions e JOIN orders o ON o.id = e.order_id "
		"WHERE e.opened_at >= ?1 AND o.received_at >= ?1 AND o.received_at < ?2";
	const char *sqls[2] = { sql_n, sql_e };
	long *outs[2] = { received, with_exception };

	for (int i = 0; i < 2; i++) {
		sqlite3_stmt *st = store_prep(s, sqls[i]);
		int rc;
		if (!st)
			return ST_INTERNAL;
		sqlite3_bind_int64(st, 1, start);
		sqlite3_bind_int64(st, 2, end);
		rc = sqlite3_step(st);
		*outs[i] = rc == SQLITE_ROW ? (long)sqlite3_column_int64(st, 0) : 0;
		store_done(st);
		if (rc != SQLITE_ROW)
			return store_fail(s, rc, sqls[i]);
	}
	return ST_OK;
}

#define ORDER_COLS \
	"o.received_at, o.promise_at, o.t_review, o.t_locked, o.t_picking, o.t_shipped, " \
	"o.t_transit, o.t_done, o.prev_on_time, o.channel, o.carrier"

static enum status order_walk(struct store *s, sqlite3_stmt *st, const char *sql, time_t start,
                              time_t end, int extra, rep_order_fn fn, void *arg)
{
	struct rep_order_row r;
	int rc;

	if (!st)
		return ST_INTERNAL;
	sqlite3_bind_int64(st, 1, start);
	sqlite3_bind_int64(st, 2, end);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int c = 0;
		memset(&r, 0, sizeof r);
		r.received_at = (time_t)sqlite3_column_int64(st, c++);
		r.promise_at = (time_t)sqlite3_column_int64(st, c++);
		r.t_stage[STAGE_NEW] = r.received_at;
		for (int k = STAGE_REVIEW; k <= STAGE_DONE; k++)
			r.t_stage[k] = (time_t)sqlite3_column_int64(st, c++);
		r.prev_on_time = sqlite3_column_int(st, c++);
		r.channel = col(st, c++);
		r.carrier = col(st, c++);
		if (extra) {
			r.had_exception = sqlite3_column_int(st, c++);
			r.split = sqlite3_column_int(st, c++);
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
		"SELECT " ORDER_COLS " FROM orders o "
		"WHERE o.t_shipped > 0 AND o.t_shipped >= ?1 AND o.t_shipped < ?2";

	return order_walk(s, store_prep(s, sql), sql, start, end, 0, fn, arg);
}

enum status store_report_delivered(struct store *s, time_t start, time_t end, rep_order_fn fn,
                                   void *arg)
{
	static const char sql[] =
		"SELECT " ORDER_COLS ", "
		"EXISTS (SELECT 1 FROM exceptions e WHERE e.order_id = o.id), "
		"EXISTS (SELECT 1 FROM orders c WHERE c.parent_id = o.id) "
		"FROM orders o WHERE o.t_done > 0 AND o.t_done >= ?1 AND o.t_done < ?2";

	return order_walk(s, store_prep(s, sql), sql, start, end, 1, fn, arg);
}

#define EXC_COLS \
	"e.id, o.order_no, o.channel, o.carrier, e.kind, e.stage, coalesce(e.cause, ''), " \
	"e.opened_at, e.opened_by, e.description, e.detail, coalesce(e.action, ''), " \
	"coalesce(e.result, ''), coalesce(e.resolved_at, 0), coalesce(e.resolved_by, '')"

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
		return ST_INTERNAL;
	sqlite3_bind_int64(st, 1, start);
	sqlite3_bind_int64(st, 2, end);
	return exc_walk(s, st, sql, fn, arg);
}

enum status store_report_open_at(struct store *s, time_t t, rep_exc_fn fn, void *arg)
{
	static const char sql[] =
		"SELECT " EXC_COLS " FROM exceptions e JOIN orders o ON o.id = e.order_id "
		"WHERE e.status = 'open' AND e.opened_at < ?1 "
		"UNION ALL "
		"SELECT " EXC_COLS " FROM exceptions e JOIN orders o ON o.id = e.order_id "
		"WHERE e.resolved_at IS NOT NULL AND e.resolved_at >= ?1 AND e.opened_at < ?1 "
		"ORDER BY 8, 1";
	sqlite3_stmt *st = store_prep(s, sql);

	if (!st)
		return ST_INTERNAL;
	sqlite3_bind_int64(st, 1, t);
	return exc_walk(s, st, sql, fn, arg);
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
		return ST_INTERNAL;
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
		return ST_INTERNAL;
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
		return ST_INTERNAL;
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
		return ST_INTERNAL;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, at);
	sqlite3_bind_text(st, 3, by, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, note ? note : "", -1, SQLITE_STATIC);
	if ((r = store_exec_stmt(s, st, sql)) != ST_OK)
		return r;
	return sqlite3_changes(store_db(s)) == 1 ? ST_OK : ST_REFUSED;
}
