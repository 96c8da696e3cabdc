#ifndef ORDESK_STORE_ORDER_H
#define ORDESK_STORE_ORDER_H

#include <stddef.h>
#include <time.h>

#include "ordesk/catalog.h"
#include "ordesk/status.h"
#include "ordesk/store.h"

/* An order as the store holds it (text fields cut to their buffer for reading). */
struct order {
	long long id;
	char order_no[40];
	char channel[8];
	char channel_ref[80];
	char display_ref[80];          /* the channel's own name for it (Shopify's #1060); "" none */
	char source[32];
	enum stage stage;
	enum priority priority;
	double score;
	time_t ordered_at, received_at, stage_at, due_at, promise_at;
	time_t channel_promise_at;     /* the dispatch the channel promised; 0: the clocks' */
	int prev_on_time;
	long long customer_id;
	char customer[256];
	char phone[64];
	char email[128];
	char address[512];
	enum tier tier;
	enum otype type;
	char flags[64];
	char note[2048];
	char warehouse[16];
	char carrier[64];
	char tracking[80];
	char currency[8];
	long long total_cents;
	int lines, items;
	long long parent_id;
	int open_exc;
	char exc_kinds[128];
	char channel_state[64];
	char content_hash[24];
	time_t t_stage[STAGE_COUNT];   /* entered each stage; 0 if never (t_stage[NEW] = received_at) */
	int version;
};

struct order_line {
	long long id;
	int line_no;
	char sku[72];
	char name[256];
	long qty;
	long long unit_price_cents;
};

/* Reads an order by its number; ST_REFUSED with a message when none. */
enum status store_order_get(struct store *s, const char *order_no, struct order *o);
enum status store_order_get_id(struct store *s, long long id, struct order *o);

/* Finds by the channel's own key; ST_OK with o->id 0 when absent. */
enum status store_order_find_ref(struct store *s, const char *channel, const char *ref,
                                 struct order *o);

/* How many orders the store holds, in every stage (from the stage counts). */
enum status store_order_count(struct store *s, long *n);

/* Lines of an order, at most max; *n gets the count read. */
enum status store_order_lines(struct store *s, long long order_id, struct order_line *lines,
                              int max, int *n);

/* Line line_no of an order; ST_REFUSED when the order has no such line. */
enum status store_order_line_get(struct store *s, long long order_id, int line_no,
                                 struct order_line *l);

/*
 * Sets line line_no of an order to sku, qty and unit price, and moves the
 * order's item count and total by the difference (the total keeps what the
 * channel added to its lines: shipping, discounts); the order's version
 * goes up.  ST_REFUSED when the order has no such line.  In a transaction.
 */
enum status store_order_line_set(struct store *s, long long order_id, int line_no,
                                 const char *sku, long qty, long long unit_cents);

/* The statements of the two above, NULL-terminated, for tests of their plans. */
const char *const *store_order_line_queries(void);

/* Next serial for a receipt day ("20261122") and channel; in a transaction. */
enum status store_order_next_serial(struct store *s, const char *day, const char *channel,
                                    int *serial);

/* Adds one line of an order (the import adds its lines one by one too). */
enum status store_order_line_add(struct store *s, long long order_id, int line_no, const char *sku,
                                 const char *name, long qty, long long unit_cents);

/* Inserts o (its id is set) with its lines, and counts it; in a transaction. */
enum status store_order_insert(struct store *s, struct order *o,
                               const struct order_line *lines, int nlines);

/*
 * Counts n new orders of a stage and channel received at a time (none with an
 * open exception yet) in the stage counts and the orders per channel and day,
 * and, when they were on time in their previous stage (prev_on_time), in the
 * fresh slot of stage_at.  Whoever inserts into orders calls it in the same
 * transaction: the table has no insert trigger, which would make every insert
 * keep a statement journal.  An import counts all its new orders at once.
 */
enum status store_order_counted(struct store *s, enum stage stage, const char *channel,
                                time_t received_at, time_t stage_at, int prev_on_time, long n);

/*
 * Moves an order to a stage with a new clock, only when it is still at
 * expected stage and version (the caller's view): ST_REFUSED otherwise.
 */
enum status store_order_move(struct store *s, long long id, enum stage expected,
                             int expected_version, enum stage to, time_t at,
                             time_t due_at, int prev_on_time);

/* Sets one text column (only the editable fields of validate.h's order level). */
enum status store_order_set_field(struct store *s, long long id, const char *column,
                                  const char *value);
/* Sets priority class and score. */
enum status store_order_set_priority(struct store *s, long long id, enum priority p, double score);
/* Sets the stage clock's due time and the promised dispatch time. */
enum status store_order_set_clock(struct store *s, long long id, time_t due_at, time_t promise_at);
/* Records carrier and tracking number. */
enum status store_order_set_shipping(struct store *s, long long id, const char *carrier,
                                     const char *tracking);

/* A page of a listing, newest stage first in board order. */
struct order_filter {
	int stage;               /* -1: any open stage (not done or cancelled); -2: any */
	const char *channel;     /* NULL: any */
	int health;              /* -1: any, else enum health (computed at now) */
	time_t now;
};

/* Calls fn for each order matching the filter, in board order, until fn returns non-zero. */
enum status store_order_each(struct store *s, const struct order_filter *f,
                             int (*fn)(const struct order *o, void *arg), void *arg);

/* Events of one order, oldest first. */
struct event_row {
	long long id;
	time_t at;
	char actor[64];         /* a login, or "sweep" for the automatic clock check */
	char run_by[64];        /* for "sweep": whose board or command ran it */
	char what[32];
	char from[128];
	char to[128];
	char why[512];
};
enum status store_order_events(struct store *s, long long order_id,
                               int (*fn)(const struct event_row *e, void *arg), void *arg);

#endif
