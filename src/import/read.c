/* The streaming reader: detection, decoding, libcsv, physical lines, caps. */
#include "ordesk/import_read.h"
#include "ordesk/i18n.h"
#include "ordesk/text.h"

#include <csv.h>
#include <errno.h>
#include <iconv.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Bytes read at a time, and sniffed.  The fuzz build makes it small, so that
 * its short inputs cross buffer boundaries and outgrow the sniffed part. */
#ifndef IMPORT_READ_CHUNK
#define IMPORT_READ_CHUNK (64 * 1024)
#endif
#define RAW_SIZE IMPORT_READ_CHUNK
#define PIECE_MAX (32 * 1024)          /* at most this much fed to libcsv between checks */
#define PROGRESS_EVERY (4L * 1024 * 1024)

/* libcsv's parser states (csv.h leaves them private; these are its values). */
#define CSV_ROW_NOT_BEGUN 0
#define CSV_FIELD_BEGUN 2

#define ENCODING_ROW(id, name) name,
static const char *const encoding_names[] = { IMPORT_ENCODING_LIST(ENCODING_ROW) };
#undef ENCODING_ROW

const char *import_encoding_name(enum import_encoding e)
{
	return (unsigned)e < ENC_COUNT ? encoding_names[e] : "?";
}

int import_encoding_parse(const char *word)
{
	static const struct {
		const char *alias;
		enum import_encoding e;
	} aliases[] = {
		{ "utf8", ENC_UTF8 }, { "utf-8-bom", ENC_UTF8 }, { "gbk", ENC_GB18030 },
		{ "gb2312", ENC_GB18030 }, { "cp936", ENC_GB18030 }, { "cp1252", ENC_CP1252 },
		{ "latin1", ENC_CP1252 }, { "iso-8859-1", ENC_CP1252 }, { "windows1252", ENC_CP1252 },
	};

	if (!word)
		return -1;
	for (int i = 0; i < ENC_COUNT; i++)
		if (strcasecmp(word, encoding_names[i]) == 0)
			return i;
	for (size_t i = 0; i < sizeof aliases / sizeof aliases[0]; i++)
		if (strcasecmp(word, aliases[i].alias) == 0)
			return (int)aliases[i].e;
	return -1;
}

struct reader {
	FILE *fp;
	struct import_dialect *dl;
	import_row_fn row_fn;
	import_progress_fn progress;
	void *arg;
	struct import_error *err;
	struct import_read_stats *stats;
	struct csv_parser p;
	int p_ready;
	iconv_t cd;
	/* where the text being fed stands */
	long line;
	long cols_before;      /* characters of the current line already fed */
	int at_line_start;
	int pending_cr;
	/* the row in progress */
	long row_line;
	char *rowbuf;          /* its decoded text, to locate a field on error */
	size_t rowlen, rowcap;
	char *fbuf;            /* its fields, NUL-terminated, one after the other */
	size_t flen, fcap;
	size_t offs[IMPORT_COLUMNS_MAX];
	size_t lens[IMPORT_COLUMNS_MAX];
	const char *ptrs[IMPORT_COLUMNS_MAX];
	int nf;
	int stop;              /* a status to return, once set */
	long long next_progress;
	/* UTF-8 was guessed, not named or marked by a BOM, and every byte so far
	 * was ASCII: a later byte that is not UTF-8 may still pick the encoding */
	int utf8_open;
};

