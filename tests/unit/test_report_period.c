/* Report periods: ISO weeks across year ends, days, local midnights; percentiles. */
#include "support.h"
#include "ordesk/desk_report.h"
#include "ordesk/report.h"
#include "ordesk/report_period.h"
#include "ordesk/report_write.h"

#include <stdlib.h>
#include <string.h>

static void use_tz(const char *tz)
{
	setenv("TZ", tz, 1);
	tzset();
}

static long day(const char *text)
{
	long d = calendar_parse_date(text);
	ck_assert_int_ge(d, 0);
	return d;
}

START_TEST(week_numbers_across_year_ends)
{
	static const struct { const char *date; int year, week; } cases[] = {
		{ "2026-11-16", 2026, 47 }, { "2026-11-22", 2026, 47 }, { "2026-11-23", 2026, 48 },
		{ "2026-12-31", 2026, 53 }, { "2027-01-01", 2026, 53 }, { "2027-01-03", 2026, 53 },
		{ "2027-01-04", 2027, 1 },  { "2024-12-30", 2025, 1 },  { "2021-01-03", 2020, 53 },
		{ "2026-01-01", 2026, 1 },  { "2025-12-29", 2026, 1 },  { "2025-12-28", 2025, 52 },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		int y, w;
		report_week_of_day(day(cases[i].date), &y, &w);
		ck_assert_msg(y == cases[i].year && w == cases[i].week, "%s: %d-W%02d", cases[i].date, y, w);
	}
	ck_assert_int_eq(report_weeks_in_year(2026), 53);
	ck_assert_int_eq(report_weeks_in_year(2027), 52);
	ck_assert_int_eq(report_weeks_in_year(2020), 53);
	ck_assert_int_eq(report_weeks_in_year(2025), 52);
	ck_assert_int_eq(report_week_monday(2026, 53), day("2026-12-28"));
	ck_assert_int_eq(report_week_monday(2027, 1), day("2027-01-04"));
	ck_assert_int_eq(report_week_monday(2026, 1), day("2025-12-29"));
	ck_assert_int_eq(report_weekday(day("2026-11-16")), 0);
	ck_assert_int_eq(report_weekday(day("2026-11-22")), 6);
}
END_TEST

START_TEST(week_parse_refuses_impossible_weeks)
{
	int y = 0, w = 0;

	ck_assert_int_eq(report_week_parse("2026-W53", &y, &w), 0);
	ck_assert_int_eq(y, 2026);
	ck_assert_int_eq(w, 53);
	ck_assert_int_eq(report_week_parse("2026-W01", &y, &w), 0);
	ck_assert_int_eq(report_week_parse("2027-W53", &y, &w), -1);
	ck_assert_int_eq(report_week_parse("2026-W00", &y, &w), -1);
	ck_assert_int_eq(report_week_parse("2026-W54", &y, &w), -1);
	ck_assert_int_eq(report_week_parse("2026-W5", &y, &w), -1);
	ck_assert_int_eq(report_week_parse("2026-w47", &y, &w), -1);
	ck_assert_int_eq(report_week_parse("2026W47", &y, &w), -1);
	ck_assert_int_eq(report_week_parse("2026-W47x", &y, &w), -1);
	ck_assert_int_eq(report_week_parse("", &y, &w), -1);
	ck_assert_int_eq(report_week_parse("+026-W47", &y, &w), -1);
}
END_TEST

START_TEST(periods_shift_across_the_year_end)
{
	struct report_period p, q;

	use_tz("UTC");
	report_period_week(&p, 2027, 1);
	report_period_shift(&p, 1, &q);
	ck_assert_str_eq(q.label, "2026-W53");
	report_period_shift(&p, 3, &q);
	ck_assert_str_eq(q.label, "2026-W51");
	report_period_week(&p, 2026, 1);
	report_period_shift(&p, 1, &q);
	ck_assert_str_eq(q.label, "2025-W52");
	report_period_shift(&p, -1, &q);
	ck_assert_str_eq(q.label, "2026-W02");
	report_period_day(&p, day("2027-01-01"));
	ck_assert_str_eq(p.label, "2027-01-01");
	ck_assert_int_eq(p.iso_year, 2026);
	ck_assert_int_eq(p.iso_week, 53);
	report_period_shift(&p, 1, &q);
	ck_assert_str_eq(q.label, "2026-12-31");
}
END_TEST

