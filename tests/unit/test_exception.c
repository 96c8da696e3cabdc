/* desk/ exceptions: raising by hand, every resolve flow, roles, events. */
#include "support.h"
#include "ordesk/desk_admin.h"
#include "ordesk/desk_exception.h"
#include "ordesk/desk_order.h"
#include "ordesk/desk_sweep.h"
#include "ordesk/store_escalation.h"
#include "ordesk/store_order.h"
#include "ordesk/store_stock.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void add_stock(struct desk *d, const char *sku, long qty)
{
	int new_sku, new_wh;

	ck_assert_int_eq(store_begin(d->store), ST_OK);
	ck_assert_int_eq(store_stock_ensure(d->store, sku, "MAIN", &new_sku, &new_wh), ST_OK);
	ck_assert_int_eq(store_stock_add(d->store, sku, "MAIN", qty), ST_OK);
	ck_assert_int_eq(store_commit(d->store), ST_OK);
}

static void order_get(struct desk *d, const char *no, struct order *o)
{
	ck_assert_int_eq(store_order_get(d->store, no, o), ST_OK);
}

static enum status advance(struct desk *d, const char *no, const char *cause)
{
	struct advance_req req = { .order_no = no, .to = -1, .expected_version = -1,
	                           .carrier = "SF", .tracking = "SF100", .cause = cause };
	return desk_advance(d, &req);
}

/* Raises kind on order no inside a transaction, as import or lock would. */
static long long raise_tx(struct desk *d, const char *no, enum exkind kind, const char *detail,
                          long long related)
{
	struct order o;
	long long id = 0;
	int created = 0;

	order_get(d, no, &o);
	struct exception_raise r = { .kind = kind, .description = "test", .detail = detail,
	                             .related_id = related };
	ck_assert_int_eq(store_begin(d->store), ST_OK);
	ck_assert_int_eq(desk_exception_raise_tx(d, &o, &r, &id, &created), ST_OK);
	ck_assert_int_eq(store_commit(d->store), ST_OK);
	ck_assert_int_eq(created, 1);
	return id;
}

static void set_field(struct desk *d, const char *no, const char *column, const char *value)
{
	struct order o;

	order_get(d, no, &o);
	ck_assert_int_eq(store_begin(d->store), ST_OK);
	ck_assert_int_eq(store_order_set_field(d->store, o.id, column, value), ST_OK);
	ck_assert_int_eq(store_commit(d->store), ST_OK);
}

static struct exception_rec exc(struct desk *d, long long id)
{
	struct exception_rec e;

	ck_assert_int_eq(store_exception_get(d->store, id, &e), ST_OK);
	return e;
}

struct ev_count {
	const char *what;
	int n;
};

static int count_what(const struct event_row *e, void *arg)
{
	struct ev_count *c = arg;

	if (strcmp(e->what, c->what) == 0)
		c->n++;
	return 0;
}

static int events(struct desk *d, const char *no, const char *what)
{
	struct order o;
	struct ev_count c = { what, 0 };

	order_get(d, no, &o);
	ck_assert_int_eq(store_order_events(d->store, o.id, count_what, &c), ST_OK);
	return c.n;
}

START_TEST(raise_by_hand_records_and_refuses_a_second)
{
	struct desk d;
	struct order o;
	char no[40];
	long long id = 0, id2 = 0;

	t_desk_open(&d, ROLE_CLERK, T_MONDAY_0900);
	t_order_add(&d, "R1", "Wang Wei", no, sizeof no);
	ck_assert_int_eq(desk_exception_raise(&d, no, "customer_change", "new address by phone", &id),
	                 ST_OK);
	ck_assert_int_gt(id, 0);
	struct exception_rec e = exc(&d, id);
	ck_assert(e.open);
	ck_assert_int_eq(e.kind, EXKIND_CUSTOMER_CHANGE);
	ck_assert_str_eq(e.opened_by, "tester");
	ck_assert_str_eq(e.description, "new address by phone");
	order_get(&d, no, &o);
	ck_assert_int_eq(o.open_exc, 1);
	ck_assert_str_eq(o.exc_kinds, "customer_change");
	ck_assert_int_eq(events(&d, no, "raise"), 1);
	ck_assert_int_eq(desk_exception_raise(&d, no, "customer_change", NULL, &id2), ST_REFUSED);
	ck_assert_int_eq(desk_exception_raise(&d, no, "sla_breach", NULL, NULL), ST_REFUSED);
	ck_assert_int_eq(desk_exception_raise(&d, no, "nonsense", NULL, NULL), ST_USAGE);
	ck_assert_int_eq(desk_exception_raise(&d, "20990101-EC-0001", "needs_info", NULL, NULL),
	                 ST_REFUSED);
	t_desk_close(&d);
}
END_TEST

