/* pdf_subset.c — a TrueType font subset as libharu writes it, without
 * libharu's writer.
 *
 * libharu makes a letter's font subset (HPDF_TTFontDef_SaveFontData) four
 * bytes at a time through its stream layer, into a temporary stream that it
 * then reads again, four bytes at a time, for the tables' checksums and the
 * file's. In a batch the regular font's glyphs vary with the names, so its
 * subset is made anew for nearly every letter, and that writer cost a tenth
 * of a letter's time. The file it writes is simple:
 *  - the offset table: the font's sfnt version, 13 tables, and the font's
 *    own searchRange, entrySelector and rangeShift;
 *  - the directory: always the same 13 tags in the same order (`required`),
 *    a table the font lacks written empty;
 *  - the tables one after the other, unpadded, each copied from the font
 *    except head (rewritten from the parsed header, checkSumAdjustment
 *    filled in last), glyf (the glyphs whose flag is 1, in order), loca
 *    (their new offsets) and name (the subset tag, "ABCDEF+", before the
 *    family and full names);
 *  - each table's checksum over its own bytes, zero-padded;
 *    checkSumAdjustment is 0xB1B0AFBA minus the sum of the 32-bit words of
 *    the tables — not of the directory —, a last incomplete word left out.
 * All but glyf and loca is the same for every subset of a font: made once
 * here, with each table's bytes summed by position modulo 4, from which its
 * checksum and its share of the file's sum at any alignment follow. A subset
 * then costs copying its glyphs, writing loca and summing those two.
 *
 * Where libharu would fail on the font (a table or a glyph outside its
 * bytes), this writer declines rather than write a file libharu would not:
 * the caller lets libharu do it, and fail its way. Where libharu fails on
 * its own stream (see mc_subset_write), the file is written.
 * tests/unit/test_pdf_subset.c compares the bytes with libharu's own, for
 * the project's six fonts and many glyph sets. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <hpdf_error.h>
#include <hpdf_streams.h>

#include "pdf_subset.h"

#define NTABLES 13
/* The offset table and the directory, before the tables. */
#define DIR_LEN (12 + 16 * NTABLES)
#define HEAD_LEN 54

enum kind { COPY, HEAD, GLYF, LOCA, NAME };

/* The tables libharu writes, in its order (REQUIRED_TAGS in
 * hpdf_fontdef_tt.c). */
static const struct {
	char tag[5];
	enum kind kind;
} required[NTABLES] = {
	{ "OS/2", COPY }, { "cmap", COPY }, { "cvt ", COPY }, { "fpgm", COPY },
	{ "glyf", GLYF }, { "head", HEAD }, { "hhea", COPY }, { "hmtx", COPY },
	{ "loca", LOCA }, { "maxp", COPY }, { "name", NAME }, { "post", COPY },
	{ "prep", COPY },
};
enum { GLYF_AT = 4, HEAD_AT = 5, LOCA_AT = 8 };

/* A table that is the same in every subset of the font. */
typedef struct fixed {
	const unsigned char *bytes;
	uint32_t len;
	uint32_t sums[4];               /* its bytes summed by position modulo 4 */
} fixed;

struct mc_subset {
	/* What it was made for: compared, never read through. */
	HPDF_FontDef def;
	HPDF_Stream stream;
	const HPDF_BYTE *buf0;          /* the stream's first buffer */
	HPDF_UINT32 size;
	const HPDF_UINT32 *offsets;
	HPDF_UINT16 nglyphs;
	char tag[HPDF_TTF_FONT_TAG_LEN + 1];
	char tag2[(HPDF_TTF_FONT_TAG_LEN + 1) * 2];

	const unsigned char *font;      /* the font's bytes: the stream's own buffer, */
	unsigned char *copy;            /* or a copy when it has several */
	int short_loca;
	uint32_t glyf_at;               /* where the glyphs start in the font */
	unsigned char offset_table[12];
	unsigned char head[HEAD_LEN];
	unsigned char *name;
	fixed table[NTABLES];           /* glyf and loca: made per subset */
};

