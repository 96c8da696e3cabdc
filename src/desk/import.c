/* The import use case: one channel file, one transaction. */
#include "ordesk/desk_import.h"
#include "ordesk/desk_exception.h"
#include "ordesk/desk_order.h"
#include "ordesk/i18n.h"
#include "ordesk/import_pipe.h"
#include "ordesk/store_ingest.h"
#include "ordesk/store_order.h"
#include "ordesk/text.h"
#include "ordesk/validate.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CHANNELS_MAX 16
#define SKU_CACHE 4096
#define SKU_WAYS 4
#define TRAILING_DAYS 28

struct chan {
	char code[8];
	int known;
	long today;          /* orders received today, this import's new ones included */
	long trailing;       /* orders received in the 28 days before today */
	int serial;          /* last serial used today; 0: not read yet */
	long created;        /* new orders of this import, counted at its end */
};

struct sku_slot {
	char sku[72];
	int known;
};

struct ctx {
	struct desk *d;
	const struct desk_import_opts *o;
	struct desk_import_result *res;
	struct import_result ir;
	FILE *fp;
	time_t now;
	long day;
	char daytag[16];
	long dup_window;
	struct chan chans[CHANNELS_MAX];
	int nchans;
	struct sku_slot *skus;
	long defer_at;       /* the new order at which indexes are deferred; 0: not (again) */
	struct ingest_deferred deferred;
	struct ingest_batch *batch;   /* new orders, their lines and import events, held back */
	char name[256];               /* the file's name, cleaned for events and messages */
	enum status fail;
	int dry_done;
	/* scratch */
	char desc[1024], detail[512], items[4096];
	struct import_problem extra[IMPORT_PROBLEMS_MAX];
};

/* Stores what the import did in a channel: its last serial, its new orders' count. */
static enum status chan_flush(struct ctx *c, const struct chan *ch)
{
	enum status st = ST_OK;

	if (ch->serial)
		st = store_ingest_serial_set(c->d->store, c->daytag, ch->code, ch->serial);
	if (st == ST_OK && ch->created)
		st = store_order_counted(c->d->store, STAGE_NEW, ch->code, c->now, c->now, 0, ch->created);
	return st == ST_OK ? ST_OK : desk_fail(c->d, st, "%s", store_errmsg(c->d->store));
}

static struct chan *chan_get(struct ctx *c, const char *code)
{
	struct chan *ch;

	for (int i = 0; i < c->nchans; i++)
		if (strcmp(c->chans[i].code, code) == 0)
			return &c->chans[i];
	if (c->nchans >= CHANNELS_MAX) {
		/* More channels than a file ever holds: the last slot is written out and reused. */
		c->nchans = CHANNELS_MAX - 1;
		if ((c->fail = chan_flush(c, &c->chans[c->nchans])) != ST_OK)
			return NULL;
	}
	ch = &c->chans[c->nchans];
	memset(ch, 0, sizeof *ch);
	text_copy(ch->code, code, sizeof ch->code);
	/* the counts per day hold this file's orders of the channel once its slot
	 * was written out (chan_flush), held or not */
	if (store_ingest_channel_known(c->d->store, code, &ch->known) != ST_OK ||
	    store_ingest_count(c->d->store, code, c->day, c->day + 1, &ch->today) != ST_OK ||
	    store_ingest_count(c->d->store, code, c->day - TRAILING_DAYS, c->day, &ch->trailing) != ST_OK) {
		c->fail = desk_fail(c->d, ST_INTERNAL, "%s", store_errmsg(c->d->store));
		return NULL;
	}
	c->nchans++;
	return ch;
}

static int channel_ok(void *arg, const char *code)
{
	struct ctx *c = arg;
	struct chan *ch = chan_get(c, code);

	return ch ? ch->known : 1;
}

