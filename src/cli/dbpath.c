/*
 * Which store a run works on, first found wins:
 *   --db PATH, $ORDESK_DB, the user's configuration
 *   ($XDG_CONFIG_HOME/ordesk/ordesk.conf, else ~/.config/ordesk/ordesk.conf),
 *   the system configuration (ORDESK_SYSCONFDIR/ordesk/ordesk.conf),
 *   $XDG_DATA_HOME/ordesk/ordesk.db (else ~/.local/share/ordesk/ordesk.db).
 * Running setgid, only the store the system configuration names keeps the
 * group's rights; choosing any other store gives them up (privilege.h).
 */
#include "ordesk/cli.h"
#include "ordesk/conffile.h"
#include "ordesk/i18n.h"
#include "ordesk/privilege.h"
#include "ordesk/text.h"

#include <errno.h>
#include <fcntl.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#ifndef ORDESK_SYSCONFDIR
#define ORDESK_SYSCONFDIR "/etc"
#endif

static const char system_config[] = ORDESK_SYSCONFDIR "/ordesk/ordesk.conf";

/* Creates each missing directory of path's parent, mode 0700. */
static int make_parents(const char *path)
{
	char dir[4096];

	text_copy(dir, path, sizeof dir);
	for (char *p = dir + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(dir, 0700) != 0 && errno != EEXIST)
			return -1;
		*p = '/';
	}
	return 0;
}

/* $HOME, else the password file's.  Only ever leads to the user's own
 * stores: running setgid, those are opened without the group's rights. */
static const char *home_dir(void)
{
	const char *home = getenv("HOME");
	struct passwd *pw;

	if (home && *home == '/')
		return home;
	pw = getpwuid(getuid());

	return pw && pw->pw_dir && *pw->pw_dir ? pw->pw_dir : NULL;
}

/*
 * Reads and parses a configuration file.  *found 0 when it does not exist.
 * The system file must belong to root and be writable by nobody else when
 * ordesk runs setgid: it decides what the group's rights reach.
 */
static enum status conf_read(const char *path, int system, struct conffile *conf, int *found)
{
	char text[CONFFILE_MAX + 2];
	const char *why;
	struct stat st;
	ssize_t n;
	size_t len = 0;
	int fd, line;

	memset(conf, 0, sizeof *conf);
	*found = 0;
	/* Without blocking: a FIFO in the file's place must not hang the run. */
	fd = system ? open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC)
	            : privilege_open_user(path, O_RDONLY | O_NONBLOCK | O_NOCTTY, 0);
	if (fd < 0) {
		if (errno == ENOENT || errno == ENOTDIR)
			return ST_OK;
		return cli_error(ST_IOERR, _("cannot read %s: %s"), path, strerror(errno));
	}
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		close(fd);
		return cli_error(ST_IOERR, _("%s is not a regular file"), path);
	}
	if (system && privilege_setgid() && (st.st_uid != 0 || (st.st_mode & 022))) {
		close(fd);
		return cli_error(ST_DENIED,
		                 _("%s must belong to root and be writable by root alone; ordesk will not "
		                   "trust it"), path);
	}
	while (len < sizeof text - 1 && (n = read(fd, text + len, sizeof text - 1 - len)) > 0)
		len += (size_t)n;
	close(fd);
	text[len] = '\0';
	if (memchr(text, '\0', len))
		return cli_error(ST_DATAERR, _("%s: not a text file"), path);
	line = conffile_parse(text, conf, &why);
	if (line != 0)
		return cli_error(ST_DATAERR, "%s:%d: %s", path, line, _(why));
	*found = 1;
	return ST_OK;
}

/* "~/x" in a user's own file is under their home. */
static void expand_home(const char *value, char *buf, size_t size)
{
	const char *home = home_dir();

	if (strncmp(value, "~/", 2) == 0 && home)
		snprintf(buf, size, "%s%s", home, value + 1);
	else
		text_copy(buf, value, size);
}

static enum status user_conf_path(char *buf, size_t size)
{
	const char *xdg = getenv("XDG_CONFIG_HOME");
	const char *home;

	if (xdg && *xdg == '/') {
		snprintf(buf, size, "%s/ordesk/ordesk.conf", xdg);
		return ST_OK;
	}
	home = home_dir();
	if (!home) {
		*buf = '\0';
		return ST_OK;
	}
	snprintf(buf, size, "%s/.config/ordesk/ordesk.conf", home);
	return ST_OK;
}

/* Whether a and b name the same existing file. */
static int same_file(const char *a, const char *b)
{
	struct stat sa, sb;

	return stat(a, &sa) == 0 && stat(b, &sb) == 0 && sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

enum status cli_db_path(const char *opt_db, char *buf, size_t size)
{
	const char *env = getenv("ORDESK_DB");
	const char *xdg = getenv("XDG_DATA_HOME");
	struct conffile sys, user;
	char user_path[4096];
	enum status st;
	int have_sys, have_user = 0, system_store = 0;

	/* Read when it decides: when reached below, or to know the shared store. */
	memset(&sys, 0, sizeof sys);
	have_sys = 0;
	if (privilege_setgid() && (st = conf_read(system_config, 1, &sys, &have_sys)) != ST_OK)
		return st;
	*buf = '\0';
	if (opt_db && *opt_db) {
		text_copy(buf, opt_db, size);
	} else if (env && *env) {
		text_copy(buf, env, size);
	} else {
		if ((st = user_conf_path(user_path, sizeof user_path)) != ST_OK)
			return st;
		if (*user_path && (st = conf_read(user_path, 0, &user, &have_user)) != ST_OK)
			return st;
		if (*user_path && have_user && *user.db) {
			expand_home(user.db, buf, size);
		} else if (!privilege_setgid() &&
		           (st = conf_read(system_config, 1, &sys, &have_sys)) != ST_OK) {
			return st;
		}
		if (!*buf && have_sys && *sys.db) {
			text_copy(buf, sys.db, size);
			system_store = 1;
		}
	}
	/* Naming the shared store another way is the same as not naming it;
	 * then its own path is used, so its -wal and -shm are the right ones. */
	if (*buf && !system_store && have_sys && *sys.db && privilege_setgid() && same_file(buf, sys.db)) {
		text_copy(buf, sys.db, size);
		system_store = 1;
	}
	if (!system_store && privilege_drop() != 0)
		return cli_error(ST_IOERR, _("cannot give up the group's rights: %s"), strerror(errno));
	if (system_store)
		privilege_shared_env();
	if (*buf)
		return ST_OK;

	if (xdg && *xdg == '/') {
		snprintf(buf, size, "%s/ordesk/ordesk.db", xdg);
	} else {
		const char *home = home_dir();
		if (!home)
			return cli_error(ST_IOERR, _("no home directory to keep the store in; use --db PATH"));
		snprintf(buf, size, "%s/.local/share/ordesk/ordesk.db", home);
	}
	if (make_parents(buf) != 0)
		return cli_error(ST_IOERR, _("cannot create the directory for %s: %s"), buf, strerror(errno));
	return ST_OK;
}
