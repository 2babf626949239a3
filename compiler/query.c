/* query.c — the editor's questions about one buffer (query.h), answered from
 * the compiler's token stream and syntax tree and from the loaded stdlib (a
 * stdlib file being written: from what the library's loader read of it).
 * What kind of name fits at a place is read from the tokens of the statement
 * being written and from the blocks that enclose it, so it works on the
 * half-typed, not yet parsable line an author has in front of them. */
#include "query.h"
#include "letter.h"
#include "parse.h"

#include <stdlib.h>
#include <string.h>

struct mc_query {
	mc_arena arena;
	mc_diags diags;
	mc_source src;
	int readable;            /* the source passed its checks (UTF-8…) */
	mc_tokens toks;
	mc_node *stmts;
	size_t nstmts;
	mc_stdlib *lib;
	const mc_referential *ref;
	/* A stdlib file (mc_query_open_library): ref is the one it declares
	 * (NULL for commun.mission), commons its commun.mission (the buffer's
	 * own when it is commun.mission). */
	int library;
	const mc_commons *commons;
	mc_name *names;          /* the last completion's answer */
	size_t nnames, capnames;
	mc_outline_item *outline;
	size_t noutline, capoutline;
};

/* What encloses the statement being written, and what it has so far. */
typedef struct context {
	size_t stmt;             /* index of its first token */
	size_t first;            /* index of the word under the cursor, or of the
	                            first token after the cursor */
	const char *block;       /* key of the enclosing block's keyword, or "" */
	const char *outer;       /* key of the block around that one, or "" */
	const mc_token *block_arg;  /* the first argument of the enclosing block */
	const mc_token *outer_arg;
} context;

static int
is_word(const mc_token *t)
{
	return t->kind == MC_TOK_WORD && t->node != NULL;
}

static const char *
word_key(const mc_token *t)
{
	return is_word(t) ? t->node->u.word.key : "";
}

static int
ends_statement(const mc_token *t)
{
	return t->kind == MC_TOK_NEWLINE ||
	    (t->kind == MC_TOK_PUNCT && (t->punct == '{' || t->punct == '}'));
}

/* The buffer scanned and parsed; NULL when out of memory. */
static mc_query *
open_buffer(mc_stdlib *lib, const char *name, const char *text, size_t len)
{
	mc_query *q = calloc(1, sizeof(*q));

	if (q == NULL)
		return NULL;
	mc_arena_init(&q->arena, (size_t)64 * 1024);
	mc_diags_init(&q->diags, &q->arena, 100);
	q->lib = lib;
	q->readable = mc_source_init(&q->src, &q->arena, &q->diags, name, text, len);
	if (!q->readable)
		return q;
	if (!mc_scan(&q->arena, &q->diags, &q->src, &q->toks)) {
		mc_query_close(q);
		return NULL;
	}
	q->stmts = mc_parse(&q->arena, &q->diags, &q->src, &q->nstmts);
	return q;
}

mc_query *
mc_query_open_library(mc_stdlib *lib, const char *name, const char *text, size_t len)
{
	mc_query *q = open_buffer(lib, name, text, len);

	if (q == NULL || !q->readable)
		return q;
	q->library = 1;
	/* Read as the library reads it (its diagnostics are the server's
	 * to publish, not the query's). */
	q->ref = mc_stdlib_read_source(lib, &q->arena, &q->diags, &q->src, q->stmts,
	    q->nstmts, &q->commons);
	return q;
}

mc_query *
mc_query_open(mc_stdlib *lib, const char *name, const char *text, size_t len)
{
	mc_query *q = open_buffer(lib, name, text, len);

	if (q == NULL || !q->readable)
		return q;
	/* « lettre selon NOM »: the référentiel every name is read against. */
	for (size_t i = 0; i + 2 < q->toks.count; i++) {
		const mc_token *t = &q->toks.items[i];

		if ((i == 0 || ends_statement(t - 1)) &&
		    strcmp(word_key(t), "lettre") == 0 &&
		    strcmp(word_key(t + 1), "selon") == 0 && is_word(t + 2)) {
			const mc_referential *ref = mc_stdlib_get(lib, word_key(t + 2));

			if (ref != NULL && !mc_referential_broken(ref))
				q->ref = ref;
			break;
		}
	}
	return q;
}

