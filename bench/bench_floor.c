/* bench_floor.c — `make bench`: the floor for a PDF letter. Writes the same
 * pages as missionc (the text of a rendered letter, line by line, page by
 * page, with the same subset fonts loaded the same way, compression and
 * in-memory save) with libharu and nothing else: no parsing, no checking, no
 * layout decisions.
 *   bench_floor N TEXTE.txt POLICE.ttf POLICE_GRAS.ttf
 * TEXTE.txt is `pdftotext -layout` of a letter (pages separated by \f).
 * Prints ms per letter; asserts nothing. */
#define _DEFAULT_SOURCE
#include <hpdf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "pdf_font.h"

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* UTF-8 to Windows-1252 for the few characters a letter has. */
static void
to_cp1252(const char *s, char *out, size_t size)
{
	size_t k = 0;

	while (*s != '\0' && k + 1 < size) {
		unsigned char c = (unsigned char)*s;

		if (c < 0x80) {
			out[k++] = *s++;
		} else if ((c & 0xE0) == 0xC0) {
			out[k++] = (char)(((c & 0x1F) << 6) | (s[1] & 0x3F));
			s += 2;
		} else {
			unsigned cp = ((c & 0x0Fu) << 12) | ((s[1] & 0x3Fu) << 6) | (s[2] & 0x3Fu);

			out[k++] = cp == 0x2019 ? (char)0x92 : cp == 0x20AC ? (char)0x80 :
			    cp == 0x2026 ? (char)0x85 : cp == 0x2014 ? (char)0x97 : (char)0xA0;
			s += (c & 0xF0) == 0xE0 ? 3 : 4;
		}
	}
	out[k] = '\0';
}

static void
on_error(HPDF_STATUS e, HPDF_STATUS d, void *data)
{
	(void)e;
	(void)d;
	(void)data;
}

int
main(int argc, char **argv)
{
	long n = argc > 4 ? atol(argv[1]) : 0;
	FILE *f;
	char *text, *line;
	long len;
	HPDF_Doc pdf;
	const char *regular, *bold;
	double t0, dt;
	size_t bytes = 0;
	char *out;

	if (n <= 0 || (f = fopen(argv[2], "rb")) == NULL) {
		fputs("usage : bench_floor N TEXTE.txt POLICE.ttf POLICE_GRAS.ttf\n", stderr);
		return 2;
	}
	fseek(f, 0, SEEK_END);
	len = ftell(f);
	rewind(f);
	text = malloc((size_t)len + 1);
	line = malloc((size_t)len + 1);
	out = malloc(1 << 20);
	if (text == NULL || line == NULL || out == NULL || fread(text, 1, (size_t)len, f) != (size_t)len)
		return 1;
	fclose(f);
	text[len] = '\0';
	pdf = HPDF_New(on_error, NULL);
	/* As missionc loads them: from memory, not read again at each save. */
	regular = mc_pdf_load_ttf(pdf, argv[3]);
	bold = mc_pdf_load_ttf(pdf, argv[4]);
	if (pdf == NULL || regular == NULL || bold == NULL)
		return 1;
	t0 = now();
	for (long i = 0; i < n; i++) {
		HPDF_Font fr, fb;
		HPDF_Page page = NULL;
		double y = 0;
		int npage = 0;

		HPDF_NewDoc(pdf);
		HPDF_SetCompressionMode(pdf, HPDF_COMP_ALL);
		fr = HPDF_GetFont(pdf, regular, "WinAnsiEncoding");
		fb = HPDF_GetFont(pdf, bold, "WinAnsiEncoding");
		for (const char *p = text; *p != '\0';) {
			const char *e = p + strcspn(p, "\n\f");

			if (page == NULL || *p == '\f' || y < 60) {
				if (*p == '\f')
					p++;
				page = HPDF_AddPage(pdf);
				HPDF_Page_SetSize(page, HPDF_PAGE_SIZE_A4, HPDF_PAGE_PORTRAIT);
				y = 780;
				npage++;
				HPDF_Page_BeginText(page);
				HPDF_Page_SetFontAndSize(page, fb, 8);
				HPDF_Page_TextOut(page, 62, 810, "Acad\xe9mie d'Aix-Marseille");
				HPDF_Page_SetFontAndSize(page, fr, 8);
				HPDF_Page_TextOut(page, 270, 30, npage == 1 ? "Page 1 sur 2" : "Page 2 sur 2");
				HPDF_Page_EndText(page);
				continue;
			}
			memcpy(line, p, (size_t)(e - p));
			line[e - p] = '\0';
			to_cp1252(line, line, (size_t)(e - p) + 1);
			HPDF_Page_BeginText(page);
			HPDF_Page_SetFontAndSize(page, fr, 10);
			HPDF_Page_TextOut(page, 62, (HPDF_REAL)y, line);
			HPDF_Page_EndText(page);
			y -= 13;
			p = *e == '\n' ? e + 1 : e;
		}
		HPDF_SaveToStream(pdf);
		{
			HPDF_UINT32 size = HPDF_GetStreamSize(pdf);

			if (size > (1 << 20))
				size = 1 << 20;
			HPDF_ReadFromStream(pdf, (HPDF_BYTE *)out, &size);
			bytes += size;
		}
	}
	dt = now() - t0;
	printf("  plancher libharu seul (mêmes pages, mêmes polices) : %.3f ms par lettre, %.1f Ko\n",
	    dt / (double)n * 1e3, (double)bytes / (double)n / 1024.0);
	HPDF_Free(pdf);
	free(text);
	free(line);
	free(out);
	return 0;
}
