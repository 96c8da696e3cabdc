/* Users, settings and the store's invariants. */
#include "ordesk/desk_admin.h"
#include "ordesk/clock.h"
#include "ordesk/store_check.h"
#include "ordesk/i18n.h"
#include "ordesk/text.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int valid_login(const char *login)
{
	size_t n = strlen(login);

	if (n == 0 || n > 32 || login[0] == '-')
		return 0;
	for (; *login; login++)
		if (!isalnum((unsigned char)*login) && !strchr("._-", *login))
			return 0;
	return 1;
}

static int count_admin(const struct user_row *u, void *arg)
{
	if (u->role == ROLE_ADMIN)
		(*(int *)arg)++;
	return 0;
}

struct user_req {
	const char *login;
	enum role role;
	int must_be_new;
};

static enum status user_body(struct desk *d, void *arg)
{
	const struct user_req *req = arg;
	enum role old;
	int found;
	enum status st;

	if ((st = store_user_role(d->store, req->login, &old, &found)) != ST_OK)
		return st;
	if (req->must_be_new && found)
		return desk_fail(d, ST_REFUSED, _("%s is already a user (%s); use 'users role'"),
		                 req->login, role_name(old));
	if (!req->must_be_new && !found)
		return desk_fail(d, ST_REFUSED, _("%s is not a user; use 'users add'"), req->login);
	if (found && old == ROLE_ADMIN && req->role != ROLE_ADMIN) {
		int admins = 0;
		if ((st = store_user_each(d->store, count_admin, &admins)) != ST_OK)
			return st;
		if (admins <= 1)
			return desk_fail(d, ST_REFUSED,
			                 _("%s is the store's last admin; make another admin first"),
			                 req->login);
	}
	if ((st = store_user_put(d->store, req->login, req->role, desk_now(d), d->login)) != ST_OK)
		return st;
	struct event_rec ev = { .entity = "user", .entity_id = req->login, .what = "role",
	                        .from = found ? role_name(old) : "", .to = role_name(req->role) };
	if ((st = store_event_add(d->store, desk_now(d), d->login, &ev)) != ST_OK)
		return st;
	desk_say(d, _("%s is now %s"), req->login, role_name(req->role));
	return ST_OK;
}

static enum status user_change(struct desk *d, const char *login, const char *role, int add)
{
	int r = role_parse(role);
	char clean[128], clean_role[128];

	if (desk_require(d, ROLE_ADMIN, _("manage users")) != ST_OK)
		return ST_DENIED;
	text_clean(login, clean, sizeof clean);
	text_clean(role, clean_role, sizeof clean_role);
	if (!valid_login(login))
		return desk_fail(d, ST_USAGE, _("%s is not a login name"), clean);
	if (r < 0)
		return desk_fail(d, ST_USAGE, _("unknown role %s (viewer, clerk, supervisor, admin)"),
		                 clean_role);
	struct user_req req = { login, (enum role)r, add };
	return desk_tx(d, user_body, &req);
}

enum status desk_user_add(struct desk *d, const char *login, const char *role)
{
	return user_change(d, login, role, 1);
}

enum status desk_user_role(struct desk *d, const char *login, const char *role)
{
	return user_change(d, login, role, 0);
}

static const struct setting_def settings[] = {
	{ "store.name", "main store", N_("the name the board's header shows") },
#define CLOCK_SETTING(field, key, def, what) { key, def, N_(what) },
	CLOCK_LIST(CLOCK_SETTING)
#undef CLOCK_SETTING
	{ "score.w_tier", "10", N_("score weight per customer tier step") },
	{ "score.w_value", "5", N_("score weight per tenfold order value") },
	{ "score.w_time", "1", N_("score weight per hour nearer the promise") },
	{ "surge.factor", "3", N_("a day above this many times the trailing 28-day mean is a surge") },
	{ "import.duplicate_window", "30m", N_("same customer and items within this window: duplicate_suspect") },
};

const struct setting_def *desk_setting_def(size_t i)
{
	return i < sizeof settings / sizeof settings[0] ? &settings[i] : NULL;
}

