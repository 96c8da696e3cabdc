/*
 * The weekly exception review over a fixture week built through desk/ use
 * cases, every figure checked against values worked out by hand below; the
 * text and Markdown renderings compared with golden files.
 *
 * The fixture (UTC; M = Monday 2026-11-16 00:00, the start of 2026-W47):
 *
 *  W45  Q1  received Tue M-13 09:00, nothing else.
 *  W46  P1  received M-7 10:00, review 10:20, locked 10:40, picking 11:00,
 *           shipped 12:00 (SF), transit 12:30, done M-6 10:00: perfect.
 *       P2  received M-6 09:00, review 09:30, locked 10:00, picking 10:30,
 *           shipped M-3 09:00 (after its promise M-4 09:00), transit 09:30,
 *           done M 08:00 (70.5 h in transit: late).
 *       P3  received M-5 14:00, needs_info 14:10, resolved 16:10 (li).
 *       P4  received M-2 10:00, needs_info 10:30, resolved M 08:30 by li,
 *           cause channel_data (46 h).
 *       P5  received M-1 12:00, duplicate_suspect 12:30, still open.
 *  W47  A1  EC received M 09:00, review 09:20, locked 09:40, picking 10:00,
 *           shipped 11:00 (SF), transit 11:30, done M+1 09:00: perfect.
 *       A2  EC ordered M-2 10:00 (promise M 10:00), received M 10:00,
 *           needs_info 10:05 resolved 11:35 by li, channel_data (back to
 *           review then), locked 12:00, picking 12:30, shipped 14:00 (YTO,
 *           late), transit 14:30, logistics_delay M+2 15:00, done M+3 16:30
 *           (74 h in transit: late; the delay closes with cause carrier).
 *       A3  ST SKU-B x2 + SKU-C x1 received M+1 09:00, review 09:30, lock
 *           at 10:00 finds no stock: stock_short, still open.
 *       A4  ST SKU-B x1 received M+1 11:00, review 11:10, lock 11:20:
 *           stock_short, resolved M+2 11:20 by li, cause supplier.
 *       A5  DS received M+2 08:00, review 08:30, locked 09:00, picking
 *           09:30, sla_breach (picking) 13:30, shipped 15:00 (SF, closes the
 *           breach: capacity), transit 15:30.
 *       A6  EC received M+3 09:00, customer_change 09:30 resolved 10:30 by
 *           wang (customer), review 10:40, locked 11:00, picking 11:20,
 *           shipped 12:20 (YTO), transit 13:00, done M+4 12:00.
 *       A7  EC received M+4 09:00, duplicate_suspect 09:05, resolved in
 *           W48 (M+7 10:00, wang, data_entry).
 *       A8  EC received M+6 20:00, needs_info 20:30, open.
 *       A9  DS received M+5 10:00, review 10:10, sla_breach (review) 11:00.
 *       A10 ST received M+6 06:00, customer_change 08:00, open.
 *  Review actions: 1 (W46 channel_data, li, due 2026-11-20, open: overdue
 *  on M+7), 2 (W47 supplier, wang, due 2026-11-30, open), 3 (W45 capacity,
 *  done M-3: closed before W47, not listed), 4 (W46 carrier, done M+2:
 *  listed as done), 5 (W48: not yet decided in W47, not listed).
 * The report is made at M+7 10:00 (Monday 2026-11-23) by tester.
 */
#include "support.h"
#include "ordesk/desk_exception.h"
#include "ordesk/desk_order.h"
#include "ordesk/desk_report.h"
#include "ordesk/desk_review.h"
#include "ordesk/report_write.h"
#include "ordesk/store_order.h"
#include "ordesk/store_user.h"
#include "ordesk/text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define M ((time_t)1794787200)           /* Monday 2026-11-16 00:00 UTC */
#define AT(day, hh, mm) (M + (time_t)(day) * 86400 + (hh) * 3600 + (mm) * 60)
#define H(x) ((long long)(x) * 3600)
#define MIN(x) ((long long)(x) * 60)

static void sql(struct desk *d, const char *text)
{
	char *err = NULL;
	int rc = sqlite3_exec(store_db(d->store), text, NULL, NULL, &err);
	ck_assert_msg(rc == SQLITE_OK, "%s: %s", text, err ? err : "");
}

static void login(struct desk *d, const char *who)
{
	text_copy(d->login, who, sizeof d->login);
}

/* The people of the fixture, so that they may own review actions. */
static void add_users(struct desk *d)
{
	ck_assert_int_eq(store_user_put(d->store, "li", ROLE_CLERK, d->fixed_now, "test"), ST_OK);
	ck_assert_int_eq(store_user_put(d->store, "wang", ROLE_SUPERVISOR, d->fixed_now, "test"),
	                 ST_OK);
}

/* An order received at now, ordered at ordered (0: now), lines "SKU:qty,..." */
static void order(struct desk *d, time_t now, const char *channel, const char *ref,
                  time_t ordered, const char *lines, char *no, size_t size)
{
	struct order o;
	struct order_line ls[4];
	char day[16], spec[64];
	struct tm tm;
	int serial, n = 0;

	d->fixed_now = now;
	memset(&o, 0, sizeof o);
	memset(ls, 0, sizeof ls);
	gmtime_r(&now, &tm);
	strftime(day, sizeof day, "%Y%m%d", &tm);
	text_copy(spec, lines, sizeof spec);
	for (char *save = NULL, *p = strtok_r(spec, ",", &save); p && n < 4;
	     p = strtok_r(NULL, ",", &save), n++) {
		char *colon = strchr(p, ':');
		*colon = '\0';
		text_copy(ls[n].sku, p, sizeof ls[n].sku);
		ls[n].qty = atol(colon + 1);
		ls[n].line_no = n + 1;
		ls[n].unit_price_cents = 1000;
	}
	ck_assert_int_eq(store_begin(d->store), ST_OK);
	ck_assert_int_eq(store_order_next_serial(d->store, day, channel, &serial), ST_OK);
	snprintf(o.order_no, sizeof o.order_no, "%s-%s-%04d", day, channel, serial);
	text_copy(o.channel, channel, sizeof o.channel);
	text_copy(o.channel_ref, ref, sizeof o.channel_ref);
	text_copy(o.source, "test", sizeof o.source);
	text_copy(o.customer, "Wang Wei", sizeof o.customer);
	text_copy(o.phone, "+86 138 0013 8000", sizeof o.phone);
	text_copy(o.address, "1 Test Road, Shanghai", sizeof o.address);
	text_copy(o.warehouse, "MAIN", sizeof o.warehouse);
	o.stage = STAGE_NEW;
	o.ordered_at = ordered ? ordered : now;
	o.received_at = o.stage_at = now;
	o.total_cents = 1000;
	o.lines = n;
	o.items = n;
	desk_order_prioritize(d, &o, 0);
	o.due_at = clock_stage_due(&d->clocks, &d->cal, STAGE_NEW, o.priority, now, now);
	ck_assert_int_eq(store_order_insert(d->store, &o, ls, n), ST_OK);
	ck_assert_int_eq(store_commit(d->store), ST_OK);
	text_copy(no, o.order_no, size);
}

static enum status advance_as(struct desk *d, time_t now, const char *no, const char *carrier)
{
	struct advance_req req = { .order_no = no, .to = -1, .expected_version = -1,
	                           .carrier = carrier, .tracking = carrier ? "TRK-1" : NULL };
	d->fixed_now = now;
	return desk_advance(d, &req);
}

static void advance(struct desk *d, time_t now, const char *no, const char *carrier)
{
	enum status st = advance_as(d, now, no, carrier);
	ck_assert_msg(st == ST_OK, "advance %s: %s", no, desk_message(d));
}

static long long raise(struct desk *d, time_t now, const char *no, const char *kind,
                       const char *note)
{
	long long id = 0;
	d->fixed_now = now;
	ck_assert_msg(desk_exception_raise(d, no, kind, note, &id) == ST_OK, "%s", desk_message(d));
	return id;
}

static void resolve_noted(struct desk *d, time_t now, long long id, const char *who,
                          const char *cause, const char *action, const char *note)
{
	struct resolve_req req = { .id = id, .cause = cause, .action = action, .how = RESOLVE_PLAIN,
	                           .note = note };
	d->fixed_now = now;
	login(d, who);
	ck_assert_msg(desk_exception_resolve(d, &req) == ST_OK, "%s", desk_message(d));
	login(d, "tester");
}

