/* batch_options.c — the command line of `missionc lot`: its options, the
 * batch's identity in its folder, the output folder made as `mkdir -p`, and
 * the columns found by name (who a row is about, --par). */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>
#include <utf8proc.h>

#include "batch.h"
#include "cli.h"

/* The output folder and its parents, as `mkdir -p`: « -o lettres/2025/pacte ». */
int
batch_make_dirs(const char *dir)
{
	char path[PATH_MAX];
	struct stat st;
	size_t n = strlen(dir);

	if (n == 0 || n >= sizeof(path)) {
		errno = ENAMETOOLONG;
		return -1;
	}
	memcpy(path, dir, n + 1);
	for (char *p = path + 1; ; p++) {
		if (*p != '/' && *p != '\0')
			continue;
		{
			char c = *p;

			*p = '\0';
			if (mkdir(path, 0755) != 0 && errno != EEXIST)
				return -1;
			*p = c;
		}
		if (*p == '\0')
			break;
	}
	if (stat(dir, &st) != 0)
		return -1;
	if (!S_ISDIR(st.st_mode)) {
		errno = ENOTDIR;
		return -1;
	}
	return 0;
}



/* A column's name without case, accents, spaces (no-break ones too),
 * hyphens or apostrophes (’ too): « N° UAI » → « n°_uai », « Nom d’usage »
 * → « nom_d_usage ». */
static void
fold_name(const char *name, char *out, size_t size)
{
	utf8proc_uint8_t *f = NULL;
	utf8proc_ssize_t n = utf8proc_map((const utf8proc_uint8_t *)name, -1, &f,
	    UTF8PROC_NULLTERM | UTF8PROC_COMPAT | UTF8PROC_DECOMPOSE | UTF8PROC_STRIPMARK |
	    UTF8PROC_CASEFOLD);

	snprintf(out, size, "%s", n >= 0 && f != NULL ? (const char *)f : name);
	free(f);
	for (char *q; (q = strstr(out, "\xe2\x80\x99")) != NULL;) {
		q[0] = '_';
		memmove(q + 1, q + 3, strlen(q + 3) + 1);
	}
	for (char *p = out; *p != '\0'; p++)
		if (*p == ' ' || *p == '-' || *p == '\'')
			*p = '_';
}

/* The columns that say who a row is about, for the report: first name,
 * name (the « nom d’usage » before the birth name) and UAI. */
void
batch_who_columns(const char *const *columns, size_t n, size_t who[3])
{
	static const char *const names[3][4] = {
		{ "prenom", NULL },
		{ "nom_d_usage", "nom_usage", "nom", "nom_de_famille" },
		{ "uai", "n°_uai", "code_uai", "rne" },
	};

	for (int k = 0; k < 3; k++) {
		who[k] = (size_t)-1;
		for (int m = 0; m < 4 && names[k][m] != NULL && who[k] == (size_t)-1; m++)
			for (size_t c = 0; c < n; c++) {
				char key[256];

				fold_name(columns[c], key, sizeof(key));
				if (strcmp(key, names[k][m]) == 0) {
					who[k] = c;
					break;
				}
			}
	}
}

/* --par COLONNE: the column of that name, trimmed, or else the only one
 * with it without case or accents. */
size_t
batch_group_column(const char *const *columns, size_t n, const char *name)
{
	char want[256], key[256];
	size_t found = (size_t)-1;

	for (size_t c = 0; c < n; c++)
		if (strcmp(columns[c], name) == 0)
			return c;
	fold_name(name, want, sizeof(want));
	for (size_t c = 0; c < n; c++) {
		fold_name(columns[c], key, sizeof(key));
		if (strcmp(key, want) == 0) {
			if (found != (size_t)-1)
				return (size_t)-1;
			found = c;
		}
	}
	return found;
}

static const char *
base_name(const char *path)
{
	const char *slash = strrchr(path, '/');

	return slash != NULL ? slash + 1 : path;
}

/* Which batch a folder is for: the same model and data file names, format
 * and names of letters. Shards, and a resumed run, are the same batch; the
 * model and the export may have changed (--reprendre redoes what they
 * changed). */
void
batch_identity(const batch_options *o, mc_format f, char *buf, size_t size)
{
	snprintf(buf, size, "missionc lot\nmodele %s\ndonnees %s\nformat %s\nnom %s\npar %s\n",
	    base_name(o->model), base_name(o->data), mc_format_extension(f), o->pattern,
	    o->group != NULL ? o->group : "");
}

