/* store_read_begin: a reader sees one moment however others commit meanwhile. */
#include "support.h"
#include "ordesk/store_order.h"

static long long count_orders(struct store *s)
{
	sqlite3_stmt *st;
	long long n = -1;

	ck_assert_int_eq(sqlite3_prepare_v2(store_db(s), "SELECT count(*) FROM orders", -1, &st, NULL), SQLITE_OK);
	if (sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return n;
}

START_TEST(reader_keeps_its_snapshot)
{
	struct desk writer;
	struct store *reader;
	char err[256], no[40];

	t_desk_open(&writer, ROLE_CLERK, T_MONDAY_0900);
	t_order_add(&writer, "R1", "Anna", no, sizeof no);
	ck_assert_int_eq(store_open(t_desk_path(&writer), 0, &reader, err, sizeof err), ST_OK);

	ck_assert_int_eq(store_read_begin(reader), ST_OK);
	ck_assert_int_eq(count_orders(reader), 1);
	t_order_add(&writer, "R2", "Bert", no, sizeof no);
	ck_assert_int_eq(count_orders(reader), 1);       /* still the first moment */
	ck_assert_int_eq(store_begin(reader), ST_INTERNAL); /* no write inside a read */
	store_read_end(reader);
	ck_assert_int_eq(count_orders(reader), 2);       /* a new read sees the commit */

	/* The writer is never blocked by the reader's snapshot. */
	ck_assert_int_eq(store_read_begin(reader), ST_OK);
	ck_assert_int_eq(count_orders(reader), 2);
	t_order_add(&writer, "R3", "Carl", no, sizeof no);
	store_read_end(reader);
	ck_assert_int_eq(count_orders(reader), 3);

	store_close(reader);
	t_desk_close(&writer);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("store_snapshot");
	TCase *tc = tcase_create("snapshot");

	tcase_add_test(tc, reader_keeps_its_snapshot);
	suite_add_tcase(s, tc);
	return t_run(s);
}
