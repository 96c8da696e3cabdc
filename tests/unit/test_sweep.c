/* desk/ sweep: every clock at its boundaries, once per breach, escalations. */
#include "support.h"
#include "ordesk/desk_admin.h"
#include "ordesk/desk_board.h"
#include "ordesk/desk_exception.h"
#include "ordesk/desk_order.h"
#include "ordesk/desk_sweep.h"
#include "ordesk/store_escalation.h"
#include "ordesk/store_order.h"
#include "ordesk/store_stock.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#define MIN 60
#define HOUR 3600
/* Friday 2026-11-20 17:00 UTC. */
#define T_FRIDAY_1700 (T_MONDAY_0900 + 4 * 86400 + 8 * HOUR)

static void add_stock(struct desk *d, const char *sku, long qty)
{
	int new_sku, new_wh;

	ck_assert_int_eq(store_begin(d->store), ST_OK);
	ck_assert_int_eq(store_stock_ensure(d->store, sku, "MAIN", &new_sku, &new_wh), ST_OK);
	ck_assert_int_eq(store_stock_add(d->store, sku, "MAIN", qty), ST_OK);
	ck_assert_int_eq(store_commit(d->store), ST_OK);
}

static void advance(struct desk *d, const char *no)
{
	struct advance_req req = { .order_no = no, .to = -1, .expected_version = -1,
	                           .carrier = "SF", .tracking = "SF1" };
	ck_assert_int_eq(desk_advance(d, &req), ST_OK);
}

/* Sweeps at t; returns the result. */
static struct sweep_result sweep_at(struct desk *d, time_t t)
{
	struct sweep_result r;

	d->fixed_now = t;
	ck_assert_int_eq(desk_sweep(d, &r), ST_OK);
	return r;
}

static int open_of(struct desk *d, const char *no, enum exkind kind, struct exception_rec *e)
{
	struct order o;

	ck_assert_int_eq(store_order_get(d->store, no, &o), ST_OK);
	ck_assert_int_eq(store_exception_find_open(d->store, o.id, kind, e), ST_OK);
	return e->id != 0;
}

