/* Where a store may live (store/fs.c) and the configuration files naming it (core/conffile.c). */
#include "support.h"
#include "ordesk/conffile.h"
#include "ordesk/store_fs.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

START_TEST(conffile_reads_db_and_skips_comments)
{
	struct conffile c;
	const char *why = "unset";

	ck_assert_int_eq(conffile_parse("# shared store\n\n  db =  /var/lib/ordesk/ordesk.db  \r\n", &c, &why), 0);
	ck_assert_str_eq(c.db, "/var/lib/ordesk/ordesk.db");
	ck_assert_ptr_null(why);
	ck_assert_int_eq(conffile_parse("db=~/desk.db", &c, &why), 0);
	ck_assert_str_eq(c.db, "~/desk.db");
	ck_assert_int_eq(conffile_parse("", &c, &why), 0);
	ck_assert_str_eq(c.db, "");
}
END_TEST

START_TEST(conffile_names_the_bad_line)
{
	struct conffile c;
	const char *why;

	ck_assert_int_eq(conffile_parse("# ok\ndb = /a.db\ncolour = red\n", &c, &why), 3);
	ck_assert_ptr_nonnull(strstr(why, "unknown setting"));
	ck_assert_int_eq(conffile_parse("db /a.db\n", &c, &why), 1);
	ck_assert_int_eq(conffile_parse("\n\ndb = relative/a.db\n", &c, &why), 3);
	ck_assert_ptr_nonnull(strstr(why, "absolute"));
	ck_assert_int_eq(conffile_parse("db = /a\x1b[2J.db\n", &c, &why), 1);
	ck_assert_ptr_nonnull(strstr(why, "control"));
}
END_TEST

START_TEST(network_file_systems_are_known)
{
	ck_assert_str_eq(store_fs_network(0x6969), "nfs");
	ck_assert_str_eq(store_fs_network(0xff534d42UL), "cifs");
	ck_assert_str_eq(store_fs_network(0xfe534d42UL), "smb2");
	ck_assert_str_eq(store_fs_network(0x517b), "smb");
	ck_assert_ptr_null(store_fs_network(0xef53));       /* ext4 */
	ck_assert_ptr_null(store_fs_network(0x58465342));   /* xfs */
	ck_assert_ptr_null(store_fs_network(0x01021994));   /* tmpfs */
}
END_TEST

static char dir[64];

