/* Whole-store copies with SQLite's online backup API. */
#include "ordesk/store_backup.h"
#include "ordesk/i18n.h"
#include "ordesk/text.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define BACKUP_TRIES 200     /* 200 × 50 ms: ten seconds of others' locks */

/* Copies everything from one connection to the other in one snapshot. */
static int copy_all(sqlite3 *to, sqlite3 *from)
{
	sqlite3_backup *b = sqlite3_backup_init(to, "main", from, "main");
	int rc, tries = 0;

	if (!b)
		return sqlite3_errcode(to);
	do {
		rc = sqlite3_backup_step(b, -1);
		if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
			sqlite3_sleep(50);
	} while ((rc == SQLITE_BUSY || rc == SQLITE_LOCKED || rc == SQLITE_OK) && ++tries < BACKUP_TRIES);
	int fin = sqlite3_backup_finish(b);
	if (rc == SQLITE_DONE)
		return fin;
	return rc == SQLITE_OK ? SQLITE_BUSY : rc;
}

static enum status status_of(int rc)
{
	switch (rc & 0xff) {
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		return ST_BUSY;
	case SQLITE_NOTADB:
	case SQLITE_CORRUPT:
		return ST_DATAERR;
	default:
		return ST_IOERR;
	}
}

static int query_int(sqlite3 *db, const char *sql, int *out)
{
	sqlite3_stmt *st;
	int rc = sqlite3_prepare_v2(db, sql, -1, &st, NULL);

	if (rc != SQLITE_OK)
		return rc;
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*out = sqlite3_column_int(st, 0);
		rc = SQLITE_OK;
	}
	sqlite3_finalize(st);
	return rc;
}

/* The directory of path ("." when it names none) and its last part. */
static void split(const char *path, char *dir, size_t size, const char **base)
{
	const char *slash = strrchr(path, '/');

	if (!slash) {
		text_copy(dir, ".", size);
		*base = path;
		return;
	}
	size_t n = slash == path ? 1 : (size_t)(slash - path);
	if (n >= size)
		n = size - 1;
	memcpy(dir, path, n);
	dir[n] = '\0';
	*base = slash + 1;
}

/* Writes what the file at path holds to the disk, or the directory's entries. */
static int sync_path(const char *path, int directory)
{
	int fd = open(path, (directory ? O_RDONLY | O_DIRECTORY : O_RDWR) | O_CLOEXEC);
	int rc, saved;

	if (fd < 0)
		return -1;
	rc = fsync(fd);
	saved = errno;
	close(fd);
	errno = saved;
	return rc;
}

/* Stamps a copy with ordesk's application_id when its source had none. */
static int stamp(sqlite3 *db)
{
	int app = 0;
	int rc = query_int(db, "PRAGMA application_id", &app);

	if (rc != SQLITE_OK || app == STORE_APPLICATION_ID)
		return rc;
	return sqlite3_exec(db, "PRAGMA application_id = " STORE_APPLICATION_ID_TEXT, NULL, NULL, NULL);
}

enum status store_backup(struct store *s, const char *dest, char *err, size_t size)
{
	char dir[4096], tmp[4200];
	const char *base;
	sqlite3 *to = NULL;
	struct stat sb;
	int fd, rc;

	if (lstat(dest, &sb) == 0) {
		snprintf(err, size, _("%s exists already; back up to a new file"), dest);
		return ST_REFUSED;
	}
	/* Written whole under a temporary name beside it, then linked to its
	 * name: a backup cut short is never found under the name asked for. */
	split(dest, dir, sizeof dir, &base);
	if (!*base) {
		snprintf(err, size, _("cannot create %s: %s"), dest, strerror(EISDIR));
		return ST_IOERR;
	}
	snprintf(tmp, sizeof tmp, "%s/.%s.XXXXXX", dir, base);
	fd = mkstemp(tmp);
	if (fd < 0) {
		snprintf(err, size, _("cannot create %s: %s"), dest, strerror(errno));
		return ST_IOERR;
	}
	close(fd);
	rc = sqlite3_open_v2(tmp, &to, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL);
	if (rc == SQLITE_OK)
		rc = copy_all(to, store_db(s));
	if (rc == SQLITE_OK)
		rc = stamp(to);
	if (rc != SQLITE_OK) {
		snprintf(err, size, _("backing up to %s failed: %s"), dest,
		         to ? sqlite3_errmsg(to) : sqlite3_errstr(rc));
		sqlite3_close(to);
		unlink(tmp);
		return status_of(rc);
	}
	if (sqlite3_close(to) != SQLITE_OK || sync_path(tmp, 0) != 0) {
		snprintf(err, size, _("writing %s failed: %s"), dest, strerror(errno));
		unlink(tmp);
		return ST_IOERR;
	}
	/* link(2) never replaces a file that appeared meanwhile; where the file
	 * system has no links, a rename after one more look. */
	if (link(tmp, dest) != 0) {
		int saved = errno;
		if (saved == EEXIST || !(saved == EPERM || saved == ENOTSUP || saved == ENOSYS) ||
		    lstat(dest, &sb) == 0 || rename(tmp, dest) != 0) {
			if (saved == EEXIST || lstat(dest, &sb) == 0) {
				snprintf(err, size, _("%s exists already; back up to a new file"), dest);
				unlink(tmp);
				return ST_REFUSED;
			}
			snprintf(err, size, _("cannot create %s: %s"), dest, strerror(saved));
			unlink(tmp);
			return ST_IOERR;
		}
	}
	unlink(tmp);
	if (sync_path(dir, 1) != 0) {
		snprintf(err, size, _("writing the directory of %s failed: %s"), dest, strerror(errno));
		return ST_IOERR;
	}
	return ST_OK;
}

