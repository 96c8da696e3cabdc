#ifndef ORDESK_DESK_REVIEW_H
#define ORDESK_DESK_REVIEW_H

#include "ordesk/desk.h"
#include "ordesk/store_report.h"

/*
 * Improvement actions decided by the weekly review: a cause, what will be
 * done, an owner and a due date.  They stay on the record, and on every
 * later report, until closed.  Adding and closing is a supervisor's right;
 * each change appends an event (entity "review").
 */
struct review_req {
	const char *week;     /* "2026-W47" */
	const char *cause;    /* a cause identifier of catalog.h */
	const char *action;
	const char *owner;    /* login */
	const char *due;      /* "YYYY-MM-DD" */
};

/* Adds an action; *id gets its number. */
enum status desk_review_add(struct desk *d, const struct review_req *req, long long *id);
/* Closes an open action with a note. */
enum status desk_review_done(struct desk *d, long long id, const char *note);
/* Calls fn for every action (only the open ones with open_only), oldest first. */
enum status desk_review_list(struct desk *d, int open_only, rep_action_fn fn, void *arg);
/* 1 when an open action's due date (YYYY-MM-DD) is before the day of desk_now(). */
int desk_review_overdue(const struct desk *d, const struct rep_action_row *a);

#endif
