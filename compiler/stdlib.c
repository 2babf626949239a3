/* stdlib.c — loading the référentiels of stdlib/ (written in the missionc
 * language itself) into the model of model.h, with their rules type-checked.
 * A référentiel is loaded once and then shared read-only. */
#include "ast_image.h"
#include "facts.h"
#include "parse.h"
#include "typo.h"

#include <dirent.h>
#include <errno.h>
#include <libdeflate.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

typedef struct loaded {
	char *name;
	mc_referential *ref;
	int hint;         /* loaded only to say where a name is (mc_stdlib_owner) */
} loaded;

struct mc_stdlib {
	char *dir;
	mc_arena arena;
	mc_commons *commons;
	loaded *refs;
	size_t nrefs, caprefs;
	char **names;
	size_t nnames;
	int listed;
	int loading;      /* nesting of « missions selon » while loading */
	int frozen;       /* threads read it: nothing more is loaded */
};

#define COMMONS_NAME "commun"

mc_stdlib *
mc_stdlib_open(const char *dir)
{
	mc_stdlib *lib = calloc(1, sizeof(*lib));

	if (lib == NULL)
		return NULL;
	lib->dir = strdup(dir);
	if (lib->dir == NULL) {
		free(lib);
		return NULL;
	}
	mc_arena_init(&lib->arena, (size_t)256 * 1024);
	return lib;
}

void
mc_stdlib_close(mc_stdlib *lib)
{
	if (lib == NULL)
		return;
	for (size_t i = 0; i < lib->nrefs; i++) {
		mc_diags_free(&lib->refs[i].ref->diags);
		free(lib->refs[i].name);
	}
	if (lib->commons != NULL)
		mc_diags_free(&lib->commons->diags);
	for (size_t i = 0; i < lib->nnames; i++)
		free(lib->names[i]);
	free(lib->names);
	free(lib->refs);
	mc_arena_free(&lib->arena);
	free(lib->dir);
	free(lib);
}

const char *
mc_stdlib_dir(const mc_stdlib *lib)
{
	return lib->dir;
}

static int
valid_name(const char *name)
{
	if (*name == '\0' || strlen(name) > 64)
		return 0;
	for (const char *p = name; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '_'))
			return 0;
	return 1;
}

static int
cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

const char *const *
mc_stdlib_names(mc_stdlib *lib)
{
	DIR *d;
	struct dirent *e;
	size_t cap = 0;

	if (lib->listed)
		return (const char *const *)lib->names;
	lib->listed = 1;
	d = opendir(lib->dir);
	while (d != NULL && (e = readdir(d)) != NULL) {
		size_t n = strlen(e->d_name);
		char *name;

		if (n <= 8 || strcmp(e->d_name + n - 8, ".mission") != 0)
			continue;
		name = strndup(e->d_name, n - 8);
		if (name == NULL || !valid_name(name) ||
		    strcmp(name, COMMONS_NAME) == 0) {
			free(name);
			continue;
		}
		if (lib->nnames + 2 > cap) {
			char **names;

			cap = cap ? cap * 2 : 16;
			names = realloc(lib->names, cap * sizeof(*names));
			if (names == NULL) {
				free(name);
				break;
			}
			lib->names = names;
		}
		lib->names[lib->nnames++] = name;
	}
	if (d != NULL)
		closedir(d);
	if (lib->names == NULL) {
		lib->names = calloc(1, sizeof(*lib->names));
		if (lib->names == NULL)
			return NULL;
	}
	qsort(lib->names, lib->nnames, sizeof(*lib->names), cmp_names);
	lib->names[lib->nnames] = NULL;
	return (const char *const *)lib->names;
}

/* Parses a stdlib file into src; returns its statements. */
static mc_node *
load_source(mc_stdlib *lib, const char *name, mc_source *src, mc_diags *d,
    size_t *count)
{
	char *path = mc_arena_printf(&lib->arena, "%s/%s.mission", lib->dir, name);
	char *text;
	size_t len = 0;
	int err;
	mc_node *stmts = NULL;
	const mc_ast_image *img;

	*count = 0;
	/* A référentiel as shipped: its tree as parsed when missionc was built
	 * (ast_image.h). Any other bytes are parsed, with their diagnostics. */
	img = mc_ast_image_find_file(mc_stdlib_images, path);
	if (img != NULL) {
		stmts = mc_ast_image_load(img, &lib->arena, src, path, count);
		if (src->text != NULL)
			return stmts;
	}
	text = mc_read_file(path, &len, &err);
	if (text == NULL) {
		memset(src, 0, sizeof(*src));
		src->name = path;
		src->text = mc_arena_strndup(&lib->arena, "", 0);
		mc_diag_emit(d, MC_D_FILE_UNREADABLE, mc_span_of(NULL, 0, 0), path,
		    mc_strerror(err));
		return NULL;
	}
	if (mc_source_init(src, &lib->arena, d, path, text, len))
		stmts = mc_parse(&lib->arena, d, src, count);
	free(text);
	return stmts;
}

/* Reading declarations */

typedef struct loader {
	mc_stdlib *lib;
	int per_mission;       /* typing a « pour_chaque mission » rule */
	mc_arena *arena;
	mc_diags *d;
	const mc_source *src;
	mc_referential *ref;
} loader;

static mc_span
at(const loader *ld, const mc_node *n)
{
	return n != NULL ? mc_span_of(ld->src, n->start, n->end) :
	    mc_span_of(ld->src, 0, 0);
}

static const mc_node *
arg(const mc_node *stmt, size_t i)
{
	const mc_node *a = stmt->u.stmt.args;

	while (a != NULL && i-- > 0)
		a = a->next;
	return a;
}

/* Each « {corps:ID} » of a référentiel's text names a corps of commun.mission
 * (the word the source writes when the letter does not give the corps). */