START_TEST(resolve_needs_a_cause_and_an_action)
{
	struct desk d;
	char no[40];
	long long id;

	t_desk_open(&d, ROLE_CLERK, T_MONDAY_0900);
	t_order_add(&d, "R1", "Wang Wei", no, sizeof no);
	ck_assert_int_eq(desk_exception_raise(&d, no, "customer_change", NULL, &id), ST_OK);
	struct resolve_req req = { .id = id, .action = "called back" };
	ck_assert_int_eq(desk_exception_resolve(&d, &req), ST_USAGE);
	ck_assert_ptr_nonnull(strstr(desk_message(&d), "cause"));
	req.cause = "weather";
	ck_assert_int_eq(desk_exception_resolve(&d, &req), ST_USAGE);
	req.cause = "customer";
	req.action = NULL;
	ck_assert_int_eq(desk_exception_resolve(&d, &req), ST_USAGE);
	ck_assert(exc(&d, id).open);
	req.action = "called back";
	req.note = "kept the order as it was";
	ck_assert_int_eq(desk_exception_resolve(&d, &req), ST_OK);
	struct exception_rec e = exc(&d, id);
	ck_assert(!e.open);
	ck_assert_int_eq(e.cause, CAUSE_CUSTOMER);
	ck_assert_str_eq(e.action, "called back");
	ck_assert_str_eq(e.note, "kept the order as it was");
	ck_assert_str_eq(e.resolved_by, "tester");
	ck_assert_int_eq(e.resolved_at, T_MONDAY_0900);
	ck_assert_int_eq(events(&d, no, "resolve"), 1);
	/* Resolved stays resolved. */
	ck_assert_int_eq(desk_exception_resolve(&d, &req), ST_REFUSED);
	ck_assert_int_eq(desk_exception_get(&d, 999, &e), ST_REFUSED);
	t_desk_close(&d);
}
END_TEST

START_TEST(needs_info_flow_fixes_flagged_fields_and_returns_to_review)
{
	struct desk d;
	struct order o;
	char no[40];
	enum field f[8];

	t_desk_open(&d, ROLE_CLERK, T_MONDAY_0900);
	t_order_add(&d, "R1", "Wang Wei", no, sizeof no);
	set_field(&d, no, "phone", "");
	set_field(&d, no, "address", "x");
	long long id = raise_tx(&d, no, EXKIND_NEEDS_INFO, "fields=phone,address", 0);
	struct exception_rec e = exc(&d, id);
	ck_assert_int_eq(desk_exception_flagged(&e, f, 8), 2);
	ck_assert_int_eq(f[0], FIELD_PHONE);
	ck_assert_int_eq(f[1], FIELD_ADDRESS);
	ck_assert_int_eq(e.due_at, T_MONDAY_0900 + 120 * 60);
	/* A plain resolve is refused while a flagged field is still wrong. */
	struct resolve_req plain = { .id = id, .cause = "channel_data", .action = "looked" };
	ck_assert_int_eq(desk_exception_resolve(&d, &plain), ST_REFUSED);
	ck_assert_ptr_nonnull(strstr(desk_message(&d), "phone"));
	/* Fixing one of two is not enough: nothing is written. */
	struct resolve_req fix = { .id = id, .cause = "channel_data", .how = RESOLVE_FIX_FIELDS,
	                           .nfields = 1, .fields = { "phone" }, .values = { "+86 138 0013 8001" } };
	ck_assert_int_eq(desk_exception_resolve(&d, &fix), ST_REFUSED);
	order_get(&d, no, &o);
	ck_assert_str_eq(o.phone, "");
	/* An invalid value is refused by the field's rule. */
	fix.nfields = 2;
	fix.fields[1] = "address";
	fix.values[1] = "y";
	ck_assert_int_eq(desk_exception_resolve(&d, &fix), ST_REFUSED);
	fix.values[1] = "88 Nanjing Road, Shanghai";
	ck_assert_int_eq(desk_exception_resolve(&d, &fix), ST_OK);
	e = exc(&d, id);
	ck_assert(!e.open);
	ck_assert_int_eq(e.cause, CAUSE_CHANNEL_DATA);
	ck_assert_ptr_nonnull(strstr(e.action, "phone"));
	ck_assert_ptr_nonnull(strstr(e.action, "address"));
	ck_assert_str_eq(e.result, "fixed: phone, address");
	order_get(&d, no, &o);
	ck_assert_str_eq(o.phone, "+86 138 0013 8001");
	ck_assert_str_eq(o.address, "88 Nanjing Road, Shanghai");
	ck_assert_int_eq(o.stage, STAGE_REVIEW);
	ck_assert_int_eq(o.open_exc, 0);
	ck_assert_int_eq(events(&d, no, "edit"), 2);
	t_desk_close(&d);
}
END_TEST

