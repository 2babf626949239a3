/* render_pdf.c — the PDF backend: lays a document out on the template's pages
 * with libharu and hands back the file's bytes.
 *
 * Text goes the WinAnsiEncoding route of PDF-NOTES: TrueType fonts subset to
 * Windows-1252 at build time, one byte per character. Each font's advance
 * widths are read once into a table, so measuring a line is adding integers.
 * Lines break at spaces only, ragged right; a word longer than the line is
 * cut between two characters. A heading keeps the first lines of what
 * follows, a table row and the signature block are never split, the header
 * is drawn on each new page and the footers (« Page 1 sur 3 ») once the page
 * count is known. One mc_pdf per thread: its fonts stay loaded from letter
 * to letter, and each letter is a new libharu document. */
#include "pdf_deflate.h"
#include "pdf_font.h"
#include "render.h"

#include <hpdf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

enum { F_REGULAR, F_BOLD, F_ITALIC, F__COUNT };
enum { LEFT, CENTRE, RIGHT };
enum { ROW_HEAD, ROW_BODY, ROW_TOTAL };

#define NO_COLOUR 0xFFFFFFFFu
#define BULLET "\x95"                   /* « • » in Windows-1252 */
#define ALL_LINES ((size_t)-1)

/* Distances in points. */
#define HEADER_TOP (12 * MC_PT_PER_MM)  /* from the page's top edge */
#define HEADER_GAP (4 * MC_PT_PER_MM)   /* between the logo and the lines */
#define SIGN_ROOM (30 * MC_PT_PER_MM)   /* room to sign under a signer */
#define SIGNERS_PER_ROW 3
#define GUTTER 8.0                      /* between two signers */
#define HANG 14.0                       /* text after a bullet */
#define BULLET_AT 3.0                   /* a bullet, from the left margin */
#define PAD_X 4.0                       /* inside a table cell */
#define PAD_Y 2.5
#define RULE 0.5                        /* rules and table borders */
#define RULE_HEAVY 1.2                  /* above a total row */

/* A text prepared for layout: bytes [start, end) of the scratch text. */
typedef struct span {
	size_t start, end;
} span;

/* One line of a span. */
typedef struct line {
	size_t start, end;      /* the bytes printed */
	size_t next;            /* where the next line starts */
	double width;           /* in points */
} line;

/* Where and how a text is set. */
typedef struct setting {
	double size;
	double x, width;
	int align;
	unsigned rgb;
} setting;

/* A table cell being laid out. */
typedef struct cell {
	double x, width;        /* its column */
	span text;
	size_t pos;             /* where its next line starts */
	size_t nlines;          /* lines in all */
	int align;
} cell;

struct mc_pdf {
	const mc_template *t;
	HPDF_Doc pdf;
	mc_deflate *deflate;    /* NULL: libharu deflates (pdf_deflate.c) */
	HPDF_STATUS error;      /* the letter's first libharu error, 0 if none */
	int failed;             /* out of memory */
	const char *font_name[F__COUNT];
	unsigned short adv[F__COUNT][256];  /* advance widths, 1/1000 em */
	double ascent, descent;             /* of the regular font, in em */
	/* The template's measures, in points, y upwards */
	double page_w, page_h, left, right, top, bottom;
	double size, small, title_size, heading_size, line_height, logo_width;
	unsigned rgb_text, rgb_title, rgb_rule, rgb_shade;
	/* The letter being rendered */
	const mc_document *doc;
	HPDF_Font font[F__COUNT];
	HPDF_Image logo;
	HPDF_Page *pages;
	size_t npages, pages_cap;
	HPDF_Page page;         /* the page being filled */
	double y;               /* the top of its next line */
	double page_top;        /* the top of its text */
	unsigned fill;          /* its fill colour, NO_COLOUR when unknown */
	/* Scratch text: Windows-1252 bytes and the font of each */
	unsigned char *chars, *fonts;
	size_t len, cap;
	cell *cells;            /* a table's header row, then its current row */
	size_t cells_cap;
};

/* Setting up */

/* libharu reports its errors here: kept for the letter, never printed. */
static void
on_error(HPDF_STATUS error, HPDF_STATUS detail, void *data)
{
	mc_pdf *p = data;

	(void)detail;
	if (p->error == 0)
		p->error = error;
}

/* Reads the advance width of each byte once, for all letters. (Measuring
 * marks glyphs as used, but libharu forgets the marks with each document:
 * a letter embeds the glyphs it shows, whatever letters came before.) */
static void
measure_font(mc_pdf *p, int f, HPDF_Font font)
{
	for (unsigned c = 0x20; c < 256; c++) {
		HPDF_BYTE b = (HPDF_BYTE)c;

		p->adv[f][c] = (unsigned short)HPDF_Font_TextWidth(font, &b, 1).width;
	}
	if (f == F_REGULAR) {
		p->ascent = HPDF_Font_GetAscent(font) / 1000.0;
		p->descent = -HPDF_Font_GetDescent(font) / 1000.0;
	}
}

