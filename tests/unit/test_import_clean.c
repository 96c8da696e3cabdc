/* import/ cleaning: wrappers, mangled ids, dates with zones, money, quantities. */
#include "support.h"
#include "ordesk/import_clean.h"
#include "ordesk/text.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

static const char *cleaned_id(const char *in)
{
	static char buf[128];

	strcpy(buf, in);
	import_clean_id(buf);
	return buf;
}

START_TEST(ids_lose_excel_wrappers)
{
	ck_assert_str_eq(cleaned_id("=\"2345678901234567890\""), "2345678901234567890");
	ck_assert_str_eq(cleaned_id("'2345678901234567890"), "2345678901234567890");
	ck_assert_str_eq(cleaned_id("\t6920001234567890123"), "6920001234567890123");
	ck_assert_str_eq(cleaned_id("  \t'075008 "), "075008");
	ck_assert_str_eq(cleaned_id("\xe3\x80\x80" "A-1" "\xc2\xa0"), "A-1");
	ck_assert_str_eq(cleaned_id("#1060"), "#1060");
}
END_TEST

static const char *cleaned_text(const char *in)
{
	static char buf[128];

	strcpy(buf, in);
	import_clean_text(buf);
	return buf;
}

/* What a CSV export guarded against formulas reads back as it was stored. */
START_TEST(the_export_apostrophe_is_removed_exactly)
{
	static const char *const stored[] = { "=1+2", "-3", "+8613800138000", "@home", "'75008",
	                                      "Wang Wei", "-", "-12.50" };
	char cell[64];

	for (size_t i = 0; i < sizeof stored / sizeof stored[0]; i++) {
		text_cell(stored[i], 0, cell, sizeof cell);
		ck_assert_str_eq(cleaned_text(cell), stored[i]);
	}
	/* the TAB that protects an id is still stripped behind the apostrophe */
	ck_assert_str_eq(cleaned_text("'\t6920001234567890123"), "6920001234567890123");
	ck_assert_str_eq(cleaned_id("'\t6920001234567890123"), "6920001234567890123");
	ck_assert_str_eq(cleaned_text("'=\"0075008\""), "0075008");
}
END_TEST

START_TEST(mangled_ids_are_refused_with_the_reason)
{
	char why[128];

	ck_assert_int_eq(import_check_id("2.98765E+11", why, sizeof why), -1);
	ck_assert_ptr_nonnull(strstr(why, "scientific"));
	ck_assert_int_eq(import_check_id("2,34568e+18", why, sizeof why), -1);
	ck_assert_int_eq(import_check_id("3E+18", why, sizeof why), -1);
	ck_assert_int_eq(import_check_id("2345678901234560000", why, sizeof why), -1);
	ck_assert_ptr_nonnull(strstr(why, "15 significant"));
	ck_assert_int_eq(import_check_id("2345678901234567890", why, sizeof why), 0);
	ck_assert_int_eq(import_check_id("1000000000000000", why, sizeof why), 0);   /* 16 digits: cannot tell */
	ck_assert_int_eq(import_check_id("114-3941689-8772232", why, sizeof why), 0);
	ck_assert_int_eq(import_check_id("E12", why, sizeof why), 0);
	ck_assert_int_eq(import_check_id("#1060", why, sizeof why), 0);
}
END_TEST

static time_t date(const char *s, const struct date_opts *o)
{
	time_t t = -1;

	ck_assert_msg(import_parse_date(s, o, &t) == 0, "cannot parse %s", s);
	return t;
}