static void
check_corps_refs(loader *ld, const mc_node *a)
{
	static const char mark[] = "{corps:";
	const char *p = a->u.str.text;

	if (ld->ref == NULL || ld->ref->commons == NULL)
		return;
	while ((p = strstr(p, mark)) != NULL) {
		const char *id = p + strlen(mark), *end = strchr(id, '}');
		char name[64];

		if (end == NULL)
			return;
		if ((size_t)(end - id) >= sizeof(name))
			name[0] = '\0';
		else {
			memcpy(name, id, (size_t)(end - id));
			name[end - id] = '\0';
		}
		if (mc_commons_corps(ld->ref->commons, name) == NULL)
			mc_diag_emit(ld->d, MC_D_UNKNOWN_CORPS, at(ld, a), name);
		p = end + 1;
	}
}

/* The text argument of a statement: a string or a text block. */
static const char *
text_arg(loader *ld, const mc_node *stmt, size_t i)
{
	const mc_node *a = arg(stmt, i);

	if (a == NULL || (a->kind != MC_N_STRING && a->kind != MC_N_TEXT)) {
		mc_diag_emit(ld->d, MC_D_MISSING_ARGUMENT, at(ld, a ? a : stmt),
		    mc_stmt_key(stmt), "un texte entre guillemets");
		return NULL;
	}
	check_corps_refs(ld, a);
	return a->u.str.text;
}

static const char *
word_arg(loader *ld, const mc_node *stmt, size_t i, const char *what)
{
	const mc_node *a = arg(stmt, i);

	if (a == NULL || a->kind != MC_N_WORD) {
		mc_diag_emit(ld->d, MC_D_MISSING_ARGUMENT, at(ld, a ? a : stmt),
		    mc_stmt_key(stmt), what);
		return NULL;
	}
	return a->u.word.key;
}

const mc_ref_keyword mc_ref_keywords[] = {
#define RKW(block, key, expects) { block, key, expects },
#include "referential.def"
#undef RKW
};
const size_t mc_ref_keyword_count = sizeof(mc_ref_keywords) / sizeof(mc_ref_keywords[0]);

/* An unknown declaration in a block: the nearest of the block's. */
static void
unknown_decl(loader *ld, const mc_node *stmt, mc_ref_block block)
{
	mc_suggester s;
	mc_diag *diag;

	mc_suggest_init(&s, mc_stmt_key(stmt));
	for (size_t i = 0; i < mc_ref_keyword_count; i++)
		if (mc_ref_keywords[i].block == block)
			mc_suggest_try(&s, mc_ref_keywords[i].key);
	diag = mc_diag_emit(ld->d, MC_D_UNKNOWN_DECLARATION,
	    at(ld, stmt->u.stmt.head), stmt->u.stmt.head->u.word.text);
	mc_diag_suggest(ld->d, diag, mc_suggest_best(&s));
}

static int
key_is(const mc_node *stmt, const char *key)
{
	return strcmp(mc_stmt_key(stmt), key) == 0;
}

static int
read_quantum(loader *ld, const mc_node *stmt, mc_quantity *q, int *flat)
{
	const mc_node *a = arg(stmt, 0);

	if (a != NULL && mc_word_is(a, "forfait")) {
		*flat = 1;
		return 1;
	}
	if (a == NULL || a->kind != MC_N_QUANTITY) {
		mc_diag_emit(ld->d, MC_D_MISSING_ARGUMENT, at(ld, a ? a : stmt),
		    mc_stmt_key(stmt), "une quantité (ex. « 24 h ») ou « forfait »");
		return 0;
	}
	*q = a->u.qty;
	return 1;
}

static size_t
count_activities(const mc_node *body)
{
	size_t n = 0;

	for (const mc_node *s = body; s != NULL; s = s->next) {
		if (key_is(s, "activite"))
			n++;
		else if (key_is(s, "groupe"))
			n += count_activities(s->u.stmt.body);
	}
	return n;
}

static void
read_activity(loader *ld, mc_mission *m, const mc_node *s, const char *gid,
    const char *gtext)
{
	mc_activity *a = &m->activities[m->nactivities];
	const char *id = word_arg(ld, s, 0, "un identifiant puis le texte de l’activité");
	const char *text = id ? text_arg(ld, s, 1) : NULL;

	if (id == NULL || text == NULL)
		return;
	if (mc_mission_activity(m, id) != NULL) {
		mc_diag *diag = mc_diag_emit(ld->d, MC_D_DUPLICATE_CODE,
		    at(ld, arg(s, 0)), id);

		mc_diag_note(ld->d, diag, at(ld, mc_mission_activity(m, id)->decl),
		    "première définition");
		return;
	}
	memset(a, 0, sizeof(*a));
	/* « paragraphe »: the source writes it after the list (annexe 1,
	 * mission 4: « La gestion des relations… porte aussi sur… »). */
	if (arg(s, 2) != NULL) {
		if (mc_word_is(arg(s, 2), "paragraphe") && arg(s, 3) == NULL)
			a->paragraph = 1;
		else
			mc_diag_emit(ld->d, MC_D_MISSING_ARGUMENT, at(ld, arg(s, 2)), "activite",
			    "un identifiant, le texte, et facultativement « paragraphe »");
	}
	a->id = id;
	a->text = text;
	a->group_id = gid;
	a->group_text = gtext;
	a->decl = s;
	m->nactivities++;
}

