/* core/transition: every stage pair for every role, with and without a reason. */
#include <check.h>
#include <string.h>

#include "support.h"
#include "ordesk/transition.h"

/*
 * The rules written out by hand, independently of the code under test:
 * the forward pairs, the back pairs and the stages an order can be
 * cancelled from.
 */
static const int forward_pairs[][2] = {
	{ STAGE_NEW, STAGE_REVIEW },       { STAGE_REVIEW, STAGE_LOCKED },
	{ STAGE_LOCKED, STAGE_PICKING },   { STAGE_PICKING, STAGE_SHIPPED },
	{ STAGE_SHIPPED, STAGE_TRANSIT },  { STAGE_TRANSIT, STAGE_DONE },
};
static const int back_pairs[][2] = {
	{ STAGE_REVIEW, STAGE_NEW },       { STAGE_LOCKED, STAGE_REVIEW },
	{ STAGE_PICKING, STAGE_LOCKED },   { STAGE_SHIPPED, STAGE_PICKING },
	{ STAGE_TRANSIT, STAGE_SHIPPED },
};
static const int cancellable[] = { STAGE_NEW, STAGE_REVIEW, STAGE_LOCKED, STAGE_PICKING };

static int in_pairs(const int (*pairs)[2], size_t n, int from, int to)
{
	for (size_t i = 0; i < n; i++)
		if (pairs[i][0] == from && pairs[i][1] == to)
			return 1;
	return 0;
}

static enum move_kind expected_kind(int from, int to)
{
	if (in_pairs(forward_pairs, sizeof forward_pairs / sizeof forward_pairs[0], from, to))
		return MOVE_FORWARD;
	if (in_pairs(back_pairs, sizeof back_pairs / sizeof back_pairs[0], from, to))
		return MOVE_BACK;
	if (to == STAGE_CANCELLED)
		for (size_t i = 0; i < sizeof cancellable / sizeof cancellable[0]; i++)
			if (cancellable[i] == from)
				return MOVE_CANCEL;
	return MOVE_ILLEGAL;
}

static const char *const reasons[] = { NULL, "", "   ", "\t \t", "customer asked to wait" };
#define NREASONS (int)(sizeof reasons / sizeof reasons[0])

static int has_reason(const char *r)
{
	return r && strspn(r, " \t") != strlen(r);
}

/* What transition_check must answer, and a word its sentence must hold. */
static enum status expected_status(int from, int to, enum role role, const char *reason,
                                   const char **word)
{
	*word = NULL;
	if (role == ROLE_VIEWER) {
		*word = "viewer";
		return ST_DENIED;
	}
	if (from == to) {
		*word = "already";
		return ST_REFUSED;
	}
	switch (expected_kind(from, to)) {
	case MOVE_FORWARD:
		return ST_OK;
	case MOVE_BACK:
	case MOVE_CANCEL:
		if (role < ROLE_SUPERVISOR) {
			*word = "supervisor";
			return ST_DENIED;
		}
		if (!has_reason(reason)) {
			*word = "reason";
			return ST_REFUSED;
		}
		return ST_OK;
	case MOVE_ILLEGAL:
		break;
	}
	if (to == STAGE_CANCELLED)
		*word = "before it is shipped";
	else if (from == STAGE_DONE || from == STAGE_CANCELLED)
		*word = "closed";
	else
		*word = "one stage at a time";
	return ST_REFUSED;
}

/* One loop iteration per (from, to) pair: every role and every reason. */
START_TEST(every_pair_every_role)
{
	int from = _i / STAGE_COUNT, to = _i % STAGE_COUNT;

	ck_assert_int_eq(transition_kind((enum stage)from, (enum stage)to), expected_kind(from, to));
	for (int r = 0; r < ROLE_COUNT; r++) {
		for (int k = 0; k < NREASONS; k++) {
			const char *why = NULL, *word;
			enum status want = expected_status(from, to, (enum role)r, reasons[k], &word);
			enum status got = transition_check((enum stage)from, (enum stage)to, (enum role)r,
			                                   reasons[k], &why);
			ck_assert_msg(got == want, "%s -> %s as %s with reason '%s': got %d, want %d (%s)",
			              stage_name((enum stage)from), stage_name((enum stage)to),
			              role_name((enum role)r), reasons[k] ? reasons[k] : "(null)",
			              got, want, why ? why : "");
			ck_assert_ptr_nonnull(why);
			if (want == ST_OK) {
				ck_assert_str_eq(why, "");
			} else {
				ck_assert_msg(strstr(why, word) != NULL,
				              "%s -> %s as %s: '%s' does not say '%s'",
				              stage_name((enum stage)from), stage_name((enum stage)to),
				              role_name((enum role)r), why, word);
			}
		}
	}
}
END_TEST

START_TEST(why_may_be_null)
{
	ck_assert_int_eq(transition_check(STAGE_NEW, STAGE_REVIEW, ROLE_CLERK, NULL, NULL), ST_OK);
	ck_assert_int_eq(transition_check(STAGE_NEW, STAGE_DONE, ROLE_ADMIN, "x", NULL), ST_REFUSED);
}
END_TEST

START_TEST(next_stage)
{
	ck_assert_int_eq(transition_next(STAGE_NEW), STAGE_REVIEW);
	ck_assert_int_eq(transition_next(STAGE_REVIEW), STAGE_LOCKED);
	ck_assert_int_eq(transition_next(STAGE_LOCKED), STAGE_PICKING);
	ck_assert_int_eq(transition_next(STAGE_PICKING), STAGE_SHIPPED);
	ck_assert_int_eq(transition_next(STAGE_SHIPPED), STAGE_TRANSIT);
	ck_assert_int_eq(transition_next(STAGE_TRANSIT), STAGE_DONE);
	ck_assert_int_eq(transition_next(STAGE_DONE), -1);
	ck_assert_int_eq(transition_next(STAGE_CANCELLED), -1);
}
END_TEST

/* Walking forward with transition_next visits every board stage once. */
START_TEST(forward_walk_covers_the_board)
{
	int s = STAGE_NEW, seen = 1;

	while (transition_next((enum stage)s) >= 0) {
		int n = transition_next((enum stage)s);
		ck_assert_int_eq(transition_kind((enum stage)s, (enum stage)n), MOVE_FORWARD);
		ck_assert_int_eq(transition_check((enum stage)s, (enum stage)n, ROLE_CLERK, NULL, NULL), ST_OK);
		s = n;
		seen++;
	}
	ck_assert_int_eq(s, STAGE_DONE);
	ck_assert_int_eq(seen, STAGE_BOARD_COUNT);
}
END_TEST

START_TEST(out_of_range_stages_are_illegal)
{
	ck_assert_int_eq(transition_kind(STAGE_COUNT, STAGE_NEW), MOVE_ILLEGAL);
	ck_assert_int_eq(transition_kind(STAGE_NEW, STAGE_COUNT), MOVE_ILLEGAL);
	ck_assert_int_eq(transition_check(STAGE_TRANSIT, STAGE_COUNT, ROLE_ADMIN, "x", NULL), ST_REFUSED);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("core_transition");
	TCase *tc = tcase_create("transition");

	tcase_add_loop_test(tc, every_pair_every_role, 0, STAGE_COUNT * STAGE_COUNT);
	tcase_add_test(tc, why_may_be_null);
	tcase_add_test(tc, next_stage);
	tcase_add_test(tc, forward_walk_covers_the_board);
	tcase_add_test(tc, out_of_range_stages_are_illegal);
	suite_add_tcase(s, tc);
	return t_run(s);
}
