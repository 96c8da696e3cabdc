/* The report as plain text: 80 columns, bar charts of '#'. */
#include "ordesk/report_write.h"

#include "ordesk/i18n.h"
#include "ordesk/text.h"
#include "report_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define BAR_WIDTH 30

/* Prints s cleaned, cut or padded to width display columns (right-aligned when right). */
static void cell(FILE *fp, const char *s, int width, int right)
{
	char clean[1024], fit[1024];
	int used;

	rw_clean(s, clean, sizeof clean);
	used = text_fit_mark(clean, width, fit, sizeof fit);
	if (right)
		for (int i = used; i < width; i++)
			fputc(' ', fp);
	fputs(fit, fp);
	if (!right)
		for (int i = used; i < width; i++)
			fputc(' ', fp);
}

static void num(FILE *fp, long n, int width)
{
	char buf[32];

	snprintf(buf, sizeof buf, "%ld", n);
	cell(fp, buf, width, 1);
}

static void bar(FILE *fp, long n, long max, int width)
{
	int len = max > 0 ? (int)((n * width + max / 2) / max) : 0;

	if (n > 0 && len == 0)
		len = 1;
	if (len > 0)
		fputc(' ', fp);
	for (int i = 0; i < len; i++)
		fputc('#', fp);
}

static void heading(FILE *fp, const char *title)
{
	fprintf(fp, "\n%s\n", title);
}

/* A heading with period labels as right-aligned columns after a label column. */
static void heading_cols(FILE *fp, const char *title, int label_width, const char *const *cols,
                         int n, int width)
{
	fputc('\n', fp);
	cell(fp, title, label_width, 0);
	/* A space before each column, whatever its label, so two never run together. */
	for (int i = 0; i < n; i++) {
		fputc(' ', fp);
		cell(fp, cols[i], width - 1, 1);
	}
	fputc('\n', fp);
}

static void none(FILE *fp)
{
	fprintf(fp, "  %s\n", _("(none)"));
}

static void figures(FILE *fp, const struct report *r)
{
	const char *cols[3] = { r->period[REPORT_CUR].label, r->period[REPORT_PREV].label,
	                        _("change") };
	char a[32], b[32], c[32];

	heading_cols(fp, _("FIGURES"), 40, cols, 3, 13);
	for (int f = 0; f < FIG_COUNT; f++) {
		report_figure_text(&r->head[REPORT_CUR], (enum report_figure)f, a, sizeof a);
		report_figure_text(&r->head[REPORT_PREV], (enum report_figure)f, b, sizeof b);
		report_figure_change(&r->head[REPORT_CUR], &r->head[REPORT_PREV],
		                     (enum report_figure)f, c, sizeof c);
		fputs("  ", fp);
		cell(fp, _(report_figure_label((enum report_figure)f)), 38, 0);
		cell(fp, a, 13, 1);
		cell(fp, b, 13, 1);
		cell(fp, c, 13, 1);
		fputc('\n', fp);
	}
}

static void trend(FILE *fp, const struct report *r)
{
	const char *cols[REPORT_TREND];
	char v[32];
	long max = 0;

	for (int i = 0; i < REPORT_TREND; i++)
		cols[i] = r->period[i].label;
	heading_cols(fp, r->period[0].kind == REPORT_WEEKLY ? _("TREND (FOUR WEEKS)")
	                                                    : _("TREND (FOUR DAYS)"),
	             32, cols, REPORT_TREND, 12);
	/* Every headline figure, as md and html show them. */
	for (int f = 0; f < FIG_COUNT; f++) {
		fputs("  ", fp);
		cell(fp, _(report_figure_label((enum report_figure)f)), 30, 0);
		for (int i = 0; i < REPORT_TREND; i++) {
			report_figure_text(&r->head[i], (enum report_figure)f, v, sizeof v);
			cell(fp, v, 12, 1);
		}
		fputc('\n', fp);
	}
	fprintf(fp, "\n  %s\n", _("exceptions opened:"));
	for (int i = 0; i < REPORT_TREND; i++)
		if (r->head[i].opened > max)
			max = r->head[i].opened;
	for (int i = 0; i < REPORT_TREND; i++) {
		fputs("    ", fp);
		cell(fp, r->period[i].label, 12, 0);
		num(fp, r->head[i].opened, 6);
		bar(fp, r->head[i].opened, max, BAR_WIDTH);
		fputc('\n', fp);
	}
}

