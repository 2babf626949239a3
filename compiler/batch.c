/* batch.c — batch models: a letter whose values are «champs» filled from the
 * columns of a data file, row by row. The model is parsed once; each row gets
 * its own copy of the tree, in its own arena, with every field replaced by a
 * value node built from the cell — never by source text, so a name holding
 * « " », « """ », « } », « # » or a line end stays that name — then it is
 * resolved and checked exactly like a single letter. The model is read-only
 * once bound: threads check rows of one model at once. */
#include "compile.h"
#include "cp1252.h"
#include "fields.h"
#include "parse.h"
#include "pdf_charset.h"

#include <ctype.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* A statement repeated for each row of a letter's group (--par): « pour_chaque_ligne
 * { mission «mission» «heures» { … } } ». */
#define REPEAT "pour_chaque_ligne"
/* The model's own --par: « regrouper_par «matricule» », one letter per value. */
#define GROUP_BY "regrouper_par"

typedef struct batch_field {
	const char *name;        /* as written in the model, trimmed */
	const char *key;         /* folded, lower case: how columns match it
	                          * when none has the exact name */
	size_t column;           /* bound column, or (size_t)-1 */
	const mc_node *first;    /* where it first appears */
	int bare;                /* somewhere a value of its own, not in a text */
	/* Once the columns are bound: the first field of its column, which
	 * checks the cell for all (« «Nom» » and « «nom» » are one cell), and
	 * whether any field of the column is bare. */
	int checks_cell, column_bare;
} batch_field;

/* A field as spelt in the model (« «Nom» », « « Nom » »…): rows find their
 * field by spelling, with no trimming per row. */
typedef struct batch_spelling {
	const char *text;
	size_t len;
	size_t field;
} batch_spelling;

typedef struct batch_use {
	uint32_t start, end;     /* the field, or the string holding it */
	size_t field;
	int repeated;            /* in « pour_chaque_ligne »: one cell per row */
} batch_use;

/* Spellings by their bytes, or fields by name: open addressing, a slot
 * holding an entry's index + 1 (0: free), at most half full; NULL after an
 * allocation failed, and lookups then go one by one. Compared one by one,
 * a model of thousands of fields took a time growing with their square, to
 * read and for each row. */
typedef struct name_index {
	uint32_t *slots;
	size_t nslots;
} name_index;

struct mc_batch {
	mc_arena arena;
	mc_diags diags;
	mc_source src;
	mc_stdlib *lib;
	mc_node *stmts;
	size_t nstmts;
	batch_field *fields;
	size_t nfields, fields_cap;
	batch_use *uses;
	size_t nuses, uses_cap;
	batch_spelling *spellings;
	size_t nspellings, spellings_cap;
	name_index by_spelling, by_name;
	size_t group;            /* the field of « regrouper_par », or (size_t)-1 */
	int broken;
};

/* The length of a blank at s that nobody sees in a spreadsheet, 0 when
 * none: ASCII space, tab, CR, a space of any width (no-break and narrow
 * no-break spaces kept when typed in a header, U+3000…), a line or paragraph
 * separator, and the invisible characters a copy from a web page or a PDF
 * brings along — zero-width space U+200B, joiners, word joiner U+2060,
 * marks, embeddings and isolates of direction, a byte order mark U+FEFF,
 * soft hyphen (mc_char_blank). Inside a cell, these are refused
 * (check_cells); at its edges, nobody meant them. */
static size_t
invisible_at(const char *s, size_t len)
{
	uint32_t cp;
	size_t n;

	if (len == 0)
		return 0;
	if ((unsigned char)*s < 0x80)
		return *s == ' ' || *s == '\t' || *s == '\r';
	n = mc_utf8_decode(s, &cp);
	return n <= len && mc_char_blank(cp) ? n : 0;
}

/* The same, ending at e (s .. e being len bytes). */
static size_t
invisible_before(const char *e, size_t len)
{
	size_t k = 1;

	if (len == 0)
		return 0;
	while (k < 4 && k < len && ((unsigned char)e[-(ptrdiff_t)k] & 0xC0) == 0x80)
		k++;
	return invisible_at(e - k, k) == k ? k : 0;
}

/* Blanks around a name or a cell do not count (invisible_at): a header
 * « prenom » followed by a zero-width space is still « prenom ». */
static void
trim(const char **s, size_t *len)
{
	size_t n;

	while ((n = invisible_at(*s, *len)) > 0) {
		*s += n;
		*len -= n;
	}
	while ((n = invisible_before(*s + *len, *len)) > 0)
		*len -= n;
}

void
mc_batch_trim_column(char *name)
{
	const char *s = name;
	size_t len = strlen(name);

	trim(&s, &len);
	memmove(name, s, len);
	name[len] = '\0';
}

size_t
mc_batch_cell_printed(char *cell, size_t len)
{
	const char *s = cell;
	size_t o = 0;

	trim(&s, &len);
	for (size_t i = 0; i < len; i++) {
		/* The soft hyphen: each format cuts its words itself. */
		if (i + 1 < len && (unsigned char)s[i] == 0xC2 && (unsigned char)s[i + 1] == 0xAD) {
			i++;
			continue;
		}
		cell[o++] = s[i];
	}
	cell[o] = '\0';
	return mc_text_letters(cell, o);
}

/* Does a trimmed cell start with the word of a total (« Total », « TOTAL
 * GÉNÉRAL », « Sous-total : », « Totaux », « Nombre d’enseignants : 12 »),
 * and not a longer word (« Totalement », « Sommet »)? */
static int
total_word(const char *s, size_t len)
{
	static const char *const words[] = {
		"total", "totaux", "sous-total", "sous-totaux", "sous total", "grand total", "somme",
		"nombre de", "nombre d'", "nombre d\xe2\x80\x99", "effectif"
	};

	for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++) {
		size_t n = strlen(words[i]);

		/* The next byte: no letter, ASCII or not (« Totalé »), but
		 * after an apostrophe. */
		if (len >= n && strncasecmp(s, words[i], n) == 0 &&
		    (len == n || !isalpha((unsigned char)words[i][n - 1]) ||
		    (!isalpha((unsigned char)s[n]) && (unsigned char)s[n] < 0x80)))
			return 1;
	}
	return 0;
}

size_t
mc_batch_total_cell(const char *const *cells, size_t n, size_t width)
{
	size_t filled = 0, found = (size_t)-1;

	for (size_t i = 0; i < n; i++) {
		const char *s = cells[i];
		size_t len = strlen(s);

		trim(&s, &len);
		if (len == 0)
			continue;
		filled++;
		if (found == (size_t)-1 && total_word(s, len))
			found = i;
	}
	/* A person's row fills most of its cells; a total, a few. */
	if (found == (size_t)-1 || filled * 2 > (n > width ? n : width))
		return (size_t)-1;
	return found;
}

int
mc_batch_same_cell(const char *a, const char *b)
{
	size_t na = strlen(a), nb = strlen(b);

	char *x, *y;
	int same;

	trim(&a, &na);
	trim(&b, &nb);
	if (memchr(a, 0xEF, na) == NULL && memchr(b, 0xEF, nb) == NULL)
		return na == nb && memcmp(a, b, na) == 0;
	/* « Joﬀre » and « Joffre » are one name, printed the same (a
	 * ligature is its letters): rare enough for a copy. */
	x = malloc(na + 1);
	y = malloc(nb + 1);
	if (x == NULL || y == NULL) {
		free(x);
		free(y);
		return na == nb && memcmp(a, b, na) == 0;
	}
	memcpy(x, a, na);
	x[na] = '\0';
	memcpy(y, b, nb);
	y[nb] = '\0';
	na = mc_text_letters(x, na);
	nb = mc_text_letters(y, nb);
	same = na == nb && memcmp(x, y, na) == 0;
	free(x);
	free(y);
	return same;
}

