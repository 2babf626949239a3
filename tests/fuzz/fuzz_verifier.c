/* fuzz_verifier.c — the front end and the checker on any bytes: a letter
 * read, checked against its référentiel, and its diagnostics printed as
 * people read them (cli/diag_text.c) and as CI tools do (--diagnostics=json
 * and sarif: positions, rules' help from the catalogue and the référentiels);
 * the same bytes read as a référentiel by the stdlib's loader
 * (mc_check_referential, what `verifier` does with a file that starts with
 * « referentiel »). Nothing may crash, leak or hang. */
#include <stdint.h>
#include <stddef.h>

#include "cli.h"
#include "fuzz_common.h"

static mc_stdlib *lib;

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	lib = fuzz_stdlib();
	return 0;
}

static void
check_result(mc_result *res, FILE *out)
{
	json_report *json = json_report_new();
	sarif_report *sarif = sarif_report_new(lib);

	FUZZ_CHECK(res != NULL, "vérification sans résultat");
	for (size_t i = 0; i < mc_result_diag_count(res); i++) {
		const mc_diag *d = mc_result_diag(res, i);

		FUZZ_CHECK(d->message != NULL && d->code != NULL, "diagnostic sans message");
		FUZZ_CHECK(d->span.src == NULL || (d->span.start <= d->span.end &&
		    d->span.end <= mc_source_length(d->span.src)), "étendue hors du texte");
		if (out != NULL)
			diag_print_text(out, d);
	}
	FUZZ_CHECK(json != NULL && sarif != NULL, "rapports JSON et SARIF");
	json_report_add(json, "fuzz.mission", res, NULL);
	sarif_report_add(sarif, "fuzz.mission", res, NULL);
	if (out != NULL) {
		json_report_print(json, out);
		sarif_report_print(sarif, out);
	}
	json_report_free(json);
	sarif_report_free(sarif);
	mc_result_free(res);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	FILE *out = fopen("/dev/null", "w");

	check_result(mc_check(lib, "fuzz.mission", (const char *)data, size), out);
	check_result(mc_check_referential(lib, "fuzz.mission", (const char *)data, size), out);
	if (out != NULL)
		fclose(out);
	return 0;
}
