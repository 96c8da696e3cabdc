/*
 * The report view (`5`): the weekly exception review of desk_report(), the
 * same figures as `ordesk report weekly` with sparklines of the four-week
 * trend and bar charts, the record table scrolled with the rest.  Left and
 * Right go to the week before and after, `o` writes the report to a file
 * (txt, csv, md or html after the file's name).  Nothing here reads the
 * store but desk/.
 */
#include <curses.h>

#include "ordesk/tui.h"
#include "ordesk/desk_report.h"
#include "ordesk/i18n.h"
#include "ordesk/privilege.h"
#include "ordesk/report_write.h"
#include "ordesk/text.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct report_view {
	struct report_period period;
	char **lines;
	int n, cap;
	int top;
};

static void lines_free(struct report_view *v)
{
	for (int i = 0; i < v->n; i++)
		free(v->lines[i]);
	v->n = 0;
}

static void line_add(struct report_view *v, const char *text, size_t len)
{
	if (v->n == v->cap) {
		int cap = v->cap ? v->cap * 2 : 256;
		char **p = realloc(v->lines, (size_t)cap * sizeof *p);
		if (!p)
			tui_fatal("out of memory");
		v->lines = p;
		v->cap = cap;
	}
	char *s = malloc(len + 1);
	if (!s)
		tui_fatal("out of memory");
	memcpy(s, text, len);
	s[len] = '\0';
	v->lines[v->n++] = s;
}

/* Eight levels of a sparkline: block glyphs, or plain characters without UTF-8. */
static const char *const spark_utf8[8] = {
	"\xe2\x96\x81", "\xe2\x96\x82", "\xe2\x96\x83", "\xe2\x96\x84",
	"\xe2\x96\x85", "\xe2\x96\x86", "\xe2\x96\x87", "\xe2\x96\x88",
};
static const char spark_ascii[8] = { '_', '.', '-', '~', '=', '+', '*', '#' };

static void sparkline(const struct tui *t, const struct report *r, enum report_figure f,
                      char *buf, size_t size)
{
	double v[REPORT_TREND], max = 0, min = 0;
	int valid[REPORT_TREND], seen = 0;
	size_t len = 0;

	/* Scaled from the smallest to the largest of the four; all equal: mid height. */
	for (int i = 0; i < REPORT_TREND; i++) {
		v[i] = report_figure_value(&r->head[i], f, &valid[i]);
		if (!valid[i])
			continue;
		if (!seen || v[i] > max)
			max = v[i];
		if (!seen || v[i] < min)
			min = v[i];
		seen = 1;
	}
	buf[0] = '\0';
	for (int i = 0; i < REPORT_TREND && len + 5 < size; i++) {
		int level = !valid[i] ? 0 : max > min ? (int)((v[i] - min) / (max - min) * 7 + 0.5) : 3;
		if (!valid[i]) {
			buf[len++] = ' ';
		} else if (t->utf8) {
			memcpy(buf + len, spark_utf8[level], 3);
			len += 3;
		} else {
			buf[len++] = spark_ascii[level];
		}
		buf[len] = '\0';
	}
}

static enum status report_load(struct tui *t, struct report_view *v)
{
	struct report r;
	enum status st = desk_report(t->desk, &v->period, &r);
	char *text = NULL, line[256], spark[64], value[32];
	size_t size = 0;

	if (st != ST_OK) {
		report_free(&r);
		return st;
	}
	lines_free(v);
	snprintf(line, sizeof line, "%s", _("TREND, FOUR WEEKS (SPARKLINES)"));
	line_add(v, line, strlen(line));
	for (int f = 0; f < FIG_COUNT; f++) {
		sparkline(t, &r, (enum report_figure)f, spark, sizeof spark);
		report_figure_text(&r.head[REPORT_CUR], (enum report_figure)f, value, sizeof value);
		snprintf(line, sizeof line, "  %-30.30s %s  %s", _(report_figure_label((enum report_figure)f)),
		         spark, value);
		line_add(v, line, strlen(line));
	}
	line_add(v, "", 0);
	FILE *mem = open_memstream(&text, &size);
	if (!mem)
		tui_fatal("out of memory");
	report_write(mem, &r, RFMT_TXT, 0);
	fclose(mem);
	report_free(&r);
	for (char *p = text; p && *p;) {
		char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);
		line_add(v, p, len);
		p += len + (nl != NULL);
	}
	free(text);
	if (v->top > v->n - 1)
		v->top = v->n > 0 ? v->n - 1 : 0;
	return ST_OK;
}

static enum status report_open(struct tui *t, void **state, const char *arg)
{
	struct report_view *v = *state;

	(void)arg;
	if (!v) {
		if (!(v = calloc(1, sizeof *v)))
			tui_fatal("out of memory");
		desk_report_last_week(t->desk, &v->period);
		*state = v;
	}
	return report_load(t, v);
}

static void report_reload(struct tui *t, void *state)
{
	enum status st = report_load(t, state);

	if (st != ST_OK)
		tui_status_desk(t, st);
}

