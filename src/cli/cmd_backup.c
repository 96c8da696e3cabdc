/* ordesk backup FILE, ordesk restore FILE. */
#include "ordesk/cli.h"
#include "ordesk/desk_backup.h"
#include "ordesk/i18n.h"
#include "ordesk/privilege.h"

#include <errno.h>
#include <string.h>

/*
 * Both read or write a file the user names: they run with the real user's
 * rights between privilege_user_begin and _end, so a backup belongs to the
 * user and cannot land where only the group may write, and a restore reads
 * only what the user could read anyway.  The store's own files are open
 * already and stay usable.
 */
static enum status with_user_rights(struct cli *c, enum status (*op)(struct desk *, const char *),
                                    const char *file)
{
	enum status st;

	if (privilege_user_begin() != 0)
		return cli_error(ST_IOERR, _("cannot act with your own rights: %s"), strerror(errno));
	st = op(&c->desk, file);
	privilege_user_end();
	return cli_report(c, st);
}

enum status cmd_backup(struct cli *c, int argc, char **argv)
{
	if (argc != 2 || argv[1][0] == '-')
		return cli_usage("backup");
	return with_user_rights(c, desk_backup, argv[1]);
}

enum status cmd_restore(struct cli *c, int argc, char **argv)
{
	if (argc != 2 || argv[1][0] == '-')
		return cli_usage("restore");
	return with_user_rights(c, desk_restore, argv[1]);
}
