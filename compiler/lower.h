/* lower.h — lowering (lower.c): a checked letter and a template become the
 * document the backends render. */
#ifndef MC_LOWER_H
#define MC_LOWER_H

#include "document.h"
#include "letter.h"
#include "template.h"

/* The document of a checked letter, in the arena `a`. NULL when out of
 * memory. */
const mc_document *mc_lower(mc_arena *a, const mc_letter *l, const mc_template *t);

#endif
