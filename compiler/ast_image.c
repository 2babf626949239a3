/* ast_image.c — a parsed source as C tables, and back (ast_image.h).
 *
 * Lexing and parsing the référentiels was half of checking a letter, a
 * fifth of a cold `produire`: their bytes are the same at every start. The
 * image keeps the tree as the parser made it; loading it is a copy of the
 * nodes and one store per pointer. Which fields of a node are pointers is
 * said once, by links_of() for writing and set_link() for reading; the
 * tests compare loaded trees with parsed ones, field by field, for every
 * node kind. */
#include "ast_image.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Nodes numbered in the order they are reached, by address. */
typedef struct numbering {
	const mc_node **keys;
	uint32_t *values;
	size_t cap, n;
	const mc_node **order;      /* the nodes by number */
	size_t order_cap;
	int failed;
} numbering;

static size_t
slot_of(const numbering *nb, const mc_node *n)
{
	size_t h = (size_t)(((uintptr_t)n >> 4) ^ ((uintptr_t)n >> 13));

	for (h &= nb->cap - 1; nb->keys[h] != NULL && nb->keys[h] != n;
	    h = (h + 1) & (nb->cap - 1))
		;
	return h;
}

static int
grow(numbering *nb)
{
	numbering bigger = *nb;

	bigger.cap = nb->cap ? nb->cap * 2 : 1024;
	bigger.keys = calloc(bigger.cap, sizeof(*bigger.keys));
	bigger.values = calloc(bigger.cap, sizeof(*bigger.values));
	if (bigger.keys == NULL || bigger.values == NULL) {
		free(bigger.keys);
		free(bigger.values);
		return 0;
	}
	for (size_t i = 0; i < nb->cap; i++)
		if (nb->keys[i] != NULL) {
			size_t h = slot_of(&bigger, nb->keys[i]);

			bigger.keys[h] = nb->keys[i];
			bigger.values[h] = nb->values[i];
		}
	free(nb->keys);
	free(nb->values);
	*nb = bigger;
	return 1;
}

/* The node's number, given it when first seen. */
static uint32_t
number(numbering *nb, const mc_node *n)
{
	size_t h;

	if (nb->failed)
		return 0;
	if ((nb->n + 1) * 2 > nb->cap && !grow(nb)) {
		nb->failed = 1;
		return 0;
	}
	h = slot_of(nb, n);
	if (nb->keys[h] != NULL)
		return nb->values[h];
	if (nb->n == nb->order_cap) {
		size_t cap = nb->order_cap ? nb->order_cap * 2 : 1024;
		const mc_node **order = realloc(nb->order, cap * sizeof(*order));

		if (order == NULL || nb->n >= UINT32_MAX) {
			nb->failed = 1;
			return 0;
		}
		nb->order = order;
		nb->order_cap = cap;
	}
	nb->keys[h] = n;
	nb->values[h] = (uint32_t)nb->n;
	nb->order[nb->n] = n;
	return (uint32_t)nb->n++;
}

/* A pointer field of a node: a node or a string. */
typedef struct field_ref {
	mc_ast_field field;
	const mc_node *node;
	const char *str;
	size_t len;              /* the string's bytes, its NUL not counted */
} field_ref;

/* A field that is set, a node or a string. */
static size_t
put(field_ref *out, size_t k, mc_ast_field f, const mc_node *n, const char *s,
    size_t len)
{
	if (n == NULL && s == NULL)
		return k;
	out[k].field = f;
	out[k].node = n;
	out[k].str = s;
	out[k].len = len;
	return k + 1;
}

static size_t
put_node(field_ref *out, size_t k, mc_ast_field f, const mc_node *n)
{
	return put(out, k, f, n, NULL, 0);
}

static size_t
put_str(field_ref *out, size_t k, mc_ast_field f, const char *s, size_t len)
{
	return put(out, k, f, NULL, s, len);
}

