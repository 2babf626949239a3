/* resolver.h — what resolving one letter keeps while it reads it, shared by
 * resolve.c (the binding) and resolve_hints.c (the fixes it suggests), with
 * the few readings of the source both make. Internal: not in missionc.h. */
#ifndef MC_RESOLVER_H
#define MC_RESOLVER_H

#include "letter.h"

#include <stdint.h>

typedef struct resolver {
	mc_arena *arena;
	mc_diags *d;
	const mc_source *src;
	mc_stdlib *lib;
	mc_letter *l;
	const mc_node **mission_seen;   /* by index in the référentiel */
	int orphans;    /* a mission's block was not opened: its activities follow */
	const mc_node *signed_node;   /* the date of « fait_a », once read */
	/* « uai » and « commune » written on the lines after « etablissement »:
	 * the last of them, said with it. */
	const mc_node *continued;
} resolver;

static inline mc_span
at(const resolver *r, const mc_node *n)
{
	return n != NULL ? mc_span_of(r->src, n->start, n->end) :
	    mc_span_of(r->src, 0, 0);
}

static inline const char *
stmt_word(const mc_node *stmt)
{
	return stmt->u.stmt.head->u.word.text;
}

/* The end of the line at `from`, before its comment, spaces left out. */
static inline uint32_t
line_end(const resolver *r, uint32_t from)
{
	const char *text = r->src->text;
	uint32_t end = from;

	while (end < r->src->len && text[end] != '\n' && text[end] != '#')
		end++;
	while (end > from && (text[end - 1] == ' ' || text[end - 1] == '\t' ||
	    text[end - 1] == '\r'))
		end--;
	return end;
}

/* Remembers the first error found on a declaration of `kw` since `from`:
 * the cause, that the rules reading this declaration must not hide. */
static inline void
misread(resolver *r, mc_kw kw, size_t from)
{
	if (kw == MC_KW__COUNT || r->l->misread[kw] != NULL)
		return;
	for (size_t i = from; i < r->d->count; i++)
		/* A repeated declaration is ignored: the first one is read. */
		if (r->d->items[i]->severity == MC_ERROR &&
		    !mc_diag_is(r->d->items[i], MC_D_DUPLICATE_DECLARATION) &&
		    !mc_diag_is(r->d->items[i], MC_D_DUPLICATE_PARTY) &&
		    !mc_diag_is(r->d->items[i], MC_D_DUPLICATE_MISSION) &&
		    !mc_diag_is(r->d->items[i], MC_D_DUPLICATE_ACTIVITY) &&
		    !mc_diag_is(r->d->items[i], MC_D_DUPLICATE_SIGNATURE)) {
			/* Emitted just now by this compilation, in its arena:
			 * only the list's view of it is const. */
			r->l->misread[kw] = (mc_diag *)(uintptr_t)r->d->items[i];
			return;
		}
}

#endif
