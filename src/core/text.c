/* Untrusted text made safe to print, and display widths. */
#include "ordesk/text.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

/* Decodes one UTF-8 sequence; returns its length, or 0 if invalid. */
static size_t utf8_decode(const unsigned char *s, uint32_t *cp)
{
	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	if (s[0] >= 0xc2 && s[0] <= 0xdf && (s[1] & 0xc0) == 0x80) {
		*cp = ((uint32_t)(s[0] & 0x1f) << 6) | (s[1] & 0x3f);
		return 2;
	}
	if (s[0] >= 0xe0 && s[0] <= 0xef && (s[1] & 0xc0) == 0x80 && (s[2] & 0xc0) == 0x80) {
		*cp = ((uint32_t)(s[0] & 0x0f) << 12) | ((uint32_t)(s[1] & 0x3f) << 6) | (s[2] & 0x3f);
		if (*cp < 0x800 || (*cp >= 0xd800 && *cp <= 0xdfff))
			return 0;
		return 3;
	}
	if (s[0] >= 0xf0 && s[0] <= 0xf4 && (s[1] & 0xc0) == 0x80 && (s[2] & 0xc0) == 0x80 &&
	    (s[3] & 0xc0) == 0x80) {
		*cp = ((uint32_t)(s[0] & 0x07) << 18) | ((uint32_t)(s[1] & 0x3f) << 12) |
		      ((uint32_t)(s[2] & 0x3f) << 6) | (s[3] & 0x3f);
		if (*cp < 0x10000 || *cp > 0x10ffff)
			return 0;
		return 4;
	}
	return 0;
}

/* Code points that must never reach a terminal as they are. */
static int is_dangerous(uint32_t cp)
{
	return cp < 0x20 || cp == 0x7f || (cp >= 0x80 && cp < 0xa0) ||
	       (cp >= 0x202a && cp <= 0x202e) ||   /* bidi embeddings and overrides */
	       (cp >= 0x2066 && cp <= 0x2069) ||   /* bidi isolates */
	       cp == 0x200e || cp == 0x200f || cp == 0x061c ||
	       cp == 0x2028 || cp == 0x2029 ||     /* line and paragraph separators */
	       cp == 0xfeff;                       /* stray BOM */
}

static int cp_width(uint32_t cp);

/*
 * The visible form of the character at s: either the bytes themselves or
 * an escape written into tmp.  Sets *len to the bytes consumed and *plen
 * to the piece's length; returns the piece's display width.
 */
static int visible(const unsigned char *s, size_t *len, char tmp[16], const char **piece,
                   size_t *plen)
{
	uint32_t cp;

	*len = utf8_decode(s, &cp);
	if (*len == 0) {
		snprintf(tmp, 16, "\\x%02X", *s);
		*len = 1;
	} else if (is_dangerous(cp)) {
		if (cp == '\t' || cp == '\n' || cp == '\r')
			snprintf(tmp, 16, "%s", cp == '\t' ? "\\t" : cp == '\n' ? "\\n" : "\\r");
		else if (cp < 0x100)
			snprintf(tmp, 16, "\\x%02X", (unsigned)cp);
		else
			snprintf(tmp, 16, "\\u{%04X}", (unsigned)cp);
	} else {
		*piece = (const char *)s;
		*plen = *len;
		return cp_width(cp);
	}
	*piece = tmp;
	*plen = strlen(tmp);
	return (int)*plen;
}

size_t text_clean(const char *in, char *out, size_t size)
{
	const unsigned char *s = (const unsigned char *)(in ? in : "");
	size_t n = 0;
	char tmp[16];

	while (*s) {
		const char *piece;
		size_t len, plen;

		visible(s, &len, tmp, &piece, &plen);
		if (size && n + plen < size)
			memcpy(out + n, piece, plen);
		else if (size && n < size)
			size = n + 1; /* stop writing, never half a piece; keep counting */
		n += plen;
		s += len;
	}
	if (size)
		out[n < size ? n : size - 1] = '\0';
	return n;
}

int text_is_clean(const char *in)
{
	const unsigned char *s = (const unsigned char *)(in ? in : "");

	while (*s) {
		uint32_t cp;
		size_t len = utf8_decode(s, &cp);
		if (len == 0 || is_dangerous(cp))
			return 0;
		s += len;
	}
	return 1;
}

