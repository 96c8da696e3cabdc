/* The board's reads: plans are index-backed, health in SQL matches health_of,
 * pages follow board order, counts, surge, search and the use cases on top. */
#include "support.h"
#include "ordesk/desk_admin.h"
#include "ordesk/desk_board.h"
#include "ordesk/desk_order.h"
#include "ordesk/health.h"
#include "ordesk/store_board.h"
#include "ordesk/store_order.h"
#include "ordesk/text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NOW T_MONDAY_0900

static void exec_sql(struct desk *d, const char *sql)
{
	char *err = NULL;
	int rc = sqlite3_exec(store_db(d->store), sql, NULL, NULL, &err);
	ck_assert_msg(rc == SQLITE_OK, "%s: %s", sql, err ? err : "");
}

/* Inserts an order with the fields health depends on. */
static void put(struct desk *d, int id, const char *stage, int prio, double score, long stage_ago,
                long due_in, int prev_on_time, const char *customer, const char *channel)
{
	char sql[1024];
	snprintf(sql, sizeof sql,
	         "INSERT INTO orders (id, order_no, channel, channel_ref, stage, priority, prio_rank, score, "
	         "ordered_at, received_at, stage_at, due_at, prev_on_time, customer, phone, items) VALUES "
	         "(%d, '20261116-%s-%04d', '%s', 'ref%d', '%s', '%s', %d, %f, %ld, %ld, %ld, %ld, %d, '%s', "
	         "'555-%04d', 1)",
	         id, channel, id, channel, id, stage, priority_name((enum priority)prio), prio, score,
	         (long)NOW - 7200, (long)NOW - 3600, (long)NOW - stage_ago,
	         due_in == 0 ? 0L : (long)NOW + due_in, prev_on_time, customer, id);
	exec_sql(d, sql);
	ck_assert_int_eq(store_order_counted(d->store, (enum stage)stage_parse(stage), channel, NOW - 3600,
	                                     NOW - stage_ago, prev_on_time, 1), ST_OK);
}

static void raise_exc(struct desk *d, int id, const char *kind)
{
	char sql[256];
	snprintf(sql, sizeof sql, "INSERT INTO exceptions (order_id, kind, stage, opened_at, opened_by) "
	         "VALUES (%d, '%s', 'new', %ld, 'tester')", id, kind, (long)NOW);
	exec_sql(d, sql);
}

static void check_plans(struct desk *d, const char *const *queries)
{
	static const char count_prefix[] = "SELECT count(*) FROM orders WHERE stage = ?1 AND open_exc = 0";
	for (const char *const *q = queries; *q; q++) {
		char eqp[4096];
		sqlite3_stmt *st;
		snprintf(eqp, sizeof eqp, "EXPLAIN QUERY PLAN %s", *q);
		ck_assert_int_eq(sqlite3_prepare_v2(store_db(d->store), eqp, -1, &st, NULL), SQLITE_OK);
		while (sqlite3_step(st) == SQLITE_ROW) {
			const char *detail = (const char *)sqlite3_column_text(st, 3);
			/* channel_days holds one row per channel and day: scanning it is the plan */
			int tiny = (strstr(*q, "FROM channel_days d") && strcmp(detail, "SCAN d") == 0) ||
			           strcmp(detail, "SCAN CONSTANT ROW") == 0;   /* SELECT of subqueries */
			ck_assert_msg(tiny || strncmp(detail, "SCAN ", 5) != 0, "full scan: %s\n  in %s", detail, *q);
			ck_assert_msg(strstr(detail, "TEMP B-TREE") == NULL, "sort without index: %s\n  in %s",
			              detail, *q);
			/* The header's counts read an index alone: a row per counted order
			 * would be a page per order on a large store. */
			int header = strncmp(*q, count_prefix, strlen(count_prefix)) == 0 || strstr(*q, "fresh_counts");
			if (header && strncmp(detail, "SEARCH orders", 13) == 0)
				ck_assert_msg(strstr(detail, "COVERING INDEX") != NULL, "count reads rows: %s\n  in %s",
				              detail, *q);
		}
		sqlite3_finalize(st);
	}
}

