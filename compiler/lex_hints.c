/* lex_hints.c — what authors paste from a word processor or a spreadsheet,
 * read as they meant it and reported with the exact fix: curly quotes (“…”,
 * ‘…’, « … »), dates in other orders or words (15-09-2025, 2025-9-15,
 * 15/09/25, 15 sept. 2025), school years cut short or with a long
 * dash (2025-26, 2025–2026), invisible characters and ligatures (U+200B,
 * U+00AD, ﬁ: pasted_chars.def, the table the text rule reads too), units
 * spelt out (39 heures par semaine, h / semaine,
 * H/semaine).
 * Each gives one error and the token it stands for, so nothing else fails
 * because of it. JJ/MM/AAAA is accepted as it is, as in a batch's cells. */
#include "cp1252.h"
#include "lex_support.h"
#include "pdf_charset.h"

#include <stdio.h>
#include <string.h>

static mc_span
span(const mc_parser *p, const YYLTYPE *loc)
{
	return mc_span_of(p->src, loc->start, loc->end);
}

/* The bytes of a space, U+00A0 or U+202F at text[i] (before `end`), or
 * 0: the blanks a word processor puts around a value. */
static size_t
blank_at(const char *text, size_t i, size_t end)
{
	if (i < end && text[i] == ' ')
		return 1;
	if (end - i >= 2 && memcmp(text + i, "\xc2\xa0", 2) == 0)
		return 2;
	if (end - i >= 3 && memcmp(text + i, "\xe2\x80\xaf", 3) == 0)
		return 3;
	return 0;
}

/* The same, ending just before text[end] (after `from`). */
static size_t
blank_before(const char *text, size_t from, size_t end)
{
	if (end > from && text[end - 1] == ' ')
		return 1;
	if (end - from >= 2 && memcmp(text + end - 2, "\xc2\xa0", 2) == 0)
		return 2;
	if (end - from >= 3 && memcmp(text + end - 3, "\xe2\x80\xaf", 3) == 0)
		return 3;
	return 0;
}

/* The text between the marks, read as a string between straight quotes;
 * d, the error already said, gets the fix. */
static int
as_string(mc_parser *p, YYSTYPE *val, const YYLTYPE *loc, const char *text,
    size_t len, size_t open, size_t close, mc_diag *d)
{
	char *buf = mc_arena_alloc(p->arena, 2 * len + 3);
	size_t o = 0, from = open, to = len - close;

	/* « Aix-Marseille »: the spaces inside French guillemets are not text. */
	for (size_t b; (b = blank_at(text, from, to)) > 0;)
		from += b;
	for (size_t b; (b = blank_before(text, from, to)) > 0;)
		to -= b;

	if (d != NULL)
		d->suggestion = mc_arena_printf(p->arena, "écrivez \"%.*s\"",
		    (int)(to - from), text + from);
	if (buf == NULL) {
		val->node = NULL;
		return mc_lex_token(p, STRING);
	}
	/* The same text between straight quotes, read as a string. */
	buf[o++] = '"';
	for (size_t i = from; i < to; i++) {
		if (text[i] == '"' || text[i] == '\\')
			buf[o++] = '\\';
		buf[o++] = text[i];
	}
	buf[o++] = '"';
	return mc_lex_string(p, val, loc, buf, o, 1);
}

int
mc_lex_curly_string(mc_parser *p, YYSTYPE *val, const YYLTYPE *loc,
    const char *text, size_t len, size_t open, size_t close)
{
	mc_diag *d = mc_diag_emit(p->diags, MC_D_CURLY_QUOTES, span(p, loc),
	    mc_arena_printf(p->arena, "%.*s…%.*s", (int)open, text, (int)close,
	    text + len - close));

	return as_string(p, val, loc, text, len, open, close, d);
}

/* « academie 'Aix-Marseille' »: straight apostrophes around a text, as
 * other languages quote. */
int
mc_lex_single_quoted(mc_parser *p, YYSTYPE *val, const YYLTYPE *loc,
    const char *text, size_t len)
{
	mc_diag *d = mc_diag_emit(p->diags, MC_D_SINGLE_QUOTES, span(p, loc));

	return as_string(p, val, loc, text, len, 1, 1, d);
}

