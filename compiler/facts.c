/* facts.c — type-checking and evaluating the rules' expressions (facts.h).
 * An absent value makes a comparison unknown, and an unknown rule is not
 * broken: a référentiel that needs a value says so with renseigne(…). */
#include "facts.h"

#include <string.h>

#include "typo.h"

enum fact_id {
	FACT_NONE, FACT_DURATION, FACT_YEAR, FACT_SIGNED_ON, FACT_FULL_RELEASE,
	FACT_PARTS, FACT_AMOUNT, FACT_KEYWORD
};

/* What a « pour_chaque mission » rule reads of the mission it looks at. */
enum mission_fact {
	MF_NONE, MF_QUANTUM, MF_REFERENCE, MF_HALF, MF_FLAT, MF_PUBLIC, MF_ID,
	MF_FLAT_WRITTEN, MF_BILAN_TO, MF_BILAN_GIVEN, MF_BILAN_SHEET, MF_BILAN_NAMED
};

static const struct {
	const char *key;
	enum mission_fact id;
} mission_facts[] = {
	{ "quantum", MF_QUANTUM }, { "quantum_reference", MF_REFERENCE },
	{ "demi_part", MF_HALF }, { "forfait", MF_FLAT }, { "public", MF_PUBLIC },
	{ "identifiant", MF_ID }, { "forfait_ecrit", MF_FLAT_WRITTEN },
	{ "destinataires_bilan", MF_BILAN_TO }, { "bilan_remis_a", MF_BILAN_GIVEN },
	{ "fiche_bilan", MF_BILAN_SHEET }, { "bilan_nomme", MF_BILAN_NAMED },
};

static enum mission_fact
mission_fact_of(const char *key)
{
	for (size_t i = 0; i < sizeof(mission_facts) / sizeof(mission_facts[0]); i++)
		if (strcmp(mission_facts[i].key, key) == 0)
			return mission_facts[i].id;
	return MF_NONE;
}

/* Names a rule may compare with: the publics of the Pacte's missions. */
static int
is_public_name(const char *key)
{
	return strcmp(key, "premier_degre") == 0 || strcmp(key, "second_degre") == 0 ||
	    strcmp(key, "voie_professionnelle") == 0;
}

/* The degrés a corps belongs to (« degre premier » in commun.mission), which
 * degre(rôle) gives. */
static int
is_degree_name(const char *key)
{
	return strcmp(key, "premier") == 0 || strcmp(key, "second") == 0;
}

/* Facts that are not a declaration's own value. */
static enum fact_id
fact_of(const char *key, mc_kw *kw)
{
	if (strcmp(key, "duree") == 0)
		return FACT_DURATION;
	if (strcmp(key, "annee_scolaire") == 0)
		return FACT_YEAR;
	if (strcmp(key, "fait_le") == 0)
		return FACT_SIGNED_ON;
	if (strcmp(key, "decharge_complete") == 0)
		return FACT_FULL_RELEASE;
	if (strcmp(key, "parts") == 0)
		return FACT_PARTS;
	if (strcmp(key, "montant") == 0)
		return FACT_AMOUNT;
	*kw = mc_kw_find(key);
	if (*kw != MC_KW__COUNT && mc_kw_table[*kw].unit != MC_U_NONE)
		return FACT_KEYWORD;
	return FACT_NONE;
}

enum func_id {
	FN_NONE, FN_FILLED, FN_SIGNS, FN_PARTY, FN_MISSION, FN_CORPS, FN_CORPS_KNOWN,
	FN_MISSION_FOR, FN_DAY, FN_MENTIONS, FN_RANKED, FN_DEGREE, FN_MULTIPLE,
	FN_ESTAB_KIND
};

static const struct {
	const char *key;
	enum func_id id;
	const char *usage;
} functions[] = {
	{ "renseigne", FN_FILLED, "renseigne(déclaration) ou renseigne(déclaration.clé)" },
	{ "signe", FN_SIGNS, "signe(rôle)" },
	{ "partie", FN_PARTY, "partie(rôle)" },
	{ "mission", FN_MISSION, "mission(identifiant de mission)" },
	{ "corps", FN_CORPS, "corps(rôle)" },
	{ "corps_connu", FN_CORPS_KNOWN, "corps_connu(rôle)" },
	{ "une_mission_pour", FN_MISSION_FOR, "une_mission_pour(premier_degre | second_degre | voie_professionnelle)" },
	{ "jour", FN_DAY, "jour(15, octobre)" },
	{ "mentionne", FN_MENTIONS, "mentionne(\"texte\")" },
	{ "une_mission", FN_RANKED, "une_mission(principale | secondaire)" },
	{ "degre", FN_DEGREE, "degre(rôle)" },
	{ "multiple_de", FN_MULTIPLE, "multiple_de(quantité, quantité)" },
	{ "etablissement_est", FN_ESTAB_KIND, "etablissement_est(sorte)" },
};

static enum func_id
function_of(const char *key, const char **usage)
{
	for (size_t i = 0; i < sizeof(functions) / sizeof(functions[0]); i++)
		if (strcmp(functions[i].key, key) == 0) {
			*usage = functions[i].usage;
			return functions[i].id;
		}
	return FN_NONE;
}

static mc_type
type(mc_type_kind k, mc_unit u)
{
	mc_type t = { k, u };

	return t;
}

static mc_span
ref_span(const mc_referential *ref, const mc_node *n)
{
	return mc_span_of(&ref->src, n->start, n->end);
}

/* Is `sub` one of the space-separated words of `subs`? */
static int
has_sub(const char *subs, const char *sub)
{
	size_t n = strlen(sub);

	for (const char *p = subs; *p != '\0';) {
		const char *e = strchr(p, ' ');
		size_t len = e ? (size_t)(e - p) : strlen(p);

		if (len == n && memcmp(p, sub, n) == 0)
			return 1;
		if (e == NULL)
			break;
		p = e + 1;
	}
	return 0;
}

