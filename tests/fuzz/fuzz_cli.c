/* fuzz_cli.c — the command line on any bytes: a command line and its
 * files, run by cli_run (cli/run.c, what main does) in a folder of its own,
 * so that every command (verifier, produire, formater, lot, nouveau,
 * lister, expliquer, regles, modele) and its options meet what a user may
 * type. The input, split at NUL bytes:
 *   1. the arguments, one a line (« produire\nlettre.mission\n-f\nmd »);
 *   2. lettre.mission;  3. donnees.csv;
 *   4. and on: a file each, its name on its first line, its bytes after.
 * For a batch, every file is cut to its first 50 lines.
 * Everything the commands write stays in that folder: an argument naming
 * another place (a « / », a « .. ») is left out, and so are the ones that
 * never end (--surveiller, the lsp command: fuzz_lsp has its own). The
 * folder is emptied after each input and removed at exit; libFuzzer's own
 * paths are made absolute first, as the commands run inside it. */
#define _GNU_SOURCE     /* nftw's FTW_DEPTH, FTW_PHYS */
#include <fcntl.h>
#include <ftw.h>
#include <limits.h>
#include <stdint.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "fuzz_common.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

enum { MAX_ARGS = 32, MAX_ARG_LEN = 256, MAX_FILES = 8, MAX_ROWS = 50 };

static char work[PATH_MAX];     /* the folder the commands run in */
static int home = -1;           /* where libFuzzer runs */
static FILE *devnull;

/* A relative path of libFuzzer's command line, made absolute. */
static char *
absolute(const char *cwd, const char *path)
{
	char *p;

	if (path[0] == '/' || path[0] == '\0')
		return strdup(path);
	p = malloc(strlen(cwd) + strlen(path) + 2);
	FUZZ_CHECK(p != NULL, "mémoire");
	sprintf(p, "%s/%s", cwd, path);
	return p;
}

static int
remove_entry(const char *path, const struct stat *st, int type, struct FTW *ftw)
{
	(void)st;
	(void)type;
	if (ftw->level > 0)
		remove(path);
	return 0;
}

