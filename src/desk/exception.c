/* Exceptions: raising, the resolve flow of each kind, closing breached clocks. */
#include "ordesk/desk_exception.h"
#include "ordesk/desk_order.h"
#include "ordesk/desk_stock.h"
#include "ordesk/i18n.h"
#include "ordesk/text.h"
#include "ordesk/transition.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define RESOLVE_ROW(id, name, what) { name, what },
static const struct {
	const char *name, *what;
} resolve_table[] = { RESOLVE_LIST(RESOLVE_ROW) };
#undef RESOLVE_ROW

const char *resolve_name(enum resolve_how h)
{
	return h < RESOLVE_COUNT ? resolve_table[h].name : "?";
}

const char *resolve_what(enum resolve_how h)
{
	return h < RESOLVE_COUNT ? _(resolve_table[h].what) : "?";
}

int resolve_parse(const char *word)
{
	for (int i = 0; word && i < RESOLVE_COUNT; i++)
		if (strcmp(resolve_table[i].name, word) == 0)
			return i;
	return -1;
}

int resolve_fits(enum resolve_how how, enum exkind kind)
{
	switch (how) {
	case RESOLVE_PLAIN:
		return 1;
	case RESOLVE_FIX_FIELDS:
		return kind == EXKIND_NEEDS_INFO || kind == EXKIND_CUSTOMER_CHANGE;
	case RESOLVE_NEW_ETA:
	case RESOLVE_RESHIP:
		return kind == EXKIND_LOGISTICS_DELAY;
	case RESOLVE_MERGE:
	case RESOLVE_CANCEL_THIS:
	case RESOLVE_CANCEL_OTHER:
	case RESOLVE_CONFIRM_BOTH:
		return kind == EXKIND_DUPLICATE_SUSPECT;
	case RESOLVE_COUNT:
		break;
	}
	return 0;
}

static void local_time(time_t t, char *buf, size_t size)
{
	struct tm tm;

	localtime_r(&t, &tm);
	strftime(buf, size, "%Y-%m-%d %H:%M", &tm);
}

/* span_format without a sign. */
static void span(long long s, char *buf, size_t size)
{
	span_format(s < 0 ? -s : s, "", buf, size);
}

static enum status exception_event(struct desk *d, const struct exception_rec *e, const char *what,
                                   const char *from, const char *to, const char *why)
{
	char id[24];

	snprintf(id, sizeof id, "%lld", e->id);
	struct event_rec ev = { .order_id = e->order_id, .entity = "exception", .entity_id = id,
	                        .what = what, .from = from, .to = to, .why = why,
	                        .run_by = d->automatic ? d->login : NULL };
	enum status st = store_event_add(d->store, desk_now(d), desk_actor(d), &ev);
	if (st != ST_OK)
		desk_fail(d, st, "%s", store_errmsg(d->store));
	return st;
}

enum status desk_exception_get(struct desk *d, long long id, struct exception_rec *e)
{
	enum status st = store_exception_get(d->store, id, e);

	if (st == ST_REFUSED)
		return desk_fail(d, ST_REFUSED, _("no exception %lld"), id);
	if (st != ST_OK)
		return desk_fail(d, st, "%s", store_errmsg(d->store));
	return ST_OK;
}

/* The exception a raise opens on o: its clocks, its opener, its words. */
static void exception_make(struct desk *d, const struct order *o, const struct exception_raise *r,
                           struct exception_rec *e)
{
	time_t now = desk_now(d);

	memset(e, 0, sizeof *e);
	e->order_id = o->id;
	e->kind = r->kind;
	e->stage = o->stage;
	e->opened_at = r->opened_at ? r->opened_at : now;
	text_copy(e->opened_by, desk_actor(d), sizeof e->opened_by);
	text_copy(e->description, r->description && *r->description ? r->description
	                                                              : exkind_what(r->kind),
	          sizeof e->description);
	text_copy(e->detail, r->detail ? r->detail : "", sizeof e->detail);
	e->due_at = r->due_at;
	if (!e->due_at && r->kind == EXKIND_NEEDS_INFO)
		e->due_at = calendar_add(&d->cal, now, d->clocks.needs_info);
	if (!e->due_at && r->kind == EXKIND_STOCK_SHORT)
		e->due_at = calendar_add(&d->cal, now, d->clocks.stock_delay_max);
	if (r->breach_key)
		text_copy(e->breach_key, r->breach_key, sizeof e->breach_key);
	e->related_id = r->related_id;
	e->open = 1;
}

