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
#include <strings.h>

#define FIELD_ROW(id, name, level, required, format) { name, level, required, format },
static const struct {
	const char *name;
	char level;
	int required;
	const char *format;
} fields[] = {
	FIELD_LIST(FIELD_ROW)
};
#undef FIELD_ROW

const char *field_name(enum field f) { return (unsigned)f < FIELD_COUNT ? fields[f].name : "?"; }
const char *field_format(enum field f) { return (unsigned)f < FIELD_COUNT ? _(fields[f].format) : "?"; }
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

int validate_note(const char *text, char *why, size_t size)
{
	if (!text || strlen(text) <= VALIDATE_TEXT_MAX)
		return 0;
	if (why && size)
		snprintf(why, size, _("a reason, action or note takes at most %d bytes"), VALIDATE_TEXT_MAX);
	return -1;
}

int validate_reason(const char *text, char *why, size_t size)
{
	if (blank(text))
		return fail(why, size, _("a reason is needed: a few words saying why"));
	return validate_note(text, why, size);
}

int validate_action(const char *text, char *why, size_t size)
{
	if (blank(text))
		return fail(why, size, _("say what was done, in a few words"));
	return validate_note(text, why, size);
}

/* Plain short text: not blank, no control characters, at most max bytes. */
static int plain_short(const char *text, size_t max, const char *what, char *why, size_t size)
{
	if (blank(text)) {
		if (why && size)
			snprintf(why, size, _("%s is needed"), what);
		return -1;
	}
	if (!text_is_clean(text) || strlen(text) > max) {
		if (why && size)
			snprintf(why, size, _("%s takes plain text, up to %zu characters"), what, max);
		return -1;
	}
	return 0;
}

int validate_carrier(const char *text, char *why, size_t size)
{
	return plain_short(text, 60, _("a carrier"), why, size);
}

int validate_tracking(const char *text, char *why, size_t size)
{
	return plain_short(text, 78, _("a tracking number"), why, size);
}

/* Currency signs a channel may write next to an amount: ¥ ￥ $ € £. */
static const char *skip_currency(const char *s)
{
	static const char *const signs[] = { "\xc2\xa5", "\xef\xbf\xa5", "$", "\xe2\x82\xac", "\xc2\xa3" };

	for (size_t i = 0; i < sizeof signs / sizeof signs[0]; i++)
		if (strncmp(s, signs[i], strlen(signs[i])) == 0)
			return s + strlen(signs[i]);
	return s;
}

/*
 * The decimal separator is the last '.' or ',' when one or two digits
 * follow it; any other '.', ',', space or apostrophe groups thousands and
 * must be followed by exactly three digits.  "1.299" (a point and three
 * digits, nothing else) is refused: it means 1299 in Europe and 1.299 in
 * the rest of the world.
 */
