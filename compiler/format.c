/* format.c — lays a `.mission` file out canonically (format.h) from the
 * compiler's own token stream: what is between two tokens is only spaces,
 * line ends and comments, so the comments are found there and kept at their
 * place. Line ends that end a statement stay; the ones inside a statement
 * (after « , », « et »…) stay too, as continuation lines. The output must
 * parse to the same tree as the input, or it is not given. */
#include "format.h"
#include "parse.h"
#include "scan.h"

#include <string.h>

#define INDENT 2
#define CONTINUATION 4

typedef struct formatter {
	const mc_source *src;
	const mc_tokens *toks;
	mc_buffer *out;
	size_t line_start;      /* offset in out of the current line */
	int depth;
	int wrote;              /* something is written on the current line */
	int any;                /* something is written at all */
} formatter;

static void
indent(formatter *f, int extra)
{
	for (int i = 0; i < f->depth * INDENT + extra; i++)
		mc_buffer_put(f->out, " ", 1);
}

/* Ends the current line (trailing spaces removed); blank adds an empty line. */
static void
newline(formatter *f, int blank)
{
	while (f->out->len > f->line_start && f->out->data[f->out->len - 1] == ' ')
		f->out->len--;
	mc_buffer_put(f->out, "\n", 1);
	if (blank)
		mc_buffer_put(f->out, "\n", 1);
	f->line_start = f->out->len;
	f->wrote = 0;
}

static int
is_newline_token(const formatter *f, uint32_t at)
{
	size_t i = mc_token_after(f->toks, at);

	return i < f->toks->count && f->toks->items[i].kind == MC_TOK_NEWLINE &&
	    f->toks->items[i].start == at;
}

/* The gap before the token at index i (spaces, line ends, comments): writes
 * its comments, and tells how many line ends come after the last of them and
 * whether one of those ends a statement. */
static void
gap(formatter *f, uint32_t from, uint32_t to, int *lines,
    int *stmt_end)
{
	const char *t = f->src->text;

	*lines = 0;
	*stmt_end = 0;
	for (uint32_t p = from; p < to; p++) {
		if (t[p] == '\n') {
			(*lines)++;
			if (is_newline_token(f, p))
				*stmt_end = 1;
		} else if (t[p] == '#') {
			uint32_t e = p;

			while (e < to && t[e] != '\n')
				e++;
			while (e > p && (t[e - 1] == ' ' || t[e - 1] == '\t' || t[e - 1] == '\r'))
				e--;
			if (*lines == 0 && f->wrote) {
				mc_buffer_puts(f->out, "  ");
			} else {
				if (f->wrote)
					newline(f, *lines > 1);
				else if (*lines > 1 && f->any)
					newline(f, 0);
				indent(f, 0);
			}
			mc_buffer_put(f->out, t + p, e - p);
			f->wrote = 1;
			f->any = 1;
			*lines = 0;
			*stmt_end = 1;   /* a comment ends its line */
			while (p + 1 < to && t[p + 1] != '\n')
				p++;
		}
	}
}

/* « """ », the text re-indented one level under its statement, « """ ». */
static void
put_text(formatter *f, const mc_node *n)
{
	const char *s = n->u.str.text, *end = s + n->u.str.len;

	mc_buffer_puts(f->out, "\"\"\"");
	newline(f, 0);
	while (s < end) {
		const char *e = memchr(s, '\n', (size_t)(end - s));

		if (e == NULL)
			e = end;
		if (e > s) {
			indent(f, INDENT);
			mc_buffer_put(f->out, s, (size_t)(e - s));
		}
		newline(f, 0);
		s = e < end ? e + 1 : end;
	}
	indent(f, 0);
	mc_buffer_puts(f->out, "\"\"\"");
}

static void
put_token(formatter *f, const mc_token *t)
{
	const char *text = f->src->text + t->start;

	if (t->kind == MC_TOK_NUMBER && t->node != NULL) {
		char buf[96];
		size_t n = mc_quantity_format(t->node->u.qty, buf, sizeof(buf), 0);

		mc_buffer_put(f->out, buf, n);
	} else if (t->kind == MC_TOK_TEXT && t->node != NULL) {
		put_text(f, t->node);
	} else if (t->kind == MC_TOK_BLANK) {
		mc_buffer_puts(f->out, "…");
	} else {
		mc_buffer_put(f->out, text, t->end - t->start);
	}
	f->wrote = 1;
	f->any = 1;
}

static int
punct(const mc_token *t, char c)
{
	return t != NULL && t->kind == MC_TOK_PUNCT && t->punct == c;
}

