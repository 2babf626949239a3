/* test_referential.c — a référentiel checked on its own (mc_check_referential),
 * from a text an editor holds: its diagnostics are data that point into that
 * text, the stdlib that serves letters is left as it was saved, and
 * mc_library_file tells a library file from a letter by its first word. Run
 * from the repository root. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "compile.h"
#include "missionc.h"

static const char *const letter =
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

static char *
slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	long n;

	assert_non_null(f);
	assert_int_equal(fseek(f, 0, SEEK_END), 0);
	n = ftell(f);
	rewind(f);
	buf = malloc((size_t)n + 1);
	assert_non_null(buf);
	assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
	buf[n] = '\0';
	fclose(f);
	*len = (size_t)n;
	return buf;
}

/* The file's text with its first `from` replaced by `to`. */
static char *
edited(const char *path, const char *from, const char *to, size_t *len)
{
	char *text = slurp(path, len), *at = strstr(text, from), *out;

	assert_non_null(at);
	out = malloc(*len + strlen(to) + 1);
	assert_non_null(out);
	sprintf(out, "%.*s%s%s", (int)(at - text), text, to, at + strlen(from));
	*len = strlen(out);
	free(text);
	return out;
}

static void
the_library_as_shipped_is_clean(void **state)
{
	static const char *const files[] = { "atddf", "commun", "ddfpt", "mlds",
		"numerique", "pacte", "tne" };
	mc_stdlib *lib = *state;

	for (size_t i = 0; i < sizeof(files) / sizeof(*files); i++) {
		char path[64];
		size_t len;
		char *text;
		mc_result *res;

		snprintf(path, sizeof(path), "stdlib/%s.mission", files[i]);
		text = slurp(path, &len);
		assert_true(mc_library_file(path, text, len));
		res = mc_check_referential(lib, path, text, len);
		free(text);
		assert_non_null(res);
		if (mc_result_diag_count(res) != 0)
			fprintf(stderr, "  %s : %s\n", path, mc_result_diag(res, 0)->message);
		assert_int_equal(mc_result_diag_count(res), 0);
		/* Never a letter to render. */
		assert_null(mc_result_document(res, NULL));
		mc_result_free(res);
	}
}

/* A rule's mistake, found by its type check, points into the text checked
 * (the result's own source), and the stdlib keeps the file as saved. */
static void
unsaved_text_is_checked_and_kept_apart(void **state)
{
	mc_stdlib *lib = *state;
	size_t len;
	char *text = edited("stdlib/ddfpt.mission", "exige duree <=", "exige dure <=", &len);
	mc_result *res;
	const mc_diag *d;
	unsigned line, col;

	for (int round = 0; round < 2; round++) {
		res = mc_check_referential(lib, "stdlib/ddfpt.mission", text, len);
		assert_non_null(res);
		assert_int_equal(mc_result_diag_count(res), 1);
		d = mc_result_diag(res, 0);
		assert_string_equal(d->code, "donnee_inconnue");
		assert_ptr_equal(d->span.src, mc_result_source(res));
		assert_string_equal(d->suggestion, "vouliez-vous dire « duree » ?");
		mc_source_position(d->span.src, d->span.start, &line, &col);
		assert_int_equal(line, 130);
		assert_int_equal(col, 9);
		assert_int_equal(mc_result_worst(res), MC_ERROR);
		mc_result_free(res);

		/* Letters are checked against the saved file. */
		res = mc_check(lib, "lettre.mission", letter, strlen(letter));
		assert_int_equal(mc_result_diag_count(res), 0);
		mc_result_free(res);
	}
	free(text);
}

/* The note of a name given twice points at the first one, in the same text. */
static void
names_given_twice_have_their_note(void **state)
{
	mc_stdlib *lib = *state;
	size_t len;
	char *text = edited("stdlib/ddfpt.mission", "mission coordonner_equipes ",
	    "mission organiser_enseignements ", &len);
	mc_result *res = mc_check_referential(lib, "stdlib/ddfpt.mission", text, len);
	const mc_diag *d;

	assert_int_equal(mc_result_diag_count(res), 1);
	d = mc_result_diag(res, 0);
	assert_string_equal(d->code, "code_double");
	assert_non_null(d->notes);
	assert_ptr_equal(d->notes->span.src, mc_result_source(res));
	mc_result_free(res);
	free(text);
}

static void
library_files_are_told_by_their_first_word(void **state)
{
	static const char bom[] = "\xef\xbb\xbf# titre\n\n  referentiel x \"T\"\n";
	static const char accented[] = "r\xc3\xa9" "f\xc3\xa9" "rentiel x \"T\"\n";

	(void)state;
	assert_true(mc_library_file("a.mission", bom, strlen(bom)));
	assert_true(mc_library_file("a.mission", accented, strlen(accented)));
	assert_true(mc_library_file(NULL, "referentiel", 11));
	assert_false(mc_library_file("a.mission", "lettre selon ddfpt\n", 19));
	assert_false(mc_library_file("a.mission", "referentiels x\n", 15));
	assert_false(mc_library_file("a.mission", "# referentiel\n", 14));
	assert_false(mc_library_file("a.mission", "", 0));
	assert_true(mc_library_file("x/commun.mission", "corps plp \"p\"\n", 14));
	assert_false(mc_library_file("x/commun.mission", "lettre selon ddfpt\n", 19));
	assert_false(mc_library_file("x/mon_commun.mission", "corps plp \"p\"\n", 14));
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
		cmocka_unit_test(the_library_as_shipped_is_clean),
		cmocka_unit_test(unsaved_text_is_checked_and_kept_apart),
		cmocka_unit_test(names_given_twice_have_their_note),
		cmocka_unit_test(library_files_are_told_by_their_first_word),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
