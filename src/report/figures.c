/* The figures of the weekly and daily reports, from the rows the store hands over. */
#include "ordesk/report.h"

#include "ordesk/clock.h"
#include "ordesk/text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct vec {
	long long *v;
	size_t n, cap;
};

struct report_acc {
	struct vec ship[REPORT_TREND];
	struct vec stage[STAGE_COUNT];
	struct vec resolve[EXKIND_COUNT];
	long cause_n[CAUSE_COUNT];
	struct vec *handler_times;          /* parallel to by_handler */
	size_t handler_cap;
	struct vec exc_orders;              /* orders that ever had an exception */
	struct vec split_orders;            /* orders a backorder was split off */
	struct report_list carrier_shipped; /* orders shipped in the reported period, by carrier */
	int sets_sorted;
};

#define REPORT_BAND_LABEL(id, label, from) label,
static const char *const band_labels[] = { AGE_BAND_LIST(REPORT_BAND_LABEL) };
#define REPORT_BAND_FROM(id, label, from) (long long)(from),
static const long long band_from[] = { AGE_BAND_LIST(REPORT_BAND_FROM) };

const char *report_band_label(enum age_band b)
{
	return (unsigned)b < AGE_BAND_COUNT ? band_labels[b] : "";
}

enum age_band report_band_of(long long age)
{
	int b = AGE_BAND_COUNT - 1;

	while (b > 0 && age < band_from[b])
		b--;
	return (enum age_band)b;
}

static int vec_push(struct vec *v, long long x)
{
	if (v->n == v->cap) {
		size_t cap = v->cap ? v->cap * 2 : 64;
		long long *p = realloc(v->v, cap * sizeof *p);
		if (!p)
			return -1;
		v->v = p;
		v->cap = cap;
	}
	v->v[v->n++] = x;
	return 0;
}

static int cmp_ll(const void *a, const void *b)
{
	long long x = *(const long long *)a, y = *(const long long *)b;
	return (x > y) - (x < y);
}

long long report_percentile(const long long *sorted, size_t n, int p)
{
	if (n == 0)
		return 0;
	/* Nearest rank: the smallest value with at least p % of the values at or below it. */
	size_t rank = ((size_t)p * n + 99) / 100;
	if (rank < 1)
		rank = 1;
	if (rank > n)
		rank = n;
	return sorted[rank - 1];
}

void report_dist_of(long long *values, size_t n, struct report_dist *d)
{
	memset(d, 0, sizeof *d);
	if (n == 0)
		return;
	qsort(values, n, sizeof *values, cmp_ll);
	d->n = (long)n;
	d->median = report_percentile(values, n, 50);
	d->p90 = report_percentile(values, n, 90);
}

double report_rate(long num, long den, int *valid)
{
	if (valid)
		*valid = den > 0;
	return den > 0 ? 100.0 * (double)num / (double)den : 0.0;
}

void report_span(long long s, char *buf, size_t size)
{
	const char *sign = s < 0 ? "-" : "";

	if (s < 0)
		s = -s;
	if (s < 3600)
		snprintf(buf, size, "%s%lldm", sign, s / 60);
	else if (s < 48 * 3600)
		snprintf(buf, size, "%s%lldh%02lld", sign, s / 3600, (s % 3600) / 60);
	else
		snprintf(buf, size, "%s%lldd%02lldh", sign, s / 86400, (s % 86400) / 3600);
}

int report_init(struct report *r, const struct report_period *p, time_t now,
                const char *store_name, const char *by)
{
	memset(r, 0, sizeof *r);
	for (int i = 0; i < REPORT_TREND; i++)
		report_period_shift(p, REPORT_CUR - i, &r->period[i]);
	r->now = now;
	if (now >= p->start && now < p->end) {
		r->partial = 1;
		r->elapsed = (long long)(now - p->start);
		/* [start, now]: what happened in the second the report is made is in. */
		for (int i = 0; i < REPORT_TREND; i++)
			r->period[i].end = r->period[i].start + (time_t)r->elapsed + 1;
	}
	text_copy(r->store_name, store_name ? store_name : "", sizeof r->store_name);
	text_copy(r->by, by ? by : "", sizeof r->by);
	r->acc = calloc(1, sizeof *r->acc);
	if (!r->acc) {
		r->failed = 1;
		return -1;
	}
	return 0;
}

