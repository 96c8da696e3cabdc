/* ordesk alerts [list] [--all] | ack ID: the supervisors' escalations. */
#include "ordesk/cli.h"
#include "ordesk/desk_sweep.h"
#include "ordesk/i18n.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const struct out_column alert_cols[] = {
	{ "id", 5 }, { "created_at", 16 }, { "kind", 19 }, { "order_no", 22 }, { "status", 8 },
	{ "acked_by", 10 }, { "acked_at", 16 }, { "message", 0 },
};
#define NALERT (int)(sizeof alert_cols / sizeof alert_cols[0])

static int print_alert(const struct escalation_rec *x, void *arg)
{
	struct out *out = arg;
	char id[24], created[32], acked[32], subject[120];
	const char *v[NALERT];

	snprintf(id, sizeof id, "%lld", x->id);
	out_time(x->created_at, created, sizeof created);
	out_time(x->acked_at, acked, sizeof acked);
	if (*x->order_no)
		snprintf(subject, sizeof subject, "%s", x->order_no);
	else
		snprintf(subject, sizeof subject, "%s%s%s", x->sku, *x->warehouse ? "@" : "", x->warehouse);
	v[0] = id;
	v[1] = created;
	v[2] = x->kind;
	v[3] = subject;
	v[4] = x->acked_at ? "acked" : "waiting";
	v[5] = x->acked_by;
	v[6] = acked;
	v[7] = x->message;
	out_row(out, v);
	return ferror(out->fp) ? 1 : 0;
}

enum status cmd_alerts(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "all", no_argument, NULL, 'a' },
		{ "format", required_argument, NULL, 'f' },
		OUT_SHEET_OPTIONS,
		{ NULL, 0, NULL, 0 },
	};
	enum out_format format = OUT_TABLE;
	unsigned sheet = 0;
	int all = 0, opt;
	struct out out;
	enum status st;

	if (argc >= 2 && strcmp(argv[1], "ack") == 0) {
		char *end;
		long long id;
		if (argc != 3)
			return cli_usage("alerts");
		id = strtoll(argv[2], &end, 10);
		if (!*argv[2] || *end || id <= 0)
			return cli_error(ST_USAGE, _("%s is not an alert id"), argv[2]);
		return cli_report(c, desk_alert_ack(&c->desk, id));
	}
	if (argc >= 2 && strcmp(argv[1], "list") == 0) {
		argc--;
		argv++;
	}
	optind = 0;
	while ((opt = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (out_sheet_opt(opt, &sheet))
			continue;
		switch (opt) {
		case 'a':
			all = 1;
			break;
		case 'f':
			if ((st = out_format_arg(optarg, &format)) != ST_OK)
				return st;
			break;
		default:
			return cli_usage("alerts");
		}
	}
	if (optind != argc)
		return cli_usage("alerts");
	out_begin(&out, stdout, format, sheet, alert_cols, NALERT);
	if ((st = desk_alert_each(&c->desk, all, print_alert, &out)) != ST_OK)
		return cli_report(c, st);
	return ST_OK;
}