enum status desk_exception_raise_tx(struct desk *d, const struct order *o,
                                    const struct exception_raise *r, long long *id, int *created)
{
	struct exception_rec e;
	enum status st;

	*created = 0;
	if (!r->breach_key) {
		/* One open exception per kind and order: a second raise names the first. */
		if ((st = store_exception_find_open(d->store, o->id, r->kind, &e)) != ST_OK)
			return desk_fail(d, st, "%s", store_errmsg(d->store));
		if (e.id) {
			if (id)
				*id = e.id;
			return ST_OK;
		}
	}
	exception_make(d, o, r, &e);
	if ((st = store_exception_open(d->store, &e, created)) != ST_OK)
		return desk_fail(d, st, "%s", store_errmsg(d->store));
	if (!*created)
		return ST_OK;
	if (id)
		*id = e.id;
	return exception_event(d, &e, "raise", stage_name(e.stage), exkind_name(e.kind),
	                       r->note && *r->note ? r->note : e.description);
}

enum status desk_exception_raise_held(struct desk *d, struct ingest_batch *b, const struct order *o,
                                      const struct exception_raise *r, long long *id)
{
	struct exception_rec e;
	char eid[24];
	enum status st;

	exception_make(d, o, r, &e);
	if ((st = store_ingest_exception_put(d->store, b, &e, &e.id)) != ST_OK)
		return desk_fail(d, st, "%s", store_errmsg(d->store));
	snprintf(eid, sizeof eid, "%lld", e.id);
	struct event_rec ev = { .order_id = e.order_id, .entity = "exception", .entity_id = eid,
	                        .what = "raise", .from = stage_name(e.stage), .to = exkind_name(e.kind),
	                        .why = r->note && *r->note ? r->note : e.description };
	if ((st = store_ingest_event_put(d->store, b, desk_now(d), d->login, &ev)) != ST_OK)
		return desk_fail(d, st, "%s", store_errmsg(d->store));
	if (id)
		*id = e.id;
	return ST_OK;
}

struct raise_req {
	const char *order_no;
	enum exkind kind;
	const char *note;
	long long id;
};

static enum status raise_body(struct desk *d, void *arg)
{
	struct raise_req *req = arg;
	struct order o;
	enum status st;
	int created;

	if ((st = desk_order_get(d, req->order_no, &o)) != ST_OK)
		return st;
	if (o.stage == STAGE_DONE || o.stage == STAGE_CANCELLED)
		return desk_fail(d, ST_REFUSED, _("order %s is %s: there is nothing left to hold"),
		                 o.order_no, stage_name(o.stage));
	struct exception_raise r = { .kind = req->kind, .description = req->note, .note = req->note };
	if ((st = desk_exception_raise_tx(d, &o, &r, &req->id, &created)) != ST_OK)
		return st;
	if (!created)
		return desk_fail(d, ST_REFUSED, _("order %s already has an open %s exception (%lld)"),
		                 o.order_no, exkind_name(req->kind), req->id);
	desk_say(d, _("exception %lld raised: %s on %s"), req->id, exkind_name(req->kind), o.order_no);
	return ST_OK;
}

enum status desk_exception_raise(struct desk *d, const char *order_no, const char *kind,
                                 const char *note, long long *id)
{
	char clean[64];
	int k = exkind_parse(kind ? kind : "");

	if (desk_require(d, ROLE_CLERK, _("raise exceptions")) != ST_OK)
		return ST_DENIED;
	if (k < 0) {
		text_clean(kind ? kind : "", clean, sizeof clean);
		return desk_fail(d, ST_USAGE, _("unknown exception kind %s (needs_info, stock_short, "
		                                "logistics_delay, customer_change, duplicate_suspect)"),
		                 clean);
	}
	if (k == EXKIND_SLA_BREACH)
		return desk_fail(d, ST_REFUSED,
		                 _("sla_breach is raised by the clocks (ordesk sweep), not by hand"));
	if (desk_text_check(d, 1, note) != ST_OK)
		return ST_USAGE;
	struct raise_req req = { order_no, (enum exkind)k, note, 0 };
	enum status st = desk_tx(d, raise_body, &req);
	if (st == ST_OK && id)
		*id = req.id;
	return st;
}

