/* lsp_diagnostics.c — textDocument/publishDiagnostics: the document checked
 * by the library exactly as `missionc verifier` checks a file, each
 * diagnostic with its help and official source in the message, its notes as
 * related locations (into the stdlib for a rule), and in `data` the name a
 * « vouliez-vous dire » proposes, for the code action that applies it. A
 * référentiel is checked as `verifier` checks one (mc_check_referential). */
#include <stdlib.h>
#include <string.h>

#include "compile.h"
#include "lsp.h"

char *
lsp_suggested_name(const char *text)
{
	static const char open[] = "vouliez-vous dire « ";
	const char *p, *e;

	if (text == NULL || (p = strstr(text, open)) == NULL)
		return NULL;
	p += sizeof(open) - 1;
	e = strstr(p, " »");
	return e != NULL ? strndup(p, (size_t)(e - p)) : NULL;
}

static cJSON *
diagnostic(const lsp_doc *d, const mc_source *own, const mc_diag *g)
{
	cJSON *o = cJSON_CreateObject(), *related;
	mc_buffer msg;
	char *name;

	if (o == NULL)
		return NULL;
	if (g->span.src == own)
		cJSON_AddItemToObject(o, "range", lsp_range(d, own, g->span.start, g->span.end));
	else
		cJSON_AddItemToObject(o, "range", lsp_range(d, own, 0, 0));
	cJSON_AddNumberToObject(o, "severity", g->severity == MC_ERROR ? 1 :
	    g->severity == MC_WARNING ? 2 : 3);
	cJSON_AddStringToObject(o, "code", g->code);
	cJSON_AddStringToObject(o, "source", "missionc");
	mc_buffer_init(&msg);
	mc_buffer_puts(&msg, g->message);
	if (g->suggestion != NULL)
		mc_buffer_printf(&msg, "\naide : %s", g->suggestion);
	if (g->rule_source != NULL)
		mc_buffer_printf(&msg, "\nsource : %s", g->rule_source);
	mc_buffer_put(&msg, "", 1);
	cJSON_AddStringToObject(o, "message", msg.failed ? g->message : msg.data);
	mc_buffer_free(&msg);
	related = cJSON_CreateArray();
	/* A diagnostic about another file (a broken référentiel) points there. */
	if (g->span.src != own && g->span.src != NULL) {
		cJSON *info = cJSON_CreateObject();

		cJSON_AddItemToObject(info, "location", lsp_location(d, own, g->span));
		cJSON_AddStringToObject(info, "message", g->message);
		cJSON_AddItemToArray(related, info);
	}
	for (const mc_note *n = g->notes; n != NULL; n = n->next) {
		cJSON *info, *loc = lsp_location(d, own, n->span);

		if (loc == NULL)
			continue;
		info = cJSON_CreateObject();
		cJSON_AddItemToObject(info, "location", loc);
		cJSON_AddStringToObject(info, "message", n->message);
		cJSON_AddItemToArray(related, info);
	}
	if (cJSON_GetArraySize(related) > 0)
		cJSON_AddItemToObject(o, "relatedInformation", related);
	else
		cJSON_Delete(related);
	name = lsp_suggested_name(g->suggestion);
	if (name != NULL) {
		cJSON *data = cJSON_AddObjectToObject(o, "data");

		cJSON_AddStringToObject(data, "remplacement", name);
		free(name);
	}
	return o;
}

/* A file of a stdlib folder (a référentiel, commun.mission, any .mission
 * of the server's référentiels' folder): checked as the library loads it
 * for a letter, from its text as the editor has it, saved or not; in its
 * own folder when that is another library (an académie's), read for this
 * check alone. The letters open beside it keep the référentiels as saved
 * (lsp_stdlib.c reads them again when a file changes on disk). */
mc_stdlib *
lsp_library_for(lsp_server *s, const lsp_doc *d, mc_stdlib **opened)
{
	/* A buffer never saved (« untitled: »): no folder of its own. */
	char *dir = strncmp(d->uri, "file:", 5) == 0 ? cli_library_dir(s->lib, d->path) : NULL;

	*opened = dir != NULL ? mc_stdlib_open(dir) : NULL;
	free(dir);
	return *opened != NULL ? *opened : s->lib;
}

int
lsp_library_doc(const lsp_server *s, const lsp_doc *d)
{
	return mc_library_file(d->path, d->text, d->len) || lsp_stdlib_owns(s, d->path);
}

mc_result *
lsp_check(lsp_server *s, const lsp_doc *d, mc_stdlib **opened)
{
	*opened = NULL;
	if (lsp_library_doc(s, d))
		return mc_check_referential(lsp_library_for(s, d, opened), d->path,
		    d->text, d->len);
	return mc_check(s->lib, d->path, d->text, d->len);
}

void
lsp_publish_diagnostics(lsp_server *s, lsp_doc *d)
{
	mc_stdlib *opened;
	mc_result *res = lsp_check(s, d, &opened);
	cJSON *params, *list;
	const mc_source *own = NULL;

	if (res == NULL) {
		mc_stdlib_close(opened);
		return;
	}
	own = mc_result_source(res);
	params = cJSON_CreateObject();
	list = cJSON_CreateArray();
	if (params == NULL || list == NULL || own == NULL) {
		cJSON_Delete(params);
		cJSON_Delete(list);
		mc_result_free(res);
		mc_stdlib_close(opened);
		return;
	}
	for (size_t i = 0; i < mc_result_diag_count(res); i++) {
		const mc_diag *g = mc_result_diag(res, i);

		cJSON_AddItemToArray(list, diagnostic(d, own, g));
	}
	cJSON_AddStringToObject(params, "uri", d->uri);
	cJSON_AddNumberToObject(params, "version", d->version);
	cJSON_AddItemToObject(params, "diagnostics", list);
	lsp_notify("textDocument/publishDiagnostics", params);
	mc_result_free(res);
	mc_stdlib_close(opened);
}
