/* core/priority: classes and their precedence, the surge rule, the score within a class. */
#include <check.h>
#include <math.h>

#include "support.h"
#include "ordesk/priority.h"

static enum priority classify(int urgent, int surge, enum tier tier, enum otype type, int quality)
{
	struct priority_input in = { urgent, surge, tier, type, quality };
	return priority_classify(&in);
}

START_TEST(plain_sale_is_normal)
{
	for (int t = TIER_REGULAR; t < TIER_DIAMOND; t++)
		ck_assert_int_eq(classify(0, 0, (enum tier)t, OTYPE_SALE, 0), PRIO_NORMAL);
	/* a quality flag on a sale changes nothing */
	ck_assert_int_eq(classify(0, 0, TIER_GOLD, OTYPE_SALE, 1), PRIO_NORMAL);
}
END_TEST

START_TEST(urgent_flag_and_surge_day_make_urgent)
{
	ck_assert_int_eq(classify(1, 0, TIER_REGULAR, OTYPE_SALE, 0), PRIO_URGENT);
	ck_assert_int_eq(classify(0, 1, TIER_REGULAR, OTYPE_SALE, 0), PRIO_URGENT);
	ck_assert_int_eq(classify(1, 1, TIER_REGULAR, OTYPE_SALE, 0), PRIO_URGENT);
}
END_TEST

START_TEST(diamond_and_custom_make_high)
{
	ck_assert_int_eq(classify(0, 0, TIER_DIAMOND, OTYPE_SALE, 0), PRIO_HIGH);
	ck_assert_int_eq(classify(0, 0, TIER_REGULAR, OTYPE_CUSTOM, 0), PRIO_HIGH);
	ck_assert_int_eq(classify(0, 0, TIER_PLATINUM, OTYPE_SALE, 0), PRIO_NORMAL);
}
END_TEST

START_TEST(returns_and_exchanges)
{
	ck_assert_int_eq(classify(0, 0, TIER_REGULAR, OTYPE_RETURN, 0), PRIO_LOW);
	ck_assert_int_eq(classify(0, 0, TIER_REGULAR, OTYPE_EXCHANGE, 0), PRIO_LOW);
	/* about quality: not low */
	ck_assert_int_eq(classify(0, 0, TIER_REGULAR, OTYPE_RETURN, 1), PRIO_NORMAL);
	ck_assert_int_eq(classify(0, 0, TIER_REGULAR, OTYPE_EXCHANGE, 1), PRIO_NORMAL);
}
END_TEST

START_TEST(precedence_highest_rule_wins)
{
	/* urgent beats high and low */
	ck_assert_int_eq(classify(1, 0, TIER_DIAMOND, OTYPE_CUSTOM, 0), PRIO_URGENT);
	ck_assert_int_eq(classify(0, 1, TIER_REGULAR, OTYPE_RETURN, 0), PRIO_URGENT);
	/* high beats low: a diamond customer's plain return */
	ck_assert_int_eq(classify(0, 0, TIER_DIAMOND, OTYPE_RETURN, 0), PRIO_HIGH);
	ck_assert_int_eq(classify(0, 0, TIER_DIAMOND, OTYPE_EXCHANGE, 1), PRIO_HIGH);
}
END_TEST

/* Every combination against the rules as the design states them. */
START_TEST(every_combination)
{
	for (int u = 0; u < 2; u++)
		for (int s = 0; s < 2; s++)
			for (int t = 0; t < TIER_COUNT; t++)
				for (int y = 0; y < OTYPE_COUNT; y++)
					for (int q = 0; q < 2; q++) {
						enum priority want;
						if (u || s)
							want = PRIO_URGENT;
						else if (t == TIER_DIAMOND || y == OTYPE_CUSTOM)
							want = PRIO_HIGH;
						else if ((y == OTYPE_RETURN || y == OTYPE_EXCHANGE) && !q)
							want = PRIO_LOW;
						else
							want = PRIO_NORMAL;
						ck_assert_int_eq(classify(u, s, (enum tier)t, (enum otype)y, q), want);
					}
}
END_TEST

START_TEST(surge_is_strictly_above_three_times_the_mean)
{
	/* 28 days at 10 a day: the mean is 10, the bar 30. */
	ck_assert_int_eq(priority_is_surge(30, 280, 28, 3.0), 0);
	ck_assert_int_eq(priority_is_surge(31, 280, 28, 3.0), 1);
	ck_assert_int_eq(priority_is_surge(0, 280, 28, 3.0), 0);
	/* a mean that is not whole: 100 over 28 days is 3.57 a day, the bar 10.71 */
	ck_assert_int_eq(priority_is_surge(10, 100, 28, 3.0), 0);
	ck_assert_int_eq(priority_is_surge(11, 100, 28, 3.0), 1);
	/* exactly at the bar with a fractional mean: 7 over 28 days, factor 4 → bar 1 */
	ck_assert_int_eq(priority_is_surge(1, 7, 28, 4.0), 0);
	ck_assert_int_eq(priority_is_surge(2, 7, 28, 4.0), 1);
	/* another factor */
	ck_assert_int_eq(priority_is_surge(25, 280, 28, 2.5), 0);
	ck_assert_int_eq(priority_is_surge(26, 280, 28, 2.5), 1);
	/* large volumes stay exact */
	ck_assert_int_eq(priority_is_surge(3000000, 28000000, 28, 3.0), 0);
	ck_assert_int_eq(priority_is_surge(3000001, 28000000, 28, 3.0), 1);
}
END_TEST

