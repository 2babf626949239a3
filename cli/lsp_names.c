/* lsp_names.c — completion, hover and go to definition: the names the
 * library's query (compiler/query.c) finds at the cursor, with their official
 * text and source in Markdown (plain text for a client that does not
 * announce it); over a diagnostic, its explanation
 * (`missionc expliquer`). */
#include <stdlib.h>
#include <string.h>

#include "lsp.h"

/* The byte offset of params.position in the document; 0 when invalid. */
static int
cursor(const lsp_doc *d, const cJSON *params, uint32_t *offset, lsp_failure *f)
{
	uint32_t line, character;

	if (!lsp_read_position(cJSON_GetObjectItemCaseSensitive(params, "position"),
	    &line, &character)) {
		f->code = LSP_INVALID_PARAMS;
		f->message = "paramètre « position » invalide";
		return 0;
	}
	*offset = lsp_offset(d, line, character);
	return 1;
}

/* Text in Markdown (md): the characters Markdown would read as markup are
 * escaped; in plain text, as it is. */
static void
put_text(mc_buffer *b, const char *s, int md)
{
	for (; *s != '\0'; s++) {
		if (md && strchr("\\`*_[]<>#|", *s) != NULL)
			mc_buffer_put(b, "\\", 1);
		mc_buffer_put(b, s, 1);
	}
}

static const char *
kind_name(mc_name_kind k)
{
	switch (k) {
	case MC_NAME_KEYWORD: return "déclaration";
	case MC_NAME_REFERENTIAL: return "référentiel";
	case MC_NAME_ROLE: return "rôle";
	case MC_NAME_CORPS: return "corps";
	case MC_NAME_MISSION: return "mission";
	case MC_NAME_ACTIVITY: return "activité";
	case MC_NAME_PARTY: return "partie";
	case MC_NAME_RULE: return "règle";
	case MC_NAME_NONE: break;
	}
	return "";
}

/* What a name is, for a hover or a completion's documentation, in Markdown
 * or plain text (md = 0: what the client reads when it does not announce
 * Markdown, LSP 3.17 MarkupContent). */
static void
describe(mc_buffer *b, const mc_name *n, int heading, int md)
{
	if (heading) {
		mc_buffer_printf(b, md ? "**%s** `%s`" : "%s %s", kind_name(n->kind), n->name);
		if (n->detail != NULL) {
			mc_buffer_puts(b, " — ");
			put_text(b, n->detail, md);
		}
		mc_buffer_puts(b, "\n\n");
	}
	if (n->text != NULL) {
		put_text(b, n->text, md);
		mc_buffer_puts(b, "\n\n");
	}
	if (n->source != NULL) {
		mc_buffer_puts(b, md ? "*Source :* " : "Source : ");
		put_text(b, n->source, md);
		mc_buffer_puts(b, "\n\n");
	}
	if (n->def.src != NULL && n->kind != MC_NAME_PARTY) {
		unsigned line, col;
		const char *file = mc_source_name(n->def.src), *slash = strrchr(file, '/');

		mc_source_position(n->def.src, n->def.start, &line, &col);
		mc_buffer_printf(b, md ? "*Défini dans* `%s:%u`\n" : "Défini dans %s:%u\n",
		    slash ? slash + 1 : file, line);
	}
}

static cJSON *
markup(mc_buffer *b, int md)
{
	cJSON *m = cJSON_CreateObject();

	mc_buffer_put(b, "", 1);
	cJSON_AddStringToObject(m, "kind", md ? "markdown" : "plaintext");
	cJSON_AddStringToObject(m, "value", b->failed ? "" : b->data);
	return m;
}

static int
item_kind(mc_name_kind k)
{
	switch (k) {
	case MC_NAME_KEYWORD: return 14;      /* Keyword */
	case MC_NAME_REFERENTIAL: return 9;   /* Module */
	case MC_NAME_ROLE: return 13;         /* Enum */
	case MC_NAME_CORPS: return 20;        /* EnumMember */
	case MC_NAME_MISSION: return 7;       /* Class */
	case MC_NAME_ACTIVITY: return 2;      /* Method */
	case MC_NAME_PARTY: return 6;         /* Variable */
	case MC_NAME_RULE: return 3;          /* Function */
	case MC_NAME_NONE: break;
	}
	return 1;
}