static void dist_row(FILE *fp, const char *label, const struct report_dist *d)
{
	char m[32], p[32];

	fputs("  ", fp);
	cell(fp, label, 30, 0);
	num(fp, d->n, 10);
	if (d->n) {
		report_span(d->median, m, sizeof m);
		report_span(d->p90, p, sizeof p);
	} else {
		text_copy(m, "-", sizeof m);
		text_copy(p, "-", sizeof p);
	}
	cell(fp, m, 12, 1);
	cell(fp, p, 12, 1);
	fputc('\n', fp);
}

static void stages(FILE *fp, const struct report *r)
{
	const char *cols[3] = { _("orders"), _("median"), _("p90") };
	const char *cols2[2] = { r->period[REPORT_CUR].label, r->period[REPORT_PREV].label };

	heading_cols(fp, _("TIME IN EACH STAGE"), 32, cols, 3, 12);
	for (int s = STAGE_NEW; s < STAGE_DONE; s++)
		dist_row(fp, stage_name((enum stage)s), &r->stage_time[s]);
	heading_cols(fp, _("CLOCK BREACHES PER STAGE"), 32, cols2, 2, 12);
	for (int s = STAGE_NEW; s < STAGE_DONE; s++) {
		fputs("  ", fp);
		cell(fp, stage_name((enum stage)s), 30, 0);
		num(fp, r->head[REPORT_CUR].breaches[s], 12);
		num(fp, r->head[REPORT_PREV].breaches[s], 12);
		fputc('\n', fp);
	}
}

static void kinds(FILE *fp, const struct report *r)
{
	const char *cols[2] = { r->period[REPORT_CUR].label, r->period[REPORT_PREV].label };
	long max = 0;

	for (int k = 0; k < EXKIND_COUNT; k++)
		if (r->head[REPORT_CUR].by_kind[k] > max)
			max = r->head[REPORT_CUR].by_kind[k];
	heading_cols(fp, _("EXCEPTIONS OPENED BY KIND"), 32, cols, 2, 12);
	for (int k = 0; k < EXKIND_COUNT; k++) {
		fputs("  ", fp);
		cell(fp, exkind_name((enum exkind)k), 30, 0);
		num(fp, r->head[REPORT_CUR].by_kind[k], 12);
		num(fp, r->head[REPORT_PREV].by_kind[k], 12);
		bar(fp, r->head[REPORT_CUR].by_kind[k], max, 22);
		fputc('\n', fp);
	}
	if (r->period[REPORT_CUR].kind != REPORT_WEEKLY)
		return;
	static const char *const days[7] = { N_("Mon"), N_("Tue"), N_("Wed"), N_("Thu"),
	                                      N_("Fri"), N_("Sat"), N_("Sun") };
	fputc('\n', fp);
	cell(fp, _("OPENED BY DAY AND KIND"), 26, 0);
	for (int d = 0; d < 7; d++)
		cell(fp, _(days[d]), 6, 1);
	fputc('\n', fp);
	for (int k = 0; k < EXKIND_COUNT; k++) {
		fputs("  ", fp);
		cell(fp, exkind_name((enum exkind)k), 24, 0);
		for (int d = 0; d < 7; d++)
			num(fp, r->by_kind_day[d][k], 6);
		fputc('\n', fp);
	}
}