START_TEST(needs_info_on_a_line_sku_closes_only_once_the_line_is_right)
{
	struct desk d;
	struct order o;
	char no[40], sql[512];

	t_desk_open(&d, ROLE_CLERK, T_MONDAY_0900);
	t_order_add(&d, "R1", "Wang Wei", no, sizeof no);
	order_get(&d, no, &o);
	snprintf(sql, sizeof sql,
	         "INSERT INTO order_lines (order_id, line_no, sku, name, qty, unit_price_cents) "
	         "VALUES (%lld, 2, '', 'sandal', 2, 500); "
	         "UPDATE orders SET lines = 2, items = 3, total_cents = 2000 WHERE id = %lld",
	         o.id, o.id);
	ck_assert_int_eq(sqlite3_exec(store_db(d.store), sql, NULL, NULL, NULL), SQLITE_OK);
	long long id = raise_tx(&d, no, EXKIND_NEEDS_INFO, "fields=sku; lines=3", 0);
	/* nothing corrected: a plain resolve is refused, naming the line */
	struct resolve_req plain = { .id = id, .cause = "channel_data", .action = "looked" };
	ck_assert_int_eq(desk_exception_resolve(&d, &plain), ST_REFUSED);
	ck_assert_ptr_nonnull(strstr(desk_message(&d), "line 2 sku"));
	ck_assert(exc(&d, id).open);
	/* another field corrected is not the line */
	struct resolve_req fix = { .id = id, .cause = "channel_data", .how = RESOLVE_FIX_FIELDS,
	                           .nfields = 1, .fields = { "note" }, .values = { "asked" } };
	ck_assert_int_eq(desk_exception_resolve(&d, &fix), ST_REFUSED);
	ck_assert(exc(&d, id).open);
	/* the line's SKU set in the resolve closes it */
	struct resolve_req line = { .id = id, .cause = "channel_data", .how = RESOLVE_FIX_FIELDS,
	                            .nfields = 2, .fields = { "line", "sku" },
	                            .values = { "2", "29823433-Preto-UK 6" } };
	ck_assert_int_eq(desk_exception_resolve(&d, &line), ST_OK);
	struct exception_rec e = exc(&d, id);
	ck_assert(!e.open);
	ck_assert_str_eq(e.action, "corrected line 2 sku");
	ck_assert_int_eq(events(&d, no, "edit"), 1);
	order_get(&d, no, &o);
	ck_assert_int_eq(o.stage, STAGE_REVIEW);
	t_desk_close(&d);
}
END_TEST

START_TEST(needs_info_fixed_elsewhere_resolves_plainly)
{
	struct desk d;
	struct order o;
	char no[40];

	t_desk_open(&d, ROLE_CLERK, T_MONDAY_0900);
	t_order_add(&d, "R1", "Wang Wei", no, sizeof no);
	set_field(&d, no, "phone", "");
	long long id = raise_tx(&d, no, EXKIND_NEEDS_INFO, "phone: missing", 0);
	ck_assert_int_eq(desk_edit(&d, no, "phone", "+86 138 0013 8002"), ST_OK);
	struct resolve_req plain = { .id = id, .cause = "data_entry", .action = "asked the shop" };
	ck_assert_int_eq(desk_exception_resolve(&d, &plain), ST_OK);
	order_get(&d, no, &o);
	ck_assert_int_eq(o.stage, STAGE_REVIEW);
	t_desk_close(&d);
}
END_TEST

