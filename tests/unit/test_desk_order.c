/* desk/ order use cases: advance, back, cancel, edit, with roles and events. */
#include "support.h"
#include "ordesk/desk_order.h"

#include <stdlib.h>
#include <string.h>

static int count_events(const struct event_row *e, void *arg)
{
	(void)e;
	(*(int *)arg)++;
	return 0;
}

START_TEST(advance_moves_one_stage_and_logs)
{
	struct desk d;
	struct order o;
	char no[40];
	int n = 0;

	t_desk_open(&d, ROLE_CLERK, T_MONDAY_0900);
	t_order_add(&d, "R1", "Wang Wei", no, sizeof no);
	struct advance_req req = { .order_no = no, .to = -1, .expected_version = -1 };
	ck_assert_int_eq(desk_advance(&d, &req), ST_OK);
	ck_assert_int_eq(store_order_get(d.store, no, &o), ST_OK);
	ck_assert_int_eq(o.stage, STAGE_REVIEW);
	ck_assert_int_eq(store_order_events(d.store, o.id, count_events, &n), ST_OK);
	ck_assert_int_eq(n, 1);
	t_desk_close(&d);
}
END_TEST

START_TEST(advance_to_a_stage_already_reached_is_refused)
{
	struct desk d;
	char no[40];

	t_desk_open(&d, ROLE_CLERK, T_MONDAY_0900);
	t_order_add(&d, "R1", "Wang Wei", no, sizeof no);
	struct advance_req req = { .order_no = no, .to = STAGE_REVIEW, .expected_version = -1 };
	ck_assert_int_eq(desk_advance(&d, &req), ST_OK);
	ck_assert_int_eq(desk_advance(&d, &req), ST_REFUSED);
	ck_assert_ptr_nonnull(strstr(desk_message(&d), "already moved"));
	t_desk_close(&d);
}
END_TEST

START_TEST(viewer_cannot_advance)
{
	struct desk d;
	char no[40];

	t_desk_open(&d, ROLE_VIEWER, T_MONDAY_0900);
	t_order_add(&d, "R1", "Wang Wei", no, sizeof no);
	struct advance_req req = { .order_no = no, .to = -1, .expected_version = -1 };
	ck_assert_int_eq(desk_advance(&d, &req), ST_DENIED);
	t_desk_close(&d);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("desk_order");
	TCase *tc = tcase_create("order");

	tcase_add_test(tc, advance_moves_one_stage_and_logs);
	tcase_add_test(tc, advance_to_a_stage_already_reached_is_refused);
	tcase_add_test(tc, viewer_cannot_advance);
	suite_add_tcase(s, tc);
	return t_run(s);
}
