/* lsp_main.c — `missionc lsp`: the server's loop. Reads each message, answers
 * requests through the feature files, keeps the open documents (incremental
 * sync: a range replaced, or the whole text) and sends their diagnostics once
 * the changes that were already waiting have been read: typing fast costs one
 * check, not one per key. Whatever the
 * client sends, the answer is a JSON-RPC result or error, never an exit. */
#include <signal.h>
#include <stdlib.h>
#include <string.h>

#include "lsp.h"

lsp_doc *
lsp_find_doc(lsp_server *s, const char *uri)
{
	for (size_t i = 0; i < s->ndocs; i++)
		if (strcmp(s->docs[i].uri, uri) == 0)
			return &s->docs[i];
	return NULL;
}

mc_query *
lsp_doc_query(lsp_server *s, lsp_doc *d)
{
	if (d->query != NULL)
		return d->query;
	if (lsp_library_doc(s, d))
		d->query = mc_query_open_library(lsp_library_for(s, d, &d->query_lib),
		    d->path, d->text, d->len);
	else
		d->query = mc_query_open(s->lib, d->path, d->text, d->len);
	return d->query;
}

static void
drop_query(lsp_doc *d)
{
	mc_query_close(d->query);
	d->query = NULL;
	mc_stdlib_close(d->query_lib);
	d->query_lib = NULL;
}

static void
set_text(lsp_doc *d, const char *text, size_t len)
{
	char *copy = malloc(len + 1);

	if (copy == NULL)
		return;   /* out of memory: the old text stays */
	memcpy(copy, text, len);
	copy[len] = '\0';
	free(d->text);
	d->text = copy;
	d->len = len;
	lsp_doc_compose(d);
	drop_query(d);
	d->pending = 1;
}

static void
close_doc(lsp_server *s, lsp_doc *d)
{
	size_t i = (size_t)(d - s->docs);

	free(d->uri);
	free(d->path);
	free(d->text);
	free(d->composed);
	drop_query(d);
	s->docs[i] = s->docs[--s->ndocs];
}

/* A string of the message with its length: a text may hold U+0000. */
static const char *
text_at(const cJSON *obj, const char *key, size_t *len)
{
	return lsp_string(cJSON_GetObjectItemCaseSensitive(obj, key), len);
}

static const char *
string_at(const cJSON *obj, const char *key)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);

	return cJSON_IsString(v) ? v->valuestring : NULL;
}

static const cJSON *
object_at(const cJSON *obj, const char *key)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);

	return cJSON_IsObject(v) ? v : NULL;
}

static void
did_open(lsp_server *s, const cJSON *params)
{
	const cJSON *td = object_at(params, "textDocument");
	const char *uri = string_at(td, "uri");
	const cJSON *version = cJSON_GetObjectItemCaseSensitive(td, "version");
	size_t len;
	const char *text = text_at(td, "text", &len);
	lsp_doc *d;

	if (uri == NULL || text == NULL)
		return;
	d = lsp_find_doc(s, uri);
	if (d == NULL) {
		if (s->ndocs == s->capdocs) {
			size_t cap = s->capdocs ? s->capdocs * 2 : 8;
			lsp_doc *docs = realloc(s->docs, cap * sizeof(*docs));

			if (docs == NULL)
				return;
			s->docs = docs;
			s->capdocs = cap;
		}
		d = &s->docs[s->ndocs];
		memset(d, 0, sizeof(*d));
		d->uri = strdup(uri);
		d->path = lsp_uri_path(uri);
		if (d->path == NULL)
			d->path = strdup(uri);
		if (d->uri == NULL || d->path == NULL) {
			free(d->uri);
			free(d->path);
			return;
		}
		s->ndocs++;
	}
	d->version = cJSON_IsNumber(version) ? version->valueint : 0;
	d->encoding = s->encoding;
	set_text(d, text, len);
}

/* One change of a didChange: the whole text, or a range of it replaced
 * (incremental sync, positions in the agreed encoding). 0 when it is
 * neither: the changes after it are not applied. */
