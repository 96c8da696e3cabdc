#ifndef ORDESK_PRIORITY_H
#define ORDESK_PRIORITY_H

#include <time.h>

#include "ordesk/catalog.h"

/* What the priority rules look at. */
struct priority_input {
	int urgent_flag;      /* the customer asked for 24 h dispatch */
	int surge_day;        /* the order arrived on a surge day of its channel */
	enum tier tier;
	enum otype type;
	int quality_issue;    /* a return or exchange about quality */
};

/*
 * urgent: urgent flag or surge day; high: diamond tier or custom-made;
 * low: returns and exchanges not about quality; normal otherwise.
 */
enum priority priority_classify(const struct priority_input *in);

/*
 * 1 when a channel's volume on a day is above factor times its trailing
 * daily mean: today > factor * trailing_total / trailing_days.  A channel
 * with no history (total 0) never surges.
 */
int priority_is_surge(long today, long trailing_total, int trailing_days, double factor);

/* Weights of the score within a class (settings score.w_tier, ...). */
struct score_weights {
	double tier;      /* per tier step */
	double value;     /* per decade of order value in currency units */
	double time;      /* per hour closer to the promise (capped at 48 h) */
};

void score_weights_default(struct score_weights *w);

/* A higher score is served first within a class. */
double priority_score(const struct score_weights *w, enum tier tier,
                      long long value_cents, time_t promise_at, time_t now);

#endif