void
mc_query_close(mc_query *q)
{
	if (q == NULL)
		return;
	free(q->names);
	free(q->outline);
	mc_diags_free(&q->diags);
	mc_arena_free(&q->arena);
	free(q);
}

const mc_source *
mc_query_source(const mc_query *q)
{
	return &q->src;
}

const mc_referential *
mc_query_referential(const mc_query *q)
{
	return q->ref;
}

/* A growing array of `count` items with room for one more (moved, maybe),
 * or NULL when out of memory (the array is then left as it was). */
static void *
room(void *items, size_t *cap, size_t count, size_t size)
{
	void *grown;
	size_t n;

	if (count < *cap)
		return items;
	n = *cap ? *cap * 2 : 32;
	grown = realloc(items, n * size);
	if (grown != NULL)
		*cap = n;
	return grown;
}

static void
add_name(mc_query *q, mc_name_kind kind, const char *name, const char *detail,
    const char *text, const char *source, mc_span def)
{
	mc_name *n, *names;

	names = room(q->names, &q->capnames, q->nnames, sizeof(*q->names));
	if (names == NULL)
		return;
	q->names = names;
	n = &q->names[q->nnames++];
	n->kind = kind;
	n->name = name;
	n->detail = detail;
	n->text = text;
	n->source = source;
	n->def = def;
}

static mc_span
no_span(void)
{
	mc_span s = { NULL, 0, 0 };
	return s;
}

/* The name of a stdlib declaration: its first argument, or the statement. */
static mc_span
decl_span(const mc_source *src, const mc_node *decl)
{
	const mc_node *n;

	if (decl == NULL)
		return no_span();
	n = decl->u.stmt.args != NULL ? decl->u.stmt.args : decl;
	return mc_span_of(src, n->start, n->end);
}

/* Where the référentiel is declared: its « referentiel » line. */
static mc_span
referential_span(const mc_referential *ref)
{
	const char *t = ref->src.text, *p = t;

	while ((p = strstr(p, "referentiel ")) != NULL && p != t && p[-1] != '\n')
		p++;
	if (p == NULL)
		return mc_span_of(&ref->src, ref->src.body, ref->src.body);
	return mc_span_of(&ref->src, (uint32_t)(p - t),
	    (uint32_t)(p - t) + (uint32_t)strlen("referentiel"));
}

static void
add_keywords(mc_query *q, const char *block)
{
	static const struct {
		const char *block, *key, *detail;
	} subs[] = {
		{ "mission", "activite", "le nom d’une activité de la mission, ou « specifique \"Texte\" », puis un bloc « { observation … } »" },
		{ "mission", "observation", "une observation sur la mission, entre guillemets" },
		{ "activite", "observation", "une observation sur l’activité, entre guillemets ou en bloc « \"\"\" … \"\"\" »" },
		{ "enseignement", "accord", "l’accord de l’intéressé, entre guillemets" },
		{ "enseignement", "condition", "la condition, entre guillemets" },
		{ "formation_continue", "autorisation_cumul", "l’autorisation de cumul : un texte ou une date" },
	};

	if (*block == '\0') {
		for (int i = 0; i < MC_KW__COUNT; i++)
			add_name(q, MC_NAME_KEYWORD, mc_kw_table[i].key,
			    mc_kw_table[i].expects, NULL, NULL, no_span());
		return;
	}
	for (size_t i = 0; i < sizeof(subs) / sizeof(subs[0]); i++)
		if (strcmp(subs[i].block, block) == 0)
			add_name(q, MC_NAME_KEYWORD, subs[i].key, subs[i].detail, NULL,
			    NULL, no_span());
}

static void
add_referentials(mc_query *q)
{
	for (const char *const *n = mc_stdlib_names(q->lib); n != NULL && *n != NULL; n++) {
		const mc_referential *ref = mc_stdlib_get(q->lib, *n);

		/* A référentiel does not take its missions from itself. */
		if (ref == NULL || mc_referential_broken(ref) ||
		    (q->library && q->ref != NULL && strcmp(ref->name, q->ref->name) == 0))
			continue;
		add_name(q, MC_NAME_REFERENTIAL, ref->name, ref->title, ref->preamble,
		    ref->source, referential_span(ref));
	}
}

/* Where the référentiel's roles and rules are declared: the buffer itself
 * when it is the référentiel being written. A mission says its own file
 * (mc_mission.src): « missions selon » takes them from another. */
