/*
 * Prompts.  Each runs a small input loop of its own that keeps what was
 * typed through resizes (KEY_RESIZE redraws the whole screen behind it), a
 * too-small terminal and ticks of the clock.
 *   - a line of text on the status line; with a check, Enter runs the
 *     desk's own validation and, when it refuses, the reason and the
 *     expected format show above the line and the text stays to be fixed;
 *   - a choice: a vertical menu above the status line, every option shown
 *     (scrolling when the screen is short) with the digit that picks it;
 *   - a yes/no question: only y says yes; Enter, n and Esc say no.
 * While a prompt waits, the hint bar lists its keys.
 */
#include <curses.h>

#include "ordesk/tui.h"
#include "ordesk/tui_frame.h"
#include "ordesk/i18n.h"
#include "ordesk/text.h"
#include "ordesk/desk_stock.h"
#include "ordesk/validate.h"

#include <stdio.h>
#include <string.h>

#define PROMPT_MAX 256
#define MENU_KEYS 9    /* options 1..9 have a digit of their own */

enum prompt_kind { PK_TEXT, PK_CHOOSE, PK_CONFIRM };

struct prompt {
	enum prompt_kind kind;
	const char *label;
	unsigned text[PROMPT_MAX];     /* code points */
	int len, cur;
	const char *const *options;
	int n, sel, top;
	tui_check_fn check;            /* PK_TEXT: run on Enter; NULL accepts anything */
	void *check_arg;
	char why[512];                 /* the check's refusal, shown until the next Enter */
};

/* Code points to UTF-8 (not through the locale: typed text is stored as UTF-8). */
static void encode(const unsigned *cp, int n, char *out, size_t size)
{
	size_t o = 0;

	for (int i = 0; i < n; i++) {
		unsigned c = cp[i];
		unsigned char b[4];
		size_t len;
		if (c < 0x80) {
			b[0] = (unsigned char)c; len = 1;
		} else if (c < 0x800) {
			b[0] = (unsigned char)(0xc0 | (c >> 6)); b[1] = (unsigned char)(0x80 | (c & 0x3f)); len = 2;
		} else if (c < 0x10000) {
			b[0] = (unsigned char)(0xe0 | (c >> 12)); b[1] = (unsigned char)(0x80 | ((c >> 6) & 0x3f));
			b[2] = (unsigned char)(0x80 | (c & 0x3f)); len = 3;
		} else {
			b[0] = (unsigned char)(0xf0 | (c >> 18)); b[1] = (unsigned char)(0x80 | ((c >> 12) & 0x3f));
			b[2] = (unsigned char)(0x80 | ((c >> 6) & 0x3f)); b[3] = (unsigned char)(0x80 | (c & 0x3f));
			len = 4;
		}
		if (o + len >= size)
			break;
		memcpy(out + o, b, len);
		o += len;
	}
	if (size)
		out[o] = '\0';
}

static int decode(const char *s, unsigned *cp, int max)
{
	const unsigned char *p = (const unsigned char *)s;
	int n = 0;

	while (*p && n < max) {
		unsigned c = *p;
		int len = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : c >= 0xc0 ? 2 : 1;
		if (len > 1) {
			c &= 0x3fu >> (len - 1);
			for (int i = 1; i < len; i++) {
				if ((p[i] & 0xc0) != 0x80) {
					len = 1;
					c = '?';
					break;
				}
				c = (c << 6) | (p[i] & 0x3f);
			}
		}
		cp[n++] = c;
		p += len;
	}
	return n;
}

/* The prompt's own keys on the hint bar, in place of the view's. */
static void draw_keys(struct tui *t, const char *const *pairs, int n)
{
	int y = t->rows - 1, x = 1;

	tui_fill(t, y, 0, t->cols, ROLE_UI_HINT);
	for (int i = 0; i + 1 < n && x < t->cols; i += 2) {
		x += tui_put(t, y, x, t->cols - x, ROLE_UI_HINT_KEY, pairs[i]) + 1;
		x += tui_put(t, y, x, t->cols - x, ROLE_UI_HINT, _(pairs[i + 1])) + 2;
	}
}

