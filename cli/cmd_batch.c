/* cmd_batch.c — `missionc lot MODELE.mission DONNEES.csv -o DOSSIER [-f pdf|html|md]
 * [-j N] [--nom MOTIF] [--reprendre] [--shard K/N] [--separateur S]
 * [--encodage E] [--quiet]`: every row of an HR export fills the model, is
 * checked like a single letter and rendered when it has no error; the rows
 * are read in chunks, shared among N threads (one renderer each), and reported
 * in row order, so the output never depends on N. rapport.csv and
 * rapport.json list every row. */
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "csv_reader.h"

#define CHUNK 256

typedef struct row {
	csv_record rec;
	unsigned long index;      /* data row number, from 1 */
	char *name;               /* output file name (in the folder) */
	int mine;                 /* in this shard */
	int skipped;              /* --reprendre: already there */
	/* Results, filled by a worker */
	mc_result *res;
	int produced;
	int write_errno;
} row;

typedef struct batch_job {
	const mc_batch *model;
	const char *dir;
	const char *const *columns;
	size_t ncolumns;
	row *rows;
	size_t nrows;
	size_t next;              /* next row to take */
	pthread_mutex_t lock;
} batch_job;

typedef struct worker {
	batch_job *job;
	mc_renderer *r;
	pthread_t thread;
} worker;

/* Names */

