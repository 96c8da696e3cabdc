/* The board's reads: pages of a column, counts, surge, search. */
#include "ordesk/store_board.h"
#include "ordesk/health.h"

#include <stdio.h>
#include <string.h>

#define STR_(x) #x
#define STR(x) STR_(x)

_Static_assert(HEALTH_GREEN == 0 && HEALTH_YELLOW == 1 && HEALTH_AT_RISK == 2 && HEALTH_RED == 3,
               "HEALTH_SQL below numbers the health values as catalog.h does");
_Static_assert(PRIO_URGENT == 0 && PRIO_LOW == 3, "prio_rank is the priority's value");

/* Where a stage's clock starts: new and review share one from receipt. */
#define CLOCK_START_SQL "(CASE WHEN stage IN ('new', 'review') THEN received_at ELSE stage_at END)"

/* health_of() in SQL, at ?9 (now): keep the two in step (test_store_board checks). */
#define HEALTH_SQL \
	"(CASE WHEN stage IN ('done', 'cancelled') THEN 0 " \
	"WHEN open_exc > 0 THEN 3 " \
	"WHEN due_at = 0 THEN 1 " \
	"WHEN ?9 >= due_at THEN 3 " \
	"WHEN prev_on_time AND ?9 - stage_at < " STR(HEALTH_FRESH_SECONDS) " THEN 0 " \
	"WHEN due_at - " CLOCK_START_SQL " > 0 AND (?9 - " CLOCK_START_SQL ") * 100 >= " \
	"(due_at - " CLOCK_START_SQL ") * " STR(HEALTH_AT_RISK_PERCENT) " THEN 2 ELSE 1 END)"

#define RED_SQL "(open_exc > 0 OR (due_at > 0 AND ?9 >= due_at))"

/* Mine: the last event of the order by a person is the operator's (what the sweep
 * did by itself is nobody's).  The set of orders the operator
 * ever touched (events_actor) is built once per statement and probed first, so the
 * last-event lookup runs only for those. */
#define MINE_SQL \
	" AND (?13 = '' OR (orders.id IN (SELECT m.order_id FROM events m WHERE m.actor = ?13 " \
	"AND m.order_id IS NOT NULL) AND (SELECT e.actor FROM events e WHERE e.order_id = orders.id " \
	"AND e.actor <> '" STORE_ACTOR_AUTOMATIC "' ORDER BY e.id DESC LIMIT 1) = ?13))"

/* The filter: ?9 now, ?10 channel, ?11 priority, ?12 health, ?13 mine. */
#define FILTER_SQL \
	" AND (?10 = '' OR channel = ?10)" \
	" AND (?11 < 0 OR prio_rank = ?11)" \
	" AND (?12 < 0 OR " HEALTH_SQL " = ?12)" \
	MINE_SQL

/* The filter's parts no index serves: health (?12) and mine (?13). */
#define RESIDUAL_SQL \
	" AND (?12 < 0 OR " HEALTH_SQL " = ?12)" \
	MINE_SQL

/* Where clauses by which of channel (?10) and priority (?11) the filter sets: each
 * is a range of orders_board or orders_channel_board, already in board order. */
#define WHERE_ALL  " WHERE stage = ?1" RESIDUAL_SQL
#define WHERE_PRIO " WHERE stage = ?1 AND prio_rank = ?11" RESIDUAL_SQL
#define WHERE_CHAN " WHERE stage = ?1 AND channel = ?10" RESIDUAL_SQL
#define WHERE_BOTH " WHERE stage = ?1 AND channel = ?10 AND prio_rank = ?11" RESIDUAL_SQL

/* Finished columns hold nearly every order of a big store; "mine" there looks at
 * the newest of them only (a subquery per order over a million would freeze the board).
 * "+stage": walk the newest rows, not the whole stage through its index. */
#define MINE_DONE_CAP 20000
#define FROM_DONE_CAPPED \
	" FROM (SELECT * FROM orders WHERE +stage = ?1 ORDER BY id DESC LIMIT " STR(MINE_DONE_CAP) \
	") AS orders WHERE 1" FILTER_SQL

#define CARD_COLUMNS \
	"id, order_no, channel, substr(customer, 1, 48), stage, prio_rank, score, items, " \
	"stage_at, due_at, prev_on_time, open_exc, exc_kinds, version, received_at"

