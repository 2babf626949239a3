/* bench_floor.c — `make bench`: the floor for a batch of PDF letters. Draws
 * the pages of letters missionc wrote (bench/pages.py takes them apart:
 * each text in its font at its place, the rules and shades), letter after
 * letter, with libharu and nothing else (no parsing, no checking, no layout
 * decisions), with the fonts loaded as missionc loads them and used where
 * the letter uses them, and writes each letter to its own file the way
 * `missionc lot` does (cli_write_atomic), archival PDF as missionc's
 * (pdf_archive.c; the structure tree of a tagged letter is missionc's own
 * work, left out; its marked content is drawn). The pages are read before the
 * clock starts: the loop only calls libharu. Streams are deflated by libharu’s
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
#include "pdf_archive.h"
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

/* The operations of pages.txt, read once before the clock starts: the
 * floor's loop only calls libharu. */
enum { O_LETTER, O_PAGE, O_BT, O_ET, O_TF, O_TD, O_TJ, O_RG_FILL, O_RG_STROKE,
	O_W, O_M, O_L, O_RE, O_S, O_F, O_Q_SAVE, O_Q_RESTORE, O_TW, O_RAW };

static const char *const op_names[] = {
	"L", "P", "BT", "ET", "Tf", "Td", "Tj", "rg", "RG", "w", "m", "l", "re", "S",
	"f", "q", "Q", "Tw", "raw"
};

typedef struct op {
	int code;
	HPDF_REAL a, b, c, d;
	const char *text;       /* Tj: the bytes; raw: the operators */
} op;

