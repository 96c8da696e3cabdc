/* store/: the queries that run once per order of an import, per move or per
 * screen read the index meant for them.  Each is found among the statements
 * the store really prepared (its own SQL text, not a copy), and every table
 * its plan reads must be read through the index named here.  "Uses an index"
 * is not enough: an order's exceptions looked up on the (kind, opened_at)
 * index walk every open exception of that kind. */
#include "support.h"
#include "ordesk/clock.h"
#include "ordesk/desk_admin.h"
#include "ordesk/store_escalation.h"
#include "ordesk/store_exception.h"
#include "ordesk/store_ingest.h"
#include "ordesk/store_order.h"
#include "ordesk/store_report.h"
#include "ordesk/store_stock.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NOW T_MONDAY_0900

static void exec_sql(struct desk *d, const char *sql)
{
	char *err = NULL;
	int rc = sqlite3_exec(store_db(d->store), sql, NULL, NULL, &err);
	ck_assert_msg(rc == SQLITE_OK, "%s: %s", sql, err ? err : "");
	sqlite3_free(err);
}

/*
 * A query, found by a piece of its text, and what its plan reads: each
 * "table=index" (the table by its name or alias in the query; "INTEGER
 * PRIMARY KEY" for the rowid, "PRIMARY KEY" for a table without one) with,
 * after a '|', keys the search must use.
 */
struct plan {
	const char *needle;
	const char *reads[4];
};

static const struct plan plans[] = {
	/* the weekly report: orders each carrier shipped in the week */
	{ "t_shipped < ?2 GROUP BY carrier", { "orders=orders_shipped|t_shipped>? AND t_shipped<?" } },
	/* import, per flagged order; a raise anywhere */
	{ "FROM exceptions WHERE order_id = ?1 AND kind = ?2 AND status = 'open'",
	  { "exceptions=exceptions_order_open|order_id=? AND kind=?" } },
	/* import, per order */
	{ "FROM orders WHERE channel = ?1 AND channel_ref = ?2",
	  { "orders=sqlite_autoindex_orders_2|channel=? AND channel_ref=?" } },
	{ "SELECT 1 FROM products WHERE sku = ?1", { "products=sqlite_autoindex_products_1|sku=?" } },
	{ "SELECT 1 FROM orders WHERE phone = ?1",
	  { "orders=orders_phone|phone=? AND ordered_at>? AND ordered_at<?" } },
	{ "SELECT o.id, o.order_no FROM orders o WHERE o.phone = ?1",
	  { "o=orders_phone|phone=? AND ordered_at>? AND ordered_at<?",
	    "order_lines=sqlite_autoindex_order_lines_1|order_id=?" } },
	/* a stage move closing the order's exceptions; the order's screen */
	{ "WHERE e.order_id = ?2 AND e.status = 'open'",
	  { "e=exceptions_order|order_id=?", "o=INTEGER PRIMARY KEY" } },
	{ "WHERE e.order_id = ?2 AND (?1 IS NULL",
	  { "e=exceptions_order|order_id=?", "o=INTEGER PRIMARY KEY" } },
	{ "FROM exceptions WHERE order_id = ?1 ORDER BY opened_at", { "exceptions=exceptions_order|order_id=?" } },
	{ "FROM exceptions WHERE order_id = ?1 AND kind = 'stock_short'",
	  { "exceptions=exceptions_order|order_id=?" } },
	{ "FROM order_lines WHERE order_id = ?1 ORDER BY line_no",
	  { "order_lines=sqlite_autoindex_order_lines_1|order_id=?" } },
	{ "FROM events WHERE order_id = ?1 ORDER BY at", { "events=events_order|order_id=?" } },
	{ "FROM stock_locks WHERE order_id = ?1 AND state = 'active' GROUP BY",
	  { "stock_locks=stock_locks_order|order_id=?" } },
	/* the sweep: one range per stage, one probe per candidate */
	{ "FROM orders WHERE stage = ?1 AND due_at > 0 AND due_at <= ?2",
	  { "orders=orders_due|stage=? AND due_at>? AND due_at<?", "x=sqlite_autoindex_exceptions_1|breach_key=?" } },
	{ "FROM exceptions e WHERE e.status = 'open' AND e.kind = ?1 AND NOT EXISTS",
	  { "e=exceptions_open|kind=?", "x=sqlite_autoindex_escalations_1|dedupe_key=?" } },
	/* an import reads each channel's orders of today and the 28 days before */
	{ "FROM channel_days WHERE channel = ?1 AND day >= ?2",
	  { "channel_days=PRIMARY KEY|channel=? AND day>? AND day<?" } },
	/* a low-stock alert counts that stock row's earlier ones */
	{ "FROM escalations WHERE kind = 'low_stock' AND sku = ?1",
	  { "escalations=escalations_stock|sku=? AND warehouse=?" } },
	{ NULL, { NULL } },
};

