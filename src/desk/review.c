/* Improvement actions of the weekly review: add, close, list. */
#include "ordesk/desk_review.h"

#include "ordesk/i18n.h"
#include "ordesk/report_period.h"
#include "ordesk/store_user.h"
#include "ordesk/text.h"

#include <stdio.h>
#include <string.h>

static int blank(const char *s)
{
	return !s || strspn(s, " \t") == strlen(s);
}

struct add_req {
	const struct review_req *req;
	long long id;
};

static enum status review_event(struct desk *d, long long id, const char *what, const char *from,
                                const char *to, const char *why)
{
	char idbuf[24];
	struct event_rec ev = { .entity = "review", .entity_id = idbuf, .what = what,
	                        .from = from, .to = to, .why = why };
	enum status st;

	snprintf(idbuf, sizeof idbuf, "%lld", id);
	if ((st = store_event_add(d->store, desk_now(d), d->login, &ev)) != ST_OK)
		return desk_fail(d, st, "%s", store_errmsg(d->store));
	return ST_OK;
}

static enum status add_body(struct desk *d, void *arg)
{
	struct add_req *a = arg;
	const struct review_req *q = a->req;
	enum role role;
	int found = 0;
	char clean[128];
	enum status st;

	if ((st = store_user_role(d->store, q->owner, &role, &found)) != ST_OK)
		return desk_fail(d, st, "%s", store_errmsg(d->store));
	if (!found) {
		text_clean(q->owner, clean, sizeof clean);
		return desk_fail(d, ST_USAGE,
		                 _("owner %s is not a user of this store"), clean);
	}
	st = store_review_add(d->store, q->week, q->cause, q->action, q->owner, q->due, desk_now(d),
	                      d->login, &a->id);
	if (st != ST_OK)
		return desk_fail(d, st, "%s", store_errmsg(d->store));
	if ((st = review_event(d, a->id, "review_add", "", "open", q->action)) != ST_OK)
		return st;
	desk_say(d, _("review action %lld added for %s (%s, owner %s, due %s)"), a->id, q->week,
	         q->cause, q->owner, q->due);
	return ST_OK;
}

enum status desk_review_add(struct desk *d, const struct review_req *req, long long *id)
{
	char clean[128];
	int y, w;

	if (desk_require(d, ROLE_SUPERVISOR, _("edit review actions")) != ST_OK)
		return ST_DENIED;
	if (!req->week || report_week_parse(req->week, &y, &w) != 0) {
		text_clean(req->week ? req->week : "", clean, sizeof clean);
		return desk_fail(d, ST_USAGE, _("no such week %s (YYYY-Www, a week that year has)"), clean);
	}
	if (!req->cause || cause_parse(req->cause) < 0) {
		text_clean(req->cause ? req->cause : "", clean, sizeof clean);
		return desk_fail(d, ST_USAGE, _("unknown cause %s"), clean);
	}
	if (blank(req->action))
		return desk_fail(d, ST_USAGE, _("an improvement action needs --action TEXT"));
	if (desk_text_check(d, 1, req->action) != ST_OK)
		return ST_USAGE;
	if (blank(req->owner))
		return desk_fail(d, ST_USAGE, _("an improvement action needs --owner LOGIN"));
	if (!req->due || calendar_parse_date(req->due) < 0) {
		text_clean(req->due ? req->due : "", clean, sizeof clean);
		return desk_fail(d, ST_USAGE, _("no such date %s (YYYY-MM-DD)"), clean);
	}
	if (calendar_parse_date(req->due) < calendar_day(desk_now(d))) {
		char today[16];
		text_clean(req->due, clean, sizeof clean);
		report_day_format(calendar_day(desk_now(d)), today, sizeof today);
		return desk_fail(d, ST_USAGE, _("due date %s is in the past (today is %s)"), clean,
		                 today);
	}
	struct add_req a = { req, 0 };
	enum status st = desk_tx(d, add_body, &a);
	if (st == ST_OK && id)
		*id = a.id;
	return st;
}

struct done_req {
	long long id;
	const char *note;
};

static int copy_action(const struct rep_action_row *row, void *arg)
{
	char *buf = arg;
	text_copy(buf, row->done ? "done" : "open", 8);
	return 0;
}

static enum status done_body(struct desk *d, void *arg)
{
	struct done_req *q = arg;
	char status[8] = "";
	enum status st = store_review_get(d->store, q->id, copy_action, status);

	if (st == ST_REFUSED)
		return desk_fail(d, ST_REFUSED, _("no review action %lld"), q->id);
	if (st != ST_OK)
		return desk_fail(d, st, "%s", store_errmsg(d->store));
	if (strcmp(status, "open") != 0)
		return desk_fail(d, ST_REFUSED, _("review action %lld is already done"), q->id);
	if ((st = store_review_done(d->store, q->id, desk_now(d), d->login, q->note)) != ST_OK)
		return desk_fail(d, st, "%s", store_errmsg(d->store));
	if ((st = review_event(d, q->id, "review_done", "open", "done", q->note)) != ST_OK)
		return st;
	desk_say(d, _("review action %lld done"), q->id);
	return ST_OK;
}

enum status desk_review_done(struct desk *d, long long id, const char *note)
{
	struct done_req q = { id, note };

	if (desk_require(d, ROLE_SUPERVISOR, _("edit review actions")) != ST_OK)
		return ST_DENIED;
	if (blank(note))
		return desk_fail(d, ST_USAGE, _("closing a review action needs --note TEXT"));
	if (desk_text_check(d, 1, note) != ST_OK)
		return ST_USAGE;
	return desk_tx(d, done_body, &q);
}

enum status desk_review_list(struct desk *d, int open_only, rep_action_fn fn, void *arg)
{
	enum status st;

	if (desk_require(d, ROLE_VIEWER, _("read review actions")) != ST_OK)
		return ST_DENIED;
	/* Every week sorts before "9999". */
	st = store_review_each(d->store, "9999", 0, open_only, fn, arg);
	if (st != ST_OK)
		return desk_fail(d, st, "%s", store_errmsg(d->store));
	return ST_OK;
}

int desk_review_overdue(const struct desk *d, const struct rep_action_row *a)
{
	char today[16];

	if (a->done)
		return 0;
	report_day_format(calendar_day(desk_now(d)), today, sizeof today);
	return strcmp(a->due, today) < 0;
}
