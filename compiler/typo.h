/* typo.h — French typography for the lowering pass (typo.c). */
#ifndef MC_TYPO_H
#define MC_TYPO_H

#include "arena.h"
#include "ast.h"
#include "model.h"

/* The text with French typography applied, in the arena; NULL when out of
 * memory. Blanks (spaces, line ends) become single spaces, trimmed. */
char *mc_typo(mc_arena *a, const char *s, size_t len);
/* « 15 septembre 2025 », « 1er septembre 2025 » (no-break spaces). */
char *mc_date_words(mc_arena *a, mc_date d);
/* « d’Aix-Marseille », « de Lyon »: the name after « de », elided. */
char *mc_de(mc_arena *a, const char *name);
char *mc_a(mc_arena *a, const char *name);
/* A party's name put in a référentiel's text after the `len` bytes of
 * `before` (« {chef_etablissement} »): the name as it is to follow them, with
 * the elision or contraction of the word before it — « de » + « Isabelle
 * Arnaud » is « d’Isabelle Arnaud », « que » + « Ève… » « qu’Ève… », « de » +
 * « le proviseur » « du proviseur » — and its capital at the start of a
 * sentence (« mme Durand, directrice… »). *cut is set to how many bytes at the
 * end of `before` the result replaces (« de »). NULL when out of memory. */
char *mc_join_person(mc_arena *a, const char *before, size_t len, const char *name,
    size_t *cut);

/* Agreement with a person (docs/referentiels.md, « Accorder ») */

/* The gender a civilité gives: « Mme », « Madame », « Mlle » feminine,
 * « M. », « Monsieur » masculine, anything else unknown. */
mc_gender mc_civilite_gender(const char *person);
/* A civilité written the way French does not (« Mme. », « Mr », « M » with no
 * dot): the right one (« Mme », « M. »), and in *written how many bytes the
 * wrong one takes; NULL when the name starts otherwise. */
const char *mc_civilite_fix(const char *person, size_t *written);
/* The civilité `person` starts with, as the tables spell it (« Mme »), or "". */
const char *mc_civilite_of(const char *person);
/* Whether a party's name holds more than a civilité (« Mme », « M. ») and
 * blanks: a letter cannot be signed by nobody. */
int mc_person_named(const char *person);
/* Whose gender an alternative agrees with: `role` (n bytes) is the role
 * written before « : » in « {ddfpt:il|elle} », NULL for the default person. */
typedef mc_gender (*mc_gender_of)(const void *ctx, const char *role, size_t n);
/* The text with its alternatives « {il|elle} », « placé{|e} »,
 * « {il|elle|il ou elle} », « {ddfpt:il|elle} » resolved: the first for the
 * masculine, the second for the feminine, the third (or « a ou b », or
 * « a(b) » when a is empty) when the gender is unknown. Braces without « | »
 * (placeholders) are kept. NULL when out of memory. */
char *mc_agree(mc_arena *a, const char *s, mc_gender_of who, const void *ctx);
/* The text with each « {corps:ID} » replaced by a corps label in gender g:
 * `own` (the holder's corps) when not NULL, else the corps ID of `c` (the
 * source's word, when the letter does not say the corps). NULL when out of
 * memory. */
char *mc_fill_corps(mc_arena *a, const char *s, const mc_commons *c,
    const mc_corps *own, mc_gender g);
/* The text with every alternative in its epicene form (skeletons, listings). */
char *mc_epicene(mc_arena *a, const char *s);
/* The text in its masculine reading: the source's own words (listings). */
char *mc_masculine(mc_arena *a, const char *s);
/* « du lycée professionnel Jean Moulin », « de la cité scolaire … »,
 * « de l’EREA … »: « de » and the article of the generic noun that begins
 * the name (the stdlib's « nom_etablissement » table), the noun as the table
 * writes it; « de l’établissement NAME » when no noun of the table begins it. */
char *mc_du(mc_arena *a, const char *name, const mc_estab_noun *nouns, size_t n);
/* The generic noun of the table that begins the name (the longest), or NULL;
 * *len its length in the name. */
const mc_estab_noun *mc_estab_noun_of(const char *name, const mc_estab_noun *nouns,
    size_t n, size_t *len);

#endif