static void make_dir(void)
{
	snprintf(dir, sizeof dir, "/tmp/ordesk-fs.XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(dir));
}

static void remove_dir(void)
{
	char cmd[128];

	/* Only what these tests make in their own mkdtemp directory. */
	snprintf(cmd, sizeof cmd, "%s/a/s.db", dir);
	unlink(cmd);
	snprintf(cmd, sizeof cmd, "%s/a", dir);
	rmdir(cmd);
	snprintf(cmd, sizeof cmd, "%s/s.db", dir);
	unlink(cmd);
	rmdir(dir);
}

START_TEST(private_directory_is_fine_and_store_is_made_0660)
{
	char path[128], real[4096], err[512] = "";
	struct stat st;

	make_dir();
	snprintf(path, sizeof path, "%s/s.db", dir);
	mode_t old = umask(0);
	ck_assert_int_eq(store_fs_prepare(path, 1, real, sizeof real, err, sizeof err), ST_OK);
	ck_assert_int_eq(stat(path, &st), 0);
	ck_assert_int_eq(st.st_mode & 0777, 0660);
	unlink(path);
	umask(077);
	ck_assert_int_eq(store_fs_prepare(path, 1, real, sizeof real, err, sizeof err), ST_OK);
	ck_assert_int_eq(stat(path, &st), 0);
	ck_assert_int_eq(st.st_mode & 0777, 0600);
	umask(old);
	/* Without create nothing is made. */
	unlink(path);
	ck_assert_int_eq(store_fs_prepare(path, 0, real, sizeof real, err, sizeof err), ST_OK);
	ck_assert_int_ne(access(path, F_OK), 0);
	remove_dir();
}
END_TEST

START_TEST(world_writable_directory_is_refused_even_sticky)
{
	char path[128], real[4096], err[512] = "";

	make_dir();
	snprintf(path, sizeof path, "%s/s.db", dir);
	ck_assert_int_eq(chmod(dir, 0777), 0);
	ck_assert_int_eq(store_fs_prepare(path, 1, real, sizeof real, err, sizeof err), ST_IOERR);
	ck_assert_ptr_nonnull(strstr(err, "writable by every user"));
	ck_assert_int_ne(access(path, F_OK), 0);
	ck_assert_int_eq(chmod(dir, 01777), 0);
	ck_assert_int_eq(store_fs_prepare(path, 1, real, sizeof real, err, sizeof err), ST_IOERR);
	ck_assert_ptr_nonnull(strstr(err, "writable by every user"));
	remove_dir();
}
END_TEST

START_TEST(open_parent_without_sticky_bit_is_refused)
{
	char sub[128], path[128], real[4096], err[512] = "";

	make_dir();
	snprintf(sub, sizeof sub, "%s/a", dir);
	snprintf(path, sizeof path, "%s/a/s.db", dir);
	ck_assert_int_eq(mkdir(sub, 0700), 0);
	ck_assert_int_eq(chmod(dir, 0777), 0);
	ck_assert_int_eq(store_fs_prepare(path, 1, real, sizeof real, err, sizeof err), ST_IOERR);
	ck_assert_ptr_nonnull(strstr(err, "above the store"));
	/* /tmp's way: sticky, so nobody can move a's directory away. */
	ck_assert_int_eq(chmod(dir, 01777), 0);
	ck_assert_int_eq(store_fs_prepare(path, 1, real, sizeof real, err, sizeof err), ST_OK);
	remove_dir();
}
END_TEST

START_TEST(group_writable_directory_of_another_user_is_refused)
{
	char path[128], real[4096], err[512] = "";

	if (getuid() != 0)
		return;   /* only root can give a directory away */
	make_dir();
	snprintf(path, sizeof path, "%s/s.db", dir);
	ck_assert_int_eq(chmod(dir, 0770), 0);
	ck_assert_int_eq(chown(dir, 65534, (gid_t)-1), 0);
	ck_assert_int_eq(store_fs_prepare(path, 1, real, sizeof real, err, sizeof err), ST_IOERR);
	ck_assert_ptr_nonnull(strstr(err, "neither root nor you"));
	ck_assert_int_eq(chown(dir, 0, (gid_t)-1), 0);
	ck_assert_int_eq(store_fs_prepare(path, 1, real, sizeof real, err, sizeof err), ST_OK);
	remove_dir();
}
END_TEST

START_TEST(links_are_followed_to_the_real_directory)
{
	char path[192], link[128], sub[128], real[4096], want[4096], err[512] = "";
	struct stat st;

	make_dir();
	snprintf(sub, sizeof sub, "%s/a", dir);
	ck_assert_int_eq(mkdir(sub, 0777), 0);
	chmod(sub, 0777);
	snprintf(path, sizeof path, "%s/s.db", sub);
	snprintf(link, sizeof link, "%s/s.db", dir);
	/* A relative link to a store not made yet, in a directory everyone may write. */
	ck_assert_int_eq(symlink("a/s.db", link), 0);
	ck_assert_int_eq(store_fs_resolve(link, real, sizeof real), 0);
	ck_assert_ptr_nonnull(realpath(sub, want));
	strcat(want, "/s.db");
	ck_assert_str_eq(real, want);
	ck_assert_int_eq(store_fs_prepare(link, 1, real, sizeof real, err, sizeof err), ST_IOERR);
	ck_assert_ptr_nonnull(strstr(err, "writable by every user"));
	ck_assert_int_ne(lstat(path, &st), 0);
	/* Private, the store is made behind the link, 0660 less the umask's group bits. */
	chmod(sub, 0700);
	mode_t old = umask(022);
	ck_assert_int_eq(store_fs_prepare(link, 1, real, sizeof real, err, sizeof err), ST_OK);
	umask(old);
	ck_assert_str_eq(real, want);
	ck_assert_int_eq(stat(path, &st), 0);
	ck_assert_int_eq(st.st_mode & 0777, 0640);
	unlink(link);
	remove_dir();
}
END_TEST

START_TEST(what_cannot_be_a_store_is_refused_untouched)
{
	char path[128], real[4096], err[512] = "";
	struct stat st;

	make_dir();
	ck_assert_int_eq(store_fs_prepare("/dev/null", 0, real, sizeof real, err, sizeof err), ST_DATAERR);
	ck_assert_ptr_nonnull(strstr(err, "not a regular file"));
	snprintf(path, sizeof path, "%s/s.db", dir);
	ck_assert_int_eq(mkfifo(path, 0600), 0);
	ck_assert_int_eq(store_fs_prepare(path, 1, real, sizeof real, err, sizeof err), ST_DATAERR);
	unlink(path);
	FILE *f = fopen(path, "w");
	ck_assert_ptr_nonnull(f);
	fclose(f);
	ck_assert_int_eq(store_fs_prepare(path, 0, real, sizeof real, err, sizeof err), ST_DATAERR);
	ck_assert_ptr_nonnull(strstr(err, "empty"));
	ck_assert_int_eq(store_fs_prepare(path, 1, real, sizeof real, err, sizeof err), ST_OK);
	f = fopen(path, "w");
	fputs("id,name\n1,x\n", f);
	fclose(f);
	ck_assert_int_eq(store_fs_prepare(path, 1, real, sizeof real, err, sizeof err), ST_DATAERR);
	ck_assert_ptr_nonnull(strstr(err, "not an SQLite database"));
	ck_assert_int_eq(stat(path, &st), 0);
	ck_assert_int_eq(st.st_size, 12);
	remove_dir();
}
END_TEST

int main(void)
{
	Suite *s = suite_create("store_fs");
	TCase *tc = tcase_create("fs");

	tcase_add_test(tc, conffile_reads_db_and_skips_comments);
	tcase_add_test(tc, conffile_names_the_bad_line);
	tcase_add_test(tc, network_file_systems_are_known);
	tcase_add_test(tc, private_directory_is_fine_and_store_is_made_0660);
	tcase_add_test(tc, world_writable_directory_is_refused_even_sticky);
	tcase_add_test(tc, open_parent_without_sticky_bit_is_refused);
	tcase_add_test(tc, group_writable_directory_of_another_user_is_refused);
	tcase_add_test(tc, links_are_followed_to_the_real_directory);
	tcase_add_test(tc, what_cannot_be_a_store_is_refused_untouched);
	suite_add_tcase(s, tc);
	return t_run(s);
}