/* The table a plan line reads ("SEARCH e USING ..." -> "e"), or "" for none. */
static void plan_table(const char *detail, char *out, size_t size)
{
	const char *p = NULL;
	size_t n = 0;

	out[0] = '\0';
	if (strncmp(detail, "SEARCH ", 7) == 0)
		p = detail + 7;
	else if (strncmp(detail, "SCAN ", 5) == 0)
		p = detail + 5;
	if (!p || *p == '(' || strstr(p, "CONSTANT ROW"))
		return;   /* a subquery's or a VALUES list's rows */
	while (p[n] && p[n] != ' ' && n + 1 < size)
		n++;
	memcpy(out, p, n);
	out[n] = '\0';
}

/* Checks one plan line against what the query may read; marks what it met. */
static void check_line(const struct plan *pl, const char *sql, const char *detail, int *met)
{
	char table[64];
	int found = 0;

	plan_table(detail, table, sizeof table);
	if (!*table)
		return;
	for (int i = 0; i < 4 && pl->reads[i]; i++) {
		const char *r = pl->reads[i], *eq = strchr(r, '='), *bar = strchr(r, '|');
		if (strlen(table) != (size_t)(eq - r) || strncmp(r, table, strlen(table)) != 0)
			continue;
		char index[96], keys[128] = "", want[128];
		size_t il = (size_t)((bar ? bar : r + strlen(r)) - (eq + 1));
		snprintf(index, sizeof index, "%.*s", (int)il, eq + 1);
		if (bar)
			snprintf(keys, sizeof keys, "(%s)", bar + 1);
		if (strcmp(index, "INTEGER PRIMARY KEY") == 0)
			snprintf(want, sizeof want, "USING INTEGER PRIMARY KEY ");
		else if (strcmp(index, "PRIMARY KEY") == 0)   /* of a table WITHOUT ROWID */
			snprintf(want, sizeof want, "USING PRIMARY KEY ");
		else
			snprintf(want, sizeof want, " INDEX %s ", index);
		ck_assert_msg(strstr(detail, want) != NULL, "%s is read with %s, not %s\n  in %s", table, detail,
		              index, sql);
		ck_assert_msg(!*keys || strstr(detail, keys) != NULL, "%s: %s does not search %s\n  in %s", table,
		              detail, keys, sql);
		met[i] = found = 1;
	}
	ck_assert_msg(found, "the plan reads %s, which the query should not: %s\n  in %s", table, detail, sql);
}

/* Runs EXPLAIN QUERY PLAN over every prepared statement whose text holds a
 * plan's needle; each plan must have been prepared and read as it says. */
static void check_plans(struct desk *d)
{
	sqlite3 *db = store_db(d->store);

	for (const struct plan *pl = plans; pl->needle; pl++) {
		int seen = 0;
		for (sqlite3_stmt *st = sqlite3_next_stmt(db, NULL); st; st = sqlite3_next_stmt(db, st)) {
			const char *sql = sqlite3_sql(st);
			if (!sql || !strstr(sql, pl->needle) || strncmp(sql, "EXPLAIN", 7) == 0)
				continue;
			char *eqp = sqlite3_mprintf("EXPLAIN QUERY PLAN %s", sql);
			sqlite3_stmt *q;
			int met[4] = { 0 };
			ck_assert_int_eq(sqlite3_prepare_v2(db, eqp, -1, &q, NULL), SQLITE_OK);
			sqlite3_free(eqp);
			while (sqlite3_step(q) == SQLITE_ROW)
				check_line(pl, sql, (const char *)sqlite3_column_text(q, 3), met);
			sqlite3_finalize(q);
			for (int i = 0; i < 4 && pl->reads[i]; i++)
				ck_assert_msg(met[i], "the plan does not read %s\n  in %s", pl->reads[i], sql);
			seen++;
		}
		ck_assert_msg(seen > 0, "no prepared statement holds \"%s\": the test no longer runs it", pl->needle);
	}
}

