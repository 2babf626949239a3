/* fields.c — the diagnostic a batch model checked on its own as a letter
 * gives for each of its «champs» (compile.c).
 * Apart from batch.c so that compile.c and batch.c do not import each other. */
#include "fields.h"

typedef struct reporter {
	mc_diags *d;
	const mc_source *src;
} reporter;

static void
report_field(void *ctx, const mc_node *n)
{
	reporter *r = ctx;

	if (n->kind == MC_N_FIELD)
		mc_diag_emit(r->d, MC_D_BATCH_FIELD_IN_LETTER,
		    mc_span_of(r->src, n->start, n->end), n->u.word.text);
}

void
mc_report_fields(mc_diags *d, const mc_source *src, const mc_node *stmts)
{
	reporter r = { d, src };

	mc_walk(stmts, report_field, &r);
}

