/* test_cli_batch.c — the command-line pieces of a batch: reading an HR
 * export (csv_reader.c), naming the letters (batch_names.c), and the report
 * entries (batch_report.c). Run from the repository root. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "../../cli/batch.h"

/* A file holding `text`, removed by the caller. */
static char *
temp_file(const char *text, size_t len)
{
	char *path = strdup("/tmp/missionc-test-XXXXXX");
	int fd = mkstemp(path);

	assert_true(fd >= 0);
	assert_int_equal(write(fd, text, len), (ssize_t)len);
	close(fd);
	return path;
}

static csv_file *
open_text(const char *text, char sep, int latin1, char **path)
{
	csv_file *c;

	*path = temp_file(text, strlen(text));
	c = csv_open(*path, sep, latin1);
	assert_non_null(c);
	return c;
}

static void
csv_quotes_newlines_and_separator(void **state)
{
	char *path;
	csv_file *c = open_text("\xef\xbb\xbfnom,obs\r\n"
	    "\"D'Artagnan, Jean\",\"dit \"\"le Gascon\"\"\nsur deux lignes\"\r\n"
	    "Moreau,\n", 0, 0, &path);
	csv_record r = { 0 };

	(void)state;
	assert_int_equal(csv_next(c, &r), 1);
	assert_int_equal(csv_separator(c), ',');
	assert_int_equal(r.nfields, 2);
	assert_string_equal(r.fields[0], "nom");        /* BOM gone */
	csv_record_free(&r);
	assert_int_equal(csv_next(c, &r), 1);
	assert_int_equal(r.problem, CSV_OK);
	assert_int_equal(r.line, 2);
	assert_string_equal(r.fields[0], "D'Artagnan, Jean");
	assert_string_equal(r.fields[1], "dit \"le Gascon\"\nsur deux lignes");
	csv_record_free(&r);
	assert_int_equal(csv_next(c, &r), 1);
	assert_int_equal(r.line, 4);
	assert_int_equal(r.nfields, 2);
	assert_string_equal(r.fields[1], "");
	csv_record_free(&r);
	assert_int_equal(csv_next(c, &r), 0);
	csv_close(c);
	unlink(path);
	free(path);
}

static void
csv_bad_rows_stay_alone(void **state)
{
	char *path;
	csv_file *c = open_text("nom;uai\n"
	    "\"Moreau\"x;0130050J\n"
	    "L\xe9\x61;0130050J\n"
	    "Faure;0130050J\n", 0, 0, &path);
	csv_record r = { 0 };

	(void)state;
	assert_int_equal(csv_next(c, &r), 1);
	assert_int_equal(csv_separator(c), ';');
	csv_record_free(&r);
	assert_int_equal(csv_next(c, &r), 1);
	assert_int_equal(r.problem, CSV_BAD_QUOTING);
	assert_int_equal(r.line, 2);
	csv_record_free(&r);
	assert_int_equal(csv_next(c, &r), 1);
	assert_int_equal(r.problem, CSV_BAD_UTF8);
	assert_int_equal(r.line, 3);
	assert_int_equal(r.column, 0);
	assert_int_equal(r.byte, 0xE9);
	csv_record_free(&r);
	assert_int_equal(csv_next(c, &r), 1);
	assert_int_equal(r.problem, CSV_OK);
	assert_string_equal(r.fields[0], "Faure");
	csv_record_free(&r);
	assert_int_equal(csv_next(c, &r), 0);
	csv_close(c);
	unlink(path);
	free(path);
}

static void
csv_windows_1252(void **state)
{
	char *path;
	csv_file *c = open_text("nom;somme\nL\xe9\x61 \x92\x80;1\n", 0, 1, &path);
	csv_record r = { 0 };

	(void)state;
	assert_int_equal(csv_next(c, &r), 1);
	csv_record_free(&r);
	assert_int_equal(csv_next(c, &r), 1);
	assert_int_equal(r.problem, CSV_OK);
	assert_string_equal(r.fields[0], "L\xc3\xa9\x61 \xe2\x80\x99\xe2\x82\xac");  /* Léa ’€ */
	csv_record_free(&r);
	csv_close(c);
	unlink(path);
	free(path);
}

/* Closes c and removes its file. */
static void
close_text(csv_file *c, char *path)
{
	csv_close(c);
	unlink(path);
	free(path);
}

