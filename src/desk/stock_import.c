/* The stock import use case: products, warehouses and counts from one CSV. */
#include "ordesk/desk_stock_import.h"
#include "ordesk/i18n.h"
#include "ordesk/import_clean.h"
#include "ordesk/import_profile.h"
#include "ordesk/import_read.h"
#include "ordesk/store_ingest.h"
#include "ordesk/text.h"
#include "ordesk/validate.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum scol { SC_SKU, SC_NAME, SC_WAREHOUSE, SC_ON_HAND, SC_SAFETY, SC_COUNT };

/* Header names each column answers to (normalized: lower case, single spaces). */
static const char *const scol_names[SC_COUNT][6] = {
	{ "sku", "item", "商家编码", "货号", NULL },
	{ "name", "product", "product name", "商品名称", NULL },
	{ "warehouse", "wh", "location", "仓库", NULL },
	{ "on_hand", "on hand", "qty", "quantity", "stock", "库存" },
	{ "safety_stock", "safety stock", "safety", "安全库存", NULL },
};

struct sctx {
	struct desk *d;
	const char *name;
	struct desk_stock_import_result *res;
	int col[SC_COUNT];
	int have_header;
	FILE *fp;
	struct import_error err;
	enum status fail;
};

static int row_fail(struct sctx *c, long line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static int row_fail(struct sctx *c, long line, const char *fmt, ...)
{
	char raw[512], what[1024], name[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(raw, sizeof raw, fmt, ap);
	va_end(ap);
	text_clean(raw, what, sizeof what);
	text_clean(c->name, name, sizeof name);
	c->fail = desk_fail(c->d, ST_DATAERR, "%s:%ld: %s", name, line, what);
	return c->fail;
}

static int parse_count(const char *s, long *v)
{
	char *end;

	if (!isdigit((unsigned char)*s))
		return -1;
	long n = strtol(s, &end, 10);
	if (*end == '.')
		for (end++; *end == '0'; end++)
			;
	if (*end || n < 0 || n > 1000000000L)
		return -1;
	*v = n;
	return 0;
}

static int on_header(struct sctx *c, const struct import_row *row)
{
	char norm[PROFILE_NAME];

	for (int k = 0; k < SC_COUNT; k++)
		c->col[k] = -1;
	for (int i = 0; i < row->n; i++) {
		import_header_norm(row->fields[i], norm, sizeof norm);
		for (int k = 0; k < SC_COUNT; k++)
			for (int a = 0; a < 6 && scol_names[k][a]; a++)
				if (c->col[k] < 0 && strcmp(norm, scol_names[k][a]) == 0)
					c->col[k] = i;
	}
	c->have_header = 1;
	if (c->col[SC_SKU] < 0 || c->col[SC_ON_HAND] < 0)
		return row_fail(c, row->line,
		                "%s", _("a stock list needs the columns sku and on_hand (also name, warehouse, safety_stock)"));
	return 0;
}

static void cell(const struct import_row *row, int col, char *out, size_t size, int id)
{
	out[0] = '\0';
	if (col < 0 || col >= row->n)
		return;
	text_copy(out, row->fields[col], size);
	if (id)
		import_clean_id(out);
	else
		import_clean_text(out);
}

static int on_row(void *arg, const struct import_row *row)
{
	struct sctx *c = arg;
	struct desk *d = c->d;
	char sku[128], name[512], wh[64], onh[64], saf[64], why[128], id[200], from[32], to[32];
	char where[300], fname[256];
	long on_hand, safety = -1, old, locked;
	int known;
	enum status st;

	if (!c->have_header)
		return on_header(c, row);
	cell(row, c->col[SC_SKU], sku, sizeof sku, 1);
	cell(row, c->col[SC_NAME], name, sizeof name, 0);
	cell(row, c->col[SC_WAREHOUSE], wh, sizeof wh, 1);
	cell(row, c->col[SC_ON_HAND], onh, sizeof onh, 0);
	cell(row, c->col[SC_SAFETY], saf, sizeof saf, 0);
	if (!*sku && !*name && !*onh && !*wh && !*saf)
		return 0;   /* a blank row */
	c->res->rows++;
	if (!*sku)
		return row_fail(c, row->line, "%s", _("sku missing"));
	if (validate_field(FIELD_SKU, sku, why, sizeof why) != 0)
		return row_fail(c, row->line, _("sku %s: %s"), sku, why);
	if (!*wh)
		text_copy(wh, "MAIN", sizeof wh);
	for (const char *p = wh; *p; p++)
		if (!isalnum((unsigned char)*p) && *p != '-' && *p != '_')
			return row_fail(c, row->line, _("warehouse %s: letters, digits, - and _ only"), wh);
	if (strlen(wh) > 15)
		return row_fail(c, row->line, _("warehouse %s: at most 15 characters"), wh);
	if (parse_count(onh, &on_hand) != 0)
		return row_fail(c, row->line, _("on_hand %s: not a count from 0 up"), onh);
	if (*saf && parse_count(saf, &safety) != 0)
		return row_fail(c, row->line, _("safety_stock %s: not a count from 0 up"), saf);
	if ((st = store_ingest_product_known(d->store, sku, &known)) != ST_OK)
		goto store_fail;
	c->res->products++;
	c->res->products_new += !known;
	if ((st = store_ingest_product_put(d->store, sku, name)) != ST_OK)
		goto store_fail;
	int new_warehouse;
	if ((st = store_ingest_warehouse_put(d->store, wh, &new_warehouse)) != ST_OK)
		goto store_fail;
	c->res->warehouses_new += new_warehouse;
	st = store_ingest_stock_put(d->store, sku, wh, on_hand, safety, &old, &locked);
	if (st == ST_REFUSED) {
		return row_fail(c, row->line, _("%s: on_hand %ld is below the %ld units locked for orders"),
		                sku, on_hand, locked);
	}
	if (st != ST_OK)
		goto store_fail;
	c->res->stock_rows++;
	snprintf(id, sizeof id, "%s@%s", sku, wh);
	if (old >= 0)
		snprintf(from, sizeof from, "%ld", old);
	else
		from[0] = '\0';
	snprintf(to, sizeof to, "%ld", on_hand);
	text_clean(c->name, fname, sizeof fname);
	snprintf(where, sizeof where, "stock import %s:%ld", fname, row->line);
	struct event_rec ev = { .entity = "stock", .entity_id = id, .what = "count", .from = from,
	                        .to = to, .why = where };
	if ((st = store_event_add(d->store, desk_now(d), d->login, &ev)) != ST_OK)
		goto store_fail;
	return 0;
store_fail:
	c->fail = desk_fail(d, st, "%s", store_errmsg(d->store));
	return c->fail;
}

static enum status stock_body(struct desk *d, void *arg)
{
	struct sctx *c = arg;
	struct import_dialect dl = { .quoting = -1 };
	char name[256];
	enum status st;

	st = import_read(c->fp, &dl, on_row, NULL, c, &c->err, NULL);
	if (c->fail)
		return c->fail;
	text_clean(c->name, name, sizeof name);
	if (st == ST_DATAERR) {
		char what[300];
		text_clean(c->err.what, what, sizeof what);
		return desk_fail(d, ST_DATAERR, "%s:%ld:%ld: %s", name, c->err.line, c->err.col, what);
	}
	if (st != ST_OK)
		return desk_fail(d, st, "%s: %s", name, c->err.what);
	if (!c->have_header)
		return desk_fail(d, ST_DATAERR, _("%s:1:1: the file has no header row"), name);
	desk_say(d, _("%s: %ld stock rows set"), name, c->res->stock_rows);
	return ST_OK;
}

enum status desk_stock_import(struct desk *d, FILE *fp, const char *name,
                              struct desk_stock_import_result *res)
{
	struct sctx c;

	memset(res, 0, sizeof *res);
	if (desk_require(d, ROLE_SUPERVISOR, _("import stock lists")) != ST_OK)
		return ST_DENIED;
	memset(&c, 0, sizeof c);
	c.d = d;
	c.name = name;
	c.res = res;
	c.fp = fp;
	enum status st = desk_tx(d, stock_body, &c);
	if (st != ST_OK)
		memset(res, 0, sizeof *res);
	return st;
}
