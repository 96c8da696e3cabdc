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
