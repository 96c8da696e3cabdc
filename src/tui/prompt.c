/*
 * Prompts on the status line.  Each runs a small input loop of its own that
 * keeps what was typed through resizes (KEY_RESIZE redraws the whole screen
 * behind it), a too-small terminal and ticks of the clock.
 */
#include <curses.h>

#include "ordesk/tui.h"
#include "ordesk/tui_frame.h"
#include "ordesk/i18n.h"
#include "ordesk/text.h"

#include <string.h>

#define PROMPT_MAX 256

enum prompt_kind { PK_TEXT, PK_CHOOSE, PK_CONFIRM };

struct prompt {
	enum prompt_kind kind;
	const char *label;
	unsigned text[PROMPT_MAX];     /* code points */
	int len, cur;
	const char *const *options;
	int n, sel;
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

static void prompt_draw(struct tui *t, void *arg)
{
	struct prompt *pr = arg;
	int y = t->rows - 2, x;
	char label[256];

	tui_fill(t, y, 0, t->cols, ROLE_UI_PROMPT);
	snprintf(label, sizeof label, "%s ", pr->label);
	x = tui_put(t, y, 0, t->cols - 1, ROLE_UI_PROMPT, label);
	if (pr->kind == PK_TEXT) {
		char before[PROMPT_MAX * 4], all[PROMPT_MAX * 4];
		char cb[PROMPT_MAX * 8];
		encode(pr->text, pr->cur, before, sizeof before);
		encode(pr->text, pr->len, all, sizeof all);
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
		return;
	}
	if (pr->kind == PK_CONFIRM) {
		tui_put(t, y, x, t->cols - x, ROLE_UI_PROMPT, _("(y/n)"));
		return;
	}
	for (int i = 0; i < pr->n && x < t->cols; i++) {
		char opt[128];
		snprintf(opt, sizeof opt, i == pr->sel ? "[%s]" : " %s ", pr->options[i]);
		x += tui_put(t, y, x, t->cols - x, i == pr->sel ? ROLE_UI_SELECTION : ROLE_UI_PROMPT, opt);
	}
}

static int is_enter(int k)
{
	return k == '\n' || k == '\r' || k == TK(KEY_ENTER);
}

/* Runs the prompt's loop; returns 1 when accepted, 0 when cancelled. */
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
		} else if (is_enter(k)) {
			result = 1;
		} else if (pr->kind == PK_CONFIRM) {
			result = (k == 'y' || k == 'Y');
		} else if (pr->kind == PK_CHOOSE) {
			/* Letters pick by their first letter, so only arrows and Tab move. */
			if (k == TK(KEY_LEFT) || k == TK(KEY_UP) || k == TK(KEY_BTAB))
				pr->sel = (pr->sel + pr->n - 1) % pr->n;
			else if (k == TK(KEY_RIGHT) || k == TK(KEY_DOWN) || k == '\t')
				pr->sel = (pr->sel + 1) % pr->n;
			else if (k == TK(KEY_HOME))
				pr->sel = 0;
			else if (k == TK(KEY_END))
				pr->sel = pr->n - 1;
			else if (k > ' ' && !TK_IS_FUNCTION(k)) {
				for (int i = 1; i <= pr->n; i++) {
					int j = (pr->sel + i) % pr->n;
					if ((unsigned char)pr->options[j][0] == k) {
						pr->sel = j;
						break;
					}
				}
			}
		} else if (k == TK(KEY_BACKSPACE) || k == 127 || k == 8) {
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
		if (result < 0)
			tui_prompt_after_key(t, k);
	}
	tui_prompt_overlay(t, NULL, NULL);
	curs_set(0);
	return result;
}

int tui_prompt(struct tui *t, const char *label, const char *initial, char *buf, size_t size)
{
	struct prompt pr;

	memset(&pr, 0, sizeof pr);
	pr.kind = PK_TEXT;
	pr.label = label;
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
