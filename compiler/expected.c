/* expected.c — a rule's requirement said in the author's words: instead of
 * « quantum = quantum_reference ou quantum = demi_part ou (…) », the values the
 * rule accepts for this letter and this mission, « 24 h ou 12 h ». Only the
 * alternatives whose other conditions hold for the letter are kept (a demi-part
 * admitted from 2025-2026 is not offered to a letter of 2024-2025). */
#include "facts.h"

#include <stdio.h>
#include <string.h>

typedef struct out {
	char *buf;
	size_t size, len;
	int count;          /* alternatives written */
} out;

static void
put(out *o, const char *s)
{
	size_t n = strlen(s);

	if (o->len + n + 1 > o->size)
		n = o->size > o->len + 1 ? o->size - o->len - 1 : 0;
	memcpy(o->buf + o->len, s, n);
	o->len += n;
	o->buf[o->len] = '\0';
}

/* The key of the letter's value a comparison side is about: « quantum » for
 * « quantum * 2 », « corps » for « corps(enseignant) ». */
static const char *
subject(const mc_node *e)
{
	if (e == NULL)
		return NULL;
	switch (e->kind) {
	case MC_N_WORD:
		return e->u.word.key;
	case MC_N_CALL:
		return e->u.call.key;
	case MC_N_BINARY:
		return mc_expr_reads_letter(e->u.bin.lhs) ? subject(e->u.bin.lhs) :
		    subject(e->u.bin.rhs);
	default:
		return NULL;
	}
}

static int
mentions(const mc_node *e, const char *key)
{
	const char *s;

	if (e == NULL || key == NULL)
		return 0;
	if (e->kind == MC_N_BINARY)
		return mentions(e->u.bin.lhs, key) || mentions(e->u.bin.rhs, key);
	if (e->kind == MC_N_NOT)
		return mentions(e->u.operand, key);
	s = subject(e);
	return s != NULL && mc_expr_reads_letter(e) && strcmp(s, key) == 0;
}

static int
format_value(const mc_value *v, char *buf, size_t size)
{
	static const char *const months[] = {
		"janvier", "février", "mars", "avril", "mai", "juin", "juillet",
		"août", "septembre", "octobre", "novembre", "décembre"
	};

	switch (v->kind) {
	case MC_T_QTY:
		mc_quantity_format(v->qty, buf, size, 0);
		return 1;
	case MC_T_DATE:
		snprintf(buf, size, "%d%s %s %d", v->date.day, v->date.day == 1 ? "er" : "",
		    months[v->date.month - 1], v->date.year);
		return 1;
	case MC_T_YEAR:
		snprintf(buf, size, "%d-%d", v->year, v->year + 1);
		return 1;
	case MC_T_NAME:
		snprintf(buf, size, "« %s »", v->name);
		return 1;
	default:
		return 0;
	}
}

static const char *
op_words(mc_op op, int date)
{
	if (date)
		switch (op) {
		case MC_OP_LE: return "au plus tard le ";
		case MC_OP_GE: return "au plus tôt le ";
		case MC_OP_LT: return "avant le ";
		case MC_OP_GT: return "après le ";
		case MC_OP_NE: return "une autre date que le ";
		default: return "le ";
		}
	switch (op) {
	case MC_OP_LE: return "au plus ";
	case MC_OP_GE: return "au moins ";
	case MC_OP_LT: return "moins de ";
	case MC_OP_GT: return "plus de ";
	case MC_OP_NE: return "autre que ";
	default: return "";
	}
}

static mc_op
flipped(mc_op op)
{
	switch (op) {
	case MC_OP_LE: return MC_OP_GE;
	case MC_OP_GE: return MC_OP_LE;
	case MC_OP_LT: return MC_OP_GT;
	case MC_OP_GT: return MC_OP_LT;
	default: return op;
	}
}

/* One comparison about the subject, as « au plus 3 ans »; 0 when it cannot
 * be said (then the whole requirement is quoted instead). */
