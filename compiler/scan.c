/* scan.c — runs the compiler's scanner (grammar/lex.l) alone over a source
 * and keeps its token stream, for the formatter and the editor queries. */
#include "scan.h"
#include "lex_support.h"
#include "lex.h"

#include <stdlib.h>
#include <string.h>

static mc_tok_kind
kind_of(int token)
{
	switch (token) {
	case WORD: return MC_TOK_WORD;
	case CALL: return MC_TOK_CALL;
	case PATH: return MC_TOK_PATH;
	case BLANK: return MC_TOK_BLANK;
	case FIELD: return MC_TOK_FIELD;
	case STRING: return MC_TOK_STRING;
	case TEXT: return MC_TOK_TEXT;
	case NUMBER: case QUANTITY: return MC_TOK_NUMBER;
	case DATE: return MC_TOK_DATE;
	case YEAR: return MC_TOK_YEAR;
	case NEWLINE: return MC_TOK_NEWLINE;
	case AND: case OR: case NOT: case IN: case DOTDOT: case LE: case GE:
	case NE:
		return MC_TOK_OPERATOR;
	default:
		return MC_TOK_PUNCT;
	}
}

static int
push(mc_tokens *t, size_t *cap, const mc_token *tok)
{
	if (t->count == *cap) {
		size_t n = *cap ? *cap * 2 : 256;
		mc_token *items = realloc(t->items, n * sizeof(*items));

		if (items == NULL)
			return 0;
		t->items = items;
		*cap = n;
	}
	t->items[t->count++] = *tok;
	return 1;
}

int
mc_scan(mc_arena *arena, mc_diags *diags, const mc_source *src, mc_tokens *out)
{
	mc_parser p = { 0 };
	yyscan_t scanner;
	YY_BUFFER_STATE buf;
	mc_tokens t = { NULL, 0 };
	size_t cap = 0;
	char *copy;
	int ok = 1;

	out->items = NULL;
	out->count = 0;
	p.arena = arena;
	p.diags = diags;
	p.src = src;
	if (mc_yylex_init_extra(&p, &scanner) != 0)
		return 0;
	p.scanner = scanner;
	/* flex writes into its buffer: it scans a copy (see parse_driver.c). */
	copy = mc_arena_alloc(arena, src->len + 2);
	if (copy == NULL) {
		mc_yylex_destroy(scanner);
		return 0;
	}
	memcpy(copy, src->text, src->len);
	p.base = copy;
	buf = mc_yy_scan_buffer(copy + src->body, src->len - src->body + 2, scanner);
	for (;;) {
		YYSTYPE val = { 0 };
		YYLTYPE loc = { 0, 0 };
		int token;
		mc_token tok;

		if (buf == NULL)
			break;
		token = mc_yylex(&val, &loc, scanner);
		if (token == 0)
			break;
		tok.kind = kind_of(token);
		tok.punct = tok.kind == MC_TOK_PUNCT ? (char)token : 0;
		tok.start = loc.start;
		tok.end = loc.end;
		tok.node = tok.kind < MC_TOK_NEWLINE ? val.node : NULL;
		if (!push(&t, &cap, &tok)) {
			ok = 0;
			break;
		}
	}
	if (buf != NULL)
		mc_yy_delete_buffer(buf, scanner);
	mc_yylex_destroy(scanner);
	/* The stream is kept in the arena: it goes when the compilation goes. */
	if (ok && t.count > 0) {
		out->items = mc_arena_alloc(arena, t.count * sizeof(*t.items));
		if (out->items == NULL)
			ok = 0;
		else
			memcpy(out->items, t.items, t.count * sizeof(*t.items));
		out->count = ok ? t.count : 0;
	}
	free(t.items);
	return ok;
}

size_t
mc_token_after(const mc_tokens *t, uint32_t offset)
{
	size_t lo = 0, hi = t->count;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (t->items[mid].end <= offset)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}
