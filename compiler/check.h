/* check.h — checking a resolved letter: what every letter needs, then each
 * rule of its référentiel that applies to its school year. */
#ifndef MC_CHECK_H
#define MC_CHECK_H

#include "letter.h"

void mc_check_letter(mc_diags *d, const mc_letter *l);
/* Does the rule apply to the letter's school year? */
int mc_rule_applies(const mc_rule *rule, const mc_letter *l);

#endif
