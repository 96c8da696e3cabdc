/* Orders and their lines in the store. */
#include "ordesk/store_order.h"
#include "ordesk/health.h"
#include "ordesk/i18n.h"
#include "ordesk/text.h"

#include <stdio.h>
#include <string.h>

#define ORDER_COLUMNS \
	"id, order_no, channel, channel_ref, source, stage, priority, score, " \
	"ordered_at, received_at, stage_at, due_at, promise_at, prev_on_time, " \
	"coalesce(customer_id, 0), customer, phone, address, tier, type, flags, note, warehouse, " \
	"carrier, tracking, currency, total_cents, lines, items, coalesce(parent_id, 0), " \
	"open_exc, exc_kinds, channel_state, content_hash, " \
	"t_review, t_locked, t_picking, t_shipped, t_transit, t_done, t_cancelled, version, " \
	"display_ref, email, channel_promise_at"

static void order_read(sqlite3_stmt *st, struct order *o)
{
	char word[32];
	int c = 0;

	memset(o, 0, sizeof *o);
	o->id = sqlite3_column_int64(st, c++);
	store_col_text(st, c++, o->order_no, sizeof o->order_no);
	store_col_text(st, c++, o->channel, sizeof o->channel);
	store_col_text(st, c++, o->channel_ref, sizeof o->channel_ref);
	store_col_text(st, c++, o->source, sizeof o->source);
	store_col_text(st, c++, word, sizeof word);
	o->stage = (enum stage)stage_parse(word);
	store_col_text(st, c++, word, sizeof word);
	o->priority = (enum priority)priority_parse(word);
	o->score = sqlite3_column_double(st, c++);
	o->ordered_at = (time_t)sqlite3_column_int64(st, c++);
	o->received_at = (time_t)sqlite3_column_int64(st, c++);
	o->stage_at = (time_t)sqlite3_column_int64(st, c++);
	o->due_at = (time_t)sqlite3_column_int64(st, c++);
	o->promise_at = (time_t)sqlite3_column_int64(st, c++);
	o->prev_on_time = sqlite3_column_int(st, c++);
	o->customer_id = sqlite3_column_int64(st, c++);
	store_col_text(st, c++, o->customer, sizeof o->customer);
	store_col_text(st, c++, o->phone, sizeof o->phone);
	store_col_text(st, c++, o->address, sizeof o->address);
	store_col_text(st, c++, word, sizeof word);
	o->tier = tier_parse(word) < 0 ? TIER_REGULAR : (enum tier)tier_parse(word);
	store_col_text(st, c++, word, sizeof word);
	o->type = otype_parse(word) < 0 ? OTYPE_SALE : (enum otype)otype_parse(word);
	store_col_text(st, c++, o->flags, sizeof o->flags);
	store_col_text(st, c++, o->note, sizeof o->note);
	store_col_text(st, c++, o->warehouse, sizeof o->warehouse);
	store_col_text(st, c++, o->carrier, sizeof o->carrier);
	store_col_text(st, c++, o->tracking, sizeof o->tracking);
	store_col_text(st, c++, o->currency, sizeof o->currency);
	o->total_cents = sqlite3_column_int64(st, c++);
	o->lines = sqlite3_column_int(st, c++);
	o->items = sqlite3_column_int(st, c++);
	o->parent_id = sqlite3_column_int64(st, c++);
	o->open_exc = sqlite3_column_int(st, c++);
	store_col_text(st, c++, o->exc_kinds, sizeof o->exc_kinds);
	store_col_text(st, c++, o->channel_state, sizeof o->channel_state);
	store_col_text(st, c++, o->content_hash, sizeof o->content_hash);
	o->t_stage[STAGE_NEW] = o->received_at;
	for (int s = STAGE_REVIEW; s < STAGE_COUNT; s++)
		o->t_stage[s] = (time_t)sqlite3_column_int64(st, c++);
	o->version = sqlite3_column_int(st, c++);
	store_col_text(st, c++, o->display_ref, sizeof o->display_ref);
	store_col_text(st, c++, o->email, sizeof o->email);
	o->channel_promise_at = (time_t)sqlite3_column_int64(st, c++);
}

static enum status order_get_by(struct store *s, sqlite3_stmt *st, const char *sql,
                                struct order *o)
{
	int rc = sqlite3_step(st);