/* When no column has a field's exact name, the one that has it without
 * accents, case, spaces, hyphens or apostrophes (« «Nom» » and « NOM »). */
static char *
column_key(mc_arena *a, const char *s, size_t len)
{
	/* « ’ » counts as « ' » (« «Nom d’usage» » and « Nom d'usage »), a
	 * no-break or narrow no-break space as a space. */
	static const char *const as_one[] = { "\xe2\x80\x99", "\xc2\xa0", "\xe2\x80\xaf" };
	char *k = (char *)mc_fold(a, s, len);

	for (size_t i = 0; i < sizeof(as_one) / sizeof(*as_one); i++)
		for (char *q; k != NULL && (q = strstr(k, as_one[i])) != NULL;) {
			size_t n = strlen(as_one[i]);

			q[0] = '_';
			memmove(q + 1, q + n, strlen(q + n) + 1);
		}

	for (char *p = k; p != NULL && *p != '\0'; p++) {
		*p = (char)tolower((unsigned char)*p);
		if (*p == ' ' || *p == '-' || *p == '\'')
			*p = '_';
	}
	return k;
}

/* Entry i of an index: a spelling's bytes, or a field's name. */
static int
entry_is(const mc_batch *b, const name_index *x, size_t i, const char *s, size_t len)
{
	if (x == &b->by_spelling)
		return b->spellings[i].len == len && memcmp(b->spellings[i].text, s, len) == 0;
	return strlen(b->fields[i].name) == len && memcmp(b->fields[i].name, s, len) == 0;
}

static const char *
entry_text(const mc_batch *b, const name_index *x, size_t i, size_t *len)
{
	if (x == &b->by_spelling) {
		*len = b->spellings[i].len;
		return b->spellings[i].text;
	}
	*len = strlen(b->fields[i].name);
	return b->fields[i].name;
}

/* The entry of these bytes among `count`, or (size_t)-1. */
static size_t
index_find(const mc_batch *b, const name_index *x, size_t count, const char *s,
    size_t len)
{
	if (x->slots == NULL) {
		for (size_t i = 0; i < count; i++)
			if (entry_is(b, x, i, s, len))
				return i;
		return (size_t)-1;
	}
	for (size_t k = mc_hash_bytes(s, len) & (x->nslots - 1);; k = (k + 1) & (x->nslots - 1)) {
		if (x->slots[k] == 0)
			return (size_t)-1;
		if (entry_is(b, x, x->slots[k] - 1, s, len))
			return x->slots[k] - 1;
	}
}

static void
index_put(const mc_batch *b, name_index *x, size_t i)
{
	size_t len;
	const char *s = entry_text(b, x, i, &len);
	size_t k = mc_hash_bytes(s, len) & (x->nslots - 1);

	while (x->slots[k] != 0)
		k = (k + 1) & (x->nslots - 1);
	x->slots[k] = (uint32_t)i + 1;
}

/* Indexes the entry just added, the count-th: a table twice as large when
 * it would be more than half full. */
static void
index_add(mc_batch *b, name_index *x, size_t count)
{
	if (count == 1 || (x->slots != NULL && count * 2 > x->nslots)) {
		size_t n = x->slots != NULL ? x->nslots * 2 : 64;
		uint32_t *slots = count < UINT32_MAX / 4 ?
		    mc_arena_alloc(&b->arena, n * sizeof(*slots)) : NULL;

		x->slots = slots;
		x->nslots = slots != NULL ? n : 0;
		for (size_t i = 0; slots != NULL && i + 1 < count; i++)
			index_put(b, x, i);
	}
	if (x->slots != NULL)
		index_put(b, x, count - 1);
}

static size_t
find_field(const mc_batch *b, const char *name)
{
	return index_find(b, &b->by_name, b->nfields, name, strlen(name));
}

/* The field of a spelling seen when the model was read, or (size_t)-1. */
static size_t
field_spelt(const mc_batch *b, const char *name, size_t len)
{
	size_t i = index_find(b, &b->by_spelling, b->nspellings, name, len);

	return i != (size_t)-1 ? b->spellings[i].field : (size_t)-1;
}

static void
add_spelling(mc_batch *b, const char *name, size_t len, size_t field)
{
	if (b->nspellings == b->spellings_cap) {
		size_t cap = b->spellings_cap ? b->spellings_cap * 2 : 16;
		batch_spelling *sp = mc_arena_alloc(&b->arena, cap * sizeof(*sp));

		if (sp == NULL)
			return;
		if (b->nspellings > 0)
			memcpy(sp, b->spellings, b->nspellings * sizeof(*sp));
		b->spellings = sp;
		b->spellings_cap = cap;
	}
	b->spellings[b->nspellings].text = mc_arena_strndup(&b->arena, name, len);
	if (b->spellings[b->nspellings].text == NULL)
		return;
	b->spellings[b->nspellings].len = len;
	b->spellings[b->nspellings].field = field;
	b->nspellings++;
	index_add(b, &b->by_spelling, b->nspellings);
}

static size_t
add_field(mc_batch *b, const char *name, size_t len, const mc_node *where)
{
	const char *key, *trimmed = name, *exact;
	size_t i, tlen = len;

	if ((i = field_spelt(b, name, len)) != (size_t)-1)
		return i;
	trim(&trimmed, &tlen);
	exact = mc_arena_strndup(&b->arena, trimmed, tlen);
	key = column_key(&b->arena, trimmed, tlen);
	if (key == NULL || exact == NULL)
		return (size_t)-1;
	if ((i = find_field(b, exact)) != (size_t)-1) {
		add_spelling(b, name, len, i);
		return i;
	}
	if (b->nfields == b->fields_cap) {
		size_t cap = b->fields_cap ? b->fields_cap * 2 : 16;
		batch_field *f = mc_arena_alloc(&b->arena, cap * sizeof(*f));

		if (f == NULL)
			return (size_t)-1;
		if (b->nfields > 0)
			memcpy(f, b->fields, b->nfields * sizeof(*f));
		b->fields = f;
		b->fields_cap = cap;
	}
	b->fields[b->nfields].name = exact;
	b->fields[b->nfields].key = key;
	b->fields[b->nfields].column = (size_t)-1;
	b->fields[b->nfields].first = where;
	b->fields[b->nfields].bare = 0;
	b->fields[b->nfields].checks_cell = 0;
	b->fields[b->nfields].column_bare = 0;
	add_spelling(b, name, len, b->nfields);
	b->nfields++;
	index_add(b, &b->by_name, b->nfields);
	return b->nfields - 1;
}

static void
add_use_at(mc_batch *b, uint32_t start, uint32_t end, size_t field)
{
	if (field == (size_t)-1)
		return;
	if (b->nuses == b->uses_cap) {
		size_t cap = b->uses_cap ? b->uses_cap * 2 : 32;
		batch_use *u = mc_arena_alloc(&b->arena, cap * sizeof(*u));

		if (u == NULL)
			return;
		if (b->nuses > 0)
			memcpy(u, b->uses, b->nuses * sizeof(*u));
		b->uses = u;
		b->uses_cap = cap;
	}
	b->uses[b->nuses].start = start;
	b->uses[b->nuses].end = end;
	b->uses[b->nuses].field = field;
	b->uses[b->nuses].repeated = 0;
	b->nuses++;
}

