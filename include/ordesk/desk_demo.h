#ifndef ORDESK_DESK_DEMO_H
#define ORDESK_DESK_DEMO_H

#include "ordesk/desk.h"

/*
 * A store a newcomer can learn from: orders over every stage and the
 * three channels, Chinese and Latin names, VIP, urgent, custom and return
 * orders, some overdue and some with open exceptions of each kind, stock
 * for a hundred SKUs with a few short, and five weeks of history (finished
 * orders, resolved exceptions with causes, improvement actions).  The same
 * seed and the same now give the same store.
 */
struct demo_opts {
	long orders;                     /* at least 300 */
	unsigned long long seed;
	void (*progress)(long done, long total, void *arg);
	void *progress_arg;
};

#define DEMO_DEFAULT_ORDERS 1500
#define DEMO_MIN_ORDERS 300
#define DEMO_MAX_ORDERS 5000000

/* Fills an empty store; refuses one that has orders. */
enum status desk_demo(struct desk *d, const struct demo_opts *opt);
/* *yes: the demo made this store (what --refresh may rebuild). */
enum status desk_demo_made(struct desk *d, int *yes);

#endif
