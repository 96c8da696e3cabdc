/* Stock use cases: lock, release, ship, shortages, receipts, adjustments. */
#include "ordesk/desk_stock.h"
#include "ordesk/desk_exception.h"
#include "ordesk/desk_order.h"
#include "ordesk/i18n.h"
#include "ordesk/store_exception.h"
#include "ordesk/text.h"
#include "ordesk/transition.h"
#include "ordesk/validate.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_WAREHOUSES 64
#define QTY_MAX 1000000000L

/* ---- small helpers ------------------------------------------------------ */

static enum status store_error(struct desk *d, enum status st)
{
	if (st == ST_OK)
		return st;
	return desk_fail(d, st, "%s", *store_errmsg(d->store) ? store_errmsg(d->store)
	                                                      : _("the store failed"));
}

static int has_word(const char *list, const char *word)
{
	size_t n = strlen(word);

	for (const char *p = list; (p = strstr(p, word)) != NULL; p += n)
		if ((p == list || p[-1] == ';') && (p[n] == ';' || p[n] == '\0'))
			return 1;
	return 0;
}

/* Another exception that holds the order where it is (not stock_short). */
static const char *other_blocking(const char *kinds)
{
	static const char *const blocking[] = { "needs_info", "customer_change", "duplicate_suspect" };

	for (size_t i = 0; i < sizeof blocking / sizeof blocking[0]; i++)
		if (has_word(kinds, blocking[i]))
			return blocking[i];
	return NULL;
}

static const char *order_warehouse(const struct order *o)
{
	return *o->warehouse ? o->warehouse : STOCK_DEFAULT_WAREHOUSE;
}

/* A stock event: entity stock, id SKU@WH. */
static enum status stock_event(struct desk *d, long long order_id, const char *sku,
                               const char *warehouse, const char *what, long from, long to,
                               const char *why)
{
	char id[96], f[32], t[32];
	struct event_rec ev = { .order_id = order_id, .entity = "stock", .entity_id = id,
	                        .what = what, .from = f, .to = t, .why = why };
	enum status st;

	snprintf(id, sizeof id, "%s@%s", sku, warehouse);
	snprintf(f, sizeof f, "%ld", from);
	snprintf(t, sizeof t, "%ld", to);
	st = store_event_add(d->store, desk_now(d), d->login, &ev);
	return store_error(d, st);
}

int desk_stock_is_low(const struct stock_row *r)
{
	return r->available < r->safety_stock;
}

long desk_stock_reorder(const struct stock_row *r)
{
	long want = r->safety_stock + r->waiting - r->available;

	return want > 0 ? want : 0;
}

/* After any change of a stock row: raise the low-stock alert once, re-arm on recovery. */
static enum status low_check(struct desk *d, const char *sku, const char *warehouse)
{
	int raised, rearmed, found;
	struct stock_row r;
	enum status st;
	char msg[512];

	if ((st = store_stock_low_eval(d->store, sku, warehouse, &raised, &rearmed)) != ST_OK)
		return store_error(d, st);
	if ((st = store_stock_get(d->store, sku, warehouse, &r, &found)) != ST_OK)
		return store_error(d, st);
	if (!found)
		return ST_OK;
	snprintf(msg, sizeof msg,
	         _("%s at %s is low: %ld available, safety stock %ld, %ld waiting; reorder %ld"),
	         sku, warehouse, r.available, r.safety_stock, r.waiting, desk_stock_reorder(&r));
	if (!raised && !rearmed) {
		/* still low: the waiting alert's figures follow the row, as stock list shows it */
		if (desk_stock_is_low(&r) &&
		    (st = store_stock_low_refresh(d->store, sku, warehouse, msg)) != ST_OK)
			return store_error(d, st);
		return ST_OK;
	}
	if (raised) {
		if ((st = store_stock_low_alert(d->store, sku, warehouse, desk_now(d), msg)) != ST_OK)
			return store_error(d, st);
		return stock_event(d, 0, sku, warehouse, "low_stock", r.safety_stock, r.available, msg);
	}
	return stock_event(d, 0, sku, warehouse, "restocked", r.safety_stock, r.available, "");
}

/* The lines of an order, malloc'd. */
static enum status lines_load(struct desk *d, const struct order *o, struct order_line **out,
                              int *n)
{
	int max = o->lines + 16;
	struct order_line *lines = calloc((size_t)max, sizeof *lines);
	enum status st;

	*out = NULL;
	*n = 0;
	if (!lines)
		return desk_fail(d, ST_INTERNAL, "%s", _("out of memory"));
	if ((st = store_order_lines(d->store, o->id, lines, max, n)) != ST_OK) {
		free(lines);
		return store_error(d, st);
	}
	*out = lines;
	return ST_OK;
}

/* An order's lines and their needs per SKU. */
struct order_need {
	struct order_line *lines;
	int nlines;
	struct stock_need *needs;
	int nneeds;
};

static void need_free(struct order_need *n)
{
	free(n->lines);
	free(n->needs);
	memset(n, 0, sizeof *n);
}

static enum status need_load(struct desk *d, const struct order *o, struct order_need *n)
{
	enum status st;

	memset(n, 0, sizeof *n);
	if ((st = lines_load(d, o, &n->lines, &n->nlines)) != ST_OK)
		return st;
	n->needs = calloc((size_t)n->nlines + 1, sizeof *n->needs);
	if (!n->needs) {
		need_free(n);
		return desk_fail(d, ST_INTERNAL, "%s", _("out of memory"));
	}
	store_stock_sum(n->lines, n->nlines, n->needs, n->nlines, &n->nneeds);
	return ST_OK;
}

/*
 * Tries to reserve the whole order: its own warehouse first, then every
 * warehouse by code.  *where gets the warehouse ("" when short).  Writes
 * one lock event per SKU and evaluates low stock on success.
 */