static void
put16(unsigned char *p, uint32_t v)
{
	p[0] = (unsigned char)(v >> 8);
	p[1] = (unsigned char)v;
}

static void
put32(unsigned char *p, uint32_t v)
{
	p[0] = (unsigned char)(v >> 24);
	p[1] = (unsigned char)(v >> 16);
	p[2] = (unsigned char)(v >> 8);
	p[3] = (unsigned char)v;
}

static void
sum_bytes(const unsigned char *p, size_t n, uint32_t s[4])
{
	size_t i = 0;

	s[0] = s[1] = s[2] = s[3] = 0;
	for (; i + 4 <= n; i += 4) {
		s[0] += p[i];
		s[1] += p[i + 1];
		s[2] += p[i + 2];
		s[3] += p[i + 3];
	}
	for (; i < n; i++)
		s[i & 3] += p[i];
}

/* The sum of the big-endian 32-bit words that bytes summed by position as
 * `s` make, placed `at` bytes past a word's start (words it shares with its
 * neighbours count its bytes only, zeros for theirs). */
static uint32_t
words(const uint32_t s[4], uint32_t at)
{
	uint32_t w = 0;

	for (uint32_t k = 0; k < 4; k++)
		w += s[k] << (8 * (3 - ((k + at) & 3)));
	return w;
}

static const HPDF_TTFTable *
find(HPDF_TTFontDefAttr attr, const char *tag)
{
	for (HPDF_UINT i = 0; i < attr->offset_tbl.num_tables; i++)
		if (memcmp(attr->offset_tbl.table[i].tag, tag, 4) == 0)
			return &attr->offset_tbl.table[i];
	return NULL;
}

/* The font's bytes in one piece. */
static int
font_bytes(mc_subset *s, HPDF_Stream st)
{
	HPDF_UINT n = HPDF_MemStream_GetBufCount(st), k = 0;
	size_t at = 0;

	if (n == 0)
		return 0;
	s->buf0 = HPDF_MemStream_GetBufPtr(st, 0, &k);
	if (n == 1) {
		s->font = s->buf0;
		return s->font != NULL && k == st->size;
	}
	if ((s->copy = malloc(st->size)) == NULL)
		return 0;
	for (HPDF_UINT i = 0; i < n; i++) {
		const HPDF_BYTE *p = HPDF_MemStream_GetBufPtr(st, i, &k);

		if (p == NULL || k > st->size - at)
			return 0;
		memcpy(s->copy + at, p, k);
		at += k;
	}
	s->font = s->copy;
	return at == st->size;
}

/* libharu seeks its font stream to each table, string and glyph it copies:
 * a memory stream refuses a position past its end, and its end itself when
 * its buffers are full, as pdf_font.c's single buffer is. */
static int
reachable(const mc_subset *s, uint64_t from, uint64_t len)
{
	return from < s->size && from + len <= s->size;
}

/* head as libharu writes it (WriteHeader): from the parsed header, with
 * checkSumAdjustment 0 until the file's sum is known. */
static void
make_head(unsigned char *p, const HPDF_TTF_FontHeader *h)
{
	memcpy(p, h->version_number, 4);
	put32(p + 4, h->font_revision);
	put32(p + 8, 0);
	put32(p + 12, h->magic_number);
	put16(p + 16, h->flags);
	put16(p + 18, h->units_per_em);
	memcpy(p + 20, h->created, 8);
	memcpy(p + 28, h->modified, 8);
	put16(p + 36, (uint16_t)h->x_min);
	put16(p + 38, (uint16_t)h->y_min);
	put16(p + 40, (uint16_t)h->x_max);
	put16(p + 42, (uint16_t)h->y_max);
	put16(p + 44, h->mac_style);
	put16(p + 46, h->lowest_rec_ppem);
	put16(p + 48, (uint16_t)h->font_direction_hint);
	put16(p + 50, (uint16_t)h->index_to_loc_format);
	put16(p + 52, (uint16_t)h->glyph_data_format);
}

