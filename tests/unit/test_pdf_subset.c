/* test_pdf_subset.c — font subsets written by pdf_subset.c against
 * libharu's own HPDF_TTFontDef_SaveFontData, the real library's: for each
 * of the six fonts of build/polices (and two whole fonts they are made
 * from) and many glyph sets (none, .notdef
 * alone, each glyph alone, all, accented letters with and without their
 * composites' parts, 200 pseudo-random sets from a fixed seed, the
 * characters of each example letter), the same bytes, the same length1 and
 * the same glyph flags afterwards, from a font read into one buffer (as
 * pdf_font.c reads it) and into several; where libharu fails on the font (a
 * glyph out of it), pdf_subset.c declines; where it fails on its own
 * temporary stream (its end at a buffer's end), pdf_subset.c writes a file
 * checked against libharu's with one glyph more; fonts it does not handle
 * (read from a file) it declines. Every file is checked coherent too
 * (offsets, checksums, checkSumAdjustment). Run
 * from the repository root (fonts in build/polices: run « make »). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <glob.h>
#include <cmocka.h>

#include <hpdf.h>
#include <hpdf_doc.h>
#include <hpdf_fontdef.h>

#include "pdf_subset.h"
#include "source.h"

/* The six fonts a letter embeds, then two whole fonts they are made from
 * (fonts-liberation2): hinted (cvt, fpgm and prep, which ends them with an
 * incomplete word), long loca offsets, 2 600 glyphs. */
static const char *const fonts[] = {
	"build/polices/LiberationSans-Regular.ttf",
	"build/polices/LiberationSans-Bold.ttf",
	"build/polices/LiberationSans-Italic.ttf",
	"build/polices/LiberationSans-Regular-Ext.ttf",
	"build/polices/LiberationSans-Bold-Ext.ttf",
	"build/polices/LiberationSans-Italic-Ext.ttf",
	"/usr/share/fonts/truetype/liberation2/LiberationSans-Regular.ttf",
	"/usr/share/fonts/truetype/liberation2/LiberationSans-Italic.ttf",
};
#define NFONTS (sizeof(fonts) / sizeof(fonts[0]))
#define NSUBSET 6               /* build/polices's */

/* One font: its bytes, and definitions on them for pdf_subset.c, one read
 * into a single buffer, one into 4 096-byte buffers. */
typedef struct font {
	unsigned char *bytes;
	size_t len;
	HPDF_FontDef one, many;
	mc_subset *s_one, *s_many;
	HPDF_UINT16 nglyphs;
} font;

typedef struct ctx {
	HPDF_Doc pdf;
	font f[NFONTS];
	unsigned char *buf;
	size_t cap;
	unsigned long compared, declined, written;
	HPDF_STATUS last;               /* libharu's, at the last compare */
} ctx;

static unsigned char *
slurp(const char *path, size_t *len)
{
	int err = 0;
	char *text = mc_read_file(path, len, &err);

	assert_non_null(text);
	return (unsigned char *)text;
}

/* A definition as pdf_font.c makes it, on a stream of `bufsiz` buffers. */
static HPDF_FontDef
load(HPDF_Doc pdf, const font *f, HPDF_UINT bufsiz)
{
	HPDF_Stream s = HPDF_MemStream_New(pdf->mmgr, bufsiz);
	HPDF_FontDef def;
	char tag[] = "HPDFAC";

	assert_non_null(s);
	assert_int_equal(HPDF_Stream_Write(s, f->bytes, (HPDF_UINT)f->len), HPDF_OK);
	def = HPDF_TTFontDef_Load(pdf->mmgr, s, HPDF_TRUE);
	assert_non_null(def);
	HPDF_TTFontDef_SetTagName(def, tag);
	return def;
}

static HPDF_TTFontDefAttr
tt(HPDF_FontDef def)
{
	return def->attr;
}

