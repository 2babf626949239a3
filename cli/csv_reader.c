/* csv_reader.c — reading an HR export as it really is, with libcsv: a header row,
 * « ; » or « , » (detected), quoted fields with doubled quotes and line ends,
 * UTF-8 with or without BOM, or Windows-1252 / Latin-1 or Mac Roman (Excel
 * for Mac's « CSV (Macintosh) ») or UTF-16 with its BOM (Excel's « Texte
 * Unicode ») converted to UTF-8.
 * Streamed line by line; a badly quoted record or invalid UTF-8 is a problem
 * of that record only: the reader starts again on the line after the
 * record's first — a quote never closed loses its own line, not the rest of
 * the file it swallowed (those lines are read again). Lines may
 * end with LF, CRLF or CR alone (classic Mac OS, seen on the first 64 KiB);
 * a CR alone inside a line ends a record after as many fields as the
 * header's (line ends mixed in one file), and is a space elsewhere. A NUL byte, or
 * a cell longer than a letter's text may be, is its record's problem; so is,
 * in a file read as Windows-1252, a cell that is UTF-8 (it would print
 * « Ã© » for « é »). A row of empty cells only is a blank line. */
#include <csv.h>
#include <utf8proc.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cp1252.h"
#include "csv_reader.h"
#include "missionc.h"
#include "pdf_charset.h"

struct csv_file {
	FILE *f;
	struct csv_parser parser;
	int enc;                  /* csv_encoding: 8-bit when not CSV_ENC_UTF8 */
	char *line;               /* the line being read (getline) */
	size_t line_cap;
	char *conv;               /* the line in UTF-8 */
	size_t conv_cap;
	unsigned long lineno;     /* lines read so far */
	/* The record being built */
	char **fields;
	size_t nfields, fields_cap;
	int done;                 /* a record ended */
	int open;                 /* bytes fed since the last record ended */
	int first;                /* no line read yet: skip a BOM */
	unsigned char sep;
	int cr_only;              /* lines end with CR alone */
	int empty;                /* no byte, or a BOM and blank lines only */
	char head[65536];         /* the first bytes, to guess the encoding */
	size_t nhead;
	char *mem;                /* a UTF-16 file, as UTF-8: what f reads */
	const char *transcoded;   /* "UTF-16" then, or NULL */
	/* The lines of the record being built (as fed to the parser), to be
	 * read again from its second line when it turns out broken */
	char *rec_lines;
	size_t rec_len, rec_cap, rec_first;
	char *replay;             /* lines to read before the file's next */
	size_t replay_len, replay_pos;
	/* Problems of the record being built */
	int nul;
	size_t too_long;          /* 1 + the field, or 0 */
	size_t utf8_in_cp1252;    /* 1 + the field, or 0 */
	size_t width;             /* the header's fields, once read */
	size_t undefined;         /* 1 + the field with a byte that is no
	                           * character in Windows-1252, or 0 */
	unsigned char undefined_byte;
};

/* Mac Roman's bytes 0x80 to 0xFF (Apple's table, 0xDB being « € »). */
static const uint16_t mac_roman[128] = {
	0x00C4, 0x00C5, 0x00C7, 0x00C9, 0x00D1, 0x00D6, 0x00DC, 0x00E1,
	0x00E0, 0x00E2, 0x00E4, 0x00E3, 0x00E5, 0x00E7, 0x00E9, 0x00E8,
	0x00EA, 0x00EB, 0x00ED, 0x00EC, 0x00EE, 0x00EF, 0x00F1, 0x00F3,
	0x00F2, 0x00F4, 0x00F6, 0x00F5, 0x00FA, 0x00F9, 0x00FB, 0x00FC,
	0x2020, 0x00B0, 0x00A2, 0x00A3, 0x00A7, 0x2022, 0x00B6, 0x00DF,
	0x00AE, 0x00A9, 0x2122, 0x00B4, 0x00A8, 0x2260, 0x00C6, 0x00D8,
	0x221E, 0x00B1, 0x2264, 0x2265, 0x00A5, 0x00B5, 0x2202, 0x2211,
	0x220F, 0x03C0, 0x222B, 0x00AA, 0x00BA, 0x03A9, 0x00E6, 0x00F8,
	0x00BF, 0x00A1, 0x00AC, 0x221A, 0x0192, 0x2248, 0x2206, 0x00AB,
	0x00BB, 0x2026, 0x00A0, 0x00C0, 0x00C3, 0x00D5, 0x0152, 0x0153,
	0x2013, 0x2014, 0x201C, 0x201D, 0x2018, 0x2019, 0x00F7, 0x25CA,
	0x00FF, 0x0178, 0x2044, 0x20AC, 0x2039, 0x203A, 0xFB01, 0xFB02,
	0x2021, 0x00B7, 0x201A, 0x201E, 0x2030, 0x00C2, 0x00CA, 0x00C1,
	0x00CB, 0x00C8, 0x00CD, 0x00CE, 0x00CF, 0x00CC, 0x00D3, 0x00D4,
	0xF8FF, 0x00D2, 0x00DA, 0x00DB, 0x00D9, 0x0131, 0x02C6, 0x02DC,
	0x00AF, 0x02D8, 0x02D9, 0x02DA, 0x00B8, 0x02DD, 0x02DB, 0x02C7,
};

