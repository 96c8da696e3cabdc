/* The report as one self-contained HTML file: inline style, inline SVG charts, no
 * external scripts, styles, fonts or images. */
#include "ordesk/report_write.h"

#include "ordesk/i18n.h"
#include "ordesk/text.h"
#include "report_int.h"

#include <stdio.h>
#include <string.h>

/* Untrusted text, cleaned of controls and escaped for HTML text and attributes. */
static void h(FILE *fp, const char *s)
{
	char clean[4096];

	rw_clean(s, clean, sizeof clean);
	for (const char *p = clean; *p; p++) {
		switch (*p) {
		case '&': fputs("&amp;", fp); break;
		case '<': fputs("&lt;", fp); break;
		case '>': fputs("&gt;", fp); break;
		case '"': fputs("&quot;", fp); break;
		case '\'': fputs("&#39;", fp); break;
		default: fputc(*p, fp);
		}
	}
}

static const char style[] =
	"body{font-family:system-ui,-apple-system,'Segoe UI',sans-serif;color:#1a1a1a;"
	"background:#fff;max-width:60rem;margin:1.5rem auto;padding:0 1rem;line-height:1.4}\n"
	"h1{font-size:1.5rem;margin-bottom:.2rem}h2{font-size:1.15rem;margin-top:1.8rem;"
	"border-bottom:1px solid #ccc;padding-bottom:.2rem}\n"
	".meta{color:#555;margin-top:0}\n"
	"table{border-collapse:collapse;margin:.5rem 0;font-size:.9rem}\n"
	"th,td{border:1px solid #d0d0d0;padding:.2rem .5rem;vertical-align:top}\n"
	"th{background:#f0f0f0;text-align:left}td.n{text-align:right;font-variant-numeric:tabular-nums}\n"
	"table.records{font-size:.78rem}table.records td{max-width:16rem;overflow-wrap:anywhere}\n"
	".overdue{color:#a00;font-weight:bold}.done{color:#555}\n"
	"svg.chart{display:block;max-width:100%;height:auto;margin:.5rem 0}\n"
	"svg text{font-family:inherit;font-size:11px;fill:#1a1a1a}\n"
	"svg .axis{stroke:#888;stroke-width:1}svg .line{fill:none;stroke:#c0392b;stroke-width:2}\n"
	"svg .grid{stroke:#ddd;stroke-width:1;stroke-dasharray:3 3}"
	"svg .trend{stroke:#4e79a7;stroke-width:1.5}svg text.scale{font-size:10px;fill:#555}\n"
	"i.key{display:inline-block;width:.7rem;height:.7rem;margin-right:.3rem;vertical-align:middle;"
	"print-color-adjust:exact;-webkit-print-color-adjust:exact}\n"
	".legend span{display:inline-block;margin-right:1rem;font-size:.85rem}\n"
	".legend i{display:inline-block;width:.8rem;height:.8rem;margin-right:.3rem;"
	"vertical-align:middle}\n"
	"@media print{body{max-width:none;margin:0;font-size:10pt;color:#000}"
	"h2{break-after:avoid;page-break-after:avoid}"
	"section,svg.chart{break-inside:avoid;page-break-inside:avoid}"
	"table.records{break-inside:auto}tr{break-inside:avoid;page-break-inside:avoid}"
	"th{background:#fff}.legend i,svg rect{print-color-adjust:exact;-webkit-print-color-adjust:exact}"
	"@page{margin:1.5cm}}\n";

/* One colour per exception kind, in catalogue order. */
static const char *const kind_colour[EXKIND_COUNT] = {
	"#4e79a7", "#f28e2b", "#76b7b2", "#e15759", "#59a14f", "#b07aa1",
};

static void th(FILE *fp, const char *s)
{
	fputs("<th>", fp);
	h(fp, s);
	fputs("</th>", fp);
}

static void td(FILE *fp, const char *s, int numeric)
{
	fputs(numeric ? "<td class=\"n\">" : "<td>", fp);
	h(fp, s);
	fputs("</td>", fp);
}

