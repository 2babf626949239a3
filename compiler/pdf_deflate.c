/* pdf_deflate.c — a letter's streams deflated by libdeflate, each distinct
 * font subset made and deflated once.
 *
 * libharu deflates each stream with zlib at its default level while saving
 * (deflateInit, deflate, deflateEnd for every stream), and a batch letter
 * spent about half its CPU time there, and a fifth more making its font
 * subsets: ~18 KB of font files that are the same from one letter to the
 * next whenever the letters use the same glyphs, and ~7 KB of page content.
 * libharu cannot be handed deflated bytes, but it writes a stream's
 * dictionary, /Filter included, before the stream's data, and calls the
 * dictionary's write_fn in between: a write_fn that turns the filter off
 * there makes libharu copy data that is already deflated, under /Filter
 * /FlateDecode. So, before the save:
 *  - page content (and any other FlateDecode stream nothing else handles)
 *    is deflated here with libdeflate, three times faster than zlib, files
 *    no larger;
 *  - each embedded TrueType font's descriptor is made now, as libharu makes
 *    it during the save, and its font file, a function of the glyphs the
 *    letter uses, is looked up by those glyphs in a small cache: on a hit
 *    libharu neither makes the subset nor deflates it. The bold and italic
 *    fonts have a handful of distinct subsets in a whole batch; the regular
 *    font's vary with the names and are mostly made anew: by pdf_subset.c,
 *    which writes the bytes libharu's writer would, several times faster,
 *    or by libharu when pdf_subset.c declines.
 * What the cache holds never changes the bytes: a font file taken from it is
 * the one made for the same glyphs, deflated the same way (the tests compare
 * the files with libharu's own). The cache belongs to one libharu handle, so
 * to one thread. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <hpdf_doc.h>
#include <hpdf_font.h>
#include <hpdf_fontdef.h>
#include <hpdf_objects.h>
#include <libdeflate.h>

#include "pdf_deflate.h"
#include "pdf_font.h"
#include "pdf_subset.h"

/* libdeflate's level 6 gives files a little smaller than zlib's default
 * level in a third of the time. One compressor for every stream: each costs
 * a quarter of a megabyte of tables, first touched at a letter's first save
 * (level 9 for the fonts saved 0.1 % of a letter, and cost a cold `produire`
 * 0.1 ms). */
#define LEVEL 6
/* Deflated subsets kept per font, least recently used out first: with the
 * French alphabet in the regular font (render_pdf.c), its subsets vary only
 * with the punctuation and digits a letter has, a few dozen in a batch; 8
 * made them evict each other (5 % of a letter's time), as did the nine
 * example letters taken in turn. At most ~1 MB a thread. */
#define PER_FONT 32
#define CACHE_SIZE 128
/* Font definitions whose subsets pdf_subset.c writes: a handle has six
 * (three fonts and their extended subsets). */
#define WRITERS 8

typedef struct entry {
	const void *owner;              /* the font definition */
	char name[HPDF_LIMIT_MAX_NAME_LEN + 1];  /* its name, subset tag included */
	uint64_t hash;
	unsigned char *glyphs;          /* the glyphs used: the key */
	unsigned char *packed;          /* the font file's deflate */
	size_t glyphs_len, packed_len;
	HPDF_UINT32 length1;            /* the font file's length */
	unsigned long used;             /* when last used, for eviction */
} entry;

struct mc_deflate {
	struct libdeflate_compressor *c;
	unsigned char *in, *out;        /* scratch */
	size_t in_cap, out_cap;
	entry cache[CACHE_SIZE];
	size_t nentries;
	unsigned long clock;
	/* What each font definition's subsets share, made at its first miss
	 * (pdf_subset.c). The definitions live as long as the handle. */
	mc_subset *writer[WRITERS];
	size_t nwriters, next_writer;
	mc_deflate_stats stats;
};

mc_deflate *
mc_deflate_new(void)
{
	mc_deflate *d = calloc(1, sizeof(*d));

	if (d == NULL)
		return NULL;
	if ((d->c = libdeflate_alloc_compressor(LEVEL)) == NULL) {
		free(d);
		return NULL;
	}
	return d;
}

