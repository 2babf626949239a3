/* pdf_font.h — TrueType fonts for libharu, loaded from memory (pdf_font.c).
 * Only libharu is needed: the bench's floor program uses it too. */
#ifndef MC_PDF_FONT_H
#define MC_PDF_FONT_H

#include <hpdf.h>
#include <hpdf_objects.h>
#include <stddef.h>
#include <stdint.h>

/* Loads the TrueType file at `path` for embedding, as
 * HPDF_LoadTTFontFromFile does, but from a copy in memory. The font's name
 * for HPDF_GetFont, or NULL. */
const char *mc_pdf_load_ttf(HPDF_Doc pdf, const char *path);
/* The same, the font's name followed by `suffix` (a second file of one
 * font, subset to other characters, needs its own name). */
const char *mc_pdf_load_ttf_as(HPDF_Doc pdf, const char *path, const char *suffix);

/* Marks the glyphs of n characters (UTF-16 code units of the Basic
 * Multilingual Plane) as used by a TrueType font's definition, with the
 * parts of composite glyphs, as showing them would
 * (HPDF_TTFontDef_GetCharWidth); the font's used codes, so its /Widths,
 * stay those of the text shown. Marks last until the document is freed. */
void mc_pdf_mark_glyphs(HPDF_Font font, const uint16_t *unicode, size_t n);
/* The advance width (1/1000 em) of a byte in a font and its encoding, the
 * one HPDF_Font_TextWidth gives it, without marking its glyph as used. */
int mc_pdf_code_width(HPDF_Font font, HPDF_Encoder enc, HPDF_BYTE code);

/* Appends to a stream as HPDF_Stream_Write does; to a memory stream (a
 * page's content, a font file) with memcpy where libharu copies a byte at a
 * time (HPDF_MemCpy), a twentieth of a letter. */
HPDF_STATUS mc_pdf_stream_append(HPDF_Stream s, const HPDF_BYTE *p, HPDF_UINT n);

/* Deflating once: libharu deflates every stream of every letter, though
 * the letters of a batch embed the same font subsets and the same profile
 * (PDF-NOTES; pdf_deflate.c, pdf_archive.c). */

/* A 128-bit hash of n bytes (two 64-bit lanes). */
void mc_pdf_hash(const unsigned char *p, size_t n, uint64_t h[2]);
/* Puts already deflated data in a stream dictionary, in place of the
 * stream it had: /Filter /FlateDecode, and libharu copies the bytes without
 * deflating them again. The data is copied: the caller keeps its own. */
HPDF_STATUS mc_pdf_put_deflated(HPDF_Dict stream, const unsigned char *data,
    size_t len);
/* The deflated bytes of a stream (malloc'd): the built-in sRGB profile
 * is deflated so at build time (tools/icc_table.c). */
HPDF_STATUS mc_pdf_deflate(HPDF_MMgr mmgr, HPDF_Stream src, unsigned char **data,
    size_t *len);

#endif
