/* Cleaning fields of channel files: wrappers, mangled ids, dates, money, quantities. */
#include "ordesk/import_clean.h"
#include "ordesk/clock.h"
#include "ordesk/i18n.h"
#include "ordesk/text.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static int is_blank_byte(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' || c == '\f';
}

/* Trims ASCII blanks, U+00A0 and U+3000 at both ends. */
static void trim(char *s)
{
	char *b = s, *e;

	for (;;) {
		if (is_blank_byte(*b))
			b++;
		else if ((unsigned char)b[0] == 0xc2 && (unsigned char)b[1] == 0xa0)
			b += 2;
		else if ((unsigned char)b[0] == 0xe3 && (unsigned char)b[1] == 0x80 &&
		         (unsigned char)b[2] == 0x80)
			b += 3;
		else
			break;
	}
	e = b + strlen(b);
	for (;;) {
		if (e > b && is_blank_byte(e[-1]))
			e--;
		else if (e - b >= 2 && (unsigned char)e[-2] == 0xc2 && (unsigned char)e[-1] == 0xa0)
			e -= 2;
		else if (e - b >= 3 && (unsigned char)e[-3] == 0xe3 && (unsigned char)e[-2] == 0x80 &&
		         (unsigned char)e[-1] == 0x80)
			e -= 3;
		else
			break;
	}
	memmove(s, b, (size_t)(e - b));
	s[e - b] = '\0';
}

void import_clean_text(char *s)
{
	size_t n;

	trim(s);
	/* The apostrophe a CSV export put before a formula character (text_cell),
	 * exactly one, so an exported file reads back as it was stored. */
	if (text_cell_unguard(s))
		trim(s);
	n = strlen(s);
	/* ="…" keeps Excel from reading the value as a number. */
	if (n >= 3 && s[0] == '=' && s[1] == '"' && s[n - 1] == '"') {
		memmove(s, s + 2, n - 3);
		s[n - 3] = '\0';
		trim(s);
	}
}

void import_clean_id(char *s)
{
	import_clean_text(s);
	while (*s == '\'' || *s == '`') {
		memmove(s, s + 1, strlen(s));
		trim(s);
	}
}

int import_check_id(const char *s, char *why, size_t size)
{
	const char *p = s;
	size_t digits = 0;

	/* 2.98765E+11, 2,98765E+11, 3E+18 */
	while (isdigit((unsigned char)*p))
		p++, digits++;
	if (digits && (*p == '.' || *p == ',')) {
		p++;
		while (isdigit((unsigned char)*p))
			p++;
	}
	if (digits && (*p == 'E' || *p == 'e')) {
		p++;
		if (*p == '+' || *p == '-')
			p++;
		if (isdigit((unsigned char)*p)) {
			while (isdigit((unsigned char)*p))
				p++;
			if (*p == '\0') {
				text_copy(why, _("mangled by a spreadsheet into scientific notation; export it again as text"),
				          size);
				return -1;
			}
		}
	}
	/* A long number whose digits past the 15th are all zero: cut by a spreadsheet. */
	size_t n = strlen(s);
	if (n >= 17 && strspn(s, "0123456789") == n && strspn(s + 15, "0") == n - 15) {
		text_copy(why, _("cut to 15 significant digits by a spreadsheet; export it again as text"), size);
		return -1;
	}
	return 0;
}