static const mc_source *
ref_source(const mc_query *q)
{
	return q->library ? &q->src : &q->ref->src;
}

static void
add_missions(mc_query *q)
{
	const mc_referential *ref = q->ref;

	for (size_t i = 0; ref != NULL && i < ref->nmissions; i++) {
		const mc_mission *m = &ref->missions[i];

		add_name(q, MC_NAME_MISSION, m->id, m->title, m->text, ref->source,
		    decl_span(m->src, m->decl));
	}
}

static const mc_mission *
mission_of(const mc_query *q, const mc_token *arg)
{
	if (q->ref == NULL || arg == NULL || !is_word(arg))
		return NULL;
	return mc_ref_mission(q->ref, word_key(arg));
}

static void
add_activities(mc_query *q, const mc_mission *m)
{
	for (size_t i = 0; m != NULL && i < m->nactivities; i++) {
		const mc_activity *a = &m->activities[i];

		add_name(q, MC_NAME_ACTIVITY, a->id, m->title, a->text, q->ref->source,
		    decl_span(m->src, a->decl));
	}
}

static void
add_roles(mc_query *q)
{
	const mc_referential *ref = q->ref;

	for (size_t i = 0; ref != NULL && i < ref->nroles; i++)
		add_name(q, MC_NAME_ROLE, ref->roles[i].id, ref->roles[i].label, NULL,
		    ref->source, decl_span(ref_source(q), ref->roles[i].decl));
}

static void
add_rules(mc_query *q)
{
	const mc_referential *ref = q->ref;

	for (size_t i = 0; ref != NULL && i < ref->nrules; i++) {
		const mc_rule *r = &ref->rules[i];

		add_name(q, MC_NAME_RULE, r->id, r->message, r->advice, r->source,
		    decl_span(ref_source(q), r->decl));
	}
}

static void
add_corps(mc_query *q)
{
	const mc_commons *c = q->library ? q->commons :
	    q->ref != NULL ? q->ref->commons : NULL;
	/* commun.mission being written: its corps are declared in the buffer. */
	const mc_source *src = q->library && q->ref == NULL ? &q->src :
	    c != NULL ? &c->src : NULL;

	for (size_t i = 0; c != NULL && i < c->ncorps; i++)
		add_name(q, MC_NAME_CORPS, c->corps[i].id, c->corps[i].label, NULL,
		    NULL, decl_span(src, c->corps[i].decl));
}

/* The parties the letter declares: « partie NOM : rôle "Personne" ». */
static void
add_parties(mc_query *q)
{
	const mc_token *t = q->toks.items;

	for (size_t i = 0; i + 1 < q->toks.count; i++) {
		const char *detail = NULL;

		if (!(i == 0 || ends_statement(&t[i - 1])) ||
		    strcmp(word_key(&t[i]), "partie") != 0 || !is_word(&t[i + 1]))
			continue;
		if (i + 3 < q->toks.count && t[i + 2].kind == MC_TOK_PUNCT &&
		    t[i + 2].punct == ':' && is_word(&t[i + 3]))
			detail = t[i + 3].node->u.word.text;
		add_name(q, MC_NAME_PARTY, t[i + 1].node->u.word.text, detail, NULL,
		    NULL, mc_span_of(&q->src, t[i + 1].start, t[i + 1].end));
	}
}

/* Reads the blocks around the statement that holds token `first`. */
static void
read_context(const mc_query *q, size_t first, context *c)
{
	const mc_token *t = q->toks.items;
	size_t stack[MC_MAX_DEPTH + 2], depth = 0, head = 0;

	c->first = first;
	c->stmt = first;
	while (c->stmt > 0 && !ends_statement(&t[c->stmt - 1]))
		c->stmt--;
	for (size_t i = 0; i < c->stmt; i++) {
		if (i == 0 || ends_statement(&t[i - 1]))
			head = i;
		if (t[i].kind != MC_TOK_PUNCT)
			continue;
		if (t[i].punct == '{' && depth < MC_MAX_DEPTH + 2)
			stack[depth++] = head;
		else if (t[i].punct == '}' && depth > 0)
			depth--;
	}
	c->block = depth > 0 ? word_key(&t[stack[depth - 1]]) : "";
	c->outer = depth > 1 ? word_key(&t[stack[depth - 2]]) : "";
	c->block_arg = depth > 0 && stack[depth - 1] + 1 < q->toks.count ?
	    &t[stack[depth - 1] + 1] : NULL;
	c->outer_arg = depth > 1 ? &t[stack[depth - 2] + 1] : NULL;
}