void
mc_deflate_free(mc_deflate *d)
{
	if (d == NULL)
		return;
	for (size_t i = 0; i < d->nentries; i++) {
		free(d->cache[i].glyphs);
		free(d->cache[i].packed);
	}
	for (size_t i = 0; i < d->nwriters; i++)
		mc_subset_free(d->writer[i]);
	libdeflate_free_compressor(d->c);
	free(d->in);
	free(d->out);
	free(d);
}

mc_deflate_stats
mc_deflate_get_stats(const mc_deflate *d)
{
	mc_deflate_stats none = { 0, 0, 0, 0 };

	return d != NULL ? d->stats : none;
}

static int
grow(unsigned char **buf, size_t *cap, size_t need)
{
	unsigned char *p;

	if (need <= *cap)
		return 1;
	if ((p = realloc(*buf, need)) == NULL)
		return 0;
	*buf = p;
	*cap = need;
	return 1;
}

/* The stream's bytes, copied into d->in. 0 when memory is short. */
static int
read_stream(mc_deflate *d, HPDF_Stream s, size_t *len)
{
	HPDF_UINT n = HPDF_MemStream_GetBufCount(s);
	size_t at = 0;

	if (!grow(&d->in, &d->in_cap, (size_t)s->size ? (size_t)s->size : 1))
		return 0;
	for (HPDF_UINT i = 0; i < n; i++) {
		HPDF_UINT k = 0;
		const HPDF_BYTE *p = HPDF_MemStream_GetBufPtr(s, i, &k);

		if (p == NULL || k > s->size - at)
			return 0;
		memcpy(d->in + at, p, k);
		at += k;
	}
	*len = at;
	return at == s->size;
}

/* The stream's data replaced by its deflate, which libharu copies as it is
 * (mc_pdf_put_deflated). */
static HPDF_STATUS
replace(mc_deflate *d, HPDF_Dict dict, const unsigned char *packed, size_t len)
{
	HPDF_STATUS ret;

	if ((ret = mc_pdf_put_deflated(dict, packed, len)) == HPDF_OK)
		d->stats.streams++;
	return ret;
}

/* A stream libharu would deflate while saving, which nothing else handles. */
static int
ours(const HPDF_Dict dict)
{
	return (dict->header.obj_class & HPDF_OCLASS_ANY) == HPDF_OCLASS_DICT &&
	    dict->stream != NULL && dict->stream->type == HPDF_STREAM_MEMORY &&
	    dict->filter == HPDF_STREAM_FILTER_FLATE_DECODE && dict->write_fn == NULL;
}

/* Deflates d->in[0, len) into d->out; its length, 0 on failure. */
static size_t
pack(mc_deflate *d, size_t len)
{
	size_t bound = libdeflate_zlib_compress_bound(d->c, len);

	if (!grow(&d->out, &d->out_cap, bound))
		return 0;
	return libdeflate_zlib_compress(d->c, d->in, len, d->out, d->out_cap);
}

static HPDF_STATUS
page_stream(mc_deflate *d, HPDF_Dict dict)
{
	size_t len, n;

	if (!read_stream(d, dict->stream, &len) || (n = pack(d, len)) == 0)
		return HPDF_OK;         /* libharu deflates it */
	return replace(d, dict, d->out, n);
}

static uint64_t
hash(const unsigned char *p, size_t n)
{
	uint64_t h[2];

	mc_pdf_hash(p, n, h);
	return h[0] ^ h[1];
}

/* The entry to fill for a new subset of `owner`: a free one, else the
 * owner's least recently used once it has PER_FONT, else the least
 * recently used of all. */
static entry *
victim(mc_deflate *d, const void *owner)
{
	entry *own = NULL, *any = NULL;
	size_t mine = 0;

	for (size_t i = 0; i < d->nentries; i++) {
		entry *e = &d->cache[i];

		if (e->owner == owner) {
			mine++;
			if (own == NULL || e->used < own->used)
				own = e;
		}
		if (any == NULL || e->used < any->used)
			any = e;
	}
	if (mine >= PER_FONT)
		return own;
	if (d->nentries < CACHE_SIZE)
		return &d->cache[d->nentries++];
	return any;
}