static void resolve(struct desk *d, time_t now, long long id, const char *who, const char *cause,
                    const char *action)
{
	struct resolve_req req = { .id = id, .cause = cause, .action = action, .how = RESOLVE_PLAIN };
	d->fixed_now = now;
	login(d, who);
	ck_assert_msg(desk_exception_resolve(d, &req) == ST_OK, "%s", desk_message(d));
	login(d, "tester");
}

struct breach_req {
	const char *no;
	const char *key;
};

/* A breached clock, as the sweep records it (the sweep itself is tested elsewhere). */
static enum status breach_body(struct desk *d, void *arg)
{
	struct breach_req *b = arg;
	struct order o;
	long long id;
	int created;
	enum status st = desk_order_get(d, b->no, &o);
	struct exception_raise r = { .kind = EXKIND_SLA_BREACH, .description = "clock ran out",
	                             .breach_key = b->key };

	if (st != ST_OK)
		return st;
	return desk_exception_raise_tx(d, &o, &r, &id, &created);
}

static void breach(struct desk *d, time_t now, const char *no, const char *key)
{
	struct breach_req b = { no, key };
	d->fixed_now = now;
	ck_assert_msg(desk_tx(d, breach_body, &b) == ST_OK, "%s", desk_message(d));
}

static long long action(struct desk *d, time_t now, const char *week, const char *cause,
                        const char *what, const char *owner, const char *due)
{
	struct review_req req = { week, cause, what, owner, due };
	long long id = 0;
	d->fixed_now = now;
	ck_assert_msg(desk_review_add(d, &req, &id) == ST_OK, "%s", desk_message(d));
	return id;
}

static void action_done(struct desk *d, time_t now, long long id, const char *note)
{
	d->fixed_now = now;
	ck_assert_msg(desk_review_done(d, id, note) == ST_OK, "%s", desk_message(d));
}

/* The open exception of a kind on an order. */
static long long open_exception(struct desk *d, const char *no, const char *kind)
{
	sqlite3_stmt *st;
	long long id;

	ck_assert_int_eq(sqlite3_prepare_v2(store_db(d->store),
	                 "SELECT e.id FROM exceptions e JOIN orders o ON o.id = e.order_id "
	                 "WHERE o.order_no = ?1 AND e.kind = ?2 AND e.status = 'open'", -1, &st, NULL),
	                 SQLITE_OK);
	sqlite3_bind_text(st, 1, no, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, kind, -1, SQLITE_STATIC);
	ck_assert_int_eq(sqlite3_step(st), SQLITE_ROW);
	id = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return id;
}

static char no_a[11][40], no_p[6][40], no_q[40];

static void fixture(struct desk *d)
{
	long long e, p4, a2ni, a2ld, a4ss, a6cc, a7ds, a1, a3, a4;

	t_desk_open(d, ROLE_SUPERVISOR, AT(-14, 8, 0));
	add_users(d);
	sql(d, "INSERT INTO products (sku) VALUES ('SKU-A'), ('SKU-B'), ('SKU-C');"
	       "INSERT INTO stock (sku, warehouse, on_hand) VALUES ('SKU-A', 'MAIN', 1000),"
	       " ('SKU-B', 'MAIN', 0), ('SKU-C', 'MAIN', 0);");
	/* W45 */
	order(d, AT(-13, 9, 0), "EC", "Q1", 0, "SKU-A:1", no_q, sizeof no_q);
	/* Review actions decided before W47. */
	a3 = action(d, AT(-12, 9, 0), "2026-W45", "capacity", "extra picker on Fridays", "wang",
	            "2026-11-10");
	/* W46 */
	order(d, AT(-7, 10, 0), "EC", "P1", 0, "SKU-A:1", no_p[1], sizeof no_p[1]);
	advance(d, AT(-7, 10, 20), no_p[1], NULL);
	advance(d, AT(-7, 10, 40), no_p[1], NULL);
	advance(d, AT(-7, 11, 0), no_p[1], NULL);
	advance(d, AT(-7, 12, 0), no_p[1], "SF");
	advance(d, AT(-7, 12, 30), no_p[1], NULL);
	order(d, AT(-6, 9, 0), "EC", "P2", 0, "SKU-A:1", no_p[2], sizeof no_p[2]);
	advance(d, AT(-6, 9, 30), no_p[2], NULL);
	advance(d, AT(-6, 10, 0), no_p[1], NULL);          /* P1 delivered */
	advance(d, AT(-6, 10, 0), no_p[2], NULL);
	advance(d, AT(-6, 10, 30), no_p[2], NULL);
	order(d, AT(-5, 14, 0), "EC", "P3", 0, "SKU-A:1", no_p[3], sizeof no_p[3]);
	e = raise(d, AT(-5, 14, 10), no_p[3], "needs_info", "phone missing");
	resolve(d, AT(-5, 16, 10), e, "li", "data_entry", "phone added");
	advance(d, AT(-3, 9, 0), no_p[2], "SF");
	advance(d, AT(-3, 9, 30), no_p[2], NULL);
	a1 = action(d, AT(-3, 10, 0), "2026-W46", "channel_data", "ask EC to check phone numbers",
	            "li", "2026-11-20");
	action_done(d, AT(-3, 11, 0), a3, "second picker hired");
	a4 = action(d, AT(-3, 12, 0), "2026-W46", "carrier", "weekly call with YTO", "wang",
	            "2026-11-18");
	order(d, AT(-2, 10, 0), "EC", "P4", 0, "SKU-A:1", no_p[4], sizeof no_p[4]);
	p4 = raise(d, AT(-2, 10, 30), no_p[4], "needs_info", "address unreadable");
	order(d, AT(-1, 12, 0), "EC", "P5", 0, "SKU-A:1", no_p[5], sizeof no_p[5]);
	raise(d, AT(-1, 12, 30), no_p[5], "duplicate_suspect", "same items twice");

	/* W47, Monday */
	advance(d, AT(0, 8, 0), no_p[2], NULL);              /* P2 delivered, late */
	resolve(d, AT(0, 8, 30), p4, "li", "channel_data", "address asked again");
	order(d, AT(0, 9, 0), "EC", "A1", 0, "SKU-A:1", no_a[1], sizeof no_a[1]);
	advance(d, AT(0, 9, 20), no_a[1], NULL);
	advance(d, AT(0, 9, 40), no_a[1], NULL);
	order(d, AT(0, 10, 0), "EC", "A2", AT(-2, 10, 0), "SKU-A:1", no_a[2], sizeof no_a[2]);
	advance(d, AT(0, 10, 0), no_a[1], NULL);
	a2ni = raise(d, AT(0, 10, 5), no_a[2], "needs_info", "phone missing");
	advance(d, AT(0, 11, 0), no_a[1], "SF");
	advance(d, AT(0, 11, 30), no_a[1], NULL);
	resolve(d, AT(0, 11, 35), a2ni, "li", "channel_data", "called the customer");
	advance(d, AT(0, 12, 0), no_a[2], NULL);
	advance(d, AT(0, 12, 30), no_a[2], NULL);
	advance(d, AT(0, 14, 0), no_a[2], "YTO");
	advance(d, AT(0, 14, 30), no_a[2], NULL);
	/* Tuesday */
	order(d, AT(1, 9, 0), "ST", "A3", 0, "SKU-B:2,SKU-C:1", no_a[3], sizeof no_a[3]);
	advance(d, AT(1, 9, 0), no_a[1], NULL);              /* A1 delivered */
	advance(d, AT(1, 9, 30), no_a[3], NULL);
	ck_assert_int_eq(advance_as(d, AT(1, 10, 0), no_a[3], NULL), ST_REFUSED);
	order(d, AT(1, 11, 0), "ST", "A4", 0, "SKU-B:1", no_a[4], sizeof no_a[4]);
	advance(d, AT(1, 11, 10), no_a[4], NULL);
	ck_assert_int_eq(advance_as(d, AT(1, 11, 20), no_a[4], NULL), ST_REFUSED);
	/* Wednesday */
	order(d, AT(2, 8, 0), "DS", "A5", 0, "SKU-A:1", no_a[5], sizeof no_a[5]);
	advance(d, AT(2, 8, 30), no_a[5], NULL);
	advance(d, AT(2, 9, 0), no_a[5], NULL);
	advance(d, AT(2, 9, 30), no_a[5], NULL);
	a4ss = open_exception(d, no_a[4], "stock_short");
	resolve(d, AT(2, 11, 20), a4ss, "li", "supplier", "supplier delay agreed");
	action_done(d, AT(2, 12, 0), a4, "call set up");
	breach(d, AT(2, 13, 30), no_a[5], "fixture:A5:picking");
	a2ld = raise(d, AT(2, 15, 0), no_a[2], "logistics_delay", "parcel stuck in hub");
	advance(d, AT(2, 15, 0), no_a[5], "SF");
	advance(d, AT(2, 15, 30), no_a[5], NULL);
	/* Thursday */
	order(d, AT(3, 9, 0), "EC", "A6", 0, "SKU-A:1", no_a[6], sizeof no_a[6]);
	a6cc = raise(d, AT(3, 9, 30), no_a[6], "customer_change", "new address");
	resolve_noted(d, AT(3, 10, 30), a6cc, "wang", "customer", "address updated",
	              "customer phoned, address read back");
	advance(d, AT(3, 10, 40), no_a[6], NULL);
	advance(d, AT(3, 11, 0), no_a[6], NULL);
	advance(d, AT(3, 11, 20), no_a[6], NULL);
	advance(d, AT(3, 12, 20), no_a[6], "YTO");
	advance(d, AT(3, 13, 0), no_a[6], NULL);
	advance(d, AT(3, 16, 30), no_a[2], NULL);            /* A2 delivered, closes the delay */
	/* Friday */
	order(d, AT(4, 9, 0), "EC", "A7", 0, "SKU-A:1", no_a[7], sizeof no_a[7]);
	a7ds = raise(d, AT(4, 9, 5), no_a[7], "duplicate_suspect", "twice within 5 min");
	advance(d, AT(4, 12, 0), no_a[6], NULL);             /* A6 delivered */
	action(d, AT(4, 15, 0), "2026-W47", "supplier", "weekly call with the supplier", "wang",
	       "2026-11-30");
	/* Saturday */
	order(d, AT(5, 10, 0), "DS", "A9", 0, "SKU-A:1", no_a[9], sizeof no_a[9]);
	advance(d, AT(5, 10, 10), no_a[9], NULL);
	breach(d, AT(5, 11, 0), no_a[9], "fixture:A9:review");
	/* Sunday */
	order(d, AT(6, 6, 0), "ST", "A10", 0, "SKU-A:1", no_a[10], sizeof no_a[10]);
	raise(d, AT(6, 8, 0), no_a[10], "customer_change", "different size");
	order(d, AT(6, 20, 0), "EC", "A8", 0, "SKU-A:1", no_a[8], sizeof no_a[8]);
	raise(d, AT(6, 20, 30), no_a[8], "needs_info", "no house number");
	/* W48, Monday */
	resolve(d, AT(7, 10, 0), a7ds, "wang", "data_entry", "entered twice by hand");
	action(d, AT(7, 10, 0), "2026-W48", "data_entry", "double entry check", "li", "2026-12-04");
	d->fixed_now = AT(7, 10, 0);
	(void)a1;
	(void)a2ld;
}

