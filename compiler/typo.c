/* typo.c — French typography, applied once, when the letter is lowered to a
 * document: no-break spaces before « : » (U+00A0) and before ; ! ? and inside
 * « » (U+202F), the apostrophe ’, straight quotes made « », « ... » made « … »,
 * runs of spaces made one, a no-break space between a number and « € » or « % »
 * and after « N° »; soft hyphens (U+00AD) dropped; dates in words. The words
 * themselves never change. */
#include "typo.h"

#include <string.h>
#include <strings.h>
#include <utf8proc.h>

#include "cp1252.h"

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

/* An ASCII character no rule looks at but after a space: a letter, a
 * digit, most punctuation. */
static int
plain(unsigned char b)
{
	return b > ' ' && b < 0x7F && b != ';' && b != '!' && b != '?' && b != ':' &&
	    b != '"' && b != '\'' && b != '.';
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
		size_t n;

		/* A run of plain characters, no space pending before it, is
		 * copied as it is: most of a text, which was a tenth of a long
		 * letter's time decoded character by character. */
		if (s[i] == ' ') {              /* as is_blank below */
			if (!skip_blank && o.last != 0)
				pending = 1;
			i++;
			continue;
		}
		/* A word after a space: the space, then the word (a digit or
		 * « % » after a space may want a no-break one: below). */
		if (pending && plain((unsigned char)s[i]) && !is_digit((unsigned char)s[i]) &&
		    s[i] != '%') {
			emit(&o, ' ', " ", 1);
			pending = 0;
		}
		if (!pending && plain((unsigned char)s[i])) {
			size_t k = i + 1;

			while (k < len && plain((unsigned char)s[k]))
				k++;
			memcpy(o.p, s + i, k - i);
			o.p += k - i;
			o.before = k - i >= 2 ? (unsigned char)s[k - 2] : o.last;
			o.last = (unsigned char)s[k - 1];
			skip_blank = 0;
			i = k;
			continue;
		}
		n = mc_utf8_decode(s + i, &c);

		if (i + n < len)
			mc_utf8_decode(s + i + n, &next);
		if (is_blank(c)) {
			if (!skip_blank && o.last != 0)
				pending = 1;
			i += n;
			continue;
		}
		/* A soft hyphen pasted from a word processor or a web page
		 * (« élec\u00adtrique »): the PDF would print it as « - » in the
		 * middle of a line; each format cuts its words itself. */
		if (c == 0xAD) {
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

/* Does the name start with a sound « de » and « que » elide before: a vowel
 * or a mute h, in either case (« Isabelle », « Ève », « Hélène »)? */
static int
starts_with_vowel(const char *name)
{
	static const char vowels[] = "aeiouyhàâäéèêëîïôöùûüÿœæ";
	uint32_t c;
	size_t n = mc_utf8_decode(name, &c);
	uint32_t low = (uint32_t)utf8proc_tolower((utf8proc_int32_t)c);

	for (const char *v = vowels; *v != '\0';) {
		uint32_t w;

		v += mc_utf8_decode(v, &w);
		if (w == low)
			return n > 0;
	}
	return 0;
}

/* Does `text` (len bytes) end with the word `w` and a space, the word
 * standing alone (the start of the text or no letter before it)? */
static int
ends_with_word(const char *text, size_t len, const char *w)
{
	size_t n = strlen(w);
	unsigned char before;

	if (len < n + 1 || text[len - 1] != ' ' || strncmp(text + len - 1 - n, w, n) != 0)
		return 0;
	if (len == n + 1)
		return 1;
	before = (unsigned char)text[len - n - 2];
	return !((before >= 'a' && before <= 'z') || (before >= 'A' && before <= 'Z') ||
	    before >= 0x80);
}

/* Does a sentence start at the end of `text`: nothing before, or a full
 * stop, ! ? or … then blanks, or a new paragraph? */
static int
sentence_starts(const char *text, size_t len)
{
	size_t i = len;

	while (i > 0 && (text[i - 1] == ' ' || text[i - 1] == '\t'))
		i--;
	if (i == 0)
		return 1;
	if (text[i - 1] == '.' || text[i - 1] == '!' || text[i - 1] == '?')
		return 1;
	if (i >= 3 && strncmp(text + i - 3, "…", 3) == 0)
		return 1;
	return i >= 2 && text[i - 1] == '\n' && text[i - 2] == '\n';
}

char *
mc_join_person(mc_arena *a, const char *before, size_t len, const char *name, size_t *cut)
{
	/* the word before, what it becomes before a vowel, before « le »,
	 * before « les » */
	static const char *const words[][4] = {
		{ "de", "d’", "du", "des" }, { "De", "D’", "Du", "Des" },
		{ "que", "qu’", NULL, NULL }, { "Que", "Qu’", NULL, NULL },
		{ "à", NULL, "au", "aux" }, { "À", NULL, "Au", "Aux" },
	};

	*cut = 0;
	for (size_t i = 0; i < sizeof(words) / sizeof(*words); i++) {
		if (!ends_with_word(before, len, words[i][0]))
			continue;
		*cut = strlen(words[i][0]) + 1;
		/* « de le proviseur »: an article in lower case, not a name
		 * (« Le Gall »). */
		if (words[i][2] != NULL && strncmp(name, "le ", 3) == 0)
			return mc_arena_printf(a, "%s %s", words[i][2], name + 3);
		if (words[i][3] != NULL && strncmp(name, "les ", 4) == 0)
			return mc_arena_printf(a, "%s %s", words[i][3], name + 4);
		if (words[i][1] != NULL && starts_with_vowel(name))
			return mc_arena_printf(a, "%s%s", words[i][1], name);
		*cut = 0;
		break;
	}
	if (sentence_starts(before, len)) {
		uint32_t c;
		size_t n = *name != '\0' ? mc_utf8_decode(name, &c) : 0;
		utf8proc_uint8_t up[4];
		utf8proc_ssize_t un = n > 0 ? utf8proc_encode_char(
		    utf8proc_toupper((utf8proc_int32_t)c), up) : 0;

		if (un > 0)
			return mc_arena_printf(a, "%.*s%s", (int)un, (const char *)up, name + n);
	}
	return (char *)name;
}

/* « à Marseille », « au Havre », « aux Lilas » : à + le, à + les contract
 * before a commune whose name begins with the article (in any case, as an
 * export writes it); « à La Ciotat », « à L’Isle-sur-la-Sorgue » do not. */
char *
mc_a(mc_arena *a, const char *name)
{
	if (strncasecmp(name, "les ", 4) == 0)
		return mc_arena_printf(a, "aux %s", name + 4);
	if (strncasecmp(name, "le ", 3) == 0)
		return mc_arena_printf(a, "au %s", name + 3);
	return mc_arena_printf(a, "à %s", name);
}

/* Agreement */

/* Does `s` start with the word `w`, in any case (« MADAME », « mme »), followed
 * by the end, a dot or a space — also the no-break, narrow no-break or thin
 * space a word processor puts after a civilité, or a tab? */
static int
starts_word(const char *s, const char *w)
{
	size_t n = strlen(w);
	const unsigned char *e = (const unsigned char *)s + n;

	for (size_t i = 0; i < n; i++)
		if (s[i] == '\0' || (s[i] | 0x20) != (w[i] | 0x20))
			return 0;
	return *e == '\0' || *e == ' ' || *e == '.' || *e == '\t' ||
	    (e[0] == 0xC2 && e[1] == 0xA0) ||
	    (e[0] == 0xE2 && e[1] == 0x80 && (e[2] == 0xAF || e[2] == 0x89));
}

static const char *const fem_civilites[] = { "Mme", "Madame", "Mlle", "Mademoiselle" };
/* « Mr » is not French, but exports and secretaries write it. */
static const char *const masc_civilites[] = { "M", "Monsieur", "MM", "Mr" };

/* The civilité that `person` starts with (after blanks), or NULL; its gender
 * in *g. */
static const char *
civilite(const char *person, mc_gender *g)
{
	while (*person == ' ' || *person == '\t')
		person++;
	for (size_t i = 0; i < sizeof(fem_civilites) / sizeof(*fem_civilites); i++)
		if (starts_word(person, fem_civilites[i])) {
			*g = MC_G_FEM;
			return fem_civilites[i];
		}
	for (size_t i = 0; i < sizeof(masc_civilites) / sizeof(*masc_civilites); i++)
		if (starts_word(person, masc_civilites[i])) {
			*g = MC_G_MASC;
			return masc_civilites[i];
		}
	return NULL;
}

const char *
mc_civilite_fix(const char *person, size_t *written)
{
	static const struct {
		const char *as, *fix;
	} odd[] = {
		{ "Mme.", "Mme" }, { "Mlle.", "Mlle" }, { "Mr.", "M." }, { "Mr ", "M." },
		{ "M ", "M." }, { "Mme\xc2\xa0.", "Mme" },
	};

	if (person == NULL)
		return NULL;
	while (*person == ' ' || *person == '\t')
		person++;
	/* Case as written: « MME. » is an export's capitals, not this slip. */
	for (size_t i = 0; i < sizeof(odd) / sizeof(odd[0]); i++)
		if (strncmp(person, odd[i].as, strlen(odd[i].as)) == 0) {
			size_t n = strlen(odd[i].as);

			*written = odd[i].as[n - 1] == ' ' ? n - 1 : n;
			return odd[i].fix;
		}
	return NULL;
}

const char *
mc_civilite_of(const char *person)
{
	mc_gender g = MC_G_UNKNOWN;
	const char *c = person != NULL ? civilite(person, &g) : NULL;

	return c != NULL ? c : "";
}

mc_gender
mc_civilite_gender(const char *person)
{
	mc_gender g = MC_G_UNKNOWN;

	if (person != NULL)
		(void)civilite(person, &g);
	return g;
}

int
mc_person_named(const char *person)
{
	mc_gender g;
	const char *c;
	const unsigned char *p;

	if (person == NULL)
		return 0;
	p = (const unsigned char *)person;
	while (*p == ' ' || *p == '\t')
		p++;
	if ((c = civilite((const char *)p, &g)) != NULL)
		p += strlen(c);
	/* What is left must hold a letter or a digit: not only dots and blanks
	 * (the no-break spaces a word processor puts after a civilité too). */
	while (*p != '\0') {
		if (p[0] == 0xC2 && p[1] == 0xA0)
			p += 2;
		else if (p[0] == 0xE2 && p[1] == 0x80 && (p[2] == 0xAF || p[2] == 0x89))
			p += 3;
		else if (*p >= 0x80 || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9'))
			return 1;
		else
			p++;
	}
	return 0;
}

/* « ddfpt: » at the start of an alternative: its length with the colon, or 0. */
static size_t
role_prefix(const char *p, const char *end)
{
	const char *q = p;

	while (q < end && ((*q >= 'a' && *q <= 'z') || *q == '_'))
		q++;
	return q > p && q < end && *q == ':' ? (size_t)(q - p) + 1 : 0;
}

char *
mc_agree(mc_arena *a, const char *s, mc_gender_of who, const void *ctx)
{
	mc_buffer b;
	const char *p = s, *open;
	char *r;

	if (strchr(s, '|') == NULL)
		return (char *)s;
	mc_buffer_init(&b);
	while ((open = strchr(p, '{')) != NULL) {
		const char *close = strchr(open, '}');
		const char *bar = close ? memchr(open, '|', (size_t)(close - open)) : NULL;
		const char *bar2;
		size_t lm, lf;
		mc_gender g;

		if (bar == NULL) {     /* a placeholder: kept as it is */
			size_t keep = close ? (size_t)(close - p) + 1 : strlen(p);

			mc_buffer_put(&b, p, keep);
			p += keep;
			continue;
		}
		mc_buffer_put(&b, p, (size_t)(open - p));
		{
			size_t rl = role_prefix(open + 1, bar);

			g = who(ctx, rl ? open + 1 : NULL, rl ? rl - 1 : 0);
			open += rl;
		}
		bar2 = memchr(bar + 1, '|', (size_t)(close - bar - 1));
		lm = (size_t)(bar - open - 1);
		lf = (size_t)((bar2 ? bar2 : close) - bar - 1);
		if (g == MC_G_MASC) {
			mc_buffer_put(&b, open + 1, lm);
		} else if (g == MC_G_FEM) {
			mc_buffer_put(&b, bar + 1, lf);
		} else if (bar2 != NULL) {
			mc_buffer_put(&b, bar2 + 1, (size_t)(close - bar2 - 1));
		} else if (lm == 0) {
			mc_buffer_puts(&b, "(");
			mc_buffer_put(&b, bar + 1, lf);
			mc_buffer_puts(&b, ")");
		} else {
			/* « Il ou elle »: the second in lower case after « ou ». */
			uint32_t c = 0;
			size_t n = lf > 0 ? mc_utf8_decode(bar + 1, &c) : 0;
			utf8proc_uint8_t low[4];
			utf8proc_ssize_t ln = utf8proc_encode_char(
			    utf8proc_tolower((utf8proc_int32_t)c), low);

			mc_buffer_put(&b, open + 1, lm);
			mc_buffer_puts(&b, " ou ");
			if (n > 0 && n <= lf && ln > 0)
				mc_buffer_put(&b, (const char *)low, (size_t)ln);
			else
				n = 0;
			mc_buffer_put(&b, bar + 1 + n, lf - n);
		}
		p = close + 1;
	}
	mc_buffer_puts(&b, p);
	r = b.failed ? NULL : mc_arena_strndup(a, b.data ? b.data : "", b.len);
	mc_buffer_free(&b);
	return r;
}

/* « {corps:professeur_ecoles} »: the person's own corps when the letter
 * gives it (a contractuel of the premier degré is not « le professeur des
 * écoles »), else the corps the source names; its label in the gender. */
char *
mc_fill_corps(mc_arena *a, const char *s, const mc_commons *c,
    const mc_corps *own, mc_gender g)
{
	static const char mark[] = "{corps:";
	mc_buffer b;
	const char *p = s, *r;
	char *out;

	if (strstr(s, mark) == NULL)
		return (char *)s;
	mc_buffer_init(&b);
	while ((r = strstr(p, mark)) != NULL) {
		const char *id = r + strlen(mark);
		const char *end = strchr(id, '}');
		const mc_corps *k = own;
		char name[64];

		if (end == NULL)
			break;
		mc_buffer_put(&b, p, (size_t)(r - p));
		if (k == NULL && (size_t)(end - id) < sizeof(name)) {
			memcpy(name, id, (size_t)(end - id));
			name[end - id] = '\0';
			k = mc_commons_corps(c, name);
		}
		/* An unknown corps is the loader's error (corps_inconnu): kept. */
		if (k != NULL)
			mc_buffer_puts(&b, mc_label_for(&k->forms, g));
		else
			mc_buffer_put(&b, r, (size_t)(end - r) + 1);
		p = end + 1;
	}
	mc_buffer_puts(&b, p);
	out = b.failed ? NULL : mc_arena_strndup(a, b.data ? b.data : "", b.len);
	mc_buffer_free(&b);
	return out;
}

/* One gender for every alternative (ctx points to it). */
static mc_gender
fixed_gender(const void *ctx, const char *role, size_t n)
{
	(void)role;
	(void)n;
	return *(const mc_gender *)ctx;
}

char *
mc_epicene(mc_arena *a, const char *s)
{
	static const mc_gender unknown = MC_G_UNKNOWN;

	return mc_agree(a, s, fixed_gender, &unknown);
}

char *
mc_masculine(mc_arena *a, const char *s)
{
	static const mc_gender masc = MC_G_MASC;

	return mc_agree(a, s, fixed_gender, &masc);
}

/* A letter as the table of generic nouns compares it: without case or
 * accent (« Ecole », « LYCEE » are « école », « lycée »), ' and ’ alike. */
static uint32_t
fold(uint32_t c)
{
	utf8proc_int32_t base[4];
	int last = 0;
	utf8proc_ssize_t n;

	if (c == '\'')
		return 0x2019;
	n = utf8proc_decompose_char((utf8proc_int32_t)c, base, 4,
	    UTF8PROC_DECOMPOSE | UTF8PROC_STRIPMARK | UTF8PROC_CASEFOLD, &last);
	return n >= 1 ? (uint32_t)base[0] : c;
}

/* The length of the name's prefix that is `noun` (letters compared by
 * fold()), ending a word; 0 when it is not. */
static size_t
noun_prefix(const char *name, const char *noun)
{
	size_t i = 0, j = 0;

	while (noun[j] != '\0') {
		uint32_t c, d;
		size_t n, m;

		if (name[i] == '\0')
			return 0;
		n = mc_utf8_decode(name + i, &c);
		m = mc_utf8_decode(noun + j, &d);
		if (fold(c) != fold(d))
			return 0;
		i += n;
		j += m;
	}
	return name[i] == '\0' || name[i] == ' ' ||
	    ((unsigned char)name[i] == 0xC2 && (unsigned char)name[i + 1] == 0xA0) ? i : 0;
}

static int
elides(const char *word)
{
	static const char *const vowels[] = {
		"a", "e", "i", "o", "u", "y", "A", "E", "I", "O", "U", "Y",
		"é", "è", "ê", "É", "È", "Ê", "î", "Î", "ô", "Ô", "â", "Â"
	};

	for (size_t i = 0; i < sizeof(vowels) / sizeof(*vowels); i++)
		if (strncmp(word, vowels[i], strlen(vowels[i])) == 0)
			return 1;
	return 0;
}

const mc_estab_noun *
mc_estab_noun_of(const char *name, const mc_estab_noun *nouns, size_t n, size_t *len)
{
	const mc_estab_noun *best = NULL;
	size_t best_len = 0;

	for (size_t i = 0; name != NULL && i < n; i++) {
		size_t l = noun_prefix(name, nouns[i].noun);

		if (l > best_len) {
			best = &nouns[i];
			best_len = l;
		}
	}
	*len = best_len;
	return best;
}

char *
mc_du(mc_arena *a, const char *name, const mc_estab_noun *nouns, size_t n)
{
	size_t best_len;
	const mc_estab_noun *best = mc_estab_noun_of(name, nouns, n, &best_len);

	if (best == NULL)
		return mc_arena_printf(a, "de l’établissement %s", name);
	return mc_arena_printf(a, "%s%s%s", elides(best->noun) ? "de l’" :
	    best->gender == MC_G_FEM ? "de la " : "du ", best->noun, name + best_len);
}
