/* lower.c — the lowering pass: a checked letter becomes a document (document.h)
 * laid out as the académie's model letter (seed 000, annexe 1): the parties,
 * the référentiel's preamble, the author's context, the service and pay, each
 * mission with its activities and the observations under them, the other
 * clauses, then place, date and signatures. French typography is applied
 * here, once (typo.c); the backends only render what this builds. */
#include "facts.h"
#include "lower.h"
#include "typo.h"

#include <string.h>
#include <strings.h>

typedef struct lowering {
	mc_arena *a;
	const mc_letter *l;
	const mc_template *t;
	mc_block *blocks;
	size_t nblocks, cap;
	int failed;
} lowering;

/* Blocks */

static mc_block *
add_block(lowering *lw, mc_block_kind kind)
{
	mc_block *b;

	if (lw->nblocks == lw->cap) {
		size_t cap = lw->cap ? lw->cap * 2 : 64;
		mc_block *nb = mc_arena_alloc(lw->a, cap * sizeof(*nb));

		if (nb == NULL) {
			lw->failed = 1;
			return NULL;
		}
		if (lw->nblocks > 0)
			memcpy(nb, lw->blocks, lw->nblocks * sizeof(*nb));
		lw->blocks = nb;
		lw->cap = cap;
	}
	b = &lw->blocks[lw->nblocks++];
	memset(b, 0, sizeof(*b));
	b->kind = kind;
	return b;
}

/* A text of one run, typography applied. */
static mc_text
text_of(lowering *lw, const char *s, size_t len, unsigned style)
{
	mc_text t = { NULL, 0 };
	mc_run *run = mc_arena_alloc(lw->a, sizeof(*run));
	char *typo = mc_typo(lw->a, s, len);

	if (run == NULL || typo == NULL) {
		lw->failed = 1;
		return t;
	}
	if (*typo == '\0')
		return t;    /* an empty cell has no run */
	run->text = typo;
	run->style = style;
	t.runs = run;
	t.nruns = 1;
	return t;
}

static mc_text
text_str(lowering *lw, const char *s, unsigned style)
{
	return text_of(lw, s, strlen(s), style);
}

static void
heading(lowering *lw, int level, const char *s)
{
	mc_block *b = add_block(lw, MC_B_HEADING);

	if (b == NULL)
		return;
	b->level = level;
	b->text = text_str(lw, s, MC_STYLE_BOLD);
}

static mc_block *
paragraph(lowering *lw, mc_para_role role, const char *s, size_t len,
    const mc_node *from)
{
	mc_block *b = add_block(lw, MC_B_PARAGRAPH);

	if (b == NULL)
		return NULL;
	b->role = role;
	b->text = text_of(lw, s, len, role == MC_P_OBSERVATION ? MC_STYLE_ITALIC :
	    role == MC_P_LABEL ? MC_STYLE_BOLD : MC_STYLE_PLAIN);
	if (from != NULL) {
		b->start = from->start;
		b->end = from->end;
	}
	return b;
}

/* « Action : texte »: a paragraph whose label is bold, in two runs. */
static void
labelled(lowering *lw, const char *label, const char *value)
{
	mc_block *b = add_block(lw, MC_B_PARAGRAPH);
	mc_run *runs = mc_arena_alloc(lw->a, 2 * sizeof(*runs));
	const char *l = mc_typo(lw->a, label, strlen(label));
	const char *v = mc_typo(lw->a, value, strlen(value));

	if (b == NULL || runs == NULL || l == NULL || v == NULL) {
		lw->failed = 1;
		return;
	}
	runs[0].text = l;
	runs[0].style = MC_STYLE_BOLD;
	runs[1].text = mc_arena_printf(lw->a, " %s", v);
	runs[1].style = MC_STYLE_PLAIN;
	b->role = MC_P_BODY;
	b->text.runs = runs;
	b->text.nruns = runs[1].text != NULL ? 2 : 1;
}

/* Prose: paragraphs separated by blank lines; within a paragraph, lines
 * that start with « - » are the items of a bulleted list (as the référentiels
 * transcribe the seeds' lists). `from` is the author's node, or NULL. */
static void
prose(lowering *lw, mc_para_role role, const char *s, const mc_node *from)
{
	const char *p = s;
	mc_text *items = NULL;
	size_t nitems = 0, cap = 0;
	const char *para = NULL, *para_end = NULL;

	for (;;) {
		const char *eol = strchr(p, '\n');
		const char *end = eol != NULL ? eol : p + strlen(p);
		const char *q = p;
		int blank, item;

		while (q < end && (*q == ' ' || *q == '\t' || *q == '\r'))
			q++;
		blank = q == end;
		item = !blank && end - q >= 2 && q[0] == '-' && q[1] == ' ';
		/* « ## Rubrique » in a référentiel's text: a rubric of the model
		 * (annexe 2: conditions d’exercice, contenu, durée). */
		if (!blank && !item && from == NULL && end - q > 3 &&
		    strncmp(q, "## ", 3) == 0) {
			if (para != NULL) {
				paragraph(lw, role, para, (size_t)(para_end - para), from);
				para = NULL;
			}
			{
				mc_block *h = add_block(lw, MC_B_HEADING);

				if (h != NULL) {
					h->level = 2;
					h->text = text_of(lw, q + 3, (size_t)(end - q - 3), MC_STYLE_BOLD);
				}
			}
			goto next;
		}
		if ((blank || item || eol == NULL) && para != NULL) {
			if (!blank && !item)
				para_end = end;
			paragraph(lw, role, para, (size_t)(para_end - para), from);
			para = NULL;
			if (!blank && !item)
				goto next;
		}
		if ((blank || !item) && nitems > 0) {
			mc_block *b = add_block(lw, MC_B_LIST);

			if (b != NULL) {
				b->items = items;
				b->nitems = nitems;
				if (from != NULL) {
					b->start = from->start;
					b->end = from->end;
				}
			}
			items = NULL;
			nitems = cap = 0;
		}
		if (item) {
			if (nitems == cap) {
				size_t ncap = cap ? cap * 2 : 8;
				mc_text *ni = mc_arena_alloc(lw->a, ncap * sizeof(*ni));

				if (ni == NULL) {
					lw->failed = 1;
					return;
				}
				if (nitems > 0)
					memcpy(ni, items, nitems * sizeof(*ni));
				items = ni;
				cap = ncap;
			}
			items[nitems++] = text_of(lw, q + 2, (size_t)(end - q - 2),
			    MC_STYLE_PLAIN);
		} else if (!blank) {
			if (para == NULL)
				para = q;
			para_end = end;
			if (eol == NULL) {
				paragraph(lw, role, para, (size_t)(para_end - para), from);
				para = NULL;
			}
		}
next:
		if (eol == NULL)
			break;
		p = eol + 1;
	}
	if (nitems > 0) {
		mc_block *b = add_block(lw, MC_B_LIST);

		if (b != NULL) {
			b->items = items;
			b->nitems = nitems;
		}
	}
}