/* « "Marseille“ le 2025-09-15 »: a text opened by a straight quote and
 * closed by a curly one, “ or ”, the rest of the line after it. The mark that
 * closes is one glued to the word before it; a pair of curly quotes inside the
 * text (« "Le projet “Avenir” continue ») is text. */
size_t
mc_lex_curly_close(const char *text, size_t len)
{
	int depth = 0;

	for (size_t i = 1; i + 3 <= len; i++) {
		int before_space, after_space;

		if (memcmp(text + i, "\xe2\x80\x9c", 3) != 0 &&
		    memcmp(text + i, "\xe2\x80\x9d", 3) != 0)
			continue;
		before_space = i == 1 || text[i - 1] == ' ' || text[i - 1] == '\t' ||
		    text[i - 1] == '(';
		after_space = i + 3 == len || text[i + 3] == ' ' ||
		    text[i + 3] == '\t' || text[i + 3] == '\r';
		if (before_space && !after_space)
			depth++;
		else if (depth > 0)
			depth--;
		else
			return i + 3;
		i += 2;
	}
	return 0;
}

/* A character pasted from a word processor or a PDF (pasted_chars.def), at
 * s, with its length in *n; NULL when s holds none. */
static const mc_pasted_char *
pasted_at(const char *s, size_t len, size_t *n)
{
	uint32_t cp;

	if (len == 0 || (unsigned char)s[0] < 0x80)
		return NULL;
	*n = mc_utf8_decode(s, &cp);
	return *n <= len ? mc_pasted_char_of(cp) : NULL;
}

/* What the author is told of it, outside a text: the table's own hint, a
 * ligature's letters, or what the text rule says of it. */
static const char *
pasted_hint(mc_parser *p, const mc_pasted_char *c)
{
	char why[512];

	if (c->hint != NULL)
		return c->hint;
	if (c->role == MC_PASTE_LETTERS)
		return mc_arena_printf(p->arena,
		    "ligature typographique (venue d’un PDF) : écrivez les %s lettres « %s »",
		    strlen(c->letters) == 2 ? "deux" : "trois", c->letters);
	mc_char_refusal(c->cp, 0, why, sizeof(why));
	return mc_arena_strdup(p->arena, why);
}

/* An invisible character between « » would show nothing: its code. */
static const char *
pasted_shown(mc_parser *p, const mc_pasted_char *c, const char *text, size_t n)
{
	char glyph[16];

	mc_pdf_char_shown(c->cp, glyph);
	if (strcmp(glyph, "invisible") == 0)
		return mc_arena_printf(p->arena, "U+%04X", (unsigned)c->cp);
	return mc_arena_printf(p->arena, "%.*s", (int)n, text);
}

const char *
mc_lex_pasted_char(mc_parser *p, const char *text, size_t len,
    const char **shown)
{
	size_t n;
	const mc_pasted_char *c = pasted_at(text, len, &n);

	if (c == NULL)
		return NULL;
	*shown = pasted_shown(p, c, text, n);
	return pasted_hint(p, c);
}

int
mc_lex_pasted_word(mc_parser *p, YYSTYPE *val, const YYLTYPE *loc,
    const char *text, size_t len)
{
	char *clean = mc_arena_alloc(p->arena, 3 * len + 1);
	size_t o = 0;

	if (clean == NULL)
		return mc_lex_word(p, val, loc, text, len, WORD);
	for (size_t i = 0; i < len;) {
		size_t n = 0;
		const mc_pasted_char *c = pasted_at(text + i, len - i, &n);

		/* The scanner's PASTED are the table's characters with letters;
		 * any other is a letter of the name (« é »). */
		if (c == NULL || c->letters == NULL) {
			clean[o++] = text[i++];
			continue;
		}
		{
			mc_diag *d = mc_diag_emit(p->diags, MC_D_UNEXPECTED_CHAR,
			    mc_span_of(p->src, loc->start + (uint32_t)i,
			    loc->start + (uint32_t)(i + n)), pasted_shown(p, c, text + i, n));

			if (d != NULL)
				d->suggestion = pasted_hint(p, c);
			memcpy(clean + o, c->letters, strlen(c->letters));
			o += strlen(c->letters);
			i += n;
		}
	}
	/* The word the author meant, so that nothing else fails because of it;
	 * nothing at all when the run was only invisible characters. */
	if (o == 0)
		return -1;
	return mc_lex_word(p, val, loc, clean, o, WORD);
}

