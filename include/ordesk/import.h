#ifndef ORDESK_IMPORT_H
#define ORDESK_IMPORT_H

#include <stdio.h>
#include <time.h>

#include "ordesk/import_profile.h"
#include "ordesk/import_read.h"
#include "ordesk/status.h"

/*
 * From a channel file to normalized orders: the header picks (or checks)
 * the profile, rows are cleaned and grouped into orders with their lines,
 * and each order is handed over with the physical lines it came from and
 * the field problems found.  Rows that cannot be tied to an order (no
 * usable order id or channel) are handed over as rejects with a reason.
 * Nothing here knows the store.
 */
#define IMPORT_PROBLEMS_MAX 32
#define IMPORT_LINES_MAX 10000

struct import_problem {
	int field;              /* import_field_name() */
	long line;              /* physical line of the row; 0 for the order as a whole */
	char value[48];         /* the offending value (cut), "" when missing */
	char why[96];
};

struct import_line {
	const char *sku;
	const char *name;
	long qty;               /* 1 when the file's quantity was unusable (a problem says so) */
	long long unit_cents;
	long line;
};

struct import_order {
	const char *channel, *ref;
	const char *customer, *phone, *email, *address, *note, *flags, *currency;
	const char *state;      /* the channel's states of its lines, each once, "; " between */
	const char *display_ref;   /* the channel's own name for the order (Shopify's #1060) */
	time_t promise_at;      /* the dispatch the channel promised; 0 none or unreadable */
	int tier;               /* enum tier */
	int type;               /* enum otype */
	time_t ordered_at;      /* 0 when missing or unreadable (a problem says so) */
	long long total_cents;  /* the file's order total, else the sum of the lines */
	int cancelled;          /* the channel says it is cancelled: every line of it */
	int shipped;            /* the channel says it shipped every line it has not cancelled, or
	                         * ships it itself */
	const char *cause;      /* the value that says so ("" for neither) */
	int cause_field;        /* the field it is from: IF_STATE, IF_CANCELLED_AT, IF_FULFILLED_BY */
	const struct import_line *lines;
	int nlines;
	const struct import_problem *problems;
	int nproblems;
	int more_problems;      /* problems beyond IMPORT_PROBLEMS_MAX */
	long line, end_line;    /* the physical lines its rows span */
	char hash[17];          /* of every imported field but the state, to see changes */
};

struct import_reject {
	long line;
	const char *reason;
	const char *const *fields;
	int nfields;
	const char *const *header;   /* the file's header names, as written */
	int nheader;
};

/* Callbacks return 0 to go on, or a status that stops the file. */
struct import_sink {
	int (*order)(void *arg, const struct import_order *o);
	int (*reject)(void *arg, const struct import_reject *r);
	int (*channel_ok)(void *arg, const char *code);   /* 1 when the code is known; NULL: any */
	import_progress_fn progress;
	void *arg;
};

struct import_opts {
	const char *profile;    /* NULL: the header picks */
	const char *channel;    /* NULL: the file's or the profile's */
};

struct import_result {
	long rows;              /* data rows read (blank rows not counted) */
	long orders;
	long rejected;          /* rows */
	char profile[32];
	struct import_dialect dialect;
	struct import_read_stats stats;
	struct import_error err;      /* on ST_DATAERR / ST_IOERR */
	char why[768];                /* a sentence for ST_USAGE and header errors */
};

/*
 * Reads fp through to the sink.  ST_DATAERR (err: line, column, what) on
 * structural damage or an unknown header; ST_USAGE for an unknown profile;
 * else ST_OK or the status a callback stopped with.
 */
enum status import_orders(FILE *fp, const struct import_opts *opts, const struct import_sink *sink,
                          struct import_result *res);

#endif
