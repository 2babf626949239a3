/* ast.c — constructors for syntax-tree nodes, called from the grammar's actions. */
#include "ast.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

mc_node *
mc_node_new(mc_arena *a, mc_node_kind kind, uint32_t start, uint32_t end)
{
	mc_node *n = mc_arena_alloc(a, sizeof(*n));

	if (n == NULL)
		return NULL;
	n->kind = kind;
	n->start = start;
	n->end = end;
	return n;
}

mc_list
mc_list_empty(void)
{
	mc_list l = { NULL, NULL, 0, 0 };

	return l;
}

mc_list
mc_list_append(mc_list l, mc_node *n)
{
	if (n == NULL)
		return l;
	n->next = NULL;
	if (l.last == NULL)
		l.first = n;
	else
		l.last->next = n;
	l.last = n;
	l.n++;
	return l;
}

mc_list
mc_list_concat(mc_list a, mc_list b)
{
	if (b.first == NULL)
		return a;
	if (a.last == NULL)
		return b;
	a.last->next = b.first;
	a.last = b.last;
	a.n += b.n;
	return a;
}

mc_node *
mc_node_stmt(mc_arena *a, mc_node *head, mc_list args, int has_colon,
    mc_list tail, int has_block, mc_list body, uint32_t end)
{
	mc_node *n;

	if (head == NULL)
		return NULL;
	n = mc_node_new(a, MC_N_STMT, head->start, end);
	if (n == NULL)
		return NULL;
	n->u.stmt.head = head;
	n->u.stmt.args = args.first;
	n->u.stmt.nargs = args.n;
	n->u.stmt.has_colon = has_colon;
	n->u.stmt.tail = tail.first;
	n->u.stmt.ntail = tail.n;
	n->u.stmt.has_block = has_block;
	n->u.stmt.body = body.first;
	n->u.stmt.nbody = body.n;
	return n;
}

mc_node *
mc_node_binary(mc_arena *a, mc_op op, mc_node *lhs, mc_node *rhs)
{
	mc_node *n;

	if (lhs == NULL || rhs == NULL)
		return NULL;
	n = mc_node_new(a, MC_N_BINARY, lhs->start, rhs->end);
	if (n != NULL) {
		n->u.bin.op = op;
		n->u.bin.lhs = lhs;
		n->u.bin.rhs = rhs;
	}
	return n;
}

mc_node *
mc_node_not(mc_arena *a, mc_node *operand, uint32_t start)
{
	mc_node *n;

	if (operand == NULL)
		return NULL;
	n = mc_node_new(a, MC_N_NOT, start, operand->end);
	if (n != NULL)
		n->u.operand = operand;
	return n;
}

mc_node *
mc_node_range(mc_arena *a, mc_node *lo, mc_node *hi)
{
	mc_node *n;

	if (lo == NULL || hi == NULL)
		return NULL;
	n = mc_node_new(a, MC_N_RANGE, lo->start, hi->end);
	if (n != NULL) {
		n->u.range.lo = lo;
		n->u.range.hi = hi;
	}
	return n;
}

mc_node *
mc_node_call(mc_arena *a, mc_node *name, mc_list args, uint32_t end)
{
	mc_node *n;

	if (name == NULL)
		return NULL;
	n = mc_node_new(a, MC_N_CALL, name->start, end);
	if (n != NULL) {
		n->u.call.key = name->u.word.key;
		n->u.call.args = args.first;
		n->u.call.nargs = args.n;
	}
	return n;
}

mc_node *
mc_node_list(mc_arena *a, mc_list items, uint32_t start, uint32_t end)
{
	mc_node *n = mc_node_new(a, MC_N_LIST, start, end);

	if (n != NULL) {
		n->u.list.items = items.first;
		n->u.list.n = items.n;
	}
	return n;
}

const char *
mc_fold(mc_arena *a, const char *text, size_t len)
{
	utf8proc_uint8_t *folded = NULL;
	utf8proc_ssize_t n;
	char *out;
	size_t i;

	for (i = 0; i < len; i++)
		if ((unsigned char)text[i] >= 0x80)
			break;
	if (i == len)
		return mc_arena_strndup(a, text, len);
	/* Decompose, then drop the combining marks: é → e, ç → c; œ stays œ. */
	n = utf8proc_map((const utf8proc_uint8_t *)text, (utf8proc_ssize_t)len,
	    &folded, UTF8PROC_DECOMPOSE | UTF8PROC_STRIPMARK);
	if (n < 0)
		return mc_arena_strndup(a, text, len);
	out = mc_arena_strndup(a, (const char *)folded, (size_t)n);
	free(folded);
	return out;
}

const char *
mc_stmt_key(const mc_node *stmt)
{
	if (stmt == NULL || stmt->kind != MC_N_STMT || stmt->u.stmt.head == NULL)
		return "";
	return stmt->u.stmt.head->u.word.key;
}

int
mc_month_of(const char *key)
{
	static const char *const months[] = {
		"janvier", "fevrier", "mars", "avril", "mai", "juin", "juillet",
		"aout", "septembre", "octobre", "novembre", "decembre"
	};

	for (int i = 0; i < 12; i++)
		if (strcmp(months[i], key) == 0)
			return i + 1;
	return 0;
}

int
mc_word_is(const mc_node *n, const char *key)
{
	return n != NULL && n->kind == MC_N_WORD && strcmp(n->u.word.key, key) == 0;
}

const char *
mc_node_kind_name(const mc_node *n)
{
	if (n == NULL)
		return "rien";
	switch (n->kind) {
	case MC_N_STMT: return "une déclaration";
	case MC_N_WORD: return "un nom";
	case MC_N_PATH: return "un chemin";
	case MC_N_BLANK: return "un blanc « … » à compléter";
	case MC_N_FIELD: return "un champ de lot";
	case MC_N_STRING: return "une chaîne";
	case MC_N_TEXT: return "un bloc de texte";
	case MC_N_NUMBER: return "un nombre";
	case MC_N_QUANTITY: return "une quantité";
	case MC_N_DATE: return "une date";
	case MC_N_YEAR: return "une année scolaire";
	case MC_N_RANGE: return "un intervalle";
	case MC_N_CALL: return "un appel de fonction";
	case MC_N_LIST: return "une liste";
	case MC_N_BINARY: case MC_N_NOT: return "une expression";
	}
	return "?";
}

void
mc_walk(const mc_node *n, mc_node_fn fn, void *ctx)
{
	for (; n != NULL; n = n->next) {
		fn(ctx, n);
		switch (n->kind) {
		case MC_N_STMT:
			mc_walk(n->u.stmt.args, fn, ctx);
			mc_walk(n->u.stmt.tail, fn, ctx);
			mc_walk(n->u.stmt.body, fn, ctx);
			break;
		case MC_N_RANGE:
			mc_walk(n->u.range.lo, fn, ctx);
			mc_walk(n->u.range.hi, fn, ctx);
			break;
		case MC_N_CALL:
			mc_walk(n->u.call.args, fn, ctx);
			break;
		case MC_N_LIST:
			mc_walk(n->u.list.items, fn, ctx);
			break;
		default:
			break;
		}
	}
}

size_t
mc_hash_bytes(const char *s, size_t len)
{
	size_t h = 2166136261u;

	for (size_t i = 0; i < len; i++)
		h = (h ^ (unsigned char)s[i]) * 16777619u;
	return h;
}