static void tdn(FILE *fp, long n)
{
	fprintf(fp, "<td class=\"n\">%ld</td>", n);
}

static void section(FILE *fp, const char *id, const char *title)
{
	fprintf(fp, "<section id=\"%s\">\n<h2>", id);
	h(fp, title);
	fputs("</h2>\n", fp);
}

static void svg_open(FILE *fp, const char *id, int w, int hgt, const char *title)
{
	fprintf(fp, "<svg class=\"chart\" id=\"%s\" "
	        "viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\" role=\"img\"><title>", id, w, hgt,
	        w, hgt);
	h(fp, title);
	fputs("</title>\n", fp);
}

static void svg_text(FILE *fp, double x, double y, const char *anchor, const char *extra,
                     const char *s)
{
	fprintf(fp, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\"%s>", x, y, anchor, extra);
	h(fp, s);
	fputs("</text>\n", fp);
}

/* Bars of the resolved causes, most first, with the cumulative share as a line. */
static void pareto_chart(FILE *fp, const struct report *r)
{
	const int W = 640, H = 280, L = 44, R = 44, T = 16, B = 90;
	double pw = W - L - R, ph = H - T - B;
	long max = r->ncauses ? r->by_cause[0].n : 1;
	char buf[64];

	svg_open(fp, "chart-pareto", W, H, _("Pareto of causes of resolved exceptions"));
	fprintf(fp, "<line class=\"axis\" x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\"/>\n", L, T + (int)ph,
	        W - R, T + (int)ph);
	fprintf(fp, "<line class=\"axis\" x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\"/>\n", L, T, L,
	        T + (int)ph);
	fprintf(fp, "<line class=\"axis\" x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\"/>\n", W - R, T,
	        W - R, T + (int)ph);
	snprintf(buf, sizeof buf, "%ld", max);
	svg_text(fp, L - 4, T + 4, "end", "", buf);
	svg_text(fp, L - 4, T + ph, "end", "", "0");
	svg_text(fp, W - R + 4, T + 4, "start", "", "100%");
	svg_text(fp, W - R + 4, T + ph, "start", "", "0%");
	if (!r->ncauses)
		svg_text(fp, W / 2.0, T + ph / 2, "middle", "", _("no exceptions resolved"));
	double slot = r->ncauses ? pw / r->ncauses : pw;
	for (int i = 0; i < r->ncauses; i++) {
		double bh = ph * (double)r->by_cause[i].n / (double)max;
		double x = L + slot * i + slot * 0.15, cx = L + slot * (i + 0.5);
		fprintf(fp, "<rect class=\"bar\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" "
		        "fill=\"#4e79a7\"><title>", x, T + ph - bh, slot * 0.7, bh);
		h(fp, r->by_cause[i].key);
		fprintf(fp, ": %ld</title></rect>\n", r->by_cause[i].n);
		snprintf(buf, sizeof buf, "%ld", r->by_cause[i].n);
		svg_text(fp, cx, T + ph - bh - 3, "middle", "", buf);
		char rot[96];
		snprintf(rot, sizeof rot, " transform=\"rotate(-35 %.1f %.1f)\"", cx, T + ph + 14);
		svg_text(fp, cx, T + ph + 14, "end", rot, r->by_cause[i].key);
	}
	if (r->ncauses) {
		fputs("<polyline class=\"line\" points=\"", fp);
		for (int i = 0; i < r->ncauses; i++)
			fprintf(fp, "%s%.1f,%.1f", i ? " " : "", L + slot * (i + 0.5),
			        T + ph * (1 - r->by_cause[i].cumulative));
		fputs("\"/>\n", fp);
		for (int i = 0; i < r->ncauses; i++)
			fprintf(fp, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"#c0392b\"/>\n",
			        L + slot * (i + 0.5), T + ph * (1 - r->by_cause[i].cumulative));
	}
	fputs("</svg>\n", fp);
}

static void legend(FILE *fp)
{
	fputs("<p class=\"legend\">", fp);
	for (int k = 0; k < EXKIND_COUNT; k++) {
		fprintf(fp, "<span><i style=\"background:%s\"></i>", kind_colour[k]);
		h(fp, exkind_name((enum exkind)k));
		fputs("</span>", fp);
	}
	fputs("</p>\n", fp);
}

