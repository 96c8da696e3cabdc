/* ordesk review add|done|list: improvement actions of the weekly review. */
#include "ordesk/cli.h"
#include "ordesk/desk_report.h"
#include "ordesk/desk_review.h"
#include "ordesk/i18n.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static enum status review_add(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "week", required_argument, NULL, 'w' },
		{ "cause", required_argument, NULL, 'c' },
		{ "action", required_argument, NULL, 'a' },
		{ "owner", required_argument, NULL, 'o' },
		{ "due", required_argument, NULL, 'd' },
		{ NULL, 0, NULL, 0 },
	};
	struct review_req req = { 0 };
	struct report_period last;
	int opt;

	optind = 0;
	while ((opt = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (opt) {
		case 'w': req.week = optarg; break;
		case 'c': req.cause = optarg; break;
		case 'a': req.action = optarg; break;
		case 'o': req.owner = optarg; break;
		case 'd': req.due = optarg; break;
		default: return cli_usage("review");
		}
	}
	if (optind < argc || !req.cause || !req.action || !req.owner || !req.due)
		return cli_usage("review");
	if (!req.week) {
		desk_report_last_week(&c->desk, &last);
		req.week = last.label;
	}
	return cli_report(c, desk_review_add(&c->desk, &req, NULL));
}

static enum status review_done(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "note", required_argument, NULL, 'n' },
		{ NULL, 0, NULL, 0 },
	};
	const char *note = NULL;
	char *end;
	int opt;

	optind = 0;
	while ((opt = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (opt != 'n')
			return cli_usage("review");
		note = optarg;
	}
	if (argc - optind != 1 || !note)
		return cli_usage("review");
	long long id = strtoll(argv[optind], &end, 10);
	if (!*argv[optind] || *end || id <= 0)
		return cli_error(ST_USAGE, _("%s is not a review action number"), argv[optind]);
	return cli_report(c, desk_review_done(&c->desk, id, note));
}

static const struct out_column action_cols[] = {
	{ "id", 4 }, { "week", 9 }, { "cause", 15 }, { "owner", 10 }, { "due", 11 },
	{ "status", 8 }, { "done_at", 17 }, { "action", 0 }, { "note", 0 },
};
#define NCOLS (int)(sizeof action_cols / sizeof action_cols[0])

struct list_ctx {
	struct cli *c;
	struct out out;
};

static int print_action(const struct rep_action_row *a, void *arg)
{
	struct list_ctx *lc = arg;
	char id[24], done_at[32];
	const char *v[NCOLS];

	snprintf(id, sizeof id, "%lld", a->id);
	out_time(a->done_at, done_at, sizeof done_at);
	v[0] = id;
	v[1] = a->week;
	v[2] = a->cause;
	v[3] = a->owner;
	v[4] = a->due;
	v[5] = a->done ? "done" : desk_review_overdue(&lc->c->desk, a) ? "overdue" : "open";
	v[6] = done_at;
	v[7] = a->action;
	v[8] = a->note;
	out_row(&lc->out, v);
	return ferror(stdout) ? 1 : 0;
}

static enum status review_list(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "open", no_argument, NULL, 'O' },
		{ "format", required_argument, NULL, 'f' },
		OUT_SHEET_OPTIONS,
		{ NULL, 0, NULL, 0 },
	};
	enum out_format format = OUT_TABLE;
	unsigned sheet = 0;
	int open_only = 0, opt;
	struct list_ctx lc = { c, { 0 } };
	enum status st;

	optind = 0;
	while ((opt = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (out_sheet_opt(opt, &sheet))
			continue;
		switch (opt) {
		case 'O':
			open_only = 1;
			break;
		case 'f':
			if ((st = out_format_arg(optarg, &format)) != ST_OK)
				return st;
			break;
		default:
			return cli_usage("review");
		}
	}
	if (optind < argc)
		return cli_usage("review");
	out_begin(&lc.out, stdout, format, sheet, action_cols, NCOLS);
	if ((st = desk_review_list(&c->desk, open_only, print_action, &lc)) != ST_OK)
		return cli_report(c, st);
	return ST_OK;
}

enum status cmd_review(struct cli *c, int argc, char **argv)
{
	if (argc < 2)
		return cli_usage("review");
	if (strcmp(argv[1], "add") == 0)
		return review_add(c, argc - 1, argv + 1);
	if (strcmp(argv[1], "done") == 0)
		return review_done(c, argc - 1, argv + 1);
	if (strcmp(argv[1], "list") == 0)
		return review_list(c, argc - 1, argv + 1);
	return cli_usage("review");
}
