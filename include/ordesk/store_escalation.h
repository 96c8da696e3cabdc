#ifndef ORDESK_STORE_ESCALATION_H
#define ORDESK_STORE_ESCALATION_H

#include <time.h>

#include "ordesk/status.h"
#include "ordesk/store.h"

/*
 * Escalations: alerts for the supervisors (a breached clock, an overdue
 * needs_info or stock_short, low stock).  Each is raised once, by its
 * dedupe key, and waits until a supervisor acknowledges it.
 */
struct escalation_rec {
	long long id;
	char kind[32];              /* sla_breach, logistics_delay, needs_info_overdue,
	                               stock_short_overdue, low_stock, ... */
	long long exception_id;     /* 0: none */
	long long order_id;         /* 0: none */
	char order_no[40];          /* read only: the order's number, "" when none */
	char sku[72];
	char warehouse[16];
	time_t created_at;
	char message[512];
	char dedupe_key[128];
	time_t acked_at;            /* 0: waiting */
	char acked_by[64];
};

/* Inserts e unless its dedupe_key is known (then *created is 0).  Fills e->id when created. */
enum status store_escalation_raise(struct store *s, struct escalation_rec *e, int *created);

/* Newest first; all = 0: only those waiting. */
enum status store_escalation_each(struct store *s, int all,
                                  int (*fn)(const struct escalation_rec *e, void *arg), void *arg);

enum status store_escalation_get(struct store *s, long long id, struct escalation_rec *e);

/* Acknowledges a waiting escalation; ST_REFUSED when none waits under id. */
enum status store_escalation_ack(struct store *s, long long id, time_t at, const char *by);

/* How many wait, counted up to STORE_ALERTS_COUNTED (a header says "100+"):
 * a hundred says "look at the alerts view" as well as a thousand, and counting
 * further would cost every refresh and the first paint. */
#define STORE_ALERTS_COUNTED 100
enum status store_escalation_count_open(struct store *s, int *n);

#endif
