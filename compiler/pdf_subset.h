/* pdf_subset.h — a TrueType font subset written byte for byte as libharu's
 * HPDF_TTFontDef_SaveFontData writes it, without its slow writer
 * (pdf_subset.c). Only libharu is needed: the bench's floor uses it too. */
#ifndef MC_PDF_SUBSET_H
#define MC_PDF_SUBSET_H

#include <stddef.h>

#include <hpdf.h>
#include <hpdf_fontdef.h>

typedef struct mc_subset mc_subset;

/* What every subset of a TrueType font definition shares: its tables that
 * never change, their checksums, its name table with the subset tag. NULL
 * when this writer does not handle the font (not embedded, not read from
 * memory, a table out of the file…) or memory is short: libharu then writes
 * its subsets. */
mc_subset *mc_subset_new(HPDF_FontDef def);
void mc_subset_free(mc_subset *s);

/* s was made for def as def is now (the same definition, font bytes and
 * subset tag). Does not read s's font: s may outlive it. */
int mc_subset_fits(const mc_subset *s, HPDF_FontDef def);

/* The subset of the glyphs def's flags mark, written into *buf (grown as
 * needed), as HPDF_TTFontDef_SaveFontData would write it, with its one side
 * effect: the definition's length1. Its length, or 0 when this writer
 * declines (s does not fit def, libharu would fail on these glyphs, memory
 * short): the caller then lets libharu write the subset. */
size_t mc_subset_write(const mc_subset *s, HPDF_FontDef def, unsigned char **buf,
    size_t *cap);

#endif
