/* resolve_hints.c — the resolver's hints for a letter written as the author
 * saw one elsewhere: a line copied as a letter or a form prints it (« Fait à
 * Marseille, le … », « UAI : 0130050J », « etablissement » then « uai » and
 * « commune » on the lines below), colons after keywords, a keyword split in
 * two words or unknown (its synonym, its place, the référentiel that has
 * it), a block not opened or an indentation that misleads, a dash in a
 * mission's title. Each is one error, at the words, with the line to
 * write; the errors it makes redundant go. resolve.c decides when to ask. */
#include "resolve_hints.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

/* The offset of a statement's « : »: just before the values that follow
 * it, or after the last of those before it. */
static uint32_t
colon_at(const resolver *r, const mc_node *stmt)
{
	const char *text = r->src->text;
	uint32_t i;

	if (stmt->u.stmt.tail != NULL) {
		for (i = stmt->u.stmt.tail->start; i > stmt->start; i--)
			if (text[i - 1] == ':')
				return i - 1;
		return stmt->u.stmt.head->start;
	}
	i = stmt->u.stmt.head->end;
	for (const mc_node *a = stmt->u.stmt.args; a != NULL; a = a->next)
		i = a->end;
	while (i < r->src->len && text[i] != ':' && text[i] != '\n')
		i++;
	return i < r->src->len && text[i] == ':' ? i : stmt->u.stmt.head->start;
}

/* The line of `stmt` without its colons outside quotes, but the one at
 * `keep` (« partie NOM : »), the spaces before each dropped:
 * « etablissement "…" uai "…" commune "…" ». */
/* Whether the scanner reported the « ; » at `at` as one between values
 * (« signatures : chef; agent »), to be written « , ». */
static int
semicolon_in_list(const resolver *r, uint32_t at)
{
	for (size_t i = 0; i < r->d->count; i++) {
		const mc_diag *x = r->d->items[i];

		if (x->span.src == r->src && x->span.start == at &&
		    mc_diag_is(x, MC_D_UNEXPECTED_CHAR) &&
		    x->suggestion == mc_hint_semicolon_list)
			return 1;
	}
	return 0;
}

static const char *
without_colons(resolver *r, const mc_node *stmt, uint32_t keep)
{
	const char *t = r->src->text;
	uint32_t end = line_end(r, stmt->start);
	int quoted = 0;
	mc_buffer line;
	const char *out;

	mc_buffer_init(&line);
	for (uint32_t i = stmt->start; i < end; i++) {
		if (t[i] == '"')
			quoted = !quoted;
		/* « signatures : chef; agent »: the « ; » too, in the same
		 * line to write (colon_here takes its error away). */
		if (t[i] == ';' && !quoted && semicolon_in_list(r, i)) {
			mc_buffer_put(&line, ",", 1);
			continue;
		}
		if (t[i] != ':' || quoted || i == keep) {
			mc_buffer_put(&line, t + i, 1);
			continue;
		}
		while (line.len > 0 && (line.data[line.len - 1] == ' ' ||
		    line.data[line.len - 1] == '\t'))
			line.len--;
		if (i + 1 < end && t[i + 1] != ' ' && t[i + 1] != '\t')
			mc_buffer_put(&line, " ", 1);
	}
	out = line.failed ? NULL : mc_arena_printf(r->arena, "écrivez « %.*s »",
	    (int)line.len, line.len > 0 ? line.data : "");
	mc_buffer_free(&line);
	return out;
}

/* A « : » at `colon`, reported after what the author wrote before it when
 * short (« activite specifique », not only « activite »), with the line
 * to write. */
