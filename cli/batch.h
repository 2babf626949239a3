/* batch.h — the pieces of `missionc lot` (cmd_batch.c): the output file
 * names (batch_names.c), the report of every row (batch_report.c), the
 * output folder shared by the shards of one batch (batch_folder.c) and the
 * merging of their reports (batch_merge.c), and what --reprendre knows of
 * the letters already made (batch_resume.c). */
#ifndef MC_CLI_BATCH_H
#define MC_CLI_BATCH_H

#include <stdint.h>
#include <stdio.h>

#include "csv_reader.h"
#include "missionc.h"

/* Names */

/* A hash table of 64-bit keys and values (batch_map.c). */
typedef struct u64_slot {
	uint64_t key;           /* 0: free */
	uint64_t value;
} u64_slot;

typedef struct u64_map {
	u64_slot *slots;
	size_t n, cap;
} u64_map;

/* The slot of key, added with value 0 (*added = 1) when it was not there;
 * NULL out of memory. */
u64_slot *u64_map_slot(u64_map *m, uint64_t key, int *added);
const u64_slot *u64_map_find(const u64_map *m, uint64_t key);
void u64_map_free(u64_map *m);
/* The array of n items of cap, with room for one more; NULL out of memory
 * (items still there). */
void *batch_grow(void *items, size_t *cap, size_t n, size_t size);

/* The hashes of the names given so far: names stay unique over a batch of
 * any size in 16 to 22 bytes per row. A pattern whose only field is the row
 * number (« lettre-{n} », the default) gives unique names by itself and
 * keeps no set. */
typedef struct name_set {
	u64_map names;
	u64_map bases;          /* a base met twice: the next suffix to try */
	int by_counter;
} name_set;

void name_set_init(name_set *s, const char *pattern);
/* The pattern (« {uai}-{nom} », « {n} », « {ligne} ») filled with the row's
 * cells, made a safe and unique file name with its extension; NULL when no
 * name is left. */
char *batch_file_name(const char *pattern, const char *const *columns,
    size_t ncolumns, const csv_record *rec, unsigned long index,
    name_set *taken, const char *ext);
/* The first « {name} » of the pattern that is neither {n}, {ligne} nor a
 * column of the header (case aside), with its length; NULL when all are. */
const char *batch_pattern_unknown(const char *pattern, const char *const *columns,
    size_t ncolumns, size_t *len);
/* The first « {name} » of the pattern that two columns of the header answer
 * (case aside), with its length; NULL when none. */
const char *batch_pattern_ambiguous(const char *pattern, const char *const *columns,
    size_t ncolumns, size_t *len);
/* A set of strings by their hashes: 1 when key was there, 0 when added,
 * -1 out of memory (--par keeps the keys of the groups so). */
int name_set_add(name_set *s, const char *key);
void name_set_free(name_set *s);

/* Report */

typedef enum row_status {
	ROW_PRODUCED,
	ROW_SKIPPED,            /* --reprendre: the letter is there */
	ROW_REJECTED,           /* errors in the letter or the row */
	ROW_WRITE_FAILED,
	ROW_FAILED              /* out of memory, no file name left */
} row_status;

/* Who a row is about, from its cells (NULL when the export has no such
 * column): shown beside each row of the report. */
typedef struct report_who {
	const char *person;     /* « Léa Moreau » */
	const char *uai;
} report_who;

/* A row's entry in rapport.csv and rapport.json, formatted by the worker
 * that did the row (the model is only read). problem: what went wrong
 * outside the letter (« ecriture_impossible », « nom_impossible »), or NULL. */
void report_entry(mc_buffer *csv, mc_buffer *json, const mc_batch *model,
    const report_who *who, unsigned long line, row_status status,
    const char *name, const mc_result *res, const char *problem_code,
    const char *problem);
/* s with its control characters made spaces. */
void report_clean(mc_buffer *b, const char *s);

#define REPORT_CSV_HEADER "\xef\xbb\xbfligne;statut;personne;uai;fichier;problemes\n"
#define REPORT_JSON_HEAD "{\n  \"version\": 2,\n  \"lignes\": ["
/* The end of rapport.json: the counts of each status. */
void report_json_tail(FILE *f, const unsigned long *counts);
/* The status of a report's « statut » name, or -1. */
int report_status(const char *name);

typedef struct batch_report {
	FILE *csv, *json;
	char *csv_tmp, *json_tmp;
	char *csv_path, *json_path;
	unsigned long counts[ROW_FAILED + 1];
	int first;
	int incomplete;
} batch_report;

/* rapport.csv and rapport.json (« rapport-2-sur-4.csv » with a suffix),
 * written under temporary names until report_close. */
int report_open(batch_report *rp, const char *dir, const char *suffix);
/* Called in row order with the entries of report_entry; a NULL entry (out
 * of memory) makes the report fail at report_close. */
void report_add(batch_report *rp, row_status status, const char *csv,
    const char *json);
/* ok: give the reports their names; otherwise remove them. */
int report_close(batch_report *rp, int ok);

/* The folder */

typedef struct batch_folder {
	const char *dir;
	int fd;                 /* the lock file, locked */
	char *other;            /* folder_open: the other batch's identity */
} batch_folder;

/* Takes the folder for the batch `identity` (one line per setting), shared
 * with its other shards; -1 with errno EBUSY (f->other set) when the folder
 * is another batch's, or another errno. When no other run is in the folder,
 * removes the temporaries a killed run left (batch_temp_open's names only). */
