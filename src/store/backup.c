/* Whole-store copies with SQLite's online backup API. */
#include "ordesk/store_backup.h"
#include "ordesk/i18n.h"
#include "ordesk/text.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
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

enum status store_backup(struct store *s, const char *dest, char *err, size_t size)
{
	sqlite3 *to = NULL;
	int fd, rc;

	fd = open(dest, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
	if (fd < 0) {
		if (errno == EEXIST) {
			snprintf(err, size, _("%s exists already; back up to a new file"), dest);
			return ST_REFUSED;
		}
		snprintf(err, size, _("cannot create %s: %s"), dest, strerror(errno));
		return ST_IOERR;
	}
	close(fd);
	rc = sqlite3_open_v2(dest, &to, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL);
	if (rc == SQLITE_OK)
		rc = copy_all(to, store_db(s));
	if (rc != SQLITE_OK) {
		snprintf(err, size, _("backing up to %s failed: %s"), dest,
		         to ? sqlite3_errmsg(to) : sqlite3_errstr(rc));
		sqlite3_close(to);
		unlink(dest);
		return status_of(rc);
	}
	if (sqlite3_close(to) != SQLITE_OK) {
		snprintf(err, size, _("closing %s failed"), dest);
		return ST_IOERR;
	}
	return ST_OK;
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

enum status store_restore(struct store *s, const char *src, char *err, size_t size)
{
	struct stat a, b;
	sqlite3 *from = NULL;
	enum status st;
	int rc;

	if (stat(src, &a) != 0) {
		snprintf(err, size, _("cannot read %s: %s"), src, strerror(errno));
		return ST_IOERR;
	}
	if (stat(store_path(s), &b) == 0 && a.st_dev == b.st_dev && a.st_ino == b.st_ino) {
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
	rc = copy_all(store_db(s), from);
	if (rc != SQLITE_OK) {
		snprintf(err, size, _("restoring from %s failed: %s"), src, sqlite3_errmsg(store_db(s)));
		sqlite3_close(from);
		return status_of(rc);
	}
	sqlite3_close(from);
	return ST_OK;
}
