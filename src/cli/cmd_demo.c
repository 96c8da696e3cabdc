/* ordesk demo: a store full of realistic orders. */
#include "ordesk/cli.h"
#include "ordesk/desk_demo.h"
#include "ordesk/i18n.h"
#include "ordesk/store_demo.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void progress(long done, long total, void *arg)
{
	(void)arg;
	if (isatty(STDERR_FILENO))
		fprintf(stderr, "\r%s %ld / %ld", _("demo:"), done, total);
}

/* Removes a store that the demo generator made; refuses any other. */
static enum status remove_demo_store(struct cli *c)
{
	static const char *const suffixes[] = { "", "-wal", "-shm" };
	struct desk probe;
	char file[4200];
	int yes = 0;
	enum status st;

	memset(&probe, 0, sizeof probe);
	if (access(c->db_path, F_OK) != 0)
		return ST_OK;
	st = desk_open(&probe, c->db_path, NULL, 0);
	if (st != ST_OK)
		return cli_error(st, "%s", desk_message(&probe));
	st = desk_demo_made(&probe, &yes);
	desk_close(&probe);
	if (st != ST_OK)
		return cli_error(st, _("cannot read %s"), c->db_path);
	if (!yes)
		return cli_error(ST_REFUSED, _("%s is not a demo store: --refresh only rebuilds demo stores"),
		                 c->db_path);
	for (size_t i = 0; i < sizeof suffixes / sizeof suffixes[0]; i++) {
		snprintf(file, sizeof file, "%s%s", c->db_path, suffixes[i]);
		if (unlink(file) != 0 && errno != ENOENT)
			return cli_error(ST_IOERR, _("cannot remove %s: %s"), file, strerror(errno));
	}
	return ST_OK;
}

enum status cmd_demo(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "orders", required_argument, NULL, 'n' },
		{ "seed", required_argument, NULL, 's' },
		{ "refresh", no_argument, NULL, 'r' },
		{ NULL, 0, NULL, 0 },
	};
	struct demo_opts opt = { .orders = DEMO_DEFAULT_ORDERS, .seed = 1 };
	int refresh = 0, ch;
	char *end;
	enum status st;

	optind = 0;
	while ((ch = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (ch) {
		case 'n':
			errno = 0;
			opt.orders = strtol(optarg, &end, 10);
			if (*end || errno || opt.orders < DEMO_MIN_ORDERS || opt.orders > DEMO_MAX_ORDERS)
				return cli_error(ST_USAGE, _("--orders takes a number from %d to %d"),
				                 DEMO_MIN_ORDERS, DEMO_MAX_ORDERS);
			break;
		case 's':
			errno = 0;
			opt.seed = strtoull(optarg, &end, 10);
			if (*end || errno || !*optarg)
				return cli_error(ST_USAGE, _("--seed takes a whole number"));
			break;
		case 'r':
			refresh = 1;
			break;
		default:
			return cli_usage("demo");
		}
	}
	if (optind != argc)
		return cli_usage("demo");
	/* demo runs with the user's own rights: a store they may not write (the
	 * shared store, to anyone but through its group) is not theirs to fill */
	if (access(c->db_path, R_OK | W_OK) != 0 && errno == EACCES)
		return cli_error(ST_DENIED, _("you may not fill the store %s with demo orders: only an "
		                              "admin of a store of their own may"), c->db_path);
	if (refresh && (st = remove_demo_store(c)) != ST_OK)
		return st;
	c->desk.fixed_now = c->fixed_now;
	st = desk_open(&c->desk, c->db_path, NULL, STORE_CREATE | STORE_FAST);
	if (st != ST_OK)
		return cli_report(c, st);
	opt.progress = progress;
	st = desk_demo(&c->desk, &opt);
	if (isatty(STDERR_FILENO) && opt.orders >= 20000)
		fputc('\n', stderr);
	return cli_report(c, st);
}
