/* diag_text.c — diagnostics as people read them: « fichier:ligne:colonne:
 * gravité: message [code] », the source line with the span underlined, then the
 * notes, the suggestion and the rule's official source. */
#include <string.h>

#include "cli.h"

/* ANSI colours, as compilers use them: the severity, the caret, the help. */
#define BOLD    "\033[1m"
#define RED     "\033[1;31m"
#define YELLOW  "\033[1;33m"
#define CYAN    "\033[1;36m"
#define GREEN   "\033[1;32m"
#define BLUE    "\033[1;34m"
#define RESET   "\033[0m"

static const char *
severity_color(mc_severity s)
{
	return s == MC_ERROR ? RED : s == MC_WARNING ? YELLOW : CYAN;
}

/* Text that comes from the author's file, printed so that it cannot drive
 * the terminal: control characters become their pictures (« ␛ »). */
static void
put_text(FILE *out, const char *s)
{
	for (const unsigned char *p = (const unsigned char *)s; *p != '\0'; p++) {
		if (*p < 0x20 && *p != '\n') {
			fputc(0xe2, out);
			fputc(0x90, out);
			fputc(0x80 + *p, out);
		} else if (*p == 0x7f) {
			fputs("\xe2\x90\xa1", out);
		} else if (*p == 0xc2 && p[1] >= 0x80 && p[1] <= 0x9f) {
			fputs("\xef\xbf\xbd", out);   /* C1 controls */
			p++;
		} else {
			fputc(*p, out);
		}
	}
}

enum { MAX_SHOWN = 160 };   /* characters of a source line shown around the span */

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

/* Length of a valid UTF-8 sequence at s, or 0. */
static size_t
utf8_len(const unsigned char *s, size_t n)
{
	size_t k = s[0] < 0x80 ? 1 : s[0] >= 0xc2 && s[0] <= 0xdf ? 2 :
	    s[0] >= 0xe0 && s[0] <= 0xef ? 3 : s[0] >= 0xf0 && s[0] <= 0xf4 ? 4 : 0;

	if (k == 0 || k > n)
		return 0;
	for (size_t i = 1; i < k; i++)
		if ((s[i] & 0xc0) != 0x80)
			return 0;
	return k;
}

/* The source line as a terminal can show it, one column per character: a tab
 * becomes a space (so the caret lines up), a NUL « ␀ », an invalid byte « � ». */
static void
put_clean(FILE *out, const char *s, size_t len)
{
	const unsigned char *u = (const unsigned char *)s;

	for (size_t i = 0; i < len;) {
		size_t k = utf8_len(u + i, len - i);

		if (k == 0) {
			fputs("\xef\xbf\xbd", out);
			i++;
		} else if (u[i] == '\t') {
			fputc(' ', out);
			i++;
		} else if (u[i] == 0) {
			fputs("\xe2\x90\x80", out);
			i++;
		} else if (u[i] < 0x20 && u[i] != '\t') {
			fputs("\xef\xbf\xbd", out);
			i++;
		} else {
			fwrite(u + i, 1, k, out);
			i += k;
		}
	}
}

static void
print_excerpt(FILE *out, const mc_span *sp, const char *color)
{
	unsigned line, col, eline, ecol;
	uint32_t start;
	size_t len, from = 0, width, mark;
	const char *text;
	int gutter;
	char num[16];

	mc_source_position(sp->src, sp->start, &line, &col);
	mc_source_position(sp->src, sp->end, &eline, &ecol);
	text = mc_source_line(sp->src, line, &len);
	start = mc_source_line_offset(sp->src, line);
	width = mc_source_chars(sp->src, start, start + (uint32_t)len);
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
		/* Found from the span's byte, not from the line's start: a window
		 * far into a 16 Mio line costs no more than one near its start. */
		size_t b0 = sp->start >= start ? sp->start - start : 0;
		size_t b1;

		if (b0 > len)
			b0 = len;
		for (size_t back = col - 1 - from; back > 0 && b0 > 0; back--)
			while (b0 > 0 && ((unsigned char)text[--b0] & 0xc0) == 0x80)
				;
		b1 = b0 + byte_of_char(text + b0, len - b0, MAX_SHOWN);

		fputs(from > 0 ? "…" : "", out);
		put_clean(out, text + b0, b1 - b0);
		fputs(b1 < len ? "…\n" : "\n", out);
	}
	fprintf(out, " %*s | %*s", gutter, "", (int)(col - 1 - from + (from > 0)), "");
	fputs(color != NULL ? color : "", out);
	fputc('^', out);
	for (size_t i = 1; i < mark; i++)
		fputc('~', out);
	fputs(color != NULL ? RESET "\n" : "\n", out);
}

static void
print_location(FILE *out, const mc_span *sp, int color)
{
	unsigned line, col;
	char buf[4096];

	fputs(color ? BOLD : "", out);
	if (sp->src == NULL) {
		fputs("missionc: ", out);
	} else {
		mc_source_position(sp->src, sp->start, &line, &col);
		put_text(out, cli_relative_path(mc_source_name(sp->src), buf, sizeof(buf)));
		fprintf(out, ":%u:%u: ", line, col);
	}
	fputs(color ? RESET : "", out);
}

static void
labelled(FILE *out, const char *label, const char *text, int color)
{
	fprintf(out, "  %s%s%s : ", color ? BLUE : "", label, color ? RESET : "");
	put_text(out, text);
	fputc('\n', out);
}

void
diag_print_text_color(FILE *out, const mc_diag *d, int color)
{
	print_location(out, &d->span, color);
	fprintf(out, "%s%s:%s ", color ? severity_color(d->severity) : "",
	    mc_severity_name(d->severity), color ? RESET BOLD : "");
	put_text(out, d->message);
	fprintf(out, " [%s]%s\n", d->code, color ? RESET : "");
	if (d->span.src != NULL && mc_source_length(d->span.src) > 0)
		print_excerpt(out, &d->span, color ? severity_color(d->severity) : NULL);
	if (d->suggestion != NULL) {
		fprintf(out, "  %saide%s : ", color ? GREEN : "", color ? RESET : "");
		put_text(out, d->suggestion);
		fputc('\n', out);
	}
	if (d->rule_source != NULL)
		labelled(out, "source", d->rule_source, color);
	/* Remarks on the diagnostic itself first, then the other places. */
	for (const mc_note *n = d->notes; n != NULL; n = n->next)
		if (n->span.src == NULL)
			labelled(out, "note", n->message, color);
	for (const mc_note *n = d->notes; n != NULL; n = n->next) {
		if (n->span.src == NULL)
			continue;
		print_location(out, &n->span, color);
		fprintf(out, "%snote:%s ", color ? CYAN : "", color ? RESET : "");
		put_text(out, n->message);
		fputc('\n', out);
		if (mc_source_length(n->span.src) > 0)
			print_excerpt(out, &n->span, color ? CYAN : NULL);
	}
}

void
diag_print_text(FILE *out, const mc_diag *d)
{
	diag_print_text_color(out, d, 0);
}

void
diag_print_summary(FILE *out, size_t errors, size_t warnings, int color)
{
	if (errors > 0)
		fprintf(out, "%s%zu erreur%s%s", color ? RED : "", errors,
		    errors > 1 ? "s" : "", color ? RESET : "");
	if (errors > 0 && warnings > 0)
		fputs(", ", out);
	if (warnings > 0)
		fprintf(out, "%s%zu avertissement%s%s", color ? YELLOW : "", warnings,
		    warnings > 1 ? "s" : "", color ? RESET : "");
	fputc('\n', out);
}