static uint32_t
decode_byte(int enc, unsigned char b)
{
	if (b < 0x80)
		return b;
	return enc == CSV_ENC_MAC_ROMAN ? mac_roman[b - 0x80] : mc_cp1252_decode(b);
}

/* Windows-1252 / Latin-1 or Mac Roman to UTF-8. Five bytes are no
 * character in Windows-1252 (0x81, 0x8D, 0x8F, 0x90, 0x9D): U+FFFD, and
 * the record's problem (on_field). */
static const char *
to_utf8(csv_file *c, const char *s, size_t n, size_t *out_len)
{
	size_t k = 0;

	if (c->conv_cap < 3 * n + 1) {
		char *p = realloc(c->conv, 3 * n + 1);

		if (p == NULL)
			return NULL;
		c->conv = p;
		c->conv_cap = 3 * n + 1;
	}
	for (size_t i = 0; i < n; i++)
		k += (size_t)utf8proc_encode_char((utf8proc_int32_t)
		    decode_byte(c->enc, (unsigned char)s[i]), (utf8proc_uint8_t *)c->conv + k);
	c->conv[k] = '\0';
	*out_len = k;
	return c->conv;
}

/* Does a Windows-1252 cell hold a character in UTF-8, two to four bytes
 * that read as « Ã© », « Ã¨ », « â€™ »? French names never have these. */
static int
holds_utf8(const unsigned char *u, size_t n)
{
	for (size_t i = 0; i + 1 < n; i++) {
		size_t k = (u[i] & 0xE0) == 0xC0 && u[i] >= 0xC2 ? 2 :
		    (u[i] & 0xF0) == 0xE0 ? 3 : (u[i] & 0xF8) == 0xF0 && u[i] <= 0xF4 ? 4 : 0;
		size_t j = 1;

		while (j < k && i + j < n && (u[i + j] & 0xC0) == 0x80)
			j++;
		if (k > 0 && j == k)
			return 1;
	}
	return 0;
}

static void
on_field(void *field, size_t len, void *data)
{
	csv_file *c = data;
	const char *s = field;
	char *copy;

	if (c->nfields == c->fields_cap) {
		size_t cap = c->fields_cap ? c->fields_cap * 2 : 16;
		char **f = realloc(c->fields, cap * sizeof(*f));

		if (f == NULL)
			return;
		c->fields = f;
		c->fields_cap = cap;
	}
	if (c->enc) {
		if (c->utf8_in_cp1252 == 0 && holds_utf8((const unsigned char *)s, len))
			c->utf8_in_cp1252 = c->nfields + 1;
		/* A byte Windows-1252 does not define is another encoding's
		 * letter (Mac Roman's « è », « ç », « ê », « ù »): never « � »
		 * in a letter, nor a riddle in the message. */
		if (c->undefined == 0 && c->enc == CSV_ENC_CP1252)
			for (size_t i = 0; i < len; i++)
				if (mc_cp1252_decode((unsigned char)s[i]) == 0xFFFD) {
					c->undefined = c->nfields + 1;
					c->undefined_byte = (unsigned char)s[i];
					break;
				}
		if ((s = to_utf8(c, s, len, &len)) == NULL)
			return;
	}
	/* « ="0130050J" » in quotes (« "=""0130050J""" »): the same text
	 * kept for Excel as excel_text reads unquoted. */
	if (len >= 3 && s[0] == '=' && s[1] == '"' && s[len - 1] == '"' &&
	    memchr(s + 2, '"', len - 3) == NULL) {
		s += 2;
		len -= 3;
	}
	if (len > CSV_MAX_CELL) {
		size_t chars = 0;

		for (size_t i = 0; i < len; i++)
			chars += ((unsigned char)s[i] & 0xC0) != 0x80;
		if (chars > CSV_MAX_CELL) {
			if (c->too_long == 0)
				c->too_long = c->nfields + 1;
			len = 0;
		}
	}
	copy = malloc(len + 1);
	if (copy == NULL)
		return;
	if (len > 0)
		memcpy(copy, s, len);
	copy[len] = '\0';
	c->fields[c->nfields++] = copy;
}

static void
on_record(int end, void *data)
{
	csv_file *c = data;

	(void)end;
	c->done = 1;
}

