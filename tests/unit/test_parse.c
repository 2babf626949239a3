/* test_parse.c — the scanner and the parser: statements, literals, text
 * blocks, expressions, error recovery and limits. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "parse.h"

typedef struct fixture {
	mc_arena arena;
	mc_diags diags;
	mc_source src;
	mc_node *stmts;
	size_t count;
} fixture;

static int
setup(void **state)
{
	fixture *f = calloc(1, sizeof(*f));

	mc_arena_init(&f->arena, 0);
	mc_diags_init(&f->diags, &f->arena, 100);
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	fixture *f = *state;

	mc_diags_free(&f->diags);
	mc_arena_free(&f->arena);
	free(f);
	return 0;
}

static void
parse(fixture *f, const char *text)
{
	assert_true(mc_source_init(&f->src, &f->arena, &f->diags, "t.mission",
	    text, strlen(text)));
	f->stmts = mc_parse(&f->arena, &f->diags, &f->src, &f->count);
}

static const char *
code(fixture *f, size_t i)
{
	assert_true(i < f->diags.count);
	return f->diags.items[i]->code;
}

static void
statements_and_literals(void **state)
{
	fixture *f = *state;
	const mc_node *s, *a;

	parse(f, "lettre selon ddfpt\n"
	    "periode 2025-2026 .. 2027-2028\n"
	    "partie agent : ddfpt \"M. Paul Martin\" corps plp\n"
	    "imp 1 250 \xe2\x82\xac # un commentaire\n"
	    "fait_a \"Marseille\" le 2025-09-15\n");
	assert_int_equal(f->diags.count, 0);
	assert_int_equal(f->count, 5);
	s = f->stmts;
	assert_string_equal(mc_stmt_key(s), "lettre");
	assert_int_equal(s->u.stmt.nargs, 2);
	s = s->next;
	a = s->u.stmt.args;
	assert_int_equal(a->kind, MC_N_RANGE);
	assert_int_equal(a->u.range.lo->u.year, 2025);
	assert_int_equal(a->u.range.hi->u.year, 2027);
	s = s->next;
	assert_true(s->u.stmt.has_colon);
	assert_int_equal(s->u.stmt.ntail, 4);
	assert_int_equal(s->u.stmt.tail->next->kind, MC_N_STRING);
	assert_string_equal(s->u.stmt.tail->next->u.str.text, "M. Paul Martin");
	s = s->next;
	assert_int_equal(s->u.stmt.args->kind, MC_N_QUANTITY);
	assert_int_equal(s->u.stmt.args->u.qty.milli, 1250000);
	assert_int_equal(s->u.stmt.args->u.qty.unit, MC_U_EUROS);
	s = s->next;
	a = s->u.stmt.args->next->next;
	assert_int_equal(a->kind, MC_N_DATE);
	assert_int_equal(a->u.date.month, 9);
}

static void
accents_fold_in_keywords(void **state)
{
	fixture *f = *state;

	parse(f, "activit\xc3\xa9 x\npr\xc3\xa9sence 4,5 jours/semaine\n");
	assert_int_equal(f->diags.count, 0);
	assert_string_equal(mc_stmt_key(f->stmts), "activite");
	assert_string_equal(f->stmts->u.stmt.head->u.word.text, "activit\xc3\xa9");
	assert_string_equal(mc_stmt_key(f->stmts->next), "presence");
	assert_int_equal(f->stmts->next->u.stmt.args->u.qty.milli, 4500);
}

static void
text_blocks_are_dedented(void **state)
{
	fixture *f = *state;

	parse(f, "contexte \"\"\"\n"
	    "    Premier paragraphe,\n"
	    "    sur deux lignes.\n"
	    "\n"
	    "      Retrait gard\xc3\xa9 ; \"citation\".\n"
	    "  \"\"\"\n");
	assert_int_equal(f->diags.count, 0);
	assert_string_equal(f->stmts->u.stmt.args->u.str.text,
	    "Premier paragraphe,\nsur deux lignes.\n\n  Retrait gard\xc3\xa9 ; \"citation\".");
}

static void
blocks_and_escapes(void **state)
{
	fixture *f = *state;
	const mc_node *m;

	parse(f, "mission m {\n  activite a { observation \"dit \\\"oui\\\" \\\\\" }\n"
	    "  activite b\n}\n");
	assert_int_equal(f->diags.count, 0);
	m = f->stmts;
	assert_true(m->u.stmt.has_block);
	assert_int_equal(m->u.stmt.nbody, 2);
	assert_string_equal(m->u.stmt.body->u.stmt.body->u.stmt.args->u.str.text,
	    "dit \"oui\" \\");
}

static void
expressions_have_precedence(void **state)
{
	fixture *f = *state;
	const mc_node *e;

	parse(f, "exige non renseigne(imp) et duree <= 3 ans ou\n  signe(ddfpt)\n");
	assert_int_equal(f->diags.count, 0);
	assert_int_equal(f->count, 1);
	e = f->stmts->u.stmt.args;
	assert_int_equal(e->kind, MC_N_BINARY);
	assert_int_equal(e->u.bin.op, MC_OP_OR);
	assert_int_equal(e->u.bin.lhs->u.bin.op, MC_OP_AND);
	assert_int_equal(e->u.bin.lhs->u.bin.lhs->kind, MC_N_NOT);
	assert_int_equal(e->u.bin.lhs->u.bin.rhs->u.bin.op, MC_OP_LE);
	assert_int_equal(e->u.bin.rhs->kind, MC_N_CALL);
}

static void
recovery_reports_every_bad_line(void **state)
{
	fixture *f = *state;

	parse(f, "lettre selon ddfpt\nservice = = 3\nperiode 2025-2026\n} x\nannee 2025-2026\n");
	assert_int_equal(f->diags.count, 2);
	assert_string_equal(code(f, 0), "syntaxe");
	/* A « } » that closes nothing is skipped: « x » reads as a statement. */
	assert_string_equal(code(f, 1), "accolade_en_trop");
	/* The good lines around the bad ones are kept. */
	assert_int_equal(f->count, 4);
}

