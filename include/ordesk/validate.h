#ifndef ORDESK_VALIDATE_H
#define ORDESK_VALIDATE_H

#include <stddef.h>
#include <time.h>

/*
 * The fields of an order and its lines as ordesk knows them, declared once:
 * the generic import format's columns, `edit FIELD=VALUE`, and the
 * needs_info form all use these names.  Level: O order-level, L line-level.
 */
#define FIELD_LIST(X) \
	X(CHANNEL,    "channel",    'O', 1) \
	X(ORDER_REF,  "order_ref",  'O', 1) \
	X(ORDERED_AT, "ordered_at", 'O', 1) \
	X(CUSTOMER,   "customer",   'O', 1) \
	X(TIER,       "tier",       'O', 0) \
	X(PHONE,      "phone",      'O', 1) \
	X(ADDRESS,    "address",    'O', 1) \
	X(SKU,        "sku",        'L', 1) \
	X(QTY,        "qty",        'L', 1) \
	X(UNIT_PRICE, "unit_price", 'L', 0) \
	X(TYPE,       "type",       'O', 0) \
	X(FLAGS,      "flags",      'O', 0) \
	X(NOTE,       "note",       'O', 0)

#define VALIDATE_ENUM_FIELD(id, name, level, required) FIELD_##id,
enum field { FIELD_LIST(VALIDATE_ENUM_FIELD) FIELD_COUNT };
#undef VALIDATE_ENUM_FIELD

const char *field_name(enum field f);
int field_parse(const char *word);           /* -1 when unknown */
int field_is_line_level(enum field f);
int field_is_required(enum field f);

/*
 * Checks one normalized value.  Returns 0 when it is acceptable, else -1
 * and a short reason in why ("missing", "not a phone number", ...).
 */
int validate_field(enum field f, const char *value, char *why, size_t why_size);

/* Money "1299.00", "1,299.00", "-5", "12,50" (decimal comma) to cents; -1 on error. */
int validate_money(const char *text, long long *cents);
/* A positive whole quantity up to 1,000,000; -1 on error. */
int validate_qty(const char *text, long *qty);
/* "YYYY-MM-DD[ T]HH:MM[:SS][Z|±HH[:]MM]" (no zone: local time); -1 on error. */
int validate_datetime(const char *text, time_t *out);

#endif
