#ifndef ORDESK_VALIDATE_H
#define ORDESK_VALIDATE_H

#include <stddef.h>
#include <time.h>

#include "ordesk/i18n.h"

/*
 * The fields of an order and its lines as ordesk knows them, declared once:
 * the generic import format's columns, `edit FIELD=VALUE`, and the
 * needs_info form all use these names.  Level: O order-level, L line-level.
 */
#define FIELD_LIST(X) \
	X(CHANNEL,    "channel",    'O', 1, N_("2 to 4 capital letters, like EC")) \
	X(ORDER_REF,  "order_ref",  'O', 1, N_("the channel's order id, up to 64 characters")) \
	X(ORDERED_AT, "ordered_at", 'O', 1, N_("YYYY-MM-DD HH:MM")) \
	X(CUSTOMER,   "customer",   'O', 1, N_("a name, up to 200 bytes")) \
	X(TIER,       "tier",       'O', 0, N_("regular, silver, gold, platinum or diamond")) \
	X(PHONE,      "phone",      'O', 1, N_("5 to 20 digits with + - ( ) . or spaces, like +86 130 0505 7019")) \
	X(ADDRESS,    "address",    'O', 1, N_("at least 5 characters")) \
	X(SKU,        "sku",        'L', 1, N_("any text without control characters, spaces too, up to 64 bytes")) \
	X(QTY,        "qty",        'L', 1, N_("a whole number from 1 to 1000000")) \
	X(UNIT_PRICE, "unit_price", 'L', 0, N_("an amount like 1299.00")) \
	X(TYPE,       "type",       'O', 0, N_("sale, custom, return or exchange")) \
	X(FLAGS,      "flags",      'O', 0, N_("words joined by commas, like urgent")) \
	X(NOTE,       "note",       'O', 0, N_("any text"))

#define VALIDATE_ENUM_FIELD(id, name, level, required, format) FIELD_##id,
enum field { FIELD_LIST(VALIDATE_ENUM_FIELD) FIELD_COUNT };
#undef VALIDATE_ENUM_FIELD

const char *field_name(enum field f);
/* What a field takes, for a person ("5 to 20 digits ..."), translated. */
const char *field_format(enum field f);
int field_parse(const char *word);           /* -1 when unknown */
int field_is_line_level(enum field f);
int field_is_required(enum field f);

/*
 * Checks one normalized value.  Returns 0 when it is acceptable, else -1
 * and a short reason in why ("missing", "not a phone number", ...).
 */
int validate_field(enum field f, const char *value, char *why, size_t why_size);

/*
 * The checks the desk runs on what an operator types, also run by the
 * board as each prompt is answered (so nothing is refused after the last
 * one).  Each returns 0, or -1 with why saying what is wrong and the
 * format expected.
 *   validate_reason    a reason (moving back, cancelling, adjusting): not blank
 *   validate_action    what was done to resolve an exception: not blank
 *   validate_note      a note, optional (NULL or empty is fine)
 * and none of the three longer than VALIDATE_TEXT_MAX.
 *   validate_carrier   a carrier: not blank, plain text, up to 60 bytes
 *   validate_tracking  a tracking number: not blank, plain text, up to 78 bytes
 */
/* Free text, wherever it comes from (a reason, an action, a note typed or
 * given on the command line, a channel's order note, any field of an
 * import): at most this many bytes, the one limit of the kind. */
#define VALIDATE_TEXT_MAX 4096
int validate_note(const char *text, char *why, size_t why_size);
int validate_reason(const char *text, char *why, size_t why_size);
int validate_action(const char *text, char *why, size_t why_size);
int validate_carrier(const char *text, char *why, size_t why_size);
int validate_tracking(const char *text, char *why, size_t why_size);

/*
 * Whether a customer, phone or address is one the channel hid from the
 * seller (Taobao, Tmall, JD, Douyin deliver to the buyer themselves): stars
 * or hashes in place of digits or characters (138****5678, 1******6198,
 * 张**, 李##, *), or a ciphertext ($$…, ##…, or wrapped in $, # or ~).
 * An address's own single '*' or '#' (Flat #4) is no mask.  0 for any
 * other field.
 */
int validate_masked(enum field f, const char *value);
/* A contact as a person should see it: the value, a masked one said to be
 * masked ("138****5678 (masked by the channel)"), a ciphertext only said
 * to be. */
void validate_contact_show(enum field f, const char *value, char *buf, size_t size);

/* Money "1299.00", "1,299.00", "-5", "12,50" (decimal comma) to cents; -1 on error. */
int validate_money(const char *text, long long *cents);
/* A positive whole quantity up to 1,000,000; -1 on error. */
int validate_qty(const char *text, long *qty);
/* "YYYY-MM-DD[ T]HH:MM[:SS][Z|±HH[:]MM]" (no zone: local time); -1 on error. */
int validate_datetime(const char *text, time_t *out);

#endif