/* The subset tag before a family (1) or full (4) name: in UTF-16 for the
 * Unicode and Windows platforms (0, 3), in bytes for the others. */
static size_t
tag_for(const HPDF_TTF_NameRecord *r, const HPDF_TTFontDefAttr attr, const char **tag)
{
	if (r->name_id != 1 && r->name_id != 4)
		return 0;
	if (r->platform_id == 0 || r->platform_id == 3) {
		*tag = attr->tag_name2;
		return sizeof(attr->tag_name2);
	}
	*tag = attr->tag_name;
	return sizeof(attr->tag_name);
}

/* name as libharu writes it (RecreateName): the parsed header and records,
 * each string after the one before, the tag before the names that get it;
 * lengths and offsets kept to 16 bits as libharu keeps them. */
static unsigned char *
make_name(const mc_subset *s, HPDF_TTFontDefAttr attr, const HPDF_TTFTable *tbl,
    uint32_t *len)
{
	const HPDF_TTF_NamingTable *nt = &attr->name_tbl;
	size_t n = 6 + 12 * (size_t)nt->count, at = 0;
	unsigned char *p, *str;
	const char *tag = NULL;

	for (HPDF_UINT i = 0; i < nt->count; i++) {
		const HPDF_TTF_NameRecord *r = &nt->name_records[i];

		if (!reachable(s, (uint64_t)tbl->offset + nt->string_offset + r->offset, r->length))
			return NULL;
		n += r->length + tag_for(r, attr, &tag);
	}
	if ((p = malloc(n)) == NULL)
		return NULL;
	put16(p, nt->format);
	put16(p + 2, nt->count);
	put16(p + 4, nt->string_offset);
	str = p + 6 + 12 * (size_t)nt->count;
	for (HPDF_UINT i = 0; i < nt->count; i++) {
		const HPDF_TTF_NameRecord *r = &nt->name_records[i];
		size_t k = tag_for(r, attr, &tag);
		unsigned char *rec = p + 6 + 12 * (size_t)i;

		put16(rec, r->platform_id);
		put16(rec + 2, r->encoding_id);
		put16(rec + 4, r->language_id);
		put16(rec + 6, r->name_id);
		put16(rec + 8, (uint16_t)(r->length + k));
		put16(rec + 10, (uint16_t)at);
		if (k > 0)
			memcpy(str + at, tag, k);
		memcpy(str + at + k, s->font + tbl->offset + nt->string_offset + r->offset,
		    r->length);
		at += k + r->length;
	}
	*len = (uint32_t)n;
	return p;
}

void
mc_subset_free(mc_subset *s)
{
	if (s == NULL)
		return;
	free(s->copy);
	free(s->name);
	free(s);
}

