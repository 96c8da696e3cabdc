/* Shared by the report writers of src/report/ only. */
#ifndef ORDESK_REPORT_INT_H
#define ORDESK_REPORT_INT_H

#include <stdio.h>
#include <time.h>

#include "ordesk/report.h"

void rw_txt(FILE *fp, const struct report *r);
void rw_csv(FILE *fp, const struct report *r, unsigned sheet);
void rw_md(FILE *fp, const struct report *r);
void rw_html(FILE *fp, const struct report *r);

/* text_clean of a possibly NULL string. */
void rw_clean(const char *in, char *out, size_t size);
/* Local "YYYY-MM-DD HH:MM" (short_form: "MM-DD HH:MM"), "" for 0. */
void rw_time(time_t t, char *buf, size_t size, int short_form);
/* Whole minutes from opening to resolution, "" while open. */
void rw_minutes(const struct report_record *rec, char *buf, size_t size);
/* A carrier's delays over the orders it shipped: "1 of 2, 50.0 %". */
void rw_carrier_rate(const struct report_count *c, char *buf, size_t size);
/* The cause identifier, "" for none. */
const char *rw_cause(int cause);
/* "2026-W47 (2026-11-16 to 2026-11-22)" or "2026-11-20". */
void rw_period_title(const struct report *r, char *buf, size_t size);
/* The sentence saying a period has not ended and how it is compared; "" otherwise. */
void rw_partial_note(const struct report *r, char *buf, size_t size);

#endif
