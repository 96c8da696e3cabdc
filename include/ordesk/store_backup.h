#ifndef ORDESK_STORE_BACKUP_H
#define ORDESK_STORE_BACKUP_H

#include <stddef.h>

#include "ordesk/status.h"
#include "ordesk/store.h"

/*
 * Copies of a whole store through SQLite's online backup API: one
 * consistent snapshot, taken while other desks keep reading and writing
 * (under WAL they are never blocked).  Never copy a live store with cp:
 * a copy taken between a commit and its checkpoint is torn.
 */

/*
 * Writes the store into the new file dest (mode 0600; an existing dest is
 * refused with ST_REFUSED).  The copy is made under a temporary name in
 * dest's directory (.NAME.XXXXXX), written to the disk, and only then given
 * its name (and the directory written): a backup cut short leaves at most
 * that temporary file, never a torn one under dest.  The copy carries
 * ordesk's application_id.  ST_OK or a sentence in err.
 */
enum status store_backup(struct store *s, const char *dest, char *err, size_t size);

/*
 * Replaces the whole content of the store with the store in the file src,
 * after checking that src is a regular file holding an intact ordesk store
 * of a schema this binary knows, with at least one admin.  The event ev
 * (by actor, at at) is written in the same transaction as the content: the
 * store is never replaced without it.  Others working on the store see the
 * restored content at their next read.
 */
enum status store_restore(struct store *s, const char *src, time_t at, const char *actor,
                          const struct event_rec *ev, char *err, size_t size);

#endif
