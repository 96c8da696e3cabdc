#ifndef ORDESK_TEXT_H
#define ORDESK_TEXT_H

#include <stddef.h>
#include <stdint.h>

/*
 * Untrusted text (from a channel file or typed by a user) is stored as
 * given but never reaches a terminal, a report or stderr raw: text_clean
 * makes C0 and C1 controls, DEL, bidi overrides and invalid UTF-8 visible
 * (as \xNN or \u{NNNN}) and is what every printer calls.
 */

/* Writes the visible form of in into out (always terminated); returns the
 * length the full result would have, like snprintf. */
size_t text_clean(const char *in, char *out, size_t size);

/* 1 when in holds nothing text_clean would change. */
int text_is_clean(const char *in);

/* Display columns of a UTF-8 string (wide characters count 2); the one
 * width function every view and table uses. */
int text_width(const char *s);

/* Copies the longest prefix of s that fits in cols columns, never
 * splitting a character; returns the columns used. */
int text_fit(const char *s, int cols, char *out, size_t size);

/* The first line of clean text s (text_clean'd: no controls) that fits in
 * cols columns, broken after the last space that fits when the whole does
 * not (or inside a word longer than the line); *next is where the next line
 * starts, spaces skipped ("" at the end).  Returns the columns used. */
int text_wrap(const char *s, int cols, char *out, size_t size, const char **next);

/*
 * Spreadsheet cells.  A spreadsheet reads a cell that begins with = + - @
 * TAB or CR as a formula (OWASP's "CSV injection"), so every CSV and TSV
 * ordesk writes passes each cell through text_cell, which puts an
 * apostrophe before such a cell; the spreadsheet then shows it as text.
 * A plain number (-3, -12.50) is left as it is, but one with a + is not:
 * ordesk writes no number with a +, and "+8613800138000" is a phone that a
 * spreadsheet would otherwise show as 8.61E+12.  A cell that already begins
 * with an apostrophe is left alone: a spreadsheet shows it as text.
 *
 * The import applies text_cell_unguard, which takes one apostrophe off a
 * value that has one before those characters, so it reads a written cell
 * as it reads the value the cell was written from (unguard(cell(x)) equals
 * unguard(x)): a rejects file fixed and sent again imports as the fixed
 * original would.  A value typed with an apostrophe before = + - @ is read
 * without it, which a spreadsheet shows the same.
 */
/* 1 when s needs the apostrophe. */
int text_cell_guard(const char *s);
/* The cell as written: s, with the apostrophe when text_cell_guard asks for
 * it (raw: never).  Cut between characters to fit; returns the length the
 * full cell has, like snprintf. */
size_t text_cell(const char *s, int raw, char *out, size_t size);
/* Removes the apostrophe text_cell added, in place; 1 when it removed one. */
int text_cell_unguard(char *s);

/* How a CSV or TSV file is written; every writer takes these. */
enum text_sheet {
	SHEET_BOM = 1,     /* starts with a UTF-8 byte order mark (a file people open) */
	SHEET_RAW = 2,     /* cells as stored, without text_cell's apostrophe (--raw) */
	SHEET_TTY = 4      /* goes to a terminal: every cell through text_clean too */
};
#define TEXT_BOM "\xef\xbb\xbf"

/* As text_fit, but a cut text ends in "…" (within cols), so a reader sees
 * that something is missing; returns the columns used. */
int text_fit_mark(const char *s, int cols, char *out, size_t size);

/* Copies at most size-1 bytes and terminates; returns strlen(src). */
size_t text_copy(char *dst, const char *src, size_t size);

/*
 * A growing buffer of NUL-terminated strings, each addressed by its offset
 * plus one (the buffer moves as it grows; 0 stands for no string).  Zeroed,
 * it is empty; len = 0 empties it and keeps the memory.
 */
struct text_buf {
	char *data;
	size_t len, cap;
};

/* Room for more bytes after len; -1 when out of memory. */
int text_buf_reserve(struct text_buf *b, size_t more);
/* Appends n bytes of s and a NUL; returns the offset plus one, 0 when out of memory. */
size_t text_buf_put(struct text_buf *b, const char *s, size_t n);
/* The string text_buf_put gave off1 for; "" for 0. */
const char *text_buf_str(const struct text_buf *b, size_t off1);
void text_buf_free(struct text_buf *b);

/*
 * Lists a program writes into one text field and reads back ("SKU:3:1;…"):
 * text_escape writes '%' and every byte of special as %XX, so that the
 * separators can never occur inside an item; it never writes half an
 * escape and returns the length the full result would have.
 * text_unescape undoes it on the n bytes at in (stopping at a NUL) and
 * returns the length written.
 */
size_t text_escape(const char *in, const char *special, char *out, size_t size);
size_t text_unescape(const char *in, size_t n, char *out, size_t size);

/* FNV-1a over n bytes, going on from h (TEXT_HASH_START to begin); for
 * in-memory tables and change detection, not for anything an attacker
 * chooses to collide.  text_hash_str takes s and its NUL, so fields
 * hashed one after another stay apart. */
#define TEXT_HASH_START 0xcbf29ce484222325ULL
uint64_t text_hash(uint64_t h, const void *p, size_t n);
uint64_t text_hash_str(uint64_t h, const char *s);
/* text_hash_str over s read as text: every line end (CRLF, CR or LF) hashes
 * as LF, and spaces and tabs that end a line or s are left out, so the same
 * words saved by another program hash the same.  Text without either hashes
 * as text_hash_str does. */
uint64_t text_hash_text(uint64_t h, const char *s);

#endif
