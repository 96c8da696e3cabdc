/* core/catalog: every list round-trips, and the schema's CHECK lists name exactly its words. */
#include <check.h>
#include <string.h>

#include "support.h"
#include "ordesk/catalog.h"
#include "ordesk/embedded.h"

/* One catalogue seen through its functions. */
struct list {
	const char *what;
	int count;
	const char *(*name)(int i);
	int (*parse)(const char *word);
};

static const char *stage_n(int i) { return stage_name((enum stage)i); }
static const char *exkind_n(int i) { return exkind_name((enum exkind)i); }
static const char *cause_n(int i) { return cause_name((enum cause)i); }
static const char *role_n(int i) { return role_name((enum role)i); }
static const char *prio_n(int i) { return priority_name((enum priority)i); }
static const char *health_n(int i) { return health_name((enum health)i); }
static const char *tier_n(int i) { return tier_name((enum tier)i); }
static const char *otype_n(int i) { return otype_name((enum otype)i); }
static const char *oflag_n(int i) { return oflag_name((enum oflag)i); }

static const struct list lists[] = {
	{ "stage", STAGE_COUNT, stage_n, stage_parse },
	{ "exception kind", EXKIND_COUNT, exkind_n, exkind_parse },
	{ "cause", CAUSE_COUNT, cause_n, cause_parse },
	{ "role", ROLE_COUNT, role_n, role_parse },
	{ "priority", PRIO_COUNT, prio_n, priority_parse },
	{ "health", HEALTH_COUNT, health_n, health_parse },
	{ "tier", TIER_COUNT, tier_n, tier_parse },
	{ "order type", OTYPE_COUNT, otype_n, otype_parse },
	{ "order flag", OFLAG_COUNT, oflag_n, oflag_parse },
};
#define NLISTS (int)(sizeof lists / sizeof lists[0])

/* A data word: lower-case letters and underscores only. */
static int is_word(const char *s)
{
	if (!*s)
		return 0;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || *s == '_'))
			return 0;
	return 1;
}

START_TEST(names_round_trip)
{
	const struct list *l = &lists[_i];

	ck_assert_int_gt(l->count, 1);
	for (int i = 0; i < l->count; i++) {
		const char *n = l->name(i);
		ck_assert_msg(is_word(n), "%s %d: '%s' is not a data word", l->what, i, n);
		ck_assert_msg(l->parse(n) == i, "%s '%s' parses to %d, not %d", l->what, n, l->parse(n), i);
		for (int j = 0; j < i; j++)
			ck_assert_str_ne(l->name(j), n);
	}
	ck_assert_str_eq(l->name(l->count), "?");
	ck_assert_str_eq(l->name(-1), "?");
	ck_assert_int_eq(l->parse("?"), -1);
	ck_assert_int_eq(l->parse(""), -1);
	ck_assert_int_eq(l->parse(NULL), -1);
	ck_assert_int_eq(l->parse("NEW"), -1);   /* words are case-sensitive */
	ck_assert_int_eq(l->parse("new "), -1);
}
END_TEST

START_TEST(design_words)
{
	static const char *const stages[] = { "new", "review", "locked", "picking", "shipped",
	                                      "transit", "done", "cancelled" };
	static const char *const kinds[] = { "needs_info", "stock_short", "logistics_delay",
	                                     "sla_breach", "customer_change", "duplicate_suspect" };
	static const char *const causes[] = { "data_entry", "channel_data", "stock_planning", "supplier",
	                                      "carrier", "capacity", "customer", "system", "other" };
	static const char *const roles[] = { "viewer", "clerk", "supervisor", "admin" };
	static const char *const prios[] = { "urgent", "high", "normal", "low" };

	ck_assert_int_eq(STAGE_COUNT, 8);
	for (int i = 0; i < STAGE_COUNT; i++)
		ck_assert_str_eq(stage_name((enum stage)i), stages[i]);
	ck_assert_int_eq(EXKIND_COUNT, 6);
	for (int i = 0; i < EXKIND_COUNT; i++)
		ck_assert_str_eq(exkind_name((enum exkind)i), kinds[i]);
	ck_assert_int_eq(CAUSE_COUNT, 9);
	for (int i = 0; i < CAUSE_COUNT; i++)
		ck_assert_str_eq(cause_name((enum cause)i), causes[i]);
	ck_assert_int_eq(ROLE_COUNT, 4);
	for (int i = 0; i < ROLE_COUNT; i++)
		ck_assert_str_eq(role_name((enum role)i), roles[i]);
	ck_assert_int_eq(PRIO_COUNT, 4);
	for (int i = 0; i < PRIO_COUNT; i++)
		ck_assert_str_eq(priority_name((enum priority)i), prios[i]);
	ck_assert_int_eq(STAGE_BOARD_COUNT, 7);
	ck_assert_int_eq(stage_parse("cancelled"), STAGE_BOARD_COUNT);
}
END_TEST

