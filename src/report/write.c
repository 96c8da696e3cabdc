/* Writing reports: the format table, the headline figures as text, the dispatcher. */
#include "ordesk/report_write.h"

#include "ordesk/i18n.h"
#include "ordesk/text.h"
#include "report_int.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#define FORMAT_NAME(id, name) name,
static const char *const format_names[] = { REPORT_FORMAT_LIST(FORMAT_NAME) };
#define FIGURE_LABEL(id, label) label,
static const char *const figure_labels[] = { REPORT_FIGURE_LIST(FIGURE_LABEL) };

int report_format_parse(const char *word)
{
	for (int i = 0; word && i < RFMT_COUNT; i++)
		if (strcmp(word, format_names[i]) == 0)
			return i;
	return -1;
}

const char *report_format_name(enum report_format f)
{
	return (unsigned)f < RFMT_COUNT ? format_names[f] : "";
}

const char *report_figure_label(enum report_figure f)
{
	return (unsigned)f < FIG_COUNT ? figure_labels[f] : "";
}

enum fig_unit { UNIT_COUNT, UNIT_RATE, UNIT_SPAN };

static enum fig_unit figure_unit(enum report_figure f)
{
	switch (f) {
	case FIG_ONTIME_SHIP: case FIG_ONTIME_DELIV: case FIG_ONTIME_AGREED: case FIG_EXC_RATE:
	case FIG_PERFECT:
		return UNIT_RATE;
	case FIG_SHIP_MEDIAN: case FIG_SHIP_P90:
		return UNIT_SPAN;
	default:
		return UNIT_COUNT;
	}
}

void rw_carrier_rate(const struct report_count *c, char *buf, size_t size)
{
	if (c->of > 0)
		snprintf(buf, size, _("%ld of %ld, %.1f %%"), c->n, c->of, 100.0 * c->rate);
	else
		snprintf(buf, size, _("%ld of 0 shipped"), c->n);
}

double report_figure_value(const struct report_head *h, enum report_figure f, int *valid)
{
	*valid = 1;
	switch (f) {
	case FIG_RECEIVED: return (double)h->received;
	case FIG_SHIPPED: return (double)h->shipped;
	case FIG_DELIVERED: return (double)h->delivered;
	case FIG_OPENED: return (double)h->opened;
	case FIG_RESOLVED: return (double)h->resolved;
	case FIG_ONTIME_SHIP: return report_rate(h->shipped_on_time, h->shipped, valid);
	case FIG_ONTIME_DELIV: return report_rate(h->delivered_on_time, h->delivered, valid);
	case FIG_ONTIME_AGREED: return report_rate(h->delivered_on_agreed, h->delivered, valid);
	case FIG_EXC_RATE: return report_rate(h->with_exception, h->received, valid);
	case FIG_PERFECT: return report_rate(h->perfect, h->delivered, valid);
	case FIG_SHIP_MEDIAN: *valid = h->ship_time.n > 0; return (double)h->ship_time.median;
	case FIG_SHIP_P90: *valid = h->ship_time.n > 0; return (double)h->ship_time.p90;
	default: *valid = 0; return 0;
	}
}

void report_figure_text(const struct report_head *h, enum report_figure f, char *buf, size_t size)
{
	int valid;
	double v = report_figure_value(h, f, &valid);

	if (!valid) {
		text_copy(buf, "-", size);
		return;
	}
	switch (figure_unit(f)) {
	case UNIT_RATE: snprintf(buf, size, "%.1f %%", v); break;
	case UNIT_SPAN: report_span((long long)v, buf, size); break;
	default: snprintf(buf, size, "%ld", (long)v); break;
	}
}

void report_figure_change(const struct report_head *cur, const struct report_head *prev,
                          enum report_figure f, char *buf, size_t size)
{
	int va, vb;
	double a = report_figure_value(cur, f, &va), b = report_figure_value(prev, f, &vb);
	char span[32];

	if (!va || !vb) {
		text_copy(buf, "", size);
		return;
	}
	switch (figure_unit(f)) {
	case UNIT_RATE:
		/* Round each side as shown, so the change matches the figures printed. */
		snprintf(buf, size, "%+.1f pt", round(a * 10) / 10 - round(b * 10) / 10);
		break;
	case UNIT_SPAN: {
		/* Spans are shown to the minute (report_span truncates): the change is
		 * the difference of the minutes shown, never a "-0m" of seconds. */
		long long d = (long long)a / 60 * 60 - (long long)b / 60 * 60;
		report_span(d, span, sizeof span);
		snprintf(buf, size, "%s%s", d > 0 ? "+" : "", span);
		break;
	}
	default:
		snprintf(buf, size, "%+ld", (long)a - (long)b);
		break;
	}
}

void rw_clean(const char *in, char *out, size_t size)
{
	text_clean(in ? in : "", out, size);
}

void rw_time(time_t t, char *buf, size_t size, int short_form)
{
	struct tm tm;

	if (t == 0) {
		text_copy(buf, "", size);
		return;
	}
	localtime_r(&t, &tm);
	strftime(buf, size, short_form ? "%m-%d %H:%M" : "%Y-%m-%d %H:%M", &tm);
}

void rw_minutes(const struct report_record *rec, char *buf, size_t size)
{
	if (rec->resolved_at == 0)
		text_copy(buf, "", size);
	else
		snprintf(buf, size, "%lld", (long long)(rec->resolved_at - rec->opened_at) / 60);
}

const char *rw_cause(int cause)
{
	return cause >= 0 && cause < CAUSE_COUNT ? cause_name((enum cause)cause) : "";
}

void rw_period_title(const struct report *r, char *buf, size_t size)
{
	const struct report_period *p = &r->period[REPORT_CUR];
	char a[16], b[16];

	report_day_format(p->first_day, a, sizeof a);
	report_day_format(p->first_day + p->days - 1, b, sizeof b);
	char base[64];
	if (p->kind == REPORT_WEEKLY)
		snprintf(base, sizeof base, "%s (%s to %s)", p->label, a, b);
	else
		snprintf(base, sizeof base, "%s", p->label);
	if (!r->partial) {
		text_copy(buf, base, size);
		return;
	}
	char upto[32];
	rw_time(r->now, upto, sizeof upto, 0);
	/* TRANSLATORS: a report of a day or week still running; %s are the
	 * period and the time the figures stop at. */
	snprintf(buf, size, _("%s, so far: to %s"), base, upto);
}

void rw_partial_note(const struct report *r, char *buf, size_t size)
{
	char span[32];

	if (!r->partial) {
		text_copy(buf, "", size);
		return;
	}
	report_span(r->elapsed, span, sizeof span);
	snprintf(buf, size,
	         _("Not ended yet: every period counted over its first %s; ages as of now."), span);
}

int report_write(FILE *fp, const struct report *r, enum report_format f, unsigned sheet)
{
	switch (f) {
	case RFMT_TXT: rw_txt(fp, r); break;
	case RFMT_CSV: rw_csv(fp, r, sheet); break;
	case RFMT_MD: rw_md(fp, r); break;
	case RFMT_HTML: rw_html(fp, r); break;
	default: return -1;
	}
	return ferror(fp) ? -1 : 0;
}