static void acc_free(struct report_acc *a)
{
	if (!a)
		return;
	for (int i = 0; i < REPORT_TREND; i++)
		free(a->ship[i].v);
	for (int i = 0; i < STAGE_COUNT; i++)
		free(a->stage[i].v);
	for (int i = 0; i < EXKIND_COUNT; i++)
		free(a->resolve[i].v);
	for (size_t i = 0; i < a->handler_cap; i++)
		free(a->handler_times[i].v);
	free(a->exc_orders.v);
	free(a->split_orders.v);
	free(a->carrier_shipped.v);
	free(a->handler_times);
	free(a);
}

void report_free(struct report *r)
{
	acc_free(r->acc);
	r->acc = NULL;
	free(r->by_channel.v);
	free(r->by_handler.v);
	free(r->short_skus.v);
	free(r->data_channels.v);
	free(r->late_carriers.v);
	for (size_t i = 0; i < r->nrecords; i++)
		free(r->records[i].order_no);
	free(r->records);
	for (size_t i = 0; i < r->nactions; i++)
		free(r->actions[i].action);
	free(r->actions);
	memset(r, 0, sizeof *r);
}

static int fail(struct report *r)
{
	r->failed = 1;
	return -1;
}

/* The index of key in the list, added with n 0 when new; -1 when out of memory. */
static long list_find(struct report_list *l, const char *key)
{
	for (size_t i = 0; i < l->n; i++)
		if (strcmp(l->v[i].key, key) == 0)
			return (long)i;
	if (l->n == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 16;
		struct report_count *p = realloc(l->v, cap * sizeof *p);
		if (!p)
			return -1;
		l->v = p;
		l->cap = cap;
	}
	memset(&l->v[l->n], 0, sizeof l->v[l->n]);
	text_copy(l->v[l->n].key, key, sizeof l->v[l->n].key);
	return (long)l->n++;
}

static int list_add(struct report *r, struct report_list *l, const char *key)
{
	long i = list_find(l, key);

	if (i < 0)
		return fail(r);
	l->v[i].n++;
	return 0;
}

int report_add_exception_order(struct report *r, long long order_id)
{
	if (!r->acc || vec_push(&r->acc->exc_orders, order_id) != 0)
		return fail(r);
	r->acc->sets_sorted = 0;
	return 0;
}

int report_add_split_order(struct report *r, long long order_id)
{
	if (!r->acc || vec_push(&r->acc->split_orders, order_id) != 0)
		return fail(r);
	r->acc->sets_sorted = 0;
	return 0;
}

static int set_has(struct report_acc *a, const struct vec *set, long long id)
{
	if (!a->sets_sorted) {
		if (a->exc_orders.n > 1)
			qsort(a->exc_orders.v, a->exc_orders.n, sizeof *a->exc_orders.v, cmp_ll);
		if (a->split_orders.n > 1)
			qsort(a->split_orders.v, a->split_orders.n, sizeof *a->split_orders.v, cmp_ll);
		a->sets_sorted = 1;
	}
	return set->n && bsearch(&id, set->v, set->n, sizeof *set->v, cmp_ll) != NULL;
}

int report_add_received(struct report *r, int slot, long long order_id)
{
	if (!r->acc)
		return fail(r);
	r->head[slot].received++;
	if (set_has(r->acc, &r->acc->exc_orders, order_id))
		r->head[slot].with_exception++;
	return 0;
}

static int in_period(const struct report *r, int slot, time_t t)
{
	return t >= r->period[slot].start && t < r->period[slot].end;
}

/* Time from entering stage a to entering stage b, or -1 when either is unknown
 * or the order went back and entered a again later. */
static long long stage_span(const struct rep_order_row *row, enum stage a, enum stage b)
{
	if (row->t_stage[a] <= 0 || row->t_stage[b] <= 0 || row->t_stage[b] < row->t_stage[a])
		return -1;
	return (long long)(row->t_stage[b] - row->t_stage[a]);
}

int report_add_shipped(struct report *r, int slot, const struct rep_order_row *row)
{
	struct report_head *h = &r->head[slot];
	long long span;

	if (!r->acc)
		return fail(r);
	h->shipped++;
	if (row->promise_at == 0 || row->t_stage[STAGE_SHIPPED] <= row->promise_at)
		h->shipped_on_time++;
	if ((span = stage_span(row, STAGE_NEW, STAGE_SHIPPED)) >= 0 &&
	    vec_push(&r->acc->ship[slot], span) != 0)
		return fail(r);
	if (slot != REPORT_CUR)
		return 0;
	for (int s = STAGE_NEW; s < STAGE_SHIPPED; s++)
		if ((span = stage_span(row, (enum stage)s, (enum stage)(s + 1))) >= 0 &&
		    vec_push(&r->acc->stage[s], span) != 0)
			return fail(r);
	return 0;
}

