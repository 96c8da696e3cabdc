/* The store's connection: settings on open, migrations, transactions, statements. */
#include "ordesk/store.h"
#include "ordesk/clock.h"
#include "ordesk/store_fs.h"
#include "ordesk/embedded.h"
#include "ordesk/i18n.h"
#include "ordesk/text.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define STMT_CACHE 512
#define BUSY_TIMEOUT_MS 5000
#define BUSY_STEP_MS 20

struct cached_stmt {
	const char *sql;
	sqlite3_stmt *st;
};

struct store {
	sqlite3 *db;
	char path[4096];   /* as given, for messages */
	char real[4096];   /* every link followed: what is opened */
	char err[1024];
	int in_tx;
	int unstamped;     /* an ordesk store without its application_id yet */
	dev_t dev;         /* the file opened, to notice when the path stops naming it */
	ino_t ino;
	int placed;        /* dev and ino are known */
	enum status failed;   /* what the last store_fail meant */
	void (*busy_notify)(void *arg);   /* told when a statement starts waiting */
	void *busy_arg;
	struct cached_stmt cache[STMT_CACHE];
};

sqlite3 *store_db(struct store *s) { return s->db; }
const char *store_path(const struct store *s) { return s->path; }
const char *store_real_path(const struct store *s) { return s->real; }

enum status store_adopt(sqlite3 *db, struct store **out)
{
	struct store *s = calloc(1, sizeof *s);

	*out = s;
	if (!s) {
		sqlite3_close(db);
		return ST_INTERNAL;
	}
	s->db = db;
	sqlite3_extended_result_codes(db, 1);
	return ST_OK;
}
const char *store_errmsg(const struct store *s) { return s->err; }
int store_in_tx(const struct store *s) { return s->in_tx; }

/* The status an SQLite result code means, at every call. */
static enum status status_of(int rc)
{
	switch (rc & 0xff) {
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		return ST_BUSY;
	case SQLITE_IOERR:
	case SQLITE_FULL:
	case SQLITE_CANTOPEN:
	case SQLITE_READONLY:
	case SQLITE_PERM:
	case SQLITE_NOLFS:
		return ST_IOERR;
	case SQLITE_CONSTRAINT:
		return ST_REFUSED;
	default:
		return ST_INTERNAL;
	}
}

enum status store_fail(struct store *s, int rc, const char *sql)
{
	const char *msg = s->db ? sqlite3_errmsg(s->db) : sqlite3_errstr(rc);
	char q[160];

	text_fit(sql ? sql : "", 120, q, sizeof q);
	for (char *p = q; *p; p++)
		if (*p == '\n' || *p == '\t')
			*p = ' ';
	snprintf(s->err, sizeof s->err, "%s (in: %s)", msg, q);
	if (status_of(rc) == ST_BUSY)
		snprintf(s->err, sizeof s->err, "%s",
		         _("the store is locked by another ordesk; try again in a moment"));
	s->failed = status_of(rc);
	return s->failed;
}

enum status store_prep_failed(const struct store *s)
{
	return s->failed != ST_OK ? s->failed : ST_INTERNAL;
}

/* Index of the embedded migration files, in number order (the table is sorted). */
static int migration_number(const char *name)
{
	const char *base = strrchr(name, '/');
	return base ? atoi(base + 1) : 0;
}

int store_schema_version(void)
{
	int v = 0;

	for (const struct embedded_file *f = embedded_files; f->name; f++)
		if (strncmp(f->name, "migrations/", 11) == 0 && migration_number(f->name) > v)
			v = migration_number(f->name);
	return v;
}

static int pragma_int(sqlite3 *db, const char *sql)
{
	sqlite3_stmt *st;
	int v = -1;

	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
		return -1;
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return v;
}

static enum status migrate(struct store *s, int from)
{
	int to = store_schema_version();
	enum status st;
	char *msg = NULL;

