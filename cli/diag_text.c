/* diag_text.c — diagnostics as people read them: « fichier:ligne:colonne:
 * gravité: message [code] », the source line with the span underlined, then the
 * notes, the suggestion and the rule's official source. */
#include <string.h>

#include "cli.h"

enum { MAX_SHOWN = 160 };   /* characters of a source line shown around the span */

static size_t
chars(const char *s, size_t len)
{
	size_t n = 0;

	for (size_t i = 0; i < len; i++)
		if (((unsigned char)s[i] & 0xc0) != 0x80)
			n++;
	return n;
}

/* Byte offset of the n-th character of s. */
static size_t
byte_of_char(const char *s, size_t len, size_t n)
{
	size_t i = 0;

	while (i < len && n > 0) {
		i++;
		while (i < len && ((unsigned char)s[i] & 0xc0) == 0x80)
			i++;
		n--;
	}
	return i;
}

static void
print_excerpt(FILE *out, const mc_span *sp)
{
	unsigned line, col, eline, ecol;
	size_t len, from = 0, width, mark;
	const char *text;
	int gutter;
	char num[16];

	mc_source_position(sp->src, sp->start, &line, &col);
	mc_source_position(sp->src, sp->end, &eline, &ecol);
	text = mc_source_line(sp->src, line, &len);
	width = chars(text, len);
	/* Underline to the end of the span, or of the line for a multi-line span. */
	mark = eline == line && ecol > col ? ecol - col : width >= col ? width - col + 1 : 1;
	if (mark == 0)
		mark = 1;
	/* Long lines: show a window around the column. */
	if (width > MAX_SHOWN) {
		from = col > MAX_SHOWN / 2 ? col - MAX_SHOWN / 2 : 0;
		if (mark > MAX_SHOWN / 2)
			mark = MAX_SHOWN / 2;
	}
	gutter = snprintf(num, sizeof(num), "%u", line);
	fprintf(out, " %s | ", num);
	{
		size_t b0 = byte_of_char(text, len, from);
		size_t b1 = byte_of_char(text, len, from + MAX_SHOWN);

		fprintf(out, "%s%.*s%s\n", from > 0 ? "…" : "", (int)(b1 - b0),
		    text + b0, b1 < len ? "…" : "");
	}
	fprintf(out, " %*s | %*s", gutter, "", (int)(col - 1 - from + (from > 0)), "");
	fputc('^', out);
	for (size_t i = 1; i < mark; i++)
		fputc('~', out);
	fputc('\n', out);
}

static void
print_location(FILE *out, const mc_span *sp)
{
	unsigned line, col;

	if (sp->src == NULL) {
		fputs("missionc: ", out);
		return;
	}
	mc_source_position(sp->src, sp->start, &line, &col);
	fprintf(out, "%s:%u:%u: ", mc_source_name(sp->src), line, col);
}

void
diag_print_text(FILE *out, const mc_diag *d)
{
	print_location(out, &d->span);
	fprintf(out, "%s: %s [%s]\n", mc_severity_name(d->severity), d->message,
	    d->code);
	if (d->span.src != NULL && mc_source_length(d->span.src) > 0)
		print_excerpt(out, &d->span);
	if (d->suggestion != NULL)
		fprintf(out, "  aide : %s\n", d->suggestion);
	if (d->rule_source != NULL)
		fprintf(out, "  source : %s\n", d->rule_source);
	for (const mc_note *n = d->notes; n != NULL; n = n->next) {
		print_location(out, &n->span);
		fprintf(out, "note: %s\n", n->message);
		if (n->span.src != NULL && mc_source_length(n->span.src) > 0)
			print_excerpt(out, &n->span);
	}
}
