/* The weekly exception review and the daily summary: walks the store into the figures. */
#include "ordesk/desk_report.h"

#include "ordesk/i18n.h"
#include "ordesk/store_report.h"

#include <stdio.h>
#include <string.h>

void desk_report_last_week(const struct desk *d, struct report_period *p)
{
	long today = calendar_day(desk_now(d));
	int y, w;

	report_week_of_day(today - report_weekday(today) - 7, &y, &w);
	report_period_week(p, y, w);
}

void desk_report_today(const struct desk *d, struct report_period *p)
{
	report_period_day(p, calendar_day(desk_now(d)));
}

struct feed {
	struct report *r;
	int slot;
};

static int feed_exc_order(long long id, void *arg)
{
	struct feed *f = arg;
	return report_add_exception_order(f->r, id) != 0;
}

static int feed_split_order(long long id, void *arg)
{
	struct feed *f = arg;
	return report_add_split_order(f->r, id) != 0;
}

static int feed_received(long long id, void *arg)
{
	struct feed *f = arg;
	return report_add_received(f->r, f->slot, id) != 0;
}

static int feed_shipped(const struct rep_order_row *row, void *arg)
{
	struct feed *f = arg;
	return report_add_shipped(f->r, f->slot, row) != 0;
}

static int feed_carrier(const char *carrier, long n, void *arg)
{
	struct feed *f = arg;
	return report_add_carrier_shipped(f->r, carrier, n) != 0;
}

static int feed_delivered(const struct rep_order_row *row, void *arg)
{
	struct feed *f = arg;
	return report_add_delivered(f->r, f->slot, row) != 0;
}

static int feed_exception(const struct rep_exc_row *row, void *arg)
{
	struct feed *f = arg;
	return report_add_exception(f->r, f->slot, row) != 0;
}

static int feed_open(const struct rep_exc_row *row, void *arg)
{
	struct feed *f = arg;
	return report_add_open(f->r, row) != 0;
}

static int feed_action(const struct rep_action_row *row, void *arg)
{
	struct feed *f = arg;
	return report_add_action(f->r, row) != 0;
}

enum status desk_report(struct desk *d, const struct report_period *p, struct report *r)
{
	struct store *s = d->store;
	enum status st = ST_OK;

	memset(r, 0, sizeof *r);
	if (desk_require(d, ROLE_VIEWER, _("read reports")) != ST_OK)
		return ST_DENIED;
	if (p->start > desk_now(d))
		return desk_fail(d, ST_USAGE, _("%s has not begun yet: choose a period up to today"),
		                 p->label);
	if (report_init(r, p, desk_now(d), d->store_name, d->login) != 0)
		return desk_fail(d, ST_INTERNAL, _("out of memory"));
	/* One snapshot for every figure, so a report made while others work adds up. */
	if ((st = store_read_begin(s)) != ST_OK)
		return desk_fail(d, st, "%s", store_errmsg(s));
	struct feed all = { r, 0 };
	st = store_report_exception_orders(s, feed_exc_order, &all);
	if (st == ST_OK)
		st = store_report_split_orders(s, feed_split_order, &all);
	for (int i = 0; i < REPORT_TREND && st == ST_OK; i++) {
		struct feed f = { r, i };
		const struct report_period *q = &r->period[i];

		st = store_report_received(s, q->start, q->end, feed_received, &f);
		if (st == ST_OK)
			st = store_report_shipped(s, q->start, q->end, feed_shipped, &f);
		if (st == ST_OK)
			st = store_report_delivered(s, q->start, q->end, feed_delivered, &f);
		if (st == ST_OK && i == REPORT_CUR)
			st = store_report_exceptions(s, q->start, q->end, feed_exception, &f);
		else if (st == ST_OK)
			st = store_report_exceptions_brief(s, q->start, q->end, feed_exception, &f);
	}
	struct feed cur = { r, REPORT_CUR };
	char week[48];
	snprintf(week, sizeof week, "%04d-W%02d", p->iso_year, p->iso_week);
	if (st == ST_OK)
		st = store_report_shipped_carriers(s, r->period[REPORT_CUR].start,
		                                   r->period[REPORT_CUR].end, feed_carrier, &cur);
	if (st == ST_OK)
		st = store_report_open_at(s, r->period[REPORT_CUR].end, feed_open, &cur);
	if (st == ST_OK)
		st = store_review_each(s, week, r->period[REPORT_CUR].start, 0,
		                       feed_action, &cur);
	store_read_end(s);
	if (st != ST_OK)
		return desk_fail(d, st, "%s", store_errmsg(s));
	if (r->failed || report_finish(r) != 0)
		return desk_fail(d, ST_INTERNAL, _("out of memory while computing the report"));
	desk_say(d, _("report %s"), r->period[REPORT_CUR].label);
	return ST_OK;
}