START_TEST(dates_in_every_channel_form)
{
	struct date_opts utc = { DATE_AUTO, 1, 0 }, beijing = { DATE_AUTO, 1, 480 };
	struct date_opts dmy = { DATE_DMY, 1, 0 };
	time_t t;

	ck_assert_int_eq(date("2025-12-07 19:08:25 +0000", &beijing), 1765134505);
	ck_assert_int_eq(date("2017-09-23T14:18:23-07:00", &utc), 1506201503);
	ck_assert_int_eq(date("2026-07-22T10:00:00Z", &beijing), 1784714400);
	ck_assert_int_eq(date("2026-07-22T10:00:00.250+0800", &utc), 1784685600);
	ck_assert_int_eq(date("5/31/2016 0:37", &utc), 1464655020);
	ck_assert_int_eq(date("31/5/2016 0:37", &utc), 1464655020);     /* day first when it must be */
	ck_assert_int_eq(date("1/2/2016", &dmy), 1454284800);            /* 1 February */
	ck_assert_int_eq(date("31.05.2016 00:37", &utc), 1464655020);
	ck_assert_int_eq(date("2026/07/22", &utc), 1784678400);
	ck_assert_int_eq(date("2026/07/22", &beijing), 1784678400 - 8 * 3600);
	ck_assert_int_eq(date("2026\xe5\xb9\xb4" "7\xe6\x9c\x88" "22\xe6\x97\xa5 10:00", &utc), 1784714400);
	ck_assert_int_eq(date("7/22/2026 1:05 PM", &utc), 1784725500);
	ck_assert_int_eq(date("2024-02-29", &utc), 1709164800);
	ck_assert_int_eq(import_parse_date("", &utc, &t), 1);
	ck_assert_int_eq(import_parse_date("0000-00-00", &utc, &t), 1);
	ck_assert_int_eq(import_parse_date("0000-00-00 00:00:00", &utc, &t), 1);
	ck_assert_int_eq(import_parse_date("2025-02-29", &utc, &t), -1);
	ck_assert_int_eq(import_parse_date("2026-13-01", &utc, &t), -1);
	ck_assert_int_eq(import_parse_date("2026-07-22 25:00", &utc, &t), -1);
	ck_assert_int_eq(import_parse_date("2026-07-22 10:00 +99:00", &utc, &t), -1);
	ck_assert_int_eq(import_parse_date("yesterday", &utc, &t), -1);
	ck_assert_int_eq(import_parse_date("13/13/2026", &utc, &t), -1);
	/* eBay's month names */
	ck_assert_int_eq(date("Sep-30-26", &utc), 1790726400);
	ck_assert_int_eq(date("Sep-30-26 23:45:00", &utc), 1790811900);
	ck_assert_int_eq(date("September 30, 2026", &utc), 1790726400);
	ck_assert_int_eq(date("sep 30, 2026 11:45 PM", &utc), 1790811900);
	ck_assert_int_eq(date("30-Sep-26", &utc), 1790726400);
	ck_assert_int_eq(date("30 September 2026 23:45", &utc), 1790811900);
	ck_assert_int_eq(import_parse_date("Sep-31-26", &utc, &t), -1);
	ck_assert_int_eq(import_parse_date("Sept-30-26", &utc, &t), -1);
	ck_assert_int_eq(import_parse_date("Sep30-26", &utc, &t), -1);
}
END_TEST

START_TEST(an_ambiguous_slash_date_is_read_only_in_a_known_order)
{
	struct date_opts any = { DATE_AUTO, 1, 0 }, mdy = { DATE_MDY, 1, 0 }, dmy = { DATE_DMY, 1, 0 };
	time_t t;

	ck_assert_int_eq(import_parse_date("07/12/2025 19:08", &any, &t), 2);
	ck_assert_int_eq(import_parse_date("07-12-25", &any, &t), 2);
	ck_assert_int_eq(import_parse_date("07/12/2025 19:08", NULL, &t), 2);
	ck_assert_int_eq(date("07/12/2025 19:08", &mdy), 1752347280);   /* 12 July */
	ck_assert_int_eq(date("07/12/2025 19:08", &dmy), 1765134480);   /* 7 December */
	ck_assert_int_eq(date("07/07/2025", &any), 1751846400);         /* the same either way */
	ck_assert_int_eq(date("25/12/2025", &mdy), 1766620800);         /* a date that settles itself */
	ck_assert_int_eq(date("12/25/2025", &dmy), 1766620800);
	ck_assert_int_eq(date("07.12.2025", &any), 1765065600);         /* dots: European */
	ck_assert_int_eq(import_parse_date("00/12/2025", &any, &t), -1);
	/* what a date tells of its file */
	ck_assert_int_eq(import_date_evidence("25/12/2025 10:00"), DATE_DMY);
	ck_assert_int_eq(import_date_evidence("12/25/2025"), DATE_MDY);
	ck_assert_int_eq(import_date_evidence("07/12/2025"), DATE_AUTO);
	ck_assert_int_eq(import_date_evidence("2025/12/25"), DATE_AUTO);
	ck_assert_int_eq(import_date_evidence("25.12.2025"), DATE_AUTO);
	ck_assert_int_eq(import_date_evidence("13/13/2025"), DATE_AUTO);
	ck_assert_int_eq(import_date_evidence(""), DATE_AUTO);
	ck_assert_int_eq(import_date_evidence(NULL), DATE_AUTO);
}
END_TEST

START_TEST(a_date_without_zone_is_local_unless_the_profile_says)
{
	setenv("TZ", "Asia/Shanghai", 1);
	tzset();
	ck_assert_int_eq(date("2026-07-22 10:00", NULL), 1784685600);
	setenv("TZ", "UTC", 1);
	tzset();
	ck_assert_int_eq(date("2026-07-22 10:00", NULL), 1784714400);
}
END_TEST