START_TEST(customer_change_edits_and_goes_back_to_review)
{
	struct desk d;
	struct order o;
	char no[40];
	long long id;

	t_desk_open(&d, ROLE_CLERK, T_MONDAY_0900);
	t_order_add(&d, "R1", "Wang Wei", no, sizeof no);
	ck_assert_int_eq(desk_exception_raise(&d, no, "customer_change", "moved house", &id), ST_OK);
	struct resolve_req fix = { .id = id, .cause = "customer", .how = RESOLVE_FIX_FIELDS,
	                           .nfields = 1, .fields = { "address" }, .values = { "9 New Street, Beijing" } };
	ck_assert_int_eq(desk_exception_resolve(&d, &fix), ST_OK);
	order_get(&d, no, &o);
	ck_assert_str_eq(o.address, "9 New Street, Beijing");
	ck_assert_int_eq(o.stage, STAGE_REVIEW);
	ck_assert(!exc(&d, id).open);
	/* A flow that does not fit the kind is a usage error. */
	ck_assert_int_eq(desk_exception_raise(&d, no, "customer_change", NULL, &id), ST_OK);
	struct resolve_req eta = { .id = id, .cause = "customer", .how = RESOLVE_NEW_ETA,
	                           .eta = T_MONDAY_0900 + 3600 };
	ck_assert_int_eq(desk_exception_resolve(&d, &eta), ST_USAGE);
	t_desk_close(&d);
}
END_TEST

START_TEST(customer_change_after_lock_needs_a_supervisor_to_rereview)
{
	struct desk d;
	struct order o;
	char no[40];
	long long id;

	t_desk_open(&d, ROLE_CLERK, T_MONDAY_0900);
	add_stock(&d, "SKU-1", 10);
	t_order_add(&d, "R1", "Wang Wei", no, sizeof no);
	ck_assert_int_eq(advance(&d, no, NULL), ST_OK);
	ck_assert_int_eq(advance(&d, no, NULL), ST_OK);
	ck_assert_int_eq(desk_exception_raise(&d, no, "customer_change", "new address", &id), ST_OK);
	struct resolve_req fix = { .id = id, .cause = "customer", .how = RESOLVE_FIX_FIELDS,
	                           .nfields = 1, .fields = { "address" }, .values = { "9 New Street, Beijing" } };
	ck_assert_int_eq(desk_exception_resolve(&d, &fix), ST_DENIED);
	order_get(&d, no, &o);
	ck_assert_int_eq(o.stage, STAGE_LOCKED);
	ck_assert(exc(&d, id).open);
	t_desk_set_role(&d, ROLE_SUPERVISOR);
	ck_assert_int_eq(desk_exception_resolve(&d, &fix), ST_OK);
	order_get(&d, no, &o);
	ck_assert_int_eq(o.stage, STAGE_REVIEW);
	ck_assert_int_eq(desk_check(&d), ST_OK);
	t_desk_close(&d);
}
END_TEST

/* Two orders of the same customer and items, each suspecting the other. */
static void duplicates(struct desk *d, char *a, char *b, long long *ea, long long *eb)
{
	struct order oa, ob;

	t_order_add(d, "D1", "Li Na", a, 40);
	t_order_add(d, "D2", "Li Na", b, 40);
	order_get(d, a, &oa);
	order_get(d, b, &ob);
	*ea = raise_tx(d, b, EXKIND_DUPLICATE_SUSPECT, "", oa.id);
	*eb = raise_tx(d, a, EXKIND_DUPLICATE_SUSPECT, "", ob.id);
}

START_TEST(duplicate_confirm_both_closes_both)
{
	struct desk d;
	char a[40], b[40];
	long long ea, eb;

	t_desk_open(&d, ROLE_CLERK, T_MONDAY_0900);
	duplicates(&d, a, b, &ea, &eb);
	struct resolve_req req = { .id = ea, .cause = "customer", .how = RESOLVE_CONFIRM_BOTH };
	ck_assert_int_eq(desk_exception_resolve(&d, &req), ST_OK);
	ck_assert(!exc(&d, ea).open);
	ck_assert(!exc(&d, eb).open);
	ck_assert_ptr_nonnull(strstr(exc(&d, ea).action, "confirmed both"));
	ck_assert_int_eq(desk_check(&d), ST_OK);
	t_desk_close(&d);
}
END_TEST

