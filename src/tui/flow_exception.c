/*
 * The exception actions of the key table: `x` raises (a kind menu and a
 * note), `r` resolves with the flow of the exception's kind, asking only
 * what that flow needs, then a cause and an optional note.  And the
 * board's minute sweep.  Everything goes through desk/.
 */
#include <curses.h>

#include "ordesk/tui.h"
#include "ordesk/tui_exception.h"
#include "ordesk/desk_board.h"
#include "ordesk/desk_exception.h"
#include "ordesk/desk_order.h"
#include "ordesk/desk_stock.h"
#include "ordesk/desk_sweep.h"
#include "ordesk/i18n.h"
#include "ordesk/text.h"
#include "ordesk/validate.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static enum status cancelled(struct tui *t)
{
	tui_status(t, "%s", _("cancelled; nothing changed"));
	return ST_OK;
}

enum status tui_act_raise(struct tui *t, const struct order *o)
{
	const char *names[EXKIND_COUNT];
	int kinds[EXKIND_COUNT], n = 0;
	char note[512], label[96];

	if (desk_require(t->desk, ROLE_CLERK, _("raise exceptions")) != ST_OK)
		return ST_DENIED;
	for (int k = 0; k < EXKIND_COUNT; k++) {
		if (k == EXKIND_SLA_BREACH)
			continue; /* the clocks' to raise */
		kinds[n] = k;
		names[n++] = exkind_name((enum exkind)k);
	}
	snprintf(label, sizeof label, _("exception on %s:"), o->order_no);
	int i = tui_choose(t, label, names, n);
	if (i < 0)
		return cancelled(t);
	if (!tui_prompt(t, _("note (what is wrong):"), NULL, note, sizeof note))
		return cancelled(t);
	return desk_exception_raise(t->desk, o->order_no, exkind_name((enum exkind)kinds[i]), note, NULL);
}

/* The open exceptions of one order. */
struct open_set {
	struct exception_rec e[16];
	int n;
};

static int collect_open(const struct exception_row *r, void *arg)
{
	struct open_set *s = arg;

	if (s->n < (int)(sizeof s->e / sizeof s->e[0]))
		s->e[s->n++] = r->e;
	return 0;
}

/* The cause most often right for a kind comes first; then the catalogue. */
static enum cause likely_cause(enum exkind k)
{
	switch (k) {
	case EXKIND_NEEDS_INFO: return CAUSE_CHANNEL_DATA;
	case EXKIND_STOCK_SHORT: return CAUSE_STOCK_PLANNING;
	case EXKIND_LOGISTICS_DELAY: return CAUSE_CARRIER;
	case EXKIND_SLA_BREACH: return CAUSE_CAPACITY;
	case EXKIND_CUSTOMER_CHANGE: return CAUSE_CUSTOMER;
	case EXKIND_DUPLICATE_SUSPECT: return CAUSE_CHANNEL_DATA;
	case EXKIND_COUNT: break;
	}
	return CAUSE_OTHER;
}

/* Asks the cause (1) or returns 0 on Esc. */
static int ask_cause(struct tui *t, enum exkind k, const char **cause)
{
	const char *names[CAUSE_COUNT];
	enum cause first = likely_cause(k);
	int n = 0;

	names[n++] = cause_name(first);
	for (int c = 0; c < CAUSE_COUNT; c++)
		if (c != (int)first)
			names[n++] = cause_name((enum cause)c);
	int i = tui_choose(t, _("root cause:"), names, n);
	if (i < 0)
		return 0;
	*cause = names[i];
	return 1;
}

/* Cause and note, then the resolution. */
static enum status finish(struct tui *t, const struct exception_rec *e, struct resolve_req *req,
                          char *note, size_t note_size)
{
	if (!ask_cause(t, e->kind, &req->cause))
		return cancelled(t);
	if (!tui_prompt(t, _("note (optional):"), NULL, note, note_size))
		return cancelled(t);
	req->note = note;
	return desk_exception_resolve(t->desk, req);
}