	if ((st = store_begin(s)) != ST_OK)
		return st;
	/* Another process may have migrated while we waited for the lock. */
	from = pragma_int(s->db, "PRAGMA user_version");
	for (int v = from + 1; v <= to; v++) {
		const struct embedded_file *f;
		for (f = embedded_files; f->name; f++)
			if (strncmp(f->name, "migrations/", 11) == 0 && migration_number(f->name) == v)
				break;
		if (!f->name) {
			snprintf(s->err, sizeof s->err, _("schema migration %d is missing from this build"), v);
			store_rollback(s);
			return ST_INTERNAL;
		}
		if (sqlite3_exec(s->db, f->text, NULL, NULL, &msg) != SQLITE_OK) {
			snprintf(s->err, sizeof s->err, _("schema migration %s failed: %s"), f->name,
			         msg ? msg : "?");
			sqlite3_free(msg);
			store_rollback(s);
			return ST_INTERNAL;
		}
	}
	char pragma[64];
	snprintf(pragma, sizeof pragma, "PRAGMA user_version = %d", to);
	if (sqlite3_exec(s->db, pragma, NULL, NULL, NULL) != SQLITE_OK) {
		store_rollback(s);
		return store_fail(s, sqlite3_errcode(s->db), pragma);
	}
	return store_commit(s);
}

/* Why the first read of the store at path failed, honestly: locked, an I/O
 * failure (naming a directory that keeps the -wal from being made), or a
 * file that is no database. */
static enum status first_read_failed(struct store *s, const char *path, int rc, char *err, size_t size)
{
	char dir[4096], wal[4120];
	enum status st = status_of(rc);

	text_copy(dir, s->real, sizeof dir);
	char *slash = strrchr(dir, '/');
	if (slash)
		*(slash == dir ? slash + 1 : slash) = '\0';
	snprintf(wal, sizeof wal, "%s-wal", s->real);
	switch (rc & 0xff) {
	case SQLITE_NOTADB:
	case SQLITE_CORRUPT:
		snprintf(err, size, _("%s is not an ordesk store: %s"), path, sqlite3_errmsg(s->db));
		return ST_DATAERR;
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		snprintf(err, size, _("the store %s stayed locked by another program; try again in a moment"),
		         path);
		return ST_BUSY;
	default:
		break;
	}
	if (((rc & 0xff) == SQLITE_CANTOPEN || (rc & 0xff) == SQLITE_READONLY) &&
	    access(dir, W_OK) != 0 && access(wal, F_OK) != 0)
		snprintf(err, size,
		         _("cannot read the store %s: its directory %s may not be written, and SQLite "
		           "needs to make the store's -wal file there even to read"), path, dir);
	else
		snprintf(err, size, _("cannot read the store %s: %s"), path, sqlite3_errmsg(s->db));
	return st == ST_INTERNAL ? ST_IOERR : st;
}

/*
 * Whether the open file is an ordesk store, by reads alone: stamped with
 * ordesk's application_id; or, from before the stamp, unstamped with
 * ordesk's tables (stamped at its next write); or, with create, empty.
 */
static enum status identify(struct store *s, const char *path, unsigned flags, int *version,
                            char *err, size_t size)
{
	/* One statement, so one snapshot: read apart, a store another ordesk
	 * created between two reads looked like tables without ordesk's stamp. */
	static const char sql[] =
		"SELECT (SELECT application_id FROM pragma_application_id), "
		"(SELECT user_version FROM pragma_user_version), count(*), "
		"coalesce(sum(name IN ('orders', 'events', 'users', 'settings')), 0) "
		"FROM sqlite_master WHERE type = 'table'";
	sqlite3_stmt *st;
	int rc, app = 0, tables = 0, ours = 0;

	if (flags & STORE_MEMORY) {
		*version = pragma_int(s->db, "PRAGMA user_version");
		s->unstamped = 1;
		return ST_OK;
	}
	if ((rc = sqlite3_prepare_v2(s->db, sql, -1, &st, NULL)) != SQLITE_OK)
		return first_read_failed(s, path, rc, err, size);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		app = sqlite3_column_int(st, 0);
		*version = sqlite3_column_int(st, 1);
		tables = sqlite3_column_int(st, 2);
		ours = sqlite3_column_int(st, 3);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW)
		return first_read_failed(s, path, rc, err, size);

	if (app == STORE_APPLICATION_ID)
		return ST_OK;
	if (app != 0) {
		snprintf(err, size, _("%s is not an ordesk store: it belongs to another application "
		                      "(application_id %d)"), path, app);
		return ST_DATAERR;
	}
	s->unstamped = 1;
	if (ours == 4 && *version >= 1)
		return ST_OK;
	if (tables == 0 && *version == 0) {
		if (flags & STORE_CREATE)
			return ST_OK;
		snprintf(err, size, _("%s is not an ordesk store: the database is empty ('ordesk init' makes a store)"),
		         path);
		return ST_DATAERR;
	}
	snprintf(err, size, _("%s is not an ordesk store: its tables are another application's"), path);
	return ST_DATAERR;
}

