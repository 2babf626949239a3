/* diag.c — the diagnostics catalogue and the list that collects them. */
#include "diag.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const struct {
	const char *code;
	mc_severity severity;
	const char *message;
} catalogue[] = {
#define DIAG(id, code, severity, message) { code, severity, message },
#define EXPLAIN(id, text, wrong, right)
#include "diagnostics.def"
#undef EXPLAIN
#undef DIAG
};

/* What `missionc expliquer` says of each, from the same catalogue. */
static const struct {
	const char *text, *wrong, *right;
} explanations[MC_D__COUNT] = {
#define DIAG(id, code, severity, message)
#define EXPLAIN(id, text, wrong, right) [MC_D_##id] = { text, wrong, right },
#include "diagnostics.def"
#undef EXPLAIN
#undef DIAG
};

int
mc_catalogue_explanation(size_t i, const char **text, const char **wrong,
    const char **right)
{
	if (i >= MC_D__COUNT || explanations[i].text == NULL)
		return 0;
	*text = explanations[i].text;
	*wrong = explanations[i].wrong;
	*right = explanations[i].right;
	return 1;
}

size_t
mc_catalogue_count(void)
{
	return MC_D__COUNT;
}

int
mc_catalogue_entry(size_t i, const char **code, mc_severity *severity,
    const char **message)
{
	if (i >= MC_D__COUNT)
		return 0;
	*code = catalogue[i].code;
	*severity = catalogue[i].severity;
	*message = catalogue[i].message;
	return 1;
}

const char *
mc_severity_name(mc_severity s)
{
	switch (s) {
	case MC_ERROR:
		return "erreur";
	case MC_WARNING:
		return "avertissement";
	case MC_NOTE:
		break;
	}
	return "note";
}

const char mc_hint_semicolon_list[] =
    "séparez les valeurs par des virgules : remplacez « ; » par « , »";

void
mc_diags_init(mc_diags *d, mc_arena *arena, size_t limit)
{
	memset(d, 0, sizeof(*d));
	d->arena = arena;
	d->limit = limit ? limit : 100;
	d->worst = MC_NOTE;
}

void
mc_diags_free(mc_diags *d)
{
	free(d->items);
	d->items = NULL;
	d->count = d->cap = 0;
}

static int
push(mc_diags *d, const mc_diag *diag)
{
	if (d->count == d->cap) {
		size_t cap = d->cap ? d->cap * 2 : 16;
		const mc_diag **items = realloc(d->items, cap * sizeof(*items));

		if (items == NULL)
			return 0;
		d->items = items;
		d->cap = cap;
	}
	d->items[d->count++] = diag;
	if (diag->severity > d->worst)
		d->worst = diag->severity;
	return 1;
}

/* Catalogue messages are formats from diagnostics.def, not literals here. */
#if defined(__GNUC__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
#endif
static void
format_message(char *buf, size_t size, mc_diag_id id, va_list ap)
{
	vsnprintf(buf, size, catalogue[id].message, ap);
}
#if defined(__GNUC__)
#pragma GCC diagnostic pop
#endif

static void
format_message_v(char *buf, size_t size, mc_diag_id id, ...)
{
	va_list ap;

	va_start(ap, id);
	format_message(buf, size, id, ap);
	va_end(ap);
}

/* Makes room for one more, or records once that the rest is dropped. */
static int
has_room(mc_diags *d, mc_span span)
{
	mc_diag *over;
	char buf[256];

	if (d->full)
		return 0;
	if (d->count < d->limit)
		return 1;
	d->full = 1;
	over = mc_arena_alloc(d->arena, sizeof(*over));
	if (over == NULL)
		return 0;
	over->severity = catalogue[MC_D_TOO_MANY_ERRORS].severity;
	over->code = catalogue[MC_D_TOO_MANY_ERRORS].code;
	format_message_v(buf, sizeof(buf), MC_D_TOO_MANY_ERRORS, d->count);
	over->message = mc_arena_strdup(d->arena, buf);
	over->span = span;
	push(d, over);
	return 0;
}

/* A diagnostic of the catalogue, its message made from ap. */
static mc_diag *
make(mc_diags *d, mc_diag_id id, mc_span span, va_list ap)
{
	mc_diag *diag = mc_arena_alloc(d->arena, sizeof(*diag));
	char buf[1024];

	if (diag == NULL)
		return NULL;
	format_message(buf, sizeof(buf), id, ap);
	diag->severity = catalogue[id].severity;
	diag->code = catalogue[id].code;
	diag->message = mc_arena_strdup(d->arena, buf);
	diag->span = span;
	return diag->message != NULL ? diag : NULL;
}

mc_diag *
mc_diag_emit(mc_diags *d, mc_diag_id id, mc_span span, ...)
{
	mc_diag *diag;
	va_list ap;

	if (!has_room(d, span))
		return NULL;
	va_start(ap, span);
	diag = make(d, id, span, ap);
	va_end(ap);
	if (diag == NULL || !push(d, diag))
		return NULL;
	return diag;
}

mc_diag *
mc_diag_rewrite(mc_diags *d, size_t i, mc_diag_id id, mc_span span, ...)
{
	mc_diag *diag;
	va_list ap;

	if (i >= d->count)
		return NULL;
	va_start(ap, span);
	diag = make(d, id, span, ap);
	va_end(ap);
	if (diag == NULL)
		return NULL;
	d->items[i] = diag;
	if (diag->severity > d->worst)
		d->worst = diag->severity;
	return diag;
}

