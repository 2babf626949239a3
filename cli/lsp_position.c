/* lsp_position.c — LSP positions (line from 0, character in UTF-16 code
 * units) to byte offsets and back, and file URIs to paths and back. An
 * accented letter is one UTF-16 unit but two bytes; a character beyond
 * U+FFFF is two units and four bytes. */
#define _XOPEN_SOURCE 700   /* realpath, PATH_MAX */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "lsp.h"

/* Bytes of the UTF-8 sequence that starts with c (1 for a stray byte). */
static size_t
seq_len(unsigned char c)
{
	return c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : c >= 0xc0 ? 2 : 1;
}

uint32_t
lsp_offset(const char *text, size_t len, uint32_t line, uint32_t character)
{
	size_t i = 0;
	uint32_t units = 0;

	/* A byte order mark is not part of what the editor shows. */
	if (len >= 3 && memcmp(text, "\xef\xbb\xbf", 3) == 0)
		i = 3;
	for (uint32_t l = 0; l < line; l++) {
		const char *nl = memchr(text + i, '\n', len - i);

		if (nl == NULL)
			return (uint32_t)len;
		i = (size_t)(nl - text) + 1;
	}
	while (i < len && text[i] != '\n' && units < character) {
		size_t n = seq_len((unsigned char)text[i]);

		if (i + n > len)
			n = len - i;
		units += n == 4 ? 2 : 1;
		i += n;
	}
	if (i > 0 && i <= len && text[i - 1] == '\r' && i < len && text[i] == '\n')
		i--;
	return (uint32_t)i;
}

cJSON *
lsp_position(const mc_source *src, uint32_t offset)
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
		for (uint32_t i = start; i < offset;) {
			size_t n = seq_len((unsigned char)src->text[i]);

			units += n == 4 ? 2 : 1;
			i += (uint32_t)n;
		}
	}
	cJSON_AddNumberToObject(pos, "line", line - 1);
	cJSON_AddNumberToObject(pos, "character", units);
	return pos;
}

cJSON *
lsp_range(const mc_source *src, uint32_t start, uint32_t end)
{
	cJSON *r = cJSON_CreateObject();

	if (r == NULL)
		return NULL;
	cJSON_AddItemToObject(r, "start", lsp_position(src, start));
	cJSON_AddItemToObject(r, "end", lsp_position(src, end < start ? start : end));
	return r;
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
	cJSON_AddItemToObject(loc, "range", lsp_range(span.src, span.start, span.end));
	return loc;
}
