#ifndef ORDESK_PRIVILEGE_H
#define ORDESK_PRIVILEGE_H

#include <stdio.h>
#include <sys/types.h>

#include "ordesk/status.h"

/*
 * Running setgid: the shared installation installs ordesk setgid to the
 * group ordesk, which alone may read and write the shared store.  The
 * process then has the real user's uid and the group's effective gid.
 * Everything the group's rights could be misused for goes through here:
 *
 *  - only the store the system configuration names keeps the group's
 *    rights; any other store (--db, $ORDESK_DB, a user's configuration, the
 *    XDG default) and every command without a store run with the real
 *    user's rights alone (privilege_drop), so nothing the user chooses
 *    reaches what the group may write;
 *  - files written for the user (reports, rejects, exports, backups) are
 *    opened with the real user's rights and umask (cli_open_user_file);
 *  - the environment decides nothing about the shared store ($ORDESK_NOW
 *    is ignored there), and ordesk never runs a shell or another program.
 *
 * Not running setgid, every function below is a plain pass-through.
 */

/* Call first in main(): notes the ids, opens /dev/null on any of the
 * descriptors 0-2 that is closed.  0, or -1 (the group's rights are then
 * given up). */
int privilege_init(void);

/* 1 while the process still holds the group's rights (setgid, not dropped). */
int privilege_setgid(void);

/* Gives the group's rights up for the rest of the run.  0, or -1 with errno. */
int privilege_drop(void);

/*
 * On the shared store, with the group's rights: the environment decides
 * nothing that is written to it.  TZ is dropped (order numbers and business
 * days follow the host's zone, the same for every operator).
 */
void privilege_shared_env(void);

/*
 * Between user_begin and user_end the process acts with the real user's
 * group and umask (the effective gid is switched, not given up).  Calls do
 * not nest.  0, or -1 with errno from begin.
 */
int privilege_user_begin(void);
void privilege_user_end(void);

/*
 * Opens path for writing (created 0666 less the user's umask, truncated)
 * with the real user's rights: what other engineers call for report -o,
 * --rejects and exports.  NULL with errno set on failure.
 */
FILE *cli_open_user_file(const char *path);
/* Opens path for reading with the real user's rights (import files, profiles):
 * a file only the group may read stays unread.  NULL with errno set. */
FILE *cli_open_user_input(const char *path);
/* The same as a descriptor, with open(2)'s flags and mode. */
int privilege_open_user(const char *path, int flags, mode_t mode);

/*
 * Before the shared store is opened with the group's rights: refuses what
 * would let a user reach it without ordesk.  Only root creates it; the
 * store and its -wal and -shm files must exist (they are kept between
 * runs) and must not belong to the real user.  Prints the reason; ST_OK
 * when not running setgid.
 */
enum status privilege_store_check(const char *path, int creating);

#endif
