/* lex_support.c — what the scanner does with each token: literal values turned
 * into nodes (numbers with units, dates, strings, text blocks), limits checked,
 * lexical errors reported in French, lines that continue after an operator. */
#include "cp1252.h"
#include "lex_support.h"
#include "letter.h"
#include "pdf_charset.h"

#include <stdio.h>
#include <string.h>

static mc_span
span(const mc_parser *p, uint32_t start, uint32_t end)
{
	return mc_span_of(p->src, start, end);
}

int
mc_lex_token(mc_parser *p, int token)
{
	p->last_token = token;
	return token;
}

/* A line ends a statement unless it is blank, inside parentheses, or the line
 * stops on something that asks for more (« , », « et », « { »…). */
int
mc_lex_blank(mc_parser *p, YYSTYPE *val, const YYLTYPE *loc)
{
	val->node = mc_node_new(p->arena, MC_N_BLANK, loc->start, loc->end);
	return mc_lex_token(p, BLANK);
}

int
mc_lex_field(mc_parser *p, YYSTYPE *val, const YYLTYPE *loc, const char *name,
    size_t len)
{
	mc_node *n = mc_node_new(p->arena, MC_N_FIELD, loc->start, loc->end);

	if (len > MC_MAX_WORD)
		len = MC_MAX_WORD;
	if (n != NULL) {
		n->u.word.text = mc_arena_strndup(p->arena, name, len);
		n->u.word.key = mc_fold(p->arena, name, len);
	}
	val->node = n;
	return mc_lex_token(p, FIELD);
}

int
mc_lex_newline_counts(mc_parser *p)
{
	p->prose = 0;
	if (p->parens > 0)
		return 0;
	switch (p->last_token) {
	case 0: case NEWLINE: case ',': case ':': case '{': case AND: case OR:
	case NOT: case IN: case '=': case NE: case '<': case LE: case '>':
	case GE: case '+': case '-': case '*': case DOTDOT:
		return 0;
	default:
		return 1;
	}
}

int
mc_lex_open(mc_parser *p, const YYLTYPE *loc, char c)
{
	if (++p->depth > MC_MAX_DEPTH) {
		if (!p->aborted)
			mc_diag_emit(p->diags, MC_D_TOO_DEEP,
			    span(p, loc->start, loc->end), MC_MAX_DEPTH);
		p->aborted = 1;
		return 0;   /* END: stop reading, nothing after this is sound */
	}
	if (c != '{')
		p->parens++;
	/* « {{ », or « { » alone on the line after a « { »: the grammar reads
	 * it as a block of no statement, but only at its « } »; said here, at
	 * the brace, before whatever error may come inside. */
	p->stray[p->depth - 1] = c == '{' && p->last_token == '{' && p->depth >= 2;
	if (p->stray[p->depth - 1] && !p->stray[p->depth - 2])
		mc_diag_emit(p->diags, MC_D_SYNTAX, span(p, loc->start, loc->end),
		    "« { » en trop : le bloc est déjà ouvert par la « { » d’avant ; retirez celle-ci et la « } » qui la ferme");
	p->opened[p->depth - 1] = loc->start;
	return mc_lex_token(p, c);
}

int
mc_lex_close(mc_parser *p, const YYLTYPE *loc, char c)
{
	/* « } » with no block open: reported once, then skipped so that the
	 * statements after it still read (the resolver may find the cause). */
	if (p->depth == 0 && c == '}') {
		mc_diag_emit(p->diags, MC_D_STRAY_CLOSE, span(p, loc->start, loc->end));
		return -1;
	}
	if (p->depth > 0)
		p->depth--;
	if (c != '}' && p->parens > 0)
		p->parens--;
	return mc_lex_token(p, c);
}