START_TEST(duplicate_cancel_one_needs_a_supervisor)
{
	struct desk d;
	struct order o;
	char a[40], b[40];
	long long ea, eb;

	t_desk_open(&d, ROLE_CLERK, T_MONDAY_0900);
	duplicates(&d, a, b, &ea, &eb);
	struct resolve_req req = { .id = ea, .cause = "channel_data", .how = RESOLVE_CANCEL_THIS };
	ck_assert_int_eq(desk_exception_resolve(&d, &req), ST_DENIED);
	req.how = RESOLVE_MERGE;
	ck_assert_int_eq(desk_exception_resolve(&d, &req), ST_DENIED);
	ck_assert(exc(&d, ea).open);
	t_desk_set_role(&d, ROLE_SUPERVISOR);
	req.how = RESOLVE_CANCEL_THIS;
	ck_assert_int_eq(desk_exception_resolve(&d, &req), ST_OK);
	order_get(&d, b, &o);
	ck_assert_int_eq(o.stage, STAGE_CANCELLED);
	order_get(&d, a, &o);
	ck_assert_int_eq(o.stage, STAGE_NEW);
	ck_assert(!exc(&d, ea).open);
	ck_assert(!exc(&d, eb).open);
	/* Both sides record the outcome: the other order cancelled. */
	{
		char want[64];
		snprintf(want, sizeof want, "cancelled %s", b);
		ck_assert_str_eq(exc(&d, ea).result, want);
		ck_assert_str_eq(exc(&d, eb).result, want);
	}
	ck_assert_int_eq(desk_check(&d), ST_OK);
	t_desk_close(&d);
}
END_TEST

START_TEST(duplicate_merge_moves_the_lines)
{
	struct desk d;
	struct order o;
	char a[40], b[40];
	long long ea, eb;

	t_desk_open(&d, ROLE_SUPERVISOR, T_MONDAY_0900);
	duplicates(&d, a, b, &ea, &eb);
	struct resolve_req req = { .id = eb, .cause = "customer", .how = RESOLVE_MERGE };
	ck_assert_int_eq(desk_exception_resolve(&d, &req), ST_OK);
	order_get(&d, a, &o);
	ck_assert_int_eq(o.lines, 2);
	ck_assert_int_eq(o.items, 2);
	ck_assert_int_eq(o.total_cents, 2000);
	ck_assert_int_eq(o.stage, STAGE_NEW);
	order_get(&d, b, &o);
	ck_assert_int_eq(o.stage, STAGE_CANCELLED);
	ck_assert(!exc(&d, ea).open);
	ck_assert(!exc(&d, eb).open);
	ck_assert_int_eq(desk_check(&d), ST_OK);
	t_desk_close(&d);
}
END_TEST

/* An order in transit at the desk's now. */
static void to_transit(struct desk *d, char *no)
{
	add_stock(d, "SKU-1", 10);
	t_order_add(d, "T1", "Zhao Lei", no, 40);
	for (int i = 0; i < 5; i++)
		ck_assert_int_eq(advance(d, no, NULL), ST_OK);
}

START_TEST(logistics_delay_new_eta_moves_the_clock)
{
	struct desk d;
	struct order o;
	struct sweep_result r;
	struct exception_rec e;
	char no[40];

	t_desk_open(&d, ROLE_CLERK, T_MONDAY_0900);
	to_transit(&d, no);
	order_get(&d, no, &o);
	ck_assert_int_eq(o.stage, STAGE_TRANSIT);
	ck_assert_int_eq(o.due_at, T_MONDAY_0900 + 48 * 3600);
	d.fixed_now = o.due_at;
	ck_assert_int_eq(desk_sweep(&d, &r), ST_OK);
	ck_assert_int_eq(r.delays, 1);
	ck_assert_int_eq(r.breaches, 0);
	ck_assert_int_eq(store_exception_find_open(d.store, o.id, EXKIND_LOGISTICS_DELAY, &e), ST_OK);
	ck_assert_int_gt(e.id, 0);
	time_t eta = o.due_at + 24 * 3600;
	struct resolve_req req = { .id = e.id, .cause = "carrier", .how = RESOLVE_NEW_ETA, .eta = eta };
	ck_assert_int_eq(desk_exception_resolve(&d, &req), ST_OK);
	order_get(&d, no, &o);
	ck_assert_int_eq(o.due_at, eta);
	ck_assert_ptr_nonnull(strstr(exc(&d, e.id).action, "new delivery time"));
	/* Not again before the new ETA; once more after it. */
	d.fixed_now = eta - 60;
	ck_assert_int_eq(desk_sweep(&d, &r), ST_OK);
	ck_assert_int_eq(r.delays, 0);
	d.fixed_now = eta;
	ck_assert_int_eq(desk_sweep(&d, &r), ST_OK);
	ck_assert_int_eq(r.delays, 1);
	/* A past ETA is refused. */
	ck_assert_int_eq(store_exception_find_open(d.store, o.id, EXKIND_LOGISTICS_DELAY, &e), ST_OK);
	req.id = e.id;
	req.eta = eta - 3600;
	ck_assert_int_eq(desk_exception_resolve(&d, &req), ST_REFUSED);
	/* Delivery closes it with the carrier as cause. */
	ck_assert_int_eq(advance(&d, no, NULL), ST_OK);
	e = exc(&d, e.id);
	ck_assert(!e.open);
	ck_assert_int_eq(e.cause, CAUSE_CARRIER);
	t_desk_close(&d);
}
END_TEST

