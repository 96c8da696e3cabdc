#ifndef ORDESK_TUI_EXCEPTION_H
#define ORDESK_TUI_EXCEPTION_H

struct tui;

/*
 * Called by the frame on every tick: once a minute (and on the first
 * tick) runs the sweep (desk_sweep) when the operator is at least a
 * clerk, and reloads the views when it raised something: then it
 * returns 1 (the screen must be drawn again), else 0.
 */
int tui_sweep_tick(struct tui *t);

#endif