/* The next record of c: its problem, its line and its first cell (line 0:
 * the end of the file); returns the column of its problem. */
static size_t
next_is(csv_file *c, csv_problem problem, unsigned long line, const char *first)
{
	csv_record r = { 0 };
	size_t column;

	assert_int_equal(csv_next(c, &r), line > 0);
	if (line > 0) {
		assert_int_equal(r.problem, problem);
		assert_int_equal(r.line, line);
		if (first != NULL)
			assert_string_equal(r.fields[0], first);
	}
	column = r.column;
	csv_record_free(&r);
	return column;
}

/* A quote opened and never closed swallows the rest of the file into one
 * cell: only its own line is lost, the lines after it are read again, each
 * for itself (at the end of the file, at a quote closed lines later, or once
 * the cell outgrows any cell). */
static void
csv_unclosed_quote_loses_one_line(void **state)
{
	static const char *const texts[] = {
		"nom;obs\nMoreau;\"Le lundi\nDupont;Mardi\nFaure;Jeudi\n",
		"nom;obs\nMoreau;\"Le lundi\nDupont;\"Mardi\"\nFaure;Jeudi",
	};

	(void)state;
	for (size_t t = 0; t < sizeof(texts) / sizeof(*texts); t++) {
		char *path;
		csv_file *c = open_text(texts[t], 0, 0, &path);

		next_is(c, CSV_OK, 1, "nom");
		next_is(c, CSV_BAD_QUOTING, 2, NULL);
		next_is(c, CSV_OK, 3, "Dupont");
		next_is(c, CSV_OK, 4, "Faure");
		next_is(c, CSV_OK, 0, NULL);
		close_text(c, path);
	}
}

/* An unclosed quote early in a long export: the cell stops growing at the
 * longest a cell may be, and the thousands of rows after it are read. */
static void
csv_unclosed_quote_in_a_long_file(void **state)
{
	size_t cap = 6000 * 64, n = 0;
	char *text = malloc(cap), *path;
	csv_file *c;
	csv_record r = { 0 };
	unsigned long ok = 0, bad = 0;

	(void)state;
	assert_non_null(text);
	n += (size_t)sprintf(text + n, "nom;obs\nMoreau;\"Le lundi\n");
	for (int i = 0; i < 5000; i++)
		n += (size_t)sprintf(text + n, "Dupont %d;Une observation de la ligne\n", i);
	c = open_text(text, 0, 0, &path);
	while (csv_next(c, &r) == 1) {
		if (r.problem == CSV_OK)
			ok++;
		else
			bad++;
		csv_record_free(&r);
	}
	assert_int_equal(bad, 1);
	assert_int_equal(ok, 5001);        /* the header and the 5 000 rows */
	close_text(c, path);
	free(text);
}

/* Rows of empty cells only (« ;;;; » a spreadsheet leaves under a table)
 * are blank lines. */
static void
csv_empty_rows_are_blank_lines(void **state)
{
	char *path;
	csv_file *c = open_text("nom;obs\r\n;\r\nMoreau;x\r\n;\r\n\"\";\r\n", 0, 0, &path);

	(void)state;
	next_is(c, CSV_OK, 1, "nom");
	next_is(c, CSV_OK, 3, "Moreau");
	next_is(c, CSV_OK, 0, NULL);
	close_text(c, path);
}

/* A CR alone ends a record where the fields before it are the header's
 * (line ends mixed in one file); elsewhere — in a cell, in quotes, in a
 * record that spans lines — it is a space. */
static void
csv_lone_cr_ends_a_full_record(void **state)
{
	char *path;
	csv_file *c = open_text("nom;obs\nA;1\rB;2\r\nMo\rreau;3\n\"x\ry\";4\r"
	    "\"5\n6\r\";7\rD;\"\"\"\r8\"\"\"\rE;9\n", 0, 0, &path);
	csv_record r = { 0 };

	(void)state;
	next_is(c, CSV_OK, 1, "nom");
	next_is(c, CSV_OK, 2, "A");
	next_is(c, CSV_OK, 3, "B");
	next_is(c, CSV_OK, 4, "Mo reau");
	next_is(c, CSV_OK, 5, "x y");
	next_is(c, CSV_OK, 6, "5\n6 ");
	assert_int_equal(csv_next(c, &r), 1);
	assert_int_equal(r.line, 8);
	assert_string_equal(r.fields[0], "D");
	assert_string_equal(r.fields[1], "\" 8\"");
	csv_record_free(&r);
	next_is(c, CSV_OK, 9, "E");
	next_is(c, CSV_OK, 0, NULL);
	close_text(c, path);
}

