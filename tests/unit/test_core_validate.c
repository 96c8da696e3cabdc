/* core/validate: each field with good and bad values and the reason, money, quantities, dates. */
#include <check.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "support.h"
#include "ordesk/validate.h"

static void zone(const char *tz)
{
	setenv("TZ", tz, 1);
	tzset();
}

static void good(enum field f, const char *value)
{
	char why[128] = "untouched";

	ck_assert_msg(validate_field(f, value, why, sizeof why) == 0, "%s='%s' refused: %s",
	              field_name(f), value ? value : "(null)", why);
}

/* Refused, with a reason holding `word`. */
static void bad(enum field f, const char *value, const char *word)
{
	char why[128] = "";

	ck_assert_msg(validate_field(f, value, why, sizeof why) == -1, "%s='%s' accepted",
	              field_name(f), value ? value : "(null)");
	ck_assert_msg(strstr(why, word) != NULL, "%s='%s': reason '%s' lacks '%s'", field_name(f),
	              value ? value : "(null)", why, word);
}

START_TEST(field_names_round_trip)
{
	static const char *const names[] = { "channel", "order_ref", "ordered_at", "customer", "tier",
	                                     "phone", "address", "sku", "qty", "unit_price", "type",
	                                     "flags", "note" };
	ck_assert_int_eq(FIELD_COUNT, (int)(sizeof names / sizeof names[0]));
	for (int i = 0; i < FIELD_COUNT; i++) {
		ck_assert_str_eq(field_name((enum field)i), names[i]);
		ck_assert_int_eq(field_parse(names[i]), i);
	}
	ck_assert_int_eq(field_parse("Channel"), -1);
	ck_assert_int_eq(field_parse(""), -1);
	ck_assert_int_eq(field_parse(NULL), -1);
	ck_assert_str_eq(field_name(FIELD_COUNT), "?");
	ck_assert(field_is_line_level(FIELD_SKU));
	ck_assert(field_is_line_level(FIELD_QTY));
	ck_assert(field_is_line_level(FIELD_UNIT_PRICE));
	ck_assert(!field_is_line_level(FIELD_CUSTOMER));
	ck_assert(field_is_required(FIELD_PHONE));
	ck_assert(field_is_required(FIELD_ADDRESS));
	ck_assert(!field_is_required(FIELD_NOTE));
	ck_assert(!field_is_required(FIELD_TIER));
}
END_TEST

START_TEST(required_fields_missing)
{
	for (int i = 0; i < FIELD_COUNT; i++) {
		enum field f = (enum field)i;
		if (field_is_required(f)) {
			bad(f, "", "missing");
			bad(f, "   ", "missing");
			bad(f, NULL, "missing");
		} else {
			good(f, "");
			good(f, NULL);
		}
	}
}
END_TEST

START_TEST(channel)
{
	good(FIELD_CHANNEL, "EC");
	good(FIELD_CHANNEL, "ST");
	good(FIELD_CHANNEL, "AMZN");
	bad(FIELD_CHANNEL, "E", "2 to 4");
	bad(FIELD_CHANNEL, "ecom", "capital");
	bad(FIELD_CHANNEL, "ABCDE", "2 to 4");
	bad(FIELD_CHANNEL, "E1", "capital");
	bad(FIELD_CHANNEL, "E C", "capital");
}
END_TEST

START_TEST(order_ref)
{
	char longref[80];

	good(FIELD_ORDER_REF, "#1060");
	good(FIELD_ORDER_REF, "2345678901234567890");
	memset(longref, '7', 65);
	longref[65] = '\0';
	bad(FIELD_ORDER_REF, longref, "64");
}
END_TEST

START_TEST(ordered_at)
{
	good(FIELD_ORDERED_AT, "2026-11-20 10:42");
	good(FIELD_ORDERED_AT, "2025-12-07 19:08:25 +0000");
	good(FIELD_ORDERED_AT, "2017-09-23T14:18:23-07:00");
	bad(FIELD_ORDERED_AT, "0000-00-00", "date");
	bad(FIELD_ORDERED_AT, "yesterday", "date");
	bad(FIELD_ORDERED_AT, "2026-02-30 10:00", "date");
}
END_TEST

