/* test_query.c — the editor queries of the library (query.h) and the
 * formatter (format.h): names that fit at a place, the name under the cursor
 * and its declaration, the node at an offset, the outline, the layout. Run
 * from the repository root (stdlib/). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "format.h"
#include "query.h"

static const char *const letter =
    "lettre selon ddfpt\n"
    "partie chef : chef_etablissement \"Mme Durand\"\n"
    "partie agent : ddfpt \"M. Martin\" corps plp\n"
    "mission organiser_enseignements {\n"
    "  activit\xc3\xa9 evaluation_moyens\n"
    "  activite \n"
    "}\n"
    "mission \n"
    "signatures chef, \n";

static uint32_t
at(const char *needle, int delta)
{
	const char *p = strstr(letter, needle);

	assert_non_null(p);
	return (uint32_t)(p - letter) + (uint32_t)delta;
}

static mc_query *
open_letter(mc_stdlib **lib)
{
	mc_query *q;

	*lib = mc_stdlib_open("stdlib");
	assert_non_null(*lib);
	q = mc_query_open(*lib, "lettre.mission", letter, strlen(letter));
	assert_non_null(q);
	assert_non_null(mc_query_referential(q));
	return q;
}

static int
has(const mc_name *names, size_t n, const char *name, mc_name_kind kind)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(names[i].name, name) == 0 && names[i].kind == kind)
			return 1;
	return 0;
}

static void
completion_in_context(void **state)
{
	mc_stdlib *lib;
	mc_query *q = open_letter(&lib);
	const mc_name *names;
	uint32_t s, e;
	size_t n;

	(void)state;
	/* after « mission »: the référentiel's missions, with their text */
	n = mc_query_complete(q, at("mission \nsign", 8), &names, &s, &e);
	assert_true(has(names, n, "organiser_enseignements", MC_NAME_MISSION));
	assert_int_equal(s, e);
	/* inside the mission, after « activite »: its activities */
	n = mc_query_complete(q, at("activite \n", 9), &names, &s, &e);
	assert_true(has(names, n, "evaluation_moyens", MC_NAME_ACTIVITY));
	assert_true(has(names, n, "specifique", MC_NAME_KEYWORD));
	assert_false(has(names, n, "coordonner_equipes", MC_NAME_MISSION));
	/* a word typed halfway: its range is what the completion replaces */
	n = mc_query_complete(q, at("evaluation_moyens", 4), &names, &s, &e);
	assert_true(has(names, n, "repartition_service", MC_NAME_ACTIVITY));
	assert_int_equal(s, at("evaluation_moyens", 0));
	assert_int_equal(e, at("evaluation_moyens", 17));
	/* after « partie x : », « corps », « signatures … , »; at a line start */
	n = mc_query_complete(q, at("chef_etablissement", 0), &names, &s, &e);
	assert_true(has(names, n, "ddfpt", MC_NAME_ROLE));
	n = mc_query_complete(q, at("plp", 0), &names, &s, &e);
	assert_true(has(names, n, "plp", MC_NAME_CORPS));
	n = mc_query_complete(q, at("chef, \n", 6), &names, &s, &e);
	assert_true(has(names, n, "agent", MC_NAME_PARTY));
	n = mc_query_complete(q, at("partie chef", 0), &names, &s, &e);
	assert_true(has(names, n, "mission", MC_NAME_KEYWORD));
	assert_true(has(names, n, "fait_a", MC_NAME_KEYWORD));
	/* inside a string: nothing */
	assert_int_equal(mc_query_complete(q, at("Durand", 2), &names, &s, &e), 0);
	mc_query_close(q);
	mc_stdlib_close(lib);
}

