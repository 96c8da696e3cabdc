#ifndef ORDESK_TRANSITION_H
#define ORDESK_TRANSITION_H

#include "ordesk/catalog.h"
#include "ordesk/status.h"

/*
 * Which stage moves are legal, and for whom.
 *   forward: one step at a time, any clerk;
 *   back:    one step, supervisor only, with a reason;
 *   cancel:  from any stage before shipped, supervisor only, with a reason.
 */
enum move_kind { MOVE_FORWARD, MOVE_BACK, MOVE_CANCEL, MOVE_ILLEGAL };

/* The kind of move from one stage to another. */
enum move_kind transition_kind(enum stage from, enum stage to);

/* The stage after s, or -1 when there is none. */
int transition_next(enum stage s);

/*
 * ST_OK when role may move an order from one stage to another with the
 * given reason (NULL or empty for none); otherwise ST_REFUSED or ST_DENIED
 * and *why points to a sentence saying which rule refused it.
 */
enum status transition_check(enum stage from, enum stage to, enum role role,
                             const char *reason, const char **why);

#endif