static void pareto(FILE *fp, const struct report *r)
{
	const char *cols[3] = { _("count"), _("share"), _("cum.") };
	char a[32], b[32];
	long max = r->ncauses ? r->by_cause[0].n : 0;

	heading_cols(fp, _("CAUSES OF RESOLVED EXCEPTIONS (PARETO)"), 40, cols, 3, 8);
	if (!r->ncauses)
		none(fp);
	for (int i = 0; i < r->ncauses; i++) {
		const struct report_count *c = &r->by_cause[i];
		snprintf(a, sizeof a, "%.1f%%", 100 * c->share);
		snprintf(b, sizeof b, "%.1f%%", 100 * c->cumulative);
		fputs("  ", fp);
		cell(fp, c->key, 38, 0);
		num(fp, c->n, 8);
		cell(fp, a, 8, 1);
		cell(fp, b, 8, 1);
		bar(fp, c->n, max, 15);
		fputc('\n', fp);
	}
}

static void count_list(FILE *fp, const char *title, const struct report_list *l, size_t limit,
                       int with_time)
{
	const char *cols[3] = { _("count"), _("median"), _("p90") };
	long max = l->n ? l->v[0].n : 0;

	heading_cols(fp, title, 40, cols, with_time ? 3 : 1, 10);
	if (!l->n)
		none(fp);
	for (size_t i = 0; i < l->n && i < limit; i++) {
		char m[32], p[32];
		fputs("  ", fp);
		cell(fp, l->v[i].key, 38, 0);
		num(fp, l->v[i].n, 10);
		if (with_time) {
			report_span(l->v[i].time.median, m, sizeof m);
			report_span(l->v[i].time.p90, p, sizeof p);
			cell(fp, m, 10, 1);
			cell(fp, p, 10, 1);
		} else {
			bar(fp, l->v[i].n, max, 28);
		}
		fputc('\n', fp);
	}
}

static void breakdowns(FILE *fp, const struct report *r)
{
	const char *cols[1] = { _("count") };
	long max = 0;

	count_list(fp, _("EXCEPTIONS OPENED BY CHANNEL"), &r->by_channel, (size_t)-1, 0);
	for (int s = 0; s < STAGE_COUNT; s++)
		if (r->by_stage[s] > max)
			max = r->by_stage[s];
	heading_cols(fp, _("EXCEPTIONS OPENED BY STAGE"), 40, cols, 1, 10);
	for (int s = STAGE_NEW; s < STAGE_DONE; s++) {
		fputs("  ", fp);
		cell(fp, stage_name((enum stage)s), 38, 0);
		num(fp, r->by_stage[s], 10);
		bar(fp, r->by_stage[s], max, 28);
		fputc('\n', fp);
	}
	count_list(fp, _("EXCEPTIONS RESOLVED BY HANDLER"), &r->by_handler, (size_t)-1, 1);
	const char *cols3[3] = { _("resolved"), _("median"), _("p90") };
	heading_cols(fp, _("TIME TO RESOLVE PER KIND"), 32, cols3, 3, 12);
	for (int k = 0; k < EXKIND_COUNT; k++)
		dist_row(fp, exkind_name((enum exkind)k), &r->resolve_time[k]);
}

static void open_ages(FILE *fp, const struct report *r)
{
	const char *cols[1] = { _("count") };
	long max = 0;

	for (int b = 0; b < AGE_BAND_COUNT; b++)
		if (r->open_at_end[b] > max)
			max = r->open_at_end[b];
	heading_cols(fp, r->period[REPORT_CUR].kind == REPORT_WEEKLY
	                 ? _("OPEN AT THE END OF THE WEEK, BY AGE") : _("OPEN AT THE END OF THE DAY, BY AGE"),
	             40, cols, 1, 10);
	for (int b = 0; b < AGE_BAND_COUNT; b++) {
		fputs("  ", fp);
		cell(fp, _(report_band_label((enum age_band)b)), 38, 0);
		num(fp, r->open_at_end[b], 10);
		bar(fp, r->open_at_end[b], max, 28);
		fputc('\n', fp);
	}
	fputs("  ", fp);
	cell(fp, _("total"), 38, 0);
	num(fp, r->open_total, 10);
	fputc('\n', fp);
}

