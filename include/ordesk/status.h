#ifndef ORDESK_STATUS_H
#define ORDESK_STATUS_H

/*
 * What every operation below the command line returns.  The values are the
 * exit statuses of the command line contract (sysexits), so cli/ maps them
 * one to one.
 */
enum status {
	ST_OK       = 0,   /* done */
	ST_REFUSED  = 1,   /* refused by a business rule; the message names it */
	ST_USAGE    = 64,  /* the request itself is malformed */
	ST_DATAERR  = 65,  /* bad input data (file, line, column named) */
	ST_INTERNAL = 70,  /* a bug or a broken store */
	ST_BUSY     = 69,  /* the store stayed locked by others past the timeout */
	ST_IOERR    = 74,  /* reading or writing a file or the store failed */
	ST_DENIED   = 77   /* not permitted for this role */
};

/* A short English word for a status, for logs and tests. */
const char *status_name(enum status st);

#endif