static void
read_mission(loader *ld, const mc_node *stmt)
{
	mc_referential *ref = ld->ref;
	mc_mission *m = &ref->missions[ref->nmissions];
	const char *id = word_arg(ld, stmt, 0, "un identifiant puis l’intitulé de la mission");
	const char *title = id ? text_arg(ld, stmt, 1) : NULL;
	size_t n;

	if (id == NULL || title == NULL)
		return;
	if (mc_ref_mission(ref, id) != NULL) {
		const mc_mission *first = mc_ref_mission(ref, id);
		mc_diag *diag = mc_diag_emit(ld->d, MC_D_DUPLICATE_CODE,
		    at(ld, arg(stmt, 0)), id);

		mc_diag_note(ld->d, diag, mc_span_of(first->src, first->decl->start,
		    first->decl->end), "première définition");
		return;
	}
	memset(m, 0, sizeof(*m));
	m->id = id;
	m->src = ld->src;
	m->title_text = title;
	m->title = mc_masculine(ld->arena, title);
	m->decl = stmt;
	n = count_activities(stmt->u.stmt.body);
	m->activities = n ? mc_arena_alloc(ld->arena, n * sizeof(*m->activities)) : NULL;
	for (const mc_node *s = stmt->u.stmt.body; s != NULL; s = s->next) {
		if (key_is(s, "activite")) {
			read_activity(ld, m, s, NULL, NULL);
		} else if (key_is(s, "groupe")) {
			const char *gid = word_arg(ld, s, 0, "un identifiant puis la phrase d’introduction");
			const char *gtext = gid ? text_arg(ld, s, 1) : NULL;

			for (const mc_node *g = s->u.stmt.body; g != NULL; g = g->next) {
				if (key_is(g, "activite"))
					read_activity(ld, m, g, gid, gtext);
				else
					unknown_decl(ld, g, MC_RB_GROUP);
			}
		} else if (key_is(s, "numero")) {
			const mc_node *a = arg(s, 0);

			if (a == NULL || a->kind != MC_N_NUMBER)
				mc_diag_emit(ld->d, MC_D_MISSING_ARGUMENT, at(ld, s),
				    "numero", "un nombre");
			else
				m->number = (int)(a->u.qty.milli / MC_MILLI);
		} else if (key_is(s, "texte")) {
			m->text = text_arg(ld, s, 0);
		} else if (key_is(s, "action")) {
			m->action = text_arg(ld, s, 0);
		} else if (key_is(s, "variante")) {
			m->variant = text_arg(ld, s, 0);
		} else if (key_is(s, "complement")) {
			m->complement = text_arg(ld, s, 0);
		} else if (key_is(s, "bilan")) {
			m->bilan = text_arg(ld, s, 0);
		} else if (key_is(s, "part")) {
			m->part = text_arg(ld, s, 0);
		} else if (key_is(s, "quantum")) {
			read_quantum(ld, s, &m->quantum, &m->flat);
		} else if (key_is(s, "public")) {
			m->publics = arg(s, 0);
			for (const mc_node *a = m->publics; a != NULL; a = a->next)
				if (a->kind != MC_N_WORD)
					mc_diag_emit(ld->d, MC_D_MISSING_ARGUMENT, at(ld, a),
					    "public", "des noms (ex. « public premier_degre, second_degre »)");
		} else if (key_is(s, "demi_part")) {
			const mc_node *q = arg(s, 0);

			if (q == NULL || q->kind != MC_N_QUANTITY || q->u.qty.unit != MC_U_HOURS ||
			    !mc_word_is(q->next, "depuis") || q->next->next == NULL ||
			    q->next->next->kind != MC_N_YEAR) {
				mc_diag_emit(ld->d, MC_D_MISSING_ARGUMENT, at(ld, s), "demi_part",
				    "un quantum et l’année d’entrée en vigueur (ex. « demi_part 12 h depuis 2025-2026 »)");
			} else {
				m->half = q->u.qty;
				m->half_from = q->next->next->u.year;
			}
		} else if (key_is(s, "destinataire_bilan")) {
			/* The roles who receive the bilan: the rules and the lowering read it. */
			m->bilan_to = arg(s, 0);
			for (const mc_node *a = m->bilan_to; a != NULL; a = a->next)
				if (a->kind != MC_N_WORD || mc_ref_role(ref, a->u.word.key) == NULL)
					mc_diag_emit(ld->d, MC_D_MISSING_ARGUMENT, at(ld, a),
					    "destinataire_bilan", "des rôles du référentiel (ex. « destinataire_bilan ien, chef_etablissement »)");
		} else {
			unknown_decl(ld, s, MC_RB_MISSION);
		}
	}
	ref->nmissions++;
}

static const mc_node *
rule_expr(loader *ld, const mc_node *s)
{
	const mc_node *e = arg(s, 0);
	mc_type t;

	if (e == NULL || s->u.stmt.nargs != 1) {
		mc_diag_emit(ld->d, MC_D_MISSING_ARGUMENT, at(ld, s), mc_stmt_key(s),
		    "une seule condition (ex. « exige duree <= 3 ans »)");
		return NULL;
	}
	t = mc_rule_typecheck(ld->ref, e, ld->per_mission, ld->d);
	if (t.kind == MC_T_ERROR)
		return NULL;
	if (t.kind != MC_T_BOOL) {
		mc_diag_emit(ld->d, MC_D_BAD_RULE, at(ld, e),
		    "une condition est attendue (une comparaison, renseigne(…), signe(…)…)");
		return NULL;
	}
	return e;
}

static void
read_years(loader *ld, mc_rule *r, const mc_node *s)
{
	const mc_node *a = arg(s, 0);

	if (a != NULL && mc_word_is(a, "depuis") && a->next != NULL &&
	    a->next->kind == MC_N_YEAR && a->next->next == NULL) {
		r->first_year = a->next->u.year;
		return;
	}
	if (a != NULL && a->next == NULL && a->kind == MC_N_YEAR) {
		r->first_year = r->last_year = a->u.year;
		return;
	}
	if (a != NULL && a->next == NULL && a->kind == MC_N_RANGE &&
	    a->u.range.lo->kind == MC_N_YEAR && a->u.range.hi->kind == MC_N_YEAR) {
		r->first_year = a->u.range.lo->u.year;
		r->last_year = a->u.range.hi->u.year;
		return;
	}
	mc_diag_emit(ld->d, MC_D_MISSING_ARGUMENT, at(ld, s), "annees",
	    "« depuis 2023-2024 », une année scolaire ou « 2023-2024 .. 2024-2025 »");
}

