/* desk/ order use cases: advance, back, cancel, edit, with roles, reasons and events. */
#include "support.h"
#include "ordesk/desk_admin.h"
#include "ordesk/desk_order.h"
#include "ordesk/desk_stock.h"
#include "ordesk/store_order.h"
#include "ordesk/text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MIN 60

static int count_events(const struct event_row *e, void *arg)
{
	(void)e;
	(*(int *)arg)++;
	return 0;
}

/* The events of an order, one "what:from>to:why@actor" per line. */
struct ev_log {
	char text[4096];
	int n;
};

static int log_event(const struct event_row *e, void *arg)
{
	struct ev_log *l = arg;
	size_t used = strlen(l->text);

	snprintf(l->text + used, sizeof l->text - used, "%s:%s>%s:%s@%s\n", e->what, e->from, e->to,
	         e->why, e->actor);
	l->n++;
	return 0;
}

static struct ev_log events_of(struct desk *d, const char *no)
{
	struct order o;
	struct ev_log l;

	memset(&l, 0, sizeof l);
	ck_assert_int_eq(store_order_get(d->store, no, &o), ST_OK);
	ck_assert_int_eq(store_order_events(d->store, o.id, log_event, &l), ST_OK);
	return l;
}

static struct order get(struct desk *d, const char *no)
{
	struct order o;

	ck_assert_int_eq(store_order_get(d->store, no, &o), ST_OK);
	return o;
}

