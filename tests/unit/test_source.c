/* test_source.c — input validation and line:column positions. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
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

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(columns_count_characters, setup, teardown),
		cmocka_unit_test_setup_teardown(bom_and_crlf, setup, teardown),
		cmocka_unit_test_setup_teardown(rejects_nul_and_bad_utf8, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
