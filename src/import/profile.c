/* Import profiles: parsing, loading, binding to a header, detection. */
#include "ordesk/import_profile.h"
#include "ordesk/embedded.h"
#include "ordesk/i18n.h"
#include "ordesk/text.h"

#include <ctype.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#define EXTRA_ROW(id, name, level) { name, level },
static const struct {
	const char *name;
	char level;
} extras[] = { IMPORT_EXTRA_LIST(EXTRA_ROW) };
#undef EXTRA_ROW

const char *import_field_name(int f)
{
	if (f >= 0 && f < FIELD_COUNT)
		return field_name((enum field)f);
	if (f >= FIELD_COUNT && f < IF_COUNT)
		return extras[f - FIELD_COUNT].name;
	return "?";
}

int import_field_parse(const char *word)
{
	for (int f = 0; f < IF_COUNT; f++)
		if (strcmp(import_field_name(f), word) == 0)
			return f;
	return -1;
}

char import_field_level(int f)
{
	if (f >= 0 && f < FIELD_COUNT)
		return field_is_line_level((enum field)f) ? 'L' : 'O';
	if (f >= FIELD_COUNT && f < IF_COUNT)
		return extras[f - FIELD_COUNT].level;
	return '?';
}

/* Decodes one UTF-8 character (invalid bytes pass as themselves). */
static size_t next_cp(const unsigned char *s, uint32_t *cp)
{
	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	if ((s[0] & 0xe0) == 0xc0 && (s[1] & 0xc0) == 0x80) {
		*cp = ((uint32_t)(s[0] & 0x1f) << 6) | (s[1] & 0x3f);
		return 2;
	}
	if ((s[0] & 0xf0) == 0xe0 && (s[1] & 0xc0) == 0x80 && (s[2] & 0xc0) == 0x80) {
		*cp = ((uint32_t)(s[0] & 0x0f) << 12) | ((uint32_t)(s[1] & 0x3f) << 6) | (s[2] & 0x3f);
		return 3;
	}
	*cp = 0x100000u | s[0];   /* a private mark for a raw byte */
	return 1;
}

