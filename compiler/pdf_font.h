/* pdf_font.h — TrueType fonts for libharu, loaded from memory (pdf_font.c).
 * Only libharu is needed: the bench's floor program uses it too. */
#ifndef MC_PDF_FONT_H
#define MC_PDF_FONT_H

#include <hpdf.h>

/* Loads the TrueType file at `path` for embedding, as
 * HPDF_LoadTTFontFromFile does, but from a copy in memory. The font's name
 * for HPDF_GetFont, or NULL. */
const char *mc_pdf_load_ttf(HPDF_Doc pdf, const char *path);
/* The same, the font's name followed by `suffix` (a second file of one
 * font, subset to other characters, needs its own name). */
const char *mc_pdf_load_ttf_as(HPDF_Doc pdf, const char *path, const char *suffix);

#endif
