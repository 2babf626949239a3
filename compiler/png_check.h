/* png_check.h — whether the PDF library can load a PNG (a template's logo)
 * without stopping the program, checked once when the template is read. */
#ifndef MC_PNG_CHECK_H
#define MC_PNG_CHECK_H

#include <stddef.h>

/* Pixels on a side of a logo, at most: libharu holds the decoded image. */
#define MC_PNG_MAX_SIDE 4096

typedef enum mc_png_problem {
	MC_PNG_OK,
	MC_PNG_UNREADABLE,   /* not PNG, truncated, damaged (CRC, compressed data) */
	MC_PNG_TOO_LARGE,    /* a side over MC_PNG_MAX_SIDE */
	MC_PNG_SMALL_PALETTE /* 1, 2 or 4 bits a pixel from a palette, with transparency */
} mc_png_problem;

/* Decodes the whole image (one row at a time) as libharu will; *w and *h get
 * its size when its header was read. */
mc_png_problem mc_png_check(const unsigned char *data, size_t len, unsigned *w,
    unsigned *h);

#endif