static size_t put_cp(uint32_t cp, char *out)
{
	if (cp & 0x100000u) {
		out[0] = (char)(cp & 0xff);
		return 1;
	}
	if (cp < 0x80) {
		out[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		out[0] = (char)(0xc0 | (cp >> 6));
		out[1] = (char)(0x80 | (cp & 0x3f));
		return 2;
	}
	out[0] = (char)(0xe0 | (cp >> 12));
	out[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
	out[2] = (char)(0x80 | (cp & 0x3f));
	return 3;
}

void import_header_norm(const char *in, char *out, size_t size)
{
	const unsigned char *s = (const unsigned char *)in;
	size_t n = 0;
	int space = 0;

	if (size == 0)
		return;
	while (*s) {
		uint32_t cp;
		s += next_cp(s, &cp);
		if (cp == 0xfeff || cp == 0x200b)
			continue;                      /* BOM, zero-width space */
		if (cp >= 0xff01 && cp <= 0xff5e)
			cp -= 0xfee0;                  /* full-width ASCII */
		else if (cp == 0x3000 || cp == 0xa0)
			cp = ' ';
		else if (cp == 0x3010)
			cp = '[';
		else if (cp == 0x3011)
			cp = ']';
		if (cp == ' ' || cp == '\t' || cp == '\r' || cp == '\n') {
			space = 1;
			continue;
		}
		if (cp < 0x80)
			cp = (uint32_t)tolower((int)cp);
		char buf[4];
		size_t k = put_cp(cp, buf);
		if (n + k + 2 >= size)
			break;
		if (space && n > 0)
			out[n++] = ' ';
		space = 0;
		memcpy(out + n, buf, k);
		n += k;
	}
	out[n] = '\0';
}

static char *trim(char *s)
{
	while (*s == ' ' || *s == '\t')
		s++;
	char *e = s + strlen(s);
	while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r'))
		e--;
	*e = '\0';
	return s;
}

static int perr(char *why, size_t size, int line, const char *what, const char *arg)
{
	char clean[64];

	text_clean(arg ? arg : "", clean, sizeof clean);
	snprintf(why, size, _("line %d: %s %s"), line, what, clean);
	return -1;
}

static int parse_map(char *spec, struct profile_map *m, char *why, size_t size, int line)
{
	char *save_alt, *alt;

	m->nalts = 0;
	for (alt = strtok_r(spec, "|", &save_alt); alt; alt = strtok_r(NULL, "|", &save_alt)) {
		if (m->nalts >= PROFILE_ALTS)
			return perr(why, size, line, _("too many alternatives:"), alt);
		struct profile_alt *a = &m->alts[m->nalts];
		char *save_part, *part;
		a->nparts = 0;
		for (part = strtok_r(alt, "+", &save_part); part; part = strtok_r(NULL, "+", &save_part)) {
			part = trim(part);
			if (!*part)
				continue;
			if (a->nparts >= PROFILE_PARTS)
				return perr(why, size, line, _("too many joined columns:"), part);
			import_header_norm(part, a->parts[a->nparts++], PROFILE_NAME);
		}
		if (a->nparts)
			m->nalts++;
	}
	if (m->nalts == 0)
		return perr(why, size, line, _("no columns for a field"), "");
	return 0;
}

/*
 * Fills out with the normalized comma-separated words of list, each
 * followed by '\n'; -1 when they do not fit.
 */
static int parse_words(char *list, char *out, size_t size)
{
	char *save, *w;
	size_t used = 0;

	out[0] = '\0';
	for (w = strtok_r(list, ",", &save); w; w = strtok_r(NULL, ",", &save)) {
		char norm[128];
		import_header_norm(w, norm, sizeof norm);
		size_t k = strlen(norm);
		if (!k)
			continue;
		if (used + k + 2 > size)
			return -1;
		memcpy(out + used, norm, k);
		used += k;
		out[used++] = '\n';
		out[used] = '\0';
	}
	return 0;
}

#define PROFILE_WORDS_ROW(id, directive, field) { directive, field },
static const struct {
	const char *directive;
	int field;
} word_lists[] = { PROFILE_WORDS_LIST(PROFILE_WORDS_ROW) };

/* The word list a directive gives; -1 when it gives none. */
static int words_parse(const char *directive)
{
	for (int i = 0; i < PW_COUNT; i++)
		if (strcmp(word_lists[i].directive, directive) == 0)
			return i;
	return -1;
}

int import_profile_words_field(enum profile_words list)
{
	return (unsigned)list < PW_COUNT ? word_lists[list].field : -1;
}

/* Appends the alternatives of from after those of m (sku_from after the sku's own). */
static int append_alts(struct profile_map *m, const struct profile_map *from, char *why,
                       size_t size, int line)
{
	for (int a = 0; a < from->nalts; a++) {
		if (m->nalts >= PROFILE_ALTS)
			return perr(why, size, line, _("too many alternatives:"), "sku_from");
		m->alts[m->nalts++] = from->alts[a];
	}
	return 0;
}

static int parse_text(const char *text, struct import_profile *p, char *why, size_t size, int depth);

/* "base NAME": the built-in profile NAME, as the start of this one. */
static int parse_base(const char *name, struct import_profile *p, char *why, size_t size, int line,
                      int depth)
{
	char key[96], err[256];
	const char *text = NULL;

	if (depth > 0)
		return perr(why, size, line, _("a base profile has no base of its own:"), name);
	if (strlen(name) < 40 && !strchr(name, '/')) {
		snprintf(key, sizeof key, "profiles/%s.profile", name);
		text = embedded_find(key);
	}
	if (!text)
		return perr(why, size, line, _("base is a built-in profile, not"), name);
	if (parse_text(text, p, err, sizeof err, depth + 1) != 0)
		return perr(why, size, line, err, "");
	return 0;
}

int import_profile_parse(const char *text, struct import_profile *p, char *why, size_t size)
{
	return parse_text(text, p, why, size, 0);
}

static int parse_text(const char *text, struct import_profile *p, char *why, size_t size, int depth)
{
	char buf[1024];
	int lineno = 0, directives = 0;
	struct profile_map sku_from;

	sku_from.nalts = 0;
	memset(p, 0, sizeof *p);
	p->dialect.quoting = -1;
	p->dates.order = DATE_AUTO;
	p->require = 1ul << FIELD_ORDER_REF;
	{
		char defaults[PW_COUNT][256] = { [PW_TOTALS] = PROFILE_DEFAULT_TOTALS,
		                                 [PW_FOOTER] = PROFILE_DEFAULT_FOOTER };
		for (int w = 0; w < PW_COUNT; w++)
			if (parse_words(defaults[w], p->words[w], sizeof p->words[w]) != 0)
				return perr(why, size, 0, _("too many default words"), "");
	}
	while (*text) {
		size_t n = strcspn(text, "\n");
		lineno++;
		if (n >= sizeof buf)
			return perr(why, size, lineno, _("line too long"), "");
		memcpy(buf, text, n);
		buf[n] = '\0';
		text += n + (text[n] == '\n');
		char *l = trim(buf);
		if (!*l || *l == '#')
			continue;
		char *kw = l;
		char *rest = l + strcspn(l, " \t");
		if (*rest)
			*rest++ = '\0';
		rest = trim(rest);
		int list = words_parse(kw);
		if (strcmp(kw, "base") == 0) {
			if (directives)
				return perr(why, size, lineno, _("base comes before every other directive:"), rest);
			if (parse_base(rest, p, why, size, lineno, depth) != 0)
				return -1;
		} else if (strcmp(kw, "sku_from") == 0) {
			if (parse_map(rest, &sku_from, why, size, lineno) != 0)
				return -1;
		} else if (strcmp(kw, "profile") == 0) {
			text_copy(p->name, rest, sizeof p->name);
		} else if (strcmp(kw, "title") == 0) {
			text_copy(p->title, rest, sizeof p->title);
		} else if (strcmp(kw, "channel") == 0) {
			char vwhy[64];
			if (validate_field(FIELD_CHANNEL, rest, vwhy, sizeof vwhy) != 0)
				return perr(why, size, lineno, _("bad channel code"), rest);
			text_copy(p->channel, rest, sizeof p->channel);
		} else if (strcmp(kw, "encoding") == 0) {
			int e = import_encoding_parse(rest);
			if (e < 0)
				return perr(why, size, lineno, _("unknown encoding"), rest);
			p->dialect.encoding = (enum import_encoding)e;
		} else if (strcmp(kw, "delimiter") == 0) {
			if (strcmp(rest, "comma") == 0)
				p->dialect.delim = ',';
			else if (strcmp(rest, "tab") == 0)
				p->dialect.delim = '\t';
			else if (strcmp(rest, "semicolon") == 0)
				p->dialect.delim = ';';
			else if (strcmp(rest, "auto") == 0)
				p->dialect.delim = 0;
			else
				return perr(why, size, lineno, _("unknown delimiter"), rest);
		} else if (strcmp(kw, "quoting") == 0) {
			if (strcmp(rest, "on") == 0)
				p->dialect.quoting = 1;
			else if (strcmp(rest, "off") == 0)
				p->dialect.quoting = 0;
			else if (strcmp(rest, "auto") == 0)
				p->dialect.quoting = -1;
			else
				return perr(why, size, lineno, _("quoting is on, off or auto, not"), rest);
		} else if (strcmp(kw, "dates") == 0) {
			if (strcmp(rest, "auto") == 0 || strcmp(rest, "ymd") == 0)
				p->dates.order = DATE_AUTO;
			else if (strcmp(rest, "mdy") == 0)
				p->dates.order = DATE_MDY;
			else if (strcmp(rest, "dmy") == 0)
				p->dates.order = DATE_DMY;
			else
				return perr(why, size, lineno, _("dates are auto, mdy or dmy, not"), rest);
		} else if (strcmp(kw, "zone") == 0) {
			if (strcmp(rest, "local") == 0) {
				p->dates.has_zone = 0;
			} else if (import_parse_zone(rest, &p->dates.zone_minutes) == 0) {
				p->dates.has_zone = 1;
			} else {
				return perr(why, size, lineno, _("not a time zone offset:"), rest);
			}
		} else if (strcmp(kw, "rows") == 0) {
			if (strcmp(rest, "items") == 0)
				p->per_order = 0;
			else if (strcmp(rest, "orders") == 0)
				p->per_order = 1;
			else
				return perr(why, size, lineno, _("rows are items or orders, not"), rest);
		} else if (strcmp(kw, "contacts") == 0) {
			if (strcmp(rest, "given") == 0)
				p->contacts_masked = 0;
			else if (strcmp(rest, "masked") == 0)
				p->contacts_masked = 1;
			else
				return perr(why, size, lineno, _("contacts are given or masked, not"), rest);
		} else if (strcmp(kw, "require") == 0) {
			char *save, *w;
			p->require = 0;
			for (w = strtok_r(rest, " ,", &save); w; w = strtok_r(NULL, " ,", &save)) {
				int f = import_field_parse(w);
				if (f < 0)
					return perr(why, size, lineno, _("unknown field"), w);
				p->require |= 1ul << f;
			}
		} else if (list >= 0) {
			if (parse_words(rest, p->words[list], sizeof p->words[list]) != 0) {
				char what[64];
				snprintf(what, sizeof what, _("too many %s words"), kw);
				return perr(why, size, lineno, what, "");
			}
		} else if (strcmp(kw, "field") == 0) {
			char *eq = strchr(rest, '=');
			if (!eq)
				return perr(why, size, lineno, _("field needs NAME = COLUMNS:"), rest);
			*eq = '\0';
			char *fname = trim(rest);
			int f = import_field_parse(fname);
			if (f < 0)
				return perr(why, size, lineno, _("unknown field"), fname);
			if (parse_map(eq + 1, &p->map[f], why, size, lineno) != 0)
				return -1;
		} else {
			return perr(why, size, lineno, _("unknown directive"), kw);
		}
		directives++;
	}
	if (append_alts(&p->map[FIELD_SKU], &sku_from, why, size, lineno) != 0)
		return -1;
	if (!p->name[0])
		return perr(why, size, lineno, _("no 'profile NAME' line"), "");
	for (int f = 0; f < IF_COUNT; f++)
		if ((p->require & (1ul << f)) && p->map[f].nalts == 0)
			return perr(why, size, lineno, _("a required field has no columns:"), import_field_name(f));
	return 0;
}

const char *import_profile_builtin(size_t i)
{
	static char names[32][32];
	size_t k = 0;

	for (const struct embedded_file *f = embedded_files; f->name; f++) {
		if (strncmp(f->name, "profiles/", 9) != 0)
			continue;
		if (k == i && k < 32) {
			text_copy(names[k], f->name + 9, sizeof names[k]);
			char *dot = strrchr(names[k], '.');
			if (dot)
				*dot = '\0';
			return names[k];
		}
		k++;
	}
	return NULL;
}

enum status import_profile_load(const char *name, struct import_profile *p, char *why, size_t size)
{
	char clean[128];
	char err[256];

	text_clean(name, clean, sizeof clean);
	if (strchr(name, '/')) {
		/* Without blocking, and only a regular file: a FIFO would hang the run. */
		int fd = open(name, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
		struct stat st;
		FILE *fp = NULL;
		static char text[64 * 1024];
		if (fd >= 0 && (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode))) {
			close(fd);
			snprintf(why, size, _("the profile %s is not a regular file"), clean);
			return ST_IOERR;
		}
		if (fd >= 0 && !(fp = fdopen(fd, "r")))
			close(fd);
		if (!fp) {
			snprintf(why, size, _("cannot read the profile %s"), clean);
			return ST_IOERR;
		}
		size_t n = fread(text, 1, sizeof text - 1, fp);
		fclose(fp);
		text[n] = '\0';
		if (import_profile_parse(text, p, err, sizeof err) != 0) {
			snprintf(why, size, _("profile %s: %s"), clean, err);
			return ST_USAGE;
		}
		return ST_OK;
	}
	char key[96];
	snprintf(key, sizeof key, "profiles/%s.profile", name);
	const char *text = strlen(name) < 40 ? embedded_find(key) : NULL;
	if (!text) {
		char list[256] = "";
		const char *b;
		for (size_t i = 0; (b = import_profile_builtin(i)) != NULL; i++) {
			if (i)
				strncat(list, ", ", sizeof list - strlen(list) - 1);
			strncat(list, b, sizeof list - strlen(list) - 1);
		}
		snprintf(why, size, _("unknown profile %s (known: %s, or a path to a profile file)"), clean,
		         list);
		return ST_USAGE;
	}
	if (import_profile_parse(text, p, err, sizeof err) != 0) {
		snprintf(why, size, _("built-in profile %s: %s"), clean, err);
		return ST_INTERNAL;
	}
	return ST_OK;
}

static int find_col(const char *const *hdr, int n, const char *name)
{
	for (int i = 0; i < n; i++)
		if (strcmp(hdr[i], name) == 0)
			return i;
	return -1;
}

int import_profile_bind(const struct import_profile *p, const char *const *hdr, int n,
                        struct profile_binding *b, char *missing, size_t missing_size)
{
	static unsigned char used[IMPORT_COLUMNS_MAX];
	int found = 0, ok = 1;

	if (missing && missing_size)
		missing[0] = '\0';
	memset(used, 0, sizeof used);
	for (int f = 0; f < IF_COUNT; f++) {
		int bound = 0;
		for (int a = 0; a < PROFILE_ALTS; a++)
			for (int k = 0; k < PROFILE_PARTS; k++)
				b->col[f][a][k] = -1;
		for (int a = 0; a < p->map[f].nalts; a++) {
			const struct profile_alt *alt = &p->map[f].alts[a];
			for (int k = 0; k < alt->nparts; k++) {
				int c = find_col(hdr, n, alt->parts[k]);
				b->col[f][a][k] = c;
				if (c >= 0 && c < IMPORT_COLUMNS_MAX && !used[c]) {
					used[c] = 1;
					found++;
				}
			}
			if (b->col[f][a][0] >= 0)
				bound = 1;
		}
		if ((p->require & (1ul << f)) && !bound) {
			ok = 0;
			if (missing && missing_size) {
				size_t len = strlen(missing);
				snprintf(missing + len, missing_size - len, "%s%s", len ? ", " : "",
				         p->map[f].alts[0].parts[0]);
			}
		}
	}
	return ok ? found : -1;
}

int import_binding_known(const struct profile_binding *b, int n)
{
	static unsigned char used[IMPORT_COLUMNS_MAX];
	int known = 0;

	memset(used, 0, sizeof used);
	for (int f = 0; f < IF_COUNT; f++)
		for (int a = 0; a < PROFILE_ALTS; a++)
			for (int k = 0; k < PROFILE_PARTS; k++) {
				int c = b->col[f][a][k];
				if (c >= 0 && c < n && c < IMPORT_COLUMNS_MAX && !used[c]) {
					used[c] = 1;
					known++;
				}
			}
	return known;
}

/* The columns of a header a binding uses, comma separated (the first few). */
static void known_names(const struct profile_binding *b, const char *const *hdr, int n, char *out,
                        size_t size)
{
	static unsigned char used[IMPORT_COLUMNS_MAX];
	int listed = 0;

	out[0] = '\0';
	memset(used, 0, sizeof used);
	for (int f = 0; f < IF_COUNT; f++)
		for (int a = 0; a < PROFILE_ALTS; a++)
			for (int k = 0; k < PROFILE_PARTS; k++)
				if (b->col[f][a][k] >= 0 && b->col[f][a][k] < n)
					used[b->col[f][a][k]] = 1;
	for (int c = 0; c < n && c < IMPORT_COLUMNS_MAX; c++) {
		if (!used[c])
			continue;
		size_t len = strlen(out);
		if (listed++ == 6) {
			snprintf(out + len, size - len, ", ...");
			break;
		}
		snprintf(out + len, size - len, "%s%s", len ? ", " : "", hdr[c]);
	}
}

int import_profile_explains(int known, const char *const *hdr, int n)
{
	int named = 0;

	for (int i = 0; i < n; i++)
		named += hdr[i][0] != '\0';
	return known > 0 && known * PROFILE_KNOWN_SHARE >= named;
}

enum status import_profile_detect(const char *const *hdr, int n, struct import_profile *p,
                                  struct profile_binding *b, int *closeness, char *why, size_t size)
{
	static struct import_profile cand;
	static struct profile_binding cb, closest_b;
	char closest_missing[256] = "", closest[32] = "", missing[256], err[128];
	int best = -1, closest_found = 0, closest_binds = 0;
	const char *name;

	for (size_t i = 0; (name = import_profile_builtin(i)) != NULL; i++) {
		if (import_profile_load(name, &cand, err, sizeof err) != ST_OK)
			continue;
		int found = import_profile_bind(&cand, hdr, n, &cb, missing, sizeof missing);
		if (found > best && import_profile_explains(found, hdr, n)) {
			best = found;
			*p = cand;
			*b = cb;
		}
		/* How close it came: the columns it knows, bound or not. */
		int partial = found >= 0 ? found : import_binding_known(&cb, n);
		if (partial > closest_found || (partial == closest_found && found >= 0 && !closest_binds)) {
			closest_found = partial;
			closest_binds = found >= 0;
			closest_b = cb;
			text_copy(closest, cand.name, sizeof closest);
			text_copy(closest_missing, missing, sizeof closest_missing);
		}
	}
	if (closeness)
		*closeness = best > 0 ? best : closest_found;
	if (best > 0)
		return ST_OK;
	char generic[512] = "";
	for (int f = 0; f < FIELD_COUNT; f++) {
		size_t used = strlen(generic);
		snprintf(generic + used, sizeof generic - used, "%s%s", f ? ", " : "",
		         field_name((enum field)f));
	}
	if (closest_found > 0 && closest_binds) {
		char names[256], clean[256];
		int named = 0;
		for (int i = 0; i < n; i++)
			named += hdr[i][0] != '\0';
		known_names(&closest_b, hdr, n, names, sizeof names);
		text_clean(names, clean, sizeof clean);
		snprintf(why, size,
		         _("the header matches no import profile: the closest profile, %s, knows only %d of its %d "
		           "columns (%s; --profile %s reads it so); the generic format expects the columns %s"),
		         closest, closest_found, named, clean, closest, generic);
	} else if (closest_found > 0) {
		snprintf(why, size,
		         _("the header matches no import profile: the closest profile, %s, lacks %s; "
		           "the generic format expects the columns %s"), closest, closest_missing, generic);
	} else {
		snprintf(why, size, _("the header matches no import profile: the generic format expects the columns %s"),
		         generic);
	}
	return ST_DATAERR;
}

/* 1 when a word of list (each followed by '\n') is in text, not inside a longer ASCII word. */
static int has_word(const char *list, const char *text)
{
	for (const char *w = list; *w; w += strcspn(w, "\n") + 1) {
		size_t k = strcspn(w, "\n");
		if (*w == '=' && k > 1) {
			/* =WORD: the whole text and nothing else (CJK words have no word boundaries) */
			if (strlen(text) == k - 1 && strncmp(text, w + 1, k - 1) == 0)
				return 1;
			continue;
		}
		for (const char *s = text; *s; s++) {
			if (strncmp(s, w, k) != 0)
				continue;
			if ((s == text || !isalnum((unsigned char)s[-1])) && !isalnum((unsigned char)s[k]))
				return 1;
		}
	}
	return 0;
}

int import_profile_has_word(const struct import_profile *p, enum profile_words list, const char *value)
{
	char norm[256];

	if ((unsigned)list >= PW_COUNT || !value || !*value)
		return 0;
	import_header_norm(value, norm, sizeof norm);
	return has_word(p->words[list], norm);
}
