/* cmd_build.c — `missionc produire FICHIER… [-f pdf|html|md] [-o SORTIE]`:
 * checks each letter and, when it has no error, renders it and writes the
 * file atomically. Warnings are printed and the letter is rendered. */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"

int
cli_parse_format(const char *s, mc_format *f)
{
	if (strcmp(s, "pdf") == 0)
		*f = MC_FORMAT_PDF;
	else if (strcmp(s, "html") == 0 || strcmp(s, "htm") == 0)
		*f = MC_FORMAT_HTML;
	else if (strcmp(s, "md") == 0 || strcmp(s, "markdown") == 0)
		*f = MC_FORMAT_MARKDOWN;
	else
		return 0;
	return 1;
}

static const char *
extension(const char *path)
{
	const char *slash = strrchr(path, '/');
	const char *dot = strrchr(path, '.');

	return dot != NULL && (slash == NULL || dot > slash) ? dot + 1 : NULL;
}

/* lettre.mission → lettre.pdf, beside it. */
static char *
output_beside(const char *input, mc_format f)
{
	const char *ext = extension(input);
	size_t base = ext != NULL && strcmp(ext, "mission") == 0 ?
	    (size_t)(ext - input - 1) : strlen(input);
	size_t n = base + 8;
	char *out = malloc(n);

	if (out != NULL)
		snprintf(out, n, "%.*s.%s", (int)base, input, mc_format_extension(f));
	return out;
}

/* The last second of the year 9999: dates print with four-digit years. */
#define MAX_SOURCE_DATE INT64_C(253402300799)

/* SOURCE_DATE_EPOCH, as reproducible builds define it: digits only, up to the
 * year 9999. */
int
cli_source_date(int64_t *epoch)
{
	const char *s = getenv("SOURCE_DATE_EPOCH");
	int64_t v = 0;

	*epoch = 0;
	if (s == NULL || *s == '\0')
		return 1;
	for (const char *p = s; *p != '\0'; p++) {
		if (*p < '0' || *p > '9' || v > MAX_SOURCE_DATE)
			return 0;
		v = v * 10 + (*p - '0');
	}
	if (v > MAX_SOURCE_DATE)
		return 0;
	*epoch = v;
	return 1;
}

mc_template *
cli_open_template(const cli_options *opt)
{
	char dir[PATH_MAX + 32], fonts[PATH_MAX + 32];
	mc_template *t;
	int broken = 0;

	if (opt->template_dir != NULL)
		snprintf(dir, sizeof(dir), "%s", opt->template_dir);
	else
		cli_data_dir(dir, sizeof(dir), "templates/defaut",
		    "../../templates/defaut", MISSIONC_TEMPLATES_DIR "/defaut");
	cli_data_dir(fonts, sizeof(fonts), "build/polices", "../polices",
	    MISSIONC_FONTS_DIR);
	t = mc_template_open(dir, fonts);
	if (t == NULL) {
		fputs("missionc : mémoire insuffisante\n", stderr);
		return NULL;
	}
	for (size_t i = 0; i < mc_template_diag_count(t); i++) {
		const mc_diag *d = mc_template_diag(t, i);

		diag_print_text(stderr, d);
		broken |= d->severity == MC_ERROR;
	}
	if (broken) {
		fprintf(stderr, "missionc : le modèle de présentation « %s » est en erreur\n", dir);
		mc_template_close(t);
		return NULL;
	}
	return t;
}

/* Whether the file at path is one missionc could have written in format f,
 * judged on its first bytes: a PDF, our HTML's first line, or a text with a
 * « # » title line (Markdown) and no NUL byte. */
static int
looks_produced(const char *path, mc_format f)
{
	char head[4096];
	size_t n;
	FILE *in = fopen(path, "rb");

	if (in == NULL)
		return 0;
	n = fread(head, 1, sizeof(head) - 1, in);
	fclose(in);
	head[n] = '\0';
	switch (f) {
	case MC_FORMAT_PDF:
		return n >= 5 && memcmp(head, "%PDF-", 5) == 0;
	case MC_FORMAT_HTML:
		return strncmp(head, "<!DOCTYPE html>\n<html lang=\"fr\">", 31) == 0;
	case MC_FORMAT_MARKDOWN:
		return strlen(head) == n &&
		    (strncmp(head, "# ", 2) == 0 || strstr(head, "\n# ") != NULL);
	}
	return 0;
}