START_TEST(logistics_delay_reship_records_the_new_tracking)
{
	struct desk d;
	struct order o;
	struct sweep_result r;
	struct exception_rec e;
	char no[40];

	t_desk_open(&d, ROLE_CLERK, T_MONDAY_0900);
	to_transit(&d, no);
	order_get(&d, no, &o);
	d.fixed_now = o.due_at + 60;
	ck_assert_int_eq(desk_sweep(&d, &r), ST_OK);
	ck_assert_int_eq(store_exception_find_open(d.store, o.id, EXKIND_LOGISTICS_DELAY, &e), ST_OK);
	struct resolve_req req = { .id = e.id, .cause = "carrier", .how = RESOLVE_RESHIP,
	                           .carrier = "EMS", .tracking = "" };
	ck_assert_int_eq(desk_exception_resolve(&d, &req), ST_USAGE);
	req.tracking = "EMS42";
	ck_assert_int_eq(desk_exception_resolve(&d, &req), ST_OK);
	order_get(&d, no, &o);
	ck_assert_str_eq(o.carrier, "EMS");
	ck_assert_str_eq(o.tracking, "EMS42");
	ck_assert_int_eq(o.due_at, d.fixed_now + 48 * 3600);
	ck_assert_int_eq(events(&d, no, "reship"), 1);
	t_desk_close(&d);
}
END_TEST

START_TEST(sla_breach_closes_when_the_stage_completes)
{
	struct desk d;
	struct sweep_result r;
	struct exception_rec e;
	struct order o;
	char no[40], no2[40];

	t_desk_open(&d, ROLE_CLERK, T_MONDAY_0900);
	add_stock(&d, "SKU-1", 10);
	t_order_add(&d, "S1", "Sun Li", no, sizeof no);
	t_order_add(&d, "S2", "Sun Li", no2, sizeof no2);
	d.fixed_now = T_MONDAY_0900 + 61 * 60;
	ck_assert_int_eq(desk_sweep(&d, &r), ST_OK);
	ck_assert_int_eq(r.breaches, 2);
	order_get(&d, no, &o);
	ck_assert_int_eq(store_exception_find_open(d.store, o.id, EXKIND_SLA_BREACH, &e), ST_OK);
	/* new -> review: the shared clock still runs, the breach stays open. */
	ck_assert_int_eq(advance(&d, no, NULL), ST_OK);
	ck_assert(exc(&d, e.id).open);
	/* review -> locked completes the clock: closed with the cause given. */
	ck_assert_int_eq(advance(&d, no, "stock_planning"), ST_OK);
	e = exc(&d, e.id);
	ck_assert(!e.open);
	ck_assert_int_eq(e.cause, CAUSE_STOCK_PLANNING);
	ck_assert_ptr_nonnull(strstr(e.action, "review -> locked"));
	/* Without a cause: capacity. */
	order_get(&d, no2, &o);
	ck_assert_int_eq(store_exception_find_open(d.store, o.id, EXKIND_SLA_BREACH, &e), ST_OK);
	ck_assert_int_eq(advance(&d, no2, NULL), ST_OK);
	ck_assert_int_eq(advance(&d, no2, NULL), ST_OK);
	e = exc(&d, e.id);
	ck_assert(!e.open);
	ck_assert_int_eq(e.cause, CAUSE_CAPACITY);
	/* An unknown cause is refused before anything moves. */
	ck_assert_int_eq(advance(&d, no2, "weather"), ST_USAGE);
	order_get(&d, no2, &o);
	ck_assert_int_eq(o.stage, STAGE_LOCKED);
	ck_assert_int_eq(desk_check(&d), ST_OK);
	t_desk_close(&d);
}
END_TEST

