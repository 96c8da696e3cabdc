/* The alerts count a header shows stops at STORE_ALERTS_COUNTED. */
#include "support.h"
#include "ordesk/store_escalation.h"

#include <stdio.h>
#include <string.h>

static void raise_n(struct desk *d, int from, int n)
{
	ck_assert_int_eq(store_begin(d->store), ST_OK);
	for (int i = from; i < from + n; i++) {
		struct escalation_rec e;
		int created;
		memset(&e, 0, sizeof e);
		snprintf(e.kind, sizeof e.kind, "low_stock");
		snprintf(e.message, sizeof e.message, "alert %d", i);
		snprintf(e.dedupe_key, sizeof e.dedupe_key, "test:%d", i);
		e.created_at = d->fixed_now;
		ck_assert_int_eq(store_escalation_raise(d->store, &e, &created), ST_OK);
		ck_assert_int_eq(created, 1);
	}
	ck_assert_int_eq(store_commit(d->store), ST_OK);
}

START_TEST(count_is_exact_below_the_cap_and_stops_at_it)
{
	struct desk d;
	int n;

	t_desk_open(&d, ROLE_SUPERVISOR, T_MONDAY_0900);
	raise_n(&d, 0, STORE_ALERTS_COUNTED - 1);
	ck_assert_int_eq(store_escalation_count_open(d.store, &n), ST_OK);
	ck_assert_int_eq(n, STORE_ALERTS_COUNTED - 1);
	raise_n(&d, STORE_ALERTS_COUNTED, 5);
	ck_assert_int_eq(store_escalation_count_open(d.store, &n), ST_OK);
	ck_assert_int_eq(n, STORE_ALERTS_COUNTED);
	/* Acknowledging brings the exact count back. */
	ck_assert_int_eq(store_begin(d.store), ST_OK);
	for (long long id = 1; id <= 10; id++)
		ck_assert_int_eq(store_escalation_ack(d.store, id, d.fixed_now, d.login), ST_OK);
	ck_assert_int_eq(store_commit(d.store), ST_OK);
	ck_assert_int_eq(store_escalation_count_open(d.store, &n), ST_OK);
	ck_assert_int_eq(n, STORE_ALERTS_COUNTED - 1 + 5 - 10);
	t_desk_close(&d);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("escalation_count");
	TCase *tc = tcase_create("count");

	tcase_add_test(tc, count_is_exact_below_the_cap_and_stops_at_it);
	suite_add_tcase(s, tc);
	return t_run(s);
}