static void
drop_record(csv_file *c)
{
	for (size_t i = 0; i < c->nfields; i++)
		free(c->fields[i]);
	c->nfields = 0;
	c->done = 0;
	c->nul = 0;
	c->too_long = 0;
	c->utf8_in_cp1252 = 0;
	c->undefined = 0;
	c->rec_len = 0;
}

/* The separator the header uses most, outside quotes: « ; », « , » or tab. */
static unsigned char
detect(const char *line)
{
	size_t semi = 0, comma = 0, tab = 0;
	int quoted = 0;

	for (const char *p = line; *p != '\0' && *p != '\n'; p++) {
		if (*p == '"')
			quoted = !quoted;
		else if (!quoted && *p == ';')
			semi++;
		else if (!quoted && *p == ',')
			comma++;
		else if (!quoted && *p == '\t')
			tab++;
	}
	if (tab > semi && tab > comma)
		return '\t';
	return comma > semi ? ',' : ';';
}

static int cr_only(const char *s, size_t n);

/* Excel's « Texte Unicode » (UTF-16 with its BOM, cells separated by tabs):
 * the BOM says it, and its byte order. The whole file, as UTF-8, is then
 * what the reader reads, and its first bytes what it guesses from. A lone
 * surrogate, or an odd last byte, becomes a byte that is no UTF-8: its
 * record's problem, never a character made up. 0 when done or when the
 * file is not UTF-16 so, -1 on an error. */
static int
from_utf16(csv_file *c)
{
	const unsigned char *h = (const unsigned char *)c->head;
	int big = c->nhead >= 2 && h[0] == 0xFE && h[1] == 0xFF;
	unsigned char *in = NULL;
	size_t n = 0, cap = 0, k = 0;
	FILE *f;

	if (!big && !(c->nhead >= 2 && h[0] == 0xFF && h[1] == 0xFE &&
	    !(c->nhead >= 4 && h[2] == 0 && h[3] == 0)))
		return 0;
	rewind(c->f);
	for (;;) {
		size_t got;

		if (cap - n < 65536) {
			unsigned char *p = realloc(in, cap = cap * 2 + 65536);

			if (p == NULL) {
				free(in);
				return -1;
			}
			in = p;
		}
		if ((got = fread(in + n, 1, cap - n, c->f)) == 0)
			break;
		n += got;
	}
	/* Four UTF-8 bytes at most for two UTF-16 units, three for one. */
	if (ferror(c->f) || (c->mem = malloc(n / 2 * 3 + 2)) == NULL) {
		free(in);
		return -1;
	}
	for (size_t i = 2; i < n; i += 2) {
		uint32_t u, v;

		if (i + 1 == n) {
			c->mem[k++] = (char)0xFF;
			break;
		}
		u = big ? (uint32_t)in[i] << 8 | in[i + 1] : (uint32_t)in[i + 1] << 8 | in[i];
		if (u >= 0xD800 && u < 0xDC00 && i + 3 < n) {
			v = big ? (uint32_t)in[i + 2] << 8 | in[i + 3] : (uint32_t)in[i + 3] << 8 | in[i + 2];
			if (v >= 0xDC00 && v < 0xE000) {
				u = 0x10000 + ((u - 0xD800) << 10) + (v - 0xDC00);
				i += 2;
			}
		}
		if (u >= 0xD800 && u < 0xE000)
			c->mem[k++] = (char)0xFF;
		else
			k += (size_t)utf8proc_encode_char((utf8proc_int32_t)u,
			    (utf8proc_uint8_t *)c->mem + k);
	}
	free(in);
	if (k == 0 || (f = fmemopen(c->mem, k, "rb")) == NULL) {
		free(c->mem);
		c->mem = NULL;
		return k == 0 ? 0 : -1;
	}
	fclose(c->f);
	c->f = f;
	c->nhead = k < sizeof(c->head) ? k : sizeof(c->head);
	memcpy(c->head, c->mem, c->nhead);
	c->enc = CSV_ENC_UTF8;
	c->transcoded = "UTF-16";
	return 0;
}

/* Nothing but a BOM (UTF-8 or UTF-16) and line ends or blanks: an export
 * saved with no row at all is empty, not a file without a header. */
static int
blank(const char *s, size_t n)
{
	if (n >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0) {
		s += 3;
		n -= 3;
	} else if (n >= 2 && (memcmp(s, "\xFF\xFE", 2) == 0 || memcmp(s, "\xFE\xFF", 2) == 0)) {
		s += 2;
		n -= 2;
	}
	for (size_t i = 0; i < n; i++)
		if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r' && s[i] != '\n' && s[i] != '\0')
			return 0;
	return 1;
}