static void
colon_here(resolver *r, const mc_node *stmt, uint32_t colon, uint32_t keep)
{
	const char *text = r->src->text;
	uint32_t before = colon;
	mc_diag *diag;

	uint32_t from = stmt->start;

	while (before > stmt->start && (text[before - 1] == ' ' || text[before - 1] == '\t'))
		before--;
	/* A long line: the word before the « : » (« corps »). */
	if (before - from > 40 || memchr(text + from, '\n', before - from) != NULL)
		for (from = before; from > stmt->start && text[from - 1] != ' ' &&
		    text[from - 1] != '\t' && text[from - 1] != '\n'; from--)
			;
	diag = mc_diag_emit(r->d, MC_D_UNEXPECTED_COLON,
	    mc_span_of(r->src, colon, colon + 1), before > from && before - from <= 40 ?
	    mc_arena_printf(r->arena, "%.*s", (int)(before - from), text + from) :
	    stmt_word(stmt));
	if (diag != NULL)
		diag->suggestion = without_colons(r, stmt, keep);
	/* The « ; » written « , » in that line are not said again. */
	for (size_t i = r->d->count; diag != NULL && i-- > 0;) {
		const mc_diag *x = r->d->items[i];
		uint32_t eol = line_end(r, stmt->start);

		if (x->span.src == r->src && x->span.start >= stmt->start &&
		    x->span.start < eol && r->src->text[x->span.start] == ';' &&
		    semicolon_in_list(r, x->span.start))
			mc_diags_remove(r->d, i);
	}
}

void
mc_hint_no_colon(resolver *r, const mc_node *stmt)
{
	uint32_t colon;

	if (!stmt->u.stmt.has_colon)
		return;
	colon = colon_at(r, stmt);
	if (r->src->text[colon] != ':') {
		mc_diag_emit(r->d, MC_D_UNEXPECTED_COLON, at(r, stmt->u.stmt.head),
		    stmt_word(stmt));
		return;
	}
	colon_here(r, stmt, colon, UINT32_MAX);
}

void
mc_hint_extra_colons(resolver *r, const mc_node *stmt)
{
	const char *text = r->src->text;
	uint32_t first = colon_at(r, stmt), end = line_end(r, stmt->start);
	int quoted = 0;

	if (stmt->u.stmt.has_colon < 2 || text[first] != ':')
		return;
	/* « partie p :: enseignant »: the values start after the second
	 * « : »; the first is the one of « partie NOM : ». */
	for (uint32_t i = first; i-- > stmt->u.stmt.head->end;)
		if (text[i] == ':')
			first = i;
		else if (text[i] == '"')
			break;
	for (uint32_t i = first + 1; i < end; i++) {
		if (text[i] == '"')
			quoted = !quoted;
		else if (text[i] == ':' && !quoted) {
			colon_here(r, stmt, i, first);
			return;
		}
	}
}

const mc_node *
mc_hint_colon_as_space(resolver *r, const mc_node *stmt)
{
	mc_node *copy;

	mc_node **link;

	if (!stmt->u.stmt.has_colon || stmt->u.stmt.tail == NULL)
		return stmt;
	copy = mc_arena_alloc(r->arena, sizeof(*copy));
	if (copy == NULL)
		return stmt;
	*copy = *stmt;
	/* « activite specifique : "…" », « mission x : 24 h »: the values on
	 * both sides, in their order (copies: the tree stays as written). The
	 * tail stays too, for no_colon to find the « : ». */
	link = &copy->u.stmt.args;
	for (const mc_node *a = stmt->u.stmt.args; a != NULL; a = a->next) {
		mc_node *c = mc_arena_alloc(r->arena, sizeof(*c));

		if (c == NULL)
			return stmt;
		*c = *a;
		*link = c;
		link = &c->next;
	}
	*link = stmt->u.stmt.tail;
	copy->u.stmt.nargs = stmt->u.stmt.nargs + stmt->u.stmt.ntail;
	copy->u.stmt.ntail = 0;
	return copy;
}

/* Whether `hint` is « écrivez « LINE » » with a line that starts with
 * `word`, whatever space follows the guillemet. */
static int
writes_line(const char *hint, const char *word)
{
	static const char lead[] = "écrivez «";

	if (hint == NULL || strncmp(hint, lead, sizeof(lead) - 1) != 0)
		return 0;
	hint += sizeof(lead) - 1;
	if (*hint == ' ')
		hint++;
	else if (strncmp(hint, "\xc2\xa0", 2) == 0)
		hint += 2;
	else if (strncmp(hint, "\xe2\x80\xaf", 3) == 0)
		hint += 3;
	return strncmp(hint, word, strlen(word)) == 0;
}

