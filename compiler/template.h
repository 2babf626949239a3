/* template.h — a template: the presentation an académie changes without
 * touching C (page geometry, fonts, colours, header lines, labels, logo, CSS),
 * read from DIR/modele.conf. Keys and defaults come from template.def. Read-only
 * once loaded: one template serves every letter and every thread of a batch. */
#ifndef MC_TEMPLATE_H
#define MC_TEMPLATE_H

#include "arena.h"
#include "diag.h"
#include "source.h"

typedef enum mc_template_kind {
	MC_TK_MM,        /* a length in millimetres */
	MC_TK_PT,        /* a size in points */
	MC_TK_NUMBER,    /* a plain number */
	MC_TK_YESNO,     /* « oui » or « non »: number 1 or 0 */
	MC_TK_COLOUR,    /* #rrggbb */
	MC_TK_TEXT,      /* French text, placeholders in braces */
	MC_TK_FILE,      /* a file of the template's folder */
	MC_TK_FONT       /* a TrueType file: the template's folder, then the fonts folder */
} mc_template_kind;

typedef enum mc_template_field {
#define TPL(id, key, kind, def, fields, doc) MC_T_##id,
#include "template.def"
#undef TPL
	MC_T__COUNT
} mc_template_field;

typedef struct mc_template_value {
	const char *text;    /* as written (TEXT), or the resolved path (FILE, FONT);
	                      * "" when a FILE is not set */
	double number;       /* MM and PT in points; NUMBER as is */
	unsigned rgb;        /* COLOUR: 0xrrggbb */
} mc_template_value;

struct mc_template {
	mc_arena arena;
	mc_source src;
	mc_diags diags;
	const char *dir;
	mc_template_value v[MC_T__COUNT];
	const char *css;        /* the style sheet's text, "" if none */
	size_t css_len;
	const unsigned char *logo; /* the PNG's bytes, NULL if none */
	size_t logo_len;
	unsigned logo_w, logo_h;   /* pixels, from its IHDR */
};

typedef struct mc_template_info {
	const char *key;
	mc_template_kind kind;
	const char *def;
	const char *fields;     /* space-separated names usable in braces */
	const char *doc;
} mc_template_info;

extern const mc_template_info mc_template_table[MC_T__COUNT];

/* Points in a millimetre. */
#define MC_PT_PER_MM (72.0 / 25.4)

#endif