static uint64_t
hash(const char *s)
{
	uint64_t h = 1469598103934665603ULL;

	for (; *s != '\0'; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ULL;
	return h;
}

typedef struct name_set {
	uint64_t *items;
	size_t n, cap;
} name_set;

/* Open addressing on the names' hashes: memory stays small for 40 000 rows. */
static int
name_taken(name_set *s, uint64_t h)
{
	size_t i;

	if (h == 0)
		h = 1;
	if (2 * (s->n + 1) > s->cap) {
		size_t cap = s->cap ? s->cap * 2 : 1024;
		uint64_t *items = calloc(cap, sizeof(*items));

		if (items == NULL)
			return 0;
		for (size_t k = 0; k < s->cap; k++)
			if (s->items[k] != 0) {
				for (i = s->items[k] % cap; items[i] != 0; i = (i + 1) % cap)
					;
				items[i] = s->items[k];
			}
		free(s->items);
		s->items = items;
		s->cap = cap;
	}
	for (i = h % s->cap; s->items[i] != 0; i = (i + 1) % s->cap)
		if (s->items[i] == h)
			return 1;
	s->items[i] = h;
	s->n++;
	return 0;
}

/* « base.ext », or « base-2.ext » for the second row of that name. */
static char *
with_ext(const char *base, const char *ext, int k)
{
	size_t n = strlen(base) + strlen(ext) + 16;
	char *s = malloc(n);

	if (s == NULL)
		return NULL;
	if (k == 1)
		snprintf(s, n, "%s.%s", base, ext);
	else
		snprintf(s, n, "%s-%d.%s", base, k, ext);
	return s;
}

/* The pattern filled with the row's cells, made a safe file name: no « / »,
 * no « .. », no control character, not hidden, not too long. */
static char *
file_name(const char *pattern, const char *const *columns, size_t ncolumns,
    const csv_record *rec, unsigned long index, name_set *taken, const char *ext)
{
	mc_buffer b;
	char *out;

	mc_buffer_init(&b);
	for (const char *p = pattern; *p != '\0'; p++) {
		const char *end;

		if (*p == '{' && (end = strchr(p, '}')) != NULL) {
			size_t n = (size_t)(end - p - 1);

			if (n == 1 && p[1] == 'n') {
				mc_buffer_printf(&b, "%05lu", index);
			} else if (n == 5 && strncmp(p + 1, "ligne", 5) == 0) {
				mc_buffer_printf(&b, "%lu", rec->line);
			} else {
				for (size_t c = 0; c < ncolumns && c < rec->nfields; c++)
					if (strlen(columns[c]) == n && strncasecmp(columns[c], p + 1, n) == 0)
						mc_buffer_puts(&b, rec->fields[c]);
			}
			p = end;
		} else {
			mc_buffer_put(&b, p, 1);
		}
	}
	if (b.failed || b.data == NULL) {
		mc_buffer_free(&b);
		mc_buffer_puts(&b, "lettre");
	}
	for (size_t i = 0; i < b.len; i++) {
		unsigned char c = (unsigned char)b.data[i];

		if (c < 0x20 || c == 0x7F || c == '/' || c == '\\' || c == ':' ||
		    c == '*' || c == '?' || c == '"' || c == '<' || c == '>' || c == '|')
			b.data[i] = '_';
		if (c == ' ')
			b.data[i] = '_';
	}
	for (char *d; (d = strstr(b.data, "..")) != NULL;)
		d[0] = '_';
	if (b.data[0] == '.' || b.data[0] == '-')
		b.data[0] = '_';
	if (b.len > 120) {
		/* Do not cut a UTF-8 character in two. */
		size_t n = 120;

		while (n > 0 && ((unsigned char)b.data[n] & 0xC0) == 0x80)
			n--;
		b.data[n] = '\0';
		b.len = n;
	}
	for (int k = 1; k < 100000; k++) {
		char *candidate = with_ext(b.data, ext, k);

		if (candidate == NULL)
			break;
		if (!name_taken(taken, hash(candidate))) {
			mc_buffer_free(&b);
			return candidate;
		}
		free(candidate);
	}
	out = NULL;
	mc_buffer_free(&b);
	return out;
}

/* Rows, checked and rendered by the workers */

static void
do_row(worker *w, row *rw)
{
	batch_job *job = w->job;
	mc_buffer out;
	char path[PATH_MAX];

	if (rw->rec.problem == CSV_BAD_QUOTING) {
		rw->res = mc_batch_reject(job->model, MC_BATCH_QUOTING, rw->rec.line,
		    NULL, 0, 0, 0);
		return;
	}
	if (rw->rec.problem == CSV_BAD_UTF8) {
		rw->res = mc_batch_reject(job->model, MC_BATCH_UTF8, rw->rec.line,
		    job->columns[rw->rec.column], rw->rec.byte, 0, 0);
		return;
	}
	if (rw->rec.nfields != job->ncolumns) {
		rw->res = mc_batch_reject(job->model, MC_BATCH_COLUMNS, rw->rec.line,
		    NULL, 0, rw->rec.nfields, job->ncolumns);
		return;
	}
	rw->res = mc_batch_check(job->model, (const char *const *)rw->rec.fields,
	    rw->rec.nfields);
	if (rw->res == NULL || mc_result_worst(rw->res) == MC_ERROR)
		return;
	mc_buffer_init(&out);
	if (mc_render(w->r, rw->res, &out) == 0) {
		snprintf(path, sizeof(path), "%s/%s", job->dir, rw->name);
		if (cli_write_atomic(path, out.data, out.len) == 0)
			rw->produced = 1;
		else
			rw->write_errno = errno;
	}
	mc_buffer_free(&out);
}

static void *
work(void *arg)
{
	worker *w = arg;
	batch_job *job = w->job;

	for (;;) {
		size_t i;

		pthread_mutex_lock(&job->lock);
		while (job->next < job->nrows &&
		    (!job->rows[job->next].mine || job->rows[job->next].skipped))
			job->next++;
		i = job->next++;
		pthread_mutex_unlock(&job->lock);
		if (i >= job->nrows)
			return NULL;
		do_row(w, &job->rows[i]);
	}
}

/* Reports */

typedef struct report {
	FILE *csv, *json;
	char *csv_tmp, *json_tmp;
	char *csv_path, *json_path;
	unsigned long produced, rejected, skipped, others;
	int first;
} report;

static void
csv_cell(FILE *f, const char *s)
{
	putc('"', f);
	for (; *s != '\0'; s++) {
		if (*s == '"')
			putc('"', f);
		putc(*s, f);
	}
	putc('"', f);
}

static void
json_string(FILE *f, const char *s)
{
	putc('"', f);
	for (; *s != '\0'; s++) {
		unsigned char c = (unsigned char)*s;

		if (c == '"' || c == '\\')
			fprintf(f, "\\%c", c);
		else if (c < 0x20)
			fprintf(f, "\\u%04x", c);
		else
			putc(c, f);
	}
	putc('"', f);
}

/* The column a diagnostic is about, when it lies on a field of the model. */
static const char *
diag_column(const mc_batch *model, const mc_diag *d)
{
	return d->span.src != NULL ?
	    mc_batch_column_at(model, d->span.start, d->span.end) : NULL;
}

static void
report_row(report *rp, const mc_batch *model, const row *rw)
{
	const char *status = rw->skipped ? "deja_produite" : rw->produced ? "produite" :
	    rw->res == NULL ? "erreur" : mc_result_worst(rw->res) == MC_ERROR ? "ecartee" :
	    "erreur_ecriture";
	size_t nd = rw->res != NULL ? mc_result_diag_count(rw->res) : 0;

	if (rw->skipped)
		rp->skipped++;
	else if (rw->produced)
		rp->produced++;
	else if (rw->res != NULL && mc_result_worst(rw->res) == MC_ERROR)
		rp->rejected++;
	else
		rp->others++;
	fprintf(rp->csv, "%lu;%s;", rw->rec.line, status);
	csv_cell(rp->csv, rw->produced || rw->skipped ? rw->name : "");
	putc(';', rp->csv);
	fprintf(rp->json, "%s\n    {\"ligne\": %lu, \"statut\": \"%s\", \"fichier\": ",
	    rp->first ? "" : ",", rw->rec.line, status);
	rp->first = 0;
	if (rw->produced || rw->skipped)
		json_string(rp->json, rw->name);
	else
		fputs("null", rp->json);
	fputs(", \"diagnostics\": [", rp->json);
	{
		mc_buffer all;

		mc_buffer_init(&all);
		for (size_t k = 0; k < nd; k++) {
			const mc_diag *d = mc_result_diag(rw->res, k);
			const char *column = diag_column(model, d);

			/* « erreur : message [code] (colonne « x ») » */
			mc_buffer_printf(&all, "%s%s : %s [%s]%s%s%s", k ? " | " : "",
			    mc_severity_name(d->severity), d->message, d->code,
			    column != NULL ? " (colonne « " : "", column != NULL ? column : "",
			    column != NULL ? " »)" : "");
			fprintf(rp->json, "%s{\"gravite\": \"%s\", \"code\": ", k ? ", " : "",
			    mc_severity_name(d->severity));
			json_string(rp->json, d->code);
			fputs(", \"colonne\": ", rp->json);
			if (column != NULL)
				json_string(rp->json, column);
			else
				fputs("null", rp->json);
			fputs(", \"message\": ", rp->json);
			json_string(rp->json, d->message);
			putc('}', rp->json);
		}
		if (rw->write_errno != 0)
			mc_buffer_printf(&all, "écriture impossible : %s", mc_strerror(rw->write_errno));
		csv_cell(rp->csv, all.data != NULL ? all.data : "");
		mc_buffer_free(&all);
	}
	fputs("]}", rp->json);
	putc('\n', rp->csv);
}

static int
report_open(report *rp, const char *dir, const char *suffix)
{
	size_t n = strlen(dir) + 64;
	int fd;

	memset(rp, 0, sizeof(*rp));
	rp->first = 1;
	rp->csv_path = malloc(n);
	rp->json_path = malloc(n);
	rp->csv_tmp = malloc(n + 8);
	rp->json_tmp = malloc(n + 8);
	if (!rp->csv_path || !rp->json_path || !rp->csv_tmp || !rp->json_tmp)
		return -1;
	snprintf(rp->csv_path, n, "%s/rapport%s.csv", dir, suffix);
	snprintf(rp->json_path, n, "%s/rapport%s.json", dir, suffix);
	snprintf(rp->csv_tmp, n + 8, "%s.XXXXXX", rp->csv_path);
	snprintf(rp->json_tmp, n + 8, "%s.XXXXXX", rp->json_path);
	if ((fd = mkstemp(rp->csv_tmp)) < 0 || (rp->csv = fdopen(fd, "w")) == NULL)
		return -1;
	if ((fd = mkstemp(rp->json_tmp)) < 0 || (rp->json = fdopen(fd, "w")) == NULL)
		return -1;
	fputs("ligne;statut;fichier;diagnostics\n", rp->csv);
	fputs("{\n  \"version\": 1,\n  \"lignes\": [", rp->json);
	return 0;
}

static int
report_close(report *rp, int ok)
{
	int status = 0;

	if (rp->json != NULL) {
		fprintf(rp->json, "\n  ],\n  \"resume\": {\"produites\": %lu, \"ecartees\": %lu, \"deja_produites\": %lu, \"autres\": %lu}\n}\n",
		    rp->produced, rp->rejected, rp->skipped, rp->others);
		status |= fclose(rp->json);
	}
	if (rp->csv != NULL)
		status |= fclose(rp->csv);
	if (ok && status == 0 && rp->csv != NULL && rp->json != NULL) {
		chmod(rp->csv_tmp, 0644);
		chmod(rp->json_tmp, 0644);
		status |= rename(rp->csv_tmp, rp->csv_path) | rename(rp->json_tmp, rp->json_path);
	} else {
		if (rp->csv != NULL)
			unlink(rp->csv_tmp);
		if (rp->json != NULL)
			unlink(rp->json_tmp);
		status = -1;
	}
	free(rp->csv_tmp);
	free(rp->json_tmp);
	free(rp->csv_path);
	free(rp->json_path);
	return status;
}

/* A batch killed mid-way may leave the temporary file of a letter it was
 * writing (« lettre-00042.pdf.Ab12Cd »), never a partial letter: the next run
 * in the folder removes them. */
static void
remove_temporaries(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;

	if (d == NULL)
		return;
	while ((e = readdir(d)) != NULL) {
		const char *dot = strrchr(e->d_name, '.');
		size_t n = strlen(e->d_name);
		char path[PATH_MAX];
		int tmp = dot != NULL && strlen(dot) == 7 && n > 7;

		for (const char *p = dot ? dot + 1 : ""; tmp && *p != '\0'; p++)
			tmp = (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
			    (*p >= '0' && *p <= '9');
		if (tmp && (strstr(e->d_name, ".pdf.") || strstr(e->d_name, ".html.") ||
		    strstr(e->d_name, ".md.") || strstr(e->d_name, ".csv.") ||
		    strstr(e->d_name, ".json."))) {
			snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
			unlink(path);
		}
	}
	closedir(d);
}

/* The command */

typedef struct batch_options {
	const char *model, *data, *dir, *format, *pattern, *sep, *encoding, *shard;
	int jobs, resume, quiet;
	unsigned long shard_k, shard_n;
} batch_options;

static int
usage_error(const char *msg)
{
	fprintf(stderr, "missionc lot : %s (voir missionc --help)\n", msg);
	return EXIT_USAGE;
}

static int
parse_options(int argc, char **argv, batch_options *o)
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
				return usage_error("-j attend un nombre de fils de 1 à 256");
			i++;
		} else if (strcmp(a, "--nom") == 0 && v) {
			o->pattern = v;
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
				return usage_error("--shard attend K/N, 1 ≤ K ≤ N (ex. « --shard 2/4 »)");
			o->shard = v;
			i++;
		} else if (strcmp(a, "--reprendre") == 0) {
			o->resume = 1;
		} else if (strcmp(a, "--quiet") == 0 || strcmp(a, "--silencieux") == 0) {
			o->quiet = 1;
		} else if (o->model == NULL) {
			o->model = a;
		} else if (o->data == NULL) {
			o->data = a;
		} else {
			return usage_error("trop d’arguments : un modèle et un fichier de données");
		}
	}
	if (o->model == NULL || o->data == NULL)
		return usage_error("donnez le modèle .mission et le fichier de données .csv");
	if (o->dir == NULL)
		return usage_error("donnez le dossier des lettres : -o DOSSIER");
	if (o->sep != NULL && !(strcmp(o->sep, ";") == 0 || strcmp(o->sep, ",") == 0 ||
	    strcmp(o->sep, "tab") == 0))
		return usage_error("--separateur attend « ; », « , » ou « tab »");
	if (o->encoding != NULL && strcasecmp(o->encoding, "utf-8") != 0 &&
	    strcasecmp(o->encoding, "windows-1252") != 0 && strcasecmp(o->encoding, "latin-1") != 0 &&
	    strcasecmp(o->encoding, "latin1") != 0 && strcasecmp(o->encoding, "cp1252") != 0)
		return usage_error("--encodage attend utf-8, windows-1252 ou latin-1");
	if (o->jobs == 0) {
		long n = sysconf(_SC_NPROCESSORS_ONLN);

		o->jobs = n > 0 ? (int)n : 1;
	}
	return EXIT_CLEAN;
}

