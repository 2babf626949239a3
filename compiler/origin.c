/* origin.c — which kind of text a rule comes from, so that an author of
 * another académie knows whether it binds him: a national text (décret,
 * arrêté, circulaire, note de service, BO) or an académie's own document (its
 * model letter, job description, guide). Read from the rule's `source` and,
 * when it names only a part (« Annexe 1 », « Fiche de poste »), from the
 * référentiel's `source`, which names the documents: the stdlib stays the
 * only place where texts are described. */
#include "facts.h"

#include <stdio.h>
#include <string.h>

/* ASCII case folding is enough: the markers below are ASCII or start so. */
#define find mc_text_find

static int
academic(const char *s, size_t n)
{
	return find(s, n, "académi") != NULL;
}

static int
national(const char *s, size_t n)
{
	static const char *const markers[] = {
		"décret", "arrêté", "circulaire", "note de service",
		"bo n°", "code de l", "loi n°"
	};

	for (size_t i = 0; i < sizeof(markers) / sizeof(markers[0]); i++)
		if (find(s, n, markers[i]) != NULL)
			return 1;
	return 0;
}

/* « d’Aix-Marseille » after « académie », up to a comma or a parenthesis. */
static int
academy_name(const char *s, size_t n, char *buf, size_t size)
{
	const char *a = find(s, n, "académie d");
	const char *e;

	if (a == NULL)
		return 0;
	a += strlen("académie ");
	for (e = a; e < s + n && *e != ',' && *e != '(' && *e != ';' && *e != ':'; e++)
		continue;
	while (e > a && e[-1] == ' ')
		e--;
	snprintf(buf, size, "%.*s", (int)(e - a), a);
	return 1;
}

/* The part of the référentiel's source, between « ; », that names `part`. */
static const char *
segment(const char *src, const char *part, size_t *len)
{
	const char *p = src;

	while (p != NULL && *p != '\0') {
		const char *e = strstr(p, " ; ");
		size_t n = e != NULL ? (size_t)(e - p) : strlen(p);
		/* « … et modèle de lettre … » : a document can follow « et ». */
		const char *hit = find(p, n, part);

		if (hit != NULL) {
			const char *s = p, *et;

			while ((et = find(s, (size_t)(hit - s), " et ")) != NULL)
				s = et + 4;
			*len = n - (size_t)(s - p);
			return s;
		}
		p = e != NULL ? e + 3 : NULL;
	}
	return NULL;
}

const char *
mc_rule_origin(mc_arena *arena, const mc_referential *ref, const char *source)
{
	static const char *const parts[] = {
		"annexe 1", "annexe 2", "annexe 3", "annexe", "fiche de poste", "fiche", "guide",
		"appel à candidatures",
		"modèle"
	};
	const char *doc = NULL;
	size_t n = strlen(source), dlen = 0;
	int acad, nat;
	char name[96];

	/* « Annexe 1 » alone: the référentiel's source says of which text. */
	for (size_t i = 0; i < sizeof(parts) / sizeof(parts[0]) && doc == NULL; i++)
		if (find(source, n, parts[i]) != NULL && ref->source != NULL) {
			doc = segment(ref->source, parts[i], &dlen);
			/* A référentiel drawn from one document: that one. */
			if (doc == NULL && strstr(ref->source, " ; ") == NULL) {
				doc = ref->source;
				dlen = strlen(doc);
			}
		}
	acad = academic(source, n) || (doc != NULL && academic(doc, dlen));
	nat = national(source, n);
	if (acad) {
		int named = academy_name(source, n, name, sizeof(name)) ||
		    (doc != NULL && academy_name(doc, dlen, name, sizeof(name)));

		return mc_arena_printf(arena, "%s (texte %s%s%s)", source,
		    named ? "de l’académie " : "académique", named ? name : "",
		    nat ? ", et texte national" : ", pas un texte national");
	}
	if (nat)
		return mc_arena_printf(arena, "%s (texte national)", source);
	return source;
}
