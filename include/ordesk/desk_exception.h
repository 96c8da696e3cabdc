#ifndef ORDESK_DESK_EXCEPTION_H
#define ORDESK_DESK_EXCEPTION_H

#include "ordesk/desk.h"
#include "ordesk/store_exception.h"
#include "ordesk/store_ingest.h"
#include "ordesk/store_order.h"
#include "ordesk/validate.h"

/*
 * Exceptions: raising (by hand, or by other use cases inside their
 * transaction), resolving with the flow of each kind, and the clocks that
 * close sla_breach exceptions when a stage completes.
 *
 * Roles: raising and resolving need a clerk; resolving an sla_breach by
 * hand before its stage completes overrides a clock and needs a
 * supervisor, as do the duplicate choices that cancel an order (merge,
 * cancel one).  Every raise and resolution appends an event.
 */

/* Raises kind on an order by hand, with an optional note (clerk). *id gets
 * the new exception's id (id may be NULL).  sla_breach is the clocks' to
 * raise; a second open exception of the same kind is refused. */
enum status desk_exception_raise(struct desk *d, const char *order_no, const char *kind,
                                 const char *note, long long *id);

/*
 * The same inside the caller's transaction, for import, lock and the like.
 * description is for a person; detail for the program (for needs_info:
 * "fields=phone,address" names the flagged fields).  due_at 0 takes the
 * kind's default: needs_info clock.needs_info after now, stock_short
 * clock.stock_delay_max after now.  *created is 0 when an open exception
 * of that kind already existed (its id is returned).
 */
struct exception_raise {
	enum exkind kind;
	const char *description;
	const char *detail;
	const char *note;
	time_t due_at;
	long long related_id;
	const char *breach_key;     /* NULL: none */
	time_t opened_at;           /* 0: now; a clock's breach: when it ran out */
};
enum status desk_exception_raise_tx(struct desk *d, const struct order *o,
                                    const struct exception_raise *r, long long *id, int *created);
/*
 * The same for an order of the import in course, which has no exception
 * yet (a new one; breach_key unused): the exception and its raise event
 * are held in the import's batch (store_ingest.h) instead of written now.
 */
enum status desk_exception_raise_held(struct desk *d, struct ingest_batch *b, const struct order *o,
                                      const struct exception_raise *r, long long *id);

/* How a resolution is carried out: the flows of the kinds. */
#define RESOLVE_LIST(X) \
	X(PLAIN,        "plain",        N_("record what was done")) \
	X(FIX_FIELDS,   "fix",          N_("correct the flagged fields, back to review")) \
	X(NEW_ETA,      "eta",          N_("a new delivery time told to the customer")) \
	X(RESHIP,       "reship",       N_("sent again with a new tracking number")) \
	X(MERGE,        "merge",        N_("merge the other order into this one")) \
	X(CANCEL_THIS,  "cancel-this",  N_("cancel this order, keep the other")) \
	X(CANCEL_OTHER, "cancel-other", N_("cancel the other order, keep this one")) \
	X(CONFIRM_BOTH, "confirm-both", N_("both orders are real"))

#define DESK_ENUM_RESOLVE(id, name, what) RESOLVE_##id,
enum resolve_how { RESOLVE_LIST(DESK_ENUM_RESOLVE) RESOLVE_COUNT };
#undef DESK_ENUM_RESOLVE

const char *resolve_name(enum resolve_how h);
const char *resolve_what(enum resolve_how h);
int resolve_parse(const char *word);
/* 1 when how is a flow of kind (PLAIN is a flow of every kind). */
int resolve_fits(enum resolve_how how, enum exkind kind);

#define RESOLVE_MAX_FIELDS 16

struct resolve_req {
	long long id;
	const char *cause;          /* required: a cause identifier */
	const char *action;         /* required for PLAIN; else described by the flow when NULL */
	const char *note;           /* optional */
	enum resolve_how how;
	int nfields;                /* FIX_FIELDS: field=value pairs (validate.h names) */
	const char *fields[RESOLVE_MAX_FIELDS];
	const char *values[RESOLVE_MAX_FIELDS];
	time_t eta;                 /* NEW_ETA */
	const char *carrier;        /* RESHIP */
	const char *tracking;
};

/*
 * Resolves an exception with one transaction: the flow's changes, the
 * record (action, cause, note, who, when) and the events.  ST_USAGE
 * without a cause or an action; ST_REFUSED when it is not open or the
 * flow's rule refuses (a flagged field still invalid, say).
 */
enum status desk_exception_resolve(struct desk *d, const struct resolve_req *req);

/* Reads an exception; ST_REFUSED "no exception N" when there is none. */
enum status desk_exception_get(struct desk *d, long long id, struct exception_rec *e);

/* The flagged fields of a needs_info exception, from its detail: the
 * "fields=a,b" list when present, else every field name it mentions. */
int desk_exception_flagged(const struct exception_rec *e, enum field *out, int max);

/*
 * Called by the order use cases inside their transaction after o (as it
 * was) moved to stage `to`: closes the open sla_breach exceptions of the
 * clock the order left (new and review share one clock) and, on reaching
 * done, open logistics_delay ones.  cause NULL: capacity for a completed
 * stage, carrier for a delivery, other for a move back or a cancel.
 */
enum status desk_exception_stage_left_tx(struct desk *d, const struct order *o, enum stage to,
                                         const char *cause, const char *note);

/* Lists exceptions (see store_exception_each): reads, any role. */
enum status desk_exception_each(struct desk *d, const struct exception_filter *f,
                                int (*fn)(const struct exception_row *r, void *arg), void *arg);

/* "why red" for one line: which rule or clock, how far over, at now. */
void desk_exception_why(const struct desk *d, const struct exception_row *r, char *buf,
                        size_t size);

#endif
