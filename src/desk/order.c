/* Use cases on one order: advance, move back, cancel, edit. */
#include "ordesk/desk_order.h"
#include "ordesk/desk_exception.h"
#include "ordesk/desk_stock.h"
#include "ordesk/health.h"
#include "ordesk/i18n.h"
#include "ordesk/text.h"
#include "ordesk/transition.h"
#include "ordesk/validate.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum status desk_order_get(struct desk *d, const char *order_no, struct order *o)
{
	enum status st = store_order_get(d->store, order_no, o);
	char clean[96];

	if (st == ST_REFUSED) {
		text_clean(order_no, clean, sizeof clean);
		return desk_fail(d, ST_REFUSED, _("no order %s"), clean);
	}
	if (st != ST_OK)
		return desk_fail(d, st, "%s", store_errmsg(d->store));
	return ST_OK;
}

/* The newest event that brought an order into a stage. */
struct mover {
	const char *stage;
	char actor[64];
};

static int last_mover(const struct event_row *e, void *arg)
{
	struct mover *m = arg;

	if (strcmp(e->to, m->stage) == 0 && strcmp(e->what, "edit") != 0)
		text_copy(m->actor, e->actor, sizeof m->actor);
	return 0;
}

enum status desk_order_seen(struct desk *d, const struct order *o)
{
	struct mover m = { stage_name(o->stage), "" };
	char who[96];

	if (!d->seen_set || o->stage == d->seen_stage)
		return ST_OK;
	if (store_order_events(d->store, o->id, last_mover, &m) == ST_OK && m.actor[0]) {
		text_clean(m.actor, who, sizeof who);
		return desk_fail(d, ST_REFUSED,
		                 _("order %s was already moved by %s: it is in %s, not %s; nothing changed"),
		                 o->order_no, who, stage_name(o->stage), stage_name(d->seen_stage));
	}
	return desk_fail(d, ST_REFUSED, _("order %s was already moved: it is in %s, not %s; nothing changed"),
	                 o->order_no, stage_name(o->stage), stage_name(d->seen_stage));
}

enum status desk_order_each(struct desk *d, const struct order_filter *f,
                            int (*fn)(const struct order *o, void *arg), void *arg)
{
	enum status st = store_order_each(d->store, f, fn, arg);

	return st == ST_OK ? ST_OK : desk_fail(d, st, "%s", store_errmsg(d->store));
}

/* 1 when an order's open exception kinds (joined with ';') hold k. */
static int has_kind(const char *kinds, enum exkind k)
{
	const char *name = exkind_name(k);
	size_t n = strlen(name);

	for (const char *p = kinds; (p = strstr(p, name)) != NULL; p += n)
		if ((p == kinds || p[-1] == ';') && (p[n] == ';' || p[n] == '\0'))
			return 1;
	return 0;
}

int desk_order_surged(const struct order *o)
{
	/* Urgent without the urgent flag: it arrived on a surge day, and stays urgent. */
	return o->priority == PRIO_URGENT && !oflag_in(o->flags, OFLAG_URGENT);
}

enum status desk_order_reprioritize_tx(struct desk *d, long long order_id, int surge)
{
	struct order o;
	enum status st;

	if ((st = store_order_get_id(d->store, order_id, &o)) != ST_OK)
		return desk_fail(d, st, "%s", store_errmsg(d->store));
	desk_order_prioritize(d, &o, surge);
	if (o.stage == STAGE_PICKING)
		o.due_at = clock_stage_due(&d->clocks, &d->cal, o.stage, o.priority, o.received_at,
		                           o.stage_at);
	if ((st = store_order_set_priority(d->store, o.id, o.priority, o.score)) != ST_OK ||
	    (st = store_order_set_clock(d->store, o.id, o.due_at, o.promise_at)) != ST_OK)
		return desk_fail(d, st, "%s", store_errmsg(d->store));
	return ST_OK;
}