/* Days from 1970-01-01 to y-m-d in the proleptic Gregorian calendar. */
static long days_from_civil(int y, int m, int d)
{
	y -= m <= 2;
	long era = (y >= 0 ? y : y - 399) / 400;
	long yoe = y - era * 400;
	long doy = (153L * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static int read_num(const char **p, int maxdigits, int *v)
{
	int n = 0, x = 0;

	while (n < maxdigits && isdigit((unsigned char)**p)) {
		x = x * 10 + (**p - '0');
		(*p)++;
		n++;
	}
	*v = x;
	return n;
}

int import_parse_zone(const char *s, int *minutes)
{
	const char *p = s;
	int sign, h, m = 0, n;

	while (*p == ' ')
		p++;
	if (strcasecmp(p, "Z") == 0 || strcasecmp(p, "UTC") == 0 || strcasecmp(p, "GMT") == 0) {
		*minutes = 0;
		return 0;
	}
	if (strncasecmp(p, "UTC", 3) == 0 || strncasecmp(p, "GMT", 3) == 0)
		p += 3;
	if (*p != '+' && *p != '-')
		return -1;
	sign = *p++ == '-' ? -1 : 1;
	n = read_num(&p, 2, &h);
	if (n == 0)
		return -1;
	if (*p == ':')
		p++;
	if (isdigit((unsigned char)*p) && read_num(&p, 2, &m) != 2)
		return -1;
	while (*p == ' ')
		p++;
	if (*p || h > 14 || m > 59)
		return -1;
	*minutes = sign * (h * 60 + m);
	return 0;
}

static const char *skip_spaces(const char *p)
{
	while (*p == ' ')
		p++;
	return p;
}

/* A month's English name or its first three letters, at p: 1-12 with *p moved past it; 0 when none. */
static int read_month_name(const char **p)
{
	static const char *const names[] = { "january", "february", "march", "april", "may", "june", "july",
	                                     "august", "september", "october", "november", "december" };

	for (int m = 0; m < 12; m++) {
		size_t full = strlen(names[m]);
		if (strncasecmp(*p, names[m], full) == 0 && !isalpha((unsigned char)(*p)[full])) {
			*p += full;
			return m + 1;
		}
		if (strncasecmp(*p, names[m], 3) == 0 && !isalpha((unsigned char)(*p)[3])) {
			*p += 3;
			return m + 1;
		}
	}
	return 0;
}

/*
 * Splits a date written day and month first or month and day first
 * (5/31/2016, 07/12/25): 1 with its numbers, 0 when it is not one.
 */
static int split_short(const char *text, int *a, int *b, int *year)
{
	const char *p = skip_spaces(text);
	int na, nb, nc, c;
	char sep;

	na = read_num(&p, 4, a);
	if (na == 0 || na > 2)
		return 0;
	sep = *p;
	if (sep != '/' && sep != '-')
		return 0;
	p++;
	nb = read_num(&p, 2, b);
	if (!nb || *p != sep)
		return 0;
	p++;
	nc = read_num(&p, 4, &c);
	if (nc != 2 && nc != 4)
		return 0;
	*year = nc == 2 ? 2000 + c : c;
	return 1;
}

enum date_order import_date_evidence(const char *text)
{
	int a, b, y;

	if (!text || !split_short(text, &a, &b, &y))
		return DATE_AUTO;
	if (a > 12 && b >= 1 && b <= 12)
		return DATE_DMY;
	if (b > 12 && a >= 1 && a <= 12)
		return DATE_MDY;
	return DATE_AUTO;
}

int import_parse_date(const char *text, const struct date_opts *o, time_t *out)
{
	const char *p = skip_spaces(text);
	int a, b, c, na, nb, nc, y, mo, d, h = 0, mi = 0, sec = 0;
	char sep;

	if (*p == '\0')
		return 1;
	if (strncmp(p, "0000-00-00", 10) == 0 || strncmp(p, "0000/00/00", 10) == 0)
		return 1;
	if (strcmp(p, "-") == 0)
		return 1;
	/* Sep-30-26, Sep 30, 2026 */
	if ((mo = read_month_name(&p)) != 0) {
		if (*p != '-' && *p != ' ')
			return -1;
		p++;
		if (!read_num(&p, 2, &d))
			return -1;
		if (*p == ',')
			p++;
		if (*p != '-' && *p != ' ')
			return -1;
		p = skip_spaces(p + 1);
		nc = read_num(&p, 4, &c);
		if (nc != 2 && nc != 4)
			return -1;
		y = nc == 2 ? 2000 + c : c;
		goto time_part;
	}
	na = read_num(&p, 4, &a);
	if (!na)
		return -1;
	/* 30-Sep-26, 30 Sep 2026 */
	if (na <= 2 && (*p == '-' || *p == ' ')) {
		const char *q = p + 1;
		if ((mo = read_month_name(&q)) != 0) {
			p = q;
			d = a;
			if (*p != '-' && *p != ' ')
				return -1;
			p++;
			nc = read_num(&p, 4, &c);
			if (nc != 2 && nc != 4)
				return -1;
			y = nc == 2 ? 2000 + c : c;
			goto time_part;
		}
	}
	/* 2026年7月22日 */
	if (strncmp(p, "\xe5\xb9\xb4", 3) == 0) {
		p += 3;
		if (!read_num(&p, 2, &b) || strncmp(p, "\xe6\x9c\x88", 3) != 0)
			return -1;
		p += 3;
		if (!read_num(&p, 2, &c))
			return -1;
		if (strncmp(p, "\xe6\x97\xa5", 3) == 0)
			p += 3;
		y = a, mo = b, d = c;
		if (na != 4)
			return -1;
		goto time_part;
	}
	sep = *p;
	if (sep != '-' && sep != '/' && sep != '.')
		return -1;
	p++;
	nb = read_num(&p, 2, &b);
	if (!nb || *p != sep)
		return -1;
	p++;
	nc = read_num(&p, 4, &c);
	if (!nc)
		return -1;
	if (na == 4) {
		y = a, mo = b, d = c;
		if (nc > 2)
			return -1;
	} else {
		if (nc != 4 && nc != 2)
			return -1;
		y = nc == 2 ? 2000 + c : c;
		enum date_order ord = o ? o->order : DATE_AUTO;
		if (sep == '.')
			ord = DATE_DMY;         /* 31.05.2016: European */
		else if (a > 12 && b <= 12)
			ord = DATE_DMY;         /* 31/5/2016 cannot be month first */
		else if (b > 12 && a <= 12)
			ord = DATE_MDY;         /* 5/31/2016 cannot be day first */
		else if (a == b)
			ord = DATE_MDY;         /* 7/7/2026 reads the same either way */
		if (ord == DATE_AUTO)
			return a >= 1 && a <= 12 && b >= 1 && b <= 12 ? 2 : -1;
		if (ord == DATE_MDY)
			mo = a, d = b;
		else
			d = a, mo = b;
	}
time_part:
	if (!calendar_valid_date(y, mo, d))
		return -1;
	if (*p == 'T' || *p == ' ') {
		const char *q = skip_spaces(p + (*p == 'T'));
		if (isdigit((unsigned char)*q)) {
			p = q;
			if (!read_num(&p, 2, &h) || *p != ':')
				return -1;
			p++;
			if (read_num(&p, 2, &mi) != 2)
				return -1;
			if (*p == ':') {
				p++;
				if (read_num(&p, 2, &sec) != 2)
					return -1;
				if (*p == '.' || *p == ',')
					for (p++; isdigit((unsigned char)*p); p++)
						;
			}
			q = skip_spaces(p);
			if (strncasecmp(q, "AM", 2) == 0 || strncasecmp(q, "PM", 2) == 0) {
				if (h < 1 || h > 12)
					return -1;
				if (h == 12)
					h = 0;
				if (toupper((unsigned char)*q) == 'P')
					h += 12;
				p = q + 2;
			}
		}
	}
	if (h > 23 || mi > 59 || sec > 60)
		return -1;
	p = skip_spaces(p);
	long long t = (long long)days_from_civil(y, mo, d) * 86400 + h * 3600L + mi * 60L + sec;
	if (*p) {
		int zone;
		if (import_parse_zone(p, &zone) != 0)
			return -1;
		*out = (time_t)(t - zone * 60LL);
		return 0;
	}
	if (o && o->has_zone) {
		*out = (time_t)(t - o->zone_minutes * 60LL);
		return 0;
	}
	struct tm tm = { .tm_year = y - 1900, .tm_mon = mo - 1, .tm_mday = d,
	                 .tm_hour = h, .tm_min = mi, .tm_sec = sec, .tm_isdst = -1 };
	*out = mktime(&tm);
	return 0;
}

/* Currency signs and codes that may wrap an amount. */
static const struct {
	const char *text;
	const char *code;
} currencies[] = {
	{ "US$", "USD" }, { "HK$", "HKD" }, { "C$", "CAD" }, { "A$", "AUD" },
	{ "\xef\xbf\xa5", "CNY" },  /* ￥ full width */
	{ "\xc2\xa5", "CNY" },      /* ¥ */
	{ "\xe5\x85\x83", "CNY" },  /* 元 */
	{ "\xe2\x82\xac", "EUR" },  /* € */
	{ "\xc2\xa3", "GBP" },      /* £ */
	{ "\xe2\x82\xa9", "KRW" },  /* ₩ */
	{ "\xe2\x82\xb9", "INR" },  /* ₹ */
	{ "RMB", "CNY" }, { "CNY", "CNY" }, { "USD", "USD" }, { "EUR", "EUR" }, { "GBP", "GBP" },
	{ "JPY", "JPY" }, { "CAD", "CAD" }, { "AUD", "AUD" }, { "HKD", "HKD" },
	{ "$", "USD" },
};

int import_parse_money(const char *text, int decimal_comma, long long *cents, char *currency,
                       size_t currency_size)
{
	char buf[64];
	size_t n = 0;
	int neg = 0, paren = 0;
	const char *p = text;
	const char *code = "";

	if (currency && currency_size)
		*currency = '\0';
	while (*p && n < sizeof buf - 1) {
		size_t k;
		if ((*p >= '0' && *p <= '9') || *p == '.' || *p == ',') {
			buf[n++] = *p++;   /* the common case, before the currency table */
			continue;
		}
		for (k = 0; k < sizeof currencies / sizeof currencies[0]; k++) {
			size_t len = strlen(currencies[k].text);
			if (strncmp(p, currencies[k].text, len) == 0) {
				code = currencies[k].code;
				p += len;
				break;
			}
		}
		if (k < sizeof currencies / sizeof currencies[0])
			continue;
		unsigned char c = (unsigned char)*p;
		if (c == ' ' || c == '\t' || c == '+') {
			p++;
		} else if (c == 0xc2 && (unsigned char)p[1] == 0xa0) {
			p += 2;   /* no-break space */
		} else if (c == '-') {
			neg = !neg;
			p++;
		} else if (c == '(' && n == 0) {
			paren = 1;
			p++;
		} else if (c == ')' && paren) {
			paren = 2;
			p++;
		} else if (isdigit(c) || c == '.' || c == ',' || c == '\'') {
			buf[n++] = (char)c;
			p++;
		} else {
			return -1;
		}
	}
	if (*p)
		return -1;
	buf[n] = '\0';
	if (n == 0)
		return 1;   /* empty, or a placeholder like "-" */
	if (paren == 1)
		return -1;
	if (paren == 2)
		neg = !neg;
	/* The decimal mark: the later of '.' and ',' when both appear; a lone
	 * mark followed by exactly three digits separates thousands. */
	char *lastp = strrchr(buf, '.'), *lastc = strrchr(buf, ',');
	char dec = decimal_comma ? ',' : '.';
	if (lastp && lastc)
		dec = lastp > lastc ? '.' : ',';
	else if (lastc)
		dec = (strlen(lastc + 1) == 3 && strchr(buf, ',') != lastc) || (strlen(lastc + 1) == 3 && !decimal_comma)
		      ? '.' : ',';
	else if (lastp)
		dec = (decimal_comma && strlen(lastp + 1) == 3) || strchr(buf, '.') != lastp ? ',' : '.';
	long long units = 0, frac = 0;
	int fdigits = 0, seen_dec = 0, digits = 0;
	for (char *q = buf; *q; q++) {
		if (*q == dec) {
			if (seen_dec)
				return -1;
			seen_dec = 1;
		} else if (isdigit((unsigned char)*q)) {
			if (seen_dec) {
				if (++fdigits > 2)
					return -1;
				frac = frac * 10 + (*q - '0');
			} else {
				if (units > 1000000000000LL)
					return -1;
				units = units * 10 + (*q - '0');
				digits++;
			}
		} else if (seen_dec || !digits || !isdigit((unsigned char)q[1]) ||
		           !isdigit((unsigned char)q[2]) || !isdigit((unsigned char)q[3]) ||
		           isdigit((unsigned char)q[4])) {
			return -1;   /* a thousands separator: between digits, before three of them */
		}
	}
	if (!digits && !fdigits)
		return -1;
	if (fdigits == 1)
		frac *= 10;
	*cents = (units * 100 + frac) * (neg ? -1 : 1);
	if (currency && currency_size)
		text_copy(currency, code, currency_size);
	return 0;
}

int import_parse_qty(const char *text, int decimal_comma, long *qty)
{
	const char *p = skip_spaces(text);
	long v = 0;
	int digits = 0;

	if (*p == '\0')
		return 1;
	while (isdigit((unsigned char)*p)) {
		if (v > 100000000L)
			return -1;
		v = v * 10 + (*p++ - '0');
		digits++;
	}
	if (!digits)
		return -1;
	if (*p == '.' || (decimal_comma && *p == ',')) {
		p++;
		while (*p == '0')
			p++;
	}
	p = skip_spaces(p);
	if (*p || v <= 0 || v > 1000000)
		return -1;
	*qty = v;
	return 0;
}
