/* test_batch.c — batch models: fields found once, bound to columns, filled
 * row by row with values that stay values, and checked like a letter; the
 * column at fault named. Run from the repository root. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "compile.h"

static const char *const model =
    "lettre selon pacte\n"
    "annee 2025-2026\n"
    "etablissement \"\xc2\xab" "etablissement\xc2\xbb\" uai \"<<uai>>\"\n"
    "partie chef : chef_etablissement \"Mme Nathalie Ferrand\"\n"
    "partie prof : enseignant \"\xc2\xab" "Nom\xc2\xbb\" corps \xc2\xab" "corps\xc2\xbb\n"
    "mission devoirs_faits \xc2\xab" "heures\xc2\xbb {\n"
    "  observation \"Salle \xc2\xab" "salle\xc2\xbb.\"\n"
    "}\n"
    "bilan chef\n"
    "signatures chef, prof\n"
    "fait_a \"Marseille\" le \xc2\xab" "date\xc2\xbb\n";

static const char *const columns[] = {
	"NOM", "corps", "heures", "salle", "date", "Établissement", "uai"
};

typedef struct fixture {
	mc_stdlib *lib;
	mc_batch *b;
} fixture;

static int
setup(void **state)
{
	fixture *f = calloc(1, sizeof(*f));

	f->lib = mc_stdlib_open("stdlib");
	f->b = mc_batch_open(f->lib, "modele.mission", model, strlen(model));
	assert_non_null(f->b);
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	fixture *f = *state;

	mc_batch_close(f->b);
	mc_stdlib_close(f->lib);
	free(f);
	return 0;
}

static void
fields_found_once_and_bound(void **state)
{
	fixture *f = *state;

	assert_int_equal(mc_batch_field_count(f->b), 7);
	assert_string_equal(mc_batch_field(f->b, 0), "etablissement");
	/* Accents and case aside: « Établissement » and « NOM » match. */
	assert_true(mc_batch_bind(f->b, columns, 7));
	assert_int_equal(mc_batch_diag_count(f->b), 0);
}

static void
a_row_is_a_letter(void **state)
{
	fixture *f = *state;
	const char *row[] = { "Mme L\xc3\xa9" "a \"la\" } # \"\"\"\nMoreau", "certifie", "24 h",
		"B12", "26/09/2025", "Coll\xc3\xa8ge Henri Barnier", "0130050J" };
	mc_result *res;
	const mc_document *doc;
	mc_template *t = mc_template_open("templates/defaut", "build/polices");
	int seen = 0;

	assert_true(mc_batch_bind(f->b, columns, 7));
	res = mc_batch_check(f->b, row, 7);
	assert_non_null(res);
	assert_int_equal(mc_result_diag_count(res), 0);
	doc = mc_result_document(res, t);
	assert_non_null(doc);
	for (size_t i = 0; i < doc->nblocks; i++)
		if (doc->blocks[i].kind == MC_B_SIGNATURES) {
			/* The value, whole: quotes, brace, hash and line end are text. */
			assert_non_null(strstr(doc->blocks[i].signatures.signers[1].name, "} #"));
			assert_non_null(strstr(doc->blocks[i].signatures.signers[1].name, "Moreau"));
			seen = 1;
		}
	assert_true(seen);
	mc_result_free(res);
	mc_template_close(t);
}

static void
bad_cells_name_their_column(void **state)
{
	fixture *f = *state;
	const char *row[] = { "M. Paul Martin", "certifie", "vingt-quatre", "B12",
		"2025-09-26", "Coll\xc3\xa8ge", "0130050A" };
	mc_result *res;
	const mc_diag *d;

	assert_true(mc_batch_bind(f->b, columns, 7));
	res = mc_batch_check(f->b, row, 7);
	assert_int_equal(mc_result_diag_count(res), 2);
	d = mc_result_diag(res, 0);
	assert_string_equal(d->code, "uai_cle");
	assert_string_equal(mc_batch_column_at(f->b, d->span.start, d->span.end), "uai");
	d = mc_result_diag(res, 1);
	assert_string_equal(d->code, "valeur_de_colonne");
	assert_string_equal(mc_batch_column_at(f->b, d->span.start, d->span.end), "heures");
	mc_result_free(res);
}