static enum status sku_known(struct ctx *c, const char *sku, int *known)
{
	/* SKUs differ in their last characters: a hash that mixes all of them,
	 * and four slots a SKU may sit in, so a catalogue of a few thousand
	 * rarely misses */
	uint64_t h = text_hash_str(TEXT_HASH_START, sku);
	struct sku_slot *set = &c->skus[(h % (SKU_CACHE / SKU_WAYS)) * SKU_WAYS];
	for (int i = 0; i < SKU_WAYS && *sku; i++) {
		if (strcmp(set[i].sku, sku) == 0) {
			*known = set[i].known;
			return ST_OK;
		}
	}
	enum status st = store_ingest_product_known(c->d->store, sku, known);
	if (st == ST_OK && strlen(sku) < sizeof set->sku) {
		struct sku_slot *slot = &set[(h / (SKU_CACHE / SKU_WAYS)) % SKU_WAYS];
		for (int i = 0; i < SKU_WAYS; i++)
			if (!*set[i].sku) {
				slot = &set[i];
				break;
			}
		text_copy(slot->sku, sku, sizeof slot->sku);
		slot->known = *known;
	}
	return st;
}

static int cmp_line_sku(const void *a, const void *b)
{
	const struct import_line *x = *(const struct import_line *const *)a;
	const struct import_line *y = *(const struct import_line *const *)b;
	return strcmp(x->sku, y->sku);
}

/* SKU, qty summed per SKU, sorted, as store_ingest_duplicate compares them. */
static void items_sig(struct ctx *c, const struct import_order *io)
{
	const struct import_line *idx[256];
	int n = io->nlines < 256 ? io->nlines : 256;
	size_t used = 0;

	c->items[0] = '\0';
	for (int i = 0; i < n; i++)
		idx[i] = &io->lines[i];
	qsort(idx, (size_t)n, sizeof idx[0], cmp_line_sku);
	for (int i = 0; i < n;) {
		long q = 0;
		int j = i;
		while (j < n && strcmp(idx[j]->sku, idx[i]->sku) == 0)
			q += idx[j++]->qty;
		int w = snprintf(c->items + used, sizeof c->items - used, "%s%s" INGEST_QTY_SEP "%ld",
		                 used ? INGEST_ITEM_SEP : "", idx[i]->sku, q);
		if (w < 0 || (size_t)w >= sizeof c->items - used) {
			c->items[0] = '\0';   /* too long to compare: no duplicate check */
			return;
		}
		used += (size_t)w;
		i = j;
	}
}

/* Builds the needs_info description and detail from the order's problems. */
static void describe_problems(struct ctx *c, const struct import_order *io,
                              const struct import_problem *extra, int nextra)
{
	char fields[256] = "", lines[128] = "", piece[320], value[160];
	size_t used = 0;

	c->desc[0] = '\0';
	for (int k = 0; k < io->nproblems + nextra; k++) {
		const struct import_problem *p = k < io->nproblems ? &io->problems[k]
		                                                   : &extra[k - io->nproblems];
		const char *fname = import_field_name(p->field);
		int line_level = p->field < FIELD_COUNT && field_is_line_level((enum field)p->field);
		text_clean(p->value, value, sizeof value);
		if (*value)
			snprintf(piece, sizeof piece, "%s '%s' %s", fname, value, p->why);
		else
			snprintf(piece, sizeof piece, "%s %s", fname, p->why);
		if (p->line && line_level) {
			size_t pl = strlen(piece);
			snprintf(piece + pl, sizeof piece - pl, _(" (line %ld)"), p->line);
			size_t lu = strlen(lines);
			snprintf(lines + lu, sizeof lines - lu, "%s%ld", lu ? "," : "", p->line);
		}
		if (used + strlen(piece) + 8 >= sizeof c->desc) {
			snprintf(c->desc + used, sizeof c->desc - used, "; …");
			used = strlen(c->desc);
		} else if (used < sizeof c->desc - 8) {
			snprintf(c->desc + used, sizeof c->desc - used, "%s%s", used ? "; " : "", piece);
			used = strlen(c->desc);
		}
		char probe[40];
		snprintf(probe, sizeof probe, ",%s,", fname);
		char have[260];
		snprintf(have, sizeof have, ",%s,", fields);
		if (!strstr(have, probe)) {
			size_t fu = strlen(fields);
			snprintf(fields + fu, sizeof fields - fu, "%s%s", fu ? "," : "", fname);
		}
	}
	if (io->more_problems && used < sizeof c->desc - 1)
		snprintf(c->desc + used, sizeof c->desc - used, _("; and %d more"), io->more_problems);
	snprintf(c->detail, sizeof c->detail, "fields=%s%s%s", fields, *lines ? "; lines=" : "", lines);
}

