/* pdf_tags.c — tagged PDF (ISO 32000-1 § 14.7–14.8, the aim being PDF/UA)
 * built on libharu's object layer: libharu 2.3 has no API for it. Each
 * element is an indirect StructElem whose /K lists its children and its
 * marked content (an MCID on the element's own page /Pg, else a marked-
 * content reference); each page has /StructParents, its index in the
 * parent tree, which maps every MCID back to its element. The marked
 * content operators go straight into the page's content stream, around
 * whole text objects and paths, so libharu's own state is untouched.
 *
 * An element is an empty libharu dictionary, for its object number, whose
 * entries are kept here and written by its write_fn as libharu would write
 * them (the same bytes): built from libharu objects, the ~100 elements of
 * a letter took ~900 allocations (names, numbers, proxies, arrays, 128-byte
 * keys), a seventh of a batch letter with their writing and freeing. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <hpdf_catalog.h>
#include <hpdf_doc.h>
#include <hpdf_objects.h>
#include <hpdf_pages.h>

#include "pdf_tags.h"

static HPDF_Dict
indirect_dict(mc_tags *t)
{
	HPDF_Dict d = HPDF_Dict_New(t->pdf->mmgr);

	if (d == NULL || HPDF_Xref_Add(t->pdf->xref, d) != HPDF_OK) {
		t->failed = 1;
		return NULL;
	}
	return d;
}

static HPDF_STATUS write_tree(HPDF_Dict tree, HPDF_Stream s);

int
mc_tags_begin(mc_tags *t, HPDF_Doc pdf)
{
	HPDF_Dict cat, mark, prefs, tree;
	HPDF_STATUS ret;

	t->pdf = pdf;
	t->npages = 0;
	t->failed = 0;
	cat = pdf->catalog;
	t->norder = 0;
	for (size_t i = 0; i < t->cap; i++)
		t->marks[i].n = 0, t->marks[i].made = 0;
	if ((t->root = indirect_dict(t)) == NULL ||
	    (mark = HPDF_Dict_New(pdf->mmgr)) == NULL ||
	    (prefs = HPDF_Dict_New(pdf->mmgr)) == NULL ||
	    (tree = HPDF_Dict_New(pdf->mmgr)) == NULL)
		return -1;
	/* The parent tree is in the document from the start, written from
	 * t->marks when the document is saved (write_tree). */
	tree->attr = t;
	tree->write_fn = write_tree;
	ret = HPDF_Dict_Add(t->root, "ParentTree", tree);
	ret += HPDF_Dict_AddName(t->root, "Type", "StructTreeRoot");
	ret += HPDF_Dict_Add(t->root, "K", HPDF_Array_New(pdf->mmgr));
	ret += HPDF_Dict_AddBoolean(mark, "Marked", HPDF_TRUE);
	ret += HPDF_Dict_Add(cat, "MarkInfo", mark);
	ret += HPDF_Dict_Add(cat, "Lang", HPDF_String_New(pdf->mmgr, "fr-FR", NULL));
	ret += HPDF_Dict_AddBoolean(prefs, "DisplayDocTitle", HPDF_TRUE);
	ret += HPDF_Dict_Add(cat, "ViewerPreferences", prefs);
	ret += HPDF_Dict_Add(cat, "StructTreeRoot", t->root);
	if (ret != HPDF_OK)
		t->failed = 1;
	t->document = mc_tags_add(t, t->root, "Document");
	return t->failed ? -1 : 0;
}

HPDF_Dict
mc_tags_document(const mc_tags *t)
{
	return t->document;
}

/* What an element holds (ISO 32000-1 table 323), in the order libharu
 * wrote its entries: /S, /P, /K, then /A and /Pg as they came. */
typedef struct kid {
	enum { KID_ELEM, KID_MCID, KID_MCR } kind;
	unsigned mcid;
	HPDF_Dict ref;          /* the element, or the page of a reference */
} kid;

