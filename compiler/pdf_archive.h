/* pdf_archive.h — what makes a letter's PDF an archival PDF/A-2b
 * (pdf_archive.c): XMP metadata matching the Info dictionary, the sRGB
 * output intent, and an /ID derived from the file's own bytes. */
#ifndef MC_PDF_ARCHIVE_H
#define MC_PDF_ARCHIVE_H

#include <hpdf.h>
#include <stdint.h>

#include "missionc.h"

/* The document's metadata, UTF-8, as the Info dictionary has it. */
typedef struct mc_pdfa_meta {
	const char *title, *author, *subject, *creator;
	int64_t epoch;          /* creation and modification date; 0: none */
} mc_pdfa_meta;

/* The sRGB profile of icc-profiles-free, built in deflated (the Makefile,
 * tools/icc_table.c): init points at it and cannot fail. */
typedef struct mc_pdfa_profile {
	const unsigned char *data;
	size_t len;
} mc_pdfa_profile;
int mc_pdfa_profile_init(HPDF_Doc pdf, mc_pdfa_profile *prof);
void mc_pdfa_profile_free(mc_pdfa_profile *prof);

/* Before saving: PDF 1.7, the XMP metadata stream, the output intent with
 * the profile, a placeholder /ID. HPDF_OK or libharu's error. */
HPDF_STATUS mc_pdfa_prepare(HPDF_Doc pdf, const mc_pdfa_meta *m,
    const mc_pdfa_profile *prof);

/* After saving into out from byte `start`: the /ID set to a hash of the
 * file's bytes (the same letter, the same bytes). */
void mc_pdfa_set_id(mc_buffer *out, size_t start);

#endif