static int
setup(void **state)
{
	ctx *c = calloc(1, sizeof(*c));

	assert_non_null(c);
	c->pdf = HPDF_New(NULL, NULL);
	assert_non_null(c->pdf);
	for (size_t i = 0; i < NFONTS; i++) {
		font *f = &c->f[i];

		f->bytes = slurp(fonts[i], &f->len);
		f->one = load(c->pdf, f, (HPDF_UINT)f->len);
		f->many = load(c->pdf, f, 4096);
		f->nglyphs = tt(f->one)->num_glyphs;
		assert_true(f->nglyphs > 100);
		assert_int_equal(tt(f->one)->header.index_to_loc_format, i < NSUBSET ? 0 : 1);
		assert_non_null(f->s_one = mc_subset_new(f->one));
		assert_non_null(f->s_many = mc_subset_new(f->many));
	}
	*state = c;
	return 0;
}

static int
teardown(void **state)
{
	ctx *c = *state;

	for (size_t i = 0; i < NFONTS; i++) {
		mc_subset_free(c->f[i].s_one);
		mc_subset_free(c->f[i].s_many);
		HPDF_FontDef_Free(c->f[i].one);
		HPDF_FontDef_Free(c->f[i].many);
		free(c->f[i].bytes);
	}
	HPDF_Free(c->pdf);
	free(c->buf);
	free(c);
	return 0;
}

/* pdf_subset.c's subset of the glyphs `used` marks, on def: its length (0:
 * declined), its length1 and flags afterwards. */
static size_t
ours(ctx *c, HPDF_FontDef def, const mc_subset *s, const HPDF_BYTE *used,
    HPDF_UINT *length1, HPDF_BYTE *after)
{
	HPDF_TTFontDefAttr a = tt(def);
	size_t n;

	memcpy(a->glyph_tbl.flgs, used, a->num_glyphs);
	a->length1 = 0;
	n = mc_subset_write(s, def, &c->buf, &c->cap);
	*length1 = a->length1;
	memcpy(after, a->glyph_tbl.flgs, a->num_glyphs);
	return n;
}

static void coherent(const unsigned char *f, size_t len);

/* Compares both writers on the glyphs `used` marks: libharu's on a fresh
 * definition. 1 when both wrote, 0 when libharu failed (and pdf_subset.c
 * declined). */
static int
compare(ctx *c, size_t fi, const HPDF_BYTE *used)
{
	font *f = &c->f[fi];
	HPDF_UINT16 n = f->nglyphs;
	HPDF_FontDef def = load(c->pdf, f, (HPDF_UINT)f->len);
	HPDF_Stream out = HPDF_MemStream_New(c->pdf->mmgr, 0);
	HPDF_BYTE *after = malloc(n), *after_many = malloc(n);
	HPDF_UINT length1, length1_many;
	HPDF_STATUS ret;
	size_t len, len_many, at = 0;
	unsigned char *copy;

	assert_non_null(out);
	assert_non_null(after);
	assert_non_null(after_many);
	memcpy(tt(def)->glyph_tbl.flgs, used, n);
	tt(def)->length1 = 0;
	ret = HPDF_TTFontDef_SaveFontData(def, out);
	c->last = ret;
	HPDF_ResetError(c->pdf);
	len_many = ours(c, f->many, f->s_many, used, &length1_many, after_many);
	copy = malloc(len_many + 1);
	assert_non_null(copy);
	memcpy(copy, c->buf, len_many);
	len = ours(c, f->one, f->s_one, used, &length1, after);
	if (ret != HPDF_OK) {
		/* pdf_subset.c declines where the font is at fault, writes where
		 * libharu's stream is (buffer_end checks that file). */
		assert_int_equal(len, len_many);
		if (len == 0)
			c->declined++;
		else
			c->written++;
	} else {
		assert_int_equal(len, out->size);
		for (HPDF_UINT i = 0; i < HPDF_MemStream_GetBufCount(out); i++) {
			HPDF_UINT k = 0;
			const HPDF_BYTE *p = HPDF_MemStream_GetBufPtr(out, i, &k);

			assert_true(at + k <= len);
			assert_memory_equal(c->buf + at, p, k);
			at += k;
		}
		assert_int_equal(at, len);
		coherent(c->buf, len);   /* the checker itself, on libharu's files */
		assert_int_equal(length1, tt(def)->length1);
		assert_memory_equal(after, tt(def)->glyph_tbl.flgs, n);
		/* From several buffers, the same. */
		assert_int_equal(len_many, len);
		assert_memory_equal(copy, c->buf, len);
		assert_int_equal(length1_many, length1);
		assert_memory_equal(after_many, after, n);
		c->compared++;
	}
	free(copy);
	free(after);
	free(after_many);
	HPDF_Stream_Free(out);
	HPDF_FontDef_Free(def);
	return ret == HPDF_OK;
}

