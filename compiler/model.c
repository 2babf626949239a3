/* model.c — finding a role, a mission, an activity, a corps or a rule of a
 * loaded référentiel by its name (model.h). Apart from the loader (stdlib.c)
 * so that the rules' evaluation (facts.c) and the resolver can use them
 * without depending on the loader, which itself type-checks the rules. */
#include "model.h"

#include <string.h>

const mc_role *
mc_ref_role(const mc_referential *ref, const char *id)
{
	for (size_t i = 0; i < ref->nroles; i++)
		if (strcmp(ref->roles[i].id, id) == 0)
			return &ref->roles[i];
	return NULL;
}

const mc_mission *
mc_ref_mission(const mc_referential *ref, const char *id)
{
	for (size_t i = 0; i < ref->nmissions; i++)
		if (strcmp(ref->missions[i].id, id) == 0)
			return &ref->missions[i];
	return NULL;
}

const mc_activity *
mc_mission_activity(const mc_mission *m, const char *id)
{
	for (size_t i = 0; i < m->nactivities; i++)
		if (strcmp(m->activities[i].id, id) == 0)
			return &m->activities[i];
	return NULL;
}

const mc_corps *
mc_commons_corps(const mc_commons *c, const char *id)
{
	if (c == NULL)
		return NULL;
	for (size_t i = 0; i < c->ncorps; i++)
		if (strcmp(c->corps[i].id, id) == 0)
			return &c->corps[i];
	return NULL;
}

const mc_rule *
mc_ref_rule(const mc_referential *ref, const char *code)
{
	for (size_t i = 0; i < ref->nrules; i++)
		if (strcmp(ref->rules[i].code, code) == 0 ||
		    strcmp(ref->rules[i].id, code) == 0)
			return &ref->rules[i];
	return NULL;
}