/* Two orders with the same phone and an open needs_info on the first. */
static void orders(struct desk *d)
{
	char sql[1024];

	for (int i = 1; i <= 2; i++) {
		snprintf(sql, sizeof sql,
		         "INSERT INTO orders (id, order_no, channel, channel_ref, ordered_at, received_at, stage_at, "
		         "due_at, phone) VALUES (%d, '20261116-EC-%04d', 'EC', 'R%d', %ld, %ld, %ld, %ld, "
		         "'+44 20 7946 0000')",
		         i, i, i, (long)NOW - 600, (long)NOW - 600, (long)NOW - 600, (long)NOW - 60);
		exec_sql(d, sql);
	}
	snprintf(sql, sizeof sql, "INSERT INTO exceptions (order_id, kind, stage, opened_at, opened_by) "
	         "VALUES (1, 'needs_info', 'new', %ld, 'tester')", (long)NOW);
	exec_sql(d, sql);
}

static int stop_exc(const struct exception_rec *e, void *arg)
{
	(void)e;
	(void)arg;
	return 0;
}

static int stop_row(const struct exception_row *r, void *arg)
{
	(void)r;
	(void)arg;
	return 0;
}

static int stop_count(const char *key, long n, void *arg)
{
	(void)key;
	(void)n;
	(void)arg;
	return 0;
}

static int stop_event(const struct event_row *e, void *arg)
{
	(void)e;
	(void)arg;
	return 0;
}

START_TEST(hot_queries_read_their_own_index)
{
	struct desk d;
	struct exception_rec e;
	struct exception_filter f = { .open_only = 1, .kind = -1, .order_id = 1 };
	struct overdue_order over[4];
	struct order_line lines[4];
	struct stock_lock_sum locks[4];
	struct ingest_found found;
	struct ingest_batch *b = store_ingest_batch_new();
	long long other;
	long count;
	char other_no[48];
	int n, known;

	t_desk_open(&d, ROLE_CLERK, NOW);
	orders(&d);
	ck_assert_int_eq(store_exception_find_open(d.store, 1, EXKIND_NEEDS_INFO, &e), ST_OK);
	ck_assert_int_ne(e.id, 0);
	ck_assert_int_eq(store_ingest_find(d.store, b, "EC", "R1", &found), ST_OK);
	ck_assert_int_eq(store_ingest_product_known(d.store, "MUG-01", &known), ST_OK);
	ck_assert_int_eq(store_ingest_duplicate(d.store, b, "+44 20 7946 0000", 2, NOW - 3600, NOW, "", &other,
	                                        other_no, sizeof other_no), ST_OK);
	ck_assert_int_eq(store_exception_each(d.store, &f, stop_row, NULL), ST_OK);
	f.open_only = 0;
	ck_assert_int_eq(store_exception_each(d.store, &f, stop_row, NULL), ST_OK);
	ck_assert_int_eq(store_exception_each_of_order(d.store, 1, stop_exc, NULL), ST_OK);
	ck_assert_int_eq(store_stock_short_open(d.store, 1, &other, 1, &n), ST_OK);
	ck_assert_int_eq(store_order_lines(d.store, 1, lines, 4, &n), ST_OK);
	ck_assert_int_eq(store_order_events(d.store, 1, stop_event, NULL), ST_OK);
	ck_assert_int_eq(store_stock_locks_of(d.store, 1, locks, 4, &n), ST_OK);
	ck_assert_int_eq(store_exception_overdue(d.store, STAGE_NEW, NOW, over, 4, &n), ST_OK);
	ck_assert_int_eq(store_exception_unescalated(d.store, EXKIND_NEEDS_INFO, "needs_info_overdue", stop_exc,
	                                             NULL), ST_OK);
	ck_assert_int_eq(store_stock_low_alert(d.store, "MUG-01", "MAIN", NOW, "low"), ST_OK);
	ck_assert_int_eq(store_ingest_count(d.store, "EC", 20000, 20001, &count), ST_OK);
	ck_assert_int_eq(store_report_shipped_carriers(d.store, NOW - 86400, NOW, stop_count, NULL), ST_OK);
	check_plans(&d);
	store_ingest_batch_free(b);
	t_desk_close(&d);
}
END_TEST

/* The VM steps find_open took the last time it ran. */
static int find_open_steps(struct desk *d, long long order_id)
{
	struct exception_rec e;
	sqlite3 *db = store_db(d->store);

	ck_assert_int_eq(store_exception_find_open(d->store, order_id, EXKIND_NEEDS_INFO, &e), ST_OK);
	ck_assert_int_ne(e.id, 0);
	for (sqlite3_stmt *st = sqlite3_next_stmt(db, NULL); st; st = sqlite3_next_stmt(db, st))
		if (strstr(sqlite3_sql(st), "WHERE order_id = ?1 AND kind = ?2"))
			return sqlite3_stmt_status(st, SQLITE_STMTSTATUS_VM_STEP, 1);
	ck_abort_msg("find_open prepared no statement");
	return 0;
}