int desk_exception_flagged(const struct exception_rec *e, enum field *out, int max)
{
	const char *p = strstr(e->detail, "fields=");
	const char *end;
	int n = 0;

	if (p) {
		p += 7;
		end = p + strcspn(p, "; \t\n");
	} else {
		p = e->detail;
		end = p + strlen(p);
	}
	while (p < end && n < max) {
		char word[32];
		size_t len = 0;
		while (p < end && !(isalnum((unsigned char)*p) || *p == '_'))
			p++;
		while (p < end && (isalnum((unsigned char)*p) || *p == '_')) {
			if (len < sizeof word - 1)
				word[len++] = *p;
			p++;
		}
		word[len] = '\0';
		int f = field_parse(word);
		int seen = 0;
		for (int i = 0; i < n; i++)
			seen |= (int)out[i] == f;
		if (f >= 0 && !seen)
			out[n++] = (enum field)f;
	}
	return n;
}

/* Kinds that hold an order where it is until resolved (as desk_advance has them). */
static int holds_order(const char *kinds)
{
	static const char *const holding[] = { "needs_info", "customer_change", "duplicate_suspect",
	                                       "stock_short" };
	char padded[160];

	snprintf(padded, sizeof padded, ";%s;", kinds);
	for (size_t i = 0; i < sizeof holding / sizeof holding[0]; i++) {
		char word[40];
		snprintf(word, sizeof word, ";%s;", holding[i]);
		if (strstr(padded, word))
			return 1;
	}
	return 0;
}

/* ST_OK when every line of o holds a valid f (sku, qty, unit_price). */
static enum status lines_valid(struct desk *d, const struct order *o, enum field f)
{
	int max = o->lines + 1, n = 0;
	struct order_line *lines = calloc((size_t)max, sizeof *lines);
	char why[128], value[96];
	enum status st;

	if (!lines)
		return desk_fail(d, ST_INTERNAL, "%s", _("out of memory"));
	if ((st = store_order_lines(d->store, o->id, lines, max, &n)) != ST_OK) {
		free(lines);
		return desk_fail(d, st, "%s", store_errmsg(d->store));
	}
	for (int i = 0; i < n && st == ST_OK; i++) {
		const struct order_line *l = &lines[i];
		desk_line_field(l, f, value, sizeof value);
		if (validate_field(f, value, why, sizeof why) != 0)
			st = desk_fail(d, ST_REFUSED,
			               _("line %d %s of %s is still not right (%s): correct it first "
			                 "(line=%d %s=VALUE)"),
			               l->line_no, field_name(f), o->order_no, why, l->line_no, field_name(f));
	}
	free(lines);
	return st;
}

/* ST_OK when every flagged field of e now validates on o, on every line for a line field. */
static enum status flagged_valid(struct desk *d, const struct exception_rec *e, const struct order *o)
{
	enum field f[FIELD_COUNT];
	int n = desk_exception_flagged(e, f, FIELD_COUNT);
	char why[128];
	enum status st;

	for (int i = 0; i < n; i++) {
		if (field_is_line_level(f[i])) {
			if ((st = lines_valid(d, o, f[i])) != ST_OK)
				return st;
			continue;
		}
		const char *v = desk_order_field(o, f[i]);
		if (v && validate_field(f[i], v, why, sizeof why) != 0)
			return desk_fail(d, ST_REFUSED, _("%s of %s is still not right (%s): correct it first"),
			                 field_name(f[i]), o->order_no, why);
	}
	return ST_OK;
}

