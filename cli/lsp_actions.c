/* lsp_actions.c — what the server changes in a letter: formatting (the
 * whole text in the layout of `missionc formater`), and the code actions of
 * the diagnostics that have one obvious fix: a « vouliez-vous dire » name put
 * in place, a missing signature added, a blank « … » selected for typing. */
#include <stdlib.h>
#include <string.h>

#include "format.h"
#include "lsp.h"

/* One edit of the document, as a WorkspaceEdit. */
static cJSON *
workspace_edit(const lsp_doc *d, const mc_source *src, uint32_t start,
    uint32_t end, const char *text)
{
	cJSON *we = cJSON_CreateObject(), *changes, *edits, *e;

	changes = cJSON_AddObjectToObject(we, "changes");
	edits = cJSON_AddArrayToObject(changes, d->uri);
	e = cJSON_CreateObject();
	cJSON_AddItemToObject(e, "range", lsp_range(d, src, start, end));
	cJSON_AddStringToObject(e, "newText", text);
	cJSON_AddItemToArray(edits, e);
	return we;
}

cJSON *
lsp_formatting(lsp_server *s, lsp_doc *d, const cJSON *params, lsp_failure *f)
{
	mc_query *q = lsp_doc_query(s, d);
	mc_buffer out;
	mc_format_status st;
	cJSON *edits, *e;

	(void)params;
	mc_buffer_init(&out);
	st = mc_format_text(d->path, d->text, d->len, &out);
	if (st != MC_FORMAT_OK || out.failed || q == NULL) {
		mc_buffer_free(&out);
		f->code = LSP_REQUEST_FAILED;
		f->message = st == MC_FORMAT_UNREADABLE ?
		    "la lettre a des erreurs de syntaxe : corrigez-les avant de la mettre en forme" :
		    "mise en forme impossible";
		return NULL;
	}
	edits = cJSON_CreateArray();
	/* An empty letter formats to nothing: no buffer to compare. */
	if (out.len != d->len || (d->len > 0 && memcmp(out.data, d->text, d->len) != 0)) {
		mc_buffer_put(&out, "", 1);
		e = cJSON_CreateObject();
		cJSON_AddItemToObject(e, "range", lsp_range(d, mc_query_source(q), 0,
		    (uint32_t)mc_source_length(mc_query_source(q))));
		cJSON_AddStringToObject(e, "newText", out.failed ? "" : out.data);
		cJSON_AddItemToArray(edits, e);
	}
	mc_buffer_free(&out);
	return edits;
}

static void
add_action(cJSON *list, const char *title, const cJSON *diag, cJSON *edit,
    cJSON *command)
{
	cJSON *a = cJSON_CreateObject(), *diags;

	cJSON_AddStringToObject(a, "title", title);
	cJSON_AddStringToObject(a, "kind", "quickfix");
	if (diag != NULL) {
		diags = cJSON_AddArrayToObject(a, "diagnostics");
		cJSON_AddItemToArray(diags, cJSON_Duplicate(diag, 1));
	}
	cJSON_AddBoolToObject(a, "isPreferred", 1);
	if (edit != NULL)
		cJSON_AddItemToObject(a, "edit", edit);
	if (command != NULL)
		cJSON_AddItemToObject(a, "command", command);
	cJSON_AddItemToArray(list, a);
}

/* The byte range of a diagnostic's range; 0 when it has none. */
static int
diag_range(const lsp_doc *d, const cJSON *diag, uint32_t *start, uint32_t *end)
{
	const cJSON *r = cJSON_GetObjectItemCaseSensitive(diag, "range");
	uint32_t l0, c0, l1, c1;

	if (!lsp_read_position(cJSON_GetObjectItemCaseSensitive(r, "start"), &l0, &c0) ||
	    !lsp_read_position(cJSON_GetObjectItemCaseSensitive(r, "end"), &l1, &c1))
		return 0;
	*start = lsp_offset(d, l0, c0);
	*end = lsp_offset(d, l1, c1);
	return *start <= *end;
}

/* A rule that demands a signature (« exige signe(rôle) »): the role. */
static const char *
signing_role(const mc_query *q, const char *code)
{
	const mc_referential *ref = mc_query_referential(q);
	const mc_rule *r = ref != NULL ? mc_ref_rule(ref, code) : NULL;
	const mc_node *e = r != NULL ? r->require : NULL;

	if (e == NULL || e->kind != MC_N_CALL || strcmp(e->u.call.key, "signe") != 0 ||
	    e->u.call.args == NULL || e->u.call.args->kind != MC_N_WORD)
		return NULL;
	return e->u.call.args->u.word.key;
}

