/* The colour of a card, as a function of its stage, clock and exceptions. */
#include "ordesk/health.h"

enum health health_of(const struct health_input *in, time_t now)
{
	if (in->stage == STAGE_DONE || in->stage == STAGE_CANCELLED)
		return HEALTH_GREEN;
	if (in->open_exceptions > 0)
		return HEALTH_RED;
	if (in->due_at == 0)
		return HEALTH_YELLOW;
	if (now >= in->due_at)
		return HEALTH_RED;
	if (in->prev_on_time && now - in->stage_at < HEALTH_FRESH_SECONDS)
		return HEALTH_GREEN;
	time_t start = in->stage_at;
	if ((in->stage == STAGE_NEW || in->stage == STAGE_REVIEW) && in->received_at)
		start = in->received_at;
	long long span = (long long)in->due_at - start;
	long long used = (long long)now - start;
	if (span > 0 && used * 100 >= span * HEALTH_AT_RISK_PERCENT)
		return HEALTH_AT_RISK;
	return HEALTH_YELLOW;
}
