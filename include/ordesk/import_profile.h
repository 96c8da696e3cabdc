#ifndef ORDESK_IMPORT_PROFILE_H
#define ORDESK_IMPORT_PROFILE_H

#include <stddef.h>

#include "ordesk/import_clean.h"
#include "ordesk/import_read.h"
#include "ordesk/validate.h"

/*
 * Import profiles: how one channel's export maps to ordesk's fields.  A
 * profile is a small text file in data/profiles/ (compiled in), or any
 * file named by path.  Its format, one directive a line, '#' comments:
 *
 *   profile   shopify                    its name
 *   title     Shopify admin export       for people
 *   channel   EC                         channel code when the file has none
 *   encoding  auto|utf-8|gb18030|windows-1252|utf-16le|utf-16be
 *   delimiter auto|comma|tab|semicolon
 *   quoting   auto|on|off                (auto: off for TAB separated files)
 *   dates     auto|mdy|dmy               order of day and month in 07/12/2025
 *                                        (auto, or ymd: the file's own dates tell)
 *   zone      +08:00                     zone of times written without one
 *   rows      items|orders               one row per item (grouped), or per order
 *   contacts  given|masked               masked: the channel may hide the buyer's
 *                                        name, phone and address (validate_masked)
 *   require   order_ref qty ...          fields the header must provide to pick it
 *   description, totals, footer WORDS    rows that are not orders: see PROFILE_WORDS_LIST
 *   cancelled refunded, 已取消, ...      word lists: see PROFILE_WORDS_LIST
 *   field     NAME = Col A | Col B + Col C
 *   sku_from  Col A | Col B              more sku alternatives, after the field's own
 *   base      shopify                    first directive: start from a built-in profile
 *
 * A field takes the first alternative (split by '|') whose first column
 * the header has and whose value is not empty; '+' joins several columns'
 * non-empty values with ", ".  Header names match trimmed, case- and
 * width-insensitively (full-width letters and brackets are their ASCII
 * selves).
 */

/* Fields a profile can map: ordesk's own (validate.h), then import-only ones. */
#define IMPORT_EXTRA_LIST(X) \
	X(GROUP,        "group",        'G') \
	X(NAME,         "name",         'L') \
	X(LINE_TOTAL,   "line_total",   'L') \
	X(TOTAL,        "total",        'O') \
	X(CURRENCY,     "currency",     'O') \
	X(STATE,        "state",        'O') \
	X(CANCELLED_AT, "cancelled_at", 'O') \
	X(EMAIL,        "email",        'O') \
	X(SERVICE,      "service",      'O') \
	X(FULFILLED_BY, "fulfilled_by", 'O') \
	X(DISPLAY_REF,  "display_ref",  'O') \
	X(PROMISE_AT,   "promise_at",   'O')

#define IMPORT_ENUM_EXTRA(id, name, level) IF_##id,
enum import_extra_start { IF_EXTRA_BEFORE = FIELD_COUNT - 1, IMPORT_EXTRA_LIST(IMPORT_ENUM_EXTRA) IF_COUNT };
#undef IMPORT_ENUM_EXTRA

/*
 * A profile's word lists: the directive that gives one (comma separated),
 * and what its normalized words are looked for in: an order's field, or,
 * for ROW_CELLS, each cell of a row.  A word matches where it stands as a
 * whole word ("cancelled" in "paid, cancelled", not in "uncancelled");
 * =WORD matches only a value that is that word and nothing else (for CJK
 * words, which have no word boundaries).  Every profile starts with the
 * default totals and footer words below; its own directive replaces them.
 */
#define ROW_CELLS IF_COUNT
#define PROFILE_WORDS_LIST(X) \
	X(CANCELLED,       "cancelled",       IF_STATE)         /* the channel cancelled it */ \
	X(SHIPPED,         "shipped",         IF_STATE)         /* the channel has shipped it */ \
	X(CHANNEL_FULFILS, "channel_fulfils", IF_FULFILLED_BY)  /* the channel ships it itself */ \
	X(URGENT,          "urgent",          IF_SERVICE)       /* the customer asked for speed */ \
	X(DESCRIPTION,     "description",     FIELD_ORDER_REF)  /* the row after the header describes the columns */ \
	X(TOTALS,          "totals",          ROW_CELLS)        /* a row without an order id sums the others up */ \
	X(FOOTER,          "footer",          ROW_CELLS)        /* the export's own lines after its rows */

