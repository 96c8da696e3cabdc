/* The demo store: realistic orders, stock and five weeks of history. */
#include "ordesk/desk_demo.h"
#include "ordesk/health.h"
#include "ordesk/desk_order.h"
#include "ordesk/i18n.h"
#include "ordesk/store_demo.h"
#include "ordesk/store_exception.h"
#include "ordesk/store_order.h"
#include "ordesk/store_stock.h"
#include "ordesk/store_user.h"
#include "ordesk/text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NSKU 100
#define HISTORY_DAYS 35
#define OPEN_WINDOW_DAYS 3
#define BATCH 20000
#define FULL_EVENTS_LIMIT 50000   /* above this many orders, only the last week gets a timeline */

/* xorshift64*: small, fast and the same everywhere for a seed. */
struct rng {
	unsigned long long s;
};

static unsigned long long rng_next(struct rng *r)
{
	r->s ^= r->s >> 12;
	r->s ^= r->s << 25;
	r->s ^= r->s >> 27;
	return r->s * 2685821657736338717ULL;
}

/* A whole number in [lo, hi]. */
static long rng_range(struct rng *r, long lo, long hi)
{
	return lo + (long)(rng_next(r) % (unsigned long long)(hi - lo + 1));
}

/* 1 with the given chance in percent. */
static int rng_pct(struct rng *r, int pct)
{
	return (int)(rng_next(r) % 100) < pct;
}

static const char *const cn_family[] = {
	"王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭", "何", "林",
};
static const char *const cn_given[] = {
	"伟", "芳", "娜", "秀英", "敏", "静", "磊", "洋", "艳", "勇", "军", "杰", "娟", "涛", "明", "超", "霞", "平",
	"晓东", "欣怡", "子轩", "雨桐", "浩然", "思远",
};
static const char *const latin_first[] = {
	"Emma", "Lucas", "Sofia", "Noah", "Mia", "Liam", "Olivia", "Mateo", "Chloe", "Jonas", "Amelie",
	"Hugo", "Lena", "Oscar", "Ines", "Felix", "Clara", "Arthur", "Nora", "Leon",
};
static const char *const latin_last[] = {
	"Schmidt", "Martin", "Rossi", "Garcia", "Dubois", "Novak", "Jansen", "Silva", "Muller",
	"Bernard", "Kowalski", "Lindqvist", "Moreau", "Fischer", "O'Brien", "Costa",
};
static const char *const cn_cities[] = {
	"上海市 浦东新区", "北京市 朝阳区", "广东省 深圳市 南山区", "浙江省 杭州市 西湖区", "江苏省 南京市 鼓楼区",
	"四川省 成都市 武侯区", "湖北省 武汉市 洪山区",
};
static const char *const latin_cities[] = {
	"75011 Paris", "10115 Berlin", "20121 Milano", "28004 Madrid", "1017 Amsterdam", "00-001 Warszawa",
};
static const char *const streets[] = {
	"Garden Road", "Harbour Street", "Station Avenue", "Mill Lane", "Park Row", "River Walk",
};
static const char *const cn_streets[] = {
	"世纪大道", "建国路", "科技园路", "文三路", "中山北路", "人民南路", "珞喻路",
};

static const struct {
	const char *code, *name;
	long long price;
} product_bases[] = {
	{ "TEA", "Green tea 250 g", 4900 }, { "CUP", "Porcelain cup", 2900 },
	{ "POT", "Clay teapot", 15900 }, { "MAT", "Bamboo mat", 3900 },
	{ "LMP", "Desk lamp", 12900 }, { "BAG", "Canvas tote bag", 5900 },
	{ "NTB", "Notebook A5", 1900 }, { "PEN", "Fountain pen", 8900 },
	{ "INK", "Ink bottle", 2400 }, { "SCF", "Silk scarf", 19900 },
	{ "UMB", "Folding umbrella", 6900 }, { "BTL", "Steel bottle", 4500 },
	{ "TWL", "Cotton towel", 3500 }, { "CDL", "Scented candle", 3900 },
	{ "VAS", "Glass vase", 9900 }, { "BWL", "Rice bowl", 2200 },
	{ "CHP", "Chopsticks set", 2900 }, { "FAN", "Paper fan", 1500 },
	{ "SOC", "Wool socks", 2500 }, { "CAP", "Linen cap", 4200 },
};
static const char *const variants[] = { "S", "M", "L", "RED", "BLU" };

static const char *const handlers_clerk[] = { "li.na", "zhang.wei", "maria.lopez" };
static const char *const handlers_sup[] = { "chen.jie", "tom.baker" };
static const char *const carriers[] = { "SF Express", "JD Logistics", "DHL", "YTO", "UPS" };

