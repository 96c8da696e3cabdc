/* Priority classes and the score that orders a queue within a class. */
#include "ordesk/priority.h"

#include <math.h>

enum priority priority_classify(const struct priority_input *in)
{
	if (in->urgent_flag || in->surge_day)
		return PRIO_URGENT;
	if (in->tier == TIER_DIAMOND || in->type == OTYPE_CUSTOM)
		return PRIO_HIGH;
	if ((in->type == OTYPE_RETURN || in->type == OTYPE_EXCHANGE) && !in->quality_issue)
		return PRIO_LOW;
	return PRIO_NORMAL;
}

int priority_is_surge(long today, long trailing_total, int trailing_days, double factor)
{
	if (trailing_days <= 0 || trailing_total <= 0)
		return 0;
	/* today > factor * mean, kept in integers where factor is whole. */
	return (double)today * trailing_days > factor * (double)trailing_total;
}

void score_weights_default(struct score_weights *w)
{
	w->tier = 10.0;
	w->value = 5.0;
	w->time = 1.0;
}

double priority_score(const struct score_weights *w, enum tier tier,
                      long long value_cents, time_t promise_at, time_t now)
{
	double units = value_cents > 100 ? (double)value_cents / 100.0 : 1.0;
	double hours_left = (double)(promise_at - now) / 3600.0;

	if (hours_left < 0)
		hours_left = 0;
	if (hours_left > 48)
		hours_left = 48;
	return w->tier * tier_weight(tier) + w->value * log10(units) + w->time * (48.0 - hours_left);
}