/* « signatures chef » gains « , agent »; a letter without the line gets one,
 * before « fait_a » when there is one. */
static void
add_signature(const lsp_doc *d, mc_query *q, const cJSON *diag, const char *role,
    cJSON *list)
{
	const mc_outline_item *items;
	size_t n = mc_query_outline(q, &items);
	const mc_node *sig = mc_query_statement(q, "signatures");
	const char *party = NULL;
	char title[256], *text;
	size_t size;
	uint32_t at;

	for (size_t i = 0; i < n && party == NULL; i++)
		if (items[i].kind == MC_NAME_PARTY && items[i].detail != NULL &&
		    strcmp(items[i].detail, role) == 0)
			party = items[i].name;
	if (party == NULL)
		return;
	size = strlen(party) + 32;
	text = malloc(size);
	if (text == NULL)
		return;
	if (sig != NULL) {
		at = sig->end;
		snprintf(text, size, "%s%s", sig->u.stmt.args != NULL ? ", " : " ", party);
	} else {
		const mc_node *place = mc_query_statement(q, "fait_a");

		at = place != NULL ? place->start : (uint32_t)d->len;
		snprintf(text, size, "%ssignatures %s\n",
		    place == NULL && d->len > 0 && d->text[d->len - 1] != '\n' ? "\n" : "",
		    party);
	}
	snprintf(title, sizeof(title), "Ajouter « %s » aux signatures", party);
	add_action(list, title, diag, workspace_edit(d, mc_query_source(q), at, at, text), NULL);
	free(text);
}

/* For a client without CodeAction literals (LSP 3.17, codeActionLiteralSupport
 * absent): Commands only. An edit becomes « missionc.appliquer », which sends
 * it back by workspace/applyEdit; dropped when the client cannot apply one. */
static cJSON *
as_commands(const lsp_server *s, cJSON *actions)
{
	cJSON *list = cJSON_CreateArray(), *a;

	cJSON_ArrayForEach(a, actions) {
		cJSON *cmd = cJSON_DetachItemFromObjectCaseSensitive(a, "command");
		cJSON *edit = cJSON_DetachItemFromObjectCaseSensitive(a, "edit");
		const char *title = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(a, "title"));

		if (cmd == NULL && edit != NULL && s->apply_edit) {
			cmd = cJSON_CreateObject();
			cJSON_AddStringToObject(cmd, "title", title != NULL ? title : "");
			cJSON_AddStringToObject(cmd, "command", "missionc.appliquer");
			cJSON_AddItemToArray(cJSON_AddArrayToObject(cmd, "arguments"), edit);
			edit = NULL;
		}
		cJSON_Delete(edit);
		if (cmd != NULL)
			cJSON_AddItemToArray(list, cmd);
	}
	cJSON_Delete(actions);
	return list;
}