/* Exceptions opened per day of the week, stacked by kind. */
static void kind_day_chart(FILE *fp, const struct report *r)
{
	static const char *const days[7] = { N_("Mon"), N_("Tue"), N_("Wed"), N_("Thu"),
	                                      N_("Fri"), N_("Sat"), N_("Sun") };
	const int W = 640, H = 240, L = 40, R = 10, T = 14, B = 30;
	double pw = W - L - R, ph = H - T - B, slot = pw / 7;
	long max = 1, total[7] = { 0 };
	char buf[32];

	for (int d = 0; d < 7; d++) {
		for (int k = 0; k < EXKIND_COUNT; k++)
			total[d] += r->by_kind_day[d][k];
		if (total[d] > max)
			max = total[d];
	}
	svg_open(fp, "chart-kind-day", W, H, _("Exceptions opened by kind and day"));
	fprintf(fp, "<line class=\"axis\" x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\"/>\n", L, T + ph,
	        W - R, T + ph);
	snprintf(buf, sizeof buf, "%ld", max);
	svg_text(fp, L - 4, T + 4, "end", "", buf);
	svg_text(fp, L - 4, T + ph, "end", "", "0");
	for (int d = 0; d < 7; d++) {
		double y = T + ph, x = L + slot * d + slot * 0.2;
		for (int k = 0; k < EXKIND_COUNT; k++) {
			long n = r->by_kind_day[d][k];
			if (!n)
				continue;
			double bh = ph * (double)n / (double)max;
			y -= bh;
			fprintf(fp, "<rect class=\"bar\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" "
			        "fill=\"%s\"><title>%s %s: %ld</title></rect>\n", x, y, slot * 0.6, bh,
			        kind_colour[k], _(days[d]), exkind_name((enum exkind)k), n);
		}
		snprintf(buf, sizeof buf, "%ld", total[d]);
		if (total[d])
			svg_text(fp, L + slot * (d + 0.5), y - 3, "middle", "", buf);
		svg_text(fp, L + slot * (d + 0.5), T + ph + 16, "middle", "", _(days[d]));
	}
	fputs("</svg>\n", fp);
	legend(fp);
	/* The same numbers as a table, for print, screen readers and colour blindness. */
	fputs("<table class=\"kindday\"><tr>", fp);
	th(fp, _("kind"));
	for (int d = 0; d < 7; d++)
		th(fp, _(days[d]));
	th(fp, _("total"));
	fputs("</tr>\n", fp);
	for (int k = 0; k < EXKIND_COUNT; k++) {
		long sum = 0;
		fprintf(fp, "<tr><td><i class=\"key\" style=\"background:%s\"></i>", kind_colour[k]);
		h(fp, exkind_name((enum exkind)k));
		fputs("</td>", fp);
		for (int d = 0; d < 7; d++) {
			tdn(fp, r->by_kind_day[d][k]);
			sum += r->by_kind_day[d][k];
		}
		tdn(fp, sum);
		fputs("</tr>\n", fp);
	}
	long all = 0;
	fputs("<tr>", fp);
	td(fp, _("total"), 0);
	for (int d = 0; d < 7; d++) {
		tdn(fp, total[d]);
		all += total[d];
	}
	tdn(fp, all);
	fputs("</tr>\n</table>\n", fp);
}

/* The bottom of a rate panel's scale: 10 points below its lowest value,
 * rounded down to a multiple of 10, so small changes near 100 % show. */
static int rate_floor(const double *v, const int *valid)
{
	double lo = 100;

	for (int i = 0; i < REPORT_TREND; i++)
		if (valid[i] && v[i] < lo)
			lo = v[i];
	int f = (int)((lo - 10) / 10) * 10;
	return f < 0 ? 0 : f > 80 ? 80 : f;
}

/* Four small charts of headline figures over the trend's periods: counts
 * as bars from 0, a rate as points on a scale that says where it starts. */
