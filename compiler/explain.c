/* explain.c — what a diagnostic code or a rule means, as `missionc expliquer`
 * prints it and as an editor shows it over a diagnostic: the message, the
 * severity, the official source and the school years a rule applies to, and
 * for both a wrong example and its correction. */
#include "facts.h"
#include "query.h"

#include <string.h>

size_t
mc_explain_blanks(const char *fmt, char *buf, size_t size)
{
	size_t o = 0;

	for (const char *p = fmt; *p != '\0' && o + 4 < size; p++) {
		if (*p == '%' && p[1] == '%') {
			buf[o++] = '%';
			p++;
		} else if (*p == '%') {
			p++;
			while (*p != '\0' && strchr("0123456789.-+ #zlh", *p) != NULL)
				p++;
			memcpy(buf + o, "…", 3);
			o += 3;
			if (*p == '\0')
				break;
		} else {
			buf[o++] = *p;
		}
	}
	if (size > 0)
		buf[o] = '\0';
	return o;
}

/* Does the word at p (after a space) stay with the one before it? French
 * puts a space before » : ; ! ?, but never begins a line with them. */
static int
clings(const char *p)
{
	return strncmp(p, "»", strlen("»")) == 0 || (*p != '\0' && strchr(":;!?", *p) != NULL);
}

/* The length of the unit a line may not break: a word, with the closing
 * punctuation after it and the word after an opening « (« Mme »). */
static size_t
unit_length(const char *p)
{
	const char *e = strchr(p, ' ');

	while (e != NULL) {
		const char *next = e;

		while (*next == ' ')
			next++;
		if (*next == '\0' || !(clings(next) || (e - p >= 2 &&
		    strncmp(e - strlen("«"), "«", strlen("«")) == 0)))
			break;
		e = strchr(next, ' ');
	}
	return e ? (size_t)(e - p) : strlen(p);
}

/* A paragraph, wrapped at 78 columns (counted in characters). */
static void
put_wrapped(mc_buffer *out, const char *text, const char *indent)
{
	const char *p = text;
	size_t col = 0;

	mc_buffer_puts(out, indent);
	while (*p != '\0') {
		size_t n = unit_length(p);
		size_t w = mc_utf8_chars(p, n);

		if (col > 0 && col + 1 + w > 76) {
			mc_buffer_printf(out, "\n%s", indent);
			col = 0;
		} else if (col > 0) {
			mc_buffer_puts(out, " ");
			col++;
		}
		mc_buffer_put(out, p, n);
		col += w;
		p += n;
		while (*p == ' ')
			p++;
	}
	mc_buffer_puts(out, "\n");
}

static void
put_lines(mc_buffer *out, const char *text, const char *indent)
{
	for (const char *p = text; *p != '\0';) {
		const char *e = strchr(p, '\n');
		size_t n = e ? (size_t)(e - p) : strlen(p);

		mc_buffer_printf(out, "%s%.*s\n", indent, (int)n, p);
		p += n + (e != NULL);
	}
}

/* « Faux : » / « Juste : », as the compiler's codes and the rules print
 * their examples. */
static void
put_examples(mc_buffer *out, const char *wrong, const char *right)
{
	if (wrong != NULL) {
		mc_buffer_puts(out, "\nFaux :\n\n");
		put_lines(out, wrong, "    ");
	}
	if (right != NULL) {
		mc_buffer_puts(out, "\nJuste :\n\n");
		put_lines(out, right, "    ");
	}
}

/* « Quand : » / « Exige : » in French when the condition compares the
 * letter's values with the rule's own (mc_rule_said); left out otherwise: the
 * message and the advice say it, the raw expression is not for an author. */
static void
put_condition(mc_buffer *out, const char *label, const mc_node *e)
{
	char said[512];

	if (e != NULL && mc_rule_said(e, said, sizeof(said)))
		mc_buffer_printf(out, "  %s : %s\n", label, said);
}