int
mc_lex_word(mc_parser *p, YYSTYPE *val, const YYLTYPE *loc,
    const char *text, size_t len, int token)
{
	mc_node *n = mc_node_new(p->arena, MC_N_WORD, loc->start, loc->end);

	/* « Le lycée accueille 650 élèves. » at the start of a line: prose
	 * written without its quotes, reported once by the resolver. */
	if (p->last_token == 0 || p->last_token == NEWLINE || p->last_token == '{')
		p->prose = (text[0] >= 'A' && text[0] <= 'Z') ||
		    ((unsigned char)text[0] == 0xc3 && (unsigned char)text[1] >= 0x80 &&
		    (unsigned char)text[1] <= 0x9e);
	if (len > MC_MAX_WORD) {
		mc_diag_emit(p->diags, MC_D_SYNTAX, span(p, loc->start, loc->end),
		    "mot trop long (plus de 200 caractères) : un nom de mission, de rôle ou de partie est un mot court ; un texte s’écrit entre guillemets");
		len = MC_MAX_WORD;
	}
	if (n != NULL) {
		n->u.word.text = mc_arena_strndup(p->arena, text, len);
		n->u.word.key = mc_fold(p->arena, text, len);
	}
	val->node = n;
	return mc_lex_token(p, token);
}

int
mc_lex_path(mc_parser *p, YYSTYPE *val, const YYLTYPE *loc,
    const char *text, size_t len)
{
	mc_node *n = mc_node_new(p->arena, MC_N_PATH, loc->start, loc->end);

	if (len > MC_MAX_WORD)
		len = MC_MAX_WORD;
	if (n != NULL) {
		n->u.str.text = mc_arena_strndup(p->arena, text, len);
		n->u.str.len = len;
	}
	val->node = n;
	return mc_lex_token(p, PATH);
}

static mc_node *
text_node(mc_parser *p, const YYLTYPE *loc, mc_node_kind kind, char *buf,
    size_t len)
{
	mc_node *n = mc_node_new(p->arena, kind, loc->start, loc->end);
	size_t chars = mc_utf8_chars(buf, len);

	if (chars > MC_MAX_TEXT)
		mc_diag_emit(p->diags, MC_D_TEXT_TOO_LONG,
		    span(p, loc->start, loc->end), chars, MC_MAX_TEXT);
	if (n != NULL) {
		n->u.str.text = buf;
		n->u.str.len = len;
	}
	return n;
}

static int keyword_after(const mc_parser *p, uint32_t at);

/* Whether the line after `at` ends a block, the file, or starts a
 * declaration: a text not closed at `at` was not meant to go on there. */
static int
statement_follows(const mc_parser *p, uint32_t at)
{
	const char *t = p->src->text;

	while (at < p->src->len && t[at] != '\n')
		at++;
	while (at < p->src->len && (t[at] == '\n' || t[at] == ' ' || t[at] == '\t' ||
	    t[at] == '\r'))
		at++;
	return at >= p->src->len || t[at] == '}' || t[at] == '#' ||
	    keyword_after(p, at) || strncmp(t + at, "activit", 7) == 0 ||
	    strncmp(t + at, "observation", 11) == 0;
}

int
mc_lex_string(mc_parser *p, YYSTYPE *val, const YYLTYPE *loc,
    const char *text, size_t len, int terminated)
{
	char *buf = mc_arena_alloc(p->arena, len + 1);
	size_t o = 0;
	size_t end = terminated ? len - 1 : len;

	if (!terminated) {
		mc_diag *d = mc_diag_emit(p->diags, MC_D_UNTERMINATED_STRING,
		    span(p, loc->start, loc->end));
		size_t last = len;

		while (last > 0 && (text[last - 1] == ' ' || text[last - 1] == '\t' ||
		    text[last - 1] == '\r'))
			last--;
		/* "Aix-Marseille” : closed by a word processor's mark (the
		 * scanner ends the text there: mc_lex_curly_close). */
		if (last >= 3 && (memcmp(text + last - 3, "\xe2\x80\x9d", 3) == 0 ||
		    memcmp(text + last - 3, "\xe2\x80\x9c", 3) == 0)) {
			if (d != NULL)
				d->suggestion = mc_arena_printf(p->arena,
				    "le texte se ferme par « %.3s », un guillemet de traitement de texte : remplacez-le par un guillemet droit « \" »",
				    text + last - 3);
			end = last - 3;
		} else if (d != NULL && last > 1 && text[last - 1] != '\\' &&
		    statement_follows(p, loc->end)) {
			/* « academie "Aix-Marseille » then the next declaration:
			 * the quote forgotten at the line's end. */
			d->suggestion = mc_arena_printf(p->arena, "fermez-le : écrivez « %s »",
			    mc_lex_line_with(p, loc->start, loc->end,
			    mc_arena_printf(p->arena, "%.*s\"", (int)last, text)));
		}
	}
	if (buf == NULL) {
		val->node = NULL;
		return mc_lex_token(p, STRING);
	}
	for (size_t i = 1; i < end; i++) {
		if (text[i] == '\\' && i + 1 < end) {
			char c = text[++i];

			if (c == '"' || c == '\\') {
				buf[o++] = c;
			} else {
				char seq[5] = { 0 };
				size_t k = 1;

				seq[0] = c;
				while (k < 4 && i + k < end &&
				    ((unsigned char)text[i + k] & 0xc0) == 0x80) {
					seq[k] = text[i + k];
					k++;
				}
				mc_diag_emit(p->diags, MC_D_UNKNOWN_ESCAPE,
				    span(p, loc->start + (uint32_t)i - 1,
				    loc->start + (uint32_t)(i + k)), seq);
				buf[o++] = '\\';
				buf[o++] = c;
			}
		} else if (text[i] != '\\') {
			buf[o++] = text[i];
		}
	}
	buf[o] = '\0';
	/* « spéciﬁque » copied from a PDF is « spécifique »: the letters. */
	o = mc_text_letters(buf, o);
	val->node = text_node(p, loc, MC_N_STRING, buf, o);
	return mc_lex_token(p, STRING);
}

