/* batch_folder.c — the output folder of a batch, shared by the shards of one
 * batch and by nobody else: a lock file says whose folder it is, every file
 * is written whole or not at all, and the only files ever removed are the
 * batch's own temporaries, named so that no user file can look like one.
 *
 * The lock (« .missionc-lot », flock): a run holds it shared for its whole
 * length, so N shards run at once; it takes it exclusive only for a moment,
 * when it is alone in the folder — then it may write the batch's identity,
 * remove the temporaries a killed run left, and merge the shards' reports. */
#define _GNU_SOURCE     /* O_TMPFILE, linkat: without them, each letter took a
                         * temporary name, a link and an unlink */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "batch.h"

#define LOCK_NAME ".missionc-lot"
#define TEMP_PREFIX ".missionc-"
#define TEMP_SUFFIX ".tmp"

static atomic_ulong temp_counter;

/* « .missionc-<pid>-<n>.tmp »: hidden, and of a form no user file has. */
static int
temp_name(const char *dir, char *path, size_t size)
{
	unsigned long n = atomic_fetch_add(&temp_counter, 1);

	if ((size_t)snprintf(path, size, "%s/" TEMP_PREFIX "%ld-%lu" TEMP_SUFFIX, dir,
	    (long)getpid(), n) >= size) {
		errno = ENAMETOOLONG;
		return -1;
	}
	return 0;
}

/* The temporaries of this run not yet renamed nor removed (the reports for
 * the whole run, a letter per thread where O_TMPFILE is not there): a run
 * interrupted by Ctrl-C, kill or Slurm's SIGTERM removes them before it ends
 * rather than leave half-written files in the folder. Listed under a lock,
 * which the removal keeps: no temporary is made after it. */
static pthread_mutex_t temps_lock = PTHREAD_MUTEX_INITIALIZER;
static char **temps;
static size_t ntemps, temps_cap;

/* With temps_lock held. Out of memory, the temporary is not listed: the
 * next run in the folder removes it. */
static void
temp_listed(const char *path)
{
	if (ntemps == temps_cap) {
		size_t cap = temps_cap ? temps_cap * 2 : 16;
		char **t = realloc(temps, cap * sizeof(*t));

		if (t == NULL)
			return;
		temps = t;
		temps_cap = cap;
	}
	if ((temps[ntemps] = strdup(path)) != NULL)
		ntemps++;
}

void
batch_temp_done(const char *path)
{
	pthread_mutex_lock(&temps_lock);
	for (size_t i = 0; i < ntemps; i++)
		if (strcmp(temps[i], path) == 0) {
			free(temps[i]);
			temps[i] = temps[--ntemps];
			break;
		}
	pthread_mutex_unlock(&temps_lock);
}

void
batch_temps_release(void)
{
	pthread_mutex_lock(&temps_lock);
	for (size_t i = 0; i < ntemps; i++)
		free(temps[i]);
	free(temps);
	temps = NULL;
	ntemps = temps_cap = 0;
	pthread_mutex_unlock(&temps_lock);
}

void
batch_temps_remove(void)
{
	pthread_mutex_lock(&temps_lock);
	for (size_t i = 0; i < ntemps; i++)
		unlink(temps[i]);
	ntemps = 0;
}

int
batch_temp_open(const char *dir, char *path, size_t size)
{
	int fd = -1, saved = EEXIST;

	pthread_mutex_lock(&temps_lock);
	for (int tries = 0; tries < 100; tries++) {
		if (temp_name(dir, path, size) != 0) {
			saved = errno;
			break;
		}
		fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
		saved = errno;
		if (fd >= 0)
			temp_listed(path);
		if (fd >= 0 || errno != EEXIST)
			break;
	}
	pthread_mutex_unlock(&temps_lock);
	errno = saved;
	return fd;
}

