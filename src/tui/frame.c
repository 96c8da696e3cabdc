/*
 * The frame: screen setup and teardown, the one input loop, the view stack,
 * header, status line and hint bar, the scripted-keys mode and its screen
 * dumps, signals and the one fatal path.
 */
#include <curses.h>

#include "ordesk/tui.h"
#include "ordesk/tui_exception.h"
#include "ordesk/desk_sweep.h"
#include "ordesk/tui_frame.h"
#include "ordesk/desk_order.h"
#include "ordesk/i18n.h"
#include "ordesk/text.h"

#include <errno.h>
#include <langinfo.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>
#include <wchar.h>

/* Below this the screen only says how much it needs; all state is kept. */
#define TUI_MIN_COLS 60
#define TUI_MIN_ROWS 12
/* The largest screen drawn: a larger size, whether the terminal's or asked
 * for by LINES, COLUMNS, ORDESK_SIZE or a scripted resize, is used at this
 * size (ncurses keeps every cell of three screens, and its sizes are
 * shorts: 5000x5000 took 2.1 GB, 32768 columns crashed it). */
#define TUI_MAX_COLS 1000
#define TUI_MAX_ROWS 500
#define TUI_TICK_MS 1000
#define TUI_STACK 8
#define TUI_STATES 16
#define TUI_MAX_TIMINGS 65536

struct view_slot {
	const struct tui_view *view;
	void *state;
};

struct tui_private {
	SCREEN *screen;
	FILE *term_out, *term_in;
	struct view_slot stack[TUI_STACK];
	int depth;
	struct view_slot states[TUI_STATES];   /* every view's state, kept until exit */
	int nstates;
	char status[512];
	int status_err;
	int status_age;                         /* keys since the message was set */
	long long data_version;
	int store_gone;            /* the store's path no longer names its file */
	long minute;
	int quit;
	int header_ok;
	/* a prompt draws itself over the status line */
	void (*overlay)(struct tui *t, void *arg);
	void *overlay_arg;
	/* scripted mode */
	char *script;
	char **keys;
	int nkeys, ikey;
	FILE *dump;
	int dump_every;
	int dumped;
	/* timings */
	int timing;
	double *lat, *cpu;       /* per key: wall time, and this thread's CPU time */
	int nlat;
	double first_paint_ms, first_paint_cpu_ms;
};

static volatile sig_atomic_t got_signal;
static volatile sig_atomic_t got_interrupt;   /* Ctrl-C: read as a key, not an ending */
static int screen_up;

static void on_signal(int sig)
{
	got_signal = sig;
}

static void on_interrupt(int sig)
{
	(void)sig;
	got_interrupt = 1;
}

void tui_fatal(const char *fmt, ...)
{
	char raw[1024], clean[2048];
	va_list ap;

	if (screen_up) {
		endwin();
		screen_up = 0;
	}
	fflush(stdout);
	va_start(ap, fmt);
	vsnprintf(raw, sizeof raw, fmt, ap);
	va_end(ap);
	text_clean(raw, clean, sizeof clean);
	fprintf(stderr, "ordesk: %s\n", clean);
	exit(ST_INTERNAL);
}

static double now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1000.0 + (double)ts.tv_nsec / 1e6;
}

/* CPU time of this thread: what a key costs, whatever else the machine runs. */
static double cpu_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	return (double)ts.tv_sec * 1000.0 + (double)ts.tv_nsec / 1e6;
}

/* ---- drawing helpers ---- */

/* Without a UTF-8 locale each character beyond ASCII shows as '?'. */
static void ascii_fold(char *s)
{
	char *w = s;

	for (const unsigned char *r = (const unsigned char *)s; *r;) {
		if (*r < 0x80) {
			*w++ = (char)*r++;
			continue;
		}
		*w++ = '?';
		r++;
		while ((*r & 0xc0) == 0x80)
			r++;
	}
	*w = '\0';
}

int tui_fit(const struct tui *t, const char *text, int width, char *out, size_t size)
{
	int used = text_fit(text, width, out, size);

	if (used < text_width(text) && width >= 2 && size > 4) {
		/* cut: the last column says so */
		used = text_fit(text, width - 1, out, size - 3);
		strcat(out, t->utf8 ? "\xe2\x80\xa6" : "~");
		used++;
	}
	return used;
}

int tui_put(struct tui *t, int y, int x, int width, enum tui_role role, const char *text)
{
	char clean[2048], fit[2048];
	int used;

	if (width <= 0 || y < 0 || y >= t->rows || x >= t->cols)
		return 0;
	if (x + width > t->cols)
		width = t->cols - x;
	text_clean(text ? text : "", clean, sizeof clean);
	if (!t->utf8)
		ascii_fold(clean);
	used = tui_fit(t, clean, width, fit, sizeof fit);
	attrset(tui_theme_attr(role));
	mvaddstr(y, x, fit);
	attrset(A_NORMAL);
	return used;
}

void tui_list_clamp(int *focus, int n)
{
	if (*focus >= n)
		*focus = n - 1;
	if (*focus < 0)
		*focus = 0;
}