/* A label: value table, built row by row. */
typedef struct rows {
	mc_text *cells;
	size_t n, cap;
} rows;

static void
row(lowering *lw, rows *r, const char *label, const char *value)
{
	if (value == NULL)
		return;
	if (r->n == r->cap) {
		size_t cap = r->cap ? r->cap * 2 : 8;
		mc_text *c = mc_arena_alloc(lw->a, cap * 2 * sizeof(*c));

		if (c == NULL) {
			lw->failed = 1;
			return;
		}
		if (r->n > 0)
			memcpy(c, r->cells, r->n * 2 * sizeof(*c));
		r->cells = c;
		r->cap = cap;
	}
	r->cells[r->n * 2] = text_str(lw, label, MC_STYLE_BOLD);
	r->cells[r->n * 2 + 1] = text_str(lw, value, MC_STYLE_PLAIN);
	r->n++;
}

static void
label_table(lowering *lw, const rows *r, const char *caption)
{
	static const double widths[2] = { 0.36, 0.64 };
	static const unsigned char numeric[2] = { 0, 0 };
	mc_block *b;

	if (r->n == 0 || (b = add_block(lw, MC_B_TABLE)) == NULL)
		return;
	b->table.ncols = 2;
	b->table.nrows = r->n;
	b->table.cells = r->cells;
	b->table.widths = widths;
	b->table.numeric = numeric;
	b->table.caption = caption;
}

/* Reading the letter */

static const mc_node *
first_stmt(const lowering *lw, mc_kw kw)
{
	return lw->l->first[kw];
}

/* The value after a named argument (« uai "…" », « discipline "…" »). */
static const mc_node *
named(const mc_node *list, const char *name)
{
	for (const mc_node *n = list; n != NULL; n = n->next)
		if (n->kind == MC_N_WORD && strcmp(n->u.word.key, name) == 0)
			return n->next;
	return NULL;
}

static const char *
string_arg(const mc_node *n)
{
	return n != NULL && (n->kind == MC_N_STRING || n->kind == MC_N_TEXT) ?
	    n->u.str.text : NULL;
}

/* A UAI as the official lists write it: « 0130050j », checked as
 * « 0130050J » (resolve.c), is printed so. */
static const char *
uai_arg(lowering *lw, const mc_node *n)
{
	const char *s = string_arg(n);
	char *up;

	if (s == NULL || strlen(s) != 8 || s[7] < 'a' || s[7] > 'z' ||
	    (up = mc_arena_strdup(lw->a, s)) == NULL)
		return s;
	up[7] = (char)(up[7] - 'a' + 'A');
	return up;
}

static const char *
quantity_text(lowering *lw, mc_quantity q)
{
	char buf[64];

	mc_quantity_format(q, buf, sizeof(buf), 1);
	return mc_arena_strdup(lw->a, buf);
}

/* A quantity in words, as a letter writes it: « 39 heures par semaine »,
 * « 4,5 jours par semaine », « 1 607 heures annuelles », « 1,5 heure »
 * (singular below 2, as French counts), « 1 250 € bruts annuels » for a
 * yearly amount of pay. The source notation (« 39 h/semaine ») is for
 * authors and diagnostics. */
static const char *
quantity_words(lowering *lw, mc_quantity q)
{
	mc_quantity n = { q.milli, MC_U_NONE };
	int plural = q.milli >= 2 * MC_MILLI;
	const char *unit;

	switch (q.unit) {
	case MC_U_HOURS: unit = plural ? "heures" : "heure"; break;
	case MC_U_HOURS_WEEK: unit = plural ? "heures par semaine" : "heure par semaine"; break;
	case MC_U_HOURS_YEAR: unit = plural ? "heures annuelles" : "heure annuelle"; break;
	case MC_U_DAYS: unit = plural ? "jours" : "jour"; break;
	case MC_U_DAYS_WEEK: unit = plural ? "jours par semaine" : "jour par semaine"; break;
	case MC_U_EUROS:
		/* The amount as its unit writes it (312,50 €: two decimals). */
		return mc_arena_printf(lw->a, "%s %s", quantity_text(lw, q),
		    plural ? "bruts annuels" : "brut annuel");
	case MC_U_YEARS: unit = plural ? "ans" : "an"; break;
	case MC_U_PARTS: unit = plural ? "parts" : "part"; break;
	case MC_U_NONE: case MC_U__COUNT: default: return quantity_text(lw, q);
	}
	return mc_arena_printf(lw->a, "%s\xc2\xa0%s", quantity_text(lw, n), unit);
}

static const char *
stmt_quantity(lowering *lw, mc_kw kw)
{
	const mc_node *s = first_stmt(lw, kw);

	if (s == NULL || s->u.stmt.args == NULL || s->u.stmt.args->kind != MC_N_QUANTITY)
		return NULL;
	return quantity_words(lw, s->u.stmt.args->u.qty);
}

static const char *
stmt_text(const lowering *lw, mc_kw kw)
{
	const mc_node *s = first_stmt(lw, kw);

	return s != NULL ? string_arg(s->u.stmt.args) : NULL;
}

static const char *
sub_text(lowering *lw, mc_kw kw, const char *key)
{
	const mc_node *s = first_stmt(lw, kw);

	if (s == NULL)
		return NULL;
	for (const mc_node *b = s->u.stmt.body; b != NULL; b = b->next) {
		const mc_node *v = b->u.stmt.args;

		if (strcmp(mc_stmt_key(b), key) != 0 || v == NULL)
			continue;
		if (v->kind == MC_N_DATE)
			return mc_arena_printf(lw->a, "le %s", mc_date_words(lw->a, v->u.date));
		return string_arg(v);
	}
	return NULL;
}

/* The role and corps of a party agree with it (« Directrice déléguée… »,
 * « professeure certifiée »). */