int validate_money(const char *text, long long *cents)
{
	const char *s = text, *end, *dec = NULL, *p;
	long long units = 0, frac = 0;
	int neg = 0, have_sign = 0, have_cur = 0, ndig = 0, fdig = 0, run = 0, groups = 0;
	char sep = 0;

	if (!s)
		return -1;
	while (*s == ' ')
		s++;
	for (int k = 0; k < 2; k++) {
		if (!have_sign && (*s == '-' || *s == '+')) {
			neg = *s == '-';
			have_sign = 1;
			s++;
		} else if (!have_cur && skip_currency(s) != s) {
			s = skip_currency(s);
			have_cur = 1;
		}
	}
	end = s + strlen(s);
	while (end > s && end[-1] == ' ')
		end--;
	for (p = s; p < end; p++)
		if (*p == '.' || *p == ',')
			dec = p;
	if (dec) {
		size_t k = (size_t)(end - dec - 1);
		for (p = dec + 1; p < end; p++)
			if (!isdigit((unsigned char)*p))
				return -1;
		if (k == 3 && *dec == '.' && !memchr(s, '.', (size_t)(dec - s)))
			return -1;
		if (k != 1 && k != 2)
			dec = NULL;   /* a thousands separator */
	}
	for (p = s; p < (dec ? dec : end); p++) {
		if (isdigit((unsigned char)*p)) {
			if (ndig >= 13)
				return -1;
			units = units * 10 + (*p - '0');
			ndig++;
			run++;
		} else if (strchr(",. '", *p) && (!dec || *p != *dec)) {
			if (run == 0 || (sep && *p != sep) || (groups && run != 3) || (!groups && run > 3))
				return -1;
			sep = *p;
			groups++;
			run = 0;
		} else {
			return -1;
		}
	}
	if (groups && run != 3)
		return -1;
	if (dec)
		for (p = dec + 1; p < end; p++, fdig++)
			frac = frac * 10 + (*p - '0');
	if (ndig == 0 && fdig == 0)
		return -1;
	if (fdig == 1)
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

/* The value of n decimal digits at s, or -1 when any of them is not a digit. */
static int num(const char *s, int n)
{
	int v = 0;

	for (int i = 0; i < n; i++) {
		if (!isdigit((unsigned char)s[i]))
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

int validate_datetime(const char *text, time_t *out)
{
	int y, mo, d, h = 0, mi = 0, sec = 0;
	const char *s;
	char date[11];

	if (!text || strlen(text) < 10)
		return -1;
	memcpy(date, text, 10);
	date[10] = '\0';
	long day = calendar_parse_date(date);
	if (day < 0)
		return -1;
	y = num(text, 4);
	mo = num(text + 5, 2);
	d = num(text + 8, 2);
	s = text + 10;
	if ((*s == 'T' || *s == ' ') && isdigit((unsigned char)s[1])) {
		if ((h = num(s + 1, 2)) < 0 || s[3] != ':' || (mi = num(s + 4, 2)) < 0)
			return -1;
		s += 6;
		if (*s == ':') {
			if ((sec = num(s + 1, 2)) < 0)
				return -1;
			s += 3;
			if (*s == '.' && isdigit((unsigned char)s[1]))
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
		/* +HH, +HHMM or +HH:MM */
		int oh = num(s + 1, 2), om = 0;
		const char *z = s + 3;
		if (oh < 0)
			return -1;
		if (*z == ':')
			z++;
		if (*z) {
			if ((om = num(z, 2)) < 0 || z[2] != '\0')
				return -1;
		} else if (z != s + 3) {
			return -1;   /* "+08:" */
		}
		if (oh > 14 || om > 59)
			return -1;
		off = (oh * 3600L + om * 60L) * (*s == '-' ? -1 : 1);
	} else {
		return -1;
	}
	*out = (time_t)(day * 86400L + h * 3600L + mi * 60L + sec - off);
	return 0;
}

/*
 * The length of an extension that ends s at p ("x123", "ext. 45",
 * "extension 7", ";ext=9"), or 0 when p does not start one.
 */
static size_t phone_extension(const char *p)
{
	static const char *const words[] = { "extension", "extn", "ext", "x", ";ext=" };
	const char *q = NULL;
	int digits = 0;

	for (size_t i = 0; i < sizeof words / sizeof words[0] && !q; i++)
		if (strncasecmp(p, words[i], strlen(words[i])) == 0)
			q = p + strlen(words[i]);
	if (!q)
		return 0;
	q += strspn(q, ".:= ");
	for (; isdigit((unsigned char)*q); q++)
		digits++;
	q += strspn(q, " ");
	return *q == '\0' && digits >= 1 && digits <= 7 ? (size_t)(q - p) : 0;
}

/*
 * A phone as people write it: digits grouped by spaces, dashes, dots,
 * slashes or brackets ("(+44)7309085092", "+44 (0)20 7946 0958"), one
 * '+' before the first digit, brackets that close and do not nest, then
 * an optional extension.  5 to 20 digits before the extension.
 */
static int valid_phone(const char *s, char *why, size_t size)
{
	int digits = 0, open = 0, plus = 0;

	if (validate_masked(FIELD_PHONE, s) || strchr(s, '#'))
		return fail(why, size, _("masked by the channel"));
	for (const char *p = s; *p; p++) {
		if (isdigit((unsigned char)*p)) {
			digits++;
		} else if (*p == '+') {
			if (digits || plus++)
				return fail(why, size, _("not a phone number"));
		} else if (*p == '(' || *p == ')') {
			if ((*p == '(') == open)
				return fail(why, size, _("not a phone number"));
			open = *p == '(';
		} else if (strchr("-. /", *p)) {
			continue;
		} else if (digits && !open && phone_extension(p)) {
			break;
		} else {
			return fail(why, size, _("not a phone number"));
		}
	}
	if (open || digits < 5 || digits > 20)
		return fail(why, size, _("not a phone number"));
	return 0;
}

/* Any printable text: no control characters, bidi overrides or broken UTF-8. */
static int valid_sku(const char *s, char *why, size_t size)
{
	if (strlen(s) > 64)
		return fail(why, size, _("longer than 64 characters"));
	if (!text_is_clean(s))
		return fail(why, size, _("has control characters or is not UTF-8 text"));
	return 0;
}

static int valid_flags(const char *s, char *why, size_t size)
{
	char buf[256];
	char *save, *tok;

	text_copy(buf, s, sizeof buf);
	for (tok = strtok_r(buf, ",; ", &save); tok; tok = strtok_r(NULL, ",; ", &save)) {
		if (oflag_parse(tok) >= 0)
			continue;
		char known[128] = "";
		size_t n = 0;
		for (int f = 0; f < OFLAG_COUNT && n < sizeof known; f++)
			n += (size_t)snprintf(known + n, sizeof known - n, "%s%s", f ? ", " : "", oflag_name(f));
		snprintf(why, size, _("unknown flag (%s)"), known);
		return -1;
	}
	return 0;
}

/* "$$…", "##…", or text wrapped in one of $ # ~ ("$eTS8t8hA==$1$", "#Qn/ZH#"). */
static int ciphertext(const char *s)
{
	size_t n = strlen(s);

	if (n < 2 || !strchr("$#~", s[0]))
		return 0;
	return s[1] == s[0] || (n >= 4 && s[n - 1] == s[0]);
}

int validate_masked(enum field f, const char *value)
{
	switch (f) {
	case FIELD_PHONE:
		return ciphertext(value) || strchr(value, '*') != NULL;
	case FIELD_CUSTOMER:
		/* "张**", "李##" */
		return ciphertext(value) || strchr(value, '*') != NULL || strstr(value, "##") != NULL;
	case FIELD_ADDRESS:
		/* "##密文", "北京市朝阳区****": a single '#' or '*' is an address's own */
		return ciphertext(value) || strstr(value, "**") || strstr(value, "##") || strcmp(value, "*") == 0;
	default:
		return 0;
	}
}

void validate_contact_show(enum field f, const char *value, char *buf, size_t size)
{
	if (!validate_masked(f, value))
		text_copy(buf, value, size);
	else if (ciphertext(value))
		snprintf(buf, size, "%s", _("(masked by the channel)"));
	else
		snprintf(buf, size, _("%s (masked by the channel)"), value);
}

int validate_field(enum field f, const char *value, char *why, size_t size)
{
	long long cents;
	long qty;
	time_t t;

	if (blank(value))
		return field_is_required(f) ? fail(why, size, _("missing")) : 0;
	if (strlen(value) > VALIDATE_TEXT_MAX) {
		if (why && size)
			snprintf(why, size, _("longer than %d bytes"), VALIDATE_TEXT_MAX);
		return -1;
	}
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
		if (validate_masked(FIELD_ADDRESS, value))
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
