/* lsp_fields.c — completion of a batch model's «fields»: the columns of the
 * export the model is written for. A model and its export go side by side
 * (examples/lot/pacte.mission and pacte.csv): the export is the file of the
 * model's name with .csv, else the only .csv of the model's folder. Its
 * header is read as `missionc lot` reads it (csv_reader.c: separator
 * detected, Windows-1252 recognised), at each request: it may have changed. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "csv_reader.h"
#include "lsp.h"

#define OPEN "\xc2\xab"   /* « */
#define CLOSE "\xc2\xbb"  /* » */

/* Whether `offset` is in a field being written: after a « on its line with
 * no » between. [*start, *end): the field's name, up to its » when it has
 * one already (*closed), else up to the cursor. Names may hold spaces
 * (« «N° UAI» »). */
static int
in_field(const char *text, size_t len, uint32_t offset, uint32_t *start,
    uint32_t *end, int *closed)
{
	size_t i = offset;

	if (offset > len)
		return 0;
	while (i >= 2) {
		if (text[i - 1] == '\n' || memcmp(text + i - 2, CLOSE, 2) == 0)
			return 0;
		if (memcmp(text + i - 2, OPEN, 2) == 0)
			break;
		i--;
	}
	if (i < 2)
		return 0;
	*start = (uint32_t)i;
	*end = offset;
	*closed = 0;
	for (i = offset; i + 1 < len && text[i] != '\n' && text[i] != '"' &&
	    memcmp(text + i, OPEN, 2) != 0; i++)
		if (memcmp(text + i, CLOSE, 2) == 0) {
			*end = (uint32_t)i;
			*closed = 1;
			break;
		}
	return 1;
}

static int
ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), k = strlen(suffix);

	return n >= k && strcmp(s + n - k, suffix) == 0;
}

/* The export beside the model at `path` (malloc'd), or NULL. */
static char *
export_of(const char *path)
{
	const char *slash = strrchr(path, '/');
	size_t dirlen = slash != NULL ? (size_t)(slash - path) : 0;
	char *csv = NULL, *dir;
	DIR *d;
	struct dirent *e;
	int found = 0;

	if (ends_with(path, ".mission")) {
		size_t n = strlen(path) - strlen(".mission");

		if ((csv = malloc(n + 5)) == NULL)
			return NULL;
		memcpy(csv, path, n);
		memcpy(csv + n, ".csv", 5);
		if (access(csv, R_OK) == 0)
			return csv;
		free(csv);
		csv = NULL;
	}
	if ((dir = strndup(slash != NULL ? path : ".", slash != NULL ? dirlen : 1)) == NULL)
		return NULL;
	if ((d = opendir(*dir != '\0' ? dir : "/")) != NULL) {
		while ((e = readdir(d)) != NULL && found < 2) {
			if (e->d_name[0] == '.' || !ends_with(e->d_name, ".csv"))
				continue;
			if (++found == 1) {
				size_t n = strlen(dir) + 1 + strlen(e->d_name) + 1;

				if ((csv = malloc(n)) != NULL)
					snprintf(csv, n, "%s/%s", dir, e->d_name);
			}
		}
		closedir(d);
	}
	free(dir);
	if (found != 1) {       /* none, or which one? */
		free(csv);
		return NULL;
	}
	return csv;
}

int
lsp_field_completion(const lsp_doc *d, const mc_source *src, uint32_t offset, cJSON *items)
{
	uint32_t start, end;
	int closed;
	char *csv;
	csv_file *c;
	csv_record head = { 0 };
	const char *base;

	if (!in_field(src->text, src->len, offset, &start, &end, &closed))
		return 0;
	if ((csv = export_of(d->path)) == NULL)
		return 1;       /* a field, but no export to read: nothing to offer */
	base = strrchr(csv, '/') != NULL ? strrchr(csv, '/') + 1 : csv;
	if ((c = csv_open(csv, 0, 0)) != NULL) {
		const char *enc = csv_encoding_guess(c);

		if (enc != NULL && strcmp(enc, "Windows-1252") == 0)
			csv_set_encoding(c, CSV_ENC_CP1252);
		if (enc != NULL && strcmp(enc, "Mac Roman") == 0)
			csv_set_encoding(c, CSV_ENC_MAC_ROMAN);
		if ((enc == NULL || strcmp(enc, "Windows-1252") == 0 || strcmp(enc, "Mac Roman") == 0) &&
		    csv_next(c, &head) == 1 && head.problem == CSV_OK) {
			for (size_t i = 0; i < head.nfields; i++) {
				cJSON *it, *edit;
				char detail[512], *text;
				size_t n = strlen(head.fields[i]);

				if (n == 0)
					continue;
				it = cJSON_CreateObject();
				cJSON_AddStringToObject(it, "label", head.fields[i]);
				cJSON_AddNumberToObject(it, "kind", 5);    /* Field */
				snprintf(detail, sizeof(detail), "colonne %zu de « %s »", i + 1, base);
				cJSON_AddStringToObject(it, "detail", detail);
				edit = cJSON_AddObjectToObject(it, "textEdit");
				cJSON_AddItemToObject(edit, "range", lsp_range(d, src, start, end));
				/* The » too, when the field is not closed yet. */
				if ((text = malloc(n + 3)) != NULL) {
					memcpy(text, head.fields[i], n);
					memcpy(text + n, closed ? "" : CLOSE, closed ? 1 : 3);
					cJSON_AddStringToObject(edit, "newText", text);
					free(text);
				}
				cJSON_AddItemToArray(items, it);
			}
		}
		csv_record_free(&head);
		csv_close(c);
	}
	free(csv);
	return 1;
}