/* The glyphs of these characters as a letter marks them (libharu's
 * GetCharWidth: each glyph and, for a composite, its parts), from none. */
static void
mark_chars(ctx *c, size_t fi, const uint32_t *cp, size_t ncp, HPDF_BYTE *used)
{
	HPDF_FontDef def = c->f[fi].one;
	HPDF_TTFontDefAttr a = tt(def);

	memset(a->glyph_tbl.flgs, 0, a->num_glyphs);
	a->glyph_tbl.flgs[0] = 1;
	for (size_t i = 0; i < ncp; i++)
		if (cp[i] <= 0xFFFF)
			HPDF_TTFontDef_GetCharWidth(def, (HPDF_UINT16)cp[i]);
	memcpy(used, a->glyph_tbl.flgs, a->num_glyphs);
}

static void
fixed_sets(void **state)
{
	ctx *c = *state;

	for (size_t fi = 0; fi < NFONTS; fi++) {
		HPDF_UINT16 n = c->f[fi].nglyphs;
		HPDF_BYTE *used = calloc(n, 1);

		assert_non_null(used);
		/* None, not even .notdef; .notdef alone; all. */
		assert_true(compare(c, fi, used));
		used[0] = 1;
		assert_true(compare(c, fi, used));
		memset(used, 1, n);
		assert_true(compare(c, fi, used));
		/* Each glyph alone, with and without .notdef (the fonts of the
		 * letters: the whole ones have too many glyphs). */
		for (HPDF_UINT16 g = 1; fi < NSUBSET && g < n; g++) {
			memset(used, 0, n);
			used[g] = 1;
			compare(c, fi, used);
			used[0] = 1;
			compare(c, fi, used);
		}
		free(used);
	}
	/* libharu fails on no glyph set of these fonts but those that end its
	 * temporary stream at a buffer's end (composite_range below). */
	assert_int_equal(c->declined, 0);
}

/* Accented letters: as a letter marks them (composites and their parts),
 * then the composites' glyphs alone, their parts unmarked. */
static void
composite_range(void **state)
{
	ctx *c = *state;
	uint32_t cp[0x180 + 0x5A];
	size_t ncp = 0, composites = 0;

	for (uint32_t u = 0xC0; u <= 0x17F; u++)
		cp[ncp++] = u;
	for (uint32_t u = 0x1EA0; u <= 0x1EF9; u++)
		cp[ncp++] = u;
	for (size_t fi = 0; fi < NFONTS; fi++) {
		HPDF_FontDef def = c->f[fi].one;
		HPDF_UINT16 n = c->f[fi].nglyphs;
		HPDF_BYTE *used = malloc(n), *alone = calloc(n, 1);

		assert_non_null(used);
		assert_non_null(alone);
		mark_chars(c, fi, cp, ncp, used);
		assert_true(compare(c, fi, used));
		for (size_t i = 0; i < ncp; i++) {
			HPDF_UINT16 g = HPDF_TTFontDef_GetGlyphid(def, (HPDF_UINT16)cp[i]);

			if (g > 0 && g < n)
				alone[g] = 1;
		}
		for (HPDF_UINT16 g = 0; g < n; g++)
			composites += used[g] && !alone[g];
		assert_true(compare(c, fi, alone));
		free(used);
		free(alone);
	}
	/* Some accented letters are composites whose parts were marked. */
	assert_true(composites > 20);
}