static int
apply_change(lsp_doc *d, const cJSON *c)
{
	size_t n, len;
	const char *text = text_at(c, "text", &n);
	const cJSON *range = cJSON_GetObjectItemCaseSensitive(c, "range");
	uint32_t l0, c0, l1, c1, start, end;
	char *next;

	if (text == NULL)
		return 0;
	if (range == NULL) {
		set_text(d, text, n);
		return 1;
	}
	if (!lsp_read_position(cJSON_GetObjectItemCaseSensitive(range, "start"), &l0, &c0) ||
	    !lsp_read_position(cJSON_GetObjectItemCaseSensitive(range, "end"), &l1, &c1))
		return 0;
	start = lsp_text_offset(d, l0, c0);
	end = lsp_text_offset(d, l1, c1);
	if (end < start) {
		uint32_t t = start;

		start = end;
		end = t;
	}
	len = d->len - (end - start) + n;
	if ((next = malloc(len + 1)) == NULL)
		return 0;
	memcpy(next, d->text, start);
	memcpy(next + start, text, n);
	memcpy(next + start + n, d->text + end, d->len - end);
	next[len] = '\0';
	set_text(d, next, len);
	free(next);
	return 1;
}

static void
did_change(lsp_server *s, const cJSON *params)
{
	const cJSON *td = object_at(params, "textDocument");
	const cJSON *changes = cJSON_GetObjectItemCaseSensitive(params, "contentChanges");
	const cJSON *version = cJSON_GetObjectItemCaseSensitive(td, "version");
	const char *uri = string_at(td, "uri");
	lsp_doc *d = uri != NULL ? lsp_find_doc(s, uri) : NULL;
	const cJSON *c;

	if (d == NULL || !cJSON_IsArray(changes))
		return;
	/* In order: each range is in the text the previous change left. */
	cJSON_ArrayForEach(c, changes) {
		if (!apply_change(d, c))
			break;
	}
	if (cJSON_IsNumber(version))
		d->version = version->valueint;
}

static void
did_close(lsp_server *s, const cJSON *params)
{
	const char *uri = string_at(object_at(params, "textDocument"), "uri");
	lsp_doc *d = uri != NULL ? lsp_find_doc(s, uri) : NULL;
	cJSON *p;

	if (d == NULL)
		return;
	/* The editor forgets the file: so do its diagnostics. */
	p = cJSON_CreateObject();
	if (p != NULL) {
		cJSON_AddStringToObject(p, "uri", d->uri);
		cJSON_AddItemToObject(p, "diagnostics", cJSON_CreateArray());
		lsp_notify("textDocument/publishDiagnostics", p);
	}
	close_doc(s, d);
}

static cJSON *
capabilities(void)
{
	cJSON *c = cJSON_CreateObject(), *sync, *comp, *trig, *exec, *cmds, *info;

	if (c == NULL)
		return NULL;
	sync = cJSON_AddObjectToObject(c, "textDocumentSync");
	cJSON_AddBoolToObject(sync, "openClose", 1);
	cJSON_AddNumberToObject(sync, "change", 2);   /* incremental */
	comp = cJSON_AddObjectToObject(c, "completionProvider");
	trig = cJSON_AddArrayToObject(comp, "triggerCharacters");
	cJSON_AddItemToArray(trig, cJSON_CreateString(" "));
	cJSON_AddItemToArray(trig, cJSON_CreateString(","));
	cJSON_AddBoolToObject(c, "hoverProvider", 1);
	cJSON_AddBoolToObject(c, "definitionProvider", 1);
	cJSON_AddBoolToObject(c, "documentSymbolProvider", 1);
	cJSON_AddBoolToObject(c, "documentFormattingProvider", 1);
	cJSON_AddBoolToObject(c, "codeActionProvider", 1);
	exec = cJSON_AddObjectToObject(c, "executeCommandProvider");
	cmds = cJSON_AddArrayToObject(exec, "commands");
	cJSON_AddItemToArray(cmds, cJSON_CreateString("missionc.selectionnerBlanc"));
	cJSON_AddItemToArray(cmds, cJSON_CreateString("missionc.appliquer"));
	info = cJSON_CreateObject();
	cJSON_AddStringToObject(info, "name", "missionc");
	cJSON_AddStringToObject(info, "version", MISSIONC_VERSION);
	cJSON_AddItemToObject(c, "serverInfo", info);
	return c;
}

