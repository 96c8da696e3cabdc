#ifndef ORDESK_DESK_ADMIN_H
#define ORDESK_DESK_ADMIN_H

#include "ordesk/desk.h"
#include "ordesk/store_user.h"

/* Adds a user or changes a role (admin only).  add refuses a known login. */
enum status desk_user_add(struct desk *d, const char *login, const char *role);
enum status desk_user_role(struct desk *d, const char *login, const char *role);
/* Lists the users (see store_user_each): reads, any role. */
enum status desk_user_each(struct desk *d, int (*fn)(const struct user_row *u, void *arg), void *arg);

/* Settings: every key ordesk knows, its default and what it means. */
struct setting_def {
	const char *key;
	const char *def;
	const char *what;
};
/* The i-th known setting, or NULL past the end. */
const struct setting_def *desk_setting_def(size_t i);

/* The value of a known key (its default when unset). */
enum status desk_config_get(struct desk *d, const char *key, char *buf, size_t size);
/* Sets a known key after checking its value (admin only). */
enum status desk_config_set(struct desk *d, const char *key, const char *value);

/* Verifies every invariant the store promises; ST_REFUSED naming the first broken. */
enum status desk_check(struct desk *d);

#endif
