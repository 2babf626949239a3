/* cmd_new.c — `missionc nouveau RÉFÉRENTIEL [-o FICHIER]`: a complete skeleton
 * of a letter from the official model: every party, every mission and activity
 * of the référentiel (its text as a comment), the declarations its rules read,
 * and « … » wherever the author has something to fill, which `verifier`
 * reports until it is filled. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "format.h"
#include "letter.h"
#include "typo.h"

/* The letter keywords a référentiel's rules read: the skeleton asks for them. */
static void
collect_keywords(const mc_node *e, int *wanted, const mc_node **excluded,
    size_t *nexcluded)
{
	if (e == NULL)
		return;
	switch (e->kind) {
	case MC_N_WORD: {
		mc_kw kw = mc_kw_find(e->u.word.key);

		if (kw != MC_KW__COUNT)
			wanted[kw] = 1;
		if (strcmp(e->u.word.key, "service_annuel") == 0)
			wanted[MC_KW_SERVICE_ANNUEL] = 1;
		if (strcmp(e->u.word.key, "decharge_complete") == 0)
			wanted[MC_KW_DECHARGE] = 1;
		break;
	}
	case MC_N_CALL:
		if (strcmp(e->u.call.key, "renseigne") == 0 && e->u.call.args != NULL) {
			char head[64];
			const char *k = e->u.call.args->u.word.key;
			size_t n = strcspn(k, ".");
			mc_kw kw;

			snprintf(head, sizeof(head), "%.*s", (int)n, k);
			kw = mc_kw_find(head);
			if (kw != MC_KW__COUNT)
				wanted[kw] = 1;
		}
		break;
	case MC_N_NOT:
		/* « non mission(x) »: a mission the letter must not contain. */
		if (e->u.operand->kind == MC_N_CALL &&
		    strcmp(e->u.operand->u.call.key, "mission") == 0 && *nexcluded < 16)
			excluded[(*nexcluded)++] = e->u.operand->u.call.args;
		collect_keywords(e->u.operand, wanted, excluded, nexcluded);
		break;
	case MC_N_BINARY:
		collect_keywords(e->u.bin.lhs, wanted, excluded, nexcluded);
		collect_keywords(e->u.bin.rhs, wanted, excluded, nexcluded);
		break;
	default:
		break;
	}
}

/* Writes a text as « # » comment lines, wrapped near 90 columns. */
static void
comment(FILE *out, const char *indent, const char *text)
{
	const char *p = text;

	while (*p != '\0') {
		size_t n = 0, cut = 0, chars = 0;

		while (p[n] != '\0' && p[n] != '\n') {
			if (p[n] == ' ' && chars > 80) {
				cut = n;
				break;
			}
			if (((unsigned char)p[n] & 0xc0) != 0x80)
				chars++;
			n++;
		}
		if (cut == 0)
			cut = n;
		fprintf(out, "%s#%s%.*s\n", indent, cut ? " " : "", (int)cut, p);
		p += cut;
		while (*p == ' ' || *p == '\n')
			p++;
	}
}

static int
is_excluded(const mc_mission *m, const mc_node *const *excluded, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(excluded[i]->u.word.key, m->id) == 0)
			return 1;
	return 0;
}

/* The missions asked for with --mission (all when none is). */
typedef struct selection {
	const char *ids[64];
	size_t n;
} selection;

static int
selected(const selection *sel, const char *id)
{
	if (sel->n == 0)
		return 1;
	for (size_t i = 0; i < sel->n; i++)
		if (strcmp(sel->ids[i], id) == 0)
			return 1;
	return 0;
}

/* The référentiel's texts in their epicene form (« il ou elle »): the
 * skeleton does not know the person yet, nor the corps (« {corps:ID} »: the
 * source's). */
static const char *
epicene(mc_arena *a, const mc_referential *ref, const char *s)
{
	const char *r = mc_fill_corps(a, s, ref->commons, NULL, MC_G_UNKNOWN);

	r = r != NULL ? mc_epicene(a, r) : NULL;

	return r != NULL ? r : s;
}

