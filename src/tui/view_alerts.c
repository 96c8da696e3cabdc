/*
 * The alerts view (`4`): escalations for the supervisors (breached clocks,
 * overdue needs_info and stock_short, low stock), newest first.  `a`
 * acknowledges the one in focus (supervisor; recorded with who and when),
 * `A` shows acknowledged ones too, Enter opens the order.
 */
#include <curses.h>

#include "ordesk/tui.h"
#include "ordesk/desk_sweep.h"
#include "ordesk/i18n.h"
#include "ordesk/text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ALERT_MAX_ROWS 1000

struct alert_view {
	struct escalation_rec *rows;
	int n, more;
	int focus, top;
	long long focus_id;
	int all;
};

static int collect(const struct escalation_rec *x, void *arg)
{
	struct alert_view *v = arg;

	if (v->n == ALERT_MAX_ROWS) {
		v->more = 1;
		return 1;
	}
	v->rows[v->n++] = *x;
	return 0;
}

static enum status alert_load(struct tui *t, struct alert_view *v)
{
	enum status st;

	v->n = 0;
	v->more = 0;
	if ((st = desk_alert_each(t->desk, v->all, collect, v)) != ST_OK)
		return st;
	for (int i = 0; i < v->n; i++)
		if (v->rows[i].id == v->focus_id)
			v->focus = i;
	if (v->focus >= v->n)
		v->focus = v->n - 1;
	if (v->focus < 0)
		v->focus = 0;
	v->focus_id = v->n ? v->rows[v->focus].id : 0;
	return ST_OK;
}

static enum status alert_open(struct tui *t, void **state, const char *arg)
{
	struct alert_view *v = *state;

	(void)arg;
	if (!v) {
		if (!(v = calloc(1, sizeof *v)) || !(v->rows = malloc(ALERT_MAX_ROWS * sizeof *v->rows)))
			tui_fatal("out of memory");
		*state = v;
	}
	return alert_load(t, v);
}

static void alert_reload(struct tui *t, void *state)
{
	enum status st = alert_load(t, state);

	if (st != ST_OK)
		tui_status_desk(t, st);
}

static void alert_draw(struct tui *t, void *state, int top, int height)
{
	struct alert_view *v = state;
	char head[200], line[200], at[32];
	int body = height - 1;
	struct tm tm;

	snprintf(head, sizeof head, v->all ? _("%d alerts%s (all)") : _("%d waiting%s"), v->n,
	         v->more ? "+" : "");
	tui_put_pad(t, top, 0, t->cols, ROLE_UI_TITLE, head);
	if (v->n == 0) {
		tui_put(t, top + 2, 2, t->cols - 4, ROLE_UI_DIM, _("no alert waiting"));
		return;
	}
	if (body < 1)
		return;
	tui_list_follow(&v->top, v->focus, body);
	for (int i = 0; i < body && v->top + i < v->n; i++) {
		const struct escalation_rec *x = &v->rows[v->top + i];
		int y = top + 1 + i, sel = v->top + i == v->focus;
		time_t c = x->created_at;
		localtime_r(&c, &tm);
		strftime(at, sizeof at, "%m-%d %H:%M", &tm);
		snprintf(line, sizeof line, "%5lld %s %s %-19s ", x->id, at,
		         x->acked_at ? tui_glyph(t->utf8, GLYPH_DOT) : "!", x->kind);
		enum tui_role role = sel ? ROLE_UI_SELECTION : x->acked_at ? ROLE_UI_DIM : ROLE_UI_CARD_LATE;
		tui_fill(t, y, 0, t->cols, role);
		int w = tui_put(t, y, 0, t->cols, role, line);
		if (w < t->cols) {
			char msg[700];
			if (x->acked_at)
				snprintf(msg, sizeof msg, "%s  (%s %s)", x->message, _("acknowledged by"), x->acked_by);
			else
				snprintf(msg, sizeof msg, "%s", x->message);
			tui_put(t, y, w, t->cols - w, sel ? ROLE_UI_SELECTION : ROLE_UI_NORMAL, msg);
		}
	}
	if (v->top + body < v->n)
		tui_put(t, top + height - 1, t->cols - 1, 1, ROLE_UI_MARK, tui_glyph(t->utf8, GLYPH_MORE_D));
}

static int alert_key(struct tui *t, void *state, enum tui_action a, int ch)
{
	struct alert_view *v = state;
	enum status st;

	(void)ch;
	if (tui_list_move(&v->focus, v->n, t->rows - 5, a)) {
		v->focus_id = v->n ? v->rows[v->focus].id : 0;
		return TUI_HANDLED;
	}
	switch (a) {
	case ACT_OPEN:
		if (v->n && v->rows[v->focus].order_no[0])
			tui_show(t, &tui_view_order, v->rows[v->focus].order_no);
		return TUI_HANDLED;
	case ACT_ACK:
		if (!v->n) {
			tui_error(t, "%s", _("no alert in focus"));
			return TUI_HANDLED;
		}
		st = desk_alert_ack(t->desk, v->rows[v->focus].id);
		tui_status_desk(t, st);
		if (st == ST_OK)
			tui_changed(t);
		return TUI_HANDLED;
	case ACT_ALL_ALERTS:
		v->all = !v->all;
		alert_reload(t, v);
		return TUI_HANDLED;
	default:
		return TUI_IGNORED;
	}
}

static const char *alert_focused(struct tui *t, void *state)
{
	struct alert_view *v = state;

	(void)t;
	return v->n && v->rows[v->focus].order_no[0] ? v->rows[v->focus].order_no : NULL;
}

static void alert_close(struct tui *t, void *state)
{
	struct alert_view *v = state;

	(void)t;
	free(v->rows);
	free(v);
}

const struct tui_view tui_view_alerts = {
	.name = N_("alerts"),
	.digit = '4',
	.mask = TV_ALERTS,
	.open = alert_open,
	.draw = alert_draw,
	.key = alert_key,
	.reload = alert_reload,
	.close = alert_close,
	.focused = alert_focused,
};