static void trend_chart(FILE *fp, const struct report *r)
{
	static const enum report_figure shown[4] = { FIG_RECEIVED, FIG_SHIPPED, FIG_OPENED,
	                                             FIG_ONTIME_SHIP };
	const int W = 640, H = 204, PW = 160, T = 46, B = 34;
	double ph = H - T - B;
	char buf[64];

	svg_open(fp, "chart-trend", W, H, _("Trend over the last four periods"));
	for (int k = 0; k < 4; k++) {
		double max = 0, v[REPORT_TREND];
		int valid[REPORT_TREND], rate = shown[k] == FIG_ONTIME_SHIP, lo = 0;
		double x0 = PW * k + 12, slot = (PW - 24) / (double)REPORT_TREND;
		double px = -1, py = 0;
		for (int i = 0; i < REPORT_TREND; i++) {
			v[i] = report_figure_value(&r->head[i], shown[k], &valid[i]);
			if (valid[i] && v[i] > max)
				max = v[i];
		}
		svg_text(fp, x0 + (PW - 24) / 2.0, 14, "middle", " font-weight=\"bold\"",
		         _(report_figure_label(shown[k])));
		if (rate) {
			lo = rate_floor(v, valid);
			snprintf(buf, sizeof buf, _("%%, scale %d to 100"), lo);
			svg_text(fp, x0 + (PW - 24) / 2.0, 28, "middle", " class=\"scale\"", buf);
			/* the top and bottom of the scale, as light rules */
			fprintf(fp, "<line class=\"grid\" x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\"/>\n",
			        x0, T, x0 + PW - 24, T);
		}
		fprintf(fp, "<line class=\"axis\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\"/>\n",
		        x0, T + ph, x0 + PW - 24, T + ph);
		for (int i = 0; i < REPORT_TREND; i++) {
			double cx = x0 + slot * (i + 0.5), top;
			const char *fill = i == REPORT_CUR ? "#4e79a7" : "#a0b8d0";
			if (rate) {
				top = T + ph - (valid[i] ? ph * (v[i] - lo) / (100 - lo) : 0);
				if (valid[i]) {
					if (px >= 0)
						fprintf(fp, "<line class=\"trend\" x1=\"%.1f\" y1=\"%.1f\" "
						        "x2=\"%.1f\" y2=\"%.1f\"/>\n", px, py, cx, top);
					fprintf(fp, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"4\" fill=\"%s\"/>\n", cx,
					        top, fill);
					px = cx;
					py = top;
					snprintf(buf, sizeof buf, "%.1f", v[i]);
				} else {
					text_copy(buf, "-", sizeof buf);
				}
			} else {
				double bh = valid[i] && max > 0 ? ph * v[i] / max : 0;
				top = T + ph - bh;
				fprintf(fp, "<rect class=\"bar\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" "
				        "height=\"%.1f\" fill=\"%s\"/>\n", x0 + slot * i + slot * 0.15, top,
				        slot * 0.7, bh, fill);
				report_figure_text(&r->head[i], shown[k], buf, sizeof buf);
			}
			svg_text(fp, cx, top - (rate ? 7 : 3), "middle", "", buf);
			const char *label = r->period[i].label;
			/* "2026-W47" -> "W47", "2026-11-20" -> "11-20" */
			svg_text(fp, cx, T + ph + 14, "middle", "", label + 5);
		}
	}
	fputs("</svg>\n", fp);
}

static void dist_cells(FILE *fp, const struct report_dist *d)
{
	char m[32], p[32];

	tdn(fp, d->n);
	if (d->n) {
		report_span(d->median, m, sizeof m);
		report_span(d->p90, p, sizeof p);
	} else {
		snprintf(m, sizeof m, "-");
		snprintf(p, sizeof p, "-");
	}
	td(fp, m, 1);
	td(fp, p, 1);
}

