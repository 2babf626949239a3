/* batch.h — the pieces of `missionc lot` (cmd_batch.c): the output file
 * names (batch_names.c) and the report of every row (batch_report.c). */
#ifndef MC_CLI_BATCH_H
#define MC_CLI_BATCH_H

#include <stdint.h>
#include <stdio.h>

#include "csv_reader.h"
#include "missionc.h"

/* Names */

/* The hashes of the names given so far: names stay unique over a batch of
 * any size in 8 to 11 bytes per row. A pattern whose only field is the row
 * number (« lettre-{n} », the default) gives unique names by itself and
 * keeps no set. */
typedef struct name_set {
	uint64_t *items;
	size_t n, cap;
	int by_counter;
} name_set;

void name_set_init(name_set *s, const char *pattern);
/* The pattern (« {uai}-{nom} », « {n} », « {ligne} ») filled with the row's
 * cells, made a safe and unique file name with its extension; NULL when no
 * name is left. */
char *batch_file_name(const char *pattern, const char *const *columns,
    size_t ncolumns, const csv_record *rec, unsigned long index,
    name_set *taken, const char *ext);
void name_set_free(name_set *s);

/* Report */

typedef enum row_status {
	ROW_PRODUCED,
	ROW_SKIPPED,            /* --reprendre: the letter is there */
	ROW_REJECTED,           /* errors in the letter or the row */
	ROW_WRITE_FAILED,
	ROW_FAILED              /* out of memory, no file name left */
} row_status;

/* A row's entry in rapport.csv and rapport.json, formatted by the worker
 * that did the row (the model is only read). problem: what went wrong
 * outside the letter (« ecriture_impossible », « nom_impossible »), or NULL. */
void report_entry(mc_buffer *csv, mc_buffer *json, const mc_batch *model,
    unsigned long line, row_status status, const char *name,
    const mc_result *res, const char *problem_code, const char *problem);

typedef struct batch_report {
	FILE *csv, *json;
	char *csv_tmp, *json_tmp;
	char *csv_path, *json_path;
	unsigned long counts[ROW_FAILED + 1];
	int first;
	int incomplete;
} batch_report;

/* rapport.csv and rapport.json (« rapport-2-sur-4.csv » with a suffix),
 * written under temporary names until report_close. */
int report_open(batch_report *rp, const char *dir, const char *suffix);
/* Called in row order with the entries of report_entry; a NULL entry (out
 * of memory) makes the report fail at report_close. */
void report_add(batch_report *rp, row_status status, const char *csv,
    const char *json);
/* ok: give the reports their names; otherwise remove them. */
int report_close(batch_report *rp, int ok);

#endif