static entry *
find(mc_deflate *d, HPDF_FontDef owner, uint64_t h, const unsigned char *glyphs,
    size_t n)
{
	for (size_t i = 0; i < d->nentries; i++) {
		entry *e = &d->cache[i];

		if (e->owner == owner && e->hash == h && e->glyphs_len == n &&
		    strcmp(e->name, owner->base_font) == 0 &&
		    memcmp(e->glyphs, glyphs, n) == 0)
			return e;
	}
	return NULL;
}

/* The descriptor made by libharu without its font file, then the font file
 * as libharu makes it (HPDF_TTFont's CreateDescriptor: a stream object,
 * /FontFile2 last in the descriptor, /Length1 2 3), holding `packed`, a
 * deflated subset. The tests compare the files with libharu's own. */
static HPDF_STATUS
attach(mc_deflate *d, HPDF_Font f, HPDF_UINT32 length1, const unsigned char *packed,
    size_t len)
{
	HPDF_FontAttr attr = f->attr;
	HPDF_FontDef def = attr->fontdef;
	HPDF_TTFontDefAttr tt = def->attr;
	HPDF_Dict file;
	HPDF_STATUS ret;

	tt->embedding = HPDF_FALSE;
	ret = f->before_write_fn(f);
	tt->embedding = HPDF_TRUE;
	if (ret != HPDF_OK || def->descriptor == NULL)
		return ret;
	if ((file = HPDF_DictStream_New(f->mmgr, attr->xref)) == NULL)
		return HPDF_Error_GetCode(f->error);
	ret = HPDF_Dict_Add(def->descriptor, "FontFile2", file);
	ret += HPDF_Dict_AddNumber(file, "Length1", (HPDF_INT32)length1);
	ret += HPDF_Dict_AddNumber(file, "Length2", 0);
	ret += HPDF_Dict_AddNumber(file, "Length3", 0);
	file->filter = f->filter;
	tt->length1 = length1;
	if (ret != HPDF_OK)
		return HPDF_Error_GetCode(f->error);
	return replace(d, file, packed, len);
}

static HPDF_STATUS
from_cache(mc_deflate *d, HPDF_Font f, entry *e)
{
	e->used = d->clock;
	d->stats.font_hits++;
	return attach(d, f, e->length1, e->packed, e->packed_len);
}

/* Keeps a copy of the deflated subset d->out[0, k) under its glyphs (`key`,
 * the entry's from here); the copy, or NULL when memory is short (the key
 * is then freed). */
static unsigned char *
keep(mc_deflate *d, HPDF_FontDef def, unsigned char *key, size_t n, uint64_t h,
    size_t k, HPDF_UINT32 length1)
{
	unsigned char *packed;
	entry *e;

	if (key == NULL || (packed = malloc(k)) == NULL) {
		free(key);
		return NULL;
	}
	memcpy(packed, d->out, k);
	e = victim(d, def);
	free(e->glyphs);
	free(e->packed);
	*e = (entry){ def, "", h, key, packed, n, k, length1, d->clock };
	memcpy(e->name, def->base_font, sizeof(e->name));
	return packed;
}

/* What the subsets of def share, for pdf_subset.c: made at def's first
 * miss, kept while the handle lives (the oldest makes room past WRITERS).
 * NULL when pdf_subset.c does not handle the font. */
static const mc_subset *
writer(mc_deflate *d, HPDF_FontDef def)
{
	mc_subset *s;
	size_t i;

	for (i = 0; i < d->nwriters; i++)
		if (mc_subset_fits(d->writer[i], def))
			return d->writer[i];
	if ((s = mc_subset_new(def)) == NULL)
		return NULL;
	if (d->nwriters < WRITERS) {
		i = d->nwriters++;
	} else {
		i = d->next_writer;
		d->next_writer = (i + 1) % WRITERS;
		mc_subset_free(d->writer[i]);
	}
	d->writer[i] = s;
	return s;
}

/* A subset not seen before: pdf_subset.c writes it straight into d->in,
 * libharu makes only the descriptor; the subset is deflated here and kept,
 * keyed by the glyphs the letter marked. */