static const char *
load_fonts(mc_pdf *p)
{
	static const int field[F__COUNT] = {
		MC_T_FONT_REGULAR, MC_T_FONT_BOLD, MC_T_FONT_ITALIC
	};
	static const char *const why[F__COUNT] = {
		"la police du texte du modèle (police.texte) est introuvable ou n’est pas une police TrueType lisible",
		"la police grasse du modèle (police.gras) est introuvable ou n’est pas une police TrueType lisible",
		"la police italique du modèle (police.italique) est introuvable ou n’est pas une police TrueType lisible"
	};

	for (int f = 0; f < F__COUNT; f++) {
		const char *path = p->t->v[field[f]].text;
		HPDF_Font font = NULL;

		if (path != NULL && *path != '\0')
			p->font_name[f] = mc_pdf_load_ttf(p->pdf, path);
		if (p->font_name[f] != NULL)
			font = HPDF_GetFont(p->pdf, p->font_name[f], "WinAnsiEncoding");
		if (font == NULL || p->error != 0)
			return why[f];
		measure_font(p, f, font);
	}
	return NULL;
}

static HPDF_Image
load_logo(mc_pdf *p)
{
	if (p->t->logo == NULL || p->t->logo_len == 0)
		return NULL;
	return HPDF_LoadPngImageFromMem(p->pdf, p->t->logo, (HPDF_UINT)p->t->logo_len);
}

static double
positive(double v, double def)
{
	return v > 0 ? v : def;
}

static void
measures(mc_pdf *p)
{
	const mc_template_value *v = p->t->v;

	p->page_w = positive(v[MC_T_PAGE_WIDTH].number, 595.28);
	p->page_h = positive(v[MC_T_PAGE_HEIGHT].number, 841.89);
	p->left = v[MC_T_MARGIN_LEFT].number;
	p->right = p->page_w - v[MC_T_MARGIN_RIGHT].number;
	p->top = p->page_h - v[MC_T_MARGIN_TOP].number;
	p->bottom = v[MC_T_MARGIN_BOTTOM].number;
	p->size = positive(v[MC_T_SIZE_TEXT].number, 10);
	p->small = positive(v[MC_T_SIZE_SMALL].number, 8);
	p->title_size = positive(v[MC_T_SIZE_TITLE].number, 17);
	p->heading_size = positive(v[MC_T_SIZE_HEADING].number, 12);
	p->line_height = positive(v[MC_T_LINE_HEIGHT].number, 1.3);
	p->logo_width = positive(v[MC_T_LOGO_WIDTH].number, 28 * MC_PT_PER_MM);
	p->rgb_text = v[MC_T_COLOUR_TEXT].rgb;
	p->rgb_title = v[MC_T_COLOUR_TITLE].rgb;
	p->rgb_rule = v[MC_T_COLOUR_RULE].rgb;
	p->rgb_shade = v[MC_T_COLOUR_SHADE].rgb;
}

mc_pdf *
mc_pdf_new(const mc_template *t, const char **error)
{
	mc_pdf *p = calloc(1, sizeof(*p));
	const char *why = NULL;

	if (error != NULL)
		*error = NULL;
	if (p == NULL) {
		if (error != NULL)
			*error = "mémoire insuffisante";
		return NULL;
	}
	p->t = t;
	p->deflate = mc_deflate_new();
	p->pdf = HPDF_New(on_error, p);
	if (p->pdf == NULL)
		why = "mémoire insuffisante";
	else
		why = load_fonts(p);
	/* The logo is loaded again for each letter: a bad one is refused now. */
	if (why == NULL && t->logo != NULL && load_logo(p) == NULL)
		why = "le logo du modèle n’est pas une image PNG lisible";
	if (why == NULL && p->error != 0)
		why = "erreur de la bibliothèque PDF au chargement du modèle";
	if (why != NULL) {
		if (error != NULL)
			*error = why;
		mc_pdf_free(p);
		return NULL;
	}
	measures(p);
	return p;
}

void
mc_pdf_free(mc_pdf *p)
{
	if (p == NULL)
		return;
	if (p->pdf != NULL)
		HPDF_Free(p->pdf);
	mc_deflate_free(p->deflate);
	free(p->pages);
	free(p->chars);
	free(p->fonts);
	free(p->cells);
	free(p);
}

/* Text: UTF-8 in, Windows-1252 bytes out, each with its font */

static int
reserve(mc_pdf *p, size_t more)
{
	size_t cap = p->cap ? p->cap : 4096;
	unsigned char *c, *f;

	if (p->failed)
		return 0;
	if (more <= p->cap - p->len)
		return 1;
	while (cap - p->len < more) {
		if (cap > ((size_t)-1) / 4) {
			p->failed = 1;
			return 0;
		}
		cap *= 2;
	}
	if ((c = realloc(p->chars, cap)) != NULL)
		p->chars = c;
	if (c == NULL || (f = realloc(p->fonts, cap)) == NULL) {
		p->failed = 1;
		return 0;
	}
	p->fonts = f;
	p->cap = cap;
	return 1;
}

/* Appends a UTF-8 text in one font. A character the fonts cannot print was
 * refused before rendering (render.c); should one come, it is skipped. */
static void
put(mc_pdf *p, const char *s, int font)
{
	if (s == NULL || !reserve(p, strlen(s)))
		return;    /* Windows-1252 never takes more bytes than UTF-8 */
	while (*s != '\0') {
		uint32_t cp;
		unsigned char c;

		s += mc_utf8_decode(s, &cp);
		c = cp == '\t' || cp == '\n' || cp == '\r' ? ' ' : mc_cp1252(cp);
		if (c == 0)
			continue;
		p->chars[p->len] = c;
		p->fonts[p->len++] = (unsigned char)font;
	}
}