static int
check_filled_path(const mc_referential *ref, const mc_node *arg, mc_diags *d)
{
	const char *key = arg->u.word.key, *dot = strchr(key, '.');
	char head[64];
	size_t n = dot ? (size_t)(dot - key) : strlen(key);
	mc_kw kw;

	if (n >= sizeof(head))
		n = sizeof(head) - 1;
	memcpy(head, key, n);
	head[n] = '\0';
	kw = mc_kw_find(head);
	if (kw == MC_KW__COUNT) {
		mc_suggester s;
		mc_diag *diag;

		mc_suggest_init(&s, head);
		for (int i = 0; i < MC_KW__COUNT; i++)
			mc_suggest_try(&s, mc_kw_table[i].key);
		diag = mc_diag_emit(d, MC_D_UNKNOWN_FACT, ref_span(ref, arg), key);
		mc_diag_suggest(d, diag, mc_suggest_best(&s));
		return 0;
	}
	if (dot != NULL && !has_sub(mc_kw_table[kw].subs, dot + 1)) {
		mc_diag_emit(d, MC_D_BAD_RULE, ref_span(ref, arg),
		    mc_arena_printf(d->arena, "« %s » n’a pas de clé « %s »%s%s",
		    head, dot + 1, *mc_kw_table[kw].subs ? " ; clés possibles : " : "",
		    mc_kw_table[kw].subs));
		return 0;
	}
	return 1;
}

static const char *type_name(mc_diags *d, mc_type t);

static mc_type
check_call(const mc_referential *ref, const mc_node *e, int per_mission,
    mc_diags *d)
{
	const char *usage = NULL;
	enum func_id fn = function_of(e->u.call.key, &usage);
	const mc_node *arg = e->u.call.args;

	if (fn == FN_NONE) {
		mc_suggester s;
		mc_diag *diag;

		mc_suggest_init(&s, e->u.call.key);
		for (size_t i = 0; i < sizeof(functions) / sizeof(functions[0]); i++)
			mc_suggest_try(&s, functions[i].key);
		diag = mc_diag_emit(d, MC_D_UNKNOWN_FUNCTION, ref_span(ref, e),
		    e->u.call.key);
		mc_diag_suggest(d, diag, mc_suggest_best(&s));
		return type(MC_T_ERROR, MC_U_NONE);
	}
	if (fn == FN_DAY) {
		const mc_node *m = arg != NULL ? arg->next : NULL;

		if (e->u.call.nargs != 2 || arg == NULL || m == NULL ||
		    arg->kind != MC_N_NUMBER || m->kind != MC_N_WORD || mc_month_of(m->u.word.key) == 0 ||
		    arg->u.qty.milli % MC_MILLI != 0 || arg->u.qty.milli < MC_MILLI ||
		    arg->u.qty.milli > 31 * MC_MILLI) {
			mc_diag_emit(d, MC_D_BAD_RULE, ref_span(ref, e),
			    "écrivez jour(15, octobre) : un jour du mois, puis le mois en toutes lettres");
			return type(MC_T_ERROR, MC_U_NONE);
		}
		return type(MC_T_DATE, MC_U_NONE);
	}
	if (fn == FN_MENTIONS) {
		if (e->u.call.nargs != 1 || arg->kind != MC_N_STRING || arg->u.str.len == 0) {
			mc_diag_emit(d, MC_D_BAD_RULE, ref_span(ref, e),
			    "écrivez mentionne(\"texte\") : un texte à chercher dans les activités spécifiques et les observations");
			return type(MC_T_ERROR, MC_U_NONE);
		}
		return type(MC_T_BOOL, MC_U_NONE);
	}
	if (fn == FN_MULTIPLE) {
		mc_type a, b;

		if (e->u.call.nargs != 2) {
			mc_diag_emit(d, MC_D_BAD_RULE, ref_span(ref, e),
			    "écrivez multiple_de(quantum, quantum_reference) : deux quantités de même unité");
			return type(MC_T_ERROR, MC_U_NONE);
		}
		a = mc_rule_typecheck(ref, arg, per_mission, d);
		b = mc_rule_typecheck(ref, arg->next, per_mission, d);
		if (a.kind == MC_T_ERROR || b.kind == MC_T_ERROR)
			return type(MC_T_ERROR, MC_U_NONE);
		if (a.kind != MC_T_QTY || b.kind != MC_T_QTY || a.unit != b.unit) {
			mc_diag_emit(d, MC_D_INCOMPATIBLE_UNITS, ref_span(ref, e),
			    type_name(d, a), type_name(d, b));
			return type(MC_T_ERROR, MC_U_NONE);
		}
		return type(MC_T_BOOL, MC_U_NONE);
	}
	if (e->u.call.nargs != 1 || arg->kind != MC_N_WORD) {
		mc_diag_emit(d, MC_D_BAD_RULE, ref_span(ref, e),
		    mc_arena_printf(d->arena, "écrivez %s", usage));
		return type(MC_T_ERROR, MC_U_NONE);
	}
	switch (fn) {
	case FN_FILLED:
		if (!check_filled_path(ref, arg, d))
			return type(MC_T_ERROR, MC_U_NONE);
		return type(MC_T_BOOL, MC_U_NONE);
	case FN_SIGNS:
	case FN_PARTY:
	case FN_CORPS:
	case FN_CORPS_KNOWN:
	case FN_DEGREE:
		if (mc_ref_role(ref, arg->u.word.key) == NULL) {
			mc_diag_emit(d, MC_D_UNKNOWN_ROLE, ref_span(ref, arg),
			    arg->u.word.text, ref->name);
			return type(MC_T_ERROR, MC_U_NONE);
		}
		return type(fn == FN_CORPS || fn == FN_DEGREE ? MC_T_NAME : MC_T_BOOL,
		    MC_U_NONE);
	case FN_MISSION_FOR:
		if (!is_public_name(arg->u.word.key)) {
			mc_diag_emit(d, MC_D_BAD_RULE, ref_span(ref, arg),
			    "écrivez une_mission_pour(premier_degre), (second_degre) ou (voie_professionnelle)");
			return type(MC_T_ERROR, MC_U_NONE);
		}
		return type(MC_T_BOOL, MC_U_NONE);
	case FN_ESTAB_KIND: {
		/* A kind that some « nom_etablissement … sorte KIND » declares. */
		const mc_commons *c = ref->commons;

		for (size_t i = 0; c != NULL && i < c->nnouns; i++)
			if (c->nouns[i].kind != NULL && strcmp(c->nouns[i].kind, arg->u.word.key) == 0)
				return type(MC_T_BOOL, MC_U_NONE);
		mc_diag_emit(d, MC_D_BAD_RULE, ref_span(ref, arg),
		    "écrivez etablissement_est(sorte), une sorte que déclare « nom_etablissement … sorte … » dans commun.mission");
		return type(MC_T_ERROR, MC_U_NONE);
	}
	case FN_RANKED:
		if (strcmp(arg->u.word.key, "principale") != 0 &&
		    strcmp(arg->u.word.key, "secondaire") != 0) {
			mc_diag_emit(d, MC_D_BAD_RULE, ref_span(ref, arg),
			    "écrivez une_mission(principale) ou une_mission(secondaire)");
			return type(MC_T_ERROR, MC_U_NONE);
		}
		return type(MC_T_BOOL, MC_U_NONE);
	case FN_DAY:
	case FN_MENTIONS:
	case FN_MULTIPLE:
		break;
	case FN_MISSION:
		if (mc_ref_mission(ref, arg->u.word.key) == NULL) {
			mc_diag_emit(d, MC_D_UNKNOWN_MISSION, ref_span(ref, arg),
			    arg->u.word.text, ref->name, ref->name);
			return type(MC_T_ERROR, MC_U_NONE);
		}
		return type(MC_T_BOOL, MC_U_NONE);
	case FN_NONE:
		break;
	}
	return type(MC_T_ERROR, MC_U_NONE);
}

