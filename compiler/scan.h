/* scan.h — a source as the compiler's own scanner sees it: its tokens in
 * order, with their byte ranges and the nodes the scanner made of literals.
 * The formatter and the editor queries work from this stream (and from the
 * parsed statements), so they read a letter exactly as the compiler does. */
#ifndef MC_SCAN_H
#define MC_SCAN_H

#include "ast.h"
#include "source.h"

typedef enum mc_tok_kind {
	MC_TOK_WORD,      /* a name or keyword (node: MC_N_WORD) */
	MC_TOK_CALL,      /* a name followed by « ( » */
	MC_TOK_PATH,
	MC_TOK_BLANK,     /* « … » */
	MC_TOK_FIELD,     /* «nom» */
	MC_TOK_STRING,
	MC_TOK_TEXT,      /* """…""" */
	MC_TOK_NUMBER,    /* a number, with or without unit */
	MC_TOK_DATE,
	MC_TOK_YEAR,
	MC_TOK_NEWLINE,   /* a line end that ends a statement */
	MC_TOK_PUNCT,     /* « , : { } ( ) [ ] < > = + - * » (punct holds it) */
	MC_TOK_OPERATOR   /* « et ou non dans .. <= >= != » */
} mc_tok_kind;

typedef struct mc_token {
	mc_tok_kind kind;
	char punct;
	uint32_t start, end;
	const mc_node *node;   /* literal and word tokens; NULL otherwise */
} mc_token;

typedef struct mc_tokens {
	mc_token *items;
	size_t count;
} mc_tokens;

/* Scans the whole source; tokens and nodes live in `arena`, lexical
 * diagnostics go to `diags`. Returns 0 when out of memory. */
int mc_scan(mc_arena *arena, mc_diags *diags, const mc_source *src,
    mc_tokens *out);

/* The index of the first token that ends after `offset` (count if none). */
size_t mc_token_after(const mc_tokens *t, uint32_t offset);

#endif