/* « uai 0130050J »: the UAI meant, as a string. */
int
mc_lex_bare_uai(mc_parser *p, YYSTYPE *val, const YYLTYPE *loc,
    const char *text, size_t len)
{
	char quoted[16];
	char *shown = mc_arena_printf(p->arena, "%.*s", (int)len, text);

	mc_diag_emit(p->diags, MC_D_UAI_UNQUOTED, span(p, loc), shown);
	snprintf(quoted, sizeof(quoted), "\"%.*s\"", (int)len, text);
	return mc_lex_string(p, val, loc, quoted, strlen(quoted), 1);
}

/* The month a French name starts with (accents or not), or 0. */
static int
month_named(const char *s)
{
	static const char *const prefixes[] = {
		"jan", "fe", "mar", "av", "mai", "juin", "juil", "ao", "se", "oc", "no", "de"
	};
	char low[8];
	size_t n = 0;

	for (; *s != '\0' && n < sizeof(low) - 1; s++) {
		unsigned char c = (unsigned char)*s;

		if (c == 0xc3 && (s[1] == '\xa9' || s[1] == '\xbb')) {   /* é û */
			low[n++] = s[1] == '\xa9' ? 'e' : 'u';
			s++;
		} else if (c >= 'a' && c <= 'z') {
			low[n++] = (char)c;
		} else if (c >= 'A' && c <= 'Z') {
			low[n++] = (char)(c - 'A' + 'a');
		} else {
			break;
		}
	}
	low[n] = '\0';
	/* « juil » before « juin »'s shorter rival, « mars » before « mai ». */
	if (strncmp(low, "juil", 4) == 0)
		return 7;
	for (int i = 0; i < 12; i++)
		if (strncmp(low, prefixes[i], strlen(prefixes[i])) == 0)
			return i + 1;
	return 0;
}

int
mc_lex_loose_date(mc_parser *p, YYSTYPE *val, const YYLTYPE *loc,
    const char *text, size_t len)
{
	int num[3] = { 0, 0, 0 }, digits[3] = { 0, 0, 0 }, k = 0, named = 0;
	int y, m, d;
	int slashes = memchr(text, '/', len) != NULL;
	mc_node *n = mc_node_new(p->arena, MC_N_DATE, loc->start, loc->end);
	char shown[64];

	snprintf(shown, sizeof(shown), "%.*s", (int)(len < 60 ? len : 60), text);
	for (size_t i = 0; i < len && k < 3;) {
		if (text[i] >= '0' && text[i] <= '9') {
			while (i < len && text[i] >= '0' && text[i] <= '9') {
				num[k] = num[k] * 10 + (text[i] - '0');
				digits[k]++;
				i++;
			}
			k++;
		} else if ((text[i] >= 'a' && text[i] <= 'z') || (text[i] >= 'A' && text[i] <= 'Z') ||
		    (unsigned char)text[i] >= 0xc0) {
			int mo = month_named(text + i);
			size_t from = i;

			if (mo != 0 && k == 1) {
				num[k] = mo;
				digits[k++] = 2;
				named = 1;
			}
			while (i < len && text[i] != ' ' && (unsigned char)text[i] != 0xc2 &&
			    (unsigned char)text[i] != 0xe2)
				i++;
			/* A no-break space (0xc2 0xa0, 0xe2 0x80 0xaf) is not a
			 * word: step over it, or the loop never ends. */
			if (i == from)
				i++;
		} else {
			i++;
		}
	}
	if (digits[0] == 4) {
		y = num[0];
		m = num[1];
		d = num[2];
	} else {
		d = num[0];
		m = num[1];
		y = num[2];
		/* « 15/09/25 »: a rentrée of this century. */
		if (digits[2] == 2)
			y += 2000;
	}
	if (k < 3 || y < 1900 || y > 2999 || m < 1 || m > 12 || d < 1 ||
	    d > mc_days_in_month(y, m)) {
		mc_diag_emit(p->diags, MC_D_IMPOSSIBLE_DATE, span(p, loc), shown);
		y = 1970;
		m = d = 1;
	} else if (!(slashes && digits[0] != 4) || named || digits[2] == 2) {
		mc_diag_emit(p->diags, MC_D_DATE_FORMAT, span(p, loc), shown, y, m, d);
	}
	return mc_lex_date_node(p, val, n, y, m, d);
}