static enum status raise_exc(struct ctx *c, long long id, enum stage stage, enum exkind kind,
                         const char *desc, const char *detail, long long related, int *raised)
{
	struct order o;
	struct exception_raise r = { .kind = kind, .description = desc, .detail = detail,
	                             .related_id = related };
	long long eid;
	int created;
	enum status st;

	/* its event comes after the order's import event */
	if ((st = store_ingest_batch_flush(c->d->store, c->batch)) != ST_OK)
		return desk_fail(c->d, st, "%s", store_errmsg(c->d->store));
	memset(&o, 0, sizeof o);
	o.id = id;
	o.stage = stage;
	if ((st = desk_exception_raise_tx(c->d, &o, &r, &eid, &created)) != ST_OK)
		return st;
	if (created)
		*raised = 1;
	return ST_OK;
}

static void fill_ingest(struct ctx *c, const struct import_order *io, struct ingest_order *g,
                        int surge)
{
	struct order tmp;
	long items = 0;

	memset(g, 0, sizeof *g);
	g->channel = io->channel;
	g->ref = io->ref;
	g->source = c->ir.profile;
	g->customer = io->customer;
	g->phone = io->phone;
	g->email = io->email;
	g->display_ref = io->display_ref;
	g->channel_promise_at = io->promise_at;
	g->address = io->address;
	g->note = io->note;
	g->flags = io->flags;
	g->state = io->state;
	g->currency = io->currency;
	g->hash = io->hash;
	g->tier = (enum tier)io->tier;
	g->type = (enum otype)io->type;
	g->ordered_at = io->ordered_at ? io->ordered_at : c->now;
	g->received_at = c->now;
	g->total_cents = io->total_cents;
	g->lines = io->nlines;
	for (int i = 0; i < io->nlines; i++)
		items += io->lines[i].qty;
	g->items = (int)items;
	memset(&tmp, 0, sizeof tmp);
	text_copy(tmp.flags, io->flags, sizeof tmp.flags);
	tmp.tier = g->tier;
	tmp.type = g->type;
	tmp.ordered_at = g->ordered_at;
	tmp.channel_promise_at = g->channel_promise_at;
	tmp.total_cents = g->total_cents;
	desk_order_prioritize(c->d, &tmp, surge);
	g->priority = tmp.priority;
	g->score = tmp.score;
	g->promise_at = tmp.promise_at;
	g->due_at = clock_stage_due(&c->d->clocks, &c->d->cal, STAGE_NEW, g->priority, c->now, c->now);
}

static enum status add_lines(struct ctx *c, long long id, const struct import_order *io)
{
	enum status st;

	for (int i = 0; i < io->nlines; i++) {
		const struct import_line *l = &io->lines[i];
		st = store_ingest_line_put(c->d->store, c->batch, id, i + 1, l->sku, l->name, l->qty,
		                           l->unit_cents);
		if (st != ST_OK)
			return desk_fail(c->d, st, "%s", store_errmsg(c->d->store));
	}
	return ST_OK;
}

/* Unknown SKUs of well-formed lines, as extra problems. */
static enum status unknown_skus(struct ctx *c, const struct import_order *io, int *n)
{
	enum status st;

	*n = 0;
	for (int i = 0; i < io->nlines && *n < IMPORT_PROBLEMS_MAX; i++) {
		const struct import_line *l = &io->lines[i];
		int known, flagged = 0;
		if (!*l->sku)
			continue;
		for (int k = 0; k < io->nproblems; k++)
			flagged |= io->problems[k].field == FIELD_SKU && io->problems[k].line == l->line;
		if (flagged)
			continue;
		if ((st = sku_known(c, l->sku, &known)) != ST_OK)
			return desk_fail(c->d, st, "%s", store_errmsg(c->d->store));
		if (known)
			continue;
		struct import_problem *p = &c->extra[(*n)++];
		p->field = FIELD_SKU;
		p->line = l->line;
		text_fit(l->sku, 40, p->value, sizeof p->value);
		text_copy(p->why, _("unknown"), sizeof p->why);
	}
	return ST_OK;
}

static void where(struct ctx *c, const struct import_order *io, char *buf, size_t size)
{
	snprintf(buf, size, "%s:%ld (%s)", c->name, io->line, c->ir.profile);
}