/* Draws clean text wrapped over the rows from y down, at most max rows; returns the rows used. */
static int draw_wrapped(struct tui *t, int y, int max, enum tui_role role, const char *text, int draw)
{
	char clean[1024], line[1024];
	const char *p = clean;
	int rows = 0;

	text_clean(text, clean, sizeof clean);
	while (*p && rows < max) {
		text_wrap(p, t->cols - 2, line, sizeof line, &p);
		if (draw) {
			tui_fill(t, y + rows, 0, t->cols, role);
			tui_put(t, y + rows, 1, t->cols - 2, role, line);
		}
		rows++;
	}
	return rows;
}

static void draw_text(struct tui *t, struct prompt *pr)
{
	const char *enter = t->utf8 ? "\xe2\x86\xb5" : "Enter";
	const char *keys[] = { enter, N_("accept"), "Esc", N_("cancel"), "C-u", N_("clear"),
	                       "Home/End", N_("line start/end") };
	int y = t->rows - 2, x = 0;
	char label[256];
	int lw;

	draw_keys(t, keys, (int)(sizeof keys / sizeof keys[0]));
	/* A label taking more than half the line goes on the rows above it. */
	snprintf(label, sizeof label, "%s ", pr->label);
	lw = text_width(label);
	int above = 0;
	if (lw > t->cols / 2)
		above = draw_wrapped(t, 0, t->rows, ROLE_UI_PROMPT, pr->label, 0);
	int errs = pr->why[0] ? draw_wrapped(t, 0, t->rows, ROLE_UI_STATUS_ERR, pr->why, 0) : 0;
	int room_above = t->rows - 3;
	if (errs > room_above / 2)
		errs = room_above / 2;
	if (above > room_above - errs)
		above = room_above - errs;
	if (errs)
		draw_wrapped(t, y - errs - above, errs, ROLE_UI_STATUS_ERR, pr->why, 1);
	if (above)
		draw_wrapped(t, y - above, above, ROLE_UI_PROMPT, pr->label, 1);
	tui_fill(t, y, 0, t->cols, ROLE_UI_PROMPT);
	if (!above)
		x = tui_put(t, y, 0, t->cols - 1, ROLE_UI_PROMPT, label);
	else
		x = tui_put(t, y, 0, 2, ROLE_UI_PROMPT, "> ");

	char before[PROMPT_MAX * 4], all[PROMPT_MAX * 4];
	char cb[PROMPT_MAX * 8];
	encode(pr->text, pr->cur, before, sizeof before);
	text_clean(before, cb, sizeof cb);
	int room = t->cols - x - 1;
	int cw = text_width(cb);
	/* Keep the cursor on screen: drop characters from the front. */
	int start = 0;
	while (cw > room && start < pr->cur) {
		start++;
		encode(pr->text + start, pr->cur - start, before, sizeof before);
		text_clean(before, cb, sizeof cb);
		cw = text_width(cb);
	}
	encode(pr->text + start, pr->len - start, all, sizeof all);
	tui_put(t, y, x, room, ROLE_UI_PROMPT, all);
	move(y, x + cw);
	curs_set(1);
}

