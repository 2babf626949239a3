/* fuzz_lsp.c — libFuzzer harness for the language server's input: the bytes
 * are what a client writes on the server's standard input (frames, JSON,
 * methods, positions, texts), served by lsp_serve() from a memory file. The
 * server must answer or drop each message, never crash, hang or leak (ASan
 * and LeakSanitizer watch). `make fuzz` (clang, -fsanitize=fuzzer). */
#define _GNU_SOURCE     /* memfd_create */
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

#include "lsp.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static mc_stdlib *lib;   /* loaded once: as the server keeps it */
	int fd;

	if (lib == NULL) {
		const char *dir = getenv("MISSIONC_STDLIB");

		lib = mc_stdlib_open(dir != NULL ? dir : "stdlib");
		if (freopen("/dev/null", "w", stdout) == NULL)
			abort();
	}
	fd = memfd_create("lsp", 0);
	if (fd < 0)
		return 0;
	if (size == 0 || write(fd, data, size) == (ssize_t)size) {
		lseek(fd, 0, SEEK_SET);
		lsp_serve(lib, fd);
	}
	close(fd);
	return 0;
}
