/*
 * libFuzzer target: arbitrary bytes through the whole import (reader,
 * profiles, grouping, the desk use case) into an in-memory store, once with
 * the header picking the profile and once with a profile forced (dry run);
 * every invariant of `ordesk check` must hold after each input.
 *
 *   make fuzz FUZZ_SECONDS=120
 */
#include "ordesk/desk.h"
#include "ordesk/desk_admin.h"
#include "ordesk/desk_import.h"
#include "ordesk/import_profile.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct desk desk;
static int ready;
static unsigned long runs;

static void fresh_store(void)
{
	static const char catalogue[] =
		"INSERT INTO products (sku, name) VALUES ('MUG-01', 'mug'), ('TEA-02', 'tea'), "
		"('PEN-03', 'pen'), ('RUL-12', 'ruler'), ('BAG-04', 'bag'), ('JD-7788', 'cup'), "
		"('DY-1001', 'ear'), ('DY-1002', 'case'), ('TB-3001', 'scarf')";

	if (ready)
		desk_close(&desk);
	memset(&desk, 0, sizeof desk);
	desk.fixed_now = (time_t)1794819600;   /* Monday 2026-11-16 09:00 UTC */
	if (desk_open(&desk, ":memory:", "fuzz", STORE_MEMORY) != ST_OK) {
		fprintf(stderr, "fuzz: cannot open a store: %s\n", desk_message(&desk));
		abort();
	}
	if (sqlite3_exec(store_db(desk.store), catalogue, NULL, NULL, NULL) != SQLITE_OK)
		abort();
	ready = 1;
}

static void import_once(const uint8_t *data, size_t size, const char *profile, int dry)
{
	struct desk_import_opts o = { .name = "fuzz.csv", .profile = profile, .dry_run = dry };
	struct desk_import_result res;
	FILE *fp = size ? fmemopen((void *)(uintptr_t)data, size, "rb") : fopen("/dev/null", "rb");

	if (!fp)
		abort();
	enum status st = desk_import(&desk, fp, &o, &res);
	fclose(fp);
	if (st != ST_OK && st != ST_DATAERR && st != ST_USAGE) {
		fprintf(stderr, "fuzz: import ended with %s: %s\n", status_name(st), desk_message(&desk));
		abort();
	}
	if (store_in_tx(desk.store)) {
		fprintf(stderr, "fuzz: a transaction was left open\n");
		abort();
	}
	if (desk_check(&desk) != ST_OK) {
		fprintf(stderr, "fuzz: %s\n", desk_message(&desk));
		abort();
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	size_t nprofiles = 0;

	if (!ready) {
		setenv("TZ", "UTC", 1);
		tzset();
	}
	/* A fresh store now and then keeps memory bounded; between, re-imports meet earlier orders. */
	if (!ready || runs++ % 500 == 0)
		fresh_store();
	import_once(data, size, NULL, 0);
	while (import_profile_builtin(nprofiles))
		nprofiles++;
	import_once(data, size, import_profile_builtin(size % nprofiles), 1);
	return 0;
}