static const char *
type_name(mc_diags *d, mc_type t)
{
	switch (t.kind) {
	case MC_T_BOOL: return "une condition";
	case MC_T_QTY:
		return t.unit == MC_U_NONE ? "un nombre" :
		    mc_arena_printf(d->arena, "des %s", mc_unit_description(t.unit));
	case MC_T_DATE: return "une date";
	case MC_T_YEAR: return "une année scolaire";
	case MC_T_NAME: return "un nom";
	case MC_T_NAMES: return "une liste de noms";
	case MC_T_QTYS: return "une liste de quantités";
	case MC_T_ERROR: break;
	}
	return "?";
}

mc_type
mc_rule_typecheck(const mc_referential *ref, const mc_node *e, int per_mission,
    mc_diags *d)
{
	mc_type l, r;

	switch (e->kind) {
	case MC_N_WORD: {
		mc_kw kw = MC_KW__COUNT;

		switch (fact_of(e->u.word.key, &kw)) {
		case FACT_DURATION: return type(MC_T_QTY, MC_U_YEARS);
		case FACT_YEAR: return type(MC_T_YEAR, MC_U_NONE);
		case FACT_SIGNED_ON: return type(MC_T_DATE, MC_U_NONE);
		case FACT_FULL_RELEASE: return type(MC_T_BOOL, MC_U_NONE);
		case FACT_PARTS: return type(MC_T_QTY, MC_U_PARTS);
		case FACT_AMOUNT: return type(MC_T_QTY, MC_U_EUROS);
		case FACT_KEYWORD: return type(MC_T_QTY, mc_kw_table[kw].unit);
		case FACT_NONE: break;
		}
		switch (mission_fact_of(e->u.word.key)) {
		case MF_NONE:
			break;
		default:
			if (!per_mission) {
				mc_diag_emit(d, MC_D_BAD_RULE, ref_span(ref, e),
				    mc_arena_printf(d->arena, "« %s » se lit sur une mission : ajoutez « pour_chaque mission » à la règle",
				    e->u.word.text));
				return type(MC_T_ERROR, MC_U_NONE);
			}
			switch (mission_fact_of(e->u.word.key)) {
			case MF_FLAT:
			case MF_FLAT_WRITTEN:
			case MF_BILAN_SHEET:
			case MF_BILAN_NAMED: return type(MC_T_BOOL, MC_U_NONE);
			case MF_PUBLIC:
			case MF_BILAN_TO: return type(MC_T_NAMES, MC_U_NONE);
			case MF_ID:
			case MF_BILAN_GIVEN: return type(MC_T_NAME, MC_U_NONE);
			default: return type(MC_T_QTY, MC_U_HOURS);
			}
		}
		if (mc_commons_corps(ref->commons, e->u.word.key) != NULL ||
		    mc_ref_mission(ref, e->u.word.key) != NULL ||
		    mc_ref_role(ref, e->u.word.key) != NULL ||
		    is_public_name(e->u.word.key) || is_degree_name(e->u.word.key))
			return type(MC_T_NAME, MC_U_NONE);
		{
			mc_suggester s;
			mc_diag *diag;

			mc_suggest_init(&s, e->u.word.key);
			mc_suggest_try(&s, "duree");
			mc_suggest_try(&s, "annee_scolaire");
			mc_suggest_try(&s, "fait_le");
			mc_suggest_try(&s, "decharge_complete");
			for (int i = 0; i < MC_KW__COUNT; i++)
				if (mc_kw_table[i].unit != MC_U_NONE)
					mc_suggest_try(&s, mc_kw_table[i].key);
			diag = mc_diag_emit(d, MC_D_UNKNOWN_FACT, ref_span(ref, e),
			    e->u.word.text);
			mc_diag_suggest(d, diag, mc_suggest_best(&s));
		}
		return type(MC_T_ERROR, MC_U_NONE);
	}
	case MC_N_NUMBER:
	case MC_N_QUANTITY:
		return type(MC_T_QTY, e->u.qty.unit);
	case MC_N_DATE:
		return type(MC_T_DATE, MC_U_NONE);
	case MC_N_YEAR:
		return type(MC_T_YEAR, MC_U_NONE);
	case MC_N_CALL:
		return check_call(ref, e, per_mission, d);
	case MC_N_LIST: {
		mc_type first = type(MC_T_NAME, MC_U_NONE);

		for (const mc_node *it = e->u.list.items; it != NULL; it = it->next) {
			mc_type t = mc_rule_typecheck(ref, it, per_mission, d);

			if (t.kind == MC_T_ERROR)
				return t;
			if (it == e->u.list.items)
				first = t;
			if ((t.kind != MC_T_NAME && t.kind != MC_T_QTY) ||
			    t.kind != first.kind || t.unit != first.unit) {
				mc_diag_emit(d, MC_D_BAD_RULE, ref_span(ref, it),
				    "une liste « [ … ] » contient des noms, ou des quantités de même unité");
				return type(MC_T_ERROR, MC_U_NONE);
			}
		}
		return first.kind == MC_T_QTY ? type(MC_T_QTYS, first.unit) :
		    type(MC_T_NAMES, MC_U_NONE);
	}
	case MC_N_NOT:
		l = mc_rule_typecheck(ref, e->u.operand, per_mission, d);
		if (l.kind == MC_T_ERROR)
			return l;
		if (l.kind != MC_T_BOOL) {
			mc_diag_emit(d, MC_D_BAD_RULE, ref_span(ref, e),
			    "« non » s’applique à une condition");
			return type(MC_T_ERROR, MC_U_NONE);
		}
		return l;
	case MC_N_BINARY:
		l = mc_rule_typecheck(ref, e->u.bin.lhs, per_mission, d);
		r = mc_rule_typecheck(ref, e->u.bin.rhs, per_mission, d);
		if (l.kind == MC_T_ERROR || r.kind == MC_T_ERROR)
			return type(MC_T_ERROR, MC_U_NONE);
		switch (e->u.bin.op) {
		case MC_OP_AND:
		case MC_OP_OR:
			if (l.kind != MC_T_BOOL || r.kind != MC_T_BOOL) {
				mc_diag_emit(d, MC_D_BAD_RULE, ref_span(ref, e),
				    "« et » et « ou » relient des conditions");
				return type(MC_T_ERROR, MC_U_NONE);
			}
			return l;
		case MC_OP_IN:
			if (!(l.kind == MC_T_NAME && r.kind == MC_T_NAMES) &&
			    !(l.kind == MC_T_QTY && r.kind == MC_T_QTYS && l.unit == r.unit)) {
				mc_diag_emit(d, MC_D_BAD_RULE, ref_span(ref, e),
				    "écrivez « corps(rôle) dans [nom, nom] » ou « imp dans [625 €, 1 250 €] »");
				return type(MC_T_ERROR, MC_U_NONE);
			}
			return type(MC_T_BOOL, MC_U_NONE);
		case MC_OP_EQ: case MC_OP_NE: case MC_OP_LT: case MC_OP_LE:
		case MC_OP_GT: case MC_OP_GE:
			if (l.kind != r.kind || l.unit != r.unit ||
			    l.kind == MC_T_BOOL || l.kind == MC_T_NAMES ||
			    (l.kind == MC_T_NAME && e->u.bin.op != MC_OP_EQ &&
			    e->u.bin.op != MC_OP_NE)) {
				mc_diag_emit(d, MC_D_INCOMPATIBLE_UNITS, ref_span(ref, e),
				    type_name(d, l), type_name(d, r));
				return type(MC_T_ERROR, MC_U_NONE);
			}
			return type(MC_T_BOOL, MC_U_NONE);
		case MC_OP_ADD: case MC_OP_SUB:
			if (l.kind != MC_T_QTY || r.kind != MC_T_QTY || l.unit != r.unit) {
				mc_diag_emit(d, MC_D_INCOMPATIBLE_UNITS, ref_span(ref, e),
				    type_name(d, l), type_name(d, r));
				return type(MC_T_ERROR, MC_U_NONE);
			}
			return l;
		case MC_OP_MUL:
			if (l.kind != MC_T_QTY || r.kind != MC_T_QTY ||
			    (l.unit != MC_U_NONE && r.unit != MC_U_NONE)) {
				mc_diag_emit(d, MC_D_BAD_RULE, ref_span(ref, e),
				    "« * » multiplie une quantité par un nombre sans unité");
				return type(MC_T_ERROR, MC_U_NONE);
			}
			return type(MC_T_QTY, l.unit != MC_U_NONE ? l.unit : r.unit);
		}
		break;
	default:
		break;
	}
	mc_diag_emit(d, MC_D_BAD_RULE, ref_span(ref, e),
	    mc_arena_printf(d->arena, "%s n’a pas de sens dans une règle",
	    mc_node_kind_name(e)));
	return type(MC_T_ERROR, MC_U_NONE);
}