/* « ="0130050J" », Excel's way to keep a text that looks like a number, is
 * that text, unquoted or quoted; any other formula stays what it is. */
static void
csv_excel_text_is_its_text(void **state)
{
	char *path;
	csv_file *c = open_text("nom;uai\nA;=\"0130050J\"\nB;\"=\"\"0130050J\"\"\"\n"
	    "C;=A1\nD;=\"a\"&B1\n=\"E\";=\"0130050J\"\r\n", 0, 0, &path);
	csv_record r = { 0 };

	(void)state;
	next_is(c, CSV_OK, 1, "nom");
	for (int i = 0; i < 4; i++) {
		assert_int_equal(csv_next(c, &r), 1);
		if (i == 3) {
			assert_int_equal(r.problem, CSV_BAD_QUOTING);
		} else {
			assert_int_equal(r.problem, CSV_OK);
			assert_string_equal(r.fields[1], i == 2 ? "=A1" : "0130050J");
		}
		csv_record_free(&r);
	}
	assert_int_equal(csv_next(c, &r), 1);
	assert_string_equal(r.fields[0], "E");
	assert_string_equal(r.fields[1], "0130050J");
	csv_record_free(&r);
	close_text(c, path);
}

/* Read as Windows-1252, a cell that holds UTF-8 (« é » as the two bytes
 * C3 A9) would become « Ã© » in the letter: the row is refused instead. */
static void
csv_utf8_read_as_windows_1252(void **state)
{
	char *path;
	csv_file *c = open_text("nom;prenom\nMoreau;L\xc3\xa9\x61\nFaure;Zo\xe9\nJO\xc3O;x\n", 0, 1, &path);

	(void)state;
	next_is(c, CSV_OK, 1, "nom");
	assert_int_equal(next_is(c, CSV_UTF8_AS_CP1252, 2, NULL), 1);
	next_is(c, CSV_OK, 3, "Faure");                 /* « Zoé » in Windows-1252 */
	next_is(c, CSV_OK, 4, "JO\xc3\x83O");         /* « JOÃO » is Windows-1252 */
	close_text(c, path);
}

/* Which 8-bit encoding a French export is in, by its accents: Windows-1252's
 * small letters are 0xE0–0xFF, Mac Roman's 0x87–0x9F (where Windows-1252 has
 * Ž ˆ ™ or nothing). Curly quotes, dashes, œ and € say nothing. In Mac
 * Roman, « Léa » reads « Léa »; in Windows-1252, a byte that is nothing
 * there (Mac Roman's « è ») is the record's problem, never « � ». */
static void
csv_mac_roman_or_windows_1252(void **state)
{
	char *path;
	csv_file *c = open_text("nom;ville\nL\xe9\x61 Mo\x92reau;Rh\xf4ne \x96 \x9c\x75vre\n", 0, 0, &path);

	(void)state;
	assert_string_equal(csv_encoding_guess(c), "Windows-1252");
	close_text(c, path);
	c = open_text("nom;ville\nL\x8e\x61 Moreau;Rh\x99ne \xd0 Coll\x8fge\n", 0, 0, &path);
	assert_string_equal(csv_encoding_guess(c), "Mac Roman");
	csv_set_encoding(c, CSV_ENC_MAC_ROMAN);
	next_is(c, CSV_OK, 1, "nom");
	next_is(c, CSV_OK, 2, "L\xc3\xa9\x61 Moreau");
	close_text(c, path);
	c = open_text("nom;ville\nL\x8e\x61 Moreau;Coll\x8fge\n", 0, CSV_ENC_CP1252, &path);
	next_is(c, CSV_OK, 1, "nom");
	assert_int_equal(next_is(c, CSV_UNDEFINED_CP1252, 2, NULL), 1);
	close_text(c, path);
}