/* The pointer fields of n that are set (at most five). */
static size_t
links_of(const mc_node *n, field_ref out[MC_AF__COUNT])
{
	size_t k = put_node(out, 0, MC_AF_NEXT, n->next);

	switch (n->kind) {
	case MC_N_WORD:
	case MC_N_FIELD:
		k = put_str(out, k, MC_AF_WORD_TEXT, n->u.word.text,
		    n->u.word.text != NULL ? strlen(n->u.word.text) : 0);
		k = put_str(out, k, MC_AF_WORD_KEY, n->u.word.key,
		    n->u.word.key != NULL ? strlen(n->u.word.key) : 0);
		break;
	case MC_N_PATH:
	case MC_N_STRING:
	case MC_N_TEXT:
		k = put_str(out, k, MC_AF_STR_TEXT, n->u.str.text, n->u.str.len);
		break;
	case MC_N_RANGE:
		k = put_node(out, k, MC_AF_RANGE_LO, n->u.range.lo);
		k = put_node(out, k, MC_AF_RANGE_HI, n->u.range.hi);
		break;
	case MC_N_CALL:
		k = put_str(out, k, MC_AF_CALL_KEY, n->u.call.key,
		    n->u.call.key != NULL ? strlen(n->u.call.key) : 0);
		k = put_node(out, k, MC_AF_CALL_ARGS, n->u.call.args);
		break;
	case MC_N_LIST:
		k = put_node(out, k, MC_AF_LIST_ITEMS, n->u.list.items);
		break;
	case MC_N_BINARY:
		k = put_node(out, k, MC_AF_BIN_LHS, n->u.bin.lhs);
		k = put_node(out, k, MC_AF_BIN_RHS, n->u.bin.rhs);
		break;
	case MC_N_NOT:
		k = put_node(out, k, MC_AF_OPERAND, n->u.operand);
		break;
	case MC_N_STMT:
		k = put_node(out, k, MC_AF_STMT_HEAD, n->u.stmt.head);
		k = put_node(out, k, MC_AF_STMT_ARGS, n->u.stmt.args);
		k = put_node(out, k, MC_AF_STMT_TAIL, n->u.stmt.tail);
		k = put_node(out, k, MC_AF_STMT_BODY, n->u.stmt.body);
		break;
	case MC_N_BLANK:
	case MC_N_NUMBER:
	case MC_N_QUANTITY:
	case MC_N_DATE:
	case MC_N_YEAR:
		break;
	}
	return k;
}

/* Sets a link on a loaded node; 0 for a field its kind does not have. */
static int
set_link(mc_node *n, mc_ast_field f, mc_node *node, const char *str)
{
	switch (f) {
	case MC_AF_NEXT: n->next = node; return node != NULL;
	case MC_AF_WORD_TEXT: n->u.word.text = str; break;
	case MC_AF_WORD_KEY: n->u.word.key = str; break;
	case MC_AF_STR_TEXT: n->u.str.text = str; break;
	case MC_AF_RANGE_LO: n->u.range.lo = node; break;
	case MC_AF_RANGE_HI: n->u.range.hi = node; break;
	case MC_AF_CALL_KEY: n->u.call.key = str; break;
	case MC_AF_CALL_ARGS: n->u.call.args = node; break;
	case MC_AF_LIST_ITEMS: n->u.list.items = node; break;
	case MC_AF_BIN_LHS: n->u.bin.lhs = node; break;
	case MC_AF_BIN_RHS: n->u.bin.rhs = node; break;
	case MC_AF_OPERAND: n->u.operand = node; break;
	case MC_AF_STMT_HEAD: n->u.stmt.head = node; break;
	case MC_AF_STMT_ARGS: n->u.stmt.args = node; break;
	case MC_AF_STMT_TAIL: n->u.stmt.tail = node; break;
	case MC_AF_STMT_BODY: n->u.stmt.body = node; break;
	default: return 0;
	}
	return node != NULL || str != NULL;
}

/* The node with its pointer fields cleared, the rest as it is. */
static mc_node
unlinked(const mc_node *n)
{
	mc_node c;

	memset(&c, 0, sizeof(c));
	c.kind = n->kind;
	c.start = n->start;
	c.end = n->end;
	switch (n->kind) {
	case MC_N_PATH:
	case MC_N_STRING:
	case MC_N_TEXT:
		c.u.str.len = n->u.str.len;
		break;
	case MC_N_NUMBER:
	case MC_N_QUANTITY:
		c.u.qty = n->u.qty;
		break;
	case MC_N_DATE:
		c.u.date = n->u.date;
		break;
	case MC_N_YEAR:
		c.u.year = n->u.year;
		break;
	case MC_N_CALL:
		c.u.call.nargs = n->u.call.nargs;
		break;
	case MC_N_LIST:
		c.u.list.n = n->u.list.n;
		break;
	case MC_N_BINARY:
		c.u.bin.op = n->u.bin.op;
		break;
	case MC_N_STMT:
		c.u.stmt.nargs = n->u.stmt.nargs;
		c.u.stmt.ntail = n->u.stmt.ntail;
		c.u.stmt.nbody = n->u.stmt.nbody;
		c.u.stmt.has_colon = n->u.stmt.has_colon;
		c.u.stmt.has_block = n->u.stmt.has_block;
		break;
	default:
		break;
	}
	return c;
}