static const struct setting_def *setting_find(const char *key)
{
	for (size_t i = 0; i < sizeof settings / sizeof settings[0]; i++)
		if (strcmp(settings[i].key, key) == 0)
			return &settings[i];
	return NULL;
}

enum status desk_config_get(struct desk *d, const char *key, char *buf, size_t size)
{
	const struct setting_def *def = setting_find(key);
	enum status st;
	char clean[256];

	if (!def) {
		text_clean(key, clean, sizeof clean);
		return desk_fail(d, ST_USAGE, _("unknown setting %s (see ordesk config get)"), clean);
	}
	if ((st = store_setting_get(d->store, key, def->def, buf, size)) != ST_OK)
		return desk_fail(d, st, "%s", store_errmsg(d->store));
	return ST_OK;
}

struct config_req {
	const char *key, *value;
};

static enum status config_body(struct desk *d, void *arg)
{
	const struct config_req *req = arg;
	char old[256];
	enum status st;

	if ((st = desk_config_get(d, req->key, old, sizeof old)) != ST_OK)
		return st;
	if ((st = store_setting_set(d->store, req->key, req->value)) != ST_OK)
		return st;
	struct event_rec ev = { .entity = "setting", .entity_id = req->key, .what = "set",
	                        .from = old, .to = req->value };
	if ((st = store_event_add(d->store, desk_now(d), d->login, &ev)) != ST_OK)
		return st;
	desk_say(d, _("%s = %s"), req->key, req->value);
	return ST_OK;
}

enum status desk_config_set(struct desk *d, const char *key, const char *value)
{
	const struct setting_def *def = setting_find(key);
	struct duration dur;
	char clean[256], *end;

	if (desk_require(d, ROLE_ADMIN, _("change settings")) != ST_OK)
		return ST_DENIED;
	text_clean(key, clean, sizeof clean);
	if (!def)
		return desk_fail(d, ST_USAGE, _("unknown setting %s (see ordesk config get)"), clean);
	if (strncmp(key, "clock.", 6) == 0 || strncmp(key, "promise.", 8) == 0 ||
	    strcmp(key, "import.duplicate_window") == 0) {
		if (duration_parse(value, &dur) != 0 || dur.amount <= 0)
			return desk_fail(d, ST_USAGE, _("%s takes a duration like 90m, 4h, 2d or 3bd"), clean);
	} else if (strncmp(key, "score.", 6) == 0 || strcmp(key, "surge.factor") == 0) {
		double v = strtod(value, &end);
		if (*end || end == value || !isfinite(v) || v <= 0 || v > 1e6)
			return desk_fail(d, ST_USAGE, _("%s takes a positive number, at most 1000000"), clean);
	} else if (!text_is_clean(value) || strlen(value) > 60) {
		return desk_fail(d, ST_USAGE, _("%s takes plain text of at most 60 bytes"), clean);
	}
	struct config_req req = { key, value };
	enum status st = desk_tx(d, config_body, &req);
	if (st == ST_OK) {
		char keep[sizeof d->msg];
		text_copy(keep, d->msg, sizeof keep);
		desk_reload_settings(d);
		text_copy(d->msg, keep, sizeof d->msg);
	}
	return st;
}

enum status desk_check(struct desk *d)
{
	char what[512];
	const char *name = NULL;
	int version, count;
	enum status st = store_check(d->store, desk_now(d), &version, &name, what, sizeof what, &count);

	if (st != ST_OK)
		return desk_fail(d, st, "%s", store_errmsg(d->store));
	if (version != store_schema_version())
		return desk_fail(d, ST_REFUSED, _("schema version is %d, expected %d"), version,
		                 store_schema_version());
	if (name)
		return desk_fail(d, ST_REFUSED, _("broken: %s: %s"), _(name), what);
	desk_say(d, _("store %s: %d invariants hold"), store_path(d->store), count);
	return ST_OK;
}

enum status desk_user_each(struct desk *d, int (*fn)(const struct user_row *u, void *arg), void *arg)
{
	enum status st = store_user_each(d->store, fn, arg);

	return st == ST_OK ? ST_OK : desk_fail(d, st, "%s", store_errmsg(d->store));
}