/* Board order within a column, and its reverse for pages near the end. */
#define ORDER_FWD " ORDER BY prio_rank, score DESC, due_at, id"
#define ORDER_REV " ORDER BY prio_rank DESC, score, due_at DESC, id DESC"

void board_filter_none(struct board_filter *f)
{
	memset(f, 0, sizeof *f);
	f->priority = -1;
	f->health = -1;
}

int board_filter_active(const struct board_filter *f)
{
	return f->channel[0] || f->priority >= 0 || f->health >= 0 || f->mine[0];
}

static void bind_filter(sqlite3_stmt *st, const struct board_filter *f, time_t now)
{
	sqlite3_bind_int64(st, 9, now);
	sqlite3_bind_text(st, 10, f->channel, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 11, f->priority);
	sqlite3_bind_int(st, 12, f->health);
	sqlite3_bind_text(st, 13, f->mine, -1, SQLITE_STATIC);
}

static void card_read(sqlite3_stmt *st, struct board_card *c)
{
	char word[16];
	int p;

	memset(c, 0, sizeof *c);
	c->id = sqlite3_column_int64(st, 0);
	store_col_text(st, 1, c->order_no, sizeof c->order_no);
	store_col_text(st, 2, c->channel, sizeof c->channel);
	store_col_text(st, 3, c->customer, sizeof c->customer);
	store_col_text(st, 4, word, sizeof word);
	c->stage = (enum stage)stage_parse(word);
	p = sqlite3_column_int(st, 5);
	c->priority = (p >= 0 && p < PRIO_COUNT) ? (enum priority)p : PRIO_NORMAL;
	c->score = sqlite3_column_double(st, 6);
	c->items = sqlite3_column_int(st, 7);
	c->stage_at = (time_t)sqlite3_column_int64(st, 8);
	c->due_at = (time_t)sqlite3_column_int64(st, 9);
	c->prev_on_time = sqlite3_column_int(st, 10);
	c->open_exc = sqlite3_column_int(st, 11);
	store_col_text(st, 12, c->exc_kinds, sizeof c->exc_kinds);
	c->version = sqlite3_column_int(st, 13);
	c->received_at = (time_t)sqlite3_column_int64(st, 14);
}

static enum status page_run(struct store *s, const char *sql, const struct board_filter *f,
                            time_t now, enum stage stage, int offset, int limit,
                            struct board_card *cards, int *n, int reverse)
{
	sqlite3_stmt *st = store_prep(s, sql);
	int rc;

	*n = 0;
	if (!st)
		return store_prep_failed(s);
	sqlite3_bind_text(st, 1, stage_name(stage), -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 2, limit);
	sqlite3_bind_int(st, 3, offset);
	bind_filter(st, f, now);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW && *n < limit)
		card_read(st, &cards[(*n)++]);
	store_done(st);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW)
		return store_fail(s, rc, sql);
	if (reverse) {
		for (int i = 0, j = *n - 1; i < j; i++, j--) {
			struct board_card tmp = cards[i];
			cards[i] = cards[j];
			cards[j] = tmp;
		}
	}
	return ST_OK;
}

static const char page_fwd_sql[] =
	"SELECT " CARD_COLUMNS " FROM orders WHERE stage = ?1" FILTER_SQL ORDER_FWD
	" LIMIT ?2 OFFSET ?3";
static const char page_rev_sql[] =
	"SELECT " CARD_COLUMNS " FROM orders WHERE stage = ?1" FILTER_SQL ORDER_REV
	" LIMIT ?2 OFFSET ?3";
static const char counts_sql[] = "SELECT n, red FROM stage_counts WHERE stage = ?1";
static const char late_sql[] =
	"SELECT count(*) FROM orders WHERE stage = ?1 AND open_exc = 0 "
	"AND due_at > 0 AND due_at <= ?2";
/* The header's health of an open column.  Green is fresh (entered at or after
 * ?3, that is within HEALTH_FRESH_SECONDS of ?2) and not yet due: the whole
 * slots from ?4 on come from fresh_counts, the seconds before them from
 * orders_fresh; one walk of the orders due by now without an exception
 * (orders_late) gives the late ones, red, and the fresh ones among them, which
 * are not green.  The indexes are named: for the walk the planner would rather
 * take every fresh order than the due ones. */