/* Closes the other order's open duplicate_suspect, when it has one. */
static enum status close_twin(struct desk *d, long long other_id, enum cause cause,
                              const char *action, const char *result, const char *note)
{
	struct exception_rec t;
	enum status st;

	if (!other_id)
		return ST_OK;
	if ((st = store_exception_find_open(d->store, other_id, EXKIND_DUPLICATE_SUSPECT, &t)) != ST_OK)
		return desk_fail(d, st, "%s", store_errmsg(d->store));
	if (!t.id)
		return ST_OK;
	st = store_exception_resolve(d->store, t.id, desk_now(d), d->login, cause, action, result,
	                             note);
	if (st != ST_OK)
		return desk_fail(d, st, "%s", store_errmsg(d->store));
	return exception_event(d, &t, "resolve", exkind_name(t.kind), cause_name(cause), action);
}

/* Sends o back to review for another look: new moves on, locked and picking move back. */
static enum status to_review(struct desk *d, struct order *o, const char *why_text)
{
	const char *why;
	enum status st;

	if (holds_order(o->exc_kinds))
		return ST_OK; /* something else still holds it where it is */
	if (o->stage == STAGE_NEW)
		return desk_order_move_tx(d, o, STAGE_REVIEW, "advance", why_text);
	if (o->stage != STAGE_LOCKED && o->stage != STAGE_PICKING)
		return ST_OK;
	if ((st = transition_check(o->stage, STAGE_REVIEW, d->role, why_text, &why)) != ST_OK)
		return desk_fail(d, st, _("%s is %s: sending it back to review needs a supervisor (%s)"),
		                 o->order_no, stage_name(o->stage), why);
	if ((st = desk_stock_release_tx(d, o)) != ST_OK)
		return st;
	if ((st = desk_order_move_tx(d, o, STAGE_REVIEW, "back", why_text)) != ST_OK)
		return st;
	return desk_exception_stage_left_tx(d, o, STAGE_REVIEW, NULL, why_text);
}

struct resolve_ctx {
	const struct resolve_req *req;
	enum cause cause;
	char action[512];
	char result[256];          /* what came of it, as the record table shows it */
	char said[512];
};

static enum status flow_fix(struct desk *d, struct resolve_ctx *c, const struct exception_rec *e,
                            struct order *o)
{
	const struct resolve_req *req = c->req;
	char names[256] = "", piece[64], clean[32];
	enum status st;
	int after_line = 0;

	if ((st = desk_edit_fields_tx(d, o->order_no, req->nfields, req->fields, req->values)) != ST_OK)
		return st;
	/* "corrected line 2 sku, phone" */
	for (int i = 0; i < req->nfields; i++) {
		int is_line = strcmp(req->fields[i], "line") == 0;
		text_clean(is_line ? req->values[i] : req->fields[i], clean, sizeof clean);
		snprintf(piece, sizeof piece, "%s%s%s", !*names ? "" : after_line ? " " : ", ",
		         is_line ? "line " : "", clean);
		if (strlen(names) + strlen(piece) < sizeof names)
			strcat(names, piece);
		after_line = is_line;
	}
	if ((st = store_order_get_id(d->store, o->id, o)) != ST_OK)
		return desk_fail(d, st, "%s", store_errmsg(d->store));
	if (e->kind == EXKIND_NEEDS_INFO && (st = flagged_valid(d, e, o)) != ST_OK)
		return st;
	snprintf(c->result, sizeof c->result, _("fixed: %s"), names);
	if (!req->action || !*req->action)
		snprintf(c->action, sizeof c->action, "%s%s%s", _("corrected"), *names ? " " : "",
		         *names ? names : "");
	return ST_OK;
}

static enum status flow_eta(struct desk *d, struct resolve_ctx *c, struct order *o)
{
	const struct resolve_req *req = c->req;
	char when[32];
	enum status st;

	if (req->eta <= desk_now(d))
		return desk_fail(d, ST_REFUSED, _("the new delivery time must be later than now"));
	if ((st = store_exception_order_due(d->store, o->id, req->eta)) != ST_OK)
		return desk_fail(d, st, "%s", store_errmsg(d->store));
	local_time(req->eta, when, sizeof when);
	snprintf(c->result, sizeof c->result, _("new delivery time %s"), when);
	if (!req->action || !*req->action)
		snprintf(c->action, sizeof c->action, _("new delivery time %s told to the customer"), when);
	return desk_event(d, o->id, "eta", "", when, c->action);
}