/* Whether the array at obj's path (keys, NULL-terminated) holds the string. */
static int
lists(const cJSON *obj, const char *const *path, const char *value)
{
	const cJSON *e;

	for (; *path != NULL; path++)
		obj = cJSON_GetObjectItemCaseSensitive(obj, *path);
	if (!cJSON_IsArray(obj))
		return 0;
	cJSON_ArrayForEach(e, obj) {
		if (cJSON_IsString(e) && strcmp(e->valuestring, value) == 0)
			return 1;
	}
	return 0;
}

static void
client_capabilities(lsp_server *s, const cJSON *caps)
{
	static const char *const hover[] = { "textDocument", "hover", "contentFormat", NULL };
	static const char *const doc[] = { "textDocument", "completion", "completionItem",
	    "documentationFormat", NULL };
	const cJSON *show = object_at(object_at(caps, "window"), "showDocument"), *watch;

	s->hover_markdown = lists(caps, hover, "markdown");
	s->completion_markdown = lists(caps, doc, "markdown");
	s->show_document = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(show, "support"));
	s->code_action_literals = object_at(object_at(object_at(caps, "textDocument"),
	    "codeAction"), "codeActionLiteralSupport") != NULL;
	s->apply_edit = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(
	    object_at(caps, "workspace"), "applyEdit"));
	watch = object_at(object_at(caps, "workspace"), "didChangeWatchedFiles");
	s->watch_files = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(watch,
	    "dynamicRegistration"));
	s->relative_patterns = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(watch,
	    "relativePatternSupport"));
}

static void
initialize(lsp_server *s, const cJSON *id, const cJSON *params)
{
	const cJSON *opts = object_at(params, "initializationOptions");
	const cJSON *delay = cJSON_GetObjectItemCaseSensitive(opts, "delai");
	const cJSON *positions = cJSON_GetObjectItemCaseSensitive(opts, "positions"), *offered;
	cJSON *result = cJSON_CreateObject(), *caps;

	if (cJSON_IsNumber(delay) && delay->valuedouble >= 0 && delay->valuedouble <= 5000)
		s->debounce_ms = (int)delay->valuedouble;
	s->initialized = 1;
	client_capabilities(s, object_at(params, "capabilities"));
	if (result == NULL)
		return;
	caps = capabilities();
	/* LSP 3.17: the encoding of positions, among the client's. A client
	 * that names none yet counts in bytes (ALE, Vim) says so by the
	 * option « positions », as clangd's --offset-encoding. */
	offered = cJSON_GetObjectItemCaseSensitive(object_at(object_at(params, "capabilities"),
	    "general"), "positionEncodings");
	s->encoding = lsp_pick_encoding(offered);
	if (!cJSON_IsArray(offered) && lsp_encoding_named(cJSON_GetStringValue(positions)) != 0)
		s->encoding = lsp_encoding_named(cJSON_GetStringValue(positions));
	cJSON_AddStringToObject(caps, "positionEncoding", lsp_encoding_name(s->encoding));
	/* serverInfo sits beside the capabilities */
	cJSON_AddItemToObject(result, "serverInfo",
	    cJSON_DetachItemFromObjectCaseSensitive(caps, "serverInfo"));
	cJSON_AddItemToObject(result, "capabilities", caps);
	lsp_respond(id, result);
}

typedef cJSON *(*feature_fn)(lsp_server *, lsp_doc *, const cJSON *, lsp_failure *);

static const struct {
	const char *method;
	feature_fn fn;
} features[] = {
	{ "textDocument/completion", lsp_completion },
	{ "textDocument/hover", lsp_hover },
	{ "textDocument/definition", lsp_definition },
	{ "textDocument/documentSymbol", lsp_document_symbols },
	{ "textDocument/formatting", lsp_formatting },
	{ "textDocument/codeAction", lsp_code_action },
};