static const char fresh_sql[] =
	"SELECT coalesce((SELECT sum(n) FROM fresh_counts WHERE stage = ?1 AND slot >= ?4), 0) "
	"+ (SELECT count(*) FROM orders INDEXED BY orders_fresh WHERE stage = ?1 AND open_exc = 0 "
	"   AND prev_on_time = 1 AND stage_at >= ?3 AND stage_at < ?4 * 10)";
static const char due_sql[] =
	"SELECT coalesce(sum(due_at > 0), 0), coalesce(sum(prev_on_time = 1 AND stage_at >= ?3), 0) "
	"FROM orders INDEXED BY orders_late WHERE stage = ?1 AND open_exc = 0 AND due_at <= ?2";
static const char fresh_prune_sql[] = "DELETE FROM fresh_counts WHERE slot < ?1 / 10";
static const char surge_sql[] =
	"SELECT d.channel, d.n, (SELECT coalesce(sum(p.n), 0) FROM channel_days p "
	"WHERE p.channel = d.channel AND p.day BETWEEN ?1 - 28 AND ?1 - 1) "
	"FROM channel_days d WHERE d.day = ?1 ORDER BY d.channel";

const char *const *store_board_open_queries(void)
{
	static const char *const all[] = {
		page_fwd_sql, page_rev_sql, counts_sql, late_sql, fresh_sql, due_sql, surge_sql, NULL
	};
	return all;
}


#define PAGE_SQL(where) "SELECT " CARD_COLUMNS " FROM orders" where ORDER_FWD " LIMIT ?2 OFFSET ?3"
static const char page_prio_sql[] = PAGE_SQL(WHERE_PRIO);
static const char page_chan_sql[] = PAGE_SQL(WHERE_CHAN);
static const char page_both_sql[] = PAGE_SQL(WHERE_BOTH);
static const char page_resid_sql[] = PAGE_SQL(WHERE_ALL);
static const char page_mine_done_sql[] =
	"SELECT " CARD_COLUMNS FROM_DONE_CAPPED ORDER_FWD " LIMIT ?2 OFFSET ?3";

#define COUNT_SQL(where) "SELECT count(*), coalesce(sum(" RED_SQL "), 0) FROM orders" where
static const char count_prio_sql[] = COUNT_SQL(WHERE_PRIO);
static const char count_chan_sql[] = COUNT_SQL(WHERE_CHAN);
static const char count_both_sql[] = COUNT_SQL(WHERE_BOTH);
static const char count_resid_sql[] = COUNT_SQL(WHERE_ALL);
static const char count_mine_done_sql[] = "SELECT count(*), 0" FROM_DONE_CAPPED;
/* Finished columns are never red: with only channel and priority set, the index counts alone. */
static const char count_fin_prio_sql[] =
	"SELECT count(*), 0 FROM orders WHERE stage = ?1 AND prio_rank = ?11";
static const char count_fin_chan_sql[] =
	"SELECT count(*), 0 FROM orders WHERE stage = ?1 AND channel = ?10";
static const char count_fin_both_sql[] =
	"SELECT count(*), 0 FROM orders WHERE stage = ?1 AND channel = ?10 AND prio_rank = ?11";

const char *const *store_board_filter_queries(void)
{
	static const char *const all[] = {
		page_prio_sql, page_chan_sql, page_both_sql, page_resid_sql,
		count_prio_sql, count_chan_sql, count_both_sql, count_resid_sql,
		count_fin_prio_sql, count_fin_chan_sql, count_fin_both_sql, NULL
	};
	return all;
}

static int finished(enum stage stage)
{
	return stage == STAGE_DONE || stage == STAGE_CANCELLED;
}

/* The statement for a filtered column: by channel and priority, or capped for mine on done. */
static const char *filtered(const struct board_filter *f, enum stage stage, int count)
{
	static const char *const pages[] = { page_resid_sql, page_prio_sql, page_chan_sql, page_both_sql };
	static const char *const counts[] = { count_resid_sql, count_prio_sql, count_chan_sql,
	                                      count_both_sql };
	int i = (f->channel[0] ? 2 : 0) + (f->priority >= 0 ? 1 : 0);

	static const char *const fin_counts[] = { count_resid_sql, count_fin_prio_sql, count_fin_chan_sql,
	                                          count_fin_both_sql };

	if (finished(stage) && f->mine[0])
		return count ? count_mine_done_sql : page_mine_done_sql;
	/* (a health filter on a finished column is green or empty: no residual to test) */
	if (count && finished(stage) && i > 0)
		return fin_counts[i];
	return count ? counts[i] : pages[i];
}

