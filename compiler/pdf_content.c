/* pdf_content.c — a page's content stream written directly rather than
 * through libharu's page operators. Each of those clears a 512-byte buffer
 * byte by byte, formats its numbers to five decimals, and HPDF_Page_ShowText
 * measures again a text the layout has measured already; a letter calls
 * them some 600 times, which was a tenth of a batch letter's time. Here the
 * operators of a line are gathered in one buffer and written at once, and
 * the font, size, word spacing and colours are written only when they
 * change: they are graphics state, kept from one text object to the next
 * (ISO 32000-1 § 9.3.1), and forgotten at each page switch.
 * What libharu must still know is told to it: the page's font resources
 * (HPDF_Page_GetLocalFontName) and the codes shown, through
 * HPDF_Font_TextWidth, which marks their glyphs for the subset and their
 * widths for /Widths exactly as HPDF_Page_ShowText does. Marking is the
 * same whatever the order and however often a code comes, so each code is
 * told once per font and document: walking every string through libharu's
 * encoder again was a twentieth of a letter. */
#include <math.h>
#include <string.h>

#include <hpdf_consts.h>
#include <hpdf_error.h>
#include <hpdf_pages.h>

#include "pdf_content.h"
#include "pdf_font.h"

#define UNKNOWN 0xFFFFFFFFu

void
mc_content_flush(mc_content *c)
{
	if (c->len > 0 && c->stream != NULL &&
	    mc_pdf_stream_append(c->stream, (const HPDF_BYTE *)c->buf, (HPDF_UINT)c->len) != HPDF_OK)
		c->failed = 1;
	c->len = 0;
}

void
mc_content_page(mc_content *c, HPDF_Page page)
{
	if (page == c->page)
		return;
	mc_content_flush(c);
	c->page = page;
	c->stream = page != NULL ? ((HPDF_PageAttr)page->attr)->stream : NULL;
	c->font = NULL;
	c->size = c->word_space = c->line_width = -1;
	c->fill = c->stroke = UNKNOWN;
}

/* Room for n more bytes in the buffer, flushing it if need be. */
static char *
room(mc_content *c, size_t n)
{
	if (c->len + n > sizeof(c->buf))
		mc_content_flush(c);
	return c->len + n <= sizeof(c->buf) ? c->buf + c->len : NULL;
}

static void
put(mc_content *c, const char *s, size_t n)
{
	char *o;

	while (n > sizeof(c->buf)) {    /* longer than the buffer: in pieces */
		put(c, s, sizeof(c->buf));
		s += sizeof(c->buf);
		n -= sizeof(c->buf);
	}
	if ((o = room(c, n)) != NULL) {
		memcpy(o, s, n);
		c->len += n;
	}
}

void
mc_content_raw(mc_content *c, const char *s)
{
	put(c, s, strlen(s));
}

/* A number with at most `decimals` decimals (1 to 5), no trailing zero,
 * no exponent: PDF's reals. Returns the end. */
static char *
number(char *o, double v, int decimals)
{
	static const double scale[] = { 1, 10, 100, 1e3, 1e4, 1e5 };
	char digits[24];
	long long k;
	int n = 0;

	if (!isfinite(v) || fabs(v) > 1e9)
		v = 0;
	k = llround(v * scale[decimals]);
	if (k < 0) {
		*o++ = '-';
		k = -k;
	}
	/* Trailing zeros of the fraction dropped. */
	while (decimals > 0 && k % 10 == 0) {
		k /= 10;
		decimals--;
	}
	do {
		digits[n++] = (char)('0' + k % 10);
		k /= 10;
	} while (k > 0 || n <= decimals);
	while (n > 0) {
		if (n == decimals)
			*o++ = '.';
		*o++ = digits[--n];
	}
	return o;
}

/* Numbers and an operator: "x y Td\n". Text positions and word spacing
 * to five decimals, as libharu writes them: rounded to three, pages drawn
 * at 100 dpi moved a few glyph edges by a pixel. Paths to a thousandth of
 * a point, colours to a ten-thousandth (under a 255th). */
static void
op(mc_content *c, const double *v, size_t n, int decimals, const char *name)
{
	char *o, *start;

	if ((start = o = room(c, n * 24 + 8)) == NULL)
		return;
	for (size_t i = 0; i < n; i++) {
		o = number(o, v[i], decimals);
		*o++ = ' ';
	}
	while (*name != '\0')
		*o++ = *name++;
	*o++ = '\n';
	c->len += (size_t)(o - start);
}

void
mc_content_begin_text(mc_content *c, double x, double y)
{
	double v[2] = { x, y };

	mc_content_raw(c, "BT\n");
	op(c, v, 2, 5, "Td");
}