static void draw_menu(struct tui *t, struct prompt *pr)
{
	const char *enter = t->utf8 ? "\xe2\x86\xb5" : "Enter";
	const char *updown = t->utf8 ? "\xe2\x86\x91\xe2\x86\x93" : "Up/Down";
	char digits[16];
	snprintf(digits, sizeof digits, "1-%d", pr->n < MENU_KEYS ? pr->n : MENU_KEYS);
	const char *keys[] = { digits, N_("pick"), updown, N_("move"), enter, N_("pick"),
	                       N_("a-z"), N_("first letter"), "Esc", N_("cancel") };
	int bottom = t->rows - 2;          /* the status line: the last option */
	int title = draw_wrapped(t, 0, t->rows, ROLE_UI_PROMPT, pr->label, 0);

	draw_keys(t, keys, (int)(sizeof keys / sizeof keys[0]));
	/* Rows 1..bottom are ours: the title, then as many options as fit. */
	if (title > (bottom - 1) / 2)
		title = (bottom - 1) / 2;
	int fit = bottom - title;          /* rows for options, rows 1+title .. bottom */
	int shown = pr->n < fit ? pr->n : fit;
	if (pr->sel < pr->top)
		pr->top = pr->sel;
	if (pr->sel >= pr->top + shown)
		pr->top = pr->sel - shown + 1;
	if (pr->top > pr->n - shown)
		pr->top = pr->n - shown;
	if (pr->top < 0)
		pr->top = 0;
	int y0 = bottom - shown + 1;
	draw_wrapped(t, y0 - title, title, ROLE_UI_PROMPT, pr->label, 1);
	for (int i = 0; i < shown; i++) {
		int k = pr->top + i, y = y0 + i;
		int sel = k == pr->sel;
		enum tui_role role = sel ? ROLE_UI_SELECTION : ROLE_UI_STATUS;
		char line[256];
		char key[16] = "  ";
		if (k < MENU_KEYS)
			snprintf(key, sizeof key, "%d", k + 1);
		tui_fill(t, y, 0, t->cols, role);
		snprintf(line, sizeof line, "%s%s ", sel ? tui_glyph(t->utf8, GLYPH_FOCUS) : " ", key);
		int x = tui_put(t, y, 0, t->cols, sel ? ROLE_UI_SELECTION : ROLE_UI_HINT_KEY, line);
		tui_put(t, y, x, t->cols - x - 2, role, pr->options[k]);
		/* what is above and below the rows shown */
		if (i == 0 && pr->top > 0)
			tui_put(t, y, t->cols - 1, 1, ROLE_UI_MARK, tui_glyph(t->utf8, GLYPH_MORE_U));
		if (i == shown - 1 && pr->top + shown < pr->n)
			tui_put(t, y, t->cols - 1, 1, ROLE_UI_MARK, tui_glyph(t->utf8, GLYPH_MORE_D));
	}
}

static void draw_confirm(struct tui *t, struct prompt *pr)
{
	const char *enter = t->utf8 ? "\xe2\x86\xb5" : "Enter";
	const char *keys[] = { "y", N_("yes"), "n", N_("no"), enter, N_("no"), "Esc", N_("no") };
	int y = t->rows - 2;
	char q[512];

	draw_keys(t, keys, (int)(sizeof keys / sizeof keys[0]));
	snprintf(q, sizeof q, "%s %s", pr->label, _("(y/N)"));
	int rows = draw_wrapped(t, 0, t->rows, ROLE_UI_PROMPT, q, 0);
	if (rows > t->rows - 3)
		rows = t->rows - 3;
	draw_wrapped(t, y - rows + 1, rows, ROLE_UI_PROMPT, q, 1);
}

static void prompt_draw(struct tui *t, void *arg)
{
	struct prompt *pr = arg;

	if (pr->kind == PK_TEXT)
		draw_text(t, pr);
	else if (pr->kind == PK_CHOOSE)
		draw_menu(t, pr);
	else
		draw_confirm(t, pr);
}

static int is_enter(int k)
{
	return k == '\n' || k == '\r' || k == TK(KEY_ENTER);
}

