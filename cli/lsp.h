/* lsp.h — `missionc lsp`, the language server: what its files share. The
 * transport (lsp_transport.c) frames JSON-RPC messages on stdin/stdout, the
 * dispatcher (lsp_main.c) keeps the open documents and routes each method to
 * its feature file (lsp_diagnostics.c, lsp_names.c, lsp_symbols.c,
 * lsp_actions.c); positions are converted by lsp_position.c; the référentiels
 * are read again when they change by lsp_stdlib.c. The library does the
 * work: the server only translates. */
#ifndef MC_LSP_H
#define MC_LSP_H

#include <cjson/cJSON.h>

#include "cli.h"
#include "query.h"

/* JSON-RPC error codes. */
enum {
	LSP_PARSE_ERROR = -32700,
	LSP_INVALID_REQUEST = -32600,
	LSP_METHOD_NOT_FOUND = -32601,
	LSP_INVALID_PARAMS = -32602,
	LSP_NOT_INITIALIZED = -32002,
	LSP_REQUEST_FAILED = -32803
};

/* Largest message read: a letter is at most 16 Mo, its JSON a little more. */
#define LSP_MAX_MESSAGE ((size_t)40 * 1024 * 1024)

typedef struct lsp_reader {
	int fd;
	char *buf;
	size_t len, cap;
	size_t skip;         /* bytes of an oversized message still to drop */
} lsp_reader;

enum { LSP_READ_EOF, LSP_READ_MESSAGE, LSP_READ_BAD, LSP_READ_TIMEOUT };

/* Reads one message body (malloc'd, NUL-terminated) into *body; waits at most
 * timeout_ms for input (-1: forever). LSP_READ_BAD: a malformed frame or an
 * oversized message, dropped; the stream goes on. */
int lsp_read(lsp_reader *r, char **body, size_t *len, int timeout_ms);
void lsp_reader_free(lsp_reader *r);
/* Puts n bytes back before what is still to be read (the next frame, read
 * as part of a message whose Content-Length was too large); 0 when out of
 * memory. */
int lsp_unread(lsp_reader *r, const char *data, size_t n);
/* 1 when the n bytes at s start with « Content-Length: » (or are its
 * beginning, when fewer). */
int lsp_is_header(const char *s, size_t n);
/* The strings of a message read from json (len bytes) keep their length:
 * cJSON gives a C string, cut at the first « \u0000 » it decodes, whose
 * bytes after it are there all the same. lsp_string gives a string item's
 * text and its length (NULL when item is not a string). */
void lsp_keep_lengths(cJSON *msg, const char *json, size_t len);
const char *lsp_string(const cJSON *item, size_t *len);
/* Sends a message (takes ownership of msg). */
void lsp_send(cJSON *msg);
void lsp_respond(const cJSON *id, cJSON *result);
void lsp_error(const cJSON *id, int code, const char *message);
void lsp_notify(const char *method, cJSON *params);
/* A request from the server to the client, numbered by the server (its
 * answer is ignored). */
void lsp_request(int number, const char *method, cJSON *params);

/* An open document. */
typedef struct lsp_doc {
	char *uri;
	char *path;          /* file name in diagnostics: the URI's path */
	char *text;
	size_t len;
	int version;
	int encoding;        /* of its positions: the server's, agreed at initialize */
	int pending;         /* changed since its diagnostics were sent */
	mc_query *query;     /* read on demand, dropped at each change */
	mc_stdlib *query_lib;    /* its library when it is an académie's file */
	/* The library reads the text composed (NFC): for each byte offset of
	 * that form, the offset in text; NULL when both are the same. */
	uint32_t *composed;
	size_t ncomposed;
} lsp_doc;

typedef struct lsp_server {
	mc_stdlib *lib;      /* the référentiels letters are checked against */
	mc_stdlib *given;    /* the caller's (lsp_serve): not closed here */
	char *stdlib_path;   /* their folder, resolved (lsp_stdlib.c) */
	uint64_t stdlib_stamp;   /* its files when they were read */
	lsp_doc *docs;
	size_t ndocs, capdocs;
	int initialized;
	int shutdown;
	int debounce_ms;     /* extra wait after a change before diagnostics */
	int encoding;        /* of positions (8, 16, 32), agreed at initialize */
	int requests;        /* requests sent to the client */
	/* What the client announced at initialize (LSP 3.17, capabilities):
	 * Markdown in hovers, in completion documentation; window/showDocument. */
	int hover_markdown, completion_markdown, show_document;
	/* CodeAction literals in answers to codeAction (else Commands only),
	 * workspace/applyEdit. */
	int code_action_literals, apply_edit;
	/* workspace/didChangeWatchedFiles registered dynamically, with a
	 * RelativePattern (a folder outside the workspace). */
	int watch_files, relative_patterns;
	int watching;        /* the client was asked to */
} lsp_server;

/* Serves the messages read from fd until « exit » or its end; returns the
 * exit status (0 only after « shutdown »). Answers go to standard output. */
