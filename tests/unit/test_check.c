/* test_check.c — the library as a whole (mc_check): a letter resolved against
 * the DDFPT référentiel of stdlib/ and checked; diagnostics are data with
 * codes and positions. Run from the repository root. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "missionc.h"

static const char *const good =
    "lettre selon ddfpt\n"
    "periode 2025-2026 .. 2027-2028\n"
    "etablissement \"Lyc\xc3\xa9" "e Jean Moulin\" uai \"0130012T\"\n"
    "partie chef : chef_etablissement \"Mme Claire Durand\"\n"
    "partie agent : ddfpt \"M. Paul Martin\" corps plp\n"
    "mission organiser_enseignements {\n"
    "  activit\xc3\xa9 evaluation_moyens { observation \"DHG.\" }\n"
    "}\n"
    "signatures chef, agent\n"
    "fait_a \"Marseille\" le 2025-09-15\n";

static mc_result *
check(mc_stdlib *lib, const char *text)
{
	mc_result *res = mc_check(lib, "lettre.mission", text, strlen(text));

	assert_non_null(res);
	return res;
}

/* The letter with `from` replaced by `to`. */
static mc_result *
check_edited(mc_stdlib *lib, const char *from, const char *to)
{
	char buf[4096];
	const char *at = strstr(good, from);

	assert_non_null(at);
	snprintf(buf, sizeof(buf), "%.*s%s%s", (int)(at - good), good, to,
	    at + strlen(from));
	return check(lib, buf);
}

static void
expect_one(mc_result *res, const char *code, unsigned line, unsigned col)
{
	const mc_diag *d;
	unsigned l, c;

	if (mc_result_diag_count(res) != 1) {
		for (size_t i = 0; i < mc_result_diag_count(res); i++)
			fprintf(stderr, "  %s: %s\n", mc_result_diag(res, i)->code,
			    mc_result_diag(res, i)->message);
	}
	assert_int_equal(mc_result_diag_count(res), 1);
	d = mc_result_diag(res, 0);
	assert_string_equal(d->code, code);
	mc_source_position(d->span.src, d->span.start, &l, &c);
	assert_int_equal(l, line);
	assert_int_equal(c, col);
	mc_result_free(res);
}

static void
the_good_letter_is_clean(void **state)
{
	mc_stdlib *lib = *state;
	mc_result *res = check(lib, good);

	assert_int_equal(mc_result_diag_count(res), 0);
	assert_int_equal(mc_result_worst(res), MC_NOTE);
	mc_result_free(res);
}

static void
rules_point_at_the_letter(void **state)
{
	mc_stdlib *lib = *state;
	mc_result *res;
	const mc_diag *d;

	res = check_edited(lib, "2027-2028", "2028-2029");
	d = mc_result_diag(res, 0);
	assert_non_null(d->rule_source);
	assert_non_null(d->notes);
	assert_non_null(strstr(d->notes->message, "4 ans"));
	expect_one(res, "ddfpt.duree_max", 2, 9);
	expect_one(check_edited(lib, "signatures chef, agent", "signatures chef"),
	    "ddfpt.signature_ddfpt", 9, 1);
	expect_one(check_edited(lib, "fait_a \"Marseille\" le 2025-09-15\n", ""),
	    "ddfpt.date", 1, 1);
	expect_one(check_edited(lib, "signatures", "imp 625 \xe2\x82\xac\nsignatures"),
	    "ddfpt.pas_d_imp", 9, 1);
}

static void
warnings_do_not_fail(void **state)
{
	mc_stdlib *lib = *state;
	mc_result *res = check_edited(lib, "signatures",
	    "formation_continue 40 h/an\nsignatures");

	assert_int_equal(mc_result_worst(res), MC_WARNING);
	expect_one(res, "ddfpt.autorisation_cumul", 9, 1);
	res = check_edited(lib, "signatures",
	    "formation_continue 40 h/an {\n autorisation_cumul \"demand\xc3\xa9" "e\"\n}\nsignatures");
	assert_int_equal(mc_result_diag_count(res), 0);
	mc_result_free(res);
}

static void
names_are_resolved_with_suggestions(void **state)
{
	mc_stdlib *lib = *state;
	mc_result *res = check_edited(lib, "evaluation_moyens", "evaluation_moyen");

	assert_string_equal(mc_result_diag(res, 0)->suggestion,
	    "vouliez-vous dire « evaluation_moyens » ?");
	expect_one(res, "activite_inconnue", 7, 12);
	expect_one(check_edited(lib, "0130012T", "0130012A"), "uai_cle", 3, 39);
	expect_one(check_edited(lib, "corps plp", "corps plpp"), "corps_inconnu", 5, 45);
	expect_one(check_edited(lib, "selon ddfpt", "selon ddfp"),
	    "referentiel_inconnu", 1, 14);
	expect_one(check_edited(lib, "selon ddfpt", "selon ../../etc/passwd"),
	    "referentiel_chemin", 1, 14);
}

static void
the_same_stdlib_serves_many_letters(void **state)
{
	mc_stdlib *lib = *state;

	for (int i = 0; i < 1000; i++) {
		mc_result *res = check(lib, good);

		assert_int_equal(mc_result_diag_count(res), 0);
		mc_result_free(res);
	}
}

static int
setup(void **state)
{
	*state = mc_stdlib_open("stdlib");
	return *state == NULL;
}

static int
teardown(void **state)
{
	mc_stdlib_close(*state);
	return 0;
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(the_good_letter_is_clean),
		cmocka_unit_test(rules_point_at_the_letter),
		cmocka_unit_test(warnings_do_not_fail),
		cmocka_unit_test(names_are_resolved_with_suggestions),
		cmocka_unit_test(the_same_stdlib_serves_many_letters),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