/* Growing arrays of the image being built (malloc'd, then copied into the
 * arena). */
typedef struct builder {
	mc_ast_link *links;
	size_t nlinks, links_cap;
	char *pool;
	size_t pool_len, pool_cap;
	int failed;
} builder;

static void
add_link(builder *b, uint32_t node, mc_ast_field f, uint32_t target)
{
	if (b->nlinks == b->links_cap) {
		size_t cap = b->links_cap ? b->links_cap * 2 : 1024;
		mc_ast_link *l = realloc(b->links, cap * sizeof(*l));

		if (l == NULL) {
			b->failed = 1;
			return;
		}
		b->links = l;
		b->links_cap = cap;
	}
	b->links[b->nlinks].node = node;
	b->links[b->nlinks].field = (uint32_t)f;
	b->links[b->nlinks].target = target;
	b->nlinks++;
}

static uint32_t
add_string(builder *b, const char *s, size_t len)
{
	uint32_t at = (uint32_t)b->pool_len;

	if (b->pool == NULL || b->pool_len + len + 1 > b->pool_cap) {
		size_t cap = (b->pool_len + len + 1) * 2;
		char *p = cap < UINT32_MAX ? realloc(b->pool, cap) : NULL;

		if (p == NULL) {
			b->failed = 1;
			return 0;
		}
		b->pool = p;
		b->pool_cap = cap;
	}
	memcpy(b->pool + b->pool_len, s, len);
	b->pool[b->pool_len + len] = '\0';
	b->pool_len += len + 1;
	return at;
}

/* n bytes, then pad zero bytes (mc_arena_alloc's memory is zeroed). */
static void *
arena_copy(mc_arena *a, const void *p, size_t n, size_t pad)
{
	void *c = mc_arena_alloc(a, n + pad > 0 ? n + pad : 1);

	if (c != NULL && n > 0)
		memcpy(c, p, n);
	return c;
}

int
mc_ast_image_build(mc_ast_image *img, mc_arena *a, const mc_source *src,
    const char *bytes, size_t len, const mc_node *stmts, size_t count)
{
	numbering nb = { 0 };
	builder b = { 0 };
	mc_node *nodes;
	int ok = 0;

	memset(img, 0, sizeof(*img));
	/* The text the tree's offsets refer to must be the file's own. */
	if (src->len != len || memcmp(src->text, bytes, len) != 0 ||
	    len >= UINT32_MAX)
		return 0;
	if (stmts != NULL)
		img->first = number(&nb, stmts);
	/* Numbers are given as nodes are reached: the loop meets every node
	 * of the tree, the ones numbered while it runs included. */
	for (size_t i = 0; i < nb.n && !nb.failed && !b.failed; i++) {
		field_ref f[MC_AF__COUNT];
		size_t k = links_of(nb.order[i], f);

		for (size_t j = 0; j < k; j++)
			add_link(&b, (uint32_t)i, f[j].field, f[j].node != NULL ?
			    number(&nb, f[j].node) : add_string(&b, f[j].str, f[j].len));
	}
	if (nb.failed || b.failed)
		goto done;
	nodes = mc_arena_alloc(a, (nb.n > 0 ? nb.n : 1) * sizeof(*nodes));
	if (nodes == NULL)
		goto done;
	for (size_t i = 0; i < nb.n; i++)
		nodes[i] = unlinked(nb.order[i]);
	img->bytes = arena_copy(a, bytes, len, 2);
	img->len = len;
	img->body = src->body;
	img->lines = arena_copy(a, src->lines, src->nlines * sizeof(*src->lines), 0);
	img->nlines = src->nlines;
	img->chars = arena_copy(a, src->chars,
	    (len / MC_CHAR_BLOCK + 1) * sizeof(*src->chars), 0);
	img->nodes = nodes;
	img->nnodes = nb.n;
	img->links = arena_copy(a, b.links, b.nlinks * sizeof(*b.links), 0);
	img->nlinks = b.nlinks;
	img->pool = arena_copy(a, b.pool, b.pool_len, 0);
	img->pool_len = b.pool_len;
	img->count = count;
	ok = img->bytes != NULL && img->lines != NULL && img->chars != NULL &&
	    img->links != NULL && img->pool != NULL;
done:
	free(nb.keys);
	free(nb.values);
	free(nb.order);
	free(b.links);
	free(b.pool);
	return ok;
}

