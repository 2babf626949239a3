/* test_lower.c — the lowering pass: a checked letter becomes the document the
 * backends render (document.h), laid out as the académie's model letter, with
 * its texts in French typography and the author's blocks keeping their
 * position; and templates read and checked. Run from the repository root. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "compile.h"

#define NBSP "\xc2\xa0"
#define NNBSP "\xe2\x80\xaf"

/* The letter's first lines, up to its first activity. */
#define LETTER_HEAD \
    "lettre selon pacte\n" \
    "annee 2025-2026\n" \
    "academie \"Aix-Marseille\"\n" \
    "etablissement \"Coll\xc3\xa8ge Henri Barnier\" uai \"0130050J\" commune \"Marseille\"\n" \
    "partie chef : chef_etablissement \"Mme Nathalie Ferrand\"\n" \
    "partie prof : enseignant \"Mme L\xc3\xa9" "a Moreau\" corps certifie\n" \
    "mission devoirs_faits 24 h {\n" \
    "  activit\xc3\xa9 accompagnement_devoirs {\n"

static const char *const letter =
    LETTER_HEAD
    "    observation \"Le lundi : salle B12 ; l'\xc3\xa9tude \\\"calme\\\".\"\n"
    "  }\n"
    "}\n"
    "mission stage_reussite_ecole_ouverte 12 h\n"
    "bilan chef\n"
    "signatures chef, prof\n"
    "fait_a \"Marseille\" le 2025-09-01\n";

typedef struct fixture {
	mc_stdlib *lib;
	mc_template *t;
	mc_result *res;
	const mc_document *doc;
} fixture;

static int
setup(void **state)
{
	fixture *f = calloc(1, sizeof(*f));

	assert_non_null(f);
	f->lib = mc_stdlib_open("stdlib");
	f->t = mc_template_open("templates/defaut", "build/polices");
	f->res = mc_check(f->lib, "lettre.mission", letter, strlen(letter));
	assert_int_equal(mc_result_diag_count(f->res), 0);
	assert_int_equal(mc_template_diag_count(f->t), 0);
	f->doc = mc_result_document(f->res, f->t);
	assert_non_null(f->doc);
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	fixture *f = *state;

	mc_result_free(f->res);
	mc_template_close(f->t);
	mc_stdlib_close(f->lib);
	free(f);
	return 0;
}

static const mc_block *
find_heading(const mc_document *doc, const char *text)
{
	for (size_t i = 0; i < doc->nblocks; i++)
		if (doc->blocks[i].kind == MC_B_HEADING &&
		    strcmp(doc->blocks[i].text.runs[0].text, text) == 0)
			return &doc->blocks[i];
	return NULL;
}

static void
header_title_and_period(void **state)
{
	const mc_document *doc = ((fixture *)*state)->doc;

	assert_int_equal(doc->nheader, 3);
	assert_string_equal(doc->header[0], "Acad\xc3\xa9mie d\xe2\x80\x99" "Aix-Marseille");
	assert_string_equal(doc->header[2], "UAI 0130050J \xe2\x80\x94 Marseille");
	assert_string_equal(doc->title, "Lettre de mission du Pacte enseignant");
	assert_string_equal(doc->period, "Ann\xc3\xa9" "e scolaire 2025-2026");
	assert_string_equal(doc->page_label, "Page {page} sur {pages}");
}

static void
pay_table_with_total(void **state)
{
	const mc_document *doc = ((fixture *)*state)->doc;
	const mc_table *t = NULL;

	for (size_t i = 0; i < doc->nblocks; i++)
		if (doc->blocks[i].kind == MC_B_TABLE && doc->blocks[i].table.head != NULL)
			t = &doc->blocks[i].table;
	assert_non_null(t);
	assert_int_equal(t->ncols, 4);
	assert_int_equal(t->nrows, 3);
	assert_true(t->total);
	/* 1 part for 24 h, a half-part for 12 h, 1 875 € in all. */
	assert_string_equal(t->cells[2].runs[0].text, "1");
	assert_string_equal(t->cells[6].runs[0].text, "0,5");
	assert_string_equal(t->cells[11].runs[0].text, "1" NBSP "875" NBSP "\xe2\x82\xac");
}

static void
missions_activities_and_observations(void **state)
{
	fixture *f = *state;
	const mc_document *doc = f->doc;
	const mc_block *h = find_heading(doc, "Mission" NBSP ": Devoirs faits au coll\xc3\xa8ge");
	const mc_block *obs = NULL;
	const char *src = strstr(letter, "\"Le lundi");

	assert_non_null(h);
	for (const mc_block *b = h; b < doc->blocks + doc->nblocks; b++)
		if (b->kind == MC_B_PARAGRAPH && b->role == MC_P_OBSERVATION) {
			obs = b;
			break;
		}
	assert_non_null(obs);
	/* French typography, once: no-break spaces, apostrophe, guillemets. */
	assert_string_equal(obs->text.runs[0].text,
	    "Le lundi" NBSP ": salle B12" NNBSP "; l\xe2\x80\x99\xc3\xa9tude \xc2\xab" NNBSP
	    "calme" NNBSP "\xc2\xbb.");
	assert_int_equal(obs->text.runs[0].style, MC_STYLE_ITALIC);
	/* The author's block keeps where it comes from. */
	assert_int_equal(obs->start, (uint32_t)(src - letter));
	assert_true(obs[-1].kind == MC_B_PARAGRAPH && obs[-1].role == MC_P_LABEL);
	assert_non_null(find_heading(doc, "Bilan d\xe2\x80\x99" "activit\xc3\xa9"));
}