static const char *
role_label(const mc_party *p)
{
	return p->role != NULL ? mc_label_for(&p->role->forms, p->gender) : p->name;
}

static const char *
party_description(lowering *lw, const mc_party *p)
{
	const char *d = p->person;
	const char *discipline = string_arg(named(p->stmt->u.stmt.tail, "discipline"));

	if (p->corps != NULL)
		d = mc_arena_printf(lw->a, "%s, %s", d,
		    mc_label_for(&p->corps->forms, p->gender));
	if (discipline != NULL)
		d = mc_arena_printf(lw->a, "%s (%s)", d, discipline);
	return d;
}

static const char *
period_text(lowering *lw)
{
	const mc_node *v = lw->l->period;

	if (v == NULL)
		return NULL;
	if (v->kind == MC_N_YEAR)
		return mc_arena_printf(lw->a, "Année scolaire %d-%d", v->u.year, v->u.year + 1);
	if (v->u.range.lo->kind == MC_N_DATE)
		return mc_arena_printf(lw->a, "Du %s au %s",
		    mc_date_words(lw->a, v->u.range.lo->u.date),
		    mc_date_words(lw->a, v->u.range.hi->u.date));
	return mc_arena_printf(lw->a, "Années scolaires %d-%d à %d-%d",
	    lw->l->first_year, lw->l->first_year + 1, lw->l->last_year,
	    lw->l->last_year + 1);
}

/* The holder of the mission: the party whose role is the référentiel's
 * titulaire. */
static const mc_party *
holder(const lowering *lw)
{
	const char *role = lw->l->ref->holder;

	return role != NULL ? mc_letter_party_with_role(lw->l, role) : NULL;
}

/* The gender of the party with a role (the holder when none is named);
 * unknown when the letter has no such party. */
static mc_gender
gender_of(const void *ctx, const char *role, size_t n)
{
	const lowering *lw = ctx;
	const mc_party *p = NULL;

	if (role == NULL) {
		p = holder(lw);
	} else {
		for (size_t i = 0; i < lw->l->nparties && p == NULL; i++) {
			const mc_role *r = lw->l->parties[i].role;

			if (r != NULL && strlen(r->id) == n && strncmp(r->id, role, n) == 0)
				p = &lw->l->parties[i];
		}
	}
	return p != NULL ? p->gender : MC_G_UNKNOWN;
}

/* A référentiel's text for this letter: its alternatives « {il|elle} »
 * agreed with the holder, its {name} placeholders filled: {corps:ID} the
 * holder's corps (mc_fill_corps), {titulaire} the holder, {etablissement}
 * the établissement, {du_etablissement} the same
 * after « de » and its article (« du lycée… », « de la cité scolaire… »),
 * a role id its party's person. */
static const char *
ref_text(lowering *lw, const char *s)
{
	const mc_party *h;
	mc_buffer b;
	const char *p, *r;

	if (strchr(s, '{') == NULL)
		return s;
	h = holder(lw);
	s = mc_fill_corps(lw->a, s, lw->l->ref->commons, h ? h->corps : NULL,
	    h ? h->gender : MC_G_UNKNOWN);
	if (s == NULL || (s = mc_agree(lw->a, s, gender_of, lw)) == NULL) {
		lw->failed = 1;
		return "";
	}
	p = s;
	mc_buffer_init(&b);
	while ((r = strchr(p, '{')) != NULL) {
		const char *end = strchr(r, '}');
		char name[64];
		const char *value = NULL;
		const mc_party *party;

		if (end == NULL || (size_t)(end - r) >= sizeof(name))
			break;
		mc_buffer_put(&b, p, (size_t)(r - p));
		memcpy(name, r + 1, (size_t)(end - r - 1));
		name[end - r - 1] = '\0';
		if (strcmp(name, "titulaire") == 0)
			party = holder(lw);
		else
			party = mc_letter_party_with_role(lw->l, name);
		if (party != NULL) {
			size_t cut = 0;

			value = mc_join_person(lw->a, b.data ? b.data : "", b.len,
			    party->person, &cut);
			if (value == NULL)
				lw->failed = 1;
			else
				b.len -= cut;
		} else if (strcmp(name, "etablissement") == 0 &&
		    first_stmt(lw, MC_KW_ETABLISSEMENT) != NULL)
			value = string_arg(first_stmt(lw, MC_KW_ETABLISSEMENT)->u.stmt.args);
		else if (strcmp(name, "du_etablissement") == 0 &&
		    first_stmt(lw, MC_KW_ETABLISSEMENT) != NULL) {
			const mc_commons *c = lw->l->ref->commons;

			value = mc_du(lw->a, string_arg(first_stmt(lw,
			    MC_KW_ETABLISSEMENT)->u.stmt.args), c->nouns, c->nnouns);
		}
		mc_buffer_puts(&b, value != NULL ? value : "…");
		p = end + 1;
	}
	mc_buffer_puts(&b, p);
	r = b.failed ? NULL : mc_arena_strndup(lw->a, b.data ? b.data : "", b.len);
	mc_buffer_free(&b);
	if (r == NULL)
		lw->failed = 1;
	return r != NULL ? r : s;
}

/* Header lines: the template's, fields filled; a part between « — » whose
 * field is empty is left out, and so is a line left empty. */
static const char *
header_line(lowering *lw, const char *tpl)
{
	const mc_node *etab = first_stmt(lw, MC_KW_ETABLISSEMENT);
	const char *academie = stmt_text(lw, MC_KW_ACADEMIE);
	const char *fields[][2] = {
		{ "academie", academie },
		{ "de_academie", academie ? mc_de(lw->a, academie) : NULL },
		{ "etablissement", etab ? string_arg(etab->u.stmt.args) : NULL },
		{ "uai", etab ? uai_arg(lw, named(etab->u.stmt.args, "uai")) : NULL },
		{ "commune", etab ? string_arg(named(etab->u.stmt.args, "commune")) : NULL },
	};
	mc_buffer out;
	const char *part = tpl;
	const char *line;

	mc_buffer_init(&out);
	while (part != NULL) {
		const char *sep = strstr(part, " — ");
		size_t plen = sep ? (size_t)(sep - part) : strlen(part);
		mc_buffer seg;
		int empty = 0;
		size_t i = 0;

		mc_buffer_init(&seg);
		while (i < plen) {
			const char *end;

			if (part[i] == '{' && (end = memchr(part + i, '}', plen - i)) != NULL) {
				size_t n = (size_t)(end - part - i - 1);
				const char *v = NULL;

				for (size_t f = 0; f < sizeof(fields) / sizeof(*fields); f++)
					if (strlen(fields[f][0]) == n &&
					    strncmp(fields[f][0], part + i + 1, n) == 0)
						v = fields[f][1];
				if (v == NULL || *v == '\0')
					empty = 1;
				else
					mc_buffer_puts(&seg, v);
				i = (size_t)(end - part) + 1;
			} else {
				mc_buffer_put(&seg, part + i, 1);
				i++;
			}
		}
		if (!empty && seg.len > 0) {
			if (out.len > 0)
				mc_buffer_puts(&out, " — ");
			mc_buffer_put(&out, seg.data, seg.len);
		}
		mc_buffer_free(&seg);
		part = sep ? sep + strlen(" — ") : NULL;
	}
	line = out.len > 0 && !out.failed ? mc_typo(lw->a, out.data, out.len) : NULL;
	mc_buffer_free(&out);
	return line;
}

