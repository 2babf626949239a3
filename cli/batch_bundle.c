/* batch_bundle.c — `missionc lot --recueil`: once the final rapport.csv is
 * written, the letters of each établissement (the report's « uai » cell) as
 * one PDF to print, « recueil-UAI.pdf », and rapport-par-etablissement.csv,
 * one line per établissement.
 *
 * The bundles are built from the report, not from the rows: an unsharded run
 * and the shard that merges the reports build the same bundles, once. Only
 * the files the report names as made by the batch are read. Each letter
 * starts on an odd page (a blank page after a letter of an odd page count,
 * for recto-verso printing) and keeps its own « Page n sur m », since its
 * pages are copied as they are. libqpdf does the copying (its C API, loaded
 * then: qpdf_lib.c): the bundle is a print artefact, not PDF/A (no
 * OutputIntent, no XMP). */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "batch.h"
#include "qpdf_lib.h"

/* One row of rapport.csv: its cells point into the line, unquoted. */
typedef struct report_row {
	char *status, *uai, *file;
} report_row;

typedef struct letter {
	char *file;
} letter;

typedef struct school {
	char *uai;                /* "" for the rows without one */
	char *bundle;             /* its file name, NULL when it has no letter */
	letter *letters;
	size_t n, cap;
	unsigned long rejected;   /* rows with no letter: écartée, erreur… */
	unsigned long pages;      /* in its bundle, blanks included */
} school;

typedef struct schools {
	school *items;
	size_t n, cap;
} schools;

/* Splits a line of rapport.csv in place: « ; » between cells, a cell in
 * double quotes with "" for a quote (report_entry writes no line end in a
 * cell). The number of cells. */
static size_t
split_cells(char *line, char **cells, size_t max)
{
	size_t n = 0;
	char *p = line;

	while (n < max) {
		char *out = p;

		cells[n++] = p;
		if (*p == '"') {
			for (p++; *p != '\0'; p++) {
				if (*p == '"' && p[1] == '"')
					*out++ = *p++;
				else if (*p == '"')
					break;
				else
					*out++ = *p;
			}
			if (*p == '"')
				p++;
		}
		while (*p != '\0' && *p != ';')
			*out++ = *p++;
		if (*p == '\0') {
			*out = '\0';
			break;
		}
		p++;
		*out = '\0';
	}
	return n;
}

static school *
school_of(schools *s, const char *uai)
{
	school *items;

	for (size_t i = s->n; i-- > 0;)    /* the last one first: rows come by établissement */
		if (strcmp(s->items[i].uai, uai) == 0)
			return &s->items[i];
	if ((items = batch_grow(s->items, &s->cap, s->n, sizeof(*items))) == NULL)
		return NULL;
	s->items = items;
	memset(&s->items[s->n], 0, sizeof(*s->items));
	if ((s->items[s->n].uai = strdup(uai)) == NULL)
		return NULL;
	return &s->items[s->n++];
}

static int
add_letter(school *sc, const char *file)
{
	letter *items = batch_grow(sc->letters, &sc->cap, sc->n, sizeof(*items));

	if (items == NULL)
		return -1;
	sc->letters = items;
	if ((sc->letters[sc->n].file = strdup(file)) == NULL)
		return -1;
	sc->n++;
	return 0;
}

static void
schools_free(schools *s)
{
	for (size_t i = 0; i < s->n; i++) {
		for (size_t k = 0; k < s->items[i].n; k++)
			free(s->items[i].letters[k].file);
		free(s->items[i].letters);
		free(s->items[i].uai);
		free(s->items[i].bundle);
	}
	free(s->items);
}

/* A letter's name as the batch gives them: in the folder itself. */
static int
is_batch_name(const char *name)
{
	return name[0] != '\0' && name[0] != '.' && strchr(name, '/') == NULL;
}

/* The établissements of rapport.csv, in the order they first come, each with
 * its letters in report order. */
static int
read_schools(const char *dir, schools *s)
{
	char path[PATH_MAX];
	FILE *f;
	char *line = NULL;
	size_t cap = 0;
	ssize_t len;
	int first = 1, status = 0;

	snprintf(path, sizeof(path), "%s/rapport.csv", dir);
	if ((f = fopen(path, "r")) == NULL)
		return -1;
	while (status == 0 && (len = getline(&line, &cap, f)) > 0) {
		char *cells[6];
		school *sc;

		while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
			line[--len] = '\0';
		if (first) {
			first = 0;
			continue;
		}
		if (split_cells(line, cells, 6) < 5)
			continue;
		/* « 0130012t » and « 0130012T » are one établissement (and one
		 * file name on a Windows or macOS share). */
		for (char *p = cells[3]; *p != '\0'; p++)
			if (*p >= 'a' && *p <= 'z')
				*p = (char)(*p - 'a' + 'A');
		if ((sc = school_of(s, cells[3])) == NULL) {
			status = -1;
			break;
		}
		if ((strcmp(cells[1], "produite") == 0 || strcmp(cells[1], "deja_produite") == 0) &&
		    is_batch_name(cells[4]))
			status = add_letter(sc, cells[4]);
		else
			sc->rejected++;
	}
	if (ferror(f))
		status = -1;
	free(line);
	fclose(f);
	return status;
}