/* What every profile's totals and footer lists hold until it gives its own. */
#define PROFILE_DEFAULT_TOTALS "=合计, =总计, =小计, =total, =totals, =grand total, =subtotal"
#define PROFILE_DEFAULT_FOOTER ""

#define PROFILE_ENUM_WORDS(id, directive, field) PW_##id,
enum profile_words { PROFILE_WORDS_LIST(PROFILE_ENUM_WORDS) PW_COUNT };
#undef PROFILE_ENUM_WORDS

/* The name of a mappable field (validate.h's and the extras); -1 when unknown. */
const char *import_field_name(int f);
int import_field_parse(const char *word);
/* 'O' order level, 'L' line level, 'G' the grouping key. */
char import_field_level(int f);

#define PROFILE_ALTS 4
#define PROFILE_PARTS 8
#define PROFILE_NAME 96

struct profile_alt {
	int nparts;
	char parts[PROFILE_PARTS][PROFILE_NAME];   /* normalized header names */
};

struct profile_map {
	int nalts;
	struct profile_alt alts[PROFILE_ALTS];
};

struct import_profile {
	char name[32];
	char title[128];
	char channel[8];
	struct import_dialect dialect;
	struct date_opts dates;
	int per_order;                  /* rows orders: each row is a whole order */
	int contacts_masked;            /* contacts masked: a hidden contact is no problem */
	unsigned long require;          /* bit per field */
	char words[PW_COUNT][512];      /* normalized words of each list, each followed by '\n' */
	struct profile_map map[IF_COUNT];
};

/*
 * Parses a profile's text.  On error returns -1 with "line N: what" in
 * why.
 */
int import_profile_parse(const char *text, struct import_profile *p, char *why, size_t size);

/*
 * Loads a profile by name (a compiled-in profile) or by path (when the
 * name holds a '/').  ST_USAGE with a sentence in why when unknown.
 */
enum status import_profile_load(const char *name, struct import_profile *p, char *why, size_t size);

/* The i-th compiled-in profile's name, or NULL past the end. */
const char *import_profile_builtin(size_t i);

/* Normalizes a header name: trims, folds case and width, drops a BOM. */
void import_header_norm(const char *in, char *out, size_t size);

/* Where each field's alternatives' columns are in one header (-1: absent). */
struct profile_binding {
	int col[IF_COUNT][PROFILE_ALTS][PROFILE_PARTS];
};

/*
 * Binds p to a header of n normalized names; returns how many of the
 * header's columns the profile knows (each counted once), and in missing (may be NULL) the required
 * columns it lacks, comma separated.  Returns -1 when a required field
 * cannot be bound.
 */
int import_profile_bind(const struct import_profile *p, const char *const *norm_header, int n,
                        struct profile_binding *b, char *missing, size_t missing_size);

/* The header's columns a binding found, each counted once (required ones bound or not). */
int import_binding_known(const struct profile_binding *b, int n);

/*
 * A profile explains a header well when it knows at least one column in
 * PROFILE_KNOWN_SHARE of its named ones: 1 then.  known is what
 * import_profile_bind returned.
 */
#define PROFILE_KNOWN_SHARE 5
int import_profile_explains(int known, const char *const *norm_header, int n);

/*
 * Picks the compiled-in profile that explains a header best: of those
 * whose required columns it has, the one that knows most of its columns,
 * if it explains it well.  ST_OK with p and b filled, else ST_DATAERR with
 * a sentence in why naming the columns the generic format expects and the
 * closest profile, with what it lacks or how little of the header it
 * knows.  closeness (may be NULL) gets the columns the picked or closest
 * profile knows.
 */
enum status import_profile_detect(const char *const *norm_header, int n, struct import_profile *p,
                                  struct profile_binding *b, int *closeness, char *why, size_t size);

/* The field a word list is looked for in (IF_STATE, ...). */
int import_profile_words_field(enum profile_words list);

/* 1 when one of the profile's words of list is in value, normalized like a header name. */
int import_profile_has_word(const struct import_profile *p, enum profile_words list, const char *value);

#endif
