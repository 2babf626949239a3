/* pdf_tags.h — a tagged PDF on libharu's object layer (pdf_tags.c): the
 * structure tree (headings, paragraphs, lists, tables, signatures) and the
 * marked content of the pages in reading order, for screen readers. */
#ifndef MC_PDF_TAGS_H
#define MC_PDF_TAGS_H

#include <hpdf.h>
#include <stddef.h>

#include "missionc.h"
#include "pdf_content.h"

typedef struct mc_tags {
	HPDF_Doc pdf;
	HPDF_Dict root;          /* the StructTreeRoot */
	HPDF_Dict document;      /* its one Document element */
	/* The parent tree: per page, the element of each MCID; the pages in
	 * the order their first marked content came (the tree's order). */
	struct mc_tags_page {
		HPDF_Dict *elems;
		size_t n, cap;
		int made;
	} *marks;
	size_t npages, cap;
	size_t *order, norder;
	mc_buffer out;           /* an element's text while it is written */
	int failed;
} mc_tags;

/* A new document's structure: the catalog gets /StructTreeRoot, /MarkInfo,
 * /Lang (fr-FR), /ViewerPreferences /DisplayDocTitle. 0 or -1. */
int mc_tags_begin(mc_tags *t, HPDF_Doc pdf);
/* The document element. */
HPDF_Dict mc_tags_document(const mc_tags *t);
/* A new element of the standard type (P, H1, L, LI, Lbl, LBody, Table, TR,
 * TH, TD, Div…) as the last child of parent. NULL on failure. */
HPDF_Dict mc_tags_add(mc_tags *t, HPDF_Dict parent, const char *type);
/* A header cell's scope: "Column" or "Row". */
void mc_tags_scope(mc_tags *t, HPDF_Dict th, const char *scope);
/* Marked content on the page c writes to (page_index from 0): what follows, up to
 * mc_tags_close, belongs to elem; elem NULL: an artifact (page header,
 * footer, rules, borders). Never inside BT … ET. */
void mc_tags_open(mc_tags *t, mc_content *c, size_t page_index, HPDF_Dict elem);
void mc_tags_close(mc_content *c);
/* Before saving: the parent tree's next key. 0 or -1. */
int mc_tags_finish(mc_tags *t);
void mc_tags_free(mc_tags *t);

#endif