static enum status reserve_order(struct desk *d, const struct order *o, const struct order_need *n,
                                 char *where, size_t size)
{
	char codes[MAX_WAREHOUSES][16];
	int ncodes = 0, idx;
	enum status st;
	const char *chosen = NULL;

	*where = '\0';
	if (n->nneeds == 0)
		return desk_fail(d, ST_REFUSED, _("order %s has no lines to lock"), o->order_no);
	if (*o->warehouse) {
		st = store_stock_reserve(d->store, o->id, o->warehouse, n->needs, n->nneeds, n->lines,
		                         n->nlines, desk_now(d), d->login, &idx);
		if (st != ST_OK)
			return store_error(d, st);
		if (idx < 0)
			chosen = o->warehouse;
	}
	if (!chosen) {
		if ((st = store_stock_warehouses(d->store, codes, MAX_WAREHOUSES, &ncodes)) != ST_OK)
			return store_error(d, st);
		for (int i = 0; i < ncodes && !chosen; i++) {
			if (strcmp(codes[i], o->warehouse) == 0)
				continue;
			st = store_stock_reserve(d->store, o->id, codes[i], n->needs, n->nneeds, n->lines,
			                         n->nlines, desk_now(d), d->login, &idx);
			if (st != ST_OK)
				return store_error(d, st);
			if (idx < 0)
				chosen = codes[i];
		}
	}
	if (!chosen)
		return ST_OK;
	text_copy(where, chosen, size);
	for (int i = 0; i < n->nneeds; i++) {
		if ((st = stock_event(d, o->id, n->needs[i].sku, where, "lock", 0, n->needs[i].qty,
		                      o->order_no)) != ST_OK)
			return st;
		if ((st = low_check(d, n->needs[i].sku, where)) != ST_OK)
			return st;
	}
	return ST_OK;
}

/*
 * Describes a shortage against the order's warehouse: "SKU-1 needs 3, 1
 * available" for each short SKU (desc), "SKU-1:3:1;" (detail, the SKU
 * escaped so that report_detail_skus reads it back whatever it holds).
 */
static enum status describe_short(struct desk *d, const struct order *o, const struct order_need *n,
                                  char *desc, size_t dsize, char *detail, size_t tsize)
{
	const char *wh = order_warehouse(o);
	size_t dl = 0, tl = 0;
	int spread = 1, shorts = 0;
	enum status st;

	*desc = *detail = '\0';
	for (int i = 0; i < n->nneeds; i++) {
		long avail, all;
		if ((st = store_stock_available(d->store, n->needs[i].sku, wh, &avail)) != ST_OK ||
		    (st = store_stock_available_all(d->store, n->needs[i].sku, &all)) != ST_OK)
			return store_error(d, st);
		if (all < n->needs[i].qty)
			spread = 0;
		if (avail >= n->needs[i].qty)
			continue;
		if (avail < 0)
			avail = 0;
		char clean[160], coded[200];
		text_clean(n->needs[i].sku, clean, sizeof clean);
		text_escape(n->needs[i].sku, EXKIND_SHORT_SEPARATORS, coded, sizeof coded);
		if (dl < dsize)
			dl += (size_t)snprintf(desc + dl, dsize - dl, _("%s%s needs %ld, %ld available at %s"),
			                       shorts ? "; " : "", clean, n->needs[i].qty, avail, wh);
		if (tl < tsize)
			tl += (size_t)snprintf(detail + tl, tsize - tl, "%s%s:%ld:%ld",
			                       shorts ? ";" : "", coded, n->needs[i].qty, avail);
		shorts++;
	}
	if (spread && dl < dsize)
		snprintf(desc + dl, dsize - dl, "%s",
		         _(" (enough over all warehouses, but none holds the whole order)"));
	return ST_OK;
}

/*
 * Opens a stock_short exception for o (unless one is open, when only an
 * event notes the new attempt).  e gets the description; related is the
 * order it came from (a backorder's original), due its resolution date.
 */
static enum status open_short(struct desk *d, const struct order *o, const struct order_need *n,
                              long long related, time_t due, const char *prefix,
                              struct exception_rec *e)
{
	long long open_ids[4];
	int nopen = 0, created = 0;
	enum status st;
	char desc[sizeof e->description];

	memset(e, 0, sizeof *e);
	if ((st = describe_short(d, o, n, desc, sizeof desc, e->detail, sizeof e->detail)) != ST_OK)
		return st;
	snprintf(e->description, sizeof e->description, "%s%s", prefix ? prefix : "", desc);
	if ((st = store_stock_short_open(d->store, o->id, open_ids, 4, &nopen)) != ST_OK)
		return store_error(d, st);
	if (nopen > 0)
		return desk_event(d, o->id, "lock", "", "short", e->description);
	e->order_id = o->id;
	e->kind = EXKIND_STOCK_SHORT;
	e->stage = o->stage;
	e->opened_at = desk_now(d);
	e->due_at = due;
	e->related_id = related;
	text_copy(e->opened_by, d->login, sizeof e->opened_by);
	if ((st = store_exception_open(d->store, e, &created)) != ST_OK)
		return store_error(d, st);
	return desk_event(d, o->id, "raise", "", "stock_short", e->description);
}

/* A refused lock: the exception is recorded and committed, the answer is 1. */
static enum status record_short(struct desk *d, const struct order *o, const struct order_need *n)
{
	struct exception_rec e;
	/* Due like a raised shortage: within the longest delay a clerk may agree. */
	time_t due = calendar_add(&d->cal, desk_now(d), d->clocks.stock_delay_max);
	enum status st = open_short(d, o, n, 0, due, NULL, &e);

	if (st != ST_OK)
		return st;
	/* the order now waits: a low-stock alert's reorder figure grows with it */
	for (int i = 0; i < n->nneeds; i++)
		if ((st = low_check(d, n->needs[i].sku, o->warehouse[0] ? o->warehouse
		                                                        : STOCK_DEFAULT_WAREHOUSE)) != ST_OK)
			return st;
	d->commit_refusal = 1;
	return desk_fail(d, ST_REFUSED, _("stock short for %s: %s"), o->order_no, e.description);
}

