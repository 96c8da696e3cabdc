/* The store side of importing channel files and stock lists. */
#include "ordesk/store_ingest.h"
#include "ordesk/text.h"

#include <stdlib.h>
#include <string.h>

enum status store_ingest_bulk(struct store *s, int on)
{
	/* An import touches every index of orders at random places: a page cache
	 * that holds the hot pages writes each once to the log instead of on every
	 * spill.  32 MiB keeps a whole import under 64 MiB of memory. */
	static const char big[] = "PRAGMA cache_size = -32768; PRAGMA temp_store = MEMORY";
	static const char normal[] = "PRAGMA cache_size = -2000; PRAGMA threads = 0";
	int rc = sqlite3_exec(store_db(s), on ? big : normal, NULL, NULL, NULL);

	return rc == SQLITE_OK ? ST_OK : store_fail(s, rc, on ? big : normal);
}

/* Each deferred index, with the statement that drops it. */
static const struct {
	const char *name, *drop;
} deferrable[] = {
	{ "orders_board", "DROP INDEX orders_board" },
	{ "orders_channel_board", "DROP INDEX orders_channel_board" },
	{ "orders_customer", "DROP INDEX orders_customer" },
	{ "orders_ref", "DROP INDEX orders_ref" },
	{ "orders_display_ref", "DROP INDEX orders_display_ref" },
	{ "orders_due", "DROP INDEX orders_due" },
	{ "orders_late", "DROP INDEX orders_late" },
	{ "order_lines_sku", "DROP INDEX order_lines_sku" },
};

enum status store_ingest_defer(struct store *s, struct ingest_deferred *d)
{
	static const char sql[] = "SELECT sql FROM sqlite_schema WHERE type = 'index' AND name = ?1";
	enum status r;
	int rc;

	memset(d, 0, sizeof *d);
	for (size_t i = 0; i < sizeof deferrable / sizeof *deferrable && d->n < INGEST_DEFERRED_MAX; i++) {
		sqlite3_stmt *st = store_prep(s, sql);
		if (!st)
			return store_prep_failed(s);
		sqlite3_bind_text(st, 1, deferrable[i].name, -1, SQLITE_STATIC);
		rc = sqlite3_step(st);
		char *def = rc == SQLITE_ROW ? strdup((const char *)sqlite3_column_text(st, 0)) : NULL;
		store_done(st);
		if (rc == SQLITE_DONE)
			continue;   /* not in this store */
		if (rc != SQLITE_ROW || !def) {
			free(def);
			return rc != SQLITE_ROW ? store_fail(s, rc, sql) : ST_INTERNAL;
		}
		d->sql[d->n++] = def;
		if ((r = store_exec_sql(s, deferrable[i].drop)) != ST_OK)
			return r;
	}
	return ST_OK;
}

enum status store_ingest_rebuild(struct store *s, struct ingest_deferred *d)
{
	/* The sorter holds as much as the page cache in memory and writes the
	 * rest to temporary files, which must be files here, not memory.  A
	 * helper thread sorts beside it, with as much again: 6 MiB each keeps
	 * the whole import under its 64 MiB. */
	static const char smaller[] = "PRAGMA cache_size = -6144";
	static const char on_disk[] = "PRAGMA temp_store = FILE";
	static const char helpers[] = "PRAGMA threads = 1";
	enum status r = store_exec_sql(s, smaller);

	if (r == ST_OK)
		r = store_exec_sql(s, on_disk);
	if (r == ST_OK)
		r = store_exec_sql(s, helpers);

	for (int i = 0; r == ST_OK && i < d->n; i++) {
		sqlite3_stmt *st;
		int rc = sqlite3_prepare_v2(store_db(s), d->sql[i], -1, &st, NULL);
		if (rc == SQLITE_OK)
			rc = sqlite3_step(st);
		sqlite3_finalize(st);
		if (rc != SQLITE_DONE)
			r = store_fail(s, rc, d->sql[i]);
	}
	store_ingest_deferred_free(d);
	return r;
}

void store_ingest_deferred_free(struct ingest_deferred *d)
{
	for (int i = 0; i < d->n; i++)
		free(d->sql[i]);
	d->n = 0;
}

/*
 * Held-back rows.  A statement writes 16, 8, 4, 2 or 1 rows, so that any
 * count takes at most five; the texts below spell those counts out.
 */
