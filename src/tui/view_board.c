/*
 * The board: seven stage columns of cards, in board order (priority class,
 * score, due time).  Only the visible page of each visible column is read;
 * moving past it reads the next page.  Search jumps between matches; the
 * filter is the frame's (t->filter), shown on the status line.
 */
#include <curses.h>

#include "ordesk/tui.h"
#include "ordesk/i18n.h"
#include "ordesk/text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CARD_H 3
#define COL_MIN_W 20
#define BOARD_MAX_CARDS 96
#define BOARD_MAX_HITS 200

struct column {
	int offset;                   /* position of the first card shown */
	int focus;                    /* position of the card in focus */
	long long focus_id;           /* and its order, to follow it across reloads */
	int loaded_offset, loaded_limit;
	struct board_card cards[BOARD_MAX_CARDS];
	int n;
};

struct board {
	int col;                      /* the column in focus */
	int left;                     /* the first column shown */
	struct column c[STAGE_BOARD_COUNT];
	char query[128];
	struct board_hit hits[BOARD_MAX_HITS];
	int nhits, ihit;
	char follow[64];              /* the order an action of ours ran on: focus follows it */
	char offboard[40];            /* the match in focus is cancelled: Enter opens it */
	int missed;                   /* the last search found nothing: Enter opens nothing */
};

/* ---- layout ---- */

static int per_column(const struct tui *t)
{
	int n = (t->rows - 3 - 1) / CARD_H;
	if (n < 1)
		n = 1;
	return n > BOARD_MAX_CARDS ? BOARD_MAX_CARDS : n;
}

/* Columns shown, their width and the first x (room for the sideways marks when needed). */
static int columns_shown(const struct tui *t, int *width, int *x0)
{
	int n = (t->cols + 1) / (COL_MIN_W + 1);

	if (n >= STAGE_BOARD_COUNT) {
		n = STAGE_BOARD_COUNT;
		*x0 = 0;
		*width = (t->cols - (n - 1)) / n;
		return n;
	}
	n = (t->cols - 2 + 1) / (COL_MIN_W + 1);
	if (n < 1)
		n = 1;
	*x0 = 1;
	*width = (t->cols - 2 - (n - 1)) / n;
	return n;
}

static void keep_left(const struct tui *t, struct board *b)
{
	int w, x0, n = columns_shown(t, &w, &x0);

	if (b->col < b->left)
		b->left = b->col;
	if (b->col >= b->left + n)
		b->left = b->col - n + 1;
	if (b->left > STAGE_BOARD_COUNT - n)
		b->left = STAGE_BOARD_COUNT - n;
	if (b->left < 0)
		b->left = 0;
}

/* Keeps focus and offset inside the column and the focus on screen. */
static void fix_column(const struct tui *t, struct board *b, int s)
{
	struct column *c = &b->c[s];
	int count = t->header.count[s], nv = per_column(t);

	if (c->focus >= count)
		c->focus = count - 1;
	if (c->focus < 0)
		c->focus = 0;
	if (c->offset > c->focus)
		c->offset = c->focus;
	if (c->focus >= c->offset + nv)
		c->offset = c->focus - nv + 1;
	if (c->offset > count - nv)
		c->offset = count - nv;
	if (c->offset < 0)
		c->offset = 0;
}

static void load_column(struct tui *t, struct board *b, int s, int force)
{
	struct column *c = &b->c[s];
	int nv = per_column(t);
	enum status st;

	fix_column(t, b, s);
	if (!force && c->loaded_offset == c->offset && c->loaded_limit == nv)
		return;
	st = desk_board_page(t->desk, &t->filter, (enum stage)s, c->offset, nv, c->cards, &c->n);
	if (st != ST_OK) {
		tui_status_desk(t, st);
		c->n = 0;
		c->loaded_limit = -1;
		return;
	}
	c->loaded_offset = c->offset;
	c->loaded_limit = nv;
	/* Follow the order in focus when others moved cards around it. */
	if (c->focus_id) {
		for (int i = 0; i < c->n; i++) {
			if (c->cards[i].id == c->focus_id) {
				c->focus = c->offset + i;
				break;
			}
		}
	}
	int i = c->focus - c->offset;
	c->focus_id = (i >= 0 && i < c->n) ? c->cards[i].id : 0;
}