void
folder_refused(const batch_folder *f, const char *dir)
{
	mc_buffer b;

	mc_buffer_init(&b);
	report_clean(&b, f->other != NULL ? f->other : "");
	fprintf(stderr, "missionc lot : le dossier « %s » est celui d’un autre lot (%s) : donnez un autre dossier à -o, ou videz celui-ci, fichier caché « .missionc-lot » compris\n",
	    dir, b.data != NULL ? b.data : "");
	mc_buffer_free(&b);
}

int
batch_usage_error(const char *msg)
{
	fprintf(stderr, "missionc lot : %s (voir missionc --help)\n", msg);
	return EXIT_USAGE;
}

int
batch_encoding(const char *name)
{
	if (name == NULL || strcasecmp(name, "utf-8") == 0 || strcasecmp(name, "utf8") == 0)
		return CSV_ENC_UTF8;
	if (strcasecmp(name, "windows-1252") == 0 || strcasecmp(name, "latin-1") == 0 ||
	    strcasecmp(name, "latin1") == 0 || strcasecmp(name, "cp1252") == 0)
		return CSV_ENC_CP1252;
	if (strcasecmp(name, "mac-roman") == 0 || strcasecmp(name, "macroman") == 0 ||
	    strcasecmp(name, "macintosh") == 0)
		return CSV_ENC_MAC_ROMAN;
	return -1;
}

int
batch_parse_options(int argc, char **argv, batch_options *o)
{
	memset(o, 0, sizeof(*o));
	o->pattern = "lettre-{n}";
	for (int i = 0; i < argc; i++) {
		const char *a = argv[i];
		const char *v = i + 1 < argc ? argv[i + 1] : NULL;

		if (strcmp(a, "-o") == 0 && v) {
			o->dir = v;
			i++;
		} else if ((strcmp(a, "-f") == 0 || strcmp(a, "--format") == 0) && v) {
			o->format = v;
			i++;
		} else if (strcmp(a, "-j") == 0 && v) {
			o->jobs = atoi(v);
			if (o->jobs < 1 || o->jobs > 256)
				return batch_usage_error("-j attend un nombre de fils de 1 à 256");
			i++;
		} else if (strcmp(a, "--nom") == 0 && v) {
			o->pattern = v;
			i++;
		} else if (strcmp(a, "--par") == 0 && v) {
			o->group = v;
			i++;
		} else if (strcmp(a, "--separateur") == 0 && v) {
			o->sep = v;
			i++;
		} else if (strcmp(a, "--encodage") == 0 && v) {
			o->encoding = v;
			i++;
		} else if (strcmp(a, "--shard") == 0 && v) {
			char end;

			if (sscanf(v, "%lu/%lu%c", &o->shard_k, &o->shard_n, &end) != 2 ||
			    o->shard_n == 0 || o->shard_k == 0 || o->shard_k > o->shard_n)
				return batch_usage_error("--shard attend K/N, 1 ≤ K ≤ N (ex. « --shard 2/4 »)");
			o->shard = v;
			i++;
		} else if (strcmp(a, "--reprendre") == 0) {
			o->resume = 1;
		} else if (strcmp(a, "--recueil") == 0) {
			o->bundle = 1;
		} else if (strcmp(a, "--quiet") == 0 || strcmp(a, "--silencieux") == 0) {
			o->quiet = 1;
		} else if (o->model == NULL) {
			o->model = a;
		} else if (o->data == NULL) {
			o->data = a;
		} else {
			return batch_usage_error("trop d’arguments : un modèle et un fichier de données");
		}
	}
	if (o->model == NULL || o->data == NULL)
		return batch_usage_error("donnez le modèle .mission et le fichier de données .csv");
	if (o->dir == NULL)
		return batch_usage_error("donnez le dossier des lettres : -o DOSSIER");
	if (o->sep != NULL && !(strcmp(o->sep, ";") == 0 || strcmp(o->sep, ",") == 0 ||
	    strcmp(o->sep, "tab") == 0))
		return batch_usage_error("--separateur attend « ; », « , » ou « tab »");
	if (o->encoding != NULL && batch_encoding(o->encoding) < 0)
		return batch_usage_error("--encodage attend utf-8, windows-1252 (latin-1) ou mac-roman");
	if (o->jobs == 0) {
		long n = sysconf(_SC_NPROCESSORS_ONLN);

		o->jobs = n > 0 ? (int)n : 1;
	}
	return EXIT_CLEAN;
}