#define BATCH_ORDERS 16
#define BATCH_LINES 64
#define BATCH_EVENTS 32   /* an order's import event and its exception's raise */
#define BATCH_TEXT (1u << 20)   /* their text: a file of long fields writes more often */

#define ROWS2(r) r ", " r
#define ROWS4(r) ROWS2(r) ", " ROWS2(r)
#define ROWS8(r) ROWS4(r) ", " ROWS4(r)
#define ROWS16(r) ROWS8(r) ", " ROWS8(r)
#define BY_CHUNKS(head, r) { head ROWS16(r), head ROWS8(r), head ROWS4(r), head ROWS2(r), head r }

static const int chunk_rows[] = { 16, 8, 4, 2, 1 };
#define CHUNKS ((int)(sizeof chunk_rows / sizeof *chunk_rows))

#define ORDER_HEAD                                                                                \
	"INSERT INTO orders (id, order_no, channel, channel_ref, source, stage, priority, prio_rank, " \
	"score, ordered_at, received_at, stage_at, due_at, promise_at, customer, phone, address, "    \
	"tier, type, flags, note, currency, total_cents, lines, items, channel_state, content_hash, " \
	"display_ref, email, channel_promise_at) VALUES "
#define ORDER_ROW "(?, ?, ?, ?, ?, 'new', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
#define ORDER_PARAMS 29
#define LINE_HEAD "INSERT INTO order_lines (order_id, line_no, sku, name, qty, unit_price_cents) VALUES "
#define LINE_ROW "(?, ?, ?, ?, ?, ?)"
#define LINE_PARAMS 6
#define EVENT_HEAD \
	"INSERT INTO events (at, actor, order_id, entity, entity_id, what, from_val, to_val, why) VALUES "
#define EVENT_ROW "(?, ?, ?, ?, ?, ?, ?, ?, ?)"
#define EVENT_PARAMS 9
#define EXC_HEAD                                                                              \
	"INSERT INTO exceptions (id, order_id, kind, stage, opened_at, opened_by, description, " \
	"detail, due_at, related_id) VALUES "
#define EXC_ROW "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
#define EXC_PARAMS 10

static const char *const orders_sql[] = BY_CHUNKS(ORDER_HEAD, ORDER_ROW);
static const char *const lines_sql[] = BY_CHUNKS(LINE_HEAD, LINE_ROW);
static const char *const events_sql[] = BY_CHUNKS(EVENT_HEAD, EVENT_ROW);
static const char *const exceptions_sql[] = BY_CHUNKS(EXC_HEAD, EXC_ROW);

/* An order's strings, in the order of struct ingest_order's. */
enum { OS_NO, OS_CHANNEL, OS_REF, OS_SOURCE, OS_CUSTOMER, OS_PHONE, OS_ADDRESS, OS_NOTE,
       OS_FLAGS, OS_STATE, OS_CURRENCY, OS_HASH, OS_DISPLAY_REF, OS_EMAIL, OS_COUNT };

struct held_order {
	long long id;
	struct ingest_order o;     /* its string pointers unused: see text */
	size_t text[OS_COUNT];
};

struct held_line {
	long long order_id, unit_cents;
	long qty;
	int line_no;
	size_t sku, name;
};

struct held_event {
	long long order_id;
	time_t at;
	size_t actor, entity, entity_id, what, from, to, why;
};

struct held_exception {
	long long id, order_id, related_id;
	enum exkind kind;
	enum stage stage;
	time_t opened_at, due_at;
	size_t opened_by, description, detail;
};

struct ingest_batch {
	struct held_order order[BATCH_ORDERS];
	struct held_line line[BATCH_LINES];
	struct held_event event[BATCH_EVENTS];
	struct held_exception exc[BATCH_ORDERS];
	int norders, nlines, nevents, nexcs;
	long long next_id;         /* the id the next new order gets; 0: not read yet */
	long long next_exc_id;     /* the same for exceptions, read again after each flush */
	struct text_buf text;      /* the held rows' strings, by offset plus one */
};

/* Holds s in the batch's text; -1 when out of memory. */
static int hold(struct ingest_batch *b, const char *s, size_t *at)
{
	*at = text_buf_put(&b->text, s, strlen(s));
	return *at ? 0 : -1;
}

