/* test_facts.c — what a rule may read of a letter, on a small référentiel of
 * its own (written to a temporary stdlib): degre(rôle) from the corps' data,
 * unknown for a corps without a degré; multiple_de(…) for whole parts;
 * mentionne(…) in observations, whatever the case; the bilan's recipient, the
 * mission's own or the letter's. Run from the repository root. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "missionc.h"

static const char *const commons =
    "corps pe \"professeur des \xc3\xa9" "coles\" {\n  degre premier\n}\n"
    "corps certifie \"professeur certifi\xc3\xa9\" {\n  degre second\n}\n"
    "corps contractuel \"professeur contractuel\" {\n}\n";

static const char *const referential =
    "referentiel essai \"Essai\"\n"
    "source \"Essai\"\n"
    "titulaire agent\n"
    "role agent \"Agent\"\n"
    "role chef \"Chef\"\n"
    "role ien \"IEN\"\n"
    "mission m24 \"Mission de 24 heures\" {\n"
    "  quantum 24 h\n"
    "  destinataire_bilan ien\n"
    "}\n"
    "mission m18 \"Mission de 18 heures\" {\n"
    "  quantum 18 h\n"
    "  destinataire_bilan chef\n"
    "}\n"
    "regle premier {\n"
    "  exige degre(agent) = premier\n"
    "  message \"premier degr\xc3\xa9\"\n"
    "  source \"essai\"\n"
    "}\n"
    "regle parts {\n"
    "  pour_chaque mission\n"
    "  exige multiple_de(quantum, quantum_reference)\n"
    "  message \"parts enti\xc3\xa8res\"\n"
    "  source \"essai\"\n"
    "}\n"
    "regle mot {\n"
    "  gravite avertissement\n"
    "  exige non mentionne(\"d\xc3\xa9pannage\")\n"
    "  message \"d\xc3\xa9pannage\"\n"
    "  source \"essai\"\n"
    "}\n"
    "regle bilan {\n"
    "  pour_chaque mission\n"
    "  exige bilan_remis_a dans destinataires_bilan\n"
    "  message \"bilan\"\n"
    "  source \"essai\"\n"
    "}\n";

static char dir[64];

static void
write_file(const char *name, const char *text)
{
	char path[128];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

/* The codes of a letter's diagnostics, space-separated, in order. */
static void
codes(mc_stdlib *lib, const char *corps, const char *missions, char *out,
    size_t size)
{
	char text[2048];
	mc_result *res;
	size_t o = 0;

	snprintf(text, sizeof(text),
	    "lettre selon essai\n"
	    "annee 2025-2026\n"
	    "partie a : agent \"Mme A\"%s\n"
	    "partie c : chef \"M. C\"\n"
	    "partie i : ien \"Mme I\"\n"
	    "%s"
	    "bilan i\n", corps, missions);
	res = mc_check(lib, "lettre.mission", text, strlen(text));
	assert_non_null(res);
	out[0] = '\0';
	for (size_t i = 0; i < mc_result_diag_count(res) && o < size; i++)
		o += (size_t)snprintf(out + o, size - o, "%s%s", i ? " " : "",
		    mc_result_diag(res, i)->code);
	mc_result_free(res);
}

static void
degree_comes_from_the_corps(void **state)
{
	char got[256];

	codes(*state, " corps pe", "mission m24 24 h\n", got, sizeof(got));
	assert_string_equal(got, "");
	codes(*state, " corps certifie", "mission m24 24 h\n", got, sizeof(got));
	assert_string_equal(got, "essai.premier");
	/* No degré in the data: the rule does not apply. */
	codes(*state, " corps contractuel", "mission m24 24 h\n", got, sizeof(got));
	assert_string_equal(got, "");
}

static void
whole_parts_only(void **state)
{
	char got[256];

	codes(*state, " corps pe", "mission m24 72 h\n", got, sizeof(got));
	assert_string_equal(got, "");
	codes(*state, " corps pe", "mission m24 36 h\n", got, sizeof(got));
	assert_string_equal(got, "essai.parts");
}

static void
mentions_are_read_in_observations_whatever_the_case(void **state)
{
	char got[256];

	codes(*state, " corps pe",
	    "mission m24 24 h {\n  observation \"D\xc3\x89PANNAGE des postes.\"\n}\n",
	    got, sizeof(got));
	assert_string_equal(got, "essai.mot");
	codes(*state, " corps pe",
	    "mission m24 24 h {\n  observation \"Une entreprise priv\xc3\xa9" "e.\"\n}\n",
	    got, sizeof(got));
	assert_string_equal(got, "");
}

static void
the_mission_names_its_own_recipient(void **state)
{
	char got[256];

	/* The letter's « bilan i » suits m24, not m18 … */
	codes(*state, " corps pe", "mission m24 24 h\nmission m18 18 h\n", got,
	    sizeof(got));
	assert_string_equal(got, "essai.bilan");
	/* … unless m18 names its own. */
	codes(*state, " corps pe", "mission m24 24 h\nmission m18 18 h {\n  bilan c\n}\n",
	    got, sizeof(got));
	assert_string_equal(got, "");
}

static int
setup(void **state)
{
	snprintf(dir, sizeof(dir), "/tmp/missionc-facts-XXXXXX");
	if (mkdtemp(dir) == NULL)
		return 1;
	write_file("commun.mission", commons);
	write_file("essai.mission", referential);
	*state = mc_stdlib_open(dir);
	return *state == NULL;
}

static int
teardown(void **state)
{
	char path[128];

	mc_stdlib_close(*state);
	snprintf(path, sizeof(path), "%s/commun.mission", dir);
	unlink(path);
	snprintf(path, sizeof(path), "%s/essai.mission", dir);
	unlink(path);
	rmdir(dir);
	return 0;
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(degree_comes_from_the_corps),
		cmocka_unit_test(whole_parts_only),
		cmocka_unit_test(mentions_are_read_in_observations_whatever_the_case),
		cmocka_unit_test(the_mission_names_its_own_recipient),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