static int
blank(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r')
			return 0;
	return 1;
}

/* A text block keeps the author's text: line ends, paragraphs, accents. Only
 * the indentation shared by its lines, and empty first and last lines, go. */
int
mc_lex_text(mc_parser *p, YYSTYPE *val, const YYLTYPE *loc,
    const char *text, size_t len, int terminated)
{
	const char *body = text + 3, *stop;
	size_t indent = (size_t)-1;
	char *buf, *o;

	if (!terminated) {
		mc_diag_emit(p->diags, MC_D_UNTERMINATED_TEXT,
		    span(p, loc->start, loc->start + 3));
		stop = text + len;
	} else {
		stop = text + len - 3;
	}
	/* Drop a blank first line and a blank last line. */
	{
		const char *nl = memchr(body, '\n', (size_t)(stop - body));

		if (nl != NULL && blank(body, (size_t)(nl - body)))
			body = nl + 1;
	}
	{
		const char *q = stop;

		while (q > body && q[-1] != '\n')
			q--;
		if (q > body && blank(q, (size_t)(stop - q)))
			stop = q - 1;
		else if (q == body && blank(body, (size_t)(stop - body)))
			stop = body;
	}
	for (const char *l = body; l < stop;) {
		const char *e = memchr(l, '\n', (size_t)(stop - l));
		size_t n = 0;

		if (e == NULL)
			e = stop;
		if (!blank(l, (size_t)(e - l))) {
			while (l + n < e && (l[n] == ' ' || l[n] == '\t'))
				n++;
			if (n < indent)
				indent = n;
		}
		l = e + 1;
	}
	if (indent == (size_t)-1)
		indent = 0;
	buf = o = mc_arena_alloc(p->arena, (size_t)(stop - body) + 1);
	if (buf == NULL) {
		val->node = NULL;
		return mc_lex_token(p, TEXT);
	}
	for (const char *l = body; l < stop;) {
		const char *e = memchr(l, '\n', (size_t)(stop - l));
		const char *s;

		if (e == NULL)
			e = stop;
		s = blank(l, (size_t)(e - l)) ? e : l + indent;
		{
			const char *t = e;

			while (t > s && (t[-1] == ' ' || t[-1] == '\t' || t[-1] == '\r'))
				t--;
			memcpy(o, s, (size_t)(t - s));
			o += t - s;
		}
		if (e < stop)
			*o++ = '\n';
		l = e + 1;
	}
	*o = '\0';
	val->node = text_node(p, loc, MC_N_TEXT, buf, mc_text_letters(buf, (size_t)(o - buf)));
	return mc_lex_token(p, TEXT);
}

/* Splits « 1 250 € » into its number and its unit. */
static size_t
number_length(const char *s, size_t len)
{
	size_t i = 0;

	while (i < len) {
		unsigned char c = (unsigned char)s[i];
		size_t sep = 0;

		if ((c >= '0' && c <= '9') || c == ',') {
			i++;
			continue;
		}
		if (c == ' ')
			sep = 1;
		else if (c == 0xc2 && i + 1 < len && (unsigned char)s[i + 1] == 0xa0)
			sep = 2;
		else if (c == 0xe2 && i + 2 < len && (unsigned char)s[i + 1] == 0x80 &&
		    (unsigned char)s[i + 2] == 0xaf)
			sep = 3;
		if (sep && i + sep < len && s[i + sep] >= '0' && s[i + sep] <= '9') {
			i += sep;
			continue;
		}
		break;
	}
	return i;
}