struct ingest_batch *store_ingest_batch_new(void)
{
	return calloc(1, sizeof(struct ingest_batch));
}

void store_ingest_batch_free(struct ingest_batch *b)
{
	if (b) {
		text_buf_free(&b->text);
		free(b);
	}
}

typedef void (*bind_row_fn)(sqlite3_stmt *st, int base, const struct ingest_batch *b, int row);

/* Writes n held rows with as few statements as the chunk sizes allow. */
static enum status write_rows(struct store *s, const char *const sql[], int params, int n,
                              bind_row_fn bind, const struct ingest_batch *b)
{
	int done = 0;

	for (int c = 0; c < CHUNKS; c++) {
		while (n - done >= chunk_rows[c]) {
			sqlite3_stmt *st = store_prep(s, sql[c]);
			enum status r;
			if (!st)
				return store_prep_failed(s);
			for (int k = 0; k < chunk_rows[c]; k++)
				bind(st, k * params, b, done + k);
			if ((r = store_exec_stmt(s, st, sql[c])) != ST_OK)
				return r;
			done += chunk_rows[c];
		}
	}
	return ST_OK;
}

static void bind_order(sqlite3_stmt *st, int base, const struct ingest_batch *b, int row)
{
	const struct held_order *h = &b->order[row];
	const struct ingest_order *o = &h->o;
	const struct text_buf *t = &b->text;
	static const int texts[] = { OS_NO, OS_CHANNEL, OS_REF, OS_SOURCE };

	sqlite3_bind_int64(st, base + 1, h->id);
	for (int i = 0; i < 4; i++)
		sqlite3_bind_text(st, base + 2 + i, text_buf_str(t, h->text[texts[i]]), -1, SQLITE_STATIC);
	sqlite3_bind_text(st, base + 6, priority_name(o->priority), -1, SQLITE_STATIC);
	sqlite3_bind_int(st, base + 7, (int)o->priority);
	sqlite3_bind_double(st, base + 8, o->score);
	sqlite3_bind_int64(st, base + 9, o->ordered_at);
	sqlite3_bind_int64(st, base + 10, o->received_at);
	sqlite3_bind_int64(st, base + 11, o->received_at);   /* entered new when received */
	sqlite3_bind_int64(st, base + 12, o->due_at);
	sqlite3_bind_int64(st, base + 13, o->promise_at);
	sqlite3_bind_text(st, base + 14, text_buf_str(t, h->text[OS_CUSTOMER]), -1, SQLITE_STATIC);
	sqlite3_bind_text(st, base + 15, text_buf_str(t, h->text[OS_PHONE]), -1, SQLITE_STATIC);
	sqlite3_bind_text(st, base + 16, text_buf_str(t, h->text[OS_ADDRESS]), -1, SQLITE_STATIC);
	sqlite3_bind_text(st, base + 17, tier_name(o->tier), -1, SQLITE_STATIC);
	sqlite3_bind_text(st, base + 18, otype_name(o->type), -1, SQLITE_STATIC);
	sqlite3_bind_text(st, base + 19, text_buf_str(t, h->text[OS_FLAGS]), -1, SQLITE_STATIC);
	sqlite3_bind_text(st, base + 20, text_buf_str(t, h->text[OS_NOTE]), -1, SQLITE_STATIC);
	sqlite3_bind_text(st, base + 21, text_buf_str(t, h->text[OS_CURRENCY]), -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, base + 22, o->total_cents);
	sqlite3_bind_int(st, base + 23, o->lines);
	sqlite3_bind_int(st, base + 24, o->items);
	sqlite3_bind_text(st, base + 25, text_buf_str(t, h->text[OS_STATE]), -1, SQLITE_STATIC);
	sqlite3_bind_text(st, base + 26, text_buf_str(t, h->text[OS_HASH]), -1, SQLITE_STATIC);
	sqlite3_bind_text(st, base + 27, text_buf_str(t, h->text[OS_DISPLAY_REF]), -1, SQLITE_STATIC);
	sqlite3_bind_text(st, base + 28, text_buf_str(t, h->text[OS_EMAIL]), -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, base + 29, o->channel_promise_at);
}

