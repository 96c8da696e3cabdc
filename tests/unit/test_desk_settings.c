/* desk_open loads every setting from the store in one pass, over the table's defaults. */
#include "support.h"
#include "ordesk/desk_admin.h"

#include <string.h>

START_TEST(defaults_then_stored_values)
{
	struct desk d, again;

	t_desk_open(&d, ROLE_ADMIN, T_MONDAY_0900);
	ck_assert_str_eq(d.store_name, "main store");
	ck_assert_int_eq(d.clocks.review.amount, 60 * 60);
	ck_assert(d.surge_factor == 3.0);
	ck_assert(d.weights.tier == 10.0);

	ck_assert_int_eq(desk_config_set(&d, "store.name", "east hall"), ST_OK);
	ck_assert_int_eq(desk_config_set(&d, "clock.review", "90m"), ST_OK);
	ck_assert_int_eq(desk_config_set(&d, "clock.stock_delay_max", "5bd"), ST_OK);
	ck_assert_int_eq(desk_config_set(&d, "surge.factor", "2.5"), ST_OK);
	ck_assert_int_eq(desk_config_set(&d, "score.w_value", "7"), ST_OK);

	/* A second operator opening the store sees the same rules. */
	memset(&again, 0, sizeof again);
	again.fixed_now = T_MONDAY_0900;
	ck_assert_int_eq(desk_open(&again, t_desk_path(&d), "other", 0), ST_OK);
	ck_assert_str_eq(again.store_name, "east hall");
	ck_assert_int_eq(again.clocks.review.amount, 90 * 60);
	ck_assert_int_eq(again.clocks.stock_delay_max.unit, DUR_BUSINESS_DAYS);
	ck_assert_int_eq(again.clocks.stock_delay_max.amount, 5);
	ck_assert(again.surge_factor == 2.5);
	ck_assert(again.weights.value == 7.0);
	ck_assert(again.weights.tier == 10.0);        /* untouched keys keep their default */
	ck_assert_int_eq(again.clocks.lock.amount, 30 * 60);
	desk_close(&again);
	t_desk_close(&d);
}
END_TEST

START_TEST(malformed_stored_values_keep_the_default)
{
	struct desk d, again;

	t_desk_open(&d, ROLE_ADMIN, T_MONDAY_0900);
	/* Written behind the desk's back: not a duration, not a number. */
	ck_assert_int_eq(store_begin(d.store), ST_OK);
	ck_assert_int_eq(store_setting_set(d.store, "clock.ship", "soon"), ST_OK);
	ck_assert_int_eq(store_setting_set(d.store, "surge.factor", "lots"), ST_OK);
	ck_assert_int_eq(store_commit(d.store), ST_OK);
	memset(&again, 0, sizeof again);
	ck_assert_int_eq(desk_open(&again, t_desk_path(&d), "other", 0), ST_OK);
	ck_assert_int_eq(again.clocks.ship.amount, 60 * 60);
	ck_assert(again.surge_factor == 3.0);
	desk_close(&again);
	t_desk_close(&d);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("desk_settings");
	TCase *tc = tcase_create("settings");

	tcase_add_test(tc, defaults_then_stored_values);
	tcase_add_test(tc, malformed_stored_values_keep_the_default);
	suite_add_tcase(s, tc);
	return t_run(s);
}
