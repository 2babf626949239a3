/* batch_merge.c — the reports of the N shards of a batch made into the one
 * report an unsharded run gives (rapport.csv, rapport.json), by the last
 * shard to finish. Every entry of a shard's report is one line starting with
 * its row's line number (batch_report.c): merging is sorting lines. */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "batch.h"

typedef struct entry {
	unsigned long line;
	char *text;             /* without its line end, or its JSON comma */
} entry;

typedef struct entries {
	entry *items;
	size_t n, cap;
} entries;

static int
push(entries *e, unsigned long line, const char *text, size_t len)
{
	if (e->n == e->cap) {
		size_t cap = e->cap ? e->cap * 2 : 1024;
		entry *items = realloc(e->items, cap * sizeof(*items));

		if (items == NULL)
			return -1;
		e->items = items;
		e->cap = cap;
	}
	e->items[e->n].line = line;
	e->items[e->n].text = strndup(text, len);
	if (e->items[e->n].text == NULL)
		return -1;
	e->n++;
	return 0;
}

static void
entries_free(entries *e)
{
	for (size_t i = 0; i < e->n; i++)
		free(e->items[i].text);
	free(e->items);
}

static int
by_line(const void *a, const void *b)
{
	const entry *x = a, *y = b;

	return x->line < y->line ? -1 : x->line > y->line;
}

#define JSON_ENTRY "    {\"ligne\": "

/* The entries of one shard's report: CSV lines after the header, JSON lines
 * of one row each. 1 when the file is not there. */
static int
read_entries(const char *path, int json, entries *e, unsigned long *counts)
{
	FILE *f = fopen(path, "r");
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;
	int first = 1, status = 0;

	if (f == NULL)
		return errno == ENOENT ? 1 : -1;
	while ((n = getline(&line, &cap, f)) > 0) {
		size_t len = (size_t)n;
		const char *st;

		while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == ','))
			len--;
		if (!json && first) {
			first = 0;
			continue;
		}
		if (json && strncmp(line, JSON_ENTRY, strlen(JSON_ENTRY)) != 0)
			continue;
		if (push(e, strtoul(line + (json ? strlen(JSON_ENTRY) : 0), NULL, 10),
		    line, len) != 0) {
			status = -1;
			break;
		}
		if (json && (st = strstr(line, "\"statut\": \"")) != NULL) {
			char name[32];
			int s;

			if (sscanf(st + 11, "%31[a-z_]", name) == 1 && (s = report_status(name)) >= 0)
				counts[s]++;
		}
	}
	if (ferror(f))
		status = -1;
	free(line);
	fclose(f);
	return status;
}

static int
write_merged(const char *dir, const char *name, const entries *e, int json,
    const unsigned long *counts)
{
	char tmp[PATH_MAX], path[PATH_MAX];
	int fd = batch_temp_open(dir, tmp, sizeof(tmp)), saved;
	FILE *f;

	if (fd < 0)
		return -1;
	if ((f = fdopen(fd, "w")) == NULL) {
		saved = errno;
		close(fd);
		unlink(tmp);
		batch_temp_done(tmp);
		errno = saved;
		return -1;
	}
	fputs(json ? REPORT_JSON_HEAD : REPORT_CSV_HEADER, f);
	for (size_t i = 0; i < e->n; i++) {
		if (json)
			fputs(i ? ",\n" : "\n", f);
		fputs(e->items[i].text, f);
		if (!json)
			fputc('\n', f);
	}
	if (json)
		report_json_tail(f, counts);
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	if (fclose(f) != 0 || rename(tmp, path) != 0) {
		saved = errno;
		unlink(tmp);
		batch_temp_done(tmp);
		errno = saved;
		return -1;
	}
	batch_temp_done(tmp);
	return 0;
}

int
report_merge(const char *dir, unsigned long n)
{
	entries csv = { 0 }, json = { 0 };
	unsigned long counts[ROW_FAILED + 1] = { 0 }, ignored[ROW_FAILED + 1] = { 0 };
	int status = 0;

	for (unsigned long k = 1; k <= n && status == 0; k++) {
		char path[PATH_MAX];

		snprintf(path, sizeof(path), "%s/rapport-%lu-sur-%lu.csv", dir, k, n);
		status = read_entries(path, 0, &csv, ignored);
		snprintf(path, sizeof(path), "%s/rapport-%lu-sur-%lu.json", dir, k, n);
		if (status == 0)
			status = read_entries(path, 1, &json, counts);
	}
	if (status == 0) {
		if (csv.n > 0)
			qsort(csv.items, csv.n, sizeof(*csv.items), by_line);
		if (json.n > 0)
			qsort(json.items, json.n, sizeof(*json.items), by_line);
		status = write_merged(dir, "rapport.csv", &csv, 0, counts) == 0 &&
		    write_merged(dir, "rapport.json", &json, 1, counts) == 0 ? 0 : -1;
	}
	entries_free(&csv);
	entries_free(&json);
	return status;
}