static size_t
skip_separator(const char *s, size_t len)
{
	if (len >= 1 && s[0] == ' ')
		return 1;
	if (len >= 2 && memcmp(s, "\xc2\xa0", 2) == 0)
		return 2;
	if (len >= 3 && memcmp(s, "\xe2\x80\xaf", 3) == 0)
		return 3;
	return 0;
}

int
mc_lex_number(mc_parser *p, YYSTYPE *val, const YYLTYPE *loc,
    const char *text, size_t len, int negative)
{
	const char *digits = text + (negative ? 1 : 0);
	size_t dlen = len - (negative ? 1 : 0);
	size_t nlen = number_length(digits, dlen);
	size_t usep = skip_separator(digits + nlen, dlen - nlen);
	mc_unit unit = MC_U_NONE;
	int64_t milli = 0;
	mc_number_status st;
	mc_node *n;
	mc_span sp = span(p, loc->start, loc->end);

	if (nlen < dlen)
		unit = mc_unit_parse(digits + nlen + usep, dlen - nlen - usep);
	if (unit == MC_U__COUNT)
		unit = MC_U_NONE;
	st = mc_number_parse(digits, nlen, &milli);
	if (st == MC_NUMBER_TOO_LARGE) {
		char shown[64];

		snprintf(shown, sizeof(shown), "%.*s%s", (int)(nlen > 40 ? 40 : nlen),
		    digits, nlen > 40 ? "…" : "");
		mc_diag_emit(p->diags, MC_D_NUMBER_TOO_LARGE, sp, shown,
		    "un milliard");
		milli = 0;
	} else if (st == MC_NUMBER_TOO_PRECISE) {
		mc_diag_emit(p->diags, MC_D_SYNTAX, sp,
		    "trop de décimales : trois au plus (« 312,50 € », « 4,5 jours/semaine »)");
	}
	if (negative) {
		char shown[64];

		snprintf(shown, sizeof(shown), "%.*s", (int)(len > 40 ? 40 : len),
		    text);
		mc_diag_emit(p->diags, MC_D_NEGATIVE_QUANTITY, sp, shown);
	}
	n = mc_node_new(p->arena, unit == MC_U_NONE ? MC_N_NUMBER : MC_N_QUANTITY,
	    loc->start, loc->end);
	if (n != NULL) {
		n->u.qty.milli = milli;
		n->u.qty.unit = unit;
	}
	val->node = n;
	return mc_lex_token(p, unit == MC_U_NONE ? NUMBER : QUANTITY);
}

int
mc_lex_decimal_point(mc_parser *p, YYSTYPE *val, const YYLTYPE *loc,
    const char *text, size_t len)
{
	char fixed[128];
	size_t n = len < sizeof(fixed) - 1 ? len : sizeof(fixed) - 1;
	char *shown;

	size_t dot = 0, after = 0;

	memcpy(fixed, text, n);
	fixed[n] = '\0';
	shown = mc_arena_strdup(p->arena, fixed);
	while (dot < n && fixed[dot] != '.')
		dot++;
	while (dot + 1 + after < n && fixed[dot + 1 + after] >= '0' &&
	    fixed[dot + 1 + after] <= '9')
		after++;
	/* « 1.250 € » is a spreadsheet's thousands, not 1,25 €: three digits
	 * after the point, and a whole part that is not « 0 ». */
	if (after == 3 && fixed[0] != '0') {
		fixed[dot] = ' ';
		mc_diag_emit(p->diags, MC_D_THOUSANDS_POINT,
		    span(p, loc->start, loc->end), shown ? shown : "", fixed);
		return mc_lex_number(p, val, loc, fixed, n, 0);
	}
	/* A number longer than the copy may have its point cut off: the
	 * copy's end stays its end. */
	if (dot < n)
		fixed[dot] = ',';
	mc_diag_emit(p->diags, MC_D_DECIMAL_POINT, span(p, loc->start, loc->end),
	    shown ? shown : "", fixed);
	/* Go on with the value the author meant. */
	return mc_lex_number(p, val, loc, fixed, n, 0);
}

