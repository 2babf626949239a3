/* fields.c — the «champs» of a batch model in a syntax tree: walking every
 * node of a tree (batch.c collects its fields so), and the diagnostic a
 * model checked on its own as a letter gives for each field (compile.c).
 * Apart from batch.c so that compile.c and batch.c do not import each other. */
#include "fields.h"

void
mc_walk_nodes(const mc_node *n, mc_node_fn fn, void *ctx)
{
	for (; n != NULL; n = n->next) {
		fn(ctx, n);
		switch (n->kind) {
		case MC_N_STMT:
			mc_walk_nodes(n->u.stmt.args, fn, ctx);
			mc_walk_nodes(n->u.stmt.tail, fn, ctx);
			mc_walk_nodes(n->u.stmt.body, fn, ctx);
			break;
		case MC_N_RANGE:
			mc_walk_nodes(n->u.range.lo, fn, ctx);
			mc_walk_nodes(n->u.range.hi, fn, ctx);
			break;
		case MC_N_CALL:
			mc_walk_nodes(n->u.call.args, fn, ctx);
			break;
		case MC_N_LIST:
			mc_walk_nodes(n->u.list.items, fn, ctx);
			break;
		default:
			break;
		}
	}
}

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

	mc_walk_nodes(stmts, report_field, &r);
}