static void
read_rule(loader *ld, const mc_node *stmt)
{
	mc_referential *ref = ld->ref;
	mc_rule *r = &ref->rules[ref->nrules];
	const char *id = word_arg(ld, stmt, 0, "l’identifiant de la règle");
	int ok = 1;

	if (id == NULL)
		return;
	memset(r, 0, sizeof(*r));
	r->id = id;
	r->code = mc_arena_printf(ld->arena, "%s.%s", ref->name, id);
	ld->per_mission = 0;
	r->severity = MC_ERROR;
	r->decl = stmt;
	if (mc_ref_rule(ref, r->code) != NULL) {
		mc_diag *diag = mc_diag_emit(ld->d, MC_D_DUPLICATE_CODE,
		    at(ld, arg(stmt, 0)), r->code);

		mc_diag_note(ld->d, diag, at(ld, mc_ref_rule(ref, r->code)->decl),
		    "première définition");
		return;
	}
	for (const mc_node *s = stmt->u.stmt.body; s != NULL; s = s->next)
		if (key_is(s, "pour_chaque")) {
			if (!mc_word_is(arg(s, 0), "mission") || arg(s, 1) != NULL)
				mc_diag_emit(ld->d, MC_D_MISSING_ARGUMENT, at(ld, s),
				    "pour_chaque", "« mission »");
			r->per_mission = 1;
			ld->per_mission = 1;
		}
	for (const mc_node *s = stmt->u.stmt.body; s != NULL; s = s->next) {
		if (key_is(s, "pour_chaque")) {
			continue;
		} else if (key_is(s, "gravite")) {
			const char *g = word_arg(ld, s, 0, "« erreur » ou « avertissement »");

			if (g != NULL && strcmp(g, "avertissement") == 0)
				r->severity = MC_WARNING;
			else if (g != NULL && strcmp(g, "erreur") != 0)
				mc_diag_emit(ld->d, MC_D_MISSING_ARGUMENT, at(ld, s),
				    "gravite", "« erreur » ou « avertissement »");
		} else if (key_is(s, "quand")) {
			if ((r->when = rule_expr(ld, s)) == NULL)
				ok = 0;
		} else if (key_is(s, "exige")) {
			if ((r->require = rule_expr(ld, s)) == NULL)
				ok = 0;
		} else if (key_is(s, "message")) {
			r->message = text_arg(ld, s, 0);
		} else if (key_is(s, "conseil")) {
			r->advice = text_arg(ld, s, 0);
		} else if (key_is(s, "source")) {
			r->source = text_arg(ld, s, 0);
		} else if (key_is(s, "annees")) {
			read_years(ld, r, s);
		} else if (key_is(s, "faux")) {
			r->wrong = text_arg(ld, s, 0);
		} else if (key_is(s, "juste")) {
			r->right = text_arg(ld, s, 0);
		} else {
			unknown_decl(ld, s, MC_RB_RULE);
		}
	}
	if (ok) {
		static const char *const required[] = { "exige", "message", "source" };
		const void *have[] = { r->require, r->message, r->source };

		for (size_t i = 0; i < 3; i++)
			if (have[i] == NULL) {
				mc_diag_emit(ld->d, MC_D_RULE_FIELD_MISSING,
				    at(ld, stmt->u.stmt.head), r->code, required[i]);
				ok = 0;
			}
	}
	if (ok)
		ref->nrules++;
}

/* « "Directeur …" feminin "Directrice …" epicene "…" »: the forms of a
 * label, from the statement's argument `i` on. */
static int
read_label(loader *ld, const mc_node *stmt, size_t i, mc_label *l)
{
	const mc_node *a;

	memset(l, 0, sizeof(*l));
	if ((l->m = text_arg(ld, stmt, i)) == NULL)
		return 0;
	for (a = arg(stmt, i + 1); a != NULL; a = a->next ? a->next->next : NULL) {
		const char **form = mc_word_is(a, "feminin") ? &l->f :
		    mc_word_is(a, "epicene") ? &l->e : NULL;

		if (form == NULL || a->next == NULL ||
		    (a->next->kind != MC_N_STRING && a->next->kind != MC_N_TEXT)) {
			mc_diag_emit(ld->d, MC_D_MISSING_ARGUMENT, at(ld, a),
			    mc_stmt_key(stmt), "« feminin \"…\" » ou « epicene \"…\" » après le libellé");
			return 0;
		}
		*form = a->next->u.str.text;
	}
	return 1;
}

const char *
mc_label_for(const mc_label *l, mc_gender g)
{
	if (g == MC_G_FEM && l->f != NULL)
		return l->f;
	if (g == MC_G_UNKNOWN && l->e != NULL)
		return l->e;
	return l->m;
}

static void
read_role(loader *ld, const mc_node *stmt)
{
	mc_referential *ref = ld->ref;
	const char *id = word_arg(ld, stmt, 0, "un identifiant puis le libellé du rôle");
	mc_label forms;

	if (id == NULL || !read_label(ld, stmt, 1, &forms))
		return;
	if (mc_ref_role(ref, id) != NULL) {
		mc_diag_emit(ld->d, MC_D_DUPLICATE_CODE, at(ld, arg(stmt, 0)), id);
		return;
	}
	ref->roles[ref->nroles].id = id;
	ref->roles[ref->nroles].label = forms.m;
	ref->roles[ref->nroles].forms = forms;
	ref->roles[ref->nroles].decl = stmt;
	ref->nroles++;
}

