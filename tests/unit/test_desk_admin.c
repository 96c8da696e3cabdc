/* desk/ administration: users and roles, settings, and the store's invariants. */
#include "support.h"
#include "ordesk/desk_admin.h"
#include "ordesk/desk_order.h"
#include "ordesk/store_order.h"
#include "ordesk/store_user.h"
#include "ordesk/text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char dir[64], path[128];

static void setup(void)
{
	snprintf(dir, sizeof dir, "/tmp/ordesk-admin.XXXXXX");
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

static void open_as(struct desk *d, const char *login, unsigned flags)
{
	memset(d, 0, sizeof *d);
	d->fixed_now = T_MONDAY_0900;
	ck_assert_msg(desk_open(d, path, login, flags) == ST_OK, "open: %s", desk_message(d));
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

/* Runs sql on a plain connection of its own: no defensive mode, so triggers can be dropped. */
static void tamper(const char *store_path, const char *sql)
{
	sqlite3 *db;
	char *m = NULL;

	ck_assert_int_eq(sqlite3_open(store_path, &db), SQLITE_OK);
	ck_assert_msg(sqlite3_exec(db, sql, NULL, NULL, &m) == SQLITE_OK, "%s: %s", sql, m ? m : "");
	sqlite3_close(db);
}

/* ---- users ---- */

START_TEST(creator_is_admin_and_strangers_are_viewers)
{
	struct desk d;
	enum role r;
	int found;

	open_as(&d, "alice", STORE_CREATE);
	ck_assert_int_eq(d.role, ROLE_ADMIN);
	ck_assert_int_eq(q_int(&d, "SELECT count(*) FROM events WHERE entity = 'user' AND entity_id = 'alice' "
	                           "AND to_val = 'admin' AND actor = 'alice'"), 1);
	desk_close(&d);
	/* another login opening the same store, even with create: a viewer, not added */
	open_as(&d, "bob", STORE_CREATE);
	ck_assert_int_eq(d.role, ROLE_VIEWER);
	ck_assert_int_eq(store_user_role(d.store, "bob", &r, &found), ST_OK);
	ck_assert_int_eq(found, 0);
	ck_assert_int_eq(q_int(&d, "SELECT count(*) FROM users"), 1);
	desk_close(&d);
	open_as(&d, "alice", 0);
	ck_assert_int_eq(d.role, ROLE_ADMIN);
	desk_close(&d);
}
END_TEST

START_TEST(os_login_is_the_default_operator)
{
	struct desk d;
	char me[64];

	desk_os_login(me, sizeof me);
	ck_assert_str_ne(me, "");
	setenv("USER", "someone-else", 1);
	open_as(&d, NULL, STORE_CREATE);
	ck_assert_str_eq(d.login, me);
	ck_assert_int_eq(d.role, ROLE_ADMIN);
	desk_close(&d);
}
END_TEST

START_TEST(only_admins_manage_users)
{
	struct desk d;

	open_as(&d, "alice", STORE_CREATE);
	ck_assert_int_eq(desk_user_add(&d, "bob", "clerk"), ST_OK);
	ck_assert_int_eq(desk_user_add(&d, "carol", "supervisor"), ST_OK);
	desk_close(&d);
	open_as(&d, "carol", 0);
	ck_assert_int_eq(d.role, ROLE_SUPERVISOR);
	ck_assert_int_eq(desk_user_add(&d, "dave", "clerk"), ST_DENIED);
	ck_assert_ptr_nonnull(strstr(desk_message(&d), "admin"));
	ck_assert_int_eq(desk_user_role(&d, "carol", "admin"), ST_DENIED);
	ck_assert_int_eq(q_int(&d, "SELECT count(*) FROM users"), 3);
	desk_close(&d);
	open_as(&d, "bob", 0);
	ck_assert_int_eq(d.role, ROLE_CLERK);
	desk_close(&d);
}
END_TEST

START_TEST(user_requests_are_checked)
{
	struct desk d;

	open_as(&d, "alice", STORE_CREATE);
	ck_assert_int_eq(desk_user_add(&d, "bob", "clerk"), ST_OK);
	ck_assert_int_eq(desk_user_add(&d, "bob", "viewer"), ST_REFUSED);
	ck_assert_ptr_nonnull(strstr(desk_message(&d), "already a user"));
	ck_assert_int_eq(desk_user_role(&d, "zed", "clerk"), ST_REFUSED);
	ck_assert_ptr_nonnull(strstr(desk_message(&d), "not a user"));
	ck_assert_int_eq(desk_user_add(&d, "eve", "boss"), ST_USAGE);
	ck_assert_ptr_nonnull(strstr(desk_message(&d), "unknown role"));
	ck_assert_int_eq(desk_user_add(&d, "eve", "clerk\x1b[2J"), ST_USAGE);
	ck_assert(text_is_clean(desk_message(&d)));
	ck_assert_int_eq(desk_user_add(&d, "eve", NULL), ST_USAGE);
	static const char *const bad_logins[] = { "", "-rf", "a b", "x;y", "名字", "a\nb",
	                                          "abcdefghijklmnopqrstuvwxyz0123456789" };
	for (size_t i = 0; i < sizeof bad_logins / sizeof bad_logins[0]; i++) {
		ck_assert_int_eq(desk_user_add(&d, bad_logins[i], "clerk"), ST_USAGE);
		ck_assert(text_is_clean(desk_message(&d)));
	}
	ck_assert_int_eq(desk_user_add(&d, "li.na_2-x", "viewer"), ST_OK);
	ck_assert_int_eq(desk_user_role(&d, "bob", "supervisor"), ST_OK);
	ck_assert_int_eq(q_int(&d, "SELECT count(*) FROM events WHERE entity = 'user' AND entity_id = 'bob' "
	                           "AND from_val = 'clerk' AND to_val = 'supervisor' AND actor = 'alice'"), 1);
	ck_assert_int_eq(q_int(&d, "SELECT count(*) FROM users"), 3);
	desk_close(&d);
}
END_TEST

START_TEST(the_last_admin_stays)
{
	struct desk d;

	open_as(&d, "alice", STORE_CREATE);
	ck_assert_int_eq(desk_user_role(&d, "alice", "viewer"), ST_REFUSED);
	ck_assert_ptr_nonnull(strstr(desk_message(&d), "last admin"));
	ck_assert_int_eq(desk_user_add(&d, "carol", "admin"), ST_OK);
	ck_assert_int_eq(desk_user_role(&d, "alice", "viewer"), ST_OK);
	desk_close(&d);
	open_as(&d, "alice", 0);
	ck_assert_int_eq(d.role, ROLE_VIEWER);
	ck_assert_int_eq(desk_user_add(&d, "zed", "admin"), ST_DENIED);
	desk_close(&d);
	open_as(&d, "carol", 0);
	ck_assert_int_eq(desk_user_role(&d, "carol", "clerk"), ST_REFUSED);
	desk_close(&d);
}
END_TEST

/* ---- settings ---- */

START_TEST(setting_defaults_agree_with_the_clocks)
{
	const char *def;

	for (size_t i = 0; clocks_key(i, &def); i++) {
		const char *key = clocks_key(i, NULL);
		const struct setting_def *s = NULL;
		for (size_t j = 0; desk_setting_def(j); j++)
			if (strcmp(desk_setting_def(j)->key, key) == 0)
				s = desk_setting_def(j);
		ck_assert_msg(s != NULL, "%s is not a known setting", key);
		ck_assert_str_eq(s->def, def);
	}
	for (size_t j = 0; desk_setting_def(j); j++)
		ck_assert_str_ne(desk_setting_def(j)->what, "");
}
END_TEST

START_TEST(config_get_and_set)
{
	struct desk d;
	char buf[64];

	open_as(&d, "alice", STORE_CREATE);
	ck_assert_int_eq(desk_config_get(&d, "clock.review", buf, sizeof buf), ST_OK);
	ck_assert_str_eq(buf, "60m");
	ck_assert_int_eq(desk_config_get(&d, "surge.factor", buf, sizeof buf), ST_OK);
	ck_assert_str_eq(buf, "3");
	ck_assert_int_eq(desk_config_get(&d, "no.such\x1b", buf, sizeof buf), ST_USAGE);
	ck_assert(text_is_clean(desk_message(&d)));
	ck_assert_int_eq(desk_config_set(&d, "clock.review", "45m"), ST_OK);
	ck_assert_int_eq(desk_config_get(&d, "clock.review", buf, sizeof buf), ST_OK);
	ck_assert_str_eq(buf, "45m");
	ck_assert_int_eq(q_int(&d, "SELECT count(*) FROM events WHERE entity = 'setting' AND entity_id = 'clock.review' "
	                           "AND from_val = '60m' AND to_val = '45m' AND actor = 'alice'"), 1);
	ck_assert_int_eq(desk_config_set(&d, "store.name", "east hall"), ST_OK);
	ck_assert_str_eq(d.store_name, "east hall");
	ck_assert_int_eq(desk_config_set(&d, "score.w_tier", "2.5"), ST_OK);
	ck_assert(d.weights.tier == 2.5);
	ck_assert_int_eq(desk_config_set(&d, "surge.factor", "4"), ST_OK);
	ck_assert(d.surge_factor == 4.0);
	desk_close(&d);
}
END_TEST

START_TEST(config_values_are_validated)
{
	static const char *const bad[][2] = {
		{ "clock.review", "soon" }, { "clock.review", "0m" }, { "clock.review", "-5m" },
		{ "clock.stock_delay_max", "0bd" }, { "promise.dispatch.urgent", "24" },
		{ "import.duplicate_window", "x" }, { "score.w_tier", "nan" }, { "score.w_tier", "inf" },
		{ "score.w_value", "-1" }, { "score.w_time", "1e400" }, { "score.w_time", "" },
		{ "score.w_time", "2x" }, { "surge.factor", "0" }, { "store.name", "a\x1b[2Jb" },
		{ "store.name", "0123456789012345678901234567890123456789012345678901234567890" },
		{ "no.such.key", "1" },
	};
	struct desk d;
	char buf[64];

	open_as(&d, "alice", STORE_CREATE);
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		ck_assert_msg(desk_config_set(&d, bad[i][0], bad[i][1]) == ST_USAGE, "%s = '%s' accepted",
		              bad[i][0], bad[i][1]);
		ck_assert(text_is_clean(desk_message(&d)));
	}
	ck_assert_int_eq(q_int(&d, "SELECT count(*) FROM settings"), 0);
	ck_assert_int_eq(desk_config_get(&d, "score.w_tier", buf, sizeof buf), ST_OK);
	ck_assert_str_eq(buf, "10");
	desk_close(&d);
}
END_TEST

START_TEST(only_admins_change_settings)
{
	struct desk d;

	open_as(&d, "alice", STORE_CREATE);
	ck_assert_int_eq(desk_user_add(&d, "carol", "supervisor"), ST_OK);
	desk_close(&d);
	open_as(&d, "carol", 0);
	ck_assert_int_eq(desk_config_set(&d, "clock.review", "45m"), ST_DENIED);
	char buf[16];
	ck_assert_int_eq(desk_config_get(&d, "clock.review", buf, sizeof buf), ST_OK);
	ck_assert_str_eq(buf, "60m");
	desk_close(&d);
}
END_TEST

START_TEST(clocks_take_effect_after_set)
{
	struct desk d;
	char no[40];

	open_as(&d, "alice", STORE_CREATE);
	ck_assert_int_eq(desk_config_set(&d, "clock.review", "20m"), ST_OK);
	ck_assert_int_eq(d.clocks.review.amount, 20 * 60);
	ck_assert_int_eq(desk_config_set(&d, "promise.dispatch.normal", "2bd"), ST_OK);
	t_order_add(&d, "R1", "Wang Wei", no, sizeof no);
	struct advance_req req = { .order_no = no, .to = -1, .expected_version = -1 };
	ck_assert_int_eq(desk_advance(&d, &req), ST_OK);
	struct order o;
	ck_assert_int_eq(store_order_get(d.store, no, &o), ST_OK);
	ck_assert_int_eq(o.due_at, T_MONDAY_0900 + 20 * 60);
	desk_close(&d);
	/* another operator opening the store later works by the same rules */
	open_as(&d, "alice", 0);
	ck_assert_int_eq(d.clocks.review.amount, 20 * 60);
	ck_assert_int_eq(d.clocks.promise_normal.unit, DUR_BUSINESS_DAYS);
	desk_close(&d);
}
END_TEST

START_TEST(holidays_are_loaded)
{
	struct desk d;

	open_as(&d, "alice", STORE_CREATE);
	ck_assert_int_eq(d.cal.count, 0);
	desk_close(&d);
	tamper(path, "INSERT INTO holidays (day, name) VALUES ('2026-12-25', 'x'), ('2026-11-20', 'y')");
	open_as(&d, "alice", 0);
	ck_assert_int_eq(d.cal.count, 2);
	ck_assert_int_eq(d.cal.holidays[0], calendar_parse_date("2026-11-20"));
	ck_assert_int_eq(d.cal.holidays[1], calendar_parse_date("2026-12-25"));
	desk_close(&d);
}
END_TEST

/* ---- invariants ---- */

START_TEST(check_passes_on_a_fresh_store)
{
	struct desk d;
	char no[40];

	open_as(&d, "alice", STORE_CREATE);
	ck_assert_int_eq(desk_check(&d), ST_OK);
	ck_assert_ptr_nonnull(strstr(desk_message(&d), "invariants hold"));
	t_order_add(&d, "R1", "Wang Wei", no, sizeof no);
	t_order_add(&d, "R2", "Li Na", no, sizeof no);
	ck_assert_int_eq(desk_cancel(&d, no, "test"), ST_OK);
	ck_assert_int_eq(desk_check(&d), ST_OK);
	desk_close(&d);
}
END_TEST

/* Each tampering, and the words the check must answer with. */
static const struct {
	const char *sql;
	const char *says;
} breaks[] = {
	{ "UPDATE stage_counts SET n = n + 1 WHERE stage = 'review'", "stage counts" },
	{ "UPDATE channel_days SET n = n + 1", "orders per channel and day" },
	{ "INSERT INTO fresh_counts VALUES ('review', (SELECT stage_at FROM orders WHERE channel_ref = 'R1') / 10, 1)",
	  "fresh slots" },
	{ "INSERT INTO channel_days (channel, day, n) VALUES ('ST', 20000, 1)", "orders per channel and day" },
	{ "UPDATE orders SET open_exc = 2 WHERE channel_ref = 'R1'", "open exception counts" },
	{ "UPDATE orders SET exc_kinds = 'sla_breach' WHERE channel_ref = 'R1'", "open exception kinds" },
	{ "UPDATE orders SET lines = 3 WHERE channel_ref = 'R1'", "order line counts" },
	{ "UPDATE orders SET items = 7 WHERE channel_ref = 'R1'", "order line counts" },
	{ "UPDATE orders SET order_no = '2026-EC-1' WHERE channel_ref = 'R1'", "order numbers" },
	{ "DROP TRIGGER events_no_update", "event log is protected" },
	{ "DROP TRIGGER events_no_delete", "event log is protected" },
	{ "DROP TRIGGER orders_no_delete", "event log is protected" },
	{ "INSERT INTO products (sku) VALUES ('SKU-9'); "
	  "INSERT INTO stock (sku, warehouse, on_hand, locked) VALUES ('SKU-9', 'MAIN', 5, 2)",
	  "stock locked equals" },
	{ "PRAGMA foreign_keys = OFF; INSERT INTO order_lines (order_id, line_no, sku, qty) "
	  "VALUES (999, 1, 'X', 1)", "foreign keys" },
	{ "PRAGMA user_version = 0", "schema version" },
};

START_TEST(check_names_the_broken_invariant)
{
	struct desk d;
	char no[40];

	open_as(&d, "alice", STORE_CREATE);
	t_order_add(&d, "R1", "Wang Wei", no, sizeof no);
	ck_assert_int_eq(desk_check(&d), ST_OK);
	tamper(path, breaks[_i].sql);
	ck_assert_int_eq(desk_check(&d), ST_REFUSED);
	ck_assert_msg(strstr(desk_message(&d), breaks[_i].says) != NULL, "after '%s': '%s' does not say '%s'",
	              breaks[_i].sql, desk_message(&d), breaks[_i].says);
	desk_close(&d);
}
END_TEST

START_TEST(a_viewer_may_check)
{
	struct desk d;

	open_as(&d, "alice", STORE_CREATE);
	desk_close(&d);
	open_as(&d, "stranger", 0);
	ck_assert_int_eq(d.role, ROLE_VIEWER);
	ck_assert_int_eq(desk_check(&d), ST_OK);
	desk_close(&d);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("desk_admin");
	TCase *tc = tcase_create("admin");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, creator_is_admin_and_strangers_are_viewers);
	tcase_add_test(tc, os_login_is_the_default_operator);
	tcase_add_test(tc, only_admins_manage_users);
	tcase_add_test(tc, user_requests_are_checked);
	tcase_add_test(tc, the_last_admin_stays);
	tcase_add_test(tc, setting_defaults_agree_with_the_clocks);
	tcase_add_test(tc, config_get_and_set);
	tcase_add_test(tc, config_values_are_validated);
	tcase_add_test(tc, only_admins_change_settings);
	tcase_add_test(tc, clocks_take_effect_after_set);
	tcase_add_test(tc, holidays_are_loaded);
	tcase_add_test(tc, check_passes_on_a_fresh_store);
	tcase_add_loop_test(tc, check_names_the_broken_invariant, 0, (int)(sizeof breaks / sizeof breaks[0]));
	tcase_add_test(tc, a_viewer_may_check);
	suite_add_tcase(s, tc);
	return t_run(s);
}
