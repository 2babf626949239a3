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

/* What a letter's text may hold: the one rule of a .mission's texts at
 * verifier time (mc_report_unprintable) and of a batch's cells and model
 * (batch.c, csv_reader.c), so that a letter made in one format is made in
 * all, and a text refused in one is refused in all. A ligature ﬁ is
 * MC_CHAR_UNPRINTABLE, but a text holds it: mc_text_letters writes it as
 * its letters when the text is read. */
typedef enum mc_char_kind {
	MC_CHAR_OK,          /* printed by every format; tab and line ends too */
	MC_CHAR_CONTROL,     /* C0 but tab and line ends, DEL, C1 */
	MC_CHAR_INVISIBLE,   /* nobody sees it: zero-width, joiners, BOM, marks
	                      * and embeddings of direction, line and paragraph
	                      * separators, tags, noncharacters, private use, a
	                      * combining mark composing with nothing */
	MC_CHAR_UNPRINTABLE  /* seen, but in no font of the PDF: emoji, symbol,
	                      * other script, space of another width, ligature ﬁ
	                      * (which a text writes as its letters) */
} mc_char_kind;

/* The characters a copy from a word processor, a web page or a PDF brings
 * along (pasted_chars.def): the scanner's hints and the text rule's
 * refusals are read from this one table. */
typedef enum mc_paste_role {
	MC_PASTE_KEPT,       /* a text prints it */
	MC_PASTE_DROPPED,    /* a text drops it (soft hyphen) */
	MC_PASTE_LETTERS,    /* a text writes its letters (ligature) */
	MC_PASTE_INVISIBLE,  /* refused: remove it */
	MC_PASTE_DIRECTION,  /* refused: remove it, it turns the text around */
	MC_PASTE_SEPARATOR,  /* refused: a line end or a space instead */
	MC_PASTE_SPACE       /* refused: an ordinary space instead */
} mc_paste_role;

typedef struct mc_pasted_char {
	uint32_t cp;
	const char *name;      /* French, ISO/IEC 10646 */
	int fem;
	mc_paste_role role;
	const char *letters;   /* what it stands for in a name, or NULL */
	const char *hint;      /* the scanner's, outside a text, or NULL */
} mc_pasted_char;

const mc_pasted_char *mc_pasted_char_of(uint32_t cp);
size_t mc_pasted_char_count(void);
const mc_pasted_char *mc_pasted_char_at(size_t i);
/* A text's ligatures (« spéciﬁque ») written as their letters, in place,
 * NUL-terminated when it shrinks: its new length. */
size_t mc_text_letters(char *s, size_t len);

mc_char_kind mc_char_kind_of(uint32_t cp);
/* A blank nobody sees at the edge of a cell or a column's name: a space of
 * any width (no-break ones too), a line or paragraph separator, a format
 * character (zero-width, joiners, BOM, direction, soft hyphen). */
int mc_char_blank(uint32_t cp);
/* The first character of `len` bytes of valid UTF-8 that no letter may
 * hold, read after NFC (a letter and the accents it composes with are one);
 * its byte offset and length in *at and *n. 0 when there is none. */
uint32_t mc_text_refused(const char *s, size_t len, size_t *at, size_t *n);
/* The same for a name (a bare field's cell), which also refuses what a
 * text drops or writes as letters: a soft hyphen, a ligature. */
uint32_t mc_name_refused(const char *s, size_t len, size_t *at, size_t *n);
/* What a diagnostic says of a refused character, in French, NUL-terminated
 * in out: what it is, by name and code (« espace sans chasse (U+200B) »),
 * and what to do. in_cell: it was in a cell of a spreadsheet. */
void mc_char_refusal(uint32_t cp, int in_cell, char *out, size_t size);

/* Verifier time: an error at every string of the letter holding a
 * character no letter may hold (mc_text_refused: emoji, U+202E, U+200B, a
 * control character…), at the character itself. */
void mc_report_unprintable(mc_diags *d, const mc_source *src, const mc_node *stmts);

#endif
