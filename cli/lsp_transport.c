/* lsp_transport.c — JSON-RPC messages framed by « Content-Length » headers on
 * standard input and output. A broken frame or an oversized message is
 * dropped and reported; reading goes on with the next frame, so nothing a
 * client sends stops the server. */
#include <errno.h>
#include <math.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "lsp.h"

#define MAX_HEADER 8192

/* Reads what is available (waiting at most timeout_ms): 1 read, 0 EOF,
 * -1 timeout. */
static int
fill(lsp_reader *r, int timeout_ms)
{
	struct pollfd p = { r->fd, POLLIN, 0 };
	ssize_t n;

	if (poll(&p, 1, timeout_ms) == 0)
		return -1;
	if (r->cap - r->len < 65536) {
		size_t cap = r->cap ? r->cap * 2 : 131072;
		char *b = realloc(r->buf, cap);

		if (b == NULL)
			return 0;
		r->buf = b;
		r->cap = cap;
	}
	do
		n = read(r->fd, r->buf + r->len, r->cap - r->len);
	while (n < 0 && errno == EINTR);
	if (n <= 0)
		return 0;
	r->len += (size_t)n;
	return 1;
}

static void
consume(lsp_reader *r, size_t n)
{
	memmove(r->buf, r->buf + n, r->len - n);
	r->len -= n;
}

/* The end of the header block (after its empty line), or 0. */
static size_t
header_end(const lsp_reader *r)
{
	for (size_t i = 0; i + 3 < r->len && i < MAX_HEADER; i++)
		if (memcmp(r->buf + i, "\r\n\r\n", 4) == 0)
			return i + 4;
	return 0;
}

/* Where « Content-Length: » starts in the n bytes at h, or n: after a frame
 * whose length was wrong, the next header is found there. */
static size_t
next_header(const char *h, size_t n)
{
	for (size_t i = 0; i + 15 <= n; i++)
		if (strncasecmp(h + i, "Content-Length:", 15) == 0)
			return i;
	return n;
}

/* Content-Length of a header block; -1 when absent or not a number. */
static long long
content_length(const char *h, size_t n)
{
	const char *end = h + n;

	while (h < end) {
		const char *eol = memchr(h, '\n', (size_t)(end - h));
		size_t l = eol ? (size_t)(eol - h) : (size_t)(end - h);

		if (l > 15 && strncasecmp(h, "Content-Length:", 15) == 0) {
			long long v = 0;
			size_t i = 15;
			int digits = 0;

			while (i < l && h[i] == ' ')
				i++;
			for (; i < l && h[i] >= '0' && h[i] <= '9' && v < (1LL << 50); i++, digits++)
				v = v * 10 + (h[i] - '0');
			while (i < l && (h[i] == ' ' || h[i] == '\r'))
				i++;
			return digits > 0 && i == l ? v : -1;
		}
		h += l + 1;
	}
	return -1;
}

int
lsp_read(lsp_reader *r, char **body, size_t *len, int timeout_ms)
{
	*body = NULL;
	*len = 0;
	for (;;) {
		size_t h;
		long long n;
		int got;

		/* the rest of an oversized message, dropped as it comes */
		if (r->skip > 0) {
			size_t k = r->skip < r->len ? r->skip : r->len;

			consume(r, k);
			r->skip -= k;
			if (r->skip == 0)
				continue;
		} else if ((h = header_end(r)) > 0) {
			n = content_length(r->buf, h);
			if (n < 0) {
				/* The block may end with a good header after the
				 * rest of a message whose length was wrong: the
				 * stream goes on from there, not one frame later. */
				size_t k = next_header(r->buf + 1, h - 1) + 1;

				consume(r, k < h ? k : h);
				return LSP_READ_BAD;
			}
			if ((unsigned long long)n > LSP_MAX_MESSAGE) {
				/* said at once; its bytes are dropped as they come */
				consume(r, h);
				r->skip = (size_t)n;
				return LSP_READ_BAD;
			}
			if (r->len - h >= (size_t)n) {
				*body = malloc((size_t)n + 1);
				if (*body == NULL) {
					consume(r, h + (size_t)n);
					return LSP_READ_BAD;
				}
				memcpy(*body, r->buf + h, (size_t)n);
				(*body)[n] = '\0';
				*len = (size_t)n;
				consume(r, h + (size_t)n);
				return LSP_READ_MESSAGE;
			}
		} else if (r->len >= MAX_HEADER) {
			/* no header end in sight: not a frame, dropped */
			consume(r, r->len);
			return LSP_READ_BAD;
		}
		got = fill(r, timeout_ms);
		if (got < 0)
			return LSP_READ_TIMEOUT;
		if (got == 0)
			return LSP_READ_EOF;
	}
}

