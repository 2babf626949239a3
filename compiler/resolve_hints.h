/* resolve_hints.h — the hints resolve.c asks for when a declaration is
 * written the way an author saw it elsewhere (see resolve_hints.c).
 * Internal: not in missionc.h. */
#ifndef MC_RESOLVE_HINTS_H
#define MC_RESOLVE_HINTS_H

#include "resolver.h"

/* « activite specifique : "…" », « academie : "Aix-Marseille" », « uai :
 * "…" commune : "…" »: said once, at the first « : », with the line to
 * write without any. */
void mc_hint_no_colon(resolver *r, const mc_node *stmt);
/* « partie p : enseignant "…" corps : certifie »: the colons after the one
 * of « partie NOM : », said at the first of them. */
void mc_hint_extra_colons(resolver *r, const mc_node *stmt);
/* « signatures : chef, agent », « academie : "Aix-Marseille" »: the colon
 * is reported (no_colon), and what follows it read as the values, so that
 * the line does not also lack them. */
const mc_node *mc_hint_colon_as_space(resolver *r, const mc_node *stmt);
/* « période : 2025-2026 à 2027-2028 », « service : 39h - semaine »: a
 * form's « : » and another mistake on the same line. One error, the
 * other: its hint says to drop the « : » too, unless it already gives the
 * line to write (written without it). */
void mc_hint_fold_colon(resolver *r, const mc_node *s, size_t from);
/* An activity written under the wrong mission: the mission it belongs to. */
const char *mc_hint_mission_of_activity(resolver *r, const char *key);
/* A name of another référentiel (a Pacte mission in a DDFPT letter, a
 * letter copied from another kind): which one has it. */
const char *mc_hint_elsewhere(resolver *r, const char *key);
/* Reports a declaration unknown where it is. Returns the declaration of
 * `known` it stands for (« year » for « annee »), for the caller to read
 * it as meant, or NULL. */
const char *mc_hint_unknown_keyword(resolver *r, const mc_node *stmt,
    const char *const *known, size_t n);
/* « service annuel 1 607 h/an », « heures supplementaires 2 h/semaine »: a
 * declaration's word written in two. The declaration meant, its arguments
 * after the second word; NULL when the two words are no declaration. */
const mc_node *mc_hint_joined_keyword(resolver *r, const mc_node *s, mc_kw *kw);
/* Reports the two words of `s` read as `meant`: one error, at them, whose
 * hint is the line to write. When reading it as meant found one more
 * mistake on the line with its own line to write (« 1 607 h » for
 * « 1 607 h/an »), that line is the hint, and that error goes. */
void mc_hint_joined_report(resolver *r, const mc_node *s,
    const mc_node *meant, size_t from);
/* « mission x » without « { », its activities on the next lines and a « } »
 * alone after them: one error, on the mission, the stray « } » as its note. */
void mc_hint_not_opened(resolver *r, const mc_node *stmt);
/* « activite x » with no block, then an « observation » indented under it:
 * the observation belongs to the mission, whatever the indentation says. */
void mc_hint_check_indent(resolver *r, const mc_node *mission,
    const mc_node *s);
/* « mission devoirs_faits - 24 h », « mission x – principale »: a dash
 * between the name and its quantum or rank, as in a title. One error at
 * the dash, with the line to write; the statement read without it. */
const mc_node *mc_hint_title_dash(resolver *r, const mc_node *stmt);
/* « etablissement "Collège …" » then « uai "…" », « commune "…" » on the
 * lines below, as a form lists them: one error, with the line to write;
 * the lines below are not reported again. */
int mc_hint_split_lines(resolver *r, const mc_node *stmt);
/* The scanner's « uai 0130050J » error on the line of `stmt`, or -1. */
long mc_hint_bare_uai_on_line(const resolver *r, const mc_node *stmt);
/* « UAI : 0130050J », « uai: 0130050J »: a form's label copied with its
 * value. One error, the scanner's at the UAI, with the line to write: its
 * « : » gone, « uai » and « commune » in lower case, the UAI quoted. The
 * resolver's errors about the same words, made since `from`, go. */
void mc_hint_bare_uai_line(resolver *r, const mc_node *stmt, size_t at_uai,
    size_t from);

#endif
