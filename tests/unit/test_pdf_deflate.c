/* test_pdf_deflate.c — streams deflated by pdf_deflate.c against libharu's
 * own path: every letter of examples/ and tests/rendu/ that renders,
 * rendered both ways, the same objects in the same order and every stream
 * inflating to the same bytes, the files no larger; a font subset taken
 * from the cache gives the bytes it gave when made; a renderer without
 * pdf_deflate (NULL) is libharu's path; a document without compression is
 * left alone. Run from the repository root (fonts in build/polices: run
 * « make »). */
#define _GNU_SOURCE             /* memmem */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <glob.h>
#include <cmocka.h>
#include <libdeflate.h>

#include "compile.h"
#include "missionc.h"
#include "pdf_deflate.h"
#include "pdf_font.h"
#include "render.h"

#define EPOCH 1758000000

/* A PDF taken apart: its bytes outside stream data (with the values of the
 * streams' /Length objects, the cross-reference offsets and the trailer's
 * /ID blanked: they follow the deflated bytes), and each stream's data
 * inflated. */
typedef struct parsed {
	mc_buffer skel, streams;
	int nstreams;
} parsed;

static long
number_after(const char *s, const char *end)
{
	long v = 0;

	while (s < end && *s >= '0' && *s <= '9')
		v = v * 10 + (*s++ - '0');
	return v;
}

/* The value of « K 0 obj\nV\nendobj ». */
static long
length_object(const char *pdf, size_t n, long k, const char **at)
{
	char head[32];
	const char *p;
	int hl = snprintf(head, sizeof(head), "\n%ld 0 obj\n", k);

	p = memmem(pdf, n, head, (size_t)hl);
	assert_non_null(p);
	*at = p + hl;
	return number_after(*at, pdf + n);
}

static void
inflate_into(mc_buffer *out, const char *data, size_t len)
{
	struct libdeflate_decompressor *dc = libdeflate_alloc_decompressor();
	size_t cap = 1 << 16, got = 0;
	char *buf = NULL;
	enum libdeflate_result r;

	assert_non_null(dc);
	do {
		cap *= 2;
		buf = realloc(buf, cap);
		assert_non_null(buf);
		r = libdeflate_zlib_decompress(dc, data, len, buf, cap, &got);
	} while (r == LIBDEFLATE_INSUFFICIENT_SPACE && cap < (1u << 26));
	assert_int_equal(r, LIBDEFLATE_SUCCESS);
	mc_buffer_printf(out, "[%zu]", got);
	mc_buffer_put(out, buf, got);
	free(buf);
	libdeflate_free_decompressor(dc);
}

static void
parse(const mc_buffer *pdf, parsed *ps)
{
	const char *b = pdf->data, *end = pdf->data + pdf->len, *pos = b;
	const char *xref;

	mc_buffer_init(&ps->skel);
	mc_buffer_init(&ps->streams);
	ps->nstreams = 0;
	for (;;) {
		const char *s = memmem(pos, (size_t)(end - pos), "stream\r\n", 8), *l, *at;
		long k, len;

		if (s == NULL)
			break;
		/* The dictionary's « /Length K 0 R », the last before the data. */
		for (l = s; l > pos && memcmp(l, "/Length ", 8) != 0; l--)
			;
		assert_true(l > pos);
		k = number_after(l + 8, s);
		len = length_object(b, pdf->len, k, &at);
		assert_true(len > 0 && s + 8 + len <= end);
		mc_buffer_put(&ps->skel, pos, (size_t)(s + 8 - pos));
		if (memmem(pos, (size_t)(s - pos), "/FlateDecode", 12) != NULL)
			inflate_into(&ps->streams, s + 8, (size_t)len);
		else
			mc_buffer_put(&ps->streams, s + 8, (size_t)len);
		ps->nstreams++;
		pos = s + 8 + len;
	}
	/* Up to the cross-reference table, then the trailer. */
	xref = memmem(pos, (size_t)(end - pos), "\nxref\n", 6);
	assert_non_null(xref);
	mc_buffer_put(&ps->skel, pos, (size_t)(xref - pos));
	pos = memmem(xref, (size_t)(end - xref), "trailer", 7);
	assert_non_null(pos);
	xref = memmem(pos, (size_t)(end - pos), "startxref", 9);
	assert_non_null(xref);
	mc_buffer_put(&ps->skel, pos, (size_t)(xref - pos));
	/* The /ID, a hash of the file's bytes (PDF/A), blanked. */
	for (char *p = ps->skel.data; (p = memmem(p, ps->skel.len - (size_t)(p - ps->skel.data),
	    "/ID [", 5)) != NULL; p += 5)
		for (char *q = p + 5; q < ps->skel.data + ps->skel.len && *q != ']'; q++)
			if (*q != '<' && *q != '>' && *q != ' ')
				*q = '#';
	/* The /Length objects' values, each one « # » whatever its digits: a
	 * stream 993 bytes long one way and 1 001 the other is the same PDF. */
	{
		char *w = ps->skel.data, *stop = ps->skel.data + ps->skel.len;

		for (char *p = ps->skel.data; p < stop;) {
			if ((size_t)(stop - p) > 7 && memcmp(p, " 0 obj\n", 7) == 0 &&
			    p[7] >= '0' && p[7] <= '9') {
				memmove(w, p, 7);
				w += 7;
				p += 7;
				while (p < stop && *p >= '0' && *p <= '9')
					p++;
				*w++ = '#';   /* p has passed the digits: w stays behind */
			} else {
				*w++ = *p++;
			}
		}
		ps->skel.len = (size_t)(w - ps->skel.data);
	}
}

