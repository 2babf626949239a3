/* batch_report.c — rapport.csv and rapport.json: one entry per row of the
 * batch, in row order, with its status, its file and its diagnostics (the
 * column in cause when a diagnostic lies on a field of the model). */
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

static void
csv_cell(mc_buffer *b, const char *s)
{
	mc_buffer_put(b, "\"", 1);
	for (const char *q; (q = strchr(s, '"')) != NULL; s = q + 1) {
		mc_buffer_put(b, s, (size_t)(q - s) + 1);
		mc_buffer_put(b, "\"", 1);
	}
	mc_buffer_puts(b, s);
	mc_buffer_put(b, "\"", 1);
}

static void
json_string(mc_buffer *b, const char *s)
{
	mc_buffer_put(b, "\"", 1);
	for (; *s != '\0'; s++) {
		unsigned char c = (unsigned char)*s;

		if (c == '"' || c == '\\')
			mc_buffer_printf(b, "\\%c", c);
		else if (c < 0x20)
			mc_buffer_printf(b, "\\u%04x", c);
		else
			mc_buffer_put(b, s, 1);
	}
	mc_buffer_put(b, "\"", 1);
}

void
report_entry(mc_buffer *csv, mc_buffer *json, const mc_batch *model,
    unsigned long line, row_status status, const char *name,
    const mc_result *res, const char *problem_code, const char *problem)
{
	size_t nd = res != NULL ? mc_result_diag_count(res) : 0;
	int has_file = (status == ROW_PRODUCED || status == ROW_SKIPPED) && name != NULL;
	mc_buffer all;          /* the CSV's diagnostics cell */

	mc_buffer_init(&all);
	mc_buffer_printf(csv, "%lu;%s;", line, status_names[status]);
	csv_cell(csv, has_file ? name : "");
	mc_buffer_printf(json, "    {\"ligne\": %lu, \"statut\": \"%s\", \"fichier\": ",
	    line, status_names[status]);
	if (has_file)
		json_string(json, name);
	else
		mc_buffer_puts(json, "null");
	mc_buffer_puts(json, ", \"diagnostics\": [");
	for (size_t k = 0; k < nd; k++) {
		const mc_diag *d = mc_result_diag(res, k);
		const char *column = d->span.src != NULL ?
		    mc_batch_column_at(model, d->span.start, d->span.end) : NULL;

		/* « erreur : message [code] (colonne « x ») » */
		mc_buffer_printf(&all, "%s%s : %s [%s]", k ? " | " : "",
		    mc_severity_name(d->severity), d->message, d->code);
		if (column != NULL)
			mc_buffer_printf(&all, " (colonne « %s »)", column);
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
			mc_buffer_printf(&all, " ; note : %s", n->message);
			if (n != d->notes)
				mc_buffer_puts(json, ", ");
			json_string(json, n->message);
		}
		mc_buffer_puts(json, "], \"aide\": ");
		if (d->suggestion != NULL) {
			mc_buffer_printf(&all, " ; aide : %s", d->suggestion);
			json_string(json, d->suggestion);
		} else {
			mc_buffer_puts(json, "null");
		}
		mc_buffer_put(json, "}", 1);
	}
	if (problem != NULL) {
		mc_buffer_printf(&all, "%serreur : %s [%s]", nd ? " | " : "", problem, problem_code);
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
	int fd;

	memset(rp, 0, sizeof(*rp));
	rp->first = 1;
	rp->csv_path = malloc(n);
	rp->json_path = malloc(n);
	rp->csv_tmp = malloc(n + 8);
	rp->json_tmp = malloc(n + 8);
	if (!rp->csv_path || !rp->json_path || !rp->csv_tmp || !rp->json_tmp)
		return -1;
	snprintf(rp->csv_path, n, "%s/rapport%s.csv", dir, suffix);
	snprintf(rp->json_path, n, "%s/rapport%s.json", dir, suffix);
	snprintf(rp->csv_tmp, n + 8, "%s.XXXXXX", rp->csv_path);
	snprintf(rp->json_tmp, n + 8, "%s.XXXXXX", rp->json_path);
	if ((fd = mkstemp(rp->csv_tmp)) < 0 || (rp->csv = fdopen(fd, "w")) == NULL)
		return -1;
	if ((fd = mkstemp(rp->json_tmp)) < 0 || (rp->json = fdopen(fd, "w")) == NULL)
		return -1;
	fputs("ligne;statut;fichier;diagnostics\n", rp->csv);
	fputs("{\n  \"version\": 1,\n  \"lignes\": [", rp->json);
	return 0;
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
		fprintf(rp->json, "\n  ],\n  \"resume\": {\"produites\": %lu, \"ecartees\": %lu, \"deja_produites\": %lu, \"autres\": %lu}\n}\n",
		    rp->counts[ROW_PRODUCED], rp->counts[ROW_REJECTED], rp->counts[ROW_SKIPPED],
		    rp->counts[ROW_WRITE_FAILED] + rp->counts[ROW_FAILED]);
		status |= fclose(rp->json);
	}
	if (rp->csv != NULL)
		status |= fclose(rp->csv);
	if (ok && status == 0 && !rp->incomplete && rp->csv != NULL && rp->json != NULL) {
		chmod(rp->csv_tmp, 0644);
		chmod(rp->json_tmp, 0644);
		status |= rename(rp->csv_tmp, rp->csv_path) | rename(rp->json_tmp, rp->json_path);
	} else {
		if (rp->csv != NULL)
			unlink(rp->csv_tmp);
		if (rp->json != NULL)
			unlink(rp->json_tmp);
		status = -1;
	}
	free(rp->csv_tmp);
	free(rp->json_tmp);
	free(rp->csv_path);
	free(rp->json_path);
	return status;
}