static int
comparison(const mc_letter *l, const mc_letter_mission *lm, const mc_node *e,
    char *buf, size_t size)
{
	const mc_node *side = e->u.bin.lhs, *other = e->u.bin.rhs;
	mc_op op = e->u.bin.op;
	mc_value v;

	if (!mc_expr_reads_letter(side)) {
		side = e->u.bin.rhs;
		other = e->u.bin.lhs;
		op = flipped(op);
	}
	if (mc_expr_reads_letter(other))
		return 0;
	if (op == MC_OP_IN) {
		size_t o;

		if (other->kind != MC_N_LIST)
			return 0;
		o = (size_t)snprintf(buf, size, "l’une des valeurs ");
		for (const mc_node *it = other->u.list.items; it != NULL && o < size;
		    it = it->next) {
			char one[64];

			v = mc_rule_eval(l, lm, it);
			if (it->kind == MC_N_WORD)
				snprintf(one, sizeof(one), "« %s »", it->u.word.text);
			else if (!format_value(&v, one, sizeof(one)))
				return 0;
			o += (size_t)snprintf(buf + o, size - o, "%s%s",
			    it == other->u.list.items ? "" : ", ", one);
		}
		return 1;
	}
	if (other->kind == MC_N_WORD && side->kind == MC_N_CALL) {
		/* corps(enseignant) = plp: a name of the référentiel. */
		snprintf(buf, size, "%s« %s »", op_words(op, 0), other->u.word.text);
		return 1;
	}
	v = mc_rule_eval(l, lm, other);
	if (v.truth == MC_UNKNOWN)
		return -1;   /* this alternative does not exist for the letter */
	/* A référentiel value of 0 (« demi_part » of a mission without one)
	 * stands for « none »: no quantum is offered for it. */
	if (op == MC_OP_EQ && v.kind == MC_T_QTY && v.qty.milli == 0 &&
	    other->kind != MC_N_QUANTITY && other->kind != MC_N_NUMBER)
		return -1;
	/* « quantum * 2 = quantum_reference »: the quantum is half of it. */
	if (side->kind == MC_N_BINARY && side->u.bin.op == MC_OP_MUL && v.kind == MC_T_QTY) {
		const mc_node *k = mc_expr_reads_letter(side->u.bin.lhs) ?
		    side->u.bin.rhs : side->u.bin.lhs;
		mc_value kv = mc_rule_eval(l, lm, k);

		if (kv.truth == MC_UNKNOWN || kv.kind != MC_T_QTY || kv.qty.milli == 0)
			return 0;
		v.qty.milli = v.qty.milli * MC_MILLI / kv.qty.milli;
	} else if (side->kind == MC_N_BINARY) {
		return 0;
	}
	{
		char value[96];

		if (!format_value(&v, value, sizeof(value)))
			return 0;
		snprintf(buf, size, "%s%s", op_words(op, v.kind == MC_T_DATE), value);
	}
	return 1;
}

/* « multiple_de(quantum, quantum_reference) »: « un multiple de 24 h ». */
static int
multiple(const mc_letter *l, const mc_letter_mission *lm, const mc_node *e,
    char *buf, size_t size)
{
	const mc_node *what = e->u.call.args;
	const mc_node *of = what != NULL ? what->next : NULL;
	mc_value v;
	char value[96];

	if (of == NULL || mc_expr_reads_letter(of))
		return 0;
	v = mc_rule_eval(l, lm, of);
	if (v.truth == MC_UNKNOWN || v.kind != MC_T_QTY || v.qty.milli <= 0)
		return -1;   /* no such part for this mission or this year */
	/* « multiple_de(quantum * 2, quantum_reference) »: of half of it. */
	if (what->kind == MC_N_BINARY && what->u.bin.op == MC_OP_MUL) {
		const mc_node *k = mc_expr_reads_letter(what->u.bin.lhs) ?
		    what->u.bin.rhs : what->u.bin.lhs;
		mc_value kv = mc_rule_eval(l, lm, k);

		if (mc_expr_reads_letter(k) || kv.truth == MC_UNKNOWN ||
		    kv.kind != MC_T_QTY || kv.qty.milli <= 0)
			return 0;
		v.qty.milli = v.qty.milli * MC_MILLI / kv.qty.milli;
	} else if (what->kind != MC_N_WORD) {
		return 0;
	}
	mc_quantity_format(v.qty, value, sizeof(value), 0);
	snprintf(buf, size, "un multiple de %s", value);
	return 1;
}