static HPDF_STATUS
first_time(mc_deflate *d, HPDF_Font f, const unsigned char *glyphs, size_t n,
    uint64_t h)
{
	HPDF_FontDef def = ((HPDF_FontAttr)f->attr)->fontdef;
	HPDF_TTFontDefAttr tt = def->attr;
	const mc_subset *w = writer(d, def);
	unsigned char *key = malloc(n ? n : 1), *packed;
	HPDF_Dict file;
	HPDF_STATUS ret;
	size_t len, k;

	/* The key first, as the letter left the glyphs' flags. */
	if (key != NULL)
		memcpy(key, glyphs, n);
	if (w != NULL && (len = mc_subset_write(w, def, &d->in, &d->in_cap)) > 0 &&
	    (k = pack(d, len)) > 0) {
		d->stats.font_misses++;
		d->stats.fonts_written++;
		if ((packed = keep(d, def, key, n, h, k, tt->length1)) == NULL)
			return attach(d, f, tt->length1, d->out, k);    /* not kept */
		return attach(d, f, tt->length1, packed, k);
	}
	/* libharu's own path, when pdf_subset.c declines (a font it does not
	 * handle, glyphs libharu itself fails on, memory short): libharu makes
	 * the descriptor and the subset, which is deflated here and kept. */
	if ((ret = f->before_write_fn(f)) != HPDF_OK || def->descriptor == NULL)
		goto out;
	file = HPDF_Dict_GetItem(def->descriptor, "FontFile2", HPDF_OCLASS_DICT);
	if (file == NULL || !ours(file) || !read_stream(d, file->stream, &len) ||
	    (k = pack(d, len)) == 0)
		goto out;               /* libharu deflates it */
	d->stats.font_misses++;
	if ((packed = keep(d, def, key, n, h, k, tt->length1)) == NULL)
		return replace(d, file, d->out, k);     /* deflated, not kept */
	return replace(d, file, packed, k);
out:
	free(key);
	return ret;
}

/* An embedded TrueType font: its font file, a function of the glyphs the
 * letter uses, taken from the cache or made and kept. Its descriptor is made
 * now rather than during the save (libharu makes it once per document; the
 * save then only points the font at it). */
static HPDF_STATUS
font(mc_deflate *d, HPDF_Font f)
{
	HPDF_FontAttr attr = f->attr;
	HPDF_TTFontDefAttr tt;
	const unsigned char *glyphs;
	size_t n;
	uint64_t h;
	entry *e;

	if (attr == NULL || attr->type != HPDF_FONT_TRUETYPE || attr->fontdef == NULL ||
	    attr->fontdef->type != HPDF_FONTDEF_TYPE_TRUETYPE || f->before_write_fn == NULL)
		return HPDF_OK;
	tt = attr->fontdef->attr;
	glyphs = tt->glyph_tbl.flgs;
	n = tt->num_glyphs;
	/* Made already (a second font on the same definition), not embedded or
	 * not deflated: libharu's way. */
	if (attr->fontdef->descriptor != NULL || !tt->embedding || glyphs == NULL ||
	    f->filter != HPDF_STREAM_FILTER_FLATE_DECODE)
		return f->before_write_fn(f);
	h = hash(glyphs, n);
	d->clock++;
	if ((e = find(d, attr->fontdef, h, glyphs, n)) != NULL)
		return from_cache(d, f, e);
	return first_time(d, f, glyphs, n, h);
}

HPDF_STATUS
mc_deflate_doc(mc_deflate *d, HPDF_Doc pdf)
{
	HPDF_STATUS ret = HPDF_OK;
	HPDF_List entries;

	if (d == NULL || !HPDF_HasDoc(pdf))
		return HPDF_OK;
	for (HPDF_UINT i = 0; ret == HPDF_OK && i < pdf->font_mgr->count; i++)
		ret = font(d, HPDF_List_ItemAt(pdf->font_mgr, i));
	entries = pdf->xref->entries;
	for (HPDF_UINT i = 0; ret == HPDF_OK && i < entries->count; i++) {
		HPDF_XrefEntry e = HPDF_List_ItemAt(entries, i);

		if (e != NULL && e->obj != NULL && ours(e->obj))
			ret = page_stream(d, e->obj);
	}
	return ret;
}