static void
add_use(mc_batch *b, const mc_node *n, size_t field)
{
	add_use_at(b, n->start, n->end, field);
}

/* Where a «champ» of a text is in the source, from *from on (the text
 * node's own span when it is not found as such): a diagnostic on one
 * field of « "«civilite» «prenom» «nom»" » names its column, not the
 * text's first. */
static void
field_in_source(const mc_source *src, const mc_node *n, const char *spelling,
    size_t len, uint32_t *from, uint32_t *start, uint32_t *end)
{
	*start = n->start;
	*end = n->end;
	for (uint32_t i = *from; i + len <= n->end; i++)
		if (memcmp(src->text + i, spelling, len) == 0) {
			*start = i;
			*end = i + (uint32_t)len;
			*from = *end;
			return;
		}
}

/* A space-like character at s (ASCII, no-break, narrow no-break), or 0. */
static size_t
space_at(const char *s)
{
	if (*s == ' ' || *s == '\t')
		return 1;
	if (strncmp(s, "\xc2\xa0", 2) == 0)
		return 2;
	return strncmp(s, "\xe2\x80\xaf", 3) == 0 ? 3 : 0;
}

/* A «nom» (or <<nom>>) inside a text: the opening mark, a column's name —
 * any character but the marks and a line end (« «N° UAI» », « «Nom d'usage» »)
 * — and the closing mark, with no space just inside the marks: « « Devoirs
 * faits » » is text in quotation marks. Returns the name's length, 0 when
 * there is none at s; both marks are two bytes long. */
static size_t
text_field(const char *s)
{
	const char *close;
	size_t n = 0;

	if (strncmp(s, "«", 2) == 0)
		close = "»";
	else if (strncmp(s, "<<", 2) == 0)
		close = ">>";
	else
		return 0;
	s += 2;
	if (space_at(s))
		return 0;
	while (s[n] != '\0' && s[n] != '\n' && n <= MC_MAX_WORD) {
		if (strncmp(s + n, close, 2) == 0)
			break;
		if (strncmp(s + n, "«", 2) == 0 || strncmp(s + n, "»", 2) == 0 ||
		    s[n] == '<' || s[n] == '>')
			return 0;
		n++;
	}
	if (n == 0 || n > MC_MAX_WORD || strncmp(s + n, close, 2) != 0)
		return 0;
	/* No space before the closing mark either. */
	for (size_t k = n >= 3 ? n - 3 : 0; k < n; k++)
		if (space_at(s + k) != 0 && k + space_at(s + k) == n)
			return 0;
	return n;
}

static void
collect(void *ctx, const mc_node *n)
{
	mc_batch *b = ctx;

	if (n->kind == MC_N_FIELD) {
		size_t i = add_field(b, n->u.word.text, strlen(n->u.word.text), n);

		if (i != (size_t)-1)
			b->fields[i].bare = 1;
		add_use(b, n, i);
	} else if (n->kind == MC_N_STRING || n->kind == MC_N_TEXT) {
		uint32_t from = n->start, start, end;

		for (const char *p = n->u.str.text; *p != '\0'; p++) {
			size_t len = text_field(p);

			if (len > 0) {
				field_in_source(&b->src, n, p, len + 4, &from, &start, &end);
				add_use_at(b, start, end, add_field(b, p + 2, len, n));
			}
		}
	}
}

/* The fields inside « pour_chaque_ligne » take one cell per row. */
static void
mark_repeated(void *ctx, const mc_node *n)
{
	mc_batch *b = ctx;

	if (n->kind != MC_N_STMT || !mc_word_is(n->u.stmt.head, REPEAT))
		return;
	for (size_t u = 0; u < b->nuses; u++)
		if (b->uses[u].start >= n->start && b->uses[u].end <= n->end)
			b->uses[u].repeated = 1;
}

/* The stdlib loads a référentiel on first use, which threads must not do
 * at once: everything a row may ask of it is loaded here, before any row —
 * the model's référentiel, or all of them when a column names it
 * (« lettre selon «ref» ») — and the list of names, which an unknown name
 * reads for its suggestion. From then on the stdlib is only read. */
static void
preload(mc_stdlib *lib, const mc_node *stmts)
{
	const char *const *names = mc_stdlib_names(lib);

	for (const mc_node *s = stmts; s != NULL; s = s->next) {
		const mc_node *ref;

		if (s->kind != MC_N_STMT || !mc_word_is(s->u.stmt.head, "lettre") ||
		    s->u.stmt.args == NULL || (ref = s->u.stmt.args->next) == NULL)
			continue;
		if (ref->kind == MC_N_WORD) {
			(void)mc_stdlib_get(lib, ref->u.word.key);
			continue;
		}
		for (const char *const *n = names; n != NULL && *n != NULL; n++)
			(void)mc_stdlib_get(lib, *n);
	}
}

mc_batch *
mc_batch_open(mc_stdlib *lib, const char *name, const char *text, size_t len)
{
	mc_batch *b = calloc(1, sizeof(*b));

	if (b == NULL)
		return NULL;
	mc_arena_init(&b->arena, (size_t)64 * 1024);
	mc_diags_init(&b->diags, &b->arena, 100);
	b->lib = lib;
	if (!mc_source_init(&b->src, &b->arena, &b->diags, name, text, len)) {
		b->broken = 1;
		return b;
	}
	b->stmts = mc_parse(&b->arena, &b->diags, &b->src, &b->nstmts);
	/* The model's own texts follow the rule of any letter's: a character
	 * no format may hold is the model's error, before any row — not a PDF
	 * refused row after row while HTML and Markdown keep it. */
	mc_report_unprintable(&b->diags, &b->src, b->stmts);
	b->broken = mc_diags_has_errors(&b->diags);
	mc_walk(b->stmts, collect, b);
	mc_walk(b->stmts, mark_repeated, b);
	b->group = (size_t)-1;
	for (const mc_node *s = b->stmts; s != NULL; s = s->next)
		if (s->kind == MC_N_STMT && mc_word_is(s->u.stmt.head, GROUP_BY) &&
		    s->u.stmt.args != NULL && s->u.stmt.args->kind == MC_N_FIELD)
			b->group = field_spelt(b, s->u.stmt.args->u.word.text,
			    strlen(s->u.stmt.args->u.word.text));
	preload(lib, b->stmts);
	/* At the first character: after a BOM, not inside it. */
	if (!b->broken && b->nfields == 0)
		mc_diag_emit(&b->diags, MC_D_BATCH_NO_FIELD,
		    mc_span_of(&b->src, b->src.body, b->src.body));
	return b;
}

void
mc_batch_close(mc_batch *b)
{
	if (b == NULL)
		return;
	mc_diags_free(&b->diags);
	mc_arena_free(&b->arena);
	free(b);
}

size_t
mc_batch_diag_count(const mc_batch *b)
{
	return b->diags.count;
}

const mc_diag *
mc_batch_diag(const mc_batch *b, size_t i)
{
	return i < b->diags.count ? b->diags.items[i] : NULL;
}

size_t
mc_batch_field_count(const mc_batch *b)
{
	return b->nfields;
}

const char *
mc_batch_field(const mc_batch *b, size_t i)
{
	return i < b->nfields ? b->fields[i].name : NULL;
}

#define LISTED_COLUMNS 30

typedef struct named_column {
	const char *name;
	size_t index;
} named_column;

