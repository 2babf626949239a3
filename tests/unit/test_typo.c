/* test_typo.c — French typography of the lowering pass, dates in words, and
 * agreement: gender from the civilité, alternatives, articles of établissements. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "missionc.h"
#include "typo.h"

#define NBSP "\xc2\xa0"
#define NNBSP "\xe2\x80\xaf"

static void
expect(const char *in, const char *want)
{
	mc_arena a;
	char *got;

	mc_arena_init(&a, 4096);
	got = mc_typo(&a, in, strlen(in));
	assert_non_null(got);
	assert_string_equal(got, want);
	mc_arena_free(&a);
}

/* A party's name put after a référentiel's words: « de » + « Isabelle » is
 * « d’Isabelle », « que » + « Ève » « qu’Ève », « de le proviseur » « du
 * proviseur »; a name starting a sentence takes its capital. */
static void
join(const char *before, const char *name, const char *want, size_t want_cut)
{
	mc_arena a;
	size_t cut = 99;
	char *got;

	mc_arena_init(&a, 4096);
	got = mc_join_person(&a, before, strlen(before), name, &cut);
	assert_non_null(got);
	assert_string_equal(got, want);
	assert_int_equal(cut, want_cut);
	mc_arena_free(&a);
}

static void
person_after_words(void **state)
{
	(void)state;
	join("l'autorité directe de ", "Isabelle Arnaud", "d’Isabelle Arnaud", 3);
	join("l'autorité directe de ", "Ève Aubert", "d’Ève Aubert", 3);
	join("l'autorité directe de ", "Hélène Petit", "d’Hélène Petit", 3);
	join("l'autorité directe de ", "éric roux", "d’éric roux", 3);
	join("placé sous l'autorité de ", "Mme Claire Durand", "Mme Claire Durand", 0);
	join("placé sous l'autorité de ", "M. Olivier Brun", "M. Olivier Brun", 0);
	join("placé sous l'autorité de ", "Paul Martin", "Paul Martin", 0);
	join("De ", "Anne Roux", "D’Anne Roux", 3);
	join("signée par ", "Anne Roux", "Anne Roux", 0);
	join("il dit que ", "Ève Aubert", "qu’Ève Aubert", 4);
	join("remis à ", "le proviseur", "au proviseur", 3);
	join("remis à ", "les inspecteurs", "aux inspecteurs", 3);
	join("l'autorité de ", "le proviseur", "du proviseur", 3);
	join("l'autorité de ", "les IEN", "des IEN", 3);
	join("l'autorité de ", "la proviseure", "la proviseure", 0);
	/* « Le Gall » is a name, not an article. */
	join("l'autorité de ", "Le Gall", "Le Gall", 0);
	/* « de » ends another word: nothing to elide. */
	join("la méthode ", "Isabelle Arnaud", "Isabelle Arnaud", 0);
	join("la mode ", "Isabelle Arnaud", "Isabelle Arnaud", 0);
	join("dès que ", "Isabelle Arnaud", "qu’Isabelle Arnaud", 4);
	join("le code ", "Isabelle Arnaud", "Isabelle Arnaud", 0);
	/* The start of a sentence, of a text or of a paragraph: a capital. */
	join("", "mme claire roux", "Mme claire roux", 0);
	join("Fin de phrase. ", "mme claire roux", "Mme claire roux", 0);
	join("Un paragraphe.\n\n", "éric roux", "Éric roux", 0);
	join("au milieu, ", "mme claire roux", "mme claire roux", 0);
	join("- ", "mme claire roux", "mme claire roux", 0);
}

/* « Fait à Marseille », « Fait au Havre », « Fait aux Lilas »: à + le, à + les
 * contract; la and l’ do not. */