START_TEST(no_history_never_surges)
{
	ck_assert_int_eq(priority_is_surge(1000, 0, 28, 3.0), 0);
	ck_assert_int_eq(priority_is_surge(1000, 50, 0, 3.0), 0);
	ck_assert_int_eq(priority_is_surge(1000, 50, -1, 3.0), 0);
	ck_assert_int_eq(priority_is_surge(1000, -5, 28, 3.0), 0);
}
END_TEST

START_TEST(default_weights)
{
	struct score_weights w;

	score_weights_default(&w);
	ck_assert(w.tier == 10.0);
	ck_assert(w.value == 5.0);
	ck_assert(w.time == 1.0);
}
END_TEST

START_TEST(score_values)
{
	struct score_weights w;
	time_t now = T_MONDAY_0900;

	score_weights_default(&w);
	/* regular, 1 unit, promise two days away or more: nothing. */
	ck_assert_double_eq_tol(priority_score(&w, TIER_REGULAR, 100, now + 48 * 3600, now), 0.0, 1e-9);
	ck_assert_double_eq_tol(priority_score(&w, TIER_REGULAR, 100, now + 96 * 3600, now), 0.0, 1e-9);
	/* diamond (4 steps), 1000 units (3 decades), promise due now: 40 + 15 + 48 */
	ck_assert_double_eq_tol(priority_score(&w, TIER_DIAMOND, 100000, now, now), 103.0, 1e-9);
	/* past the promise counts as due now */
	ck_assert_double_eq_tol(priority_score(&w, TIER_DIAMOND, 100000, now - 3600, now), 103.0, 1e-9);
	/* gold, 10 units, 12 hours left: 20 + 5 + 36 */
	ck_assert_double_eq_tol(priority_score(&w, TIER_GOLD, 1000, now + 12 * 3600, now), 61.0, 1e-9);
	/* no value, zero or negative, scores as one unit */
	ck_assert_double_eq_tol(priority_score(&w, TIER_REGULAR, 0, now + 48 * 3600, now), 0.0, 1e-9);
	ck_assert_double_eq_tol(priority_score(&w, TIER_REGULAR, -5000, now + 48 * 3600, now), 0.0, 1e-9);
	/* weights scale their part */
	struct score_weights only_tier = { 1.0, 0.0, 0.0 };
	ck_assert_double_eq_tol(priority_score(&only_tier, TIER_PLATINUM, 99999, now, now), 3.0, 1e-9);
}
END_TEST

START_TEST(score_orders_by_tier_value_and_time)
{
	struct score_weights w;
	time_t now = T_MONDAY_0900, promise = now + 30 * 3600;

	score_weights_default(&w);
	for (int t = TIER_REGULAR; t < TIER_DIAMOND; t++)
		ck_assert(priority_score(&w, (enum tier)t, 5000, promise, now) <
		          priority_score(&w, (enum tier)(t + 1), 5000, promise, now));
	ck_assert(priority_score(&w, TIER_GOLD, 5000, promise, now) <
	          priority_score(&w, TIER_GOLD, 50000, promise, now));
	ck_assert(priority_score(&w, TIER_GOLD, 50000, promise, now) <
	          priority_score(&w, TIER_GOLD, 5000000, promise, now));
	/* time pressure: the nearer promise first */
	ck_assert(priority_score(&w, TIER_GOLD, 5000, now + 40 * 3600, now) <
	          priority_score(&w, TIER_GOLD, 5000, now + 2 * 3600, now));
	/* as the clock runs the same order rises */
	ck_assert(priority_score(&w, TIER_GOLD, 5000, promise, now) <
	          priority_score(&w, TIER_GOLD, 5000, promise, now + 3600));
	/* beyond 48 hours time does not separate */
	ck_assert_double_eq_tol(priority_score(&w, TIER_GOLD, 5000, now + 50 * 3600, now),
	                        priority_score(&w, TIER_GOLD, 5000, now + 90 * 3600, now), 1e-9);
	for (int t = 0; t < TIER_COUNT; t++)
		ck_assert(isfinite(priority_score(&w, (enum tier)t, 0, now, now)));
}
END_TEST

int main(void)
{
	Suite *s = suite_create("core_priority");
	TCase *tc = tcase_create("priority");

	tcase_add_test(tc, plain_sale_is_normal);
	tcase_add_test(tc, urgent_flag_and_surge_day_make_urgent);
	tcase_add_test(tc, diamond_and_custom_make_high);
	tcase_add_test(tc, returns_and_exchanges);
	tcase_add_test(tc, precedence_highest_rule_wins);
	tcase_add_test(tc, every_combination);
	tcase_add_test(tc, surge_is_strictly_above_three_times_the_mean);
	tcase_add_test(tc, no_history_never_surges);
	tcase_add_test(tc, default_weights);
	tcase_add_test(tc, score_values);
	tcase_add_test(tc, score_orders_by_tier_value_and_time);
	suite_add_tcase(s, tc);
	return t_run(s);
}