static int
same_file(const struct stat *a, const char *path)
{
	struct stat b;

	return strcmp(path, "-") != 0 && stat(path, &b) == 0 &&
	    a->st_dev == b.st_dev && a->st_ino == b.st_ino;
}

/* A letter that no longer checks leaves no older rendering of itself behind:
 * a stale PDF beside its source could be signed by mistake. Only a regular
 * file that missionc could have produced in this format goes, never the
 * source itself, a link, a folder or a device. */
static void
remove_stale(const char *output, mc_format f, const char *input)
{
	struct stat st;

	if (strcmp(output, "-") == 0 || lstat(output, &st) != 0 ||
	    !S_ISREG(st.st_mode) || same_file(&st, input))
		return;
	if (!looks_produced(output, f))
		fprintf(stderr, "missionc produire : « %s » est laissé tel quel : ce n’est pas un fichier %s produit par missionc\n",
		    output, mc_format_extension(f));
	else if (remove(output) == 0)
		fprintf(stderr, "missionc produire : l’ancien « %s » est retiré : il ne correspond plus à la lettre\n",
		    output);
}

/* -o names a folder, or one of the letters being read: refused before any
 * work. Returns 1 when it is fine. */
static int
output_usable(const char *output, const char **inputs, int ninputs)
{
	struct stat st;

	if (strcmp(output, "-") == 0 || stat(output, &st) != 0)
		return 1;
	if (S_ISDIR(st.st_mode)) {
		fprintf(stderr, "missionc produire : « %s » est un dossier : donnez à -o un nom de fichier\n",
		    output);
		return 0;
	}
	for (int i = 0; i < ninputs; i++)
		if (same_file(&st, inputs[i])) {
			fprintf(stderr, "missionc produire : « %s » est la lettre source : la sortie l’écraserait\n",
			    output);
			return 0;
		}
	return 1;
}

/* Where the diagnostics go with --diagnostics=json or sarif (both NULL:
 * as text on stderr). */
typedef struct reports {
	json_report *json;
	sarif_report *sarif;
} reports;

static void
report_add(const reports *rep, const char *input, const mc_result *res,
    const char *io_error)
{
	if (rep->json != NULL)
		json_report_add(rep->json, input, res, io_error);
	if (rep->sarif != NULL)
		sarif_report_add(rep->sarif, input, res, io_error);
}

/* Checks, renders and writes one letter; returns its exit status. */
static int
build_one(mc_stdlib *lib, mc_renderer *r, mc_format f, const char *input,
    const char *output, const reports *rep)
{
	int quiet = rep->json != NULL || rep->sarif != NULL;
	size_t len = 0, shown;
	char *text = cli_read_file(input, &len);
	mc_result *res;
	mc_buffer out;
	int status = EXIT_CLEAN;

	if (text == NULL) {
		report_add(rep, input, NULL, "fichier illisible");
		return EXIT_USAGE;
	}
	res = mc_check(lib, input, text, len);
	free(text);
	if (res == NULL) {
		fputs("missionc : mémoire insuffisante\n", stderr);
		return EXIT_USAGE;
	}
	shown = quiet ? (size_t)-1 : mc_result_diag_count(res);
	for (size_t k = 0; !quiet && k < shown; k++)
		diag_print_text(stderr, mc_result_diag(res, k));
	if (mc_result_worst(res) == MC_ERROR) {
		if (quiet)
			report_add(rep, input, res, NULL);
		else
			fprintf(stderr, "missionc produire : « %s » n’est pas produit : corrigez d’abord les erreurs\n",
			    output);
		remove_stale(output, f, input);
		mc_result_free(res);
		return EXIT_RULES;
	}
	mc_buffer_init(&out);
	if (mc_render(r, res, &out) != 0) {
		for (size_t k = shown; k < mc_result_diag_count(res); k++)
			diag_print_text(stderr, mc_result_diag(res, k));
		if (!quiet)
			fprintf(stderr, "missionc produire : « %s » n’est pas produit\n", output);
		remove_stale(output, f, input);
		status = EXIT_RULES;
	} else if (strcmp(output, "-") == 0) {
		if (fwrite(out.data, 1, out.len, stdout) != out.len || fflush(stdout) != 0) {
			fprintf(stderr, "missionc produire : écriture impossible : %s\n",
			    mc_strerror(errno));
			status = EXIT_USAGE;
		}
	} else if (cli_write_atomic(output, out.data, out.len) != 0) {
		fprintf(stderr, "missionc produire : impossible d’écrire « %s » : %s\n",
		    output, mc_strerror(errno));
		status = EXIT_USAGE;
	} else if (!quiet) {
		printf("%s → %s\n", input, output);
	}
	if (quiet) {
		report_add(rep, input, res, NULL);
		if (rep->json != NULL && status == EXIT_CLEAN &&
		    mc_result_worst(res) < MC_ERROR)
			json_report_output(rep->json, output);
	}
	mc_buffer_free(&out);
	mc_result_free(res);
	return status;
}

