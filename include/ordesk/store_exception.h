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
	char breach_key[96];        /* clock-raised kinds: one exception per breach (unique) */
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

/* A listing row: the exception with the order fields a queue needs. */
struct exception_row {
	struct exception_rec e;
	char order_no[40];
	enum priority priority;
	enum stage order_stage;     /* where the order is now */
	time_t order_due_at;        /* its stage clock now */
	time_t order_stage_at;
};

struct exception_filter {
	int open_only;              /* 1: open ones, by priority then age; 0: all, oldest first */
	int kind;                   /* -1: any, else enum exkind */
	long long order_id;         /* 0: any */
};

/* Calls fn for each exception matching f until fn returns non-zero. */
enum status store_exception_each(struct store *s, const struct exception_filter *f,
                                 int (*fn)(const struct exception_row *r, void *arg), void *arg);

/* Open exceptions per kind and in all. */
enum status store_exception_count_open(struct store *s, int counts[EXKIND_COUNT], int *total);

/* The open exception of an order of one kind (the oldest); ST_OK with e->id 0 when none. */
enum status store_exception_find_open(struct store *s, long long order_id, enum exkind kind,
                                      struct exception_rec *e);

/*
 * The sweep's reading: orders in stage whose clock ran out at or before
 * now and whose breach key (computed here, the one definition) has no
 * exception yet; at most max, into out.  Index-backed: orders_due.
 */
struct overdue_order {
	long long order_id;
	char order_no[40];
	enum stage stage;
	enum priority priority;
	time_t received_at, stage_at, due_at;
	char breach_key[96];
};
enum status store_exception_overdue(struct store *s, enum stage stage, time_t now,
                                    struct overdue_order *out, int max, int *n);

/* Open exceptions of kind with no escalation under dedupe prefix yet (all of them). */
enum status store_exception_unescalated(struct store *s, enum exkind kind, const char *prefix,
                                        int (*fn)(const struct exception_rec *e, void *arg),
                                        void *arg);

/* Moves the order's current stage clock (a new ETA agreed while resolving). */
enum status store_exception_order_due(struct store *s, long long order_id, time_t due_at);

/* Appends the lines of order from_id to order into_id (a duplicate merged)
 * and recounts lines, items and total of into_id. */
enum status store_exception_merge_lines(struct store *s, long long from_id, long long into_id);

#endif
