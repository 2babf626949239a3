/* pdf_font.c — a TrueType font for libharu, read once into memory.
 *
 * HPDF_LoadTTFontFromFile keeps the file open and, at every save, reads the
 * tables it embeds again from disk: 377 lseek and 91 read system calls per
 * letter here, a quarter of a batch's system time. The same font definition
 * built on a memory stream (libharu's own loader, HPDF_TTFontDef_Load, and
 * HPDF_Doc_RegisterFontDef, exported by libharu 2.3 with their headers),
 * tagged as libharu tags its fonts, reads from memory and gives the same
 * bytes. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <hpdf_doc.h>
#include <hpdf_font.h>
#include <hpdf_fontdef.h>
#include <hpdf_streams.h>

#include "pdf_font.h"

/* A stream's deflated data as a stream libharu reads while saving. Its
 * memory stream takes bytes in and gives them back one at a time
 * (HPDF_MemCpy), which was a twentieth of a letter; these are read with
 * memcpy. The bytes belong to the stream, freed with it (HPDF_FreeDoc). */
typedef struct lent {
	HPDF_UINT len, pos;
	HPDF_BYTE data[];
} lent;

static HPDF_STATUS
lent_read(HPDF_Stream s, HPDF_BYTE *buf, HPDF_UINT *size)
{
	lent *l = s->attr;
	HPDF_UINT n = l->len - l->pos < *size ? l->len - l->pos : *size;

	/* As libharu's memory stream: the end of the data is an error only
	 * for a read it cuts short. */
	HPDF_UINT want = *size;

	memcpy(buf, l->data + l->pos, n);
	l->pos += n;
	*size = n;
	return n < want ? HPDF_STREAM_EOF : HPDF_OK;
}

static HPDF_STATUS
lent_seek(HPDF_Stream s, HPDF_INT pos, HPDF_WhenceMode mode)
{
	lent *l = s->attr;
	long at = mode == HPDF_SEEK_CUR ? (long)l->pos + pos :
	    mode == HPDF_SEEK_END ? (long)l->len - pos : pos;

	if (at < 0 || at > (long)l->len)
		return HPDF_SetError(s->error, HPDF_STREAM_EOF, 0);
	l->pos = (HPDF_UINT)at;
	return HPDF_OK;
}

static HPDF_INT32
lent_tell(HPDF_Stream s)
{
	return (HPDF_INT32)((lent *)s->attr)->pos;
}

static HPDF_UINT32
lent_size(HPDF_Stream s)
{
	return ((lent *)s->attr)->len;
}

static void
lent_free(HPDF_Stream s)
{
	HPDF_FreeMem(s->mmgr, s->attr);
	s->attr = NULL;
}

static lent *
lent_new(HPDF_MMgr mmgr, size_t len)
{
	lent *l;

	if (len > 0x7fffffff - sizeof(*l) ||
	    (l = HPDF_GetMem(mmgr, (HPDF_UINT)(sizeof(*l) + len))) == NULL)
		return NULL;
	l->len = (HPDF_UINT)len;
	l->pos = 0;
	return l;
}

/* s, or a new stream when NULL, made to read l (its own stream freed). The
 * stream record itself stays: a page keeps a pointer to its content
 * stream, which, written to now, would refuse (no write_fn). */
static HPDF_Stream
lend(HPDF_MMgr mmgr, HPDF_Stream s, lent *l)
{
	if (s == NULL) {
		if ((s = HPDF_CallbackReader_New(mmgr, NULL, NULL, NULL, NULL, NULL)) == NULL) {
			HPDF_FreeMem(mmgr, l);
			return NULL;
		}
	} else if (s->free_fn != NULL) {
		s->free_fn(s);
	}
	s->type = HPDF_STREAM_CALLBACK;
	s->size = 0;
	s->write_fn = NULL;
	s->read_fn = lent_read;
	s->seek_fn = lent_seek;
	s->tell_fn = lent_tell;
	s->size_fn = lent_size;
	s->free_fn = lent_free;
	s->attr = l;
	return s;
}

/* A memory stream of one buffer, as pdf_subset.c reads fonts (it writes
 * the subsets libharu would, from the font's bytes in place). */
