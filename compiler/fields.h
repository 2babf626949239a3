/* fields.h — walking a syntax tree, and the «champs» of a batch model met
 * in a letter checked on its own (fields.c). */
#ifndef MC_FIELDS_H
#define MC_FIELDS_H

#include "parse.h"

typedef void (*mc_node_fn)(void *ctx, const mc_node *n);

/* Calls fn on every node of the list and of their children, depth first. */
void mc_walk_nodes(const mc_node *n, mc_node_fn fn, void *ctx);
/* A letter checked on its own says where its batch fields are. */
void mc_report_fields(mc_diags *d, const mc_source *src, const mc_node *stmts);

#endif