static void
name_and_declaration(void **state)
{
	mc_stdlib *lib;
	mc_query *q = open_letter(&lib);
	mc_name n;
	uint32_t s, e;
	unsigned line, col;

	(void)state;
	assert_true(mc_query_name_at(q, at("evaluation_moyens", 3), &n, &s, &e));
	assert_int_equal(n.kind, MC_NAME_ACTIVITY);
	assert_non_null(n.text);
	assert_non_null(n.def.src);
	assert_string_equal(mc_source_name(n.def.src) + strlen(mc_source_name(n.def.src)) -
	    strlen("ddfpt.mission"), "ddfpt.mission");
	mc_source_position(n.def.src, n.def.start, &line, &col);
	assert_int_equal(col, 12);   /* « activite evaluation_moyens … » */
	/* a party: declared in the letter */
	assert_true(mc_query_name_at(q, at("chef, ", 1), &n, &s, &e));
	assert_int_equal(n.kind, MC_NAME_PARTY);
	assert_ptr_equal(n.def.src, mc_query_source(q));
	assert_int_equal(n.def.start, at("chef :", 0));
	/* a string is no name */
	assert_false(mc_query_name_at(q, at("Martin", 1), &n, &s, &e));
	mc_query_close(q);
	mc_stdlib_close(lib);
}

static void
node_and_outline(void **state)
{
	mc_stdlib *lib;
	mc_query *q = open_letter(&lib);
	const mc_node *stmt, *node;
	const mc_outline_item *items;
	size_t n;

	(void)state;
	node = mc_query_node_at(q, at("evaluation_moyens", 2), &stmt);
	assert_non_null(node);
	assert_int_equal(node->kind, MC_N_WORD);
	assert_string_equal(node->u.word.text, "evaluation_moyens");
	assert_string_equal(mc_stmt_key(stmt), "activite");
	node = mc_query_node_at(q, at("\"M. Martin", 3), &stmt);
	assert_int_equal(node->kind, MC_N_STRING);
	assert_string_equal(mc_stmt_key(stmt), "partie");
	n = mc_query_outline(q, &items);
	assert_int_equal(n, 4);
	assert_string_equal(items[0].name, "chef");
	assert_string_equal(items[1].name, "agent");
	assert_string_equal(items[2].name, "organiser_enseignements");
	assert_string_equal(items[3].name, "evaluation_moyens");
	assert_int_equal(items[3].depth, 1);
	mc_query_close(q);
	mc_stdlib_close(lib);
}

/* Offsets inside a byte order mark are the first character (a position
 * asked at offset 0 once read past the end of the buffer). */
static void
position_in_bom(void **state)
{
	static const char text[] = "\xef\xbb\xbflettre selon ddfpt\n";
	mc_stdlib *lib = mc_stdlib_open("stdlib");
	mc_query *q = mc_query_open(lib, "bom.mission", text, sizeof(text) - 1);
	unsigned line = 0, col = 0;

	(void)state;
	assert_non_null(q);
	mc_source_position(mc_query_source(q), 0, &line, &col);
	assert_int_equal(line, 1);
	assert_int_equal(col, 1);
	mc_source_position(mc_query_source(q), 4, &line, &col);
	assert_int_equal(col, 2);
	mc_query_close(q);
	mc_stdlib_close(lib);
}

static void
format_layout(void **state)
{
	static const char *const messy =
	    "lettre   selon ddfpt # en-t\xc3\xaate\n\n\n"
	    "partie a:ddfpt \"A\"\nservice 39h/semaine\n"
	    "mission m { activite x }\n";
	static const char *const want =
	    "lettre selon ddfpt  # en-t\xc3\xaate\n\n"
	    "partie a : ddfpt \"A\"\nservice 39 h/semaine\n"
	    "mission m {\n  activite x\n}\n";
	mc_buffer out, again;

	(void)state;
	mc_buffer_init(&out);
	mc_buffer_init(&again);
	assert_int_equal(mc_format_text("t", messy, strlen(messy), &out), MC_FORMAT_OK);
	assert_int_equal(out.len, strlen(want));
	assert_memory_equal(out.data, want, out.len);
	/* idempotent */
	assert_int_equal(mc_format_text("t", out.data, out.len, &again), MC_FORMAT_OK);
	assert_int_equal(again.len, out.len);
	assert_memory_equal(again.data, out.data, out.len);
	/* a syntax error: left alone */
	mc_buffer_free(&again);
	mc_buffer_init(&again);
	assert_int_equal(mc_format_text("t", "mission {\n", 10, &again), MC_FORMAT_UNREADABLE);
	assert_int_equal(again.len, 0);
	mc_buffer_free(&out);
	mc_buffer_free(&again);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(completion_in_context),
		cmocka_unit_test(name_and_declaration),
		cmocka_unit_test(node_and_outline),
		cmocka_unit_test(position_in_bom),
		cmocka_unit_test(format_layout),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