static void load_shown(struct tui *t, struct board *b, int force)
{
	int w, x0, n = columns_shown(t, &w, &x0);

	keep_left(t, b);
	for (int s = b->left; s < b->left + n && s < STAGE_BOARD_COUNT; s++)
		load_column(t, b, s, force);
}

/* ---- drawing ---- */

static void span_text(long long secs, char *buf, size_t size)
{
	span_format(secs, "+", buf, size);
}

/* The first open exception kind's label, for a red card. */
static const char *exception_word(const struct board_card *c)
{
	char first[32];
	size_t n = strcspn(c->exc_kinds, ";");

	if (n == 0 || n >= sizeof first)
		return NULL;
	memcpy(first, c->exc_kinds, n);
	first[n] = '\0';
	int k = exkind_parse(first);
	return k < 0 ? NULL : _(exkind_label((enum exkind)k));
}

static void draw_card(struct tui *t, const struct board_card *c, int y, int x, int w, int selected)
{
	enum health h = desk_card_health(t->desk, c);
	enum tui_role role = selected ? ROLE_UI_SELECTION : tui_theme_health(h);
	const char *hg = health_glyph(h, t->utf8);
	char line[512], items[64], cust[256], clean[512], span[32];
	int iw;

	for (int i = 0; i < CARD_H; i++)
		tui_fill(t, y + i, x, w, role);
	/* 1: priority glyph, order number, health glyph at the right */
	snprintf(line, sizeof line, "%s%s", priority_glyph(c->priority, t->utf8), c->order_no);
	tui_put(t, y, x, w - 2, role, line);
	tui_put(t, y, x + w - 1, 1, role, hg);
	/* 2: customer cut by display width, item count */
	snprintf(items, sizeof items, ngettext(" %s %d item", " %s %d items", (unsigned long)c->items),
	         tui_glyph(t->utf8, GLYPH_DOT), c->items);
	iw = text_width(items);
	text_clean(c->customer, clean, sizeof clean);
	tui_fit(t, clean, w - 1 - iw > 0 ? w - 1 - iw : 0, cust, sizeof cust);
	/* The focus is marked by a glyph too, so a dump or a monochrome screen shows it. */
	snprintf(line, sizeof line, "%s%s%s", selected ? tui_glyph(t->utf8, GLYPH_FOCUS) : " ", cust,
	         items);
	tui_put(t, y + 1, x, w, role, line);
	/* 3: health glyph and word (the exception when red), time left or over */
	const char *word = h == HEALTH_RED && c->open_exc > 0 ? exception_word(c) : NULL;
	if (!word)
		word = _(health_word(h));
	span[0] = '\0';
	if (c->due_at && c->stage != STAGE_DONE)
		span_text((long long)c->due_at - t->now, span, sizeof span);
	snprintf(line, sizeof line, "%s%s %s%s%s", selected ? tui_glyph(t->utf8, GLYPH_FOCUS) : " ", hg,
	         span, span[0] ? " " : "", word);
	tui_put(t, y + 2, x, w, role, line);
}