typedef struct elem {
	mc_tags *tags;          /* its buffer, for writing */
	const char *type;       /* a standard type, a string that lasts */
	HPDF_Dict parent;
	HPDF_Dict pg;           /* the page of its first marked content */
	const char *scope;      /* a header cell's /A /Scope */
	int scope_first;        /* /A came before /Pg */
	kid *kids;
	size_t nkids, cap;
} elem;

/* An element's entries, or the parent tree's, made in the handle's buffer
 * and handed to libharu in one write: written through its stream a name, a
 * number, a space at a time, they were a tenth of a batch letter. The same
 * bytes as libharu's HPDF_Dict_Write and HPDF_Array_Write. */
static void
put_uint(mc_buffer *b, unsigned long v)
{
	char d[24];
	size_t i = sizeof(d);

	do {
		d[--i] = (char)('0' + v % 10);
		v /= 10;
	} while (v != 0);
	mc_buffer_put(b, d + i, sizeof(d) - i);
}

/* A name as HPDF_Stream_WriteEscapeName writes it: « / », then # and two
 * hexadecimal digits for a delimiter, « # » or a byte outside ! to ~. */
static void
put_name(mc_buffer *b, const char *name)
{
	mc_buffer_put(b, "/", 1);
	for (const unsigned char *c = (const unsigned char *)name; *c != '\0'; c++) {
		if (*c > 0x20 && *c < 0x7F && strchr("#()<>[]{}/%", *c) == NULL)
			mc_buffer_put(b, (const char *)c, 1);
		else
			mc_buffer_printf(b, "#%02X", *c);
	}
}

static void
put_ref(mc_buffer *b, HPDF_Dict obj)
{
	put_uint(b, obj->header.obj_id & 0x00FFFFFF);
	mc_buffer_put(b, " ", 1);
	put_uint(b, obj->header.gen_no);
	mc_buffer_put(b, " R", 2);
}

/* Hands what b holds to libharu, and empties b for the next object. */
static HPDF_STATUS
flush(mc_buffer *b, HPDF_Stream s)
{
	HPDF_STATUS ret = b->failed ? HPDF_FAILD_TO_ALLOC_MEM :
	    HPDF_Stream_Write(s, (const HPDF_BYTE *)b->data, (HPDF_UINT)b->len);

	b->len = 0;
	b->failed = 0;
	return ret;
}

static void
put_kid(mc_buffer *b, const kid *k)
{
	switch (k->kind) {
	case KID_ELEM:
		put_ref(b, k->ref);
		break;
	case KID_MCID:
		put_uint(b, k->mcid);
		break;
	default:
		mc_buffer_puts(b, "<<\012/Type /MCR\012/Pg ");
		put_ref(b, k->ref);
		mc_buffer_puts(b, "\012/MCID ");
		put_uint(b, k->mcid);
		mc_buffer_puts(b, "\012>>");
	}
}

static void
put_scope(mc_buffer *b, const elem *e)
{
	mc_buffer_puts(b, "/A <<\012/O /Table\012/Scope ");
	put_name(b, e->scope);
	mc_buffer_puts(b, "\012>>\012");
}

/* libharu calls it between the dictionary's << and >>. An element with one
 * child has it as its /K rather than in an array: most paragraphs are one
 * marked content on one page, and the brackets were a twentieth of the
 * structure. */
static HPDF_STATUS
write_elem(HPDF_Dict d, HPDF_Stream s)
{
	const elem *e = d->attr;
	mc_buffer *b = &e->tags->out;

	mc_buffer_puts(b, "/S ");
	put_name(b, e->type);
	mc_buffer_puts(b, "\012/P ");
	put_ref(b, e->parent);
	mc_buffer_puts(b, "\012/K ");
	if (e->nkids == 1) {
		put_kid(b, &e->kids[0]);
	} else {
		mc_buffer_puts(b, "[ ");
		for (size_t i = 0; i < e->nkids; i++) {
			put_kid(b, &e->kids[i]);
			mc_buffer_put(b, " ", 1);
		}
		mc_buffer_put(b, "]", 1);
	}
	mc_buffer_put(b, "\012", 1);
	if (e->scope != NULL && e->scope_first)
		put_scope(b, e);
	if (e->pg != NULL) {
		mc_buffer_puts(b, "/Pg ");
		put_ref(b, e->pg);
		mc_buffer_put(b, "\012", 1);
	}
	if (e->scope != NULL && !e->scope_first)
		put_scope(b, e);
	return flush(b, s);
}

