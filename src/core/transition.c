/* Legal stage moves and who may make them. */
#include "ordesk/transition.h"
#include "ordesk/validate.h"
#include "ordesk/i18n.h"

int transition_next(enum stage s)
{
	if (s >= STAGE_DONE)
		return -1;
	return (int)s + 1;
}

enum move_kind transition_kind(enum stage from, enum stage to)
{
	if (from >= STAGE_COUNT || to >= STAGE_COUNT)
		return MOVE_ILLEGAL;
	if (to == STAGE_CANCELLED)
		return from < STAGE_SHIPPED ? MOVE_CANCEL : MOVE_ILLEGAL;
	if (from == STAGE_CANCELLED || from == STAGE_DONE)
		return MOVE_ILLEGAL;
	if ((int)to == (int)from + 1)
		return MOVE_FORWARD;
	if ((int)to + 1 == (int)from)
		return MOVE_BACK;
	return MOVE_ILLEGAL;
}

enum status transition_check(enum stage from, enum stage to, enum role role,
                             const char *reason, const char **why)
{
	const char *unused;

	if (!why)
		why = &unused;
	*why = "";
	if (role < ROLE_CLERK) {
		*why = _("a viewer cannot change orders");
		return ST_DENIED;
	}
	if (from == to) {
		*why = _("the order is already in that stage");
		return ST_REFUSED;
	}
	switch (transition_kind(from, to)) {
	case MOVE_FORWARD:
		return ST_OK;
	case MOVE_BACK:
		if (role < ROLE_SUPERVISOR) {
			*why = _("only a supervisor may move an order back");
			return ST_DENIED;
		}
		if (validate_reason(reason, NULL, 0) != 0) {
			*why = _("moving an order back needs a reason");
			return ST_REFUSED;
		}
		return ST_OK;
	case MOVE_CANCEL:
		if (role < ROLE_SUPERVISOR) {
			*why = _("only a supervisor may cancel an order");
			return ST_DENIED;
		}
		if (validate_reason(reason, NULL, 0) != 0) {
			*why = _("cancelling an order needs a reason");
			return ST_REFUSED;
		}
		return ST_OK;
	case MOVE_ILLEGAL:
		break;
	}
	if (to == STAGE_CANCELLED)
		*why = _("an order can only be cancelled before it is shipped");
	else if (from == STAGE_DONE || from == STAGE_CANCELLED)
		*why = _("the order is closed");
	else
		*why = _("orders move one stage at a time");
	return ST_REFUSED;
}