/* « recueil-0750001A.pdf », « recueil-sans-UAI.pdf »: the UAI's letters and
 * digits, other bytes made « _ »; « -2 »… when the name is a letter's or
 * another bundle's. */
static char *
bundle_name(const schools *s, const school *sc)
{
	char base[96], name[128];

	if (sc->uai[0] == '\0') {
		snprintf(base, sizeof(base), "recueil-sans-UAI");
	} else {
		size_t n = 0;

		n = (size_t)snprintf(base, sizeof(base), "recueil-");
		for (const char *p = sc->uai; *p != '\0' && n < 72; p++)
			base[n++] = (*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') ||
			    (*p >= '0' && *p <= '9') || *p == '-' ? *p : '_';
		base[n] = '\0';
	}
	for (unsigned k = 1; ; k++) {
		int taken = 0;

		if (k == 1)
			snprintf(name, sizeof(name), "%s.pdf", base);
		else
			snprintf(name, sizeof(name), "%s-%u.pdf", base, k);
		for (size_t i = 0; i < s->n && !taken; i++) {
			taken = s->items[i].bundle != NULL && strcmp(s->items[i].bundle, name) == 0;
			for (size_t j = 0; j < s->items[i].n && !taken; j++)
				taken = strcmp(s->items[i].letters[j].file, name) == 0;
		}
		if (!taken)
			return strdup(name);
	}
}

/* A letter of the folder, read whole: a regular file, not a link. */
static char *
read_letter(const char *dir, const char *name, size_t *len)
{
	char path[PATH_MAX];
	struct stat st;
	char *data = NULL;
	int fd;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	if ((fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)) < 0)
		return NULL;
	if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0 &&
	    (data = malloc((size_t)st.st_size)) != NULL) {
		size_t got = 0;

		while (got < (size_t)st.st_size) {
			ssize_t r = read(fd, data + got, (size_t)st.st_size - got);

			if (r <= 0)
				break;
			got += (size_t)r;
		}
		if (got < (size_t)st.st_size) {
			free(data);
			data = NULL;
		}
		*len = got;
	}
	close(fd);
	return data;
}

/* A blank page the size of the bundle's last page (A4 when it has none of
 * its own). */
static int
add_blank(const qpdf_lib *q, qpdf_data out)
{
	int n = q->get_num_pages(out);
	qpdf_oh last, box, page;

	if (n <= 0)
		return -1;
	last = q->get_page_n(out, (size_t)n - 1);
	box = q->oh_get_key(out, last, "/MediaBox");
	if (!q->oh_is_array(out, box)) {
		static const double a4[4] = { 0, 0, 595.276, 841.89 };

		box = q->oh_new_array(out);
		for (int i = 0; i < 4; i++)
			q->oh_append_item(out, box, q->oh_new_real_from_double(out, a4[i], 3));
	}
	page = q->oh_new_dictionary(out);
	q->oh_replace_key(out, page, "/Type", q->oh_new_name(out, "/Page"));
	q->oh_replace_key(out, page, "/MediaBox", box);
	q->oh_replace_key(out, page, "/Resources", q->oh_new_dictionary(out));
	page = q->make_indirect_object(out, page);
	return q->add_page(out, out, page, QPDF_FALSE) & QPDF_ERRORS ? -1 : 0;
}

/* The bundle of one établissement, written whole or not at all. */
static int
write_bundle(const qpdf_lib *q, const char *dir, school *sc, const char **bad)
{
	qpdf_data out = q->init(), *in = calloc(sc->n ? sc->n : 1, sizeof(*in));
	char **data = calloc(sc->n ? sc->n : 1, sizeof(*data));
	int status = -1;

	*bad = NULL;
	if (in == NULL || data == NULL)
		goto done;
	q->silence_errors(out);
	q->set_suppress_warnings(out, QPDF_TRUE);
	if (q->empty_pdf(out) & QPDF_ERRORS)
		goto done;
	for (size_t i = 0; i < sc->n; i++) {
		size_t len = 0;
		int pages;

		*bad = sc->letters[i].file;
		if ((data[i] = read_letter(dir, sc->letters[i].file, &len)) == NULL)
			goto done;
		in[i] = q->init();
		q->silence_errors(in[i]);
		q->set_suppress_warnings(in[i], QPDF_TRUE);
		if (q->read_memory(in[i], sc->letters[i].file, data[i], len, NULL) & QPDF_ERRORS ||
		    (pages = q->get_num_pages(in[i])) <= 0) {
			errno = EINVAL;
			goto done;
		}
		for (int k = 0; k < pages; k++)
			if (q->add_page(out, in[i], q->get_page_n(in[i], (size_t)k),
			    QPDF_FALSE) & QPDF_ERRORS) {
				errno = EINVAL;
				goto done;
			}
		sc->pages += (unsigned long)pages;
		if (pages % 2 == 1) {
			if (add_blank(q, out) != 0) {
				errno = EINVAL;
				goto done;
			}
			sc->pages++;
		}
	}
	*bad = NULL;
	if (q->init_write_memory(out) & QPDF_ERRORS) {
		errno = EIO;
		goto done;
	}
	/* The same letters give the same bytes: an /ID from the content, not
	 * a random one (a writer's setting: after init_write). */
	q->set_deterministic_ID(out, QPDF_TRUE);
	if (q->write(out) & QPDF_ERRORS) {
		errno = EIO;
		goto done;
	}
	status = batch_write(dir, sc->bundle, (const char *)q->get_buffer(out),
	    q->get_buffer_length(out));
done:
	for (size_t i = 0; in != NULL && i < sc->n; i++)
		if (in[i] != NULL)
			q->cleanup(&in[i]);
	for (size_t i = 0; data != NULL && i < sc->n; i++)
		free(data[i]);
	free(in);
	free(data);
	q->cleanup(&out);
	return status;
}