static void make_report(struct desk *d, struct report *r)
{
	struct report_period p;

	desk_report_last_week(d, &p);
	ck_assert_str_eq(p.label, "2026-W47");
	ck_assert_int_eq(desk_report(d, &p, r), ST_OK);
}

START_TEST(fixture_headline_figures)
{
	struct desk d;
	struct report r;

	fixture(&d);
	make_report(&d, &r);
	const struct report_head *w47 = &r.head[REPORT_CUR], *w46 = &r.head[REPORT_PREV];
	ck_assert_str_eq(r.period[0].label, "2026-W44");
	ck_assert_str_eq(r.period[1].label, "2026-W45");
	ck_assert_str_eq(r.period[2].label, "2026-W46");
	ck_assert_str_eq(r.period[3].label, "2026-W47");
	/* W47: A1..A10 received; all but A1 had an exception. */
	ck_assert_int_eq(w47->received, 10);
	ck_assert_int_eq(w47->with_exception, 9);
	/* Shipped: A1, A2 (late: promise M 10:00), A5, A6. */
	ck_assert_int_eq(w47->shipped, 4);
	ck_assert_int_eq(w47->shipped_on_time, 3);
	/* Delivered: P2 (late), A1, A2 (late), A6; perfect: A1 only. */
	ck_assert_int_eq(w47->delivered, 4);
	ck_assert_int_eq(w47->delivered_on_time, 2);
	ck_assert_int_eq(w47->perfect, 1);
	/* Receipt to shipment: 2h, 4h, 7h, 3h20 -> median (2nd) 3h20, p90 (4th) 7h. */
	ck_assert_int_eq(w47->ship_time.n, 4);
	ck_assert_int_eq(w47->ship_time.median, H(3) + MIN(20));
	ck_assert_int_eq(w47->ship_time.p90, H(7));
	ck_assert_int_eq(w47->opened, 10);
	ck_assert_int_eq(w47->resolved, 6);

	/* W46: P1..P5 received, P3 P4 P5 with exceptions; P1 P2 shipped, P1 on time. */
	ck_assert_int_eq(w46->received, 5);
	ck_assert_int_eq(w46->with_exception, 3);
	ck_assert_int_eq(w46->shipped, 2);
	ck_assert_int_eq(w46->shipped_on_time, 1);
	ck_assert_int_eq(w46->delivered, 1);
	ck_assert_int_eq(w46->delivered_on_time, 1);
	ck_assert_int_eq(w46->perfect, 1);
	ck_assert_int_eq(w46->ship_time.median, H(2));
	ck_assert_int_eq(w46->ship_time.p90, H(72));
	ck_assert_int_eq(w46->opened, 3);
	ck_assert_int_eq(w46->resolved, 1);
	/* W45: Q1 only; W44 empty. */
	ck_assert_int_eq(r.head[1].received, 1);
	ck_assert_int_eq(r.head[1].shipped, 0);
	ck_assert_int_eq(r.head[0].received, 0);

	/* The rates as every format shows them. */
	char buf[32];
	report_figure_text(w47, FIG_ONTIME_SHIP, buf, sizeof buf);
	ck_assert_str_eq(buf, "75.0 %");
	report_figure_text(w47, FIG_ONTIME_DELIV, buf, sizeof buf);
	ck_assert_str_eq(buf, "50.0 %");
	report_figure_text(w47, FIG_EXC_RATE, buf, sizeof buf);
	ck_assert_str_eq(buf, "90.0 %");
	report_figure_text(w47, FIG_PERFECT, buf, sizeof buf);
	ck_assert_str_eq(buf, "25.0 %");
	report_figure_text(w46, FIG_EXC_RATE, buf, sizeof buf);
	ck_assert_str_eq(buf, "60.0 %");
	report_figure_change(w47, w46, FIG_EXC_RATE, buf, sizeof buf);
	ck_assert_str_eq(buf, "+30.0 pt");
	report_figure_change(w47, w46, FIG_RECEIVED, buf, sizeof buf);
	ck_assert_str_eq(buf, "+5");
	report_figure_text(&r.head[1], FIG_ONTIME_SHIP, buf, sizeof buf);
	ck_assert_str_eq(buf, "-");
	report_free(&r);
	t_desk_close(&d);
}
END_TEST