static void
a_commune(void **state)
{
	mc_arena a;

	(void)state;
	mc_arena_init(&a, 4096);
	assert_string_equal(mc_a(&a, "Marseille"), "à Marseille");
	assert_string_equal(mc_a(&a, "Le Havre"), "au Havre");
	assert_string_equal(mc_a(&a, "Le Puy-en-Velay"), "au Puy-en-Velay");
	assert_string_equal(mc_a(&a, "Les Lilas"), "aux Lilas");
	assert_string_equal(mc_a(&a, "LES SABLES-D’OLONNE"), "aux SABLES-D’OLONNE");
	assert_string_equal(mc_a(&a, "La Ciotat"), "à La Ciotat");
	assert_string_equal(mc_a(&a, "L’Isle-sur-la-Sorgue"), "à L’Isle-sur-la-Sorgue");
	/* A name that only begins like an article is a name. */
	assert_string_equal(mc_a(&a, "Lesparre-Médoc"), "à Lesparre-Médoc");
	assert_string_equal(mc_a(&a, "Levallois-Perret"), "à Levallois-Perret");
	mc_arena_free(&a);
}

static void
spaces_before_high_punctuation(void **state)
{
	(void)state;
	expect("Objectif : réussir ; vraiment ? Oui !",
	    "Objectif" NBSP ": réussir" NNBSP "; vraiment" NNBSP "? Oui" NNBSP "!");
	/* Missing spaces are added before a punctuation mark that ends a word. */
	expect("Note: voir; ici! là?", "Note" NBSP ": voir" NNBSP "; ici" NNBSP "! là" NNBSP "?");
	/* Not inside times, addresses or repeated marks. */
	expect("16:30 https://eduscol.fr ?!", "16:30 https://eduscol.fr" NNBSP "?!");
	/* An author's own no-break space is kept, not doubled. */
	expect("Lieu" NBSP ": B12", "Lieu" NBSP ": B12");
}

/* Runs of plain characters are copied whole: what follows them still sees
 * their last characters (a digit before « € » or « % », « N° », a word
 * before « ; »), at the start, the middle and the end of a text. */
static void
plain_runs(void **state)
{
	(void)state;
	expect("Salle B12 ; N° 3 : 12 % et 5 € \"test\" l'été...",
	    "Salle B12" NNBSP "; N°" NBSP "3" NBSP ": 12" NBSP "% et 5" NBSP "€ «" NNBSP
	    "test" NNBSP "» l’été…");
	expect("B12", "B12");
	expect("x", "x");
	expect("(voir:", "(voir" NBSP ":");
	expect("12-15,5%", "12-15,5%");
	expect("a  \t b", "a b");
}

static void
quotes_and_apostrophes(void **state)
{
	(void)state;
	expect("le projet \"chef-d'oeuvre\" des CAP",
	    "le projet «" NNBSP "chef-d’oeuvre" NNBSP "» des CAP");
	expect("« chef-d’œuvre »", "«" NNBSP "chef-d’œuvre" NNBSP "»");
	expect("«serré»", "«" NNBSP "serré" NNBSP "»");
	expect("l'établissement", "l’établissement");
}

static void
blanks_numbers_and_ellipsis(void **state)
{
	(void)state;
	expect("  deux\n  lignes\t ici  ", "deux lignes ici");
	expect("1 250 € et 50 %", "1 250" NBSP "€ et 50" NBSP "%");
	expect("la salle N° 12", "la salle N°" NBSP "12");
	expect("etc...", "etc…");
	expect("", "");
}

static void
author_text_stays_text(void **state)
{
	(void)state;
	/* Typography never removes or adds markup characters. */
	expect("<script>alert(1)</script> %s%n *x* [a](javascript:b) `c` | #",
	    "<script>alert(1)</script> %s%n *x* [a](javascript:b) `c` | #");
}

static void
dates_in_words(void **state)
{
	mc_arena a;
	mc_date d1 = { 2025, 9, 15 }, d2 = { 2025, 9, 1 }, d3 = { 2026, 8, 31 };

	(void)state;
	mc_arena_init(&a, 1024);
	assert_string_equal(mc_date_words(&a, d1), "15" NBSP "septembre" NBSP "2025");
	assert_string_equal(mc_date_words(&a, d2), "1er" NBSP "septembre" NBSP "2025");
	assert_string_equal(mc_date_words(&a, d3), "31" NBSP "août" NBSP "2026");
	assert_string_equal(mc_de(&a, "Aix-Marseille"), "d’Aix-Marseille");
	assert_string_equal(mc_de(&a, "Orléans-Tours"), "d’Orléans-Tours");
	assert_string_equal(mc_de(&a, "Lyon"), "de Lyon");
	assert_string_equal(mc_de(&a, "La Réunion"), "de La Réunion");
	mc_arena_free(&a);
}

