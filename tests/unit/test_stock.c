/* Stock rules: all or nothing, sums, warehouses, shortages, split, delay, receipts, adjust. */
#include "support.h"
#include "ordesk/desk_admin.h"
#include "ordesk/desk_order.h"
#include "ordesk/desk_stock.h"
#include "ordesk/store_exception.h"
#include "ordesk/text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* An order in review with the given lines ("SKU:QTY" words), warehouse and priority. */
static void order_in_review(struct desk *d, const char *ref, const char *warehouse,
                            enum priority prio, double score, const char *const *items, int n,
                            char *no, size_t size)
{
	struct order o;
	struct order_line lines[16];
	int serial;
	time_t now = desk_now(d);

	memset(&o, 0, sizeof o);
	memset(lines, 0, sizeof lines);
	ck_assert_int_eq(store_begin(d->store), ST_OK);
	ck_assert_int_eq(store_order_next_serial(d->store, "20261116", "EC", &serial), ST_OK);
	snprintf(o.order_no, sizeof o.order_no, "20261116-EC-%04d", serial);
	text_copy(o.channel, "EC", sizeof o.channel);
	text_copy(o.channel_ref, ref, sizeof o.channel_ref);
	text_copy(o.customer, "Li Na", sizeof o.customer);
	text_copy(o.warehouse, warehouse, sizeof o.warehouse);
	o.stage = STAGE_REVIEW;
	o.priority = prio;
	o.score = score;
	o.ordered_at = o.received_at = o.stage_at = now - 100 + serial; /* later, newer */
	o.t_stage[STAGE_REVIEW] = now;
	for (int i = 0; i < n; i++) {
		const char *colon = strchr(items[i], ':');
		snprintf(lines[i].sku, sizeof lines[i].sku, "%.*s", (int)(colon - items[i]), items[i]);
		lines[i].qty = atol(colon + 1);
		lines[i].unit_price_cents = 100;
		o.total_cents += lines[i].qty * 100;
	}
	ck_assert_int_eq(store_order_insert(d->store, &o, lines, n), ST_OK);
	ck_assert_int_eq(store_commit(d->store), ST_OK);
	text_copy(no, o.order_no, size);
}

static void receive(struct desk *d, const char *sku, long qty, const char *wh)
{
	ck_assert_msg(desk_stock_receive(d, sku, qty, wh, NULL, NULL) == ST_OK, "%s",
	              desk_message(d));
}

static struct stock_row row_of(struct desk *d, const char *sku, const char *wh)
{
	struct stock_row r;
	int found;

	ck_assert_int_eq(store_stock_get(d->store, sku, wh, &r, &found), ST_OK);
	return r;
}

static enum stage stage_of(struct desk *d, const char *no)
{
	struct order o;

	ck_assert_int_eq(store_order_get(d->store, no, &o), ST_OK);
	return o.stage;
}

static struct order order_of(struct desk *d, const char *no)
{
	struct order o;

	ck_assert_int_eq(store_order_get(d->store, no, &o), ST_OK);
	return o;
}

static void check_ok(struct desk *d)
{
	ck_assert_msg(desk_check(d) == ST_OK, "%s", desk_message(d));
}

static int count_of(struct desk *d, const char *sql_const)
{
	sqlite3_stmt *st = store_prep(d->store, sql_const);
	int n;

	ck_assert_ptr_nonnull(st);
	ck_assert_int_eq(sqlite3_step(st), SQLITE_ROW);
	n = sqlite3_column_int(st, 0);
	store_done(st);
	return n;
}

static const char sql_short_open[] =
	"SELECT count(*) FROM exceptions WHERE kind = 'stock_short' AND status = 'open'";
static const char sql_low_alerts[] = "SELECT count(*) FROM escalations WHERE kind = 'low_stock'";
static const char sql_active_locks[] = "SELECT count(*) FROM stock_locks WHERE state = 'active'";

