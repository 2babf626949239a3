/* pdf_tags.c — tagged PDF (ISO 32000-1 § 14.7–14.8, the aim being PDF/UA)
 * built on libharu's object layer: libharu 2.3 has no API for it. Each
 * element is an indirect StructElem whose /K lists its children and its
 * marked content (an MCID on the element's own page /Pg, else a marked-
 * content reference); each page has /StructParents, its index in the
 * parent tree, which maps every MCID back to its element. The marked
 * content operators go straight into the page's content stream, around
 * whole text objects and paths, so libharu's own state is untouched. */
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

int
mc_tags_begin(mc_tags *t, HPDF_Doc pdf)
{
	HPDF_Dict cat, mark, prefs, tree;
	HPDF_STATUS ret;

	t->pdf = pdf;
	t->npages = 0;
	t->nelems = 0;
	t->failed = 0;
	cat = pdf->catalog;
	if ((t->root = indirect_dict(t)) == NULL ||
	    (mark = HPDF_Dict_New(pdf->mmgr)) == NULL ||
	    (prefs = HPDF_Dict_New(pdf->mmgr)) == NULL ||
	    (tree = HPDF_Dict_New(pdf->mmgr)) == NULL ||
	    (t->nums = HPDF_Array_New(pdf->mmgr)) == NULL)
		return -1;
	/* The parent tree is in the document from the start: each page's
	 * array joins it when made, in page order, and goes with the
	 * document whatever happens to the letter. */
	ret = HPDF_Dict_Add(tree, "Nums", t->nums);
	ret += HPDF_Dict_Add(t->root, "ParentTree", tree);
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

HPDF_Dict
mc_tags_add(mc_tags *t, HPDF_Dict parent, const char *type)
{
	HPDF_Dict e;
	HPDF_Array kids;
	HPDF_STATUS ret;

	if (t->failed || parent == NULL || (e = indirect_dict(t)) == NULL)
		return NULL;
	kids = HPDF_Dict_GetItem(parent, "K", HPDF_OCLASS_ARRAY);
	/* No /Type: it is optional (ISO 32000-1 table 323), and 18 bytes
	 * of each of a letter's ~60 elements. */
	ret = HPDF_Dict_AddName(e, "S", type);
	ret += HPDF_Dict_Add(e, "P", parent);
	ret += HPDF_Dict_Add(e, "K", HPDF_Array_New(t->pdf->mmgr));
	if (kids == NULL || ret != HPDF_OK || HPDF_Array_Add(kids, e) != HPDF_OK) {
		t->failed = 1;
		return NULL;
	}
	if (t->nelems == t->elems_cap) {
		size_t cap = t->elems_cap ? 2 * t->elems_cap : 64;
		HPDF_Dict *m = realloc(t->elems, cap * sizeof(*m));

		if (m == NULL) {
			t->failed = 1;
			return NULL;
		}
		t->elems = m;
		t->elems_cap = cap;
	}
	t->elems[t->nelems++] = e;
	return e;
}

void
mc_tags_scope(mc_tags *t, HPDF_Dict th, const char *scope)
{
	HPDF_Dict a = th != NULL ? HPDF_Dict_New(t->pdf->mmgr) : NULL;

	if (a == NULL || HPDF_Dict_AddName(a, "O", "Table") != HPDF_OK ||
	    HPDF_Dict_AddName(a, "Scope", scope) != HPDF_OK ||
	    HPDF_Dict_Add(th, "A", a) != HPDF_OK)
		t->failed = 1;
}

/* The parent tree's array of a page, made with the page's /StructParents. */
static HPDF_Array
page_marks(mc_tags *t, HPDF_Page page, size_t index)
{
	while (t->npages <= index) {
		if (t->npages == t->cap) {
			size_t cap = t->cap ? 2 * t->cap : 8;
			HPDF_Array *m = realloc(t->marks, cap * sizeof(*m));

			if (m == NULL) {
				t->failed = 1;
				return NULL;
			}
			t->marks = m;
			t->cap = cap;
		}
		t->marks[t->npages++] = NULL;
	}
	if (t->marks[index] == NULL) {
		t->marks[index] = HPDF_Array_New(t->pdf->mmgr);
		if (t->marks[index] == NULL ||
		    HPDF_Array_AddNumber(t->nums, (HPDF_INT32)index) != HPDF_OK ||
		    HPDF_Array_Add(t->nums, t->marks[index]) != HPDF_OK ||
		    HPDF_Dict_AddNumber(page, "StructParents", (HPDF_INT32)index) != HPDF_OK)
			t->failed = 1;
	}
	return t->marks[index];
}

void
mc_tags_open(mc_tags *t, mc_content *c, size_t page_index, HPDF_Dict elem)
{
	HPDF_Page page = c->page;
	HPDF_Array marks, kids;
	HPDF_Name type;
	HPDF_Dict pg;
	char buf[HPDF_LIMIT_MAX_NAME_LEN + 48];
	HPDF_UINT mcid;

	if (elem == NULL || t->failed) {
		mc_content_raw(c, "/Artifact BMC\n");
		return;
	}
	if ((marks = page_marks(t, page, page_index)) == NULL)
		return;
	mcid = HPDF_Array_Items(marks);
	type = HPDF_Dict_GetItem(elem, "S", HPDF_OCLASS_NAME);
	kids = HPDF_Dict_GetItem(elem, "K", HPDF_OCLASS_ARRAY);
	pg = HPDF_Dict_GetItem(elem, "Pg", HPDF_OCLASS_DICT);
	snprintf(buf, sizeof(buf), "/%s <</MCID %u>> BDC\n",
	    type != NULL ? type->value : "Span", (unsigned)mcid);
	mc_content_raw(c, buf);
	if (HPDF_Array_Add(marks, elem) != HPDF_OK || kids == NULL) {
		t->failed = 1;
		return;
	}
	/* On the element's own page, the MCID alone; elsewhere a reference. */
	if (pg == NULL && HPDF_Dict_Add(elem, "Pg", page) == HPDF_OK)
		pg = page;
	if (pg == page) {
		if (HPDF_Array_AddNumber(kids, (HPDF_INT32)mcid) != HPDF_OK)
			t->failed = 1;
	} else {
		HPDF_Dict mcr = HPDF_Dict_New(t->pdf->mmgr);

		if (mcr == NULL || HPDF_Dict_AddName(mcr, "Type", "MCR") != HPDF_OK ||
		    HPDF_Dict_Add(mcr, "Pg", page) != HPDF_OK ||
		    HPDF_Dict_AddNumber(mcr, "MCID", (HPDF_INT32)mcid) != HPDF_OK ||
		    HPDF_Array_Add(kids, mcr) != HPDF_OK)
			t->failed = 1;
	}
}

void
mc_tags_close(mc_content *c)
{
	mc_content_raw(c, "EMC\n");
}

/* An element with one child has it as its /K rather than in an array
 * (ISO 32000-1 table 323): most paragraphs are one marked content on one
 * page, and the array's brackets were a twentieth of the structure. */
static void
single_kids(mc_tags *t)
{
	for (size_t i = 0; i < t->nelems && !t->failed; i++) {
		HPDF_Array kids = HPDF_Dict_GetItem(t->elems[i], "K", HPDF_OCLASS_ARRAY);
		HPDF_Obj_Header *kid;
		HPDF_STATUS ret;

		if (kids == NULL || HPDF_Array_Items(kids) != 1 ||
		    (kid = HPDF_List_ItemAt(kids->list, 0)) == NULL)
			continue;
		/* An element is in the array through a proxy (it is indirect). */
		if ((kid->obj_class & HPDF_OCLASS_ANY) == HPDF_OCLASS_PROXY)
			kid = ((HPDF_Proxy)(void *)kid)->obj;
		/* A number is the array's own and goes with it: a new one. */
		if ((kid->obj_class & HPDF_OCLASS_ANY) == HPDF_OCLASS_NUMBER)
			ret = HPDF_Dict_AddNumber(t->elems[i], "K",
			    ((HPDF_Number)(void *)kid)->value);
		else
			ret = HPDF_Dict_Add(t->elems[i], "K", kid);
		if (ret != HPDF_OK)
			t->failed = 1;
	}
}

int
mc_tags_finish(mc_tags *t)
{
	single_kids(t);
	if (t->failed || HPDF_Dict_AddNumber(t->root, "ParentTreeNextKey",
	    (HPDF_INT32)t->npages) != HPDF_OK)
		return -1;
	return 0;
}

void
mc_tags_free(mc_tags *t)
{
	free(t->marks);
	t->marks = NULL;
	free(t->elems);
	t->elems = NULL;
	t->nelems = t->elems_cap = 0;
	t->cap = t->npages = 0;
}