static void
parsed_free(parsed *ps)
{
	mc_buffer_free(&ps->skel);
	mc_buffer_free(&ps->streams);
}

/* The two files are the same PDF deflated two ways. */
static void
assert_equivalent(const mc_buffer *ours, const mc_buffer *libharu)
{
	parsed a, b;

	parse(ours, &a);
	parse(libharu, &b);
	assert_true(a.nstreams > 0);
	assert_int_equal(a.nstreams, b.nstreams);
	assert_int_equal(a.skel.len, b.skel.len);
	assert_memory_equal(a.skel.data, b.skel.data, a.skel.len);
	assert_int_equal(a.streams.len, b.streams.len);
	assert_memory_equal(a.streams.data, b.streams.data, a.streams.len);
	parsed_free(&a);
	parsed_free(&b);
}

static char *
slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	long n;

	assert_non_null(f);
	assert_int_equal(fseek(f, 0, SEEK_END), 0);
	n = ftell(f);
	rewind(f);
	buf = malloc((size_t)n + 1);
	assert_non_null(buf);
	assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
	fclose(f);
	*len = (size_t)n;
	return buf;
}

/* Renders a letter into out; 0, or -1 when it is not conforming or does not
 * render (some of tests/rendu/ are made to fail). */
static int
render(mc_stdlib *lib, const mc_template *t, mc_pdf *p, const char *path, mc_buffer *out)
{
	size_t len;
	char *text = slurp(path, &len);
	mc_result *res = mc_check(lib, path, text, len);
	const mc_document *doc = NULL;
	int status = -1;

	assert_non_null(res);
	mc_buffer_init(out);
	if (mc_result_worst(res) != MC_ERROR && (doc = mc_result_document(res, t)) != NULL)
		status = mc_render_pdf(p, doc, EPOCH, out);
	mc_result_free(res);
	free(text);
	return status;
}

/* Every example and every letter of tests/rendu/ that renders, twice over
 * (the second time its font subsets come from the cache), both ways:
 * equivalent, the same bytes from the cache as when made, and no larger in
 * all. */
static void
examples_both_ways(void **state)
{
	mc_stdlib *lib = mc_stdlib_open("stdlib");
	mc_template *t = mc_template_open("templates/defaut", "build/polices");
	mc_pdf *ours, *libharu;
	glob_t g;
	size_t bytes_ours = 0, bytes_libharu = 0, rendered = 0;
	const char *prev = NULL;

	(void)state;
	assert_non_null(lib);
	assert_non_null(t);
	assert_int_equal(glob("examples/*.mission", 0, NULL, &g), 0);
	assert_int_equal(glob("tests/rendu/*.mission", GLOB_APPEND, NULL, &g), 0);
	ours = mc_pdf_new(t, NULL);
	libharu = mc_pdf_new(t, NULL);
	assert_non_null(ours);
	assert_non_null(libharu);
	mc_pdf_own_deflate(libharu, 0);
	for (size_t i = 0; i < g.gl_pathc; i++) {
		mc_buffer a, a2, b;
		int status = render(lib, t, ours, g.gl_pathv[i], &a);

		assert_int_equal(render(lib, t, libharu, g.gl_pathv[i], &b), status);
		if (status == 0) {
			assert_equivalent(&a, &b);
			bytes_ours += a.len;
			bytes_libharu += b.len;
			rendered++;
		}
		mc_buffer_free(&b);
		/* Once more after another: from the cache, the same bytes. */
		if (status == 0 && prev != NULL) {
			assert_int_equal(render(lib, t, ours, prev, &a2), 0);
			assert_int_equal(render(lib, t, ours, g.gl_pathv[i], &b), 0);
			assert_int_equal(a.len, b.len);
			assert_memory_equal(a.data, b.data, a.len);
			mc_buffer_free(&a2);
			mc_buffer_free(&b);
		}
		if (status == 0)
			prev = g.gl_pathv[i];
		mc_buffer_free(&a);
	}
	assert_true(rendered >= 10);
	assert_true(bytes_ours <= bytes_libharu);
	globfree(&g);
	mc_pdf_free(ours);
	mc_pdf_free(libharu);
	mc_template_close(t);
	mc_stdlib_close(lib);
}

