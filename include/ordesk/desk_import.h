#ifndef ORDESK_DESK_IMPORT_H
#define ORDESK_DESK_IMPORT_H

#include <stdio.h>

#include "ordesk/desk.h"
#include "ordesk/import.h"

/*
 * Importing one channel file: one transaction.  New orders get their
 * number, priority (surge rule included) and stage clock; field problems
 * raise one needs_info naming each bad field; a re-import updates orders
 * still in new or review whose content changed, leaves unchanged ones
 * alone, and raises customer_change for orders past review and for channel
 * cancellations of unshipped orders; orders it does not have that the
 * channel already cancelled, shipped or ships itself are left out and
 * counted; the same phone and items under
 * another order id within import.duplicate_window raise duplicate_suspect.
 * Structural damage commits nothing (ST_DATAERR, "FILE:LINE:COL: what").
 */
struct desk_import_opts {
	const char *name;        /* the file as the operator named it (messages, events) */
	const char *profile;     /* NULL: the header picks */
	const char *channel;     /* NULL: the file's or the profile's */
	int dry_run;             /* do everything, then roll back */
	long defer_after;        /* new orders after which the random-keyed indexes are
	                          * built at the end instead (store_ingest_defer); 0: the
	                          * larger of DESK_IMPORT_DEFER_MIN and a quarter of the
	                          * orders the store holds */
	int (*reject)(void *arg, const struct import_reject *r);   /* unusable rows */
	import_progress_fn progress;
	void *arg;
};

#define DESK_IMPORT_DEFER_MIN 20000

struct desk_import_result {
	long rows;
	long created, updated, unchanged, flagged, rejected;
	long shipped;           /* orders new to the store that the channel shipped or ships: left out */
	long cancelled;         /* orders new to the store that the channel cancelled: left out */
	char profile[32];
	char encoding[16];
};

enum status desk_import(struct desk *d, FILE *fp, const struct desk_import_opts *o,
                        struct desk_import_result *res);

#endif