/* Evaluation */

static mc_value
unknown(mc_type_kind k)
{
	mc_value v;

	memset(&v, 0, sizeof(v));
	v.kind = k;
	v.truth = MC_UNKNOWN;
	return v;
}

static mc_value
boolean(int b, const mc_node *origin)
{
	mc_value v = unknown(MC_T_BOOL);

	v.truth = b ? MC_TRUE : MC_FALSE;
	v.origin = origin;
	return v;
}

static const mc_node *
first_quantity(const mc_node *stmt)
{
	for (const mc_node *a = stmt->u.stmt.args; a != NULL; a = a->next)
		if (a->kind == MC_N_QUANTITY || a->kind == MC_N_NUMBER)
			return a;
	return NULL;
}

/* The node a path « clé » or « clé.sous_clé » designates in the letter; *parent
 * gets the deepest declaration that exists on the way. */
static const mc_node *
lookup_path(const mc_letter *l, const char *path, const mc_node **parent)
{
	const char *dot = strchr(path, '.');
	char head[64];
	size_t n = dot ? (size_t)(dot - path) : strlen(path);
	const mc_node *stmt;
	mc_kw kw;

	*parent = NULL;
	if (n >= sizeof(head))
		return NULL;
	memcpy(head, path, n);
	head[n] = '\0';
	kw = mc_kw_find(head);
	if (kw == MC_KW__COUNT || (stmt = l->first[kw]) == NULL)
		return NULL;
	if (dot == NULL)
		return stmt;
	*parent = stmt;
	for (const mc_node *a = stmt->u.stmt.args; a != NULL; a = a->next)
		if (mc_word_is(a, dot + 1))
			return a->next != NULL ? a->next : a;
	for (const mc_node *s = stmt->u.stmt.body; s != NULL; s = s->next)
		if (strcmp(mc_stmt_key(s), dot + 1) == 0)
			return s;
	return NULL;
}

/* A blank text (« "" ») fills nothing. */
static int
text_blank(const mc_node *n)
{
	if (n->kind != MC_N_STRING && n->kind != MC_N_TEXT)
		return 0;
	for (size_t i = 0; i < n->u.str.len; i++)
		if (n->u.str.text[i] != ' ' && n->u.str.text[i] != '\n' &&
		    n->u.str.text[i] != '\t')
			return 0;
	return 1;
}

static int
has_content(const mc_node *n)
{
	if (n->kind == MC_N_STMT)
		return n->u.stmt.args == NULL || !text_blank(n->u.stmt.args);
	return !text_blank(n);
}