/* « missions selon ddfpt »: the missions of another référentiel, shared (the
 * assistant of the DDFPT takes his missions from the DDFPT's letter). */
static void
read_borrowed_missions(loader *ld, const mc_node *stmt, size_t room)
{
	mc_referential *ref = ld->ref;
	const mc_node *selon = arg(stmt, 0), *name = selon ? selon->next : NULL;
	const mc_referential *other;

	if (!mc_word_is(selon, "selon") || name == NULL || name->kind != MC_N_WORD) {
		mc_diag_emit(ld->d, MC_D_MISSING_ARGUMENT, at(ld, stmt), "missions",
		    "« selon » puis le nom d’un référentiel (ex. « missions selon ddfpt »)");
		return;
	}
	if (ld->lib->loading > 4 || strcmp(name->u.word.key, ref->name) == 0) {
		mc_diag_emit(ld->d, MC_D_BAD_RULE, at(ld, name),
		    "les référentiels se reprennent leurs missions en boucle");
		return;
	}
	other = mc_stdlib_get(ld->lib, name->u.word.key);
	if (other == NULL || other->broken) {
		mc_diag_emit(ld->d, other ? MC_D_BROKEN_REFERENTIAL : MC_D_UNKNOWN_REFERENTIAL,
		    at(ld, name), name->u.word.text);
		return;
	}
	for (size_t i = 0; i < other->nmissions && ref->nmissions < room; i++) {
		if (mc_ref_mission(ref, other->missions[i].id) != NULL) {
			mc_diag_emit(ld->d, MC_D_DUPLICATE_CODE, at(ld, name),
			    other->missions[i].id);
			continue;
		}
		ref->missions[ref->nmissions++] = other->missions[i];
	}
}

static void
read_referential(loader *ld, mc_node *stmts, size_t count)
{
	mc_referential *ref = ld->ref;
	size_t nroles = 0, nmissions = 0, nrules = 0, nlabels = 0;
	const mc_node *holder = NULL;

	for (const mc_node *s = stmts; s != NULL; s = s->next) {
		nroles += key_is(s, "role");
		nmissions += key_is(s, "mission");
		nrules += key_is(s, "regle");
		nlabels += key_is(s, "identification") || key_is(s, "en_tete_fiche");
		if (key_is(s, "missions"))
			nmissions += 64;   /* room for a borrowed référentiel's missions */
	}
	ref->roles = mc_arena_alloc(ld->arena, (nroles + 1) * sizeof(*ref->roles));
	ref->missions = mc_arena_alloc(ld->arena, (nmissions + 1) * sizeof(*ref->missions));
	ref->rules = mc_arena_alloc(ld->arena, (nrules + 1) * sizeof(*ref->rules));
	ref->identification = mc_arena_alloc(ld->arena,
	    (nlabels + 1) * sizeof(*ref->identification));
	ref->sheet_headers = mc_arena_alloc(ld->arena,
	    (nlabels + 1) * sizeof(*ref->sheet_headers));
	if (ref->roles == NULL || ref->missions == NULL || ref->rules == NULL ||
	    ref->identification == NULL || ref->sheet_headers == NULL)
		return;
	if (count == 0 || !key_is(stmts, "referentiel")) {
		mc_diag_emit(ld->d, MC_D_MISSING_ARGUMENT,
		    stmts ? at(ld, stmts) : mc_span_of(ld->src, 0, 0), "referentiel",
		    "d’être la première déclaration du fichier");
		return;
	}
	/* Roles and missions first: the rules refer to them. */
	for (const mc_node *s = stmts; s != NULL; s = s->next) {
		if (key_is(s, "referentiel")) {
			ref->title_text = text_arg(ld, s, 1);
			ref->title = ref->title_text != NULL ?
			    mc_masculine(ld->arena, ref->title_text) : NULL;
		} else if (key_is(s, "source")) {
			ref->source = text_arg(ld, s, 0);
		} else if (key_is(s, "titulaire")) {
			ref->holder = word_arg(ld, s, 0, "le rôle de l’agent qui reçoit la mission");
			holder = s;
		} else if (key_is(s, "role")) {
			read_role(ld, s);
		} else if (key_is(s, "preambule") || key_is(s, "cadre")) {
			/* « cadre »: the library's own words where the source speaks to
			 * the chef rather than in the letter (the guide of seed 004). */
			ref->preamble = text_arg(ld, s, 0);
		} else if (key_is(s, "mission")) {
			read_mission(ld, s);
		} else if (key_is(s, "missions")) {
			read_borrowed_missions(ld, s, nmissions);
		} else if (key_is(s, "en_tete_fiche")) {
			const char *pub = word_arg(ld, s, 0, "un public puis le texte");
			const char *text = pub != NULL ? text_arg(ld, s, 1) : NULL;

			if (text != NULL)
				ref->sheet_headers[ref->nsheet_headers++] =
				    (mc_ref_label){ pub, text };
		} else if (key_is(s, "identification")) {
			const char *label = text_arg(ld, s, 0);
			const char *text = label != NULL ? text_arg(ld, s, 1) : NULL;

			if (text != NULL)
				ref->identification[ref->nidentification++] =
				    (mc_ref_label){ label, text };
		} else if (key_is(s, "remuneration")) {
			if (mc_word_is(arg(s, 0), "parts"))
				ref->parts_basis = text_arg(ld, s, 1);
			else
				mc_diag_emit(ld->d, MC_D_MISSING_ARGUMENT, at(ld, s), "remuneration",
				    "« parts » puis le texte qui fonde leur paiement");
		} else if (key_is(s, "activites")) {
			const mc_node *w = arg(s, 0);

			if (mc_word_is(w, "toutes") && w->next == NULL)
				ref->all_activities = 1;
			else if (mc_word_is(w, "choisies") && w->next != NULL &&
			    (w->next->kind == MC_N_STRING || w->next->kind == MC_N_TEXT))
				ref->chosen_intro = w->next->u.str.text;
			else
				mc_diag_emit(ld->d, MC_D_MISSING_ARGUMENT, at(ld, s), "activites",
				    "« toutes » ou « choisies » puis la phrase qui les introduit");
		} else if (key_is(s, "valeur_part")) {
			const mc_node *q = arg(s, 0);

			if (q == NULL || q->kind != MC_N_QUANTITY || q->u.qty.unit != MC_U_EUROS)
				mc_diag_emit(ld->d, MC_D_MISSING_ARGUMENT, at(ld, s), "valeur_part",
				    "un montant en euros (ex. « valeur_part 1 250 € »)");
			else
				ref->part_value = q->u.qty;
		} else if (!key_is(s, "regle")) {
			unknown_decl(ld, s, MC_RB_REFERENTIAL);
		}
	}
	if (ref->holder != NULL && mc_ref_role(ref, ref->holder) == NULL)
		mc_diag_emit(ld->d, MC_D_UNKNOWN_ROLE, at(ld, holder), ref->holder,
		    ref->name);
	for (const mc_node *s = stmts; s != NULL; s = s->next)
		if (key_is(s, "regle"))
			read_rule(ld, s);
	if (ref->title == NULL || ref->source == NULL)
		mc_diag_emit(ld->d, MC_D_MISSING_ARGUMENT, at(ld, stmts), "referentiel",
		    "un titre et une déclaration « source »");
}

