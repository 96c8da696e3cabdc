#ifndef ORDESK_REPORT_H
#define ORDESK_REPORT_H

#include <stddef.h>
#include <time.h>

#include "ordesk/catalog.h"
#include "ordesk/report_period.h"
#include "ordesk/store_report.h"

/*
 * The figures of the weekly exception review and the daily summary,
 * computed from the rows the store hands over (store_report.h).  Pure: the
 * caller walks the store and feeds the rows in; report_finish computes
 * medians, percentiles, Pareto shares and rankings.  The definition of every
 * figure is in ordesk(1), section REPORTS; the code follows it.
 *
 * Periods: slot REPORT_CUR is the reported period, REPORT_PREV the one
 * before; slots 0 .. REPORT_TREND-1 are the trend, oldest first.
 */
#define REPORT_TREND 4
#define REPORT_CUR (REPORT_TREND - 1)
#define REPORT_PREV (REPORT_TREND - 2)
#define REPORT_TOP 5              /* rows in each repeat-offender list */

/* Age bands of exceptions open at the period's end: id, label, lower bound in seconds. */
#define AGE_BAND_LIST(X) \
	X(UNDER_4H, "under 4 h", 0) \
	X(H4_24,    "4 to 24 h", 4 * 3600) \
	X(D1_3,     "1 to 3 days", 24 * 3600) \
	X(OVER_3D,  "over 3 days", 72 * 3600)
#define REPORT_ENUM_BAND(id, label, from) AGE_##id,
enum age_band { AGE_BAND_LIST(REPORT_ENUM_BAND) AGE_BAND_COUNT };
const char *report_band_label(enum age_band b);
enum age_band report_band_of(long long age_seconds);

/* A distribution of durations in seconds; nearest-rank percentiles. */
struct report_dist {
	long n;
	long long median;     /* the ceil(0.5 n)-th smallest */
	long long p90;        /* the ceil(0.9 n)-th smallest */
};
/* The nearest-rank p-th percentile (0 < p <= 100) of n values sorted ascending. */
long long report_percentile(const long long *sorted, size_t n, int p);
/* Sorts values and fills d. */
void report_dist_of(long long *values, size_t n, struct report_dist *d);

/* The headline figures of one period. */
struct report_head {
	long received;            /* orders received */
	long with_exception;      /* of those, with at least one exception */
	long shipped;             /* orders that entered shipped */
	long shipped_on_time;     /* of those, by their promise */
	long delivered;           /* orders that entered done */
	long delivered_on_time;   /* of those, within the transit clock as first promised */
	long delivered_on_agreed; /* of those, by the delivery time last agreed */
	long perfect;             /* of those delivered: no exception, on time, not split */
	long opened;              /* exceptions opened */
	long resolved;            /* exceptions resolved */
	long by_kind[EXKIND_COUNT];        /* exceptions opened, by kind */
	long breaches[STAGE_COUNT];        /* sla_breach exceptions opened, by stage */
	struct report_dist ship_time;      /* receipt to shipment of the shipped */
};

/* A ranked count: a cause, channel, handler, SKU or carrier. */
struct report_count {
	char key[72];
	long n;
	double share;             /* of the list's total, 0..1 (Pareto) */
	double cumulative;        /* running share in rank order (Pareto) */
	struct report_dist time;  /* handlers: time to resolve */
	long of;                  /* carriers: orders it shipped in the period */
	double rate;              /* carriers: n / of, 0..; 0 when of is 0 */
};

/* One line of the record table: an exception opened or resolved in the period. */
struct report_record {
	long long id;
	enum exkind kind;
	enum stage stage;
	int cause;                /* -1 while open */
	time_t opened_at, resolved_at;
	char *order_no, *opened_by, *description, *action, *result, *resolved_by, *note;
};

/* An improvement action as the report lists it. */
struct report_action {
	long long id;
	char week[16], cause[32], owner[64], due[16];
	char *action, *note;
	int done, overdue;
	time_t done_at;
};