/* A form's « uai : "…" commune : "…" »: every value after a « : » is read,
 * and the colons are counted (the resolver reports those in excess). */
static void
form_colons_are_read(void **state)
{
	fixture *f = *state;
	const mc_node *s;

	parse(f, "etablissement : \"L\" uai : \"0130012T\" commune : \"M\"\n");
	assert_int_equal(f->diags.count, 0);
	assert_int_equal(f->count, 1);
	s = f->stmts;
	assert_int_equal(s->u.stmt.has_colon, 3);
	assert_int_equal(s->u.stmt.nargs, 0);
	assert_int_equal(s->u.stmt.ntail, 5);
	assert_int_equal(s->u.stmt.tail->kind, MC_N_STRING);
	assert_string_equal(s->u.stmt.tail->next->u.word.text, "uai");
}

static void
lexical_errors(void **state)
{
	fixture *f = *state;

	parse(f, "a \"ouverte\nb 2025-02-30\nc 2025-2027\nd -3 h\ne 4.5 h\nf 9999999999 \xe2\x82\xac\ng \"\\q\"\n");
	assert_int_equal(f->diags.count, 7);
	assert_string_equal(code(f, 0), "chaine_non_terminee");
	assert_string_equal(code(f, 1), "date_impossible");
	assert_string_equal(code(f, 2), "annee_scolaire_invalide");
	assert_string_equal(code(f, 3), "quantite_negative");
	assert_string_equal(code(f, 4), "virgule_decimale");
	assert_string_equal(code(f, 5), "nombre_trop_grand");
	assert_string_equal(code(f, 6), "echappement_inconnu");
	/* Each token still reaches the parser: seven statements. */
	assert_int_equal(f->count, 7);
}

static void
nesting_is_bounded(void **state)
{
	fixture *f = *state;
	char *text = malloc(400001);

	for (int i = 0; i < 100000; i++)
		memcpy(text + 4 * i, "x { ", 4);
	text[400000] = '\0';
	parse(f, text);
	free(text);
	assert_int_equal(f->diags.count, 1);
	assert_string_equal(code(f, 0), "imbrication_excessive");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(statements_and_literals, setup, teardown),
		cmocka_unit_test_setup_teardown(accents_fold_in_keywords, setup, teardown),
		cmocka_unit_test_setup_teardown(text_blocks_are_dedented, setup, teardown),
		cmocka_unit_test_setup_teardown(blocks_and_escapes, setup, teardown),
		cmocka_unit_test_setup_teardown(expressions_have_precedence, setup, teardown),
		cmocka_unit_test_setup_teardown(recovery_reports_every_bad_line, setup, teardown),
		cmocka_unit_test_setup_teardown(form_colons_are_read, setup, teardown),
		cmocka_unit_test_setup_teardown(lexical_errors, setup, teardown),
		cmocka_unit_test_setup_teardown(nesting_is_bounded, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