/* What the generator decides for one order before writing it. */
struct plan {
	time_t received;
	unsigned char channel;   /* 0 EC, 1 ST, 2 DS */
	unsigned char stage;     /* where it is now */
	unsigned char breach;    /* a history order that broke a clock ... */
	unsigned char late_stage;  /* ... in this stage */
	unsigned char late_ship;   /* waited days in review for stock: shipped after its promise */
	unsigned char late_delivery; /* delivered after the transit clock */
	unsigned char surge;
	unsigned char cancelled_from;   /* the stage a cancelled order was cancelled in */
	int open;
	long long dur[STAGE_COUNT];  /* seconds spent in each stage before the next */
};

static const char *const channel_codes[] = { "EC", "ST", "DS" };

struct demo_state {
	struct desk *d;
	struct rng r;
	time_t now;
	long on_hand[NSKU];
	long available[NSKU];
	char skus[NSKU][24];
	char names[NSKU][64];
	long long prices[NSKU];
	int full_events;
	long events_since;
};

static void sku_of(int i, char *buf, size_t size)
{
	snprintf(buf, size, "%s-%s", product_bases[i / 5].code, variants[i % 5]);
}

static int cmp_plan(const void *a, const void *b)
{
	const struct plan *x = a, *y = b;
	return (x->received > y->received) - (x->received < y->received);
}

/* Seconds a stage takes when the work goes normally, for a priority class. */
static long long stage_span(struct demo_state *ds, enum stage s, enum priority p, int late)
{
	const struct clocks *c = &ds->d->clocks;
	long long clock;

	switch (s) {
	case STAGE_NEW: clock = c->review.amount / 2; break;
	case STAGE_REVIEW: clock = c->review.amount / 2; break;
	case STAGE_LOCKED: clock = c->lock.amount; break;
	case STAGE_PICKING: clock = p == PRIO_URGENT ? c->pick_urgent.amount : c->pick_normal.amount; break;
	case STAGE_SHIPPED: clock = c->ship.amount; break;
	case STAGE_TRANSIT: clock = c->transit.amount; break;
	default: return 0;
	}
	if (late)
		return clock + clock * rng_range(&ds->r, 10, 80) / 100;
	return clock * rng_range(&ds->r, 15, 90) / 100;
}

static void pick_customer(struct demo_state *ds, struct order *o, int latin)
{
	struct rng *r = &ds->r;

	if (latin) {
		snprintf(o->customer, sizeof o->customer, "%s %s",
		         latin_first[rng_range(r, 0, 19)], latin_last[rng_range(r, 0, 15)]);
		snprintf(o->phone, sizeof o->phone, "+%ld %ld %03ld %04ld", rng_range(r, 31, 49),
		         rng_range(r, 6, 9), rng_range(r, 100, 999), rng_range(r, 0, 9999));
		snprintf(o->address, sizeof o->address, "%ld %s, %s", rng_range(r, 1, 120),
		         streets[rng_range(r, 0, 5)], latin_cities[rng_range(r, 0, 5)]);
	} else {
		snprintf(o->customer, sizeof o->customer, "%s%s", cn_family[rng_range(r, 0, 17)],
		         cn_given[rng_range(r, 0, 23)]);
		snprintf(o->phone, sizeof o->phone, "+86 1%ld%ld %04ld %04ld", rng_range(r, 3, 8),
		         rng_range(r, 0, 9), rng_range(r, 0, 9999), rng_range(r, 0, 9999));
		snprintf(o->address, sizeof o->address, "%s %s%ld号", cn_cities[rng_range(r, 0, 6)],
		         cn_streets[rng_range(r, 0, 6)], rng_range(r, 1, 999));
	}
	long t = rng_range(r, 0, 99);
	o->tier = t < 5 ? TIER_DIAMOND : t < 13 ? TIER_PLATINUM : t < 28 ? TIER_GOLD
	        : t < 48 ? TIER_SILVER : TIER_REGULAR;
}

static int pick_sku(struct demo_state *ds)
{
	/* Skewed: a few SKUs sell much more than the rest. */
	long a = rng_range(&ds->r, 0, NSKU - 1), b = rng_range(&ds->r, 0, NSKU - 1);
	return (int)(a < b ? a : b);
}

static enum status event(struct demo_state *ds, long long order_id, time_t at, const char *actor,
                         const char *what, const char *from, const char *to, const char *why)
{
	struct event_rec ev = { .order_id = order_id, .entity = "order", .what = what,
	                        .from = from, .to = to, .why = why };
	return store_event_add(ds->d->store, at, actor, &ev);
}

static const char *handler(struct demo_state *ds, int supervisor)
{
	return supervisor ? handlers_sup[rng_range(&ds->r, 0, 1)] : handlers_clerk[rng_range(&ds->r, 0, 2)];
}

