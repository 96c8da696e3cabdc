/* ordesk stock …, lock, release, split, delay, wait: stock and shortages. */
#include "ordesk/cli.h"
#include "ordesk/desk_stock.h"
#include "ordesk/i18n.h"
#include "ordesk/text.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/*
 * A small argument reader: "--name VALUE" options (and flags) anywhere,
 * everything else positional, so a negative quantity ("-3") is a value.
 */
struct opt_def {
	const char *name;
	int takes_value;
	const char **value;    /* for options with a value */
	int *flag;             /* for flags */
};

static enum status parse_args(const char *command, int argc, char **argv, int first,
                              const struct opt_def *defs, const char **pos, int maxpos, int *npos)
{
	*npos = 0;
	for (int i = first; i < argc; i++) {
		const char *a = argv[i];
		if (strncmp(a, "--", 2) == 0 && a[2]) {
			const char *eq = strchr(a, '=');
			size_t n = eq ? (size_t)(eq - a - 2) : strlen(a + 2);
			const struct opt_def *d;
			for (d = defs; d && d->name; d++)
				if (strlen(d->name) == n && strncmp(d->name, a + 2, n) == 0)
					break;
			if (!d || !d->name)
				return cli_error(ST_USAGE, _("unknown option %s for %s"), a, command);
			if (!d->takes_value) {
				if (eq)
					return cli_usage(command);
				*d->flag = 1;
			} else if (eq) {
				*d->value = eq + 1;
			} else if (i + 1 < argc) {
				*d->value = argv[++i];
			} else {
				return cli_error(ST_USAGE, _("%s needs a value"), a);
			}
			continue;
		}
		if (*npos == maxpos)
			return cli_usage(command);
		pos[(*npos)++] = a;
	}
	return ST_OK;
}

static int parse_qty(const char *text, long *out)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(text, &end, 10);
	if (errno || end == text || *end)
		return -1;
	*out = v;
	return 0;
}

/* --raw and --bom (see OUT_SHEET_OPTIONS), read by this file's own argument reader. */
static unsigned sheet_flags(int raw, int bom)
{
	unsigned sheet = 0;

	if (raw)
		out_sheet_opt(OUT_OPT_RAW, &sheet);
	if (bom)
		out_sheet_opt(OUT_OPT_BOM, &sheet);
	return sheet;
}

/* ---- stock list ---------------------------------------------------------- */

static const struct out_column stock_cols[] = {
	{ "sku", 14 }, { "name", 20 }, { "warehouse", 9 }, { "on_hand", 7 }, { "locked", 6 },
	{ "available", 9 }, { "safety_stock", 12 }, { "waiting", 7 }, { "low", 3 }, { "reorder", 0 },
};
#define STOCK_NCOLS (int)(sizeof stock_cols / sizeof stock_cols[0])

static int print_stock(const struct stock_row *r, void *arg)
{
	struct out *o = arg;
	char on_hand[24], locked[24], avail[24], safety[24], waiting[24], reorder[24];
	const char *v[STOCK_NCOLS];
	int low = desk_stock_is_low(r) || r->waiting > r->available;

	snprintf(on_hand, sizeof on_hand, "%ld", r->on_hand);
	snprintf(locked, sizeof locked, "%ld", r->locked);
	snprintf(avail, sizeof avail, "%ld", r->available);
	snprintf(safety, sizeof safety, "%ld", r->safety_stock);
	snprintf(waiting, sizeof waiting, "%ld", r->waiting);
	snprintf(reorder, sizeof reorder, "%ld", low ? desk_stock_reorder(r) : 0L);
	v[0] = r->sku;
	v[1] = r->name;
	v[2] = r->warehouse;
	v[3] = on_hand;
	v[4] = locked;
	v[5] = avail;
	v[6] = safety;
	v[7] = waiting;
	v[8] = desk_stock_is_low(r) ? "low" : "";
	v[9] = reorder;
	out_row(o, v);
	return ferror(o->fp) ? 1 : 0;
}

static enum status stock_list(struct cli *c, int argc, char **argv, int first)
{
	const char *format = NULL, *search = NULL, *pos[1];
	enum out_format fmt;
	int low = 0, waiting = 0, raw = 0, bom = 0, npos;
	const struct opt_def defs[] = {
		{ "format", 1, &format, NULL }, { "low", 0, NULL, &low },
		{ "raw", 0, NULL, &raw }, { "bom", 0, NULL, &bom },
		{ "short", 0, NULL, &waiting }, { "search", 1, &search, NULL }, { NULL, 0, NULL, NULL },
	};
	struct stock_filter f = { 0 };
	struct out o;
	enum status st;