/* The font of a run: its own style, else the block's font. */
static int
font_of(unsigned style, int base)
{
	if (style & MC_STYLE_BOLD)
		return F_BOLD;
	if (style & MC_STYLE_ITALIC)
		return F_ITALIC;
	return base;
}

static span
prepare(mc_pdf *p, const mc_text *t, int base)
{
	span s = { p->len, p->len };

	for (size_t i = 0; i < t->nruns; i++)
		put(p, t->runs[i].text, font_of(t->runs[i].style, base));
	s.end = p->len;
	return s;
}

static span
prepare_str(mc_pdf *p, const char *str, int font)
{
	mc_run run = { str, MC_STYLE_PLAIN };
	mc_text t = { &run, 1 };

	return prepare(p, &t, font);
}

/* Lines */

static double
lead(const mc_pdf *p, double size)
{
	return size * p->line_height;
}

/* The baseline of a line whose box starts at y: the glyphs centred in it. */
static double
baseline(const mc_pdf *p, double y, double size)
{
	return y - (lead(p, size) - (p->ascent + p->descent) * size) / 2 -
	    p->ascent * size;
}

/* The next line of [pos, end) within st->width: it ends at the last space
 * (U+0020 only: no-break spaces hold) before the text overflows; a word
 * longer than the line is cut between two characters; no hyphen is ever
 * added. Widths add up in 1/1000 em, so each byte is measured once per line
 * it may fall on. Returns 0 when no text is left. */
static int
next_line(const mc_pdf *p, size_t pos, size_t end, const setting *st, line *ln)
{
	long limit = (long)(st->width * 1000.0 / st->size);
	long w = 0, wbrk = 0;
	size_t i, brk = 0;
	int has_brk = 0;

	while (pos < end && p->chars[pos] == ' ')
		pos++;
	if (pos >= end)
		return 0;
	ln->start = pos;
	for (i = pos; i < end; i++) {
		unsigned char c = p->chars[i];
		long cw = p->adv[p->fonts[i]][c];

		if (c == ' ') {
			if (p->chars[i - 1] != ' ') {
				brk = i;
				wbrk = w;
				has_brk = 1;
			}
		} else if (w + cw > limit) {
			if (has_brk) {
				ln->end = brk;
				ln->next = brk + 1;
				w = wbrk;
			} else {
				/* One word wider than the line; at least one character
				 * per line, however narrow the line. */
				if (i == pos)
					w = cw;
				ln->end = ln->next = i > pos ? i : pos + 1;
			}
			ln->width = w * st->size / 1000.0;
			return 1;
		}
		w += cw;
	}
	while (i > pos && p->chars[i - 1] == ' ')
		w -= p->adv[p->fonts[--i]][' '];
	ln->end = i;
	ln->next = end;
	ln->width = w * st->size / 1000.0;
	return 1;
}

static size_t
count_lines(const mc_pdf *p, span s, const setting *st, size_t max)
{
	line ln;
	size_t n = 0;

	for (size_t pos = s.start; n < max && next_line(p, pos, s.end, st, &ln);
	    pos = ln.next)
		n++;
	return n;
}

/* Drawing */

#define RGB(c) (((c) >> 16) & 0xFF) / 255.0f, (((c) >> 8) & 0xFF) / 255.0f, \
	((c) & 0xFF) / 255.0f

static void
set_fill(mc_pdf *p, unsigned rgb)
{
	if (p->fill != rgb)
		HPDF_Page_SetRGBFill(p->page, RGB(rgb));
	p->fill = rgb;
}

static void
set_stroke(mc_pdf *p, unsigned rgb, double width)
{
	HPDF_Page_SetRGBStroke(p->page, RGB(rgb));
	HPDF_Page_SetLineWidth(p->page, width);
}

static void
rule(mc_pdf *p, double x0, double x1, double y, double width)
{
	set_stroke(p, p->rgb_rule, width);
	HPDF_Page_MoveTo(p->page, x0, y);
	HPDF_Page_LineTo(p->page, x1, y);
	HPDF_Page_Stroke(p->page);
}

/* Shows Windows-1252 bytes (a bullet) at a baseline. */
static void
show(mc_pdf *p, const char *bytes, double size, double x, double y)
{
	HPDF_Page_BeginText(p->page);
	HPDF_Page_SetFontAndSize(p->page, p->font[F_REGULAR], size);
	HPDF_Page_MoveTextPos(p->page, x, y);
	HPDF_Page_ShowText(p->page, bytes);
	HPDF_Page_EndText(p->page);
}

