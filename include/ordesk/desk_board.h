#ifndef ORDESK_DESK_BOARD_H
#define ORDESK_DESK_BOARD_H

#include "ordesk/desk.h"
#include "ordesk/health.h"
#include "ordesk/store_board.h"
#include "ordesk/store_exception.h"
#include "ordesk/store_order.h"

/*
 * What the board shows, as use cases: the header and column counts, a page
 * of a column, search.  Reads only; the board's writes are desk_order.h's.
 * Each call reads only what is asked (a page, counts kept by triggers), so
 * the board costs the same on a million orders as on ten.
 */
#define DESK_BOARD_MAX_SURGE 8

struct board_header {
	char store_name[64];
	int open, red, yellow;                 /* open orders (new .. transit), unfiltered */
	int count[STAGE_BOARD_COUNT];          /* cards per column, under the filter */
	int red_in[STAGE_BOARD_COUNT];         /* red cards per column, under the filter */
	char surge[DESK_BOARD_MAX_SURGE][8];   /* channels surging today */
	int nsurge;
};

enum status desk_board_header(struct desk *d, const struct board_filter *f, struct board_header *h);

/* At most limit cards of column stage from position offset. */
enum status desk_board_page(struct desk *d, const struct board_filter *f, enum stage stage,
                            int offset, int limit, struct board_card *cards, int *n);

/* The health of a card now. */
enum health desk_card_health(const struct desk *d, const struct board_card *c);

/* Sets or clears the "mine" part of a filter: orders whose last event by a person
 * (not the sweep) is the operator's. */
void desk_board_mine(const struct desk *d, struct board_filter *f, int on);

/* Searches (see store_board_search); hits in board order. */
enum status desk_board_search(struct desk *d, const struct board_filter *f, const char *q,
                              struct board_hit *hits, int max, int *n);
/* Where the order numbered order_no sits now: *h its stage and rank, *pos its
 * position in its column under the filter (*pos -1: it is off the board). */
enum status desk_board_find(struct desk *d, const struct board_filter *f, const char *order_no,
                            struct board_hit *h, int *pos);
/* Where a hit sits in its column. */
enum status desk_board_locate(struct desk *d, const struct board_filter *f,
                              const struct board_hit *h, int *pos);

/* What the order view shows of one order besides its fields (each oldest first). */
enum status desk_order_lines(struct desk *d, long long order_id, struct order_line *lines,
                             int max, int *n);
enum status desk_order_history(struct desk *d, long long order_id,
                               int (*fn)(const struct event_row *e, void *arg), void *arg);
enum status desk_order_exceptions(struct desk *d, long long order_id,
                                  int (*fn)(const struct exception_rec *e, void *arg), void *arg);
enum status desk_order_locks(struct desk *d, long long order_id,
                             int (*fn)(const struct lock_row *l, void *arg), void *arg);

#endif
