/* test_typo.c — French typography of the lowering pass, and dates in words. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "typo.h"

#define NBSP "\xc2\xa0"
#define NNBSP "\xe2\x80\xaf"

static void
expect(const char *in, const char *want)
{
	mc_arena a;
	char *got;

	mc_arena_init(&a, 4096);
	got = mc_typo(&a, in, strlen(in));
	assert_non_null(got);
	assert_string_equal(got, want);
	mc_arena_free(&a);
}

static void
spaces_before_high_punctuation(void **state)
{
	(void)state;
	expect("Objectif : réussir ; vraiment ? Oui !",
	    "Objectif" NBSP ": réussir" NNBSP "; vraiment" NNBSP "? Oui" NNBSP "!");
	/* Missing spaces are added before a punctuation mark that ends a word. */
	expect("Note: voir; ici! là?", "Note" NBSP ": voir" NNBSP "; ici" NNBSP "! là" NNBSP "?");
	/* Not inside times, addresses or repeated marks. */
	expect("16:30 https://eduscol.fr ?!", "16:30 https://eduscol.fr" NNBSP "?!");
	/* An author's own no-break space is kept, not doubled. */
	expect("Lieu" NBSP ": B12", "Lieu" NBSP ": B12");
}

static void
quotes_and_apostrophes(void **state)
{
	(void)state;
	expect("le projet \"chef-d'oeuvre\" des CAP",
	    "le projet «" NNBSP "chef-d’oeuvre" NNBSP "» des CAP");
	expect("« chef-d’œuvre »", "«" NNBSP "chef-d’œuvre" NNBSP "»");
	expect("«serré»", "«" NNBSP "serré" NNBSP "»");
	expect("l'établissement", "l’établissement");
}

static void
blanks_numbers_and_ellipsis(void **state)
{
	(void)state;
	expect("  deux\n  lignes\t ici  ", "deux lignes ici");
	expect("1 250 € et 50 %", "1 250" NBSP "€ et 50" NBSP "%");
	expect("la salle N° 12", "la salle N°" NBSP "12");
	expect("etc...", "etc…");
	expect("", "");
}

static void
author_text_stays_text(void **state)
{
	(void)state;
	/* Typography never removes or adds markup characters. */
	expect("<script>alert(1)</script> %s%n *x* [a](javascript:b) `c` | #",
	    "<script>alert(1)</script> %s%n *x* [a](javascript:b) `c` | #");
}

static void
dates_in_words(void **state)
{
	mc_arena a;
	mc_date d1 = { 2025, 9, 15 }, d2 = { 2025, 9, 1 }, d3 = { 2026, 8, 31 };

	(void)state;
	mc_arena_init(&a, 1024);
	assert_string_equal(mc_date_words(&a, d1), "15" NBSP "septembre" NBSP "2025");
	assert_string_equal(mc_date_words(&a, d2), "1er" NBSP "septembre" NBSP "2025");
	assert_string_equal(mc_date_words(&a, d3), "31" NBSP "août" NBSP "2026");
	assert_string_equal(mc_de(&a, "Aix-Marseille"), "d’Aix-Marseille");
	assert_string_equal(mc_de(&a, "Orléans-Tours"), "d’Orléans-Tours");
	assert_string_equal(mc_de(&a, "Lyon"), "de Lyon");
	assert_string_equal(mc_de(&a, "La Réunion"), "de La Réunion");
	mc_arena_free(&a);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(spaces_before_high_punctuation),
		cmocka_unit_test(quotes_and_apostrophes),
		cmocka_unit_test(blanks_numbers_and_ellipsis),
		cmocka_unit_test(author_text_stays_text),
		cmocka_unit_test(dates_in_words),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