static int cp_width(uint32_t cp)
{
	int w = wcwidth((wchar_t)cp);

	if (w >= 0)
		return w;
	/* Without a UTF-8 locale wcwidth knows nothing: assume East Asian
	 * wide for the CJK blocks and one column otherwise. */
	if ((cp >= 0x1100 && cp <= 0x115f) || (cp >= 0x2e80 && cp <= 0xa4cf) ||
	    (cp >= 0xac00 && cp <= 0xd7a3) || (cp >= 0xf900 && cp <= 0xfaff) ||
	    (cp >= 0xfe30 && cp <= 0xfe4f) || (cp >= 0xff00 && cp <= 0xff60) ||
	    (cp >= 0xffe0 && cp <= 0xffe6) || (cp >= 0x20000 && cp <= 0x3fffd))
		return 2;
	return 1;
}

int text_width(const char *str)
{
	const unsigned char *s = (const unsigned char *)(str ? str : "");
	int w = 0;
	char tmp[16];

	/* The width of what text_clean shows. */
	while (*s) {
		const char *piece;
		size_t len, plen;
		w += visible(s, &len, tmp, &piece, &plen);
		s += len;
	}
	return w;
}

int text_fit(const char *str, int cols, char *out, size_t size)
{
	const unsigned char *s = (const unsigned char *)(str ? str : "");
	size_t n = 0;
	int w = 0;
	char tmp[16];

	/* Copies the visible form: controls in str never reach out raw. */
	while (*s) {
		const char *piece;
		size_t len, plen;
		int cw = visible(s, &len, tmp, &piece, &plen);
		if (w + cw > cols || n + plen >= size)
			break;
		memcpy(out + n, piece, plen);
		n += plen;
		w += cw;
		s += len;
	}
	if (size)
		out[n] = '\0';
	return w;
}

int text_wrap(const char *s, int cols, char *out, size_t size, const char **next)
{
	size_t n, cut;

	s = s ? s : "";
	text_fit(s, cols, out, size);
	n = strlen(out);
	if (n == 0) {
		/* not even one character fits: nothing more can be shown */
		if (next)
			*next = s + strlen(s);
		return 0;
	}
	cut = n;
	if (s[n] && s[n] != ' ') {
		/* the line ends inside a word: break at the last space, if any */
		while (cut > 0 && out[cut - 1] != ' ')
			cut--;
		if (cut == 0)
			cut = n;
	}
	while (cut > 0 && out[cut - 1] == ' ')
		cut--;
	out[cut] = '\0';
	s += cut;
	while (*s == ' ')
		s++;
	if (next)
		*next = s;
	return text_width(out);
}

/* Characters a spreadsheet takes as the start of a formula. */
static int formula_start(char c)
{
	return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r';
}

/* -3, 12, -12.50: a number a spreadsheet reads as one, without a + sign. */
static int plain_number(const char *s)
{
	if (*s == '-')
		s++;
	if (*s < '0' || *s > '9')
		return 0;
	while (*s >= '0' && *s <= '9')
		s++;
	if (*s == '.') {
		s++;
		if (*s < '0' || *s > '9')
			return 0;
		while (*s >= '0' && *s <= '9')
			s++;
	}
	return *s == '\0';
}

int text_cell_guard(const char *s)
{
	return formula_start(*s) && !plain_number(s);
}

size_t text_cell(const char *s, int raw, char *out, size_t size)
{
	size_t len = strlen(s), pre = !raw && text_cell_guard(s), take = len;

	if (size == 0)
		return pre + len;
	if (pre >= size)
		pre = 0;   /* no room even for the apostrophe: the cell is empty */
	if (pre + take >= size) {
		take = size - 1 - pre;
		while (take > 0 && ((unsigned char)s[take] & 0xc0) == 0x80)
			take--;   /* never half a character */
	}
	out[0] = '\'';
	memcpy(out + pre, s, take);
	out[pre + take] = '\0';
	return (size_t)(!raw && text_cell_guard(s)) + len;
}

int text_cell_unguard(char *s)
{
	size_t quotes = strspn(s, "'");

	if (quotes == 0 || !formula_start(s[quotes]))
		return 0;
	memmove(s, s + 1, strlen(s));
	return 1;
}

