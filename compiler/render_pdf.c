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
#include "pdf_archive.h"
#include "pdf_charset.h"
#include "pdf_content.h"
#include "pdf_deflate.h"
#include "pdf_encoding.h"
#include "pdf_font.h"
#include "pdf_hyphen.h"
#include "pdf_tags.h"
#include "render.h"

#include <hpdf.h>
#include <hpdf_doc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <uchar.h>

/* The three fonts in Windows-1252, then the same three in the extended
 * encoding (pdf_charset.c): F_EXT + f is font f's second instance. */
enum { F_REGULAR, F_BOLD, F_ITALIC, F_EXT, F__COUNT = 2 * F_EXT };
enum { LEFT, CENTRE, RIGHT, JUSTIFY };
enum { ROW_HEAD, ROW_BODY, ROW_TOTAL };

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
#define ELLIPSIS 0x85                   /* « … » in Windows-1252 */

/* Bounds that keep any letter's layout sane (docs/pdf.md): each header line
 * and each line of a signer takes at most this many lines, « … » ending what
 * is cut; the logo at most this high. The body always has the rest. */
#define HEADER_ENTRY_LINES 2
#define HEADER_LINES 6
#define LOGO_MAX_H (30 * MC_PT_PER_MM)
#define SIGN_LINES 6
#define META_CHARS 400                  /* a metadata text, « … » beyond */
#define META_BYTES (4 * META_CHARS + 4)

/* A text prepared for layout: bytes [start, end) of the scratch text. */
typedef struct span {
	size_t start, end;
} span;

/* One line of a span. */
typedef struct line {
	size_t start, end;      /* the bytes printed */
	size_t next;            /* where the next line starts */
	double width;           /* in points, a hyphen included */
	int hyphen;             /* a word cut here: « - » after end */
	int hyphens;            /* lines ending so in a row, this one included */
	int last;               /* the last line of its text */
} line;

/* Where and how a text is set. */
typedef struct setting {
	double size;
	double x, width;
	int align;              /* LEFT, CENTRE, RIGHT, or JUSTIFY */
	unsigned rgb;
	int whole;              /* no word cut (the last line of a page) */
} setting;

/* A table cell being laid out. */
typedef struct cell {
	double x, width;        /* its column */
	span text;
	size_t pos;             /* where its next line starts */
	size_t nlines;          /* lines in all */
	int align;
	HPDF_Dict elem;         /* its TH or TD, NULL: an artifact */
} cell;