/* One exception on an order, open or already resolved. */
static enum status add_exception(struct demo_state *ds, const struct order *o, enum exkind kind,
                                 enum stage at_stage, time_t opened, const char *desc,
                                 const char *detail, int resolve, const char *breach_key)
{
	struct exception_rec e;
	struct store *s = ds->d->store;
	enum status st;
	int created;
	static const struct {
		enum exkind kind;
		enum cause cause[2];
		const char *action[2];
		const char *result[2];   /* what came of it, as the real flows record it */
	} fixes[] = {
		{ EXKIND_NEEDS_INFO, { CAUSE_CHANNEL_DATA, CAUSE_DATA_ENTRY },
		  { "called the customer and completed the address", "corrected the phone from the channel's record" },
		  { "fixed: address", "fixed: phone" } },
		{ EXKIND_STOCK_SHORT, { CAUSE_STOCK_PLANNING, CAUSE_SUPPLIER },
		  { "waited for the transfer from EAST and relocked", "split: shipped what was there, backorder for the rest" },
		  { "relocked", "split: backorder" } },
		{ EXKIND_LOGISTICS_DELAY, { CAUSE_CARRIER, CAUSE_CARRIER },
		  { "chased the carrier, new ETA sent to the customer", "reshipped with another carrier" },
		  { "new delivery time agreed", "reshipped" } },
		{ EXKIND_SLA_BREACH, { CAUSE_CAPACITY, CAUSE_SYSTEM },
		  { "finished the stage; short-handed shift", "finished the stage after the label printer was fixed" },
		  { "completed late", "completed late" } },
		{ EXKIND_CUSTOMER_CHANGE, { CAUSE_CUSTOMER, CAUSE_CUSTOMER },
		  { "changed the address and reviewed again", "replaced the item and reviewed again" },
		  { "fixed: address", "fixed: lines" } },
		{ EXKIND_DUPLICATE_SUSPECT, { CAUSE_CHANNEL_DATA, CAUSE_CUSTOMER },
		  { "cancelled the duplicate sent twice by the channel", "confirmed both: two separate purchases" },
		  { "cancelled the duplicate", "both kept" } },
	};

	memset(&e, 0, sizeof e);
	e.order_id = o->id;
	e.kind = kind;
	e.stage = at_stage;
	e.opened_at = opened;
	text_copy(e.opened_by, kind == EXKIND_SLA_BREACH || kind == EXKIND_LOGISTICS_DELAY ? "sweep" : "import",
	          sizeof e.opened_by);
	if (kind == EXKIND_STOCK_SHORT || kind == EXKIND_CUSTOMER_CHANGE)
		text_copy(e.opened_by, handler(ds, 0), sizeof e.opened_by);
	text_copy(e.description, desc, sizeof e.description);
	text_copy(e.detail, detail, sizeof e.detail);
	if (kind == EXKIND_NEEDS_INFO)
		e.due_at = opened + ds->d->clocks.needs_info.amount;
	if (breach_key)
		text_copy(e.breach_key, breach_key, sizeof e.breach_key);
	if ((st = store_exception_open(s, &e, &created)) != ST_OK || !created)
		return st;
	if (ds->full_events &&
	    (st = event(ds, o->id, opened, e.opened_by, "raise", "", exkind_name(kind), desc)) != ST_OK)
		return st;
	if (!resolve)
		return ST_OK;
	int which = (int)rng_range(&ds->r, 0, 1);
	time_t at = opened + rng_range(&ds->r, 8 * 60, kind == EXKIND_LOGISTICS_DELAY ? 30 * 3600 : 6 * 3600);
	if (at > ds->now)
		at = ds->now;
	const char *who = handler(ds, rng_pct(&ds->r, 25));
	for (size_t i = 0; i < sizeof fixes / sizeof fixes[0]; i++) {
		if (fixes[i].kind != kind)
			continue;
		st = store_exception_resolve(s, e.id, at, who, fixes[i].cause[which], fixes[i].action[which],
		                             fixes[i].result[which], "");
		if (st == ST_OK && ds->full_events)
			st = event(ds, o->id, at, who, "resolve", exkind_name(kind), cause_name(fixes[i].cause[which]),
			           fixes[i].action[which]);
		return st;
	}
	return ST_OK;
}