START_TEST(lock_is_all_or_nothing)
{
	struct desk d;
	char no[40];
	const char *items[] = { "A:2", "B:3" };

	t_desk_open(&d, ROLE_CLERK, T_MONDAY_0900);
	receive(&d, "A", 5, NULL);
	receive(&d, "B", 2, NULL);
	order_in_review(&d, "R1", "MAIN", PRIO_NORMAL, 0, items, 2, no, sizeof no);
	ck_assert_int_eq(desk_lock(&d, no), ST_REFUSED);
	ck_assert_ptr_nonnull(strstr(desk_message(&d), "B needs 3, 2 available"));
	ck_assert_int_eq(row_of(&d, "A", "MAIN").locked, 0);
	ck_assert_int_eq(row_of(&d, "B", "MAIN").locked, 0);
	ck_assert_int_eq(count_of(&d, sql_short_open), 1);
	ck_assert_int_eq(stage_of(&d, no), STAGE_REVIEW);
	/* A second attempt does not open a second exception. */
	ck_assert_int_eq(desk_lock(&d, no), ST_REFUSED);
	ck_assert_int_eq(count_of(&d, sql_short_open), 1);
	check_ok(&d);
	t_desk_close(&d);
}
END_TEST

START_TEST(a_line_without_a_sku_is_no_shortage)
{
	struct desk d;
	char no[40];
	const char *items[] = { "A:1", ":2" };

	t_desk_open(&d, ROLE_CLERK, T_MONDAY_0900);
	receive(&d, "A", 5, NULL);
	order_in_review(&d, "R1", "MAIN", PRIO_NORMAL, 0, items, 2, no, sizeof no);
	ck_assert_int_eq(desk_lock(&d, no), ST_REFUSED);
	/* the needs_info's reason, not "needs 2, 0 available" */
	ck_assert_ptr_nonnull(strstr(desk_message(&d), "line 2 sku missing"));
	ck_assert_ptr_null(strstr(desk_message(&d), "available"));
	ck_assert_int_eq(count_of(&d, sql_short_open), 0);
	ck_assert_int_eq(row_of(&d, "A", "MAIN").locked, 0);
	/* the needs_info is there, committed with the refusal: the order holds */
	struct order o = order_of(&d, no);
	ck_assert_str_eq(o.exc_kinds, "needs_info");
	ck_assert_int_eq(desk_lock(&d, no), ST_REFUSED);
	ck_assert_ptr_nonnull(strstr(desk_message(&d), "needs_info"));
	struct advance_req req = { .order_no = no, .to = -1, .expected_version = -1 };
	ck_assert_int_eq(desk_advance(&d, &req), ST_REFUSED);
	ck_assert_int_eq(stage_of(&d, no), STAGE_REVIEW);
	check_ok(&d);
	t_desk_close(&d);
}
END_TEST

START_TEST(lines_of_one_sku_are_summed)
{
	struct desk d;
	char no[40];
	const char *items[] = { "A:2", "A:2" };

	t_desk_open(&d, ROLE_CLERK, T_MONDAY_0900);
	receive(&d, "A", 3, NULL);
	order_in_review(&d, "R1", "MAIN", PRIO_NORMAL, 0, items, 2, no, sizeof no);
	ck_assert_int_eq(desk_lock(&d, no), ST_REFUSED);
	ck_assert_ptr_nonnull(strstr(desk_message(&d), "A needs 4, 3 available"));
	receive(&d, "A", 1, NULL); /* the receipt locks the waiting order */
	ck_assert_int_eq(stage_of(&d, no), STAGE_LOCKED);
	ck_assert_int_eq(row_of(&d, "A", "MAIN").locked, 4);
	ck_assert_int_eq(count_of(&d, sql_active_locks), 2); /* one ledger row per line */
	check_ok(&d);
	t_desk_close(&d);
}
END_TEST

