/* letter.h — a letter once resolved against its référentiel: its declarations
 * indexed by keyword, its parties, period, missions and signatures. Built by
 * resolve.c, read by check.c and by the rules (facts.c). */
#ifndef MC_LETTER_H
#define MC_LETTER_H

#include "model.h"

typedef enum mc_kw {
#define KW(id, key, repeat, unit, subs, expects) MC_KW_##id,
#include "letter.def"
#undef KW
	MC_KW__COUNT
} mc_kw;

typedef struct mc_kw_info {
	const char *key;
	int repeatable;
	mc_unit unit;
	const char *subs;       /* space-separated sub-keys */
	const char *expects;
} mc_kw_info;

#define MC_KW_BIT(kw) ((uint64_t)1 << (kw))

extern const mc_kw_info mc_kw_table[MC_KW__COUNT];
/* The keyword of a folded key, or MC_KW__COUNT. */
mc_kw mc_kw_find(const char *key);

typedef struct mc_party {
	const char *name;
	const mc_role *role;
	const char *person;
	const mc_corps *corps;
	const mc_node *corps_node;
	const mc_node *stmt;
	const mc_node *signature;  /* where it signs, or NULL */
	mc_gender gender;          /* « genre », else the civilité, else unknown */
} mc_party;

/* An activity a mission of the letter asks for: one of the référentiel's,
 * or the letter's own (« activité spécifique "…" »), and the texts of its
 * observations. */
typedef struct mc_letter_activity {
	const mc_activity *activity;   /* NULL for the letter's own */
	const mc_node *text;           /* the letter's own words, or NULL */
	const mc_node *stmt;
	const mc_node **observations;  /* their texts (STRING or TEXT nodes) */
	size_t nobservations;
} mc_letter_activity;

typedef struct mc_letter_mission {
	const mc_mission *mission;
	const mc_node *stmt;
	mc_letter_activity *activities;  /* in the letter's order */
	size_t nactivities;
	const mc_node **observations;    /* the mission's own, their texts */
	size_t nobservations;
	const mc_node *quantum;   /* « 12 h » or « forfait » after the name, or NULL */
	const mc_node *rank;      /* « principale » or « secondaire », or NULL */
	const mc_node *bilan;     /* « bilan PARTIE » in its block, or NULL */
	const mc_party *bilan_party;  /* that party, once resolved */
} mc_letter_mission;

typedef struct mc_letter {
	const mc_referential *ref;
	const mc_source *src;
	const mc_node *header;
	const mc_node *first[MC_KW__COUNT];  /* first declaration of each keyword */
	int has_period;
	int first_year, last_year;           /* school years, by their first year */
	const mc_node *period;               /* the period's value, for diagnostics */
	mc_party *parties;
	size_t nparties;
	/* The parties by name (mc_letter_party_add): slots hold an index + 1,
	 * 0 when free; a power of two, at least twice the parties. Without
	 * it, a letter of 200 000 « partie » lines took minutes to check. */
	uint32_t *party_slots;
	size_t party_nslots;
	mc_letter_mission *missions;
	size_t nmissions;
	const mc_node **workplaces;          /* the « intervient » declarations */
	size_t nworkplaces;
	int has_date;
	mc_date signed_on;
	/* The first error on a declaration of each keyword (or on a misspelt
	 * one that looks like it): the rules reading it wait for its fix. */
	mc_diag *misread[MC_KW__COUNT];
} mc_letter;

const mc_party *mc_letter_party(const mc_letter *l, const char *name);
/* Indexes the party just appended (the last one), its name not yet taken. */
void mc_letter_party_add(mc_letter *l);
const mc_party *mc_letter_party_with_role(const mc_letter *l, const char *role);

#endif