static int
by_name(const void *x, const void *y)
{
	const named_column *a = x, *b = y;
	int c = strcmp(a->name, b->name);

	return c != 0 ? c : a->index < b->index ? -1 : a->index > b->index;
}

/* The first of the sorted columns (by_name) whose name is `name`, or n. */
static size_t
first_named(const named_column *sorted, size_t n, const char *name)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (strcmp(sorted[mid].name, name) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < n && strcmp(sorted[lo].name, name) == 0 ? lo : n;
}

/* The column of a field: the first with its exact name (both trimmed), or
 * else the only one with its name folded (column_key); (size_t)-2 when
 * several fold to it (« Nom » and « NOM » for « «nom» »): the model must say
 * which. Looked up among the columns sorted by name and by folded name, not
 * one by one: thousands of fields and of columns are bound at once. */
static size_t
column_of(const batch_field *f, const named_column *names, size_t nnames,
    const named_column *keys, size_t nkeys)
{
	size_t i = first_named(names, nnames, f->name);

	if (i < nnames)
		return names[i].index;
	i = first_named(keys, nkeys, f->key);
	if (i == nkeys)
		return (size_t)-1;
	if (i + 1 < nkeys && strcmp(keys[i + 1].name, f->key) == 0)
		return (size_t)-2;
	return keys[i].index;
}

/* Two columns of one name that a field takes: which would it be? (No field
 * takes a column without a name.) Two columns of one name that the model
 * does not use are no matter: an HR export has its « Libellé » twice, and
 * the letter reads neither. Sorted, not compared two by two: a header of a
 * hundred thousand columns is read in a moment. 0 after a diagnostic. */
static int
duplicates(mc_batch *b, const char *const *columns, size_t ncolumns,
    const named_column *sorted)
{
	size_t *first = mc_arena_alloc(&b->arena, (ncolumns + 1) * sizeof(*first));
	unsigned char *used = mc_arena_alloc(&b->arena, ncolumns + 1);
	mc_span none = { NULL, 0, 0 };
	int ok = 1;

	if (first == NULL || used == NULL)
		return 0;
	memset(used, 0, ncolumns + 1);
	/* A field takes the first column of its name (column_of). */
	for (size_t i = 0; i < b->nfields; i++)
		if (b->fields[i].column < ncolumns)
			used[b->fields[i].column] = 1;
	for (size_t c = 0; c < ncolumns; c++)
		first[c] = c;
	for (size_t i = 1; i < ncolumns; i++)
		if (sorted[i].name[0] != '\0' && strcmp(sorted[i].name, sorted[i - 1].name) == 0)
			first[sorted[i].index] = first[sorted[i - 1].index];
	/* In the header's order, each with the first of its name. */
	for (size_t c = 0; c < ncolumns; c++)
		if (first[c] != c && used[first[c]]) {
			mc_diag_emit(&b->diags, MC_D_BATCH_DUPLICATE_COLUMN, none, columns[c],
			    first[c] + 1, c + 1);
			ok = 0;
		}
	return ok;
}

int
mc_batch_bind(mc_batch *b, const char *const *columns, size_t ncolumns)
{
	int ok = !b->broken;
	mc_buffer list;
	named_column *names = mc_arena_alloc(&b->arena, (ncolumns + 1) * sizeof(*names));
	named_column *keys = mc_arena_alloc(&b->arena, (ncolumns + 1) * sizeof(*keys));
	size_t *first_field = mc_arena_alloc(&b->arena, (ncolumns + 1) * sizeof(*first_field));
	size_t nkeys = 0;

	if (names == NULL || keys == NULL || first_field == NULL)
		return 0;
	for (size_t c = 0; c < ncolumns; c++) {
		const char *key = column_key(&b->arena, columns[c], strlen(columns[c]));

		names[c].name = columns[c];
		names[c].index = c;
		first_field[c] = (size_t)-1;
		if (key != NULL) {
			keys[nkeys].name = key;
			keys[nkeys++].index = c;
		}
	}
	qsort(names, ncolumns, sizeof(*names), by_name);
	qsort(keys, nkeys, sizeof(*keys), by_name);
	mc_buffer_init(&list);
	/* The columns a message lists: a few, not the thousands of a file
	 * that is no export. */
	for (size_t c = 0; c < ncolumns && c < LISTED_COLUMNS; c++)
		mc_buffer_printf(&list, "%s%s", c ? ", " : "", columns[c]);
	if (ncolumns > LISTED_COLUMNS && ncolumns < 1000)
		mc_buffer_printf(&list, ", … (%zu colonnes)", ncolumns);
	else if (ncolumns > LISTED_COLUMNS)
		mc_buffer_printf(&list, ", … (%zu\u202f%03zu colonnes)", ncolumns / 1000,
		    ncolumns % 1000);
	for (size_t i = 0; i < b->nfields; i++) {
		const mc_node *n = b->fields[i].first;
		mc_span at = mc_span_of(&b->src, n->start, n->end);
		size_t c = column_of(&b->fields[i], names, ncolumns, keys, nkeys);

		b->fields[i].column = c < ncolumns ? c : (size_t)-1;
		if (c == (size_t)-2) {
			mc_diag_emit(&b->diags, MC_D_BATCH_AMBIGUOUS_COLUMN, at,
			    b->fields[i].name);
			ok = 0;
		} else if (c == (size_t)-1) {
			mc_suggester sg;
			mc_diag *d = mc_diag_emit(&b->diags, MC_D_BATCH_MISSING_COLUMN, at,
			    b->fields[i].name, list.data != NULL ? list.data : "aucune");

			/* Past the diagnostics kept, no suggestion to look for. */
			if (d != NULL) {
				mc_suggest_init(&sg, b->fields[i].name);
				for (size_t k = 0; k < ncolumns; k++)
					mc_suggest_try(&sg, columns[k]);
				mc_diag_suggest(&b->diags, d, mc_suggest_best(&sg));
			}
			ok = 0;
		}
	}
	mc_buffer_free(&list);
	if (!duplicates(b, columns, ncolumns, names))
		ok = 0;
	for (size_t i = 0; i < b->nfields; i++) {
		size_t c = b->fields[i].column, j;

		b->fields[i].checks_cell = 0;
		if (c == (size_t)-1)
			continue;
		if ((j = first_field[c]) != (size_t)-1) {
			b->fields[j].column_bare |= b->fields[i].bare;
		} else {
			first_field[c] = i;
			b->fields[i].checks_cell = 1;
			b->fields[i].column_bare = b->fields[i].bare;
		}
	}
	return ok;
}

size_t
mc_batch_group_column(const mc_batch *b)
{
	return b->group != (size_t)-1 ? b->fields[b->group].column : (size_t)-1;
}

const char *
mc_batch_column_at(const mc_batch *b, uint32_t start, uint32_t end)
{
	for (size_t i = 0; i < b->nuses; i++)
		if (b->uses[i].start < (end > start ? end : start + 1) &&
		    start < b->uses[i].end)
			return b->fields[b->uses[i].field].name;
	return NULL;
}

/* Filling a row */

typedef struct filler {
	const mc_batch *b;
	mc_result *res;
	mc_arena *a;
	const mc_batch_row *rows;
	size_t nrows;
	const char *const *cells;  /* the row being filled in */
	size_t ncells;
	int depth;                 /* in a statement's block, or repeated */
} filler;

static const char *
cell(const filler *f, size_t field)
{
	size_t c = f->b->fields[field].column;

	return c < f->ncells && f->cells[c] != NULL ? f->cells[c] : "";
}

