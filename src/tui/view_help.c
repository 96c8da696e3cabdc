/* The help view: generated from the key table, the same rows as the hint bar and the man page. */
#include <curses.h>

#include "ordesk/tui.h"
#include "ordesk/i18n.h"
#include "ordesk/text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct help {
	int scroll;
	int lines;      /* at the last draw */
};

static void views_text(unsigned mask, char *buf, size_t size)
{
	static const struct {
		unsigned bit;
		const char *name;
	} names[] = {
		{ TV_BOARD, N_("board") }, { TV_ORDER, N_("order") }, { TV_HELP, N_("help") },
		{ TV_EXCEPTIONS, N_("exceptions") }, { TV_STOCK, N_("stock") },
		{ TV_ALERTS, N_("alerts") }, { TV_REPORT, N_("report") },
	};
	size_t n = 0;

	buf[0] = '\0';
	if ((mask & TV_ALL) == TV_ALL) {
		snprintf(buf, size, "%s", _("everywhere"));
		return;
	}
	for (size_t i = 0; i < sizeof names / sizeof names[0] && n < size; i++)
		if (mask & names[i].bit)
			n += (size_t)snprintf(buf + n, size - n, "%s%s", n ? ", " : "", _(names[i].name));
}

static enum status help_open(struct tui *t, void **state, const char *arg)
{
	(void)t;
	(void)arg;
	if (!*state && !(*state = calloc(1, sizeof(struct help))))
		tui_fatal("out of memory");
	return ST_OK;
}

/*
 * The help is built as lines for the width it is drawn at: each key with
 * its help wrapped beside it (the views it works in at the end, dimmed),
 * then a legend of the glyphs, from the catalogue's and the frame's lists.
 */
enum help_kind { HL_TITLE, HL_KEY, HL_BLANK };
struct help_line {
	enum help_kind kind;
	char key[96];
	char text[256];
	char views[128];     /* dimmed at the right */
};
#define HELP_LINES 600

static int add(struct help_line *l, int n, enum help_kind kind, const char *key, const char *text)
{
	if (n >= HELP_LINES)
		return n;
	l[n].kind = kind;
	l[n].views[0] = '\0';
	text_copy(l[n].key, key ? key : "", sizeof l[n].key);
	text_copy(l[n].text, text ? text : "", sizeof l[n].text);
	return n + 1;
}

/* key and text wrapped in width columns; the first line carries the key. */
static int add_wrapped(struct help_line *l, int n, const char *key, const char *text, int width)
{
	char clean[1024], line[256];
	const char *p = clean;

	text_clean(text, clean, sizeof clean);
	do {
		text_wrap(p, width, line, sizeof line, &p);
		n = add(l, n, HL_KEY, key, line);
		key = "";
	} while (*p);
	return n;
}

static int build(struct tui *t, struct help_line *l, int keyw)
{
	int width = t->cols - keyw - 3, n = 0;
	char one[256], glyph[32];

	if (width < 10)
		width = 10;
	n = add(l, n, HL_TITLE, NULL, _("Keys (q goes back)"));
	n = add(l, n, HL_BLANK, NULL, NULL);
	for (size_t i = 0; i < tui_key_count; i++) {
		const struct tui_key *k = &tui_keys[i];
		char keys[96], views[128];
		tui_key_names(k, keys, sizeof keys);
		views_text(k->views, views, sizeof views);
		n = add_wrapped(l, n, keys, _(k->help), width);
		/* the views beside the last line when they fit, else below it */
		if (text_width(l[n - 1].text) + 3 + text_width(views) > width)
			n = add(l, n, HL_KEY, "", "");
		text_copy(l[n - 1].views, views, sizeof l[n - 1].views);
	}
	n = add(l, n, HL_BLANK, NULL, NULL);
	n = add(l, n, HL_TITLE, NULL, _("What the glyphs mean"));
	n = add(l, n, HL_BLANK, NULL, NULL);
	for (int p = 0; p < PRIO_COUNT; p++) {
		const char *g = priority_glyph((enum priority)p, t->utf8);
		if (strcmp(g, " ") == 0)
			continue;   /* normal has none */
		snprintf(one, sizeof one, _("priority %s"), priority_name((enum priority)p));
		n = add_wrapped(l, n, g, one, width);
	}
	for (int h = 0; h < HEALTH_COUNT; h++) {
		snprintf(one, sizeof one, _("health: %s"), health_word((enum health)h));
		n = add_wrapped(l, n, health_glyph((enum health)h, t->utf8), one, width);
	}
	for (int g = 0; g < GLYPH_COUNT; g++) {
		const char *m = tui_glyph_meaning((enum tui_glyph)g);
		if (!m)
			continue;
		text_copy(glyph, tui_glyph(t->utf8, (enum tui_glyph)g), sizeof glyph);
		n = add_wrapped(l, n, glyph, _(m), width);
	}
	return n;
}

static void help_draw(struct tui *t, void *state, int top, int height)
{
	static struct help_line lines[HELP_LINES];
	struct help *h = state;
	int keyw = t->cols >= 100 ? 16 : 14;
	int n = build(t, lines, keyw);

	if (h->scroll > n - height)
		h->scroll = n - height;
	if (h->scroll < 0)
		h->scroll = 0;
	h->lines = n;
	int y = top;
	for (int r = h->scroll; r < n && y < top + height; r++) {
		const struct help_line *l = &lines[r];
		int x = 1 + keyw + 1;
		switch (l->kind) {
		case HL_TITLE:
			tui_put(t, y, 1, t->cols - 2, ROLE_UI_TITLE, l->text);
			break;
		case HL_KEY:
			tui_put(t, y, 1, keyw, ROLE_UI_HINT_KEY, l->key);
			tui_put(t, y, x, t->cols - x - 1, ROLE_UI_NORMAL, l->text);
			if (l->views[0]) {
				int vw = text_width(l->views);
				tui_put(t, y, t->cols - 2 - vw, vw + 1, ROLE_UI_DIM, l->views);
			}
			break;
		case HL_BLANK:
			break;
		}
		y++;
	}
	if (h->scroll + height < n)
		tui_put(t, top + height - 1, t->cols - 1, 1, ROLE_UI_MARK, tui_glyph(t->utf8, GLYPH_MORE_D));
}

static int help_key(struct tui *t, void *state, enum tui_action a, int ch)
{
	struct help *h = state;

	(void)ch;
	switch (a) {
	case ACT_UP:
		h->scroll--;
		break;
	case ACT_DOWN:
		h->scroll++;
		break;
	case ACT_PGUP:
		h->scroll -= t->rows - 4;
		break;
	case ACT_PGDN:
		h->scroll += t->rows - 4;
		break;
	case ACT_HOME:
		h->scroll = 0;
		break;
	case ACT_END:
		h->scroll = h->lines;
		break;
	default:
		return TUI_IGNORED;
	}
	if (h->scroll < 0)
		h->scroll = 0;
	return TUI_HANDLED;
}

static void help_close(struct tui *t, void *state)
{
	(void)t;
	free(state);
}

const struct tui_view tui_view_help = {
	.name = N_("help"),
	.digit = 0,
	.mask = TV_HELP,
	.open = help_open,
	.draw = help_draw,
	.key = help_key,
	.reload = NULL,
	.close = help_close,
	.focused = NULL,
};