START_TEST(open_queries_use_indexes)
{
	struct desk d;
	t_desk_open(&d, ROLE_CLERK, NOW);
	check_plans(&d, store_board_open_queries());
	check_plans(&d, store_board_filter_queries());
	t_desk_close(&d);
}
END_TEST

START_TEST(filtered_pages_are_the_filtered_list)
{
	struct desk d;
	struct board_filter f;
	static struct board_card all[300], page[300];
	static const char *const chans[] = { "EC", "ST", "DS" };
	int n, m, count, red;

	t_desk_open(&d, ROLE_CLERK, NOW);
	exec_sql(&d, "BEGIN");
	for (int i = 1; i <= 300; i++)
		put(&d, i, i % 5 ? "review" : "done", i % 4, (double)(i * 37 % 101), 60,
		    i % 5 ? (i % 3 ? 3600 : -60) : 0, 0, "c", chans[i % 3]);
	exec_sql(&d, "COMMIT");
	for (int stage = STAGE_REVIEW; stage <= STAGE_DONE; stage += STAGE_DONE - STAGE_REVIEW) {
		board_filter_none(&f);
		ck_assert_int_eq(store_board_page(d.store, &f, NOW, (enum stage)stage, 0, 300, all, &n), ST_OK);
		for (int c = -1; c < 3; c++)
			for (int p = -1; p < PRIO_COUNT; p++)
				for (int h = -1; h < HEALTH_COUNT; h++) {
					board_filter_none(&f);
					if (c >= 0)
						text_copy(f.channel, chans[c], sizeof f.channel);
					f.priority = p;
					f.health = h;
					ck_assert_int_eq(store_board_page(d.store, &f, NOW, (enum stage)stage, 0, 300,
					                                  page, &m), ST_OK);
					int k = 0, reds = 0;
					for (int i = 0; i < n; i++) {
						enum health hh = desk_card_health(&d, &all[i]);
						if ((c >= 0 && strcmp(all[i].channel, chans[c]) != 0) ||
						    (p >= 0 && (int)all[i].priority != p) || (h >= 0 && (int)hh != h))
							continue;
						ck_assert_int_lt(k, m);
						ck_assert_int_eq(page[k].id, all[i].id);
						reds += hh == HEALTH_RED;
						k++;
					}
					ck_assert_int_eq(k, m);
					if (c < 0 && p < 0 && h < 0)
						continue;
					ck_assert_int_eq(store_board_column(d.store, &f, NOW, (enum stage)stage, &count,
					                                    &red), ST_OK);
					ck_assert_int_eq(count, m);
					ck_assert_int_eq(red, reds);
				}
	}
	t_desk_close(&d);
}
END_TEST

START_TEST(health_in_sql_matches_health_of)
{
	struct desk d;
	struct board_filter f;
	static struct board_card cards[200];
	int n, total = 0, id = 1;
	long agos[] = { 0, 60, 300, 599, 600, 1800, 2700, 3600, 7200 };
	long dues[] = { 0, -60, 0, 1, 60, 600, 1800, 3600 };

	t_desk_open(&d, ROLE_CLERK, NOW);
	for (size_t a = 0; a < sizeof agos / sizeof agos[0]; a++)
		for (size_t u = 0; u < sizeof dues / sizeof dues[0]; u++)
			for (int prev = 0; prev < 2; prev++) {
				put(&d, id, "picking", 2, 0, agos[a], dues[u], prev, "x", "EC");
				if (id % 7 == 0)
					raise_exc(&d, id, "needs_info");
				id++;
			}
	board_filter_none(&f);
	for (int h = 0; h < HEALTH_COUNT; h++) {
		f.health = h;
		ck_assert_int_eq(store_board_page(d.store, &f, NOW, STAGE_PICKING, 0, 200, cards, &n), ST_OK);
		for (int i = 0; i < n; i++)
			ck_assert_msg((int)desk_card_health(&d, &cards[i]) == h, "order %s: SQL says %s",
			              cards[i].order_no, health_name((enum health)h));
		int count, red;
		ck_assert_int_eq(store_board_column(d.store, &f, NOW, STAGE_PICKING, &count, &red), ST_OK);
		ck_assert_int_eq(count, n);
		total += n;
	}
	ck_assert_int_eq(total, id - 1);
	t_desk_close(&d);
}
END_TEST