START_TEST(flags_in_a_flags_field)
{
	ck_assert_int_eq(OFLAG_COUNT, 3);
	ck_assert_str_eq(oflag_name(OFLAG_URGENT), "urgent");
	ck_assert_int_eq(oflag_parse_n("URGENT,vip", 6), OFLAG_URGENT);
	ck_assert_int_eq(oflag_parse_n("vipx", 3), OFLAG_VIP);
	ck_assert_int_eq(oflag_parse_n("vipx", 4), -1);
	ck_assert_int_eq(oflag_parse_n("", 0), -1);
	ck_assert_int_eq(oflag_in("urgent", OFLAG_URGENT), 1);
	ck_assert_int_eq(oflag_in("vip,urgent", OFLAG_URGENT), 1);
	ck_assert_int_eq(oflag_in("vip; Quality", OFLAG_QUALITY), 1);
	ck_assert_int_eq(oflag_in(" ,;urgent;; ", OFLAG_URGENT), 1);
	ck_assert_int_eq(oflag_in("nonurgent", OFLAG_URGENT), 0);
	ck_assert_int_eq(oflag_in("urgently,vip", OFLAG_URGENT), 0);
	ck_assert_int_eq(oflag_in("vip", OFLAG_URGENT), 0);
	ck_assert_int_eq(oflag_in("", OFLAG_VIP), 0);
}
END_TEST

START_TEST(labels_glyphs_and_weights)
{
	for (int i = 0; i < STAGE_COUNT; i++) {
		ck_assert_str_ne(stage_title((enum stage)i), "");
		ck_assert_uint_eq(strlen(stage_title((enum stage)i)), strlen(stage_name((enum stage)i)));
	}
	ck_assert_str_eq(stage_owner(STAGE_DONE), "");
	ck_assert_str_ne(stage_owner(STAGE_PICKING), "");
	for (int i = 0; i < EXKIND_COUNT; i++) {
		ck_assert_str_ne(exkind_label((enum exkind)i), "");
		ck_assert_str_ne(exkind_what((enum exkind)i), "");
	}
	for (int i = 0; i < CAUSE_COUNT; i++)
		ck_assert_str_ne(cause_label((enum cause)i), "");
	for (int i = 0; i < ROLE_COUNT; i++)
		ck_assert_str_ne(role_what((enum role)i), "");
	/* Colour is never the only signal: health words and glyphs differ from each other. */
	for (int i = 0; i < HEALTH_COUNT; i++) {
		ck_assert_str_ne(health_word((enum health)i), "");
		ck_assert_uint_eq(strlen(health_glyph((enum health)i, 0)), 1);
		for (int j = 0; j < i; j++) {
			ck_assert_str_ne(health_word((enum health)i), health_word((enum health)j));
			ck_assert_str_ne(health_glyph((enum health)i, 0), health_glyph((enum health)j, 0));
			ck_assert_str_ne(health_glyph((enum health)i, 1), health_glyph((enum health)j, 1));
		}
	}
	for (int i = 0; i < PRIO_COUNT; i++) {
		ck_assert_uint_eq(strlen(priority_glyph((enum priority)i, 0)), 1);
		for (int j = 0; j < i; j++) {
			ck_assert_str_ne(priority_glyph((enum priority)i, 0), priority_glyph((enum priority)j, 0));
			ck_assert_str_ne(priority_glyph((enum priority)i, 1), priority_glyph((enum priority)j, 1));
		}
	}
	ck_assert_str_eq(priority_glyph(PRIO_COUNT, 1), "?");
	ck_assert_str_eq(health_glyph(HEALTH_COUNT, 0), "?");
	/* Tiers lowest first, each weighing more than the one before. */
	for (int i = 1; i < TIER_COUNT; i++)
		ck_assert_int_gt(tier_weight((enum tier)i), tier_weight((enum tier)(i - 1)));
	ck_assert_str_eq(tier_name(TIER_DIAMOND), "diamond");
	ck_assert_int_eq(tier_weight(TIER_COUNT), 0);
	/* Roles lowest first. */
	ck_assert_int_lt(ROLE_VIEWER, ROLE_CLERK);
	ck_assert_int_lt(ROLE_CLERK, ROLE_SUPERVISOR);
	ck_assert_int_lt(ROLE_SUPERVISOR, ROLE_ADMIN);
}
END_TEST