START_TEST(lock_prefers_the_orders_warehouse_else_one_that_fills_all)
{
	struct desk d;
	char no1[40], no2[40], no3[40];
	const char *items[] = { "A:2", "B:1" };

	t_desk_open(&d, ROLE_CLERK, T_MONDAY_0900);
	receive(&d, "A", 10, "EAST");
	receive(&d, "B", 10, "EAST");
	receive(&d, "A", 10, "WEST");
	receive(&d, "B", 10, "WEST");
	receive(&d, "A", 10, "MAIN"); /* MAIN has no B: cannot fill the order */
	order_in_review(&d, "R1", "WEST", PRIO_NORMAL, 0, items, 2, no1, sizeof no1);
	order_in_review(&d, "R2", "MAIN", PRIO_NORMAL, 0, items, 2, no2, sizeof no2);
	ck_assert_int_eq(desk_lock(&d, no1), ST_OK);
	ck_assert_int_eq(row_of(&d, "A", "WEST").locked, 2);
	ck_assert_int_eq(row_of(&d, "A", "EAST").locked, 0);
	ck_assert_int_eq(desk_lock(&d, no2), ST_OK);
	ck_assert_int_eq(row_of(&d, "A", "MAIN").locked, 0);   /* nothing split over warehouses */
	ck_assert_int_eq(row_of(&d, "A", "EAST").locked, 2);   /* first by code that fills it */
	ck_assert_int_eq(row_of(&d, "B", "EAST").locked, 1);
	/* Enough over all warehouses but in none alone: short, and the message says so. */
	const char *big[] = { "A:25" };
	order_in_review(&d, "R3", "MAIN", PRIO_NORMAL, 0, big, 1, no3, sizeof no3);
	ck_assert_int_eq(desk_lock(&d, no3), ST_REFUSED);
	ck_assert_ptr_nonnull(strstr(desk_message(&d), "none holds the whole order"));
	check_ok(&d);
	t_desk_close(&d);
}
END_TEST

START_TEST(advance_from_review_locks_and_ship_consumes)
{
	struct desk d;
	char no[40];
	const char *items[] = { "A:3" };

	t_desk_open(&d, ROLE_CLERK, T_MONDAY_0900);
	receive(&d, "A", 5, NULL);
	order_in_review(&d, "R1", "MAIN", PRIO_NORMAL, 0, items, 1, no, sizeof no);
	struct advance_req req = { .order_no = no, .to = -1, .expected_version = -1 };
	ck_assert_msg(desk_advance(&d, &req) == ST_OK, "%s", desk_message(&d));
	ck_assert_int_eq(row_of(&d, "A", "MAIN").locked, 3);
	ck_assert_int_eq(desk_advance(&d, &req), ST_OK); /* picking */
	req.carrier = "SF";
	req.tracking = "SF123";
	ck_assert_msg(desk_advance(&d, &req) == ST_OK, "%s", desk_message(&d));
	struct stock_row r = row_of(&d, "A", "MAIN");
	ck_assert_int_eq(r.on_hand, 2);
	ck_assert_int_eq(r.locked, 0);
	ck_assert_int_eq(count_of(&d, sql_active_locks), 0);
	check_ok(&d);
	t_desk_close(&d);
}
END_TEST

START_TEST(advance_when_short_commits_the_exception)
{
	struct desk d;
	char no[40];
	const char *items[] = { "A:3" };

	t_desk_open(&d, ROLE_CLERK, T_MONDAY_0900);
	receive(&d, "A", 1, NULL);
	order_in_review(&d, "R1", "MAIN", PRIO_NORMAL, 0, items, 1, no, sizeof no);
	struct advance_req req = { .order_no = no, .to = -1, .expected_version = -1 };
	ck_assert_int_eq(desk_advance(&d, &req), ST_REFUSED);
	ck_assert_ptr_nonnull(strstr(desk_message(&d), "A needs 3, 1 available"));
	ck_assert_int_eq(count_of(&d, sql_short_open), 1);
	ck_assert_int_eq(stage_of(&d, no), STAGE_REVIEW);
	check_ok(&d);
	t_desk_close(&d);
}
END_TEST

START_TEST(release_frees_and_returns_to_review)
{
	struct desk d;
	char no[40];
	const char *items[] = { "A:3" };

	t_desk_open(&d, ROLE_CLERK, T_MONDAY_0900);
	receive(&d, "A", 5, NULL);
	order_in_review(&d, "R1", "MAIN", PRIO_NORMAL, 0, items, 1, no, sizeof no);
	ck_assert_int_eq(desk_release(&d, no, NULL), ST_REFUSED); /* holds nothing yet */
	ck_assert_int_eq(desk_lock(&d, no), ST_OK);
	ck_assert_int_eq(desk_lock(&d, no), ST_REFUSED);          /* already locked */
	ck_assert_int_eq(desk_release(&d, no, "customer called"), ST_OK);
	ck_assert_int_eq(stage_of(&d, no), STAGE_REVIEW);
	ck_assert_int_eq(row_of(&d, "A", "MAIN").locked, 0);
	ck_assert_int_eq(row_of(&d, "A", "MAIN").on_hand, 5);
	ck_assert_int_eq(count_of(&d, sql_active_locks), 0);
	check_ok(&d);
	t_desk_close(&d);
}
END_TEST

