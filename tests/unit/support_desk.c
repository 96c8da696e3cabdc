/* Shared fixtures for the unit tests: temporary stores and orders. */
#include "support.h"
#include "ordesk/desk_order.h"
#include "ordesk/store_order.h"
#include "ordesk/store_user.h"
#include "ordesk/text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char paths[8][256];

static char *path_slot(const struct desk *d)
{
	/* One slot per open desk, found by the store's path. */
	for (int i = 0; i < 8; i++)
		if (d->store && strcmp(paths[i], store_path(d->store)) == 0)
			return paths[i];
	return NULL;
}

void t_desk_open(struct desk *d, enum role role, time_t now)
{
	char tmpl[] = "/tmp/ordesk-unit.XXXXXX";
	int i;

	ck_assert_ptr_nonnull(mkdtemp(tmpl));
	for (i = 0; i < 8 && paths[i][0]; i++)
		;
	ck_assert_int_lt(i, 8);
	snprintf(paths[i], sizeof paths[i], "%s/store.db", tmpl);
	memset(d, 0, sizeof *d);
	d->fixed_now = now;
	ck_assert_int_eq(desk_open(d, paths[i], "tester", STORE_CREATE), ST_OK);
	t_desk_set_role(d, role);
}

void t_desk_set_role(struct desk *d, enum role role)
{
	ck_assert_int_eq(store_begin(d->store), ST_OK);
	ck_assert_int_eq(store_user_put(d->store, d->login, role, d->fixed_now, "test"), ST_OK);
	ck_assert_int_eq(store_commit(d->store), ST_OK);
	d->role = role;
}

const char *t_desk_path(const struct desk *d)
{
	return path_slot(d);
}

void t_desk_close(struct desk *d)
{
	char *p = path_slot(d);
	static const char *const suffixes[] = { "", "-wal", "-shm", "-journal" };
	char file[300];

	desk_close(d);
	if (p) {
		for (size_t i = 0; i < sizeof suffixes / sizeof suffixes[0]; i++) {
			snprintf(file, sizeof file, "%.255s%s", p, suffixes[i]);
			unlink(file);
		}
		*strrchr(p, '/') = '\0';
		rmdir(p);
		p[0] = '\0';
	}
}

void t_order_add(struct desk *d, const char *ref, const char *customer, char *buf, size_t size)
{
	struct order o;
	struct order_line line;
	int serial;
	char day[16];
	struct tm tm;
	time_t now = desk_now(d);

	memset(&o, 0, sizeof o);
	memset(&line, 0, sizeof line);
	gmtime_r(&now, &tm);
	strftime(day, sizeof day, "%Y%m%d", &tm);
	ck_assert_int_eq(store_begin(d->store), ST_OK);
	ck_assert_int_eq(store_order_next_serial(d->store, day, "EC", &serial), ST_OK);
	snprintf(o.order_no, sizeof o.order_no, "%s-EC-%04d", day, serial);
	text_copy(o.channel, "EC", sizeof o.channel);
	text_copy(o.channel_ref, ref, sizeof o.channel_ref);
	text_copy(o.source, "test", sizeof o.source);
	text_copy(o.customer, customer, sizeof o.customer);
	text_copy(o.phone, "+86 138 0013 8000", sizeof o.phone);
	text_copy(o.address, "1 Test Road, Shanghai", sizeof o.address);
	text_copy(o.warehouse, "MAIN", sizeof o.warehouse);
	o.stage = STAGE_NEW;
	o.ordered_at = o.received_at = o.stage_at = now;
	o.total_cents = 1000;
	desk_order_prioritize(d, &o, 0);
	o.due_at = clock_stage_due(&d->clocks, &d->cal, STAGE_NEW, o.priority, now, now);
	text_copy(line.sku, "SKU-1", sizeof line.sku);
	line.qty = 1;
	line.unit_price_cents = 1000;
	ck_assert_int_eq(store_order_insert(d->store, &o, &line, 1), ST_OK);
	ck_assert_int_eq(store_commit(d->store), ST_OK);
	text_copy(buf, o.order_no, size);
}

const char *t_tests_dir(void)
{
	const char *dir = getenv("ORDESK_TESTS");
	return dir && *dir ? dir : "tests";
}

int t_golden_update(void)
{
	const char *mode = getenv("ORDESK_GOLDEN");
	return mode && strcmp(mode, "update") == 0;
}

int t_run(Suite *s)
{
	SRunner *sr = srunner_create(s);
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