/* A byte of UTF-8 text in lower case: ASCII letters, and the second byte of
 * the Latin-1 capitals (« É » is C3 89, « é » C3 A9), so that « Dépannage »
 * at the start of a sentence matches « dépannage ». */
static char
fold(const char *s, size_t i)
{
	unsigned char c = (unsigned char)s[i];

	if (c >= 'A' && c <= 'Z')
		return (char)(c - 'A' + 'a');
	if (i > 0 && (unsigned char)s[i - 1] == 0xC3 && c >= 0x80 && c <= 0x9E &&
	    c != 0x97)
		return (char)(c + 0x20);
	return (char)c;
}

/* Where `needle` is in `text`, ignoring case (ASCII and accented capitals),
 * or NULL. */
const char *
mc_text_find(const char *text, size_t len, const char *needle)
{
	size_t n = strlen(needle);

	for (size_t i = 0; i + n <= len; i++) {
		size_t k = 0;

		while (k < n && fold(text, i + k) == fold(needle, k))
			k++;
		if (k == n)
			return text + i;
	}
	return NULL;
}

static int
contains(const char *text, size_t len, const char *needle)
{
	return mc_text_find(text, len, needle) != NULL;
}

/* The text of a statement that is a text the chef writes: « observation "…" »
 * or « activite specifique "…" »; NULL for the others. */
static const mc_node *
written_text(const mc_node *s)
{
	const mc_node *a = s->u.stmt.args;

	if (strcmp(mc_stmt_key(s), "observation") == 0)
		return a != NULL && (a->kind == MC_N_STRING || a->kind == MC_N_TEXT) ? a : NULL;
	if (strcmp(mc_stmt_key(s), "activite") == 0 && mc_word_is(a, "specifique") &&
	    a->next != NULL && (a->next->kind == MC_N_STRING || a->next->kind == MC_N_TEXT))
		return a->next;
	return NULL;
}

/* The first text the chef wrote under a mission (an « activite specifique »,
 * an observation of the mission or of one of its activities) that mentions
 * needle. */
static const mc_node *
find_mention(const mc_letter *l, const char *needle)
{
	for (size_t i = 0; i < l->nmissions; i++)
		for (const mc_node *s = l->missions[i].stmt->u.stmt.body; s != NULL;
		    s = s->next) {
			const mc_node *t = written_text(s);

			if (t != NULL && contains(t->u.str.text, t->u.str.len, needle))
				return t;
			if (strcmp(mc_stmt_key(s), "activite") != 0)
				continue;
			for (const mc_node *o = s->u.stmt.body; o != NULL; o = o->next)
				if ((t = written_text(o)) != NULL &&
				    contains(t->u.str.text, t->u.str.len, needle))
					return t;
		}
	return NULL;
}

static mc_value
eval_call(const mc_letter *l, const mc_letter_mission *lm, const mc_node *e)
{
	const char *usage;
	const char *arg;
	const mc_party *p;

	if (function_of(e->u.call.key, &usage) == FN_MENTIONS) {
		const mc_node *found = find_mention(l, e->u.call.args->u.str.text);

		return boolean(found != NULL, found);
	}
	if (function_of(e->u.call.key, &usage) == FN_MULTIPLE) {
		/* A whole number of times b: 48 h is two parts of 24 h. */
		mc_value a = mc_rule_eval(l, lm, e->u.call.args);
		mc_value b = mc_rule_eval(l, lm, e->u.call.args->next);

		mc_value v;

		if (a.truth == MC_UNKNOWN || b.truth == MC_UNKNOWN)
			return unknown(MC_T_BOOL);
		v = boolean(b.qty.milli > 0 && a.qty.milli > 0 &&
		    a.qty.milli % b.qty.milli == 0, a.origin);
		if (v.truth == MC_FALSE) {   /* for the note: what the letter says */
			const mc_node *x = e->u.call.args;

			v.cmp = e;
			v.seen = a.qty;
			/* « multiple_de(quantum * 2, …) » asks for half-parts: the
			 * letter says its quantum, not twice it (expected.c says the
			 * half-part in the same way). */
			if (x->kind == MC_N_BINARY && x->u.bin.op == MC_OP_MUL) {
				const mc_node *own = mc_expr_reads_letter(x->u.bin.lhs) ?
				    x->u.bin.lhs : x->u.bin.rhs;
				mc_value o = mc_rule_eval(l, lm, own);

				if (mc_expr_reads_letter(own) && o.truth != MC_UNKNOWN &&
				    o.kind == MC_T_QTY)
					v.seen = o.qty;
			}
		}
		return v;
	}
	arg = e->u.call.args->u.word.key;

	switch (function_of(e->u.call.key, &usage)) {
	case FN_FILLED: {
		const mc_node *parent, *found = lookup_path(l, arg, &parent);

		if (found != NULL && !has_content(found))
			return boolean(0, found);
		return boolean(found != NULL, found != NULL ? found : parent);
	}
	case FN_SIGNS:
		for (size_t i = 0; i < l->nparties; i++) {
			p = &l->parties[i];
			if (p->signature != NULL && p->role != NULL &&
			    strcmp(p->role->id, arg) == 0)
				return boolean(1, p->signature);
		}
		return boolean(0, l->first[MC_KW_SIGNATURES]);
	case FN_PARTY:
		p = mc_letter_party_with_role(l, arg);
		return boolean(p != NULL, p != NULL ? p->stmt : NULL);
	case FN_MISSION:
		for (size_t i = 0; i < l->nmissions; i++)
			if (strcmp(l->missions[i].mission->id, arg) == 0)
				return boolean(1, l->missions[i].stmt);
		return boolean(0, NULL);
	case FN_CORPS:
	case FN_DEGREE: {
		mc_value v = unknown(MC_T_NAME);

		/* A corps without a degré (« contractuel ») leaves degre(…) unknown:
		 * the rules on the degré do not apply to it. */
		p = mc_letter_party_with_role(l, arg);
		if (p != NULL && p->corps != NULL &&
		    (function_of(e->u.call.key, &usage) == FN_CORPS || p->corps->degree != NULL)) {
			v.truth = MC_TRUE;
			v.name = function_of(e->u.call.key, &usage) == FN_CORPS ?
			    p->corps->id : p->corps->degree;
			v.origin = p->corps_node;
		}
		return v;
	}
	case FN_MISSION_FOR:
		for (size_t i = 0; i < l->nmissions; i++)
			for (const mc_node *p2 = l->missions[i].mission->publics; p2 != NULL;
			    p2 = p2->next)
				if (strcmp(p2->u.word.key, arg) == 0)
					return boolean(1, l->missions[i].stmt);
		return boolean(0, NULL);
	case FN_DAY: {
		mc_value v = unknown(MC_T_DATE);
		int month = mc_month_of(e->u.call.args->next->u.word.key);

		if (!l->has_period)
			return v;
		v.truth = MC_TRUE;
		/* In the letter's school year: August to December in its first year. */
		v.date.year = month >= 8 ? l->first_year : l->first_year + 1;
		v.date.month = month;
		v.date.day = (int)(e->u.call.args->u.qty.milli / MC_MILLI);
		return v;
	}
	case FN_CORPS_KNOWN:
		/* Unknown without the party: partie(rôle) is the rule for that. */
		p = mc_letter_party_with_role(l, arg);
		if (p == NULL)
			return unknown(MC_T_BOOL);
		return boolean(p->corps_node != NULL,
		    p->corps_node != NULL ? p->corps_node : p->stmt);
	case FN_RANKED:
		for (size_t i = 0; i < l->nmissions; i++)
			if (l->missions[i].rank != NULL &&
			    strcmp(l->missions[i].rank->u.word.key, arg) == 0)
				return boolean(1, l->missions[i].rank);
		return boolean(0, NULL);
	case FN_ESTAB_KIND: {
		/* The kind of the letter's établissement, read from the generic
		 * noun its name begins with (« Collège Henri Barnier »); unknown
		 * without an établissement or a noun of a known kind (« Lycée
		 * Jean Moulin » may be general or polyvalent). */
		const mc_node *etab = l->first[MC_KW_ETABLISSEMENT];
		const mc_node *name = etab != NULL ? etab->u.stmt.args : NULL;
		const mc_commons *c = l->ref != NULL ? l->ref->commons : NULL;
		const mc_estab_noun *noun;
		size_t len;

		if (name == NULL || name->kind != MC_N_STRING || c == NULL)
			return unknown(MC_T_BOOL);
		noun = mc_estab_noun_of(name->u.str.text, c->nouns, c->nnouns, &len);
		if (noun == NULL || noun->kind == NULL)
			return unknown(MC_T_BOOL);
		return boolean(strcmp(noun->kind, arg) == 0, name);
	}
	case FN_MENTIONS:   /* handled above: its argument is a string */
	case FN_MULTIPLE:   /* handled above: its arguments are expressions */
	case FN_NONE:
		break;
	}
	return unknown(MC_T_BOOL);
}

