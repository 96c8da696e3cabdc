/* Rows to orders: header binding, cleaning, grouping, field problems. */
#include "ordesk/import.h"
#include "ordesk/catalog.h"
#include "ordesk/i18n.h"
#include "ordesk/text.h"
#include "ordesk/validate.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define KEY_MAX 128
/* Order keys remembered to catch scattered rows: at most 2^20 slots (8 MiB),
 * filled to three quarters, so about 786,000 orders a file. */
#define SEEN_MAX (1u << 20)
/* The header is looked for among this many non-blank rows (title lines above it). */
#define HEADER_SEARCH 10
/* Rows held back at the start until one date shows the order of day and
 * month: at most this many, and this many bytes. */
#define HOLD_ROWS 2000
#define HOLD_BYTES (1u << 20)

struct tmp_line {
	size_t sku, name;        /* offsets in the order buffer */
	size_t state, cat;       /* the row's own state and cancelled_at (0: the order's) */
	int own;                 /* the row gives its own state or cancellation */
	int cancelled;           /* what the channel says of the line */
	long qty;
	long long unit_cents;
	int priced;              /* the file gave the line a price */
	long line;
};

/* A row held back: where its fields start in the held buffer, and its lines. */
struct held_row {
	size_t off;
	int n;
	long line, end_line;
};

#define STATES_MAX 256

struct state {
	const struct import_opts *opts;
	const struct import_sink *sink;
	struct import_result *res;
	struct import_profile prof;
	struct profile_binding bind;
	int have_header;
	struct text_buf hdr;                  /* header names as written, NUL separated */
	const char *hdr_ptr[IMPORT_COLUMNS_MAX];
	int nhdr;
	/* the row being read: each field's value (offset + 1 in rowv; 0 none) */
	struct text_buf rowv;
	size_t rv[IF_COUNT];
	/* the order being gathered */
	int open;
	char key[KEY_MAX];
	int rejecting;
	char reject_reason[256];
	struct text_buf ob;
	size_t ov[IF_COUNT];             /* order-level values: offset + 1 in ob, 0 none */
	struct tmp_line *tl;
	int ntl, captl;
	struct import_problem problems[IMPORT_PROBLEMS_MAX];
	int nproblems, more_problems;
	long first_line, last_line;
	/* every key seen, to catch an order whose rows are scattered */
	uint64_t *seen;
	size_t seen_cap, seen_n;
	/* finding the header among the first rows */
	int header_tries;                     /* non-blank rows tried and found not to be it */
	int best_close;                       /* columns the closest profile knew in the best of them */
	long best_line;
	char best_what[768];
	int check_description;                /* the next non-blank row may describe the columns */
	/* the file's own evidence of its order of day and month */
	enum date_order evidence;             /* DATE_AUTO: none yet */
	int evidence_conflict;                /* it says both */
	/* rows held back, at the file's start, until that evidence is in */
	int holding;
	struct text_buf held;                 /* their fields, each NUL-terminated */
	struct held_row *hr;
	int nhr, caphr;
	const char *replay_ptr[IMPORT_COLUMNS_MAX];
	size_t replay_len[IMPORT_COLUMNS_MAX];
	/* the order's states, each once, and what says it is cancelled or shipped */
	char states[STATES_MAX], cause[STATES_MAX];
	int cause_field;
	/* handed to the sink */
	struct import_line lines_out[256];
	struct import_line *lines_big;
	int cap_big;
};

/* 1 when key was seen before; remembers it.  Stops remembering past SEEN_MAX. */
static int seen_check(struct state *st, const char *channel, const char *key)
{
	uint64_t h = text_hash_str(text_hash_str(TEXT_HASH_START, channel), key);

	if (h == 0)
		h = 1;
	if (st->seen_n * 4 >= st->seen_cap * 3 || !st->seen_cap) {
		if (st->seen_cap >= SEEN_MAX) {
			/* Full: still answer for the keys it holds, remember no more. */
			size_t j = (size_t)(h & (st->seen_cap - 1));
			while (st->seen[j]) {
				if (st->seen[j] == h)
					return 1;
				j = (j + 1) & (st->seen_cap - 1);
			}
			return 0;
		}
		size_t cap = st->seen_cap ? st->seen_cap * 2 : 4096;
		uint64_t *ns = calloc(cap, sizeof *ns);
		if (!ns)
			return 0;
		for (size_t i = 0; i < st->seen_cap; i++) {
			if (!st->seen[i])
				continue;
			size_t j = (size_t)(st->seen[i] & (cap - 1));
			while (ns[j])
				j = (j + 1) & (cap - 1);
			ns[j] = st->seen[i];
		}
		free(st->seen);
		st->seen = ns;
		st->seen_cap = cap;
	}
	size_t j = (size_t)(h & (st->seen_cap - 1));
	while (st->seen[j]) {
		if (st->seen[j] == h)
			return 1;
		j = (j + 1) & (st->seen_cap - 1);
	}
	st->seen[j] = h;
	st->seen_n++;
	return 0;
}