/* Plans stage durations and the current stage of every order. */
static void plan_orders(struct demo_state *ds, struct plan *p, long n, long n_open)
{
	static const int open_stage_pct[] = { 16, 12, 12, 20, 10, 30 };   /* new .. transit */

	for (long i = 0; i < n; i++) {
		struct plan *o = &p[i];
		long roll = rng_range(&ds->r, 0, 99);
		o->channel = roll < 60 ? 0 : roll < 85 ? 1 : 2;
		o->open = i < n_open;
		if (o->open) {
			int acc = 0, pick = (int)rng_range(&ds->r, 0, 99);
			o->stage = STAGE_TRANSIT;
			for (int s = 0; s < 6; s++) {
				acc += open_stage_pct[s];
				if (pick < acc) {
					o->stage = (unsigned char)s;
					break;
				}
			}
			/* A rush of distributor orders this morning makes DS surge. */
			if (rng_pct(&ds->r, 9)) {
				o->channel = 2;
				o->stage = STAGE_NEW;
			}
		} else {
			o->stage = rng_pct(&ds->r, 3) ? STAGE_CANCELLED : STAGE_DONE;
			o->breach = rng_pct(&ds->r, 9);
			o->late_ship = !o->breach && o->stage == STAGE_DONE && rng_pct(&ds->r, 4);
			o->late_delivery = !o->breach && !o->late_ship && o->stage == STAGE_DONE && rng_pct(&ds->r, 6);
		}
		/* Durations in the stages passed; the class is not known yet, so
		 * the normal picking clock is used as a fair guess. */
		enum stage last = o->stage == STAGE_CANCELLED ? (enum stage)rng_range(&ds->r, 0, 3)
		                                               : (enum stage)o->stage;
		int late_stage = o->breach ? (int)rng_range(&ds->r, 0, 4) : -1;
		if (o->breach && late_stage > (int)last - 1)
			late_stage = last > STAGE_NEW ? (int)last - 1 : STAGE_NEW;
		o->late_stage = (unsigned char)(late_stage < 0 ? 0 : late_stage);
		long long total = 0;
		for (int s = STAGE_NEW; s < (int)last && s <= STAGE_TRANSIT; s++) {
			o->dur[s] = stage_span(ds, (enum stage)s, PRIO_NORMAL, s == late_stage);
			total += o->dur[s];
		}
		if (o->open) {
			/* Time already spent in the current stage: about one in six is over its clock. */
			long long clock = stage_span(ds, last, PRIO_NORMAL, 0) * 100 / 50;
			long long in_stage = clock * rng_range(&ds->r, 0, 118) / 100;
			if (last == STAGE_NEW || last == STAGE_REVIEW)
				in_stage /= 2;
			o->received = ds->now - (time_t)(total + in_stage) - rng_range(&ds->r, 0, 59);
		} else {
			if (o->stage == STAGE_CANCELLED)
				o->cancelled_from = (unsigned char)last;
			else
				o->dur[STAGE_TRANSIT] = rng_range(&ds->r, o->late_delivery ? 50 : 10,
				                                  o->late_delivery ? 90 : 47) * 3600;
			if (o->late_ship)
				o->dur[STAGE_REVIEW] += rng_range(&ds->r, 30, 60) * 3600;
			long long span = (long long)(HISTORY_DAYS - OPEN_WINDOW_DAYS) * 86400;
			o->received = ds->now - OPEN_WINDOW_DAYS * 86400 - (time_t)rng_range(&ds->r, 0, span);
		}
	}
	qsort(p, (size_t)n, sizeof *p, cmp_plan);
}

/* The surge rule per channel and day, from the planned receipts. */
static void plan_surge(struct demo_state *ds, struct plan *p, long n)
{
	enum { DAYS = HISTORY_DAYS + 2 };
	long counts[3][DAYS];
	long first = calendar_day(ds->now) - HISTORY_DAYS;

	memset(counts, 0, sizeof counts);
	for (long i = 0; i < n; i++) {
		long day = calendar_day(p[i].received) - first;
		if (day >= 0 && day < DAYS)
			counts[p[i].channel][day]++;
	}
	for (long i = 0; i < n; i++) {
		long day = calendar_day(p[i].received) - first;
		long total = 0;
		int days = 0;
		if (day < 0 || day >= DAYS)
			continue;
		for (long k = day - 28; k < day; k++) {
			if (k < 0)
				continue;
			total += counts[p[i].channel][k];
			days++;
		}
		/* Only days with a full history of this store can surge. */
		p[i].surge = days >= 7 && priority_is_surge(counts[p[i].channel][day], total, days,
		                                            ds->d->surge_factor);
	}
}

/* The key the sweep gives the same breach, so that sweeping a demo store
 * never raises a breach the demo already recorded. */
static void breach_key(char *buf, size_t size, const struct order *o, enum stage s, time_t entered,
                       time_t due, enum exkind kind)
{
	if (kind == EXKIND_LOGISTICS_DELAY)
		snprintf(buf, size, "logistics_delay:%lld:transit:%lld:%lld", o->id, (long long)entered,
		         (long long)due);
	else if (s == STAGE_NEW || s == STAGE_REVIEW)
		snprintf(buf, size, "sla_breach:%lld:new:%lld", o->id, (long long)o->received_at);
	else
		snprintf(buf, size, "sla_breach:%lld:%s:%lld", o->id, stage_name(s), (long long)entered);
}

static enum status write_order(struct demo_state *ds, const struct plan *p, long index)
{
	struct desk *d = ds->d;
	struct store *s = d->store;
	struct order o;
	struct order_line lines[4];
	char day[16];
	struct tm tm;
	enum status st;
	int serial, nlines;
	long roll;

