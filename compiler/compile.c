/* compile.c — one compilation: a letter read, resolved and checked in its own
 * arena, its diagnostics sorted by position and returned as data. */
#include "check.h"
#include "compile.h"
#include "fields.h"
#include "joined.h"
#include "lower.h"
#include "parse.h"
#include "pdf_charset.h"
#include "resolve.h"

#include <stdlib.h>
#include <string.h>

struct mc_result {
	mc_arena arena;
	mc_diags diags;
	mc_source src;
	mc_letter letter;
	int checked;                 /* resolved and checked: a letter to render */
	const mc_document *doc;      /* lowered once, for `doc_template` */
	const mc_template *doc_template;
};

/* Diagnostics of the letter come in file order; those of another file (a
 * broken référentiel) after them, in the order found. */
static int
before(const mc_diag *x, const mc_diag *y, const mc_source *own)
{
	if (x->span.src == own && y->span.src != own)
		return 1;
	if (x->span.src != own || y->span.src != own)
		return 0;
	return x->span.start < y->span.start;
}

static void
sort_diags(mc_result *res)
{
	/* Stable insertion sort: few diagnostics, mostly in order already. */
	const mc_diag **items = res->diags.items;

	for (size_t i = 1; i < res->diags.count; i++) {
		const mc_diag *t = items[i];
		size_t j = i;

		while (j > 0 && before(t, items[j - 1], &res->src)) {
			items[j] = items[j - 1];
			j--;
		}
		items[j] = t;
	}
}

mc_result *
mc_result_new(void)
{
	mc_result *res = calloc(1, sizeof(*res));

	if (res == NULL)
		return NULL;
	mc_arena_init(&res->arena, (size_t)64 * 1024);
	mc_diags_init(&res->diags, &res->arena, 100);
	return res;
}

mc_arena *
mc_result_arena(mc_result *res)
{
	return &res->arena;
}

void
mc_result_share_source(mc_result *res, const mc_source *src)
{
	res->src = *src;
}

/* Resolves and checks the statements of res->src. */
void
mc_result_check(mc_result *res, mc_stdlib *lib, mc_node *stmts, size_t count)
{
	/* After a syntax error the rules would judge a letter the author did
	 * not write (a broken line reads as a missing one): names are still
	 * resolved, rules wait for the syntax to be fixed. */
	int unreadable = mc_diags_has_errors(&res->diags);

	mc_resolve(&res->arena, &res->diags, lib, &res->src, stmts, count,
	    &res->letter);
	/* A skeleton is judged on its blanks first, like a broken line; so is
	 * a batch model checked as a letter, on its fields. */
	for (size_t i = 0; i < res->diags.count && !unreadable; i++)
		unreadable = strcmp(res->diags.items[i]->code, "a_completer") == 0 ||
		    strcmp(res->diags.items[i]->code, "champ_de_lot") == 0;
	if (!unreadable && res->letter.header != NULL) {
		mc_check_letter(&res->diags, &res->letter);
		res->checked = res->letter.ref != NULL;
	}
	sort_diags(res);
}

mc_result *
mc_check(mc_stdlib *lib, const char *name, const char *text, size_t len)
{
	mc_result *res = mc_result_new();
	mc_node *stmts;
	size_t count = 0;

	if (res == NULL)
		return NULL;
	if (mc_source_init(&res->src, &res->arena, &res->diags, name, text, len)) {
		stmts = mc_parse(&res->arena, &res->diags, &res->src, &count);
		mc_split_joined_lines(&res->arena, &res->diags, &res->src, stmts, &count);
		mc_report_fields(&res->diags, &res->src, stmts);
		mc_report_unprintable(&res->diags, &res->src, stmts);
		mc_result_check(res, lib, stmts, count);
	} else {
		sort_diags(res);
	}
	return res;
}

mc_result *
mc_check_referential(mc_stdlib *lib, const char *name, const char *text, size_t len)
{
	mc_result *res = mc_result_new();
	mc_node *stmts;
	size_t count = 0;

	if (res == NULL)
		return NULL;
	/* What load_source does with the file's bytes, then the loader's
	 * reading: the same checks, not a copy of them. */
	if (mc_source_init(&res->src, &res->arena, &res->diags, name, text, len)) {
		stmts = mc_parse(&res->arena, &res->diags, &res->src, &count);
		mc_stdlib_check_source(lib, &res->arena, &res->diags, &res->src,
		    stmts, count);
	}
	sort_diags(res);
	return res;
}

const mc_document *
mc_result_document(mc_result *res, const mc_template *t)
{
	if (!res->checked || mc_diags_has_errors(&res->diags))
		return NULL;
	if (res->doc == NULL || res->doc_template != t) {
		res->doc = mc_lower(&res->arena, &res->letter, t);
		res->doc_template = t;
	}
	return res->doc;
}

mc_diags *
mc_result_diags(mc_result *res)
{
	return &res->diags;
}

const mc_source *
mc_result_source(const mc_result *res)
{
	return &res->src;
}

size_t
mc_result_diag_count(const mc_result *res)
{
	return res->diags.count;
}

const mc_diag *
mc_result_diag(const mc_result *res, size_t i)
{
	return i < res->diags.count ? res->diags.items[i] : NULL;
}

mc_severity
mc_result_worst(const mc_result *res)
{
	return res->diags.worst;
}

void
mc_result_free(mc_result *res)
{
	if (res == NULL)
		return;
	mc_diags_free(&res->diags);
	mc_arena_free(&res->arena);
	free(res);
}