START_TEST(customer)
{
	char longname[300];

	good(FIELD_CUSTOMER, "张伟");
	good(FIELD_CUSTOMER, "Zoë O'Brien-Łukasz");
	memset(longname, 'a', 201);
	longname[201] = '\0';
	bad(FIELD_CUSTOMER, longname, "200");
}
END_TEST

START_TEST(tier)
{
	good(FIELD_TIER, "regular");
	good(FIELD_TIER, "diamond");
	bad(FIELD_TIER, "Diamond", "tier");
	bad(FIELD_TIER, "vip", "tier");
}
END_TEST

START_TEST(phone)
{
	good(FIELD_PHONE, "+86 138 0013 8000");
	good(FIELD_PHONE, "(010) 6552-9988");
	good(FIELD_PHONE, "13800138000");
	good(FIELD_PHONE, "+1 415.555.0100");
	bad(FIELD_PHONE, "138****8000", "masked");
	bad(FIELD_PHONE, "##密文", "masked");
	bad(FIELD_PHONE, "1234", "phone");              /* too few digits */
	bad(FIELD_PHONE, "123456789012345678901", "phone");
	bad(FIELD_PHONE, "86+138001380", "phone");      /* + only in front */
	bad(FIELD_PHONE, "call me", "phone");
	bad(FIELD_PHONE, "138-0013-8000 ext", "phone");
}
END_TEST

/* Phones as people write them: brackets round the country code, dots,
 * slashes, extensions; E.164 with any grouping. */
START_TEST(phone_as_written)
{
	good(FIELD_PHONE, "(+44)7309085092");
	good(FIELD_PHONE, "(+44) 7309 085 092");
	good(FIELD_PHONE, "+44 (0)20 7946 0958");
	good(FIELD_PHONE, "+1 (415) 555-0132 x123");
	good(FIELD_PHONE, "020 7946 0958 ext. 45");
	good(FIELD_PHONE, "+49 30/1234567 Ext 7");
	good(FIELD_PHONE, "415-555-0132 extension 12");
	good(FIELD_PHONE, "+33.1.23.45.67.89");
	good(FIELD_PHONE, "+14155550132;ext=9");
	bad(FIELD_PHONE, "(+44 7309085092", "phone");      /* unbalanced */
	bad(FIELD_PHONE, "+44) 7309085092", "phone");
	bad(FIELD_PHONE, "+44 7309085092 x", "phone");     /* extension without digits */
	bad(FIELD_PHONE, "+44 7309085092 x12345678", "phone");
	bad(FIELD_PHONE, "x123", "phone");                 /* only an extension */
	bad(FIELD_PHONE, "44 (+7309085092)", "phone");     /* + after digits */
	bad(FIELD_PHONE, "+44 730 box 9085", "phone");
}
END_TEST

START_TEST(address)
{
	good(FIELD_ADDRESS, "上海市 浦东新区 世纪大道100号");
	good(FIELD_ADDRESS, "12 Rue de Rivoli, 75001 Paris");
	good(FIELD_ADDRESS, "Unit #4, 8 Harbour Rd");       /* one '#' is the address's own */
	good(FIELD_ADDRESS, "3#楼 501");
	bad(FIELD_ADDRESS, "##密文", "masked");
	bad(FIELD_ADDRESS, "北京市朝阳区****", "masked");
	bad(FIELD_ADDRESS, "x", "short");
	bad(FIELD_ADDRESS, "上海", "short");                 /* four columns */
	good(FIELD_ADDRESS, "上海市");
}
END_TEST

