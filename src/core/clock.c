/* Durations, business days and stage clocks.  Time is always passed in. */
#include "ordesk/clock.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int duration_parse(const char *text, struct duration *out)
{
	char *end;
	long n;

	if (!text || !isdigit((unsigned char)*text))
		return -1;
	n = strtol(text, &end, 10);
	if (n < 0 || n > 10L * 365 * 24 * 60)
		return -1;
	if (strcmp(end, "s") == 0)
		*out = (struct duration){ n, DUR_SECONDS };
	else if (strcmp(end, "m") == 0)
		*out = (struct duration){ n * 60, DUR_SECONDS };
	else if (strcmp(end, "h") == 0)
		*out = (struct duration){ n * 3600, DUR_SECONDS };
	else if (strcmp(end, "d") == 0)
		*out = (struct duration){ n * 86400, DUR_SECONDS };
	else if (strcmp(end, "bd") == 0 && n <= 3650)
		*out = (struct duration){ n, DUR_BUSINESS_DAYS };
	else
		return -1;
	return 0;
}

void duration_format(struct duration d, char *buf, size_t size)
{
	if (d.unit == DUR_BUSINESS_DAYS)
		snprintf(buf, size, "%ldbd", d.amount);
	else if (d.amount % 86400 == 0 && d.amount)
		snprintf(buf, size, "%ldd", d.amount / 86400);
	else if (d.amount % 3600 == 0 && d.amount)
		snprintf(buf, size, "%ldh", d.amount / 3600);
	else if (d.amount % 60 == 0)
		snprintf(buf, size, "%ldm", d.amount / 60);
	else
		snprintf(buf, size, "%lds", d.amount);
}

/* Days since 1970-01-01 of a civil date (proleptic Gregorian). */
static long days_from_civil(long y, unsigned m, unsigned d)
{
	y -= m <= 2;
	long era = (y >= 0 ? y : y - 399) / 400;
	unsigned yoe = (unsigned)(y - era * 400);
	unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + (long)doe - 719468;
}

long calendar_day(time_t t)
{
	struct tm tm;

	localtime_r(&t, &tm);
	return days_from_civil(tm.tm_year + 1900L, (unsigned)tm.tm_mon + 1, (unsigned)tm.tm_mday);
}

time_t calendar_day_start(long day)
{
	/* 1970-01-01 + day, at local midnight. */
	struct tm tm = { .tm_year = 70, .tm_mon = 0, .tm_mday = 1 + (int)day, .tm_isdst = -1 };
	return mktime(&tm);
}