static void carrier_list(FILE *fp, const struct report *r)
{
	const char *cols[1] = { _("delays of orders shipped") };
	const struct report_list *l = &r->late_carriers;
	char rate[64];

	heading_cols(fp, _("  Carriers most delayed"), 40, cols, 1, 30);
	if (!l->n)
		none(fp);
	for (size_t i = 0; i < l->n && i < REPORT_TOP; i++) {
		rw_carrier_rate(&l->v[i], rate, sizeof rate);
		fputs("  ", fp);
		cell(fp, l->v[i].key, 38, 0);
		cell(fp, rate, 30, 1);
		fputc('\n', fp);
	}
}

static void offenders(FILE *fp, const struct report *r)
{
	heading(fp, _("REPEAT OFFENDERS"));
	count_list(fp, _("  SKUs most often short"), &r->short_skus, REPORT_TOP, 0);
	count_list(fp, _("  Channels with most data errors"), &r->data_channels, REPORT_TOP, 0);
	carrier_list(fp, r);
}

static void actions(FILE *fp, const struct report *r)
{
	char clean[1024], fit[1024];

	heading(fp, _("IMPROVEMENT ACTIONS"));
	if (!r->nactions)
		none(fp);
	else
		fprintf(fp, "  %-5s %-9s %-15s %-12s %-11s %s\n", _("id"), _("week"), _("cause"),
		        _("owner"), _("due"), _("status"));
	for (size_t i = 0; i < r->nactions; i++) {
		const struct report_action *a = &r->actions[i];
		char id[24];
		snprintf(id, sizeof id, "%lld", a->id);
		fputs("  ", fp);
		cell(fp, id, 5, 0);
		fputc(' ', fp);
		cell(fp, a->week, 9, 0);
		fputc(' ', fp);
		cell(fp, a->cause, 15, 0);
		fputc(' ', fp);
		cell(fp, a->owner, 12, 0);
		fputc(' ', fp);
		cell(fp, a->due, 11, 0);
		fputc(' ', fp);
		fputs(a->done ? _("done") : a->overdue ? _("OPEN, OVERDUE") : _("open"), fp);
		fputc('\n', fp);
		rw_clean(a->action, clean, sizeof clean);
		text_fit_mark(clean, 72, fit, sizeof fit);
		fprintf(fp, "        %s\n", fit);
		if (a->done && *a->note) {
			rw_clean(a->note, clean, sizeof clean);
			text_fit_mark(clean, 66, fit, sizeof fit);
			fprintf(fp, "        %s %s\n", _("note:"), fit);
		}
	}
}