/* A cell of blanks only (trim) is empty. */
static int
cell_empty(const filler *f, size_t idx)
{
	const char *c = cell(f, idx);
	size_t len = strlen(c);

	trim(&c, &len);
	return len == 0;
}

static int
is_word(const char *s)
{
	if (!(isalpha((unsigned char)*s) || *s == '_' || (unsigned char)*s >= 0x80))
		return 0;
	for (; *s != '\0'; s++)
		if (!(isalnum((unsigned char)*s) || *s == '_' || (unsigned char)*s >= 0x80))
			return 0;
	return 1;
}

/* The length of a time of midnight at s (« 00:00 », « 00:00:00 », after a
 * space, or ISO 8601's « T » of a database export), that a spreadsheet or a
 * database adds to a date; else 0. */
static size_t
midnight(const char *s)
{
	if (s[0] != ' ' && s[0] != 'T')
		return 0;
	if (strncmp(s + 1, "00:00:00", 8) == 0)
		return 9;
	return strncmp(s + 1, "00:00", 5) == 0 ? 6 : 0;
}

/* « 26 septembre 2025 », « 1er août 2025 », « vendredi 26 septembre 2025 »,
 * Excel's « 26-sept.-25 »: maybe a day of the week, a day, a word, a year
 * of four digits or two, as a letter or a spreadsheet writes it — a date,
 * but not in a form a cell is read in (the month's name has too many
 * spellings to guess). */
