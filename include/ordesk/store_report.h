#ifndef ORDESK_STORE_REPORT_H
#define ORDESK_STORE_REPORT_H

#include <time.h>

#include "ordesk/catalog.h"
#include "ordesk/status.h"
#include "ordesk/store.h"

/*
 * What the weekly and daily reports read from the store, and the
 * improvement actions of the weekly review.  Every query walks an index
 * range of one period (received_at, t_shipped, t_done, opened_at,
 * resolved_at), so a report costs what the period holds, not what the
 * store holds.  Rows are handed to a callback; their strings live until
 * the callback returns.  A callback returning non-zero stops the walk.
 */

/* An order shipped (reached shipped) or delivered (reached done) in a period.
 * Shipped rows carry received_at .. t_shipped; delivered rows t_shipped ..
 * t_done and prev_on_time (the transit clock was kept); the rest is 0. */
struct rep_order_row {
	long long id;
	time_t received_at;
	time_t promise_at;               /* promised dispatch; 0: none */
	time_t t_stage[STAGE_COUNT];     /* entered each stage (t_stage[NEW] = received_at) */
	int prev_on_time;                /* the stage it last left was left within its clock */
	time_t transit_due;              /* delivered ones: the transit clock as it stood when the
	                                  * order entered transit; 0: not known (before version 5) */
};

/* An exception with what the report shows of its order. */
struct rep_exc_row {
	long long id;
	const char *order_no;
	const char *channel;
	const char *carrier;
	enum exkind kind;
	enum stage stage;                /* the order's stage when raised */
	int cause;                       /* enum cause; -1 while open */
	time_t opened_at;
	const char *opened_by;
	const char *description;
	const char *detail;
	const char *action;
	const char *result;              /* what came of the resolution */
	const char *note;                /* the resolver's note */
	time_t resolved_at;              /* 0 while open */
	const char *resolved_by;
};

/* An improvement action of the weekly review. */
struct rep_action_row {
	long long id;
	const char *week;                /* the review that decided it, "2026-W47" */
	const char *cause;
	const char *action;
	const char *owner;
	const char *due;                 /* "YYYY-MM-DD" */
	int done;
	time_t created_at;
	const char *created_by;
	time_t done_at;                  /* 0 while open */
	const char *done_by;
	const char *note;
};

typedef int (*rep_order_fn)(const struct rep_order_row *r, void *arg);
typedef int (*rep_exc_fn)(const struct rep_exc_row *r, void *arg);
typedef int (*rep_action_fn)(const struct rep_action_row *r, void *arg);

typedef int (*rep_id_fn)(long long id, void *arg);
typedef int (*rep_count_fn)(const char *key, long n, void *arg);

/* Ids of the orders received in [start, end). */
enum status store_report_received(struct store *s, time_t start, time_t end, rep_id_fn fn,
                                  void *arg);
/* Ids of the orders that ever had an exception, ascending. */
enum status store_report_exception_orders(struct store *s, rep_id_fn fn, void *arg);
/* Ids of the orders a backorder was split off, ascending. */
enum status store_report_split_orders(struct store *s, rep_id_fn fn, void *arg);
/* Orders that entered shipped in [start, end). */
enum status store_report_shipped(struct store *s, time_t start, time_t end, rep_order_fn fn,
                                 void *arg);
/* How many orders each carrier shipped (entered shipped) in [start, end);
 * the carrier is "" when none was recorded. */
enum status store_report_shipped_carriers(struct store *s, time_t start, time_t end,
                                          rep_count_fn fn, void *arg);
/* Orders that entered done in [start, end). */
enum status store_report_delivered(struct store *s, time_t start, time_t end, rep_order_fn fn,
                                   void *arg);
/* Exceptions opened or resolved in [start, end), by opening time. */
enum status store_report_exceptions(struct store *s, time_t start, time_t end, rep_exc_fn fn,
                                    void *arg);
/* The same with only id, kind, stage, cause, opened_at and resolved_at filled
 * (the rest ""), for periods that are only counted. */
enum status store_report_exceptions_brief(struct store *s, time_t start, time_t end,
                                          rep_exc_fn fn, void *arg);
/* Exceptions opened before t and not resolved before t: only kind and
 * opened_at are filled. */
enum status store_report_open_at(struct store *s, time_t t, rep_exc_fn fn, void *arg);

/* Improvement actions decided in week (or earlier) that were not closed
 * before since (0: every one), oldest first.  open_only: only open ones. */
enum status store_review_each(struct store *s, const char *week, time_t since, int open_only,
                              rep_action_fn fn, void *arg);
/* Inserts an action (in a transaction); sets *id. */
enum status store_review_add(struct store *s, const char *week, const char *cause,
                             const char *action, const char *owner, const char *due,
                             time_t at, const char *by, long long *id);
/* Closes an open action; ST_REFUSED when there is none open with that id. */
enum status store_review_done(struct store *s, long long id, time_t at, const char *by,
                              const char *note);
/* Reads one action into fn (called once); ST_REFUSED when there is none. */
enum status store_review_get(struct store *s, long long id, rep_action_fn fn, void *arg);

#endif
