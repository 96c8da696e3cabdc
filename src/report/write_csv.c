/* The record table as real CSV (libcsv's writer), one row per exception. */
#include "ordesk/report_write.h"

#include "ordesk/text.h"
#include "report_int.h"

#include <csv.h>
#include <stdio.h>
#include <string.h>

static const char *const columns[] = {
	"id", "order_no", "kind", "cause", "stage", "opened_at", "opened_by", "description",
	"action", "result", "resolved_at", "resolved_by", "minutes_to_resolve", "note",
};
#define NCOLS (int)(sizeof columns / sizeof columns[0])

static void row(FILE *fp, const char *const *values, unsigned sheet)
{
	char cell[4096], clean[8192];

	for (int i = 0; i < NCOLS; i++) {
		if (i)
			fputc(',', fp);
		text_cell(values[i] ? values[i] : "", (sheet & SHEET_RAW) != 0, cell, sizeof cell);
		rw_clean(cell, clean, sizeof clean);
		csv_fwrite(fp, clean, strlen(clean));
	}
	fputs("\r\n", fp);
}

void rw_csv(FILE *fp, const struct report *r, unsigned sheet)
{
	if (sheet & SHEET_BOM)
		fputs(TEXT_BOM, fp);
	row(fp, columns, sheet);
	for (size_t i = 0; i < r->nrecords; i++) {
		const struct report_record *rec = &r->records[i];
		char id[24], opened[32], resolved[32], minutes[32];
		const char *v[NCOLS];

		snprintf(id, sizeof id, "%lld", rec->id);
		rw_time(rec->opened_at, opened, sizeof opened, 0);
		rw_time(rec->resolved_at, resolved, sizeof resolved, 0);
		rw_minutes(rec, minutes, sizeof minutes);
		v[0] = id;
		v[1] = rec->order_no;
		v[2] = exkind_name(rec->kind);
		v[3] = rw_cause(rec->cause);
		v[4] = stage_name(rec->stage);
		v[5] = opened;
		v[6] = rec->opened_by;
		v[7] = rec->description;
		v[8] = rec->action;
		v[9] = rec->result;
		v[10] = resolved;
		v[11] = rec->resolved_by;
		v[12] = minutes;
		v[13] = rec->note;
		row(fp, v, sheet);
	}
}
