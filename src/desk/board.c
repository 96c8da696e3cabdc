/* The board's reads as use cases: header, columns, pages, search. */
#include "ordesk/desk_board.h"
#include "ordesk/i18n.h"
#include "ordesk/text.h"

#include <string.h>

static enum status fail_store(struct desk *d, enum status st)
{
	if (st == ST_BUSY)
		return desk_fail(d, st, "%s", _("the store is busy (another program holds it); retrying"));
	return desk_fail(d, st, "%s", store_errmsg(d->store));
}

enum status desk_board_header(struct desk *d, const struct board_filter *f, struct board_header *h)
{
	time_t now = desk_now(d);
	enum status st;
	int green_total = 0;

	memset(h, 0, sizeof *h);
	text_copy(h->store_name, d->store_name, sizeof h->store_name);
	for (int s = 0; s < STAGE_BOARD_COUNT; s++) {
		int n, red, green;
		if ((st = store_board_health(d->store, now, (enum stage)s, &n, &red, &green)) != ST_OK)
			return fail_store(d, st);
		if (s != STAGE_DONE) {
			h->open += n;
			h->red += red;
			green_total += green;
		}
		if (board_filter_active(f)) {
			st = store_board_column(d->store, f, now, (enum stage)s, &n, &red);
			if (st != ST_OK)
				return fail_store(d, st);
		}
		h->count[s] = n;
		h->red_in[s] = red;
	}
	h->yellow = h->open - h->red - green_total;
	if (h->yellow < 0)
		h->yellow = 0;
	st = store_board_surge(d->store, calendar_day(now), d->surge_factor, h->surge,
	                       DESK_BOARD_MAX_SURGE, &h->nsurge);
	return st == ST_OK ? ST_OK : fail_store(d, st);
}

enum status desk_board_page(struct desk *d, const struct board_filter *f, enum stage stage,
                            int offset, int limit, struct board_card *cards, int *n)
{
	enum status st = store_board_page(d->store, f, desk_now(d), stage, offset, limit, cards, n);
	return st == ST_OK ? ST_OK : fail_store(d, st);
}

enum health desk_card_health(const struct desk *d, const struct board_card *c)
{
	struct health_input in = { c->stage, c->stage_at, c->due_at, c->open_exc, c->prev_on_time,
	                          c->received_at };
	return health_of(&in, desk_now(d));
}

void desk_board_mine(const struct desk *d, struct board_filter *f, int on)
{
	if (on)
		text_copy(f->mine, d->login, sizeof f->mine);
	else
		f->mine[0] = '\0';
}

enum status desk_board_search(struct desk *d, const struct board_filter *f, const char *q,
                              struct board_hit *hits, int max, int *n)
{
	enum status st = store_board_search(d->store, f, desk_now(d), q, hits, max, n);
	return st == ST_OK ? ST_OK : fail_store(d, st);
}

enum status desk_board_locate(struct desk *d, const struct board_filter *f,
                              const struct board_hit *h, int *pos)
{
	enum status st = store_board_position(d->store, f, desk_now(d), h, pos);
	return st == ST_OK ? ST_OK : fail_store(d, st);
}

enum status desk_board_find(struct desk *d, const struct board_filter *f, const char *order_no,
                            struct board_hit *h, int *pos)
{
	struct order o;
	enum status st;

	*pos = -1;
	if ((st = store_order_get(d->store, order_no, &o)) == ST_REFUSED)
		return ST_OK;   /* gone: off the board */
	if (st != ST_OK)
		return fail_store(d, st);
	h->id = o.id;
	h->stage = o.stage;
	h->prio_rank = (int)o.priority;
	h->score = o.score;
	h->due_at = o.due_at;
	if ((int)o.stage >= STAGE_BOARD_COUNT)
		return ST_OK;
	return desk_board_locate(d, f, h, pos);
}

enum status desk_order_lines(struct desk *d, long long order_id, struct order_line *lines,
                             int max, int *n)
{
	enum status st = store_order_lines(d->store, order_id, lines, max, n);
	return st == ST_OK ? ST_OK : fail_store(d, st);
}

enum status desk_order_history(struct desk *d, long long order_id,
                               int (*fn)(const struct event_row *e, void *arg), void *arg)
{
	enum status st = store_order_events(d->store, order_id, fn, arg);
	return st == ST_OK ? ST_OK : fail_store(d, st);
}

enum status desk_order_exceptions(struct desk *d, long long order_id,
                                  int (*fn)(const struct exception_rec *e, void *arg), void *arg)
{
	enum status st = store_exception_each_of_order(d->store, order_id, fn, arg);
	return st == ST_OK ? ST_OK : fail_store(d, st);
}

enum status desk_order_locks(struct desk *d, long long order_id,
                             int (*fn)(const struct lock_row *l, void *arg), void *arg)
{
	enum status st = store_board_locks(d->store, order_id, fn, arg);
	return st == ST_OK ? ST_OK : fail_store(d, st);
}
