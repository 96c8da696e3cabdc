#ifndef ORDESK_IMPORT_CLEAN_H
#define ORDESK_IMPORT_CLEAN_H

#include <stddef.h>
#include <time.h>

/*
 * Cleaning one field of a channel file into what ordesk stores.  Pure
 * functions on strings; every parse returns 0 on success, 1 when the value
 * is empty or a placeholder ("-", "0000-00-00"), -1 when malformed.
 */

/* Trims spaces, tabs and line ends, removes the apostrophe an export put
 * before a formula character (text_cell_unguard) and unwraps an Excel
 * formula ="…".  In place. */
void import_clean_text(char *s);

/*
 * For ids, phones, postcodes and SKUs: import_clean_text, then a leading
 * apostrophe ('75008) and TABs kept inside quotes are removed.  In place.
 */
void import_clean_id(char *s);

/*
 * An id a spreadsheet already mangled cannot be recovered: scientific
 * notation (2.98765E+11) or a long number cut to 15 significant digits
 * (2345678901234560000).  Returns 0 when s looks intact, else -1 and the
 * reason in why.
 */
int import_check_id(const char *s, char *why, size_t size);

/* How dates are read. */
enum date_order { DATE_AUTO, DATE_MDY, DATE_DMY };
struct date_opts {
	enum date_order order;   /* of day and month in 07/12/2025; DATE_AUTO: not known */
	int has_zone;            /* 1: a date without a zone is at zone_minutes east of UTC */
	int zone_minutes;        /* else: local time */
};

/*
 * Dates as channels write them: 2025-12-07 19:08:25 +0000,
 * 2017-09-23T14:18:23-07:00, 2026-07-22T10:00:00Z, 5/31/2016 0:37,
 * 31.05.2016 00:37, 2026/07/22, 2026年7月22日 10:00, Sep-30-26,
 * Sep 30, 2026, 30-Sep-26, with optional seconds, fractions and AM/PM.
 * Empty and 0000-00-00 are "missing" (1).  A date with day and month both
 * 12 or less (07/12/2025) is read in o's order; without one it is
 * ambiguous (2).
 */
int import_parse_date(const char *s, const struct date_opts *o, time_t *out);

/*
 * What one date tells of its file's order of day and month: DATE_DMY for
 * 31/05/2016, DATE_MDY for 05/31/2016, DATE_AUTO when it tells nothing.
 */
enum date_order import_date_evidence(const char *s);

/* Parses "+08:00", "+0800", "-7", "UTC" into minutes east of UTC; -1 if not a zone. */
int import_parse_zone(const char *s, int *minutes);

/*
 * Money: ¥1,299.00, $12, 12,50 (decimal comma), 1.299,50, -5.00, (5.00),
 * "USD 12.00", 1 299,00.  currency gets the code a sign implies (CNY, USD,
 * EUR, GBP, JPY) or "" — it may be NULL.  "-" alone is a placeholder (1).
 */
int import_parse_money(const char *s, int decimal_comma, long long *cents, char *currency,
                       size_t currency_size);

/* A whole positive quantity: 2, 2.0, 2,00 (decimal comma); 1 when empty. */
int import_parse_qty(const char *s, int decimal_comma, long *qty);

#endif