csv_file *
csv_open(const char *path, char sep, int enc)
{
	csv_file *c = calloc(1, sizeof(*c));

	if (c == NULL)
		return NULL;
	c->f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
	if (c->f == NULL || csv_init(&c->parser, CSV_STRICT | CSV_STRICT_FINI) != 0) {
		int saved = errno;

		if (c->f != NULL && c->f != stdin)
			fclose(c->f);
		free(c);
		errno = saved;
		return NULL;
	}
	c->enc = enc;
	c->sep = (unsigned char)sep;
	c->first = 1;
	/* The first bytes say the encoding and the line ends; a pipe is read
	 * as it comes. */
	if (c->f != stdin) {
		struct stat st;

		if (fstat(fileno(c->f), &st) == 0 && S_ISDIR(st.st_mode)) {
			/* fopen takes a folder, and its first read fails: say
			 * what it is rather than « no header ». */
			fclose(c->f);
			free(c);
			errno = EISDIR;
			return NULL;
		}
		if (fstat(fileno(c->f), &st) == 0 && S_ISREG(st.st_mode)) {
			c->nhead = fread(c->head, 1, sizeof(c->head), c->f);
			c->empty = (off_t)c->nhead == st.st_size && blank(c->head, c->nhead);
			rewind(c->f);
			if (!c->empty && from_utf16(c) != 0) {
				int saved = errno ? errno : ENOMEM;

				csv_free(&c->parser);
				fclose(c->f);
				free(c);
				errno = saved;
				return NULL;
			}
		}
		c->cr_only = cr_only(c->head, c->nhead);
	}
	return c;
}

/* Do lines end with CR alone (classic Mac OS, Excel's « CSV (Macintosh) »)?
 * Such an export still has LF inside a quoted cell (a line break typed
 * in the cell): only the line ends outside quotes count. */
static int
cr_only(const char *s, size_t n)
{
	size_t cr = 0, lf = 0;
	int quoted = 0;

	if (memchr(s, '\r', n) != NULL && memchr(s, '\n', n) == NULL)
		return 1;
	for (size_t i = 0; i < n; i++)
		if (s[i] == '"')
			quoted = !quoted;
		else if (!quoted && s[i] == '\n')
			lf++;
		else if (!quoted && s[i] == '\r' && (i + 1 == n || s[i + 1] != '\n'))
			cr++;
	return cr > 0 && lf == 0;
}

const char *
csv_not_text(const csv_file *c)
{
	const char *h = c->head;

	if (c->nhead >= 4 && memcmp(h, "PK\3\4", 4) == 0)
		return "un classeur (.xlsx ou .ods), pas un fichier CSV";
	if (c->nhead >= 8 && memcmp(h, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) == 0)
		return "un classeur Excel 97-2003 (.xls), pas un fichier CSV";
	if (c->nhead >= 5 && memcmp(h, "%PDF-", 5) == 0)
		return "un PDF, pas un fichier CSV";
	return NULL;
}

const char *
csv_transcoded(const csv_file *c)
{
	return c->transcoded;
}

int
csv_is_empty(const csv_file *c)
{
	return c->empty;
}

void
csv_set_encoding(csv_file *c, int enc)
{
	c->enc = enc;
}

/* Counts the valid UTF-8 characters of two bytes and more, and the bytes
 * that are not UTF-8, in n bytes; a character cut at the end does not count. */
static void
count_utf8(const unsigned char *u, size_t n, size_t *valid, size_t *invalid)
{
	size_t i = 0;

	*valid = *invalid = 0;
	while (i < n) {
		size_t k = u[i] < 0x80 ? 1 : (u[i] & 0xE0) == 0xC0 && u[i] >= 0xC2 ? 2 :
		    (u[i] & 0xF0) == 0xE0 ? 3 : (u[i] & 0xF8) == 0xF0 && u[i] <= 0xF4 ? 4 : 0;
		size_t j = 1;

		if (k > 1 && i + k > n)
			break;
		while (j < k && (u[i + j] & 0xC0) == 0x80)
			j++;
		if (k == 0 || j < k) {
			(*invalid)++;
			i++;
			continue;
		}
		*valid += k > 1;
		i += k;
	}
}

/* How French text reads in an 8-bit encoding: the guess between Windows-1252
 * and Mac Roman. Each encoding's letters are the other's rare signs, but
 * not always: Mac Roman's capitals È Ê Î Ô Ù (E9 E6 EB EF F4) are
 * Windows-1252's small é æ ë ï ô, and Windows-1252's capitals É È Ç (C9 C8
 * C7) Mac Roman's « … » « ». Counting bytes by range misses an export in
 * capitals (« HÉLÈNE BÉRANGER »). So each byte of 0x80 and above is read,
 * in its word, as each encoding reads it: a French letter whose case fits
 * its word (« Léa », « HÉLÈNE », « école »), or French punctuation outside
 * a word (« ’ » inside one), counts for it; a sign French does not write
 * (Ž ˆ ‰ ƒ †), a byte that is no character, a letter of the wrong case
 * inside a word (« HƒLéNE », « LÈa »), punctuation inside a word
 * (« H…L»NE ») counts against it. */
