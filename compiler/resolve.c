/* resolve.c — from a letter's syntax tree to a resolved letter (letter.h):
 * the référentiel it follows, every declaration checked against the letter
 * vocabulary (letter.def), parties bound to the référentiel's roles and to
 * the corps, missions and activities to the référentiel's, signatures to the
 * parties. Each mistake is reported where it is, with a suggestion when a
 * name is misspelt; the hints for a line written as the author saw it
 * elsewhere (a printed letter, a form) are resolve_hints.c's. */
#include "resolve.h"
#include "resolve_hints.h"
#include "check.h"
#include "typo.h"

#include <ctype.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

/* mc_suggest_each reads the name at the start of each item. */
_Static_assert(offsetof(mc_role, id) == 0, "mc_role starts with its id");
_Static_assert(offsetof(mc_corps, id) == 0, "mc_corps starts with its id");
_Static_assert(offsetof(mc_mission, id) == 0, "mc_mission starts with its id");
_Static_assert(offsetof(mc_activity, id) == 0, "mc_activity starts with its id");
_Static_assert(offsetof(mc_party, name) == 0, "mc_party starts with its name");

/* Arguments: positional values, then « clé valeur » pairs. */
enum {
	K_WORD = 1, K_STRING = 2, K_QTY = 4, K_NUMBER = 8, K_DATE = 16,
	K_YEAR = 32, K_RANGE = 64
};

typedef struct arg_spec {
	const char *name;       /* NULL: positional */
	int kinds;
	int required;
	const mc_node **out;
} arg_spec;

static int
kind_bit(const mc_node *n)
{
	switch (n->kind) {
	case MC_N_WORD: return K_WORD;
	case MC_N_STRING: case MC_N_TEXT: return K_STRING;
	case MC_N_QUANTITY: return K_QTY;
	case MC_N_NUMBER: return K_NUMBER;
	case MC_N_DATE: return K_DATE;
	case MC_N_YEAR: return K_YEAR;
	case MC_N_RANGE: return K_RANGE;
	default: return 0;
	}
}

static const char *
expects(const mc_node *stmt)
{
	const char *key = mc_stmt_key(stmt);
	mc_kw kw = mc_kw_find(key);

	if (kw != MC_KW__COUNT)
		return mc_kw_table[kw].expects;
	if (strcmp(key, "observation") == 0 || strcmp(key, "accord") == 0 ||
	    strcmp(key, "condition") == 0)
		return "un seul texte, entre guillemets ou en bloc « \"\"\" … \"\"\" »";
	if (strcmp(key, "autorisation_cumul") == 0)
		return "un texte entre guillemets ou une date";
	return "d’autres valeurs";
}

static const arg_spec *
named_spec(const mc_node *a, const arg_spec *specs, size_t n)
{
	if (a->kind != MC_N_WORD)
		return NULL;
	for (size_t i = 0; i < n; i++)
		if (specs[i].name != NULL && strcmp(specs[i].name, a->u.word.key) == 0)
			return &specs[i];
	return NULL;
}

/* What the author wrote, quoted: « h/semaine » says more than a kind of
 * value. A long one is cut at a character's start. */
static const char *
quoted(resolver *r, const mc_node *a)
{
	uint32_t len = a->end - a->start, shown = len > 40 ? 40 : len;
	const char *at = r->src->text + a->start;

	/* A value from a cell of a batch (its span is the field « «heures» »
	 * in the model): the cell's value, not the field's name. */
	if (len >= 2 && (strncmp(at, "«", 2) == 0 || strncmp(at, "<<", 2) == 0)) {
		char q[64];

		if (a->kind == MC_N_WORD && a->u.word.text != NULL) {
			const char *w = a->u.word.text;
			size_t n = strlen(w), cut = n > 40 ? 40 : n;

			while (cut < n && cut > 0 && ((unsigned char)w[cut] & 0xc0) == 0x80)
				cut--;
			return mc_arena_printf(r->arena, "« %.*s%s »", (int)cut, w,
			    cut < n ? "…" : "");
		}
		if (a->kind == MC_N_NUMBER || a->kind == MC_N_QUANTITY) {
			mc_quantity_format(a->u.qty, q, sizeof(q), 0);
			return mc_arena_printf(r->arena, "« %s »", q);
		}
	}

	while (shown < len && shown > 0 &&
	    ((unsigned char)r->src->text[a->start + shown] & 0xc0) == 0x80)
		shown--;
	return mc_arena_printf(r->arena, "« %.*s%s »", (int)shown,
	    r->src->text + a->start, shown < len ? "…" : "");
}

/* « observation Le lundi, en salle B12. »: a text written without its
 * quotes, where one is expected. Its words run to the next named argument
 * (« uai »), else to the end of the line; reported once over them all, with
 * the line to write, and what the scanner said of its pieces (« . », « 17 h
 * 30 ») dropped: the quotes will make them text. 0 when `a` is not a word. */
/* Words, or words joined by « - » (« Aix-Marseille » reads as a
 * subtraction). */
static int
words_only(const mc_node *a)
{
	if (a->kind == MC_N_WORD)
		return a->u.word.text != NULL;
	return a->kind == MC_N_BINARY && a->u.bin.op == MC_OP_SUB &&
	    words_only(a->u.bin.lhs) && words_only(a->u.bin.rhs);
}

/* `line` without its « : » outside quotes (but the first when
 * `keep_first`, that of « partie NOM : »), with the spaces before each. */
static const char *
drop_colons(resolver *r, const char *line, int keep_first)
{
	size_t n = strlen(line), o = 0;
	char *out = mc_arena_alloc(r->arena, 2 * n + 1);
	int quoted = 0;

	if (out == NULL)
		return line;
	for (size_t i = 0; i < n; i++) {
		if (line[i] == '"')
			quoted = !quoted;
		if (line[i] != ':' || quoted || keep_first) {
			keep_first &= line[i] != ':' || quoted;
			out[o++] = line[i];
			continue;
		}
		while (o > 0 && (out[o - 1] == ' ' || out[o - 1] == '\t'))
			o--;
		if (i + 1 < n && line[i + 1] != ' ' && line[i + 1] != '\t')
			out[o++] = ' ';
	}
	out[o] = '\0';
	return out;
}

static int
unquoted_text(resolver *r, const mc_node *stmt, const mc_node *a,
    const arg_spec *specs, size_t n, const char *what)
{
	const char *text = r->src->text;
	const mc_node *last = a;
	const char *quote;
	uint32_t end, eol, rest = 0, open = a->start;
	mc_diag *diag;

	if (!words_only(a))
		return 0;
	while (last->next != NULL && named_spec(last->next, specs, n) == NULL)
		last = last->next;
	end = last->next != NULL ? last->end : line_end(r, last->end);
	quote = memchr(text + a->start, '"', end - a->start);
	/* « academie Aix-Marseille" »: only the opening quote forgotten, the
	 * closing one read as a text not closed. */
	if (quote != NULL && (quote != text + end - 1 || last->kind != MC_N_STRING ||
	    last->start != end - 1))
		return 0;   /* quotes there already: another mistake */
	for (size_t i = r->d->count; i-- > 0;) {
		const mc_diag *x = r->d->items[i];

		if (x->span.src == r->src && x->span.start >= a->start && x->span.start < end)
			mc_diags_remove(r->d, i);
	}
	/* « 'Formateur … 2022." »: opened by an apostrophe, said with it. */
	if (quote != NULL && a->start > stmt->start && text[a->start - 1] == '\'') {
		for (size_t i = r->d->count; i-- > 0;)
			if (r->d->items[i]->span.src == r->src &&
			    r->d->items[i]->span.start == a->start - 1)
				mc_diags_remove(r->d, i);
		open = a->start - 1;
	}
	if (quote != NULL) {
		rest = end;
		end = last->start;
		while (end > a->end && (text[end - 1] == ' ' || text[end - 1] == '\t'))
			end--;
	}
	diag = mc_diag_emit(r->d, MC_D_TEXT_UNQUOTED, mc_span_of(r->src, a->start, end),
	    what != NULL ? what : stmt_word(stmt));
	if (diag == NULL)
		return 1;
	/* The whole line, the text quoted: « partie p : enseignant "Mme Léa
	 * Moreau" corps certifie ». */
	eol = line_end(r, end);
	if (rest == 0)
		rest = end;
	diag->suggestion = mc_arena_printf(r->arena, "%.*s\"%.*s\"%.*s",
	    (int)(open - stmt->start), text + stmt->start,
	    (int)(end - a->start), text + a->start, (int)(eol - rest), text + rest);
	/* « academie : Aix-Marseille »: the « : » in the same line to write,
	 * and not reported on its own. */
	if (stmt->u.stmt.has_colon) {
		for (size_t i = r->d->count; i-- > 0;) {
			const mc_diag *x = r->d->items[i];

			if (x->span.src == r->src && x->span.start >= stmt->start &&
			    x->span.start < eol && mc_diag_is(x, MC_D_UNEXPECTED_COLON))
				mc_diags_remove(r->d, i);
		}
		diag->suggestion = drop_colons(r, diag->suggestion,
		    strcmp(mc_stmt_key(stmt), "partie") == 0);
	}
	diag->suggestion = mc_arena_printf(r->arena, "écrivez « %s »", diag->suggestion);
	return 1;
}

/* The month a word names (« septembre », « Septembre »), or 0. */
static int
month_word(const mc_node *w)
{
	char key[16];
	size_t n;

	if (w->kind != MC_N_WORD || (n = strlen(w->u.word.key)) >= sizeof(key))
		return 0;
	for (size_t i = 0; i <= n; i++)
		key[i] = (char)tolower((unsigned char)w->u.word.key[i]);
	return mc_month_of(key);
}

/* « le 26 septembre »: a date in words without its year. Said with the
 * date to complete; 0 when `v` is not a day followed by a month. */
static int
day_month(resolver *r, const mc_node *a, const mc_node *v)
{
	int64_t day = v->kind == MC_N_NUMBER ? v->u.qty.milli : 0;
	const mc_node *m = v->next;
	int month;
	mc_diag *diag;

	if (day % 1000 != 0 || day < 1000 || day > 31000 || m == NULL ||
	    (month = month_word(m)) == 0)
		return 0;
	diag = mc_diag_emit(r->d, MC_D_DATE_EXPECTED, mc_span_of(r->src, v->start, m->end),
	    a->u.word.text, "une date avec son année (AAAA-MM-JJ)");
	if (diag != NULL)
		diag->suggestion = mc_arena_printf(r->arena,
		    "ajoutez l’année : « %s AAAA-%02d-%02d »",
		    a->u.word.text, month, (int)(day / 1000));
	return 1;
}

/* « le septembre 2025 »: a month and its year, the day left out. Said with
 * the date to write, the 1st of that month for an example; 0 when `v` is
 * not a month followed by a year. */
static int
month_year(resolver *r, const mc_node *a, const mc_node *v)
{
	const mc_node *y = v->next;
	int month;
	mc_diag *diag;

	if (y == NULL || y->kind != MC_N_NUMBER ||
	    y->u.qty.milli % 1000 != 0 || y->u.qty.milli < 1990000 ||
	    y->u.qty.milli > 2100000 || (month = month_word(v)) == 0)
		return 0;
	diag = mc_diag_emit(r->d, MC_D_DATE_EXPECTED, mc_span_of(r->src, v->start, y->end),
	    a->u.word.text, "une date avec son jour (AAAA-MM-JJ)");
	if (diag != NULL)
		diag->suggestion = mc_arena_printf(r->arena,
		    "ajoutez le jour, par exemple « %s %d-%02d-01 » pour le 1er du mois",
		    a->u.word.text, (int)(y->u.qty.milli / 1000), month);
	return 1;
}

/* What to write instead of an argument `a` that is not expected, when it
 * is plain: « UAI » for « uai », « annee 2025 » or « annee scolaire
 * 2025-2026 » for « annee 2025-2026 ». */
