/* The sweep: clocks that ran out become exceptions and escalations, once each. */
#include "ordesk/desk_sweep.h"
#include "ordesk/desk_exception.h"
#include "ordesk/i18n.h"
#include "ordesk/store_board.h"
#include "ordesk/store_exception.h"
#include "ordesk/text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SWEEP_BATCH 256

static void local_time(time_t t, char *buf, size_t size)
{
	struct tm tm;

	localtime_r(&t, &tm);
	strftime(buf, size, "%Y-%m-%d %H:%M", &tm);
}

static enum status escalate(struct desk *d, const char *kind, const struct exception_rec *e,
                            const char *order_no, const char *message, int *created)
{
	struct escalation_rec x;
	enum status st;

	memset(&x, 0, sizeof x);
	text_copy(x.kind, kind, sizeof x.kind);
	x.exception_id = e->id;
	x.order_id = e->order_id;
	x.created_at = desk_now(d);
	snprintf(x.message, sizeof x.message, "%s: %s", order_no, message);
	snprintf(x.dedupe_key, sizeof x.dedupe_key, "%s:%lld", kind, e->id);
	if ((st = store_escalation_raise(d->store, &x, created)) != ST_OK)
		return desk_fail(d, st, "%s", store_errmsg(d->store));
	if (!*created)
		return ST_OK;
	char id[24];
	snprintf(id, sizeof id, "%lld", x.id);
	struct event_rec ev = { .order_id = e->order_id, .entity = "escalation", .entity_id = id,
	                        .what = "escalate", .to = kind, .why = x.message,
	                        .run_by = d->automatic ? d->login : NULL };
	if ((st = store_event_add(d->store, desk_now(d), desk_actor(d), &ev)) != ST_OK)
		return desk_fail(d, st, "%s", store_errmsg(d->store));
	return ST_OK;
}

/* The clock a stage runs under, as its setting names it. */
static const char *clock_word(enum stage s, enum priority p)
{
	switch (s) {
	case STAGE_NEW:
	case STAGE_REVIEW: return "clock.review";
	case STAGE_LOCKED: return "clock.lock";
	case STAGE_PICKING: return p == PRIO_URGENT ? "clock.pick.urgent" : "clock.pick.normal";
	case STAGE_SHIPPED: return "clock.ship";
	case STAGE_TRANSIT: return "clock.transit";
	default: return "";
	}
}

struct batch {
	enum stage stage;
	struct sweep_result *res;
	int n;
	struct overdue_order rows[SWEEP_BATCH];
};

static enum status breach_body(struct desk *d, void *arg)
{
	struct batch *b = arg;
	enum status st;

	if ((st = store_exception_overdue(d->store, b->stage, desk_now(d), b->rows, SWEEP_BATCH,
	                                  &b->n)) != ST_OK)
		return desk_fail(d, st, "%s", store_errmsg(d->store));
	for (int i = 0; i < b->n; i++) {
		const struct overdue_order *od = &b->rows[i];
		struct order o;
		struct exception_rec e;
		char when[32], desc[256], detail[160];
		long long id = 0;
		int created, esc;

		if ((st = store_order_get_id(d->store, od->order_id, &o)) != ST_OK)
			return desk_fail(d, st, "%s", store_errmsg(d->store));
		local_time(od->due_at, when, sizeof when);
		enum exkind kind = od->stage == STAGE_TRANSIT ? EXKIND_LOGISTICS_DELAY : EXKIND_SLA_BREACH;
		if (kind == EXKIND_LOGISTICS_DELAY)
			snprintf(desc, sizeof desc, _("not delivered by %s (%s)"), when,
			         clock_word(od->stage, od->priority));
		else
			snprintf(desc, sizeof desc, _("%s clock (%s) ran out at %s"),
			         stage_name(od->stage), clock_word(od->stage, od->priority), when);
		snprintf(detail, sizeof detail, "clock=%s due=%lld", clock_word(od->stage, od->priority),
		         (long long)od->due_at);
		struct exception_raise r = { .kind = kind, .description = desc, .detail = detail,
		                             .breach_key = od->breach_key, .opened_at = od->due_at };
		if ((st = desk_exception_raise_tx(d, &o, &r, &id, &created)) != ST_OK)
			return st;
		if (!created)
			continue;
		if (kind == EXKIND_LOGISTICS_DELAY)
			b->res->delays++;
		else
			b->res->breaches++;
		if ((st = store_exception_get(d->store, id, &e)) != ST_OK)
			return desk_fail(d, st, "%s", store_errmsg(d->store));
		if ((st = escalate(d, exkind_name(kind), &e, o.order_no, desc, &esc)) != ST_OK)
			return st;
		b->res->escalations += esc;
	}
	return ST_OK;
}