static double
seconds(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* « 12 345 lettres, 640 par seconde, reste 0:43 » on the terminal. */
static void
progress(unsigned long done, double t0, double read, int final)
{
	double dt = seconds() - t0;

	fprintf(stderr, "\r  %lu lettres traitées, %.0f par seconde", done,
	    dt > 0 ? (double)done / dt : 0.0);
	if (!final && read > 0.01) {
		long left = (long)(dt * (1.0 - read) / read);

		fprintf(stderr, ", reste %ld:%02ld   ", left / 60, left % 60);
	} else {
		fprintf(stderr, ", %.1f s%s", dt, final ? "          \n" : "   ");
	}
}

static int
run_chunk(batch_job *job, worker *workers, int nworkers)
{
	job->next = 0;
	if (nworkers == 1) {
		work(&workers[0]);
		return 0;
	}
	for (int i = 0; i < nworkers; i++)
		if (pthread_create(&workers[i].thread, NULL, work, &workers[i]) != 0)
			return -1;
	for (int i = 0; i < nworkers; i++)
		pthread_join(workers[i].thread, NULL);
	return 0;
}

int
cmd_batch(int argc, char **argv, const cli_options *opt)
{
	batch_options o;
	int status = parse_options(argc, argv, &o), broken = 0, shown = 0;
	mc_format f = MC_FORMAT_PDF;
	mc_stdlib *lib = NULL;
	mc_template *t = NULL;
	mc_batch *model = NULL;
	csv_file *csv = NULL;
	csv_record header = { 0 };
	worker *workers = NULL;
	batch_job job;
	report rp = { 0 };
	name_set names = { 0 };
	char *text = NULL;
	size_t len = 0;
	unsigned long index = 0;
	int64_t epoch = 0;
	double t0 = seconds();
	int tty;

	memset(&job, 0, sizeof(job));
	if (status != EXIT_CLEAN)
		return status;
	tty = isatty(2) && !o.quiet;
	if (o.format != NULL && !cli_parse_format(o.format, &f))
		return usage_error("format inconnu : pdf, html ou md");
	if (!cli_source_date(&epoch))
		return usage_error("SOURCE_DATE_EPOCH doit être un nombre de secondes depuis 1970");
	if ((lib = cli_open_stdlib(opt)) == NULL || (t = cli_open_template(opt)) == NULL) {
		status = EXIT_USAGE;
		goto done;
	}
	if ((text = cli_read_file(o.model, &len)) == NULL) {
		status = EXIT_USAGE;
		goto done;
	}
	model = mc_batch_open(lib, o.model, text, len);
	if (model == NULL) {
		status = EXIT_USAGE;
		goto done;
	}
	csv = csv_open(o.data, o.sep == NULL ? 0 : strcmp(o.sep, "tab") == 0 ? '\t' : o.sep[0],
	    o.encoding != NULL && strcasecmp(o.encoding, "utf-8") != 0);
	if (csv == NULL) {
		fprintf(stderr, "missionc lot : impossible de lire « %s » : %s\n", o.data,
		    mc_strerror(errno));
		status = EXIT_USAGE;
		goto done;
	}
	if (csv_next(csv, &header) != 1 || header.problem != CSV_OK || header.nfields == 0) {
		fprintf(stderr, "missionc lot : « %s » n’a pas de ligne d’en-tête lisible (noms des colonnes)\n",
		    o.data);
		status = EXIT_USAGE;
		goto done;
	}
	for (size_t i = 0; i < header.nfields; i++) {
		char *h = header.fields[i];
		size_t n = strlen(h);

		while (n > 0 && (h[n - 1] == ' ' || h[n - 1] == '\r'))
			h[--n] = '\0';
	}
	mc_batch_bind(model, (const char *const *)header.fields, header.nfields);
	for (size_t i = 0; i < mc_batch_diag_count(model); i++) {
		diag_print_text(stderr, mc_batch_diag(model, i));
		broken |= mc_batch_diag(model, i)->severity == MC_ERROR;
	}
	if (broken) {
		fprintf(stderr, "missionc lot : le modèle « %s » ne peut pas servir : aucune lettre produite\n",
		    o.model);
		status = EXIT_USAGE;
		goto done;
	}
	if (mkdir(o.dir, 0755) != 0 && errno != EEXIST) {
		fprintf(stderr, "missionc lot : impossible de créer « %s » : %s\n", o.dir,
		    mc_strerror(errno));
		status = EXIT_USAGE;
		goto done;
	}
	remove_temporaries(o.dir);
	{
		char suffix[64] = "";

		if (o.shard != NULL)
			snprintf(suffix, sizeof(suffix), "-%lu-sur-%lu", o.shard_k, o.shard_n);
		if (report_open(&rp, o.dir, suffix) != 0) {
			fprintf(stderr, "missionc lot : impossible d’écrire le rapport dans « %s » : %s\n",
			    o.dir, mc_strerror(errno));
			status = EXIT_USAGE;
			goto done;
		}
	}
	workers = calloc((size_t)o.jobs, sizeof(*workers));
	job.rows = calloc(CHUNK, sizeof(*job.rows));
	if (workers == NULL || job.rows == NULL || pthread_mutex_init(&job.lock, NULL) != 0) {
		status = EXIT_USAGE;
		goto done;
	}
	job.model = model;
	job.dir = o.dir;
	job.columns = (const char *const *)header.fields;
	job.ncolumns = header.nfields;
	for (int i = 0; i < o.jobs; i++) {
		const char *why = NULL;

		workers[i].job = &job;
		workers[i].r = mc_renderer_new(f, t, &why);
		if (workers[i].r == NULL) {
			fprintf(stderr, "missionc lot : %s\n", why ? why : "mémoire insuffisante");
			status = EXIT_USAGE;
			goto done;
		}
		mc_renderer_set_date(workers[i].r, epoch);
	}
	for (int end = 0; !end;) {
		job.nrows = 0;
		while (job.nrows < CHUNK) {
			row *rw = &job.rows[job.nrows];
			int got = csv_next(csv, &rw->rec);

			if (got < 0) {
				fprintf(stderr, "missionc lot : lecture de « %s » impossible : %s\n",
				    o.data, mc_strerror(errno));
				status = EXIT_USAGE;
				end = 1;
				break;
			}
			if (got == 0) {
				end = 1;
				break;
			}
			rw->index = ++index;
			/* Names are given to every row, in every shard, in row order:
			 * the shards together name files as one run does. */
			rw->name = file_name(o.pattern, job.columns, job.ncolumns, &rw->rec,
			    rw->index, &names, mc_format_extension(f));
			rw->mine = o.shard == NULL || (rw->index - 1) % o.shard_n == o.shard_k - 1;
			if (rw->mine && o.resume && rw->name != NULL) {
				char path[PATH_MAX];

				snprintf(path, sizeof(path), "%s/%s", o.dir, rw->name);
				rw->skipped = access(path, F_OK) == 0;
			}
			job.nrows++;
		}
		if (run_chunk(&job, workers, o.jobs) != 0) {
			status = EXIT_USAGE;
			end = 1;
		}
		for (size_t i = 0; i < job.nrows; i++) {
			row *rw = &job.rows[i];

			if (rw->mine) {
				report_row(&rp, model, rw);
				if (!o.quiet && rw->res != NULL && mc_result_worst(rw->res) == MC_ERROR &&
				    shown < 5) {
					fprintf(stderr, "%sligne %lu du fichier de données : écartée\n",
					    tty ? "\r" : "", rw->rec.line);
					for (size_t k = 0; k < mc_result_diag_count(rw->res); k++)
						if (mc_result_diag(rw->res, k)->severity == MC_ERROR)
							diag_print_text(stderr, mc_result_diag(rw->res, k));
					shown++;
				}
			}
			mc_result_free(rw->res);
			csv_record_free(&rw->rec);
			free(rw->name);
			memset(rw, 0, sizeof(*rw));
		}
#ifdef __GLIBC__
		/* Each worker thread has its own malloc arena; the letters of a
		 * chunk are freed, and giving that memory back keeps the peak of a
		 * 40 000-row batch that of a 1 000-row one. */
		malloc_trim(0);
#endif
		if (tty)
			progress(rp.produced + rp.rejected + rp.skipped + rp.others, t0,
			    csv_progress(csv), 0);
	}
	if (tty)
		progress(rp.produced + rp.rejected + rp.skipped + rp.others, t0, 1, 1);
	if (status == EXIT_CLEAN && rp.rejected + rp.others > 0)
		status = EXIT_RULES;
	{
		unsigned long bad = rp.rejected + rp.others;
		char took[32] = "";

		/* The time only for a person watching: reports stay reproducible. */
		if (tty)
			snprintf(took, sizeof(took), ", en %.1f s", seconds() - t0);
		fprintf(stderr, "missionc lot : %lu %s, %lu %s, %lu déjà %s%s ; rapport : %s\n",
		    rp.produced, rp.produced > 1 ? "lettres produites" : "lettre produite",
		    bad, bad > 1 ? "lignes écartées" : "ligne écartée", rp.skipped,
		    rp.skipped > 1 ? "produites" : "produite", took, rp.csv_path);
	}
done:
	if (rp.csv_path != NULL && report_close(&rp, status != EXIT_USAGE) != 0 &&
	    status == EXIT_CLEAN)
		status = EXIT_USAGE;
	if (workers != NULL)
		for (int i = 0; i < o.jobs; i++)
			mc_renderer_free(workers[i].r);
	free(workers);
	if (job.rows != NULL)
		pthread_mutex_destroy(&job.lock);
	free(job.rows);
	free(names.items);
	csv_record_free(&header);
	csv_close(csv);
	mc_batch_close(model);
	free(text);
	mc_template_close(t);
	mc_stdlib_close(lib);
	return status;
}
