#ifndef ORDESK_REPORT_WRITE_H
#define ORDESK_REPORT_WRITE_H

#include <stdio.h>

#include "ordesk/report.h"

/*
 * Writing a computed report: plain text that fits 80 columns with bar
 * charts in plain characters, the record table as CSV (libcsv), Markdown
 * tables, or one self-contained HTML file with SVG charts.  Every piece of
 * untrusted text goes through text_clean, and in HTML is escaped as well.
 */
#define REPORT_FORMAT_LIST(X) \
	X(TXT,  "txt") \
	X(CSV,  "csv") \
	X(MD,   "md") \
	X(HTML, "html")
#define REPORT_ENUM_FORMAT(id, name) RFMT_##id,
enum report_format { REPORT_FORMAT_LIST(REPORT_ENUM_FORMAT) RFMT_COUNT };

/* -1 when word is not a format. */
int report_format_parse(const char *word);
const char *report_format_name(enum report_format f);

/* Writes r to fp; 0, or -1 when writing failed.  sheet (enum text_sheet)
 * is for CSV: SHEET_BOM for a file people open, SHEET_RAW for cells
 * without text_cell's apostrophe. */
int report_write(FILE *fp, const struct report *r, enum report_format f, unsigned sheet);

/* The headline figures, in the order every format shows them. */
#define REPORT_FIGURE_LIST(X) \
	X(RECEIVED,     "orders received") \
	X(SHIPPED,      "orders shipped") \
	X(ONTIME_SHIP,  "on-time shipping") \
	X(DELIVERED,    "orders delivered") \
	X(ONTIME_DELIV, "on-time delivery") \
	X(ONTIME_AGREED, "on-time delivery, agreed time") \
	X(EXC_RATE,     "exception rate") \
	X(PERFECT,      "perfect-order rate") \
	X(SHIP_MEDIAN,  "receipt to shipment, median") \
	X(SHIP_P90,     "receipt to shipment, p90") \
	X(OPENED,       "exceptions opened") \
	X(RESOLVED,     "exceptions resolved")
#define REPORT_ENUM_FIGURE(id, label) FIG_##id,
enum report_figure { REPORT_FIGURE_LIST(REPORT_ENUM_FIGURE) FIG_COUNT };

const char *report_figure_label(enum report_figure f);
/* The figure's value as text ("120", "95.0 %", "5h10", "-" when undefined). */
void report_figure_text(const struct report_head *h, enum report_figure f, char *buf, size_t size);
/* The change from prev to cur as text ("+10", "-2.5 pt", "+0h20", "" when undefined). */
void report_figure_change(const struct report_head *cur, const struct report_head *prev,
                          enum report_figure f, char *buf, size_t size);
/* The figure as a number (counts, percent, seconds) for charts; *valid 0 when undefined. */
double report_figure_value(const struct report_head *h, enum report_figure f, int *valid);

#endif