void
mc_hint_fold_colon(resolver *r, const mc_node *s, size_t from)
{
	uint32_t eol = line_end(r, s->start);
	size_t colon = SIZE_MAX, other = SIZE_MAX;
	const mc_diag *o;
	mc_diag *keep;

	/* The other mistake may be the scanner's (« 39 heures par semaine »):
	 * every error of the line counts, the « : » only when said now. */
	for (size_t i = 0; i < r->d->count; i++) {
		const mc_diag *x = r->d->items[i];

		if (x->span.src != r->src || x->span.start < s->start ||
		    x->span.start >= eol || x->severity != MC_ERROR)
			continue;
		if (mc_diag_is(x, MC_D_UNEXPECTED_COLON) && colon == SIZE_MAX && i >= from)
			colon = i;
		else if (!mc_diag_is(x, MC_D_UNEXPECTED_COLON) && other == SIZE_MAX)
			other = i;
	}
	if (colon == SIZE_MAX || other == SIZE_MAX)
		return;
	o = r->d->items[other];
	keep = (mc_diag *)(uintptr_t)o;
	if (!writes_line(o->suggestion, mc_stmt_key(s)))
		keep->suggestion = o->suggestion != NULL ?
		    mc_arena_printf(r->arena, "%s%s retirez aussi le « : » de la ligne",
		    o->suggestion, o->suggestion[strlen(o->suggestion) - 1] == '?' ?
		    " Et" : " ;") :
		    mc_arena_printf(r->arena, "retirez aussi le « : » de la ligne");
	mc_diags_remove(r->d, colon);
}

const char *
mc_hint_mission_of_activity(resolver *r, const char *key)
{
	const mc_referential *ref = r->l->ref;

	for (size_t i = 0; ref != NULL && i < ref->nmissions; i++)
		if (mc_mission_activity(&ref->missions[i], key) != NULL)
			return mc_arena_printf(r->arena,
			    "« %s » est une activité de la mission « %s » : déplacez-la dans son bloc",
			    key, ref->missions[i].id);
	return NULL;
}

const char *
mc_hint_elsewhere(resolver *r, const char *key)
{
	const char *owners[8], *mission, *name = r->l->ref != NULL ? r->l->ref->name : NULL;
	size_t n = name != NULL ? mc_stdlib_owners(r->lib, key, name, owners, 8, &mission) : 0;
	char *list;

	if (n == 0)
		return NULL;
	if (mission != NULL)
		return mc_arena_printf(r->arena,
		    "« %s » est une activité de la mission « %s » du référentiel « %s » ; cette lettre suit « %s » (« lettre selon %s »)",
		    key, mission, owners[0], name, name);
	list = mc_arena_printf(r->arena, "« %s »", owners[0]);
	for (size_t i = 1; i < n && list != NULL; i++)
		list = mc_arena_printf(r->arena, "%s%s« %s »", list,
		    i + 1 == n ? " et " : ", ", owners[i]);
	return mc_arena_printf(r->arena,
	    "« %s » est une mission %s %s ; cette lettre suit « %s » (« lettre selon %s »)",
	    key, n > 1 ? "des référentiels" : "du référentiel", list != NULL ? list : "", name, name);
}

/* A declaration of the language written at the wrong level: where it goes. */
static const char *
where_it_goes(resolver *r, const mc_node *stmt)
{
	static const struct {
		const char *key, *where;
	} inner[] = {
		{ "activite", "« activité » s’écrit dans le bloc d’une mission : « mission NOM { activité … } »" },
		{ "observation", "« observation » s’écrit dans le bloc d’une mission ou d’une activité : « activité NOM { observation \"…\" } »" },
		{ "accord", "« accord » s’écrit dans le bloc de « enseignement » : « enseignement 2 h/semaine { accord \"…\" } »" },
		{ "condition", "« condition » s’écrit dans le bloc de « enseignement » : « enseignement 2 h/semaine { condition \"…\" } »" },
		{ "autorisation_cumul", "« autorisation_cumul » s’écrit dans le bloc de « formation_continue »" },
	};
	const char *key = mc_stmt_key(stmt);

	for (size_t i = 0; i < sizeof(inner) / sizeof(inner[0]); i++)
		if (strcmp(key, inner[i].key) == 0)
			return inner[i].where;
	if (mc_kw_find(key) != MC_KW__COUNT)
		return mc_arena_printf(r->arena, "« %s » se place hors de tout bloc, après la « } » qui ferme celui-ci",
		    stmt_word(stmt));
	/* « Le lycée accueille 650 élèves. »: a sentence, not a declaration. */
	if (stmt->u.stmt.nargs >= 2)
		return "cette ligne est du texte : un texte s’écrit entre guillemets, après la déclaration qu’il complète (ex. « contexte \"\"\" … \"\"\" », « observation \"…\" »)";
	return NULL;
}