/* « nom_etablissement "cité scolaire" feminin », and optionally « sorte
 * cite_scolaire »: the kind of établissement the rules read
 * (etablissement_est(…)). */
static void
read_estab_noun(loader *ld, const mc_node *s, mc_estab_noun *e, size_t *n)
{
	const char *noun = text_arg(ld, s, 0);
	const mc_node *g = arg(s, 1);
	const mc_node *k = g != NULL ? g->next : NULL;

	if (noun == NULL)
		return;
	if (g == NULL || (!mc_word_is(g, "masculin") && !mc_word_is(g, "feminin"))) {
		mc_diag_emit(ld->d, MC_D_MISSING_ARGUMENT, at(ld, g ? g : s),
		    "nom_etablissement", "« masculin » ou « feminin » après le nom");
		return;
	}
	if (k != NULL && (!mc_word_is(k, "sorte") || k->next == NULL ||
	    k->next->kind != MC_N_WORD || k->next->next != NULL)) {
		mc_diag_emit(ld->d, MC_D_MISSING_ARGUMENT, at(ld, k),
		    "nom_etablissement", "« sorte » et un nom après le genre (« sorte college »)");
		return;
	}
	e->noun = noun;
	e->gender = mc_word_is(g, "feminin") ? MC_G_FEM : MC_G_MASC;
	e->kind = k != NULL ? k->next->u.word.key : NULL;
	(*n)++;
}

/* The corps and nouns of commun.mission's statements, into c (its diags and
 * src set), in ld's arena. */
static void
read_commons(loader *ld, mc_commons *c, const mc_node *stmts, size_t count)
{
	size_t n = 0;

	c->corps = mc_arena_alloc(ld->arena, (count + 1) * sizeof(*c->corps));
	c->nouns = mc_arena_alloc(ld->arena, (count + 1) * sizeof(*c->nouns));
	for (const mc_node *s = stmts; s != NULL && c->corps != NULL &&
	    c->nouns != NULL; s = s->next) {
		mc_corps *k = &c->corps[n];

		if (key_is(s, "remuneration") && mc_word_is(arg(s, 0), "imp")) {
			c->imp_basis = text_arg(ld, s, 1);
			continue;
		}
		if (key_is(s, "nom_etablissement")) {
			read_estab_noun(ld, s, &c->nouns[c->nnouns], &c->nnouns);
			continue;
		}
		if (!key_is(s, "corps")) {
			unknown_decl(ld, s, MC_RB_COMMONS);
			continue;
		}
		k->id = word_arg(ld, s, 0, "un identifiant puis le libellé du corps");
		k->decl = s;
		if (k->id == NULL || !read_label(ld, s, 1, &k->forms))
			continue;
		k->label = k->forms.m;
		for (const mc_node *b = s->u.stmt.body; b != NULL; b = b->next) {
			if (key_is(b, "degre")) {
				k->degree = word_arg(ld, b, 0, "« premier » ou « second »");
			} else if (key_is(b, "ors")) {
				const mc_node *q = arg(b, 0);

				if (q == NULL || q->kind != MC_N_QUANTITY ||
				    q->u.qty.unit != MC_U_HOURS_WEEK)
					mc_diag_emit(ld->d, MC_D_MISSING_ARGUMENT, at(ld, b),
					    "ors", "une quantité en h/semaine");
				else
					k->ors = q->u.qty;
			} else if (!key_is(b, "source")) {
				unknown_decl(ld, b, MC_RB_CORPS);
			}
		}
		n++;
	}
	c->ncorps = n;
}

static mc_commons *
load_commons(mc_stdlib *lib)
{
	mc_commons *c;
	mc_node *stmts;
	size_t count;
	loader ld;

	if (lib->commons != NULL)
		return lib->commons;
	c = mc_arena_alloc(&lib->arena, sizeof(*c));
	if (c == NULL)
		return NULL;
	memset(c, 0, sizeof(*c));
	mc_diags_init(&c->diags, &lib->arena, 100);
	stmts = load_source(lib, COMMONS_NAME, &c->src, &c->diags, &count);
	ld.lib = lib;
	ld.per_mission = 0;
	ld.arena = &lib->arena;
	ld.d = &c->diags;
	ld.src = &c->src;
	ld.ref = NULL;
	read_commons(&ld, c, stmts, count);
	c->broken = mc_diags_has_errors(&c->diags) || stmts == NULL;
	lib->commons = c;
	return c;
}

