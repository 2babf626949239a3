/* png_check.c — a template's PNG read through with libpng before libharu gets
 * it. libharu's libpng error handler returns instead of jumping back, and
 * libpng then aborts the program: a truncated or damaged logo stopped
 * `missionc produire`, and every thread of a batch, with « libpng error ».
 * Read here, with a handler that jumps back, the same bytes through the same
 * libpng calls (and further: to the end of the file) tell which images
 * libharu can load. Also refused: a side over MC_PNG_MAX_SIDE pixels (libharu
 * holds the whole decoded image, and multiplies width by height in 32 bits),
 * and a palette of 1, 2 or 4 bits with transparency, whose rows libharu
 * reads past (it takes one byte a pixel). */
#include "png_check.h"

#include <png.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>

/* A decoded row at most: MC_PNG_MAX_SIDE pixels of 4 bytes (16 bits are
 * stripped to 8, as libharu does), with room to spare. */
#define ROW_MAX ((size_t)MC_PNG_MAX_SIDE * 8)

typedef struct reader {
	const unsigned char *data;
	size_t len, at;
} reader;

static void
on_error(png_structp png, png_const_charp msg)
{
	(void)msg;
	png_longjmp(png, 1);
}

static void
on_warning(png_structp png, png_const_charp msg)
{
	(void)png;
	(void)msg;
}

/* A file that ends early is an error (libharu would go on with whatever the
 * buffer held). */
static void
read_bytes(png_structp png, png_bytep out, png_size_t n)
{
	reader *r = png_get_io_ptr(png);

	if (n > r->len - r->at)
		png_error(png, "truncated");
	memcpy(out, r->data + r->at, n);
	r->at += n;
}

/* Called under setjmp: any libpng error jumps back past it. */
static mc_png_problem
read_all(png_structp png, png_infop info, unsigned char *row, unsigned *w,
    unsigned *h)
{
	png_uint_32 width, height;
	int depth, colour, passes;

	png_read_info(png, info);
	png_get_IHDR(png, info, &width, &height, &depth, &colour, NULL, NULL, NULL);
	*w = width;
	*h = height;
	if (width > MC_PNG_MAX_SIDE || height > MC_PNG_MAX_SIDE)
		return MC_PNG_TOO_LARGE;
	if (colour == PNG_COLOR_TYPE_PALETTE && depth < 8 &&
	    png_get_valid(png, info, PNG_INFO_tRNS))
		return MC_PNG_SMALL_PALETTE;
	if (depth == 16)
		png_set_strip_16(png);
	passes = png_set_interlace_handling(png);
	png_read_update_info(png, info);
	if (png_get_rowbytes(png, info) > ROW_MAX)
		return MC_PNG_TOO_LARGE;
	for (int p = 0; p < passes; p++)
		for (png_uint_32 y = 0; y < height; y++)
			png_read_row(png, row, NULL);
	png_read_end(png, NULL);
	return MC_PNG_OK;
}

/* Its own frame for setjmp: nothing in it changes after. */
static mc_png_problem
guarded(png_structp png, png_infop info, unsigned char *row, unsigned *w,
    unsigned *h)
{
	if (setjmp(png_jmpbuf(png)) != 0)
		return MC_PNG_UNREADABLE;
	return read_all(png, info, row, w, h);
}

mc_png_problem
mc_png_check(const unsigned char *data, size_t len, unsigned *w, unsigned *h)
{
	reader r = { data, len, 0 };
	png_structp png;
	png_infop info;
	unsigned char *row;
	mc_png_problem problem = MC_PNG_UNREADABLE;

	*w = *h = 0;
	if (len < 8 || png_sig_cmp(data, 0, 8) != 0)
		return MC_PNG_UNREADABLE;
	row = malloc(ROW_MAX);
	png = row != NULL ? png_create_read_struct(PNG_LIBPNG_VER_STRING, NULL,
	    on_error, on_warning) : NULL;
	info = png != NULL ? png_create_info_struct(png) : NULL;
	if (info != NULL) {
		png_set_read_fn(png, &r, read_bytes);
		problem = guarded(png, info, row, w, h);
	}
	if (png != NULL)
		png_destroy_read_struct(&png, info != NULL ? &info : NULL, NULL);
	free(row);
	return problem;
}