static int
is_multiple(const mc_node *e)
{
	return e != NULL && e->kind == MC_N_CALL && strcmp(e->u.call.key, "multiple_de") == 0;
}

/* Writes the alternatives of e about `key`: 1 written, -1 none holds for the
 * letter, 0 cannot be said. */
/* One more expected value, « … ou … »; the same value offered twice reads
 * as a stutter and is said once. */
static int
offer(out *o, const char *one)
{
	if (o->count > 0 && strstr(o->buf, one) != NULL)
		return 1;
	if (o->count++ > 0)
		put(o, " ou ");
	put(o, one);
	return 1;
}

static int
alternatives(const mc_letter *l, const mc_letter_mission *lm, const mc_node *e,
    const char *key, out *o)
{
	char one[256];
	int r;

	if (is_multiple(e)) {
		if (!mentions(e->u.call.args, key))
			return mc_rule_eval(l, lm, e).truth == MC_TRUE ? -1 : 0;
		r = multiple(l, lm, e, one, sizeof(one));
		return r <= 0 ? r : offer(o, one);
	}
	switch (e->kind) {
	case MC_N_BINARY:
		switch (e->u.bin.op) {
		case MC_OP_OR: {
			int a = alternatives(l, lm, e->u.bin.lhs, key, o);
			int b = a == 0 ? 0 : alternatives(l, lm, e->u.bin.rhs, key, o);

			if (a == 0 || b == 0)
				return 0;
			return a > 0 || b > 0 ? 1 : -1;
		}
		case MC_OP_AND: {
			const mc_node *about = e->u.bin.lhs, *cond = e->u.bin.rhs;

			if (!mentions(about, key)) {
				about = e->u.bin.rhs;
				cond = e->u.bin.lhs;
			}
			if (!mentions(about, key) || mentions(cond, key))
				return 0;
			/* The other condition decides whether this alternative exists. */
			if (mc_rule_eval(l, lm, cond).truth != MC_TRUE)
				return -1;
			return alternatives(l, lm, about, key, o);
		}
		case MC_OP_EQ: case MC_OP_NE: case MC_OP_LT: case MC_OP_LE:
		case MC_OP_GT: case MC_OP_GE: case MC_OP_IN:
			if (!mentions(e, key))
				return mc_rule_eval(l, lm, e).truth == MC_TRUE ? -1 : 0;
			r = comparison(l, lm, e, one, sizeof(one));
			return r <= 0 ? r : offer(o, one);
		default:
			return 0;
		}
	default:
		return 0;
	}
}

int
mc_rule_expected(const mc_letter *l, const mc_letter_mission *lm,
    const mc_node *expr, const mc_node *cmp, char *buf, size_t size)
{
	out o = { buf, size, 0, 0 };
	const char *key;

	if (cmp == NULL || size == 0 || (cmp->kind != MC_N_BINARY && !is_multiple(cmp)))
		return 0;
	buf[0] = '\0';
	if (is_multiple(cmp))
		key = subject(cmp->u.call.args);
	else
		key = mc_expr_reads_letter(cmp->u.bin.lhs) ? subject(cmp->u.bin.lhs) :
		    subject(cmp->u.bin.rhs);
	if (key == NULL)
		return 0;
	return alternatives(l, lm, expr, key, &o) > 0 && o.count > 0;
}

/* What a letter's value is called in a sentence: the facts the compiler
 * computes get their French name, a declaration its keyword as the author
 * writes it, corps(…) and degre(…) the role they are about. */