cJSON *
lsp_completion(lsp_server *s, lsp_doc *d, const cJSON *params, lsp_failure *f)
{
	mc_query *q = lsp_doc_query(s, d);
	const mc_name *names;
	uint32_t offset, start, end;
	size_t n;
	cJSON *list, *items;

	if (!cursor(d, params, &offset, f))
		return NULL;
	if (q == NULL) {
		f->code = LSP_REQUEST_FAILED;
		f->message = "mémoire insuffisante";
		return NULL;
	}
	list = cJSON_CreateObject();
	cJSON_AddBoolToObject(list, "isIncomplete", 0);
	items = cJSON_AddArrayToObject(list, "items");
	/* In a «field»: the export's columns (lsp_fields.c), nothing else. A
	 * référentiel has no export: its « » are quotations of its sources. */
	if (!lsp_library_doc(s, d) && lsp_field_completion(d, mc_query_source(q), offset, items))
		return list;
	n = mc_query_complete(q, offset, &names, &start, &end);
	for (size_t i = 0; i < n; i++) {
		cJSON *it = cJSON_CreateObject(), *edit;
		mc_buffer doc;

		cJSON_AddStringToObject(it, "label", names[i].name);
		cJSON_AddNumberToObject(it, "kind", item_kind(names[i].kind));
		if (names[i].detail != NULL)
			cJSON_AddStringToObject(it, "detail", names[i].detail);
		mc_buffer_init(&doc);
		describe(&doc, &names[i], 0, s->completion_markdown);
		if (doc.len > 0)
			cJSON_AddItemToObject(it, "documentation",
			    markup(&doc, s->completion_markdown));
		mc_buffer_free(&doc);
		/* The word already typed is replaced, accents and all. */
		edit = cJSON_AddObjectToObject(it, "textEdit");
		cJSON_AddItemToObject(edit, "range", lsp_range(d, mc_query_source(q), start, end));
		cJSON_AddStringToObject(edit, "newText", names[i].name);
		cJSON_AddItemToArray(items, it);
	}
	return list;
}

/* The diagnostic of the document's last check under the cursor, if any: a
 * fresh check, as `verifier` would give it. */
static void
explain_at(lsp_server *s, lsp_doc *d, uint32_t offset, mc_buffer *b)
{
	mc_stdlib *opened;
	mc_result *res = lsp_check(s, d, &opened);

	for (size_t i = 0; res != NULL && i < mc_result_diag_count(res); i++) {
		const mc_diag *g = mc_result_diag(res, i);

		if (g->span.src == NULL || strcmp(mc_source_name(g->span.src), d->path) != 0 ||
		    offset < g->span.start || offset > g->span.end)
			continue;
		if (s->hover_markdown)
			mc_buffer_puts(b, "```\n");
		if (!mc_explain(s->lib, g->code, NULL, b))
			mc_buffer_printf(b, "%s\n", g->code);
		mc_buffer_puts(b, s->hover_markdown ? "```\n\n" : "\n");
		break;
	}
	mc_result_free(res);
	mc_stdlib_close(opened);
}

cJSON *
lsp_hover(lsp_server *s, lsp_doc *d, const cJSON *params, lsp_failure *f)
{
	mc_query *q = lsp_doc_query(s, d);
	uint32_t offset, start = 0, end = 0;
	mc_name n;
	int found;
	mc_buffer b;
	cJSON *h;

	if (!cursor(d, params, &offset, f))
		return NULL;
	if (q == NULL)
		return NULL;
	mc_buffer_init(&b);
	explain_at(s, d, offset, &b);
	found = mc_query_name_at(q, offset, &n, &start, &end);
	if (found)
		describe(&b, &n, 1, s->hover_markdown);
	if (b.len == 0) {
		mc_buffer_free(&b);
		return NULL;
	}
	h = cJSON_CreateObject();
	cJSON_AddItemToObject(h, "contents", markup(&b, s->hover_markdown));
	if (found)
		cJSON_AddItemToObject(h, "range", lsp_range(d, mc_query_source(q), start, end));
	mc_buffer_free(&b);
	return h;
}

cJSON *
lsp_definition(lsp_server *s, lsp_doc *d, const cJSON *params, lsp_failure *f)
{
	mc_query *q = lsp_doc_query(s, d);
	uint32_t offset, start, end;
	mc_name n;

	if (!cursor(d, params, &offset, f))
		return NULL;
	if (q == NULL || !mc_query_name_at(q, offset, &n, &start, &end) ||
	    n.def.src == NULL)
		return NULL;
	return lsp_location(d, mc_query_source(q), n.def);
}
