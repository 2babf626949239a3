/* fuzz_csv.c — the batch's data file reader (cli/csv_reader.c) and its
 * output names (cli/batch_names.c) on any bytes. The first byte picks the
 * separator (detected, « ; », « , », tab) and the encoding; the first field
 * of the header is also tried as a name pattern. */
#define _GNU_SOURCE     /* memfd_create */
#include <stdint.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "batch.h"
#include "fuzz_common.h"
#include "fuzz_memfile.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

enum { MAX_ROWS = 200 };

/* The names of every row under `pattern`: never empty, never a path. */
static void
names(const char *pattern, const char *const *columns, size_t ncolumns,
    const csv_record *rows, size_t nrows)
{
	name_set taken;

	name_set_init(&taken, pattern);
	for (size_t i = 0; i < nrows; i++) {
		char *name = batch_file_name(pattern, columns, ncolumns, &rows[i],
		    (unsigned long)i + 1, &taken, "pdf");

		/* Every row is named (as missionc lot does), but only a row that
		 * reads well gives a file: its name must be one. */
		if (name != NULL && rows[i].problem == CSV_OK) {
			if (name[0] == '\0' || name[0] == '.' || strchr(name, '/') != NULL) {
				fprintf(stderr, "motif « %s » : nom « %s »\n", pattern, name);
				FUZZ_CHECK(0, "nom vide, caché ou avec « / »");
			}
		}
		free(name);
	}
	name_set_free(&taken);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char seps[4] = { 0, ';', ',', '\t' };
	csv_record header = { 0 }, rows[MAX_ROWS];
	size_t nrows = 0;
	char path[64];
	csv_file *c;
	int fd;

	if (size == 0)
		return 0;
	fd = fuzz_memfile(data + 1, size - 1, path, sizeof(path));
	if (fd < 0)
		return 0;
	c = csv_open(path, seps[data[0] & 3], (data[0] >> 2) & 1);
	close(fd);
	if (c == NULL)
		return 0;
	if (csv_next(c, &header) == 1) {
		memset(rows, 0, sizeof(rows));
		while (nrows < MAX_ROWS && csv_next(c, &rows[nrows]) == 1)
			nrows++;
		if (header.problem == CSV_OK) {
			const char *const *cols = (const char *const *)header.fields;

			names("lettre-{n}", cols, header.nfields, rows, nrows);
			names("{ligne}", cols, header.nfields, rows, nrows);
			if (header.nfields > 0) {
				char pattern[256];

				snprintf(pattern, sizeof(pattern), "{%s}-{%s}", header.fields[0],
				    header.fields[header.nfields - 1]);
				names(pattern, cols, header.nfields, rows, nrows);
				names(header.fields[0], cols, header.nfields, rows, nrows);
			}
		}
		for (size_t i = 0; i < nrows; i++)
			csv_record_free(&rows[i]);
	}
	csv_record_free(&header);
	(void)csv_separator(c);
	(void)csv_progress(c);
	csv_close(c);
	return 0;
}
