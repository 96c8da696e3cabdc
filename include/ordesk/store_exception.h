#ifndef ORDESK_STORE_EXCEPTION_H
#define ORDESK_STORE_EXCEPTION_H

#include <time.h>

#include "ordesk/catalog.h"
#include "ordesk/status.h"
#include "ordesk/store.h"

/* An exception as the store holds it. */
struct exception_rec {
	long long id;
	long long order_id;
	enum exkind kind;
	enum stage stage;           /* the order's stage when raised */
	time_t opened_at;
	char opened_by[64];
	char description[512];      /* for a person: what is wrong */
	char detail[512];           /* for the program: fields, SKUs, clock */
	time_t due_at;              /* resolution due (SLA or agreed date); 0: none */
	char breach_key[96];        /* sla_breach only: one exception per breach */
	int open;
	time_t resolved_at;
	char resolved_by[64];
	int cause;                  /* enum cause, -1 while open */
	char action[512];
	char result[256];
	char note[512];
	long long related_id;       /* the other order (duplicate, backorder); 0: none */
};

/*
 * Opens an exception (inside a transaction).  Fills e->id.  With a
 * breach_key already used, nothing is written and *created is 0.
 */
enum status store_exception_open(struct store *s, struct exception_rec *e, int *created);

/* Resolves an open exception; ST_REFUSED when it is not open. */
enum status store_exception_resolve(struct store *s, long long id, time_t at, const char *by,
                                    enum cause cause, const char *action, const char *result,
                                    const char *note);

enum status store_exception_get(struct store *s, long long id, struct exception_rec *e);

/* Calls fn for each exception of an order, oldest first. */
enum status store_exception_each_of_order(struct store *s, long long order_id,
                                          int (*fn)(const struct exception_rec *e, void *arg),
                                          void *arg);

#endif