static int
date_in_words(const char *s)
{
	static const char *const months[12] = {
		"janvier", "fevrier", "mars", "avril", "mai", "juin", "juillet",
		"aout", "septembre", "octobre", "novembre", "decembre"
	};
	size_t n, w = 0, year;
	char month[16];
	int named = 0;

	/* « vendredi », « ven. »: a word before the day. */
	if (isalpha((unsigned char)*s)) {
		while (isalpha((unsigned char)*s) || *s == '.')
			s++;
		if (*s == ',')
			s++;
		if (*s != ' ')
			return 0;
		while (*s == ' ')
			s++;
	}
	n = strspn(s, "0123456789");
	if (n == 0 || n > 2)
		return 0;
	s += n;
	if (strncmp(s, "er", 2) == 0)
		s += 2;
	if (*s != ' ' && *s != '-')
		return 0;
	while (*s == ' ' || *s == '-')
		s++;
	while ((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || *s == '.' ||
	    (unsigned char)*s >= 0x80) {
		/* The month's name, folded: « Sept. » is « sept », « févr. » « fevr ». */
		if (w + 1 < sizeof(month) && *s != '.') {
			if ((unsigned char)*s == 0xC3 && (s[1] == '\xa9' || s[1] == '\xa8' ||
			    s[1] == '\xbb' || s[1] == '\x89')) {
				month[w++] = s[1] == '\xbb' ? 'u' : 'e';
				s++;
			} else {
				month[w++] = (char)tolower((unsigned char)*s);
			}
		}
		s++;
	}
	month[w] = '\0';
	if (w < 3 || (*s != ' ' && *s != '-'))
		return 0;
	for (int i = 1; i <= 12 && !named; i++)
		named = strncmp(months[i - 1], month, w) == 0 && strlen(months[i - 1]) >= w;
	if (!named)
		return 0;
	while (*s == ' ' || *s == '-')
		s++;
	year = strspn(s, "0123456789");
	return (year == 4 || year == 2) && s[year] == '\0';
}

/* Does the cell look like a date (three groups of digits between « / »,
 * « - » or « . », maybe a time after), whether or not it is one? */
static int
date_like(const char *s)
{
	for (int part = 0; part < 3; part++) {
		size_t n = strspn(s, "0123456789");

		if (n == 0 || n > 4)
			return 0;
		s += n;
		if (part < 2 && *s != '/' && *s != '-' && *s != '.')
			return 0;
		if (part < 2)
			s++;
	}
	return *s == '\0' || *s == ' ' || *s == 'T';
}

static int
parse_date(const char *s, mc_date *d)
{
	int y, m, day, at = 0;

	/* JJ/MM/AAAA with two digits each: « 9/10/2025 » is how an export in
	 * American English writes 10 September (month first, no zeros), and
	 * a French one writes 09/10/2025 for 9 October. Which one it is, the
	 * letter cannot tell: date_like refuses it, with the form expected. */
	int padded = isdigit((unsigned char)s[0]) && isdigit((unsigned char)s[1]) &&
	    s[2] == '/' && isdigit((unsigned char)s[3]) && isdigit((unsigned char)s[4]) &&
	    s[5] == '/';

	if ((sscanf(s, "%4d-%2d-%2d%n", &y, &m, &day, &at) == 3 ||
	    (padded && sscanf(s, "%2d/%2d/%4d%n", &day, &m, &y, &at) == 3)) &&
	    (s[at] == '\0' || s[at + midnight(s + at)] == '\0')) {
		static const int days[12] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
		int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;

		if (y < 1900 || y > 2999 || m < 1 || m > 12 || day < 1 ||
		    day > days[m - 1] || (m == 2 && day == 29 && !leap))
			return 0;
		d->year = y;
		d->month = m;
		d->day = day;
		return 1;
	}
	return 0;
}

/* The length of the French number at s — « 24 », « 12,5 », « 1 250 » with a
 * space, no-break or narrow no-break space between groups of three — or 0:
 * « 24 12 » or « 2,4,5 » are not one number. */
static size_t
number_length(const char *s)
{
	size_t n = 0, group = 0;

	while (isdigit((unsigned char)s[n])) {
		n++;
		group++;
		if (space_at(s + n) > 0 && group <= 3) {
			size_t sp = space_at(s + n), k = 0;

			while (isdigit((unsigned char)s[n + sp + k]))
				k++;
			if (k == 3) {
				n += sp;
				group = 0;
			}
		}
	}
	if (n > 0 && s[n] == ',' && isdigit((unsigned char)s[n + 1]))
		for (n++; isdigit((unsigned char)s[n]); n++)
			;
	return n;
}

/* Why a cell that starts as a number is none the letter reads, or NULL:
 * « 24.5 h », « 1.250 », « 1,250.00 € » — a number with a point, from a
 * spreadsheet or a database in English (decimal point) or German (point
 * between thousands), 1,25 or 1 250, which the letter cannot tell; Excel's
 * scientific notation (« 2,4E+1 »); a sign (« -24 h », « +24 h »). Maybe
 * with its unit after. */
static const char *
bad_number(const char *s)
{
	int point = 0, sign = 0, exponent = 0;

	if (*s == '-' || *s == '+') {
		sign = 1;
		s++;
	}
	if (!isdigit((unsigned char)*s))
		return NULL;
	while (isdigit((unsigned char)*s) || ((*s == '.' || *s == ',') &&
	    isdigit((unsigned char)s[1]))) {
		point |= *s == '.';
		s++;
	}
	if ((*s == 'E' || *s == 'e') && (s[1] == '+' || s[1] == '-') &&
	    isdigit((unsigned char)s[2])) {
		exponent = 1;
		for (s += 2; isdigit((unsigned char)*s); s++)
			;
	}
	while (*s == ' ')
		s++;
	for (; *s != '\0'; s++)
		if (isdigit((unsigned char)*s) || *s == '.' || *s == ',')
			return NULL;
	if (exponent)
		return "c’est la notation scientifique d’un tableur (colonne trop étroite, ou au format Standard) ; écrivez le nombre en entier, comme « 24 h », « 12,5 h » ou « 1 250 € »";
	if (point)
		return "le point y dit la virgule décimale (24.5) ou les milliers (1.250) selon le tableur ; une quantité s’écrit avec une virgule décimale (« 24,5 h ») et une espace entre les milliers (« 1 250 »)";
	if (sign)
		return "une quantité s’écrit sans signe, comme « 24 h »";
	return NULL;
}

/* A bare field's cell: a date, a school year, a number with or without its
 * unit, or a name. Anything else is a text, which belongs in quotes. */
static mc_node *
value_node(filler *f, const mc_node *field, size_t idx)
{
	const char *v = cell(f, idx);
	size_t len = strlen(v);
	mc_node *n = mc_node_new(f->a, MC_N_WORD, field->start, field->end);
	int64_t milli;
	size_t numlen = 0;
	int y1, y2;
	char end;

	if (n == NULL)
		return NULL;
	/* Blanks around a cell are nobody's meaning: a spreadsheet keeps the
	 * no-break spaces typed there, which nobody sees. */
	trim(&v, &len);
	if (len == 0) {
		mc_diag_emit(mc_result_diags(f->res), MC_D_BATCH_EMPTY_VALUE,
		    mc_span_of(mc_result_source(f->res), field->start, field->end),
		    f->b->fields[idx].name);
		n->kind = MC_N_BLANK;
		return n;
	}
	v = mc_arena_strndup(f->a, v, len);
	if (v == NULL)
		return NULL;
	if (parse_date(v, &n->u.date)) {
		n->kind = MC_N_DATE;
		return n;
	}
	if (date_like(v) || date_in_words(v)) {
		mc_diag_emit(mc_result_diags(f->res), MC_D_BATCH_BAD_DATE,
		    mc_span_of(mc_result_source(f->res), field->start, field->end),
		    f->b->fields[idx].name, v);
		n->kind = MC_N_BLANK;
		return n;
	}
	if (sscanf(v, "%4d-%4d%c", &y1, &y2, &end) == 2 && y2 == y1 + 1) {
		n->kind = MC_N_YEAR;
		n->u.year = y1;
		return n;
	}
	numlen = number_length(v);
	if (numlen > 0 && mc_number_parse(v, numlen, &milli) == MC_NUMBER_OK) {
		const char *u = v + numlen;
		mc_unit unit;

		while (space_at(u) > 0)
			u += space_at(u);
		unit = *u == '\0' ? MC_U_NONE : mc_unit_parse(u, strlen(u));
		/* « 24 H », « 12 Heures »: a cell's unit in capitals is still it. */
		if (unit == MC_U__COUNT) {
			char *low = mc_arena_strdup(f->a, u);

			for (char *p = low; p != NULL && *p != '\0'; p++)
				*p = (char)tolower((unsigned char)*p);
			if (low != NULL)
				unit = mc_unit_parse(low, strlen(low));
		}
		if (unit != MC_U__COUNT) {
			n->kind = unit == MC_U_NONE ? MC_N_NUMBER : MC_N_QUANTITY;
			n->u.qty.milli = milli;
			n->u.qty.unit = unit;
			return n;
		}
	}
	if (is_word(v)) {
		n->u.word.text = v;
		n->u.word.key = mc_fold(f->a, v, len);
		return n;
	}
	if (bad_number(v) != NULL) {
		mc_diag_emit(mc_result_diags(f->res), MC_D_BATCH_BAD_NUMBER,
		    mc_span_of(mc_result_source(f->res), field->start, field->end),
		    f->b->fields[idx].name, v, bad_number(v));
		n->kind = MC_N_BLANK;
		return n;
	}
	mc_diag_emit(mc_result_diags(f->res), MC_D_BATCH_BAD_VALUE,
	    mc_span_of(mc_result_source(f->res), field->start, field->end),
	    f->b->fields[idx].name, v, f->b->fields[idx].name);
	n->kind = MC_N_BLANK;
	return n;
}

/* A text with its «champs» replaced by the cells, as they are. Outside
 * the blocks, a cell with nothing in it is the row's error, as for a bare
 * field: « Mme Léa » for want of a name is no letter to send. */
static const char *
fill_text(filler *f, const mc_node *n, const char *s, size_t *len)
{
	mc_buffer out;
	char *r;
	uint32_t from = n->start;

	if (strstr(s, "«") == NULL && strstr(s, "<<") == NULL) {
		*len = strlen(s);
		return s;
	}
	mc_buffer_init(&out);
	while (*s != '\0') {
		size_t flen = text_field(s);
		size_t idx;

		if (flen > 0) {
			idx = field_spelt(f->b, s + 2, flen);
			if (idx != (size_t)-1) {
				/* As it is, but for the blanks at its edges: the
				 * no-break space a spreadsheet keeps after « Moreau »
				 * would print « Moreau , professeure ». */
				const char *c = cell(f, idx);
				size_t clen = strlen(c);

				trim(&c, &clen);
				/* Its place in the model is looked for only then: a
				 * row that fills the text pays nothing for it. */
				if (f->depth < 2 && clen == 0) {
					uint32_t start, end;

					field_in_source(&f->b->src, n, s, flen + 4, &from, &start, &end);
					mc_diag_emit(mc_result_diags(f->res), MC_D_BATCH_EMPTY_VALUE,
					    mc_span_of(mc_result_source(f->res), start, end),
					    f->b->fields[idx].name);
				}
				mc_buffer_put(&out, c, clen);
				s += flen + 4;
				continue;
			}
		}
		mc_buffer_put(&out, s, 1);
		s++;
	}
	r = out.failed ? NULL : mc_arena_strndup(f->a, out.data ? out.data : "", out.len);
	/* A ligature copied from a PDF into a cell (« spéciﬁque ») is its
	 * letters, as in a .mission's text. */
	*len = r != NULL ? mc_text_letters(r, out.len) : out.len;
	mc_buffer_free(&out);
	return r;
}

static mc_node *clone_list(filler *f, const mc_node *n, mc_node **last);

static mc_node *
clone(filler *f, const mc_node *n)
{
	mc_node *c;

	if (n->kind == MC_N_FIELD) {
		size_t idx = field_spelt(f->b, n->u.word.text, strlen(n->u.word.text));

		/* In a block, an empty cell leaves its value out (a forfait
		 * mission has no hours); elsewhere the letter needs it. */
		if (idx == (size_t)-1 || (f->depth >= 2 && cell_empty(f, idx)))
			return NULL;
		return value_node(f, n, idx);
	}
	c = mc_arena_alloc(f->a, sizeof(*c));
	if (c == NULL)
		return NULL;
	*c = *n;
	c->next = NULL;
	switch (n->kind) {
	case MC_N_STRING:
	case MC_N_TEXT:
		c->u.str.text = fill_text(f, n, n->u.str.text, &c->u.str.len);
		if (c->u.str.text == NULL)
			return NULL;
		break;
	case MC_N_STMT:
		c->u.stmt.head = clone(f, n->u.stmt.head);
		c->u.stmt.args = clone_list(f, n->u.stmt.args, NULL);
		c->u.stmt.tail = clone_list(f, n->u.stmt.tail, NULL);
		c->u.stmt.body = clone_list(f, n->u.stmt.body, NULL);
		break;
	case MC_N_RANGE:
		c->u.range.lo = clone(f, n->u.range.lo);
		c->u.range.hi = clone(f, n->u.range.hi);
		break;
	case MC_N_CALL:
		c->u.call.args = clone_list(f, n->u.call.args, NULL);
		break;
	case MC_N_LIST:
		c->u.list.items = clone_list(f, n->u.list.items, NULL);
		break;
	default:
		break;
	}
	return c;
}

/* Is this argument a field whose cell is empty, bare or alone in quotes
 * (« «observation» », « "«observation»" »)? */
static int
empty_field(const filler *f, const mc_node *arg)
{
	size_t idx = (size_t)-1, len;

	if (arg == NULL)
		return 0;
	if (arg->kind == MC_N_FIELD)
		idx = field_spelt(f->b, arg->u.word.text, strlen(arg->u.word.text));
	else if ((arg->kind == MC_N_STRING || arg->kind == MC_N_TEXT) &&
	    (len = text_field(arg->u.str.text)) > 0 && arg->u.str.text[len + 4] == '\0')
		idx = field_spelt(f->b, arg->u.str.text + 2, len);
	return idx != (size_t)-1 && cell_empty(f, idx);
}

static void
append(mc_node **first, mc_node **prev, mc_node *c)
{
	if (*prev == NULL)
		*first = c;
	else
		(*prev)->next = c;
	*prev = c;
	while ((*prev)->next != NULL)
		*prev = (*prev)->next;
}

static mc_node *
clone_list(filler *f, const mc_node *n, mc_node **last)
{
	mc_node *first = NULL, *prev = NULL;

	for (; n != NULL; n = n->next) {
		mc_node *c;

		if (n->kind == MC_N_STMT && mc_word_is(n->u.stmt.head, REPEAT)) {
			/* The block once per row of the group, each with its cells. */
			const char *const *cells = f->cells;
			size_t ncells = f->ncells;

			f->depth++;
			for (size_t r = 0; r < f->nrows; r++) {
				f->cells = f->rows[r].cells;
				f->ncells = f->rows[r].ncells;
				c = clone_list(f, n->u.stmt.body, NULL);
				if (c != NULL)
					append(&first, &prev, c);
			}
			f->depth--;
			f->cells = cells;
			f->ncells = ncells;
			continue;
		}
		if (n->kind == MC_N_STMT && mc_word_is(n->u.stmt.head, GROUP_BY))
			continue;
		/* In a block, a statement whose first value is an empty cell is
		 * left out: no observation, or no such mission, for this row. */
		if (n->kind == MC_N_STMT && f->depth > 0 && empty_field(f, n->u.stmt.args))
			continue;
		if (n->kind == MC_N_STMT)
			f->depth++;
		c = clone(f, n);
		if (n->kind == MC_N_STMT)
			f->depth--;
		if (c == NULL)
			continue;
		c->next = NULL;
		append(&first, &prev, c);
	}
	if (last != NULL)
		*last = prev;
	return first;
}

/* A cell that cannot be a value leaves a blank in its field, which the
 * resolver reports as « à compléter »: the cell's own diagnostic says it
 * better, once. */
static void
drop_field_blanks(const mc_batch *b, mc_diags *d)
{
	size_t k = 0;

	for (size_t i = 0; i < d->count; i++) {
		const mc_diag *g = d->items[i];
		int drop = 0;

		if (strcmp(g->code, "a_completer") == 0)
			for (size_t u = 0; u < b->nuses && !drop; u++)
				drop = g->span.start >= b->uses[u].start &&
				    g->span.start < b->uses[u].end;
		if (!drop)
			d->items[k++] = g;
	}
	d->count = k;
}

/* The date an Excel serial number stands for (days since 1899-12-30), when
 * the cell is one of five digits from 1954 to 2119: 0 otherwise. */
static int
excel_serial(const char *s, int *y, int *m, int *d)
{
	size_t len = strlen(s);
	long n, z, era, doe, yoe, doy, mp;

	trim(&s, &len);
	if (len != 5 || strspn(s, "0123456789") < 5)
		return 0;
	n = strtol(s, NULL, 10);
	if (n < 20000 || n > 80000)
		return 0;
	/* Days since 1970-01-01, then the civil date (H. Hinnant). */
	z = n - 25569 + 719468;
	era = z / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yoe + era * 400 + (*m <= 2));
	return 1;
}

