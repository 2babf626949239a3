/* typo.c — French typography, applied once, when the letter is lowered to a
 * document: no-break spaces before « : » (U+00A0) and before ; ! ? and inside
 * « » (U+202F), the apostrophe ’, straight quotes made « », « ... » made « … »,
 * runs of spaces made one, a no-break space between a number and « € » or « % »
 * and after « N° »; dates in words. The words themselves never change. */
#include "typo.h"

#include <string.h>

#include "render.h"

#define NBSP "\xc2\xa0"
#define NNBSP "\xe2\x80\xaf"

typedef struct typo_out {
	char *p;
	uint32_t last;      /* the last code point written, 0 at the start */
	uint32_t before;    /* the one before it */
} typo_out;

static void
emit(typo_out *o, uint32_t cp, const char *bytes, size_t n)
{
	memcpy(o->p, bytes, n);
	o->p += n;
	o->before = o->last;
	o->last = cp;
}

static int
is_blank(uint32_t c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static int
is_hard_space(uint32_t c)
{
	return c == 0xA0 || c == 0x202F;
}

static int
is_digit(uint32_t c)
{
	return c >= '0' && c <= '9';
}

/* Where a straight double quote opens rather than closes. */
static int
opens_quote(uint32_t prev, int pending)
{
	return prev == 0 || pending || prev == '(' || prev == '[' || prev == '/' ||
	    prev == 0x2014 || prev == 0x2013 || prev == '-' || is_hard_space(prev) ||
	    prev == 0x2019 || prev == 0xAB;
}

char *
mc_typo(mc_arena *a, const char *s, size_t len)
{
	/* Each input byte gives at most five output bytes (« " » → « « » + U+202F). */
	char *out = mc_arena_alloc(a, len * 5 + 1);
	typo_out o = { out, 0, 0 };
	int pending = 0;          /* a space was read and not written yet */
	int skip_blank = 0;       /* after « «: the space is already written */
	size_t i = 0;

	if (out == NULL)
		return NULL;
	while (i < len) {
		uint32_t c, next = 0;
		size_t n = mc_utf8_decode(s + i, &c);

		if (i + n < len)
			mc_utf8_decode(s + i + n, &next);
		if (is_blank(c)) {
			if (!skip_blank && o.last != 0)
				pending = 1;
			i += n;
			continue;
		}
		skip_blank = 0;
		if (c == ';' || c == '!' || c == '?' || c == ':') {
			int space = pending || ((o.last != 0 && !is_hard_space(o.last) &&
			    strchr(";:!?", (int)o.last) == NULL && o.last != '.') &&
			    (i + n == len || is_blank(next)));

			/* « 16:30 » or « http:// » take no space: only a word followed
			 * by a space or the end does. */
			if (space && o.last != 0 && !is_hard_space(o.last)) {
				if (c == ':')
					emit(&o, 0xA0, NBSP, 2);
				else
					emit(&o, 0x202F, NNBSP, 3);
			}
			pending = 0;
			emit(&o, c, s + i, n);
		} else if (c == 0xAB || (c == '"' && opens_quote(o.last, pending))) {
			if (pending)
				emit(&o, ' ', " ", 1);
			pending = 0;
			emit(&o, 0xAB, "\xc2\xab", 2);
			emit(&o, 0x202F, NNBSP, 3);
			skip_blank = 1;
		} else if (c == 0xBB || c == '"') {
			pending = 0;
			if (!is_hard_space(o.last))
				emit(&o, 0x202F, NNBSP, 3);
			emit(&o, 0xBB, "\xc2\xbb", 2);
		} else if (is_hard_space(c) && (o.last == 0xAB || next == 0xBB)) {
			/* an author's own space inside « »: ours is already there */
			pending = 0;
		} else {
			if (pending) {
				if (((c == 0x20AC || c == '%') && is_digit(o.last)) ||
				    (is_digit(c) && o.last == 0xB0 && o.before == 'N'))
					emit(&o, 0xA0, NBSP, 2);
				else
					emit(&o, ' ', " ", 1);
				pending = 0;
			}
			if (c == '\'')
				emit(&o, 0x2019, "\xe2\x80\x99", 3);
			else if (c == '.' && i + 2 < len && s[i + 1] == '.' && s[i + 2] == '.') {
				emit(&o, 0x2026, "\xe2\x80\xa6", 3);
				n = 3;
			} else
				emit(&o, c, s + i, n);
		}
		i += n;
	}
	*o.p = '\0';
	return out;
}

static const char *const month_names[12] = {
	"janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
	"septembre", "octobre", "novembre", "décembre"
};

char *
mc_date_words(mc_arena *a, mc_date d)
{
	const char *month = d.month >= 1 && d.month <= 12 ? month_names[d.month - 1] : "";

	if (d.day == 1)
		return mc_arena_printf(a, "1er" NBSP "%s" NBSP "%d", month, d.year);
	return mc_arena_printf(a, "%d" NBSP "%s" NBSP "%d", d.day, month, d.year);
}

/* « d’Aix-Marseille », « d’Orléans-Tours », « de Lyon ». */
char *
mc_de(mc_arena *a, const char *name)
{
	static const char *const vowels[] = {
		"A", "E", "I", "O", "U", "Y", "H", "É", "È", "Ê", "Î", "Ô", "Â"
	};

	for (size_t i = 0; i < sizeof(vowels) / sizeof(*vowels); i++)
		if (strncmp(name, vowels[i], strlen(vowels[i])) == 0)
			return mc_arena_printf(a, "d’%s", name);
	return mc_arena_printf(a, "de %s", name);
}