struct mc_pdf {
	const mc_template *t;
	HPDF_Doc pdf;
	mc_deflate *deflate;    /* NULL: libharu deflates (pdf_deflate.c) */
	HPDF_STATUS error;      /* the letter's first libharu error, 0 if none */
	int failed;             /* out of memory, or too long */
	int too_long;           /* more than MC_PDF_MAX_PAGES pages */
	size_t block;           /* the block being laid out */
	const char *font_name[F__COUNT];
	int has_ext;            /* the extended fonts are loaded */
	int ext_tried;          /* their loading was tried (ext_fonts) */
	HPDF_BYTE ext_tag[6];   /* libharu's subset tag before theirs */
	unsigned char used[F_EXT][256]; /* the letter's extended codes, per font */
	char meta[4][META_BYTES];       /* title, author, subject, creator, clipped */
	mc_pdfa_profile icc;            /* the output intent's profile */
	/* The structure (pdf_tags.c): what is drawn now belongs to elem (NULL:
	 * an artifact); the list of activities open, and its item's body */
	mc_tags tags;
	HPDF_Dict elem, label, items, item_body;
	mc_hyphen *hyph;        /* French patterns, NULL: no hyphenation */
	int justify;            /* the template justifies the body */
	HPDF_Dict table_elem;   /* the table being drawn */
	HPDF_Dict signs;        /* the signature block being drawn (a Div) */
	int head_tagged;        /* its header row is in the structure */
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
	mc_content cs;          /* what is drawn, into which page's content */
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
measure_font(mc_pdf *p, HPDF_Doc doc, int f, HPDF_Font font)
{
	HPDF_Encoder enc = HPDF_GetEncoder(doc, HPDF_Font_GetEncodingName(font));

	/* The width HPDF_Font_TextWidth gives one byte (mc_pdf_code_width:
	 * test_render_pdf.c compares both on every byte of every font), without
	 * marking the glyphs: libharu reads each glyph it marks from the font
	 * file, a third of the renderer's set-up. */
	for (unsigned c = 0x20; c < 256; c++)
		p->adv[f][c] = (unsigned short)mc_pdf_code_width(font, enc, (HPDF_BYTE)c);
	if (f == F_REGULAR) {
		p->ascent = HPDF_Font_GetAscent(font) / 1000.0;
		p->descent = -HPDF_Font_GetDescent(font) / 1000.0;
	}
}

/* The template's fields of the three fonts. */
static const int font_field[F_EXT] = {
	MC_T_FONT_REGULAR, MC_T_FONT_BOLD, MC_T_FONT_ITALIC
};

/* The extended fonts: beside each font file F.ttf, F-Ext.ttf (the same font
 * subset to pdf_charset.def, made by the Makefile). Without them a letter
 * prints Windows-1252 only. They are loaded when a letter first needs one
 * (ext_fonts): three TrueType files fewer to read at each start, for the
 * letters that are all Windows-1252.
 *
 * A letter's bytes must not depend on when that happens (alone, after other
 * letters, at any -j): the fonts get the subset tags they would get loaded
 * with the others (libharu forgets its count at each letter, HPDF_FreeDoc),
 * and are measured in a document of their own, so that the letter being
 * made, if any, gets no object from it. */
static int
load_ext_fonts(mc_pdf *p)
{
	HPDF_Doc m = HPDF_New(NULL, NULL);
	HPDF_BYTE tag[6];
	int ok = m != NULL && mc_pdf_register_ext_encoding(p->pdf) == HPDF_OK &&
	    mc_pdf_register_ext_encoding(m) == HPDF_OK;

	memcpy(tag, p->pdf->ttfont_tag, sizeof(tag));
	memcpy(p->pdf->ttfont_tag, p->ext_tag, sizeof(tag));
	for (int f = 0; f < F_EXT && ok; f++) {
		const char *path = p->t->v[font_field[f]].text, *name;
		size_t n = strlen(path);
		char *ext;
		HPDF_Font font = NULL;

		if (n < 4 || strcmp(path + n - 4, ".ttf") != 0 ||
		    (ext = malloc(n + 5)) == NULL) {
			ok = 0;
			break;
		}
		memcpy(ext, path, n - 4);
		memcpy(ext + n - 4, "-Ext.ttf", 9);
		p->font_name[F_EXT + f] = mc_pdf_load_ttf_as(p->pdf, ext, "Ext");
		name = mc_pdf_load_ttf_as(m, ext, "Ext");
		free(ext);
		if (p->font_name[F_EXT + f] != NULL && name != NULL)
			font = HPDF_GetFont(m, name, MC_EXT_ENCODING);
		if ((ok = font != NULL) != 0)
			measure_font(p, m, F_EXT + f, font);
	}
	memcpy(p->pdf->ttfont_tag, tag, sizeof(tag));
	if (m != NULL)
		HPDF_Free(m);
	return ok;
}

/* Whether the extended fonts are there, loaded at the first call. */
static int
ext_fonts(mc_pdf *p)
{
	HPDF_STATUS error = p->error;

	if (p->ext_tried)
		return p->has_ext;
	p->ext_tried = 1;
	p->has_ext = load_ext_fonts(p);
	/* A missing or bad file is no error of the letter: its extended
	 * characters are refused (mc_pdf_can_print). */
	if (!p->has_ext && error == 0) {
		HPDF_ResetError(p->pdf);
		p->error = 0;
	}
	return p->has_ext;
}

static const char *
load_fonts(mc_pdf *p)
{
	static const char *const why[F__COUNT] = {
		"la police du texte du modèle (police.texte) est introuvable ou n’est pas une police TrueType lisible",
		"la police grasse du modèle (police.gras) est introuvable ou n’est pas une police TrueType lisible",
		"la police italique du modèle (police.italique) est introuvable ou n’est pas une police TrueType lisible"
	};

	for (int f = 0; f < F_EXT; f++) {
		const char *path = p->t->v[font_field[f]].text;
		HPDF_Font font = NULL;

		if (path != NULL && *path != '\0')
			p->font_name[f] = mc_pdf_load_ttf(p->pdf, path);
		if (p->font_name[f] != NULL)
			font = HPDF_GetFont(p->pdf, p->font_name[f], "WinAnsiEncoding");
		if (font == NULL || p->error != 0)
			return why[f];
		measure_font(p, p->pdf, f, font);
	}
	/* The extended fonts' tags follow these (load_ext_fonts). */
	memcpy(p->ext_tag, p->pdf->ttfont_tag, sizeof(p->ext_tag));
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
	p->justify = v[MC_T_JUSTIFY].number != 0;
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
	/* The French patterns, built in (pdf_hyphen.c). */
	if (why == NULL && (p->hyph = mc_hyphen_fr()) == NULL)
		why = "mémoire insuffisante";
	if (why == NULL && mc_pdfa_profile_init(p->pdf, &p->icc) != 0)
		why = "mémoire insuffisante";
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
	mc_pdfa_profile_free(&p->icc);
	mc_tags_free(&p->tags);
	mc_hyphen_free(p->hyph);
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
	char *nfc = NULL;

	if (s == NULL || !reserve(p, strlen(s)))
		return;    /* one byte a character: never more bytes than UTF-8 */
	/* Combining marks composed (e + U+0302 + U+0303 → ễ): the fonts have
	 * the composed letters. */
	if (mc_pdf_needs_nfc(s) && (nfc = mc_pdf_nfc(s)) != NULL)
		s = nfc;
	while (*s != '\0') {
		uint32_t cp;
		unsigned char c;
		int f = font;

		/* Printable ASCII is its own Windows-1252 code, in the run's font. */
		if ((unsigned char)*s >= 0x20 && (unsigned char)*s < 0x7F) {
			p->chars[p->len] = (unsigned char)*s++;
			p->fonts[p->len++] = (unsigned char)font;
			continue;
		}
		s += mc_utf8_decode(s, &cp);
		c = cp == '\t' || cp == '\n' || cp == '\r' ? ' ' : mc_cp1252(cp);
		if (c == 0 && ext_fonts(p) && (c = mc_pdf_ext_code(cp)) != 0) {
			f = F_EXT + font;
			p->used[font][c] = 1;
		}
		if (c == 0)
			continue;
		p->chars[p->len] = c;
		p->fonts[p->len++] = (unsigned char)f;
	}
	free(nfc);
}

/* The font of a letter's extended characters, made when first used: a
 * letter that needs none has none (the same bytes as before them). */
static HPDF_Font
font_for(mc_pdf *p, int f)
{
	if (f >= F_EXT && f < F__COUNT && p->font[f] == NULL)
		p->font[f] = HPDF_GetFont(p->pdf, p->font_name[f], MC_EXT_ENCODING);
	return p->font[f];
}

int
mc_pdf_can_print(mc_pdf *p, uint32_t cp)
{
	return mc_cp1252(cp) != 0 || (mc_pdf_ext_code(cp) != 0 && ext_fonts(p));
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

/* Whether text other than spaces is left in [pos, end). */
static int
text_left(const mc_pdf *p, size_t pos, size_t end)
{
	while (pos < end && p->chars[pos] == ' ')
		pos++;
	return pos < end;
}

/* Whether a Windows-1252 byte is a letter. */
static int
letter(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == 0x8A ||
	    c == 0x8C || c == 0x8E || c == 0x9A || c == 0x9C || c == 0x9E ||
	    c == 0x9F || (c >= 0xC0 && c != 0xD7 && c != 0xF7);
}

/* In a justified text, the word [ws, we) that overflows at `over` may be
 * cut: the last place its hyphenation allows with the part before it and
 * a hyphen within `limit` (w: the width before ws, 1/1000 em). Never a
 * name (a capital first), a number or amount (not letters only), the
 * last word of the text, nor a word in the extended fonts. Fills ln and
 * returns 1 when cut. */
static int
hyphenate(const mc_pdf *p, size_t ws, size_t end, long w, long limit, line *ln)
{
	unsigned char after[64];
	size_t we = ws, core = ws, core_end;
	long hw;
	int f = p->fonts[ws];

	while (we < end && p->chars[we] != ' ' && p->chars[we] != 0xA0)
		we++;
	/* « l’établissement »: the word after the apostrophe */
	for (size_t i = ws; i < we; i++)
		if (p->chars[i] == 0x92 || p->chars[i] == '\'')
			core = i + 1;
	core_end = we;
	while (core_end > core && !letter(p->chars[core_end - 1]))
		core_end--;     /* trailing punctuation: « , » « . » « ) » */
	if (!text_left(p, we, end) || core_end - core < 5 || core_end - core > 64 ||
	    p->chars[core] < 'a' || f >= F_EXT)
		return 0;
	for (size_t i = core; i < core_end; i++)
		if (!letter(p->chars[i]) || p->fonts[i] >= F_EXT || p->fonts[i] != f)
			return 0;
	if (mc_hyphen_points(p->hyph, p->chars + core, core_end - core, after) == 0)
		return 0;
	hw = p->adv[f]['-'];
	for (size_t i = ws; i < core; i++)
		w += p->adv[p->fonts[i]][p->chars[i]];
	/* The longest part that fits, hyphen included. */
	for (size_t i = core; i < core_end; i++) {
		w += p->adv[f][p->chars[i]];
		if (w + hw > limit)
			break;
		if (after[i - core]) {
			ln->end = ln->next = i + 1;
			ln->width = (double)(w + hw);
		}
	}
	if (ln->end <= core || ln->end > core_end)
		return 0;
	ln->hyphen = 1;
	return 1;
}

/* The next line of [pos, end) within st->width: it ends at the last space
 * (U+0020 only: no-break spaces hold) before the text overflows, or, in a
 * justified text, within the overflowing word where French hyphenation
 * allows; a word longer than the line is cut between two characters.
 * Widths add up in 1/1000 em, so each byte is measured once per line it
 * may fall on. Returns 0 when no text is left. */
static int
next_line(const mc_pdf *p, size_t pos, size_t end, const setting *st, line *ln)
{
	long limit = (long)(st->width * 1000.0 / st->size);
	long w = 0, wbrk = 0;
	size_t i, brk = 0;
	int has_brk = 0, run;

	while (pos < end && p->chars[pos] == ' ')
		pos++;
	if (pos >= end)
		return 0;
	ln->start = pos;
	/* Two cut lines in a row at most, as French typography wants. */
	run = ln->hyphen ? ln->hyphens : 0;
	ln->hyphen = 0;
	ln->hyphens = 0;
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
			size_t ws = has_brk ? brk + 1 : pos;

			while (ws < i && p->chars[ws] == ' ')
				ws++;
			ln->end = 0;
			if (st->align == JUSTIFY && p->hyph != NULL && run < 2 && !st->whole &&
			    hyphenate(p, ws, end, has_brk ? wbrk + p->adv[p->fonts[brk]][' '] *
			    (long)(ws - brk) : 0, limit, ln)) {
				ln->width *= st->size / 1000.0;
				ln->last = 0;
				ln->hyphens = run + 1;
				return 1;
			}
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
			ln->last = !text_left(p, ln->next, end);
			return 1;
		}
		w += cw;
	}
	while (i > pos && p->chars[i - 1] == ' ')
		w -= p->adv[p->fonts[--i]][' '];
	ln->end = i;
	ln->next = end;
	ln->width = w * st->size / 1000.0;
	ln->last = 1;
	return 1;
}

