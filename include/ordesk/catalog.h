#ifndef ORDESK_CATALOG_H
#define ORDESK_CATALOG_H

#include <stddef.h>

/*
 * The enumerable things of the domain, declared once.  Each list expands
 * into an enum, a table of identifiers (the stable English data words used
 * in CSV and on the command line) and a table of labels (translated words
 * a person reads).  Everything else — help text, man page lists, menus,
 * CHECK constraints in tests — is derived from these tables.
 */

/* Stages: identifier, board title, glyph, who owns it. */
#define STAGE_LIST(X) \
	X(NEW,       "new",       "NEW",       "desk clerk") \
	X(REVIEW,    "review",    "REVIEW",    "reviewer") \
	X(LOCKED,    "locked",    "LOCKED",    "stock lead") \
	X(PICKING,   "picking",   "PICKING",   "picking lead") \
	X(SHIPPED,   "shipped",   "SHIPPED",   "shipping clerk") \
	X(TRANSIT,   "transit",   "TRANSIT",   "tracking clerk") \
	X(DONE,      "done",      "DONE",      "") \
	X(CANCELLED, "cancelled", "CANCELLED", "supervisor")

/* Exception kinds: identifier, label, what it means. */
#define EXKIND_LIST(X) \
	X(NEEDS_INFO,        "needs_info",        "needs info", \
	  "a required field is missing or malformed, or a SKU is unknown") \
	X(STOCK_SHORT,       "stock_short",       "stock short", \
	  "locking found too little available stock") \
	X(LOGISTICS_DELAY,   "logistics_delay",   "late in transit", \
	  "in transit past its clock") \
	X(SLA_BREACH,        "sla_breach",        "clock breached", \
	  "a stage clock ran out") \
	X(CUSTOMER_CHANGE,   "customer_change",   "customer change", \
	  "the customer or channel changed address, items, date or cancelled") \
	X(DUPLICATE_SUSPECT, "duplicate_suspect", "duplicate?", \
	  "the same customer and items arrived twice within a short window")

/*
 * A stock_short exception's detail lists its short SKUs as
 * "SKU:needed:available", joined by ';': each SKU is written with
 * text_escape(sku, EXKIND_SHORT_SEPARATORS), so any SKU reads back whole.
 */
#define EXKIND_SHORT_SEPARATORS ":;,\n"

/* Root causes recorded when an exception is resolved. */
#define CAUSE_LIST(X) \
	X(DATA_ENTRY,     "data_entry",     "data entry") \
	X(CHANNEL_DATA,   "channel_data",   "channel data") \
	X(STOCK_PLANNING, "stock_planning", "stock planning") \
	X(SUPPLIER,       "supplier",       "supplier") \
	X(CARRIER,        "carrier",        "carrier") \
	X(CAPACITY,       "capacity",       "capacity") \
	X(CUSTOMER,       "customer",       "customer") \
	X(SYSTEM,         "system",         "system") \
	X(OTHER,          "other",          "other")

/* Roles, lowest first: each may do everything the ones before it may. */
#define ROLE_LIST(X) \
	X(VIEWER,     "viewer",     "reads only") \
	X(CLERK,      "clerk",      "works orders and exceptions") \
	X(SUPERVISOR, "supervisor", "also cancels, overrides clocks, adjusts stock, closes escalations, edits review actions") \
	X(ADMIN,      "admin",      "also manages users and settings")

/* Priority classes, highest first: identifier, glyph (UTF-8, ASCII). */
#define PRIORITY_LIST(X) \
	X(URGENT, "urgent", "\xe2\x96\xb2", "!") \
	X(HIGH,   "high",   "\xe2\x97\x86", "+") \
	X(NORMAL, "normal", " ",            " ") \
	X(LOW,    "low",    "\xe2\x96\xbd", "-")

/* Health of a card: identifier, word, glyph (UTF-8, ASCII). */
#define HEALTH_LIST(X) \
	X(GREEN,   "green",   "ok",      "\xe2\x9c\x93", "+") \
	X(YELLOW,  "yellow",  "in time", "\xe2\x80\xa2", "*") \
	X(AT_RISK, "at_risk", "at risk", "\xe2\x97\x94", "~") \
	X(RED,     "red",     "late",    "\xe2\x9c\x97", "X")