int tui_list_move(int *focus, int n, int page, enum tui_action a)
{
	if (page < 1)
		page = 1;
	switch (a) {
	case ACT_UP: (*focus)--; break;
	case ACT_DOWN: (*focus)++; break;
	case ACT_PGUP: *focus -= page; break;
	case ACT_PGDN: *focus += page; break;
	case ACT_HOME: *focus = 0; break;
	case ACT_END: *focus = n - 1; break;
	default: return 0;
	}
	tui_list_clamp(focus, n);
	return 1;
}

void tui_list_follow(int *top, int focus, int rows)
{
	if (focus < *top)
		*top = focus;
	if (focus >= *top + rows)
		*top = focus - rows + 1;
}

void tui_fill(struct tui *t, int y, int x, int width, enum tui_role role)
{
	if (width <= 0 || y < 0 || y >= t->rows || x >= t->cols)
		return;
	if (x + width > t->cols)
		width = t->cols - x;
	attrset(tui_theme_attr(role));
	mvhline(y, x, ' ', width);
	attrset(A_NORMAL);
}

int tui_put_pad(struct tui *t, int y, int x, int width, enum tui_role role, const char *text)
{
	tui_fill(t, y, x, width, role);
	return tui_put(t, y, x, width, role, text);
}

/* ---- status line ---- */

static void status_set(struct tui *t, int err, const char *fmt, va_list ap)
{
	vsnprintf(t->priv->status, sizeof t->priv->status, fmt, ap);
	t->priv->status_err = err;
	t->priv->status_age = 0;
}

void tui_status(struct tui *t, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	status_set(t, 0, fmt, ap);
	va_end(ap);
}

void tui_error(struct tui *t, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	status_set(t, 1, fmt, ap);
	va_end(ap);
}

void tui_status_desk(struct tui *t, enum status st)
{
	const char *msg = desk_message(t->desk);

	if (st == ST_OK)
		tui_status(t, "%s", msg);
	else
		tui_error(t, "%s", *msg ? msg : status_name(st));
}

/* ---- views ---- */

static const struct tui_view *view_by_digit(int digit)
{
	const struct tui_view *all[] = {
		&tui_view_board, &tui_view_exceptions, &tui_view_stock, &tui_view_alerts,
		&tui_view_report,
	};
	for (size_t i = 0; i < sizeof all / sizeof all[0]; i++)
		if (all[i]->digit == digit)
			return all[i];
	return NULL;
}

static void **state_of(struct tui *t, const struct tui_view *v)
{
	struct tui_private *p = t->priv;

	for (int i = 0; i < p->nstates; i++)
		if (p->states[i].view == v)
			return &p->states[i].state;
	if (p->nstates == TUI_STATES)
		tui_fatal("too many views");
	p->states[p->nstates].view = v;
	p->states[p->nstates].state = NULL;
	return &p->states[p->nstates++].state;
}

static struct view_slot *top_slot(struct tui *t)
{
	return t->priv->depth ? &t->priv->stack[t->priv->depth - 1] : NULL;
}

enum status tui_show(struct tui *t, const struct tui_view *view, const char *arg)
{
	struct tui_private *p = t->priv;
	void **state;
	enum status st;

	if (!view)
		return ST_REFUSED;
	state = state_of(t, view);
	st = view->open(t, state, arg);
	if (st != ST_OK) {
		tui_status_desk(t, st);
		return st;
	}
	/* A view already on the stack is brought back, not stacked twice. */
	for (int i = 0; i < p->depth; i++) {
		if (p->stack[i].view == view) {
			p->depth = i + 1;
			return ST_OK;
		}
	}
	if (p->depth == TUI_STACK)
		p->depth--;
	p->stack[p->depth].view = view;
	p->stack[p->depth].state = *state;
	p->depth++;
	return ST_OK;
}

void tui_back(struct tui *t)
{
	if (t->priv->depth <= 1) {
		t->priv->quit = 1;
		return;
	}
	t->priv->depth--;
	struct view_slot *s = top_slot(t);
	if (s->view->reload)
		s->view->reload(t, s->state);
}

void tui_quit(struct tui *t)
{
	t->priv->quit = 1;
}

static void header_load(struct tui *t)
{
	enum status st = desk_board_header(t->desk, &t->filter, &t->header);

	t->priv->header_ok = st == ST_OK;
	if (st != ST_OK)
		tui_status_desk(t, st);
	else if (desk_alert_count(t->desk, &t->alerts) != ST_OK)
		t->alerts = 0;
}

void tui_changed(struct tui *t)
{
	struct view_slot *s;

	t->now = desk_now(t->desk);
	header_load(t);
	for (int i = 0; i < t->priv->nstates; i++) {
		s = &t->priv->states[i];
		if (s->state && s->view->reload)
			s->view->reload(t, s->state);
	}
}

/* ---- header, status, hints ---- */

/*
 * The header, laid out for 80 columns first: the operator and the clock at
 * the right and the alert badge before them are always whole; the counts
 * shrink to glyphs ("412 open ✗23 •61") when the words do not fit; the
 * store's name is cut last, with a mark; surges show where there is room.
 */