static int is_placeholder(const char *s)
{
	return strcmp(s, "-") == 0 || strcmp(s, "--") == 0 || strcmp(s, "\xe2\x80\x94") == 0 ||
	       strcmp(s, "N/A") == 0 || strcmp(s, "n/a") == 0 || strcmp(s, "null") == 0 ||
	       strcmp(s, "NULL") == 0;
}

static int id_like(int f)
{
	return f == FIELD_ORDER_REF || f == IF_GROUP || f == FIELD_PHONE || f == FIELD_SKU ||
	       f == FIELD_CHANNEL;
}

/* The value of field f in a row: the first alternative with a non-empty value. */
static int row_value(struct state *st, const struct import_row *row, int f)
{
	const struct profile_map *m = &st->prof.map[f];
	const char *sep = (f == FIELD_CUSTOMER || f == IF_NAME) ? " " : ", ";
	char part[1024];

	st->rv[f] = 0;
	for (int a = 0; a < m->nalts; a++) {
		if (st->bind.col[f][a][0] < 0)
			continue;
		size_t start = st->rowv.len;
		size_t joined = 0;
		for (int k = 0; k < m->alts[a].nparts; k++) {
			int c = st->bind.col[f][a][k];
			if (c < 0 || c >= row->n || row->lens[c] == 0)
				continue;
			const char *v = row->fields[c];
			size_t n = row->lens[c];
			char *big = NULL;
			char *w = part;
			if (n >= sizeof part) {
				big = malloc(n + 1);
				if (!big)
					return -1;
				w = big;
			}
			memcpy(w, v, n);
			w[n] = '\0';
			if (id_like(f))
				import_clean_id(w);
			else
				import_clean_text(w);
			if (w[0] == '\'' && w[1] >= '0' && w[1] <= '9')
				memmove(w, w + 1, strlen(w));   /* '75008 */
			if (*w && !is_placeholder(w)) {
				size_t wl = strlen(w);
				if (text_buf_reserve(&st->rowv, wl + 3) != 0) {
					free(big);
					return -1;
				}
				if (joined) {
					memcpy(st->rowv.data + st->rowv.len, sep, strlen(sep));
					st->rowv.len += strlen(sep);
				}
				memcpy(st->rowv.data + st->rowv.len, w, wl);
				st->rowv.len += wl;
				joined++;
			}
			free(big);
		}
		if (joined) {
			if (text_buf_reserve(&st->rowv, 1) != 0)
				return -1;
			st->rowv.data[st->rowv.len++] = '\0';
			st->rv[f] = start + 1;
			return 0;
		}
		st->rowv.len = start;
	}
	return 0;
}

static const char *rv(const struct state *st, int f)
{
	return text_buf_str(&st->rowv, st->rv[f]);
}

static const char *ov(const struct state *st, int f)
{
	return text_buf_str(&st->ob, st->ov[f]);
}

static void problem(struct state *st, int field, long line, const char *value, const char *why)
{
	if (st->nproblems >= IMPORT_PROBLEMS_MAX) {
		st->more_problems++;
		return;
	}
	struct import_problem *p = &st->problems[st->nproblems++];
	p->field = field;
	p->line = line;
	text_fit(value ? value : "", 40, p->value, sizeof p->value);
	text_copy(p->why, why, sizeof p->why);
}

static int reject_row(struct state *st, const struct import_row *row, const char *reason)
{
	struct import_reject r = {
		.line = row->line, .reason = reason, .fields = row->fields, .nfields = row->n,
		.header = st->hdr_ptr, .nheader = st->nhdr,
	};

	st->res->rejected++;
	return st->sink->reject ? st->sink->reject(st->sink->arg, &r) : 0;
}

static void order_reset(struct state *st)
{
	st->open = 0;
	st->rejecting = 0;
	st->ob.len = 0;
	memset(st->ov, 0, sizeof st->ov);
	st->ntl = 0;
	st->nproblems = 0;
	st->more_problems = 0;
}

/* The known flags of in, once each, in its order, and "urgent" first when urgent is set. */
static void keep_flags(const char *in, int urgent, char *out, size_t size)
{
	unsigned seen = 0;
	size_t n = 0;

	out[0] = '\0';
	if (urgent) {
		n = (size_t)snprintf(out, size, "%s", oflag_name(OFLAG_URGENT));
		seen |= 1u << OFLAG_URGENT;
	}
	for (const char *p = in; *p;) {
		size_t k = strcspn(p, ",; ");
		int f = oflag_parse_n(p, k);
		if (f >= 0 && !(seen & (1u << f)) && n + strlen(oflag_name(f)) + 2 < size) {
			n += (size_t)snprintf(out + n, size - n, "%s%s", n ? "," : "", oflag_name(f));
			seen |= 1u << f;
		}
		p += k;
		p += strspn(p, ",; ");
	}
}