/* The declarations of a block of a stdlib file (referential.def). */
static void
add_library_keywords(mc_query *q, const context *c)
{
	int block = -1;

	if (q->ref == NULL)
		block = *c->block == '\0' ? MC_RB_COMMONS :
		    strcmp(c->block, "corps") == 0 ? MC_RB_CORPS : -1;
	else if (*c->block == '\0')
		block = MC_RB_REFERENTIAL;
	else if (strcmp(c->block, "mission") == 0)
		block = MC_RB_MISSION;
	else if (strcmp(c->block, "groupe") == 0 && strcmp(c->outer, "mission") == 0)
		block = MC_RB_GROUP;
	else if (strcmp(c->block, "regle") == 0)
		block = MC_RB_RULE;
	for (size_t i = 0; i < mc_ref_keyword_count; i++)
		if ((int)mc_ref_keywords[i].block == block)
			add_name(q, MC_NAME_KEYWORD, mc_ref_keywords[i].key,
			    mc_ref_keywords[i].expects, NULL, NULL, no_span());
}

/* The name of a call token (« partie » in « partie(ddfpt) »), or "". */
static const char *
call_key(const mc_token *t)
{
	return t->kind == MC_TOK_CALL && t->node != NULL && t->node->kind == MC_N_WORD ?
	    t->node->u.word.key : "";
}

/* What fits at token index c->first of a stdlib file being written: the
 * declarations of its block, the roles, missions and référentiels it refers
 * to; with `declared`, the names its statements declare there too (a hover
 * on « mission ID » says what ID is; a completion proposes no name to
 * declare, which is the author's to choose). */
static mc_name_kind
library_names_for(mc_query *q, const context *c, int declared)
{
	const mc_token *t = q->toks.items;
	size_t n = c->first - c->stmt;
	const char *head = n > 0 ? word_key(&t[c->stmt]) : "";
	const mc_token *last = n > 0 ? &t[c->first - 1] : NULL;
	int top = *c->block == '\0';

	if (n == 0) {
		add_library_keywords(q, c);
		return MC_NAME_KEYWORD;
	}
	if (q->ref == NULL) {
		if (declared && top && n == 1 && strcmp(head, "corps") == 0) {
			add_corps(q);
			return MC_NAME_CORPS;
		}
		return MC_NAME_NONE;
	}
	if ((top && n == 1 && strcmp(head, "titulaire") == 0) ||
	    (strcmp(c->block, "mission") == 0 && strcmp(head, "destinataire_bilan") == 0 &&
	    (last->kind == MC_TOK_WORD || (last->kind == MC_TOK_PUNCT && last->punct == ',')))) {
		add_roles(q);
		return MC_NAME_ROLE;
	}
	if (top && strcmp(head, "missions") == 0) {
		if (n == 1) {
			add_name(q, MC_NAME_KEYWORD, "selon", "puis le nom d’un référentiel",
			    NULL, NULL, no_span());
			return MC_NAME_KEYWORD;
		}
		if (n == 2 && strcmp(word_key(last), "selon") == 0) {
			add_referentials(q);
			return MC_NAME_REFERENTIAL;
		}
		return MC_NAME_NONE;
	}
	/* In a rule: partie(rôle), signe(rôle)…, mission(identifiant). */
	if (strcmp(c->block, "regle") == 0 && n >= 3 && last->kind == MC_TOK_PUNCT &&
	    last->punct == '(') {
		const char *fn = call_key(last - 1);

		if (strcmp(fn, "mission") == 0) {
			add_missions(q);
			return MC_NAME_MISSION;
		}
		if (strcmp(fn, "partie") == 0 || strcmp(fn, "signe") == 0 ||
		    strcmp(fn, "corps") == 0 || strcmp(fn, "corps_connu") == 0 ||
		    strcmp(fn, "degre") == 0) {
			add_roles(q);
			return MC_NAME_ROLE;
		}
		return MC_NAME_NONE;
	}
	if (!declared || n != 1)
		return MC_NAME_NONE;
	if (top && strcmp(head, "mission") == 0) {
		add_missions(q);
		return MC_NAME_MISSION;
	}
	if (top && strcmp(head, "role") == 0) {
		add_roles(q);
		return MC_NAME_ROLE;
	}
	if (top && strcmp(head, "regle") == 0) {
		add_rules(q);
		return MC_NAME_RULE;
	}
	if (strcmp(head, "activite") == 0 && (strcmp(c->block, "mission") == 0 ||
	    (strcmp(c->block, "groupe") == 0 && strcmp(c->outer, "mission") == 0))) {
		add_activities(q, mission_of(q, strcmp(c->block, "mission") == 0 ?
		    c->block_arg : c->outer_arg));
		return MC_NAME_ACTIVITY;
	}
	return MC_NAME_NONE;
}

