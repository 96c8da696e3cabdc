/*
 * The order actions of the key table that this frame provides: advance,
 * edit, move back, cancel.  Each asks only what its step needs and calls
 * desk/ exactly as the command line does; the frame shows the outcome.
 */
#include <curses.h>

#include "ordesk/tui.h"
#include "ordesk/desk_order.h"
#include "ordesk/i18n.h"
#include "ordesk/text.h"
#include "ordesk/validate.h"

#include <stdio.h>
#include <string.h>

static enum status cancelled(struct tui *t)
{
	tui_status(t, "%s", _("cancelled; nothing changed"));
	return ST_OK;
}

enum status tui_act_advance(struct tui *t, const struct order *o)
{
	struct advance_req req;
	char carrier[64], tracking[80];

	memset(&req, 0, sizeof req);
	req.order_no = o->order_no;
	req.expected_version = o->version;

	if (o->stage >= STAGE_DONE)
		return desk_fail(t->desk, ST_REFUSED, _("order %s is %s: it moves no further"), o->order_no,
		                 stage_name(o->stage));
	req.to = (int)o->stage + 1;
	if (req.to == STAGE_DONE) {
		/* Nothing is typed for it, so a stray Space would close the order unseen. */
		char q[160];
		snprintf(q, sizeof q, _("mark %s delivered (done)?"), o->order_no);
		if (!tui_confirm(t, q))
			return cancelled(t);
	}
	if (req.to == STAGE_SHIPPED) {
		if (desk_require(t->desk, ROLE_CLERK, _("ship an order")) != ST_OK)
			return ST_DENIED;
		if (!tui_ask(t, _("carrier:"), o->carrier, carrier, sizeof carrier, tui_check_carrier, NULL))
			return cancelled(t);
		if (!tui_ask(t, _("tracking number:"), o->tracking, tracking, sizeof tracking,
		             tui_check_tracking, NULL))
			return cancelled(t);
		req.carrier = carrier;
		req.tracking = tracking;
	}
	return desk_advance(t->desk, &req);
}

enum status tui_act_edit(struct tui *t, const struct order *o)
{
	static const char *const fields[] = { "customer", "phone", "address", "tier", "type", "flags",
	                                      "note" };
	const char *current[] = { o->customer, o->phone, o->address, tier_name(o->tier),
	                          otype_name(o->type), o->flags, o->note };
	char label[96], value[512];
	int f;

	if (desk_require(t->desk, ROLE_CLERK, _("edit an order")) != ST_OK)
		return ST_DENIED;
	f = tui_choose(t, _("edit which field:"), fields, (int)(sizeof fields / sizeof fields[0]));
	if (f < 0)
		return cancelled(t);
	enum field which = (enum field)field_parse(fields[f]);
	snprintf(label, sizeof label, _("%s (%s):"), fields[f], field_format(which));
	if (!tui_ask(t, label, current[f], value, sizeof value, tui_check_field, &which))
		return cancelled(t);
	return desk_edit(t->desk, o->order_no, fields[f], value);
}

enum status tui_act_back(struct tui *t, const struct order *o)
{
	char reason[256];

	if (desk_require(t->desk, ROLE_SUPERVISOR, _("move an order back")) != ST_OK)
		return ST_DENIED;
	if (!tui_ask(t, _("reason for moving it back:"), NULL, reason, sizeof reason, tui_check_reason,
	             NULL))
		return cancelled(t);
	return desk_move_back(t->desk, o->order_no, reason);
}

enum status tui_act_cancel(struct tui *t, const struct order *o)
{
	char reason[256], q[160];

	if (desk_require(t->desk, ROLE_SUPERVISOR, _("cancel an order")) != ST_OK)
		return ST_DENIED;
	if (!tui_ask(t, _("reason for cancelling:"), NULL, reason, sizeof reason, tui_check_reason, NULL))
		return cancelled(t);
	snprintf(q, sizeof q, _("cancel %s for good?"), o->order_no);
	if (!tui_confirm(t, q))
		return cancelled(t);
	return desk_cancel(t->desk, o->order_no, reason);
}
