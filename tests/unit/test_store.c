/* store/: open, migrate, refuse, settings on open, the append-only log, triggers, orders. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "support.h"
#include "ordesk/store.h"
#include "ordesk/store_order.h"
#include "ordesk/store_user.h"
#include "ordesk/text.h"

static char dir[64], path[128];

static void setup(void)
{
	snprintf(dir, sizeof dir, "/tmp/ordesk-store.XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(dir));
	snprintf(path, sizeof path, "%s/store.db", dir);
}

static void teardown(void)
{
	static const char *const suffixes[] = { "", "-wal", "-shm", "-journal" };
	char f[160];

	for (size_t i = 0; i < sizeof suffixes / sizeof suffixes[0]; i++) {
		snprintf(f, sizeof f, "%s%s", path, suffixes[i]);
		unlink(f);
	}
	rmdir(dir);
}

static struct store *open_ok(unsigned flags)
{
	struct store *s = NULL;
	char err[512] = "";

	ck_assert_msg(store_open(path, flags, &s, err, sizeof err) == ST_OK, "open: %s", err);
	ck_assert_ptr_nonnull(s);
	return s;
}

static long long q_int(struct store *s, const char *sql)
{
	sqlite3_stmt *st;
	long long v = -1;

	ck_assert_int_eq(sqlite3_prepare_v2(store_db(s), sql, -1, &st, NULL), SQLITE_OK);
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

static void q_text(struct store *s, const char *sql, char *buf, size_t size)
{
	sqlite3_stmt *st;

	ck_assert_int_eq(sqlite3_prepare_v2(store_db(s), sql, -1, &st, NULL), SQLITE_OK);
	buf[0] = '\0';
	if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0))
		text_copy(buf, (const char *)sqlite3_column_text(st, 0), size);
	sqlite3_finalize(st);
}

/* Runs sql on the store's own connection; returns the SQLite result code and the message. */
static int exec_rc(struct store *s, const char *sql, char *msg, size_t size)
{
	char *m = NULL;
	int rc = sqlite3_exec(store_db(s), sql, NULL, NULL, &m);

	if (msg)
		text_copy(msg, m ? m : "", size);
	sqlite3_free(m);
	return rc;
}

/* Raw connection without the store's settings, to set things up behind its back. */
static void raw(const char *sql)
{
	sqlite3 *db;
	char *m = NULL;

	ck_assert_int_eq(sqlite3_open(path, &db), SQLITE_OK);
	ck_assert_msg(sqlite3_exec(db, sql, NULL, NULL, &m) == SQLITE_OK, "%s: %s", sql, m ? m : "");
	sqlite3_close(db);
}

/* Inserts an order in the given stage; returns its id. */
static long long add_order(struct store *s, const char *ref, enum stage stage, int nlines)
{
	struct order o;
	struct order_line lines[4];
	int serial;

	memset(&o, 0, sizeof o);
	memset(lines, 0, sizeof lines);
	ck_assert_int_eq(store_begin(s), ST_OK);
	ck_assert_int_eq(store_order_next_serial(s, "20261116", "EC", &serial), ST_OK);
	snprintf(o.order_no, sizeof o.order_no, "20261116-EC-%04d", serial);
	text_copy(o.channel, "EC", sizeof o.channel);
	text_copy(o.channel_ref, ref, sizeof o.channel_ref);
	text_copy(o.customer, "张伟", sizeof o.customer);
	o.stage = stage;
	o.priority = PRIO_HIGH;
	o.tier = TIER_GOLD;
	o.type = OTYPE_CUSTOM;
	o.ordered_at = T_MONDAY_0900 - 600;
	o.received_at = o.stage_at = T_MONDAY_0900;
	o.due_at = T_MONDAY_0900 + 3600;
	o.total_cents = 2599;
	for (int i = 0; i < nlines; i++) {
		snprintf(lines[i].sku, sizeof lines[i].sku, "SKU-%d", i + 1);
		lines[i].qty = i + 2;
		lines[i].unit_price_cents = 100 * (i + 1);
	}
	ck_assert_int_eq(store_order_insert(s, &o, lines, nlines), ST_OK);
	ck_assert_int_eq(store_commit(s), ST_OK);
	ck_assert_int_gt(o.id, 0);
	return o.id;
}

START_TEST(a_line_is_found_by_its_order_and_number)
{
	struct store *s = open_ok(STORE_CREATE);

	for (const char *const *q = store_order_line_queries(); *q; q++) {
		char eqp[2048], plan[1024] = "";
		sqlite3_stmt *st;
		snprintf(eqp, sizeof eqp, "EXPLAIN QUERY PLAN %s", *q);
		ck_assert_int_eq(sqlite3_prepare_v2(store_db(s), eqp, -1, &st, NULL), SQLITE_OK);
		while (sqlite3_step(st) == SQLITE_ROW) {
			const char *detail = (const char *)sqlite3_column_text(st, 3);
			size_t used = strlen(plan);
			snprintf(plan + used, sizeof plan - used, "%s|", detail);
			if (strstr(detail, "order_lines"))
				ck_assert_msg(strstr(detail, "USING INDEX sqlite_autoindex_order_lines_1 "
				                             "(order_id=? AND line_no=?)") ||
				              strstr(detail, "USING COVERING INDEX sqlite_autoindex_order_lines_1 "
				                             "(order_id=? AND line_no=?)"),
				              "%s\n  in %s", detail, *q);
			else if (strstr(detail, "orders"))
				ck_assert_msg(strstr(detail, "USING INTEGER PRIMARY KEY (rowid=?)"), "%s\n  in %s",
				              detail, *q);
		}
		sqlite3_finalize(st);
		ck_assert_msg(strstr(plan, "SEARCH"), "no search in %s", plan);
	}
	store_close(s);
}
END_TEST

