#ifndef ORDESK_TEST_SUPPORT_H
#define ORDESK_TEST_SUPPORT_H

#include <check.h>

#include "ordesk/desk.h"

/* A fixed moment tests start from: Monday 2026-11-16 09:00 UTC. */
#define T_MONDAY_0900 ((time_t)1794819600)

/*
 * Opens a desk on a fresh store in a temporary file (removed by
 * t_desk_close) as login "tester" with the given role, the clock pinned at
 * now.  The store's creator is an admin; the role is then set as asked.
 */
void t_desk_open(struct desk *d, enum role role, time_t now);
void t_desk_close(struct desk *d);
/* The path of the store t_desk_open made (valid until t_desk_close). */
const char *t_desk_path(const struct desk *d);

/* Sets the role of the desk's operator directly in the store. */
void t_desk_set_role(struct desk *d, enum role role);

/* Inserts an order straight into the store (channel EC, one line per sku
 * with qty 1 unless given) in stage new, received at the desk's now;
 * returns its number in buf. */
void t_order_add(struct desk *d, const char *ref, const char *customer, char *buf, size_t size);

/* The tests/ directory: $ORDESK_TESTS (make passes an absolute path), else
 * "tests" below the working directory. */
const char *t_tests_dir(void);

/* True when ORDESK_GOLDEN=update (make check GOLDEN=update) asks the golden
 * files to be rewritten from what the code makes now. */
int t_golden_update(void);

/* Runs a suite and returns the process exit status. */
int t_run(Suite *s);

#endif