static int
digit(char c)
{
	return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

/* Hex digits to bytes, in place, NUL-terminated. */
static char *
unhex(char *s)
{
	size_t n = 0;

	for (const char *p = s;; p += 2) {
		int hi = digit(p[0]), lo = hi < 0 ? -1 : digit(p[1]);

		if (lo < 0)
			break;
		s[n++] = (char)(hi * 16 + lo);
	}
	s[n] = '\0';
	return s;
}

/* The lines from `text` on, one operation each; their count, -1 when memory
 * is short. The text is cut into its lines. */
static long
parse(char *text, op **ops)
{
	long n = 0, cap = 0;

	for (char *line = text; line != NULL && *line != '\0';) {
		char *next = strchr(line, '\n'), *rest;
		size_t len;
		op o = { -1, 0, 0, 0, 0, NULL };

		if (next != NULL)
			*next++ = '\0';
		len = strcspn(line, " ");
		rest = line + len + (line[len] == ' ');
		for (int k = 0; k < (int)(sizeof(op_names) / sizeof(*op_names)); k++)
			if (strlen(op_names[k]) == len && strncmp(line, op_names[k], len) == 0)
				o.code = k;
		if (o.code == O_TJ) {
			o.text = unhex(rest);
		} else if (o.code == O_RAW) {
			o.text = rest;
		} else if (o.code >= 0) {
			char *end = rest;
			HPDF_REAL *v[] = { &o.a, &o.b, &o.c, &o.d };

			for (int k = 0; k < 4 && *end != '\0'; k++)
				*v[k] = (HPDF_REAL)strtod(end, &end);
		}
		if (o.code >= 0) {
			if (n == cap) {
				op *more = realloc(*ops, (size_t)(cap = cap ? 2 * cap : 4096) * sizeof(op));

				if (more == NULL)
					return -1;
				*ops = more;
			}
			(*ops)[n++] = o;
		}
		line = next;
	}
	return n;
}

/* Draws one letter: the operations from ops[*at] up to the next letter. */
static void
letter(HPDF_Doc pdf, const op *ops, long n, long *at, const char *const *names,
    HPDF_Font *fonts)
{
	HPDF_Page page = NULL;
	long i = *at;

	if (i < n && ops[i].code == O_LETTER)
		i++;
	for (; i < n && ops[i].code != O_LETTER; i++) {
		const op *o = &ops[i];
		int f = (int)o->a;

		if (o->code == O_PAGE) {
			page = HPDF_AddPage(pdf);
			HPDF_Page_SetWidth(page, o->a);
			HPDF_Page_SetHeight(page, o->b);
			continue;
		}
		if (page == NULL)
			continue;
		switch (o->code) {
		case O_BT: HPDF_Page_BeginText(page); break;
		case O_ET: HPDF_Page_EndText(page); break;
		case O_TF:
			if (f < 0 || f >= MAX_FONTS || names[f] == NULL)
				break;
			/* The font is used: taken into the letter now. */
			if (fonts[f] == NULL)
				fonts[f] = HPDF_GetFont(pdf, names[f], "WinAnsiEncoding");
			HPDF_Page_SetFontAndSize(page, fonts[f], o->b);
			break;
		case O_TD: HPDF_Page_MoveTextPos(page, o->a, o->b); break;
		case O_TJ: HPDF_Page_ShowText(page, o->text); break;
		case O_RG_FILL: HPDF_Page_SetRGBFill(page, o->a, o->b, o->c); break;
		case O_RG_STROKE: HPDF_Page_SetRGBStroke(page, o->a, o->b, o->c); break;
		case O_W: HPDF_Page_SetLineWidth(page, o->a); break;
		case O_M: HPDF_Page_MoveTo(page, o->a, o->b); break;
		case O_L: HPDF_Page_LineTo(page, o->a, o->b); break;
		case O_RE: HPDF_Page_Rectangle(page, o->a, o->b, o->c, o->d); break;
		case O_S: HPDF_Page_Stroke(page); break;
		case O_F: HPDF_Page_Fill(page); break;
		case O_Q_SAVE: HPDF_Page_GSave(page); break;
		case O_Q_RESTORE: HPDF_Page_GRestore(page); break;
		case O_TW: HPDF_Page_SetWordSpace(page, o->a); break;
		case O_RAW: {
			/* What libharu has no call for (marked content…). */
			HPDF_Stream s = ((HPDF_PageAttr)page->attr)->stream;

			HPDF_Stream_WriteStr(s, o->text);
			HPDF_Stream_WriteStr(s, "\012");
			break;
		}
		default: break;
		}
	}
	*at = i < n ? i : 0;
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

/* One letter made an archival PDF as missionc makes it (pdf_archive.c:
 * XMP metadata, output intent, /ID from the bytes), saved, read out as
 * missionc reads its letters (in chunks, into one buffer) and written to
 * `path`. Its size, 0 on failure. */
static size_t
save(HPDF_Doc pdf, mc_deflate *d, const mc_pdfa_profile *prof, mc_buffer *out,
    const char *path)
{
	static const mc_pdfa_meta meta = {
		"Lettre de mission du Pacte enseignant", "Mme Claire Durand",
		"Pacte enseignant, année scolaire 2025-2026", "missionc", 1758000000
	};
	HPDF_BYTE chunk[8192];
	HPDF_UINT32 left;

	mc_buffer_clear(out);
	if (mc_pdfa_prepare(pdf, &meta, prof) != HPDF_OK ||
	    mc_deflate_doc(d, pdf) != HPDF_OK || HPDF_SaveToStream(pdf) != HPDF_OK)
		return 0;
	for (left = HPDF_GetStreamSize(pdf); left > 0;) {
		HPDF_UINT32 k = left < sizeof(chunk) ? left : (HPDF_UINT32)sizeof(chunk);

		HPDF_ReadFromStream(pdf, chunk, &k);
		if (k == 0)
			return 0;
		mc_buffer_put(out, (const char *)chunk, k);
		left -= k;
	}
	mc_pdfa_set_id(out, 0);
	if (out->failed || cli_write_atomic(path, out->data, out->len) != 0) {
		fprintf(stderr, "bench_floor : impossible d’écrire %s\n", path);
		return 0;
	}
	return out->len;
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
	char *text = NULL, *first = NULL, path[4096];
	mc_buffer out;
	mc_pdfa_profile prof = { NULL, 0 };
	op *ops = NULL;
	long nops = 0, at = 0;
	HPDF_STATUS error = 0;
	HPDF_Doc pdf = NULL;
	const char *names[MAX_FONTS] = { NULL };
	mc_deflate *d = NULL;
	struct rusage r0, r1;
	double t0, t1;
	size_t bytes = 0, size = 1;

	if (n <= 0 || (!own && strcmp(argv[1], "zlib") != 0)) {
		fputs("usage : bench_floor zlib|libdeflate N PAGES.txt DOSSIER\n", stderr);
		return 2;
	}
	mc_buffer_init(&out);
	if ((text = slurp(argv[3])) == NULL ||
	    (own && (d = mc_deflate_new()) == NULL) ||
	    (pdf = HPDF_New(on_error, &error)) == NULL ||
	    mc_pdfa_profile_init(pdf, &prof) != 0 ||
	    (first = load_fonts(pdf, text, names)) == NULL ||
	    (nops = parse(first, &ops)) <= 0)
		n = 0, size = 0;
	getrusage(RUSAGE_SELF, &r0);
	t0 = now();
	for (i = 0; i < n && size > 0; i++) {
		HPDF_Font fonts[MAX_FONTS] = { NULL };

		HPDF_NewDoc(pdf);
		HPDF_SetCompressionMode(pdf, HPDF_COMP_ALL);
		letter(pdf, ops, nops, &at, names, fonts);
		snprintf(path, sizeof(path), "%s/lettre-%05ld.pdf", argv[4], i + 1);
		bytes += size = save(pdf, d, &prof, &out, path);
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
	mc_pdfa_profile_free(&prof);
	mc_buffer_free(&out);
	free(ops);
	free(text);
	return size == 0 || error != 0;
}