/* Resolves every open stock_short exception of an order with action and cause. */
static enum status resolve_short(struct desk *d, const struct order *o, enum cause cause,
                                 const char *action, const char *result, const char *note)
{
	long long ids[16];
	int n = 0;
	enum status st;

	if ((st = store_stock_short_open(d->store, o->id, ids, 16, &n)) != ST_OK)
		return store_error(d, st);
	for (int i = 0; i < n; i++) {
		st = store_exception_resolve(d->store, ids[i], desk_now(d), d->login, cause, action,
		                             result, note ? note : "");
		if (st != ST_OK)
			return store_error(d, st);
		if ((st = desk_event(d, o->id, "resolve", "stock_short", action, cause_name(cause))) != ST_OK)
			return st;
	}
	return ST_OK;
}

/* Moves o to a stage with its new clock and an event (inside the transaction). */
static enum status move_to(struct desk *d, const struct order *o, enum stage to, const char *what,
                           const char *why)
{
	time_t now = desk_now(d);
	time_t due = clock_stage_due(&d->clocks, &d->cal, to, o->priority, o->received_at, now);
	int on_time = o->due_at == 0 || now <= o->due_at;
	enum status st = store_order_move(d->store, o->id, o->stage, -1, to, now, due, on_time);

	if (st == ST_REFUSED)
		return desk_fail(d, ST_REFUSED, _("order %s changed meanwhile; look again and retry"),
		                 o->order_no);
	if (st != ST_OK)
		return store_error(d, st);
	return desk_event(d, o->id, what, stage_name(o->stage), stage_name(to), why);
}

/*
 * A line without a valid SKU locks nothing: the lock is refused with the
 * needs_info's own reason ("line 2 sku missing"), never as a shortage, and
 * that needs_info is raised and committed so the order shows red until the
 * line is corrected.  ST_OK when every line has a SKU.
 */
static enum status skus_valid(struct desk *d, const struct order *o, const struct order_need *n)
{
	char why[128], desc[200], detail[64];
	struct exception_raise r = { .kind = EXKIND_NEEDS_INFO, .description = desc,
	                             .detail = detail };
	long long id;
	int created;
	enum status st;

	for (int i = 0; i < n->nlines; i++) {
		const struct order_line *l = &n->lines[i];
		if (validate_field(FIELD_SKU, l->sku, why, sizeof why) == 0)
			continue;
		snprintf(desc, sizeof desc, _("line %d sku %s"), l->line_no, why);
		snprintf(detail, sizeof detail, "fields=sku; line_no=%d", l->line_no);
		if ((st = desk_exception_raise_tx(d, o, &r, &id, &created)) != ST_OK)
			return st;
		d->commit_refusal = 1;
		return desk_fail(d, ST_REFUSED,
		                 _("order %s cannot be locked: %s (needs_info %lld; correct it with "
		                   "ordesk edit %s line=%d sku=SKU)"),
		                 o->order_no, desc, id, o->order_no, l->line_no);
	}
	return ST_OK;
}

/* ---- hooks of the order use cases --------------------------------------- */

enum status desk_stock_lock_tx(struct desk *d, const struct order *o)
{
	struct order_need n;
	char where[16];
	enum status st;

	if ((st = need_load(d, o, &n)) != ST_OK)
		return st;
	st = skus_valid(d, o, &n);
	if (st == ST_OK)
		st = reserve_order(d, o, &n, where, sizeof where);
	if (st == ST_OK && !*where)
		st = record_short(d, o, &n);
	need_free(&n);
	return st;
}

/* Ends the locks of o, with one event per SKU and warehouse. */
static enum status end_locks(struct desk *d, const struct order *o, int shipped)
{
	struct stock_lock_sum sums[256];
	int n = 0;
	enum status st;

	if ((st = store_stock_locks_of(d->store, o->id, sums, 256, &n)) != ST_OK)
		return store_error(d, st);
	if (n == 0)
		return ST_OK;
	if ((st = store_stock_end_locks(d->store, o->id, shipped, desk_now(d), d->login)) != ST_OK) {
		if (!*store_errmsg(d->store) || st == ST_INTERNAL)
			return desk_fail(d, ST_INTERNAL,
			                 _("the locks of %s do not match the stock rows; run ordesk check"),
			                 o->order_no);
		return store_error(d, st);
	}
	for (int i = 0; i < n; i++) {
		if ((st = stock_event(d, o->id, sums[i].sku, sums[i].warehouse,
		                      shipped ? "ship" : "release", sums[i].qty, 0, o->order_no)) != ST_OK)
			return st;
		if ((st = low_check(d, sums[i].sku, sums[i].warehouse)) != ST_OK)
			return st;
	}
	return ST_OK;
}

enum status desk_stock_release_tx(struct desk *d, const struct order *o)
{
	enum status st = end_locks(d, o, 0);

	/* Only cancel calls this for an order before locked: it stops waiting too. */
	if (st == ST_OK && o->stage < STAGE_LOCKED)
		st = resolve_short(d, o, CAUSE_OTHER, _("order cancelled while short of stock"),
		                  _("cancelled"), NULL);
	return st;
}

enum status desk_stock_ship_tx(struct desk *d, const struct order *o)
{
	return end_locks(d, o, 1);
}

/* ---- lock and release ---------------------------------------------------- */

static enum status lock_body(struct desk *d, void *arg)
{
	const char *order_no = arg;
	struct order o;
	struct order_need n;
	char where[16];
	const char *other;
	enum status st;