/* No space between these two tokens on a line. */
static int
tight(const mc_token *prev, const mc_token *t)
{
	return punct(t, ',') || punct(t, ')') || punct(t, ']') || punct(prev, '(') ||
	    punct(prev, '[') || (prev->kind == MC_TOK_CALL && punct(t, '(')) ||
	    (punct(prev, '{') && punct(t, '}'));
}

static void
layout(formatter *f)
{
	const mc_token *prev = NULL;
	uint32_t at = f->src->body;

	for (size_t i = 0; i < f->toks->count; i++) {
		const mc_token *t = &f->toks->items[i];
		int lines, stmt_end, brk;

		if (t->kind == MC_TOK_NEWLINE)
			continue;
		gap(f, at, t->start, &lines, &stmt_end);
		if (punct(t, '}') && f->depth > 0)
			f->depth--;
		/* « {} » stays on its line, unless a comment came in between. */
		brk = prev != NULL && (lines > 0 || !f->wrote || punct(prev, '{') ||
		    punct(t, '}')) && !(punct(prev, '{') && punct(t, '}') &&
		    f->out->len > 0 && f->out->data[f->out->len - 1] == '{');
		if (prev == NULL) {
			if (f->wrote)
				newline(f, lines > 1);
			indent(f, 0);
		} else if (brk) {
			/* A line end inside a statement continues it, further in. */
			int cont = lines > 0 && !stmt_end && !punct(prev, '{') &&
			    !punct(prev, '}') && !punct(t, '}');

			/* no blank line just inside a block */
			if (f->wrote)
				newline(f, lines > 1 && !punct(prev, '{') && !punct(t, '}'));
			indent(f, cont ? CONTINUATION : 0);
		} else if (!tight(prev, t)) {
			/* « 4,5  jours/semaine » is a number and a name, and stays so:
			 * with one space it would read as a quantity. */
			mc_buffer_puts(f->out, prev->kind == MC_TOK_NUMBER &&
			    prev->node != NULL && prev->node->u.qty.unit == MC_U_NONE &&
			    (t->kind == MC_TOK_WORD || t->kind == MC_TOK_PATH) ? "  " : " ");
		}
		put_token(f, t);
		if (punct(t, '{'))
			f->depth++;
		prev = t;
		at = t->end;
	}
	gap(f, at, (uint32_t)f->src->len, &(int){ 0 }, &(int){ 0 });
	if (f->wrote)
		newline(f, 0);
}

/* « partie chef  : … » lines that follow one another align their « : ». */
static void
align_parties(mc_buffer *b)
{
	size_t p = 0;

	while (p < b->len) {
		size_t run = p, n = 0, width = 0;

		/* a run of consecutive « partie NOM : » lines */
		for (size_t q = p; q < b->len && strncmp(b->data + q, "partie ", 7) == 0;) {
			const char *eol = memchr(b->data + q, '\n', b->len - q);
			const char *colon = memchr(b->data + q + 7, ':', eol ? (size_t)(eol - b->data - q - 7) : 0);
			const char *sp = memchr(b->data + q + 7, ' ', eol ? (size_t)(eol - b->data - q - 7) : 0);

			if (eol == NULL || colon == NULL || sp == NULL || sp + 1 != colon)
				break;
			if (mc_utf8_chars(b->data + q, (size_t)(sp - b->data - q)) > width)
				width = mc_utf8_chars(b->data + q, (size_t)(sp - b->data - q));
			n++;
			q = (size_t)(eol - b->data) + 1;
		}
		if (n >= 2) {
			mc_buffer out;

			mc_buffer_init(&out);
			mc_buffer_put(&out, b->data, run);
			for (size_t k = 0; k < n; k++) {
				const char *line = b->data + p;
				const char *eol = memchr(line, '\n', b->len - p);
				const char *sp = memchr(line + 7, ' ', (size_t)(eol - line - 7));
				size_t w = mc_utf8_chars(line, (size_t)(sp - line));

				mc_buffer_put(&out, line, (size_t)(sp - line));
				for (; w < width; w++)
					mc_buffer_put(&out, " ", 1);
				mc_buffer_put(&out, sp, (size_t)(eol - sp) + 1);
				p = (size_t)(eol - b->data) + 1;
			}
			run = out.len;
			mc_buffer_put(&out, b->data + p, b->len - p);
			if (out.failed) {
				mc_buffer_free(&out);
				b->failed = 1;
				return;
			}
			mc_buffer_free(b);
			*b = out;
			p = run;
			continue;
		}
		{
			const char *eol = memchr(b->data + p, '\n', b->len - p);

			p = eol != NULL ? (size_t)(eol - b->data) + 1 : b->len;
		}
	}
}

static int same_list(const mc_node *a, const mc_node *b);

