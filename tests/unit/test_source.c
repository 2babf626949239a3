/* test_source.c — input validation and line:column positions. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <cmocka.h>

#include "source.h"

typedef struct fixture {
	mc_arena arena;
	mc_diags diags;
	mc_source src;
} fixture;

static int
setup(void **state)
{
	static fixture f;

	mc_arena_init(&f.arena, 0);
	mc_diags_init(&f.diags, &f.arena, 10);
	*state = &f;
	return 0;
}

static int
teardown(void **state)
{
	fixture *f = *state;

	mc_diags_free(&f->diags);
	mc_arena_free(&f->arena);
	return 0;
}

static int
load(fixture *f, const char *text, size_t len)
{
	return mc_source_init(&f->src, &f->arena, &f->diags, "t.mission", text, len);
}

static void
columns_count_characters(void **state)
{
	fixture *f = *state;
	const char text[] = "lettre selon ddfpt\nactivit\xc3\xa9 x\n\xc3\xa9\xc3\xa9 y";
	unsigned line, col;
	size_t len;

	assert_true(load(f, text, sizeof(text) - 1));
	mc_source_position(&f->src, 0, &line, &col);
	assert_int_equal(line, 1);
	assert_int_equal(col, 1);
	/* « x » after « activité » : the é is two bytes but one column. */
	mc_source_position(&f->src, 19 + 10, &line, &col);
	assert_int_equal(line, 2);
	assert_int_equal(col, 10);
	mc_source_position(&f->src, 31 + 5, &line, &col);
	assert_int_equal(line, 3);
	assert_int_equal(col, 4);
	{
		const char *l2 = mc_source_line(&f->src, 2, &len);

		assert_int_equal(len, 11);
		assert_memory_equal(l2, "activit\xc3\xa9 x", len);
	}
}

/* Decomposed accents are composed (NFC); offsets lead back to the text as
 * given, where an editor counts its positions. */
static void
offsets_of_the_text_as_given(void **state)
{
	fixture *f = *state;
	/* « é » as e + U+0301 (3 bytes, 2 composed), « ệ » as e + U+0323 +
	 * U+0302 (5 bytes, 3 composed). */
	const char text[] = "\xef\xbb\xbf" "ab e\xcc\x81x e\xcc\xa3\xcc\x82y\nz";

	assert_true(load(f, text, sizeof(text) - 1));
	assert_string_equal(f->src.text + 3, "ab \xc3\xa9x \xe1\xbb\x87y\nz");
	assert_non_null(f->src.original);
	assert_memory_equal(f->src.original, text, sizeof(text) - 1);
	assert_int_equal(f->src.nremap, 2);
	/* Before, after, inside a composed character. */
	assert_int_equal(mc_source_original_offset(&f->src, 3), 3);
	assert_int_equal(mc_source_original_offset(&f->src, 6), 6);
	assert_int_equal(mc_source_original_offset(&f->src, 7), 6);
	assert_int_equal(mc_source_original_offset(&f->src, 8), 9);
	assert_int_equal(mc_source_original_offset(&f->src, 10), 11);
	assert_int_equal(mc_source_original_offset(&f->src, 13), 16);
	assert_int_equal(mc_source_original_offset(&f->src, 15), 18);
	assert_int_equal(mc_source_from_original(&f->src, 9), 8);
	assert_int_equal(mc_source_from_original(&f->src, 7), 6);
	assert_int_equal(mc_source_from_original(&f->src, 16), 13);
	assert_int_equal(mc_source_from_original(&f->src, 18), 15);
	/* Nothing composed: no map, the same offsets. */
	assert_true(load(f, "ab" "\xc3\xa9", 4));
	assert_null(f->src.original);
	assert_int_equal(mc_source_original_offset(&f->src, 4), 4);
	assert_int_equal(mc_source_from_original(&f->src, 4), 4);
}

static void
bom_and_crlf(void **state)
{
	fixture *f = *state;
	const char text[] = "\xef\xbb\xbf" "abc\r\ndef";
	unsigned line, col;
	size_t len;

	assert_true(load(f, text, sizeof(text) - 1));
	assert_int_equal(f->src.body, 3);
	mc_source_position(&f->src, 3, &line, &col);
	assert_int_equal(col, 1);
	/* A span at offset 0 (a diagnostic on the whole file) is inside the
	 * byte order mark: still line 1, column 1. */
	mc_source_position(&f->src, 0, &line, &col);
	assert_int_equal(line, 1);
	assert_int_equal(col, 1);
	mc_source_line(&f->src, 1, &len);
	assert_int_equal(len, 3);
}