	if ((st = desk_order_get(d, order_no, &o)) != ST_OK)
		return st;
	if ((st = desk_order_seen(d, &o)) != ST_OK)
		return st;
	if (o.stage == STAGE_LOCKED || o.stage == STAGE_PICKING)
		return desk_fail(d, ST_REFUSED, _("order %s is already locked (it is in %s)"), o.order_no,
		                 stage_name(o.stage));
	if (o.stage != STAGE_REVIEW)
		return desk_fail(d, ST_REFUSED, _("order %s is in %s: only orders in review can be locked"),
		                 o.order_no, stage_name(o.stage));
	if ((other = other_blocking(o.exc_kinds)) != NULL)
		return desk_fail(d, ST_REFUSED, _("order %s has an open %s exception: resolve it first"),
		                 o.order_no, other);
	if ((st = need_load(d, &o, &n)) != ST_OK)
		return st;
	st = skus_valid(d, &o, &n);
	if (st == ST_OK)
		st = reserve_order(d, &o, &n, where, sizeof where);
	if (st == ST_OK && !*where)
		st = record_short(d, &o, &n);
	if (st == ST_OK && has_word(o.exc_kinds, "stock_short"))
		st = resolve_short(d, &o, CAUSE_STOCK_PLANNING, _("locked: the stock is there now"),
		                  _("relocked"), NULL);
	if (st == ST_OK)
		st = move_to(d, &o, STAGE_LOCKED, "lock", where);
	if (st == ST_OK) {
		/* the two counts each take their own plural form */
		char items[64], lines[64];
		snprintf(items, sizeof items, ngettext("%d item", "%d items", (unsigned long)o.items),
		         o.items);
		snprintf(lines, sizeof lines, ngettext("%d line", "%d lines", (unsigned long)n.nlines),
		         n.nlines);
		desk_say(d, _("%s locked at %s: %s on %s"), o.order_no, where, items, lines);
	}
	need_free(&n);
	return st;
}

enum status desk_lock(struct desk *d, const char *order_no)
{
	if (desk_require(d, ROLE_CLERK, _("lock stock")) != ST_OK)
		return ST_DENIED;
	return desk_tx(d, lock_body, (void *)(uintptr_t)order_no);
}

struct reason_req {
	const char *order_no;
	const char *reason;
};

static enum status release_body(struct desk *d, void *arg)
{
	const struct reason_req *req = arg;
	struct order o;
	enum status st;

	if ((st = desk_order_get(d, req->order_no, &o)) != ST_OK)
		return st;
	if ((st = desk_order_seen(d, &o)) != ST_OK)
		return st;
	if (o.stage == STAGE_PICKING)
		return desk_fail(d, ST_REFUSED,
		                 _("order %s is being picked: a supervisor moves it back to locked first"),
		                 o.order_no);
	if (o.stage != STAGE_LOCKED)
		return desk_fail(d, ST_REFUSED, _("order %s is in %s: it holds no locks"), o.order_no,
		                 stage_name(o.stage));
	if ((st = end_locks(d, &o, 0)) != ST_OK)
		return st;
	if ((st = move_to(d, &o, STAGE_REVIEW, "release", req->reason ? req->reason : "")) != ST_OK)
		return st;
	desk_say(d, _("%s released: back in review"), o.order_no);
	return ST_OK;
}

enum status desk_release(struct desk *d, const char *order_no, const char *reason)
{
	struct reason_req req = { order_no, reason };

	if (desk_require(d, ROLE_CLERK, _("release stock")) != ST_OK)
		return ST_DENIED;
	if (desk_text_check(d, 1, reason) != ST_OK)
		return ST_USAGE;
	return desk_tx(d, release_body, &req);
}

/* ---- shortage resolutions ------------------------------------------------ */

static enum status cause_of(struct desk *d, const char *word, enum cause *out)
{
	int c;
	char clean[64];

	*out = CAUSE_STOCK_PLANNING;
	if (!word || !*word)
		return ST_OK;
	if ((c = cause_parse(word)) < 0) {
		text_clean(word, clean, sizeof clean);
		return desk_fail(d, ST_USAGE, _("unknown cause %s (data_entry, channel_data, stock_planning, supplier, carrier, capacity, customer, system, other)"),
		                 clean);
	}
	*out = (enum cause)c;
	return ST_OK;
}

/* Reads an order that waits on a stock_short exception in review. */
static enum status short_order(struct desk *d, const char *order_no, struct order *o)
{
	enum status st;

	if ((st = desk_order_get(d, order_no, o)) != ST_OK)
		return st;
	if ((st = desk_order_seen(d, o)) != ST_OK)
		return st;
	if (o->stage != STAGE_REVIEW || !has_word(o->exc_kinds, "stock_short"))
		return desk_fail(d, ST_REFUSED,
		                 _("order %s is not waiting for stock (no open stock_short exception in review)"),
		                 o->order_no);
	return ST_OK;
}

struct short_req {
	const char *order_no;
	const char *note;
	const char *until;
	enum cause cause;
	char *backorder;
	size_t size;
};

static enum status wait_body(struct desk *d, void *arg)
{
	const struct short_req *req = arg;
	struct order o;
	enum status st;

	if ((st = short_order(d, req->order_no, &o)) != ST_OK)
		return st;
	if ((st = desk_event(d, o.id, "wait", "stock_short", "waiting for stock",
	                     req->note ? req->note : "")) != ST_OK)
		return st;
	desk_say(d, _("%s waits for stock: the next receipt locks it"), o.order_no);
	return ST_OK;
}

enum status desk_short_wait(struct desk *d, const char *order_no, const char *note)
{
	struct short_req req = { .order_no = order_no, .note = note };

	if (desk_require(d, ROLE_CLERK, _("resolve shortages")) != ST_OK)
		return ST_DENIED;
	if (desk_text_check(d, 1, note) != ST_OK)
		return ST_USAGE;
	return desk_tx(d, wait_body, &req);
}

