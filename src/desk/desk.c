/* The desk context: one operator on one store, and the transaction frame. */
#include "ordesk/desk.h"
#include "ordesk/desk_admin.h"
#include "ordesk/i18n.h"
#include "ordesk/store_user.h"
#include "ordesk/text.h"
#include "ordesk/validate.h"

#include <pwd.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

void desk_os_login(char *buf, size_t size)
{
	struct passwd *pw = getpwuid(getuid());

	if (pw && pw->pw_name && *pw->pw_name)
		text_copy(buf, pw->pw_name, size);
	else
		snprintf(buf, size, "uid%ld", (long)getuid());
}

time_t desk_now(const struct desk *d)
{
	return d->fixed_now ? d->fixed_now : time(NULL);
}

const char *desk_message(const struct desk *d)
{
	return d->msg;
}

enum status desk_fail(struct desk *d, enum status st, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(d->msg, sizeof d->msg, fmt, ap);
	va_end(ap);
	return st;
}

void desk_say(struct desk *d, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(d->msg, sizeof d->msg, fmt, ap);
	va_end(ap);
}

enum status desk_require(struct desk *d, enum role role, const char *doing)
{
	if (d->role >= role)
		return ST_OK;
	return desk_fail(d, ST_DENIED, _("%s (%s) may not %s: that needs the %s role"), d->login,
	                 role_name(d->role), doing, role_name(role));
}

static int cmp_long(const void *a, const void *b)
{
	long x = *(const long *)a, y = *(const long *)b;
	return (x > y) - (x < y);
}

static enum status load_holidays(struct desk *d)
{
	size_t n;
	enum status st = store_holidays(d->store, d->holidays, DESK_MAX_HOLIDAYS, &n);

	if (st != ST_OK)
		return desk_fail(d, st, "%s", store_errmsg(d->store));
	qsort(d->holidays, n, sizeof d->holidays[0], cmp_long);
	d->cal.holidays = d->holidays;
	d->cal.count = n;
	return ST_OK;
}

/* Applies one setting; a malformed or unknown one leaves what was there. */
static void apply_setting(const char *key, const char *value, void *arg)
{
	static const struct {
		const char *key;
		size_t offset;
	} weights[] = {
		{ "score.w_tier", offsetof(struct score_weights, tier) },
		{ "score.w_value", offsetof(struct score_weights, value) },
		{ "score.w_time", offsetof(struct score_weights, time) },
	};
	struct desk *d = arg;
	char *end;
	double v;

	if (!key || !value || clocks_set(&d->clocks, key, value) != 0)
		return;
	if (strcmp(key, "store.name") == 0) {
		text_copy(d->store_name, value, sizeof d->store_name);
		return;
	}
	v = strtod(value, &end);
	if (end == value || *end)
		return;
	if (strcmp(key, "surge.factor") == 0 && v > 0)
		d->surge_factor = v;
	for (size_t i = 0; i < sizeof weights / sizeof weights[0]; i++)
		if (strcmp(key, weights[i].key) == 0)
			*(double *)(void *)((char *)&d->weights + weights[i].offset) = v;
}

enum status desk_reload_settings(struct desk *d)
{
	enum status st;

	/* The defaults of the settings table, then what the store says, in one query. */
	clocks_default(&d->clocks);
	score_weights_default(&d->weights);
	for (size_t i = 0; desk_setting_def(i); i++)
		apply_setting(desk_setting_def(i)->key, desk_setting_def(i)->def, d);
	if ((st = store_setting_each(d->store, apply_setting, d)) != ST_OK)
		return desk_fail(d, st, "%s", store_errmsg(d->store));
	return load_holidays(d);
}

enum status desk_open(struct desk *d, const char *path, const char *login, unsigned store_flags)
{
	char err[1024];
	enum status st;
	int found, users;

