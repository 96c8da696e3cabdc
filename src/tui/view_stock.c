/*
 * The stock view (`3`): one line per SKU and warehouse with on hand, locked,
 * available, safety stock, the units orders wait for and the suggested
 * reorder; low rows are marked by a word and a glyph, not colour alone.
 * `s` sorts, `f` cycles all / low / short, `/` searches SKU and name, `R`
 * receives, `a` adjusts, `S` sets the safety stock.  Enter shows the orders
 * holding or waiting for the SKU in focus (one key away); there Enter opens
 * an order, L and U lock and release it, and `q` comes back to the SKUs.
 */
#include <curses.h>

#include "ordesk/tui.h"
#include "ordesk/desk_stock.h"
#include "ordesk/i18n.h"
#include "ordesk/text.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define STOCK_MAX_ROWS 20000
#define HOLDER_MAX_ROWS 2000

enum stock_sort { SORT_SKU, SORT_AVAILABLE, SORT_WAITING, SORT_REORDER, SORT_COUNT };
enum stock_show { SHOW_ALL, SHOW_LOW, SHOW_SHORT, SHOW_COUNT };

struct stock_view {
	struct stock_row *rows;
	int n, more;
	int focus, top;
	char focus_key[96];          /* SKU@WH followed across reloads */
	enum stock_sort sort;
	enum stock_show show;
	char search[64];
	/* The orders behind one SKU. */
	int left;                    /* the first scrolled column shown (Left, Right) */
	int holders;
	char h_sku[72];
	struct stock_holder *h;
	int hn, hmore, hfocus, htop;
};

static const char *sort_name(enum stock_sort s)
{
	static const char *const names[] = { N_("SKU"), N_("available"), N_("waiting"), N_("reorder") };
	return _(names[s]);
}

static const char *show_name(enum stock_show s)
{
	static const char *const names[] = { N_("all"), N_("low"), N_("short") };
	return _(names[s]);
}

static void row_key(const struct stock_row *r, char *buf, size_t size)
{
	snprintf(buf, size, "%s@%s", r->sku, r->warehouse);
}

static int collect(const struct stock_row *r, void *arg)
{
	struct stock_view *v = arg;

	if (v->n == STOCK_MAX_ROWS) {
		v->more = 1;
		return 1;
	}
	v->rows[v->n++] = *r;
	return 0;
}

static int collect_holder(const struct stock_holder *h, void *arg)
{
	struct stock_view *v = arg;

	if (v->hn == HOLDER_MAX_ROWS) {
		v->hmore = 1;
		return 1;
	}
	v->h[v->hn++] = *h;
	return 0;
}

static enum stock_sort sort_by;

static int cmp_rows(const void *a, const void *b)
{
	const struct stock_row *x = a, *y = b;
	long kx = 0, ky = 0;

	switch (sort_by) {
	case SORT_AVAILABLE: kx = x->available; ky = y->available; break;        /* fewest first */
	case SORT_WAITING: kx = -x->waiting; ky = -y->waiting; break;            /* most first */
	case SORT_REORDER: kx = -desk_stock_reorder(x); ky = -desk_stock_reorder(y); break;
	default: break;
	}
	if (kx != ky)
		return kx < ky ? -1 : 1;
	int c = strcmp(x->sku, y->sku);
	return c ? c : strcmp(x->warehouse, y->warehouse);
}

static enum status holders_load(struct tui *t, struct stock_view *v)
{
	v->hn = 0;
	v->hmore = 0;
	enum status st = desk_stock_holders(t->desk, v->h_sku, collect_holder, v);
	tui_list_clamp(&v->hfocus, v->hn);
	return st;
}

static enum status stock_load(struct tui *t, struct stock_view *v)
{
	struct stock_filter f = { .low = v->show == SHOW_LOW, .waiting = v->show == SHOW_SHORT,
	                          .search = v->search[0] ? v->search : NULL, .sku = NULL };
	char key[96];
	enum status st;

	v->n = 0;
	v->more = 0;
	if ((st = desk_stock_each(t->desk, &f, collect, v)) != ST_OK)
		return st;
	sort_by = v->sort;
	qsort(v->rows, (size_t)v->n, sizeof v->rows[0], cmp_rows);
	for (int i = 0; i < v->n; i++) {
		row_key(&v->rows[i], key, sizeof key);
		if (strcmp(key, v->focus_key) == 0)
			v->focus = i;
	}
	tui_list_clamp(&v->focus, v->n);
	if (v->n)
		row_key(&v->rows[v->focus], v->focus_key, sizeof v->focus_key);
	if (v->holders)
		return holders_load(t, v);
	return ST_OK;
}

