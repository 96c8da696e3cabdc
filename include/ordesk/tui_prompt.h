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
/* One of n options (arrows or the first letter, Enter picks).  The index, or -1 on Esc. */
int tui_choose(struct tui *t, const char *label, const char *const *options, int n);
/* A yes/no question: 1 for y, 0 for anything else. */
int tui_confirm(struct tui *t, const char *question);

#endif
