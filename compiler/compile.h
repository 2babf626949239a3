/* compile.h — what the library's own modules see of a compilation (the
 * public mc_result is opaque): its diagnostics, its source, its document. */
#ifndef MC_COMPILE_H
#define MC_COMPILE_H

#include "render.h"

/* The document of a letter checked without error, lowered once with the
 * template; NULL when the letter has errors (or out of memory). */
const mc_document *mc_result_document(mc_result *res, const mc_template *t);
mc_diags *mc_result_diags(mc_result *res);
const mc_source *mc_result_source(const mc_result *res);

#endif
