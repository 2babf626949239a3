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
index_lines(mc_source *src, mc_arena *arena)
{
	size_t n = 1, i = 0;
	const char *p = src->text, *end = src->text + src->len;

	while ((p = memchr(p, '\n', (size_t)(end - p))) != NULL) {
		n++;
		p++;
	}
	src->lines = mc_arena_alloc(arena, n * sizeof(*src->lines));
	if (src->lines == NULL)
		return 0;
	src->lines[i++] = 0;
	p = src->text;
	while ((p = memchr(p, '\n', (size_t)(end - p))) != NULL) {
		p++;
		src->lines[i++] = (uint32_t)(p - src->text);
	}
	src->nlines = n;
	return 1;
}

/* Text typed on a Mac comes decomposed (« e » then U+0301): composed to NFC
 * once here, so that keywords, names and texts compare equal whatever the
 * keyboard. Positions are those of the composed text (a decomposed « é » is one
 * column, as an editor shows it). Only texts with combining marks of the
 * U+0300–U+036F block, the ones French accents decompose into, are rewritten. */
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
	free(nfc);
	src->text = text;
	src->len = src->body + (size_t)n;
	return index_lines(src, arena);
}

int
mc_source_init(mc_source *src, mc_arena *arena, mc_diags *diags,
    const char *name, const char *text, size_t len)
{
	const unsigned char *u;

	memset(src, 0, sizeof(*src));
	src->name = mc_arena_strdup(arena, name);
	if (len > MC_MAX_FILE_SIZE) {
		src->text = mc_arena_strndup(arena, "", 0);
		index_lines(src, arena);
		mc_diag_emit(diags, MC_D_FILE_TOO_LARGE, mc_span_of(src, 0, 0),
		    len, MC_MAX_FILE_SIZE);
		return 0;
	}
	src->text = mc_arena_alloc(arena, len + 2);
	if (src->text == NULL || src->name == NULL)
		return 0;
	memcpy(src->text, text, len);
	src->len = len;
	if (!index_lines(src, arena))
		return 0;
	if (len >= 3 && memcmp(text, "\xef\xbb\xbf", 3) == 0)
		src->body = 3;
	u = (const unsigned char *)src->text;
	for (size_t i = src->body; i < len;) {
		size_t k;

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
			mc_diag_emit(diags, MC_D_INVALID_UTF8,
			    mc_span_of(src, (uint32_t)i, (uint32_t)i + 1), u[i]);
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
	col += (unsigned)mc_utf8_chars(src->text + start, offset - start);
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

size_t
mc_utf8_chars(const char *s, size_t len)
{
	size_t n = 0;

	/* Every byte but the continuation bytes starts a character. */
	for (size_t i = 0; i < len; i++)
		if (((unsigned char)s[i] & 0xc0) != 0x80)
			n++;
	return n;
}