/* The parent tree's /Nums: each page's index, then the elements of its
 * MCIDs in order. */
static HPDF_STATUS
write_tree(HPDF_Dict tree, HPDF_Stream s)
{
	mc_tags *tags = tree->attr;
	mc_buffer *b = &tags->out;

	mc_buffer_puts(b, "/Nums [ ");
	for (size_t i = 0; i < tags->norder; i++) {
		const struct mc_tags_page *pm = &tags->marks[tags->order[i]];

		put_uint(b, tags->order[i]);
		mc_buffer_puts(b, " [ ");
		for (size_t k = 0; k < pm->n; k++) {
			put_ref(b, pm->elems[k]);
			mc_buffer_put(b, " ", 1);
		}
		mc_buffer_puts(b, "] ");
	}
	mc_buffer_puts(b, "]\012");
	return flush(b, s);
}

static void
free_elem(HPDF_Dict d)
{
	elem *e = d->attr;

	if (e != NULL) {
		free(e->kids);
		free(e);
		d->attr = NULL;
	}
}

static int
add_kid(elem *e, int kind, unsigned mcid, HPDF_Dict ref)
{
	if (e->nkids == e->cap) {
		size_t cap = e->cap ? 2 * e->cap : 4;
		kid *k = realloc(e->kids, cap * sizeof(*k));

		if (k == NULL)
			return -1;
		e->kids = k;
		e->cap = cap;
	}
	e->kids[e->nkids].kind = kind;
	e->kids[e->nkids].mcid = mcid;
	e->kids[e->nkids++].ref = ref;
	return 0;
}

/* The element behind a handle mc_tags_add gave, NULL for anything else. */
static elem *
elem_of(HPDF_Dict d)
{
	return d != NULL && d->write_fn == write_elem ? d->attr : NULL;
}

HPDF_Dict
mc_tags_add(mc_tags *t, HPDF_Dict parent, const char *type)
{
	HPDF_Dict d;
	elem *e, *up = elem_of(parent);
	HPDF_Array kids = NULL;

	if (t->failed || parent == NULL || (up == NULL && parent != t->root))
		return NULL;
	if (up == NULL && (kids = HPDF_Dict_GetItem(parent, "K", HPDF_OCLASS_ARRAY)) == NULL) {
		t->failed = 1;
		return NULL;
	}
	if ((e = calloc(1, sizeof(*e))) == NULL) {
		t->failed = 1;
		return NULL;
	}
	if ((d = indirect_dict(t)) == NULL) {
		free(e);
		return NULL;
	}
	/* No /Type: it is optional (ISO 32000-1 table 323), and 18 bytes
	 * of each of a letter's ~60 elements. */
	e->tags = t;
	e->type = type;
	e->parent = parent;
	d->attr = e;
	d->write_fn = write_elem;
	d->free_fn = free_elem;
	if (up != NULL ? add_kid(up, KID_ELEM, 0, d) != 0 : HPDF_Array_Add(kids, d) != HPDF_OK) {
		t->failed = 1;
		return NULL;
	}
	return d;
}

void
mc_tags_scope(mc_tags *t, HPDF_Dict th, const char *scope)
{
	elem *e = elem_of(th);

	if (e == NULL) {
		t->failed = 1;
		return;
	}
	e->scope = scope;
	e->scope_first = e->pg == NULL;
}