START_TEST(cancel_releases_and_resolves_the_shortage)
{
	struct desk d;
	char no1[40], no2[40];
	const char *items[] = { "A:3" };

	t_desk_open(&d, ROLE_SUPERVISOR, T_MONDAY_0900);
	receive(&d, "A", 4, NULL);
	order_in_review(&d, "R1", "MAIN", PRIO_NORMAL, 0, items, 1, no1, sizeof no1);
	order_in_review(&d, "R2", "MAIN", PRIO_NORMAL, 0, items, 1, no2, sizeof no2);
	ck_assert_int_eq(desk_lock(&d, no1), ST_OK);
	ck_assert_int_eq(desk_lock(&d, no2), ST_REFUSED);
	ck_assert_int_eq(desk_cancel(&d, no1, "customer cancelled"), ST_OK);
	ck_assert_int_eq(row_of(&d, "A", "MAIN").locked, 0);
	ck_assert_int_eq(desk_cancel(&d, no2, "customer cancelled"), ST_OK);
	ck_assert_int_eq(count_of(&d, sql_short_open), 0);
	check_ok(&d);
	t_desk_close(&d);
}
END_TEST

START_TEST(receipt_locks_waiting_orders_in_priority_order)
{
	struct desk d;
	char low[40], normal_old[40], normal_new[40], urgent[40], high_lo[40], high_hi[40];
	const char *one[] = { "A:1" };

	t_desk_open(&d, ROLE_CLERK, T_MONDAY_0900);
	order_in_review(&d, "R1", "MAIN", PRIO_LOW, 50, one, 1, low, sizeof low);
	order_in_review(&d, "R2", "MAIN", PRIO_NORMAL, 0, one, 1, normal_old, sizeof normal_old);
	order_in_review(&d, "R3", "MAIN", PRIO_NORMAL, 0, one, 1, normal_new, sizeof normal_new);
	order_in_review(&d, "R4", "MAIN", PRIO_HIGH, 1, one, 1, high_lo, sizeof high_lo);
	order_in_review(&d, "R5", "MAIN", PRIO_HIGH, 9, one, 1, high_hi, sizeof high_hi);
	order_in_review(&d, "R6", "MAIN", PRIO_URGENT, 0, one, 1, urgent, sizeof urgent);
	const char *all[] = { low, normal_old, normal_new, high_lo, high_hi, urgent };
	for (int i = 0; i < 6; i++)
		ck_assert_int_eq(desk_lock(&d, all[i]), ST_REFUSED);
	ck_assert_int_eq(count_of(&d, sql_short_open), 6);
	struct receive_result res;
	ck_assert_int_eq(desk_stock_receive(&d, "A", 4, NULL, "PO 17", &res), ST_OK);
	ck_assert_int_eq(res.locked, 4);
	ck_assert_int_eq(res.waiting, 2);
	ck_assert_int_eq(stage_of(&d, urgent), STAGE_LOCKED);
	ck_assert_int_eq(stage_of(&d, high_hi), STAGE_LOCKED);
	ck_assert_int_eq(stage_of(&d, high_lo), STAGE_LOCKED);
	ck_assert_int_eq(stage_of(&d, normal_old), STAGE_LOCKED);   /* same class and score: age */
	ck_assert_int_eq(stage_of(&d, normal_new), STAGE_REVIEW);
	ck_assert_int_eq(stage_of(&d, low), STAGE_REVIEW);
	ck_assert_int_eq(count_of(&d, sql_short_open), 2);
	/* The resolutions record the action. */
	struct order o = order_of(&d, urgent);
	struct exception_rec e;
	static const char sql_last[] =
		"SELECT id FROM exceptions WHERE order_id = ?1 AND kind = 'stock_short'";
	sqlite3_stmt *st = store_prep(d.store, sql_last);
	sqlite3_bind_int64(st, 1, o.id);
	ck_assert_int_eq(sqlite3_step(st), SQLITE_ROW);
	long long id = sqlite3_column_int64(st, 0);
	store_done(st);
	ck_assert_int_eq(store_exception_get(d.store, id, &e), ST_OK);
	ck_assert(!e.open);
	ck_assert_int_eq(e.cause, CAUSE_STOCK_PLANNING);
	ck_assert_ptr_nonnull(strstr(e.action, "locked on receipt of 4 A at MAIN"));
	ck_assert_str_eq(e.result, "relocked");           /* what came of it */
	check_ok(&d);
	t_desk_close(&d);
}
END_TEST