/* The warehouse a split locks from: the order's own, else the one covering most units. */
static enum status split_warehouse(struct desk *d, const struct order *o, const struct order_need *n,
                                   char *out, size_t size)
{
	char codes[MAX_WAREHOUSES][16];
	int ncodes = 0;
	long best = -1;
	enum status st;

	if (*o->warehouse) {
		text_copy(out, o->warehouse, size);
		return ST_OK;
	}
	text_copy(out, STOCK_DEFAULT_WAREHOUSE, size);
	if ((st = store_stock_warehouses(d->store, codes, MAX_WAREHOUSES, &ncodes)) != ST_OK)
		return store_error(d, st);
	for (int i = 0; i < ncodes; i++) {
		long units = 0, avail;
		for (int k = 0; k < n->nneeds; k++) {
			if ((st = store_stock_available(d->store, n->needs[k].sku, codes[i], &avail)) != ST_OK)
				return store_error(d, st);
			units += avail < 0 ? 0 : avail < n->needs[k].qty ? avail : n->needs[k].qty;
		}
		if (units > best) {
			best = units;
			text_copy(out, codes[i], size);
		}
	}
	return ST_OK;
}

static int need_index(const struct order_need *n, const char *sku)
{
	for (int i = 0; i < n->nneeds; i++)
		if (strcmp(n->needs[i].sku, sku) == 0)
			return i;
	return -1;
}

static enum status split_body(struct desk *d, void *arg)
{
	const struct short_req *req = arg;
	struct order o, bo;
	struct order_need n, bn;
	struct exception_rec e;
	char wh[16], where[16], action[256], result[128], why[128];
	long *remain = NULL, *take = NULL, took = 0, rest = 0;
	long long moved_cents = 0;
	struct order_line *partial = NULL;
	int npartial = 0, k;
	enum status st;
	const char *other;

	memset(&n, 0, sizeof n);
	memset(&bn, 0, sizeof bn);
	if ((st = short_order(d, req->order_no, &o)) != ST_OK)
		return st;
	if ((other = other_blocking(o.exc_kinds)) != NULL)
		return desk_fail(d, ST_REFUSED, _("order %s has an open %s exception: resolve it first"),
		                 o.order_no, other);
	if ((st = need_load(d, &o, &n)) != ST_OK)
		return st;
	if ((st = split_warehouse(d, &o, &n, wh, sizeof wh)) != ST_OK)
		goto out;
	remain = calloc((size_t)n.nneeds + 1, sizeof *remain);
	take = calloc((size_t)n.nlines + 1, sizeof *take);
	partial = calloc((size_t)n.nlines + 1, sizeof *partial);
	if (!remain || !take || !partial) {
		st = desk_fail(d, ST_INTERNAL, "%s", _("out of memory"));
		goto out;
	}
	for (int i = 0; i < n.nneeds; i++) {
		if ((st = store_stock_available(d->store, n.needs[i].sku, wh, &remain[i])) != ST_OK) {
			st = store_error(d, st);
			goto out;
		}
		if (remain[i] < 0)
			remain[i] = 0;
	}
	for (int i = 0; i < n.nlines; i++) {
		int x = need_index(&n, n.lines[i].sku);
		take[i] = remain[x] < n.lines[i].qty ? remain[x] : n.lines[i].qty;
		remain[x] -= take[i];
		took += take[i];
		rest += n.lines[i].qty - take[i];
		moved_cents += (n.lines[i].qty - take[i]) * n.lines[i].unit_price_cents;
	}
	if (took == 0) {
		st = desk_fail(d, ST_REFUSED,
		               _("nothing of %s is in stock at %s: wait for stock, agree a delay or cancel"),
		               o.order_no, wh);
		goto out;
	}
	if (rest == 0) {
		st = desk_fail(d, ST_REFUSED, _("%s can be locked whole now: lock it instead of splitting"),
		               o.order_no);
		goto out;
	}

	/* The backorder: the same customer and promise, the missing quantities. */
	bo = o;
	bo.id = 0;
	for (k = 1; k < 100; k++) {
		struct order probe;
		char num[64];
		snprintf(num, sizeof num, "%.34s-B%d", o.order_no, k);
		text_copy(bo.order_no, num, sizeof bo.order_no);
		st = store_order_get(d->store, bo.order_no, &probe);
		if (st == ST_REFUSED)
			break;
		if (st != ST_OK) {
			st = store_error(d, st);
			goto out;
		}
	}
	{
		char ref[128];
		snprintf(ref, sizeof ref, "%.70s/B%d", o.channel_ref, k);
		text_copy(bo.channel_ref, ref, sizeof bo.channel_ref);
	}
	text_copy(bo.source, "split", sizeof bo.source);
	bo.stage = STAGE_REVIEW;
	bo.stage_at = desk_now(d);
	memset(bo.t_stage, 0, sizeof bo.t_stage);
	bo.t_stage[STAGE_REVIEW] = bo.stage_at;
	bo.due_at = clock_stage_due(&d->clocks, &d->cal, STAGE_REVIEW, o.priority, o.received_at,
	                            bo.stage_at);
	bo.parent_id = o.id;
	bo.open_exc = 0;
	bo.exc_kinds[0] = '\0';
	bo.content_hash[0] = '\0';
	bo.total_cents = moved_cents;
	for (int i = 0; i < n.nlines; i++) {
		if (take[i] == 0 || take[i] == n.lines[i].qty)
			continue;
		partial[npartial] = n.lines[i];
		partial[npartial].qty = n.lines[i].qty - take[i];
		npartial++;
	}
	if ((st = store_order_insert(d->store, &bo, partial, npartial)) != ST_OK) {
		st = store_error(d, st);
		goto out;
	}
	int line_no = npartial;
	for (int i = 0; i < n.nlines && st == ST_OK; i++) {
		if (take[i] == n.lines[i].qty)
			continue;
		if (take[i] == 0)
			st = store_stock_line_move(d->store, n.lines[i].id, bo.id, ++line_no);
		else
			st = store_stock_line_set_qty(d->store, n.lines[i].id, take[i]);
	}
	if (st == ST_OK)
		st = store_stock_order_recount(d->store, o.id,
		                               o.total_cents > moved_cents ? o.total_cents - moved_cents : 0);
	if (st == ST_OK)
		st = store_stock_order_recount(d->store, bo.id, moved_cents);
	if (st != ST_OK) {
		st = store_error(d, st);
		goto out;
	}