/* Fills q->names with what fits at token index `first` of a statement
 * (declared: and the names declared there, in a stdlib file). */
static mc_name_kind
names_for(mc_query *q, const context *c, int declared)
{
	const mc_token *t = q->toks.items;
	size_t n = c->first - c->stmt;
	const char *head = n > 0 ? word_key(&t[c->stmt]) : "";
	const mc_token *last = n > 0 ? &t[c->first - 1] : NULL;

	q->nnames = 0;
	if (q->library)
		return library_names_for(q, c, declared);
	if (n == 0) {
		add_keywords(q, c->block);
		return MC_NAME_KEYWORD;
	}
	if (*c->block == '\0' && strcmp(head, "lettre") == 0) {
		if (n == 1) {
			add_name(q, MC_NAME_KEYWORD, "selon", "puis le nom d’un référentiel",
			    NULL, NULL, no_span());
			return MC_NAME_KEYWORD;
		}
		if (n == 2 && strcmp(word_key(last), "selon") == 0) {
			add_referentials(q);
			return MC_NAME_REFERENTIAL;
		}
	} else if (*c->block == '\0' && strcmp(head, "partie") == 0) {
		if (last->kind == MC_TOK_PUNCT && last->punct == ':') {
			add_roles(q);
			return MC_NAME_ROLE;
		}
		if (strcmp(word_key(last), "corps") == 0) {
			add_corps(q);
			return MC_NAME_CORPS;
		}
	} else if (*c->block == '\0' && strcmp(head, "mission") == 0 && n == 1) {
		add_missions(q);
		return MC_NAME_MISSION;
	} else if (strcmp(c->block, "mission") == 0 &&
	    strcmp(head, "activite") == 0 && n == 1) {
		add_activities(q, mission_of(q, c->block_arg));
		add_name(q, MC_NAME_KEYWORD, "specifique",
		    "une activité que le référentiel ne nomme pas : « specifique \"Texte\" »",
		    NULL, NULL, no_span());
		return MC_NAME_ACTIVITY;
	} else if (*c->block == '\0' && (strcmp(head, "signatures") == 0 ||
	    (strcmp(head, "bilan") == 0 && n == 1))) {
		if (last->kind == MC_TOK_WORD ||
		    (last->kind == MC_TOK_PUNCT && last->punct == ',')) {
			add_parties(q);
			return MC_NAME_PARTY;
		}
	}
	return MC_NAME_NONE;
}

/* The word token at offset (the cursor inside it or just after it). */
static int
word_at(const mc_query *q, uint32_t offset, size_t *index)
{
	size_t i = mc_token_after(&q->toks, offset);

	if (i < q->toks.count && q->toks.items[i].start <= offset &&
	    q->toks.items[i].kind == MC_TOK_WORD) {
		*index = i;
		return 1;
	}
	if (i > 0 && q->toks.items[i - 1].end == offset &&
	    q->toks.items[i - 1].kind == MC_TOK_WORD) {
		*index = i - 1;
		return 1;
	}
	*index = i;
	return 0;
}