static void
signatures_in_order(void **state)
{
	const mc_document *doc = ((fixture *)*state)->doc;
	const mc_block *b = &doc->blocks[doc->nblocks - 1];

	assert_int_equal(b->kind, MC_B_SIGNATURES);
	assert_string_equal(b->signatures.place_date,
	    "Fait \xc3\xa0 Marseille, le 1er" NBSP "septembre" NBSP "2025");
	assert_int_equal(b->signatures.nsigners, 2);
	assert_string_equal(b->signatures.signers[0].label, "Cheffe d\xe2\x80\x99\xc3\xa9tablissement");
	assert_string_equal(b->signatures.signers[1].name, "Mme L\xc3\xa9" "a Moreau");
	assert_string_equal(b->signatures.mark, "(\xc3\xa9margement)");
}

static void
letter_with_errors_has_no_document(void **state)
{
	fixture *f = *state;
	mc_result *res = mc_check(f->lib, "x.mission", "lettre selon pacte\n", 19);

	assert_true(mc_result_worst(res) == MC_ERROR);
	assert_null(mc_result_document(res, f->t));
	mc_result_free(res);
}

/* A text's lines that start with « - » and a space are a bulleted list (the
 * référentiels transcribe the official lists so; docs/langage.md says it);
 * « – » (en dash) starts an ordinary line. */
static void
dash_lines_are_list_items(void **state)
{
	fixture *f = *state;
	const char *src =
	    LETTER_HEAD
	    "    observation \"\"\"\n"
	    "      - le lundi\n"
	    "      - le jeudi\n"
	    "      \xe2\x80\x93 pas un \xc3\xa9l\xc3\xa9ment\n"
	    "    \"\"\"\n"
	    "  }\n"
	    "}\n"
	    "bilan chef\n"
	    "signatures chef, prof\n"
	    "fait_a \"Marseille\" le 2025-09-01\n";
	mc_result *res = mc_check(f->lib, "x.mission", src, strlen(src));
	const mc_document *doc;
	const mc_block *list = NULL, *after = NULL;

	assert_int_equal(mc_result_diag_count(res), 0);
	doc = mc_result_document(res, f->t);
	assert_non_null(doc);
	for (size_t i = 0; i + 1 < doc->nblocks && list == NULL; i++)
		if (doc->blocks[i].kind == MC_B_LIST) {
			list = &doc->blocks[i];
			after = &doc->blocks[i + 1];
		}
	assert_non_null(list);
	assert_int_equal(list->nitems, 2);
	assert_string_equal(list->items[1].runs[0].text, "le jeudi");
	assert_int_equal(after->kind, MC_B_PARAGRAPH);
	assert_non_null(strstr(after->text.runs[0].text, "pas un"));
	mc_result_free(res);
}

static void
template_defaults_and_units(void **state)
{
	const mc_template *t = ((fixture *)*state)->t;

	/* Lengths are read in millimetres and kept in points. */
	assert_true(t->v[MC_T_PAGE_WIDTH].number > 595.2 && t->v[MC_T_PAGE_WIDTH].number < 595.3);
	assert_int_equal(t->v[MC_T_COLOUR_TITLE].rgb, 0x000091);
	assert_true(t->v[MC_T_LINE_HEIGHT].number > 1.29 && t->v[MC_T_LINE_HEIGHT].number < 1.31);
	assert_non_null(strstr(t->v[MC_T_FONT_BOLD].text, "build/polices/LiberationSans-Bold.ttf"));
	assert_null(t->logo);
}

static void
template_errors_are_positioned(void **state)
{
	mc_template *t;
	const mc_diag *d;
	FILE *f;

	(void)state;
	assert_int_equal(system("mkdir -p tests/out/modele_unitaire"), 0);
	f = fopen("tests/out/modele_unitaire/modele.conf", "w");
	assert_non_null(f);
	fputs("# essai\nmarge.haut = 30\ncouleur.titre = #12345\nmarge.hau = 2\n", f);
	fclose(f);
	t = mc_template_open("tests/out/modele_unitaire", NULL);
	assert_non_null(t);
	d = mc_template_diag(t, 0);
	assert_non_null(d);
	assert_string_equal(d->code, "modele_valeur_invalide");
	assert_int_equal(d->span.start, strlen("# essai\nmarge.haut = 30\ncouleur.titre = "));
	d = mc_template_diag(t, 1);
	assert_non_null(d);
	assert_string_equal(d->code, "modele_cle_inconnue");
	assert_string_equal(d->suggestion, "vouliez-vous dire « marge.haut » ?");
	mc_template_close(t);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(header_title_and_period),
		cmocka_unit_test(pay_table_with_total),
		cmocka_unit_test(missions_activities_and_observations),
		cmocka_unit_test(signatures_in_order),
		cmocka_unit_test(letter_with_errors_has_no_document),
		cmocka_unit_test(template_defaults_and_units),
		cmocka_unit_test(dash_lines_are_list_items),
		cmocka_unit_test(template_errors_are_positioned),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