START_TEST(adjust_never_below_locked_and_needs_a_supervisor)
{
	struct desk d;
	char no[40];
	const char *items[] = { "A:3" };

	t_desk_open(&d, ROLE_CLERK, T_MONDAY_0900);
	receive(&d, "A", 5, NULL);
	order_in_review(&d, "R1", "MAIN", PRIO_NORMAL, 0, items, 1, no, sizeof no);
	ck_assert_int_eq(desk_lock(&d, no), ST_OK);
	ck_assert_int_eq(desk_stock_adjust(&d, "A", -1, NULL, "broken"), ST_DENIED);
	t_desk_set_role(&d, ROLE_SUPERVISOR);
	ck_assert_int_eq(desk_stock_adjust(&d, "A", -1, NULL, NULL), ST_USAGE);
	ck_assert_int_eq(desk_stock_adjust(&d, "A", -3, NULL, "count"), ST_REFUSED);
	ck_assert_ptr_nonnull(strstr(desk_message(&d), "below the 3 locked"));
	ck_assert_int_eq(row_of(&d, "A", "MAIN").on_hand, 5);
	ck_assert_int_eq(desk_stock_adjust(&d, "A", -2, NULL, "two broken"), ST_OK);
	ck_assert_int_eq(row_of(&d, "A", "MAIN").on_hand, 3);
	ck_assert_int_eq(desk_stock_adjust(&d, "A", 4, NULL, "found"), ST_OK);
	ck_assert_int_eq(row_of(&d, "A", "MAIN").on_hand, 7);
	ck_assert_int_eq(desk_stock_adjust(&d, "NOPE", 4, NULL, "found"), ST_REFUSED);
	check_ok(&d);
	t_desk_close(&d);
}
END_TEST

START_TEST(split_locks_what_is_there_and_backorders_the_rest)
{
	struct desk d;
	char no[40], bo[40], bo2[40];
	const char *items[] = { "A:3", "B:2", "C:1" };

	t_desk_open(&d, ROLE_CLERK, T_MONDAY_0900);
	receive(&d, "A", 1, NULL);
	receive(&d, "B", 5, NULL);
	order_in_review(&d, "R1", "MAIN", PRIO_HIGH, 0, items, 3, no, sizeof no);
	ck_assert_int_eq(desk_split(&d, no, NULL, NULL, bo, sizeof bo), ST_REFUSED); /* not short yet */
	ck_assert_int_eq(desk_lock(&d, no), ST_REFUSED);
	ck_assert_msg(desk_split(&d, no, "supplier", "asked the customer", bo, sizeof bo) == ST_OK,
	              "%s", desk_message(&d));
	char want[48];
	snprintf(want, sizeof want, "%s-B1", no);
	ck_assert_str_eq(bo, want);
	struct order o = order_of(&d, no), b = order_of(&d, bo);
	ck_assert_int_eq(o.stage, STAGE_LOCKED);
	ck_assert_int_eq(o.items, 3);       /* A:1 B:2 */
	ck_assert_int_eq(o.lines, 2);
	ck_assert_int_eq(b.stage, STAGE_REVIEW);
	ck_assert_int_eq(b.parent_id, o.id);
	ck_assert_int_eq(b.items, 3);       /* A:2 C:1 */
	ck_assert_int_eq(b.lines, 2);
	ck_assert_int_eq(b.priority, PRIO_HIGH);
	ck_assert_int_eq(o.total_cents + b.total_cents, 600);
	ck_assert_ptr_nonnull(strstr(b.exc_kinds, "stock_short"));
	ck_assert_int_eq(o.open_exc, 0);
	ck_assert_int_eq(row_of(&d, "A", "MAIN").locked, 1);
	ck_assert_int_eq(row_of(&d, "B", "MAIN").locked, 2);
	ck_assert_int_eq(row_of(&d, "A", "MAIN").waiting, 2);
	check_ok(&d);   /* order numbers with a -B1 suffix pass */
	/* The original's shortage records the split and the backorder it made. */
	{
		char sql_split[256];
		snprintf(sql_split, sizeof sql_split,
		         "SELECT count(*) FROM exceptions WHERE order_id = %lld AND kind = 'stock_short' "
		         "AND result = 'split: backorder %s' AND note = 'asked the customer'", o.id, bo);
		ck_assert_int_eq(count_of(&d, sql_split), 1);
	}
	/* The backorder is locked by the receipts it waits for. */
	receive(&d, "A", 2, NULL);
	ck_assert_int_eq(stage_of(&d, bo), STAGE_REVIEW);
	receive(&d, "C", 1, NULL);
	ck_assert_int_eq(stage_of(&d, bo), STAGE_LOCKED);
	/* Nothing to split when nothing is there. */
	const char *none[] = { "Z:1", "A:1" };
	order_in_review(&d, "R2", "MAIN", PRIO_NORMAL, 0, none, 2, no, sizeof no);
	ck_assert_int_eq(desk_lock(&d, no), ST_REFUSED);
	ck_assert_int_eq(desk_split(&d, no, NULL, NULL, bo2, sizeof bo2), ST_REFUSED);
	ck_assert_ptr_nonnull(strstr(desk_message(&d), "nothing of"));
	check_ok(&d);
	t_desk_close(&d);
}
END_TEST

