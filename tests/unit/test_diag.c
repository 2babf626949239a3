/* test_diag.c — the diagnostics list (limit, worst severity, notes) and the
 * suggestions for misspelt names. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "diag.h"
#include "source.h"

static const char *
suggest(const char *word, const char *const *candidates)
{
	mc_suggester s;

	mc_suggest_init(&s, word);
	for (; *candidates != NULL; candidates++)
		mc_suggest_try(&s, *candidates);
	return mc_suggest_best(&s);
}

static void
suggestions_find_the_nearest(void **state)
{
	static const char *const missions[] = {
		"organiser_enseignements", "coordonner_equipes", "conseiller_chef",
		"relations_partenaires", NULL
	};
	static const char *const keywords[] = { "service", "presence", "signatures", NULL };

	(void)state;
	assert_string_equal(suggest("organiser_enseignement", missions),
	    "organiser_enseignements");
	assert_string_equal(suggest("coordoner_equipes", missions), "coordonner_equipes");
	/* A transposition costs one edit. */
	assert_string_equal(suggest("sevrice", keywords), "service");
	assert_string_equal(suggest("SERVICE", keywords), "service");
	/* Nothing near: no suggestion rather than a wild guess. */
	assert_null(suggest("budget", missions));
	assert_null(suggest("x", keywords));
}

static void
the_list_stops_at_its_limit(void **state)
{
	mc_arena a;
	mc_diags d;
	mc_span sp = { NULL, 0, 0 };

	(void)state;
	mc_arena_init(&a, 0);
	mc_diags_init(&d, &a, 3);
	assert_non_null(mc_diag_emit(&d, MC_D_EMPTY_TEXT, sp, "contexte"));
	assert_int_equal(d.worst, MC_WARNING);
	for (int i = 0; i < 10; i++)
		mc_diag_emit(&d, MC_D_UAI_KEY, sp, "0130012A", "0130012A", 'T', 'A');
	/* Three kept, then one note saying the rest was dropped. */
	assert_int_equal(d.count, 4);
	assert_string_equal(d.items[3]->code, "trop_d_erreurs");
	assert_int_equal(d.worst, MC_ERROR);
	assert_string_equal(d.items[1]->message,
	    "UAI « 0130012A » : la lettre clé de 0130012 est « T », pas « A » ; vérifiez le numéro");
	mc_diags_free(&d);
	mc_arena_free(&a);
}

static void
the_catalogue_has_unique_codes(void **state)
{
	(void)state;
	for (size_t i = 0; i < mc_catalogue_count(); i++) {
		const char *ci, *mi;
		mc_severity si;

		assert_true(mc_catalogue_entry(i, &ci, &si, &mi));
		assert_true(strlen(mi) > 0);
		for (size_t k = i + 1; k < mc_catalogue_count(); k++) {
			const char *ck, *mk;
			mc_severity sk;

			mc_catalogue_entry(k, &ck, &sk, &mk);
			assert_string_not_equal(ci, ck);
		}
	}
	assert_false(mc_catalogue_entry(mc_catalogue_count(), NULL, NULL, NULL));
}

/* `missionc expliquer` has a paragraph, a wrong and a right example for
 * every code of the catalogue. */
static void
every_code_is_explained(void **state)
{
	(void)state;
	for (size_t i = 0; i < mc_catalogue_count(); i++) {
		const char *text = NULL, *wrong = NULL, *right = NULL;

		assert_true(mc_catalogue_explanation(i, &text, &wrong, &right));
		assert_true(strlen(text) > 40);
		assert_true(strlen(wrong) > 0 && strlen(right) > 0);
		assert_string_not_equal(wrong, right);
	}
}

/* Where a message of the catalogue has an ordinary space that French
 * typography wants no-break (tests/check-typo.py says the same of the source
 * files): before « : » (U+00A0) and « ; ! ? » (U+202F), and inside « »
 * (U+00A0); spaces within « » other than those are the source's
 * (« partie NOM : RÔLE »). NULL when there is none. */
static const char *
plain_space(const char *s)
{
	int depth = 0;

	for (const char *p = s; *p != '\0'; p++) {
		if (strncmp(p, "«", strlen("«")) == 0) {
			depth++;
			if (p[strlen("«")] == ' ')
				return p;
		} else if (strncmp(p, "»", strlen("»")) == 0) {
			depth -= depth > 0;
		} else if (*p == ' ' && strncmp(p + 1, "»", strlen("»")) == 0) {
			return p;
		} else if (*p == ' ' && depth == 0 && p > s && p[-1] != ' ' &&
		    p[1] != '\0' && strchr(":;!?", p[1]) != NULL &&
		    (p[2] == '\0' || strchr(" ),.", p[2]) != NULL)) {
			return p;
		}
	}
	return NULL;
}

static void
the_catalogue_spaces_the_french_way(void **state)
{
	(void)state;
	assert_non_null(plain_space("impossible de lire « %s » : %s"));
	assert_non_null(plain_space("«\u00a0%s\u00a0» ; vérifiez"));
	assert_null(plain_space("«\u00a0partie NOM : RÔLE\u00a0»\u202f; ailleurs"));
	for (size_t i = 0; i < mc_catalogue_count(); i++) {
		const char *code, *message, *text = NULL, *wrong, *right;
		mc_severity sev;

		assert_true(mc_catalogue_entry(i, &code, &sev, &message));
		assert_true(mc_catalogue_explanation(i, &text, &wrong, &right));
		if (plain_space(message) != NULL)
			fail_msg("%s : espace ordinaire dans « %s »", code, message);
		if (plain_space(text) != NULL)
			fail_msg("%s : espace ordinaire dans l’explication « %s »", code, text);
	}
}

/* A misspelling that is only the case gets its own advice. */
static void
case_only_is_said_so(void **state)
{
	mc_arena arena;
	mc_diags d;
	mc_suggester s;
	mc_diag *diag;

	(void)state;
	mc_arena_init(&arena, 4096);
	mc_diags_init(&d, &arena, 10);
	diag = mc_diag_emit(&d, MC_D_UNKNOWN_CORPS, mc_span_of(NULL, 0, 0), "PLP");
	mc_suggest_init(&s, "PLP");
	mc_suggest_try(&s, "plp");
	mc_suggest_try(&s, "cpe");
	mc_diag_suggest_best(&d, diag, &s);
	assert_string_equal(diag->suggestion,
	    "les mots d’une lettre s’écrivent en minuscules : « plp »");
	mc_diags_free(&d);
	mc_arena_free(&arena);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(suggestions_find_the_nearest),
		cmocka_unit_test(the_list_stops_at_its_limit),
		cmocka_unit_test(the_catalogue_has_unique_codes),
		cmocka_unit_test(every_code_is_explained),
		cmocka_unit_test(the_catalogue_spaces_the_french_way),
		cmocka_unit_test(case_only_is_said_so),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
