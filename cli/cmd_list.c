/* cmd_list.c — `missionc lister [RÉFÉRENTIEL]`: the référentiels of the
 * stdlib, or one référentiel's missions and activities with their official text. */
#include <string.h>

#include "cli.h"
#include "model.h"
#include "typo.h"

/* A référentiel's text in the source's reading: its alternatives of
 * agreement (« {il|elle} ») read in the masculine and its « {corps:ID} »
 * as the corps the source names, as the source writes. */
static const char *
source_reading(mc_arena *a, const mc_referential *ref, const char *s)
{
	const char *r = s != NULL ? mc_fill_corps(a, s, ref->commons, NULL, MC_G_MASC) : NULL;

	r = r != NULL ? mc_masculine(a, r) : NULL;
	return r != NULL ? r : s;
}

/* Prints a text block indented, line by line. */
static void
print_indented(const char *text, const char *indent)
{
	const char *p = text;

	while (*p != '\0') {
		const char *e = strchr(p, '\n');
		size_t n = e ? (size_t)(e - p) : strlen(p);

		if (n > 0)
			printf("%s%.*s\n", indent, (int)n, p);
		else
			putchar('\n');
		if (e == NULL)
			break;
		p = e + 1;
	}
}

static int
print_broken(const mc_referential *ref)
{
	fprintf(stderr, "missionc : le référentiel « %s » contient des erreurs :\n",
	    ref->name);
	for (size_t i = 0; i < mc_referential_diag_count(ref); i++)
		diag_print_text(stderr, mc_referential_diag(ref, i));
	return EXIT_RULES;
}

static int
list_all(mc_stdlib *lib)
{
	const char *const *names = mc_stdlib_names(lib);
	int status = EXIT_CLEAN;

	if (names == NULL || *names == NULL) {
		fprintf(stderr, "missionc : aucun référentiel dans « %s »\n",
		    mc_stdlib_dir(lib));
		return EXIT_USAGE;
	}
	printf("Référentiels de la bibliothèque (%s) :\n", mc_stdlib_dir(lib));
	for (; *names != NULL; names++) {
		const mc_referential *ref = mc_stdlib_get(lib, *names);

		if (ref == NULL || mc_referential_broken(ref)) {
			printf("\n  %-12s (contient des erreurs : missionc lister %s)\n",
			    *names, *names);
			status = EXIT_RULES;
			continue;
		}
		printf("\n  %-12s %s\n", ref->name, ref->title);
		printf("  %-12s source : %s\n", "", ref->source);
	}
	return status;
}

/* `missionc lister corps`: the corps of stdlib/commun.mission. */
static int
list_corps(mc_stdlib *lib)
{
	const char *const *names = mc_stdlib_names(lib);
	const mc_commons *c = NULL;

	for (; names != NULL && *names != NULL && c == NULL; names++) {
		const mc_referential *ref = mc_stdlib_get(lib, *names);

		if (ref != NULL && ref->commons != NULL && !ref->commons->broken)
			c = ref->commons;
	}
	if (c == NULL) {
		fprintf(stderr, "missionc : aucun corps dans « %s » (commun.mission)\n",
		    mc_stdlib_dir(lib));
		return EXIT_USAGE;
	}
	printf("Corps (partie … corps NOM) :\n");
	for (size_t i = 0; i < c->ncorps; i++)
		printf("  %-20s %s\n", c->corps[i].id, c->corps[i].label);
	return EXIT_CLEAN;
}

static int
list_one(mc_stdlib *lib, const char *name)
{
	const mc_referential *ref = mc_stdlib_get(lib, name);
	mc_arena arena;

	if (ref == NULL) {
		fprintf(stderr, "missionc : référentiel « %s » inconnu (missionc lister donne ceux de la bibliothèque)\n",
		    name);
		return EXIT_USAGE;
	}
	if (mc_referential_broken(ref))
		return print_broken(ref);
	mc_arena_init(&arena, (size_t)64 * 1024);
	printf("%s — %s\n", ref->name, ref->title);
	printf("Source : %s\n", ref->source);
	if (ref->holder != NULL)
		printf("Titulaire : %s\n", ref->holder);
	printf("Rôles :\n");
	for (size_t i = 0; i < ref->nroles; i++)
		printf("  %-20s %s\n", ref->roles[i].id, ref->roles[i].label);
	for (size_t i = 0; i < ref->nmissions; i++) {
		const mc_mission *m = &ref->missions[i];
		const char *group = NULL;

		putchar('\n');
		if (m->number > 0)
			printf("Mission n° %d — %s : %s\n", m->number, m->id, m->title);
		else
			printf("Mission %s : %s\n", m->id, m->title);
		if (m->action != NULL)
			printf("  Action : %s\n", m->action);
		if (m->text != NULL)
			print_indented(source_reading(&arena, ref, m->text), "  ");
		for (size_t k = 0; k < m->nactivities; k++) {
			const mc_activity *a = &m->activities[k];

			if (a->group_id != NULL && (group == NULL ||
			    strcmp(group, a->group_id) != 0)) {
				printf("  %s\n", source_reading(&arena, ref, a->group_text));
				group = a->group_id;
			} else if (a->group_id == NULL) {
				group = NULL;
			}
			printf("  %s- activite %s : %s\n", a->group_id ? "  " : "", a->id,
			    source_reading(&arena, ref, a->text));
		}
	}
	if (ref->nrules > 0) {
		printf("\nRègles (missionc expliquer CODE) :\n");
		for (size_t i = 0; i < ref->nrules; i++)
			printf("  %-34s %-13s %s\n", ref->rules[i].code,
			    mc_severity_name(ref->rules[i].severity), ref->rules[i].message);
	}
	mc_arena_free(&arena);
	return EXIT_CLEAN;
}