static const uint16_t french_letters[] = {
	0x00C0, 0x00C2, 0x00C4, 0x00C6, 0x00C7, 0x00C8, 0x00C9, 0x00CA, 0x00CB, 0x00CE,
	0x00CF, 0x00D4, 0x00D6, 0x00D9, 0x00DB, 0x00DC, 0x00E0, 0x00E2, 0x00E4, 0x00E6,
	0x00E7, 0x00E8, 0x00E9, 0x00EA, 0x00EB, 0x00EE, 0x00EF, 0x00F4, 0x00F6, 0x00F9,
	0x00FB, 0x00FC, 0x00FF, 0x0152, 0x0153, 0x0178,
};
/* Letters of names from elsewhere (Núñez, João, Åberg): neither for nor
 * against an encoding, but for their case. */
static const uint16_t other_letters[] = {
	0x00C1, 0x00C3, 0x00C5, 0x00CC, 0x00CD, 0x00D1, 0x00D2, 0x00D3, 0x00D5, 0x00D8,
	0x00DA, 0x00DF, 0x00E1, 0x00E3, 0x00E5, 0x00EC, 0x00ED, 0x00F1, 0x00F2, 0x00F3,
	0x00F5, 0x00F8, 0x00FA,
};
/* « ’ » is apart: inside a word (« l’école », « D’ARTAGNAN »). */
static const uint16_t french_punctuation[] = {
	0x00A0, 0x00AB, 0x00B0, 0x00B7, 0x00BB, 0x2013, 0x2014, 0x2018, 0x201C, 0x201D,
	0x2026, 0x20AC,
};

static int
among(uint32_t cp, const uint16_t *set, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (set[i] == cp)
			return 1;
	return 0;
}

static int
is_letter(uint32_t cp)
{
	utf8proc_category_t k = utf8proc_category((utf8proc_int32_t)cp);

	return k >= UTF8PROC_CATEGORY_LU && k <= UTF8PROC_CATEGORY_LO;
}

static int
is_upper(uint32_t cp)
{
	return utf8proc_category((utf8proc_int32_t)cp) == UTF8PROC_CATEGORY_LU;
}

/* Does a letter's case fit its word? `at` letters of the word come before
 * it. A capital starts a word or follows one (« Élodie », « HÉLÈNE »), not a
 * digit (« 24Êh », Mac Roman's no-break space read as Windows-1252); a
 * small letter follows a small one or a word's first capital (« Léa »), and
 * precedes no capital. A letter alone between blanks is « à ». */
static int
case_fits(uint32_t cp, uint32_t prev, uint32_t next, size_t at)
{
	if (at == 0 && !is_letter(next))
		return cp == 0x00E0 || cp == 0x00C0;
	if (is_upper(cp)) {
		if (at == 0)
			return prev < '0' || prev > '9';
		return is_upper(prev) && (!is_letter(next) || is_upper(next));
	}
	if (is_letter(next) && is_upper(next))
		return 0;
	return at <= 1 || !is_upper(prev);
}

/* How French the bytes read in enc: the higher, the more. */
static long
french_score(const unsigned char *u, size_t n, int enc)
{
	long score = 0;
	size_t at = 0;          /* letters of the word before u[i] */
	uint32_t prev = ' ';

	for (size_t i = 0; i < n; i++) {
		uint32_t cp = decode_byte(enc, u[i]);
		uint32_t next = i + 1 < n ? decode_byte(enc, u[i + 1]) : ' ';

		if (u[i] >= 0x80) {
			int inside = is_letter(prev) && is_letter(next);

			if (among(cp, french_letters, sizeof(french_letters) / 2))
				score += case_fits(cp, prev, next, at) ? 2 : -2;
			else if (among(cp, other_letters, sizeof(other_letters) / 2))
				score -= case_fits(cp, prev, next, at) ? 0 : 2;
			else if (cp == 0x2019)
				score += inside ? 2 : 0;
			else if (among(cp, french_punctuation, sizeof(french_punctuation) / 2))
				score += inside ? -2 : 1;
			else
				score -= 2;
		}
		at = is_letter(cp) ? at + 1 : 0;
		prev = cp;
	}
	return score;
}

