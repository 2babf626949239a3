/* fuzz_common.h — what the libFuzzer harnesses share: the standard library
 * and the default template, opened once from the repository root (make fuzz
 * runs from there), and a check that stops the run on a broken invariant. */
#ifndef MC_FUZZ_COMMON_H
#define MC_FUZZ_COMMON_H

#include <stdio.h>
#include <stdlib.h>

#include "missionc.h"

/* A broken invariant is a crash for libFuzzer: it keeps the input. */
#define FUZZ_CHECK(cond, what)                                               \
	do {                                                                 \
		if (!(cond)) {                                               \
			fprintf(stderr, "invariant rompu : %s\n", what);     \
			abort();                                             \
		}                                                            \
	} while (0)

static inline mc_stdlib *
fuzz_stdlib(void)
{
	mc_stdlib *lib = mc_stdlib_open("stdlib");

	FUZZ_CHECK(lib != NULL, "bibliothèque stdlib/ (lancer depuis la racine)");
	return lib;
}

static inline mc_template *
fuzz_template(void)
{
	mc_template *t = mc_template_open("templates/defaut", "build/polices");

	FUZZ_CHECK(t != NULL && mc_template_diag_count(t) == 0,
	    "modèle templates/defaut (make all pour les polices)");
	return t;
}

#endif