/* Draws a line whose box starts at y, changing font where its runs do. */
static void
draw_line(mc_pdf *p, const line *ln, const setting *st, double y)
{
	char buf[128];
	double x = st->x;
	int font = -1;

	if (st->align == CENTRE)
		x += (st->width - ln->width) / 2;
	else if (st->align == RIGHT)
		x += st->width - ln->width;
	set_fill(p, st->rgb);
	HPDF_Page_BeginText(p->page);
	HPDF_Page_MoveTextPos(p->page, x, baseline(p, y, st->size));
	for (size_t i = ln->start; i < ln->end;) {
		size_t n = 0;

		if (p->fonts[i] != font) {
			font = p->fonts[i];
			HPDF_Page_SetFontAndSize(p->page, p->font[font], st->size);
		}
		while (i < ln->end && p->fonts[i] == font && n < sizeof(buf) - 1)
			buf[n++] = (char)p->chars[i++];
		buf[n] = '\0';
		HPDF_Page_ShowText(p->page, buf);
	}
	HPDF_Page_EndText(p->page);
}

/* Sets a text from y down, where it is (no page break), or only measures it
 * when draw is 0. Returns the y under it. */
static double
set_text(mc_pdf *p, span s, const setting *st, double y, int draw)
{
	line ln;

	for (size_t pos = s.start; next_line(p, pos, s.end, st, &ln); pos = ln.next) {
		if (draw)
			draw_line(p, &ln, st, y);
		y -= lead(p, st->size);
	}
	return y;
}

/* Pages */

/* The header of the page just added: on the first page the logo, the lines
 * beside it; the first line in bold; a rule under them. Returns the top of
 * the page's text: the top margin, or lower when the header reaches it. */
static double
header(mc_pdf *p)
{
	const mc_document *doc = p->doc;
	double top = p->page_h - HEADER_TOP, low = top, y = top;
	setting st = { p->small, p->left, p->right - p->left, LEFT, p->rgb_text };
	size_t mark = p->len;

	if (p->npages == 1 && p->logo != NULL) {
		double iw = p->t->logo_w ? p->t->logo_w : HPDF_Image_GetWidth(p->logo);
		double ih = p->t->logo_h ? p->t->logo_h : HPDF_Image_GetHeight(p->logo);
		double h = iw > 0 ? p->logo_width * ih / iw : p->logo_width;

		HPDF_Page_DrawImage(p->page, p->logo, p->left, top - h, p->logo_width, h);
		low = top - h;
		st.x += p->logo_width + HEADER_GAP;
		st.width -= p->logo_width + HEADER_GAP;
	}
	for (size_t i = 0; i < doc->nheader; i++)
		y = set_text(p, prepare_str(p, doc->header[i], i == 0 ? F_BOLD : F_REGULAR),
		    &st, y, 1);
	p->len = mark;
	if (y < low)
		low = y;
	if (low < top) {
		low -= 3;
		rule(p, p->left, p->right, low, RULE);
		low -= lead(p, p->size);
	}
	return low < p->top ? low : p->top;
}

static void
new_page(mc_pdf *p)
{
	HPDF_Page page;

	if (p->npages == p->pages_cap) {
		size_t cap = p->pages_cap ? p->pages_cap * 2 : 8;
		HPDF_Page *pages = realloc(p->pages, cap * sizeof(*pages));

		if (pages == NULL) {
			p->failed = 1;
			return;
		}
		p->pages = pages;
		p->pages_cap = cap;
	}
	if ((page = HPDF_AddPage(p->pdf)) == NULL) {
		p->failed = 1;
		return;
	}
	HPDF_Page_SetWidth(page, p->page_w);
	HPDF_Page_SetHeight(page, p->page_h);
	p->pages[p->npages++] = page;
	p->page = page;
	p->fill = NO_COLOUR;
	p->page_top = p->y = header(p);
}

/* A new page when h points do not fit under y; never on a page still empty
 * (what fits on no page goes where it is). */
static void
need(mc_pdf *p, double h)
{
	if (!p->failed && p->y - h < p->bottom - 0.001 && p->y < p->page_top)
		new_page(p);
}

/* Vertical space, except at the top of a page. */
static void
space(mc_pdf *p, double h)
{
	if (p->y < p->page_top)
		p->y -= h;
}

/* Sets a text in the flow, line by line, on a new page when a line does
 * not fit. A marker (a bullet), if any, hangs at marker_x on the first line. */
static void
flow(mc_pdf *p, span s, const setting *st, const char *marker, double marker_x)
{
	double h = lead(p, st->size);
	line ln;

	for (size_t pos = s.start; next_line(p, pos, s.end, st, &ln); pos = ln.next) {
		need(p, h);
		if (marker != NULL) {
			set_fill(p, st->rgb);
			show(p, marker, st->size, marker_x, baseline(p, p->y, st->size));
			marker = NULL;
		}
		draw_line(p, &ln, st, p->y);
		p->y -= h;
	}
}

/* Blocks */

/* How each role of paragraph is set: the font of its plain runs, small size
 * or not, indented or not, a bullet or not, the space after it in lines. */
typedef struct role_style {
	int font, small, indent, bullet;
	double after;
} role_style;

static const role_style roles[] = {
	[MC_P_BODY] = { F_REGULAR, 0, 0, 0, 0.45 },
	[MC_P_ACTIVITY] = { F_REGULAR, 0, 1, 1, 0.3 },
	[MC_P_LABEL] = { F_BOLD, 1, 1, 0, 0.15 },
	[MC_P_OBSERVATION] = { F_ITALIC, 0, 1, 0, 0.45 },
	[MC_P_NOTE] = { F_REGULAR, 1, 0, 0, 0.45 },
};

