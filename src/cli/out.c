/* Listings for people (table), spreadsheets (CSV) and scripts (TSV). */
#include "ordesk/cli.h"
#include "ordesk/i18n.h"
#include "ordesk/text.h"

#include <csv.h>
#include <stdlib.h>
#include <string.h>

enum status out_format_arg(const char *word, enum out_format *f)
{
	if (!word || strcmp(word, "table") == 0)
		*f = OUT_TABLE;
	else if (strcmp(word, "csv") == 0)
		*f = OUT_CSV;
	else if (strcmp(word, "tsv") == 0)
		*f = OUT_TSV;
	else
		return cli_error(ST_USAGE, _("unknown format %s (table, csv, tsv)"), word);
	return ST_OK;
}

int out_sheet_opt(int opt, unsigned *sheet)
{
	if (opt == OUT_OPT_RAW)
		*sheet |= SHEET_RAW;
	else if (opt == OUT_OPT_BOM)
		*sheet |= SHEET_BOM;
	else
		return 0;
	return 1;
}

static void put_cell(struct out *o, int i, const char *value)
{
	char clean[8192], cell[8192];

	if (o->format != OUT_TABLE) {
		text_cell(value, (o->sheet & SHEET_RAW) != 0, cell, sizeof cell);
		value = cell;
	}
	if (o->format == OUT_TSV) {
		/* TSV: tabs, newlines and backslashes escaped, other controls made visible. */
		for (const char *p = value; *p; p++) {
			if (*p == '\\')
				fputs("\\\\", o->fp);
			else if (*p == '\t')
				fputs("\\t", o->fp);
			else if (*p == '\n')
				fputs("\\n", o->fp);
			else if (*p == '\r')
				fputs("\\r", o->fp);
			else {
				size_t n = strcspn(p, "\\\t\n\r");
				char piece[4096];
				size_t take = n < sizeof piece - 1 ? n : sizeof piece - 1;
				/* A long run is cut between characters, never inside one. */
				while (take < n && take > 1 && ((unsigned char)p[take] & 0xc0) == 0x80)
					take--;
				memcpy(piece, p, take);
				piece[take] = '\0';
				text_clean(piece, clean, sizeof clean);
				fputs(clean, o->fp);
				p += take - 1;
			}
		}
		return;
	}
	text_clean(value, clean, sizeof clean);
	if (o->format == OUT_CSV) {
		csv_fwrite(o->fp, clean, strlen(clean));
		return;
	}
	int width = o->cols[i].width;
	if (width <= 0 || i == o->ncols - 1) {
		fputs(clean, o->fp);
		return;
	}
	char fit[1024];
	int used = text_fit(clean, width, fit, sizeof fit);
	fputs(fit, o->fp);
	for (; used < width; used++)
		fputc(' ', o->fp);
}

void out_row(struct out *o, const char *const *values)
{
	for (int i = 0; i < o->ncols; i++) {
		if (i)
			fputc(o->format == OUT_CSV ? ',' : o->format == OUT_TSV ? '\t' : ' ', o->fp);
		put_cell(o, i, values[i] ? values[i] : "");
	}
	fputs(o->format == OUT_CSV ? "\r\n" : "\n", o->fp);
}

void out_begin(struct out *o, FILE *fp, enum out_format format, unsigned sheet,
               const struct out_column *cols, int ncols)
{
	const char *names[64];

	o->fp = fp;
	o->format = format;
	o->sheet = sheet;
	if (format == OUT_CSV && (sheet & SHEET_BOM))
		fputs(TEXT_BOM, fp);
	o->cols = cols;
	o->ncols = ncols < 64 ? ncols : 64;
	for (int i = 0; i < o->ncols; i++)
		names[i] = cols[i].name;
	out_row(o, names);
}

void out_time(time_t t, char *buf, size_t size)
{
	struct tm tm;

	if (t == 0) {
		text_copy(buf, "", size);
		return;
	}
	localtime_r(&t, &tm);
	strftime(buf, size, "%Y-%m-%d %H:%M", &tm);
}

void out_span(long long s, char *buf, size_t size)
{
	span_format(s, "-", buf, size);
}