int report_add_delivered(struct report *r, int slot, const struct rep_order_row *row)
{
	struct report_head *h = &r->head[slot];
	long long span;
	int shipped_on_time = row->promise_at == 0 || (row->t_stage[STAGE_SHIPPED] > 0 &&
	                      row->t_stage[STAGE_SHIPPED] <= row->promise_at);

	if (!r->acc)
		return fail(r);
	/* A promise kept is measured against the first promise: the transit
	 * clock as it stood on entering transit, not a delivery time agreed later. */
	int delivered_on_time = row->transit_due > 0 ? row->t_stage[STAGE_DONE] <= row->transit_due
	                                             : row->prev_on_time;
	h->delivered++;
	if (delivered_on_time)
		h->delivered_on_time++;
	if (row->prev_on_time)
		h->delivered_on_agreed++;
	if (shipped_on_time && delivered_on_time &&
	    !set_has(r->acc, &r->acc->exc_orders, row->id) &&
	    !set_has(r->acc, &r->acc->split_orders, row->id))
		h->perfect++;
	if (slot != REPORT_CUR)
		return 0;
	for (int s = STAGE_SHIPPED; s < STAGE_DONE; s++)
		if ((span = stage_span(row, (enum stage)s, (enum stage)(s + 1))) >= 0 &&
		    vec_push(&r->acc->stage[s], span) != 0)
			return fail(r);
	return 0;
}

struct sku_ctx {
	struct report *r;
	int failed;
};

static void count_sku(const char *sku, void *arg)
{
	struct sku_ctx *c = arg;

	if (list_add(c->r, &c->r->short_skus, sku) != 0)
		c->failed = 1;
}

void report_detail_skus(const char *detail, void (*fn)(const char *sku, void *arg), void *arg)
{
	char seen[16][72];
	int nseen = 0;
	const char *p = detail ? detail : "";

	/* "SKU:qty:available;…" with the separators inside a SKU written as %XX
	 * (EXKIND_SHORT_SEPARATORS): a SKU is everything before its first ':'. */
	while (*p) {
		size_t len = strcspn(p, ";,\n");
		const char *q = p, *end = p + len;
		char sku[72];

		p = *end ? end + 1 : end;
		while (q < end && (*q == ' ' || *q == '\t'))
			q++;
		if ((size_t)(end - q) >= 4 && strncmp(q, "sku=", 4) == 0)
			q += 4;
		size_t n = strcspn(q, ":");
		if ((size_t)(end - q) < n)
			n = (size_t)(end - q);
		while (n && (q[n - 1] == ' ' || q[n - 1] == '\t'))
			n--;
		if (n == 0 || text_unescape(q, n, sku, sizeof sku) == 0)
			continue;
		int dup = 0;
		for (int i = 0; i < nseen; i++)
			dup |= strcmp(seen[i], sku) == 0;
		if (dup)
			continue;
		if (nseen < 16)
			text_copy(seen[nseen++], sku, sizeof seen[0]);
		fn(sku, arg);
	}
}

static char *dup_block(const char *const *parts, int n, char **out)
{
	size_t total = 0;

	for (int i = 0; i < n; i++)
		total += strlen(parts[i] ? parts[i] : "") + 1;
	char *block = malloc(total ? total : 1), *p = block;
	if (!block)
		return NULL;
	for (int i = 0; i < n; i++) {
		size_t len = strlen(parts[i] ? parts[i] : "");
		memcpy(p, parts[i] ? parts[i] : "", len + 1);
		out[i] = p;
		p += len + 1;
	}
	return block;
}

static int add_record(struct report *r, const struct rep_exc_row *row)
{
	if (r->nrecords == r->records_cap) {
		size_t cap = r->records_cap ? r->records_cap * 2 : 64;
		struct report_record *p = realloc(r->records, cap * sizeof *p);
		if (!p)
			return fail(r);
		r->records = p;
		r->records_cap = cap;
	}
	struct report_record *rec = &r->records[r->nrecords];
	const char *parts[7] = { row->order_no, row->opened_by, row->description, row->action,
	                         row->result, row->resolved_by, row->note };
	char *out[7];
	if (!dup_block(parts, 7, out))
		return fail(r);
	rec->id = row->id;
	rec->kind = row->kind;
	rec->stage = row->stage;
	rec->cause = row->cause;
	rec->opened_at = row->opened_at;
	rec->resolved_at = row->resolved_at;
	rec->order_no = out[0];      /* owns the block */
	rec->opened_by = out[1];
	rec->description = out[2];
	rec->action = out[3];
	rec->result = out[4];
	rec->resolved_by = out[5];
	rec->note = out[6];
	r->nrecords++;
	return 0;
}