static enum status flow_reship(struct desk *d, struct resolve_ctx *c, struct order *o)
{
	const struct resolve_req *req = c->req;
	enum status st;
	char before[160];

	char bad[160];
	if (validate_carrier(req->carrier, bad, sizeof bad) != 0 ||
	    validate_tracking(req->tracking, bad, sizeof bad) != 0)
		return desk_fail(d, ST_USAGE, _("a reship: %s"), bad);
	snprintf(before, sizeof before, "%s %s", o->carrier, o->tracking);
	if ((st = store_order_set_shipping(d->store, o->id, req->carrier, req->tracking)) != ST_OK)
		return desk_fail(d, st, "%s", store_errmsg(d->store));
	time_t due = calendar_add(&d->cal, desk_now(d), d->clocks.transit);
	if ((st = store_exception_order_due(d->store, o->id, due)) != ST_OK)
		return desk_fail(d, st, "%s", store_errmsg(d->store));
	snprintf(c->result, sizeof c->result, _("reshipped: %s %s"), req->carrier, req->tracking);
	if (!req->action || !*req->action)
		snprintf(c->action, sizeof c->action, _("reshipped with %s %s"), req->carrier, req->tracking);
	char after[160];
	snprintf(after, sizeof after, "%s %s", req->carrier, req->tracking);
	return desk_event(d, o->id, "reship", before, after, c->action);
}

static enum status flow_duplicate(struct desk *d, struct resolve_ctx *c,
                                  const struct exception_rec *e, struct order *o)
{
	const struct resolve_req *req = c->req;
	struct order other;
	char reason[160];
	enum status st;

	if (!e->related_id)
		return desk_fail(d, ST_REFUSED,
		                 _("exception %lld names no other order: resolve it with an action"), e->id);
	if ((st = store_order_get_id(d->store, e->related_id, &other)) != ST_OK)
		return desk_fail(d, st, "%s", store_errmsg(d->store));
	switch (req->how) {
	case RESOLVE_CONFIRM_BOTH:
		snprintf(c->action, sizeof c->action, _("confirmed both %s and %s"), o->order_no,
		         other.order_no);
		snprintf(c->result, sizeof c->result, "%s", _("both kept"));
		break;
	case RESOLVE_CANCEL_THIS:
		snprintf(reason, sizeof reason, _("duplicate of %s"), other.order_no);
		if ((st = desk_cancel_tx(d, o->order_no, reason)) != ST_OK)
			return st;
		snprintf(c->action, sizeof c->action, _("cancelled %s, kept %s"), o->order_no,
		         other.order_no);
		snprintf(c->result, sizeof c->result, _("cancelled %s"), o->order_no);
		break;
	case RESOLVE_CANCEL_OTHER:
		snprintf(reason, sizeof reason, _("duplicate of %s"), o->order_no);
		if ((st = desk_cancel_tx(d, other.order_no, reason)) != ST_OK)
			return st;
		snprintf(c->action, sizeof c->action, _("cancelled %s, kept %s"), other.order_no,
		         o->order_no);
		snprintf(c->result, sizeof c->result, _("cancelled %s"), other.order_no);
		break;
	case RESOLVE_MERGE:
		if (desk_require(d, ROLE_SUPERVISOR, _("merge orders (the other is cancelled)")) != ST_OK)
			return ST_DENIED;
		if (o->stage > STAGE_REVIEW || other.stage > STAGE_REVIEW)
			return desk_fail(d, ST_REFUSED,
			                 _("only orders still in new or review merge (%s is %s, %s is %s)"),
			                 o->order_no, stage_name(o->stage), other.order_no,
			                 stage_name(other.stage));
		if ((st = store_exception_merge_lines(d->store, other.id, o->id)) != ST_OK)
			return desk_fail(d, st, "%s", store_errmsg(d->store));
		snprintf(reason, sizeof reason, _("merged into %s"), o->order_no);
		if ((st = desk_cancel_tx(d, other.order_no, reason)) != ST_OK)
			return st;
		if ((st = desk_order_reprioritize_tx(d, o->id, desk_order_surged(o))) != ST_OK ||
		    (st = store_order_get_id(d->store, o->id, o)) != ST_OK)
			return st == ST_OK ? ST_OK : desk_fail(d, st, "%s", store_errmsg(d->store));
		if ((st = desk_event(d, o->id, "merge", other.order_no, o->order_no, reason)) != ST_OK)
			return st;
		snprintf(c->action, sizeof c->action, _("merged %s into %s"), other.order_no, o->order_no);
		snprintf(c->result, sizeof c->result, _("merged into %s"), o->order_no);
		break;
	default:
		break;
	}
	if (req->action && *req->action)
		text_copy(c->action, req->action, sizeof c->action);
	return close_twin(d, e->related_id, c->cause, c->action, c->result, req->note);
}