void desk_order_prioritize(const struct desk *d, struct order *o, int surge_day)
{
	struct priority_input in = {
		.urgent_flag = oflag_in(o->flags, OFLAG_URGENT),
		.surge_day = surge_day,
		.tier = o->tier,
		.type = o->type,
		.quality_issue = oflag_in(o->flags, OFLAG_QUALITY),
	};

	o->priority = priority_classify(&in);
	/* the channel's own promise when it made one (Amazon's promise-date), else the clocks' */
	o->promise_at = o->channel_promise_at ? o->channel_promise_at
	                                      : clock_promise(&d->clocks, &d->cal, o->priority, o->ordered_at);
	o->score = priority_score(&d->weights, o->tier, o->total_cents, o->promise_at, desk_now(d));
}

/* Exception kinds that hold an order where it is until resolved. */
static int blocking_kind(const char *kinds)
{
	return has_kind(kinds, EXKIND_NEEDS_INFO) || has_kind(kinds, EXKIND_CUSTOMER_CHANGE) ||
	       has_kind(kinds, EXKIND_DUPLICATE_SUSPECT) || has_kind(kinds, EXKIND_STOCK_SHORT);
}

/* Moves o to stage `to` in the current transaction and records the event. */
static enum status move_order(struct desk *d, const struct order *o, enum stage to,
                              const char *what, const char *why)
{
	time_t now = desk_now(d);
	time_t due = clock_stage_due(&d->clocks, &d->cal, to, o->priority, o->received_at, now);
	/* Only finishing a stage forward can be "ahead of its clock" (a fresh green card);
	 * an order moved back or cancelled never is. */
	int on_time = (int)to == transition_next(o->stage) && (o->due_at == 0 || now <= o->due_at);
	enum status st;

	st = store_order_move(d->store, o->id, o->stage, o->version, to, now, due, on_time);
	if (st == ST_REFUSED)
		return desk_fail(d, ST_REFUSED, _("order %s changed meanwhile; look again and retry"),
		                 o->order_no);
	if (st != ST_OK)
		return desk_fail(d, st, "%s", store_errmsg(d->store));
	return desk_event(d, o->id, what, stage_name(o->stage), stage_name(to), why);
}

static enum status advance_body(struct desk *d, void *arg)
{
	const struct advance_req *req = arg;
	struct order o;
	enum status st;
	const char *why;

	if ((st = desk_order_get(d, req->order_no, &o)) != ST_OK)
		return st;
	if ((st = desk_order_seen(d, &o)) != ST_OK)
		return st;
	if (req->to >= 0 && o.stage != STAGE_CANCELLED && (int)o.stage >= req->to)
		return desk_fail(d, ST_REFUSED, _("order %s already moved: it is in %s"), o.order_no,
		                 stage_name(o.stage));
	if (req->expected_version >= 0 && o.version != req->expected_version)
		return desk_fail(d, ST_REFUSED, _("order %s changed meanwhile; look again and retry"),
		                 o.order_no);
	int next = transition_next(o.stage);
	if (next < 0 || o.stage == STAGE_CANCELLED)
		return desk_fail(d, ST_REFUSED, _("order %s is %s and cannot move forward"), o.order_no,
		                 stage_name(o.stage));
	if (req->to >= 0 && req->to != next)
		return desk_fail(d, ST_REFUSED, _("order %s is in %s: it can only move to %s next"),
		                 o.order_no, stage_name(o.stage), stage_name((enum stage)next));
	st = transition_check(o.stage, (enum stage)next, d->role, NULL, &why);
	if (st != ST_OK)
		return desk_fail(d, st, _("cannot advance %s: %s"), o.order_no, why);
	if (blocking_kind(o.exc_kinds))
		return desk_fail(d, ST_REFUSED, _("order %s has an open %s exception: resolve it first"),
		                 o.order_no, o.exc_kinds);
	if (next == STAGE_SHIPPED) {
		char bad[160];
		if (validate_carrier(req->carrier, bad, sizeof bad) != 0 ||
		    validate_tracking(req->tracking, bad, sizeof bad) != 0)
			return desk_fail(d, ST_USAGE, _("shipping order %s: %s"), o.order_no, bad);
		if ((st = store_order_set_shipping(d->store, o.id, req->carrier, req->tracking)) != ST_OK)
			return desk_fail(d, st, "%s", store_errmsg(d->store));
		o.version++;
		if ((st = desk_stock_ship_tx(d, &o)) != ST_OK)
			return st;
	}
	if (next == STAGE_LOCKED && (st = desk_stock_lock_tx(d, &o)) != ST_OK)
		return st;
	if ((st = move_order(d, &o, (enum stage)next, "advance", "")) != ST_OK)
		return st;
	/* The stage completed: its breached clock closes with the cause given. */
	if ((st = desk_exception_stage_left_tx(d, &o, (enum stage)next, req->cause, NULL)) != ST_OK)
		return st;
	desk_say(d, _("%s moved from %s to %s"), o.order_no, stage_name(o.stage),
	         stage_name((enum stage)next));
	return ST_OK;
}