int
mc_days_in_month(int y, int m)
{
	static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 29;
	return days[m - 1];
}

int
mc_lex_date(mc_parser *p, YYSTYPE *val, const YYLTYPE *loc, const char *text)
{
	int y = 0, m = 0, d = 0;
	mc_node *n = mc_node_new(p->arena, MC_N_DATE, loc->start, loc->end);

	y = (text[0] - '0') * 1000 + (text[1] - '0') * 100 + (text[2] - '0') * 10 +
	    (text[3] - '0');
	m = (text[5] - '0') * 10 + (text[6] - '0');
	d = (text[8] - '0') * 10 + (text[9] - '0');
	if (y < 1900 || m < 1 || m > 12 || d < 1 || d > mc_days_in_month(y, m)) {
		char shown[16];

		snprintf(shown, sizeof(shown), "%.10s", text);
		mc_diag_emit(p->diags, MC_D_IMPOSSIBLE_DATE,
		    span(p, loc->start, loc->end), shown);
		y = 1970;
		m = d = 1;
	}
	return mc_lex_date_node(p, val, n, y, m, d);
}

int
mc_lex_date_node(mc_parser *p, YYSTYPE *val, mc_node *n, int y, int m, int d)
{
	if (n != NULL) {
		n->u.date.year = y;
		n->u.date.month = m;
		n->u.date.day = d;
	}
	val->node = n;
	return mc_lex_token(p, DATE);
}

int
mc_lex_year(mc_parser *p, YYSTYPE *val, const YYLTYPE *loc, const char *text)
{
	int a = 0, b = 0;
	mc_node *n = mc_node_new(p->arena, MC_N_YEAR, loc->start, loc->end);

	for (int i = 0; i < 4; i++) {
		a = a * 10 + (text[i] - '0');
		b = b * 10 + (text[i + 5] - '0');
	}
	if (b != a + 1 || a < 1900) {
		char shown[16];

		snprintf(shown, sizeof(shown), "%.9s", text);
		mc_diag_emit(p->diags, MC_D_BAD_SCHOOL_YEAR,
		    span(p, loc->start, loc->end), shown);
	}
	if (n != NULL)
		n->u.year = a;
	val->node = n;
	return mc_lex_token(p, YEAR);
}

/* Whether only spaces or a comment follow offset `at` on its line. */
static int
ends_line(const mc_parser *p, uint32_t at)
{
	const char *t = p->src->text;

	while (at < p->src->len && (t[at] == ' ' || t[at] == '\t' || t[at] == '\r'))
		at++;
	return at >= p->src->len || t[at] == '\n' || t[at] == '#';
}

/* Whether the word after `at` (spaces skipped) is a declaration's keyword:
 * « service 39 h; enseignement 2 h » is two declarations on a line,
 * « signatures chef; agent » a list. */
static int
keyword_after(const mc_parser *p, uint32_t at)
{
	const char *t = p->src->text;
	char word[32];
	size_t n = 0;

	while (at < p->src->len && (t[at] == ' ' || t[at] == '\t'))
		at++;
	while (at < p->src->len && n + 1 < sizeof(word) &&
	    ((t[at] >= 'a' && t[at] <= 'z') || t[at] == '_'))
		word[n++] = t[at++];
	word[n] = '\0';
	return n > 0 && mc_kw_find(word) != MC_KW__COUNT;
}

/* Whether only blanks come before offset `at` on its line. */
static int
starts_line(const mc_parser *p, uint32_t at)
{
	const char *t = p->src->text;

	while (at > 0 && (t[at - 1] == ' ' || t[at - 1] == '\t'))
		at--;
	return at == 0 || t[at - 1] == '\n';
}