size_t
mc_query_complete(mc_query *q, uint32_t offset, const mc_name **names,
    uint32_t *start, uint32_t *end)
{
	size_t i;
	context c;

	q->nnames = 0;
	*names = q->names;
	*start = *end = offset;
	if (!q->readable)
		return 0;
	if (word_at(q, offset, &i)) {
		*start = q->toks.items[i].start;
		*end = q->toks.items[i].end;
	} else if (i < q->toks.count && q->toks.items[i].start < offset) {
		return 0;   /* inside a string, a number… */
	}
	/* A comment runs to the end of its line: nothing to complete there. */
	for (uint32_t p = *start; p > 0 && q->src.text[p - 1] != '\n'; p--)
		if (q->src.text[p - 1] == '#' &&
		    (i == 0 || q->toks.items[i - 1].end < p))
			return 0;
	read_context(q, i, &c);
	names_for(q, &c, 0);
	*names = q->names;
	return q->nnames;
}

int
mc_query_name_at(mc_query *q, uint32_t offset, mc_name *out, uint32_t *start,
    uint32_t *end)
{
	size_t i;
	context c;
	const char *key;

	if (!q->readable || !word_at(q, offset, &i))
		return 0;
	*start = q->toks.items[i].start;
	*end = q->toks.items[i].end;
	key = word_key(&q->toks.items[i]);
	read_context(q, i, &c);
	names_for(q, &c, 1);
	for (size_t k = 0; k < q->nnames; k++) {
		const char *name = q->names[k].name;

		/* Parties are compared as written, the rest by their key. */
		if (strcmp(name, key) == 0 ||
		    strcmp(name, q->toks.items[i].node->u.word.text) == 0) {
			*out = q->names[k];
			return 1;
		}
	}
	return 0;
}

static int
holds(const mc_node *n, uint32_t offset)
{
	return n != NULL && n->start <= offset && offset < n->end;
}

static const mc_node *expr_at(const mc_node *list, uint32_t offset);

/* The innermost node of expression n (which holds offset) that holds it. */
static const mc_node *
inner_at(const mc_node *n, uint32_t offset)
{
	const mc_node *child = NULL;

	switch (n->kind) {
	case MC_N_RANGE:
		child = holds(n->u.range.lo, offset) ? n->u.range.lo :
		    holds(n->u.range.hi, offset) ? n->u.range.hi : NULL;
		break;
	case MC_N_CALL:
		return (child = expr_at(n->u.call.args, offset)) != NULL ? child : n;
	case MC_N_LIST:
		return (child = expr_at(n->u.list.items, offset)) != NULL ? child : n;
	case MC_N_BINARY:
		child = holds(n->u.bin.lhs, offset) ? n->u.bin.lhs :
		    holds(n->u.bin.rhs, offset) ? n->u.bin.rhs : NULL;
		break;
	case MC_N_NOT:
		child = holds(n->u.operand, offset) ? n->u.operand : NULL;
		break;
	default:
		break;
	}
	return child != NULL ? inner_at(child, offset) : n;
}

static const mc_node *
expr_at(const mc_node *list, uint32_t offset)
{
	for (const mc_node *n = list; n != NULL; n = n->next)
		if (holds(n, offset))
			return inner_at(n, offset);
	return NULL;
}

static const mc_node *
stmt_at(const mc_node *stmts, uint32_t offset, const mc_node **stmt)
{
	for (const mc_node *s = stmts; s != NULL; s = s->next) {
		const mc_node *n;

		if (s->kind != MC_N_STMT || !holds(s, offset))
			continue;
		*stmt = s;
		if (holds(s->u.stmt.head, offset))
			return s->u.stmt.head;
		if ((n = expr_at(s->u.stmt.args, offset)) != NULL ||
		    (n = expr_at(s->u.stmt.tail, offset)) != NULL ||
		    (n = stmt_at(s->u.stmt.body, offset, stmt)) != NULL)
			return n;
		*stmt = s;
		return s;
	}
	return NULL;
}

const mc_node *
mc_query_node_at(const mc_query *q, uint32_t offset, const mc_node **stmt)
{
	const mc_node *dummy;

	if (stmt == NULL)
		stmt = &dummy;
	*stmt = NULL;
	return stmt_at(q->stmts, offset, stmt);
}

static void
add_item(mc_query *q, mc_name_kind kind, const mc_node *stmt,
    const mc_node *name, const char *detail, int depth)
{
	mc_outline_item *it, *items;

	if (name == NULL || name->kind != MC_N_WORD)
		return;
	items = room(q->outline, &q->capoutline, q->noutline, sizeof(*q->outline));
	if (items == NULL)
		return;
	q->outline = items;
	it = &q->outline[q->noutline++];
	it->kind = kind;
	it->name = name->u.word.text;
	it->detail = detail;
	it->start = stmt->start;
	it->end = stmt->end;
	it->name_start = name->start;
	it->name_end = name->end;
	it->depth = depth;
}