/* The value of n decimal digits at s, or -1 when any of them is not a digit. */
static int digits(const char *s, int n)
{
	int v = 0;

	for (int i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

long calendar_parse_date(const char *text)
{
	int y, m, d;

	/* Exactly "YYYY-MM-DD": no signs, spaces or short fields (sscanf would take them). */
	if (!text || strlen(text) != 10 || text[4] != '-' || text[7] != '-')
		return -1;
	y = digits(text, 4);
	m = digits(text + 5, 2);
	d = digits(text + 8, 2);
	if (!calendar_valid_date(y, m, d))
		return -1;
	return days_from_civil(y, (unsigned)m, (unsigned)d);
}

int calendar_valid_date(int y, int m, int d)
{
	static const int mdays[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

	if (y < CALENDAR_YEAR_MIN || y > CALENDAR_YEAR_MAX || m < 1 || m > 12 || d < 1)
		return 0;
	int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	return d <= mdays[m - 1] + (m == 2 && leap);
}

static int is_holiday(const struct calendar *cal, long day)
{
	size_t lo = 0, hi = cal ? cal->count : 0;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (cal->holidays[mid] == day)
			return 1;
		if (cal->holidays[mid] < day)
			lo = mid + 1;
		else
			hi = mid;
	}
	return 0;
}

static int day_is_business(const struct calendar *cal, long day)
{
	/* 1970-01-01 was a Thursday: day 0 -> weekday 4 (0 = Sunday). */
	long wd = ((day % 7) + 7 + 4) % 7;
	return wd != 0 && wd != 6 && !is_holiday(cal, day);
}

int calendar_is_business_day(const struct calendar *cal, time_t t)
{
	return day_is_business(cal, calendar_day(t));
}

time_t calendar_add(const struct calendar *cal, time_t start, struct duration d)
{
	if (d.unit == DUR_SECONDS)
		return start + d.amount;

	struct tm tm;
	long day = calendar_day(start);
	long left = d.amount;

	localtime_r(&start, &tm);
	while (left > 0) {
		day++;
		if (day_is_business(cal, day))
			left--;
	}
	/* Same local time of day on the day reached. */
	struct tm out = { .tm_year = 70, .tm_mon = 0, .tm_mday = 1 + (int)day,
	                  .tm_hour = tm.tm_hour, .tm_min = tm.tm_min, .tm_sec = tm.tm_sec,
	                  .tm_isdst = -1 };
	return mktime(&out);
}

#define CLOCK_ROW(field, key, def, what) { key, def, offsetof(struct clocks, field) },
static const struct {
	const char *key, *def;
	size_t offset;
} clock_keys[] = {
	CLOCK_LIST(CLOCK_ROW)
};
#undef CLOCK_ROW

#define NCLOCKS (sizeof clock_keys / sizeof clock_keys[0])

void clocks_default(struct clocks *c)
{
	memset(c, 0, sizeof *c);
	for (size_t i = 0; i < NCLOCKS; i++)
		duration_parse(clock_keys[i].def,
		               (struct duration *)(void *)((char *)c + clock_keys[i].offset));
}

int clocks_set(struct clocks *c, const char *key, const char *value)
{
	for (size_t i = 0; i < NCLOCKS; i++) {
		if (strcmp(clock_keys[i].key, key) != 0)
			continue;
		struct duration d;
		if (duration_parse(value, &d) != 0)
			return -1;
		*(struct duration *)(void *)((char *)c + clock_keys[i].offset) = d;
		return 1;
	}
	return 0;
}

const char *clocks_key(size_t i, const char **default_value)
{
	if (i >= NCLOCKS)
		return NULL;
	if (default_value)
		*default_value = clock_keys[i].def;
	return clock_keys[i].key;
}

time_t clock_stage_due(const struct clocks *c, const struct calendar *cal,
                       enum stage s, enum priority p,
                       time_t received_at, time_t stage_at)
{
	switch (s) {
	case STAGE_NEW:
	case STAGE_REVIEW:
		return calendar_add(cal, received_at, c->review);
	case STAGE_LOCKED:
		return calendar_add(cal, stage_at, c->lock);
	case STAGE_PICKING:
		return calendar_add(cal, stage_at, p == PRIO_URGENT ? c->pick_urgent : c->pick_normal);
	case STAGE_SHIPPED:
		return calendar_add(cal, stage_at, c->ship);
	case STAGE_TRANSIT:
		return calendar_add(cal, stage_at, c->transit);
	case STAGE_DONE:
	case STAGE_CANCELLED:
	case STAGE_COUNT:
		break;
	}
	return 0;
}

time_t clock_promise(const struct clocks *c, const struct calendar *cal,
                     enum priority p, time_t ordered_at)
{
	return calendar_add(cal, ordered_at, p == PRIO_URGENT ? c->promise_urgent : c->promise_normal);
}

void span_format(long long secs, const char *neg, char *buf, size_t size)
{
	long long a = secs < 0 ? -secs : secs;
	const char *sign = secs < 0 && neg ? neg : "";

	if (a >= 86400)
		snprintf(buf, size, "%s%lldd%02lldh", sign, a / 86400, (a % 86400) / 3600);
	else
		snprintf(buf, size, "%s%lld:%02lld", sign, a / 3600, (a % 3600) / 60);
}
