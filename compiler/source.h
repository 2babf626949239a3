/* source.h — a source file held in memory: its text (copied into the arena with
 * the two NUL bytes flex wants at the end), the index of its lines, and the checks
 * every input goes through before lexing (size, NUL bytes, UTF-8). */
#ifndef MC_SOURCE_H
#define MC_SOURCE_H

#include "diag.h"

#define MC_MAX_FILE_SIZE ((size_t)16 * 1024 * 1024)

struct mc_source {
	const char *name;
	const char *text;    /* len bytes followed by two NUL bytes */
	size_t len;
	uint32_t body;       /* offset of the first byte after a BOM */
	const uint32_t *lines; /* offset of the start of each line */
	size_t nlines;
	/* Characters before each block of MC_CHAR_BLOCK bytes: a column on a
	 * 16 Mio line costs one block's count, not the whole line's. */
	const uint32_t *chars;
	/* When NFC rewrote decomposed accents (normalize() in source.c): the
	 * text as given, and for each rewritten run of characters its start and
	 * end here and there, four offsets a run, in order. An editor counts
	 * positions in the text it holds, not in this one (LSP). */
	const char *original;
	size_t original_len;
	const uint32_t *remap;
	size_t nremap;
};

#define MC_CHAR_BLOCK 1024

/* Copies the text and indexes its lines. Returns 0 and emits a diagnostic when
 * the input cannot be lexed (too large, NUL byte, invalid UTF-8). */
int mc_source_init(mc_source *src, mc_arena *arena, mc_diags *diags,
    const char *name, const char *text, size_t len);

/* A byte offset of the text to the same place in the text as given, and
 * back; an offset inside a rewritten character goes to its start. The same
 * offset when normalization changed nothing. */
uint32_t mc_source_original_offset(const mc_source *src, uint32_t offset);
uint32_t mc_source_from_original(const mc_source *src, uint32_t offset);
/* The column of an offset counted in the code points of the text as given
 * (SARIF's « unicodeCodePoints »): a decomposed « é » there is two. */
unsigned mc_source_original_column(const mc_source *src, uint32_t offset);

/* Reads a whole file (malloc'd); on failure returns NULL and sets *err to
 * errno. */
char *mc_read_file(const char *path, size_t *len, int *err);


static inline mc_span
mc_span_of(const mc_source *src, uint32_t start, uint32_t end)
{
	mc_span s = { src, start, end };
	return s;
}

#endif