const char *
mc_lex_line_with(mc_parser *p, uint32_t start, uint32_t end, const char *with)
{
	const char *t = p->src->text;
	uint32_t from = start, to = end;

	while (from > 0 && t[from - 1] != '\n')
		from--;
	while (from < start && (t[from] == ' ' || t[from] == '\t'))
		from++;
	while (to < p->src->len && t[to] != '\n')
		to++;
	while (to > end && (t[to - 1] == ' ' || t[to - 1] == '\t' || t[to - 1] == '\r'))
		to--;
	return mc_arena_printf(p->arena, "%.*s%s%.*s", (int)(start - from), t + from,
	    with, (int)(to - end), t + end);
}

/* « 2025-2O26 », « 2O25-09-26 »: a letter O typed for a zero in a school
 * year or a date. Said at the first O, with the line to write; the value
 * meant is read. */
int
mc_lex_letter_o(mc_parser *p, YYSTYPE *val, const YYLTYPE *loc,
    const char *text, size_t len)
{
	char fixed[16];
	size_t first = len;
	mc_diag *d;

	if (len >= sizeof(fixed))
		len = sizeof(fixed) - 1;
	for (size_t i = 0; i < len; i++) {
		fixed[i] = text[i] == 'O' || text[i] == 'o' ? '0' : text[i];
		if (fixed[i] != text[i] && first == len)
			first = i;
	}
	fixed[len] = '\0';
	if (first == len)
		first = 0;
	d = mc_diag_emit(p->diags, MC_D_LETTER_FOR_DIGIT,
	    mc_span_of(p->src, loc->start + (uint32_t)first, loc->start + (uint32_t)first + 1),
	    text[first], mc_arena_printf(p->arena, "%.*s", (int)len, text));
	if (d != NULL)
		d->suggestion = mc_arena_printf(p->arena, "écrivez « %s »",
		    mc_lex_line_with(p, loc->start, loc->end, fixed));
	if (len == 10)
		return mc_lex_date(p, val, loc, fixed);
	if (fixed[4] == '/')
		fixed[4] = '-';
	return mc_lex_year(p, val, loc, fixed);
}

/* « 2025-26 », « 2025–2026 », « 2025 - 2026 »: the school year meant. */
int
mc_lex_loose_year(mc_parser *p, YYSTYPE *val, const YYLTYPE *loc,
    const char *text, size_t len)
{
	int a = 0, b = 0, bdigits = 0;
	size_t i = len;
	mc_node *n = mc_node_new(p->arena, MC_N_YEAR, loc->start, loc->end);

	for (int k = 0; k < 4; k++)
		a = a * 10 + (text[k] - '0');
	while (i > 0 && text[i - 1] >= '0' && text[i - 1] <= '9')
		i--;
	for (; i < len; i++, bdigits++)
		b = b * 10 + (text[i] - '0');
	if (bdigits == 2)
		b += a / 100 * 100 + (b < a % 100 ? 100 : 0);
	if (b != a + 1 || a < 1900)
		mc_diag_emit(p->diags, MC_D_BAD_SCHOOL_YEAR, span(p, loc),
		    mc_arena_printf(p->arena, "%.*s", (int)len, text));
	else
		mc_diag_emit(p->diags, MC_D_SCHOOL_YEAR_FORMAT, span(p, loc),
		    mc_arena_printf(p->arena, "%.*s", (int)len, text), a, b);
	if (n != NULL)
		n->u.year = a;
	val->node = n;
	return mc_lex_token(p, YEAR);
}

size_t
mc_lex_trailing_seps(const char *text, size_t len)
{
	for (size_t b; (b = blank_before(text, 0, len)) > 0;)
		len -= b;
	return len;
}