START_TEST(migrate_from_empty)
{
	struct store *s = open_ok(STORE_CREATE);

	ck_assert_int_ge(store_schema_version(), 1);
	ck_assert_int_eq(q_int(s, "PRAGMA user_version"), store_schema_version());
	static const char *const tables[] = { "orders", "order_lines", "customers", "products",
	                                      "warehouses", "stock", "stock_locks", "exceptions",
	                                      "escalations", "events", "users", "settings",
	                                      "review_actions", "holidays", "stage_counts" };
	for (size_t i = 0; i < sizeof tables / sizeof tables[0]; i++) {
		char sql[160];
		snprintf(sql, sizeof sql, "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = '%s'",
		         tables[i]);
		ck_assert_msg(q_int(s, sql) == 1, "no table %s", tables[i]);
	}
	ck_assert_int_eq(q_int(s, "SELECT count(*) FROM stage_counts"), STAGE_COUNT);
	ck_assert_str_eq(store_path(s), path);
	ck_assert(!store_in_tx(s));
	store_close(s);
}
END_TEST

START_TEST(reopen_keeps_data)
{
	struct store *s = open_ok(STORE_CREATE);
	char buf[64];

	ck_assert_int_eq(store_begin(s), ST_OK);
	ck_assert_int_eq(store_setting_set(s, "store.name", "east"), ST_OK);
	ck_assert_int_eq(store_commit(s), ST_OK);
	store_close(s);
	s = open_ok(0);
	ck_assert_int_eq(store_setting_get(s, "store.name", "x", buf, sizeof buf), ST_OK);
	ck_assert_str_eq(buf, "east");
	store_close(s);
	/* opening again with create migrates nothing and keeps it */
	s = open_ok(STORE_CREATE);
	ck_assert_int_eq(store_setting_get(s, "store.name", "x", buf, sizeof buf), ST_OK);
	ck_assert_str_eq(buf, "east");
	store_close(s);
}
END_TEST

START_TEST(refuses_a_newer_schema)
{
	struct store *s = open_ok(STORE_CREATE);
	char err[512] = "", sql[64];

	store_close(s);
	snprintf(sql, sizeof sql, "PRAGMA user_version = %d", store_schema_version() + 1);
	raw(sql);
	s = (struct store *)1;
	ck_assert_int_eq(store_open(path, 0, &s, err, sizeof err), ST_REFUSED);
	ck_assert_ptr_null(s);
	ck_assert_msg(strstr(err, "newer") != NULL, "message: %s", err);
	ck_assert_msg(strstr(err, path) != NULL, "message: %s", err);
	/* not even create may touch it */
	ck_assert_int_eq(store_open(path, STORE_CREATE, &s, err, sizeof err), ST_REFUSED);
	ck_assert_int_eq(store_open(path, STORE_READONLY, &s, err, sizeof err), ST_REFUSED);
}
END_TEST

START_TEST(refuses_an_older_schema_without_create)
{
	struct store *s = NULL;
	char err[512] = "";

	/* an empty SQLite file, schema version 0: not a store until init makes it one */
	raw("PRAGMA user_version = 0");
	ck_assert_int_eq(store_open(path, 0, &s, err, sizeof err), ST_DATAERR);
	ck_assert_ptr_null(s);
	ck_assert_msg(strstr(err, "ordesk init") != NULL, "message: %s", err);
	/* with create it is migrated */
	s = open_ok(STORE_CREATE);
	ck_assert_int_eq(q_int(s, "PRAGMA user_version"), store_schema_version());
	store_close(s);
}
END_TEST

START_TEST(missing_and_broken_files)
{
	struct store *s = NULL;
	char err[512] = "";
	FILE *f;

	ck_assert_int_eq(store_open(path, 0, &s, err, sizeof err), ST_IOERR);
	ck_assert_ptr_null(s);
	ck_assert_msg(strstr(err, "no store") != NULL, "message: %s", err);
	ck_assert_int_ne(access(path, F_OK), 0);   /* and nothing was created */
	f = fopen(path, "w");
	ck_assert_ptr_nonnull(f);
	fputs("order_no,channel\nthis is a CSV file, not a store\n", f);
	fclose(f);
	ck_assert_int_eq(store_open(path, STORE_CREATE, &s, err, sizeof err), ST_DATAERR);
	ck_assert_ptr_null(s);
	ck_assert_msg(strstr(err, "not an ordesk store") != NULL, "message: %s", err);
}
END_TEST