START_TEST(sla_breach_by_hand_is_a_clock_override)
{
	struct desk d;
	struct sweep_result r;
	struct exception_rec e;
	struct order o;
	char no[40];

	t_desk_open(&d, ROLE_CLERK, T_MONDAY_0900);
	t_order_add(&d, "S1", "Sun Li", no, sizeof no);
	d.fixed_now = T_MONDAY_0900 + 2 * 3600;
	ck_assert_int_eq(desk_sweep(&d, &r), ST_OK);
	order_get(&d, no, &o);
	ck_assert_int_eq(store_exception_find_open(d.store, o.id, EXKIND_SLA_BREACH, &e), ST_OK);
	struct resolve_req req = { .id = e.id, .cause = "system", .action = "clock was wrong" };
	ck_assert_int_eq(desk_exception_resolve(&d, &req), ST_DENIED);
	t_desk_set_role(&d, ROLE_SUPERVISOR);
	ck_assert_int_eq(desk_exception_resolve(&d, &req), ST_OK);
	/* The same breach is never raised again. */
	ck_assert_int_eq(desk_sweep(&d, &r), ST_OK);
	ck_assert_int_eq(r.breaches, 0);
	t_desk_close(&d);
}
END_TEST

START_TEST(cancel_closes_an_open_breach)
{
	struct desk d;
	struct sweep_result r;
	struct exception_rec e;
	struct order o;
	char no[40];

	t_desk_open(&d, ROLE_SUPERVISOR, T_MONDAY_0900);
	t_order_add(&d, "S1", "Sun Li", no, sizeof no);
	d.fixed_now = T_MONDAY_0900 + 2 * 3600;
	ck_assert_int_eq(desk_sweep(&d, &r), ST_OK);
	order_get(&d, no, &o);
	ck_assert_int_eq(store_exception_find_open(d.store, o.id, EXKIND_SLA_BREACH, &e), ST_OK);
	ck_assert_int_eq(desk_cancel(&d, no, "customer withdrew"), ST_OK);
	e = exc(&d, e.id);
	ck_assert(!e.open);
	ck_assert_int_eq(e.cause, CAUSE_OTHER);
	ck_assert_str_eq(e.note, "customer withdrew");
	t_desk_close(&d);
}
END_TEST

START_TEST(viewer_changes_nothing)
{
	struct desk d;
	struct sweep_result r;
	char no[40];
	long long id;

	t_desk_open(&d, ROLE_CLERK, T_MONDAY_0900);
	t_order_add(&d, "V1", "Qian Yu", no, sizeof no);
	ck_assert_int_eq(desk_exception_raise(&d, no, "customer_change", NULL, &id), ST_OK);
	t_desk_set_role(&d, ROLE_VIEWER);
	ck_assert_int_eq(desk_exception_raise(&d, no, "needs_info", NULL, NULL), ST_DENIED);
	struct resolve_req req = { .id = id, .cause = "customer", .action = "called" };
	ck_assert_int_eq(desk_exception_resolve(&d, &req), ST_DENIED);
	ck_assert(exc(&d, id).open);
	d.fixed_now = T_MONDAY_0900 + 3 * 3600;
	ck_assert_int_eq(desk_sweep(&d, &r), ST_DENIED);
	ck_assert_int_eq(r.breaches, 0);
	ck_assert_int_eq(desk_alert_ack(&d, 1), ST_DENIED);
	ck_assert_ptr_nonnull(strstr(desk_message(&d), "viewer"));
	t_desk_close(&d);
}
END_TEST

START_TEST(alerts_are_acknowledged_by_supervisors_once)
{
	struct desk d;
	struct sweep_result r;
	struct escalation_rec x;
	char no[40];
	int n;

	t_desk_open(&d, ROLE_CLERK, T_MONDAY_0900);
	t_order_add(&d, "A1", "Zhou Xun", no, sizeof no);
	d.fixed_now = T_MONDAY_0900 + 3600;
	ck_assert_int_eq(desk_sweep(&d, &r), ST_OK);
	ck_assert_int_eq(r.escalations, 1);
	ck_assert_int_eq(store_escalation_count_open(d.store, &n), ST_OK);
	ck_assert_int_eq(n, 1);
	ck_assert_int_eq(desk_alert_ack(&d, 1), ST_DENIED);
	t_desk_set_role(&d, ROLE_SUPERVISOR);
	ck_assert_int_eq(desk_alert_ack(&d, 99), ST_REFUSED);
	ck_assert_int_eq(desk_alert_ack(&d, 1), ST_OK);
	ck_assert_int_eq(desk_alert_ack(&d, 1), ST_REFUSED);
	ck_assert_int_eq(store_escalation_get(d.store, 1, &x), ST_OK);
	ck_assert_str_eq(x.acked_by, "tester");
	ck_assert_int_eq(x.acked_at, T_MONDAY_0900 + 3600);
	ck_assert_str_eq(x.order_no, no);
	ck_assert_int_eq(store_escalation_count_open(d.store, &n), ST_OK);
	ck_assert_int_eq(n, 0);
	ck_assert_int_eq(events(&d, no, "ack"), 1);
	t_desk_close(&d);
}
END_TEST

