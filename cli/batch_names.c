/* batch_names.c — the file name of each letter of a batch, from the --nom
 * pattern: safe in any file system, unique over the whole batch, and given
 * in row order so that shards name files as one run does.
 *
 * Unique as a Windows or macOS share sees names: « Dupont » and « DUPONT »,
 * « é » composed or not (NFC, NFD) are one name there, so they are one name
 * here; names are written in NFC; Windows' reserved names (CON, NUL, COM1…)
 * get a « _ ». */
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <utf8proc.h>

#include "batch.h"

static uint64_t
hash(const char *s)
{
	uint64_t h = 1469598103934665603ULL;

	for (; *s != '\0'; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ULL;
	return h;
}

/* The key of a name as a case-insensitive file system compares it. */
static uint64_t
name_key(const char *name)
{
	utf8proc_uint8_t *folded = NULL;
	utf8proc_ssize_t n = utf8proc_map((const utf8proc_uint8_t *)name, -1, &folded,
	    UTF8PROC_NULLTERM | UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_CASEFOLD);
	uint64_t h = hash(n >= 0 && folded != NULL ? (const char *)folded : name);

	free(folded);
	return h;
}

/* 1 when the name was taken, -1 when memory runs out. A collision of two
 * 64-bit hashes only renames a letter « x-2 ». */
static int
name_taken(name_set *s, uint64_t h)
{
	int added;

	return u64_map_slot(&s->names, h, &added) == NULL ? -1 : !added;
}

/* Distinct numbers between the same fixed texts give distinct names, as
 * long as the name is not cut (make_safe keeps 120 bytes). */
void
name_set_init(name_set *s, const char *pattern)
{
	size_t counters = 0, cells = 0;

	memset(s, 0, sizeof(*s));
	for (const char *p = pattern; *p != '\0'; p++) {
		const char *end = *p == '{' ? strchr(p, '}') : NULL;

		if (end == NULL)
			continue;
		if (strncmp(p, "{n}", 3) == 0 || strncmp(p, "{ligne}", 7) == 0)
			counters++;
		else
			cells++;
		p = end;
	}
	s->by_counter = counters == 1 && cells == 0 && strlen(pattern) < 90;
}

int
name_set_add(name_set *s, const char *key)
{
	return name_taken(s, hash(key));
}

void
name_set_free(name_set *s)
{
	u64_map_free(&s->names);
	u64_map_free(&s->bases);
	memset(s, 0, sizeof(*s));
}

/* The next suffix to try for a base already met twice (« x-2 », « x-3 »…):
 * a thousand rows of one name cost a thousand tries, not half a million.
 * Only bases that collided are kept. */
static u64_slot *
base_slot(name_set *s, uint64_t h)
{
	int added;
	u64_slot *slot = u64_map_slot(&s->bases, h, &added);

	if (slot != NULL && added)
		slot->value = 2;
	return slot;
}

/* « base.ext », or « base-2.ext » for the second row of that name. */
static char *
with_ext(const char *base, const char *ext, int k)
{
	size_t n = strlen(base) + strlen(ext) + 16;
	char *s = malloc(n);

	if (s == NULL)
		return NULL;
	if (k == 1)
		snprintf(s, n, "%s.%s", base, ext);
	else
		snprintf(s, n, "%s-%d.%s", base, k, ext);
	return s;
}

/* The column a « {name} » of the pattern takes, or -1. */
static size_t
pattern_column(const char *name, size_t n, const char *const *columns, size_t ncolumns)
{
	for (size_t c = 0; c < ncolumns; c++)
		if (strlen(columns[c]) == n && strncasecmp(columns[c], name, n) == 0)
			return c;
	return (size_t)-1;
}

/* A « {prenon} » would be an empty piece of every name, silently: the
 * batch refuses the pattern before its first letter. */
const char *
batch_pattern_unknown(const char *pattern, const char *const *columns,
    size_t ncolumns, size_t *len)
{
	for (const char *p = pattern; *p != '\0'; p++) {
		const char *end = *p == '{' ? strchr(p, '}') : NULL;
		size_t n;

		if (end == NULL)
			continue;
		n = (size_t)(end - p - 1);
		if (!(n == 1 && p[1] == 'n') && !(n == 5 && strncmp(p + 1, "ligne", 5) == 0) &&
		    pattern_column(p + 1, n, columns, ncolumns) == (size_t)-1) {
			*len = n;
			return p + 1;
		}
		p = end;
	}
	return NULL;
}

/* A « {libelle} » that two columns answer (« Libellé » twice, or « Nom »
 * and « NOM »): which one each name takes would be a guess. */
const char *
batch_pattern_ambiguous(const char *pattern, const char *const *columns,
    size_t ncolumns, size_t *len)
{
	for (const char *p = pattern; *p != '\0'; p++) {
		const char *end = *p == '{' ? strchr(p, '}') : NULL;
		size_t n, c;

		if (end == NULL)
			continue;
		n = (size_t)(end - p - 1);
		if ((c = pattern_column(p + 1, n, columns, ncolumns)) != (size_t)-1 &&
		    pattern_column(p + 1, n, columns + c + 1, ncolumns - c - 1) != (size_t)-1) {
			*len = n;
			return p + 1;
		}
		p = end;
	}
	return NULL;
}

static void
fill_pattern(mc_buffer *b, const char *pattern, const char *const *columns,
    size_t ncolumns, const csv_record *rec, unsigned long index)
{
	for (const char *p = pattern; *p != '\0'; p++) {
		const char *end;

		if (*p == '{' && (end = strchr(p, '}')) != NULL) {
			size_t n = (size_t)(end - p - 1);

			if (n == 1 && p[1] == 'n') {
				mc_buffer_printf(b, "%05lu", index);
			} else if (n == 5 && strncmp(p + 1, "ligne", 5) == 0) {
				mc_buffer_printf(b, "%lu", rec->line);
			} else {
				size_t c = pattern_column(p + 1, n, columns, ncolumns);

				if (c < rec->nfields) {
					size_t from = b->len;

					/* As the letter prints it: « Joﬀre » is Joffre. */
					mc_buffer_puts(b, rec->fields[c]);
					/* An empty cell may leave the buffer unallocated. */
					if (!b->failed && b->len > from)
						b->len = from + mc_batch_cell_printed(b->data + from,
						    b->len - from);
				}
			}
			p = end;
		} else {
			mc_buffer_put(b, p, 1);
		}
	}
}

/* No « / », no « .. », no control character, not hidden, not an option,
 * not longer than a file system takes. */
static void
make_safe(mc_buffer *b)
{
	for (size_t i = 0; i < b->len; i++) {
		unsigned char c = (unsigned char)b->data[i];

		if (c <= 0x20 || c == 0x7F || c == '/' || c == '\\' || c == ':' ||
		    c == '*' || c == '?' || c == '"' || c == '<' || c == '>' || c == '|')
			b->data[i] = '_';
	}
	for (char *d; (d = strstr(b->data, "..")) != NULL;)
		d[0] = '_';
	/* Nor an option for a shell command, nor a formula where rapport.csv
	 * names it in a spreadsheet. */
	if (b->data[0] != '\0' && strchr(".-=+@", b->data[0]) != NULL)
		b->data[0] = '_';
	/* CON, PRN, AUX, NUL, COM1-9, LPT1-9, whatever the case or extension,
	 * are devices on Windows; a name ending with a dot loses it there. */
	{
		static const char *const reserved[] = { "con", "prn", "aux", "nul" };
		size_t base = strcspn(b->data, ".");
		int bad = 0;

		for (size_t k = 0; k < 4; k++)
			bad |= base == 3 && strncasecmp(b->data, reserved[k], 3) == 0;
		bad |= base == 4 && (strncasecmp(b->data, "com", 3) == 0 ||
		    strncasecmp(b->data, "lpt", 3) == 0) && b->data[3] >= '1' && b->data[3] <= '9';
		if (bad) {
			mc_buffer_put(b, "_", 1);
			memmove(b->data + 1, b->data, b->len - 1);
			b->data[0] = '_';
		}
		if (b->len > 0 && b->data[b->len - 1] == '.')
			b->data[b->len - 1] = '_';
	}
	if (b->len > 120) {
		/* Do not cut a UTF-8 character in two: back over its (at most
		 * three) continuation bytes, no further — a run of stray ones in a
		 * cell of bad bytes must not eat the whole name. */
		size_t n = 120;

		while (n > 117 && ((unsigned char)b->data[n] & 0xC0) == 0x80)
			n--;
		b->data[n] = '\0';
		b->len = n;
	}
}

char *
batch_file_name(const char *pattern, const char *const *columns, size_t ncolumns,
    const csv_record *rec, unsigned long index, name_set *taken, const char *ext)
{
	mc_buffer b;

	mc_buffer_init(&b);
	fill_pattern(&b, pattern, columns, ncolumns, rec, index);
	if (b.failed || b.data == NULL || b.len == 0) {
		mc_buffer_free(&b);
		mc_buffer_puts(&b, "lettre");
		if (b.failed)
			return NULL;
	}
	{
		/* Written in NFC: one way to write « é » in the folder. */
		utf8proc_uint8_t *nfc = utf8proc_NFC((const utf8proc_uint8_t *)b.data);

		if (nfc != NULL) {
			mc_buffer_clear(&b);
			mc_buffer_puts(&b, (const char *)nfc);
			free(nfc);
		}
	}
	make_safe(&b);
	if (b.failed) {
		mc_buffer_free(&b);
		return NULL;
	}
	for (int k = 1; k < 1000000; k++) {
		char *candidate = with_ext(b.data, ext, k);
		int seen = candidate == NULL ? -1 : taken->by_counter ? 0 :
		    name_taken(taken, name_key(candidate));
		u64_slot *slot;

		if (seen == 0) {
			if (k > 1 && (slot = base_slot(taken, name_key(b.data))) != NULL)
				slot->value = (uint64_t)k + 1;
			mc_buffer_free(&b);
			return candidate;
		}
		free(candidate);
		if (seen < 0)
			break;
		/* Taken: go on from the last suffix this base was given. */
		if (k == 1 && (slot = base_slot(taken, name_key(b.data))) != NULL &&
		    slot->value > 2)
			k = (int)slot->value - 1;
	}
	mc_buffer_free(&b);
	return NULL;
}