START_TEST(a_store_removed_or_replaced_takes_no_more_writes)
{
	static const char *const suffixes[] = { "", "-wal", "-shm" };
	struct store *s = open_ok(STORE_CREATE);
	char f[160], other[160];
	long long n;

	ck_assert_int_eq(store_present(s), ST_OK);
	ck_assert_int_eq(store_begin(s), ST_OK);
	ck_assert_int_eq(store_setting_set(s, "store.name", "here"), ST_OK);
	ck_assert_int_eq(store_commit(s), ST_OK);
	/* Its directory removed under it, as a user would with rm -r. */
	for (size_t i = 0; i < sizeof suffixes / sizeof suffixes[0]; i++) {
		snprintf(f, sizeof f, "%s%s", path, suffixes[i]);
		unlink(f);
	}
	ck_assert_int_eq(rmdir(dir), 0);
	ck_assert_int_eq(store_present(s), ST_IOERR);
	ck_assert_int_eq(store_begin(s), ST_IOERR);
	ck_assert_msg(strstr(store_errmsg(s), "removed") != NULL, "message: %s", store_errmsg(s));
	ck_assert_int_eq(store_in_tx(s), 0);
	/* Reading what is open still works. */
	ck_assert_int_eq(store_scalar(s, "SELECT count(*) FROM settings", &n), ST_OK);
	store_close(s);

	/* Another file moved into its place. */
	ck_assert_int_eq(mkdir(dir, 0700), 0);
	s = open_ok(STORE_CREATE);
	snprintf(other, sizeof other, "%s/other", dir);
	FILE *fp = fopen(other, "w");
	ck_assert_ptr_nonnull(fp);
	fclose(fp);
	ck_assert_int_eq(rename(other, path), 0);
	ck_assert_int_eq(store_begin(s), ST_IOERR);
	ck_assert_msg(strstr(store_errmsg(s), "replaced") != NULL, "message: %s", store_errmsg(s));
	store_close(s);
}
END_TEST

START_TEST(settings_in_effect_on_open)
{
	struct store *s = open_ok(STORE_CREATE);
	char mode[16];
	int v = -1;

	q_text(s, "PRAGMA journal_mode", mode, sizeof mode);
	ck_assert_str_eq(mode, "wal");
	ck_assert_int_eq(q_int(s, "PRAGMA foreign_keys"), 1);
	ck_assert_int_ge(q_int(s, "PRAGMA busy_timeout"), 5000);
	ck_assert_int_eq(q_int(s, "PRAGMA synchronous"), 2);   /* FULL */
	ck_assert_int_eq(sqlite3_db_config(store_db(s), SQLITE_DBCONFIG_DEFENSIVE, -1, &v), SQLITE_OK);
	ck_assert_int_eq(v, 1);
	/* defensive: the schema cannot be written behind SQLite's back */
	ck_assert_int_ne(exec_rc(s, "PRAGMA writable_schema = ON; "
	                            "UPDATE sqlite_schema SET sql = '' WHERE name = 'events'", NULL, 0),
	                 SQLITE_OK);
	store_close(s);
	s = open_ok(STORE_FAST);
	ck_assert_int_eq(q_int(s, "PRAGMA synchronous"), 1);   /* NORMAL */
	store_close(s);
}
END_TEST

START_TEST(foreign_keys_are_enforced)
{
	struct store *s = open_ok(STORE_CREATE);
	char msg[256];

	ck_assert_int_eq(exec_rc(s, "INSERT INTO order_lines (order_id, line_no, sku, qty) VALUES (999, 1, 'X', 1)",
	                         msg, sizeof msg) & 0xff, SQLITE_CONSTRAINT);
	ck_assert_ptr_nonnull(strstr(msg, "FOREIGN KEY"));
	store_close(s);
}
END_TEST

START_TEST(events_are_append_only)
{
	struct store *s = open_ok(STORE_CREATE);
	struct event_rec ev = { .entity = "order", .what = "advance", .from = "new", .to = "review" };
	char msg[256];

	ck_assert_int_eq(store_begin(s), ST_OK);
	ck_assert_int_eq(store_event_add(s, T_MONDAY_0900, "wang", &ev), ST_OK);
	ck_assert_int_eq(store_commit(s), ST_OK);
	ck_assert_int_eq(q_int(s, "SELECT count(*) FROM events WHERE actor = 'wang' AND what = 'advance'"), 1);
	ck_assert_int_eq(exec_rc(s, "UPDATE events SET actor = 'li'", msg, sizeof msg) & 0xff, SQLITE_CONSTRAINT);
	ck_assert_ptr_nonnull(strstr(msg, "append-only"));
	ck_assert_int_eq(exec_rc(s, "UPDATE events SET why = 'rewritten' WHERE id = 1", msg, sizeof msg) & 0xff,
	                 SQLITE_CONSTRAINT);
	ck_assert_int_eq(exec_rc(s, "DELETE FROM events", msg, sizeof msg) & 0xff, SQLITE_CONSTRAINT);
	ck_assert_ptr_nonnull(strstr(msg, "append-only"));
	ck_assert_int_eq(exec_rc(s, "INSERT OR REPLACE INTO events (id, at, actor, what) VALUES (1, 0, 'x', 'y')",
	                         msg, sizeof msg) & 0xff, SQLITE_CONSTRAINT);
	ck_assert_int_eq(q_int(s, "SELECT count(*) FROM events WHERE actor = 'wang'"), 1);
	/* the store's own mapping of the refusal */
	ck_assert_int_eq(store_fail(s, SQLITE_CONSTRAINT_TRIGGER, "UPDATE events"), ST_REFUSED);
	ck_assert_ptr_nonnull(strstr(store_errmsg(s), "UPDATE events"));
	store_close(s);
}
END_TEST