	memset(&o, 0, sizeof o);
	memset(lines, 0, sizeof lines);
	localtime_r(&p->received, &tm);
	strftime(day, sizeof day, "%Y%m%d", &tm);
	text_copy(o.channel, channel_codes[p->channel], sizeof o.channel);
	if ((st = store_order_next_serial(s, day, o.channel, &serial)) != ST_OK)
		return st;
	snprintf(o.order_no, sizeof o.order_no, "%s-%s-%04d", day, o.channel, serial);
	snprintf(o.channel_ref, sizeof o.channel_ref, "%s%08ld",
	         p->channel == 0 ? "W" : p->channel == 1 ? "S" : "D", 10000000L + index * 7 + (long)(ds->r.s % 7));
	text_copy(o.source, "demo", sizeof o.source);
	text_copy(o.warehouse, "MAIN", sizeof o.warehouse);
	text_copy(o.currency, "CNY", sizeof o.currency);
	pick_customer(ds, &o, rng_pct(&ds->r, 35));
	roll = rng_range(&ds->r, 0, 99);
	o.type = roll < 84 ? OTYPE_SALE : roll < 90 ? OTYPE_CUSTOM : roll < 96 ? OTYPE_RETURN : OTYPE_EXCHANGE;
	if (rng_pct(&ds->r, 10))
		text_copy(o.flags, "urgent", sizeof o.flags);
	if ((o.type == OTYPE_RETURN || o.type == OTYPE_EXCHANGE) && rng_pct(&ds->r, 30))
		text_copy(o.flags, "quality", sizeof o.flags);
	if (rng_pct(&ds->r, 6))
		text_copy(o.note, rng_pct(&ds->r, 50) ? "请在工作日送货" : "Gift wrap, no invoice in the box", sizeof o.note);
	roll = rng_range(&ds->r, 0, 99);
	nlines = roll < 55 ? 1 : roll < 80 ? 2 : roll < 92 ? 3 : 4;
	/* Some orders waiting in review want a SKU that has run short. */
	int want_short = p->open && p->stage == STAGE_REVIEW && rng_pct(&ds->r, 30);
	int short_k = 5 + 17 * (int)rng_range(&ds->r, 0, 4);
	for (int i = 0; i < nlines; i++) {
		int k = want_short && i == 0 ? short_k : pick_sku(ds);
		text_copy(lines[i].sku, ds->skus[k], sizeof lines[i].sku);
		text_copy(lines[i].name, ds->names[k], sizeof lines[i].name);
		lines[i].qty = rng_pct(&ds->r, 80) ? 1 : rng_range(&ds->r, 2, 3);
		lines[i].unit_price_cents = ds->prices[k];
		o.total_cents += lines[i].qty * ds->prices[k];
	}
	o.received_at = p->received;
	o.ordered_at = p->received - rng_range(&ds->r, 60, 90 * 60);
	desk_order_prioritize(d, &o, p->surge);

	/* Walk the stages it passed. */
	enum stage now_stage = (enum stage)p->stage;
	enum stage cancelled_from = STAGE_NEW;
	if (now_stage == STAGE_CANCELLED)
		cancelled_from = (enum stage)p->cancelled_from;
	enum stage last = now_stage == STAGE_CANCELLED ? cancelled_from : now_stage;
	time_t t = p->received;
	for (int sg = STAGE_REVIEW; sg <= (int)last; sg++) {
		t += (time_t)p->dur[sg - 1];
		o.t_stage[sg] = t;
	}
	o.stage_at = last == STAGE_NEW ? p->received : o.t_stage[last];
	if (now_stage == STAGE_CANCELLED) {
		o.t_stage[STAGE_CANCELLED] = o.stage_at + (time_t)rng_range(&ds->r, 300, 3600);
		o.stage_at = o.t_stage[STAGE_CANCELLED];
	}
	o.stage = now_stage;

	/* An order that should hold stock but cannot get it waits in review, short. */
	int short_stock = want_short;
	if (want_short) {
		o.total_cents += (ds->available[short_k] + 5 - lines[0].qty) * lines[0].unit_price_cents;
		lines[0].qty = ds->available[short_k] + 5;
	}
	/* The open exception an open order will carry is chosen now, so that a
	 * needs_info order really lacks what the exception says. */
	long exr = rng_range(&ds->r, 0, 99);
	if (p->open && p->stage == STAGE_NEW && exr < 10)
		o.phone[0] = '\0';
	else if (p->open && p->stage == STAGE_NEW && exr < 20)
		text_copy(o.address, rng_pct(&ds->r, 50) ? "上海" : "Nr 5", sizeof o.address);
	if (now_stage == STAGE_LOCKED || now_stage == STAGE_PICKING) {
		for (int i = 0; i < nlines; i++) {
			int k = 0;
			while (k < NSKU && strcmp(ds->skus[k], lines[i].sku) != 0)
				k++;
			long need = 0;
			for (int j = 0; j < nlines; j++)
				if (strcmp(lines[j].sku, lines[i].sku) == 0)
					need += lines[j].qty;
			if (k == NSKU || ds->available[k] < need)
				short_stock = 1;
		}
		if (short_stock) {
			o.stage = STAGE_REVIEW;
			o.stage_at = o.t_stage[STAGE_REVIEW];
			for (int sg = STAGE_LOCKED; sg < STAGE_COUNT; sg++)
				o.t_stage[sg] = 0;
		}
	}
	o.due_at = clock_stage_due(&d->clocks, &d->cal, o.stage, o.priority, o.received_at, o.stage_at);
	/* Whether the stage it left was finished in time: for a delivered order, its transit. */
	o.prev_on_time = !(p->late_delivery && o.stage == STAGE_DONE);
	if (o.stage >= STAGE_SHIPPED && o.stage <= STAGE_DONE) {
		text_copy(o.carrier, carriers[rng_range(&ds->r, 0, 4)], sizeof o.carrier);
		snprintf(o.tracking, sizeof o.tracking, "TN%010lld", (long long)(rng_next(&ds->r) % 10000000000ULL));
	}
	if ((st = store_order_insert(s, &o, lines, nlines)) != ST_OK)
		return st;