/* Finished orders are green: a filter on another health leaves their columns empty. */
static int finished_excluded(const struct board_filter *f, enum stage stage)
{
	return finished(stage) && f->health >= 0 && f->health != HEALTH_GREEN;
}

enum status store_board_page(struct store *s, const struct board_filter *f, time_t now,
                             enum stage stage, int offset, int limit,
                             struct board_card *cards, int *n)
{
	const char *fwd = page_fwd_sql, *rev = page_rev_sql;
	int count = 0, red = 0;
	enum status r;

	*n = 0;
	if (limit <= 0)
		return ST_OK;
	if (offset < 0)
		offset = 0;
	if (board_filter_active(f)) {
		if (finished_excluded(f, stage))
			return ST_OK;
		return page_run(s, filtered(f, stage, 0), f, now, stage, offset, limit, cards, n, 0);
	}
	/* Deep pages are read from the far end, so End costs what Home does. */
	if (offset > 256 && !board_filter_active(f)) {
		if ((r = store_board_column(s, f, now, stage, &count, &red)) != ST_OK)
			return r;
		if (offset > count / 2) {
			int from_end = count - offset - limit;
			if (from_end < 0) {
				limit += from_end;
				from_end = 0;
			}
			if (limit <= 0)
				return ST_OK;
			return page_run(s, rev, f, now, stage, from_end, limit, cards, n, 1);
		}
	}
	return page_run(s, fwd, f, now, stage, offset, limit, cards, n, 0);
}

/* A stage's orders and those with an open exception, as stage_counts keeps them. */
static enum status stage_counted(struct store *s, enum stage stage, int *count, int *red)
{
	sqlite3_stmt *st = store_prep(s, counts_sql);
	int rc;

	if (!st)
		return store_prep_failed(s);
	sqlite3_bind_text(st, 1, stage_name(stage), -1, SQLITE_STATIC);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		*count = sqlite3_column_int(st, 0);
		*red = sqlite3_column_int(st, 1);
	}
	store_done(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? ST_OK : store_fail(s, rc, counts_sql);
}

enum status store_board_column(struct store *s, const struct board_filter *f, time_t now,
                               enum stage stage, int *count, int *red)
{
	sqlite3_stmt *st;
	enum status r;
	int rc;

	*count = *red = 0;
	if (board_filter_active(f)) {
		const char *filtered_sql = filtered(f, stage, 1);
		if (finished_excluded(f, stage))
			return ST_OK;
		if (!(st = store_prep(s, filtered_sql)))
			return store_prep_failed(s);
		sqlite3_bind_text(st, 1, stage_name(stage), -1, SQLITE_STATIC);
		bind_filter(st, f, now);
		if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
			*count = sqlite3_column_int(st, 0);
			*red = sqlite3_column_int(st, 1);
		}
		store_done(st);
		if (finished(stage))
			*red = 0;
		return rc == SQLITE_ROW ? ST_OK : store_fail(s, rc, filtered_sql);
	}
	if ((r = stage_counted(s, stage, count, red)) != ST_OK)
		return r;
	if (stage == STAGE_DONE || stage == STAGE_CANCELLED) {
		*red = 0;     /* finished orders are green whatever is still open on them */
		return ST_OK;
	}
	if (!(st = store_prep(s, late_sql)))
		return store_prep_failed(s);
	sqlite3_bind_text(st, 1, stage_name(stage), -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, now);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW)
		*red += sqlite3_column_int(st, 0);
	store_done(st);
	return rc == SQLITE_ROW ? ST_OK : store_fail(s, rc, late_sql);
}

