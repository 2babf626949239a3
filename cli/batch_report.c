/* batch_report.c — rapport.csv and rapport.json: one entry per row of the
 * batch, in row order, with its status, its file and its diagnostics (the
 * column in cause when a diagnostic lies on a field of the model).
 *
 * rapport.csv is for a secretary's spreadsheet: UTF-8 with a BOM and « ; »,
 * as LibreOffice Calc and Excel open it by a double click; the person and
 * the UAI beside each row; each problem in French with the column to fix.
 * No control character of a cell reaches it (nor the terminal): every
 * entry is one line, which also lets shards' reports be merged line by line;
 * no cell starts as a formula the spreadsheet would run. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "batch.h"

static const char *const status_names[] = {
	[ROW_PRODUCED] = "produite",
	[ROW_SKIPPED] = "deja_produite",
	[ROW_REJECTED] = "ecartee",
	[ROW_WRITE_FAILED] = "erreur_ecriture",
	[ROW_FAILED] = "erreur",
};

/* Length of the valid UTF-8 character at u, 0 when invalid. */
static size_t
utf8_char(const unsigned char *u)
{
	size_t n = *u < 0x80 ? 1 : *u >= 0xc2 && *u <= 0xdf ? 2 :
	    *u >= 0xe0 && *u <= 0xef ? 3 : *u >= 0xf0 && *u <= 0xf4 ? 4 : 0;

	for (size_t i = 1; i < n; i++)
		if ((u[i] & 0xc0) != 0x80)
			return 0;
	return n;
}

/* Text with its control characters (C0, DEL, C1: line ends, tabs, the
 * escapes that drive a terminal) made spaces, and a byte that is not UTF-8
 * (a cell of a row rejected for it) made « ? ». */
void
report_clean(mc_buffer *b, const char *s)
{
	const unsigned char *u = (const unsigned char *)s;

	while (*u != 0) {
		size_t n = utf8_char(u);

		if (n == 0)
			mc_buffer_put(b, "?", 1);
		else if (*u < 0x20 || *u == 0x7f || (n == 2 && *u == 0xc2 && u[1] <= 0x9f))
			mc_buffer_put(b, " ", 1);
		else
			mc_buffer_put(b, (const char *)u, n);
		u += n > 0 ? n : 1;
	}
}

static void
json_string(mc_buffer *b, const char *s)
{
	const unsigned char *u = (const unsigned char *)s;

	mc_buffer_put(b, "\"", 1);
	while (*u != 0) {
		size_t n = utf8_char(u);

		if (n == 0)
			mc_buffer_put(b, "?", 1);
		else if (*u == '"' || *u == '\\')
			mc_buffer_printf(b, "\\%c", *u);
		else if (*u < 0x20 || *u == 0x7f)
			mc_buffer_printf(b, "\\u%04x", *u);
		else if (n == 2 && *u == 0xc2 && u[1] <= 0x9f)
			mc_buffer_printf(b, "\\u%04x", u[1]);
		else
			mc_buffer_put(b, (const char *)u, n);
		u += n > 0 ? n : 1;
	}
	mc_buffer_put(b, "\"", 1);
}

static void
csv_cell(mc_buffer *b, const char *s)
{
	mc_buffer clean;
	const char *t;

	mc_buffer_init(&clean);
	report_clean(&clean, s);
	t = clean.data != NULL ? clean.data : "";
	mc_buffer_put(b, "\"", 1);
	/* A cell that starts as a formula (« =HYPERLINK(…) », « +33… », « @ »,
	 * « - ») would be run by the spreadsheet that opens rapport.csv: an
	 * apostrophe before it makes it text (OWASP, CSV injection). */
	if (*t != '\0' && strchr("=+-@", *t) != NULL)
		mc_buffer_put(b, "'", 1);
	for (const char *q; (q = strchr(t, '"')) != NULL; t = q + 1) {
		mc_buffer_put(b, t, (size_t)(q - t) + 1);
		mc_buffer_put(b, "\"", 1);
	}
	mc_buffer_puts(b, t);
	mc_buffer_put(b, "\"", 1);
	if (clean.failed)
		b->failed = 1;
	mc_buffer_free(&clean);
}