static int cancelled_at_set(const char *cat)
{
	return *cat && strncmp(cat, "0000", 4) != 0;
}

/* Adds s to the order's states unless there, "; " between them (cut when full). */
static void states_add(struct state *st, const char *s)
{
	size_t n = strlen(st->states), k = strlen(s);

	if (!*s)
		return;
	for (const char *p = st->states; *p;) {
		size_t seg = strcspn(p, ";");
		if (seg == k && strncmp(p, s, k) == 0)
			return;
		p += seg;
		p += strspn(p, "; ");
	}
	if (n + k + 3 < sizeof st->states)
		snprintf(st->states + n, sizeof st->states - n, "%s%s", n ? "; " : "", s);
}

static void set_cause(struct state *st, int field, const char *value)
{
	st->cause_field = field;
	text_copy(st->cause, value, sizeof st->cause);
}

/*
 * What the channel says of the order: each line by its row's own state and
 * cancellation (a row that gives neither has the order's, as Shopify's
 * continuation rows), the order cancelled only when every line is, shipped
 * when every line it still has is, or when the channel ships it itself.  A
 * cancelled line of an order that goes on (Douyin's closed free gift beside a
 * pending item) is dropped: it is not to be picked.  Fills the order's
 * states and the value that says it is cancelled or shipped.
 */
static void judge_states(struct state *st, const int *said, int *cancelled, int *shipped)
{
	int ncancelled = 0, nshipped = 0, keep = 0;

	st->states[0] = st->cause[0] = '\0';
	st->cause_field = IF_STATE;
	if (st->ntl == 0) {
		/* an order without lines: what its rows said */
		const char *cat = ov(st, IF_CANCELLED_AT);
		states_add(st, ov(st, IF_STATE));
		*cancelled = said[PW_CANCELLED] || cancelled_at_set(cat);
		*shipped = said[PW_SHIPPED] || said[PW_CHANNEL_FULFILS];
		if (said[PW_CANCELLED] || (!*cancelled && said[PW_SHIPPED]))
			set_cause(st, IF_STATE, ov(st, IF_STATE));
		else if (*cancelled)
			set_cause(st, IF_CANCELLED_AT, cat);
		else if (*shipped)
			set_cause(st, IF_FULFILLED_BY, ov(st, IF_FULFILLED_BY));
		return;
	}
	for (int i = 0; i < st->ntl; i++) {
		struct tmp_line *l = &st->tl[i];
		const char *state = l->own ? text_buf_str(&st->ob, l->state) : ov(st, IF_STATE);
		const char *cat = l->own ? text_buf_str(&st->ob, l->cat) : ov(st, IF_CANCELLED_AT);
		int by_word = import_profile_has_word(&st->prof, PW_CANCELLED, state);
		states_add(st, state);
		l->cancelled = by_word || cancelled_at_set(cat);
		if (l->cancelled) {
			/* the first line's cause, a state word before a time */
			if (!ncancelled++ || (by_word && st->cause_field != IF_STATE))
				set_cause(st, by_word ? IF_STATE : IF_CANCELLED_AT, by_word ? state : cat);
		} else if (import_profile_has_word(&st->prof, PW_SHIPPED, state)) {
			nshipped++;
		}
	}
	*cancelled = ncancelled == st->ntl;
	if (*cancelled)
		return;
	st->cause[0] = '\0';
	*shipped = nshipped == st->ntl - ncancelled || said[PW_CHANNEL_FULFILS];
	if (said[PW_CHANNEL_FULFILS]) {
		set_cause(st, IF_FULFILLED_BY, ov(st, IF_FULFILLED_BY));
	} else if (*shipped) {
		for (int i = 0; i < st->ntl && !*st->cause; i++)
			if (!st->tl[i].cancelled)
				set_cause(st, IF_STATE, st->tl[i].own ? text_buf_str(&st->ob, st->tl[i].state)
				                                      : ov(st, IF_STATE));
	}
	/* the cancelled lines of an order that goes on are no work, nor their problems */
	for (int i = 0; i < st->ntl; i++) {
		if (!st->tl[i].cancelled) {
			st->tl[keep++] = st->tl[i];
			continue;
		}
		int kept = 0;
		for (int k = 0; k < st->nproblems; k++) {
			const struct import_problem *p = &st->problems[k];
			if (p->line != st->tl[i].line || p->field >= FIELD_COUNT ||
			    !field_is_line_level((enum field)p->field))
				st->problems[kept++] = *p;
		}
		st->nproblems = kept;
	}
	st->ntl = keep;
}