/* CRC-32 and Adler-32 over both texts, from libdeflate (already linked for
 * the PDF streams): not for security, for tracing a letter to the exact files
 * that checked it (mc_referential_version). Both run at gigabytes a second:
 * the byte-at-a-time FNV-1a they replace took a tenth of the time a cold
 * `produire` spends reading the Pacte référentiel. */
static const char *
fingerprint(mc_arena *a, const mc_source *commons, const mc_source *own)
{
	static const unsigned char end = 0xff;   /* where one file ends */
	const mc_source *srcs[2] = { commons, own };
	uint32_t crc = 0, adler = 1;

	for (size_t s = 0; s < 2; s++) {
		crc = libdeflate_crc32(crc, srcs[s]->text, srcs[s]->len);
		adler = libdeflate_adler32(adler, srcs[s]->text, srcs[s]->len);
		crc = libdeflate_crc32(crc, &end, 1);
		adler = libdeflate_adler32(adler, &end, 1);
	}
	return mc_arena_printf(a, "%08lx%04lx", (unsigned long)crc,
	    (unsigned long)(adler >> 16));
}

const mc_referential *
mc_stdlib_get(mc_stdlib *lib, const char *name)
{
	const char *const *names;
	mc_referential *ref;
	mc_node *stmts;
	size_t count;
	loader ld;
	loaded *slot;

	for (size_t i = 0; i < lib->nrefs; i++)
		if (strcmp(lib->refs[i].name, name) == 0) {
			/* Used now: a référentiel checked with. Frozen, the
			 * stdlib is read by threads and never written. */
			if (lib->refs[i].hint && !lib->frozen)
				lib->refs[i].hint = 0;
			return lib->refs[i].ref;
		}
	if (lib->frozen || !valid_name(name) || (names = mc_stdlib_names(lib)) == NULL)
		return NULL;
	while (*names != NULL && strcmp(*names, name) != 0)
		names++;
	if (*names == NULL)
		return NULL;
	if (lib->nrefs == lib->caprefs) {
		size_t cap = lib->caprefs ? lib->caprefs * 2 : 8;
		loaded *refs = realloc(lib->refs, cap * sizeof(*refs));

		if (refs == NULL)
			return NULL;
		lib->refs = refs;
		lib->caprefs = cap;
	}
	ref = mc_arena_alloc(&lib->arena, sizeof(*ref));
	if (ref == NULL)
		return NULL;
	slot = &lib->refs[lib->nrefs];
	slot->name = strdup(name);
	if (slot->name == NULL)
		return NULL;
	slot->ref = ref;
	slot->hint = 0;
	lib->nrefs++;
	ref->name = slot->name;
	ref->commons = load_commons(lib);
	mc_diags_init(&ref->diags, &lib->arena, 100);
	stmts = load_source(lib, name, &ref->src, &ref->diags, &count);
	ld.lib = lib;
	ld.arena = &lib->arena;
	ld.d = &ref->diags;
	ld.src = &ref->src;
	ld.ref = ref;
	if (ref->commons == NULL) {
		ref->broken = 1;
		return ref;
	}
	lib->loading++;
	read_referential(&ld, stmts, count);
	lib->loading--;
	ref->broken = ref->commons->broken || mc_diags_has_errors(&ref->diags) ||
	    stmts == NULL;
	ref->version = fingerprint(&lib->arena, &ref->commons->src, &ref->src);
	return ref;
}

/* The name a file of a stdlib folder has there: « pacte » for
 * « …/pacte.mission »; NULL for a name that does not end with .mission
 * (the standard input). */
static const char *
stem(mc_arena *a, const char *path)
{
	const char *base = strrchr(path, '/');
	size_t n;

	base = base != NULL ? base + 1 : path;
	n = strlen(base);
	if (n <= 8 || strcmp(base + n - 8, ".mission") != 0)
		return NULL;
	return mc_arena_strndup(a, base, n - 8);
}

/* The first word of a text, past blank lines and comments, in word
 * (cut to its size). */
