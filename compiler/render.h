/* render.h — the backends, each in its own file, and what they share. A
 * backend renders an mc_document (document.h) with a template (template.h)
 * into a buffer and nothing else: the words are final, it only lays them out
 * and escapes them for its format, in one place per format. */
#ifndef MC_RENDER_H
#define MC_RENDER_H

#include "cp1252.h"
#include "lower.h"

/* Markdown (CommonMark, no extension): render_md.c */
int mc_render_markdown(const mc_document *doc, const mc_template *t, mc_buffer *out);

/* HTML5, one self-contained file: render_html.c. `epoch` (0: none) dates the
 * document's metadata. */
int mc_render_html(const mc_document *doc, const mc_template *t, int64_t epoch,
    mc_buffer *out);

/* PDF with libharu: render_pdf.c. One mc_pdf per thread, reused letter after
 * letter (its fonts stay loaded). Every character of the document is known to
 * be printable (mc_pdf_can_print, after NFC) before mc_render_pdf is called. */
typedef struct mc_pdf mc_pdf;
mc_pdf *mc_pdf_new(const mc_template *t, const char **error);
/* 0, -1 on a failure, or MC_PDF_TOO_LONG when the letter would take more
 * than MC_PDF_MAX_PAGES pages or MC_PDF_MAX_BYTES bytes (docs/pdf.md): then
 * mc_pdf_stopped_at gives the index of the block where it stopped, or
 * doc->nblocks when it was not in a block. */
int mc_render_pdf(mc_pdf *p, const mc_document *doc, int64_t epoch, mc_buffer *out);
size_t mc_pdf_stopped_at(const mc_pdf *p);
/* Whether this renderer's fonts print a code point (the first one beyond
 * Windows-1252 loads the extended fonts). */
int mc_pdf_can_print(mc_pdf *p, uint32_t cp);
void mc_pdf_free(mc_pdf *p);
/* Streams deflated by pdf_deflate.c (on, the default) or by libharu's own
 * zlib path (off): the tests compare the two. */
void mc_pdf_own_deflate(mc_pdf *p, int on);

#define MC_PDF_TOO_LONG (-2)
#define MC_PDF_MAX_PAGES 300
#define MC_PDF_MAX_BYTES ((size_t)16 * 1024 * 1024)

/* render.c: the length of the character at s (n bytes of valid UTF-8 left)
 * when no format may carry it raw: a control character other than tab and
 * line ends (C0, DEL, C1) or a Unicode noncharacter (U+FDD0–U+FDEF, U+xFFFE,
 * U+xFFFF); 0 otherwise. HTML and Markdown write U+FFFD in its place. */
size_t mc_unsafe_char(const char *s, size_t n);

#endif
