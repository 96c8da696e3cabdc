#ifndef ORDESK_STORE_STOCK_H
#define ORDESK_STORE_STOCK_H

#include <stddef.h>
#include <time.h>

#include "ordesk/status.h"
#include "ordesk/store.h"
#include "ordesk/store_order.h"

/*
 * Stock per SKU and warehouse, and the lock ledger.
 *
 * The store keeps three promises, which `ordesk check` verifies:
 *   0 <= locked <= on_hand           (a CHECK constraint: the backstop)
 *   locked = sum of active locks     (every change of locked writes the ledger)
 *   a reservation never oversells    (a conditional UPDATE, checked to change one row)
 * Every function here runs inside the caller's transaction.
 */

/* The warehouse an order naming none is served from (the schema creates it). */
#define STOCK_DEFAULT_WAREHOUSE "MAIN"

/* One SKU's need of an order: the quantities of its lines summed. */
struct stock_need {
	char sku[72];
	long qty;
};

/* One stock row as listings show it. */
struct stock_row {
	char sku[72];
	char name[256];
	char warehouse[16];
	long on_hand, locked, available, safety_stock;
	long waiting;            /* units wanted by orders waiting on stock_short */
	int low_alerted;         /* the low-stock alert of this episode was raised */
};

/* Sums the lines' quantities by SKU into needs (at most max); *n gets the count.
 * Needs come out sorted by SKU, so locks are always taken in one order. */
void store_stock_sum(const struct order_line *lines, int nlines, struct stock_need *needs,
                     int max, int *n);

/* The warehouse codes, ordered by code; *n gets the count (at most max). */
enum status store_stock_warehouses(struct store *s, char (*codes)[16], int max, int *n);
/* *exists = 1 when the warehouse is known. */
enum status store_stock_warehouse_exists(struct store *s, const char *code, int *exists);

/* One stock row; *found = 0 (and r zeroed) when there is none. */
enum status store_stock_get(struct store *s, const char *sku, const char *warehouse,
                            struct stock_row *r, int *found);
/* on_hand - locked of one row (0 when there is no row). */
enum status store_stock_available(struct store *s, const char *sku, const char *warehouse,
                                  long *available);
/* Available units of a SKU over every warehouse. */
enum status store_stock_available_all(struct store *s, const char *sku, long *available);

/*
 * Reserves needs at one warehouse for an order, all or nothing: each SKU
 * is one conditional UPDATE (… WHERE on_hand - locked >= qty) that must
 * change one row, then one ledger row per order line.  Inside a savepoint:
 * when a SKU is short everything of this call is undone, *short_index is
 * its index in needs, and ST_OK is returned.  *short_index = -1 on success.
 */
enum status store_stock_reserve(struct store *s, long long order_id, const char *warehouse,
                                const struct stock_need *needs, int nneeds,
                                const struct order_line *lines, int nlines,
                                time_t at, const char *by, int *short_index);

/* The active locks of an order summed per SKU and warehouse. */
struct stock_lock_sum {
	char sku[72];
	char warehouse[16];
	long qty;
};
enum status store_stock_locks_of(struct store *s, long long order_id, struct stock_lock_sum *out,
                                 int max, int *n);
/*
 * Ends every active lock of an order: released (locked falls) or shipped
 * (on hand and locked both fall).  Checks that each stock row changed.
 */
enum status store_stock_end_locks(struct store *s, long long order_id, int shipped, time_t at,
                                  const char *by);

/* Makes sure the product and warehouse rows exist (creating them empty). */
enum status store_stock_ensure(struct store *s, const char *sku, const char *warehouse,
                               int *new_sku, int *new_warehouse);
/* Adds qty (> 0) to on hand, creating the stock row when missing. */
enum status store_stock_add(struct store *s, const char *sku, const char *warehouse, long qty);
/* Adds delta to on hand only when on hand stays >= locked; *applied 0 when refused. */
enum status store_stock_adjust(struct store *s, const char *sku, const char *warehouse,
                               long delta, int *applied);
/* Sets the safety stock of a row (created when missing). */
enum status store_stock_set_safety(struct store *s, const char *sku, const char *warehouse,
                                   long qty);
/* Units wanted by orders waiting on stock_short for a SKU at a warehouse. */
enum status store_stock_waiting(struct store *s, const char *sku, const char *warehouse,
                                long *waiting);

/*
 * Low stock: when available < safety stock and the row is not marked yet,
 * marks it (*raised = 1: add the alert with store_stock_low_alert); when
 * available is back at or above safety stock, clears the mark (*rearmed).
 */
enum status store_stock_low_eval(struct store *s, const char *sku, const char *warehouse,
                                 int *raised, int *rearmed);
/* Rewrites the message of the row's low_stock escalation of this episode
 * while it waits (its figures follow the row). */
enum status store_stock_low_refresh(struct store *s, const char *sku, const char *warehouse,
                                    const char *message);
/* Adds the one low_stock escalation of this episode (deduplicated). */
enum status store_stock_low_alert(struct store *s, const char *sku, const char *warehouse,
                                  time_t at, const char *message);

/* Orders waiting on stock_short (in review) that have a line of sku, in
 * priority order (class, score, then age).  *ids is malloc'd; free it. */
enum status store_stock_waiting_orders(struct store *s, const char *sku, long long **ids, int *n);

/* The open stock_short exceptions of an order (at most max ids). */
enum status store_stock_short_open(struct store *s, long long order_id, long long *ids, int max,
                                   int *n);

/* Listing. */
struct stock_filter {
	int low;                 /* only available < safety stock */
	int waiting;             /* only SKUs orders wait for */
	const char *search;      /* in SKU or name (case-insensitive); NULL: any */
	const char *sku;         /* exactly this SKU; NULL: any */
};
enum status store_stock_each(struct store *s, const struct stock_filter *f,
                             int (*fn)(const struct stock_row *r, void *arg), void *arg);

/* Orders that hold (active locks) or wait for (stock_short) a SKU. */
struct stock_holder {
	char order_no[40];
	char stage[16];
	char warehouse[16];
	long qty;
	int waiting;             /* 1: waits on stock_short; 0: holds a lock */
};
enum status store_stock_holders(struct store *s, const char *sku,
                                int (*fn)(const struct stock_holder *h, void *arg), void *arg);

/* Bulk work (a receipt locking many orders): a larger page cache while on. */
enum status store_stock_bulk(struct store *s, int on);

/* Sets an order's promised dispatch. */
enum status store_stock_set_promise(struct store *s, long long order_id, time_t promise_at);

/* Split: one line's quantity changes, or the line moves to another order. */
enum status store_stock_line_set_qty(struct store *s, long long line_id, long qty);
enum status store_stock_line_move(struct store *s, long long line_id, long long to_order,
                                  int line_no);
/* Recounts lines and items of an order and sets its total; version + 1. */
enum status store_stock_order_recount(struct store *s, long long order_id, long long total_cents);

#endif
