/* query.h — what an editor asks of a letter, or of a référentiel, being
 * written: the names that fit where the cursor is (completion), what a name
 * designates and where it is declared (hover, go to definition), the node
 * under the cursor, the outline. A query reads one buffer with the compiler's own scanner and parser
 * (scan.h, parse.h) against a stdlib opened once and kept: nothing here
 * prints, exits or keeps global state, so a server can hold many at once. */
#ifndef MC_QUERY_H
#define MC_QUERY_H

#include "model.h"
#include "scan.h"

typedef enum mc_name_kind {
	MC_NAME_KEYWORD,      /* a declaration (« mission », « partie »…) or « selon » */
	MC_NAME_REFERENTIAL,
	MC_NAME_ROLE,
	MC_NAME_CORPS,
	MC_NAME_MISSION,
	MC_NAME_ACTIVITY,
	MC_NAME_PARTY,
	MC_NAME_RULE,         /* a référentiel's « regle » (in a stdlib file) */
	MC_NAME_NONE
} mc_name_kind;

/* One name of the language, of the stdlib or of the letter. */
typedef struct mc_name {
	mc_name_kind kind;
	const char *name;     /* as it is written in a letter */
	const char *detail;   /* title or label, or what a keyword expects */
	const char *text;     /* the official text (mission, activity), or NULL */
	const char *source;   /* the official source of its référentiel, or NULL */
	mc_span def;          /* where it is declared; src NULL when nowhere */
} mc_name;

typedef struct mc_query mc_query;

/* Reads one buffer. `lib` is kept (not owned) and must outlive the query.
 * NULL only when out of memory. */
mc_query *mc_query_open(mc_stdlib *lib, const char *name, const char *text,
    size_t len);
/* Reads one buffer that is a file of a stdlib folder (a référentiel, or
 * commun.mission: mc_library_file, or a file of lib's folder) as the library
 * loads it (mc_stdlib_read_source), from the buffer's text: the names are
 * those it declares (its missions and activities, roles, rules, corps) and
 * refers to, the keywords those of its blocks (referential.def), its outline
 * its roles, missions with their activities, rules (or corps). lib gives
 * commun.mission and the référentiels « missions selon » names. */
mc_query *mc_query_open_library(mc_stdlib *lib, const char *name, const char *text,
    size_t len);
void mc_query_close(mc_query *q);
const mc_source *mc_query_source(const mc_query *q);
/* The référentiel the letter follows (« lettre selon … »), or NULL. */
const mc_referential *mc_query_referential(const mc_query *q);

/* The names that can be written at `offset`: *names (valid until the query
 * is closed) and their count; *start..*end is the word already typed there
 * (empty when none), which a completion replaces. */
size_t mc_query_complete(mc_query *q, uint32_t offset, const mc_name **names,
    uint32_t *start, uint32_t *end);

/* The name under `offset` resolved: 1 and *out filled, or 0 when the cursor
 * is on nothing the stdlib or the letter declares. *start..*end is the word. */
int mc_query_name_at(mc_query *q, uint32_t offset, mc_name *out,
    uint32_t *start, uint32_t *end);

/* The innermost node (statement, word, value) whose range holds `offset`,
 * and the statement it belongs to; NULL when none. */
const mc_node *mc_query_node_at(const mc_query *q, uint32_t offset,
    const mc_node **stmt);

/* The first top-level statement of the letter with this keyword key
 * (« signatures », « fait_a »…), or NULL. */
const mc_node *mc_query_statement(const mc_query *q, const char *key);

/* The letter's outline: parties, missions, and each mission's activities
 * (children follow their mission with depth 1); a stdlib file's: its roles,
 * missions with their activities (those of its groupes too), rules; or the
 * corps of commun.mission. */
typedef struct mc_outline_item {
	mc_name_kind kind;
	const char *name;
	const char *detail;
	uint32_t start, end;          /* the whole statement */
	uint32_t name_start, name_end;
	int depth;
} mc_outline_item;
size_t mc_query_outline(mc_query *q, const mc_outline_item **items);

/* The explanation of a diagnostic code or of a rule (« uai_cle »,
 * « ddfpt.duree_max », a bare rule name), as `missionc expliquer` prints it.
 * A rule's file is named relative to `base` (the caller's current directory)
 * when it lies below it, as given otherwise (base NULL: as given).
 * Returns 0 when the code is unknown. */
int mc_explain(mc_stdlib *lib, const char *code, const char *base, mc_buffer *out);
/* A catalogue message with its blanks shown « … » (NUL-terminated in buf);
 * returns its length. */
size_t mc_explain_blanks(const char *fmt, char *buf, size_t size);

#endif