/* « 2h30 », « 24h00 », « 19h30/semaine », « 38 h 30 par semaine »: hours and minutes (0 to 59, the
 * pattern sees to it), read as the decimal hours a quantity is written in
 * (« 2,5 h »); « 1h20 » is rounded to the thousandth, as quantities are. */
int
mc_lex_hours_minutes(mc_parser *p, YYSTYPE *val, const YYLTYPE *loc,
    const char *text, size_t len)
{
	long hours = 0, minutes = 0, milli;
	size_t i = 0;
	char fixed[64], number[32];
	const char *per = "";

	while (i < len && text[i] >= '0' && text[i] <= '9' && hours < 100000000)
		hours = hours * 10 + (text[i++] - '0');
	while (i < len && (text[i] < '0' || text[i] > '9'))
		i++;   /* « h », and the spaces around it */
	while (i < len && text[i] >= '0' && text[i] <= '9')
		minutes = minutes * 10 + (text[i++] - '0');
	/* « /semaine », « / an », « par semaine »: the period is its last
	 * word, which the pattern allows only as semaine, sem or an. */
	if (i < len) {
		size_t w = len;

		while (w > i && text[w - 1] != ' ' && text[w - 1] != '/' &&
		    (unsigned char)text[w - 1] < 0x80)
			w--;
		per = text[w] == 'a' || text[w] == 'A' ? "/an" : "/semaine";
	}
	milli = hours * 1000 + (minutes * 1000 + 30) / 60;
	if (milli % 1000 == 0) {
		snprintf(number, sizeof(number), "%ld", milli / 1000);
	} else {
		int frac = (int)(milli % 1000);

		while (frac % 10 == 0)
			frac /= 10;
		snprintf(number, sizeof(number), "%ld,%d", milli / 1000, frac);
	}
	snprintf(fixed, sizeof(fixed), "%s h%s", number, per);
	mc_diag_emit(p->diags, MC_D_UNIT_SPELLING, span(p, loc),
	    mc_arena_printf(p->arena, "%.*s", (int)len, text), fixed);
	return mc_lex_number(p, val, loc, fixed, strlen(fixed), 0);
}