static int fail_at(struct reader *r, long line, long col, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static int fail_at(struct reader *r, long line, long col, const char *fmt, ...)
{
	va_list ap;

	if (r->stop)
		return r->stop;
	r->err->line = line;
	r->err->col = col;
	va_start(ap, fmt);
	vsnprintf(r->err->what, sizeof r->err->what, fmt, ap);
	va_end(ap);
	r->stop = ST_DATAERR;
	return r->stop;
}

static long count_chars(const char *s, size_t n)
{
	long c = 0;

	for (size_t i = 0; i < n; i++)
		c += ((unsigned char)s[i] & 0xc0) != 0x80;
	return c;
}

/*
 * Finds where field k of the row in progress starts (its opening quote
 * when quoted), scanning the row's text as libcsv read it.
 */
static void locate_field(const struct reader *r, int k, long *line, long *col, int *quoted)
{
	const unsigned char *s = (const unsigned char *)r->rowbuf;
	unsigned char delim = (unsigned char)r->dl->delim;
	long ln = r->row_line, cl = 1;
	int field = 0, begun = 0, inq = 0;

	*line = ln;
	*col = 1;
	*quoted = 0;
	for (size_t i = 0; i < r->rowlen; i++) {
		unsigned char c = s[i];
		if (inq) {
			if (c == '"') {
				if (i + 1 < r->rowlen && s[i + 1] == '"')
					i++, cl++;
				else
					inq = 0;
			}
		} else if (c == delim) {
			field++;
			begun = 0;
			if (field > k)
				return;
			if (field == k) {
				*line = ln;
				*col = cl + 1;
			}
		} else if (!begun && (c == ' ' || c == '\t')) {
			;
		} else if (!begun) {
			begun = 1;
			if (field == k) {
				*line = ln;
				*col = cl;
				*quoted = r->dl->quoting && c == '"';
				return;
			}
			inq = r->dl->quoting && c == '"';
		}
		if (c == '\n' || (c == '\r' && !(i + 1 < r->rowlen && s[i + 1] == '\n'))) {
			ln++;
			cl = 1;
		} else if ((c & 0xc0) != 0x80 && c != '\r') {
			cl++;
		}
	}
}

static void field_cb(void *data, size_t len, void *arg)
{
	struct reader *r = arg;

	if (r->stop)
		return;
	if (len > IMPORT_FIELD_MAX) {
		long line, col;
		int q;
		locate_field(r, r->nf, &line, &col, &q);
		fail_at(r, line, col, _("a field of more than %d KiB"), IMPORT_FIELD_MAX / 1024);
		return;
	}
	if (r->nf >= IMPORT_COLUMNS_MAX) {
		fail_at(r, r->row_line, 1, _("a row of more than %d columns"), IMPORT_COLUMNS_MAX);
		return;
	}
	if (r->flen + len + 1 > r->fcap) {
		size_t cap = r->fcap ? r->fcap : 4096;
		while (cap < r->flen + len + 1)
			cap *= 2;
		char *nb = realloc(r->fbuf, cap);
		if (!nb) {
			fail_at(r, r->row_line, 1, "%s", _("out of memory"));
			return;
		}
		r->fbuf = nb;
		r->fcap = cap;
	}
	if (len)
		memcpy(r->fbuf + r->flen, data, len);
	r->fbuf[r->flen + len] = '\0';
	r->offs[r->nf] = r->flen;
	r->lens[r->nf] = len;
	r->nf++;
	r->flen += len + 1;
}

static void row_cb(int c, void *arg)
{
	struct reader *r = arg;
	struct import_row row;

	(void)c;
	if (r->stop) {
		r->nf = 0;
		r->flen = 0;
		return;
	}
	for (int i = 0; i < r->nf; i++)
		r->ptrs[i] = r->fbuf + r->offs[i];
	row.fields = r->ptrs;
	row.lens = r->lens;
	row.n = r->nf;
	row.line = r->row_line;
	row.end_line = r->line;
	r->stats->rows++;
	int st = r->row_fn(r->arg, &row);
	if (st != 0)
		r->stop = st;
	r->nf = 0;
	r->flen = 0;
}

static int row_append(struct reader *r, const char *s, size_t n)
{
	if (r->rowlen + n > IMPORT_ROW_MAX)
		return fail_at(r, r->row_line, 1, _("a row of more than %d KiB"), IMPORT_ROW_MAX / 1024);
	if (r->rowlen + n > r->rowcap) {
		size_t cap = r->rowcap ? r->rowcap : 8192;
		while (cap < r->rowlen + n)
			cap *= 2;
		char *nb = realloc(r->rowbuf, cap);
		if (!nb)
			return fail_at(r, r->row_line, 1, "%s", _("out of memory"));
		r->rowbuf = nb;
		r->rowcap = cap;
	}
	memcpy(r->rowbuf + r->rowlen, s, n);
	r->rowlen += n;
	return 0;
}

static int parse_piece(struct reader *r, const char *s, size_t n)
{
	if (row_append(r, s, n) != 0)
		return r->stop;
	for (size_t done = 0; done < n;) {
		size_t used = csv_parse(&r->p, s + done, n - done, field_cb, row_cb, r);
		if (r->stop)
			return r->stop;
		done += used;
		if (done == n)
			break;
		if (csv_error(&r->p) != CSV_EPARSE)
			return fail_at(r, r->line, r->cols_before + 1, "%s", csv_strerror(csv_error(&r->p)));
		if (r->p.quoted) {
			/* A quote that closes too early: the field's opening quote is the likely culprit. */
			long line, col;
			int q;
			locate_field(r, r->nf, &line, &col, &q);
			return fail_at(r, line, col, "%s",
			               _("a quoted field starting here is not closed properly: is a closing quote "
			                 "missing, or a quote inside it not doubled?"));
		}
		/* A quote inside an unquoted field (="123", 12" ruler) is taken as it is. */
		csv_set_opts(&r->p, 0);
		used = csv_parse(&r->p, s + done, 1, field_cb, row_cb, r);
		csv_set_opts(&r->p, CSV_STRICT);
		r->p.status = 0;
		if (used != 1)
			return fail_at(r, r->line, r->cols_before + 1, "%s", csv_strerror(csv_error(&r->p)));
		done++;
	}
	if (r->p.entry_pos > IMPORT_FIELD_MAX) {
		long line, col;
		int q;
		locate_field(r, r->nf, &line, &col, &q);
		if (q)
			return fail_at(r, line, col,
			               _("a quoted field runs on for more than %d KiB: is its closing quote missing?"),
			               IMPORT_FIELD_MAX / 1024);
		return fail_at(r, line, col, _("a field of more than %d KiB"), IMPORT_FIELD_MAX / 1024);
	}
	return 0;
}

/* Feeds decoded, valid UTF-8 text, line by line, checking for NUL bytes. */
static int feed_text(struct reader *r, const char *s, size_t n)
{
	while (n > 0) {
		if (r->pending_cr) {
			r->pending_cr = 0;
			if (*s == '\n') {
				if (parse_piece(r, s, 1) != 0)
					return r->stop;
				s++;
				n--;
				continue;
			}
		}
		if (r->at_line_start) {
			if (r->p.pstate == CSV_ROW_NOT_BEGUN) {
				r->row_line = r->line;
				r->rowlen = 0;
			}
			r->at_line_start = 0;
			r->cols_before = 0;
		}
		size_t lim = n < PIECE_MAX ? n : PIECE_MAX, i = 0;
		while (i < lim) {
			unsigned char c = (unsigned char)s[i];
			if (c <= '\r') {
				if (c == '\n' || c == '\r')
					break;
				if (c == '\0')
					return fail_at(r, r->line, r->cols_before + count_chars(s, i) + 1,
					               "%s", _("a NUL byte: this is a binary file, not CSV text"));
			}
			i++;
		}
		int eol = i < lim;
		size_t take = eol ? i + 1 : i;
		if (parse_piece(r, s, take) != 0)
			return r->stop;
		if (eol) {
			r->pending_cr = s[i] == '\r';
			r->line++;
			r->at_line_start = 1;
		} else {
			r->cols_before += count_chars(s, take);
		}
		s += take;
		n -= take;
	}
	return 0;
}

/* Length of the longest valid UTF-8 prefix; *bad set when an invalid sequence follows it
 * (rather than a sequence cut by the end of the buffer). */
static size_t utf8_prefix(const unsigned char *s, size_t n, int *bad)
{
	size_t i = 0;

	*bad = 0;
	while (i < n) {
		unsigned char c = s[i];
		size_t len;
		if (c < 0x80) {
			i++;
			continue;
		}
		if (c >= 0xc2 && c <= 0xdf)
			len = 2;
		else if (c >= 0xe0 && c <= 0xef)
			len = 3;
		else if (c >= 0xf0 && c <= 0xf4)
			len = 4;
		else {
			*bad = 1;
			return i;
		}
		for (size_t k = 1; k < len; k++) {
			if (i + k >= n)
				return i;    /* cut: wait for more */
			if ((s[i + k] & 0xc0) != 0x80) {
				*bad = 1;
				return i;
			}
		}
		if ((c == 0xe0 && s[i + 1] < 0xa0) || (c == 0xed && s[i + 1] >= 0xa0) ||
		    (c == 0xf0 && s[i + 1] < 0x90) || (c == 0xf4 && s[i + 1] >= 0x90)) {
			*bad = 1;
			return i;
		}
		i += len;
	}
	return i;
}

/* 1 when the bytes decode as GB18030 without error (a cut tail allowed). */
static int gb18030_decodes(const char *s, size_t n)
{
	iconv_t cd = iconv_open("UTF-8", "GB18030");
	char out[4096];
	char *in = (char *)(uintptr_t)s;
	size_t inleft = n;
	int ok = 1;

	if (cd == (iconv_t)-1)
		return 0;
	while (inleft > 0) {
		char *o = out;
		size_t oleft = sizeof out;
		if (iconv(cd, &in, &inleft, &o, &oleft) == (size_t)-1) {
			if (errno == E2BIG)
				continue;
			ok = errno == EINVAL;
			break;
		}
	}
	iconv_close(cd);
	return ok;
}

/* Share of non-ASCII bytes that pair up as GB2312 characters (lead B0-F7, trail A1-FE). */
static int looks_chinese(const unsigned char *s, size_t n)
{
	size_t high = 0, paired = 0;

	for (size_t i = 0; i < n; i++) {
		if (s[i] < 0x80)
			continue;
		if (i + 1 < n && s[i] >= 0xa1 && s[i] <= 0xf7 && s[i + 1] >= 0xa1 && s[i + 1] != 0xff) {
			high += 2;
			paired += 2;
			i++;
			continue;
		}
		high++;
	}
	return high >= 4 && paired * 10 >= high * 9;
}

static enum import_encoding detect_encoding(const unsigned char *s, size_t n, int full)
{
	int bad;
	size_t valid = utf8_prefix(s, n, &bad);
	size_t hdr = 0;
	int header_ascii = 1;

	if (!bad && (valid == n || full))
		return ENC_UTF8;
	while (hdr < n && s[hdr] != '\n' && s[hdr] != '\r') {
		if (s[hdr] >= 0x80)
			header_ascii = 0;
		hdr++;
	}
	if (gb18030_decodes((const char *)s, n) && (!header_ascii || looks_chinese(s, n)))
		return ENC_GB18030;
	return ENC_CP1252;
}

/*
 * The delimiter the first line that has any uses most outside quotes (a
 * title line above the header may have none), among the first 10 lines;
 * a comma by default.
 */
static char detect_delim(const unsigned char *s, size_t n)
{
	size_t i = 0;

	for (int line = 0; line < 10 && i < n; line++) {
		size_t comma = 0, tab = 0, semi = 0;
		int inq = 0;
		for (; i < n; i++) {
			unsigned char c = s[i];
			if (c == '"')
				inq = !inq;
			else if (inq)
				continue;
			else if (c == '\n' || c == '\r')
				break;
			else if (c == ',')
				comma++;
			else if (c == '\t')
				tab++;
			else if (c == ';')
				semi++;
		}
		while (i < n && (s[i] == '\n' || s[i] == '\r'))
			i++;
		if (tab > comma && tab >= semi)
			return '\t';
		if (semi > comma)
			return ';';
		if (comma)
			return ',';
	}
	return ',';
}

/* The delimiter of UTF-16 text, found on its first lines decoded. */
static char utf16_delim(const unsigned char *s, size_t n, enum import_encoding e)
{
	iconv_t cd = iconv_open("UTF-8", e == ENC_UTF16LE ? "UTF-16LE" : "UTF-16BE");
	char out[8192];
	char *in = (char *)(uintptr_t)s, *o = out;
	size_t inleft = n < 4096 ? n : 4096, oleft = sizeof out;

	if (cd == (iconv_t)-1)
		return '\t';
	iconv(cd, &in, &inleft, &o, &oleft);   /* as far as it goes: a cut or bad tail is the reader's to find */
	iconv_close(cd);
	return detect_delim((const unsigned char *)out, (size_t)(o - out));
}

static int starts(const unsigned char *s, size_t n, const char *magic, size_t m)
{
	return n >= m && memcmp(s, magic, m) == 0;
}

/* Looks at the first bytes: what the file is, its encoding and dialect.
 * Returns how many bytes to skip (BOM, sep= line). */
static int sniff(struct reader *r, unsigned char *s, size_t n, int full, size_t *skip)
{
	struct import_dialect *dl = r->dl;

	*skip = 0;
	if (n == 0)
		return fail_at(r, 1, 1, "%s", _("the file is empty"));
	if (starts(s, n, "PK\x03\x04", 4))
		return fail_at(r, 1, 1, "%s",
		               _("this is a ZIP archive (an .xlsx workbook?), not CSV: save it as CSV first"));
	if (starts(s, n, "\xd0\xcf\x11\xe0", 4))
		return fail_at(r, 1, 1, "%s", _("this is an .xls workbook, not CSV: save it as CSV first"));
	if (starts(s, n, "\xff\xfe", 2) || starts(s, n, "\xfe\xff", 2)) {
		/* Excel's "Unicode Text": UTF-16 with its BOM, TAB separated */
		dl->encoding = s[0] == 0xff ? ENC_UTF16LE : ENC_UTF16BE;
		*skip = 2;
		if (!dl->delim)
			dl->delim = utf16_delim(s + 2, n - 2, dl->encoding);
		if (dl->quoting < 0)
			dl->quoting = 1;     /* Excel quotes a cell holding a TAB, a quote or a line end */
	}
	if (starts(s, n, "\x1f\x8b", 2) || starts(s, n, "%PDF", 4))
		return fail_at(r, 1, 1, "%s", _("this is a binary file, not CSV text"));
	if (starts(s, n, "\xef\xbb\xbf", 3)) {
		dl->bom = 1;
		*skip = 3;
		if (dl->encoding == ENC_AUTO || dl->encoding == ENC_UTF8)
			dl->encoding = ENC_UTF8;
	}
	if (dl->encoding == ENC_AUTO)
		dl->encoding = detect_encoding(s + *skip, n - *skip, full);
	const unsigned char *t = s + *skip;
	size_t tn = n - *skip;
	if (tn >= 4 && (starts(t, tn, "sep=", 4) || starts(t, tn, "\"sep=", 5))) {
		size_t at = t[0] == '"' ? 5 : 4;
		if (at < tn && t[at] != '\r' && t[at] != '\n') {
			char d = (char)t[at];
			size_t e = at + 1;
			if (e < tn && t[e] == '"')
				e++;
			if (e >= tn || t[e] == '\r' || t[e] == '\n') {
				if (!dl->delim)
					dl->delim = d;
				while (e < tn && t[e] != '\r' && t[e] != '\n')
					e++;
				if (e < tn && t[e] == '\r')
					e++;
				if (e < tn && t[e] == '\n')
					e++;
				*skip += e;
				dl->sep_line = 1;
				r->line = 2;
				t = s + *skip;
				tn = n - *skip;
			}
		}
	}
	if (!dl->delim)
		dl->delim = detect_delim(t, tn);
	if (dl->quoting < 0)
		dl->quoting = dl->delim != '\t';
	if (dl->delim == ';')
		dl->decimal_comma = 1;
	return 0;
}

static int open_decoder(struct reader *r)
{
	const char *from = r->dl->encoding == ENC_GB18030 ? "GB18030" :
	                   r->dl->encoding == ENC_CP1252 ? "WINDOWS-1252" :
	                   r->dl->encoding == ENC_UTF16LE ? "UTF-16LE" :
	                   r->dl->encoding == ENC_UTF16BE ? "UTF-16BE" : NULL;

	r->cd = (iconv_t)-1;
	if (!from)
		return 0;
	r->cd = iconv_open("UTF-8", from);
	if (r->cd == (iconv_t)-1)
		return fail_at(r, 1, 1, _("this system cannot decode %s"), from);
	return 0;
}

static int bad_bytes(struct reader *r, const unsigned char *b, size_t n)
{
	char hex[32] = "";
	size_t k = 0;

	for (size_t i = 0; i < n && i < 4 && k + 6 < sizeof hex; i++)
		k += (size_t)snprintf(hex + k, sizeof hex - k, "%s0x%02X", i ? " " : "", b[i]);
	return fail_at(r, r->line, r->at_line_start ? 1 : r->cols_before + 1,
	               _("bytes that are not valid %s (%s)"), import_encoding_name(r->dl->encoding), hex);
}

/*
 * A guess of UTF-8 proved wrong by a later byte: when everything before was
 * ASCII (the same in every encoding read here), the rest is decoded in the
 * encoding the bytes from here on look like.  1 when it switched.
 */
static int utf8_guess_mended(struct reader *r, const unsigned char *rest, size_t n)
{
	if (!r->utf8_open)
		return 0;
	r->utf8_open = 0;
	r->dl->encoding = gb18030_decodes((const char *)rest, n) && looks_chinese(rest, n) ? ENC_GB18030
	                                                                                   : ENC_CP1252;
	return open_decoder(r) == 0;
}

static size_t decode_feed(struct reader *r, char *raw, size_t n, int eof);

static size_t decode_utf8(struct reader *r, char *raw, size_t n, int eof)
{
	int bad;
	size_t valid = utf8_prefix((const unsigned char *)raw, n, &bad);

	for (size_t i = 0; i < valid && r->utf8_open; i++)
		r->utf8_open = (unsigned char)raw[i] < 0x80;
	if (feed_text(r, raw, valid) != 0)
		return valid;
	if (!bad && !(eof && valid < n))
		return valid;
	if (utf8_guess_mended(r, (const unsigned char *)raw + valid, n - valid))
		return valid + decode_feed(r, raw + valid, n - valid, eof);
	if (!r->stop)
		bad_bytes(r, (const unsigned char *)raw + valid, n - valid);
	return valid;
}

/* Decodes raw[0..n) and feeds it; returns the bytes consumed (the rest is a cut character). */
static size_t decode_feed(struct reader *r, char *raw, size_t n, int eof)
{
	if (r->cd == (iconv_t)-1)
		return decode_utf8(r, raw, n, eof);
	static char out[RAW_SIZE * 4];
	char *in = raw;
	size_t inleft = n;
	while (inleft > 0) {
		char *o = out;
		size_t oleft = sizeof out;
		size_t rc = iconv(r->cd, &in, &inleft, &o, &oleft);
		int e = errno;
		if (feed_text(r, out, (size_t)(o - out)) != 0)
			return n - inleft;
		if (rc != (size_t)-1)
			continue;
		if (e == E2BIG)
			continue;
		if (e == EINVAL && !eof)
			break;
		bad_bytes(r, (const unsigned char *)in, inleft);
		break;
	}
	return n - inleft;
}

enum status import_read(FILE *fp, struct import_dialect *dl, import_row_fn row,
                        import_progress_fn progress, void *arg, struct import_error *err,
                        struct import_read_stats *stats)
{
	static char raw[RAW_SIZE];
	struct reader *r = calloc(1, sizeof *r);
	struct import_read_stats dummy;
	size_t have = 0, skip = 0;
	int first = 1;
	enum status st;

	if (!stats)
		stats = &dummy;
	memset(stats, 0, sizeof *stats);
	memset(err, 0, sizeof *err);
	if (!r) {
		snprintf(err->what, sizeof err->what, "%s", _("out of memory"));
		return ST_INTERNAL;
	}
	r->fp = fp;
	r->dl = dl;
	r->row_fn = row;
	r->progress = progress;
	r->arg = arg;
	r->err = err;
	r->stats = stats;
	r->line = 1;
	r->at_line_start = 1;
	r->cd = (iconv_t)-1;
	r->next_progress = PROGRESS_EVERY;
	dl->bom = dl->sep_line = 0;

	for (;;) {
		size_t got = fread(raw + have, 1, sizeof raw - have, fp);
		int eof = got < sizeof raw - have;
		if (eof && ferror(fp)) {
			snprintf(err->what, sizeof err->what, _("reading failed: %s"), strerror(errno));
			r->stop = ST_IOERR;
			break;
		}
		stats->bytes += (long long)got;
		have += got;
		if (first) {
			/* Sniff a full buffer (or the whole file when it is smaller). */
			if (!eof && have < sizeof raw)
				continue;
			first = 0;
			int guessing = dl->encoding == ENC_AUTO;
			if (sniff(r, (unsigned char *)raw, have, !eof, &skip) != 0 || open_decoder(r) != 0)
				break;
			r->utf8_open = guessing && !dl->bom && dl->encoding == ENC_UTF8;
			if (csv_init(&r->p, dl->quoting ? CSV_STRICT : 0) != 0) {
				fail_at(r, 1, 1, "%s", _("out of memory"));
				break;
			}
			r->p_ready = 1;
			csv_set_delim(&r->p, (unsigned char)dl->delim);
			/* Quoting off: NUL is never fed (it is refused first), so it never quotes. */
			csv_set_quote(&r->p, dl->quoting ? CSV_QUOTE : 0);
			memmove(raw, raw + skip, have - skip);
			have -= skip;
		}
		size_t used = decode_feed(r, raw, have, eof);
		if (r->stop)
			break;
		memmove(raw, raw + used, have - used);
		have -= used;
		if (progress && stats->bytes >= r->next_progress) {
			progress(arg, stats->bytes, stats->rows);
			r->next_progress = stats->bytes + PROGRESS_EVERY;
		}
		if (eof)
			break;
	}
	if (!r->stop && r->p_ready) {
		if (r->p.pstate == CSV_FIELD_BEGUN && r->p.quoted) {
			long line, col;
			int q;
			locate_field(r, r->nf, &line, &col, &q);
			fail_at(r, line, col, "%s", _("a quote opened here is never closed"));
		} else {
			csv_fini(&r->p, field_cb, row_cb, r);
		}
	}
	stats->lines = r->line - (r->at_line_start ? 1 : 0);
	st = (enum status)r->stop;
	if (r->p_ready)
		csv_free(&r->p);
	if (r->cd != (iconv_t)-1)
		iconv_close(r->cd);
	free(r->rowbuf);
	free(r->fbuf);
	free(r);
	return st;
}
