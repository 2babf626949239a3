/* test_ast_image.c — the référentiels' syntax trees compiled in: each file of
 * stdlib/ has its image, and loading it gives, field for field, the source
 * and the tree that parsing the file gives; an image is made and loaded
 * again for a text holding every kind of node; other bytes find no image. */
#include <dirent.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "ast_image.h"
#include "parse.h"

static void
same_string(const char *a, const char *b)
{
	if (a == NULL || b == NULL)
		assert_ptr_equal(a, b);
	else
		assert_string_equal(a, b);
}

static void same_tree(const mc_node *a, const mc_node *b, unsigned *kinds);

/* Every field of two nodes, and of what hangs from them. */
static void
same_node(const mc_node *a, const mc_node *b, unsigned *kinds)
{
	assert_int_equal(a->kind, b->kind);
	assert_int_equal(a->start, b->start);
	assert_int_equal(a->end, b->end);
	*kinds |= 1u << a->kind;
	switch (a->kind) {
	case MC_N_WORD:
	case MC_N_FIELD:
		same_string(a->u.word.text, b->u.word.text);
		same_string(a->u.word.key, b->u.word.key);
		break;
	case MC_N_PATH:
	case MC_N_STRING:
	case MC_N_TEXT:
		assert_int_equal(a->u.str.len, b->u.str.len);
		assert_non_null(b->u.str.text);
		assert_memory_equal(a->u.str.text, b->u.str.text, a->u.str.len + 1);
		break;
	case MC_N_NUMBER:
	case MC_N_QUANTITY:
		assert_int_equal(a->u.qty.milli, b->u.qty.milli);
		assert_int_equal(a->u.qty.unit, b->u.qty.unit);
		break;
	case MC_N_DATE:
		assert_int_equal(a->u.date.year, b->u.date.year);
		assert_int_equal(a->u.date.month, b->u.date.month);
		assert_int_equal(a->u.date.day, b->u.date.day);
		break;
	case MC_N_YEAR:
		assert_int_equal(a->u.year, b->u.year);
		break;
	case MC_N_RANGE:
		same_tree(a->u.range.lo, b->u.range.lo, kinds);
		same_tree(a->u.range.hi, b->u.range.hi, kinds);
		break;
	case MC_N_CALL:
		same_string(a->u.call.key, b->u.call.key);
		assert_int_equal(a->u.call.nargs, b->u.call.nargs);
		same_tree(a->u.call.args, b->u.call.args, kinds);
		break;
	case MC_N_LIST:
		assert_int_equal(a->u.list.n, b->u.list.n);
		same_tree(a->u.list.items, b->u.list.items, kinds);
		break;
	case MC_N_BINARY:
		assert_int_equal(a->u.bin.op, b->u.bin.op);
		same_tree(a->u.bin.lhs, b->u.bin.lhs, kinds);
		same_tree(a->u.bin.rhs, b->u.bin.rhs, kinds);
		break;
	case MC_N_NOT:
		same_tree(a->u.operand, b->u.operand, kinds);
		break;
	case MC_N_STMT:
		assert_int_equal(a->u.stmt.nargs, b->u.stmt.nargs);
		assert_int_equal(a->u.stmt.ntail, b->u.stmt.ntail);
		assert_int_equal(a->u.stmt.nbody, b->u.stmt.nbody);
		assert_int_equal(a->u.stmt.has_colon, b->u.stmt.has_colon);
		assert_int_equal(a->u.stmt.has_block, b->u.stmt.has_block);
		same_tree(a->u.stmt.head, b->u.stmt.head, kinds);
		same_tree(a->u.stmt.args, b->u.stmt.args, kinds);
		same_tree(a->u.stmt.tail, b->u.stmt.tail, kinds);
		same_tree(a->u.stmt.body, b->u.stmt.body, kinds);
		break;
	case MC_N_BLANK:
		break;
	}
}

/* Two lists of siblings. */
static void
same_tree(const mc_node *a, const mc_node *b, unsigned *kinds)
{
	for (; a != NULL && b != NULL; a = a->next, b = b->next) {
		assert_ptr_not_equal(a, b);
		same_node(a, b, kinds);
	}
	assert_ptr_equal(a, b);    /* both lists end together */
}

static void
same_source(const mc_source *a, const mc_source *b)
{
	assert_int_equal(a->len, b->len);
	assert_memory_equal(a->text, b->text, a->len + 2);
	assert_int_equal(a->body, b->body);
	assert_int_equal(a->nlines, b->nlines);
	assert_memory_equal(a->lines, b->lines, a->nlines * sizeof(*a->lines));
	assert_memory_equal(a->chars, b->chars,
	    (a->len / MC_CHAR_BLOCK + 1) * sizeof(*a->chars));
	assert_string_equal(a->name, b->name);
}

/* What parsing gives, and what the image gives. */
typedef struct both {
	mc_arena arena;
	mc_diags diags;
	mc_source parsed, loaded;
	mc_node *parsed_stmts, *loaded_stmts;
	size_t parsed_count, loaded_count;
} both;

