/* batch_bundle_log.c — which recueils a batch wrote, so that a later run of
 * the batch removes the recueil of an établissement that has no letter any
 * more, and never a file it did not write.
 *
 * « .missionc-recueils » in the folder lists the recueils the last run of the
 * batch wrote, each with its size and digest. A later run that does not write
 * a listed recueil again removes it only when the file still holds those
 * bytes; a file changed since, or put there by someone else under that name,
 * is left with a warning. A « recueil-….pdf » the log does not list is not
 * the batch's: left, with a warning too, since rapport-par-etablissement.csv
 * does not count it. The folder's lock (batch_folder.c) makes the log this
 * batch's alone, and only the run that makes the recueils writes it. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "batch.h"

#define BUNDLE_LOG ".missionc-recueils"
#define BUNDLE_PREFIX "recueil-"
#define BUNDLE_SUFFIX ".pdf"

typedef struct bundle_record {
	char *name;
	unsigned long long size;
	uint64_t digest;
} bundle_record;

typedef struct records {
	bundle_record *items;
	size_t n, cap;
} records;

struct bundle_log {
	records before;          /* the previous run's, from the log */
	records now;             /* this run's */
};

/* « recueil-….pdf », in the folder itself: the only names the log may hold
 * (a log edited by hand cannot make a run remove anything else). */
static int
is_bundle_name(const char *name)
{
	size_t n = strlen(name), p = strlen(BUNDLE_PREFIX), s = strlen(BUNDLE_SUFFIX);

	return n > p + s && strncmp(name, BUNDLE_PREFIX, p) == 0 &&
	    strcmp(name + n - s, BUNDLE_SUFFIX) == 0 && strchr(name, '/') == NULL;
}

static int
add_record(records *r, const char *name, unsigned long long size, uint64_t digest)
{
	bundle_record *items = batch_grow(r->items, &r->cap, r->n, sizeof(*items));

	if (items == NULL)
		return -1;
	r->items = items;
	if ((r->items[r->n].name = strdup(name)) == NULL)
		return -1;
	r->items[r->n].size = size;
	r->items[r->n].digest = digest;
	r->n++;
	return 0;
}

static const bundle_record *
find(const records *r, const char *name)
{
	for (size_t i = 0; i < r->n; i++)
		if (strcmp(r->items[i].name, name) == 0)
			return &r->items[i];
	return NULL;
}

/* The size and digest of dir/name, a regular file (not a link): 0, or -1
 * with errno. */
static int
file_digest(const char *dir, const char *name, unsigned long long *size, uint64_t *digest)
{
	char path[PATH_MAX], buf[1 << 16];
	struct stat st;
	uint64_t h = DIGEST_INIT;
	unsigned long long got = 0;
	ssize_t r;
	int fd, saved;

	if ((size_t)snprintf(path, sizeof(path), "%s/%s", dir, name) >= sizeof(path)) {
		errno = ENAMETOOLONG;
		return -1;
	}
	if ((fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)) < 0)
		return -1;
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		close(fd);
		errno = EINVAL;
		return -1;
	}
	while ((r = read(fd, buf, sizeof(buf))) != 0) {
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			saved = errno;
			close(fd);
			errno = saved;
			return -1;
		}
		h = digest_bytes(h, buf, (size_t)r);
		got += (unsigned long long)r;
	}
	close(fd);
	*size = got;
	*digest = h;
	return 0;
}

bundle_log *
bundle_log_open(const char *dir)
{
	bundle_log *l = calloc(1, sizeof(*l));
	char path[PATH_MAX];
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;
	FILE *f;

	if (l == NULL)
		return NULL;
	if ((size_t)snprintf(path, sizeof(path), "%s/" BUNDLE_LOG, dir) >= sizeof(path) ||
	    (f = fopen(path, "r")) == NULL)
		return l;       /* no log: no recueil is known to be the batch's */
	while ((n = getline(&line, &cap, f)) > 0) {
		unsigned long long size, digest;
		int at = 0;

		if (line[n - 1] != '\n')
			break;
		line[n - 1] = '\0';
		if (line[0] == '#' || sscanf(line, "%llu %16llx %n", &size, &digest, &at) != 2 ||
		    at == 0 || !is_bundle_name(line + at))
			continue;
		if (add_record(&l->before, line + at, size, (uint64_t)digest) != 0) {
			bundle_log_free(l);
			l = NULL;
			break;
		}
	}
	free(line);
	fclose(f);
	return l;
}