START_TEST(delay_is_limited_to_business_days_for_clerks)
{
	struct desk d;
	char no[40];
	const char *items[] = { "A:3" };

	/* Monday 2026-11-16: 3 business days out is Thursday 2026-11-19. */
	t_desk_open(&d, ROLE_CLERK, T_MONDAY_0900);
	order_in_review(&d, "R1", "MAIN", PRIO_NORMAL, 0, items, 1, no, sizeof no);
	ck_assert_int_eq(desk_delay(&d, no, "2026-11-18", NULL, NULL), ST_REFUSED); /* not short */
	ck_assert_int_eq(desk_lock(&d, no), ST_REFUSED);
	ck_assert_int_eq(desk_delay(&d, no, "2026-11-16", NULL, NULL), ST_REFUSED); /* today */
	ck_assert_int_eq(desk_delay(&d, no, "18.11.2026", NULL, NULL), ST_USAGE);
	ck_assert_int_eq(desk_delay(&d, no, "2026-11-20", NULL, NULL), ST_DENIED);
	ck_assert_ptr_nonnull(strstr(desk_message(&d), "2026-11-19"));
	ck_assert_int_eq(desk_delay(&d, no, "2026-11-19", "customer", "agreed by phone"), ST_OK);
	struct order o = order_of(&d, no);
	ck_assert_int_eq(calendar_day(o.promise_at), calendar_parse_date("2026-11-19"));
	/* Still waiting on a fresh exception due that day; the first is resolved. */
	ck_assert_int_eq(count_of(&d, sql_short_open), 1);
	static const char sql_resolved[] =
		"SELECT count(*) FROM exceptions WHERE kind = 'stock_short' AND status = 'resolved' "
		"AND cause = 'customer' AND action LIKE 'delay agreed%' "
		"AND result = 'new dispatch date 2026-11-19' AND note = 'agreed by phone'";
	ck_assert_int_eq(count_of(&d, sql_resolved), 1);
	/* A supervisor may agree beyond the limit (over a weekend). */
	t_desk_set_role(&d, ROLE_SUPERVISOR);
	ck_assert_int_eq(desk_delay(&d, no, "2026-11-24", NULL, NULL), ST_OK);
	check_ok(&d);
	t_desk_close(&d);
}
END_TEST

START_TEST(delay_counts_business_days_over_a_weekend)
{
	struct desk d;
	char no[40];
	const char *items[] = { "A:1" };

	/* Thursday 2026-11-19 09:00: 3 business days out is Tuesday 2026-11-24. */
	t_desk_open(&d, ROLE_CLERK, T_MONDAY_0900 + 3 * 86400);
	order_in_review(&d, "R1", "MAIN", PRIO_NORMAL, 0, items, 1, no, sizeof no);
	ck_assert_int_eq(desk_lock(&d, no), ST_REFUSED);
	ck_assert_int_eq(desk_delay(&d, no, "2026-11-25", NULL, NULL), ST_DENIED);
	ck_assert_int_eq(desk_delay(&d, no, "2026-11-24", NULL, NULL), ST_OK);
	t_desk_close(&d);
}
END_TEST