/*
 * What the channel's state says of an order the desk has not shipped: a
 * cancellation, or a shipment the desk did not make (someone shipped it from
 * the channel's own admin; picking it too would ship it twice).  Either is
 * for a supervisor.
 */
static enum status state_check(struct ctx *c, long long id, enum stage stage,
                               const struct import_order *io, int *raised)
{
	char cause[160], value[128];

	if ((!io->cancelled && !io->shipped) || stage >= STAGE_SHIPPED)
		return ST_OK;
	/* what said so, as "state: 已关闭" or "cancelled_at: 2025-12-08 10:00" */
	text_clean(io->cause, value, sizeof value);
	snprintf(cause, sizeof cause, "%s: %s", import_field_name(io->cause_field),
	         *value ? value : io->cancelled ? "cancelled" : "shipped");
	if (io->cancelled)
		snprintf(c->desc, sizeof c->desc,
		         _("the channel cancelled this order (%s): a supervisor should cancel it"), cause);
	else
		snprintf(c->desc, sizeof c->desc,
		         _("the channel says it shipped this order (%s) before the desk did: "
		           "make sure it is not shipped twice"),
		         cause);
	return raise_exc(c, id, stage, EXKIND_CUSTOMER_CHANGE, c->desc,
	                 io->cancelled ? "cancelled; role=supervisor" : "shipped by the channel; role=supervisor", 0,
	                 raised);
}

static enum status order_new(struct ctx *c, const struct import_order *io)
{
	struct desk *d = c->d;
	struct ingest_order g;
	struct chan *ch = chan_get(c, io->channel);
	char order_no[48], why[320];
	long long id;
	int nextra, raised = 0;
	enum status st;

	if (!ch)
		return c->fail;
	if (c->defer_at && c->res->created == c->defer_at) {
		c->defer_at = 0;
		if ((st = store_ingest_defer(d->store, &c->deferred)) != ST_OK)
			return desk_fail(d, st, "%s", store_errmsg(d->store));
	}
	if (ch->serial == 0) {
		if ((st = store_order_next_serial(d->store, c->daytag, io->channel, &ch->serial)) != ST_OK)
			return desk_fail(d, st, "%s", store_errmsg(d->store));
	} else {
		ch->serial++;
	}
	snprintf(order_no, sizeof order_no, "%s-%s-%04d", c->daytag, io->channel, ch->serial);
	ch->today++;
	ch->created++;
	int surge = priority_is_surge(ch->today, ch->trailing, TRAILING_DAYS, d->surge_factor);
	fill_ingest(c, io, &g, surge);
	g.order_no = order_no;
	if ((st = store_ingest_insert(d->store, c->batch, &g, &id)) != ST_OK)
		return desk_fail(d, st, "%s", store_errmsg(d->store));
	if ((st = add_lines(c, id, io)) != ST_OK)
		return st;
	where(c, io, why, sizeof why);
	struct event_rec ev = { .order_id = id, .entity = "order", .entity_id = "", .what = "import",
	                        .from = "", .to = "new", .why = why };
	if ((st = store_ingest_event_put(d->store, c->batch, desk_now(d), d->login, &ev)) != ST_OK)
		return desk_fail(d, st, "%s", store_errmsg(d->store));
	if ((st = unknown_skus(c, io, &nextra)) != ST_OK)
		return st;
	if (io->nproblems + nextra > 0) {
		/* held with the order: a file whose every order is flagged is written as
		 * many rows to a statement as a clean one */
		struct order o = { .id = id, .stage = STAGE_NEW };
		struct exception_raise r = { .kind = EXKIND_NEEDS_INFO, .description = c->desc,
		                             .detail = c->detail };
		describe_problems(c, io, c->extra, nextra);
		if ((st = desk_exception_raise_held(d, c->batch, &o, &r, NULL)) != ST_OK)
			return st;
		raised = 1;
	}
	/* a phone the channel masked is many buyers' (138****5678): no duplicate by it */
	if (*g.phone && c->dup_window > 0 && !validate_masked(FIELD_PHONE, g.phone)) {
		long long other;
		char other_no[48];
		items_sig(c, io);
		if (*c->items) {
			st = store_ingest_duplicate(d->store, c->batch, g.phone, id, g.ordered_at - c->dup_window,
			                            g.ordered_at + c->dup_window, c->items, &other, other_no,
			                            sizeof other_no);
			if (st != ST_OK)
				return desk_fail(d, st, "%s", store_errmsg(d->store));
			if (other) {
				snprintf(c->desc, sizeof c->desc,
				         _("same phone and items as %s, ordered within %ld minutes"), other_no,
				         c->dup_window / 60);
				snprintf(c->detail, sizeof c->detail, "other=%s", other_no);
				if ((st = raise_exc(c, id, STAGE_NEW, EXKIND_DUPLICATE_SUSPECT, c->desc, c->detail, other,
				                &raised)) != ST_OK)
					return st;
			}
		}
	}
	if ((st = state_check(c, id, STAGE_NEW, io, &raised)) != ST_OK)
		return st;
	c->res->created++;
	c->res->flagged += raised;
	return ST_OK;
}