int
cmd_list(int argc, char **argv, const cli_options *opt)
{
	mc_stdlib *lib;
	int status;

	if (argc > 1) {
		fputs("missionc lister : un seul référentiel à la fois\n", stderr);
		return EXIT_USAGE;
	}
	lib = cli_open_stdlib(opt);
	if (lib == NULL)
		return EXIT_USAGE;
	status = argc == 0 ? list_all(lib) : strcmp(argv[0], "corps") == 0 ?
	    list_corps(lib) : list_one(lib, argv[0]);
	mc_stdlib_close(lib);
	return status;
}

static void
md_cell(const char *s)
{
	for (; *s != '\0'; s++) {
		if (*s == '|')
			fputs("\\|", stdout);
		else if (*s == '\n')
			putchar(' ');
		else
			putchar(*s);
	}
}

/* A rule's example in a table cell: each line of the letter as code, one
 * under the other. */
static void
md_code_lines(const char *s)
{
	fputs(" | ", stdout);
	if (s == NULL)
		return;
	fputs("`", stdout);
	for (; *s != '\0'; s++) {
		if (*s == '|')
			fputs("\\|", stdout);
		else if (*s == '\n' && s[1] != '\0')
			fputs("`<br>`", stdout);
		else if (*s != '\n')
			putchar(*s);
	}
	fputs("`", stdout);
}

/* `missionc regles`: every rule of every référentiel as a Markdown document,
 * the source of docs/regles.md (make docs). */
int
cmd_rules(int argc, char **argv, const cli_options *opt)
{
	mc_stdlib *lib;
	int status = EXIT_CLEAN;

	(void)argv;
	if (argc != 0) {
		fputs("missionc regles : aucun argument attendu\n", stderr);
		return EXIT_USAGE;
	}
	lib = cli_open_stdlib(opt);
	if (lib == NULL)
		return EXIT_USAGE;
	printf("# Les règles des référentiels\n\n"
	    "Ce document est produit par `make docs` à partir de `stdlib/` : ne le modifiez pas à la main.\n"
	    "Chaque règle s’explique aussi par `missionc expliquer CODE`.\n");
	for (const char *const *n = mc_stdlib_names(lib); n != NULL && *n != NULL; n++) {
		const mc_referential *ref = mc_stdlib_get(lib, *n);

		if (ref == NULL || mc_referential_broken(ref)) {
			fprintf(stderr, "missionc : le référentiel « %s » contient des erreurs\n", *n);
			status = EXIT_RULES;
			continue;
		}
		printf("\n## %s — %s\n\nSource : %s\n\n", ref->name, ref->title, ref->source);
		if (ref->nrules == 0) {
			printf("Aucune règle.\n");
			continue;
		}
		printf("| code | gravité | message | exige | source | années | faux | juste |\n"
		    "| --- | --- | --- | --- | --- | --- | --- | --- |\n");
		for (size_t i = 0; i < ref->nrules; i++) {
			const mc_rule *r = &ref->rules[i];

			printf("| `%s` | %s | ", r->code, mc_severity_name(r->severity));
			md_cell(r->message);
			fputs(" | ", stdout);
			if (r->when != NULL)
				printf("quand `%.*s` : ", (int)(r->when->end - r->when->start),
				    ref->src.text + r->when->start);
			printf("`%.*s` | ", (int)(r->require->end - r->require->start),
			    ref->src.text + r->require->start);
			md_cell(r->source);
			if (r->first_year == 0 && r->last_year == 0)
				printf(" | toutes");
			else if (r->last_year == 0)
				printf(" | depuis %d-%d", r->first_year, r->first_year + 1);
			else
				printf(" | %d-%d à %d-%d", r->first_year, r->first_year + 1,
				    r->last_year, r->last_year + 1);
			md_code_lines(r->wrong);
			md_code_lines(r->right);
			fputs(" |\n", stdout);
		}
	}
	mc_stdlib_close(lib);
	return status;
}
