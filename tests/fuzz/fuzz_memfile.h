/* fuzz_memfile.h — bytes given to code that opens a path (the CSV reader):
 * an anonymous file in memory (memfd), named through /proc/self/fd. */
#ifndef MC_FUZZ_MEMFILE_H
#define MC_FUZZ_MEMFILE_H

#include <stdio.h>
#include <sys/mman.h>
#include <unistd.h>

/* Returns the descriptor (to close afterwards) and writes the path, or -1. */
static inline int
fuzz_memfile(const void *data, size_t size, char *path, size_t cap)
{
	int fd = memfd_create("fuzz", MFD_CLOEXEC);

	if (fd < 0)
		return -1;
	if (size > 0 && write(fd, data, size) != (ssize_t)size) {
		close(fd);
		return -1;
	}
	snprintf(path, cap, "/proc/self/fd/%d", fd);
	return fd;
}

#endif
