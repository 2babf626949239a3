/* ast.h — the syntax tree. The grammar is generic: a file is a list of
 * statements « mot arguments [: arguments] [{ statements }] », and arguments are
 * expressions. What each statement means is decided by the resolver (letters) or
 * the référentiel loader (stdlib), which give the French diagnostics. Every node
 * keeps its byte range in its source; nodes live in the compilation's arena. */
#ifndef MC_AST_H
#define MC_AST_H

#include "arena.h"
#include "quantity.h"

typedef enum mc_node_kind {
	MC_N_STMT,
	MC_N_WORD,      /* identifier or keyword */
	MC_N_PATH,      /* something like ../etc/passwd: never a valid name */
	MC_N_BLANK,     /* « … »: a blank of a skeleton, still to fill */
	MC_N_FIELD,     /* «nom»: a field of a batch model, filled from a CSV column */
	MC_N_STRING,    /* "…" */
	MC_N_TEXT,      /* """…""" */
	MC_N_NUMBER,    /* a bare number */
	MC_N_QUANTITY,  /* number with unit */
	MC_N_DATE,      /* 2025-09-15 */
	MC_N_YEAR,      /* school year 2025-2026, value = first year */
	MC_N_RANGE,     /* a .. b */
	MC_N_CALL,      /* name(args) */
	MC_N_LIST,      /* [a, b] */
	MC_N_BINARY,
	MC_N_NOT
} mc_node_kind;

typedef enum mc_op {
	MC_OP_OR, MC_OP_AND,
	MC_OP_EQ, MC_OP_NE, MC_OP_LT, MC_OP_LE, MC_OP_GT, MC_OP_GE, MC_OP_IN,
	MC_OP_ADD, MC_OP_SUB, MC_OP_MUL
} mc_op;

typedef struct mc_node mc_node;

typedef struct mc_date {
	int year, month, day;
} mc_date;

struct mc_node {
	mc_node_kind kind;
	uint32_t start, end;     /* byte range in the source */
	mc_node *next;           /* next sibling in an argument or statement list */
	union {
		struct {
			const char *text;   /* as written */
			const char *key;    /* accents stripped: « activité » → « activite » */
		} word;
		struct {
			const char *text;   /* decoded, NUL-terminated */
			size_t len;
		} str;
		mc_quantity qty;
		mc_date date;
		int year;
		struct {
			mc_node *lo, *hi;
		} range;
		struct {
			const char *key;
			mc_node *args;
			size_t nargs;
		} call;
		struct {
			mc_node *items;
			size_t n;
		} list;
		struct {
			mc_op op;
			mc_node *lhs, *rhs;
		} bin;
		mc_node *operand;
		struct {
			mc_node *head;      /* the statement's keyword (a WORD) */
			mc_node *args;      /* before « : » */
			mc_node *tail;      /* after « : » */
			mc_node *body;      /* statements of the block */
			/* 32 bits and bytes: a node of 72 bytes instead of 88, the
			 * référentiels' trees copied at each start are a fifth
			 * smaller (a file is at most 16 Mio: no count overflows). */
			uint32_t nargs, ntail, nbody;
			unsigned char has_colon, has_block;
		} stmt;
	} u;
};

/* A list under construction. */
typedef struct mc_list {
	mc_node *first, *last;
	size_t n;
	int open;   /* statements: the last one ended the line before (parse.y) */
} mc_list;

mc_node *mc_node_new(mc_arena *a, mc_node_kind kind, uint32_t start, uint32_t end);
mc_list mc_list_empty(void);
mc_list mc_list_append(mc_list l, mc_node *n);
/* The items of b after those of a. */
mc_list mc_list_concat(mc_list a, mc_list b);
mc_node *mc_node_stmt(mc_arena *a, mc_node *head, mc_list args, int has_colon,
    mc_list tail, int has_block, mc_list body, uint32_t end);
mc_node *mc_node_binary(mc_arena *a, mc_op op, mc_node *lhs, mc_node *rhs);
mc_node *mc_node_not(mc_arena *a, mc_node *operand, uint32_t start);
mc_node *mc_node_range(mc_arena *a, mc_node *lo, mc_node *hi);
mc_node *mc_node_call(mc_arena *a, mc_node *name, mc_list args, uint32_t end);
mc_node *mc_node_list(mc_arena *a, mc_list items, uint32_t start, uint32_t end);

/* The accent-free key of a word (« activité » → « activite »); NULL if out of memory. */
const char *mc_fold(mc_arena *a, const char *text, size_t len);
/* The statement's keyword key, or "" */
const char *mc_stmt_key(const mc_node *stmt);
int mc_word_is(const mc_node *n, const char *key);
/* The month (1-12) a word's key names (« septembre », « aout »), or 0. */
int mc_month_of(const char *key);
/* FNV-1a of len bytes: the slot of a name in the open-addressing tables of
 * the letter (its parties) and of a batch (its fields). */
size_t mc_hash_bytes(const char *s, size_t len);
/* Calls fn on each node of a statement list and of what it holds, in source
 * order. */
typedef void (*mc_node_fn)(void *ctx, const mc_node *n);
void mc_walk(const mc_node *n, mc_node_fn fn, void *ctx);
/* The French name of a node's kind, for messages (« une chaîne », « une date »…). */
const char *mc_node_kind_name(const mc_node *n);

#endif
