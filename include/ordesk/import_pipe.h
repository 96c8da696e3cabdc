#ifndef ORDESK_IMPORT_PIPE_H
#define ORDESK_IMPORT_PIPE_H

#include "ordesk/import.h"

/*
 * import_orders with the reading, cleaning and grouping on a second thread,
 * a bounded number of orders ahead of the sink.  The sink's callbacks still
 * run on the calling thread, one at a time and in the file's order, so a
 * sink that writes to a store need not know: while it stores one order the
 * next ones are parsed.  channel_ok is asked once per channel code (its
 * answer is taken to hold for the whole file).  Same statuses and results
 * as import_orders; runs it on the calling thread when no thread starts.
 * res is the reader's while it runs: a sink may read res->profile (set
 * before the first order is handed over), the rest once this returns.
 */
enum status import_orders_piped(FILE *fp, const struct import_opts *opts,
                                const struct import_sink *sink, struct import_result *res);

#endif
