/* bench_floor.c — `make bench`: the floor for a batch of PDF letters. Draws
 * the pages of letters missionc wrote (bench/pages.py takes them apart:
 * each text in its font at its place, the rules and shades), letter after
 * letter, with libharu and nothing else (no parsing, no checking, no layout
 * decisions), with the fonts loaded as missionc loads them and used where
 * the letter uses them, and writes each letter to its own file the way
 * `missionc lot` does (cli_write_atomic). Streams are deflated by libharu's
 * zlib, or as missionc deflates them (compiler/pdf_deflate.c).
 *   bench_floor zlib|libdeflate N PAGES.txt DOSSIER
 * Prints one line: N, CPU seconds (user, system), wall seconds, bytes
 * written; asserts nothing. */
#define _DEFAULT_SOURCE
#include <hpdf.h>
#include <hpdf_pages.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "cli.h"
#include "pdf_deflate.h"
#include "pdf_font.h"

#define MAX_FONTS 8

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static double
seconds(struct timeval tv)
{
	return (double)tv.tv_sec + (double)tv.tv_usec / 1e6;
}

static void
on_error(HPDF_STATUS e, HPDF_STATUS d, void *data)
{
	(void)d;
	*(HPDF_STATUS *)data = e;
}

static int
digit(char c)
{
	return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

/* Hex digits to bytes in buf, NUL-terminated (the text is read again each
 * time round). */
static char *
unhex(const char *s, char *buf, size_t size)
{
	size_t n = 0;

	for (; n + 1 < size; s += 2) {
		int hi = digit(s[0]), lo = hi < 0 ? -1 : digit(s[1]);

		if (lo < 0)
			break;
		buf[n++] = (char)(hi * 16 + lo);
	}
	buf[n] = '\0';
	return buf;
}

/* Draws one letter: its lines from `*pos` up to the next « L ». */
static void
letter(HPDF_Doc pdf, char **pos, const char *const *names, HPDF_Font *fonts)
{
	HPDF_Page page = NULL;
	char *line = *pos;

	while (line != NULL && *line != '\0') {
		char *next = strchr(line, '\n'), op[8], bytes[1024];
		double a = 0, b = 0, c = 0, d = 0;
		int k;

		if (next != NULL)
			*next = '\0';
		if (strcmp(line, "L") == 0 && line != *pos) {
			if (next != NULL)
				*next = '\n';
			break;
		}
		if (sscanf(line, "%7s %n", op, &k) == 1) {
			char *rest = line + k;

			sscanf(rest, "%lf %lf %lf %lf", &a, &b, &c, &d);
			if (strcmp(op, "P") == 0) {
				page = HPDF_AddPage(pdf);
				HPDF_Page_SetWidth(page, (HPDF_REAL)a);
				HPDF_Page_SetHeight(page, (HPDF_REAL)b);
			} else if (page == NULL) {
				;
			} else if (strcmp(op, "BT") == 0) {
				HPDF_Page_BeginText(page);
			} else if (strcmp(op, "ET") == 0) {
				HPDF_Page_EndText(page);
			} else if (strcmp(op, "Tf") == 0 && a >= 0 && a < MAX_FONTS && names[(int)a]) {
				/* The font is used: taken into the letter now. */
				if (fonts[(int)a] == NULL)
					fonts[(int)a] = HPDF_GetFont(pdf, names[(int)a], "WinAnsiEncoding");
				HPDF_Page_SetFontAndSize(page, fonts[(int)a], (HPDF_REAL)b);
			} else if (strcmp(op, "Td") == 0) {
				HPDF_Page_MoveTextPos(page, (HPDF_REAL)a, (HPDF_REAL)b);
			} else if (strcmp(op, "Tj") == 0) {
				HPDF_Page_ShowText(page, unhex(rest, bytes, sizeof(bytes)));
			} else if (strcmp(op, "rg") == 0) {
				HPDF_Page_SetRGBFill(page, (HPDF_REAL)a, (HPDF_REAL)b, (HPDF_REAL)c);
			} else if (strcmp(op, "RG") == 0) {
				HPDF_Page_SetRGBStroke(page, (HPDF_REAL)a, (HPDF_REAL)b, (HPDF_REAL)c);
			} else if (strcmp(op, "w") == 0) {
				HPDF_Page_SetLineWidth(page, (HPDF_REAL)a);
			} else if (strcmp(op, "m") == 0) {
				HPDF_Page_MoveTo(page, (HPDF_REAL)a, (HPDF_REAL)b);
			} else if (strcmp(op, "l") == 0) {
				HPDF_Page_LineTo(page, (HPDF_REAL)a, (HPDF_REAL)b);
			} else if (strcmp(op, "re") == 0) {
				HPDF_Page_Rectangle(page, (HPDF_REAL)a, (HPDF_REAL)b, (HPDF_REAL)c,
				    (HPDF_REAL)d);
			} else if (strcmp(op, "S") == 0) {
				HPDF_Page_Stroke(page);
			} else if (strcmp(op, "f") == 0) {
				HPDF_Page_Fill(page);
			} else if (strcmp(op, "q") == 0) {
				HPDF_Page_GSave(page);
			} else if (strcmp(op, "Q") == 0) {
				HPDF_Page_GRestore(page);
			} else if (strcmp(op, "raw") == 0) {
				/* What libharu has no call for (marked content…). */
				HPDF_Stream s = ((HPDF_PageAttr)page->attr)->stream;

				HPDF_Stream_WriteStr(s, rest);
				HPDF_Stream_WriteStr(s, "\012");
			}
		}
		if (next != NULL)
			*next = '\n';
		line = next != NULL ? next + 1 : NULL;
	}
	*pos = line;
}

/* The fonts of the « FONT i FILE » lines, as missionc loads them: from
 * memory, once. Returns where the letters start, NULL when a font fails. */
static char *
load_fonts(HPDF_Doc pdf, char *text, const char **names)
{
	while (strncmp(text, "FONT ", 5) == 0) {
		int i = atoi(text + 5);
		char *file = strchr(text + 5, ' '), *eol = strchr(text, '\n');

		if (file == NULL || eol == NULL || i < 0 || i >= MAX_FONTS)
			return NULL;
		*eol = '\0';
		if ((names[i] = mc_pdf_load_ttf(pdf, file + 1)) == NULL) {
			fprintf(stderr, "bench_floor : police illisible %s\n", file + 1);
			return NULL;
		}
		text = eol + 1;
	}
	return text;
}

/* One letter saved, read out as missionc reads its letters (in chunks, into
 * one buffer) and written to `path`. Its size, 0 on failure. */
static size_t
save(HPDF_Doc pdf, mc_deflate *d, char **out, size_t *cap, const char *path)
{
	HPDF_UINT32 size, left;

	if (mc_deflate_doc(d, pdf) != HPDF_OK || HPDF_SaveToStream(pdf) != HPDF_OK)
		return 0;
	left = size = HPDF_GetStreamSize(pdf);
	if (size > *cap) {
		char *bigger = realloc(*out, size);

		if (bigger == NULL)
			return 0;
		*out = bigger;
		*cap = size;
	}
	for (HPDF_UINT32 at = 0; left > 0;) {
		HPDF_UINT32 k = left < 8192 ? left : 8192;

		HPDF_ReadFromStream(pdf, (HPDF_BYTE *)*out + at, &k);
		if (k == 0)
			return 0;
		at += k;
		left -= k;
	}
	if (cli_write_atomic(path, *out, size) != 0) {
		fprintf(stderr, "bench_floor : impossible d’écrire %s\n", path);
		return 0;
	}
	return size;
}

static char *
slurp(const char *path)
{
	FILE *f = fopen(path, "rb");
	char *text = NULL;
	long len;

	if (f == NULL)
		return NULL;
	if (fseek(f, 0, SEEK_END) == 0 && (len = ftell(f)) >= 0 && fseek(f, 0, SEEK_SET) == 0 &&
	    (text = malloc((size_t)len + 1)) != NULL) {
		if (fread(text, 1, (size_t)len, f) == (size_t)len) {
			text[len] = '\0';
		} else {
			free(text);
			text = NULL;
		}
	}
	fclose(f);
	return text;
}

int
main(int argc, char **argv)
{
	long n = argc == 5 ? atol(argv[2]) : 0, i = 0;
	int own = argc == 5 && strcmp(argv[1], "libdeflate") == 0;
	char *text = NULL, *first = NULL, *pos = NULL, *out = NULL, path[4096];
	HPDF_STATUS error = 0;
	HPDF_Doc pdf = NULL;
	const char *names[MAX_FONTS] = { NULL };
	mc_deflate *d = NULL;
	struct rusage r0, r1;
	double t0, t1;
	size_t bytes = 0, cap = 1 << 20, size = 1;

	if (n <= 0 || (!own && strcmp(argv[1], "zlib") != 0)) {
		fputs("usage : bench_floor zlib|libdeflate N PAGES.txt DOSSIER\n", stderr);
		return 2;
	}
	if ((text = slurp(argv[3])) == NULL || (out = malloc(cap)) == NULL ||
	    (own && (d = mc_deflate_new()) == NULL) ||
	    (pdf = HPDF_New(on_error, &error)) == NULL ||
	    (first = load_fonts(pdf, text, names)) == NULL)
		n = 0, size = 0;
	getrusage(RUSAGE_SELF, &r0);
	t0 = now();
	for (i = 0; i < n && size > 0; i++) {
		HPDF_Font fonts[MAX_FONTS] = { NULL };

		if (pos == NULL || *pos == '\0')
			pos = first;
		HPDF_NewDoc(pdf);
		HPDF_SetCompressionMode(pdf, HPDF_COMP_ALL);
		letter(pdf, &pos, names, fonts);
		snprintf(path, sizeof(path), "%s/lettre-%05ld.pdf", argv[4], i + 1);
		bytes += size = save(pdf, d, &out, &cap, path);
		HPDF_FreeDoc(pdf);
	}
	t1 = now();
	getrusage(RUSAGE_SELF, &r1);
	if (size > 0)
		printf("%ld %.3f %.3f %.3f %zu\n", n, seconds(r1.ru_utime) - seconds(r0.ru_utime),
		    seconds(r1.ru_stime) - seconds(r0.ru_stime), t1 - t0, bytes);
	if (pdf != NULL)
		HPDF_Free(pdf);
	mc_deflate_free(d);
	free(text);
	free(out);
	return size == 0 || error != 0;
}