/* A word of a unit, lower-cased, from s; its length in bytes. */
static size_t
unit_word(const char *s, size_t len, char *out, size_t size)
{
	size_t i = 0, o = 0;

	while (i < len && ((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z') ||
	    (unsigned char)s[i] >= 0x80)) {
		if (o + 1 < size)
			out[o++] = (char)(s[i] >= 'A' && s[i] <= 'Z' ? s[i] - 'A' + 'a' : s[i]);
		i++;
	}
	out[o] = '\0';
	return i;
}

int
mc_lex_loose_quantity(mc_parser *p, YYSTYPE *val, const YYLTYPE *loc,
    const char *text, size_t len)
{
	char words[3][24], fixed[96];
	size_t i = 0, nlen, nw = 0;
	const char *unit, *per = NULL;

	/* The number: digits, decimal comma, spaces between thousands. */
	while (i < len && ((text[i] >= '0' && text[i] <= '9') || text[i] == ',' ||
	    text[i] == ' ' || (unsigned char)text[i] == 0xc2 || (unsigned char)text[i] == 0xa0 ||
	    (unsigned char)text[i] == 0xe2 || (unsigned char)text[i] == 0x80 ||
	    (unsigned char)text[i] == 0xaf))
		i++;
	nlen = i;
	while (nlen > 0 && (text[nlen - 1] == ' ' || (unsigned char)text[nlen - 1] >= 0x80))
		nlen--;
	while (i < len && nw < 3) {
		size_t w = unit_word(text + i, len - i, words[nw], sizeof(words[nw]));

		if (w == 0) {
			i++;
			continue;
		}
		if (strcmp(words[nw], "par") != 0)
			nw++;
		i += w;
	}
	if (nw == 0)
		return mc_lex_number(p, val, loc, text, len, 0);
	unit = words[0][0] == 'h' ? "h" : words[0][0] == 'j' ? "jours" : words[0];
	if (nw > 1)
		per = strncmp(words[1], "sem", 3) == 0 ||
		    strncmp(words[1], "hebdo", 5) == 0 ? "semaine" :
		    words[1][0] == 'a' ? "an" : words[1];
	snprintf(fixed, sizeof(fixed), "%s%s%s", unit, per != NULL ? "/" : "",
	    per != NULL ? per : "");
	if (mc_unit_parse(fixed, strlen(fixed)) == MC_U__COUNT)
		return mc_lex_number(p, val, loc, text, nlen, 0);  /* « 3 jours/an » */
	snprintf(fixed, sizeof(fixed), "%.*s %s%s%s", (int)nlen, text, unit,
	    per != NULL ? "/" : "", per != NULL ? per : "");
	mc_diag_emit(p->diags, MC_D_UNIT_SPELLING, span(p, loc),
	    mc_arena_printf(p->arena, "%.*s", (int)len, text), fixed);
	return mc_lex_number(p, val, loc, fixed, strlen(fixed), 0);
}

/* « € 625 », « €625 », « EUR 1 250 »: read as « 625 € ». */
int
mc_lex_currency_first(mc_parser *p, YYSTYPE *val, const YYLTYPE *loc,
    const char *text, size_t len)
{
	char fixed[96];
	size_t i = 0;

	if (len >= 3 && memcmp(text, "\xe2\x82\xac", 3) == 0)
		i = 3;
	while (i < len && ((text[i] >= 'a' && text[i] <= 'z') || (text[i] >= 'A' && text[i] <= 'Z')))
		i++;
	for (size_t b; (b = blank_at(text, i, len)) > 0;)
		i += b;
	snprintf(fixed, sizeof(fixed), "%.*s \xe2\x82\xac", (int)(len - i), text + i);
	mc_diag_emit(p->diags, MC_D_CURRENCY_FIRST, span(p, loc),
	    mc_arena_printf(p->arena, "%.*s", (int)len, text), fixed);
	return mc_lex_number(p, val, loc, fixed, strlen(fixed), 0);
}

/* The value of a French number word, lower case, accents or not; -1 for a
 * word that is not one. « cent » and « mille » are -100 and -1000: they
 * multiply what comes before them. */
static long
number_word(const char *w)
{
	static const struct { const char *word; long value; } words[] = {
		{ "zero", 0 }, { "z\xc3\xa9ro", 0 }, { "un", 1 }, { "une", 1 },
		{ "deux", 2 }, { "trois", 3 }, { "quatre", 4 }, { "cinq", 5 },
		{ "six", 6 }, { "sept", 7 }, { "huit", 8 }, { "neuf", 9 },
		{ "dix", 10 }, { "onze", 11 }, { "douze", 12 }, { "treize", 13 },
		{ "quatorze", 14 }, { "quinze", 15 }, { "seize", 16 },
		{ "vingt", 20 }, { "vingts", 20 }, { "trente", 30 },
		{ "quarante", 40 }, { "cinquante", 50 }, { "soixante", 60 },
		{ "cent", -100 }, { "cents", -100 }, { "mille", -1000 }, { "et", 0 },
	};

	for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++)
		if (strcmp(w, words[i].word) == 0)
			return words[i].value;
	return -1;
}

/* « vingt-quatre heures », « douze h », « mille deux cent cinquante euros »,
 * « deux heures par semaine »: the number in figures, the unit abbreviated. */