START_TEST(weeks_start_monday_midnight_local_time)
{
	struct report_period p;
	struct desk d;

	/* UTC+8, no daylight saving: W47 starts 2026-11-15 16:00 UTC. */
	use_tz("CST-8");
	report_period_week(&p, 2026, 47);
	ck_assert_int_eq(p.start, (time_t)1794787200 - 8 * 3600);
	ck_assert_int_eq(p.end - p.start, 7 * 86400);

	/* An exception opened one second before Monday local midnight is last week's. */
	struct report r;
	struct rep_exc_row e = { .id = 1, .order_no = "X", .channel = "EC", .carrier = "",
	                         .kind = EXKIND_NEEDS_INFO, .stage = STAGE_NEW, .cause = -1,
	                         .opened_by = "t", .description = "", .detail = "", .action = "",
	                         .result = "", .resolved_by = "" };
	ck_assert_int_eq(report_init(&r, &p, p.end, "s", "t"), 0);
	e.opened_at = p.start - 1;
	ck_assert_int_eq(report_add_exception(&r, REPORT_PREV, &e), 0);
	ck_assert_int_eq(report_add_exception(&r, REPORT_CUR, &e), 0);
	e.opened_at = p.start;
	ck_assert_int_eq(report_add_exception(&r, REPORT_PREV, &e), 0);
	ck_assert_int_eq(report_add_exception(&r, REPORT_CUR, &e), 0);
	e.opened_at = p.end;
	ck_assert_int_eq(report_add_exception(&r, REPORT_CUR, &e), 0);
	ck_assert_int_eq(report_finish(&r), 0);
	ck_assert_int_eq(r.head[REPORT_PREV].opened, 1);
	ck_assert_int_eq(r.head[REPORT_CUR].opened, 1);
	ck_assert_int_eq(r.by_kind_day[0][EXKIND_NEEDS_INFO], 1);
	report_free(&r);

	/* Monday 01:00 local is still Sunday in UTC: last complete week is W47 here. */
	memset(&d, 0, sizeof d);
	d.fixed_now = (time_t)1794787200 + 7 * 86400 - 7 * 3600;
	desk_report_last_week(&d, &p);
	ck_assert_str_eq(p.label, "2026-W47");
	use_tz("UTC");
	desk_report_last_week(&d, &p);
	ck_assert_str_eq(p.label, "2026-W46");

	/* A week with the spring change to daylight saving is an hour short. */
	use_tz("CET-1CEST,M3.5.0,M10.5.0/3");
	report_period_week(&p, 2026, 13);
	ck_assert_int_eq(p.end - p.start, 7 * 86400 - 3600);
	report_period_day(&p, day("2026-10-25"));
	ck_assert_int_eq(p.end - p.start, 86400 + 3600);
	use_tz("UTC");
}
END_TEST

START_TEST(percentiles_by_nearest_rank)
{
	long long v[10] = { 10, 1, 9, 2, 8, 3, 7, 4, 6, 5 };
	struct report_dist d;

	report_dist_of(v, 10, &d);
	ck_assert_int_eq(d.n, 10);
	ck_assert_int_eq(d.median, 5);     /* rank ceil(5) = 5 */
	ck_assert_int_eq(d.p90, 9);        /* rank ceil(9) = 9 */
	report_dist_of(v, 1, &d);
	ck_assert_int_eq(d.median, 1);
	ck_assert_int_eq(d.p90, 1);
	long long w[3] = { 30, 10, 20 };
	report_dist_of(w, 3, &d);
	ck_assert_int_eq(d.median, 20);    /* rank ceil(1.5) = 2 */
	ck_assert_int_eq(d.p90, 30);       /* rank ceil(2.7) = 3 */
	long long x[11];
	for (int i = 0; i < 11; i++)
		x[i] = i + 1;
	ck_assert_int_eq(report_percentile(x, 11, 90), 10);   /* ceil(9.9) = 10 */
	ck_assert_int_eq(report_percentile(x, 11, 50), 6);
	report_dist_of(v, 0, &d);
	ck_assert_int_eq(d.n, 0);
}
END_TEST

