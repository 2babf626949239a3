/* missionc.h — the public interface of the missionc library.
 * The library reads a `.mission` letter, resolves it against a référentiel of the
 * standard library and checks it; it never prints and never exits: everything it
 * finds is returned as diagnostics (data). The same calls serve the command-line
 * tool, a batch of threads (one mc_result per letter, the stdlib shared once loaded)
 * and an editor. */
#ifndef MISSIONC_H
#define MISSIONC_H

#include <stddef.h>
#include <stdint.h>

#define MISSIONC_VERSION "0.1.0"

typedef enum mc_severity {
	MC_NOTE = 0,
	MC_WARNING = 1,
	MC_ERROR = 2
} mc_severity;

typedef struct mc_source mc_source;
typedef struct mc_stdlib mc_stdlib;
typedef struct mc_result mc_result;
typedef struct mc_referential mc_referential;

/* A byte range of a source; src may be NULL for diagnostics about no file. */
typedef struct mc_span {
	const mc_source *src;
	uint32_t start, end;
} mc_span;

typedef struct mc_note {
	mc_span span;
	const char *message;
	struct mc_note *next;
} mc_note;

typedef struct mc_diag {
	mc_severity severity;
	const char *code;        /* "uai_cle", or a rule's "ddfpt.duree_max" */
	const char *message;     /* French, one sentence, no final period */
	mc_span span;
	const char *suggestion;  /* "vouliez-vous dire « … » ?" or NULL */
	const char *rule_source; /* the official text a rule comes from, or NULL */
	mc_note *notes;
} mc_diag;

/* Sources */
const char *mc_source_name(const mc_source *src);
size_t mc_source_length(const mc_source *src);
/* 1-based line and column (in characters) of a byte offset. */
void mc_source_position(const mc_source *src, uint32_t offset,
    unsigned *line, unsigned *column);
/* The text of a 1-based line, without its line end. */
const char *mc_source_line(const mc_source *src, unsigned line, size_t *len);
/* Byte offset where that text starts. */
uint32_t mc_source_line_offset(const mc_source *src, unsigned line);
/* Characters between two byte offsets, without reading them all: showing a
 * diagnostic on a 16 Mio line costs no more than on a short one. */
size_t mc_source_chars(const mc_source *src, uint32_t start, uint32_t end);

/* The standard library of référentiels: a directory of .mission files. Each
 * référentiel is parsed once, on first use, and shared by every letter checked
 * afterwards. Loading is not thread-safe: a batch loads what it needs first. */
mc_stdlib *mc_stdlib_open(const char *dir);
void mc_stdlib_close(mc_stdlib *lib);
const char *mc_stdlib_dir(const mc_stdlib *lib);
/* The référentiel names of the directory, sorted; NULL-terminated array owned by lib. */
const char *const *mc_stdlib_names(mc_stdlib *lib);
/* Loads (once) the named référentiel. Returns NULL when it does not exist; when it
 * exists but has errors, returns it with mc_referential_broken() true. */
const mc_referential *mc_stdlib_get(mc_stdlib *lib, const char *name);
int mc_referential_broken(const mc_referential *ref);
const char *mc_referential_name(const mc_referential *ref);
/* Its version: 12 hex digits, a fingerprint (CRC-32 and Adler-32) of its file
 * and of commun.mission, the texts its letters are checked against. The
 * same files give the same version on every machine; any edit changes it. */
const char *mc_referential_version(const mc_referential *ref);
/* The référentiels loaded so far, in load order (what a run checked with). */
size_t mc_stdlib_loaded_count(const mc_stdlib *lib);
/* From now on nothing more is loaded (mc_stdlib_get gives only what is): a
 * batch calls it once it has loaded what its rows need, before its threads
 * read the stdlib. */
void mc_stdlib_freeze(mc_stdlib *lib);
/* The référentiels other than `except` that have a mission `key` (their
 * names in owners, at most max; the count), or else the first one with an
 * activity `key` (its name, and the mission in *mission). For a hint on the
 * error path: it may load them all (unless frozen), without counting them
 * as référentiels the letter was checked with. */
size_t mc_stdlib_owners(mc_stdlib *lib, const char *key, const char *except,
    const char **owners, size_t max, const char **mission);
const mc_referential *mc_stdlib_loaded(const mc_stdlib *lib, size_t i);
/* The diagnostics found while loading the référentiel (its own file). */
size_t mc_referential_diag_count(const mc_referential *ref);
const mc_diag *mc_referential_diag(const mc_referential *ref, size_t i);

/* Checks one letter. `name` is the file name used in diagnostics; `text` need not
 * be NUL-terminated and is copied. Never returns NULL except when out of memory. */