static void
missing_column_before_any_row(void **state)
{
	fixture *f = *state;
	const char *few[] = { "nom", "corps" };

	assert_false(mc_batch_bind(f->b, few, 2));
	assert_int_equal(mc_batch_diag_count(f->b), 5);
	assert_string_equal(mc_batch_diag(f->b, 0)->code, "colonne_absente");
}

static void
a_model_checked_alone_names_its_fields(void **state)
{
	fixture *f = *state;
	mc_result *res = mc_check(f->lib, "modele.mission", model, strlen(model));
	size_t fields = 0;

	assert_true(mc_result_worst(res) == MC_ERROR);
	for (size_t i = 0; i < mc_result_diag_count(res); i++)
		fields += strcmp(mc_result_diag(res, i)->code, "champ_de_lot") == 0;
	/* The bare ones: « corps », « heures », « date ». */
	assert_int_equal(fields, 3);
	mc_result_free(res);
}

/* What names a letter outside it (the report, --nom, the cells of one
 * letter under --par) reads a cell as the letter prints it. */
static void
a_cell_as_the_letter_prints_it(void **state)
{
	char cell[64];

	(void)state;
	/* Blanks at the edges, a soft hyphen, ligatures. */
	strcpy(cell, "\xe2\x81\xa7Jo\xef\xac\x80re\xc2\xa0");
	assert_int_equal(mc_batch_cell_printed(cell, strlen(cell)), 6);
	assert_string_equal(cell, "Joffre");
	strcpy(cell, "Mo\xc2\xadreau \xef\xac\x81n");
	assert_int_equal(mc_batch_cell_printed(cell, strlen(cell)), 10);
	assert_string_equal(cell, "Moreau fin");
	strcpy(cell, "\xe2\x80\x8b");
	assert_int_equal(mc_batch_cell_printed(cell, strlen(cell)), 0);
	assert_string_equal(cell, "");
	assert_true(mc_batch_same_cell("Jo\xef\xac\x80re", " Joffre"));
	assert_false(mc_batch_same_cell("Jo\xef\xac\x80re", "Jofre"));
	assert_true(mc_batch_same_cell("Moreau", "Moreau\xc2\xa0"));
}

/* A total a spreadsheet adds under its table is no person's row: a cell
 * starts with the word, and most cells are empty. A person's row whose
 * cell starts with « Total » stays one; « Totalement » is no total. */
static void
a_total_row_is_no_person(void **state)
{
	const char *total[] = { "Total", "", "", "", "312 h", "" };
	const char *general[] = { "", "", " TOTAL G\xc3\x89N\xc3\x89RAL ", "", "", "" };
	const char *count[] = { "Nombre d\xe2\x80\x99" "enseignants : 3" };
	const char *person[] = { "Mme", "L\xc3\xa9" "a", "Total", "certifie", "24 h", "x" };
	const char *word[] = { "Totalement", "", "", "", "", "" };
	const char *blank[] = { "", "", "", "", "", "" };

	(void)state;
	assert_int_equal(mc_batch_total_cell(total, 6, 6), 0);
	assert_int_equal(mc_batch_total_cell(general, 6, 6), 2);
	/* One cell where the header has six: a line of text under the table. */
	assert_int_equal(mc_batch_total_cell(count, 1, 6), 0);
	assert_int_equal(mc_batch_total_cell(person, 6, 6), (size_t)-1);
	assert_int_equal(mc_batch_total_cell(word, 6, 6), (size_t)-1);
	assert_int_equal(mc_batch_total_cell(blank, 6, 6), (size_t)-1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(fields_found_once_and_bound, setup, teardown),
		cmocka_unit_test_setup_teardown(a_row_is_a_letter, setup, teardown),
		cmocka_unit_test_setup_teardown(bad_cells_name_their_column, setup, teardown),
		cmocka_unit_test_setup_teardown(missing_column_before_any_row, setup, teardown),
		cmocka_unit_test_setup_teardown(a_model_checked_alone_names_its_fields, setup, teardown),
		cmocka_unit_test(a_cell_as_the_letter_prints_it),
		cmocka_unit_test(a_total_row_is_no_person),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
