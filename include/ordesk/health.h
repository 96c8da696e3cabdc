#ifndef ORDESK_HEALTH_H
#define ORDESK_HEALTH_H

#include <time.h>

#include "ordesk/catalog.h"

/* What health is computed from: all of it stored on the order. */
struct health_input {
	enum stage stage;
	time_t stage_at;        /* entered the current stage */
	time_t due_at;          /* the stage clock runs out (0: no clock) */
	int open_exceptions;
	int prev_on_time;       /* the previous stage was finished within its clock */
	time_t received_at;     /* new and review share one clock, counted from receipt */
};

/* How long a card stays green after finishing a stage ahead of its clock. */
#define HEALTH_FRESH_SECONDS (10 * 60)
/* Share of the clock used from which a card is at risk, in percent. */
#define HEALTH_AT_RISK_PERCENT 75

/*
 * green: done, or the last stage was finished ahead of its clock less than
 *        HEALTH_FRESH_SECONDS ago;
 * red: an open exception, or the clock has run out;
 * at_risk: at least 75 % of the clock used (for new and review the clock
 *          runs from receipt, for the other stages from entering them);
 * yellow: otherwise in progress within its clock.
 */
enum health health_of(const struct health_input *in, time_t now);

#endif
