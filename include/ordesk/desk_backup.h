#ifndef ORDESK_DESK_BACKUP_H
#define ORDESK_DESK_BACKUP_H

#include "ordesk/desk.h"

/*
 * Backing up and restoring the whole store (store_backup.h says how).
 * A backup holds every customer's data and the whole event log: it needs
 * the supervisor role.  A restore replaces everything: it needs admin, and
 * appends a "restore" event naming the file to the restored log.
 */
enum status desk_backup(struct desk *d, const char *dest);
enum status desk_restore(struct desk *d, const char *src);

#endif