	if (rc == SQLITE_ROW) {
		order_read(st, o);
		store_done(st);
		return ST_OK;
	}
	store_done(st);
	if (rc != SQLITE_DONE)
		return store_fail(s, rc, sql);
	memset(o, 0, sizeof *o);
	return ST_REFUSED;    /* none: the caller says so in its own words */
}

enum status store_order_get(struct store *s, const char *order_no, struct order *o)
{
	static const char sql[] = "SELECT " ORDER_COLUMNS " FROM orders WHERE order_no = ?1";
	sqlite3_stmt *st = store_prep(s, sql);

	if (!st)
		return store_prep_failed(s);
	sqlite3_bind_text(st, 1, order_no, -1, SQLITE_STATIC);
	return order_get_by(s, st, sql, o);
}

enum status store_order_get_id(struct store *s, long long id, struct order *o)
{
	static const char sql[] = "SELECT " ORDER_COLUMNS " FROM orders WHERE id = ?1";
	sqlite3_stmt *st = store_prep(s, sql);

	if (!st)
		return store_prep_failed(s);
	sqlite3_bind_int64(st, 1, id);
	return order_get_by(s, st, sql, o);
}

enum status store_order_find_ref(struct store *s, const char *channel, const char *ref,
                                 struct order *o)
{
	static const char sql[] =
		"SELECT " ORDER_COLUMNS " FROM orders WHERE channel = ?1 AND channel_ref = ?2";
	sqlite3_stmt *st = store_prep(s, sql);
	enum status r;

	if (!st)
		return store_prep_failed(s);
	sqlite3_bind_text(st, 1, channel, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, ref, -1, SQLITE_STATIC);
	r = order_get_by(s, st, sql, o);
	return r == ST_REFUSED ? ST_OK : r;
}

enum status store_order_count(struct store *s, long *n)
{
	static const char sql[] = "SELECT coalesce(sum(n), 0) FROM stage_counts";
	long long v;
	enum status st = store_scalar(s, sql, &v);

	*n = (long)v;
	return st;
}

/* A line from a row of "id, line_no, sku, name, qty, unit_price_cents". */
static void line_read(sqlite3_stmt *st, struct order_line *l)
{
	l->id = sqlite3_column_int64(st, 0);
	l->line_no = sqlite3_column_int(st, 1);
	store_col_text(st, 2, l->sku, sizeof l->sku);
	store_col_text(st, 3, l->name, sizeof l->name);
	l->qty = (long)sqlite3_column_int64(st, 4);
	l->unit_price_cents = sqlite3_column_int64(st, 5);
}

enum status store_order_lines(struct store *s, long long order_id, struct order_line *lines,
                              int max, int *n)
{
	static const char sql[] =
		"SELECT id, line_no, sku, name, qty, unit_price_cents FROM order_lines "
		"WHERE order_id = ?1 ORDER BY line_no";
	sqlite3_stmt *st = store_prep(s, sql);
	int rc;

	*n = 0;
	if (!st)
		return store_prep_failed(s);
	sqlite3_bind_int64(st, 1, order_id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (*n >= max)
			continue;
		line_read(st, &lines[(*n)++]);
	}
	store_done(st);
	return rc == SQLITE_DONE ? ST_OK : store_fail(s, rc, sql);
}

/* One line of an order by its number, and a line's change with the order's sums. */
static const char line_get_sql[] =
	"SELECT id, line_no, sku, name, qty, unit_price_cents FROM order_lines "
	"WHERE order_id = ?1 AND line_no = ?2";
static const char line_order_sql[] =
	"UPDATE orders SET "
	"items = items + ?3 - (SELECT qty FROM order_lines WHERE order_id = ?1 AND line_no = ?2), "
	"total_cents = total_cents + ?3 * ?4 - (SELECT qty * unit_price_cents FROM order_lines "
	"WHERE order_id = ?1 AND line_no = ?2), version = version + 1 "
	"WHERE id = ?1 AND EXISTS (SELECT 1 FROM order_lines WHERE order_id = ?1 AND line_no = ?2)";
static const char line_set_sql[] =
	"UPDATE order_lines SET sku = ?3, qty = ?4, unit_price_cents = ?5 "
	"WHERE order_id = ?1 AND line_no = ?2";

