/* diag_sarif.c — diagnostics as a SARIF 2.1.0 log (--diagnostics=sarif), the
 * format GitHub code scanning and other CI tools read: one run of missionc, one
 * rule per code met (its French help and official source), one result per
 * diagnostic with its place relative to the current directory. Written with
 * cJSON; tests/check-sarif.js validates it against the SARIF schema. */
#include <cjson/cJSON.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "model.h"

struct sarif_report {
	mc_stdlib *lib;
	mc_arena arena;       /* the rules' sources with their kind of text */
	cJSON *root;
	cJSON *rules;
	cJSON *results;
};

static const char *
level(mc_severity s)
{
	switch (s) {
	case MC_ERROR:
		return "error";
	case MC_WARNING:
		return "warning";
	case MC_NOTE:
		break;
	}
	return "note";
}

/* A path as a URI reference: bytes other than unreserved ones and « / »
 * percent-encoded (accents, spaces). */
static char *
uri_of(const char *path, int absolute)
{
	static const char hex[] = "0123456789ABCDEF";
	size_t n = strlen(path);
	char *u = malloc(n * 3 + 8), *o = u;

	if (u == NULL)
		return NULL;
	if (absolute) {
		memcpy(o, "file://", 7);
		o += 7;
	}
	for (const unsigned char *p = (const unsigned char *)path; *p != '\0'; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || strchr("-._~/", *p) != NULL) {
			*o++ = (char)*p;
		} else {
			*o++ = '%';
			*o++ = hex[*p >> 4];
			*o++ = hex[*p & 15];
		}
	}
	*o = '\0';
	return u;
}

static cJSON *
location(const mc_span *sp, const char *file)
{
	cJSON *loc = cJSON_CreateObject(), *phys, *art, *region;
	const char *name = sp != NULL && sp->src != NULL ? mc_source_name(sp->src) : file;
	char buf[4096];
	const char *rel = cli_relative_path(name, buf, sizeof(buf));
	char *uri = uri_of(rel, rel[0] == '/');

	phys = cJSON_AddObjectToObject(loc, "physicalLocation");
	art = cJSON_AddObjectToObject(phys, "artifactLocation");
	cJSON_AddStringToObject(art, "uri", uri != NULL ? uri : "");
	if (rel[0] != '/')
		cJSON_AddStringToObject(art, "uriBaseId", "SRCROOT");
	free(uri);
	if (sp != NULL && sp->src != NULL) {
		unsigned line, col, eline, ecol;

		/* Code points of the file as written: a decomposed accent,
		 * composed by the compiler, is two there. */
		mc_source_position(sp->src, sp->start, &line, &col);
		mc_source_position(sp->src, sp->end, &eline, &ecol);
		col = mc_source_original_column(sp->src, sp->start);
		ecol = mc_source_original_column(sp->src, sp->end);
		if (eline < line || (eline == line && ecol <= col)) {
			eline = line;
			ecol = col + 1;
		}
		region = cJSON_AddObjectToObject(phys, "region");
		cJSON_AddNumberToObject(region, "startLine", line);
		cJSON_AddNumberToObject(region, "startColumn", col);
		cJSON_AddNumberToObject(region, "endLine", eline);
		cJSON_AddNumberToObject(region, "endColumn", ecol);
	}
	return loc;
}

static cJSON *
text_object(const char *text)
{
	cJSON *o = cJSON_CreateObject();

	cJSON_AddStringToObject(o, "text", text);
	return o;
}

/* The rule describing `code`, added on its first use; its index. */
static int
rule_index(sarif_report *r, const char *code, mc_severity severity)
{
	int n = cJSON_GetArraySize(r->rules);
	cJSON *rule, *props;
	const char *message = NULL, *help = NULL, *source = NULL;
	char text[1024], how[160];

	for (int i = 0; i < n; i++) {
		cJSON *id = cJSON_GetObjectItem(cJSON_GetArrayItem(r->rules, i), "id");

		if (strcmp(cJSON_GetStringValue(id), code) == 0)
			return i;
	}
	if (cli_catalogue_text(code, text, sizeof(text))) {
		message = text;
		snprintf(how, sizeof(how),
		    "« missionc expliquer %s » donne l’explication et des exemples", code);
		help = how;
	} else if (strchr(code, '.') != NULL && r->lib != NULL) {
		char name[65];
		size_t len = (size_t)(strchr(code, '.') - code);
		const mc_referential *ref;
		const mc_rule *rule_def;

		if (len < sizeof(name)) {
			memcpy(name, code, len);
			name[len] = '\0';
			ref = mc_stdlib_get(r->lib, name);
			if (ref != NULL && !mc_referential_broken(ref) &&
			    (rule_def = mc_ref_rule(ref, code)) != NULL) {
				message = rule_def->message;
				help = rule_def->advice;
				source = mc_rule_origin(&r->arena, ref, rule_def->source);
			}
		}
	}
	rule = cJSON_CreateObject();
	cJSON_AddStringToObject(rule, "id", code);
	cJSON_AddItemToObject(rule, "shortDescription",
	    text_object(message != NULL ? message : code));
	if (help != NULL)
		cJSON_AddItemToObject(rule, "help", text_object(help));
	cJSON_AddStringToObject(cJSON_AddObjectToObject(rule, "defaultConfiguration"),
	    "level", level(severity));
	props = cJSON_AddObjectToObject(rule, "properties");
	if (source != NULL)
		cJSON_AddStringToObject(props, "source", source);
	cJSON_AddItemToArray(r->rules, rule);
	return n;
}

