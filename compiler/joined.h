/* joined.h — declarations joined by a trailing « , », « et » or « : » to the
 * next line's declaration, split back (joined.c). */
#ifndef MC_JOINED_H
#define MC_JOINED_H

#include "ast.h"
#include "diag.h"
#include "source.h"

/* Splits the statements of a letter (and of their blocks) where a line that
 * starts a declaration was read as the values of the one before; each split
 * is reported. *count grows by the statements added at the top. */
void mc_split_joined_lines(mc_arena *a, mc_diags *d, const mc_source *src,
    mc_node *stmts, size_t *count);

#endif
