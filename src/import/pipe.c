/*
 * A reader thread runs import_orders into a queue of copied orders; the
 * calling thread takes them off and hands them to the real sink.  The queue
 * is bounded, so memory stays flat whatever the file's size.
 */
#include "ordesk/import_pipe.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

enum item_kind { ITEM_ORDER, ITEM_REJECT, ITEM_PROGRESS, ITEM_ASK };

/* One callback to make on the calling thread.  The strings and arrays its
 * pointers reach are in the same allocation, after the struct. */
struct item {
	struct item *next;
	size_t size;              /* of the whole allocation */
	enum item_kind kind;
	union {
		struct import_order order;
		struct import_reject reject;
		struct {
			long long bytes;
			long rows;
		} progress;
		const char *channel;
	} u;
};

#define PIPE_AHEAD 256        /* items the reader may be ahead */
#define PIPE_BYTES (4u << 20) /* and their bytes: orders of long rows stay few */
#define PIPE_ASKED_MAX 32     /* channel answers the reader remembers */

struct asked {
	char code[32];
	int ok;
};

struct pipe {
	pthread_mutex_t mu;
	pthread_cond_t can_take, can_put, answered;
	struct item *head, *tail;
	int count;
	size_t bytes;
	int taker_waits, putter_waits;
	int done;                 /* the reader has returned */
	int stop;                 /* the status a callback stopped with */
	int answer;               /* to the question in flight; -1 until given */
	enum status status;       /* import_orders' own */

	/* the reader's alone */
	struct asked asked[PIPE_ASKED_MAX];
	int nasked;

	FILE *fp;
	const struct import_opts *opts;
	const struct import_sink *sink;
	struct import_result *res;
};

static size_t str_size(const char *s)
{
	return s ? strlen(s) + 1 : 0;
}

/* Copies s to *at and moves *at past it. */
static const char *str_put(char **at, const char *s)
{
	char *d = *at;
	size_t n = str_size(s);

	if (!s)
		return NULL;
	memcpy(d, s, n);
	*at += n;
	return d;
}

static struct item *item_new(enum item_kind kind, size_t extra)
{
	struct item *it = malloc(sizeof *it + extra);

	if (it) {
		memset(it, 0, sizeof *it);
		it->kind = kind;
		it->size = sizeof *it + extra;
	}
	return it;
}

/* The string fields of an order, to size and copy them from one list. */
#define ORDER_STRINGS 12
static void order_strings(struct import_order *o, const char **f[ORDER_STRINGS])
{
	const char **all[ORDER_STRINGS] = { &o->channel, &o->ref,  &o->customer, &o->phone, &o->email,
	                                    &o->address, &o->note, &o->flags,    &o->state, &o->currency,
	                                    &o->cause,   &o->display_ref };

	memcpy(f, all, sizeof all);
}

static struct item *order_copy(const struct import_order *o)
{
	struct import_order from = *o;
	const char **f[ORDER_STRINGS];
	size_t extra = (size_t)o->nlines * sizeof *o->lines + (size_t)o->nproblems * sizeof *o->problems;

	order_strings(&from, f);
	for (int i = 0; i < ORDER_STRINGS; i++)
		extra += str_size(*f[i]);
	for (int i = 0; i < o->nlines; i++)
		extra += str_size(o->lines[i].sku) + str_size(o->lines[i].name);

	struct item *it = item_new(ITEM_ORDER, extra);
	if (!it)
		return NULL;
	struct import_order *c = &it->u.order;
	struct import_line *lines = (struct import_line *)(it + 1);
	struct import_problem *problems = (struct import_problem *)(lines + o->nlines);
	char *at = (char *)(problems + o->nproblems);

	*c = *o;
	order_strings(c, f);
	for (int i = 0; i < ORDER_STRINGS; i++)
		*f[i] = str_put(&at, *f[i]);
	for (int i = 0; i < o->nlines; i++) {
		lines[i] = o->lines[i];
		lines[i].sku = str_put(&at, o->lines[i].sku);
		lines[i].name = str_put(&at, o->lines[i].name);
	}
	if (o->nproblems)
		memcpy(problems, o->problems, (size_t)o->nproblems * sizeof *problems);
	c->lines = o->nlines ? lines : NULL;
	c->problems = o->nproblems ? problems : NULL;
	return it;
}