static void carrier_table(FILE *fp, const struct report_list *l)
{
	char rate[64];

	if (!l->n) {
		fprintf(fp, "<p>%s</p>\n", _("(none)"));
		return;
	}
	fputs("<table><tr>", fp);
	th(fp, _("carrier"));
	th(fp, _("delays of orders shipped"));
	fputs("</tr>\n", fp);
	for (size_t i = 0; i < l->n && i < REPORT_TOP; i++) {
		rw_carrier_rate(&l->v[i], rate, sizeof rate);
		fputs("<tr>", fp);
		td(fp, l->v[i].key, 0);
		td(fp, rate, 1);
		fputs("</tr>\n", fp);
	}
	fputs("</table>\n", fp);
}

static void list_table(FILE *fp, const char *what, const struct report_list *l, size_t limit,
                       int with_time)
{
	if (!l->n) {
		fprintf(fp, "<p>%s</p>\n", _("(none)"));
		return;
	}
	fputs("<table><tr>", fp);
	th(fp, what);
	th(fp, _("count"));
	if (with_time) {
		th(fp, _("median"));
		th(fp, _("p90"));
	}
	fputs("</tr>\n", fp);
	for (size_t i = 0; i < l->n && i < limit; i++) {
		char m[32], p[32];
		fputs("<tr>", fp);
		td(fp, l->v[i].key, 0);
		tdn(fp, l->v[i].n);
		if (with_time) {
			report_span(l->v[i].time.median, m, sizeof m);
			report_span(l->v[i].time.p90, p, sizeof p);
			td(fp, m, 1);
			td(fp, p, 1);
		}
		fputs("</tr>\n", fp);
	}
	fputs("</table>\n", fp);
}