const char *const *store_order_line_queries(void)
{
	static const char *const queries[] = { line_get_sql, line_order_sql, line_set_sql, NULL };

	return queries;
}

enum status store_order_line_get(struct store *s, long long order_id, int line_no,
                                 struct order_line *l)
{
	static const char *const sql = line_get_sql;
	sqlite3_stmt *st = store_prep(s, sql);
	int rc;

	memset(l, 0, sizeof *l);
	if (!st)
		return store_prep_failed(s);
	sqlite3_bind_int64(st, 1, order_id);
	sqlite3_bind_int(st, 2, line_no);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		line_read(st, l);
	store_done(st);
	if (rc == SQLITE_ROW)
		return ST_OK;
	return rc == SQLITE_DONE ? ST_REFUSED : store_fail(s, rc, sql);
}

enum status store_order_line_set(struct store *s, long long order_id, int line_no,
                                 const char *sku, long qty, long long unit_cents)
{
	/* The order first, while the line still holds what it moves away from. */
	static const char *const order_sql = line_order_sql, *const line_sql = line_set_sql;
	sqlite3_stmt *st = store_prep(s, order_sql);
	enum status r;

	if (!st)
		return store_prep_failed(s);
	sqlite3_bind_int64(st, 1, order_id);
	sqlite3_bind_int(st, 2, line_no);
	sqlite3_bind_int64(st, 3, qty);
	sqlite3_bind_int64(st, 4, unit_cents);
	if ((r = store_exec_stmt(s, st, order_sql)) != ST_OK)
		return r;
	if (store_changes(s) != 1)
		return ST_REFUSED;
	if (!(st = store_prep(s, line_sql)))
		return store_prep_failed(s);
	sqlite3_bind_int64(st, 1, order_id);
	sqlite3_bind_int(st, 2, line_no);
	sqlite3_bind_text(st, 3, sku, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 4, qty);
	sqlite3_bind_int64(st, 5, unit_cents);
	return store_exec_stmt(s, st, line_sql);
}

