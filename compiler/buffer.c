/* buffer.c — a growing output buffer: a rendered letter is built in memory,
 * then written at once (atomically by the CLI, or kept by a batch). */
#include "missionc.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void
mc_buffer_init(mc_buffer *b)
{
	b->data = NULL;
	b->len = b->cap = 0;
	b->failed = 0;
}

static int
reserve(mc_buffer *b, size_t more)
{
	size_t cap;
	char *p;

	if (b->failed)
		return 0;
	if (more < b->cap - b->len)
		return 1;
	/* Small at first: most buffers are a sentence (an agreement, a report
	 * cell), and 4 KiB is past malloc's per-thread cache, where each
	 * request may sweep the small blocks libharu just freed. */
	cap = b->cap ? b->cap : 256;
	while (cap - b->len <= more) {
		if (cap > ((size_t)-1) / 2) {
			b->failed = 1;
			return 0;
		}
		cap *= 2;
	}
	p = realloc(b->data, cap);
	if (p == NULL) {
		b->failed = 1;
		return 0;
	}
	b->data = p;
	b->cap = cap;
	return 1;
}

void
mc_buffer_put(mc_buffer *b, const char *s, size_t n)
{
	/* The room checked here first: libharu saves a letter in a thousand
	 * small writes. */
	if (n >= b->cap - b->len && (n == 0 || !reserve(b, n)))
		return;
	memcpy(b->data + b->len, s, n);
	b->len += n;
	b->data[b->len] = '\0';
}

void
mc_buffer_puts(mc_buffer *b, const char *s)
{
	mc_buffer_put(b, s, strlen(s));
}

void
mc_buffer_printf(mc_buffer *b, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0) {
		b->failed = 1;
		return;
	}
	if (!reserve(b, (size_t)n + 1))
		return;
	va_start(ap, fmt);
	vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
}

void
mc_buffer_clear(mc_buffer *b)
{
	b->len = 0;
	b->failed = 0;
	if (b->data != NULL)
		b->data[0] = '\0';
}

void
mc_buffer_free(mc_buffer *b)
{
	free(b->data);
	mc_buffer_init(b);
}