int text_fit_mark(const char *str, int cols, char *out, size_t size)
{
	int w = text_fit(str, cols, out, size);

	if (cols < 1 || size < 4 || text_width(str) <= cols)
		return w;
	/* Room for the mark: one column, three bytes. */
	w = text_fit(str, cols - 1, out, size - 3);
	memcpy(out + strlen(out), "\xe2\x80\xa6", 4);
	return w + 1;
}

size_t text_copy(char *dst, const char *src, size_t size)
{
	size_t len = strlen(src);

	if (size) {
		size_t n = len < size - 1 ? len : size - 1;
		memcpy(dst, src, n);
		dst[n] = '\0';
	}
	return len;
}

size_t text_escape(const char *in, const char *special, char *out, size_t size)
{
	static const char hex[] = "0123456789ABCDEF";
	size_t len = 0, used = 0;
	int full = size == 0;

	for (const unsigned char *p = (const unsigned char *)in; *p; p++) {
		int esc = *p == '%' || strchr(special, *p) != NULL;
		size_t w = esc ? 3 : 1;
		len += w;
		if (full || used + w > size - 1) {
			full = 1;   /* never half an escape: stop writing, keep counting */
			continue;
		}
		if (esc) {
			out[used++] = '%';
			out[used++] = hex[*p >> 4];
			out[used++] = hex[*p & 15];
		} else {
			out[used++] = (char)*p;
		}
	}
	if (size)
		out[used] = '\0';
	return len;
}

static int hex_value(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

size_t text_unescape(const char *in, size_t n, char *out, size_t size)
{
	size_t used = 0;

	if (!size)
		return 0;
	for (size_t i = 0; i < n && in[i] && used < size - 1; i++) {
		int hi, lo;
		if (in[i] == '%' && i + 2 < n &&
		    (hi = hex_value(in[i + 1])) >= 0 && (lo = hex_value(in[i + 2])) >= 0) {
			out[used++] = (char)(hi * 16 + lo);
			i += 2;
		} else {
			out[used++] = in[i];
		}
	}
	out[used] = '\0';
	return used;
}

uint64_t text_hash(uint64_t h, const void *p, size_t n)
{
	const unsigned char *b = p;

	for (size_t i = 0; i < n; i++) {
		h ^= b[i];
		h *= 0x100000001b3ULL;
	}
	return h;
}

uint64_t text_hash_str(uint64_t h, const char *s)
{
	return text_hash(h, s, strlen(s) + 1);
}

uint64_t text_hash_text(uint64_t h, const char *s)
{
	const char *p = s;

	while (*p) {
		size_t blanks = strspn(p, " \t");
		if (blanks) {
			/* a run of blanks counts only when more of its line follows */
			if (p[blanks] && p[blanks] != '\r' && p[blanks] != '\n')
				h = text_hash(h, p, blanks);
			p += blanks;
		} else if (*p == '\r' || *p == '\n') {
			h = text_hash(h, "\n", 1);
			p += p[0] == '\r' && p[1] == '\n' ? 2 : 1;
		} else {
			size_t run = strcspn(p, " \t\r\n");
			h = text_hash(h, p, run);
			p += run;
		}
	}
	return text_hash(h, "", 1);
}

int text_buf_reserve(struct text_buf *b, size_t more)
{
	if (b->len + more <= b->cap)
		return 0;
	size_t cap = b->cap ? b->cap : 4096;
	while (cap < b->len + more)
		cap *= 2;
	char *nd = realloc(b->data, cap);
	if (!nd)
		return -1;
	b->data = nd;
	b->cap = cap;
	return 0;
}

size_t text_buf_put(struct text_buf *b, const char *s, size_t n)
{
	if (text_buf_reserve(b, n + 1) != 0)
		return 0;
	size_t at = b->len;
	memcpy(b->data + at, s, n);
	b->data[at + n] = '\0';
	b->len += n + 1;
	return at + 1;
}

const char *text_buf_str(const struct text_buf *b, size_t off1)
{
	return off1 ? b->data + off1 - 1 : "";
}

void text_buf_free(struct text_buf *b)
{
	free(b->data);
	memset(b, 0, sizeof *b);
}