/* A menu key: 1 when it decided (picked), 0 when it only moved or meant nothing. */
static int menu_key(struct prompt *pr, int k)
{
	if (k == TK(KEY_LEFT) || k == TK(KEY_UP) || k == TK(KEY_BTAB))
		pr->sel = (pr->sel + pr->n - 1) % pr->n;
	else if (k == TK(KEY_RIGHT) || k == TK(KEY_DOWN) || k == '\t')
		pr->sel = (pr->sel + 1) % pr->n;
	else if (k == TK(KEY_HOME))
		pr->sel = 0;
	else if (k == TK(KEY_END))
		pr->sel = pr->n - 1;
	else if (k == TK(KEY_PPAGE))
		pr->sel = pr->sel > 5 ? pr->sel - 5 : 0;
	else if (k == TK(KEY_NPAGE))
		pr->sel = pr->sel + 5 < pr->n ? pr->sel + 5 : pr->n - 1;
	else if (k >= '1' && k <= '0' + MENU_KEYS && k - '1' < pr->n) {
		pr->sel = k - '1';
		return 1;
	} else if (k > ' ' && k < 0x80 && !TK_IS_FUNCTION(k)) {
		/* a letter moves to the next option starting with it */
		for (int i = 1; i <= pr->n; i++) {
			int j = (pr->sel + i) % pr->n;
			if ((unsigned char)pr->options[j][0] == k) {
				pr->sel = j;
				break;
			}
		}
	}
	return 0;
}

/* Editing keys of a line of text. */
static void text_key(struct prompt *pr, int k)
{
	if (k == TK(KEY_BACKSPACE) || k == 127 || k == 8) {
		if (pr->cur > 0) {
			memmove(pr->text + pr->cur - 1, pr->text + pr->cur,
			        (size_t)(pr->len - pr->cur) * sizeof pr->text[0]);
			pr->cur--;
			pr->len--;
		}
	} else if (k == TK(KEY_DC)) {
		if (pr->cur < pr->len) {
			memmove(pr->text + pr->cur, pr->text + pr->cur + 1,
			        (size_t)(pr->len - pr->cur - 1) * sizeof pr->text[0]);
			pr->len--;
		}
	} else if (k == TK(KEY_LEFT)) {
		if (pr->cur > 0)
			pr->cur--;
	} else if (k == TK(KEY_RIGHT)) {
		if (pr->cur < pr->len)
			pr->cur++;
	} else if (k == TK(KEY_HOME) || k == TK_CTRL('a')) {
		pr->cur = 0;
	} else if (k == TK(KEY_END) || k == TK_CTRL('e')) {
		pr->cur = pr->len;
	} else if (k == TK_CTRL('u')) {
		pr->len = pr->cur = 0;
	} else if (k >= ' ' && !TK_IS_FUNCTION(k) && k != 127 && pr->len < PROMPT_MAX - 1) {
		memmove(pr->text + pr->cur + 1, pr->text + pr->cur,
		        (size_t)(pr->len - pr->cur) * sizeof pr->text[0]);
		pr->text[pr->cur++] = (unsigned)k;
		pr->len++;
	}
}

/* Enter on a line of text: 1 when the check accepts it (or there is none). */
static int text_accept(struct prompt *pr)
{
	char value[PROMPT_MAX * 4];

	if (!pr->check)
		return 1;
	encode(pr->text, pr->len, value, sizeof value);
	pr->why[0] = '\0';
	if (pr->check(value, pr->why, sizeof pr->why, pr->check_arg) == 0) {
		pr->why[0] = '\0';
		return 1;
	}
	if (!pr->why[0])
		snprintf(pr->why, sizeof pr->why, "%s", _("not accepted"));
	return 0;
}

/* Runs the prompt's loop; returns 1 when accepted (or yes), 0 when cancelled (or no). */
static int prompt_run(struct tui *t, struct prompt *pr)
{
	int result = -1;

	tui_prompt_overlay(t, prompt_draw, pr);
	while (result < 0) {
		tui_redraw(t);
		int k = tui_read_key(t);
		if (tui_stopping(t) || k == 27) {
			result = 0;
		} else if (k == TUI_KEY_TICK) {
			tui_tick(t);
		} else if (k == TK(KEY_RESIZE)) {
			/* the loop's redraw lays the screen out again; what was typed stays */
		} else if (pr->kind == PK_CONFIRM) {
			/* only y says yes: Enter is no, so a key pressed twice cannot agree */
			if (k == 'y' || k == 'Y')
				result = 1;
			else if (k == 'n' || k == 'N' || is_enter(k))
				result = 0;
		} else if (is_enter(k)) {
			if (pr->kind != PK_TEXT || text_accept(pr))
				result = 1;
		} else if (pr->kind == PK_CHOOSE) {
			if (menu_key(pr, k))
				result = 1;
		} else {
			text_key(pr, k);
		}
		if (result < 0)
			tui_prompt_after_key(t, k);
	}
	tui_prompt_overlay(t, NULL, NULL);
	curs_set(0);
	return result;
}

