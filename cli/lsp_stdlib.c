/* lsp_stdlib.c — the référentiels the server checks letters against (the
 * stdlib folder, or the académie's own given by --stdlib or MISSIONC_STDLIB),
 * read again when one of its files changes on disk: the client is asked to
 * watch them (client/registerCapability, workspace/didChangeWatchedFiles)
 * when it can; and since a client may not, or may miss an event, the folder's
 * files (names, sizes, times) are compared with those loaded before each
 * round of diagnostics. The open letters are then checked again. */
#define _XOPEN_SOURCE 700   /* realpath, PATH_MAX */
#include <dirent.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "lsp.h"

/* FNV-1a, one value at a time (a byte of a name, a field of a stat). */
static uint64_t
mix(uint64_t h, uint64_t v)
{
	return (h ^ v) * UINT64_C(0x100000001b3);
}

static int
is_mission(const char *name)
{
	size_t n = strlen(name);

	return n > 8 && strcmp(name + n - 8, ".mission") == 0;
}

/* What the folder's .mission files are now: a sum of one hash per file
 * (the order of readdir does not count), 0 for a folder that cannot be read. */
static uint64_t
stamp(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	uint64_t sum = 1;

	if (d == NULL)
		return 0;
	while ((e = readdir(d)) != NULL) {
		char path[PATH_MAX];
		struct stat st;
		uint64_t h = UINT64_C(0xcbf29ce484222325);

		if (!is_mission(e->d_name) ||
		    snprintf(path, sizeof(path), "%s/%s", dir, e->d_name) >= (int)sizeof(path))
			continue;
		for (const char *c = e->d_name; *c != '\0'; c++)
			h = mix(h, (unsigned char)*c);
		if (stat(path, &st) == 0) {
			h = mix(h, (uint64_t)st.st_size);
			h = mix(h, (uint64_t)st.st_mtim.tv_sec);
			h = mix(h, (uint64_t)st.st_mtim.tv_nsec);
			h = mix(h, (uint64_t)st.st_ino);
			h = mix(h, (uint64_t)st.st_ctim.tv_nsec);
		}
		sum += h;
	}
	closedir(d);
	return sum;
}

void
lsp_stdlib_init(lsp_server *s, mc_stdlib *lib)
{
	char full[PATH_MAX];

	s->lib = s->given = lib;
	s->stdlib_path = strdup(realpath(mc_stdlib_dir(lib), full) != NULL ? full :
	    mc_stdlib_dir(lib));
	s->stdlib_stamp = stamp(mc_stdlib_dir(lib));
}

void
lsp_stdlib_free(lsp_server *s)
{
	if (s->lib != s->given)
		mc_stdlib_close(s->lib);
	s->lib = s->given;
	free(s->stdlib_path);
	s->stdlib_path = NULL;
}

/* The référentiels read again; every open letter checked again. */
static void
reload(lsp_server *s)
{
	mc_stdlib *lib = mc_stdlib_open(mc_stdlib_dir(s->lib));

	if (lib == NULL)
		return;   /* out of memory: the old ones stay */
	/* A query holds names of the old référentiels: dropped before them. */
	for (size_t i = 0; i < s->ndocs; i++) {
		mc_query_close(s->docs[i].query);
		s->docs[i].query = NULL;
		s->docs[i].pending = 1;
	}
	if (s->lib != s->given)
		mc_stdlib_close(s->lib);
	s->lib = lib;
	s->stdlib_stamp = stamp(mc_stdlib_dir(lib));
}

void
lsp_stdlib_refresh(lsp_server *s)
{
	if (s->stdlib_path != NULL && stamp(mc_stdlib_dir(s->lib)) != s->stdlib_stamp)
		reload(s);
}

void
lsp_stdlib_watch(lsp_server *s)
{
	cJSON *p, *regs, *reg, *opts, *watchers, *w;
	char *uri;

	/* LSP 3.17: registered only when the client says it can be, and
	 * once (a second « initialized » would register the id again). */
	if (!s->watch_files || s->watching || s->stdlib_path == NULL)
		return;
	s->watching = 1;
	p = cJSON_CreateObject();
	regs = cJSON_AddArrayToObject(p, "registrations");
	reg = cJSON_CreateObject();
	cJSON_AddItemToArray(regs, reg);
	cJSON_AddStringToObject(reg, "id", "missionc-referentiels");
	cJSON_AddStringToObject(reg, "method", "workspace/didChangeWatchedFiles");
	opts = cJSON_AddObjectToObject(reg, "registerOptions");
	watchers = cJSON_AddArrayToObject(opts, "watchers");
	w = cJSON_CreateObject();
	cJSON_AddItemToArray(watchers, w);
	if (s->relative_patterns && (uri = lsp_path_uri(s->stdlib_path)) != NULL) {
		/* A folder anywhere, outside the workspace as well. */
		cJSON *rel = cJSON_AddObjectToObject(w, "globPattern");

		cJSON_AddStringToObject(rel, "baseUri", uri);
		cJSON_AddStringToObject(rel, "pattern", "*.mission");
		free(uri);
	} else {
		mc_buffer glob;

		mc_buffer_init(&glob);
		mc_buffer_printf(&glob, "%s/*.mission", s->stdlib_path);
		mc_buffer_put(&glob, "", 1);
		cJSON_AddStringToObject(w, "globPattern", glob.failed ? "*.mission" : glob.data);
		mc_buffer_free(&glob);
	}
	lsp_request(++s->requests, "client/registerCapability", p);
}

/* Whether path is a .mission file of the référentiels' folder. */
int
lsp_stdlib_owns(const lsp_server *s, const char *path)
{
	const char *slash = strrchr(path, '/');
	char dir[PATH_MAX], full[PATH_MAX];

	if (s->stdlib_path == NULL || slash == NULL || !is_mission(slash + 1) ||
	    (size_t)(slash - path) >= sizeof(dir))
		return 0;
	memcpy(dir, path, (size_t)(slash - path));
	dir[slash - path] = '\0';
	/* The folder as the client names it may go through a link. */
	return strcmp(dir, s->stdlib_path) == 0 ||
	    (realpath(dir, full) != NULL && strcmp(full, s->stdlib_path) == 0);
}

void
lsp_stdlib_changed(lsp_server *s, const cJSON *params)
{
	const cJSON *changes = cJSON_GetObjectItemCaseSensitive(params, "changes"), *c;

	if (s->stdlib_path == NULL || !cJSON_IsArray(changes))
		return;
	cJSON_ArrayForEach(c, changes) {
		const char *uri = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(c, "uri"));
		char *path = uri != NULL ? lsp_uri_path(uri) : NULL;
		int ours = path != NULL && lsp_stdlib_owns(s, path);

		free(path);
		if (ours) {
			reload(s);
			return;
		}
	}
}
