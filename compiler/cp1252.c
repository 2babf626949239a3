/* cp1252.c — UTF-8 decoding and the Windows-1252 repertoire the PDF prints
 * with (WinAnsiEncoding and fonts subset to it: see PDF-NOTES). */
#include "cp1252.h"
#include "missionc.h"

/* 0x80–0x9F of Windows-1252; 0 where it defines nothing. */
static const uint16_t cp1252_high[32] = {
	0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
	0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017D, 0,
	0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
	0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178
};

unsigned char
mc_cp1252(uint32_t cp)
{
	if ((cp >= 0x20 && cp < 0x7F) || (cp >= 0xA0 && cp <= 0xFF))
		return (unsigned char)cp;
	/* The narrow no-break space is not in Windows-1252: the PDF prints the
	 * no-break space instead, which text extractors give back as a space
	 * all the same. */
	if (cp == 0x202F)
		return 0xA0;
	if (cp == 0)
		return 0;
	for (unsigned i = 0; i < 32; i++)
		if (cp1252_high[i] == cp)
			return (unsigned char)(0x80 + i);
	return 0;
}

uint32_t
mc_cp1252_decode(unsigned char byte)
{
	if (byte < 0x80 || byte >= 0xA0)
		return byte;
	return cp1252_high[byte - 0x80] != 0 ? cp1252_high[byte - 0x80] : 0xFFFD;
}

size_t
mc_utf8_decode(const char *s, uint32_t *cp)
{
	const unsigned char *u = (const unsigned char *)s;

	if (u[0] < 0x80) {
		*cp = u[0];
		return 1;
	}
	if ((u[0] & 0xE0) == 0xC0 && u[1] != 0) {
		*cp = ((uint32_t)(u[0] & 0x1F) << 6) | (u[1] & 0x3F);
		return 2;
	}
	if ((u[0] & 0xF0) == 0xE0 && u[1] != 0 && u[2] != 0) {
		*cp = ((uint32_t)(u[0] & 0x0F) << 12) | ((uint32_t)(u[1] & 0x3F) << 6) |
		    (u[2] & 0x3F);
		return 3;
	}
	if ((u[0] & 0xF8) == 0xF0 && u[1] != 0 && u[2] != 0 && u[3] != 0) {
		*cp = ((uint32_t)(u[0] & 0x07) << 18) | ((uint32_t)(u[1] & 0x3F) << 12) |
		    ((uint32_t)(u[2] & 0x3F) << 6) | (u[3] & 0x3F);
		return 4;
	}
	*cp = 0xFFFD;    /* not reached on the validated texts of a letter */
	return 1;
}