/* The two trees say the same thing (positions aside). */
static int
same(const mc_node *a, const mc_node *b)
{
	if (a == NULL || b == NULL)
		return a == b;
	if (a->kind != b->kind)
		return 0;
	switch (a->kind) {
	case MC_N_STMT:
		return same(a->u.stmt.head, b->u.stmt.head) &&
		    same_list(a->u.stmt.args, b->u.stmt.args) &&
		    a->u.stmt.has_colon == b->u.stmt.has_colon &&
		    same_list(a->u.stmt.tail, b->u.stmt.tail) &&
		    a->u.stmt.has_block == b->u.stmt.has_block &&
		    same_list(a->u.stmt.body, b->u.stmt.body);
	case MC_N_WORD:
	case MC_N_FIELD:
		return strcmp(a->u.word.text, b->u.word.text) == 0;
	case MC_N_PATH:
	case MC_N_STRING:
	case MC_N_TEXT:
		return a->u.str.len == b->u.str.len &&
		    memcmp(a->u.str.text, b->u.str.text, a->u.str.len) == 0;
	case MC_N_NUMBER:
	case MC_N_QUANTITY:
		return a->u.qty.milli == b->u.qty.milli && a->u.qty.unit == b->u.qty.unit;
	case MC_N_DATE:
		return a->u.date.year == b->u.date.year &&
		    a->u.date.month == b->u.date.month && a->u.date.day == b->u.date.day;
	case MC_N_YEAR:
		return a->u.year == b->u.year;
	case MC_N_RANGE:
		return same(a->u.range.lo, b->u.range.lo) && same(a->u.range.hi, b->u.range.hi);
	case MC_N_CALL:
		return strcmp(a->u.call.key, b->u.call.key) == 0 &&
		    same_list(a->u.call.args, b->u.call.args);
	case MC_N_LIST:
		return same_list(a->u.list.items, b->u.list.items);
	case MC_N_BINARY:
		return a->u.bin.op == b->u.bin.op && same(a->u.bin.lhs, b->u.bin.lhs) &&
		    same(a->u.bin.rhs, b->u.bin.rhs);
	case MC_N_NOT:
		return same(a->u.operand, b->u.operand);
	case MC_N_BLANK:
		return 1;
	}
	return 0;
}

static int
same_list(const mc_node *a, const mc_node *b)
{
	for (; a != NULL && b != NULL; a = a->next, b = b->next)
		if (!same(a, b))
			return 0;
	return a == NULL && b == NULL;
}

/* Reads a text: its statements, or NULL with *ok 0 when it has errors. */
static mc_node *
read_tree(mc_arena *arena, const char *name, const char *text, size_t len,
    mc_source *src, mc_tokens *toks, int *ok)
{
	mc_diags d;
	mc_node *stmts = NULL;
	size_t count = 0;

	mc_diags_init(&d, arena, 10);
	*ok = mc_source_init(src, arena, &d, name, text, len) &&
	    (toks == NULL || mc_scan(arena, &d, src, toks));
	if (*ok)
		stmts = mc_parse(arena, &d, src, &count);
	if (mc_diags_has_errors(&d) || arena->failed)
		*ok = 0;
	mc_diags_free(&d);
	return stmts;
}

mc_format_status
mc_format_text(const char *name, const char *text, size_t len, mc_buffer *out)
{
	mc_arena arena;
	mc_source src, again;
	mc_tokens toks;
	mc_buffer b;
	mc_node *before, *after;
	formatter f;
	int ok;
	mc_format_status st = MC_FORMAT_OK;

	mc_arena_init(&arena, (size_t)64 * 1024);
	before = read_tree(&arena, name, text, len, &src, &toks, &ok);
	if (!ok) {
		mc_arena_free(&arena);
		return arena.failed ? MC_FORMAT_NOMEM : MC_FORMAT_UNREADABLE;
	}
	mc_buffer_init(&b);
	f.src = &src;
	f.toks = &toks;
	f.out = &b;
	f.line_start = 0;
	f.depth = 0;
	f.wrote = 0;
	f.any = 0;
	layout(&f);
	align_parties(&b);
	if (b.failed) {
		st = MC_FORMAT_NOMEM;
	} else {
		after = read_tree(&arena, name, b.data != NULL ? b.data : "", b.len, &again,
		    NULL, &ok);
		if (!ok || !same_list(before, after))
			st = MC_FORMAT_UNSAFE;
	}
	if (st == MC_FORMAT_OK)
		mc_buffer_put(out, b.data != NULL ? b.data : "", b.len);
	mc_buffer_free(&b);
	mc_arena_free(&arena);
	return st;
}
