/* ordesk advance, back, cancel, edit: changing one order. */
#include "ordesk/cli.h"
#include "ordesk/desk_order.h"
#include "ordesk/i18n.h"

#include <getopt.h>
#include <string.h>

enum status cmd_advance(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "to", required_argument, NULL, 't' },
		{ "carrier", required_argument, NULL, 'c' },
		{ "tracking", required_argument, NULL, 'k' },
		{ "cause", required_argument, NULL, 'C' },
		{ "from", required_argument, NULL, 'f' },
		{ NULL, 0, NULL, 0 },
	};
	struct advance_req req = { .to = -1, .expected_version = -1 };
	int opt, from = -1;

	optind = 0;
	while ((opt = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (opt) {
		case 't':
			if ((req.to = stage_parse(optarg)) < 0)
				return cli_error(ST_USAGE, _("unknown stage %s"), optarg);
			break;
		case 'c':
			req.carrier = optarg;
			break;
		case 'k':
			req.tracking = optarg;
			break;
		case 'C': /* the cause of a breached clock this move closes */
			req.cause = optarg;
			break;
		case 'f':
			if ((from = stage_parse(optarg)) < 0)
				return cli_error(ST_USAGE, _("unknown stage %s"), optarg);
			break;
		default:
			return cli_usage("advance");
		}
	}
	if (optind != argc - 1)
		return cli_usage("advance");
	req.order_no = argv[optind];
	desk_seen(&c->desk, from);
	return cli_report(c, desk_advance(&c->desk, &req));
}

static enum status reason_cmd(struct cli *c, int argc, char **argv, const char *name,
                              enum status (*fn)(struct desk *, const char *, const char *))
{
	static const struct option opts[] = {
		{ "reason", required_argument, NULL, 'r' },
		{ "from", required_argument, NULL, 'f' },
		{ NULL, 0, NULL, 0 },
	};
	const char *reason = NULL;
	int opt, from = -1;

	optind = 0;
	while ((opt = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (opt == 'f') {
			if ((from = stage_parse(optarg)) < 0)
				return cli_error(ST_USAGE, _("unknown stage %s"), optarg);
			continue;
		}
		if (opt != 'r')
			return cli_usage(name);
		reason = optarg;
	}
	/* --reason is required (a blank one is the desk's to refuse). */
	if (optind != argc - 1 || !reason)
		return cli_usage(name);
	/* --from: the stage the operator saw it in; elsewhere by now, nothing changes. */
	desk_seen(&c->desk, from);
	return cli_report(c, fn(&c->desk, argv[optind], reason));
}

enum status cmd_back(struct cli *c, int argc, char **argv)
{
	return reason_cmd(c, argc, argv, "back", desk_move_back);
}

enum status cmd_cancel(struct cli *c, int argc, char **argv)
{
	return reason_cmd(c, argc, argv, "cancel", desk_cancel);
}

enum status cmd_edit(struct cli *c, int argc, char **argv)
{
	static char names[64][64];
	const char *fields[64], *values[64];
	int n = 0;

	if (argc < 3)
		return cli_usage("edit");
	if (argc - 2 > 64)
		return cli_error(ST_USAGE, _("at most 64 fields at once"));
	for (int i = 2; i < argc; i++) {
		const char *eq = strchr(argv[i], '=');
		if (!eq || eq == argv[i])
			return cli_error(ST_USAGE, _("%s is not FIELD=VALUE"), argv[i]);
		size_t len = (size_t)(eq - argv[i]);
		if (len >= sizeof names[0])
			return cli_error(ST_USAGE, _("no such field %.40s"), argv[i]);
		memcpy(names[n], argv[i], len);
		names[n][len] = '\0';
		fields[n] = names[n];
		values[n] = eq + 1;
		n++;
	}
	/* All the fields in one transaction: a refused one leaves the order as it was. */
	return cli_report(c, desk_edit_fields(&c->desk, argv[1], n, fields, values));
}
