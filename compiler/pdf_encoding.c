/* pdf_encoding.c — the extended encoding of pdf_charset.def as a libharu
 * encoder. libharu 2.3 has no API for a custom encoding: its basic encoder
 * (WinAnsiEncoding) is copied, given our code points, and writes its own
 * /Differences with the glyph names uniXXXX (libharu's glyph-name table
 * lacks most of these letters and would write /.notdef). Each font of this
 * encoding also gets a ToUnicode map. */
#include <stdio.h>
#include <string.h>

#include <hpdf_doc.h>
#include <hpdf_encoder.h>
#include <hpdf_objects.h>

#include "pdf_charset.h"
#include "pdf_encoding.h"

static HPDF_STATUS
write_encoding(HPDF_Encoder encoder, HPDF_Stream out)
{
	HPDF_BasicEncoderAttr attr = encoder->attr;
	char buf[32];
	HPDF_STATUS ret = HPDF_Stream_WriteStr(out, "/Encoding <<\012/Type /Encoding\012"
	    "/BaseEncoding /WinAnsiEncoding\012/Differences [");

	snprintf(buf, sizeof(buf), "%u", (unsigned)attr->first_char);
	ret += HPDF_Stream_WriteStr(out, buf);
	for (unsigned c = attr->first_char; c <= attr->last_char; c++) {
		const char *name = HPDF_UnicodeToGryphName(attr->unicode_map[c]);

		/* The Adobe Glyph List's name (PDF/A wants them), else uniXXXX. */
		if (name != NULL && strcmp(name, ".notdef") != 0)
			snprintf(buf, sizeof(buf), "%s/%s", (c - attr->first_char) % 8 ?
			    "" : "\012", name);
		else
			snprintf(buf, sizeof(buf), "%s/uni%04X", (c - attr->first_char) % 8 ?
			    "" : "\012", (unsigned)attr->unicode_map[c]);
		ret += HPDF_Stream_WriteStr(out, buf);
	}
	ret += HPDF_Stream_WriteStr(out, "\012]\012>>\012");
	return ret;
}

HPDF_STATUS
mc_pdf_register_ext_encoding(HPDF_Doc pdf)
{
	HPDF_Encoder e;
	HPDF_BasicEncoderAttr attr;

	if (HPDF_Doc_FindEncoder(pdf, MC_EXT_ENCODING) != NULL)
		return HPDF_OK;
	if ((e = HPDF_BasicEncoder_New(pdf->mmgr, HPDF_ENCODING_WIN_ANSI)) == NULL)
		return HPDF_GetError(pdf);
	attr = e->attr;
	snprintf(e->name, sizeof(e->name), "%s", MC_EXT_ENCODING);
	attr->first_char = MC_EXT_FIRST;
	attr->last_char = mc_pdf_ext_last();
	for (unsigned c = 0; c < 256; c++) {
		uint32_t cp = mc_pdf_ext_unicode((unsigned char)c);

		attr->unicode_map[c] = (HPDF_UNICODE)(cp != 0 ? cp : 0x20);
		attr->differences[c] = cp != 0;
	}
	attr->has_differences = HPDF_TRUE;
	e->write_fn = write_encoding;
	return HPDF_Doc_RegisterEncoder(pdf, e);
}

HPDF_STATUS
mc_pdf_add_tounicode(HPDF_Doc pdf, HPDF_Font font, const unsigned char *used)
{
	HPDF_Dict s = HPDF_DictStream_New(pdf->mmgr, pdf->xref);
	unsigned n = 0, k = 0;
	HPDF_STATUS ret;
	char buf[64];

	if (s == NULL)
		return HPDF_GetError(pdf);
	if (pdf->compression_mode & HPDF_COMP_TEXT)
		s->filter = HPDF_STREAM_FILTER_FLATE_DECODE;
	for (unsigned c = MC_EXT_FIRST; c < 256; c++)
		n += used[c] && mc_pdf_ext_unicode((unsigned char)c) != 0;
	ret = HPDF_Stream_WriteStr(s->stream, "/CIDInit /ProcSet findresource begin\012"
	    "12 dict begin\012begincmap\012/CIDSystemInfo << /Registry (Adobe) "
	    "/Ordering (UCS) /Supplement 0 >> def\012/CMapName /MC-LatinExt-UCS def\012"
	    "/CMapType 2 def\0121 begincodespacerange\012<00> <FF>\012endcodespacerange\012");
	/* The codes the letter uses, at most 100 to a block. */
	for (unsigned c = MC_EXT_FIRST; c < 256; c++) {
		if (!used[c] || mc_pdf_ext_unicode((unsigned char)c) == 0)
			continue;
		if (k % 100 == 0) {
			snprintf(buf, sizeof(buf), "%u beginbfchar\012",
			    n - k < 100 ? n - k : 100);
			ret += HPDF_Stream_WriteStr(s->stream, buf);
		}
		snprintf(buf, sizeof(buf), "<%02X> <%04X>\012", c,
		    (unsigned)mc_pdf_ext_unicode((unsigned char)c));
		ret += HPDF_Stream_WriteStr(s->stream, buf);
		if (++k % 100 == 0 || k == n)
			ret += HPDF_Stream_WriteStr(s->stream, "endbfchar\012");
	}
	ret += HPDF_Stream_WriteStr(s->stream, "endcmap\012CMapName currentdict "
	    "/CMapResource defineresource pop\012end\012end\012");
	ret += HPDF_Dict_Add(font, "ToUnicode", s);
	return ret;
}
