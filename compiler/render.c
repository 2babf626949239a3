/* render.c — the renderer: one format and one template, reused letter after
 * letter. It lowers a checked letter once (lower.c), makes sure the PDF can
 * print every character (saying where one cannot be, line and column), then
 * hands the document to the format's backend. */
#include "compile.h"
#include "pdf_charset.h"
#include "render.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

struct mc_renderer {
	mc_format format;
	const mc_template *t;
	int64_t epoch;
	mc_pdf *pdf;
};

const char *
mc_format_extension(mc_format f)
{
	switch (f) {
	case MC_FORMAT_PDF:
		return "pdf";
	case MC_FORMAT_HTML:
		return "html";
	default:
		return "md";
	}
}

mc_renderer *
mc_renderer_new(mc_format format, const mc_template *t, const char **error)
{
	mc_renderer *r = calloc(1, sizeof(*r));

	if (error != NULL)
		*error = NULL;
	if (r == NULL) {
		if (error != NULL)
			*error = "mémoire insuffisante";
		return NULL;
	}
	r->format = format;
	r->t = t;
	if (format == MC_FORMAT_PDF) {
		const char *why = NULL;

		for (int f = MC_T_FONT_REGULAR; f <= MC_T_FONT_ITALIC; f++)
			if (*t->v[f].text == '\0') {
				if (error != NULL)
					*error = "une police du modèle est introuvable, ni dans son dossier ni dans celui des polices réduites (build/polices) : lancez « make », ou vérifiez les clés « police.* » du modèle";
				free(r);
				return NULL;
			}

		r->pdf = mc_pdf_new(t, &why);
		if (r->pdf == NULL) {
			if (error != NULL)
				*error = why != NULL ? why : "mémoire insuffisante";
			free(r);
			return NULL;
		}
	}
	return r;
}

void
mc_renderer_set_date(mc_renderer *r, int64_t epoch)
{
	r->epoch = epoch;
}

void
mc_renderer_free(mc_renderer *r)
{
	if (r == NULL)
		return;
	mc_pdf_free(r->pdf);
	free(r);
}

/* The first character of `s` the PDF cannot print (after NFC), or 0.
 * Printable ASCII is in every font: skipped without decoding, it is most of
 * a letter (the check read every character of it one by one, a twentieth
 * of a cold `produire`). A combining mark composes with the character
 * before it, so NFC, when needed, is of the whole string. */
static uint32_t
unprintable(mc_pdf *pdf, const char *s)
{
	const unsigned char *u = (const unsigned char *)s;
	char *nfc = NULL;
	uint32_t bad = 0;

	if (s == NULL)
		return 0;
	while (*u >= 0x20 && *u < 0x7f)
		u++;
	if (*u == '\0')
		return 0;
	if (mc_pdf_needs_nfc((const char *)u) && (nfc = mc_pdf_nfc(s)) != NULL)
		u = (const unsigned char *)nfc;
	while (*u != '\0' && bad == 0) {
		uint32_t cp;

		if (*u >= 0x20 && *u < 0x7f) {
			u++;
			continue;
		}
		u += mc_utf8_decode((const char *)u, &cp);
		if (cp != '\n' && cp != '\t' && cp != '\r' && !mc_pdf_can_print(pdf, cp))
			bad = cp;
	}
	free(nfc);
	return bad;
}

static uint32_t
text_unprintable(mc_pdf *pdf, const mc_text *t)
{
	for (size_t i = 0; i < t->nruns; i++) {
		uint32_t cp = unprintable(pdf, t->runs[i].text);

		if (cp != 0)
			return cp;
	}
	return 0;
}

static uint32_t
block_unprintable(mc_pdf *pdf, const mc_block *b)
{
	uint32_t cp = 0;
	const mc_table *tb = &b->table;

	switch (b->kind) {
	case MC_B_HEADING:
	case MC_B_PARAGRAPH:
		return text_unprintable(pdf, &b->text);
	case MC_B_LIST:
		for (size_t i = 0; i < b->nitems && cp == 0; i++)
			cp = text_unprintable(pdf, &b->items[i]);
		return cp;
	case MC_B_TABLE:
		for (size_t i = 0; tb->head != NULL && i < tb->ncols && cp == 0; i++)
			cp = text_unprintable(pdf, &tb->head[i]);
		for (size_t i = 0; i < tb->ncols * tb->nrows && cp == 0; i++)
			cp = text_unprintable(pdf, &tb->cells[i]);
		return cp;
	case MC_B_SIGNATURES:
		cp = unprintable(pdf, b->signatures.place_date);
		for (size_t i = 0; i < b->signatures.nsigners && cp == 0; i++) {
			cp = unprintable(pdf, b->signatures.signers[i].label);
			if (cp == 0)
				cp = unprintable(pdf, b->signatures.signers[i].name);
		}
		return cp;
	}
	return 0;
}

