#ifndef ORDESK_CLOCK_H
#define ORDESK_CLOCK_H

#include <stddef.h>
#include <time.h>

#include "ordesk/catalog.h"

/*
 * Durations as settings write them: "90m", "4h", "2d", "3bd" (business
 * days).  Deadlines are computed from a start time passed in; nothing here
 * reads the clock.  Business days skip Saturdays, Sundays and the holidays
 * of a calendar, in local time.
 */
enum duration_unit { DUR_SECONDS, DUR_BUSINESS_DAYS };

struct duration {
	long amount;              /* seconds, or business days */
	enum duration_unit unit;
};

/* 0 on success, -1 when text is not a duration. */
int duration_parse(const char *text, struct duration *out);
/* Writes the shortest setting form ("90m", "4h", "3bd") into buf. */
void duration_format(struct duration d, char *buf, size_t size);
/* A span of time as every view and table shows it: "0:05" and "23:59" under
 * a day, "1d03h" from a day on; neg is written before a negative span ("",
 * "-", "+"). */
void span_format(long long secs, const char *neg, char *buf, size_t size);

/* Holidays as local dates, days since 1970-01-01, sorted ascending. */
struct calendar {
	const long *holidays;
	size_t count;
};

/* The local day number (days since 1970-01-01) of t. */
long calendar_day(time_t t);
/* 1 when t falls on a weekday that is not a holiday. */
int calendar_is_business_day(const struct calendar *cal, time_t t);
/* start + d, counting business days at the same local time of day. */
time_t calendar_add(const struct calendar *cal, time_t start, struct duration d);
/* The years a date ordesk reads may have, wherever it is read (import,
 * edit, review due dates, report days). */
#define CALENDAR_YEAR_MIN 1900
#define CALENDAR_YEAR_MAX 2999
/* 1 when y-m-d is a day of the calendar within those years. */
int calendar_valid_date(int y, int m, int d);
/* Parses "YYYY-MM-DD" into a local day number; -1 if impossible. */
long calendar_parse_date(const char *text);
/* Local midnight starting the day number. */
time_t calendar_day_start(long day);

/* The clock settings, with the design's defaults. */
#define CLOCK_LIST(X) \
	X(review,          "clock.review",            "60m", "new and review together, from receipt") \
	X(lock,            "clock.lock",              "30m", "time allowed in locked before picking starts") \
	X(pick_urgent,     "clock.pick.urgent",       "120m", "picking and packing an urgent order") \
	X(pick_normal,     "clock.pick.normal",       "240m", "picking and packing any other order") \
	X(ship,            "clock.ship",              "60m", "handing a packed order to the carrier") \
	X(transit,         "clock.transit",           "48h", "delivery after shipping") \
	X(needs_info,      "clock.needs_info",        "120m", "resolving a needs_info exception") \
	X(stock_delay_max, "clock.stock_delay_max",   "3bd", \
	  "longest delay a clerk may agree for a shortage") \
	X(promise_urgent,  "promise.dispatch.urgent", "24h", \
	  "dispatch promise for urgent orders, from the order time") \
	X(promise_normal,  "promise.dispatch.normal", "48h", "dispatch promise for other orders")

#define CLOCK_FIELD(field, key, def, what) struct duration field;
struct clocks {
	CLOCK_LIST(CLOCK_FIELD)
};
#undef CLOCK_FIELD

/* Fills c with the defaults. */
void clocks_default(struct clocks *c);
/* Sets one clock by its setting key; 1 if key is a clock key and value
 * parsed, 0 if key is not a clock key, -1 if the value is malformed. */
int clocks_set(struct clocks *c, const char *key, const char *value);
/* Iterates the clock keys: the i-th key and its default, or NULL past the end. */
const char *clocks_key(size_t i, const char **default_value);

/*
 * When the order must leave stage s.  A stage's clock is the time the
 * order may stay in it, counted from entering it (stage_at), except that
 * new and review share clock.review counted from receipt.  Returns 0 for
 * stages without a clock (done, cancelled).
 */
time_t clock_stage_due(const struct clocks *c, const struct calendar *cal,
                       enum stage s, enum priority p,
                       time_t received_at, time_t stage_at);

/* The promised dispatch time (reaching shipped), from the channel's order time. */
time_t clock_promise(const struct clocks *c, const struct calendar *cal,
                     enum priority p, time_t ordered_at);

#endif
