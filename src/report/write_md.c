/* The report as Markdown: headings and tables. */
#include "ordesk/report_write.h"

#include "ordesk/i18n.h"
#include "report_int.h"

#include <stdio.h>
#include <string.h>

/* Untrusted text, cleaned, with Markdown's punctuation escaped so a cell stays a cell. */
static void md(FILE *fp, const char *s)
{
	char clean[4096];

	rw_clean(s, clean, sizeof clean);
	for (const char *p = clean; *p; p++) {
		if (*p && strchr("\\`*_[]<>|~", *p))
			fputc('\\', fp);
		fputc(*p, fp);
	}
}

static void header(FILE *fp, const char *const *cols, int n, int first_left)
{
	fputs("|", fp);
	for (int i = 0; i < n; i++) {
		fputc(' ', fp);
		md(fp, cols[i]);
		fputs(" |", fp);
	}
	fputs("\n|", fp);
	for (int i = 0; i < n; i++)
		fputs(i < first_left ? ":---|" : "---:|", fp);
	fputc('\n', fp);
}

static void cells(FILE *fp, const char *const *v, int n)
{
	fputs("|", fp);
	for (int i = 0; i < n; i++) {
		fputc(' ', fp);
		md(fp, v[i]);
		fputs(" |", fp);
	}
	fputc('\n', fp);
}

static void dist(const struct report_dist *d, char *n, char *m, char *p, size_t size)
{
	snprintf(n, size, "%ld", d->n);
	if (d->n) {
		report_span(d->median, m, size);
		report_span(d->p90, p, size);
	} else {
		snprintf(m, size, "-");
		snprintf(p, size, "-");
	}
}

static void list(FILE *fp, const char *title, const char *what, const struct report_list *l,
                 size_t limit, int with_time)
{
	const char *cols[4] = { what, _("count"), _("median"), _("p90") };
	char n[32], m[32], p[32];

	fprintf(fp, "\n## %s\n\n", title);
	if (!l->n) {
		fprintf(fp, "%s\n", _("(none)"));
		return;
	}
	header(fp, cols, with_time ? 4 : 2, 1);
	for (size_t i = 0; i < l->n && i < limit; i++) {
		const char *v[4] = { l->v[i].key, n, m, p };
		snprintf(n, sizeof n, "%ld", l->v[i].n);
		report_span(l->v[i].time.median, m, sizeof m);
		report_span(l->v[i].time.p90, p, sizeof p);
		cells(fp, v, with_time ? 4 : 2);
	}
}

static void carrier_list(FILE *fp, const struct report_list *l)
{
	const char *cols[2] = { _("carrier"), _("delays of orders shipped") };
	char rate[64];

	fprintf(fp, "\n## %s\n\n", _("Carriers most delayed"));
	if (!l->n) {
		fprintf(fp, "%s\n", _("(none)"));
		return;
	}
	header(fp, cols, 2, 1);
	for (size_t i = 0; i < l->n && i < REPORT_TOP; i++) {
		const char *v[2] = { l->v[i].key, rate };
		rw_carrier_rate(&l->v[i], rate, sizeof rate);
		cells(fp, v, 2);
	}
}