static uint64_t
next(uint64_t *x)
{
	*x ^= *x << 13;
	*x ^= *x >> 7;
	*x ^= *x << 17;
	return *x;
}

/* 200 sets from a fixed seed, from sparse to dense; one in five has flags
 * other than 0 and 1 too (libharu takes the glyphs flagged 1 only). */
static void
random_sets(void **state)
{
	ctx *c = *state;
	uint64_t x = 0x9E3779B97F4A7C15ULL;

	for (int k = 0; k < 200; k++) {
		size_t fi = (size_t)k % NFONTS;
		HPDF_UINT16 n = c->f[fi].nglyphs;
		HPDF_BYTE *used = malloc(n);
		uint64_t per64 = 1 + (uint64_t)(k % 16) * 4;      /* in 64ths */

		assert_non_null(used);
		for (HPDF_UINT16 g = 0; g < n; g++)
			used[g] = next(&x) % 64 < per64 ? (HPDF_BYTE)(k % 5 == 4 ? 1 + next(&x) % 3 : 1) : 0;
		used[0] = 1;
		assert_true(compare(c, fi, used));
		free(used);
	}
}

/* Decodes UTF-8 (well-formed: the examples are checked elsewhere). */
static size_t
code_points(const unsigned char *s, size_t len, uint32_t *cp)
{
	size_t n = 0;

	for (size_t i = 0; i < len; n++) {
		unsigned char b = s[i];
		int more = b < 0x80 ? 0 : b < 0xE0 ? 1 : b < 0xF0 ? 2 : 3;
		uint32_t u = more == 0 ? b : b & (0x3F >> more);

		for (int j = 1; j <= more && i + (size_t)j < len; j++)
			u = u << 6 | (s[i + (size_t)j] & 0x3F);
		cp[n] = u;
		i += 1 + (size_t)more;
	}
	return n;
}

/* The characters of each example letter and of tests/rendu/ (the source's:
 * the letter's text is drawn from it), in each font. */
static void
example_sets(void **state)
{
	ctx *c = *state;
	glob_t g;

	assert_int_equal(glob("examples/*.mission", 0, NULL, &g), 0);
	assert_int_equal(glob("tests/rendu/*.mission", GLOB_APPEND, NULL, &g), 0);
	assert_true(g.gl_pathc >= 10);
	for (size_t i = 0; i < g.gl_pathc; i++) {
		size_t len, ncp;
		unsigned char *text = slurp(g.gl_pathv[i], &len);
		uint32_t *cp = malloc((len + 1) * sizeof(*cp));

		assert_non_null(cp);
		ncp = code_points(text, len, cp);
		for (size_t fi = 0; fi < NFONTS; fi++) {
			HPDF_BYTE *used = malloc(c->f[fi].nglyphs);

			assert_non_null(used);
			mark_chars(c, fi, cp, ncp, used);
			assert_true(compare(c, fi, used));
			free(used);
		}
		free(cp);
		free(text);
	}
	globfree(&g);
}

/* libharu's subset of the glyphs `used` marks, malloc'd, or NULL where it
 * fails. */