/* Hands the gathered order to the sink. */
static int order_emit(struct state *st)
{
	struct import_order o;
	char why[96], flags[64], currency[8] = "";
	long long cents;
	int r;

	if (!st->open || st->rejecting) {
		order_reset(st);
		return 0;
	}
	memset(&o, 0, sizeof o);
	o.channel = ov(st, FIELD_CHANNEL);
	o.ref = ov(st, FIELD_ORDER_REF);
	o.customer = ov(st, FIELD_CUSTOMER);
	o.phone = ov(st, FIELD_PHONE);
	o.email = ov(st, IF_EMAIL);
	o.display_ref = ov(st, IF_DISPLAY_REF);
	o.address = ov(st, FIELD_ADDRESS);
	o.note = ov(st, FIELD_NOTE);
	o.line = st->first_line;
	o.end_line = st->last_line;

	struct date_opts dates = st->prof.dates;
	if (st->evidence_conflict)
		dates.order = DATE_AUTO;
	else if (st->evidence != DATE_AUTO)
		dates.order = st->evidence;
	r = import_parse_date(ov(st, FIELD_ORDERED_AT), &dates, &o.ordered_at);
	if (r != 0) {
		o.ordered_at = 0;
		problem(st, FIELD_ORDERED_AT, st->first_line, ov(st, FIELD_ORDERED_AT),
		        r == 2  ? _("day and month could be either way round, and neither the file nor its profile "
		                    "says which comes first")
		        : r > 0 ? _("missing")
		                : _("not a date and time"));
	}
	/* the channel's own promise, when it gives one that can be read */
	if (import_parse_date(ov(st, IF_PROMISE_AT), &dates, &o.promise_at) != 0)
		o.promise_at = 0;
	/* A channel that hides contacts delivers to them itself: hidden is not wrong. */
	int hidden_ok = st->prof.contacts_masked;
	if (!*o.customer)
		problem(st, FIELD_CUSTOMER, st->first_line, "", _("missing"));
	else if (!(hidden_ok && validate_masked(FIELD_CUSTOMER, o.customer)) &&
	         validate_field(FIELD_CUSTOMER, o.customer, why, sizeof why) != 0)
		problem(st, FIELD_CUSTOMER, st->first_line, o.customer, why);
	if (!*o.phone && !*o.email)
		problem(st, FIELD_PHONE, st->first_line, "", _("missing (no phone and no e-mail)"));
	else if (*o.phone && !(hidden_ok && validate_masked(FIELD_PHONE, o.phone)) &&
	         validate_field(FIELD_PHONE, o.phone, why, sizeof why) != 0)
		problem(st, FIELD_PHONE, st->first_line, o.phone, why);
	if (!(hidden_ok && *o.address && validate_masked(FIELD_ADDRESS, o.address)) &&
	    validate_field(FIELD_ADDRESS, o.address, why, sizeof why) != 0)
		problem(st, FIELD_ADDRESS, st->first_line, o.address, why);
	o.tier = TIER_REGULAR;
	if (*ov(st, FIELD_TIER)) {
		int t = tier_parse(ov(st, FIELD_TIER));
		if (t < 0)
			problem(st, FIELD_TIER, st->first_line, ov(st, FIELD_TIER), _("unknown tier"));
		else
			o.tier = t;
	}
	o.type = OTYPE_SALE;
	if (*ov(st, FIELD_TYPE)) {
		int t = otype_parse(ov(st, FIELD_TYPE));
		if (t < 0)
			problem(st, FIELD_TYPE, st->first_line, ov(st, FIELD_TYPE),
			        _("unknown type (sale, custom, return, exchange)"));
		else
			o.type = t;
	}
	/* what the profile's word lists say of the order's state, service, ... */
	int said[PW_COUNT];
	for (int w = 0; w < PW_COUNT; w++) {
		int f = import_profile_words_field(w);
		said[w] = f >= 0 && f < IF_COUNT && import_profile_has_word(&st->prof, w, ov(st, f));
	}
	/* a shipping service the profile calls urgent: the customer asked for speed */
	keep_flags(ov(st, FIELD_FLAGS), said[PW_URGENT], flags, sizeof flags);
	o.flags = flags;

	judge_states(st, said, &o.cancelled, &o.shipped);
	o.state = st->states;
	o.cause = st->cause;
	o.cause_field = st->cause_field;

	/* Lines: pointers into the order buffer, now that it no longer grows. */
	struct import_line *lines = st->lines_out;
	if (st->ntl > (int)(sizeof st->lines_out / sizeof st->lines_out[0])) {
		if (st->ntl > st->cap_big) {
			struct import_line *nl = realloc(st->lines_big, (size_t)st->ntl * sizeof *nl);
			if (!nl)
				return ST_INTERNAL;
			st->lines_big = nl;
			st->cap_big = st->ntl;
		}
		lines = st->lines_big;
	}
	long long sum = 0;
	for (int i = 0; i < st->ntl; i++) {
		lines[i].sku = text_buf_str(&st->ob, st->tl[i].sku);
		lines[i].name = text_buf_str(&st->ob, st->tl[i].name);
		lines[i].qty = st->tl[i].qty;
		lines[i].unit_cents = st->tl[i].unit_cents;
		lines[i].line = st->tl[i].line;
		sum += lines[i].qty * lines[i].unit_cents;
	}
	o.lines = lines;
	o.nlines = st->ntl;
	if (st->ntl == 0)
		problem(st, FIELD_SKU, st->first_line, "", _("the order has no items"));
	o.total_cents = sum;
	if (*ov(st, IF_TOTAL) &&
	    import_parse_money(ov(st, IF_TOTAL), st->res->dialect.decimal_comma, &cents, currency,
	                       sizeof currency) == 0) {
		o.total_cents = cents;
		/* one line the file gives no price for (Taobao's order report): the total is its price */
		if (o.nlines == 1 && !st->tl[0].priced && cents > 0)
			lines[0].unit_cents = (cents + lines[0].qty / 2) / lines[0].qty;
	}
	o.currency = *ov(st, IF_CURRENCY) ? ov(st, IF_CURRENCY) : currency;
	o.problems = st->problems;
	o.nproblems = st->nproblems;
	o.more_problems = st->more_problems;

	/* text as text: a file saved again with other line ends is the same order */
	uint64_t h = TEXT_HASH_START;
	h = text_hash_text(h, o.channel);
	h = text_hash_text(h, o.ref);
	h = text_hash(h, &o.ordered_at, sizeof o.ordered_at);
	h = text_hash_text(h, o.customer);
	h = text_hash_text(h, o.phone);
	h = text_hash_text(h, o.email);
	h = text_hash_text(h, o.address);
	h = text_hash_text(h, o.note);
	h = text_hash_text(h, o.flags);
	h = text_hash_text(h, o.currency);
	h = text_hash(h, &o.tier, sizeof o.tier);
	h = text_hash(h, &o.type, sizeof o.type);
	h = text_hash(h, &o.total_cents, sizeof o.total_cents);
	for (int i = 0; i < o.nlines; i++) {
		h = text_hash_text(h, lines[i].sku);
		h = text_hash_text(h, lines[i].name);
		h = text_hash(h, &lines[i].qty, sizeof lines[i].qty);
		h = text_hash(h, &lines[i].unit_cents, sizeof lines[i].unit_cents);
	}
	snprintf(o.hash, sizeof o.hash, "%016llx", (unsigned long long)h);

	st->res->orders++;
	r = st->sink->order ? st->sink->order(st->sink->arg, &o) : 0;
	order_reset(st);
	return r;
}