const char *
csv_encoding_guess(csv_file *c)
{
	const unsigned char *u = (const unsigned char *)c->head;
	size_t n = c->nhead, zeros = 0, valid, invalid;

	if (n >= 4 && (memcmp(u, "\xff\xfe\0\0", 4) == 0 || memcmp(u, "\0\0\xfe\xff", 4) == 0))
		return "UTF-32";
	if (n >= 2 && (memcmp(u, "\xff\xfe", 2) == 0 || memcmp(u, "\xfe\xff", 2) == 0))
		return "UTF-16";
	/* UTF-16 without its BOM: every other byte of a Latin text is 0. */
	for (size_t i = 0; i < n && i < 512; i++)
		zeros += u[i] == 0;
	if (n >= 4 && zeros * 3 >= (n < 512 ? n : 512))
		return "UTF-16";
	if (n >= 3 && memcmp(u, "\xef\xbb\xbf", 3) == 0)
		return NULL;
	/* Not one accented letter in UTF-8, and bytes that are not: a
	 * Windows-1252 export. A UTF-8 export with a few bad rows has its
	 * other accents in UTF-8, and these rows are rejected one by one. */
	count_utf8(u, n, &valid, &invalid);
	if (invalid == 0 || valid > 0)
		return NULL;
	return french_score(u, n, CSV_ENC_MAC_ROMAN) > french_score(u, n, CSV_ENC_CP1252) ?
	    "Mac Roman" : "Windows-1252";
}

/* The first invalid byte of a UTF-8 string, or -1. */
static int
bad_utf8(const char *s)
{
	const unsigned char *u = (const unsigned char *)s;

	while (*u != 0) {
		size_t n = *u < 0x80 ? 1 : (*u & 0xE0) == 0xC0 && *u >= 0xC2 ? 2 :
		    (*u & 0xF0) == 0xE0 ? 3 : (*u & 0xF8) == 0xF0 && *u <= 0xF4 ? 4 : 0;

		if (n == 0)
			return *u;
		for (size_t i = 1; i < n; i++)
			if ((u[i] & 0xC0) != 0x80)
				return *u;
		u += n;
	}
	return -1;
}

/* The first control character of a UTF-8 cell — C0 but tab and line
 * ends, DEL, C1 (U+0080 to U+009F): mc_char_kind_of, the rule of every
 * letter's text — as a code point, or -1. A spreadsheet shows none of them;
 * a letter would print them as « � » or not at all. Any cell of the record,
 * used by the letter or not: such a byte says the export is damaged. */
static long
control_char(const char *s)
{
	const unsigned char *u = (const unsigned char *)s;

	while (*u != 0) {
		uint32_t cp;

		if (*u >= 0x20 && *u < 0x7F) {
			u++;
			continue;
		}
		u += mc_utf8_decode((const char *)u, &cp);
		if (mc_char_kind_of(cp) == MC_CHAR_CONTROL)
			return (long)cp;
	}
	return -1;
}

/* The record's cells are all empty (or blanks): a blank line. */
static int
all_empty_fields(const csv_record *rec)
{
	for (size_t i = 0; i < rec->nfields; i++)
		if (rec->fields[i][strspn(rec->fields[i], " \t")] != '\0')
			return 0;
	return 1;
}

static void
take(csv_file *c, csv_record *rec)
{
	if (c->width == 0)
		c->width = c->nfields;
	c->rec_len = 0;
	if (c->nul) {
		/* Its cells would be cut at the NUL: the record is lost. */
		drop_record(c);
		c->open = 0;
		rec->problem = CSV_NUL;
		return;
	}
	if (c->too_long) {
		rec->problem = CSV_TOO_LONG;
		rec->column = c->too_long - 1;
		c->too_long = 0;
	} else if (c->utf8_in_cp1252) {
		rec->problem = CSV_UTF8_AS_CP1252;
		rec->column = c->utf8_in_cp1252 - 1;
	} else if (c->undefined) {
		rec->problem = CSV_UNDEFINED_CP1252;
		rec->column = c->undefined - 1;
		rec->byte = c->undefined_byte;
	}
	c->utf8_in_cp1252 = 0;
	c->undefined = 0;
	c->open = 0;
	rec->fields = c->fields;
	rec->nfields = c->nfields;
	c->fields = NULL;
	c->nfields = c->fields_cap = 0;
	c->done = 0;
	for (size_t i = 0; i < rec->nfields; i++) {
		int b = bad_utf8(rec->fields[i]);
		long ctl;

		if (b >= 0 && rec->problem == CSV_OK) {
			rec->problem = CSV_BAD_UTF8;
			rec->column = i;
			rec->byte = (unsigned)b;
		} else if (rec->problem == CSV_OK && (ctl = control_char(rec->fields[i])) >= 0) {
			rec->problem = CSV_CONTROL;
			rec->column = i;
			rec->byte = (unsigned)ctl;
		}
	}
}