/* Sections */

/* The post as its fiche identifies it (« identification "Statut" "…" » in
 * the référentiel), agreed with the holder; the letter's yearly service is
 * its « Régime horaire ». */
static void
lower_identification(lowering *lw)
{
	const mc_referential *ref = lw->l->ref;
	rows r = { 0 };

	for (size_t i = 0; i < ref->nidentification; i++)
		row(lw, &r, ref_text(lw, ref->identification[i].label),
		    ref_text(lw, ref->identification[i].text));
	if (r.n == 0)
		return;
	row(lw, &r, "Régime horaire", stmt_quantity(lw, MC_KW_SERVICE_ANNUEL));
	heading(lw, 1, "Identification du poste");
	label_table(lw, &r, "Identification du poste");
}

static void
lower_parties(lowering *lw)
{
	const mc_letter *l = lw->l;
	const mc_node *etab = first_stmt(lw, MC_KW_ETABLISSEMENT);
	rows r = { 0 };

	for (size_t i = 0; i < l->nparties; i++)
		row(lw, &r, role_label(&l->parties[i]), party_description(lw, &l->parties[i]));
	if (etab != NULL) {
		const char *name = string_arg(etab->u.stmt.args);
		const char *commune = string_arg(named(etab->u.stmt.args, "commune"));
		const char *uai = uai_arg(lw, named(etab->u.stmt.args, "uai"));
		const char *v = name;

		if (commune != NULL)
			v = mc_arena_printf(lw->a, "%s, %s", v, commune);
		if (uai != NULL)
			v = mc_arena_printf(lw->a, "%s (UAI %s)", v, uai);
		row(lw, &r, "Établissement", v);
	}
	for (size_t i = 0; i < l->nworkplaces; i++) {
		const mc_node *s = l->workplaces[i];
		const char *name, *uai;

		name = string_arg(s->u.stmt.args);
		uai = uai_arg(lw, named(s->u.stmt.args, "uai"));
		row(lw, &r, "Établissement d’intervention", uai ?
		    mc_arena_printf(lw->a, "%s (UAI %s)", name, uai) : name);
	}
	row(lw, &r, "Réseau d’établissements", stmt_text(lw, MC_KW_RESEAU));
	row(lw, &r, "Période", period_text(lw));
	heading(lw, 1, "Les parties");
	label_table(lw, &r, "Les parties à la lettre de mission");
	lower_identification(lw);
}

static void
lower_service(lowering *lw)
{
	rows r = { 0 };
	const mc_node *dech = first_stmt(lw, MC_KW_DECHARGE);
	const char *v;

	row(lw, &r, "Service hebdomadaire", stmt_quantity(lw, MC_KW_SERVICE));
	if (lw->l->ref->identification == NULL)
		row(lw, &r, "Régime horaire", stmt_quantity(lw, MC_KW_SERVICE_ANNUEL));
	row(lw, &r, "Présence dans l’établissement", stmt_quantity(lw, MC_KW_PRESENCE));
	if ((v = stmt_quantity(lw, MC_KW_ENSEIGNEMENT)) != NULL) {
		row(lw, &r, "Heures d’enseignement", v);
		/* The holder's agreement: « de l’intéressée » for a woman. */
		row(lw, &r, ref_text(lw, "Accord de {l’intéressé|l’intéressée|l’intéressé(e)}"),
		    sub_text(lw, MC_KW_ENSEIGNEMENT, "accord"));
		row(lw, &r, "Condition", sub_text(lw, MC_KW_ENSEIGNEMENT, "condition"));
	}
	if ((v = stmt_quantity(lw, MC_KW_FORMATION_CONTINUE)) != NULL) {
		row(lw, &r, "Formation continue, hors ORS", v);
		row(lw, &r, "Autorisation de cumul",
		    sub_text(lw, MC_KW_FORMATION_CONTINUE, "autorisation_cumul"));
	}
	if (dech != NULL && dech->u.stmt.args != NULL && mc_word_is(dech->u.stmt.args, "complete"))
		row(lw, &r, "Décharge de service", "complète");
	else
		row(lw, &r, "Décharge de service", stmt_quantity(lw, MC_KW_DECHARGE));
	row(lw, &r, "Heures supplémentaires", stmt_quantity(lw, MC_KW_HEURES_SUPPLEMENTAIRES));
	if ((v = stmt_quantity(lw, MC_KW_IMP)) != NULL)
		row(lw, &r, "Indemnité pour mission particulière (IMP)", v);
	if (r.n == 0)
		return;
	heading(lw, 1, "Service et rémunération");
	label_table(lw, &r, "Service, présence et rémunération");
	/* The legal basis of what the letter pays. */
	if (stmt_quantity(lw, MC_KW_IMP) != NULL && lw->l->ref->commons->imp_basis != NULL)
		prose(lw, MC_P_NOTE, lw->l->ref->commons->imp_basis, NULL);
}

/* An action as a title names it: without the sentence's final period. */
static const char *
action_title(lowering *lw, const mc_mission *m)
{
	const char *a = ref_text(lw, m->action);
	size_t n = strlen(a);

	return n > 1 && a[n - 1] == '.' ? mc_arena_strndup(lw->a, a, n - 1) : a;
}