/* The words an author writes for a declaration, in English, abbreviated or
 * as a form says it, too far from it for a spelling suggestion: the
 * declaration they mean. */
static const char *
synonym(const char *key)
{
	static const char *const words[][2] = {
		{ "year", "annee" }, { "school_year", "annee" }, { "annee_scolaire", "annee" },
		{ "period", "periode" }, { "duree", "periode" },
		{ "academy", "academie" }, { "rectorat", "academie" },
		{ "school", "etablissement" }, { "etab", "etablissement" },
		{ "lycee", "etablissement" }, { "college", "etablissement" },
		{ "ecole", "etablissement" },
		{ "activity", "activite" }, { "act", "activite" }, { "activites", "activite" },
		{ "tache", "activite" }, { "task", "activite" },
		{ "obs", "observation" }, { "observations", "observation" },
		{ "remarque", "observation" }, { "remarques", "observation" },
		{ "commentaire", "observation" }, { "comment", "observation" },
		{ "note", "observation" }, { "precision", "observation" },
		{ "signature", "signatures" }, { "signataires", "signatures" },
		{ "signe", "signatures" }, { "visa", "signatures" },
		{ "context", "contexte" }, { "means", "moyens" }, { "report", "bilan" },
		{ "compte_rendu", "bilan" },
	};

	for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++)
		if (strcasecmp(key, words[i][0]) == 0)
			return words[i][1];
	return NULL;
}

/* « Fait à Marseille, le 26 septembre 2025 », the formula as a letter
 * prints it: the hint gives the whole declaration (« fait_a "Marseille" le
 * 2025-09-26 »), and the date's own error, said by the lexer, goes with it
 * (one mistake, one error). Left as it is when the place is not plain words. */
static void
signed_at_as_said(resolver *r, const mc_node *stmt, mc_diag *diag, size_t *from_diag)
{
	const mc_node *a = stmt->u.stmt.args, *date = NULL;
	uint32_t from, to;

	if (strcasecmp(mc_stmt_key(stmt), "fait") != 0 || a == NULL ||
	    a->kind != MC_N_WORD || strcasecmp(a->u.word.key, "a") != 0)
		return;
	from = a->end;
	to = line_end(r, from);
	for (const mc_node *n = a->next; n != NULL; n = n->next) {
		if (n->kind == MC_N_DATE && date == NULL)
			date = n;
		if (((n->kind == MC_N_WORD && strcasecmp(n->u.word.key, "le") == 0) ||
		    n->kind == MC_N_DATE) && n->start < to)
			to = n->start;
	}
	while (from < to && (r->src->text[from] == ' ' || r->src->text[from] == '\t'))
		from++;
	while (to > from && (r->src->text[to - 1] == ' ' || r->src->text[to - 1] == ',' ||
	    r->src->text[to - 1] == '\t'))
		to--;
	if (from == to || memchr(r->src->text + from, '"', to - from) != NULL ||
	    memchr(r->src->text + from, '\n', to - from) != NULL)
		return;
	if (date != NULL) {
		for (size_t i = r->d->count; i-- > 0;)
			if (r->d->items[i]->span.src == r->src &&
			    r->d->items[i]->span.start == date->start &&
			    mc_diag_is(r->d->items[i], MC_D_DATE_FORMAT)) {
				mc_diags_remove(r->d, i);
				*from_diag -= i < *from_diag;
			}
		diag->suggestion = mc_arena_printf(r->arena,
		    "écrivez « fait_a \"%.*s\" le %04d-%02d-%02d »", (int)(to - from),
		    r->src->text + from, date->u.date.year, date->u.date.month,
		    date->u.date.day);
	} else {
		diag->suggestion = mc_arena_printf(r->arena,
		    "écrivez « fait_a \"%.*s\" le AAAA-MM-JJ »", (int)(to - from),
		    r->src->text + from);
	}
}