static const role_style *
role_of(mc_para_role role)
{
	return (unsigned)role < sizeof(roles) / sizeof(roles[0]) ? &roles[role] :
	    &roles[MC_P_BODY];
}

static setting
text_setting(const mc_pdf *p, double size, int indent)
{
	setting st = { size, p->left, p->right - p->left, LEFT, p->rgb_text };

	if (indent) {
		st.x += HANG;
		st.width -= HANG;
	}
	return st;
}

static setting
role_setting(const mc_pdf *p, const role_style *r)
{
	return text_setting(p, r->small ? p->small : p->size, r->indent);
}

/* Tables */

/* The columns of a table, in both rows of p->cells: its fractions of the
 * text width (equal ones when it has none). */
static int
columns(mc_pdf *p, const mc_table *tb)
{
	size_t n = tb->ncols;
	double sum = 0, x = p->left, w = p->right - p->left;

	if (2 * n > p->cells_cap) {
		cell *cells = realloc(p->cells, 2 * n * sizeof(*cells));

		if (cells == NULL) {
			p->failed = 1;
			return 0;
		}
		p->cells = cells;
		p->cells_cap = 2 * n;
	}
	for (size_t c = 0; tb->widths != NULL && c < n; c++)
		sum += tb->widths[c] > 0 ? tb->widths[c] : 0;
	for (size_t c = 0; c < n; c++) {
		double f = sum > 0 ? (tb->widths[c] > 0 ? tb->widths[c] : 0) / sum :
		    1.0 / (double)n;

		p->cells[c].x = p->cells[n + c].x = x;
		p->cells[c].width = p->cells[n + c].width = f * w;
		x += f * w;
	}
	return 1;
}

/* Prepares a row's cells and counts their lines. Header and total rows are
 * bold, and so are row labels when the table has no header. */
static void
prepare_row(mc_pdf *p, const mc_table *tb, const mc_text *texts, cell *cells,
    int kind)
{
	setting st = text_setting(p, p->size, 0);

	for (size_t c = 0; c < tb->ncols; c++) {
		int bold = kind != ROW_BODY || (tb->head == NULL && c == 0);

		cells[c].text = prepare(p, &texts[c], bold ? F_BOLD : F_REGULAR);
		cells[c].pos = cells[c].text.start;
		cells[c].align = tb->numeric != NULL && tb->numeric[c] ? RIGHT : LEFT;
		st.width = cells[c].width - 2 * PAD_X;
		cells[c].nlines = count_lines(p, cells[c].text, &st, ALL_LINES);
	}
}

static size_t
row_lines(const cell *cells, size_t n)
{
	size_t most = 1;

	for (size_t c = 0; c < n; c++)
		if (cells[c].nlines > most)
			most = cells[c].nlines;
	return most;
}

static double
row_height(const mc_pdf *p, const cell *cells, size_t n)
{
	return (double)row_lines(cells, n) * lead(p, p->size) + 2 * PAD_Y;
}

/* Draws the next n lines of each cell as one band of the row: background,
 * borders, text. */
static void
draw_band(mc_pdf *p, const mc_table *tb, cell *cells, size_t n, int kind)
{
	double h = (double)(n ? n : 1) * lead(p, p->size) + 2 * PAD_Y, top = p->y;
	setting st = text_setting(p, p->size, 0);
	line ln;

	if (kind == ROW_HEAD) {
		set_fill(p, p->rgb_shade);
		HPDF_Page_Rectangle(p->page, p->left, top - h, p->right - p->left, h);
		HPDF_Page_Fill(p->page);
	}
	set_stroke(p, p->rgb_rule, RULE);
	for (size_t c = 0; c < tb->ncols; c++)
		HPDF_Page_Rectangle(p->page, cells[c].x, top - h, cells[c].width, h);
	HPDF_Page_Stroke(p->page);
	if (kind == ROW_TOTAL)
		rule(p, p->left, p->right, top, RULE_HEAVY);
	for (size_t c = 0; c < tb->ncols; c++) {
		double y = top - PAD_Y;

		st.x = cells[c].x + PAD_X;
		st.width = cells[c].width - 2 * PAD_X;
		st.align = cells[c].align;
		for (size_t k = 0; k < n && next_line(p, cells[c].pos,
		    cells[c].text.end, &st, &ln); k++) {
			draw_line(p, &ln, &st, y);
			y -= lead(p, p->size);
			cells[c].pos = ln.next;
		}
	}
	p->y = top - h;
}

static void
draw_head(mc_pdf *p, const mc_table *tb)
{
	for (size_t c = 0; c < tb->ncols; c++)
		p->cells[c].pos = p->cells[c].text.start;
	draw_band(p, tb, p->cells, row_lines(p->cells, tb->ncols), ROW_HEAD);
}

/* Draws a row, on a new page (under the header row again) when it does not
 * fit; the header row comes with the first row. A row taller than a whole
 * page, which a letter never has, goes on in bands from page to page rather
 * than off the page. */
