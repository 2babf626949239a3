/* batch_resume.c — what --reprendre trusts: not a file's name, but what made
 * it. Each letter written is recorded in the folder's journal with a digest
 * of its inputs (the row's cells, the model, the format and template); a
 * resumed run skips a row only when its letter is there and was made from
 * the same inputs, and redoes every other. A journal per shard
 * (« .missionc-journal-2-sur-4 »), appended line by line as letters are
 * written, so an interrupted run is resumed too. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "batch.h"

#define JOURNAL ".missionc-journal"

static uint64_t
fnv(uint64_t h, const void *data, size_t len)
{
	const unsigned char *p = data;

	for (size_t i = 0; i < len; i++)
		h = (h ^ p[i]) * 1099511628211ULL;
	return h;
}

/* Each piece with its length: « ab », « c » differs from « a », « bc ». */
static uint64_t
piece(uint64_t h, const char *s, size_t len)
{
	uint64_t n = len;

	return fnv(fnv(h, &n, sizeof(n)), s, len);
}

uint64_t
digest_start(const char *model, size_t len, const char *format,
    const char *template_id)
{
	uint64_t h = DIGEST_INIT;

	h = piece(h, model, len);
	h = piece(h, format, strlen(format));
	return piece(h, template_id, strlen(template_id));
}

uint64_t
digest_row(uint64_t start, const char *const *cells, size_t ncells)
{
	uint64_t h = fnv(start, &ncells, sizeof(ncells));

	for (size_t i = 0; i < ncells; i++)
		h = piece(h, cells[i], strlen(cells[i]));
	return h;
}

uint64_t
resume_name_hash(const char *name)
{
	return fnv(DIGEST_INIT, name, strlen(name));
}

uint64_t
digest_bytes(uint64_t h, const void *data, size_t len)
{
	return fnv(h, data, len);
}

static int
put(resume_map *m, uint64_t key, uint64_t digest)
{
	int added;
	u64_slot *slot = u64_map_slot(m, key, &added);

	if (slot == NULL)
		return -1;
	slot->value = digest;       /* the last line of a name is the latest */
	return 0;
}

static int
load_journal(resume_map *m, const char *path)
{
	FILE *f = fopen(path, "r");
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;
	int status = 0;

	if (f == NULL)
		return -1;
	while ((n = getline(&line, &cap, f)) > 0) {
		unsigned long long digest;
		int at = 0;

		if (line[n - 1] != '\n')
			break;          /* a line cut by a kill: not a record */
		line[n - 1] = '\0';
		if (sscanf(line, "%16llx %n", &digest, &at) != 1 || at == 0)
			continue;
		if (put(m, resume_name_hash(line + at), (uint64_t)digest) != 0) {
			status = -1;
			break;
		}
	}
	free(line);
	fclose(f);
	return status;
}

int
resume_load(resume_map *m, const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int status = 0;

	memset(m, 0, sizeof(*m));
	if (d == NULL)
		return -1;
	while (status == 0 && (e = readdir(d)) != NULL) {
		char path[PATH_MAX];

		if (strncmp(e->d_name, JOURNAL, strlen(JOURNAL)) != 0 ||
		    (size_t)snprintf(path, sizeof(path), "%s/%s", dir, e->d_name) >= sizeof(path))
			continue;
		status = load_journal(m, path);
	}
	closedir(d);
	return status;
}

int
resume_done(const resume_map *m, const char *name, uint64_t digest)
{
	const u64_slot *slot = u64_map_find(m, resume_name_hash(name));

	return slot != NULL && slot->value == digest;
}

int
resume_known(const resume_map *m, const char *name)
{
	return u64_map_find(m, resume_name_hash(name)) != NULL;
}

void
resume_free(resume_map *m)
{
	u64_map_free(m);
}

int
journal_open(const char *dir, const char *suffix)
{
	char path[PATH_MAX];

	if ((size_t)snprintf(path, sizeof(path), "%s/" JOURNAL "%s", dir, suffix) >= sizeof(path)) {
		errno = ENAMETOOLONG;
		return -1;
	}
	return open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0644);
}

int
journal_add(int fd, const char *name, uint64_t digest)
{
	char line[NAME_MAX + 32];
	int n = snprintf(line, sizeof(line), "%016llx %s\n", (unsigned long long)digest, name);

	/* One write per line, O_APPEND: lines of two threads never mix. */
	if (n < 0 || (size_t)n >= sizeof(line))
		return -1;
	return write(fd, line, (size_t)n) == n ? 0 : -1;
}
