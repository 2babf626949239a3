/* pdf_deflate.h — a letter's streams deflated by libdeflate instead of
 * libharu's zlib, each distinct embedded font subset once (pdf_deflate.c).
 * Only libharu and libdeflate are needed: the bench's floor uses it too. */
#ifndef MC_PDF_DEFLATE_H
#define MC_PDF_DEFLATE_H

#include <hpdf.h>

typedef struct mc_deflate mc_deflate;

/* One per libharu handle, used by one thread at a time: its compressors and
 * its cache of deflated font subsets. NULL when memory is short: libharu's
 * own path then deflates as it always did. */
mc_deflate *mc_deflate_new(void);
void mc_deflate_free(mc_deflate *d);

/* Just before HPDF_SaveToStream: deflates every stream libharu would
 * deflate (FlateDecode, nothing of its own at write time) and leaves it to
 * libharu to copy as it is, under the same /Filter. The embedded fonts'
 * descriptors are made now rather than during the save (libharu makes them
 * once per document), so that their font files can be taken from the cache.
 * The file is the same as libharu's with its streams deflated otherwise:
 * the same objects in the same order, each stream inflating to the same
 * bytes. A stream this fails on (no memory) is left to libharu. Returns
 * HPDF_OK or libharu's error. */
HPDF_STATUS mc_deflate_doc(mc_deflate *d, HPDF_Doc pdf);

/* Counters since mc_deflate_new, for the bench and the tests. */
typedef struct mc_deflate_stats {
	unsigned long streams;          /* deflated here */
	unsigned long font_hits;        /* font subsets taken from the cache */
	unsigned long font_misses;      /* font subsets deflated */
	unsigned long fonts_written;    /* of which written by pdf_subset.c */
} mc_deflate_stats;
mc_deflate_stats mc_deflate_get_stats(const mc_deflate *d);

#endif
