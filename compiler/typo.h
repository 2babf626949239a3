/* typo.h — French typography for the lowering pass (typo.c). */
#ifndef MC_TYPO_H
#define MC_TYPO_H

#include "arena.h"
#include "ast.h"

/* The text with French typography applied, in the arena; NULL when out of
 * memory. Blanks (spaces, line ends) become single spaces, trimmed. */
char *mc_typo(mc_arena *a, const char *s, size_t len);
/* « 15 septembre 2025 », « 1er septembre 2025 » (no-break spaces). */
char *mc_date_words(mc_arena *a, mc_date d);
/* « d’Aix-Marseille », « de Lyon »: the name after « de », elided. */
char *mc_de(mc_arena *a, const char *name);

#endif