static void draw_header(struct tui *t)
{
	const struct board_header *h = &t->header;
	const char *dot = tui_glyph(t->utf8, GLYPH_DOT);
	struct view_slot *s = top_slot(t);
	char left[256], mid[256], right[160], badge[64], clock[16];
	struct tm tm;
	time_t now = t->now;

	tui_fill(t, 0, 0, t->cols, ROLE_UI_HEADER);
	localtime_r(&now, &tm);
	strftime(clock, sizeof clock, "%H:%M", &tm);
	char view[96] = "";
	if (s && s->view != &tui_view_board)
		snprintf(view, sizeof view, " %s %s", dot, _(s->view->name));
	snprintf(left, sizeof left, " ordesk %s %s%s", dot, h->store_name, view);
	snprintf(right, sizeof right, " %s (%s) %s ", t->desk->login, role_name(t->desk->role), clock);
	badge[0] = '\0';
	if (t->alerts > 0)
		snprintf(badge, sizeof badge,
		         ngettext(" %d%s alert ", " %d%s alerts ", (unsigned long)t->alerts), t->alerts,
		         t->alerts >= STORE_ALERTS_COUNTED ? "+" : "");
	int rw = text_width(right), bw = text_width(badge);
	int lw = text_width(left);
	int room = t->cols - rw - bw;       /* for left, the counts and surges */
	snprintf(mid, sizeof mid, _("%d open %s %d red %s %d yellow"), h->open, dot, h->red, dot,
	         h->yellow);
	if (lw + 2 + text_width(mid) + 1 > room)
		snprintf(mid, sizeof mid, "%d %s %s%d %s%d", h->open, _("open"),
		         health_glyph(HEALTH_RED, t->utf8), h->red, health_glyph(HEALTH_YELLOW, t->utf8),
		         h->yellow);
	int mw = text_width(mid);
	int x;
	if (lw + 2 + mw + 1 > room) {
		/* the store's name gives way, marked as cut; the view's stays */
		char pre[32], name[128];
		snprintf(pre, sizeof pre, " ordesk %s ", dot);
		int keep = room - 2 - mw - 1 - text_width(pre) - text_width(view);
		if (keep >= 2) {
			x = tui_put(t, 0, 0, t->cols, ROLE_UI_HEADER, pre);
			text_copy(name, h->store_name, sizeof name);
			x += tui_put(t, 0, x, keep, ROLE_UI_HEADER, name);
		} else {
			x = tui_put(t, 0, 0, t->cols, ROLE_UI_HEADER, " ordesk");
		}
		x += tui_put(t, 0, x, room - x, ROLE_UI_HEADER, view);
	} else {
		x = tui_put(t, 0, 0, lw, ROLE_UI_HEADER, left);
	}
	if (x + 2 + mw + 1 <= room) {
		x += 2;
		x += tui_put(t, 0, x, mw, ROLE_UI_HEADER, mid);
		for (int i = 0; i < h->nsurge && x + 10 < room; i++) {
			char surge[32];
			snprintf(surge, sizeof surge, "%s%s %s", tui_glyph(t->utf8, GLYPH_SURGE),
			         _("SURGE"), h->surge[i]);
			x += 1 + tui_put(t, 0, x + 1, room - x - 1, ROLE_UI_SURGE, surge);
		}
	}
	if (bw && rw + bw <= t->cols)
		tui_put(t, 0, t->cols - rw - bw, bw, ROLE_UI_STATUS_ERR, badge);
	if (rw <= t->cols)
		tui_put(t, 0, t->cols - rw, rw, ROLE_UI_HEADER, right);
}

static void filter_words(struct tui *t, char *buf, size_t size)
{
	const struct board_filter *f = &t->filter;
	size_t n = 0;

	buf[0] = '\0';
	if (!board_filter_active(f))
		return;
	n += (size_t)snprintf(buf + n, size - n, "%s", _("filter:"));
	if (f->channel[0] && n < size)
		n += (size_t)snprintf(buf + n, size - n, " %s %s", _("channel"), f->channel);
	if (f->priority >= 0 && n < size)
		n += (size_t)snprintf(buf + n, size - n, " %s", priority_name((enum priority)f->priority));
	if (f->health >= 0 && n < size)
		n += (size_t)snprintf(buf + n, size - n, " %s", health_name((enum health)f->health));
	if (f->mine[0] && n < size)
		snprintf(buf + n, size - n, " %s", _("mine"));
}

static void draw_status(struct tui *t)
{
	struct tui_private *p = t->priv;
	int y = t->rows - 2;
	char filter[160];
	int fw = 0;

	attrset(tui_theme_attr(ROLE_UI_RULE));
	for (int x = 0; x < t->cols; x++)
		mvaddstr(y, x, tui_glyph(t->utf8, GLYPH_HLINE));
	attrset(A_NORMAL);
	filter_words(t, filter, sizeof filter);
	if (filter[0]) {
		fw = text_width(filter) + 2;
		if (fw > t->cols / 2)
			fw = t->cols / 2;
		tui_put_pad(t, y, t->cols - fw, fw, ROLE_UI_FILTER, filter);
	}
	if (p->overlay) {
		p->overlay(t, p->overlay_arg);
	} else if (p->status[0]) {
		enum tui_role r = p->status_err ? ROLE_UI_STATUS_ERR : ROLE_UI_STATUS;
		int w = t->cols - fw - 1;
		int used = tui_put(t, y, 0, w, r, p->status);
		if (used < w)
			mvaddch(y, used, ' ');
	}
}

static unsigned current_mask(struct tui *t)
{
	struct view_slot *s = top_slot(t);
	return s ? s->view->mask : TV_BOARD;
}