static void
table_row(mc_pdf *p, const mc_table *tb, size_t r)
{
	cell *head = tb->head != NULL ? p->cells : NULL, *row = p->cells + tb->ncols;
	int kind = tb->total && r + 1 == tb->nrows ? ROW_TOTAL : ROW_BODY;
	size_t pages = p->npages, left;
	double text_lead = lead(p, p->size);
	int fresh;

	prepare_row(p, tb, tb->cells + r * tb->ncols, row, kind);
	need(p, row_height(p, row, tb->ncols) +
	    (head != NULL && r == 0 ? row_height(p, head, tb->ncols) : 0));
	if (head != NULL && (r == 0 || p->npages != pages))
		draw_head(p, tb);
	left = row_lines(row, tb->ncols);
	fresh = p->y >= p->page_top || p->npages != pages;
	for (;;) {
		double room = p->y - p->bottom - 2 * PAD_Y;
		size_t fit = room >= text_lead ? (size_t)(room / text_lead) : 0;
		size_t n;

		if (fit == 0 && !fresh && !p->failed) {
			new_page(p);
			if (head != NULL)
				draw_head(p, tb);
			fresh = 1;
			continue;
		}
		n = left < fit ? left : fit > 0 ? fit : 1;
		draw_band(p, tb, row, n, kind);
		left -= n;
		fresh = 0;
		if (left == 0)
			break;
	}
}

static void
table(mc_pdf *p, const mc_table *tb)
{
	size_t mark;

	if (tb->ncols == 0 || !columns(p, tb))
		return;
	if (tb->head != NULL)
		prepare_row(p, tb, tb->head, p->cells, ROW_HEAD);
	mark = p->len;
	for (size_t r = 0; r < tb->nrows && !p->failed; r++) {
		p->len = mark;
		table_row(p, tb, r);
	}
	if (tb->nrows == 0 && tb->head != NULL) {
		need(p, row_height(p, p->cells, tb->ncols));
		draw_head(p, tb);
	}
	space(p, 0.6 * lead(p, p->size));
}

/* Signatures */

/* The signature block from p->y: place and date, then the signers side by
 * side (three at most to a row), each with label, name, mark and room to
 * sign. Draws it, or only measures it when draw is 0; returns its height. */
static double
sign_block(mc_pdf *p, const mc_signatures *sg, int draw)
{
	double y = p->y, w = p->right - p->left;
	setting st = text_setting(p, p->size, 0);
	size_t mark = p->len;

	if (sg->place_date != NULL) {
		y = set_text(p, prepare_str(p, sg->place_date, F_REGULAR), &st, y, draw);
		y -= 0.8 * lead(p, p->size);
	}
	for (size_t i = 0; i < sg->nsigners; i += SIGNERS_PER_ROW) {
		size_t k = sg->nsigners - i < SIGNERS_PER_ROW ? sg->nsigners - i :
		    SIGNERS_PER_ROW;
		double low = y;

		for (size_t j = 0; j < k; j++) {
			const mc_signer *s = &sg->signers[i + j];
			double cy = y;

			st.x = p->left + (double)j * w / (double)k;
			st.width = w / (double)k - GUTTER;
			cy = set_text(p, prepare_str(p, s->label, F_BOLD), &st, cy, draw);
			cy = set_text(p, prepare_str(p, s->name, F_REGULAR), &st, cy, draw);
			cy = set_text(p, prepare_str(p, sg->mark, F_ITALIC), &st, cy, draw);
			if (cy < low)
				low = cy;
			p->len = mark;
		}
		y = low - SIGN_ROOM;
	}
	p->len = mark;
	return p->y - y;
}

/* Never split: the whole block goes to the next page when it does not fit. */
static void
signatures(mc_pdf *p, const mc_signatures *sg)
{
	space(p, lead(p, p->size));
	need(p, sign_block(p, sg, 0));
	p->y -= sign_block(p, sg, 1);
}

/* Headings and paragraphs */

/* A heading's setting and the height of its lines and the space under it. */
static double
heading_height(mc_pdf *p, const mc_block *b, setting *st)
{
	size_t mark = p->len;
	double h;

	*st = text_setting(p, b->level <= 1 ? p->heading_size : p->size, 0);
	st->rgb = b->level <= 1 ? p->rgb_title : p->rgb_text;
	h = (double)count_lines(p, prepare(p, &b->text, F_BOLD), st, ALL_LINES) *
	    lead(p, st->size) + 0.3 * lead(p, p->size);
	p->len = mark;
	return h;
}

/* How much of a block a heading (or a label) keeps with it: two lines of
 * text, a table's header and first row, a whole signature block. */
static double
lead_in(mc_pdf *p, const mc_block *b)
{
	size_t mark = p->len;
	double h = 0;
	setting st;

	switch (b->kind) {
	case MC_B_HEADING:
		h = heading_height(p, b, &st) + 2 * lead(p, p->size);
		break;
	case MC_B_PARAGRAPH:
		st = role_setting(p, role_of(b->role));
		h = (double)count_lines(p, prepare(p, &b->text, role_of(b->role)->font),
		    &st, 2) * lead(p, st.size);
		break;
	case MC_B_LIST:
		st = text_setting(p, p->size, 1);
		if (b->nitems > 0)
			h = (double)count_lines(p, prepare(p, &b->items[0], F_REGULAR),
			    &st, 2) * lead(p, p->size);
		break;
	case MC_B_TABLE:
		if (b->table.ncols == 0 || !columns(p, &b->table))
			break;
		if (b->table.head != NULL) {
			prepare_row(p, &b->table, b->table.head, p->cells, ROW_HEAD);
			h += row_height(p, p->cells, b->table.ncols);
		}
		if (b->table.nrows > 0) {
			prepare_row(p, &b->table, b->table.cells, p->cells + b->table.ncols,
			    ROW_BODY);
			h += row_height(p, p->cells + b->table.ncols, b->table.ncols);
		}
		break;
	case MC_B_SIGNATURES:
		h = lead(p, p->size) + sign_block(p, &b->signatures, 0);
		break;
	}
	p->len = mark;
	return h;
}

