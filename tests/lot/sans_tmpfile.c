/* sans_tmpfile.c — a folder as some file systems give it, for run-batch.sh
 * (LD_PRELOAD): MC_SANS=tmpfile, a folder that makes no unnamed file
 * (O_TMPFILE: EOPNOTSUPP, as NFS); MC_SANS=proc, no /proc to link an unnamed
 * file by (a chroot: ENOENT). The batch must then write its letters under a
 * temporary name, the same bytes, and leave no temporary behind. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int open(const char *path, int flags, ...);
int open64(const char *path, int flags, ...);
int linkat(int from_dir, const char *from, int to_dir, const char *to, int flags);

/* dlsym gives an object pointer; ISO C converts it to a function pointer
 * only through its bytes. */
#define REAL(fn, name) do { void *sym_ = dlsym(RTLD_NEXT, name); \
	memcpy(&(fn), &sym_, sizeof(fn)); } while (0)

static int
refused(const char *what)
{
	const char *sans = getenv("MC_SANS");

	return sans != NULL && strcmp(sans, what) == 0;
}

static int
open_as(const char *name, const char *path, int flags, va_list ap)
{
	int (*real)(const char *, int, ...);
	mode_t mode = 0;

	REAL(real, name);

	if ((flags & O_CREAT) != 0 || (flags & O_TMPFILE) == O_TMPFILE)
		mode = (mode_t)va_arg(ap, int);
	if ((flags & O_TMPFILE) == O_TMPFILE && refused("tmpfile")) {
		errno = EOPNOTSUPP;
		return -1;
	}
	return real(path, flags, mode);
}

int
open(const char *path, int flags, ...)
{
	va_list ap;
	int fd;

	va_start(ap, flags);
	fd = open_as("open", path, flags, ap);
	va_end(ap);
	return fd;
}

int
open64(const char *path, int flags, ...)
{
	va_list ap;
	int fd;

	va_start(ap, flags);
	fd = open_as("open64", path, flags, ap);
	va_end(ap);
	return fd;
}

int
linkat(int from_dir, const char *from, int to_dir, const char *to, int flags)
{
	int (*real)(int, const char *, int, const char *, int);

	REAL(real, "linkat");
	if (strncmp(from, "/proc/", 6) == 0 && refused("proc")) {
		errno = ENOENT;
		return -1;
	}
	return real(from_dir, from, to_dir, to, flags);
}
