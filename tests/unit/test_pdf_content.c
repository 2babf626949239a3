/* test_pdf_content.c — the content writer (pdf_content.c): the exact
 * operators it writes (numbers, escapes, state written only when it
 * changes, forgotten at a page switch), libharu's bounds on a font size
 * reported as libharu reports them, and the codes shown learnt by libharu
 * exactly as HPDF_Page_ShowText learns them (the same glyphs in the subset,
 * the same widths). Run from the repository root (fonts in build/polices:
 * run « make »). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <hpdf.h>
#include <hpdf_font.h>
#include <hpdf_fontdef.h>
#include <hpdf_pages.h>

#include "pdf_content.h"

#define FONT "build/polices/LiberationSans-Regular.ttf"

static HPDF_STATUS last_error;

static void
on_error(HPDF_STATUS error, HPDF_STATUS detail, void *data)
{
	(void)detail;
	(void)data;
	last_error = error;
}

typedef struct fixture {
	HPDF_Doc pdf;
	HPDF_Page page[2];
	HPDF_Font font;
} fixture;

static void
setup(fixture *f)
{
	const char *name;

	f->pdf = HPDF_New(on_error, NULL);
	assert_non_null(f->pdf);
	HPDF_SetCompressionMode(f->pdf, HPDF_COMP_NONE);
	name = HPDF_LoadTTFontFromFile(f->pdf, FONT, HPDF_TRUE);
	assert_non_null(name);
	f->font = HPDF_GetFont(f->pdf, name, "WinAnsiEncoding");
	assert_non_null(f->font);
	f->page[0] = HPDF_AddPage(f->pdf);
	f->page[1] = HPDF_AddPage(f->pdf);
	last_error = 0;
}

/* The page's content stream, as a string (freed by the caller). */
static char *
content_of(HPDF_Page page)
{
	HPDF_Stream s = ((HPDF_PageAttr)page->attr)->stream;
	HPDF_UINT n = HPDF_MemStream_GetBufCount(s);
	char *text = calloc(1, s->size + 1);
	size_t at = 0;

	assert_non_null(text);
	for (HPDF_UINT i = 0; i < n; i++) {
		HPDF_UINT k = 0;
		const HPDF_BYTE *p = HPDF_MemStream_GetBufPtr(s, i, &k);

		memcpy(text + at, p, k);
		at += k;
	}
	return text;
}

static void
operators(void **state)
{
	fixture f;
	mc_content c = { 0 };
	char *got;
	const char *want =
	    "BT\n62.36221 799.898 Td\n/F1 10 Tf\n0 Tw\n(a\\(b\\)\\\\c\\015\351) Tj\n"
	    "(x) Tj\nET\n"
	    "BT\n0 -0.5 Td\n0.12345 Tw\n/F1 8.5 Tf\n(y) Tj\nET\n"
	    "0.0706 0.2039 0.3373 rg\n0 0 0 RG\n0.5 w\n"
	    "-1.5 0 1234567.891 -0.001 re\nf\n10 20 m\n30 20 l\nS\n"
	    "1 0 0 RG\nEMC\n";

	(void)state;
	setup(&f);
	mc_content_page(&c, f.page[0]);
	mc_content_begin_text(&c, 62.362205, 799.898);
	mc_content_font(&c, f.font, 10);
	mc_content_word_space(&c, 0);
	mc_content_show(&c, (const unsigned char *)"a(b)\\c\r\xE9", 8);
	mc_content_font(&c, f.font, 10);        /* unchanged: nothing */
	mc_content_word_space(&c, 0);
	mc_content_show(&c, (const unsigned char *)"x", 1);
	mc_content_end_text(&c);
	mc_content_begin_text(&c, -0.0000001, -0.5);
	mc_content_word_space(&c, 0.123454);
	mc_content_font(&c, f.font, 8.5);
	mc_content_show(&c, (const unsigned char *)"y", 1);
	mc_content_show(&c, (const unsigned char *)"", 0);
	mc_content_end_text(&c);
	mc_content_fill_colour(&c, 0x123456);
	mc_content_fill_colour(&c, 0x123456);
	mc_content_stroke_colour(&c, 0, 0.5);
	mc_content_stroke_colour(&c, 0, 0.5);
	mc_content_rect(&c, -1.5, 0.0004, 1234567.891, -0.0006);
	mc_content_fill(&c);
	mc_content_line(&c, 10, 20, 30, 20);
	mc_content_stroke(&c);
	mc_content_stroke_colour(&c, 0xFF0000, 0.5);
	mc_content_raw(&c, "EMC\n");
	/* Nothing reaches the page before a flush. */
	got = content_of(f.page[0]);
	assert_string_equal(got, "");
	free(got);
	mc_content_flush(&c);
	got = content_of(f.page[0]);
	assert_string_equal(got, want);
	free(got);
	assert_int_equal(c.failed, 0);
	assert_int_equal(last_error, 0);
	HPDF_Free(f.pdf);
}

/* A page switch forgets the state: the next page, and the first one again
 * (footers are drawn last), get their font and colours anew. */
/* A string longer than the gathering buffer, every kind of byte in it and
 * escapes across each piece's end: the same bytes as escaped one by one. */
