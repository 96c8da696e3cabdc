/* ordesk exception raise|resolve|list: exceptions from the command line. */
#include "ordesk/cli.h"
#include "ordesk/desk_exception.h"
#include "ordesk/desk_order.h"
#include "ordesk/i18n.h"
#include "ordesk/text.h"
#include "ordesk/validate.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static enum status exc_raise(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "note", required_argument, NULL, 'n' },
		{ NULL, 0, NULL, 0 },
	};
	const char *note = NULL;
	int opt;

	optind = 0;
	while ((opt = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (opt != 'n')
			return cli_usage("exception");
		note = optarg;
	}
	if (argc - optind != 2)
		return cli_usage("exception");
	return cli_report(c, desk_exception_raise(&c->desk, argv[optind], argv[optind + 1], note, NULL));
}

static int parse_id(const char *text, long long *id)
{
	char *end;

	*id = strtoll(text, &end, 10);
	return *text && !*end && *id > 0 ? 0 : -1;
}

static enum status exc_resolve(struct cli *c, int argc, char **argv)
{
	enum { O_CAUSE = 256, O_ACTION, O_NOTE, O_HOW, O_SET, O_ETA, O_CARRIER, O_TRACKING, O_MERGE,
	       O_CANCEL_THIS, O_CANCEL_OTHER, O_CONFIRM_BOTH };
	static const struct option opts[] = {
		{ "cause", required_argument, NULL, O_CAUSE },
		{ "action", required_argument, NULL, O_ACTION },
		{ "note", required_argument, NULL, O_NOTE },
		{ "how", required_argument, NULL, O_HOW },
		{ "set", required_argument, NULL, O_SET },
		{ "eta", required_argument, NULL, O_ETA },
		{ "carrier", required_argument, NULL, O_CARRIER },
		{ "tracking", required_argument, NULL, O_TRACKING },
		{ "merge", no_argument, NULL, O_MERGE },
		{ "cancel-this", no_argument, NULL, O_CANCEL_THIS },
		{ "cancel-other", no_argument, NULL, O_CANCEL_OTHER },
		{ "confirm-both", no_argument, NULL, O_CONFIRM_BOTH },
		{ NULL, 0, NULL, 0 },
	};
	struct resolve_req req;
	int opt, how = -1;
	/* Field names cut out of --set FIELD=VALUE. */
	static char names[RESOLVE_MAX_FIELDS][32];

	const char *id = NULL;

	memset(&req, 0, sizeof req);
	optind = 0;
	/* "-": other words come back in their place, so that in "--set line=2
	 * sku=X" the sku follows its line; a FIELD=VALUE word is one more --set. */
	while ((opt = getopt_long(argc, argv, "-", opts, NULL)) != -1) {
		int want = -1;
		if (opt == 1 && !strchr(optarg, '=')) {
			if (id)
				return cli_usage("exception");
			id = optarg;
			continue;
		}
		switch (opt) {
		case O_CAUSE: req.cause = optarg; break;
		case O_ACTION: req.action = optarg; break;
		case O_NOTE: req.note = optarg; break;
		case O_HOW:
			if ((want = resolve_parse(optarg)) < 0)
				return cli_error(ST_USAGE, _("unknown way to resolve %s (plain, fix, eta, reship, "
				                             "merge, cancel-this, cancel-other, confirm-both)"),
				                 optarg);
			break;
		case 1:
		case O_SET: {
			const char *eq = strchr(optarg, '=');
			size_t n = eq ? (size_t)(eq - optarg) : 0;
			if (!eq || n == 0 || n >= sizeof names[0])
				return cli_error(ST_USAGE, _("%s is not FIELD=VALUE"), optarg);
			if (req.nfields == RESOLVE_MAX_FIELDS)
				return cli_error(ST_USAGE, _("at most %d fields at once"), RESOLVE_MAX_FIELDS);
			memcpy(names[req.nfields], optarg, n);
			names[req.nfields][n] = '\0';
			req.fields[req.nfields] = names[req.nfields];
			req.values[req.nfields++] = eq + 1;
			want = RESOLVE_FIX_FIELDS;
			break;
		}
		case O_ETA:
			if (validate_datetime(optarg, &req.eta) != 0)
				return cli_error(ST_USAGE, _("--eta takes a date and time like 2026-11-20 14:00"));
			want = RESOLVE_NEW_ETA;
			break;
		case O_CARRIER: req.carrier = optarg; want = RESOLVE_RESHIP; break;
		case O_TRACKING: req.tracking = optarg; want = RESOLVE_RESHIP; break;
		case O_MERGE: want = RESOLVE_MERGE; break;
		case O_CANCEL_THIS: want = RESOLVE_CANCEL_THIS; break;
		case O_CANCEL_OTHER: want = RESOLVE_CANCEL_OTHER; break;
		case O_CONFIRM_BOTH: want = RESOLVE_CONFIRM_BOTH; break;
		default:
			return cli_usage("exception");
		}
		if (want >= 0) {
			if (how >= 0 && how != want)
				return cli_error(ST_USAGE, _("choose one way to resolve: %s or %s"),
				                 resolve_name((enum resolve_how)how),
				                 resolve_name((enum resolve_how)want));
			how = want;
		}
	}
	if (!id || optind != argc)
		return cli_usage("exception");
	if (parse_id(id, &req.id) != 0)
		return cli_error(ST_USAGE, _("%s is not an exception id"), id);
	req.how = how < 0 ? RESOLVE_PLAIN : (enum resolve_how)how;
	return cli_report(c, desk_exception_resolve(&c->desk, &req));
}

