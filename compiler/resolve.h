/* resolve.h — binding a parsed letter to its référentiel (see resolve.c). */
#ifndef MC_RESOLVE_H
#define MC_RESOLVE_H

#include "letter.h"

/* Fills `l`; returns 1 when the letter has a usable référentiel (the rules can
 * then be checked), 0 otherwise. Diagnostics go to d. */
int mc_resolve(mc_arena *arena, mc_diags *d, mc_stdlib *lib,
    const mc_source *src, const mc_node *stmts, size_t count, mc_letter *l);

#endif
