/* Users, settings and the store's invariants. */
#include "ordesk/desk_admin.h"
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
	{ "clock.review", "60m", N_("new and review together, from receipt") },
	{ "clock.lock", "30m", N_("time allowed in locked before picking starts") },
	{ "clock.pick.urgent", "120m", N_("picking and packing an urgent order") },
	{ "clock.pick.normal", "240m", N_("picking and packing any other order") },
	{ "clock.ship", "60m", N_("handing a packed order to the carrier") },
	{ "clock.transit", "48h", N_("delivery after shipping") },
	{ "clock.needs_info", "120m", N_("resolving a needs_info exception") },
	{ "clock.stock_delay_max", "3bd", N_("longest delay a clerk may agree for a shortage") },
	{ "promise.dispatch.urgent", "24h", N_("dispatch promise for urgent orders, from the order time") },
	{ "promise.dispatch.normal", "48h", N_("dispatch promise for other orders") },
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
		if (*end || end == value || !isfinite(v) || v < 0 || v > 1e6 ||
		    (v == 0 && strcmp(key, "surge.factor") == 0))
			return desk_fail(d, ST_USAGE, _("%s takes a positive number"), clean);
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

/* One invariant: a query that returns a row (with a description) when broken. */
struct invariant {
	const char *name;
	const char *sql;
};

static const struct invariant invariants[] = {
	{ N_("stock locked equals the sum of its active locks"),
	  "SELECT s.sku || '@' || s.warehouse || ': locked ' || s.locked || ', active locks ' || "
	  "coalesce(l.q, 0) FROM stock s LEFT JOIN (SELECT sku, warehouse, sum(qty) q FROM stock_locks "
	  "WHERE state = 'active' GROUP BY sku, warehouse) l ON l.sku = s.sku AND l.warehouse = s.warehouse "
	  "WHERE s.locked <> coalesce(l.q, 0) LIMIT 1" },
	{ N_("active locks belong to stock rows"),
	  "SELECT l.sku || '@' || l.warehouse FROM stock_locks l LEFT JOIN stock s "
	  "ON s.sku = l.sku AND s.warehouse = l.warehouse WHERE l.state = 'active' AND s.sku IS NULL LIMIT 1" },
	{ N_("0 <= locked <= on hand"),
	  "SELECT sku || '@' || warehouse || ': on hand ' || on_hand || ', locked ' || locked FROM stock "
	  "WHERE locked < 0 OR locked > on_hand OR on_hand < 0 LIMIT 1" },
	{ N_("only orders in locked or picking hold active locks"),
	  "SELECT o.order_no || ' is ' || o.stage FROM stock_locks l JOIN orders o ON o.id = l.order_id "
	  "WHERE l.state = 'active' AND o.stage NOT IN ('locked', 'picking') LIMIT 1" },
	{ N_("orders in locked or picking hold a lock for every line"),
	  "SELECT o.order_no || ' line ' || l.line_no || ' ' || l.sku || ': ' || l.qty || ' wanted, ' || "
	  "coalesce(k.q, 0) || ' locked' FROM orders o JOIN order_lines l ON l.order_id = o.id "
	  "LEFT JOIN (SELECT line_id, sum(qty) q FROM stock_locks WHERE state = 'active' GROUP BY line_id) k "
	  "ON k.line_id = l.id WHERE o.stage IN ('locked', 'picking') AND l.qty <> coalesce(k.q, 0) LIMIT 1" },
	{ N_("stage counts match the orders"),
	  "SELECT c.stage || ': counted ' || c.n || ', actual ' || coalesce(o.n, 0) FROM stage_counts c "
	  "LEFT JOIN (SELECT stage, count(*) n, sum(open_exc > 0) r FROM orders GROUP BY stage) o "
	  "ON o.stage = c.stage WHERE c.n <> coalesce(o.n, 0) OR c.red <> coalesce(o.r, 0) LIMIT 1" },
	{ N_("open exception counts match the exceptions"),
	  "SELECT o.order_no || ': counted ' || o.open_exc || ', actual ' || coalesce(e.n, 0) FROM orders o "
	  "LEFT JOIN (SELECT order_id, count(*) n FROM exceptions WHERE status = 'open' GROUP BY order_id) e "
	  "ON e.order_id = o.id WHERE o.open_exc <> coalesce(e.n, 0) LIMIT 1" },
	{ N_("open exception kinds match the exceptions"),
	  "SELECT o.order_no || ': kinds ' || quote(o.exc_kinds) || ', open ' || quote(coalesce(e.k, '')) "
	  "FROM orders o LEFT JOIN (SELECT order_id, count(DISTINCT kind) n, group_concat(DISTINCT kind) k "
	  "FROM exceptions WHERE status = 'open' GROUP BY order_id) e ON e.order_id = o.id "
	  "WHERE coalesce(e.n, 0) <> CASE o.exc_kinds WHEN '' THEN 0 ELSE "
	  "length(o.exc_kinds) - length(replace(o.exc_kinds, ';', '')) + 1 END "
	  "OR EXISTS (SELECT 1 FROM exceptions x WHERE x.order_id = o.id AND x.status = 'open' "
	  "AND instr(';' || o.exc_kinds || ';', ';' || x.kind || ';') = 0) LIMIT 1" },
	{ N_("order line counts match the lines"),
	  "SELECT o.order_no || ': lines ' || o.lines || ', actual ' || count(l.id) FROM orders o "
	  "LEFT JOIN order_lines l ON l.order_id = o.id GROUP BY o.id "
	  "HAVING o.lines <> count(l.id) OR o.items <> coalesce(sum(l.qty), 0) LIMIT 1" },
	{ N_("order numbers have the form YYYYMMDD-CC-NNNN"),
	  "SELECT order_no FROM orders WHERE order_no NOT GLOB "
	  "'[0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9]-[A-Z][A-Z]*-[0-9][0-9][0-9][0-9]*' LIMIT 1" },
	{ N_("the event log is protected against changes"),
	  "SELECT 'missing trigger ' || t.name FROM (SELECT 'events_no_update' name UNION ALL "
	  "SELECT 'events_no_delete' UNION ALL SELECT 'events_no_replace' UNION ALL "
	  "SELECT 'orders_no_delete' UNION ALL SELECT 'orders_no_replace' UNION ALL "
	  "SELECT 'exceptions_no_delete') t WHERE t.name NOT IN "
	  "(SELECT name FROM sqlite_schema WHERE type = 'trigger') LIMIT 1" },
	{ N_("foreign keys hold"),
	  "SELECT \"table\" || ' row ' || rowid FROM pragma_foreign_key_check LIMIT 1" },
	{ N_("the database file is sound"),
	  "SELECT quick_check FROM pragma_quick_check WHERE quick_check <> 'ok' LIMIT 1" },
};

