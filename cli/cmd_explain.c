/* cmd_explain.c — `missionc expliquer CODE`: what a diagnostic of the
 * compiler says (with a wrong example and its correction) or a rule of a
 * référentiel, its severity, its official source, the school years it
 * applies to and its examples. The text comes from mc_explain, which the
 * language server shows over a diagnostic too. */
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "query.h"

int
cli_catalogue_text(const char *code, char *buf, size_t size)
{
	for (size_t i = 0; i < mc_catalogue_count(); i++) {
		const char *c, *message;
		mc_severity sev;

		mc_catalogue_entry(i, &c, &sev, &message);
		if (strcmp(c, code) == 0) {
			mc_explain_blanks(message, buf, size);
			return 1;
		}
	}
	return 0;
}

int
cmd_explain(int argc, char **argv, const cli_options *opt)
{
	mc_stdlib *lib = NULL;
	mc_buffer out;
	char cwd[PATH_MAX];
	const char *base;
	int ok;

	if (argc != 1) {
		fputs("missionc expliquer : donnez un code (ex. « missionc expliquer uai_cle » ou « missionc expliquer ddfpt.duree_max »)\n",
		    stderr);
		return EXIT_USAGE;
	}
	mc_buffer_init(&out);
	/* A rule's file is shown relative to here, as diagnostics show it. */
	base = getcwd(cwd, sizeof(cwd));
	/* The compiler's own codes need no stdlib. */
	ok = mc_explain(NULL, argv[0], base, &out);
	if (!ok) {
		lib = cli_open_stdlib(opt);
		if (lib == NULL) {
			mc_buffer_free(&out);
			return EXIT_USAGE;
		}
		ok = mc_explain(lib, argv[0], base, &out);
		mc_stdlib_close(lib);
	}
	if (!ok) {
		mc_buffer_free(&out);
		fprintf(stderr, "missionc : code « %s » inconnu (les codes figurent entre crochets dans les diagnostics ; « missionc lister RÉFÉRENTIEL » donne les règles)\n",
		    argv[0]);
		return EXIT_USAGE;
	}
	fwrite(out.data, 1, out.len, stdout);
	ok = !out.failed;
	mc_buffer_free(&out);
	return ok ? EXIT_CLEAN : EXIT_USAGE;
}
