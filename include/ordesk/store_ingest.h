#ifndef ORDESK_STORE_INGEST_H
#define ORDESK_STORE_INGEST_H

#include <time.h>

#include "ordesk/catalog.h"
#include "ordesk/status.h"
#include "ordesk/store.h"
#include "ordesk/store_exception.h"

/*
 * What the import of channel files needs from the store: finding an order
 * by its channel key, inserting and updating imported orders, the counts
 * of the surge rule, the duplicate lookup, products, channels, and the
 * product/warehouse/stock upserts of a stock import.  All inside the
 * caller's transaction.
 */

/* A larger page cache for one big import (on), and back (off). */
enum status store_ingest_bulk(struct store *s, int on);

/*
 * The indexes an import fills at scattered places (board order, customer,
 * channel order id, due time, SKU): entry by entry, each new order costs a
 * page in each of them once they outgrow the page cache; built once from the
 * table at the end, they cost a sort.  store_ingest_defer drops them inside the caller's transaction,
 * keeping their definitions from the schema; store_ingest_rebuild creates them
 * again (before the commit: a rollback brings the old ones back by itself).
 * No query of the import needs them.
 */
#define INGEST_DEFERRED_MAX 12
struct ingest_deferred {
	int n;
	char *sql[INGEST_DEFERRED_MAX];   /* CREATE INDEX statements, from the schema */
};
enum status store_ingest_defer(struct store *s, struct ingest_deferred *d);
enum status store_ingest_rebuild(struct store *s, struct ingest_deferred *d);
/* Frees what store_ingest_defer kept (after a rebuild, or when rolled back). */
void store_ingest_deferred_free(struct ingest_deferred *d);

/* An existing order, as much of it as a re-import looks at. */
struct ingest_found {
	long long id;
	enum stage stage;
	char order_no[40];
	char hash[24];
	char state[256];
	char exc_kinds[128];
	int version;
	enum priority priority;
	char display_ref[80], email[128];
};

/*
 * New orders, their lines, exceptions and events are held back and
 * written many rows to a statement: one statement per row opens every
 * index of its table again, and these are most of an import's rows.
 * Held rows are written when the batch is full and by
 * store_ingest_batch_flush, which the caller runs before anything that
 * reads them or must come after them: a stored order's lines rewritten,
 * an exception raised by the desk (its event follows the import's), the
 * end of the file.  store_ingest_find and
 * store_ingest_duplicate look at the held orders themselves.  A batch
 * freed unflushed loses its rows: the transaction is rolled back then.
 */
struct ingest_batch;
struct ingest_batch *store_ingest_batch_new(void);
void store_ingest_batch_free(struct ingest_batch *b);
enum status store_ingest_batch_flush(struct store *s, struct ingest_batch *b);

/* ST_OK with f->id 0 when there is no such order. */
enum status store_ingest_find(struct store *s, struct ingest_batch *b, const char *channel,
                              const char *ref, struct ingest_found *f);

/* The fields an import writes (strings are never cut). */
struct ingest_order {
	const char *order_no, *channel, *ref, *source;
	const char *customer, *phone, *address, *note, *flags, *state, *currency, *hash;
	const char *display_ref, *email;   /* NULL: "" */
	enum tier tier;
	enum otype type;
	enum priority priority;
	double score;
	time_t ordered_at, received_at, due_at, promise_at;
	time_t channel_promise_at;         /* the channel's own promise; 0 none */
	long long total_cents;
	int lines, items;
};

/* A new order in stage new (received and stage entered at received_at),
 * held in b; *id is the id it gets. */
enum status store_ingest_insert(struct store *s, struct ingest_batch *b, const struct ingest_order *o,
                                long long *id);
/* An order line of a new order, held in b. */
enum status store_ingest_line_put(struct store *s, struct ingest_batch *b, long long order_id,
                                  int line_no, const char *sku, const char *name, long qty,
                                  long long unit_cents);
/* An event (store_event_add's), held in b. */
enum status store_ingest_event_put(struct store *s, struct ingest_batch *b, time_t at,
                                   const char *actor, const struct event_rec *ev);
/*
 * An open exception without a breach key on an order of this import, held
 * in b (written after the orders and lines, before the events, so its
 * raise event may be held after it); *id is the id it gets.  The caller
 * makes sure the order has no open exception of that kind (a new order).
 */
enum status store_ingest_exception_put(struct store *s, struct ingest_batch *b,
                                       const struct exception_rec *e, long long *id);
/* Rewrites the imported fields of an order still in new or review and drops
 * its lines (add them again after, store_ingest_line_put); ST_REFUSED if it
 * moved meanwhile.  Flush b before: none of the order's lines may be held. */
enum status store_ingest_update(struct store *s, long long id, int expected_version,
                                const struct ingest_order *o);
/* Records the channel's state word and the content hash of the last import. */
enum status store_ingest_mark(struct store *s, long long id, const char *state, const char *hash);
/* Sets the channel's display reference (the content hash leaves it out) and
 * the e-mail: an order stored before they were kept gets them from its next
 * import, and a phone that is that e-mail (stored so then) is emptied when the
 * channel gives no phone. */
enum status store_ingest_fill(struct store *s, long long id, const char *display_ref,
                              const char *email, const char *phone);

/* Sets the last serial used for a day and channel (after counting locally). */
enum status store_ingest_serial_set(struct store *s, const char *day, const char *channel,
                                    int last);

/* Orders of a channel received on local days [from, to) (calendar_day), from
 * the counts per channel and day (store_order_counted keeps them). */
enum status store_ingest_count(struct store *s, const char *channel, long from, long to, long *n);

/*
 * Another order with the same phone, ordered within [from, to], not
 * cancelled, whose items are items: SKU INGEST_QTY_SEP qty, summed per
 * SKU, sorted by SKU, joined by INGEST_ITEM_SEP (control characters, which
 * no SKU holds: "A*1;B" and "A" with "B" are not one list).  Its id and
 * number, or *other 0.  Held orders count: b is
 * flushed first when any order, held or stored, has the phone.
 */
#define INGEST_QTY_SEP "\x1f"
#define INGEST_ITEM_SEP "\x1e"
enum status store_ingest_duplicate(struct store *s, struct ingest_batch *b, const char *phone,
                                   long long self_id, time_t from, time_t to, const char *items,
                                   long long *other, char *other_no, size_t other_no_size);

/* 1 in *known when the products table has the SKU / channels table the code. */
enum status store_ingest_product_known(struct store *s, const char *sku, int *known);
enum status store_ingest_channel_known(struct store *s, const char *code, int *known);
/* Number of products in the catalogue. */
enum status store_ingest_product_count(struct store *s, long *n);

/* Stock import: upserts; *old_on_hand gets the previous count (-1 when new). */
enum status store_ingest_product_put(struct store *s, const char *sku, const char *name);
/* Adds a warehouse unless known; *created 1 when it was new. */
enum status store_ingest_warehouse_put(struct store *s, const char *code, int *created);
/* Sets on hand and safety stock (safety < 0 keeps it); ST_REFUSED when on hand would fall below what is locked. */
enum status store_ingest_stock_put(struct store *s, const char *sku, const char *warehouse,
                                   long on_hand, long safety, long *old_on_hand, long *locked);

#endif