static void
suggest_fix(resolver *r, mc_diag *diag, const mc_node *stmt,
    const mc_node *a, const arg_spec *specs, size_t n)
{
	if (diag == NULL || diag->suggestion != NULL)
		return;
	if (a->kind == MC_N_WORD) {
		for (size_t i = 0; i < n; i++)
			if (specs[i].name != NULL && strcasecmp(specs[i].name, a->u.word.key) == 0) {
				diag->suggestion = mc_arena_printf(r->arena,
				    "les mots d’une lettre s’écrivent en minuscules : « %s »",
				    specs[i].name);
				return;
			}
	}
	if (strcmp(mc_stmt_key(stmt), "annee") != 0)
		return;
	if (a->kind == MC_N_WORD && strcmp(a->u.word.key, "scolaire") == 0 &&
	    a->next != NULL && a->next->kind == MC_N_YEAR) {
		/* « annee scolaire 2025 - 2026 »: the year as it is written,
		 * and its own error said with this one. */
		for (size_t i = r->d->count; i-- > 0;) {
			const mc_diag *x = r->d->items[i];

			if (x->span.src == r->src && x->span.start == a->next->start &&
			    mc_diag_is(x, MC_D_SCHOOL_YEAR_FORMAT))
				mc_diags_remove(r->d, i);
		}
		diag->suggestion = mc_arena_printf(r->arena, "écrivez « annee %d-%d »",
		    a->next->u.year, a->next->u.year + 1);
	}
	else if (a->kind == MC_N_NUMBER && a->u.qty.milli % 1000 == 0 &&
	    a->u.qty.milli >= 1990000 && a->u.qty.milli <= 2100000)
		diag->suggestion = mc_arena_printf(r->arena,
		    "une année scolaire court sur deux années civiles : écrivez « annee %d-%d »",
		    (int)(a->u.qty.milli / 1000), (int)(a->u.qty.milli / 1000) + 1);
}

/* Binds the arguments of `list` to specs; returns 0 after a diagnostic. */
static int
take_args(resolver *r, const mc_node *stmt, const mc_node *list,
    const arg_spec *specs, size_t n)
{
	size_t pos = 0;
	int ok = 1;

	for (size_t i = 0; i < n; i++)
		*specs[i].out = NULL;
	for (const mc_node *a = list; a != NULL; a = a->next) {
		const arg_spec *s = named_spec(a, specs, n);

		if (s != NULL) {
			const mc_node *v = a->next;

			if (v != NULL && v->kind == MC_N_BLANK) {
				mc_diag_emit(r->d, MC_D_BLANK_VALUE, at(r, v), a->u.word.text,
				    s->kinds & K_STRING ? "un texte entre guillemets" :
				    s->kinds & K_DATE ? "une date (AAAA-MM-JJ)" : "une valeur");
				return 0;
			}
			if (v == NULL || !(kind_bit(v) & s->kinds) ||
			    named_spec(v, specs, n) != NULL) {
				/* At the value of the wrong kind, when there is one
				 * (« le 45901 »: a lot names its column). */
				int wrong = v != NULL && named_spec(v, specs, n) == NULL;

				if ((s->kinds & K_DATE) && wrong &&
				    (day_month(r, a, v) || month_year(r, a, v)))
					return 0;
				/* « discipline Mathématiques »: the text without
				 * its quotes, said with the line to write. */
				if ((s->kinds & K_STRING) && wrong &&
				    unquoted_text(r, stmt, v, specs, n, a->u.word.text))
					return 0;
				mc_diag_emit(r->d, s->kinds & K_DATE ? MC_D_DATE_EXPECTED :
				    MC_D_MISSING_ARGUMENT, at(r, wrong ? v : a),
				    a->u.word.text, s->kinds & K_STRING ?
				    "un texte entre guillemets" : s->kinds & K_DATE ?
				    "une date (AAAA-MM-JJ)" : "une valeur");
				return 0;
			}
			if (*s->out != NULL) {
				mc_diag *diag = mc_diag_emit(r->d, MC_D_DUPLICATE_DECLARATION,
				    at(r, a), a->u.word.text);

				mc_diag_note(r->d, diag, at(r, *s->out), "première valeur");
				ok = 0;
			}
			*s->out = v;
			a = v;
			continue;
		}
		while (pos < n && specs[pos].name != NULL)
			pos++;
		if (pos < n && specs[pos].name == NULL && a->kind == MC_N_BLANK) {
			/* A skeleton's blank: say what goes there, and read no further. */
			mc_diag_emit(r->d, MC_D_BLANK_VALUE, at(r, a), stmt_word(stmt),
			    expects(stmt));
			return 0;
		}
		if (pos < n && specs[pos].name == NULL && (kind_bit(a) & specs[pos].kinds)) {
			*specs[pos++].out = a;
			continue;
		}
		if (pos < n && specs[pos].name == NULL && specs[pos].kinds == K_STRING &&
		    unquoted_text(r, stmt, a, specs, n, NULL))
			return 0;
		if (pos < n && specs[pos].name == NULL && (specs[pos].kinds & K_DATE) &&
		    a == list)
			/* « autorisation_cumul 45926 »: a date (or a text) refused. */
			mc_diag_emit(r->d, MC_D_DATE_EXPECTED, at(r, a), stmt_word(stmt),
			    mc_arena_printf(r->arena, "%s, pas %s", expects(stmt),
			    quoted(r, a)));
		else
			suggest_fix(r, mc_diag_emit(r->d, MC_D_UNEXPECTED_ARGUMENT,
			    at(r, a), stmt_word(stmt), mc_arena_printf(r->arena,
			    "%s ; « %s » attend %s", quoted(r, a), stmt_word(stmt),
			    expects(stmt))), stmt, a, specs, n);
		return 0;
	}
	for (size_t i = 0; i < n; i++)
		if (specs[i].required && *specs[i].out == NULL) {
			mc_diag_emit(r->d, MC_D_MISSING_ARGUMENT, at(r, stmt->u.stmt.head),
			    stmt_word(stmt), expects(stmt));
			return 0;
		}
	return ok;
}

/* Adds to `diag` the nearest name of an array whose items begin with it. */
static void
suggest_among(resolver *r, mc_diag *diag, const char *word, const void *items,
    size_t n, size_t stride)
{
	mc_suggester s;

	mc_suggest_init(&s, word);
	mc_suggest_each(&s, items, n, stride);
	mc_diag_suggest_best(r->d, diag, &s);
}

static void
no_block(resolver *r, const mc_node *stmt)
{
	if (stmt->u.stmt.has_block)
		mc_diag_emit(r->d, MC_D_UNEXPECTED_BLOCK, at(r, stmt->u.stmt.head),
		    stmt_word(stmt));
}

static void
check_text(resolver *r, const mc_node *stmt, const mc_node *text)
{
	for (size_t i = 0; i < text->u.str.len; i++) {
		char c = text->u.str.text[i];

		if (c != ' ' && c != '\n' && c != '\t')
			return;
	}
	mc_diag_emit(r->d, MC_D_EMPTY_TEXT, at(r, text), stmt_word(stmt));
}

/* UAI: seven digits and the letter « ABCDEFGHJKLMNPRSTUVWXYZ »[number mod 23]. */
static void
check_uai(resolver *r, const mc_node *n)
{
	static const char keys[] = "ABCDEFGHJKLMNPRSTUVWXYZ";
	const char *s = n->u.str.text;
	long number = 0;
	char want, got;

	if (n->u.str.len != 8) {
		mc_diag *diag = mc_diag_emit(r->d, MC_D_BAD_UAI, at(r, n), s);
		char compact[9];
		size_t k = 0;

		/* « 013 0050 J », « 0130050-J »: the eight characters, apart. */
		for (size_t i = 0; i < n->u.str.len && k < 9; i++)
			if (s[i] != ' ' && s[i] != '-' && s[i] != '.')
				compact[k++] = s[i];
		if (diag != NULL && k == 8) {
			compact[8] = '\0';
			diag->suggestion = mc_arena_printf(r->arena,
			    "un UAI s’écrit d’un seul tenant : écrivez \"%s\"", compact);
		}
		return;
	}
	for (int i = 0; i < 7; i++) {
		if (s[i] < '0' || s[i] > '9') {
			mc_diag_emit(r->d, MC_D_BAD_UAI, at(r, n), s);
			return;
		}
		number = number * 10 + (s[i] - '0');
	}
	got = s[7];
	if (got >= 'a' && got <= 'z')
		got = (char)(got - 'a' + 'A');
	if (got < 'A' || got > 'Z') {
		mc_diag_emit(r->d, MC_D_BAD_UAI, at(r, n), s);
		return;
	}
	want = keys[number % 23];
	if (got != want)
		mc_diag_emit(r->d, MC_D_UAI_KEY, at(r, n), s, s, want, s[7]);
}

/* « periode 2025-2026 à 2027-2028 »: read as the range it means, with one
 * error giving the « .. » to write. */
/* Whether a long dash (« – », « — ») stands between two values. */
static int
dash_between(const resolver *r, const mc_node *a, const mc_node *b)
{
	const char *t = r->src->text;

	for (uint32_t i = a->end; i + 3 <= b->start; i++)
		if (memcmp(t + i, "\xe2\x80\x93", 3) == 0 || memcmp(t + i, "\xe2\x80\x94", 3) == 0)
			return 1;
	return 0;
}

static int
loose_range(resolver *r, const mc_node *stmt, const mc_node **out)
{
	const mc_node *a = stmt->u.stmt.args, *sep = a ? a->next : NULL;
	const mc_node *b = sep ? sep->next : NULL;
	mc_node *range, *lo, *hi;
	int report = 1;

	if (a != NULL && sep == NULL && a->kind == MC_N_BINARY &&
	    a->u.bin.op == MC_OP_SUB && a->u.bin.lhs != NULL && a->u.bin.rhs != NULL) {
		/* « 2025-2026 - 2027-2028 »: a hyphen between the bounds. */
		b = a->u.bin.rhs;
		a = a->u.bin.lhs;
	} else if (sep != NULL && b == NULL && sep->kind == a->kind &&
	    dash_between(r, a, sep)) {
		/* « 2025-2026 — 2027-2028 »: the long dash is reported already
		 * (caractere_inattendu, with the fix); the range is read. */
		b = sep;
		report = 0;
	} else if (b == NULL || b->next != NULL || sep->kind != MC_N_WORD ||
	    !(mc_word_is(sep, "a") || mc_word_is(sep, "au") || mc_word_is(sep, "jusqu"))) {
		return 0;
	}
	if (a->kind != b->kind || (a->kind != MC_N_YEAR && a->kind != MC_N_DATE))
		return 0;
	range = mc_node_new(r->arena, MC_N_RANGE, a->start, b->end);
	lo = mc_node_new(r->arena, a->kind, a->start, a->end);
	hi = mc_node_new(r->arena, b->kind, b->start, b->end);
	if (range == NULL || lo == NULL || hi == NULL)
		return 0;
	lo->u = a->u;
	hi->u = b->u;
	range->u.range.lo = lo;
	range->u.range.hi = hi;
	*out = range;
	if (!report)
		return 1;
	mc_diag_emit(r->d, MC_D_PERIOD_SEPARATOR, mc_span_of(r->src, a->start, b->end),
	    mc_arena_printf(r->arena, "%.*s", (int)(b->end - a->start),
	    r->src->text + a->start), stmt_word(stmt),
	    mc_arena_printf(r->arena, "%.*s", (int)(a->end - a->start), r->src->text + a->start),
	    mc_arena_printf(r->arena, "%.*s", (int)(b->end - b->start), r->src->text + b->start));
	*out = range;
	return 1;
}