int
mc_lex_words_quantity(mc_parser *p, YYSTYPE *val, const YYLTYPE *loc,
    const char *text, size_t len)
{
	long total = 0, current = 0, last = 0, minutes = 0;
	const char *unit = NULL, *per = "";
	char fixed[96], word[24];
	size_t i = 0;

	while (i < len) {
		size_t o = 0;
		long v;

		for (size_t b; (b = i < len && (text[i] == '-' || text[i] == '/') ? 1 :
		    blank_at(text, i, len)) > 0;)
			i += b;
		if (len - i >= 3 && memcmp(text + i, "\xe2\x82\xac", 3) == 0) {
			unit = "\xe2\x82\xac";
			i += 3;
			continue;
		}
		while (i < len && text[i] != ' ' && text[i] != '-' && text[i] != '/' &&
		    (unsigned char)text[i] != 0xc2 && (unsigned char)text[i] != 0xe2) {
			if (o + 1 < sizeof(word))
				word[o++] = (char)(text[i] >= 'A' && text[i] <= 'Z' ?
				    text[i] - 'A' + 'a' : text[i]);
			i++;
		}
		/* « é » of « zéro » is two bytes, the first 0xc3: kept above. */
		word[o] = '\0';
		if (o == 0)
			continue;
		if (unit != NULL) {
			/* « heures trente », « heures et quart », then the period. */
			if (strcmp(word, "trente") == 0 || strcmp(word, "demie") == 0)
				minutes = 30;
			else if (strcmp(word, "quinze") == 0 || strcmp(word, "quart") == 0)
				minutes = 15;
			else if (strcmp(word, "quarante") == 0)
				minutes = 45;
			else if (word[0] == 'a' || word[0] == 'h' || word[0] == 's')
				per = word[0] == 'a' ? "/an" : "/semaine";
			continue;
		}
		v = number_word(word);
		if (v == -1) {
			unit = word[0] == 'h' ? "h" : word[0] == 'j' ? "jours" :
			    word[0] == 'e' ? "\xe2\x82\xac" : "parts";
			continue;
		}
		if (v == -100) {
			current = (current == 0 ? 1 : current) * 100;
		} else if (v == -1000) {
			total += (current == 0 ? 1 : current) * 1000;
			current = 0;
		} else if (v == 20 && last == 4 && current % 100 >= 4) {
			current += 80 - 4;   /* quatre-vingt(s) */
		} else {
			current += v;
		}
		last = v;
	}
	total += current;
	/* Thousands apart, as the figures are written: « 1 250 € »; minutes as
	 * the decimal hours a quantity is written in (« 19,5 h »). */
	if (minutes > 0)
		snprintf(fixed, sizeof(fixed), "%ld,%s h%s", total,
		    minutes == 30 ? "5" : minutes == 15 ? "25" : "75", per);
	else if (total >= 1000)
		snprintf(fixed, sizeof(fixed), "%ld %03ld %s%s", total / 1000, total % 1000,
		    unit != NULL ? unit : "h", per);
	else
		snprintf(fixed, sizeof(fixed), "%ld %s%s", total, unit != NULL ? unit : "h", per);
	mc_diag_emit(p->diags, MC_D_QUANTITY_IN_WORDS, span(p, loc),
	    mc_arena_printf(p->arena, "%.*s", (int)len, text), fixed);
	return mc_lex_number(p, val, loc, fixed, strlen(fixed), 0);
}

void
mc_lex_continued_line(mc_parser *p, const YYLTYPE *loc)
{
	const char *text = p->src->text;
	uint32_t len = (uint32_t)p->src->len, start = loc->start, from, end;
	uint32_t next = loc->end, next_end;
	mc_diag *d;

	/* The line up to the « \\ », without its indentation and the spaces
	 * before the « \\ ». */
	from = start;
	while (from > 0 && text[from - 1] != '\n')
		from--;
	while (from < start && (text[from] == ' ' || text[from] == '\t'))
		from++;
	end = start;
	while (end > from && (text[end - 1] == ' ' || text[end - 1] == '\t'))
		end--;
	/* The next line, without its indentation, its comment, nor a « \\ »
	 * of its own. */
	while (next < len && (text[next] == ' ' || text[next] == '\t'))
		next++;
	next_end = next;
	while (next_end < len && text[next_end] != '\n' && text[next_end] != '#')
		next_end++;
	while (next_end > next && (text[next_end - 1] == ' ' || text[next_end - 1] == '\t' ||
	    text[next_end - 1] == '\r' || text[next_end - 1] == '\\'))
		next_end--;
	d = mc_diag_emit(p->diags, MC_D_LINE_CONTINUED, mc_span_of(p->src, start, start + 1));
	if (d != NULL)
		d->suggestion = mc_arena_printf(p->arena, "écrivez la déclaration sur une seule ligne : « %.*s%s%.*s »",
		    (int)(end - from), text + from, next_end > next ? " " : "",
		    (int)(next_end - next), text + next);
}