static void board_draw(struct tui *t, void *state, int top, int height)
{
	struct board *b = state;
	int w, x0, n = columns_shown(t, &w, &x0);
	const char *vline = tui_glyph(t->utf8, GLYPH_VLINE);

	for (int i = 0; i < n; i++) {
		int s = b->left + i;
		if (s >= STAGE_BOARD_COUNT)
			break;
		struct column *c = &b->c[s];
		int x = x0 + i * (w + 1);
		int count = t->header.count[s], red = t->header.red_in[s];
		char title[96], more[16];
		enum tui_role tr = s == b->col ? ROLE_UI_TITLE_FOCUS : ROLE_UI_TITLE;

		if (red > 0)
			snprintf(title, sizeof title, " %s %d %s%d", _(stage_title((enum stage)s)), count,
			         health_glyph(HEALTH_RED, t->utf8), red);
		else
			snprintf(title, sizeof title, " %s %d", _(stage_title((enum stage)s)), count);
		tui_put_pad(t, top, x, w, tr, title);
		more[0] = '\0';
		if (c->offset > 0)
			strcat(more, tui_glyph(t->utf8, GLYPH_MORE_U));
		if (c->offset + c->n < count)
			strcat(more, tui_glyph(t->utf8, GLYPH_MORE_D));
		if (more[0]) {
			int mw = text_width(more);
			tui_put(t, top, x + w - mw, mw, ROLE_UI_MARK, more);
		}
		if (count == 0)
			tui_put(t, top + 1, x + 1, w - 1, ROLE_UI_DIM,
			        board_filter_active(&t->filter) ? _("(none match)") : _("(none)"));
		for (int j = 0; j < c->n && 1 + (j + 1) * CARD_H <= height; j++)
			draw_card(t, &c->cards[j], top + 1 + j * CARD_H, x, w,
			          s == b->col && c->offset + j == c->focus);
		if (i < n - 1) {
			attrset(tui_theme_attr(ROLE_UI_RULE));
			for (int y = top; y < top + height; y++)
				mvaddstr(y, x + w, vline);
			attrset(A_NORMAL);
		}
	}
	/* What is off to the sides. */
	if (b->left > 0)
		tui_put(t, top, 0, 1, ROLE_UI_MARK, tui_glyph(t->utf8, GLYPH_MORE_L));
	if (b->left + n < STAGE_BOARD_COUNT)
		tui_put(t, top, t->cols - 1, 1, ROLE_UI_MARK, tui_glyph(t->utf8, GLYPH_MORE_R));
}

/* ---- search and filter ---- */

static void jump_to_hit(struct tui *t, struct board *b)
{
	const struct board_hit *h = &b->hits[b->ihit];
	const char *more = b->nhits == BOARD_MAX_HITS ? "+" : "";
	int pos;
	enum status st;

	b->offboard[0] = '\0';
	if ((int)h->stage >= STAGE_BOARD_COUNT) {
		/* Cancelled: off the board, so no card takes the focus; Enter opens it. */
		text_copy(b->offboard, h->order_no, sizeof b->offboard);
		tui_status(t, _("match %d of %d%s for %s: %s is %s (off the board); Enter opens it"),
		           b->ihit + 1, b->nhits, more, b->query, h->order_no, stage_name(h->stage));
		return;
	}
	if ((st = desk_board_locate(t->desk, &t->filter, h, &pos)) != ST_OK) {
		tui_status_desk(t, st);
		return;
	}
	b->col = (int)h->stage;
	b->c[b->col].focus = pos;
	b->c[b->col].focus_id = h->id;
	b->c[b->col].loaded_limit = -1;
	load_shown(t, b, 0);
	if (h->stage == STAGE_DONE)
		tui_status(t, _("match %d of %d%s for %s: %s is done"), b->ihit + 1, b->nhits, more,
		           b->query, h->order_no);
	else
		tui_status(t, _("match %d of %d%s for %s"), b->ihit + 1, b->nhits, more, b->query);
}

static void board_search(struct tui *t, struct board *b)
{
	char q[128];
	enum status st;

	if (!tui_prompt(t, _("search (order, channel id, customer, phone, SKU):"),
	                NULL, q, sizeof q))
		return;
	text_copy(b->query, q, sizeof b->query);
	b->nhits = b->ihit = 0;
	b->missed = 0;
	b->offboard[0] = '\0';
	if (!q[0])
		return;
	st = desk_board_search(t->desk, &t->filter, q, b->hits, BOARD_MAX_HITS, &b->nhits);
	if (st != ST_OK) {
		tui_status_desk(t, st);
		return;
	}
	if (b->nhits == 0) {
		/* The card in focus is not the one asked for: Enter must not open it. */
		b->missed = 1;
		tui_error(t, board_filter_active(&t->filter) ? _("no match for %s under the filter")
		                                            : _("no match for %s"), q);
		return;
	}
	jump_to_hit(t, b);
}