/* What Taobao, Tmall, JD and Douyin write in place of the buyer's contacts. */
START_TEST(masked_contacts)
{
	static const char *const phones[] = { "138****5678", "1******6198", "*", "+86 138****5678", "$$密文",
	                                      "$$Wm9yZGVzaw==$$", "$eTS8t8hAE==$1$", "##密文" };
	static const char *const names[] = { "张**", "李##", "*", "##密文", "#Qn/ZHaM#", "$$密文" };
	static const char *const addresses[] = { "##密文", "广东省 深圳市 南山区 ##密文", "北京市朝阳区****", "*",
	                                         "~a9Fq3==~", "$$密文" };
	char shown[128];

	for (size_t i = 0; i < sizeof phones / sizeof *phones; i++) {
		ck_assert_msg(validate_masked(FIELD_PHONE, phones[i]), "%s", phones[i]);
		bad(FIELD_PHONE, phones[i], "masked");   /* still no number to call */
	}
	for (size_t i = 0; i < sizeof names / sizeof *names; i++)
		ck_assert_msg(validate_masked(FIELD_CUSTOMER, names[i]), "%s", names[i]);
	for (size_t i = 0; i < sizeof addresses / sizeof *addresses; i++) {
		ck_assert_msg(validate_masked(FIELD_ADDRESS, addresses[i]), "%s", addresses[i]);
		bad(FIELD_ADDRESS, addresses[i], "masked");
	}
	/* what people write is no mask */
	ck_assert(!validate_masked(FIELD_PHONE, "+86 138 0013 8000"));
	ck_assert(!validate_masked(FIELD_PHONE, ""));
	ck_assert(!validate_masked(FIELD_CUSTOMER, "Ann Lee"));
	ck_assert(!validate_masked(FIELD_CUSTOMER, "$"));
	ck_assert(!validate_masked(FIELD_ADDRESS, "Unit #4, 8 Harbour Rd"));
	ck_assert(!validate_masked(FIELD_ADDRESS, "3#楼 501"));
	ck_assert(!validate_masked(FIELD_ADDRESS, "Flat 2*, 8 Harbour Rd"));
	ck_assert(!validate_masked(FIELD_SKU, "SKU-**"));
	/* shown as such: the stars kept, a ciphertext not */
	validate_contact_show(FIELD_PHONE, "138****5678", shown, sizeof shown);
	ck_assert_str_eq(shown, "138****5678 (masked by the channel)");
	validate_contact_show(FIELD_PHONE, "$$Wm9yZGVzaw==$$", shown, sizeof shown);
	ck_assert_str_eq(shown, "(masked by the channel)");
	validate_contact_show(FIELD_ADDRESS, "Unit #4, 8 Harbour Rd", shown, sizeof shown);
	ck_assert_str_eq(shown, "Unit #4, 8 Harbour Rd");
}
END_TEST

START_TEST(sku)
{
	char longsku[80];

	good(FIELD_SKU, "TEA-GREEN-100G");
	good(FIELD_SKU, "a1_b2.c3/d4");
	good(FIELD_SKU, "29823433-Preto-UK 6");        /* spaces are a SKU's own */
	good(FIELD_SKU, "TEA GREEN");
	good(FIELD_SKU, "茶叶-500g");
	good(FIELD_SKU, "SKU;DROP:1,2*3%");
	bad(FIELD_SKU, "TEA\tGREEN", "control");
	bad(FIELD_SKU, "TEA\x1b[31m", "control");
	bad(FIELD_SKU, "TEA\xc2\x85", "control");       /* C1 NEL */
	bad(FIELD_SKU, "TEA\xff", "control");            /* not UTF-8 */
	memset(longsku, 'A', 65);
	longsku[65] = '\0';
	bad(FIELD_SKU, longsku, "64");
}
END_TEST

