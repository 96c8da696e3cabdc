#ifndef ORDESK_DESK_ORDER_H
#define ORDESK_DESK_ORDER_H

#include "ordesk/desk.h"
#include "ordesk/store_order.h"
#include "ordesk/validate.h"

/* What an advance needs besides the order; NULL fields are not given. */
struct advance_req {
	const char *order_no;
	int to;                 /* -1: the next stage; else the stage the caller means */
	int expected_version;   /* -1: any; else refuse if the order changed since read */
	const char *carrier;    /* needed when the order reaches shipped */
	const char *tracking;
	const char *cause;      /* root cause of a breached clock this closes (NULL: capacity) */
};

/* Moves an order one stage forward (locking stock on review -> locked,
 * consuming it on picking -> shipped).  ST_REFUSED "already moved" when
 * the order is already at or past the stage the caller meant. */
enum status desk_advance(struct desk *d, const struct advance_req *req);

/* One stage back, supervisor only, with a reason (releases locks when leaving locked). */
enum status desk_move_back(struct desk *d, const char *order_no, const char *reason);

/* Cancels before shipped, supervisor only, with a reason (releases locks). */
enum status desk_cancel(struct desk *d, const char *order_no, const char *reason);

/* Sets one order-level field (validate.h's names) after validating it. */
enum status desk_edit(struct desk *d, const char *order_no, const char *field, const char *value);
/* The text of an order-level field a person edits (customer, phone, address,
 * tier, type, flags, note) as the order holds it; NULL for any other field. */
const char *desk_order_field(const struct order *o, enum field f);
/* The text of a line field (sku, qty, unit_price as "9.90") as a person edits it. */
void desk_line_field(const struct order_line *l, enum field f, char *buf, size_t size);
/*
 * Sets n fields in one transaction: all of them, or none when one is
 * refused.  "line"=N chooses the line that the line fields after it (sku,
 * qty, unit_price or price) change; an order of one line needs none.  A
 * line does not change while the order holds stock locks (locked,
 * picking), nor once shipped; each change is an "edit" event.
 */
enum status desk_edit_fields(struct desk *d, const char *order_no, int n,
                             const char *const *fields, const char *const *values);
/* Sets one field (sku, qty, price) of line line_no, as desk_edit_fields does. */
enum status desk_edit_line(struct desk *d, const char *order_no, int line_no, const char *field,
                           const char *value);

/* Inside the caller's transaction (for the exception flows): edit fields as
 * desk_edit_fields, move o to a stage (event `what`, no stock or exception
 * side effects), cancel. */
enum status desk_edit_fields_tx(struct desk *d, const char *order_no, int n,
                                const char *const *fields, const char *const *values);
enum status desk_order_move_tx(struct desk *d, const struct order *o, enum stage to,
                               const char *what, const char *why);
enum status desk_cancel_tx(struct desk *d, const char *order_no, const char *reason);

/* ST_OK when no stage was named (desk_seen) or o is in it; else ST_REFUSED
 * saying who moved it there, from the event log.  The bodies of the
 * transactions desk_seen names call it; a caller may ask it early too. */
enum status desk_order_seen(struct desk *d, const struct order *o);

/* Reads an order; ST_REFUSED with "no order …" when there is none. */
enum status desk_order_get(struct desk *d, const char *order_no, struct order *o);
/* Lists orders (see store_order_each): reads, any role. */
enum status desk_order_each(struct desk *d, const struct order_filter *f,
                            int (*fn)(const struct order *o, void *arg), void *arg);

/* 1 when o is urgent only because it arrived on a surge day (read before a change). */
int desk_order_surged(const struct order *o);

/* After an order's fields changed, in a transaction: evaluates its class and
 * score again (keeping a surge-day order urgent when surge), and stores them
 * with the promise and, in picking, the stage clock that follow. */
enum status desk_order_reprioritize_tx(struct desk *d, long long order_id, int surge);

/* Computes class and score of o from its fields at desk_now() (no store access). */
void desk_order_prioritize(const struct desk *d, struct order *o, int surge_day);

#endif
