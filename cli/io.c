/* io.c — reading input files, finding the standard library, writing output
 * files atomically (and never replacing a device, a FIFO or a folder). */
#define _GNU_SOURCE     /* O_TMPFILE, linkat */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"

char *
cli_read_file(const char *path, size_t *len)
{
	FILE *f;
	struct stat st;
	char *buf = NULL;
	size_t cap = 0, n = 0;
	int is_stdin = strcmp(path, "-") == 0;

	if (!is_stdin) {
		if (stat(path, &st) != 0) {
			fprintf(stderr, "missionc : impossible de lire « %s » : %s\n", path,
			    mc_strerror(errno));
			return NULL;
		}
		if (S_ISDIR(st.st_mode)) {
			fprintf(stderr, "missionc : « %s » est un répertoire, pas une lettre (.mission)\n",
			    path);
			return NULL;
		}
	}
	f = is_stdin ? stdin : fopen(path, "rb");
	if (f == NULL) {
		fprintf(stderr, "missionc : impossible de lire « %s » : %s\n", path,
		    mc_strerror(errno));
		return NULL;
	}
	for (;;) {
		size_t got;

		if (n == cap) {
			char *b;

			/* Past the library's limit, reading more is pointless. */
			if (cap > ((size_t)64 << 20)) {
				fprintf(stderr, "missionc : « %s » est trop volumineux pour une lettre\n",
				    path);
				free(buf);
				if (!is_stdin)
					fclose(f);
				return NULL;
			}
			cap = cap ? cap * 2 : 65536;
			b = realloc(buf, cap);
			if (b == NULL) {
				fprintf(stderr, "missionc : mémoire insuffisante pour « %s »\n", path);
				free(buf);
				if (!is_stdin)
					fclose(f);
				return NULL;
			}
			buf = b;
		}
		got = fread(buf + n, 1, cap - n, f);
		n += got;
		if (got == 0)
			break;
	}
	if (ferror(f)) {
		fprintf(stderr, "missionc : impossible de lire « %s » : %s\n", path,
		    mc_strerror(errno ? errno : EIO));
		free(buf);
		if (!is_stdin)
			fclose(f);
		return NULL;
	}
	if (!is_stdin)
		fclose(f);
	*len = n;
	return buf;
}