static long long money(const char *s, int dc)
{
	long long c = -999999;

	ck_assert_msg(import_parse_money(s, dc, &c, NULL, 0) == 0, "cannot parse %s", s);
	return c;
}

START_TEST(money_with_signs_separators_and_negatives)
{
	char cur[8];
	long long c;

	ck_assert_int_eq(money("\xc2\xa5" "1,299.00", 0), 129900);
	ck_assert_int_eq(import_parse_money("\xef\xbf\xa5" "178.00", 0, &c, cur, sizeof cur), 0);
	ck_assert_int_eq(c, 17800);
	ck_assert_str_eq(cur, "CNY");
	ck_assert_int_eq(money("$12", 0), 1200);
	ck_assert_int_eq(money("USD 12.5", 0), 1250);
	ck_assert_int_eq(money("12,50", 0), 1250);             /* a European amount in a comma file */
	ck_assert_int_eq(money("12,50", 1), 1250);
	ck_assert_int_eq(money("1.299,50", 1), 129950);
	ck_assert_int_eq(money("1.299,50", 0), 129950);
	ck_assert_int_eq(money("1 299,00 \xe2\x82\xac", 1), 129900);
	ck_assert_int_eq(money("1,299", 0), 129900);
	ck_assert_int_eq(money("1.299", 1), 129900);
	ck_assert_int_eq(money("-5.00", 0), -500);
	ck_assert_int_eq(money("(5.00)", 0), -500);
	ck_assert_int_eq(money("\xc2\xa5" "-3", 0), -300);
	ck_assert_int_eq(money("1299", 0), 129900);
	ck_assert_int_eq(import_parse_money("-", 0, &c, NULL, 0), 1);
	ck_assert_int_eq(import_parse_money("", 0, &c, NULL, 0), 1);
	ck_assert_int_eq(import_parse_money("abc", 0, &c, NULL, 0), -1);
	ck_assert_int_eq(import_parse_money("1.2.3", 0, &c, NULL, 0), -1);
	ck_assert_int_eq(import_parse_money("12.345", 0, &c, NULL, 0), -1);
	ck_assert_int_eq(import_parse_money("(5.00", 0, &c, NULL, 0), -1);
}
END_TEST

START_TEST(quantities_are_whole_and_positive)
{
	long q;

	ck_assert_int_eq(import_parse_qty("2", 0, &q), 0);
	ck_assert_int_eq(q, 2);
	ck_assert_int_eq(import_parse_qty(" 3.00 ", 0, &q), 0);
	ck_assert_int_eq(q, 3);
	ck_assert_int_eq(import_parse_qty("4,0", 1, &q), 0);
	ck_assert_int_eq(q, 4);
	ck_assert_int_eq(import_parse_qty("", 0, &q), 1);
	ck_assert_int_eq(import_parse_qty("0", 0, &q), -1);
	ck_assert_int_eq(import_parse_qty("-1", 0, &q), -1);
	ck_assert_int_eq(import_parse_qty("1.5", 0, &q), -1);
	ck_assert_int_eq(import_parse_qty("two", 0, &q), -1);
	ck_assert_int_eq(import_parse_qty("2000000", 0, &q), -1);
}
END_TEST

START_TEST(zones)
{
	int m;

	ck_assert_int_eq(import_parse_zone("+08:00", &m), 0);
	ck_assert_int_eq(m, 480);
	ck_assert_int_eq(import_parse_zone("-0700", &m), 0);
	ck_assert_int_eq(m, -420);
	ck_assert_int_eq(import_parse_zone("UTC+5", &m), 0);
	ck_assert_int_eq(m, 300);
	ck_assert_int_eq(import_parse_zone("Z", &m), 0);
	ck_assert_int_eq(m, 0);
	ck_assert_int_eq(import_parse_zone("+15:00", &m), -1);
	ck_assert_int_eq(import_parse_zone("CEST", &m), -1);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("import_clean");

	setenv("TZ", "UTC", 1);
	tzset();
	TCase *tc = tcase_create("clean");

	tcase_add_test(tc, ids_lose_excel_wrappers);
	tcase_add_test(tc, mangled_ids_are_refused_with_the_reason);
	tcase_add_test(tc, the_export_apostrophe_is_removed_exactly);
	tcase_add_test(tc, dates_in_every_channel_form);
	tcase_add_test(tc, a_date_without_zone_is_local_unless_the_profile_says);
	tcase_add_test(tc, an_ambiguous_slash_date_is_read_only_in_a_known_order);
	tcase_add_test(tc, money_with_signs_separators_and_negatives);
	tcase_add_test(tc, quantities_are_whole_and_positive);
	tcase_add_test(tc, zones);
	suite_add_tcase(s, tc);
	return t_run(s);
}