/* Starts an order at a row whose key differs from the one before. */
static int order_start(struct state *st, const struct import_row *row, const char *key)
{
	char why[160], clean[96];
	const char *channel, *ref;

	order_reset(st);
	st->open = 1;
	text_copy(st->key, key, sizeof st->key);
	st->first_line = st->last_line = row->line;

	channel = st->opts->channel && *st->opts->channel ? st->opts->channel
	          : *rv(st, FIELD_CHANNEL) ? rv(st, FIELD_CHANNEL) : st->prof.channel;
	ref = *rv(st, FIELD_ORDER_REF) ? rv(st, FIELD_ORDER_REF) : key;
	text_clean(ref, clean, sizeof clean);
	if (strlen(key) >= KEY_MAX || strlen(ref) > 64) {
		snprintf(st->reject_reason, sizeof st->reject_reason,
		         _("order id longer than 64 characters"));
		st->rejecting = 1;
	} else if (import_check_id(ref, why, sizeof why) != 0 ||
	           (key != ref && import_check_id(key, why, sizeof why) != 0)) {
		snprintf(st->reject_reason, sizeof st->reject_reason, _("order id %s: %s"), clean, why);
		st->rejecting = 1;
	} else if (!*channel) {
		snprintf(st->reject_reason, sizeof st->reject_reason,
		         _("no channel: give --channel or fill the channel column"));
		st->rejecting = 1;
	} else if (validate_field(FIELD_CHANNEL, channel, why, sizeof why) != 0) {
		char cc[32];
		text_clean(channel, cc, sizeof cc);
		snprintf(st->reject_reason, sizeof st->reject_reason, _("channel %s: %s"), cc, why);
		st->rejecting = 1;
	} else if (st->sink->channel_ok && !st->sink->channel_ok(st->sink->arg, channel)) {
		char cc[32];
		text_clean(channel, cc, sizeof cc);
		snprintf(st->reject_reason, sizeof st->reject_reason, _("unknown channel %s"), cc);
		st->rejecting = 1;
	} else if (seen_check(st, channel, key)) {
		snprintf(st->reject_reason, sizeof st->reject_reason,
		         _("order %s already appeared earlier in the file: rows of one order must follow each other"),
		         clean);
		st->rejecting = 1;
	}
	if (st->rejecting)
		return 0;
	if (!(st->ov[FIELD_CHANNEL] = text_buf_put(&st->ob, channel, strlen(channel))) ||
	    !(st->ov[FIELD_ORDER_REF] = text_buf_put(&st->ob, ref, strlen(ref))))
		return ST_INTERNAL;
	return 0;
}

