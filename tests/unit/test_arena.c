/* test_arena.c — the bump allocator: alignment, zeroing, big blocks, reset. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "arena.h"

static void
allocations_are_aligned_and_zeroed(void **state)
{
	mc_arena a;

	(void)state;
	mc_arena_init(&a, 1024);
	for (size_t i = 1; i < 200; i++) {
		unsigned char *p = mc_arena_alloc(&a, i);

		assert_non_null(p);
		assert_int_equal((uintptr_t)p % _Alignof(max_align_t), 0);
		for (size_t k = 0; k < i; k++)
			assert_int_equal(p[k], 0);
		memset(p, 0xab, i);
	}
	mc_arena_free(&a);
}

static void
big_block_keeps_current_chunk(void **state)
{
	mc_arena a;
	char *small, *big, *after;

	(void)state;
	mc_arena_init(&a, 1024);
	small = mc_arena_alloc(&a, 16);
	big = mc_arena_alloc(&a, 100000);
	after = mc_arena_alloc(&a, 16);
	assert_non_null(big);
	/* The small allocations share the first chunk. */
	assert_true(after > small && after - small < 1024);
	memset(big, 1, 100000);
	assert_true(mc_arena_used(&a) >= 100000 + 32);
	mc_arena_free(&a);
}

static void
reset_reuses_memory(void **state)
{
	mc_arena a;
	char *first, *again;

	(void)state;
	mc_arena_init(&a, 4096);
	first = mc_arena_alloc(&a, 64);
	for (int i = 0; i < 100; i++)
		mc_arena_alloc(&a, 1000);
	mc_arena_reset(&a);
	assert_int_equal(mc_arena_used(&a), 0);
	again = mc_arena_alloc(&a, 64);
	assert_non_null(again);
	(void)first;
	mc_arena_free(&a);
}

static void
strings_are_copied(void **state)
{
	mc_arena a;
	char buf[] = "évaluation";
	char *s;

	(void)state;
	mc_arena_init(&a, 0);
	s = mc_arena_strndup(&a, buf, 3);
	buf[0] = 'X';
	assert_string_equal(s, "\xc3\xa9v");
	assert_string_equal(mc_arena_printf(&a, "%d h/%s", 39, "semaine"),
	    "39 h/semaine");
	mc_arena_free(&a);
}

/* mc_arena_printf writes in place when the text fits in the chunk, else
 * measures and allocates: either way whole, aligned after it, and never
 * overwritten by what is allocated next. */
static void
printf_near_the_chunk_end(void **state)
{
	for (size_t fill = 0; fill < 2100; fill += 7) {
		mc_arena a;
		char want[300], *s, *t;

		(void)state;
		mc_arena_init(&a, 2048);
		/* In small blocks, so that they share the chunk the text lands in. */
		for (size_t done = 0; done < fill; done += 96)
			assert_non_null(mc_arena_alloc(&a, fill - done < 96 ? fill - done : 96));
		memset(want, 'x', sizeof(want) - 1);
		want[sizeof(want) - 1] = '\0';
		s = mc_arena_printf(&a, "%s-%zu", want, fill);
		assert_non_null(s);
		t = mc_arena_alloc(&a, 16);
		assert_non_null(t);
		assert_true((uintptr_t)t % _Alignof(max_align_t) == 0);
		memset(t, 'y', 16);
		assert_int_equal(strncmp(s, want, sizeof(want) - 1), 0);
		assert_int_equal(strtoul(s + sizeof(want), NULL, 10), fill);
		assert_true(s + strlen(s) < t || t + 16 <= s);
		mc_arena_free(&a);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(allocations_are_aligned_and_zeroed),
		cmocka_unit_test(big_block_keeps_current_chunk),
		cmocka_unit_test(reset_reuses_memory),
		cmocka_unit_test(strings_are_copied),
		cmocka_unit_test(printf_near_the_chunk_end),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