static enum status stock_open(struct tui *t, void **state, const char *arg)
{
	struct stock_view *v = *state;

	if (!v) {
		if (!(v = calloc(1, sizeof *v)) || !(v->rows = malloc(STOCK_MAX_ROWS * sizeof *v->rows)) ||
		    !(v->h = malloc(HOLDER_MAX_ROWS * sizeof *v->h)))
			tui_fatal("out of memory");
		*state = v;
	}
	if (arg && *arg) {          /* opened on a SKU: its orders */
		text_copy(v->h_sku, arg, sizeof v->h_sku);
		v->holders = 1;
	}
	return stock_load(t, v);
}

static void stock_reload(struct tui *t, void *state)
{
	enum status st = stock_load(t, state);

	if (st != ST_OK)
		tui_status_desk(t, st);
}

static void draw_holders(struct tui *t, struct stock_view *v, int top, int height)
{
	char head[256], line[256];
	int body = height - 2;

	snprintf(head, sizeof head, _("orders holding or waiting for %s: %d%s   (Enter opens, L locks, U releases, q back)"),
	         v->h_sku, v->hn, v->hmore ? "+" : "");
	tui_put_pad(t, top, 0, t->cols, ROLE_UI_TITLE, head);
	snprintf(line, sizeof line, "  %-22s %-9s %-9s %6s  %s", _("order"), _("stage"), _("warehouse"),
	         _("qty"), _("state"));
	tui_put_pad(t, top + 1, 0, t->cols, ROLE_UI_LABEL, line);
	if (v->hn == 0) {
		tui_put(t, top + 3, 2, t->cols - 4, ROLE_UI_DIM, _("no order holds or waits for it"));
		return;
	}
	if (body < 1)
		return;
	tui_list_follow(&v->htop, v->hfocus, body);
	for (int i = 0; i < body && v->htop + i < v->hn; i++) {
		const struct stock_holder *h = &v->h[v->htop + i];
		int sel = v->htop + i == v->hfocus;
		enum tui_role role = sel ? ROLE_UI_SELECTION : h->waiting ? ROLE_UI_CARD_LATE : ROLE_UI_NORMAL;
		snprintf(line, sizeof line, "%s %-22s %-9s %-9s %6ld  %s",
		         sel ? tui_glyph(t->utf8, GLYPH_FOCUS) : " ", h->order_no, h->stage, h->warehouse,
		         h->qty, h->waiting ? _("waiting (stock_short)") : _("locked"));
		tui_put_pad(t, top + 2 + i, 0, t->cols, role, line);
	}
}

/*
 * The columns after the SKU, which stays: when they do not all fit, Left
 * and Right scroll them a column at a time, with marks for what is off
 * the screen.
 */
enum stock_col { COL_NAME, COL_WH, COL_ON_HAND, COL_LOCKED, COL_AVAILABLE, COL_SAFETY, COL_WAITING,
                 COL_REORDER, COL_MARK, COL_COUNT };
static const struct {
	const char *title;
	int width;
	int number;           /* right-aligned */
} columns[COL_COUNT] = {
	{ N_("name"), 18, 0 },   { N_("warehouse"), 9, 0 }, { N_("on hand"), 8, 1 },
	{ N_("locked"), 7, 1 },  { N_("available"), 9, 1 }, { N_("safety"), 7, 1 },
	{ N_("waiting"), 7, 1 }, { N_("reorder"), 7, 1 },   { N_("mark"), 10, 0 },
};
#define SKU_W 16

static void cell(const struct stock_row *r, enum stock_col c, char *buf, size_t size)
{
	int is_low = desk_stock_is_low(r), is_short = r->waiting > r->available;

	switch (c) {
	case COL_NAME: text_copy(buf, r->name, size); break;
	case COL_WH: text_copy(buf, r->warehouse, size); break;
	case COL_ON_HAND: snprintf(buf, size, "%ld", r->on_hand); break;
	case COL_LOCKED: snprintf(buf, size, "%ld", r->locked); break;
	case COL_AVAILABLE: snprintf(buf, size, "%ld", r->available); break;
	case COL_SAFETY: snprintf(buf, size, "%ld", r->safety_stock); break;
	case COL_WAITING: snprintf(buf, size, "%ld", r->waiting); break;
	case COL_REORDER: snprintf(buf, size, "%ld", is_low || is_short ? desk_stock_reorder(r) : 0); break;
	case COL_MARK:
		snprintf(buf, size, "%s%s%s", is_low ? _("low") : "", is_low && is_short ? " " : "",
		         is_short ? _("short") : "");
		break;
	case COL_COUNT: buf[0] = '\0'; break;
	}
}

