/*
 * The exceptions view (`2`): open exceptions by priority then age, one line
 * each with a "why red" (which rule or clock, how far over).  `f` filters
 * by kind, `F` clears it; Enter opens the order; x, r, Space and e act on
 * the order of the line in focus.
 */
#include <curses.h>

#include "ordesk/tui.h"
#include "ordesk/desk_exception.h"
#include "ordesk/i18n.h"
#include "ordesk/text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define EXC_MAX_ROWS 2000

struct exc_view {
	struct exception_row *rows;
	int n;
	int more;                /* more open exceptions than EXC_MAX_ROWS */
	int focus, top;
	long long focus_id;      /* followed across reloads */
	int kind;                /* -1: every kind */
};

static int collect(const struct exception_row *r, void *arg)
{
	struct exc_view *v = arg;

	if (v->n == EXC_MAX_ROWS) {
		v->more = 1;
		return 1;
	}
	v->rows[v->n++] = *r;
	return 0;
}

static enum status exc_load(struct tui *t, struct exc_view *v)
{
	struct exception_filter f = { .open_only = 1, .kind = v->kind, .order_id = 0 };
	enum status st;

	v->n = 0;
	v->more = 0;
	if ((st = desk_exception_each(t->desk, &f, collect, v)) != ST_OK)
		return st;
	for (int i = 0; i < v->n; i++)
		if (v->rows[i].e.id == v->focus_id)
			v->focus = i;
	if (v->focus >= v->n)
		v->focus = v->n - 1;
	if (v->focus < 0)
		v->focus = 0;
	v->focus_id = v->n ? v->rows[v->focus].e.id : 0;
	return ST_OK;
}

static enum status exc_open(struct tui *t, void **state, const char *arg)
{
	struct exc_view *v = *state;

	(void)arg;
	if (!v) {
		if (!(v = calloc(1, sizeof *v)) || !(v->rows = malloc(EXC_MAX_ROWS * sizeof *v->rows)))
			tui_fatal("out of memory");
		v->kind = -1;
		*state = v;
	}
	return exc_load(t, v);
}

static void exc_reload(struct tui *t, void *state)
{
	enum status st = exc_load(t, state);

	if (st != ST_OK)
		tui_status_desk(t, st);
}

static void age_text(long long s, char *buf, size_t size)
{
	span_format(s < 0 ? 0 : s, "", buf, size);
}

static void exc_draw(struct tui *t, void *state, int top, int height)
{
	struct exc_view *v = state;
	char head[200], line[160], why[400], age[32];
	int body = height - 1;

	snprintf(head, sizeof head, _("  %-17s %-17s %7s  %s   (%d open%s%s%s)"), _("order"), _("kind"),
	         _("age"), _("why red"), v->n, v->more ? "+" : "", v->kind >= 0 ? ", " : "",
	         v->kind >= 0 ? exkind_name((enum exkind)v->kind) : "");
	tui_put_pad(t, top, 0, t->cols, ROLE_UI_TITLE, head);
	if (v->n == 0) {
		tui_put(t, top + 2, 2, t->cols - 4, ROLE_UI_DIM,
		        v->kind >= 0 ? _("no open exception of this kind") : _("no open exception"));
		return;
	}
	if (body < 1)
		return;
	tui_list_follow(&v->top, v->focus, body);
	for (int i = 0; i < body && v->top + i < v->n; i++) {
		const struct exception_row *r = &v->rows[v->top + i];
		int y = top + 1 + i, sel = v->top + i == v->focus;
		enum tui_role role = sel ? ROLE_UI_SELECTION : ROLE_UI_CARD_LATE;
		age_text((long long)t->now - r->e.opened_at, age, sizeof age);
		snprintf(line, sizeof line, "%s %-17s %-17s %7s  ", priority_glyph(r->priority, t->utf8),
		         r->order_no, exkind_name(r->e.kind), age);
		desk_exception_why(t->desk, r, why, sizeof why);
		tui_fill(t, y, 0, t->cols, role);
		int x = tui_put(t, y, 0, t->cols, role, line);
		if (x < t->cols)
			tui_put(t, y, x, t->cols - x, sel ? ROLE_UI_SELECTION : ROLE_UI_NORMAL, why);
	}
	if (v->top + body < v->n)
		tui_put(t, top + height - 1, t->cols - 1, 1, ROLE_UI_MARK, tui_glyph(t->utf8, GLYPH_MORE_D));
}

static int exc_key(struct tui *t, void *state, enum tui_action a, int ch)
{
	struct exc_view *v = state;
	(void)ch;
	if (tui_list_move(&v->focus, v->n, t->rows - 5, a)) {
		v->focus_id = v->n ? v->rows[v->focus].e.id : 0;
		return TUI_HANDLED;
	}
	switch (a) {
	case ACT_OPEN:
		if (v->n)
			tui_show(t, &tui_view_order, v->rows[v->focus].order_no);
		return TUI_HANDLED;
	case ACT_FILTER: {
		const char *names[EXKIND_COUNT + 1];
		names[0] = _("every kind");
		for (int k = 0; k < EXKIND_COUNT; k++)
			names[k + 1] = exkind_name((enum exkind)k);
		int i = tui_choose(t, _("show which kind:"), names, EXKIND_COUNT + 1);
		if (i >= 0) {
			v->kind = i - 1;
			v->focus = 0;
			v->focus_id = 0;
			exc_reload(t, v);
		}
		return TUI_HANDLED;
	}
	case ACT_UNFILTER:
		v->kind = -1;
		exc_reload(t, v);
		return TUI_HANDLED;
	default:
		return TUI_IGNORED;
	}
}

static const char *exc_focused(struct tui *t, void *state)
{
	struct exc_view *v = state;

	(void)t;
	return v->n ? v->rows[v->focus].order_no : NULL;
}

static void exc_close(struct tui *t, void *state)
{
	struct exc_view *v = state;

	(void)t;
	free(v->rows);
	free(v);
}

const struct tui_view tui_view_exceptions = {
	.name = N_("exceptions"),
	.digit = '2',
	.mask = TV_EXCEPTIONS,
	.open = exc_open,
	.draw = exc_draw,
	.key = exc_key,
	.reload = exc_reload,
	.close = exc_close,
	.focused = exc_focused,
};
