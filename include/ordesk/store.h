#ifndef ORDESK_STORE_H
#define ORDESK_STORE_H

#include <sqlite3.h>
#include <stddef.h>
#include <time.h>

#include "ordesk/status.h"

/*
 * The store: the only module family that speaks SQL.  store.h is the
 * connection, its settings, the schema migrations, transactions and the
 * statement cache; each record family has its own store_*.h.
 *
 * Rules every store function keeps:
 *  - prepared statements with bound parameters only (store_prep);
 *  - writes happen inside store_begin()/store_commit(), which is
 *    BEGIN IMMEDIATE, so a busy store is met at the start, never halfway;
 *  - a statement is reset (store_done) before the function returns, so no
 *    statement stays active while the program waits for a key.
 */
struct store;

enum store_flags {
	STORE_CREATE   = 1 << 0,   /* create the file and the schema if missing */
	STORE_READONLY = 1 << 1,
	STORE_FAST     = 1 << 2,   /* synchronous=NORMAL: for bulk demo and bench stores */
	STORE_MEMORY   = 1 << 3    /* path is ignored: a private in-memory store */
};

/*
 * The application_id in the header of every ordesk store and backup
 * ("ORDK"): a file is opened as a store only when it carries it, or, made
 * before the stamp, has none and ordesk's tables (stamped at its next
 * write).  Anything else is refused before it is changed.
 */
#define STORE_APPLICATION_ID 0x4f52444b
#define STORE_APPLICATION_ID_TEXT "1330791499"

/* The schema version this binary writes (PRAGMA user_version). */
int store_schema_version(void);

/*
 * Opens (and with STORE_CREATE creates and migrates) the store at path.
 * On failure returns the status and writes a sentence into err.
 */
enum status store_open(const char *path, unsigned flags, struct store **out,
                       char *err, size_t err_size);
void store_close(struct store *s);

sqlite3 *store_db(struct store *s);
const char *store_path(const struct store *s);
/* The path with every symbolic link followed: the file that is open. */
const char *store_real_path(const struct store *s);

/* For store/ alone: a struct store around a connection of its own (a
 * staging copy), so the store's functions write into it; store_close
 * closes the connection.  On ST_INTERNAL (no memory) db is closed. */
enum status store_adopt(sqlite3 *db, struct store **out);

/* The last error, naming the query that failed. */
const char *store_errmsg(const struct store *s);

/* Maps an SQLite result code to a status, recording the message. */
enum status store_fail(struct store *s, int rc, const char *sql);

/*
 * ST_OK while the store's path still names the file that was opened;
 * ST_IOERR with a sentence when it was removed (its directory too) or
 * replaced.  store_begin checks it first, so nothing is written into a
 * file that would vanish at close; the board checks it at each tick.
 */
enum status store_present(struct store *s);

/* BEGIN IMMEDIATE.  ST_BUSY when others hold the store past the timeout;
 * ST_IOERR when the store is no longer where it was opened. */
enum status store_begin(struct store *s);
enum status store_commit(struct store *s);
void store_rollback(struct store *s);
int store_in_tx(const struct store *s);

/*
 * A read snapshot: every query between store_read_begin and store_read_end
 * sees the store as of the first one, whatever others commit meanwhile
 * (a deferred transaction that never writes).  Never held across waiting
 * for a key.
 */
enum status store_read_begin(struct store *s);
void store_read_end(struct store *s);

/*
 * A cached prepared statement for a constant SQL text (the cache is keyed
 * by the text's address, so pass string literals).  NULL on error, with
 * store_errmsg set.  store_done resets it and clears its bindings.
 */
sqlite3_stmt *store_prep(struct store *s, const char *sql);
/* The status a failed store_prep means: preparing reads the schema, so a
 * locked store is ST_BUSY and a failing disk ST_IOERR, not a bug. */
enum status store_prep_failed(const struct store *s);
void store_done(sqlite3_stmt *st);

/* Steps a prepared, bound statement and reads column 0 of its first row
 * as an integer (0 when there is no row), then resets it. */
enum status store_step_int(struct store *s, sqlite3_stmt *st, const char *sql, long long *out);
/* The same for a constant query without parameters. */
enum status store_scalar(struct store *s, const char *sql, long long *out);
/* Runs a constant statement without parameters and without rows
 * (SAVEPOINT, RELEASE, ...). */
enum status store_exec_sql(struct store *s, const char *sql);
/* Rows the last INSERT, UPDATE or DELETE changed. */
int store_changes(struct store *s);

/* Steps a statement that returns no rows, then resets it. */
enum status store_exec_stmt(struct store *s, sqlite3_stmt *st, const char *sql);

/* PRAGMA data_version: changes when another connection commits. */
long long store_data_version(struct store *s);

/* Binding helpers that bind NULL for a NULL string. */
void store_bind_text(sqlite3_stmt *st, int i, const char *v);
/* Copies a text column (NULL as "") into buf. */
void store_col_text(sqlite3_stmt *st, int i, char *buf, size_t size);

/* Settings table.  *_get returns def when the key is absent. */
enum status store_setting_get(struct store *s, const char *key, const char *def,
                              char *buf, size_t size);
enum status store_setting_set(struct store *s, const char *key, const char *value);
/* Calls fn for every stored setting. */
enum status store_setting_each(struct store *s,
                               void (*fn)(const char *key, const char *value, void *arg), void *arg);

/* The holidays table as local day numbers (days since 1970-01-01), in date
 * order, at most max; *n gets the count. */
enum status store_holidays(struct store *s, long *days, size_t max, size_t *n);

/*
 * While the store is locked by another writer, calls notify(arg) once at
 * the first wait of each statement and keeps waiting up to the busy
 * timeout; notify NULL goes back to waiting silently.
 */
void store_on_busy(struct store *s, void (*notify)(void *arg), void *arg);

/* Appends to the event log.  order_id 0 for none. */
struct event_rec {
	long long order_id;
	const char *entity;     /* "order", "stock", "exception", "user", "setting", "review" */
	const char *entity_id;
	const char *what;
	const char *from;
	const char *to;
	const char *why;
	const char *run_by;     /* an automatic action: whose board or command ran it */
};
/* The actor of the actions the clocks take by themselves (the sweep). */
#define STORE_ACTOR_AUTOMATIC "sweep"
enum status store_event_add(struct store *s, time_t at, const char *actor,
                            const struct event_rec *ev);

#endif