void
mc_lex_unexpected(mc_parser *p, const YYLTYPE *loc, const char *text,
    size_t len)
{
	char buf[32];
	const char *shown = buf, *hint;
	unsigned char c = (unsigned char)text[0];
	mc_diag *d;

	/* The punctuation of a line of prose: the line is reported as such. */
	if (p->prose && (strchr(".;!?'", c) != NULL ||
	    (len == 3 && memcmp(text, "\xe2\x80\x99", 3) == 0)))
		return;

	if (c < 0x20 || c == 0x7f)
		snprintf(buf, sizeof(buf), "U+%04X", c);
	else
		snprintf(buf, sizeof(buf), "%.*s", (int)len, text);
	hint = mc_lex_pasted_char(p, text, len, &shown);
	/* Another character nobody sees (U+202E, U+2028, U+0085…): by its
	 * code, never itself in the terminal, named as a text names it. */
	if (hint == NULL && len > 1 && (text[0] & 0xc0) == 0xc0) {
		uint32_t cp;
		mc_char_kind k;

		mc_utf8_decode(text, &cp);
		k = mc_char_kind_of(cp);
		if (k == MC_CHAR_CONTROL || k == MC_CHAR_INVISIBLE) {
			char why[512];

			snprintf(buf, sizeof(buf), "U+%04X", (unsigned)cp);
			mc_char_refusal(cp, 0, why, sizeof(why));
			hint = mc_arena_strdup(p->arena, why);
		}
	}
	/* « \u00a0\u00a0activité », « »» »: a run of the same character is
	 * one mistake, said once over the run. */
	if (p->diags->count > 0) {
		const mc_diag *last = p->diags->items[p->diags->count - 1];

		if (last->span.src == p->src && last->span.end == loc->start &&
		    mc_diag_is(last, MC_D_UNEXPECTED_CHAR) &&
		    last->span.end - last->span.start >= len &&
		    memcmp(p->src->text + last->span.end - len, text, len) == 0) {
			((mc_diag *)(uintptr_t)last)->span.end = loc->end;
			return;
		}
	}
	d = mc_diag_emit(p->diags, MC_D_UNEXPECTED_CHAR,
	    span(p, loc->start, loc->end), shown);
	if (d == NULL)
		return;
	if (hint != NULL)
		d->suggestion = hint;
	else if (c == '\'' || (len == 3 && memcmp(text, "\xe2\x80\x99", 3) == 0) ||
	    (len == 2 && memcmp(text, "\xc2\xab", 2) == 0))
		d->suggestion = "un texte s’écrit entre guillemets droits : \"…\"";
	else if (c == ';' && !ends_line(p, loc->end) && !keyword_after(p, loc->end))
		d->suggestion = mc_hint_semicolon_list;
	else if (c == ';')
		d->suggestion = "écrivez une déclaration par ligne, sans « ; »";
	else if (c == '.' && ends_line(p, loc->end))
		d->suggestion = "retirez le point : une déclaration finit avec sa ligne";
	else if (len == 3 && memcmp(text, "\xe2\x80\xa2", 3) == 0 &&
	    starts_line(p, loc->start))
		d->suggestion = "une ligne commence par le mot-clé de sa déclaration : retirez « • » (une liste à puces s’écrit dans un texte entre guillemets)";
}

static const char *
token_display(mc_parser *p, const char *name)
{
	/* Character tokens come as 'x'; the named ones already read in French. */
	if (name[0] == '\'' && name[1] != '\0' && name[2] == '\'')
		return mc_arena_printf(p->arena, "« %c »", name[1]);
	if (name[0] == '"') {
		size_t n = strlen(name);

		return mc_arena_strndup(p->arena, name + 1, n >= 2 ? n - 2 : 0);
	}
	return name;
}

/* A line that starts with a sign instead of a keyword: the bullet of a
 * list pasted from a word processor, a comment written as in C. NULL when
 * the sign is not at its line's start, or is another. */
static const char *
line_start_hint(const mc_parser *p, uint32_t start)
{
	const char *t = p->src->text;
	uint32_t i = start;

	while (i > 0 && (t[i - 1] == ' ' || t[i - 1] == '\t'))
		i--;
	if (i > 0 && t[i - 1] != '\n' && t[i - 1] != '\r')
		return NULL;
	if (t[start] == '/' && t[start + 1] == '/')
		return "un commentaire commence par « # » : « # … »";
	if (t[start] == '-' || t[start] == '*' || t[start] == '+')
		return mc_arena_printf(p->arena,
		    "une ligne commence par le mot-clé de sa déclaration : retirez « %c » (une liste à puces s’écrit dans un texte entre guillemets)",
		    t[start]);
	return NULL;
}

/* A « { » at `open` never closed: the first line after its own that is
 * indented no more than the block it is in (blank lines, comments and text
 * blocks aside), where a « } » was forgotten; UINT32_MAX when there is none.
 * The blocks opened inside it are followed too: the « } » a block inside
 * lacks is where the indentation goes back before it is closed (« activité
 * x { » then the next « activité » at its level), and the « } » below then
 * closes that inner block, not the outer one. */