/* Does another mission of the letter print the same title? */
static int
title_shared(const lowering *lw, const mc_mission *m)
{
	for (size_t i = 0; i < lw->l->nmissions; i++) {
		const mc_mission *o = lw->l->missions[i].mission;

		if (o != m && strcmp(o->title_text, m->title_text) == 0)
			return 1;
	}
	return 0;
}

/* « Mission N° 1 : titre »; when two missions of the letter share a title
 * (two actions of one sheet, or its two variants by degré), the heading adds
 * the action or the variant: no two alike. */
static const char *
mission_name(lowering *lw, const mc_mission *m)
{
	const char *title = ref_text(lw, m->title_text);

	if (m->action != NULL && title_shared(lw, m))
		title = mc_arena_printf(lw->a, "%s — %s", title, action_title(lw, m));
	else if (m->variant != NULL && title_shared(lw, m))
		title = mc_arena_printf(lw->a, "%s — %s", title, ref_text(lw, m->variant));
	if (m->number > 0)
		return mc_arena_printf(lw->a, "Mission N° %d : %s", m->number, title);
	return mc_arena_printf(lw->a, "Mission : %s", title);
}

/* A mission as the parts table and the bilan name it: its title, and its
 * action when it has one (two actions of one mission share its title), or
 * its variant when another mission of the letter has the same title. */
static const char *
mission_label(lowering *lw, const mc_mission *m)
{
	if (m->action == NULL && m->variant != NULL && title_shared(lw, m))
		return mc_arena_printf(lw->a, "%s — %s", ref_text(lw, m->title_text),
		    ref_text(lw, m->variant));
	if (m->action == NULL)
		return ref_text(lw, m->title_text);
	return mc_arena_printf(lw->a, "%s — %s", ref_text(lw, m->title_text),
	    action_title(lw, m));
}

/* The Pacte's table: each mission, its quantum, its parts and their amount. */
static void
lower_parts(lowering *lw)
{
	static const double widths[4] = { 0.49, 0.17, 0.14, 0.20 };
	static const unsigned char numeric[4] = { 0, 1, 1, 1 };
	const mc_letter *l = lw->l;
	mc_quantity value = l->ref->part_value;
	size_t n = l->nmissions + 1;
	mc_text *head, *cells;
	int64_t total = 0;
	mc_block *b;

	if (value.unit != MC_U_EUROS || l->nmissions == 0)
		return;
	head = mc_arena_alloc(lw->a, 4 * sizeof(*head));
	cells = mc_arena_alloc(lw->a, n * 4 * sizeof(*cells));
	if (head == NULL || cells == NULL) {
		lw->failed = 1;
		return;
	}
	head[0] = text_str(lw, "Mission", MC_STYLE_BOLD);
	head[1] = text_str(lw, "Quantum", MC_STYLE_BOLD);
	head[2] = text_str(lw, "Parts", MC_STYLE_BOLD);
	head[3] = text_str(lw, "Montant annuel brut", MC_STYLE_BOLD);
	for (size_t i = 0; i < l->nmissions; i++) {
		const mc_letter_mission *lm = &l->missions[i];
		const mc_mission *m = lm->mission;
		int64_t parts = mc_mission_parts(lm);
		mc_quantity p = { parts, MC_U_NONE };
		mc_quantity e = { parts * value.milli / MC_MILLI, MC_U_EUROS };
		const char *quantum;

		if (m->flat || (lm->quantum != NULL && lm->quantum->kind == MC_N_WORD))
			quantum = "forfait";
		else if (lm->quantum != NULL)
			quantum = quantity_words(lw, lm->quantum->u.qty);
		else if (m->quantum.unit != MC_U_NONE)
			quantum = quantity_words(lw, m->quantum);
		else
			quantum = "—";
		total += parts;
		cells[i * 4] = text_str(lw, mission_label(lw, m), MC_STYLE_PLAIN);
		cells[i * 4 + 1] = text_str(lw, quantum, MC_STYLE_PLAIN);
		cells[i * 4 + 2] = text_str(lw, quantity_text(lw, p), MC_STYLE_PLAIN);
		cells[i * 4 + 3] = text_str(lw, quantity_text(lw, e), MC_STYLE_PLAIN);
	}
	{
		mc_quantity p = { total, MC_U_NONE };
		mc_quantity e = { total * value.milli / MC_MILLI, MC_U_EUROS };

		cells[(n - 1) * 4] = text_str(lw, "Total", MC_STYLE_BOLD);
		cells[(n - 1) * 4 + 1] = text_str(lw, "", MC_STYLE_BOLD);
		cells[(n - 1) * 4 + 2] = text_str(lw, quantity_text(lw, p), MC_STYLE_BOLD);
		cells[(n - 1) * 4 + 3] = text_str(lw, quantity_text(lw, e), MC_STYLE_BOLD);
	}
	heading(lw, 1, "Parts fonctionnelles et rémunération");
	if ((b = add_block(lw, MC_B_TABLE)) == NULL)
		return;
	b->table.ncols = 4;
	b->table.nrows = n;
	b->table.head = head;
	b->table.cells = cells;
	b->table.widths = widths;
	b->table.numeric = numeric;
	b->table.total = 1;
	b->table.caption = "Missions du Pacte, parts et montants annuels";
	{
		const char *note = mc_arena_printf(lw->a,
		    "Valeur d’une part : %s.", quantity_words(lw, value));

		paragraph(lw, MC_P_NOTE, note, strlen(note), NULL);
	}
	if (l->ref->parts_basis != NULL)
		prose(lw, MC_P_NOTE, l->ref->parts_basis, NULL);
}

static void
observations(lowering *lw, const mc_node *const *texts, size_t n)
{
	if (n > 0) {
		const char *label = lw->t->v[MC_T_LABEL_OBSERVATIONS].text;

		paragraph(lw, MC_P_LABEL, label, strlen(label), NULL);
	}
	for (size_t i = 0; i < n; i++)
		prose(lw, MC_P_OBSERVATION, string_arg(texts[i]), texts[i]);
}

/* What the letter asks of an activity of the référentiel, or NULL. */
static const mc_letter_activity *
asked_for(const mc_letter_mission *lm, const mc_activity *a)
{
	for (size_t i = 0; i < lm->nactivities; i++)
		if (lm->activities[i].activity == a)
			return &lm->activities[i];
	return NULL;
}

/* One activity and, when the letter asks for it, its observations (or, in
 * a model that lists them all, the words that say it is asked for). */