/* Bytes as numbers: C compilers need not take a string literal longer than
 * 4 095 characters. Each is the value of a char where the tables are made,
 * the machine that compiles them (negative where char is signed). */
static void
emit_bytes(mc_buffer *out, const char *type, const char *id, const char *name,
    const char *p, size_t n)
{
	mc_buffer_printf(out, "static const %s %s_%s[] = {", type, id, name);
	for (size_t i = 0; i < n; i++)
		mc_buffer_printf(out, "%s%d,", i % 20 == 0 ? "\n\t" : "", (int)p[i]);
	mc_buffer_puts(out, n == 0 ? "0 };\n" : "\n};\n");
}

static void
emit_u32(mc_buffer *out, const char *id, const char *name, const uint32_t *v,
    size_t n)
{
	mc_buffer_printf(out, "static const uint32_t %s_%s[] = {", id, name);
	for (size_t i = 0; i < n; i++)
		mc_buffer_printf(out, "%s%lu,", i % 10 == 0 ? "\n\t" : " ",
		    (unsigned long)v[i]);
	mc_buffer_puts(out, n == 0 ? "0 };\n" : "\n};\n");
}

static void
emit_node(mc_buffer *out, const mc_node *n)
{
	mc_buffer_printf(out, "\t{ .kind = %d, .start = %lu, .end = %lu", (int)n->kind,
	    (unsigned long)n->start, (unsigned long)n->end);
	switch (n->kind) {
	case MC_N_PATH:
	case MC_N_STRING:
	case MC_N_TEXT:
		mc_buffer_printf(out, ", .u.str.len = %zu", n->u.str.len);
		break;
	case MC_N_NUMBER:
	case MC_N_QUANTITY:
		mc_buffer_printf(out, ", .u.qty = { %lld, %d }",
		    (long long)n->u.qty.milli, (int)n->u.qty.unit);
		break;
	case MC_N_DATE:
		mc_buffer_printf(out, ", .u.date = { %d, %d, %d }", n->u.date.year,
		    n->u.date.month, n->u.date.day);
		break;
	case MC_N_YEAR:
		mc_buffer_printf(out, ", .u.year = %d", n->u.year);
		break;
	case MC_N_CALL:
		mc_buffer_printf(out, ", .u.call.nargs = %zu", n->u.call.nargs);
		break;
	case MC_N_LIST:
		mc_buffer_printf(out, ", .u.list.n = %zu", n->u.list.n);
		break;
	case MC_N_BINARY:
		mc_buffer_printf(out, ", .u.bin.op = %d", (int)n->u.bin.op);
		break;
	case MC_N_STMT:
		mc_buffer_printf(out, ", .u.stmt = { .nargs = %zu, .ntail = %zu, "
		    ".nbody = %zu, .has_colon = %d, .has_block = %d }",
		    (size_t)n->u.stmt.nargs, (size_t)n->u.stmt.ntail, (size_t)n->u.stmt.nbody,
		    (int)n->u.stmt.has_colon, (int)n->u.stmt.has_block);
		break;
	default:
		break;
	}
	mc_buffer_puts(out, " },\n");
}