/*
 * The quoted words of the list that follows marker at p, up to the closing
 * parenthesis (or, for an INSERT, the semicolon).  Returns the count.
 */
static int quoted_words(const char *p, char words[][40], int max, char stop)
{
	int n = 0;

	for (; *p && *p != stop; p++) {
		if (*p != '\'')
			continue;
		const char *end = strchr(p + 1, '\'');
		ck_assert_ptr_nonnull(end);
		ck_assert_int_lt(n, max);
		ck_assert_int_lt(end - p - 1, 40);
		memcpy(words[n], p + 1, (size_t)(end - p - 1));
		words[n][end - p - 1] = '\0';
		n++;
		p = end;
	}
	return n;
}

/* Every occurrence of marker in the schema lists exactly the words of l. */
static int check_list(const char *sql, const char *marker, const struct list *l, char stop)
{
	int seen = 0;

	for (const char *p = strstr(sql, marker); p; p = strstr(p + 1, marker)) {
		char words[32][40];
		int n = quoted_words(p + strlen(marker), words, 32, stop);
		ck_assert_msg(n == l->count, "%s: the schema lists %d words, the catalogue %d", marker, n,
		              l->count);
		for (int i = 0; i < n; i++)
			ck_assert_msg(strcmp(words[i], l->name(i)) == 0, "%s: schema word %d is '%s', catalogue '%s'",
			              marker, i, words[i], l->name(i));
		seen++;
	}
	return seen;
}

START_TEST(schema_check_lists_match_the_catalogue)
{
	const char *sql = embedded_find("migrations/001_base.sql");

	ck_assert_ptr_nonnull(sql);
	/* The orders table writes its lists as OR chains ("stage = 'new' OR …"):
	 * an IN list in a CHECK builds a temporary table on every insert. */
	ck_assert_int_eq(check_list(sql, "CHECK (stage =", &lists[0], ')'), 1);
	ck_assert_int_eq(check_list(sql, "CHECK (kind IN", &lists[1], ')'), 1);
	ck_assert_int_eq(check_list(sql, "cause IS NULL OR cause IN", &lists[2], ')'), 1);
	ck_assert_int_eq(check_list(sql, "CHECK (role IN", &lists[3], ')'), 1);
	ck_assert_int_eq(check_list(sql, "CHECK (priority =", &lists[4], ')'), 1);
	ck_assert_int_eq(check_list(sql, "CHECK (tier IN", &lists[6], ')'), 1);
	ck_assert_int_eq(check_list(sql, "CHECK (tier =", &lists[6], ')'), 1);
	ck_assert_int_eq(check_list(sql, "CHECK (type =", &lists[7], ')'), 1);
	/* the stage counts start with one row per stage */
	ck_assert_int_eq(check_list(sql, "INSERT INTO stage_counts (stage) VALUES", &lists[0], ';'), 1);
	ck_assert_ptr_null(embedded_find("migrations/no_such.sql"));
}
END_TEST

int main(void)
{
	Suite *s = suite_create("core_catalog");
	TCase *tc = tcase_create("catalog");

	tcase_add_loop_test(tc, names_round_trip, 0, NLISTS);
	tcase_add_test(tc, design_words);
	tcase_add_test(tc, labels_glyphs_and_weights);
	tcase_add_test(tc, flags_in_a_flags_field);
	tcase_add_test(tc, schema_check_lists_match_the_catalogue);
	suite_add_tcase(s, tc);
	return t_run(s);
}
