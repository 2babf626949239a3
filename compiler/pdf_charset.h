/* pdf_charset.h — what the PDF can print: Windows-1252 (cp1252.c) and the
 * Latin letters of pdf_charset.def in a second one-byte encoding
 * (pdf_charset.c). No libharu here: the checker uses it too. */
#ifndef MC_PDF_CHARSET_H
#define MC_PDF_CHARSET_H

#include <stddef.h>
#include <stdint.h>

#include "ast.h"
#include "diag.h"
#include "source.h"

/* First and last byte of the extended encoding: never 0x20, which the
 * layout takes for a space whatever the font. */
#define MC_EXT_FIRST 0x21

/* The byte of a code point in the extended encoding, or 0. */
unsigned char mc_pdf_ext_code(uint32_t cp);
/* The code point of a byte of the extended encoding, or 0. */
uint32_t mc_pdf_ext_unicode(unsigned char code);
/* The last byte the extended encoding uses. */
unsigned char mc_pdf_ext_last(void);
/* Whether a code point prints in the PDF (either encoding). */
int mc_pdf_printable(uint32_t cp);
/* Whether a NUL-terminated UTF-8 text may hold combining marks that NFC
 * composes (a quick test on bytes); mc_pdf_nfc gives its NFC form
 * (malloc'd) or NULL. */
int mc_pdf_needs_nfc(const char *s);
char *mc_pdf_nfc(const char *s);

/* How a diagnostic shows a character: itself, or « invisible » for a
 * control, format, space or combining one. */
void mc_pdf_char_shown(uint32_t cp, char out[16]);

/* Verifier time: a warning at every string of the letter holding a
 * character the PDF cannot print (emoji, U+202E, U+200B…), at the
 * character itself. */
void mc_report_unprintable(mc_diags *d, const mc_source *src, const mc_node *stmts);

#endif