/* Customer tiers, lowest first, with the weight the score gives each. */
#define TIER_LIST(X) \
	X(REGULAR,  "regular",  0) \
	X(SILVER,   "silver",   1) \
	X(GOLD,     "gold",     2) \
	X(PLATINUM, "platinum", 3) \
	X(DIAMOND,  "diamond",  4)

/* Order types. */
#define OTYPE_LIST(X) \
	X(SALE,     "sale") \
	X(CUSTOM,   "custom") \
	X(RETURN,   "return") \
	X(EXCHANGE, "exchange")

/* Flags an order may carry (its flags field, words joined by ','). */
#define OFLAG_LIST(X) \
	X(URGENT,  "urgent")    /* the customer asked for 24 h dispatch */ \
	X(QUALITY, "quality")   /* a return or exchange about quality */ \
	X(VIP,     "vip")       /* a customer the channel marks as important */

#define CATALOG_ENUM_STAGE(id, name, title, owner) STAGE_##id,
enum stage { STAGE_LIST(CATALOG_ENUM_STAGE) STAGE_COUNT };
#define CATALOG_ENUM_EXKIND(id, name, label, what) EXKIND_##id,
enum exkind { EXKIND_LIST(CATALOG_ENUM_EXKIND) EXKIND_COUNT };
#define CATALOG_ENUM_CAUSE(id, name, label) CAUSE_##id,
enum cause { CAUSE_LIST(CATALOG_ENUM_CAUSE) CAUSE_COUNT };
#define CATALOG_ENUM_ROLE(id, name, what) ROLE_##id,
enum role { ROLE_LIST(CATALOG_ENUM_ROLE) ROLE_COUNT };
#define CATALOG_ENUM_PRIORITY(id, name, glyph, ascii) PRIO_##id,
enum priority { PRIORITY_LIST(CATALOG_ENUM_PRIORITY) PRIO_COUNT };
#define CATALOG_ENUM_HEALTH(id, name, word, glyph, ascii) HEALTH_##id,
enum health { HEALTH_LIST(CATALOG_ENUM_HEALTH) HEALTH_COUNT };

#define CATALOG_ENUM_TIER(id, name, weight) TIER_##id,
enum tier { TIER_LIST(CATALOG_ENUM_TIER) TIER_COUNT };
#define CATALOG_ENUM_OTYPE(id, name) OTYPE_##id,
enum otype { OTYPE_LIST(CATALOG_ENUM_OTYPE) OTYPE_COUNT };
#define CATALOG_ENUM_OFLAG(id, name) OFLAG_##id,
enum oflag { OFLAG_LIST(CATALOG_ENUM_OFLAG) OFLAG_COUNT };

/* The seven stages a board shows; CANCELLED is off the board. */
#define STAGE_BOARD_COUNT STAGE_CANCELLED

/* Identifier <-> value.  *_parse returns -1 for an unknown word. */
const char *stage_name(enum stage s);
const char *stage_title(enum stage s);
const char *stage_owner(enum stage s);
int stage_parse(const char *word);

const char *exkind_name(enum exkind k);
const char *exkind_label(enum exkind k);
const char *exkind_what(enum exkind k);
int exkind_parse(const char *word);

const char *cause_name(enum cause c);
const char *cause_label(enum cause c);
int cause_parse(const char *word);

const char *role_name(enum role r);
const char *role_what(enum role r);
int role_parse(const char *word);

const char *priority_name(enum priority p);
const char *priority_glyph(enum priority p, int utf8);
int priority_parse(const char *word);

const char *health_name(enum health h);
const char *health_word(enum health h);
const char *health_glyph(enum health h, int utf8);
int health_parse(const char *word);

const char *tier_name(enum tier t);
int tier_weight(enum tier t);
int tier_parse(const char *word);

const char *otype_name(enum otype t);
int otype_parse(const char *word);

const char *oflag_name(enum oflag f);
int oflag_parse(const char *word);
/* The n bytes at word as a flag, in any case; -1 when unknown. */
int oflag_parse_n(const char *word, size_t n);
/* 1 when a flags field ("urgent,vip", "vip; urgent") holds f as a whole word. */
int oflag_in(const char *flags, enum oflag f);

#endif
