/* Field validation: which field is wrong and why. */
#include "ordesk/validate.h"
#include "ordesk/clock.h"
#include "ordesk/catalog.h"
#include "ordesk/i18n.h"
#include "ordesk/text.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define FIELD_ROW(id, name, level, required) { name, level, required },
static const struct {
	const char *name;
	char level;
	int required;
} fields[] = {
	FIELD_LIST(FIELD_ROW)
};
#undef FIELD_ROW

const char *field_name(enum field f) { return (unsigned)f < FIELD_COUNT ? fields[f].name : "?"; }
int field_is_line_level(enum field f) { return (unsigned)f < FIELD_COUNT && fields[f].level == 'L'; }
int field_is_required(enum field f) { return (unsigned)f < FIELD_COUNT && fields[f].required; }

int field_parse(const char *word)
{
	for (int i = 0; word && i < FIELD_COUNT; i++)
		if (strcmp(fields[i].name, word) == 0)
			return i;
	return -1;
}

static int blank(const char *s)
{
	if (!s)
		return 1;
	while (*s == ' ' || *s == '\t')
		s++;
	return *s == '\0';
}

static int fail(char *why, size_t size, const char *reason)
{
	if (why && size)
		text_copy(why, reason, size);
	return -1;
}

int validate_money(const char *text, long long *cents)
{
	const char *s = text;
	long long units = 0, frac = 0;
	int neg = 0, digits = 0, fdigits = 0;
	char dec = '.';

	if (!s)
		return -1;
	while (*s == ' ')
		s++;
	if (*s == '-') {
		neg = 1;
		s++;
	}
	/* A decimal comma: exactly one comma followed by one or two digits at the end. */
	const char *comma = strrchr(s, ',');
	if (comma && !strchr(s, '.') && strlen(comma + 1) > 0 && strlen(comma + 1) <= 2 &&
	    isdigit((unsigned char)comma[1]) && (!comma[2] || isdigit((unsigned char)comma[2])))
		dec = ',';
	for (; *s; s++) {
		if (isdigit((unsigned char)*s)) {
			if (units > 100000000000LL)
				return -1;
			units = units * 10 + (*s - '0');
			digits++;
		} else if (*s == dec) {
			s++;
			break;
		} else if ((*s == ',' || *s == ' ' || *s == '\'') && digits) {
			continue; /* thousands separator */
		} else {
			return -1;
		}
	}
	for (; *s; s++) {
		if (!isdigit((unsigned char)*s) || fdigits >= 2) {
			if (*s == ' ')
				continue;
			return -1;
		}
		frac = frac * 10 + (*s - '0');
		fdigits++;
	}
	if (!digits && !fdigits)
		return -1;
	if (fdigits == 1)
		frac *= 10;
	*cents = (units * 100 + frac) * (neg ? -1 : 1);
	return 0;
}

int validate_qty(const char *text, long *qty)
{
	char *end;
	long n;

	if (!text || !isdigit((unsigned char)*text))
		return -1;
	n = strtol(text, &end, 10);
	if (*end != '\0' || n <= 0 || n > 1000000)
		return -1;
	*qty = n;
	return 0;
}

int validate_datetime(const char *text, time_t *out)
{
	int y, mo, d, h = 0, mi = 0, sec = 0, n = 0;
	const char *s;

	if (!text || sscanf(text, "%4d-%2d-%2d%n", &y, &mo, &d, &n) != 3 || n != 10)
		return -1;
	char date[11];
	memcpy(date, text, 10);
	date[10] = '\0';
	long day = calendar_parse_date(date);
	if (day < 0)
		return -1;
	s = text + 10;
	if (*s == 'T' || *s == ' ') {
		s++;
		if (sscanf(s, "%2d:%2d%n", &h, &mi, &n) != 2 || n != 5)
			return -1;
		s += n;
		if (*s == ':') {
			if (sscanf(s + 1, "%2d%n", &sec, &n) != 1 || n != 2)
				return -1;
			s += 3;
			if (*s == '.')
				for (s++; isdigit((unsigned char)*s); s++)
					;
		}
	}
	if (h > 23 || mi > 59 || sec > 60)
		return -1;
	while (*s == ' ')
		s++;
	if (*s == '\0') {
		struct tm tm = { .tm_year = y - 1900, .tm_mon = mo - 1, .tm_mday = d,
		                 .tm_hour = h, .tm_min = mi, .tm_sec = sec, .tm_isdst = -1 };
		*out = mktime(&tm);
		return 0;
	}
	long off = 0;
	if (*s == 'Z' && s[1] == '\0') {
		off = 0;
	} else if (*s == '+' || *s == '-') {
		int oh, om;
		if (sscanf(s + 1, "%2d:%2d%n", &oh, &om, &n) == 2 && n == 5 && s[6] == '\0')
			;
		else if (sscanf(s + 1, "%2d%2d%n", &oh, &om, &n) == 2 && n == 4 && s[5] == '\0')
			;
		else
			return -1;
		if (oh > 14 || om > 59)
			return -1;
		off = (oh * 3600L + om * 60L) * (*s == '-' ? -1 : 1);
	} else {
		return -1;
	}
	*out = (time_t)(day * 86400L + h * 3600L + mi * 60L + sec - off);
	return 0;
}