	/* Lock what is there, then the original moves on and the backorder waits. */
	need_free(&n);
	if ((st = store_order_get_id(d->store, o.id, &o)) != ST_OK ||
	    (st = store_order_get_id(d->store, bo.id, &bo)) != ST_OK) {
		st = store_error(d, st);
		goto out;
	}
	if ((st = need_load(d, &o, &n)) != ST_OK)
		goto out;
	struct order pref = o;
	text_copy(pref.warehouse, wh, sizeof pref.warehouse);
	if ((st = reserve_order(d, &pref, &n, where, sizeof where)) != ST_OK)
		goto out;
	if (!*where) {
		st = desk_fail(d, ST_INTERNAL, _("split of %s: the stock counted could not be locked"),
		               o.order_no);
		goto out;
	}
	snprintf(action, sizeof action, _("split: locked what is in stock; the rest waits as %s"),
	         bo.order_no);
	snprintf(result, sizeof result, _("split: backorder %s"), bo.order_no);
	if ((st = resolve_short(d, &o, req->cause, action, result, req->note)) != ST_OK ||
	    (st = desk_event(d, o.id, "split", o.order_no, bo.order_no, req->note ? req->note : "")) != ST_OK ||
	    (st = move_to(d, &o, STAGE_LOCKED, "lock", where)) != ST_OK)
		goto out;
	if ((st = need_load(d, &bo, &bn)) != ST_OK)
		goto out;
	snprintf(why, sizeof why, _("backorder of %s: "), o.order_no);
	if ((st = desk_event(d, bo.id, "split", o.order_no, bo.order_no, _("backorder created"))) != ST_OK ||
	    (st = open_short(d, &bo, &bn, o.id, 0, why, &e)) != ST_OK)
		goto out;
	if (req->backorder)
		text_copy(req->backorder, bo.order_no, req->size);
	desk_say(d, _("%s split: %ld items locked at %s; backorder %s waits for %ld"), o.order_no,
	         took, where, bo.order_no, rest);
out:
	need_free(&n);
	need_free(&bn);
	free(remain);
	free(take);
	free(partial);
	return st;
}

enum status desk_split(struct desk *d, const char *order_no, const char *cause,
                       const char *note, char *backorder, size_t size)
{
	struct short_req req = { .order_no = order_no, .note = note, .backorder = backorder,
	                         .size = size };

	if (backorder && size)
		*backorder = '\0';
	if (desk_require(d, ROLE_CLERK, _("split orders")) != ST_OK)
		return ST_DENIED;
	if (desk_text_check(d, 1, note) != ST_OK)
		return ST_USAGE;
	if (cause_of(d, cause, &req.cause) != ST_OK)
		return ST_USAGE;
	return desk_tx(d, split_body, &req);
}

static void day_text(long day, char *buf, size_t size)
{
	time_t t = calendar_day_start(day) + 12 * 3600;
	struct tm tm;

	localtime_r(&t, &tm);
	strftime(buf, size, "%Y-%m-%d", &tm);
}

enum status desk_delay_check(struct desk *d, const char *text)
{
	time_t now = desk_now(d);
	long day = calendar_parse_date(text ? text : "");
	long today = calendar_day(now);
	long limit = calendar_day(calendar_add(&d->cal, now, d->clocks.stock_delay_max));
	char until[16], limit_text[16], dur[16];

	if (day < 0) {
		char clean[64];
		text_clean(text ? text : "", clean, sizeof clean);
		return desk_fail(d, ST_USAGE, _("%s is not a date: write YYYY-MM-DD"), clean);
	}
	day_text(day, until, sizeof until);
	day_text(limit, limit_text, sizeof limit_text);
	duration_format(d->clocks.stock_delay_max, dur, sizeof dur);
	if (day <= today)
		return desk_fail(d, ST_REFUSED, _("a delay must end after today, not %s"), until);
	if (day > limit && d->role < ROLE_SUPERVISOR)
		return desk_fail(d, ST_DENIED,
		                 _("%s is beyond the %s a clerk may agree (until %s): a supervisor must agree it"),
		                 until, dur, limit_text);
	return ST_OK;
}

static enum status delay_body(struct desk *d, void *arg)
{
	const struct short_req *req = arg;
	struct order o;
	struct order_need n;
	struct exception_rec e;
	char until[16], action[256], result[64], old_text[16], prefix[128], why[256];
	enum status st;
	time_t now = desk_now(d);
	long day = calendar_parse_date(req->until);
	long limit = calendar_day(calendar_add(&d->cal, now, d->clocks.stock_delay_max));

	if ((st = short_order(d, req->order_no, &o)) != ST_OK)
		return st;
	if ((st = desk_delay_check(d, req->until)) != ST_OK)
		return st;
	day_text(day, until, sizeof until);
	time_t promise = calendar_day_start(day + 1) - 1;
	if (o.promise_at)
		day_text(calendar_day(o.promise_at), old_text, sizeof old_text);
	else
		old_text[0] = '\0';
	snprintf(why, sizeof why, "%s%s", day > limit ? _("supervisor beyond clock.stock_delay_max; ") : "",
	         req->note ? req->note : "");
	if ((st = store_stock_set_promise(d->store, o.id, promise)) != ST_OK)
		return store_error(d, st);
	if ((st = desk_event(d, o.id, "promise", old_text, until, why)) != ST_OK)
		return st;
	snprintf(action, sizeof action, _("delay agreed: dispatch by %s"), until);
	snprintf(result, sizeof result, _("new dispatch date %s"), until);
	if ((st = resolve_short(d, &o, req->cause, action, result, req->note)) != ST_OK)
		return st;
	/* Still short: it waits for stock under a fresh exception due that day. */
	if ((st = store_order_get_id(d->store, o.id, &o)) != ST_OK)
		return store_error(d, st);
	if ((st = need_load(d, &o, &n)) != ST_OK)
		return st;
	snprintf(prefix, sizeof prefix, _("delay agreed until %s; "), until);
	st = open_short(d, &o, &n, 0, promise, prefix, &e);
	need_free(&n);
	if (st != ST_OK)
		return st;
	desk_say(d, _("%s: dispatch now promised by %s; it waits for stock"), o.order_no, until);
	return ST_OK;
}