static void bind_line(sqlite3_stmt *st, int base, const struct ingest_batch *b, int row)
{
	const struct held_line *l = &b->line[row];
	const struct text_buf *t = &b->text;

	sqlite3_bind_int64(st, base + 1, l->order_id);
	sqlite3_bind_int(st, base + 2, l->line_no);
	sqlite3_bind_text(st, base + 3, text_buf_str(t, l->sku), -1, SQLITE_STATIC);
	sqlite3_bind_text(st, base + 4, text_buf_str(t, l->name), -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, base + 5, l->qty);
	sqlite3_bind_int64(st, base + 6, l->unit_cents);
}

static void bind_event(sqlite3_stmt *st, int base, const struct ingest_batch *b, int row)
{
	const struct held_event *e = &b->event[row];
	const struct text_buf *t = &b->text;
	const size_t texts[] = { e->entity, e->entity_id, e->what, e->from, e->to, e->why };

	sqlite3_bind_int64(st, base + 1, (sqlite3_int64)e->at);
	sqlite3_bind_text(st, base + 2, text_buf_str(t, e->actor), -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, base + 3, e->order_id);
	for (int i = 0; i < 6; i++)
		sqlite3_bind_text(st, base + 4 + i, text_buf_str(t, texts[i]), -1, SQLITE_STATIC);
}

static void bind_exception(sqlite3_stmt *st, int base, const struct ingest_batch *b, int row)
{
	const struct held_exception *e = &b->exc[row];
	const struct text_buf *t = &b->text;

	sqlite3_bind_int64(st, base + 1, e->id);
	sqlite3_bind_int64(st, base + 2, e->order_id);
	sqlite3_bind_text(st, base + 3, exkind_name(e->kind), -1, SQLITE_STATIC);
	sqlite3_bind_text(st, base + 4, stage_name(e->stage), -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, base + 5, (sqlite3_int64)e->opened_at);
	sqlite3_bind_text(st, base + 6, text_buf_str(t, e->opened_by), -1, SQLITE_STATIC);
	sqlite3_bind_text(st, base + 7, text_buf_str(t, e->description), -1, SQLITE_STATIC);
	sqlite3_bind_text(st, base + 8, text_buf_str(t, e->detail), -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, base + 9, (sqlite3_int64)e->due_at);
	if (e->related_id)
		sqlite3_bind_int64(st, base + 10, e->related_id);
	else
		sqlite3_bind_null(st, base + 10);
}

/* Orders first: the lines, exceptions and events refer to them. */
enum status store_ingest_batch_flush(struct store *s, struct ingest_batch *b)
{
	enum status r = write_rows(s, orders_sql, ORDER_PARAMS, b->norders, bind_order, b);

	if (r == ST_OK)
		r = write_rows(s, lines_sql, LINE_PARAMS, b->nlines, bind_line, b);
	if (r == ST_OK)
		r = write_rows(s, exceptions_sql, EXC_PARAMS, b->nexcs, bind_exception, b);
	if (r == ST_OK)
		r = write_rows(s, events_sql, EVENT_PARAMS, b->nevents, bind_event, b);
	b->norders = b->nlines = b->nevents = b->nexcs = 0;
	b->next_exc_id = 0;   /* others may raise exceptions before the next is held */
	b->text.len = 0;
	return r;
}

/* Writes the batch out first when a list is full or its text has grown. */
static enum status make_room(struct store *s, struct ingest_batch *b, int full)
{
	return full || b->text.len > BATCH_TEXT ? store_ingest_batch_flush(s, b) : ST_OK;
}

enum status store_ingest_insert(struct store *s, struct ingest_batch *b, const struct ingest_order *o,
                                long long *id)
{
	const char *const texts[OS_COUNT] = { o->order_no, o->channel,  o->ref,     o->source,
	                                      o->customer, o->phone,    o->address, o->note,
	                                      o->flags,    o->state,    o->currency, o->hash,
	                                      o->display_ref, o->email };
	enum status r;

	if ((r = make_room(s, b, b->norders == BATCH_ORDERS)) != ST_OK)
		return r;
	if (!b->next_id) {
		/* what SQLite would give: the import is the transaction's only writer of orders */
		long long last = 0;
		if ((r = store_scalar(s, "SELECT coalesce(max(id), 0) FROM orders", &last)) != ST_OK)
			return r;
		b->next_id = last + 1;
	}
	struct held_order *h = &b->order[b->norders];
	for (int i = 0; i < OS_COUNT; i++)
		if (hold(b, texts[i] ? texts[i] : "", &h->text[i]) != 0)
			return ST_INTERNAL;
	h->o = *o;
	h->id = b->next_id++;
	*id = h->id;
	b->norders++;
	return ST_OK;
}

