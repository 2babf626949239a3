/* letter.c — the letter vocabulary's table (letter.def) and the lookups of a
 * resolved letter's parties (letter.h). Apart from the resolver so that the
 * rules' evaluation (facts.c) reads a letter without depending on it. */
#include "letter.h"

#include <string.h>

const mc_kw_info mc_kw_table[MC_KW__COUNT] = {
#define KW(id, key, repeat, unit, subs, expects) { key, repeat, unit, subs, expects },
#include "letter.def"
#undef KW
};

mc_kw
mc_kw_find(const char *key)
{
	/* The rules ask it for every fact they read, in every letter of a
	 * batch: the first byte rules out most keywords without a call. */
	for (int i = 0; i < MC_KW__COUNT; i++)
		if (mc_kw_table[i].key[0] == key[0] && strcmp(mc_kw_table[i].key, key) == 0)
			return (mc_kw)i;
	return MC_KW__COUNT;
}

const mc_party *
mc_letter_party(const mc_letter *l, const char *name)
{
	if (l->party_slots == NULL) {
		for (size_t i = 0; i < l->nparties; i++)
			if (strcmp(l->parties[i].name, name) == 0)
				return &l->parties[i];
		return NULL;
	}
	for (size_t k = mc_hash_bytes(name, strlen(name)) & (l->party_nslots - 1);;
	    k = (k + 1) & (l->party_nslots - 1)) {
		uint32_t slot = l->party_slots[k];

		if (slot == 0)
			return NULL;
		if (strcmp(l->parties[slot - 1].name, name) == 0)
			return &l->parties[slot - 1];
	}
}

void
mc_letter_party_add(mc_letter *l)
{
	size_t i = l->nparties - 1;
	const char *name;

	if (l->party_slots == NULL)
		return;
	name = l->parties[i].name;
	for (size_t k = mc_hash_bytes(name, strlen(name)) & (l->party_nslots - 1);;
	    k = (k + 1) & (l->party_nslots - 1))
		if (l->party_slots[k] == 0) {
			l->party_slots[k] = (uint32_t)i + 1;
			return;
		}
}

const mc_party *
mc_letter_party_with_role(const mc_letter *l, const char *role)
{
	for (size_t i = 0; i < l->nparties; i++)
		if (l->parties[i].role != NULL && strcmp(l->parties[i].role->id, role) == 0)
			return &l->parties[i];
	return NULL;
}