static void flagged_orders(struct desk *d, int from, int to)
{
	char sql[1024];

	snprintf(sql, sizeof sql,
	         "WITH RECURSIVE n(i) AS (SELECT %d UNION ALL SELECT i + 1 FROM n WHERE i < %d) "
	         "INSERT INTO orders (id, order_no, channel, channel_ref, ordered_at, received_at, stage_at) "
	         "SELECT i, printf('20261116-EC-%%05d', i), 'EC', 'R' || i, %ld, %ld, %ld FROM n; "
	         "WITH RECURSIVE n(i) AS (SELECT %d UNION ALL SELECT i + 1 FROM n WHERE i < %d) "
	         "INSERT INTO exceptions (order_id, kind, stage, opened_at, opened_by) "
	         "SELECT i, 'needs_info', 'new', %ld + i, 'tester' FROM n",
	         from, to, (long)NOW, (long)NOW, (long)NOW, from, to, (long)NOW);
	exec_sql(d, sql);
}

/* What the import does for each flagged order costs the same whether a few
 * or thousands of other orders are open with the same kind. */
START_TEST(an_orders_open_exception_is_found_among_its_own)
{
	struct desk d;

	t_desk_open(&d, ROLE_CLERK, NOW);
	flagged_orders(&d, 1, 10);
	/* the last opened, which a walk in opening order meets last */
	int few = find_open_steps(&d, 10);
	flagged_orders(&d, 11, 3000);
	int many = find_open_steps(&d, 3000);
	ck_assert_msg(many <= few + 8, "%d steps among 3000 open, %d among 10", many, few);
	t_desk_close(&d);
}
END_TEST

/* The VM steps of the last count of a channel's orders of a day. */
static int count_steps(struct desk *d, long day, long *n)
{
	sqlite3 *db = store_db(d->store);

	ck_assert_int_eq(store_ingest_count(d->store, "EC", day, day + 1, n), ST_OK);
	for (sqlite3_stmt *st = sqlite3_next_stmt(db, NULL); st; st = sqlite3_next_stmt(db, st))
		if (strstr(sqlite3_sql(st), "channel_days"))
			return sqlite3_stmt_status(st, SQLITE_STMTSTATUS_VM_STEP, 1);
	ck_abort_msg("store_ingest_count prepared no statement");
	return 0;
}

/* Puts n orders of a channel received at a time, counted as the store's code counts them. */
static void received(struct desk *d, const char *channel, int n, time_t at)
{
	char sql[1024];

	ck_assert_int_eq(store_begin(d->store), ST_OK);
	ck_assert_int_eq(store_order_counted(d->store, STAGE_NEW, channel, at, at, 0, n), ST_OK);
	ck_assert_int_eq(store_commit(d->store), ST_OK);
	snprintf(sql, sizeof sql,
	         "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < %d) "
	         "INSERT INTO orders (order_no, channel, channel_ref, ordered_at, received_at, stage_at) "
	         "SELECT strftime('%%Y%%m%%d-', %ld, 'unixepoch') || printf('%s-%%05d', i), '%s', "
	         "'%ld-' || i, %ld, %ld, %ld FROM n",
	         n, (long)at, channel, channel, (long)at, (long)at, (long)at, (long)at);
	exec_sql(d, sql);
}

/* An import counts a channel's orders of the day and of the 28 days before
 * (the surge rule) without reading the orders themselves: neither the other
 * channels' of those days nor the channel's own of the days before. */
START_TEST(a_channels_day_is_counted_without_the_others)
{
	struct desk d;
	long day = calendar_day(NOW), n;

	t_desk_open(&d, ROLE_CLERK, NOW);
	received(&d, "EC", 10, NOW);
	int few = count_steps(&d, day, &n);
	ck_assert_int_eq(n, 10);
	received(&d, "DS", 3000, NOW);               /* another channel, the same day */
	received(&d, "EC", 3000, NOW - 100 * 86400L);   /* the channel, long ago */
	int many = count_steps(&d, day, &n);
	ck_assert_int_eq(n, 10);
	ck_assert_msg(many <= few + 8, "%d steps beside 6000 other orders, %d alone", many, few);
	ck_assert_int_eq(desk_check(&d), ST_OK);
	t_desk_close(&d);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("store_plans");
	TCase *tc = tcase_create("store_plans");

	setenv("TZ", "UTC", 1);
	tzset();
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, hot_queries_read_their_own_index);
	tcase_add_test(tc, an_orders_open_exception_is_found_among_its_own);
	tcase_add_test(tc, a_channels_day_is_counted_without_the_others);
	suite_add_tcase(s, tc);
	return t_run(s);
}