static int
compare(mc_op op, int64_t a, int64_t b)
{
	switch (op) {
	case MC_OP_EQ: return a == b;
	case MC_OP_NE: return a != b;
	case MC_OP_LT: return a < b;
	case MC_OP_LE: return a <= b;
	case MC_OP_GT: return a > b;
	case MC_OP_GE: return a >= b;
	default: break;
	}
	return 0;
}

static int64_t
scalar(const mc_value *v)
{
	switch (v->kind) {
	case MC_T_DATE:
		return (int64_t)v->date.year * 10000 + v->date.month * 100 + v->date.day;
	case MC_T_YEAR:
		return v->year;
	default:
		return v->qty.milli;
	}
}

static mc_value
eval_binary(const mc_letter *l, const mc_letter_mission *lm, const mc_node *e)
{
	mc_value a = mc_rule_eval(l, lm, e->u.bin.lhs);
	mc_value b = mc_rule_eval(l, lm, e->u.bin.rhs);
	mc_value v;

	switch (e->u.bin.op) {
	case MC_OP_AND:
		if (a.truth == MC_FALSE)
			return a;
		if (b.truth == MC_FALSE)
			return b;
		return a.truth == MC_UNKNOWN ? a : b;
	case MC_OP_OR:
		if (a.truth == MC_TRUE)
			return a;
		if (b.truth == MC_TRUE)
			return b;
		if (a.truth == MC_UNKNOWN || b.truth == MC_UNKNOWN)
			return unknown(MC_T_BOOL);
		return a.origin != NULL ? a : b;
	case MC_OP_IN:
		if (a.truth == MC_UNKNOWN || b.truth == MC_UNKNOWN)
			return unknown(MC_T_BOOL);
		for (const mc_node *it = b.items; it != NULL; it = it->next)
			if (a.kind == MC_T_NAME ? strcmp(it->u.word.key, a.name) == 0 :
			    it->u.qty.milli == a.qty.milli)
				return boolean(1, a.origin);
		v = boolean(0, a.origin);
		if (a.kind == MC_T_QTY) {
			v.cmp = e;
			v.seen = a.qty;
		}
		return v;
	case MC_OP_EQ: case MC_OP_NE: case MC_OP_LT: case MC_OP_LE:
	case MC_OP_GT: case MC_OP_GE:
		if (a.truth == MC_UNKNOWN || b.truth == MC_UNKNOWN)
			return unknown(MC_T_BOOL);
		if (a.kind == MC_T_NAME)
			v = boolean((strcmp(a.name, b.name) == 0) ==
			    (e->u.bin.op == MC_OP_EQ), a.origin ? a.origin : b.origin);
		else
			v = boolean(compare(e->u.bin.op, scalar(&a), scalar(&b)),
			    a.origin ? a.origin : b.origin);
		if (v.truth == MC_FALSE) {
			v.cmp = e;
			v.seen = a.origin ? a.qty : b.qty;
			if (a.kind == MC_T_NAME)
				v.seen_name = a.origin ? a.name : b.name;
			if (a.kind == MC_T_DATE) {
				v.seen_is_date = 1;
				v.seen_date = a.origin ? a.date : b.date;
			}
			if (a.kind == MC_T_YEAR)
				v.seen_year = a.origin ? a.year : b.year;
		}
		return v;
	case MC_OP_ADD: case MC_OP_SUB: case MC_OP_MUL:
		if (a.truth == MC_UNKNOWN || b.truth == MC_UNKNOWN)
			return unknown(MC_T_QTY);
		v = a;
		if (e->u.bin.op == MC_OP_ADD)
			v.qty.milli = a.qty.milli + b.qty.milli;
		else if (e->u.bin.op == MC_OP_SUB)
			v.qty.milli = a.qty.milli - b.qty.milli;
		else {
			v.qty.milli = a.qty.milli * b.qty.milli / MC_MILLI;
			v.qty.unit = a.qty.unit != MC_U_NONE ? a.qty.unit : b.qty.unit;
		}
		if (v.origin == NULL)
			v.origin = b.origin;
		return v;
	}
	return unknown(MC_T_BOOL);
}