/* A cell the letter refused where it wants a date, that is an Excel serial
 * number (« 45926 »: the column was not formatted as a date when the export
 * was saved): a note says which date it stands for, and what to do. */
static void
excel_dates(const filler *f)
{
	mc_diags *d = mc_result_diags(f->res);
	size_t count = d->count;

	for (size_t i = 0; i < count; i++) {
		const mc_diag *g = d->items[i];

		/* A date refused where the letter wants one: the diagnostic
		 * says so by its code, whatever its words. */
		if (!mc_diag_is(g, MC_D_DATE_EXPECTED))
			continue;
		for (size_t u = 0; u < f->b->nuses; u++) {
			const batch_use *use = &f->b->uses[u];
			int y, m, day;

			if (use->start < (g->span.end > g->span.start ? g->span.end : g->span.start + 1) &&
			    g->span.start < use->end &&
			    excel_serial(cell(f, use->field), &y, &m, &day)) {
				mc_diag_emit(d, MC_D_BATCH_EXCEL_DATE,
				    mc_span_of(mc_result_source(f->res), use->start, use->end),
				    f->b->fields[use->field].name, cell(f, use->field), day, m, y);
				break;
			}
		}
	}
}

/* A letter of several rows: a field outside « pour_chaque_ligne » takes the
 * first row's cell, and must have it in every row of the group — else the
 * letter would silently say what only one row says. */
static void
check_same_cells(const filler *f)
{
	for (size_t u = 0; u < f->b->nuses; u++) {
		const batch_use *use = &f->b->uses[u];
		size_t c = f->b->fields[use->field].column;

		if (use->repeated || c == (size_t)-1)
			continue;
		for (size_t r = 1; r < f->nrows; r++) {
			const char *a = c < f->rows[0].ncells ? f->rows[0].cells[c] : "";
			const char *z = c < f->rows[r].ncells ? f->rows[r].cells[c] : "";

			if (!mc_batch_same_cell(a, z)) {
				mc_diag_emit(mc_result_diags(f->res), MC_D_BATCH_GROUP_MISMATCH,
				    mc_span_of(mc_result_source(f->res), use->start, use->end),
				    f->b->fields[use->field].name, a, f->rows[0].line, z,
				    f->rows[r].line);
				break;
			}
		}
	}
}

/* What a spreadsheet leaves in a cell instead of its value, that a letter
 * would print as it is: its text marker « ' » (typed before 0130050J so
 * that the zero stays, or exported by a tool that wants Excel to keep it),
 * a formula saved as such (« =SOMME(K2:K10) »), an error where a formula
 * gives nothing (« #N/A », « #REF! », LibreOffice's « Err:502 »). The cell
 * is trimmed. What is wrong and what to do, in why; 0 when none. */