/* Names in capitals, the only accents of many exports: Mac Roman's È Ô Ê
 * Î (E9 EF E6 EB) are Windows-1252's é ï æ ë, and Windows-1252's É È Ç
 * (C9 C8 C7) Mac Roman's … » «. Which reads as French words tells them
 * apart: « HÉLÈNE » and not « HƒLéNE » nor « H…L»NE ». */
static void
csv_mac_roman_or_windows_1252_capitals(void **state)
{
	static const struct {
		const char *text, *encoding;
	} cases[] = {
		/* HÉLÈNE;BÉRANGER, JÉRÔME, NOËL, AGNÈS, CÔME in Mac Roman */
		{ "prenom;nom\nH\x83L\xe9NE;B\x83RANGER\n", "Mac Roman" },
		{ "prenom;nom\nJ\x83R\xefME;LEF\xe9VRE\n", "Mac Roman" },
		{ "prenom;nom\nNO\xe8L;BENO\xebT\n", "Mac Roman" },
		{ "prenom;nom\nAGN\xe9S;ROUX\n", "Mac Roman" },
		{ "prenom;nom\nC\xefME;FAURE\n", "Mac Roman" },
		/* FRANÇOISE CHÂTELAIN, « ŒUVRE », D’ARTAGNAN */
		{ "prenom;nom\nFRAN\x82OISE;CH\xe5TELAIN\n", "Mac Roman" },
		{ "prenom;nom\nMA\xe8LLE;D\xd5" "ARTAGNAN\n", "Mac Roman" },
		/* The same in Windows-1252 */
		{ "prenom;nom\nH\xc9L\xc8NE;B\xc9RANGER\n", "Windows-1252" },
		{ "prenom;nom\nJ\xc9R\xd4ME;LEF\xc8VRE\n", "Windows-1252" },
		{ "prenom;nom\nNO\xcbL;BENO\xceT\n", "Windows-1252" },
		{ "prenom;nom\nAGN\xc8S;ROUX\n", "Windows-1252" },
		{ "prenom;nom\nC\xd4ME;FAURE\n", "Windows-1252" },
		{ "prenom;nom\nFRAN\xc7OISE;CH\xc2TELAIN\n", "Windows-1252" },
		{ "prenom;nom\nMA\xcbLLE;D\x92" "ARTAGNAN\n", "Windows-1252" },
		/* Small letters and a no-break space before a unit: « Noël
		 * Benoît », « 24 h » */
		{ "prenom;nom;heures\nNo\x91l;Beno\x94t;24\xcah\n", "Mac Roman" },
		{ "prenom;nom;heures\nNo\xebl;Beno\xeet;24\xa0h\n", "Windows-1252" },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char *path;
		csv_file *c = open_text(cases[i].text, 0, 0, &path);

		if (strcmp(csv_encoding_guess(c), cases[i].encoding) != 0)
			fail_msg("cas %zu : %s, pas %s", i, csv_encoding_guess(c), cases[i].encoding);
		close_text(c, path);
	}
}

static char *
name_for(name_set *s, const char *pattern, const char *nom, unsigned long n)
{
	static const char *const columns[] = { "nom", "uai" };
	char *fields[] = { (char *)nom, (char *)"0130050J" };
	csv_record rec = { fields, 2, n + 1, CSV_OK, 0, 0, 0 };

	return batch_file_name(pattern, columns, 2, &rec, n, s, "pdf");
}

static void
names_are_safe(void **state)
{
	name_set s;
	char *a, *b, *c, *d, *e, *f;
	char longname[400];

	(void)state;
	name_set_init(&s, "{uai}-{nom}");
	assert_false(s.by_counter);
	a = name_for(&s, "{nom}", "../../etc/passwd", 1);
	assert_string_equal(a, "_.__._etc_passwd.pdf");
	b = name_for(&s, "{nom}", ".cache\x01\tx", 2);
	assert_string_equal(b, "_cache__x.pdf");
	c = name_for(&s, "{UAI}-{nom}", "Le Goff", 3);
	assert_string_equal(c, "0130050J-Le_Goff.pdf");
	d = name_for(&s, "{inconnu}", "x", 4);
	assert_string_equal(d, "lettre.pdf");
	/* « x » then 199 × « é »: byte 120 falls inside an « é », so the name
	 * is cut before it, at 119 bytes. */
	longname[0] = 'x';
	for (int i = 0; i < 199; i++)
		memcpy(longname + 1 + 2 * i, "\xc3\xa9", 2);
	longname[399] = '\0';
	e = name_for(&s, "{nom}", longname, 5);
	assert_int_equal(strlen(e), 119 + 4);
	assert_string_equal(e + 119, ".pdf");
	/* 300 stray continuation bytes (a cell of bad bytes): the cut does not
	 * walk back to nothing, the name is never « .pdf » (found by fuzz_csv). */
	memset(longname, 0x80, 300);
	longname[300] = '\0';
	f = name_for(&s, "{nom}", longname, 6);
	assert_true(strlen(f) > 4 + 100);
	free(f);
	free(a);
	free(b);
	free(c);
	free(d);
	free(e);
	name_set_free(&s);
}