static HPDF_Stream
file_in_memory(HPDF_MMgr mmgr, const char *path)
{
	FILE *f = fopen(path, "rb");
	HPDF_Stream s = NULL;
	char *data = NULL;
	long len;

	if (f == NULL)
		return NULL;
	if (fseek(f, 0, SEEK_END) == 0 && (len = ftell(f)) > 0 && len < 64L * 1024 * 1024 &&
	    fseek(f, 0, SEEK_SET) == 0 && (data = malloc((size_t)len)) != NULL &&
	    fread(data, 1, (size_t)len, f) == (size_t)len) {
		s = HPDF_MemStream_New(mmgr, (HPDF_UINT)len);
		if (s != NULL && mc_pdf_stream_append(s, (const HPDF_BYTE *)data,
		    (HPDF_UINT)len) != HPDF_OK) {
			HPDF_Stream_Free(s);
			s = NULL;
		}
	}
	free(data);
	fclose(f);
	return s;
}

HPDF_STATUS
mc_pdf_stream_append(HPDF_Stream s, const HPDF_BYTE *p, HPDF_UINT n)
{
	HPDF_MemStreamAttr a;

	if (s->type != HPDF_STREAM_MEMORY)
		return HPDF_Stream_Write(s, p, n);
	if (HPDF_Error_GetCode(s->error) != HPDF_OK)
		return HPDF_THIS_FUNC_WAS_SKIPPED;
	a = s->attr;
	while (n > 0) {
		HPDF_UINT k = a->buf_siz - a->w_pos;
		HPDF_STATUS ret;

		if (k == 0) {
			if ((ret = HPDF_Stream_Write(s, p, 1)) != HPDF_OK)
				return ret;
			p++;
			n--;
			continue;
		}
		if (k > n)
			k = n;
		memcpy(a->w_ptr, p, k);
		a->w_ptr += k;
		a->w_pos += k;
		s->size += k;
		p += k;
		n -= k;
	}
	return HPDF_OK;
}

int
mc_pdf_code_width(HPDF_Font font, HPDF_Encoder enc, HPDF_BYTE code)
{
	HPDF_FontAttr attr = font != NULL ? font->attr : NULL;
	HPDF_UNICODE u = HPDF_Encoder_GetUnicode(enc, code);

	if (attr == NULL || attr->type != HPDF_FONT_TRUETYPE || attr->fontdef == NULL)
		return HPDF_Font_GetUnicodeWidth(font, u);
	/* HPDF_TTFontDef_GetCharWidth, but for marking the glyph. */
	return HPDF_TTFontDef_GetGidWidth(attr->fontdef,
	    HPDF_TTFontDef_GetGlyphid(attr->fontdef, u));
}

void
mc_pdf_mark_glyphs(HPDF_Font font, const uint16_t *unicode, size_t n)
{
	HPDF_FontAttr attr = font != NULL ? font->attr : NULL;

	if (attr == NULL || attr->type != HPDF_FONT_TRUETYPE || attr->fontdef == NULL)
		return;
	for (size_t i = 0; i < n; i++)
		(void)HPDF_TTFontDef_GetCharWidth(attr->fontdef, unicode[i]);
}

/* The next subset tag, as libharu gives them: HPDFAA, HPDFAB… */
static void
next_tag(HPDF_Doc pdf)
{
	if (pdf->ttfont_tag[0] == 0) {
		memcpy(pdf->ttfont_tag, "HPDFAA", 6);
		return;
	}
	for (int i = 5; i >= 0; i--) {
		if (++pdf->ttfont_tag[i] <= 'Z')
			return;
		pdf->ttfont_tag[i] = 'A';
	}
}

const char *
mc_pdf_load_ttf(HPDF_Doc pdf, const char *path)
{
	return mc_pdf_load_ttf_as(pdf, path, NULL);
}

/* Appends a suffix to a font definition's name (both copies libharu keeps). */
static void
rename_def(HPDF_FontDef def, const char *suffix)
{
	HPDF_TTFontDefAttr attr = def->attr;
	size_t n = strlen(def->base_font), k = strlen(suffix);

	if (n + k > HPDF_LIMIT_MAX_NAME_LEN)
		n = HPDF_LIMIT_MAX_NAME_LEN - k;
	memcpy(def->base_font + n, suffix, k + 1);
	memcpy(attr->base_font, def->base_font, n + k + 1);
}