cJSON *
lsp_code_action(lsp_server *s, lsp_doc *d, const cJSON *params, lsp_failure *f)
{
	mc_query *q = lsp_doc_query(s, d);
	const cJSON *ctx = cJSON_GetObjectItemCaseSensitive(params, "context");
	const cJSON *diags = cJSON_GetObjectItemCaseSensitive(ctx, "diagnostics");
	const cJSON *diag;
	cJSON *list = cJSON_CreateArray();

	if (!cJSON_IsArray(diags)) {
		f->code = LSP_INVALID_PARAMS;
		f->message = "paramètre context.diagnostics manquant";
		cJSON_Delete(list);
		return NULL;
	}
	if (q == NULL)
		return list;
	cJSON_ArrayForEach(diag, diags) {
		const cJSON *code = cJSON_GetObjectItemCaseSensitive(diag, "code");
		const cJSON *data = cJSON_GetObjectItemCaseSensitive(diag, "data");
		const cJSON *repl = cJSON_GetObjectItemCaseSensitive(data, "remplacement");
		const char *role;
		uint32_t start, end;
		char title[256], *name;

		if (!cJSON_IsObject(diag) || !diag_range(d, diag, &start, &end))
			continue;
		/* The suggestion travels in data; a client that drops data still
		 * has it in the message. */
		name = cJSON_IsString(repl) ? strdup(repl->valuestring) :
		    lsp_suggested_name(cJSON_GetStringValue(
		    cJSON_GetObjectItemCaseSensitive(diag, "message")));
		if (name != NULL) {
			snprintf(title, sizeof(title), "Remplacer par « %s »", name);
			add_action(list, title, diag, workspace_edit(d, mc_query_source(q),
			    start, end, name), NULL);
			free(name);
		} else if (cJSON_IsString(code) &&
		    (role = signing_role(q, code->valuestring)) != NULL) {
			add_signature(d, q, diag, role, list);
		} else if (cJSON_IsString(code) && strcmp(code->valuestring, "a_completer") == 0 &&
		    s->show_document) {
			/* served by window/showDocument: only to a client that
			 * announced it (LSP 3.17, window.showDocument) */
			cJSON *cmd = cJSON_CreateObject(), *args;

			cJSON_AddStringToObject(cmd, "title", "Sélectionner le blanc « … »");
			cJSON_AddStringToObject(cmd, "command", "missionc.selectionnerBlanc");
			args = cJSON_AddArrayToObject(cmd, "arguments");
			cJSON_AddItemToArray(args, cJSON_CreateString(d->uri));
			cJSON_AddItemToArray(args, lsp_range(d, mc_query_source(q), start, end));
			add_action(list, "Sélectionner le blanc « … »", diag, NULL, cmd);
		}
	}
	return s->code_action_literals ? list : as_commands(s, list);
}

/* missionc.selectionnerBlanc URI RANGE: the editor shows the document with
 * the blank selected (window/showDocument), ready to be typed over. */
cJSON *
lsp_execute_command(lsp_server *s, const cJSON *params, lsp_failure *f)
{
	const cJSON *cmd = cJSON_GetObjectItemCaseSensitive(params, "command");
	const cJSON *args = cJSON_GetObjectItemCaseSensitive(params, "arguments");
	const cJSON *uri = cJSON_GetArrayItem(args, 0), *range = cJSON_GetArrayItem(args, 1);
	uint32_t l, c;
	cJSON *p;

	/* missionc.appliquer EDIT: a code action's edit, for a client without
	 * CodeAction literals, sent back to be applied. */
	if (cJSON_IsString(cmd) && strcmp(cmd->valuestring, "missionc.appliquer") == 0) {
		const cJSON *edit = cJSON_IsArray(args) ? uri : NULL;

		if (!cJSON_IsObject(edit)) {
			f->code = LSP_INVALID_PARAMS;
			f->message = "argument attendu : la modification (WorkspaceEdit)";
			return NULL;
		}
		if (!s->apply_edit) {
			f->code = LSP_REQUEST_FAILED;
			f->message = "l’éditeur n’annonce pas workspace/applyEdit";
			return NULL;
		}
		p = cJSON_CreateObject();
		cJSON_AddStringToObject(p, "label", "missionc");
		cJSON_AddItemToObject(p, "edit", cJSON_Duplicate(edit, 1));
		lsp_request(++s->requests, "workspace/applyEdit", p);
		return NULL;
	}
	if (!cJSON_IsString(cmd) || strcmp(cmd->valuestring, "missionc.selectionnerBlanc") != 0) {
		f->code = LSP_INVALID_PARAMS;
		f->message = "commande inconnue";
		return NULL;
	}
	if (!cJSON_IsArray(args) || !cJSON_IsString(uri) || !cJSON_IsObject(range) ||
	    !lsp_read_position(cJSON_GetObjectItemCaseSensitive(range, "start"), &l, &c) ||
	    !lsp_read_position(cJSON_GetObjectItemCaseSensitive(range, "end"), &l, &c)) {
		f->code = LSP_INVALID_PARAMS;
		f->message = "arguments attendus : l’URI du document et l’étendue du blanc";
		return NULL;
	}
	if (!s->show_document) {
		f->code = LSP_REQUEST_FAILED;
		f->message = "l’éditeur n’annonce pas window/showDocument : le blanc ne peut être sélectionné";
		return NULL;
	}
	p = cJSON_CreateObject();
	cJSON_AddStringToObject(p, "uri", uri->valuestring);
	cJSON_AddBoolToObject(p, "takeFocus", 1);
	cJSON_AddItemToObject(p, "selection", cJSON_Duplicate(range, 1));
	lsp_request(++s->requests, "window/showDocument", p);
	return NULL;
}
