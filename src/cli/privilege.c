/* Running setgid ordesk: who holds the group's rights, and when. */
#include "ordesk/privilege.h"
#include "ordesk/cli.h"
#include "ordesk/i18n.h"

#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <stdio.h>
#include <string.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static struct {
	gid_t real_gid;
	gid_t group_gid;      /* the effective gid ordesk started with */
	int holding;          /* still setgid: effective gid is the group's */
	int acting_as_user;   /* between privilege_user_begin and _end */
} priv;

int privilege_init(void)
{
	int broken = 0;

	priv.real_gid = getgid();
	priv.group_gid = getegid();
	priv.holding = priv.real_gid != priv.group_gid;
	/* A closed 0, 1 or 2 would let the next open(2) (the store!) become
	 * standard output or error. */
	for (int fd = 0; fd <= 2; fd++) {
		if (fcntl(fd, F_GETFD) != -1 || errno != EBADF)
			continue;
		int n = open("/dev/null", fd == 0 ? O_RDONLY : O_WRONLY);
		if (n != fd) {
			if (n >= 0)
				close(n);
			broken = 1;
		}
	}
	if (broken) {
		privilege_drop();
		return -1;
	}
	return 0;
}

int privilege_setgid(void)
{
	return priv.holding;
}

int privilege_drop(void)
{
	if (!priv.holding)
		return 0;
	if (priv.acting_as_user)
		privilege_user_end();
	/* setregid with a real gid sets the saved gid too: no way back (but
	 * for root, who can take any group anyway). */
	if (setregid(priv.real_gid, priv.real_gid) != 0)
		return -1;
	if (getegid() != priv.real_gid || (geteuid() != 0 && setegid(priv.group_gid) == 0)) {
		errno = EPERM;
		return -1;
	}
	priv.holding = 0;
	return 0;
}

void privilege_shared_env(void)
{
	if (!priv.holding)
		return;
	unsetenv("TZ");
	tzset();
}

int privilege_user_begin(void)
{
	if (!priv.holding || priv.acting_as_user)
		return 0;
	if (setegid(priv.real_gid) != 0)
		return -1;
	priv.acting_as_user = 1;
	return 0;
}

void privilege_user_end(void)
{
	if (!priv.acting_as_user)
		return;
	if (setegid(priv.group_gid) != 0) {
		/* Cannot regain the group: carry on as the user alone. */
		priv.holding = 0;
	}
	priv.acting_as_user = 0;
}

int privilege_open_user(const char *path, int flags, mode_t mode)
{
	int fd, saved;

	if (privilege_user_begin() != 0)
		return -1;
	fd = open(path, flags | O_CLOEXEC, mode);
	saved = errno;
	privilege_user_end();
	errno = saved;
	return fd;
}

FILE *cli_open_user_file(const char *path)
{
	int fd = privilege_open_user(path, O_WRONLY | O_CREAT | O_TRUNC, 0666);
	FILE *fp;

	if (fd < 0)
		return NULL;
	fp = fdopen(fd, "w");
	if (!fp) {
		int saved = errno;
		close(fd);
		errno = saved;
	}
	return fp;
}

FILE *cli_open_user_input(const char *path)
{
	int fd = privilege_open_user(path, O_RDONLY, 0);
	FILE *fp;

	if (fd < 0)
		return NULL;
	fp = fdopen(fd, "rb");
	if (!fp) {
		int saved = errno;
		close(fd);
		errno = saved;
	}
	return fp;
}

/* A file of the shared store the real user must not own. */
static enum status check_part(const char *path, const char *suffix, int must_exist)
{
	char file[4200];
	struct stat st;

	snprintf(file, sizeof file, "%s%s", path, suffix);
	if (lstat(file, &st) != 0) {
		if (errno == ENOENT && !must_exist)
			return ST_OK;
		if (errno == ENOENT)
			return cli_error(ST_IOERR,
			                 _("the shared store's file %s is missing; an administrator recreates it "
			                   "by running 'ordesk init' as root"), file);
		return cli_error(ST_IOERR, _("cannot read %s: %s"), file, strerror(errno));
	}
	if (!S_ISREG(st.st_mode))
		return cli_error(ST_IOERR, _("%s is not a regular file"), file);
	if (getuid() != 0 && st.st_uid == getuid()) {
		struct group *gr = getgrgid(priv.group_gid);
		return cli_error(ST_DENIED,
		                 _("%s belongs to you, so it could be changed without ordesk; an administrator "
		                   "must run: chown root:%s %s"), file, gr ? gr->gr_name : "ordesk", file);
	}
	return ST_OK;
}

enum status privilege_store_check(const char *path, int creating)
{
	struct stat st;
	enum status s;

	if (!priv.holding)
		return ST_OK;
	if (lstat(path, &st) != 0) {
		if (errno != ENOENT)
			return cli_error(ST_IOERR, _("cannot read %s: %s"), path, strerror(errno));
		if (!creating)
			return ST_OK;   /* store_open says there is no store yet */
		if (getuid() != 0)
			return cli_error(ST_DENIED,
			                 _("the shared store %s does not exist yet; root creates it with "
			                   "'ordesk init --admin LOGIN'"), path);
		return ST_OK;
	}
	if ((s = check_part(path, "", 1)) != ST_OK)
		return s;
	/* Root may (re)create the -wal and -shm files: they then belong to root. */
	int need = getuid() != 0;
	if ((s = check_part(path, "-wal", need)) != ST_OK)
		return s;
	return check_part(path, "-shm", need);
}