/* The parent tree's array of a page, made with the page's /StructParents. */
static struct mc_tags_page *
page_marks(mc_tags *t, HPDF_Page page, size_t index)
{
	if (index >= t->cap) {
		size_t cap = t->cap ? 2 * t->cap : 8;
		struct mc_tags_page *m;
		size_t *o;

		while (cap <= index)
			cap *= 2;
		if ((m = realloc(t->marks, cap * sizeof(*m))) == NULL) {
			t->failed = 1;
			return NULL;
		}
		memset(m + t->cap, 0, (cap - t->cap) * sizeof(*m));
		t->marks = m;
		if ((o = realloc(t->order, cap * sizeof(*o))) == NULL) {
			t->failed = 1;
			return NULL;
		}
		t->order = o;
		t->cap = cap;
	}
	if (index >= t->npages)
		t->npages = index + 1;
	if (!t->marks[index].made) {
		t->marks[index].made = 1;
		t->order[t->norder++] = index;
		if (HPDF_Dict_AddNumber(page, "StructParents", (HPDF_INT32)index) != HPDF_OK)
			t->failed = 1;
	}
	return &t->marks[index];
}

static int
add_mark(struct mc_tags_page *pm, HPDF_Dict e)
{
	if (pm->n == pm->cap) {
		size_t cap = pm->cap ? 2 * pm->cap : 32;
		HPDF_Dict *m = realloc(pm->elems, cap * sizeof(*m));

		if (m == NULL)
			return -1;
		pm->elems = m;
		pm->cap = cap;
	}
	pm->elems[pm->n++] = e;
	return 0;
}

/* "/TYPE <</MCID N>> BDC\n" into buf: snprintf's parsing of its format
 * was a sixtieth of a five-page letter, for a line on each of its 240 marks.
 * buf holds HPDF_LIMIT_MAX_NAME_LEN + 48 bytes; a type is a short name. */
static void
mark_begin(char *buf, const char *type, unsigned mcid)
{
	static const char mid[] = " <</MCID ", end[] = ">> BDC\n";
	char digits[12];
	size_t n = strnlen(type, HPDF_LIMIT_MAX_NAME_LEN), k = sizeof(digits);

	do
		digits[--k] = (char)('0' + mcid % 10);
	while ((mcid /= 10) != 0);
	*buf++ = '/';
	memcpy(buf, type, n);
	buf += n;
	memcpy(buf, mid, sizeof(mid) - 1);
	buf += sizeof(mid) - 1;
	memcpy(buf, digits + k, sizeof(digits) - k);
	buf += sizeof(digits) - k;
	memcpy(buf, end, sizeof(end));
}

void
mc_tags_open(mc_tags *t, mc_content *c, size_t page_index, HPDF_Dict elem_dict)
{
	HPDF_Page page = c->page;
	elem *e = elem_of(elem_dict);
	struct mc_tags_page *marks;
	char buf[HPDF_LIMIT_MAX_NAME_LEN + 48];
	unsigned mcid;

	if (e == NULL || t->failed) {
		mc_content_raw(c, "/Artifact BMC\n");
		return;
	}
	if ((marks = page_marks(t, page, page_index)) == NULL)
		return;
	mcid = (unsigned)marks->n;
	mark_begin(buf, e->type, mcid);
	mc_content_raw(c, buf);
	if (add_mark(marks, elem_dict) != 0) {
		t->failed = 1;
		return;
	}
	/* On the element's own page, the MCID alone; elsewhere a reference. */
	if (e->pg == NULL)
		e->pg = page;
	if (add_kid(e, e->pg == page ? KID_MCID : KID_MCR, mcid, page) != 0)
		t->failed = 1;
}

void
mc_tags_close(mc_content *c)
{
	mc_content_raw(c, "EMC\n");
}

int
mc_tags_finish(mc_tags *t)
{
	if (t->failed || HPDF_Dict_AddNumber(t->root, "ParentTreeNextKey",
	    (HPDF_INT32)t->npages) != HPDF_OK)
		return -1;
	return 0;
}

void
mc_tags_free(mc_tags *t)
{
	for (size_t i = 0; i < t->cap; i++)
		free(t->marks[i].elems);
	free(t->marks);
	free(t->order);
	mc_buffer_free(&t->out);
	t->marks = NULL;
	t->order = NULL;
	t->cap = t->npages = t->norder = 0;
}
