/* cli.h — the command-line tool's shared pieces: options, file reading,
 * printing diagnostics as text or JSON. The library does the work. */
#ifndef MC_CLI_H
#define MC_CLI_H

#include <stdio.h>

#include "missionc.h"

enum { EXIT_CLEAN = 0, EXIT_RULES = 1, EXIT_USAGE = 2 };

/* Where `make install` puts the stdlib, the templates and the subset fonts
 * ($(PREFIX)/share/missionc and FONTSDIR, given by the Makefile; the Debian
 * package makes its fonts in /var/lib/missionc/polices); a build tree's own
 * folders are looked for first (cli_data_dir). */
#ifndef MISSIONC_DATADIR
#define MISSIONC_DATADIR "/usr/local/share/missionc"
#endif
#define MISSIONC_STDLIB_DIR MISSIONC_DATADIR "/stdlib"
#define MISSIONC_TEMPLATES_DIR MISSIONC_DATADIR "/templates"
#ifndef MISSIONC_FONTS_DIR
#define MISSIONC_FONTS_DIR MISSIONC_DATADIR "/polices"
#endif

typedef struct cli_options {
	const char *stdlib_dir;
	const char *template_dir;   /* --modele */
	int json;
	int sarif;                  /* --diagnostics=sarif */
	int color;                  /* colours in text diagnostics (--couleur) */
} cli_options;

/* Reads a file or standard input (« - »); prints a French error and returns
 * NULL when it cannot. */
char *cli_read_file(const char *path, size_t *len);
mc_stdlib *cli_open_stdlib(const cli_options *opt);
/* Where a file of a stdlib folder (mc_library_file) is checked: its own
 * folder when that holds a commun.mission and is not lib's (an académie's
 * library, checked as letters will use it); NULL for lib's, the one in
 * effect (the standard input, a draft elsewhere, stdlib/ itself). The
 * folder is malloc'd. */
char *cli_library_dir(const mc_stdlib *lib, const char *path);
void cli_data_dir(char *buf, size_t size, const char *sub, const char *up,
    const char *installed);
int cli_write_atomic(const char *path, const char *data, size_t len);
/* « pdf », « html », « md » */
int cli_parse_format(const char *s, mc_format *f);
/* SOURCE_DATE_EPOCH, 0 when unset; 0 returned when it is not a number. */
int cli_source_date(int64_t *epoch);
/* --modele, $MISSIONC_MODELE or templates/defaut; prints its diagnostics;
 * NULL when it has errors. */
mc_template *cli_open_template(const cli_options *opt);

void diag_print_text(FILE *out, const mc_diag *d);
/* The same, with terminal colours when `color`. */
void diag_print_text_color(FILE *out, const mc_diag *d, int color);
/* « 3 erreurs, 1 avertissement » */
void diag_print_summary(FILE *out, size_t errors, size_t warnings, int color);
/* A path under the current directory, relative to it; others unchanged. */
const char *cli_relative_path(const char *path, char *buf, size_t size);
/* The catalogue's message for a compiler code, its blanks shown « … »;
 * 0 when the code is not the compiler's. */
int cli_catalogue_text(const char *code, char *buf, size_t size);
/* SARIF 2.1.0 for CI: one run, every file's results. */
typedef struct sarif_report sarif_report;
sarif_report *sarif_report_new(mc_stdlib *lib);
void sarif_report_add(sarif_report *r, const char *file, const mc_result *res,
    const char *io_error);
int sarif_report_print(sarif_report *r, FILE *out);
void sarif_report_free(sarif_report *r);
/* JSON: one object per file, gathered into one document. */
typedef struct json_report json_report;
json_report *json_report_new(void);
void json_report_add(json_report *r, const char *file, const mc_result *res,
    const char *io_error);
void json_report_output(json_report *r, const char *output);
int json_report_print(json_report *r, FILE *out);
/* Shared by the JSON and SARIF writers (cJSON). */
struct cJSON;
struct cJSON *cli_loaded_referentials(const mc_stdlib *lib);
int cli_print_json(const struct cJSON *root, FILE *out);
void json_report_free(json_report *r);

/* `missionc COMMANDE --help`: 0 when the command is unknown. */
int cli_command_help(const char *cmd, FILE *out);
/* `missionc --version`: the tool's, and each référentiel's (help.c). */
int cli_print_version(const cli_options *opt);
/* The tool's and the loaded référentiels' versions, a top-level
 * « missionc » field of the JSON report. */
void json_report_versions(json_report *r, const mc_stdlib *lib);

/* Waiting for files to change (watch.c, inotify). */
typedef struct cli_watch cli_watch;
cli_watch *cli_watch_new(void);
/* Watches one file (through its folder, for editors that save by renaming). */
int cli_watch_file(cli_watch *w, const char *path);
/* Watches the files of a folder whose names end with suffix. */
int cli_watch_dir(cli_watch *w, const char *dir, const char *suffix);
/* Blocks until a watched file changes; *what says which (file or folder). */
int cli_watch_wait(cli_watch *w, const char **what);
void cli_watch_free(cli_watch *w);

/* The whole command line (argv[0] the program): the global options, then
 * the command; returns the exit status. Never exits. */
int cli_run(int argc, char **argv);

int cmd_check(int argc, char **argv, const cli_options *opt);
int cmd_list(int argc, char **argv, const cli_options *opt);
int cmd_explain(int argc, char **argv, const cli_options *opt);
int cmd_new(int argc, char **argv, const cli_options *opt);
int cmd_rules(int argc, char **argv, const cli_options *opt);
int cmd_build(int argc, char **argv, const cli_options *opt);
int cmd_template(int argc, char **argv, const cli_options *opt);
int cmd_batch(int argc, char **argv, const cli_options *opt);
int cmd_format(int argc, char **argv, const cli_options *opt);
int cmd_lsp(int argc, char **argv, const cli_options *opt);

#endif