static struct item *reject_copy(const struct import_reject *r)
{
	int nf = r->fields ? r->nfields : 0, nh = r->header ? r->nheader : 0;
	size_t extra = (size_t)(nf + nh) * sizeof(const char *) + str_size(r->reason);

	for (int i = 0; i < nf; i++)
		extra += str_size(r->fields[i]);
	for (int i = 0; i < nh; i++)
		extra += str_size(r->header[i]);

	struct item *it = item_new(ITEM_REJECT, extra);
	if (!it)
		return NULL;
	const char **fields = (const char **)(void *)(it + 1);
	const char **header = fields + nf;
	char *at = (char *)(header + nh);

	it->u.reject = *r;
	for (int i = 0; i < nf; i++)
		fields[i] = str_put(&at, r->fields[i]);
	for (int i = 0; i < nh; i++)
		header[i] = str_put(&at, r->header[i]);
	it->u.reject.reason = str_put(&at, r->reason);
	it->u.reject.fields = nf ? fields : NULL;
	it->u.reject.header = nh ? header : NULL;
	return it;
}

/* Whether the queue has no room for it (an empty queue always has). */
static int full(const struct pipe *p, const struct item *it)
{
	return p->count >= PIPE_AHEAD || (p->count > 0 && p->bytes + it->size > PIPE_BYTES);
}

/* The reader's side: queue it, waiting while the queue is full.  Returns the
 * status the sink stopped with (the item is dropped then), else 0. */
static int put(struct pipe *p, struct item *it)
{
	int stop;

	if (!it)
		return ST_INTERNAL;
	pthread_mutex_lock(&p->mu);
	while (full(p, it) && !p->stop) {
		p->putter_waits = 1;
		pthread_cond_wait(&p->can_put, &p->mu);
	}
	p->putter_waits = 0;
	stop = p->stop;
	if (!stop) {
		if (p->tail)
			p->tail->next = it;
		else
			p->head = it;
		p->tail = it;
		p->count++;
		p->bytes += it->size;
		if (p->taker_waits)
			pthread_cond_signal(&p->can_take);
	}
	pthread_mutex_unlock(&p->mu);
	if (stop)
		free(it);
	return stop;
}

/* Stops the pipe with st unless it has stopped already; wakes the reader
 * wherever it waits. */
static void stop_with(struct pipe *p, int st)
{
	pthread_mutex_lock(&p->mu);
	if (!p->stop)
		p->stop = st;
	pthread_cond_broadcast(&p->can_put);
	pthread_cond_broadcast(&p->answered);
	pthread_mutex_unlock(&p->mu);
}

static int on_order(void *arg, const struct import_order *o)
{
	return put(arg, order_copy(o));
}

static int on_reject(void *arg, const struct import_reject *r)
{
	return put(arg, reject_copy(r));
}

static void on_progress(void *arg, long long bytes, long rows)
{
	struct item *it = item_new(ITEM_PROGRESS, 0);

	if (it) {
		it->u.progress.bytes = bytes;
		it->u.progress.rows = rows;
		put(arg, it);
	}
}

/* Asks the calling thread, in turn with the orders before, and waits. */
static int on_channel(void *arg, const char *code)
{
	struct pipe *p = arg;
	size_t n = strlen(code);
	int ok;

	for (int i = 0; i < p->nasked; i++)
		if (strcmp(p->asked[i].code, code) == 0)
			return p->asked[i].ok;

	struct item *it = item_new(ITEM_ASK, n + 1);
	if (!it) {
		/* no answer to give: stop the file, as a failed copy of an order does */
		stop_with(p, ST_INTERNAL);
		return 0;
	}
	char *at = (char *)(it + 1);
	it->u.channel = str_put(&at, code);
	pthread_mutex_lock(&p->mu);
	p->answer = -1;
	pthread_mutex_unlock(&p->mu);
	if (put(p, it))
		return 1;   /* stopping: the answer no longer matters */
	pthread_mutex_lock(&p->mu);
	while (p->answer < 0 && !p->stop)
		pthread_cond_wait(&p->answered, &p->mu);
	ok = p->answer < 0 ? 1 : p->answer;
	pthread_mutex_unlock(&p->mu);
	if (p->nasked < PIPE_ASKED_MAX && n < sizeof p->asked[0].code) {
		memcpy(p->asked[p->nasked].code, code, n + 1);
		p->asked[p->nasked++].ok = ok;
	}
	return ok;
}