int lsp_serve(mc_stdlib *lib, int fd);

lsp_doc *lsp_find_doc(lsp_server *s, const char *uri);

/* The référentiels (lsp_stdlib.c): lib read again, and the open letters
 * checked again, when its files change. init and free at the start and end
 * of the session; watch asks the client to watch the folder (after
 * « initialized »), changed reads workspace/didChangeWatchedFiles, refresh
 * compares the files with those read (before each round of diagnostics). */
void lsp_stdlib_init(lsp_server *s, mc_stdlib *lib);
void lsp_stdlib_free(lsp_server *s);
void lsp_stdlib_watch(lsp_server *s);
void lsp_stdlib_changed(lsp_server *s, const cJSON *params);
void lsp_stdlib_refresh(lsp_server *s);
/* Whether path is a .mission file of the référentiels' folder: opened by
 * « go to definition » or to be edited, it is checked as a référentiel,
 * not as a letter (lsp_diagnostics.c). */
int lsp_stdlib_owns(const lsp_server *s, const char *path);
/* The document's query, read once per version: a letter's, or a stdlib
 * file's (mc_query_open_library) read against lsp_library_for. */
mc_query *lsp_doc_query(lsp_server *s, lsp_doc *d);
/* Whether the document is a file of a stdlib folder (mc_library_file, or
 * lsp_stdlib_owns): checked and queried as the library reads it. */
int lsp_library_doc(const lsp_server *s, const lsp_doc *d);
/* The library such a file is read against: its own folder's when that is
 * an académie's (opened into *opened, the caller's to close), else the
 * server's (*opened NULL). */
mc_stdlib *lsp_library_for(lsp_server *s, const lsp_doc *d, mc_stdlib **opened);
/* The document checked as `missionc verifier` checks it (*opened: as
 * lsp_library_for, to close with the result). */
mc_result *lsp_check(lsp_server *s, const lsp_doc *d, mc_stdlib **opened);

/* Positions: LSP counts lines from 0 and characters in code units of the
 * encoding agreed at initialize (8, 16 or 32: UTF-8, UTF-16, UTF-32).
 * lsp_pick_encoding picks it among the client's (a JSON array, or NULL). */
int lsp_pick_encoding(const cJSON *offered);
/* « utf-8 », « utf-16 », « utf-32 »: 8, 16, 32; 0 for any other name. */
int lsp_encoding_named(const char *name);
const char *lsp_encoding_name(int encoding);
/* Builds d->composed after a change of d->text. */
void lsp_doc_compose(lsp_doc *d);
/* A position of the document to an offset of the library's text (its source
 * or query); past the end of a line, the end of the line. */
uint32_t lsp_offset(const lsp_doc *d, uint32_t line, uint32_t character);
/* The same position as a byte offset of d->text. */
uint32_t lsp_text_offset(const lsp_doc *d, uint32_t line, uint32_t character);
/* Offsets of src, the document's own text, to a range. */
cJSON *lsp_range(const lsp_doc *d, const mc_source *src, uint32_t start, uint32_t end);
/* Reads {line, character}; 0 when it is not one. */
int lsp_read_position(const cJSON *pos, uint32_t *line, uint32_t *character);
/* « file:///a%20b » ↔ « /a b »; malloc'd, NULL when not a file URI. */
char *lsp_uri_path(const char *uri);
char *lsp_path_uri(const char *path);
/* The URI of a source: the document's when it is its own, else a file's. */
cJSON *lsp_location(const lsp_doc *d, const mc_source *own, mc_span span);

/* Features: each returns the result (or NULL for « null »), or sets
 * *error (a JSON-RPC code) and *message. */
typedef struct lsp_failure {
	int code;
	const char *message;
} lsp_failure;

/* The name in « vouliez-vous dire « X » ? » found in text (malloc'd), or NULL. */
char *lsp_suggested_name(const char *text);
void lsp_publish_diagnostics(lsp_server *s, lsp_doc *d);
cJSON *lsp_completion(lsp_server *s, lsp_doc *d, const cJSON *params, lsp_failure *f);
/* When `offset` is in a «field» of a batch model: 1, and items gets the
 * columns of the export beside it (lsp_fields.c); 0 elsewhere. */
int lsp_field_completion(const lsp_doc *d, const mc_source *src, uint32_t offset,
    cJSON *items);
cJSON *lsp_hover(lsp_server *s, lsp_doc *d, const cJSON *params, lsp_failure *f);
cJSON *lsp_definition(lsp_server *s, lsp_doc *d, const cJSON *params, lsp_failure *f);
cJSON *lsp_document_symbols(lsp_server *s, lsp_doc *d, const cJSON *params, lsp_failure *f);
cJSON *lsp_formatting(lsp_server *s, lsp_doc *d, const cJSON *params, lsp_failure *f);
cJSON *lsp_code_action(lsp_server *s, lsp_doc *d, const cJSON *params, lsp_failure *f);
cJSON *lsp_execute_command(lsp_server *s, const cJSON *params, lsp_failure *f);

#endif
