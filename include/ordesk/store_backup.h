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

/* Writes the store into the new file dest (created 0600 less the umask;
 * an existing dest is refused with ST_REFUSED).  ST_OK or a sentence in err. */
enum status store_backup(struct store *s, const char *dest, char *err, size_t size);

/*
 * Replaces the whole content of the store with the store in the file src,
 * after checking that src is an intact ordesk store of a schema this
 * binary knows, with at least one admin.  Others working on the store see
 * the restored content at their next read.
 */
enum status store_restore(struct store *s, const char *src, char *err, size_t size);

#endif
