/* core/clock: durations, business days, stage clocks and promises, in pinned zones. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "support.h"
#include "ordesk/clock.h"

static void zone(const char *tz)
{
	setenv("TZ", tz, 1);
	tzset();
}

/* Local "YYYY-MM-DD HH:MM" in the current zone. */
static time_t at(const char *text)
{
	struct tm tm;
	int y, mo, d, h, mi;

	memset(&tm, 0, sizeof tm);
	ck_assert_int_eq(sscanf(text, "%d-%d-%d %d:%d", &y, &mo, &d, &h, &mi), 5);
	tm.tm_year = y - 1900;
	tm.tm_mon = mo - 1;
	tm.tm_mday = d;
	tm.tm_hour = h;
	tm.tm_min = mi;
	tm.tm_isdst = -1;
	return mktime(&tm);
}

/* The local form of t, for messages and comparisons. */
static const char *local(time_t t)
{
	static char buf[4][32];
	static int k;
	struct tm tm;

	k = (k + 1) % 4;
	localtime_r(&t, &tm);
	strftime(buf[k], sizeof buf[k], "%Y-%m-%d %H:%M %a", &tm);
	return buf[k];
}

static struct duration dur(const char *text)
{
	struct duration d;

	ck_assert_msg(duration_parse(text, &d) == 0, "%s should parse", text);
	return d;
}

/* ---- durations ---- */

START_TEST(duration_parses_each_unit)
{
	struct duration d;

	ck_assert_int_eq(duration_parse("45s", &d), 0);
	ck_assert_int_eq(d.unit, DUR_SECONDS);
	ck_assert_int_eq(d.amount, 45);
	ck_assert_int_eq(duration_parse("90m", &d), 0);
	ck_assert_int_eq(d.amount, 5400);
	ck_assert_int_eq(duration_parse("4h", &d), 0);
	ck_assert_int_eq(d.amount, 4 * 3600);
	ck_assert_int_eq(duration_parse("2d", &d), 0);
	ck_assert_int_eq(d.amount, 2 * 86400);
	ck_assert_int_eq(d.unit, DUR_SECONDS);
	ck_assert_int_eq(duration_parse("3bd", &d), 0);
	ck_assert_int_eq(d.unit, DUR_BUSINESS_DAYS);
	ck_assert_int_eq(d.amount, 3);
	ck_assert_int_eq(duration_parse("0m", &d), 0);
	ck_assert_int_eq(d.amount, 0);
}
END_TEST

START_TEST(duration_refuses_malformed)
{
	static const char *const bad[] = {
		"", "m", "bd", "5", "-5m", "+5m", " 5m", "5m ", "5 m", "5M", "5mm", "1.5h", "5x",
		"5b", "5dd", "h4", "0x10m", "99999999999999999999m", "9999999999h", "3651bd",
		"10bd5", "5m\n",
	};
	struct duration d = { 77, DUR_SECONDS };

	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		ck_assert_msg(duration_parse(bad[i], &d) == -1, "'%s' should not parse", bad[i]);
	ck_assert_int_eq(duration_parse(NULL, &d), -1);
	ck_assert_int_eq(d.amount, 77); /* untouched on failure */
}
END_TEST

START_TEST(duration_formats_shortest_and_round_trips)
{
	static const struct { const char *in, *out; } cases[] = {
		{ "90m", "90m" }, { "60m", "1h" }, { "120m", "2h" }, { "240m", "4h" },
		{ "24h", "1d" }, { "48h", "2d" }, { "36h", "36h" }, { "3600s", "1h" },
		{ "90s", "90s" }, { "1s", "1s" }, { "3bd", "3bd" }, { "0bd", "0bd" },
		{ "1440m", "1d" }, { "61m", "61m" },
	};
	char buf[32];
	struct duration back;

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct duration d = dur(cases[i].in);
		duration_format(d, buf, sizeof buf);
		ck_assert_msg(strcmp(buf, cases[i].out) == 0, "%s formats as %s, want %s", cases[i].in,
		              buf, cases[i].out);
		ck_assert_int_eq(duration_parse(buf, &back), 0);
		ck_assert_int_eq(back.amount, d.amount);
		ck_assert_int_eq(back.unit, d.unit);
	}
	/* A small buffer is cut, never overrun. */
	char small[3] = { 'x', 'x', 'x' };
	duration_format(dur("240m"), small, sizeof small);
	ck_assert_str_eq(small, "4h");
}
END_TEST