START_TEST(qty)
{
	long q = 0;

	good(FIELD_QTY, "1");
	good(FIELD_QTY, "1000000");
	ck_assert_int_eq(validate_qty("12", &q), 0);
	ck_assert_int_eq(q, 12);
	bad(FIELD_QTY, "0", "quantity");
	bad(FIELD_QTY, "-3", "quantity");
	bad(FIELD_QTY, "1000001", "quantity");
	bad(FIELD_QTY, "2.5", "quantity");
	bad(FIELD_QTY, "3 ", "quantity");
	bad(FIELD_QTY, "+3", "quantity");
	bad(FIELD_QTY, "three", "quantity");
	bad(FIELD_QTY, "99999999999999999999", "quantity");
	q = 7;
	ck_assert_int_eq(validate_qty(NULL, &q), -1);
	ck_assert_int_eq(q, 7);
}
END_TEST

START_TEST(unit_price)
{
	good(FIELD_UNIT_PRICE, "12.50");
	good(FIELD_UNIT_PRICE, "¥1,299.00");
	good(FIELD_UNIT_PRICE, "0");
	bad(FIELD_UNIT_PRICE, "-5", "negative");
	bad(FIELD_UNIT_PRICE, "-", "money");
	bad(FIELD_UNIT_PRICE, "twelve", "money");
}
END_TEST

START_TEST(type_and_flags)
{
	good(FIELD_TYPE, "sale");
	good(FIELD_TYPE, "custom");
	good(FIELD_TYPE, "return");
	good(FIELD_TYPE, "exchange");
	bad(FIELD_TYPE, "refund", "type");
	good(FIELD_FLAGS, "urgent");
	good(FIELD_FLAGS, "urgent,quality");
	good(FIELD_FLAGS, "vip; urgent");
	bad(FIELD_FLAGS, "urgent,fragile", "flag");
}
END_TEST

START_TEST(note_and_any_field_too_long)
{
	char *big = malloc(5000);

	memset(big, 'n', 4097);
	big[4097] = '\0';
	good(FIELD_NOTE, "leave at the door\nring twice");
	bad(FIELD_NOTE, big, "4096");
	big[4096] = '\0';
	good(FIELD_NOTE, big);
	free(big);
}
END_TEST

START_TEST(reason_buffer_is_bounded)
{
	char why[4] = "xxx";

	ck_assert_int_eq(validate_field(FIELD_PHONE, "call me", why, sizeof why), -1);
	ck_assert_int_eq(strlen(why), 3);
	ck_assert_int_eq(validate_field(FIELD_PHONE, "call me", NULL, 0), -1);
}
END_TEST

/* ---- money ---- */

START_TEST(money_forms)
{
	static const struct { const char *in; long long cents; } ok[] = {
		{ "1299.00", 129900 },   { "1299", 129900 },       { "1,299.00", 129900 },
		{ "1,299", 129900 },     { "12,50", 1250 },        { "12,5", 1250 },
		{ "0,05", 5 },           { "1.299,50", 129950 },   { "1 299,50", 129950 },
		{ "1'299.95", 129995 },  { "1,234,567.89", 123456789 }, { "1.234.567", 123456700 },
		{ "-5", -500 },          { "-1,299.00", -129900 }, { "+7.1", 710 },
		{ "¥1,299.00", 129900 }, { "￥88", 8800 },          { "$3.5", 350 },
		{ "€12,50", 1250 },      { "£0.99", 99 },          { "-¥20", -2000 },
		{ "¥-20", -2000 },       { "  42.10  ", 4210 },    { "0", 0 },
		{ "0.00", 0 },           { ".5", 50 },             { "9999999999999.99", 999999999999999 },
	};
	for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++) {
		long long c = -999;
		ck_assert_msg(validate_money(ok[i].in, &c) == 0, "'%s' refused", ok[i].in);
		ck_assert_msg(c == ok[i].cents, "'%s' is %lld cents, want %lld", ok[i].in, c, ok[i].cents);
	}
}
END_TEST