static void
resolve_period(resolver *r, const mc_node *stmt, mc_kw kw)
{
	const mc_node *v;
	arg_spec spec[] = { { NULL, kw == MC_KW_ANNEE ? K_YEAR : K_YEAR | K_RANGE, 1, &v } };
	mc_letter *l = r->l;
	int first, last;

	no_block(r, stmt);
	mc_hint_no_colon(r, stmt);
	if (!loose_range(r, stmt, &v) &&
	    !take_args(r, stmt, stmt->u.stmt.args, spec, 1))
		return;
	if (v->kind == MC_N_YEAR) {
		first = last = v->u.year;
	} else {
		const mc_node *lo = v->u.range.lo, *hi = v->u.range.hi;

		if (lo->kind == MC_N_YEAR && hi->kind == MC_N_YEAR) {
			first = lo->u.year;
			last = hi->u.year;
		} else if (lo->kind == MC_N_DATE && hi->kind == MC_N_DATE) {
			/* A school year starts with the rentrée: a period that begins in
			 * August is for the coming year; one that ends in August closes
			 * the year just finished. */
			first = lo->u.date.month >= 8 ? lo->u.date.year : lo->u.date.year - 1;
			last = hi->u.date.month >= 9 ? hi->u.date.year : hi->u.date.year - 1;
			if (hi->u.date.year * 10000 + hi->u.date.month * 100 + hi->u.date.day <
			    lo->u.date.year * 10000 + lo->u.date.month * 100 + lo->u.date.day)
				last = first - 1;
		} else if (lo->kind == MC_N_DATE || hi->kind == MC_N_DATE) {
			/* « 2025-09-01 .. 45926 »: the other end must be a date too. */
			mc_diag_emit(r->d, MC_D_DATE_EXPECTED,
			    at(r, lo->kind == MC_N_DATE ? hi : lo), stmt_word(stmt),
			    "une date à chaque borne (ex. « periode 2025-09-01 .. 2026-06-30 »)");
			return;
		} else {
			mc_diag_emit(r->d, MC_D_MISSING_ARGUMENT, at(r, v), stmt_word(stmt),
			    mc_kw_table[kw].expects);
			return;
		}
		if (last < first) {
			char a[32], b[32];

			snprintf(a, sizeof(a), "%.*s", (int)(hi->end - hi->start),
			    r->src->text + hi->start);
			snprintf(b, sizeof(b), "%.*s", (int)(lo->end - lo->start),
			    r->src->text + lo->start);
			mc_diag_emit(r->d, MC_D_PERIOD_REVERSED, at(r, v), a, b);
			return;
		}
	}
	l->has_period = 1;
	l->first_year = first;
	l->last_year = last;
	l->period = v;
}

/* A letter is signed before or during its period: from the 1st of January
 * of its rentrée's year (the rentrée is prepared in spring) to the period's
 * last day. Outside, the year is mistyped (2052 for 2025). */
static void
check_signing_date(resolver *r)
{
	const mc_letter *l = r->l;
	const mc_node *v = l->period;
	long on, from, to;

	if (r->signed_node == NULL || !l->has_period || v == NULL)
		return;
	/* A date already reported (« 2025-02-30 », read as a stand-in): one
	 * fault, one message. */
	for (size_t i = 0; i < r->d->count; i++)
		if (r->d->items[i]->span.start == r->signed_node->start &&
		    r->d->items[i]->span.src == r->src)
			return;
	on = (long)l->signed_on.year * 10000 + l->signed_on.month * 100 +
	    l->signed_on.day;
	from = (long)l->first_year * 10000 + 101;
	to = ((long)l->last_year + 1) * 10000 + 831;
	if (v->kind == MC_N_RANGE && v->u.range.hi->kind == MC_N_DATE) {
		const mc_date *hi = &v->u.range.hi->u.date;

		to = (long)hi->year * 10000 + hi->month * 100 + hi->day;
	}
	if (on >= from && on <= to)
		return;
	{
		const mc_node *d = r->signed_node;
		mc_diag *diag = mc_diag_emit(r->d, MC_D_SIGNED_OUTSIDE_PERIOD, at(r, d),
		    mc_arena_printf(r->arena, "%.*s", (int)(d->end - d->start),
		    r->src->text + d->start), on < from ? "bien avant" : "après",
		    mc_arena_printf(r->arena, "%.*s", (int)(v->end - v->start),
		    r->src->text + v->start));

		mc_diag_note(r->d, diag, at(r, v), "la période de la lettre");
	}
}

/* A party whose line has an error (reported): its name is still declared,
 * with its role when it was read, so that « signatures agent » and « bilan
 * agent » do not fail too. One fault, one message. */
static void
keep_party_name(resolver *r, const mc_node *stmt, const mc_node *name,
    const mc_node *role)
{
	mc_letter *l = r->l;
	mc_party *p;

	if (mc_letter_party(l, name->u.word.key) != NULL)
		return;
	p = &l->parties[l->nparties++];
	memset(p, 0, sizeof(*p));
	p->name = name->u.word.key;
	mc_letter_party_add(l);
	p->person = "…";
	p->stmt = stmt;
	if (role != NULL && l->ref != NULL)
		p->role = mc_ref_role(l->ref, role->u.word.key);
}

/* « Mme. Amina Kaci », « Mr Paul Martin »: the letter would print it so. */
static void
check_civilite(resolver *r, const mc_node *person)
{
	size_t written = 0;
	const char *fix = mc_civilite_fix(person->u.str.text, &written);

	if (fix != NULL)
		mc_diag_emit(r->d, MC_D_CIVILITE_SPELLING, at(r, person),
		    mc_arena_printf(r->arena, "%.*s", (int)written,
		    person->u.str.text + strspn(person->u.str.text, " \t")), fix);
}

static void
resolve_party(resolver *r, const mc_node *stmt)
{
	const mc_node *name, *role, *person, *corps, *discipline, *gender = NULL;
	arg_spec head[] = { { NULL, K_WORD, 1, &name } };
	arg_spec tail[] = {
		{ NULL, K_WORD, 1, &role }, { NULL, K_STRING, 1, &person },
		{ "corps", K_WORD, 0, &corps }, { "discipline", K_STRING, 0, &discipline },
		{ "genre", K_WORD, 0, &gender },
	};
	mc_letter *l = r->l;
	mc_party *p;

	const mc_node *tail_args = stmt->u.stmt.tail;

	no_block(r, stmt);
	mc_hint_extra_colons(r, stmt);
	if (!stmt->u.stmt.has_colon) {
		const mc_node *first = stmt->u.stmt.args;

		mc_diag *diag = mc_diag_emit(r->d, MC_D_MISSING_COLON,
		    at(r, first ? first : stmt),
		    first && first->kind == MC_N_WORD ? first->u.word.text : "NOM");

		/* « partie drane drane "…" »: the line with its « : ». */
		if (diag != NULL && first != NULL && first->kind == MC_N_WORD &&
		    first->next != NULL && first->next->kind == MC_N_WORD)
			diag->suggestion = mc_arena_printf(r->arena, "écrivez « %.*s : %.*s »",
			    (int)(first->end - stmt->start), r->src->text + stmt->start,
			    (int)(line_end(r, first->next->start) - first->next->start),
			    r->src->text + first->next->start);
		/* « partie chef chef_etablissement "…" »: read it as meant, so that
		 * the signatures naming « chef » do not fail too. */
		if (first == NULL || first->kind != MC_N_WORD || first->next == NULL)
			return;
		name = first;
		tail_args = first->next;
	} else if (!take_args(r, stmt, stmt->u.stmt.args, head, 1)) {
		return;
	}
	if (stmt->u.stmt.ntail >= 2 && stmt->u.stmt.tail->kind == MC_N_WORD &&
	    stmt->u.stmt.tail->next->kind == MC_N_BLANK) {
		/* A skeleton's party: the name is still to write, the role is known. */
		mc_diag_emit(r->d, MC_D_BLANK_VALUE, at(r, stmt->u.stmt.tail->next),
		    "partie", "le nom de la personne entre guillemets (ex. \"M. Paul Martin\")");
		role = stmt->u.stmt.tail;
		person = NULL;
		corps = NULL;
	} else if (!take_args(r, stmt, tail_args, tail, 5)) {
		keep_party_name(r, stmt, name, role);
		return;
	}
	{
		const mc_party *prev = mc_letter_party(l, name->u.word.key);

		if (prev != NULL) {
			mc_diag *diag = mc_diag_emit(r->d, MC_D_DUPLICATE_PARTY,
			    at(r, name), name->u.word.text);

			mc_diag_note(r->d, diag, at(r, prev->stmt), "première déclaration");
			return;
		}
	}
	p = &l->parties[l->nparties++];
	p->corps_node = corps;
	p->name = name->u.word.key;
	mc_letter_party_add(l);
	p->person = person != NULL ? person->u.str.text : "…";
	p->stmt = stmt;
	/* The letter agrees with the person: « genre » when the name has no
	 * civilité (« Claire Durand »), else « Mme », « M. »… */
	p->gender = mc_civilite_gender(p->person);
	if (gender != NULL) {
		mc_gender said = mc_word_is(gender, "feminin") ? MC_G_FEM :
		    mc_word_is(gender, "masculin") ? MC_G_MASC : MC_G_UNKNOWN;

		if (said == MC_G_UNKNOWN) {
			mc_diag_emit(r->d, MC_D_MISSING_ARGUMENT, at(r, gender), "genre",
			    "« feminin » ou « masculin »");
		} else if (p->gender != MC_G_UNKNOWN && p->gender != said) {
			/* « "Mme Claire Durand" genre masculin »: one of them is
			 * wrong, and the letter cannot guess which. */
			mc_diag_emit(r->d, MC_D_GENDER_CONFLICT, at(r, gender),
			    gender->u.word.text, mc_civilite_of(p->person),
			    name->u.word.text);
		} else {
			p->gender = said;
		}
	}
	if (person != NULL && !mc_person_named(person->u.str.text))
		mc_diag_emit(r->d, MC_D_UNNAMED_PARTY, at(r, person),
		    name->u.word.text);
	else if (person != NULL)
		check_civilite(r, person);
	if (l->ref != NULL) {
		p->role = mc_ref_role(l->ref, role->u.word.key);
		if (p->role == NULL) {
			mc_diag *diag;

			diag = mc_diag_emit(r->d, MC_D_UNKNOWN_ROLE, at(r, role),
			    role->u.word.text, l->ref->name);
			suggest_among(r, diag, role->u.word.key, l->ref->roles,
			    l->ref->nroles, sizeof(*l->ref->roles));
			/* No near name: list the roles the letter can use. */
			if (diag != NULL && diag->suggestion == NULL) {
				char list[512];
				size_t o = 0;

				for (size_t i = 0; i < l->ref->nroles && o < sizeof(list); i++)
					o += (size_t)snprintf(list + o, sizeof(list) - o, "%s%s",
					    i ? ", " : "", l->ref->roles[i].id);
				diag->suggestion = mc_arena_printf(r->arena,
				    "rôles du référentiel : %s", list);
			}
		}
	}
	if (p->role != NULL && l->ref->holder != NULL &&
	    strcmp(p->role->id, l->ref->holder) == 0) {
		/* The letter's text (its title, « le référent », the agreements)
		 * speaks of one holder: a second would be named in the list of
		 * the parties only. */
		const mc_party *first = mc_letter_party_with_role(l, p->role->id);

		if (first != p) {
			mc_diag *diag = mc_diag_emit(r->d, MC_D_SECOND_HOLDER,
			    at(r, role), name->u.word.text, first->name, p->role->id);

			mc_diag_note(r->d, diag, at(r, first->stmt),
			    "la première partie de ce rôle");
		}
	}
	if (corps != NULL && l->ref != NULL) {
		const mc_commons *c = l->ref->commons;

		p->corps = mc_commons_corps(c, corps->u.word.key);
		if (p->corps == NULL) {
			mc_diag *diag;

			diag = mc_diag_emit(r->d, MC_D_UNKNOWN_CORPS, at(r, corps),
			    corps->u.word.text);
			suggest_among(r, diag, corps->u.word.key, c->corps, c->ncorps,
			    sizeof(*c->corps));
			/* No near name: the corps a party can have. */
			if (diag != NULL && diag->suggestion == NULL) {
				char list[512];
				size_t o = 0;

				for (size_t i = 0; i < c->ncorps && o < sizeof(list); i++)
					o += (size_t)snprintf(list + o, sizeof(list) - o, "%s%s",
					    i ? ", " : "", c->corps[i].id);
				diag->suggestion = mc_arena_printf(r->arena,
				    "corps connus : %s (« missionc lister corps » les décrit)", list);
			}
		}
	}
}