static void report_draw(struct tui *t, void *state, int top, int height)
{
	struct report_view *v = state;
	char head[200], a[16], b[16];
	int body = height - 1;

	report_day_format(v->period.first_day, a, sizeof a);
	report_day_format(v->period.first_day + 6, b, sizeof b);
	snprintf(head, sizeof head, _("weekly exception review %s (%s to %s)  %s %s week  o export"),
	         v->period.label, a, b, tui_glyph(t->utf8, GLYPH_MORE_L), tui_glyph(t->utf8, GLYPH_MORE_R));
	tui_put_pad(t, top, 0, t->cols, ROLE_UI_TITLE, head);
	if (body < 1)
		return;
	if (v->top > v->n - body)
		v->top = v->n - body;
	if (v->top < 0)
		v->top = 0;
	for (int i = 0; i < body && v->top + i < v->n; i++) {
		const char *s = v->lines[v->top + i];
		/* Section headings are the lines that start in the first column. */
		enum tui_role role = *s && *s != ' ' ? ROLE_UI_LABEL : ROLE_UI_NORMAL;
		tui_put(t, top + 1 + i, 0, t->cols, role, s);
	}
	if (v->top > 0)
		tui_put(t, top + 1, t->cols - 1, 1, ROLE_UI_MARK, tui_glyph(t->utf8, GLYPH_MORE_U));
	if (v->top + body < v->n)
		tui_put(t, top + height - 1, t->cols - 1, 1, ROLE_UI_MARK, tui_glyph(t->utf8, GLYPH_MORE_D));
}

/* Writes the report shown to a file the operator names, with the operator's rights. */
static void report_export(struct tui *t, struct report_view *v)
{
	char name[1024], initial[64];
	struct report r;

	snprintf(initial, sizeof initial, "ordesk-report-%s.txt", v->period.label);
	if (!tui_prompt(t, _("write the report to (.txt .csv .md .html):"), initial, name, sizeof name)) {
		tui_status(t, "%s", _("not written"));
		return;
	}
	const char *dot = strrchr(name, '.');
	int format = dot ? report_format_parse(dot + 1) : -1;
	if (format < 0)
		format = RFMT_TXT;
	enum status st = desk_report(t->desk, &v->period, &r);
	if (st != ST_OK) {
		report_free(&r);
		tui_status_desk(t, st);
		return;
	}
	/* a file already there is replaced only when the operator says y */
	int fd = privilege_open_user(name, O_WRONLY | O_CREAT | O_EXCL, 0666);
	if (fd < 0 && errno == EEXIST) {
		char q[1200], clean[1100];
		text_clean(name, clean, sizeof clean);
		snprintf(q, sizeof q, _("%s exists: replace it?"), clean);
		if (!tui_confirm(t, q)) {
			report_free(&r);
			tui_status(t, "%s", _("not written"));
			return;
		}
		fd = privilege_open_user(name, O_WRONLY | O_CREAT | O_TRUNC, 0666);
	}
	FILE *fp = fd >= 0 ? fdopen(fd, "w") : NULL;
	if (!fp) {
		int e = errno;
		if (fd >= 0)
			close(fd);
		report_free(&r);
		tui_error(t, _("cannot write %s: %s"), name, strerror(e));
		return;
	}
	/* a file for people: CSV starts with a BOM, so a spreadsheet reads it as UTF-8 */
	int bad = report_write(fp, &r, (enum report_format)format, SHEET_BOM);
	bad |= fclose(fp) != 0;
	report_free(&r);
	if (bad)
		tui_error(t, _("writing %s failed"), name);
	else
		tui_status(t, _("report %s written to %s (%s)"), v->period.label, name,
		           report_format_name((enum report_format)format));
}

static int report_key(struct tui *t, void *state, enum tui_action a, int ch)
{
	struct report_view *v = state;
	int page = t->rows - 5;
	struct report_period p;
	long today = calendar_day(desk_now(t->desk));

	(void)ch;
	if (page < 1)
		page = 1;
	switch (a) {
	case ACT_UP: v->top--; break;
	case ACT_DOWN: v->top++; break;
	case ACT_PGUP: v->top -= page; break;
	case ACT_PGDN: v->top += page; break;
	case ACT_HOME: v->top = 0; break;
	case ACT_END: v->top = v->n; break;
	case ACT_LEFT:
	case ACT_RIGHT:
		report_period_shift(&v->period, a == ACT_LEFT ? 1 : -1, &p);
		if (p.first_day > today) {
			tui_status(t, "%s", _("that week has not begun"));
			return TUI_HANDLED;
		}
		v->period = p;
		report_reload(t, v);
		return TUI_HANDLED;
	case ACT_EXPORT:
		report_export(t, v);
		return TUI_HANDLED;
	default:
		return TUI_IGNORED;
	}
	if (v->top < 0)
		v->top = 0;
	return TUI_HANDLED;
}

static const char *report_focused(struct tui *t, void *state)
{
	(void)t;
	(void)state;
	return NULL;
}

static void report_close(struct tui *t, void *state)
{
	struct report_view *v = state;

	(void)t;
	lines_free(v);
	free(v->lines);
	free(v);
}

const struct tui_view tui_view_report = {
	.name = N_("report"),
	.digit = '5',
	.mask = TV_REPORT,
	.open = report_open,
	.draw = report_draw,
	.key = report_key,
	.reload = report_reload,
	.close = report_close,
	.focused = report_focused,
};