START_TEST(money_refused)
{
	static const char *const no[] = {
		"", " ", "-", "+", "abc", "12abc", "1.2.3", "1,2,3", "12.345", "1.299", "12.3456",
		"1,2345", "1,,299", "1, 299", "12 34", "1e5", "--5", "5-", "1.299.00", "1,299,50x",
		"0x10", "¥", "$-", "NaN", "inf", "12,", "12.", ",", ".", "1 2 3", "1234,567.00",
		"99999999999999", "１２", "(5.00)", "¥¥5",
	};
	for (size_t i = 0; i < sizeof no / sizeof no[0]; i++) {
		long long c = 4242;
		ck_assert_msg(validate_money(no[i], &c) == -1, "'%s' accepted as %lld", no[i], c);
		ck_assert_int_eq(c, 4242);
	}
	long long c;
	ck_assert_int_eq(validate_money(NULL, &c), -1);
}
END_TEST

/* ---- dates and times ---- */

START_TEST(datetime_with_zones)
{
	static const struct { const char *in; time_t t; } ok[] = {
		{ "2026-11-20T10:42:00Z", 1795171320 },
		{ "2026-11-20 10:42:00Z", 1795171320 },
		{ "2026-11-20T18:42:00+08:00", 1795171320 },
		{ "2026-11-20T18:42+0800", 1795171320 },
		{ "2026-11-20T18:42+08", 1795171320 },
		{ "2026-11-20 03:42:00 -07:00", 1795171320 },
		{ "2026-11-20 10:42:00.123456Z", 1795171320 },
		{ "2026-11-20 10:42:00 +0000", 1795171320 },
		{ "2026-11-20T05:12:00-05:30", 1795171320 },
		{ "2026-11-21T00:12:00+13:30", 1795171320 },
		{ "2026-11-20 00:00Z", 1795132800 },
		{ "2026-11-20Z", 1795132800 },
	};
	/* With a zone the local zone does not matter. */
	for (int z = 0; z < 2; z++) {
		zone(z ? "Asia/Shanghai" : "America/New_York");
		for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++) {
			time_t t = 0;
			ck_assert_msg(validate_datetime(ok[i].in, &t) == 0, "'%s' refused", ok[i].in);
			ck_assert_msg(t == ok[i].t, "'%s' is %lld, want %lld", ok[i].in, (long long)t,
			              (long long)ok[i].t);
		}
	}
}
END_TEST

START_TEST(datetime_without_zone_is_local)
{
	time_t t;

	zone("UTC");
	ck_assert_int_eq(validate_datetime("2026-11-20 10:42", &t), 0);
	ck_assert_int_eq(t, 1795171320);
	ck_assert_int_eq(validate_datetime("2026-11-20", &t), 0);
	ck_assert_int_eq(t, 1795132800);
	zone("Asia/Shanghai");
	ck_assert_int_eq(validate_datetime("2026-11-20 18:42", &t), 0);
	ck_assert_int_eq(t, 1795171320);
	ck_assert_int_eq(validate_datetime("2026-11-20T18:42:00", &t), 0);
	ck_assert_int_eq(t, 1795171320);
	ck_assert_int_eq(validate_datetime("2026-11-21", &t), 0);
	ck_assert_int_eq(t, 1795132800 + 16 * 3600);
	/* across midnight and the year */
	ck_assert_int_eq(validate_datetime("2027-01-01 00:00", &t), 0);
	ck_assert_int_eq(t, 1798761600 - 8 * 3600);
}
END_TEST