/* Open needs_info and stock_short exceptions, read first, escalated after. */
struct open_list {
	struct exception_rec *v;
	size_t n, cap;
	int failed;
};

static int collect(const struct exception_rec *e, void *arg)
{
	struct open_list *l = arg;

	if (l->n == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 64;
		struct exception_rec *v = realloc(l->v, cap * sizeof *v);
		if (!v) {
			l->failed = 1;
			return 1;
		}
		l->v = v;
		l->cap = cap;
	}
	l->v[l->n++] = *e;
	return 0;
}

struct overdue_ctx {
	struct sweep_result *res;
	enum exkind kind;
};

static enum status overdue_body(struct desk *d, void *arg)
{
	struct overdue_ctx *c = arg;
	const char *esc_kind = c->kind == EXKIND_NEEDS_INFO ? "needs_info_overdue" : "stock_short_overdue";
	struct open_list l = { 0 };
	enum status st;
	time_t now = desk_now(d);

	st = store_exception_unescalated(d->store, c->kind, esc_kind, collect, &l);
	if (st == ST_OK && l.failed)
		st = desk_fail(d, ST_INTERNAL, _("out of memory"));
	else if (st != ST_OK)
		desk_fail(d, st, "%s", store_errmsg(d->store));
	for (size_t i = 0; st == ST_OK && i < l.n; i++) {
		const struct exception_rec *e = &l.v[i];
		time_t due = e->due_at;
		struct order o;
		char when[32], msg[256], limit[16];
		int esc;

		if (!due)
			due = calendar_add(&d->cal, e->opened_at,
			                   c->kind == EXKIND_NEEDS_INFO ? d->clocks.needs_info
			                                                : d->clocks.stock_delay_max);
		if (now < due)
			continue;
		if ((st = store_order_get_id(d->store, e->order_id, &o)) != ST_OK) {
			desk_fail(d, st, "%s", store_errmsg(d->store));
			break;
		}
		local_time(due, when, sizeof when);
		if (c->kind == EXKIND_NEEDS_INFO) {
			duration_format(d->clocks.needs_info, limit, sizeof limit);
			snprintf(msg, sizeof msg, _("needs_info still open past its %s clock (due %s)"), limit,
			         when);
		} else {
			snprintf(msg, sizeof msg, _("stock_short still open past its agreed date (%s)"), when);
		}
		if ((st = escalate(d, esc_kind, e, o.order_no, msg, &esc)) == ST_OK)
			c->res->escalations += esc;
	}
	free(l.v);
	return st;
}

/* The fresh slots the header no longer reads (a transaction that writes
 * nothing when there are none, so other boards do not reload for it). */
static enum status prune_body(struct desk *d, void *arg)
{
	enum status st = store_board_fresh_prune(d->store, desk_now(d));

	(void)arg;
	return st == ST_OK ? ST_OK : desk_fail(d, st, "%s", store_errmsg(d->store));
}