enum status desk_delay(struct desk *d, const char *order_no, const char *until,
                       const char *cause, const char *note)
{
	struct short_req req = { .order_no = order_no, .note = note, .until = until };

	if (desk_require(d, ROLE_CLERK, _("agree delays")) != ST_OK)
		return ST_DENIED;
	if (desk_text_check(d, 1, note) != ST_OK)
		return ST_USAGE;
	if (!until || !*until)
		return desk_fail(d, ST_USAGE, "%s", _("a delay needs a date: --until YYYY-MM-DD"));
	if (cause_of(d, cause, &req.cause) != ST_OK)
		return ST_USAGE;
	return desk_tx(d, delay_body, &req);
}

/* ---- receipts, adjustments, safety stock --------------------------------- */

static enum status check_sku(struct desk *d, const char *sku)
{
	char clean[160], why[128];

	if (validate_field(FIELD_SKU, sku, why, sizeof why) != 0) {
		text_clean(sku ? sku : "", clean, sizeof clean);
		return desk_fail(d, ST_USAGE, _("'%s' is not a SKU: %s"), clean, why);
	}
	return ST_OK;
}

struct stock_req {
	const char *sku;
	long qty;
	const char *warehouse;
	const char *text;
	struct receive_result *res;
};

/*
 * Locks the orders waiting on stock_short for sku, highest priority first
 * (class, score, then age), while any of it is available; each lock resolves
 * the order's exception with action.  Orders the stock left cannot fill are
 * skipped, not waited for.
 */
static enum status allocate(struct desk *d, const char *sku, const char *action,
                            struct receive_result *res)
{
	long long *ids = NULL;
	int nids = 0;
	char where[16];
	enum status st;

	if ((st = store_stock_waiting_orders(d->store, sku, &ids, &nids)) != ST_OK)
		return store_error(d, st);
	if (nids > 100)
		store_stock_bulk(d->store, 1);
	for (int i = 0; i < nids && st == ST_OK; i++) {
		struct order o;
		struct order_need n;
		long left;
		if ((st = store_stock_available_all(d->store, sku, &left)) != ST_OK) {
			st = store_error(d, st);
			break;
		}
		if (left <= 0)
			break;
		if ((st = store_order_get_id(d->store, ids[i], &o)) != ST_OK) {
			st = store_error(d, st);
			break;
		}
		if (o.stage != STAGE_REVIEW || other_blocking(o.exc_kinds))
			continue;
		if ((st = need_load(d, &o, &n)) != ST_OK)
			break;
		st = reserve_order(d, &o, &n, where, sizeof where);
		if (st == ST_OK && *where) {
			st = resolve_short(d, &o, CAUSE_STOCK_PLANNING, action, _("relocked"), NULL);
			if (st == ST_OK)
				st = move_to(d, &o, STAGE_LOCKED, "lock", _("stock received"));
			if (st == ST_OK)
				res->locked++;
		}
		need_free(&n);
	}
	free(ids);
	if (nids > 100)
		store_stock_bulk(d->store, 0);
	res->waiting = nids - res->locked;
	return st;
}

enum status desk_stock_changed_tx(struct desk *d, const char *sku, const char *warehouse,
                                  const char *action, struct receive_result *res)
{
	struct receive_result dummy;
	enum status st = ST_OK;

	memset(&dummy, 0, sizeof dummy);
	if (action)
		st = allocate(d, sku, action, res ? res : &dummy);
	if (st == ST_OK)
		st = low_check(d, sku, warehouse);
	return st;
}

static enum status receive_body(struct desk *d, void *arg)
{
	const struct stock_req *req = arg;
	struct stock_row before;
	int found, new_sku = 0, new_wh = 0;
	enum status st;
	char action[256];

	memset(req->res, 0, sizeof *req->res);
	if ((st = store_stock_get(d->store, req->sku, req->warehouse, &before, &found)) != ST_OK)
		return store_error(d, st);
	if ((st = store_stock_ensure(d->store, req->sku, req->warehouse, &new_sku, &new_wh)) != ST_OK ||
	    (st = store_stock_add(d->store, req->sku, req->warehouse, req->qty)) != ST_OK)
		return store_error(d, st);
	if ((st = stock_event(d, 0, req->sku, req->warehouse, "receive", before.on_hand,
	                      before.on_hand + req->qty, req->text ? req->text : "")) != ST_OK)
		return st;

	snprintf(action, sizeof action, _("locked on receipt of %ld %s at %s"), req->qty, req->sku,
	         req->warehouse);
	if ((st = allocate(d, req->sku, action, req->res)) != ST_OK)
		return st;
	if ((st = low_check(d, req->sku, req->warehouse)) != ST_OK)
		return st;
	char sku[160];
	text_clean(req->sku, sku, sizeof sku);
	desk_say(d, _("received %ld %s at %s%s, on hand %ld; %d waiting orders locked, %d still waiting"),
	         req->qty, sku, req->warehouse, new_sku ? _(" (a new SKU)") : "",
	         before.on_hand + req->qty, req->res->locked, req->res->waiting);
	return ST_OK;
}

static enum status warehouse_arg(struct desk *d, const char **warehouse)
{
	char clean[64];