const char *
mc_hint_unknown_keyword(resolver *r, const mc_node *stmt, const char *const *known,
    size_t n)
{
	size_t from = r->d->count;
	const char *meant = synonym(mc_stmt_key(stmt));
	mc_suggester s;
	mc_diag *diag;

	for (size_t i = 0; meant != NULL; i++) {
		if (i == n)
			meant = NULL;
		else if (known[i] != NULL && strcmp(known[i], meant) == 0)
			break;
	}
	mc_suggest_init(&s, mc_stmt_key(stmt));
	for (size_t i = 0; i < n; i++)
		mc_suggest_try(&s, known[i]);
	diag = mc_diag_emit(r->d, MC_D_UNKNOWN_DECLARATION, at(r, stmt->u.stmt.head),
	    stmt_word(stmt));
	if (meant != NULL) {
		/* The line with the declaration's word: « annee 2025-2026 ». */
		const mc_node *head = stmt->u.stmt.head;
		uint32_t rest = head->end, eol = line_end(r, head->end);

		/* « act. », « obs. »: the abbreviation's point goes with it,
		 * not reported again. */
		if (rest < eol && r->src->text[rest] == '.') {
			for (size_t i = r->d->count; i-- > 0;)
				if (r->d->items[i]->span.src == r->src &&
				    r->d->items[i]->span.start == rest &&
				    mc_diag_is(r->d->items[i], MC_D_UNEXPECTED_CHAR)) {
					mc_diags_remove(r->d, i);
					from -= i < from;
				}
			rest++;
		}
		if (diag != NULL)
			diag->suggestion = mc_arena_printf(r->arena, "écrivez « %s%.*s »",
			    meant, (int)(eol - rest), r->src->text + rest);
		misread(r, mc_kw_find(meant), from);
		return meant;
	}
	mc_diag_suggest_best(r->d, diag, &s);
	if (diag != NULL && diag->suggestion == NULL)
		diag->suggestion = where_it_goes(r, stmt);
	if (diag != NULL)
		signed_at_as_said(r, stmt, diag, &from);
	/* « fait à » for « fait_a »: the letter meant that declaration. */
	if (mc_suggest_best(&s) != NULL)
		misread(r, mc_kw_find(mc_suggest_best(&s)), from);
	return NULL;
}

const mc_node *
mc_hint_joined_keyword(resolver *r, const mc_node *s, mc_kw *kw)
{
	const mc_node *w = s->u.stmt.args;
	mc_node *copy, *head;
	char *key;

	if (w == NULL || w->kind != MC_N_WORD || w->u.word.key == NULL ||
	    s->u.stmt.head->end >= w->start ||
	    memchr(r->src->text + s->u.stmt.head->end, '\n',
	    w->start - s->u.stmt.head->end) != NULL)
		return NULL;
	key = mc_arena_printf(r->arena, "%s_%s", mc_stmt_key(s), w->u.word.key);
	if (key == NULL || (*kw = mc_kw_find(key)) == MC_KW__COUNT)
		return NULL;
	copy = mc_arena_alloc(r->arena, sizeof(*copy));
	head = mc_arena_alloc(r->arena, sizeof(*head));
	if (copy == NULL || head == NULL)
		return NULL;
	*copy = *s;
	*head = *s->u.stmt.head;
	head->u.word.key = key;
	head->u.word.text = key;
	head->end = w->end;
	copy->u.stmt.head = head;
	copy->u.stmt.args = w->next;
	copy->u.stmt.nargs = s->u.stmt.nargs - 1;
	return copy;
}