static void
long_string(void **state)
{
	fixture f;
	mc_content c = { 0 };
	unsigned char text[1000];
	char want[4 * sizeof(text) + 32], *w = want, *got;

	(void)state;
	for (size_t i = 0; i < sizeof(text); i++)
		text[i] = (unsigned char)(i % 7 == 0 ? '(' : i % 11 == 0 ? 0x01 :
		    i % 13 == 0 ? '\\' : i % 17 == 0 ? 0x7F : 0x20 + i % 200);
	w += sprintf(w, "(");
	for (size_t i = 0; i < sizeof(text); i++) {
		unsigned char b = text[i];

		if (b == '(' || b == ')' || b == '\\')
			w += sprintf(w, "\\%c", b);
		else if (b < 0x20 || b == 0x7F)
			w += sprintf(w, "\\%03o", b);
		else
			*w++ = (char)b;
	}
	sprintf(w, ") Tj\n");
	setup(&f);
	mc_content_page(&c, f.page[0]);
	mc_content_font(&c, f.font, 10);
	mc_content_flush(&c);
	free(content_of(f.page[0]));
	mc_content_show(&c, text, sizeof(text));
	mc_content_flush(&c);
	got = content_of(f.page[0]);
	assert_non_null(strstr(got, want));
	assert_int_equal(strlen(strstr(got, want)), strlen(want));
	free(got);
	assert_int_equal(c.failed, 0);
	HPDF_Free(f.pdf);
}

static void
page_switch(void **state)
{
	fixture f;
	mc_content c = { 0 };
	char *a, *b;

	(void)state;
	setup(&f);
	mc_content_page(&c, f.page[0]);
	mc_content_fill_colour(&c, 0xFF);
	mc_content_begin_text(&c, 1, 2);
	mc_content_font(&c, f.font, 12);
	mc_content_end_text(&c);
	mc_content_page(&c, f.page[1]);
	mc_content_fill_colour(&c, 0xFF);
	mc_content_begin_text(&c, 1, 2);
	mc_content_font(&c, f.font, 12);
	mc_content_end_text(&c);
	mc_content_page(&c, f.page[0]);
	mc_content_fill_colour(&c, 0xFF);
	mc_content_page(&c, NULL);
	a = content_of(f.page[0]);
	b = content_of(f.page[1]);
	assert_string_equal(a, "0 0 1 rg\nBT\n1 2 Td\n/F1 12 Tf\nET\n0 0 1 rg\n");
	assert_string_equal(b, "0 0 1 rg\nBT\n1 2 Td\n/F1 12 Tf\nET\n");
	free(a);
	free(b);
	/* Both pages have the font in their resources. */
	mc_content_page(&c, f.page[1]);
	assert_non_null(HPDF_Page_GetLocalFontName(f.page[1], f.font));
	HPDF_Free(f.pdf);
}

/* A size libharu refuses is refused with libharu's error. */
static void
font_size_bounds(void **state)
{
	fixture f;
	mc_content c = { 0 };

	(void)state;
	setup(&f);
	mc_content_page(&c, f.page[0]);
	mc_content_font(&c, f.font, 601);
	assert_int_equal(c.failed, 1);
	assert_int_equal(last_error, HPDF_PAGE_INVALID_FONT_SIZE);
	c.failed = 0;
	last_error = 0;
	mc_content_font(&c, f.font, 0);
	assert_int_equal(c.failed, 1);
	assert_int_equal(last_error, HPDF_PAGE_INVALID_FONT_SIZE);
	HPDF_Free(f.pdf);
}

/* The glyphs and widths libharu learns from a text: through the writer
 * and through HPDF_Page_ShowText, the same. */
static void
codes_learnt(void **state)
{
	static const char *const texts[] = {
		"Zo\xEB Ma\xEBlle \x8C" "dipe, \x93\xA0\xBB \x80 12,50", "\x85\x95\x96", "(\\)"
	};
	fixture ours, theirs;
	mc_content c = { 0 };

	(void)state;
	setup(&ours);
	setup(&theirs);
	mc_content_page(&c, ours.page[0]);
	mc_content_begin_text(&c, 0, 0);
	mc_content_font(&c, ours.font, 10);
	HPDF_Page_BeginText(theirs.page[0]);
	HPDF_Page_SetFontAndSize(theirs.page[0], theirs.font, 10);
	for (size_t i = 0; i < sizeof(texts) / sizeof(texts[0]); i++) {
		mc_content_show(&c, (const unsigned char *)texts[i], strlen(texts[i]));
		HPDF_Page_ShowText(theirs.page[0], texts[i]);
	}
	mc_content_end_text(&c);
	HPDF_Page_EndText(theirs.page[0]);
	{
		HPDF_FontAttr a = ours.font->attr, b = theirs.font->attr;
		HPDF_TTFontDefAttr ta = a->fontdef->attr, tb = b->fontdef->attr;
		int glyphs = 0;

		assert_memory_equal(a->used, b->used, 256);
		assert_memory_equal(a->widths, b->widths, 256 * sizeof(*a->widths));
		assert_int_equal(ta->num_glyphs, tb->num_glyphs);
		assert_memory_equal(ta->glyph_tbl.flgs, tb->glyph_tbl.flgs, ta->num_glyphs);
		for (unsigned g = 0; g < ta->num_glyphs; g++)
			glyphs += ta->glyph_tbl.flgs[g];
		assert_true(glyphs > 20);       /* the test sees something */
	}
	HPDF_Free(ours.pdf);
	HPDF_Free(theirs.pdf);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(operators),
		cmocka_unit_test(long_string),
		cmocka_unit_test(page_switch),
		cmocka_unit_test(font_size_bounds),
		cmocka_unit_test(codes_learnt),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