/* Is the action available now (its view present)? */
static int action_present(const struct tui_key *k)
{
	switch (k->action) {
	case ACT_VIEW_BOARD:
		return 1;
	case ACT_VIEW_EXCEPTIONS:
		return view_by_digit('2') != NULL;
	case ACT_VIEW_STOCK:
		return view_by_digit('3') != NULL;
	case ACT_VIEW_ALERTS:
		return view_by_digit('4') != NULL;
	case ACT_VIEW_REPORT:
		return view_by_digit('5') != NULL;
	default:
		return 1;
	}
}

static void hint_key(struct tui *t, int key, char *buf, size_t size)
{
	if (key == '\n')
		snprintf(buf, size, "%s", t->utf8 ? "\xe2\x86\xb5" : "Enter");
	else if (key == ' ')
		snprintf(buf, size, "%s", t->utf8 ? "\xe2\x90\xa3" : "Space");
	else
		tui_key_name(key, buf, size);
}

static int hint_text(struct tui *t, const struct tui_key *k, char *key, size_t ksize, char *label,
                     size_t lsize)
{
	hint_key(t, k->keys[0], key, ksize);
	snprintf(label, lsize, "%s", _(k->label));
	if (k->action == ACT_QUIT && t->priv->depth > 1)
		snprintf(label, lsize, "%s", _("back"));
	return text_width(key) + 1 + text_width(label);
}

/* How many of the n hints (widths w, in rank order, the last `always` of
 * them always shown) fit in cols with gap columns between them; sets keep[]. */
static int hints_fit(const int *w, int n, int always, int gap, int cols, int *keep)
{
	int used = 1, shown = 0;

	for (int i = n - always; i < n; i++)
		used += w[i] + gap;
	for (int i = 0; i < n; i++)
		keep[i] = i >= n - always;
	for (int i = 0; i < n - always; i++) {
		if (used + w[i] + gap > cols + gap)
			break;   /* keys come in rank order: none after a missing one */
		keep[i] = 1;
		used += w[i] + gap;
		shown++;
	}
	return shown;
}

/*
 * The hint bar: the keys of the current view that carry a hint in the key
 * table, lowest rank first (the ones used most), help and quit always.
 * Two columns between hints, or one when that lets them all fit; the
 * lowest ranked that do not fit are left for the help view.
 */
static void draw_hints(struct tui *t)
{
	unsigned mask = current_mask(t);
	struct view_slot *s = top_slot(t);
	const struct tui_key *row[64];
	int w[64] = { 0 }, keep[64] = { 0 }, n = 0, always = 0, y = t->rows - 1, x = 1;
	char key[32], label[64];

	tui_fill(t, y, 0, t->cols, ROLE_UI_HINT);
	for (size_t i = 0; i < tui_key_count && n < 64; i++) {
		const struct tui_key *k = &tui_keys[i];
		if (!k->label || !(k->views & mask) || !action_present(k))
			continue;
		if (s && k->action == ACT_VIEW_BOARD && s->view == &tui_view_board)
			continue;
		/* insertion by rank, table order among equals */
		int j = n++;
		while (j > 0 && row[j - 1]->hint > k->hint) {
			row[j] = row[j - 1];
			j--;
		}
		row[j] = k;
		if (k->hint >= TUI_HINT_ALWAYS)
			always++;
	}
	for (int i = 0; i < n; i++)
		w[i] = hint_text(t, row[i], key, sizeof key, label, sizeof label);
	/* one column between hints only when that shows them all */
	int gap = 2;
	if (hints_fit(w, n, always, 2, t->cols, keep) < n - always) {
		if (hints_fit(w, n, always, 1, t->cols, keep) == n - always)
			gap = 1;
		else
			hints_fit(w, n, always, 2, t->cols, keep);
	}
	for (int i = 0; i < n; i++) {
		if (!keep[i])
			continue;
		hint_text(t, row[i], key, sizeof key, label, sizeof label);
		x += tui_put(t, y, x, t->cols - x, ROLE_UI_HINT_KEY, key) + 1;
		x += tui_put(t, y, x, t->cols - x, ROLE_UI_HINT, label) + gap;
	}
}

static void draw_too_small(struct tui *t)
{
	char need[96], have[96];

	snprintf(need, sizeof need, _("ordesk needs %dx%d"), TUI_MIN_COLS, TUI_MIN_ROWS);
	snprintf(have, sizeof have, _("this terminal: %dx%d"), t->cols, t->rows);
	int y = t->rows / 2 - 1;
	if (y < 0)
		y = 0;
	int w1 = text_width(need), w2 = text_width(have);
	tui_put(t, y, w1 < t->cols ? (t->cols - w1) / 2 : 0, t->cols, ROLE_UI_STATUS_ERR, need);
	tui_put(t, y + 1, w2 < t->cols ? (t->cols - w2) / 2 : 0, t->cols, ROLE_UI_STATUS, have);
}

static void dump_screen(struct tui *t, FILE *fp)
{
	wchar_t line[1024];
	char mb[4096];

	for (int y = 0; y < t->rows; y++) {
		int n = mvwinnwstr(stdscr, y, 0, line, t->cols < 1023 ? t->cols : 1023);
		if (n < 0)
			n = 0;
		line[n] = L'\0';
		/* Trailing blanks say nothing. */
		while (n > 0 && line[n - 1] == L' ')
			line[--n] = L'\0';
		size_t len = wcstombs(mb, line, sizeof mb - 1);
		if (len == (size_t)-1)
			len = 0;
		mb[len] = '\0';
		fprintf(fp, "%s\n", mb);
	}
}

