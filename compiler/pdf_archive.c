/* pdf_archive.c — PDF/A-2b on libharu's object layer (ISO 19005-2, level B:
 * the look of the page is preserved). libharu 2.3 has a PDF/A helper
 * (hpdf_pdfa.c), not used: it writes the XMP under a wrong key, dates
 * that do not match the Info dictionary and a random /ID from the clock,
 * so that one letter would give different bytes each time. Here:
 *  - 6.1.2  header %PDF-1.7 and its binary comment (libharu writes it);
 *  - 6.1.3  a trailer /ID: a hash of the file's bytes, patched after saving;
 *  - 6.2.3  an output intent GTS_PDFA1 with the sRGB profile of Debian's
 *           icc-profiles-free, built into the program (the pages use
 *           DeviceRGB);
 *  - 6.2.11 every font embedded (render_pdf.c loads TrueType files only);
 *  - 6.6    an XMP metadata stream, unfiltered, with pdfaid:part 2 and
 *           pdfaid:conformance B, and the same title, author, subject,
 *           creator tool, producer and dates as the Info dictionary. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <hpdf_doc.h>
#include <hpdf_objects.h>

#include "pdf_archive.h"
#include "pdf_font.h"

/* The sRGB profile of icc-profiles-free, deflated at build time
 * (tools/icc_table.c): the bytes mc_pdf_deflate gives. */
extern const unsigned char mc_srgb_icc_deflated[];
extern const size_t mc_srgb_icc_deflated_len;

#define PRODUCER "Haru Free PDF Library " HPDF_VERSION_TEXT
#define ID_HOLDER "<00000000000000000000000000000000>"

/* Appends text to the stream with XML's five escapes. */
static HPDF_STATUS
xml_text(HPDF_Stream s, const char *text)
{
	HPDF_STATUS ret = HPDF_OK;
	const char *run = text;

	for (; text != NULL && *text != '\0'; text++) {
		const char *esc = *text == '&' ? "&amp;" : *text == '<' ? "&lt;" :
		    *text == '>' ? "&gt;" : *text == '"' ? "&quot;" : NULL;

		if (esc == NULL)
			continue;
		ret += HPDF_Stream_Write(s, (const HPDF_BYTE *)run, (HPDF_UINT)(text - run));
		ret += HPDF_Stream_WriteStr(s, esc);
		run = text + 1;
	}
	if (text != NULL)
		ret += HPDF_Stream_Write(s, (const HPDF_BYTE *)run, (HPDF_UINT)(text - run));
	return ret;
}

/* One XMP property: <tag>text</tag>, or in an rdf container (Alt, Seq). */
static HPDF_STATUS
xmp_prop(HPDF_Stream s, const char *tag, const char *container, const char *text)
{
	HPDF_STATUS ret;

	if (text == NULL || *text == '\0')
		return HPDF_OK;
	ret = HPDF_Stream_WriteStr(s, "   <");
	ret += HPDF_Stream_WriteStr(s, tag);
	ret += HPDF_Stream_WriteStr(s, ">");
	if (container != NULL) {
		ret += HPDF_Stream_WriteStr(s, "<rdf:");
		ret += HPDF_Stream_WriteStr(s, container);
		ret += HPDF_Stream_WriteStr(s, strcmp(container, "Alt") == 0 ?
		    "><rdf:li xml:lang=\"x-default\">" : "><rdf:li>");
	}
	ret += xml_text(s, text);
	if (container != NULL) {
		ret += HPDF_Stream_WriteStr(s, "</rdf:li></rdf:");
		ret += HPDF_Stream_WriteStr(s, container);
		ret += HPDF_Stream_WriteStr(s, ">");
	}
	ret += HPDF_Stream_WriteStr(s, "</");
	ret += HPDF_Stream_WriteStr(s, tag);
	ret += HPDF_Stream_WriteStr(s, ">\012");
	return ret;
}