int report_add_exception(struct report *r, int slot, const struct rep_exc_row *row)
{
	struct report_head *h = &r->head[slot];
	int opened = in_period(r, slot, row->opened_at);
	int resolved = row->resolved_at != 0 && in_period(r, slot, row->resolved_at);

	if (!r->acc)
		return fail(r);
	if (opened) {
		h->opened++;
		h->by_kind[row->kind]++;
		if (row->kind == EXKIND_SLA_BREACH)
			h->breaches[row->stage]++;
	}
	if (resolved)
		h->resolved++;
	if (slot != REPORT_CUR || (!opened && !resolved))
		return 0;
	if (opened) {
		long day = calendar_day(row->opened_at) - r->period[slot].first_day;
		if (day >= 0 && day < 7)
			r->by_kind_day[day][row->kind]++;
		r->by_stage[row->stage]++;
		if (list_add(r, &r->by_channel, row->channel) != 0)
			return -1;
		if (row->kind == EXKIND_STOCK_SHORT) {
			struct sku_ctx c = { r, 0 };
			report_detail_skus(row->detail, count_sku, &c);
			if (c.failed)
				return -1;
		}
		if (row->kind == EXKIND_NEEDS_INFO && list_add(r, &r->data_channels, row->channel) != 0)
			return -1;
		if (row->kind == EXKIND_LOGISTICS_DELAY &&
		    list_add(r, &r->late_carriers, *row->carrier ? row->carrier : "(none)") != 0)
			return -1;
	}
	if (resolved) {
		long long span = (long long)(row->resolved_at - row->opened_at);
		if (row->cause >= 0 && row->cause < CAUSE_COUNT)
			r->acc->cause_n[row->cause]++;
		if (vec_push(&r->acc->resolve[row->kind], span) != 0)
			return fail(r);
		long i = list_find(&r->by_handler, row->resolved_by);
		if (i < 0)
			return fail(r);
		r->by_handler.v[i].n++;
		if ((size_t)i >= r->acc->handler_cap) {
			size_t cap = r->by_handler.cap;
			struct vec *p = realloc(r->acc->handler_times, cap * sizeof *p);
			if (!p)
				return fail(r);
			memset(p + r->acc->handler_cap, 0, (cap - r->acc->handler_cap) * sizeof *p);
			r->acc->handler_times = p;
			r->acc->handler_cap = cap;
		}
		if (vec_push(&r->acc->handler_times[i], span) != 0)
			return fail(r);
	}
	return add_record(r, row);
}

int report_add_open(struct report *r, const struct rep_exc_row *row)
{
	long long age = (long long)(r->period[REPORT_CUR].end - row->opened_at);

	r->open_at_end[report_band_of(age)]++;
	r->open_total++;
	return 0;
}

int report_add_carrier_shipped(struct report *r, const char *carrier, long n)
{
	long i;

	if (!r->acc)
		return fail(r);
	if ((i = list_find(&r->acc->carrier_shipped, *carrier ? carrier : "(none)")) < 0)
		return fail(r);
	r->acc->carrier_shipped.v[i].n += n;
	return 0;
}

int report_add_action(struct report *r, const struct rep_action_row *row)
{
	char today[16];

	if (r->nactions == r->actions_cap) {
		size_t cap = r->actions_cap ? r->actions_cap * 2 : 16;
		struct report_action *p = realloc(r->actions, cap * sizeof *p);
		if (!p)
			return fail(r);
		r->actions = p;
		r->actions_cap = cap;
	}
	struct report_action *a = &r->actions[r->nactions];
	const char *parts[2] = { row->action, row->note };
	char *out[2];
	memset(a, 0, sizeof *a);
	if (!dup_block(parts, 2, out))
		return fail(r);
	a->action = out[0];
	a->note = out[1];
	a->id = row->id;
	text_copy(a->week, row->week, sizeof a->week);
	text_copy(a->cause, row->cause, sizeof a->cause);
	text_copy(a->owner, row->owner, sizeof a->owner);
	text_copy(a->due, row->due, sizeof a->due);
	a->done = row->done;
	a->done_at = row->done_at;
	report_day_format(calendar_day(r->now), today, sizeof today);
	a->overdue = !row->done && strcmp(row->due, today) < 0;
	r->nactions++;
	return 0;
}

