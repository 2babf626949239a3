/* cmd_batch.c — `missionc lot MODELE.mission DONNEES.csv -o DOSSIER [-f pdf|html|md]
 * [-j N] [--nom MOTIF] [--reprendre] [--shard K/N] [--separateur S]
 * [--encodage E] [--quiet]`: every row of an HR export fills the model, is
 * checked like a single letter and rendered when it has no error.
 *
 * A pipeline: the main thread reads the rows in chunks into a ring, N
 * worker threads (one renderer each, kept for the whole batch) take the rows
 * one by one, and the main thread reports each chunk, in row order, once all
 * its rows are done — so the output never depends on N, and while the
 * workers render, the next chunks are already read. A worker keeps nothing
 * of a row but its report entry: memory does not grow with the batch. */
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <utf8proc.h>

#include "batch.h"
#include "cli.h"

#define CHUNK 256
#define RING 4                  /* chunks read ahead of the report */

typedef struct row {
	csv_record rec;
	csv_record *more;         /* --par: the group's other rows */
	size_t nmore;
	int unsorted;             /* --par: its key came before, apart */
	unsigned long index;      /* data row number, from 1 */
	char *name;               /* output file name (in the folder) */
	int mine;                 /* in this shard */
	int skipped;              /* --reprendre: already made, from these inputs */
	/* Filled by a worker */
	row_status status;
	int write_errno;          /* ROW_WRITE_FAILED: why */
	int journal_errno;        /* the journal could not record the letter */
	char *csv_entry, *json_entry;
	char *errors;             /* a rejected row's errors, as on a terminal */
} row;

typedef struct chunk {
	row rows[CHUNK];
	size_t nrows;
	size_t next;              /* next row to take */
	size_t done;
} chunk;

typedef struct pipeline {
	const mc_batch *model;
	const char *dir;
	uint64_t digest;          /* of the model, format and template */
	const resume_map *resume; /* --reprendre: the letters made, or NULL */
	const resume_map *known;  /* the letters the journals list: the batch's */
	int journal;              /* the journal's descriptor */
	size_t who[3];            /* first name, name and UAI columns, or -1 */
	size_t group;             /* --par: the key column, or -1 */
	const char *const *columns;
	size_t ncolumns;
	chunk *ring;              /* RING chunks */
	unsigned long head, tail; /* chunks [head, tail) are given to the workers */
	int closing;
	int show_errors;          /* the first rejected rows go to stderr */
	pthread_mutex_t lock;
	pthread_cond_t work_ready, chunk_done;
} pipeline;

typedef struct worker {
	pipeline *p;
	mc_renderer *r;
	mc_buffer out, csv, json, person; /* reused from row to row */
	pthread_t thread;
	int started;
} worker;

/* Rows, checked and rendered by the workers */

static char *
take_entry(mc_buffer *b)
{
	char *s = b->failed || b->data == NULL ? NULL : strdup(b->data);

	mc_buffer_clear(b);
	return s;
}

/* Does the record repeat the header (two exports put end to end, the
 * second's header — maybe with its BOM — amid the rows)? */
static int
header_again(const pipeline *p, const csv_record *rec)
{
	if (rec->nfields < p->ncolumns || p->ncolumns == 0)
		return 0;
	for (size_t i = 0; i < rec->nfields; i++)
		if (!mc_batch_same_cell(rec->fields[i], i < p->ncolumns ? p->columns[i] : ""))
			return 0;
	return 1;
}

/* A record the data file itself makes unusable, as its result; NULL when
 * the record is sound. */
static mc_result *
record_problem(const pipeline *p, const csv_record *rec, int *bad)
{
	size_t total;

	*bad = 1;
	if (rec->problem == CSV_NUL)
		return mc_batch_reject(p->model, MC_BATCH_NUL, rec->line, NULL, 0, 0, 0);
	if (rec->problem == CSV_TOO_LONG && rec->column < p->ncolumns)
		return mc_batch_reject(p->model, MC_BATCH_TOO_LONG, rec->line,
		    p->columns[rec->column], 0, 0, CSV_MAX_CELL);
	/* The file's end inside quotes: an export cut short, said so rather
	 * than a quote to fix. */
	if (rec->cut && rec->problem == CSV_BAD_QUOTING)
		return mc_batch_reject(p->model, MC_BATCH_CUT, rec->line, NULL, 0, 0, p->ncolumns);
	if (rec->problem == CSV_BAD_QUOTING)
		return mc_batch_reject(p->model, MC_BATCH_QUOTING, rec->line, NULL, 0, 0, 0);
	/* An invalid byte in a field beyond the header's is a row with too
	 * many fields first. */
	if (rec->problem == CSV_BAD_UTF8 && rec->column < p->ncolumns)
		return mc_batch_reject(p->model, MC_BATCH_UTF8, rec->line,
		    p->columns[rec->column], rec->byte, 0, 0);
	if (rec->problem == CSV_UNDEFINED_CP1252 && rec->column < p->ncolumns)
		return mc_batch_reject(p->model, MC_BATCH_UNDEFINED_CP1252, rec->line,
		    p->columns[rec->column], rec->byte, 0, 0);
	if (rec->problem == CSV_UTF8_AS_CP1252 && rec->column < p->ncolumns)
		return mc_batch_reject(p->model, MC_BATCH_UTF8_AS_CP1252, rec->line,
		    p->columns[rec->column], 0, 0, 0);
	if (rec->problem == CSV_OK && header_again(p, rec))
		return mc_batch_reject(p->model, MC_BATCH_HEADER_AGAIN, rec->line, NULL, 0, 0, 0);
	if (rec->problem == CSV_OK && (total = mc_batch_total_cell((const char *const *)rec->fields,
	    rec->nfields, p->ncolumns)) != (size_t)-1) {
		char cell[128];
		const char *s = rec->fields[total];

		s += strspn(s, " \t");
		/* A whole cell when short, its start when not, on a UTF-8
		 * character's edge. */
		snprintf(cell, sizeof(cell), "%s", s);
		if (strlen(s) >= sizeof(cell)) {
			size_t k = sizeof(cell) - 4;

			while (k > 0 && ((unsigned char)cell[k] & 0xC0) == 0x80)
				k--;
			memcpy(cell + k, "…", 4);
		}
		return mc_batch_reject(p->model, MC_BATCH_TOTAL_ROW, rec->line, cell, 0, 0, 0);
	}
	if (rec->problem == CSV_CONTROL && rec->column < p->ncolumns)
		return mc_batch_reject(p->model, MC_BATCH_CONTROL, rec->line,
		    p->columns[rec->column], rec->byte, 0, 0);
	if (rec->cut && rec->nfields < p->ncolumns)
		return mc_batch_reject(p->model, MC_BATCH_CUT, rec->line, NULL, 0, rec->nfields,
		    p->ncolumns);
	if (rec->nfields != p->ncolumns)
		return mc_batch_reject(p->model, MC_BATCH_COLUMNS, rec->line, NULL, 0,
		    rec->nfields, p->ncolumns);
	*bad = 0;
	return NULL;
}