static int add_line(struct state *st, const struct import_row *row)
{
	const char *sku = rv(st, FIELD_SKU), *name = rv(st, IF_NAME);
	const char *qtys = rv(st, FIELD_QTY), *price = rv(st, FIELD_UNIT_PRICE);
	const char *ltotal = rv(st, IF_LINE_TOTAL);
	int dc = st->res->dialect.decimal_comma;
	char why[96];
	long qty = 1;
	long long cents = 0;
	int r;

	if (!*sku && !*name && !*qtys)
		return 0;   /* a row with order fields only */
	if (st->ntl >= IMPORT_LINES_MAX) {
		problem(st, FIELD_SKU, row->line, "", _("more than 10000 lines: the rest were left out"));
		return 0;
	}
	if (st->ntl >= st->captl) {
		int cap = st->captl ? st->captl * 2 : 64;
		struct tmp_line *nl = realloc(st->tl, (size_t)cap * sizeof *nl);
		if (!nl)
			return ST_INTERNAL;
		st->tl = nl;
		st->captl = cap;
	}
	if (!*sku)
		problem(st, FIELD_SKU, row->line, "", _("missing"));
	else if (validate_field(FIELD_SKU, sku, why, sizeof why) != 0)
		problem(st, FIELD_SKU, row->line, sku, why);
	r = import_parse_qty(qtys, dc, &qty);
	if (r != 0) {
		problem(st, FIELD_QTY, row->line, qtys,
		        r > 0 ? _("missing (1 kept until fixed)")
		              : _("not a whole quantity from 1 to 1000000 (1 kept until fixed)"));
		qty = 1;
	}
	if (*price) {
		r = import_parse_money(price, dc, &cents, NULL, 0);
		if (r < 0 || cents < 0) {
			problem(st, FIELD_UNIT_PRICE, row->line, price,
			        r < 0 ? _("not an amount of money") : _("negative"));
			cents = 0;
		}
	} else if (*ltotal) {
		r = import_parse_money(ltotal, dc, &cents, NULL, 0);
		if (r < 0 || cents < 0) {
			problem(st, FIELD_UNIT_PRICE, row->line, ltotal,
			        r < 0 ? _("not an amount of money") : _("negative"));
			cents = 0;
		} else {
			cents = (cents + qty / 2) / qty;
		}
	}
	struct tmp_line *l = &st->tl[st->ntl];
	const char *state = rv(st, IF_STATE), *cat = rv(st, IF_CANCELLED_AT);
	l->sku = text_buf_put(&st->ob, sku, strlen(sku));
	l->name = text_buf_put(&st->ob, name, strlen(name));
	l->state = *state ? text_buf_put(&st->ob, state, strlen(state)) : 0;
	l->cat = *cat ? text_buf_put(&st->ob, cat, strlen(cat)) : 0;
	l->own = *state || *cat;
	if (!l->sku || !l->name || (*state && !l->state) || (*cat && !l->cat))
		return ST_INTERNAL;
	l->qty = qty;
	l->unit_cents = cents;
	l->priced = *price || *ltotal;
	l->line = row->line;
	st->ntl++;
	return 0;
}

/* Stops the file at the row that looked most like a header, with why it is not one. */
static int header_fail(struct state *st)
{
	st->res->err.line = st->best_line;
	st->res->err.col = 1;
	text_copy(st->res->err.what, st->best_what, sizeof st->res->err.what);
	text_copy(st->res->why, st->best_what, sizeof st->res->why);
	return ST_DATAERR;
}

/*
 * Tries a row as the header: a title line above it (a report's name, a
 * date) is passed over, up to HEADER_SEARCH rows.  0 to go on, whether it
 * was the header (have_header set) or not; else a status.
 */
static int on_header(struct state *st, const struct import_row *row)
{
	static char norm_store[IMPORT_COLUMNS_MAX][PROFILE_NAME];
	const char *norm[IMPORT_COLUMNS_MAX];
	char what[sizeof st->best_what];
	int close = 0, ok;

	for (int i = 0; i < row->n; i++) {
		import_header_norm(row->fields[i], norm_store[i], PROFILE_NAME);
		norm[i] = norm_store[i];
	}
	if (st->opts->profile) {
		char missing[256], clean[256];
		close = import_profile_bind(&st->prof, norm, row->n, &st->bind, missing, sizeof missing);
		ok = close >= 0;
		if (!ok) {
			close = import_binding_known(&st->bind, row->n);
			text_clean(missing, clean, sizeof clean);
			snprintf(what, sizeof what, _("the header lacks columns the %s profile needs: %s"), st->prof.name,
			         clean);
		}
	} else {
		ok = import_profile_detect(norm, row->n, &st->prof, &st->bind, &close, what, sizeof what) == ST_OK;
	}
	if (!ok) {
		if (st->header_tries++ == 0 || close > st->best_close) {
			st->best_close = close;
			st->best_line = row->line;
			text_copy(st->best_what, what, sizeof st->best_what);
		}
		return st->header_tries >= HEADER_SEARCH ? header_fail(st) : 0;
	}
	st->nhdr = row->n;
	st->hdr.len = 0;
	for (int i = 0; i < row->n; i++)
		if (!text_buf_put(&st->hdr, row->fields[i], row->lens[i]))
			return ST_INTERNAL;
	size_t off = 0;
	for (int i = 0; i < row->n; i++) {
		st->hdr_ptr[i] = st->hdr.data + off;
		off += row->lens[i] + 1;
	}
	text_copy(st->res->profile, st->prof.name, sizeof st->res->profile);
	st->have_header = 1;
	st->check_description = 1;
	st->holding = 1;
	return 0;
}