	time_t keep_now = d->fixed_now;
	memset(d, 0, sizeof *d);
	d->fixed_now = keep_now;
	if (login)
		text_copy(d->login, login, sizeof d->login);
	else
		desk_os_login(d->login, sizeof d->login);
	st = store_open(path, store_flags, &d->store, err, sizeof err);
	if (st != ST_OK)
		return desk_fail(d, st, "%s", err);
	if ((st = store_user_count(d->store, &users)) != ST_OK)
		goto fail;
	if (users == 0 && (store_flags & (STORE_CREATE | STORE_MEMORY)) &&
	    !(store_flags & STORE_READONLY)) {
		/* Whoever creates a store is its admin: counted again inside the
		 * transaction, since another process may have created it meanwhile. */
		if ((st = store_begin(d->store)) != ST_OK)
			goto fail;
		struct event_rec ev = { .entity = "user", .entity_id = d->login, .what = "role",
		                        .to = "admin", .why = "created the store" };
		if ((st = store_user_count(d->store, &users)) != ST_OK) {
			store_rollback(d->store);
			goto fail;
		}
		if (users != 0)
			store_rollback(d->store);
		else if ((st = store_user_put(d->store, d->login, ROLE_ADMIN, desk_now(d), d->login)) != ST_OK ||
		    (st = store_event_add(d->store, desk_now(d), d->login, &ev)) != ST_OK ||
		    (st = store_commit(d->store)) != ST_OK) {
			store_rollback(d->store);
			goto fail;
		}
	}
	if ((st = store_user_role(d->store, d->login, &d->role, &found)) != ST_OK)
		goto fail;
	if ((st = desk_reload_settings(d)) != ST_OK)
		goto fail;
	d->msg[0] = '\0';
	return ST_OK;
fail:
	desk_fail(d, st, "%s", store_errmsg(d->store));
	store_close(d->store);
	d->store = NULL;
	return st;
}

void desk_on_busy(struct desk *d, void (*notify)(void *arg), void *arg)
{
	store_on_busy(d->store, notify, arg);
}

void desk_close(struct desk *d)
{
	store_close(d->store);
	d->store = NULL;
}

enum status desk_store_present(struct desk *d)
{
	enum status st = store_present(d->store);

	return st == ST_OK ? ST_OK : desk_fail(d, st, "%s", store_errmsg(d->store));
}

void desk_seen(struct desk *d, int stage)
{
	d->seen_set = stage >= 0;
	d->seen_stage = stage >= 0 ? (enum stage)stage : STAGE_NEW;
}

enum status desk_tx(struct desk *d, enum status (*body)(struct desk *d, void *arg), void *arg)
{
	enum status st = store_begin(d->store);

	if (st != ST_OK) {
		d->seen_set = 0;
		return desk_fail(d, st, "%s", store_errmsg(d->store));
	}
	d->msg[0] = '\0';
	d->commit_refusal = 0;
	st = body(d, arg);
	d->seen_set = 0;
	if (st == ST_REFUSED && d->commit_refusal) {
		char keep[sizeof d->msg];
		text_copy(keep, d->msg, sizeof keep);
		d->commit_refusal = 0;
		if ((st = store_commit(d->store)) != ST_OK)
			return desk_fail(d, st, "%s", store_errmsg(d->store));
		text_copy(d->msg, keep, sizeof d->msg);
		return ST_REFUSED;
	}
	if (st != ST_OK) {
		store_rollback(d->store);
		if (!d->msg[0])
			desk_fail(d, st, "%s", store_errmsg(d->store));
		return st;
	}
	st = store_commit(d->store);
	if (st != ST_OK)
		return desk_fail(d, st, "%s", store_errmsg(d->store));
	return ST_OK;
}

enum status desk_text_check(struct desk *d, int n, ...)
{
	char why[128];
	va_list ap;
	int bad = 0;

	va_start(ap, n);
	for (int i = 0; i < n && !bad; i++)
		bad = validate_note(va_arg(ap, const char *), why, sizeof why) != 0;
	va_end(ap);
	return bad ? desk_fail(d, ST_USAGE, "%s", why) : ST_OK;
}

const char *desk_actor(const struct desk *d)
{
	return d->automatic ? DESK_AUTOMATIC : d->login;
}

enum status desk_event(struct desk *d, long long order_id, const char *what,
                       const char *from, const char *to, const char *why)
{
	struct event_rec ev = { .order_id = order_id, .entity = "order", .what = what,
	                        .from = from, .to = to, .why = why,
	                        .run_by = d->automatic ? d->login : NULL };
	enum status st = store_event_add(d->store, desk_now(d), desk_actor(d), &ev);

	if (st != ST_OK)
		desk_fail(d, st, "%s", store_errmsg(d->store));
	return st;
}