static size_t
count_lines(const mc_pdf *p, span s, const setting *st, size_t max)
{
	line ln = { 0 };
	size_t n = 0;

	for (size_t pos = s.start; n < max && next_line(p, pos, s.end, st, &ln);
	    pos = ln.next)
		n++;
	return n;
}

/* Drawing */

/* The content writer, on the page being filled (pdf_content.c). */
static mc_content *
content(mc_pdf *p)
{
	mc_content_page(&p->cs, p->page);
	return &p->cs;
}

static void
set_fill(mc_pdf *p, unsigned rgb)
{
	mc_content_fill_colour(content(p), rgb);
}

static void
rule(mc_pdf *p, double x0, double x1, double y, double width)
{
	mc_content *c = content(p);

	mc_content_stroke_colour(c, p->rgb_rule, width);
	mc_tags_open(&p->tags, c, p->npages - 1, NULL);
	mc_content_line(c, x0, y, x1, y);
	mc_content_stroke(c);
	mc_tags_close(c);
}

/* Shows Windows-1252 bytes (a bullet) at a baseline. */
static void
show(mc_pdf *p, const char *bytes, double size, double x, double y)
{
	mc_content *c = content(p);

	/* A list item's label (Lbl), when one is open. */
	mc_tags_open(&p->tags, c, p->npages - 1, p->label);
	p->label = NULL;
	mc_content_begin_text(c, x, y);
	mc_content_font(c, p->font[F_REGULAR], size);
	mc_content_show(c, (const unsigned char *)bytes, strlen(bytes));
	mc_content_end_text(c);
	mc_tags_close(c);
}