static void
first_word(const char *text, size_t len, char *word, size_t size)
{
	const char *p = text, *end = text + len;
	size_t n = 0;

	if (len >= 3 && memcmp(p, "\xef\xbb\xbf", 3) == 0)
		p += 3;
	while (p < end) {
		if (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n')
			p++;
		else if (*p == '#')
			while (p < end && *p != '\n')
				p++;
		else
			break;
	}
	while (p < end && n + 1 < size && *p != ' ' && *p != '\t' && *p != '\r' &&
	    *p != '\n' && *p != '#' && *p != '"' && *p != '{')
		word[n++] = *p++;
	word[n] = '\0';
}

int
mc_library_file(const char *name, const char *text, size_t len)
{
	const char *base = name != NULL ? strrchr(name, '/') : NULL;
	char word[32];

	first_word(text, len, word, sizeof(word));
	/* Accents are optional in keywords (« référentiel »). */
	if (strcmp(word, "referentiel") == 0 ||
	    strcmp(word, "r\xc3\xa9" "f\xc3\xa9" "rentiel") == 0)
		return 1;
	base = base != NULL ? base + 1 : name;
	return base != NULL && strcmp(base, COMMONS_NAME ".mission") == 0 &&
	    strcmp(word, "lettre") != 0;
}

void
mc_stdlib_check_source(mc_stdlib *lib, mc_arena *arena, mc_diags *d,
    const mc_source *src, mc_node *stmts, size_t count)
{
	const mc_commons *commons;

	(void)mc_stdlib_read_source(lib, arena, d, src, stmts, count, &commons);
}

const mc_referential *
mc_stdlib_read_source(mc_stdlib *lib, mc_arena *arena, mc_diags *d,
    const mc_source *src, mc_node *stmts, size_t count, const mc_commons **commons)
{
	const char *name = stem(arena, src->name);
	loader ld;

	ld.lib = lib;
	ld.per_mission = 0;
	ld.arena = arena;
	ld.d = d;
	ld.src = src;
	ld.ref = NULL;
	/* commun.mission is read as the vocabulary, whatever it starts with. */
	*commons = NULL;
	if (name != NULL && strcmp(name, COMMONS_NAME) == 0) {
		mc_commons *c = mc_arena_alloc(arena, sizeof(*c));

		if (c == NULL)
			return NULL;
		memset(c, 0, sizeof(*c));
		c->src = *src;
		read_commons(&ld, c, stmts, count);
		*commons = c;
		return NULL;
	} else {
		mc_referential *ref = mc_arena_alloc(arena, sizeof(*ref));
		const mc_node *a = stmts != NULL ? arg(stmts, 0) : NULL;
		size_t from;

		if (ref == NULL)
			return NULL;
		memset(ref, 0, sizeof(*ref));
		/* The names a letter follows it by: its file's, which the
		 * library reads only when it is a name (mc_stdlib_names). */
		if (name != NULL && !valid_name(name))
			mc_diag_emit(d, MC_D_REFERENTIAL_FILE_NAME, at(&ld, stmts), name);
		else if (name != NULL && stmts != NULL && key_is(stmts, "referentiel") &&
		    a != NULL && a->kind == MC_N_WORD && strcmp(a->u.word.key, name) != 0)
			mc_diag_emit(d, MC_D_REFERENTIAL_NAME_DIFFERS, at(&ld, a),
			    a->u.word.text, name);
		/* The standard input: the name it declares. */
		if (name == NULL)
			name = a != NULL && a->kind == MC_N_WORD ? a->u.word.key : "referentiel";
		ref->name = name;
		ref->src = *src;
		ref->commons = load_commons(lib);
		*commons = ref->commons;
		if (ref->commons == NULL)
			return NULL;
		/* A letter that uses it gets the errors of commun.mission too. */
		if (ref->commons->broken)
			for (size_t i = 0; i < ref->commons->diags.count; i++)
				mc_diag_append(d, ref->commons->diags.items[i]);
		from = d->count;
		ld.ref = ref;
		lib->loading++;
		read_referential(&ld, stmts, count);
		lib->loading--;
		/* The rules' checks say where in ref->src, a copy of src: the
		 * caller tells its own file's diagnostics by src. */
		for (size_t i = from; i < d->count; i++) {
			mc_diag *g = (mc_diag *)d->items[i];

			if (g->span.src == &ref->src)
				g->span.src = src;
			for (mc_note *n = g->notes; n != NULL; n = n->next)
				if (n->span.src == &ref->src)
					n->span.src = src;
		}
		return ref;
	}
}

int
mc_referential_broken(const mc_referential *ref)
{
	return ref->broken;
}

const char *
mc_referential_name(const mc_referential *ref)
{
	return ref->name;
}

const char *
mc_referential_version(const mc_referential *ref)
{
	return ref->version != NULL ? ref->version : "";
}

size_t
mc_stdlib_loaded_count(const mc_stdlib *lib)
{
	size_t n = 0;

	for (size_t i = 0; i < lib->nrefs; i++)
		n += !lib->refs[i].hint;
	return n;
}

const mc_referential *
mc_stdlib_loaded(const mc_stdlib *lib, size_t i)
{
	for (size_t k = 0; k < lib->nrefs; k++)
		if (!lib->refs[k].hint && i-- == 0)
			return lib->refs[k].ref;
	return NULL;
}

void
mc_stdlib_freeze(mc_stdlib *lib)
{
	lib->frozen = 1;
}

size_t
mc_stdlib_owners(mc_stdlib *lib, const char *key, const char *except,
    const char **owners, size_t max, const char **mission)
{
	const char *const *names = mc_stdlib_names(lib);
	size_t n = 0;

	*mission = NULL;
	for (; names != NULL && *names != NULL && n < max; names++) {
		const mc_referential *ref = NULL;
		size_t before = lib->nrefs;

		if (strcmp(*names, except) == 0 || strcmp(*names, COMMONS_NAME) == 0)
			continue;
		/* What is loaded already is read as it is: asking here is
		 * no use of it (mc_stdlib_get would count it as one). */
		for (size_t i = 0; i < lib->nrefs && ref == NULL; i++)
			if (strcmp(lib->refs[i].name, *names) == 0)
				ref = lib->refs[i].ref;
		if (ref == NULL && !lib->frozen) {
			ref = mc_stdlib_get(lib, *names);
			/* Loaded for this answer alone (with what it loaded
			 * itself): not référentiels the letter was checked
			 * with, which the JSON output lists. */
			for (size_t k = before; k < lib->nrefs; k++)
				lib->refs[k].hint = 1;
		}
		if (ref == NULL || mc_referential_broken(ref))
			continue;
		if (mc_ref_mission(ref, key) != NULL) {
			if (*mission == NULL)
				owners[n++] = ref->name;
			continue;
		}
		for (size_t m = 0; m < ref->nmissions && n == 0; m++)
			if (mc_mission_activity(&ref->missions[m], key) != NULL) {
				*mission = ref->missions[m].id;
				owners[n++] = ref->name;
			}
	}
	return n;
}

size_t
mc_referential_diag_count(const mc_referential *ref)
{
	return ref->commons->diags.count + ref->diags.count;
}

const mc_diag *
mc_referential_diag(const mc_referential *ref, size_t i)
{
	if (i < ref->commons->diags.count)
		return ref->commons->diags.items[i];
	return ref->diags.items[i - ref->commons->diags.count];
}
