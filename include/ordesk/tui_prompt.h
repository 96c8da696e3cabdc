#ifndef ORDESK_TUI_PROMPT_H
#define ORDESK_TUI_PROMPT_H

#include <stddef.h>

/*
 * Prompts on the status line, each running its own small input loop that
 * keeps what was typed across a resize (KEY_RESIZE redraws the screen behind
 * it) and a too-small terminal.  Nothing here touches the store: ask first,
 * then call desk/.  Typed text is drawn cleaned of control characters.
 */
struct tui;

/* A line of text.  1 when entered (buf filled), 0 when cancelled with Esc. */
int tui_prompt(struct tui *t, const char *label, const char *initial, char *buf, size_t size);

/*
 * A check of what was typed, run when Enter is pressed: 0 accepts it; else
 * -1 with why filled (what is wrong and the format expected).  Checks call
 * the desk's own validation (core/validate.c, desk/), never a copy of it.
 */
typedef int (*tui_check_fn)(const char *value, char *why, size_t why_size, void *arg);
/* tui_prompt with a check: a refused value stays on the line to be fixed,
 * the reason shown above it. */
int tui_ask(struct tui *t, const char *label, const char *initial, char *buf, size_t size,
            tui_check_fn check, void *arg);

/* Checks for tui_ask, each calling the desk's own validation:
 *   reason, action, carrier, tracking   core/validate.c (arg unused)
 *   field      validate_field; arg points to the enum field; why adds its format
 *   datetime   validate_datetime (YYYY-MM-DD HH:MM)
 *   delay      desk_delay_check; arg is the struct tui */
int tui_check_reason(const char *value, char *why, size_t why_size, void *arg);
int tui_check_action(const char *value, char *why, size_t why_size, void *arg);
int tui_check_carrier(const char *value, char *why, size_t why_size, void *arg);
int tui_check_tracking(const char *value, char *why, size_t why_size, void *arg);
int tui_check_field(const char *value, char *why, size_t why_size, void *arg);
int tui_check_datetime(const char *value, char *why, size_t why_size, void *arg);
int tui_check_delay(const char *value, char *why, size_t why_size, void *arg);

/* One of n options in a vertical menu: a digit picks one of the first nine
 * at once; arrows or a first letter move, Enter picks.  The index, or -1 on Esc. */
int tui_choose(struct tui *t, const char *label, const char *const *options, int n);
/* A yes/no question for what cannot be undone: 1 only for y; Enter, n and
 * Esc are no (other keys wait). */
int tui_confirm(struct tui *t, const char *question);

#endif