void
mc_hint_joined_report(resolver *r, const mc_node *s, const mc_node *meant, size_t from)
{
	const char *t = r->src->text;
	uint32_t eol = line_end(r, s->start), rest = meant->u.stmt.head->end;
	const char *line = NULL;
	size_t on_line = 0, which = 0;
	mc_diag *diag;

	for (size_t i = from; i < r->d->count; i++)
		if (r->d->items[i]->span.src == r->src &&
		    r->d->items[i]->span.start >= s->start &&
		    r->d->items[i]->span.start < eol)
			on_line++, which = i;
	if (on_line == 1 && writes_line(r->d->items[which]->suggestion,
	    mc_stmt_key(meant))) {
		line = r->d->items[which]->suggestion;
		mc_diags_remove(r->d, which);
	}
	diag = mc_diag_emit(r->d, MC_D_KEYWORD_SPLIT,
	    mc_span_of(r->src, s->u.stmt.head->start, rest),
	    mc_arena_printf(r->arena, "%.*s", (int)(rest - s->u.stmt.head->start),
	    t + s->u.stmt.head->start), mc_stmt_key(meant));
	if (diag == NULL)
		return;
	diag->suggestion = line != NULL ? line : mc_arena_printf(r->arena,
	    "écrivez « %s%.*s »", mc_stmt_key(meant), (int)(eol - rest), t + rest);
}

void
mc_hint_not_opened(resolver *r, const mc_node *stmt)
{
	const mc_node *id = stmt->u.stmt.args;
	const char *t = r->src->text;
	mc_span where = at(r, stmt);
	uint32_t semi;
	mc_diag *diag;

	if (stmt->u.stmt.has_block || stmt->next == NULL ||
	    strcmp(mc_stmt_key(stmt->next), "activite") != 0)
		return;
	/* « mission x 24 h ; »: a « ; » typed where the « { » goes, to end
	 * the line as in C. Said there, once, with the line to write. */
	semi = stmt->end;
	while (semi < r->src->len && (t[semi] == ' ' || t[semi] == '\t'))
		semi++;
	if (semi < r->src->len && t[semi] == ';' && line_end(r, semi) == semi + 1) {
		for (size_t i = r->d->count; i-- > 0;) {
			const mc_diag *x = r->d->items[i];

			if (x->span.src == r->src && x->span.start == semi &&
			    mc_diag_is(x, MC_D_UNEXPECTED_CHAR))
				mc_diags_remove(r->d, i);
		}
		where = mc_span_of(r->src, semi, semi + 1);
	} else {
		semi = 0;
	}
	diag = mc_diag_emit(r->d, MC_D_BLOCK_NOT_OPENED, where, stmt_word(stmt),
	    id != NULL && id->kind == MC_N_WORD ? id->u.word.text : "…");
	if (diag != NULL)
		diag->suggestion = mc_arena_printf(r->arena,
		    "%sécrivez « %.*s { »", semi != 0 ? "remplacez « ; » par « { » : " : "",
		    (int)(stmt->end - stmt->start), t + stmt->start);
	r->orphans = 1;
	for (size_t i = 0; diag != NULL && i < r->d->count; i++) {
		const mc_diag *x = r->d->items[i];

		if (x->span.src == r->src && x->span.start > stmt->start &&
		    strcmp(x->code, "accolade_en_trop") == 0) {
			mc_diag_note(r->d, diag, x->span, "la « } » qui devait fermer ce bloc");
			mc_diags_remove(r->d, i);
			break;
		}
	}
}

void
mc_hint_check_indent(resolver *r, const mc_node *mission, const mc_node *s)
{
	const mc_node *next = s->next, *id = s->u.stmt.args;
	unsigned line, col, nline, ncol;
	mc_diag *diag;
	const char *act;

	if (s->u.stmt.has_block || next == NULL ||
	    strcmp(mc_stmt_key(next), "observation") != 0)
		return;
	mc_source_position(r->src, s->start, &line, &col);
	mc_source_position(r->src, next->start, &nline, &ncol);
	if (ncol <= col)
		return;
	act = mc_arena_printf(r->arena, "%s %s", stmt_word(s),
	    id != NULL && id->kind == MC_N_WORD ? id->u.word.text : "…");
	diag = mc_diag_emit(r->d, MC_D_INDENT_MISLEADS, at(r, next->u.stmt.head),
	    stmt_word(next), act, mc_arena_printf(r->arena, "%s %s",
	    stmt_word(mission), mission->u.stmt.args != NULL &&
	    mission->u.stmt.args->kind == MC_N_WORD ?
	    mission->u.stmt.args->u.word.text : "…"), act);
	if (diag != NULL)
		diag->suggestion = mc_arena_printf(r->arena,
		    "pour l’observation de l’activité, écrivez « %s { » puis « } » après l’observation",
		    act);
}