void tui_redraw(struct tui *t)
{
	struct view_slot *s = top_slot(t);

	getmaxyx(stdscr, t->rows, t->cols);
	erase();
	if (t->rows < TUI_MIN_ROWS || t->cols < TUI_MIN_COLS) {
		draw_too_small(t);
	} else {
		draw_header(t);
		if (s)
			s->view->draw(t, s->state, 1, t->rows - 3);
		draw_hints(t);
		draw_status(t);   /* last: a prompt leaves the cursor where typing goes */
	}
	if (!t->priv->overlay)
		curs_set(0);
	wnoutrefresh(stdscr);
	doupdate();
}

void tui_prompt_overlay(struct tui *t, void (*fn)(struct tui *t, void *arg), void *arg)
{
	t->priv->overlay = fn;
	t->priv->overlay_arg = arg;
}

/* ---- input ---- */

static int clamp_size(int v, int max)
{
	return v < 1 ? 1 : v > max ? max : v;
}

/* Takes the screen's size, brought within TUI_MAX_COLS x TUI_MAX_ROWS. */
static void screen_size(struct tui *t)
{
	getmaxyx(stdscr, t->rows, t->cols);
	if (t->rows > TUI_MAX_ROWS || t->cols > TUI_MAX_COLS) {
		resizeterm(clamp_size(t->rows, TUI_MAX_ROWS), clamp_size(t->cols, TUI_MAX_COLS));
		getmaxyx(stdscr, t->rows, t->cols);
	}
}

/* LINES or COLUMNS in the environment, read by ncurses at start, within max. */
static void clamp_env(const char *name, int max)
{
	const char *v = getenv(name);
	char buf[16];

	if (v && *v && strtol(v, NULL, 10) > max) {
		snprintf(buf, sizeof buf, "%d", max);
		setenv(name, buf, 1);
	}
}

/* Resizes the scripted screen: "resize:COLSxROWS". */
static int script_resize(struct tui *t, const char *word)
{
	int c, r;

	if (sscanf(word, "resize:%dx%d", &c, &r) != 2 || c < 1 || r < 1)
		return -1;
	resizeterm(clamp_size(r, TUI_MAX_ROWS), clamp_size(c, TUI_MAX_COLS));
	screen_size(t);
	return TK(KEY_RESIZE);
}

static int script_next(struct tui *t)
{
	struct tui_private *p = t->priv;

	if (p->ikey >= p->nkeys)
		return -1;
	const char *w = p->keys[p->ikey++];
	if (strcmp(w, "tick") == 0)
		return TUI_KEY_TICK;
	/* "wait:15m": a pinned clock (ORDESK_NOW) moves on, then a tick. */
	int minutes;
	if (sscanf(w, "wait:%dm", &minutes) == 1 && t->desk->fixed_now) {
		t->desk->fixed_now += (time_t)minutes * 60;
		return TUI_KEY_TICK;
	}
	if (strncmp(w, "resize:", 7) == 0)
		return script_resize(t, w);
	return tui_key_parse(w);
}

/* Ctrl-C cancels the question on the screen (as Esc does); elsewhere it is a key. */
static int interrupt_key(struct tui *t)
{
	return t->priv->overlay ? 27 : TK_CTRL('c');
}

int tui_read_key(struct tui *t)
{
	wint_t wc;
	int rc;

	if (t->scripted) {
		int k = script_next(t);
		if (k == -1) {
			/* The script ran out: the screen as it is now is the result. */
			if (t->priv->dump && !t->priv->dump_every && !t->priv->dumped) {
				dump_screen(t, t->priv->dump);
				t->priv->dumped = 1;
			}
			t->priv->quit = 1;
			return 27;   /* the script ran out: anything waiting is cancelled */
		}
		return k == TK_CTRL('c') ? interrupt_key(t) : k;
	}
	if (got_signal)
		return 27;
	if (got_interrupt) {
		got_interrupt = 0;
		return interrupt_key(t);
	}
	rc = wget_wch(stdscr, &wc);
	if (got_signal)
		return 27;
	if (got_interrupt) {
		got_interrupt = 0;
		return interrupt_key(t);
	}
	if (rc == ERR)
		return TUI_KEY_TICK;
	if (rc == KEY_CODE_YES) {
		if (wc == KEY_RESIZE)
			screen_size(t);
		return TK((int)wc);
	}
	return (int)wc == TK_CTRL('c') ? interrupt_key(t) : (int)wc;
}

int tui_stopping(const struct tui *t)
{
	return t->priv->quit || got_signal;
}

/* Once a tick: reload when another process committed, redraw when the minute turns. */
int tui_tick(struct tui *t)
{
	struct tui_private *p = t->priv;
	long long v = store_data_version(t->desk->store);
	int changed = 0;

	t->now = desk_now(t->desk);
	/* A store whose file was removed or replaced: said once, and no write goes on. */
	if (!p->store_gone && desk_store_present(t->desk) != ST_OK) {
		p->store_gone = 1;
		tui_status_desk(t, ST_IOERR);
		changed = 1;
	}
	int swept = p->store_gone ? 0 : tui_sweep_tick(t);
	if (v != p->data_version) {
		p->data_version = v;
		tui_changed(t);
		changed = 1;
	}
	if (t->now / 60 != p->minute) {
		p->minute = (long)(t->now / 60);
		if (!changed)
			tui_changed(t);
		changed = 1;
	}
	return changed || swept;
}