	/* The timeline; whoever locked the stock is the one who moved it to locked. */
	const char *locker = handler(ds, 0);
	int with_events = ds->full_events || p->received > ds->now - 7 * 86400;
	int saved_full = ds->full_events;
	ds->full_events = with_events;
	if (with_events) {
		if ((st = event(ds, o.id, o.received_at, "import", "import", "", "new", "demo")) != ST_OK)
			goto out;
		for (int sg = STAGE_REVIEW; sg < STAGE_CANCELLED; sg++) {
			if (!o.t_stage[sg])
				continue;
			if ((st = event(ds, o.id, o.t_stage[sg], sg == STAGE_LOCKED ? locker : handler(ds, 0), "advance",
			                stage_name((enum stage)(sg - 1)), stage_name((enum stage)sg), "")) != ST_OK)
				goto out;
		}
		if (o.stage == STAGE_CANCELLED &&
		    (st = event(ds, o.id, o.stage_at, handler(ds, 1), "cancel", stage_name(cancelled_from), "cancelled",
		                "the customer withdrew the order")) != ST_OK)
			goto out;
	}

	/* Stock held by orders in locked and picking. */
	if (o.stage == STAGE_LOCKED || o.stage == STAGE_PICKING) {
		struct order_line held[4];
		struct stock_need needs[4];
		int n, nneeds, short_index;
		if ((st = store_order_lines(s, o.id, held, 4, &n)) != ST_OK)
			goto out;
		store_stock_sum(held, n, needs, 4, &nneeds);
		if ((st = store_stock_reserve(s, o.id, STOCK_DEFAULT_WAREHOUSE, needs, nneeds, held, n,
		                              o.t_stage[STAGE_LOCKED], locker, &short_index)) != ST_OK)
			goto out;
		if (short_index >= 0) {
			/* The plan counted this stock as there: a bug in the generator. */
			st = ST_INTERNAL;
			goto out;
		}
		for (int i = 0; i < n; i++) {
			int k = 0;
			while (strcmp(ds->skus[k], held[i].sku) != 0)
				k++;
			ds->available[k] -= held[i].qty;
		}
	}