static const struct out_column exc_cols[] = {
	{ "id", 6 }, { "order_no", 22 }, { "kind", 17 }, { "stage", 8 }, { "opened_at", 16 },
	{ "opened_by", 10 }, { "age", 7 }, { "status", 8 }, { "cause", 14 }, { "action", 24 },
	{ "resolved_at", 16 }, { "resolved_by", 11 }, { "note", 16 }, { "description", 0 },
};
#define NEXC (int)(sizeof exc_cols / sizeof exc_cols[0])

struct list_ctx {
	struct out out;
	time_t now;
};

static int print_exception(const struct exception_row *r, void *arg)
{
	struct list_ctx *lc = arg;
	const struct exception_rec *e = &r->e;
	char id[24], opened[32], age[32], resolved[32];
	const char *v[NEXC];

	snprintf(id, sizeof id, "%lld", e->id);
	out_time(e->opened_at, opened, sizeof opened);
	out_span((long long)(e->open ? lc->now : e->resolved_at) - e->opened_at, age, sizeof age);
	out_time(e->open ? 0 : e->resolved_at, resolved, sizeof resolved);
	v[0] = id;
	v[1] = r->order_no;
	v[2] = exkind_name(e->kind);
	v[3] = stage_name(e->stage);
	v[4] = opened;
	v[5] = e->opened_by;
	v[6] = age;
	v[7] = e->open ? "open" : "resolved";
	v[8] = e->cause >= 0 ? cause_name((enum cause)e->cause) : "";
	v[9] = e->action;
	v[10] = resolved;
	v[11] = e->resolved_by;
	v[12] = e->note;
	v[13] = e->description;
	out_row(&lc->out, v);
	return ferror(lc->out.fp) ? 1 : 0;
}

static enum status exc_list(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "open", no_argument, NULL, 'o' },
		{ "kind", required_argument, NULL, 'k' },
		{ "order", required_argument, NULL, 'r' },
		{ "format", required_argument, NULL, 'f' },
		OUT_SHEET_OPTIONS,
		{ NULL, 0, NULL, 0 },
	};
	unsigned sheet = 0;
	struct exception_filter f = { .open_only = 0, .kind = -1, .order_id = 0 };
	enum out_format format = OUT_TABLE;
	int opt;
	struct list_ctx lc;
	struct order o;
	enum status st;

	optind = 0;
	while ((opt = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (out_sheet_opt(opt, &sheet))
			continue;
		switch (opt) {
		case 'o':
			f.open_only = 1;
			break;
		case 'k':
			if ((f.kind = exkind_parse(optarg)) < 0)
				return cli_error(ST_USAGE, _("unknown exception kind %s"), optarg);
			break;
		case 'r':
			if ((st = desk_order_get(&c->desk, optarg, &o)) != ST_OK)
				return cli_report(c, st);
			f.order_id = o.id;
			break;
		case 'f':
			if ((st = out_format_arg(optarg, &format)) != ST_OK)
				return st;
			break;
		default:
			return cli_usage("exception");
		}
	}
	if (optind != argc)
		return cli_usage("exception");
	lc.now = desk_now(&c->desk);
	out_begin(&lc.out, stdout, format, sheet, exc_cols, NEXC);
	if ((st = desk_exception_each(&c->desk, &f, print_exception, &lc)) != ST_OK)
		return cli_report(c, st);
	return ST_OK;
}

enum status cmd_exception(struct cli *c, int argc, char **argv)
{
	if (argc < 2)
		return cli_usage("exception");
	if (strcmp(argv[1], "raise") == 0)
		return exc_raise(c, argc - 1, argv + 1);
	if (strcmp(argv[1], "resolve") == 0)
		return exc_resolve(c, argc - 1, argv + 1);
	if (strcmp(argv[1], "list") == 0)
		return exc_list(c, argc - 1, argv + 1);
	return cli_usage("exception");
}