static uint32_t
missing_close(const mc_parser *p, uint32_t open, uint32_t *which)
{
	const char *t = p->src->text;
	uint32_t len = (uint32_t)p->src->len, i = open, indent = 0;
	uint32_t levels[64], opens[64];
	int deeper[64];
	int in_text = 0, n = 1;

	while (i > 0 && t[i - 1] != '\n')
		i--;
	while (t[i] == ' ' || t[i] == '\t')
		i++, indent++;
	levels[0] = indent;
	opens[0] = open;
	deeper[0] = 0;
	for (i = open; i < len && t[i] != '\n'; i++)
		;
	while (i < len) {
		uint32_t col = 0, end, last;
		int marks = 0;

		i++;   /* past the line's end */

		while (i < len && (t[i] == ' ' || t[i] == '\t'))
			i++, col++;
		for (end = i; end < len && t[end] != '\n'; end++)
			if (end + 2 < len && memcmp(t + end, "\"\"\"", 3) == 0)
				marks++, end += 2;
		if (!in_text && i < end && t[i] != '#' && t[i] != '\r') {
			/* A block whose lines are not indented says nothing. */
			if (col <= levels[n - 1] && t[i] != '}') {
				if (!deeper[n - 1])
					return UINT32_MAX;
				*which = opens[n - 1];
				return i;
			}
			if (t[i] == '}') {
				if (col != levels[n - 1] || n == 1)
					return UINT32_MAX;
				n--;
			} else {
				deeper[n - 1] = 1;
			}
			/* A line that opens a block: « activité x { ». */
			for (last = end; last > i && (t[last - 1] == ' ' || t[last - 1] == '\t' ||
			    t[last - 1] == '\r'); last--)
				;
			if (last > i && t[last - 1] == '{' && memchr(t + i, '#', last - i) == NULL &&
			    n < (int)(sizeof(levels) / sizeof(levels[0]))) {
				levels[n] = col;
				opens[n] = last - 1;
				deeper[n++] = 0;
			}
		}
		if (marks % 2 == 1)
			in_text = !in_text;
		i = end;
	}
	return UINT32_MAX;
}

void
mc_lex_syntax_error(mc_parser *p, uint32_t start, uint32_t end,
    const char *found, int at_end, const char *const *expected, size_t n)
{
	char msg[512];
	size_t o;
	mc_diag *d;
	mc_span sp = span(p, start, end);

	if (at_end && p->depth > 0 && !p->aborted) {
		/* Point at the brace that was not closed, not only at the end. */
		uint32_t open = p->opened[p->depth - 1];
		char c = p->src->text[open];
		unsigned line, col;

		uint32_t where = c == '{' ? missing_close(p, open, &open) : UINT32_MAX;

		mc_source_position(p->src, open, &line, &col);
		/* Where the indentation says the block ends: the line that
		 * lacks the « } » before it. */
		if (where != UINT32_MAX) {
			uint32_t e = where;

			while (e < p->src->len && p->src->text[e] != ' ' &&
			    p->src->text[e] != '\n' && p->src->text[e] != '\r')
				e++;
			sp = span(p, where, e);
		}
		d = mc_diag_emit(p->diags, MC_D_UNCLOSED_BLOCK, sp,
		    c == '{' ? "}" : c == '(' ? ")" : "]", line);
		if (d != NULL && where != UINT32_MAX)
			d->suggestion = "le bloc finit avant cette ligne, d’après l’indentation : ajoutez « } » seule sur la ligne d’avant";
		mc_diag_note(p->diags, d, span(p, open, open + 1),
		    "le bloc ouvert ici n’est pas refermé");
		return;
	}
	if (at_end) {
		o = (size_t)snprintf(msg, sizeof(msg),
		    "le fichier s’arrête au milieu d’une déclaration");
	} else if (strcmp(found, "\"la fin de la ligne\"") == 0 ||
	    strcmp(found, "la fin de la ligne") == 0) {
		o = (size_t)snprintf(msg, sizeof(msg),
		    "la ligne s’arrête avant la fin de la déclaration");
	} else {
		/* Quote the text itself: « "Marseille" » says more than « chaîne »;
		 * a long one is cut at a character's start, never inside it. */
		uint32_t len = end - start > 40 ? 40 : end - start;

		while (len < end - start && len > 0 &&
		    ((unsigned char)p->src->text[start + len] & 0xc0) == 0x80)
			len--;
		o = (size_t)snprintf(msg, sizeof(msg), "« %.*s%s » inattendu ici",
		    (int)len, p->src->text + start, end - start > 40 ? "…" : "");
	}
	if (n > 0 && o < sizeof(msg)) {
		o += (size_t)snprintf(msg + o, sizeof(msg) - o, " ; attendu : ");
		for (size_t i = 0; i < n && o < sizeof(msg); i++)
			o += (size_t)snprintf(msg + o, sizeof(msg) - o, "%s%s",
			    i == 0 ? "" : (i + 1 == n ? " ou " : ", "),
			    token_display(p, expected[i]));
	}
	if (at_end && p->depth > 0 && o < sizeof(msg))
		snprintf(msg + o, sizeof(msg) - o,
		    " (une accolade ou une parenthèse n’est pas refermée)");
	d = mc_diag_emit(p->diags, MC_D_SYNTAX, sp, msg);
	if (d != NULL && !at_end)
		d->suggestion = line_start_hint(p, start);
}