mc_result *mc_check(mc_stdlib *lib, const char *name, const char *text, size_t len);
/* Checks a file of a stdlib folder on its own, from its text (an editor's,
 * saved or not): a référentiel, named after its file (« pacte.mission »),
 * with every error the loader reports to a letter that uses it (syntax,
 * unknown roles, names given twice, rules about unknown things, missing
 * source…), or commun.mission. Its commun.mission and the référentiels it
 * takes missions from are lib's, read from lib's folder (loaded into lib as
 * mc_stdlib_get does: not while threads read lib, nor once it is frozen);
 * nothing of the text checked is kept in lib. The result holds its
 * diagnostics and no letter; it must not outlive lib. */
mc_result *mc_check_referential(mc_stdlib *lib, const char *name, const char *text,
    size_t len);
/* Whether the text is a file of a stdlib folder rather than a letter: its
 * first declaration is « referentiel », or it is named commun.mission and
 * does not start with « lettre ». Reads only up to the first word. */
int mc_library_file(const char *name, const char *text, size_t len);
size_t mc_result_diag_count(const mc_result *res);
const mc_diag *mc_result_diag(const mc_result *res, size_t i);
/* The worst severity found, MC_NOTE when clean. */
mc_severity mc_result_worst(const mc_result *res);
void mc_result_free(mc_result *res);

/* The compiler's own diagnostic codes (diagnostics.def), for `expliquer`. */
size_t mc_catalogue_count(void);
int mc_catalogue_entry(size_t i, const char **code, mc_severity *severity,
    const char **message);
/* Its explanation, a wrong example and the right one; 0 when it has none. */
int mc_catalogue_explanation(size_t i, const char **text, const char **wrong,
    const char **right);

/* Output: a growing byte buffer (malloc'd). `failed` is set when memory ran
 * out; the bytes are then incomplete and must not be written. */
typedef struct mc_buffer {
	char *data;
	size_t len, cap;
	int failed;
} mc_buffer;

