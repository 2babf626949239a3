/* document.h — the letter as a document: what the backends render, and all
 * they render. lower.c builds it from a checked letter and a template; every
 * text is UTF-8 with French typography already applied there (U+00A0 before
 * « : » and between a number and its unit, U+202F before ; ! ? and inside
 * « », ’ for the apostrophe, dates in words). A backend never changes a word:
 * it lays the blocks out and escapes text for its format, in one place. */
#ifndef MC_DOCUMENT_H
#define MC_DOCUMENT_H

#include <stddef.h>
#include <stdint.h>

#include "missionc.h"

enum {
	MC_STYLE_PLAIN = 0,
	MC_STYLE_BOLD = 1,
	MC_STYLE_ITALIC = 2
};

/* A piece of text in one style. */
typedef struct mc_run {
	const char *text;        /* NUL-terminated UTF-8 */
	unsigned style;          /* MC_STYLE_* bits */
} mc_run;

/* A line of text made of runs (a paragraph, a cell, a list item). */
typedef struct mc_text {
	const mc_run *runs;
	size_t nruns;
} mc_text;

typedef enum mc_block_kind {
	MC_B_HEADING,            /* level 1: a section; level 2: a sub-heading */
	MC_B_PARAGRAPH,
	MC_B_LIST,               /* bulleted items */
	MC_B_TABLE,
	MC_B_SIGNATURES
} mc_block_kind;

/* What a paragraph is, so that each format can style it. */
typedef enum mc_para_role {
	MC_P_BODY,               /* ordinary text (the référentiel's or the author's) */
	MC_P_ACTIVITY,           /* an activity the letter asks for */
	MC_P_LABEL,              /* « Observations et détails de l’activité demandée : » */
	MC_P_OBSERVATION,        /* the author's words under an activity */
	MC_P_NOTE                /* small print: a source, a reference */
} mc_para_role;

typedef struct mc_table {
	size_t ncols, nrows;
	const mc_text *head;     /* ncols header cells, or NULL: then the first
	                          * column heads each row (a label: value table) */
	const mc_text *cells;    /* nrows × ncols, row after row */
	const unsigned char *numeric; /* per column: 1 = right-aligned figures */
	const double *widths;    /* per column, fractions of the text width (sum 1) */
	int total;               /* the last row is a total (bold, rule above) */
	const char *caption;     /* what the table shows, for screen readers; may be NULL */
} mc_table;

typedef struct mc_signer {
	const char *label;       /* « Chef d’établissement » */
	const char *name;        /* « Mme Claire Durand » */
} mc_signer;

typedef struct mc_signatures {
	const char *place_date;  /* « Fait à Marseille, le 15 septembre 2025 », or NULL */
	const char *mark;        /* « (émargement) » */
	const mc_signer *signers;
	size_t nsigners;
} mc_signatures;

typedef struct mc_block {
	mc_block_kind kind;
	int level;               /* headings: 1 or 2 */
	mc_para_role role;       /* paragraphs */
	mc_text text;            /* headings and paragraphs */
	const mc_text *items;    /* lists */
	size_t nitems;
	mc_table table;
	mc_signatures signatures;
	/* The bytes of the letter this block comes from (the author's text), or
	 * 0, 0 when it comes from the référentiel: a backend that cannot print a
	 * character says where it is. */
	uint32_t start, end;
} mc_block;

typedef struct mc_document mc_document;

struct mc_document {
	const char *title;       /* « Lettre de mission » */
	const char *subtitle;    /* « Directeur délégué aux formations… », or NULL */
	const char *period;      /* « Années scolaires 2025-2026 à 2027-2028 » */
	const char *const *header; /* header lines (académie, établissement, UAI), */
	size_t nheader;            /* placeholders already filled in */
	const char *page_label;  /* « Page {page} sur {pages} »: the backend fills it */
	/* Metadata */
	const char *meta_title;  /* « Lettre de mission — M. Paul Martin — DDFPT » */
	const char *meta_author; /* the établissement or the signing authority */
	const char *meta_subject;
	const char *meta_creator; /* « missionc 0.1.0 ; référentiel pacte 3f… » */
	const mc_block *blocks;
	size_t nblocks;
	const mc_source *src;    /* the letter, for positions */
};

#endif
