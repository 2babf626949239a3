/* cmd_check.c — `missionc verifier FICHIER…`: checks each letter, prints its
 * diagnostics, and exits with the worst status (0, 1, or 2 for I/O). */
#include <stdlib.h>

#include "cli.h"

int
cmd_check(int argc, char **argv, const cli_options *opt)
{
	mc_stdlib *lib;
	json_report *report = NULL;
	int status = EXIT_CLEAN;

	if (argc == 0) {
		fputs("missionc verifier : donnez au moins un fichier .mission (voir missionc --help)\n",
		    stderr);
		return EXIT_USAGE;
	}
	lib = cli_open_stdlib(opt);
	if (lib == NULL)
		return EXIT_USAGE;
	if (opt->json && (report = json_report_new()) == NULL) {
		mc_stdlib_close(lib);
		return EXIT_USAGE;
	}
	for (int i = 0; i < argc; i++) {
		size_t len = 0;
		char *text = cli_read_file(argv[i], &len);
		mc_result *res;

		if (text == NULL) {
			status = EXIT_USAGE;
			if (report != NULL)
				json_report_add(report, argv[i], NULL, "fichier illisible");
			continue;
		}
		res = mc_check(lib, argv[i], text, len);
		free(text);
		if (res == NULL) {
			fputs("missionc : mémoire insuffisante\n", stderr);
			status = EXIT_USAGE;
			continue;
		}
		if (report != NULL)
			json_report_add(report, argv[i], res, NULL);
		else
			for (size_t k = 0; k < mc_result_diag_count(res); k++)
				diag_print_text(stderr, mc_result_diag(res, k));
		if (mc_result_worst(res) == MC_ERROR && status == EXIT_CLEAN)
			status = EXIT_RULES;
		mc_result_free(res);
	}
	if (report != NULL) {
		json_report_versions(report, lib);
		json_report_print(report, stdout);
		json_report_free(report);
	}
	mc_stdlib_close(lib);
	return status;
}