/* Which imported fields of a stored order differ from the file's. */
static enum status changed_fields(struct ctx *c, long long id, const struct import_order *io,
                                  char *out, size_t size)
{
	static struct order o;
	static struct order_line lines[256];
	int n;
	enum status st;

	out[0] = '\0';
	if ((st = store_order_get_id(c->d->store, id, &o)) != ST_OK ||
	    (st = store_order_lines(c->d->store, id, lines, 256, &n)) != ST_OK)
		return desk_fail(c->d, st, "%s", store_errmsg(c->d->store));
#define DIFF(cond, word) \
	if (cond) \
		snprintf(out + strlen(out), size - strlen(out), "%s%s", *out ? "," : "", word)
	DIFF(strncmp(o.customer, io->customer, sizeof o.customer - 1) != 0, "customer");
	DIFF(strncmp(o.phone, io->phone, sizeof o.phone - 1) != 0, "phone");
	DIFF(strncmp(o.email, io->email, sizeof o.email - 1) != 0, "email");
	DIFF(strncmp(o.address, io->address, sizeof o.address - 1) != 0, "address");
	DIFF(strncmp(o.note, io->note, sizeof o.note - 1) != 0, "note");
	DIFF(io->ordered_at && o.ordered_at != io->ordered_at, "ordered_at");
	int items_differ = n != io->nlines;
	for (int i = 0; !items_differ && i < n; i++)
		items_differ = strcmp(lines[i].sku, io->lines[i].sku) != 0 || lines[i].qty != io->lines[i].qty ||
		               lines[i].unit_price_cents != io->lines[i].unit_cents;
	DIFF(items_differ, "items");
	DIFF(o.total_cents != io->total_cents, "total");
#undef DIFF
	if (!*out)
		text_copy(out, "flags/tier/type", size);
	return ST_OK;
}

