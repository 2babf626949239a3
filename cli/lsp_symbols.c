/* lsp_symbols.c — textDocument/documentSymbol: the letter's outline, its
 * parties, its missions and under each mission its activities; a
 * référentiel's, its roles, missions with their activities, rules; the corps
 * of commun.mission (mc_query_outline). */
#include "lsp.h"

/* LSP 3.17 SymbolKind */
static int
symbol_kind(mc_name_kind k)
{
	switch (k) {
	case MC_NAME_PARTY: return 13;      /* Variable */
	case MC_NAME_MISSION: return 5;     /* Class */
	case MC_NAME_ACTIVITY: return 6;    /* Method */
	case MC_NAME_ROLE: return 10;       /* Enum */
	case MC_NAME_CORPS: return 22;      /* EnumMember */
	case MC_NAME_RULE: return 12;       /* Function */
	default: return 13;
	}
}

static cJSON *
symbol(const lsp_doc *d, const mc_source *src, const mc_outline_item *it)
{
	cJSON *o = cJSON_CreateObject();
	int kind = symbol_kind(it->kind);

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
