#ifndef ORDESK_STORE_BOARD_H
#define ORDESK_STORE_BOARD_H

#include <time.h>

#include "ordesk/catalog.h"
#include "ordesk/status.h"
#include "ordesk/store.h"

/*
 * What the board reads: one page of one column in board order (priority
 * class, score, due time), column and header counts, surging channels and
 * search.  Every query is index-backed (orders_board, orders_late,
 * orders_fresh, stage_counts, channel_days): the board never reads the
 * whole store, so a million orders open as fast as none.
 */

/* What the board is filtered by; the zero-ish value (board_filter_none) is none. */
struct board_filter {
	char channel[8];     /* "" for any */
	int priority;        /* -1 for any, else enum priority */
	int health;          /* -1 for any, else enum health (at the time passed) */
	char mine[64];       /* "" for any, else the login of the order's last event by a person */
};
void board_filter_none(struct board_filter *f);
int board_filter_active(const struct board_filter *f);

/* One card: what the board draws of an order. */
struct board_card {
	long long id;
	char order_no[40];
	char channel[8];
	char customer[160];      /* at most 48 characters of it */
	enum stage stage;
	enum priority priority;
	double score;
	int items;
	time_t stage_at, due_at, received_at;
	int prev_on_time;
	int open_exc;
	char exc_kinds[128];
	int version;
};

/* Reads at most limit cards of column stage from position offset (0 first). */
enum status store_board_page(struct store *s, const struct board_filter *f, time_t now,
                             enum stage stage, int offset, int limit,
                             struct board_card *cards, int *n);

/* Cards in a column and how many of them are red, under the filter. */
enum status store_board_column(struct store *s, const struct board_filter *f, time_t now,
                               enum stage stage, int *count, int *red);

/* The header's view of a column, without filter: its orders, the red ones
 * and the green ones (done, or fresh ahead of the clock: from the fresh slots
 * of the last ten minutes and the orders of the slot the window cuts, less the
 * fresh ones already due, which one walk of the due orders counts with the
 * late ones). */
enum status store_board_health(struct store *s, time_t now, enum stage stage, int *count, int *red,
                               int *green);
/* Drops the fresh slots older than STORE_FRESH_KEPT_SECONDS before now (the
 * sweep's chore; `check` compares the slots of that span with the orders). */
#define STORE_FRESH_KEPT_SECONDS 3600
enum status store_board_fresh_prune(struct store *s, time_t now);

/* Channels whose orders received on local day `today` exceed factor times the
 * trailing 28-day daily mean.  Writes at most max codes. */
enum status store_board_surge(struct store *s, long today, double factor,
                              char (*channels)[8], int max, int *n);

/* A search hit: where the order sits on the board. */
struct board_hit {
	long long id;
	char order_no[40];
	enum stage stage;
	int prio_rank;
	double score;
	time_t due_at;
};

/*
 * Orders whose number, channel order id, display reference (#1060),
 * customer or phone starts with q, or with a line whose SKU starts with q, in
 * board order (stage, then column order; done, then cancelled, last), under
 * the filter; at most max.  The case of ASCII letters does not matter for the
 * customer, the references and the order number (whose channel code is upper
 * case); SKUs and phones match as typed.
 */
enum status store_board_search(struct store *s, const struct board_filter *f, time_t now,
                               const char *q, struct board_hit *hits, int max, int *n);
/* Its query, for tests of its plan. */
const char *store_board_search_sql(void);

/* The position of a hit within its column under the filter. */
enum status store_board_position(struct store *s, const struct board_filter *f, time_t now,
                                 const struct board_hit *h, int *pos);

/* The SQL texts the board runs when it opens (NULL-terminated), for plan checks. */
const char *const *store_board_open_queries(void);
/* The statements a filter by channel and/or priority uses (each an index range). */
const char *const *store_board_filter_queries(void);

/* A stock lock of an order, for the order view. */
struct lock_row {
	long long id;
	char sku[72];
	char warehouse[16];
	long qty;
	time_t locked_at;
	char locked_by[64];
	char state[16];          /* active, released, shipped */
};
/* Calls fn for each lock of an order, oldest first, until fn returns non-zero. */
enum status store_board_locks(struct store *s, long long order_id,
                              int (*fn)(const struct lock_row *l, void *arg), void *arg);

#endif