START_TEST(orders_and_exceptions_are_never_deleted)
{
	struct store *s = open_ok(STORE_CREATE);
	long long id = add_order(s, "R1", STAGE_NEW, 1);
	char msg[256], sql[256];

	ck_assert_int_eq(exec_rc(s, "DELETE FROM orders", msg, sizeof msg) & 0xff, SQLITE_CONSTRAINT);
	ck_assert_ptr_nonnull(strstr(msg, "never deleted"));
	/* REPLACE would delete the old row without the delete trigger */
	snprintf(sql, sizeof sql, "INSERT OR REPLACE INTO orders (id, order_no, channel, channel_ref, "
	         "ordered_at, received_at, stage_at) VALUES (%lld, 'x', 'ST', 'other', 1, 1, 1)", id);
	ck_assert_int_eq(exec_rc(s, sql, msg, sizeof msg) & 0xff, SQLITE_CONSTRAINT);
	ck_assert_int_eq(exec_rc(s, "REPLACE INTO orders (order_no, channel, channel_ref, ordered_at, "
	                            "received_at, stage_at) VALUES ('y', 'EC', 'R1', 1, 1, 1)", msg, sizeof msg) & 0xff,
	                 SQLITE_CONSTRAINT);
	ck_assert_int_eq(q_int(s, "SELECT count(*) FROM orders WHERE channel_ref = 'R1' AND order_no LIKE '2026%'"), 1);
	snprintf(sql, sizeof sql, "INSERT INTO exceptions (order_id, kind, stage, opened_at, opened_by) "
	         "VALUES (%lld, 'needs_info', 'new', 1, 'x')", id);
	ck_assert_int_eq(exec_rc(s, sql, msg, sizeof msg), SQLITE_OK);
	ck_assert_int_eq(exec_rc(s, "DELETE FROM exceptions", msg, sizeof msg) & 0xff, SQLITE_CONSTRAINT);
	ck_assert_int_eq(exec_rc(s, "UPDATE exceptions SET status = 'resolved', cause = 'other', action = 'x', "
	                            "resolved_at = 2", msg, sizeof msg), SQLITE_OK);
	ck_assert_int_eq(exec_rc(s, "UPDATE exceptions SET status = 'open'", msg, sizeof msg) & 0xff,
	                 SQLITE_CONSTRAINT);
	/* a resolution needs a cause and an action */
	snprintf(sql, sizeof sql, "INSERT INTO exceptions (order_id, kind, stage, opened_at, opened_by, status) "
	         "VALUES (%lld, 'needs_info', 'new', 1, 'x', 'resolved')", id);
	ck_assert_int_eq(exec_rc(s, sql, msg, sizeof msg) & 0xff, SQLITE_CONSTRAINT);
	ck_assert_int_eq(q_int(s, "SELECT count(*) FROM orders"), 1);
	store_close(s);
}
END_TEST

static long long count_of(struct store *s, const char *stage, const char *col)
{
	char sql[128];

	snprintf(sql, sizeof sql, "SELECT %s FROM stage_counts WHERE stage = '%s'", col, stage);
	return q_int(s, sql);
}

