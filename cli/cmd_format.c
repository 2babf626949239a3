/* cmd_format.c — `missionc formater FICHIER… [--verifier]`: rewrites each
 * letter in the canonical layout (compiler/format.c), in place and atomically
 * (« - »: standard input to standard output); with --verifier, writes nothing
 * and exits 1 when a file is not in that layout (for continuous integration). */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "format.h"

/* A file the formatter cannot read: its syntax errors, as `verifier` shows them. */
static void
show_errors(const cli_options *opt, const char *path, const char *text,
    size_t len)
{
	mc_stdlib *lib = cli_open_stdlib(opt);
	mc_result *res = lib != NULL ? mc_check(lib, path, text, len) : NULL;

	for (size_t k = 0; res != NULL && k < mc_result_diag_count(res); k++) {
		const mc_diag *d = mc_result_diag(res, k);

		if (d->severity == MC_ERROR && d->span.src != NULL)
			diag_print_text(stderr, d);
	}
	mc_result_free(res);
	mc_stdlib_close(lib);
}

static int
format_one(const cli_options *opt, const char *path, int check_only)
{
	size_t len = 0;
	char *text = cli_read_file(path, &len);
	mc_buffer out;
	mc_format_status st;
	int status = EXIT_CLEAN;

	if (text == NULL)
		return EXIT_USAGE;
	mc_buffer_init(&out);
	st = mc_format_text(path, text, len, &out);
	if (st == MC_FORMAT_UNREADABLE) {
		fprintf(stderr, "missionc formater : « %s » ne se lit pas ; corrigez d’abord ces erreurs :\n",
		    path);
		show_errors(opt, path, text, len);
		status = EXIT_RULES;
	} else if (st == MC_FORMAT_UNSAFE) {
		fprintf(stderr, "missionc formater : « %s » laissé tel quel : sa mise en forme en changerait le sens (erreur interne, à signaler)\n",
		    path);
		status = EXIT_RULES;
	} else if (st == MC_FORMAT_NOMEM || out.failed) {
		fputs("missionc : mémoire insuffisante\n", stderr);
		status = EXIT_USAGE;
	} else if (strcmp(path, "-") == 0 && !check_only) {
		if (out.len > 0)   /* an empty file stays empty */
			fwrite(out.data, 1, out.len, stdout);
	} else if (out.len != len || (len > 0 && memcmp(out.data, text, len) != 0)) {
		if (check_only) {
			fprintf(stderr, "%s : pas au format de « missionc formater »\n", path);
			status = EXIT_RULES;
		} else if (cli_write_atomic(path, out.data, out.len) != 0) {
			status = EXIT_USAGE;
		}
	}
	mc_buffer_free(&out);
	free(text);
	return status;
}

int
cmd_format(int argc, char **argv, const cli_options *opt)
{
	int check_only = 0, status = EXIT_CLEAN, files = 0;

	for (int i = 0; i < argc; i++)
		if (strcmp(argv[i], "--verifier") == 0 || strcmp(argv[i], "--check") == 0)
			check_only = 1;
	for (int i = 0; i < argc; i++) {
		int st;

		if (strcmp(argv[i], "--verifier") == 0 || strcmp(argv[i], "--check") == 0)
			continue;
		files++;
		st = format_one(opt, argv[i], check_only);
		if (st > status)
			status = st;
	}
	if (files == 0) {
		fputs("missionc formater : donnez au moins un fichier .mission, ou « - » (voir missionc --help)\n",
		    stderr);
		return EXIT_USAGE;
	}
	return status;
}