START_TEST(fixture_stage_times_and_breaches)
{
	struct desk d;
	struct report r;

	fixture(&d);
	make_report(&d, &r);
	/* new:    A1 20m, A2 95m, A5 30m, A6 100m */
	ck_assert_int_eq(r.stage_time[STAGE_NEW].n, 4);
	ck_assert_int_eq(r.stage_time[STAGE_NEW].median, MIN(30));
	ck_assert_int_eq(r.stage_time[STAGE_NEW].p90, MIN(100));
	/* review: 20m, 25m, 30m, 20m */
	ck_assert_int_eq(r.stage_time[STAGE_REVIEW].median, MIN(20));
	ck_assert_int_eq(r.stage_time[STAGE_REVIEW].p90, MIN(30));
	/* locked: 20m, 30m, 30m, 20m */
	ck_assert_int_eq(r.stage_time[STAGE_LOCKED].median, MIN(20));
	ck_assert_int_eq(r.stage_time[STAGE_LOCKED].p90, MIN(30));
	/* picking: 60m, 90m, 330m, 60m */
	ck_assert_int_eq(r.stage_time[STAGE_PICKING].median, MIN(60));
	ck_assert_int_eq(r.stage_time[STAGE_PICKING].p90, MIN(330));
	/* shipped (delivered orders P2 A1 A2 A6): 30m, 30m, 30m, 40m */
	ck_assert_int_eq(r.stage_time[STAGE_SHIPPED].n, 4);
	ck_assert_int_eq(r.stage_time[STAGE_SHIPPED].median, MIN(30));
	ck_assert_int_eq(r.stage_time[STAGE_SHIPPED].p90, MIN(40));
	/* transit: 70h30, 21h30, 74h, 23h */
	ck_assert_int_eq(r.stage_time[STAGE_TRANSIT].median, H(23));
	ck_assert_int_eq(r.stage_time[STAGE_TRANSIT].p90, H(74));
	/* Clock breaches: A5 in picking, A9 in review; none in W46. */
	ck_assert_int_eq(r.head[REPORT_CUR].breaches[STAGE_PICKING], 1);
	ck_assert_int_eq(r.head[REPORT_CUR].breaches[STAGE_REVIEW], 1);
	ck_assert_int_eq(r.head[REPORT_CUR].breaches[STAGE_NEW], 0);
	for (int s = 0; s < STAGE_COUNT; s++)
		ck_assert_int_eq(r.head[REPORT_PREV].breaches[s], 0);
	report_free(&r);
	t_desk_close(&d);
}
END_TEST

static const struct report_count *find(const struct report_list *l, const char *key)
{
	for (size_t i = 0; i < l->n; i++)
		if (strcmp(l->v[i].key, key) == 0)
			return &l->v[i];
	return NULL;
}

START_TEST(fixture_exception_breakdowns)
{
	struct desk d;
	struct report r;

	fixture(&d);
	make_report(&d, &r);
	const long *k = r.head[REPORT_CUR].by_kind, *kp = r.head[REPORT_PREV].by_kind;
	ck_assert_int_eq(k[EXKIND_NEEDS_INFO], 2);
	ck_assert_int_eq(k[EXKIND_STOCK_SHORT], 2);
	ck_assert_int_eq(k[EXKIND_LOGISTICS_DELAY], 1);
	ck_assert_int_eq(k[EXKIND_SLA_BREACH], 2);
	ck_assert_int_eq(k[EXKIND_CUSTOMER_CHANGE], 2);
	ck_assert_int_eq(k[EXKIND_DUPLICATE_SUSPECT], 1);
	ck_assert_int_eq(kp[EXKIND_NEEDS_INFO], 2);
	ck_assert_int_eq(kp[EXKIND_DUPLICATE_SUSPECT], 1);
	ck_assert_int_eq(kp[EXKIND_STOCK_SHORT], 0);
	/* By day: Mon needs_info; Tue 2 stock_short; Wed delay + breach; Thu change;
	 * Fri duplicate; Sat breach; Sun needs_info + change. */
	ck_assert_int_eq(r.by_kind_day[0][EXKIND_NEEDS_INFO], 1);
	ck_assert_int_eq(r.by_kind_day[1][EXKIND_STOCK_SHORT], 2);
	ck_assert_int_eq(r.by_kind_day[2][EXKIND_LOGISTICS_DELAY], 1);
	ck_assert_int_eq(r.by_kind_day[2][EXKIND_SLA_BREACH], 1);
	ck_assert_int_eq(r.by_kind_day[3][EXKIND_CUSTOMER_CHANGE], 1);
	ck_assert_int_eq(r.by_kind_day[4][EXKIND_DUPLICATE_SUSPECT], 1);
	ck_assert_int_eq(r.by_kind_day[5][EXKIND_SLA_BREACH], 1);
	ck_assert_int_eq(r.by_kind_day[6][EXKIND_NEEDS_INFO], 1);
	ck_assert_int_eq(r.by_kind_day[6][EXKIND_CUSTOMER_CHANGE], 1);
	long total = 0;
	for (int day = 0; day < 7; day++)
		for (int i = 0; i < EXKIND_COUNT; i++)
			total += r.by_kind_day[day][i];
	ck_assert_int_eq(total, 10);
	/* By stage: new 5 (A2 A6 A7 A8 A10), review 3 (A3 A4 A9), picking 1, transit 1. */
	ck_assert_int_eq(r.by_stage[STAGE_NEW], 5);
	ck_assert_int_eq(r.by_stage[STAGE_REVIEW], 3);
	ck_assert_int_eq(r.by_stage[STAGE_PICKING], 1);
	ck_assert_int_eq(r.by_stage[STAGE_TRANSIT], 1);
	/* By channel: EC 5, ST 3, DS 2, most first. */
	ck_assert_int_eq(r.by_channel.n, 3);
	ck_assert_str_eq(r.by_channel.v[0].key, "EC");
	ck_assert_int_eq(r.by_channel.v[0].n, 5);
	ck_assert_str_eq(r.by_channel.v[1].key, "ST");
	ck_assert_int_eq(r.by_channel.v[1].n, 3);
	ck_assert_str_eq(r.by_channel.v[2].key, "DS");
	ck_assert_int_eq(r.by_channel.v[2].n, 2);
	/* Pareto of the 6 resolved in W47: channel_data 2 (A2, P4), then one each
	 * of supplier, carrier, capacity, customer in catalogue order. */
	ck_assert_int_eq(r.ncauses, 5);
	ck_assert_str_eq(r.by_cause[0].key, "channel_data");
	ck_assert_int_eq(r.by_cause[0].n, 2);
	ck_assert_double_eq_tol(r.by_cause[0].share, 2.0 / 6, 1e-9);
	ck_assert_double_eq_tol(r.by_cause[0].cumulative, 2.0 / 6, 1e-9);
	ck_assert_str_eq(r.by_cause[1].key, "supplier");
	ck_assert_double_eq_tol(r.by_cause[1].cumulative, 3.0 / 6, 1e-9);
	ck_assert_str_eq(r.by_cause[2].key, "carrier");
	ck_assert_str_eq(r.by_cause[3].key, "capacity");
	ck_assert_str_eq(r.by_cause[4].key, "customer");
	ck_assert_double_eq_tol(r.by_cause[4].share, 1.0 / 6, 1e-9);
	ck_assert_double_eq_tol(r.by_cause[4].cumulative, 1.0, 1e-9);
	/* By handler: li 3 (90m, 24h, 46h), tester 2 (breach 90m, delay 25h30), wang 1 (60m). */
	ck_assert_int_eq(r.by_handler.n, 3);
	ck_assert_str_eq(r.by_handler.v[0].key, "li");
	ck_assert_int_eq(r.by_handler.v[0].n, 3);
	ck_assert_int_eq(r.by_handler.v[0].time.median, H(24));
	ck_assert_int_eq(r.by_handler.v[0].time.p90, H(46));
	ck_assert_str_eq(r.by_handler.v[1].key, "tester");
	ck_assert_int_eq(r.by_handler.v[1].time.median, MIN(90));
	ck_assert_int_eq(r.by_handler.v[1].time.p90, H(25) + MIN(30));
	ck_assert_str_eq(r.by_handler.v[2].key, "wang");
	ck_assert_int_eq(r.by_handler.v[2].time.median, H(1));
	/* Time to resolve per kind. */
	ck_assert_int_eq(r.resolve_time[EXKIND_NEEDS_INFO].n, 2);
	ck_assert_int_eq(r.resolve_time[EXKIND_NEEDS_INFO].median, MIN(90));
	ck_assert_int_eq(r.resolve_time[EXKIND_NEEDS_INFO].p90, H(46));
	ck_assert_int_eq(r.resolve_time[EXKIND_STOCK_SHORT].median, H(24));
	ck_assert_int_eq(r.resolve_time[EXKIND_LOGISTICS_DELAY].median, H(25) + MIN(30));
	ck_assert_int_eq(r.resolve_time[EXKIND_SLA_BREACH].median, MIN(90));
	ck_assert_int_eq(r.resolve_time[EXKIND_CUSTOMER_CHANGE].median, H(1));
	ck_assert_int_eq(r.resolve_time[EXKIND_DUPLICATE_SUSPECT].n, 0);
	/* Open at the end of W47: A8 3h30; A10 16h; A7 2d15h (resolved only in W48)
	 * and A9 37h; A3 5d14h and P5 7d11h30. */
	ck_assert_int_eq(r.open_at_end[AGE_UNDER_4H], 1);
	ck_assert_int_eq(r.open_at_end[AGE_H4_24], 1);
	ck_assert_int_eq(r.open_at_end[AGE_D1_3], 2);
	ck_assert_int_eq(r.open_at_end[AGE_OVER_3D], 2);
	ck_assert_int_eq(r.open_total, 6);
	/* Repeat offenders: SKU-B short twice, SKU-C once; EC's data errors; YTO late. */
	ck_assert_int_eq(r.short_skus.n, 2);
	ck_assert_str_eq(r.short_skus.v[0].key, "SKU-B");
	ck_assert_int_eq(r.short_skus.v[0].n, 2);
	ck_assert_str_eq(r.short_skus.v[1].key, "SKU-C");
	ck_assert_int_eq(r.short_skus.v[1].n, 1);
	ck_assert_int_eq(r.data_channels.n, 1);
	ck_assert_int_eq(find(&r.data_channels, "EC")->n, 2);
	ck_assert_int_eq(r.late_carriers.n, 1);
	ck_assert_int_eq(find(&r.late_carriers, "YTO")->n, 1);
	/* ... of the 2 orders YTO shipped in W47 (A2 Mon 14:00, A6 Thu 12:20;
	 * SF shipped A1 and A5 and had no delay, P2's SF shipment was in W46). */
	ck_assert_int_eq(find(&r.late_carriers, "YTO")->of, 2);
	ck_assert_double_eq_tol(find(&r.late_carriers, "YTO")->rate, 0.5, 1e-9);
	report_free(&r);
	t_desk_close(&d);
}
END_TEST