static void
parse_text(both *b, const char *text, size_t len)
{
	mc_arena_init(&b->arena, 0);
	mc_diags_init(&b->diags, &b->arena, 100);
	assert_true(mc_source_init(&b->parsed, &b->arena, &b->diags, "t.mission",
	    text, len));
	b->parsed_stmts = mc_parse(&b->arena, &b->diags, &b->parsed, &b->parsed_count);
}

static void
load_and_compare(both *b, const mc_ast_image *img, unsigned *kinds)
{
	b->loaded_stmts = mc_ast_image_load(img, &b->arena, &b->loaded, "t.mission",
	    &b->loaded_count);
	assert_non_null(b->loaded.text);
	/* Read in place, not copied: a copy is pages written at each start. */
	assert_ptr_equal(b->loaded.text, img->bytes);
	assert_ptr_equal(b->loaded.lines, img->lines);
	assert_int_equal(b->loaded_count, b->parsed_count);
	same_source(&b->parsed, &b->loaded);
	same_tree(b->parsed_stmts, b->loaded_stmts, kinds);
}

static void
both_free(both *b)
{
	mc_diags_free(&b->diags);
	mc_arena_free(&b->arena);
}

static char *
read_stdlib(const char *name, size_t *len)
{
	char path[300];
	int err = 0;
	char *text;

	snprintf(path, sizeof(path), "stdlib/%s", name);
	text = mc_read_file(path, len, &err);
	assert_non_null(text);
	return text;
}

/* Each stdlib/NAME.mission of the tree has its image, and the library has
 * no other. */
static void
every_stdlib_file_has_its_image(void **state)
{
	size_t n = 0, files = 0;
	DIR *d = opendir("stdlib");
	struct dirent *e;

	(void)state;
	assert_non_null(d);
	for (size_t i = 0; mc_stdlib_images[i] != NULL; i++)
		n++;
	while ((e = readdir(d)) != NULL) {
		size_t k = strlen(e->d_name), len = 0;
		char *text;
		const mc_ast_image *img;
		both b;
		unsigned kinds = 0;

		if (k <= 8 || strcmp(e->d_name + k - 8, ".mission") != 0)
			continue;
		files++;
		text = read_stdlib(e->d_name, &len);
		img = mc_ast_image_find(mc_stdlib_images, text, len);
		if (img == NULL)
			fail_msg("stdlib/%s : pas d’image compilée", e->d_name);
		parse_text(&b, text, len);
		assert_int_equal(b.diags.count, 0);
		load_and_compare(&b, img, &kinds);
		assert_true(kinds & (1u << MC_N_STMT));
		both_free(&b);
		free(text);
	}
	closedir(d);
	assert_true(files > 0);
	assert_int_equal(n, files);
}

static void
other_bytes_have_none(void **state)
{
	size_t len = 0;
	char *text = read_stdlib("ddfpt.mission", &len);

	(void)state;
	assert_non_null(mc_ast_image_find(mc_stdlib_images, text, len));
	/* One byte changed, one byte less: the file is parsed. */
	text[len / 2] ^= 0x01;
	assert_null(mc_ast_image_find(mc_stdlib_images, text, len));
	text[len / 2] ^= 0x01;
	assert_null(mc_ast_image_find(mc_stdlib_images, text, len - 1));
	assert_null(mc_ast_image_find(mc_stdlib_images, "", 0));
	assert_null(mc_ast_image_find(NULL, text, len));
	free(text);
}

static void
write_bytes(const char *path, const char *p, size_t n)
{
	FILE *f = fopen(path, "wb");

	assert_non_null(f);
	assert_int_equal(fwrite(p, 1, n, f), n);
	assert_int_equal(fclose(f), 0);
}

/* The file compared as it is read: its exact bytes find the image; one
 * changed (at the start, in the middle, in the last piece read), one
 * less, one more, no file, a folder: none. */
static void
files_find_their_image(void **state)
{
	char dir[] = "/tmp/test_ast_image.XXXXXX", path[64];
	size_t len = 0;
	char *text = read_stdlib("pacte.mission", &len);
	const mc_ast_image *img = mc_ast_image_find(mc_stdlib_images, text, len);
	const size_t at[] = { 0, 4095, 4096, len / 2, len - 1 };

	(void)state;
	assert_non_null(img);
	assert_true(len > 3 * 4096);
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/r.mission", dir);
	write_bytes(path, text, len);
	assert_ptr_equal(mc_ast_image_find_file(mc_stdlib_images, path), img);
	for (size_t i = 0; i < sizeof(at) / sizeof(at[0]); i++) {
		text[at[i]] ^= 0x20;
		write_bytes(path, text, len);
		assert_null(mc_ast_image_find_file(mc_stdlib_images, path));
		text[at[i]] ^= 0x20;
	}
	write_bytes(path, text, len - 1);
	assert_null(mc_ast_image_find_file(mc_stdlib_images, path));
	text = realloc(text, len + 1);
	assert_non_null(text);
	text[len] = '\n';
	write_bytes(path, text, len + 1);
	assert_null(mc_ast_image_find_file(mc_stdlib_images, path));
	write_bytes(path, text, len);
	assert_ptr_equal(mc_ast_image_find_file(mc_stdlib_images, path), img);
	assert_null(mc_ast_image_find_file(NULL, path));
	assert_int_equal(remove(path), 0);
	assert_null(mc_ast_image_find_file(mc_stdlib_images, path));
	assert_null(mc_ast_image_find_file(mc_stdlib_images, dir));
	assert_int_equal(remove(dir), 0);
	free(text);
}

