/* cp1252.h — the characters every stage reads: UTF-8 decoding and the
 * Windows-1252 repertoire the PDF prints with (cp1252.c). Its own header so
 * that typography and the PDF character set need none of the backends. */
#ifndef MC_CP1252_H
#define MC_CP1252_H

#include <stddef.h>
#include <stdint.h>

/* The Windows-1252 byte that prints a code point in the PDF's fonts (U+202F
 * prints as the no-break space 0xA0), or 0 when none does. */
unsigned char mc_cp1252(uint32_t cp);
/* Decodes one UTF-8 character of valid UTF-8 at s; returns its length. */
size_t mc_utf8_decode(const char *s, uint32_t *cp);

#endif