START_TEST(low_stock_alerts_once_and_rearms)
{
	struct desk d;
	char no1[40], no2[40];
	const char *items[] = { "A:3" };
	struct stock_row r;

	t_desk_open(&d, ROLE_SUPERVISOR, T_MONDAY_0900);
	receive(&d, "A", 10, NULL);
	ck_assert_int_eq(desk_stock_safety(&d, "A", 5, NULL), ST_OK);
	ck_assert_int_eq(count_of(&d, sql_low_alerts), 0);
	order_in_review(&d, "R1", "MAIN", PRIO_NORMAL, 0, items, 1, no1, sizeof no1);
	order_in_review(&d, "R2", "MAIN", PRIO_NORMAL, 0, items, 1, no2, sizeof no2);
	ck_assert_int_eq(desk_lock(&d, no1), ST_OK);   /* available 7 */
	ck_assert_int_eq(count_of(&d, sql_low_alerts), 0);
	ck_assert_int_eq(desk_lock(&d, no2), ST_OK);   /* available 4 < 5: low */
	ck_assert_int_eq(count_of(&d, sql_low_alerts), 1);
	r = row_of(&d, "A", "MAIN");
	ck_assert(desk_stock_is_low(&r));
	ck_assert_int_eq(desk_stock_reorder(&r), 1);
	ck_assert_int_eq(desk_stock_adjust(&d, "A", -1, NULL, "broken"), ST_OK);   /* still low */
	ck_assert_int_eq(count_of(&d, sql_low_alerts), 1);
	receive(&d, "A", 10, NULL);                    /* recovered: re-armed */
	ck_assert_int_eq(count_of(&d, sql_low_alerts), 1);
	ck_assert_int_eq(desk_stock_adjust(&d, "A", -9, NULL, "theft"), ST_OK);    /* low again */
	ck_assert_int_eq(count_of(&d, sql_low_alerts), 2);
	check_ok(&d);
	t_desk_close(&d);
}
END_TEST

static int count_rows(const struct stock_row *r, void *arg)
{
	(void)r;
	(*(int *)arg)++;
	return 0;
}

START_TEST(listing_shows_waiting_demand_and_filters)
{
	struct desk d;
	char no[40];
	const char *items[] = { "A:3", "Q:2" };
	struct stock_filter f = { 0 };
	int n = 0;

	t_desk_open(&d, ROLE_SUPERVISOR, T_MONDAY_0900);
	receive(&d, "A", 1, NULL);
	receive(&d, "B", 9, NULL);
	ck_assert_int_eq(desk_stock_safety(&d, "B", 20, NULL), ST_OK);
	order_in_review(&d, "R1", "MAIN", PRIO_NORMAL, 0, items, 2, no, sizeof no);
	ck_assert_int_eq(desk_lock(&d, no), ST_REFUSED);
	ck_assert_int_eq(desk_stock_each(&d, &f, count_rows, &n), ST_OK);
	ck_assert_int_eq(n, 3);                        /* A, B and Q (no stock row, wanted) */
	struct stock_row a = row_of(&d, "A", "MAIN");
	ck_assert_int_eq(a.waiting, 3);
	ck_assert_int_eq(desk_stock_reorder(&a), 2);
	f.low = 1;
	n = 0;
	ck_assert_int_eq(desk_stock_each(&d, &f, count_rows, &n), ST_OK);
	ck_assert_int_eq(n, 1);
	f.low = 0;
	f.waiting = 1;
	n = 0;
	ck_assert_int_eq(desk_stock_each(&d, &f, count_rows, &n), ST_OK);
	ck_assert_int_eq(n, 2);
	t_desk_close(&d);
}
END_TEST