/* Quitting loses nothing, but a stray key should not end a shift's board. */
static void ask_quit(struct tui *t)
{
	if (tui_confirm(t, _("quit ordesk?")))
		t->priv->quit = 1;
}

static void dispatch(struct tui *t, int key)
{
	struct view_slot *s = top_slot(t);
	if (!s)
		return;
	const struct tui_key *k = tui_key_find(key, s->view->mask);
	enum tui_action a = k ? k->action : ACT_NONE;

	if (s->view->key(t, s->state, a, key) == TUI_HANDLED)
		return;
	if (!k)
		return;
	if (k->order_fn) {
		const char *no = s->view->focused ? s->view->focused(t, s->state) : NULL;
		if (!no || !*no) {
			tui_error(t, "%s", _("no order in focus"));
			return;
		}
		char order_no[64];
		text_copy(order_no, no, sizeof order_no);
		tui_order_action(t, k, order_no,
		                 s->view->focused_stage ? s->view->focused_stage(t, s->state) : -1);
		return;
	}
	switch (a) {
	case ACT_VIEW_BOARD:
	case ACT_VIEW_EXCEPTIONS:
	case ACT_VIEW_STOCK:
	case ACT_VIEW_ALERTS:
	case ACT_VIEW_REPORT: {
		const struct tui_view *v = view_by_digit(k->keys[0]);
		if (!v) {
			tui_error(t, _("the %s view is not there yet"), k->name);
			return;
		}
		t->priv->depth = 0;
		if (v != &tui_view_board)
			tui_show(t, &tui_view_board, NULL);
		tui_show(t, v, NULL);
		return;
	}
	case ACT_HELP:
		tui_show(t, &tui_view_help, NULL);
		return;
	case ACT_BACK:
		if (t->priv->depth > 1)
			tui_back(t);
		return;
	case ACT_QUIT:
		if (t->priv->depth > 1)
			tui_back(t);
		else
			ask_quit(t);
		return;
	case ACT_INTERRUPT:
		ask_quit(t);
		return;
	case ACT_SEARCH:
	case ACT_NEXT_MATCH:
	case ACT_PREV_MATCH:
		/* From a view over the board (an order): the board searches. */
		if (s->view != &tui_view_board && t->priv->depth > 1) {
			t->priv->depth = 1;
			s = top_slot(t);
			if (s->view->reload)
				s->view->reload(t, s->state);
			dispatch(t, key);
		}
		return;
	case ACT_REDRAW:
		clearok(curscr, TRUE);
		return;
	default:
		return;
	}
}

void tui_order_action(struct tui *t, const struct tui_key *k, const char *order_no, int seen)
{
	struct order *o = malloc(sizeof *o);
	enum status st;

	if (!o)
		tui_fatal("out of memory");
	st = desk_order_get(t->desk, order_no, o);
	if (st != ST_OK) {
		tui_status_desk(t, st);
		free(o);
		return;
	}
	t->desk->msg[0] = '\0';
	desk_seen(t->desk, seen);
	st = desk_order_seen(t->desk, o);
	if (st == ST_OK)
		st = k->order_fn(t, o);
	desk_seen(t->desk, -1);
	free(o);
	if (st != ST_OK || desk_message(t->desk)[0])
		tui_status_desk(t, st);
	tui_changed(t);
}

/* SQLite's wait for a busy store, saying so on the status line meanwhile. */
static void busy_notify(void *arg)
{
	struct tui *t = arg;

	if (!t->scripted) {
		tui_error(t, "%s", _("the store is busy (another program is writing); waiting..."));
		tui_redraw(t);
	}
}

/* ---- setup and teardown ---- */

static int split_script(struct tui_private *p, const char *keys, char *err, size_t err_size)
{
	size_t cap = 16;

	p->script = strdup(keys);
	p->keys = malloc(cap * sizeof *p->keys);
	if (!p->script || !p->keys)
		tui_fatal("out of memory");
	for (char *save = NULL, *w = strtok_r(p->script, " \t\n", &save); w;
	     w = strtok_r(NULL, " \t\n", &save)) {
		if (strcmp(w, "tick") != 0 && strncmp(w, "resize:", 7) != 0 &&
		    strncmp(w, "wait:", 5) != 0 && tui_key_parse(w) < 0) {
			char clean[64];
			text_clean(w, clean, sizeof clean);
			snprintf(err, err_size, _("ORDESK_KEYS: unknown key %s"), clean);
			return -1;
		}
		if ((size_t)p->nkeys == cap) {
			cap *= 2;
			if (!(p->keys = realloc(p->keys, cap * sizeof *p->keys)))
				tui_fatal("out of memory");
		}
		p->keys[p->nkeys++] = w;
	}
	return 0;
}

static int locale_is_utf8(void)
{
	const char *cs = nl_langinfo(CODESET);
	return cs && (strcmp(cs, "UTF-8") == 0 || strcmp(cs, "utf8") == 0);
}

/* Ctrl-S and Ctrl-Q are keys, not XOFF/XON: a stray Ctrl-S would freeze the
 * screen with no word why.  The mode is curses' program mode, so it comes back
 * after a suspend; endwin() gives the shell its own mode back. */