static void
rejects_nul_and_bad_utf8(void **state)
{
	fixture *f = *state;

	assert_false(load(f, "ab\0c", 4));
	assert_int_equal(f->diags.count, 1);
	assert_string_equal(f->diags.items[0]->code, "octet_nul");
	assert_int_equal(f->diags.items[0]->span.start, 2);
	assert_false(load(f, "ab\xc3(", 4));
	assert_string_equal(f->diags.items[1]->code, "utf8_invalide");
	/* Overlong encodings and surrogates are not UTF-8 either. */
	assert_false(load(f, "\xc0\xaf", 2));
	assert_false(load(f, "\xed\xa0\x80", 3));
	assert_true(load(f, "\xe2\x82\xac \xf0\x9f\x98\x80", 8));
}

/* The validation reads eight ASCII bytes at a time: a NUL or a bad byte is
 * found, at its offset, wherever it falls in a word and in the text. */
static void
bad_byte_anywhere(void **state)
{
	fixture *f = *state;
	static const struct { char byte; const char *code; } bad[] = {
		{ '\0', "octet_nul" }, { '\xff', "utf8_invalide" }, { '\x80', "utf8_invalide" },
	};
	char text[40];

	for (size_t b = 0; b < sizeof(bad) / sizeof(bad[0]); b++)
		for (size_t at = 0; at < sizeof(text); at++) {
			mc_diags_free(&f->diags);
			mc_diags_init(&f->diags, &f->arena, 10);
			memset(text, 'a', sizeof(text));
			text[at] = bad[b].byte;
			assert_false(load(f, text, sizeof(text)));
			assert_int_equal(f->diags.count, 1);
			assert_string_equal(f->diags.items[0]->code, bad[b].code);
			assert_int_equal(f->diags.items[0]->span.start, at);
		}
	memset(text, 'a', sizeof(text));
	assert_true(load(f, text, sizeof(text)));
}

/* A 16 Mio line of « é » and spaces: columns right at both ends, and 10 000
 * lookups far into it cost no more than a hang guard allows. Counting the
 * line from its start for each one (as before) would read 160 Go; the
 * ceiling is only there so that such a regression fails instead of hanging. */
static void
columns_on_a_16mo_line(void **state)
{
	fixture *f = *state;
	size_t len = (size_t)16 * 1024 * 1024 - 16, chars = 0;
	char *text = malloc(len);
	unsigned line, col;
	clock_t t0;

	assert_non_null(text);
	for (size_t i = 0; i < len;) {
		if (i % 7 == 0 && i + 2 <= len) {
			memcpy(text + i, "\xc3\xa9", 2);
			i += 2;
		} else {
			text[i++] = ' ';
		}
		chars++;
	}
	assert_true(load(f, text, len));
	free(text);
	mc_source_position(&f->src, (uint32_t)len, &line, &col);
	assert_int_equal(line, 1);
	assert_int_equal(col, chars + 1);
	assert_int_equal(mc_source_chars(&f->src, 0, (uint32_t)len), chars);
	assert_int_equal(mc_source_chars(&f->src, 0, 3), 2);
	t0 = clock();
	for (uint32_t k = 0; k < 10000; k++) {
		mc_source_position(&f->src, (uint32_t)len - k, &line, &col);
		if (clock() - t0 > 20 * CLOCKS_PER_SEC)
			fail_msg("colonnes sur une ligne de 16 Mio : %u recherches en 20 s", k);
	}
}

/* The word-at-a-time count against one byte at a time, at every start
 * and length over a text of one-, two-, three- and four-byte characters
 * (and stray continuation bytes, which it counts as not starting one). */
static void
chars_word_at_a_time(void **state)
{
	static const char text[] = "a\xc3\xa9t\xc3\xa9 \xe2\x80\xaf; \xf0\x9f\x98\x80z"
	    "\x80\xbf\xc5\x93uvre \xe2\x82\xac 1 250 \xc2\xab\xc2\xa0x\xc2\xa0\xc2\xbb";
	size_t len = sizeof(text) - 1;

	(void)state;
	for (size_t from = 0; from <= len; from++)
		for (size_t n = 0; from + n <= len; n++) {
			size_t want = 0;

			for (size_t i = from; i < from + n; i++)
				want += ((unsigned char)text[i] & 0xc0) != 0x80;
			assert_int_equal(mc_utf8_chars(text + from, n), want);
		}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(columns_count_characters, setup, teardown),
		cmocka_unit_test_setup_teardown(offsets_of_the_text_as_given, setup, teardown),
		cmocka_unit_test_setup_teardown(bom_and_crlf, setup, teardown),
		cmocka_unit_test_setup_teardown(rejects_nul_and_bad_utf8, setup, teardown),
		cmocka_unit_test_setup_teardown(columns_on_a_16mo_line, setup, teardown),
		cmocka_unit_test(chars_word_at_a_time),
		cmocka_unit_test_setup_teardown(bad_byte_anywhere, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
