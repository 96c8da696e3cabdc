/*
 * The order view: fields, lines, stock locks, exceptions and the timeline
 * of events with who and when.  `q` goes back to the board, which kept its
 * place.  Space, e, b, C (and the order actions others add) act on it.
 */
#include <curses.h>

#include "ordesk/tui.h"
#include "ordesk/desk_order.h"
#include "ordesk/i18n.h"
#include "ordesk/text.h"
#include "ordesk/validate.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ORDER_MAX_LINES 1024
#define ORDER_MAX_ITEMS 256

struct oline {
	enum tui_role role;
	int indent;
	char label[32];      /* a field name, drawn in the label role; "" for none */
	char text[400];
};

struct order_view {
	char order_no[64];
	struct order o;
	struct oline lines[ORDER_MAX_LINES];
	int n;
	int scroll;
};

static struct oline *add(struct order_view *v, enum tui_role role, const char *label,
                         const char *fmt, ...) __attribute__((format(printf, 4, 5)));
static struct oline *add(struct order_view *v, enum tui_role role, const char *label,
                         const char *fmt, ...)
{
	static struct oline spare;
	struct oline *l = v->n < ORDER_MAX_LINES ? &v->lines[v->n++] : &spare;
	va_list ap;

	memset(l, 0, sizeof *l);
	l->role = role;
	text_copy(l->label, label ? label : "", sizeof l->label);
	va_start(ap, fmt);
	vsnprintf(l->text, sizeof l->text, fmt, ap);
	va_end(ap);
	return l;
}

static void time_text(time_t t, char *buf, size_t size)
{
	struct tm tm;

	if (!t) {
		snprintf(buf, size, "-");
		return;
	}
	localtime_r(&t, &tm);
	strftime(buf, size, "%Y-%m-%d %H:%M", &tm);
}

static int on_event(const struct event_row *e, void *arg)
{
	struct order_view *v = arg;
	char at[32];

	char who[160];

	time_text(e->at, at, sizeof at);
	/* An automatic action names whose board or command ran it beside its actor. */
	if (e->run_by[0])
		snprintf(who, sizeof who, "%s (%s)", e->actor, e->run_by);
	else
		snprintf(who, sizeof who, "%s", e->actor);
	add(v, ROLE_UI_NORMAL, NULL, "  %s  %-10s %-10s %s%s%s%s%s%s", at, who, e->what, e->from,
	    *e->to ? " -> " : "", e->to, *e->why ? "  (" : "", e->why, *e->why ? ")" : "");
	return 0;
}

static int on_exception(const struct exception_rec *e, void *arg)
{
	struct order_view *v = arg;
	char at[32], res[32];

	time_text(e->opened_at, at, sizeof at);
	if (e->open) {
		add(v, ROLE_UI_CARD_LATE, NULL, "  #%lld %s  %s  %s %s  %s", e->id, exkind_name(e->kind),
		    _("open"), at, e->opened_by, e->description);
	} else {
		time_text(e->resolved_at, res, sizeof res);
		add(v, ROLE_UI_DIM, NULL, "  #%lld %s  %s %s %s  %s %s (%s)", e->id, exkind_name(e->kind),
		    at, e->opened_by, e->description, _("resolved"), res,
		    e->cause >= 0 ? cause_name((enum cause)e->cause) : "");
	}
	return 0;
}

static int on_lock(const struct lock_row *l, void *arg)
{
	struct order_view *v = arg;
	char at[32];

	time_text(l->locked_at, at, sizeof at);
	add(v, strcmp(l->state, "active") == 0 ? ROLE_UI_NORMAL : ROLE_UI_DIM, NULL,
	    "  %-16s %-6s %5ld  %-8s %s %s", l->sku, l->warehouse, l->qty, l->state, at, l->locked_by);
	return 0;
}

static enum status order_load(struct tui *t, struct order_view *v)
{
	struct desk *d = t->desk;
	struct order *o = &v->o;
	struct order_line *ol;
	char a[32], b[32], span[32];
	int nl = 0;
	enum status st;