/* The scrolled columns from v->left that fit from x on; returns how many. */
static int columns_fit(struct tui *t, const struct stock_view *v, int x)
{
	int n = 0;

	for (int c = v->left; c < COL_COUNT && x + columns[c].width <= t->cols - 1; c++, n++)
		x += columns[c].width + 1;
	return n;
}

/* Draws one line of cells (a row, or the titles when r is NULL). */
static void draw_cells(struct tui *t, const struct stock_view *v, const struct stock_row *r, int y,
                       int x, int shown, enum tui_role role)
{
	for (int c = v->left; c < v->left + shown; c++) {
		char text[128];
		int w = columns[c].width;
		if (r)
			cell(r, (enum stock_col)c, text, sizeof text);
		else
			text_copy(text, _(columns[c].title), sizeof text);
		int tw = text_width(text);
		tui_put(t, y, columns[c].number && tw < w ? x + w - tw : x, w, role, text);
		x += w + 1;
	}
}

static void stock_draw(struct tui *t, void *state, int top, int height)
{
	struct stock_view *v = state;
	char head[256], sku[64];
	int body = height - 2, low = 0, x0 = 2 + SKU_W + 1;

	if (v->holders) {
		draw_holders(t, v, top, height);
		return;
	}
	for (int i = 0; i < v->n; i++)
		low += desk_stock_is_low(&v->rows[i]);
	snprintf(head, sizeof head, _("%d rows%s, %d low   show: %s   sort: %s%s%s"), v->n,
	         v->more ? "+" : "", low, show_name(v->show), sort_name(v->sort),
	         v->search[0] ? _("   search: ") : "", v->search);
	tui_put_pad(t, top, 0, t->cols, ROLE_UI_TITLE, head);
	if (v->left > COL_COUNT - 1)
		v->left = COL_COUNT - 1;
	int shown = columns_fit(t, v, x0);
	tui_fill(t, top + 1, 0, t->cols, ROLE_UI_LABEL);
	tui_put(t, top + 1, 2, SKU_W, ROLE_UI_LABEL, _("sku"));
	draw_cells(t, v, NULL, top + 1, x0, shown, ROLE_UI_LABEL);
	if (v->left > 0)
		tui_put(t, top + 1, x0 - 1, 1, ROLE_UI_MARK, tui_glyph(t->utf8, GLYPH_MORE_L));
	if (v->left + shown < COL_COUNT)
		tui_put(t, top + 1, t->cols - 1, 1, ROLE_UI_MARK, tui_glyph(t->utf8, GLYPH_MORE_R));
	if (v->n == 0) {
		tui_put(t, top + 3, 2, t->cols - 4, ROLE_UI_DIM,
		        v->show == SHOW_ALL && !v->search[0] ? _("no stock yet: R receives some")
		                                            : _("nothing matches; f or / to change"));
		return;
	}
	if (body < 1)
		return;
	tui_list_follow(&v->top, v->focus, body);
	for (int i = 0; i < body && v->top + i < v->n; i++) {
		const struct stock_row *r = &v->rows[v->top + i];
		int sel = v->top + i == v->focus, is_low = desk_stock_is_low(r);
		int is_short = r->waiting > r->available;
		enum tui_role role = sel ? ROLE_UI_SELECTION : is_low || is_short ? ROLE_UI_CARD_LATE
		                                                                   : ROLE_UI_NORMAL;
		int y = top + 2 + i;
		tui_fill(t, y, 0, t->cols, role);
		tui_put(t, y, 0, 2, role,
		        sel ? tui_glyph(t->utf8, GLYPH_FOCUS) : is_low || is_short ? "!" : " ");
		text_copy(sku, r->sku, sizeof sku);
		tui_put(t, y, 2, SKU_W, role, sku);
		draw_cells(t, v, r, y, x0, shown, role);
	}
	if (v->top + body < v->n)
		tui_put(t, top + height - 1, t->cols - 1, 1, ROLE_UI_MARK, tui_glyph(t->utf8, GLYPH_MORE_D));
}

