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

static void help_draw(struct tui *t, void *state, int top, int height)
{
	struct help *h = state;
	int keyw = 16, vieww = 30;
	int rows = (int)tui_key_count + 2;

	if (h->scroll > rows - height)
		h->scroll = rows - height;
	if (h->scroll < 0)
		h->scroll = 0;
	for (int i = 0; i < height; i++) {
		int r = h->scroll + i, y = top + i;
		if (r == 0) {
			tui_put(t, y, 1, t->cols - 2, ROLE_UI_TITLE, _("Keys (q goes back)"));
			continue;
		}
		if (r == 1)
			continue;
		if (r - 2 >= (int)tui_key_count)
			break;
		const struct tui_key *k = &tui_keys[r - 2];
		char keys[96], views[128];
		tui_key_names(k, keys, sizeof keys);
		views_text(k->views, views, sizeof views);
		tui_put(t, y, 1, keyw, ROLE_UI_HINT_KEY, keys);
		int x = 1 + keyw + 1;
		int helpw = t->cols - x - vieww - 2;
		tui_put(t, y, x, helpw, ROLE_UI_NORMAL, _(k->help));
		tui_put(t, y, t->cols - vieww - 1, vieww, ROLE_UI_DIM, views);
	}
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
		h->scroll = (int)tui_key_count;
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