static enum status resolve_body(struct desk *d, void *arg)
{
	struct resolve_ctx *c = arg;
	const struct resolve_req *req = c->req;
	struct exception_rec e;
	struct order o;
	char when[32];
	enum status st;

	if ((st = desk_exception_get(d, req->id, &e)) != ST_OK)
		return st;
	if (!e.open) {
		local_time(e.resolved_at, when, sizeof when);
		return desk_fail(d, ST_REFUSED, _("exception %lld is already resolved (by %s, %s)"), e.id,
		                 e.resolved_by, when);
	}
	if (!resolve_fits(req->how, e.kind))
		return desk_fail(d, ST_USAGE, _("%s is not a way to resolve a %s exception"),
		                 resolve_name(req->how), exkind_name(e.kind));
	if (e.kind == EXKIND_SLA_BREACH &&
	    desk_require(d, ROLE_SUPERVISOR,
	                 _("override a clock (an sla_breach closes when its stage completes)")) != ST_OK)
		return ST_DENIED;
	if ((req->how == RESOLVE_CANCEL_THIS || req->how == RESOLVE_CANCEL_OTHER) &&
	    desk_require(d, ROLE_SUPERVISOR, _("cancel orders")) != ST_OK)
		return ST_DENIED;
	if ((st = store_order_get_id(d->store, e.order_id, &o)) != ST_OK)
		return desk_fail(d, st, "%s", store_errmsg(d->store));
	if (req->action && *req->action)
		text_copy(c->action, req->action, sizeof c->action);
	switch (req->how) {
	case RESOLVE_PLAIN:
		if (e.kind == EXKIND_NEEDS_INFO && (st = flagged_valid(d, &e, &o)) != ST_OK)
			return st;
		break;
	case RESOLVE_FIX_FIELDS:
		st = flow_fix(d, c, &e, &o);
		break;
	case RESOLVE_NEW_ETA:
		st = flow_eta(d, c, &o);
		break;
	case RESOLVE_RESHIP:
		st = flow_reship(d, c, &o);
		break;
	default:
		st = flow_duplicate(d, c, &e, &o);
		break;
	}
	if (st != ST_OK)
		return st;
	if (!*c->result && e.kind == EXKIND_NEEDS_INFO)
		snprintf(c->result, sizeof c->result, "%s", _("fields valid"));
	else if (!*c->result)
		snprintf(c->result, sizeof c->result, _("order stays in %s"), stage_name(o.stage));
	st = store_exception_resolve(d->store, e.id, desk_now(d), d->login, c->cause, c->action,
	                             c->result, req->note);
	if (st == ST_REFUSED)
		return desk_fail(d, ST_REFUSED, _("exception %lld was resolved meanwhile"), e.id);
	if (st != ST_OK)
		return desk_fail(d, st, "%s", store_errmsg(d->store));
	char why[1100];
	snprintf(why, sizeof why, "%s%s%s", c->action, req->note && *req->note ? " - " : "",
	         req->note ? req->note : "");
	if ((st = exception_event(d, &e, "resolve", exkind_name(e.kind), cause_name(c->cause), why)) !=
	    ST_OK)
		return st;
	/* needs_info and customer_change end with the order back in review. */
	if ((e.kind == EXKIND_NEEDS_INFO || e.kind == EXKIND_CUSTOMER_CHANGE) &&
	    (req->how == RESOLVE_FIX_FIELDS || e.kind == EXKIND_NEEDS_INFO)) {
		if ((st = store_order_get_id(d->store, o.id, &o)) != ST_OK)
			return desk_fail(d, st, "%s", store_errmsg(d->store));
		if ((st = to_review(d, &o, _("exception resolved: review again"))) != ST_OK)
			return st;
	}
	desk_say(d, _("exception %lld (%s on %s) resolved: %s [%s]"), e.id, exkind_name(e.kind),
	         o.order_no, c->action, cause_name(c->cause));
	return ST_OK;
}