enum status store_board_health(struct store *s, time_t now, enum stage stage, int *count, int *red,
                               int *green)
{
	sqlite3_stmt *st;
	enum status r;
	int rc, late = 0, fresh = 0, fresh_due = 0;
	long long from = (long long)now - HEALTH_FRESH_SECONDS + 1;

	*count = *red = *green = 0;
	if ((r = stage_counted(s, stage, count, red)) != ST_OK)
		return r;
	if (finished(stage)) {
		*red = 0;     /* finished orders are green whatever is still open on them */
		*green = *count;
		return ST_OK;
	}
	if (!(st = store_prep(s, due_sql)))
		return store_prep_failed(s);
	sqlite3_bind_text(st, 1, stage_name(stage), -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, now);
	sqlite3_bind_int64(st, 3, from);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		late = sqlite3_column_int(st, 0);
		fresh_due = sqlite3_column_int(st, 1);
	}
	store_done(st);
	if (rc != SQLITE_ROW)
		return store_fail(s, rc, due_sql);
	if (!(st = store_prep(s, fresh_sql)))
		return store_prep_failed(s);
	sqlite3_bind_text(st, 1, stage_name(stage), -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 3, from);
	sqlite3_bind_int64(st, 4, (from + 9) / 10);   /* the first slot wholly inside */
	if ((rc = sqlite3_step(st)) == SQLITE_ROW)
		fresh = sqlite3_column_int(st, 0);
	store_done(st);
	if (rc != SQLITE_ROW)
		return store_fail(s, rc, fresh_sql);
	*red += late;
	*green = fresh - fresh_due;
	return ST_OK;
}

enum status store_board_fresh_prune(struct store *s, time_t now)
{
	sqlite3_stmt *st = store_prep(s, fresh_prune_sql);

	if (!st)
		return store_prep_failed(s);
	sqlite3_bind_int64(st, 1, (long long)now - STORE_FRESH_KEPT_SECONDS);
	return store_exec_stmt(s, st, fresh_prune_sql);
}

enum status store_board_surge(struct store *s, long today, double factor,
                              char (*channels)[8], int max, int *n)
{
	const char *sql = surge_sql;
	sqlite3_stmt *st = store_prep(s, sql);
	int rc;

	*n = 0;
	if (!st)
		return store_prep_failed(s);
	sqlite3_bind_int64(st, 1, today);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		long long day_n = sqlite3_column_int64(st, 1);
		long long trailing = sqlite3_column_int64(st, 2);
		/* A channel with no history never surges. */
		if (trailing > 0 && (double)day_n > factor * (double)trailing / 28.0 && *n < max)
			store_col_text(st, 0, channels[(*n)++], sizeof channels[0]);
	}
	store_done(st);
	return rc == SQLITE_DONE ? ST_OK : store_fail(s, rc, sql);
}

/* What was typed, as a GLOB prefix (its wildcards made plain characters);
 * upper: ASCII letters upper-cased, as order numbers write their channel. */
static void glob_prefix(const char *q, int upper, char *out, size_t size)
{
	size_t n = 0;

	for (; *q && n + 4 < size; q++) {
		if (*q == '*' || *q == '?' || *q == '[') {
			out[n++] = '[';
			out[n++] = *q;
			out[n++] = ']';
		} else {
			out[n++] = upper && *q >= 'a' && *q <= 'z' ? (char)(*q - 'a' + 'A') : *q;
		}
	}
	out[n++] = '*';
	out[n] = '\0';
}

/* The same as a LIKE prefix with '\' as its escape: LIKE ignores the case of
 * ASCII letters, and the NOCASE indexes of customer, channel_ref and
 * display_ref serve it. */
static void like_prefix(const char *q, char *out, size_t size)
{
	size_t n = 0;

	for (; *q && n + 3 < size; q++) {
		if (*q == '%' || *q == '_' || *q == '\\')
			out[n++] = '\\';
		out[n++] = *q;
	}
	out[n++] = '%';
	out[n] = '\0';
}

/* ?1 GLOB prefix, ?3 LIKE prefix, ?4 upper-cased GLOB prefix, ?5 the LIKE prefix
 * after a '#' (the number a customer quotes, 1060, of a channel name #1060); ?2 how many. */
static const char search_sql[] =
	"SELECT id, stage, prio_rank, score, due_at, order_no FROM orders WHERE id IN ("
	"SELECT id FROM orders WHERE order_no GLOB ?4 "
	"UNION SELECT id FROM orders WHERE channel_ref LIKE ?3 ESCAPE '\\' "
	"UNION SELECT id FROM orders WHERE display_ref LIKE ?3 ESCAPE '\\' "
	"UNION SELECT id FROM orders WHERE display_ref LIKE ?5 ESCAPE '\\' "
	"UNION SELECT id FROM orders WHERE customer LIKE ?3 ESCAPE '\\' "
	"UNION SELECT id FROM orders WHERE phone GLOB ?1 "
	"UNION SELECT order_id FROM order_lines WHERE sku GLOB ?1)" FILTER_SQL
	/* board order; done, then cancelled (off the board, but found and said), last */
	" ORDER BY CASE stage WHEN 'new' THEN 0 WHEN 'review' THEN 1 WHEN 'locked' THEN 2 "
	"WHEN 'picking' THEN 3 WHEN 'shipped' THEN 4 WHEN 'transit' THEN 5 WHEN 'done' THEN 6 "
	"ELSE 7 END, prio_rank, score DESC, due_at, id LIMIT ?2";

