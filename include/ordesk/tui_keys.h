#ifndef ORDESK_TUI_KEYS_H
#define ORDESK_TUI_KEYS_H

#include <stddef.h>
#include <stdio.h>

#include "ordesk/i18n.h"
#include "ordesk/status.h"

/*
 * The key table: every key action of the full-screen program, declared once.
 * It drives the dispatch, the hint bar, the `?` help view, `ordesk board
 * --keys` and, through a test, the KEYS section of the man page.
 *
 * A key is a character (its code point) or a curses function key wrapped in
 * TK(): TK(KEY_UP).  Up to three keys per row; 0 fills the rest.
 */
#define TK(curses_key) (0x40000000 | (curses_key))
#define TK_IS_FUNCTION(k) (((k) & 0x40000000) != 0)
#define TK_CTRL(c) ((c) & 0x1f)

/* Where a row applies: one bit per view, X(ID, bit, name). */
#define TUI_VIEW_MASK_LIST(X) \
	X(BOARD,      0, "board") \
	X(ORDER,      1, "order") \
	X(HELP,       2, "help") \
	X(EXCEPTIONS, 3, "exceptions") \
	X(STOCK,      4, "stock") \
	X(ALERTS,     5, "alerts") \
	X(REPORT,     6, "report")
#define TUI_VIEW_MASK_ENUM(id, bit, name) TV_##id = 1u << (bit),
enum tui_view_mask {
	TUI_VIEW_MASK_LIST(TUI_VIEW_MASK_ENUM)
	TV_ALL        = 0x7fu
};
#undef TUI_VIEW_MASK_ENUM
#define TV_LISTS (TV_BOARD | TV_EXCEPTIONS | TV_STOCK | TV_ALERTS)

/*
 * Actions the views and the frame carry out themselves:
 *   X(ID, key1, key2, key3, name, hint, help, views)
 * where hint is HINT(rank, label) for a key the hint bar shows, lowest rank
 * first (the keys used most come first, so that an 80-column bar keeps
 * them; 90 and above are always shown), or NO_HINT.
 * Key codes are the curses ones (KEY_UP ...): include <curses.h> before
 * expanding the list (src/tui/ does).
 */
#define HINT(rank, label) rank, label
#define NO_HINT 0, NULL
#define TUI_HINT_ALWAYS 90

