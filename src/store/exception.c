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
		return ST_INTERNAL;
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
	if (sqlite3_changes(store_db(s)) == 1) {
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
		return ST_INTERNAL;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, at);
	sqlite3_bind_text(st, 3, by, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, cause_name(cause), -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 5, action, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 6, result ? result : "", -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 7, note ? note : "", -1, SQLITE_STATIC);
	if ((r = store_exec_stmt(s, st, sql)) != ST_OK)
		return r;
	return sqlite3_changes(store_db(s)) == 1 ? ST_OK : ST_REFUSED;
}

enum status store_exception_get(struct store *s, long long id, struct exception_rec *e)
{
	static const char sql[] = "SELECT " EXC_COLUMNS " FROM exceptions WHERE id = ?1";
	sqlite3_stmt *st = store_prep(s, sql);
	int rc;

	if (!st)
		return ST_INTERNAL;
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
		return ST_INTERNAL;
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
