/*
 * The stock actions on an order: `L` locks (and, when stock is short, offers
 * the resolutions: wait, split, delay or cancel), `U` releases.  Each asks
 * only what it needs, then calls desk/ exactly as the command line does; no
 * transaction is open while a prompt waits for a key.
 */
#include <curses.h>

#include "ordesk/tui.h"
#include "ordesk/desk_order.h"
#include "ordesk/desk_stock.h"
#include "ordesk/i18n.h"
#include "ordesk/text.h"

#include <stdio.h>
#include <string.h>

static enum status left_waiting(struct tui *t, const char *order_no, const char *why)
{
	char clean[96];

	text_clean(order_no, clean, sizeof clean);
	tui_status(t, _("%s waits for stock (%s)"), clean, why);
	return ST_OK;
}

/* The date a clerk may agree at most: clock.stock_delay_max business days out. */
static void delay_limit(struct tui *t, char *buf, size_t size)
{
	time_t limit = calendar_add(&t->desk->cal, desk_now(t->desk), t->desk->clocks.stock_delay_max);
	struct tm tm;

	localtime_r(&limit, &tm);
	strftime(buf, size, "%Y-%m-%d", &tm);
}

/* The choices for an order short of stock (its stock_short exception is recorded). */
static enum status short_choices(struct tui *t, const char *order_no, const char *shortage)
{
	static const char *const options[] = { N_("wait"), N_("split"), N_("delay"), N_("cancel") };
	const char *shown[4];
	char label[600], date[32], note[256], reason[256], backorder[48], q[160];
	int pick;

	for (int i = 0; i < 4; i++)
		shown[i] = _(options[i]);
	snprintf(label, sizeof label, _("%s; then:"), shortage);
	pick = tui_choose(t, label, shown, 4);
	switch (pick) {
	case 0:
		return desk_short_wait(t->desk, order_no, NULL);
	case 1:
		return desk_split(t->desk, order_no, NULL, NULL, backorder, sizeof backorder);
	case 2:
		delay_limit(t, date, sizeof date);
		if (!tui_ask(t, _("dispatch by (YYYY-MM-DD):"), date, date, sizeof date, tui_check_delay, t))
			return left_waiting(t, order_no, _("no delay agreed"));
		if (!tui_prompt(t, _("note (what the customer agreed):"), NULL, note, sizeof note))
			return left_waiting(t, order_no, _("no delay agreed"));
		return desk_delay(t->desk, order_no, date, "customer", note);
	case 3:
		if (desk_require(t->desk, ROLE_SUPERVISOR, _("cancel an order")) != ST_OK)
			return ST_DENIED;
		if (!tui_ask(t, _("reason for cancelling:"), NULL, reason, sizeof reason, tui_check_reason,
		             NULL))
			return left_waiting(t, order_no, _("not cancelled"));
		snprintf(q, sizeof q, _("cancel %s for good?"), order_no);
		if (!tui_confirm(t, q))
			return left_waiting(t, order_no, _("not cancelled"));
		return desk_cancel(t->desk, order_no, reason);
	default:
		return left_waiting(t, order_no, _("decide later with r or L"));
	}
}

enum status tui_act_lock(struct tui *t, const struct order *o)
{
	char shortage[sizeof t->desk->msg];
	struct order now;
	enum status st = desk_lock(t->desk, o->order_no);

	if (st != ST_REFUSED)
		return st;
	/* Refused: when it was a shortage the exception is recorded; offer the ways out. */
	text_copy(shortage, desk_message(t->desk), sizeof shortage);
	if (desk_order_get(t->desk, o->order_no, &now) != ST_OK || now.stage != STAGE_REVIEW ||
	    !strstr(now.exc_kinds, "stock_short")) {
		desk_fail(t->desk, ST_REFUSED, "%s", shortage);
		return ST_REFUSED;
	}
	return short_choices(t, o->order_no, shortage);
}

enum status tui_act_release(struct tui *t, const struct order *o)
{
	char q[160];

	if (o->stage != STAGE_LOCKED)
		return desk_release(t->desk, o->order_no, NULL); /* says why not */
	snprintf(q, sizeof q, _("release the locks of %s and send it back to review?"), o->order_no);
	if (!tui_confirm(t, q)) {
		tui_status(t, "%s", _("cancelled; nothing changed"));
		return ST_OK;
	}
	return desk_release(t->desk, o->order_no, NULL);
}