void rw_md(FILE *fp, const struct report *r)
{
	const struct report_head *cur = &r->head[REPORT_CUR], *prev = &r->head[REPORT_PREV];
	int weekly = r->period[REPORT_CUR].kind == REPORT_WEEKLY;
	char title[160], note[256], made[32], a[32], b[32], c[32], d[32];

	rw_period_title(r, title, sizeof title);
	rw_time(r->now, made, sizeof made, 0);
	fprintf(fp, "# %s ", weekly ? _("Weekly exception review") : _("Daily exception summary"));
	md(fp, title);
	fputs("\n\n", fp);
	md(fp, r->store_name);
	fprintf(fp, " \xe2\x80\x94 %s %s %s ", _("made"), made, _("by"));
	md(fp, r->by);
	fputs("\n", fp);
	rw_partial_note(r, note, sizeof note);
	if (*note) {
		fputs("\n", fp);
		md(fp, note);
		fputs("\n", fp);
	}

	fprintf(fp, "\n## %s\n\n", _("Figures"));
	{
		const char *cols[4] = { _("figure"), r->period[REPORT_CUR].label,
		                        r->period[REPORT_PREV].label, _("change") };
		header(fp, cols, 4, 1);
		for (int f = 0; f < FIG_COUNT; f++) {
			const char *v[4] = { _(report_figure_label((enum report_figure)f)), a, b, c };
			report_figure_text(cur, (enum report_figure)f, a, sizeof a);
			report_figure_text(prev, (enum report_figure)f, b, sizeof b);
			report_figure_change(cur, prev, (enum report_figure)f, c, sizeof c);
			cells(fp, v, 4);
		}
	}

	fprintf(fp, "\n## %s\n\n", weekly ? _("Trend (four weeks)") : _("Trend (four days)"));
	{
		const char *cols[REPORT_TREND + 1] = { _("figure") };
		char v[REPORT_TREND][32];
		const char *vp[REPORT_TREND + 1];
		for (int i = 0; i < REPORT_TREND; i++)
			cols[i + 1] = r->period[i].label;
		header(fp, cols, REPORT_TREND + 1, 1);
		for (int f = 0; f < FIG_COUNT; f++) {
			vp[0] = _(report_figure_label((enum report_figure)f));
			for (int i = 0; i < REPORT_TREND; i++) {
				report_figure_text(&r->head[i], (enum report_figure)f, v[i], sizeof v[i]);
				vp[i + 1] = v[i];
			}
			cells(fp, vp, REPORT_TREND + 1);
		}
	}

	fprintf(fp, "\n## %s\n\n", _("Exceptions opened by kind"));
	{
		const char *cols[3] = { _("kind"), r->period[REPORT_CUR].label,
		                        r->period[REPORT_PREV].label };
		header(fp, cols, 3, 1);
		for (int k = 0; k < EXKIND_COUNT; k++) {
			const char *v[3] = { exkind_name((enum exkind)k), a, b };
			snprintf(a, sizeof a, "%ld", cur->by_kind[k]);
			snprintf(b, sizeof b, "%ld", prev->by_kind[k]);
			cells(fp, v, 3);
		}
	}
	if (weekly) {
		static const char *const days[7] = { N_("Mon"), N_("Tue"), N_("Wed"), N_("Thu"),
		                                      N_("Fri"), N_("Sat"), N_("Sun") };
		const char *cols[8] = { _("kind") };
		char v[7][16];
		const char *vp[8];
		fprintf(fp, "\n## %s\n\n", _("Exceptions opened by day and kind"));
		for (int i = 0; i < 7; i++)
			cols[i + 1] = _(days[i]);
		header(fp, cols, 8, 1);
		for (int k = 0; k < EXKIND_COUNT; k++) {
			vp[0] = exkind_name((enum exkind)k);
			for (int i = 0; i < 7; i++) {
				snprintf(v[i], sizeof v[i], "%ld", r->by_kind_day[i][k]);
				vp[i + 1] = v[i];
			}
			cells(fp, vp, 8);
		}
	}

	fprintf(fp, "\n## %s\n\n", _("Causes of resolved exceptions (Pareto)"));
	if (!r->ncauses) {
		fprintf(fp, "%s\n", _("(none)"));
	} else {
		const char *cols[4] = { _("cause"), _("count"), _("share"), _("cumulative") };
		header(fp, cols, 4, 1);
		for (int i = 0; i < r->ncauses; i++) {
			const char *v[4] = { r->by_cause[i].key, a, b, c };
			snprintf(a, sizeof a, "%ld", r->by_cause[i].n);
			snprintf(b, sizeof b, "%.1f%%", 100 * r->by_cause[i].share);
			snprintf(c, sizeof c, "%.1f%%", 100 * r->by_cause[i].cumulative);
			cells(fp, v, 4);
		}
	}

	list(fp, _("Exceptions opened by channel"), _("channel"), &r->by_channel, (size_t)-1, 0);
	fprintf(fp, "\n## %s\n\n", _("Exceptions opened by stage"));
	{
		const char *cols[2] = { _("stage"), _("count") };
		header(fp, cols, 2, 1);
		for (int s = STAGE_NEW; s < STAGE_DONE; s++) {
			const char *v[2] = { stage_name((enum stage)s), a };
			snprintf(a, sizeof a, "%ld", r->by_stage[s]);
			cells(fp, v, 2);
		}
	}
	list(fp, _("Exceptions resolved by handler"), _("handler"), &r->by_handler, (size_t)-1, 1);

	fprintf(fp, "\n## %s\n\n", _("Time to resolve per kind"));
	{
		const char *cols[4] = { _("kind"), _("resolved"), _("median"), _("p90") };
		header(fp, cols, 4, 1);
		for (int k = 0; k < EXKIND_COUNT; k++) {
			const char *v[4] = { exkind_name((enum exkind)k), a, b, c };
			dist(&r->resolve_time[k], a, b, c, sizeof a);
			cells(fp, v, 4);
		}
	}

	fprintf(fp, "\n## %s\n\n", _("Time in each stage"));
	{
		const char *cols[5] = { _("stage"), _("orders"), _("median"), _("p90"), _("clock breaches") };
		header(fp, cols, 5, 1);
		for (int s = STAGE_NEW; s < STAGE_DONE; s++) {
			const char *v[5] = { stage_name((enum stage)s), a, b, c, d };
			dist(&r->stage_time[s], a, b, c, sizeof a);
			snprintf(d, sizeof d, "%ld", cur->breaches[s]);
			cells(fp, v, 5);
		}
	}

	fprintf(fp, "\n## %s\n\n", weekly ? _("Open at the end of the week, by age")
	                                  : _("Open at the end of the day, by age"));
	{
		const char *cols[2] = { _("age"), _("count") };
		header(fp, cols, 2, 1);
		for (int i = 0; i < AGE_BAND_COUNT; i++) {
			const char *v[2] = { _(report_band_label((enum age_band)i)), a };
			snprintf(a, sizeof a, "%ld", r->open_at_end[i]);
			cells(fp, v, 2);
		}
		const char *v[2] = { _("total"), a };
		snprintf(a, sizeof a, "%ld", r->open_total);
		cells(fp, v, 2);
	}

	list(fp, _("SKUs most often short"), _("SKU"), &r->short_skus, REPORT_TOP, 0);
	list(fp, _("Channels with most data errors"), _("channel"), &r->data_channels, REPORT_TOP, 0);
	carrier_list(fp, &r->late_carriers);

	if (weekly) {
		fprintf(fp, "\n## %s\n\n", _("Improvement actions"));
		if (!r->nactions) {
			fprintf(fp, "%s\n", _("(none)"));
		} else {
			const char *cols[7] = { _("id"), _("week"), _("cause"), _("action"), _("owner"),
			                        _("due"), _("status") };
			header(fp, cols, 7, 7);
			for (size_t i = 0; i < r->nactions; i++) {
				const struct report_action *x = &r->actions[i];
				const char *v[7] = { a, x->week, x->cause, x->action, x->owner, x->due,
				                     x->done ? _("done") : x->overdue ? _("open, overdue")
				                                                      : _("open") };
				snprintf(a, sizeof a, "%lld", x->id);
				cells(fp, v, 7);
			}
		}
	}

	fprintf(fp, "\n## %s\n\n", _("Record table"));
	if (!r->nrecords) {
		fprintf(fp, "%s\n", _("(none)"));
		return;
	}
	{
		const char *cols[14] = { "id", "order_no", "kind", "cause", "stage", "opened_at",
		                         "opened_by", "description", "action", "result", "note",
		                         "resolved_at", "resolved_by", "minutes_to_resolve" };
		header(fp, cols, 14, 14);
		for (size_t i = 0; i < r->nrecords; i++) {
			const struct report_record *x = &r->records[i];
			const char *v[14] = { a, x->order_no, exkind_name(x->kind), rw_cause(x->cause),
			                      stage_name(x->stage), b, x->opened_by, x->description,
			                      x->action, x->result, x->note, c, x->resolved_by, d };
			snprintf(a, sizeof a, "%lld", x->id);
			rw_time(x->opened_at, b, sizeof b, 0);
			rw_time(x->resolved_at, c, sizeof c, 0);
			rw_minutes(x, d, sizeof d);
			cells(fp, v, 14);
		}
	}
}
