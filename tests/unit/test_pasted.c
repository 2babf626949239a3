/* test_pasted.c — the one table of pasted characters (pasted_chars.def)
 * gives the scanner and the text rule the same answer for each of its
 * characters: outside a text, inside a name, in a .mission's text, and in a
 * batch's cell taken as a text or as a name. Run from the repository root. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <utf8proc.h>

#include "compile.h"
#include "parse.h"
#include "pdf_charset.h"

typedef struct parsed {
	mc_arena arena;
	mc_diags diags;
	mc_source src;
	mc_node *stmts;
	size_t count;
} parsed;

static void
parse(parsed *p, const char *text)
{
	memset(p, 0, sizeof(*p));
	mc_arena_init(&p->arena, 0);
	mc_diags_init(&p->diags, &p->arena, 100);
	assert_true(mc_source_init(&p->src, &p->arena, &p->diags, "t.mission",
	    text, strlen(text)));
	p->stmts = mc_parse(&p->arena, &p->diags, &p->src, &p->count);
}

static void
unparse(parsed *p)
{
	mc_diags_free(&p->diags);
	mc_arena_free(&p->arena);
}

static void
utf8(uint32_t cp, char out[8])
{
	memset(out, 0, 8);
	utf8proc_encode_char((utf8proc_int32_t)cp, (utf8proc_uint8_t *)out);
}

static int
refused_in_text(const mc_pasted_char *c)
{
	return c->role != MC_PASTE_KEPT && c->role != MC_PASTE_DROPPED &&
	    c->role != MC_PASTE_LETTERS;
}

/* What the scanner must say of it: the table's hint, a ligature's letters,
 * or, for the others, the very words of the text rule. */
static void
check_hint(const mc_pasted_char *c, const char *hint)
{
	char why[512];

	assert_non_null(hint);
	if (c->hint != NULL) {
		assert_string_equal(hint, c->hint);
	} else if (c->role == MC_PASTE_LETTERS) {
		assert_non_null(strstr(hint, c->letters));
	} else {
		mc_char_refusal(c->cp, 0, why, sizeof(why));
		assert_string_equal(hint, why);
	}
}

static void
table_is_in_order(void **state)
{
	(void)state;
	assert_true(mc_pasted_char_count() > 0);
	for (size_t i = 1; i < mc_pasted_char_count(); i++)
		assert_true(mc_pasted_char_at(i - 1)->cp < mc_pasted_char_at(i)->cp);
	for (size_t i = 0; i < mc_pasted_char_count(); i++)
		assert_ptr_equal(mc_pasted_char_of(mc_pasted_char_at(i)->cp),
		    mc_pasted_char_at(i));
	assert_null(mc_pasted_char_of('a'));
}

/* Outside a text, alone and inside a name: one error, with its hint; a
 * character with letters (the scanner's PASTED) leaves the name read as
 * meant, any other cuts it. */
static void
scanner_reads_the_table(void **state)
{
	(void)state;
	for (size_t i = 0; i < mc_pasted_char_count(); i++) {
		const mc_pasted_char *c = mc_pasted_char_at(i);
		char ch[8], text[64], want[32];
		parsed p;
		const mc_diag *d = NULL;

		utf8(c->cp, ch);
		snprintf(text, sizeof(text), "mission ab%scd {\n}\n", ch);
		parse(&p, text);
		for (size_t k = 0; k < p.diags.count && d == NULL; k++)
			if (strcmp(p.diags.items[k]->code, "caractere_inattendu") == 0)
				d = p.diags.items[k];
		if (d == NULL)
			fail_msg("U+%04X : aucune erreur dans un nom", (unsigned)c->cp);
		assert_int_equal(d->span.start, 10);
		check_hint(c, d->suggestion);
		if (c->letters != NULL) {
			assert_int_equal(p.diags.count, 1);
			snprintf(want, sizeof(want), "ab%scd", c->letters);
			assert_non_null(p.stmts);
			assert_string_equal(p.stmts->u.stmt.args->u.word.text, want);
		}
		unparse(&p);
	}
}

/* In a .mission's text: kept, dropped later, or written as letters with no
 * error; any other refused by the checker in the text rule's words. */
