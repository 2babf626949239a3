/* batch_map.c — the one hash table of a batch's command line: 64-bit keys
 * (hashes of names, of keys of groups) to 64-bit values, open addressing,
 * 16 bytes a key. Names given (batch_names.c), the next suffix of a name met
 * twice, the letters a journal records (batch_resume.c); and the growing
 * arrays of the recueils (batch_bundle.c, batch_bundle_log.c). */
#include <stdlib.h>
#include <string.h>

#include "batch.h"

u64_slot *
u64_map_slot(u64_map *m, uint64_t key, int *added)
{
	size_t i;

	if (key == 0)
		key = 1;        /* 0 marks a free slot */
	/* Linear probing stays short up to three quarters full. */
	if (4 * (m->n + 1) > 3 * m->cap) {
		size_t cap = m->cap ? m->cap * 2 : 1024;
		u64_slot *slots = calloc(cap, sizeof(*slots));

		if (slots == NULL)
			return NULL;
		for (size_t k = 0; k < m->cap; k++)
			if (m->slots[k].key != 0) {
				for (i = m->slots[k].key % cap; slots[i].key != 0; i = (i + 1) % cap)
					;
				slots[i] = m->slots[k];
			}
		free(m->slots);
		m->slots = slots;
		m->cap = cap;
	}
	for (i = key % m->cap; m->slots[i].key != 0 && m->slots[i].key != key;
	    i = (i + 1) % m->cap)
		;
	*added = m->slots[i].key == 0;
	if (*added) {
		m->slots[i].key = key;
		m->slots[i].value = 0;
		m->n++;
	}
	return &m->slots[i];
}

const u64_slot *
u64_map_find(const u64_map *m, uint64_t key)
{
	if (key == 0)
		key = 1;
	if (m->cap == 0)
		return NULL;
	for (size_t i = key % m->cap; m->slots[i].key != 0; i = (i + 1) % m->cap)
		if (m->slots[i].key == key)
			return &m->slots[i];
	return NULL;
}

void
u64_map_free(u64_map *m)
{
	free(m->slots);
	memset(m, 0, sizeof(*m));
}

void *
batch_grow(void *items, size_t *cap, size_t n, size_t size)
{
	void *more;

	if (n < *cap)
		return items;
	if ((more = realloc(items, (*cap ? *cap * 2 : 16) * size)) != NULL)
		*cap = *cap ? *cap * 2 : 16;
	return more;
}
