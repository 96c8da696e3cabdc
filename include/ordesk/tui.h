#ifndef ORDESK_TUI_H
#define ORDESK_TUI_H

#include <stddef.h>
#include <time.h>

#include "ordesk/desk.h"
#include "ordesk/desk_board.h"
#include "ordesk/store_order.h"
#include "ordesk/tui_keys.h"
#include "ordesk/tui_theme.h"

/*
 * The full-screen frame: one screen, one input loop, a stack of views.
 *
 * Screen layout (the frame owns rows 0, rows-2 and rows-1):
 *   row 0            the header (store, counts, surge, operator, clock)
 *   rows 1..rows-3   the body of the current view (view->draw)
 *   row rows-2       the status line (a message, else a rule)
 *   row rows-1       the hint bar, generated from the key table
 *
 * HOW TO ADD A VIEW (e.g. src/tui/view_stock.c):
 *   1. Define `const struct tui_view tui_view_NAME = { ... };` in your file,
 *      declare it below and list it in view_by_digit() (src/tui/frame.c).
 *   2. open() allocates your state the first time (*state is NULL) and reads
 *      what you show through desk/ (never SQL); it is called again each time
 *      the view is shown, so keep the place you were at.
 *   3. draw() draws rows top..top+height-1 with tui_put()/tui_fill(), never
 *      clear()/refresh(): the frame erases and lets ncurses send only what
 *      changed.  draw() must not touch the store.
 *   4. key() gets the action of the key table row the key matched (or
 *      ACT_NONE and the raw key): return TUI_HANDLED or TUI_IGNORED.  Moving
 *      actions (ACT_UP, ACT_PGDN, ...) are already in the table.
 *   5. reload() is called when another process committed (data_version) or
 *      the minute turned: re-read what is visible.
 *   6. focused() returns the number of the order in focus (or NULL): that
 *      is what the order actions of the key table act on.
 *   7. Put the view's digit in its `digit` and its mask bit (TV_STOCK, ...)
 *      in the key table rows that apply to it.
 *
 * HOW TO ADD A KEY ACTION ON AN ORDER (x raise, r resolve, L lock, U release):
 *   add one row to TUI_ORDER_ACTION_LIST in include/ordesk/tui_keys.h and
 *   define its handler in your own file:
 *       enum status tui_act_lock(struct tui *t, const struct order *o);
 *   The board and the order view call it with the focused order freshly read;
 *   ask what you need with tui_prompt()/tui_choose()/tui_confirm(), call desk/,
 *   and return the status: the frame shows desk_message() on the status line
 *   (a refusal changes nothing) and reloads the views.  Add the key to the
 *   KEYS section of man/ordesk.1 (t40_board_keys.sh compares it with the table).
 */

struct tui;

/* What key() answers. */
enum tui_reaction {
	TUI_IGNORED = 0,   /* not mine: the frame tries its own actions */
	TUI_HANDLED = 1    /* done; the frame redraws (ncurses sends only what changed) */
};

struct tui_view {
	const char *name;       /* shown in the header and the help */
	int digit;              /* '1'..'9': the key that shows it; 0: opened otherwise */
	unsigned mask;          /* TV_*: which key table rows apply here */
	enum status (*open)(struct tui *t, void **state, const char *arg);
	void (*draw)(struct tui *t, void *state, int top, int height);
	int (*key)(struct tui *t, void *state, enum tui_action a, int ch);
	void (*reload)(struct tui *t, void *state);
	void (*close)(struct tui *t, void *state);
	const char *(*focused)(struct tui *t, void *state);
	/* The stage the view shows that order in (NULL or -1: it shows none); the
	 * order actions name it, so an order moved meanwhile is left alone. */
	int (*focused_stage)(struct tui *t, void *state);
};

/* The views ordesk knows. */
extern const struct tui_view tui_view_board;
extern const struct tui_view tui_view_order;
extern const struct tui_view tui_view_help;
extern const struct tui_view tui_view_exceptions;
extern const struct tui_view tui_view_stock;
extern const struct tui_view tui_view_alerts;
extern const struct tui_view tui_view_report;