START_TEST(stage_counts_and_open_exceptions_follow_the_orders)
{
	struct store *s = open_ok(STORE_CREATE);
	long long a = add_order(s, "A", STAGE_NEW, 1);
	long long b = add_order(s, "B", STAGE_NEW, 2);
	add_order(s, "C", STAGE_PICKING, 1);
	char sql[256], kinds[128];
	struct order o;

	ck_assert_int_eq(count_of(s, "new", "n"), 2);
	ck_assert_int_eq(count_of(s, "picking", "n"), 1);
	ck_assert_int_eq(count_of(s, "review", "n"), 0);
	/* a move */
	ck_assert_int_eq(store_begin(s), ST_OK);
	ck_assert_int_eq(store_order_move(s, a, STAGE_NEW, 0, STAGE_REVIEW, T_MONDAY_0900 + 60,
	                                  T_MONDAY_0900 + 3600, 1), ST_OK);
	ck_assert_int_eq(store_commit(s), ST_OK);
	ck_assert_int_eq(count_of(s, "new", "n"), 1);
	ck_assert_int_eq(count_of(s, "review", "n"), 1);
	/* two open exceptions on b, of two kinds, and one more of the first kind */
	static const char *const kind_sql[] = { "needs_info", "stock_short", "needs_info" };
	for (int i = 0; i < 3; i++) {
		snprintf(sql, sizeof sql, "INSERT INTO exceptions (order_id, kind, stage, opened_at, opened_by) "
		         "VALUES (%lld, '%s', 'new', %d, 'x')", b, kind_sql[i], i + 1);
		ck_assert_int_eq(exec_rc(s, sql, NULL, 0), SQLITE_OK);
	}
	ck_assert_int_eq(store_order_get_id(s, b, &o), ST_OK);
	ck_assert_int_eq(o.open_exc, 3);
	ck_assert_str_eq(o.exc_kinds, "needs_info;stock_short");
	ck_assert_int_eq(count_of(s, "new", "red"), 1);
	/* moving a red order carries its red mark */
	ck_assert_int_eq(store_begin(s), ST_OK);
	ck_assert_int_eq(store_order_move(s, b, STAGE_NEW, -1, STAGE_REVIEW, T_MONDAY_0900 + 90, 0, 0), ST_OK);
	ck_assert_int_eq(store_commit(s), ST_OK);
	ck_assert_int_eq(count_of(s, "new", "red"), 0);
	ck_assert_int_eq(count_of(s, "review", "red"), 1);
	ck_assert_int_eq(count_of(s, "review", "n"), 2);
	/* resolving one needs_info leaves both kinds open; resolving the stock one leaves one */
	snprintf(sql, sizeof sql, "UPDATE exceptions SET status = 'resolved', cause = 'data_entry', action = 'fixed', "
	         "resolved_at = 9 WHERE order_id = %lld AND opened_at = 1", b);
	ck_assert_int_eq(exec_rc(s, sql, NULL, 0), SQLITE_OK);
	q_text(s, "SELECT exc_kinds FROM orders WHERE channel_ref = 'B'", kinds, sizeof kinds);
	ck_assert_str_eq(kinds, "needs_info;stock_short");
	snprintf(sql, sizeof sql, "UPDATE exceptions SET status = 'resolved', cause = 'supplier', action = 'received', "
	         "resolved_at = 9 WHERE order_id = %lld AND kind = 'stock_short'", b);
	ck_assert_int_eq(exec_rc(s, sql, NULL, 0), SQLITE_OK);
	q_text(s, "SELECT exc_kinds FROM orders WHERE channel_ref = 'B'", kinds, sizeof kinds);
	ck_assert_str_eq(kinds, "needs_info");
	ck_assert_int_eq(count_of(s, "review", "red"), 1);
	snprintf(sql, sizeof sql, "UPDATE exceptions SET status = 'resolved', cause = 'data_entry', action = 'fixed', "
	         "resolved_at = 9 WHERE order_id = %lld AND status = 'open'", b);
	ck_assert_int_eq(exec_rc(s, sql, NULL, 0), SQLITE_OK);
	ck_assert_int_eq(store_order_get_id(s, b, &o), ST_OK);
	ck_assert_int_eq(o.open_exc, 0);
	ck_assert_str_eq(o.exc_kinds, "");
	ck_assert_int_eq(count_of(s, "review", "red"), 0);
	/* the totals agree with the orders */
	ck_assert_int_eq(q_int(s, "SELECT sum(n) FROM stage_counts"), q_int(s, "SELECT count(*) FROM orders"));
	store_close(s);
}
END_TEST

START_TEST(move_only_from_the_expected_stage_and_version)
{
	struct store *s = open_ok(STORE_CREATE);
	long long id = add_order(s, "A", STAGE_NEW, 1);
	struct order o;

	ck_assert_int_eq(store_begin(s), ST_OK);
	ck_assert_int_eq(store_order_move(s, id, STAGE_REVIEW, -1, STAGE_LOCKED, 5, 0, 0), ST_REFUSED);
	ck_assert_int_eq(store_order_move(s, id, STAGE_NEW, 3, STAGE_REVIEW, 5, 0, 0), ST_REFUSED);
	ck_assert_int_eq(store_order_move(s, id, STAGE_NEW, 0, STAGE_REVIEW, T_MONDAY_0900 + 5,
	                                  T_MONDAY_0900 + 3600, 1), ST_OK);
	ck_assert_int_eq(store_order_move(s, id, STAGE_NEW, 0, STAGE_REVIEW, 6, 0, 0), ST_REFUSED);
	ck_assert_int_eq(store_commit(s), ST_OK);
	ck_assert_int_eq(store_order_get_id(s, id, &o), ST_OK);
	ck_assert_int_eq(o.stage, STAGE_REVIEW);
	ck_assert_int_eq(o.version, 1);
	ck_assert_int_eq(o.stage_at, T_MONDAY_0900 + 5);
	ck_assert_int_eq(o.t_stage[STAGE_REVIEW], T_MONDAY_0900 + 5);
	ck_assert_int_eq(o.t_stage[STAGE_LOCKED], 0);
	ck_assert_int_eq(o.due_at, T_MONDAY_0900 + 3600);
	ck_assert_int_eq(o.prev_on_time, 1);
	store_close(s);
}
END_TEST