static enum status plain(struct tui *t, const struct exception_rec *e, struct resolve_req *req)
{
	char action[512], note[512];

	if (!tui_ask(t, _("what was done:"), NULL, action, sizeof action, tui_check_action, NULL))
		return cancelled(t);
	req->how = RESOLVE_PLAIN;
	req->action = action;
	return finish(t, e, req, note, sizeof note);
}

/* Asks the line fields among fields on each line where they are not right,
 * adding "line" N and the field's value to req; 0 when cancelled. */
static int line_prompts(struct tui *t, const struct order *o, const enum field *fields, int n,
                        struct resolve_req *req, char (*values)[512])
{
	static char numbers[RESOLVE_MAX_FIELDS][12];
	struct order_line *lines = calloc(256, sizeof *lines);
	char label[200], why[128], cur[96];
	int nl = 0, ok = 1;

	if (!lines)
		tui_fatal("out of memory");
	if (desk_order_lines(t->desk, o->id, lines, 256, &nl) != ST_OK)
		nl = 0;
	for (int i = 0; ok && i < n; i++) {
		enum field f = fields[i];
		if (!field_is_line_level(f))
			continue;
		for (int k = 0; ok && k < nl && req->nfields + 2 <= RESOLVE_MAX_FIELDS; k++) {
			desk_line_field(&lines[k], f, cur, sizeof cur);
			if (validate_field(f, cur, why, sizeof why) == 0)
				continue;
			snprintf(label, sizeof label, _("line %d %s (%s; %s):"), lines[k].line_no,
			         field_name(f), why, field_format(f));
			if (!tui_ask(t, label, cur, values[req->nfields + 1], sizeof values[0],
			             tui_check_field, &f)) {
				ok = 0;
				break;
			}
			snprintf(numbers[req->nfields], sizeof numbers[0], "%d", lines[k].line_no);
			req->fields[req->nfields] = "line";
			req->values[req->nfields] = numbers[req->nfields];
			req->fields[req->nfields + 1] = field_name(f);
			req->values[req->nfields + 1] = values[req->nfields + 1];
			req->nfields += 2;
		}
	}
	free(lines);
	return ok;
}

/*
 * The edit form: one prompt per field, showing its current value and why
 * it was flagged (a line field on each line where it is wrong); the values
 * go to desk/ together, which validates them and closes the exception only
 * when all the flagged fields are right.
 */
static enum status form(struct tui *t, const struct order *o, const struct exception_rec *e,
                        const enum field *fields, int n)
{
	static char values[RESOLVE_MAX_FIELDS][512];
	struct resolve_req req;
	char label[160], why[128], note[512];

	memset(&req, 0, sizeof req);
	req.id = e->id;
	req.how = RESOLVE_FIX_FIELDS;
	if (!line_prompts(t, o, fields, n, &req, values))
		return cancelled(t);
	for (int i = 0; i < n && req.nfields < RESOLVE_MAX_FIELDS; i++) {
		const char *cur = desk_order_field(o, fields[i]);
		if (!cur)
			continue;
		enum field f = fields[i];
		if (validate_field(f, cur, why, sizeof why) != 0)
			snprintf(label, sizeof label, _("%s (%s; %s):"), field_name(f), why, field_format(f));
		else
			snprintf(label, sizeof label, _("%s (%s):"), field_name(f), field_format(f));
		if (!tui_ask(t, label, cur, values[req.nfields], sizeof values[0], tui_check_field, &f))
			return cancelled(t);
		req.fields[req.nfields] = field_name(fields[i]);
		req.values[req.nfields] = values[req.nfields];
		req.nfields++;
	}
	if (req.nfields == 0)
		return plain(t, e, &req);
	return finish(t, e, &req, note, sizeof note);
}

static enum status flow_needs_info(struct tui *t, const struct order *o, const struct exception_rec *e)
{
	enum field f[FIELD_COUNT], editable[FIELD_COUNT];
	int n = desk_exception_flagged(e, f, FIELD_COUNT), m = 0;

