/* lsp_position.c — LSP positions (line from 0, character in code units of
 * the encoding agreed at initialize: UTF-16 unless the client offers UTF-8 or
 * UTF-32) to byte offsets of the library's text and back, and file URIs to
 * paths and back. An accented letter is one UTF-16 unit but two bytes; a
 * character beyond U+FFFF is two units and four bytes. The library composes
 * a decomposed « é » (NFC): its offsets are mapped to the client's text. */
#define _XOPEN_SOURCE 700   /* realpath, PATH_MAX */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "lsp.h"

int
lsp_encoding_named(const char *name)
{
	if (name == NULL)
		return 0;
	return strcmp(name, "utf-8") == 0 ? 8 : strcmp(name, "utf-16") == 0 ? 16 :
	    strcmp(name, "utf-32") == 0 ? 32 : 0;
}

int
lsp_pick_encoding(const cJSON *offered)
{
	const cJSON *e;

	if (!cJSON_IsArray(offered))
		return 16;
	/* The client's first choice among those the server knows. */
	cJSON_ArrayForEach(e, offered) {
		int encoding = lsp_encoding_named(cJSON_GetStringValue(e));

		if (encoding != 0)
			return encoding;
	}
	return 16;
}

const char *
lsp_encoding_name(int encoding)
{
	return encoding == 8 ? "utf-8" : encoding == 32 ? "utf-32" : "utf-16";
}

/* Bytes of the UTF-8 sequence that starts with c (1 for a stray byte). */
static size_t
seq_len(unsigned char c)
{
	return c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : c >= 0xc0 ? 2 : 1;
}

/* Code units of a character of n bytes in the encoding. */
static uint32_t
units_of(int encoding, size_t n)
{
	return encoding == 8 ? (uint32_t)n : encoding == 32 ? 1 : n == 4 ? 2 : 1;
}

/* Offsets in the composed text ↔ in the client's text. */
static uint32_t
to_text(const lsp_doc *d, uint32_t offset)
{
	if (d->composed == NULL)
		return offset < d->len ? offset : (uint32_t)d->len;
	return offset < d->ncomposed ? d->composed[offset] : (uint32_t)d->len;
}

static uint32_t
to_composed(const lsp_doc *d, uint32_t offset)
{
	size_t lo = 0, hi;

	if (d->composed == NULL)
		return offset;
	/* the last composed offset that starts at or before it */
	hi = d->ncomposed;
	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;

		if (d->composed[mid] <= offset)
			lo = mid;
		else
			hi = mid;
	}
	return (uint32_t)lo;
}

void
lsp_doc_compose(lsp_doc *d)
{
	mc_arena arena;
	mc_diags diags;
	mc_source src;

	free(d->composed);
	d->composed = NULL;
	d->ncomposed = 0;
	/* The library composes what has a mark of U+0300–U+036F (source.c):
	 * without one, the two texts are the same. */
	if (memchr(d->text, 0xcc, d->len) == NULL && memchr(d->text, 0xcd, d->len) == NULL)
		return;
	/* The library's own reading of the text, and its map back to the text
	 * as given: one rule for the server, the compiler and SARIF. */
	mc_arena_init(&arena, 0);
	mc_diags_init(&diags, &arena, 1);
	if (mc_source_init(&src, &arena, &diags, "", d->text, d->len) && src.nremap > 0 &&
	    (d->composed = malloc((src.len + 1) * sizeof(uint32_t))) != NULL) {
		d->ncomposed = src.len + 1;
		for (size_t j = 0; j <= src.len; j++)
			d->composed[j] = mc_source_original_offset(&src, (uint32_t)j);
	}
	mc_diags_free(&diags);
	mc_arena_free(&arena);
}

/* The line ending at i: its length (2 for « \r\n »), 0 when none. */
static size_t
eol(const char *text, size_t len, size_t i)
{
	if (text[i] == '\n')
		return 1;
	if (text[i] == '\r')
		return i + 1 < len && text[i + 1] == '\n' ? 2 : 1;
	return 0;
}

uint32_t
lsp_offset(const lsp_doc *d, uint32_t line, uint32_t character)
{
	return to_composed(d, lsp_text_offset(d, line, character));
}

uint32_t
lsp_text_offset(const lsp_doc *d, uint32_t line, uint32_t character)
{
	const char *text = d->text;
	size_t len = d->len, i = 0;
	uint32_t units = 0;

	/* A byte order mark is not part of what the editor shows. */
	if (len >= 3 && memcmp(text, "\xef\xbb\xbf", 3) == 0)
		i = 3;
	/* Lines end with « \n », « \r\n » or « \r » (LSP 3.17, TextDocuments). */
	for (uint32_t l = 0; l < line; l++) {
		while (i < len && eol(text, len, i) == 0)
			i++;
		if (i == len)
			return (uint32_t)len;
		i += eol(text, len, i);
	}
	/* Past the end of the line: the end of the line. */
	while (i < len && eol(text, len, i) == 0 && units < character) {
		size_t n = seq_len((unsigned char)text[i]);

		if (i + n > len)
			n = len - i;
		units += units_of(d->encoding, n);
		i += n;
	}
	return (uint32_t)i;
}

