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

static enum status note_restore(struct desk *d, void *arg)
{
	const char *const *src = arg;
	struct event_rec ev = { .entity = "store", .entity_id = "", .what = "restore",
	                        .to = *src, .why = "restored from a backup" };
	enum status st = store_event_add(d->store, desk_now(d), d->login, &ev);

	if (st != ST_OK)
		return desk_fail(d, st, "%s", store_errmsg(d->store));
	return ST_OK;
}

enum status desk_restore(struct desk *d, const char *src)
{
	char err[1024];
	enum status st;
	int found;

	if ((st = desk_require(d, ROLE_ADMIN, _("restore the store"))) != ST_OK)
		return st;
	if ((st = store_restore(d->store, src, err, sizeof err)) != ST_OK)
		return desk_fail(d, st, "%s", err);
	if ((st = desk_tx(d, note_restore, &src)) != ST_OK)
		return st;
	/* The restored store has its own users and settings (unknown: viewer). */
	if ((st = store_user_role(d->store, d->login, &d->role, &found)) != ST_OK ||
	    (st = desk_reload_settings(d)) != ST_OK)
		return desk_fail(d, st, "%s", store_errmsg(d->store));
	desk_say(d, _("store restored from %s"), src);
	return ST_OK;
}
