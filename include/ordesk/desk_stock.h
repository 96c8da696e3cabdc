#ifndef ORDESK_DESK_STOCK_H
#define ORDESK_DESK_STOCK_H

#include "ordesk/desk.h"
#include "ordesk/store_order.h"
#include "ordesk/store_stock.h"

/*
 * Stock: locking orders, shortages and their resolutions, receipts,
 * adjustments and the stock listing.
 *
 * Locking an order is all or nothing: the quantities of its lines are
 * summed per SKU and reserved in the order's own warehouse when that one
 * can fill the whole order, else in the first warehouse (by code) that
 * can.  When none can, nothing is reserved, a stock_short exception
 * records what is missing (SKU, needed, available) and the operation is
 * refused (ST_REFUSED) while the exception is still committed.
 */

/* Stock operations other use cases run inside their own transaction
 * (the *_tx functions expect store_begin() already done by the caller). */

/* Reserves stock for every line of o, all or nothing.  ST_REFUSED with a
 * message naming SKU, needed and available when short; the stock_short
 * exception is then recorded and d->commit_refusal set so it commits. */
enum status desk_stock_lock_tx(struct desk *d, const struct order *o);
/* Frees every active lock of o; an order leaving the desk (cancelled)
 * also has its open stock_short exceptions resolved. */
enum status desk_stock_release_tx(struct desk *d, const struct order *o);
/* Consumes the active locks of o: on hand and locked both fall. */
enum status desk_stock_ship_tx(struct desk *d, const struct order *o);

/*
 * `ordesk lock ORDER`: the move from review to locked (what `advance`
 * does from review), which also retries an order waiting on a
 * stock_short exception and resolves it when the stock is there now.
 * Clerk.
 */
enum status desk_lock(struct desk *d, const char *order_no);

/* `ordesk release ORDER`: frees the locks of an order in locked and moves
 * it back to review (the one step back a clerk may take: picking has not
 * started).  reason may be NULL. */
enum status desk_release(struct desk *d, const char *order_no, const char *reason);

/*
 * Shortage resolutions (the order waits in review on a stock_short exception).
 * cause: a cause identifier, NULL for stock_planning; note may be NULL.
 */
/* Waiting: the exception stays open; the next receipt locks the order.
 * Records the decision as an event. */
enum status desk_short_wait(struct desk *d, const char *order_no, const char *note);
/* Locks what is there and moves the rest to a backorder (ORDER-B1, …)
 * linked by parent_id, which waits on its own stock_short exception.
 * *backorder (may be NULL) gets its number. */
enum status desk_split(struct desk *d, const char *order_no, const char *cause,
                       const char *note, char *backorder, size_t size);
/* Agrees a new dispatch date (YYYY-MM-DD): at most clock.stock_delay_max
 * business days out unless the operator is a supervisor.  The order keeps
 * waiting for stock under a fresh stock_short exception due that day. */
/* The checks desk_delay runs on its date, alone (the board runs them as the
 * date is typed): a date, after today, and for a clerk within
 * clock.stock_delay_max business days.  ST_OK, or the refusal in desk_message. */
enum status desk_delay_check(struct desk *d, const char *until);
enum status desk_delay(struct desk *d, const char *order_no, const char *until,
                       const char *cause, const char *note);

/* Outcome of a receipt. */
struct receive_result {
	int locked;              /* waiting orders locked by this receipt */
	int waiting;             /* orders still waiting for the SKU */
};

/*
 * For other use cases that change stock rows inside their transaction (a
 * stock count import): with action non-NULL, locks the orders waiting for
 * sku as a receipt does (resolving their exceptions with action); then
 * raises or re-arms the low-stock alert of sku at warehouse.  res may be NULL.
 */
enum status desk_stock_changed_tx(struct desk *d, const char *sku, const char *warehouse,
                                  const char *action, struct receive_result *res);

/* Adds qty of sku at warehouse (NULL: MAIN) and locks waiting orders in
 * priority order (class, score, then age).  Clerk. */
enum status desk_stock_receive(struct desk *d, const char *sku, long qty, const char *warehouse,
                               const char *note, struct receive_result *res);
/* Corrects on hand by delta (never below locked).  Supervisor, with a reason. */
enum status desk_stock_adjust(struct desk *d, const char *sku, long delta, const char *warehouse,
                              const char *reason);
/* Sets the safety stock of a SKU at a warehouse.  Supervisor. */
enum status desk_stock_safety(struct desk *d, const char *sku, long qty, const char *warehouse);

/* Listing and the orders behind a SKU (read only). */
enum status desk_stock_each(struct desk *d, const struct stock_filter *f,
                            int (*fn)(const struct stock_row *r, void *arg), void *arg);
enum status desk_stock_holders(struct desk *d, const char *sku,
                               int (*fn)(const struct stock_holder *h, void *arg), void *arg);

/* Low stock: available below safety stock. */
int desk_stock_is_low(const struct stock_row *r);
/* Suggested replenishment: back to safety stock plus the waiting demand. */
long desk_stock_reorder(const struct stock_row *r);

#endif
