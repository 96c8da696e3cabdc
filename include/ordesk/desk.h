#ifndef ORDESK_DESK_H
#define ORDESK_DESK_H

#include <stdarg.h>
#include <stddef.h>
#include <time.h>

#include "ordesk/catalog.h"
#include "ordesk/clock.h"
#include "ordesk/priority.h"
#include "ordesk/status.h"
#include "ordesk/store.h"

/*
 * The desk: the use cases both the TUI and the CLI call.  A desk is one
 * operator working one store.  Every public desk_* operation:
 *   - checks the operator's role (desk_require),
 *   - applies the rules of core/,
 *   - writes through store/ in one BEGIN IMMEDIATE transaction,
 *   - appends events naming the operator,
 *   - returns a status and leaves a sentence for a person in desk_message().
 * Nothing here prints, exits or reads the terminal.
 */
#define DESK_MAX_HOLIDAYS 512

struct desk {
	struct store *store;
	char login[64];            /* the operator: the real uid's login */
	enum role role;
	time_t fixed_now;          /* 0: the real clock; tests and scripts pin it */
	struct clocks clocks;
	struct score_weights weights;
	double surge_factor;
	long holidays[DESK_MAX_HOLIDAYS];
	struct calendar cal;
	char store_name[64];
	char msg[2048];            /* the last operation's sentence for a person */
	int commit_refusal;        /* set inside a desk_tx body: its ST_REFUSED still commits
	                              what it recorded (a stock_short exception, say) */
	int automatic;             /* the sweep runs: what it writes names DESK_AUTOMATIC */
	int seen_set;              /* desk_seen(): the stage the operator saw the order in */
	enum stage seen_stage;
};

/*
 * Opens the store at path for the operator login (NULL: the real uid's
 * login) and loads the settings.  With create, makes the store if missing
 * and, when it has no users yet, makes login its admin.
 */
enum status desk_open(struct desk *d, const char *path, const char *login, unsigned store_flags);
void desk_close(struct desk *d);

/* The time operations use: fixed_now when set, else the real clock. */
time_t desk_now(const struct desk *d);

/* The sentence the last operation left (never NULL). */
const char *desk_message(const struct desk *d);

/* Sets the message and returns st: `return desk_fail(d, ST_REFUSED, _("…"), …);` */
enum status desk_fail(struct desk *d, enum status st, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* Sets the message for a success. */
void desk_say(struct desk *d, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* ST_OK when the operator has at least role; else ST_DENIED with a message
 * naming what was attempted. */
enum status desk_require(struct desk *d, enum role role, const char *doing);

/* ST_OK while the store is where it was opened; else ST_IOERR with the
 * message saying it was removed or replaced (every write is refused). */
enum status desk_store_present(struct desk *d);

/* Reloads settings (clocks, weights, surge factor, holidays) from the store. */
enum status desk_reload_settings(struct desk *d);

/*
 * Runs a write transaction: begin, body(d, arg), commit; rolls back when
 * body returns anything but ST_OK, except that ST_REFUSED commits when the
 * body set d->commit_refusal.  The message is body's.  A busy store
 * becomes ST_BUSY with a message saying so.
 */
enum status desk_tx(struct desk *d, enum status (*body)(struct desk *d, void *arg), void *arg);

/* ST_OK when each of the n texts (NULL is none) is within VALIDATE_TEXT_MAX,
 * else ST_USAGE with the message saying so; every use case taking a
 * reason, an action or a note checks them with this before writing. */
enum status desk_text_check(struct desk *d, int n, ...);

/*
 * Names the stage the operator saw the order in (the board's card, the CLI's
 * --from); a negative stage names none.  The next transaction on one order
 * (advance, lock, release, split, wait, delay, back, cancel) is refused,
 * changing nothing, when the order is in another stage by then: "already
 * moved by LOGIN".  desk_tx forgets it when it ends, whatever the outcome.
 */
void desk_seen(struct desk *d, int stage);

/* The actor of what the clock check (the sweep) does by itself, whoever's board
 * or command ran it: events name it, with that login in their run_by. */
#define DESK_AUTOMATIC STORE_ACTOR_AUTOMATIC
/* Who the events and exceptions written now name: the operator, or
 * DESK_AUTOMATIC while d->automatic is set. */
const char *desk_actor(const struct desk *d);

/* Appends an event by desk_actor() at desk_now() (inside a transaction). */
enum status desk_event(struct desk *d, long long order_id, const char *what,
                       const char *from, const char *to, const char *why);

/* While another program holds the store, notify(arg) is called when an
 * operation starts waiting (the board says so instead of freezing); NULL
 * waits silently. */
void desk_on_busy(struct desk *d, void (*notify)(void *arg), void *arg);

/* The login of the real uid (getpwuid(getuid())), never $USER. */
void desk_os_login(char *buf, size_t size);

#endif