static void
request(lsp_server *s, const char *method, const cJSON *id, const cJSON *params)
{
	lsp_failure f = { 0, NULL };
	cJSON *result;

	/* LSP 3.17, initialize: « may only be sent once » */
	if (strcmp(method, "initialize") == 0 && !s->initialized) {
		initialize(s, id, params);
		return;
	}
	if (!s->initialized) {
		lsp_error(id, LSP_NOT_INITIALIZED, "le serveur attend « initialize »");
		return;
	}
	if (s->shutdown) {
		lsp_error(id, LSP_INVALID_REQUEST, "le serveur est arrêté (« shutdown » reçu)");
		return;
	}
	if (strcmp(method, "initialize") == 0) {
		lsp_error(id, LSP_INVALID_REQUEST, "« initialize » déjà reçu");
		return;
	}
	if (strcmp(method, "shutdown") == 0) {
		s->shutdown = 1;
		lsp_respond(id, NULL);
		return;
	}
	if (strcmp(method, "workspace/executeCommand") == 0) {
		result = lsp_execute_command(s, params, &f);
		if (f.code != 0)
			lsp_error(id, f.code, f.message);
		else
			lsp_respond(id, result);
		return;
	}
	for (size_t i = 0; i < sizeof(features) / sizeof(features[0]); i++) {
		const char *uri;
		lsp_doc *d;

		if (strcmp(method, features[i].method) != 0)
			continue;
		uri = string_at(object_at(params, "textDocument"), "uri");
		if (uri == NULL) {
			lsp_error(id, LSP_INVALID_PARAMS, "paramètre textDocument.uri manquant");
			return;
		}
		d = lsp_find_doc(s, uri);
		if (d == NULL) {
			lsp_error(id, LSP_INVALID_PARAMS, "document non ouvert (didOpen attendu)");
			return;
		}
		result = features[i].fn(s, d, params, &f);
		if (f.code != 0)
			lsp_error(id, f.code, f.message);
		else
			lsp_respond(id, result);
		return;
	}
	lsp_error(id, LSP_METHOD_NOT_FOUND, "méthode inconnue");
}

static void
notification(lsp_server *s, const char *method, const cJSON *params)
{
	if (!s->initialized || s->shutdown)
		return;
	if (strcmp(method, "initialized") == 0)
		lsp_stdlib_watch(s);
	else if (strcmp(method, "workspace/didChangeWatchedFiles") == 0)
		lsp_stdlib_changed(s, params);
	else if (strcmp(method, "textDocument/didOpen") == 0)
		did_open(s, params);
	else if (strcmp(method, "textDocument/didChange") == 0)
		did_change(s, params);
	else if (strcmp(method, "textDocument/didClose") == 0)
		did_close(s, params);
	/* $/…, didSave and the rest need nothing */
}

/* The JSON of a message body; NULL when it is not JSON. A body followed by
 * the next frame's header (its Content-Length was too large) gives that
 * frame back to the reader; any other text after the JSON makes it invalid. */
static cJSON *
parse(lsp_reader *r, const char *body, size_t len)
{
	const char *end = NULL;
	cJSON *msg = cJSON_ParseWithLengthOpts(body, len, &end, 0);
	size_t rest;

	if (msg == NULL)
		return NULL;
	rest = (size_t)(end - body);
	lsp_keep_lengths(msg, body, rest);
	while (rest < len && strchr(" \t\r\n", body[rest]) != NULL && body[rest] != '\0')
		rest++;
	if (rest == len)
		return msg;
	if (lsp_is_header(body + rest, len - rest) &&
	    lsp_unread(r, body + rest, len - rest))
		return msg;
	cJSON_Delete(msg);
	return NULL;
}