static int
spreadsheet_mark(const char *v, size_t len, char *why, size_t size)
{
	static const char *const errors[] = {
		"#N/A", "#REF!", "#VALEUR!", "#VALUE!", "#DIV/0!", "#NOM?", "#NAME?",
		"#NUL!", "#NULL!", "#NOMBRE!", "#NUM!", "#PROPAGATION!", "#SPILL!",
		"#CALC!", "#CHAMP!", "#FIELD!", "#CONNECT!", "#BLOCKED!", "#BLOQUE!",
		"#UNKNOWN!", "#INCONNU!", "#GETTING_DATA", "#DONNEES_EN_COURS"
	};
	size_t cut = len > 60 ? 60 : len;
	int shown;
	const char *more = len > 60 ? "…" : "";

	/* Never half a character: back to the start of the one cut. */
	while (cut < len && cut > 0 && ((unsigned char)v[cut] & 0xC0) == 0x80)
		cut--;
	shown = (int)cut;

	if (len == 0)
		return 0;
	if (v[0] == '\'') {
		snprintf(why, size, "la cellule « %.*s%s » commence par une apostrophe droite, la marque de texte d’un tableur, que la lettre imprimerait : retirez-la (une apostrophe qui fait partie du nom s’écrit « ’ »)",
		    shown, v, more);
		return 1;
	}
	if (v[0] == '=' && len > 1) {
		snprintf(why, size, "« %.*s%s » est une formule du tableur, pas sa valeur : enregistrez l’export avec les valeurs calculées (copier, puis collage spécial des valeurs seules)",
		    shown, v, more);
		return 1;
	}
	if (v[0] == '#') {
		for (size_t i = 0; i < sizeof(errors) / sizeof(errors[0]); i++)
			if (strlen(errors[i]) == len && strncmp(v, errors[i], len) == 0) {
				snprintf(why, size, "« %.*s » est une erreur de formule du tableur, à la place d’une valeur : corrigez la formule dans le classeur avant d’enregistrer l’export",
				    shown, v);
				return 1;
			}
	}
	/* LibreOffice: « Err:502 », « Err:504 »… */
	if (len == 7 && strncmp(v, "Err:", 4) == 0 && isdigit((unsigned char)v[4]) &&
	    isdigit((unsigned char)v[5]) && isdigit((unsigned char)v[6])) {
		snprintf(why, size, "« %.*s » est une erreur de formule de LibreOffice, à la place d’une valeur : corrigez la formule dans le classeur avant d’enregistrer l’export",
		    shown, v);
		return 1;
	}
	return 0;
}

/* A character no letter may hold (mc_text_refused), inside a cell the
 * letter takes — its edges trimmed — in any row of the letter: the row's
 * error, in every format alike, with its line, its column and the
 * character's name; and so is what a spreadsheet leaves instead of a value
 * (spreadsheet_mark). Returns how many cells have one. */
static size_t
check_cells(const filler *f)
{
	/* Its place is the data file's, which the message says: none in the
	 * model, as for the reader's own problems (csv_caractere_controle). */
	mc_span none = { NULL, 0, 0 };
	size_t bad = 0;

	for (size_t i = 0; i < f->b->nfields; i++) {
		size_t c = f->b->fields[i].column;
		int bare = f->b->fields[i].column_bare;

		if (!f->b->fields[i].checks_cell)
			continue;
		for (size_t r = 0; r < f->nrows; r++) {
			const char *v = c < f->rows[r].ncells && f->rows[r].cells[c] != NULL ?
			    f->rows[r].cells[c] : "";
			size_t len = strlen(v), at, n;
			uint32_t cp;
			char why[512];

			trim(&v, &len);
			/* A soft hyphen or a ligature, which a text drops or
			 * writes as letters, is no part of a name or a number:
			 * refused there, as the scanner does. */
			cp = bare ? mc_name_refused(v, len, &at, &n) :
			    mc_text_refused(v, len, &at, &n);
			if (cp == 0) {
				if (spreadsheet_mark(v, len, why, sizeof(why))) {
					mc_diag_emit(mc_result_diags(f->res),
					    MC_D_BATCH_SPREADSHEET_MARK, none,
					    f->b->fields[i].name, f->rows[r].line, why);
					bad++;
				}
				continue;
			}
			mc_char_refusal(cp, 1, why, sizeof(why));
			mc_diag_emit(mc_result_diags(f->res), MC_D_BATCH_CELL_CHAR, none,
			    f->b->fields[i].name, f->rows[r].line, why);
			bad++;
		}
	}
	return bad;
}

mc_result *
mc_batch_check_rows(const mc_batch *b, const mc_batch_row *rows, size_t nrows)
{
	mc_result *res = mc_result_new();
	filler f;
	mc_node *stmts;

	if (res == NULL)
		return NULL;
	mc_result_share_source(res, &b->src);
	memset(&f, 0, sizeof(f));
	f.b = b;
	f.res = res;
	f.a = mc_result_arena(res);
	f.rows = rows;
	f.nrows = nrows;
	f.cells = nrows > 0 ? rows[0].cells : NULL;
	f.ncells = nrows > 0 ? rows[0].ncells : 0;
	/* Such a character is the row's only error said: what else the cell
	 * would give (an unknown name) comes from it. */
	if (check_cells(&f) > 0)
		return res;
	if (nrows > 1)
		check_same_cells(&f);
	stmts = clone_list(&f, b->stmts, NULL);
	mc_result_check(res, b->lib, stmts, b->nstmts);
	drop_field_blanks(b, mc_result_diags(res));
	excel_dates(&f);
	return res;
}

mc_result *
mc_batch_check(const mc_batch *b, const char *const *cells, size_t ncells)
{
	mc_batch_row row = { cells, ncells, 0 };

	return mc_batch_check_rows(b, &row, 1);
}

mc_result *
mc_batch_reject(const mc_batch *b, mc_batch_problem problem, unsigned long line,
    const char *column, unsigned byte, size_t got, size_t want)
{
	mc_result *res = mc_result_new();
	mc_diags *d;
	mc_span none = { NULL, 0, 0 };

	if (res == NULL)
		return NULL;
	mc_result_share_source(res, &b->src);
	d = mc_result_diags(res);
	switch (problem) {
	case MC_BATCH_QUOTING:
		mc_diag_emit(d, MC_D_CSV_QUOTING, none, line);
		break;
	case MC_BATCH_UTF8:
		mc_diag_emit(d, MC_D_CSV_UTF8, none, line, column, byte);
		break;
	case MC_BATCH_COLUMNS:
		mc_diag_emit(d, MC_D_CSV_COLUMNS, none, line, got, got > 1 ? "s" : "", want);
		break;
	case MC_BATCH_NUL:
		mc_diag_emit(d, MC_D_CSV_NUL, none, line);
		break;
	case MC_BATCH_TOO_LONG:
		mc_diag_emit(d, MC_D_CSV_TOO_LONG, none, line, column, want);
		break;
	case MC_BATCH_UNSORTED:
		mc_diag_emit(d, MC_D_BATCH_UNSORTED, none, line, column);
		break;
	case MC_BATCH_UTF8_AS_CP1252:
		mc_diag_emit(d, MC_D_CSV_UTF8_AS_CP1252, none, line, column);
		break;
	case MC_BATCH_CONTROL:
		mc_diag_emit(d, MC_D_CSV_CONTROL, none, line, column, byte);
		break;
	case MC_BATCH_HEADER_AGAIN:
		mc_diag_emit(d, MC_D_CSV_HEADER_AGAIN, none, line);
		break;
	case MC_BATCH_UNDEFINED_CP1252:
		mc_diag_emit(d, MC_D_CSV_UNDEFINED_CP1252, none, line, column, byte);
		break;
	case MC_BATCH_TOTAL_ROW:
		mc_diag_emit(d, MC_D_CSV_TOTAL_ROW, none, line, column);
		break;
	case MC_BATCH_CUT: {
		char where[96];

		if (got == 0)
			snprintf(where, sizeof(where), "dans une cellule entre guillemets");
		else
			snprintf(where, sizeof(where), "après %zu colonne%s sur %zu", got,
			    got > 1 ? "s" : "", want);
		mc_diag_emit(d, MC_D_CSV_CUT, none, line, where);
		break;
	}
	}
	return res;
}
