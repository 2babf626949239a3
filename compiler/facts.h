/* facts.h — the rules' expressions: what a rule may read of a letter (facts
 * such as « duree » or « service », functions such as renseigne(…) or
 * signe(…)), their type-checking when a référentiel is loaded, and their
 * evaluation on a resolved letter. */
#ifndef MC_FACTS_H
#define MC_FACTS_H

#include "letter.h"

typedef enum mc_type_kind {
	MC_T_ERROR,
	MC_T_BOOL,
	MC_T_QTY,      /* with a unit; MC_U_NONE for counts */
	MC_T_DATE,
	MC_T_YEAR,
	MC_T_NAME,     /* a corps, a role… */
	MC_T_NAMES,    /* a list of names */
	MC_T_QTYS      /* a list of quantities of one unit */
} mc_type_kind;

typedef struct mc_type {
	mc_type_kind kind;
	mc_unit unit;
} mc_type;

/* Type-checks a rule's expression; an error goes to diags and gives MC_T_ERROR. */
mc_type mc_rule_typecheck(const mc_referential *ref, const mc_node *expr,
    int per_mission, mc_diags *diags);

typedef enum mc_truth {
	MC_FALSE,
	MC_TRUE,
	MC_UNKNOWN     /* the letter does not give the value: the rule does not apply */
} mc_truth;

typedef struct mc_value {
	mc_type_kind kind;
	mc_truth truth;          /* MC_T_BOOL, or MC_UNKNOWN for any absent value */
	mc_quantity qty;
	mc_date date;
	int year;
	const char *name;
	const mc_node *items;    /* MC_T_NAMES: the list's nodes (in the référentiel) */
	const mc_node *origin;   /* the letter's node the value comes from, or NULL */
	const mc_node *cmp;      /* the comparison that decided a false result */
	mc_quantity seen;        /* its letter-side value */
	const char *seen_name;   /* or the name, when names were compared */
	int seen_is_date;        /* or the date, in seen_date */
	mc_date seen_date;
	int seen_year;           /* or the school year (its first year), 0 when none */
} mc_value;

/* `mission` is the letter's mission a « pour_chaque mission » rule is looking
 * at, NULL for the other rules. */
mc_value mc_rule_eval(const mc_letter *letter, const mc_letter_mission *mission,
    const mc_node *expr);
/* The declarations (bits MC_KW_BIT(kw)) an expression reads. */
uint64_t mc_rule_reads(const mc_node *expr);
/* Where `needle` is in `text` (len bytes), ignoring ASCII case, or NULL. */
const char *mc_text_find(const char *text, size_t len, const char *needle);
/* Does the expression read the letter (not only the référentiel)? */
int mc_expr_reads_letter(const mc_node *expr);
/* What a rule asks for, said in French with the values it expects for this
 * letter (and mission): « 24 h ou 12 h », « au plus 3 ans ». `cmp` is the
 * comparison that failed (mc_value.cmp). Returns 0 when the rule cannot be
 * said so (the caller quotes the expression). expected.c */
int mc_rule_expected(const mc_letter *l, const mc_letter_mission *lm,
    const mc_node *expr, const mc_node *cmp, char *buf, size_t size);
/* A requirement said in French without a letter, when it compares the
 * letter's values with values written in the rule: « au plus 3 ans pour la
 * durée de la lettre ». Returns 0 when it cannot be said so. expected.c */
int mc_rule_said(const mc_node *expr, char *buf, size_t size);
/* The parts of the Pacte a mission of the letter counts for (thousandths). */
int64_t mc_mission_parts(const mc_letter_mission *m);

#endif