static const mc_party *
party_ref(resolver *r, const mc_node *name)
{
	const mc_party *p = mc_letter_party(r->l, name->u.word.key);

	if (p == NULL) {
		mc_diag *diag;

		const mc_party *by_role = mc_letter_party_with_role(r->l, name->u.word.key);

		/* « signatures ddfpt » for the party whose role is ddfpt. */
		if (by_role != NULL) {
			diag = mc_diag_emit(r->d, MC_D_ROLE_AS_PARTY, at(r, name),
			    name->u.word.text, by_role->name);
			mc_diag_note(r->d, diag, at(r, by_role->stmt),
			    "la partie « %s » a le rôle « %s »", by_role->name,
			    name->u.word.text);
			return NULL;
		}
		diag = mc_diag_emit(r->d, MC_D_UNKNOWN_PARTY, at(r, name),
		    name->u.word.text, name->u.word.text);
		suggest_among(r, diag, name->u.word.key, r->l->parties,
		    r->l->nparties, sizeof(*r->l->parties));
	}
	return p;
}

/* Whether `word` (3 letters or more, not a civilité) is in `person`, case
 * and accents as written. */
static int
names_person(const char *word, const char *person)
{
	size_t n = strlen(word);

	if (n < 3 || strcasecmp(word, "Mme") == 0 || strcasecmp(word, "Mlle") == 0 ||
	    strcasecmp(word, "Madame") == 0 || strcasecmp(word, "Monsieur") == 0)
		return 0;
	for (const char *s = person; *s != '\0'; s++)
		if (strncasecmp(s, word, n) == 0)
			return 1;
	return 0;
}

/* A group of a list of parties runs to the next « , »: the node after it
 * (NULL at the end), *last its own last node. */
static const mc_node *
group_end(const char *text, const mc_node *g, const mc_node **last)
{
	const mc_node *end = g->next;

	for (*last = g; end != NULL &&
	    memchr(text + (*last)->end, ',', end->start - (*last)->end) == NULL;
	    *last = end, end = end->next)
		;
	return end;
}

/* The party of the words [first, end) (a party's name, or words of a
 * person's name, « Mme Ferrand »); *by_person says which. */
static const mc_party *
group_party(resolver *r, const mc_node *first, const mc_node *end, int *by_person)
{
	*by_person = 0;
	if (first->next == end && first->kind == MC_N_WORD &&
	    mc_letter_party(r->l, first->u.word.key) != NULL)
		return mc_letter_party(r->l, first->u.word.key);
	for (const mc_node *a = first; a != end; a = a->next)
		for (size_t i = 0; i < r->l->nparties; i++) {
			const mc_party *q = &r->l->parties[i];

			if (q->person != NULL && ((a->kind == MC_N_WORD &&
			    names_person(a->u.word.text, q->person)) ||
			    (a->kind == MC_N_STRING && names_person(a->u.str.text, q->person)))) {
				*by_person = 1;
				return q;
			}
		}
	return NULL;
}

/* « bilan Mme Ferrand », « signatures Mme Ferrand, Mme Moreau »: the persons
 * of parties, for the parties. One error at the first, with the line to
 * write; the signatures taken as meant. 1 when so, 0 when a value is
 * neither a party nor a person (the caller reports it). */
static int
person_as_party(resolver *r, const mc_node *stmt, int sign)
{
	const char *text = r->src->text;
	const mc_node *first = stmt->u.stmt.args, *last = NULL;
	const mc_node *shown = NULL, *shown_end = NULL;
	const mc_party *meant = NULL;
	mc_buffer line;
	mc_diag *diag;
	int persons = 0;

	if (first == NULL)
		return 0;
	mc_buffer_init(&line);
	mc_buffer_put(&line, text + stmt->start, first->start - stmt->start);
	for (const mc_node *g = first; g != NULL;) {
		const mc_node *end = group_end(text, g, &last);
		const mc_party *p;
		int by_person;

		p = group_party(r, g, end, &by_person);
		if (p == NULL) {
			mc_buffer_free(&line);
			return 0;
		}
		if (by_person && persons++ == 0) {
			shown = g;
			shown_end = last;
			meant = p;
		}
		mc_buffer_printf(&line, "%s%s", g == first ? "" : ", ", p->name);
		g = end;
	}
	if (persons == 0) {
		mc_buffer_free(&line);
		return 0;
	}
	/* The signatures as meant: the rules on them are judged. */
	for (const mc_node *g = first; sign && g != NULL;) {
		const mc_node *end = group_end(text, g, &last);
		const mc_party *p;
		int by_person;

		p = group_party(r, g, end, &by_person);
		if (p != NULL && p->signature == NULL)
			((mc_party *)(uintptr_t)p)->signature = g;
		g = end;
	}
	mc_buffer_put(&line, text + last->end, line_end(r, last->end) - last->end);
	diag = mc_diag_emit(r->d, MC_D_PERSON_AS_PARTY,
	    mc_span_of(r->src, shown->start, shown_end->end),
	    shown == shown_end && shown->kind == MC_N_STRING ? shown->u.str.text :
	    mc_arena_printf(r->arena, "%.*s", (int)(shown_end->end - shown->start),
	    text + shown->start), meant->name, stmt_word(stmt));
	if (diag != NULL && !line.failed)
		diag->suggestion = mc_arena_printf(r->arena, "écrivez « %.*s »",
		    (int)line.len, line.data);
	mc_buffer_free(&line);
	/* « M. Julien Roux »: the civilité's point goes with the person. */
	for (size_t i = r->d->count; diag != NULL && i-- > 0;) {
		const mc_diag *x = r->d->items[i];

		if (x->span.src == r->src && x->span.start > first->start &&
		    x->span.start < last->end && text[x->span.start] == '.' &&
		    mc_diag_is(x, MC_D_UNEXPECTED_CHAR))
			mc_diags_remove(r->d, i);
	}
	return 1;
}

/* « chef et agent »: names joined by « et », read as a conjunction. */
static int
and_of_words(const mc_node *a)
{
	if (a->kind == MC_N_WORD)
		return a->u.word.text != NULL;
	return a->kind == MC_N_BINARY && a->u.bin.op == MC_OP_AND &&
	    and_of_words(a->u.bin.lhs) && and_of_words(a->u.bin.rhs);
}

static void
put_and_words(mc_buffer *b, const mc_node *a, int *first)
{
	if (a->kind == MC_N_WORD) {
		mc_buffer_printf(b, "%s%s", *first ? "" : ", ", a->u.word.text);
		*first = 0;
		return;
	}
	put_and_words(b, a->u.bin.lhs, first);
	put_and_words(b, a->u.bin.rhs, first);
}

static void sign(resolver *r, const mc_node *a);

static void
sign_and_words(resolver *r, const mc_node *a)
{
	if (a->kind == MC_N_WORD) {
		sign(r, a);
		return;
	}
	sign_and_words(r, a->u.bin.lhs);
	sign_and_words(r, a->u.bin.rhs);
}

/* « signatures chef et agent », as one says it: one error, with the line
 * to write, the names separated by commas; the parties still sign, so
 * that no rule asks for their signatures too. */
static void
signatures_with_and(resolver *r, const mc_node *stmt, const mc_node *a)
{
	mc_diag *diag = mc_diag_emit(r->d, MC_D_UNEXPECTED_ARGUMENT, at(r, a),
	    stmt_word(stmt), mc_arena_printf(r->arena,
	    "%s ; « signatures » attend %s", quoted(r, a), expects(stmt)));
	mc_buffer line;
	int first = 1;

	mc_buffer_init(&line);
	mc_buffer_puts(&line, "écrivez « signatures ");
	for (const mc_node *x = stmt->u.stmt.args; x != NULL; x = x->next) {
		if (x->kind == MC_N_WORD || and_of_words(x)) {
			put_and_words(&line, x, &first);
			continue;
		}
		mc_buffer_printf(&line, "%s%.*s", first ? "" : ", ",
		    (int)(x->end - x->start), r->src->text + x->start);
		first = 0;
	}
	mc_buffer_puts(&line, " »");
	if (diag != NULL && !line.failed) {
		mc_buffer_put(&line, "", 1);
		diag->suggestion = mc_arena_strdup(r->arena, line.data);
	}
	mc_buffer_free(&line);
	sign_and_words(r, a);
}

static void
resolve_signatures(resolver *r, const mc_node *stmt)
{
	no_block(r, stmt);
	mc_hint_no_colon(r, stmt);
	if (stmt->u.stmt.args == NULL) {
		mc_diag_emit(r->d, MC_D_MISSING_ARGUMENT, at(r, stmt->u.stmt.head),
		    stmt_word(stmt), expects(stmt));
		return;
	}
	if (person_as_party(r, stmt, 1))
		return;
	for (const mc_node *a = stmt->u.stmt.args; a != NULL; a = a->next) {
		if (a->kind == MC_N_BINARY && a->u.bin.op == MC_OP_AND &&
		    and_of_words(a)) {
			signatures_with_and(r, stmt, a);
			continue;
		}
		if (a->kind != MC_N_WORD) {
			mc_diag_emit(r->d, MC_D_UNEXPECTED_ARGUMENT, at(r, a),
			    stmt_word(stmt), mc_arena_printf(r->arena,
			    "%s ; « signatures » attend %s", quoted(r, a),
			    expects(stmt)));
			continue;
		}
		sign(r, a);
	}
}

/* The party named `a` signs the letter, once. */
static void
sign(resolver *r, const mc_node *a)
{
	mc_party *p = (mc_party *)party_ref(r, a);

	if (p == NULL)
		return;
	if (p->signature != NULL) {
		mc_diag *diag = mc_diag_emit(r->d, MC_D_DUPLICATE_SIGNATURE,
		    at(r, a), a->u.word.text);

		mc_diag_note(r->d, diag, at(r, p->signature), "première signature");
		return;
	}
	p->signature = a;
}

/* The words of a name written apart: « devoirs faits » (two words),
 * « devoirs-faits » (read as « devoirs - faits »). Appends their keys to
 * `parts` (at most `max`), and returns how many, 0 if `a` is not one. */
static size_t
name_parts(const mc_node *a, const char **parts, size_t n, size_t max,
    uint32_t *end)
{
	if (a == NULL || n >= max)
		return 0;
	if (a->kind == MC_N_WORD) {
		parts[n] = a->u.word.key;
		*end = a->end;
		return 1;
	}
	if (a->kind == MC_N_BINARY && a->u.bin.op == MC_OP_SUB) {
		size_t k = name_parts(a->u.bin.lhs, parts, n, max, end), j;

		if (k == 0)
			return 0;
		j = name_parts(a->u.bin.rhs, parts, n + k, max, end);
		return j == 0 ? 0 : k + j;
	}
	return 0;
}

/* « mission devoirs faits », « activite emplois-du-temps »: a name of the
 * mission list `m` == NULL, or of mission `m`'s activities, written in
 * several words. Reports it with the name to write and returns 1. */