static void
gender_from_civilite(void **state)
{
	(void)state;
	assert_int_equal(mc_civilite_gender("Mme Claire Durand"), MC_G_FEM);
	assert_int_equal(mc_civilite_gender("Madame Claire Durand"), MC_G_FEM);
	assert_int_equal(mc_civilite_gender("Mlle Claire Durand"), MC_G_FEM);
	assert_int_equal(mc_civilite_gender("Mme l’inspectrice"), MC_G_FEM);
	assert_int_equal(mc_civilite_gender("M. Paul Martin"), MC_G_MASC);
	assert_int_equal(mc_civilite_gender("Monsieur Paul Martin"), MC_G_MASC);
	assert_int_equal(mc_civilite_gender("M. le directeur académique"), MC_G_MASC);
	assert_int_equal(mc_civilite_gender("Camille Martin"), MC_G_UNKNOWN);
	assert_int_equal(mc_civilite_gender("Mathilde Roux"), MC_G_UNKNOWN);
	assert_int_equal(mc_civilite_gender("Mmes Roux"), MC_G_UNKNOWN);
	assert_int_equal(mc_civilite_gender(""), MC_G_UNKNOWN);
	/* As secretaries and HR exports write them: any case, « Mr », the
	 * space after the civilité no-break, narrow or a tab. */
	assert_int_equal(mc_civilite_gender("MME CLAIRE DURAND"), MC_G_FEM);
	assert_int_equal(mc_civilite_gender("MADAME CLAIRE DURAND"), MC_G_FEM);
	assert_int_equal(mc_civilite_gender("MLLE CLAIRE DURAND"), MC_G_FEM);
	assert_int_equal(mc_civilite_gender("mme Claire Durand"), MC_G_FEM);
	assert_int_equal(mc_civilite_gender("MONSIEUR PAUL MARTIN"), MC_G_MASC);
	assert_int_equal(mc_civilite_gender("M PAUL MARTIN"), MC_G_MASC);
	assert_int_equal(mc_civilite_gender("Mr Paul Martin"), MC_G_MASC);
	assert_int_equal(mc_civilite_gender("Mr. Paul Martin"), MC_G_MASC);
	assert_int_equal(mc_civilite_gender("Mme\xc2\xa0" "Claire Durand"), MC_G_FEM);
	assert_int_equal(mc_civilite_gender("Mme\xe2\x80\xaf" "Claire Durand"), MC_G_FEM);
	assert_int_equal(mc_civilite_gender("Mme\tClaire Durand"), MC_G_FEM);
	assert_int_equal(mc_civilite_gender("M.\xe2\x80\xaf" "Paul Martin"), MC_G_MASC);
	/* A name that only starts like a civilité. */
	assert_int_equal(mc_civilite_gender("Mrabet Karim"), MC_G_UNKNOWN);
	assert_int_equal(mc_civilite_gender("MMES ROUX"), MC_G_UNKNOWN);
	assert_int_equal(mc_civilite_gender("Madamé Roux"), MC_G_UNKNOWN);
}

/* « ddfpt » is a woman, everyone else unknown. */
static mc_gender
test_gender(const void *ctx, const char *role, size_t n)
{
	(void)ctx;
	return role != NULL && n == 5 && strncmp(role, "ddfpt", 5) == 0 ? MC_G_FEM :
	    role == NULL ? *(const mc_gender *)ctx : MC_G_UNKNOWN;
}

/* A party needs a name beyond its civilité. */
static void
person_named(void **state)
{
	(void)state;
	assert_true(mc_person_named("Mme Claire Durand"));
	assert_true(mc_person_named("M. Martin"));
	assert_true(mc_person_named("Camille Martin"));
	assert_true(mc_person_named("Marie"));      /* « M » then a letter: a name */
	assert_true(mc_person_named("Élise Roux"));
	assert_false(mc_person_named(""));
	assert_false(mc_person_named("   "));
	assert_false(mc_person_named("Mme"));
	assert_false(mc_person_named("M."));
	assert_false(mc_person_named("Monsieur "));
	assert_false(mc_person_named("MADAME\xc2\xa0"));
	assert_false(mc_person_named("Mme\xe2\x80\xaf."));
}

