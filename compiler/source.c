/* source.c — loading a source into memory, validating it, and turning byte
 * offsets into the line:column pairs users read. */
#include "source.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

/* Length of the valid UTF-8 sequence at s (RFC 3629: no overlongs, no
 * surrogates, nothing above U+10FFFF), or 0 when it is invalid. */
static size_t
utf8_sequence(const unsigned char *s, size_t n)
{
	unsigned char c = s[0];

	if (c < 0x80)
		return 1;
	if (c >= 0xc2 && c <= 0xdf)
		return n >= 2 && (s[1] & 0xc0) == 0x80 ? 2 : 0;
	if (c >= 0xe0 && c <= 0xef) {
		unsigned char lo = c == 0xe0 ? 0xa0 : 0x80;
		unsigned char hi = c == 0xed ? 0x9f : 0xbf;

		return n >= 3 && s[1] >= lo && s[1] <= hi &&
		    (s[2] & 0xc0) == 0x80 ? 3 : 0;
	}
	if (c >= 0xf0 && c <= 0xf4) {
		unsigned char lo = c == 0xf0 ? 0x90 : 0x80;
		unsigned char hi = c == 0xf4 ? 0x8f : 0xbf;

		return n >= 4 && s[1] >= lo && s[1] <= hi &&
		    (s[2] & 0xc0) == 0x80 && (s[3] & 0xc0) == 0x80 ? 4 : 0;
	}
	return 0;
}

static int
index_chars(mc_source *src, mc_arena *arena)
{
	size_t nblocks = src->len / MC_CHAR_BLOCK + 1;
	uint32_t count = 0;
	uint32_t *chars = mc_arena_alloc(arena, nblocks * sizeof(*chars));

	src->chars = chars;
	if (chars == NULL)
		return 0;
	for (size_t k = 0; k < nblocks; k++) {
		size_t from = k * MC_CHAR_BLOCK;

		chars[k] = count;
		if (from < src->len)
			count += (uint32_t)mc_utf8_chars(src->text + from,
			    src->len - from < MC_CHAR_BLOCK ? src->len - from : MC_CHAR_BLOCK);
	}
	return 1;
}

/* Characters in the text before a byte offset. */
static size_t
chars_before(const mc_source *src, uint32_t offset)
{
	size_t k = offset / MC_CHAR_BLOCK;

	return src->chars[k] + mc_utf8_chars(src->text + k * MC_CHAR_BLOCK,
	    offset - k * MC_CHAR_BLOCK);
}

static int
index_lines(mc_source *src, mc_arena *arena)
{
	size_t n = 1, i = 0;
	const char *p = src->text, *end = src->text + src->len;
	uint32_t *lines;

	while ((p = memchr(p, '\n', (size_t)(end - p))) != NULL) {
		n++;
		p++;
	}
	lines = mc_arena_alloc(arena, n * sizeof(*lines));
	src->lines = lines;
	if (lines == NULL)
		return 0;
	lines[i++] = 0;
	p = src->text;
	while ((p = memchr(p, '\n', (size_t)(end - p))) != NULL) {
		p++;
		lines[i++] = (uint32_t)(p - src->text);
	}
	src->nlines = n;
	return index_chars(src, arena);
}

