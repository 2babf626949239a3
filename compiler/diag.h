/* diag.h — collecting diagnostics as data: the catalogue enum generated from
 * diagnostics.def, and the per-compilation list that passes append to. */
#ifndef MC_DIAG_H
#define MC_DIAG_H

#include "missionc.h"
#include "arena.h"

typedef enum mc_diag_id {
#define DIAG(id, code, severity, message) MC_D_##id,
#define EXPLAIN(id, text, wrong, right)
#include "diagnostics.def"
#undef EXPLAIN
#undef DIAG
	MC_D__COUNT
} mc_diag_id;

typedef struct mc_diags {
	mc_arena *arena;
	const mc_diag **items;  /* malloc'd array of pointers into arenas */
	size_t count, cap;
	size_t limit;           /* stop collecting after this many */
	int full;
	mc_severity worst;
} mc_diags;

void mc_diags_init(mc_diags *d, mc_arena *arena, size_t limit);
void mc_diags_free(mc_diags *d);
/* Appends a diagnostic of the catalogue; the format arguments follow its message.
 * Returns NULL once the limit is reached (note and suggest accept NULL). */
mc_diag *mc_diag_emit(mc_diags *d, mc_diag_id id, mc_span span, ...);
/* Appends a diagnostic with its own code and message (a référentiel's rule). */
mc_diag *mc_diag_custom(mc_diags *d, mc_severity severity, const char *code,
    mc_span span, const char *message);
/* Appends an existing diagnostic (one of a référentiel's) by reference. */
void mc_diag_append(mc_diags *d, const mc_diag *diag);
void mc_diag_note(mc_diags *d, mc_diag *diag, mc_span span, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
/* Adds « vouliez-vous dire « name » ? » when name is not NULL. */
void mc_diag_suggest(mc_diags *d, mc_diag *diag, const char *name);
int mc_diags_has_errors(const mc_diags *d);
/* Is this diagnostic the catalogue's `id`? */
int mc_diag_is(const mc_diag *diag, mc_diag_id id);
/* Rewrites the i-th diagnostic, in place, as the catalogue's `id` with its
 * format arguments: a later pass that knows more makes an earlier fix whole
 * (« 19h30 » : écrivez « 19,5 h/semaine », not « 19,5 h » then a wrong
 * unit), and no second error is said about the same words. */
mc_diag *mc_diag_rewrite(mc_diags *d, size_t i, mc_diag_id id, mc_span span, ...);
/* Takes the i-th diagnostic out of the list (it became another's note). */
void mc_diags_remove(mc_diags *d, size_t i);

/* The hint of a « ; » between values (« signatures chef; agent »), given
 * by the scanner: the resolver knows it by its address, and folds it into
 * the line it gives for the same declaration. */
extern const char mc_hint_semicolon_list[];

/* The nearest candidate to a misspelt word, by edit distance. */
typedef struct mc_suggester {
	const char *word;
	const char *best;
	size_t best_distance;
	/* A name cut short or run on at a « _ » (« stage_reussite » for
	 * « stage_reussite_ecole_ouverte »): taken when it is the only one and
	 * no name is near enough. */
	const char *part;
	size_t nparts;
} mc_suggester;

void mc_suggest_init(mc_suggester *s, const char *word);
void mc_suggest_try(mc_suggester *s, const char *candidate);
/* Tries every item of an array whose items begin with their name (a
 * `const char *`): roles, corps, missions, activities, parties. */
void mc_suggest_each(mc_suggester *s, const void *items, size_t n, size_t stride);
const char *mc_suggest_best(const mc_suggester *s);
/* The suggestion of `s` on `diag`: « vouliez-vous dire », or, when only the
 * case differs, that the words of a letter are written in lower case. */
void mc_diag_suggest_best(mc_diags *d, mc_diag *diag, const mc_suggester *s);

#endif
