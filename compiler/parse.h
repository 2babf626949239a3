/* parse.h — turning a source into its syntax tree: the reentrant flex scanner
 * (grammar/lex.l) and the pure bison parser (grammar/parse.y) share this context. */
#ifndef MC_PARSE_H
#define MC_PARSE_H

#include "ast.h"
#include "source.h"

/* Limits that keep pathological input from exhausting the machine. */
#define MC_MAX_DEPTH 32          /* nested « { » and « ( » */
#define MC_MAX_TEXT 50000        /* characters in one string or text block */
#define MC_MAX_WORD 200          /* bytes in one identifier */

typedef struct mc_parser {
	mc_arena *arena;
	mc_diags *diags;
	const mc_source *src;
	const char *base;     /* flex's copy of the text: offsets are taken from it */
	void *scanner;
	int last_token;       /* for the lines that continue after « , » « et »… */
	int depth;            /* open « { » « ( » « [ » */
	int parens;           /* open « ( » « [ »: newlines inside are spaces */
	int aborted;          /* input too deep: stop without more errors */
	uint32_t opened[MC_MAX_DEPTH + 1];  /* where each open « { » « ( » « [ » is */
	mc_node *stmts;       /* the result */
	size_t nstmts;
	size_t scanned;       /* bytes the scanner examined, backing up included */
	uint32_t run_end;     /* end of the run of path characters being relexed */
	int prose;            /* the line starts with a capital: text left out of
	                       * quotes, its punctuation is not reported again */
	/* Each open « { »: one right after a « { », reported as no statement's
	 * block by the scanner (a run of them, once). */
	unsigned char stray[MC_MAX_DEPTH + 1];
} mc_parser;

typedef struct mc_loc {
	uint32_t start, end;
} mc_loc;

/* Parses the whole source. Diagnostics go to `diags`; the statements that could
 * be read are returned (error recovery goes on at the next line). */
mc_node *mc_parse(mc_arena *arena, mc_diags *diags, const mc_source *src,
    size_t *count);

/* Runs the scanner alone over the source and returns how many bytes it
 * examined: its work, which must stay linear in the size of the input
 * (tests/unit/test_lex_linear.c). */
size_t mc_scan_work(mc_arena *arena, mc_diags *diags, const mc_source *src);

#endif