	if ((st = desk_order_get(d, v->order_no, o)) != ST_OK)
		return st;
	v->n = 0;
	struct health_input hi = { o->stage, o->stage_at, o->due_at, o->open_exc,
	                           o->prev_on_time, o->received_at };
	enum health h = health_of(&hi, desk_now(d));
	/* Red with open exceptions: their kinds say why, as on the card. */
	add(v, tui_theme_health(h), _("order"), "%s  %s %s  %s", o->order_no,
	    health_glyph(h, t->utf8), h == HEALTH_RED && o->open_exc ? o->exc_kinds : _(health_word(h)),
	    stage_name(o->stage));
	add(v, ROLE_UI_NORMAL, _("channel"), "%s %s%s%s", o->channel, o->channel_ref,
	    *o->display_ref ? "  " : "", o->display_ref);
	add(v, ROLE_UI_NORMAL, _("priority"), "%s %s (score %.1f)", priority_glyph(o->priority, t->utf8),
	    priority_name(o->priority), o->score);
	/* a contact the channel masked says so */
	char shown[sizeof o->address + 64];
	validate_contact_show(FIELD_CUSTOMER, o->customer, shown, sizeof shown);
	add(v, ROLE_UI_NORMAL, _("customer"), "%s (%s)", shown, tier_name(o->tier));
	validate_contact_show(FIELD_PHONE, o->phone, shown, sizeof shown);
	add(v, ROLE_UI_NORMAL, _("phone"), "%s", shown);
	if (*o->email)
		add(v, ROLE_UI_NORMAL, _("e-mail"), "%s", o->email);
	validate_contact_show(FIELD_ADDRESS, o->address, shown, sizeof shown);
	add(v, ROLE_UI_NORMAL, _("address"), "%s", shown);
	add(v, ROLE_UI_NORMAL, _("type"), "%s  %s", otype_name(o->type), o->flags);
	time_text(o->ordered_at, a, sizeof a);
	time_text(o->received_at, b, sizeof b);
	add(v, ROLE_UI_NORMAL, _("ordered"), "%s   %s %s", a, _("received"), b);
	time_text(o->due_at, a, sizeof a);
	span[0] = '\0';
	if (o->due_at) {
		long long left = (long long)o->due_at - desk_now(d);
		char s[32];
		span_format(left < 0 ? -left : left, "", s, sizeof s);
		snprintf(span, sizeof span, left < 0 ? _("%s over") : _("%s left"), s);
	}
	add(v, tui_theme_health(h), _("stage due"), "%s %s", a, span);
	time_text(o->promise_at, a, sizeof a);
	add(v, ROLE_UI_NORMAL, _("promised"), "%s", a);
	if (*o->carrier || *o->tracking)
		add(v, ROLE_UI_NORMAL, _("shipping"), "%s %s", o->carrier, o->tracking);
	if (*o->note)
		add(v, ROLE_UI_NORMAL, _("note"), "%s", o->note);
	add(v, ROLE_UI_NORMAL, _("total"), "%lld.%02lld %s", o->total_cents / 100,
	    (o->total_cents < 0 ? -o->total_cents : o->total_cents) % 100, o->currency);

	if (!(ol = malloc(ORDER_MAX_ITEMS * sizeof *ol)))
		tui_fatal("out of memory");
	st = desk_order_lines(d, o->id, ol, ORDER_MAX_ITEMS, &nl);
	add(v, ROLE_UI_TITLE, NULL, "%s (%d)", _("Lines"), o->lines);
	for (int i = 0; st == ST_OK && i < nl; i++) {
		/* The SKU whole (spaces and wide characters too), padded by its columns. */
		const char *sku = *ol[i].sku ? ol[i].sku : "-";
		int pad = 16 - text_width(sku);
		add(v, *ol[i].sku ? ROLE_UI_NORMAL : ROLE_UI_CARD_LATE, NULL,
		    "  %2d  %s%*s %5ld  %8lld.%02lld  %s", ol[i].line_no, sku, pad > 0 ? pad : 0, "",
		    ol[i].qty, ol[i].unit_price_cents / 100, ol[i].unit_price_cents % 100, ol[i].name);
	}
	free(ol);
	add(v, ROLE_UI_TITLE, NULL, "%s", _("Stock locks"));
	int before = v->n;
	if (st == ST_OK)
		st = desk_order_locks(d, o->id, on_lock, v);
	if (v->n == before)
		add(v, ROLE_UI_DIM, NULL, "  %s", _("none"));
	add(v, ROLE_UI_TITLE, NULL, "%s", _("Exceptions"));
	before = v->n;
	if (st == ST_OK)
		st = desk_order_exceptions(d, o->id, on_exception, v);
	if (v->n == before)
		add(v, ROLE_UI_DIM, NULL, "  %s", _("none"));
	add(v, ROLE_UI_TITLE, NULL, "%s", _("History"));
	if (st == ST_OK)
		st = desk_order_history(d, o->id, on_event, v);
	return st;
}

