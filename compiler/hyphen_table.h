/* hyphen_table.h — libhyphen's dictionary for the French patterns as C
 * tables, written at build time by tools/hyphen_table.c from hyphen-fr
 * (gen/hyph_fr.c), read back by pdf_hyphen.c. Strings are offsets into the
 * pool, -1 for none. */
#ifndef MC_HYPHEN_TABLE_H
#define MC_HYPHEN_TABLE_H

#include <hyphen.h>

typedef struct mc_hyph_state {
	int match, repl;                /* HyphenState's strings */
	signed char replindex, replcut;
	int fallback_state, num_trans;
	int trans;                      /* its first in the transitions, or -1 */
} mc_hyph_state;

/* One dictionary of the chain (HyphenDict's nextlevel): its fields, and its
 * states from first_state on. */
typedef struct mc_hyph_level {
	char lhmin, rhmin, clhmin, crhmin;
	int nohyphen, nohyphenl;
	int num_states;
	int first_state;
	int utf8;
	int cset;
} mc_hyph_level;

extern const HyphenTrans mc_hyph_fr_trans[];
extern const mc_hyph_state mc_hyph_fr_states[];
extern const mc_hyph_level mc_hyph_fr_levels[];
extern const int mc_hyph_fr_nlevels;
extern const char mc_hyph_fr_pool[];

#endif