static void
activity(lowering *lw, const char *text, const mc_node *from,
    const mc_letter_activity *la, int marked, int paragraph)
{
	prose(lw, paragraph ? MC_P_BODY : MC_P_ACTIVITY, text, from);
	if (la == NULL)
		return;
	if (marked && la->nobservations == 0)
		prose(lw, MC_P_LABEL, "Activité demandée dans cette lettre.", NULL);
	observations(lw, la->observations, la->nobservations);
}

static void
lower_mission(lowering *lw, const mc_letter_mission *lm, int rank)
{
	const mc_mission *m = lm->mission;
	const mc_referential *ref = lw->l->ref;
	const char *group = NULL;
	int specific = 0;

	if (ref->chosen_intro != NULL && m->number > 0)
		heading(lw, 1, mc_arena_printf(lw->a, "Mission N° %d : %s", rank,
		    ref_text(lw, m->title_text)));
	else
		heading(lw, 1, mission_name(lw, m));
	/* The words a sheet prints for the mission's public (« Pacte lycée
	 * professionnel »). */
	for (size_t i = 0; i < ref->nsheet_headers; i++)
		for (const mc_node *p = m->publics; p != NULL; p = p->next)
			if (p->kind == MC_N_WORD &&
			    strcmp(p->u.word.key, ref->sheet_headers[i].label) == 0)
				prose(lw, MC_P_NOTE, ref->sheet_headers[i].text, NULL);
	/* The sheet's « Action : » under the mission's title: it tells apart
	 * two actions of one mission (tutorat, décrochage). */
	if (m->action != NULL)
		labelled(lw, "Action :", ref_text(lw, m->action));
	if (lm->rank != NULL)
		prose(lw, MC_P_NOTE, mc_word_is(lm->rank, "principale") ?
		    "Mission principale." : "Mission secondaire.", NULL);
	/* A Pacte sheet's rubrics: « Contenu de la mission », « Part fonctionnelle ». */
	if (m->part != NULL)
		heading(lw, 2, "Contenu de la mission");
	if (ref->chosen_intro != NULL)
		prose(lw, MC_P_BODY, ref_text(lw, ref->chosen_intro), NULL);
	else if (m->text != NULL && m->text[0] >= 'a' && m->text[0] <= 'z' &&
	    strchr(m->text, '\n') == NULL)
		/* A text that goes on from the title, as the fiche writes it:
		 * « Prévention : accompagnement des équipes… ». */
		labelled(lw, mc_arena_printf(lw->a, "%s :", ref_text(lw, m->title_text)),
		    ref_text(lw, m->text));
	else if (m->text != NULL)
		prose(lw, MC_P_BODY, ref_text(lw, m->text), NULL);
	if (ref->all_activities) {
		/* The model's whole list, in its order: each group's introduction
		 * before its activities, the letter's marked. */
		for (size_t i = 0; i < m->nactivities; i++) {
			const mc_activity *a = &m->activities[i];

			if (a->group_text != NULL && a->group_id != group)
				prose(lw, MC_P_BODY, ref_text(lw, a->group_text), NULL);
			group = a->group_id;
			activity(lw, ref_text(lw, a->text), NULL, asked_for(lm, a), 1,
			    a->paragraph);
		}
	}
	/* The référentiel's activities the letter chose, in the letter's order. */
	for (size_t i = 0; i < lm->nactivities && !ref->all_activities; i++) {
		const mc_activity *a = lm->activities[i].activity;

		if (a == NULL)
			continue;
		if (a->group_text != NULL && a->group_id != group && ref->chosen_intro == NULL)
			prose(lw, MC_P_BODY, ref_text(lw, a->group_text), NULL);
		group = a->group_id;
		activity(lw, ref_text(lw, a->text), NULL, &lm->activities[i], 0, 0);
	}
	/* The letter's own activities, after the référentiel's and under their
	 * own words: an activity the official text does not give is not printed
	 * as one of its list (« Ses missions sont : … »). */
	for (size_t i = 0; i < lm->nactivities; i++) {
		const mc_letter_activity *la = &lm->activities[i];

		if (la->text == NULL)
			continue;
		if (!specific++)
			prose(lw, MC_P_BODY, "Autres activités demandées dans cette lettre :", NULL);
		activity(lw, string_arg(la->text), la->text, la, ref->all_activities, 0);
	}
	observations(lw, lm->observations, lm->nobservations);
	if (m->complement != NULL)
		prose(lw, MC_P_BODY, ref_text(lw, m->complement), NULL);
	if (m->part != NULL) {
		heading(lw, 2, "Part fonctionnelle");
		prose(lw, MC_P_BODY, ref_text(lw, m->part), NULL);
	}
	if (lm->quantum != NULL) {
		int64_t parts = mc_mission_parts(lm);
		const char *q = lm->quantum->kind == MC_N_QUANTITY ?
		    quantity_words(lw, lm->quantum->u.qty) : "forfait";
		/* Every count of parts said, as the table of parts says it
		 * (« 48 heures, soit 2 parts », « 36 heures, soit 1,5 part »). */
		mc_quantity pq = { parts, MC_U_PARTS };
		const char *n = parts == MC_MILLI ? "une part" :
		    parts == MC_MILLI / 2 ? "une demi-part" :
		    parts > 0 ? quantity_words(lw, pq) : NULL;
		const char *line = n != NULL ?
		    mc_arena_printf(lw->a, "Quantum retenu dans cette lettre : %s, soit %s.", q, n) :
		    mc_arena_printf(lw->a, "Quantum retenu dans cette lettre : %s.", q);

		prose(lw, MC_P_BODY, line, NULL);
	}
	if (m->bilan != NULL) {
		if (m->part != NULL)
			heading(lw, 2, "Bilan");
		prose(lw, MC_P_BODY, ref_text(lw, m->bilan), NULL);
	}
}

static void
clause(lowering *lw, mc_kw kw, const char *title, int level)
{
	const mc_node *s = first_stmt(lw, kw);
	const char *text = s != NULL ? string_arg(s->u.stmt.args) : NULL;

	if (text == NULL || *text == '\0')
		return;
	heading(lw, level, title);
	prose(lw, MC_P_BODY, text, s->u.stmt.args);
}

/* Is the person named by a title (« Mme l’inspectrice », « M. le directeur
 * académique », « Mme la principale du collège… »): a civilité, then le, la,
 * l’? The title says the role. */
