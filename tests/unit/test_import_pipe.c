/* The piped import makes the same callbacks as the plain one, on the
 * calling thread, in the same order, and stops where the sink stops it. */
#include "support.h"

#include <dirent.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "ordesk/import.h"
#include "ordesk/import_pipe.h"

/* What a sink saw, as text. */
struct log {
	char *text;
	size_t len, cap;
	long orders, rejects, asks, progress;
	long stop_after;          /* orders: the order callback returns ST_REFUSED at this one */
	long stop_reject_after;   /* rejects: likewise */
	int off_thread;           /* a callback ran on another thread */
	pthread_t caller;
	char asked[64][32];
	int nasked;
	int peek;                 /* at the first order, wait, then see how far the reader went */
	FILE *fp;                 /* the file being read */
	long ahead;               /* at the first order: bytes the reader had read */
};

static void say(struct log *l, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void say(struct log *l, const char *fmt, ...)
{
	va_list ap;
	char buf[4096];

	va_start(ap, fmt);
	int n = vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	if ((size_t)n >= sizeof buf)
		n = sizeof buf - 1;
	if (l->len + (size_t)n + 1 > l->cap) {
		l->cap = (l->cap + (size_t)n + 1) * 2;
		l->text = realloc(l->text, l->cap);
		ck_assert_ptr_nonnull(l->text);
	}
	memcpy(l->text + l->len, buf, (size_t)n + 1);
	l->len += (size_t)n;
}

static void on_thread(struct log *l)
{
	if (!pthread_equal(pthread_self(), l->caller))
		l->off_thread = 1;
}

static const char *z(const char *s)
{
	return s ? s : "(null)";
}

static int on_order(void *arg, const struct import_order *o)
{
	struct log *l = arg;

	on_thread(l);
	if (l->orders == 0 && l->peek) {
		/* give the reader all the time it wants, then see how far it went */
		struct timespec pause = { 0, 300 * 1000000L };
		nanosleep(&pause, NULL);
		l->ahead = ftell(l->fp);
	}
	l->orders++;
	say(l, "order %s/%s %ld-%ld [%s|%s|%s|%s|%s|%s|%s|%s] t%d y%d at%lld total%lld c%d s%d %d:%s %s:",
	    z(o->channel), z(o->ref), o->line, o->end_line, z(o->customer), z(o->phone), z(o->email),
	    z(o->address), z(o->note), z(o->flags), z(o->state), z(o->currency), o->tier, o->type,
	    (long long)o->ordered_at, o->total_cents, o->cancelled, o->shipped, o->cause_field,
	    z(o->cause), o->hash);
	for (int i = 0; i < o->nlines; i++)
		say(l, " %s/%s*%ld@%lld(%ld)", z(o->lines[i].sku), z(o->lines[i].name), o->lines[i].qty,
		    o->lines[i].unit_cents, o->lines[i].line);
	for (int i = 0; i < o->nproblems; i++)
		say(l, " !%d@%ld'%s'%s", o->problems[i].field, o->problems[i].line, o->problems[i].value,
		    o->problems[i].why);
	say(l, " more%d\n", o->more_problems);
	return l->stop_after && l->orders == l->stop_after ? ST_REFUSED : 0;
}

static int on_reject(void *arg, const struct import_reject *r)
{
	struct log *l = arg;

	on_thread(l);
	l->rejects++;
	say(l, "reject %ld %s:", r->line, z(r->reason));
	for (int i = 0; i < r->nfields; i++)
		say(l, " [%s]", z(r->fields[i]));
	say(l, " |");
	for (int i = 0; i < r->nheader; i++)
		say(l, " [%s]", z(r->header[i]));
	say(l, "\n");
	return l->stop_reject_after && l->rejects == l->stop_reject_after ? ST_REFUSED : 0;
}

/* Every channel is known but XX. */
static int on_channel(void *arg, const char *code)
{
	struct log *l = arg;

	on_thread(l);
	l->asks++;
	if (l->nasked < 64)
		snprintf(l->asked[l->nasked++], sizeof l->asked[0], "%s", code);
	return strcmp(code, "XX") != 0;
}

static void on_progress(void *arg, long long bytes, long rows)
{
	struct log *l = arg;

	on_thread(l);
	(void)bytes;
	(void)rows;
	l->progress++;
}

typedef enum status (*import_fn)(FILE *, const struct import_opts *, const struct import_sink *,
                                 struct import_result *);

static enum status run(import_fn fn, const char *data, size_t len, struct log *l, struct import_result *res)
{
	FILE *fp = len ? fmemopen((void *)(size_t)data, len, "rb") : fopen("/dev/null", "rb");
	struct import_opts o = { NULL, NULL };
	struct import_sink sink = { on_order, on_reject, on_channel, on_progress, l };

	ck_assert_ptr_nonnull(fp);
	l->caller = pthread_self();
	l->fp = fp;
	memset(res, 0, sizeof *res);
	enum status st = fn(fp, &o, &sink, res);
	fclose(fp);
	return st;
}

static void log_free(struct log *l)
{
	free(l->text);
	memset(l, 0, sizeof *l);
}

/* Runs both ways and compares everything the sink and the result saw. */
static void same_both_ways(const char *name, const char *data, size_t len)
{
	struct log a = { 0 }, b = { 0 };
	struct import_result ra, rb;
	enum status sa = run(import_orders, data, len, &a, &ra);
	enum status sb = run(import_orders_piped, data, len, &b, &rb);

	ck_assert_msg(sa == sb, "%s: status %d plain, %d piped", name, sa, sb);
	ck_assert_msg((a.text == NULL) == (b.text == NULL), "%s: callbacks differ", name);
	if (a.text)
		ck_assert_msg(strcmp(a.text, b.text) == 0, "%s: callbacks differ:\n%s\n---\n%s", name, a.text,
		              b.text);
	ck_assert_int_eq(a.orders, b.orders);
	ck_assert_int_eq(a.rejects, b.rejects);
	ck_assert_int_eq(ra.rows, rb.rows);
	ck_assert_int_eq(ra.orders, rb.orders);
	ck_assert_int_eq(ra.rejected, rb.rejected);
	ck_assert_str_eq(ra.profile, rb.profile);
	ck_assert_int_eq(ra.err.line, rb.err.line);
	ck_assert_int_eq(ra.err.col, rb.err.col);
	ck_assert_str_eq(ra.err.what, rb.err.what);
	ck_assert_str_eq(ra.why, rb.why);
	ck_assert_int_eq(ra.dialect.encoding, rb.dialect.encoding);
	ck_assert_msg(!b.off_thread, "%s: a piped callback ran off the calling thread", name);
	/* each code asked once, and only codes the plain import asked too */
	for (int i = 0; i < b.nasked; i++) {
		int found = 0;
		for (int j = 0; j < b.nasked; j++)
			ck_assert(j == i || strcmp(b.asked[i], b.asked[j]) != 0);
		for (int j = 0; j < a.nasked; j++)
			found |= strcmp(b.asked[i], a.asked[j]) == 0;
		ck_assert_msg(found, "%s: piped asked for %s", name, b.asked[i]);
	}
	log_free(&a);
	log_free(&b);
}

static char *slurp(const char *path, size_t *len)
{
	FILE *fp = fopen(path, "rb");
	char *buf = NULL;
	size_t cap = 0, n = 0, got;

	ck_assert_msg(fp != NULL, "cannot open %s", path);
	do {
		if (n + 65536 > cap) {
			cap = (cap + 65536) * 2;
			buf = realloc(buf, cap);
			ck_assert_ptr_nonnull(buf);
		}
		got = fread(buf + n, 1, cap - n, fp);
		n += got;
	} while (got > 0);
	fclose(fp);
	*len = n;
	return buf;
}

START_TEST(every_test_file_gives_the_same_callbacks)
{
	char where[512];
	snprintf(where, sizeof where, "%s/data/import", t_tests_dir());
	DIR *dir = opendir(where);
	struct dirent *e;
	int files = 0;

	ck_assert_msg(dir != NULL, "cannot open %s", where);
	while ((e = readdir(dir)) != NULL) {
		char path[1024];
		size_t len;
		if (e->d_name[0] == '.' || strcmp(e->d_name, "EXPECTED") == 0)
			continue;
		snprintf(path, sizeof path, "%s/%s", where, e->d_name);
		char *data = slurp(path, &len);
		same_both_ways(e->d_name, data, len);
		free(data);
		files++;
	}
	closedir(dir);
	ck_assert_int_ge(files, 20);
}
END_TEST

#define HEADER "channel,order_ref,ordered_at,customer,tier,phone,address,sku,qty,unit_price,type,flags,note\n"

/* orders orders of one to three lines over three channels (XX unknown),
 * a row without an order id every 97th order, damage at the end if asked. */
static char *big_file(int orders, const char *tail, size_t *len)
{
	size_t cap = (size_t)orders * 400 + 4096, n = 0;
	char *buf = malloc(cap);

	ck_assert_ptr_nonnull(buf);
	n += (size_t)snprintf(buf + n, cap - n, HEADER);
	for (int o = 1; o <= orders; o++) {
		const char *ch = o % 50 == 0 ? "XX" : o % 3 ? "EC" : "ST";
		for (int k = 0; k <= o % 3; k++)
			n += (size_t)snprintf(buf + n, cap - n,
			                      "%s,P-%06d,2026-11-15 %02d:%02d,Customer %d,,+86 138 0000 %04d,"
			                      "\"%d Pipe Road, Town\",SKU-%03d,%d,%d.%02d,,,\n",
			                      ch, o, o % 24, o % 60, o, o % 10000, o, (o + k) % 500, 1 + k, o % 90, k);
		if (o % 97 == 0)
			n += (size_t)snprintf(buf + n, cap - n, "EC,,2026-11-15 10:00,Nobody,,,,SKU-001,1,1,,,\n");
	}
	if (tail)
		n += (size_t)snprintf(buf + n, cap - n, "%s", tail);
	*len = n;
	return buf;
}

START_TEST(a_long_file_gives_the_same_callbacks)
{
	size_t len;
	char *data = big_file(6000, NULL, &len);

	same_both_ways("long file", data, len);
	free(data);
}
END_TEST

START_TEST(damage_after_many_orders_stops_the_same_way)
{
	size_t len;
	char *data = big_file(3000, "EC,P-999999,2026-11-15 10:00,\"never closed,,,SKU-001,1,1,,,\n", &len);
	struct log l = { 0 };
	struct import_result res;

	same_both_ways("damaged long file", data, len);
	ck_assert_int_eq(run(import_orders_piped, data, len, &l, &res), ST_DATAERR);
	ck_assert_int_gt(res.err.line, 3000);
	ck_assert_int_eq(l.orders, 3000 - 3000 / 50);   /* every order before the damage, XX's rejected */
	log_free(&l);
	free(data);
}
END_TEST

START_TEST(the_sink_stops_it_at_once)
{
	size_t len;
	char *data = big_file(5000, NULL, &len);
	struct import_result res;

	/* the reader is far ahead when the sink says stop: no order after it */
	for (long at = 1; at <= 2001; at += 500) {
		struct log l = { 0 };
		l.stop_after = at;
		ck_assert_int_eq(run(import_orders_piped, data, len, &l, &res), ST_REFUSED);
		ck_assert_int_eq(l.orders, at);
		log_free(&l);
	}
	/* and a reject callback stops it too */
	struct log r = { 0 };
	r.stop_reject_after = 3;
	ck_assert_int_eq(run(import_orders_piped, data, len, &r, &res), ST_REFUSED);
	ck_assert_int_eq(r.rejects, 3);
	log_free(&r);
	free(data);
}
END_TEST

START_TEST(callbacks_stay_on_the_calling_thread)
{
	size_t len;
	char *data = big_file(40000, NULL, &len);
	struct log l = { 0 };
	struct import_result res;

	ck_assert_int_eq(run(import_orders_piped, data, len, &l, &res), ST_OK);
	ck_assert_int_gt(l.progress, 0);
	ck_assert_int_gt(l.orders, 39000);
	ck_assert(!l.off_thread);
	/* three codes, each asked once however many orders carry it */
	ck_assert_int_eq(l.asks, 3);
	log_free(&l);
	free(data);
}
END_TEST

/* Orders of long rows: the reader stays a few MiB ahead, not 256 orders. */
START_TEST(the_reader_stays_a_few_mib_ahead)
{
	size_t cap = 200 * 130000 + 4096, n = 0;
	char *data = malloc(cap), *big = malloc(60001);
	struct log l = { .peek = 1 };
	struct import_result res;

	ck_assert_ptr_nonnull(data);
	ck_assert_ptr_nonnull(big);
	memset(big, 'x', 60000);
	big[60000] = '\0';
	n += (size_t)snprintf(data + n, cap - n, HEADER);
	for (int o = 1; o <= 200; o++)
		n += (size_t)snprintf(data + n, cap - n,
		                      "EC,L-%d,2026-11-15 10:00,Long %d,,+86 138 0000 %04d,\"%s\",SKU-1,1,1,,,\"%s\"\n",
		                      o, o, o, big, big);
	ck_assert_int_eq(run(import_orders_piped, data, n, &l, &res), ST_OK);
	ck_assert_int_eq(l.orders, 200);
	ck_assert_int_gt(l.ahead, 0);
	ck_assert_msg(l.ahead < 8L << 20, "the reader was %ld bytes ahead of a %zu-byte file", l.ahead, n);
	log_free(&l);
	free(big);
	free(data);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("import_pipe");
	TCase *tc = tcase_create("pipe");

	tcase_add_test(tc, every_test_file_gives_the_same_callbacks);
	tcase_add_test(tc, a_long_file_gives_the_same_callbacks);
	tcase_add_test(tc, damage_after_many_orders_stops_the_same_way);
	tcase_add_test(tc, the_sink_stops_it_at_once);
	tcase_add_test(tc, callbacks_stay_on_the_calling_thread);
	tcase_add_test(tc, the_reader_stays_a_few_mib_ahead);
	suite_add_tcase(s, tc);
	return t_run(s);
}
