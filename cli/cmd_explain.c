/* cmd_explain.c — `missionc expliquer CODE`: what a diagnostic of the
 * compiler or a rule of a référentiel says, its severity, its official source
 * and the school years it applies to. */
#include <string.h>

#include "cli.h"
#include "model.h"

/* Catalogue messages are formats: show their blanks as « … ». */
static void
format_blanks(const char *fmt, char *buf, size_t size)
{
	size_t o = 0;

	for (const char *p = fmt; *p != '\0' && o + 4 < size; p++) {
		if (*p == '%' && p[1] == '%') {
			buf[o++] = '%';
			p++;
		} else if (*p == '%') {
			p++;
			while (*p != '\0' && strchr("0123456789.-+ #zlh", *p) != NULL)
				p++;
			memcpy(buf + o, "…", 3);
			o += 3;
			if (*p == '\0')
				break;
		} else {
			buf[o++] = *p;
		}
	}
	buf[o] = '\0';
}

/* A paragraph, wrapped at 78 columns (counted in characters). */
static void
print_wrapped(const char *text, const char *indent)
{
	const char *p = text;
	size_t col = 0;

	fputs(indent, stdout);
	while (*p != '\0') {
		const char *e = strchr(p, ' ');
		size_t n = e ? (size_t)(e - p) : strlen(p);
		size_t w = mc_utf8_chars(p, n);

		if (col > 0 && col + 1 + w > 76) {
			printf("\n%s", indent);
			col = 0;
		} else if (col > 0) {
			putchar(' ');
			col++;
		}
		fwrite(p, 1, n, stdout);
		col += w;
		p += n;
		while (*p == ' ')
			p++;
	}
	putchar('\n');
}

static void
print_lines(const char *text, const char *indent)
{
	for (const char *p = text; *p != '\0';) {
		const char *e = strchr(p, '\n');
		size_t n = e ? (size_t)(e - p) : strlen(p);

		printf("%s%.*s\n", indent, (int)n, p);
		p += n + (e != NULL);
	}
}

int
cli_catalogue_text(const char *code, char *buf, size_t size)
{
	for (size_t i = 0; i < mc_catalogue_count(); i++) {
		const char *c, *message;
		mc_severity sev;

		mc_catalogue_entry(i, &c, &sev, &message);
		if (strcmp(c, code) == 0) {
			format_blanks(message, buf, size);
			return 1;
		}
	}
	return 0;
}

static void
print_rule(const mc_referential *ref, const mc_rule *r)
{
	unsigned line, col;
	const mc_node *e = r->require;

	mc_source_position(&ref->src, r->decl->start, &line, &col);
	printf("%s — %s\n\n", r->code, mc_severity_name(r->severity));
	printf("  %s\n\n", r->message);
	if (r->when != NULL)
		printf("  Quand : %.*s\n", (int)(r->when->end - r->when->start),
		    ref->src.text + r->when->start);
	printf("  Exige : %.*s\n", (int)(e->end - e->start), ref->src.text + e->start);
	if (r->advice != NULL)
		printf("  Conseil : %s\n", r->advice);
	printf("  Source : %s\n", r->source);
	if (r->first_year == 0 && r->last_year == 0)
		printf("  S’applique : à toutes les années scolaires\n");
	else if (r->last_year == 0)
		printf("  S’applique : depuis l’année scolaire %d-%d\n", r->first_year,
		    r->first_year + 1);
	else if (r->first_year == r->last_year)
		printf("  S’applique : à l’année scolaire %d-%d\n", r->first_year,
		    r->first_year + 1);
	else
		printf("  S’applique : des années scolaires %d-%d à %d-%d\n",
		    r->first_year, r->first_year + 1, r->last_year, r->last_year + 1);
	printf("  Définie dans : %s:%u\n", mc_source_name(&ref->src), line);
}

static int
explain_rule(mc_stdlib *lib, const char *code)
{
	const char *dot = strchr(code, '.');
	int found = 0;

	if (dot != NULL) {
		char name[65];
		size_t n = (size_t)(dot - code);
		const mc_referential *ref;
		const mc_rule *r;

		if (n >= sizeof(name))
			return 0;
		memcpy(name, code, n);
		name[n] = '\0';
		ref = mc_stdlib_get(lib, name);
		if (ref == NULL || mc_referential_broken(ref) ||
		    (r = mc_ref_rule(ref, code)) == NULL)
			return 0;
		print_rule(ref, r);
		return 1;
	}
	/* A bare rule name: every référentiel that has one by that name. */
	for (const char *const *names = mc_stdlib_names(lib); names && *names; names++) {
		const mc_referential *ref = mc_stdlib_get(lib, *names);
		const mc_rule *r;

		if (ref == NULL || mc_referential_broken(ref) ||
		    (r = mc_ref_rule(ref, code)) == NULL)
			continue;
		if (found++)
			putchar('\n');
		print_rule(ref, r);
	}
	return found;
}

int
cmd_explain(int argc, char **argv, const cli_options *opt)
{
	mc_stdlib *lib;
	int ok;

	if (argc != 1) {
		fputs("missionc expliquer : donnez un code (ex. « missionc expliquer uai_cle » ou « missionc expliquer ddfpt.duree_max »)\n",
		    stderr);
		return EXIT_USAGE;
	}
	for (size_t i = 0; i < mc_catalogue_count(); i++) {
		const char *code, *message;
		mc_severity sev;

		mc_catalogue_entry(i, &code, &sev, &message);
		if (strcmp(code, argv[0]) == 0) {
			char text[1024];
			const char *why, *wrong, *right;

			format_blanks(message, text, sizeof(text));
			printf("%s — %s (diagnostic du compilateur)\n\n  %s\n", code,
			    mc_severity_name(sev), text);
			if (mc_catalogue_explanation(i, &why, &wrong, &right)) {
				putchar('\n');
				print_wrapped(why, "  ");
				fputs("\nFaux :\n\n", stdout);
				print_lines(wrong, "    ");
				fputs("\nJuste :\n\n", stdout);
				print_lines(right, "    ");
			}
			return EXIT_CLEAN;
		}
	}
	lib = cli_open_stdlib(opt);
	if (lib == NULL)
		return EXIT_USAGE;
	ok = explain_rule(lib, argv[0]);
	mc_stdlib_close(lib);
	if (!ok) {
		fprintf(stderr, "missionc : code « %s » inconnu (les codes figurent entre crochets dans les diagnostics ; « missionc lister RÉFÉRENTIEL » donne les règles)\n",
		    argv[0]);
		return EXIT_USAGE;
	}
	return EXIT_CLEAN;
}