static int parse_long(const char *text, long *out)
{
	char *end;

	errno = 0;
	*out = strtol(text, &end, 10);
	return errno || end == text || *end ? -1 : 0;
}

/* The SKU and warehouse a receipt or adjustment is about: the row in focus, else asked. */
static int target(struct tui *t, struct stock_view *v, char *sku, size_t ssize, char *wh,
                  size_t wsize)
{
	if (v->n) {
		text_copy(sku, v->rows[v->focus].sku, ssize);
		text_copy(wh, v->rows[v->focus].warehouse, wsize);
		return 1;
	}
	if (!tui_prompt(t, _("SKU:"), NULL, sku, ssize) || !*sku)
		return 0;
	text_copy(wh, STOCK_DEFAULT_WAREHOUSE, wsize);
	return 1;
}

static void after_write(struct tui *t, enum status st)
{
	tui_status_desk(t, st);
	if (st == ST_OK)
		tui_changed(t);
}

static void act_receive(struct tui *t, struct stock_view *v)
{
	char sku[72], wh[16], label[160], qty_text[32], clean[96];
	long qty;

	if (desk_require(t->desk, ROLE_CLERK, _("receive stock")) != ST_OK) {
		tui_status_desk(t, ST_DENIED);
		return;
	}
	if (!target(t, v, sku, sizeof sku, wh, sizeof wh)) {
		tui_status(t, "%s", _("cancelled; nothing changed"));
		return;
	}
	text_clean(sku, clean, sizeof clean);
	snprintf(label, sizeof label, _("receive how many %s at %s:"), clean, wh);
	if (!tui_prompt(t, label, NULL, qty_text, sizeof qty_text)) {
		tui_status(t, "%s", _("cancelled; nothing changed"));
		return;
	}
	if (parse_long(qty_text, &qty) != 0 || qty <= 0) {
		tui_error(t, _("%s is not a quantity (a whole number above 0)"), qty_text);
		return;
	}
	after_write(t, desk_stock_receive(t->desk, sku, qty, wh, NULL, NULL));
}

static void act_adjust(struct tui *t, struct stock_view *v)
{
	char sku[72], wh[16], label[160], delta_text[32], reason[256], clean[96];
	long delta;

	if (desk_require(t->desk, ROLE_SUPERVISOR, _("adjust stock")) != ST_OK) {
		tui_status_desk(t, ST_DENIED);
		return;
	}
	if (!v->n) {
		tui_error(t, "%s", _("no SKU in focus"));
		return;
	}
	target(t, v, sku, sizeof sku, wh, sizeof wh);
	text_clean(sku, clean, sizeof clean);
	snprintf(label, sizeof label, _("change on hand of %s at %s by (like +5 or -3):"), clean, wh);
	if (!tui_prompt(t, label, NULL, delta_text, sizeof delta_text)) {
		tui_status(t, "%s", _("cancelled; nothing changed"));
		return;
	}
	if (parse_long(delta_text, &delta) != 0 || delta == 0) {
		tui_error(t, _("%s is not a change of quantity like +5 or -3"), delta_text);
		return;
	}
	if (!tui_ask(t, _("reason:"), NULL, reason, sizeof reason, tui_check_reason, NULL)) {
		tui_status(t, "%s", _("cancelled; nothing changed"));
		return;
	}
	after_write(t, desk_stock_adjust(t->desk, sku, delta, wh, reason));
}

static void act_safety(struct tui *t, struct stock_view *v)
{
	char sku[72], wh[16], label[160], qty_text[32], now[32], clean[96];
	long qty;

	if (desk_require(t->desk, ROLE_SUPERVISOR, _("set safety stock")) != ST_OK) {
		tui_status_desk(t, ST_DENIED);
		return;
	}
	if (!v->n) {
		tui_error(t, "%s", _("no SKU in focus"));
		return;
	}
	target(t, v, sku, sizeof sku, wh, sizeof wh);
	text_clean(sku, clean, sizeof clean);
	snprintf(now, sizeof now, "%ld", v->rows[v->focus].safety_stock);
	snprintf(label, sizeof label, _("safety stock of %s at %s:"), clean, wh);
	if (!tui_prompt(t, label, now, qty_text, sizeof qty_text)) {
		tui_status(t, "%s", _("cancelled; nothing changed"));
		return;
	}
	if (parse_long(qty_text, &qty) != 0 || qty < 0) {
		tui_error(t, _("%s is not a quantity (a whole number, 0 or more)"), qty_text);
		return;
	}
	after_write(t, desk_stock_safety(t->desk, sku, qty, wh));
}

