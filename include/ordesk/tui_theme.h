#ifndef ORDESK_TUI_THEME_H
#define ORDESK_TUI_THEME_H

#include "ordesk/catalog.h"
#include "ordesk/i18n.h"

#include <stdio.h>

/*
 * Colour roles, declared once.  src/tui/theme.c maps each role to
 * attributes per scheme: 256 colours, 8 colours, and monochrome (bold,
 * reverse, underline; chosen when the terminal has no colours or NO_COLOR
 * is set).  Views draw with roles, never with colour numbers.
 */
#define TUI_ROLE_LIST(X) \
	X(NORMAL,      "normal") \
	X(HEADER,      "header") \
	X(SURGE,       "surge") \
	X(TITLE,       "title") \
	X(TITLE_FOCUS, "title-focus") \
	X(CARD_OK,     "card-ok") \
	X(CARD_BUSY,   "card-busy") \
	X(CARD_RISK,   "card-risk") \
	X(CARD_LATE,   "card-late") \
	X(SELECTION,   "selection") \
	X(MARK,        "mark") \
	X(RULE,        "rule") \
	X(STATUS,      "status") \
	X(STATUS_ERR,  "status-error") \
	X(HINT,        "hint") \
	X(HINT_KEY,    "hint-key") \
	X(LABEL,       "label") \
	X(PROMPT,      "prompt") \
	X(FILTER,      "filter") \
	X(DIM,         "dim")

#define TUI_ROLE_ENUM(id, name) ROLE_UI_##id,
enum tui_role { TUI_ROLE_LIST(TUI_ROLE_ENUM) ROLE_UI_COUNT };
#undef TUI_ROLE_ENUM

enum tui_scheme { SCHEME_256, SCHEME_8, SCHEME_MONO };

/* Glyphs the frame draws, each with a UTF-8 and an ASCII form and what it
 * means in the help's legend (NULL: drawing only, not explained). */
#define TUI_GLYPH_LIST(X) \
	X(VLINE,   "\xe2\x94\x82", "|",  NULL) \
	X(HLINE,   "\xe2\x94\x80", "-",  NULL) \
	X(MORE_L,  "\xe2\x97\x80", "<",  N_("more to the left (h or Left)")) \
	X(MORE_R,  "\xe2\x96\xb6", ">",  N_("more to the right (l or Right)")) \
	X(MORE_U,  "\xe2\x96\xb2", "^",  N_("more above")) \
	X(MORE_D,  "\xe2\x96\xbc", "v",  N_("more below")) \
	X(DOT,     "\xc2\xb7",     "-",  NULL) \
	X(ARROW,   "\xe2\x86\x92", "->", NULL) \
	X(SURGE,   "\xe2\x87\x91", "!",  N_("a surge day on that channel")) \
	X(FOCUS,   "\xe2\x96\x8c", ">",  N_("the card or line in focus"))

#define TUI_GLYPH_ENUM(id, utf8, ascii, meaning) GLYPH_##id,
enum tui_glyph { TUI_GLYPH_LIST(TUI_GLYPH_ENUM) GLYPH_COUNT };
#undef TUI_GLYPH_ENUM

/* Picks the scheme for this terminal (has_colors, COLORS, NO_COLOR) and sets
 * up the colour pairs; call after the screen is up.  ORDESK_COLORS=256|8|mono
 * overrides. */
enum tui_scheme tui_theme_init(void);
/* The curses attributes (pair included) of a role in the current scheme. */
int tui_theme_attr(enum tui_role role);
/* The role a card of this health is drawn in. */
enum tui_role tui_theme_health(enum health h);
/* A glyph in UTF-8 or ASCII. */
const char *tui_glyph(int utf8, enum tui_glyph g);
/* What a glyph means (for the help's legend), untranslated; NULL when it only draws. */
const char *tui_glyph_meaning(enum tui_glyph g);
/* The scheme's name ("256", "8", "mono"). */
const char *tui_scheme_name(enum tui_scheme s);
/* Prints the colours of every role (ordesk board --colours): role TAB scheme
 * TAB foreground TAB background, one line each, -1 the terminal's default. */
void tui_theme_print(FILE *fp);

#endif