int folder_open(batch_folder *f, const char *dir, const char *identity);
/* 1 when no other run holds the folder any more: this run may merge. */
int folder_last(batch_folder *f);
void folder_close(batch_folder *f);
/* A new temporary file in dir, « .missionc-PID-N.tmp »; its path in `path`.
 * It is listed until batch_temp_done(path) (once renamed or removed), for
 * batch_temps_remove. */
int batch_temp_open(const char *dir, char *path, size_t size);
void batch_temp_done(const char *path);
/* Removes the temporaries listed, and makes no more (the list stays locked):
 * for a run interrupted by a signal, just before it ends. */
void batch_temps_remove(void);
/* The list itself, once the run is over and no signal is watched. */
void batch_temps_release(void);
/* dir/name, whole or not at all; -1 with errno. */
int batch_write(const char *dir, const char *name, const char *data, size_t len);
/* The same for a letter, which replaces a file of its name only when
 * `replace` (the batch's journal lists it): a user's file is never
 * overwritten, -1 with errno EEXIST. */
int batch_write_letter(const char *dir, const char *name, const char *data, size_t len,
    int replace);
/* « rapport.csv » or « rapport.json » when dir holds one and is no batch's
 * folder yet (a user's file, that the batch would overwrite), else NULL. */
const char *folder_foreign_report(const char *dir);

/* The reports of shards 1 to n (« rapport-K-sur-N.csv », .json) merged, in
 * row order, into rapport.csv and rapport.json: 0, 1 when a shard's report
 * is missing (not all have run), -1 with errno. */
int report_merge(const char *dir, unsigned long n);

/* --recueil (batch_bundle.c): from the final rapport.csv, one PDF to print
 * per établissement, « recueil-UAI.pdf » (*made of them), and
 * rapport-par-etablissement.csv; the recueils of an earlier run that this
 * one does not make again removed when unchanged (*removed of them,
 * batch_bundle_log.c); -1 with a message on stderr. */
int bundle_make(const char *dir, unsigned long *made, unsigned long *removed);

/* The recueils the batch wrote (batch_bundle_log.c), « .missionc-recueils ». */
typedef struct bundle_log bundle_log;

/* The recueils the previous run of the batch wrote; NULL out of memory. */
bundle_log *bundle_log_open(const char *dir);
/* This run wrote dir/name: its size and digest, as the folder holds it. */
int bundle_log_add(bundle_log *l, const char *dir, const char *name);
/* done: this run's recueils are all written; then each recueil of the
 * previous run that it did not write and that `current` does not name (a
 * letter's file) is removed if unchanged (*removed), or left with a warning,
 * and a « recueil-….pdf » of no run is named in a warning. The log then
 * lists this run's recueils (and, when not done, the previous run's still
 * there). -1 with errno when the log cannot be written. */
int bundle_log_close(bundle_log *l, const char *dir, int done,
    int (*current)(const void *ctx, const char *name), const void *ctx,
    unsigned long *removed);
void bundle_log_free(bundle_log *l);
/* 0 when libqpdf, loaded only for --recueil, can be; -1 with a message on
 * stderr (checked before the first letter: no batch made for nothing). */
int bundle_available(void);

/* The command line (batch_options.c) */

typedef struct batch_options {
	const char *model, *data, *dir, *format, *pattern, *sep, *encoding, *shard, *group;
	int jobs, resume, quiet, bundle;
	unsigned long shard_k, shard_n;
} batch_options;

/* Parses the options of `missionc lot`; EXIT_CLEAN, or EXIT_USAGE with a
 * message. */
int batch_parse_options(int argc, char **argv, batch_options *o);
/* The csv_encoding --encodage names (utf-8 when NULL), or -1. */
int batch_encoding(const char *name);
int batch_usage_error(const char *msg);
/* The folder and its parents, as `mkdir -p`. */
int batch_make_dirs(const char *dir);
/* Which batch a folder is for (folder_open), and the message when it is
 * another's. */
void batch_identity(const batch_options *o, mc_format f, char *buf, size_t size);
void folder_refused(const batch_folder *f, const char *dir);
/* The first name, name and UAI columns of an export, or (size_t)-1 each. */
void batch_who_columns(const char *const *columns, size_t n, size_t who[3]);
/* --par COLONNE: its column, or (size_t)-1. */
size_t batch_group_column(const char *const *columns, size_t n, const char *name);

/* Resuming */

/* What made a letter: the model, the format and the template, then the
 * row's cells. */
uint64_t digest_start(const char *model, size_t len, const char *format,
    const char *template_id);
uint64_t digest_row(uint64_t start, const char *const *cells, size_t ncells);
uint64_t resume_name_hash(const char *name);
/* The same digest (FNV-1a, 64 bits) over bytes: h is DIGEST_INIT, then the
 * value of the previous call for the next bytes. */
#define DIGEST_INIT 1469598103934665603ULL
uint64_t digest_bytes(uint64_t h, const void *data, size_t len);

/* The letters the folder's journals record (file name's hash → digest),
 * read before the threads start and only read afterwards. */
typedef u64_map resume_map;

int resume_load(resume_map *m, const char *dir);
/* 1 when the journal says this name was made from these inputs. */
int resume_done(const resume_map *m, const char *name, uint64_t digest);
/* 1 when the journal lists a letter of this name: the batch wrote it. */
int resume_known(const resume_map *m, const char *name);
void resume_free(resume_map *m);
/* The journal of this run (« .missionc-journal » and the shard's suffix),
 * to which each letter written is added. */
int journal_open(const char *dir, const char *suffix);
int journal_add(int fd, const char *name, uint64_t digest);

#endif
