/* parse_driver.c — runs the scanner and parser over one source, in place. */
#include "parse.h"
#include "parse.tab.h"
#include "lex.h"

#include <string.h>

/* Sets up the scanner over a copy of the source, then parses it (or, for
 * mc_scan_work, only scans it). Returns 0 when the scanner could not start. */
static int
run(mc_parser *p, mc_arena *arena, mc_diags *diags, const mc_source *src,
    int parse)
{
	yyscan_t scanner;
	YY_BUFFER_STATE buf;
	char *copy;

	p->arena = arena;
	p->diags = diags;
	p->src = src;
	if (mc_yylex_init_extra(p, &scanner) != 0)
		return 0;
	p->scanner = scanner;
	/* flex writes into the buffer it scans (and leaves a NUL behind when the
	 * scan stops early): it gets a copy, with the two NUL bytes it wants, and
	 * the source stays intact for the diagnostics. */
	copy = mc_arena_alloc(arena, src->len + 2);
	if (copy == NULL) {
		mc_yylex_destroy(scanner);
		return 0;
	}
	memcpy(copy, src->text, src->len);
	p->base = copy;
	buf = mc_yy_scan_buffer(copy + src->body, src->len - src->body + 2, scanner);
	if (buf != NULL) {
		if (parse) {
			yyparse(p);
		} else {
			YYSTYPE val;
			YYLTYPE loc;

			while (mc_yylex(&val, &loc, scanner) != 0)
				;
		}
		mc_yy_delete_buffer(buf, scanner);
	}
	mc_yylex_destroy(scanner);
	return 1;
}

mc_node *
mc_parse(mc_arena *arena, mc_diags *diags, const mc_source *src, size_t *count)
{
	mc_parser p = { 0 };

	*count = 0;
	if (!run(&p, arena, diags, src, 1))
		return NULL;
	*count = p.nstmts;
	return p.stmts;
}

size_t
mc_scan_work(mc_arena *arena, mc_diags *diags, const mc_source *src)
{
	mc_parser p = { 0 };

	run(&p, arena, diags, src, 0);
	return p.scanned;
}
