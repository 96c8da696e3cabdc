/* Where a store may live: local disks, directories others cannot write. */
#include "ordesk/store_fs.h"
#include "ordesk/i18n.h"
#include "ordesk/text.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#ifdef __linux__
#include <sys/vfs.h>
#endif

/* statfs(2) magic numbers (linux/magic.h and the file systems' sources). */
static const struct {
	unsigned long magic;
	const char *name;
} network_fs[] = {
	{ 0x6969UL, "nfs" },
	{ 0x517bUL, "smb" },
	{ 0xff534d42UL, "cifs" },
	{ 0xfe534d42UL, "smb2" },
	{ 0x5346414fUL, "afs" },
	{ 0x00c36400UL, "ceph" },
	{ 0x0bd00bd0UL, "lustre" },
};

const char *store_fs_network(unsigned long fs_type)
{
	for (size_t i = 0; i < sizeof network_fs / sizeof network_fs[0]; i++)
		if (network_fs[i].magic == (fs_type & 0xffffffffUL))
			return network_fs[i].name;
	return NULL;
}

static int is_setgid(void)
{
	return getegid() != getgid();
}

/* The directory part of path ("." when there is none) and its last part. */
static void split_path(const char *path, char *dir, size_t dsize, const char **base)
{
	const char *slash = strrchr(path, '/');

	if (!slash) {
		text_copy(dir, ".", dsize);
		*base = path;
	} else if (slash == path) {
		text_copy(dir, "/", dsize);
		*base = slash + 1;
	} else {
		size_t n = (size_t)(slash - path);
		if (n >= dsize)
			n = dsize - 1;
		memcpy(dir, path, n);
		dir[n] = '\0';
		*base = slash + 1;
	}
}

int store_fs_resolve(const char *path, char *out, size_t size)
{
	char cur[PATH_MAX], link[PATH_MAX], dir[PATH_MAX], real[PATH_MAX];
	const char *base;
	struct stat st;
	int hops = 0;

	if (text_copy(cur, path, sizeof cur) >= sizeof cur) {
		errno = ENAMETOOLONG;
		return -1;
	}
	/* Follow the last part's links by hand: the file they name may not exist yet. */
	while (lstat(cur, &st) == 0 && S_ISLNK(st.st_mode)) {
		ssize_t n = readlink(cur, link, sizeof link - 1);
		if (n < 0)
			return -1;
		if (++hops > 40) {
			errno = ELOOP;
			return -1;
		}
		link[n] = '\0';
		if (link[0] == '/') {
			text_copy(cur, link, sizeof cur);
		} else {
			split_path(cur, dir, sizeof dir, &base);
			if ((size_t)snprintf(cur, sizeof cur, "%s/%s", dir, link) >= sizeof cur) {
				errno = ENAMETOOLONG;
				return -1;
			}
		}
	}
	split_path(cur, dir, sizeof dir, &base);
	if (!*base || strcmp(base, ".") == 0 || strcmp(base, "..") == 0) {
		errno = EISDIR;
		return -1;
	}
	if (!realpath(dir, real))
		return -1;
	if ((size_t)snprintf(out, size, "%s%s%s", real, strcmp(real, "/") == 0 ? "" : "/", base) >= size) {
		errno = ENAMETOOLONG;
		return -1;
	}
	return 0;
}

static enum status check_dirs(const char *dir, char *err, size_t size)
{
	char walk[PATH_MAX];
	struct stat st;
	int first = 1;

	text_copy(walk, dir, sizeof walk);
	for (;;) {
		if (stat(walk, &st) != 0) {
			snprintf(err, size, _("cannot examine %s: %s"), walk, strerror(errno));
			return ST_IOERR;
		}
		if (first && (st.st_mode & S_IWOTH)) {
			snprintf(err, size,
			         _("the store's directory %s is writable by every user (mode %04o): another user "
			           "could put a -wal file of theirs beside the store; keep the store in a "
			           "directory of its own"),
			         walk, (unsigned)(st.st_mode & 07777));
			return ST_IOERR;
		}
		if (first && (st.st_mode & S_IWGRP) && st.st_uid != 0 && st.st_uid != getuid()) {
			snprintf(err, size,
			         _("the store's directory %s may be written by its group and belongs to "
			           "uid %ld, neither root nor you: others could replace the store"),
			         walk, (long)st.st_uid);
			return ST_IOERR;
		}
		if (!first && (st.st_mode & S_IWOTH) && !(st.st_mode & S_ISVTX)) {
			snprintf(err, size,
			         _("%s, above the store, is writable by every user without the sticky bit: "
			           "anyone could move the store's directory away and put another in its place"),
			         walk);
			return ST_IOERR;
		}
		if (strcmp(walk, "/") == 0)
			return ST_OK;
		char *slash = strrchr(walk, '/');
		if (slash == walk)
			walk[1] = '\0';
		else
			*slash = '\0';
		first = 0;
	}
}

