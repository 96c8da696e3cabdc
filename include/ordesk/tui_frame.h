#ifndef ORDESK_TUI_FRAME_H
#define ORDESK_TUI_FRAME_H

/*
 * What the frame offers the prompts and the built-in actions (src/tui/
 * only): the one place keys are read, and the overlay a prompt draws on
 * the status line.
 */
struct tui;

/* A tick of the clock: a timeout on a terminal, "tick" in a script. */
#define TUI_KEY_TICK (-2)

/* The next key: a character, TK(curses key), TUI_KEY_TICK, or Esc (27) when
 * the program is stopping (a signal, or the script ran out). */
int tui_read_key(struct tui *t);
/* 1 when the loop is ending (quit, a signal, the end of a script). */
int tui_stopping(const struct tui *t);
/* Draws fn over the status line at each redraw (NULL: none). */
void tui_prompt_overlay(struct tui *t, void (*fn)(struct tui *t, void *arg), void *arg);
/* Records a key a prompt consumed (scripted dumps of every screen). */
void tui_prompt_after_key(struct tui *t, int key);
/* Reloads on another process's commit or a new minute; 1 when something changed. */
int tui_tick(struct tui *t);

#endif