int64_t
mc_mission_parts(const mc_letter_mission *lm)
{
	const mc_mission *m = lm->mission;
	const mc_node *q = lm->quantum;

	if (m->flat)
		return MC_MILLI;
	if (m->quantum.unit != MC_U_HOURS || m->quantum.milli == 0)
		return 0;
	if (q == NULL || q->kind != MC_N_QUANTITY)
		return MC_MILLI;
	return q->u.qty.milli * MC_MILLI / m->quantum.milli;
}

static mc_value
quantity(int64_t milli, mc_unit unit, const mc_node *origin)
{
	mc_value v = unknown(MC_T_QTY);

	v.truth = MC_TRUE;
	v.qty.milli = milli;
	v.qty.unit = unit;
	v.origin = origin;
	return v;
}

static mc_value
eval_mission_fact(const mc_letter *l, const mc_letter_mission *lm,
    enum mission_fact f)
{
	const mc_mission *m = lm->mission;
	mc_value v;

	switch (f) {
	case MF_QUANTUM:
		if (lm->quantum == NULL || lm->quantum->kind != MC_N_QUANTITY)
			return unknown(MC_T_QTY);
		return quantity(lm->quantum->u.qty.milli, MC_U_HOURS, lm->quantum);
	case MF_REFERENCE:
		if (m->quantum.unit != MC_U_HOURS)
			return unknown(MC_T_QTY);
		return quantity(m->quantum.milli, MC_U_HOURS, NULL);
	case MF_HALF:
		/* No demi-part this year: 0 h, which no quantum equals. */
		if (m->half.unit != MC_U_HOURS || !l->has_period ||
		    l->first_year < m->half_from)
			return quantity(0, MC_U_HOURS, NULL);
		return quantity(m->half.milli, MC_U_HOURS, NULL);
	case MF_FLAT:
		return boolean(m->flat, lm->stmt);
	case MF_PUBLIC:
		v = unknown(MC_T_NAMES);
		v.truth = MC_TRUE;
		v.items = m->publics;
		return v;
	case MF_ID:
		v = unknown(MC_T_NAME);
		v.truth = MC_TRUE;
		v.name = m->id;
		v.origin = lm->stmt;
		return v;
	case MF_FLAT_WRITTEN:
		/* The letter writes « forfait » after the mission's name. */
		if (lm->quantum == NULL || lm->quantum->kind != MC_N_WORD)
			return boolean(0, lm->stmt);
		return boolean(1, lm->quantum);
	case MF_BILAN_TO:
		/* Unknown when the sheet names no recipient: nothing to check. */
		v = unknown(MC_T_NAMES);
		if (m->bilan_to != NULL) {
			v.truth = MC_TRUE;
			v.items = m->bilan_to;
		}
		return v;
	case MF_BILAN_SHEET:
		return boolean(m->bilan_to != NULL, lm->stmt);
	case MF_BILAN_GIVEN:
	case MF_BILAN_NAMED: {
		/* The mission's own « bilan PARTIE », else the letter's. */
		const mc_party *p = lm->bilan_party;
		const mc_node *where = lm->bilan;
		const mc_node *s = l->first[MC_KW_BILAN];

		if (where == NULL && s != NULL && s->u.stmt.args != NULL &&
		    s->u.stmt.args->kind == MC_N_WORD) {
			p = mc_letter_party(l, s->u.stmt.args->u.word.key);
			where = s->u.stmt.args;
		}
		if (f == MF_BILAN_NAMED)
			return boolean(where != NULL, where != NULL ? where : lm->stmt);
		v = unknown(MC_T_NAME);
		if (p != NULL && p->role != NULL) {
			v.truth = MC_TRUE;
			v.name = p->role->id;
			v.origin = where;
		}
		return v;
	}
	case MF_NONE:
		break;
	}
	return unknown(MC_T_BOOL);
}

mc_value
mc_rule_eval(const mc_letter *l, const mc_letter_mission *lm, const mc_node *e)
{
	mc_value v;

	switch (e->kind) {
	case MC_N_WORD: {
		mc_kw kw = MC_KW__COUNT;
		enum fact_id fact = fact_of(e->u.word.key, &kw);

		switch (fact) {
		case FACT_DURATION:
			v = unknown(MC_T_QTY);
			if (l->has_period) {
				v.truth = MC_TRUE;
				v.qty.unit = MC_U_YEARS;
				v.qty.milli = (int64_t)(l->last_year - l->first_year + 1) *
				    MC_MILLI;
				v.origin = l->period;
			}
			return v;
		case FACT_YEAR:
			v = unknown(MC_T_YEAR);
			if (l->has_period) {
				v.truth = MC_TRUE;
				v.year = l->first_year;
				v.origin = l->period;
			}
			return v;
		case FACT_SIGNED_ON:
			v = unknown(MC_T_DATE);
			if (l->has_date) {
				v.truth = MC_TRUE;
				v.date = l->signed_on;
				v.origin = l->first[MC_KW_FAIT_A];
			}
			return v;
		case FACT_FULL_RELEASE: {
			const mc_node *st = l->first[MC_KW_DECHARGE];
			int full = st != NULL && mc_word_is(st->u.stmt.args, "complete");

			return boolean(full, st);
		}
		case FACT_KEYWORD: {
			const mc_node *q = l->first[kw] ? first_quantity(l->first[kw]) : NULL;

			v = unknown(MC_T_QTY);
			if (q != NULL && q->u.qty.unit == mc_kw_table[kw].unit) {
				v.truth = MC_TRUE;
				v.qty = q->u.qty;
				v.origin = q;
			}
			return v;
		}
		case FACT_PARTS:
		case FACT_AMOUNT: {
			int64_t parts = 0;
			const mc_node *last;

			if (l->nmissions == 0)
				return unknown(MC_T_QTY);
			for (size_t i = 0; i < l->nmissions; i++)
				parts += mc_mission_parts(&l->missions[i]);
			last = l->missions[l->nmissions - 1].stmt;
			if (fact == FACT_AMOUNT)
				return quantity(parts * l->ref->part_value.milli / MC_MILLI,
				    MC_U_EUROS, last);
			return quantity(parts, MC_U_PARTS, last);
		}
		case FACT_NONE:
			break;
		}
		if (lm != NULL && mission_fact_of(e->u.word.key) != MF_NONE)
			return eval_mission_fact(l, lm, mission_fact_of(e->u.word.key));
		v = unknown(MC_T_NAME);
		v.truth = MC_TRUE;
		v.name = e->u.word.key;
		return v;
	}
	case MC_N_NUMBER:
	case MC_N_QUANTITY:
		v = unknown(MC_T_QTY);
		v.truth = MC_TRUE;
		v.qty = e->u.qty;
		return v;
	case MC_N_DATE:
		v = unknown(MC_T_DATE);
		v.truth = MC_TRUE;
		v.date = e->u.date;
		return v;
	case MC_N_YEAR:
		v = unknown(MC_T_YEAR);
		v.truth = MC_TRUE;
		v.year = e->u.year;
		return v;
	case MC_N_LIST:
		v = unknown(MC_T_NAMES);
		if (e->u.list.items != NULL && e->u.list.items->kind != MC_N_WORD)
			v.kind = MC_T_QTYS;
		v.truth = MC_TRUE;
		v.items = e->u.list.items;
		return v;
	case MC_N_CALL:
		return eval_call(l, lm, e);
	case MC_N_NOT:
		v = mc_rule_eval(l, lm, e->u.operand);
		if (v.truth != MC_UNKNOWN)
			v.truth = v.truth == MC_TRUE ? MC_FALSE : MC_TRUE;
		v.cmp = NULL;
		return v;
	case MC_N_BINARY:
		return eval_binary(l, lm, e);
	default:
		break;
	}
	return unknown(MC_T_BOOL);
}

