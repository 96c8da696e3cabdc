/* desk/backup.c and store/backup.c: whole-store backup and restore. */
#include "support.h"
#include "ordesk/desk_admin.h"
#include "ordesk/desk_backup.h"
#include "ordesk/store_order.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char dir[64], copy[128];

static void make_dir(void)
{
	snprintf(dir, sizeof dir, "/tmp/ordesk-bk.XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(dir));
	snprintf(copy, sizeof copy, "%s/copy.db", dir);
}

static void remove_dir(void)
{
	static const char *const suffixes[] = { "", "-wal", "-shm", "-journal" };
	char file[160];

	for (size_t i = 0; i < sizeof suffixes / sizeof suffixes[0]; i++) {
		snprintf(file, sizeof file, "%s%s", copy, suffixes[i]);
		unlink(file);
	}
	snprintf(file, sizeof file, "%s/junk", dir);
	unlink(file);
	rmdir(dir);
}

START_TEST(backup_is_a_private_copy_that_opens_as_a_store)
{
	struct desk d, b;
	struct order o;
	struct stat st;
	char no[40];

	make_dir();
	t_desk_open(&d, ROLE_SUPERVISOR, T_MONDAY_0900);
	t_order_add(&d, "R1", "Wang Wei", no, sizeof no);
	mode_t old = umask(022);
	ck_assert_int_eq(desk_backup(&d, copy), ST_OK);
	umask(old);
	ck_assert_int_eq(stat(copy, &st), 0);
	ck_assert_int_eq(st.st_mode & 0777, 0600);
	/* A second backup never overwrites a file. */
	ck_assert_int_eq(desk_backup(&d, copy), ST_REFUSED);
	ck_assert_ptr_nonnull(strstr(desk_message(&d), "exists"));
	t_desk_close(&d);

	memset(&b, 0, sizeof b);
	b.fixed_now = T_MONDAY_0900;
	ck_assert_int_eq(desk_open(&b, copy, "tester", 0), ST_OK);
	ck_assert_int_eq(store_order_get(b.store, no, &o), ST_OK);
	ck_assert_str_eq(o.customer, "Wang Wei");
	ck_assert_int_eq(desk_check(&b), ST_OK);
	desk_close(&b);
	remove_dir();
}
END_TEST

START_TEST(clerk_may_not_back_up_nor_restore)
{
	struct desk d;

	make_dir();
	t_desk_open(&d, ROLE_CLERK, T_MONDAY_0900);
	ck_assert_int_eq(desk_backup(&d, copy), ST_DENIED);
	ck_assert_int_ne(access(copy, F_OK), 0);
	ck_assert_int_eq(desk_restore(&d, copy), ST_DENIED);
	t_desk_close(&d);
	remove_dir();
}
END_TEST

START_TEST(restore_brings_back_the_backup_and_logs_it)
{
	struct desk d;
	struct order o;
	char first[40], second[40];

	make_dir();
	t_desk_open(&d, ROLE_ADMIN, T_MONDAY_0900);
	t_order_add(&d, "R1", "Wang Wei", first, sizeof first);
	ck_assert_int_eq(desk_backup(&d, copy), ST_OK);
	t_order_add(&d, "R2", "Li Na", second, sizeof second);
	ck_assert_int_eq(store_order_get(d.store, second, &o), ST_OK);

	ck_assert_int_eq(desk_restore(&d, copy), ST_OK);
	ck_assert_int_eq(store_order_get(d.store, first, &o), ST_OK);
	ck_assert_int_ne(store_order_get(d.store, second, &o), ST_OK);
	ck_assert_int_eq(desk_check(&d), ST_OK);

	sqlite3_stmt *st;
	ck_assert_int_eq(sqlite3_prepare_v2(store_db(d.store),
	                 "SELECT count(*) FROM events WHERE what = 'restore' AND to_val = ?1", -1, &st, NULL),
	                 SQLITE_OK);
	sqlite3_bind_text(st, 1, copy, -1, SQLITE_STATIC);
	ck_assert_int_eq(sqlite3_step(st), SQLITE_ROW);
	ck_assert_int_eq(sqlite3_column_int(st, 0), 1);
	sqlite3_finalize(st);
	t_desk_close(&d);
	remove_dir();
}
END_TEST

START_TEST(restore_refuses_what_is_not_an_ordesk_store)
{
	struct desk d;
	char junk[128];
	FILE *fp;

	make_dir();
	t_desk_open(&d, ROLE_ADMIN, T_MONDAY_0900);
	snprintf(junk, sizeof junk, "%s/junk", dir);
	fp = fopen(junk, "w");
	ck_assert_ptr_nonnull(fp);
	fputs("order,sku\n1,A\n", fp);
	fclose(fp);
	ck_assert_int_eq(desk_restore(&d, junk), ST_DATAERR);
	ck_assert_int_eq(desk_restore(&d, t_desk_path(&d)), ST_REFUSED);
	ck_assert_int_eq(desk_check(&d), ST_OK);
	t_desk_close(&d);
	remove_dir();
}
END_TEST

START_TEST(backup_is_stamped_and_leaves_nothing_else)
{
	struct desk d;
	char fifo[128];
	sqlite3 *db;
	DIR *dp;
	struct dirent *e;
	int files = 0, app = 0;

	make_dir();
	t_desk_open(&d, ROLE_ADMIN, T_MONDAY_0900);
	ck_assert_int_eq(desk_backup(&d, copy), ST_OK);
	/* Only the backup itself: the temporary name it was written under is gone. */
	ck_assert_ptr_nonnull(dp = opendir(dir));
	while ((e = readdir(dp)))
		if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0) {
			ck_assert_str_eq(e->d_name, "copy.db");
			files++;
		}
	closedir(dp);
	ck_assert_int_eq(files, 1);
	ck_assert_int_eq(sqlite3_open_v2(copy, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
	sqlite3_stmt *st;
	ck_assert_int_eq(sqlite3_prepare_v2(db, "PRAGMA application_id", -1, &st, NULL), SQLITE_OK);
	ck_assert_int_eq(sqlite3_step(st), SQLITE_ROW);
	app = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	sqlite3_close(db);
	ck_assert_int_eq(app, STORE_APPLICATION_ID);
	/* A FIFO is refused without waiting for a writer. */
	snprintf(fifo, sizeof fifo, "%s/junk", dir);
	ck_assert_int_eq(mkfifo(fifo, 0600), 0);
	ck_assert_int_eq(desk_restore(&d, fifo), ST_DATAERR);
	ck_assert_ptr_nonnull(strstr(desk_message(&d), "not a regular file"));
	t_desk_close(&d);
	remove_dir();
}
END_TEST

int main(void)
{
	Suite *s = suite_create("backup");
	TCase *tc = tcase_create("backup");

	tcase_add_test(tc, backup_is_a_private_copy_that_opens_as_a_store);
	tcase_add_test(tc, clerk_may_not_back_up_nor_restore);
	tcase_add_test(tc, restore_brings_back_the_backup_and_logs_it);
	tcase_add_test(tc, restore_refuses_what_is_not_an_ordesk_store);
	tcase_add_test(tc, backup_is_stamped_and_leaves_nothing_else);
	suite_add_tcase(s, tc);
	return t_run(s);
}
