/* test_lex_linear.c — the scanner reads any input in linear time: long runs of
 * every character class (and of the pairs that used to make the path rule
 * rescan a run to its end for every token) cost a few bytes examined per byte.
 * The work is counted by the scanner itself (mc_scan_work), not timed. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "parse.h"

/* Bytes examined per byte of input, at most. The scanner examines each byte
 * about twice (a run without « / » is read again); 8 leaves room for short
 * backing up and is still far from quadratic (a 64 Ko run would cost 32 000). */
#define MAX_WORK_PER_BYTE 8

/* Multi-character patterns: identifiers and paths cut by « - », « . », « ~ »,
 * numbers with separators and units, fields, strings and text blocks. */
static const char *const patterns[] = {
	"a-", "a.", "a~", "1-", "1.", "a.1", "1a.", "-a", ".a", "~a", "a_",
	"aa/", "a/-", "a-a/", "1 ", "1\xc2\xa0", "1 000 ", "12 h", "2025-",
	"2025-08-", "\xc2\xab" "a", "\xc2\xab" "a.", "<<a", "<<a.", "\"a",
	"\"a\\", "\"\"\"a", "\"\"", "#a", "a(", "..", "...", "\xe2\x80\xa6",
	"a\xc3\xa9-", "-1,", "h/", "/semaine", "1 h/semaine ", "{", "(", "[",
	"a\n", "a-\n",
	/* dates in words: « 12 février » then a no-break space once hung */
	"12 f\xc3\xa9vrier\xc2\xa0 12", "1er janvier\xe2\x80\xaf ", "12/", "1.1.",
	/* curly quotes with no closing mark, pasted characters, school years,
	 * hours and minutes (lex_hints.c) */
	"\xe2\x80\x9c" "a\xe2\x80\x99", "\xe2\x80\x98" "a", "\xc2\xab\xc2\xa0" "a",
	"a\xe2\x80\x8b", "\xef\xac\x81", "\xc2\xad" "a", "2025 ", "2025-2",
	"2025\xe2\x80\x93", "2h3", "1.250", "lundi ", "lundi 1 ", "1 sept", "1/2/2",
	"\xe2\x80\x9c" "a\"", "\"a\xe2\x80\x9d",
	/* « a" (a French mark then a straight one), a letter O for a zero */
	"\xc2\xab" "a\"", "\xc2\xab" "a\"\"", "2O2", "2025-2O", "O-", "2025-O9-",
	/* marks of the wrong side or of another language: „ and ” open too */
	"\xe2\x80\x9e" "a", "\xe2\x80\x9d" "a", "\xe2\x80\x9e", "\xe2\x80\x9d",
	"\"a\xe2\x80\x9c", "\"a \xe2\x80\x9c" "a", "\"\xe2\x80\x9c",
	/* straight apostrophes as quotes, an apostrophe of the text inside */
	"'a", "'", "'a'a", "' ", "'a' ",
	/* a currency sign before the amount, quantities in words (lex_hints.c) */
	"\xe2\x82\xac", "\xe2\x82\xac ", "eur ", "euros 1 ", "deux ", "deux-", "vingt et ",
	"deux h ", "deux heures et ", "une heure trente ",
	"\\ ", "\\\t",
};

static size_t
work(const char *unit, size_t unit_len, size_t size)
{
	mc_arena arena;
	mc_diags diags;
	mc_source src;
	char *text = malloc(size);
	size_t len = 0, w = 0;

	assert_non_null(text);
	while (len + unit_len <= size) {
		memcpy(text + len, unit, unit_len);
		len += unit_len;
	}
	mc_arena_init(&arena, 0);
	mc_diags_init(&diags, &arena, 100);
	assert_true(mc_source_init(&src, &arena, &diags, "t.mission", text, len));
	w = mc_scan_work(&arena, &diags, &src);
	mc_diags_free(&diags);
	mc_arena_free(&arena);
	free(text);
	return w / (len > 0 ? len : 1);
}

/* Every class at `size` bytes: each ASCII byte but NUL (refused before
 * scanning), two-, three- and four-byte characters, and the patterns. */
static void
check_all(size_t size)
{
	static const char *const multibyte[] = {
		"\xc3\xa9", "\xc2\xab", "\xc2\xbb", "\xc2\xa0", "\xe2\x80\xaf",
		"\xe2\x82\xac", "\xc5\x93", "\xe2\x80\xa6", "\xf0\x9d\x84\x9e",
		"\xef\xbf\xbe",
	};
	char byte[1];

	for (int c = 1; c < 0x80; c++) {
		byte[0] = (char)c;
		if (work(byte, 1, size) > MAX_WORK_PER_BYTE)
			fail_msg("octet 0x%02x répété sur %zu octets : balayage non linéaire", c, size);
	}
	for (size_t i = 0; i < sizeof(multibyte) / sizeof(*multibyte); i++)
		if (work(multibyte[i], strlen(multibyte[i]), size) > MAX_WORK_PER_BYTE)
			fail_msg("« %s » répété sur %zu octets : balayage non linéaire", multibyte[i], size);
	for (size_t i = 0; i < sizeof(patterns) / sizeof(*patterns); i++)
		if (work(patterns[i], strlen(patterns[i]), size) > MAX_WORK_PER_BYTE)
			fail_msg("« %s » répété sur %zu octets : balayage non linéaire", patterns[i], size);
}

/* 64 Ko first: a quadratic scanner fails there in seconds, not in hours at
 * 1 Mo. */
static void
runs_are_linear(void **state)
{
	(void)state;
	check_all((size_t)64 * 1024);
	check_all((size_t)1024 * 1024);
}

/* A path is still one token however long, and a run without « / » still gives
 * the tokens it gave before. */
static void
paths_and_runs_still_lex(void **state)
{
	mc_arena arena;
	mc_diags diags;
	mc_source src;
	size_t count;
	mc_node *stmts;
	const char *text = "reference DIPE/25-1056-951\n"
	    "service 12 h/semaine\n";

	(void)state;
	mc_arena_init(&arena, 0);
	mc_diags_init(&diags, &arena, 100);
	assert_true(mc_source_init(&src, &arena, &diags, "t.mission", text,
	    strlen(text)));
	stmts = mc_parse(&arena, &diags, &src, &count);
	assert_int_equal(diags.count, 0);
	assert_int_equal(count, 2);
	assert_int_equal(stmts->u.stmt.args->kind, MC_N_PATH);
	assert_string_equal(stmts->u.stmt.args->u.str.text, "DIPE/25-1056-951");
	assert_int_equal(stmts->next->u.stmt.args->u.qty.milli, 12000);
	mc_diags_free(&diags);
	mc_arena_free(&arena);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(paths_and_runs_still_lex),
		cmocka_unit_test(runs_are_linear),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