/* 1 when the row's customer, phone and address are empty or the open order's own. */
static int continuation(const struct state *st)
{
	static const int who[] = { FIELD_CUSTOMER, FIELD_PHONE, FIELD_ADDRESS };

	for (size_t i = 0; i < sizeof who / sizeof who[0]; i++)
		if (st->rv[who[i]] && strcmp(rv(st, who[i]), ov(st, who[i])) != 0)
			return 0;
	return 1;
}

/*
 * 1 when a cell of the row holds a word of the profile's list (a trailing
 * colon aside), with that cell, cleaned and cut, in which.
 */
static int row_has(const struct state *st, const struct import_row *row, enum profile_words list, char *which,
                   size_t size)
{
	char cell[256];

	if (!st->prof.words[list][0])
		return 0;
	for (int i = 0; i < row->n; i++) {
		if (row->lens[i] == 0)
			continue;
		text_copy(cell, row->fields[i], sizeof cell);
		size_t n = strlen(cell);
		for (;;) {
			if (n && (cell[n - 1] == ':' || cell[n - 1] == ' ' || cell[n - 1] == '\t'))
				n--;
			else if (n >= 3 && memcmp(cell + n - 3, "\xef\xbc\x9a", 3) == 0)   /* full-width colon */
				n -= 3;
			else
				break;
		}
		cell[n] = '\0';
		if (import_profile_has_word(&st->prof, list, cell)) {
			char clean[256];
			text_clean(cell, clean, sizeof clean);
			text_fit(clean, 40, which, size);
			return 1;
		}
	}
	return 0;
}

/* What one date says of the file's order of day and month. */
static void note_evidence(struct state *st, const char *date)
{
	enum date_order e = import_date_evidence(date);

	if (e == DATE_AUTO)
		return;
	if (st->evidence == DATE_AUTO)
		st->evidence = e;
	else if (st->evidence != e)
		st->evidence_conflict = 1;
}

/* A data row: cleaned, then grouped into the order it belongs to. */
static int data_row(struct state *st, const struct import_row *row)
{
	char which[128], reason[224];
	int r;

	st->res->rows++;
	st->rowv.len = 0;
	for (int f = 0; f < IF_COUNT; f++)
		if (row_value(st, row, f) != 0)
			return ST_INTERNAL;
	note_evidence(st, rv(st, FIELD_ORDERED_AT));
	const char *key = st->prof.map[IF_GROUP].nalts ? rv(st, IF_GROUP) : rv(st, FIELD_ORDER_REF);
	/* The export's own lines after its rows, and rows that sum the others up (no order id, or a
	 * word of the list, without digits, for one): never orders. */
	int idless = !*key || strpbrk(key, "0123456789") == NULL;   /* real order ids have digits */
	if (idless && (!*key || import_profile_has_word(&st->prof, PW_FOOTER, key)) &&
	    row_has(st, row, PW_FOOTER, which, sizeof which)) {
		if ((r = order_emit(st)) != 0)
			return r;
		snprintf(reason, sizeof reason, _("a footer line of the export (%s), not an order"), which);
		return reject_row(st, row, reason);
	}
	if (idless && (!*key || import_profile_has_word(&st->prof, PW_TOTALS, key)) &&
	    row_has(st, row, PW_TOTALS, which, sizeof which)) {
		if ((r = order_emit(st)) != 0)
			return r;
		snprintf(reason, sizeof reason, _("a total row (%s), not an order"), which);
		return reject_row(st, row, reason);
	}
	int same = st->open && (!*key || strcmp(key, st->key) == 0) && !st->prof.per_order;
	if (same && !*key && !continuation(st)) {
		/* A row with its own customer but no order id is not a continuation row. */
		if ((r = order_emit(st)) != 0)
			return r;
		return reject_row(st, row, _("no order id"));
	}
	if (!same) {
		if ((r = order_emit(st)) != 0)
			return r;
		if (!*key)
			return reject_row(st, row, _("no order id"));
		if ((r = order_start(st, row, key)) != 0)
			return r;
	}
	if (st->rejecting)
		return reject_row(st, row, st->reject_reason);
	st->last_line = row->end_line;
	for (int f = 0; f < IF_COUNT; f++) {
		if (import_field_level(f) != 'O' || st->ov[f] || !st->rv[f])
			continue;
		if (!(st->ov[f] = text_buf_put(&st->ob, rv(st, f), strlen(rv(st, f)))))
			return ST_INTERNAL;
	}
	return add_line(st, row);
}

