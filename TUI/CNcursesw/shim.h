#pragma once
#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#include <locale.h>
#include <ncursesw/ncurses.h>

/* Attribute bits are function-like macros (NCURSES_BITS) that Swift cannot import. */
static inline attr_t aureus_attr_normal(void) { return A_NORMAL; }
static inline attr_t aureus_attr_bold(void) { return A_BOLD; }
static inline attr_t aureus_attr_underline(void) { return A_UNDERLINE; }
static inline attr_t aureus_attr_reverse(void) { return A_REVERSE; }
static inline attr_t aureus_attr_dim(void) { return A_DIM; }

/* COLORS and COLOR_PAIRS are mutable C globals, which Swift 6 refuses to read directly. */
static inline int aureus_colors(void) { return COLORS; }
static inline int aureus_color_pairs(void) { return COLOR_PAIRS; }