/* ---- the calendar ---- */

START_TEST(parse_date_is_strict)
{
	zone("UTC");
	ck_assert_int_eq(calendar_parse_date("1970-01-01"), 0);
	ck_assert_int_eq(calendar_parse_date("1970-01-02"), 1);
	ck_assert_int_eq(calendar_parse_date("2026-11-16"), 20773);
	ck_assert_int_eq(calendar_parse_date("2028-02-29"), calendar_parse_date("2028-03-01") - 1);
	ck_assert_int_eq(calendar_parse_date("2000-02-29"), calendar_parse_date("2000-03-01") - 1);
	static const char *const bad[] = {
		"2026-02-29", "1900-02-29", "2026-13-01", "2026-00-10", "2026-04-31", "2026-01-00",
		"2026-1-01", "2026-01-1", "26-01-01", "2026/01/01", "2026-01-01x", "2026-01-01 ",
		" 2026-01-01", "2026-+1-01", "2026--1-01", "2026-01-+1", "+026-01-01", "", "today",
		/* outside the years every reader of dates accepts */
		"9999-12-31", "1899-12-31", "3000-01-01", "0000-01-01",
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		ck_assert_msg(calendar_parse_date(bad[i]) == -1, "'%s' should not parse", bad[i]);
	ck_assert_int_eq(calendar_parse_date(NULL), -1);
	ck_assert(calendar_valid_date(CALENDAR_YEAR_MIN, 1, 1));
	ck_assert(calendar_valid_date(CALENDAR_YEAR_MAX, 12, 31));
	ck_assert(!calendar_valid_date(CALENDAR_YEAR_MAX + 1, 1, 1));
	ck_assert(!calendar_valid_date(2026, 2, 29));
}
END_TEST

START_TEST(day_numbers_follow_the_local_zone)
{
	time_t t = 1794851999; /* 2026-11-16 17:59:59 UTC = 2026-11-17 01:59:59 in Shanghai */

	zone("UTC");
	ck_assert_int_eq(calendar_day(t), calendar_parse_date("2026-11-16"));
	ck_assert_int_eq(calendar_day_start(calendar_day(t)), at("2026-11-16 00:00"));
	zone("Asia/Shanghai");
	ck_assert_int_eq(calendar_day(t), calendar_parse_date("2026-11-17"));
	ck_assert_int_eq(calendar_day_start(calendar_day(t)), at("2026-11-17 00:00"));
	ck_assert_int_eq(calendar_day_start(calendar_parse_date("2026-11-17")), t - (3600 + 59 * 60 + 59));
	/* The last second of a local day and the first of the next. */
	ck_assert_int_eq(calendar_day(at("2026-11-17 00:00") - 1), calendar_parse_date("2026-11-16"));
	ck_assert_int_eq(calendar_day(at("2026-11-17 00:00")), calendar_parse_date("2026-11-17"));
}
END_TEST

START_TEST(weekends_and_holidays_are_not_business_days)
{
	static const long hol[] = { 20777 /* Fri 2026-11-20 */ };
	struct calendar cal = { hol, 1 };

	ck_assert_int_eq(calendar_parse_date("2026-11-20"), 20777);
	zone(_i ? "Asia/Shanghai" : "UTC");
	ck_assert(calendar_is_business_day(NULL, at("2026-11-16 09:00")));   /* Monday */
	ck_assert(calendar_is_business_day(&cal, at("2026-11-19 23:59")));   /* Thursday */
	ck_assert(!calendar_is_business_day(&cal, at("2026-11-20 00:00")));  /* the holiday */
	ck_assert(calendar_is_business_day(NULL, at("2026-11-20 12:00")));   /* not without it */
	ck_assert(!calendar_is_business_day(&cal, at("2026-11-21 12:00")));  /* Saturday */
	ck_assert(!calendar_is_business_day(&cal, at("2026-11-22 23:59")));  /* Sunday */
	ck_assert(calendar_is_business_day(&cal, at("2026-11-23 00:00")));   /* Monday */
}
END_TEST

/* Business days in two zones: the loop index picks the zone. */
START_TEST(business_days_skip_weekends_and_holidays)
{
	/* Holidays: Mon 2026-11-23 and Wed 2026-12-02 (unsorted input is not allowed: keep sorted). */
	static const long hol[] = { 20780, 20789 };
	struct calendar cal = { hol, 2 };
	struct calendar none = { NULL, 0 };

	zone(_i ? "Asia/Shanghai" : "UTC");
	ck_assert_int_eq(calendar_parse_date("2026-11-23"), 20780);
	ck_assert_int_eq(calendar_parse_date("2026-12-02"), 20789);
	/* 3bd from a Friday: Monday, Tuesday, Wednesday. */
	ck_assert_str_eq(local(calendar_add(&none, at("2026-11-13 16:30"), dur("3bd"))), "2026-11-18 16:30 Wed");
	/* from a Saturday and a Sunday: the weekend does not count. */
	ck_assert_str_eq(local(calendar_add(&none, at("2026-11-14 10:00"), dur("3bd"))), "2026-11-18 10:00 Wed");
	ck_assert_str_eq(local(calendar_add(&none, at("2026-11-15 10:00"), dur("1bd"))), "2026-11-16 10:00 Mon");
	/* from a Friday over a holiday Monday. */
	ck_assert_str_eq(local(calendar_add(&cal, at("2026-11-20 16:30"), dur("1bd"))), "2026-11-24 16:30 Tue");
	ck_assert_str_eq(local(calendar_add(&cal, at("2026-11-20 16:30"), dur("3bd"))), "2026-11-26 16:30 Thu");
	/* from the holiday itself. */
	ck_assert_str_eq(local(calendar_add(&cal, at("2026-11-23 08:00"), dur("1bd"))), "2026-11-24 08:00 Tue");
	/* a week and more: two weekends and both holidays. */
	ck_assert_str_eq(local(calendar_add(&cal, at("2026-11-20 09:00"), dur("8bd"))), "2026-12-04 09:00 Fri");
	/* zero business days is the start itself. */
	ck_assert_int_eq(calendar_add(&cal, at("2026-11-21 09:00"), dur("0bd")), at("2026-11-21 09:00"));
	/* across the year's end. */
	ck_assert_str_eq(local(calendar_add(&none, at("2026-12-31 12:00"), dur("2bd"))), "2027-01-04 12:00 Mon");
	/* seconds ignore the calendar. */
	ck_assert_int_eq(calendar_add(&cal, at("2026-11-21 09:00"), dur("2d")), at("2026-11-23 09:00"));
}
END_TEST

START_TEST(business_days_keep_local_time_across_dst)
{
	struct calendar none = { NULL, 0 };

	zone("America/New_York");
	/* DST starts Sunday 2026-03-08: 1bd from Friday 10:00 EST is Monday 10:00 EDT. */
	time_t fri = at("2026-03-06 10:00"), mon = calendar_add(&none, fri, dur("1bd"));
	ck_assert_str_eq(local(mon), "2026-03-09 10:00 Mon");
	ck_assert_int_eq(mon - fri, 3 * 86400 - 3600);
}
END_TEST

/* ---- stage clocks ---- */

START_TEST(clock_keys_and_defaults)
{
	static const char *const want[][2] = {
		{ "clock.review", "60m" }, { "clock.lock", "30m" }, { "clock.pick.urgent", "120m" },
		{ "clock.pick.normal", "240m" }, { "clock.ship", "60m" }, { "clock.transit", "48h" },
		{ "clock.needs_info", "120m" }, { "clock.stock_delay_max", "3bd" },
		{ "promise.dispatch.urgent", "24h" }, { "promise.dispatch.normal", "48h" },
	};
	size_t n = sizeof want / sizeof want[0], i;
	const char *def;
	struct clocks c;

	for (i = 0; clocks_key(i, &def); i++) {
		ck_assert_uint_lt(i, n);
		ck_assert_str_eq(clocks_key(i, NULL), want[i][0]);
		ck_assert_str_eq(def, want[i][1]);
	}
	ck_assert_uint_eq(i, n);
	clocks_default(&c);
	ck_assert_int_eq(c.review.amount, 3600);
	ck_assert_int_eq(c.lock.amount, 1800);
	ck_assert_int_eq(c.pick_urgent.amount, 7200);
	ck_assert_int_eq(c.pick_normal.amount, 14400);
	ck_assert_int_eq(c.ship.amount, 3600);
	ck_assert_int_eq(c.transit.amount, 48 * 3600);
	ck_assert_int_eq(c.needs_info.amount, 7200);
	ck_assert_int_eq(c.stock_delay_max.unit, DUR_BUSINESS_DAYS);
	ck_assert_int_eq(c.stock_delay_max.amount, 3);
	ck_assert_int_eq(c.promise_urgent.amount, 24 * 3600);
	ck_assert_int_eq(c.promise_normal.amount, 48 * 3600);
}
END_TEST

START_TEST(clocks_set_by_key)
{
	struct clocks c;

	clocks_default(&c);
	ck_assert_int_eq(clocks_set(&c, "clock.review", "45m"), 1);
	ck_assert_int_eq(c.review.amount, 45 * 60);
	ck_assert_int_eq(clocks_set(&c, "clock.transit", "2bd"), 1);
	ck_assert_int_eq(c.transit.unit, DUR_BUSINESS_DAYS);
	ck_assert_int_eq(clocks_set(&c, "clock.lock", "soon"), -1);
	ck_assert_int_eq(c.lock.amount, 1800);
	ck_assert_int_eq(clocks_set(&c, "clock.nothing", "5m"), 0);
	ck_assert_int_eq(clocks_set(&c, "store.name", "x"), 0);
}
END_TEST

/* Every stage and priority with the design's defaults. */
START_TEST(stage_due_for_every_stage_and_priority)
{
	struct clocks c;
	struct calendar none = { NULL, 0 };

	zone(_i ? "Asia/Shanghai" : "UTC");
	clocks_default(&c);
	time_t received = at("2026-11-16 09:00"), entered = at("2026-11-16 13:20");
	for (int p = 0; p < PRIO_COUNT; p++) {
		enum priority pr = (enum priority)p;
		ck_assert_int_eq(clock_stage_due(&c, &none, STAGE_NEW, pr, received, received), received + 3600);
		/* review shares the clock of new, from receipt, not from entering review */
		ck_assert_int_eq(clock_stage_due(&c, &none, STAGE_REVIEW, pr, received, entered), received + 3600);
		ck_assert_int_eq(clock_stage_due(&c, &none, STAGE_LOCKED, pr, received, entered), entered + 1800);
		ck_assert_int_eq(clock_stage_due(&c, &none, STAGE_PICKING, pr, received, entered),
		                 entered + (pr == PRIO_URGENT ? 7200 : 14400));
		ck_assert_int_eq(clock_stage_due(&c, &none, STAGE_SHIPPED, pr, received, entered), entered + 3600);
		ck_assert_int_eq(clock_stage_due(&c, &none, STAGE_TRANSIT, pr, received, entered), entered + 48 * 3600);
		ck_assert_int_eq(clock_stage_due(&c, &none, STAGE_DONE, pr, received, entered), 0);
		ck_assert_int_eq(clock_stage_due(&c, &none, STAGE_CANCELLED, pr, received, entered), 0);
	}
}
END_TEST

START_TEST(stage_clock_across_midnight)
{
	struct clocks c;

	zone(_i ? "Asia/Shanghai" : "UTC");
	clocks_default(&c);
	time_t late = at("2026-11-16 23:30");
	ck_assert_str_eq(local(clock_stage_due(&c, NULL, STAGE_NEW, PRIO_NORMAL, late, late)), "2026-11-17 00:30 Tue");
	ck_assert_str_eq(local(clock_stage_due(&c, NULL, STAGE_PICKING, PRIO_NORMAL, late, late)), "2026-11-17 03:30 Tue");
	ck_assert_str_eq(local(clock_stage_due(&c, NULL, STAGE_PICKING, PRIO_URGENT, late, late)), "2026-11-17 01:30 Tue");
	/* Friday night into Saturday: plain durations run through the weekend. */
	time_t fri = at("2026-11-20 23:45");
	ck_assert_str_eq(local(clock_stage_due(&c, NULL, STAGE_LOCKED, PRIO_LOW, fri, fri)), "2026-11-21 00:15 Sat");
	ck_assert_str_eq(local(clock_stage_due(&c, NULL, STAGE_TRANSIT, PRIO_HIGH, fri, fri)), "2026-11-22 23:45 Sun");
	/* A clock in business days does not. */
	ck_assert_int_eq(clocks_set(&c, "clock.transit", "2bd"), 1);
	ck_assert_str_eq(local(clock_stage_due(&c, NULL, STAGE_TRANSIT, PRIO_HIGH, fri, fri)), "2026-11-24 23:45 Tue");
}
END_TEST

START_TEST(stage_clock_boundaries)
{
	struct clocks c;

	zone("UTC");
	clocks_default(&c);
	ck_assert_int_eq(clocks_set(&c, "clock.ship", "1s"), 1);
	time_t t = at("2026-11-16 10:00");
	ck_assert_int_eq(clock_stage_due(&c, NULL, STAGE_SHIPPED, PRIO_NORMAL, t, t), t + 1);
	ck_assert_int_eq(clocks_set(&c, "clock.ship", "0m"), 1);
	ck_assert_int_eq(clock_stage_due(&c, NULL, STAGE_SHIPPED, PRIO_NORMAL, t, t), t);
}
END_TEST

START_TEST(promise_from_the_order_time)
{
	struct clocks c;
	static const long hol[] = { 20780 };
	struct calendar cal = { hol, 1 };

	zone(_i ? "Asia/Shanghai" : "UTC");
	clocks_default(&c);
	time_t ordered = at("2026-11-20 18:00");
	ck_assert_int_eq(clock_promise(&c, &cal, PRIO_URGENT, ordered), ordered + 24 * 3600);
	ck_assert_int_eq(clock_promise(&c, &cal, PRIO_HIGH, ordered), ordered + 48 * 3600);
	ck_assert_int_eq(clock_promise(&c, &cal, PRIO_NORMAL, ordered), ordered + 48 * 3600);
	ck_assert_int_eq(clock_promise(&c, &cal, PRIO_LOW, ordered), ordered + 48 * 3600);
	/* Promises in business days skip the weekend and the holiday Monday. */
	ck_assert_int_eq(clocks_set(&c, "promise.dispatch.normal", "2bd"), 1);
	ck_assert_str_eq(local(clock_promise(&c, &cal, PRIO_NORMAL, ordered)), "2026-11-25 18:00 Wed");
	ck_assert_str_eq(local(clock_promise(&c, &cal, PRIO_URGENT, ordered)), "2026-11-21 18:00 Sat");
}
END_TEST

/* One form for spans everywhere: h:mm under a day, then days and hours. */
START_TEST(span_one_format)
{
	char b[32];

	span_format(0, "-", b, sizeof b);
	ck_assert_str_eq(b, "0:00");
	span_format(37 * 3600 + 17 * 60, "", b, sizeof b);
	ck_assert_str_eq(b, "1d13h");
	span_format(86399, "", b, sizeof b);
	ck_assert_str_eq(b, "23:59");
	span_format(86400 + 3 * 3600, "", b, sizeof b);
	ck_assert_str_eq(b, "1d03h");
	span_format(-300, "+", b, sizeof b);
	ck_assert_str_eq(b, "+0:05");
	span_format(-300, "", b, sizeof b);
	ck_assert_str_eq(b, "0:05");
}
END_TEST


int main(void)
{
	Suite *s = suite_create("core_clock");
	TCase *tc = tcase_create("clock");

	zone("UTC");
	tcase_add_test(tc, duration_parses_each_unit);
	tcase_add_test(tc, duration_refuses_malformed);
	tcase_add_test(tc, duration_formats_shortest_and_round_trips);
	tcase_add_test(tc, parse_date_is_strict);
	tcase_add_test(tc, day_numbers_follow_the_local_zone);
	tcase_add_loop_test(tc, weekends_and_holidays_are_not_business_days, 0, 2);
	tcase_add_loop_test(tc, business_days_skip_weekends_and_holidays, 0, 2);
	tcase_add_test(tc, business_days_keep_local_time_across_dst);
	tcase_add_test(tc, clock_keys_and_defaults);
	tcase_add_test(tc, clocks_set_by_key);
	tcase_add_loop_test(tc, stage_due_for_every_stage_and_priority, 0, 2);
	tcase_add_loop_test(tc, stage_clock_across_midnight, 0, 2);
	tcase_add_test(tc, stage_clock_boundaries);
	tcase_add_test(tc, span_one_format);
	tcase_add_loop_test(tc, promise_from_the_order_time, 0, 2);
	suite_add_tcase(s, tc);
	return t_run(s);
}