static void board_filter(struct tui *t, struct board *b)
{
	const char *what[] = { _("channel"), _("priority"), _("health"), _("mine"), _("clear") };
	char buf[32];
	int i;

	i = tui_choose(t, _("filter by:"), what, 5);
	switch (i) {
	case 0:
		if (!tui_prompt(t, _("channel code (empty for any):"), t->filter.channel, buf, sizeof buf))
			return;
		for (char *p = buf; *p; p++)
			if (*p >= 'a' && *p <= 'z')
				*p = (char)(*p - 'a' + 'A');
		text_copy(t->filter.channel, buf, sizeof t->filter.channel);
		break;
	case 1: {
		const char *names[PRIO_COUNT + 1];
		for (int p = 0; p < PRIO_COUNT; p++)
			names[p] = priority_name((enum priority)p);
		names[PRIO_COUNT] = _("any");
		int p = tui_choose(t, _("priority:"), names, PRIO_COUNT + 1);
		if (p < 0)
			return;
		t->filter.priority = p == PRIO_COUNT ? -1 : p;
		break;
	}
	case 2: {
		const char *names[HEALTH_COUNT + 1];
		for (int h = 0; h < HEALTH_COUNT; h++)
			names[h] = health_name((enum health)h);
		names[HEALTH_COUNT] = _("any");
		int h = tui_choose(t, _("health:"), names, HEALTH_COUNT + 1);
		if (h < 0)
			return;
		t->filter.health = h == HEALTH_COUNT ? -1 : h;
		break;
	}
	case 3:
		desk_board_mine(t->desk, &t->filter, !t->filter.mine[0]);
		break;
	case 4:
		board_filter_none(&t->filter);
		break;
	default:
		return;
	}
	b->nhits = 0;
	for (int s = 0; s < STAGE_BOARD_COUNT; s++)
		b->c[s].loaded_limit = -1;
	tui_changed(t);
}

/* ---- the view ---- */

static enum status board_open(struct tui *t, void **state, const char *arg)
{
	struct board *b = *state;

	(void)arg;
	if (!b) {
		if (!(b = calloc(1, sizeof *b)))
			tui_fatal("out of memory");
		for (int s = 0; s < STAGE_BOARD_COUNT; s++)
			b->c[s].loaded_limit = -1;
		*state = b;
	}
	load_shown(t, b, 1);
	return ST_OK;
}

/* After an action on the card in focus: when the order moved, the focus goes
 * with it to its new column, so a second key never acts on the card that
 * slid into its place.  When it left the board (cancelled, or outside the
 * filter) the focus stays where it was. */
static void follow_moved(struct tui *t, struct board *b)
{
	struct column *c = &b->c[b->col];
	struct board_hit h;
	int pos;

	if (desk_board_find(t->desk, &t->filter, b->follow, &h, &pos) != ST_OK || pos < 0 ||
	    (int)h.stage == b->col)
		return;
	b->follow[0] = '\0';
	b->col = (int)h.stage;
	c = &b->c[b->col];
	c->focus = pos;
	c->focus_id = h.id;
	c->loaded_limit = -1;
}

static void board_reload(struct tui *t, void *state)
{
	struct board *b = state;

	/* (reloads come during the action's prompts too: the follow lasts until the next key) */
	if (b->follow[0])
		follow_moved(t, b);
	load_shown(t, b, 1);
}

static void move_focus(struct tui *t, struct board *b, int delta, int page)
{
	struct column *c = &b->c[b->col];
	int count = t->header.count[b->col];

	c->focus += delta;
	if (page) {
		c->offset += delta;
		if (c->offset > count - per_column(t))
			c->offset = count - per_column(t);
		if (c->offset < 0)
			c->offset = 0;
	}
	fix_column(t, b, b->col);
	c->focus_id = 0;
	load_column(t, b, b->col, 0);
	int i = c->focus - c->offset;
	c->focus_id = (i >= 0 && i < c->n) ? c->cards[i].id : 0;
}

static const char *board_focused(struct tui *t, void *state);