START_TEST(fixture_records_and_actions)
{
	struct desk d;
	struct report r;

	fixture(&d);
	make_report(&d, &r);
	/* Opened or resolved in W47: P4 (opened in W46) then the ten of W47 by opening time. */
	ck_assert_int_eq(r.nrecords, 11);
	ck_assert_str_eq(r.records[0].order_no, no_p[4]);
	ck_assert_int_eq(r.records[0].opened_at, AT(-2, 10, 30));
	ck_assert_int_eq(r.records[0].resolved_at, AT(0, 8, 30));
	ck_assert_int_eq(r.records[0].cause, CAUSE_CHANNEL_DATA);
	ck_assert_str_eq(r.records[0].resolved_by, "li");
	static const int order_of[10] = { 2, 3, 4, 5, 2, 6, 7, 9, 10, 8 };
	static const enum exkind kind_of[10] = {
		EXKIND_NEEDS_INFO, EXKIND_STOCK_SHORT, EXKIND_STOCK_SHORT, EXKIND_SLA_BREACH,
		EXKIND_LOGISTICS_DELAY, EXKIND_CUSTOMER_CHANGE, EXKIND_DUPLICATE_SUSPECT,
		EXKIND_SLA_BREACH, EXKIND_CUSTOMER_CHANGE, EXKIND_NEEDS_INFO };
	for (int i = 0; i < 10; i++) {
		ck_assert_str_eq(r.records[i + 1].order_no, no_a[order_of[i]]);
		ck_assert_int_eq(r.records[i + 1].kind, kind_of[i]);
	}
	/* A7's duplicate, opened in W47, was resolved in W48 before the report was
	 * made: its row shows that resolution (it counts as open at W47's end). */
	ck_assert_int_eq(r.records[7].resolved_at, AT(7, 10, 0));
	ck_assert_int_eq(r.records[7].cause, CAUSE_DATA_ENTRY);
	ck_assert_int_eq(r.records[2].resolved_at, 0);     /* A3's shortage: still open */
	ck_assert_int_eq(r.records[2].cause, -1);
	/* A5's breach closed by shipping: capacity, 90 minutes. */
	ck_assert_int_eq(r.records[4].cause, CAUSE_CAPACITY);
	ck_assert_int_eq(r.records[4].resolved_at - r.records[4].opened_at, MIN(90));
	/* What came of each resolution, and the resolver's note. */
	ck_assert_str_eq(r.records[0].result, "fields valid");          /* P4 needs_info */
	ck_assert_str_eq(r.records[1].result, "fields valid");          /* A2 needs_info */
	ck_assert_str_eq(r.records[2].result, "");                      /* open */
	ck_assert_str_eq(r.records[3].result, "order stays in review"); /* A4 shortage, by hand */
	ck_assert_str_eq(r.records[4].result, "completed late, now in shipped");
	ck_assert_str_eq(r.records[5].result, "delivered");             /* A2's delay */
	ck_assert_str_eq(r.records[6].result, "order stays in new");    /* A6's change */
	ck_assert_str_eq(r.records[6].note, "customer phoned, address read back");
	ck_assert_str_eq(r.records[5].note, "");
	/* Actions: 1 open and overdue, 2 done in W47, 4 open; 3 closed before W47
	 * and 5 decided in W48 are not listed. */
	ck_assert_int_eq(r.nactions, 3);
	ck_assert_str_eq(r.actions[0].week, "2026-W46");
	ck_assert_str_eq(r.actions[0].cause, "channel_data");
	ck_assert_int_eq(r.actions[0].done, 0);
	ck_assert_int_eq(r.actions[0].overdue, 1);
	ck_assert_str_eq(r.actions[1].cause, "carrier");
	ck_assert_int_eq(r.actions[1].done, 1);
	ck_assert_int_eq(r.actions[1].overdue, 0);
	ck_assert_str_eq(r.actions[2].week, "2026-W47");
	ck_assert_int_eq(r.actions[2].done, 0);
	ck_assert_int_eq(r.actions[2].overdue, 0);
	report_free(&r);
	t_desk_close(&d);
}
END_TEST

/* Where two texts first differ: writes "line N: expected ... got ..." into out
 * (each line cut at its newline, shown up to 200 bytes). */
static void first_difference(char *out, size_t size, const char *want, size_t wsize,
                             const char *got, size_t gsize)
{
	size_t i = 0, line_start = 0;
	int line = 1;

	while (i < wsize && i < gsize && want[i] == got[i]) {
		if (want[i] == '\n') {
			line++;
			line_start = i + 1;
		}
		i++;
	}
	const char *w = want + line_start, *g = got + line_start;
	size_t wl = line_start < wsize ? strcspn(w, "\n") : 0;
	size_t gl = line_start < gsize ? strcspn(g, "\n") : 0;
	if (line_start + wl > wsize)
		wl = wsize - line_start;
	if (line_start + gl > gsize)
		gl = gsize - line_start;
	snprintf(out, size, "line %d:\n  expected: %.*s%s\n  got:      %.*s%s", line,
	         (int)(wl < 200 ? wl : 200), w, line_start >= wsize ? "(end of file)" : "",
	         (int)(gl < 200 ? gl : 200), g, line_start >= gsize ? "(end of output)" : "");
}

/* Compares what a format writes with $ORDESK_TESTS/data/report/NAME; make check
 * GOLDEN=update (ORDESK_GOLDEN=update) rewrites it. */
static void golden(const struct report *r, enum report_format f, const char *name)
{
	char path[1024], diff[1024], *buf = NULL, *want = NULL;
	size_t size = 0, wsize = 0;
	FILE *mem = open_memstream(&buf, &size);

	ck_assert_ptr_nonnull(mem);
	ck_assert_int_eq(report_write(mem, r, f, 0), 0);
	fclose(mem);
	snprintf(path, sizeof path, "%s/data/report/%s", t_tests_dir(), name);
	if (t_golden_update()) {
		FILE *out = fopen(path, "w");
		ck_assert_msg(out != NULL, "cannot write golden file %s", path);
		fwrite(buf, 1, size, out);
		fclose(out);
	}
	FILE *in = fopen(path, "r");
	ck_assert_msg(in != NULL, "missing golden file %s", path);
	mem = open_memstream(&want, &wsize);
	for (int c; (c = fgetc(in)) != EOF;)
		fputc(c, mem);
	fclose(in);
	fclose(mem);
	if (size != wsize || memcmp(buf, want, size) != 0) {
		first_difference(diff, sizeof diff, want, wsize, buf, size);
		ck_abort_msg("%s differs from what the report writes now (make check GOLDEN=update "
		             "rewrites it), first at %s", path, diff);
	}
	free(buf);
	free(want);
}

