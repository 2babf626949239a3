/* parse_driver.c — runs the scanner and parser over one source, in place. */
#include "parse.h"
#include "parse.tab.h"
#include "lex.h"


mc_node *
mc_parse(mc_arena *arena, mc_diags *diags, const mc_source *src, size_t *count)
{
	mc_parser p = { 0 };
	yyscan_t scanner;
	YY_BUFFER_STATE buf;

	*count = 0;
	p.arena = arena;
	p.diags = diags;
	p.src = src;
	if (mc_yylex_init_extra(&p, &scanner) != 0)
		return NULL;
	p.scanner = scanner;
	/* The source keeps two NUL bytes after its text, as flex wants, so the
	 * buffer is scanned where it is, without a copy. */
	buf = mc_yy_scan_buffer(src->text + src->body,
	    src->len - src->body + 2, scanner);
	if (buf != NULL) {
		yyparse(&p);
		mc_yy_delete_buffer(buf, scanner);
	}
	mc_yylex_destroy(scanner);
	*count = p.nstmts;
	return p.stmts;
}