int tui_prompt(struct tui *t, const char *label, const char *initial, char *buf, size_t size)
{
	return tui_ask(t, label, initial, buf, size, NULL, NULL);
}

int tui_ask(struct tui *t, const char *label, const char *initial, char *buf, size_t size,
            tui_check_fn check, void *arg)
{
	struct prompt pr;

	memset(&pr, 0, sizeof pr);
	pr.kind = PK_TEXT;
	pr.label = label;
	pr.check = check;
	pr.check_arg = arg;
	if (initial)
		pr.len = pr.cur = decode(initial, pr.text, PROMPT_MAX - 1);
	if (!prompt_run(t, &pr))
		return 0;
	encode(pr.text, pr.len, buf, size);
	return 1;
}

int tui_choose(struct tui *t, const char *label, const char *const *options, int n)
{
	struct prompt pr;

	if (n <= 0)
		return -1;
	memset(&pr, 0, sizeof pr);
	pr.kind = PK_CHOOSE;
	pr.label = label;
	pr.options = options;
	pr.n = n;
	return prompt_run(t, &pr) ? pr.sel : -1;
}

int tui_confirm(struct tui *t, const char *question)
{
	struct prompt pr;

	memset(&pr, 0, sizeof pr);
	pr.kind = PK_CONFIRM;
	pr.label = question;
	return prompt_run(t, &pr);
}

/* ---- checks: the desk's own validation, run as each prompt is answered ---- */

int tui_check_reason(const char *value, char *why, size_t why_size, void *arg)
{
	(void)arg;
	return validate_reason(value, why, why_size);
}

int tui_check_action(const char *value, char *why, size_t why_size, void *arg)
{
	(void)arg;
	return validate_action(value, why, why_size);
}

int tui_check_carrier(const char *value, char *why, size_t why_size, void *arg)
{
	(void)arg;
	return validate_carrier(value, why, why_size);
}

int tui_check_tracking(const char *value, char *why, size_t why_size, void *arg)
{
	(void)arg;
	return validate_tracking(value, why, why_size);
}

int tui_check_field(const char *value, char *why, size_t why_size, void *arg)
{
	enum field f = *(const enum field *)arg;
	char bad[256];

	if (validate_field(f, value, bad, sizeof bad) == 0)
		return 0;
	snprintf(why, why_size, _("%s: %s (%s)"), field_name(f), bad, field_format(f));
	return -1;
}

int tui_check_datetime(const char *value, char *why, size_t why_size, void *arg)
{
	time_t t;

	(void)arg;
	if (validate_datetime(value, &t) == 0)
		return 0;
	snprintf(why, why_size, "%s", _("not a date and time: write YYYY-MM-DD HH:MM"));
	return -1;
}

int tui_check_delay(const char *value, char *why, size_t why_size, void *arg)
{
	struct tui *t = arg;
	char keep[sizeof t->desk->msg];
	int rc = 0;

	/* the desk's message is the action's outcome: the check leaves it as it was */
	text_copy(keep, desk_message(t->desk), sizeof keep);
	if (desk_delay_check(t->desk, value) != ST_OK) {
		snprintf(why, why_size, "%s", desk_message(t->desk));
		rc = -1;
	}
	text_copy(t->desk->msg, keep, sizeof t->desk->msg);
	return rc;
}