/* The letter of a row (of a group of rows, --par), checked; NULL when
 * memory runs out. */
static mc_result *
check_row(const pipeline *p, const row *rw)
{
	mc_batch_row *rows;
	mc_result *res;
	int bad;

	if (rw->unsorted)
		return mc_batch_reject(p->model, MC_BATCH_UNSORTED, rw->rec.line,
		    p->columns[p->group], 0, 0, 0);
	res = record_problem(p, &rw->rec, &bad);
	for (size_t i = 0; i < rw->nmore && !bad; i++)
		res = record_problem(p, &rw->more[i], &bad);
	if (bad)
		return res;
	if (rw->nmore == 0) {
		mc_batch_row one = { (const char *const *)rw->rec.fields, rw->rec.nfields,
			rw->rec.line };

		return mc_batch_check_rows(p->model, &one, 1);
	}
	rows = calloc(rw->nmore + 1, sizeof(*rows));
	if (rows == NULL)
		return NULL;
	for (size_t i = 0; i <= rw->nmore; i++) {
		const csv_record *rec = i == 0 ? &rw->rec : &rw->more[i - 1];

		rows[i].cells = (const char *const *)rec->fields;
		rows[i].ncells = rec->nfields;
		rows[i].line = rec->line;
	}
	res = mc_batch_check_rows(p->model, rows, rw->nmore + 1);
	free(rows);
	return res;
}

/* No control character of a cell reaches the terminal (an escape sequence
 * in an export would drive it): all but the line ends made spaces. */
static void
term_safe(char *s)
{
	for (unsigned char *u = (unsigned char *)s; u != NULL && *u != 0; u++) {
		if ((*u < 0x20 && *u != '\n') || *u == 0x7f)
			*u = ' ';
		else if (*u == 0xc2 && u[1] >= 0x80 && u[1] <= 0x9f)
			u[0] = u[1] = ' ';
	}
}

/* The errors of a rejected row as diag_print_text prints them, to be shown
 * in row order by the main thread. */
static char *
errors_text(const mc_result *res)
{
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);

	if (f == NULL)
		return NULL;
	for (size_t k = 0; k < mc_result_diag_count(res); k++)
		if (mc_result_diag(res, k)->severity == MC_ERROR)
			diag_print_text(f, mc_result_diag(res, k));
	if (fclose(f) != 0) {
		free(text);
		return NULL;
	}
	term_safe(text);
	return text;
}

static const char *
cell_of(const row *rw, size_t column)
{
	return column < rw->rec.nfields && rw->rec.fields[column][0] != '\0' ?
	    rw->rec.fields[column] : NULL;
}

/* « Léa Moreau » and the UAI, for the report. */
static void
who_of(worker *w, const row *rw, report_who *who)
{
	const pipeline *p = w->p;
	const char *first = cell_of(rw, p->who[0]), *name = cell_of(rw, p->who[1]);

	mc_buffer_clear(&w->person);
	/* Each name as the letter prints it: without the no-break space a
	 * spreadsheet kept after « Moreau », « Joﬀre » as Joffre. */
	for (int k = 0; k < 2; k++) {
		const char *part = k == 0 ? first : name;
		size_t from, n;

		if (part == NULL)
			continue;
		if (w->person.len > 0)
			mc_buffer_put(&w->person, " ", 1);
		from = w->person.len;
		mc_buffer_puts(&w->person, part);
		if (w->person.failed)
			break;
		/* An empty cell may leave the buffer unallocated. */
		n = w->person.len > from ?
		    mc_batch_cell_printed(w->person.data + from, w->person.len - from) : 0;
		/* Nothing printed: nor the space before it. */
		w->person.len = n > 0 || from == 0 ? from + n : from - 1;
		if (w->person.data != NULL)
			w->person.data[w->person.len] = '\0';
	}
	who->person = w->person.len > 0 && !w->person.failed ? w->person.data : NULL;
	who->uai = cell_of(rw, p->who[2]);
}

static void
do_row(worker *w, row *rw)
{
	const pipeline *p = w->p;
	const char *code = "memoire_insuffisante", *problem = "mémoire insuffisante";
	char why[NAME_MAX + 256];
	mc_result *res = NULL;
	uint64_t digest = digest_row(p->digest, (const char *const *)rw->rec.fields,
	    rw->rec.nfields);
	report_who who;

	for (size_t i = 0; i < rw->nmore; i++)
		digest = digest_row(digest, (const char *const *)rw->more[i].fields,
		    rw->more[i].nfields);
	rw->status = ROW_FAILED;
	/* Skipped only when the letter there was made from this very row. */
	if (p->resume != NULL && rw->name != NULL && rw->rec.problem == CSV_OK &&
	    resume_done(p->resume, rw->name, digest)) {
		char path[PATH_MAX];

		snprintf(path, sizeof(path), "%s/%s", p->dir, rw->name);
		rw->skipped = access(path, F_OK) == 0;
	}
	if (rw->skipped) {
		rw->status = ROW_SKIPPED;
	} else if (rw->name == NULL) {
		code = "nom_impossible";
		problem = "aucun nom de fichier libre pour cette lettre (motif de --nom)";
	} else if ((res = check_row(p, rw)) != NULL) {
		/* A letter that fails to render has the error in its diagnostics. */
		if (mc_result_worst(res) < MC_ERROR && mc_render(w->r, res, &w->out) == 0) {
			if (batch_write_letter(p->dir, rw->name, w->out.data, w->out.len,
			    resume_known(p->known, rw->name)) == 0) {
				rw->status = ROW_PRODUCED;
				if (journal_add(p->journal, rw->name, digest) != 0)
					rw->journal_errno = errno ? errno : EIO;
			} else {
				rw->status = ROW_WRITE_FAILED;
				code = "ecriture_impossible";
				problem = mc_strerror(errno);
				rw->write_errno = errno;
				if (errno == EEXIST) {
					snprintf(why, sizeof(why), "« %s » est déjà dans le dossier et ce lot ne l’a pas écrit : laissé tel quel ; déplacez-le, ou donnez un autre dossier (-o) ou un autre motif de nom (--nom)",
					    rw->name);
					problem = why;
				}
			}
		}
		if (mc_result_worst(res) == MC_ERROR)
			rw->status = ROW_REJECTED;
		mc_buffer_clear(&w->out);
	}
	who_of(w, rw, &who);
	report_entry(&w->csv, &w->json, p->model, &who, rw->rec.line, rw->status, rw->name,
	    res, code, rw->status == ROW_FAILED || rw->status == ROW_WRITE_FAILED ?
	    problem : NULL);
	rw->csv_entry = take_entry(&w->csv);
	rw->json_entry = take_entry(&w->json);
	if (rw->status == ROW_REJECTED && p->show_errors)
		rw->errors = errors_text(res);
	mc_result_free(res);
}