/* Builds every input; returns the worst of status and theirs. */
static int
build_all(mc_stdlib *lib, mc_renderer *r, const char **inputs, int ninputs,
    const char *output, mc_format f, const reports *rep, int status)
{
	for (int i = 0; i < ninputs; i++) {
		char *beside = NULL;
		const char *to = output;
		int s;

		if (to == NULL) {
			if (strcmp(inputs[i], "-") == 0) {
				fputs("missionc produire : la lettre vient de l’entrée standard : donnez -o SORTIE (ou -o - et -f)\n",
				    stderr);
				status = EXIT_USAGE;
				continue;
			}
			to = beside = output_beside(inputs[i], f);
			if (beside == NULL) {
				status = EXIT_USAGE;
				continue;
			}
		}
		s = build_one(lib, r, f, inputs[i], to, rep);
		if (s > status)
			status = s;
		free(beside);
	}
	return status;
}

/* --surveiller: the letters are built again whenever one of them, or a
 * référentiel of the stdlib, changes (the stdlib is then read afresh), until
 * the command is interrupted. Each build is written atomically, so a viewer
 * beside the editor only ever sees a whole document. */
static int
watch_and_build(const cli_options *opt, mc_stdlib **lib, mc_renderer *r,
    const char **inputs, int ninputs, const char *output, mc_format f)
{
	cli_watch *w = cli_watch_new();
	const char *what;
	const reports text_only = { NULL, NULL };

	if (w == NULL) {
		fputs("missionc produire : --surveiller : impossible de surveiller les fichiers (inotify)\n",
		    stderr);
		return EXIT_USAGE;
	}
	for (int i = 0; i < ninputs; i++)
		if (strcmp(inputs[i], "-") == 0 || !cli_watch_file(w, inputs[i])) {
			fprintf(stderr, "missionc produire : --surveiller : impossible de surveiller « %s »\n",
			    inputs[i]);
			cli_watch_free(w);
			return EXIT_USAGE;
		}
	cli_watch_dir(w, mc_stdlib_dir(*lib), ".mission");
	fputs("missionc produire : en surveillance des lettres et de la bibliothèque (Ctrl-C pour arrêter)\n",
	    stderr);
	while (cli_watch_wait(w, &what)) {
		mc_stdlib *fresh = cli_open_stdlib(opt);
		int s;

		if (fresh != NULL) {
			mc_stdlib_close(*lib);
			*lib = fresh;
		}
		s = build_all(*lib, r, inputs, ninputs, output, f, &text_only, EXIT_CLEAN);
		fprintf(stderr, "missionc produire : « %s » a changé : %s\n", what,
		    s == EXIT_CLEAN ? "lettre reproduite" : "lettre non produite (voir ci-dessus)");
	}
	cli_watch_free(w);
	return EXIT_USAGE;
}