	if ((st = parse_args("stock", argc, argv, first, defs, pos, 0, &npos)) != ST_OK)
		return st;
	if ((st = out_format_arg(format, &fmt)) != ST_OK)
		return st;
	f.low = low;
	f.waiting = waiting;
	f.search = search;
	out_begin(&o, stdout, fmt, sheet_flags(raw, bom), stock_cols, STOCK_NCOLS);
	st = desk_stock_each(&c->desk, &f, print_stock, &o);
	if (st != ST_OK)
		return cli_report(c, st);
	if (fflush(stdout) != 0 || ferror(stdout))
		return cli_error(ST_IOERR, "%s", _("cannot write the listing"));
	return ST_OK;
}

/* ---- stock orders SKU ---------------------------------------------------- */

static const struct out_column holder_cols[] = {
	{ "order_no", 22 }, { "stage", 9 }, { "warehouse", 9 }, { "qty", 6 }, { "state", 0 },
};

static int print_holder(const struct stock_holder *h, void *arg)
{
	struct out *o = arg;
	char qty[24];
	const char *v[5] = { h->order_no, h->stage, h->warehouse, qty, h->waiting ? "waiting" : "locked" };

	snprintf(qty, sizeof qty, "%ld", h->qty);
	out_row(o, v);
	return ferror(o->fp) ? 1 : 0;
}

static enum status stock_orders(struct cli *c, int argc, char **argv)
{
	const char *format = NULL, *pos[1];
	enum out_format fmt;
	int npos, raw = 0, bom = 0;
	const struct opt_def defs[] = {
		{ "format", 1, &format, NULL }, { "raw", 0, NULL, &raw }, { "bom", 0, NULL, &bom },
		{ NULL, 0, NULL, NULL },
	};
	struct out o;
	enum status st;

	if ((st = parse_args("stock", argc, argv, 2, defs, pos, 1, &npos)) != ST_OK)
		return st;
	if (npos != 1)
		return cli_usage("stock");
	if ((st = out_format_arg(format, &fmt)) != ST_OK)
		return st;
	out_begin(&o, stdout, fmt, sheet_flags(raw, bom), holder_cols, 5);
	if ((st = desk_stock_holders(&c->desk, pos[0], print_holder, &o)) != ST_OK)
		return cli_report(c, st);
	return ST_OK;
}

/* ---- stock receive / adjust / safety ------------------------------------- */

static enum status stock_receive(struct cli *c, int argc, char **argv)
{
	const char *warehouse = NULL, *note = NULL, *pos[2];
	int npos;
	long qty;
	const struct opt_def defs[] = {
		{ "warehouse", 1, &warehouse, NULL }, { "note", 1, &note, NULL }, { NULL, 0, NULL, NULL },
	};
	enum status st;

	if ((st = parse_args("stock", argc, argv, 2, defs, pos, 2, &npos)) != ST_OK)
		return st;
	if (npos != 2)
		return cli_usage("stock");
	if (parse_qty(pos[1], &qty) != 0 || qty <= 0)
		return cli_error(ST_USAGE, _("%s is not a quantity (a whole number above 0)"), pos[1]);
	return cli_report(c, desk_stock_receive(&c->desk, pos[0], qty, warehouse, note, NULL));
}

static enum status stock_adjust(struct cli *c, int argc, char **argv)
{
	const char *warehouse = NULL, *reason = NULL, *pos[2];
	int npos;
	long delta;
	const struct opt_def defs[] = {
		{ "warehouse", 1, &warehouse, NULL }, { "reason", 1, &reason, NULL }, { NULL, 0, NULL, NULL },
	};
	enum status st;

	if ((st = parse_args("stock", argc, argv, 2, defs, pos, 2, &npos)) != ST_OK)
		return st;
	if (npos != 2)
		return cli_usage("stock");
	if (parse_qty(pos[1], &delta) != 0 || delta == 0)
		return cli_error(ST_USAGE, _("%s is not a change of quantity like +5 or -3"), pos[1]);
	return cli_report(c, desk_stock_adjust(&c->desk, pos[0], delta, warehouse, reason));
}

static enum status stock_safety(struct cli *c, int argc, char **argv)
{
	const char *warehouse = NULL, *pos[2];
	int npos;
	long qty;
	const struct opt_def defs[] = { { "warehouse", 1, &warehouse, NULL }, { NULL, 0, NULL, NULL } };
	enum status st;

	if ((st = parse_args("stock", argc, argv, 2, defs, pos, 2, &npos)) != ST_OK)
		return st;
	if (npos != 2)
		return cli_usage("stock");
	if (parse_qty(pos[1], &qty) != 0 || qty < 0)
		return cli_error(ST_USAGE, _("%s is not a quantity (a whole number, 0 or more)"), pos[1]);
	return cli_report(c, desk_stock_safety(&c->desk, pos[0], qty, warehouse));
}

