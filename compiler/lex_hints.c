/* lex_hints.c — what authors paste from a word processor or a spreadsheet,
 * read as they meant it and reported with the exact fix: curly quotes (“…”,
 * ‘…’, « … »), dates in other orders (15-09-2025, 2025-9-15, 15 septembre
 * 2025), units spelt out (39 heures par semaine, h / semaine, H/semaine).
 * Each gives one error and the token it stands for, so nothing else fails
 * because of it. JJ/MM/AAAA is accepted as it is, as in a batch's cells. */
#include "lex_support.h"

#include <stdio.h>
#include <string.h>

static mc_span
span(const mc_parser *p, const YYLTYPE *loc)
{
	return mc_span_of(p->src, loc->start, loc->end);
}

int
mc_lex_curly_string(mc_parser *p, YYSTYPE *val, const YYLTYPE *loc,
    const char *text, size_t len, size_t open, size_t close)
{
	char *buf = mc_arena_alloc(p->arena, 2 * len + 3);
	size_t o = 0, from = open, to = len - close;
	mc_diag *d;

	/* « Aix-Marseille »: the spaces inside French guillemets are not text. */
	for (;;) {
		if (from < to && text[from] == ' ')
			from++;
		else if (to - from >= 2 && memcmp(text + from, "\xc2\xa0", 2) == 0)
			from += 2;
		else if (to - from >= 3 && memcmp(text + from, "\xe2\x80\xaf", 3) == 0)
			from += 3;
		else
			break;
	}
	for (;;) {
		if (to > from && text[to - 1] == ' ')
			to--;
		else if (to - from >= 2 && memcmp(text + to - 2, "\xc2\xa0", 2) == 0)
			to -= 2;
		else if (to - from >= 3 && memcmp(text + to - 3, "\xe2\x80\xaf", 3) == 0)
			to -= 3;
		else
			break;
	}

	d = mc_diag_emit(p->diags, MC_D_CURLY_QUOTES, span(p, loc),
	    mc_arena_printf(p->arena, "%.*s…%.*s", (int)open, text, (int)close,
	    text + len - close));
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

			if (mo != 0 && k == 1) {
				num[k] = mo;
				digits[k++] = 2;
				named = 1;
			}
			while (i < len && text[i] != ' ' && (unsigned char)text[i] != 0xc2 &&
			    (unsigned char)text[i] != 0xe2)
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
	}
	if (k < 3 || y < 1900 || y > 2999 || m < 1 || m > 12 || d < 1 ||
	    d > mc_days_in_month(y, m)) {
		mc_diag_emit(p->diags, MC_D_IMPOSSIBLE_DATE, span(p, loc), shown);
		y = 1970;
		m = d = 1;
	} else if (!(slashes && digits[0] != 4) || named) {
		mc_diag_emit(p->diags, MC_D_DATE_FORMAT, span(p, loc), shown, y, m, d);
	}
	return mc_lex_date_node(p, val, n, y, m, d);
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
		per = strncmp(words[1], "sem", 3) == 0 ? "semaine" :
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