static void widths_fit(const char *text, int cols)
{
	int line = 1;
	for (const char *p = text; *p; line++) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);
		char one[1024];
		text_copy(one, p, len + 1 < sizeof one ? len + 1 : sizeof one);
		ck_assert_msg(text_width(one) <= cols, "line %d is %d columns: %s", line,
		              text_width(one), one);
		p += len + (nl != NULL);
	}
}

START_TEST(fixture_golden_txt_md)
{
	struct desk d;
	struct report r;
	char *buf = NULL;
	size_t size = 0;

	fixture(&d);
	make_report(&d, &r);
	golden(&r, RFMT_TXT, "fixture-w47.txt");
	golden(&r, RFMT_MD, "fixture-w47.md");
	FILE *mem = open_memstream(&buf, &size);
	ck_assert_int_eq(report_write(mem, &r, RFMT_TXT, 0), 0);
	fclose(mem);
	widths_fit(buf, 80);
	free(buf);
	report_free(&r);
	t_desk_close(&d);
}
END_TEST

/* The HTML's day x kind chart has its numbers in a table beside the colours,
 * and the on-time trend is drawn on a scale that says where it starts.
 * ORDESK_HTML_DUMP=FILE keeps the page to look at. */
START_TEST(fixture_html_charts_have_their_numbers)
{
	struct desk d;
	struct report r;
	char *buf = NULL;
	size_t size = 0;

	fixture(&d);
	make_report(&d, &r);
	FILE *mem = open_memstream(&buf, &size);
	ck_assert_int_eq(report_write(mem, &r, RFMT_HTML, 0), 0);
	fclose(mem);
	const char *dump = getenv("ORDESK_HTML_DUMP");
	if (dump) {
		FILE *out = fopen(dump, "w");
		ck_assert_ptr_nonnull(out);
		fwrite(buf, 1, size, out);
		fclose(out);
	}
	const char *table = strstr(buf, "<table class=\"kindday\">");
	ck_assert_ptr_nonnull(table);
	ck_assert_ptr_nonnull(strstr(table, "<th>kind</th><th>Mon</th><th>Tue</th><th>Wed</th>"
	                                    "<th>Thu</th><th>Fri</th><th>Sat</th><th>Sun</th>"
	                                    "<th>total</th>"));
#define N(x) "<td class=\"n\">" #x "</td>"
	/* needs_info: A2 Monday, A8 Sunday; stock_short: A3 and A4 Tuesday;
	 * sla_breach: A5 Wednesday, A9 Saturday; logistics_delay: A2 Wednesday;
	 * customer_change: A6 Thursday, A10 Sunday; duplicate_suspect: A7 Friday. */
	ck_assert_ptr_nonnull(strstr(table, "needs_info</td>" N(1) N(0) N(0) N(0) N(0) N(0) N(1) N(2)));
	ck_assert_ptr_nonnull(strstr(table, "stock_short</td>" N(0) N(2) N(0) N(0) N(0) N(0) N(0) N(2)));
	ck_assert_ptr_nonnull(strstr(table, "<td>total</td>" N(1) N(2) N(2) N(1) N(1) N(1) N(2) N(10)));
#undef N
	/* The trend: shipped on time 50.0 % in W46 (P1 on time, P2 late) and
	 * 75.0 % in W47 (A2 late; A1 A5 A6 on time), none shipped in W44 and W45:
	 * the rate panel's scale starts at 40 and says so, with one point per
	 * period that shipped. */
	const char *trend = strstr(buf, "id=\"chart-trend\"");
	ck_assert_ptr_nonnull(trend);
	const char *scale = strstr(trend, "%, scale ");
	ck_assert_ptr_nonnull(scale);
	int lo = -1;
	ck_assert_int_eq(sscanf(scale, "%%, scale %d to 100", &lo), 1);
	int v[REPORT_TREND], n = 0;
	double lowest = 100;
	for (int i = 0; i < REPORT_TREND; i++) {
		double x = report_figure_value(&r.head[i], FIG_ONTIME_SHIP, &v[i]);
		if (v[i]) {
			n++;
			if (x < lowest)
				lowest = x;
		}
	}
	ck_assert_int_gt(n, 0);
	ck_assert_msg(lo <= lowest - 10 + 1e-9 && lo > lowest - 20 && lo % 10 == 0,
	              "scale starts at %d for a lowest value of %.1f", lo, lowest);
	ck_assert_int_eq(lo, 40);
	ck_assert_int_eq(n, 2);
	int circles = 0;
	const char *end = strstr(trend, "</svg>");
	for (const char *p = trend; (p = strstr(p, "<circle")) != NULL && p < end; p++)
		circles++;
	ck_assert_int_eq(circles, n);
	free(buf);
	report_free(&r);
	t_desk_close(&d);
}
END_TEST

START_TEST(fixture_csv_is_the_record_table)
{
	struct desk d;
	struct report r;
	char *buf = NULL;
	size_t size = 0;

	fixture(&d);
	make_report(&d, &r);
	FILE *mem = open_memstream(&buf, &size);
	ck_assert_int_eq(report_write(mem, &r, RFMT_CSV, 0), 0);
	fclose(mem);
	int lines = 0;
	for (char *p = buf; (p = strstr(p, "\r\n")) != NULL; p += 2)
		lines++;
	ck_assert_int_eq(lines, 12);
	ck_assert_ptr_nonnull(strstr(buf, "\"id\",\"order_no\",\"kind\",\"cause\",\"stage\",\"opened_at\","
	                                  "\"opened_by\",\"description\",\"action\",\"result\","
	                                  "\"resolved_at\",\"resolved_by\",\"minutes_to_resolve\","
	                                  "\"note\"\r\n"));
	/* P4's row: opened 2026-11-14 10:30, resolved 2026-11-16 08:30, 2760 minutes. */
	ck_assert_ptr_nonnull(strstr(buf, "\"channel_data\",\"new\",\"2026-11-14 10:30\",\"tester\","
	                                  "\"address unreadable\",\"address asked again\","
	                                  "\"fields valid\",\"2026-11-16 08:30\",\"li\",\"2760\","
	                                  "\"\"\r\n"));
	/* A6's change: its outcome and the resolver's note, last. */
	ck_assert_ptr_nonnull(strstr(buf, "\"address updated\",\"order stays in new\","
	                                  "\"2026-11-19 10:30\",\"wang\",\"60\","
	                                  "\"customer phoned, address read back\"\r\n"));
	free(buf);
	report_free(&r);
	t_desk_close(&d);
}
END_TEST

START_TEST(untrusted_text_is_cleaned_in_every_format)
{
	struct desk d;
	struct report r;
	char no[40];

	t_desk_open(&d, ROLE_SUPERVISOR, AT(0, 9, 0));
	order(&d, AT(0, 9, 0), "EC", "X1", 0, "SKU-A:1", no, sizeof no);
	raise(&d, AT(0, 9, 10), no, "customer_change",
	      "<script>alert(1)</script> \x1b[31mred\x1b[0m | *bold* \xe2\x80\xae");
	d.fixed_now = AT(7, 9, 0);
	make_report(&d, &r);
	for (int f = 0; f < RFMT_COUNT; f++) {
		char *buf = NULL;
		size_t size = 0;
		FILE *mem = open_memstream(&buf, &size);
		ck_assert_int_eq(report_write(mem, &r, (enum report_format)f, 0), 0);
		fclose(mem);
		ck_assert_msg(!strchr(buf, '\x1b'), "escape reached %s", report_format_name(f));
		ck_assert_msg(!strstr(buf, "\xe2\x80\xae"), "bidi override reached %s",
		              report_format_name(f));
		if (f == RFMT_HTML) {
			ck_assert_ptr_null(strstr(buf, "<script"));
			ck_assert_ptr_nonnull(strstr(buf, "&lt;script&gt;"));
		}
		if (f == RFMT_MD)
			ck_assert_ptr_nonnull(strstr(buf, "\\| \\*bold\\*"));
		free(buf);
	}
	report_free(&r);
	t_desk_close(&d);
}
END_TEST