enum status store_ingest_line_put(struct store *s, struct ingest_batch *b, long long order_id,
                                  int line_no, const char *sku, const char *name, long qty,
                                  long long unit_cents)
{
	enum status r;

	if ((r = make_room(s, b, b->nlines == BATCH_LINES)) != ST_OK)
		return r;
	struct held_line *l = &b->line[b->nlines];
	if (hold(b, sku, &l->sku) != 0 || hold(b, name, &l->name) != 0)
		return ST_INTERNAL;
	l->order_id = order_id;
	l->line_no = line_no;
	l->qty = qty;
	l->unit_cents = unit_cents;
	b->nlines++;
	return ST_OK;
}

enum status store_ingest_event_put(struct store *s, struct ingest_batch *b, time_t at,
                                   const char *actor, const struct event_rec *ev)
{
	enum status r;

	if ((r = make_room(s, b, b->nevents == BATCH_EVENTS)) != ST_OK)
		return r;
	struct held_event *e = &b->event[b->nevents];
	const char *const texts[] = { actor, ev->entity, ev->entity_id, ev->what, ev->from, ev->to, ev->why };
	size_t *const at_[] = { &e->actor, &e->entity, &e->entity_id, &e->what, &e->from, &e->to, &e->why };
	for (int i = 0; i < 7; i++)
		if (hold(b, texts[i] ? texts[i] : "", at_[i]) != 0)
			return ST_INTERNAL;
	e->order_id = ev->order_id;
	e->at = at;
	b->nevents++;
	return ST_OK;
}

enum status store_ingest_exception_put(struct store *s, struct ingest_batch *b,
                                       const struct exception_rec *x, long long *id)
{
	enum status r;

	if ((r = make_room(s, b, b->nexcs == BATCH_ORDERS)) != ST_OK)
		return r;
	if (!b->next_exc_id) {
		/* what SQLite would give: since the last flush nothing else raised one */
		long long last = 0;
		if ((r = store_scalar(s, "SELECT coalesce(max(id), 0) FROM exceptions", &last)) != ST_OK)
			return r;
		b->next_exc_id = last + 1;
	}
	struct held_exception *h = &b->exc[b->nexcs];
	if (hold(b, x->opened_by, &h->opened_by) != 0 || hold(b, x->description, &h->description) != 0 ||
	    hold(b, x->detail, &h->detail) != 0)
		return ST_INTERNAL;
	h->order_id = x->order_id;
	h->related_id = x->related_id;
	h->kind = x->kind;
	h->stage = x->stage;
	h->opened_at = x->opened_at;
	h->due_at = x->due_at;
	h->id = b->next_exc_id++;
	*id = h->id;
	b->nexcs++;
	return ST_OK;
}

/* Whether a held order has this channel and channel order id. */
static int held_ref(const struct ingest_batch *b, const char *channel, const char *ref)
{
	const struct text_buf *t = &b->text;

	for (int i = 0; i < b->norders; i++)
		if (strcmp(text_buf_str(t, b->order[i].text[OS_REF]), ref) == 0 &&
		    strcmp(text_buf_str(t, b->order[i].text[OS_CHANNEL]), channel) == 0)
			return 1;
	return 0;
}

/* Whether a held order other than self has the phone and an order time in [from, to]. */
static int held_phone(const struct ingest_batch *b, const char *phone, long long self, time_t from,
                      time_t to)
{
	const struct text_buf *t = &b->text;

	for (int i = 0; i < b->norders; i++) {
		const struct held_order *h = &b->order[i];
		if (h->id != self && h->o.ordered_at >= from && h->o.ordered_at <= to &&
		    strcmp(text_buf_str(t, h->text[OS_PHONE]), phone) == 0)
			return 1;
	}
	return 0;
}