const char *
mc_pdf_load_ttf_as(HPDF_Doc pdf, const char *path, const char *suffix)
{
	HPDF_Stream s;
	HPDF_FontDef def, known;
	char tag[7];

	/* A handle, not a document: the font definitions outlive each letter's
	 * document, and the extended fonts come between two letters. */
	if (!HPDF_Doc_Validate(pdf) || (s = file_in_memory(pdf->mmgr, path)) == NULL)
		return NULL;
	/* The definition owns the stream from here, even when it fails. */
	if ((def = HPDF_TTFontDef_Load(pdf->mmgr, s, HPDF_TRUE)) == NULL)
		return NULL;
	if (suffix != NULL)
		rename_def(def, suffix);
	/* The same font twice (bold and regular from one file): one font. */
	if ((known = HPDF_Doc_FindFontDef(pdf, def->base_font)) != NULL) {
		HPDF_FontDef_Free(def);
		return known->base_font;
	}
	if (HPDF_Doc_RegisterFontDef(pdf, def) != HPDF_OK)
		return NULL;
	next_tag(pdf);
	memcpy(tag, pdf->ttfont_tag, 6);
	tag[6] = '\0';
	HPDF_TTFontDef_SetTagName(def, tag);
	return def->base_font;
}

/* Deflated streams (pdf_archive.c, pdf_deflate.c) */

void
mc_pdf_hash(const unsigned char *p, size_t n, uint64_t h[2])
{
	h[0] = 0xcbf29ce484222325ULL;
	h[1] = 0x84222325cbf29ce4ULL;
	for (; n >= 8; p += 8, n -= 8) {
		uint64_t w;

		memcpy(&w, p, 8);
		h[0] = (h[0] ^ w) * 0x100000001b3ULL;
		h[1] = (h[1] ^ (w >> 29 | w << 35)) * 0x9e3779b97f4a7c15ULL;
	}
	while (n-- > 0) {
		h[0] = (h[0] ^ *p) * 0x100000001b3ULL;
		h[1] = (h[1] ^ *p++) * 0x9e3779b97f4a7c15ULL;
	}
	h[0] ^= h[0] >> 31;
	h[1] ^= h[1] >> 29;
}

/* Called by libharu once the stream's dictionary, its /Filter included, is
 * written: the data that follows is already deflated, copied as it is. */
static HPDF_STATUS
raw_data(HPDF_Dict obj, HPDF_Stream stream)
{
	(void)stream;
	obj->filter = HPDF_STREAM_FILTER_NONE;
	return HPDF_OK;
}

HPDF_STATUS
mc_pdf_put_deflated(HPDF_Dict stream, const unsigned char *data, size_t len)
{
	lent *l = lent_new(stream->mmgr, len);
	HPDF_Stream s;

	if (l == NULL)
		return HPDF_FAILD_TO_ALLOC_MEM;
	memcpy(l->data, data, len);
	if ((s = lend(stream->mmgr, stream->stream, l)) == NULL)
		return HPDF_FAILD_TO_ALLOC_MEM;
	stream->stream = s;
	stream->filter = HPDF_STREAM_FILTER_FLATE_DECODE;
	stream->write_fn = raw_data;
	return HPDF_OK;
}

HPDF_STATUS
mc_pdf_deflate(HPDF_MMgr mmgr, HPDF_Stream src, unsigned char **data, size_t *len)
{
	HPDF_Stream dst = HPDF_MemStream_New(mmgr, 16384);
	HPDF_UINT n = 0;
	HPDF_STATUS ret = HPDF_FAILD_TO_ALLOC_MEM;

	*data = NULL;
	*len = 0;
	if (dst != NULL && (ret = HPDF_Stream_WriteToStream(src, dst,
	    HPDF_STREAM_FILTER_FLATE_DECODE, NULL)) == HPDF_OK &&
	    (n = HPDF_Stream_Size(dst)) > 0 && (*data = malloc(n)) != NULL &&
	    (ret = HPDF_Stream_Seek(dst, 0, HPDF_SEEK_SET)) == HPDF_OK &&
	    (ret = HPDF_Stream_Read(dst, *data, &n)) == HPDF_OK)
		*len = n;
	if (dst != NULL)
		HPDF_Stream_Free(dst);
	if (*len == 0) {
		free(*data);
		*data = NULL;
		if (ret == HPDF_OK)
			ret = HPDF_FAILD_TO_ALLOC_MEM;
	}
	return ret;
}