mc_diag *
mc_diag_custom(mc_diags *d, mc_severity severity, const char *code,
    mc_span span, const char *message)
{
	mc_diag *diag;

	if (!has_room(d, span))
		return NULL;
	diag = mc_arena_alloc(d->arena, sizeof(*diag));
	if (diag == NULL)
		return NULL;
	diag->severity = severity;
	diag->code = code;
	diag->message = message;
	diag->span = span;
	if (!push(d, diag))
		return NULL;
	return diag;
}

void
mc_diag_append(mc_diags *d, const mc_diag *diag)
{
	if (has_room(d, diag->span))
		push(d, diag);
}

void
mc_diag_note(mc_diags *d, mc_diag *diag, mc_span span, const char *fmt, ...)
{
	mc_note *note, **tail;
	va_list ap;
	char buf[1024];

	if (diag == NULL)
		return;
	note = mc_arena_alloc(d->arena, sizeof(*note));
	if (note == NULL)
		return;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	note->span = span;
	note->message = mc_arena_strdup(d->arena, buf);
	for (tail = &diag->notes; *tail != NULL; tail = &(*tail)->next)
		continue;
	*tail = note;
}

void
mc_diag_suggest(mc_diags *d, mc_diag *diag, const char *name)
{
	if (diag == NULL || name == NULL)
		return;
	diag->suggestion = mc_arena_printf(d->arena,
	    "vouliez-vous dire « %s » ?", name);
}

void
mc_diags_remove(mc_diags *d, size_t i)
{
	if (i >= d->count)
		return;
	memmove(&d->items[i], &d->items[i + 1], (d->count - i - 1) * sizeof(*d->items));
	d->count--;
	d->worst = MC_NOTE;
	for (size_t k = 0; k < d->count; k++)
		if (d->items[k]->severity > d->worst)
			d->worst = d->items[k]->severity;
}

int
mc_diag_is(const mc_diag *diag, mc_diag_id id)
{
	return strcmp(diag->code, catalogue[id].code) == 0;
}

int
mc_diags_has_errors(const mc_diags *d)
{
	return d->worst >= MC_ERROR;
}

static char
lower(char c)
{
	return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

/* Optimal string alignment distance (Levenshtein with transpositions), over
 * bytes: names are ASCII identifiers, and a misplaced accent costs one or two. */
static size_t
distance(const char *a, const char *b, size_t cap)
{
	size_t la = strlen(a), lb = strlen(b);
	size_t rows[3][65];
	size_t *pp = rows[0], *prev = rows[1], *cur = rows[2];

	if (la > 64 || lb > 64)
		return cap + 1;
	if ((la > lb ? la - lb : lb - la) > cap)
		return cap + 1;
	for (size_t j = 0; j <= lb; j++)
		prev[j] = j;
	for (size_t i = 1; i <= la; i++) {
		size_t rowmin;

		cur[0] = i;
		rowmin = i;
		for (size_t j = 1; j <= lb; j++) {
			size_t cost = lower(a[i - 1]) == lower(b[j - 1]) ? 0 : 1;
			size_t v = prev[j] + 1;

			if (cur[j - 1] + 1 < v)
				v = cur[j - 1] + 1;
			if (prev[j - 1] + cost < v)
				v = prev[j - 1] + cost;
			if (i > 1 && j > 1 && lower(a[i - 1]) == lower(b[j - 2]) &&
			    lower(a[i - 2]) == lower(b[j - 1]) && pp[j - 2] + 1 < v)
				v = pp[j - 2] + 1;
			cur[j] = v;
			if (v < rowmin)
				rowmin = v;
		}
		if (rowmin > cap)
			return cap + 1;
		{
			size_t *t = pp;

			pp = prev;
			prev = cur;
			cur = t;
		}
	}
	return prev[lb];
}

void
mc_suggest_init(mc_suggester *s, const char *word)
{
	size_t len = strlen(word);

	s->word = word;
	s->best = NULL;
	s->part = NULL;
	s->nparts = 0;
	/* At most a third of the word may differ, and at least one edit. */
	s->best_distance = len / 3 + 1;
}

void
mc_suggest_try(mc_suggester *s, const char *candidate)
{
	size_t d;

	if (candidate == NULL || strcmp(candidate, s->word) == 0)
		return;
	{
		size_t lw = strlen(s->word), lc = strlen(candidate);
		const char *shorter = lw < lc ? s->word : candidate;
		const char *longer = lw < lc ? candidate : s->word;
		size_t ls = lw < lc ? lw : lc;

		if (ls >= 5 && strncmp(shorter, longer, ls) == 0 && longer[ls] == '_') {
			s->part = candidate;
			s->nparts++;
		}
	}
	d = distance(s->word, candidate, s->best_distance);
	if (d < s->best_distance || (s->best == NULL && d <= s->best_distance)) {
		s->best = candidate;
		s->best_distance = d;
	}
}

void
mc_suggest_each(mc_suggester *s, const void *items, size_t n, size_t stride)
{
	const char *p = items;

	for (size_t i = 0; i < n; i++, p += stride) {
		const char *name;

		memcpy(&name, p, sizeof(name));
		mc_suggest_try(s, name);
	}
}

const char *
mc_suggest_best(const mc_suggester *s)
{
	return s->best != NULL ? s->best : s->nparts == 1 ? s->part : NULL;
}

void
mc_diag_suggest_best(mc_diags *d, mc_diag *diag, const mc_suggester *s)
{
	if (diag == NULL || mc_suggest_best(s) == NULL)
		return;
	if (s->best == NULL) {
		mc_diag_suggest(d, diag, s->part);
		return;
	}
	/* The distance ignores case: 0 means « Mission », « PLP », « DDFPT ». */
	if (s->best_distance == 0)
		diag->suggestion = mc_arena_printf(d->arena,
		    "les mots d’une lettre s’écrivent en minuscules : « %s »", s->best);
	else
		mc_diag_suggest(d, diag, s->best);
}
