/* Users and their roles. */
#include "ordesk/store_user.h"

enum status store_user_role(struct store *s, const char *login, enum role *role, int *found)
{
	static const char sql[] = "SELECT role FROM users WHERE login = ?1";
	sqlite3_stmt *st = store_prep(s, sql);
	char word[32];
	int rc;

	*found = 0;
	*role = ROLE_VIEWER;
	if (!st)
		return store_prep_failed(s);
	sqlite3_bind_text(st, 1, login, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		store_col_text(st, 0, word, sizeof word);
		int r = role_parse(word);
		*role = r < 0 ? ROLE_VIEWER : (enum role)r;
		*found = 1;
	}
	store_done(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? ST_OK : store_fail(s, rc, sql);
}

enum status store_user_put(struct store *s, const char *login, enum role role, time_t at,
                           const char *by)
{
	static const char sql[] =
		"INSERT INTO users (login, role, added_at, added_by) VALUES (?1, ?2, ?3, ?4) "
		"ON CONFLICT (login) DO UPDATE SET role = excluded.role";
	sqlite3_stmt *st = store_prep(s, sql);

	if (!st)
		return store_prep_failed(s);
	sqlite3_bind_text(st, 1, login, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, role_name(role), -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 3, at);
	sqlite3_bind_text(st, 4, by, -1, SQLITE_STATIC);
	return store_exec_stmt(s, st, sql);
}

enum status store_user_count(struct store *s, int *n)
{
	static const char sql[] = "SELECT count(*) FROM users";
	long long v;
	enum status st = store_scalar(s, sql, &v);

	*n = (int)v;
	return st;
}

enum status store_user_each(struct store *s, int (*fn)(const struct user_row *u, void *arg),
                            void *arg)
{
	static const char sql[] = "SELECT login, role, added_at, added_by FROM users ORDER BY login";
	sqlite3_stmt *st = store_prep(s, sql);
	struct user_row u;
	char word[32];
	int rc;

	if (!st)
		return store_prep_failed(s);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		store_col_text(st, 0, u.login, sizeof u.login);
		store_col_text(st, 1, word, sizeof word);
		u.role = role_parse(word) < 0 ? ROLE_VIEWER : (enum role)role_parse(word);
		u.added_at = (time_t)sqlite3_column_int64(st, 2);
		store_col_text(st, 3, u.added_by, sizeof u.added_by);
		if (fn(&u, arg)) {
			rc = SQLITE_DONE;
			break;
		}
	}
	store_done(st);
	return rc == SQLITE_DONE ? ST_OK : store_fail(s, rc, sql);
}