int
lsp_unread(lsp_reader *r, const char *data, size_t n)
{
	if (r->cap - r->len < n) {
		char *b = realloc(r->buf, r->len + n);

		if (b == NULL)
			return 0;
		r->buf = b;
		r->cap = r->len + n;
	}
	memmove(r->buf + n, r->buf, r->len);
	memcpy(r->buf, data, n);
	r->len += n;
	return 1;
}

int
lsp_is_header(const char *s, size_t n)
{
	/* « Content-Len » at the very end: the rest comes after it */
	return n > 0 && strncasecmp(s, "Content-Length:", n < 15 ? n : 15) == 0;
}

void
lsp_reader_free(lsp_reader *r)
{
	free(r->buf);
	r->buf = NULL;
	r->len = r->cap = 0;
}

/* JSON whitespace skipped. */
static const char *
blank(const char *p, const char *end)
{
	while (p < end && (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n'))
		p++;
	return p;
}

static unsigned
hex4(const char *p, const char *end)
{
	unsigned v = 0;

	for (int i = 0; i < 4; i++, p++) {
		int c = p < end ? *p : 0;

		v = v * 16 + (unsigned)(c >= '0' && c <= '9' ? c - '0' :
		    c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : 0);
	}
	return v;
}

/* The bytes of the string literal at p once decoded (as cJSON decodes it:
 * UTF-8, a surrogate pair in four bytes); *next: just after it, *nuls: its
 * « \u0000 ». */
static size_t
literal_length(const char *p, const char *end, const char **next, size_t *nuls)
{
	size_t n = 0;

	*nuls = 0;
	for (p++; p < end && *p != '"';) {
		unsigned cp;

		if (*p != '\\') {
			n++;
			p++;
			continue;
		}
		if (p + 1 >= end || p[1] != 'u') {
			n++;
			p += 2;
			continue;
		}
		cp = hex4(p + 2, end);
		p += 6;
		if (cp >= 0xd800 && cp <= 0xdbff && p + 1 < end && p[0] == '\\' && p[1] == 'u') {
			n += 4;
			p += 6;
		} else {
			n += cp < 0x80 ? 1 : cp < 0x800 ? 2 : 3;
			*nuls += cp == 0;
		}
	}
	*next = p < end ? p + 1 : end;
	return n;
}

/* Walks the JSON text of item (valid: cJSON read it) beside the item, in the
 * same order; returns the end of its text. */
static const char *
walk(cJSON *item, const char *p, const char *end)
{
	p = blank(p, end);
	if (p >= end)
		return end;
	if (*p == '"') {
		size_t nuls, n = literal_length(p, end, &p, &nuls);

		if (nuls > 0 && cJSON_IsString(item) && item->valuestring != NULL &&
		    n <= LSP_MAX_MESSAGE)
			item->valueint = (int)n;
		return p;
	}
	if (*p == '{' || *p == '[') {
		int object = *p == '{';

		p++;
		for (cJSON *c = item->child; c != NULL && p < end; c = c->next) {
			p = blank(p, end);
			if (object && p < end && *p == '"') {
				size_t nuls;

				literal_length(p, end, &p, &nuls);
				p = blank(p, end);
				if (p < end && *p == ':')
					p++;
			}
			p = blank(walk(c, p, end), end);
			if (p < end && *p == ',')
				p++;
		}
		p = blank(p, end);
		return p < end ? p + 1 : end;
	}
	/* a number, true, false, null */
	while (p < end && strchr(",]} \t\r\n", *p) == NULL)
		p++;
	return p;
}

void
lsp_keep_lengths(cJSON *msg, const char *json, size_t len)
{
	const char *p = json, *end = json + len;

	/* Only « \u0000 » cuts a string short of its length: a message
	 * without one is read as cJSON gives it. */
	while (end - p >= 6 && (p = memchr(p, '\\', (size_t)(end - p))) != NULL) {
		if (end - p >= 6 && memcmp(p, "\\u0000", 6) == 0) {
			walk(msg, json, end);
			return;
		}
		p += 2;   /* an escape is two characters at least */
	}
}

const char *
lsp_string(const cJSON *item, size_t *len)
{
	if (!cJSON_IsString(item) || item->valuestring == NULL)
		return NULL;
	*len = item->valueint > 0 ? (size_t)item->valueint : strlen(item->valuestring);
	return item->valuestring;
}

void
lsp_send(cJSON *msg)
{
	char *text;

	if (msg == NULL)
		return;
	cJSON_AddStringToObject(msg, "jsonrpc", "2.0");
	text = cJSON_PrintUnformatted(msg);
	cJSON_Delete(msg);
	if (text == NULL)
		return;
	printf("Content-Length: %zu\r\n\r\n%s", strlen(text), text);
	fflush(stdout);
	free(text);
}

static cJSON *
with_id(const cJSON *id)
{
	cJSON *msg = cJSON_CreateObject();

	if (msg == NULL)
		return NULL;
	if (cJSON_IsNumber(id) && id->valuedouble == floor(id->valuedouble) &&
	    fabs(id->valuedouble) <= 9007199254740992.0) {
		/* An integer is written whole: cJSON would write 15 digits
		 * (9.00719925474099e+15), not the client's identifier. */
		char digits[32];

		snprintf(digits, sizeof(digits), "%.0f", id->valuedouble);
		cJSON_AddItemToObject(msg, "id", cJSON_CreateRaw(digits));
	} else if (id != NULL && (cJSON_IsNumber(id) || cJSON_IsString(id)))
		cJSON_AddItemToObject(msg, "id", cJSON_Duplicate(id, 0));
	else
		cJSON_AddNullToObject(msg, "id");
	return msg;
}

void
lsp_respond(const cJSON *id, cJSON *result)
{
	cJSON *msg = with_id(id);

	if (msg == NULL) {
		cJSON_Delete(result);
		return;
	}
	cJSON_AddItemToObject(msg, "result", result != NULL ? result : cJSON_CreateNull());
	lsp_send(msg);
}

void
lsp_error(const cJSON *id, int code, const char *message)
{
	cJSON *msg = with_id(id), *err = cJSON_CreateObject();

	if (msg == NULL || err == NULL) {
		cJSON_Delete(msg);
		cJSON_Delete(err);
		return;
	}
	cJSON_AddNumberToObject(err, "code", code);
	cJSON_AddStringToObject(err, "message", message);
	cJSON_AddItemToObject(msg, "error", err);
	lsp_send(msg);
}

void
lsp_notify(const char *method, cJSON *params)
{
	cJSON *msg = cJSON_CreateObject();

	if (msg == NULL) {
		cJSON_Delete(params);
		return;
	}
	cJSON_AddStringToObject(msg, "method", method);
	cJSON_AddItemToObject(msg, "params", params);
	lsp_send(msg);
}

void
lsp_request(int number, const char *method, cJSON *params)
{
	cJSON *msg = cJSON_CreateObject();
	char id[32];

	if (msg == NULL) {
		cJSON_Delete(params);
		return;
	}
	snprintf(id, sizeof(id), "missionc-%d", number);
	cJSON_AddStringToObject(msg, "id", id);
	cJSON_AddStringToObject(msg, "method", method);
	cJSON_AddItemToObject(msg, "params", params);
	lsp_send(msg);
}