	/* Exceptions. */
	if (short_stock) {
		char desc[256], detail[256];
		int k = 0;
		while (k < NSKU && strcmp(ds->skus[k], lines[0].sku) != 0)
			k++;
		long avail = k < NSKU ? ds->available[k] : 0;
		snprintf(desc, sizeof desc, "%s needs %ld, %ld available at MAIN", lines[0].sku, lines[0].qty, avail);
		char coded[200];
		text_escape(lines[0].sku, EXKIND_SHORT_SEPARATORS, coded, sizeof coded);
		snprintf(detail, sizeof detail, "%s:%ld:%ld", coded, lines[0].qty, avail);
		st = add_exception(ds, &o, EXKIND_STOCK_SHORT, STAGE_REVIEW, o.stage_at, desc, detail, 0, NULL);
	} else if (p->open) {
		struct health_input hi = { o.stage, o.stage_at, o.due_at, 0, 1, o.received_at };
		int late = health_of(&hi, ds->now) == HEALTH_RED;
		long r = exr;
		char key[128];
		if (late && o.stage == STAGE_TRANSIT) {
			breach_key(key, sizeof key, &o, o.stage, o.stage_at, o.due_at, EXKIND_LOGISTICS_DELAY);
			st = add_exception(ds, &o, EXKIND_LOGISTICS_DELAY, o.stage, o.due_at,
			                   "in transit past its clock", "transit", 0, key);
		} else if (late && r < 70) {
			breach_key(key, sizeof key, &o, o.stage, o.stage_at, o.due_at, EXKIND_SLA_BREACH);
			st = add_exception(ds, &o, EXKIND_SLA_BREACH, o.stage, o.due_at, "stage clock ran out",
			                   stage_name(o.stage), 0, key);
		} else if (o.stage == STAGE_NEW && r < 20)
			st = add_exception(ds, &o, EXKIND_NEEDS_INFO, STAGE_NEW, o.received_at,
			                   r < 10 ? "phone: missing" : "address: too short to be an address",
			                   r < 10 ? "fields=phone" : "fields=address", 0, NULL);
		else if (o.stage == STAGE_NEW && r < 32)
			st = add_exception(ds, &o, EXKIND_DUPLICATE_SUSPECT, STAGE_NEW, o.received_at,
			                   "same customer and items as another order within 30 minutes", "", 0, NULL);
		else if (o.stage == STAGE_REVIEW && r < 35)
			st = add_exception(ds, &o, EXKIND_CUSTOMER_CHANGE, STAGE_REVIEW, o.stage_at,
			                   "the customer asked to change the delivery address", "address", 0, NULL);
	} else if (p->breach || p->late_ship || p->late_delivery || rng_pct(&ds->r, 8)) {
		static const enum exkind kinds[] = {
			EXKIND_NEEDS_INFO, EXKIND_NEEDS_INFO, EXKIND_STOCK_SHORT, EXKIND_LOGISTICS_DELAY,
			EXKIND_CUSTOMER_CHANGE, EXKIND_DUPLICATE_SUSPECT, EXKIND_STOCK_SHORT,
		};
		enum exkind k = p->breach ? EXKIND_SLA_BREACH : p->late_ship ? EXKIND_STOCK_SHORT
		              : p->late_delivery ? EXKIND_LOGISTICS_DELAY : kinds[rng_range(&ds->r, 0, 6)];
		enum stage at = k == EXKIND_LOGISTICS_DELAY ? STAGE_TRANSIT
		              : k == EXKIND_STOCK_SHORT ? STAGE_REVIEW
		              : k == EXKIND_SLA_BREACH ? (enum stage)p->late_stage : STAGE_NEW;
		if (o.stage == STAGE_CANCELLED && at > cancelled_from)
			at = cancelled_from;
		time_t entered = at == STAGE_NEW ? o.received_at : o.t_stage[at] ? o.t_stage[at] : o.received_at;
		time_t due = clock_stage_due(&d->clocks, &d->cal, at, o.priority, o.received_at, entered);
		/* A breach or a late delivery is found when the clock runs out. */
		time_t opened = (k == EXKIND_SLA_BREACH || k == EXKIND_LOGISTICS_DELAY) && due ? due : entered + 60;
		char key[128], detail[256];
		breach_key(key, sizeof key, &o, at, entered, due, k);
		char coded[200];
		text_escape(lines[0].sku, EXKIND_SHORT_SEPARATORS, coded, sizeof coded);
		if (k == EXKIND_STOCK_SHORT)
			snprintf(detail, sizeof detail, "%s:%ld:0", coded, lines[0].qty);
		else if (k == EXKIND_NEEDS_INFO)
			snprintf(detail, sizeof detail, "fields=phone");
		else
			snprintf(detail, sizeof detail, "%s", stage_name(at));
		st = add_exception(ds, &o, k, at, opened, exkind_what(k), detail, 1,
		                   k == EXKIND_SLA_BREACH || k == EXKIND_LOGISTICS_DELAY ? key : NULL);
	}
out:
	ds->full_events = saved_full;
	return st;
}

static enum status setup_catalogue(struct demo_state *ds)
{
	struct desk *d = ds->d;
	struct store *s = d->store;
	enum status st;

	for (size_t i = 0; i < sizeof handlers_clerk / sizeof handlers_clerk[0]; i++)
		if ((st = store_user_put(s, handlers_clerk[i], ROLE_CLERK, ds->now - 40 * 86400, d->login)) != ST_OK)
			return st;
	for (size_t i = 0; i < sizeof handlers_sup / sizeof handlers_sup[0]; i++)
		if ((st = store_user_put(s, handlers_sup[i], ROLE_SUPERVISOR, ds->now - 40 * 86400, d->login)) != ST_OK)
			return st;
	if ((st = store_setting_set(s, "store.name", "demo store")) != ST_OK)
		return st;
	for (int i = 0; i < NSKU; i++) {
		sku_of(i, ds->skus[i], sizeof ds->skus[i]);
		snprintf(ds->names[i], sizeof ds->names[i], "%s, %s", product_bases[i / 5].name, variants[i % 5]);
		ds->prices[i] = product_bases[i / 5].price + (i % 5) * 100;
		/* A few SKUs run short; the busiest ones get more. */
		long on_hand = i % 17 == 5 ? rng_range(&ds->r, 0, 3) : rng_range(&ds->r, 40, 400) + (NSKU - i) * 4;
		ds->on_hand[i] = ds->available[i] = on_hand;
		if ((st = store_demo_product(s, ds->skus[i], ds->names[i], ds->prices[i])) != ST_OK ||
		    (st = store_stock_set_safety(s, ds->skus[i], STOCK_DEFAULT_WAREHOUSE,
		                                 rng_range(&ds->r, 10, 40))) != ST_OK ||
		    (on_hand > 0 && (st = store_stock_add(s, ds->skus[i], STOCK_DEFAULT_WAREHOUSE, on_hand)) != ST_OK))
			return st;
	}
	return ST_OK;
}