START_TEST(viewer_cannot_lock_or_receive)
{
	struct desk d;
	char no[40];
	const char *items[] = { "A:1" };

	t_desk_open(&d, ROLE_CLERK, T_MONDAY_0900);
	receive(&d, "A", 1, NULL);
	order_in_review(&d, "R1", "MAIN", PRIO_NORMAL, 0, items, 1, no, sizeof no);
	t_desk_set_role(&d, ROLE_VIEWER);
	ck_assert_int_eq(desk_lock(&d, no), ST_DENIED);
	ck_assert_int_eq(desk_stock_receive(&d, "A", 1, NULL, NULL, NULL), ST_DENIED);
	ck_assert_int_eq(desk_stock_receive(&d, "A", 1, NULL, NULL, NULL), ST_DENIED);
	t_desk_set_role(&d, ROLE_CLERK);
	ck_assert_int_eq(desk_stock_receive(&d, "A", 0, NULL, NULL, NULL), ST_USAGE);
	ck_assert_int_eq(desk_stock_receive(&d, "A\x1b[2J", 1, NULL, NULL, NULL), ST_USAGE);
	ck_assert_int_eq(desk_stock_safety(&d, "A", 3, NULL), ST_DENIED);
	t_desk_close(&d);
}
END_TEST

START_TEST(check_finds_broken_stock_invariants)
{
	struct desk d;
	char no[40];
	const char *items[] = { "A:2", "B:1" };

	t_desk_open(&d, ROLE_CLERK, T_MONDAY_0900);
	receive(&d, "A", 5, NULL);
	receive(&d, "B", 5, NULL);
	order_in_review(&d, "R1", "MAIN", PRIO_NORMAL, 0, items, 2, no, sizeof no);
	ck_assert_int_eq(desk_lock(&d, no), ST_OK);
	check_ok(&d);
	/* A lock ended without its stock: locked no longer equals the ledger. */
	ck_assert_int_eq(sqlite3_exec(store_db(d.store),
	                              "UPDATE stock_locks SET state = 'released' WHERE sku = 'B'",
	                              NULL, NULL, NULL), SQLITE_OK);
	ck_assert_int_eq(desk_check(&d), ST_REFUSED);
	ck_assert_ptr_nonnull(strstr(desk_message(&d), "B@MAIN: locked 1, active locks 0"));
	/* Stock and ledger agree again, but the locked order misses a line's lock. */
	ck_assert_int_eq(sqlite3_exec(store_db(d.store), "UPDATE stock SET locked = 0 WHERE sku = 'B'",
	                              NULL, NULL, NULL), SQLITE_OK);
	ck_assert_int_eq(desk_check(&d), ST_REFUSED);
	ck_assert_ptr_nonnull(strstr(desk_message(&d), "line 2 B: 1 wanted, 0 locked"));
	/* The CHECK constraint refuses locking more than is on hand, whatever the code. */
	ck_assert_int_ne(sqlite3_exec(store_db(d.store), "UPDATE stock SET locked = 6 WHERE sku = 'A'",
	                              NULL, NULL, NULL), SQLITE_OK);
	t_desk_close(&d);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("stock");
	TCase *tc = tcase_create("stock");

	tcase_add_test(tc, lock_is_all_or_nothing);
	tcase_add_test(tc, a_line_without_a_sku_is_no_shortage);
	tcase_add_test(tc, lines_of_one_sku_are_summed);
	tcase_add_test(tc, lock_prefers_the_orders_warehouse_else_one_that_fills_all);
	tcase_add_test(tc, advance_from_review_locks_and_ship_consumes);
	tcase_add_test(tc, advance_when_short_commits_the_exception);
	tcase_add_test(tc, release_frees_and_returns_to_review);
	tcase_add_test(tc, cancel_releases_and_resolves_the_shortage);
	tcase_add_test(tc, receipt_locks_waiting_orders_in_priority_order);
	tcase_add_test(tc, adjust_never_below_locked_and_needs_a_supervisor);
	tcase_add_test(tc, split_locks_what_is_there_and_backorders_the_rest);
	tcase_add_test(tc, delay_is_limited_to_business_days_for_clerks);
	tcase_add_test(tc, delay_counts_business_days_over_a_weekend);
	tcase_add_test(tc, low_stock_alerts_once_and_rearms);
	tcase_add_test(tc, listing_shows_waiting_demand_and_filters);
	tcase_add_test(tc, viewer_cannot_lock_or_receive);
	tcase_add_test(tc, check_finds_broken_stock_invariants);
	suite_add_tcase(s, tc);
	return t_run(s);
}