static int
subject_words(const mc_node *side, char *buf, size_t size)
{
	static const struct { const char *key, *words; } computed[] = {
		{ "duree", "la durée de la lettre" },
		{ "annee_scolaire", "l’année scolaire" },
		{ "parts", "le nombre de parts" },
		{ "fait_le", "la date de signature" },
		{ "identifiant", "la mission" },
	};

	if (side->kind == MC_N_WORD) {
		for (size_t i = 0; i < sizeof(computed) / sizeof(computed[0]); i++)
			if (strcmp(side->u.word.key, computed[i].key) == 0) {
				snprintf(buf, size, "%s", computed[i].words);
				return 1;
			}
		snprintf(buf, size, "« %s »", side->u.word.text);
		return 1;
	}
	if (side->kind == MC_N_CALL && side->u.call.args != NULL &&
	    side->u.call.args->kind == MC_N_WORD && side->u.call.args->next == NULL &&
	    (strcmp(side->u.call.key, "corps") == 0 || strcmp(side->u.call.key, "degre") == 0)) {
		snprintf(buf, size, "le %s du rôle « %s »",
		    strcmp(side->u.call.key, "corps") == 0 ? "corps" : "degré",
		    side->u.call.args->u.word.text);
		return 1;
	}
	return 0;
}

/* A value written in the rule itself: a name, a quantity, a date, a year. */
static int
literal_words(const mc_node *e, char *buf, size_t size)
{
	mc_value v;

	if (e->kind == MC_N_WORD) {
		snprintf(buf, size, "« %s »", e->u.word.text);
		return 1;
	}
	if (e->kind != MC_N_NUMBER && e->kind != MC_N_QUANTITY && e->kind != MC_N_DATE &&
	    e->kind != MC_N_YEAR)
		return 0;
	/* Literals are evaluated without a letter (facts.c reads none). */
	v = mc_rule_eval(NULL, NULL, e);
	return format_value(&v, buf, size);
}

/* « duree <= 3 ans »: « au plus 3 ans pour la durée de la lettre ». */
static int
said_comparison(const mc_node *e, out *o)
{
	const mc_node *side = e->u.bin.lhs, *other = e->u.bin.rhs;
	mc_op op = e->u.bin.op;
	char who[128], value[256];

	if (!mc_expr_reads_letter(side)) {
		side = e->u.bin.rhs;
		other = e->u.bin.lhs;
		op = flipped(op);
	}
	if (mc_expr_reads_letter(other) || !subject_words(side, who, sizeof(who)))
		return 0;
	if (op == MC_OP_IN) {
		size_t n;

		if (other->kind != MC_N_LIST || other->u.list.items == NULL)
			return 0;
		n = (size_t)snprintf(value, sizeof(value), "l’une des valeurs ");
		for (const mc_node *it = other->u.list.items; it != NULL; it = it->next) {
			char one[64];

			if (!literal_words(it, one, sizeof(one)) || n >= sizeof(value))
				return 0;
			n += (size_t)snprintf(value + n, sizeof(value) - n, "%s%s",
			    it == other->u.list.items ? "" : ", ", one);
		}
		if (n >= sizeof(value))
			return 0;
	} else {
		char lit[96];

		if (!literal_words(other, lit, sizeof(lit)))
			return 0;
		snprintf(value, sizeof(value), "%s%s",
		    op_words(op, other->kind == MC_N_DATE), lit);
	}
	if (o->count++ > 0)
		put(o, ", et ");
	put(o, value);
	put(o, " pour ");
	put(o, who);
	return 1;
}

static int
said(const mc_node *e, out *o)
{
	if (e->kind != MC_N_BINARY)
		return 0;
	switch (e->u.bin.op) {
	case MC_OP_AND:
		return said(e->u.bin.lhs, o) && said(e->u.bin.rhs, o);
	case MC_OP_EQ: case MC_OP_NE: case MC_OP_LT: case MC_OP_LE:
	case MC_OP_GT: case MC_OP_GE: case MC_OP_IN:
		return said_comparison(e, o);
	default:
		return 0;
	}
}

int
mc_rule_said(const mc_node *expr, char *buf, size_t size)
{
	out o = { buf, size, 0, 0 };

	if (expr == NULL || size == 0)
		return 0;
	buf[0] = '\0';
	return said(expr, &o) && o.len + 1 < size;
}