static void
agreement_alternatives(void **state)
{
	mc_arena a;
	mc_gender m = MC_G_MASC, f = MC_G_FEM, u = MC_G_UNKNOWN;
	const char *s = "{Il|Elle} est placé{|e} sous {chef:ce dernier|cette dernière} ; {titulaire}";

	(void)state;
	mc_arena_init(&a, 4096);
	assert_string_equal(mc_agree(&a, s, test_gender, &m),
	    "Il est placé sous ce dernier ou cette dernière ; {titulaire}");
	assert_string_equal(mc_agree(&a, s, test_gender, &f),
	    "Elle est placée sous ce dernier ou cette dernière ; {titulaire}");
	assert_string_equal(mc_agree(&a, s, test_gender, &u),
	    "Il ou elle est placé(e) sous ce dernier ou cette dernière ; {titulaire}");
	assert_string_equal(mc_agree(&a, "{ddfpt:le directeur|la directrice|l’un ou l’autre}",
	    test_gender, &m), "la directrice");
	assert_string_equal(mc_agree(&a, "{il|elle|il ou elle}", test_gender, &u), "il ou elle");
	assert_string_equal(mc_agree(&a, "{Le directeur|Élodie}", test_gender, &u),
	    "Le directeur ou élodie");
	assert_string_equal(mc_epicene(&a, "{ddfpt:il|elle|il ou elle} {le|la}"), "il ou elle le ou la");
	/* Not an alternative: kept as written. */
	assert_string_equal(mc_agree(&a, "a | b {x}", test_gender, &f), "a | b {x}");
	assert_string_equal(mc_agree(&a, "{il|elle", test_gender, &f), "{il|elle");
	mc_arena_free(&a);
}

/* The article of each kind of établissement, from the stdlib's table. */
static void
articles_of_etablissements(void **state)
{
	static const struct { const char *name, *want; } cases[] = {
		{ "Lycée Thiers", "du lycée Thiers" },
		{ "Lycée professionnel Jean Moulin", "du lycée professionnel Jean Moulin" },
		{ "LYCÉE PROFESSIONNEL Jean Moulin", "du lycée professionnel Jean Moulin" },
		{ "Lycée polyvalent Denis Diderot", "du lycée polyvalent Denis Diderot" },
		{ "LP Jean Moulin", "du LP Jean Moulin" },
		{ "LPO Denis Diderot", "du LPO Denis Diderot" },
		{ "Collège Henri Barnier", "du collège Henri Barnier" },
		{ "Cité scolaire André Honnorat", "de la cité scolaire André Honnorat" },
		{ "Établissement régional d'enseignement adapté Jean Itard",
		  "de l’établissement régional d’enseignement adapté Jean Itard" },
		{ "EREA Jean Itard", "de l’EREA Jean Itard" },
		{ "École élémentaire Les Tilleuls", "de l’école élémentaire Les Tilleuls" },
		{ "École Jules Ferry", "de l’école Jules Ferry" },
		{ "Jean Moulin", "de l’établissement Jean Moulin" },
		/* Without accents, in capitals, as exports write them. */
		{ "Ecole Les Tilleuls", "de l’école Les Tilleuls" },
		{ "Etablissement régional d'enseignement adapté Jean Itard",
		  "de l’établissement régional d’enseignement adapté Jean Itard" },
		{ "LYCEE JEAN MOULIN", "du lycée JEAN MOULIN" },
		{ "LYCEE PROFESSIONNEL JEAN MOULIN", "du lycée professionnel JEAN MOULIN" },
		{ "COLLEGE HENRI BARNIER", "du collège HENRI BARNIER" },
		{ "CITE SCOLAIRE ANDRE HONNORAT", "de la cité scolaire ANDRE HONNORAT" },
		/* Lycées named by their kind, agricultural, private établissements. */
		{ "Lycée Maritime Jean Moulin", "du lycée maritime Jean Moulin" },
		{ "Lycée Technologique Jean Perrin", "du lycée technologique Jean Perrin" },
		{ "Lycée Général Thiers", "du lycée général Thiers" },
		{ "LEGTA de Valabre", "du LEGTA de Valabre" },
		{ "LPA Les Alpilles", "du LPA Les Alpilles" },
		{ "EPLEFPA de Digne-Carmejane", "de l’EPLEFPA de Digne-Carmejane" },
		{ "Institution Sainte-Marie", "de l’institution Sainte-Marie" },
		{ "Ensemble scolaire Saint-Joseph", "de l’ensemble scolaire Saint-Joseph" },
		{ "SEP du lycée Jean Moulin", "de la SEP du lycée Jean Moulin" },
		{ "Section d’enseignement professionnel du lycée Jean Moulin",
		  "de la section d’enseignement professionnel du lycée Jean Moulin" },
		{ "Microlycée 13", "du microlycée 13" },
		{ "CFA académique", "du CFA académique" },
		{ "Lycéens réunis", "de l’établissement Lycéens réunis" },
	};
	mc_stdlib *lib = mc_stdlib_open("stdlib");
	const mc_referential *ref = lib ? mc_stdlib_get(lib, "ddfpt") : NULL;
	mc_arena a;

	(void)state;
	assert_non_null(ref);
	assert_true(ref->commons->nnouns > 10);
	mc_arena_init(&a, 4096);
	for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++)
		assert_string_equal(mc_du(&a, cases[i].name, ref->commons->nouns,
		    ref->commons->nnouns), cases[i].want);
	mc_arena_free(&a);
	mc_stdlib_close(lib);
}