	for (int i = 0; i < n; i++)
		if (desk_order_field(o, f[i]) || field_is_line_level(f[i]))
			editable[m++] = f[i];
	if (m == 0) {
		struct resolve_req req;
		memset(&req, 0, sizeof req);
		req.id = e->id;
		return plain(t, e, &req);
	}
	return form(t, o, e, editable, m);
}

static enum status flow_customer_change(struct tui *t, const struct order *o,
                                        const struct exception_rec *e)
{
	static const enum field fields[] = { FIELD_CUSTOMER, FIELD_PHONE, FIELD_ADDRESS, FIELD_FLAGS,
	                                     FIELD_NOTE };
	const char *names[8];
	int n = 0;

	for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++)
		names[n++] = field_name(fields[i]);
	names[n++] = _("no edit: record what was done");
	int i = tui_choose(t, _("change which field:"), names, n);
	if (i < 0)
		return cancelled(t);
	if (i == n - 1) {
		struct resolve_req req;
		memset(&req, 0, sizeof req);
		req.id = e->id;
		return plain(t, e, &req);
	}
	return form(t, o, e, &fields[i], 1);
}

static enum status flow_delay(struct tui *t, const struct order *o, const struct exception_rec *e)
{
	const char *ways[] = { resolve_what(RESOLVE_NEW_ETA), resolve_what(RESOLVE_RESHIP),
	                       resolve_what(RESOLVE_PLAIN) };
	struct resolve_req req;
	char eta[64], carrier[64], tracking[80], note[512];

	memset(&req, 0, sizeof req);
	req.id = e->id;
	int i = tui_choose(t, _("late in transit:"), ways, 3);
	if (i < 0)
		return cancelled(t);
	if (i == 2)
		return plain(t, e, &req);
	if (i == 0) {
		if (!tui_ask(t, _("new delivery time (YYYY-MM-DD HH:MM):"), NULL, eta, sizeof eta,
		             tui_check_datetime, NULL))
			return cancelled(t);
		validate_datetime(eta, &req.eta);
		req.how = RESOLVE_NEW_ETA;
	} else {
		if (!tui_ask(t, _("carrier:"), o->carrier, carrier, sizeof carrier, tui_check_carrier, NULL) ||
		    !tui_ask(t, _("new tracking number:"), NULL, tracking, sizeof tracking,
		             tui_check_tracking, NULL))
			return cancelled(t);
		req.how = RESOLVE_RESHIP;
		req.carrier = carrier;
		req.tracking = tracking;
	}
	return finish(t, e, &req, note, sizeof note);
}

static enum status flow_duplicate(struct tui *t, const struct exception_rec *e)
{
	static const enum resolve_how hows[] = { RESOLVE_CONFIRM_BOTH, RESOLVE_MERGE,
	                                         RESOLVE_CANCEL_THIS, RESOLVE_CANCEL_OTHER,
	                                         RESOLVE_PLAIN };
	const char *ways[5];
	struct resolve_req req;
	char note[512];

	for (int i = 0; i < 5; i++)
		ways[i] = resolve_what(hows[i]);
	memset(&req, 0, sizeof req);
	req.id = e->id;
	int i = e->related_id ? tui_choose(t, _("duplicate?"), ways, 5) : 4;
	if (i < 0)
		return cancelled(t);
	if (hows[i] == RESOLVE_PLAIN)
		return plain(t, e, &req);
	req.how = hows[i];
	return finish(t, e, &req, note, sizeof note);
}

static enum status flow_stock_short(struct tui *t, const struct order *o, const struct exception_rec *e)
{
	const char *ways[] = { _("split: lock what is there, backorder the rest"),
	                       _("agree a later dispatch date"),
	                       _("wait for the next receipt"),
	                       _("record what was done") };
	char until[32], note[512], back[48];
	const char *cause;

