/* Colour roles mapped to attributes per scheme: 256 colours, 8 colours, monochrome. */
#include <curses.h>

#include "ordesk/tui_theme.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/*
 * One row per role, in TUI_ROLE_LIST order: foreground, background and
 * attributes for 256 colours, for 8 colours, and the attributes alone for
 * monochrome (where the glyphs and words carry the meaning).  -1 is the
 * terminal's default colour.
 */
struct role_style {
	short fg256, bg256;
	int attr256;
	short fg8, bg8;
	int attr8;
	int mono;
};

/*
 * Light and dark terminals alike: a role drawn on the terminal's own
 * background (-1) uses the default foreground or a mid-tone colour that
 * keeps a contrast of at least 3:1 against both white and black (256
 * colours); roles with a background of their own keep 4.5:1 against it.
 * In 8 colours, whose shades the terminal's theme decides, no role on the
 * default background is white, black or yellow (one of them vanishes on
 * every background): the at-risk card is black on yellow instead, and the
 * in-time card keeps the default colour (its glyph and word say it).
 * `ordesk board --colours` prints this table; tests/sh/t40_board_tmux.sh
 * measures the contrasts.
 */
static const struct role_style styles[ROLE_UI_COUNT] = {
	[ROLE_UI_NORMAL]      = { -1, -1, 0,              -1, -1, 0,                     0 },
	[ROLE_UI_HEADER]      = { 255, 24, A_BOLD,        COLOR_WHITE, COLOR_BLUE, A_BOLD, A_REVERSE | A_BOLD },
	[ROLE_UI_SURGE]       = { 226, 24, A_BOLD,        COLOR_YELLOW, COLOR_BLUE, A_BOLD, A_REVERSE | A_BOLD | A_UNDERLINE },
	[ROLE_UI_TITLE]       = { 252, 238, A_BOLD,       COLOR_WHITE, COLOR_BLACK, A_BOLD, A_BOLD },
	[ROLE_UI_TITLE_FOCUS] = { 16, 153, A_BOLD,        COLOR_BLACK, COLOR_CYAN, A_BOLD, A_BOLD | A_UNDERLINE },
	[ROLE_UI_CARD_OK]     = { 28, -1, 0,              COLOR_GREEN, -1, 0,            0 },
	[ROLE_UI_CARD_BUSY]   = { 136, -1, 0,             -1, -1, 0,                     0 },
	[ROLE_UI_CARD_RISK]   = { 166, -1, A_BOLD,        COLOR_BLACK, COLOR_YELLOW, 0,  A_BOLD },
	[ROLE_UI_CARD_LATE]   = { 160, -1, A_BOLD,        COLOR_RED, -1, A_BOLD,         A_BOLD | A_UNDERLINE },
	[ROLE_UI_SELECTION]   = { 255, 25, A_BOLD,        COLOR_WHITE, COLOR_BLUE, A_BOLD, A_REVERSE },
	[ROLE_UI_MARK]        = { 226, 238, A_BOLD,       COLOR_YELLOW, COLOR_BLACK, A_BOLD, A_BOLD | A_REVERSE },
	[ROLE_UI_RULE]        = { 244, -1, 0,             COLOR_BLUE, -1, 0,             0 },
	[ROLE_UI_STATUS]      = { -1, -1, 0,              -1, -1, 0,                     0 },
	[ROLE_UI_STATUS_ERR]  = { 231, 124, A_BOLD,       COLOR_WHITE, COLOR_RED, A_BOLD, A_BOLD | A_REVERSE },
	[ROLE_UI_HINT]        = { 250, 236, 0,            COLOR_WHITE, COLOR_BLACK, 0,   0 },
	[ROLE_UI_HINT_KEY]    = { 117, 236, A_BOLD,       COLOR_CYAN, COLOR_BLACK, A_BOLD, A_BOLD },
	[ROLE_UI_LABEL]       = { 31, -1, 0,              COLOR_CYAN, -1, 0,             A_BOLD },
	[ROLE_UI_PROMPT]      = { 231, 22, A_BOLD,        COLOR_WHITE, COLOR_GREEN, A_BOLD, A_REVERSE },
	[ROLE_UI_FILTER]      = { 16, 221, A_BOLD,        COLOR_BLACK, COLOR_YELLOW, 0,  A_UNDERLINE | A_BOLD },
	[ROLE_UI_DIM]         = { 244, -1, 0,             -1, -1, A_DIM,                 A_DIM },
};

