/*
 * The line editor of an order: `E` picks one of its lines (an order of one
 * line needs no choice), then its SKU, quantity or price, and offers the
 * current value to change; desk/ refuses a line while its stock is locked.
 */
#include <curses.h>

#include "ordesk/tui.h"
#include "ordesk/desk_board.h"
#include "ordesk/desk_order.h"
#include "ordesk/i18n.h"
#include "ordesk/text.h"
#include "ordesk/validate.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define LINES_SHOWN 256

static enum status cancelled(struct tui *t)
{
	tui_status(t, "%s", _("cancelled; nothing changed"));
	return ST_OK;
}

/* Which line: its index in lines, or -1 when the operator cancelled. */
static int choose_line(struct tui *t, const struct order_line *lines, int n)
{
	static char labels[LINES_SHOWN][512];
	const char *options[LINES_SHOWN];
	char price[32];

	if (n == 1)
		return 0;
	for (int i = 0; i < n; i++) {
		const struct order_line *l = &lines[i];
		desk_line_field(l, FIELD_UNIT_PRICE, price, sizeof price);
		char no[24] = "";
		if (l->line_no != i + 1)   /* the menu's own number is the line's, unless gaps */
			snprintf(no, sizeof no, _("line %d: "), l->line_no);
		snprintf(labels[i], sizeof labels[i], "%s%s  x%ld  %s  %s", no,
		         *l->sku ? l->sku : _("(no SKU)"), l->qty, price, l->name);
		options[i] = labels[i];
	}
	return tui_choose(t, _("edit which line:"), options, n);
}

enum status tui_act_edit_line(struct tui *t, const struct order *o)
{
	static const enum field which[] = { FIELD_SKU, FIELD_QTY, FIELD_UNIT_PRICE };
	static const char *const names[] = { "sku", "qty", "price" };
	struct order_line *lines;
	char label[200], current[96], why[128], value[256];
	const char *options[3];
	char shown[3][128];
	int n = 0;
	enum status st;

	if (desk_require(t->desk, ROLE_CLERK, _("edit an order")) != ST_OK)
		return ST_DENIED;
	if (!(lines = calloc(LINES_SHOWN, sizeof *lines)))
		tui_fatal("out of memory");
	if ((st = desk_order_lines(t->desk, o->id, lines, LINES_SHOWN, &n)) != ST_OK || n == 0) {
		free(lines);
		return st != ST_OK ? st : desk_fail(t->desk, ST_REFUSED, _("order %s has no lines"),
		                                    o->order_no);
	}
	int i = choose_line(t, lines, n);
	if (i < 0) {
		free(lines);
		return cancelled(t);
	}
	struct order_line l = lines[i];
	free(lines);
	for (int k = 0; k < 3; k++) {
		desk_line_field(&l, which[k], current, sizeof current);
		snprintf(shown[k], sizeof shown[k], "%s  %s", names[k], *current ? current : "-");
		options[k] = shown[k];
	}
	snprintf(label, sizeof label, _("line %d: change which field:"), l.line_no);
	int f = tui_choose(t, label, options, 3);
	if (f < 0)
		return cancelled(t);
	enum field fw = which[f];
	desk_line_field(&l, fw, current, sizeof current);
	if (validate_field(fw, current, why, sizeof why) != 0)
		snprintf(label, sizeof label, _("line %d %s (%s; %s):"), l.line_no, names[f], why,
		         field_format(fw));
	else
		snprintf(label, sizeof label, _("line %d %s (%s):"), l.line_no, names[f], field_format(fw));
	if (!tui_ask(t, label, current, value, sizeof value, tui_check_field, &fw))
		return cancelled(t);
	return desk_edit_line(t->desk, o->order_no, l.line_no, names[f], value);
}