START_TEST(orders_round_trip)
{
	struct store *s = open_ok(STORE_CREATE);
	long long id = add_order(s, "REF-1", STAGE_LOCKED, 3);
	struct order o, none;
	struct order_line lines[8];
	int n;

	ck_assert_int_eq(store_order_get(s, "20261116-EC-0001", &o), ST_OK);
	ck_assert_int_eq(o.id, id);
	ck_assert_str_eq(o.channel, "EC");
	ck_assert_str_eq(o.channel_ref, "REF-1");
	ck_assert_str_eq(o.customer, "张伟");
	ck_assert_int_eq(o.stage, STAGE_LOCKED);
	ck_assert_int_eq(o.priority, PRIO_HIGH);
	ck_assert_int_eq(o.tier, TIER_GOLD);
	ck_assert_int_eq(o.type, OTYPE_CUSTOM);
	ck_assert_int_eq(o.lines, 3);
	ck_assert_int_eq(o.items, 2 + 3 + 4);
	ck_assert_int_eq(o.total_cents, 2599);
	ck_assert_int_eq(o.ordered_at, T_MONDAY_0900 - 600);
	ck_assert_int_eq(o.t_stage[STAGE_NEW], T_MONDAY_0900);
	ck_assert_int_eq(store_order_lines(s, id, lines, 8, &n), ST_OK);
	ck_assert_int_eq(n, 3);
	ck_assert_str_eq(lines[2].sku, "SKU-3");
	ck_assert_int_eq(lines[2].qty, 4);
	ck_assert_int_eq(lines[2].line_no, 3);
	ck_assert_int_eq(lines[2].unit_price_cents, 300);
	ck_assert_int_eq(store_order_lines(s, id, lines, 2, &n), ST_OK);
	ck_assert_int_eq(n, 2);
	ck_assert_int_eq(store_order_get(s, "20261116-EC-0099", &none), ST_REFUSED);
	ck_assert_int_eq(store_order_find_ref(s, "EC", "REF-1", &none), ST_OK);
	ck_assert_int_eq(none.id, id);
	ck_assert_int_eq(store_order_find_ref(s, "ST", "REF-1", &none), ST_OK);
	ck_assert_int_eq(none.id, 0);
	/* (channel, channel ref) is unique */
	ck_assert_int_eq(store_begin(s), ST_OK);
	o.id = 0;
	text_copy(o.order_no, "20261116-EC-0777", sizeof o.order_no);
	ck_assert_int_eq(store_order_insert(s, &o, lines, 1), ST_REFUSED);
	store_rollback(s);
	store_close(s);
}
END_TEST

START_TEST(serials_per_day_and_channel)
{
	struct store *s = open_ok(STORE_CREATE);
	int a, b, c, d;

	ck_assert_int_eq(store_begin(s), ST_OK);
	ck_assert_int_eq(store_order_next_serial(s, "20261116", "EC", &a), ST_OK);
	ck_assert_int_eq(store_order_next_serial(s, "20261116", "EC", &b), ST_OK);
	ck_assert_int_eq(store_order_next_serial(s, "20261116", "ST", &c), ST_OK);
	ck_assert_int_eq(store_order_next_serial(s, "20261117", "EC", &d), ST_OK);
	ck_assert_int_eq(store_commit(s), ST_OK);
	ck_assert_int_eq(a, 1);
	ck_assert_int_eq(b, 2);
	ck_assert_int_eq(c, 1);
	ck_assert_int_eq(d, 1);
	store_close(s);
}
END_TEST

static int collect(const struct order *o, void *arg)
{
	char *buf = arg;

	strcat(buf, o->channel_ref);
	strcat(buf, " ");
	return 0;
}

START_TEST(listing_filters)
{
	struct store *s = open_ok(STORE_CREATE);
	char got[256];
	long long done;

	add_order(s, "A", STAGE_NEW, 1);
	add_order(s, "B", STAGE_PICKING, 1);
	done = add_order(s, "C", STAGE_TRANSIT, 1);
	add_order(s, "D", STAGE_CANCELLED, 1);
	ck_assert_int_eq(store_begin(s), ST_OK);
	ck_assert_int_eq(store_order_move(s, done, STAGE_TRANSIT, -1, STAGE_DONE, T_MONDAY_0900, 0, 1), ST_OK);
	ck_assert_int_eq(store_commit(s), ST_OK);

	struct order_filter f = { .stage = -1, .health = -1, .now = T_MONDAY_0900 };
	got[0] = '\0';
	ck_assert_int_eq(store_order_each(s, &f, collect, got), ST_OK);
	ck_assert_str_eq(got, "A B ");
	f.stage = -2;
	got[0] = '\0';
	ck_assert_int_eq(store_order_each(s, &f, collect, got), ST_OK);
	ck_assert_str_eq(got, "A B C D ");
	f.stage = STAGE_PICKING;
	got[0] = '\0';
	ck_assert_int_eq(store_order_each(s, &f, collect, got), ST_OK);
	ck_assert_str_eq(got, "B ");
	f.stage = -2;
	f.channel = "ST";
	got[0] = '\0';
	ck_assert_int_eq(store_order_each(s, &f, collect, got), ST_OK);
	ck_assert_str_eq(got, "");
	/* health at a time past the clocks: the open ones are red */
	f.channel = NULL;
	f.stage = -1;
	f.health = HEALTH_RED;
	f.now = T_MONDAY_0900 + 7200;
	got[0] = '\0';
	ck_assert_int_eq(store_order_each(s, &f, collect, got), ST_OK);
	ck_assert_str_eq(got, "A B ");
	f.health = HEALTH_YELLOW;
	f.now = T_MONDAY_0900 + 60;
	got[0] = '\0';
	ck_assert_int_eq(store_order_each(s, &f, collect, got), ST_OK);
	ck_assert_str_eq(got, "A B ");
	store_close(s);
}
END_TEST

