#ifndef ORDESK_DESK_STOCK_H
#define ORDESK_DESK_STOCK_H

#include "ordesk/desk.h"
#include "ordesk/store_order.h"

/*
 * Stock operations that other use cases run inside their own transaction
 * (the *_tx functions expect store_begin() already done by the caller).
 */

/* Reserves stock for every line of o, all or nothing.  ST_REFUSED with a
 * message naming SKU, needed and available when short (and a stock_short
 * exception recorded by the caller's transaction). */
enum status desk_stock_lock_tx(struct desk *d, const struct order *o);
/* Frees every active lock of o. */
enum status desk_stock_release_tx(struct desk *d, const struct order *o);
/* Consumes the active locks of o: on hand and locked both fall. */
enum status desk_stock_ship_tx(struct desk *d, const struct order *o);

#endif
