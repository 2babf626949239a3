/* fuzz_lot.c — the batch path on any bytes: a model letter and its data
 * file, split at the first NUL byte of the input (a NUL is refused in a
 * letter anyway). The model is read and bound to the header, then each row
 * is checked (or rejected), named, rendered in Markdown and reported, as
 * `missionc lot` does on one thread. */
#define _GNU_SOURCE     /* memfd_create */
#include <stdint.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "batch.h"
#include "fuzz_common.h"
#include "fuzz_memfile.h"

static mc_stdlib *lib;
static mc_template *tpl;
static mc_renderer *md;

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

enum { MAX_ROWS = 50 };

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	lib = fuzz_stdlib();
	tpl = fuzz_template();
	md = mc_renderer_new(MC_FORMAT_MARKDOWN, tpl, NULL);
	FUZZ_CHECK(md != NULL, "moteur de rendu");
	return 0;
}

static int
broken(const mc_batch *b)
{
	for (size_t i = 0; i < mc_batch_diag_count(b); i++)
		if (mc_batch_diag(b, i)->severity == MC_ERROR)
			return 1;
	return 0;
}

/* One row: rejected for what the data file does to it, or checked. */
static mc_result *
check_row(const mc_batch *b, const csv_record *rec, const csv_record *header)
{
	if (rec->problem == CSV_BAD_QUOTING)
		return mc_batch_reject(b, MC_BATCH_QUOTING, rec->line, NULL, 0, 0, 0);
	if (rec->problem == CSV_BAD_UTF8)
		return mc_batch_reject(b, MC_BATCH_UTF8, rec->line,
		    rec->column < header->nfields ? header->fields[rec->column] : NULL,
		    rec->byte, 0, 0);
	if (rec->nfields != header->nfields)
		return mc_batch_reject(b, MC_BATCH_COLUMNS, rec->line, NULL, 0,
		    rec->nfields, header->nfields);
	return mc_batch_check(b, (const char *const *)rec->fields, rec->nfields);
}

static void
rows(const mc_batch *b, csv_file *c, csv_record *header)
{
	mc_buffer out, csv, json;
	name_set taken;
	csv_record rec;

	mc_buffer_init(&out);
	mc_buffer_init(&csv);
	mc_buffer_init(&json);
	name_set_init(&taken, "{n}");
	for (unsigned long i = 1; i <= MAX_ROWS && csv_next(c, &rec) == 1; i++) {
		char *name = batch_file_name("{n}", (const char *const *)header->fields,
		    header->nfields, &rec, i, &taken, "md");
		mc_result *res = check_row(b, &rec, header);
		row_status status = ROW_REJECTED;

		FUZZ_CHECK(res != NULL, "ligne sans résultat");
		if (mc_result_worst(res) != MC_ERROR) {
			mc_buffer_clear(&out);
			if (mc_render(md, res, &out) == 0)
				status = ROW_PRODUCED;
		}
		mc_buffer_clear(&csv);
		mc_buffer_clear(&json);
		/* Any cells as the person and UAI: the report cleans what it shows. */
		report_who who = { rec.nfields > 0 ? rec.fields[0] : NULL,
			rec.nfields > 1 ? rec.fields[1] : NULL };

		report_entry(&csv, &json, b, &who, rec.line, status, name, res, NULL, NULL);
		mc_result_free(res);
		free(name);
		csv_record_free(&rec);
	}
	name_set_free(&taken);
	mc_buffer_free(&out);
	mc_buffer_free(&csv);
	mc_buffer_free(&json);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const uint8_t *nul = memchr(data, 0, size);
	size_t model_len = nul != NULL ? (size_t)(nul - data) : size;
	csv_record header;
	mc_batch *b;
	csv_file *c;
	char path[64];
	int fd;

	b = mc_batch_open(lib, "modele.mission", (const char *)data, model_len);
	FUZZ_CHECK(b != NULL, "modèle sans résultat");
	if (nul == NULL || broken(b)) {
		mc_batch_close(b);
		return 0;
	}
	fd = fuzz_memfile(nul + 1, size - model_len - 1, path, sizeof(path));
	c = fd >= 0 ? csv_open(path, 0, 0) : NULL;
	if (fd >= 0)
		close(fd);
	if (c != NULL && csv_next(c, &header) == 1) {
		if (header.problem == CSV_OK && header.nfields > 0) {
			mc_batch_bind(b, (const char *const *)header.fields, header.nfields);
			if (!broken(b))
				rows(b, c, &header);
		}
		csv_record_free(&header);
	}
	if (c != NULL)
		csv_close(c);
	mc_batch_close(b);
	return 0;
}
