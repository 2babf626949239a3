/* pdf_hyphen.h — where a French word may be hyphenated (pdf_hyphen.c), with
 * libhyphen and Debian's hyphen-fr patterns. */
#ifndef MC_PDF_HYPHEN_H
#define MC_PDF_HYPHEN_H

#include <hyphen.h>
#include <stddef.h>

/* Debian's French patterns (hyphen-fr). */
#define MC_HYPHEN_FR "/usr/share/hyphen/hyph_fr.dic"

typedef struct mc_hyphen mc_hyphen;

/* The patterns at path, or NULL (then nothing is hyphenated). */
mc_hyphen *mc_hyphen_load(const char *path);
/* MC_HYPHEN_FR as the program was built with it (hyphen_table.h); NULL out
 * of memory. */
mc_hyphen *mc_hyphen_fr(void);
void mc_hyphen_free(mc_hyphen *h);
/* libhyphen's dictionary (the tests compare the built-in one with the file's). */
const HyphenDict *mc_hyphen_dict(const mc_hyphen *h);
/* For a word of n Windows-1252 letters: after[i] = 1 where it may break
 * after letter i (two letters at least before, three after, as French
 * typography wants). Returns how many such places; 0 for a word too short
 * or too long. */
size_t mc_hyphen_points(mc_hyphen *h, const unsigned char *word, size_t n,
    unsigned char *after);
/* Writes every state of the built-in patterns now rather than as words
 * reach them (mc_hyphen_points does it word by word): for the tests, which
 * compare the whole dictionary. */
void mc_hyphen_fill_all(mc_hyphen *h);

#endif