/* « {corps:professeur_ecoles} »: the person's own corps in its gender, the
 * named corps when the letter gives none, an unknown corps kept. */
static void
corps_of_the_person(void **state)
{
	static const char text[] = "en classe de sixième, {le|la} {corps:professeur_ecoles} :";
	mc_stdlib *lib = mc_stdlib_open("stdlib");
	const mc_referential *ref = lib ? mc_stdlib_get(lib, "pacte") : NULL;
	const mc_commons *c;
	const mc_corps *own;
	mc_arena a;

	(void)state;
	assert_non_null(ref);
	c = ref->commons;
	own = mc_commons_corps(c, "contractuel_premier_degre");
	assert_non_null(own);
	mc_arena_init(&a, 4096);
	assert_string_equal(mc_fill_corps(&a, text, c, own, MC_G_FEM),
	    "en classe de sixième, {le|la} professeure contractuelle du premier degré :");
	assert_string_equal(mc_fill_corps(&a, text, c, own, MC_G_MASC),
	    "en classe de sixième, {le|la} professeur contractuel du premier degré :");
	assert_string_equal(mc_fill_corps(&a, text, c, NULL, MC_G_MASC),
	    "en classe de sixième, {le|la} professeur des écoles :");
	assert_string_equal(mc_fill_corps(&a, text, c, NULL, MC_G_UNKNOWN),
	    "en classe de sixième, {le|la} professeur(e) des écoles :");
	assert_string_equal(mc_fill_corps(&a, "{corps:inconnu} {titulaire}", c, NULL, MC_G_FEM),
	    "{corps:inconnu} {titulaire}");
	assert_string_equal(mc_fill_corps(&a, "sans corps", c, own, MC_G_FEM), "sans corps");
	mc_arena_free(&a);
	mc_stdlib_close(lib);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(spaces_before_high_punctuation),
		cmocka_unit_test(plain_runs),
		cmocka_unit_test(quotes_and_apostrophes),
		cmocka_unit_test(blanks_numbers_and_ellipsis),
		cmocka_unit_test(author_text_stays_text),
		cmocka_unit_test(dates_in_words),
		cmocka_unit_test(gender_from_civilite),
		cmocka_unit_test(person_named),
		cmocka_unit_test(agreement_alternatives),
		cmocka_unit_test(articles_of_etablissements),
		cmocka_unit_test(corps_of_the_person),
		cmocka_unit_test(a_commune),
		cmocka_unit_test(person_after_words),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
