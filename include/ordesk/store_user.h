#ifndef ORDESK_STORE_USER_H
#define ORDESK_STORE_USER_H

#include <time.h>

#include "ordesk/catalog.h"
#include "ordesk/status.h"
#include "ordesk/store.h"

/* The role of a login; *found 0 when the store does not know it. */
enum status store_user_role(struct store *s, const char *login, enum role *role, int *found);
/* Adds or changes a user. */
enum status store_user_put(struct store *s, const char *login, enum role role, time_t at,
                           const char *by);
/* Number of users. */
enum status store_user_count(struct store *s, int *n);

struct user_row {
	char login[64];
	enum role role;
	time_t added_at;
	char added_by[64];
};
enum status store_user_each(struct store *s, int (*fn)(const struct user_row *u, void *arg),
                            void *arg);

#endif