static void flow_control_off(void)
{
	struct termios tio;
	int fd = fileno(stdin);

	if (tcgetattr(fd, &tio) != 0)
		return;
	tio.c_iflag &= ~(tcflag_t)(IXON | IXOFF);
	if (tcsetattr(fd, TCSANOW, &tio) == 0)
		def_prog_mode();
}

static enum status screen_start(struct tui *t, const struct tui_options *opt, char *err,
                                size_t err_size)
{
	struct tui_private *p = t->priv;

	if (t->scripted) {
		char lines[16], columns[16];
		snprintf(lines, sizeof lines, "%d", opt->rows > 0 ? clamp_size(opt->rows, TUI_MAX_ROWS) : 30);
		snprintf(columns, sizeof columns, "%d", opt->cols > 0 ? clamp_size(opt->cols, TUI_MAX_COLS) : 100);
		setenv("LINES", lines, 1);
		setenv("COLUMNS", columns, 1);
		p->term_out = fopen("/dev/null", "w");
		p->term_in = fopen("/dev/null", "r");
		if (!p->term_out || !p->term_in) {
			snprintf(err, err_size, _("cannot open /dev/null: %s"), strerror(errno));
			return ST_IOERR;
		}
		p->screen = newterm("xterm-256color", p->term_out, p->term_in);
		if (!p->screen)
			p->screen = newterm("vt100", p->term_out, p->term_in);
	} else {
		const char *term = getenv("TERM");
		if (!term || !*term || strcmp(term, "dumb") == 0) {
			snprintf(err, err_size, _("TERM=%s cannot show the full-screen board; see ordesk orders"),
			         term ? term : "");
			return ST_IOERR;
		}
		clamp_env("LINES", TUI_MAX_ROWS);
		clamp_env("COLUMNS", TUI_MAX_COLS);
		p->screen = newterm(NULL, stdout, stdin);
	}
	if (!p->screen) {
		/* almost always a terminal this machine's terminfo does not know
		 * (xterm-kitty over SSH, say): say what to set */
		snprintf(err, err_size,
		         _("TERM=%s is not known to this machine's terminal database (terminfo): install "
		           "its entry, or start ordesk with TERM=xterm-256color"),
		         getenv("TERM") ? getenv("TERM") : "");
		return ST_IOERR;
	}
	set_term(p->screen);
	screen_up = 1;
	if (!t->scripted) {
		const char *cup = tigetstr("cup");
		if (!cup || cup == (char *)-1) {
			endwin();
			screen_up = 0;
			snprintf(err, err_size, _("TERM=%s cannot move the cursor, so it cannot show the "
			                          "full-screen board; see ordesk orders"),
			         getenv("TERM") ? getenv("TERM") : "");
			return ST_IOERR;
		}
	}
	if (t->scripted)
		resizeterm(opt->rows > 0 ? clamp_size(opt->rows, TUI_MAX_ROWS) : 30,
		           opt->cols > 0 ? clamp_size(opt->cols, TUI_MAX_COLS) : 100);
	cbreak();
	noecho();
	if (!t->scripted)
		flow_control_off();
	keypad(stdscr, TRUE);
	set_escdelay(25);
	timeout(TUI_TICK_MS);
	curs_set(0);
	tui_theme_init();
	screen_size(t);
	return ST_OK;
}