mc_subset *
mc_subset_new(HPDF_FontDef def)
{
	HPDF_TTFontDefAttr attr;
	HPDF_Stream st;
	mc_subset *s;
	unsigned char *o;

	if (def == NULL || def->type != HPDF_FONTDEF_TYPE_TRUETYPE || (attr = def->attr) == NULL ||
	    (st = attr->stream) == NULL || st->type != HPDF_STREAM_MEMORY || st->size == 0 ||
	    attr->num_glyphs == 0 || attr->glyph_tbl.offsets == NULL ||
	    attr->glyph_tbl.flgs == NULL || attr->offset_tbl.table == NULL ||
	    (attr->name_tbl.count > 0 && attr->name_tbl.name_records == NULL) ||
	    (s = calloc(1, sizeof(*s))) == NULL)
		return NULL;
	s->def = def;
	s->stream = st;
	s->size = st->size;
	s->offsets = attr->glyph_tbl.offsets;
	s->nglyphs = attr->num_glyphs;
	memcpy(s->tag, attr->tag_name, sizeof(s->tag));
	memcpy(s->tag2, attr->tag_name2, sizeof(s->tag2));
	s->short_loca = attr->header.index_to_loc_format == 0;
	s->glyf_at = attr->glyph_tbl.base_offset;
	if (!font_bytes(s, st))
		goto fail;
	o = s->offset_table;
	put32(o, attr->offset_tbl.sfnt_version);
	put16(o + 4, NTABLES);
	put16(o + 6, attr->offset_tbl.search_range);
	put16(o + 8, attr->offset_tbl.entry_selector);
	put16(o + 10, attr->offset_tbl.range_shift);
	make_head(s->head, &attr->header);
	for (int i = 0; i < NTABLES; i++) {
		const HPDF_TTFTable *tbl = find(attr, required[i].tag);
		fixed *t = &s->table[i];

		/* A table the font lacks is written empty; libharu writes the
		 * four it makes itself from what it parsed, which a font it
		 * loaded has. */
		if (tbl == NULL) {
			if (required[i].kind != COPY)
				goto fail;
			continue;
		}
		if (!reachable(s, tbl->offset, 0))
			goto fail;
		switch (required[i].kind) {
		case COPY:
			if (!reachable(s, tbl->offset, tbl->length))
				goto fail;
			t->bytes = s->font + tbl->offset;
			t->len = tbl->length;
			break;
		case HEAD:
			t->bytes = s->head;
			t->len = HEAD_LEN;
			break;
		case NAME:
			if ((s->name = make_name(s, attr, tbl, &t->len)) == NULL)
				goto fail;
			t->bytes = s->name;
			break;
		case GLYF:
		case LOCA:
			continue;
		}
		sum_bytes(t->bytes, t->len, t->sums);
	}
	return s;
fail:
	mc_subset_free(s);
	return NULL;
}

int
mc_subset_fits(const mc_subset *s, HPDF_FontDef def)
{
	HPDF_TTFontDefAttr attr;
	HPDF_UINT k = 0;

	if (s == NULL || def != s->def || def->type != HPDF_FONTDEF_TYPE_TRUETYPE ||
	    (attr = def->attr) == NULL || attr->stream != s->stream)
		return 0;
	return attr->stream->size == s->size &&
	    HPDF_MemStream_GetBufPtr(attr->stream, 0, &k) == s->buf0 &&
	    attr->glyph_tbl.offsets == s->offsets && attr->num_glyphs == s->nglyphs &&
	    memcmp(attr->tag_name, s->tag, sizeof(s->tag)) == 0 &&
	    memcmp(attr->tag_name2, s->tag2, sizeof(s->tag2)) == 0;
}

/* The glyf table's length, or -1 when libharu could not read a glyph. */
static int64_t
glyf_length(const mc_subset *s, HPDF_TTFontDefAttr attr)
{
	const HPDF_UINT32 *off = attr->glyph_tbl.offsets;
	const HPDF_BYTE *used = attr->glyph_tbl.flgs;
	uint64_t scale = s->short_loca ? 2 : 1, n = 0;

	for (HPDF_UINT i = 0; i < s->nglyphs; i++)
		if (used[i] == 1) {
			uint64_t len = ((uint64_t)off[i + 1] - off[i]) * scale;

			if (off[i + 1] < off[i] ||
			    !reachable(s, s->glyf_at + (uint64_t)off[i] * scale, len))
				return -1;
			n += len;
		}
	return (int64_t)n;
}

/* The glyphs whose flag is 1, one after the other, and loca: where each
 * glyph starts, an unused glyph at the end of the one before (RecreateGLYF),
 * in half-bytes and 16 bits for the short format, as libharu truncates it. */