int
bundle_log_add(bundle_log *l, const char *dir, const char *name)
{
	unsigned long long size;
	uint64_t digest;

	if (file_digest(dir, name, &size, &digest) != 0)
		return -1;
	return add_record(&l->now, name, size, digest);
}

/* A recueil of the previous run that this run did not write again: removed
 * when it is still what missionc wrote; 1 when removed. */
static int
remove_stale(const char *dir, const bundle_record *rec)
{
	char path[PATH_MAX];
	unsigned long long size;
	uint64_t digest;

	if (file_digest(dir, rec->name, &size, &digest) != 0) {
		if (errno != ENOENT)
			fprintf(stderr, "missionc lot : attention : « %s » n’est plus le recueil d’aucun établissement du lot, mais ce n’est plus un fichier que missionc a écrit : laissé tel quel\n",
			    rec->name);
		return 0;
	}
	if (size != rec->size || digest != rec->digest) {
		fprintf(stderr, "missionc lot : attention : « %s » n’est plus le recueil d’aucun établissement du lot, mais il a changé depuis que missionc l’a écrit : laissé tel quel (retirez-le vous-même s’il n’a plus lieu d’être)\n",
		    rec->name);
		return 0;
	}
	snprintf(path, sizeof(path), "%s/%s", dir, rec->name);
	if (unlink(path) != 0) {
		fprintf(stderr, "missionc lot : attention : ancien recueil « %s » impossible à retirer : %s\n",
		    rec->name, mc_strerror(errno));
		return 0;
	}
	return 1;
}

/* The « recueil-….pdf » of the folder that neither this run nor the
 * previous one wrote: named, not touched. */
static void
warn_foreign(const bundle_log *l, const char *dir, int (*current)(const void *, const char *),
    const void *ctx)
{
	DIR *d = opendir(dir);
	struct dirent *e;

	if (d == NULL)
		return;
	while ((e = readdir(d)) != NULL)
		if (is_bundle_name(e->d_name) && find(&l->now, e->d_name) == NULL &&
		    find(&l->before, e->d_name) == NULL && !current(ctx, e->d_name))
			fprintf(stderr, "missionc lot : attention : « %s » n’a pas été écrit par ce lot : laissé tel quel ; rapport-par-etablissement.csv ne le compte pas\n",
			    e->d_name);
	closedir(d);
}

int
bundle_log_close(bundle_log *l, const char *dir, int done,
    int (*current)(const void *, const char *), const void *ctx, unsigned long *removed)
{
	char *text = NULL;
	size_t len = 0;
	FILE *f;
	int status;

	*removed = 0;
	f = open_memstream(&text, &len);
	if (f == NULL)
		return -1;
	fputs("# missionc lot --recueil : les recueils que le dernier lancement de ce lot a écrits"
	    " (taille, empreinte, nom) ; un lancement suivant ne retire que ceux-là, inchangés.\n", f);
	for (size_t i = 0; i < l->now.n; i++)
		fprintf(f, "%llu %016llx %s\n", l->now.items[i].size,
		    (unsigned long long)l->now.items[i].digest, l->now.items[i].name);
	for (size_t i = 0; i < l->before.n; i++) {
		const bundle_record *rec = &l->before.items[i];

		if (find(&l->now, rec->name) != NULL || current(ctx, rec->name))
			continue;
		/* Recueils not made this time (a run that failed) stay the
		 * batch's: a later run may still remove them. */
		if (!done)
			fprintf(f, "%llu %016llx %s\n", rec->size,
			    (unsigned long long)rec->digest, rec->name);
		else
			*removed += (unsigned long)remove_stale(dir, rec);
	}
	if (done)
		warn_foreign(l, dir, current, ctx);
	if (fclose(f) != 0) {
		free(text);
		return -1;
	}
	status = batch_write(dir, BUNDLE_LOG, text, len);
	free(text);
	return status;
}

void
bundle_log_free(bundle_log *l)
{
	if (l == NULL)
		return;
	for (size_t i = 0; i < l->before.n; i++)
		free(l->before.items[i].name);
	for (size_t i = 0; i < l->now.n; i++)
		free(l->now.items[i].name);
	free(l->before.items);
	free(l->now.items);
	free(l);
}