static void screen_stop(struct tui *t)
{
	struct tui_private *p = t->priv;

	if (screen_up) {
		endwin();
		screen_up = 0;
	}
	/* curses wrote through stdout's buffer: the terminal must be back to
	 * its normal screen before anything is said on stderr. */
	fflush(stdout);
	if (p->screen) {
		delscreen(p->screen);
		p->screen = NULL;
	}
	if (p->term_out)
		fclose(p->term_out);
	if (p->term_in)
		fclose(p->term_in);
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

static long rss_kib(const char *field)
{
	FILE *fp = fopen("/proc/self/status", "r");
	char line[256];
	long v = -1;
	size_t n = strlen(field);

	if (!fp)
		return -1;
	while (fgets(line, sizeof line, fp))
		if (strncmp(line, field, n) == 0)
			v = strtol(line + n, NULL, 10);
	fclose(fp);
	return v;
}

static void percentiles(double *v, int n, double *p50, double *p99, double *max)
{
	*p50 = *p99 = *max = 0;
	if (n <= 0)
		return;
	qsort(v, (size_t)n, sizeof *v, cmp_double);
	*p50 = v[n / 2];
	*p99 = v[(int)((double)(n - 1) * 0.99)];
	*max = v[n - 1];
}

static void print_timing(struct tui *t)
{
	struct tui_private *p = t->priv;
	double p50, p99, max, c50, c99, cmax;

	percentiles(p->lat, p->nlat, &p50, &p99, &max);
	percentiles(p->cpu, p->nlat, &c50, &c99, &cmax);
	fprintf(stderr, "timing: first_paint_ms=%.2f first_paint_cpu_ms=%.2f keys=%d key_p50_ms=%.3f "
	        "key_p99_ms=%.3f key_max_ms=%.3f key_cpu_p50_ms=%.3f key_cpu_p99_ms=%.3f "
	        "key_cpu_max_ms=%.3f rss_kib=%ld\n", p->first_paint_ms, p->first_paint_cpu_ms, p->nlat,
	        p50, p99, max, c50, c99, cmax, rss_kib("VmHWM:"));
}

static void after_key(struct tui *t, int key)
{
	struct tui_private *p = t->priv;

	if (p->dump && p->dump_every) {
		char name[32];
		if (key == TUI_KEY_TICK)
			snprintf(name, sizeof name, "tick");
		else
			tui_key_name(key, name, sizeof name);
		fprintf(p->dump, "--- %s\n", name);
		dump_screen(t, p->dump);
	}
}

/* Called by prompts after each key they read, so scripted dumps show them. */
void tui_prompt_after_key(struct tui *t, int key)
{
	after_key(t, key);
}

enum status tui_run(struct desk *d, const struct tui_options *opt, char *err, size_t err_size)
{
	struct tui_private priv;
	struct tui tui;
	struct tui *t = &tui;
	struct sigaction sa;
	enum status st;
	double start = now_ms(), start_cpu = cpu_ms();

	memset(&priv, 0, sizeof priv);
	memset(&tui, 0, sizeof tui);
	t->priv = &priv;
	t->desk = d;
	t->scripted = opt->keys != NULL;
	t->utf8 = locale_is_utf8();
	t->now = desk_now(d);
	board_filter_none(&t->filter);
	err[0] = '\0';
	got_signal = 0;

	if (t->scripted && split_script(&priv, opt->keys, err, err_size) != 0) {
		free(priv.script);
		free(priv.keys);
		return ST_USAGE;
	}
	if (opt->dump) {
		if (!(priv.dump = fopen(opt->dump, "w"))) {
			snprintf(err, err_size, _("cannot write %s: %s"), opt->dump, strerror(errno));
			free(priv.script);
			free(priv.keys);
			return ST_IOERR;
		}
		priv.dump_every = opt->dump_every;
	}
	priv.timing = opt->timing;
	if (priv.timing && (!(priv.lat = malloc(TUI_MAX_TIMINGS * sizeof *priv.lat)) ||
	                    !(priv.cpu = malloc(TUI_MAX_TIMINGS * sizeof *priv.cpu))))
		tui_fatal("out of memory");

	/* Our handlers go in before curses starts, so it keeps them; they only set a flag. */
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	sigaction(SIGQUIT, &sa, NULL);
	sa.sa_handler = on_interrupt;
	sigaction(SIGINT, &sa, NULL);
	got_interrupt = 0;

	if ((st = screen_start(t, opt, err, err_size)) != ST_OK)
		goto out;
	desk_on_busy(d, busy_notify, t);

	priv.data_version = store_data_version(d->store);
	priv.minute = (long)(t->now / 60);
	header_load(t);
	if (!t->utf8)
		tui_status(t, "%s", _("no UTF-8 locale: letters beyond ASCII show as ?; set one, like "
		                      "LANG=C.UTF-8, and start again"));
	if ((st = tui_show(t, &tui_view_board, NULL)) != ST_OK) {
		snprintf(err, err_size, "%s", desk_message(d));
		goto out;
	}
	tui_redraw(t);
	priv.first_paint_ms = now_ms() - start;
	priv.first_paint_cpu_ms = cpu_ms() - start_cpu;

	while (!priv.quit && !got_signal) {
		int key = tui_read_key(t);
		double t0 = now_ms(), c0 = cpu_ms();
		if (got_signal)
			break;
		if (key == TUI_KEY_TICK) {
			if (tui_tick(t))
				tui_redraw(t);
			after_key(t, key);
			continue;
		}
		if (priv.quit)
			break;
		if (key == TK(KEY_RESIZE)) {
			struct view_slot *s = top_slot(t);
			if (s && s->view->reload)
				s->view->reload(t, s->state);
			tui_redraw(t);
			after_key(t, key);
			continue;
		}
		if (priv.status[0] && ++priv.status_age > 1)
			priv.status[0] = '\0';
		if (t->rows >= TUI_MIN_ROWS && t->cols >= TUI_MIN_COLS)
			dispatch(t, key);
		else if (key == 'q')
			priv.quit = 1;
		if (priv.quit)
			break;
		tui_redraw(t);
		if (priv.timing && priv.nlat < TUI_MAX_TIMINGS) {
			priv.cpu[priv.nlat] = cpu_ms() - c0;
			priv.lat[priv.nlat++] = now_ms() - t0;
		}
		after_key(t, key);
	}
	if (priv.dump) {
		if (!priv.dump_every && !priv.dumped)
			dump_screen(t, priv.dump);
	}
	st = ST_OK;
	if (got_signal)
		snprintf(err, err_size, _("stopped by signal %d; the terminal is restored"), (int)got_signal);
out:
	for (int i = 0; i < priv.nstates; i++)
		if (priv.states[i].state && priv.states[i].view->close)
			priv.states[i].view->close(t, priv.states[i].state);
	desk_on_busy(d, NULL, NULL);
	screen_stop(t);
	if (priv.dump && fclose(priv.dump) != 0 && st == ST_OK) {
		snprintf(err, err_size, _("cannot write %s"), opt->dump);
		st = ST_IOERR;
	}
	if (priv.timing)
		print_timing(t);
	free(priv.lat);
	free(priv.cpu);
	free(priv.script);
	free(priv.keys);
	return st;
}