/* The most a justified line widens a space: a quarter of an em, about
 * twice a space in all. Beyond (before a long word that cannot be cut, a
 * paragraph's last word), the line stays ragged rather than stretched. */
#define MAX_STRETCH 0.25        /* extra space, in em */

/* Draws a line whose box starts at y, changing font where its runs do. A
 * justified line, but the last of its text, widens its spaces (U+0020,
 * through the word spacing Tw: one byte a character) to the full width. */
static void
draw_line(mc_pdf *p, const line *ln, const setting *st, double y)
{
	mc_content *c = content(p);
	double x = st->x, tw = 0;

	if (st->align == CENTRE)
		x += (st->width - ln->width) / 2;
	else if (st->align == RIGHT)
		x += st->width - ln->width;
	else if (st->align == JUSTIFY && !ln->last) {
		size_t spaces = 0;

		for (size_t i = ln->start; i < ln->end; i++)
			spaces += p->chars[i] == ' ';
		if (spaces > 0)
			tw = (st->width - ln->width) / (double)spaces;
		if (tw < 0 || tw > MAX_STRETCH * st->size)
			tw = 0;
	}
	mc_content_fill_colour(c, st->rgb);
	mc_tags_open(&p->tags, c, p->npages - 1, p->elem);
	mc_content_begin_text(c, x, baseline(p, y, st->size));
	/* Word spacing is graphics state: set for every line, written when
	 * it changes. */
	mc_content_word_space(c, tw);
	for (size_t i = ln->start; i < ln->end;) {
		size_t run = i;
		int font = p->fonts[i];

		while (i < ln->end && p->fonts[i] == font)
			i++;
		mc_content_font(c, font_for(p, font), st->size);
		mc_content_show(c, p->chars + run, i - run);
		/* The hyphen of a cut word, in the word's own font. */
		if (i == ln->end && ln->hyphen)
			mc_content_show(c, (const unsigned char *)"-", 1);
	}
	mc_content_end_text(c);
	mc_tags_close(c);
}

/* Sets a text from y down, where it is (no page break), in at most max
 * lines, or only measures it when draw is 0. When text is left, the last
 * line ends with « … ». Returns the y under it. */