enum status desk_advance(struct desk *d, const struct advance_req *req)
{
	if (desk_require(d, ROLE_CLERK, _("advance orders")) != ST_OK)
		return ST_DENIED;
	struct advance_req copy = *req;
	return desk_tx(d, advance_body, &copy);
}

struct back_req {
	const char *order_no;
	const char *reason;
	int cancel;
};

static enum status back_body(struct desk *d, void *arg)
{
	const struct back_req *req = arg;
	struct order o;
	enum status st;
	const char *why;

	if ((st = desk_order_get(d, req->order_no, &o)) != ST_OK)
		return st;
	if ((st = desk_order_seen(d, &o)) != ST_OK)
		return st;
	enum stage to = req->cancel ? STAGE_CANCELLED : (enum stage)((int)o.stage - 1);
	if (!req->cancel && (o.stage == STAGE_NEW || o.stage == STAGE_CANCELLED))
		return desk_fail(d, ST_REFUSED, _("order %s is %s and cannot move back"), o.order_no,
		                 stage_name(o.stage));
	st = transition_check(o.stage, to, d->role, req->reason, &why);
	if (st != ST_OK)
		return desk_fail(d, st, _("cannot %s %s: %s"), req->cancel ? _("cancel") : _("move back"),
		                 o.order_no, why);
	/* Leaving locked (back to review) or cancelling frees what it holds. */
	if ((req->cancel || o.stage == STAGE_LOCKED) && (st = desk_stock_release_tx(d, &o)) != ST_OK)
		return st;
	if ((st = move_order(d, &o, to, req->cancel ? "cancel" : "back", req->reason)) != ST_OK)
		return st;
	if ((st = desk_exception_stage_left_tx(d, &o, to, NULL, req->reason)) != ST_OK)
		return st;
	desk_say(d, req->cancel ? _("%s cancelled (was %s)") : _("%s moved back from %s"),
	         o.order_no, stage_name(o.stage));
	return ST_OK;
}

enum status desk_move_back(struct desk *d, const char *order_no, const char *reason)
{
	struct back_req req = { order_no, reason, 0 };

	if (desk_require(d, ROLE_SUPERVISOR, _("move orders back")) != ST_OK)
		return ST_DENIED;
	if (desk_text_check(d, 1, reason) != ST_OK)
		return ST_USAGE;
	return desk_tx(d, back_body, &req);
}

enum status desk_cancel(struct desk *d, const char *order_no, const char *reason)
{
	struct back_req req = { order_no, reason, 1 };

	if (desk_require(d, ROLE_SUPERVISOR, _("cancel orders")) != ST_OK)
		return ST_DENIED;
	if (desk_text_check(d, 1, reason) != ST_OK)
		return ST_USAGE;
	return desk_tx(d, back_body, &req);
}

struct edit_req {
	const char *order_no, *field, *value;
};

const char *desk_order_field(const struct order *o, enum field f)
{
	switch (f) {
	case FIELD_CUSTOMER: return o->customer;
	case FIELD_PHONE: return o->phone;
	case FIELD_ADDRESS: return o->address;
	case FIELD_TIER: return tier_name(o->tier);
	case FIELD_TYPE: return otype_name(o->type);
	case FIELD_FLAGS: return o->flags;
	case FIELD_NOTE: return o->note;
	default: return NULL;
	}
}

