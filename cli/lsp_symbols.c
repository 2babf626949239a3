/* lsp_symbols.c — textDocument/documentSymbol: the letter's outline, its
 * parties, its missions and under each mission its activities. */
#include "lsp.h"

static cJSON *
symbol(const lsp_doc *d, const mc_source *src, const mc_outline_item *it)
{
	cJSON *o = cJSON_CreateObject();
	int kind = it->kind == MC_NAME_PARTY ? 13 :      /* Variable */
	    it->kind == MC_NAME_MISSION ? 5 : 6;         /* Class, Method */

	cJSON_AddStringToObject(o, "name", it->name);
	if (it->detail != NULL)
		cJSON_AddStringToObject(o, "detail", it->detail);
	cJSON_AddNumberToObject(o, "kind", kind);
	cJSON_AddItemToObject(o, "range", lsp_range(d, src, it->start, it->end));
	cJSON_AddItemToObject(o, "selectionRange",
	    lsp_range(d, src, it->name_start, it->name_end));
	return o;
}

cJSON *
lsp_document_symbols(lsp_server *s, lsp_doc *d, const cJSON *params,
    lsp_failure *f)
{
	mc_query *q = lsp_doc_query(s, d);
	const mc_outline_item *items;
	size_t n;
	cJSON *list = cJSON_CreateArray(), *mission = NULL;

	(void)params;
	(void)f;
	if (q == NULL)
		return list;
	n = mc_query_outline(q, &items);
	for (size_t i = 0; i < n; i++) {
		cJSON *sym = symbol(d, mc_query_source(q), &items[i]);

		if (items[i].depth > 0 && mission != NULL) {
			cJSON *children = cJSON_GetObjectItemCaseSensitive(mission, "children");

			if (children == NULL)
				children = cJSON_AddArrayToObject(mission, "children");
			cJSON_AddItemToArray(children, sym);
			continue;
		}
		cJSON_AddItemToArray(list, sym);
		mission = items[i].kind == MC_NAME_MISSION ? sym : NULL;
	}
	return list;
}
