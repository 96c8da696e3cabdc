/* ordesk orders, ordesk show: reading orders. */
#include "ordesk/cli.h"
#include "ordesk/desk_board.h"
#include "ordesk/desk_order.h"
#include "ordesk/store_exception.h"
#include "ordesk/health.h"
#include "ordesk/i18n.h"
#include "ordesk/text.h"
#include "ordesk/validate.h"

#include <getopt.h>
#include <stdio.h>
#include <string.h>

static const struct out_column order_cols[] = {
	{ "order_no", 20 }, { "channel", 7 }, { "channel_ref", 18 }, { "stage", 9 },
	{ "priority", 8 }, { "health", 7 }, { "customer", 16 }, { "lines", 5 }, { "items", 5 },
	{ "due_at", 16 }, { "exceptions", 0 },
	{ "display_ref", 0 },   /* CSV and TSV only: the table ends with the exceptions */
};
#define NCOLS (int)(sizeof order_cols / sizeof order_cols[0])

struct list_ctx {
	struct out out;
	time_t now;
};

static int print_order(const struct order *o, void *arg)
{
	struct list_ctx *lc = arg;
	struct health_input hi = { o->stage, o->stage_at, o->due_at, o->open_exc,
	                           o->prev_on_time, o->received_at };
	char lines[16], items[16], due[32];
	const char *v[NCOLS];

	snprintf(lines, sizeof lines, "%d", o->lines);
	snprintf(items, sizeof items, "%d", o->items);
	out_time(o->due_at, due, sizeof due);
	v[0] = o->order_no;
	v[1] = o->channel;
	v[2] = o->channel_ref;
	v[3] = stage_name(o->stage);
	v[4] = priority_name(o->priority);
	v[5] = health_name(health_of(&hi, lc->now));
	v[6] = o->customer;
	v[7] = lines;
	v[8] = items;
	v[9] = due;
	v[10] = o->exc_kinds;
	v[11] = o->display_ref;
	out_row(&lc->out, v);
	return ferror(stdout) ? 1 : 0;
}

enum status cmd_orders(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "stage", required_argument, NULL, 's' },
		{ "health", required_argument, NULL, 'H' },
		{ "channel", required_argument, NULL, 'c' },
		{ "format", required_argument, NULL, 'f' },
		{ "all", no_argument, NULL, 'a' },
		OUT_SHEET_OPTIONS,
		{ NULL, 0, NULL, 0 },
	};
	struct order_filter f = { .stage = -1, .channel = NULL, .health = -1 };
	enum out_format format = OUT_TABLE;
	unsigned sheet = 0;
	enum status st;
	int opt;
	struct list_ctx lc;

	optind = 0;
	while ((opt = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (out_sheet_opt(opt, &sheet))
			continue;
		switch (opt) {
		case 's':
			if ((f.stage = stage_parse(optarg)) < 0)
				return cli_error(ST_USAGE, _("unknown stage %s"), optarg);
			break;
		case 'H':
			if ((f.health = health_parse(optarg)) < 0)
				return cli_error(ST_USAGE, _("unknown health %s (green, yellow, at_risk, red)"), optarg);
			break;
		case 'c':
			f.channel = optarg;
			break;
		case 'f':
			if ((st = out_format_arg(optarg, &format)) != ST_OK)
				return st;
			break;
		case 'a':
			f.stage = -2;
			break;
		default:
			return cli_usage("orders");
		}
	}
	if (optind < argc)
		return cli_usage("orders");
	f.now = desk_now(&c->desk);
	lc.now = f.now;
	out_begin(&lc.out, stdout, format, sheet, order_cols, format == OUT_TABLE ? NCOLS - 1 : NCOLS);
	return (st = desk_order_each(&c->desk, &f, print_order, &lc)) == ST_OK ? ST_OK : cli_report(c, st);
}

static void field(const char *label, const char *value)
{
	char clean[8192];

	text_clean(value, clean, sizeof clean);
	printf("%-12s %s\n", label, clean);
}

static int print_event(const struct event_row *e, void *arg)
{
	char at[32], who[160], line[1024], clean[2048];

	(void)arg;
	out_time(e->at, at, sizeof at);
	/* An automatic action names whose board or command ran it beside its actor. */
	if (e->run_by[0])
		snprintf(who, sizeof who, "%s (%s)", e->actor, e->run_by);
	else
		snprintf(who, sizeof who, "%s", e->actor);
	snprintf(line, sizeof line, "%s %-10s %-10s %s%s%s%s%s", at, who, e->what, e->from,
	         *e->to ? " -> " : "", e->to, *e->why ? "  (" : "", e->why);
	text_clean(line, clean, sizeof clean);
	printf("  %s%s\n", clean, *e->why ? ")" : "");
	return 0;
}