/* What an edit changes, for its event: the field's text, or the order time. */
static const char *order_field_value(const struct order *o, enum field f, char *buf, size_t size)
{
	const char *v = desk_order_field(o, f);

	if (v)
		return v;
	if (f == FIELD_ORDERED_AT) {
		snprintf(buf, size, "%lld", (long long)o->ordered_at);
		return buf;
	}
	return "";
}

static enum status edit_body(struct desk *d, void *arg)
{
	const struct edit_req *req = arg;
	struct order o;
	enum status st;
	char why[128], old[64], clean[128];
	int f = field_parse(req->field);

	if ((st = desk_order_get(d, req->order_no, &o)) != ST_OK)
		return st;
	text_clean(req->field, clean, sizeof clean);
	if (f < 0 || field_is_line_level((enum field)f) || f == FIELD_CHANNEL || f == FIELD_ORDER_REF)
		return desk_fail(d, ST_USAGE,
		                 _("%s is not a field that can be edited (customer, phone, address, tier, type, flags, note, ordered_at; line=N then sku, qty, price)"),
		                 clean);
	if (o.stage >= STAGE_SHIPPED)
		return desk_fail(d, ST_REFUSED, _("order %s is %s: it can no longer be edited"),
		                 o.order_no, stage_name(o.stage));
	if (validate_field((enum field)f, req->value, why, sizeof why) != 0)
		return desk_fail(d, ST_REFUSED, _("%s of %s: %s"), clean, o.order_no, why);
	const char *before = order_field_value(&o, (enum field)f, old, sizeof old);
	char value[64];
	const char *to = req->value;
	if (f == FIELD_ORDERED_AT) {
		time_t t;
		validate_datetime(req->value, &t);
		snprintf(value, sizeof value, "%lld", (long long)t);
		to = value;
	}
	if (strcmp(before, to) == 0) {
		desk_say(d, _("%s of %s is already that"), clean, o.order_no);
		return ST_OK;
	}
	char from_copy[2048];
	text_copy(from_copy, before, sizeof from_copy);
	int surge = desk_order_surged(&o);
	if ((st = store_order_set_field(d->store, o.id, field_name((enum field)f), to)) != ST_OK)
		return desk_fail(d, st, "%s", store_errmsg(d->store));
	/* Tier, type, flags and order time change the priority: evaluate it again. */
	if ((f == FIELD_TIER || f == FIELD_TYPE || f == FIELD_FLAGS || f == FIELD_ORDERED_AT) &&
	    (st = desk_order_reprioritize_tx(d, o.id, surge)) != ST_OK)
		return st;
	if ((st = desk_event(d, o.id, "edit", from_copy, to, field_name((enum field)f))) != ST_OK)
		return st;
	desk_say(d, _("%s of %s changed"), field_name((enum field)f), o.order_no);
	return ST_OK;
}

enum status desk_edit(struct desk *d, const char *order_no, const char *field, const char *value)
{
	struct edit_req req = { order_no, field, value };

	if (desk_require(d, ROLE_CLERK, _("edit orders")) != ST_OK)
		return ST_DENIED;
	return desk_tx(d, edit_body, &req);
}

/* A person calls a line's unit_price its price. */
static int edit_field_parse(const char *word)
{
	return word && strcmp(word, "price") == 0 ? (int)FIELD_UNIT_PRICE : field_parse(word);
}

/* ST_OK when line line_no of o may change now: not once shipped, and not
 * while the order holds stock locks for its lines (locked, picking). */
static enum status lines_editable(struct desk *d, const struct order *o, int line_no)
{
	if (o->stage >= STAGE_SHIPPED)
		return desk_fail(d, ST_REFUSED, _("order %s is %s: it can no longer be edited"),
		                 o->order_no, stage_name(o->stage));
	if (o->stage == STAGE_LOCKED)
		return desk_fail(d, ST_REFUSED,
		                 _("line %d of %s: its stock is locked; release the locks to change it"),
		                 line_no, o->order_no);
	if (o->stage == STAGE_PICKING)
		return desk_fail(d, ST_REFUSED,
		                 _("line %d of %s: being picked; a supervisor moves it back, freeing its locks"),
		                 line_no, o->order_no);
	return ST_OK;
}