/* Hands the rows held back to data_row, in their order, and holds no more. */
static int release_held(struct state *st)
{
	int r = 0;

	st->holding = 0;
	for (int i = 0; i < st->nhr && r == 0; i++) {
		const char *at = st->held.data + st->hr[i].off;
		for (int k = 0; k < st->hr[i].n; k++) {
			st->replay_ptr[k] = at;
			st->replay_len[k] = strlen(at);
			at += st->replay_len[k] + 1;
		}
		struct import_row row = { .fields = st->replay_ptr, .lens = st->replay_len, .n = st->hr[i].n,
		                          .line = st->hr[i].line, .end_line = st->hr[i].end_line };
		r = data_row(st, &row);
	}
	st->nhr = 0;
	text_buf_free(&st->held);
	return r;
}

/*
 * Holds a row back while the file has not shown its order of day and month
 * (a date like 31/05 or 05/31): the orders of its first rows are read with
 * what the rows after them show.  Bounded by HOLD_ROWS and HOLD_BYTES;
 * later evidence settles only later orders.
 */
static int hold_row(struct state *st, const struct import_row *row)
{
	st->rowv.len = 0;
	if (row_value(st, row, FIELD_ORDERED_AT) != 0)
		return ST_INTERNAL;
	note_evidence(st, rv(st, FIELD_ORDERED_AT));
	if (st->nhr >= st->caphr) {
		int cap = st->caphr ? st->caphr * 2 : 64;
		struct held_row *nh = realloc(st->hr, (size_t)cap * sizeof *nh);
		if (!nh)
			return ST_INTERNAL;
		st->hr = nh;
		st->caphr = cap;
	}
	struct held_row *h = &st->hr[st->nhr++];
	h->off = st->held.len;
	h->n = row->n;
	h->line = row->line;
	h->end_line = row->end_line;
	for (int i = 0; i < row->n; i++)
		if (!text_buf_put(&st->held, row->fields[i], row->lens[i]))
			return ST_INTERNAL;
	if (st->evidence != DATE_AUTO || st->nhr >= HOLD_ROWS || st->held.len >= HOLD_BYTES)
		return release_held(st);
	return 0;
}

static int on_row(void *arg, const struct import_row *row)
{
	struct state *st = arg;
	int blank = 1;

	for (int i = 0; i < row->n && blank; i++)
		for (size_t k = 0; k < row->lens[i] && blank; k++)
			if (row->fields[i][k] != ' ' && row->fields[i][k] != '\t')
				blank = 0;
	if (blank)
		return 0;
	if (!st->have_header)
		return on_header(st, row);
	if (st->check_description) {
		/* A row right after the header that describes the columns (TikTok Shop's) is no data. */
		st->check_description = 0;
		st->rowv.len = 0;
		if (row_value(st, row, FIELD_ORDER_REF) != 0)
			return ST_INTERNAL;
		if (import_profile_has_word(&st->prof, PW_DESCRIPTION, rv(st, FIELD_ORDER_REF)))
			return 0;
	}
	if (st->holding)
		return hold_row(st, row);
	return data_row(st, row);
}

static void on_progress(void *arg, long long bytes, long rows)
{
	struct state *st = arg;

	st->sink->progress(st->sink->arg, bytes, rows);
}

enum status import_orders(FILE *fp, const struct import_opts *opts, const struct import_sink *sink,
                          struct import_result *res)
{
	struct state *st = calloc(1, sizeof *st);
	enum status s;

	memset(res, 0, sizeof *res);
	if (!st)
		return ST_INTERNAL;
	st->opts = opts;
	st->sink = sink;
	st->res = res;
	res->dialect.quoting = -1;
	if (opts->profile) {
		s = import_profile_load(opts->profile, &st->prof, res->why, sizeof res->why);
		if (s != ST_OK) {
			free(st);
			return s;
		}
		res->dialect = st->prof.dialect;
	}
	s = import_read(fp, &res->dialect, on_row, sink->progress ? on_progress : NULL, st, &res->err,
	                &res->stats);
	if (s == ST_OK && !st->have_header && st->header_tries > 0) {
		s = (enum status)header_fail(st);
	} else if (s == ST_OK && !st->have_header) {
		res->err.line = res->err.col = 1;
		text_copy(res->err.what, _("the file has no header row: it is blank"), sizeof res->err.what);
		s = ST_DATAERR;
	}
	if (s == ST_OK && st->holding)
		s = (enum status)release_held(st);
	if (s == ST_OK)
		s = (enum status)order_emit(st);
	text_buf_free(&st->hdr);
	text_buf_free(&st->rowv);
	text_buf_free(&st->ob);
	free(st->tl);
	free(st->seen);
	free(st->lines_big);
	text_buf_free(&st->held);
	free(st->hr);
	free(st);
	return s;
}