enum status store_open(const char *path, unsigned flags, struct store **out,
                       char *err, size_t err_size)
{
	struct store *s = calloc(1, sizeof *s);
	int oflags = SQLITE_OPEN_NOMUTEX;
	enum status st = ST_OK;
	int rc, version = 0;
	char mode[16] = "";

	*out = NULL;
	/* Before SQLite's first use: no global allocation statistics, which
	 * cost a lock and bookkeeping on every malloc of every statement. */
	static int configured;
	if (!configured) {
		sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
		configured = 1;
	}
	if (!s) {
		snprintf(err, err_size, "%s", _("out of memory"));
		return ST_INTERNAL;
	}
	if (flags & STORE_MEMORY)
		path = ":memory:";
	text_copy(s->path, path, sizeof s->path);
	if (!(flags & STORE_MEMORY) && !(flags & STORE_CREATE) &&
	    faccessat(AT_FDCWD, path, F_OK, AT_EACCESS) != 0) {   /* effective ids: setgid */
		if (errno == ENOENT || errno == ENOTDIR)
			snprintf(err, err_size, _("no store at %s: create one with 'ordesk init' or 'ordesk demo'"),
			         path);
		else
			snprintf(err, err_size, _("cannot reach the store %s: %s"), path, strerror(errno));
		free(s);
		return ST_IOERR;
	}
	if (!(flags & STORE_MEMORY) &&
	    (st = store_fs_prepare(path, (flags & STORE_CREATE) != 0, s->real, sizeof s->real,
	                           err, err_size)) != ST_OK) {
		free(s);
		return st;
	}
	if (flags & STORE_MEMORY)
		text_copy(s->real, path, sizeof s->real);
	oflags |= (flags & STORE_READONLY) ? SQLITE_OPEN_READONLY
	                                   : SQLITE_OPEN_READWRITE | ((flags & STORE_CREATE) ? SQLITE_OPEN_CREATE : 0);
	rc = sqlite3_open_v2(s->real, &s->db, oflags, NULL);
	if (rc != SQLITE_OK) {
		snprintf(err, err_size, _("cannot open the store %s: %s"), path,
		         s->db ? sqlite3_errmsg(s->db) : sqlite3_errstr(rc));
		store_close(s);
		return ST_IOERR;
	}
	sqlite3_extended_result_codes(s->db, 1);
	store_fs_harden(s->db);   /* before the first read makes the -wal */
	sqlite3_busy_timeout(s->db, BUSY_TIMEOUT_MS);
	sqlite3_db_config(s->db, SQLITE_DBCONFIG_DEFENSIVE, 1, NULL);
	sqlite3_db_config(s->db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, NULL);
	if (sqlite3_exec(s->db, "PRAGMA foreign_keys = ON", NULL, NULL, NULL) != SQLITE_OK)
		goto fail_sql;
	/* REPLACE then fires delete triggers, so it cannot remove an order or an event. */
	if (sqlite3_exec(s->db, "PRAGMA recursive_triggers = ON", NULL, NULL, NULL) != SQLITE_OK)
		goto fail_sql;

	/* The first reads: whose file this is, before anything in it changes. */
	if ((st = identify(s, path, flags, &version, err, err_size)) != ST_OK) {
		store_close(s);
		return st;
	}
	struct stat placed;
	if (!(flags & STORE_MEMORY) && stat(s->real, &placed) == 0) {
		s->dev = placed.st_dev;
		s->ino = placed.st_ino;
		s->placed = 1;
	}
	if (!(flags & (STORE_READONLY | STORE_MEMORY))) {
		sqlite3_stmt *jm;
		if (sqlite3_prepare_v2(s->db, "PRAGMA journal_mode = WAL", -1, &jm, NULL) != SQLITE_OK)
			goto fail_sql;
		/* Switching a new file to WAL needs it to itself, and SQLite does not wait
		 * for that: another process creating the same store at the same moment
		 * answers busy.  Wait as the busy timeout would. */
		int jrc, waited = 0;
		while ((jrc = sqlite3_step(jm)) != SQLITE_ROW && waited < BUSY_TIMEOUT_MS &&
		       ((jrc & 0xff) == SQLITE_BUSY || (jrc & 0xff) == SQLITE_LOCKED)) {
			struct timespec pause = { 0, 10 * 1000000L };
			sqlite3_reset(jm);
			nanosleep(&pause, NULL);
			waited += 10;
		}
		if (jrc == SQLITE_ROW)
			text_copy(mode, (const char *)sqlite3_column_text(jm, 0), sizeof mode);
		sqlite3_finalize(jm);
		if (strcmp(mode, "wal") != 0) {
			int busy = (jrc & 0xff) == SQLITE_BUSY || (jrc & 0xff) == SQLITE_LOCKED;
			if (busy)
				snprintf(err, err_size, _("the store %s is locked by another ordesk; try again in a moment"),
				         path);
			else
				snprintf(err, err_size, _("the store %s cannot use write-ahead logging (journal mode %s)"),
				         path, *mode ? mode : sqlite3_errmsg(s->db));
			store_close(s);
			return busy ? ST_BUSY : ST_IOERR;
		}
	}
	if (sqlite3_exec(s->db, (flags & STORE_FAST) ? "PRAGMA synchronous = NORMAL"
	                                             : "PRAGMA synchronous = FULL",
	                 NULL, NULL, NULL) != SQLITE_OK)
		goto fail_sql;
	/* Bulk writers touch every index at random places: give them a larger page cache. */
	if ((flags & STORE_FAST) &&
	    sqlite3_exec(s->db, "PRAGMA cache_size = -131072", NULL, NULL, NULL) != SQLITE_OK)
		goto fail_sql;

	if (version > store_schema_version()) {
		snprintf(err, err_size,
		         _("the store %s has schema version %d, newer than this ordesk knows (%d): use a newer ordesk"),
		         path, version, store_schema_version());
		store_close(s);
		return ST_REFUSED;
	}
	if (version < store_schema_version()) {
		if (!(flags & (STORE_CREATE | STORE_MEMORY))) {
			snprintf(err, err_size,
			         _("the store %s has schema version %d; run 'ordesk init' to migrate it to %d"),
			         path, version, store_schema_version());
			store_close(s);
			return ST_REFUSED;
		}
		if ((st = migrate(s, version)) != ST_OK) {
			snprintf(err, err_size, "%s", s->err);
			store_close(s);
			return st;
		}
	}
	*out = s;
	return ST_OK;

fail_sql:
	snprintf(err, err_size, _("cannot set up the store %s: %s"), path, sqlite3_errmsg(s->db));
	st = status_of(sqlite3_errcode(s->db));
	if (st == ST_INTERNAL)
		st = ST_IOERR;
	store_close(s);
	return st;
}