START_TEST(daily_summary_of_a_day)
{
	struct desk d;
	struct report r;
	struct report_period p;

	fixture(&d);
	report_period_day(&p, calendar_day(AT(1, 12, 0)));
	ck_assert_str_eq(p.label, "2026-11-17");
	ck_assert_int_eq(desk_report(&d, &p, &r), ST_OK);
	ck_assert_str_eq(r.period[REPORT_PREV].label, "2026-11-16");
	/* Tuesday: A3 and A4 received, both short; A1 delivered; nothing resolved. */
	ck_assert_int_eq(r.head[REPORT_CUR].received, 2);
	ck_assert_int_eq(r.head[REPORT_CUR].with_exception, 2);
	ck_assert_int_eq(r.head[REPORT_CUR].opened, 2);
	ck_assert_int_eq(r.head[REPORT_CUR].by_kind[EXKIND_STOCK_SHORT], 2);
	ck_assert_int_eq(r.head[REPORT_CUR].resolved, 0);
	ck_assert_int_eq(r.head[REPORT_CUR].delivered, 1);
	ck_assert_int_eq(r.nrecords, 2);
	/* Open at Tuesday's end: P5 (2d11h30), A3 (14h), A4 (12h40). */
	ck_assert_int_eq(r.open_total, 3);
	ck_assert_int_eq(r.open_at_end[AGE_H4_24], 2);
	ck_assert_int_eq(r.open_at_end[AGE_D1_3], 1);
	/* Monday before it: P4 and A2's needs_info resolved, A2's opened. */
	ck_assert_int_eq(r.head[REPORT_PREV].resolved, 2);
	ck_assert_int_eq(r.head[REPORT_PREV].opened, 1);
	report_free(&r);
	t_desk_close(&d);
}
END_TEST

/* A day still running is counted up to now, against the same hours of the
 * day before, and ages are measured now, not at a midnight to come. */
START_TEST(a_running_day_is_measured_now)
{
	struct desk d;
	struct report r;
	struct report_period p;

	fixture(&d);
	d.fixed_now = AT(1, 10, 0);               /* Tuesday 10:00 */
	report_period_day(&p, calendar_day(AT(1, 12, 0)));
	ck_assert_int_eq(desk_report(&d, &p, &r), ST_OK);
	ck_assert_int_eq(r.partial, 1);
	ck_assert_int_eq(r.elapsed, 10 * 3600);
	ck_assert_int_eq(r.period[REPORT_CUR].end, AT(1, 10, 0) + 1);
	ck_assert_int_eq(r.period[REPORT_PREV].end, AT(0, 10, 0) + 1);
	/* Tuesday to 10:00, that minute's second included: A3 received, A1 delivered,
	 * A3's shortage found at 10:00 (A4 comes at 11:00). */
	ck_assert_int_eq(r.head[REPORT_CUR].received, 1);
	ck_assert_int_eq(r.head[REPORT_CUR].delivered, 1);
	ck_assert_int_eq(r.head[REPORT_CUR].opened, 1);
	/* Monday to 10:00: A1 received and A2 at 10:00, P4's needs_info resolved. */
	ck_assert_int_eq(r.head[REPORT_PREV].received, 2);
	ck_assert_int_eq(r.head[REPORT_PREV].resolved, 1);
	ck_assert_int_eq(r.head[REPORT_PREV].opened, 0);
	/* Open now: P5's duplicate_suspect, 1d21h30 old (at midnight it would be
	 * 2d11h30), and A3's shortage, just found (at midnight: 14h). */
	ck_assert_int_eq(r.open_total, 2);
	ck_assert_int_eq(r.open_at_end[AGE_D1_3], 1);
	ck_assert_int_eq(r.open_at_end[AGE_UNDER_4H], 1);

	char *buf = NULL;
	size_t size = 0;
	FILE *mem = open_memstream(&buf, &size);
	ck_assert_int_eq(report_write(mem, &r, RFMT_TXT, 0), 0);
	fclose(mem);
	ck_assert_ptr_nonnull(strstr(buf, "2026-11-17, so far: to 2026-11-17 10:00"));
	ck_assert_ptr_nonnull(strstr(buf, "counted over its first 10h00"));
	free(buf);
	report_free(&r);

	/* A day to come is refused; an ended one is whole. */
	report_period_day(&p, calendar_day(AT(2, 12, 0)));
	ck_assert_int_eq(desk_report(&d, &p, &r), ST_USAGE);
	ck_assert_ptr_nonnull(strstr(desk_message(&d), "has not begun"));
	report_period_day(&p, calendar_day(AT(0, 12, 0)));
	ck_assert_int_eq(desk_report(&d, &p, &r), ST_OK);
	ck_assert_int_eq(r.partial, 0);
	ck_assert_int_eq(r.period[REPORT_CUR].end, AT(1, 0, 0));
	report_free(&r);
	t_desk_close(&d);
}
END_TEST

/* On-time delivery keeps the first promise: a delivery after the transit
 * clock it entered transit with is late, even when a new time was agreed
 * and kept; that one counts in the second figure, the agreed time. */
START_TEST(on_time_delivery_keeps_the_first_promise)
{
	struct desk d;
	struct report r;
	struct report_period p;
	char d1[40], d2[40];

	t_desk_open(&d, ROLE_SUPERVISOR, AT(0, 8, 0));
	sql(&d, "INSERT INTO products (sku) VALUES ('SKU-A');"
	        "INSERT INTO stock (sku, warehouse, on_hand) VALUES ('SKU-A', 'MAIN', 10);");
	order(&d, AT(0, 9, 0), "EC", "D1", 0, "SKU-A:1", d1, sizeof d1);
	order(&d, AT(0, 9, 0), "EC", "D2", 0, "SKU-A:1", d2, sizeof d2);
	for (int i = 0; i < 5; i++) {
		advance(&d, AT(0, 10, i * 5), d1, i == 3 ? "SF" : NULL);
		advance(&d, AT(0, 10, i * 5), d2, i == 3 ? "SF" : NULL);
	}
	/* Both in transit at 10:20 Monday: the 48 h clock runs to Wednesday 10:20. */
	long long e = raise(&d, AT(1, 9, 0), d1, "logistics_delay", "stuck at the hub");
	struct resolve_req req = { .id = e, .cause = "carrier", .how = RESOLVE_NEW_ETA,
	                           .eta = AT(3, 12, 0) };
	d.fixed_now = AT(1, 10, 0);
	ck_assert_msg(desk_exception_resolve(&d, &req) == ST_OK, "%s", desk_message(&d));
	advance(&d, AT(1, 12, 0), d2, NULL);             /* on time */
	advance(&d, AT(2, 18, 0), d1, NULL);             /* late, but by the agreed time */

	d.fixed_now = AT(7, 10, 0);
	desk_report_last_week(&d, &p);
	ck_assert_int_eq(desk_report(&d, &p, &r), ST_OK);
	const struct report_head *h = &r.head[REPORT_CUR];
	ck_assert_int_eq(h->delivered, 2);
	ck_assert_int_eq(h->delivered_on_time, 1);
	ck_assert_int_eq(h->delivered_on_agreed, 2);
	ck_assert_int_eq(h->perfect, 1);
	char buf[32];
	report_figure_text(h, FIG_ONTIME_DELIV, buf, sizeof buf);
	ck_assert_str_eq(buf, "50.0 %");
	report_figure_text(h, FIG_ONTIME_AGREED, buf, sizeof buf);
	ck_assert_str_eq(buf, "100.0 %");
	report_free(&r);
	t_desk_close(&d);
}
END_TEST

START_TEST(viewer_reads_reports_but_not_edits_actions)
{
	struct desk d;
	struct report r;
	struct report_period p;
	struct review_req req = { "2026-W47", "carrier", "call YTO", "li", "2026-11-30" };

	t_desk_open(&d, ROLE_VIEWER, AT(7, 9, 0));
	desk_report_last_week(&d, &p);
	ck_assert_int_eq(desk_report(&d, &p, &r), ST_OK);
	report_free(&r);
	ck_assert_int_eq(desk_review_add(&d, &req, NULL), ST_DENIED);
	t_desk_set_role(&d, ROLE_CLERK);
	ck_assert_int_eq(desk_review_add(&d, &req, NULL), ST_DENIED);
	t_desk_close(&d);
}
END_TEST

static int count_review_events(const struct event_row *e, void *arg)
{
	(void)e;
	(*(int *)arg)++;
	return 0;
}

struct seen {
	int n, open, overdue;
};

static int see_action(const struct rep_action_row *a, void *arg)
{
	struct seen *s = arg;
	s->n++;
	s->open += !a->done;
	return 0;
}