/* The file a rule is defined in, relative to base when below it. */
static const char *
shown_path(const char *path, const char *base)
{
	size_t n = base != NULL ? strlen(base) : 0;

	if (n > 0 && path[0] == '/' && strncmp(path, base, n) == 0 &&
	    (path[n] == '/' || base[n - 1] == '/'))
		return path + n + (path[n] == '/');
	return path;
}

static void
put_rule(mc_buffer *out, const mc_referential *ref, const mc_rule *r,
    const char *base)
{
	unsigned line, col;

	mc_source_position(&ref->src, r->decl->start, &line, &col);
	mc_buffer_printf(out, "%s — %s\n\n", r->code, mc_severity_name(r->severity));
	mc_buffer_printf(out, "  %s\n\n", r->message);
	put_condition(out, "Quand", r->when);
	put_condition(out, "Exige", r->require);
	if (r->advice != NULL)
		mc_buffer_printf(out, "  Conseil : %s\n", r->advice);
	mc_buffer_printf(out, "  Source : %s\n", r->source);
	if (r->first_year == 0 && r->last_year == 0)
		mc_buffer_puts(out, "  S’applique : à toutes les années scolaires\n");
	else if (r->last_year == 0)
		mc_buffer_printf(out, "  S’applique : depuis l’année scolaire %d-%d\n",
		    r->first_year, r->first_year + 1);
	else if (r->first_year == r->last_year)
		mc_buffer_printf(out, "  S’applique : à l’année scolaire %d-%d\n",
		    r->first_year, r->first_year + 1);
	else
		mc_buffer_printf(out, "  S’applique : des années scolaires %d-%d à %d-%d\n",
		    r->first_year, r->first_year + 1, r->last_year, r->last_year + 1);
	mc_buffer_printf(out, "  Définie dans : %s:%u\n",
	    shown_path(mc_source_name(&ref->src), base), line);
	put_examples(out, r->wrong, r->right);
}

static int
explain_rule(mc_stdlib *lib, const char *code, const char *base, mc_buffer *out)
{
	const char *dot = strchr(code, '.');
	int found = 0;

	if (dot != NULL) {
		char name[65];
		size_t n = (size_t)(dot - code);
		const mc_referential *ref;
		const mc_rule *r;

		if (n >= sizeof(name))
			return 0;
		memcpy(name, code, n);
		name[n] = '\0';
		ref = mc_stdlib_get(lib, name);
		if (ref == NULL || mc_referential_broken(ref) ||
		    (r = mc_ref_rule(ref, code)) == NULL)
			return 0;
		put_rule(out, ref, r, base);
		return 1;
	}
	/* A bare rule name: every référentiel that has one by that name. */
	for (const char *const *names = mc_stdlib_names(lib); names && *names; names++) {
		const mc_referential *ref = mc_stdlib_get(lib, *names);
		const mc_rule *r;

		if (ref == NULL || mc_referential_broken(ref) ||
		    (r = mc_ref_rule(ref, code)) == NULL)
			continue;
		if (found++)
			mc_buffer_puts(out, "\n");
		put_rule(out, ref, r, base);
	}
	return found;
}

int
mc_explain(mc_stdlib *lib, const char *code, const char *base, mc_buffer *out)
{
	for (size_t i = 0; i < mc_catalogue_count(); i++) {
		const char *c, *message, *why, *wrong, *right;
		mc_severity sev;
		char text[1024];

		mc_catalogue_entry(i, &c, &sev, &message);
		if (strcmp(c, code) != 0)
			continue;
		mc_explain_blanks(message, text, sizeof(text));
		mc_buffer_printf(out, "%s — %s (diagnostic du compilateur)\n\n  %s\n", c,
		    mc_severity_name(sev), text);
		if (mc_catalogue_explanation(i, &why, &wrong, &right)) {
			mc_buffer_puts(out, "\n");
			put_wrapped(out, why, "  ");
			put_examples(out, wrong, right);
		}
		return 1;
	}
	return lib != NULL && explain_rule(lib, code, base, out);
}