/* A bare libharu handle with the three fonts loaded, as render_pdf.c has
 * one, and documents on it with `text` in each font. */
typedef struct handle {
	HPDF_Doc pdf;
	const char *font[3];
} handle;

static void
open_handle(handle *h)
{
	static const char *const files[] = {
		"build/polices/LiberationSans-Regular.ttf",
		"build/polices/LiberationSans-Bold.ttf",
		"build/polices/LiberationSans-Italic.ttf",
	};

	h->pdf = HPDF_New(NULL, NULL);
	assert_non_null(h->pdf);
	for (int i = 0; i < 3; i++)
		assert_non_null(h->font[i] = mc_pdf_load_ttf(h->pdf, files[i]));
}

static void
bare(handle *h, const char *text, HPDF_UINT mode)
{
	HPDF_Page page;

	assert_int_equal(HPDF_NewDoc(h->pdf), HPDF_OK);
	HPDF_SetCompressionMode(h->pdf, mode);
	page = HPDF_AddPage(h->pdf);
	HPDF_Page_BeginText(page);
	for (int i = 0; i < 3; i++) {
		HPDF_Page_SetFontAndSize(page, HPDF_GetFont(h->pdf, h->font[i],
		    "WinAnsiEncoding"), 10);
		HPDF_Page_MoveTextPos(page, 50, 700 - 20 * i);
		HPDF_Page_ShowText(page, text);
	}
	HPDF_Page_EndText(page);
}

static void
save(handle *h, mc_deflate *d, mc_buffer *out)
{
	HPDF_UINT32 n;
	char *buf;

	assert_int_equal(mc_deflate_doc(d, h->pdf), HPDF_OK);
	assert_int_equal(HPDF_SaveToStream(h->pdf), HPDF_OK);
	n = HPDF_GetStreamSize(h->pdf);
	buf = malloc(n);
	assert_non_null(buf);
	assert_int_equal(HPDF_ReadFromStream(h->pdf, (HPDF_BYTE *)buf, &n), HPDF_OK);
	mc_buffer_init(out);
	mc_buffer_put(out, buf, n);
	free(buf);
	HPDF_FreeDoc(h->pdf);
}

/* The cache's counts: three fonts made, then taken, then a new subset of
 * each made again; a NULL mc_deflate is libharu's path; without
 * compression, nothing is touched. */
static void
cache_and_fallback(void **state)
{
	mc_deflate *d = mc_deflate_new();
	mc_buffer a, b, c, plain_ours, plain_libharu;
	mc_deflate_stats st;
	handle h;

	(void)state;
	assert_non_null(d);
	open_handle(&h);
	bare(&h, "Lettre de mission", HPDF_COMP_ALL);
	save(&h, d, &a);
	st = mc_deflate_get_stats(d);
	assert_int_equal(st.font_misses, 3);
	assert_int_equal(st.font_hits, 0);
	assert_int_equal(st.streams, 4);
	bare(&h, "Lettre de mission", HPDF_COMP_ALL);
	save(&h, d, &b);
	st = mc_deflate_get_stats(d);
	assert_int_equal(st.font_misses, 3);
	assert_int_equal(st.font_hits, 3);
	assert_int_equal(a.len, b.len);
	assert_memory_equal(a.data, b.data, a.len);
	bare(&h, "Lettre de mission (ajout)", HPDF_COMP_ALL);
	save(&h, d, &c);
	assert_int_equal(mc_deflate_get_stats(d).font_misses, 6);
	mc_buffer_free(&c);
	bare(&h, "Lettre de mission", HPDF_COMP_ALL);
	save(&h, NULL, &c);
	assert_equivalent(&a, &c);
	assert_true(a.len <= c.len);
	bare(&h, "Lettre de mission", HPDF_COMP_NONE);
	save(&h, d, &plain_ours);
	bare(&h, "Lettre de mission", HPDF_COMP_NONE);
	save(&h, NULL, &plain_libharu);
	assert_int_equal(plain_ours.len, plain_libharu.len);
	assert_memory_equal(plain_ours.data, plain_libharu.data, plain_ours.len);
	assert_int_equal(mc_deflate_get_stats(d).streams, 12);
	mc_buffer_free(&a);
	mc_buffer_free(&b);
	mc_buffer_free(&c);
	mc_buffer_free(&plain_ours);
	mc_buffer_free(&plain_libharu);
	HPDF_Free(h.pdf);
	mc_deflate_free(d);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(examples_both_ways),
		cmocka_unit_test(cache_and_fallback),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