void rw_html(FILE *fp, const struct report *r)
{
	const struct report_head *cur = &r->head[REPORT_CUR], *prev = &r->head[REPORT_PREV];
	int weekly = r->period[REPORT_CUR].kind == REPORT_WEEKLY;
	const char *what = weekly ? _("Weekly exception review") : _("Daily exception summary");
	char title[160], note[256], made[32], a[32], b[32], c[32];

	rw_period_title(r, title, sizeof title);
	rw_time(r->now, made, sizeof made, 0);
	fputs("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
	      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>", fp);
	h(fp, what);
	fputc(' ', fp);
	h(fp, title);
	fprintf(fp, "</title>\n<style>\n%s</style>\n</head>\n<body>\n<header>\n<h1>", style);
	h(fp, what);
	fputc(' ', fp);
	h(fp, title);
	fputs("</h1>\n<p class=\"meta\">", fp);
	h(fp, r->store_name);
	fprintf(fp, " &#8212; %s %s %s ", _("made"), made, _("by"));
	h(fp, r->by);
	fputs("</p>\n", fp);
	rw_partial_note(r, note, sizeof note);
	if (*note) {
		fputs("<p class=\"meta\">", fp);
		h(fp, note);
		fputs("</p>\n", fp);
	}
	fputs("</header>\n", fp);

	section(fp, "figures", _("Figures"));
	fputs("<table><tr>", fp);
	th(fp, _("figure"));
	th(fp, r->period[REPORT_CUR].label);
	th(fp, r->period[REPORT_PREV].label);
	th(fp, _("change"));
	fputs("</tr>\n", fp);
	for (int f = 0; f < FIG_COUNT; f++) {
		report_figure_text(cur, (enum report_figure)f, a, sizeof a);
		report_figure_text(prev, (enum report_figure)f, b, sizeof b);
		report_figure_change(cur, prev, (enum report_figure)f, c, sizeof c);
		fputs("<tr>", fp);
		td(fp, _(report_figure_label((enum report_figure)f)), 0);
		td(fp, a, 1);
		td(fp, b, 1);
		td(fp, c, 1);
		fputs("</tr>\n", fp);
	}
	fputs("</table>\n</section>\n", fp);

	section(fp, "trend", weekly ? _("Trend (four weeks)") : _("Trend (four days)"));
	trend_chart(fp, r);
	fputs("<table><tr>", fp);
	th(fp, _("figure"));
	for (int i = 0; i < REPORT_TREND; i++)
		th(fp, r->period[i].label);
	fputs("</tr>\n", fp);
	for (int f = 0; f < FIG_COUNT; f++) {
		fputs("<tr>", fp);
		td(fp, _(report_figure_label((enum report_figure)f)), 0);
		for (int i = 0; i < REPORT_TREND; i++) {
			report_figure_text(&r->head[i], (enum report_figure)f, a, sizeof a);
			td(fp, a, 1);
		}
		fputs("</tr>\n", fp);
	}
	fputs("</table>\n</section>\n", fp);

	section(fp, "kinds", _("Exceptions opened by kind"));
	if (weekly)
		kind_day_chart(fp, r);
	fputs("<table><tr>", fp);
	th(fp, _("kind"));
	th(fp, r->period[REPORT_CUR].label);
	th(fp, r->period[REPORT_PREV].label);
	fputs("</tr>\n", fp);
	for (int k = 0; k < EXKIND_COUNT; k++) {
		fputs("<tr>", fp);
		td(fp, exkind_name((enum exkind)k), 0);
		tdn(fp, cur->by_kind[k]);
		tdn(fp, prev->by_kind[k]);
		fputs("</tr>\n", fp);
	}
	fputs("</table>\n</section>\n", fp);

	section(fp, "causes", _("Causes of resolved exceptions (Pareto)"));
	pareto_chart(fp, r);
	if (r->ncauses) {
		fputs("<table><tr>", fp);
		th(fp, _("cause"));
		th(fp, _("count"));
		th(fp, _("share"));
		th(fp, _("cumulative"));
		fputs("</tr>\n", fp);
		for (int i = 0; i < r->ncauses; i++) {
			snprintf(a, sizeof a, "%.1f%%", 100 * r->by_cause[i].share);
			snprintf(b, sizeof b, "%.1f%%", 100 * r->by_cause[i].cumulative);
			fputs("<tr>", fp);
			td(fp, r->by_cause[i].key, 0);
			tdn(fp, r->by_cause[i].n);
			td(fp, a, 1);
			td(fp, b, 1);
			fputs("</tr>\n", fp);
		}
		fputs("</table>\n", fp);
	}
	fputs("</section>\n", fp);

	section(fp, "channels", _("Exceptions opened by channel"));
	list_table(fp, _("channel"), &r->by_channel, (size_t)-1, 0);
	fputs("</section>\n", fp);

	section(fp, "stages", _("Exceptions opened, time and clock breaches by stage"));
	fputs("<table><tr>", fp);
	th(fp, _("stage"));
	th(fp, _("exceptions"));
	th(fp, _("orders"));
	th(fp, _("median time"));
	th(fp, _("p90 time"));
	th(fp, _("clock breaches"));
	th(fp, r->period[REPORT_PREV].label);
	fputs("</tr>\n", fp);
	for (int s = STAGE_NEW; s < STAGE_DONE; s++) {
		fputs("<tr>", fp);
		td(fp, stage_name((enum stage)s), 0);
		tdn(fp, r->by_stage[s]);
		dist_cells(fp, &r->stage_time[s]);
		tdn(fp, cur->breaches[s]);
		tdn(fp, prev->breaches[s]);
		fputs("</tr>\n", fp);
	}
	fputs("</table>\n</section>\n", fp);

	section(fp, "handlers", _("Exceptions resolved by handler"));
	list_table(fp, _("handler"), &r->by_handler, (size_t)-1, 1);
	fputs("</section>\n", fp);

	section(fp, "resolve", _("Time to resolve per kind"));
	fputs("<table><tr>", fp);
	th(fp, _("kind"));
	th(fp, _("resolved"));
	th(fp, _("median"));
	th(fp, _("p90"));
	fputs("</tr>\n", fp);
	for (int k = 0; k < EXKIND_COUNT; k++) {
		fputs("<tr>", fp);
		td(fp, exkind_name((enum exkind)k), 0);
		dist_cells(fp, &r->resolve_time[k]);
		fputs("</tr>\n", fp);
	}
	fputs("</table>\n</section>\n", fp);

	section(fp, "open", weekly ? _("Open at the end of the week, by age")
	                           : _("Open at the end of the day, by age"));
	fputs("<table><tr>", fp);
	th(fp, _("age"));
	th(fp, _("count"));
	fputs("</tr>\n", fp);
	for (int i = 0; i < AGE_BAND_COUNT; i++) {
		fputs("<tr>", fp);
		td(fp, _(report_band_label((enum age_band)i)), 0);
		tdn(fp, r->open_at_end[i]);
		fputs("</tr>\n", fp);
	}
	fputs("<tr>", fp);
	td(fp, _("total"), 0);
	tdn(fp, r->open_total);
	fputs("</tr>\n</table>\n</section>\n", fp);

	section(fp, "offenders", _("Repeat offenders"));
	fprintf(fp, "<h3>%s</h3>\n", _("SKUs most often short"));
	list_table(fp, _("SKU"), &r->short_skus, REPORT_TOP, 0);
	fprintf(fp, "<h3>%s</h3>\n", _("Channels with most data errors"));
	list_table(fp, _("channel"), &r->data_channels, REPORT_TOP, 0);
	fprintf(fp, "<h3>%s</h3>\n", _("Carriers most delayed"));
	carrier_table(fp, &r->late_carriers);
	fputs("</section>\n", fp);

	if (weekly) {
		section(fp, "actions", _("Improvement actions"));
		if (!r->nactions) {
			fprintf(fp, "<p>%s</p>\n", _("(none)"));
		} else {
			fputs("<table><tr>", fp);
			th(fp, _("id"));
			th(fp, _("week"));
			th(fp, _("cause"));
			th(fp, _("action"));
			th(fp, _("owner"));
			th(fp, _("due"));
			th(fp, _("status"));
			fputs("</tr>\n", fp);
			for (size_t i = 0; i < r->nactions; i++) {
				const struct report_action *x = &r->actions[i];
				fprintf(fp, "<tr><td class=\"n\">%lld</td>", x->id);
				td(fp, x->week, 0);
				td(fp, x->cause, 0);
				td(fp, x->action, 0);
				td(fp, x->owner, 0);
				td(fp, x->due, 0);
				fprintf(fp, "<td class=\"%s\">%s</td></tr>\n",
				        x->done ? "done" : x->overdue ? "overdue" : "open",
				        x->done ? _("done") : x->overdue ? _("open, overdue") : _("open"));
			}
			fputs("</table>\n", fp);
		}
		fputs("</section>\n", fp);
	}

	section(fp, "records", _("Record table"));
	if (!r->nrecords) {
		fprintf(fp, "<p>%s</p>\n", _("(none)"));
	} else {
		static const char *const cols[14] = { "id", "order_no", "kind", "cause", "stage",
		                                      "opened_at", "opened_by", "description", "action",
		                                      "result", "note", "resolved_at", "resolved_by",
		                                      "minutes_to_resolve" };
		fputs("<table class=\"records\"><tr>", fp);
		for (int i = 0; i < 14; i++)
			th(fp, cols[i]);
		fputs("</tr>\n", fp);
		for (size_t i = 0; i < r->nrecords; i++) {
			const struct report_record *x = &r->records[i];
			fprintf(fp, "<tr><td class=\"n\">%lld</td>", x->id);
			td(fp, x->order_no, 0);
			td(fp, exkind_name(x->kind), 0);
			td(fp, rw_cause(x->cause), 0);
			td(fp, stage_name(x->stage), 0);
			rw_time(x->opened_at, a, sizeof a, 0);
			td(fp, a, 0);
			td(fp, x->opened_by, 0);
			td(fp, x->description, 0);
			td(fp, x->action, 0);
			td(fp, x->result, 0);
			td(fp, x->note, 0);
			rw_time(x->resolved_at, b, sizeof b, 0);
			td(fp, b, 0);
			td(fp, x->resolved_by, 0);
			rw_minutes(x, c, sizeof c);
			td(fp, c, 1);
			fputs("</tr>\n", fp);
		}
		fputs("</table>\n", fp);
	}
	fputs("</section>\n</body>\n</html>\n", fp);
}
