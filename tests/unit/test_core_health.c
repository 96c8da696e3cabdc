/* core/health: the colour of a card from its stage, clock and exceptions at a given time. */
#include <check.h>

#include "support.h"
#include "ordesk/health.h"

#define START T_MONDAY_0900
#define HOUR 3600

static enum health h(enum stage s, time_t due, int exc, int prev_on_time, time_t now)
{
	struct health_input in = { s, START, due, exc, prev_on_time, START };
	return health_of(&in, now);
}

START_TEST(finished_is_green)
{
	ck_assert_int_eq(h(STAGE_DONE, 0, 0, 0, START), HEALTH_GREEN);
	ck_assert_int_eq(h(STAGE_DONE, START + HOUR, 0, 0, START + 10 * HOUR), HEALTH_GREEN);
	ck_assert_int_eq(h(STAGE_CANCELLED, 0, 0, 0, START + 99 * HOUR), HEALTH_GREEN);
}
END_TEST

START_TEST(open_exception_is_red_whatever_the_clock)
{
	for (int s = STAGE_NEW; s < STAGE_DONE; s++) {
		ck_assert_int_eq(h((enum stage)s, START + HOUR, 1, 0, START), HEALTH_RED);
		/* even just after finishing the stage before ahead of time */
		ck_assert_int_eq(h((enum stage)s, START + HOUR, 2, 1, START + 1), HEALTH_RED);
		ck_assert_int_eq(h((enum stage)s, 0, 1, 0, START), HEALTH_RED);
	}
}
END_TEST

START_TEST(clock_boundaries)
{
	time_t due = START + 4 * HOUR;   /* a four-hour clock: at risk from 3 h */

	ck_assert_int_eq(h(STAGE_PICKING, due, 0, 0, START), HEALTH_YELLOW);
	ck_assert_int_eq(h(STAGE_PICKING, due, 0, 0, START + 3 * HOUR - 1), HEALTH_YELLOW);
	ck_assert_int_eq(h(STAGE_PICKING, due, 0, 0, START + 3 * HOUR), HEALTH_AT_RISK);
	ck_assert_int_eq(h(STAGE_PICKING, due, 0, 0, due - 1), HEALTH_AT_RISK);
	ck_assert_int_eq(h(STAGE_PICKING, due, 0, 0, due), HEALTH_RED);
	ck_assert_int_eq(h(STAGE_PICKING, due, 0, 0, due + 86400), HEALTH_RED);
	/* a clock that is not a multiple of four: 75 % of 61 s is 45.75 s */
	ck_assert_int_eq(h(STAGE_SHIPPED, START + 61, 0, 0, START + 45), HEALTH_YELLOW);
	ck_assert_int_eq(h(STAGE_SHIPPED, START + 61, 0, 0, START + 46), HEALTH_AT_RISK);
}
END_TEST

START_TEST(fresh_after_an_early_finish_is_green)
{
	time_t due = START + 4 * HOUR;

	ck_assert_int_eq(h(STAGE_LOCKED, due, 0, 1, START), HEALTH_GREEN);
	ck_assert_int_eq(h(STAGE_LOCKED, due, 0, 1, START + HEALTH_FRESH_SECONDS - 1), HEALTH_GREEN);
	ck_assert_int_eq(h(STAGE_LOCKED, due, 0, 1, START + HEALTH_FRESH_SECONDS), HEALTH_YELLOW);
	/* finished late: never green */
	ck_assert_int_eq(h(STAGE_LOCKED, due, 0, 0, START + 1), HEALTH_YELLOW);
	/* fresh or not, a clock that ran out is red */
	ck_assert_int_eq(h(STAGE_LOCKED, START + 60, 0, 1, START + 60), HEALTH_RED);
}
END_TEST

START_TEST(no_clock_is_yellow_in_progress)
{
	ck_assert_int_eq(h(STAGE_TRANSIT, 0, 0, 0, START + 1000 * HOUR), HEALTH_YELLOW);
}
END_TEST

START_TEST(a_clock_reader_behind_the_stage_start)
{
	/* now before the stage started (another host's clock): not at risk, not red */
	ck_assert_int_eq(h(STAGE_REVIEW, START + HOUR, 0, 0, START - 600), HEALTH_YELLOW);
}
END_TEST

START_TEST(every_stage_follows_the_same_rules)
{
	for (int s = STAGE_NEW; s < STAGE_DONE; s++) {
		time_t due = START + 100;
		ck_assert_int_eq(h((enum stage)s, due, 0, 0, START + 10), HEALTH_YELLOW);
		ck_assert_int_eq(h((enum stage)s, due, 0, 0, START + 75), HEALTH_AT_RISK);
		ck_assert_int_eq(h((enum stage)s, due, 0, 0, START + 100), HEALTH_RED);
	}
}
END_TEST

/* New and review share the clock that starts at receipt: at risk from 75 % of it,
 * however late the order entered review. */
START_TEST(review_at_risk_counts_from_receipt)
{
	time_t received = START, entered = START + 40 * 60, due = START + 60 * 60;
	struct health_input in = { STAGE_REVIEW, entered, due, 0, 0, received };

	ck_assert_int_eq(health_of(&in, received + 44 * 60), HEALTH_YELLOW);
	ck_assert_int_eq(health_of(&in, received + 45 * 60), HEALTH_AT_RISK);
	in.stage = STAGE_NEW;
	in.stage_at = received;
	ck_assert_int_eq(health_of(&in, received + 45 * 60 - 1), HEALTH_YELLOW);
	ck_assert_int_eq(health_of(&in, received + 45 * 60), HEALTH_AT_RISK);
	/* Other stages count from entering them. */
	in.stage = STAGE_LOCKED;
	in.stage_at = entered;
	ck_assert_int_eq(health_of(&in, received + 45 * 60), HEALTH_YELLOW);
	ck_assert_int_eq(health_of(&in, entered + 15 * 60), HEALTH_AT_RISK);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("core_health");
	TCase *tc = tcase_create("health");

	tcase_add_test(tc, finished_is_green);
	tcase_add_test(tc, open_exception_is_red_whatever_the_clock);
	tcase_add_test(tc, clock_boundaries);
	tcase_add_test(tc, fresh_after_an_early_finish_is_green);
	tcase_add_test(tc, no_clock_is_yellow_in_progress);
	tcase_add_test(tc, a_clock_reader_behind_the_stage_start);
	tcase_add_test(tc, every_stage_follows_the_same_rules);
	tcase_add_test(tc, review_at_risk_counts_from_receipt);
	suite_add_tcase(s, tc);
	return t_run(s);
}