enum status desk_exception_resolve(struct desk *d, const struct resolve_req *req)
{
	struct resolve_ctx c;
	char clean[64];

	memset(&c, 0, sizeof c);
	c.req = req;
	if (desk_require(d, ROLE_CLERK, _("resolve exceptions")) != ST_OK)
		return ST_DENIED;
	if (!req->cause || !*req->cause)
		return desk_fail(d, ST_USAGE, _("a resolution needs a cause: data_entry, channel_data, "
		                                "stock_planning, supplier, carrier, capacity, customer, "
		                                "system or other"));
	int cause = cause_parse(req->cause);
	if (cause < 0) {
		text_clean(req->cause, clean, sizeof clean);
		return desk_fail(d, ST_USAGE, _("unknown cause %s (data_entry, channel_data, "
		                                "stock_planning, supplier, carrier, capacity, customer, "
		                                "system, other)"),
		                 clean);
	}
	c.cause = (enum cause)cause;
	if (req->how == RESOLVE_PLAIN && validate_action(req->action, NULL, 0) != 0)
		return desk_fail(d, ST_USAGE, _("a resolution needs an action: what was done"));
	if (desk_text_check(d, 2, req->action, req->note) != ST_OK)
		return ST_USAGE;
	if (req->how == RESOLVE_FIX_FIELDS && req->nfields == 0)
		return desk_fail(d, ST_USAGE, _("say which fields to correct (FIELD=VALUE)"));
	return desk_tx(d, resolve_body, &c);
}

/* The clock a stage runs under: new and review share the one from receipt. */
static enum stage clock_of(enum stage s)
{
	return s == STAGE_REVIEW ? STAGE_NEW : s;
}

struct close_ctx {
	struct desk *d;
	const struct order *o;
	enum stage to;
	long long ids[64];
	int n;
};

static int collect_closing(const struct exception_row *r, void *arg)
{
	struct close_ctx *c = arg;

	if (c->n >= (int)(sizeof c->ids / sizeof c->ids[0]))
		return 1;
	if (r->e.kind == EXKIND_SLA_BREACH && clock_of(r->e.stage) == clock_of(c->o->stage) &&
	    clock_of(c->to) != clock_of(c->o->stage))
		c->ids[c->n++] = r->e.id;
	else if (r->e.kind == EXKIND_LOGISTICS_DELAY && c->to == STAGE_DONE)
		c->ids[c->n++] = r->e.id;
	return 0;
}