START_TEST(age_bands_and_spans)
{
	char buf[32];

	ck_assert_int_eq(report_band_of(0), AGE_UNDER_4H);
	ck_assert_int_eq(report_band_of(4 * 3600 - 1), AGE_UNDER_4H);
	ck_assert_int_eq(report_band_of(4 * 3600), AGE_H4_24);
	ck_assert_int_eq(report_band_of(24 * 3600), AGE_D1_3);
	ck_assert_int_eq(report_band_of(72 * 3600 - 1), AGE_D1_3);
	ck_assert_int_eq(report_band_of(72 * 3600), AGE_OVER_3D);
	report_span(45 * 60, buf, sizeof buf);
	ck_assert_str_eq(buf, "45m");
	report_span(3600 + 5 * 60, buf, sizeof buf);
	ck_assert_str_eq(buf, "1h05");
	report_span(47 * 3600 + 59 * 60, buf, sizeof buf);
	ck_assert_str_eq(buf, "47h59");
	report_span(3 * 86400 + 4 * 3600, buf, sizeof buf);
	ck_assert_str_eq(buf, "3d04h");
}
END_TEST

/* A change of durations is the difference of the minutes shown. */
START_TEST(span_changes_match_the_figures_shown)
{
	struct report_head a, b;
	char buf[32], sa[32], sb[32];

	memset(&a, 0, sizeof a);
	memset(&b, 0, sizeof b);
	a.ship_time.n = b.ship_time.n = 1;
	a.ship_time.median = 4 * 3600 + 26 * 60 + 5;     /* shown 4h26 */
	b.ship_time.median = 4 * 3600 + 19 * 60 + 50;    /* shown 4h19 */
	report_figure_text(&a, FIG_SHIP_MEDIAN, sa, sizeof sa);
	report_figure_text(&b, FIG_SHIP_MEDIAN, sb, sizeof sb);
	ck_assert_str_eq(sa, "4h26");
	ck_assert_str_eq(sb, "4h19");
	report_figure_change(&a, &b, FIG_SHIP_MEDIAN, buf, sizeof buf);
	ck_assert_str_eq(buf, "+7m");
	/* Half a minute apart in the same shown minute: no change, and no "-0m". */
	a.ship_time.median = 3600 + 10;
	b.ship_time.median = 3600 + 40;
	report_figure_change(&a, &b, FIG_SHIP_MEDIAN, buf, sizeof buf);
	ck_assert_str_eq(buf, "0m");
	report_figure_change(&b, &a, FIG_SHIP_MEDIAN, buf, sizeof buf);
	ck_assert_str_eq(buf, "0m");
	a.ship_time.median = 2 * 3600;
	report_figure_change(&a, &b, FIG_SHIP_MEDIAN, buf, sizeof buf);
	ck_assert_str_eq(buf, "+1h00");
	report_figure_change(&b, &a, FIG_SHIP_MEDIAN, buf, sizeof buf);
	ck_assert_str_eq(buf, "-1h00");
}
END_TEST

static void collect(const char *sku, void *arg)
{
	char *out = arg;
	strcat(out, sku);
	strcat(out, "|");
}

START_TEST(short_skus_from_the_detail)
{
	char out[256] = "";

	report_detail_skus("SKU-1:3:1;SKU-2:1:0", collect, out);
	ck_assert_str_eq(out, "SKU-1|SKU-2|");
	out[0] = '\0';
	report_detail_skus("SKU-1:3:1;SKU-1:2:0;;", collect, out);
	ck_assert_str_eq(out, "SKU-1|");
	out[0] = '\0';
	report_detail_skus("sku=AB 7, sku=CD", collect, out);
	ck_assert_str_eq(out, "AB 7|CD|");
	/* SKUs with spaces, and with the separators themselves (written escaped) */
	out[0] = '\0';
	report_detail_skus("29823433-Preto-UK 6:2:0;A%3AB%3BC:1:0", collect, out);
	ck_assert_str_eq(out, "29823433-Preto-UK 6|A:B;C|");
	out[0] = '\0';
	report_detail_skus("", collect, out);
	ck_assert_str_eq(out, "");
}
END_TEST

int main(void)
{
	Suite *s = suite_create("report_period");
	TCase *tc = tcase_create("period");

	use_tz("UTC");
	tcase_add_test(tc, week_numbers_across_year_ends);
	tcase_add_test(tc, week_parse_refuses_impossible_weeks);
	tcase_add_test(tc, periods_shift_across_the_year_end);
	tcase_add_test(tc, weeks_start_monday_midnight_local_time);
	tcase_add_test(tc, percentiles_by_nearest_rank);
	tcase_add_test(tc, age_bands_and_spans);
	tcase_add_test(tc, span_changes_match_the_figures_shown);
	tcase_add_test(tc, short_skus_from_the_detail);
	suite_add_tcase(s, tc);
	return t_run(s);
}
