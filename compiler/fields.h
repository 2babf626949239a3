/* fields.h — the «champs» of a batch model met in a letter checked on its
 * own (fields.c). */
#ifndef MC_FIELDS_H
#define MC_FIELDS_H

#include "parse.h"

/* A letter checked on its own says where its batch fields are. */
void mc_report_fields(mc_diags *d, const mc_source *src, const mc_node *stmts);

#endif