static enum status order_open(struct tui *t, void **state, const char *arg)
{
	struct order_view *v = *state;

	if (!v) {
		if (!(v = calloc(1, sizeof *v)))
			tui_fatal("out of memory");
		*state = v;
	}
	if (arg && strcmp(arg, v->order_no) != 0) {
		text_copy(v->order_no, arg, sizeof v->order_no);
		v->scroll = 0;
	}
	return order_load(t, v);
}

static void order_reload(struct tui *t, void *state)
{
	struct order_view *v = state;
	enum status st;

	if (v->order_no[0] && (st = order_load(t, v)) != ST_OK)
		tui_status_desk(t, st);
}

/* Lines wider than the screen wrap (the shortage of an exception, a long
 * history note), continuing under their own text. */
static int line_x(const struct oline *l)
{
	return l->label[0] ? 14 : 1;
}

static int line_indent(const struct oline *l)
{
	int n = 0;

	while (l->text[n] == ' ')
		n++;
	return n + 2;
}

/* Draws line l from row y (when draw), at most max rows; returns the rows it takes. */
static int draw_line(struct tui *t, const struct oline *l, int y, int max, int draw)
{
	char clean[800], part[800];
	const char *p = clean;
	int x = line_x(l), width = t->cols - x - 1, rows = 0;

	text_clean(l->text, clean, sizeof clean);
	if (draw && l->label[0])
		tui_put(t, y, 1, 12, ROLE_UI_LABEL, l->label);
	do {
		int indent = rows ? line_indent(l) : 0;
		if (width - indent < 8)
			indent = 0;
		text_wrap(p, width - indent, part, sizeof part, &p);
		if (draw && rows < max)
			tui_put(t, y + rows, x + indent, width - indent, l->role, part);
		rows++;
	} while (*p);
	return rows;
}

static void order_draw(struct tui *t, void *state, int top, int height)
{
	struct order_view *v = state;
	int last = v->n, rows = 0;

	/* the furthest scroll that still fills the screen */
	while (last > 0 && rows + draw_line(t, &v->lines[last - 1], 0, 0, 0) <= height)
		rows += draw_line(t, &v->lines[--last], 0, 0, 0);
	if (v->scroll > last)
		v->scroll = last;
	if (v->scroll < 0)
		v->scroll = 0;
	int y = top, i = v->scroll;
	for (; i < v->n && y < top + height; i++)
		y += draw_line(t, &v->lines[i], y, top + height - y, 1);
	if (v->scroll > 0)
		tui_put(t, top, t->cols - 1, 1, ROLE_UI_MARK, tui_glyph(t->utf8, GLYPH_MORE_U));
	if (i < v->n || y > top + height)
		tui_put(t, top + height - 1, t->cols - 1, 1, ROLE_UI_MARK, tui_glyph(t->utf8, GLYPH_MORE_D));
}

static int order_key(struct tui *t, void *state, enum tui_action a, int ch)
{
	struct order_view *v = state;
	int page = t->rows - 4;

	(void)ch;
	switch (a) {
	case ACT_UP:
		v->scroll--;
		break;
	case ACT_DOWN:
		v->scroll++;
		break;
	case ACT_PGUP:
		v->scroll -= page;
		break;
	case ACT_PGDN:
		v->scroll += page;
		break;
	case ACT_HOME:
		v->scroll = 0;
		break;
	case ACT_END:
		v->scroll = v->n;
		break;
	default:
		return TUI_IGNORED;
	}
	/* the upper bound depends on how lines wrap: order_draw keeps it */
	if (v->scroll > v->n)
		v->scroll = v->n;
	if (v->scroll < 0)
		v->scroll = 0;
	return TUI_HANDLED;
}

static const char *order_focused(struct tui *t, void *state)
{
	struct order_view *v = state;

	(void)t;
	return v->order_no[0] ? v->order_no : NULL;
}

static int order_focused_stage(struct tui *t, void *state)
{
	struct order_view *v = state;

	(void)t;
	return v->order_no[0] ? (int)v->o.stage : -1;
}

static void order_close(struct tui *t, void *state)
{
	(void)t;
	free(state);
}

const struct tui_view tui_view_order = {
	.name = N_("order"),
	.digit = 0,
	.mask = TV_ORDER,
	.open = order_open,
	.draw = order_draw,
	.key = order_key,
	.reload = order_reload,
	.close = order_close,
	.focused = order_focused,
	.focused_stage = order_focused_stage,
};