static enum tui_scheme scheme = SCHEME_MONO;
static int attrs[ROLE_UI_COUNT];

/*
 * COLORS is only known once start_color() has run (before, it is 0 and
 * every terminal looked like an 8-colour one).
 */
static enum tui_scheme pick_scheme(void)
{
	const char *force = getenv("ORDESK_COLORS");
	const char *no_color = getenv("NO_COLOR");

	if (force && strcmp(force, "mono") == 0)
		return SCHEME_MONO;
	/* https://no-color.org: present and not empty. */
	if (no_color && *no_color)
		return SCHEME_MONO;
	if (!has_colors() || start_color() == ERR)
		return SCHEME_MONO;
	use_default_colors();
	if (force && strcmp(force, "8") == 0)
		return SCHEME_8;
	/* ORDESK_COLORS=256 asks no more than the terminal has. */
	return COLORS >= 256 ? SCHEME_256 : SCHEME_8;
}

enum tui_scheme tui_theme_init(void)
{
	scheme = pick_scheme();
	for (int r = 0; r < ROLE_UI_COUNT; r++) {
		const struct role_style *s = &styles[r];
		if (scheme == SCHEME_MONO) {
			attrs[r] = s->mono;
			continue;
		}
		short fg = scheme == SCHEME_256 ? s->fg256 : s->fg8;
		short bg = scheme == SCHEME_256 ? s->bg256 : s->bg8;
		int pair = r + 1;
		init_pair((short)pair, fg, bg);
		attrs[r] = (scheme == SCHEME_256 ? s->attr256 : s->attr8) | (int)COLOR_PAIR(pair);
	}
	return scheme;
}

int tui_theme_attr(enum tui_role role)
{
	return (role >= 0 && role < ROLE_UI_COUNT) ? attrs[role] : 0;
}

enum tui_role tui_theme_health(enum health h)
{
	switch (h) {
	case HEALTH_GREEN:
		return ROLE_UI_CARD_OK;
	case HEALTH_AT_RISK:
		return ROLE_UI_CARD_RISK;
	case HEALTH_RED:
		return ROLE_UI_CARD_LATE;
	case HEALTH_YELLOW:
	case HEALTH_COUNT:
		break;
	}
	return ROLE_UI_CARD_BUSY;
}

const char *tui_glyph(int utf8, enum tui_glyph g)
{
#define TUI_GLYPH_ROW(id, u, a, m) { u, a },
	static const char *const glyphs[GLYPH_COUNT][2] = { TUI_GLYPH_LIST(TUI_GLYPH_ROW) };
#undef TUI_GLYPH_ROW
	if (g < 0 || g >= GLYPH_COUNT)
		return "?";
	return glyphs[g][utf8 ? 0 : 1];
}

const char *tui_glyph_meaning(enum tui_glyph g)
{
#define TUI_GLYPH_MEANING(id, u, a, m) m,
	static const char *const meanings[GLYPH_COUNT] = { TUI_GLYPH_LIST(TUI_GLYPH_MEANING) };
#undef TUI_GLYPH_MEANING
	return g >= 0 && g < GLYPH_COUNT ? meanings[g] : NULL;
}

const char *tui_scheme_name(enum tui_scheme s)
{
	return s == SCHEME_256 ? "256" : s == SCHEME_8 ? "8" : "mono";
}

void tui_theme_print(FILE *fp)
{
#define TUI_ROLE_NAME(id, name) name,
	static const char *const names[ROLE_UI_COUNT] = { TUI_ROLE_LIST(TUI_ROLE_NAME) };
#undef TUI_ROLE_NAME
	for (int r = 0; r < ROLE_UI_COUNT; r++) {
		const struct role_style *s = &styles[r];
		fprintf(fp, "%s\t256\t%d\t%d\n", names[r], s->fg256, s->bg256);
		fprintf(fp, "%s\t8\t%d\t%d\n", names[r], s->fg8, s->bg8);
	}
}