void store_close(struct store *s)
{
	if (!s)
		return;
	for (int i = 0; i < STMT_CACHE; i++)
		if (s->cache[i].st)
			sqlite3_finalize(s->cache[i].st);
	if (s->in_tx)
		sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
	sqlite3_close(s->db);
	free(s);
}

enum status store_present(struct store *s)
{
	struct stat now;

	if (!s->placed)
		return ST_OK;
	if (stat(s->real, &now) != 0) {
		snprintf(s->err, sizeof s->err,
		         _("the store %s was removed (%s): nothing more is written to it"),
		         s->path, strerror(errno));
		return ST_IOERR;
	}
	if (now.st_dev != s->dev || now.st_ino != s->ino) {
		snprintf(s->err, sizeof s->err,
		         _("the store %s was replaced by another file: nothing more is written to it"),
		         s->path);
		return ST_IOERR;
	}
	return ST_OK;
}

enum status store_begin(struct store *s)
{
	int rc;
	enum status gone;

	if (s->in_tx) {
		snprintf(s->err, sizeof s->err, "%s", "transaction already open");
		return ST_INTERNAL;
	}
	/* Writing into a file its directory no longer holds would lose it all. */
	if ((gone = store_present(s)) != ST_OK)
		return gone;
	rc = sqlite3_exec(s->db, "BEGIN IMMEDIATE", NULL, NULL, NULL);
	if (rc != SQLITE_OK)
		return store_fail(s, rc, "BEGIN IMMEDIATE");
	s->in_tx = 1;
	/* A store from before the stamp gets it with its first write. */
	if (s->unstamped) {
		static const char stamp[] = "PRAGMA application_id = " STORE_APPLICATION_ID_TEXT;
		if ((rc = sqlite3_exec(s->db, stamp, NULL, NULL, NULL)) != SQLITE_OK) {
			enum status st = store_fail(s, rc, stamp);
			store_rollback(s);
			return st;
		}
	}
	return ST_OK;
}