const char *store_board_search_sql(void)
{
	return search_sql;
}

enum status store_board_search(struct store *s, const struct board_filter *f, time_t now,
                               const char *q, struct board_hit *hits, int max, int *n)
{
	const char *sql = search_sql;
	char glob[512], upper[512], like[512], hashed[514];
	sqlite3_stmt *st;
	int rc;

	*n = 0;
	if (!*q)
		return ST_OK;
	if (!(st = store_prep(s, sql)))
		return store_prep_failed(s);
	glob_prefix(q, 0, glob, sizeof glob);
	glob_prefix(q, 1, upper, sizeof upper);
	like_prefix(q, like, sizeof like);
	snprintf(hashed, sizeof hashed, "%s%s", *q == '#' ? "" : "#", like);
	sqlite3_bind_text(st, 1, glob, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 5, hashed, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 3, like, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 4, upper, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int(st, 2, max);
	bind_filter(st, f, now);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW && *n < max) {
		struct board_hit *h = &hits[(*n)++];
		char word[16];
		h->id = sqlite3_column_int64(st, 0);
		store_col_text(st, 1, word, sizeof word);
		h->stage = (enum stage)stage_parse(word);
		h->prio_rank = sqlite3_column_int(st, 2);
		h->score = sqlite3_column_double(st, 3);
		h->due_at = (time_t)sqlite3_column_int64(st, 4);
		store_col_text(st, 5, h->order_no, sizeof h->order_no);
	}
	store_done(st);
	return (rc == SQLITE_DONE || rc == SQLITE_ROW) ? ST_OK : store_fail(s, rc, sql);
}

enum status store_board_position(struct store *s, const struct board_filter *f, time_t now,
                                 const struct board_hit *h, int *pos)
{
	static const char sql[] =
		"SELECT count(*) FROM orders WHERE stage = ?1 AND (prio_rank < ?2 OR (prio_rank = ?2 "
		"AND (score > ?3 OR (score = ?3 AND (due_at < ?4 OR (due_at = ?4 AND id < ?5))))))"
		FILTER_SQL;
	sqlite3_stmt *st = store_prep(s, sql);
	int rc;

	*pos = 0;
	if (!st)
		return store_prep_failed(s);
	sqlite3_bind_text(st, 1, stage_name(h->stage), -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 2, h->prio_rank);
	sqlite3_bind_double(st, 3, h->score);
	sqlite3_bind_int64(st, 4, h->due_at);
	sqlite3_bind_int64(st, 5, h->id);
	bind_filter(st, f, now);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW)
		*pos = sqlite3_column_int(st, 0);
	store_done(st);
	return rc == SQLITE_ROW ? ST_OK : store_fail(s, rc, sql);
}

enum status store_board_locks(struct store *s, long long order_id,
                              int (*fn)(const struct lock_row *l, void *arg), void *arg)
{
	static const char sql[] =
		"SELECT id, sku, warehouse, qty, locked_at, locked_by, state FROM stock_locks "
		"WHERE order_id = ?1 ORDER BY id";
	sqlite3_stmt *st = store_prep(s, sql);
	struct lock_row l;
	int rc;

	if (!st)
		return store_prep_failed(s);
	sqlite3_bind_int64(st, 1, order_id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		memset(&l, 0, sizeof l);
		l.id = sqlite3_column_int64(st, 0);
		store_col_text(st, 1, l.sku, sizeof l.sku);
		store_col_text(st, 2, l.warehouse, sizeof l.warehouse);
		l.qty = (long)sqlite3_column_int64(st, 3);
		l.locked_at = (time_t)sqlite3_column_int64(st, 4);
		store_col_text(st, 5, l.locked_by, sizeof l.locked_by);
		store_col_text(st, 6, l.state, sizeof l.state);
		if (fn(&l, arg)) {
			rc = SQLITE_DONE;
			break;
		}
	}
	store_done(st);
	return rc == SQLITE_DONE ? ST_OK : store_fail(s, rc, sql);
}