static int
is_dir(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* A data folder of missionc: `sub` beside the executable (the build tree:
 * ./missionc and stdlib/), two levels up (build/san/missionc), else the
 * installed one. Writes the path into buf. */
void
cli_data_dir(char *buf, size_t size, const char *sub, const char *up,
    const char *installed)
{
	char exe[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);

	if (n > 0) {
		char *slash;

		exe[n] = '\0';
		slash = strrchr(exe, '/');
		if (slash != NULL)
			*slash = '\0';
		snprintf(buf, size, "%s/%s", exe, sub);
		if (is_dir(buf))
			return;
		snprintf(buf, size, "%s/%s", exe, up);
		if (is_dir(buf))
			return;
	}
	snprintf(buf, size, "%s", installed);
}

/* --stdlib, then $MISSIONC_STDLIB, then stdlib/ beside the executable (a
 * build tree), then the installed share directory. */
mc_stdlib *
cli_open_stdlib(const cli_options *opt)
{
	char dir[PATH_MAX + 32];
	mc_stdlib *lib;

	if (opt->stdlib_dir != NULL) {
		if (!is_dir(opt->stdlib_dir)) {
			fprintf(stderr, "missionc : la bibliothèque « %s » n’est pas un dossier lisible\n",
			    opt->stdlib_dir);
			return NULL;
		}
		return mc_stdlib_open(opt->stdlib_dir);
	}
	cli_data_dir(dir, sizeof(dir), "stdlib", "../../stdlib", MISSIONC_STDLIB_DIR);
	lib = mc_stdlib_open(dir);
	if (lib == NULL)
		fprintf(stderr, "missionc : mémoire insuffisante\n");
	return lib;
}

char *
cli_library_dir(const mc_stdlib *lib, const char *path)
{
	const char *slash = strrchr(path, '/');
	char *dir, *commons, full[PATH_MAX], own[PATH_MAX];
	struct stat st;
	int other;

	if (strcmp(path, "-") == 0)
		return NULL;
	dir = slash != NULL ? strndup(path, (size_t)(slash - path + (slash == path))) :
	    strdup(".");
	if (dir == NULL)
		return NULL;
	commons = malloc(strlen(dir) + sizeof("/commun.mission"));
	if (commons != NULL)
		sprintf(commons, "%s/commun.mission", dir);
	other = commons != NULL && stat(commons, &st) == 0 && S_ISREG(st.st_mode) &&
	    (realpath(dir, own) == NULL || realpath(mc_stdlib_dir(lib), full) == NULL ||
	    strcmp(own, full) != 0);
	free(commons);
	if (!other) {
		free(dir);
		return NULL;
	}
	return dir;
}

static int
write_all(int fd, const char *data, size_t len)
{
	size_t done = 0;

	while (done < len) {
		ssize_t w = write(fd, data + done, len - done);

		if (w < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		done += (size_t)w;
	}
	return 0;
}

/* A new file is first written without a name (O_TMPFILE), then given its
 * name: killed before, it leaves nothing; and it costs the folder one entry
 * instead of two (a batch of 40 000 letters shares one folder). Returns 0,
 * 1 when the name exists or O_TMPFILE is not there (then: rename), -1. */
static int
write_unnamed(const char *path, const char *data, size_t len)
{
#ifdef O_TMPFILE
	char dir[PATH_MAX], proc[64];
	const char *slash = strrchr(path, '/');
	int fd, saved;

	if (slash == NULL)
		snprintf(dir, sizeof(dir), ".");
	else
		snprintf(dir, sizeof(dir), "%.*s", (int)(slash - path), path);
	if (slash == path)
		snprintf(dir, sizeof(dir), "/");
	fd = open(dir, O_TMPFILE | O_WRONLY | O_CLOEXEC, 0644);
	if (fd < 0)
		return 1;
	snprintf(proc, sizeof(proc), "/proc/self/fd/%d", fd);
	/* Mode 0644 less the umask, as for any new file: a service that keeps
	 * its letters private (umask 077) gets them private. */
	if (write_all(fd, data, len) != 0) {
		saved = errno;
		close(fd);
		errno = saved;
		return -1;
	}
	if (linkat(AT_FDCWD, proc, AT_FDCWD, path, AT_SYMLINK_FOLLOW) != 0) {
		saved = errno;
		close(fd);
		errno = saved;
		return errno == EEXIST || errno == ENOENT || errno == EPERM ? 1 : -1;
	}
	return close(fd);
#else
	(void)path;
	(void)data;
	(void)len;
	return 1;
#endif
}

/* A device, a FIFO or a socket named as the output is written to as it is
 * (open without creating), never replaced by a regular file. */
static int
write_through(const char *path, const char *data, size_t len)
{
	int fd = open(path, O_WRONLY | O_NOCTTY | O_CLOEXEC), saved;

	if (fd < 0)
		return -1;
	if (write_all(fd, data, len) != 0) {
		saved = errno;
		close(fd);
		errno = saved;
		return -1;
	}
	return close(fd);
}

static int replace_atomic(const char *path, const char *data, size_t len);

/* Writes a file of missionc's output. A regular file (or a new name) is
 * replaced atomically; a symbolic link keeps being a link, and its target is
 * written; a device or a FIFO (/dev/null, a pipe) is written to; a folder is
 * refused. Returns 0, or -1 with errno set. */
int
cli_write_atomic(const char *path, const char *data, size_t len)
{
	struct stat st;

	if (lstat(path, &st) != 0)
		return errno == ENOENT ? replace_atomic(path, data, len) : -1;
	if (S_ISREG(st.st_mode))
		return replace_atomic(path, data, len);
	if (S_ISDIR(st.st_mode)) {
		errno = EISDIR;
		return -1;
	}
	if (S_ISLNK(st.st_mode) && stat(path, &st) == 0 && S_ISREG(st.st_mode)) {
		char *target = realpath(path, NULL);
		int r, saved;

		if (target == NULL)
			return -1;
		r = replace_atomic(target, data, len);
		saved = errno;
		free(target);
		errno = saved;
		return r;
	}
	return write_through(path, data, len);
}

/* A new file beside path, mode 0644 less the umask (mkstemp would make it
 * 0600 whatever the umask). */
static int
open_beside(const char *path, char *tmp, size_t n)
{
	for (unsigned tries = 0; tries < 100; tries++) {
		int fd;

		snprintf(tmp, n, "%s.%ld-%u.tmp", path, (long)getpid(), tries);
		fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644);
		if (fd >= 0 || errno != EEXIST)
			return fd;
	}
	errno = EEXIST;
	return -1;
}

/* Writes the whole file beside its target, then renames it over the target:
 * readers see the old file or the new one, never a part. Returns 0, or -1
 * with errno set. */
static int
replace_atomic(const char *path, const char *data, size_t len)
{
	size_t n = strlen(path) + 32;
	char *tmp = malloc(n);
	struct stat st;
	int fd, saved, r, existed;

	if (tmp == NULL)
		return -1;
	existed = stat(path, &st) == 0;
	if (!existed && (r = write_unnamed(path, data, len)) <= 0) {
		free(tmp);
		return r;
	}
	fd = open_beside(path, tmp, n);
	if (fd < 0) {
		free(tmp);
		return -1;
	}
	if (write_all(fd, data, len) != 0)
		goto fail;
	/* A letter produced again keeps the permissions its file had: one
	 * made private stays private. */
	if ((existed && fchmod(fd, st.st_mode & 07777) != 0) || close(fd) != 0) {
		fd = -1;
		goto fail;
	}
	fd = -1;
	if (rename(tmp, path) != 0)
		goto fail;
	free(tmp);
	return 0;
fail:
	saved = errno;
	if (fd >= 0)
		close(fd);
	unlink(tmp);
	free(tmp);
	errno = saved;
	return -1;
}

const char *
cli_relative_path(const char *path, char *buf, size_t size)
{
	char cwd[PATH_MAX];
	size_t n;

	if (path == NULL || path[0] != '/' || getcwd(cwd, sizeof(cwd)) == NULL)
		return path;
	n = strlen(cwd);
	if (strncmp(path, cwd, n) != 0 || path[n] != '/')
		return path;
	snprintf(buf, size, "%s", path + n + 1);
	return buf;
}