void
mc_content_font(mc_content *c, HPDF_Font font, double size)
{
	const char *name;
	char *o;
	size_t k;

	if (font == c->font && size == c->size)
		return;
	/* libharu's bounds, reported as libharu reports them. */
	if (c->page != NULL && (size <= 0 || size > HPDF_MAX_FONTSIZE)) {
		HPDF_RaiseError(c->page->error, HPDF_PAGE_INVALID_FONT_SIZE, 0);
		c->failed = 1;
		return;
	}
	if (font == NULL || c->page == NULL ||
	    (name = HPDF_Page_GetLocalFontName(c->page, font)) == NULL) {
		c->failed = 1;
		return;
	}
	k = strlen(name);
	if ((o = room(c, k + 2)) == NULL)
		return;
	*o = '/';
	memcpy(o + 1, name, k);
	o[k + 1] = ' ';
	c->len += k + 2;
	op(c, &size, 1, 3, "Tf");
	c->font = font;
	c->size = size;
}

void
mc_content_word_space(mc_content *c, double tw)
{
	if (tw == c->word_space)
		return;
	op(c, &tw, 1, 5, "Tw");
	c->word_space = tw;
}

/* The codes libharu has not yet learnt as used in this document, told by
 * its own way of learning them (HPDF_Page_ShowText's HPDF_Font_TextWidth). */
static void
learn(mc_content *c, const unsigned char *bytes, size_t n)
{
	mc_content_seen *s = NULL;
	unsigned char fresh[256];
	size_t k = 0;

	for (size_t i = 0; i < c->nseen && s == NULL; i++)
		if (c->seen[i].font == c->font)
			s = &c->seen[i];
	if (s == NULL && c->nseen < sizeof(c->seen) / sizeof(c->seen[0])) {
		s = &c->seen[c->nseen++];
		s->font = c->font;
	}
	if (s == NULL) {
		(void)HPDF_Font_TextWidth(c->font, bytes, (HPDF_UINT)n);
		return;
	}
	for (size_t i = 0; i < n; i++) {
		uint64_t bit = UINT64_C(1) << (bytes[i] & 63);

		if ((s->codes[bytes[i] >> 6] & bit) == 0) {
			s->codes[bytes[i] >> 6] |= bit;
			fresh[k++] = bytes[i];
		}
	}
	if (k > 0)
		(void)HPDF_Font_TextWidth(c->font, fresh, (HPDF_UINT)k);
}

/* A literal string: its parentheses and backslashes escaped, control
 * bytes in octal (a CR would read as a line end), the rest as it is. */
void
mc_content_show(mc_content *c, const unsigned char *bytes, size_t n)
{
	if (n == 0)
		return;
	if (c->font == NULL) {
		c->failed = 1;
		return;
	}
	learn(c, bytes, n);
	mc_content_raw(c, "(");
	/* Room for a piece at a time, each byte four at most. */
	for (size_t i = 0; i < n; ) {
		size_t piece = n - i < sizeof(c->buf) / 4 ? n - i : sizeof(c->buf) / 4;
		char *o = room(c, 4 * piece), *start = o;

		if (o == NULL)
			return;
		for (size_t end = i + piece; i < end; i++) {
			unsigned char b = bytes[i];

			if (b == '(' || b == ')' || b == '\\') {
				*o++ = '\\';
				*o++ = (char)b;
			} else if (b < 0x20 || b == 0x7F) {
				*o++ = '\\';
				*o++ = (char)('0' + (b >> 6));
				*o++ = (char)('0' + ((b >> 3) & 7));
				*o++ = (char)('0' + (b & 7));
			} else {
				*o++ = (char)b;
			}
		}
		c->len += (size_t)(o - start);
	}
	mc_content_raw(c, ") Tj\n");
}

void
mc_content_end_text(mc_content *c)
{
	mc_content_raw(c, "ET\n");
}

static void
colour(mc_content *c, unsigned rgb, const char *name)
{
	double v[3] = { ((rgb >> 16) & 0xFF) / 255.0, ((rgb >> 8) & 0xFF) / 255.0,
	    (rgb & 0xFF) / 255.0 };

	op(c, v, 3, 4, name);
}

void
mc_content_fill_colour(mc_content *c, unsigned rgb)
{
	if (rgb == c->fill)
		return;
	colour(c, rgb, "rg");
	c->fill = rgb;
}

void
mc_content_stroke_colour(mc_content *c, unsigned rgb, double width)
{
	if (rgb != c->stroke) {
		colour(c, rgb, "RG");
		c->stroke = rgb;
	}
	if (width != c->line_width) {
		op(c, &width, 1, 3, "w");
		c->line_width = width;
	}
}

void
mc_content_rect(mc_content *c, double x, double y, double w, double h)
{
	double v[4] = { x, y, w, h };

	op(c, v, 4, 3, "re");
}

void
mc_content_line(mc_content *c, double x0, double y0, double x1, double y1)
{
	double v[2] = { x0, y0 };

	op(c, v, 2, 3, "m");
	v[0] = x1;
	v[1] = y1;
	op(c, v, 2, 3, "l");
}

void
mc_content_fill(mc_content *c)
{
	mc_content_raw(c, "f\n");
}

void
mc_content_stroke(mc_content *c)
{
	mc_content_raw(c, "S\n");
}