static enum status order_again(struct ctx *c, const struct import_order *io,
                               const struct ingest_found *f)
{
	struct desk *d = c->d;
	char why[320], fields[128];
	int raised = 0, nextra;
	enum status st;

	/* what follows reads and rewrites stored lines: the held ones first */
	if ((st = store_ingest_batch_flush(d->store, c->batch)) != ST_OK)
		return desk_fail(d, st, "%s", store_errmsg(d->store));
	/* the display reference and e-mail of orders stored before they were kept */
	if (f->stage != STAGE_CANCELLED &&
	    (strncmp(f->display_ref, io->display_ref, sizeof f->display_ref - 1) != 0 ||
	     strncmp(f->email, io->email, sizeof f->email - 1) != 0) &&
	    (st = store_ingest_fill(d->store, f->id, io->display_ref, io->email, io->phone)) != ST_OK)
		return desk_fail(d, st, "%s", store_errmsg(d->store));
	int state_changed = strcmp(f->state, io->state) != 0;
	if (strcmp(f->hash, io->hash) == 0) {
		if (!state_changed) {
			c->res->unchanged++;
			return ST_OK;
		}
		if ((st = store_ingest_mark(d->store, f->id, io->state, io->hash)) != ST_OK)
			return desk_fail(d, st, "%s", store_errmsg(d->store));
		if ((st = desk_event(d, f->id, "channel-state", f->state, io->state, c->name)) != ST_OK)
			return st;
		if ((st = state_check(c, f->id, f->stage, io, &raised)) != ST_OK)
			return st;
		c->res->updated++;
		c->res->flagged += raised;
		return ST_OK;
	}
	where(c, io, why, sizeof why);
	if (f->stage == STAGE_NEW || f->stage == STAGE_REVIEW) {
		struct ingest_order g;
		if ((st = changed_fields(c, f->id, io, fields, sizeof fields)) != ST_OK)
			return st;
		/* An order that came in on a surge day stays urgent. */
		fill_ingest(c, io, &g, f->priority == PRIO_URGENT);
		st = store_ingest_update(d->store, f->id, f->version, &g);
		if (st == ST_REFUSED)
			return desk_fail(d, ST_INTERNAL, _("order %s changed during the import"), f->order_no);
		if (st != ST_OK)
			return desk_fail(d, st, "%s", store_errmsg(d->store));
		if ((st = add_lines(c, f->id, io)) != ST_OK)
			return st;
		size_t wl = strlen(why);
		snprintf(why + wl, sizeof why - wl, ": %s", fields);
		if ((st = desk_event(d, f->id, "import-update", f->hash, io->hash, why)) != ST_OK)
			return st;
		if ((st = unknown_skus(c, io, &nextra)) != ST_OK)
			return st;
		if (io->nproblems + nextra > 0) {
			describe_problems(c, io, c->extra, nextra);
			if ((st = raise_exc(c, f->id, f->stage, EXKIND_NEEDS_INFO, c->desc, c->detail, 0,
			                &raised)) != ST_OK)
				return st;
		}
	} else if (f->stage != STAGE_CANCELLED) {
		/* Past review: a picked order is never altered silently. */
		if ((st = changed_fields(c, f->id, io, fields, sizeof fields)) != ST_OK)
			return st;
		snprintf(c->desc, sizeof c->desc,
		         _("the channel changed %s after review (%s): edit the order and review it again"),
		         fields, why);
		snprintf(c->detail, sizeof c->detail, "fields=%s; hash=%s", fields, io->hash);
		if ((st = raise_exc(c, f->id, f->stage, EXKIND_CUSTOMER_CHANGE, c->desc, c->detail, 0,
		                &raised)) != ST_OK)
			return st;
		if ((st = store_ingest_mark(d->store, f->id, io->state, io->hash)) != ST_OK)
			return desk_fail(d, st, "%s", store_errmsg(d->store));
		if ((st = desk_event(d, f->id, "import-change", f->hash, io->hash, why)) != ST_OK)
			return st;
	} else {
		if ((st = store_ingest_mark(d->store, f->id, io->state, io->hash)) != ST_OK)
			return desk_fail(d, st, "%s", store_errmsg(d->store));
	}
	if (state_changed && (st = state_check(c, f->id, f->stage, io, &raised)) != ST_OK)
		return st;
	c->res->updated++;
	c->res->flagged += raised;
	return ST_OK;
}

static int on_order(void *arg, const struct import_order *io)
{
	struct ctx *c = arg;
	struct ingest_found f;
	enum status st;

	if ((st = store_ingest_find(c->d->store, c->batch, io->channel, io->ref, &f)) != ST_OK) {
		c->fail = desk_fail(c->d, st, "%s", store_errmsg(c->d->store));
		return c->fail;
	}
	if (!f.id && io->cancelled) {
		/* Cancelled before the desk ever saw it: no work here, nothing to tell anyone. */
		c->res->cancelled++;
		return 0;
	}
	if (!f.id && io->shipped) {
		/* Shipped before the desk ever saw it, or shipped by the channel itself: no work here. */
		c->res->shipped++;
		return 0;
	}
	st = f.id ? order_again(c, io, &f) : order_new(c, io);
	if (st != ST_OK)
		c->fail = st;
	return st;
}

static int on_reject(void *arg, const struct import_reject *r)
{
	struct ctx *c = arg;

	return c->o->reject ? c->o->reject(c->o->arg, r) : 0;
}

static void on_progress(void *arg, long long bytes, long rows)
{
	struct ctx *c = arg;

	c->o->progress(c->o->arg, bytes, rows);
}