void mc_buffer_init(mc_buffer *b);
void mc_buffer_put(mc_buffer *b, const char *s, size_t n);
void mc_buffer_puts(mc_buffer *b, const char *s);
void mc_buffer_printf(mc_buffer *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Empties the buffer and keeps its memory, for the next letter. */
void mc_buffer_clear(mc_buffer *b);
void mc_buffer_free(mc_buffer *b);

/* Templates: the presentation of the letters (templates/defaut/), read from
 * DIR/modele.conf. `fonts_dir` is where fonts not in DIR are looked for (the
 * subset fonts the build makes), or NULL. Never NULL except out of memory;
 * the template is usable only when it has no error diagnostic. */
typedef struct mc_template mc_template;
mc_template *mc_template_open(const char *dir, const char *fonts_dir);
size_t mc_template_diag_count(const mc_template *t);
const mc_diag *mc_template_diag(const mc_template *t, size_t i);
void mc_template_close(mc_template *t);
/* The keys of modele.conf, with their default and meaning, for the docs. */
size_t mc_template_key_count(void);
void mc_template_key(size_t i, const char **key, const char **def,
    const char **doc, const char **fields);

/* Rendering. A renderer turns checked letters into one format with one
 * template; it keeps what can be reused from letter to letter (the PDF's
 * loaded fonts), so a batch makes one per thread. */
typedef enum mc_format {
	MC_FORMAT_PDF,
	MC_FORMAT_HTML,
	MC_FORMAT_MARKDOWN
} mc_format;

typedef struct mc_renderer mc_renderer;
/* NULL when out of memory, or when the template's fonts or logo cannot be
 * loaded: then *error (if not NULL) says why, in French. */
mc_renderer *mc_renderer_new(mc_format format, const mc_template *t,
    const char **error);
/* The creation date written in the documents (seconds since 1970, UTC), e.g.
 * SOURCE_DATE_EPOCH: the same letter then gives the same bytes. 0: none. */
void mc_renderer_set_date(mc_renderer *r, int64_t epoch);
/* Renders a letter checked without error into `out`. Returns 0, or -1 with
 * diagnostics added to `res` (a character the font cannot print, out of
 * memory) and `out` to be discarded. */
int mc_render(mc_renderer *r, mc_result *res, mc_buffer *out);
void mc_renderer_free(mc_renderer *r);
/* « pdf », « html », « md » */
const char *mc_format_extension(mc_format f);

/* Batches: a model letter whose values are «champs», filled from the columns
 * of a data file, row by row (`missionc lot`, docs/lot.md). The model is
 * parsed once; once bound, it is only read: threads check rows at once. */
typedef struct mc_batch mc_batch;
mc_batch *mc_batch_open(mc_stdlib *lib, const char *name, const char *text,
    size_t len);
size_t mc_batch_diag_count(const mc_batch *b);
const mc_diag *mc_batch_diag(const mc_batch *b, size_t i);
size_t mc_batch_field_count(const mc_batch *b);
const char *mc_batch_field(const mc_batch *b, size_t i);
/* Binds each field to the column of the same name (accents and case aside).
 * Returns 0, with a diagnostic per missing column, when one is missing. */
int mc_batch_bind(mc_batch *b, const char *const *columns, size_t ncolumns);
/* One row of a letter: its cells by column, and its line in the data file. */
typedef struct mc_batch_row {
	const char *const *cells;
	size_t ncells;
	unsigned long line;
} mc_batch_row;
/* A letter made of several rows (one teacher's missions, --par): the blocks
 * « pour_chaque_ligne { … } » of the model are repeated once per row, with
 * that row's cells; every other field takes the same cell in all rows (a
 * diagnostic when they differ). In a block, a statement whose first value is
 * an empty cell is left out. */
mc_result *mc_batch_check_rows(const mc_batch *b, const mc_batch_row *rows,
    size_t nrows);
/* Fills the model with one row's cells (by column) and checks the letter. */
mc_result *mc_batch_check(const mc_batch *b, const char *const *cells,
    size_t ncells);
/* A column's name from the header, in place, without the blanks around it
 * (spaces, tabs, no-break spaces): how fields find their column. */
void mc_batch_trim_column(char *name);
/* A cell as a letter prints it, in place: without the blanks at its edges
 * and its soft hyphens, a ligature written as its letters (« Joﬀre » is
 * Joffre). For what names the letter outside it: the report, file names.
 * Returns the new length. */
size_t mc_batch_cell_printed(char *cell, size_t len);
/* Are two cells the same, but for the blanks at their edges (what a letter
 * prints of them)? How the rows of one letter (--par) are told. */
int mc_batch_same_cell(const char *a, const char *b);
/* A total a spreadsheet adds under its table (« Total;;;;312 h », « TOTAL
 * GÉNÉRAL », « Sous-total ») rather than a person's row: one of its cells
 * starts with the word, and at most half of `width` (the header's columns)
 * or of its n cells are filled. The cell, or (size_t)-1. */
size_t mc_batch_total_cell(const char *const *cells, size_t n, size_t width);
/* The column of the model's « regrouper_par «COLONNE» » (one letter per
 * value, as --par), once bound; (size_t)-1 when it has none. */
size_t mc_batch_group_column(const mc_batch *b);
/* The column whose field lies in this byte range of the model, or NULL. */
const char *mc_batch_column_at(const mc_batch *b, uint32_t start, uint32_t end);
/* A row the data file itself makes unusable, as a result with its diagnostic. */
typedef enum mc_batch_problem {
	MC_BATCH_QUOTING,
	MC_BATCH_UTF8,
	MC_BATCH_COLUMNS,
	MC_BATCH_NUL,           /* a NUL byte in the row */
	MC_BATCH_TOO_LONG,      /* `column`'s cell over `want` characters */
	MC_BATCH_UNSORTED,      /* `column`'s value met again, after others */
	MC_BATCH_UTF8_AS_CP1252, /* `column`'s cell is UTF-8 read as Windows-1252 */
	MC_BATCH_CONTROL,       /* `column`'s cell holds control character `byte` */
	MC_BATCH_HEADER_AGAIN,  /* the row is the header again */
	MC_BATCH_UNDEFINED_CP1252, /* read as Windows-1252, `column`'s cell has
	                         * `byte`, no character there */
	MC_BATCH_TOTAL_ROW,     /* a total under the table; `column`: its cell's
	                         * text */
	MC_BATCH_CUT            /* the file ends inside the row: after `got`
	                         * fields of `want`, or inside quotes (got 0) */
} mc_batch_problem;
mc_result *mc_batch_reject(const mc_batch *b, mc_batch_problem problem,
    unsigned long line, const char *column, unsigned byte, size_t got,
    size_t want);
void mc_batch_close(mc_batch *b);

const char *mc_severity_name(mc_severity s);
/* Why a file could not be read or written (an errno), in French. */
const char *mc_strerror(int err);
/* The character a Windows-1252 byte stands for (U+FFFD where it defines none). */
uint32_t mc_cp1252_decode(unsigned char byte);
/* Characters (not bytes) in a UTF-8 text: columns and text limits count them. */
size_t mc_utf8_chars(const char *s, size_t len);

#endif
