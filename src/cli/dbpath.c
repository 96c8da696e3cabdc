/* Which store a run works on. */
#include "ordesk/cli.h"
#include "ordesk/i18n.h"
#include "ordesk/text.h"

#include <errno.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

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

enum status cli_db_path(const char *opt_db, char *buf, size_t size)
{
	const char *env = getenv("ORDESK_DB");
	const char *xdg = getenv("XDG_DATA_HOME");

	if (opt_db && *opt_db) {
		text_copy(buf, opt_db, size);
		return ST_OK;
	}
	if (env && *env) {
		text_copy(buf, env, size);
		return ST_OK;
	}
	if (xdg && *xdg == '/') {
		snprintf(buf, size, "%s/ordesk/ordesk.db", xdg);
	} else {
		struct passwd *pw = getpwuid(getuid());
		if (!pw || !pw->pw_dir)
			return cli_error(ST_IOERR, _("no home directory to keep the store in; use --db PATH"));
		snprintf(buf, size, "%s/.local/share/ordesk/ordesk.db", pw->pw_dir);
	}
	if (make_parents(buf) != 0)
		return cli_error(ST_IOERR, _("cannot create the directory for %s: %s"), buf, strerror(errno));
	return ST_OK;
}