static enum status import_body(struct desk *d, void *arg)
{
	struct ctx *c = arg;
	struct import_opts io = { c->o->profile, c->o->channel };
	struct import_sink sink = { on_order, on_reject, channel_ok,
	                            c->o->progress ? on_progress : NULL, c };
	enum status st;

	c->nchans = 0;
	memset(c->skus, 0, SKU_CACHE * sizeof *c->skus);
	text_clean(c->o->name, c->name, sizeof c->name);
	st = import_orders_piped(c->fp, &io, &sink, &c->ir);
	if (c->fail)
		return c->fail;
	if (st == ST_DATAERR) {
		char what[512];
		text_clean(c->ir.err.what, what, sizeof what);
		return desk_fail(d, ST_DATAERR, "%s:%ld:%ld: %s", c->name, c->ir.err.line, c->ir.err.col, what);
	}
	if (st == ST_IOERR)
		return desk_fail(d, ST_IOERR, "%s: %s", c->name, c->ir.err.what);
	if (st != ST_OK)
		return desk_fail(d, st, "%s", *c->ir.why ? c->ir.why : status_name(st));
	if ((st = store_ingest_batch_flush(d->store, c->batch)) != ST_OK)
		return desk_fail(d, st, "%s", store_errmsg(d->store));
	for (int i = 0; i < c->nchans; i++)
		if ((st = chan_flush(c, &c->chans[i])) != ST_OK)
			return st;
	c->res->rows = c->ir.rows;
	c->res->rejected = c->ir.rejected;
	text_copy(c->res->profile, c->ir.profile, sizeof c->res->profile);
	text_copy(c->res->encoding, import_encoding_name(c->ir.dialect.encoding), sizeof c->res->encoding);
	if (c->o->dry_run) {
		c->dry_done = 1;
		return ST_REFUSED;   /* rolls back, the deferred indexes with it */
	}
	if (c->deferred.n && (st = store_ingest_rebuild(d->store, &c->deferred)) != ST_OK)
		return desk_fail(d, st, "%s", store_errmsg(d->store));
	return ST_OK;
}

enum status desk_import(struct desk *d, FILE *fp, const struct desk_import_opts *o,
                        struct desk_import_result *res)
{
	struct ctx *c;
	struct tm tm;
	char buf[32];
	struct duration w;
	enum status st;

	memset(res, 0, sizeof *res);
	if (desk_require(d, ROLE_CLERK, _("import orders")) != ST_OK)
		return ST_DENIED;
	c = calloc(1, sizeof *c);
	if (!c)
		return desk_fail(d, ST_INTERNAL, "%s", _("out of memory"));
	c->skus = calloc(SKU_CACHE, sizeof *c->skus);
	c->batch = store_ingest_batch_new();
	if (!c->skus || !c->batch) {
		free(c->skus);
		store_ingest_batch_free(c->batch);
		free(c);
		return desk_fail(d, ST_INTERNAL, "%s", _("out of memory"));
	}
	c->d = d;
	c->o = o;
	c->res = res;
	c->fp = fp;
	c->now = desk_now(d);
	c->day = calendar_day(c->now);
	localtime_r(&c->now, &tm);
	strftime(c->daytag, sizeof c->daytag, "%Y%m%d", &tm);
	c->dup_window = 30 * 60;
	if (store_setting_get(d->store, "import.duplicate_window", "30m", buf, sizeof buf) == ST_OK &&
	    duration_parse(buf, &w) == 0)
		c->dup_window = w.unit == DUR_SECONDS ? w.amount : w.amount * 86400L;
	c->defer_at = o->defer_after;
	if (c->defer_at <= 0) {
		long held = 0;
		store_order_count(d->store, &held);
		c->defer_at = held / 4 > DESK_IMPORT_DEFER_MIN ? held / 4 : DESK_IMPORT_DEFER_MIN;
	}
	store_ingest_bulk(d->store, 1);
	st = desk_tx(d, import_body, c);
	store_ingest_deferred_free(&c->deferred);
	store_ingest_bulk(d->store, 0);
	if (st == ST_REFUSED && c->dry_done)
		st = ST_OK;
	if (st != ST_OK)
		memset(res, 0, sizeof *res);
	free(c->skus);
	store_ingest_batch_free(c->batch);
	free(c);
	return st;
}