/* Most first; ties by key so the order never depends on the walk. */
static int cmp_count(const void *a, const void *b)
{
	const struct report_count *x = a, *y = b;

	if (x->n != y->n)
		return x->n < y->n ? 1 : -1;
	return strcmp(x->key, y->key);
}

/* Highest rate first (carriers that shipped nothing last), then most, then by key. */
static int cmp_rate(const void *a, const void *b)
{
	const struct report_count *x = a, *y = b;

	if ((x->of > 0) != (y->of > 0))
		return x->of > 0 ? -1 : 1;
	if (x->rate != y->rate)
		return x->rate < y->rate ? 1 : -1;
	return cmp_count(a, b);
}

/* Each delayed carrier over the orders it shipped, ranked by rate. */
static void carriers_rank(struct report *r)
{
	struct report_list *l = &r->late_carriers, *shipped = &r->acc->carrier_shipped;

	for (size_t i = 0; i < l->n; i++) {
		struct report_count *c = &l->v[i];
		c->of = 0;
		for (size_t j = 0; j < shipped->n; j++)
			if (strcmp(shipped->v[j].key, c->key) == 0)
				c->of = shipped->v[j].n;
		c->rate = c->of > 0 ? (double)c->n / (double)c->of : 0;
	}
	if (l->n > 1)
		qsort(l->v, l->n, sizeof *l->v, cmp_rate);
}

static void list_rank(struct report_list *l)
{
	long total = 0;
	double cum = 0;

	if (l->n > 1)
		qsort(l->v, l->n, sizeof *l->v, cmp_count);
	for (size_t i = 0; i < l->n; i++)
		total += l->v[i].n;
	for (size_t i = 0; i < l->n; i++) {
		l->v[i].share = total ? (double)l->v[i].n / (double)total : 0;
		cum += l->v[i].share;
		l->v[i].cumulative = cum;
	}
}

int report_finish(struct report *r)
{
	struct report_acc *a = r->acc;
	long total = 0;
	double cum = 0;

	if (!a || r->failed)
		return -1;
	for (int i = 0; i < REPORT_TREND; i++)
		report_dist_of(a->ship[i].v, a->ship[i].n, &r->head[i].ship_time);
	for (int s = 0; s < STAGE_COUNT; s++)
		report_dist_of(a->stage[s].v, a->stage[s].n, &r->stage_time[s]);
	for (int k = 0; k < EXKIND_COUNT; k++)
		report_dist_of(a->resolve[k].v, a->resolve[k].n, &r->resolve_time[k]);
	for (size_t i = 0; i < r->by_handler.n && i < a->handler_cap; i++)
		report_dist_of(a->handler_times[i].v, a->handler_times[i].n, &r->by_handler.v[i].time);

	/* Pareto of causes: most first, ties in catalogue order. */
	r->ncauses = 0;
	for (int c = 0; c < CAUSE_COUNT; c++) {
		total += a->cause_n[c];
		if (a->cause_n[c] == 0)
			continue;
		struct report_count *rc = &r->by_cause[r->ncauses++];
		memset(rc, 0, sizeof *rc);
		text_copy(rc->key, cause_name((enum cause)c), sizeof rc->key);
		rc->n = a->cause_n[c];
	}
	for (int i = 1; i < r->ncauses; i++)
		for (int j = i; j > 0 && r->by_cause[j].n > r->by_cause[j - 1].n; j--) {
			struct report_count t = r->by_cause[j];
			r->by_cause[j] = r->by_cause[j - 1];
			r->by_cause[j - 1] = t;
		}
	for (int i = 0; i < r->ncauses; i++) {
		r->by_cause[i].share = (double)r->by_cause[i].n / (double)total;
		cum += r->by_cause[i].share;
		r->by_cause[i].cumulative = cum;
	}
	list_rank(&r->by_channel);
	list_rank(&r->short_skus);
	list_rank(&r->data_channels);
	list_rank(&r->late_carriers);
	carriers_rank(r);
	/* Handlers: rank with their times kept alongside. */
	list_rank(&r->by_handler);
	acc_free(a);
	r->acc = NULL;
	return 0;
}