/* Code units from byte start to byte end of text. */
static uint32_t
units_between(int encoding, const char *text, uint32_t start, uint32_t end)
{
	uint32_t units = 0;

	for (uint32_t i = start; i < end;) {
		size_t n = seq_len((unsigned char)text[i]);

		units += units_of(encoding, n);
		i += (uint32_t)n;
	}
	return units;
}

/* An offset of src to a position in the encoding; d: the document src was
 * read from, whose characters the client counts, or NULL when src is
 * another file. */
static cJSON *
position(int encoding, const lsp_doc *d, const mc_source *src, uint32_t offset)
{
	unsigned line = 1, col = 1;
	uint32_t start, units = 0;
	cJSON *pos = cJSON_CreateObject();

	if (pos == NULL)
		return NULL;
	if (offset > src->len)
		offset = (uint32_t)src->len;
	/* A byte order mark is not shown: offset 0 is the first character. */
	if (offset < src->body)
		offset = src->body;
	if (src->nlines > 0) {
		mc_source_position(src, offset, &line, &col);
		start = src->lines[line - 1];
		if (line == 1 && start < src->body)
			start = src->body;
		/* The library's text is composed (NFC): the client counts in
		 * its own, where « e » and U+0301 are two characters. */
		if (d != NULL)
			units = units_between(encoding, d->text, to_text(d, start),
			    to_text(d, offset));
		else
			units = units_between(encoding, src->text, start, offset);
	}
	cJSON_AddNumberToObject(pos, "line", line - 1);
	cJSON_AddNumberToObject(pos, "character", units);
	return pos;
}

static cJSON *
range(int encoding, const lsp_doc *d, const mc_source *src, uint32_t start, uint32_t end)
{
	cJSON *r = cJSON_CreateObject();

	if (r == NULL)
		return NULL;
	cJSON_AddItemToObject(r, "start", position(encoding, d, src, start));
	cJSON_AddItemToObject(r, "end", position(encoding, d, src, end < start ? start : end));
	return r;
}

cJSON *
lsp_range(const lsp_doc *d, const mc_source *src, uint32_t start, uint32_t end)
{
	return range(d->encoding, d, src, start, end);
}

int
lsp_read_position(const cJSON *pos, uint32_t *line, uint32_t *character)
{
	const cJSON *l = cJSON_GetObjectItemCaseSensitive(pos, "line");
	const cJSON *c = cJSON_GetObjectItemCaseSensitive(pos, "character");

	if (!cJSON_IsNumber(l) || !cJSON_IsNumber(c) || l->valuedouble < 0 ||
	    c->valuedouble < 0 || l->valuedouble > 4e9 || c->valuedouble > 4e9)
		return 0;
	*line = (uint32_t)l->valuedouble;
	*character = (uint32_t)c->valuedouble;
	return 1;
}

static int
hex(char c)
{
	return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 :
	    c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

char *
lsp_uri_path(const char *uri)
{
	const char *p;
	char *out, *o;

	if (strncmp(uri, "file://", 7) != 0)
		return NULL;
	p = uri + 7;
	if (*p != '/')      /* file://host/… */
		p = strchr(p, '/');
	if (p == NULL || (out = o = malloc(strlen(p) + 1)) == NULL)
		return NULL;
	for (; *p != '\0'; p++) {
		if (*p == '%' && hex(p[1]) >= 0 && hex(p[2]) >= 0) {
			*o++ = (char)(hex(p[1]) * 16 + hex(p[2]));
			p += 2;
		} else {
			*o++ = *p;
		}
	}
	*o = '\0';
	if (memchr(out, '\0', (size_t)(o - out)) != NULL) {
		free(out);
		return NULL;
	}
	return out;
}

char *
lsp_path_uri(const char *path)
{
	static const char keep[] = "-._~/!$&'()*+,;=:@";
	char full[PATH_MAX];
	const char *p = realpath(path, full) != NULL ? full : path;
	size_t size = strlen(p) * 3 + 8;
	char *out = malloc(size), *o;

	if (out == NULL)
		return NULL;
	o = out + snprintf(out, size, "file://");
	for (; *p != '\0'; p++) {
		unsigned char c = (unsigned char)*p;

		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9') || strchr(keep, c) != NULL)
			*o++ = (char)c;
		else
			o += snprintf(o, 4, "%%%02X", c);
	}
	*o = '\0';
	return out;
}

cJSON *
lsp_location(const lsp_doc *d, const mc_source *own, mc_span span)
{
	cJSON *loc = cJSON_CreateObject();
	char *uri;

	if (loc == NULL || span.src == NULL) {
		cJSON_Delete(loc);
		return NULL;
	}
	uri = span.src == own ? NULL : lsp_path_uri(mc_source_name(span.src));
	cJSON_AddStringToObject(loc, "uri", uri != NULL ? uri : d->uri);
	free(uri);
	/* Another file's characters, counted as the client counts this one's. */
	cJSON_AddItemToObject(loc, "range", range(d->encoding, span.src == own ? d : NULL,
	    span.src, span.start, span.end));
	return loc;
}
