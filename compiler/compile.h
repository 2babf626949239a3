/* compile.h — what the library's own modules see of a compilation (the
 * public mc_result is opaque): its diagnostics, its source, its document. */
#ifndef MC_COMPILE_H
#define MC_COMPILE_H

#include "ast.h"
#include "document.h"
#include "template.h"

/* The document of a letter checked without error, lowered once with the
 * template; NULL when the letter has errors (or out of memory). */
const mc_document *mc_result_document(mc_result *res, const mc_template *t);
mc_diags *mc_result_diags(mc_result *res);
const mc_source *mc_result_source(const mc_result *res);

/* For batch.c: a result whose letter is built elsewhere. */
mc_result *mc_result_new(void);
mc_arena *mc_result_arena(mc_result *res);
/* The result reads a source it does not own (a batch model's). */
void mc_result_share_source(mc_result *res, const mc_source *src);
void mc_result_check(mc_result *res, mc_stdlib *lib, mc_node *stmts, size_t count);

#endif