static void
text_rule_reads_the_table(void **state)
{
	(void)state;
	for (size_t i = 0; i < mc_pasted_char_count(); i++) {
		const mc_pasted_char *c = mc_pasted_char_at(i);
		char ch[8], text[64], want[32], why[512];
		parsed p;
		size_t at, n, before;
		uint32_t cp;

		utf8(c->cp, ch);
		snprintf(text, sizeof(text), "ab%scd", ch);
		cp = mc_text_refused(text, strlen(text), &at, &n);
		assert_int_equal(cp, refused_in_text(c) ? c->cp : 0);
		if (cp != 0) {
			assert_int_equal(at, 2);
			assert_int_equal(n, strlen(ch));
		}
		/* A name refuses all but what prints. */
		cp = mc_name_refused(text, strlen(text), &at, &n);
		assert_int_equal(cp, c->role == MC_PASTE_KEPT ? 0 : c->cp);
		if (cp != 0)
			assert_int_equal(at, 2);

		snprintf(text, sizeof(text), "x \"ab%scd\"\n", ch);
		parse(&p, text);
		assert_int_equal(p.diags.count, 0);
		snprintf(want, sizeof(want), "ab%scd", c->role == MC_PASTE_LETTERS ?
		    c->letters : ch);
		assert_string_equal(p.stmts->u.stmt.args->u.str.text, want);
		before = p.diags.count;
		mc_report_unprintable(&p.diags, &p.src, p.stmts);
		if (refused_in_text(c)) {
			assert_int_equal(p.diags.count, before + 1);
			assert_string_equal(p.diags.items[before]->code, "non_imprimable_en_pdf");
			mc_char_refusal(c->cp, 0, why, sizeof(why));
			assert_non_null(strstr(p.diags.items[before]->message, why));
			assert_int_equal(strncmp(why, c->name, strlen(c->name)), 0);
		} else {
			assert_int_equal(p.diags.count, before);
		}
		unparse(&p);
	}
}

static const char *const model =
    "lettre selon pacte\n"
    "annee 2025-2026\n"
    "etablissement \"Coll\xc3\xa8ge\" uai \"0130050J\"\n"
    "partie chef : chef_etablissement \"Mme Nathalie Ferrand\"\n"
    "partie prof : enseignant \"Mme L\xc3\xa9" "a Moreau\" corps \xc2\xab" "corps\xc2\xbb\n"
    "mission devoirs_faits 24 h {\n"
    "  observation \"Salle \xc2\xab" "salle\xc2\xbb.\"\n"
    "}\n"
    "bilan chef\n"
    "signatures chef, prof\n"
    "fait_a \"Marseille\" le 2025-09-26\n";

static const mc_diag *
cell_diag(mc_result *res)
{
	for (size_t k = 0; k < mc_result_diag_count(res); k++)
		if (strcmp(mc_result_diag(res, k)->code, "caractere_de_colonne") == 0)
			return mc_result_diag(res, k);
	return NULL;
}

/* In a batch's cell, the same as in a .mission: a text cell as a text
 * (the letter has the ligature's letters), a bare one as a name. */
static void
batch_cells_read_the_table(void **state)
{
	mc_stdlib *lib = mc_stdlib_open("stdlib");
	mc_batch *b = mc_batch_open(lib, "modele.mission", model, strlen(model));
	const char *columns[] = { "corps", "salle" };

	(void)state;
	assert_non_null(b);
	assert_true(mc_batch_bind(b, columns, 2));
	for (size_t i = 0; i < mc_pasted_char_count(); i++) {
		const mc_pasted_char *c = mc_pasted_char_at(i);
		char ch[8], salle[32], corps[32], why[512];
		const char *text_row[2], *name_row[2];
		mc_result *res;
		const mc_diag *d;

		utf8(c->cp, ch);
		snprintf(salle, sizeof(salle), "B%s12", ch);
		snprintf(corps, sizeof(corps), "certi%sfie", ch);
		text_row[0] = "certifie";
		text_row[1] = salle;
		res = mc_batch_check(b, text_row, 2);
		d = cell_diag(res);
		if (refused_in_text(c)) {
			assert_non_null(d);
			mc_char_refusal(c->cp, 1, why, sizeof(why));
			assert_non_null(strstr(d->message, why));
		} else {
			assert_null(d);
			assert_int_equal(mc_result_worst(res) == MC_ERROR, 0);
		}
		mc_result_free(res);

		name_row[0] = corps;
		name_row[1] = "B12";
		res = mc_batch_check(b, name_row, 2);
		d = cell_diag(res);
		if (c->role != MC_PASTE_KEPT) {
			assert_non_null(d);
			mc_char_refusal(c->cp, 1, why, sizeof(why));
			assert_non_null(strstr(d->message, why));
		} else {
			assert_null(d);
		}
		mc_result_free(res);
	}
	mc_batch_close(b);
	mc_stdlib_close(lib);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(table_is_in_order),
		cmocka_unit_test(scanner_reads_the_table),
		cmocka_unit_test(text_rule_reads_the_table),
		cmocka_unit_test(batch_cells_read_the_table),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