static int
name_written_apart(resolver *r, const mc_node *first, const mc_mission *m)
{
	const char *parts[6];
	uint32_t ends[6];   /* ends[k - 1]: where the words of the first k end */
	size_t n = 0, k;
	uint32_t end = first->end;

	for (const mc_node *a = first; a != NULL && n < 6; a = a->next) {
		k = name_parts(a, parts, n, 6, &end);
		if (k == 0)
			break;
		n += k;
		/* A run of words inside one node (« emplois-du-temps ») ends
		 * with it: only whole nodes are cut from the rest. */
		for (size_t i = n - k; i < n; i++)
			ends[i] = i + 1 == n ? end : 0;
	}
	for (; n >= 2; n--) {
		size_t len = 0, o = 0;
		char *key, *shown;
		mc_span sp;
		mc_diag *diag;
		int upper;

		if (ends[n - 1] == 0)
			continue;
		for (size_t i = 0; i < n; i++)
			len += strlen(parts[i]) + 1;
		key = mc_arena_alloc(r->arena, len);
		if (key == NULL)
			return 0;
		for (size_t i = 0; i < n; i++)
			o += (size_t)snprintf(key + o, len - o, "%s%s", i ? "_" : "", parts[i]);
		/* « Devoirs Faits », as a title is written: the name is in lower case. */
		upper = 0;
		for (char *c = key; *c != '\0'; c++) {
			upper |= *c >= 'A' && *c <= 'Z';
			*c = (char)tolower((unsigned char)*c);
		}
		if (m == NULL ? mc_ref_mission(r->l->ref, key) == NULL :
		    mc_mission_activity(m, key) == NULL)
			continue;
		sp = mc_span_of(r->src, first->start, ends[n - 1]);
		shown = mc_arena_printf(r->arena, "%.*s", (int)(sp.end - sp.start),
		    r->src->text + sp.start);
		diag = m == NULL ?
		    mc_diag_emit(r->d, MC_D_UNKNOWN_MISSION, sp, shown, r->l->ref->name,
		    r->l->ref->name) :
		    mc_diag_emit(r->d, MC_D_UNKNOWN_ACTIVITY, sp, shown, m->id);
		if (diag != NULL)
			diag->suggestion = mc_arena_printf(r->arena,
			    "écrivez « %s » : un nom s’écrit %sd’un seul tenant, ses mots reliés par « _ »",
			    key, upper ? "en minuscules, " : "");
		return 1;
	}
	return 0;
}

/* The number of statements of a block: room enough for what it holds. */
static size_t
count_stmts(const mc_node *body)
{
	size_t n = 0;

	for (const mc_node *s = body; s != NULL; s = s->next)
		n++;
	return n;
}

/* An « observation "…" » of a block, checked; its text is kept in obs
 * (room made by the caller) when it is one. */
static void
resolve_observation(resolver *r, const mc_node *s, const mc_node **obs, size_t *nobs)
{
	const mc_node *text, *o = mc_hint_colon_as_space(r, s);
	arg_spec spec[] = { { NULL, K_STRING, 1, &text } };

	no_block(r, s);
	mc_hint_no_colon(r, s);
	if (!take_args(r, o, o->u.stmt.args, spec, 1))
		return;
	check_text(r, o, text);
	if (obs != NULL)
		obs[(*nobs)++] = text;
}

/* An « activite » of a mission's block, checked; what it asks for is kept
 * in out, for the lowering, when the mission is the letter's (out not NULL). */
/* « mission "devoirs_faits" », « activite "suivi_canope" »: a name between
 * quotes, as a text. The line to write without them, or NULL when `n` is
 * not one word of a name. */