/* The declarations an expression reads, as bits of mc_kw: a rule that reads
 * a declaration the resolver could not understand is not judged (check.c). */
uint64_t
mc_rule_reads(const mc_node *e)
{
	uint64_t bits = 0;
	mc_kw kw = MC_KW__COUNT;
	const char *usage = NULL;

	if (e == NULL)
		return 0;
	switch (e->kind) {
	case MC_N_WORD:
		switch (fact_of(e->u.word.key, &kw)) {
		case FACT_DURATION:
		case FACT_YEAR:
			return MC_KW_BIT(MC_KW_PERIODE) | MC_KW_BIT(MC_KW_ANNEE);
		case FACT_SIGNED_ON:
			return MC_KW_BIT(MC_KW_FAIT_A);
		case FACT_FULL_RELEASE:
			return MC_KW_BIT(MC_KW_DECHARGE);
		case FACT_PARTS:
		case FACT_AMOUNT:
			return MC_KW_BIT(MC_KW_MISSION);
		case FACT_KEYWORD:
			return MC_KW_BIT(kw);
		case FACT_NONE:
			break;
		}
		return mission_fact_of(e->u.word.key) != MF_NONE ?
		    MC_KW_BIT(MC_KW_MISSION) : 0;
	case MC_N_CALL:
		switch (function_of(e->u.call.key, &usage)) {
		case FN_FILLED:
			if (e->u.call.args != NULL && e->u.call.args->kind == MC_N_WORD) {
				const char *key = e->u.call.args->u.word.key;
				const char *dot = strchr(key, '.');
				char head[64];
				size_t n = dot ? (size_t)(dot - key) : strlen(key);

				if (n < sizeof(head)) {
					memcpy(head, key, n);
					head[n] = '\0';
					kw = mc_kw_find(head);
					if (kw != MC_KW__COUNT)
						return MC_KW_BIT(kw);
				}
			}
			return 0;
		case FN_SIGNS:
			return MC_KW_BIT(MC_KW_SIGNATURES) | MC_KW_BIT(MC_KW_PARTIE);
		case FN_PARTY:
		case FN_CORPS:
		case FN_CORPS_KNOWN:
		case FN_DEGREE:
			return MC_KW_BIT(MC_KW_PARTIE);
		case FN_MULTIPLE:
			for (const mc_node *a = e->u.call.args; a != NULL; a = a->next)
				bits |= mc_rule_reads(a);
			return bits;
		case FN_MISSION:
		case FN_MISSION_FOR:
		case FN_MENTIONS:
		case FN_RANKED:
			return MC_KW_BIT(MC_KW_MISSION);
		case FN_DAY:
			return MC_KW_BIT(MC_KW_PERIODE) | MC_KW_BIT(MC_KW_ANNEE);
		case FN_ESTAB_KIND:
			return MC_KW_BIT(MC_KW_ETABLISSEMENT);
		case FN_NONE:
			break;
		}
		return 0;
	case MC_N_RANGE:
		return mc_rule_reads(e->u.range.lo) | mc_rule_reads(e->u.range.hi);
	case MC_N_LIST:
		for (const mc_node *it = e->u.list.items; it != NULL; it = it->next)
			bits |= mc_rule_reads(it);
		return bits;
	case MC_N_BINARY:
		return mc_rule_reads(e->u.bin.lhs) | mc_rule_reads(e->u.bin.rhs);
	case MC_N_NOT:
		return mc_rule_reads(e->u.operand);
	default:
		break;
	}
	return 0;
}

/* Does the expression read the letter itself (its quantum, service, dates,
 * corps…), as opposed to the référentiel's values (quantum_reference,
 * demi_part, jour(…)) and constants? */
int
mc_expr_reads_letter(const mc_node *e)
{
	mc_kw kw;
	const char *usage;

	if (e == NULL)
		return 0;
	switch (e->kind) {
	case MC_N_WORD:
		if (fact_of(e->u.word.key, &kw) != FACT_NONE)
			return 1;
		switch (mission_fact_of(e->u.word.key)) {
		case MF_QUANTUM: case MF_ID: case MF_FLAT:
			return 1;
		default:
			return 0;
		}
	case MC_N_CALL:
		return function_of(e->u.call.key, &usage) != FN_DAY;
	case MC_N_BINARY:
		return mc_expr_reads_letter(e->u.bin.lhs) ||
		    mc_expr_reads_letter(e->u.bin.rhs);
	case MC_N_NOT:
		return mc_expr_reads_letter(e->u.operand);
	default:
		return 0;
	}
}