void
report_entry(mc_buffer *csv, mc_buffer *json, const mc_batch *model,
    const report_who *who, unsigned long line, row_status status,
    const char *name, const mc_result *res, const char *problem_code,
    const char *problem)
{
	size_t nd = res != NULL ? mc_result_diag_count(res) : 0;
	int has_file = (status == ROW_PRODUCED || status == ROW_SKIPPED) && name != NULL;
	mc_buffer all;          /* the CSV's diagnostics cell */

	mc_buffer_init(&all);
	mc_buffer_printf(csv, "%lu;%s;", line, status_names[status]);
	csv_cell(csv, who != NULL && who->person != NULL ? who->person : "");
	mc_buffer_put(csv, ";", 1);
	csv_cell(csv, who != NULL && who->uai != NULL ? who->uai : "");
	mc_buffer_put(csv, ";", 1);
	csv_cell(csv, has_file ? name : "");
	mc_buffer_printf(json, "    {\"ligne\": %lu, \"statut\": \"%s\", \"personne\": ",
	    line, status_names[status]);
	if (who != NULL && who->person != NULL)
		json_string(json, who->person);
	else
		mc_buffer_puts(json, "null");
	mc_buffer_puts(json, ", \"uai\": ");
	if (who != NULL && who->uai != NULL)
		json_string(json, who->uai);
	else
		mc_buffer_puts(json, "null");
	mc_buffer_puts(json, ", \"fichier\": ");
	if (has_file)
		json_string(json, name);
	else
		mc_buffer_puts(json, "null");
	mc_buffer_puts(json, ", \"diagnostics\": [");
	for (size_t k = 0; k < nd; k++) {
		const mc_diag *d = mc_result_diag(res, k);
		const char *column = d->span.src != NULL ?
		    mc_batch_column_at(model, d->span.start, d->span.end) : NULL;
		char named[256];
		const char *end;

		/* A message about a column names it first (« colonne « nom » :
		 * … »): that one, not the first field of the text it lies in. */
		if (strncmp(d->message, "colonne « ", strlen("colonne « ")) == 0 &&
		    (end = strstr(d->message, " »")) != NULL &&
		    (size_t)(end - d->message) - strlen("colonne « ") < sizeof(named)) {
			size_t n = (size_t)(end - d->message) - strlen("colonne « ");

			memcpy(named, d->message + strlen("colonne « "), n);
			named[n] = '\0';
			column = named;
		}

		/* « colonne « uai » à corriger : message [code] »: what to fix
		 * first, then why. */
		mc_buffer_puts(&all, k ? " | " : "");
		if (d->severity != MC_ERROR)
			mc_buffer_printf(&all, "%s : ", mc_severity_name(d->severity));
		if (column != NULL) {
			char said[sizeof(named) + 32];

			/* Not twice when the message names it already. */
			snprintf(said, sizeof(said), "colonne « %s »", column);
			if (strncmp(d->message, said, strlen(said)) == 0)
				mc_buffer_printf(&all, "%s à corriger%s", said,
				    d->message + strlen(said));
			else
				mc_buffer_printf(&all, "%s%s : %s", said,
				    d->severity == MC_ERROR ? " à corriger" : "", d->message);
		} else {
			mc_buffer_puts(&all, d->message);
		}
		mc_buffer_printf(&all, " [%s]", d->code);

		mc_buffer_printf(json, "%s{\"gravite\": \"%s\", \"code\": ", k ? ", " : "",
		    mc_severity_name(d->severity));
		json_string(json, d->code);
		mc_buffer_puts(json, ", \"colonne\": ");
		if (column != NULL)
			json_string(json, column);
		else
			mc_buffer_puts(json, "null");
		mc_buffer_puts(json, ", \"message\": ");
		json_string(json, d->message);
		/* The notes say why (« la lettre indique 6,5 parts »), the help
		 * what to do: a service reads them in the report, not in a
		 * terminal. */
		mc_buffer_puts(json, ", \"notes\": [");
		for (const mc_note *n = d->notes; n != NULL; n = n->next) {
			mc_buffer_printf(&all, " ; note : %s", n->message);
			if (n != d->notes)
				mc_buffer_puts(json, ", ");
			json_string(json, n->message);
		}
		mc_buffer_puts(json, "], \"aide\": ");
		if (d->suggestion != NULL) {
			mc_buffer_printf(&all, " ; aide : %s", d->suggestion);
			json_string(json, d->suggestion);
		} else {
			mc_buffer_puts(json, "null");
		}
		mc_buffer_put(json, "}", 1);
	}
	if (problem != NULL) {
		mc_buffer_printf(&all, "%s%s [%s]", nd ? " | " : "", problem, problem_code);
		mc_buffer_printf(json, "%s{\"gravite\": \"erreur\", \"code\": \"%s\", \"colonne\": null, \"message\": ",
		    nd ? ", " : "", problem_code);
		json_string(json, problem);
		mc_buffer_puts(json, ", \"notes\": [], \"aide\": null}");
	}
	mc_buffer_put(csv, ";", 1);
	csv_cell(csv, all.data != NULL ? all.data : "");
	mc_buffer_put(csv, "\n", 1);
	mc_buffer_puts(json, "]}");
	if (all.failed)
		csv->failed = 1;
	mc_buffer_free(&all);
}

