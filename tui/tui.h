/*
 * tui/tui.h: the ncurses teller console.
 */
#ifndef LOKET_TUI_H
#define LOKET_TUI_H

/* tui/tui.c */
int	 tui_main(const char *);

#endif
