/* ordesk's entry point: global options, the command, the exit status. */
#include "ordesk/cli.h"
#include "ordesk/i18n.h"
#include "ordesk/privilege.h"
#include "ordesk/text.h"
#include "ordesk/validate.h"

#include <errno.h>
#include <limits.h>
#include <locale.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* The one way a line with paths, names or data reaches a terminal. */
static void say(FILE *fp, const char *prefix, const char *fmt, va_list ap)
{
	char raw[4096], clean[8192];

	vsnprintf(raw, sizeof raw, fmt, ap);
	text_clean(raw, clean, sizeof clean);
	fprintf(fp, "%s%s\n", prefix, clean);
}

enum status cli_error(enum status st, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	say(stderr, "ordesk: ", fmt, ap);
	va_end(ap);
	return st;
}

void cli_say(FILE *fp, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	say(fp, "", fmt, ap);
	va_end(ap);
}

enum status cli_report(struct cli *c, enum status st)
{
	const char *msg = desk_message(&c->desk);
	char clean[8192];

	if (st == ST_OK) {
		if (*msg) {
			text_clean(msg, clean, sizeof clean);
			printf("%s\n", clean);
		}
		return ST_OK;
	}
	return cli_error(st, "%s", *msg ? msg : status_name(st));
}

enum status cli_usage(const char *command)
{
	for (const struct cli_command *cmd = cli_commands; cmd->name; cmd++)
		if (strcmp(cmd->name, command) == 0)
			return cli_error(ST_USAGE, _("usage: ordesk %s %s"), cmd->name, cmd->synopsis);
	return cli_error(ST_USAGE, _("usage: ordesk [--db PATH] COMMAND [ARGS]"));
}

static void print_help(void)
{
	printf(_("usage: ordesk [--db PATH] [COMMAND [ARGS]]\n\n"
	         "An order desk in a terminal.  With no command on a terminal: the board.\n\n"
	         "Commands:\n"));
	for (const struct cli_command *cmd = cli_commands; cmd->name; cmd++) {
		/* A synopsis too long for its column gets a line of its own. */
		if (strlen(cmd->name) + 1 + strlen(cmd->synopsis) <= 44)
			printf("  %s %-*s %s\n", cmd->name, (int)(44 - strlen(cmd->name) - 1), cmd->synopsis,
			       _(cmd->summary));
		else
			printf("  %s %s\n  %-44s %s\n", cmd->name, cmd->synopsis, "", _(cmd->summary));
	}
	printf(_("\nOptions:\n"
	         "  --db PATH     the store (default: $ORDESK_DB, else the user's then the system's\n"
	         "                ordesk.conf, else $XDG_DATA_HOME/ordesk/ordesk.db)\n"
	         "  --help        this text\n"
	         "  --version     the version\n\n"
	         "Exit status: 0 done, 1 refused by a rule, 64 usage, 65 bad data, 69 store busy,\n"
	         "74 I/O error, 77 not permitted.  See ordesk(1).\n"));
}

/* ORDESK_NOW pins the clock for tests and scripts: epoch seconds or a date and time. */
static time_t parse_now(const char *text)
{
	char *end;
	time_t t;

	if (!text || !*text)
		return 0;
	errno = 0;
	long long v = strtoll(text, &end, 10);
	if (*end == '\0' && errno == 0 && v > 0)
		return (time_t)v;
	if (validate_datetime(text, &t) == 0)
		return t;
	return (time_t)-1;
}