/* Was the « { » at `start`, closed by now, one right after a « { »? Its
 * depth's slot keeps it until another « { » opens at that depth, which the
 * lookahead of the rule closing it (a line's end, a « } ») is not. */
static int
stray_brace(const mc_parser *p, uint32_t start)
{
	/* Every level: at the end of the file, a brace left open sits below
	 * the depth; an offset is one brace's only. */
	for (int d = 0; d <= MC_MAX_DEPTH; d++)
		if (p->opened[d] == start)
			return p->stray[d];
	return 0;
}

mc_list
mc_lex_late_block(mc_parser *p, mc_list stmts, mc_list body, uint32_t start,
    uint32_t end)
{
	mc_node *stmt = stmts.open ? stmts.last : NULL;
	const char *t = p->src->text;
	uint32_t semi;
	mc_diag *d;

	if (stmt == NULL || stmt->u.stmt.has_block) {
		/* One right after a « { » (« {{ ») is reported by the scanner,
		 * and its statements are the outer block's. */
		if (stray_brace(p, start)) {
			for (mc_node *n = body.first, *next; n != NULL; n = next) {
				next = n->next;
				stmts = mc_list_append(stmts, n);
			}
			return stmts;
		}
		/* « mission x { … } » then another « { … } »: a block too many. */
		mc_diag_emit(p->diags, MC_D_SYNTAX, span(p, start, start + 1),
		    "« { » inattendu ici : ce bloc n’appartient à aucune déclaration");
		return stmts;
	}
	d = mc_diag_emit(p->diags, MC_D_BRACE_NEXT_LINE, span(p, start, start + 1),
	    stmt->u.stmt.head->u.word.text);
	/* « mission x 24 h ; » then « { »: the « ; » stood for the « { »,
	 * said with it, not apart. */
	semi = stmt->end;
	while (semi < p->src->len && (t[semi] == ' ' || t[semi] == '\t'))
		semi++;
	if (d != NULL && semi < p->src->len && t[semi] == ';' && ends_line(p, semi + 1)) {
		for (size_t i = p->diags->count; i-- > 0;) {
			const mc_diag *x = p->diags->items[i];

			if (x->span.src == p->src && x->span.start == semi &&
			    mc_diag_is(x, MC_D_UNEXPECTED_CHAR))
				mc_diags_remove(p->diags, i);
		}
		d->suggestion = mc_arena_printf(p->arena,
		    "remplacez le « ; » de la ligne d’avant par cette « { » : « %.*s { »",
		    (int)(stmt->end - stmt->start), t + stmt->start);
	}
	stmt->u.stmt.has_block = 1;
	stmt->u.stmt.body = body.first;
	stmt->u.stmt.nbody = body.n;
	stmt->end = end;
	return stmts;
}

void
mc_lex_keep(mc_parser *p, mc_list stmts)
{
	p->stmts = stmts.first;
	p->nstmts = stmts.n;
}

int
mc_lex_semicolon(mc_parser *p, const YYLTYPE *loc)
{
	mc_lex_unexpected(p, loc, ";", 1);
	return !p->prose && !ends_line(p, loc->end) && keyword_after(p, loc->end) &&
	    mc_lex_newline_counts(p);
}