/* Keeps a line of the record being built, as fed to the parser. */
static int
keep_line(csv_file *c, const char *s, size_t len)
{
	if (c->rec_len + len > c->rec_cap) {
		size_t cap = (c->rec_len + len) * 2;
		char *p = realloc(c->rec_lines, cap);

		if (p == NULL)
			return -1;
		c->rec_lines = p;
		c->rec_cap = cap;
	}
	if (c->rec_len == 0)
		c->rec_first = len;
	memcpy(c->rec_lines + c->rec_len, s, len);
	c->rec_len += len;
	return 0;
}

/* Lines to read before the file's next: before what is already there. */
static int
read_next(csv_file *c, const char *s, size_t len)
{
	size_t rest = c->replay_len - c->replay_pos;
	char *r = malloc(len + rest + 1);

	if (r == NULL)
		return -1;
	memcpy(r, s, len);
	if (rest > 0)
		memcpy(r + len, c->replay + c->replay_pos, rest);
	free(c->replay);
	c->replay = r;
	c->replay_len = len + rest;
	c->replay_pos = 0;
	return 0;
}

/* A broken record: lost, but not the lines after its first, which may be
 * rows that an unclosed quote swallowed. They are read again, before the
 * rest of the file (and of what was already to be read again). */
static int
broken(csv_file *c, csv_record *rec)
{
	if (read_next(c, c->rec_lines + c->rec_first, c->rec_len - c->rec_first) != 0)
		return -1;
	c->lineno = rec->line;
	drop_record(c);
	c->open = 0;
	rec->problem = CSV_BAD_QUOTING;
	csv_free(&c->parser);
	csv_init(&c->parser, CSV_STRICT | CSV_STRICT_FINI);
	if (c->sep)
		csv_set_delim(&c->parser, c->sep);
	return 1;
}

/* A CR alone inside a line of n bytes: the end of a record when the line
 * starts one and the fields before it, outside quotes, are the header's
 * (an export whose line ends are mixed, LF and CR alone: two rows, not one
 * of twice the columns); otherwise a space (« Mor\reau », a CR in a cell):
 * libcsv would end the record there and merge the rest into the next. The
 * line's new length: what follows a record's end is to be read next. The
 * quotes are counted as libcsv reads them: "" inside quotes toggles twice. */
static size_t
lone_cr(const csv_file *c, char *line, size_t n)
{
	/* A record begun on lines before: its fields so far, and whether
	 * this line starts inside quotes. */
	size_t fields = c->open ? c->nfields + 1 : 1;
	int quoted = c->open && c->parser.quoted;

	for (size_t i = 0; i + 1 < n; i++) {
		if (line[i] == '"')
			quoted = !quoted;
		else if (!quoted && c->sep != 0 && (unsigned char)line[i] == c->sep)
			fields++;
		else if (line[i] == '\r' && line[i + 1] != '\n') {
			if (!quoted && c->width > 1 && fields == c->width) {
				line[i] = '\n';
				return i + 1;
			}
			line[i] = ' ';
		}
	}
	return n;
}

/* « ;="0130050J"; », unquoted: how an export keeps, for Excel, a text that
 * looks like a number as it is (a UAI's or a matricule's leading zero);
 * the value is the text between the quotes. libcsv refuses a quote inside
 * an unquoted field: the « = » goes, and the field is a quoted one. Only a
 * field that is exactly that: a formula of anything else (« =A1 »,
 * « ="a"&B1 ») stays, refused for what it is. The line's new length. */
static size_t
excel_text(const csv_file *c, char *line, size_t n)
{
	int quoted = c->open && c->parser.quoted;
	int start = !c->open;      /* at a field's start */

	for (size_t i = 0; i < n; i++) {
		if (start && !quoted && line[i] == '=' && i + 1 < n && line[i + 1] == '"') {
			size_t j = i + 2;

			while (j < n && line[j] != '"' && line[j] != '\n' && line[j] != '\r')
				j++;
			if (j < n && line[j] == '"' && (j + 1 == n || line[j + 1] == '\n' ||
			    line[j + 1] == '\r' || (unsigned char)line[j + 1] == c->sep)) {
				memmove(line + i, line + i + 1, n - i - 1);
				n--;
				/* On past the closing quote: « "0130050J" ». */
				i = j - 1;
				start = 0;
				continue;
			}
		}
		start = 0;
		if (line[i] == '"')
			quoted = !quoted;
		else if (!quoted && (unsigned char)line[i] == c->sep)
			start = 1;
	}
	return n;
}

/* The next line: one to read again, or the file's (its line end made LF
 * when lines end with CR alone, a CR alone inside it a record's end or a
 * space: lone_cr, a BOM at its start gone); its length, 0 at the end, -1 on
 * a read error. */