/* Every kind of node, a BOM and lines longer than a block of characters. */
static void
every_kind_round_trips(void **state)
{
	static const char head[] =
	    "\xef\xbb\xbf" "lettre selon ddfpt\n"
	    "periode 2025-2026 .. 2027-2028\n"
	    "partie agent : ddfpt \"M. Jos\xc3\xa9 Mart\xc3\xadn\" corps plp\n"
	    "imp 1 250 \xe2\x82\xac # un commentaire\n"
	    "quantite 12 pour 24,5 h\n"
	    "fait_a \"Marseille\" le 2025-09-15\n"
	    "champ \xc2\xab" "Nom d\xe2\x80\x99usage\xc2\xbb \xe2\x80\xa6\n"
	    "chemin ../etc/passwd\n"
	    "regle r : si non (a + b * 2 >= 3 et c dans [x, y]) ou f(1, \"z\")\n"
	    "contexte \"\"\"\n  Un bloc de texte\n  sur deux lignes.\n  \"\"\"\n"
	    "mission m {\n  activite a { observation \"dit \\\"oui\\\"\" }\n}\n"
	    "texte \"";
	char text[sizeof(head) + 3000];
	size_t len;
	both b;
	mc_ast_image img;
	unsigned kinds = 0;

	(void)state;
	memcpy(text, head, sizeof(head) - 1);
	len = sizeof(head) - 1;
	for (int i = 0; i < 2500; i++)
		text[len++] = i % 50 == 49 ? ' ' : (char)('a' + i % 26);
	memcpy(text + len, "\"\n", 2);
	len += 2;
	parse_text(&b, text, len);
	assert_true(mc_ast_image_build(&img, &b.arena, &b.parsed, text, len,
	    b.parsed_stmts, b.parsed_count));
	assert_int_equal(img.len, len);
	load_and_compare(&b, &img, &kinds);
	for (int k = MC_N_STMT; k <= MC_N_NOT; k++) {
		if ((kinds & (1u << k)) == 0)
			fail_msg("no node of kind %d in the text", k);
	}
	both_free(&b);
}

static void
empty_file(void **state)
{
	both b;
	mc_ast_image img;
	unsigned kinds = 0;

	(void)state;
	parse_text(&b, "# rien\n", 7);
	assert_null(b.parsed_stmts);
	assert_true(mc_ast_image_build(&img, &b.arena, &b.parsed, "# rien\n", 7,
	    b.parsed_stmts, b.parsed_count));
	load_and_compare(&b, &img, &kinds);
	assert_null(b.loaded_stmts);
	both_free(&b);
}

/* A text the source rewrote (composed from « e » + U+0301) has no image:
 * the offsets of its tree are not those of the file's bytes. */
static void
rewritten_text_has_none(void **state)
{
	static const char text[] = "contexte \"cafe\xcc\x81\"\n";
	both b;
	mc_ast_image img;

	(void)state;
	parse_text(&b, text, sizeof(text) - 1);
	assert_false(mc_ast_image_build(&img, &b.arena, &b.parsed, text,
	    sizeof(text) - 1, b.parsed_stmts, b.parsed_count));
	both_free(&b);
}

/* The C written for an image, for the tables to be compiled. */
static void
emitted_c(void **state)
{
	both b;
	mc_ast_image img;
	mc_buffer out;

	(void)state;
	parse_text(&b, "periode 2025-2026 .. 2027-2028\n", 31);
	assert_true(mc_ast_image_build(&img, &b.arena, &b.parsed,
	    "periode 2025-2026 .. 2027-2028\n", 31, b.parsed_stmts, b.parsed_count));
	mc_buffer_init(&out);
	mc_ast_image_emit(&out, &img, "im");
	mc_buffer_put(&out, "", 1);
	assert_false(out.failed);
	assert_non_null(strstr(out.data, "static const char im_bytes[] = {\n\t112,101,"));
	assert_non_null(strstr(out.data, ".kind = 10, .start = 8, .end = 17, .u.year = 2025 }"));
	assert_non_null(strstr(out.data, "static const mc_ast_image im = {\n\tim_bytes, 31, 0,"));
	mc_buffer_free(&out);
	both_free(&b);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(every_stdlib_file_has_its_image),
		cmocka_unit_test(other_bytes_have_none),
		cmocka_unit_test(files_find_their_image),
		cmocka_unit_test(every_kind_round_trips),
		cmocka_unit_test(empty_file),
		cmocka_unit_test(rewritten_text_has_none),
		cmocka_unit_test(emitted_c),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
