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

/* dir of path, made absolute and without symbolic links. */
static int store_dir(const char *path, char *dir, size_t size)
{
	char copy[PATH_MAX];
	char *slash;

	text_copy(copy, path, sizeof copy);
	slash = strrchr(copy, '/');
	if (!slash)
		text_copy(copy, ".", sizeof copy);
	else if (slash == copy)
		copy[1] = '\0';
	else
		*slash = '\0';
	if (size < PATH_MAX)
		return -1;
	return realpath(copy, dir) ? 0 : -1;
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

enum status store_fs_prepare(const char *path, int create, char *err, size_t size)
{
	char dir[PATH_MAX];
	enum status st;

	if (!*path || strcmp(path, ":memory:") == 0)
		return ST_OK;
	if (store_dir(path, dir, sizeof dir) != 0) {
		snprintf(err, size, _("cannot use the directory of %s: %s"), path, strerror(errno));
		return ST_IOERR;
	}
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
	if (create && lstat(path, &sb) != 0 && errno == ENOENT) {
		mode_t old = umask(0);
		mode_t mode = is_setgid() ? 0660 : (0660 & ~(old & 0060));
		int fd = open(path, O_RDWR | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode);
		int saved = errno;
		umask(old);
		if (fd < 0 && saved != EEXIST) {
			snprintf(err, size, _("cannot create the store %s: %s"), path, strerror(saved));
			return ST_IOERR;
		}
		if (fd >= 0)
			close(fd);
	}
	return ST_OK;
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
