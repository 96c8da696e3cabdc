#ifndef ORDESK_DESK_SWEEP_H
#define ORDESK_DESK_SWEEP_H

#include "ordesk/desk.h"
#include "ordesk/store_escalation.h"

/*
 * The sweep evaluates every clock at desk_now():
 *   - a stage clock that ran out raises one sla_breach (breach key: order,
 *     stage, when the stage's clock started; new and review share the
 *     clock from receipt), opened at the moment the clock ran out;
 *   - transit past its clock raises one logistics_delay instead;
 *   - an open needs_info past its due time (clock.needs_info after it was
 *     raised) and an open stock_short past its agreed date (its due time,
 *     else clock.stock_delay_max after it was raised) escalate;
 * and every raised breach escalates to the supervisors.  Each escalation
 * is raised once (dedupe key), so a sweep is idempotent and two sweeps at
 * once raise each breach once.  Orders are read through the orders_due
 * index in batches, one transaction each, a breach always with its
 * escalation and events: a sweep cut short (killed, a full disk) leaves
 * whole breaches, and the next sweep ends where one clean sweep would
 * (tests/sh/t77_store_kill.sh).  Needs a clerk.
 */
struct sweep_result {
	int breaches;       /* sla_breach raised */
	int delays;         /* logistics_delay raised */
	int escalations;    /* escalations raised */
};
enum status desk_sweep(struct desk *d, struct sweep_result *r);

/* Acknowledges a waiting escalation (supervisor), recorded with who and when. */
enum status desk_alert_ack(struct desk *d, long long id);

/* Escalations newest first (all = 0: only those waiting) and how many wait
 * (up to STORE_ALERTS_COUNTED, which means "that many or more"). */
enum status desk_alert_each(struct desk *d, int all,
                            int (*fn)(const struct escalation_rec *x, void *arg), void *arg);
enum status desk_alert_count(struct desk *d, int *waiting);

#endif