/* Every waiting alert, counted without the header's cap. */
static int waiting_alerts(struct desk *d)
{
	sqlite3_stmt *st;
	int n = -1;
	ck_assert_int_eq(sqlite3_prepare_v2(store_db(d->store),
	                                    "SELECT count(*) FROM escalations WHERE acked_at IS NULL", -1,
	                                    &st, NULL), SQLITE_OK);
	if (sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return n;
}

START_TEST(review_clock_minute_before_at_after)
{
	struct desk d;
	struct exception_rec e;
	struct order o;
	char no[40], key[96];

	t_desk_open(&d, ROLE_CLERK, T_MONDAY_0900);
	t_order_add(&d, "C1", "Wu Fei", no, sizeof no);
	ck_assert_int_eq(sweep_at(&d, T_MONDAY_0900 + 59 * MIN).breaches, 0);
	ck_assert(!open_of(&d, no, EXKIND_SLA_BREACH, &e));
	struct sweep_result r = sweep_at(&d, T_MONDAY_0900 + 60 * MIN);
	ck_assert_int_eq(r.breaches, 1);
	ck_assert_int_eq(r.escalations, 1);
	ck_assert(open_of(&d, no, EXKIND_SLA_BREACH, &e));
	ck_assert_int_eq(e.stage, STAGE_NEW);
	ck_assert_int_eq(e.opened_at, T_MONDAY_0900 + 60 * MIN);
	ck_assert_int_eq(store_order_get(d.store, no, &o), ST_OK);
	snprintf(key, sizeof key, "sla_breach:%lld:new:%lld", o.id, (long long)T_MONDAY_0900);
	ck_assert_str_eq(e.breach_key, key);
	r = sweep_at(&d, T_MONDAY_0900 + 61 * MIN);
	ck_assert_int_eq(r.breaches, 0);
	ck_assert_int_eq(r.escalations, 0);
	ck_assert_int_eq(waiting_alerts(&d), 1);
	/* Moving on to review keeps the shared clock: no second breach. */
	advance(&d, no);
	ck_assert_int_eq(sweep_at(&d, T_MONDAY_0900 + 2 * HOUR).breaches, 0);
	t_desk_close(&d);
}
END_TEST

/* Issue 15: what the clocks do by themselves is the sweep's, with the login
 * whose board or command ran it beside it; the operator's "mine" leaves it out. */
static int log_actor(const struct event_row *e, void *arg)
{
	char *buf = arg;
	size_t used = strlen(buf);

	snprintf(buf + used, 1024 - used, "%s:%s/%s\n", e->what, e->actor, e->run_by);
	return 0;
}

static int mine_in(struct desk *d, enum stage stage)
{
	struct board_filter f;
	int n, red;

	board_filter_none(&f);
	desk_board_mine(d, &f, 1);
	ck_assert_int_eq(store_board_column(d->store, &f, desk_now(d), stage, &n, &red), ST_OK);
	return n;
}

START_TEST(the_sweep_acts_as_sweep_for_the_operator)
{
	struct desk d;
	struct exception_rec e;
	struct order o;
	char no[40], mine[40], log[1024] = "";

	t_desk_open(&d, ROLE_CLERK, T_MONDAY_0900);
	t_order_add(&d, "C1", "Wu Fei", no, sizeof no);
	t_order_add(&d, "C2", "Li Na", mine, sizeof mine);
	advance(&d, mine);                       /* the operator's own */
	ck_assert_int_eq(mine_in(&d, STAGE_NEW), 0);
	ck_assert_int_eq(mine_in(&d, STAGE_REVIEW), 1);
	ck_assert_int_eq(sweep_at(&d, T_MONDAY_0900 + 2 * HOUR).breaches, 2);
	ck_assert(open_of(&d, no, EXKIND_SLA_BREACH, &e));
	ck_assert_str_eq(e.opened_by, "sweep");
	ck_assert_int_eq(store_order_get(d.store, no, &o), ST_OK);
	ck_assert_int_eq(store_order_events(d.store, o.id, log_actor, log), ST_OK);
	ck_assert_msg(strstr(log, "raise:sweep/tester") && strstr(log, "escalate:sweep/tester") &&
	              !strstr(log, ":tester/"), "%s", log);
	/* Mine: the order only the sweep touched is not the operator's; the one
	 * the operator advanced still is, though the sweep wrote on it after. */
	ck_assert_int_eq(mine_in(&d, STAGE_NEW), 0);
	ck_assert_int_eq(mine_in(&d, STAGE_REVIEW), 1);
	/* After the sweep the operator acts as themselves again. */
	advance(&d, no);
	memset(log, 0, sizeof log);
	ck_assert_int_eq(store_order_events(d.store, o.id, log_actor, log), ST_OK);
	ck_assert_msg(strstr(log, "advance:tester/\n"), "%s", log);
	t_desk_close(&d);
}
END_TEST

START_TEST(review_clock_across_midnight)
{
	struct desk d;
	char no[40];
	time_t t = T_MONDAY_0900 + 14 * HOUR + 30 * MIN; /* Monday 23:30 */

	t_desk_open(&d, ROLE_CLERK, t);
	t_order_add(&d, "C1", "Wu Fei", no, sizeof no);
	ck_assert_int_eq(sweep_at(&d, t + 59 * MIN).breaches, 0);       /* Tuesday 00:29 */
	ck_assert_int_eq(sweep_at(&d, t + 60 * MIN).breaches, 1);       /* 00:30 */
	ck_assert_int_eq(sweep_at(&d, t + 61 * MIN).breaches, 0);       /* 00:31 */
	t_desk_close(&d);
}
END_TEST

START_TEST(lock_and_pick_clocks_per_priority)
{
	struct desk d;
	struct exception_rec e;
	char urgent[40], normal[40];

	t_desk_open(&d, ROLE_CLERK, T_MONDAY_0900);
	add_stock(&d, "SKU-1", 10);
	t_order_add(&d, "U1", "Urgent", urgent, sizeof urgent);
	t_order_add(&d, "N1", "Normal", normal, sizeof normal);
	ck_assert_int_eq(desk_edit(&d, urgent, "flags", "urgent"), ST_OK);
	d.fixed_now = T_MONDAY_0900 + 10 * MIN;
	advance(&d, urgent);
	advance(&d, normal);
	advance(&d, urgent); /* locked at 09:10, lock clock 30m */
	advance(&d, normal);
	ck_assert_int_eq(sweep_at(&d, T_MONDAY_0900 + 39 * MIN).breaches, 0);
	ck_assert_int_eq(sweep_at(&d, T_MONDAY_0900 + 40 * MIN).breaches, 2);
	ck_assert(open_of(&d, urgent, EXKIND_SLA_BREACH, &e));
	ck_assert_int_eq(e.stage, STAGE_LOCKED);
	d.fixed_now = T_MONDAY_0900 + 50 * MIN;
	advance(&d, urgent); /* picking at 09:50: urgent 120m, normal 240m */
	advance(&d, normal);
	ck_assert(!open_of(&d, urgent, EXKIND_SLA_BREACH, &e));
	time_t pick = T_MONDAY_0900 + 50 * MIN;
	ck_assert_int_eq(sweep_at(&d, pick + 119 * MIN).breaches, 0);
	ck_assert_int_eq(sweep_at(&d, pick + 120 * MIN).breaches, 1);
	ck_assert(open_of(&d, urgent, EXKIND_SLA_BREACH, &e));
	ck_assert_int_eq(e.stage, STAGE_PICKING);
	ck_assert_ptr_nonnull(strstr(e.detail, "clock.pick.urgent"));
	ck_assert(!open_of(&d, normal, EXKIND_SLA_BREACH, &e));
	ck_assert_int_eq(sweep_at(&d, pick + 239 * MIN).breaches, 0);
	ck_assert_int_eq(sweep_at(&d, pick + 240 * MIN).breaches, 1);
	ck_assert_int_eq(sweep_at(&d, pick + 241 * MIN).breaches, 0);
	ck_assert(open_of(&d, normal, EXKIND_SLA_BREACH, &e));
	t_desk_close(&d);
}
END_TEST

START_TEST(ship_clock_and_transit_delay)
{
	struct desk d;
	struct exception_rec e;
	char no[40];

	t_desk_open(&d, ROLE_CLERK, T_MONDAY_0900);
	add_stock(&d, "SKU-1", 10);
	t_order_add(&d, "S1", "Ship", no, sizeof no);
	for (int i = 0; i < 4; i++)
		advance(&d, no); /* shipped at 09:00, ship clock 60m */
	ck_assert_int_eq(sweep_at(&d, T_MONDAY_0900 + 59 * MIN).breaches, 0);
	ck_assert_int_eq(sweep_at(&d, T_MONDAY_0900 + 60 * MIN).breaches, 1);
	d.fixed_now = T_MONDAY_0900 + 90 * MIN;
	advance(&d, no); /* transit at 10:30, 48h */
	ck_assert(!open_of(&d, no, EXKIND_SLA_BREACH, &e));
	time_t tr = T_MONDAY_0900 + 90 * MIN;
	struct sweep_result r = sweep_at(&d, tr + 48 * HOUR - MIN);
	ck_assert_int_eq(r.delays + r.breaches, 0);
	r = sweep_at(&d, tr + 48 * HOUR);
	ck_assert_int_eq(r.delays, 1);
	ck_assert_int_eq(r.breaches, 0);
	ck_assert_int_eq(r.escalations, 1);
	ck_assert(open_of(&d, no, EXKIND_LOGISTICS_DELAY, &e));
	ck_assert(!open_of(&d, no, EXKIND_SLA_BREACH, &e));
	r = sweep_at(&d, tr + 48 * HOUR + MIN);
	ck_assert_int_eq(r.delays, 0);
	t_desk_close(&d);
}
END_TEST

START_TEST(needs_info_escalates_past_its_clock)
{
	struct desk d;
	char no[40];
	long long id;

	t_desk_open(&d, ROLE_CLERK, T_MONDAY_0900);
	t_order_add(&d, "I1", "Info", no, sizeof no);
	ck_assert_int_eq(desk_exception_raise(&d, no, "needs_info", "phone?", &id), ST_OK);
	/* The review clock breaches at 10:00 too: count only needs_info's own. */
	sweep_at(&d, T_MONDAY_0900 + 60 * MIN);
	int base = waiting_alerts(&d);
	ck_assert_int_eq(sweep_at(&d, T_MONDAY_0900 + 119 * MIN).escalations, 0);
	ck_assert_int_eq(sweep_at(&d, T_MONDAY_0900 + 120 * MIN).escalations, 1);
	ck_assert_int_eq(sweep_at(&d, T_MONDAY_0900 + 121 * MIN).escalations, 0);
	ck_assert_int_eq(waiting_alerts(&d), base + 1);
	t_desk_close(&d);
}
END_TEST

START_TEST(needs_info_business_day_clock_across_a_weekend)
{
	struct desk d;
	char no[40];
	long long id;
	time_t fri = T_FRIDAY_1700 - 7 * HOUR; /* Friday 10:00 */
	time_t mon = fri + 3 * 86400;           /* Monday 10:00 */

	t_desk_open(&d, ROLE_ADMIN, fri);
	ck_assert_int_eq(desk_config_set(&d, "clock.needs_info", "1bd"), ST_OK);
	ck_assert_int_eq(desk_config_set(&d, "clock.review", "5d"), ST_OK);
	t_desk_set_role(&d, ROLE_CLERK);
	t_order_add(&d, "W1", "Weekend", no, sizeof no);
	ck_assert_int_eq(desk_exception_raise(&d, no, "needs_info", NULL, &id), ST_OK);
	ck_assert_int_eq(sweep_at(&d, fri + 86400).escalations, 0);     /* Saturday */
	ck_assert_int_eq(sweep_at(&d, mon - MIN).escalations, 0);
	ck_assert_int_eq(sweep_at(&d, mon).escalations, 1);
	ck_assert_int_eq(sweep_at(&d, mon + MIN).escalations, 0);
	t_desk_close(&d);
}
END_TEST

START_TEST(stock_short_escalates_past_its_agreed_date)
{
	struct desk d;
	char no[40];
	long long id;
	/* Friday 17:00 + 3 business days = Wednesday 17:00. */
	time_t wed = T_FRIDAY_1700 + 5 * 86400;

	t_desk_open(&d, ROLE_ADMIN, T_FRIDAY_1700);
	ck_assert_int_eq(desk_config_set(&d, "clock.review", "30d"), ST_OK);
	t_desk_set_role(&d, ROLE_CLERK);
	t_order_add(&d, "K1", "Short", no, sizeof no);
	ck_assert_int_eq(desk_exception_raise(&d, no, "stock_short", "SKU-1 short by 1", &id), ST_OK);
	struct exception_rec e;
	ck_assert_int_eq(store_exception_get(d.store, id, &e), ST_OK);
	ck_assert_int_eq(e.due_at, wed);
	ck_assert_int_eq(sweep_at(&d, T_FRIDAY_1700 + 2 * 86400).escalations, 0); /* Sunday */
	ck_assert_int_eq(sweep_at(&d, wed - MIN).escalations, 0);
	ck_assert_int_eq(sweep_at(&d, wed).escalations, 1);
	ck_assert_int_eq(sweep_at(&d, wed + MIN).escalations, 0);
	struct escalation_rec x;
	ck_assert_int_eq(store_escalation_get(d.store, 1, &x), ST_OK);
	ck_assert_str_eq(x.kind, "stock_short_overdue");
	ck_assert_int_eq(x.exception_id, id);
	t_desk_close(&d);
}
END_TEST

START_TEST(clocks_follow_config_set)
{
	struct desk d;
	char no[40];

	t_desk_open(&d, ROLE_ADMIN, T_MONDAY_0900);
	ck_assert_int_eq(desk_config_set(&d, "clock.review", "90m"), ST_OK);
	t_order_add(&d, "G1", "Config", no, sizeof no);
	ck_assert_int_eq(sweep_at(&d, T_MONDAY_0900 + 89 * MIN).breaches, 0);
	/* Found later than it happened: opened when the clock ran out. */
	ck_assert_int_eq(sweep_at(&d, T_MONDAY_0900 + 95 * MIN).breaches, 1);
	struct exception_rec e;
	ck_assert(open_of(&d, no, EXKIND_SLA_BREACH, &e));
	ck_assert_int_eq(e.opened_at, T_MONDAY_0900 + 90 * MIN);
	t_desk_close(&d);
}
END_TEST

START_TEST(sweep_is_idempotent_over_batches)
{
	struct desk d;
	char no[40], ref[16];
	int counts[EXKIND_COUNT], total, alerts;

	t_desk_open(&d, ROLE_CLERK, T_MONDAY_0900);
	for (int i = 0; i < 300; i++) {
		snprintf(ref, sizeof ref, "B%d", i);
		t_order_add(&d, ref, "Batch", no, sizeof no);
	}
	struct sweep_result r = sweep_at(&d, T_MONDAY_0900 + 2 * HOUR);
	ck_assert_int_eq(r.breaches, 300);
	ck_assert_int_eq(r.escalations, 300);
	r = sweep_at(&d, T_MONDAY_0900 + 3 * HOUR);
	ck_assert_int_eq(r.breaches, 0);
	ck_assert_int_eq(r.escalations, 0);
	ck_assert_int_eq(store_exception_count_open(d.store, counts, &total), ST_OK);
	ck_assert_int_eq(counts[EXKIND_SLA_BREACH], 300);
	ck_assert_int_eq(waiting_alerts(&d), 300);
	ck_assert_int_eq(store_escalation_count_open(d.store, &alerts), ST_OK);
	ck_assert_int_eq(alerts, STORE_ALERTS_COUNTED);   /* the header's count stops there */
	ck_assert_int_eq(desk_check(&d), ST_OK);
	t_desk_close(&d);
}
END_TEST

START_TEST(two_concurrent_sweeps_raise_each_breach_once)
{
	struct desk d;
	char no[40], ref[16];
	int counts[EXKIND_COUNT], total, alerts;
	pid_t kids[2];

	t_desk_open(&d, ROLE_CLERK, T_MONDAY_0900);
	for (int i = 0; i < 300; i++) {
		snprintf(ref, sizeof ref, "P%d", i);
		t_order_add(&d, ref, "Parallel", no, sizeof no);
	}
	for (int k = 0; k < 2; k++) {
		kids[k] = fork();
		ck_assert_int_ge(kids[k], 0);
		if (kids[k] == 0) {
			struct desk c;
			struct sweep_result r;
			memset(&c, 0, sizeof c);
			c.fixed_now = T_MONDAY_0900 + 2 * HOUR;
			if (desk_open(&c, t_desk_path(&d), "tester", 0) != ST_OK)
				_exit(2);
			enum status st = desk_sweep(&c, &r);
			desk_close(&c);
			_exit(st == ST_OK ? 0 : 1);
		}
	}
	for (int k = 0; k < 2; k++) {
		int ws;
		ck_assert_int_eq(waitpid(kids[k], &ws, 0), kids[k]);
		ck_assert(WIFEXITED(ws));
		ck_assert_int_eq(WEXITSTATUS(ws), 0);
	}
	ck_assert_int_eq(store_exception_count_open(d.store, counts, &total), ST_OK);
	ck_assert_int_eq(counts[EXKIND_SLA_BREACH], 300);
	ck_assert_int_eq(waiting_alerts(&d), 300);
	ck_assert_int_eq(store_escalation_count_open(d.store, &alerts), ST_OK);
	ck_assert_int_eq(alerts, STORE_ALERTS_COUNTED);   /* the header's count stops there */
	ck_assert_int_eq(desk_check(&d), ST_OK);
	t_desk_close(&d);
}
END_TEST

START_TEST(why_red_names_the_clock_and_how_far_over)
{
	struct desk d;
	char no[40], why[256];
	struct exception_row row;
	struct order o;

	t_desk_open(&d, ROLE_CLERK, T_MONDAY_0900);
	t_order_add(&d, "Y1", "Why", no, sizeof no);
	sweep_at(&d, T_MONDAY_0900 + 60 * MIN);
	memset(&row, 0, sizeof row);
	ck_assert(open_of(&d, no, EXKIND_SLA_BREACH, &row.e));
	ck_assert_int_eq(store_order_get(d.store, no, &o), ST_OK);
	row.order_stage = o.stage;
	row.order_due_at = o.due_at;
	d.fixed_now = T_MONDAY_0900 + 85 * MIN;
	desk_exception_why(&d, &row, why, sizeof why);
	ck_assert_str_eq(why, "new clock ran out 0:25 ago");
	t_desk_close(&d);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("sweep");
	TCase *tc = tcase_create("sweep");

	setenv("TZ", "UTC", 1);
	tzset();
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, review_clock_minute_before_at_after);
	tcase_add_test(tc, the_sweep_acts_as_sweep_for_the_operator);
	tcase_add_test(tc, review_clock_across_midnight);
	tcase_add_test(tc, lock_and_pick_clocks_per_priority);
	tcase_add_test(tc, ship_clock_and_transit_delay);
	tcase_add_test(tc, needs_info_escalates_past_its_clock);
	tcase_add_test(tc, needs_info_business_day_clock_across_a_weekend);
	tcase_add_test(tc, stock_short_escalates_past_its_agreed_date);
	tcase_add_test(tc, clocks_follow_config_set);
	tcase_add_test(tc, sweep_is_idempotent_over_batches);
	tcase_add_test(tc, two_concurrent_sweeps_raise_each_breach_once);
	tcase_add_test(tc, why_red_names_the_clock_and_how_far_over);
	suite_add_tcase(s, tc);
	return t_run(s);
}