enum status store_order_next_serial(struct store *s, const char *day, const char *channel,
                                    int *serial)
{
	static const char sql[] =
		"INSERT INTO serials (day, channel, last) VALUES (?1, ?2, 1) "
		"ON CONFLICT (day, channel) DO UPDATE SET last = last + 1 RETURNING last";
	sqlite3_stmt *st = store_prep(s, sql);
	int rc;

	if (!st)
		return store_prep_failed(s);
	sqlite3_bind_text(st, 1, day, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, channel, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*serial = sqlite3_column_int(st, 0);
	store_done(st);
	return rc == SQLITE_ROW ? ST_OK : store_fail(s, rc, sql);
}

enum status store_order_line_add(struct store *s, long long order_id, int line_no, const char *sku,
                                 const char *name, long qty, long long unit_cents)
{
	static const char sql[] =
		"INSERT INTO order_lines (order_id, line_no, sku, name, qty, unit_price_cents) "
		"VALUES (?1, ?2, ?3, ?4, ?5, ?6)";
	sqlite3_stmt *st = store_prep(s, sql);

	if (!st)
		return store_prep_failed(s);
	sqlite3_bind_int64(st, 1, order_id);
	sqlite3_bind_int(st, 2, line_no);
	sqlite3_bind_text(st, 3, sku, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, name, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 5, qty);
	sqlite3_bind_int64(st, 6, unit_cents);
	return store_exec_stmt(s, st, sql);
}

enum status store_order_insert(struct store *s, struct order *o,
                               const struct order_line *lines, int nlines)
{
	static const char sql[] =
		"INSERT INTO orders (order_no, channel, channel_ref, source, stage, priority, prio_rank, "
		"score, ordered_at, received_at, stage_at, due_at, promise_at, prev_on_time, customer, "
		"phone, address, tier, type, flags, note, warehouse, carrier, tracking, currency, "
		"total_cents, lines, items, parent_id, channel_state, content_hash, t_review, t_locked, "
		"t_picking, t_shipped, t_transit, t_done, t_cancelled) "
		"VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, "
		"?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26, ?27, ?28, ?29, ?30, ?31, ?32, ?33, ?34, ?35, ?36, "
		"?37, ?38)";
	sqlite3_stmt *st = store_prep(s, sql);
	enum status r;
	int c = 1, items = 0;

	if (!st)
		return store_prep_failed(s);
	for (int i = 0; i < nlines; i++)
		items += (int)lines[i].qty;
	o->lines = nlines;
	o->items = items;
	sqlite3_bind_text(st, c++, o->order_no, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, c++, o->channel, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, c++, o->channel_ref, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, c++, o->source, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, c++, stage_name(o->stage), -1, SQLITE_STATIC);
	sqlite3_bind_text(st, c++, priority_name(o->priority), -1, SQLITE_STATIC);
	sqlite3_bind_int(st, c++, (int)o->priority);
	sqlite3_bind_double(st, c++, o->score);
	sqlite3_bind_int64(st, c++, o->ordered_at);
	sqlite3_bind_int64(st, c++, o->received_at);
	sqlite3_bind_int64(st, c++, o->stage_at);
	sqlite3_bind_int64(st, c++, o->due_at);
	sqlite3_bind_int64(st, c++, o->promise_at);
	sqlite3_bind_int(st, c++, o->prev_on_time);
	sqlite3_bind_text(st, c++, o->customer, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, c++, o->phone, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, c++, o->address, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, c++, tier_name(o->tier), -1, SQLITE_STATIC);
	sqlite3_bind_text(st, c++, otype_name(o->type), -1, SQLITE_STATIC);
	sqlite3_bind_text(st, c++, o->flags, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, c++, o->note, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, c++, o->warehouse, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, c++, o->carrier, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, c++, o->tracking, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, c++, o->currency, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, c++, o->total_cents);
	sqlite3_bind_int(st, c++, o->lines);
	sqlite3_bind_int(st, c++, o->items);
	if (o->parent_id)
		sqlite3_bind_int64(st, c++, o->parent_id);
	else
		sqlite3_bind_null(st, c++);
	sqlite3_bind_text(st, c++, o->channel_state, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, c++, o->content_hash, -1, SQLITE_STATIC);
	for (int k = STAGE_REVIEW; k < STAGE_COUNT; k++)
		sqlite3_bind_int64(st, c++, o->t_stage[k]);
	if ((r = store_exec_stmt(s, st, sql)) != ST_OK)
		return r;
	o->id = sqlite3_last_insert_rowid(store_db(s));
	for (int i = 0; i < nlines; i++)
		if ((r = store_order_line_add(s, o->id, i + 1, lines[i].sku, lines[i].name, lines[i].qty,
		                              lines[i].unit_price_cents)) != ST_OK)
			return r;
	return store_order_counted(s, o->stage, o->channel, o->received_at, o->stage_at, o->prev_on_time, 1);
}

enum status store_order_counted(struct store *s, enum stage stage, const char *channel,
                                time_t received_at, time_t stage_at, int prev_on_time, long n)
{
	/* the slots a trigger keeps from then on */
	static const char fresh_sql[] =
		"INSERT INTO fresh_counts (stage, slot, n) VALUES (?1, ?2 / 10, ?3) "
		"ON CONFLICT (stage, slot) DO UPDATE SET n = n + excluded.n";
	static const char stage_sql[] = "UPDATE stage_counts SET n = n + ?2 WHERE stage = ?1";
	/* The day is local, as the surge rule counts it. */
	static const char day_sql[] =
		"INSERT INTO channel_days (channel, day, n) VALUES (?1, "
		"CAST(julianday(?2, 'unixepoch', 'localtime') - 2440587.5 AS INTEGER), ?3) "
		"ON CONFLICT (channel, day) DO UPDATE SET n = n + excluded.n";
	sqlite3_stmt *st = store_prep(s, stage_sql);
	enum status r;

	if (!st)
		return store_prep_failed(s);
	sqlite3_bind_text(st, 1, stage_name(stage), -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, n);
	if ((r = store_exec_stmt(s, st, stage_sql)) != ST_OK)
		return r;
	if (!(st = store_prep(s, day_sql)))
		return store_prep_failed(s);
	sqlite3_bind_text(st, 1, channel, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, received_at);
	sqlite3_bind_int64(st, 3, n);
	if ((r = store_exec_stmt(s, st, day_sql)) != ST_OK)
		return r;
	if (!prev_on_time || stage == STAGE_DONE || stage == STAGE_CANCELLED)
		return ST_OK;
	if (!(st = store_prep(s, fresh_sql)))
		return store_prep_failed(s);
	sqlite3_bind_text(st, 1, stage_name(stage), -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, stage_at);
	sqlite3_bind_int64(st, 3, n);
	return store_exec_stmt(s, st, fresh_sql);
}

enum status store_order_move(struct store *s, long long id, enum stage expected,
                             int expected_version, enum stage to, time_t at,
                             time_t due_at, int prev_on_time)
{
	/* The stage entry time column is chosen by a CASE on a bound word, never by text. */
	static const char sql[] =
		"UPDATE orders SET stage = ?3, stage_at = ?5, due_at = ?6, prev_on_time = ?7, "
		"version = version + 1, "
		"t_review = CASE ?3 WHEN 'review' THEN ?5 ELSE t_review END, "
		"t_locked = CASE ?3 WHEN 'locked' THEN ?5 ELSE t_locked END, "
		"t_picking = CASE ?3 WHEN 'picking' THEN ?5 ELSE t_picking END, "
		"t_shipped = CASE ?3 WHEN 'shipped' THEN ?5 ELSE t_shipped END, "
		"t_transit = CASE ?3 WHEN 'transit' THEN ?5 ELSE t_transit END, "
		"t_done = CASE ?3 WHEN 'done' THEN ?5 ELSE t_done END, "
		"t_cancelled = CASE ?3 WHEN 'cancelled' THEN ?5 ELSE t_cancelled END, "
		"transit_due_at = CASE ?3 WHEN 'transit' THEN ?6 ELSE transit_due_at END "
		"WHERE id = ?1 AND stage = ?2 AND (?4 < 0 OR version = ?4)";
	sqlite3_stmt *st = store_prep(s, sql);
	enum status r;

	if (!st)
		return store_prep_failed(s);
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_text(st, 2, stage_name(expected), -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, stage_name(to), -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 4, expected_version);
	sqlite3_bind_int64(st, 5, at);
	sqlite3_bind_int64(st, 6, due_at);
	sqlite3_bind_int(st, 7, prev_on_time);
	if ((r = store_exec_stmt(s, st, sql)) != ST_OK)
		return r;
	return store_changes(s) == 1 ? ST_OK : ST_REFUSED;
}

enum status store_order_set_field(struct store *s, long long id, const char *column,
                                  const char *value)
{
	/* One constant statement per editable column: no SQL is built from data. */
	static const struct {
		const char *column, *sql;
	} columns[] = {
		{ "customer", "UPDATE orders SET customer = ?2, version = version + 1 WHERE id = ?1" },
		{ "phone", "UPDATE orders SET phone = ?2, version = version + 1 WHERE id = ?1" },
		{ "address", "UPDATE orders SET address = ?2, version = version + 1 WHERE id = ?1" },
		{ "tier", "UPDATE orders SET tier = ?2, version = version + 1 WHERE id = ?1" },
		{ "type", "UPDATE orders SET type = ?2, version = version + 1 WHERE id = ?1" },
		{ "flags", "UPDATE orders SET flags = ?2, version = version + 1 WHERE id = ?1" },
		{ "note", "UPDATE orders SET note = ?2, version = version + 1 WHERE id = ?1" },
		{ "warehouse", "UPDATE orders SET warehouse = ?2, version = version + 1 WHERE id = ?1" },
		{ "ordered_at", "UPDATE orders SET ordered_at = CAST(?2 AS INTEGER), version = version + 1 WHERE id = ?1" },
		{ "channel_state", "UPDATE orders SET channel_state = ?2 WHERE id = ?1" },
		{ "content_hash", "UPDATE orders SET content_hash = ?2 WHERE id = ?1" },
	};

	for (size_t i = 0; i < sizeof columns / sizeof columns[0]; i++) {
		if (strcmp(columns[i].column, column) != 0)
			continue;
		sqlite3_stmt *st = store_prep(s, columns[i].sql);
		if (!st)
			return store_prep_failed(s);
		sqlite3_bind_int64(st, 1, id);
		sqlite3_bind_text(st, 2, value, -1, SQLITE_STATIC);
		return store_exec_stmt(s, st, columns[i].sql);
	}
	return ST_USAGE;
}

enum status store_order_set_priority(struct store *s, long long id, enum priority p, double score)
{
	static const char sql[] =
		"UPDATE orders SET priority = ?2, prio_rank = ?3, score = ?4 WHERE id = ?1";
	sqlite3_stmt *st = store_prep(s, sql);

	if (!st)
		return store_prep_failed(s);
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_text(st, 2, priority_name(p), -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 3, (int)p);
	sqlite3_bind_double(st, 4, score);
	return store_exec_stmt(s, st, sql);
}

enum status store_order_set_clock(struct store *s, long long id, time_t due_at, time_t promise_at)
{
	static const char sql[] = "UPDATE orders SET due_at = ?2, promise_at = ?3 WHERE id = ?1";
	sqlite3_stmt *st = store_prep(s, sql);

	if (!st)
		return store_prep_failed(s);
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, (sqlite3_int64)due_at);
	sqlite3_bind_int64(st, 3, (sqlite3_int64)promise_at);
	return store_exec_stmt(s, st, sql);
}