struct report_list {
	struct report_count *v;
	size_t n, cap;
};

struct report {
	struct report_period period[REPORT_TREND];
	time_t now;
	/* The reported period had not ended at now: every slot's end is cut to
	 * the same point into it (start + elapsed, that second included), so a partial day or week is
	 * compared with the same part of the ones before, and ages are measured
	 * at now rather than at a midnight still to come. */
	int partial;
	long long elapsed;        /* seconds into the period when partial */
	char store_name[64];
	char by[64];
	struct report_head head[REPORT_TREND];

	/* The reported period only. */
	struct report_dist stage_time[STAGE_COUNT];  /* time spent in each stage */
	long by_kind_day[7][EXKIND_COUNT];           /* opened, by day of the period and kind */
	long by_stage[STAGE_COUNT];                  /* opened, by stage */
	struct report_count by_cause[CAUSE_COUNT];   /* resolved, by cause, Pareto order */
	int ncauses;                                 /* causes with a count */
	struct report_list by_channel;               /* opened, by the order's channel */
	struct report_list by_handler;               /* resolved, by who resolved */
	struct report_dist resolve_time[EXKIND_COUNT]; /* resolved, by kind */
	long open_at_end[AGE_BAND_COUNT];
	long open_total;
	struct report_list short_skus;               /* stock_short opened, by SKU of its detail */
	struct report_list data_channels;            /* needs_info opened, by channel */
	struct report_list late_carriers;            /* logistics_delay opened, by carrier, of
	                                                the orders it shipped: by rate, then count */
	struct report_record *records;
	size_t nrecords, records_cap;
	struct report_action *actions;
	size_t nactions, actions_cap;

	int failed;               /* out of memory while collecting */
	struct report_acc *acc;   /* collection state until report_finish */
};

/* Starts a report of period p (with the trend before it) at now; p must
 * have begun by now (the caller refuses a future period). */
int report_init(struct report *r, const struct report_period *p, time_t now,
                const char *store_name, const char *by);
void report_free(struct report *r);

/* Feeding the rows.  First the orders that ever had an exception and those
 * split into a backorder (any order, ascending or not); then, for each trend
 * slot (0 .. REPORT_CUR), its received, shipped and delivered orders and
 * exceptions.  Each returns 0, or -1 when memory ran out (r->failed is set). */
int report_add_exception_order(struct report *r, long long order_id);
int report_add_split_order(struct report *r, long long order_id);
int report_add_received(struct report *r, int slot, long long order_id);
int report_add_shipped(struct report *r, int slot, const struct rep_order_row *row);
int report_add_delivered(struct report *r, int slot, const struct rep_order_row *row);
int report_add_exception(struct report *r, int slot, const struct rep_exc_row *row);
/* An exception open at the end of the reported period. */
int report_add_open(struct report *r, const struct rep_exc_row *row);
/* The orders a carrier ("" for none) shipped in the reported period. */
int report_add_carrier_shipped(struct report *r, const char *carrier, long n);
int report_add_action(struct report *r, const struct rep_action_row *row);
/* Computes distributions, shares and rankings; frees the collection state. */
int report_finish(struct report *r);

/* The SKUs a stock_short exception's detail names, each once: calls fn
 * for each.  Detail pieces are separated by ';', ',' or newlines; a piece
 * ("SKU:qty:available", or "sku=SKU") names its SKU before its first ':',
 * escaped as text_escape writes it (spaces are a SKU's own). */
void report_detail_skus(const char *detail, void (*fn)(const char *sku, void *arg), void *arg);

/* Rates as percentages; 0 when the denominator is 0 (then *valid is 0). */
double report_rate(long num, long den, int *valid);
/* "45m", "5h05", "3d04h" for a span of seconds. */
void report_span(long long seconds, char *buf, size_t size);

#endif