static void
names_are_unique(void **state)
{
	name_set s;
	char *n1, *n2, *n3, *n4;

	(void)state;
	name_set_init(&s, "{nom}");
	n1 = name_for(&s, "{nom}", "Moreau", 1);
	n2 = name_for(&s, "{nom}", "Moreau", 2);
	n3 = name_for(&s, "{nom}", "Moreau", 3);
	/* « Moreau-2 » taken by a row's own name: the next is « -3 »... */
	n4 = name_for(&s, "{nom}", "Moreau-2", 4);
	assert_string_equal(n1, "Moreau.pdf");
	assert_string_equal(n2, "Moreau-2.pdf");
	assert_string_equal(n3, "Moreau-3.pdf");
	assert_string_equal(n4, "Moreau-2-2.pdf");
	free(n1);
	free(n2);
	free(n3);
	free(n4);
	/* Many rows: the set grows and still finds every name. */
	for (unsigned long i = 0; i < 5000; i++) {
		char nom[32];
		char *x;

		snprintf(nom, sizeof(nom), "n%lu", i % 2500);
		x = name_for(&s, "{nom}", nom, i);
		if (i >= 2500) {
			char want[48];

			snprintf(want, sizeof(want), "n%lu-2.pdf", i % 2500);
			assert_string_equal(x, want);
		}
		free(x);
	}
	assert_int_equal(s.names.n, 4 + 5000);
	name_set_free(&s);
}

static void
counter_patterns_keep_no_set(void **state)
{
	name_set s;
	char *x;

	(void)state;
	name_set_init(&s, "lettre-{n}");
	assert_true(s.by_counter);
	for (unsigned long i = 1; i <= 3000; i++) {
		x = name_for(&s, "lettre-{n}", "x", i);
		free(x);
	}
	x = name_for(&s, "lettre-{n}", "x", 42);
	assert_string_equal(x, "lettre-00042.pdf");
	free(x);
	assert_null(s.names.slots);
	name_set_free(&s);
	name_set_init(&s, "{nom}-{n}");
	assert_false(s.by_counter);
	name_set_free(&s);
	name_set_init(&s, "{ligne}-{n}");
	assert_false(s.by_counter);
	name_set_free(&s);
}

/* A thousand rows of one name: each name found from the last suffix given,
 * never by trying all the suffixes before it again. */
static void
many_equal_names_are_not_quadratic(void **state)
{
	name_set s;
	char *last = NULL;

	(void)state;
	name_set_init(&s, "{nom}");
	for (unsigned long n = 1; n <= 3000; n++) {
		free(last);
		last = name_for(&s, "{nom}", "Martin", n);
		assert_non_null(last);
	}
	assert_string_equal(last, "Martin-3000.pdf");
	assert_int_equal(s.bases.n, 1);
	/* The base remembers where to start: x-3001 next, in one try. */
	for (size_t i = 0; i < s.bases.cap; i++)
		if (s.bases.slots[i].key != 0)
			assert_int_equal(s.bases.slots[i].value, 3001);
	free(last);
	name_set_free(&s);
}

