/* joined.c — a letter's line that ends on « , », « et », « ou » or « : »
 * continues on the next one (docs/langage.md); when that next line starts a
 * declaration of its own (« signatures chef, agent, » then « fait_a … »), the
 * author did not mean it. The two declarations are split back as written and
 * the dangling word reported once, so that neither fails for it. */
#include "joined.h"

#include "letter.h"

#include <string.h>

/* Words that start a declaration in a letter's blocks, not in letter.def. */
static const char *const inner[] = {
	"activite", "observation", "accord", "condition", "autorisation_cumul",
};

static int
starts_declaration(const mc_node *a)
{
	if (a->kind != MC_N_WORD)
		return 0;
	if (mc_kw_find(a->u.word.key) != MC_KW__COUNT)
		return 1;
	for (size_t i = 0; i < sizeof(inner) / sizeof(inner[0]); i++)
		if (strcmp(a->u.word.key, inner[i]) == 0)
			return 1;
	return 0;
}

/* Whether only blanks stand before `at` on its line. */
static int
first_on_line(const mc_source *src, uint32_t at)
{
	while (at > 0 && (src->text[at - 1] == ' ' || src->text[at - 1] == '\t'))
		at--;
	return at == 0 || src->text[at - 1] == '\n';
}

/* The word that joined the lines: the last one before the line break. */
static mc_span
joiner(const mc_source *src, uint32_t next_line)
{
	uint32_t e = next_line;

	while (e > 0 && (src->text[e - 1] == ' ' || src->text[e - 1] == '\t' ||
	    src->text[e - 1] == '\n' || src->text[e - 1] == '\r'))
		e--;
	if (e >= 2 && (memcmp(src->text + e - 2, "et", 2) == 0 ||
	    memcmp(src->text + e - 2, "ou", 2) == 0))
		return mc_span_of(src, e - 2, e);
	return mc_span_of(src, e > 0 ? e - 1 : 0, e);
}

/* Splits `s` at the first value of `list` that starts a declaration; the
 * new statement follows `s`. Returns whether it split. */
static int
split(mc_arena *a, mc_diags *d, const mc_source *src, mc_node *s, int in_tail)
{
	mc_node *prev = NULL;
	size_t kept = 0;

	for (mc_node *v = in_tail ? s->u.stmt.tail : s->u.stmt.args; v != NULL;
	    prev = v, v = v->next, kept++) {
		mc_node *rest;
		mc_span j;

		/* « signatures chef et » then « fait_a … »: read as « chef et
		 * fait_a »; « chef » stays, « fait_a » starts the new line. */
		if (v->kind == MC_N_BINARY && (v->u.bin.op == MC_OP_AND ||
		    v->u.bin.op == MC_OP_OR) && v->u.bin.rhs != NULL &&
		    starts_declaration(v->u.bin.rhs) &&
		    first_on_line(src, v->u.bin.rhs->start)) {
			mc_node *lhs = v->u.bin.lhs, *head = v->u.bin.rhs;

			head->next = v->next;
			lhs->next = NULL;
			if (prev != NULL)
				prev->next = lhs;
			else if (in_tail)
				s->u.stmt.tail = lhs;
			else
				s->u.stmt.args = lhs;
			prev = lhs;
			kept++;
			v = head;
		} else if (!starts_declaration(v) || !first_on_line(src, v->start)) {
			continue;
		}
		rest = mc_node_new(a, MC_N_STMT, v->start, s->end);
		if (rest == NULL)
			return 0;
		rest->u.stmt.head = v;
		rest->u.stmt.args = v->next;
		rest->u.stmt.nargs = (in_tail ? s->u.stmt.ntail : s->u.stmt.nargs) - kept - 1;
		/* The block, if any, ends the last line: it is the new one's. */
		rest->u.stmt.has_block = s->u.stmt.has_block;
		rest->u.stmt.body = s->u.stmt.body;
		rest->u.stmt.nbody = s->u.stmt.nbody;
		if (!in_tail) {
			/* « signatures chef, » then « partie agent : … »: what
			 * follows the colon is the new statement's. */
			rest->u.stmt.has_colon = s->u.stmt.has_colon;
			rest->u.stmt.tail = s->u.stmt.tail;
			rest->u.stmt.ntail = s->u.stmt.ntail;
			s->u.stmt.has_colon = 0;
			s->u.stmt.tail = NULL;
			s->u.stmt.ntail = 0;
		}
		rest->next = s->next;
		s->next = rest;
		s->u.stmt.has_block = 0;
		s->u.stmt.body = NULL;
		s->u.stmt.nbody = 0;
		if (in_tail) {
			s->u.stmt.ntail = kept;
			if (prev == NULL)
				s->u.stmt.tail = NULL;
			/* « academie : » alone: the colon is this report's. */
			if (kept == 0 && s->u.stmt.nargs == 0)
				s->u.stmt.has_colon = 0;
		} else {
			s->u.stmt.nargs = kept;
			if (prev == NULL)
				s->u.stmt.args = NULL;
		}
		if (prev != NULL)
			prev->next = NULL;
		s->end = prev != NULL ? prev->end : s->u.stmt.head->end;
		j = joiner(src, v->start);
		{
			const char *w = mc_arena_printf(a, "%.*s", (int)(j.end - j.start),
			    src->text + j.start);

			mc_diag_emit(d, MC_D_JOINED_LINE, j, w, v->u.word.text,
			    s->u.stmt.head->u.word.text, w);
		}
		return 1;
	}
	return 0;
}

static size_t
split_all(mc_arena *a, mc_diags *d, const mc_source *src, mc_node *first)
{
	size_t added = 0;

	for (mc_node *s = first; s != NULL; s = s->next) {
		if (s->kind != MC_N_STMT || s->u.stmt.head == NULL)
			continue;
		/* The new statement is visited next: it may be joined again. */
		if (split(a, d, src, s, 0) || split(a, d, src, s, 1)) {
			added++;
			continue;
		}
		s->u.stmt.nbody += split_all(a, d, src, s->u.stmt.body);
	}
	return added;
}

void
mc_split_joined_lines(mc_arena *a, mc_diags *d, const mc_source *src,
    mc_node *stmts, size_t *count)
{
	*count += split_all(a, d, src, stmts);
}