static void
draft_skeleton(FILE *out, const mc_referential *ref, const selection *sel)
{
	mc_arena arena, *ar = &arena;
	int wanted[MC_KW__COUNT] = { 0 };
	const mc_node *excluded[16];
	size_t nexcluded = 0;
	static const mc_kw always[] = {
		MC_KW_LETTRE, MC_KW_ANNEE, MC_KW_PERIODE, MC_KW_ACADEMIE,
		MC_KW_ETABLISSEMENT, MC_KW_PARTIE, MC_KW_CONTEXTE, MC_KW_MISSION,
		MC_KW_SIGNATURES, MC_KW_FAIT_A,
	};

	for (size_t i = 0; i < ref->nrules; i++) {
		collect_keywords(ref->rules[i].when, wanted, excluded, &nexcluded);
		collect_keywords(ref->rules[i].require, wanted, excluded, &nexcluded);
	}
	mc_arena_init(ar, (size_t)64 * 1024);
	for (size_t i = 0; i < sizeof(always) / sizeof(always[0]); i++)
		wanted[always[i]] = 0;
	/* A prohibition (« non renseigne(imp) ») is not a blank to fill. */
	for (size_t i = 0; i < ref->nrules; i++) {
		const mc_node *e = ref->rules[i].require;

		if (e->kind == MC_N_NOT && e->u.operand->kind == MC_N_CALL &&
		    strcmp(e->u.operand->u.call.key, "renseigne") == 0) {
			mc_kw kw = mc_kw_find(e->u.operand->u.call.args->u.word.key);

			if (kw != MC_KW__COUNT)
				wanted[kw] = 0;
		}
	}
	fprintf(out, "# %s\n", epicene(ar, ref, ref->title_text));
	fprintf(out, "# Source : %s\n", ref->source);
	fprintf(out, "# Modèle produit par « missionc nouveau %s » : remplacez chaque « … »,\n"
	    "# retirez les missions et activités qui ne sont pas confiées, puis vérifiez avec\n"
	    "# « missionc verifier FICHIER ». Le langage : docs/langage.md.\n\n", ref->name);
	fprintf(out, "lettre selon %s\nannee …                # ou : periode 2025-2026 .. 2027-2028\n"
	    "academie …\n\netablissement … uai … commune …\n\n", ref->name);
	for (size_t i = 0; i < ref->nroles; i++)
		fprintf(out, "partie %-22s : %s …%s\n", ref->roles[i].id, ref->roles[i].id,
		    ref->holder && strcmp(ref->holder, ref->roles[i].id) == 0 ? " corps …" : "");
	fputc('\n', out);
	for (int k = 0; k < MC_KW__COUNT; k++)
		if (wanted[k])
			fprintf(out, "%s …\n", mc_kw_table[k].key);
	fprintf(out, "\ncontexte …\n");
	for (size_t i = 0; i < ref->nmissions; i++) {
		const mc_mission *m = &ref->missions[i];
		const char *group = NULL;

		if (is_excluded(m, excluded, nexcluded) || !selected(sel, m->id))
			continue;
		fputc('\n', out);
		if (m->number > 0)
			fprintf(out, "# Mission n° %d : %s\n", m->number, epicene(ar, ref, m->title_text));
		else if (m->action != NULL)
			/* Two actions of one sheet share its title: the action tells them apart. */
			fprintf(out, "# Mission : %s — %s\n", epicene(ar, ref, m->title_text), epicene(ar, ref, m->action));
		else
			fprintf(out, "# Mission : %s\n", epicene(ar, ref, m->title_text));
		/* What to write in place of the « … » after the mission's name. */
		if (m->flat)
			fprintf(out, "# Engagement annuel forfaitaire : écrivez « forfait ».\n");
		else if (m->quantum.unit != MC_U_NONE) {
			char q[64], h[64];

			mc_quantity_format(m->quantum, q, sizeof(q), 0);
			if (m->half.unit != MC_U_NONE) {
				mc_quantity_format(m->half, h, sizeof(h), 0);
				fprintf(out, "# Quantum de la fiche : %s par part (deux parts : le double) ;"
				    " demi-part : %s depuis %d-%d.\n", q, h, m->half_from, m->half_from + 1);
			} else
				fprintf(out, "# Quantum de la fiche : %s par part (deux parts : le double).\n", q);
		}
		fprintf(out, "mission %s%s {\n", m->id,
		    m->flat || m->quantum.unit != MC_U_NONE ? " …" : "");
		for (size_t a = 0; a < m->nactivities; a++) {
			const mc_activity *act = &m->activities[a];

			if (act->group_id != NULL && (group == NULL || strcmp(group, act->group_id) != 0))
				comment(out, "  ", epicene(ar, ref, act->group_text));
			group = act->group_id;
			comment(out, "  ", epicene(ar, ref, act->text));
			fprintf(out, "  activite %s {\n    observation …\n  }\n", act->id);
		}
		fprintf(out, "  # activite specifique \"…\" { observation … }\n}\n");
	}
	fprintf(out, "\nsignatures ");
	for (size_t i = 0; i < ref->nroles; i++)
		fprintf(out, "%s%s", i ? ", " : "", ref->roles[i].id);
	fprintf(out, "\nfait_a … le …\n");
	mc_arena_free(ar);
}

