/* diag_json.c — diagnostics as one JSON document for CI (docs/diagnostics.md
 * describes it), written with cJSON. */
#include <cjson/cJSON.h>
#include <stdlib.h>

#include "cli.h"

struct json_report {
	cJSON *root;
	cJSON *files;
};

json_report *
json_report_new(void)
{
	json_report *r = calloc(1, sizeof(*r));

	if (r == NULL)
		return NULL;
	r->root = cJSON_CreateObject();
	cJSON_AddNumberToObject(r->root, "version", 1);
	r->files = cJSON_AddArrayToObject(r->root, "fichiers");
	return r;
}

static void
add_position(cJSON *obj, const mc_span *sp)
{
	unsigned line = 0, col = 0, eline = 0, ecol = 0;
	cJSON *end;

	if (sp->src != NULL) {
		char buf[4096];

		mc_source_position(sp->src, sp->start, &line, &col);
		mc_source_position(sp->src, sp->end, &eline, &ecol);
		cJSON_AddStringToObject(obj, "fichier",
		    cli_relative_path(mc_source_name(sp->src), buf, sizeof(buf)));
	} else {
		cJSON_AddNullToObject(obj, "fichier");
	}
	cJSON_AddNumberToObject(obj, "ligne", line);
	cJSON_AddNumberToObject(obj, "colonne", col);
	end = cJSON_AddObjectToObject(obj, "fin");
	cJSON_AddNumberToObject(end, "ligne", eline);
	cJSON_AddNumberToObject(end, "colonne", ecol);
}

static void
add_string_or_null(cJSON *obj, const char *key, const char *value)
{
	if (value != NULL)
		cJSON_AddStringToObject(obj, key, value);
	else
		cJSON_AddNullToObject(obj, key);
}

void
json_report_add(json_report *r, const char *file, const mc_result *res,
    const char *io_error)
{
	cJSON *f = cJSON_CreateObject(), *diags;
	const char *status = "conforme";

	cJSON_AddStringToObject(f, "fichier", file);
	diags = cJSON_CreateArray();
	if (io_error != NULL) {
		status = "illisible";
		cJSON_AddStringToObject(f, "erreur", io_error);
	}
	for (size_t i = 0; res != NULL && i < mc_result_diag_count(res); i++) {
		const mc_diag *d = mc_result_diag(res, i);
		cJSON *o = cJSON_CreateObject(), *notes;

		add_position(o, &d->span);
		cJSON_AddStringToObject(o, "gravite", mc_severity_name(d->severity));
		cJSON_AddStringToObject(o, "code", d->code);
		cJSON_AddStringToObject(o, "message", d->message);
		add_string_or_null(o, "suggestion", d->suggestion);
		add_string_or_null(o, "source", d->rule_source);
		notes = cJSON_AddArrayToObject(o, "notes");
		for (const mc_note *n = d->notes; n != NULL; n = n->next) {
			cJSON *no = cJSON_CreateObject();

			add_position(no, &n->span);
			cJSON_AddStringToObject(no, "message", n->message);
			cJSON_AddItemToArray(notes, no);
		}
		cJSON_AddItemToArray(diags, o);
	}
	if (res != NULL && mc_result_worst(res) == MC_ERROR)
		status = "non_conforme";
	else if (res != NULL && mc_result_worst(res) == MC_WARNING)
		status = "conforme_avec_avertissements";
	cJSON_AddStringToObject(f, "statut", status);
	cJSON_AddItemToObject(f, "diagnostics", diags);
	cJSON_AddItemToArray(r->files, f);
}

/* The file the last letter was rendered into (`missionc produire`). */
void
json_report_output(json_report *r, const char *output)
{
	cJSON *last = cJSON_GetArrayItem(r->files, cJSON_GetArraySize(r->files) - 1);

	if (last != NULL)
		cJSON_AddStringToObject(last, "sortie", output);
}

/* « missionc » : { « version » : …, « referentiels » : [ { « nom »,
 * « version » } ] } — what checked these letters, so that a CI log traces a
 * result to the exact rules. */
void
json_report_versions(json_report *r, const mc_stdlib *lib)
{
	cJSON *tool = cJSON_AddObjectToObject(r->root, "missionc");

	cJSON_AddStringToObject(tool, "version", MISSIONC_VERSION);
	cJSON_AddItemToObject(tool, "referentiels", cli_loaded_referentials(lib));
}

/* [ { « nom », « version » } ] of the référentiels loaded: the JSON report
 * and the SARIF log say the same. */
cJSON *
cli_loaded_referentials(const mc_stdlib *lib)
{
	cJSON *refs = cJSON_CreateArray();

	for (size_t i = 0; lib != NULL && i < mc_stdlib_loaded_count(lib); i++) {
		const mc_referential *ref = mc_stdlib_loaded(lib, i);
		cJSON *o = cJSON_CreateObject();

		cJSON_AddStringToObject(o, "nom", mc_referential_name(ref));
		cJSON_AddStringToObject(o, "version", mc_referential_version(ref));
		cJSON_AddItemToArray(refs, o);
	}
	return refs;
}

int
cli_print_json(const cJSON *root, FILE *out)
{
	char *s = cJSON_Print(root);

	if (s == NULL)
		return 0;
	fputs(s, out);
	fputc('\n', out);
	free(s);
	return 1;
}

int
json_report_print(json_report *r, FILE *out)
{
	return cli_print_json(r->root, out);
}

void
json_report_free(json_report *r)
{
	if (r == NULL)
		return;
	cJSON_Delete(r->root);
	free(r);
}
