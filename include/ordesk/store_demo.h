#ifndef ORDESK_STORE_DEMO_H
#define ORDESK_STORE_DEMO_H

#include <time.h>

#include "ordesk/status.h"
#include "ordesk/store.h"

/*
 * Writes the demo generator needs beyond the ordinary record functions:
 * the catalogue with names and prices, and past improvement actions.
 * All inside the caller's transaction.
 */
enum status store_demo_product(struct store *s, const char *sku, const char *name,
                               long long price_cents);
enum status store_demo_review_action(struct store *s, const char *week, const char *cause,
                                     const char *action, const char *owner, const char *due,
                                     int done, time_t at, const char *by);

/* 1 in *yes when the store was filled by the demo generator. */
enum status store_demo_marked(struct store *s, int *yes);

#endif
