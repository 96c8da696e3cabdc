#ifndef ORDESK_CONFFILE_H
#define ORDESK_CONFFILE_H

#include <stddef.h>

/*
 * The configuration files that name the store (/etc/ordesk/ordesk.conf and
 * ~/.config/ordesk/ordesk.conf).  A pure parser: the caller reads the file.
 *
 *   # a comment
 *   db = /var/lib/ordesk/ordesk.db
 *
 * One "key = value" a line; blanks around key and value are dropped; blank
 * lines and lines starting with '#' are skipped.  Known keys: db (an
 * absolute path, or "~/..." in a user's own file).  Anything else is an error.
 */
#define CONFFILE_MAX 65536          /* a longer file is refused */

struct conffile {
	char db[4096];                  /* "" when the file does not name one */
};

/*
 * Parses the NUL-terminated text into *out.  Returns 0, or the number of
 * the first bad line with *why set to a sentence (untranslated, for _()).
 */
int conffile_parse(const char *text, struct conffile *out, const char **why);

#endif
