/* ordesk board: the full-screen board (src/tui/), or its key table with --keys. */
#include "ordesk/cli.h"
#include "ordesk/i18n.h"
#include "ordesk/tui.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

enum status cmd_board(struct cli *c, int argc, char **argv)
{
	struct tui_options opt;
	char err[512];
	const char *size = getenv("ORDESK_SIZE");
	enum status st;

	if (argc == 2 && strcmp(argv[1], "--keys") == 0) {
		tui_keys_print(stdout);
		return ST_OK;
	}
	if (argc == 2 && strcmp(argv[1], "--colours") == 0) {
		tui_theme_print(stdout);
		return ST_OK;
	}
	if (argc != 1)
		return cli_usage("board");
	memset(&opt, 0, sizeof opt);
	opt.keys = getenv("ORDESK_KEYS");
	opt.dump = getenv("ORDESK_DUMP");
	opt.dump_every = getenv("ORDESK_DUMP_EVERY") != NULL;
	opt.timing = getenv("ORDESK_TIMING") != NULL;
	/* Running setgid, a dump file would be written with the group's rights. */
	if (opt.dump && privilege_setgid()) {
		cli_error(ST_OK, "%s", _("ORDESK_DUMP is ignored on the shared store"));
		opt.dump = NULL;
	}
	if (size && sscanf(size, "%dx%d", &opt.cols, &opt.rows) != 2)
		return cli_error(ST_USAGE, _("ORDESK_SIZE is COLSxROWS, like 100x30"));
	if (!opt.keys && (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)))
		return cli_error(ST_USAGE, _("the board needs a terminal (or ORDESK_KEYS for a scripted run)"));
	st = tui_run(&c->desk, &opt, err, sizeof err);
	if (st != ST_OK)
		return cli_error(st, "%s", err[0] ? err : status_name(st));
	if (err[0])
		cli_error(ST_OK, "%s", err);
	return ST_OK;
}