static int valid_phone(const char *s, char *why, size_t size)
{
	int digits = 0;

	if (strstr(s, "*") || strstr(s, "#"))
		return fail(why, size, _("masked by the channel"));
	for (const char *p = s; *p; p++) {
		if (isdigit((unsigned char)*p))
			digits++;
		else if (!strchr("+-() .", *p) || (*p == '+' && p != s))
			return fail(why, size, _("not a phone number"));
	}
	if (digits < 5 || digits > 20)
		return fail(why, size, _("not a phone number"));
	return 0;
}

static int valid_sku(const char *s, char *why, size_t size)
{
	size_t n = strlen(s);

	if (n > 64)
		return fail(why, size, _("longer than 64 characters"));
	for (; *s; s++)
		if (!isalnum((unsigned char)*s) && !strchr("-_./", *s))
			return fail(why, size, _("has characters a SKU cannot have"));
	return 0;
}

static int valid_flags(const char *s, char *why, size_t size)
{
	char buf[256];
	char *save, *tok;

	text_copy(buf, s, sizeof buf);
	for (tok = strtok_r(buf, ",; ", &save); tok; tok = strtok_r(NULL, ",; ", &save))
		if (strcmp(tok, "urgent") != 0 && strcmp(tok, "quality") != 0 && strcmp(tok, "vip") != 0)
			return fail(why, size, _("unknown flag (urgent, quality, vip)"));
	return 0;
}

int validate_field(enum field f, const char *value, char *why, size_t size)
{
	long long cents;
	long qty;
	time_t t;

	if (blank(value))
		return field_is_required(f) ? fail(why, size, _("missing")) : 0;
	if (strlen(value) > 4096)
		return fail(why, size, _("longer than 4096 bytes"));
	switch (f) {
	case FIELD_CHANNEL:
		for (const char *p = value; *p; p++)
			if (!isupper((unsigned char)*p))
				return fail(why, size, _("a channel code is 2 to 4 capital letters"));
		if (strlen(value) < 2 || strlen(value) > 4)
			return fail(why, size, _("a channel code is 2 to 4 capital letters"));
		return 0;
	case FIELD_ORDER_REF:
		if (strlen(value) > 64)
			return fail(why, size, _("longer than 64 characters"));
		return 0;
	case FIELD_ORDERED_AT:
		return validate_datetime(value, &t) == 0 ? 0 : fail(why, size, _("not a date and time"));
	case FIELD_CUSTOMER:
		return strlen(value) <= 200 ? 0 : fail(why, size, _("longer than 200 bytes"));
	case FIELD_TIER:
		return tier_parse(value) >= 0 ? 0 : fail(why, size, _("unknown tier"));
	case FIELD_PHONE:
		return valid_phone(value, why, size);
	case FIELD_ADDRESS:
		if (strstr(value, "*") || strstr(value, "#"))
			return fail(why, size, _("masked by the channel"));
		return text_width(value) >= 5 ? 0 : fail(why, size, _("too short to be an address"));
	case FIELD_SKU:
		return valid_sku(value, why, size);
	case FIELD_QTY:
		return validate_qty(value, &qty) == 0 ? 0 : fail(why, size, _("not a whole quantity from 1 to 1000000"));
	case FIELD_UNIT_PRICE:
		if (validate_money(value, &cents) != 0)
			return fail(why, size, _("not an amount of money"));
		return cents >= 0 ? 0 : fail(why, size, _("negative"));
	case FIELD_TYPE:
		return otype_parse(value) >= 0 ? 0 : fail(why, size, _("unknown type (sale, custom, return, exchange)"));
	case FIELD_FLAGS:
		return valid_flags(value, why, size);
	case FIELD_NOTE:
	case FIELD_COUNT:
		break;
	}
	return 0;
}