/* Whether the file at src is an intact ordesk store this binary can take. */
static enum status check_source(sqlite3 *from, const char *src, char *err, size_t size)
{
	sqlite3_stmt *st;
	int version = -1, admins = 0, ok = 0, rc;

	rc = query_int(from, "PRAGMA user_version", &version);
	if (rc != SQLITE_OK) {
		snprintf(err, size, _("%s is not an ordesk store: %s"), src, sqlite3_errmsg(from));
		return status_of(rc) == ST_IOERR ? ST_IOERR : ST_DATAERR;
	}
	if (version < 1) {
		snprintf(err, size, _("%s is not an ordesk store (no schema)"), src);
		return ST_DATAERR;
	}
	int app = 0;
	if (query_int(from, "PRAGMA application_id", &app) == SQLITE_OK && app != 0 &&
	    app != STORE_APPLICATION_ID) {
		snprintf(err, size, _("%s is not an ordesk store: it belongs to another application "
		                      "(application_id %d)"), src, app);
		return ST_DATAERR;
	}
	if (version > store_schema_version()) {
		snprintf(err, size, _("%s has schema version %d, newer than this ordesk knows (%d)"), src,
		         version, store_schema_version());
		return ST_REFUSED;
	}
	if (sqlite3_prepare_v2(from, "PRAGMA quick_check", -1, &st, NULL) == SQLITE_OK) {
		if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0) &&
		    strcmp((const char *)sqlite3_column_text(st, 0), "ok") == 0)
			ok = 1;
		sqlite3_finalize(st);
	}
	if (!ok) {
		snprintf(err, size, _("%s is damaged (PRAGMA quick_check fails); it cannot be restored"), src);
		return ST_DATAERR;
	}
	if (query_int(from, "SELECT count(*) FROM users WHERE role = 'admin'", &admins) != SQLITE_OK) {
		snprintf(err, size, _("%s is not an ordesk store: %s"), src, sqlite3_errmsg(from));
		return ST_DATAERR;
	}
	if (admins == 0) {
		snprintf(err, size, _("%s has no admin: restoring it would leave nobody to manage the store"), src);
		return ST_REFUSED;
	}
	return ST_OK;
}

enum status store_restore(struct store *s, const char *src, time_t at, const char *actor,
                          const struct event_rec *ev, char *err, size_t size)
{
	struct stat a, b;
	sqlite3 *from = NULL, *stage = NULL;
	struct store *staged = NULL;
	enum status st;
	int fd, rc;

	/* Without blocking and only a regular file: a FIFO or a device would hang or lie. */
	fd = open(src, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
	if (fd < 0 || fstat(fd, &a) != 0) {
		snprintf(err, size, _("cannot read %s: %s"), src, strerror(errno));
		if (fd >= 0)
			close(fd);
		return ST_IOERR;
	}
	close(fd);
	if (!S_ISREG(a.st_mode)) {
		snprintf(err, size, _("%s is not an ordesk store: not a regular file"), src);
		return ST_DATAERR;
	}
	if (stat(store_real_path(s), &b) == 0 && a.st_dev == b.st_dev && a.st_ino == b.st_ino) {
		snprintf(err, size, _("%s is the store itself"), src);
		return ST_REFUSED;
	}
	rc = sqlite3_open_v2(src, &from, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, NULL);
	if (rc != SQLITE_OK) {
		snprintf(err, size, _("cannot open %s: %s"), src,
		         from ? sqlite3_errmsg(from) : sqlite3_errstr(rc));
		sqlite3_close(from);
		return ST_IOERR;
	}
	if ((st = check_source(from, src, err, size)) != ST_OK) {
		sqlite3_close(from);
		return st;
	}
	/*
	 * The backup goes first into a private temporary database (SQLite's
	 * own, on disk, gone when closed), where the event that records the
	 * restore is added; that copy then replaces the store in one write
	 * transaction: the store is either as it was, or the backup with its
	 * event, whenever the run is cut short.
	 */
	rc = sqlite3_open_v2("", &stage, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL);
	if (rc == SQLITE_OK)
		rc = copy_all(stage, from);
	sqlite3_close(from);
	if (rc == SQLITE_OK)
		rc = stamp(stage);
	if (rc != SQLITE_OK) {
		snprintf(err, size, _("restoring from %s failed: %s"), src,
		         stage ? sqlite3_errmsg(stage) : sqlite3_errstr(rc));
		sqlite3_close(stage);
		return status_of(rc);
	}
	if ((st = store_adopt(stage, &staged)) != ST_OK) {
		snprintf(err, size, "%s", _("out of memory"));
		return st;
	}
	if ((st = store_begin(staged)) != ST_OK || (st = store_event_add(staged, at, actor, ev)) != ST_OK ||
	    (st = store_commit(staged)) != ST_OK) {
		snprintf(err, size, _("restoring from %s failed: %s"), src, store_errmsg(staged));
		store_rollback(staged);
		store_close(staged);
		return st;
	}
	rc = copy_all(store_db(s), store_db(staged));
	if (rc != SQLITE_OK) {
		snprintf(err, size, _("restoring from %s failed: %s"), src, sqlite3_errmsg(store_db(s)));
		store_close(staged);
		return status_of(rc);
	}
	store_close(staged);
	return ST_OK;
}