START_TEST(listing_in_board_order)
{
	struct store *s = open_ok(STORE_CREATE);
	char got[256] = "";

	add_order(s, "late-normal", STAGE_NEW, 1);
	add_order(s, "urgent", STAGE_NEW, 1);
	add_order(s, "normal-high-score", STAGE_NEW, 1);
	add_order(s, "review", STAGE_REVIEW, 1);
	add_order(s, "early-normal", STAGE_NEW, 1);
	ck_assert_int_eq(exec_rc(s, "UPDATE orders SET prio_rank = 2, priority = 'normal', score = 1, due_at = 900 "
	                            "WHERE channel_ref = 'late-normal'; "
	                            "UPDATE orders SET prio_rank = 0, priority = 'urgent' WHERE channel_ref = 'urgent'; "
	                            "UPDATE orders SET prio_rank = 2, priority = 'normal', score = 9 "
	                            "WHERE channel_ref = 'normal-high-score'; "
	                            "UPDATE orders SET prio_rank = 2, priority = 'normal', score = 1, due_at = 100 "
	                            "WHERE channel_ref = 'early-normal'", NULL, 0), SQLITE_OK);
	struct order_filter f = { .stage = -1, .health = -1, .now = T_MONDAY_0900 };
	ck_assert_int_eq(store_order_each(s, &f, collect, got), ST_OK);
	ck_assert_str_eq(got, "urgent normal-high-score early-normal late-normal review ");
	store_close(s);
}
END_TEST

START_TEST(schema_refuses_unknown_words)
{
	struct store *s = open_ok(STORE_CREATE);
	long long id = add_order(s, "A", STAGE_NEW, 1);
	char sql[160];
	static const char *const bad[] = { "stage = 'lost'", "priority = 'asap'", "tier = 'vip'",
	                                   "type = 'refund'", "open_exc = -1" };

	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		snprintf(sql, sizeof sql, "UPDATE orders SET %s WHERE id = %lld", bad[i], id);
		ck_assert_msg((exec_rc(s, sql, NULL, 0) & 0xff) == SQLITE_CONSTRAINT, "%s accepted", bad[i]);
	}
	snprintf(sql, sizeof sql, "INSERT INTO exceptions (order_id, kind, stage, opened_at, opened_by) "
	         "VALUES (%lld, 'lost_parcel', 'new', 1, 'x')", id);
	ck_assert_int_eq(exec_rc(s, sql, NULL, 0) & 0xff, SQLITE_CONSTRAINT);
	store_close(s);
}
END_TEST

START_TEST(settings_get_and_set)
{
	struct store *s = open_ok(STORE_CREATE);
	char buf[8];

	ck_assert_int_eq(store_setting_get(s, "clock.review", "60m", buf, sizeof buf), ST_OK);
	ck_assert_str_eq(buf, "60m");
	ck_assert_int_eq(store_setting_get(s, "clock.review", NULL, buf, sizeof buf), ST_OK);
	ck_assert_str_eq(buf, "");
	ck_assert_int_eq(store_begin(s), ST_OK);
	ck_assert_int_eq(store_setting_set(s, "clock.review", "45m"), ST_OK);
	ck_assert_int_eq(store_setting_set(s, "clock.review", "50m"), ST_OK);
	ck_assert_int_eq(store_setting_set(s, "store.name", "a long store name"), ST_OK);
	ck_assert_int_eq(store_commit(s), ST_OK);
	ck_assert_int_eq(store_setting_get(s, "clock.review", "60m", buf, sizeof buf), ST_OK);
	ck_assert_str_eq(buf, "50m");
	ck_assert_int_eq(store_setting_get(s, "store.name", "", buf, sizeof buf), ST_OK);
	ck_assert_str_eq(buf, "a long ");   /* cut to the buffer */
	/* cut between characters, never inside one: 张 is three bytes */
	ck_assert_int_eq(store_begin(s), ST_OK);
	ck_assert_int_eq(store_setting_set(s, "store.name", "张伟伟"), ST_OK);
	ck_assert_int_eq(store_commit(s), ST_OK);
	ck_assert_int_eq(store_setting_get(s, "store.name", "", buf, sizeof buf), ST_OK);
	ck_assert_str_eq(buf, "张伟");
	ck_assert_int_eq(store_setting_get(s, "store.name", "", buf, 7), ST_OK);
	ck_assert_str_eq(buf, "张伟");
	ck_assert_int_eq(store_setting_get(s, "store.name", "", buf, 6), ST_OK);
	ck_assert_str_eq(buf, "张");
	ck_assert_int_eq(store_setting_get(s, "store.name", "", buf, 3), ST_OK);
	ck_assert_str_eq(buf, "");
	ck_assert_int_eq(q_int(s, "SELECT count(*) FROM settings WHERE key = 'clock.review'"), 1);
	store_close(s);
}
END_TEST

