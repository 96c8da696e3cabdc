#ifndef ORDESK_STORE_CHECK_H
#define ORDESK_STORE_CHECK_H

#include <stddef.h>
#include <time.h>

#include "ordesk/status.h"
#include "ordesk/store.h"

/*
 * The invariants the store promises, each a query that finds a row when
 * it is broken.  store_check reads the schema version into *version and
 * runs them in order: *broken_name is NULL when all hold, else the name
 * of the first broken one (an English sentence marked for translation)
 * and what describes the offending row.  *count is how many there are.
 * now is the desk's clock (what is kept for the last hour only is checked
 * for the hour before it).
 */
enum status store_check(struct store *s, time_t now, int *version, const char **broken_name,
                        char *what, size_t what_size, int *count);

#endif