static void *
work(void *arg)
{
	worker *w = arg;
	pipeline *p = w->p;

	pthread_mutex_lock(&p->lock);
	for (;;) {
		chunk *c = NULL;
		row *rw = NULL;

		for (unsigned long k = p->head; k < p->tail && rw == NULL; k++) {
			c = &p->ring[k % RING];
			if (c->next < c->nrows)
				rw = &c->rows[c->next++];
		}
		if (rw == NULL) {
			if (p->closing)
				break;
			pthread_cond_wait(&p->work_ready, &p->lock);
			continue;
		}
		pthread_mutex_unlock(&p->lock);
		if (rw->mine)
			do_row(w, rw);
		pthread_mutex_lock(&p->lock);
		if (++c->done == c->nrows)
			pthread_cond_signal(&p->chunk_done);
	}
	pthread_mutex_unlock(&p->lock);
	return NULL;
}

/* The command */

static const char *
template_id(const cli_options *opt)
{
	const char *env = getenv("MISSIONC_MODELE");

	return opt->template_dir != NULL ? opt->template_dir : env != NULL ? env : "";
}

static double
seconds(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* « 12 345 » with a narrow no-break space, as French writes numbers. */
static const char *
thousands(char *buf, size_t size, unsigned long n)
{
	if (n < 1000)
		snprintf(buf, size, "%lu", n);
	else if (n < 1000000)
		snprintf(buf, size, "%lu\u202f%03lu", n / 1000, n % 1000);
	else
		snprintf(buf, size, "%lu\u202f%03lu\u202f%03lu", n / 1000000, n / 1000 % 1000,
		    n % 1000);
	return buf;
}

/* « 3,4 s » */
static const char *
decimal_seconds(char *buf, size_t size, double s)
{
	char *dot;

	snprintf(buf, size, "%.1f\u00a0s", s);
	if ((dot = strchr(buf, '.')) != NULL)
		*dot = ',';
	return buf;
}

/* « 12 345 lettres traitées, 640 par seconde, reste 0:43 » on the terminal. */
static void
progress(unsigned long done, double t0, double read, int final)
{
	double dt = seconds() - t0;
	char n[32], rate[32], took[32];

	fprintf(stderr, "\r  %s lettres traitées, %s par seconde", thousands(n, sizeof(n), done),
	    thousands(rate, sizeof(rate), dt > 0 ? (unsigned long)((double)done / dt) : 0));
	if (!final && read > 0.01) {
		long left = (long)(dt * (1.0 - read) / read);

		fprintf(stderr, ", reste %ld:%02ld   ", left / 60, left % 60);
	} else {
		fprintf(stderr, ", %s%s", decimal_seconds(took, sizeof(took), dt),
		    final ? "          \n" : "   ");
	}
}

/* The main thread: reading, naming, reporting */

typedef struct reader {
	csv_file *csv;
	const batch_options *o;
	const char *ext;
	name_set names;
	size_t ncolumns;          /* the header's */
	unsigned long index;
	int error;                /* errno of a failed read */
	/* --par */
	csv_record *ahead;        /* read, not yet in a group: the next to come
	                           * last (a stack) */
	size_t nahead, ahead_cap;
	name_set keys;            /* the keys of the groups so far */
} reader;

/* A record, without the empty cells past the header's columns: a
 * separator at the end of each row (« …;2025-09-26; ») is no column. */
static int
read_record(reader *rd, csv_record *rec)
{
	int got = csv_next(rd->csv, rec);

	while (got > 0 && rec->problem == CSV_OK && rec->nfields > rd->ncolumns &&
	    rec->fields[rec->nfields - 1][0] == '\0')
		free(rec->fields[--rec->nfields]);
	return got;
}

static int
next_record(reader *rd, csv_record *rec)
{
	if (rd->nahead > 0) {
		*rec = rd->ahead[--rd->nahead];
		return 1;
	}
	return read_record(rd, rec);
}

/* rec is to come next, before those already waiting. */
static int
put_back(reader *rd, csv_record *rec)
{
	csv_record *a = batch_grow(rd->ahead, &rd->ahead_cap, rd->nahead, sizeof(*a));

	if (a == NULL) {
		csv_record_free(rec);
		return -1;
	}
	rd->ahead = a;
	rd->ahead[rd->nahead++] = *rec;
	return 0;
}

/* Adds rec to a list of records. */
static int
add_record(csv_record **list, size_t *n, size_t *cap, csv_record *rec)
{
	csv_record *m = batch_grow(*list, cap, *n, sizeof(*m));

	if (m == NULL) {
		csv_record_free(rec);
		return -1;
	}
	*list = m;
	m[(*n)++] = *rec;
	return 0;
}

static const char *
key_of(const csv_record *rec, size_t column)
{
	return rec->problem == CSV_OK && column < rec->nfields ? rec->fields[column] : NULL;
}

/* --par: the rows after rw with its key join it; the first other one waits.
 * A broken row (no key to read) between two rows of the group is the
 * group's: its letter is refused for it rather than made without that row;
 * broken rows after the group's last wait too, each a row of its own. */
static int
gather(const pipeline *p, reader *rd, row *rw)
{
	const char *key = key_of(&rw->rec, p->group);
	size_t cap = 0, npend = 0, pcap = 0;
	csv_record *pend = NULL;
	char *trimmed;
	int seen, status = 1;

	if (key == NULL)
		return 1;
	for (;;) {
		csv_record next;
		int got = next_record(rd, &next);
		const char *nk;

		if (got <= 0) {
			status = got < 0 ? -1 : 1;
			break;
		}
		nk = key_of(&next, p->group);
		if (nk == NULL) {
			if (add_record(&pend, &npend, &pcap, &next) != 0) {
				status = -1;
				break;
			}
			continue;
		}
		if (!mc_batch_same_cell(nk, key)) {
			if (put_back(rd, &next) != 0)
				status = -1;
			break;
		}
		for (size_t i = 0; i < npend; i++)
			if (status < 0)
				csv_record_free(&pend[i]);
			else if (add_record(&rw->more, &rw->nmore, &cap, &pend[i]) != 0)
				status = -1;
		npend = 0;
		if (status < 0 || add_record(&rw->more, &rw->nmore, &cap, &next) != 0) {
			status = -1;
			break;
		}
	}
	while (npend > 0)
		if (put_back(rd, &pend[--npend]) != 0)
			status = -1;
	free(pend);
	if (status < 0)
		return -1;
	/* A key met before, with other keys between: the export is not sorted
	 * (« A1001 » and « A1001 » with a no-break space after are one key). */
	if ((trimmed = strdup(key)) == NULL)
		return -1;
	mc_batch_trim_column(trimmed);
	seen = name_set_add(&rd->keys, trimmed);
	free(trimmed);
	if (seen < 0)
		return -1;
	rw->unsorted = seen;
	return 1;
}

/* Reads up to CHUNK rows; fewer at the end of the file. */
static void
fill_chunk(const pipeline *p, reader *rd, chunk *c)
{
	const batch_options *o = rd->o;

	while (c->nrows < CHUNK) {
		row *rw = &c->rows[c->nrows];
		int got = next_record(rd, &rw->rec);

		if (got > 0 && p->group != (size_t)-1 && gather(p, rd, rw) < 0) {
			c->nrows++;     /* its records are freed with the chunk */
			got = -1;
		}
		if (got <= 0) {
			if (got < 0)
				rd->error = errno ? errno : EIO;
			break;
		}
		rw->index = ++rd->index;
		/* Names are given to every row, in every shard, in row order: the
		 * shards together name files as one run does. */
		rw->name = batch_file_name(o->pattern, p->columns, p->ncolumns, &rw->rec,
		    rw->index, &rd->names, rd->ext);
		rw->mine = o->shard == NULL || (rw->index - 1) % o->shard_n == o->shard_k - 1;
		c->nrows++;
	}
}

typedef struct display {
	const char *data;         /* the data file, where rejected rows are */
	int tty, quiet;
	int shown;                /* rejected rows shown so far */
	int fatal;                /* errno that stops the batch: disk full… */
} display;

/* The folder cannot take any letter: the batch stops, exit 2. A single
 * letter that cannot be written (its name is a folder) is that row's. */
static int
stops_batch(int err)
{
	return err == ENOSPC || err == EDQUOT || err == EIO || err == EROFS ||
	    err == EFBIG;
}

/* The row (with --par, its last record) ends the file with no line end. */
static int
last_cut(const row *rw)
{
	return rw->nmore > 0 ? rw->more[rw->nmore - 1].cut : rw->rec.cut;
}

static void
report_chunk(batch_report *rp, display *d, chunk *c)
{
	for (size_t i = 0; i < c->nrows; i++) {
		row *rw = &c->rows[i];

		if (rw->mine) {
			if (d->fatal == 0 && rw->status == ROW_WRITE_FAILED &&
			    stops_batch(rw->write_errno))
				d->fatal = rw->write_errno;
			if (d->fatal == 0 && rw->journal_errno != 0)
				d->fatal = rw->journal_errno;
			report_add(rp, rw->status, rw->csv_entry, rw->json_entry);
			if (rw->status == ROW_PRODUCED && last_cut(rw))
				/* Whole as far as can be told; a cut inside its
				 * last cell cannot be. */
				fprintf(stderr, "%smissionc lot : « %s » ne finit pas par une fin de ligne : sa dernière ligne (ligne %lu) a toutes ses colonnes et sa lettre est produite ; si l’export a pu être coupé en route (copie interrompue), vérifiez sa dernière cellule\n",
				    d->tty ? "\r" : "", d->data, rw->rec.line);
			if (rw->status == ROW_REJECTED && !d->quiet && d->shown < 5) {
				fprintf(stderr, "%s%s:%lu: ligne écartée\n", d->tty ? "\r" : "",
				    d->data, rw->rec.line);
				if (rw->errors != NULL)
					fputs(rw->errors, stderr);
				d->shown++;
			}
		}
		csv_record_free(&rw->rec);
		for (size_t k = 0; k < rw->nmore; k++)
			csv_record_free(&rw->more[k]);
		free(rw->more);
		free(rw->name);
		free(rw->csv_entry);
		free(rw->json_entry);
		free(rw->errors);
		memset(rw, 0, sizeof(*rw));
	}
}

static unsigned long
rows_reported(const batch_report *rp)
{
	unsigned long n = 0;

	for (int s = 0; s <= ROW_FAILED; s++)
		n += rp->counts[s];
	return n;
}

/* Reads ahead up to RING chunks while the workers render, and reports the
 * oldest chunk as soon as it is done. -1 when no thread could start. */
static int
run_pipeline(pipeline *p, worker *workers, int nworkers, reader *rd,
    batch_report *rp, display *d, double t0)
{
	int started = 0, eof = 0;

	for (int i = 0; i < nworkers; i++) {
		if (pthread_create(&workers[i].thread, NULL, work, &workers[i]) != 0)
			break;
		workers[i].started = 1;
		started++;
	}
	while (started > 0) {
		chunk *c;

		if (d->fatal != 0)
			eof = 1;
		if (!eof && p->tail - p->head < RING) {
			c = &p->ring[p->tail % RING];
			fill_chunk(p, rd, c);
			eof = c->nrows < CHUNK;
			if (c->nrows > 0) {
				pthread_mutex_lock(&p->lock);
				p->tail++;
				pthread_cond_broadcast(&p->work_ready);
				pthread_mutex_unlock(&p->lock);
			}
			continue;
		}
		if (p->head == p->tail)
			break;
		c = &p->ring[p->head % RING];
		pthread_mutex_lock(&p->lock);
		while (c->done < c->nrows)
			pthread_cond_wait(&p->chunk_done, &p->lock);
		pthread_mutex_unlock(&p->lock);
		/* Every row of the chunk is done: no worker looks at it again. */
		report_chunk(rp, d, c);
		pthread_mutex_lock(&p->lock);
		p->head++;
		pthread_mutex_unlock(&p->lock);
		c->nrows = c->next = c->done = 0;
		if (d->tty)
			progress(rows_reported(rp), t0, csv_progress(rd->csv), 0);
	}
	pthread_mutex_lock(&p->lock);
	p->closing = 1;
	pthread_cond_broadcast(&p->work_ready);
	pthread_mutex_unlock(&p->lock);
	for (int i = 0; i < nworkers; i++)
		if (workers[i].started)
			pthread_join(workers[i].thread, NULL);
	return started > 0 ? 0 : -1;
}

/* A header of one column with another separator in it: --separateur is
 * not the file's, or the first line is not the header. */
static void
one_column(const csv_record *header, char sep, const char *data)
{
	static const char seps[] = { ';', ',', '\t' };

	if (header->nfields != 1)
		return;
	for (size_t i = 0; i < sizeof(seps); i++)
		if (seps[i] != sep && strchr(header->fields[0], seps[i]) != NULL) {
			fprintf(stderr, "missionc lot : l’en-tête de « %s » n’a qu’une colonne : son séparateur serait « %s » (--separateur %s)\n",
			    data, seps[i] == '\t' ? "tabulation" : seps[i] == ';' ? ";" : ",",
			    seps[i] == '\t' ? "tab" : seps[i] == ';' ? "\";\"" : ",");
			return;
		}
}

/* Does the record name every field of the model, as a header would? */
static int
names_all_fields(const mc_batch *model, csv_record *rec)
{
	for (size_t i = 0; i < rec->nfields; i++)
		mc_batch_trim_column(rec->fields[i]);
	for (size_t i = 0; i < mc_batch_field_count(model); i++)
		if (batch_group_column((const char *const *)rec->fields, rec->nfields,
		    mc_batch_field(model, i)) == (size_t)-1)
			return 0;
	return mc_batch_field_count(model) > 0;
}

/* The first line lacks columns of the model: an export often has a title
 * or a date above its header. Says which of the next lines is the header. */
static void
header_below(csv_file *csv, const mc_batch *model, const char *data)
{
	csv_record rec;

	for (int i = 0; i < 20 && csv_next(csv, &rec) == 1; i++) {
		int found = rec.problem == CSV_OK && names_all_fields(model, &rec);
		unsigned long line = rec.line;

		csv_record_free(&rec);
		if (found) {
			fprintf(stderr, "missionc lot : l’en-tête de « %s » semble être sa ligne %lu : retirez %s qui le précède%s, puis relancez le lot\n",
			    data, line, line > 2 ? "les lignes" : "la ligne", line > 2 ? "nt" : "");
			return;
		}
	}
}

/* Ctrl-C, kill, a terminal closed or Slurm's SIGTERM: the threads never
 * see these signals (blocked before they start); this one waits for them,
 * removes the temporaries in the folder (the reports being written, the
 * letters being named), says what is left, and ends the run by the signal.
 * The letters already named are whole, and in the journal: --reprendre
 * goes on from them. A signal ignored (nohup, a background job of a
 * script) stays so. */
static sigset_t stop_signals;
/* The signal received, out of the watcher's stack: a thread cancelled in
 * sigwait leaves its frame as ASan poisoned it (a local whose address is
 * taken), and ASan's own end of the thread then writes there and reports a
 * stack-buffer-overflow at every run (google/sanitizers#1399; fuzz_cli). */
static int stop_sig;

static void *
on_stop_signal(void *arg)
{
	static const char said[] = "\nmissionc lot : interrompu ; les lettres déjà écrites sont entières et gardées, le rapport n’est pas écrit : relancez le lot avec --reprendre pour le finir\n";
	int sig;
	ssize_t w;

	(void)arg;
	if (sigwait(&stop_signals, &stop_sig) != 0)
		return NULL;
	sig = stop_sig;
	/* The run may be ending (unwatch_stop_signals): the cleanup is not
	 * cut short by it, the process ends here. */
	pthread_setcancelstate(PTHREAD_CANCEL_DISABLE, NULL);
	batch_temps_remove();
	/* Not stdio: the main thread may hold stderr's lock. */
	w = write(2, said, sizeof(said) - 1);
	(void)w;
	signal(sig, SIG_DFL);
	pthread_sigmask(SIG_UNBLOCK, &stop_signals, NULL);
	raise(sig);
	_exit(128 + sig);
}

/* From here on, the signals that stop a run go to on_stop_signal. Returns
 * 1 when a thread watches for them. */
static int
watch_stop_signals(pthread_t *t)
{
	sigemptyset(&stop_signals);
	sigaddset(&stop_signals, SIGINT);
	sigaddset(&stop_signals, SIGTERM);
	sigaddset(&stop_signals, SIGHUP);
	if (pthread_sigmask(SIG_BLOCK, &stop_signals, NULL) == 0 &&
	    pthread_create(t, NULL, on_stop_signal, NULL) == 0)
		return 1;
	pthread_sigmask(SIG_UNBLOCK, &stop_signals, NULL);
	return 0;
}

/* The run is over, its files named or removed: the watcher goes (sigwait is
 * a cancellation point) and is joined, so that nothing of it is left at
 * exit (valgrind), and the signals act as usual again. */
static void
unwatch_stop_signals(pthread_t t)
{
	pthread_cancel(t);
	pthread_join(t, NULL);
	pthread_sigmask(SIG_UNBLOCK, &stop_signals, NULL);
}

/* --recueil, once the final rapport.csv is written. */
static int
make_bundles(const batch_options *o, int status)
{
	unsigned long made = 0, removed = 0;

	errno = 0;
	if (bundle_make(o->dir, &made, &removed) != 0) {
		fprintf(stderr, "missionc lot : impossible d’écrire les recueils dans « %s »%s%s\n",
		    o->dir, errno ? " : " : "", errno ? mc_strerror(errno) : "");
		return EXIT_USAGE;
	}
	if (!o->quiet)
		fprintf(stderr, "missionc lot : %lu %s par établissement%s ; bilan : %s/rapport-par-etablissement.csv\n",
		    made, made > 1 ? "recueils" : "recueil",
		    removed == 0 ? "" : removed > 1 ? ", les anciens recueils d’établissements sans lettre retirés" :
		    ", l’ancien recueil d’un établissement sans lettre retiré", o->dir);
	return status;
}

int
cmd_batch(int argc, char **argv, const cli_options *opt)
{
	batch_options o;
	int status = batch_parse_options(argc, argv, &o), broken = 0, merged = -1;
	int watching = 0;
	pthread_t watcher;
	mc_format f = MC_FORMAT_PDF;
	mc_stdlib *lib = NULL;
	mc_template *t = NULL;
	mc_batch *model = NULL;
	csv_file *csv = NULL;
	csv_record header = { 0 };
	worker *workers = NULL;
	batch_folder folder = { .fd = -1 };
	resume_map resume = { 0 };
	pipeline p = {
		.journal = -1,
		.lock = PTHREAD_MUTEX_INITIALIZER,
		.work_ready = PTHREAD_COND_INITIALIZER,
		.chunk_done = PTHREAD_COND_INITIALIZER,
	};
	reader rd = { 0 };
	display d = { 0 };
	batch_report rp = { 0 };
	char *text = NULL;
	size_t len = 0;
	int64_t epoch = 0;
	double t0 = seconds();

	if (status != EXIT_CLEAN)
		return status;
#ifdef __GLIBC__
	/* Each letter frees all it took; without this, glibc gives the top of
	 * each thread's heap back to the system after every letter and takes
	 * it again for the next: 46 page faults per letter, a third of the
	 * time in the kernel. The peak is the same, a letter's working set. */
	mallopt(M_TRIM_THRESHOLD, 64 * 1024 * 1024);
#endif
	/* Past a file size limit (ulimit -f), a write fails with EFBIG and
	 * the batch stops with the reason, as on a full disk; SIGXFSZ would
	 * kill it without a word. */
	signal(SIGXFSZ, SIG_IGN);
	d.tty = isatty(2) && !o.quiet;
	d.quiet = o.quiet;
	d.data = o.data;
	if (o.format != NULL && !cli_parse_format(o.format, &f))
		return batch_usage_error("format inconnu : pdf, html ou md");
	if (o.bundle && f != MC_FORMAT_PDF)
		return batch_usage_error("--recueil rassemble des lettres PDF : il va avec -f pdf");
	if (o.bundle && bundle_available() != 0)
		return EXIT_USAGE;
	if (!cli_source_date(&epoch))
		return batch_usage_error("SOURCE_DATE_EPOCH doit être un nombre de secondes depuis 1970");
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
	/* What the rows need is loaded (mc_batch_open): the threads only read. */
	mc_stdlib_freeze(lib);
	{
		char sep = o.sep == NULL ? '\0' : strcmp(o.sep, "tab") == 0 ? '\t' : o.sep[0];

		csv = csv_open(o.data, sep, batch_encoding(o.encoding));
	}
	if (csv == NULL) {
		fprintf(stderr, "missionc lot : impossible de lire « %s » : %s\n", o.data,
		    mc_strerror(errno));
		status = EXIT_USAGE;
		goto done;
	}
	if (csv_not_text(csv) != NULL || csv_is_empty(csv)) {
		/* Neither a workbook nor an empty file has a header to read:
		 * say what the file is, not « no readable header ». */
		if (csv_is_empty(csv))
			fprintf(stderr, "missionc lot : « %s » est vide : il n’a pas de ligne d’en-tête (noms des colonnes), ni de ligne de données\n",
			    o.data);
		else
			fprintf(stderr, "missionc lot : « %s » est %s : ouvrez-le dans le tableur et enregistrez-le en CSV UTF-8 (LibreOffice : « Enregistrer sous », Texte CSV, jeu de caractères Unicode (UTF-8) ; Excel : « CSV UTF-8 »)\n",
			    o.data, csv_not_text(csv));
		status = EXIT_USAGE;
		goto done;
	}
	if (csv_transcoded(csv) != NULL)
		/* Its BOM says it: read so whatever --encodage says. */
		fprintf(stderr, "missionc lot : « %s » est en %s (« Texte Unicode » d’Excel), son BOM le dit : il est lu ainsi%s\n",
		    o.data, csv_transcoded(csv), o.encoding != NULL ? " (--encodage n’y change rien)" : "");
	else if (o.encoding == NULL) {
		const char *guess = csv_encoding_guess(csv);

		if (guess != NULL && strcmp(guess, "Mac Roman") == 0) {
			/* Rarer than Windows-1252, and the two read each
			 * other's letters wrong: the author says which. */
			fprintf(stderr, "missionc lot : « %s » n’est pas en UTF-8, et ses accents sont ceux de Mac Roman (« CSV (Macintosh) » d’Excel pour Mac) : lu en Windows-1252, « Léa » y deviendrait « LŽa ». Relancez avec « --encodage mac-roman » (ou « --encodage windows-1252 » s’il est en Windows-1252), ou enregistrez-le en CSV UTF-8\n",
			    o.data);
			status = EXIT_USAGE;
			goto done;
		}
		if (guess != NULL && strcmp(guess, "Windows-1252") == 0) {
			csv_set_encoding(csv, CSV_ENC_CP1252);
			fprintf(stderr, "missionc lot : « %s » n’est pas en UTF-8 : il est lu en Windows-1252 (--encodage utf-8 ou windows-1252 pour choisir)\n",
			    o.data);
		} else if (guess != NULL) {
			fprintf(stderr, "missionc lot : « %s » est en %s : enregistrez-le en CSV UTF-8 (LibreOffice : « Enregistrer sous », jeu de caractères Unicode (UTF-8) ; Excel : « CSV UTF-8 »)\n",
			    o.data, guess);
			status = EXIT_USAGE;
			goto done;
		}
	}
	else if (batch_encoding(o.encoding) == CSV_ENC_CP1252 && csv_encoding_guess(csv) != NULL &&
	    strcmp(csv_encoding_guess(csv), "Mac Roman") == 0)
		/* Told so: read so, but not without a word. */
		fprintf(stderr, "missionc lot : « %s » est lu en Windows-1252 comme demandé, mais ses accents sont ceux de Mac Roman : si « Léa » y devient « LŽa », relancez avec « --encodage mac-roman »\n",
		    o.data);
	if (csv_next(csv, &header) == 1 && header.problem == CSV_UTF8_AS_CP1252) {
		fprintf(stderr, "missionc lot : « %s » est en UTF-8 (son en-tête l’est) : retirez « --encodage windows-1252 »\n",
		    o.data);
		status = EXIT_USAGE;
		goto done;
	}
	if (header.nfields == 0 || header.problem != CSV_OK) {
		/* Why, where it can be said: the header is one line to fix. */
		const char *why = header.problem == CSV_BAD_QUOTING ? " : guillemet non fermé ou mal placé" :
		    header.problem == CSV_NUL ? " : un octet nul (0x00)" :
		    header.problem == CSV_TOO_LONG ? " : un nom de colonne de plus de 50 000 caractères" : "";

		if (header.problem == CSV_BAD_UTF8 && header.column < header.nfields)
			fprintf(stderr, "missionc lot : « %s », ligne %lu : l’en-tête (noms des colonnes) a un octet 0x%02X invalide en UTF-8 dans sa colonne %zu (--encodage windows-1252 si le fichier est en Windows-1252)\n",
			    o.data, header.line, header.byte, header.column + 1);
		else if (header.problem == CSV_UNDEFINED_CP1252 && header.column < header.nfields)
			fprintf(stderr, "missionc lot : « %s », ligne %lu : l’en-tête (noms des colonnes) a un octet 0x%02X, qui n’est aucun caractère en Windows-1252, dans sa colonne %zu : le fichier est dans un autre encodage (Mac Roman : « --encodage mac-roman ») ; enregistrez-le en CSV UTF-8\n",
			    o.data, header.line, header.byte, header.column + 1);
		else if (header.problem == CSV_CONTROL && header.column < header.nfields)
			fprintf(stderr, "missionc lot : « %s », ligne %lu : l’en-tête (noms des colonnes) a un caractère de contrôle U+%04X, invisible dans le tableur, dans sa colonne %zu : retapez ce nom\n",
			    o.data, header.line, header.byte, header.column + 1);
		else if (header.line > 0)
			fprintf(stderr, "missionc lot : « %s », ligne %lu : pas de ligne d’en-tête lisible (noms des colonnes)%s\n",
			    o.data, header.line, why);
		else
			fprintf(stderr, "missionc lot : « %s » n’a pas de ligne d’en-tête lisible (noms des colonnes)\n",
			    o.data);
		status = EXIT_USAGE;
		goto done;
	}
	/* Column names match fields exactly once trimmed (docs/lot.md); empty
	 * names at the end (a separator ending the header) are no columns. */
	for (size_t i = 0; i < header.nfields; i++)
		mc_batch_trim_column(header.fields[i]);
	while (header.nfields > 1 && header.fields[header.nfields - 1][0] == '\0')
		free(header.fields[--header.nfields]);
	mc_batch_bind(model, (const char *const *)header.fields, header.nfields);
	for (size_t i = 0; i < mc_batch_diag_count(model); i++) {
		diag_print_text(stderr, mc_batch_diag(model, i));
		broken |= mc_batch_diag(model, i)->severity == MC_ERROR;
	}
	if (broken) {
		one_column(&header, csv_separator(csv), o.data);
		header_below(csv, model, o.data);
		fprintf(stderr, "missionc lot : le modèle « %s » ne peut pas servir : aucune lettre produite\n",
		    o.model);
		status = EXIT_USAGE;
		goto done;
	}
	{
		size_t n = 0;
		const char *unknown = batch_pattern_unknown(o.pattern,
		    (const char *const *)header.fields, header.nfields, &n);

		if (unknown != NULL) {
			char name[256];
			size_t near;

			snprintf(name, sizeof(name), "%.*s", (int)(n < 255 ? n : 255), unknown);
			near = batch_group_column((const char *const *)header.fields, header.nfields, name);
			fprintf(stderr, "missionc lot : --nom « %s » : le fichier de données n’a pas de colonne « %s »",
			    o.pattern, name);
			if (near != (size_t)-1)
				fprintf(stderr, " ; vouliez-vous dire « {%s} » ?", header.fields[near]);
			fprintf(stderr, " (les noms de fichiers prennent {n}, {ligne} ou {colonne} : le nom d’une colonne de l’en-tête) ; aucune lettre produite\n");
			status = EXIT_USAGE;
			goto done;
		}
		/* Two columns of that name, which the model may not use. */
		if ((unknown = batch_pattern_ambiguous(o.pattern, (const char *const *)header.fields,
		    header.nfields, &n)) != NULL) {
			fprintf(stderr, "missionc lot : --nom « %s » : plusieurs colonnes de l’en-tête s’appellent « %.*s » (majuscules comprises ou non) : renommez-les pour que le nom des fichiers dise laquelle ; aucune lettre produite\n",
			    o.pattern, (int)(n < 255 ? n : 255), unknown);
			status = EXIT_USAGE;
			goto done;
		}
	}
	if (o.group != NULL) {
		/* The first of two columns of that name would be a guess. */
		size_t twice = (size_t)-1, g = batch_group_column((const char *const *)header.fields,
		    header.nfields, o.group);

		for (size_t c = g + 1; g != (size_t)-1 && c < header.nfields && twice == (size_t)-1; c++)
			if (strcmp(header.fields[c], header.fields[g]) == 0)
				twice = c;
		if (twice != (size_t)-1) {
			fprintf(stderr, "missionc lot : --par « %s » : le fichier de données a deux colonnes « %s » (colonnes %zu et %zu) : renommez l’une d’elles dans l’en-tête\n",
			    o.group, header.fields[g], g + 1, twice + 1);
			status = EXIT_USAGE;
			goto done;
		}
	}
	if (batch_make_dirs(o.dir) != 0) {
		if (errno == ENOTDIR && access(o.dir, F_OK) == 0)
			fprintf(stderr, "missionc lot : « %s » est un fichier : donnez à -o un dossier, existant ou à créer\n",
			    o.dir);
		else
			fprintf(stderr, "missionc lot : impossible de créer « %s » : %s\n", o.dir,
			    mc_strerror(errno));
		status = EXIT_USAGE;
		goto done;
	}
	{
		char identity[PATH_MAX * 2 + 512];
		const char *theirs = folder_foreign_report(o.dir);

		if (theirs != NULL) {
			fprintf(stderr, "missionc lot : « %s/%s » n’a pas été écrit par un lot, et ce lot l’écrirait : déplacez-le ou donnez un autre dossier (-o) ; rien n’est produit\n",
			    o.dir, theirs);
			status = EXIT_USAGE;
			goto done;
		}

		batch_identity(&o, f, identity, sizeof(identity));
		if (folder_open(&folder, o.dir, identity) != 0) {
			if (errno == EBUSY)
				folder_refused(&folder, o.dir);
			else
				fprintf(stderr, "missionc lot : impossible de prendre le dossier « %s » : %s\n",
				    o.dir, mc_strerror(errno));
			status = EXIT_USAGE;
			goto done;
		}
	}
	watching = watch_stop_signals(&watcher);
	{
		char suffix[64] = "";

		if (o.shard != NULL)
			snprintf(suffix, sizeof(suffix), "-%lu-sur-%lu", o.shard_k, o.shard_n);
		/* The journals say which files of the folder are the batch's:
		 * a letter replaces no other (nor, with --reprendre, is skipped). */
		if (report_open(&rp, o.dir, suffix) != 0 ||
		    (p.journal = journal_open(o.dir, suffix)) < 0 ||
		    resume_load(&resume, o.dir) != 0) {
			fprintf(stderr, "missionc lot : impossible d’écrire le rapport dans « %s » : %s\n",
			    o.dir, mc_strerror(errno));
			status = EXIT_USAGE;
			goto done;
		}
	}
	workers = calloc((size_t)o.jobs, sizeof(*workers));
	p.ring = calloc(RING, sizeof(*p.ring));
	if (workers == NULL || p.ring == NULL) {
		fprintf(stderr, "missionc lot : mémoire insuffisante\n");
		status = EXIT_USAGE;
		goto done;
	}
	p.group = mc_batch_group_column(model);
	if (o.group != NULL && (p.group = batch_group_column((const char *const *)header.fields,
	    header.nfields, o.group)) == (size_t)-1) {
		fprintf(stderr, "missionc lot : --par « %s » : le fichier de données n’a pas cette colonne\n",
		    o.group);
		status = EXIT_USAGE;
		goto done;
	}
	p.model = model;
	p.dir = o.dir;
	p.digest = digest_start(text, len, mc_format_extension(f), template_id(opt));
	p.resume = o.resume ? &resume : NULL;
	p.known = &resume;
	batch_who_columns((const char *const *)header.fields, header.nfields, p.who);
	p.columns = (const char *const *)header.fields;
	p.ncolumns = header.nfields;
	p.show_errors = !o.quiet;
	for (int i = 0; i < o.jobs; i++) {
		const char *why = NULL;

		workers[i].p = &p;
		mc_buffer_init(&workers[i].out);
		mc_buffer_init(&workers[i].csv);
		mc_buffer_init(&workers[i].json);
		mc_buffer_init(&workers[i].person);
		workers[i].r = mc_renderer_new(f, t, &why);
		if (workers[i].r == NULL) {
			fprintf(stderr, "missionc lot : %s\n", why ? why : "mémoire insuffisante");
			status = EXIT_USAGE;
			goto done;
		}
		mc_renderer_set_date(workers[i].r, epoch);
	}
	rd.csv = csv;
	rd.ncolumns = header.nfields;
	name_set_init(&rd.names, o.pattern);
	rd.o = &o;
	rd.ext = mc_format_extension(f);
	if (run_pipeline(&p, workers, o.jobs, &rd, &rp, &d, t0) != 0) {
		fprintf(stderr, "missionc lot : impossible de lancer les fils de rendu\n");
		status = EXIT_USAGE;
		goto done;
	}
	if (d.fatal != 0) {
		fprintf(stderr, "%smissionc lot : écriture impossible dans « %s » : %s ; lot arrêté (relancez-le avec --reprendre une fois la cause levée)\n",
		    d.tty ? "\n" : "", o.dir, mc_strerror(d.fatal));
		status = EXIT_USAGE;
		goto done;
	}
	if (rd.error != 0) {
		fprintf(stderr, "%smissionc lot : lecture de « %s » impossible : %s\n",
		    d.tty ? "\n" : "", o.data, mc_strerror(rd.error));
		status = EXIT_USAGE;
		goto done;
	}
	/* An export of its header alone (an extraction that went wrong, the
	 * wrong sheet saved): no row, no letter, and a run that says nothing
	 * but « 0 lettre produite » would pass in a script unseen. A shard may
	 * be empty: its rows went to the others. */
	if (rows_reported(&rp) == 0 && o.shard == NULL) {
		fprintf(stderr, "%smissionc lot : « %s » n’a aucune ligne de données sous son en-tête : aucune lettre à produire (l’export est-il le bon ?)\n",
		    d.tty ? "\n" : "", o.data);
		status = EXIT_USAGE;
		goto done;
	}
	if (d.tty)
		progress(rows_reported(&rp), t0, 1, 1);
	{
		unsigned long made = rp.counts[ROW_PRODUCED], skipped = rp.counts[ROW_SKIPPED];
		unsigned long bad = rows_reported(&rp) - made - skipped;
		char took[48] = "", n1[32], n2[32], n3[32];

		if (bad > 0)
			status = EXIT_RULES;
		/* The time only for a person watching: reports stay reproducible. */
		if (d.tty) {
			char secs[32];

			snprintf(took, sizeof(took), ", en %s",
			    decimal_seconds(secs, sizeof(secs), seconds() - t0));
		}
		fprintf(stderr, "missionc lot : %s %s, %s %s, %s déjà %s%s ; rapport : %s\n",
		    thousands(n1, sizeof(n1), made), made > 1 ? "lettres produites" : "lettre produite",
		    thousands(n2, sizeof(n2), bad), bad > 1 ? "lignes écartées" : "ligne écartée",
		    thousands(n3, sizeof(n3), skipped), skipped > 1 ? "produites" : "produite",
		    took, rp.csv_path);
	}
done:
	if (rp.csv_path != NULL && report_close(&rp, status != EXIT_USAGE) != 0 &&
	    status != EXIT_USAGE) {
		fprintf(stderr, "missionc lot : impossible d’écrire le rapport dans « %s »\n", o.dir);
		status = EXIT_USAGE;
	}
	/* The last shard to finish merges the reports of all (0: merged; 1: a
	 * shard's report is missing). */
	if (status != EXIT_USAGE && o.shard != NULL && folder_last(&folder) &&
	    (merged = report_merge(o.dir, o.shard_n)) < 0) {
		fprintf(stderr, "missionc lot : impossible de réunir les rapports des tranches dans « %s » : %s\n",
		    o.dir, mc_strerror(errno));
		status = EXIT_USAGE;
	}
	/* The bundles by the run that wrote the final rapport.csv, once. */
	if (status != EXIT_USAGE && o.bundle && (o.shard == NULL || merged == 0))
		status = make_bundles(&o, status);
	if (watching)
		unwatch_stop_signals(watcher);
	batch_temps_release();
	if (p.journal >= 0)
		close(p.journal);
	folder_close(&folder);
	resume_free(&resume);
	if (workers != NULL)
		for (int i = 0; i < o.jobs; i++) {
			mc_renderer_free(workers[i].r);
			mc_buffer_free(&workers[i].out);
			mc_buffer_free(&workers[i].csv);
			mc_buffer_free(&workers[i].json);
			mc_buffer_free(&workers[i].person);
		}
	free(workers);
	free(p.ring);
	pthread_mutex_destroy(&p.lock);
	pthread_cond_destroy(&p.work_ready);
	pthread_cond_destroy(&p.chunk_done);
	name_set_free(&rd.names);
	name_set_free(&rd.keys);
	while (rd.nahead > 0)
		csv_record_free(&rd.ahead[--rd.nahead]);
	free(rd.ahead);
	csv_record_free(&header);
	csv_close(csv);
	mc_batch_close(model);
	free(text);
	mc_template_close(t);
	mc_stdlib_close(lib);
	return status;
}