static void
write_glyphs(const mc_subset *s, HPDF_TTFontDefAttr attr, unsigned char *glyf,
    unsigned char *loca)
{
	const HPDF_UINT32 *off = attr->glyph_tbl.offsets;
	const HPDF_BYTE *used = attr->glyph_tbl.flgs;
	uint32_t scale = s->short_loca ? 2 : 1, at = 0, end = 0;

	for (HPDF_UINT i = 0; i <= s->nglyphs; i++) {
		uint32_t start = end;

		if (i < s->nglyphs && used[i] == 1) {
			uint32_t len = (off[i + 1] - off[i]) * scale;

			memcpy(glyf + at, s->font + s->glyf_at + (size_t)off[i] * scale, len);
			start = at / scale;
			at += len;
			end = at / scale;
		}
		if (s->short_loca)
			put16(loca + 2 * (size_t)i, (uint16_t)start);
		else
			put32(loca + 4 * (size_t)i, start);
	}
}

size_t
mc_subset_write(const mc_subset *s, HPDF_FontDef def, unsigned char **buf, size_t *cap)
{
	HPDF_TTFontDefAttr attr;
	uint32_t at[NTABLES], len[NTABLES], sums[NTABLES][4], total = 0, adjust = 0xB1B0AFBA;
	uint64_t body = 0;
	int64_t glyf;
	unsigned char *p;

	if (!mc_subset_fits(s, def) || HPDF_Error_GetCode(def->error) != HPDF_NOERROR)
		return 0;
	attr = def->attr;
	if ((glyf = glyf_length(s, attr)) < 0)
		return 0;
	for (int i = 0; i < NTABLES; i++) {
		uint64_t n = i == GLYF_AT ? (uint64_t)glyf :
		    i == LOCA_AT ? ((uint64_t)s->nglyphs + 1) * (s->short_loca ? 2 : 4) :
		    s->table[i].len;

		at[i] = (uint32_t)body;
		len[i] = (uint32_t)n;
		body += n;
		if (body > UINT32_MAX - DIR_LEN)
			return 0;       /* libharu's streams count in 32 bits */
	}
	/* libharu sums each table after seeking its temporary stream to it: the
	 * stream refuses its own end when its 4 096-byte buffers are full, which
	 * an empty last table (prep, in fonts without hinting) meets for about
	 * one glyph set in two thousand — the letter then failed. That is a bug
	 * of libharu's stream, not of the font: the file is written here as
	 * libharu writes it for every other length (the test checks it against
	 * libharu's file for the same glyphs and one more). */
	total = (uint32_t)(DIR_LEN + body);
	if (*cap < total) {
		if ((p = realloc(*buf, total)) == NULL)
			return 0;
		*buf = p;
		*cap = total;
	}
	p = *buf + DIR_LEN;
	write_glyphs(s, attr, p + at[GLYF_AT], p + at[LOCA_AT]);
	for (int i = 0; i < NTABLES; i++) {
		if (i == GLYF_AT || i == LOCA_AT) {
			sum_bytes(p + at[i], len[i], sums[i]);
		} else {
			if (len[i] > 0)
				memcpy(p + at[i], s->table[i].bytes, len[i]);
			memcpy(sums[i], s->table[i].sums, sizeof(sums[i]));
		}
		adjust -= words(sums[i], at[i]);
	}
	/* The file's last incomplete word is not in libharu's sum. */
	for (uint32_t k = 0; k < (body & 3); k++)
		adjust += (uint32_t)p[body - (body & 3) + k] << (8 * (3 - k));
	put32(p + at[HEAD_AT] + 8, adjust);
	memcpy(*buf, s->offset_table, sizeof(s->offset_table));
	for (int i = 0; i < NTABLES; i++) {
		unsigned char *d = *buf + 12 + 16 * (size_t)i;

		memcpy(d, required[i].tag, 4);
		put32(d + 4, words(sums[i], 0));
		put32(d + 8, at[i] + DIR_LEN);
		put32(d + 12, len[i]);
	}
	attr->length1 = total;
	return total;
}