/* Bold; level 1 larger, in the title's colour, with more space before.
 * Never alone at the foot of a page: it starts a new one unless the first
 * lines of what follows fit under it. */
static void
heading(mc_pdf *p, const mc_block *b, const mc_block *next)
{
	setting st;
	double h = heading_height(p, b, &st);

	space(p, (b->level <= 1 ? 1.0 : 0.5) * lead(p, p->size));
	need(p, h + (next != NULL ? lead_in(p, next) : 0));
	flow(p, prepare(p, &b->text, F_BOLD), &st, NULL, 0);
	space(p, 0.3 * lead(p, p->size));
}

static void
paragraph(mc_pdf *p, const mc_block *b, const mc_block *next)
{
	const role_style *r = role_of(b->role);
	setting st = role_setting(p, r);
	span s = prepare(p, &b->text, r->font);

	/* A label introduces what follows it, as a heading does; an activity
	 * stays with the label of its observations. */
	if ((b->role == MC_P_LABEL && next != NULL) || (b->role == MC_P_ACTIVITY &&
	    next != NULL && next->kind == MC_B_PARAGRAPH && next->role == MC_P_LABEL))
		need(p, (double)count_lines(p, s, &st, ALL_LINES) * lead(p, st.size) +
		    lead_in(p, next) + (b->role == MC_P_ACTIVITY ?
		    2 * lead(p, p->size) : 0));
	flow(p, s, &st, r->bullet ? BULLET : NULL, p->left + BULLET_AT);
	space(p, r->after * lead(p, p->size));
}

/* Bulleted items, the text hanging after the bullet. */
static void
list(mc_pdf *p, const mc_block *b)
{
	setting st = text_setting(p, p->size, 1);

	for (size_t i = 0; i < b->nitems; i++) {
		size_t mark = p->len;

		flow(p, prepare(p, &b->items[i], F_REGULAR), &st, BULLET,
		    p->left + BULLET_AT);
		p->len = mark;
		space(p, 0.15 * lead(p, p->size));
	}
	space(p, 0.3 * lead(p, p->size));
}

static void
block(mc_pdf *p, const mc_block *b, const mc_block *next)
{
	size_t mark = p->len;

	switch (b->kind) {
	case MC_B_HEADING:
		heading(p, b, next);
		break;
	case MC_B_PARAGRAPH:
		paragraph(p, b, next);
		break;
	case MC_B_LIST:
		list(p, b);
		break;
	case MC_B_TABLE:
		table(p, &b->table);
		break;
	case MC_B_SIGNATURES:
		signatures(p, &b->signatures);
		break;
	}
	p->len = mark;
}

/* The first page's title, centred: title, subtitle, period. */
static void
title(mc_pdf *p, const mc_document *doc)
{
	setting st = text_setting(p, p->title_size, 0);

	st.align = CENTRE;
	st.rgb = p->rgb_title;
	flow(p, prepare_str(p, doc->title, F_BOLD), &st, NULL, 0);
	st.rgb = p->rgb_text;
	st.size = p->heading_size;
	if (doc->subtitle != NULL) {
		space(p, 0.3 * lead(p, p->size));
		flow(p, prepare_str(p, doc->subtitle, F_REGULAR), &st, NULL, 0);
	}
	st.size = p->size;
	if (doc->period != NULL)
		flow(p, prepare_str(p, doc->period, F_REGULAR), &st, NULL, 0);
	p->len = 0;
	space(p, 1.2 * lead(p, p->size));
}

/* « Page {page} sur {pages} » filled in. */
static void
page_label(char *buf, size_t size, const char *tpl, size_t page, size_t pages)
{
	size_t n = 0;

	while (*tpl != '\0' && n + 24 < size) {
		if (strncmp(tpl, "{pages}", 7) == 0) {
			n += (size_t)snprintf(buf + n, size - n, "%zu", pages);
			tpl += 7;
		} else if (strncmp(tpl, "{page}", 6) == 0) {
			n += (size_t)snprintf(buf + n, size - n, "%zu", page);
			tpl += 6;
		} else {
			buf[n++] = *tpl++;
		}
	}
	buf[n] = '\0';
}

/* Footers, once the page count is known: libharu lets content be added to
 * earlier pages until the document is saved. */
static void
footers(mc_pdf *p)
{
	setting st = text_setting(p, p->small, 0);
	char buf[256];

	st.align = CENTRE;
	if (p->doc->page_label == NULL || *p->doc->page_label == '\0')
		return;
	for (size_t i = 0; i < p->npages; i++) {
		page_label(buf, sizeof(buf), p->doc->page_label, i + 1, p->npages);
		p->page = p->pages[i];
		p->fill = NO_COLOUR;
		set_text(p, prepare_str(p, buf, F_REGULAR), &st,
		    (p->bottom + lead(p, p->small)) / 2, 1);
		p->len = 0;
	}
}