static void
csv_cell(FILE *f, const char *s)
{
	fputc('"', f);
	for (; *s != '\0'; s++) {
		if (*s == '"')
			fputc('"', f);
		fputc(*s, f);
	}
	fputc('"', f);
}

/* rapport-par-etablissement.csv: for a secretary, what each établissement
 * gets, and which rows are still to fix (in rapport.csv). */
static int
write_summary(const char *dir, const schools *s)
{
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);
	int status;

	if (f == NULL)
		return -1;
	fputs("\xef\xbb\xbfuai;lettres;pages;lignes_ecartees;recueil\n", f);
	for (size_t i = 0; i < s->n; i++) {
		const school *sc = &s->items[i];

		csv_cell(f, sc->uai[0] != '\0' ? sc->uai : "sans UAI");
		fprintf(f, ";%zu;%lu;%lu;", sc->n, sc->pages, sc->rejected);
		csv_cell(f, sc->bundle != NULL ? sc->bundle : "");
		fputc('\n', f);
	}
	if (fclose(f) != 0) {
		free(text);
		return -1;
	}
	status = batch_write(dir, "rapport-par-etablissement.csv", text, len);
	free(text);
	return status;
}

static int
by_uai(const void *a, const void *b)
{
	const school *x = a, *y = b;

	/* The rows without UAI last. */
	if ((x->uai[0] == '\0') != (y->uai[0] == '\0'))
		return x->uai[0] == '\0' ? 1 : -1;
	return strcmp(x->uai, y->uai);
}

/* libqpdf, or a message saying why not. */
static int
open_qpdf(qpdf_lib *q)
{
	char why[512];

	if (qpdf_lib_open(q, why, sizeof(why)) == 0)
		return 0;
	fprintf(stderr, "missionc lot : --recueil impossible : %s\n", why);
	return -1;
}

int
bundle_available(void)
{
	qpdf_lib q;

	if (open_qpdf(&q) != 0)
		return -1;
	qpdf_lib_close(&q);
	return 0;
}

/* A file this run's report names (a letter or a recueil): not a stale recueil. */
static int
named_by_report(const void *ctx, const char *name)
{
	const schools *s = ctx;

	for (size_t i = 0; i < s->n; i++) {
		if (s->items[i].bundle != NULL && strcmp(s->items[i].bundle, name) == 0)
			return 1;
		for (size_t k = 0; k < s->items[i].n; k++)
			if (strcmp(s->items[i].letters[k].file, name) == 0)
				return 1;
	}
	return 0;
}

int
bundle_make(const char *dir, unsigned long *made, unsigned long *removed)
{
	schools s = { 0 };
	qpdf_lib q;
	bundle_log *log;
	int status;

	*made = 0;
	*removed = 0;
	/* Before anything is read or written: no bundle is half made. */
	if (open_qpdf(&q) != 0)
		return -1;
	if ((log = bundle_log_open(dir)) == NULL) {
		qpdf_lib_close(&q);
		return -1;
	}
	if ((status = read_schools(dir, &s)) == 0 && s.n > 0)
		qsort(s.items, s.n, sizeof(*s.items), by_uai);
	for (size_t i = 0; i < s.n && status == 0; i++) {
		const char *bad = NULL;

		if (s.items[i].n == 0)
			continue;
		if ((s.items[i].bundle = bundle_name(&s, &s.items[i])) == NULL) {
			status = -1;
			break;
		}
		if (write_bundle(&q, dir, &s.items[i], &bad) != 0) {
			int saved = errno;

			fprintf(stderr, "missionc lot : recueil « %s » impossible%s%s%s : %s\n",
			    s.items[i].bundle, bad ? " (lettre « " : "", bad ? bad : "",
			    bad ? " »)" : "", saved == EINVAL ? "PDF illisible" : mc_strerror(saved));
			status = -1;
			break;
		}
		(*made)++;
		if (bundle_log_add(log, dir, s.items[i].bundle) != 0)
			status = -1;
	}
	if (status == 0)
		status = write_summary(dir, &s);
	/* Only once every recueil is written: then an older one is stale. */
	if (bundle_log_close(log, dir, status == 0, named_by_report, &s, removed) != 0)
		status = -1;
	bundle_log_free(log);
	schools_free(&s);
	qpdf_lib_close(&q);
	return status;
}