static int
named_by_title(const char *person)
{
	static const char *const articles[] = { "le ", "la ", "l’", "l'" };
	const char *p = person;

	if (mc_civilite_gender(person) == MC_G_UNKNOWN)
		return 0;
	while (*p != '\0' && *p != ' ' && *p != '\t' && (unsigned char)*p != 0xC2 &&
	    (unsigned char)*p != 0xE2)
		p++;
	while (*p == ' ' || *p == '\t' || (unsigned char)*p == 0xC2 || (unsigned char)*p == 0xA0 ||
	    (unsigned char)*p == 0xE2 || (unsigned char)*p == 0x80 || (unsigned char)*p == 0xAF)
		p++;
	for (size_t i = 0; i < sizeof(articles) / sizeof(*articles); i++)
		if (strncasecmp(p, articles[i], strlen(articles[i])) == 0)
			return 1;
	return 0;
}

/* « Mme Claire Durand, chef d’établissement »: the person and the role in a
 * sentence (lower case, as the role agrees with the person); the role is
 * left out when the person already says it (« Mme l’inspectrice de
 * l’éducation nationale de la circonscription d’Aubagne », « Mme
 * l’inspectrice », « M. l’IEN… »). */
static const char *
person_and_role(lowering *lw, const mc_party *p)
{
	const char *label = role_label(p);
	const char *person;
	char *lower;

	if (p->role == NULL || named_by_title(p->person))
		return p->person;
	lower = mc_arena_strdup(lw->a, label);
	/* The person as the letter prints it (’ for '), to find the label in it. */
	person = mc_typo(lw->a, p->person, strlen(p->person));
	if (lower == NULL || person == NULL)
		return p->person;
	/* An acronym (« DRANE ») keeps its capital; a word loses it. */
	if (lower[0] >= 'A' && lower[0] <= 'Z' && !(lower[1] >= 'A' && lower[1] <= 'Z'))
		lower[0] = (char)(lower[0] - 'A' + 'a');
	if (strstr(person, lower) != NULL)
		return p->person;
	return mc_arena_printf(lw->a, "%s, %s", p->person, lower);
}

/* The party of the letter that receives a mission's bilan: the mission's
 * own « bilan PARTIE », else the letter's « bilan » party when the mission's
 * sheet names its role, else the first party whose role the sheet names;
 * NULL when the letter has none. */
static const mc_party *
bilan_party(const lowering *lw, const mc_letter_mission *lm, const mc_party *chosen)
{
	const mc_mission *m = lm->mission;

	if (lm->bilan_party != NULL)
		return lm->bilan_party;
	if (m->bilan_to == NULL)
		return chosen;
	for (const mc_node *r = m->bilan_to; r != NULL; r = r->next)
		if (chosen != NULL && chosen->role != NULL && r->kind == MC_N_WORD &&
		    strcmp(chosen->role->id, r->u.word.key) == 0)
			return chosen;
	for (const mc_node *r = m->bilan_to; r != NULL; r = r->next) {
		const mc_party *p = r->kind == MC_N_WORD ?
		    mc_letter_party_with_role(lw->l, r->u.word.key) : NULL;

		if (p != NULL)
			return p;
	}
	return NULL;
}

/* Who receives the bilan: one sentence when every mission's goes to the same
 * person (« de la mission », « des missions »), else one line per mission,
 * as each sheet says. */
static void
lower_bilan(lowering *lw)
{
	const mc_letter *l = lw->l;
	const mc_node *s = first_stmt(lw, MC_KW_BILAN);
	const mc_party *chosen = NULL, *same;
	int differ = 0;

	if (s != NULL && s->u.stmt.args != NULL && s->u.stmt.args->kind == MC_N_WORD)
		chosen = mc_letter_party(l, s->u.stmt.args->u.word.text);
	{
		int named = chosen != NULL;   /* the letter's « bilan », or a mission's */

		for (size_t i = 0; i < l->nmissions; i++)
			named |= l->missions[i].bilan_party != NULL;
		if (!named || l->nmissions == 0)
			return;
	}
	same = bilan_party(lw, &l->missions[0], chosen);
	for (size_t i = 1; i < l->nmissions; i++)
		differ |= bilan_party(lw, &l->missions[i], chosen) != same;
	heading(lw, 1, "Bilan d’activité");
	if (!differ && same != NULL) {
		const char *text = mc_arena_printf(lw->a,
		    "Le bilan d’activité %s est remis à %s.", l->nmissions > 1 ?
		    "des missions" : "de la mission", person_and_role(lw, same));

		prose(lw, MC_P_BODY, text, NULL);
		return;
	}
	paragraph(lw, MC_P_BODY, "Le bilan d’activité de chaque mission est remis :",
	    strlen("Le bilan d’activité de chaque mission est remis :"), NULL);
	{
		mc_buffer b;

		mc_buffer_init(&b);
		for (size_t i = 0; i < l->nmissions; i++) {
			const mc_mission *m = l->missions[i].mission;
			const mc_party *p = bilan_party(lw, &l->missions[i], chosen);

			mc_buffer_puts(&b, "- pour la mission « ");
			mc_buffer_puts(&b, mission_label(lw, m));
			mc_buffer_puts(&b, " », à ");
			mc_buffer_puts(&b, p != NULL ? person_and_role(lw, p) :
			    "la personne que sa fiche désigne");
			mc_buffer_puts(&b, i + 1 < l->nmissions ? " ;\n" : ".\n");
		}
		if (!b.failed)
			prose(lw, MC_P_BODY, mc_arena_strndup(lw->a, b.data, b.len), NULL);
		else
			lw->failed = 1;
		mc_buffer_free(&b);
	}
}

/* « Fait à {lieu}, le {date} » from the template, filled (« à » + « Le Havre »:
 * « au Havre »). */