/* The document */

/* An Info string. Through the current encoder (WinAnsiEncoding), libharu
 * writes it in UTF-16 with a byte order mark, which every reader takes
 * (without one, readers take the bytes as PDFDocEncoding: « — » and « œ »
 * would come back wrong). */
static void
info(mc_pdf *p, HPDF_InfoType type, const char *utf8)
{
	char buf[512];
	size_t n = 0;

	while (utf8 != NULL && *utf8 != '\0' && n < sizeof(buf) - 1) {
		uint32_t cp;
		unsigned char c;

		utf8 += mc_utf8_decode(utf8, &cp);
		if ((c = mc_cp1252(cp)) != 0)
			buf[n++] = (char)c;
	}
	buf[n] = '\0';
	if (n > 0)
		HPDF_SetInfoAttr(p->pdf, type, buf);
}

/* Creation and modification dates from `epoch` (UTC), none when it is 0:
 * the same letter with the same epoch gives the same bytes. */
static void
dates(mc_pdf *p, int64_t epoch)
{
	time_t when = (time_t)epoch;
	struct tm tm;
	HPDF_Date d;

	if (epoch == 0 || gmtime_r(&when, &tm) == NULL || tm.tm_year + 1900 < 1 ||
	    tm.tm_year + 1900 > 9999)
		return;
	memset(&d, 0, sizeof(d));
	d.year = tm.tm_year + 1900;
	d.month = tm.tm_mon + 1;
	d.day = tm.tm_mday;
	d.hour = tm.tm_hour;
	d.minutes = tm.tm_min;
	d.seconds = tm.tm_sec < 60 ? tm.tm_sec : 59;
	d.ind = 'Z';
	HPDF_SetInfoDateAttr(p->pdf, HPDF_INFO_CREATION_DATE, d);
	HPDF_SetInfoDateAttr(p->pdf, HPDF_INFO_MOD_DATE, d);
}

/* A new libharu document for the letter: the fonts stay loaded in the
 * handle, their handles and the logo belong to the document. */
static int
begin(mc_pdf *p, const mc_document *doc, int64_t epoch)
{
	HPDF_ResetError(p->pdf);
	p->error = 0;
	p->failed = 0;
	p->doc = doc;
	p->npages = 0;
	p->len = 0;
	p->page = NULL;
	if (HPDF_NewDoc(p->pdf) != HPDF_OK)
		return -1;
	HPDF_SetCompressionMode(p->pdf, HPDF_COMP_ALL);
	HPDF_SetCurrentEncoder(p->pdf, "WinAnsiEncoding");
	for (int f = 0; f < F__COUNT; f++)
		p->font[f] = HPDF_GetFont(p->pdf, p->font_name[f], "WinAnsiEncoding");
	p->logo = load_logo(p);
	info(p, HPDF_INFO_TITLE, doc->meta_title);
	info(p, HPDF_INFO_AUTHOR, doc->meta_author);
	info(p, HPDF_INFO_SUBJECT, doc->meta_subject);
	info(p, HPDF_INFO_CREATOR, doc->meta_creator != NULL ? doc->meta_creator : "missionc");
	dates(p, epoch);
	return p->error == 0 ? 0 : -1;
}

/* The saved document, appended to out. */
static int
save(mc_pdf *p, mc_buffer *out)
{
	HPDF_BYTE chunk[8192];
	HPDF_UINT32 left;

	if (mc_deflate_doc(p->deflate, p->pdf) != HPDF_OK ||
	    HPDF_SaveToStream(p->pdf) != HPDF_OK)
		return -1;
	left = HPDF_GetStreamSize(p->pdf);
	while (left > 0 && p->error == 0 && !out->failed) {
		HPDF_UINT32 n = left < sizeof(chunk) ? left : (HPDF_UINT32)sizeof(chunk);

		HPDF_ReadFromStream(p->pdf, chunk, &n);
		if (n == 0)
			return -1;
		mc_buffer_put(out, (const char *)chunk, n);
		left -= n;
	}
	return p->error == 0 && !out->failed ? 0 : -1;
}

void
mc_pdf_own_deflate(mc_pdf *p, int on)
{
	if (!on) {
		mc_deflate_free(p->deflate);
		p->deflate = NULL;
	} else if (p->deflate == NULL) {
		p->deflate = mc_deflate_new();
	}
}

int
mc_render_pdf(mc_pdf *p, const mc_document *doc, int64_t epoch, mc_buffer *out)
{
	int status = -1;

	if (begin(p, doc, epoch) == 0) {
		new_page(p);
		if (!p->failed)
			title(p, doc);
		for (size_t i = 0; i < doc->nblocks && p->error == 0 && !p->failed; i++)
			block(p, &doc->blocks[i],
			    i + 1 < doc->nblocks ? &doc->blocks[i + 1] : NULL);
		if (p->error == 0 && !p->failed) {
			footers(p);
			status = save(p, out);
		}
	}
	/* This letter's objects go now, the fonts stay; an error of this letter
	 * does not stick to the next. */
	HPDF_FreeDoc(p->pdf);
	HPDF_ResetError(p->pdf);
	p->error = 0;
	p->doc = NULL;
	return status;
}
