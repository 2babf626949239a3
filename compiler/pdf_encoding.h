/* pdf_encoding.h — the extended one-byte encoding of pdf_charset.def for
 * libharu (pdf_encoding.c). */
#ifndef MC_PDF_ENCODING_H
#define MC_PDF_ENCODING_H

#include <hpdf.h>

#define MC_EXT_ENCODING "MC-LatinExt"

/* Registers the encoding MC_EXT_ENCODING with the handle (once: it stays
 * across documents). HPDF_OK or libharu's error. */
HPDF_STATUS mc_pdf_register_ext_encoding(HPDF_Doc pdf);
/* Gives a font of that encoding its ToUnicode map for the codes marked in
 * used[256], so that text copied from the PDF gives the letters back
 * whatever the reader. */
HPDF_STATUS mc_pdf_add_tounicode(HPDF_Doc pdf, HPDF_Font font,
    const unsigned char *used);

#endif
