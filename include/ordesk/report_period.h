#ifndef ORDESK_REPORT_PERIOD_H
#define ORDESK_REPORT_PERIOD_H

#include <stddef.h>
#include <time.h>

/*
 * The periods reports cover: an ISO 8601 week (Monday to Sunday, week 1
 * holds the year's first Thursday) or one day, both bounded at local
 * midnight.  Days are local day numbers (days since 1970-01-01, as
 * clock.h's calendar_day).  Pure: nothing here reads the clock.
 */
enum report_kind { REPORT_WEEKLY, REPORT_DAILY };

struct report_period {
	enum report_kind kind;
	long first_day;          /* local day number of the first day */
	int days;                /* 7 or 1 */
	time_t start, end;       /* local midnights: [start, end) */
	int iso_year, iso_week;  /* the week (weekly), or the week holding the day */
	char label[16];          /* "2026-W47" or "2026-11-20" */
};

/* Weekday of a day number, 0 = Monday .. 6 = Sunday. */
int report_weekday(long day);
/* Number of ISO weeks (52 or 53) of an ISO year. */
int report_weeks_in_year(int iso_year);
/* Day number of the Monday of an ISO week (week must be valid). */
long report_week_monday(int iso_year, int iso_week);
/* The ISO year and week a day falls in. */
void report_week_of_day(long day, int *iso_year, int *iso_week);

/* "YYYY-Www" (week 01..52 or 53 where that year has one); -1 if impossible. */
int report_week_parse(const char *text, int *iso_year, int *iso_week);

/* Fills p for a week / a day. */
void report_period_week(struct report_period *p, int iso_year, int iso_week);
void report_period_day(struct report_period *p, long day);
/* The period `steps` periods before (negative: after) p, of the same kind. */
void report_period_shift(const struct report_period *p, int steps, struct report_period *out);

/* Writes "YYYY-MM-DD" of a day number. */
void report_day_format(long day, char *buf, size_t size);

#endif
