/* ordesk report weekly|daily: the weekly exception review and the daily summary. */
#include "ordesk/cli.h"
#include "ordesk/desk_report.h"
#include "ordesk/i18n.h"
#include "ordesk/report_write.h"
#include "ordesk/text.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <string.h>

enum status cmd_report(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "week", required_argument, NULL, 'w' },
		{ "date", required_argument, NULL, 'd' },
		{ "format", required_argument, NULL, 'f' },
		{ "output", required_argument, NULL, 'o' },
		OUT_SHEET_OPTIONS,
		{ NULL, 0, NULL, 0 },
	};
	const char *week = NULL, *date = NULL, *output = NULL;
	int format = RFMT_TXT, opt, weekly;
	unsigned sheet = 0;
	struct report_period p;
	struct report r;
	enum status st;

	if (argc < 2 || (strcmp(argv[1], "weekly") != 0 && strcmp(argv[1], "daily") != 0))
		return cli_usage("report");
	weekly = strcmp(argv[1], "weekly") == 0;
	optind = 0;
	while ((opt = getopt_long(argc - 1, argv + 1, "o:", opts, NULL)) != -1) {
		if (out_sheet_opt(opt, &sheet))
			continue;
		switch (opt) {
		case 'w':
			if (!weekly)
				return cli_usage("report");
			week = optarg;
			break;
		case 'd':
			if (weekly)
				return cli_usage("report");
			date = optarg;
			break;
		case 'f':
			if ((format = report_format_parse(optarg)) < 0)
				return cli_error(ST_USAGE, _("unknown report format %s (txt, csv, md, html)"),
				                 optarg);
			break;
		case 'o':
			output = optarg;
			break;
		default:
			return cli_usage("report");
		}
	}
	if (optind < argc - 1)
		return cli_usage("report");
	if (weekly && week) {
		int y, w;
		if (report_week_parse(week, &y, &w) != 0)
			return cli_error(ST_USAGE, _("no such week %s (YYYY-Www, a week that year has)"), week);
		report_period_week(&p, y, w);
	} else if (weekly) {
		desk_report_last_week(&c->desk, &p);
	} else if (date) {
		long day = calendar_parse_date(date);
		if (day < 0)
			return cli_error(ST_USAGE, _("no such date %s (YYYY-MM-DD)"), date);
		report_period_day(&p, day);
	} else {
		desk_report_today(&c->desk, &p);
	}

	st = desk_report(&c->desk, &p, &r);
	if (st != ST_OK) {
		report_free(&r);
		return cli_report(c, st);
	}
	FILE *fp = stdout;
	if (output && !(fp = cli_open_user_file(output))) {
		int e = errno;
		report_free(&r);
		return cli_error(ST_IOERR, _("cannot write %s: %s"), output, strerror(e));
	}
	if (output)
		sheet |= SHEET_BOM;   /* a file for people; standard output only with --bom */
	int bad = report_write(fp, &r, (enum report_format)format, sheet);
	report_free(&r);
	if (output) {
		if (fclose(fp) != 0)
			bad = -1;
		if (bad)
			return cli_error(ST_IOERR, _("writing %s failed"), output);
	}
	return bad ? cli_error(ST_IOERR, _("writing the report failed")) : ST_OK;
}