static void bind_window(sqlite3_stmt *st, const char *phone, long long self_id, time_t from, time_t to)
{
	sqlite3_bind_text(st, 1, phone, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, self_id);
	sqlite3_bind_int64(st, 3, from);
	sqlite3_bind_int64(st, 4, to);
}

enum status store_ingest_duplicate(struct store *s, struct ingest_batch *b, const char *phone,
                                   long long self_id, time_t from, time_t to, const char *items,
                                   long long *other, char *other_no, size_t other_no_size)
{
	/* Most orders share their phone with none: one look at the index says so. */
	static const char any[] =
		"SELECT 1 FROM orders WHERE phone = ?1 AND id <> ?2 AND stage <> 'cancelled' "
		"AND ordered_at BETWEEN ?3 AND ?4 LIMIT 1";
	static const char sql[] =
		"SELECT o.id, o.order_no FROM orders o "
		"WHERE o.phone = ?1 AND o.id <> ?2 AND o.stage <> 'cancelled' "
		"AND o.ordered_at BETWEEN ?3 AND ?4 "
		"AND (SELECT group_concat(sku || char(31) || q, char(30)) FROM "
		"     (SELECT sku, sum(qty) q FROM order_lines WHERE order_id = o.id "
		"      GROUP BY sku ORDER BY sku)) = ?5 "
		"ORDER BY o.id LIMIT 1";
	sqlite3_stmt *st;
	enum status r;
	int rc;

	*other = 0;
	if (!held_phone(b, phone, self_id, from, to)) {
		if (!(st = store_prep(s, any)))
			return store_prep_failed(s);
		bind_window(st, phone, self_id, from, to);
		rc = sqlite3_step(st);
		store_done(st);
		if (rc == SQLITE_DONE)
			return ST_OK;
		if (rc != SQLITE_ROW)
			return store_fail(s, rc, any);
	}
	/* there is one to compare with: its order or some of its lines may be held */
	if ((r = store_ingest_batch_flush(s, b)) != ST_OK)
		return r;
	if (!(st = store_prep(s, sql)))
		return store_prep_failed(s);
	bind_window(st, phone, self_id, from, to);
	sqlite3_bind_text(st, 5, items, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*other = sqlite3_column_int64(st, 0);
		store_col_text(st, 1, other_no, other_no_size);
	}
	store_done(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? ST_OK : store_fail(s, rc, sql);
}

enum status store_ingest_find(struct store *s, struct ingest_batch *b, const char *channel,
                              const char *ref, struct ingest_found *f)
{
	static const char sql[] =
		"SELECT id, stage, order_no, content_hash, channel_state, exc_kinds, version, priority, "
		"display_ref, email FROM orders WHERE channel = ?1 AND channel_ref = ?2";
	sqlite3_stmt *st;
	char word[32];
	enum status r;
	int rc;

	f->id = 0;
	if (held_ref(b, channel, ref) && (r = store_ingest_batch_flush(s, b)) != ST_OK)
		return r;
	if (!(st = store_prep(s, sql)))
		return store_prep_failed(s);
	sqlite3_bind_text(st, 1, channel, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, ref, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		f->id = sqlite3_column_int64(st, 0);
		store_col_text(st, 1, word, sizeof word);
		f->stage = (enum stage)stage_parse(word);
		store_col_text(st, 2, f->order_no, sizeof f->order_no);
		store_col_text(st, 3, f->hash, sizeof f->hash);
		store_col_text(st, 4, f->state, sizeof f->state);
		store_col_text(st, 5, f->exc_kinds, sizeof f->exc_kinds);
		f->version = sqlite3_column_int(st, 6);
		store_col_text(st, 7, word, sizeof word);
		f->priority = priority_parse(word) < 0 ? PRIO_NORMAL : (enum priority)priority_parse(word);
		store_col_text(st, 8, f->display_ref, sizeof f->display_ref);
		store_col_text(st, 9, f->email, sizeof f->email);
	}
	store_done(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_fail(s, rc, sql);
	return ST_OK;
}

enum status store_ingest_update(struct store *s, long long id, int expected_version,
                                const struct ingest_order *o)
{
	static const char sql[] =
		"UPDATE orders SET customer = ?3, phone = ?4, address = ?5, tier = ?6, type = ?7, "
		"flags = ?8, note = ?9, currency = ?10, total_cents = ?11, lines = ?12, items = ?13, "
		"channel_state = ?14, content_hash = ?15, ordered_at = ?16, priority = ?17, "
		"prio_rank = ?18, score = ?19, promise_at = ?20, display_ref = ?21, email = ?22, "
		"channel_promise_at = ?23, version = version + 1 "
		"WHERE id = ?1 AND version = ?2 AND stage IN ('new', 'review')";
	static const char del[] = "DELETE FROM order_lines WHERE order_id = ?1";
	sqlite3_stmt *st = store_prep(s, sql);
	sqlite3_stmt *ds = store_prep(s, del);
	enum status r;

	if (!st || !ds)
		return store_prep_failed(s);
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int(st, 2, expected_version);
	sqlite3_bind_text(st, 3, o->customer, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, o->phone, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 5, o->address, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 6, tier_name(o->tier), -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 7, otype_name(o->type), -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 8, o->flags, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 9, o->note, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 10, o->currency, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 11, o->total_cents);
	sqlite3_bind_int(st, 12, o->lines);
	sqlite3_bind_int(st, 13, o->items);
	sqlite3_bind_text(st, 14, o->state, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 15, o->hash, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 16, o->ordered_at);
	sqlite3_bind_text(st, 17, priority_name(o->priority), -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 18, (int)o->priority);
	sqlite3_bind_double(st, 19, o->score);
	sqlite3_bind_int64(st, 20, o->promise_at);
	sqlite3_bind_text(st, 21, o->display_ref ? o->display_ref : "", -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 22, o->email ? o->email : "", -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 23, o->channel_promise_at);
	if ((r = store_exec_stmt(s, st, sql)) != ST_OK)
		return r;
	if (store_changes(s) != 1)
		return ST_REFUSED;
	sqlite3_bind_int64(ds, 1, id);
	return store_exec_stmt(s, ds, del);
}

enum status store_ingest_mark(struct store *s, long long id, const char *state, const char *hash)
{
	static const char sql[] =
		"UPDATE orders SET channel_state = ?2, content_hash = ?3 WHERE id = ?1";
	sqlite3_stmt *st = store_prep(s, sql);

	if (!st)
		return store_prep_failed(s);
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_text(st, 2, state, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, hash, -1, SQLITE_STATIC);
	return store_exec_stmt(s, st, sql);
}

enum status store_ingest_fill(struct store *s, long long id, const char *display_ref,
                              const char *email, const char *phone)
{
	static const char sql[] =
		"UPDATE orders SET display_ref = ?2, email = ?3, "
		"phone = CASE WHEN ?3 <> '' AND phone = ?3 AND ?4 = '' THEN '' ELSE phone END "
		"WHERE id = ?1";
	sqlite3_stmt *st = store_prep(s, sql);

	if (!st)
		return store_prep_failed(s);
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_text(st, 2, display_ref, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, email, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, phone, -1, SQLITE_STATIC);
	return store_exec_stmt(s, st, sql);
}

enum status store_ingest_serial_set(struct store *s, const char *day, const char *channel, int last)
{
	static const char sql[] =
		"INSERT INTO serials (day, channel, last) VALUES (?1, ?2, ?3) "
		"ON CONFLICT (day, channel) DO UPDATE SET last = max(last, excluded.last)";
	sqlite3_stmt *st = store_prep(s, sql);

	if (!st)
		return store_prep_failed(s);
	sqlite3_bind_text(st, 1, day, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, channel, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 3, last);
	return store_exec_stmt(s, st, sql);
}

enum status store_ingest_count(struct store *s, const char *channel, long from, long to, long *n)
{
	/* not the orders themselves: the range of received_at would read every
	 * order of every channel in those days */
	static const char sql[] =
		"SELECT coalesce(sum(n), 0) FROM channel_days WHERE channel = ?1 AND day >= ?2 AND day < ?3";
	sqlite3_stmt *st = store_prep(s, sql);
	int rc;

	*n = 0;
	if (!st)
		return store_prep_failed(s);
	sqlite3_bind_text(st, 1, channel, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, from);
	sqlite3_bind_int64(st, 3, to);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*n = (long)sqlite3_column_int64(st, 0);
	store_done(st);
	return rc == SQLITE_ROW ? ST_OK : store_fail(s, rc, sql);
}

static enum status exists(struct store *s, const char *sql, const char *key, int *known)
{
	sqlite3_stmt *st = store_prep(s, sql);
	int rc;

	*known = 0;
	if (!st)
		return store_prep_failed(s);
	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	*known = rc == SQLITE_ROW;
	store_done(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? ST_OK : store_fail(s, rc, sql);
}

enum status store_ingest_product_known(struct store *s, const char *sku, int *known)
{
	static const char sql[] = "SELECT 1 FROM products WHERE sku = ?1";
	return exists(s, sql, sku, known);
}

enum status store_ingest_channel_known(struct store *s, const char *code, int *known)
{
	static const char sql[] = "SELECT 1 FROM channels WHERE code = ?1";
	return exists(s, sql, code, known);
}

enum status store_ingest_product_count(struct store *s, long *n)
{
	static const char sql[] = "SELECT count(*) FROM products";
	sqlite3_stmt *st = store_prep(s, sql);
	int rc;

	*n = 0;
	if (!st)
		return store_prep_failed(s);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*n = (long)sqlite3_column_int64(st, 0);
	store_done(st);
	return rc == SQLITE_ROW ? ST_OK : store_fail(s, rc, sql);
}

enum status store_ingest_product_put(struct store *s, const char *sku, const char *name)
{
	static const char sql[] =
		"INSERT INTO products (sku, name) VALUES (?1, ?2) "
		"ON CONFLICT (sku) DO UPDATE SET name = CASE WHEN excluded.name <> '' "
		"THEN excluded.name ELSE name END";
	sqlite3_stmt *st = store_prep(s, sql);

	if (!st)
		return store_prep_failed(s);
	sqlite3_bind_text(st, 1, sku, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, name, -1, SQLITE_STATIC);
	return store_exec_stmt(s, st, sql);
}

enum status store_ingest_warehouse_put(struct store *s, const char *code, int *created)
{
	static const char sql[] =
		"INSERT INTO warehouses (code, name) VALUES (?1, '') ON CONFLICT (code) DO NOTHING";
	sqlite3_stmt *st = store_prep(s, sql);
	enum status r;

	*created = 0;
	if (!st)
		return store_prep_failed(s);
	sqlite3_bind_text(st, 1, code, -1, SQLITE_STATIC);
	if ((r = store_exec_stmt(s, st, sql)) != ST_OK)
		return r;
	*created = store_changes(s) == 1;
	return ST_OK;
}

enum status store_ingest_stock_put(struct store *s, const char *sku, const char *warehouse,
                                   long on_hand, long safety, long *old_on_hand, long *locked)
{
	static const char get[] = "SELECT on_hand, locked FROM stock WHERE sku = ?1 AND warehouse = ?2";
	static const char put[] =
		"INSERT INTO stock (sku, warehouse, on_hand, safety_stock) VALUES (?1, ?2, ?3, max(?4, 0)) "
		"ON CONFLICT (sku, warehouse) DO UPDATE SET on_hand = excluded.on_hand, "
		"safety_stock = CASE WHEN ?4 < 0 THEN safety_stock ELSE ?4 END";
	sqlite3_stmt *gs = store_prep(s, get);
	sqlite3_stmt *ps = store_prep(s, put);
	int rc;

	*old_on_hand = -1;
	*locked = 0;
	if (!gs || !ps)
		return store_prep_failed(s);
	sqlite3_bind_text(gs, 1, sku, -1, SQLITE_STATIC);
	sqlite3_bind_text(gs, 2, warehouse, -1, SQLITE_STATIC);
	rc = sqlite3_step(gs);
	if (rc == SQLITE_ROW) {
		*old_on_hand = (long)sqlite3_column_int64(gs, 0);
		*locked = (long)sqlite3_column_int64(gs, 1);
	}
	store_done(gs);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_fail(s, rc, get);
	if (on_hand < *locked)
		return ST_REFUSED;
	sqlite3_bind_text(ps, 1, sku, -1, SQLITE_STATIC);
	sqlite3_bind_text(ps, 2, warehouse, -1, SQLITE_STATIC);
	sqlite3_bind_int64(ps, 3, on_hand);
	sqlite3_bind_int64(ps, 4, safety);
	return store_exec_stmt(s, ps, put);
}