enum status store_commit(struct store *s)
{
	int rc = sqlite3_exec(s->db, "COMMIT", NULL, NULL, NULL);

	if (rc != SQLITE_OK) {
		enum status st = store_fail(s, rc, "COMMIT");
		store_rollback(s);
		return st;
	}
	s->in_tx = 0;
	s->unstamped = 0;
	return ST_OK;
}

void store_rollback(struct store *s)
{
	if (sqlite3_get_autocommit(s->db) == 0)
		sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
	s->in_tx = 0;
}

enum status store_read_begin(struct store *s)
{
	int rc;

	if (s->in_tx) {
		snprintf(s->err, sizeof s->err, "%s", "transaction already open");
		return ST_INTERNAL;
	}
	rc = sqlite3_exec(s->db, "BEGIN DEFERRED", NULL, NULL, NULL);
	if (rc != SQLITE_OK)
		return store_fail(s, rc, "BEGIN DEFERRED");
	s->in_tx = 1;
	return ST_OK;
}

void store_read_end(struct store *s)
{
	store_rollback(s);
}

sqlite3_stmt *store_prep(struct store *s, const char *sql)
{
	size_t h = ((size_t)(const void *)sql >> 3) % STMT_CACHE;

	for (size_t i = 0; i < STMT_CACHE; i++) {
		struct cached_stmt *c = &s->cache[(h + i) % STMT_CACHE];
		if (c->sql == sql)
			return c->st;
		if (!c->sql) {
			int rc = sqlite3_prepare_v3(s->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &c->st, NULL);
			if (rc != SQLITE_OK) {
				store_fail(s, rc, sql);
				c->st = NULL;
				return NULL;
			}
			c->sql = sql;
			return c->st;
		}
	}
	/* The cache is full: a bug, since SQL texts are constants. */
	snprintf(s->err, sizeof s->err, "%s", "statement cache full");
	s->failed = ST_INTERNAL;
	return NULL;
}

void store_done(sqlite3_stmt *st)
{
	if (st) {
		sqlite3_reset(st);
		sqlite3_clear_bindings(st);
	}
}

enum status store_step_int(struct store *s, sqlite3_stmt *st, const char *sql, long long *out)
{
	int rc = sqlite3_step(st);

	*out = 0;
	if (rc == SQLITE_ROW)
		*out = sqlite3_column_int64(st, 0);
	store_done(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? ST_OK : store_fail(s, rc, sql);
}

enum status store_scalar(struct store *s, const char *sql, long long *out)
{
	sqlite3_stmt *st = store_prep(s, sql);

	*out = 0;
	if (!st)
		return store_prep_failed(s);
	return store_step_int(s, st, sql, out);
}

enum status store_exec_sql(struct store *s, const char *sql)
{
	sqlite3_stmt *st = store_prep(s, sql);

	if (!st)
		return store_prep_failed(s);
	return store_exec_stmt(s, st, sql);
}

int store_changes(struct store *s)
{
	return sqlite3_changes(s->db);
}

enum status store_exec_stmt(struct store *s, sqlite3_stmt *st, const char *sql)
{
	int rc = sqlite3_step(st);

	store_done(st);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW)
		return store_fail(s, rc, sql);
	return ST_OK;
}

long long store_data_version(struct store *s)
{
	static const char sql[] = "PRAGMA data_version";
	long long v;

	return store_scalar(s, sql, &v) == ST_OK ? v : -1;
}

void store_bind_text(sqlite3_stmt *st, int i, const char *v)
{
	if (v)
		sqlite3_bind_text(st, i, v, -1, SQLITE_TRANSIENT);
	else
		sqlite3_bind_null(st, i);
}