void desk_line_field(const struct order_line *l, enum field f, char *buf, size_t size)
{
	long long c = l->unit_price_cents;

	if (f == FIELD_SKU)
		text_copy(buf, l->sku, size);
	else if (f == FIELD_QTY)
		snprintf(buf, size, "%ld", l->qty);
	else
		snprintf(buf, size, "%s%lld.%02lld", c < 0 ? "-" : "", (c < 0 ? -c : c) / 100,
		         (c < 0 ? -c : c) % 100);
}

/* Field f of line line_no set to value after validating it, with an event. */
static enum status line_edit_body(struct desk *d, const char *order_no, int line_no, enum field f,
                                  const char *value)
{
	struct order o;
	struct order_line l, now;
	enum status st;
	char why[128], from[96], to[96], what[48], v[256];

	if ((st = desk_order_get(d, order_no, &o)) != ST_OK)
		return st;
	if ((st = lines_editable(d, &o, line_no)) != ST_OK)
		return st;
	st = store_order_line_get(d->store, o.id, line_no, &l);
	if (st == ST_REFUSED)
		return desk_fail(d, ST_REFUSED, _("order %s has no line %d (it has %d)"), o.order_no,
		                 line_no, o.lines);
	if (st != ST_OK)
		return desk_fail(d, st, "%s", store_errmsg(d->store));
	/* A typed value keeps no spaces around it ("SKU 6 " is "SKU 6"). */
	const char *b = value ? value + strspn(value, " \t") : "";
	size_t n = strlen(b);
	while (n && (b[n - 1] == ' ' || b[n - 1] == '\t'))
		n--;
	if (n >= sizeof v)
		n = sizeof v - 1;
	memcpy(v, b, n);
	v[n] = '\0';
	if (validate_field(f, v, why, sizeof why) != 0)
		return desk_fail(d, ST_REFUSED, _("line %d %s of %s: %s"), line_no, field_name(f),
		                 o.order_no, why);
	now = l;
	if (f == FIELD_SKU)
		text_copy(now.sku, v, sizeof now.sku);
	else if (f == FIELD_QTY)
		validate_qty(v, &now.qty);
	else if (!*v)
		now.unit_price_cents = 0;
	else
		validate_money(v, &now.unit_price_cents);
	desk_line_field(&l, f, from, sizeof from);
	desk_line_field(&now, f, to, sizeof to);
	snprintf(what, sizeof what, "line %d %s", line_no, field_name(f));
	if (strcmp(from, to) == 0) {
		desk_say(d, _("%s of %s is already that"), what, o.order_no);
		return ST_OK;
	}
	int surge = desk_order_surged(&o);
	st = store_order_line_set(d->store, o.id, line_no, now.sku, now.qty, now.unit_price_cents);
	if (st != ST_OK)
		return desk_fail(d, st, "%s", store_errmsg(d->store));
	/* A new quantity or price is a new total: the score follows it. */
	if (f != FIELD_SKU && (st = desk_order_reprioritize_tx(d, o.id, surge)) != ST_OK)
		return st;
	if ((st = desk_event(d, o.id, "edit", from, to, what)) != ST_OK)
		return st;
	desk_say(d, _("%s of %s changed"), what, o.order_no);
	return ST_OK;
}

/* "line=N": which line the line fields after it change. */
static enum status line_parse(struct desk *d, const char *order_no, const char *text, int *line_no)
{
	char *end, clean[64];
	long n = text && *text >= '0' && *text <= '9' ? strtol(text, &end, 10) : 0;

	if (n <= 0 || n > 100000 || *end != '\0') {
		text_clean(text ? text : "", clean, sizeof clean);
		return desk_fail(d, ST_USAGE, _("line=%s: a line of %s is a number from 1"), clean,
		                 order_no);
	}
	*line_no = (int)n;
	return ST_OK;
}

/*
 * The fields in order: "line=N" chooses the line that sku, qty and price
 * (unit_price) after it change; an order of one line needs no line=.
 */