static const char *
place_date(lowering *lw)
{
	const mc_node *s = first_stmt(lw, MC_KW_FAIT_A);
	const char *tpl = lw->t->v[MC_T_LABEL_PLACE_DATE].text;
	const char *place, *date;
	const mc_node *d;
	mc_buffer b;
	const char *r;

	if (s == NULL)
		return NULL;
	place = string_arg(s->u.stmt.args);
	d = named(s->u.stmt.args, "le");
	date = d != NULL && d->kind == MC_N_DATE ? mc_date_words(lw->a, d->u.date) : "…";
	mc_buffer_init(&b);
	for (const char *p = tpl; *p != '\0'; p++) {
		if (place != NULL && strncmp(p, "à {lieu}", strlen("à {lieu}")) == 0) {
			/* « Fait au Havre », « Fait aux Lilas ». */
			mc_buffer_puts(&b, mc_a(lw->a, place));
			p += strlen("à {lieu}") - 1;
		} else if (strncmp(p, "{lieu}", 6) == 0) {
			mc_buffer_puts(&b, place != NULL ? place : "…");
			p += 5;
		} else if (strncmp(p, "{date}", 6) == 0) {
			mc_buffer_puts(&b, date);
			p += 5;
		} else {
			mc_buffer_put(&b, p, 1);
		}
	}
	r = b.failed ? NULL : mc_typo(lw->a, b.data ? b.data : "", b.len);
	mc_buffer_free(&b);
	return r;
}

static void
lower_signatures(lowering *lw)
{
	const mc_letter *l = lw->l;
	size_t n = 0, k = 0;
	mc_signer *signers;
	mc_block *b;

	for (size_t i = 0; i < l->nparties; i++)
		n += l->parties[i].signature != NULL;
	signers = mc_arena_alloc(lw->a, (n ? n : 1) * sizeof(*signers));
	if (signers == NULL || (b = add_block(lw, MC_B_SIGNATURES)) == NULL) {
		lw->failed = 1;
		return;
	}
	/* In the order of « signatures », as the author lists them. */
	for (const mc_node *a = first_stmt(lw, MC_KW_SIGNATURES) ?
	    first_stmt(lw, MC_KW_SIGNATURES)->u.stmt.args : NULL; a != NULL && k < n;
	    a = a->next) {
		const mc_party *p = a->kind == MC_N_WORD ?
		    mc_letter_party(l, a->u.word.text) : NULL;

		if (p == NULL)
			continue;
		signers[k].label = mc_typo(lw->a, role_label(p), strlen(role_label(p)));
		signers[k].name = mc_typo(lw->a, p->person, strlen(p->person));
		k++;
	}
	b->signatures.place_date = place_date(lw);
	b->signatures.mark = mc_typo(lw->a, lw->t->v[MC_T_LABEL_SIGNATURE].text,
	    strlen(lw->t->v[MC_T_LABEL_SIGNATURE].text));
	b->signatures.signers = signers;
	b->signatures.nsigners = k;
}

const mc_document *
mc_lower(mc_arena *a, const mc_letter *l, const mc_template *t)
{
	lowering lw = { a, l, t, NULL, 0, 0, 0 };
	mc_document *doc = mc_arena_alloc(a, sizeof(*doc));
	const char **header = mc_arena_alloc(a, 5 * sizeof(*header));
	size_t nmark = 0;
	const mc_party *h;
	const char *preamble;

	if (doc == NULL || header == NULL || l->ref == NULL)
		return NULL;
	h = holder(&lw);
	doc->src = l->src;
	doc->title = ref_text(&lw, l->ref->title_text);
	doc->title = mc_typo(a, doc->title, strlen(doc->title));
	doc->subtitle = h != NULL ? mc_typo(a, party_description(&lw, h),
	    strlen(party_description(&lw, h))) : NULL;
	doc->period = period_text(&lw);
	/* The bloc-marque, when the template has one, then the académie's lines. */
	for (int i = MC_T_MARK_1; i <= MC_T_MARK_2; i++) {
		const char *line = header_line(&lw, t->v[i].text);

		if (line != NULL)
			header[doc->nheader++] = line;
	}
	nmark = doc->nheader;
	for (int i = MC_T_HEADER_1; i <= MC_T_HEADER_3; i++) {
		const char *line = header_line(&lw, t->v[i].text);

		if (line != NULL)
			header[doc->nheader++] = line;
	}
	doc->header = header;
	doc->page_label = t->v[MC_T_LABEL_PAGE].text;
	doc->meta_title = doc->title;
	if (h != NULL) {
		char *title = mc_arena_printf(a, "%s — %s", doc->title, h->person);

		/* The metadata are no text the typography reads: a soft hyphen
		 * pasted in a name, which every format drops from the letter,
		 * would stay in the PDF's title and the HTML's <title>. */
		for (char *p = title != NULL ? strstr(title, "\xc2\xad") : NULL; p != NULL;
		    p = strstr(p, "\xc2\xad"))
			memmove(p, p + 2, strlen(p + 2) + 1);
		doc->meta_title = title;
	}
	doc->meta_author = doc->nheader > nmark + 1 ? header[nmark + 1] :
	    doc->nheader > nmark ? header[nmark] : "";
	doc->meta_subject = doc->period;
	doc->meta_creator = mc_arena_printf(a, "missionc %s ; référentiel %s %s",
	    MISSIONC_VERSION, l->ref->name, mc_referential_version(l->ref));

	lower_parties(&lw);
	preamble = l->ref->preamble;
	if (preamble != NULL) {
		heading(&lw, 1, "Contexte de cette lettre de mission");
		prose(&lw, MC_P_BODY, ref_text(&lw, preamble), NULL);
	}
	/* The author's context: after the référentiel's text, the rubric of
	 * the model letter (annexe 1 : « Contexte et conditions particulières
	 * d’exercice de la mission », à renseigner par le chef d’établissement),
	 * a section of its own; without that text, the only « Contexte ». */
	if (first_stmt(&lw, MC_KW_CONTEXTE) != NULL)
		clause(&lw, MC_KW_CONTEXTE, preamble == NULL ?
		    "Contexte de cette lettre de mission" :
		    "Contexte et conditions particulières d’exercice de la mission", 1);
	lower_service(&lw);
	lower_parts(&lw);
	for (size_t i = 0; i < l->nmissions; i++)
		lower_mission(&lw, &l->missions[i], (int)i + 1);
	clause(&lw, MC_KW_MOYENS, "Moyens alloués", 1);
	clause(&lw, MC_KW_QUALIFICATION, "Qualification", 1);
	clause(&lw, MC_KW_FORMATIONS, "Formations", 1);
	clause(&lw, MC_KW_SUIVI, "Suivi et évaluation", 1);
	lower_bilan(&lw);
	lower_signatures(&lw);
	doc->period = doc->period ? mc_typo(a, doc->period, strlen(doc->period)) : NULL;
	doc->blocks = lw.blocks;
	doc->nblocks = lw.nblocks;
	return lw.failed ? NULL : doc;
}