static long long q_int(struct desk *d, const char *sql)
{
	sqlite3_stmt *st;
	long long v = -1;

	ck_assert_int_eq(sqlite3_prepare_v2(store_db(d->store), sql, -1, &st, NULL), SQLITE_OK);
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

static void exec_sql(struct desk *d, const char *sql)
{
	char *m = NULL;

	ck_assert_msg(sqlite3_exec(store_db(d->store), sql, NULL, NULL, &m) == SQLITE_OK, "%s: %s", sql,
	              m ? m : "");
}

/* A desk as `role` with one new order (SKU-1 x1) and stock for it. */
static void open_with_order(struct desk *d, enum role role, char *no, size_t size)
{
	struct receive_result rr;

	t_desk_open(d, ROLE_ADMIN, T_MONDAY_0900);
	ck_assert_int_eq(desk_stock_receive(d, "SKU-1", 10, NULL, "test", &rr), ST_OK);
	t_order_add(d, "R1", "Wang Wei", no, size);
	t_desk_set_role(d, role);
}

static enum status advance(struct desk *d, const char *no, int to, const char *carrier,
                           const char *tracking)
{
	struct advance_req req = { .order_no = no, .to = to, .expected_version = -1,
	                           .carrier = carrier, .tracking = tracking };
	return desk_advance(d, &req);
}

START_TEST(advance_moves_one_stage_and_logs)
{
	struct desk d;
	struct order o;
	char no[40];
	int n = 0;

	open_with_order(&d, ROLE_CLERK, no, sizeof no);
	ck_assert_int_eq(advance(&d, no, -1, NULL, NULL), ST_OK);
	ck_assert_ptr_nonnull(strstr(desk_message(&d), "review"));
	ck_assert_int_eq(store_order_get(d.store, no, &o), ST_OK);
	ck_assert_int_eq(o.stage, STAGE_REVIEW);
	ck_assert_int_eq(store_order_events(d.store, o.id, count_events, &n), ST_OK);
	ck_assert_int_eq(n, 1);
	t_desk_close(&d);
}
END_TEST

START_TEST(advance_through_every_stage)
{
	struct desk d;
	char no[40];
	time_t t0 = T_MONDAY_0900;

	open_with_order(&d, ROLE_CLERK, no, sizeof no);
	/* new -> review: the shared review clock from receipt */
	d.fixed_now = t0 + 10 * MIN;
	ck_assert_int_eq(advance(&d, no, -1, NULL, NULL), ST_OK);
	struct order o = get(&d, no);
	ck_assert_int_eq(o.stage, STAGE_REVIEW);
	ck_assert_int_eq(o.stage_at, t0 + 10 * MIN);
	ck_assert_int_eq(o.due_at, t0 + 60 * MIN);
	ck_assert_int_eq(o.t_stage[STAGE_REVIEW], t0 + 10 * MIN);
	ck_assert_int_eq(o.prev_on_time, 1);
	/* review -> locked: stock reserved, 30 minutes */
	d.fixed_now = t0 + 20 * MIN;
	ck_assert_int_eq(advance(&d, no, STAGE_LOCKED, NULL, NULL), ST_OK);
	o = get(&d, no);
	ck_assert_int_eq(o.stage, STAGE_LOCKED);
	ck_assert_int_eq(o.due_at, t0 + 50 * MIN);
	ck_assert_int_eq(q_int(&d, "SELECT locked FROM stock WHERE sku = 'SKU-1'"), 1);
	/* locked -> picking: 240 minutes for a normal order */
	d.fixed_now = t0 + 90 * MIN;   /* 40 minutes late */
	ck_assert_int_eq(advance(&d, no, -1, NULL, NULL), ST_OK);
	o = get(&d, no);
	ck_assert_int_eq(o.stage, STAGE_PICKING);
	ck_assert_int_eq(o.due_at, t0 + 330 * MIN);
	ck_assert_int_eq(o.prev_on_time, 0);
	/* picking -> shipped needs a carrier and a tracking number */
	d.fixed_now = t0 + 120 * MIN;
	ck_assert_int_eq(advance(&d, no, -1, NULL, NULL), ST_USAGE);
	ck_assert_ptr_nonnull(strstr(desk_message(&d), "carrier"));
	ck_assert_int_eq(advance(&d, no, -1, "SF Express", "  "), ST_USAGE);
	ck_assert_int_eq(advance(&d, no, -1, "", "SF123"), ST_USAGE);
	ck_assert_int_eq(get(&d, no).stage, STAGE_PICKING);
	ck_assert_int_eq(advance(&d, no, -1, "SF Express", "SF1234567890"), ST_OK);
	o = get(&d, no);
	ck_assert_int_eq(o.stage, STAGE_SHIPPED);
	ck_assert_str_eq(o.carrier, "SF Express");
	ck_assert_str_eq(o.tracking, "SF1234567890");
	ck_assert_int_eq(o.due_at, t0 + 180 * MIN);
	ck_assert_int_eq(q_int(&d, "SELECT locked FROM stock WHERE sku = 'SKU-1'"), 0);
	ck_assert_int_eq(q_int(&d, "SELECT on_hand FROM stock WHERE sku = 'SKU-1'"), 9);
	/* shipped -> transit (48 h) -> done (no clock) */
	d.fixed_now = t0 + 150 * MIN;
	ck_assert_int_eq(advance(&d, no, -1, NULL, NULL), ST_OK);
	o = get(&d, no);
	ck_assert_int_eq(o.stage, STAGE_TRANSIT);
	ck_assert_int_eq(o.due_at, t0 + 150 * MIN + 48 * 3600);
	d.fixed_now = t0 + 24 * 3600;
	ck_assert_int_eq(advance(&d, no, STAGE_DONE, NULL, NULL), ST_OK);
	o = get(&d, no);
	ck_assert_int_eq(o.stage, STAGE_DONE);
	ck_assert_int_eq(o.due_at, 0);
	ck_assert_int_eq(o.t_stage[STAGE_DONE], t0 + 24 * 3600);
	ck_assert_int_eq(o.t_stage[STAGE_SHIPPED], t0 + 120 * MIN);
	/* nothing after done */
	ck_assert_int_eq(advance(&d, no, -1, NULL, NULL), ST_REFUSED);
	ck_assert_ptr_nonnull(strstr(desk_message(&d), "cannot move forward"));
	/* one event per step, by the operator */
	struct ev_log l = events_of(&d, no);
	char moves[1024] = "";
	for (char *line = strtok(l.text, "\n"); line; line = strtok(NULL, "\n"))
		if (strncmp(line, "advance:", 8) == 0)
			strcat(strcat(moves, line), "\n");
	ck_assert_str_eq(moves, "advance:new>review:@tester\n"
	                         "advance:review>locked:@tester\n"
	                         "advance:locked>picking:@tester\n"
	                         "advance:picking>shipped:@tester\n"
	                         "advance:shipped>transit:@tester\n"
	                         "advance:transit>done:@tester\n");
	t_desk_close(&d);
}
END_TEST

START_TEST(urgent_orders_pick_on_the_short_clock)
{
	struct desk d;
	char no[40];

	open_with_order(&d, ROLE_CLERK, no, sizeof no);
	ck_assert_int_eq(desk_edit(&d, no, "flags", "urgent"), ST_OK);
	ck_assert_int_eq(get(&d, no).priority, PRIO_URGENT);
	ck_assert_int_eq(advance(&d, no, -1, NULL, NULL), ST_OK);
	ck_assert_int_eq(advance(&d, no, -1, NULL, NULL), ST_OK);
	d.fixed_now += 5 * MIN;
	ck_assert_int_eq(advance(&d, no, -1, NULL, NULL), ST_OK);
	struct order o = get(&d, no);
	ck_assert_int_eq(o.stage, STAGE_PICKING);
	ck_assert_int_eq(o.due_at, d.fixed_now + 120 * MIN);
	t_desk_close(&d);
}
END_TEST

START_TEST(advance_to_a_stage_already_reached_is_refused)
{
	struct desk d;
	char no[40];

	open_with_order(&d, ROLE_CLERK, no, sizeof no);
	ck_assert_int_eq(advance(&d, no, STAGE_REVIEW, NULL, NULL), ST_OK);
	ck_assert_int_eq(advance(&d, no, STAGE_REVIEW, NULL, NULL), ST_REFUSED);
	ck_assert_ptr_nonnull(strstr(desk_message(&d), "already moved"));
	ck_assert_int_eq(advance(&d, no, STAGE_NEW, NULL, NULL), ST_REFUSED);
	ck_assert_ptr_nonnull(strstr(desk_message(&d), "already moved"));
	/* a stage further than the next one */
	ck_assert_int_eq(advance(&d, no, STAGE_PICKING, NULL, NULL), ST_REFUSED);
	ck_assert_ptr_nonnull(strstr(desk_message(&d), "only move to locked"));
	ck_assert_int_eq(get(&d, no).stage, STAGE_REVIEW);
	ck_assert_int_eq(events_of(&d, no).n, 1);
	t_desk_close(&d);
}
END_TEST

START_TEST(advance_refuses_a_changed_order)
{
	struct desk d;
	char no[40];

	open_with_order(&d, ROLE_CLERK, no, sizeof no);
	struct order o = get(&d, no);
	ck_assert_int_eq(desk_edit(&d, no, "note", "call first"), ST_OK);
	struct advance_req req = { .order_no = no, .to = -1, .expected_version = o.version };
	ck_assert_int_eq(desk_advance(&d, &req), ST_REFUSED);
	ck_assert_ptr_nonnull(strstr(desk_message(&d), "changed meanwhile"));
	req.expected_version = get(&d, no).version;
	ck_assert_int_eq(desk_advance(&d, &req), ST_OK);
	t_desk_close(&d);
}
END_TEST

/* Issue 15: an action names the stage the operator saw; another operator moved
 * the order meanwhile, so it is refused naming who, and nothing changes. */
START_TEST(an_order_moved_since_it_was_seen_is_left_alone)
{
	struct desk d, other;
	char no[40];

	open_with_order(&d, ROLE_SUPERVISOR, no, sizeof no);
	d.role = ROLE_ADMIN;
	ck_assert_int_eq(desk_user_add(&d, "li.na", "clerk"), ST_OK);
	d.role = ROLE_SUPERVISOR;
	ck_assert_int_eq(desk_open(&other, t_desk_path(&d), "li.na", 0), ST_OK);
	other.fixed_now = d.fixed_now;
	struct advance_req req = { .order_no = no, .to = -1, .expected_version = -1 };
	ck_assert_int_eq(desk_advance(&other, &req), ST_OK);   /* new -> review, by li.na */
	int before = events_of(&d, no).n;

	/* d saw it in new: advance, cancel, back, lock are all refused. */
	desk_seen(&d, STAGE_NEW);
	ck_assert_int_eq(desk_advance(&d, &req), ST_REFUSED);
	ck_assert_msg(strstr(desk_message(&d), "already moved by li.na"), "%s", desk_message(&d));
	desk_seen(&d, STAGE_NEW);
	ck_assert_int_eq(desk_cancel(&d, no, "duplicate"), ST_REFUSED);
	ck_assert_msg(strstr(desk_message(&d), "already moved by li.na"), "%s", desk_message(&d));
	desk_seen(&d, STAGE_NEW);
	ck_assert_int_eq(desk_move_back(&d, no, "recheck"), ST_REFUSED);
	desk_seen(&d, STAGE_NEW);
	ck_assert_int_eq(desk_lock(&d, no), ST_REFUSED);
	ck_assert_msg(strstr(desk_message(&d), "nothing changed"), "%s", desk_message(&d));
	ck_assert_int_eq(get(&d, no).stage, STAGE_REVIEW);
	ck_assert_int_eq(events_of(&d, no).n, before);
	/* Seen where it is: the action runs; the stage named is forgotten after it. */
	desk_seen(&d, STAGE_REVIEW);
	ck_assert_int_eq(desk_move_back(&d, no, "recheck"), ST_OK);
	ck_assert_int_eq(d.seen_set, 0);
	ck_assert_int_eq(get(&d, no).stage, STAGE_NEW);
	desk_close(&other);
	t_desk_close(&d);
}
END_TEST

START_TEST(no_such_order)
{
	struct desk d;
	char no[40];
	struct order o;

	open_with_order(&d, ROLE_CLERK, no, sizeof no);
	ck_assert_int_eq(advance(&d, "20261116-EC-9999", -1, NULL, NULL), ST_REFUSED);
	ck_assert_ptr_nonnull(strstr(desk_message(&d), "no order 20261116-EC-9999"));
	/* a hostile order number is never echoed raw */
	ck_assert_int_eq(advance(&d, "X\x1b[2J", -1, NULL, NULL), ST_REFUSED);
	ck_assert(text_is_clean(desk_message(&d)));
	ck_assert_int_eq(desk_order_get(&d, "nope", &o), ST_REFUSED);
	ck_assert_int_eq(desk_cancel(&d, "nope", "x"), ST_DENIED);   /* a clerk is refused first */
	t_desk_set_role(&d, ROLE_SUPERVISOR);
	ck_assert_int_eq(desk_cancel(&d, "nope", "x"), ST_REFUSED);
	ck_assert_int_eq(desk_move_back(&d, "nope", "x"), ST_REFUSED);
	ck_assert_int_eq(desk_edit(&d, "nope", "note", "x"), ST_REFUSED);
	t_desk_close(&d);
}
END_TEST

START_TEST(viewer_cannot_change_anything)
{
	struct desk d;
	char no[40];

	open_with_order(&d, ROLE_VIEWER, no, sizeof no);
	ck_assert_int_eq(advance(&d, no, -1, NULL, NULL), ST_DENIED);
	ck_assert_ptr_nonnull(strstr(desk_message(&d), "tester (viewer)"));
	ck_assert_int_eq(desk_edit(&d, no, "note", "x"), ST_DENIED);
	ck_assert_int_eq(desk_move_back(&d, no, "x"), ST_DENIED);
	ck_assert_int_eq(desk_cancel(&d, no, "x"), ST_DENIED);
	ck_assert_int_eq(get(&d, no).stage, STAGE_NEW);
	ck_assert_int_eq(events_of(&d, no).n, 0);
	t_desk_close(&d);
}
END_TEST

START_TEST(back_needs_a_supervisor_and_a_reason)
{
	struct desk d;
	char no[40];

	open_with_order(&d, ROLE_CLERK, no, sizeof no);
	ck_assert_int_eq(advance(&d, no, -1, NULL, NULL), ST_OK);
	ck_assert_int_eq(advance(&d, no, -1, NULL, NULL), ST_OK);
	ck_assert_int_eq(q_int(&d, "SELECT locked FROM stock WHERE sku = 'SKU-1'"), 1);
	ck_assert_int_eq(desk_move_back(&d, no, "wrong address"), ST_DENIED);
	ck_assert_ptr_nonnull(strstr(desk_message(&d), "supervisor"));
	t_desk_set_role(&d, ROLE_SUPERVISOR);
	ck_assert_int_eq(desk_move_back(&d, no, NULL), ST_REFUSED);
	ck_assert_ptr_nonnull(strstr(desk_message(&d), "reason"));
	ck_assert_int_eq(desk_move_back(&d, no, " \t "), ST_REFUSED);
	ck_assert_int_eq(get(&d, no).stage, STAGE_LOCKED);
	d.fixed_now += 5 * MIN;
	ck_assert_int_eq(desk_move_back(&d, no, "wrong address"), ST_OK);
	struct order o = get(&d, no);
	ck_assert_int_eq(o.stage, STAGE_REVIEW);
	ck_assert_int_eq(o.stage_at, d.fixed_now);
	/* leaving locked frees the stock */
	ck_assert_int_eq(q_int(&d, "SELECT locked FROM stock WHERE sku = 'SKU-1'"), 0);
	ck_assert_int_eq(o.prev_on_time, 0);   /* moved back: never a fresh green card */
	ck_assert_int_eq(desk_move_back(&d, no, "recheck the customer"), ST_OK);
	ck_assert_int_eq(get(&d, no).stage, STAGE_NEW);
	ck_assert_int_eq(desk_move_back(&d, no, "again"), ST_REFUSED);
	ck_assert_ptr_nonnull(strstr(desk_message(&d), "cannot move back"));
	struct ev_log l = events_of(&d, no);
	ck_assert_ptr_nonnull(strstr(l.text, "back:locked>review:wrong address@tester\n"
	                                     "back:review>new:recheck the customer@tester\n"));
	t_desk_close(&d);
}
END_TEST

START_TEST(back_from_done_is_refused)
{
	struct desk d;
	char no[40];

	open_with_order(&d, ROLE_ADMIN, no, sizeof no);
	for (int i = 0; i < 6; i++)
		ck_assert_int_eq(advance(&d, no, -1, "SF", "SF1"), ST_OK);
	ck_assert_int_eq(get(&d, no).stage, STAGE_DONE);
	ck_assert_int_eq(desk_move_back(&d, no, "customer says not delivered"), ST_REFUSED);
	ck_assert_ptr_nonnull(strstr(desk_message(&d), "closed"));
	ck_assert_int_eq(desk_cancel(&d, no, "x"), ST_REFUSED);
	t_desk_close(&d);
}
END_TEST

START_TEST(cancel_before_shipping_only)
{
	struct desk d;
	char no[40], no2[40];

	open_with_order(&d, ROLE_CLERK, no, sizeof no);
	t_order_add(&d, "R2", "Li Na", no2, sizeof no2);
	ck_assert_int_eq(advance(&d, no, -1, NULL, NULL), ST_OK);
	ck_assert_int_eq(advance(&d, no, -1, NULL, NULL), ST_OK);
	ck_assert_int_eq(desk_cancel(&d, no, "customer cancelled"), ST_DENIED);
	t_desk_set_role(&d, ROLE_SUPERVISOR);
	ck_assert_int_eq(desk_cancel(&d, no, ""), ST_REFUSED);
	ck_assert_ptr_nonnull(strstr(desk_message(&d), "reason"));
	ck_assert_int_eq(desk_cancel(&d, no, "customer cancelled"), ST_OK);
	ck_assert_int_eq(get(&d, no).stage, STAGE_CANCELLED);
	ck_assert_int_eq(get(&d, no).t_stage[STAGE_CANCELLED], d.fixed_now);
	ck_assert_int_eq(get(&d, no).prev_on_time, 0);
	ck_assert_int_eq(q_int(&d, "SELECT locked FROM stock WHERE sku = 'SKU-1'"), 0);
	ck_assert_int_eq(desk_cancel(&d, no, "twice"), ST_REFUSED);
	ck_assert_int_eq(advance(&d, no, -1, NULL, NULL), ST_REFUSED);
	ck_assert_int_eq(desk_move_back(&d, no, "undo"), ST_REFUSED);
	/* the second order: past shipped it can no longer be cancelled */
	for (int i = 0; i < 4; i++)
		ck_assert_int_eq(advance(&d, no2, -1, "SF", "SF2"), ST_OK);
	ck_assert_int_eq(get(&d, no2).stage, STAGE_SHIPPED);
	ck_assert_int_eq(desk_cancel(&d, no2, "too late"), ST_REFUSED);
	ck_assert_ptr_nonnull(strstr(desk_message(&d), "before it is shipped"));
	struct ev_log l = events_of(&d, no);
	ck_assert_ptr_nonnull(strstr(l.text, "cancel:locked>cancelled:customer cancelled@tester\n"));
	t_desk_close(&d);
}
END_TEST

START_TEST(open_blocking_exception_holds_the_order)
{
	struct desk d;
	char no[40], sql[256];

	open_with_order(&d, ROLE_CLERK, no, sizeof no);
	snprintf(sql, sizeof sql, "INSERT INTO exceptions (order_id, kind, stage, opened_at, opened_by) "
	         "VALUES (%lld, 'needs_info', 'new', %lld, 'import')", get(&d, no).id, (long long)d.fixed_now);
	exec_sql(&d, sql);
	ck_assert_int_eq(advance(&d, no, -1, NULL, NULL), ST_REFUSED);
	ck_assert_ptr_nonnull(strstr(desk_message(&d), "needs_info"));
	ck_assert_int_eq(get(&d, no).stage, STAGE_NEW);
	t_desk_close(&d);
}
END_TEST

START_TEST(edit_validates_and_logs)
{
	struct desk d;
	char no[40];

	open_with_order(&d, ROLE_CLERK, no, sizeof no);
	ck_assert_int_eq(desk_edit(&d, no, "customer", "王伟"), ST_OK);
	ck_assert_str_eq(get(&d, no).customer, "王伟");
	ck_assert_int_eq(desk_edit(&d, no, "phone", "call me"), ST_REFUSED);
	ck_assert_ptr_nonnull(strstr(desk_message(&d), "phone"));
	ck_assert_ptr_nonnull(strstr(desk_message(&d), "not a phone number"));
	ck_assert_str_eq(get(&d, no).phone, "+86 138 0013 8000");
	ck_assert_int_eq(desk_edit(&d, no, "address", ""), ST_REFUSED);
	ck_assert_ptr_nonnull(strstr(desk_message(&d), "missing"));
	ck_assert_int_eq(desk_edit(&d, no, "tier", "vip"), ST_REFUSED);
	ck_assert_int_eq(desk_edit(&d, no, "colour", "red"), ST_USAGE);
	ck_assert_int_eq(desk_edit(&d, no, "sku", "X-1"), ST_USAGE);
	ck_assert_int_eq(desk_edit(&d, no, "channel", "ST"), ST_USAGE);
	ck_assert_int_eq(desk_edit(&d, no, "order_ref", "R9"), ST_USAGE);
	ck_assert_int_eq(desk_edit(&d, no, "na\x1bme", "x"), ST_USAGE);
	ck_assert(text_is_clean(desk_message(&d)));
	/* the same value again changes nothing and logs nothing */
	ck_assert_int_eq(desk_edit(&d, no, "customer", "王伟"), ST_OK);
	ck_assert_int_eq(desk_edit(&d, no, "ordered_at", "2026-11-16 08:00Z"), ST_OK);
	ck_assert_int_eq(get(&d, no).ordered_at, T_MONDAY_0900 - 3600);
	struct ev_log l = events_of(&d, no);
	char want[256];
	snprintf(want, sizeof want, "edit:Wang Wei>王伟:customer@tester\nedit:%lld>%lld:ordered_at@tester\n",
	         (long long)T_MONDAY_0900, (long long)T_MONDAY_0900 - 3600);
	ck_assert_str_eq(l.text, want);
	/* no edits once shipped */
	t_desk_set_role(&d, ROLE_ADMIN);
	for (int i = 0; i < 4; i++)
		ck_assert_int_eq(advance(&d, no, -1, "SF", "SF3"), ST_OK);
	ck_assert_int_eq(desk_edit(&d, no, "note", "late note"), ST_REFUSED);
	ck_assert_ptr_nonnull(strstr(desk_message(&d), "no longer be edited"));
	t_desk_close(&d);
}
END_TEST

START_TEST(edit_fields_all_or_none)
{
	struct desk d;
	char no[40];
	static const char *const fields[] = { "note", "phone", "customer" };
	static const char *const good[] = { "ring twice", "+86 139 0000 0000", "Li Na" };
	static const char *const bad[] = { "leave at door", "call me", "Zhao Lei" };

	open_with_order(&d, ROLE_CLERK, no, sizeof no);
	ck_assert_int_eq(desk_edit_fields(&d, no, 3, fields, bad), ST_REFUSED);
	ck_assert_ptr_nonnull(strstr(desk_message(&d), "phone"));
	struct order o = get(&d, no);
	ck_assert_str_eq(o.note, "");
	ck_assert_str_eq(o.customer, "Wang Wei");
	ck_assert_int_eq(events_of(&d, no).n, 0);
	ck_assert_int_eq(desk_edit_fields(&d, no, 3, fields, good), ST_OK);
	o = get(&d, no);
	ck_assert_str_eq(o.note, "ring twice");
	ck_assert_str_eq(o.phone, "+86 139 0000 0000");
	ck_assert_str_eq(o.customer, "Li Na");
	ck_assert_int_eq(events_of(&d, no).n, 3);
	ck_assert_ptr_nonnull(strstr(desk_message(&d), "note of"));
	ck_assert_ptr_nonnull(strstr(desk_message(&d), "; customer of"));
	t_desk_set_role(&d, ROLE_VIEWER);
	ck_assert_int_eq(desk_edit_fields(&d, no, 3, fields, good), ST_DENIED);
	t_desk_close(&d);
}
END_TEST

/* A second line, without a SKU, as an import leaves one it flagged; the
 * order's total holds 5.00 of shipping besides its lines. */
static void add_blank_line(struct desk *d, const char *no)
{
	char sql[512];

	snprintf(sql, sizeof sql,
	         "INSERT INTO order_lines (order_id, line_no, sku, name, qty, unit_price_cents) "
	         "VALUES (%lld, 2, '', 'sandal', 2, 500); "
	         "UPDATE orders SET lines = 2, items = 3, total_cents = 2500 WHERE order_no = '%s'",
	         get(d, no).id, no);
	exec_sql(d, sql);
}

static long long line_q(struct desk *d, const char *no, int line_no, const char *col)
{
	char sql[256];

	snprintf(sql, sizeof sql, "SELECT %s FROM order_lines l JOIN orders o ON o.id = l.order_id "
	         "WHERE o.order_no = '%s' AND l.line_no = %d", col, no, line_no);
	return q_int(d, sql);
}

START_TEST(edit_a_line_sku_qty_and_price)
{
	struct desk d;
	char no[40];
	static const char *const fields[] = { "line", "sku", "qty", "price" };
	static const char *const values[] = { "2", " 29823433-Preto-UK 6 ", "3", "9.90" };

	open_with_order(&d, ROLE_CLERK, no, sizeof no);
	add_blank_line(&d, no);
	int version = get(&d, no).version;
	ck_assert_int_eq(desk_edit_fields(&d, no, 4, fields, values), ST_OK);
	ck_assert_ptr_nonnull(strstr(desk_message(&d), "line 2 sku of"));
	ck_assert_int_eq(q_int(&d, "SELECT count(*) FROM order_lines WHERE sku = '29823433-Preto-UK 6' "
	                           "AND line_no = 2 AND qty = 3 AND unit_price_cents = 990"), 1);
	/* line 1 untouched; the order's items and total follow the line */
	ck_assert_int_eq(line_q(&d, no, 1, "qty"), 1);
	struct order o = get(&d, no);
	ck_assert_int_eq(o.items, 4);
	/* 25.00 was 10.00 + 2 x 5.00 and 5.00 the channel added (shipping): that stays */
	ck_assert_int_eq(o.total_cents, 2500 - 2 * 500 + 3 * 990);
	ck_assert_int_gt(o.version, version);
	struct ev_log l = events_of(&d, no);
	ck_assert_str_eq(l.text, "edit:>29823433-Preto-UK 6:line 2 sku@tester\n"
	                         "edit:2>3:line 2 qty@tester\n"
	                         "edit:5.00>9.90:line 2 unit_price@tester\n");
	/* the same again logs nothing */
	ck_assert_int_eq(desk_edit_fields(&d, no, 4, fields, values), ST_OK);
	ck_assert_int_eq(events_of(&d, no).n, 3);
	/* one line at a time through the board's door */
	ck_assert_int_eq(desk_edit_line(&d, no, 1, "qty", "2"), ST_OK);
	ck_assert_int_eq(line_q(&d, no, 1, "qty"), 2);
	ck_assert_int_eq(get(&d, no).items, 5);
	ck_assert_int_eq(desk_edit_line(&d, no, 1, "phone", "1"), ST_USAGE);
	t_desk_close(&d);
}
END_TEST

START_TEST(edit_a_line_is_validated_all_or_none)
{
	struct desk d;
	char no[40];
	const char *fields[] = { "line", "qty", "sku" };
	const char *values[] = { "2", "4", "" };

	open_with_order(&d, ROLE_CLERK, no, sizeof no);
	add_blank_line(&d, no);
	/* a refused SKU leaves the quantity before it unwritten too */
	ck_assert_int_eq(desk_edit_fields(&d, no, 3, fields, values), ST_REFUSED);
	ck_assert_ptr_nonnull(strstr(desk_message(&d), "line 2 sku"));
	ck_assert_ptr_nonnull(strstr(desk_message(&d), "missing"));
	ck_assert_int_eq(line_q(&d, no, 2, "qty"), 2);
	values[2] = "A\tB";
	ck_assert_int_eq(desk_edit_fields(&d, no, 3, fields, values), ST_REFUSED);
	ck_assert_ptr_nonnull(strstr(desk_message(&d), "control"));
	values[2] = "SKU-1";
	values[1] = "0";
	ck_assert_int_eq(desk_edit_fields(&d, no, 3, fields, values), ST_REFUSED);
	ck_assert_ptr_nonnull(strstr(desk_message(&d), "quantity"));
	ck_assert_int_eq(desk_edit_line(&d, no, 2, "price", "-1.00"), ST_REFUSED);
	ck_assert_int_eq(desk_edit_line(&d, no, 2, "price", "1.299"), ST_REFUSED);
	/* no such line; a line that is no number */
	ck_assert_int_eq(desk_edit_line(&d, no, 3, "qty", "1"), ST_REFUSED);
	ck_assert_ptr_nonnull(strstr(desk_message(&d), "no line 3"));
	values[0] = "two";
	values[1] = "1";
	ck_assert_int_eq(desk_edit_fields(&d, no, 3, fields, values), ST_USAGE);
	/* line= with no field of the line after it changes nothing, and says so */
	values[0] = "2";
	ck_assert_int_eq(desk_edit_fields(&d, no, 1, fields, values), ST_USAGE);
	ck_assert_ptr_nonnull(strstr(desk_message(&d), "changes nothing"));
	const char *twice[] = { "line", "line", "qty" }, *twice_v[] = { "1", "2", "5" };
	ck_assert_int_eq(desk_edit_fields(&d, no, 3, twice, twice_v), ST_USAGE);
	/* two lines: a line field without line= does not guess */
	ck_assert_int_eq(desk_edit_fields(&d, no, 1, fields + 2, values + 2), ST_USAGE);
	ck_assert_ptr_nonnull(strstr(desk_message(&d), "line=N"));
	ck_assert_int_eq(events_of(&d, no).n, 0);
	t_desk_close(&d);
}
END_TEST

START_TEST(edit_a_line_of_a_one_line_order_needs_no_line)
{
	struct desk d;
	char no[40];
	static const char *const fields[] = { "qty" };
	static const char *const values[] = { "4" };

	open_with_order(&d, ROLE_CLERK, no, sizeof no);
	ck_assert_int_eq(desk_edit_fields(&d, no, 1, fields, values), ST_OK);
	ck_assert_int_eq(line_q(&d, no, 1, "qty"), 4);
	ck_assert_int_eq(get(&d, no).total_cents, 4000);
	t_desk_close(&d);
}
END_TEST

START_TEST(a_locked_line_does_not_change_until_released)
{
	struct desk d;
	char no[40];

	open_with_order(&d, ROLE_CLERK, no, sizeof no);
	ck_assert_int_eq(advance(&d, no, STAGE_REVIEW, NULL, NULL), ST_OK);
	ck_assert_int_eq(desk_edit_line(&d, no, 1, "qty", "2"), ST_OK);
	ck_assert_int_eq(advance(&d, no, STAGE_LOCKED, NULL, NULL), ST_OK);
	ck_assert_int_eq(desk_edit_line(&d, no, 1, "qty", "3"), ST_REFUSED);
	ck_assert_ptr_nonnull(strstr(desk_message(&d), "its stock is locked"));
	ck_assert_ptr_nonnull(strstr(desk_message(&d), "release the locks"));
	ck_assert_int_eq(desk_edit_line(&d, no, 1, "sku", "SKU-2"), ST_REFUSED);
	/* the lock ledger and the line agree still */
	ck_assert_int_eq(q_int(&d, "SELECT sum(qty) FROM stock_locks WHERE state = 'active'"), 2);
	ck_assert_int_eq(line_q(&d, no, 1, "qty"), 2);
	ck_assert_int_eq(advance(&d, no, STAGE_PICKING, NULL, NULL), ST_OK);
	ck_assert_int_eq(desk_edit_line(&d, no, 1, "qty", "3"), ST_REFUSED);
	ck_assert_ptr_nonnull(strstr(desk_message(&d), "supervisor"));
	/* released, it changes */
	t_desk_set_role(&d, ROLE_SUPERVISOR);
	ck_assert_int_eq(desk_move_back(&d, no, "wrong size"), ST_OK);
	ck_assert_int_eq(desk_release(&d, no, "wrong size"), ST_OK);
	ck_assert_int_eq(desk_edit_line(&d, no, 1, "qty", "3"), ST_OK);
	ck_assert_int_eq(line_q(&d, no, 1, "qty"), 3);
	t_desk_close(&d);
}
END_TEST

START_TEST(edit_reevaluates_priority_and_promise)
{
	struct desk d;
	char no[40];
	struct order o;

	open_with_order(&d, ROLE_CLERK, no, sizeof no);
	o = get(&d, no);
	ck_assert_int_eq(o.priority, PRIO_NORMAL);
	ck_assert_int_eq(o.promise_at, o.ordered_at + 48 * 3600);
	double normal_score = o.score;
	ck_assert_int_eq(desk_edit(&d, no, "tier", "gold"), ST_OK);
	o = get(&d, no);
	ck_assert_int_eq(o.priority, PRIO_NORMAL);
	ck_assert(o.score > normal_score);
	ck_assert_int_eq(desk_edit(&d, no, "tier", "diamond"), ST_OK);
	ck_assert_int_eq(get(&d, no).priority, PRIO_HIGH);
	ck_assert_int_eq(desk_edit(&d, no, "tier", "regular"), ST_OK);
	ck_assert_int_eq(desk_edit(&d, no, "type", "custom"), ST_OK);
	ck_assert_int_eq(get(&d, no).priority, PRIO_HIGH);
	ck_assert_int_eq(desk_edit(&d, no, "type", "return"), ST_OK);
	ck_assert_int_eq(get(&d, no).priority, PRIO_LOW);
	ck_assert_int_eq(desk_edit(&d, no, "flags", "quality"), ST_OK);
	ck_assert_int_eq(get(&d, no).priority, PRIO_NORMAL);
	ck_assert_int_eq(desk_edit(&d, no, "flags", "quality,urgent"), ST_OK);
	o = get(&d, no);
	ck_assert_int_eq(o.priority, PRIO_URGENT);
	ck_assert_int_eq(o.promise_at, o.ordered_at + 24 * 3600);
	/* a new order time moves the promise */
	ck_assert_int_eq(desk_edit(&d, no, "ordered_at", "2026-11-16 06:00Z"), ST_OK);
	o = get(&d, no);
	ck_assert_int_eq(o.ordered_at, T_MONDAY_0900 - 3 * 3600);
	ck_assert_int_eq(o.promise_at, T_MONDAY_0900 - 3 * 3600 + 24 * 3600);
	ck_assert_int_eq(desk_edit(&d, no, "flags", ""), ST_OK);
	o = get(&d, no);
	ck_assert_int_eq(o.priority, PRIO_LOW);
	ck_assert_int_eq(o.promise_at, T_MONDAY_0900 - 3 * 3600 + 48 * 3600);
	t_desk_close(&d);
}
END_TEST

START_TEST(surge_urgency_survives_an_edit)
{
	struct desk d;
	char no[40];

	open_with_order(&d, ROLE_CLERK, no, sizeof no);
	struct order o = get(&d, no);
	/* as if imported on a surge day: urgent without the flag */
	ck_assert_int_eq(store_begin(d.store), ST_OK);
	ck_assert_int_eq(store_order_set_priority(d.store, o.id, PRIO_URGENT, 50.0), ST_OK);
	ck_assert_int_eq(store_commit(d.store), ST_OK);
	ck_assert_int_eq(desk_edit(&d, no, "tier", "silver"), ST_OK);
	ck_assert_int_eq(get(&d, no).priority, PRIO_URGENT);
	t_desk_close(&d);
}
END_TEST

START_TEST(becoming_urgent_in_picking_shortens_the_clock)
{
	struct desk d;
	char no[40];

	open_with_order(&d, ROLE_CLERK, no, sizeof no);
	for (int i = 0; i < 3; i++)
		ck_assert_int_eq(advance(&d, no, -1, NULL, NULL), ST_OK);
	struct order o = get(&d, no);
	ck_assert_int_eq(o.stage, STAGE_PICKING);
	ck_assert_int_eq(o.due_at, o.stage_at + 240 * MIN);
	ck_assert_int_eq(desk_edit(&d, no, "flags", "urgent"), ST_OK);
	o = get(&d, no);
	ck_assert_int_eq(o.due_at, o.stage_at + 120 * MIN);
	t_desk_close(&d);
}
END_TEST

START_TEST(every_event_names_the_operator)
{
	struct desk d;
	char no[40];

	open_with_order(&d, ROLE_SUPERVISOR, no, sizeof no);
	ck_assert_int_eq(advance(&d, no, -1, NULL, NULL), ST_OK);
	ck_assert_int_eq(desk_edit(&d, no, "note", "fragile"), ST_OK);
	ck_assert_int_eq(desk_move_back(&d, no, "recheck"), ST_OK);
	ck_assert_int_eq(desk_cancel(&d, no, "duplicate"), ST_OK);
	ck_assert_int_ge(q_int(&d, "SELECT count(*) FROM events"), 4);
	ck_assert_int_eq(q_int(&d, "SELECT count(*) FROM events WHERE actor <> 'tester'"), 0);
	ck_assert_int_eq(events_of(&d, no).n, 4);
	t_desk_close(&d);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("desk_order");
	TCase *tc = tcase_create("order");

	tcase_add_test(tc, advance_moves_one_stage_and_logs);
	tcase_add_test(tc, advance_through_every_stage);
	tcase_add_test(tc, urgent_orders_pick_on_the_short_clock);
	tcase_add_test(tc, advance_to_a_stage_already_reached_is_refused);
	tcase_add_test(tc, advance_refuses_a_changed_order);
	tcase_add_test(tc, an_order_moved_since_it_was_seen_is_left_alone);
	tcase_add_test(tc, no_such_order);
	tcase_add_test(tc, viewer_cannot_change_anything);
	tcase_add_test(tc, back_needs_a_supervisor_and_a_reason);
	tcase_add_test(tc, back_from_done_is_refused);
	tcase_add_test(tc, cancel_before_shipping_only);
	tcase_add_test(tc, open_blocking_exception_holds_the_order);
	tcase_add_test(tc, edit_validates_and_logs);
	tcase_add_test(tc, edit_fields_all_or_none);
	tcase_add_test(tc, edit_a_line_sku_qty_and_price);
	tcase_add_test(tc, edit_a_line_is_validated_all_or_none);
	tcase_add_test(tc, edit_a_line_of_a_one_line_order_needs_no_line);
	tcase_add_test(tc, a_locked_line_does_not_change_until_released);
	tcase_add_test(tc, edit_reevaluates_priority_and_promise);
	tcase_add_test(tc, surge_urgency_survives_an_edit);
	tcase_add_test(tc, becoming_urgent_in_picking_shortens_the_clock);
	tcase_add_test(tc, every_event_names_the_operator);
	suite_add_tcase(s, tc);
	return t_run(s);
}