/* Empties the folder (its subfolders too: lot -o, nouveau -o). */
static void
empty_work(void)
{
	nftw(work, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
}

static void
remove_work(void)
{
	if (work[0] == '\0')
		return;
	empty_work();
	rmdir(work);
	work[0] = '\0';
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	static const char *const path_flags[] = {
		"-artifact_prefix=", "-exact_artifact_path=", "-features_dir=",
		"-merge_control_file=", "-dict=",
	};
	char cwd[PATH_MAX], **args;
	const char *tmp = getenv("TMPDIR");
	int prefixed = 0;

	FUZZ_CHECK(getcwd(cwd, sizeof(cwd)) != NULL, "dossier courant");
	args = calloc((size_t)*argc + 2, sizeof(*args));
	FUZZ_CHECK(args != NULL, "mémoire");
	for (int i = 0; i < *argc; i++) {
		const char *a = (*argv)[i];
		size_t k;

		args[i] = (char *)a;
		if (i > 0 && a[0] != '-') {
			args[i] = absolute(cwd, a);
			continue;
		}
		for (k = 0; k < sizeof(path_flags) / sizeof(path_flags[0]); k++)
			if (strncmp(a, path_flags[k], strlen(path_flags[k])) == 0)
				break;
		if (k == sizeof(path_flags) / sizeof(path_flags[0]))
			continue;
		char *rel = absolute(cwd, a + strlen(path_flags[k]));

		args[i] = malloc(strlen(path_flags[k]) + strlen(rel) + 1);
		FUZZ_CHECK(args[i] != NULL, "mémoire");
		sprintf(args[i], "%s%s", path_flags[k], rel);
		free(rel);
		prefixed |= k == 0;
	}
	/* libFuzzer's default: crash-… in the current folder, here ours. */
	if (!prefixed) {
		args[*argc] = malloc(strlen(cwd) + sizeof("-artifact_prefix=/"));
		FUZZ_CHECK(args[*argc] != NULL, "mémoire");
		sprintf(args[*argc], "-artifact_prefix=%s/", cwd);
		(*argc)++;
	}
	*argv = args;

	snprintf(work, sizeof(work), "%s/fuzz_cli.XXXXXX",
	    tmp != NULL && tmp[0] == '/' ? tmp : "/tmp");
	FUZZ_CHECK(mkdtemp(work) != NULL, "dossier temporaire");
	atexit(remove_work);
	home = open(".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	FUZZ_CHECK(home >= 0, "dossier courant");
	devnull = fopen("/dev/null", "w");
	FUZZ_CHECK(devnull != NULL, "/dev/null");
	/* « - » reads nothing; the letters and diagnostics go nowhere. */
	FUZZ_CHECK(freopen("/dev/null", "r", stdin) != NULL, "/dev/null");
	/* The build tree's stdlib/ and templates/ (beside the executable), the
	 * same dates in every letter. */
	unsetenv("MISSIONC_STDLIB");
	unsetenv("MISSIONC_MODELE");
	setenv("SOURCE_DATE_EPOCH", "1756684800", 1);
	return 0;
}

/* An argument that could name a file outside the folder, or never end. */
static int
refused(const char *a)
{
	return strchr(a, '/') != NULL || strstr(a, "..") != NULL ||
	    strcmp(a, "lsp") == 0 || strcmp(a, "--surveiller") == 0 ||
	    strcmp(a, "--watch") == 0;
}

/* The input's first part: one argument a line. */
static int
parse_args(const char *s, size_t len, char **args, char *store, int *batch)
{
	int n = 1, jobs = 0;
	size_t used = 0;

	args[0] = (char *)"missionc";
	while (len > 0 && n < MAX_ARGS - 2) {
		const char *nl = memchr(s, '\n', len);
		size_t l = nl != NULL ? (size_t)(nl - s) : len;
		char *a = store + used;

		memcpy(a, s, l < MAX_ARG_LEN ? l : MAX_ARG_LEN);
		a[l < MAX_ARG_LEN ? l : MAX_ARG_LEN] = '\0';
		used += strlen(a) + 1;
		s += nl != NULL ? l + 1 : l;
		len -= nl != NULL ? l + 1 : l;
		if (refused(a))
			continue;
		/* The batch on one thread: the same letters, in a known order. */
		if (n > 1 && strcmp(args[n - 1], "-j") == 0)
			a = (char *)"1";
		*batch |= strcmp(a, "lot") == 0 || strcmp(a, "batch") == 0;
		jobs |= strcmp(a, "-j") == 0;
		args[n++] = a;
	}
	if (*batch && !jobs) {
		args[n++] = (char *)"-j";
		args[n++] = (char *)"1";
	}
	args[n] = NULL;
	return n;
}

/* The length of the first n lines: each letter of a batch is written and
 * synced to disk, and a few thousand rows would pass libFuzzer's time limit
 * (tests/lot has the large batches). */
static size_t
first_lines(const uint8_t *s, size_t len, int n)
{
	for (size_t i = 0; i < len; i++)
		if (s[i] == '\n' && --n == 0)
			return i + 1;
	return len;
}

/* One file of the input in the folder (a name given twice: the last). */
static void
write_file(int dir, const char *name, const uint8_t *data, size_t len)
{
	int fd = openat(dir, name, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);

	FUZZ_CHECK(fd >= 0, "fichier du dossier temporaire");
	FUZZ_CHECK(len == 0 || write(fd, data, len) == (ssize_t)len,
	    "fichier du dossier temporaire");
	close(fd);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const fixed[] = { "lettre.mission", "donnees.csv" };
	static char store[MAX_ARGS * (MAX_ARG_LEN + 1)];
	char *args[MAX_ARGS + 1];
	const uint8_t *part = data, *end = data + size;
	FILE *out = stdout, *err = stderr;
	int argc, work_fd, nfiles = 0, batch = 0;

	const uint8_t *nul = memchr(part, 0, size);
	size_t len = nul != NULL ? (size_t)(nul - part) : size;

	argc = parse_args((const char *)part, len, args, store, &batch);
	work_fd = open(work, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	FUZZ_CHECK(work_fd >= 0, "dossier temporaire");
	FUZZ_CHECK(fchdir(work_fd) == 0, "dossier temporaire");
	part = nul != NULL ? nul + 1 : end;
	while (part < end && nfiles < MAX_FILES) {
		nul = memchr(part, 0, (size_t)(end - part));
		len = nul != NULL ? (size_t)(nul - part) : (size_t)(end - part);
		/* Any file may be a batch's data. */
		if (batch)
			len = first_lines(part, len, MAX_ROWS);
		if (nfiles < 2) {
			write_file(work_fd, fixed[nfiles], part, len);
		} else {
			const uint8_t *nl = memchr(part, '\n', len);
			size_t l = nl != NULL ? (size_t)(nl - part) : len;
			char name[64];

			if (l > 0 && l < sizeof(name)) {
				memcpy(name, part, l);
				name[l] = '\0';
				if (!refused(name) && strcmp(name, ".") != 0)
					write_file(work_fd, name, part + l + (nl != NULL),
					    len - l - (nl != NULL));
			}
		}
		nfiles++;
		part = nul != NULL ? nul + 1 : end;
	}

	stdout = devnull;
	stderr = devnull;
	cli_run(argc, args);
	fflush(devnull);
	stdout = out;
	stderr = err;

	FUZZ_CHECK(fchdir(home) == 0, "retour au dossier de départ");
	close(work_fd);
	empty_work();
	return 0;
}
