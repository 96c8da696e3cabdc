/* ISO weeks and days as report periods, bounded at local midnight. */
#include "ordesk/report_period.h"

#include "ordesk/clock.h"
#include "ordesk/text.h"

#include <stdio.h>
#include <string.h>

int report_weekday(long day)
{
	/* 1970-01-01 was a Thursday (3 when Monday is 0). */
	long w = (day + 3) % 7;
	return (int)(w < 0 ? w + 7 : w);
}

static long day_of(int year, int month, int mday)
{
	char buf[48];

	snprintf(buf, sizeof buf, "%04d-%02d-%02d", year, month, mday);
	return calendar_parse_date(buf);
}

/* Monday of ISO week 1: the Monday on or before January 4th. */
static long week1_monday(int iso_year)
{
	long jan4 = day_of(iso_year, 1, 4);
	return jan4 - report_weekday(jan4);
}

int report_weeks_in_year(int iso_year)
{
	return (int)((week1_monday(iso_year + 1) - week1_monday(iso_year)) / 7);
}

long report_week_monday(int iso_year, int iso_week)
{
	return week1_monday(iso_year) + 7L * (iso_week - 1);
}

static void civil_of(long day, int *year, int *month, int *mday)
{
	/* Day numbers count civil days, so UTC's calendar of day*86400 is the date. */
	time_t t = (time_t)day * 86400;
	struct tm tm;

	gmtime_r(&t, &tm);
	*year = tm.tm_year + 1900;
	*month = tm.tm_mon + 1;
	*mday = tm.tm_mday;
}

void report_week_of_day(long day, int *iso_year, int *iso_week)
{
	long monday = day - report_weekday(day);
	int y, m, dd;

	/* The ISO year is the year of the week's Thursday. */
	civil_of(monday + 3, &y, &m, &dd);
	*iso_year = y;
	*iso_week = (int)((monday - week1_monday(y)) / 7) + 1;
}

int report_week_parse(const char *text, int *iso_year, int *iso_week)
{
	int y, w, n = 0;

	if (!text || strlen(text) != 8 || text[4] != '-' || text[5] != 'W')
		return -1;
	for (int i = 0; i < 8; i++)
		if (i != 4 && i != 5 && (text[i] < '0' || text[i] > '9'))
			return -1;
	if (sscanf(text, "%4d-W%2d%n", &y, &w, &n) != 2 || n != 8)
		return -1;
	if (y < 1970 || w < 1 || w > report_weeks_in_year(y))
		return -1;
	*iso_year = y;
	*iso_week = w;
	return 0;
}

void report_day_format(long day, char *buf, size_t size)
{
	int y, m, d;

	char tmp[48];

	civil_of(day, &y, &m, &d);
	snprintf(tmp, sizeof tmp, "%04d-%02d-%02d", y, m, d);
	text_copy(buf, tmp, size);
}

void report_period_week(struct report_period *p, int iso_year, int iso_week)
{
	memset(p, 0, sizeof *p);
	p->kind = REPORT_WEEKLY;
	p->first_day = report_week_monday(iso_year, iso_week);
	p->days = 7;
	p->start = calendar_day_start(p->first_day);
	p->end = calendar_day_start(p->first_day + 7);
	p->iso_year = iso_year;
	p->iso_week = iso_week;
	char label[48];
	snprintf(label, sizeof label, "%04d-W%02d", iso_year, iso_week);
	text_copy(p->label, label, sizeof p->label);
}

void report_period_day(struct report_period *p, long day)
{
	memset(p, 0, sizeof *p);
	p->kind = REPORT_DAILY;
	p->first_day = day;
	p->days = 1;
	p->start = calendar_day_start(day);
	p->end = calendar_day_start(day + 1);
	report_week_of_day(day, &p->iso_year, &p->iso_week);
	report_day_format(day, p->label, sizeof p->label);
}

void report_period_shift(const struct report_period *p, int steps, struct report_period *out)
{
	long day = p->first_day - (long)steps * p->days;

	if (p->kind == REPORT_DAILY) {
		report_period_day(out, day);
		return;
	}
	int y, w;
	report_week_of_day(day, &y, &w);
	report_period_week(out, y, w);
}