static int board_key(struct tui *t, void *state, enum tui_action a, int ch)
{
	struct board *b = state;
	struct column *c = &b->c[b->col];
	int nv = per_column(t);

	(void)ch;
	b->follow[0] = '\0';
	/* After a search, Enter opens what it found, or nothing when it found nothing. */
	if (a == ACT_OPEN && b->missed) {
		tui_error(t, _("no match for %s: nothing to open"), b->query);
		return TUI_HANDLED;
	}
	if (a == ACT_OPEN && b->offboard[0]) {
		char order_no[40];
		text_copy(order_no, b->offboard, sizeof order_no);
		tui_show(t, &tui_view_order, order_no);
		return TUI_HANDLED;
	}
	if (a != ACT_SEARCH && a != ACT_NEXT_MATCH && a != ACT_PREV_MATCH && a != ACT_NONE) {
		b->missed = 0;
		b->offboard[0] = '\0';
	}
	switch (a) {
	case ACT_UP:
		move_focus(t, b, -1, 0);
		return TUI_HANDLED;
	case ACT_DOWN:
		move_focus(t, b, 1, 0);
		return TUI_HANDLED;
	case ACT_PGUP:
		move_focus(t, b, -nv, 1);
		return TUI_HANDLED;
	case ACT_PGDN:
		move_focus(t, b, nv, 1);
		return TUI_HANDLED;
	case ACT_HOME:
		move_focus(t, b, -c->focus, 0);
		return TUI_HANDLED;
	case ACT_END:
		move_focus(t, b, t->header.count[b->col] - 1 - c->focus, 0);
		return TUI_HANDLED;
	case ACT_LEFT:
	case ACT_RIGHT:
		b->col += a == ACT_LEFT ? -1 : 1;
		if (b->col < 0)
			b->col = 0;
		if (b->col >= STAGE_BOARD_COUNT)
			b->col = STAGE_BOARD_COUNT - 1;
		load_shown(t, b, 0);
		return TUI_HANDLED;
	case ACT_OPEN: {
		const char *no = tui_view_board.focused(t, b);
		if (!no) {
			tui_error(t, "%s", _("no order in focus"));
			return TUI_HANDLED;
		}
		char order_no[64];
		text_copy(order_no, no, sizeof order_no);
		tui_show(t, &tui_view_order, order_no);
		return TUI_HANDLED;
	}
	case ACT_SEARCH:
		board_search(t, b);
		return TUI_HANDLED;
	case ACT_NEXT_MATCH:
	case ACT_PREV_MATCH:
		if (b->nhits == 0) {
			tui_error(t, "%s", _("no search yet: press / to search"));
			return TUI_HANDLED;
		}
		b->ihit = (b->ihit + (a == ACT_NEXT_MATCH ? 1 : b->nhits - 1)) % b->nhits;
		jump_to_hit(t, b);
		return TUI_HANDLED;
	case ACT_FILTER:
		board_filter(t, b);
		return TUI_HANDLED;
	case ACT_UNFILTER:
		board_filter_none(&t->filter);
		for (int s = 0; s < STAGE_BOARD_COUNT; s++)
			b->c[s].loaded_limit = -1;
		tui_changed(t);
		return TUI_HANDLED;
	default:
		/* An order action: the frame runs it; the reload after it follows the order. */
		if (tui_key_of(a) && tui_key_of(a)->order_fn) {
			const char *no = board_focused(t, b);
			text_copy(b->follow, no ? no : "", sizeof b->follow);
		}
		return TUI_IGNORED;
	}
}

static const char *board_focused(struct tui *t, void *state)
{
	struct board *b = state;
	struct column *c = &b->c[b->col];
	int i = c->focus - c->offset;

	(void)t;
	return (i >= 0 && i < c->n) ? c->cards[i].order_no : NULL;
}

static int board_focused_stage(struct tui *t, void *state)
{
	struct board *b = state;
	struct column *c = &b->c[b->col];
	int i = c->focus - c->offset;

	(void)t;
	return (i >= 0 && i < c->n) ? (int)c->cards[i].stage : -1;
}

static void board_close(struct tui *t, void *state)
{
	(void)t;
	free(state);
}

const struct tui_view tui_view_board = {
	.name = N_("board"),
	.digit = '1',
	.mask = TV_BOARD,
	.open = board_open,
	.draw = board_draw,
	.key = board_key,
	.reload = board_reload,
	.close = board_close,
	.focused = board_focused,
	.focused_stage = board_focused_stage,
};
