/* pdf_charset.c — what the PDF prints beyond Windows-1252: the Latin
 * letters of pdf_charset.def (Turkish, Polish, Romanian, Czech, Vietnamese…)
 * get bytes 0x21… of a second one-byte encoding, shown with a second
 * instance of the same fonts (render_pdf.c). One byte a character keeps the
 * fast route of PDF-NOTES; only a letter using them embeds the extra glyphs.
 * On it rests the one rule of what a letter's text may hold (mc_char_kind_of,
 * mc_text_refused), asked by the checker at verifier time and by a batch of
 * its model and its cells, with the French names of the characters refused. */
#include "pdf_charset.h"
#include "cp1252.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

static const struct {
	uint16_t first, last;
} ranges[] = {
#define RANGE(a, b) { a, b },
#include "pdf_charset.def"
#undef RANGE
};

#define NRANGES (sizeof(ranges) / sizeof(ranges[0]))

unsigned char
mc_pdf_ext_code(uint32_t cp)
{
	unsigned code = MC_EXT_FIRST;

	for (size_t i = 0; i < NRANGES && cp >= ranges[i].first; i++) {
		if (cp <= ranges[i].last)
			return (unsigned char)(code + (cp - ranges[i].first));
		code += ranges[i].last - ranges[i].first + 1u;
	}
	return 0;
}

uint32_t
mc_pdf_ext_unicode(unsigned char code)
{
	unsigned at = MC_EXT_FIRST;

	if (code < MC_EXT_FIRST)
		return 0;
	for (size_t i = 0; i < NRANGES; i++) {
		unsigned n = ranges[i].last - ranges[i].first + 1u;

		if (code < at + n)
			return ranges[i].first + (code - at);
		at += n;
	}
	return 0;
}

unsigned char
mc_pdf_ext_last(void)
{
	unsigned n = 0;

	for (size_t i = 0; i < NRANGES; i++)
		n += ranges[i].last - ranges[i].first + 1u;
	return (unsigned char)(MC_EXT_FIRST + n - 1);
}

int
mc_pdf_printable(uint32_t cp)
{
	return mc_cp1252(cp) != 0 || mc_pdf_ext_code(cp) != 0;
}

/* Combining marks U+0300–U+036F are encoded 0xCC 0x80 … 0xCD 0xAF. */
int
mc_pdf_needs_nfc(const char *s)
{
	/* libc's strcspn scans a word at a time: every string of a letter
	 * comes through here. */
	return s[strcspn(s, "\xcc\xcd")] != '\0';
}

char *
mc_pdf_nfc(const char *s)
{
	return (char *)utf8proc_NFC((const utf8proc_uint8_t *)s);
}