static int
ascii_letter(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* A byte that is no UTF-8 beside a letter (« Lyc\xE9e ») is most likely an
 * accented letter of a file saved in Windows-1252 (« ANSI » in Notepad,
 * Excel's « CSV »): the hint names the character it stands for there. NULL
 * when the byte stands alone, or for nothing that is a letter or French
 * punctuation. */
static const char *
cp1252_guess(mc_arena *arena, const unsigned char *u, size_t len, size_t i)
{
	uint32_t cp = mc_cp1252_decode(u[i]);
	utf8proc_uint8_t ch[8];
	utf8proc_ssize_t n;
	utf8proc_category_t cat;

	if (!((i > 0 && ascii_letter(u[i - 1])) || (i + 1 < len && ascii_letter(u[i + 1]))))
		return NULL;
	cat = utf8proc_category((utf8proc_int32_t)cp);
	if (cp == 0xFFFD || cp < 0xA0 || (cat != UTF8PROC_CATEGORY_LU &&
	    cat != UTF8PROC_CATEGORY_LL && cp != 0x2019 && cp != 0xAB && cp != 0xBB &&
	    cp != 0x20AC && cp != 0x2026 && cp != 0xB0))
		return NULL;
	n = utf8proc_encode_char((utf8proc_int32_t)cp, ch);
	return mc_arena_printf(arena,
	    "le fichier a sans doute été enregistré en Windows-1252 (« ANSI » dans le Bloc-notes), où cet octet est « %.*s » : enregistrez-le en UTF-8",
	    (int)n, (const char *)ch);
}

static unsigned
u8(const char *s, size_t i)
{
	return (unsigned char)s[i];
}

/* Where normalize() rewrote the text: the runs of characters that NFC
 * changed, each a starter and the combining marks after it, found by
 * composing the runs one by one. Returns 0 (no map: positions stay those of
 * the composed text) when that does not give the text composed as a whole,
 * or when memory runs out. */
static int
map_runs(mc_source *src, mc_arena *arena, const utf8proc_uint8_t *nfc,
    size_t nfc_len)
{
	const utf8proc_uint8_t *u = (const utf8proc_uint8_t *)src->text;
	uint32_t *runs = NULL, *kept;
	size_t n = 0, cap = 0, i = src->body, out = 0;

	while (i < src->len) {
		size_t from = i, m;
		utf8proc_int32_t cp;
		utf8proc_ssize_t k;
		utf8proc_uint8_t *one = NULL;

		k = utf8proc_iterate(u + i, (utf8proc_ssize_t)(src->len - i), &cp);
		if (k <= 0)
			break;
		i += (size_t)k;
		while (i < src->len) {
			k = utf8proc_iterate(u + i, (utf8proc_ssize_t)(src->len - i), &cp);
			if (k <= 0 || utf8proc_get_property(cp)->combining_class == 0)
				break;
			i += (size_t)k;
		}
		if (i - from == 1) {        /* ASCII alone: unchanged */
			if (out >= nfc_len || nfc[out] != u[from])
				break;
			out++;
			continue;
		}
		k = utf8proc_map(u + from, (utf8proc_ssize_t)(i - from), &one,
		    UTF8PROC_STABLE | UTF8PROC_COMPOSE);
		if (k < 0)
			break;
		m = (size_t)k;
		if (out + m > nfc_len || memcmp(nfc + out, one, m) != 0) {
			free(one);
			break;
		}
		if (m != i - from || memcmp(one, u + from, m) != 0) {
			if (n + 4 > cap) {
				size_t c = cap != 0 ? cap * 2 : 64;
				uint32_t *r = realloc(runs, c * sizeof(*r));

				if (r == NULL) {
					free(one);
					break;
				}
				runs = r;
				cap = c;
			}
			runs[n++] = (uint32_t)(src->body + out);
			runs[n++] = (uint32_t)from;
			runs[n++] = (uint32_t)(src->body + out + m);
			runs[n++] = (uint32_t)i;
		}
		free(one);
		out += m;
	}
	if (i < src->len || out != nfc_len ||
	    (kept = mc_arena_alloc(arena, n * sizeof(*kept) + 1)) == NULL) {
		free(runs);
		return 0;
	}
	if (n > 0)
		memcpy(kept, runs, n * sizeof(*kept));
	free(runs);
	src->original = src->text;
	src->original_len = src->len;
	src->remap = kept;
	src->nremap = n / 4;
	return 1;
}

/* The last run of src->remap whose start (field 0 here, 1 there) is at or
 * before offset, or (size_t)-1. */
static size_t
run_before(const mc_source *src, uint32_t offset, int there)
{
	size_t lo = 0, hi = src->nremap;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (src->remap[4 * mid + (size_t)there] <= offset)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo == 0 ? (size_t)-1 : lo - 1;
}

static uint32_t
remap(const mc_source *src, uint32_t offset, int there)
{
	size_t k;
	const uint32_t *r;

	if (src->nremap == 0 || (k = run_before(src, offset, there)) == (size_t)-1)
		return offset;
	r = src->remap + 4 * k;
	/* Past the run: the same distance from its end; inside: its start. */
	if (offset >= r[2 + there])
		return r[2 + !there] + (offset - r[2 + there]);
	return r[!there];
}

uint32_t
mc_source_original_offset(const mc_source *src, uint32_t offset)
{
	return remap(src, offset, 0);
}

uint32_t
mc_source_from_original(const mc_source *src, uint32_t offset)
{
	return remap(src, offset, 1);
}

unsigned
mc_source_original_column(const mc_source *src, uint32_t offset)
{
	unsigned line, col;
	uint32_t start, at;

	mc_source_position(src, offset, &line, &col);
	if (src->original == NULL)
		return col;
	start = mc_source_original_offset(src, mc_source_line_offset(src, line));
	at = mc_source_original_offset(src, offset > src->len ? (uint32_t)src->len : offset);
	return at > start ? 1 + (unsigned)mc_utf8_chars(src->original + start, at - start) : 1;
}

/* Text typed on a Mac comes decomposed (« e » then U+0301): composed to NFC
 * once here, so that keywords, names and texts compare equal whatever the
 * keyboard. Positions are those of the composed text (a decomposed « é » is one
 * column, as an editor shows it); src->remap leads back to the text as given.
 * Only texts with combining marks of the U+0300–U+036F block, the ones French
 * accents decompose into, are rewritten. */
static int
normalize(mc_source *src, mc_arena *arena)
{
	utf8proc_uint8_t *nfc = NULL;
	utf8proc_ssize_t n;
	char *text;

	if (memchr(src->text, 0xcc, src->len) == NULL &&
	    memchr(src->text, 0xcd, src->len) == NULL)
		return 1;
	n = utf8proc_map((const utf8proc_uint8_t *)src->text + src->body,
	    (utf8proc_ssize_t)(src->len - src->body), &nfc,
	    UTF8PROC_STABLE | UTF8PROC_COMPOSE);
	if (n < 0)
		return 1;   /* validated above: cannot happen; keep the text as is */
	text = mc_arena_alloc(arena, src->body + (size_t)n + 2);
	if (text == NULL) {
		free(nfc);
		return 0;
	}
	memcpy(text, src->text, src->body);
	memcpy(text + src->body, nfc, (size_t)n);
	text[src->body + (size_t)n] = text[src->body + (size_t)n + 1] = '\0';
	map_runs(src, arena, nfc, (size_t)n);
	free(nfc);
	src->text = text;
	src->len = src->body + (size_t)n;
	return index_lines(src, arena);
}

/* A carriage return alone ends a line, as in a file of a classic Mac or a
 * paragraph mark pasted from a word processor (LSP counts it so too): made a
 * line feed in place, offsets unchanged. « \r\n » stays, the scanner skips its
 * « \r ». Without this a whole file of CR lines would be one comment line. */
static void
lone_cr_to_lf(char *text, size_t len)
{
	char *p = text, *end = text + len;

	while ((p = memchr(p, '\r', (size_t)(end - p))) != NULL) {
		if (p + 1 == end || p[1] != '\n')
			*p = '\n';
		p++;
	}
}

int
mc_source_init(mc_source *src, mc_arena *arena, mc_diags *diags,
    const char *name, const char *text, size_t len)
{
	const unsigned char *u;
	char *copy;

	memset(src, 0, sizeof(*src));
	src->name = mc_arena_strdup(arena, name);
	if (len > MC_MAX_FILE_SIZE) {
		src->text = mc_arena_strndup(arena, "", 0);
		index_lines(src, arena);
		mc_diag_emit(diags, MC_D_FILE_TOO_LARGE, mc_span_of(src, 0, 0),
		    len, MC_MAX_FILE_SIZE);
		return 0;
	}
	copy = mc_arena_alloc(arena, len + 2);
	src->text = copy;
	if (copy == NULL || src->name == NULL)
		return 0;
	memcpy(copy, text, len);
	src->len = len;
	lone_cr_to_lf(copy, len);
	if (!index_lines(src, arena))
		return 0;
	if (len >= 3 && memcmp(text, "\xef\xbb\xbf", 3) == 0)
		src->body = 3;
	/* Saved as « Unicode » by Notepad: a text, but in UTF-16 (a byte
	 * order mark FF FE or FE FF, or ASCII letters each beside a NUL). */
	if (len >= 2 && ((u8(text, 0) == 0xff && u8(text, 1) == 0xfe) ||
	    (u8(text, 0) == 0xfe && u8(text, 1) == 0xff) ||
	    (len >= 4 && u8(text, 0) != 0 && u8(text, 0) < 0x80 && text[1] == 0 &&
	    u8(text, 2) != 0 && u8(text, 2) < 0x80 && text[3] == 0) ||
	    (len >= 4 && text[0] == 0 && u8(text, 1) != 0 && u8(text, 1) < 0x80 &&
	    text[2] == 0 && u8(text, 3) != 0 && u8(text, 3) < 0x80))) {
		/* Its lines, a NUL beside each letter, would show nothing. */
		src->text = mc_arena_strndup(arena, "", 0);
		src->len = src->body = 0;
		if (src->text == NULL || !index_lines(src, arena))
			return 0;
		mc_diag_emit(diags, MC_D_UTF16_FILE, mc_span_of(src, 0, 0));
		return 0;
	}
	u = (const unsigned char *)src->text;
	for (size_t i = src->body; i < len;) {
		size_t k;
		uint64_t x;

		/* Eight bytes at a time while they are ASCII and none is NUL:
		 * every référentiel is validated at each start. */
		if (i + 8 <= len) {
			memcpy(&x, u + i, sizeof(x));
			if (((x | ((x - UINT64_C(0x0101010101010101)) & ~x)) &
			    UINT64_C(0x8080808080808080)) == 0) {
				i += 8;
				continue;
			}
		}
		if (u[i] == 0) {
			mc_diag_emit(diags, MC_D_NUL_BYTE,
			    mc_span_of(src, (uint32_t)i, (uint32_t)i + 1));
			return 0;
		}
		if (u[i] < 0x80) {
			i++;
			continue;
		}
		k = utf8_sequence(u + i, len - i);
		if (k == 0) {
			mc_diag *diag = mc_diag_emit(diags, MC_D_INVALID_UTF8,
			    mc_span_of(src, (uint32_t)i, (uint32_t)i + 1), u[i]);

			if (diag != NULL)
				diag->suggestion = cp1252_guess(arena, u, len, i);
			return 0;
		}
		i += k;
	}
	return normalize(src, arena);
}

const char *
mc_source_name(const mc_source *src)
{
	return src->name;
}

size_t
mc_source_length(const mc_source *src)
{
	return src->len;
}

static size_t
line_of(const mc_source *src, uint32_t offset)
{
	size_t lo = 0, hi = src->nlines;

	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;

		if (src->lines[mid] <= offset)
			lo = mid;
		else
			hi = mid;
	}
	return lo;
}

void
mc_source_position(const mc_source *src, uint32_t offset, unsigned *line,
    unsigned *column)
{
	size_t l;
	unsigned col = 1;
	uint32_t start;

	if (offset > src->len)
		offset = (uint32_t)src->len;
	l = line_of(src, offset);
	start = src->lines[l];
	if (l == 0 && start < src->body)
		start = src->body;
	/* An offset inside the byte order mark is the first column. */
	if (offset < start)
		offset = start;
	col += (unsigned)(chars_before(src, offset) - chars_before(src, start));
	*line = (unsigned)l + 1;
	*column = col;
}

const char *
mc_source_line(const mc_source *src, unsigned line, size_t *len)
{
	uint32_t start, end;

	if (line == 0 || line > src->nlines) {
		*len = 0;
		return "";
	}
	start = src->lines[line - 1];
	if (line == 1 && start < src->body)
		start = src->body;
	end = line < src->nlines ? src->lines[line] - 1 : (uint32_t)src->len;
	if (end > start && src->text[end - 1] == '\r')
		end--;
	if (end < start)
		end = start;
	*len = end - start;
	return src->text + start;
}

uint32_t
mc_source_line_offset(const mc_source *src, unsigned line)
{
	uint32_t start;

	if (line == 0 || line > src->nlines)
		return (uint32_t)src->len;
	start = src->lines[line - 1];
	return line == 1 && start < src->body ? src->body : start;
}

size_t
mc_source_chars(const mc_source *src, uint32_t start, uint32_t end)
{
	if (end > src->len)
		end = (uint32_t)src->len;
	return start < end ? chars_before(src, end) - chars_before(src, start) : 0;
}

/* Every byte but the continuation bytes (10xxxxxx) starts a character.
 * Eight bytes at a time: the source index counts every byte of every
 * référentiel at each start. */
size_t
mc_utf8_chars(const char *s, size_t len)
{
	const uint64_t high = UINT64_C(0x8080808080808080);
	size_t cont = 0, i = 0;

	for (; i + 8 <= len; i += 8) {
		uint64_t x;

		memcpy(&x, s + i, sizeof(x));
		/* Bit 7 of a byte set and its bit 6 clear. */
		x = x & ~(x << 1) & high;
		while (x != 0) {
			x &= x - 1;
			cont++;
		}
	}
	for (; i < len; i++)
		if (((unsigned char)s[i] & 0xc0) == 0x80)
			cont++;
	return len - cont;
}