	int i = tui_choose(t, _("stock short:"), ways, 4);
	if (i < 0)
		return cancelled(t);
	if (i == 3) {
		struct resolve_req req;
		memset(&req, 0, sizeof req);
		req.id = e->id;
		return plain(t, e, &req);
	}
	if (i == 2) {
		if (!tui_prompt(t, _("note (optional):"), NULL, note, sizeof note))
			return cancelled(t);
		return desk_short_wait(t->desk, o->order_no, note);
	}
	if (i == 1 && !tui_ask(t, _("dispatch by (YYYY-MM-DD):"), NULL, until, sizeof until,
	                       tui_check_delay, t))
		return cancelled(t);
	if (!ask_cause(t, e->kind, &cause))
		return cancelled(t);
	if (!tui_prompt(t, _("note (optional):"), NULL, note, sizeof note))
		return cancelled(t);
	if (i == 1)
		return desk_delay(t->desk, o->order_no, until, cause, note);
	return desk_split(t->desk, o->order_no, cause, note, back, sizeof back);
}

static enum status flow_breach(struct tui *t, const struct exception_rec *e)
{
	struct resolve_req req;

	if (t->desk->role < ROLE_SUPERVISOR)
		return desk_fail(t->desk, ST_REFUSED,
		                 _("a breached clock closes when its stage completes (Space advances); "
		                   "closing it by hand is a supervisor's clock override"));
	if (!tui_confirm(t, _("override the clock and close this breach by hand?")))
		return cancelled(t);
	memset(&req, 0, sizeof req);
	req.id = e->id;
	return plain(t, e, &req);
}

enum status tui_act_resolve(struct tui *t, const struct order *o)
{
	struct open_set set = { .n = 0 };
	struct exception_filter f = { .open_only = 1, .kind = -1, .order_id = o->id };
	enum status st;

	if (desk_require(t->desk, ROLE_CLERK, _("resolve exceptions")) != ST_OK)
		return ST_DENIED;
	if ((st = desk_exception_each(t->desk, &f, collect_open, &set)) != ST_OK)
		return st;
	if (set.n == 0)
		return desk_fail(t->desk, ST_REFUSED, _("order %s has no open exception"), o->order_no);
	int pick = 0;
	if (set.n > 1) {
		char items[16][64];
		const char *names[16];
		for (int i = 0; i < set.n; i++) {
			snprintf(items[i], sizeof items[i], "%s #%lld", exkind_name(set.e[i].kind), set.e[i].id);
			names[i] = items[i];
		}
		if ((pick = tui_choose(t, _("resolve which:"), names, set.n)) < 0)
			return cancelled(t);
	}
	const struct exception_rec *e = &set.e[pick];
	switch (e->kind) {
	case EXKIND_NEEDS_INFO: return flow_needs_info(t, o, e);
	case EXKIND_CUSTOMER_CHANGE: return flow_customer_change(t, o, e);
	case EXKIND_LOGISTICS_DELAY: return flow_delay(t, o, e);
	case EXKIND_DUPLICATE_SUSPECT: return flow_duplicate(t, e);
	case EXKIND_STOCK_SHORT: return flow_stock_short(t, o, e);
	case EXKIND_SLA_BREACH: return flow_breach(t, e);
	case EXKIND_COUNT: break;
	}
	return ST_OK;
}

/*
 * The board sweeps once a minute (and when it opens), so a store with the
 * board open needs no cron.  A viewer's board leaves it to others: a
 * viewer changes nothing.  A busy store is simply tried next minute.
 */
int tui_sweep_tick(struct tui *t)
{
	static long last = -1;
	struct sweep_result r;
	char keep[sizeof t->desk->msg];
	long minute = (long)(t->now / 60);

	if (minute == last || t->desk->role < ROLE_CLERK)
		return 0;
	last = minute;
	text_copy(keep, desk_message(t->desk), sizeof keep);
	enum status st = desk_sweep(t->desk, &r);
	text_copy(t->desk->msg, keep, sizeof t->desk->msg);
	if (st != ST_OK || r.breaches + r.delays + r.escalations == 0)
		return 0;
	tui_changed(t);
	return 1;
}