static void
report_entries_escape(void **state)
{
	mc_buffer csv, json;
	report_who who = { "Yann Le \"Goff\"", "0290001\x1b[2J" };

	(void)state;
	mc_buffer_init(&csv);
	mc_buffer_init(&json);
	report_entry(&csv, &json, NULL, &who, 12, ROW_PRODUCED, "Le \"Goff\".pdf", NULL, NULL, NULL);
	assert_string_equal(csv.data, "12;produite;\"Yann Le \"\"Goff\"\"\";\"0290001 [2J\";"
	    "\"Le \"\"Goff\"\".pdf\";\"\"\n");
	assert_string_equal(json.data, "    {\"ligne\": 12, \"statut\": \"produite\", "
	    "\"personne\": \"Yann Le \\\"Goff\\\"\", \"uai\": \"0290001\\u001b[2J\", "
	    "\"fichier\": \"Le \\\"Goff\\\".pdf\", \"diagnostics\": []}");
	mc_buffer_clear(&csv);
	mc_buffer_clear(&json);
	/* A control character, a line end or a byte that is not UTF-8 never
	 * reaches the report raw: one line per row. */
	report_entry(&csv, &json, NULL, NULL, 13, ROW_WRITE_FAILED, "x.pdf", NULL,
	    "ecriture_impossible", "plus de place \"disque\"\n\xe9\xc2\x9b");
	assert_string_equal(csv.data, "13;erreur_ecriture;\"\";\"\";\"\";\"plus de place "
	    "\"\"disque\"\" ?  [ecriture_impossible]\"\n");
	assert_string_equal(json.data, "    {\"ligne\": 13, \"statut\": \"erreur_ecriture\", "
	    "\"personne\": null, \"uai\": null, "
	    "\"fichier\": null, \"diagnostics\": [{\"gravite\": \"erreur\", "
	    "\"code\": \"ecriture_impossible\", \"colonne\": null, "
	    "\"message\": \"plus de place \\\"disque\\\"\\u000a?\\u009b\", \"notes\": [], \"aide\": null}]}");
	mc_buffer_free(&csv);
	mc_buffer_free(&json);
}

/* rapport.csv opens in a spreadsheet: a cell of the export that starts as a
 * formula stays text there (an apostrophe before it), and no letter's name
 * starts so (it is also the name rapport.csv gives). */
static void
report_cells_are_no_formulas(void **state)
{
	mc_buffer csv, json;
	report_who who = { "=HYPERLINK(\"http://x.y\";\"clic\")", "+0130050J" };
	name_set s;
	char *name;

	(void)state;
	mc_buffer_init(&csv);
	mc_buffer_init(&json);
	report_entry(&csv, &json, NULL, &who, 2, ROW_PRODUCED, "x.pdf", NULL, NULL, NULL);
	assert_string_equal(csv.data, "2;produite;\"'=HYPERLINK(\"\"http://x.y\"\";\"\"clic\"\")\";"
	    "\"'+0130050J\";\"x.pdf\";\"\"\n");
	assert_non_null(strstr(json.data, "\"personne\": \"=HYPERLINK("));
	mc_buffer_free(&csv);
	mc_buffer_free(&json);
	name_set_init(&s, "{nom}");
	for (const char *const *nom = (const char *const[]){ "=1+1", "+33", "@SUM(A1)", "-x", NULL };
	    *nom != NULL; nom++) {
		name = name_for(&s, "{nom}", *nom, 1);
		assert_non_null(name);
		assert_int_equal(name[0], '_');
		free(name);
	}
	name_set_free(&s);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(csv_quotes_newlines_and_separator),
		cmocka_unit_test(csv_bad_rows_stay_alone),
		cmocka_unit_test(csv_windows_1252),
		cmocka_unit_test(csv_unclosed_quote_loses_one_line),
		cmocka_unit_test(csv_unclosed_quote_in_a_long_file),
		cmocka_unit_test(csv_empty_rows_are_blank_lines),
		cmocka_unit_test(csv_utf8_read_as_windows_1252),
		cmocka_unit_test(csv_mac_roman_or_windows_1252),
		cmocka_unit_test(csv_mac_roman_or_windows_1252_capitals),
		cmocka_unit_test(csv_lone_cr_ends_a_full_record),
		cmocka_unit_test(csv_excel_text_is_its_text),
		cmocka_unit_test(names_are_safe),
		cmocka_unit_test(names_are_unique),
		cmocka_unit_test(counter_patterns_keep_no_set),
		cmocka_unit_test(many_equal_names_are_not_quadratic),
		cmocka_unit_test(report_entries_escape),
		cmocka_unit_test(report_cells_are_no_formulas),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