void store_col_text(sqlite3_stmt *st, int i, char *buf, size_t size)
{
	const unsigned char *t = sqlite3_column_text(st, i);
	size_t len = text_copy(buf, t ? (const char *)t : "", size);

	/* Cut to the buffer between characters: never leave half of one at the end. */
	if (size > 1 && len >= size) {
		size_t k = size - 1, j = k - 1;
		unsigned char lead;
		while (j > 0 && ((unsigned char)buf[j] & 0xc0) == 0x80)
			j--;
		lead = (unsigned char)buf[j];
		size_t need = lead < 0x80 ? 1 : lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 1;
		if (j + need > k)
			buf[j] = '\0';
	}
}

enum status store_setting_get(struct store *s, const char *key, const char *def,
                              char *buf, size_t size)
{
	static const char sql[] = "SELECT value FROM settings WHERE key = ?1";
	sqlite3_stmt *st = store_prep(s, sql);
	int rc;

	if (!st)
		return store_prep_failed(s);
	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		store_col_text(st, 0, buf, size);
	else
		text_copy(buf, def ? def : "", size);
	store_done(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_fail(s, rc, sql);
	return ST_OK;
}

enum status store_setting_each(struct store *s,
                               void (*fn)(const char *key, const char *value, void *arg), void *arg)
{
	static const char sql[] = "SELECT key, value FROM settings";
	sqlite3_stmt *st = store_prep(s, sql);
	int rc;

	if (!st)
		return store_prep_failed(s);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		fn((const char *)sqlite3_column_text(st, 0), (const char *)sqlite3_column_text(st, 1), arg);
	store_done(st);
	return rc == SQLITE_DONE ? ST_OK : store_fail(s, rc, sql);
}

enum status store_setting_set(struct store *s, const char *key, const char *value)
{
	static const char sql[] =
		"INSERT INTO settings (key, value) VALUES (?1, ?2) "
		"ON CONFLICT (key) DO UPDATE SET value = excluded.value";
	sqlite3_stmt *st = store_prep(s, sql);

	if (!st)
		return store_prep_failed(s);
	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, value, -1, SQLITE_STATIC);
	return store_exec_stmt(s, st, sql);
}

enum status store_holidays(struct store *s, long *days, size_t max, size_t *n)
{
	static const char sql[] = "SELECT day FROM holidays ORDER BY day";
	sqlite3_stmt *st = store_prep(s, sql);
	char day[16];
	int rc;

	*n = 0;
	if (!st)
		return store_prep_failed(s);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		store_col_text(st, 0, day, sizeof day);
		long v = calendar_parse_date(day);
		if (v >= 0 && *n < max)
			days[(*n)++] = v;
	}
	store_done(st);
	return rc == SQLITE_DONE ? ST_OK : store_fail(s, rc, sql);
}

static int busy_wait(void *arg, int count)
{
	struct store *s = arg;
	struct timespec pause = { 0, BUSY_STEP_MS * 1000L * 1000L };

	if (count == 0 && s->busy_notify)
		s->busy_notify(s->busy_arg);
	if (count >= BUSY_TIMEOUT_MS / BUSY_STEP_MS)
		return 0;
	nanosleep(&pause, NULL);
	return 1;
}

void store_on_busy(struct store *s, void (*notify)(void *arg), void *arg)
{
	s->busy_notify = notify;
	s->busy_arg = arg;
	if (notify)
		sqlite3_busy_handler(s->db, busy_wait, s);
	else
		sqlite3_busy_timeout(s->db, BUSY_TIMEOUT_MS);
}

enum status store_event_add(struct store *s, time_t at, const char *actor,
                            const struct event_rec *ev)
{
	static const char sql[] =
		"INSERT INTO events (at, actor, order_id, entity, entity_id, what, from_val, to_val, why, "
		"run_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)";
	sqlite3_stmt *st = store_prep(s, sql);

	if (!st)
		return store_prep_failed(s);
	sqlite3_bind_int64(st, 1, (sqlite3_int64)at);
	sqlite3_bind_text(st, 2, actor, -1, SQLITE_STATIC);
	if (ev->order_id)
		sqlite3_bind_int64(st, 3, ev->order_id);
	sqlite3_bind_text(st, 4, ev->entity ? ev->entity : "order", -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 5, ev->entity_id ? ev->entity_id : "", -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 6, ev->what, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 7, ev->from ? ev->from : "", -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 8, ev->to ? ev->to : "", -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 9, ev->why ? ev->why : "", -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 10, ev->run_by ? ev->run_by : "", -1, SQLITE_STATIC);
	return store_exec_stmt(s, st, sql);
}