START_TEST(pages_in_board_order_from_both_ends)
{
	struct desk d;
	struct board_filter f;
	static struct board_card all[400], page[20];
	int n, m;

	t_desk_open(&d, ROLE_CLERK, NOW);
	exec_sql(&d, "BEGIN");
	for (int i = 1; i <= 400; i++)
		put(&d, i, "review", i % 4, (double)(i * 37 % 101), 60, 3600 + (i % 13) * 60, 0, "c", "EC");
	exec_sql(&d, "COMMIT");
	board_filter_none(&f);
	ck_assert_int_eq(store_board_page(d.store, &f, NOW, STAGE_REVIEW, 0, 400, all, &n), ST_OK);
	ck_assert_int_eq(n, 400);
	for (int i = 1; i < n; i++) {
		const struct board_card *a = &all[i - 1], *b = &all[i];
		int ordered = a->priority < b->priority ||
		              (a->priority == b->priority && (a->score > b->score ||
		              (a->score == b->score && (a->due_at < b->due_at ||
		              (a->due_at == b->due_at && a->id < b->id)))));
		ck_assert_msg(ordered, "cards %d and %d out of order", i - 1, i);
	}
	/* Deep pages (read from the far end) are the same cards as the whole list. */
	int offsets[] = { 0, 5, 250, 300, 385, 395 };
	for (size_t k = 0; k < sizeof offsets / sizeof offsets[0]; k++) {
		ck_assert_int_eq(store_board_page(d.store, &f, NOW, STAGE_REVIEW, offsets[k], 20, page, &m), ST_OK);
		ck_assert_int_eq(m, offsets[k] + 20 > 400 ? 400 - offsets[k] : 20);
		for (int i = 0; i < m; i++)
			ck_assert_int_eq(page[i].id, all[offsets[k] + i].id);
	}
	t_desk_close(&d);
}
END_TEST

START_TEST(header_counts_red_yellow_and_surge)
{
	struct desk d;
	struct board_filter f;
	struct board_header h;

	t_desk_open(&d, ROLE_CLERK, NOW);
	put(&d, 1, "new", 2, 0, 60, 3600, 0, "a", "EC");         /* yellow */
	put(&d, 2, "new", 2, 0, 60, -60, 0, "b", "EC");          /* red: late */
	put(&d, 3, "locked", 2, 0, 60, 3600, 1, "c", "ST");      /* green: fresh */
	put(&d, 4, "picking", 2, 0, 60, 3600, 0, "d", "ST");     /* red: exception */
	raise_exc(&d, 4, "stock_short");
	put(&d, 5, "done", 2, 0, 60, 0, 1, "e", "DS");
	board_filter_none(&f);
	ck_assert_int_eq(desk_board_header(&d, &f, &h), ST_OK);
	ck_assert_int_eq(h.open, 4);
	ck_assert_int_eq(h.red, 2);
	ck_assert_int_eq(h.yellow, 1);
	ck_assert_int_eq(h.count[STAGE_NEW], 2);
	ck_assert_int_eq(h.red_in[STAGE_NEW], 1);
	ck_assert_int_eq(h.red_in[STAGE_PICKING], 1);
	ck_assert_int_eq(h.count[STAGE_DONE], 1);
	/* Under a filter the columns count what it lets through. */
	text_copy(f.channel, "ST", sizeof f.channel);
	ck_assert_int_eq(desk_board_header(&d, &f, &h), ST_OK);
	ck_assert_int_eq(h.count[STAGE_NEW], 0);
	ck_assert_int_eq(h.count[STAGE_PICKING], 1);
	ck_assert_int_eq(h.red_in[STAGE_PICKING], 1);
	ck_assert_int_eq(h.open, 4);
	/* Surge: a channel far above its trailing mean today. */
	char sql[256];
	long today = calendar_day(NOW);
	snprintf(sql, sizeof sql, "INSERT OR REPLACE INTO channel_days VALUES ('EC', %ld, 2), "
	         "('EC', %ld, 40), ('ST', %ld, 100), ('ST', %ld, 3)", today - 3, today, today - 1, today);
	exec_sql(&d, sql);
	ck_assert_int_eq(desk_board_header(&d, &f, &h), ST_OK);
	ck_assert_int_eq(h.nsurge, 1);
	ck_assert_str_eq(h.surge[0], "EC");
	t_desk_close(&d);
}
END_TEST

