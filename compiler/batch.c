/* batch.c — batch models: a letter whose values are «champs» filled from the
 * columns of a data file, row by row. The model is parsed once; each row gets
 * its own copy of the tree, in its own arena, with every field replaced by a
 * value node built from the cell — never by source text, so a name holding
 * « " », « """ », « } », « # » or a line end stays that name — then it is
 * resolved and checked exactly like a single letter. The model is read-only
 * once bound: threads check rows of one model at once. */
#include "compile.h"
#include "parse.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct batch_field {
	const char *name;        /* as written in the model */
	const char *key;         /* folded, lower case: how columns match it */
	size_t column;           /* bound column, or (size_t)-1 */
	const mc_node *first;    /* where it first appears */
} batch_field;

/* A field as spelt in the model (« «Nom» », « «nom» »…): rows find their
 * field by spelling, with no folding per row. */
typedef struct batch_spelling {
	const char *text;
	size_t len;
	size_t field;
} batch_spelling;

typedef struct batch_use {
	uint32_t start, end;     /* the field, or the string holding it */
	size_t field;
} batch_use;

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
	int broken;
};

/* Column names and field names match without accents or case. */
static char *
column_key(mc_arena *a, const char *s, size_t len)
{
	char *k = (char *)mc_fold(a, s, len);

	for (char *p = k; p != NULL && *p != '\0'; p++) {
		*p = (char)tolower((unsigned char)*p);
		if (*p == ' ' || *p == '-')
			*p = '_';
	}
	return k;
}

static size_t
find_field(const mc_batch *b, const char *key)
{
	for (size_t i = 0; i < b->nfields; i++)
		if (strcmp(b->fields[i].key, key) == 0)
			return i;
	return (size_t)-1;
}

/* The field of a spelling seen when the model was read, or (size_t)-1. */
static size_t
field_spelt(const mc_batch *b, const char *name, size_t len)
{
	for (size_t i = 0; i < b->nspellings; i++)
		if (b->spellings[i].len == len && memcmp(b->spellings[i].text, name, len) == 0)
			return b->spellings[i].field;
	return (size_t)-1;
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
	b->spellings[b->nspellings].len = len;
	b->spellings[b->nspellings].field = field;
	b->nspellings++;
}

static size_t
add_field(mc_batch *b, const char *name, size_t len, const mc_node *where)
{
	const char *key;
	size_t i;

	if ((i = field_spelt(b, name, len)) != (size_t)-1)
		return i;
	key = column_key(&b->arena, name, len);
	if (key == NULL)
		return (size_t)-1;
	if ((i = find_field(b, key)) != (size_t)-1) {
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
	b->fields[b->nfields].name = mc_arena_strndup(&b->arena, name, len);
	b->fields[b->nfields].key = key;
	b->fields[b->nfields].column = (size_t)-1;
	b->fields[b->nfields].first = where;
	add_spelling(b, name, len, b->nfields);
	return b->nfields++;
}

static void
add_use(mc_batch *b, const mc_node *n, size_t field)
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
	b->uses[b->nuses].start = n->start;
	b->uses[b->nuses].end = n->end;
	b->uses[b->nuses].field = field;
	b->nuses++;
}

/* A «nom» (or <<nom>>) inside a text: the opening mark, a name, the closing
 * mark, nothing between. Returns the name's length, 0 when there is none at
 * s; both marks are two bytes long. */
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
	while (isalnum((unsigned char)s[n]) || s[n] == '_' || (unsigned char)s[n] >= 0x80) {
		if (strncmp(s + n, close, 2) == 0)
			break;
		n++;
	}
	return n > 0 && strncmp(s + n, close, 2) == 0 ? n : 0;
}

/* Walking a tree: every child list of a node. */
static void
collect(void *ctx, const mc_node *n)
{
	mc_batch *b = ctx;

	if (n->kind == MC_N_FIELD) {
		add_use(b, n, add_field(b, n->u.word.text, strlen(n->u.word.text), n));
	} else if (n->kind == MC_N_STRING || n->kind == MC_N_TEXT) {
		for (const char *p = n->u.str.text; *p != '\0'; p++) {
			size_t len = text_field(p);

			if (len > 0)
				add_use(b, n, add_field(b, p + 2, len, n));
		}
	}
}

typedef struct reporter {
	mc_diags *d;
	const mc_source *src;
} reporter;

static void
report_field(void *ctx, const mc_node *n)
{
	reporter *r = ctx;

	if (n->kind == MC_N_FIELD)
		mc_diag_emit(r->d, MC_D_BATCH_FIELD_IN_LETTER,
		    mc_span_of(r->src, n->start, n->end), n->u.word.text);
}