static double
set_text_max(mc_pdf *p, span s, const setting *st, double y, int draw, size_t max)
{
	line ln = { 0 };
	size_t n = 0;

	for (size_t pos = s.start; n < max && next_line(p, pos, s.end, st, &ln);
	    pos = ln.next, n++) {
		if (n + 1 == max && text_left(p, ln.next, s.end)) {
			setting narrow = *st;
			double dots = p->adv[F_REGULAR][ELLIPSIS] * st->size / 1000.0;
			size_t mark = p->len, k;

			narrow.width -= dots;
			if (!next_line(p, pos, s.end, &narrow, &ln) ||
			    !reserve(p, ln.end - ln.start + 1))
				break;
			k = ln.end - ln.start;
			memcpy(p->chars + mark, p->chars + ln.start, k);
			memcpy(p->fonts + mark, p->fonts + ln.start, k);
			p->chars[mark + k] = ELLIPSIS;
			p->fonts[mark + k] = k > 0 ? p->fonts[mark + k - 1] % F_EXT : F_REGULAR;
			ln.start = mark;
			ln.end = ln.next = mark + k + 1;
			ln.width += p->adv[p->fonts[mark + k]][ELLIPSIS] * st->size / 1000.0;
			p->len = mark + k + 1;
			if (draw)
				draw_line(p, &ln, st, y);
			p->len = mark;
			return y - lead(p, st->size);
		}
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
	setting st = { p->small, p->left, p->right - p->left, LEFT, p->rgb_text, 0 };
	size_t mark = p->len;
	HPDF_Dict elem = p->elem, label = p->label;

	p->label = NULL;
	if (p->npages == 1 && p->logo != NULL) {
		double iw = p->t->logo_w ? p->t->logo_w : HPDF_Image_GetWidth(p->logo);
		double ih = p->t->logo_h ? p->t->logo_h : HPDF_Image_GetHeight(p->logo);
		double w = p->logo_width, h = iw > 0 ? w * ih / iw : w;

		if (h > LOGO_MAX_H) {
			w *= LOGO_MAX_H / h;
			h = LOGO_MAX_H;
		}
		mc_content *c = content(p);

		mc_tags_open(&p->tags, c, 0, NULL);
		/* libharu writes into the same stream: what is gathered first. */
		mc_content_flush(c);
		HPDF_Page_DrawImage(p->page, p->logo, p->left, top - h, w, h);
		mc_tags_close(c);
		low = top - h;
		st.x += p->logo_width + HEADER_GAP;
		st.width -= p->logo_width + HEADER_GAP;
	}
	/* A bounded height, whatever the names: the body keeps its room. */
	for (size_t i = 0, left = HEADER_LINES; i < doc->nheader && left > 0; i++) {
		double y0 = y;

		/* The first page's header says who writes: text (a paragraph
		 * each line); on the next pages, a running header (artifact). */
		p->elem = p->npages == 1 ? mc_tags_add(&p->tags,
		    mc_tags_document(&p->tags), "P") : NULL;
		y = set_text_max(p, prepare_str(p, doc->header[i], i == 0 ? F_BOLD : F_REGULAR),
		    &st, y, 1, left < HEADER_ENTRY_LINES ? left : HEADER_ENTRY_LINES);
		left -= (size_t)((y0 - y) / lead(p, st.size) + 0.5);
		p->len = mark;
	}
	p->elem = elem;
	p->label = label;
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

	if (p->npages >= MC_PDF_MAX_PAGES) {
		p->too_long = 1;
		p->failed = 1;
		return;
	}
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
	line ln = { 0 };

	for (size_t pos = s.start; next_line(p, pos, s.end, st, &ln); pos = ln.next) {
		need(p, h);
		/* No word cut from one page to the next. */
		if (ln.hyphen && p->y - 2 * h < p->bottom - 0.001) {
			setting whole = *st;

			whole.whole = 1;
			ln.hyphen = 0;
			next_line(p, pos, s.end, &whole, &ln);
		}
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
	int justify;            /* justified when the template says so */
} role_style;

static const role_style roles[] = {
	[MC_P_BODY] = { F_REGULAR, 0, 0, 0, 0.45, 1 },
	[MC_P_ACTIVITY] = { F_REGULAR, 0, 1, 1, 0.3, 1 },
	[MC_P_LABEL] = { F_BOLD, 1, 1, 0, 0.15, 0 },
	[MC_P_OBSERVATION] = { F_ITALIC, 0, 1, 0, 0.45, 1 },
	[MC_P_NOTE] = { F_REGULAR, 1, 0, 0, 0.45, 0 },
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
	setting st = { size, p->left, p->right - p->left, LEFT, p->rgb_text, 0 };

	if (indent) {
		st.x += HANG;
		st.width -= HANG;
	}
	return st;
}

static setting
role_setting(const mc_pdf *p, const role_style *r)
{
	setting st = text_setting(p, r->small ? p->small : p->size, r->indent);

	if (r->justify && p->justify)
		st.align = JUSTIFY;
	return st;
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
		double f = sum > 0 && tb->widths != NULL ?
		    (tb->widths[c] > 0 ? tb->widths[c] : 0) / sum :
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
	line ln = { 0 };

	mc_content *cs = content(p);

	mc_tags_open(&p->tags, cs, p->npages - 1, NULL);
	if (kind == ROW_HEAD) {
		mc_content_fill_colour(cs, p->rgb_shade);
		mc_content_rect(cs, p->left, top - h, p->right - p->left, h);
		mc_content_fill(cs);
	}
	mc_content_stroke_colour(cs, p->rgb_rule, RULE);
	for (size_t c = 0; c < tb->ncols; c++)
		mc_content_rect(cs, cells[c].x, top - h, cells[c].width, h);
	mc_content_stroke(cs);
	mc_tags_close(cs);
	if (kind == ROW_TOTAL)
		rule(p, p->left, p->right, top, RULE_HEAVY);
	for (size_t c = 0; c < tb->ncols; c++) {
		double y = top - PAD_Y;

		st.x = cells[c].x + PAD_X;
		st.width = cells[c].width - 2 * PAD_X;
		st.align = cells[c].align;
		p->elem = cells[c].elem;
		for (size_t k = 0; k < n && next_line(p, cells[c].pos,
		    cells[c].text.end, &st, &ln); k++) {
			draw_line(p, &ln, &st, y);
			y -= lead(p, p->size);
			cells[c].pos = ln.next;
		}
	}
	p->y = top - h;
	p->elem = NULL;
}

/* The structure of a row: a TR in the table, a TH or TD for each cell
 * (header cells scoped to their column, a label to its row). */
static void
tag_row(mc_pdf *p, HPDF_Dict table, const mc_table *tb, cell *cells, int kind)
{
	HPDF_Dict tr = mc_tags_add(&p->tags, table, "TR");

	for (size_t c = 0; c < tb->ncols; c++) {
		int th = kind == ROW_HEAD || (tb->head == NULL && c == 0);

		cells[c].elem = mc_tags_add(&p->tags, tr, th ? "TH" : "TD");
		if (th)
			mc_tags_scope(&p->tags, cells[c].elem, kind == ROW_HEAD ?
			    "Column" : "Row");
	}
}

/* The header row: in the structure the first time, an artifact when it is
 * drawn again at the top of a page. */
static void
draw_head(mc_pdf *p, const mc_table *tb)
{
	for (size_t c = 0; c < tb->ncols; c++) {
		p->cells[c].pos = p->cells[c].text.start;
		p->cells[c].elem = NULL;
	}
	if (!p->head_tagged)
		tag_row(p, p->table_elem, tb, p->cells, ROW_HEAD);
	p->head_tagged = 1;
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
	tag_row(p, p->table_elem, tb, row, kind);
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
	p->table_elem = mc_tags_add(&p->tags, mc_tags_document(&p->tags), "Table");
	p->head_tagged = 0;
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

/* One row of signers (three at most), from y: each with label, name, mark
 * and room to sign, each text in at most SIGN_LINES lines. Draws it, or only
 * measures it when draw is 0; returns the y under it. */
static double
sign_row(mc_pdf *p, const mc_signatures *sg, size_t i, double y, int draw)
{
	size_t k = sg->nsigners - i < SIGNERS_PER_ROW ? sg->nsigners - i :
	    SIGNERS_PER_ROW;
	double low = y, w = p->right - p->left;
	setting st = text_setting(p, p->size, 0);
	size_t mark = p->len;

	for (size_t j = 0; j < k; j++) {
		const mc_signer *s = &sg->signers[i + j];
		/* Each signer a Div of paragraphs: quality, name, mark. */
		HPDF_Dict who = draw ? mc_tags_add(&p->tags, p->signs, "Div") : NULL;
		double cy = y;

		st.x = p->left + (double)j * w / (double)k;
		st.width = w / (double)k - GUTTER;
		p->elem = mc_tags_add(&p->tags, who, "P");
		cy = set_text_max(p, prepare_str(p, s->label, F_BOLD), &st, cy, draw,
		    SIGN_LINES);
		p->elem = mc_tags_add(&p->tags, who, "P");
		cy = set_text_max(p, prepare_str(p, s->name, F_REGULAR), &st, cy, draw,
		    SIGN_LINES);
		p->elem = mc_tags_add(&p->tags, who, "P");
		cy = set_text_max(p, prepare_str(p, sg->mark, F_ITALIC), &st, cy, draw,
		    SIGN_LINES);
		if (cy < low)
			low = cy;
		p->len = mark;
	}
	return low - SIGN_ROOM;
}

/* The place and date line, from y; returns the y under it. */
static double
sign_place(mc_pdf *p, const mc_signatures *sg, double y, int draw)
{
	setting st = text_setting(p, p->size, 0);
	size_t mark = p->len;

	if (sg->place_date == NULL)
		return y;
	p->elem = draw ? mc_tags_add(&p->tags, p->signs, "P") : NULL;
	y = set_text_max(p, prepare_str(p, sg->place_date, F_REGULAR), &st, y, draw,
	    SIGN_LINES);
	p->len = mark;
	return y - 0.8 * lead(p, p->size);
}

/* The height of the whole signature block. */
static double
sign_block(mc_pdf *p, const mc_signatures *sg)
{
	double y = sign_place(p, sg, p->y, 0);

	for (size_t i = 0; i < sg->nsigners; i += SIGNERS_PER_ROW)
		y = sign_row(p, sg, i, y, 0);
	return p->y - y;
}

/* Never split when it fits on a page: the whole block goes to the next page
 * when it does not fit here. A block taller than a page (many signers) goes
 * on from row to row. */
static void
signatures(mc_pdf *p, const mc_signatures *sg)
{
	double h;

	space(p, lead(p, p->size));
	h = sign_block(p, sg);
	need(p, h);
	p->signs = mc_tags_add(&p->tags, mc_tags_document(&p->tags), "Div");
	p->y = sign_place(p, sg, p->y, 1);
	for (size_t i = 0; i < sg->nsigners && !p->failed; i += SIGNERS_PER_ROW) {
		need(p, p->y - sign_row(p, sg, i, p->y, 0));
		p->y = sign_row(p, sg, i, p->y, 1);
	}
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
		h = lead(p, p->size) + sign_block(p, &b->signatures);
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
	/* The letter's title is the H1: sections are H2, as in the HTML. */
	p->elem = mc_tags_add(&p->tags, mc_tags_document(&p->tags),
	    b->level <= 1 ? "H2" : "H3");
	flow(p, prepare(p, &b->text, F_BOLD), &st, NULL, 0);
	space(p, 0.3 * lead(p, p->size));
}

/* The structure of a paragraph. The activities asked for make one list
 * (L), each an item (LI) with its bullet (Lbl) and a body (LBody) that
 * holds the activity and the label and observations under it. */
static void
tag_paragraph(mc_pdf *p, mc_para_role role)
{
	HPDF_Dict doc = mc_tags_document(&p->tags);

	if (role == MC_P_ACTIVITY) {
		HPDF_Dict li;

		if (p->items == NULL)
			p->items = mc_tags_add(&p->tags, doc, "L");
		li = mc_tags_add(&p->tags, p->items, "LI");
		p->label = mc_tags_add(&p->tags, li, "Lbl");
		p->item_body = mc_tags_add(&p->tags, li, "LBody");
		p->elem = mc_tags_add(&p->tags, p->item_body, "P");
	} else if ((role == MC_P_LABEL || role == MC_P_OBSERVATION) &&
	    p->item_body != NULL) {
		p->elem = mc_tags_add(&p->tags, p->item_body, "P");
	} else {
		p->items = p->item_body = NULL;
		p->elem = mc_tags_add(&p->tags, doc, "P");
	}
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
	tag_paragraph(p, b->role);
	flow(p, s, &st, r->bullet ? BULLET : NULL, p->left + BULLET_AT);
	space(p, r->after * lead(p, p->size));
}

/* Bulleted items, the text hanging after the bullet. */
static void
list(mc_pdf *p, const mc_block *b)
{
	setting st = text_setting(p, p->size, 1);
	HPDF_Dict l = mc_tags_add(&p->tags, mc_tags_document(&p->tags), "L");

	if (p->justify)
		st.align = JUSTIFY;

	for (size_t i = 0; i < b->nitems; i++) {
		size_t mark = p->len;
		HPDF_Dict li = mc_tags_add(&p->tags, l, "LI");

		p->label = mc_tags_add(&p->tags, li, "Lbl");
		p->elem = mc_tags_add(&p->tags, li, "LBody");
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

	/* Any block but a paragraph ends the list of activities. */
	if (b->kind != MC_B_PARAGRAPH)
		p->items = p->item_body = NULL;
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
	p->elem = mc_tags_add(&p->tags, mc_tags_document(&p->tags), "H1");
	flow(p, prepare_str(p, doc->title, F_BOLD), &st, NULL, 0);
	st.rgb = p->rgb_text;
	st.size = p->heading_size;
	if (doc->subtitle != NULL) {
		space(p, 0.3 * lead(p, p->size));
		p->elem = mc_tags_add(&p->tags, mc_tags_document(&p->tags), "P");
		flow(p, prepare_str(p, doc->subtitle, F_REGULAR), &st, NULL, 0);
	}
	st.size = p->size;
	p->elem = mc_tags_add(&p->tags, mc_tags_document(&p->tags), "P");
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
	p->elem = p->label = NULL;      /* running footers: artifacts */
	if (p->doc->page_label == NULL || *p->doc->page_label == '\0')
		return;
	for (size_t i = 0; i < p->npages; i++) {
		page_label(buf, sizeof(buf), p->doc->page_label, i + 1, p->npages);
		p->page = p->pages[i];
		set_text_max(p, prepare_str(p, buf, F_REGULAR), &st,
		    (p->bottom + lead(p, p->small)) / 2, 1, 1);
		p->len = 0;
	}
}

/* The document */

/* An Info string, in UTF-16 with a byte order mark (every reader takes it,
 * and it holds any name: libharu would go through the Windows-1252
 * encoder). Written as a hex string: libharu's strings stop at a NUL. */
static void
info(mc_pdf *p, HPDF_InfoType type, const char *key, const char *utf8)
{
	HPDF_BYTE buf[4 * META_BYTES];
	HPDF_UINT n = 2;
	HPDF_Binary bin;

	if (utf8 == NULL || *utf8 == '\0')
		return;
	buf[0] = 0xFE;
	buf[1] = 0xFF;
	while (*utf8 != '\0' && n + 4 <= sizeof(buf)) {
		uint32_t cp;

		utf8 += mc_utf8_decode(utf8, &cp);
		if (cp > 0xFFFF) {
			cp -= 0x10000;
			buf[n++] = (HPDF_BYTE)(0xD8 | (cp >> 18));
			buf[n++] = (HPDF_BYTE)(cp >> 10);
			cp = 0xDC00 | (cp & 0x3FF);
		}
		buf[n++] = (HPDF_BYTE)(cp >> 8);
		buf[n++] = (HPDF_BYTE)cp;
	}
	/* libharu makes the Info dictionary; the value is then replaced. */
	if (HPDF_SetInfoAttr(p->pdf, type, "-") != HPDF_OK || p->pdf->info == NULL)
		return;
	bin = HPDF_Binary_New(p->pdf->mmgr, buf, n);
	if (bin != NULL)
		HPDF_Dict_Add(p->pdf->info, key, bin);
}

/* A metadata text clipped to META_CHARS characters, « … » ending what is
 * cut: the Info dictionary and the XMP get the same. */
static const char *
clip(char *buf, const char *utf8)
{
	size_t n = 0, chars = 0;

	buf[0] = '\0';
	if (utf8 == NULL)
		return NULL;
	while (utf8[n] != '\0' && chars < META_CHARS) {
		uint32_t cp;

		n += mc_utf8_decode(utf8 + n, &cp);
		chars++;
	}
	memcpy(buf, utf8, n);
	if (utf8[n] != '\0') {
		memcpy(buf + n, "\xe2\x80\xa6", 3);
		n += 3;
	}
	buf[n] = '\0';
	return buf;
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

/* The glyphs the regular font embeds in every letter, beyond those the
 * letter shows: the French alphabet. Its subset then depends on the
 * letter's text but not on the names in it — in the 40 000-row bench, the
 * names made 31 758 different subsets for 39 240 letters, each made and
 * deflated anew (pdf_deflate.c); with these, a handful in a whole batch,
 * made once (~0.1 ms a letter). The cost, ~1.3 KB a letter, is less than
 * what pdf_content.c saved; more glyphs (digits and punctuation, which the
 * models' texts have anyway) cost more than they gained. The subset stays
 * a function of the letter alone: the same bytes in a batch, at -j N, and
 * from `produire`. */
static const char16_t common_glyphs[] =
    u"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
    u"àâäçéèêëîïôöùûüÿæœÀÂÄÇÉÈÊËÎÏÔÖÙÛÜŸÆŒ";

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
	p->cs = (mc_content){ 0 };
	p->elem = p->label = p->items = p->item_body = NULL;
	p->table_elem = p->signs = NULL;
	if (HPDF_NewDoc(p->pdf) != HPDF_OK || mc_tags_begin(&p->tags, p->pdf) != 0)
		return -1;
	HPDF_SetCompressionMode(p->pdf, HPDF_COMP_ALL);
	HPDF_SetCurrentEncoder(p->pdf, "WinAnsiEncoding");
	for (int f = 0; f < F_EXT; f++)
		p->font[f] = HPDF_GetFont(p->pdf, p->font_name[f], "WinAnsiEncoding");
	for (int f = F_EXT; f < F__COUNT; f++)
		p->font[f] = NULL;
	mc_pdf_mark_glyphs(p->font[F_REGULAR], (const uint16_t *)common_glyphs,
	    sizeof(common_glyphs) / sizeof(common_glyphs[0]) - 1);
	memset(p->used, 0, sizeof(p->used));
	p->logo = load_logo(p);
	info(p, HPDF_INFO_TITLE, "Title", clip(p->meta[0], doc->meta_title));
	info(p, HPDF_INFO_AUTHOR, "Author", clip(p->meta[1], doc->meta_author));
	info(p, HPDF_INFO_SUBJECT, "Subject", clip(p->meta[2], doc->meta_subject));
	info(p, HPDF_INFO_CREATOR, "Creator", clip(p->meta[3],
	    doc->meta_creator != NULL ? doc->meta_creator : "missionc"));
	dates(p, epoch);
	return p->error == 0 ? 0 : -1;
}

/* libharu's writes while saving, straight into the output buffer. */
static HPDF_STATUS
write_out(HPDF_Stream stream, const HPDF_BYTE *bytes, HPDF_UINT n)
{
	mc_buffer *out = stream->attr;

	mc_buffer_put(out, (const char *)bytes, n);
	return out->failed ? HPDF_FAILD_TO_ALLOC_MEM : HPDF_OK;
}

/* The saved document, appended to out. libharu saves into the document's
 * stream, a memory stream unless it has one already: given a writer into
 * out, it neither copies the file into its memory stream byte by byte nor
 * out of it again (a twentieth of a batch letter). Without the writer, its
 * memory stream, read back. */
static int
save(mc_pdf *p, mc_buffer *out)
{
	HPDF_BYTE chunk[8192];
	HPDF_UINT32 left;

	if (mc_deflate_doc(p->deflate, p->pdf) != HPDF_OK)
		return -1;
	/* Freed with the document (HPDF_FreeDoc). */
	if (p->pdf->stream == NULL)
		p->pdf->stream = HPDF_CallbackWriter_New(p->pdf->mmgr, write_out, out);
	if (HPDF_SaveToStream(p->pdf) != HPDF_OK)
		return -1;
	if (p->pdf->stream->type == HPDF_STREAM_CALLBACK)
		return p->error == 0 && !out->failed ? 0 : -1;
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
	size_t before = out->len;
	mc_pdfa_meta meta = { p->meta[0], p->meta[1], p->meta[2], p->meta[3], epoch };

	p->too_long = 0;
	p->block = doc->nblocks;
	if (begin(p, doc, epoch) == 0) {
		new_page(p);
		if (!p->failed)
			title(p, doc);
		for (size_t i = 0; i < doc->nblocks && p->error == 0 && !p->failed; i++) {
			p->block = i;
			block(p, &doc->blocks[i],
			    i + 1 < doc->nblocks ? &doc->blocks[i + 1] : NULL);
		}
		if (!p->failed)
			p->block = doc->nblocks;
		if (p->error == 0 && !p->failed) {
			footers(p);
			mc_content_flush(&p->cs);
			if (p->cs.failed)
				p->failed = 1;
			if (mc_tags_finish(&p->tags) != 0)
				p->failed = 1;
			/* Each extended font maps back the codes the letter used. */
			for (int f = F_EXT; f < F__COUNT; f++)
				if (p->font[f] != NULL && mc_pdf_add_tounicode(p->pdf,
				    p->font[f], p->used[f - F_EXT]) != HPDF_OK)
					p->failed = 1;
			if (!p->failed && mc_pdfa_prepare(p->pdf, &meta, &p->icc) != HPDF_OK)
				p->failed = 1;
			if (!p->failed && (status = save(p, out)) == 0)
				mc_pdfa_set_id(out, before);
		}
		if (status == 0 && out->len - before > MC_PDF_MAX_BYTES) {
			out->len = before;
			p->too_long = 1;
		}
	}
	/* This letter's objects go now, the fonts stay; an error of this letter
	 * does not stick to the next. */
	HPDF_FreeDoc(p->pdf);
	HPDF_ResetError(p->pdf);
	p->error = 0;
	p->doc = NULL;
	return p->too_long ? MC_PDF_TOO_LONG : status;
}

size_t
mc_pdf_stopped_at(const mc_pdf *p)
{
	return p->block;
}