static enum status edit_list_body(struct desk *d, const char *order_no, int nf,
                                  const char *const *fields, const char *const *values)
{
	char said[sizeof d->msg] = "";
	enum status st;
	int line_no = 0, unused = 0;

	for (int i = 0; i < nf; i++) {
		int f = edit_field_parse(fields[i]);
		if (strcmp(fields[i], "line") == 0) {
			if (unused)
				break;
			if ((st = line_parse(d, order_no, values[i], &line_no)) != ST_OK)
				return st;
			unused = 1;
			continue;
		}
		if (f >= 0 && field_is_line_level((enum field)f)) {
			unused = 0;
			if (!line_no) {
				struct order o;
				if ((st = desk_order_get(d, order_no, &o)) != ST_OK)
					return st;
				if (o.lines != 1)
					return desk_fail(d, ST_USAGE,
					                 _("order %s has %d lines: say which one before %s "
					                   "(line=N %s=VALUE)"),
					                 o.order_no, o.lines, field_name((enum field)f),
					                 field_name((enum field)f));
			}
			st = line_edit_body(d, order_no, line_no ? line_no : 1, (enum field)f, values[i]);
		} else {
			struct edit_req one = { order_no, fields[i], values[i] };
			st = edit_body(d, &one);
		}
		if (st != ST_OK)
			return st;
		size_t used = strlen(said);
		if (used && used + 2 < sizeof said)
			memcpy(said + used, "; ", 3);
		used = strlen(said);
		text_copy(said + used, d->msg, sizeof said - used);
	}
	if (unused)
		return desk_fail(d, ST_USAGE, _("line=%d changes nothing: name its fields after it "
		                                "(sku=, qty=, price=)"), line_no);
	desk_say(d, "%s", said);
	return ST_OK;
}

struct edit_many_req {
	const char *order_no;
	int n;
	const char *const *fields, *const *values;
};

static enum status edit_many_body(struct desk *d, void *arg)
{
	const struct edit_many_req *req = arg;

	return edit_list_body(d, req->order_no, req->n, req->fields, req->values);
}

enum status desk_edit_fields(struct desk *d, const char *order_no, int n,
                             const char *const *fields, const char *const *values)
{
	struct edit_many_req req = { order_no, n, fields, values };

	if (desk_require(d, ROLE_CLERK, _("edit orders")) != ST_OK)
		return ST_DENIED;
	return desk_tx(d, edit_many_body, &req);
}

struct line_req {
	const char *order_no, *field, *value;
	int line_no;
};

static enum status edit_line_body(struct desk *d, void *arg)
{
	const struct line_req *req = arg;
	int f = edit_field_parse(req->field);
	char clean[64];

	if (f < 0 || !field_is_line_level((enum field)f)) {
		text_clean(req->field, clean, sizeof clean);
		return desk_fail(d, ST_USAGE, _("%s is not a field of a line (sku, qty, price)"), clean);
	}
	return line_edit_body(d, req->order_no, req->line_no, (enum field)f, req->value);
}

enum status desk_edit_line(struct desk *d, const char *order_no, int line_no, const char *field,
                           const char *value)
{
	struct line_req req = { order_no, field, value, line_no };

	if (desk_require(d, ROLE_CLERK, _("edit orders")) != ST_OK)
		return ST_DENIED;
	return desk_tx(d, edit_line_body, &req);
}

enum status desk_edit_fields_tx(struct desk *d, const char *order_no, int n,
                                const char *const *fields, const char *const *values)
{
	return edit_list_body(d, order_no, n, fields, values);
}

/* The transaction-less bodies, for the exception flows' own transaction. */
enum status desk_order_move_tx(struct desk *d, const struct order *o, enum stage to,
                               const char *what, const char *why)
{
	return move_order(d, o, to, what, why);
}

enum status desk_cancel_tx(struct desk *d, const char *order_no, const char *reason)
{
	struct back_req req = { order_no, reason, 1 };

	if (desk_require(d, ROLE_SUPERVISOR, _("cancel orders")) != ST_OK)
		return ST_DENIED;
	return back_body(d, &req);
}
