#ifndef ORDESK_STORE_FS_H
#define ORDESK_STORE_FS_H

#include <sqlite3.h>
#include <stddef.h>

#include "ordesk/status.h"

/*
 * Where a store may live, and how its files are made.  store_open calls
 * these; they are public for tests.
 *
 * A store is refused
 *  - on a network file system (NFS, SMB/CIFS, AFS, Ceph): SQLite's locks
 *    do not hold there, so two desks could lock the same stock;
 *  - when its directory is writable by every user, even with the sticky
 *    bit (/tmp): another user could create its -wal or -shm first and read
 *    or rewrite the store through them.  Keep stores in a directory of
 *    their own (mktemp -d makes one, mode 0700);
 *  - when its directory may be written by a group and belongs to someone
 *    other than root or the user running ordesk;
 *  - when a directory above it is writable by every user without the
 *    sticky bit (anyone could rename it away and put another in its place).
 * A missing store file is created 0660 (setgid: exactly, whatever the
 * umask; otherwise less the umask's group bits), never readable by others;
 * its -wal and -shm take the same mode from SQLite.
 */

/*
 * Checks path's place and, with create, makes the empty store file; then
 * looks at the file without changing it.  real receives the path with every
 * symbolic link followed (the directory checked is that one's), which the
 * store is opened by, so its -wal and -shm are made beside the real file.
 * ST_OK; ST_IOERR with a sentence saying why in err; ST_DATAERR for a file
 * that cannot be a store: not a regular file (a device, a FIFO: opened
 * without blocking), not an SQLite database, or empty without create.
 */
enum status store_fs_prepare(const char *path, int create, char *real, size_t real_size,
                             char *err, size_t size);

/* path with every symbolic link followed, the last part allowed to be
 * missing (a link to a store not made yet).  0, or -1 with errno set. */
int store_fs_resolve(const char *path, char *out, size_t size);

/* The name of a network file system type (statfs f_type), or NULL. */
const char *store_fs_network(unsigned long fs_type);

/*
 * Settings of an open store used by a group (ordesk setgid, or root): the
 * -wal and -shm files are kept between runs, so that the ones root made
 * stay root's and no user's process ever creates them; temporary tables
 * stay in memory, never in a file the user owns.
 */
void store_fs_harden(sqlite3 *db);

#endif
