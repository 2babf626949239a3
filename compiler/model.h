/* model.h — a référentiel once loaded from stdlib/: its roles, missions with
 * their activities and official texts, and its rules. Read-only after loading,
 * so one référentiel serves every letter of a batch. */
#ifndef MC_MODEL_H
#define MC_MODEL_H

#include "ast.h"
#include "diag.h"
#include "source.h"

/* The gender a letter agrees with: from the civilité (« Mme », « M. ») or
 * « genre » of a party; UNKNOWN gives the epicene forms. */
typedef enum mc_gender { MC_G_UNKNOWN, MC_G_MASC, MC_G_FEM } mc_gender;

/* A label in its forms: the masculine (the référentiel's name of the role or
 * corps), « feminin "…" » and « epicene "…" » when the stdlib gives them. */
typedef struct mc_label {
	const char *m;
	const char *f;           /* NULL: the masculine serves */
	const char *e;           /* NULL: « m ou f » */
} mc_label;

typedef struct mc_role {
	const char *id;
	const char *label;       /* == forms.m */
	mc_label forms;
	const mc_node *decl;
} mc_role;

typedef struct mc_corps {
	const char *id;
	const char *label;       /* == forms.m */
	mc_label forms;
	const char *degree;      /* "premier", "second" or NULL */
	mc_quantity ors;         /* weekly service, unit NONE when not given */
	const mc_node *decl;
} mc_corps;

typedef struct mc_activity {
	const char *id;
	const char *text;
	const char *group_id;    /* NULL outside a groupe */
	const char *group_text;
	int paragraph;           /* « paragraphe »: a paragraph after the list, not an item */
	const mc_node *decl;
} mc_activity;

typedef struct mc_mission {
	const char *id;
	const char *title;       /* the source's (masculine) reading, for listings */
	const char *title_text;  /* as written, with its alternatives {il|elle} */
	int number;              /* 0 when the source does not number it */
	const char *text;        /* introduction, may be NULL */
	const char *action;
	const char *variant;     /* « variante "premier degré" »: tells apart two
	                          * missions of one title without an action, or NULL */
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
	const mc_source *src;    /* decl's file: another référentiel's for a
	                          * mission taken by « missions selon » */
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
	const char *wrong;       /* « faux »: letter lines that breach it, or NULL */
	const char *right;       /* « juste »: the same lines, fixed, or NULL */
	int per_mission;         /* « pour_chaque mission »: checked on each one */
	int first_year;          /* school years it applies to; 0 = open */
	int last_year;
	const mc_node *decl;
} mc_rule;

/* A pair of a référentiel's words: a label and its text. */
typedef struct mc_ref_label {
	const char *label;
	const char *text;
} mc_ref_label;

struct mc_referential {
	const char *name;
	const char *title;       /* the source's (masculine) reading, for listings */
	const char *title_text;  /* as written, with its alternatives */
	const char *source;
	const char *holder;      /* role id of the agent who takes the mission */
	const char *preamble;
	mc_quantity part_value;  /* « valeur_part 1 250 € », unit NONE if none */
	/* « activites toutes »: each mission prints all its activities, as the
	 * model does, the letter's marked; « activites choisies "intro" »: only
	 * the letter's, introduced by `intro` instead of the missions' texts,
	 * and the missions numbered in the letter's order. */
	int all_activities;
	const char *chosen_intro;
	const char *parts_basis;  /* « remuneration parts "…" »: the texts that pay the parts */
	/* « identification "Label" "valeur" »: the post, as its fiche
	 * identifies it, in the référentiel's order. */
	mc_ref_label *identification;
	size_t nidentification;
	/* « en_tete_fiche PUBLIC "Pacte lycée professionnel" »: the words a
	 * sheet prints above a mission for that public (label: the public). */
	mc_ref_label *sheet_headers;
	size_t nsheet_headers;
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

/* A generic noun that begins an établissement's name (« lycée
 * professionnel », « cité scolaire »): its gender gives « du » or « de la »,
 * its first letter « de l’ ». */
typedef struct mc_estab_noun {
	const char *noun;        /* as printed inside a sentence: « lycée professionnel » */
	mc_gender gender;
	const char *kind;        /* « sorte college »: what rules read, or NULL */
} mc_estab_noun;

/* What every référentiel shares: stdlib/commun.mission (the corps, the
 * generic nouns of établissements). */
typedef struct mc_commons {
	mc_source src;
	mc_corps *corps;
	size_t ncorps;
	mc_estab_noun *nouns;
	size_t nnouns;
	const char *imp_basis;    /* « remuneration imp "…" »: the IMP's texts */
	mc_diags diags;
	int broken;
} mc_commons;

const mc_role *mc_ref_role(const mc_referential *ref, const char *id);
const mc_mission *mc_ref_mission(const mc_referential *ref, const char *id);
const mc_activity *mc_mission_activity(const mc_mission *m, const char *id);
const mc_corps *mc_commons_corps(const mc_commons *c, const char *id);
/* The rule's source followed by the kind of text it is: « (texte national) »
 * or « (texte de l’académie d’Aix-Marseille, pas un texte national) ». origin.c */
const char *mc_rule_origin(mc_arena *arena, const mc_referential *ref,
    const char *source);
/* The form of a label for a gender: feminine or epicene when given. */
const char *mc_label_for(const mc_label *l, mc_gender g);
/* Reads the statements of a stdlib file parsed elsewhere (src: its text as
 * an editor has it, saved or not), as mc_stdlib_get reads a référentiel a
 * letter uses, or commun.mission when src is named so: every diagnostic the
 * loader makes goes to d, with those of lib's commun.mission when it has
 * errors. The référentiel is named after its file (« pacte.mission »: rule
 * codes « pacte.… »). Nothing of it is kept in lib, which loads only what
 * it refers to (commun.mission, « missions selon »), from its folder. */
void mc_stdlib_check_source(mc_stdlib *lib, mc_arena *arena, mc_diags *d,
    const mc_source *src, mc_node *stmts, size_t count);
/* The same reading, and what it read (in arena): the référentiel, or NULL
 * for commun.mission (then *commons, else lib's commun.mission). Its own
 * missions and their activities are declared in src (mc_mission.src), its
 * roles and rules too; a mission taken by « missions selon » in its file. */
const mc_referential *mc_stdlib_read_source(mc_stdlib *lib, mc_arena *arena,
    mc_diags *d, const mc_source *src, mc_node *stmts, size_t count,
    const mc_commons **commons);
/* The blocks of a stdlib file where declarations are written, and the
 * declarations of each (referential.def): a référentiel's top level, a
 * « mission », a « groupe », a « regle »; commun.mission's top level, a
 * « corps ». */
typedef enum mc_ref_block {
	MC_RB_REFERENTIAL, MC_RB_MISSION, MC_RB_GROUP, MC_RB_RULE, MC_RB_COMMONS,
	MC_RB_CORPS
} mc_ref_block;
typedef struct mc_ref_keyword {
	mc_ref_block block;
	const char *key;
	const char *expects;
} mc_ref_keyword;
extern const mc_ref_keyword mc_ref_keywords[];
extern const size_t mc_ref_keyword_count;

/* Finds a rule by its code « ddfpt.duree_max » or its id « duree_max ». */
const mc_rule *mc_ref_rule(const mc_referential *ref, const char *code);

#endif
