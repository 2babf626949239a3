/* cmd_check.c — `missionc verifier FICHIER|DOSSIER…`: checks each letter (a
 * directory: every .mission under it, sorted), prints its diagnostics as text,
 * JSON or SARIF, then the count, and exits with the worst status (0, 1, or 2
 * for I/O). A file of a stdlib folder (a référentiel, commun.mission) is
 * checked as the library loads it for a letter, in its own folder when that
 * is a library (cli_library_dir). */
#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"

typedef struct file_list {
	char **names;
	size_t n, cap;
} file_list;

static int
push_name(file_list *fl, const char *dir, const char *name)
{
	size_t len = strlen(dir) + strlen(name) + 2;
	char *s;

	if (fl->n == fl->cap) {
		size_t cap = fl->cap ? fl->cap * 2 : 16;
		char **names = realloc(fl->names, cap * sizeof(*names));

		if (names == NULL)
			return 0;
		fl->names = names;
		fl->cap = cap;
	}
	s = malloc(len);
	if (s == NULL)
		return 0;
	if (dir[0] == '\0')
		snprintf(s, len, "%s", name);
	else
		snprintf(s, len, "%s%s%s", dir,
		    dir[strlen(dir) - 1] == '/' ? "" : "/", name);
	fl->names[fl->n++] = s;
	return 1;
}

static int
by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int
is_letter_name(const char *name)
{
	size_t n = strlen(name);

	return n > 8 && strcmp(name + n - 8, ".mission") == 0;
}

/* Every .mission under dir, depth first; hidden entries are skipped. */
static int
collect(file_list *fl, const char *dir, int depth)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	size_t first = fl->n;

	if (d == NULL)
		return 0;
	while ((e = readdir(d)) != NULL) {
		struct stat st;
		char *path;
		size_t len;

		if (e->d_name[0] == '.')
			continue;
		len = strlen(dir) + strlen(e->d_name) + 2;
		path = malloc(len);
		if (path == NULL)
			break;
		snprintf(path, len, "%s%s%s", dir,
		    dir[strlen(dir) - 1] == '/' ? "" : "/", e->d_name);
		if (stat(path, &st) == 0) {
			if (S_ISDIR(st.st_mode) && depth < 16)
				collect(fl, path, depth + 1);
			else if (S_ISREG(st.st_mode) && is_letter_name(e->d_name))
				push_name(fl, "", path);
		}
		free(path);
	}
	closedir(d);
	if (fl->n > first)
		qsort(fl->names + first, fl->n - first, sizeof(*fl->names), by_name);
	return 1;
}

static int
is_directory(const char *path)
{
	struct stat st;

	return strcmp(path, "-") != 0 && stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* The files to check, in order: those named, and the letters of the
 * directories named. */
static int
expand(file_list *fl, int argc, char **argv, int *dirs)
{
	for (int i = 0; i < argc; i++) {
		if (is_directory(argv[i])) {
			size_t before = fl->n;

			*dirs = 1;
			collect(fl, argv[i], 0);
			if (fl->n == before)
				fprintf(stderr, "missionc : « %s » ne contient aucune lettre (.mission)\n",
				    argv[i]);
		} else if (!push_name(fl, "", argv[i])) {
			return 0;
		}
	}
	return 1;
}

static void
free_list(file_list *fl)
{
	for (size_t i = 0; i < fl->n; i++)
		free(fl->names[i]);
	free(fl->names);
}

int
cmd_check(int argc, char **argv, const cli_options *opt)
{
	mc_stdlib *lib;
	json_report *report = NULL;
	sarif_report *sarif = NULL;
	file_list files = { NULL, 0, 0 };
	size_t errors = 0, warnings = 0;
	int status = EXIT_CLEAN, dirs = 0;
	/* The library of the last file checked in a folder of its own. */
	mc_stdlib *own = NULL;
	char *own_dir = NULL;

	if (argc == 0) {
		fputs("missionc verifier : donnez au moins un fichier .mission ou un dossier (voir missionc --help)\n",
		    stderr);
		return EXIT_USAGE;
	}
	lib = cli_open_stdlib(opt);
	if (lib == NULL)
		return EXIT_USAGE;
	if ((opt->sarif && (sarif = sarif_report_new(lib)) == NULL) ||
	    (!opt->sarif && opt->json && (report = json_report_new()) == NULL) ||
	    !expand(&files, argc, argv, &dirs)) {
		fputs("missionc : mémoire insuffisante\n", stderr);
		free_list(&files);
		mc_stdlib_close(lib);
		return EXIT_USAGE;
	}
	if (files.n == 0)
		status = EXIT_USAGE;
	for (size_t i = 0; i < files.n; i++) {
		const char *name = files.names[i];
		size_t len = 0, file_errors = 0, file_warnings = 0;
		char *text = cli_read_file(name, &len);
		mc_result *res;

		if (text == NULL) {
			status = EXIT_USAGE;
			if (report != NULL)
				json_report_add(report, name, NULL, "fichier illisible");
			if (sarif != NULL)
				sarif_report_add(sarif, name, NULL, "fichier illisible");
			continue;
		}
		if (mc_library_file(name, text, len)) {
			char *dir = cli_library_dir(lib, name);
			int elsewhere = dir != NULL;

			if (elsewhere && (own_dir == NULL || strcmp(dir, own_dir) != 0)) {
				mc_stdlib_close(own);
				free(own_dir);
				own = mc_stdlib_open(dir);
				own_dir = dir;
			} else {
				free(dir);
			}
			res = elsewhere && own != NULL ?
			    mc_check_referential(own, name, text, len) :
			    mc_check_referential(lib, name, text, len);
		} else {
			res = mc_check(lib, name, text, len);
		}
		free(text);
		if (res == NULL) {
			fputs("missionc : mémoire insuffisante\n", stderr);
			status = EXIT_USAGE;
			continue;
		}
		for (size_t k = 0; k < mc_result_diag_count(res); k++) {
			const mc_diag *d = mc_result_diag(res, k);

			file_errors += d->severity == MC_ERROR;
			file_warnings += d->severity == MC_WARNING;
			if (report == NULL && sarif == NULL)
				diag_print_text_color(stderr, d, opt->color);
		}
		if (report != NULL)
			json_report_add(report, name, res, NULL);
		if (sarif != NULL)
			sarif_report_add(sarif, name, res, NULL);
		/* A directory: each file says where it stands. */
		if (report == NULL && sarif == NULL && (dirs || files.n > 1))
			fprintf(stderr, "%s : %s\n", name, file_errors ? "non conforme" :
			    file_warnings ? "conforme, avec des avertissements" : "conforme");
		errors += file_errors;
		warnings += file_warnings;
		if (mc_result_worst(res) == MC_ERROR && status == EXIT_CLEAN)
			status = EXIT_RULES;
		mc_result_free(res);
	}
	if (report != NULL) {
		json_report_versions(report, lib);
		json_report_print(report, stdout);
		json_report_free(report);
	} else if (sarif != NULL) {
		sarif_report_print(sarif, stdout);
		sarif_report_free(sarif);
	} else if (errors + warnings > 0) {
		diag_print_summary(stderr, errors, warnings, opt->color);
	}
	free_list(&files);
	mc_stdlib_close(own);
	free(own_dir);
	mc_stdlib_close(lib);
	return status;
}