/* The line of `stmt` without the dash at [from, to) and the spaces before
 * it: « mission devoirs_faits 24 h { ». */
static const char *
without_dash(resolver *r, const mc_node *stmt, uint32_t from, uint32_t to)
{
	const char *text = r->src->text;
	uint32_t before = from, eol = line_end(r, to);

	while (before > stmt->start && (text[before - 1] == ' ' || text[before - 1] == '\t'))
		before--;
	while (to < eol && (text[to] == ' ' || text[to] == '\t'))
		to++;
	return mc_arena_printf(r->arena, "retirez le tiret : écrivez « %.*s %.*s »",
	    (int)(before - stmt->start), text + stmt->start, (int)(eol - to), text + to);
}

const mc_node *
mc_hint_title_dash(resolver *r, const mc_node *stmt)
{
	const mc_node *a = stmt->u.stmt.args;
	const char *text = r->src->text;
	mc_node *copy, *lhs, *rhs;
	mc_diag *diag;
	uint32_t dash;

	/* A long dash: the scanner said it was one; say what to write here. */
	for (size_t i = 0; a != NULL && i < r->d->count; i++) {
		const mc_diag *x = r->d->items[i];

		if (x->span.src == r->src && x->span.start >= a->end &&
		    x->span.start < line_end(r, a->end) && x->span.end == x->span.start + 3 &&
		    mc_diag_is(x, MC_D_UNEXPECTED_CHAR) &&
		    (memcmp(text + x->span.start, "\xe2\x80\x93", 3) == 0 ||
		    memcmp(text + x->span.start, "\xe2\x80\x94", 3) == 0))
			((mc_diag *)(uintptr_t)x)->suggestion =
			    without_dash(r, stmt, x->span.start, x->span.end);
	}
	if (a == NULL || a->kind != MC_N_BINARY || a->u.bin.op != MC_OP_SUB ||
	    a->u.bin.lhs->kind != MC_N_WORD ||
	    (a->u.bin.rhs->kind != MC_N_QUANTITY && a->u.bin.rhs->kind != MC_N_WORD))
		return stmt;
	lhs = mc_arena_alloc(r->arena, sizeof(*lhs));
	rhs = mc_arena_alloc(r->arena, sizeof(*rhs));
	copy = mc_arena_alloc(r->arena, sizeof(*copy));
	if (lhs == NULL || rhs == NULL || copy == NULL)
		return stmt;
	for (dash = a->u.bin.lhs->end; dash < a->u.bin.rhs->start && text[dash] != '-'; dash++)
		;
	diag = mc_diag_emit(r->d, MC_D_UNEXPECTED_CHAR, mc_span_of(r->src, dash, dash + 1), "-");
	if (diag != NULL)
		diag->suggestion = without_dash(r, stmt, dash, dash + 1);
	*lhs = *a->u.bin.lhs;
	*rhs = *a->u.bin.rhs;
	*copy = *stmt;
	lhs->next = rhs;
	rhs->next = a->next;
	copy->u.stmt.args = lhs;
	copy->u.stmt.nargs = stmt->u.stmt.nargs + 1;
	return copy;
}