static const mc_pasted_char pasted[] = {
#define PASTED(cp, name, fem, role, letters, hint) \
	{ cp, name, fem, MC_PASTE_##role, letters, hint },
#include "pasted_chars.def"
#undef PASTED
};

#define NPASTED (sizeof(pasted) / sizeof(pasted[0]))

const mc_pasted_char *
mc_pasted_char_of(uint32_t cp)
{
	/* The table is in ascending order (test_pasted.c): halves. */
	size_t lo = 0, hi = NPASTED;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;

		if (pasted[mid].cp == cp)
			return &pasted[mid];
		if (pasted[mid].cp < cp)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

size_t
mc_pasted_char_count(void)
{
	return NPASTED;
}

const mc_pasted_char *
mc_pasted_char_at(size_t i)
{
	return i < NPASTED ? &pasted[i] : NULL;
}

/* A ligature of pasted_chars.def: U+FB00 to U+FB06, bytes EF AC 80 to 86. */
static const mc_pasted_char *
ligature_at(const char *s, size_t len)
{
	const mc_pasted_char *c;

	if (len < 3 || (unsigned char)s[0] != 0xEF || (unsigned char)s[1] != 0xAC ||
	    (unsigned char)s[2] < 0x80 || (unsigned char)s[2] > 0xBF)
		return NULL;
	c = mc_pasted_char_of(0xFB00u + ((unsigned char)s[2] - 0x80u));
	return c != NULL && c->role == MC_PASTE_LETTERS ? c : NULL;
}

size_t
mc_text_letters(char *s, size_t len)
{
	size_t i = 0, o = 0;

	/* Most texts have none: left untouched past a quick look. */
	for (;;) {
		const char *e = memchr(s + i, 0xEF, len - i);

		if (e == NULL)
			return len;
		i = (size_t)(e - s);
		if (ligature_at(e, len - i) != NULL)
			break;
		i++;
	}
	o = i;
	while (i < len) {
		const mc_pasted_char *c = ligature_at(s + i, len - i);

		if (c == NULL) {
			s[o++] = s[i++];
			continue;
		}
		/* Two or three letters for three bytes: never longer. */
		memcpy(s + o, c->letters, strlen(c->letters));
		o += strlen(c->letters);
		i += 3;
	}
	if (o < len)
		s[o] = '\0';
	return o;
}

static int
is_control(uint32_t cp)
{
	return (cp < 0x20 && cp != '\t' && cp != '\n' && cp != '\r') ||
	    (cp >= 0x7F && cp <= 0x9F);
}

/* A character nobody sees, whatever the font. */
static int
is_invisible(uint32_t cp)
{
	utf8proc_category_t c = utf8proc_category((utf8proc_int32_t)cp);

	return c == UTF8PROC_CATEGORY_CF || c == UTF8PROC_CATEGORY_ZL ||
	    c == UTF8PROC_CATEGORY_ZP || c == UTF8PROC_CATEGORY_CN ||
	    c == UTF8PROC_CATEGORY_CO || c == UTF8PROC_CATEGORY_CS ||
	    c == UTF8PROC_CATEGORY_MN || c == UTF8PROC_CATEGORY_ME;
}

mc_char_kind
mc_char_kind_of(uint32_t cp)
{
	if (is_control(cp))
		return MC_CHAR_CONTROL;
	if (cp < 0x7F || cp == '\t' || mc_pdf_printable(cp))
		return MC_CHAR_OK;
	return is_invisible(cp) ? MC_CHAR_INVISIBLE : MC_CHAR_UNPRINTABLE;
}

int
mc_char_blank(uint32_t cp)
{
	utf8proc_category_t c;

	if (cp < 0x80)
		return cp == ' ' || cp == '\t' || cp == '\r';
	c = utf8proc_category((utf8proc_int32_t)cp);
	return c == UTF8PROC_CATEGORY_ZS || c == UTF8PROC_CATEGORY_ZL ||
	    c == UTF8PROC_CATEGORY_ZP || c == UTF8PROC_CATEGORY_CF;
}

/* The code point a base and a combining mark compose to under NFC, or 0. */
static uint32_t
compose(uint32_t base, uint32_t mark)
{
	utf8proc_int32_t buf[2] = { (utf8proc_int32_t)base, (utf8proc_int32_t)mark };
	utf8proc_ssize_t n = utf8proc_normalize_utf32(buf, 2, UTF8PROC_COMPOSE |
	    UTF8PROC_STABLE);

	return n == 1 ? (uint32_t)buf[0] : 0;
}

/* A text holds what prints, and a ligature, which it writes as its letters
 * (mc_text_letters). */
static int
text_holds(uint32_t cp)
{
	const mc_pasted_char *c;

	if (mc_char_kind_of(cp) == MC_CHAR_OK)
		return 1;
	c = cp >= 0xFB00 && cp <= 0xFB06 ? mc_pasted_char_of(cp) : NULL;
	return c != NULL && c->role == MC_PASTE_LETTERS;
}

uint32_t
mc_text_refused(const char *s, size_t len, size_t *at, size_t *n)
{
	uint32_t base = 0;
	size_t i = 0, from = 0;

	/* Printable ASCII is most of a text: skipped without decoding. */
	while (i < len && (unsigned char)s[i] >= 0x20 && (unsigned char)s[i] < 0x7F)
		i++;
	/* The last of them may take an accent after it (« e » U+0301). */
	if (i > 0)
		i--;
	from = i;
	while (i < len) {
		uint32_t cp, c;
		size_t k = mc_utf8_decode(s + i, &cp);

		if (cp >= 0x300 && cp <= 0x36F && base != 0 && (c = compose(base, cp)) != 0) {
			base = c;
		} else {
			if (base != 0 && !text_holds(base))
				break;
			base = cp;
			from = i;
		}
		i += k;
	}
	if (base == 0 || text_holds(base))
		return 0;
	*at = from;
	*n = i - from;
	return base;
}

uint32_t
mc_name_refused(const char *s, size_t len, size_t *at, size_t *n)
{
	uint32_t cp = mc_text_refused(s, len, at, n);

	if (cp != 0)
		return cp;
	/* What a text drops or writes otherwise is no part of a name: the
	 * soft hyphen (C2 AD) and the ligatures (EF AC). */
	for (size_t i = 0; i + 1 < len; i++) {
		const mc_pasted_char *c;

		if ((unsigned char)s[i] != 0xC2 && (unsigned char)s[i] != 0xEF)
			continue;
		*n = mc_utf8_decode(s + i, &cp);
		c = mc_pasted_char_of(cp);
		if (c != NULL && (c->role == MC_PASTE_DROPPED || c->role == MC_PASTE_LETTERS)) {
			*at = i;
			return cp;
		}
	}
	return 0;
}

void
mc_char_refusal(uint32_t cp, int in_cell, char *out, size_t size)
{
	const mc_pasted_char *c = mc_pasted_char_of(cp);
	const char *seen = in_cell ? "invisible dans le tableur" : "invisible";
	const char *it = c != NULL && c->fem ? "la" : "le";
	char glyph[16];

	if (size == 0)
		return;
	if (is_control(cp)) {
		/* In a cell, as csv_caractere_controle says it. */
		snprintf(out, size, "caractère de contrôle U+%04X, %s", (unsigned)cp,
		    in_cell ? "invisible dans le tableur ; retapez la cellule" :
		    "invisible : retirez-le ; aucune lettre ne le garde");
		return;
	}
	if (c != NULL) {
		switch (c->role) {
		case MC_PASTE_DIRECTION:
			snprintf(out, size, "%s (U+%04X), %s, qui change le sens de l’écriture : retirez-%s ; aucune lettre ne %s garde",
			    c->name, (unsigned)cp, seen, it, it);
			return;
		case MC_PASTE_SEPARATOR:
			snprintf(out, size, "%s (U+%04X), %s : remplacez-%s par un retour à la ligne ou une espace ; aucune lettre ne %s garde",
			    c->name, (unsigned)cp, seen, it, it);
			return;
		case MC_PASTE_SPACE:
			snprintf(out, size, "%s (U+%04X), que les polices du PDF n’ont pas : remplacez-%s par une espace ordinaire",
			    c->name, (unsigned)cp, it);
			return;
		case MC_PASTE_LETTERS:
			/* A text writes its letters: only a name refuses it. */
			snprintf(out, size, "%s (U+%04X) dans un nom : écrivez les lettres « %s »",
			    c->name, (unsigned)cp, c->letters);
			return;
		case MC_PASTE_KEPT:
			break;
		default:
			snprintf(out, size, "%s (U+%04X), %s : retirez-%s ; aucune lettre ne %s garde",
			    c->name, (unsigned)cp, seen, it, it);
			return;
		}
	}
	/* After an emoji, U+FE0F asks for its colour form: no accent. */
	if ((cp >= 0xFE00 && cp <= 0xFE0F) || (cp >= 0xE0100 && cp <= 0xE01EF)) {
		snprintf(out, size, "sélecteur de variante (U+%04X), %s : retirez-le ; aucune lettre ne le garde",
		    (unsigned)cp, seen);
		return;
	}
	switch (utf8proc_category((utf8proc_int32_t)cp)) {
	case UTF8PROC_CATEGORY_ZS:
		snprintf(out, size, "espace de largeur particulière (U+%04X), que les polices du PDF n’ont pas : remplacez-la par une espace ordinaire",
		    (unsigned)cp);
		return;
	case UTF8PROC_CATEGORY_MN:
	case UTF8PROC_CATEGORY_ME:
		snprintf(out, size, "signe diacritique combinant (U+%04X) qui ne fait pas une lettre accentuée avec le caractère qui le précède : écrivez la lettre accentuée d’un seul caractère, ou retirez-le",
		    (unsigned)cp);
		return;
	case UTF8PROC_CATEGORY_CO:
		snprintf(out, size, "caractère à usage privé (U+%04X), propre à une police, %s : retirez-le ; aucune lettre ne le garde",
		    (unsigned)cp, seen);
		return;
	case UTF8PROC_CATEGORY_CN:
	case UTF8PROC_CATEGORY_CS:
		snprintf(out, size, "non-caractère Unicode (U+%04X), %s : retirez-le ; aucune lettre ne le garde",
		    (unsigned)cp, seen);
		return;
	case UTF8PROC_CATEGORY_CF:
	case UTF8PROC_CATEGORY_ZL:
	case UTF8PROC_CATEGORY_ZP:
		snprintf(out, size, "caractère de mise en forme (U+%04X), %s : retirez-le ; aucune lettre ne le garde",
		    (unsigned)cp, seen);
		return;
	default:
		break;
	}
	mc_pdf_char_shown(cp, glyph);
	snprintf(out, size, "le caractère « %s » (U+%04X) ne s’imprime pas en PDF : les polices couvrent l’alphabet latin (français, langues d’Europe, vietnamien), sans symboles ni caractères de contrôle ; remplacez-le ou retirez-le",
	    glyph, (unsigned)cp);
}

typedef struct reporter {
	mc_diags *d;
	const mc_source *src;
} reporter;

void
mc_pdf_char_shown(uint32_t cp, char out[16])
{
	utf8proc_category_t c = utf8proc_category((utf8proc_int32_t)cp);

	memset(out, 0, 16);
	/* A control, format (U+202E turns the terminal's line around), space
	 * or unassigned character is named, not printed. */
	if (c == UTF8PROC_CATEGORY_CC || c == UTF8PROC_CATEGORY_CF ||
	    c == UTF8PROC_CATEGORY_CS || c == UTF8PROC_CATEGORY_CO ||
	    c == UTF8PROC_CATEGORY_CN || c == UTF8PROC_CATEGORY_ZS ||
	    c == UTF8PROC_CATEGORY_ZL || c == UTF8PROC_CATEGORY_ZP ||
	    c == UTF8PROC_CATEGORY_MN || c == UTF8PROC_CATEGORY_ME)
		memcpy(out, "invisible", 10);
	else
		utf8proc_encode_char((utf8proc_int32_t)cp, (utf8proc_uint8_t *)out);
}

/* The source bytes of a string (a text block's too), after NFC; one error
 * at the first character no letter may hold. */
static void
check_string(void *ctx, const mc_node *n)
{
	const reporter *r = ctx;
	uint32_t end = n->end < r->src->len ? n->end : (uint32_t)r->src->len;
	size_t at, len;
	uint32_t cp;
	char why[512];

	if ((n->kind != MC_N_STRING && n->kind != MC_N_TEXT) || end <= n->start)
		return;
	cp = mc_text_refused(r->src->text + n->start, end - n->start, &at, &len);
	if (cp == 0)
		return;
	mc_char_refusal(cp, 0, why, sizeof(why));
	mc_diag_emit(r->d, MC_D_PDF_UNPRINTABLE, mc_span_of(r->src,
	    n->start + (uint32_t)at, n->start + (uint32_t)(at + len)), why);
}

void
mc_report_unprintable(mc_diags *d, const mc_source *src, const mc_node *stmts)
{
	reporter r = { d, src };

	mc_walk(stmts, check_string, &r);
}