static enum status setup_reviews(struct demo_state *ds)
{
	struct store *s = ds->d->store;
	static const struct {
		int weeks_ago;
		const char *cause, *action, *owner;
		int due_days, done;
	} acts[] = {
		{ 4, "channel_data", "ask the EC channel to make phone mandatory at checkout", "chen.jie", 10, 1 },
		{ 3, "stock_planning", "raise safety stock of the top 10 SKUs by 20 %", "tom.baker", 7, 1 },
		{ 2, "carrier", "weekly call with the carrier about late hand-overs", "chen.jie", 14, 0 },
		{ 1, "capacity", "add a second picker on Monday mornings", "tom.baker", 3, 0 },
		{ 1, "data_entry", "address checklist for the desk clerks", "li.na", 21, 0 },
	};
	enum status st;

	for (size_t i = 0; i < sizeof acts / sizeof acts[0]; i++) {
		time_t at = ds->now - acts[i].weeks_ago * 7 * 86400;
		time_t due = at + acts[i].due_days * 86400;
		char week[16], dues[16];
		struct tm tm;
		localtime_r(&at, &tm);
		strftime(week, sizeof week, "%G-W%V", &tm);
		localtime_r(&due, &tm);
		strftime(dues, sizeof dues, "%Y-%m-%d", &tm);
		if ((st = store_demo_review_action(s, week, acts[i].cause, acts[i].action, acts[i].owner, dues,
		                                   acts[i].done, at, "chen.jie")) != ST_OK)
			return st;
	}
	return ST_OK;
}

enum status desk_demo(struct desk *d, const struct demo_opts *opt)
{
	struct demo_state ds;
	struct plan *plans;
	enum status st;
	long n = opt->orders, existing;

	if (desk_require(d, ROLE_ADMIN, _("fill a store with demo orders")) != ST_OK)
		return ST_DENIED;
	if (n < DEMO_MIN_ORDERS || n > DEMO_MAX_ORDERS)
		return desk_fail(d, ST_USAGE, _("a demo store has from %d to %d orders"), DEMO_MIN_ORDERS,
		                 DEMO_MAX_ORDERS);
	if ((st = store_order_count(d->store, &existing)) != ST_OK)
		return desk_fail(d, st, "%s", store_errmsg(d->store));
	if (existing > 0)
		return desk_fail(d, ST_REFUSED, _("the store %s already has %ld orders; demo fills only an empty store (use --refresh to rebuild a demo store)"),
		                 store_path(d->store), existing);
	memset(&ds, 0, sizeof ds);
	ds.d = d;
	ds.r.s = opt->seed * 0x9E3779B97F4A7C15ULL + 0x2545F4914F6CDD1DULL;
	ds.now = desk_now(d);
	ds.full_events = n <= FULL_EVENTS_LIMIT;
	plans = calloc((size_t)n, sizeof *plans);
	if (!plans)
		return desk_fail(d, ST_INTERNAL, _("out of memory"));

	/* About a day and a half of volume is open, as on a real desk. */
	long n_open = n * 16 / (HISTORY_DAYS * 10);
	if (n_open < 120)
		n_open = 120;
	if (n_open > n / 4)
		n_open = n / 4;
	plan_orders(&ds, plans, n, n_open);
	plan_surge(&ds, plans, n);

	if ((st = store_begin(d->store)) != ST_OK)
		goto fail;
	if ((st = setup_catalogue(&ds)) != ST_OK || (st = setup_reviews(&ds)) != ST_OK)
		goto fail_tx;
	for (long i = 0; i < n; i++) {
		if ((st = write_order(&ds, &plans[i], i)) != ST_OK)
			goto fail_tx;
		if ((i + 1) % BATCH == 0) {
			if ((st = store_commit(d->store)) != ST_OK || (st = store_begin(d->store)) != ST_OK)
				goto fail;
			if (opt->progress)
				opt->progress(i + 1, n, opt->progress_arg);
		}
	}
	struct event_rec ev = { .entity = "store", .what = "demo", .to = "filled" };
	if ((st = store_event_add(d->store, ds.now, d->login, &ev)) != ST_OK)
		goto fail_tx;
	if ((st = store_commit(d->store)) != ST_OK)
		goto fail;
	free(plans);
	desk_reload_settings(d);
	desk_say(d, _("demo store %s: %ld orders (%ld open), %d SKUs, %d weeks of history"),
	         store_path(d->store), n, n_open, NSKU, HISTORY_DAYS / 7);
	return ST_OK;
fail_tx:
	store_rollback(d->store);
fail:
	free(plans);
	return desk_fail(d, st, _("building the demo store failed: %s"), store_errmsg(d->store));
}

enum status desk_demo_made(struct desk *d, int *yes)
{
	enum status st = store_demo_marked(d->store, yes);

	return st == ST_OK ? ST_OK : desk_fail(d, st, "%s", store_errmsg(d->store));
}