int main(int argc, char **argv)
{
	const char *opt_db = NULL;
	const struct cli_command *cmd = NULL;
	struct cli c;
	char path[PATH_MAX];
	enum status st;
	int i;

	int priv_ok = privilege_init();   /* before anything opens a file */
	setlocale(LC_ALL, "");
	i18n_init();
	if (priv_ok != 0)
		return cli_error(ST_IOERR, _("standard input, output or error is closed and cannot be reopened"));
	memset(&c, 0, sizeof c);
	c.interactive = isatty(STDOUT_FILENO);
	opterr = 0;   /* commands report a bad option themselves, in one line */

	for (i = 1; i < argc && argv[i][0] == '-'; i++) {
		if (strcmp(argv[i], "--db") == 0 || strncmp(argv[i], "--db=", 5) == 0) {
			opt_db = argv[i][4] == '=' ? argv[i] + 5 : i + 1 < argc ? argv[++i] : NULL;
			if (!opt_db || !*opt_db)
				return cli_error(ST_USAGE, _("--db needs the path of a store"));
		} else if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
			print_help();
			return 0;
		} else if (strcmp(argv[i], "--version") == 0) {
			printf("ordesk %s\n", ORDESK_VERSION);
			return 0;
		} else {
			return cli_error(ST_USAGE, _("unknown option %s (see ordesk --help)"), argv[i]);
		}
	}
	const char *name = i < argc ? argv[i] : NULL;
	/* --db after the command, up to a "--", is the same global option: taken
	 * out here, before anything opens or creates a store. */
	for (int j = i + 1, k = i + 1; i < argc && j <= argc; j++) {
		if (j == argc || strcmp(argv[j], "--") == 0) {
			while (j <= argc)
				argv[k++] = argv[j++];
			argc = k - 1;
			break;
		}
		if (strcmp(argv[j], "--db") == 0 || strncmp(argv[j], "--db=", 5) == 0) {
			opt_db = argv[j][4] == '=' ? argv[j] + 5 : j + 1 < argc ? argv[++j] : NULL;
			if (!opt_db || !*opt_db)
				return cli_error(ST_USAGE, _("--db needs the path of a store"));
			continue;
		}
		argv[k++] = argv[j];
	}
	if (!name) {
		if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
			return cli_error(ST_USAGE, _("no command given and not on a terminal (see ordesk --help)"));
		}
		name = "board";
	}
	for (const struct cli_command *k = cli_commands; k->name; k++)
		if (strcmp(k->name, name) == 0)
			cmd = k;
	if (!cmd)
		return cli_error(ST_USAGE, _("unknown command %s (see ordesk --help)"), name);

	c.fixed_now = parse_now(getenv("ORDESK_NOW"));
	if (c.fixed_now == (time_t)-1)
		return cli_error(ST_USAGE, _("ORDESK_NOW is neither epoch seconds nor a date and time"));

	/* Running setgid, only commands on the shared store keep the group's rights. */
	if (cmd->store == CLI_NO_STORE && privilege_drop() != 0)
		return cli_error(ST_IOERR, _("cannot give up the group's rights"));
	if (cmd->store != CLI_NO_STORE || strcmp(cmd->name, "demo") == 0) {
		if ((st = cli_db_path(opt_db, path, sizeof path)) != ST_OK)
			return st;
		c.db_path = path;
	}
	if (privilege_setgid() && c.fixed_now) {
		cli_error(ST_OK, _("ORDESK_NOW is ignored on the shared store"));
		c.fixed_now = 0;
	}
	if (cmd->store != CLI_NO_STORE &&
	    (st = privilege_store_check(c.db_path, cmd->store == CLI_STORE_CREATE)) != ST_OK)
		return st;
	if (cmd->store != CLI_NO_STORE) {
		c.desk.fixed_now = c.fixed_now;
		st = desk_open(&c.desk, c.db_path, NULL, cmd->store == CLI_STORE_CREATE ? STORE_CREATE : 0);
		if (st != ST_OK)
			return cli_report(&c, st);
	}
	int sub_argc = argc - i;
	char **sub_argv = argv + i;
	if (i >= argc) {
		static char board_word[] = "board";
		static char *board_argv[] = { board_word, NULL };
		sub_argc = 1;
		sub_argv = board_argv;
	}
	st = cmd->run(&c, sub_argc, sub_argv);
	if (c.desk.store)
		desk_close(&c.desk);
	if (fflush(stdout) != 0 || ferror(stdout))
		return cli_error(ST_IOERR, _("writing the output failed"));
	return (int)st;
}