static ssize_t
next_line(csv_file *c, char **s)
{
	ssize_t n;
	size_t kept;

	if (c->replay_pos < c->replay_len) {
		char *p = c->replay + c->replay_pos;
		const char *nl = memchr(p, '\n', c->replay_len - c->replay_pos);
		size_t len = nl != NULL ? (size_t)(nl - p) + 1 : c->replay_len - c->replay_pos;

		len = lone_cr(c, p, len);
		c->replay_pos += len;
		*s = p;
		return (ssize_t)len;
	}
	n = getdelim(&c->line, &c->line_cap, c->cr_only ? '\r' : '\n', c->f);
	if (n < 0)
		return ferror(c->f) ? -1 : 0;
	if (c->cr_only && c->line[n - 1] == '\r')
		c->line[n - 1] = '\n';
	kept = lone_cr(c, c->line, (size_t)n);
	if (kept < (size_t)n) {
		if (read_next(c, c->line + kept, (size_t)n - kept) != 0)
			return -1;
		n = (ssize_t)kept;
	}
	*s = c->line;
	if (c->first) {
		c->first = 0;
		if (n >= 3 && memcmp(c->line, "\xEF\xBB\xBF", 3) == 0) {
			*s += 3;
			n -= 3;
		}
		/* « sep=; », Excel's first line: the separator, not a header. */
		if (n >= 5 && strncmp(*s, "sep=", 4) == 0 && (n == 5 || (*s)[5] == '\n' ||
		    ((*s)[5] == '\r' && n == 7))) {
			if (c->sep == 0)
				c->sep = (unsigned char)(*s)[4];
			csv_set_delim(&c->parser, c->sep);
			c->lineno++;
			return next_line(c, s);
		}
		if (c->sep == 0)
			c->sep = detect(*s);
		csv_set_delim(&c->parser, c->sep);
	}
	return n;
}

int
csv_next(csv_file *c, csv_record *rec)
{
	memset(rec, 0, sizeof(*rec));
	for (;;) {
		char *s;
		ssize_t n = next_line(c, &s);
		size_t len;

		if (n < 0)
			return -1;
		n = (ssize_t)excel_text(c, s, (size_t)n);
		if (n == 0) {
			/* End of the file: a record may still be open. */
			if (!c->open)
				return 0;
			/* Ended by the file's end, not by a line end: an
			 * export cut short, or written without a last line
			 * end; within quotes, only when the record is its
			 * last line (no swallowed line to read again). */
			rec->cut = c->rec_len == c->rec_first;
			if (csv_fini(&c->parser, on_field, on_record, c) != 0 || !c->done)
				return broken(c, rec);
			if (c->nfields == 0)
				return 0;
			rec->cut = 1;
			take(c, rec);
			return 1;
		}
		c->lineno++;
		len = (size_t)n;
		if (memchr(s, '\0', len) != NULL)
			c->nul = 1;
		/* A line end alone ends no record: blank lines are skipped. */
		if (!c->open && (len == 0 || (len == 1 && s[0] == '\n') ||
		    (len == 2 && s[0] == '\r' && s[1] == '\n'))) {
			c->nul = 0;
			continue;
		}
		if (rec->line == 0)
			rec->line = c->lineno;
		/* Lines ending with CR alone: a LF typed in a cell is a line
		 * too, as in the same export with LF line ends. */
		if (c->cr_only)
			for (size_t i = 0; i + 1 < len; i++)
				c->lineno += s[i] == '\n';
		c->open = 1;
		if (keep_line(c, s, len) != 0)
			return -1;
		/* Broken quoting; or a quoted cell already longer than any cell
		 * may be, which has swallowed the lines after its own. */
		if (csv_parse(&c->parser, s, len, on_field, on_record, c) != len ||
		    (!c->done && c->parser.quoted && c->parser.entry_pos > 4 * CSV_MAX_CELL))
			return broken(c, rec);
		if (c->done) {
			take(c, rec);
			if (rec->problem == CSV_OK && all_empty_fields(rec)) {
				csv_record_free(rec);
				memset(rec, 0, sizeof(*rec));
				continue;
			}
			return 1;
		}
	}
}

void
csv_record_free(csv_record *rec)
{
	for (size_t i = 0; i < rec->nfields; i++)
		free(rec->fields[i]);
	free(rec->fields);
	rec->fields = NULL;
	rec->nfields = 0;
}

double
csv_progress(const csv_file *c)
{
	struct stat st;
	long pos = ftell(c->f);

	if (pos < 0 || fstat(fileno(c->f), &st) != 0 || !S_ISREG(st.st_mode) || st.st_size <= 0)
		return -1;
	return (double)pos / (double)st.st_size;
}

char
csv_separator(const csv_file *c)
{
	return (char)c->sep;
}

void
csv_close(csv_file *c)
{
	if (c == NULL)
		return;
	drop_record(c);
	free(c->fields);
	free(c->rec_lines);
	free(c->replay);
	csv_free(&c->parser);
	if (c->f != stdin)
		fclose(c->f);
	free(c->line);
	free(c->conv);
	free(c->mem);
	free(c);
}
