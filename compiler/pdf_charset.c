/* pdf_charset.c — what the PDF prints beyond Windows-1252: the Latin
 * letters of pdf_charset.def (Turkish, Polish, Romanian, Czech, Vietnamese…)
 * get bytes 0x21… of a second one-byte encoding, shown with a second
 * instance of the same fonts (render_pdf.c). One byte a character keeps the
 * fast route of PDF-NOTES; only a letter using them embeds the extra glyphs.
 * The checker asks the same table at verifier time. */
#include "pdf_charset.h"
#include "cp1252.h"

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

/* The code point a base and a combining mark compose to under NFC, or 0. */
static uint32_t
compose(uint32_t base, uint32_t mark)
{
	utf8proc_int32_t buf[2] = { (utf8proc_int32_t)base, (utf8proc_int32_t)mark };
	utf8proc_ssize_t n = utf8proc_normalize_utf32(buf, 2, UTF8PROC_COMPOSE |
	    UTF8PROC_STABLE);

	return n == 1 ? (uint32_t)buf[0] : 0;
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

static void
report(const reporter *r, uint32_t start, uint32_t end, uint32_t cp)
{
	char utf8[16];

	mc_pdf_char_shown(cp, utf8);
	mc_diag_emit(r->d, MC_D_PDF_UNPRINTABLE, mc_span_of(r->src, start, end),
	    utf8, (unsigned)cp);
}

/* Whether the PDF cannot print a character of a string. Controls (C0, C1)
 * are the scanner's to refuse (caractere_de_controle): not said twice. */
static int
unprintable(uint32_t cp)
{
	return cp >= 0x20 && (cp < 0x7F || cp > 0x9F) && !mc_pdf_printable(cp);
}

/* The source bytes of a string, character by character (after NFC: a
 * letter and its combining marks count as the letter they compose); one
 * warning at the first character the PDF cannot print. */
static void
check_string(void *ctx, const mc_node *n)
{
	const reporter *r = ctx;
	uint32_t base = 0, at = n->start, i = n->start;

	if (n->kind != MC_N_STRING && n->kind != MC_N_TEXT)
		return;
	while (i < n->end && i < r->src->len) {
		uint32_t cp, c;
		size_t len = mc_utf8_decode(r->src->text + i, &cp);

		if (cp >= 0x300 && cp <= 0x36F && base != 0 && (c = compose(base, cp)) != 0) {
			base = c;
		} else {
			if (base != 0 && unprintable(base)) {
				report(r, at, i, base);
				return;
			}
			base = cp;
			at = i;
		}
		i += (uint32_t)len;
	}
	if (base != 0 && unprintable(base))
		report(r, at, i, base);
}

void
mc_report_unprintable(mc_diags *d, const mc_source *src, const mc_node *stmts)
{
	reporter r = { d, src };

	mc_walk(stmts, check_string, &r);
}