static void *reader(void *arg)
{
	struct pipe *p = arg;
	struct import_sink s = { on_order, on_reject, p->sink->channel_ok ? on_channel : NULL,
	                         p->sink->progress ? on_progress : NULL, p };
	enum status st = import_orders(p->fp, p->opts, &s, p->res);

	pthread_mutex_lock(&p->mu);
	p->status = st;
	p->done = 1;
	pthread_cond_signal(&p->can_take);
	pthread_mutex_unlock(&p->mu);
	return NULL;
}

/* Makes the callback it stands for; returns what the sink said. */
static int deliver(struct pipe *p, const struct item *it)
{
	const struct import_sink *s = p->sink;
	int ok;

	switch (it->kind) {
	case ITEM_ORDER:
		return s->order ? s->order(s->arg, &it->u.order) : 0;
	case ITEM_REJECT:
		return s->reject ? s->reject(s->arg, &it->u.reject) : 0;
	case ITEM_PROGRESS:
		s->progress(s->arg, it->u.progress.bytes, it->u.progress.rows);
		return 0;
	case ITEM_ASK:
		ok = s->channel_ok(s->arg, it->u.channel);
		pthread_mutex_lock(&p->mu);
		p->answer = ok ? 1 : 0;
		pthread_cond_signal(&p->answered);
		pthread_mutex_unlock(&p->mu);
		return 0;
	}
	return 0;
}

/* The calling thread's side: every item in turn until the reader is done. */
static void take_all(struct pipe *p)
{
	for (;;) {
		pthread_mutex_lock(&p->mu);
		while (!p->head && !p->done) {
			p->taker_waits = 1;
			pthread_cond_wait(&p->can_take, &p->mu);
		}
		p->taker_waits = 0;
		struct item *it = p->head;
		if (!it) {
			pthread_mutex_unlock(&p->mu);
			return;
		}
		p->head = it->next;
		if (!p->head)
			p->tail = NULL;
		p->count--;
		p->bytes -= it->size;
		/* wake the reader when half the queue is free, not at every item */
		if (p->putter_waits && p->count <= PIPE_AHEAD / 2 && p->bytes <= PIPE_BYTES / 2)
			pthread_cond_signal(&p->can_put);
		int stopped = p->stop;
		pthread_mutex_unlock(&p->mu);

		int r = stopped ? 0 : deliver(p, it);
		free(it);
		if (r)
			stop_with(p, r);
	}
}

enum status import_orders_piped(FILE *fp, const struct import_opts *opts,
                                const struct import_sink *sink, struct import_result *res)
{
	struct pipe *p = calloc(1, sizeof *p);
	pthread_t th;
	enum status st;

	if (!p)
		return import_orders(fp, opts, sink, res);
	p->fp = fp;
	p->opts = opts;
	p->sink = sink;
	p->res = res;
	pthread_mutex_init(&p->mu, NULL);
	pthread_cond_init(&p->can_take, NULL);
	pthread_cond_init(&p->can_put, NULL);
	pthread_cond_init(&p->answered, NULL);
	if (pthread_create(&th, NULL, reader, p) != 0) {
		st = import_orders(fp, opts, sink, res);
	} else {
		take_all(p);
		pthread_join(th, NULL);
		st = p->stop ? (enum status)p->stop : p->status;
	}
	pthread_cond_destroy(&p->answered);
	pthread_cond_destroy(&p->can_put);
	pthread_cond_destroy(&p->can_take);
	pthread_mutex_destroy(&p->mu);
	free(p);
	return st;
}