void
mc_ast_image_emit(mc_buffer *out, const mc_ast_image *img, const char *id)
{
	emit_bytes(out, "char", id, "bytes", img->bytes, img->len + 2);
	emit_u32(out, id, "lines", img->lines, img->nlines);
	emit_u32(out, id, "chars", img->chars, img->len / MC_CHAR_BLOCK + 1);
	emit_bytes(out, "char", id, "pool", img->pool, img->pool_len);
	mc_buffer_printf(out, "static const mc_node %s_nodes[] = {\n", id);
	for (size_t i = 0; i < img->nnodes; i++)
		emit_node(out, &img->nodes[i]);
	if (img->nnodes == 0)
		mc_buffer_puts(out, "\t{ .kind = 0 },\n");
	mc_buffer_printf(out, "};\nstatic const mc_ast_link %s_links[] = {\n", id);
	for (size_t i = 0; i < img->nlinks; i++)
		mc_buffer_printf(out, "\t{ %lu, %lu, %lu },\n",
		    (unsigned long)img->links[i].node, (unsigned long)img->links[i].field,
		    (unsigned long)img->links[i].target);
	if (img->nlinks == 0)
		mc_buffer_puts(out, "\t{ 0, 0, 0 },\n");
	mc_buffer_printf(out, "};\nstatic const mc_ast_image %s = {\n"
	    "\t%s_bytes, %zu, %lu,\n\t%s_lines, %zu, %s_chars,\n"
	    "\t%s_nodes, %zu, %s_links, %zu,\n\t%s_pool, %zu, %lu, %zu\n};\n",
	    id, id, img->len, (unsigned long)img->body, id, img->nlines, id,
	    id, img->nnodes, id, img->nlinks, id, img->pool_len,
	    (unsigned long)img->first, img->count);
}

const mc_ast_image *
mc_ast_image_find(const mc_ast_image *const *images, const char *bytes,
    size_t len)
{
	for (size_t i = 0; images != NULL && images[i] != NULL; i++)
		if (images[i]->len == len && memcmp(images[i]->bytes, bytes, len) == 0)
			return images[i];
	return NULL;
}

/* Whether the open file holds exactly img's bytes, read by pieces: a
 * référentiel as shipped is never copied whole into memory, where its pages
 * would be written for nothing at each start. */
static int
file_is(int fd, const mc_ast_image *img)
{
	char piece[4096];
	size_t at = 0;

	for (;;) {
		ssize_t k = pread(fd, piece, sizeof(piece), (off_t)at);

		if (k < 0 && errno == EINTR)
			continue;
		if (k < 0 || (size_t)k > img->len - at)
			return 0;
		if (k == 0)
			return at == img->len;
		if (memcmp(piece, img->bytes + at, (size_t)k) != 0)
			return 0;
		at += (size_t)k;
	}
}

const mc_ast_image *
mc_ast_image_find_file(const mc_ast_image *const *images, const char *path)
{
	const mc_ast_image *found = NULL;
	struct stat st;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		return NULL;
	if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode))
		for (size_t i = 0; images != NULL && images[i] != NULL && found == NULL; i++)
			if ((off_t)images[i]->len == st.st_size && file_is(fd, images[i]))
				found = images[i];
	close(fd);
	return found;
}

mc_node *
mc_ast_image_load(const mc_ast_image *img, mc_arena *a, mc_source *src,
    const char *name, size_t *count)
{
	mc_node *nodes;

	memset(src, 0, sizeof(*src));
	*count = 0;
	src->name = mc_arena_strdup(a, name);
	/* The text and its indexes are read in place: a page of the image is
	 * read from the binary as it is needed, where a copy would be a fresh
	 * page written at each start (the dearest thing in a cold start). Only
	 * the nodes, whose links are pointers, are copied. */
	src->text = img->bytes;
	src->lines = img->lines;
	src->chars = img->chars;
	nodes = arena_copy(a, img->nodes, img->nnodes * sizeof(*nodes), 0);
	if (src->name == NULL || src->text == NULL || nodes == NULL) {
		memset(src, 0, sizeof(*src));
		return NULL;
	}
	src->len = img->len;
	src->body = img->body;
	src->nlines = img->nlines;
	for (size_t i = 0; i < img->nlinks; i++) {
		const mc_ast_link *l = &img->links[i];
		int is_node = l->field != MC_AF_WORD_TEXT && l->field != MC_AF_WORD_KEY &&
		    l->field != MC_AF_STR_TEXT && l->field != MC_AF_CALL_KEY;

		/* The tables were made by this file: a link out of them is a
		 * build gone wrong, not a user's mistake; the tree stops there. */
		if (l->node >= img->nnodes || (is_node && l->target >= img->nnodes) ||
		    (!is_node && l->target >= img->pool_len) ||
		    !set_link(&nodes[l->node], (mc_ast_field)l->field,
		    is_node ? &nodes[l->target] : NULL,
		    is_node ? NULL : img->pool + l->target))
			return NULL;
	}
	*count = img->count;
	return img->nnodes > 0 && img->count > 0 ? &nodes[img->first] : NULL;
}