enum status desk_exception_stage_left_tx(struct desk *d, const struct order *o, enum stage to,
                                         const char *cause, const char *note)
{
	struct close_ctx c = { .d = d, .o = o, .to = to };
	struct exception_filter f = { .open_only = 1, .kind = -1, .order_id = o->id };
	enum move_kind mk = transition_kind(o->stage, to);
	char action[160], result[64], clean[64];
	enum status st;
	int given = -1;

	if (cause && *cause && (given = cause_parse(cause)) < 0) {
		text_clean(cause, clean, sizeof clean);
		return desk_fail(d, ST_USAGE, _("unknown cause %s"), clean);
	}
	if (o->open_exc == 0)
		return ST_OK;
	if ((st = store_exception_each(d->store, &f, collect_closing, &c)) != ST_OK)
		return desk_fail(d, st, "%s", store_errmsg(d->store));
	for (int i = 0; i < c.n; i++) {
		struct exception_rec e;
		enum cause why;
		if ((st = desk_exception_get(d, c.ids[i], &e)) != ST_OK)
			return st;
		if (e.kind == EXKIND_LOGISTICS_DELAY) {
			why = given >= 0 ? (enum cause)given : CAUSE_CARRIER;
			snprintf(action, sizeof action, "%s", _("delivered"));
			snprintf(result, sizeof result, "%s", _("delivered"));
		} else if (mk == MOVE_FORWARD) {
			why = given >= 0 ? (enum cause)given : CAUSE_CAPACITY;
			snprintf(action, sizeof action, _("stage completed late: %s -> %s"),
			         stage_name(o->stage), stage_name(to));
			snprintf(result, sizeof result, _("completed late, now in %s"), stage_name(to));
		} else {
			why = given >= 0 ? (enum cause)given : CAUSE_OTHER;
			snprintf(action, sizeof action, to == STAGE_CANCELLED ? _("order cancelled") :
			         _("order moved back: %s -> %s"), stage_name(o->stage), stage_name(to));
			if (to == STAGE_CANCELLED)
				snprintf(result, sizeof result, "%s", _("cancelled"));
			else
				snprintf(result, sizeof result, _("moved back to %s"), stage_name(to));
		}
		st = store_exception_resolve(d->store, e.id, desk_now(d), d->login, why, action, result,
		                             note);
		if (st != ST_OK)
			return desk_fail(d, st, "%s", store_errmsg(d->store));
		if ((st = exception_event(d, &e, "resolve", exkind_name(e.kind), cause_name(why), action)) !=
		    ST_OK)
			return st;
	}
	return ST_OK;
}

static long long detail_number(const char *detail, const char *key)
{
	const char *p = strstr(detail, key);

	return p ? strtoll(p + strlen(key), NULL, 10) : 0;
}

void desk_exception_why(const struct desk *d, const struct exception_row *r, char *buf,
                        size_t size)
{
	const struct exception_rec *e = &r->e;
	time_t now = desk_now(d);
	char a[32], b[32];

	switch (e->kind) {
	case EXKIND_SLA_BREACH: {
		time_t due = (time_t)detail_number(e->detail, "due=");
		if (!due)
			due = e->opened_at;
		span((long long)now - due, a, sizeof a);
		snprintf(buf, size, _("%s clock ran out %s ago"), stage_name(e->stage), a);
		return;
	}
	case EXKIND_LOGISTICS_DELAY: {
		time_t due = r->order_stage == STAGE_TRANSIT ? r->order_due_at : e->opened_at;
		span((long long)now - due, a, sizeof a);
		if (now >= due)
			snprintf(buf, size, _("in transit past its clock by %s"), a);
		else
			snprintf(buf, size, _("new delivery time in %s"), a);
		return;
	}
	case EXKIND_NEEDS_INFO:
	case EXKIND_STOCK_SHORT: {
		enum field f[FIELD_COUNT];
		char what[160] = "";
		if (e->kind == EXKIND_NEEDS_INFO) {
			int n = desk_exception_flagged(e, f, FIELD_COUNT);
			for (int i = 0; i < n; i++)
				snprintf(what + strlen(what), sizeof what - strlen(what), "%s%s", i ? "," : "",
				         field_name(f[i]));
		}
		const char *head = *what ? what : e->description;
		if (!e->due_at) {
			snprintf(buf, size, "%s", head);
		} else if (now >= e->due_at) {
			span((long long)now - e->due_at, a, sizeof a);
			snprintf(buf, size, e->kind == EXKIND_NEEDS_INFO ? _("%s; %s over its clock")
			                                                 : _("%s; %s past the agreed date"),
			         head, a);
		} else {
			span((long long)e->due_at - now, a, sizeof a);
			local_time(e->due_at, b, sizeof b);
			snprintf(buf, size, _("%s; %s left (due %s)"), head, a, b);
		}
		return;
	}
	default:
		snprintf(buf, size, "%s", e->description);
		return;
	}
}

enum status desk_exception_each(struct desk *d, const struct exception_filter *f,
                                int (*fn)(const struct exception_row *r, void *arg), void *arg)
{
	enum status st = store_exception_each(d->store, f, fn, arg);

	if (st != ST_OK)
		return desk_fail(d, st, "%s", store_errmsg(d->store));
	return ST_OK;
}
