/* ast_image.h — a parsed source kept as C tables: the syntax tree of each
 * référentiel shipped in stdlib/, made at build time (tools/stdlib_image.c)
 * and compiled in, so that a start does not lex and parse again the bytes it
 * parsed when it was built.
 *
 * An image is used only for a file whose bytes are exactly those it was made
 * from (compared in full, not by a checksum): a référentiel an académie edits
 * is read as before, with its diagnostics. It holds what mc_source_init and
 * mc_parse would give: the source's line index, and the tree's nodes with
 * their pointers as links (node, field, target) applied when it is loaded. */
#ifndef MC_AST_IMAGE_H
#define MC_AST_IMAGE_H

#include <stdint.h>

#include "ast.h"
#include "source.h"

/* The pointer fields of a node, by kind (ast.h). */
typedef enum mc_ast_field {
	MC_AF_NEXT,
	MC_AF_WORD_TEXT, MC_AF_WORD_KEY,    /* WORD, FIELD */
	MC_AF_STR_TEXT,                     /* PATH, STRING, TEXT */
	MC_AF_RANGE_LO, MC_AF_RANGE_HI,
	MC_AF_CALL_KEY, MC_AF_CALL_ARGS,
	MC_AF_LIST_ITEMS,
	MC_AF_BIN_LHS, MC_AF_BIN_RHS,
	MC_AF_OPERAND,
	MC_AF_STMT_HEAD, MC_AF_STMT_ARGS, MC_AF_STMT_TAIL, MC_AF_STMT_BODY,
	MC_AF__COUNT
} mc_ast_field;

/* nodes[node].field = the target-th node, or, for a string field, the
 * string at byte target of the pool. */
typedef struct mc_ast_link {
	uint32_t node;
	uint32_t field;
	uint32_t target;
} mc_ast_link;

typedef struct mc_ast_image {
	const char *bytes;           /* the file as read, then two NULs */
	size_t len;
	uint32_t body;               /* mc_source's, for those bytes */
	const uint32_t *lines;
	size_t nlines;
	const uint32_t *chars;       /* len / MC_CHAR_BLOCK + 1 of them */
	const mc_node *nodes;        /* pointer fields NULL */
	size_t nnodes;
	const mc_ast_link *links;
	size_t nlinks;
	const char *pool;            /* the strings, each ended by a NUL */
	size_t pool_len;
	uint32_t first;              /* the first statement */
	size_t count;                /* statements at the top level */
} mc_ast_image;

/* The images compiled into the library, NULL-terminated: the référentiels
 * of stdlib/ as built (generated file stdlib_images.c). */
extern const mc_ast_image *const mc_stdlib_images[];

/* The image of a parsed source (src as mc_source_init left it, the
 * statements as mc_parse returned them), its tables in the arena. 0 when
 * memory is short, or when the source is not its file's bytes as read (a
 * composed or rewritten text, which is then parsed at each start). */
int mc_ast_image_build(mc_ast_image *img, mc_arena *a, const mc_source *src,
    const char *bytes, size_t len, const mc_node *stmts, size_t count);
/* The image as C: static tables and `static const mc_ast_image ID`. */
void mc_ast_image_emit(mc_buffer *out, const mc_ast_image *img, const char *id);
/* The image made from exactly these bytes, or NULL. */
const mc_ast_image *mc_ast_image_find(const mc_ast_image *const *images,
    const char *bytes, size_t len);
/* The image made from exactly the bytes of the file at path, compared as
 * they are read; NULL for none or when the file cannot be read (it is then
 * read and parsed, and a failure reported, as for any file). */
const mc_ast_image *mc_ast_image_find_file(const mc_ast_image *const *images,
    const char *path);
/* The source and statements the image was made from, in the arena: what
 * mc_source_init and mc_parse give for its bytes. NULL when memory is short
 * (src is then empty). */
mc_node *mc_ast_image_load(const mc_ast_image *img, mc_arena *a,
    mc_source *src, const char *name, size_t *count);

#endif
