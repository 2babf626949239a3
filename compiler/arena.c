/* arena.c — chunked bump allocator (see arena.h). */
#include "arena.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct mc_arena_chunk {
	mc_arena_chunk *prev;
	size_t size;    /* usable bytes in data */
	size_t used;
	max_align_t data[];
};

enum { ALIGN = _Alignof(max_align_t) };

void
mc_arena_init(mc_arena *a, size_t chunk_size)
{
	a->head = NULL;
	a->chunk_size = chunk_size ? chunk_size : (size_t)64 * 1024;
	a->failed = 0;
}

static mc_arena_chunk *
chunk_new(size_t size, mc_arena_chunk *prev)
{
	mc_arena_chunk *c;

	if (size > SIZE_MAX - sizeof(*c))
		return NULL;
	c = malloc(sizeof(*c) + size);
	if (c == NULL)
		return NULL;
	c->prev = prev;
	c->size = size;
	c->used = 0;
	return c;
}

void *
mc_arena_alloc(mc_arena *a, size_t size)
{
	mc_arena_chunk *c = a->head;
	void *p;

	if (size > SIZE_MAX - ALIGN) {
		a->failed = 1;
		return NULL;
	}
	size = (size + ALIGN - 1) / ALIGN * ALIGN;
	if (c == NULL || c->size - c->used < size) {
		size_t want = size > a->chunk_size / 4 ? size : a->chunk_size;
		mc_arena_chunk *n;

		if (c != NULL && want == size && c->used < c->size / 2) {
			/* A big block goes behind the current chunk, which keeps filling. */
			n = chunk_new(want, c->prev);
			if (n == NULL) {
				a->failed = 1;
				return NULL;
			}
			c->prev = n;
			n->used = size;
			memset(n->data, 0, size);
			return n->data;
		}
		n = chunk_new(want, c);
		if (n == NULL) {
			a->failed = 1;
			return NULL;
		}
		a->head = c = n;
	}
	p = (char *)c->data + c->used;
	c->used += size;
	memset(p, 0, size);
	return p;
}

char *
mc_arena_strndup(mc_arena *a, const char *s, size_t len)
{
	char *p = mc_arena_alloc(a, len + 1);

	if (p == NULL)
		return NULL;
	memcpy(p, s, len);
	p[len] = '\0';
	return p;
}

char *
mc_arena_strdup(mc_arena *a, const char *s)
{
	return mc_arena_strndup(a, s, strlen(s));
}

char *
mc_arena_printf(mc_arena *a, const char *fmt, ...)
{
	mc_arena_chunk *c = a->head;
	va_list ap;
	int n;
	char *p;

	/* Written once where the next block would go when it fits there (most
	 * messages and agreed phrases), measured first only when not. */
	if (c != NULL && !a->failed) {
		size_t room = c->size - c->used;

		p = (char *)c->data + c->used;
		va_start(ap, fmt);
		n = vsnprintf(p, room, fmt, ap);
		va_end(ap);
		if (n < 0)
			return NULL;
		if ((size_t)n < room) {
			size_t size = ((size_t)n + 1 + ALIGN - 1) / ALIGN * ALIGN;

			c->used += size <= room ? size : room;
			return p;
		}
	}
	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		return NULL;
	p = mc_arena_alloc(a, (size_t)n + 1);
	if (p == NULL)
		return NULL;
	va_start(ap, fmt);
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return p;
}

void
mc_arena_reset(mc_arena *a)
{
	mc_arena_chunk *c = a->head, *keep = NULL;

	while (c != NULL) {
		mc_arena_chunk *prev = c->prev;

		if (keep == NULL && c->size == a->chunk_size)
			keep = c;
		else
			free(c);
		c = prev;
	}
	if (keep != NULL) {
		keep->prev = NULL;
		keep->used = 0;
	}
	a->head = keep;
	a->failed = 0;
}

void
mc_arena_free(mc_arena *a)
{
	mc_arena_chunk *c = a->head;

	while (c != NULL) {
		mc_arena_chunk *prev = c->prev;

		free(c);
		c = prev;
	}
	a->head = NULL;
}

size_t
mc_arena_used(const mc_arena *a)
{
	size_t n = 0;

	for (const mc_arena_chunk *c = a->head; c != NULL; c = c->prev)
		n += c->used;
	return n;
}