/* Handles one message; returns 1 after « exit ». */
static int
handle(lsp_server *s, cJSON *msg)
{
	const cJSON *id, *params;
	const char *method;

	if (msg == NULL) {
		lsp_error(NULL, LSP_PARSE_ERROR, "JSON illisible");
		return 0;
	}
	id = cJSON_GetObjectItemCaseSensitive(msg, "id");
	method = string_at(msg, "method");
	params = cJSON_GetObjectItemCaseSensitive(msg, "params");
	if (!cJSON_IsObject(msg) || (id != NULL && !cJSON_IsNumber(id) &&
	    !cJSON_IsString(id) && !cJSON_IsNull(id))) {
		lsp_error(NULL, LSP_INVALID_REQUEST, "requête JSON-RPC invalide");
	} else if (method == NULL) {
		/* an answer to one of our requests (or garbage): nothing to do */
		if (id == NULL || cJSON_GetObjectItemCaseSensitive(msg, "result") == NULL) {
			if (cJSON_GetObjectItemCaseSensitive(msg, "error") == NULL)
				lsp_error(id, LSP_INVALID_REQUEST, "requête JSON-RPC sans « method »");
		}
	} else if (strcmp(method, "exit") == 0) {
		cJSON_Delete(msg);
		return 1;
	} else if (params != NULL && !cJSON_IsNull(params) && !cJSON_IsObject(params) &&
	    !cJSON_IsArray(params)) {
		if (id != NULL)
			lsp_error(id, LSP_INVALID_PARAMS, "« params » doit être un objet");
	} else if (id != NULL) {
		request(s, method, id, params);
	} else {
		notification(s, method, params);
	}
	cJSON_Delete(msg);
	return 0;
}

static int
any_pending(const lsp_server *s)
{
	for (size_t i = 0; i < s->ndocs; i++)
		if (s->docs[i].pending)
			return 1;
	return 0;
}

static void
publish_pending(lsp_server *s)
{
	/* The référentiels as they are now on disk, whatever the client saw. */
	if (any_pending(s))
		lsp_stdlib_refresh(s);
	for (size_t i = 0; i < s->ndocs; i++)
		if (s->docs[i].pending) {
			lsp_publish_diagnostics(s, &s->docs[i]);
			s->docs[i].pending = 0;
		}
}

int
lsp_serve(mc_stdlib *lib, int fd)
{
	lsp_server s;
	lsp_reader r = { 0, NULL, 0, 0, 0 };
	int exited = 0;

	memset(&s, 0, sizeof(s));
	lsp_stdlib_init(&s, lib);
	s.encoding = 16;
	r.fd = fd;
	while (!exited) {
		char *body;
		size_t len;
		/* Changes already waiting are read before the diagnostics are sent. */
		int got = lsp_read(&r, &body, &len, any_pending(&s) ? s.debounce_ms : -1);

		if (got == LSP_READ_EOF) {
			publish_pending(&s);   /* what was typed last is still checked */
			break;
		}
		if (got == LSP_READ_TIMEOUT) {
			publish_pending(&s);
			continue;
		}
		if (got == LSP_READ_BAD) {
			lsp_error(NULL, LSP_PARSE_ERROR, "message mal formé (en-tête Content-Length absent, invalide ou message trop long)");
			continue;
		}
		exited = handle(&s, parse(&r, body, len));
		free(body);
	}
	while (s.ndocs > 0)
		close_doc(&s, &s.docs[s.ndocs - 1]);
	free(s.docs);
	lsp_stdlib_free(&s);
	lsp_reader_free(&r);
	/* LSP: exit code 0 only after « shutdown » */
	return exited && s.shutdown ? EXIT_CLEAN : 1;
}

int
cmd_lsp(int argc, char **argv, const cli_options *opt)
{
	mc_stdlib *lib;
	int status;

	(void)argv;
	if (argc != 0) {
		fputs("missionc lsp : aucun argument attendu (le serveur lit l’entrée standard)\n", stderr);
		return EXIT_USAGE;
	}
	lib = cli_open_stdlib(opt);
	if (lib == NULL)
		return EXIT_USAGE;
	/* A client gone away is an end of input, not a signal that kills. */
	signal(SIGPIPE, SIG_IGN);
	status = lsp_serve(lib, 0);
	mc_stdlib_close(lib);
	return status;
}