static enum status sweep_all(struct desk *d, struct sweep_result *r)
{
	enum status st;
	struct batch *b = malloc(sizeof *b);
	if (!b)
		return desk_fail(d, ST_INTERNAL, _("out of memory"));
	for (int s = STAGE_NEW; s <= STAGE_TRANSIT; s++) {
		b->stage = (enum stage)s;
		b->res = r;
		do {
			if ((st = desk_tx(d, breach_body, b)) != ST_OK) {
				free(b);
				return st;
			}
		} while (b->n == SWEEP_BATCH);
	}
	free(b);
	static const enum exkind watched[] = { EXKIND_NEEDS_INFO, EXKIND_STOCK_SHORT };
	for (size_t i = 0; i < sizeof watched / sizeof watched[0]; i++) {
		struct overdue_ctx c = { r, watched[i] };
		if ((st = desk_tx(d, overdue_body, &c)) != ST_OK)
			return st;
	}
	if ((st = desk_tx(d, prune_body, NULL)) != ST_OK)
		return st;
	desk_say(d, _("sweep: %d clock breaches, %d late in transit, %d escalations"), r->breaches,
	         r->delays, r->escalations);
	return ST_OK;
}

enum status desk_sweep(struct desk *d, struct sweep_result *r)
{
	struct sweep_result local;
	enum status st;

	if (!r)
		r = &local;
	memset(r, 0, sizeof *r);
	if (desk_require(d, ROLE_CLERK, _("run the sweep")) != ST_OK)
		return ST_DENIED;
	/* What the clocks do by themselves is the sweep's, run by this operator. */
	d->automatic = 1;
	st = sweep_all(d, r);
	d->automatic = 0;
	return st;
}

static enum status ack_body(struct desk *d, void *arg)
{
	long long id = *(long long *)arg;
	struct escalation_rec x;
	enum status st;
	char when[32], sid[24];

	st = store_escalation_get(d->store, id, &x);
	if (st == ST_REFUSED)
		return desk_fail(d, ST_REFUSED, _("no alert %lld"), id);
	if (st != ST_OK)
		return desk_fail(d, st, "%s", store_errmsg(d->store));
	if (x.acked_at) {
		local_time(x.acked_at, when, sizeof when);
		return desk_fail(d, ST_REFUSED, _("alert %lld was already acknowledged by %s at %s"), id,
		                 x.acked_by, when);
	}
	if ((st = store_escalation_ack(d->store, id, desk_now(d), d->login)) != ST_OK)
		return desk_fail(d, st == ST_REFUSED ? ST_REFUSED : st, "%s",
		                 st == ST_REFUSED ? _("the alert was acknowledged meanwhile")
		                                  : store_errmsg(d->store));
	snprintf(sid, sizeof sid, "%lld", id);
	struct event_rec ev = { .order_id = x.order_id, .entity = "escalation", .entity_id = sid,
	                        .what = "ack", .from = x.kind, .why = x.message };
	if ((st = store_event_add(d->store, desk_now(d), d->login, &ev)) != ST_OK)
		return desk_fail(d, st, "%s", store_errmsg(d->store));
	desk_say(d, _("alert %lld acknowledged"), id);
	return ST_OK;
}

enum status desk_alert_ack(struct desk *d, long long id)
{
	if (desk_require(d, ROLE_SUPERVISOR, _("acknowledge alerts (close escalations)")) != ST_OK)
		return ST_DENIED;
	return desk_tx(d, ack_body, &id);
}

enum status desk_alert_each(struct desk *d, int all,
                            int (*fn)(const struct escalation_rec *x, void *arg), void *arg)
{
	enum status st = store_escalation_each(d->store, all, fn, arg);

	if (st != ST_OK)
		return desk_fail(d, st, "%s", store_errmsg(d->store));
	return ST_OK;
}

enum status desk_alert_count(struct desk *d, int *waiting)
{
	enum status st = store_escalation_count_open(d->store, waiting);

	if (st != ST_OK)
		return desk_fail(d, st, "%s", store_errmsg(d->store));
	return ST_OK;
}