enum status desk_check(struct desk *d)
{
	sqlite3 *db = store_db(d->store);
	int version = 0;

	sqlite3_stmt *vs;
	if (sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &vs, NULL) == SQLITE_OK) {
		if (sqlite3_step(vs) == SQLITE_ROW)
			version = sqlite3_column_int(vs, 0);
		sqlite3_finalize(vs);
	}
	if (version != store_schema_version())
		return desk_fail(d, ST_REFUSED, _("schema version is %d, expected %d"), version,
		                 store_schema_version());
	for (size_t i = 0; i < sizeof invariants / sizeof invariants[0]; i++) {
		sqlite3_stmt *st = store_prep(d->store, invariants[i].sql);
		char what[512];
		int rc;
		if (!st)
			return desk_fail(d, ST_INTERNAL, "%s", store_errmsg(d->store));
		rc = sqlite3_step(st);
		if (rc == SQLITE_ROW) {
			store_col_text(st, 0, what, sizeof what);
			store_done(st);
			return desk_fail(d, ST_REFUSED, _("broken: %s: %s"), _(invariants[i].name), what);
		}
		store_done(st);
		if (rc != SQLITE_DONE)
			return desk_fail(d, store_fail(d->store, rc, invariants[i].sql), "%s",
			                 store_errmsg(d->store));
	}
	desk_say(d, _("store %s: %zu invariants hold"), store_path(d->store),
	         sizeof invariants / sizeof invariants[0]);
	return ST_OK;
}