static unsigned char *
theirs(ctx *c, size_t fi, const HPDF_BYTE *used, size_t *len)
{
	HPDF_FontDef def = load(c->pdf, &c->f[fi], (HPDF_UINT)c->f[fi].len);
	HPDF_Stream out = HPDF_MemStream_New(c->pdf->mmgr, 0);
	unsigned char *bytes = NULL;
	size_t at = 0;

	assert_non_null(out);
	memcpy(tt(def)->glyph_tbl.flgs, used, c->f[fi].nglyphs);
	if (HPDF_TTFontDef_SaveFontData(def, out) == HPDF_OK) {
		bytes = malloc(out->size);
		assert_non_null(bytes);
		for (HPDF_UINT i = 0; i < HPDF_MemStream_GetBufCount(out); i++) {
			HPDF_UINT k = 0;
			const HPDF_BYTE *p = HPDF_MemStream_GetBufPtr(out, i, &k);

			memcpy(bytes + at, p, k);
			at += k;
		}
	}
	HPDF_ResetError(c->pdf);
	HPDF_Stream_Free(out);
	HPDF_FontDef_Free(def);
	*len = at;
	return bytes;
}

static uint32_t
be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

/* The sum of the 32-bit words of n bytes, the last one zero-padded (a
 * table's checksum), or without the last incomplete word (libharu's sum for
 * checkSumAdjustment). */
static uint32_t
sum_words(const unsigned char *p, size_t n, int pad)
{
	uint32_t sum = 0;
	size_t k;

	for (k = 0; k + 4 <= n; k += 4)
		sum += be32(p + k);
	if (pad && k < n) {
		unsigned char last[4] = { 0, 0, 0, 0 };

		memcpy(last, p + k, n - k);
		sum += be32(last);
	}
	return sum;
}

#define DIR (12 + 16 * 13)
#define T_GLYF 4
#define T_HEAD 5
#define T_LOCA 8

/* A subset file's directory is coherent: tables one after the other from
 * the directory's end to the file's, each checksum its table's, and
 * checkSumAdjustment as libharu computes it. */
static void
coherent(const unsigned char *f, size_t len)
{
	uint32_t at = DIR, adjust;
	unsigned char *copy = malloc(len);

	assert_non_null(copy);
	/* Sums are taken with checkSumAdjustment 0, head's own included. */
	memcpy(copy, f, len);
	adjust = be32(f + be32(f + 12 + 16 * T_HEAD + 8) + 8);
	memset(copy + be32(f + 12 + 16 * T_HEAD + 8) + 8, 0, 4);
	for (int i = 0; i < 13; i++) {
		const unsigned char *d = f + 12 + 16 * i;

		assert_int_equal(be32(d + 8), at);
		assert_true(at + be32(d + 12) <= len);
		assert_int_equal(be32(d + 4), sum_words(copy + at, be32(d + 12), 1));
		at += be32(d + 12);
	}
	assert_int_equal(at, len);
	assert_int_equal(adjust, (uint32_t)(0xB1B0AFBAu - sum_words(copy + DIR, len - DIR, 0)));
	free(copy);
}

/* Glyph sets whose tables end libharu's temporary stream (4 096-byte
 * buffers) exactly at a buffer's end: the six fonts have no prep table, an
 * empty last table that libharu seeks to, and its stream refuses the seek.
 * libharu fails — a letter failed so, for about one glyph set in two
 * thousand —; pdf_subset.c writes the file. Found by summing glyph lengths
 * to the right total (a subset sum over the font's glyphs). Checked against
 * libharu's file for the same glyphs and one more, g: the same offset table
 * and tables but glyf (less g's bytes), loca (less g's length after g) and
 * head's checkSumAdjustment; and coherent. */