/* Where the code point first appears in the letter, searched within the
 * block's own bytes when it has them; nowhere when the letter's source does
 * not have it (a cell of a batch's row): no place rather than a wrong one. */
static mc_span
locate(const mc_source *src, const mc_block *b, uint32_t cp)
{
	uint32_t start = b != NULL && b->end > b->start ? b->start : 0;
	uint32_t end = b != NULL && b->end > b->start ? b->end : (uint32_t)src->len;

	for (uint32_t i = start; i < end;) {
		uint32_t c;
		size_t n = mc_utf8_decode(src->text + i, &c);

		if (c == cp)
			return mc_span_of(src, i, i + (uint32_t)n);
		i += (uint32_t)n;
	}
	return (mc_span){ NULL, 0, 0 };
}

static int
check_printable(mc_pdf *pdf, mc_result *res, const mc_document *doc)
{
	uint32_t cp = 0;
	const mc_block *where = NULL;

	for (size_t i = 0; i < doc->nheader && cp == 0; i++)
		cp = unprintable(pdf, doc->header[i]);
	if (cp == 0)
		cp = unprintable(pdf, doc->title);
	if (cp == 0)
		cp = unprintable(pdf, doc->subtitle);
	for (size_t i = 0; i < doc->nblocks && cp == 0; i++) {
		cp = block_unprintable(pdf, &doc->blocks[i]);
		where = &doc->blocks[i];
	}
	if (cp != 0) {
		char utf8[16];
		const mc_source *src = mc_result_source(res);
		mc_span at = locate(src, where, cp);

		mc_pdf_char_shown(cp, utf8);
		mc_diag_emit(mc_result_diags(res), MC_D_UNPRINTABLE_CHAR, at, utf8,
		    (unsigned)cp);
		return -1;
	}
	return 0;
}

size_t
mc_unsafe_char(const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;

	if (u[0] < 0x20)
		return u[0] == '\t' || u[0] == '\n' || u[0] == '\r' ? 0 : 1;
	if (u[0] == 0x7f)
		return 1;
	if (n >= 2 && u[0] == 0xc2 && u[1] >= 0x80 && u[1] <= 0x9f)
		return 2;
	if (n >= 3 && u[0] == 0xef && u[1] == 0xb7 && u[2] >= 0x90 && u[2] <= 0xaf)
		return 3;                                /* U+FDD0–U+FDEF */
	if (n >= 3 && u[0] == 0xef && u[1] == 0xbf && u[2] >= 0xbe)
		return 3;                                /* U+FFFE, U+FFFF */
	if (n >= 4 && u[0] >= 0xf0 && (u[1] & 0x0f) == 0x0f && u[2] == 0xbf &&
	    u[3] >= 0xbe)
		return 4;                                /* U+1FFFE … U+10FFFF */
	return 0;
}

int
mc_render(mc_renderer *r, mc_result *res, mc_buffer *out)
{
	const mc_document *doc = mc_result_document(res, r->t);
	const char *format = mc_format_extension(r->format);
	int status;

	if (doc == NULL) {
		if (mc_result_worst(res) < MC_ERROR)
			mc_diag_emit(mc_result_diags(res), MC_D_RENDER_FAILED,
			    mc_span_of(mc_result_source(res), 0, 0), format,
			    "mémoire insuffisante");
		return -1;
	}
	switch (r->format) {
	case MC_FORMAT_PDF:
		if (check_printable(r->pdf, res, doc) != 0)
			return -1;
		status = mc_render_pdf(r->pdf, doc, r->epoch, out);
		if (status == MC_PDF_TOO_LONG) {
			size_t at = mc_pdf_stopped_at(r->pdf);
			const mc_block *b = at < doc->nblocks ? &doc->blocks[at] : NULL;

			mc_diag_emit(mc_result_diags(res), MC_D_PDF_TOO_LONG,
			    b != NULL && b->end > b->start ?
			    mc_span_of(mc_result_source(res), b->start, b->end) :
			    mc_span_of(mc_result_source(res), 0, 0),
			    MC_PDF_MAX_PAGES, MC_PDF_MAX_BYTES / (1024 * 1024));
			return -1;
		}
		break;
	case MC_FORMAT_HTML:
		status = mc_render_html(doc, r->t, r->epoch, out);
		break;
	default:
		status = mc_render_markdown(doc, r->t, out);
		break;
	}
	if (status != 0 || out->failed) {
		mc_diag_emit(mc_result_diags(res), MC_D_RENDER_FAILED,
		    mc_span_of(mc_result_source(res), 0, 0), format,
		    out->failed ? "mémoire insuffisante" : "erreur de la bibliothèque PDF");
		return -1;
	}
	return 0;
}