/* One exception: raised (when, by whom, why), then resolved (when, by whom, action, cause). */
static int print_exception(const struct exception_rec *e, void *arg)
{
	char at[32], line[1400], clean[2800];

	(void)arg;
	out_time(e->opened_at, at, sizeof at);
	snprintf(line, sizeof line, "#%lld %s %s  %s by %s in %s: %s", e->id, exkind_name(e->kind),
	         e->open ? "open" : "resolved", at, e->opened_by, stage_name(e->stage), e->description);
	text_clean(line, clean, sizeof clean);
	printf("  %s\n", clean);
	if (!e->open) {
		out_time(e->resolved_at, at, sizeof at);
		snprintf(line, sizeof line, "%s by %s: %s [%s]%s%s", at, e->resolved_by, e->action,
		         e->cause >= 0 ? cause_name((enum cause)e->cause) : "", *e->note ? " - " : "",
		         e->note);
		text_clean(line, clean, sizeof clean);
		printf("      %s\n", clean);
	}
	return 0;
}

enum status cmd_show(struct cli *c, int argc, char **argv)
{
	struct desk *d = &c->desk;
	struct order o;
	struct order_line lines[256];
	char buf[256], buf2[64];
	int n;
	enum status st;

	if (argc != 2)
		return cli_usage("show");
	if ((st = desk_order_get(d, argv[1], &o)) != ST_OK)
		return cli_report(c, st);
	struct health_input hi = { o.stage, o.stage_at, o.due_at, o.open_exc,
	                           o.prev_on_time, o.received_at };
	field(_("order"), o.order_no);
	snprintf(buf, sizeof buf, "%s %s%s%s", o.channel, o.channel_ref, *o.display_ref ? "  " : "",
	         o.display_ref);
	field(_("channel"), buf);
	field(_("stage"), stage_name(o.stage));
	field(_("health"), health_name(health_of(&hi, desk_now(d))));
	snprintf(buf, sizeof buf, "%s (score %.1f)", priority_name(o.priority), o.score);
	field(_("priority"), buf);
	/* a contact the channel masked says so */
	char shown[sizeof o.address + 64];
	validate_contact_show(FIELD_CUSTOMER, o.customer, shown, sizeof shown);
	field(_("customer"), shown);
	field(_("tier"), tier_name(o.tier));
	validate_contact_show(FIELD_PHONE, o.phone, shown, sizeof shown);
	field(_("phone"), shown);
	if (*o.email)
		field(_("e-mail"), o.email);
	validate_contact_show(FIELD_ADDRESS, o.address, shown, sizeof shown);
	field(_("address"), shown);
	field(_("type"), otype_name(o.type));
	field(_("flags"), o.flags);
	out_time(o.ordered_at, buf, sizeof buf);
	field(_("ordered"), buf);
	out_time(o.received_at, buf, sizeof buf);
	field(_("received"), buf);
	out_time(o.due_at, buf, sizeof buf);
	if (o.due_at) {
		out_span((long long)o.due_at - desk_now(d), buf2, sizeof buf2);
		snprintf(buf + strlen(buf), sizeof buf - strlen(buf), " (%s)", buf2);
	}
	field(_("stage due"), buf);
	out_time(o.promise_at, buf, sizeof buf);
	field(_("promised"), buf);
	if (*o.carrier || *o.tracking) {
		snprintf(buf, sizeof buf, "%.20s %.40s", o.carrier, o.tracking);
		field(_("shipping"), buf);
	}
	if (*o.note)
		field(_("note"), o.note);
	field(_("exceptions"), *o.exc_kinds ? o.exc_kinds : "-");
	if ((st = desk_order_lines(d, o.id, lines, 256, &n)) != ST_OK)
		return cli_report(c, st);
	printf("%s\n", _("lines:"));
	for (int i = 0; i < n; i++) {
		char sku[160], name[512];
		text_clean(lines[i].sku, sku, sizeof sku);
		text_clean(lines[i].name, name, sizeof name);
		printf("  %2d  %-16s %5ld  %10.2f  %s\n", lines[i].line_no, sku, lines[i].qty,
		       (double)lines[i].unit_price_cents / 100.0, name);
	}
	printf("%s\n", _("exception history:"));
	if ((st = desk_order_exceptions(d, o.id, print_exception, NULL)) != ST_OK)
		return cli_report(c, st);
	printf("%s\n", _("history:"));
	if ((st = desk_order_history(d, o.id, print_event, NULL)) != ST_OK)
		return cli_report(c, st);
	return ST_OK;
}
