/* Backing up and restoring the whole store. */
#include "ordesk/desk_backup.h"
#include "ordesk/i18n.h"
#include "ordesk/store_backup.h"
#include "ordesk/store_user.h"

#include <stdio.h>

enum status desk_backup(struct desk *d, const char *dest)
{
	char err[1024];
	enum status st;

	if ((st = desk_require(d, ROLE_SUPERVISOR, _("back up the store"))) != ST_OK)
		return st;
	if ((st = store_backup(d->store, dest, err, sizeof err)) != ST_OK)
		return desk_fail(d, st, "%s", err);
	desk_say(d, _("store backed up to %s"), dest);
	return ST_OK;
}

enum status desk_restore(struct desk *d, const char *src)
{
	char err[1024];
	enum status st;
	int found;

	if ((st = desk_require(d, ROLE_ADMIN, _("restore the store"))) != ST_OK)
		return st;
	/* The event travels with the restored content, in its one transaction. */
	struct event_rec ev = { .entity = "store", .entity_id = "", .what = "restore",
	                        .to = src, .why = "restored from a backup" };
	if ((st = store_restore(d->store, src, desk_now(d), d->login, &ev, err, sizeof err)) != ST_OK)
		return desk_fail(d, st, "%s", err);
	/* The restored store has its own users and settings (unknown: viewer). */
	if ((st = store_user_role(d->store, d->login, &d->role, &found)) != ST_OK ||
	    (st = desk_reload_settings(d)) != ST_OK)
		return desk_fail(d, st, "%s", store_errmsg(d->store));
	desk_say(d, _("store restored from %s"), src);
	return ST_OK;
}