/* The frame's state; views read the public fields. */
struct tui {
	struct desk *desk;
	int rows, cols;          /* the screen size */
	int utf8;                /* the locale can show UTF-8 glyphs */
	time_t now;              /* desk_now() at the last tick */
	int scripted;            /* keys come from ORDESK_KEYS */
	struct board_filter filter;   /* the board's filter (always shown) */
	struct board_header header;   /* counts under the filter, read at each reload */
	int alerts;                   /* escalations waiting, read with the header */
	struct tui_private *priv;
};

/* Options cmd_board passes. */
struct tui_options {
	const char *keys;        /* scripted keys (ORDESK_KEYS), or NULL for the terminal */
	const char *dump;        /* file the screen is dumped to in scripted mode */
	int dump_every;          /* dump every screen, not only the last */
	int rows, cols;          /* scripted screen size */
	int timing;              /* print first paint and key latencies (ORDESK_TIMING) */
};

/* Runs the board until the operator quits; restores the terminal. */
enum status tui_run(struct desk *d, const struct tui_options *opt, char *err, size_t err_size);

/* Shows view (pushed over the current one; `q` comes back), passing arg to its open(). */
enum status tui_show(struct tui *t, const struct tui_view *view, const char *arg);
/* Goes back to the view under the current one (quits from the bottom one). */
void tui_back(struct tui *t);
/* Asks the loop to end. */
void tui_quit(struct tui *t);

/* The status line: a message for the operator (cleaned before drawing). */
void tui_status(struct tui *t, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void tui_error(struct tui *t, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Shows desk_message() as a message (ST_OK) or an error (anything else). */
void tui_status_desk(struct tui *t, enum status st);
/* Tells every view to re-read (after a write of our own). */
void tui_changed(struct tui *t);

/* Draws the whole screen now (prompts call it behind themselves). */
void tui_redraw(struct tui *t);

/*
 * Draws untrusted text at (y, x) in at most width columns with the role's
 * attributes: cleaned of control characters (text_clean), cut by display
 * width (text_fit), never splitting a wide character; text that is cut ends
 * in "…" ("~" without UTF-8).  Returns the columns used.
 */
int tui_put(struct tui *t, int y, int x, int width, enum tui_role role, const char *text);
/* Cuts clean text to width columns as tui_put does, ending in the cut mark
 * when it does not fit; returns the columns used. */
int tui_fit(const struct tui *t, const char *text, int width, char *out, size_t size);
/* Like tui_put, padding with spaces to exactly width columns. */
int tui_put_pad(struct tui *t, int y, int x, int width, enum tui_role role, const char *text);

/* Scrolling lists in views: applies a moving action (up, down, pages of
 * page rows, home, end) to *focus over n rows and keeps it in range;
 * returns 0, changing nothing, for any other action. */
int tui_list_move(int *focus, int n, int page, enum tui_action a);
/* Keeps *focus in 0..n-1 (0 when the list is empty). */
void tui_list_clamp(int *focus, int n);
/* The first row to show, from *top, so that focus is within rows rows. */
void tui_list_follow(int *top, int focus, int rows);
/* Fills width columns at (y, x) with spaces in the role's attributes. */
void tui_fill(struct tui *t, int y, int x, int width, enum tui_role role);

/* The one fatal path: restores the terminal, prints the message, exits 70. */
void tui_fatal(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));

/*
 * Runs the order action of a key table row on the order numbered order_no,
 * which the operator saw in stage seen (-1: unknown): reads it, refuses
 * ("already moved by ...") when it is in another stage, else calls the
 * handler, whose desk call is refused in turn if the order moves while it
 * asks; shows the outcome on the status line.
 */
void tui_order_action(struct tui *t, const struct tui_key *k, const char *order_no, int seen);

/* Prompts (resize-safe; all state survives a resize).  See tui_prompt.h. */
#include "ordesk/tui_prompt.h"

#endif
