/* The domain's enumerations, expanded from the lists in catalog.h. */
#include "ordesk/catalog.h"
#include "ordesk/i18n.h"

#include <string.h>
#include <strings.h>

#define STAGE_ROW(id, name, title, owner) { name, N_(title), N_(owner) },
static const struct { const char *name, *title, *owner; } stages[] = {
	STAGE_LIST(STAGE_ROW)
};

#define EXKIND_ROW(id, name, label, what) { name, N_(label), N_(what) },
static const struct { const char *name, *label, *what; } exkinds[] = {
	EXKIND_LIST(EXKIND_ROW)
};

#define CAUSE_ROW(id, name, label) { name, N_(label) },
static const struct { const char *name, *label; } causes[] = {
	CAUSE_LIST(CAUSE_ROW)
};

#define ROLE_ROW(id, name, what) { name, N_(what) },
static const struct { const char *name, *what; } roles[] = {
	ROLE_LIST(ROLE_ROW)
};

#define PRIORITY_ROW(id, name, glyph, ascii) { name, glyph, ascii },
static const struct { const char *name, *glyph, *ascii; } priorities[] = {
	PRIORITY_LIST(PRIORITY_ROW)
};

#define HEALTH_ROW(id, name, word, glyph, ascii) { name, N_(word), glyph, ascii },
static const struct { const char *name, *word, *glyph, *ascii; } healths[] = {
	HEALTH_LIST(HEALTH_ROW)
};

#define TIER_ROW(id, name, weight) { name, weight },
static const struct { const char *name; int weight; } tiers[] = {
	TIER_LIST(TIER_ROW)
};

#define OTYPE_ROW(id, name) { name },
static const struct { const char *name; } otypes[] = {
	OTYPE_LIST(OTYPE_ROW)
};

#define OFLAG_ROW(id, name) { name },
static const struct { const char *name; } oflags[] = {
	OFLAG_LIST(OFLAG_ROW)
};

/* Finds word among the name fields of a table of rows of the given size. */
static int lookup(const void *table, size_t row_size, int count, const char *word)
{
	const char *row = table;

	for (int i = 0; word && i < count; i++) {
		const char *name = *(const char *const *)(const void *)(row + (size_t)i * row_size);
		if (strcmp(name, word) == 0)
			return i;
	}
	return -1;
}

const char *stage_name(enum stage s) { return (unsigned)s < STAGE_COUNT ? stages[s].name : "?"; }
const char *stage_title(enum stage s) { return (unsigned)s < STAGE_COUNT ? _(stages[s].title) : "?"; }
const char *stage_owner(enum stage s) { return (unsigned)s < STAGE_COUNT && *stages[s].owner ? _(stages[s].owner) : ""; }
int stage_parse(const char *word) { return lookup(stages, sizeof stages[0], STAGE_COUNT, word); }

const char *exkind_name(enum exkind k) { return (unsigned)k < EXKIND_COUNT ? exkinds[k].name : "?"; }
const char *exkind_label(enum exkind k) { return (unsigned)k < EXKIND_COUNT ? _(exkinds[k].label) : "?"; }
const char *exkind_what(enum exkind k) { return (unsigned)k < EXKIND_COUNT ? _(exkinds[k].what) : "?"; }
int exkind_parse(const char *word) { return lookup(exkinds, sizeof exkinds[0], EXKIND_COUNT, word); }

const char *cause_name(enum cause c) { return (unsigned)c < CAUSE_COUNT ? causes[c].name : "?"; }
const char *cause_label(enum cause c) { return (unsigned)c < CAUSE_COUNT ? _(causes[c].label) : "?"; }
int cause_parse(const char *word) { return lookup(causes, sizeof causes[0], CAUSE_COUNT, word); }

const char *role_name(enum role r) { return (unsigned)r < ROLE_COUNT ? roles[r].name : "?"; }
const char *role_what(enum role r) { return (unsigned)r < ROLE_COUNT ? _(roles[r].what) : "?"; }
int role_parse(const char *word) { return lookup(roles, sizeof roles[0], ROLE_COUNT, word); }

const char *priority_name(enum priority p) { return (unsigned)p < PRIO_COUNT ? priorities[p].name : "?"; }
const char *priority_glyph(enum priority p, int utf8)
{
	if ((unsigned)p >= PRIO_COUNT)
		return "?";
	return utf8 ? priorities[p].glyph : priorities[p].ascii;
}
int priority_parse(const char *word) { return lookup(priorities, sizeof priorities[0], PRIO_COUNT, word); }

const char *health_name(enum health h) { return (unsigned)h < HEALTH_COUNT ? healths[h].name : "?"; }
const char *health_word(enum health h) { return (unsigned)h < HEALTH_COUNT ? _(healths[h].word) : "?"; }
const char *health_glyph(enum health h, int utf8)
{
	if ((unsigned)h >= HEALTH_COUNT)
		return "?";
	return utf8 ? healths[h].glyph : healths[h].ascii;
}
int health_parse(const char *word) { return lookup(healths, sizeof healths[0], HEALTH_COUNT, word); }

const char *tier_name(enum tier t) { return (unsigned)t < TIER_COUNT ? tiers[t].name : "?"; }
int tier_weight(enum tier t) { return (unsigned)t < TIER_COUNT ? tiers[t].weight : 0; }
int tier_parse(const char *word) { return lookup(tiers, sizeof tiers[0], TIER_COUNT, word); }

const char *otype_name(enum otype t) { return (unsigned)t < OTYPE_COUNT ? otypes[t].name : "?"; }
int otype_parse(const char *word) { return lookup(otypes, sizeof otypes[0], OTYPE_COUNT, word); }

const char *oflag_name(enum oflag f) { return (unsigned)f < OFLAG_COUNT ? oflags[f].name : "?"; }
int oflag_parse(const char *word) { return lookup(oflags, sizeof oflags[0], OFLAG_COUNT, word); }

int oflag_parse_n(const char *word, size_t n)
{
	for (int i = 0; i < OFLAG_COUNT; i++)
		if (strlen(oflags[i].name) == n && strncasecmp(oflags[i].name, word, n) == 0)
			return i;
	return -1;
}

int oflag_in(const char *flags, enum oflag f)
{
	static const char sep[] = ",; ";

	for (const char *p = flags; *p;) {
		size_t k = strcspn(p, sep);
		if (k && oflag_parse_n(p, k) == (int)f)
			return 1;
		p += k;
		p += strspn(p, sep);
	}
	return 0;
}