enum status store_order_set_shipping(struct store *s, long long id, const char *carrier,
                                     const char *tracking)
{
	static const char sql[] =
		"UPDATE orders SET carrier = ?2, tracking = ?3, version = version + 1 WHERE id = ?1";
	sqlite3_stmt *st = store_prep(s, sql);

	if (!st)
		return store_prep_failed(s);
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_text(st, 2, carrier, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, tracking, -1, SQLITE_STATIC);
	return store_exec_stmt(s, st, sql);
}

enum status store_order_each(struct store *s, const struct order_filter *f,
                             int (*fn)(const struct order *o, void *arg), void *arg)
{
	static const char sql[] =
		"SELECT " ORDER_COLUMNS " FROM orders "
		"WHERE (?1 = -2 OR (?1 = -1 AND stage NOT IN ('done', 'cancelled')) OR stage = ?2) "
		"AND (?3 IS NULL OR channel = ?3) "
		"ORDER BY CASE stage WHEN 'new' THEN 0 WHEN 'review' THEN 1 WHEN 'locked' THEN 2 "
		"WHEN 'picking' THEN 3 WHEN 'shipped' THEN 4 WHEN 'transit' THEN 5 WHEN 'done' THEN 6 "
		"ELSE 7 END, prio_rank, score DESC, due_at, id";
	sqlite3_stmt *st = store_prep(s, sql);
	struct order o;
	int rc;

	if (!st)
		return store_prep_failed(s);
	sqlite3_bind_int(st, 1, f->stage < 0 ? f->stage : 0);
	sqlite3_bind_text(st, 2, f->stage >= 0 ? stage_name((enum stage)f->stage) : "", -1, SQLITE_STATIC);
	store_bind_text(st, 3, f->channel);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		order_read(st, &o);
		if (f->health >= 0) {
			struct health_input hi = { o.stage, o.stage_at, o.due_at, o.open_exc,
	                           o.prev_on_time, o.received_at };
			if ((int)health_of(&hi, f->now) != f->health)
				continue;
		}
		if (fn(&o, arg)) {
			rc = SQLITE_DONE;
			break;
		}
	}
	store_done(st);
	return rc == SQLITE_DONE ? ST_OK : store_fail(s, rc, sql);
}

enum status store_order_events(struct store *s, long long order_id,
                               int (*fn)(const struct event_row *e, void *arg), void *arg)
{
	static const char sql[] =
		"SELECT id, at, actor, what, from_val, to_val, why, run_by FROM events "
		"WHERE order_id = ?1 ORDER BY at, id";
	sqlite3_stmt *st = store_prep(s, sql);
	struct event_row e;
	int rc;

	if (!st)
		return store_prep_failed(s);
	sqlite3_bind_int64(st, 1, order_id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		e.id = sqlite3_column_int64(st, 0);
		e.at = (time_t)sqlite3_column_int64(st, 1);
		store_col_text(st, 2, e.actor, sizeof e.actor);
		store_col_text(st, 3, e.what, sizeof e.what);
		store_col_text(st, 4, e.from, sizeof e.from);
		store_col_text(st, 5, e.to, sizeof e.to);
		store_col_text(st, 6, e.why, sizeof e.why);
		store_col_text(st, 7, e.run_by, sizeof e.run_by);
		if (fn(&e, arg)) {
			rc = SQLITE_DONE;
			break;
		}
	}
	store_done(st);
	return rc == SQLITE_DONE ? ST_OK : store_fail(s, rc, sql);
}