#define TUI_KEY_LIST(X) \
	X(UP,         TK(KEY_UP),    'k', 0,   "up",        NO_HINT,           N_("move up"), TV_ALL) \
	X(DOWN,       TK(KEY_DOWN),  'j', 0,   "down",      NO_HINT,           N_("move down"), TV_ALL) \
	X(LEFT,       TK(KEY_LEFT),  'h', 0,   "left",      NO_HINT,           N_("the column to the left; stock: scroll the columns"), TV_BOARD | TV_REPORT | TV_STOCK) \
	X(RIGHT,      TK(KEY_RIGHT), 'l', 0,   "right",     NO_HINT,           N_("the column to the right; stock: scroll the columns"), TV_BOARD | TV_REPORT | TV_STOCK) \
	X(PGUP,       TK(KEY_PPAGE), 0, 0,     "page-up",   NO_HINT,           N_("a page up"), TV_ALL) \
	X(PGDN,       TK(KEY_NPAGE), 0, 0,     "page-down", NO_HINT,           N_("a page down"), TV_ALL) \
	X(HOME,       TK(KEY_HOME),  'g', 0,   "first",     NO_HINT,           N_("the first card or line"), TV_ALL) \
	X(END,        TK(KEY_END),   'G', 0,   "last",      NO_HINT,           N_("the last card or line"), TV_ALL) \
	X(OPEN,       '\n', TK(KEY_ENTER), 0,  "open",      HINT(1, N_("open")),     N_("open the order in focus"), TV_LISTS) \
	X(SEARCH,     '/', 0, 0,               "search",    HINT(4, N_("search")),   N_("search the start of an order number, channel order id, customer, phone or SKU (from an order too)"), TV_BOARD | TV_ORDER) \
	X(NEXT_MATCH, 'n', 0, 0,               "next",      NO_HINT,           N_("the next match of the search"), TV_BOARD) \
	X(PREV_MATCH, 'N', 0, 0,               "previous",  NO_HINT,           N_("the previous match of the search"), TV_BOARD) \
	X(FILTER,     'f', 0, 0,               "filter",    HINT(5, N_("filter")),   N_("filter by channel, priority, health or mine (exceptions: by kind)"), TV_BOARD | TV_EXCEPTIONS) \
	X(UNFILTER,   'F', 0, 0,               "unfilter",  NO_HINT,           N_("clear the filter"), TV_BOARD | TV_EXCEPTIONS) \
	X(ACK,        'a', 0, 0,               "acknowledge", HINT(2, N_("acknowledge")), N_("acknowledge the alert in focus (supervisor)"), TV_ALERTS) \
	X(ALL_ALERTS, 'A', 0, 0,               "all-alerts", NO_HINT,          N_("show acknowledged alerts too, or only waiting ones"), TV_ALERTS) \
	X(EXPORT,     'o', 0, 0,               "export",    HINT(2, N_("export")),   N_("write the report to a file: txt, csv, md or html after its name"), TV_REPORT) \
	X(STOCK_SEARCH, '/', 0, 0,             "stock-search", HINT(4, N_("search")), N_("stock: only the SKUs whose code or name holds a text"), TV_STOCK) \
	X(STOCK_FILTER, 'f', 0, 0,             "stock-filter", HINT(5, N_("filter")), N_("stock: all, low (available below safety stock) or short (orders wait)"), TV_STOCK) \
	X(STOCK_SORT, 's', 0, 0,               "sort",      HINT(6, N_("sort")),     N_("stock: sort by SKU, available, waiting or reorder"), TV_STOCK) \
	X(RECEIVE,    'R', 0, 0,               "receive",   HINT(3, N_("receive")),  N_("stock: receive units of the SKU in focus; waiting orders are locked"), TV_STOCK) \
	X(ADJUST,     'a', 0, 0,               "adjust",    HINT(8, N_("adjust")),   N_("stock: correct on hand of the SKU in focus, with a reason (supervisor)"), TV_STOCK) \
	X(SAFETY,     'S', 0, 0,               "safety",    NO_HINT,           N_("stock: set the safety stock of the SKU in focus (supervisor)"), TV_STOCK) \
	X(VIEW_BOARD, '1', 0, 0,               "board",     HINT(20, N_("board")),    N_("the board"), TV_ALL) \
	X(VIEW_EXCEPTIONS, '2', 0, 0,          "exceptions", HINT(21, N_("exceptions")), N_("the exceptions queue"), TV_ALL) \
	X(VIEW_STOCK, '3', 0, 0,               "stock",     HINT(22, N_("stock")),    N_("stock on hand, locked and available"), TV_ALL) \
	X(VIEW_ALERTS, '4', 0, 0,              "alerts",    HINT(23, N_("alerts")),   N_("escalations waiting for a supervisor"), TV_ALL) \
	X(VIEW_REPORT, '5', 0, 0,              "report",    HINT(24, N_("report")),   N_("the weekly exception review"), TV_ALL) \
	X(REDRAW,     TK_CTRL('l'), 0, 0,      "redraw",    NO_HINT,           N_("draw the whole screen again"), TV_ALL) \
	X(HELP,       '?', 0, 0,               "help",      HINT(90, N_("help")),     N_("this help"), TV_ALL) \
	X(BACK,       27, 0, 0,                "go-back",   NO_HINT,           N_("go back to the view under this one"), TV_ALL & ~TV_BOARD) \
	X(QUIT,       'q', 0, 0,               "quit",      HINT(91, N_("quit")),     N_("go back; on the board, quit after asking"), TV_ALL) \
	X(INTERRUPT,  TK_CTRL('c'), 0, 0,      "interrupt", NO_HINT,           N_("quit after asking; inside a question, cancel it"), TV_ALL)

/*
 * Actions on the order in focus (the board's card, the order view's order),
 * each with its handler.  Add a row here and define the handler in your
 * file (see include/ordesk/tui.h):
 *   X(ID, key1, key2, key3, name, hint, help, views, handler)
 * e.g. (the handler prompts, calls desk/ and returns its status; when the
 * operator cancels a prompt it calls tui_status(t, ...) and returns ST_OK):
 *   X(LOCK, 'L', 0, 0, "lock", HINT(3, N_("lock")), N_("lock stock for every line"),
 *     TV_BOARD | TV_ORDER, tui_act_lock)
 */