static void
buffer_end(void **state)
{
	ctx *c = *state;
	unsigned long before = c->written;

	for (size_t fi = 0; fi < NSUBSET; fi++) {
		HPDF_TTFontDefAttr a = tt(c->f[fi].one);
		HPDF_UINT16 n = c->f[fi].nglyphs;
		const HPDF_UINT32 *off = a->glyph_tbl.offsets;
		HPDF_BYTE *used = calloc(n, 1);
		HPDF_UINT length1;
		size_t fixed, target, glyf = 0;
		int16_t *from;

		assert_non_null(used);
		assert_int_equal(a->header.index_to_loc_format, 0);
		/* The tables but glyf: .notdef's subset less its glyph. */
		used[0] = 1;
		assert_true(compare(c, fi, used));
		ours(c, c->f[fi].one, c->f[fi].s_one, used, &length1, used);
		fixed = length1 - (12 + 16 * 13) - (off[1] - off[0]) * 2;
		target = (fixed / 4096 + 2) * 4096 - fixed;
		/* from[t]: the glyph that last reached t bytes of glyphs. */
		from = malloc((target + 1) * sizeof(*from));
		assert_non_null(from);
		for (size_t t = 0; t <= target; t++)
			from[t] = -1;
		from[0] = 0;
		for (HPDF_UINT16 gl = 1; gl < n; gl++) {
			size_t len = (size_t)(off[gl + 1] - off[gl]) * 2;

			for (size_t t = target; len > 0 && t >= len; t--)
				if (from[t] < 0 && from[t - len] >= 0 && from[t - len] < gl)
					from[t] = (int16_t)gl;
		}
		assert_true(from[target] > 0);
		memset(used, 0, n);
		for (size_t t = target; t > 0; t -= (size_t)(off[from[t] + 1] - off[from[t]]) * 2) {
			used[from[t]] = 1;
			glyf += (size_t)(off[from[t] + 1] - off[from[t]]) * 2;
		}
		assert_int_equal(glyf, target);
		assert_false(compare(c, fi, used));
		assert_int_equal(c->last, HPDF_INVALID_OBJECT);      /* the seek */
		{
			HPDF_BYTE *after = malloc(n);
			size_t olen, llen, gstart, glen;
			unsigned char *o, *l;
			HPDF_UINT16 g = 0;
			const unsigned char *od, *ld;

			assert_non_null(after);
			olen = ours(c, c->f[fi].one, c->f[fi].s_one, used, &length1, after);
			assert_true(olen > DIR);
			assert_int_equal(length1, olen);
			o = malloc(olen);
			assert_non_null(o);
			memcpy(o, c->buf, olen);
			coherent(o, olen);
			/* One glyph more, and libharu writes it. */
			for (HPDF_UINT16 gl = 1; gl < n && g == 0; gl++)
				if (!used[gl] && off[gl + 1] > off[gl])
					g = gl;
			assert_true(g > 0);
			used[g] = 1;
			assert_true(compare(c, fi, used));
			l = theirs(c, fi, used, &llen);
			assert_non_null(l);
			coherent(l, llen);
			glen = (size_t)(off[g + 1] - off[g]) * 2;
			assert_int_equal(olen + glen, llen);
			assert_memory_equal(o, l, 12);
			for (int i = 0; i < 13; i++) {
				const unsigned char *dd = o + 12 + 16 * i, *ll = l + 12 + 16 * i;

				assert_memory_equal(dd, ll, 4);
				if (i == T_GLYF || i == T_HEAD || i == T_LOCA)
					continue;
				assert_int_equal(be32(dd + 12), be32(ll + 12));
				assert_memory_equal(o + be32(dd + 8), l + be32(ll + 8), be32(dd + 12));
			}
			/* head: the same but checkSumAdjustment. */
			od = o + be32(o + 12 + 16 * T_HEAD + 8);
			ld = l + be32(l + 12 + 16 * T_HEAD + 8);
			assert_memory_equal(od, ld, 8);
			assert_memory_equal(od + 12, ld + 12, be32(o + 12 + 16 * T_HEAD + 12) - 12);
			/* glyf: libharu's without g. */
			od = o + be32(o + 12 + 16 * T_GLYF + 8);
			ld = l + be32(l + 12 + 16 * T_GLYF + 8);
			{
				const unsigned char *lloca = l + be32(l + 12 + 16 * T_LOCA + 8);
				const unsigned char *oloca = o + be32(o + 12 + 16 * T_LOCA + 8);

				gstart = (size_t)(lloca[2 * g] << 8 | lloca[2 * g + 1]) * 2;
				assert_memory_equal(od, ld, gstart);
				assert_memory_equal(od + gstart, ld + gstart + glen,
				    be32(o + 12 + 16 * T_GLYF + 12) - gstart);
				/* loca: libharu's, less g's length after g. */
				for (HPDF_UINT16 k = 0; k <= n; k++) {
					unsigned lv = (unsigned)(lloca[2 * k] << 8 | lloca[2 * k + 1]);
					unsigned ov = (unsigned)(oloca[2 * k] << 8 | oloca[2 * k + 1]);

					assert_int_equal(ov, k > g ? lv - glen / 2 : lv);
				}
			}
			free(o);
			free(l);
			free(after);
		}
		free(from);
		free(used);
	}
	assert_int_equal(c->written - before, NSUBSET);
}