static const char *
name_unquoted(resolver *r, const mc_node *stmt, const mc_node *n)
{
	const char *t = r->src->text;
	uint32_t eol;

	if (n == NULL || n->kind != MC_N_STRING || n->u.str.len == 0 ||
	    t[n->start] != '"')
		return NULL;
	for (size_t i = 0; i < n->u.str.len; i++) {
		unsigned char c = (unsigned char)n->u.str.text[i];

		if (!(c == '_' || c >= 0x80 || (c >= '0' && c <= '9') ||
		    (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')))
			return NULL;
	}
	eol = line_end(r, stmt->start);
	return mc_arena_printf(r->arena,
	    "un nom s’écrit sans guillemets : écrivez « %.*s%.*s%.*s »",
	    (int)(n->start - stmt->start), t + stmt->start, (int)n->u.str.len,
	    n->u.str.text, (int)(eol - n->end), t + n->end);
}

static void
resolve_activity(resolver *r, const mc_mission *m, const mc_node *stmt,
    const mc_node **seen, mc_letter_activity *out)
{
	const mc_node *first = stmt->u.stmt.args;
	mc_letter_activity la = { NULL, NULL, stmt, NULL, 0 };

	mc_hint_no_colon(r, stmt);
	if (m != NULL && first != NULL && (first->kind != MC_N_WORD ||
	    (first->next != NULL && mc_mission_activity(m, first->u.word.key) == NULL)) &&
	    name_written_apart(r, first, m))
		return;
	if (first == NULL || first->kind != MC_N_WORD) {
		mc_diag *diag = mc_diag_emit(r->d, MC_D_MISSING_ARGUMENT,
		    at(r, first ? first : stmt), "activite",
		    "le nom d’une activité de la mission, ou « specifique \"Texte\" »");

		if (diag != NULL)
			diag->suggestion = name_unquoted(r, stmt, first);
		return;
	}
	if (mc_word_is(first, "specifique")) {
		const mc_node *text = first->next;

		if (text == NULL || (text->kind != MC_N_STRING && text->kind != MC_N_TEXT) ||
		    text->next != NULL) {
			mc_diag_emit(r->d, MC_D_MISSING_ARGUMENT, at(r, first),
			    "activite specifique", "le texte de l’activité entre guillemets");
			return;
		}
		check_text(r, stmt, text);
		la.text = text;
	} else if (m != NULL) {
		const mc_activity *a = mc_mission_activity(m, first->u.word.key);

		if (first->next != NULL) {
			mc_diag_emit(r->d, MC_D_UNEXPECTED_ARGUMENT, at(r, first->next),
			    "activite", "écrivez l’observation dans le bloc : « { observation \"…\" } »");
		}
		if (a == NULL) {
			mc_diag *diag;

			diag = mc_diag_emit(r->d, MC_D_UNKNOWN_ACTIVITY, at(r, first),
			    first->u.word.text, m->id);
			suggest_among(r, diag, first->u.word.key, m->activities, m->nactivities,
			    sizeof(*m->activities));
			if (diag != NULL && diag->suggestion == NULL)
				diag->suggestion = mc_hint_mission_of_activity(r, first->u.word.key);
			if (diag != NULL && diag->suggestion == NULL)
				diag->suggestion = mc_hint_elsewhere(r, first->u.word.key);
		} else {
			size_t i = (size_t)(a - m->activities);

			if (seen == NULL) {
				/* out of memory: duplicates go unnoticed */
			} else if (seen[i] != NULL) {
				mc_diag *diag = mc_diag_emit(r->d, MC_D_DUPLICATE_ACTIVITY,
				    at(r, first), first->u.word.text);

				mc_diag_note(r->d, diag, at(r, seen[i]), "première occurrence");
			} else {
				seen[i] = first;
				la.activity = a;
			}
		}
	}
	if (out != NULL && (la.activity != NULL || la.text != NULL) &&
	    stmt->u.stmt.body != NULL)
		la.observations = mc_arena_alloc(r->arena,
		    count_stmts(stmt->u.stmt.body) * sizeof(*la.observations));
	for (const mc_node *s = stmt->u.stmt.body; s != NULL; s = s->next) {
		if (strcmp(mc_stmt_key(s), "observation") == 0) {
			resolve_observation(r, s, la.observations, &la.nobservations);
		} else {
			static const char *const known[] = { "observation" };

			mc_hint_unknown_keyword(r, s, known, 1);
		}
	}
	if (out != NULL && (la.activity != NULL || la.text != NULL))
		*out = la;
}

/* The line of mission `stmt` with `value` for the words of `v`, and its
 * name as read (a batch's model has fields there, a letter's cell their
 * values): « mission devoirs_faits 24 h { ». */
static const char *
with_value(resolver *r, const mc_node *stmt, const mc_node *id, const mc_node *v,
    const char *value)
{
	const char *text = r->src->text;
	uint32_t eol = line_end(r, v->end);

	return mc_arena_printf(r->arena, "%.*s%s%.*s%s%.*s", (int)(id->start - stmt->start),
	    text + stmt->start, id->u.word.text, (int)(v->start - id->end), text + id->end,
	    value, (int)(eol - v->end), text + v->end);
}

static void
resolve_mission(resolver *r, const mc_node *stmt)
{
	const mc_node *id, *quantum, *rank = NULL;
	arg_spec spec[] = {
		{ NULL, K_WORD, 1, &id }, { NULL, K_QTY | K_NUMBER | K_WORD, 0, &quantum },
	};
	mc_letter *l = r->l;
	const mc_mission *m = NULL;
	const mc_node **seen = NULL;
	mc_letter_mission *mine = NULL;   /* this mission, when the letter's */

	mc_hint_no_colon(r, stmt);
	mc_hint_not_opened(r, stmt);
	stmt = mc_hint_title_dash(r, stmt);
	if (l->ref != NULL && stmt->u.stmt.args != NULL &&
	    (stmt->u.stmt.args->kind != MC_N_WORD ||
	    mc_ref_mission(l->ref, stmt->u.stmt.args->u.word.key) == NULL) &&
	    name_written_apart(r, stmt->u.stmt.args, NULL))
		return;
	if (name_unquoted(r, stmt, stmt->u.stmt.args) != NULL) {
		mc_diag *diag = mc_diag_emit(r->d, MC_D_UNEXPECTED_ARGUMENT,
		    at(r, stmt->u.stmt.args), "mission", mc_arena_printf(r->arena,
		    "%s ; « mission » attend %s", quoted(r, stmt->u.stmt.args),
		    expects(stmt)));

		if (diag != NULL)
			diag->suggestion = name_unquoted(r, stmt, stmt->u.stmt.args);
		return;
	}
	if (!take_args(r, stmt, stmt->u.stmt.args, spec, 2))
		return;
	/* After the name: the quantum (hours, or the flat engagement), or the
	 * mission's rank in the letter (« principale », « secondaire »). */
	if (quantum != NULL && (mc_word_is(quantum, "principale") ||
	    mc_word_is(quantum, "secondaire"))) {
		rank = quantum;
		quantum = NULL;
	} else if (quantum != NULL && (quantum->kind == MC_N_QUANTITY ||
	    quantum->kind == MC_N_NUMBER) && quantum->u.qty.unit != MC_U_HOURS) {
		/* « 1 h/semaine »: a quantum is the hours of the year. */
		mc_diag *diag = mc_diag_emit(r->d, MC_D_WRONG_UNIT, at(r, quantum),
		    "mission", mc_unit_description(MC_U_HOURS),
		    mc_unit_description(quantum->u.qty.unit));

		const mc_mission *sheet = l->ref != NULL ?
		    mc_ref_mission(l->ref, id->u.word.key) : NULL;

		/* « mission devoirs_faits 24 »: the unit forgotten; « 1 » or « 2 »:
		 * the parts, not the hours. The number as read (a cell's, in a
		 * batch, not the field's name). */
		char number[32];

		mc_quantity_format(quantum->u.qty, number, sizeof(number), 0);
		if (diag != NULL && quantum->kind == MC_N_NUMBER && sheet != NULL &&
		    sheet->quantum.unit == MC_U_HOURS && sheet->quantum.milli > 2 * MC_MILLI &&
		    (quantum->u.qty.milli == MC_MILLI / 2 || quantum->u.qty.milli == MC_MILLI ||
		    quantum->u.qty.milli == 2 * MC_MILLI)) {
			char hours[32];
			mc_quantity q = { quantum->u.qty.milli * sheet->quantum.milli / MC_MILLI,
				MC_U_HOURS };

			mc_quantity_format(q, hours, sizeof(hours), 0);
			diag->suggestion = mc_arena_printf(r->arena,
			    "le quantum d’une mission est son total d’heures sur l’année, pas ses parts : écrivez « %s » pour %s part%s",
			    with_value(r, stmt, id, quantum, hours), number,
			    quantum->u.qty.milli > MC_MILLI ? "s" : "");
		} else if (diag != NULL && quantum->kind == MC_N_NUMBER) {
			char hours[40];

			snprintf(hours, sizeof(hours), "%s h", number);
			diag->suggestion = mc_arena_printf(r->arena, "écrivez « %s »",
			    with_value(r, stmt, id, quantum, hours));
		}
		else if (diag != NULL && sheet != NULL && sheet->quantum.unit == MC_U_HOURS)
			diag->suggestion = mc_arena_printf(r->arena,
			    "le quantum d’une mission est son total d’heures sur l’année : « mission %s %lld h » pour une part",
			    sheet->id, (long long)(sheet->quantum.milli / MC_MILLI));
		else if (diag != NULL)
			diag->suggestion = "le quantum d’une mission est son total d’heures sur l’année (ex. « mission devoirs_faits 24 h »), ou « forfait »";
		return;
	} else if (quantum != NULL && !(quantum->kind == MC_N_QUANTITY &&
	    quantum->u.qty.unit == MC_U_HOURS) && !mc_word_is(quantum, "forfait")) {
		mc_diag *diag = mc_diag_emit(r->d, MC_D_UNEXPECTED_ARGUMENT,
		    at(r, quantum), "mission",
		    "après son nom, une mission reçoit son quantum en heures (« 24 h »), « forfait », « principale » ou « secondaire »");
		static const char *const words[] = { "forfait", "principale", "secondaire" };
		const char *best = NULL;

		/* « forfaitaire », « secondaires », « principal »: the word
		 * meant, in the line to write. */
		if (quantum->kind == MC_N_WORD && quantum->u.word.key != NULL) {
			mc_suggester sg;

			mc_suggest_init(&sg, quantum->u.word.key);
			for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++) {
				mc_suggest_try(&sg, words[i]);
				if (strncasecmp(quantum->u.word.key, words[i], strlen(words[i])) == 0)
					best = words[i];
			}
			if (best == NULL)
				best = mc_suggest_best(&sg);
		}
		if (diag != NULL && best != NULL)
			diag->suggestion = mc_arena_printf(r->arena, "écrivez « %s »",
			    with_value(r, stmt, id, quantum, best));
		return;
	}
	if (l->ref != NULL) {
		m = mc_ref_mission(l->ref, id->u.word.key);
		if (m == NULL) {
			mc_diag *diag;

			diag = mc_diag_emit(r->d, MC_D_UNKNOWN_MISSION, at(r, id),
			    id->u.word.text, l->ref->name, l->ref->name);
			suggest_among(r, diag, id->u.word.key, l->ref->missions, l->ref->nmissions,
			    sizeof(*l->ref->missions));
			if (diag != NULL && diag->suggestion == NULL)
				diag->suggestion = mc_hint_elsewhere(r, id->u.word.key);
		} else {
			size_t i = (size_t)(m - l->ref->missions);

			if (r->mission_seen[i] != NULL) {
				mc_diag *diag = mc_diag_emit(r->d, MC_D_DUPLICATE_MISSION,
				    at(r, id), id->u.word.text);

				mc_diag_note(r->d, diag, at(r, r->mission_seen[i]),
				    "première occurrence");
				/* Several parts of one mission: their hours add up. */
				if (diag != NULL && m->quantum.unit == MC_U_HOURS)
					diag->suggestion = mc_arena_printf(r->arena,
					    "pour plusieurs parts d’une même mission, écrivez leur total d’heures (ex. « mission %s %s h » pour deux parts)",
					    m->id, mc_arena_printf(r->arena, "%lld",
					    (long long)(2 * m->quantum.milli / MC_MILLI)));
				return;
			}
			r->mission_seen[i] = id;
			l->missions[l->nmissions].mission = m;
			l->missions[l->nmissions].stmt = stmt;
			l->missions[l->nmissions].quantum = quantum;
			l->missions[l->nmissions].rank = rank;
			l->missions[l->nmissions].bilan = NULL;
			l->missions[l->nmissions].bilan_party = NULL;
			mine = &l->missions[l->nmissions++];
			if (m->nactivities > 0)
				seen = mc_arena_alloc(r->arena,
				    m->nactivities * sizeof(*seen));
		}
	}
	if (mine != NULL && stmt->u.stmt.body != NULL) {
		size_t n = count_stmts(stmt->u.stmt.body);

		mine->activities = mc_arena_alloc(r->arena, n * sizeof(*mine->activities));
		mine->observations = mc_arena_alloc(r->arena, n * sizeof(*mine->observations));
	}
	for (const mc_node *s = stmt->u.stmt.body; s != NULL; s = s->next) {
		const char *key = mc_stmt_key(s);

		if (strcmp(key, "activite") == 0) {
			mc_letter_activity la = { NULL, NULL, NULL, NULL, 0 };

			resolve_activity(r, m, mc_hint_colon_as_space(r, s), seen, mine != NULL ? &la : NULL);
			if (mine != NULL && mine->activities != NULL && la.stmt != NULL)
				mine->activities[mine->nactivities++] = la;
			mc_hint_check_indent(r, stmt, s);
		} else if (strcmp(key, "observation") == 0) {
			resolve_observation(r, s, mine != NULL ? mine->observations : NULL,
			    mine != NULL ? &mine->nobservations : NULL);
		} else if (strcmp(key, "bilan") == 0) {
			/* The recipient of this mission's bilan, when it is not the
			 * letter's (a Pacte whose missions report to different people). */
			const mc_node *who;
			arg_spec bspec[] = { { NULL, K_WORD, 1, &who } };
			mc_letter_mission *lm = mine;

			no_block(r, s);
			mc_hint_no_colon(r, s);
			if (person_as_party(r, s, 0) || !take_args(r, s, s->u.stmt.args, bspec, 1))
				continue;
			if (lm != NULL && lm->bilan != NULL) {
				mc_diag *diag = mc_diag_emit(r->d, MC_D_DUPLICATE_DECLARATION,
				    at(r, s->u.stmt.head), "bilan");

				mc_diag_note(r->d, diag, at(r, lm->bilan), "première déclaration");
				continue;
			}
			{
				const mc_party *p = party_ref(r, who);

				if (lm != NULL) {
					lm->bilan = who;
					lm->bilan_party = p;
				}
			}
		} else {
			static const char *const known[] = { "activite", "observation", "bilan" };
			const char *meant = mc_hint_unknown_keyword(r, s, known, 3);

			/* « activity x », « act x »: read as the activity meant. */
			if (meant != NULL && strcmp(meant, "activite") == 0)
				resolve_activity(r, m, mc_hint_colon_as_space(r, s), seen, NULL);
		}
	}
}

/* A quantity the calendar cannot hold (« presence 8 jours/semaine », 200
 * h/semaine), or a service or a presence of nothing: a typing slip or the
 * wrong unit, never a letter to sign. */
static void
check_calendar(resolver *r, const mc_node *stmt, const mc_node *q, mc_kw kw)
{
	static const struct {
		mc_unit unit;
		int64_t max;
		const char *why;
	} limits[] = {
		{ MC_U_DAYS_WEEK, 7, "une semaine compte 7 jours" },
		{ MC_U_HOURS_WEEK, 168, "une semaine compte 168 heures" },
		{ MC_U_HOURS_YEAR, 8784, "une année compte au plus 8 784 heures" },
	};
	mc_quantity v = { q->u.qty.milli, q->u.qty.unit };
	const char *why = NULL;
	char shown[64];

	for (size_t i = 0; i < sizeof(limits) / sizeof(limits[0]); i++)
		if (v.unit == limits[i].unit && v.milli > limits[i].max * MC_MILLI)
			why = limits[i].why;
	/* Zero as written (« 0 h/semaine »), not a number already reported as
	 * too large and read as 0. */
	if (v.milli == 0 && r->src->text[q->start] == '0' &&
	    (kw == MC_KW_SERVICE || kw == MC_KW_SERVICE_ANNUEL))
		why = "un service nul n’est pas un service ; écrivez celui de l’agent, ou retirez la ligne";
	else if (v.milli == 0 && r->src->text[q->start] == '0' && kw == MC_KW_PRESENCE)
		why = "une présence nulle n’est pas une présence ; écrivez celle de l’agent, ou retirez la ligne";
	if (why == NULL)
		return;
	mc_quantity_format(v, shown, sizeof(shown), 0);
	mc_diag_emit(r->d, MC_D_IMPOSSIBLE_QUANTITY, at(r, q), stmt_word(stmt),
	    shown, why);
}

/* A quotité written where a duration goes: « mi-temps » (read as
 * « mi - temps »), « temps partiel », « à mi-temps », « 1 ETP ». */
static int
says_quotity(const mc_node *a)
{
	static const char *const words[] = {
		"mi", "mi_temps", "demi", "temps", "partiel", "quotite", "etp", "ETP"
	};

	if (a == NULL)
		return 0;
	if (a->kind == MC_N_BINARY)
		return says_quotity(a->u.bin.lhs) || says_quotity(a->u.bin.rhs);
	if (a->kind != MC_N_WORD)
		return 0;
	for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++)
		if (strcmp(a->u.word.key, words[i]) == 0)
			return 1;
	return 0;
}

/* The value an unconditional rule of the référentiel fixes for `kw`
 * (atddf: « exige service = 19,5 h/semaine »), when one does for this
 * letter's year: what to write instead of a quotité is the référentiel's
 * to say, never a conversion of ours. */
static const mc_rule *
fixed_by_rule(const resolver *r, mc_kw kw, mc_quantity *value)
{
	const mc_referential *ref = r->l->ref;

	for (size_t i = 0; ref != NULL && i < ref->nrules; i++) {
		const mc_rule *rule = &ref->rules[i];
		const mc_node *e = rule->require, *lhs, *rhs;

		if (rule->when != NULL || rule->per_mission || e == NULL ||
		    e->kind != MC_N_BINARY || e->u.bin.op != MC_OP_EQ ||
		    !mc_rule_applies(rule, r->l))
			continue;
		lhs = e->u.bin.lhs;
		rhs = e->u.bin.rhs;
		if (lhs->kind == MC_N_WORD && rhs->kind == MC_N_QUANTITY &&
		    strcmp(lhs->u.word.key, mc_kw_table[kw].key) == 0 &&
		    rhs->u.qty.unit == mc_kw_table[kw].unit) {
			*value = rhs->u.qty;
			return rule;
		}
	}
	return NULL;
}

/* « service 50 % », « service mi-temps », « service 0,5 »: one error, that
 * says what a service is written in and what to write. */
static void
quotity(resolver *r, const mc_node *stmt, mc_kw kw)
{
	const mc_node *first = stmt->u.stmt.args, *last = first;
	mc_quantity fixed;
	const mc_rule *rule = fixed_by_rule(r, kw, &fixed);
	char shown[64], value[64];
	uint32_t len;
	mc_diag *diag;

	while (last->next != NULL)
		last = last->next;
	len = last->end - first->start > 40 ? 40 : last->end - first->start;
	while (len < last->end - first->start && len > 0 &&
	    ((unsigned char)r->src->text[first->start + len] & 0xc0) == 0x80)
		len--;
	snprintf(shown, sizeof(shown), "%.*s%s", (int)len,
	    r->src->text + first->start, len < last->end - first->start ? "…" : "");
	diag = mc_diag_emit(r->d, MC_D_QUOTITY, mc_span_of(r->src, first->start,
	    last->end), stmt_word(stmt), mc_unit_description(mc_kw_table[kw].unit),
	    shown);
	if (diag == NULL)
		return;
	if (rule != NULL) {
		mc_quantity_format(fixed, value, sizeof(value), 0);
		diag->suggestion = mc_arena_printf(r->arena,
		    "écrivez « %s %s » : c’est ce que fixe la règle « %s » de ce référentiel ; missionc ne convertit pas une quotité",
		    stmt_word(stmt), value, rule->code);
	} else {
		diag->suggestion = mc_arena_printf(r->arena,
		    "écrivez %s : la valeur que fixe le texte qui régit le poste ; missionc ne convertit pas une quotité",
		    expects(stmt));
	}
}

/* The diagnostic the scanner gave to the very words of `q` (« 19h30 » :
 * écrivez « 19,5 h »), or -1. */
static long
scanner_fix(const resolver *r, const mc_node *q)
{
	for (size_t i = 0; i < r->d->count; i++) {
		const mc_diag *g = r->d->items[i];

		if (g->span.src == r->src && g->span.start == q->start &&
		    g->span.end == q->end && mc_diag_is(g, MC_D_UNIT_SPELLING))
			return (long)i;
	}
	return -1;
}

/* A quantity whose number is surely right and only its unit is not the one
 * wanted: « 39 », « 39 h », « 39 heures » for a service in h/semaine. */
static int
unit_only(mc_unit got, mc_unit want)
{
	switch (want) {
	case MC_U_HOURS_WEEK:
	case MC_U_HOURS_YEAR:
		return got == MC_U_NONE || got == MC_U_HOURS;
	case MC_U_DAYS_WEEK:
		return got == MC_U_NONE || got == MC_U_DAYS;
	case MC_U_EUROS:
		return got == MC_U_NONE;
	default:
		return 0;
	}
}

/* The quantity `q` wrote, with the unit `kw` wants: « service 19,5 h »
 * becomes « service 19,5 h/semaine ». */
static void
wrong_unit(resolver *r, const mc_node *stmt, const mc_node *q, mc_kw kw)
{
	mc_unit want = mc_kw_table[kw].unit;
	mc_quantity fixed = { q->u.qty.milli, want };
	char value[64], shown[64];
	long lexed = scanner_fix(r, q);
	mc_diag *diag;

	if (!unit_only(q->u.qty.unit, want) || q->u.qty.milli == 0) {
		diag = mc_diag_emit(r->d, MC_D_WRONG_UNIT, at(r, q), stmt_word(stmt),
		    mc_unit_description(want), mc_unit_description(q->u.qty.unit));
		if (diag != NULL && kw == MC_KW_SERVICE && q->u.qty.unit == MC_U_HOURS_YEAR)
			diag->suggestion = "un service annuel s’écrit « service_annuel 1 607 h/an »";
		else if (diag != NULL)
			diag->suggestion = mc_arena_printf(r->arena, "écrivez %s",
			    expects(stmt));
		return;
	}
	mc_quantity_format(fixed, value, sizeof(value), 0);
	if (lexed >= 0) {
		/* « 19h30 »: the scanner's fix, with the unit it could not know,
		 * one error instead of two about the same words. */
		uint32_t len = q->end - q->start > 60 ? 60 : q->end - q->start;

		snprintf(shown, sizeof(shown), "%.*s", (int)len, r->src->text + q->start);
		diag = mc_diag_rewrite(r->d, (size_t)lexed, MC_D_UNIT_SPELLING, at(r, q),
		    shown, value);
		if (diag != NULL && r->l->misread[kw] == NULL)
			r->l->misread[kw] = diag;
		return;
	}
	diag = mc_diag_emit(r->d, MC_D_WRONG_UNIT, at(r, q), stmt_word(stmt),
	    mc_unit_description(want), mc_unit_description(q->u.qty.unit));
	if (diag != NULL)
		diag->suggestion = mc_arena_printf(r->arena, "écrivez « %s %s »",
		    stmt_word(stmt), value);
}

static void
resolve_quantity(resolver *r, const mc_node *stmt, mc_kw kw)
{
	const mc_node *q = stmt->u.stmt.args;
	mc_unit want = mc_kw_table[kw].unit;

	mc_hint_no_colon(r, stmt);
	if (kw == MC_KW_DECHARGE && q != NULL && mc_word_is(q, "complete") &&
	    q->next == NULL) {
		no_block(r, stmt);
		return;
	}
	/* « decharge totale », « decharge entière »: the word of the
	 * language is « complete ». */
	if (kw == MC_KW_DECHARGE && q != NULL && q->next == NULL &&
	    (mc_word_is(q, "totale") || mc_word_is(q, "total") ||
	    mc_word_is(q, "entiere") || mc_word_is(q, "complet") ||
	    mc_word_is(q, "pleine"))) {
		mc_diag *diag = mc_diag_emit(r->d, MC_D_MISSING_ARGUMENT, at(r, q),
		    stmt_word(stmt), expects(stmt));

		if (diag != NULL)
			diag->suggestion = mc_arena_printf(r->arena,
			    "une décharge de tout le service s’écrit « complete » : écrivez « %s complete »",
			    stmt_word(stmt));
		return;
	}
	if (q == NULL) {
		mc_diag_emit(r->d, MC_D_MISSING_ARGUMENT, at(r, stmt->u.stmt.head),
		    stmt_word(stmt), expects(stmt));
		return;
	}
	if (q->kind == MC_N_BLANK) {
		mc_diag_emit(r->d, MC_D_BLANK_VALUE, at(r, q), stmt_word(stmt),
		    expects(stmt));
		return;
	}
	/* A quotité where a week's hours or days go: « 50 % », « mi-temps »,
	 * « 0,5 » (a fraction of a full time, not half an hour). */
	if ((want == MC_U_HOURS_WEEK || want == MC_U_DAYS_WEEK) &&
	    (((q->kind == MC_N_NUMBER || q->kind == MC_N_QUANTITY) &&
	    q->u.qty.unit == MC_U_PERCENT) ||
	    (q->kind == MC_N_NUMBER && q->u.qty.milli > 0 && q->u.qty.milli < MC_MILLI &&
	    (kw == MC_KW_SERVICE || kw == MC_KW_PRESENCE || kw == MC_KW_DECHARGE)) ||
	    says_quotity(q) || (q->kind == MC_N_WORD && says_quotity(q->next)))) {
		quotity(r, stmt, kw);
		return;
	}
	if (q->kind == MC_N_NUMBER || q->kind == MC_N_QUANTITY) {
		if (q->u.qty.unit != want)
			wrong_unit(r, stmt, q, kw);
		else
			check_calendar(r, stmt, q, kw);
	} else {
		mc_diag_emit(r->d, MC_D_MISSING_ARGUMENT, at(r, q), stmt_word(stmt),
		    expects(stmt));
		return;
	}
	if (q->next != NULL)
		mc_diag_emit(r->d, MC_D_UNEXPECTED_ARGUMENT, at(r, q->next),
		    stmt_word(stmt), mc_arena_printf(r->arena, "%s ; « %s » attend %s",
		    quoted(r, q->next), stmt_word(stmt), expects(stmt)));
	if (stmt->u.stmt.has_block) {
		const char *subs = mc_kw_table[kw].subs;

		if (*subs == '\0') {
			no_block(r, stmt);
			return;
		}
		for (const mc_node *s = stmt->u.stmt.body; s != NULL; s = s->next) {
			const char *key = mc_stmt_key(s);
			const mc_node *v;
			arg_spec spec[] = { { NULL, K_STRING | K_DATE, 1, &v } };

			if (strstr(subs, key) == NULL || *key == '\0') {
				const char *known[4] = { 0 };
				size_t n = 0;

				if (kw == MC_KW_ENSEIGNEMENT) {
					known[n++] = "accord";
					known[n++] = "condition";
				} else {
					known[n++] = "autorisation_cumul";
				}
				mc_hint_unknown_keyword(r, s, known, n);
				continue;
			}
			no_block(r, s);
			if (take_args(r, s, s->u.stmt.args, spec, 1) && v->kind != MC_N_DATE)
				check_text(r, s, v);
		}
	}
}

static void
resolve_text(resolver *r, const mc_node *stmt)
{
	const mc_node *text;
	arg_spec spec[] = { { NULL, K_STRING, 1, &text } };

	no_block(r, stmt);
	mc_hint_no_colon(r, stmt);
	if (take_args(r, stmt, stmt->u.stmt.args, spec, 1))
		check_text(r, stmt, text);
}

static void
resolve_statement(resolver *r, const mc_node *stmt, mc_kw kw)
{
	mc_letter *l = r->l;

	switch (kw) {
	case MC_KW_LETTRE:
	case MC_KW_PARTIE:
		break;  /* done before */
	case MC_KW_ANNEE:
	case MC_KW_PERIODE:
		if (l->has_period) {
			mc_diag *diag = mc_diag_emit(r->d, MC_D_DUPLICATE_DECLARATION,
			    at(r, stmt->u.stmt.head), "période");

			mc_diag_note(r->d, diag, at(r, l->period), "première période");
			break;
		}
		resolve_period(r, stmt, kw);
		break;
	case MC_KW_ACADEMIE:
	case MC_KW_CONTEXTE:
	case MC_KW_MOYENS:
	case MC_KW_SUIVI:
	case MC_KW_QUALIFICATION:
	case MC_KW_FORMATIONS:
	case MC_KW_RESEAU:
		resolve_text(r, stmt);
		break;
	case MC_KW_ETABLISSEMENT:
	case MC_KW_INTERVIENT: {
		const mc_node *name, *uai, *town;
		arg_spec spec[] = {
			{ NULL, K_STRING, 1, &name }, { "uai", K_STRING, kw == MC_KW_ETABLISSEMENT, &uai },
			{ "commune", K_STRING, 0, &town },
		};

		long bare = mc_hint_bare_uai_on_line(r, stmt);
		size_t from = r->d->count;

		no_block(r, stmt);
		mc_hint_no_colon(r, stmt);
		if (mc_hint_split_lines(r, stmt))
			break;
		if (!take_args(r, stmt, stmt->u.stmt.args, spec,
		    kw == MC_KW_ETABLISSEMENT ? 3 : 2)) {
			if (bare >= 0)
				mc_hint_bare_uai_line(r, stmt, (size_t)bare, from);
			break;
		}
		if (bare >= 0)
			mc_hint_bare_uai_line(r, stmt, (size_t)bare, from);
		check_text(r, stmt, name);
		if (uai != NULL)
			check_uai(r, uai);
		if (kw == MC_KW_INTERVIENT && r->l->workplaces != NULL)
			r->l->workplaces[r->l->nworkplaces++] = stmt;
		break;
	}
	case MC_KW_SERVICE:
	case MC_KW_SERVICE_ANNUEL:
	case MC_KW_PRESENCE:
	case MC_KW_ENSEIGNEMENT:
	case MC_KW_FORMATION_CONTINUE:
	case MC_KW_IMP:
	case MC_KW_DECHARGE:
	case MC_KW_HEURES_SUPPLEMENTAIRES:
		resolve_quantity(r, stmt, kw);
		break;
	case MC_KW_MISSION:
		resolve_mission(r, stmt);
		break;
	case MC_KW_BILAN: {
		const mc_node *who;
		arg_spec spec[] = { { NULL, K_WORD, 1, &who } };

		no_block(r, stmt);
		mc_hint_no_colon(r, stmt);
		if (!person_as_party(r, stmt, 0) &&
		    take_args(r, stmt, stmt->u.stmt.args, spec, 1))
			party_ref(r, who);
		break;
	}
	case MC_KW_SIGNATURES:
		resolve_signatures(r, stmt);
		break;
	case MC_KW_FAIT_A: {
		const mc_node *place, *date;
		arg_spec spec[] = {
			{ NULL, K_STRING, 1, &place }, { "le", K_DATE, 1, &date },
		};

		const mc_node *a = stmt->u.stmt.args;

		no_block(r, stmt);
		mc_hint_no_colon(r, stmt);
		/* « fait_a "Marseille" 2025-09-26 »: « le » forgotten. Said at
		 * the date with the line to write, and the date read. */
		if (a != NULL && a->kind == MC_N_STRING && a->next != NULL &&
		    a->next->kind == MC_N_DATE && a->next->next == NULL) {
			mc_diag *diag = mc_diag_emit(r->d, MC_D_MISSING_ARGUMENT, at(r, a->next),
			    stmt_word(stmt), "« le » avant la date");
			const char *text = r->src->text;

			if (diag != NULL)
				diag->suggestion = mc_arena_printf(r->arena,
				    "écrivez « %.*s le %.*s »", (int)(a->end - stmt->start),
				    text + stmt->start, (int)(line_end(r, a->next->start) - a->next->start),
				    text + a->next->start);
			place = a;
			date = a->next;
		} else if (!take_args(r, stmt, stmt->u.stmt.args, spec, 2)) {
			break;
		}
		check_text(r, stmt, place);
		l->has_date = 1;
		l->signed_on = date->u.date;
		r->signed_node = date;
		break;
	}
	case MC_KW__COUNT:
		break;
	}
}

static void
resolve_header(resolver *r, const mc_node *stmt)
{
	const mc_node *selon = stmt->u.stmt.args;
	const mc_node *name = selon ? selon->next : NULL;
	const mc_referential *ref;

	no_block(r, stmt);
	mc_hint_no_colon(r, stmt);
	if (selon == NULL || !mc_word_is(selon, "selon") || name == NULL) {
		const mc_node *where = selon != NULL && !mc_word_is(selon, "selon") ? selon : stmt;

		if (selon != NULL && selon->kind != MC_N_WORD && !mc_word_is(selon, "selon") &&
		    (selon->kind == MC_N_PATH || selon->kind == MC_N_STRING)) {
			name = selon;
		} else {
			const mc_node *known = NULL;
			char key[32];
			mc_diag *diag;

			/* « lettre de mission pacte », « lettre PACTE »: a
			 * référentiel is named, « selon » is missing. */
			for (const mc_node *a = selon; a != NULL && known == NULL; a = a->next) {
				size_t n = a->kind == MC_N_WORD ? strlen(a->u.word.key) : sizeof(key);

				if (n >= sizeof(key))
					continue;
				for (size_t i = 0; i <= n; i++)
					key[i] = (char)tolower((unsigned char)a->u.word.key[i]);
				if (mc_stdlib_get(r->lib, key) != NULL)
					known = a;
			}
			diag = mc_diag_emit(r->d, MC_D_MISSING_ARGUMENT, at(r, where), "lettre",
			    mc_kw_table[MC_KW_LETTRE].expects);
			if (known == NULL || known->next != NULL)
				return;
			if (diag != NULL)
				diag->suggestion = mc_arena_printf(r->arena,
				    "écrivez « lettre selon %s »", key);
			/* Read as meant: the rest of the letter is checked. */
			ref = mc_stdlib_get(r->lib, key);
			if (!mc_referential_broken(ref))
				r->l->ref = ref;
			return;
		}
	}
	if (name->kind == MC_N_PATH || name->kind == MC_N_STRING ||
	    (name->kind == MC_N_WORD && strchr(name->u.word.key, '.') != NULL)) {
		char shown[128];
		const char *t = name->kind == MC_N_WORD ? name->u.word.text : name->u.str.text;

		snprintf(shown, sizeof(shown), "%s", t);
		mc_diag_emit(r->d, MC_D_REFERENTIAL_PATH, at(r, name), shown);
		return;
	}
	if (name->kind != MC_N_WORD) {
		mc_diag_emit(r->d, MC_D_MISSING_ARGUMENT, at(r, name), "lettre",
		    mc_kw_table[MC_KW_LETTRE].expects);
		return;
	}
	/* « lettre selon référentiel pacte »: the word of the form before the
	 * name; the name is the next one. */
	if (name->next != NULL && name->next->kind == MC_N_WORD && name->next->next == NULL &&
	    (strcmp(name->u.word.key, "referentiel") == 0 ||
	    strcmp(name->u.word.key, "le") == 0)) {
		mc_diag *diag = mc_diag_emit(r->d, MC_D_UNEXPECTED_ARGUMENT, at(r, name),
		    "lettre", mc_arena_printf(r->arena, "« %s » ; « lettre selon » attend le nom du référentiel",
		    name->u.word.text));

		if (diag != NULL)
			diag->suggestion = mc_arena_printf(r->arena, "écrivez « lettre selon %s »",
			    name->next->u.word.text);
		name = name->next;
	} else if (name->next != NULL) {
		mc_diag *diag = mc_diag_emit(r->d, MC_D_UNEXPECTED_ARGUMENT,
		    at(r, name->next), "lettre", "une lettre suit un seul référentiel");

		/* « lettre selon pacte enseignant »: the référentiel, alone. */
		if (diag != NULL && name->kind == MC_N_WORD &&
		    mc_stdlib_get(r->lib, name->u.word.key) != NULL)
			diag->suggestion = mc_arena_printf(r->arena, "écrivez « lettre selon %s »",
			    name->u.word.text);
	}
	ref = mc_stdlib_get(r->lib, name->u.word.key);
	if (ref == NULL) {
		mc_suggester s;
		mc_diag *diag;
		const char *const *names = mc_stdlib_names(r->lib);

		mc_suggest_init(&s, name->u.word.key);
		for (; names != NULL && *names != NULL; names++)
			mc_suggest_try(&s, *names);
		diag = mc_diag_emit(r->d, MC_D_UNKNOWN_REFERENTIAL, at(r, name),
		    name->u.word.text);
		mc_diag_suggest(r->d, diag, mc_suggest_best(&s));
		return;
	}
	if (mc_referential_broken(ref)) {
		size_t n = mc_referential_diag_count(ref);

		mc_diag_emit(r->d, MC_D_BROKEN_REFERENTIAL, at(r, name),
		    name->u.word.text);
		for (size_t i = 0; i < n; i++)
			mc_diag_append(r->d, mc_referential_diag(ref, i));
		return;
	}
	r->l->ref = ref;
}

/* « corps … { … } », « role … » first and no « lettre » anywhere: a file of
 * the library's own (commun.mission), not a letter; said once, not as one
 * unknown declaration per line. */
static int
library_file(resolver *r, const mc_node *stmts)
{
	static const char *const own[] = { "corps", "role", "titulaire", "regle", "preambule" };
	const char *key = mc_stmt_key(stmts);
	size_t i;

	for (i = 0; i < sizeof(own) / sizeof(*own); i++)
		if (strcmp(key, own[i]) == 0)
			break;
	if (i == sizeof(own) / sizeof(*own))
		return 0;
	for (const mc_node *s = stmts; s != NULL; s = s->next)
		if (strcmp(mc_stmt_key(s), "lettre") == 0)
			return 0;
	mc_diag_emit(r->d, MC_D_LIBRARY_FILE, at(r, stmts->u.stmt.head), stmt_word(stmts));
	return 1;
}

int
mc_resolve(mc_arena *arena, mc_diags *d, mc_stdlib *lib, const mc_source *src,
    const mc_node *stmts, size_t count, mc_letter *l)
{
	resolver r = { arena, d, src, lib, l, NULL, 0, NULL, NULL };
	const char *known[MC_KW__COUNT];
	size_t nparties = 0, nmissions = 0, nworkplaces = 0;

	memset(l, 0, sizeof(*l));
	l->src = src;
	for (int i = 0; i < MC_KW__COUNT; i++)
		known[i] = mc_kw_table[i].key;
	if (count == 0) {
		if (!mc_diags_has_errors(d))
			mc_diag_emit(d, MC_D_FILE_EMPTY, mc_span_of(src, src->body, src->body));
		return 0;
	}
	if (library_file(&r, stmts))
		return 0;
	if (strcmp(mc_stmt_key(stmts), "referentiel") == 0) {
		const mc_node *a = stmts->u.stmt.args;

		mc_diag_emit(d, MC_D_NOT_A_LETTER, at(&r, stmts->u.stmt.head),
		    a && a->kind == MC_N_WORD ? a->u.word.text : "?",
		    a && a->kind == MC_N_WORD ? a->u.word.text : "…");
		return 0;
	}
	/* The header first: every name of the letter is resolved against it. */
	for (const mc_node *s = stmts; s != NULL; s = s->next) {
		const char *key = mc_stmt_key(s);

		nparties += strcmp(key, "partie") == 0;
		nmissions += strcmp(key, "mission") == 0;
		nworkplaces += mc_kw_find(key) == MC_KW_INTERVIENT;
		if (strcmp(key, "lettre") != 0)
			continue;
		if (l->header != NULL) {
			mc_diag *diag = mc_diag_emit(d, MC_D_DUPLICATE_HEADER,
			    at(&r, s->u.stmt.head));

			mc_diag_note(d, diag, at(&r, l->header), "premier en-tête");
			continue;
		}
		l->header = s;
		l->first[MC_KW_LETTRE] = s;
		if (s != stmts)
			mc_diag_emit(d, MC_D_HEADER_NOT_FIRST, at(&r, s->u.stmt.head));
		{
			size_t from = d->count;

			resolve_header(&r, mc_hint_colon_as_space(&r, s));
			mc_hint_fold_colon(&r, s, from);
		}
	}
	if (l->header == NULL) {
		mc_suggester s;

		/* « letre selon ddfpt » gets its suggestion below, not two errors. */
		mc_suggest_init(&s, mc_stmt_key(stmts));
		mc_suggest_try(&s, "lettre");
		if (mc_suggest_best(&s) == NULL)
			mc_diag_emit(d, MC_D_NO_HEADER, at(&r, stmts->u.stmt.head));
	}
	l->parties = mc_arena_alloc(arena, (nparties + 1) * sizeof(*l->parties));
	for (l->party_nslots = 8; l->party_nslots < 2 * (nparties + 1);)
		l->party_nslots *= 2;
	l->party_slots = mc_arena_alloc(arena, l->party_nslots * sizeof(*l->party_slots));
	l->missions = mc_arena_alloc(arena, (nmissions + 1) * sizeof(*l->missions));
	l->workplaces = mc_arena_alloc(arena, (nworkplaces + 1) * sizeof(*l->workplaces));
	if (l->ref != NULL)
		r.mission_seen = mc_arena_alloc(arena,
		    (l->ref->nmissions + 1) * sizeof(*r.mission_seen));
	if (l->parties == NULL || l->missions == NULL || l->workplaces == NULL ||
	    l->party_slots == NULL ||
	    (l->ref != NULL && r.mission_seen == NULL))
		return 0;
	/* Parties next: signatures and the bilan name them. */
	for (const mc_node *s = stmts; s != NULL; s = s->next)
		if (strcmp(mc_stmt_key(s), "partie") == 0) {
			size_t from = d->count;

			if (l->first[MC_KW_PARTIE] == NULL)
				l->first[MC_KW_PARTIE] = s;
			resolve_party(&r, s);
			misread(&r, MC_KW_PARTIE, from);
		}
	for (const mc_node *s = stmts; s != NULL; s = s->next) {
		mc_kw kw = mc_kw_find(mc_stmt_key(s)), joined;
		const mc_node *meant = mc_hint_joined_keyword(&r, s, &joined);

		/* « fait à Marseille, le … » is the formula, said apart
		 * (signed_at_as_said); « fait à "Marseille" le … » is this. */
		if (meant != NULL && (joined != MC_KW_FAIT_A ||
		    (meant->u.stmt.args != NULL &&
		    meant->u.stmt.args->kind == MC_N_STRING)) &&
		    l->first[joined] == NULL) {
			size_t from = d->count;

			r.orphans = 0;
			l->first[joined] = s;
			resolve_statement(&r, mc_hint_colon_as_space(&r, meant), joined);
			mc_hint_joined_report(&r, s, meant, from);
			misread(&r, joined, from);
			continue;
		}
		if (kw == MC_KW__COUNT) {
			const char *key = mc_stmt_key(s);

			/* The activities of a mission whose « { » is missing: the
			 * mission already said so, once. */
			if (r.orphans && (strcmp(key, "activite") == 0 ||
			    strcmp(key, "observation") == 0))
				continue;
			/* « uai "…" » under « etablissement »: said with it. */
			if (r.continued != NULL && s->start <= r.continued->start)
				continue;
			/* « year 2025-2026 »: read as the declaration meant, so that
			 * the letter does not also lack it. */
			key = mc_hint_unknown_keyword(&r, s, known, MC_KW__COUNT);
			kw = key != NULL ? mc_kw_find(key) : MC_KW__COUNT;
			if (kw == MC_KW__COUNT || kw == MC_KW_LETTRE || kw == MC_KW_PARTIE ||
			    l->first[kw] != NULL)
				continue;
		}
		r.orphans = 0;
		if (kw == MC_KW_LETTRE || kw == MC_KW_PARTIE)
			continue;
		if (l->first[kw] != NULL && !mc_kw_table[kw].repeatable) {
			mc_diag *diag = mc_diag_emit(d, MC_D_DUPLICATE_DECLARATION,
			    at(&r, s->u.stmt.head), stmt_word(s));

			mc_diag_note(d, diag, at(&r, l->first[kw]->u.stmt.head),
			    "première déclaration");
			continue;
		}
		if (l->first[kw] == NULL)
			l->first[kw] = s;
		{
			size_t from = d->count;

			resolve_statement(&r, mc_hint_colon_as_space(&r, s), kw);
			mc_hint_fold_colon(&r, s, from);
			misread(&r, kw, from);
		}
	}
	check_signing_date(&r);
	return l->ref != NULL;
}
