/* arena.h — bump allocator: one arena per compilation, freed (or reset) at once.
 * Nodes, strings and diagnostics of a compilation live here, so nothing is freed
 * node by node and a batch can reuse the same memory letter after letter. */
#ifndef MC_ARENA_H
#define MC_ARENA_H

#include <stddef.h>

typedef struct mc_arena_chunk mc_arena_chunk;

typedef struct mc_arena {
	mc_arena_chunk *head;   /* chunk being filled */
	size_t chunk_size;      /* default size of a new chunk */
	int failed;             /* an allocation failed: results are unreliable */
} mc_arena;

void mc_arena_init(mc_arena *a, size_t chunk_size);
/* Returns zeroed memory aligned for any object, or NULL when out of memory. */
void *mc_arena_alloc(mc_arena *a, size_t size);
char *mc_arena_strndup(mc_arena *a, const char *s, size_t len);
char *mc_arena_strdup(mc_arena *a, const char *s);
char *mc_arena_printf(mc_arena *a, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Keeps the first chunk for reuse, frees the others. */
void mc_arena_reset(mc_arena *a);
void mc_arena_free(mc_arena *a);
size_t mc_arena_used(const mc_arena *a);

#endif