static int move_focus(struct tui *t, int *focus, int n, enum tui_action a)
{
	return tui_list_move(focus, n, t->rows - 6, a);
}

static int holders_key(struct tui *t, struct stock_view *v, enum tui_action a)
{
	if (move_focus(t, &v->hfocus, v->hn, a))
		return TUI_HANDLED;
	switch (a) {
	case ACT_OPEN:
		if (v->hn)
			tui_show(t, &tui_view_order, v->h[v->hfocus].order_no);
		return TUI_HANDLED;
	case ACT_QUIT:
	case ACT_BACK:
		v->holders = 0;
		stock_reload(t, v);
		return TUI_HANDLED;
	default:
		return TUI_IGNORED;  /* L, U and the frame's keys act on the order in focus */
	}
}

static int stock_key(struct tui *t, void *state, enum tui_action a, int ch)
{
	struct stock_view *v = state;

	(void)ch;
	if (v->holders)
		return holders_key(t, v, a);
	if (move_focus(t, &v->focus, v->n, a)) {
		if (v->n)
			row_key(&v->rows[v->focus], v->focus_key, sizeof v->focus_key);
		return TUI_HANDLED;
	}
	switch (a) {
	case ACT_LEFT:
		if (v->left > 0)
			v->left--;
		return TUI_HANDLED;
	case ACT_RIGHT:
		if (v->left + columns_fit(t, v, 2 + SKU_W + 1) < COL_COUNT)
			v->left++;
		return TUI_HANDLED;
	case ACT_OPEN:
		if (!v->n) {
			tui_error(t, "%s", _("no SKU in focus"));
			return TUI_HANDLED;
		}
		text_copy(v->h_sku, v->rows[v->focus].sku, sizeof v->h_sku);
		v->holders = 1;
		v->hfocus = v->htop = 0;
		stock_reload(t, v);
		return TUI_HANDLED;
	case ACT_STOCK_SORT:
		v->sort = (enum stock_sort)((v->sort + 1) % SORT_COUNT);
		stock_reload(t, v);
		tui_status(t, _("sorted by %s"), sort_name(v->sort));
		return TUI_HANDLED;
	case ACT_STOCK_FILTER:
		v->show = (enum stock_show)((v->show + 1) % SHOW_COUNT);
		stock_reload(t, v);
		tui_status(t, _("showing %s"), show_name(v->show));
		return TUI_HANDLED;
	case ACT_STOCK_SEARCH: {
		char text[64];
		if (tui_prompt(t, _("SKU or name contains:"), v->search, text, sizeof text)) {
			text_copy(v->search, text, sizeof v->search);
			v->focus = 0;
			stock_reload(t, v);
		}
		return TUI_HANDLED;
	}
	case ACT_RECEIVE:
		act_receive(t, v);
		return TUI_HANDLED;
	case ACT_ADJUST:
		act_adjust(t, v);
		return TUI_HANDLED;
	case ACT_SAFETY:
		act_safety(t, v);
		return TUI_HANDLED;
	default:
		return TUI_IGNORED;
	}
}

static const char *stock_focused(struct tui *t, void *state)
{
	struct stock_view *v = state;

	(void)t;
	return v->holders && v->hn ? v->h[v->hfocus].order_no : NULL;
}

static int stock_focused_stage(struct tui *t, void *state)
{
	struct stock_view *v = state;

	(void)t;
	return v->holders && v->hn ? stage_parse(v->h[v->hfocus].stage) : -1;
}

static void stock_close(struct tui *t, void *state)
{
	struct stock_view *v = state;

	(void)t;
	free(v->rows);
	free(v->h);
	free(v);
}

const struct tui_view tui_view_stock = {
	.name = N_("stock"),
	.digit = '3',
	.mask = TV_STOCK,
	.open = stock_open,
	.draw = stock_draw,
	.key = stock_key,
	.reload = stock_reload,
	.close = stock_close,
	.focused = stock_focused,
	.focused_stage = stock_focused_stage,
};