#define TUI_ORDER_ACTION_LIST(X) \
	X(LOCK,       'L', 0, 0, "lock",    HINT(3, N_("lock")),    N_("lock stock for every line, all or nothing; when short: wait, split, delay or cancel"), TV_BOARD | TV_ORDER | TV_STOCK, tui_act_lock) \
	X(RELEASE,    'U', 0, 0, "release", NO_HINT,          N_("release the order's stock locks: back to review"), TV_BOARD | TV_ORDER | TV_STOCK, tui_act_release) \
	X(ADVANCE,    ' ', 0, 0, "advance", HINT(2, N_("advance")), N_("move the order to its next stage (asks carrier and tracking number when shipping)"), TV_BOARD | TV_ORDER | TV_EXCEPTIONS, tui_act_advance) \
	X(EDIT,       'e', 0, 0, "edit",    HINT(8, N_("edit")),    N_("change a field of the order"), TV_BOARD | TV_ORDER | TV_EXCEPTIONS, tui_act_edit) \
	X(EDIT_LINE,  'E', 0, 0, "edit-line", NO_HINT,        N_("change a line of the order: its SKU, quantity or price (not while its stock is locked)"), TV_BOARD | TV_ORDER | TV_EXCEPTIONS, tui_act_edit_line) \
	X(MOVE_BACK,  'b', 0, 0, "back",    NO_HINT,          N_("move the order one stage back, with a reason (supervisor)"), TV_BOARD | TV_ORDER, tui_act_back) \
	X(CANCEL,     'C', 0, 0, "cancel",  NO_HINT,          N_("cancel the order, with a reason (supervisor)"), TV_BOARD | TV_ORDER, tui_act_cancel) \
	X(RAISE,      'x', 0, 0, "exception", HINT(6, N_("exception")), N_("raise an exception on the order: a kind and a note"), TV_BOARD | TV_ORDER | TV_EXCEPTIONS, tui_act_raise) \
	X(RESOLVE,    'r', 0, 0, "resolve", HINT(7, N_("resolve")), N_("resolve the order's open exception, with the flow of its kind"), TV_BOARD | TV_ORDER | TV_EXCEPTIONS, tui_act_resolve)

#define TUI_KEY_ENUM(id, k1, k2, k3, name, label, help, views) ACT_##id,
#define TUI_ORDER_ACTION_ENUM(id, k1, k2, k3, name, label, help, views, fn) ACT_##id,
enum tui_action {
	ACT_NONE,
	TUI_KEY_LIST(TUI_KEY_ENUM)
	TUI_ORDER_ACTION_LIST(TUI_ORDER_ACTION_ENUM)
	ACT_COUNT
};
#undef TUI_KEY_ENUM
#undef TUI_ORDER_ACTION_ENUM

struct tui;
struct order;

/* The handler of an order action: the order is freshly read from the store. */
typedef enum status (*tui_order_fn)(struct tui *t, const struct order *o);

#define TUI_ORDER_ACTION_DECL(id, k1, k2, k3, name, label, help, views, fn) \
	enum status fn(struct tui *t, const struct order *o);
TUI_ORDER_ACTION_LIST(TUI_ORDER_ACTION_DECL)
#undef TUI_ORDER_ACTION_DECL

struct tui_key {
	enum tui_action action;
	int keys[3];
	const char *name;       /* stable word (ordesk board --keys) */
	int hint;               /* hint bar rank: lowest first; 0 with no label */
	const char *label;      /* hint bar word, untranslated (NULL: not shown there) */
	const char *help;       /* help line, untranslated */
	unsigned views;         /* TV_* bits */
	tui_order_fn order_fn;  /* NULL for the frame's and views' own actions */
};

/* The table, in the order of the lists above. */
extern const struct tui_key tui_keys[];
extern const size_t tui_key_count;

/* The row a key means in a view (mask), or NULL. */
const struct tui_key *tui_key_find(int key, unsigned mask);
/* The row of an action. */
const struct tui_key *tui_key_of(enum tui_action a);
/* A key's name as people and ORDESK_KEYS write it: "q", "Enter", "Up", "C-l". */
void tui_key_name(int key, char *buf, size_t size);
/* The key a name in ORDESK_KEYS means; -1 when unknown. */
int tui_key_parse(const char *name);
/* The keys of a row joined: "j, Down". */
void tui_key_names(const struct tui_key *k, char *buf, size_t size);
/* Prints the table (ordesk board --keys): keys TAB name TAB help TAB the views it
 * applies in (names joined by ","), one row a line. */
void tui_keys_print(FILE *fp);

#endif