/* What the file at path is, before SQLite touches it: a regular file, empty
 * or beginning as an SQLite database does.  Opened without blocking, so a
 * FIFO cannot hang the open, and never as a controlling terminal. */
static enum status examine(const char *path, const char *shown, int create, char *err, size_t size)
{
	static const char magic[16] = "SQLite format 3";
	char head[16];
	struct stat st;
	ssize_t n;
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_NOFOLLOW | O_CLOEXEC);

	if (fd < 0) {
		if (errno == ENOENT && !create)
			return ST_OK;   /* store_open says there is no store */
		snprintf(err, size, _("cannot read the store %s: %s"), shown, strerror(errno));
		return ST_IOERR;
	}
	if (fstat(fd, &st) != 0) {
		snprintf(err, size, _("cannot read the store %s: %s"), shown, strerror(errno));
		close(fd);
		return ST_IOERR;
	}
	if (!S_ISREG(st.st_mode)) {
		close(fd);
		snprintf(err, size, _("%s is not an ordesk store: not a regular file"), shown);
		return ST_DATAERR;
	}
	if (st.st_size == 0) {
		close(fd);
		if (create)
			return ST_OK;
		snprintf(err, size, _("%s is not an ordesk store: the file is empty ('ordesk init' makes a store)"),
		         shown);
		return ST_DATAERR;
	}
	n = read(fd, head, sizeof head);
	int saved = errno;
	close(fd);
	if (n < 0) {
		snprintf(err, size, _("cannot read the store %s: %s"), shown, strerror(saved));
		return ST_IOERR;
	}
	if (n < (ssize_t)sizeof head || memcmp(head, magic, sizeof magic) != 0) {
		snprintf(err, size, _("%s is not an ordesk store: not an SQLite database"), shown);
		return ST_DATAERR;
	}
	return ST_OK;
}

enum status store_fs_prepare(const char *path, int create, char *real, size_t real_size,
                             char *err, size_t size)
{
	char dir[PATH_MAX];
	const char *base;
	enum status st;

	if (!*path || strcmp(path, ":memory:") == 0) {
		text_copy(real, path, real_size);
		return ST_OK;
	}
	/* Through symbolic links to where the store really is: that directory is checked. */
	if (store_fs_resolve(path, real, real_size) != 0) {
		snprintf(err, size, _("cannot use the directory of %s: %s"), path, strerror(errno));
		return ST_IOERR;
	}
	split_path(real, dir, sizeof dir, &base);
#ifdef __linux__
	struct statfs fs;
	if (statfs(dir, &fs) == 0) {
		const char *net = store_fs_network((unsigned long)fs.f_type);
		if (net) {
			snprintf(err, size,
			         _("the store %s is on a network file system (%s), where SQLite's locks do not "
			           "hold: keep it on a local disk"), path, net);
			return ST_IOERR;
		}
	}
#endif
	if ((st = check_dirs(dir, err, size)) != ST_OK)
		return st;
	struct stat sb;
	if (create && lstat(real, &sb) != 0 && errno == ENOENT) {
		mode_t old = umask(0);
		mode_t mode = is_setgid() ? 0660 : (0660 & ~(old & 0060));
		int fd = open(real, O_RDWR | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode);
		int saved = errno;
		umask(old);
		if (fd < 0 && saved != EEXIST) {
			snprintf(err, size, _("cannot create the store %s: %s"), path, strerror(saved));
			return ST_IOERR;
		}
		if (fd >= 0)
			close(fd);
	}
	return examine(real, path, create, err, size);
}

void store_fs_harden(sqlite3 *db)
{
	int persist = 1;

	if (!is_setgid() && geteuid() != 0)
		return;
	sqlite3_file_control(db, "main", SQLITE_FCNTL_PERSIST_WAL, &persist);
	/* A kept -wal is cut back to nothing when the last desk closes, to 64 MiB meanwhile. */
	sqlite3_exec(db, "PRAGMA journal_size_limit = 67108864", NULL, NULL, NULL);
	sqlite3_exec(db, "PRAGMA temp_store = MEMORY", NULL, NULL, NULL);
}