int
cmd_build(int argc, char **argv, const cli_options *opt)
{
	const char *format = NULL, *output = NULL;
	const char **inputs = calloc((size_t)argc + 1, sizeof(*inputs));
	int ninputs = 0, status = EXIT_CLEAN;
	mc_format f = MC_FORMAT_PDF;
	mc_stdlib *lib = NULL;
	mc_template *t = NULL;
	mc_renderer *r = NULL;
	const char *why = NULL;
	int64_t epoch;
	reports rep = { NULL, NULL };
	int watch = 0;

	if (inputs == NULL)
		return EXIT_USAGE;
	for (int i = 0; i < argc; i++) {
		if ((strcmp(argv[i], "-f") == 0 || strcmp(argv[i], "--format") == 0) &&
		    i + 1 < argc)
			format = argv[++i];
		else if (strcmp(argv[i], "-o") == 0 && i + 1 < argc)
			output = argv[++i];
		else if (strcmp(argv[i], "--surveiller") == 0 || strcmp(argv[i], "--watch") == 0)
			watch = 1;
		else
			inputs[ninputs++] = argv[i];
	}
	if (ninputs == 0) {
		fputs("missionc produire : donnez un fichier .mission (voir missionc --help)\n", stderr);
		status = EXIT_USAGE;
		goto done;
	}
	if (format != NULL && !cli_parse_format(format, &f)) {
		fprintf(stderr, "missionc produire : format « %s » inconnu : pdf, html ou md\n", format);
		status = EXIT_USAGE;
		goto done;
	}
	if (output != NULL && strcmp(output, "-") != 0) {
		const char *ext = extension(output);
		mc_format from_ext;

		if (ext != NULL && cli_parse_format(ext, &from_ext)) {
			if (format != NULL && from_ext != f) {
				fprintf(stderr, "missionc produire : « -f %s » et l’extension de « %s » ne s’accordent pas\n",
				    format, output);
				status = EXIT_USAGE;
				goto done;
			}
			f = from_ext;
		} else if (format == NULL) {
			fprintf(stderr, "missionc produire : l’extension de « %s » ne dit pas le format : ajoutez -f pdf, html ou md\n",
			    output);
			status = EXIT_USAGE;
			goto done;
		}
		if (ext != NULL && strcmp(ext, "mission") == 0) {
			fprintf(stderr, "missionc produire : « %s » est une lettre source : la sortie l’écraserait\n",
			    output);
			status = EXIT_USAGE;
			goto done;
		}
	}
	if (output != NULL && ninputs > 1) {
		fputs("missionc produire : -o ne vaut que pour un seul fichier ; sans -o, chaque lettre est produite à côté de sa source\n",
		    stderr);
		status = EXIT_USAGE;
		goto done;
	}
	if (output != NULL && !output_usable(output, inputs, ninputs)) {
		status = EXIT_USAGE;
		goto done;
	}
	if (!cli_source_date(&epoch)) {
		fputs("missionc produire : SOURCE_DATE_EPOCH doit être un nombre de secondes depuis 1970, au plus 253402300799 (fin de l’an 9999)\n",
		    stderr);
		status = EXIT_USAGE;
		goto done;
	}
	if ((lib = cli_open_stdlib(opt)) == NULL || (t = cli_open_template(opt)) == NULL) {
		status = EXIT_USAGE;
		goto done;
	}
	if ((r = mc_renderer_new(f, t, &why)) == NULL) {
		fprintf(stderr, "missionc produire : %s\n", why != NULL ? why : "mémoire insuffisante");
		status = EXIT_USAGE;
		goto done;
	}
	mc_renderer_set_date(r, epoch);
	if ((opt->json && (rep.json = json_report_new()) == NULL) ||
	    (opt->sarif && (rep.sarif = sarif_report_new(lib)) == NULL)) {
		status = EXIT_USAGE;
		goto done;
	}
	status = build_all(lib, r, inputs, ninputs, output, f, &rep, status);
	if (watch && status != EXIT_USAGE && rep.json == NULL && rep.sarif == NULL)
		status = watch_and_build(opt, &lib, r, inputs, ninputs, output, f);
done:
	if (rep.json != NULL) {
		json_report_versions(rep.json, lib);
		json_report_print(rep.json, stdout);
		json_report_free(rep.json);
	}
	if (rep.sarif != NULL) {
		sarif_report_print(rep.sarif, stdout);
		sarif_report_free(rep.sarif);
	}
	mc_renderer_free(r);
	mc_template_close(t);
	mc_stdlib_close(lib);
	free(inputs);
	return status;
}