enum status cmd_stock(struct cli *c, int argc, char **argv)
{
	const char *sub = argc > 1 ? argv[1] : "list";

	if (strcmp(sub, "list") == 0)
		return stock_list(c, argc, argv, 2);
	if (strncmp(sub, "--", 2) == 0) /* `stock --low` reads as `stock list --low` */
		return stock_list(c, argc, argv, 1);
	if (strcmp(sub, "receive") == 0)
		return stock_receive(c, argc, argv);
	if (strcmp(sub, "adjust") == 0)
		return stock_adjust(c, argc, argv);
	if (strcmp(sub, "safety") == 0)
		return stock_safety(c, argc, argv);
	if (strcmp(sub, "orders") == 0)
		return stock_orders(c, argc, argv);
	if (strcmp(sub, "import") == 0)
		return cmd_stock_import(c, argc - 1, argv + 1);   /* src/cli/cmd_import.c */
	return cli_usage("stock");
}

/* ---- lock, release and the shortage resolutions ---------------------------- */

/* --from STAGE: the stage the operator saw the order in (desk_seen). */
static enum status seen_arg(struct cli *c, const char *from)
{
	int s = from ? stage_parse(from) : -1;

	if (from && s < 0)
		return cli_error(ST_USAGE, _("unknown stage %s"), from);
	desk_seen(&c->desk, s);
	return ST_OK;
}

enum status cmd_lock(struct cli *c, int argc, char **argv)
{
	const char *from = NULL, *pos[1];
	int npos;
	const struct opt_def defs[] = { { "from", 1, &from, NULL }, { NULL, 0, NULL, NULL } };
	enum status st;

	if ((st = parse_args("lock", argc, argv, 1, defs, pos, 1, &npos)) != ST_OK)
		return st;
	if (npos != 1 || pos[0][0] == '-')
		return cli_usage("lock");
	if ((st = seen_arg(c, from)) != ST_OK)
		return st;
	return cli_report(c, desk_lock(&c->desk, pos[0]));
}

enum status cmd_release(struct cli *c, int argc, char **argv)
{
	const char *reason = NULL, *from = NULL, *pos[1];
	int npos;
	const struct opt_def defs[] = { { "reason", 1, &reason, NULL }, { "from", 1, &from, NULL },
	                                { NULL, 0, NULL, NULL } };
	enum status st;

	if ((st = parse_args("release", argc, argv, 1, defs, pos, 1, &npos)) != ST_OK)
		return st;
	if (npos != 1)
		return cli_usage("release");
	if ((st = seen_arg(c, from)) != ST_OK)
		return st;
	return cli_report(c, desk_release(&c->desk, pos[0], reason));
}

enum status cmd_split(struct cli *c, int argc, char **argv)
{
	const char *cause = NULL, *note = NULL, *from = NULL, *pos[1];
	int npos;
	const struct opt_def defs[] = {
		{ "cause", 1, &cause, NULL }, { "note", 1, &note, NULL }, { "from", 1, &from, NULL },
		{ NULL, 0, NULL, NULL },
	};
	enum status st;

	if ((st = parse_args("split", argc, argv, 1, defs, pos, 1, &npos)) != ST_OK)
		return st;
	if (npos != 1)
		return cli_usage("split");
	if ((st = seen_arg(c, from)) != ST_OK)
		return st;
	return cli_report(c, desk_split(&c->desk, pos[0], cause, note, NULL, 0));
}

enum status cmd_delay(struct cli *c, int argc, char **argv)
{
	const char *until = NULL, *cause = NULL, *note = NULL, *pos[1];
	int npos;
	const struct opt_def defs[] = {
		{ "until", 1, &until, NULL }, { "cause", 1, &cause, NULL }, { "note", 1, &note, NULL },
		{ NULL, 0, NULL, NULL },
	};
	enum status st;

	if ((st = parse_args("delay", argc, argv, 1, defs, pos, 1, &npos)) != ST_OK)
		return st;
	if (npos != 1 || !until)
		return cli_usage("delay");
	return cli_report(c, desk_delay(&c->desk, pos[0], until, cause, note));
}

enum status cmd_wait(struct cli *c, int argc, char **argv)
{
	const char *note = NULL, *pos[1];
	int npos;
	const struct opt_def defs[] = { { "note", 1, &note, NULL }, { NULL, 0, NULL, NULL } };
	enum status st;

	if ((st = parse_args("wait", argc, argv, 1, defs, pos, 1, &npos)) != ST_OK)
		return st;
	if (npos != 1)
		return cli_usage("wait");
	return cli_report(c, desk_short_wait(&c->desk, pos[0], note));
}
