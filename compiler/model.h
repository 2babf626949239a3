/* model.h — a référentiel once loaded from stdlib/: its roles, missions with
 * their activities and official texts, and its rules. Read-only after loading,
 * so one référentiel serves every letter of a batch. */
#ifndef MC_MODEL_H
#define MC_MODEL_H

#include "ast.h"
#include "diag.h"
#include "source.h"

typedef struct mc_role {
	const char *id;
	const char *label;
	const mc_node *decl;
} mc_role;

typedef struct mc_corps {
	const char *id;
	const char *label;
	const char *degree;      /* "premier", "second" or NULL */
	mc_quantity ors;         /* weekly service, unit NONE when not given */
	const mc_node *decl;
} mc_corps;

typedef struct mc_activity {
	const char *id;
	const char *text;
	const char *group_id;    /* NULL outside a groupe */
	const char *group_text;
	const mc_node *decl;
} mc_activity;

typedef struct mc_mission {
	const char *id;
	const char *title;
	int number;              /* 0 when the source does not number it */
	const char *text;        /* introduction, may be NULL */
	const char *action;
	const char *complement;
	const char *bilan;
	const char *part;
	int flat;                /* quantum: engagement annuel forfaitaire */
	mc_quantity quantum;     /* unit NONE when not given */
	mc_quantity half;        /* demi-part quantum, unit NONE when none */
	int half_from;           /* first school year of the demi-part */
	const mc_node *publics;  /* the names after « public » (WORD nodes) */
	const mc_node *bilan_to; /* the roles after « destinataire_bilan », or NULL */
	mc_activity *activities;
	size_t nactivities;
	const mc_node *decl;
} mc_mission;

typedef struct mc_rule {
	const char *id;
	const char *code;        /* "ddfpt.duree_max" */
	mc_severity severity;
	const mc_node *when;     /* NULL: always */
	const mc_node *require;
	const char *message;
	const char *advice;      /* NULL or what to do */
	const char *source;      /* the official text it comes from */
	int per_mission;         /* « pour_chaque mission »: checked on each one */
	int first_year;          /* school years it applies to; 0 = open */
	int last_year;
	const mc_node *decl;
} mc_rule;

struct mc_referential {
	const char *name;
	const char *title;
	const char *source;
	const char *holder;      /* role id of the agent who takes the mission */
	const char *preamble;
	mc_quantity part_value;  /* « valeur_part 1 250 € », unit NONE if none */
	mc_source src;
	mc_role *roles;
	size_t nroles;
	mc_mission *missions;
	size_t nmissions;
	mc_rule *rules;
	size_t nrules;
	const struct mc_commons *commons;
	mc_diags diags;
	int broken;
	const char *version;     /* fingerprint of its file and commun's */
};

/* What every référentiel shares: stdlib/commun.mission (the corps). */
typedef struct mc_commons {
	mc_source src;
	mc_corps *corps;
	size_t ncorps;
	mc_diags diags;
	int broken;
} mc_commons;

const mc_role *mc_ref_role(const mc_referential *ref, const char *id);
const mc_mission *mc_ref_mission(const mc_referential *ref, const char *id);
const mc_activity *mc_mission_activity(const mc_mission *m, const char *id);
const mc_corps *mc_commons_corps(const mc_commons *c, const char *id);
/* Finds a rule by its code « ddfpt.duree_max » or its id « duree_max ». */
const mc_rule *mc_ref_rule(const mc_referential *ref, const char *code);

#endif