START_TEST(channel_days_counts_receipts)
{
	struct desk d;
	char no[64];
	t_desk_open(&d, ROLE_CLERK, NOW);
	t_order_add(&d, "r1", "a", no, sizeof no);
	t_order_add(&d, "r2", "b", no, sizeof no);
	sqlite3_stmt *st;
	ck_assert_int_eq(sqlite3_prepare_v2(store_db(d.store),
	                 "SELECT day, n FROM channel_days WHERE channel = 'EC'", -1, &st, NULL), SQLITE_OK);
	ck_assert_int_eq(sqlite3_step(st), SQLITE_ROW);
	ck_assert_int_eq(sqlite3_column_int64(st, 0), calendar_day(NOW));
	ck_assert_int_eq(sqlite3_column_int(st, 1), 2);
	sqlite3_finalize(st);
	t_desk_close(&d);
}
END_TEST

/* Green counted walking every order, as the health rules say. */
static int green_walked(struct desk *d, time_t now, const char *stage)
{
	char sql[512];
	sqlite3_stmt *st;
	int n = -1;

	snprintf(sql, sizeof sql, "SELECT count(*) FROM orders NOT INDEXED WHERE stage = '%s' AND open_exc = 0 "
	         "AND prev_on_time = 1 AND %ld - stage_at < %d AND due_at > %ld", stage, (long)now,
	         HEALTH_FRESH_SECONDS, (long)now);
	ck_assert_int_eq(sqlite3_prepare_v2(store_db(d->store), sql, -1, &st, NULL), SQLITE_OK);
	if (sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return n;
}

static void greens_agree(struct desk *d, time_t now)
{
	for (int s = STAGE_NEW; s <= STAGE_TRANSIT; s++) {
		int green, count, red, col_count, col_red;
		struct board_filter none;
		board_filter_none(&none);
		ck_assert_int_eq(store_board_health(d->store, now, (enum stage)s, &count, &red, &green), ST_OK);
		/* the header's count and red agree with the column's */
		ck_assert_int_eq(store_board_column(d->store, &none, now, (enum stage)s, &col_count, &col_red), ST_OK);
		ck_assert_int_eq(count, col_count);
		ck_assert_int_eq(red, col_red);
		ck_assert_msg(green == green_walked(d, now, stage_name((enum stage)s)),
		              "%s at now%+ld: %d green, walking finds %d", stage_name((enum stage)s),
		              (long)(now - NOW), green, green_walked(d, now, stage_name((enum stage)s)));
	}
}

/* The green count from fresh slots equals walking the orders: at every
 * second around the edges of the window and of the slots, after moves,
 * exceptions raised and resolved, and a prune. */
START_TEST(green_from_fresh_slots_equals_walking)
{
	struct desk d;
	int id = 1;

	t_desk_open(&d, ROLE_CLERK, NOW);
	/* on time before, entered 0 s .. 15 min ago, due in -2 .. +30 min */
	for (int ago = 0; ago <= 900; ago += 7, id++)
		put(&d, id, id % 3 ? "review" : "picking", 2, 1, ago, (id % 11) * 180 - 120, 1, "g", "EC");
	put(&d, id++, "locked", 2, 1, 30, 3600, 0, "not on time before", "EC");
	put(&d, id++, "done", 2, 1, 30, 0, 1, "done", "EC");
	exec_sql(&d, "UPDATE orders SET items = 0");   /* put's orders have no lines: check counts them */
	ck_assert_msg(desk_check(&d) == ST_OK, "%s", desk_message(&d));
	for (time_t now = NOW - 15; now <= NOW + 700; now += 1)
		if (now < NOW + 25 || now % 10 == 0 || now % 10 == 9 || now % 37 == 0)
			greens_agree(&d, now);
	/* moves: one fresh review order on to locked, on time; one back, late */
	ck_assert_int_eq(store_begin(d.store), ST_OK);
	ck_assert_int_eq(store_order_move(d.store, 4, STAGE_REVIEW, -1, STAGE_LOCKED, NOW - 5, NOW + 3600, 1), ST_OK);
	ck_assert_int_eq(store_order_move(d.store, 6, STAGE_PICKING, -1, STAGE_LOCKED, NOW - 4, NOW + 3600, 0), ST_OK);
	ck_assert_int_eq(store_commit(d.store), ST_OK);
	greens_agree(&d, NOW);
	greens_agree(&d, NOW + 300);
	/* an exception takes an order out of the green; resolving it brings it back */
	raise_exc(&d, 5, "needs_info");
	greens_agree(&d, NOW);
	exec_sql(&d, "UPDATE exceptions SET status = 'resolved', cause = 'other', action = 'x', resolved_at = 1 "
	             "WHERE order_id = 5");
	greens_agree(&d, NOW);
	ck_assert_msg(desk_check(&d) == ST_OK, "%s", desk_message(&d));
	/* the sweep's prune drops the slots older than an hour before its clock, only those */
	sqlite3_stmt *st;
	ck_assert_int_eq(sqlite3_prepare_v2(store_db(d.store), "SELECT count(*) FROM fresh_counts WHERE slot < ?1 / 10",
	                                    -1, &st, NULL), SQLITE_OK);
	sqlite3_bind_int64(st, 1, NOW - 60);
	ck_assert_int_eq(sqlite3_step(st), SQLITE_ROW);
	int old = sqlite3_column_int(st, 0);
	sqlite3_reset(st);
	ck_assert_int_gt(old, 0);
	ck_assert_int_eq(store_board_fresh_prune(d.store, NOW + 3600 - 60), ST_OK);
	ck_assert_int_eq(sqlite3_step(st), SQLITE_ROW);
	ck_assert_int_eq(sqlite3_column_int(st, 0), 0);
	sqlite3_finalize(st);
	/* the last minute's slots before NOW are still there: the window of NOW + 540 holds them */
	greens_agree(&d, NOW + 540);
	greens_agree(&d, NOW + 3600);
	t_desk_close(&d);
}
END_TEST

START_TEST(search_finds_by_each_key_and_locates)
{
	struct desk d;
	struct board_filter f;
	struct board_hit hits[10];
	int n, pos;

	t_desk_open(&d, ROLE_CLERK, NOW);
	put(&d, 1, "new", 2, 5, 60, 3600, 0, "张伟", "EC");
	put(&d, 2, "new", 0, 1, 60, 3600, 0, "Anna*", "EC");
	put(&d, 3, "picking", 2, 9, 60, 3600, 0, "张三", "ST");
	put(&d, 4, "cancelled", 2, 9, 60, 0, 0, "张四", "ST");
	exec_sql(&d, "INSERT INTO order_lines (order_id, line_no, sku, qty) VALUES (3, 1, 'TEA-9', 1)");
	board_filter_none(&f);
	ck_assert_int_eq(desk_board_search(&d, &f, "张", hits, 10, &n), ST_OK);
	ck_assert_int_eq(n, 3);            /* the cancelled order is found, last */
	ck_assert_int_eq(hits[0].id, 1);   /* board order: new before picking */
	ck_assert_int_eq(hits[1].id, 3);
	ck_assert_int_eq(hits[2].id, 4);
	ck_assert_int_eq(hits[2].stage, STAGE_CANCELLED);
	ck_assert_str_eq(hits[2].order_no, "20261116-ST-0004");
	ck_assert_int_eq(desk_board_locate(&d, &f, &hits[0], &pos), ST_OK);
	ck_assert_int_eq(pos, 1);          /* behind the urgent order 2 */
	ck_assert_int_eq(desk_board_search(&d, &f, "TEA", hits, 10, &n), ST_OK);
	ck_assert_int_eq(n, 1);
	ck_assert_int_eq(hits[0].id, 3);
	ck_assert_int_eq(desk_board_search(&d, &f, "20261116-ST-0003", hits, 10, &n), ST_OK);
	ck_assert_int_eq(n, 1);
	ck_assert_int_eq(desk_board_search(&d, &f, "ref2", hits, 10, &n), ST_OK);
	ck_assert_int_eq(n, 1);
	ck_assert_int_eq(desk_board_search(&d, &f, "555-0001", hits, 10, &n), ST_OK);
	ck_assert_int_eq(n, 1);
	/* Customer, channel order id and order number ignore the case of letters. */
	ck_assert_int_eq(desk_board_search(&d, &f, "anna", hits, 10, &n), ST_OK);
	ck_assert_int_eq(n, 1);
	ck_assert_int_eq(hits[0].id, 2);
	ck_assert_int_eq(desk_board_search(&d, &f, "REF3", hits, 10, &n), ST_OK);
	ck_assert_int_eq(n, 1);
	ck_assert_int_eq(hits[0].id, 3);
	ck_assert_int_eq(desk_board_search(&d, &f, "20261116-st-0003", hits, 10, &n), ST_OK);
	ck_assert_int_eq(n, 1);
	ck_assert_int_eq(hits[0].id, 3);
	/* The channel's own name for an order (Shopify's #1060), with its '#' or without. */
	exec_sql(&d, "UPDATE orders SET display_ref = '#1060' WHERE id = 3");
	ck_assert_int_eq(desk_board_search(&d, &f, "#1060", hits, 10, &n), ST_OK);
	ck_assert_int_eq(n, 1);
	ck_assert_int_eq(hits[0].id, 3);
	ck_assert_int_eq(desk_board_search(&d, &f, "1060", hits, 10, &n), ST_OK);
	ck_assert_int_eq(n, 1);
	ck_assert_int_eq(hits[0].id, 3);
	ck_assert_int_eq(desk_board_search(&d, &f, "#106", hits, 10, &n), ST_OK);
	ck_assert_int_eq(n, 1);
	ck_assert_int_eq(desk_board_search(&d, &f, "#1061", hits, 10, &n), ST_OK);
	ck_assert_int_eq(n, 0);
	/* LIKE's wildcards are plain characters too. */
	ck_assert_int_eq(desk_board_search(&d, &f, "Ann_", hits, 10, &n), ST_OK);
	ck_assert_int_eq(n, 0);
	ck_assert_int_eq(desk_board_search(&d, &f, "%", hits, 10, &n), ST_OK);
	ck_assert_int_eq(n, 0);
	/* Wildcards in what is typed are plain characters. */
	ck_assert_int_eq(desk_board_search(&d, &f, "Anna*", hits, 10, &n), ST_OK);
	ck_assert_int_eq(n, 1);
	ck_assert_int_eq(desk_board_search(&d, &f, "*", hits, 10, &n), ST_OK);
	ck_assert_int_eq(n, 0);
	/* Under a filter. */
	text_copy(f.channel, "ST", sizeof f.channel);
	ck_assert_int_eq(desk_board_search(&d, &f, "张", hits, 10, &n), ST_OK);
	ck_assert_int_eq(n, 2);
	t_desk_close(&d);
}
END_TEST


/* Each key of the search is a range of an index, never a scan, with what a
 * person types bound as the patterns (LIKE and GLOB use an index only then). */
START_TEST(search_uses_indexes)
{
	struct desk d;
	char eqp[4096];
	sqlite3_stmt *st;

	t_desk_open(&d, ROLE_CLERK, NOW);
	snprintf(eqp, sizeof eqp, "EXPLAIN QUERY PLAN %s", store_board_search_sql());
	ck_assert_int_eq(sqlite3_prepare_v2(store_db(d.store), eqp, -1, &st, NULL), SQLITE_OK);
	sqlite3_bind_text(st, 1, "an*", -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, "an%", -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, "AN*", -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 5, "#an%", -1, SQLITE_STATIC);
	int searches = 0, display = 0;
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *detail = (const char *)sqlite3_column_text(st, 3);
		ck_assert_msg(strncmp(detail, "SCAN orders", 11) != 0 && strncmp(detail, "SCAN order_lines", 16) != 0,
		              "search scans: %s", detail);
		searches += strncmp(detail, "SEARCH ", 7) == 0;
		display += strstr(detail, "INDEX orders_display_ref (display_ref>? AND display_ref<?)") != NULL;
	}
	sqlite3_finalize(st);
	ck_assert_int_ge(searches, 7);   /* one range per key */
	ck_assert_int_eq(display, 2);    /* the channel's name, as typed and after a '#' */
	t_desk_close(&d);
}
END_TEST