int
report_open(batch_report *rp, const char *dir, const char *suffix)
{
	size_t n = strlen(dir) + strlen(suffix) + 32;
	size_t t = strlen(dir) + 64;
	int fd;

	memset(rp, 0, sizeof(*rp));
	rp->first = 1;
	rp->csv_path = malloc(n);
	rp->json_path = malloc(n);
	rp->csv_tmp = malloc(t);
	rp->json_tmp = malloc(t);
	if (!rp->csv_path || !rp->json_path || !rp->csv_tmp || !rp->json_tmp)
		return -1;
	rp->csv_tmp[0] = rp->json_tmp[0] = '\0';
	snprintf(rp->csv_path, n, "%s/rapport%s.csv", dir, suffix);
	snprintf(rp->json_path, n, "%s/rapport%s.json", dir, suffix);
	if ((fd = batch_temp_open(dir, rp->csv_tmp, t)) < 0 ||
	    (rp->csv = fdopen(fd, "w")) == NULL)
		return -1;
	if ((fd = batch_temp_open(dir, rp->json_tmp, t)) < 0 ||
	    (rp->json = fdopen(fd, "w")) == NULL)
		return -1;
	fputs(REPORT_CSV_HEADER, rp->csv);
	fputs(REPORT_JSON_HEAD, rp->json);
	return 0;
}

void
report_json_tail(FILE *f, const unsigned long *counts)
{
	fprintf(f, "\n  ],\n  \"resume\": {\"produites\": %lu, \"ecartees\": %lu, \"deja_produites\": %lu, \"autres\": %lu}\n}\n",
	    counts[ROW_PRODUCED], counts[ROW_REJECTED], counts[ROW_SKIPPED],
	    counts[ROW_WRITE_FAILED] + counts[ROW_FAILED]);
}

int
report_status(const char *name)
{
	for (int s = 0; s <= ROW_FAILED; s++)
		if (strcmp(status_names[s], name) == 0)
			return s;
	return -1;
}

void
report_add(batch_report *rp, row_status status, const char *csv,
    const char *json)
{
	rp->counts[status]++;
	if (csv == NULL || json == NULL) {
		rp->incomplete = 1;
		return;
	}
	fputs(csv, rp->csv);
	fputs(rp->first ? "\n" : ",\n", rp->json);
	fputs(json, rp->json);
	rp->first = 0;
}

int
report_close(batch_report *rp, int ok)
{
	int status = 0;

	if (rp->json != NULL) {
		report_json_tail(rp->json, rp->counts);
		status |= fclose(rp->json);
	}
	if (rp->csv != NULL)
		status |= fclose(rp->csv);
	if (ok && status == 0 && !rp->incomplete && rp->csv != NULL && rp->json != NULL) {
		/* Mode 0644 less the umask (batch_temp_open), as the letters. */
		status |= rename(rp->csv_tmp, rp->csv_path) | rename(rp->json_tmp, rp->json_path);
	} else {
		if (rp->csv_tmp != NULL && rp->csv_tmp[0] != '\0')
			unlink(rp->csv_tmp);
		if (rp->json_tmp != NULL && rp->json_tmp[0] != '\0')
			unlink(rp->json_tmp);
		status = -1;
	}
	if (rp->csv_tmp != NULL && rp->csv_tmp[0] != '\0')
		batch_temp_done(rp->csv_tmp);
	if (rp->json_tmp != NULL && rp->json_tmp[0] != '\0')
		batch_temp_done(rp->json_tmp);
	free(rp->csv_tmp);
	free(rp->json_tmp);
	free(rp->csv_path);
	free(rp->json_path);
	return status;
}