int
mc_hint_split_lines(resolver *r, const mc_node *stmt)
{
	const mc_node *last = NULL;
	mc_buffer line;
	mc_diag *diag;

	for (const mc_node *s = stmt->next; s != NULL; s = s->next) {
		const char *key = mc_stmt_key(s);

		if ((strcmp(key, "uai") != 0 && strcmp(key, "commune") != 0) ||
		    s->u.stmt.has_block || s->u.stmt.nargs != 1 ||
		    s->u.stmt.args->kind != MC_N_STRING)
			break;
		last = s;
	}
	if (last == NULL)
		return 0;
	r->continued = last;
	diag = mc_diag_emit(r->d, MC_D_SPLIT_DECLARATION, at(r, stmt->u.stmt.head),
	    stmt_word(stmt), stmt_word(stmt));
	if (diag == NULL)
		return 1;
	mc_buffer_init(&line);
	mc_buffer_printf(&line, "écrivez « %.*s", (int)(stmt->end - stmt->start),
	    r->src->text + stmt->start);
	for (const mc_node *s = stmt->next; s != last->next; s = s->next)
		mc_buffer_printf(&line, " %.*s", (int)(s->end - s->start),
		    r->src->text + s->start);
	mc_buffer_printf(&line, " »");
	if (!line.failed) {
		mc_buffer_put(&line, "", 1);
		diag->suggestion = mc_arena_strdup(r->arena, line.data);
	}
	mc_buffer_free(&line);
	return 1;
}

long
mc_hint_bare_uai_on_line(const resolver *r, const mc_node *stmt)
{
	uint32_t eol = line_end(r, stmt->start);

	for (size_t i = 0; i < r->d->count; i++) {
		const mc_diag *x = r->d->items[i];

		if (x->span.src == r->src && x->span.start >= stmt->start &&
		    x->span.start < eol && mc_diag_is(x, MC_D_UAI_UNQUOTED))
			return (long)i;
	}
	return -1;
}

void
mc_hint_bare_uai_line(resolver *r, const mc_node *stmt, size_t at_uai, size_t from)
{
	const char *t = r->src->text;
	uint32_t end = line_end(r, stmt->start);
	uint32_t us, ue;
	mc_diag *d;
	mc_buffer line;
	int quoted = 0;

	for (size_t i = r->d->count; i-- > from;) {
		const mc_diag *x = r->d->items[i];

		if (x->span.src == r->src && x->span.start >= stmt->start &&
		    x->span.start < end && (mc_diag_is(x, MC_D_UNEXPECTED_COLON) ||
		    (mc_diag_is(x, MC_D_UNEXPECTED_ARGUMENT) &&
		    (x->span.end - x->span.start == 3 || x->span.end - x->span.start == 7) &&
		    (strncasecmp(t + x->span.start, "uai", 3) == 0 ||
		    strncasecmp(t + x->span.start, "commune", 7) == 0))))
			mc_diags_remove(r->d, i);
	}
	d = (mc_diag *)(uintptr_t)r->d->items[at_uai];
	us = d->span.start;
	ue = d->span.end;
	mc_buffer_init(&line);
	for (uint32_t i = stmt->start; i < end; i++) {
		if (i == us) {
			mc_buffer_printf(&line, "\"%.*s\"", (int)(ue - us), t + us);
			i = ue - 1;
			continue;
		}
		if (t[i] == '"')
			quoted = !quoted;
		if (!quoted && t[i] == ':') {
			while (line.len > 0 && (line.data[line.len - 1] == ' ' ||
			    line.data[line.len - 1] == '\t'))
				line.len--;
			if (i + 1 < end && t[i + 1] != ' ' && t[i + 1] != '\t')
				mc_buffer_put(&line, " ", 1);
			continue;
		}
		if (!quoted && (i == stmt->start || t[i - 1] == ' ' || t[i - 1] == '\t')) {
			size_t w = 0;

			while (i + w < end && t[i + w] != ' ' && t[i + w] != '\t' &&
			    t[i + w] != ':')
				w++;
			if ((w == 3 && strncasecmp(t + i, "uai", 3) == 0) ||
			    (w == 7 && strncasecmp(t + i, "commune", 7) == 0)) {
				for (size_t k = 0; k < w; k++)
					mc_buffer_printf(&line, "%c",
					    tolower((unsigned char)t[i + k]));
				i += (uint32_t)w - 1;
				continue;
			}
		}
		mc_buffer_put(&line, t + i, 1);
	}
	if (!line.failed)
		d->suggestion = mc_arena_printf(r->arena, "écrivez « %.*s »",
		    (int)line.len, line.len > 0 ? line.data : "");
	mc_buffer_free(&line);
}