/* The skeleton in the canonical layout of `missionc formater`, so that a
 * letter begun from it stays formatted. */
static void
write_skeleton(FILE *out, const mc_referential *ref, const selection *sel)
{
	char *draft = NULL;
	size_t len = 0;
	FILE *mem = open_memstream(&draft, &len);
	mc_buffer b;

	if (mem == NULL) {
		draft_skeleton(out, ref, sel);
		return;
	}
	draft_skeleton(mem, ref, sel);
	fclose(mem);
	mc_buffer_init(&b);
	if (draft != NULL && mc_format_text(ref->name, draft, len, &b) == MC_FORMAT_OK &&
	    !b.failed)
		fwrite(b.data, 1, b.len, out);
	else if (draft != NULL)
		fwrite(draft, 1, len, out);
	mc_buffer_free(&b);
	free(draft);
}

int
cmd_new(int argc, char **argv, const cli_options *opt)
{
	const char *name = NULL, *output = NULL;
	mc_stdlib *lib;
	const mc_referential *ref;
	int status = EXIT_CLEAN;
	selection sel = { { NULL }, 0 };

	for (int i = 0; i < argc; i++) {
		if (strcmp(argv[i], "-o") == 0 && i + 1 < argc)
			output = argv[++i];
		else if (strcmp(argv[i], "--mission") == 0 && i + 1 < argc &&
		    sel.n < sizeof(sel.ids) / sizeof(sel.ids[0]))
			sel.ids[sel.n++] = argv[++i];
		else if (name == NULL)
			name = argv[i];
		else {
			fprintf(stderr, "missionc nouveau : argument inattendu « %s »\n", argv[i]);
			return EXIT_USAGE;
		}
	}
	if (name == NULL) {
		fputs("missionc nouveau : donnez un référentiel (ex. « missionc nouveau ddfpt -o lettre.mission ») ; « missionc lister » les donne\n",
		    stderr);
		return EXIT_USAGE;
	}
	lib = cli_open_stdlib(opt);
	if (lib == NULL)
		return EXIT_USAGE;
	ref = mc_stdlib_get(lib, name);
	if (ref == NULL || mc_referential_broken(ref)) {
		fprintf(stderr, "missionc nouveau : référentiel « %s » %s (« missionc lister » donne ceux de la bibliothèque)\n",
		    name, ref == NULL ? "inconnu" : "en erreur");
		mc_stdlib_close(lib);
		return EXIT_USAGE;
	}
	for (size_t i = 0; i < sel.n; i++)
		if (mc_ref_mission(ref, sel.ids[i]) == NULL) {
			mc_suggester s;

			mc_suggest_init(&s, sel.ids[i]);
			mc_suggest_each(&s, ref->missions, ref->nmissions, sizeof(*ref->missions));
			fprintf(stderr, "missionc nouveau : mission « %s » inconnue du référentiel « %s » (« missionc lister %s » donne ses missions)\n",
			    sel.ids[i], name, name);
			if (mc_suggest_best(&s) != NULL)
				fprintf(stderr, "  aide : vouliez-vous dire « %s » ?\n",
				    mc_suggest_best(&s));
			mc_stdlib_close(lib);
			return EXIT_USAGE;
		}
	if (output == NULL) {
		write_skeleton(stdout, ref, &sel);
	} else {
		/* Written beside the target, then renamed: never a half-written file. */
		size_t n = strlen(output) + 16;
		char *tmp = malloc(n);
		FILE *f;

		if (access(output, F_OK) == 0) {
			fprintf(stderr, "missionc nouveau : « %s » existe déjà ; choisissez un autre nom\n", output);
			status = EXIT_USAGE;
		} else if (tmp == NULL) {
			status = EXIT_USAGE;
		} else {
			snprintf(tmp, n, "%s.tmp%ld", output, (long)getpid());
			f = fopen(tmp, "w");
			if (f == NULL) {
				fprintf(stderr, "missionc nouveau : impossible d’écrire « %s » : %s\n", output, mc_strerror(errno));
				status = EXIT_USAGE;
			} else {
				write_skeleton(f, ref, &sel);
				if (fclose(f) != 0 || rename(tmp, output) != 0) {
					fprintf(stderr, "missionc nouveau : impossible d’écrire « %s » : %s\n", output, mc_strerror(errno));
					remove(tmp);
					status = EXIT_USAGE;
				}
			}
		}
		free(tmp);
	}
	mc_stdlib_close(lib);
	return status;
}
