#ifndef ORDESK_STORE_DEMO_H
#define ORDESK_STORE_DEMO_H

#include <time.h>

#include "ordesk/status.h"
#include "ordesk/store.h"

/*
 * Bulk writes the demo generator needs beyond the ordinary record
 * functions: catalogue, stock rows, ready-made locks, review actions.
 * All inside the caller's transaction.
 */
enum status store_demo_product(struct store *s, const char *sku, const char *name,
                               long long price_cents);
enum status store_demo_stock(struct store *s, const char *sku, const char *warehouse,
                             long on_hand, long safety_stock);
/* An active lock of qty units of sku for a line, raising stock.locked with it;
 * ST_REFUSED when the stock cannot cover it. */
enum status store_demo_lock(struct store *s, long long order_id, long long line_id,
                            const char *sku, const char *warehouse, long qty, time_t at,
                            const char *by);
enum status store_demo_review_action(struct store *s, const char *week, const char *cause,
                                     const char *action, const char *owner, const char *due,
                                     int done, time_t at, const char *by);
/* Line ids of an order in line order; *n gets the count. */
enum status store_demo_line_ids(struct store *s, long long order_id, long long *ids, int max,
                                int *n);

/* 1 in *yes when the store was filled by the demo generator. */
enum status store_demo_marked(struct store *s, int *yes);

#endif