START_TEST(users)
{
	struct store *s = open_ok(STORE_CREATE);
	enum role r;
	int found, n;

	ck_assert_int_eq(store_user_role(s, "nobody", &r, &found), ST_OK);
	ck_assert_int_eq(found, 0);
	ck_assert_int_eq(r, ROLE_VIEWER);
	ck_assert_int_eq(store_begin(s), ST_OK);
	ck_assert_int_eq(store_user_put(s, "wang", ROLE_CLERK, T_MONDAY_0900, "li"), ST_OK);
	ck_assert_int_eq(store_user_put(s, "wang", ROLE_SUPERVISOR, T_MONDAY_0900 + 5, "li"), ST_OK);
	ck_assert_int_eq(store_commit(s), ST_OK);
	ck_assert_int_eq(store_user_role(s, "wang", &r, &found), ST_OK);
	ck_assert_int_eq(found, 1);
	ck_assert_int_eq(r, ROLE_SUPERVISOR);
	ck_assert_int_eq(store_user_count(s, &n), ST_OK);
	ck_assert_int_eq(n, 1);
	/* the schema refuses a role it does not know */
	ck_assert_int_ne(exec_rc(s, "INSERT INTO users VALUES ('x', 'boss', 0, 'y')", NULL, 0), SQLITE_OK);
	store_close(s);
}
END_TEST

START_TEST(transactions_and_busy)
{
	struct store *s = open_ok(STORE_CREATE);
	sqlite3 *other;

	ck_assert_int_eq(store_begin(s), ST_OK);
	ck_assert(store_in_tx(s));
	ck_assert_int_eq(store_begin(s), ST_INTERNAL);
	store_rollback(s);
	ck_assert(!store_in_tx(s));
	/* another writer holds the store: BEGIN IMMEDIATE meets it at once */
	ck_assert_int_eq(sqlite3_open(path, &other), SQLITE_OK);
	ck_assert_int_eq(sqlite3_exec(other, "BEGIN IMMEDIATE", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_busy_timeout(store_db(s), 50);
	ck_assert_int_eq(store_begin(s), ST_BUSY);
	ck_assert_ptr_nonnull(strstr(store_errmsg(s), "locked"));
	ck_assert(!store_in_tx(s));
	/* reading still works under WAL */
	ck_assert_int_eq(q_int(s, "SELECT count(*) FROM orders"), 0);
	/* another's commit changes data_version */
	long long v = store_data_version(s);
	ck_assert_int_eq(sqlite3_exec(other, "INSERT INTO settings VALUES ('k', 'v'); COMMIT", NULL, NULL, NULL),
	                 SQLITE_OK);
	ck_assert_int_ne(store_data_version(s), v);
	sqlite3_close(other);
	ck_assert_int_eq(store_begin(s), ST_OK);
	ck_assert_int_eq(store_commit(s), ST_OK);
	store_close(s);
}
END_TEST

START_TEST(statement_cache_by_address)
{
	static const char sql[] = "SELECT 1";
	static const char sql2[] = "SELECT 2";
	static const char bad[] = "SELEKT nonsense";
	struct store *s = open_ok(STORE_CREATE);

	sqlite3_stmt *a = store_prep(s, sql);
	ck_assert_ptr_nonnull(a);
	ck_assert_ptr_eq(store_prep(s, sql), a);
	ck_assert_ptr_ne(store_prep(s, sql2), a);
	ck_assert_ptr_null(store_prep(s, bad));
	ck_assert_ptr_nonnull(strstr(store_errmsg(s), "SELEKT"));
	store_close(s);
}
END_TEST

START_TEST(memory_store)
{
	struct store *s = NULL;
	char err[256];

	ck_assert_int_eq(store_open("ignored", STORE_MEMORY, &s, err, sizeof err), ST_OK);
	ck_assert_int_eq(q_int(s, "PRAGMA user_version"), store_schema_version());
	ck_assert_int_ne(access("ignored", F_OK), 0);
	store_close(s);
	store_close(NULL);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("store");
	TCase *tc = tcase_create("store");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, migrate_from_empty);
	tcase_add_test(tc, reopen_keeps_data);
	tcase_add_test(tc, refuses_a_newer_schema);
	tcase_add_test(tc, refuses_an_older_schema_without_create);
	tcase_add_test(tc, missing_and_broken_files);
	tcase_add_test(tc, a_store_removed_or_replaced_takes_no_more_writes);
	tcase_add_test(tc, settings_in_effect_on_open);
	tcase_add_test(tc, foreign_keys_are_enforced);
	tcase_add_test(tc, events_are_append_only);
	tcase_add_test(tc, orders_and_exceptions_are_never_deleted);
	tcase_add_test(tc, stage_counts_and_open_exceptions_follow_the_orders);
	tcase_add_test(tc, move_only_from_the_expected_stage_and_version);
	tcase_add_test(tc, orders_round_trip);
	tcase_add_test(tc, serials_per_day_and_channel);
	tcase_add_test(tc, listing_filters);
	tcase_add_test(tc, listing_in_board_order);
	tcase_add_test(tc, schema_refuses_unknown_words);
	tcase_add_test(tc, settings_get_and_set);
	tcase_add_test(tc, users);
	tcase_add_test(tc, transactions_and_busy);
	tcase_add_test(tc, statement_cache_by_address);
	tcase_add_test(tc, memory_store);
	tcase_add_test(tc, a_line_is_found_by_its_order_and_number);
	suite_add_tcase(s, tc);
	return t_run(s);
}