/* The activities of a référentiel's mission, in its groupes too. */
static void
outline_activities(mc_query *q, const mc_mission *m, const mc_node *body)
{
	for (const mc_node *a = body; a != NULL; a = a->next) {
		const mc_node *aid = a->u.stmt.args;
		const mc_activity *act = m != NULL && aid != NULL && aid->kind == MC_N_WORD ?
		    mc_mission_activity(m, aid->u.word.key) : NULL;

		if (strcmp(mc_stmt_key(a), "activite") == 0)
			add_item(q, MC_NAME_ACTIVITY, a, aid, act != NULL ? act->text : NULL, 1);
		else if (strcmp(mc_stmt_key(a), "groupe") == 0)
			outline_activities(q, m, a->u.stmt.body);
	}
}

/* A stdlib file's outline, read from its statements and described by what
 * the library read of them. */
static void
library_outline(mc_query *q)
{
	for (const mc_node *s = q->stmts; s != NULL; s = s->next) {
		const char *key = mc_stmt_key(s);
		const mc_node *id = s->u.stmt.args;
		const char *k = id != NULL && id->kind == MC_N_WORD ? id->u.word.key : "";

		if (q->ref == NULL) {
			const mc_corps *c = q->commons != NULL ? mc_commons_corps(q->commons, k) : NULL;

			if (strcmp(key, "corps") == 0)
				add_item(q, MC_NAME_CORPS, s, id, c != NULL ? c->label : NULL, 0);
		} else if (strcmp(key, "role") == 0) {
			const mc_role *r = mc_ref_role(q->ref, k);

			add_item(q, MC_NAME_ROLE, s, id, r != NULL ? r->label : NULL, 0);
		} else if (strcmp(key, "mission") == 0) {
			const mc_mission *m = mc_ref_mission(q->ref, k);

			add_item(q, MC_NAME_MISSION, s, id, m != NULL ? m->title : NULL, 0);
			outline_activities(q, m, s->u.stmt.body);
		} else if (strcmp(key, "regle") == 0) {
			const mc_rule *r = mc_ref_rule(q->ref, k);

			add_item(q, MC_NAME_RULE, s, id, r != NULL ? r->message : NULL, 0);
		}
	}
}

size_t
mc_query_outline(mc_query *q, const mc_outline_item **items)
{
	q->noutline = 0;
	if (q->library) {
		library_outline(q);
		*items = q->outline;
		return q->noutline;
	}
	for (const mc_node *s = q->stmts; s != NULL; s = s->next) {
		const char *key = mc_stmt_key(s);

		if (strcmp(key, "partie") == 0) {
			const mc_node *role = s->u.stmt.tail;

			add_item(q, MC_NAME_PARTY, s, s->u.stmt.args,
			    role != NULL && role->kind == MC_N_WORD ? role->u.word.text : NULL, 0);
		} else if (strcmp(key, "mission") == 0) {
			const mc_node *id = s->u.stmt.args;
			const mc_mission *m = q->ref != NULL && id != NULL &&
			    id->kind == MC_N_WORD ? mc_ref_mission(q->ref, id->u.word.key) : NULL;

			add_item(q, MC_NAME_MISSION, s, id, m != NULL ? m->title : NULL, 0);
			for (const mc_node *a = s->u.stmt.body; a != NULL; a = a->next) {
				const mc_node *aid = a->u.stmt.args;
				const mc_activity *act = m != NULL && aid != NULL &&
				    aid->kind == MC_N_WORD ?
				    mc_mission_activity(m, aid->u.word.key) : NULL;

				if (strcmp(mc_stmt_key(a), "activite") == 0)
					add_item(q, MC_NAME_ACTIVITY, a, aid,
					    act != NULL ? act->text : NULL, 1);
			}
		}
	}
	*items = q->outline;
	return q->noutline;
}

const mc_node *
mc_query_statement(const mc_query *q, const char *key)
{
	for (const mc_node *s = q->stmts; s != NULL; s = s->next)
		if (s->kind == MC_N_STMT && strcmp(mc_stmt_key(s), key) == 0)
			return s;
	return NULL;
}