static int count_rows(const struct exception_row *r, void *arg)
{
	long long *ids = arg;

	ids[++ids[0]] = r->e.id;
	return 0;
}

START_TEST(open_list_sorts_by_priority_then_age)
{
	struct desk d;
	char a[40], b[40], c[40];
	long long ea, eb, ec, ids[16] = { 0 };
	int counts[EXKIND_COUNT], total;

	t_desk_open(&d, ROLE_CLERK, T_MONDAY_0900);
	t_order_add(&d, "P1", "Old Normal", a, sizeof a);
	t_order_add(&d, "P2", "Urgent", b, sizeof b);
	t_order_add(&d, "P3", "New Normal", c, sizeof c);
	ck_assert_int_eq(desk_edit(&d, b, "flags", "urgent"), ST_OK);
	ck_assert_int_eq(desk_exception_raise(&d, a, "customer_change", NULL, &ea), ST_OK);
	d.fixed_now += 60;
	ck_assert_int_eq(desk_exception_raise(&d, c, "needs_info", NULL, &ec), ST_OK);
	d.fixed_now += 60;
	ck_assert_int_eq(desk_exception_raise(&d, b, "customer_change", NULL, &eb), ST_OK);
	struct exception_filter f = { .open_only = 1, .kind = -1 };
	ck_assert_int_eq(store_exception_each(d.store, &f, count_rows, ids), ST_OK);
	ck_assert_int_eq(ids[0], 3);
	ck_assert_int_eq(ids[1], eb);
	ck_assert_int_eq(ids[2], ea);
	ck_assert_int_eq(ids[3], ec);
	f.kind = EXKIND_NEEDS_INFO;
	ids[0] = 0;
	ck_assert_int_eq(store_exception_each(d.store, &f, count_rows, ids), ST_OK);
	ck_assert_int_eq(ids[0], 1);
	ck_assert_int_eq(ids[1], ec);
	ck_assert_int_eq(store_exception_count_open(d.store, counts, &total), ST_OK);
	ck_assert_int_eq(total, 3);
	ck_assert_int_eq(counts[EXKIND_CUSTOMER_CHANGE], 2);
	ck_assert_int_eq(counts[EXKIND_NEEDS_INFO], 1);
	t_desk_close(&d);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("exception");
	TCase *tc = tcase_create("exception");

	setenv("TZ", "UTC", 1);
	tzset();
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, raise_by_hand_records_and_refuses_a_second);
	tcase_add_test(tc, resolve_needs_a_cause_and_an_action);
	tcase_add_test(tc, needs_info_flow_fixes_flagged_fields_and_returns_to_review);
	tcase_add_test(tc, needs_info_fixed_elsewhere_resolves_plainly);
	tcase_add_test(tc, needs_info_on_a_line_sku_closes_only_once_the_line_is_right);
	tcase_add_test(tc, customer_change_edits_and_goes_back_to_review);
	tcase_add_test(tc, customer_change_after_lock_needs_a_supervisor_to_rereview);
	tcase_add_test(tc, duplicate_confirm_both_closes_both);
	tcase_add_test(tc, duplicate_cancel_one_needs_a_supervisor);
	tcase_add_test(tc, duplicate_merge_moves_the_lines);
	tcase_add_test(tc, logistics_delay_new_eta_moves_the_clock);
	tcase_add_test(tc, logistics_delay_reship_records_the_new_tracking);
	tcase_add_test(tc, sla_breach_closes_when_the_stage_completes);
	tcase_add_test(tc, sla_breach_by_hand_is_a_clock_override);
	tcase_add_test(tc, cancel_closes_an_open_breach);
	tcase_add_test(tc, viewer_changes_nothing);
	tcase_add_test(tc, alerts_are_acknowledged_by_supervisors_once);
	tcase_add_test(tc, open_list_sorts_by_priority_then_age);
	suite_add_tcase(s, tc);
	return t_run(s);
}