void
mc_report_fields(mc_diags *d, const mc_source *src, const mc_node *stmts)
{
	reporter r = { d, src };

	mc_walk(stmts, report_field, &r);
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
	b->broken = mc_diags_has_errors(&b->diags);
	mc_walk(b->stmts, collect, b);
	/* The stdlib loads a référentiel on first use, which threads must not
	 * do at once: the model's is loaded here, before any row. */
	for (const mc_node *s = b->stmts; s != NULL; s = s->next)
		if (s->kind == MC_N_STMT && mc_word_is(s->u.stmt.head, "lettre") &&
		    s->u.stmt.args != NULL && s->u.stmt.args->next != NULL &&
		    s->u.stmt.args->next->kind == MC_N_WORD)
			(void)mc_stdlib_get(lib, s->u.stmt.args->next->u.word.key);
	if (!b->broken && b->nfields == 0)
		mc_diag_emit(&b->diags, MC_D_BATCH_NO_FIELD, mc_span_of(&b->src, 0, 0));
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

int
mc_batch_bind(mc_batch *b, const char *const *columns, size_t ncolumns)
{
	int ok = !b->broken;
	mc_buffer list;

	mc_buffer_init(&list);
	for (size_t c = 0; c < ncolumns; c++)
		mc_buffer_printf(&list, "%s%s", c ? ", " : "", columns[c]);
	for (size_t i = 0; i < b->nfields; i++) {
		b->fields[i].column = (size_t)-1;
		for (size_t c = 0; c < ncolumns; c++) {
			const char *key = column_key(&b->arena, columns[c], strlen(columns[c]));

			if (key != NULL && strcmp(key, b->fields[i].key) == 0) {
				b->fields[i].column = c;
				break;
			}
		}
		if (b->fields[i].column == (size_t)-1) {
			const mc_node *n = b->fields[i].first;

			mc_diag_emit(&b->diags, MC_D_BATCH_MISSING_COLUMN,
			    mc_span_of(&b->src, n->start, n->end), b->fields[i].name,
			    list.data != NULL ? list.data : "aucune");
			ok = 0;
		}
	}
	mc_buffer_free(&list);
	return ok;
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
	const char *const *cells;
	size_t ncells;
} filler;

static const char *
cell(const filler *f, size_t field)
{
	size_t c = f->b->fields[field].column;

	return c < f->ncells && f->cells[c] != NULL ? f->cells[c] : "";
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

static int
parse_date(const char *s, mc_date *d)
{
	int y, m, day;
	char end;

	if (sscanf(s, "%4d-%2d-%2d%c", &y, &m, &day, &end) == 3 ||
	    sscanf(s, "%2d/%2d/%4d%c", &day, &m, &y, &end) == 3) {
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
	while (len > 0 && v[len - 1] == ' ')
		len--;
	while (*v == ' ') {
		v++;
		len--;
	}
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
	if (sscanf(v, "%4d-%4d%c", &y1, &y2, &end) == 2 && y2 == y1 + 1) {
		n->kind = MC_N_YEAR;
		n->u.year = y1;
		return n;
	}
	while (numlen < len && (isdigit((unsigned char)v[numlen]) || v[numlen] == ',' ||
	    v[numlen] == ' ' || (unsigned char)v[numlen] == 0xC2 ||
	    (unsigned char)v[numlen] == 0xA0))
		numlen++;
	while (numlen > 0 && v[numlen - 1] == ' ')
		numlen--;
	if (numlen > 0 && isdigit((unsigned char)v[0]) &&
	    mc_number_parse(v, numlen, &milli) == MC_NUMBER_OK) {
		const char *u = v + numlen;
		mc_unit unit;

		while (*u == ' ')
			u++;
		unit = *u == '\0' ? MC_U_NONE : mc_unit_parse(u, strlen(u));
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
	mc_diag_emit(mc_result_diags(f->res), MC_D_BATCH_BAD_VALUE,
	    mc_span_of(mc_result_source(f->res), field->start, field->end),
	    f->b->fields[idx].name, v, f->b->fields[idx].name);
	n->kind = MC_N_BLANK;
	return n;
}

/* A text with its «champs» replaced by the cells, as they are. */
static const char *
fill_text(filler *f, const char *s, size_t *len)
{
	mc_buffer out;
	const char *r;

	if (strstr(s, "«") == NULL && strstr(s, "<<") == NULL) {
		*len = strlen(s);
		return s;
	}
	mc_buffer_init(&out);
	while (*s != '\0') {
		size_t n = text_field(s);
		size_t idx;

		if (n > 0) {
			idx = field_spelt(f->b, s + 2, n);
			if (idx != (size_t)-1) {
				mc_buffer_puts(&out, cell(f, idx));
				s += n + 4;
				continue;
			}
		}
		mc_buffer_put(&out, s, 1);
		s++;
	}
	r = out.failed ? NULL : mc_arena_strndup(f->a, out.data ? out.data : "", out.len);
	*len = out.len;
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

		return idx != (size_t)-1 ? value_node(f, n, idx) : NULL;
	}
	c = mc_arena_alloc(f->a, sizeof(*c));
	if (c == NULL)
		return NULL;
	*c = *n;
	c->next = NULL;
	switch (n->kind) {
	case MC_N_STRING:
	case MC_N_TEXT:
		c->u.str.text = fill_text(f, n->u.str.text, &c->u.str.len);
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

static mc_node *
clone_list(filler *f, const mc_node *n, mc_node **last)
{
	mc_node *first = NULL, *prev = NULL;

	for (; n != NULL; n = n->next) {
		mc_node *c = clone(f, n);

		if (c == NULL)
			continue;
		if (prev == NULL)
			first = c;
		else
			prev->next = c;
		prev = c;
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

mc_result *
mc_batch_check(const mc_batch *b, const char *const *cells, size_t ncells)
{
	mc_result *res = mc_result_new();
	filler f;
	mc_node *stmts;

	if (res == NULL)
		return NULL;
	mc_result_share_source(res, &b->src);
	f.b = b;
	f.res = res;
	f.a = mc_result_arena(res);
	f.cells = cells;
	f.ncells = ncells;
	stmts = clone_list(&f, b->stmts, NULL);
	mc_result_check(res, b->lib, stmts, b->nstmts);
	drop_field_blanks(b, mc_result_diags(res));
	return res;
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
		mc_diag_emit(d, MC_D_CSV_COLUMNS, none, line, got, want);
		break;
	}
	return res;
}
