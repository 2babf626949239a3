/* pdf_content.h — a page's content stream written directly (pdf_content.c):
 * text, colours, rules and boxes, with the text and colour state tracked so
 * that each operator is written only when it changes something. */
#ifndef MC_PDF_CONTENT_H
#define MC_PDF_CONTENT_H

#include <hpdf.h>
#include <stddef.h>
#include <stdint.h>

/* The codes of one font libharu has learnt as used in the document. */
typedef struct mc_content_seen {
	HPDF_Font font;
	uint64_t codes[4];
} mc_content_seen;

typedef struct mc_content {
	HPDF_Page page;         /* the page written to, NULL before the first */
	HPDF_Stream stream;     /* its content stream */
	/* The page's state as its content leaves it; unknown (font NULL,
	 * colours ~0u, negative sizes) after a page switch. */
	HPDF_Font font;
	double size, word_space, line_width;
	unsigned fill, stroke;
	char buf[512];          /* operators gathered before one write */
	size_t len;
	int failed;             /* a write failed */
	/* Kept across pages: the document's fonts are. */
	mc_content_seen seen[8];
	size_t nseen;
} mc_content;

/* Where the next operators go; the state is forgotten when the page changes. */
void mc_content_page(mc_content *c, HPDF_Page page);
/* Writes what is gathered into the page's stream: before anything else
 * writes to that stream (libharu's own operators, marked content). */
void mc_content_flush(mc_content *c);
/* Operators as they are (marked content), gathered with the rest. */
void mc_content_raw(mc_content *c, const char *s);

/* Text: a text object at (x, y), in a font, with a word spacing, showing
 * Windows-1252 (or the extended encoding's) bytes, which libharu learns as
 * used (their glyphs go in the font subset, their widths in /Widths). */
void mc_content_begin_text(mc_content *c, double x, double y);
void mc_content_font(mc_content *c, HPDF_Font font, double size);
void mc_content_word_space(mc_content *c, double tw);
void mc_content_show(mc_content *c, const unsigned char *bytes, size_t n);
void mc_content_end_text(mc_content *c);

/* Paths: colours as 0xRRGGBB. */
void mc_content_fill_colour(mc_content *c, unsigned rgb);
void mc_content_stroke_colour(mc_content *c, unsigned rgb, double width);
void mc_content_rect(mc_content *c, double x, double y, double w, double h);
void mc_content_line(mc_content *c, double x0, double y0, double x1, double y1);
void mc_content_fill(mc_content *c);
void mc_content_stroke(mc_content *c);

#endif