	if (!*warehouse || !**warehouse)
		*warehouse = STOCK_DEFAULT_WAREHOUSE;
	if (strlen(*warehouse) > 15 || !text_is_clean(*warehouse) || strchr(*warehouse, ' ')) {
		text_clean(*warehouse, clean, sizeof clean);
		return desk_fail(d, ST_USAGE, _("%s is not a warehouse code (up to 15 characters)"), clean);
	}
	return ST_OK;
}

enum status desk_stock_receive(struct desk *d, const char *sku, long qty, const char *warehouse,
                               const char *note, struct receive_result *res)
{
	struct receive_result dummy;
	struct stock_req req = { sku, qty, warehouse, note, res ? res : &dummy };

	memset(req.res, 0, sizeof *req.res);
	if (desk_require(d, ROLE_CLERK, _("receive stock")) != ST_OK)
		return ST_DENIED;
	if (desk_text_check(d, 1, note) != ST_OK)
		return ST_USAGE;
	if (check_sku(d, sku) != ST_OK || warehouse_arg(d, &req.warehouse) != ST_OK)
		return ST_USAGE;
	if (qty <= 0 || qty > QTY_MAX)
		return desk_fail(d, ST_USAGE, _("a receipt takes a quantity from 1 to %ld"), QTY_MAX);
	return desk_tx(d, receive_body, &req);
}

static enum status adjust_body(struct desk *d, void *arg)
{
	const struct stock_req *req = arg;
	struct stock_row r;
	int found, applied;
	enum status st;
	char sku[160];

	text_clean(req->sku, sku, sizeof sku);
	if ((st = store_stock_get(d->store, req->sku, req->warehouse, &r, &found)) != ST_OK)
		return store_error(d, st);
	if (!found)
		return desk_fail(d, ST_REFUSED, _("no stock of %s at %s: use stock receive"), sku,
		                 req->warehouse);
	if ((st = store_stock_adjust(d->store, req->sku, req->warehouse, req->qty, &applied)) != ST_OK)
		return store_error(d, st);
	if (!applied && r.on_hand + req->qty < 0)
		return desk_fail(d, ST_REFUSED, _("on hand of %s at %s is %ld: it cannot fall by %ld"),
		                 sku, req->warehouse, r.on_hand, -req->qty);
	if (!applied)
		return desk_fail(d, ST_REFUSED,
		                 _("on hand of %s at %s would be %ld, below the %ld locked: release orders first"),
		                 sku, req->warehouse, r.on_hand + req->qty, r.locked);
	if ((st = stock_event(d, 0, req->sku, req->warehouse, "adjust", r.on_hand, r.on_hand + req->qty,
	                      req->text)) != ST_OK ||
	    (st = low_check(d, req->sku, req->warehouse)) != ST_OK)
		return st;
	desk_say(d, _("%s at %s: on hand %ld -> %ld"), sku, req->warehouse, r.on_hand,
	         r.on_hand + req->qty);
	return ST_OK;
}

enum status desk_stock_adjust(struct desk *d, const char *sku, long delta, const char *warehouse,
                              const char *reason)
{
	struct stock_req req = { sku, delta, warehouse, reason, NULL };

	if (desk_require(d, ROLE_SUPERVISOR, _("adjust stock")) != ST_OK)
		return ST_DENIED;
	if (desk_text_check(d, 1, reason) != ST_OK)
		return ST_USAGE;
	if (check_sku(d, sku) != ST_OK || warehouse_arg(d, &req.warehouse) != ST_OK)
		return ST_USAGE;
	if (delta == 0 || delta > QTY_MAX || delta < -QTY_MAX)
		return desk_fail(d, ST_USAGE, "%s", _("an adjustment takes a non-zero quantity like +5 or -3"));
	if (validate_reason(reason, NULL, 0) != 0)
		return desk_fail(d, ST_USAGE, "%s", _("an adjustment needs a reason (--reason TEXT)"));
	return desk_tx(d, adjust_body, &req);
}

static enum status safety_body(struct desk *d, void *arg)
{
	const struct stock_req *req = arg;
	struct stock_row r;
	int found;
	enum status st;
	char sku[160];

	text_clean(req->sku, sku, sizeof sku);
	if ((st = store_stock_get(d->store, req->sku, req->warehouse, &r, &found)) != ST_OK ||
	    (st = store_stock_ensure(d->store, req->sku, req->warehouse, NULL, NULL)) != ST_OK ||
	    (st = store_stock_set_safety(d->store, req->sku, req->warehouse, req->qty)) != ST_OK)
		return store_error(d, st);
	if ((st = stock_event(d, 0, req->sku, req->warehouse, "safety", r.safety_stock, req->qty,
	                      "")) != ST_OK ||
	    (st = low_check(d, req->sku, req->warehouse)) != ST_OK)
		return st;
	desk_say(d, _("safety stock of %s at %s: %ld -> %ld"), sku, req->warehouse, r.safety_stock,
	         req->qty);
	return ST_OK;
}

enum status desk_stock_safety(struct desk *d, const char *sku, long qty, const char *warehouse)
{
	struct stock_req req = { sku, qty, warehouse, NULL, NULL };

	if (desk_require(d, ROLE_SUPERVISOR, _("set safety stock")) != ST_OK)
		return ST_DENIED;
	if (check_sku(d, sku) != ST_OK || warehouse_arg(d, &req.warehouse) != ST_OK)
		return ST_USAGE;
	if (qty < 0 || qty > QTY_MAX)
		return desk_fail(d, ST_USAGE, "%s", _("safety stock is a quantity of 0 or more"));
	return desk_tx(d, safety_body, &req);
}

/* ---- reading -------------------------------------------------------------- */

enum status desk_stock_each(struct desk *d, const struct stock_filter *f,
                            int (*fn)(const struct stock_row *r, void *arg), void *arg)
{
	return store_error(d, store_stock_each(d->store, f, fn, arg));
}

enum status desk_stock_holders(struct desk *d, const char *sku,
                               int (*fn)(const struct stock_holder *h, void *arg), void *arg)
{
	return store_error(d, store_stock_holders(d->store, sku, fn, arg));
}