/* Is this name one of batch_temp_open's? Exactly « .missionc-DIGITS-DIGITS.tmp ». */
static int
is_temp_name(const char *name)
{
	const char *p = name + strlen(TEMP_PREFIX);
	size_t digits;

	if (strncmp(name, TEMP_PREFIX, strlen(TEMP_PREFIX)) != 0)
		return 0;
	for (int part = 0; part < 2; part++) {
		digits = strspn(p, "0123456789");
		if (digits == 0 || digits > 20)
			return 0;
		p += digits;
		if (part == 0 && *p++ != '-')
			return 0;
	}
	return strcmp(p, TEMP_SUFFIX) == 0;
}

static int
is_folder(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

static int
write_all(int fd, const char *data, size_t len)
{
	while (len > 0) {
		ssize_t w = write(fd, data, len);

		if (w < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		data += w;
		len -= (size_t)w;
	}
	return 0;
}

/* Written without a name first (O_TMPFILE), so that a run killed mid-letter
 * leaves nothing; where the folder cannot (some network file systems), under
 * a temporary name renamed at the end. A file already there under that name
 * is replaced only when `replace` (the batch wrote it); otherwise EEXIST. */
static int
write_file(const char *dir, const char *name, const char *data, size_t len, int replace)
{
	char path[PATH_MAX], tmp[PATH_MAX];
	int fd = -1, saved;

	if ((size_t)snprintf(path, sizeof(path), "%s/%s", dir, name) >= sizeof(path)) {
		errno = ENAMETOOLONG;
		return -1;
	}
	tmp[0] = '\0';
#ifdef O_TMPFILE
	fd = open(dir, O_TMPFILE | O_WRONLY | O_CLOEXEC, 0644);
	if (fd >= 0) {
		char proc[64];

		/* 0644 less the umask, as batch_temp_open's files. */
		if (write_all(fd, data, len) != 0)
			goto fail;
		snprintf(proc, sizeof(proc), "/proc/self/fd/%d", fd);
		if (linkat(AT_FDCWD, proc, AT_FDCWD, path, AT_SYMLINK_FOLLOW) == 0)
			return close(fd);
		if (errno == ENOENT || errno == EPERM || errno == EXDEV) {
			/* No /proc (a chroot), or a folder that links no unnamed
			 * file: the temporary name, as where O_TMPFILE is not. */
			close(fd);
			fd = -1;
			goto named_temp;
		}
		if (errno != EEXIST || !replace)
			goto fail;
		/* The letter is there already (--reprendre redoing it): a name,
		 * then a rename over it. */
		for (int tries = 0; tries < 100; tries++) {
			int linked;

			pthread_mutex_lock(&temps_lock);
			if (temp_name(dir, tmp, sizeof(tmp)) != 0) {
				pthread_mutex_unlock(&temps_lock);
				goto fail;
			}
			linked = linkat(AT_FDCWD, proc, AT_FDCWD, tmp, AT_SYMLINK_FOLLOW) == 0;
			saved = errno;
			if (linked)
				temp_listed(tmp);
			pthread_mutex_unlock(&temps_lock);
			if (linked)
				goto named;
			/* Not ours to remove. */
			tmp[0] = '\0';
			if (saved != EEXIST) {
				errno = saved;
				goto fail;
			}
		}
		goto fail;
	}
named_temp:
#endif
	fd = batch_temp_open(dir, tmp, sizeof(tmp));
	if (fd < 0)
		return -1;
	if (write_all(fd, data, len) != 0)
		goto fail;
#ifdef O_TMPFILE
named:
#endif
	if (close(fd) != 0) {
		fd = -1;
		goto fail;
	}
	fd = -1;
	/* link fails where a file has the name: nothing replaced. */
	if (replace ? rename(tmp, path) != 0 : link(tmp, path) != 0)
		goto fail;
	if (!replace)
		unlink(tmp);
	batch_temp_done(tmp);
	return 0;
fail:
	saved = errno;
	if (saved == EEXIST && is_folder(path))
		saved = EISDIR;         /* what the name is matters more */
	if (fd >= 0)
		close(fd);
	if (tmp[0] != '\0') {
		unlink(tmp);
		batch_temp_done(tmp);
	}
	errno = saved;
	return -1;
}

int
batch_write(const char *dir, const char *name, const char *data, size_t len)
{
	return write_file(dir, name, data, len, 1);
}

int
batch_write_letter(const char *dir, const char *name, const char *data, size_t len,
    int replace)
{
	return write_file(dir, name, data, len, replace);
}

const char *
folder_foreign_report(const char *dir)
{
	static const char *const reports[] = { "rapport.csv", "rapport.json" };
	char path[PATH_MAX];
	struct stat st;

	if ((size_t)snprintf(path, sizeof(path), "%s/" LOCK_NAME, dir) >= sizeof(path) ||
	    (stat(path, &st) == 0 && st.st_size > 0))
		return NULL;
	for (size_t i = 0; i < sizeof(reports) / sizeof(*reports); i++)
		if ((size_t)snprintf(path, sizeof(path), "%s/%s", dir, reports[i]) < sizeof(path) &&
		    lstat(path, &st) == 0)
			return reports[i];
	return NULL;
}

/* The temporaries of runs that were killed: only when no run holds the
 * folder, and only names of batch_temp_open's form. */
static void
remove_temporaries(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;

	if (d == NULL)
		return;
	while ((e = readdir(d)) != NULL) {
		char path[PATH_MAX];

		if (is_temp_name(e->d_name) &&
		    (size_t)snprintf(path, sizeof(path), "%s/%s", dir, e->d_name) < sizeof(path))
			unlink(path);
	}
	closedir(d);
}

static char *
read_identity(int fd)
{
	char *s = malloc(4097);
	ssize_t n;

	if (s == NULL)
		return NULL;
	n = pread(fd, s, 4096, 0);
	s[n > 0 ? n : 0] = '\0';
	return s;
}

static int
write_identity(int fd, const char *identity)
{
	size_t len = strlen(identity);

	if (ftruncate(fd, 0) != 0 || pwrite(fd, identity, len, 0) != (ssize_t)len)
		return -1;
	return 0;
}

int
folder_open(batch_folder *f, const char *dir, const char *identity)
{
	char path[PATH_MAX];
	char *theirs = NULL;
	int alone;

	memset(f, 0, sizeof(*f));
	f->fd = -1;
	f->dir = dir;
	if ((size_t)snprintf(path, sizeof(path), "%s/" LOCK_NAME, dir) >= sizeof(path)) {
		errno = ENAMETOOLONG;
		return -1;
	}
	f->fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0644);
	if (f->fd < 0)
		return -1;
	alone = flock(f->fd, LOCK_EX | LOCK_NB) == 0;
	if (!alone && flock(f->fd, LOCK_SH) != 0)
		return -1;
	theirs = read_identity(f->fd);
	if (theirs == NULL)
		return -1;
	if (theirs[0] != '\0' && strcmp(theirs, identity) != 0) {
		f->other = theirs;
		errno = EBUSY;
		return -1;
	}
	free(theirs);
	if (alone) {
		if (write_identity(f->fd, identity) != 0)
			return -1;
		remove_temporaries(dir);
		/* From now on, other shards may run beside this one. */
		if (flock(f->fd, LOCK_SH) != 0)
			return -1;
	}
	return 0;
}

void
folder_close(batch_folder *f)
{
	if (f->fd >= 0)
		close(f->fd);
	free(f->other);
	f->fd = -1;
	f->other = NULL;
}

int
folder_last(batch_folder *f)
{
	/* Converting a shared lock may let another run in between; both the
	 * others' reports and this one's are already in place. */
	return f->fd >= 0 && flock(f->fd, LOCK_EX | LOCK_NB) == 0;
}