static void records(FILE *fp, const struct report *r)
{
	char a[32], b[32], m[32], id[24], line[2048], clean[2048], fit[1024];

	heading(fp, r->period[REPORT_CUR].kind == REPORT_WEEKLY
	            ? _("RECORD TABLE: EXCEPTIONS OPENED OR RESOLVED IN THE WEEK")
	            : _("RECORD TABLE: EXCEPTIONS OPENED OR RESOLVED THAT DAY"));
	if (!r->nrecords) {
		none(fp);
		return;
	}
	/* Order numbers whole (a backorder's -B1 included); the time to
	 * resolve goes on the resolution line. */
	cell(fp, _("id"), 5, 1);
	fputc(' ', fp);
	cell(fp, _("order"), 19, 0);
	fputc(' ', fp);
	cell(fp, _("kind"), 17, 0);
	fputc(' ', fp);
	cell(fp, _("stage"), 8, 0);
	fputc(' ', fp);
	cell(fp, _("opened"), 11, 0);
	fputc(' ', fp);
	cell(fp, _("resolved"), 11, 0);
	fputc('\n', fp);
	for (size_t i = 0; i < r->nrecords; i++) {
		const struct report_record *rec = &r->records[i];
		snprintf(id, sizeof id, "%lld", rec->id);
		rw_time(rec->opened_at, a, sizeof a, 1);
		rw_time(rec->resolved_at, b, sizeof b, 1);
		cell(fp, id, 5, 1);
		fputc(' ', fp);
		cell(fp, rec->order_no, 19, 0);
		fputc(' ', fp);
		cell(fp, exkind_name(rec->kind), 17, 0);
		fputc(' ', fp);
		cell(fp, stage_name(rec->stage), 8, 0);
		fputc(' ', fp);
		cell(fp, a, 11, 0);
		fputc(' ', fp);
		cell(fp, b, 11, 0);
		fputc('\n', fp);
		snprintf(line, sizeof line, "%s (%s)", rec->description, rec->opened_by);
		rw_clean(line, clean, sizeof clean);
		text_fit_mark(clean, 74, fit, sizeof fit);
		fprintf(fp, "      %s\n", fit);
		if (rec->resolved_at) {
			report_span((long long)(rec->resolved_at - rec->opened_at), m, sizeof m);
			snprintf(line, sizeof line, "%s: %s (%s, %s)", rw_cause(rec->cause), rec->action,
			         rec->resolved_by, m);
			rw_clean(line, clean, sizeof clean);
			text_fit_mark(clean, 72, fit, sizeof fit);
			fprintf(fp, "      = %s\n", fit);
		}
		if (*rec->result) {
			rw_clean(rec->result, clean, sizeof clean);
			text_fit_mark(clean, 71, fit, sizeof fit);
			fprintf(fp, "      -> %s\n", fit);
		}
		if (*rec->note) {
			snprintf(line, sizeof line, _("note: %s"), rec->note);
			rw_clean(line, clean, sizeof clean);
			text_fit_mark(clean, 74, fit, sizeof fit);
			fprintf(fp, "      %s\n", fit);
		}
	}
}

static void body(FILE *fp, const struct report *r)
{
	char title[160], note[256], made[32];
	int weekly = r->period[REPORT_CUR].kind == REPORT_WEEKLY;

	rw_period_title(r, title, sizeof title);
	rw_time(r->now, made, sizeof made, 0);
	fprintf(fp, "%s %s\n", weekly ? _("WEEKLY EXCEPTION REVIEW") : _("DAILY EXCEPTION SUMMARY"),
	        title);
	cell(fp, r->store_name, 40, 0);
	fputc('\n', fp);
	fprintf(fp, "%s %s, %s ", _("made"), made, _("by"));
	cell(fp, r->by, 40, 0);
	fputc('\n', fp);
	rw_partial_note(r, note, sizeof note);
	if (*note)
		fprintf(fp, "%s\n", note);
	figures(fp, r);
	trend(fp, r);
	kinds(fp, r);
	pareto(fp, r);
	breakdowns(fp, r);
	stages(fp, r);
	open_ages(fp, r);
	offenders(fp, r);
	if (weekly)
		actions(fp, r);
	records(fp, r);
}

/* Writes through a memory buffer so that no line ends in padding. */
void rw_txt(FILE *fp, const struct report *r)
{
	char *buf = NULL;
	size_t size = 0;
	FILE *mem = open_memstream(&buf, &size);

	if (!mem) {
		body(fp, r);
		return;
	}
	body(mem, r);
	if (fclose(mem) != 0 || !buf) {
		free(buf);
		body(fp, r);
		return;
	}
	for (char *line = buf; *line;) {
		char *nl = strchr(line, '\n');
		size_t len = nl ? (size_t)(nl - line) : strlen(line);
		size_t keep = len;
		while (keep > 0 && line[keep - 1] == ' ')
			keep--;
		fwrite(line, 1, keep, fp);
		if (nl)
			fputc('\n', fp);
		line += len + (nl != NULL);
	}
	free(buf);
}