START_TEST(review_actions_add_done_list_with_events)
{
	struct desk d;
	long long id = 0, id2 = 0;
	struct seen all = { 0 }, open = { 0 };
	struct review_req req = { "2026-W47", "carrier", "call YTO weekly", "li", "2026-11-30" };
	struct review_req bad = req;

	t_desk_open(&d, ROLE_SUPERVISOR, AT(7, 9, 0));
	add_users(&d);
	ck_assert_int_eq(desk_review_add(&d, &req, &id), ST_OK);
	ck_assert_int_eq(id, 1);
	bad.week = "2027-W53";
	ck_assert_int_eq(desk_review_add(&d, &bad, NULL), ST_USAGE);
	ck_assert_ptr_nonnull(strstr(desk_message(&d), "2027-W53"));
	bad = req;
	bad.cause = "weather";
	ck_assert_int_eq(desk_review_add(&d, &bad, NULL), ST_USAGE);
	bad = req;
	bad.due = "2026-11-31";
	ck_assert_int_eq(desk_review_add(&d, &bad, NULL), ST_USAGE);
	bad = req;
	bad.action = "  ";
	ck_assert_int_eq(desk_review_add(&d, &bad, NULL), ST_USAGE);
	req.due = "2026-11-23";                 /* today will do */
	ck_assert_int_eq(desk_review_add(&d, &req, &id2), ST_OK);
	ck_assert_int_eq(desk_review_done(&d, id, ""), ST_USAGE);
	ck_assert_int_eq(desk_review_done(&d, id, "done and dusted"), ST_OK);
	ck_assert_int_eq(desk_review_done(&d, id, "again"), ST_REFUSED);
	ck_assert_int_eq(desk_review_done(&d, 99, "none"), ST_REFUSED);
	ck_assert_int_eq(desk_review_list(&d, 0, see_action, &all), ST_OK);
	ck_assert_int_eq(desk_review_list(&d, 1, see_action, &open), ST_OK);
	ck_assert_int_eq(all.n, 2);
	ck_assert_int_eq(open.n, 1);
	struct rep_action_row row = { .done = 0, .due = "2026-11-20" };
	ck_assert_int_eq(desk_review_overdue(&d, &row), 1);
	row.due = "2026-11-23";
	ck_assert_int_eq(desk_review_overdue(&d, &row), 0);
	/* Three events: two adds and one done (entity review, no order). */
	int n = 0;
	sqlite3_stmt *st;
	ck_assert_int_eq(sqlite3_prepare_v2(store_db(d.store),
	                 "SELECT count(*) FROM events WHERE entity = 'review'", -1, &st, NULL), SQLITE_OK);
	ck_assert_int_eq(sqlite3_step(st), SQLITE_ROW);
	n = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	ck_assert_int_eq(n, 3);
	(void)count_review_events;
	t_desk_close(&d);
}
END_TEST

/* A delay of a carrier, opened in the reported period. */
static void delay(struct report *r, long long id, const char *carrier, time_t at)
{
	struct rep_exc_row row = { .id = id, .order_no = "O", .channel = "EC", .carrier = carrier,
	                           .kind = EXKIND_LOGISTICS_DELAY, .stage = STAGE_TRANSIT,
	                           .cause = -1, .opened_at = at, .opened_by = "li",
	                           .description = "late", .detail = "", .action = "", .result = "",
	                           .resolved_by = "" };
	ck_assert_int_eq(report_add_exception(r, REPORT_CUR, &row), 0);
}

/* Carriers most delayed: delays over the orders each shipped, by rate, ties by count. */
START_TEST(carriers_ranked_by_rate_not_count)
{
	struct report r;
	struct report_period p;
	static const struct { const char *carrier; int delays; long shipped; } in[] = {
		{ "BIG", 3, 30 },     /* 10 %, the most delays */
		{ "ONE", 1, 4 },      /* 25 %, one delay */
		{ "TWO", 2, 8 },      /* 25 %, two delays: before ONE */
		{ "BAD", 1, 2 },      /* 50 % */
		{ "", 1, 0 },         /* shipped nothing in the week: last */
		{ "SF", 0, 50 },      /* no delay: not listed */
	};
	long long id = 1;

	report_period_week(&p, 2026, 47);
	ck_assert_int_eq(report_init(&r, &p, AT(7, 9, 0), "s", "t"), 0);
	for (size_t i = 0; i < sizeof in / sizeof in[0]; i++) {
		for (int k = 0; k < in[i].delays; k++)
			delay(&r, id++, in[i].carrier, AT(1, 9, 0) + k);
		if (in[i].shipped)
			ck_assert_int_eq(report_add_carrier_shipped(&r, in[i].carrier, in[i].shipped), 0);
	}
	ck_assert_int_eq(report_finish(&r), 0);
	ck_assert_int_eq(r.late_carriers.n, 5);
	ck_assert_str_eq(r.late_carriers.v[0].key, "BAD");
	ck_assert_str_eq(r.late_carriers.v[1].key, "TWO");
	ck_assert_str_eq(r.late_carriers.v[2].key, "ONE");
	ck_assert_str_eq(r.late_carriers.v[3].key, "BIG");
	ck_assert_str_eq(r.late_carriers.v[4].key, "(none)");
	ck_assert_int_eq(r.late_carriers.v[3].n, 3);
	ck_assert_int_eq(r.late_carriers.v[3].of, 30);
	ck_assert_int_eq(r.late_carriers.v[4].of, 0);
	report_free(&r);
}
END_TEST

/* An owner must be a user of the store, and a due date today or later. */
START_TEST(review_add_refuses_unknown_owner_and_past_due)
{
	struct desk d;
	struct review_req req = { "2026-W47", "carrier", "call YTO weekly", "li", "2026-11-30" };
	int n;
	sqlite3_stmt *st;

	t_desk_open(&d, ROLE_SUPERVISOR, AT(7, 9, 0));    /* Monday 2026-11-23 */
	add_users(&d);
	req.owner = "nobody";
	ck_assert_int_eq(desk_review_add(&d, &req, NULL), ST_USAGE);
	ck_assert_ptr_nonnull(strstr(desk_message(&d), "nobody"));
	ck_assert_ptr_nonnull(strstr(desk_message(&d), "not a user"));
	req.owner = "li";
	req.due = "2026-11-22";
	ck_assert_int_eq(desk_review_add(&d, &req, NULL), ST_USAGE);
	ck_assert_ptr_nonnull(strstr(desk_message(&d), "2026-11-22"));
	ck_assert_ptr_nonnull(strstr(desk_message(&d), "past"));
	req.due = "2026-11-23";
	ck_assert_int_eq(desk_review_add(&d, &req, NULL), ST_OK);
	req.owner = "wang";
	req.due = "2027-01-04";
	ck_assert_int_eq(desk_review_add(&d, &req, NULL), ST_OK);
	/* Nothing was stored for the refused ones. */
	ck_assert_int_eq(sqlite3_prepare_v2(store_db(d.store), "SELECT count(*) FROM review_actions",
	                                    -1, &st, NULL), SQLITE_OK);
	ck_assert_int_eq(sqlite3_step(st), SQLITE_ROW);
	n = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	ck_assert_int_eq(n, 2);
	t_desk_close(&d);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("report");
	TCase *tc = tcase_create("fixture week");

	setenv("TZ", "UTC", 1);
	tzset();
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, fixture_headline_figures);
	tcase_add_test(tc, fixture_stage_times_and_breaches);
	tcase_add_test(tc, fixture_exception_breakdowns);
	tcase_add_test(tc, fixture_records_and_actions);
	tcase_add_test(tc, fixture_golden_txt_md);
	tcase_add_test(tc, fixture_csv_is_the_record_table);
	tcase_add_test(tc, fixture_html_charts_have_their_numbers);
	tcase_add_test(tc, untrusted_text_is_cleaned_in_every_format);
	tcase_add_test(tc, daily_summary_of_a_day);
	tcase_add_test(tc, a_running_day_is_measured_now);
	tcase_add_test(tc, on_time_delivery_keeps_the_first_promise);
	tcase_add_test(tc, viewer_reads_reports_but_not_edits_actions);
	tcase_add_test(tc, review_actions_add_done_list_with_events);
	tcase_add_test(tc, review_add_refuses_unknown_owner_and_past_due);
	tcase_add_test(tc, carriers_ranked_by_rate_not_count);
	suite_add_tcase(s, tc);
	return t_run(s);
}