START_TEST(mine_is_the_last_event)
{
	struct desk d;
	struct board_filter f;
	struct board_card cards[8];
	int n;

	t_desk_open(&d, ROLE_CLERK, NOW);
	put(&d, 1, "new", 2, 0, 60, 3600, 0, "a", "EC");
	put(&d, 2, "new", 2, 0, 60, 3600, 0, "b", "EC");
	exec_sql(&d, "INSERT INTO events (at, actor, order_id, what) VALUES (1, 'tester', 1, 'edit'), "
	             "(2, 'someone', 1, 'edit'), (1, 'someone', 2, 'edit'), (2, 'tester', 2, 'edit')");
	board_filter_none(&f);
	desk_board_mine(&d, &f, 1);
	ck_assert_int_eq(desk_board_page(&d, &f, STAGE_NEW, 0, 8, cards, &n), ST_OK);
	ck_assert_int_eq(n, 1);
	ck_assert_int_eq(cards[0].id, 2);
	t_desk_close(&d);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("store_board");
	TCase *tc = tcase_create("board");

	tcase_add_test(tc, open_queries_use_indexes);
	tcase_add_test(tc, health_in_sql_matches_health_of);
	tcase_add_test(tc, filtered_pages_are_the_filtered_list);
	tcase_add_test(tc, pages_in_board_order_from_both_ends);
	tcase_add_test(tc, header_counts_red_yellow_and_surge);
	tcase_add_test(tc, channel_days_counts_receipts);
	tcase_add_test(tc, green_from_fresh_slots_equals_walking);
	tcase_add_test(tc, search_finds_by_each_key_and_locates);
	tcase_add_test(tc, search_uses_indexes);
	tcase_add_test(tc, mine_is_the_last_event);
	suite_add_tcase(s, tc);
	return t_run(s);
}