START_TEST(datetime_refused)
{
	static const char *const no[] = {
		"", "2026", "2026-11-20T", "2026-11-20T10", "2026-11-20 10:4", "2026-11-20 1:42",
		"2026-11-20 24:00", "2026-11-20 10:60", "2026-11-20 10:42:61", "2026-11-20 10:42:4",
		"2026-11-31 10:00", "2026-02-29", "0000-00-00", "2026/11/20", "5/31/2016 0:37",
		"2026-11-20 10:42 PST", "2026-11-20 10:42+8", "2026-11-20 10:42+08:", "2026-11-20 10:42+08:0",
		"2026-11-20 10:42+15:00", "2026-11-20 10:42+08:60", "2026-11-20 10:42Zjunk",
		"2026-11-20 10:42 Z x", "2026-+1-20", "2026-11-20 +1:42", "2026-11-20 10:+2",
		" 2026-11-20", "2026-11-20 10:42:00.Z",
	};
	for (size_t i = 0; i < sizeof no / sizeof no[0]; i++) {
		time_t t = 4242;
		ck_assert_msg(validate_datetime(no[i], &t) == -1, "'%s' accepted as %lld", no[i],
		              (long long)t);
		ck_assert_int_eq(t, 4242);
	}
	time_t t;
	ck_assert_int_eq(validate_datetime(NULL, &t), -1);
}
END_TEST

/* What an operator types at the board's prompts and the command line alike. */
START_TEST(typed_reasons_and_shipping)
{
	char why[160];

	ck_assert_int_eq(validate_reason("customer asked", why, sizeof why), 0);
	ck_assert_int_eq(validate_reason(" \t ", why, sizeof why), -1);
	ck_assert_ptr_nonnull(strstr(why, "reason"));
	ck_assert_int_eq(validate_reason(NULL, NULL, 0), -1);
	ck_assert_int_eq(validate_action("called the customer", why, sizeof why), 0);
	ck_assert_int_eq(validate_action("", why, sizeof why), -1);
	ck_assert_int_eq(validate_carrier("SF Express", why, sizeof why), 0);
	ck_assert_int_eq(validate_carrier("", why, sizeof why), -1);
	ck_assert_ptr_nonnull(strstr(why, "carrier"));
	ck_assert_int_eq(validate_tracking("SF1234567", why, sizeof why), 0);
	ck_assert_int_eq(validate_tracking("  ", why, sizeof why), -1);
	ck_assert_ptr_nonnull(strstr(why, "tracking number is needed"));
	ck_assert_int_eq(validate_tracking("SF\x1b[31m1", why, sizeof why), -1);
	char longer[100];
	memset(longer, '7', sizeof longer - 1);
	longer[sizeof longer - 1] = '\0';
	ck_assert_int_eq(validate_tracking(longer, why, sizeof why), -1);
	ck_assert_ptr_nonnull(strstr(why, "78"));
	/* every field says what it takes */
	for (int f = 0; f < FIELD_COUNT; f++)
		ck_assert_int_gt((int)strlen(field_format((enum field)f)), 3);
	ck_assert_ptr_nonnull(strstr(field_format(FIELD_PHONE), "digits"));
}
END_TEST


int main(void)
{
	Suite *s = suite_create("core_validate");
	TCase *tc = tcase_create("validate");

	zone("UTC");
	tcase_add_test(tc, field_names_round_trip);
	tcase_add_test(tc, required_fields_missing);
	tcase_add_test(tc, channel);
	tcase_add_test(tc, order_ref);
	tcase_add_test(tc, ordered_at);
	tcase_add_test(tc, customer);
	tcase_add_test(tc, tier);
	tcase_add_test(tc, phone);
	tcase_add_test(tc, phone_as_written);
	tcase_add_test(tc, address);
	tcase_add_test(tc, sku);
	tcase_add_test(tc, qty);
	tcase_add_test(tc, unit_price);
	tcase_add_test(tc, type_and_flags);
	tcase_add_test(tc, note_and_any_field_too_long);
	tcase_add_test(tc, reason_buffer_is_bounded);
	tcase_add_test(tc, money_forms);
	tcase_add_test(tc, money_refused);
	tcase_add_test(tc, datetime_with_zones);
	tcase_add_test(tc, datetime_without_zone_is_local);
	tcase_add_test(tc, datetime_refused);
	tcase_add_test(tc, typed_reasons_and_shipping);
	tcase_add_test(tc, masked_contacts);
	suite_add_tcase(s, tc);
	return t_run(s);
}
