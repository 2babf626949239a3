/* check.c — evaluates the référentiel's rules on a resolved letter and reports
 * each broken one where the letter breaks it, with the rule's message, what to
 * do, its official source, and a note pointing at the rule in the stdlib. */
#include "check.h"
#include "facts.h"

#include <stdio.h>
#include <string.h>

int
mc_rule_applies(const mc_rule *rule, const mc_letter *l)
{
	if (rule->first_year == 0 && rule->last_year == 0)
		return 1;
	if (!l->has_period)
		return 0;
	if (rule->first_year != 0 && l->first_year < rule->first_year)
		return 0;
	if (rule->last_year != 0 && l->first_year > rule->last_year)
		return 0;
	return 1;
}

static void
report(mc_diags *d, const mc_letter *l, const mc_letter_mission *lm,
    const mc_rule *rule, const mc_value *v)
{
	const mc_referential *ref = l->ref;
	const mc_node *where = v->origin != NULL ? v->origin : l->header;
	mc_diag *diag;

	diag = mc_diag_custom(d, rule->severity, rule->code,
	    mc_span_of(l->src, where->start, where->end), rule->message);
	if (diag == NULL)
		return;
	diag->rule_source = mc_rule_origin(d->arena, ref, rule->source);
	diag->suggestion = rule->advice;
	if (v->cmp != NULL) {
		static const char *const months[] = {
			"janvier", "février", "mars", "avril", "mai", "juin", "juillet",
			"août", "septembre", "octobre", "novembre", "décembre"
		};
		char seen[64];
		const mc_node *e = rule->require;

		if (v->seen_name != NULL)
			snprintf(seen, sizeof(seen), "« %s »", v->seen_name);
		else if (v->seen_is_date)
			snprintf(seen, sizeof(seen), "le %d%s %s %d", v->seen_date.day,
			    v->seen_date.day == 1 ? "er" : "",
			    months[v->seen_date.month - 1], v->seen_date.year);
		else if (v->seen_year != 0)
			snprintf(seen, sizeof(seen), "l’année scolaire %d-%d", v->seen_year,
			    v->seen_year + 1);
		else
			mc_quantity_format(v->seen, seen, sizeof(seen), 0);
		char expected[512];

		/* Said with the values it expects; quoted when it cannot be. */
		if (mc_rule_expected(l, lm, e, v->cmp, expected, sizeof(expected)))
			mc_diag_note(d, diag, mc_span_of(&ref->src, e->start, e->end),
			    "la lettre indique %s ; %s%s%sla règle demande %s", seen,
			    lm != NULL ? "pour la mission " : "",
			    lm != NULL ? lm->mission->id : "", lm != NULL ? ", " : "",
			    expected);
		else
			mc_diag_note(d, diag, mc_span_of(&ref->src, e->start, e->end),
			    "la lettre indique %s ; la règle exige « %.*s »", seen,
			    (int)(e->end - e->start), ref->src.text + e->start);
	}
	mc_diag_note(d, diag, mc_span_of(&ref->src, rule->decl->u.stmt.head->start,
	    rule->decl->u.stmt.args->end), "règle « %s » du référentiel « %s »",
	    rule->code, ref->name);
}

/* A rule reading a declaration the letter got wrong would judge a letter the
 * author did not write (« le chef doit signer » for a misspelt « signature »):
 * it is not reported; when it would fail, the cause says so in a note, so that
 * its error comes as no surprise once the line is fixed. One mistake, one
 * message. */
typedef struct waiting {
	char *rules[MC_KW__COUNT];   /* « code », « code »… per misread keyword */
	int many[MC_KW__COUNT];
} waiting;

/* The misread keyword the rule reads, or MC_KW__COUNT. */
static mc_kw
misread_read(const mc_letter *l, const mc_rule *rule)
{
	uint64_t reads = mc_rule_reads(rule->require) | mc_rule_reads(rule->when);

	for (int kw = 0; kw < MC_KW__COUNT; kw++)
		if ((reads & MC_KW_BIT(kw)) && l->misread[kw] != NULL)
			return (mc_kw)kw;
	return MC_KW__COUNT;
}

static void
broken(mc_diags *d, const mc_letter *l, const mc_letter_mission *lm,
    const mc_rule *rule, mc_value *v, mc_kw kw, waiting *w)
{
	char *list;

	if (kw == MC_KW__COUNT) {
		report(d, l, lm, rule, v);
		return;
	}
	list = w->rules[kw];
	if (list != NULL && strstr(list, rule->code) != NULL)
		return;   /* a « pour_chaque mission » rule, already named */
	w->many[kw] = list != NULL;
	w->rules[kw] = list == NULL ? mc_arena_printf(d->arena, "« %s »", rule->code) :
	    mc_arena_printf(d->arena, "%s, « %s »", list, rule->code);
}

void
mc_check_letter(mc_diags *d, const mc_letter *l)
{
	const mc_referential *ref = l->ref;
	int misread = 0;
	waiting w;

	memset(&w, 0, sizeof(w));
	/* Most letters have no misread line: then no rule waits, and what each
	 * reads need not be looked for (a batch checks every rule per letter). */
	for (int kw = 0; kw < MC_KW__COUNT && !misread; kw++)
		misread = l->misread[kw] != NULL;
	if (!l->has_period && l->first[MC_KW_ANNEE] == NULL &&
	    l->first[MC_KW_PERIODE] == NULL)
		mc_diag_emit(d, MC_D_NO_PERIOD, mc_span_of(l->src, l->header->start,
		    l->header->end));
	if (ref == NULL)
		return;
	for (size_t i = 0; i < ref->nrules; i++) {
		const mc_rule *rule = &ref->rules[i];
		mc_kw kw = misread ? misread_read(l, rule) : MC_KW__COUNT;
		mc_value v;

		if (!mc_rule_applies(rule, l))
			continue;
		if (rule->per_mission) {
			for (size_t k = 0; k < l->nmissions; k++) {
				const mc_letter_mission *lm = &l->missions[k];

				if (rule->when != NULL &&
				    mc_rule_eval(l, lm, rule->when).truth != MC_TRUE)
					continue;
				v = mc_rule_eval(l, lm, rule->require);
				if (v.truth == MC_FALSE) {
					/* The mission is where the letter breaks it: its
					 * quantum when that is the value at fault. */
					if (v.origin == NULL || v.origin != lm->quantum)
						v.origin = lm->stmt->u.stmt.args;
					broken(d, l, lm, rule, &v, kw, &w);
				}
			}
			continue;
		}
		if (rule->when != NULL && mc_rule_eval(l, NULL, rule->when).truth != MC_TRUE)
			continue;
		v = mc_rule_eval(l, NULL, rule->require);
		if (v.truth == MC_FALSE)
			broken(d, l, NULL, rule, &v, kw, &w);
	}
	for (int kw = 0; kw < MC_KW__COUNT; kw++)
		if (w.rules[kw] != NULL)
			mc_diag_note(d, l->misread[kw], mc_span_of(NULL, 0, 0),
			    w.many[kw] ?
			    "les règles %s, qui lisent « %s », ne sont pas jugées tant que cette ligne n’est pas corrigée" :
			    "la règle %s, qui lit « %s », n’est pas jugée tant que cette ligne n’est pas corrigée",
			    w.rules[kw], mc_kw_table[kw].key);
}
