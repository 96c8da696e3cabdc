#ifndef ORDESK_DESK_REPORT_H
#define ORDESK_DESK_REPORT_H

#include "ordesk/desk.h"
#include "ordesk/report.h"

/*
 * The weekly exception review and the daily summary as use cases: anyone
 * who may read the store (viewer and up) may read them.
 */

/* The last complete ISO week before desk_now() / the day of desk_now(). */
void desk_report_last_week(const struct desk *d, struct report_period *p);
void desk_report_today(const struct desk *d, struct report_period *p);

/* Computes the report of period p (with its trend) into r; report_free(r)
 * afterwards, also on failure. */
enum status desk_report(struct desk *d, const struct report_period *p, struct report *r);

#endif