sarif_report *
sarif_report_new(mc_stdlib *lib)
{
	sarif_report *r = calloc(1, sizeof(*r));
	cJSON *run, *driver, *base;
	char cwd[4096], *uri;

	if (r == NULL)
		return NULL;
	r->lib = lib;
	mc_arena_init(&r->arena, 4096);
	r->root = cJSON_CreateObject();
	cJSON_AddStringToObject(r->root, "$schema",
	    "https://json.schemastore.org/sarif-2.1.0.json");
	cJSON_AddStringToObject(r->root, "version", "2.1.0");
	run = cJSON_CreateObject();
	cJSON_AddItemToArray(cJSON_AddArrayToObject(r->root, "runs"), run);
	driver = cJSON_AddObjectToObject(cJSON_AddObjectToObject(run, "tool"), "driver");
	cJSON_AddStringToObject(driver, "name", "missionc");
	cJSON_AddStringToObject(driver, "version", MISSIONC_VERSION);
	cJSON_AddStringToObject(driver, "semanticVersion", MISSIONC_VERSION);
	cJSON_AddStringToObject(driver, "language", "fr-FR");
	/* The référentiels used, with their versions: added once checked. */
	cJSON_AddObjectToObject(driver, "properties");
	r->rules = cJSON_AddArrayToObject(driver, "rules");
	if (getcwd(cwd, sizeof(cwd) - 1) != NULL) {
		size_t n = strlen(cwd);

		if (n == 0 || cwd[n - 1] != '/')
			strcat(cwd, "/");
		uri = uri_of(cwd, 1);
		base = cJSON_AddObjectToObject(cJSON_AddObjectToObject(run,
		    "originalUriBaseIds"), "SRCROOT");
		cJSON_AddStringToObject(base, "uri", uri != NULL ? uri : "file:///");
		free(uri);
	}
	cJSON_AddStringToObject(run, "columnKind", "unicodeCodePoints");
	r->results = cJSON_AddArrayToObject(run, "results");
	return r;
}

static void
add_result(sarif_report *r, const mc_diag *d, const char *file)
{
	cJSON *res = cJSON_CreateObject(), *related = NULL;
	mc_buffer text;
	int id = 0;

	/* The message reads alone: the help and the remarks follow it. */
	mc_buffer_init(&text);
	mc_buffer_puts(&text, d->message);
	if (d->suggestion != NULL)
		mc_buffer_printf(&text, "\naide : %s", d->suggestion);
	for (const mc_note *n = d->notes; n != NULL; n = n->next)
		if (n->span.src == NULL)
			mc_buffer_printf(&text, "\nnote : %s", n->message);
	mc_buffer_put(&text, "", 1);
	if (text.failed) {
		mc_buffer_free(&text);
		cJSON_Delete(res);
		return;
	}
	cJSON_AddStringToObject(res, "ruleId", d->code);
	cJSON_AddNumberToObject(res, "ruleIndex", rule_index(r, d->code, d->severity));
	cJSON_AddStringToObject(res, "level", level(d->severity));
	cJSON_AddItemToObject(res, "message", text_object(text.data));
	mc_buffer_free(&text);
	cJSON_AddItemToArray(cJSON_AddArrayToObject(res, "locations"),
	    location(&d->span, file));
	for (const mc_note *n = d->notes; n != NULL; n = n->next) {
		cJSON *loc;

		if (n->span.src == NULL)
			continue;
		if (related == NULL)
			related = cJSON_AddArrayToObject(res, "relatedLocations");
		loc = location(&n->span, file);
		cJSON_AddNumberToObject(loc, "id", id++);
		cJSON_AddItemToObject(loc, "message", text_object(n->message));
		cJSON_AddItemToArray(related, loc);
	}
	cJSON_AddItemToArray(r->results, res);
}

void
sarif_report_add(sarif_report *r, const char *file, const mc_result *res,
    const char *io_error)
{
	if (io_error != NULL) {
		cJSON *o = cJSON_CreateObject();
		char text[1024];

		snprintf(text, sizeof(text), "impossible de lire « %s » : %s", file, io_error);
		cJSON_AddStringToObject(o, "ruleId", "fichier_illisible");
		cJSON_AddNumberToObject(o, "ruleIndex",
		    rule_index(r, "fichier_illisible", MC_ERROR));
		cJSON_AddStringToObject(o, "level", "error");
		cJSON_AddItemToObject(o, "message", text_object(text));
		cJSON_AddItemToArray(cJSON_AddArrayToObject(o, "locations"),
		    location(NULL, file));
		cJSON_AddItemToArray(r->results, o);
		return;
	}
	for (size_t i = 0; res != NULL && i < mc_result_diag_count(res); i++)
		add_result(r, mc_result_diag(res, i), file);
}

int
sarif_report_print(sarif_report *r, FILE *out)
{
	cJSON *driver = cJSON_GetObjectItem(cJSON_GetObjectItem(cJSON_GetArrayItem(
	    cJSON_GetObjectItem(r->root, "runs"), 0), "tool"), "driver");

	/* As in the JSON report: the référentiels these letters were checked
	 * against, and the fingerprint of each. */
	cJSON_AddItemToObject(cJSON_GetObjectItem(driver, "properties"), "referentiels",
	    cli_loaded_referentials(r->lib));
	return cli_print_json(r->root, out);
}

void
sarif_report_free(sarif_report *r)
{
	if (r == NULL)
		return;
	cJSON_Delete(r->root);
	mc_arena_free(&r->arena);
	free(r);
}