static HPDF_STATUS
metadata(HPDF_Doc pdf, const mc_pdfa_meta *m)
{
	HPDF_Dict md = HPDF_DictStream_New(pdf->mmgr, pdf->xref);
	HPDF_STATUS ret;
	char date[80] = "";
	time_t when = (time_t)m->epoch;
	struct tm tm;

	if (md == NULL)
		return HPDF_GetError(pdf);
	/* The Info dates (render_pdf.c) in XMP's form: the same instant. */
	if (m->epoch != 0 && gmtime_r(&when, &tm) != NULL && tm.tm_year + 1900 >= 1 &&
	    tm.tm_year + 1900 <= 9999)
		snprintf(date, sizeof(date), "%04d-%02d-%02dT%02d:%02d:%02dZ",
		    tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min,
		    tm.tm_sec < 60 ? tm.tm_sec : 59);
	md->filter = HPDF_STREAM_FILTER_NONE;
	ret = HPDF_Dict_AddName(md, "Type", "Metadata");
	ret += HPDF_Dict_AddName(md, "Subtype", "XML");
	ret += HPDF_Stream_WriteStr(md->stream,
	    "<?xpacket begin=\"\357\273\277\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\012"
	    "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\012"
	    " <rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\012"
	    "  <rdf:Description rdf:about=\"\"\012"
	    "    xmlns:dc=\"http://purl.org/dc/elements/1.1/\"\012"
	    "    xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\"\012"
	    "    xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\"\012"
	    "    xmlns:pdfaid=\"http://www.aiim.org/pdfa/ns/id/\">\012"
	    "   <dc:format>application/pdf</dc:format>\012");
	ret += xmp_prop(md->stream, "dc:title", "Alt", m->title);
	ret += xmp_prop(md->stream, "dc:creator", "Seq", m->author);
	ret += xmp_prop(md->stream, "dc:description", "Alt", m->subject);
	ret += xmp_prop(md->stream, "xmp:CreatorTool", NULL, m->creator);
	ret += xmp_prop(md->stream, "xmp:CreateDate", NULL, date);
	ret += xmp_prop(md->stream, "xmp:ModifyDate", NULL, date);
	ret += xmp_prop(md->stream, "pdf:Producer", NULL, PRODUCER);
	ret += HPDF_Stream_WriteStr(md->stream,
	    "   <pdfaid:part>2</pdfaid:part>\012"
	    "   <pdfaid:conformance>B</pdfaid:conformance>\012"
	    "  </rdf:Description>\012 </rdf:RDF>\012</x:xmpmeta>\012"
	    "<?xpacket end=\"r\"?>");
	ret += HPDF_Dict_Add(pdf->catalog, "Metadata", md);
	return ret;
}

int
mc_pdfa_profile_init(HPDF_Doc pdf, mc_pdfa_profile *prof)
{
	(void)pdf;
	prof->data = mc_srgb_icc_deflated;
	prof->len = mc_srgb_icc_deflated_len;
	return 0;
}

void
mc_pdfa_profile_free(mc_pdfa_profile *prof)
{
	prof->data = NULL;
	prof->len = 0;
}

static HPDF_STATUS
output_intent(HPDF_Doc pdf, const mc_pdfa_profile *prof)
{
	HPDF_Dict icc = HPDF_DictStream_New(pdf->mmgr, pdf->xref);
	HPDF_Dict intent = HPDF_Dict_New(pdf->mmgr);
	HPDF_Array intents = HPDF_Array_New(pdf->mmgr);
	HPDF_STATUS ret;

	if (icc == NULL || intent == NULL || intents == NULL)
		return HPDF_GetError(pdf);
	ret = HPDF_Dict_AddNumber(icc, "N", 3);
	/* Deflated at build time (mc_pdfa_profile_init). */
	ret += mc_pdf_put_deflated(icc, prof->data, prof->len);
	ret += HPDF_Dict_AddName(intent, "Type", "OutputIntent");
	ret += HPDF_Dict_AddName(intent, "S", "GTS_PDFA1");
	ret += HPDF_Dict_Add(intent, "OutputConditionIdentifier",
	    HPDF_String_New(pdf->mmgr, "sRGB IEC61966-2.1", NULL));
	ret += HPDF_Dict_Add(intent, "Info",
	    HPDF_String_New(pdf->mmgr, "sRGB IEC61966-2.1", NULL));
	ret += HPDF_Dict_Add(intent, "DestOutputProfile", icc);
	ret += HPDF_Array_Add(intents, intent);
	ret += HPDF_Dict_Add(pdf->catalog, "OutputIntents", intents);
	return ret;
}

HPDF_STATUS
mc_pdfa_prepare(HPDF_Doc pdf, const mc_pdfa_meta *m, const mc_pdfa_profile *prof)
{
	static const HPDF_BYTE zero[16];
	HPDF_Array id = HPDF_Array_New(pdf->mmgr);
	HPDF_STATUS ret;

	if (id == NULL)
		return HPDF_GetError(pdf);
	pdf->pdf_version = HPDF_VER_17;
	ret = metadata(pdf, m);
	ret += output_intent(pdf, prof);
	ret += HPDF_Array_Add(id, HPDF_Binary_New(pdf->mmgr, (HPDF_BYTE *)zero, 16));
	ret += HPDF_Array_Add(id, HPDF_Binary_New(pdf->mmgr, (HPDF_BYTE *)zero, 16));
	ret += HPDF_Dict_Add(pdf->trailer, "ID", id);
	return ret;
}

void
mc_pdfa_set_id(mc_buffer *out, size_t start)
{
	size_t n = out->len - start, k = sizeof(ID_HOLDER) - 1, i = n;
	char *base = out->data + start;
	uint64_t h[2];
	char hex[33];

	/* The trailer's « /ID », the last in the file. */
	while (i-- > 3)
		if (memcmp(base + i - 3, "/ID", 3) == 0)
			break;
	if (i <= 3)
		return;
	mc_pdf_hash((const unsigned char *)base, n, h);
	snprintf(hex, sizeof(hex), "%016llX%016llX", (unsigned long long)h[0],
	    (unsigned long long)h[1]);
	/* Both strings of the array: the same at creation. */
	for (int twice = 0; twice < 2; twice++) {
		while (i + k <= n && memcmp(base + i, ID_HOLDER, k) != 0)
			i++;
		if (i + k > n)
			return;
		memcpy(base + i + 1, hex, 32);
		i += k;
	}
}
