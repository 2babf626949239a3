/* parse_driver.c — runs the scanner and parser over one source, in place. */
#include "parse.h"
#include "parse.tab.h"
#include "lex.h"

#include <string.h>


mc_node *
mc_parse(mc_arena *arena, mc_diags *diags, const mc_source *src, size_t *count)
{
	mc_parser p = { 0 };
	yyscan_t scanner;
	YY_BUFFER_STATE buf;
	char *copy;

	*count = 0;
	p.arena = arena;
	p.diags = diags;
	p.src = src;
	if (mc_yylex_init_extra(&p, &scanner) != 0)
		return NULL;
	p.scanner = scanner;
	/* flex writes into the buffer it scans (and leaves a NUL behind when the
	 * scan stops early): it gets a copy, with the two NUL bytes it wants, and
	 * the source stays intact for the diagnostics. */
	copy = mc_arena_alloc(arena, src->len + 2);
	if (copy == NULL) {
		mc_yylex_destroy(scanner);
		return NULL;
	}
	memcpy(copy, src->text, src->len);
	p.base = copy;
	buf = mc_yy_scan_buffer(copy + src->body, src->len - src->body + 2, scanner);
	if (buf != NULL) {
		yyparse(&p);
		mc_yy_delete_buffer(buf, scanner);
	}
	mc_yylex_destroy(scanner);
	*count = p.nstmts;
	return p.stmts;
}
