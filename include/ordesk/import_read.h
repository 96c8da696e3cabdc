#ifndef ORDESK_IMPORT_READ_H
#define ORDESK_IMPORT_READ_H

#include <stddef.h>
#include <stdio.h>

#include "ordesk/status.h"

/*
 * The streaming reader of channel files: bytes in, rows of UTF-8 fields
 * out, with the physical line each row starts on.  It detects what is not
 * a CSV at all (empty, ZIP/.xlsx, other binaries, NUL bytes), the encoding
 * (UTF-8 with or without BOM, GB18030/GBK, Windows-1252, and UTF-16 with its
 * BOM, as Excel saves "Unicode Text"), the delimiter
 * (comma, TAB, semicolon, or a first line "sep=;"), and stops on
 * structural damage: a field over 64 KiB (an unterminated quote ends here),
 * a row over 1 MiB, invalid bytes for the encoding.  Memory stays bounded
 * whatever the file's size.  It knows nothing of profiles or orders.
 */
#define IMPORT_FIELD_MAX (64 * 1024)
#define IMPORT_ROW_MAX (1024 * 1024)
#define IMPORT_COLUMNS_MAX 1024

#define IMPORT_ENCODING_LIST(X) \
	X(AUTO,    "auto") \
	X(UTF8,    "utf-8") \
	X(GB18030, "gb18030") \
	X(CP1252,  "windows-1252") \
	X(UTF16LE, "utf-16le") \
	X(UTF16BE, "utf-16be")

#define IMPORT_ENUM_ENCODING(id, name) ENC_##id,
enum import_encoding { IMPORT_ENCODING_LIST(IMPORT_ENUM_ENCODING) ENC_COUNT };
#undef IMPORT_ENUM_ENCODING

const char *import_encoding_name(enum import_encoding e);
/* Accepts the names above and the aliases utf8, gbk, gb2312, cp1252, latin1; -1 when unknown. */
int import_encoding_parse(const char *word);

/* How a file is written.  Zero values mean "detect". */
struct import_dialect {
	char delim;                    /* ',', '\t', ';'; 0: detect from the first line */
	int quoting;                   /* 1 on, 0 off, -1: on unless TAB separated (and not UTF-16) */
	enum import_encoding encoding; /* ENC_AUTO: detect */
	int decimal_comma;             /* 12,50: set for semicolon files */
	int bom;                       /* out: the file began with a UTF-8 BOM */
	int sep_line;                  /* out: the file began with a "sep=X" line */
};

/* One row: fields are UTF-8, NUL-terminated, valid until the callback returns. */
struct import_row {
	const char *const *fields;
	const size_t *lens;
	int n;
	long line;          /* physical line (1-based) where the row starts */
	long end_line;      /* physical line where it ends */
};

/* Where and what: filled when reading stops on damage. */
struct import_error {
	long line, col;     /* 1-based; col counts characters */
	char what[256];
};

/*
 * Returns 0 to go on; any other value stops the reading, and import_read
 * returns it as its status (the callback fills err itself if it wants).
 */
typedef int (*import_row_fn)(void *arg, const struct import_row *row);

/* Called now and then with the bytes read so far. */
typedef void (*import_progress_fn)(void *arg, long long bytes, long rows);

struct import_read_stats {
	long long bytes;
	long rows;          /* rows delivered, the header included */
	long lines;         /* physical lines */
};

/*
 * Reads fp to its end, calling row for every row (blank lines are skipped;
 * rows of empty fields are delivered).  Fills dialect's detected values.
 * ST_DATAERR with err filled on damage, ST_IOERR when reading fails, else
 * ST_OK or what the callback returned.
 */
enum status import_read(FILE *fp, struct import_dialect *dialect, import_row_fn row,
                        import_progress_fn progress, void *arg, struct import_error *err,
                        struct import_read_stats *stats);

#endif