/* A glyph out of the font's bytes: libharu fails reading it, pdf_subset.c
 * declines; an error left on the handle: pdf_subset.c declines. */
static void
broken_input(void **state)
{
	ctx *c = *state;
	font *f = &c->f[0];
	HPDF_TTFontDefAttr a = tt(f->one);
	HPDF_BYTE *used = calloc(f->nglyphs, 1);
	HPDF_UINT32 saved = a->glyph_tbl.offsets[6];
	HPDF_UINT length1;

	assert_non_null(used);
	used[0] = used[5] = 1;
	a->glyph_tbl.offsets[6] = (HPDF_UINT32)(f->len);     /* past the end */
	assert_int_equal(ours(c, f->one, f->s_one, used, &length1, used), 0);
	a->glyph_tbl.offsets[6] = a->glyph_tbl.offsets[5] - 1;  /* before its start */
	assert_int_equal(ours(c, f->one, f->s_one, used, &length1, used), 0);
	a->glyph_tbl.offsets[6] = saved;
	assert_true(ours(c, f->one, f->s_one, used, &length1, used) > 0);
	HPDF_SetError(f->one->error, HPDF_INVALID_PARAMETER, 0);
	assert_int_equal(ours(c, f->one, f->s_one, used, &length1, used), 0);
	HPDF_ResetError(c->pdf);
	free(used);
}

/* What mc_subset_fits and mc_subset_new refuse: another definition, a new
 * subset tag, a font read from a file (libharu's own reader). */
static void
fits_and_refusals(void **state)
{
	ctx *c = *state;
	font *f = &c->f[0];
	HPDF_TTFontDefAttr a = tt(f->one);
	char tag[] = "HPDFZZ", old[7];
	const char *name;
	HPDF_FontDef file;

	assert_true(mc_subset_fits(f->s_one, f->one));
	assert_false(mc_subset_fits(f->s_one, f->many));
	assert_false(mc_subset_fits(f->s_one, c->f[1].one));
	memcpy(old, a->tag_name, 6);
	old[6] = '\0';
	HPDF_TTFontDef_SetTagName(f->one, tag);
	assert_false(mc_subset_fits(f->s_one, f->one));
	assert_int_equal(mc_subset_write(f->s_one, f->one, &c->buf, &c->cap), 0);
	HPDF_TTFontDef_SetTagName(f->one, old);
	assert_true(mc_subset_fits(f->s_one, f->one));
	assert_null(mc_subset_new(NULL));
	name = HPDF_LoadTTFontFromFile(c->pdf, fonts[0], HPDF_TRUE);
	assert_non_null(name);
	file = HPDF_Doc_FindFontDef(c->pdf, name);
	assert_non_null(file);
	assert_null(mc_subset_new(file));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(fixed_sets),
		cmocka_unit_test(composite_range),
		cmocka_unit_test(random_sets),
		cmocka_unit_test(example_sets),
		cmocka_unit_test(buffer_end),
		cmocka_unit_test(broken_input),
		cmocka_unit_test(fits_and_refusals),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
